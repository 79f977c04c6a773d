//! The credentials crate's one integration-test binary: issuing, tampering,
//! validity, status lists, key rotation, the fixed-key and W3C vectors, and an
//! independent JCS canonicalizer.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers panic when a fixture is broken"
)]

mod fixed_vector;
mod fixtures;
mod issuing;
mod jcs_independent;
mod rotation;
mod spec_vectors;
mod status_lists;
mod tampering;
mod validity;
