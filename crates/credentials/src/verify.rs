//! Verifying a certificate credential, offline: the proof first (with keys
//! from the caller's set only), then the issuer behind the key, then
//! revocation and suspension, then the validity window.
//!
//! [`verify`] never fails: it returns a [`Verification`] whose outcome is
//! valid or names one [`Reason`], plus the certificate's details for display
//! once (and only once) the signature has checked out.

use std::fmt;

use serde_json::Value;
use time::{Date, OffsetDateTime};

use crate::credential::{OB_V3_CONTEXT, VC_V2_CONTEXT};
use crate::dates;
use crate::jcs;
use crate::keys::PublicKeySet;
use crate::level::SkillLevel;
use crate::proof::{self, ProofError};
use crate::status::{StatusLists, StatusNote, StatusPurpose};

/// Why a credential is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// Not I-JSON, not a credential, or a field is missing or of the wrong form.
    Malformed(String),
    /// The proof uses a type or cryptosuite other than
    /// `DataIntegrityProof`/`eddsa-jcs-2022`.
    UnsupportedCryptosuite {
        /// `type/cryptosuite` as claimed.
        found: String,
    },
    /// The key named by the proof is not a trusted key.
    UnknownKey {
        /// The proof's `verificationMethod`.
        verification_method: String,
    },
    /// The key is trusted, but belongs to another organisation than the
    /// credential's issuer.
    KeyNotForIssuer {
        /// The proof's `verificationMethod`.
        verification_method: String,
    },
    /// The signature does not match: the credential was altered, or signed
    /// by another key.
    BadSignature,
    /// `validFrom` is after now.
    NotYetValid {
        /// From the credential.
        valid_from: OffsetDateTime,
    },
    /// `validUntil` is before now (已过期).
    Expired {
        /// From the credential.
        valid_until: OffsetDateTime,
    },
    /// The issuer revoked it (已撤销).
    Revoked {
        /// Why, when the status list says.
        reason: Option<String>,
        /// Since when, when the status list says.
        date: Option<Date>,
    },
    /// The issuer suspended it (暂停).
    Suspended {
        /// Why, when the status list says.
        reason: Option<String>,
        /// Since when, when the status list says.
        date: Option<Date>,
    },
}

impl Reason {
    /// A stable code for the web layer and exit messages, e.g. `expired`.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Malformed(_) => "malformed",
            Reason::UnsupportedCryptosuite { .. } => "unsupported_cryptosuite",
            Reason::UnknownKey { .. } => "unknown_key",
            Reason::KeyNotForIssuer { .. } => "key_not_for_issuer",
            Reason::BadSignature => "bad_signature",
            Reason::NotYetValid { .. } => "not_yet_valid",
            Reason::Expired { .. } => "expired",
            Reason::Revoked { .. } => "revoked",
            Reason::Suspended { .. } => "suspended",
        }
    }
}

fn note_suffix(reason: &Option<String>, date: &Option<Date>) -> String {
    let mut out = String::new();
    if let Some(date) = date {
        out.push_str(&format!(" since {}", dates::format_date(*date)));
    }
    if let Some(reason) = reason {
        out.push_str(&format!(": {reason}"));
    }
    out
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Malformed(what) => write!(f, "malformed credential: {what}"),
            Reason::UnsupportedCryptosuite { found } => write!(f, "unsupported proof {found}"),
            Reason::UnknownKey {
                verification_method,
            } => {
                write!(f, "signed with an unknown key {verification_method}")
            }
            Reason::KeyNotForIssuer {
                verification_method,
            } => {
                write!(f, "key {verification_method} does not belong to the issuer")
            }
            Reason::BadSignature => f.write_str("signature does not match (altered or wrong key)"),
            Reason::NotYetValid { valid_from } => {
                write!(
                    f,
                    "not valid before {}",
                    dates::format_timestamp(*valid_from).unwrap_or_default()
                )
            }
            Reason::Expired { valid_until } => {
                write!(
                    f,
                    "expired at {}",
                    dates::format_timestamp(*valid_until).unwrap_or_default()
                )
            }
            Reason::Revoked { reason, date } => write!(f, "revoked{}", note_suffix(reason, date)),
            Reason::Suspended { reason, date } => {
                write!(f, "suspended{}", note_suffix(reason, date))
            }
        }
    }
}

/// Valid, or not and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Signature, issuer, status (as far as lists were supplied) and dates check out.
    Valid,
    /// The first problem found.
    Invalid(Reason),
}

