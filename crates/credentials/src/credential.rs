//! A passed skill evaluation as a certificate credential: the claims of
//! reference §3.5 laid out as a W3C VC 2.0 `OpenBadgeCredential` (Open Badges
//! 3.0), checked against the issuer's authorization and number rules, then
//! signed.
//!
//! Personal data is minimal: the holder appears as a masked name and,
//! optionally, a salted SHA-256 hash of an identifier. No ID number, photo or
//! phone number is ever written.

use std::fmt;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};

use crate::dates;
use crate::keys::{IssuerKey, is_absolute_uri};
use crate::level::SkillLevel;
use crate::number::{CertificateNumber, InstitutionCodes, NumberMismatch};
use crate::proof::{self, ProofError};
use crate::status::{StatusPurpose, StatusSlot};

/// The VC data model 2.0 context.
pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The Open Badges 3.0 context.
pub const OB_V3_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// `name` of a 职业技能等级证书 (reference §3.5: exactly this).
pub const SKILL_LEVEL_CERTIFICATE: &str = "职业技能等级证书";
/// `name` of a 特级技师 certificate.
pub const PRINCIPAL_TECHNICIAN_CERTIFICATE: &str = "特级技师证书";
/// What an occupation without 工种/职业方向 shows (reference §3.5: never blank).
pub const NO_SUBTYPE: &str = "--";
/// Shortest salt accepted for a holder reference, in characters.
pub const MIN_SALT_CHARS: usize = 16;

/// A claim that cannot go into a certificate as given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IssueError {
    /// A field is empty, too long, or not of the required form.
    Field {
        /// Which field, e.g. `occupation.name`.
        field: &'static str,
        /// What is wrong, in English, for logs and developers.
        problem: &'static str,
    },
    /// The signing key belongs to another organisation than the issuer.
    KeyNotForIssuer,
    /// The issuer's authorization does not cover this certificate (CERT-01).
    NotAuthorized(AuthorizationProblem),
    /// The number does not belong to this issuer, year or level (CERT-02).
    Number(Vec<NumberMismatch>),
    /// The number's format does not fit the level (a 特级技师 needs the
    /// 2-letter format, the others the 22-character one; legacy numbers are
    /// import-only and never issued).
    NumberFormat,
    /// The issue date is after today (China Standard Time).
    IssueDateInFuture,
    /// Signing failed.
    Proof(ProofError),
}

impl fmt::Display for IssueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueError::Field { field, problem } => write!(f, "{field}: {problem}"),
            IssueError::KeyNotForIssuer => {
                f.write_str("the signing key belongs to another organisation")
            }
            IssueError::NotAuthorized(problem) => write!(f, "issuer not authorized: {problem}"),
            IssueError::Number(problems) => {
                f.write_str("certificate number")?;
                for problem in problems {
                    write!(f, "; {problem}")?;
                }
                Ok(())
            }
            IssueError::NumberFormat => {
                f.write_str("certificate number format does not fit the level")
            }
            IssueError::IssueDateInFuture => f.write_str("issue date is in the future"),
            IssueError::Proof(err) => write!(f, "signing failed: {err}"),
        }
    }
}

impl std::error::Error for IssueError {}

fn field(field: &'static str, problem: &'static str) -> IssueError {
    IssueError::Field { field, problem }
}

/// Trims `raw` and checks it has 1 to `max` characters and no control characters.
fn text(raw: &str, max: usize, name: &'static str) -> Result<String, IssueError> {
    let trimmed = raw.trim();
    let chars = trimmed.chars().count();
    if chars == 0 {
        return Err(field(name, "empty"));
    }
    if chars > max {
        return Err(field(name, "too long"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(field(name, "control character"));
    }
    Ok(trimmed.to_owned())
}

fn uri(raw: &str, name: &'static str) -> Result<String, IssueError> {
    if is_absolute_uri(raw) {
        Ok(raw.to_owned())
    } else {
        Err(field(name, "not an absolute URI"))
    }
}

/// An organisation as it appears in a credential: an id (URI) and a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    id: String,
    name: String,
}

impl Party {
    /// `id` must be an absolute URI (a DID or an https URL); `name` 1–128 characters.
    pub fn new(id: &str, name: &str) -> Result<Self, IssueError> {
        Ok(Self {
            id: uri(id, "party.id")?,
            name: text(name, 128, "party.name")?,
        })
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn profile(&self) -> Value {
        json!({"id": self.id, "type": ["Profile"], "name": self.name})
    }
}

/// The issuing evaluation institution: its DID (whose keys sign), its name as
/// filed, and its 人社 codes (positions 1–13 of its certificate numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// DID and name.
    pub party: Party,
    /// Institution codes.
    pub codes: InstitutionCodes,
}

/// An occupation from the 2022 大典, with the optional 工种/职业方向.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    code: String,
    name: String,
    subtype: String,
}

