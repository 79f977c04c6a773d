//! Revocation and suspension with the W3C Bitstring Status List.
//!
//! Each credential points at one bit in a revocation list and one in a
//! suspension list. A list is a [`Bitstring`] of at least 131,072 bits (so a
//! set bit does not single anyone out), published GZIP-compressed as base64url
//! multibase (`u…`) inside a signed `BitstringStatusListCredential`. Gongjiang
//! adds `statusNotes` to that credential so that a verifier, offline too, can
//! show why and since when a certificate is revoked or suspended.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Read as _, Write as _};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde_json::{Map, Value, json};
use time::{Date, OffsetDateTime};

use crate::dates;
use crate::keys::{IssuerKey, PublicKeySet, is_absolute_uri};
use crate::multibase;
use crate::proof::{self, ProofError};

/// The smallest list the specification allows: 16 KiB of bits.
pub const MIN_BITS: usize = 131_072;
/// Refuse to inflate a published list beyond this (a GZIP bomb guard).
const MAX_DECODED_BYTES: usize = 16 * 1024 * 1024;
/// Longest reason accepted in a status note, in characters.
pub const MAX_REASON_CHARS: usize = 200;

/// What went wrong with a status list or a status list credential.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatusError {
    /// The index is beyond the end of the list.
    IndexOutOfRange {
        /// The index asked for.
        index: usize,
        /// Bits in the list.
        len: usize,
    },
    /// A revoked credential cannot be reinstated (the specification makes
    /// revocation final); issue a new credential instead.
    RevocationIsFinal,
    /// A list, issuer or credential id is not an absolute URI.
    InvalidId(String),
    /// A reason is empty or longer than [`MAX_REASON_CHARS`].
    InvalidReason,
    /// `encodedList` is not GZIP in base64url multibase, or is too short or too long.
    EncodedList(&'static str),
    /// The status list credential lacks a field or has a wrong one.
    Malformed(&'static str),
    /// The status list credential's proof did not verify.
    Proof(ProofError),
    /// The list was signed by a key that does not belong to its issuer.
    KeyNotForIssuer,
    /// The list's `validFrom` is after `now`.
    NotYetValid,
    /// The list's `validUntil` is before `now`: fetch a fresh one.
    Expired,
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusError::IndexOutOfRange { index, len } => {
                write!(f, "status index {index} is outside a list of {len} bits")
            }
            StatusError::RevocationIsFinal => f.write_str("a revocation cannot be undone"),
            StatusError::InvalidId(id) => write!(f, "{id:?} is not an absolute URI"),
            StatusError::InvalidReason => {
                write!(f, "a reason must have 1 to {MAX_REASON_CHARS} characters")
            }
            StatusError::EncodedList(what) => write!(f, "invalid encodedList: {what}"),
            StatusError::Malformed(what) => write!(f, "malformed status list credential: {what}"),
            StatusError::Proof(err) => write!(f, "status list credential: {err}"),
            StatusError::KeyNotForIssuer => {
                f.write_str("status list signed by another issuer's key")
            }
            StatusError::NotYetValid => f.write_str("status list is not valid yet"),
            StatusError::Expired => f.write_str("status list has expired; fetch a fresh one"),
        }
    }
}

impl std::error::Error for StatusError {}

/// A list of status bits; bit 0 is the most significant bit of the first byte.
#[derive(Clone, PartialEq, Eq)]
pub struct Bitstring {
    bytes: Vec<u8>,
}

impl Default for Bitstring {
    fn default() -> Self {
        Self::with_len(MIN_BITS)
    }
}

impl fmt::Debug for Bitstring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = self
            .bytes
            .iter()
            .map(|b| b.count_ones() as usize)
            .sum::<usize>();
        write!(f, "Bitstring({} bits, {set} set)", self.len())
    }
}

impl Bitstring {
    /// All-clear bits: at least [`MIN_BITS`], rounded up to whole bytes.
    pub fn with_len(bits: usize) -> Self {
        Self {
            bytes: vec![0; bits.max(MIN_BITS).div_ceil(8)],
        }
    }

    /// Number of bits.
    pub fn len(&self) -> usize {
        self.bytes.len() * 8
    }

