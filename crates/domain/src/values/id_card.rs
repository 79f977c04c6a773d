//! Resident identity card numbers (公民身份号码, GB 11643-1999).
//!
//! Eighteen characters: address code (6), birth date `YYYYMMDD` (8), sequence
//! (3, odd for men) and an ISO 7064 MOD 11-2 check character. This is personal
//! data: [`IdCardNumber`] has no `Serialize` and no `Display`, and `Debug`
//! prints the masked form.

use std::fmt;

use time::{Date, Month};
use unicode_normalization::UnicodeNormalization;

use crate::Problem;

/// `2^(18-i) mod 11` for positions 1–17.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character for each value of `S mod 11`.
const CHECK_CHARACTERS: &[u8; 11] = b"10X98765432";

const LENGTH: usize = 18;

/// The first two digits a number may start with: the provinces, autonomous
/// regions and municipalities (11–65), Taiwan (71), and Hong Kong, Macao and
/// Taiwan residence permits (81, 82, 83).
const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, // 华北
    21, 22, 23, // 东北
    31, 32, 33, 34, 35, 36, 37, // 华东
    41, 42, 43, 44, 45, 46, // 中南
    50, 51, 52, 53, 54, // 西南
    61, 62, 63, 64, 65, // 西北
    71, 81, 82, 83,
];

/// A resident identity card number (公民身份号码) with a verified check
/// character, a known province and a real birth date.
///
/// Holds 18 ASCII characters, the last a digit or `X`. Print it with
/// [`IdCardNumber::masked`] unless the full number is really needed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdCardNumber {
    number: String,
    birth_date: Date,
}

impl IdCardNumber {
    /// Normalises `input` (NFKC, spaces and hyphens removed, `x` upper-cased)
    /// and checks it; `today` is the date birth dates may not be after.
    ///
    /// Birth dates before 1900 are accepted (the standard's own example is born
    /// in 1880): callers that want to warn can look at [`IdCardNumber::birth_date`].
    /// A 6-digit address code is not checked beyond its province, because
    /// people keep the code of a county that was later renamed or merged.
    ///
    /// # Errors
    ///
    /// Checked in this order:
    /// - [`Problem::Required`] when nothing is left after normalising;
    /// - [`Problem::WrongLength`] (`expected: 18`) for any other length;
    /// - [`Problem::InvalidFormat`] unless 17 digits are followed by a digit or `X`;
    /// - [`Problem::UnknownRegion`] when the first two digits are not a province;
    /// - [`Problem::InvalidDate`] when positions 7–14 are not a calendar date;
    /// - [`Problem::DateInFuture`] when that date is after `today`;
    /// - [`Problem::CheckCharacterMismatch`] with the character the number should end in.
    pub fn parse(input: &str, today: Date) -> Result<IdCardNumber, Problem> {
        let number = normalise(input);
        if number.is_empty() {
            return Err(Problem::Required);
        }
        if number.chars().count() != LENGTH {
            return Err(Problem::WrongLength { expected: LENGTH });
        }
        let bytes = number.as_bytes();
        let digits = digits_of(&bytes[..LENGTH - 1]).ok_or(Problem::InvalidFormat)?;
        let last = bytes[LENGTH - 1];
        if !(last.is_ascii_digit() || last == b'X') {
            return Err(Problem::InvalidFormat);
        }
        let province = digits[0] * 10 + digits[1];
        if !PROVINCES.contains(&province) {
            return Err(Problem::UnknownRegion);
        }
        let birth_date = birth_date_of(&digits).ok_or(Problem::InvalidDate)?;
        if birth_date > today {
            return Err(Problem::DateInFuture);
        }
        let expected = check_character(&digits);
        if char::from(last) != expected {
            return Err(Problem::CheckCharacterMismatch { expected });
        }
        Ok(IdCardNumber { number, birth_date })
    }

    /// Completes the first 17 digits of a number with its check character.
    ///
    /// Used by generators of fictional demo data. Returns `None` unless
    /// `first17` is exactly 17 ASCII digits; the region and date are not checked.
    pub fn with_check_character(first17: &str) -> Option<String> {
        let digits = digits_of(first17.as_bytes())?;
        if digits.len() != LENGTH - 1 {
            return None;
        }
        let mut number = first17.to_owned();
        number.push(check_character(&digits));
        Some(number)
    }

    /// The full number, 18 characters. Personal data: prefer [`IdCardNumber::masked`].
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// The birth date encoded in positions 7–14.
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// True when the sequence number (position 17) is odd, which the standard assigns to men.
    pub fn is_male(&self) -> bool {
        self.number.as_bytes()[LENGTH - 2] % 2 == 1
    }