/// What a verified certificate says, for display. Present only when the
/// signature checked out, so none of it can have been altered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// The credential id (its verify-page URL).
    pub credential_id: String,
    /// `职业技能等级证书` or `特级技师证书`.
    pub certificate_name: String,
    /// Certificate number.
    pub number: String,
    /// The holder's masked name.
    pub holder_name: String,
    /// Occupation catalogue code.
    pub occupation_code: String,
    /// Occupation name.
    pub occupation_name: String,
    /// 工种/职业方向, `--` if none.
    pub subtype: String,
    /// Level.
    pub level: SkillLevel,
    /// Issuer DID.
    pub issuer_id: String,
    /// Issuer (evaluation institution) name.
    pub issuer_name: String,
    /// Issue date (China Standard Time).
    pub issued_on: Date,
    /// End of validity, if any.
    pub valid_until: Option<OffsetDateTime>,
    /// Who authorized the issuer.
    pub authorized_by: String,
    /// The authorization's filing or decision number.
    pub authorization_reference: String,
    /// The alliance.
    pub alliance: String,
    /// The key that signed.
    pub verification_method: String,
}

/// What one status entry of the credential turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusResult {
    /// The bit is clear.
    Clear,
    /// The bit is set, with the list's note if it has one.
    Set(Option<StatusNote>),
    /// The caller supplied no list at this URL, so nothing is known.
    NotChecked,
}

/// One `credentialStatus` entry and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusCheck {
    /// Revocation or suspension.
    pub purpose: StatusPurpose,
    /// The status list credential URL.
    pub list: String,
    /// The bit index.
    pub index: usize,
    /// What the list says.
    pub result: StatusResult,
}

/// The result of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Valid, or the reason it is not.
    pub outcome: Outcome,
    /// The certificate's content, when the signature checked out (also for
    /// expired or revoked certificates, so they can be shown as such).
    pub details: Option<Details>,
    /// The status entries, in credential order.
    pub status: Vec<StatusCheck>,
}

impl Verification {
    /// True for [`Outcome::Valid`].
    pub fn is_valid(&self) -> bool {
        self.outcome == Outcome::Valid
    }

    /// True when every status entry was looked up in a supplied list.
    pub fn status_checked(&self) -> bool {
        !self.status.is_empty()
            && self
                .status
                .iter()
                .all(|s| s.result != StatusResult::NotChecked)
    }

    fn invalid(reason: Reason) -> Self {
        Self {
            outcome: Outcome::Invalid(reason),
            details: None,
            status: Vec::new(),
        }
    }
}

impl fmt::Display for Verification {
    /// A plain-text report, first line `VALID` or `INVALID: <reason>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Valid => writeln!(f, "VALID")?,
            Outcome::Invalid(reason) => writeln!(f, "INVALID: {reason}")?,
        }
        if let Some(d) = &self.details {
            writeln!(f, "certificate:   {} {}", d.certificate_name, d.number)?;
            writeln!(f, "holder:        {}", d.holder_name)?;
            writeln!(
                f,
                "occupation:    {} {} ({})",
                d.occupation_code, d.occupation_name, d.subtype
            )?;
            writeln!(f, "level:         {}", d.level)?;
            writeln!(f, "issuer:        {} <{}>", d.issuer_name, d.issuer_id)?;
            writeln!(f, "issued on:     {}", dates::format_date(d.issued_on))?;
            if let Some(until) = d.valid_until {
                writeln!(
                    f,
                    "valid until:   {}",
                    dates::format_timestamp(until).unwrap_or_default()
                )?;
            }
            writeln!(
                f,
                "authorized by: {} ({})",
                d.authorized_by, d.authorization_reference
            )?;
            writeln!(f, "alliance:      {}", d.alliance)?;
            writeln!(f, "signed with:   {}", d.verification_method)?;
        }
        for check in &self.status {
            let result = match &check.result {
                StatusResult::Clear => "clear".to_owned(),
                StatusResult::Set(_) => "SET".to_owned(),
                StatusResult::NotChecked => "not checked (no status list supplied)".to_owned(),
            };
            writeln!(f, "{:<14} {result}", format!("{}:", check.purpose.as_str()))?;
        }
        Ok(())
    }
}

/// Verifies a certificate credential given as JSON text.
///
/// `keys` are the only keys trusted (never keys found in the credential);
/// `now` is the caller's clock; `status_lists` are the status lists at hand
/// (entries whose list is absent are reported as [`StatusResult::NotChecked`]
/// and do not make the credential invalid).
pub fn verify(
    credential_json: &str,
    keys: &PublicKeySet,
    now: OffsetDateTime,
    status_lists: &StatusLists,
) -> Verification {
    match jcs::parse_strict(credential_json) {
        Ok(credential) => verify_value(&credential, keys, now, status_lists),
        Err(err) => Verification::invalid(Reason::Malformed(format!("not I-JSON: {err}"))),
    }
}

