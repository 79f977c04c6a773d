//! Issuer signing keys and the public keys a verifier trusts.
//!
//! An [`IssuerKey`] is an Ed25519 key made from 32 seed bytes the caller
//! supplies (this crate reads no randomness), named by a verification-method
//! id such as `did:web:gongjiang.example:orgs:42#key-1`. A [`PublicKeySet`]
//! holds every key still trusted for verification, old ones included, so a
//! rotation never invalidates certificates already issued.

use std::collections::BTreeMap;
use std::fmt;

use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use serde_json::{Value, json};

use crate::multibase;

/// Multicodec prefix of an Ed25519 public key (`0xed` as an unsigned varint).
const ED25519_PUB_PREFIX: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of an Ed25519 private key (`0x1300` as an unsigned varint).
const ED25519_PRIV_PREFIX: [u8; 2] = [0x80, 0x26];

/// What is wrong with a key, key id or key document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// A verification-method id must be an absolute URI with a `#fragment`.
    InvalidKeyId(String),
    /// A did:web domain or path segment has characters did:web does not allow.
    InvalidDidWeb(String),
    /// A multikey is not base58btc, or not an Ed25519 key of the right length.
    InvalidMultikey,
    /// 32 bytes that are not a valid Ed25519 public key.
    InvalidPublicKey,
    /// A DID document lacks a field, or a field has the wrong shape.
    InvalidDidDocument(&'static str),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::InvalidKeyId(id) => write!(f, "invalid verification method id {id:?}"),
            KeyError::InvalidDidWeb(part) => write!(f, "invalid did:web part {part:?}"),
            KeyError::InvalidMultikey => f.write_str("not an Ed25519 multikey (z6Mk…)"),
            KeyError::InvalidPublicKey => f.write_str("not a valid Ed25519 public key"),
            KeyError::InvalidDidDocument(what) => write!(f, "invalid DID document: {what}"),
        }
    }
}

impl std::error::Error for KeyError {}

/// The id of a verification method: `<controller>#<fragment>`.
///
/// The controller is the issuer's id (a `did:web` DID on the platform).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VerificationMethodId {
    id: String,
    hash: usize,
}

impl VerificationMethodId {
    /// Parses `did:web:example.org:orgs:42#key-1` and the like.
    pub fn parse(raw: &str) -> Result<Self, KeyError> {
        let invalid = || KeyError::InvalidKeyId(raw.to_owned());
        let hash = raw.find('#').ok_or_else(invalid)?;
        let (controller, fragment) = (&raw[..hash], &raw[hash + 1..]);
        if !is_absolute_uri(controller) || fragment.is_empty() || fragment.contains('#') {
            return Err(invalid());
        }
        Ok(Self {
            id: raw.to_owned(),
            hash,
        })
    }

    /// The whole id.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The part before `#`: whose key this is.
    pub fn controller(&self) -> &str {
        &self.id[..self.hash]
    }

    /// The part after `#`, e.g. `key-1`.
    pub fn fragment(&self) -> &str {
        &self.id[self.hash + 1..]
    }
}

impl fmt::Display for VerificationMethodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

/// True for `scheme:rest` with an RFC 3986 scheme and no whitespace.
pub(crate) fn is_absolute_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The `did:web` DID for a domain and a path, e.g.
/// `did_web("gongjiang.example", &["orgs", "42"])` is
/// `did:web:gongjiang.example:orgs:42`, whose document is served at
/// `https://gongjiang.example/orgs/42/did.json`. A port is written
/// `gongjiang.example:8443` and encoded as `%3A`.
pub fn did_web(domain: &str, path: &[&str]) -> Result<String, KeyError> {
    let (host, port) = match domain.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (domain, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-'));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !host_ok || !port_ok {
        return Err(KeyError::InvalidDidWeb(domain.to_owned()));
    }
    let mut did = format!("did:web:{host}");
    if let Some(port) = port {
        did.push_str("%3A");
        did.push_str(port);
    }
    for segment in path {
        let ok = !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !ok {
            return Err(KeyError::InvalidDidWeb((*segment).to_owned()));
        }
        did.push(':');
        did.push_str(segment);
    }
    Ok(did)
}

