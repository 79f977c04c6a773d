//! A fixed-key vector: fixed seed, fixed claims, fixed dates, and the
//! resulting proof asserted byte for byte.
//!
//! The values below were computed once by this crate and then reproduced by
//! a separate Node.js script (keys sorted with `Array.prototype.sort`, strings
//! by `JSON.stringify`, SHA-256 and Ed25519 from `node:crypto`) before being
//! written down. They guard against accidental change: any edit to the
//! credential layout, the canonicalization, the hashing or the proof options
//! changes them, and would also make every certificate already issued fail
//! to verify. If a change is intended, it needs a new credential version, not
//! a new constant here.

use gongjiang_credentials::proof::hash_data;
use gongjiang_credentials::{Outcome, unsigned_credential};

use crate::fixtures::*;

/// The school key's public half (seed 32 × 0x2a).
const PUBLIC_KEY: &str = "z6MkgAnvkP45uNxwCKeNdt6wrYkEjpYX4f7Nrd8MQqFL8Fbn";
/// SHA-256 of the canonical proof options.
const PROOF_OPTIONS_HASH: &str = "4d6291555e191f89e0f52b7bee6866c91242af5d18c5525951cc7b2c7f8eecfa";
/// SHA-256 of the canonical credential without its proof.
const DOCUMENT_HASH: &str = "911b9f182b6d51aab8a46c02aa3eba46bea8837de528ce9b694350a7a919aee1";
/// The signature over both hashes.
const PROOF_VALUE: &str =
    "z4bZC6cKVtiPHBeui8FqoBYVsbtnWNfWGPErCjoP6k4itJVKxxtwzBX7amxo24VYwMDgoZ7jvZTQCR6yojJ3vA6Tv";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_fixed_key_has_the_recorded_public_key() {
    assert_eq!(school_key().public_multibase(), PUBLIC_KEY);
}

#[test]
fn the_fixed_certificate_hashes_to_the_recorded_values() {
    let signed = issued();
    let mut options = signed["proof"].as_object().unwrap().clone();
    options.remove("proofValue");
    let unsigned = unsigned_credential(&claims()).unwrap();

    let hash = hash_data(&options, unsigned.as_object().unwrap()).unwrap();

    assert_eq!(hex(&hash[..32]), PROOF_OPTIONS_HASH);
    assert_eq!(hex(&hash[32..]), DOCUMENT_HASH);
}

#[test]
fn the_fixed_certificate_signs_to_the_recorded_proof_value() {
    let signed = issued();

    assert_eq!(signed["proof"]["created"], "2025-06-30T02:00:00Z");
    assert_eq!(signed["proof"]["proofValue"], PROOF_VALUE);
}

#[test]
fn the_recorded_certificate_still_verifies() {
    let result = verify_with_school_key(&issued().to_string(), issued_at());

    assert_eq!(result.outcome, Outcome::Valid);
}
