//! The published `eddsa-jcs-2022` test vectors of the W3C vc-di-eddsa
//! specification (`TestVectors/eddsa-jcs-2022/` and `TestVectors/keyPair.json`
//! in the w3c/vc-di-eddsa repository), checked with this crate's own code: an
//! independent implementation produced them.

use gongjiang_credentials::proof::{self, ProofError};
use gongjiang_credentials::{IssuerKey, PublicKey, PublicKeySet, VerificationMethodId, jcs};
use serde_json::{Value, json};
use time::macros::datetime;

const PUBLIC_KEY: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
const SECRET_KEY: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
const METHOD: &str =
    "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

fn unsecured() -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2"
        ],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:abcdefgh",
            "alumniOf": "The School of Examples"
        }
    })
}

/// `signedJCS.json` as published with the Recommendation: the proof carries
/// the document's `@context`.
fn signed_with_proof_context() -> Value {
    let mut doc = unsecured();
    doc["proof"] = json!({
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2"
        ],
        "proofValue": "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"
    });
    doc
}

/// The earlier `signedJCS.json`, whose proof has no `@context`.
fn signed_without_proof_context() -> Value {
    let mut doc = unsecured();
    doc["proof"] = json!({
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": METHOD,
        "proofPurpose": "assertionMethod",
        "proofValue": "z3P6rHMUaWG6e3Ac6xYFht8aEvoVXndgKTtEY8kzWYXzk8dKmAo2GJeZiJw4qoZ2PGp4ugdaHx3oQiLpeFBLDqP2M"
    });
    doc
}

fn spec_keys() -> PublicKeySet {
    let mut keys = PublicKeySet::new();
    keys.insert(
        VerificationMethodId::parse(METHOD).unwrap(),
        PublicKey::from_multibase(PUBLIC_KEY).unwrap(),
    );
    keys
}

#[test]
fn the_specification_document_canonicalizes_to_the_published_text() {
    // TestVectors/eddsa-jcs-2022/canonDocJCS.txt
    let expected = r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}"#;

    assert_eq!(jcs::canonicalize(&unsecured()).unwrap(), expected);
}

#[test]
fn the_specification_secret_key_matches_its_public_key() {
    let key =
        IssuerKey::from_secret_multibase(SECRET_KEY, VerificationMethodId::parse(METHOD).unwrap())
            .unwrap();

    assert_eq!(key.public_multibase(), PUBLIC_KEY);
}

#[test]
fn both_published_signed_examples_verify_with_the_published_key() {
    for signed in [signed_with_proof_context(), signed_without_proof_context()] {
        let verified = proof::verify(&signed, &spec_keys()).unwrap();

        assert_eq!(verified.verification_method, METHOD);
        assert_eq!(verified.controller, "https://vc.example/issuers/5678");
        assert_eq!(verified.created, Some(datetime!(2023-02-24 23:36:38 UTC)));
    }
}

#[test]
fn signing_the_specification_document_reproduces_the_published_proof_byte_for_byte() {
    let key =
        IssuerKey::from_secret_multibase(SECRET_KEY, VerificationMethodId::parse(METHOD).unwrap())
            .unwrap();

    let signed = proof::sign(&unsecured(), &key, datetime!(2023-02-24 23:36:38 UTC)).unwrap();

    assert_eq!(signed, signed_with_proof_context());
}

#[test]
fn the_specification_example_with_one_changed_claim_does_not_verify() {
    let mut signed = signed_with_proof_context();
    signed["credentialSubject"]["alumniOf"] = "The School of Forgeries".into();

    assert_eq!(
        proof::verify(&signed, &spec_keys()),
        Err(ProofError::BadSignature)
    );
}
