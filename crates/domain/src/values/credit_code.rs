//! Unified social credit codes (统一社会信用代码, GB 32100-2015).
//!
//! Eighteen characters from a 31-symbol alphabet, the last one a check
//! character over the first seventeen. [`CreditCode`] can only hold a code
//! whose check character is right.

use std::fmt;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::Problem;

/// The 31 symbols of GB 32100-2015 (no `I`, `O`, `S`, `V`, `Z`); a symbol's value is its index.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// `3^(i-1) mod 31` for positions 1–17.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

const LENGTH: usize = 18;

/// A unified social credit code (统一社会信用代码) whose check character has been verified.
///
/// Always 18 upper-case ASCII characters from the GB 32100-2015 alphabet.
/// Serialises as a plain string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct CreditCode(String);

impl CreditCode {
    /// Normalises `raw` (NFKC, spaces and hyphens removed, upper case) and checks it.
    ///
    /// # Errors
    ///
    /// - [`Problem::Required`] when nothing is left after normalising;
    /// - [`Problem::WrongLength`] (`expected: 18`) for any other length;
    /// - [`Problem::InvalidCharacter`] for the first character outside the alphabet
    ///   (such as `I`, `O`, `S`, `V`, `Z`);
    /// - [`Problem::CheckCharacterMismatch`] with the character the code should end in.
    pub fn parse(raw: &str) -> Result<CreditCode, Problem> {
        let code = normalise(raw);
        if code.is_empty() {
            return Err(Problem::Required);
        }
        if code.chars().count() != LENGTH {
            return Err(Problem::WrongLength { expected: LENGTH });
        }
        let mut values = [0u32; LENGTH];
        for (slot, character) in values.iter_mut().zip(code.chars()) {
            *slot = value_of(character).ok_or(Problem::InvalidCharacter { character })?;
        }
        let expected = check_character(&values[..LENGTH - 1]);
        let actual = char::from(ALPHABET[values[LENGTH - 1] as usize]);
        if actual != expected {
            return Err(Problem::CheckCharacterMismatch { expected });
        }
        Ok(CreditCode(code))
    }

    /// Completes the first 17 characters of a code with its check character.
    ///
    /// Used by generators of fictional demo data. `first17` is normalised like
    /// [`CreditCode::parse`]; returns `None` unless it is then 17 characters of the alphabet.
    pub fn with_check_character(first17: &str) -> Option<CreditCode> {
        let mut code = normalise(first17);
        let values = code.chars().map(value_of).collect::<Option<Vec<u32>>>()?;
        if values.len() != LENGTH - 1 {
            return None;
        }
        code.push(check_character(&values));
        Some(CreditCode(code))
    }

