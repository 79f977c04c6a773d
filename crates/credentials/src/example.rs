//! A fictional certificate with documented values, for examples, the CLI's
//! tests and the demo: 王*明, 电子专用设备装调工 四级/中级工, issued by 鄂东技师学院.

use crate::{
    Authorization, CertificateClaims, CertificateNumber, CertificateStatus, HolderIdentifierKind,
    HolderReference, InstitutionCodes, InstitutionKind, Issuer, IssuerKey, MaskedName, NumberRules,
    Occupation, Party, SkillLevel, StatusSlot, VerificationMethodId,
};
use time::macros::date;

/// The issuing school's DID.
pub const SCHOOL: &str = "did:web:gongjiang.example:orgs:edong";
/// The school's revocation list.
pub const REVOCATIONS: &str = "https://gongjiang.example/status/edong/revocation/1";
/// The school's suspension list.
pub const SUSPENSIONS: &str = "https://gongjiang.example/status/edong/suspension/1";
/// The bit both lists use for the example certificate.
pub const INDEX: usize = 94_567;

/// The school's first key (seed of 32 × 0x2a). Public knowledge: never use it for real.
pub fn school_key() -> Option<IssuerKey> {
    let id = VerificationMethodId::parse(&format!("{SCHOOL}#key-1")).ok()?;
    Some(IssuerKey::generate([0x2a; 32], id))
}

/// A certificate for 王*明, 电子专用设备装调工 四级/中级工, issued by 鄂东技师学院
/// on 2025-06-30, valid until the end of 2030, authorized by the alliance
/// secretariat for levels 五级 to 三级 of that occupation from 2025-01-01 to
/// 2027-12-31, with revocation and suspension slots at [`INDEX`].
pub fn claims() -> Option<CertificateClaims> {
    Some(CertificateClaims {
        credential_id: "https://gongjiang.example/verify/7f3a9c".into(),
        achievement_id: "https://gongjiang.example/achievements/6-25-04-08/4".into(),
        number: CertificateNumber::parse("Y000142000123254000001", &NumberRules::default()).ok()?,
        holder_name: MaskedName::parse("王*明").ok()?,
        holder_reference: Some(
            HolderReference::new(
                HolderIdentifierKind::PlatformPersonId,
                "018f6d3e-7c1a-7b3e-9a55-2f0d4c1e8b77",
                "5f2b8c1d9e4a7f30b6c2d8e1a4f7b3c9",
            )
            .ok()?,
        ),
        occupation: Occupation::new("6-25-04-08", "电子专用设备装调工", Some("半导体芯片制造"))
            .ok()?,
        level: SkillLevel::Intermediate,
        issued_on: date!(2025 - 06 - 30),
        valid_until: Some(date!(2030 - 12 - 31)),
        issuer: Issuer {
            party: Party::new(SCHOOL, "鄂东技师学院").ok()?,
            codes: InstitutionCodes::new(InstitutionKind::Employer, "0001", "42", "000123").ok()?,
        },
        authorization: Authorization {
            authorized_by: Party::new(
                "did:web:gongjiang.example:orgs:secretariat",
                "黄石光电子产教联盟秘书处",
            )
            .ok()?,
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
        alliance: Party::new("did:web:gongjiang.example", "黄石光电子信息产教联盟").ok()?,
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
    })
}