    /// Always false: a list has at least [`MIN_BITS`] bits.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bit at `index`, or `None` past the end.
    pub fn get(&self, index: usize) -> Option<bool> {
        let byte = self.bytes.get(index / 8)?;
        Some(byte & (0x80 >> (index % 8)) != 0)
    }

    /// Sets or clears the bit at `index`.
    pub fn set(&mut self, index: usize, value: bool) -> Result<(), StatusError> {
        let len = self.len();
        let byte = self
            .bytes
            .get_mut(index / 8)
            .ok_or(StatusError::IndexOutOfRange { index, len })?;
        let mask = 0x80 >> (index % 8);
        if value {
            *byte |= mask;
        } else {
            *byte &= !mask;
        }
        Ok(())
    }

    /// `encodedList`: GZIP, then base64url without padding, with the `u` prefix.
    ///
    /// The GZIP header carries no timestamp, so equal lists encode equally.
    pub fn encode(&self) -> String {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        // Writing into a Vec cannot fail.
        let compressed = encoder
            .write_all(&self.bytes)
            .and_then(|()| encoder.finish())
            .unwrap_or_default();
        multibase::encode_base64url(&compressed)
    }

    /// Reads an `encodedList`; refuses lists shorter than [`MIN_BITS`].
    pub fn decode(encoded: &str) -> Result<Self, StatusError> {
        let compressed = multibase::decode_base64url(encoded)
            .map_err(|_| StatusError::EncodedList("not base64url multibase"))?;
        let mut bytes = Vec::new();
        GzDecoder::new(compressed.as_slice())
            .take(MAX_DECODED_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| StatusError::EncodedList("not GZIP"))?;
        if bytes.len() > MAX_DECODED_BYTES {
            return Err(StatusError::EncodedList("longer than 16 MiB"));
        }
        if bytes.len() * 8 < MIN_BITS {
            return Err(StatusError::EncodedList("shorter than 131072 bits"));
        }
        Ok(Self { bytes })
    }
}

/// What a status list records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusPurpose {
    /// Cancelled for good (撤销).
    Revocation,
    /// Temporarily not valid (暂停); can be lifted.
    Suspension,
}

impl StatusPurpose {
    /// `revocation` or `suspension`, as in `statusPurpose`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
        }
    }

    /// The purpose named by a `statusPurpose` value.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "revocation" => Some(StatusPurpose::Revocation),
            "suspension" => Some(StatusPurpose::Suspension),
            _ => None,
        }
    }
}

/// Why and since when a bit is set. Must not contain personal data: it is
/// published with the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusNote {
    reason: String,
    date: Date,
}

impl StatusNote {
    /// A reason of 1 to [`MAX_REASON_CHARS`] characters and the day it took effect.
    pub fn new(reason: &str, date: Date) -> Result<Self, StatusError> {
        let reason = reason.trim();
        let chars = reason.chars().count();
        if chars == 0 || chars > MAX_REASON_CHARS {
            return Err(StatusError::InvalidReason);
        }
        Ok(Self {
            reason: reason.to_owned(),
            date,
        })
    }

    /// Why, e.g. `证书信息有误`.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Since when (China Standard Time calendar day).
    pub fn date(&self) -> Date {
        self.date
    }
}

/// Where one credential's status lives: a list credential URL and a bit index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatusSlot {
    /// The status list credential's URL (its `id`).
    pub list: String,
    /// The bit. Allocate indexes at random within a list, not in issue order,
    /// so that neighbouring bits say nothing about neighbouring people.
    pub index: usize,
}

impl StatusSlot {
    /// The `BitstringStatusListEntry` for this slot.
    pub(crate) fn entry(&self, purpose: StatusPurpose) -> Value {
        json!({
            "id": format!("{}#{}", self.list, self.index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose.as_str(),
            "statusListIndex": self.index.to_string(),
            "statusListCredential": self.list,
        })
    }
}

/// One issuer's status list for one purpose, with the notes behind its set bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    id: String,
    issuer: String,
    purpose: StatusPurpose,
    bits: Bitstring,
    notes: BTreeMap<usize, StatusNote>,
}

