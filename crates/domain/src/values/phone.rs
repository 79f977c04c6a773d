//! Mainland China mobile numbers (手机号码).
//!
//! [`Mobile::parse`] enforces only the structure (`1[3-9]` then nine digits),
//! because operators get new ranges every few years; whether the range is
//! allocated today is a warning ([`Mobile::is_allocated`]), never a refusal.
//! This is personal data: `Debug` prints the masked form.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::Problem;

const LENGTH: usize = 11;

/// A mainland mobile number: 11 ASCII digits matching `1[3-9]\d{9}`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Mobile(String);

impl Mobile {
    /// Normalises `raw` (NFKC; spaces, hyphens and parentheses removed; a
    /// leading `+86` or `0086` dropped) and checks its structure.
    ///
    /// # Errors
    ///
    /// [`Problem::Required`] when nothing is left after normalising,
    /// [`Problem::InvalidFormat`] unless the rest is `1[3-9]` followed by nine digits.
    pub fn parse(raw: &str) -> Result<Mobile, Problem> {
        let cleaned: String = raw
            .nfkc()
            .filter(|c| !is_ignorable_in_phone_numbers(*c))
            .collect();
        if cleaned.is_empty() {
            return Err(Problem::Required);
        }
        let national = cleaned
            .strip_prefix("+86")
            .or_else(|| cleaned.strip_prefix("0086"))
            .unwrap_or(&cleaned);
        let bytes = national.as_bytes();
        let structural = bytes.len() == LENGTH
            && bytes.iter().all(u8::is_ascii_digit)
            && bytes[0] == b'1'
            && (b'3'..=b'9').contains(&bytes[1]);
        if !structural {
            return Err(Problem::InvalidFormat);
        }
        Ok(Mobile(national.to_owned()))
    }

    /// The 11 digits. Personal data: prefer [`Mobile::masked`].
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first three and last four digits, e.g. `138****5678`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[LENGTH - 4..])
    }

    /// True when the number lies in a range allocated to mobile service, per
    /// libphonenumber 9.0.43's pattern for CN mobiles:
    /// `1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}`.
    ///
    /// A warning only: MIIT keeps allocating ranges, so `false` may just mean
    /// this list is older than the number.
    pub fn is_allocated(&self) -> bool {
        let d = self.0.as_bytes();
        // Three- and four-digit blocks inside otherwise unallocated ranges.
        let block = (d[1] == b'6' && d[2] == b'1' && d[3] == b'0')
            || (d[1] == b'7' && d[2] == b'4' && d[3] == b'0' && (b'0'..=b'5').contains(&d[4]));
        let range = match d[1] {
            b'3' | b'8' => true,
            b'4' => matches!(d[2], b'5' | b'7'),
            b'5' | b'9' => d[2] != b'4',
            b'6' => matches!(d[2], b'2' | b'5'..=b'7'),
            b'7' => matches!(d[2], b'0'..=b'3' | b'5'..=b'8'),
            _ => false,
        };
        block || range
    }
}

impl fmt::Debug for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Mobile").field(&self.masked()).finish()
    }
}

/// Characters people put inside phone numbers that carry no meaning.
fn is_ignorable_in_phone_numbers(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '(' | ')' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_allocated_ranges_are_valid_and_allocated() {
        for raw in [
            "13812345678",
            "19912345678",
            "16612345678",
            "14712345678",
            "17012345678",
            "19212345678",
        ] {
            let mobile = Mobile::parse(raw).unwrap();
            assert_eq!(mobile.as_str(), raw);
            assert!(mobile.is_allocated(), "{raw}");
        }
    }

    #[test]
    fn country_codes_spaces_hyphens_and_full_width_digits_are_normalised() {
        for raw in [
            "+86 138 1234 5678",
            "0086-138-1234-5678",
            "１３８１２３４５６７８",
            "(+86) 138-1234-5678",
            "＋８６１３８１２３４５６７８",
        ] {
            let mobile = Mobile::parse(raw).unwrap();
            assert_eq!(mobile.as_str(), "13812345678", "{raw}");
            assert!(mobile.is_allocated());
        }
    }

    #[test]
    fn unallocated_ranges_are_valid_but_flagged() {
        for raw in ["15412345678", "14012345678"] {
            let mobile = Mobile::parse(raw).unwrap();
            assert!(!mobile.is_allocated(), "{raw}");
        }
    }

    #[test]
    fn the_small_blocks_inside_16_and_17_are_allocated() {
        assert!(Mobile::parse("16101234567").unwrap().is_allocated());
        assert!(!Mobile::parse("16111234567").unwrap().is_allocated());
        assert!(Mobile::parse("17405123456").unwrap().is_allocated());
        assert!(!Mobile::parse("17406123456").unwrap().is_allocated());
        assert!(!Mobile::parse("17412345678").unwrap().is_allocated());
    }

    #[test]
    fn a_second_digit_below_3_is_an_invalid_format() {
        assert_eq!(Mobile::parse("12012345678"), Err(Problem::InvalidFormat));
    }

    #[test]
    fn ten_or_twelve_digits_are_an_invalid_format() {
        assert_eq!(Mobile::parse("1381234567"), Err(Problem::InvalidFormat));
        assert_eq!(Mobile::parse("138123456789"), Err(Problem::InvalidFormat));
    }

    #[test]
    fn letters_and_landlines_are_an_invalid_format() {
        assert_eq!(Mobile::parse("1381234567a"), Err(Problem::InvalidFormat));
        assert_eq!(Mobile::parse("027-87654321"), Err(Problem::InvalidFormat));
        assert_eq!(Mobile::parse("+8713812345678"), Err(Problem::InvalidFormat));
    }

    #[test]
    fn empty_input_is_required() {
        assert_eq!(Mobile::parse(""), Err(Problem::Required));
        assert_eq!(Mobile::parse(" - "), Err(Problem::Required));
    }

    #[test]
    fn masking_keeps_three_digits_in_front_and_four_behind() {
        assert_eq!(
            Mobile::parse("13812345678").unwrap().masked(),
            "138****5678"
        );
    }

    #[test]
    fn debug_prints_only_the_masked_number() {
        let printed = format!("{:?}", Mobile::parse("13812345678").unwrap());
        assert!(printed.contains("138****5678"), "{printed}");
        assert!(!printed.contains("13812345678"), "{printed}");
    }
}
