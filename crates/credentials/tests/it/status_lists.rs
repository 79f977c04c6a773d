//! Revocation and suspension through published Bitstring Status Lists.

use gongjiang_credentials::{
    Outcome, Reason, StatusError, StatusList, StatusLists, StatusNote, StatusPurpose, StatusResult,
    verify,
};
use time::macros::{date, datetime};

use crate::fixtures::*;

/// Publishes `list` as a signed credential and reads it back as a verifier would.
fn published(lists: &[&StatusList]) -> StatusLists {
    let key = school_key();
    let keys = trusting(&[&key]);
    let now = datetime!(2025-07-02 08:00 +8);
    let mut read = StatusLists::new();
    for list in lists {
        let credential = list
            .to_credential(&key, now, Some(datetime!(2025-07-09 08:00 +8)), now)
            .unwrap();
        read.insert_credential(&credential.to_string(), &keys, now)
            .unwrap();
    }
    read
}

#[test]
fn a_revoked_certificate_verifies_as_revoked_with_reason_and_date() {
    let text = issued().to_string();
    let (mut revocations, suspensions) = clear_lists();
    revocations
        .set(
            INDEX,
            StatusNote::new("证书信息有误，已重新核发", date!(2025 - 07 - 01)).unwrap(),
        )
        .unwrap();
    let lists = published(&[&revocations, &suspensions]);

    let result = verify(
        &text,
        &trusting(&[&school_key()]),
        datetime!(2025-07-02 09:00 +8),
        &lists,
    );

    assert_eq!(
        result.outcome,
        Outcome::Invalid(Reason::Revoked {
            reason: Some("证书信息有误，已重新核发".into()),
            date: Some(date!(2025 - 07 - 01)),
        })
    );
    assert_eq!(
        result.details.as_ref().unwrap().number,
        "Y000142000123254000001"
    );
    assert!(
        result
            .to_string()
            .starts_with("INVALID: revoked since 2025-07-01: 证书信息有误")
    );
}

#[test]
fn a_suspended_certificate_is_valid_again_once_the_suspension_is_lifted() {
    let text = issued().to_string();
    let keys = trusting(&[&school_key()]);
    let now = datetime!(2025-07-02 09:00 +8);
    let (revocations, mut suspensions) = clear_lists();
    suspensions
        .set(
            INDEX,
            StatusNote::new("考评复核中", date!(2025 - 07 - 01)).unwrap(),
        )
        .unwrap();

    let while_suspended = verify(&text, &keys, now, &published(&[&revocations, &suspensions]));
    suspensions.clear(INDEX).unwrap();
    let after = verify(&text, &keys, now, &published(&[&revocations, &suspensions]));

    assert_eq!(
        while_suspended.outcome,
        Outcome::Invalid(Reason::Suspended {
            reason: Some("考评复核中".into()),
            date: Some(date!(2025 - 07 - 01)),
        })
    );
    assert_eq!(after.outcome, Outcome::Valid);
}

#[test]
fn revocation_is_reported_before_expiry() {
    let text = issued().to_string();
    let (mut revocations, suspensions) = clear_lists();
    revocations
        .set(
            INDEX,
            StatusNote::new("违规取得", date!(2026 - 03 - 01)).unwrap(),
        )
        .unwrap();

    let result = verify(
        &text,
        &trusting(&[&school_key()]),
        datetime!(2031-06-01 0:00 +8),
        &lists_of(&[&revocations, &suspensions]),
    );

    assert_eq!(
        result.outcome.clone(),
        Outcome::Invalid(Reason::Revoked {
            reason: Some("违规取得".into()),
            date: Some(date!(2026 - 03 - 01))
        })
    );
}