impl Occupation {
    /// `code` as in the occupation catalogue (e.g. `6-25-04-08`; kept as data,
    /// not checked against a list), `name`, and the 工种/职业方向 if any.
    pub fn new(code: &str, name: &str, subtype: Option<&str>) -> Result<Self, IssueError> {
        let code = text(code, 32, "occupation.code")?;
        if !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
        {
            return Err(field(
                "occupation.code",
                "only letters, digits, '-' and '.'",
            ));
        }
        let subtype = match subtype.map(str::trim) {
            None | Some("") => NO_SUBTYPE.to_owned(),
            Some(s) => text(s, 64, "occupation.subtype")?,
        };
        Ok(Self {
            code,
            name: text(name, 64, "occupation.name")?,
            subtype,
        })
    }

    /// The catalogue code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The occupation name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The 工种/职业方向, or `--`.
    pub fn subtype(&self) -> &str {
        &self.subtype
    }
}

/// A holder's name already masked for publication (PRV-01, e.g. `王*明`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskedName(String);

impl MaskedName {
    /// Accepts 1–32 characters; a name of two or more characters must contain
    /// `*`, which catches a full name passed by mistake.
    pub fn parse(raw: &str) -> Result<Self, IssueError> {
        let name = text(raw, 32, "holder.masked_name")?;
        if name.chars().count() >= 2 && !name.contains('*') {
            return Err(field("holder.masked_name", "not masked"));
        }
        Ok(Self(name))
    }

    /// The masked name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a holder reference hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderIdentifierKind {
    /// The platform's own person id (random, so the hash cannot be reversed).
    PlatformPersonId,
    /// The resident ID number. Lets someone who already holds the ID number
    /// confirm the match, but ID numbers are guessable from region and birth
    /// date, so this hash is no secret: use only with the holder's consent.
    NationalIdentityNumber,
}

impl HolderIdentifierKind {
    /// The Open Badges `identityType`.
    pub fn identity_type(self) -> &'static str {
        match self {
            HolderIdentifierKind::PlatformPersonId => "identifier",
            HolderIdentifierKind::NationalIdentityNumber => "nationalIdentityNumber",
        }
    }

    fn normalise(self, identifier: &str) -> String {
        match self {
            HolderIdentifierKind::PlatformPersonId => identifier.trim().to_owned(),
            HolderIdentifierKind::NationalIdentityNumber => identifier.trim().to_ascii_uppercase(),
        }
    }
}

/// A salted SHA-256 of a holder identifier, in the Open Badges form
/// `sha256$<hex of SHA-256(identifier ‖ salt)>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderReference {
    kind: HolderIdentifierKind,
    hash: String,
    salt: String,
}

impl HolderReference {
    /// Hashes `identifier` with `salt`, which the caller draws at random per
    /// certificate (at least [`MIN_SALT_CHARS`] characters, e.g. 32 hex digits).
    pub fn new(
        kind: HolderIdentifierKind,
        identifier: &str,
        salt: &str,
    ) -> Result<Self, IssueError> {
        let salt = text(salt, 128, "holder.salt")?;
        if salt.chars().count() < MIN_SALT_CHARS {
            return Err(field("holder.salt", "shorter than 16 characters"));
        }
        let identifier = kind.normalise(identifier);
        if identifier.is_empty() {
            return Err(field("holder.identifier", "empty"));
        }
        Ok(Self {
            kind,
            hash: identity_hash(&identifier, &salt),
            salt,
        })
    }

    /// Whether `identifier` is the one that was hashed.
    pub fn matches(&self, identifier: &str) -> bool {
        identity_hash(&self.kind.normalise(identifier), &self.salt) == self.hash
    }