/// [`verify`] for a credential already parsed (parse with
/// [`jcs::parse_strict`] so that duplicate names are refused).
pub fn verify_value(
    credential: &Value,
    keys: &PublicKeySet,
    now: OffsetDateTime,
    status_lists: &StatusLists,
) -> Verification {
    let verified = match proof::verify(credential, keys) {
        Ok(verified) => verified,
        Err(err) => return Verification::invalid(proof_reason(err)),
    };
    // From here on the content is the issuer's, unaltered.
    let issuer_id = match credential.get("issuer") {
        Some(Value::Object(profile)) => profile.get("id").and_then(Value::as_str),
        Some(Value::String(id)) => Some(id.as_str()),
        _ => None,
    };
    if issuer_id != Some(verified.controller.as_str()) {
        return Verification::invalid(Reason::KeyNotForIssuer {
            verification_method: verified.verification_method,
        });
    }
    let details = match read_details(credential, &verified.verification_method) {
        Ok(details) => details,
        Err(what) => return Verification::invalid(Reason::Malformed(what)),
    };
    let status = match check_status(credential, &details.issuer_id, status_lists) {
        Ok(status) => status,
        Err(what) => {
            return Verification {
                outcome: Outcome::Invalid(Reason::Malformed(what)),
                details: Some(details),
                status: Vec::new(),
            };
        }
    };
    let outcome = match first_problem(credential, &status, now) {
        Ok(None) => Outcome::Valid,
        Ok(Some(reason)) => Outcome::Invalid(reason),
        Err(what) => Outcome::Invalid(Reason::Malformed(what)),
    };
    Verification {
        outcome,
        details: Some(details),
        status,
    }
}

fn proof_reason(err: ProofError) -> Reason {
    match err {
        ProofError::UnsupportedCryptosuite { found } => Reason::UnsupportedCryptosuite { found },
        ProofError::UnknownKey {
            verification_method,
        } => Reason::UnknownKey {
            verification_method,
        },
        ProofError::BadSignature => Reason::BadSignature,
        other => Reason::Malformed(other.to_string()),
    }
}

fn at<'a>(value: &'a Value, path: &[&str]) -> Result<&'a str, String> {
    let mut current = value;
    for name in path {
        current = current
            .get(name)
            .ok_or_else(|| format!("{} missing", path.join(".")))?;
    }
    current
        .as_str()
        .ok_or_else(|| format!("{} is not a string", path.join(".")))
}

fn read_details(credential: &Value, verification_method: &str) -> Result<Details, String> {
    let contexts = credential.get("@context").and_then(Value::as_array);
    let context_ok = contexts.is_some_and(|c| {
        c.first().is_some_and(|c| c == VC_V2_CONTEXT) && c.iter().any(|c| c == OB_V3_CONTEXT)
    });
    if !context_ok {
        return Err("@context is not VC 2.0 + Open Badges 3.0".into());
    }
    let types = credential.get("type").and_then(Value::as_array);
    let type_ok = types.is_some_and(|t| {
        t.iter().any(|t| t == "VerifiableCredential")
            && t.iter().any(|t| t == "OpenBadgeCredential")
    });
    if !type_ok {
        return Err("type is not VerifiableCredential + OpenBadgeCredential".into());
    }
    let subject = credential
        .get("credentialSubject")
        .ok_or("credentialSubject missing")?;
    let achievement = subject
        .get("achievement")
        .ok_or("credentialSubject.achievement missing")?;
    let holder_name = subject
        .get("identifier")
        .and_then(Value::as_array)
        .and_then(|ids| {
            ids.iter().find(|id| {
                id.get("identityType").and_then(Value::as_str) == Some("name")
                    && id.get("hashed").and_then(Value::as_bool) == Some(false)
            })
        })
        .and_then(|id| id.get("identityHash"))
        .and_then(Value::as_str)
        .ok_or("credentialSubject.identifier has no name")?;
    let level_name = at(achievement, &["skillLevel", "name"])?;
    let level =
        SkillLevel::from_wording(level_name).ok_or("achievement.skillLevel.name is not a level")?;
    let code = achievement
        .get("skillLevel")
        .and_then(|l| l.get("code"))
        .and_then(Value::as_str);
    if code != level.code().map(|c| c.to_string()).as_deref() {
        return Err("achievement.skillLevel.code does not match its name".into());
    }
    let valid_from = at(credential, &["validFrom"])?;
    let valid_from = dates::parse_timestamp(valid_from).ok_or("validFrom is not RFC 3339")?;
    let valid_until = match credential.get("validUntil") {
        None => None,
        Some(_) => Some(
            dates::parse_timestamp(at(credential, &["validUntil"])?)
                .ok_or("validUntil is not RFC 3339")?,
        ),
    };
    Ok(Details {
        credential_id: at(credential, &["id"])?.to_owned(),
        certificate_name: at(credential, &["name"])?.to_owned(),
        number: at(subject, &["licenseNumber"])?.to_owned(),
        holder_name: holder_name.to_owned(),
        occupation_code: at(achievement, &["humanCode"])?.to_owned(),
        occupation_name: at(achievement, &["fieldOfStudy"])?.to_owned(),
        subtype: at(achievement, &["specialization"])?.to_owned(),
        level,
        issuer_id: at(credential, &["issuer", "id"])?.to_owned(),
        issuer_name: at(credential, &["issuer", "name"])?.to_owned(),
        issued_on: dates::china_date(valid_from),
        valid_until,
        authorized_by: at(credential, &["authorization", "authorizedBy", "name"])?.to_owned(),
        authorization_reference: at(credential, &["authorization", "reference"])?.to_owned(),
        alliance: at(credential, &["alliance", "name"])?.to_owned(),
        verification_method: verification_method.to_owned(),
    })
}