/// An Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// From the 32 raw bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, KeyError> {
        VerifyingKey::from_bytes(bytes)
            .map(PublicKey)
            .map_err(|_| KeyError::InvalidPublicKey)
    }

    /// From a Multikey `publicKeyMultibase` value (`z6Mk…`).
    pub fn from_multibase(text: &str) -> Result<Self, KeyError> {
        let bytes = multibase::decode_base58btc(text).map_err(|_| KeyError::InvalidMultikey)?;
        let raw: [u8; 32] = bytes
            .strip_prefix(&ED25519_PUB_PREFIX)
            .and_then(|rest| rest.try_into().ok())
            .ok_or(KeyError::InvalidMultikey)?;
        Self::from_bytes(&raw)
    }

    /// The Multikey form: multicodec `0xed01` + key, base58btc, so `z6Mk…`.
    pub fn to_multibase(&self) -> String {
        let mut bytes = ED25519_PUB_PREFIX.to_vec();
        bytes.extend_from_slice(self.0.as_bytes());
        multibase::encode_base58btc(&bytes)
    }

    /// The 32 raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// Strict RFC 8032 verification (rejects small-order keys and
    /// non-canonical signatures).
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        let signature = ed25519_dalek::Signature::from_bytes(signature);
        self.0.verify_strict(message, &signature).is_ok()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PublicKey")
            .field(&self.to_multibase())
            .finish()
    }
}

/// An issuing organisation's Ed25519 signing key and its verification-method id.
///
/// The platform creates it from 32 bytes of OS randomness, stores the
/// [`seed`](IssuerKey::seed) in a file readable only by the service
/// (`0600`, outside the database) and publishes the public key in the
/// organisation's DID document. `Debug` never prints the secret.
pub struct IssuerKey {
    signing: SigningKey,
    id: VerificationMethodId,
}

impl IssuerKey {
    /// A key from 32 secret seed bytes (RFC 8032 private key), which the
    /// caller draws from a cryptographic random source.
    pub fn generate(seed: [u8; 32], id: VerificationMethodId) -> Self {
        Self {
            signing: SigningKey::from_bytes(&seed),
            id,
        }
    }

    /// A key from a Multikey `secretKeyMultibase` value (multicodec `0x1300`).
    pub fn from_secret_multibase(text: &str, id: VerificationMethodId) -> Result<Self, KeyError> {
        let bytes = multibase::decode_base58btc(text).map_err(|_| KeyError::InvalidMultikey)?;
        let seed: [u8; 32] = bytes
            .strip_prefix(&ED25519_PRIV_PREFIX)
            .and_then(|rest| rest.try_into().ok())
            .ok_or(KeyError::InvalidMultikey)?;
        Ok(Self::generate(seed, id))
    }

    /// The verification-method id (`kid`) written into every proof.
    pub fn id(&self) -> &VerificationMethodId {
        &self.id
    }

    /// The public half.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key())
    }

    /// The public key as a Multikey (`z6Mk…`).
    pub fn public_multibase(&self) -> String {
        self.public_key().to_multibase()
    }

    /// The 32 secret seed bytes, for the platform's key file. Secret.
    pub fn seed(&self) -> [u8; 32] {
        self.signing.to_bytes()
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

impl fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerKey")
            .field("id", &self.id.as_str())
            .field("public", &self.public_multibase())
            .finish_non_exhaustive()
    }
}

/// The public keys a verifier trusts, by verification-method id.
///
/// Keys only ever come from here, never from the document being verified.
/// After a rotation the old key stays in the set (and in the published DID
/// document) so that certificates it signed still verify; a compromised key is
/// removed instead, and the certificates it signed are reissued.
#[derive(Debug, Clone, Default)]
pub struct PublicKeySet {
    keys: BTreeMap<VerificationMethodId, PublicKey>,
}

