//! Shared test data: one school, its key, a certificate with documented
//! defaults, and helpers to issue and verify it.

use gongjiang_credentials::{
    Authorization, CertificateClaims, CertificateNumber, CertificateStatus, HolderIdentifierKind,
    HolderReference, InstitutionCodes, InstitutionKind, Issuer, IssuerKey, MaskedName, NumberRules,
    Occupation, Party, PublicKeySet, SkillLevel, StatusList, StatusLists, StatusPurpose,
    StatusSlot, Verification, VerificationMethodId, issue, verify,
};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::{date, datetime};

/// The issuing school's DID.
pub const SCHOOL: &str = "did:web:gongjiang.example:orgs:edong";
/// Another member organisation's DID.
pub const OTHER_SCHOOL: &str = "did:web:gongjiang.example:orgs:huangshi";
/// The school's revocation list.
pub const REVOCATIONS: &str = "https://gongjiang.example/status/edong/revocation/1";
/// The school's suspension list.
pub const SUSPENSIONS: &str = "https://gongjiang.example/status/edong/suspension/1";
/// The bit both lists use for the default certificate.
pub const INDEX: usize = 94_567;

/// The school's first key (seed of 32 × 0x2a).
pub fn school_key() -> IssuerKey {
    key(SCHOOL, "key-1", [0x2a; 32])
}

/// A key with an explicit seed.
pub fn key(controller: &str, fragment: &str, seed: [u8; 32]) -> IssuerKey {
    let id = VerificationMethodId::parse(&format!("{controller}#{fragment}")).unwrap();
    IssuerKey::generate(seed, id)
}

/// A key set trusting exactly these keys.
pub fn trusting(keys: &[&IssuerKey]) -> PublicKeySet {
    let mut set = PublicKeySet::new();
    for key in keys {
        set.insert_issuer_key(key);
    }
    set
}

/// Issue time of the default certificate: 2025-06-30 10:00 in Beijing.
pub fn issued_at() -> OffsetDateTime {
    datetime!(2025-06-30 10:00 +8)
}

/// A certificate for 王*明, 电子专用设备装调工 四级/中级工, issued by 鄂东技师学院
/// on 2025-06-30, valid until the end of 2030, authorized by the alliance
/// secretariat for levels 五级 to 三级 of that occupation from 2025-01-01 to
/// 2027-12-31, with revocation and suspension slots at [`INDEX`].
pub fn claims() -> CertificateClaims {
    CertificateClaims {
        credential_id: "https://gongjiang.example/verify/7f3a9c".into(),
        achievement_id: "https://gongjiang.example/achievements/6-25-04-08/4".into(),
        number: CertificateNumber::parse("Y000142000123254000001", &NumberRules::default())
            .unwrap(),
        holder_name: MaskedName::parse("王*明").unwrap(),
        holder_reference: Some(
            HolderReference::new(
                HolderIdentifierKind::PlatformPersonId,
                "018f6d3e-7c1a-7b3e-9a55-2f0d4c1e8b77",
                "5f2b8c1d9e4a7f30b6c2d8e1a4f7b3c9",
            )
            .unwrap(),
        ),
        occupation: Occupation::new("6-25-04-08", "电子专用设备装调工", Some("半导体芯片制造"))
            .unwrap(),
        level: SkillLevel::Intermediate,
        issued_on: date!(2025 - 06 - 30),
        valid_until: Some(date!(2030 - 12 - 31)),
        issuer: Issuer {
            party: Party::new(SCHOOL, "鄂东技师学院").unwrap(),
            codes: InstitutionCodes::new(InstitutionKind::Employer, "0001", "42", "000123")
                .unwrap(),
        },
        authorization: Authorization {
            authorized_by: Party::new(
                "did:web:gongjiang.example:orgs:secretariat",
                "黄石光电子产教联盟秘书处",
            )
            .unwrap(),
            reference: "黄光联秘〔2025〕3号".into(),
            issuer: SCHOOL.into(),
            occupation_code: "6-25-04-08".into(),
            levels: vec![
                SkillLevel::Elementary,
                SkillLevel::Intermediate,
                SkillLevel::Advanced,
            ],
            valid_from: date!(2025 - 01 - 01),
            valid_until: Some(date!(2027 - 12 - 31)),
        },
        alliance: Party::new("did:web:gongjiang.example", "黄石光电子信息产教联盟").unwrap(),
        status: CertificateStatus {
            revocation: StatusSlot {
                list: REVOCATIONS.into(),
                index: INDEX,
            },
            suspension: Some(StatusSlot {
                list: SUSPENSIONS.into(),
                index: INDEX,
            }),
        },
    }
}

/// The default certificate, signed with [`school_key`] at [`issued_at`].
pub fn issued() -> Value {
    issue(&claims(), &school_key(), issued_at()).unwrap()
}

/// Empty revocation and suspension lists of the school.
pub fn clear_lists() -> (StatusList, StatusList) {
    (
        StatusList::new(REVOCATIONS, SCHOOL, StatusPurpose::Revocation).unwrap(),
        StatusList::new(SUSPENSIONS, SCHOOL, StatusPurpose::Suspension).unwrap(),
    )
}

/// A verifier's status lists holding `lists`.
pub fn lists_of(lists: &[&StatusList]) -> StatusLists {
    let mut all = StatusLists::new();
    for list in lists {
        all.insert((*list).clone());
    }
    all
}

/// Verifies JSON text with the school's key, at `now`, with clear lists.
pub fn verify_with_school_key(text: &str, now: OffsetDateTime) -> Verification {
    let (revocations, suspensions) = clear_lists();
    verify(
        text,
        &trusting(&[&school_key()]),
        now,
        &lists_of(&[&revocations, &suspensions]),
    )
}

/// Every leaf of `value` as a JSON pointer, proof included.
pub fn leaf_pointers(value: &Value) -> Vec<String> {
    fn walk(value: &Value, path: String, out: &mut Vec<String>) {
        match value {
            Value::Object(members) => {
                for (name, member) in members {
                    let escaped = name.replace('~', "~0").replace('/', "~1");
                    walk(member, format!("{path}/{escaped}"), out);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{path}/{i}"), out);
                }
            }
            _ => out.push(path),
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out
}