fn check_status(
    credential: &Value,
    issuer_id: &str,
    lists: &StatusLists,
) -> Result<Vec<StatusCheck>, String> {
    let entries = match credential.get("credentialStatus") {
        None => return Ok(Vec::new()),
        Some(Value::Array(entries)) => entries.iter().collect::<Vec<_>>(),
        Some(entry) => vec![entry],
    };
    let mut checks = Vec::new();
    for entry in entries {
        if at(entry, &["type"])? != "BitstringStatusListEntry" {
            return Err("credentialStatus.type is not BitstringStatusListEntry".into());
        }
        let purpose = StatusPurpose::parse(at(entry, &["statusPurpose"])?)
            .ok_or("credentialStatus.statusPurpose is not revocation or suspension")?;
        let list_id = at(entry, &["statusListCredential"])?;
        let index: usize = at(entry, &["statusListIndex"])?
            .parse()
            .map_err(|_| "credentialStatus.statusListIndex is not a number")?;
        let result = match lists.get(list_id) {
            None => StatusResult::NotChecked,
            Some(list) => {
                if list.purpose() != purpose {
                    return Err(format!(
                        "status list {list_id} is for {}",
                        list.purpose().as_str()
                    ));
                }
                if list.issuer() != issuer_id {
                    return Err(format!("status list {list_id} belongs to another issuer"));
                }
                match list.is_set(index) {
                    Ok(false) => StatusResult::Clear,
                    Ok(true) => StatusResult::Set(list.note(index).cloned()),
                    Err(err) => return Err(err.to_string()),
                }
            }
        };
        checks.push(StatusCheck {
            purpose,
            list: list_id.to_owned(),
            index,
            result,
        });
    }
    Ok(checks)
}

/// Revocation outranks suspension, which outranks the validity window.
fn first_problem(
    credential: &Value,
    status: &[StatusCheck],
    now: OffsetDateTime,
) -> Result<Option<Reason>, String> {
    for purpose in [StatusPurpose::Revocation, StatusPurpose::Suspension] {
        let set = status.iter().find_map(|check| match &check.result {
            StatusResult::Set(note) if check.purpose == purpose => Some(note),
            _ => None,
        });
        if let Some(note) = set {
            let reason = note.as_ref().map(|n| n.reason().to_owned());
            let date = note.as_ref().map(StatusNote::date);
            return Ok(Some(match purpose {
                StatusPurpose::Revocation => Reason::Revoked { reason, date },
                StatusPurpose::Suspension => Reason::Suspended { reason, date },
            }));
        }
    }
    let valid_from = dates::parse_timestamp(at(credential, &["validFrom"])?).ok_or("validFrom")?;
    if now < valid_from {
        return Ok(Some(Reason::NotYetValid { valid_from }));
    }
    if credential.get("validUntil").is_some() {
        let valid_until =
            dates::parse_timestamp(at(credential, &["validUntil"])?).ok_or("validUntil")?;
        if now > valid_until {
            return Ok(Some(Reason::Expired { valid_until }));
        }
    }
    Ok(None)
}