    /// What was hashed.
    pub fn kind(&self) -> HolderIdentifierKind {
        self.kind
    }

    /// `sha256$…`.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The salt, published beside the hash.
    pub fn salt(&self) -> &str {
        &self.salt
    }
}

fn identity_hash(identifier: &str, salt: &str) -> String {
    let digest = Sha256::digest(format!("{identifier}{salt}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256${hex}")
}

/// Who allowed the issuer to certify this occupation and these levels in the
/// alliance, and until when (rule CERT-01). The platform builds it from the
/// issuer's active `EvaluationFiling`; the credential repeats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The authorizing body (e.g. the provincial 人社 department or the
    /// alliance secretariat).
    pub authorized_by: Party,
    /// The filing or decision number.
    pub reference: String,
    /// The authorized organisation's id (its DID).
    pub issuer: String,
    /// The occupation code covered.
    pub occupation_code: String,
    /// The levels covered.
    pub levels: Vec<SkillLevel>,
    /// First day in force.
    pub valid_from: Date,
    /// Last day in force, if limited.
    pub valid_until: Option<Date>,
}

/// How an authorization fails to cover a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorizationProblem {
    /// It was granted to another organisation.
    OtherIssuer,
    /// It covers another occupation.
    OtherOccupation,
    /// It does not include this level.
    LevelNotCovered,
    /// The issue date is before it came into force.
    NotYetInForce,
    /// The issue date is after it lapsed.
    Lapsed,
}

impl fmt::Display for AuthorizationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuthorizationProblem::OtherIssuer => "granted to another organisation",
            AuthorizationProblem::OtherOccupation => "occupation not covered",
            AuthorizationProblem::LevelNotCovered => "level not covered",
            AuthorizationProblem::NotYetInForce => "not yet in force on the issue date",
            AuthorizationProblem::Lapsed => "lapsed before the issue date",
        })
    }
}

impl Authorization {
    /// Whether this authorization lets `issuer` certify `occupation_code` at
    /// `level` on day `on`.
    pub fn covers(
        &self,
        issuer: &str,
        occupation_code: &str,
        level: SkillLevel,
        on: Date,
    ) -> Result<(), AuthorizationProblem> {
        if self.issuer != issuer {
            return Err(AuthorizationProblem::OtherIssuer);
        }
        if self.occupation_code != occupation_code {
            return Err(AuthorizationProblem::OtherOccupation);
        }
        if !self.levels.contains(&level) {
            return Err(AuthorizationProblem::LevelNotCovered);
        }
        if on < self.valid_from {
            return Err(AuthorizationProblem::NotYetInForce);
        }
        if self.valid_until.is_some_and(|until| on > until) {
            return Err(AuthorizationProblem::Lapsed);
        }
        Ok(())
    }

    fn to_json(&self) -> Result<Value, IssueError> {
        let mut value = json!({
            "type": "IssuingAuthorization",
            "authorizedBy": self.authorized_by.profile(),
            "reference": text(&self.reference, 128, "authorization.reference")?,
            "occupationCode": self.occupation_code,
            "levels": self.levels.iter().map(|l| l.wording()).collect::<Vec<_>>(),
            "validFrom": dates::format_date(self.valid_from),
        });
        if let Some(until) = self.valid_until {
            value["validUntil"] = dates::format_date(until).into();
        }
        Ok(value)
    }
}

/// Where a certificate's revocation and suspension bits live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateStatus {
    /// The bit in the issuer's revocation list.
    pub revocation: StatusSlot,
    /// The bit in the issuer's suspension list, if suspension is used.
    pub suspension: Option<StatusSlot>,
}

/// Everything a certificate says, before it is laid out and signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateClaims {
    /// The credential's id: the URL its QR code opens (the verify page).
    pub credential_id: String,
    /// The achievement's id: one URL per occupation and level.
    pub achievement_id: String,
    /// The certificate number (§3.4).
    pub number: CertificateNumber,
    /// The holder's masked name.
    pub holder_name: MaskedName,
    /// Optional salted hash of a holder identifier.
    pub holder_reference: Option<HolderReference>,
    /// Occupation and 工种/职业方向.
    pub occupation: Occupation,
    /// Level.
    pub level: SkillLevel,
    /// Issue date (China Standard Time calendar day).
    pub issued_on: Date,
    /// Last valid day, if the certificate expires.
    pub valid_until: Option<Date>,
    /// The issuing evaluation institution.
    pub issuer: Issuer,
    /// Who authorized the issuer.
    pub authorization: Authorization,
    /// The alliance the certificate is issued in.
    pub alliance: Party,
    /// Revocation and suspension slots.
    pub status: CertificateStatus,
}

