//! Issuing: the credential's shape, its content, its privacy, and the refusals.

use gongjiang_credentials::{
    AuthorizationProblem, CertificateNumber, HolderIdentifierKind, HolderReference, IssueError,
    NumberRules, Outcome, SkillLevel, issue, number::NumberMismatch,
};
use serde_json::json;
use time::macros::{date, datetime};

use crate::fixtures::*;

#[test]
fn a_certificate_issued_by_an_authorized_school_verifies_as_valid() {
    let credential = issued();

    let result = verify_with_school_key(&credential.to_string(), issued_at());

    assert_eq!(result.outcome, Outcome::Valid);
    assert!(result.status_checked());
    assert_eq!(result.status.len(), 2);
}

#[test]
fn the_credential_is_an_open_badges_3_achievement_credential() {
    let credential = issued();

    assert_eq!(
        credential["@context"],
        json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ])
    );
    assert_eq!(
        credential["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(credential["issuer"]["type"], json!(["Profile"]));
    assert_eq!(credential["validFrom"], "2025-06-30T00:00:00+08:00");
    assert_eq!(credential["validUntil"], "2030-12-31T23:59:59+08:00");
    let subject = &credential["credentialSubject"];
    assert_eq!(subject["type"], json!(["AchievementSubject"]));
    let achievement = &subject["achievement"];
    assert_eq!(achievement["type"], json!(["Achievement"]));
    assert_eq!(achievement["achievementType"], "Certificate");
    for required in ["id", "name", "description"] {
        assert!(achievement[required].is_string(), "achievement.{required}");
    }
    assert!(achievement["criteria"]["narrative"].is_string());
    let proof = &credential["proof"];
    assert_eq!(proof["type"], "DataIntegrityProof");
    assert_eq!(proof["cryptosuite"], "eddsa-jcs-2022");
    assert_eq!(proof["verificationMethod"], format!("{SCHOOL}#key-1"));
}

#[test]
fn the_credential_carries_the_content_a_certificate_requires() {
    let credential = issued();
    let subject = &credential["credentialSubject"];
    let achievement = &subject["achievement"];

    assert_eq!(credential["name"], "职业技能等级证书");
    assert_eq!(credential["issuer"]["name"], "鄂东技师学院");
    assert_eq!(subject["licenseNumber"], "Y000142000123254000001");
    assert_eq!(subject["identifier"][0]["identityHash"], "王*明");
    assert_eq!(achievement["fieldOfStudy"], "电子专用设备装调工");
    assert_eq!(achievement["humanCode"], "6-25-04-08");
    assert_eq!(achievement["specialization"], "半导体芯片制造");
    assert_eq!(
        achievement["skillLevel"],
        json!({"type": "SkillLevel", "code": "4", "name": "四级/中级工"})
    );
    assert_eq!(
        credential["authorization"]["authorizedBy"]["name"],
        "黄石光电子产教联盟秘书处"
    );
    assert_eq!(
        credential["authorization"]["reference"],
        "黄光联秘〔2025〕3号"
    );
    assert_eq!(credential["alliance"]["name"], "黄石光电子信息产教联盟");
}

#[test]
fn each_status_entry_is_a_bitstring_status_list_entry() {
    let credential = issued();

    assert_eq!(
        credential["credentialStatus"],
        json!([
            {
                "id": format!("{REVOCATIONS}#{INDEX}"),
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": INDEX.to_string(),
                "statusListCredential": REVOCATIONS,
            },
            {
                "id": format!("{SUSPENSIONS}#{INDEX}"),
                "type": "BitstringStatusListEntry",
                "statusPurpose": "suspension",
                "statusListIndex": INDEX.to_string(),
                "statusListCredential": SUSPENSIONS,
            }
        ])
    );
}

#[test]
fn verification_details_show_what_the_certificate_says() {
    let result = verify_with_school_key(&issued().to_string(), issued_at());
    let details = result.details.as_ref().unwrap();

    assert_eq!(details.number, "Y000142000123254000001");
    assert_eq!(details.holder_name, "王*明");
    assert_eq!(details.occupation_name, "电子专用设备装调工");
    assert_eq!(details.level, SkillLevel::Intermediate);
    assert_eq!(details.issuer_name, "鄂东技师学院");
    assert_eq!(details.issued_on, date!(2025 - 06 - 30));
    assert_eq!(details.authorized_by, "黄石光电子产教联盟秘书处");
    let report = result.to_string();
    assert!(report.starts_with("VALID\n"), "{report}");
    assert!(report.contains("Y000142000123254000001"), "{report}");
}

#[test]
fn a_national_id_number_appears_only_as_a_salted_hash() {
    let id_number = "42020219900101123X";
    let mut claims = claims();
    let reference = HolderReference::new(
        HolderIdentifierKind::NationalIdentityNumber,
        id_number,
        "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    )
    .unwrap();
    claims.holder_reference = Some(reference.clone());

    let text = issue(&claims, &school_key(), issued_at())
        .unwrap()
        .to_string();

    assert!(!text.contains(id_number));
    assert!(!text.contains("王小明"));
    assert!(text.contains(reference.hash()));
    assert!(reference.hash().starts_with("sha256$"));
    assert!(reference.matches("42020219900101123x"));
}

#[test]
fn a_level_outside_the_authorization_is_refused() {
    let mut claims = claims();
    claims.level = SkillLevel::Technician;
    claims.number =
        CertificateNumber::parse("Y000142000123252000001", &NumberRules::default()).unwrap();

    let err = issue(&claims, &school_key(), issued_at()).unwrap_err();

    assert_eq!(
        err,
        IssueError::NotAuthorized(AuthorizationProblem::LevelNotCovered)
    );
}

#[test]
fn an_authorization_that_lapsed_before_the_issue_date_is_refused() {
    let mut claims = claims();
    claims.authorization.valid_until = Some(date!(2025 - 06 - 29));

    let err = issue(&claims, &school_key(), issued_at()).unwrap_err();

    assert_eq!(err, IssueError::NotAuthorized(AuthorizationProblem::Lapsed));
}

#[test]
fn an_authorization_granted_to_another_member_is_refused() {
    let mut claims = claims();
    claims.authorization.issuer = OTHER_SCHOOL.into();

    let err = issue(&claims, &school_key(), issued_at()).unwrap_err();

    assert_eq!(
        err,
        IssueError::NotAuthorized(AuthorizationProblem::OtherIssuer)
    );
}

#[test]
fn another_members_key_cannot_issue_for_the_school() {
    let other = key(OTHER_SCHOOL, "key-1", [7; 32]);

    let err = issue(&claims(), &other, issued_at()).unwrap_err();

    assert_eq!(err, IssueError::KeyNotForIssuer);
}

#[test]
fn a_number_from_another_year_is_refused() {
    let mut claims = claims();
    claims.number =
        CertificateNumber::parse("Y000142000123244000001", &NumberRules::default()).unwrap();

    let err = issue(&claims, &school_key(), issued_at()).unwrap_err();

    assert_eq!(
        err,
        IssueError::Number(vec![NumberMismatch::Year {
            expected: 25,
            found: 24
        }])
    );
}

#[test]
fn a_legacy_qualification_number_is_never_issued() {
    let mut claims = claims();
    claims.number = CertificateNumber::parse("0542010010400001", &NumberRules::default()).unwrap();

    let err = issue(&claims, &school_key(), issued_at()).unwrap_err();

    assert_eq!(err, IssueError::NumberFormat);
}

#[test]
fn a_certificate_dated_after_today_is_refused() {
    let err = issue(&claims(), &school_key(), datetime!(2025-06-29 23:59 +8)).unwrap_err();

    assert_eq!(err, IssueError::IssueDateInFuture);
}

#[test]
fn a_principal_technician_certificate_uses_its_own_name_and_number() {
    let mut claims = claims();
    claims.level = SkillLevel::PrincipalTechnician;
    claims.number =
        CertificateNumber::parse("YT00014200012325000001", &NumberRules::default()).unwrap();
    claims
        .authorization
        .levels
        .push(SkillLevel::PrincipalTechnician);

    let credential = issue(&claims, &school_key(), issued_at()).unwrap();
    let result = verify_with_school_key(&credential.to_string(), issued_at());

    assert_eq!(credential["name"], "特级技师证书");
    assert_eq!(
        credential["credentialSubject"]["achievement"]["skillLevel"],
        json!({"type": "SkillLevel", "name": "特级技师"})
    );
    assert_eq!(result.outcome, Outcome::Valid);
    assert_eq!(
        result.details.unwrap().level,
        SkillLevel::PrincipalTechnician
    );
}

#[test]
fn a_principal_technician_needs_the_two_letter_number() {
    let mut claims = claims();
    claims.level = SkillLevel::PrincipalTechnician;
    claims
        .authorization
        .levels
        .push(SkillLevel::PrincipalTechnician);

    let err = issue(&claims, &school_key(), issued_at()).unwrap_err();

    assert_eq!(err, IssueError::NumberFormat);
}