impl PublicKeySet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Trusts `key` under `id`, replacing any key already under that id.
    pub fn insert(&mut self, id: VerificationMethodId, key: PublicKey) -> &mut Self {
        self.keys.insert(id, key);
        self
    }

    /// Trusts the public half of an issuer key.
    pub fn insert_issuer_key(&mut self, key: &IssuerKey) -> &mut Self {
        self.insert(key.id().clone(), key.public_key())
    }

    /// Stops trusting the key under `id`; returns it if it was there.
    pub fn remove(&mut self, id: &VerificationMethodId) -> Option<PublicKey> {
        self.keys.remove(id)
    }

    /// The key under a verification-method id, if trusted.
    pub fn get(&self, id: &str) -> Option<(&VerificationMethodId, &PublicKey)> {
        let id = VerificationMethodId::parse(id).ok()?;
        self.keys.get_key_value(&id)
    }

    /// Number of trusted keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no key is trusted.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// All trusted keys, ordered by id.
    pub fn iter(&self) -> impl Iterator<Item = (&VerificationMethodId, &PublicKey)> {
        self.keys.iter()
    }

    /// The DID document that publishes `controller`'s keys (all of them, old
    /// and new), to be served at the did:web URL. Each key is a `Multikey`
    /// usable for `assertionMethod`.
    pub fn did_document(&self, controller: &str) -> Value {
        let keys: Vec<(&VerificationMethodId, &PublicKey)> = self
            .keys
            .iter()
            .filter(|(id, _)| id.controller() == controller)
            .collect();
        let methods: Vec<Value> = keys
            .iter()
            .map(|(id, key)| {
                json!({
                    "id": id.as_str(),
                    "type": "Multikey",
                    "controller": controller,
                    "publicKeyMultibase": key.to_multibase(),
                })
            })
            .collect();
        let assertion: Vec<&str> = keys.iter().map(|(id, _)| id.as_str()).collect();
        json!({
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": controller,
            "verificationMethod": methods,
            "assertionMethod": assertion,
        })
    }

    /// Trusts the `assertionMethod` keys of a DID document the caller has
    /// chosen to trust (for example one fetched from the did:web URL, or
    /// handed to `gongjiang verify`). Only `Multikey` Ed25519 keys controlled by
    /// the document's own id are taken.
    pub fn insert_did_document(&mut self, document: &Value) -> Result<usize, KeyError> {
        let controller = document
            .get("id")
            .and_then(Value::as_str)
            .ok_or(KeyError::InvalidDidDocument("id"))?;
        let methods = document
            .get("verificationMethod")
            .and_then(Value::as_array)
            .ok_or(KeyError::InvalidDidDocument("verificationMethod"))?;
        let assertion = document
            .get("assertionMethod")
            .and_then(Value::as_array)
            .ok_or(KeyError::InvalidDidDocument("assertionMethod"))?;
        let mut listed: Vec<&Value> = Vec::new();
        for entry in assertion {
            match entry {
                Value::String(reference) => {
                    let method = methods
                        .iter()
                        .find(|m| m.get("id").and_then(Value::as_str) == Some(reference))
                        .ok_or(KeyError::InvalidDidDocument("assertionMethod reference"))?;
                    listed.push(method);
                }
                Value::Object(_) => listed.push(entry),
                _ => return Err(KeyError::InvalidDidDocument("assertionMethod entry")),
            }
        }
        let mut added = 0;
        for method in listed {
            let field = |name: &'static str| {
                method
                    .get(name)
                    .and_then(Value::as_str)
                    .ok_or(KeyError::InvalidDidDocument(name))
            };
            if field("type")? != "Multikey" {
                continue;
            }
            let id = VerificationMethodId::parse(field("id")?)?;
            if id.controller() != controller || field("controller")? != controller {
                return Err(KeyError::InvalidDidDocument("controller"));
            }
            let key = PublicKey::from_multibase(field("publicKeyMultibase")?)?;
            self.insert(id, key);
            added += 1;
        }
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(raw: &str) -> VerificationMethodId {
        VerificationMethodId::parse(raw).unwrap()
    }

    #[test]
    fn a_verification_method_id_splits_into_controller_and_fragment() {
        let parsed = id("did:web:gongjiang.example:orgs:42#key-1");
        assert_eq!(parsed.controller(), "did:web:gongjiang.example:orgs:42");
        assert_eq!(parsed.fragment(), "key-1");
    }

    #[test]
    fn verification_method_ids_without_a_fragment_or_scheme_are_refused() {
        for raw in [
            "did:web:x",
            "did:web:x#",
            "#key-1",
            "key#1",
            "did:web:x#a#b",
            "did:web: x#k",
        ] {
            assert!(VerificationMethodId::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn did_web_builds_colon_separated_paths_and_encodes_ports() {
        assert_eq!(
            did_web("gongjiang.example", &["orgs", "42"]).unwrap(),
            "did:web:gongjiang.example:orgs:42"
        );
        assert_eq!(
            did_web("localhost:8443", &[]).unwrap(),
            "did:web:localhost%3A8443"
        );
        assert!(did_web("Gongjiang.example", &[]).is_err());
        assert!(did_web("gongjiang.example", &["a/b"]).is_err());
    }

    #[test]
    fn the_rfc_8032_test_key_has_the_expected_multikey() {
        // RFC 8032 §7.1 TEST 1.
        let seed = [
            0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec,
            0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03,
            0x1c, 0xae, 0x7f, 0x60,
        ];
        let key = IssuerKey::generate(seed, id("did:web:a.example#key-1"));
        let expected_public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        let hex: String = key
            .public_key()
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex, expected_public);
        assert!(key.public_multibase().starts_with("z6Mk"));
        let back = PublicKey::from_multibase(&key.public_multibase()).unwrap();
        assert_eq!(back, key.public_key());
        let signature = key.sign(b"");
        assert_eq!(signature[0], 0xe5);
        assert_eq!(signature[63], 0x0b);
    }

    #[test]
    fn debug_output_never_contains_the_seed() {
        let key = IssuerKey::generate([7; 32], id("did:web:a.example#key-1"));
        let printed = format!("{key:?}");
        assert!(printed.contains("z6Mk"));
        assert!(!printed.contains("[7, 7"));
    }

    #[test]
    fn a_did_document_round_trips_through_a_key_set() {
        let old = IssuerKey::generate([1; 32], id("did:web:a.example:orgs:1#key-1"));
        let new = IssuerKey::generate([2; 32], id("did:web:a.example:orgs:1#key-2"));
        let other = IssuerKey::generate([3; 32], id("did:web:a.example:orgs:2#key-1"));
        let mut set = PublicKeySet::new();
        set.insert_issuer_key(&old)
            .insert_issuer_key(&new)
            .insert_issuer_key(&other);

        let document = set.did_document("did:web:a.example:orgs:1");
        let mut loaded = PublicKeySet::new();
        let added = loaded.insert_did_document(&document).unwrap();

        assert_eq!(added, 2);
        assert_eq!(
            loaded.get("did:web:a.example:orgs:1#key-1").unwrap().1,
            &old.public_key()
        );
        assert_eq!(
            loaded.get("did:web:a.example:orgs:1#key-2").unwrap().1,
            &new.public_key()
        );
        assert!(loaded.get("did:web:a.example:orgs:2#key-1").is_none());
    }

    #[test]
    fn a_did_document_may_not_smuggle_in_another_controllers_key() {
        let mut document = PublicKeySet::new()
            .insert_issuer_key(&IssuerKey::generate([1; 32], id("did:web:a.example#key-1")))
            .did_document("did:web:a.example");
        document["id"] = "did:web:b.example".into();
        assert!(PublicKeySet::new().insert_did_document(&document).is_err());
    }

    #[test]
    fn a_multikey_with_the_wrong_codec_is_refused() {
        let private_looking =
            multibase::encode_base58btc(&[&ED25519_PRIV_PREFIX[..], &[1; 32]].concat());
        assert_eq!(
            PublicKey::from_multibase(&private_looking),
            Err(KeyError::InvalidMultikey)
        );
        assert_eq!(
            PublicKey::from_multibase("z6Mk"),
            Err(KeyError::InvalidMultikey)
        );
    }
}