impl CertificateClaims {
    /// `职业技能等级证书` or `特级技师证书`.
    pub fn certificate_name(&self) -> &'static str {
        certificate_name(self.level)
    }
}

pub(crate) fn certificate_name(level: SkillLevel) -> &'static str {
    match level {
        SkillLevel::PrincipalTechnician => PRINCIPAL_TECHNICIAN_CERTIFICATE,
        _ => SKILL_LEVEL_CERTIFICATE,
    }
}

/// Checks the claims (authorization, number, dates) and lays them out as an
/// unsigned credential. [`issue`] signs the result.
pub fn unsigned_credential(claims: &CertificateClaims) -> Result<Value, IssueError> {
    let issuer = &claims.issuer.party;
    claims
        .authorization
        .covers(
            issuer.id(),
            claims.occupation.code(),
            claims.level,
            claims.issued_on,
        )
        .map_err(IssueError::NotAuthorized)?;
    match (&claims.number, claims.level) {
        (CertificateNumber::PrincipalTechnician(_), SkillLevel::PrincipalTechnician) => {}
        (CertificateNumber::SkillLevel(number), level)
            if level != SkillLevel::PrincipalTechnician =>
        {
            number
                .check_issue(&claims.issuer.codes, claims.issued_on.year(), level)
                .map_err(IssueError::Number)?;
        }
        _ => return Err(IssueError::NumberFormat),
    }
    if claims
        .valid_until
        .is_some_and(|until| until < claims.issued_on)
    {
        return Err(field("valid_until", "before the issue date"));
    }

    let wording = claims.level.wording();
    let occupation = &claims.occupation;
    let name = claims.certificate_name();
    let mut identifiers = vec![json!({
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": false,
        "identityHash": claims.holder_name.as_str(),
    })];
    if let Some(reference) = &claims.holder_reference {
        identifiers.push(json!({
            "type": "IdentityObject",
            "identityType": reference.kind().identity_type(),
            "hashed": true,
            "identityHash": reference.hash(),
            "salt": reference.salt(),
        }));
    }
    let mut level = json!({"type": "SkillLevel", "name": wording});
    if let Some(code) = claims.level.code() {
        level["code"] = code.to_string().into();
    }
    let mut statuses = vec![claims.status.revocation.entry(StatusPurpose::Revocation)];
    if let Some(slot) = &claims.status.suspension {
        statuses.push(slot.entry(StatusPurpose::Suspension));
    }
    for slot in std::iter::once(&claims.status.revocation).chain(&claims.status.suspension) {
        uri(&slot.list, "status.list")?;
    }
    let valid_from = dates::format_timestamp(dates::start_of_day(claims.issued_on))
        .ok_or(field("issued_on", "out of range"))?;

    let mut credential = json!({
        "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
        "id": uri(&claims.credential_id, "credential_id")?,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "description": format!("{}颁发的{}（{}）{}", issuer.name(), occupation.name(), wording, name),
        "issuer": issuer.profile(),
        "validFrom": valid_from,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers,
            "licenseNumber": claims.number.as_str(),
            "achievement": {
                "id": uri(&claims.achievement_id, "achievement_id")?,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": format!("{} {}", occupation.name(), wording),
                "description": format!("{}（{}）{}", occupation.name(), wording, name),
                "criteria": {
                    "narrative": format!("经{}职业技能等级认定合格，达到{}{}要求。", issuer.name(), occupation.name(), wording),
                },
                "humanCode": occupation.code(),
                "fieldOfStudy": occupation.name(),
                "specialization": occupation.subtype(),
                "skillLevel": level,
            },
        },
        "authorization": claims.authorization.to_json()?,
        "alliance": claims.alliance.profile(),
        "credentialStatus": statuses,
    });
    if let Some(until) = claims.valid_until {
        let until = dates::format_timestamp(dates::end_of_day(until))
            .ok_or(field("valid_until", "out of range"))?;
        credential["validUntil"] = until.into();
    }
    Ok(credential)
}

