//! Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C vc-di-eddsa).
//!
//! Signing: the proof options (with the document's `@context`) and the
//! document without `proof` are each canonicalized with JCS and hashed with
//! SHA-256; Ed25519 signs `hash(options) ‖ hash(document)`; the signature is
//! the `proofValue`, base58btc multibase. Verification accepts only that one
//! suite and only keys from the caller's [`PublicKeySet`].

use std::fmt;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::dates;
use crate::jcs;
use crate::keys::{IssuerKey, PublicKeySet};
use crate::multibase;

/// The proof `type` this crate writes and accepts.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The only cryptosuite this crate writes and accepts (the allow-list).
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The proof purpose of a credential signature.
pub const PROOF_PURPOSE: &str = "assertionMethod";

/// Why a proof could not be made or did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProofError {
    /// The document or its proof is not shaped as the suite requires.
    Malformed(&'static str),
    /// A proof type or cryptosuite other than `DataIntegrityProof` /
    /// `eddsa-jcs-2022` (for example `none` or a JOSE algorithm).
    UnsupportedCryptosuite {
        /// What the proof claimed, `type/cryptosuite`.
        found: String,
    },
    /// The verification method is not among the trusted keys.
    UnknownKey {
        /// The `verificationMethod` the proof named.
        verification_method: String,
    },
    /// The signature does not match the document and the key.
    BadSignature,
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProofError::Malformed(what) => write!(f, "malformed proof: {what}"),
            ProofError::UnsupportedCryptosuite { found } => {
                write!(
                    f,
                    "unsupported proof {found}; only {PROOF_TYPE}/{CRYPTOSUITE} is accepted"
                )
            }
            ProofError::UnknownKey {
                verification_method,
            } => {
                write!(f, "unknown key {verification_method}")
            }
            ProofError::BadSignature => f.write_str("signature does not match"),
        }
    }
}

impl std::error::Error for ProofError {}

/// What a verified proof says about who signed and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedProof {
    /// The verification method (key id) whose key checked out.
    pub verification_method: String,
    /// The key's controller, the part of the id before `#`.
    pub controller: String,
    /// `created`, when the proof has one.
    pub created: Option<OffsetDateTime>,
}

/// Adds an `eddsa-jcs-2022` proof made with `key` at `created` to `document`,
/// which must be a JSON object without a `proof`.
pub fn sign(
    document: &Value,
    key: &IssuerKey,
    created: OffsetDateTime,
) -> Result<Value, ProofError> {
    let Value::Object(members) = document else {
        return Err(ProofError::Malformed("document is not an object"));
    };
    if members.contains_key("proof") {
        return Err(ProofError::Malformed("document already has a proof"));
    }
    let mut options = Map::new();
    options.insert("type".into(), PROOF_TYPE.into());
    options.insert("cryptosuite".into(), CRYPTOSUITE.into());
    let created = dates::format_timestamp(created.to_offset(time::UtcOffset::UTC))
        .ok_or(ProofError::Malformed("created"))?;
    options.insert("created".into(), created.into());
    options.insert("verificationMethod".into(), key.id().as_str().into());
    options.insert("proofPurpose".into(), PROOF_PURPOSE.into());
    if let Some(context) = members.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let hash = hash_data(&options, members)?;
    let signature = key.sign(&hash);
    options.insert(
        "proofValue".into(),
        multibase::encode_base58btc(&signature).into(),
    );

    let mut secured = members.clone();
    secured.insert("proof".into(), Value::Object(options));
    Ok(Value::Object(secured))
}

/// Verifies the single `eddsa-jcs-2022` proof of `document` against `keys`.
///
/// Nothing in the document is trusted before this returns `Ok`; the key is
/// looked up by the proof's `verificationMethod` in `keys` only.
pub fn verify(document: &Value, keys: &PublicKeySet) -> Result<VerifiedProof, ProofError> {
    let Value::Object(members) = document else {
        return Err(ProofError::Malformed("document is not an object"));
    };
    let proof = match members.get("proof") {
        Some(Value::Object(proof)) => proof,
        Some(Value::Array(_)) => return Err(ProofError::Malformed("proof sets are not accepted")),
        Some(_) => return Err(ProofError::Malformed("proof is not an object")),
        None => return Err(ProofError::Malformed("no proof")),
    };
    let text = |name: &'static str| match proof.get(name) {
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(ProofError::Malformed(name)),
        None => Ok(None),
    };
    let proof_type = text("type")?.unwrap_or("");
    let suite = text("cryptosuite")?.unwrap_or("");
    if proof_type != PROOF_TYPE || suite != CRYPTOSUITE {
        return Err(ProofError::UnsupportedCryptosuite {
            found: format!("{proof_type}/{suite}"),
        });
    }
    if text("proofPurpose")? != Some(PROOF_PURPOSE) {
        return Err(ProofError::Malformed("proofPurpose is not assertionMethod"));
    }
    if proof.contains_key("previousProof") {
        return Err(ProofError::Malformed("proof chains are not accepted"));
    }
    let method = text("verificationMethod")?.ok_or(ProofError::Malformed("verificationMethod"))?;
    let (method_id, key) = keys.get(method).ok_or_else(|| ProofError::UnknownKey {
        verification_method: method.to_owned(),
    })?;
    let created = text("created")?
        .map(|raw| dates::parse_timestamp(raw).ok_or(ProofError::Malformed("created")))
        .transpose()?;
    let signature: [u8; 64] = text("proofValue")?
        .ok_or(ProofError::Malformed("proofValue"))
        .and_then(|value| {
            multibase::decode_base58btc(value).map_err(|_| ProofError::Malformed("proofValue"))
        })?
        .try_into()
        .map_err(|_| ProofError::Malformed("proofValue length"))?;

    let mut options = proof.clone();
    options.remove("proofValue");
    let mut unsecured = members.clone();
    unsecured.remove("proof");
    if let Some(proof_context) = options.get("@context") {
        // The proof's contexts must open the document's, so that the signed
        // options and the document are read with the same vocabulary.
        // The document's contexts were altered (or the proof was moved).
        if !context_starts_with(unsecured.get("@context"), proof_context) {
            return Err(ProofError::BadSignature);
        }
        unsecured.insert("@context".into(), proof_context.clone());
    }
    let hash = hash_data(&options, &unsecured)?;
    if !key.verify(&hash, &signature) {
        return Err(ProofError::BadSignature);
    }
    Ok(VerifiedProof {
        verification_method: method_id.as_str().to_owned(),
        controller: method_id.controller().to_owned(),
        created,
    })
}