#[test]
fn another_bit_in_the_list_does_not_affect_this_certificate() {
    let text = issued().to_string();
    let (mut revocations, suspensions) = clear_lists();
    revocations
        .set(
            INDEX + 1,
            StatusNote::new("其他证书", date!(2025 - 07 - 01)).unwrap(),
        )
        .unwrap();

    let result = verify(
        &text,
        &trusting(&[&school_key()]),
        issued_at(),
        &lists_of(&[&revocations, &suspensions]),
    );

    assert_eq!(result.outcome, Outcome::Valid);
}

#[test]
fn without_status_lists_a_certificate_is_valid_but_reported_as_unchecked() {
    let text = issued().to_string();

    let result = verify(
        &text,
        &trusting(&[&school_key()]),
        issued_at(),
        &StatusLists::new(),
    );

    assert_eq!(result.outcome, Outcome::Valid);
    assert!(!result.status_checked());
    assert!(
        result
            .status
            .iter()
            .all(|s| s.result == StatusResult::NotChecked)
    );
    assert!(
        result.to_string().contains("revocation:    not checked"),
        "{result}"
    );
}

#[test]
fn a_status_list_published_under_the_url_by_another_issuer_is_not_used() {
    let text = issued().to_string();
    let foreign = StatusList::new(REVOCATIONS, OTHER_SCHOOL, StatusPurpose::Revocation).unwrap();

    let result = verify(
        &text,
        &trusting(&[&school_key()]),
        issued_at(),
        &lists_of(&[&foreign]),
    );

    assert_eq!(
        result.outcome.clone(),
        Outcome::Invalid(Reason::Malformed(format!(
            "status list {REVOCATIONS} belongs to another issuer"
        )))
    );
}

#[test]
fn a_status_list_credential_signed_by_an_untrusted_key_is_refused() {
    let (revocations, _) = clear_lists();
    let rogue = key(SCHOOL, "key-9", [9; 32]);
    let now = issued_at();
    let credential = revocations.to_credential(&rogue, now, None, now).unwrap();

    let err = StatusLists::new()
        .insert_credential(&credential.to_string(), &trusting(&[&school_key()]), now)
        .unwrap_err();

    assert!(matches!(err, StatusError::Proof(_)), "{err:?}");
}

#[test]
fn a_status_list_credential_with_an_altered_list_is_refused() {
    let (revocations, _) = clear_lists();
    let key = school_key();
    let now = issued_at();
    let mut credential = revocations.to_credential(&key, now, None, now).unwrap();
    let mut emptied = StatusList::new(REVOCATIONS, SCHOOL, StatusPurpose::Revocation).unwrap();
    emptied
        .set(1, StatusNote::new("x", date!(2025 - 01 - 01)).unwrap())
        .unwrap();
    credential["credentialSubject"]["encodedList"] = emptied.bits().encode().into();

    let err = StatusLists::new()
        .insert_credential(&credential.to_string(), &trusting(&[&key]), now)
        .unwrap_err();

    assert_eq!(
        err,
        StatusError::Proof(gongjiang_credentials::proof::ProofError::BadSignature)
    );
}

#[test]
fn a_status_list_credential_has_the_specified_shape() {
    let (mut revocations, _) = clear_lists();
    revocations
        .set(
            3,
            StatusNote::new("证书信息有误", date!(2025 - 07 - 01)).unwrap(),
        )
        .unwrap();
    let now = issued_at();

    let credential = revocations
        .to_credential(&school_key(), now, None, now)
        .unwrap();

    assert_eq!(
        credential["type"],
        serde_json::json!(["VerifiableCredential", "BitstringStatusListCredential"])
    );
    let subject = &credential["credentialSubject"];
    assert_eq!(subject["id"], format!("{REVOCATIONS}#list"));
    assert_eq!(subject["type"], "BitstringStatusList");
    assert_eq!(subject["statusPurpose"], "revocation");
    assert!(
        subject["encodedList"]
            .as_str()
            .unwrap()
            .starts_with("uH4sI")
    );
    assert_eq!(
        subject["statusNotes"],
        serde_json::json!([{"statusListIndex": "3", "reason": "证书信息有误", "date": "2025-07-01"}])
    );
}
