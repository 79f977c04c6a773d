//! Password hashing with argon2id (m = 19 MiB, t = 2, p = 1), bounded in
//! concurrency, run off the async threads, and upgraded on sign-in when the
//! parameters rise.

use crate::error::{Error, Result};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The parameters every new hash uses.
pub const MEMORY_KIB: u32 = 19_456;
/// Iterations.
pub const ITERATIONS: u32 = 2;
/// Lanes.
pub const PARALLELISM: u32 = 1;

fn argon2() -> Result<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes passwords, at most `permits` at a time.
#[derive(Clone, Debug)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

impl Hasher {
    /// A hasher that runs at most `permits` hashes at once.
    pub fn new(permits: usize) -> Self {
        Hasher {
            permits: Arc::new(Semaphore::new(permits.max(1))),
        }
    }

    /// Hashes a new password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: &str) -> Result<String> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| Error::Internal(e.to_string()))?;
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }

    /// Checks a password against a stored hash. Returns `(matches, needs_rehash)`.
    /// With `None` (unknown user) it still spends the time of one verification.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<(bool, bool)> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| Error::Internal(e.to_string()))?;
        let password = password.to_owned();
        let stored = stored.map(str::to_owned);
        tokio::task::spawn_blocking(move || verify_now(&password, stored.as_deref()))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }
}

/// Hashes synchronously (for the CLI and the demo loader).
pub fn hash_now(password: &str) -> Result<String> {
    // A random 16-byte salt is drawn by the hasher from the operating system.
    let hash = argon2()?
        .hash_password(password.as_bytes())
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(hash.to_string())
}

/// A fixed hash compared against when the user does not exist, so the answer
/// takes as long as for a real user.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$R5lrjwNd7lVVVQeBaHb0WH8TFAxsR6e2ZC7F0tVhk3Q";

fn verify_now(password: &str, stored: Option<&str>) -> Result<(bool, bool)> {
    let target = stored.unwrap_or(DUMMY_HASH);
    let parsed = match PasswordHash::new(target) {
        Ok(p) => p,
        Err(_) => return Ok((false, false)),
    };
    let matches = argon2()?
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && stored.is_some();
    let current = format!("m={MEMORY_KIB},t={ITERATIONS},p={PARALLELISM}");
    let needs_rehash =
        matches && (!target.starts_with("$argon2id$v=19$") || !target.contains(&current));
    Ok((matches, needs_rehash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_uses_argon2id_with_the_owasp_minimum_and_verifies_exactly() {
        let hash = hash_now("tr0ub4dor &3").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert_eq!(
            verify_now("tr0ub4dor &3", Some(&hash)).unwrap(),
            (true, false)
        );
        assert_eq!(
            verify_now("tr0ub4dor &", Some(&hash)).unwrap(),
            (false, false)
        );
        assert_eq!(
            verify_now("TR0UB4DOR &3", Some(&hash)).unwrap(),
            (false, false)
        );
    }

    #[test]
    fn passwords_equal_in_their_first_72_bytes_are_still_different() {
        let base = "a".repeat(72);
        let hash = hash_now(&format!("{base}X")).unwrap();
        assert!(!verify_now(&format!("{base}Y"), Some(&hash)).unwrap().0);
    }

    #[test]
    fn an_older_weaker_hash_still_verifies_and_asks_to_be_upgraded() {
        let params = Params::new(8192, 1, 1, None).unwrap();
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let hash = weak.hash_password(b"old-password-1").unwrap().to_string();
        assert_eq!(
            verify_now("old-password-1", Some(&hash)).unwrap(),
            (true, true)
        );
    }

    #[test]
    fn an_unknown_user_never_matches_even_the_dummy_password() {
        assert_eq!(verify_now("anything", None).unwrap(), (false, false));
    }
}