impl StatusList {
    /// An all-clear list of [`MIN_BITS`] bits published at `id` by `issuer`.
    pub fn new(id: &str, issuer: &str, purpose: StatusPurpose) -> Result<Self, StatusError> {
        for uri in [id, issuer] {
            if !is_absolute_uri(uri) || uri.contains('#') {
                return Err(StatusError::InvalidId(uri.to_owned()));
            }
        }
        Ok(Self {
            id: id.to_owned(),
            issuer: issuer.to_owned(),
            purpose,
            bits: Bitstring::default(),
            notes: BTreeMap::new(),
        })
    }

    /// The status list credential's URL.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Who publishes (and signs) the list.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Revocation or suspension.
    pub fn purpose(&self) -> StatusPurpose {
        self.purpose
    }

    /// The bits.
    pub fn bits(&self) -> &Bitstring {
        &self.bits
    }

    /// Sets the bit at `index`, recording why and since when.
    pub fn set(&mut self, index: usize, note: StatusNote) -> Result<(), StatusError> {
        self.bits.set(index, true)?;
        self.notes.insert(index, note);
        Ok(())
    }

    /// Lifts a suspension. Revocations cannot be lifted.
    pub fn clear(&mut self, index: usize) -> Result<(), StatusError> {
        if self.purpose == StatusPurpose::Revocation {
            return Err(StatusError::RevocationIsFinal);
        }
        self.bits.set(index, false)?;
        self.notes.remove(&index);
        Ok(())
    }

    /// Whether the bit at `index` is set.
    pub fn is_set(&self, index: usize) -> Result<bool, StatusError> {
        self.bits.get(index).ok_or(StatusError::IndexOutOfRange {
            index,
            len: self.bits.len(),
        })
    }

    /// The note recorded for a set bit, if any.
    pub fn note(&self, index: usize) -> Option<&StatusNote> {
        self.notes.get(&index)
    }

    /// The list as a signed `BitstringStatusListCredential`, valid from
    /// `valid_from` until `valid_until` (verifiers refuse it after that, so
    /// republish before then). `key` must belong to the list's issuer.
    pub fn to_credential(
        &self,
        key: &IssuerKey,
        valid_from: OffsetDateTime,
        valid_until: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<Value, StatusError> {
        if key.id().controller() != self.issuer {
            return Err(StatusError::KeyNotForIssuer);
        }
        let mut subject = Map::new();
        subject.insert("id".into(), format!("{}#list", self.id).into());
        subject.insert("type".into(), "BitstringStatusList".into());
        subject.insert("statusPurpose".into(), self.purpose.as_str().into());
        subject.insert("encodedList".into(), self.bits.encode().into());
        if !self.notes.is_empty() {
            let notes: Vec<Value> = self
                .notes
                .iter()
                .map(|(index, note)| {
                    json!({
                        "statusListIndex": index.to_string(),
                        "reason": note.reason,
                        "date": dates::format_date(note.date),
                    })
                })
                .collect();
            subject.insert("statusNotes".into(), notes.into());
        }
        let timestamp = |at| dates::format_timestamp(at).ok_or(StatusError::Malformed("timestamp"));
        let mut credential = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": self.id,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": self.issuer,
            "validFrom": timestamp(valid_from)?,
            "credentialSubject": subject,
        });
        if let Some(until) = valid_until {
            credential["validUntil"] = timestamp(until)?.into();
        }
        proof::sign(&credential, key, now).map_err(StatusError::Proof)
    }

    /// Reads a published status list credential: its proof must verify
    /// against `keys` with a key of its own issuer, and it must be valid at
    /// `now`. Nothing in it is read before the proof checks out.
    pub fn from_credential(
        credential: &Value,
        keys: &PublicKeySet,
        now: OffsetDateTime,
    ) -> Result<Self, StatusError> {
        let verified = proof::verify(credential, keys).map_err(StatusError::Proof)?;
        let text = |value: Option<&Value>, what: &'static str| {
            value
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or(StatusError::Malformed(what))
        };
        let issuer = match credential.get("issuer") {
            Some(Value::Object(profile)) => text(profile.get("id"), "issuer")?,
            other => text(other, "issuer")?,
        };
        if issuer != verified.controller {
            return Err(StatusError::KeyNotForIssuer);
        }
        let types = credential.get("type").and_then(Value::as_array);
        if !types.is_some_and(|t| t.iter().any(|t| t == "BitstringStatusListCredential")) {
            return Err(StatusError::Malformed("type"));
        }
        let valid_from = text(credential.get("validFrom"), "validFrom")?;
        let valid_from =
            dates::parse_timestamp(&valid_from).ok_or(StatusError::Malformed("validFrom"))?;
        if now < valid_from {
            return Err(StatusError::NotYetValid);
        }
        if let Some(until) = credential.get("validUntil") {
            let until = text(Some(until), "validUntil")?;
            let until =
                dates::parse_timestamp(&until).ok_or(StatusError::Malformed("validUntil"))?;
            if now > until {
                return Err(StatusError::Expired);
            }
        }
        let subject = credential
            .get("credentialSubject")
            .ok_or(StatusError::Malformed("credentialSubject"))?;
        if text(subject.get("type"), "credentialSubject.type")? != "BitstringStatusList" {
            return Err(StatusError::Malformed("credentialSubject.type"));
        }
        let purpose = text(subject.get("statusPurpose"), "statusPurpose")?;
        let purpose =
            StatusPurpose::parse(&purpose).ok_or(StatusError::Malformed("statusPurpose"))?;
        let bits = Bitstring::decode(&text(subject.get("encodedList"), "encodedList")?)?;
        let mut notes = BTreeMap::new();
        if let Some(list) = subject.get("statusNotes") {
            for note in list
                .as_array()
                .ok_or(StatusError::Malformed("statusNotes"))?
            {
                let index = text(note.get("statusListIndex"), "statusNotes.statusListIndex")?
                    .parse::<usize>()
                    .map_err(|_| StatusError::Malformed("statusNotes.statusListIndex"))?;
                let date = text(note.get("date"), "statusNotes.date")?;
                let date =
                    dates::parse_date(&date).ok_or(StatusError::Malformed("statusNotes.date"))?;
                let reason = text(note.get("reason"), "statusNotes.reason")?;
                notes.insert(index, StatusNote::new(&reason, date)?);
            }
        }
        let id = text(credential.get("id"), "id")?;
        Ok(Self {
            id,
            issuer,
            purpose,
            bits,
            notes,
        })
    }
}

