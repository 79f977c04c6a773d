//! Multibase text encodings used by the credentials: base58btc (`z…`) for keys
//! and signatures, base64url without padding (`u…`) for status lists.
//!
//! base58btc is written here (a few lines) rather than pulled in as a crate.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Why a multibase string could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MultibaseError {
    /// The first character names a different base than the one expected.
    WrongPrefix {
        /// The prefix the caller expected (`z` or `u`).
        expected: char,
    },
    /// A character outside the base's alphabet.
    InvalidCharacter,
}

impl std::fmt::Display for MultibaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MultibaseError::WrongPrefix { expected } => {
                write!(f, "multibase value does not start with '{expected}'")
            }
            MultibaseError::InvalidCharacter => f.write_str("invalid character in multibase value"),
        }
    }
}

impl std::error::Error for MultibaseError {}

/// `z` followed by the base58btc (Bitcoin alphabet) encoding of `bytes`.
pub fn encode_base58btc(bytes: &[u8]) -> String {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    // Little-endian base-58 digits of the big-endian number in `bytes`.
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len() * 138 / 100 + 1);
    for &byte in &bytes[zeros..] {
        let mut carry = u32::from(byte);
        for digit in digits.iter_mut() {
            carry += u32::from(*digit) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = String::with_capacity(1 + zeros + digits.len());
    out.push('z');
    out.extend(std::iter::repeat_n('1', zeros));
    out.extend(
        digits
            .iter()
            .rev()
            .map(|d| char::from(ALPHABET[usize::from(*d)])),
    );
    out
}

/// Decodes a `z…` base58btc multibase string.
pub fn decode_base58btc(text: &str) -> Result<Vec<u8>, MultibaseError> {
    let body = text
        .strip_prefix('z')
        .ok_or(MultibaseError::WrongPrefix { expected: 'z' })?;
    let zeros = body.bytes().take_while(|b| *b == b'1').count();
    // Little-endian base-256 bytes of the number.
    let mut bytes: Vec<u8> = Vec::with_capacity(body.len());
    for c in body.bytes().skip(zeros) {
        let value = ALPHABET
            .iter()
            .position(|a| *a == c)
            .ok_or(MultibaseError::InvalidCharacter)?;
        let mut carry = value as u32;
        for byte in bytes.iter_mut() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Ok(out)
}

/// `u` followed by the unpadded base64url encoding of `bytes`.
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::from("u");
    out.push_str(&URL_SAFE_NO_PAD.encode(bytes));
    out
}

/// Decodes a `u…` base64url multibase string (padding not allowed).
pub fn decode_base64url(text: &str) -> Result<Vec<u8>, MultibaseError> {
    let body = text
        .strip_prefix('u')
        .ok_or(MultibaseError::WrongPrefix { expected: 'u' })?;
    URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| MultibaseError::InvalidCharacter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base58btc_matches_the_multibase_specification_example() {
        // draft-multiformats-multibase: "Multibase is awesome! \o/" in base58btc.
        let text = "zYAjKoNbau5KiqmHPmSxYCvn66dA1vLmwbt";
        assert_eq!(encode_base58btc(b"Multibase is awesome! \\o/"), text);
        assert_eq!(
            decode_base58btc(text).unwrap(),
            b"Multibase is awesome! \\o/"
        );
    }

    #[test]
    fn base58btc_keeps_leading_zero_bytes() {
        let bytes = [0, 0, 1, 2, 255];
        let text = encode_base58btc(&bytes);
        assert!(text.starts_with("z11"));
        assert_eq!(decode_base58btc(&text).unwrap(), bytes);
        assert_eq!(encode_base58btc(&[]), "z");
        assert_eq!(decode_base58btc("z").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn base58btc_rejects_characters_outside_the_alphabet_and_other_prefixes() {
        assert_eq!(
            decode_base58btc("z0OIl"),
            Err(MultibaseError::InvalidCharacter)
        );
        assert_eq!(
            decode_base58btc("uAAAA"),
            Err(MultibaseError::WrongPrefix { expected: 'z' })
        );
    }

    #[test]
    fn base64url_round_trips_without_padding() {
        let text = encode_base64url(&[0xfb, 0xff, 0x00]);
        assert_eq!(text, "u-_8A");
        assert_eq!(decode_base64url(&text).unwrap(), vec![0xfb, 0xff, 0x00]);
        assert!(decode_base64url("u-_8A=").is_err());
        assert!(decode_base64url("z-_8A").is_err());
    }
}
