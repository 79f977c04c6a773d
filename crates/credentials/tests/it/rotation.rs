//! Key rotation with `kid` (security reference row 45): old certificates keep
//! verifying after a rotation, new ones carry the new key id, and a removed
//! (compromised) key verifies nothing.

use gongjiang_credentials::{Outcome, PublicKeySet, Reason, StatusLists, issue, verify};

use crate::fixtures::*;

#[test]
fn after_a_rotation_old_certificates_still_verify_and_new_ones_carry_the_new_key_id() {
    let old_key = school_key();
    let new_key = key(SCHOOL, "key-2", [0x3c; 32]);
    let before = issue(&claims(), &old_key, issued_at()).unwrap();
    let after = issue(&claims(), &new_key, issued_at()).unwrap();
    let keys = trusting(&[&old_key, &new_key]);

    let old_result = verify(&before.to_string(), &keys, issued_at(), &StatusLists::new());
    let new_result = verify(&after.to_string(), &keys, issued_at(), &StatusLists::new());

    assert_eq!(old_result.outcome, Outcome::Valid);
    assert_eq!(new_result.outcome, Outcome::Valid);
    assert_eq!(
        after["proof"]["verificationMethod"],
        format!("{SCHOOL}#key-2")
    );
    assert_eq!(
        new_result.details.unwrap().verification_method,
        format!("{SCHOOL}#key-2")
    );
}

#[test]
fn a_removed_key_verifies_nothing_it_signed() {
    let compromised = school_key();
    let mut keys = trusting(&[&compromised]);
    keys.remove(compromised.id());

    let result = verify(
        &issued().to_string(),
        &keys,
        issued_at(),
        &StatusLists::new(),
    );

    assert_eq!(
        result.outcome,
        Outcome::Invalid(Reason::UnknownKey {
            verification_method: format!("{SCHOOL}#key-1")
        })
    );
}

#[test]
fn a_verifier_holding_only_the_published_did_document_can_check_a_certificate() {
    let old_key = school_key();
    let new_key = key(SCHOOL, "key-2", [0x3c; 32]);
    let published = trusting(&[&old_key, &new_key])
        .did_document(SCHOOL)
        .to_string();
    let document: serde_json::Value = serde_json::from_str(&published).unwrap();
    let mut keys = PublicKeySet::new();

    let added = keys.insert_did_document(&document).unwrap();
    let result = verify(
        &issued().to_string(),
        &keys,
        issued_at(),
        &StatusLists::new(),
    );

    assert_eq!(added, 2);
    assert_eq!(document["id"], SCHOOL);
    assert_eq!(
        document["assertionMethod"],
        serde_json::json!([format!("{SCHOOL}#key-1"), format!("{SCHOOL}#key-2")])
    );
    assert_eq!(result.outcome, Outcome::Valid);
}