/// The status lists a verifier has at hand, by list URL.
#[derive(Debug, Clone, Default)]
pub struct StatusLists {
    lists: BTreeMap<String, StatusList>,
}

impl StatusLists {
    /// No lists: verification then reports status as not checked.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a list the caller already trusts (for example the platform's own,
    /// read from its database).
    pub fn insert(&mut self, list: StatusList) -> &mut Self {
        self.lists.insert(list.id.clone(), list);
        self
    }

    /// Verifies and adds a published status list credential (JSON text).
    pub fn insert_credential(
        &mut self,
        text: &str,
        keys: &PublicKeySet,
        now: OffsetDateTime,
    ) -> Result<&StatusList, StatusError> {
        let credential =
            crate::jcs::parse_strict(text).map_err(|_| StatusError::Malformed("not I-JSON"))?;
        let list = StatusList::from_credential(&credential, keys, now)?;
        let id = list.id.clone();
        self.lists.insert(id.clone(), list);
        self.lists.get(&id).ok_or(StatusError::Malformed("id"))
    }

    /// The list published at `id`.
    pub fn get(&self, id: &str) -> Option<&StatusList> {
        self.lists.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::VerificationMethodId;
    use time::macros::{date, datetime};

    #[test]
    fn bit_zero_is_the_leftmost_bit_of_the_first_byte() {
        let mut bits = Bitstring::default();
        bits.set(0, true).unwrap();
        bits.set(9, true).unwrap();
        assert_eq!(bits.bytes[0], 0x80);
        assert_eq!(bits.bytes[1], 0x40);
        assert_eq!(bits.get(9), Some(true));
        assert_eq!(bits.get(10), Some(false));
        assert_eq!(bits.get(MIN_BITS), None);
    }

    #[test]
    fn lists_are_never_shorter_than_the_specification_minimum() {
        assert_eq!(Bitstring::with_len(10).len(), MIN_BITS);
        assert_eq!(Bitstring::with_len(MIN_BITS + 1).len(), MIN_BITS + 8);
    }

    #[test]
    fn an_encoded_list_decodes_to_the_same_bits() {
        let mut bits = Bitstring::default();
        for index in [0, 7, 94_567, MIN_BITS - 1] {
            bits.set(index, true).unwrap();
        }
        let encoded = bits.encode();
        assert!(encoded.starts_with("uH4sI"), "{encoded}"); // GZIP magic 1f 8b 08
        assert_eq!(Bitstring::decode(&encoded).unwrap(), bits);
    }

    #[test]
    fn the_specification_example_encoded_list_is_an_empty_16_kib_list() {
        // From the Bitstring Status List v1.0 examples.
        let bits = Bitstring::decode(
            "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
        )
        .unwrap();
        assert_eq!(bits.len(), MIN_BITS);
        assert!((0..MIN_BITS).all(|i| bits.get(i) == Some(false)));
    }

    #[test]
    fn short_or_garbled_lists_are_refused() {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(&[0; 100]).unwrap();
        let short = multibase::encode_base64url(&encoder.finish().unwrap());
        assert_eq!(
            Bitstring::decode(&short),
            Err(StatusError::EncodedList("shorter than 131072 bits"))
        );
        assert!(Bitstring::decode("uAAAA").is_err());
        assert!(Bitstring::decode("zAAAA").is_err());
    }

    #[test]
    fn a_revocation_cannot_be_lifted_but_a_suspension_can() {
        let note = StatusNote::new("暂停核查", date!(2025 - 07 - 01)).unwrap();
        let mut revocations = StatusList::new(
            "https://a.example/status/1",
            "did:web:a.example",
            StatusPurpose::Revocation,
        )
        .unwrap();
        revocations.set(5, note.clone()).unwrap();
        assert_eq!(revocations.clear(5), Err(StatusError::RevocationIsFinal));

        let mut suspensions = StatusList::new(
            "https://a.example/status/2",
            "did:web:a.example",
            StatusPurpose::Suspension,
        )
        .unwrap();
        suspensions.set(5, note).unwrap();
        suspensions.clear(5).unwrap();
        assert_eq!(suspensions.is_set(5), Ok(false));
        assert_eq!(suspensions.note(5), None);
    }

    #[test]
    fn a_status_list_credential_round_trips_with_its_notes() {
        let key = IssuerKey::generate(
            [4; 32],
            VerificationMethodId::parse("did:web:a.example#key-1").unwrap(),
        );
        let mut keys = PublicKeySet::new();
        keys.insert_issuer_key(&key);
        let mut list = StatusList::new(
            "https://a.example/status/1",
            "did:web:a.example",
            StatusPurpose::Revocation,
        )
        .unwrap();
        list.set(
            42,
            StatusNote::new("证书信息有误", date!(2025 - 07 - 01)).unwrap(),
        )
        .unwrap();
        let now = datetime!(2025-07-01 12:00 UTC);

        let credential = list.to_credential(&key, now, None, now).unwrap();
        let mut lists = StatusLists::new();
        let read = lists
            .insert_credential(&credential.to_string(), &keys, now)
            .unwrap();

        assert_eq!(read, &list);
        assert_eq!(read.note(42).unwrap().reason(), "证书信息有误");
    }

    #[test]
    fn a_stale_or_foreign_status_list_credential_is_refused() {
        let key = IssuerKey::generate(
            [4; 32],
            VerificationMethodId::parse("did:web:a.example#key-1").unwrap(),
        );
        let mut keys = PublicKeySet::new();
        keys.insert_issuer_key(&key);
        let list = StatusList::new(
            "https://a.example/status/1",
            "did:web:a.example",
            StatusPurpose::Suspension,
        )
        .unwrap();
        let issued = datetime!(2025-07-01 0:00 UTC);
        let credential = list
            .to_credential(&key, issued, Some(datetime!(2025-07-02 0:00 UTC)), issued)
            .unwrap();

        let late = StatusList::from_credential(&credential, &keys, datetime!(2025-07-03 0:00 UTC));
        assert_eq!(late, Err(StatusError::Expired));

        let other = StatusList::new(
            "https://a.example/status/1",
            "did:web:b.example",
            StatusPurpose::Suspension,
        )
        .unwrap();
        assert_eq!(
            other.to_credential(&key, issued, None, issued),
            Err(StatusError::KeyNotForIssuer)
        );
    }
}
