//! Tampering and forged proofs (security reference rows 42 and 43): the
//! signature is checked before any field is trusted, only `eddsa-jcs-2022` is
//! accepted, and keys come only from the verifier's own set.

use gongjiang_credentials::{
    Outcome, PublicKeySet, Reason, StatusLists, proof, unsigned_credential, verify,
};
use serde_json::{Value, json};

use crate::fixtures::*;

fn tampered(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(format!("{s}x")),
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) => json!(n.as_i64().unwrap_or(0) + 1),
        Value::Null => json!(0),
        other => panic!("not a leaf: {other}"),
    }
}

fn reason_of(text: &str) -> Reason {
    match verify_with_school_key(text, issued_at()).outcome {
        Outcome::Invalid(reason) => reason,
        Outcome::Valid => panic!("tampered credential verified as valid:\n{text}"),
    }
}

#[test]
fn changing_any_field_outside_the_proof_breaks_the_signature() {
    let credential = issued();
    let leaves: Vec<String> = leaf_pointers(&credential)
        .into_iter()
        .filter(|p| !p.starts_with("/proof/"))
        .collect();
    assert!(leaves.len() > 40, "only {} leaves", leaves.len());

    for pointer in leaves {
        let mut forged = credential.clone();
        let leaf = forged.pointer_mut(&pointer).unwrap();
        *leaf = tampered(leaf);

        assert_eq!(
            reason_of(&forged.to_string()),
            Reason::BadSignature,
            "{pointer}"
        );
    }
}

#[test]
fn changing_any_field_of_the_proof_makes_the_credential_invalid() {
    let credential = issued();
    let leaves: Vec<String> = leaf_pointers(&credential)
        .into_iter()
        .filter(|p| p.starts_with("/proof/"))
        .collect();
    assert_eq!(leaves.len(), 8); // type, cryptosuite, created, method, purpose, 2 contexts, value

    for pointer in leaves {
        let mut forged = credential.clone();
        let leaf = forged.pointer_mut(&pointer).unwrap();
        *leaf = tampered(leaf);

        let reason = reason_of(&forged.to_string());
        let expected = match pointer.as_str() {
            "/proof/type" | "/proof/cryptosuite" => "unsupported_cryptosuite",
            "/proof/verificationMethod" => "unknown_key",
            "/proof/@context/0" | "/proof/@context/1" => "bad_signature",
            _ => "malformed", // purpose, created no longer a timestamp, proofValue no longer 64 bytes
        };
        assert_eq!(reason.code(), expected, "{pointer}: {reason}");
    }
}

#[test]
fn moving_the_proof_creation_time_breaks_the_signature() {
    let mut forged = issued();
    forged["proof"]["created"] = "2025-06-30T02:00:01Z".into();

    assert_eq!(reason_of(&forged.to_string()), Reason::BadSignature);
}

#[test]
fn adding_or_removing_a_member_breaks_the_signature() {
    let credential = issued();
    let mut added = credential.clone();
    added["credentialSubject"]["achievement"]["creditsAvailable"] = json!(3);
    let mut removed = credential.clone();
    removed.as_object_mut().unwrap().remove("validUntil");
    let mut reordered_array = credential.clone();
    reordered_array["credentialStatus"]
        .as_array_mut()
        .unwrap()
        .reverse();

    for forged in [added, removed, reordered_array] {
        assert_eq!(reason_of(&forged.to_string()), Reason::BadSignature);
    }
}

#[test]
fn flipping_any_byte_of_the_credential_file_makes_it_invalid() {
    let text = issued().to_string();
    let bytes = text.as_bytes();
    let mut checked = 0;

    for i in 0..bytes.len() {
        let mut flipped = bytes.to_vec();
        flipped[i] ^= 0x01;
        // A file that is no longer UTF-8 is not even read; skip those.
        let Ok(flipped) = String::from_utf8(flipped) else {
            continue;
        };
        assert!(
            !verify_with_school_key(&flipped, issued_at()).is_valid(),
            "byte {i} of\n{text}"
        );
        checked += 1;
    }

    assert!(
        checked > text.len() / 2,
        "only {checked} of {} bytes",
        text.len()
    );
}

#[test]
fn a_signature_by_another_key_under_the_same_key_id_does_not_verify() {
    let impostor = key(SCHOOL, "key-1", [0x2b; 32]);
    let credential = gongjiang_credentials::issue(&claims(), &impostor, issued_at()).unwrap();

    assert_eq!(reason_of(&credential.to_string()), Reason::BadSignature);
}

#[test]
fn a_key_id_the_verifier_does_not_trust_is_refused() {
    let result = verify(
        &issued().to_string(),
        &PublicKeySet::new(),
        issued_at(),
        &StatusLists::new(),
    );

    assert_eq!(
        result.outcome,
        Outcome::Invalid(Reason::UnknownKey {
            verification_method: format!("{SCHOOL}#key-1")
        })
    );
    assert_eq!(result.details, None);
}

#[test]
fn a_trusted_key_of_another_member_cannot_vouch_for_the_school() {
    let other = key(OTHER_SCHOOL, "key-1", [7; 32]);
    let unsigned = unsigned_credential(&claims()).unwrap();
    let forged = proof::sign(&unsigned, &other, issued_at()).unwrap();
    let keys = trusting(&[&school_key(), &other]);

    let result = verify(&forged.to_string(), &keys, issued_at(), &StatusLists::new());

    assert_eq!(
        result.outcome,
        Outcome::Invalid(Reason::KeyNotForIssuer {
            verification_method: format!("{OTHER_SCHOOL}#key-1")
        })
    );
}

#[test]
fn proofs_claiming_none_or_a_jose_algorithm_are_refused() {
    for (field, claim) in [
        ("cryptosuite", "none"),
        ("cryptosuite", "HS256"),
        ("type", "JsonWebSignature2020"),
    ] {
        let mut forged = issued();
        forged["proof"][field] = claim.into();

        assert_eq!(
            reason_of(&forged.to_string()).code(),
            "unsupported_cryptosuite",
            "{field}={claim}"
        );
    }
    let mut stripped = issued();
    stripped.as_object_mut().unwrap().remove("proof");
    assert_eq!(reason_of(&stripped.to_string()).code(), "malformed");
}

#[test]
fn a_public_key_inside_the_credential_is_ignored() {
    // An attacker signs with their own key and names it in the payload.
    let attacker = key(SCHOOL, "attacker", [0x66; 32]);
    let mut unsigned = unsigned_credential(&claims()).unwrap();
    unsigned["issuer"]["publicKeyMultibase"] = attacker.public_multibase().into();
    let forged = proof::sign(&unsigned, &attacker, issued_at()).unwrap();

    assert_eq!(reason_of(&forged.to_string()).code(), "unknown_key");
}

#[test]
fn duplicate_member_names_are_refused_before_anything_else() {
    let text = issued().to_string();
    // A second "name" that a lenient reader might show instead of the signed one.
    let forged = text.replacen(
        "\"name\":\"职业技能等级证书\"",
        "\"name\":\"职业技能等级证书\",\"name\":\"博士学位\"",
        1,
    );
    assert_ne!(forged, text);

    assert_eq!(reason_of(&forged).code(), "malformed");
}

#[test]
fn proof_sets_are_refused() {
    let mut credential = issued();
    let proof = credential["proof"].clone();
    credential["proof"] = json!([proof.clone(), proof]);

    assert_eq!(reason_of(&credential.to_string()).code(), "malformed");
}
