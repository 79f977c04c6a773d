//! Personal identifiers at rest: authenticated encryption and blind indexes.
//!
//! ID-card numbers and phone numbers are sealed with XChaCha20-Poly1305 (a
//! random 192-bit nonce per value) with the row and column as associated data,
//! so a sealed value copied into another row does not open. Exact look-ups and
//! duplicate checks use a blind index: HMAC-SHA-256 under a second key. Both
//! keys are derived from one 256-bit master key kept outside the database (a
//! file with mode 0600 in the data directory, or `GONGJIANG_PII_KEY` for
//! several app instances). A copy of the database alone shows no identifier.

use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Why sealing, opening or loading a key failed.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The sealed text is not ours, was altered, or belongs to another row.
    #[error("sealed value does not open")]
    DoesNotOpen,
    /// The key file or variable is unusable; says why.
    #[error("key: {0}")]
    Key(String),
}

/// HMAC-SHA-256 (RFC 2104), written out to stay on one digest version.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// Seals, opens and indexes personal identifiers.
#[derive(Clone)]
pub struct Vault {
    cipher: XChaCha20Poly1305,
    index_key: [u8; 32],
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(..)")
    }
}

impl Vault {
    /// Derives the encryption and index keys from the master key.
    pub fn from_master(master: &[u8; 32]) -> Vault {
        let aead_key = hmac_sha256(master, b"gongjiang/pii/aead/v1");
        let index_key = hmac_sha256(master, b"gongjiang/pii/index/v1");
        let cipher = XChaCha20Poly1305::new(&aead_key.into());
        Vault { cipher, index_key }
    }

    /// Seals `plaintext` for the place named by `aad` (e.g. `trainees.id_number:<row id>`).
    pub fn seal(&self, plaintext: &str, aad: &str) -> String {
        self.seal_bytes(plaintext.as_bytes(), aad)
    }

    /// Seals bytes (a file) for the place named by `aad`, as text.
    pub fn seal_bytes(&self, plaintext: &[u8], aad: &str) -> String {
        let mut nonce = [0u8; 24];
        rand::fill(&mut nonce);
        let nonce_value = XNonce::from(nonce);
        // Encryption with a valid key and nonce cannot fail for in-memory data.
        let sealed = self
            .cipher
            .encrypt(
                &nonce_value,
                Payload {
                    msg: plaintext,
                    aad: aad.as_bytes(),
                },
            )
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!(
            "v1:{}",
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(out)
        )
    }

    /// Opens a sealed value; fails when it was altered or moved to another place.
    pub fn open(&self, sealed: &str, aad: &str) -> Result<String, VaultError> {
        String::from_utf8(self.open_bytes(sealed, aad)?).map_err(|_| VaultError::DoesNotOpen)
    }

    /// Opens sealed bytes; fails when they were altered or moved to another place.
    pub fn open_bytes(&self, sealed: &str, aad: &str) -> Result<Vec<u8>, VaultError> {
        let body = sealed.strip_prefix("v1:").ok_or(VaultError::DoesNotOpen)?;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(body)
            .map_err(|_| VaultError::DoesNotOpen)?;
        if bytes.len() < 24 + 16 {
            return Err(VaultError::DoesNotOpen);
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| VaultError::DoesNotOpen)?;
        self.cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| VaultError::DoesNotOpen)
    }

    /// The blind index of a normalised value of a kind (`id_number`, `phone`).
    pub fn index(&self, kind: &str, normalised: &str) -> String {
        let mut message = Vec::with_capacity(kind.len() + 1 + normalised.len());
        message.extend_from_slice(kind.as_bytes());
        message.push(0);
        message.extend_from_slice(normalised.as_bytes());
        hex::encode(hmac_sha256(&self.index_key, &message))
    }
}

/// Parses a 64-hex-digit master key.
pub fn key_from_hex(text: &str) -> Result<[u8; 32], VaultError> {
    let bytes = hex::decode(text.trim()).map_err(|_| VaultError::Key("not hexadecimal".into()))?;
    bytes
        .try_into()
        .map_err(|_| VaultError::Key("must be 32 bytes (64 hex digits)".into()))
}

/// Loads the master key from `path`, creating it (mode 0600) when absent.
/// Refuses a key file that other users may read.
pub fn load_or_create_key(path: &Path) -> Result<[u8; 32], VaultError> {
    if path.exists() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map_err(|e| VaultError::Key(e.to_string()))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(VaultError::Key(format!(
                    "{} is readable by other users (mode {:o}); run chmod 600 on it",
                    path.display(),
                    mode & 0o777
                )));
            }
        }
        let text = std::fs::read_to_string(path).map_err(|e| VaultError::Key(e.to_string()))?;
        return key_from_hex(&text);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| VaultError::Key(e.to_string()))?;
    }
    let mut key = [0u8; 32];
    rand::fill(&mut key);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| VaultError::Key(e.to_string()))?;
    std::io::Write::write_all(&mut file, hex::encode(key).as_bytes())
        .map_err(|e| VaultError::Key(e.to_string()))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Vault {
        Vault::from_master(&[7u8; 32])
    }

    #[test]
    fn hmac_matches_the_rfc_4231_test_vector() {
        // RFC 4231 test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_sealed_value_opens_only_in_its_own_place_and_hides_the_text() {
        let v = vault();
        let sealed = v.seal("420111199901010024", "trainees.id_number:a");
        assert!(!sealed.contains("420111"));
        assert_eq!(
            v.open(&sealed, "trainees.id_number:a").unwrap(),
            "420111199901010024"
        );
        assert!(
            v.open(&sealed, "trainees.id_number:b").is_err(),
            "moved to another row"
        );
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(v.open(&tampered, "trainees.id_number:a").is_err());
        assert_ne!(
            sealed,
            v.seal("420111199901010024", "trainees.id_number:a"),
            "a fresh nonce each time"
        );
    }

    #[test]
    fn the_blind_index_is_stable_per_key_and_kind() {
        let v = vault();
        assert_eq!(
            v.index("id_number", "420111199901010024"),
            v.index("id_number", "420111199901010024")
        );
        assert_ne!(
            v.index("id_number", "420111199901010024"),
            v.index("phone", "420111199901010024")
        );
        assert_ne!(
            v.index("id_number", "x"),
            Vault::from_master(&[8u8; 32]).index("id_number", "x")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_is_created_private_and_refused_once_others_can_read_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/pii.key");
        let first = load_or_create_key(&path).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(load_or_create_key(&path).unwrap(), first);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(
            load_or_create_key(&path)
                .unwrap_err()
                .to_string()
                .contains("chmod 600")
        );
    }
}