    /// Age in whole years on `date`; 0 if `date` is before the birth date.
    ///
    /// Someone born on 29 February becomes a year older on 1 March in common years.
    pub fn age_on(&self, date: Date) -> u32 {
        let born = self.birth_date;
        let mut years = date.year() - born.year();
        if (u8::from(date.month()), date.day()) < (u8::from(born.month()), born.day()) {
            years -= 1;
        }
        u32::try_from(years).unwrap_or(0)
    }

    /// The first four and last four characters with ten `*` between, e.g. `4201**********0024`.
    pub fn masked(&self) -> String {
        format!(
            "{}**********{}",
            &self.number[..4],
            &self.number[LENGTH - 4..]
        )
    }
}

impl fmt::Debug for IdCardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdCardNumber").field(&self.masked()).finish()
    }
}

/// NFKC, drop whitespace, hyphens and zero-width characters, ASCII upper case.
fn normalise(raw: &str) -> String {
    raw.nfkc()
        .filter(|c| !is_ignorable_in_numbers(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Characters people and spreadsheets put inside numbers that carry no meaning.
fn is_ignorable_in_numbers(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The values of `bytes` if every one is an ASCII digit.
fn digits_of(bytes: &[u8]) -> Option<Vec<u8>> {
    bytes
        .iter()
        .map(|b| b.is_ascii_digit().then(|| b - b'0'))
        .collect()
}

/// The date in positions 7–14 (`YYYYMMDD`), if it exists in the calendar.
fn birth_date_of(digits: &[u8]) -> Option<Date> {
    let number = |range: std::ops::Range<usize>| {
        digits[range]
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(*d))
    };
    let year = i32::try_from(number(6..10)).ok()?;
    let month = Month::try_from(u8::try_from(number(10..12)).ok()?).ok()?;
    let day = u8::try_from(number(12..14)).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// ISO 7064 MOD 11-2 over the first 17 digits.
fn check_character(digits: &[u8]) -> char {
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    char::from(CHECK_CHARACTERS[(sum % 11) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2025 - 06 - 01);

    fn parse(input: &str) -> Result<IdCardNumber, Problem> {
        IdCardNumber::parse(input, TODAY)
    }

    #[test]
    fn the_standards_examples_are_valid() {
        assert_eq!(
            parse("11010519491231002X").unwrap().as_str(),
            "11010519491231002X"
        );
        assert_eq!(
            parse("440524188001010014").unwrap().as_str(),
            "440524188001010014"
        );
    }

    #[test]
    fn a_birth_date_before_1900_is_accepted() {
        let number = parse("440524188001010014").unwrap();
        assert_eq!(number.birth_date(), date!(1880 - 01 - 01));
    }

    #[test]
    fn synthetic_numbers_are_valid() {
        for raw in [
            "420111199901010024",
            "42010220060315001X",
            "810000199505200019",
        ] {
            assert_eq!(parse(raw).unwrap().as_str(), raw, "{raw}");
        }
    }

    #[test]
    fn a_lower_case_x_is_upper_cased() {
        assert_eq!(
            parse("11010519491231002x").unwrap().as_str(),
            "11010519491231002X"
        );
    }

    #[test]
    fn full_width_input_from_excel_is_normalised() {
        let number = parse("１１０１０５１９４９１２３１００２Ｘ").unwrap();
        assert_eq!(number.as_str(), "11010519491231002X");
        assert_eq!(
            parse("１１０１０５１９４９１２３１００２ｘ").unwrap(),
            number
        );
    }

    #[test]
    fn spaces_and_hyphens_inside_the_number_are_dropped() {
        let number = parse(" 110105-19491231-002X\u{3000}").unwrap();
        assert_eq!(number.as_str(), "11010519491231002X");
    }

    #[test]
    fn a_wrong_check_character_names_the_right_one() {
        assert_eq!(
            parse("110105194912310021"),
            Err(Problem::CheckCharacterMismatch { expected: 'X' })
        );
        assert_eq!(
            parse("420106200501011234"),
            Err(Problem::CheckCharacterMismatch { expected: '3' })
        );
    }

    #[test]
    fn thirtieth_of_february_is_an_invalid_date() {
        assert_eq!(parse("420106200502301230"), Err(Problem::InvalidDate));
    }

    #[test]
    fn province_00_is_an_unknown_region() {
        assert_eq!(parse("001234199001010013"), Err(Problem::UnknownRegion));
    }

    #[test]
    fn sixteen_characters_are_the_wrong_length() {
        assert_eq!(
            parse("4201061990010100"),
            Err(Problem::WrongLength { expected: 18 })
        );
    }

    #[test]
    fn empty_input_is_required() {
        assert_eq!(parse(""), Err(Problem::Required));
        assert_eq!(parse("  - "), Err(Problem::Required));
    }

    #[test]
    fn letters_other_than_a_final_x_are_an_invalid_format() {
        assert_eq!(parse("4201111999010100X4"), Err(Problem::InvalidFormat));
        assert_eq!(parse("42011119990101002A"), Err(Problem::InvalidFormat));
        assert_eq!(parse("42011119990101002中"), Err(Problem::InvalidFormat));
    }

    #[test]
    fn a_birth_date_after_today_is_in_the_future() {
        let number = IdCardNumber::with_check_character("42011120250602002").unwrap();
        assert_eq!(parse(&number), Err(Problem::DateInFuture));
        let born_today = IdCardNumber::with_check_character("42011120250601002").unwrap();
        assert!(parse(&born_today).is_ok());
    }

    #[test]
    fn the_seventeenth_digit_gives_the_sex() {
        assert!(parse("440524188001010014").unwrap().is_male());
        assert!(!parse("420111199901010024").unwrap().is_male());
        assert!(!parse("11010519491231002X").unwrap().is_male());
    }

    #[test]
    fn age_counts_whole_years_up_to_the_birthday() {
        let number = parse("42010220060315001X").unwrap();
        assert_eq!(number.birth_date(), date!(2006 - 03 - 15));
        assert_eq!(number.age_on(date!(2024 - 03 - 14)), 17);
        assert_eq!(number.age_on(date!(2024 - 03 - 15)), 18);
        assert_eq!(number.age_on(date!(2000 - 01 - 01)), 0);
    }

    #[test]
    fn someone_born_on_29_february_ages_on_1_march_in_common_years() {
        let raw = IdCardNumber::with_check_character("42011120080229002").unwrap();
        let number = parse(&raw).unwrap();
        assert_eq!(number.age_on(date!(2025 - 02 - 28)), 16);
        assert_eq!(number.age_on(date!(2025 - 03 - 01)), 17);
    }

    #[test]
    fn masking_keeps_four_characters_at_each_end() {
        assert_eq!(
            parse("420111199901010024").unwrap().masked(),
            "4201**********0024"
        );
    }

    #[test]
    fn debug_prints_only_the_masked_number() {
        let printed = format!("{:?}", parse("420111199901010024").unwrap());
        assert!(printed.contains("4201**********0024"), "{printed}");
        assert!(!printed.contains("19990101"), "{printed}");
    }

    #[test]
    fn the_generator_completes_the_standards_example() {
        assert_eq!(
            IdCardNumber::with_check_character("11010519491231002").as_deref(),
            Some("11010519491231002X")
        );
        assert_eq!(IdCardNumber::with_check_character("1101051949123100"), None);
        assert_eq!(
            IdCardNumber::with_check_character("1101051949123100X"),
            None
        );
    }

    fn valid_first17() -> impl Strategy<Value = String> {
        (
            proptest::sample::select(PROVINCES),
            0u32..10_000,
            0i32..45_000,
            0u32..1000,
        )
            .prop_map(|(province, county, days, sequence)| {
                let born = date!(1900 - 01 - 01) + time::Duration::days(i64::from(days));
                format!(
                    "{province:02}{county:04}{:04}{:02}{:02}{sequence:03}",
                    born.year(),
                    u8::from(born.month()),
                    born.day()
                )
            })
    }

    proptest! {
        #[test]
        fn generated_numbers_are_valid(first17 in valid_first17()) {
            let raw = IdCardNumber::with_check_character(&first17).unwrap();
            let number = IdCardNumber::parse(&raw, date!(2100 - 01 - 01)).unwrap();
            prop_assert_eq!(number.as_str(), raw.as_str());
        }

        #[test]
        fn every_single_character_substitution_is_refused(
            first17 in valid_first17(),
            position in 0..LENGTH,
            replacement in proptest::sample::select(vec!['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', 'A']),
        ) {
            let raw = IdCardNumber::with_check_character(&first17).unwrap();
            let mut chars: Vec<char> = raw.chars().collect();
            prop_assume!(chars[position] != replacement);
            chars[position] = replacement;
            let changed: String = chars.into_iter().collect();
            prop_assert!(IdCardNumber::parse(&changed, date!(2100 - 01 - 01)).is_err(), "{} was accepted", changed);
        }
    }
}