/// `SHA-256(JCS(options)) ‖ SHA-256(JCS(document))`, the 64 bytes that are signed.
pub fn hash_data(
    options: &Map<String, Value>,
    document: &Map<String, Value>,
) -> Result<[u8; 64], ProofError> {
    let canonical = |members: &Map<String, Value>| {
        jcs::canonicalize(&Value::Object(members.clone()))
            .map_err(|_| ProofError::Malformed("number"))
    };
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&Sha256::digest(canonical(options)?.as_bytes()));
    out[32..].copy_from_slice(&Sha256::digest(canonical(document)?.as_bytes()));
    Ok(out)
}

fn context_starts_with(document: Option<&Value>, proof: &Value) -> bool {
    let as_list = |value: &Value| match value {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let Some(document) = document else {
        return false;
    };
    let (document, proof) = (as_list(document), as_list(proof));
    proof.len() <= document.len() && document.iter().zip(&proof).all(|(d, p)| d == p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::VerificationMethodId;
    use serde_json::json;
    use time::macros::datetime;

    fn key() -> IssuerKey {
        IssuerKey::generate(
            [9; 32],
            VerificationMethodId::parse("did:web:a.example#key-1").unwrap(),
        )
    }

    fn trusted() -> PublicKeySet {
        let mut keys = PublicKeySet::new();
        keys.insert_issuer_key(&key());
        keys
    }

    #[test]
    fn a_signed_document_verifies_and_names_its_key() {
        let doc = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "证书"});
        let signed = sign(&doc, &key(), datetime!(2025-06-30 08:00:00.5 UTC)).unwrap();

        let verified = verify(&signed, &trusted()).unwrap();

        assert_eq!(verified.verification_method, "did:web:a.example#key-1");
        assert_eq!(verified.controller, "did:web:a.example");
        assert_eq!(signed["proof"]["created"], "2025-06-30T08:00:00Z");
        assert_eq!(signed["proof"]["@context"], doc["@context"]);
    }

    #[test]
    fn a_proof_claiming_another_suite_is_refused_before_any_key_lookup() {
        let signed = sign(&json!({"a": 1}), &key(), datetime!(2025-01-01 0:00 UTC)).unwrap();
        for (field, value) in [
            ("cryptosuite", "none"),
            ("cryptosuite", "HS256"),
            ("type", "Ed25519Signature2020"),
        ] {
            let mut forged = signed.clone();
            forged["proof"][field] = value.into();
            assert!(
                matches!(
                    verify(&forged, &trusted()),
                    Err(ProofError::UnsupportedCryptosuite { .. })
                ),
                "{field}={value}"
            );
        }
    }

    #[test]
    fn signing_a_document_that_already_has_a_proof_is_refused() {
        let signed = sign(&json!({"a": 1}), &key(), datetime!(2025-01-01 0:00 UTC)).unwrap();
        assert_eq!(
            sign(&signed, &key(), datetime!(2025-01-01 0:00 UTC)),
            Err(ProofError::Malformed("document already has a proof"))
        );
    }

    #[test]
    fn a_proof_context_that_does_not_open_the_document_context_is_refused() {
        let doc =
            json!({"@context": ["https://www.w3.org/ns/credentials/v2", "https://x.example"]});
        let mut signed = sign(&doc, &key(), datetime!(2025-01-01 0:00 UTC)).unwrap();
        signed["@context"] = json!(["https://www.w3.org/ns/credentials/v2"]);
        assert_eq!(verify(&signed, &trusted()), Err(ProofError::BadSignature));
    }
}