    /// The code as 18 upper-case characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// NFKC, drop whitespace, hyphens and zero-width characters, ASCII upper case.
fn normalise(raw: &str) -> String {
    raw.nfkc()
        .filter(|c| !is_ignorable_in_codes(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Characters people and spreadsheets put inside codes that carry no meaning.
fn is_ignorable_in_codes(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The value (0–30) of an alphabet symbol.
fn value_of(c: char) -> Option<u32> {
    let byte = u8::try_from(c).ok()?;
    ALPHABET
        .iter()
        .position(|&symbol| symbol == byte)
        .and_then(|index| u32::try_from(index).ok())
}

/// `C = (31 − Σ ci·Wi mod 31) mod 31`, as a symbol of the alphabet.
fn check_character(first17: &[u32]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(value, weight)| value * weight)
        .sum();
    let check = (31 - sum % 31) % 31;
    char::from(ALPHABET[check as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_standards_example_is_valid() {
        let code = CreditCode::parse("91350100M000100Y43").unwrap();
        assert_eq!(code.as_str(), "91350100M000100Y43");
    }

    #[test]
    fn real_public_codes_are_valid() {
        for raw in [
            "914403001922038216",
            "91440300708461136T",
            "91330100716105852F",
            "91110108558521630L",
            "9144030071526726XG",
        ] {
            assert_eq!(CreditCode::parse(raw).unwrap().as_str(), raw, "{raw}");
        }
    }

    #[test]
    fn a_wrong_check_character_names_the_right_one() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(Problem::CheckCharacterMismatch { expected: '3' })
        );
    }

    #[test]
    fn letters_outside_the_alphabet_are_refused() {
        assert_eq!(
            CreditCode::parse("91350100M000100I43"),
            Err(Problem::InvalidCharacter { character: 'I' })
        );
    }

    #[test]
    fn lower_case_input_is_upper_cased() {
        let code = CreditCode::parse("91350100m000100y43").unwrap();
        assert_eq!(code.as_str(), "91350100M000100Y43");
    }

    #[test]
    fn seventeen_or_nineteen_characters_are_the_wrong_length() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y4"),
            Err(Problem::WrongLength { expected: 18 })
        );
        assert_eq!(
            CreditCode::parse("91350100M000100Y433"),
            Err(Problem::WrongLength { expected: 18 })
        );
    }

    #[test]
    fn empty_or_blank_input_is_required() {
        assert_eq!(CreditCode::parse(""), Err(Problem::Required));
        assert_eq!(CreditCode::parse(" \u{3000} "), Err(Problem::Required));
    }

    #[test]
    fn full_width_spaced_and_hyphenated_input_is_normalised() {
        let code = CreditCode::parse(" ９１３５-０１００ Ｍ０００１００Ｙ４３\u{FEFF}").unwrap();
        assert_eq!(code.as_str(), "91350100M000100Y43");
    }

    #[test]
    fn non_ascii_characters_are_reported_as_invalid() {
        assert_eq!(
            CreditCode::parse("91350100M000100中43"),
            Err(Problem::InvalidCharacter { character: '中' })
        );
    }

    #[test]
    fn the_generator_completes_the_standards_example() {
        let code = CreditCode::with_check_character("91350100M000100Y4").unwrap();
        assert_eq!(code.as_str(), "91350100M000100Y43");
    }

    #[test]
    fn the_generator_refuses_bad_prefixes() {
        assert_eq!(CreditCode::with_check_character("91350100M000100Y"), None);
        assert_eq!(CreditCode::with_check_character("91350100M000100I4"), None);
    }

    #[test]
    fn display_shows_the_plain_code() {
        let code = CreditCode::parse("91350100M000100Y43").unwrap();
        assert_eq!(code.to_string(), "91350100M000100Y43");
    }

    fn first17() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..ALPHABET.len(), LENGTH - 1).prop_map(|indexes| {
            indexes
                .into_iter()
                .map(|i| char::from(ALPHABET[i]))
                .collect()
        })
    }

    /// Replacement characters: the alphabet, the five excluded letters and a few strangers.
    fn replacements() -> Vec<char> {
        let mut all: Vec<char> = ALPHABET.iter().map(|&b| char::from(b)).collect();
        all.extend(['I', 'O', 'S', 'V', 'Z', '!', '中', 'é']);
        all
    }

    proptest! {
        #[test]
        fn generated_codes_are_valid(prefix in first17()) {
            let code = CreditCode::with_check_character(&prefix).unwrap();
            prop_assert_eq!(CreditCode::parse(code.as_str()), Ok(code.clone()));
        }

        #[test]
        fn every_single_character_substitution_is_refused(
            prefix in first17(),
            position in 0..LENGTH,
            replacement in proptest::sample::select(replacements()),
        ) {
            let code = CreditCode::with_check_character(&prefix).unwrap();
            let mut chars: Vec<char> = code.as_str().chars().collect();
            prop_assume!(chars[position] != replacement);
            chars[position] = replacement;
            let changed: String = chars.into_iter().collect();
            prop_assert!(CreditCode::parse(&changed).is_err(), "{} was accepted", changed);
        }
    }
}