/// Issues a certificate: checks the claims, lays them out and signs them with
/// the issuer's `key` at `now`. The result is the credential JSON to store,
/// hand to the holder and encode in the QR code's target.
pub fn issue(
    claims: &CertificateClaims,
    key: &IssuerKey,
    now: OffsetDateTime,
) -> Result<Value, IssueError> {
    if key.id().controller() != claims.issuer.party.id() {
        return Err(IssueError::KeyNotForIssuer);
    }
    if claims.issued_on > dates::china_date(now) {
        return Err(IssueError::IssueDateInFuture);
    }
    let credential = unsigned_credential(claims)?;
    proof::sign(&credential, key, now).map_err(IssueError::Proof)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_full_name_cannot_pass_as_a_masked_name() {
        assert!(MaskedName::parse("王小明").is_err());
        assert_eq!(MaskedName::parse(" 王*明 ").unwrap().as_str(), "王*明");
        assert!(MaskedName::parse("李").is_ok());
    }

    #[test]
    fn a_holder_reference_is_the_open_badges_salted_sha256() {
        let reference = HolderReference::new(
            HolderIdentifierKind::NationalIdentityNumber,
            "11010519491231002x",
            "0123456789abcdef",
        )
        .unwrap();
        // sha256("11010519491231002X0123456789abcdef")
        let expected = Sha256::digest(b"11010519491231002X0123456789abcdef");
        let hex: String = expected.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(reference.hash(), format!("sha256${hex}"));
        assert!(reference.matches("11010519491231002X"));
        assert!(!reference.matches("110105194912310029"));
    }

    #[test]
    fn a_short_salt_is_refused() {
        let err =
            HolderReference::new(HolderIdentifierKind::PlatformPersonId, "p-1", "abc").unwrap_err();
        assert_eq!(err, field("holder.salt", "shorter than 16 characters"));
    }

    #[test]
    fn an_empty_subtype_becomes_two_dashes() {
        assert_eq!(
            Occupation::new("6-25-04-08", "电子专用设备装调工", None)
                .unwrap()
                .subtype(),
            "--"
        );
        assert_eq!(
            Occupation::new("6-25-04-08", "电子专用设备装调工", Some(" "))
                .unwrap()
                .subtype(),
            "--"
        );
        assert!(Occupation::new("6 25", "x", None).is_err());
    }

    #[test]
    fn an_authorization_covers_only_its_issuer_occupation_levels_and_dates() {
        let authorization = Authorization {
            authorized_by: Party::new("did:web:hb.example", "湖北省人社厅").unwrap(),
            reference: "鄂人社备〔2024〕1号".into(),
            issuer: "did:web:a.example".into(),
            occupation_code: "6-25-04-08".into(),
            levels: vec![SkillLevel::Intermediate],
            valid_from: date!(2024 - 01 - 01),
            valid_until: Some(date!(2026 - 12 - 31)),
        };
        let on = date!(2025 - 06 - 30);
        let check = |issuer, code, level, on| authorization.covers(issuer, code, level, on);
        assert_eq!(
            check(
                "did:web:a.example",
                "6-25-04-08",
                SkillLevel::Intermediate,
                on
            ),
            Ok(())
        );
        assert_eq!(
            check(
                "did:web:b.example",
                "6-25-04-08",
                SkillLevel::Intermediate,
                on
            ),
            Err(AuthorizationProblem::OtherIssuer)
        );
        assert_eq!(
            check(
                "did:web:a.example",
                "6-25-04-09",
                SkillLevel::Intermediate,
                on
            ),
            Err(AuthorizationProblem::OtherOccupation)
        );
        assert_eq!(
            check("did:web:a.example", "6-25-04-08", SkillLevel::Advanced, on),
            Err(AuthorizationProblem::LevelNotCovered)
        );
        assert_eq!(
            check(
                "did:web:a.example",
                "6-25-04-08",
                SkillLevel::Intermediate,
                date!(2023 - 12 - 31)
            ),
            Err(AuthorizationProblem::NotYetInForce)
        );
        assert_eq!(
            check(
                "did:web:a.example",
                "6-25-04-08",
                SkillLevel::Intermediate,
                date!(2027 - 01 - 01)
            ),
            Err(AuthorizationProblem::Lapsed)
        );
    }
}
