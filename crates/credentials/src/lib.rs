//! Gongjiang skill certificates as signed verifiable credentials. Pure: no
//! I/O, no async, no database, no clock (the caller passes `now`), no
//! randomness (the caller passes seeds and salts).
//!
//! - [`CertificateClaims`] holds what a certificate says (reference §3.5):
//!   masked holder name, optional salted holder hash, occupation, [`SkillLevel`],
//!   [`CertificateNumber`] (§3.4, parsed with configurable [`NumberRules`]),
//!   issue date, issuer, the [`Authorization`] that lets the issuer certify this
//!   occupation and level, the alliance, and its status-list slots.
//! - [`issue`] checks the authorization (CERT-01) and the number (CERT-02),
//!   lays the claims out as a W3C VC 2.0 `OpenBadgeCredential` (Open Badges
//!   3.0) and signs it with the issuer's Ed25519 [`IssuerKey`] as an
//!   `eddsa-jcs-2022` Data Integrity proof ([`proof`], over [`jcs`]).
//! - [`StatusList`] is a Bitstring Status List for revocation or suspension,
//!   published as a signed credential with the reason and date of each entry.
//! - [`verify()`] checks a credential offline against a [`PublicKeySet`] (never a
//!   key from the payload) and the [`StatusLists`] at hand, and returns a
//!   [`Verification`]: valid, or one [`Reason`], plus the details to display.
//!
//! `docs/credentials.md` describes what is signed, how to verify by hand, the
//! key lifecycle and the privacy choices.
//!
//! ```
//! use gongjiang_credentials::{
//!     issue, verify, Authorization, CertificateClaims, CertificateNumber, CertificateStatus,
//!     InstitutionCodes, InstitutionKind, Issuer, IssuerKey, MaskedName, NumberRules, Occupation,
//!     Outcome, Party, PublicKeySet, Reason, SkillLevel, StatusList, StatusLists, StatusNote,
//!     StatusPurpose, StatusSlot, VerificationMethodId,
//! };
//! use time::macros::{date, datetime};
//!
//! // The platform keeps one key per issuing organisation; the seed comes from
//! // the OS random source in production.
//! let school = "did:web:gongjiang.example:orgs:edong";
//! let key = IssuerKey::generate([42; 32], VerificationMethodId::parse(&format!("{school}#key-1"))?);
//! let revocations = "https://gongjiang.example/status/edong/revocation";
//!
//! let claims = CertificateClaims {
//!     credential_id: "https://gongjiang.example/verify/0c6e3b".into(),
//!     achievement_id: "https://gongjiang.example/achievements/6-25-04-08/4".into(),
//!     number: CertificateNumber::parse("Y000142000123254000001", &NumberRules::default())?,
//!     holder_name: MaskedName::parse("王*明")?,
//!     holder_reference: None,
//!     occupation: Occupation::new("6-25-04-08", "电子专用设备装调工", None)?,
//!     level: SkillLevel::Intermediate,
//!     issued_on: date!(2025 - 06 - 30),
//!     valid_until: None,
//!     issuer: Issuer {
//!         party: Party::new(school, "鄂东技师学院")?,
//!         codes: InstitutionCodes::new(InstitutionKind::Employer, "0001", "42", "000123")?,
//!     },
//!     authorization: Authorization {
//!         authorized_by: Party::new("did:web:gongjiang.example:orgs:secretariat", "联盟秘书处")?,
//!         reference: "黄光联〔2025〕3号".into(),
//!         issuer: school.into(),
//!         occupation_code: "6-25-04-08".into(),
//!         levels: vec![SkillLevel::Elementary, SkillLevel::Intermediate],
//!         valid_from: date!(2025 - 01 - 01),
//!         valid_until: None,
//!     },
//!     alliance: Party::new("did:web:gongjiang.example", "黄石光电子产教联盟")?,
//!     status: CertificateStatus {
//!         revocation: StatusSlot { list: revocations.into(), index: 94_567 },
//!         suspension: None,
//!     },
//! };
//! let now = datetime!(2025-06-30 10:00 +8);
//! let credential = issue(&claims, &key, now)?.to_string();
//!
//! // A verifier trusts the school's published keys and has its status list.
//! let mut keys = PublicKeySet::new();
//! keys.insert_issuer_key(&key);
//! let mut list = StatusList::new(revocations, school, StatusPurpose::Revocation)?;
//! let mut lists = StatusLists::new();
//! lists.insert(list.clone());
//!
//! let result = verify(&credential, &keys, now, &lists);
//! assert_eq!(result.outcome, Outcome::Valid);
//! assert_eq!(result.details.as_ref().map(|d| d.number.as_str()), Some("Y000142000123254000001"));
//!
//! // Revoked later: still shows issuer and number, with the reason and date.
//! list.set(94_567, StatusNote::new("证书信息有误", date!(2025 - 07 - 01))?)?;
//! lists.insert(list);
//! let result = verify(&credential, &keys, datetime!(2025-07-02 9:00 +8), &lists);
//! assert_eq!(
//!     result.outcome,
//!     Outcome::Invalid(Reason::Revoked { reason: Some("证书信息有误".into()), date: Some(date!(2025 - 07 - 01)) }),
//! );
//! assert!(result.details.is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod credential;
mod dates;
pub mod example;
pub mod jcs;
pub mod keys;
mod level;
pub mod multibase;
pub mod number;
pub mod proof;
pub mod status;
pub mod verify;

pub use credential::{
    Authorization, AuthorizationProblem, CertificateClaims, CertificateStatus,
    HolderIdentifierKind, HolderReference, IssueError, Issuer, MaskedName, Occupation, Party,
    issue, unsigned_credential,
};
pub use dates::CHINA_STANDARD_TIME;
pub use keys::{IssuerKey, KeyError, PublicKey, PublicKeySet, VerificationMethodId, did_web};
pub use level::SkillLevel;
pub use number::{CertificateNumber, InstitutionCodes, InstitutionKind, NumberError, NumberRules};
pub use status::{StatusError, StatusList, StatusLists, StatusNote, StatusPurpose, StatusSlot};
pub use verify::{Details, Outcome, Reason, StatusCheck, StatusResult, Verification, verify};
