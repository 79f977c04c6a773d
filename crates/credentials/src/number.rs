//! Certificate numbers (reference §3.4): the 22-character 职业技能等级证书
//! number, the 特级技师 number and the legacy 16-digit 职业资格证书 number.
//!
//! The province list (◐, GB/T 2260) is data in [`NumberRules`], not a constant:
//! load it from configuration, and add `66` there if certificates from the
//! Xinjiang Production and Construction Corps appear. The 特级技师 letters and
//! level code are unconfirmed (⚠), so those numbers are checked for shape only
//! and kept unparsed. There is no check digit: authenticity comes from lookup.

use std::collections::BTreeSet;
use std::fmt;

use crate::level::SkillLevel;

/// GB/T 2260 province-level codes as listed in reference §3.4 (◐).
pub const GB2260_PROVINCES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// What is wrong with a certificate number (positions count from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NumberError {
    /// No format has this length and shape.
    UnknownFormat {
        /// Characters found.
        length: usize,
    },
    /// Position 1 must be `Y` (employer) or `S` (social organisation).
    InstitutionType,
    /// A digit was expected at this position.
    NotADigit {
        /// 1-based position.
        position: usize,
    },
    /// The province code is not in the configured list.
    UnknownProvince(String),
    /// The level digit is not `1`–`5`.
    LevelCode,
    /// Legacy numbers: position 7 (body type) must be `0`–`4`.
    BodyType,
    /// An institution code part has the wrong length or is not all digits.
    InstitutionCodes(&'static str),
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::UnknownFormat { length } => {
                write!(f, "not a certificate number format ({length} characters)")
            }
            NumberError::InstitutionType => f.write_str("position 1 must be Y or S"),
            NumberError::NotADigit { position } => write!(f, "position {position} must be a digit"),
            NumberError::UnknownProvince(code) => write!(f, "unknown province code {code}"),
            NumberError::LevelCode => f.write_str("level digit must be 1-5"),
            NumberError::BodyType => f.write_str("position 7 must be 0-4"),
            NumberError::InstitutionCodes(part) => write!(f, "invalid institution {part}"),
        }
    }
}

impl std::error::Error for NumberError {}

/// Which kind of filed evaluation institution issued a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstitutionKind {
    /// `Y`: an employer (用人单位).
    Employer,
    /// `S`: a social training-evaluation organisation (社会培训评价组织).
    SocialOrganisation,
}

impl InstitutionKind {
    /// `Y` or `S`.
    pub fn letter(self) -> char {
        match self {
            InstitutionKind::Employer => 'Y',
            InstitutionKind::SocialOrganisation => 'S',
        }
    }

    /// The kind for `Y` or `S`.
    pub fn from_letter(letter: char) -> Option<Self> {
        match letter {
            'Y' => Some(InstitutionKind::Employer),
            'S' => Some(InstitutionKind::SocialOrganisation),
            _ => None,
        }
    }
}

/// An evaluation institution's codes, assigned by 人社 departments; they make
/// up positions 1–13 of every number it issues.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InstitutionCodes {
    kind: InstitutionKind,
    code: String,
    province: String,
    site: String,
}

impl InstitutionCodes {
    /// `code` is 4 digits (`0000` if filed with a province), `province` 2, `site` 6.
    pub fn new(
        kind: InstitutionKind,
        code: &str,
        province: &str,
        site: &str,
    ) -> Result<Self, NumberError> {
        let digits =
            |text: &str, len: usize| text.len() == len && text.bytes().all(|b| b.is_ascii_digit());
        if !digits(code, 4) {
            return Err(NumberError::InstitutionCodes("code"));
        }
        if !digits(province, 2) {
            return Err(NumberError::InstitutionCodes("province"));
        }
        if !digits(site, 6) {
            return Err(NumberError::InstitutionCodes("site"));
        }
        Ok(Self {
            kind,
            code: code.to_owned(),
            province: province.to_owned(),
            site: site.to_owned(),
        })
    }

    /// Employer or social organisation.
    pub fn kind(&self) -> InstitutionKind {
        self.kind
    }

    /// The 4-digit institution code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The 2-digit GB/T 2260 province code.
    pub fn province(&self) -> &str {
        &self.province
    }

    /// The 6-digit institution or site sequence.
    pub fn site(&self) -> &str {
        &self.site
    }

    /// Positions 1–13 of a number, e.g. `Y000142000123`.
    pub fn prefix(&self) -> String {
        format!(
            "{}{}{}{}",
            self.kind.letter(),
            self.code,
            self.province,
            self.site
        )
    }
}

/// Configurable parts of number validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberRules {
    provinces: BTreeSet<String>,
}

impl Default for NumberRules {
    /// The GB/T 2260 list of reference §3.4.
    fn default() -> Self {
        Self {
            provinces: GB2260_PROVINCES.iter().map(|p| (*p).to_owned()).collect(),
        }
    }
}

impl NumberRules {
    /// Rules accepting exactly these 2-digit province codes (from configuration).
    pub fn with_provinces<'a>(
        codes: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, NumberError> {
        let mut provinces = BTreeSet::new();
        for code in codes {
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(NumberError::UnknownProvince(code.to_owned()));
            }
            provinces.insert(code.to_owned());
        }
        Ok(Self { provinces })
    }

    /// Whether a 2-digit province code is accepted.
    pub fn allows_province(&self, code: &str) -> bool {
        self.provinces.contains(code)
    }
}

/// A certificate number in one of the formats of reference §3.4.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CertificateNumber {
    /// 职业技能等级证书: 1 letter + 21 digits, seven parts.
    SkillLevel(SkillLevelNumber),
    /// 特级技师证书: 2 letters + 20 digits, kept unparsed.
    PrincipalTechnician(PrincipalTechnicianNumber),
    /// Legacy 职业资格证书: 16 digits (13-digit Shanghai numbers padded with `000`).
    /// Accepted on import only; never issued.
    LegacyQualification(LegacyQualificationNumber),
}

impl CertificateNumber {
    /// Recognises the format by shape, then validates it. Surrounding spaces
    /// are ignored and letters are upper-cased.
    pub fn parse(raw: &str, rules: &NumberRules) -> Result<Self, NumberError> {
        let text = raw.trim().to_ascii_uppercase();
        let letters = text.bytes().take_while(|b| b.is_ascii_uppercase()).count();
        match (text.len(), letters) {
            (22, 2) => PrincipalTechnicianNumber::parse(&text).map(Self::PrincipalTechnician),
            (22, _) => SkillLevelNumber::parse(&text, rules).map(Self::SkillLevel),
            (16 | 13, 0) => LegacyQualificationNumber::parse(&text).map(Self::LegacyQualification),
            (length, _) => Err(NumberError::UnknownFormat { length }),
        }
    }

    /// The number as written on the certificate.
    pub fn as_str(&self) -> &str {
        match self {
            CertificateNumber::SkillLevel(n) => n.as_str(),
            CertificateNumber::PrincipalTechnician(n) => n.as_str(),
            CertificateNumber::LegacyQualification(n) => n.as_str(),
        }
    }
}

impl fmt::Display for CertificateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn require_digits(text: &str, from: usize, to: usize) -> Result<(), NumberError> {
    for (i, b) in text.bytes().enumerate().take(to).skip(from - 1) {
        if !b.is_ascii_digit() {
            return Err(NumberError::NotADigit { position: i + 1 });
        }
    }
    Ok(())
}

/// A 22-character 职业技能等级证书 number, e.g. `Y000142000123255000001`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SkillLevelNumber(String);

/// How a number disagrees with the certificate it is meant for (rule CERT-02).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberMismatch {
    /// Positions 1–13 are not the issuing institution's codes.
    Institution {
        /// The institution's own prefix.
        expected: String,
        /// Positions 1–13 of the number.
        found: String,
    },
    /// Positions 14–15 are not the last two digits of the issue year.
    Year {
        /// From the issue date.
        expected: u8,
        /// From the number.
        found: u8,
    },
    /// Position 16 is not the certificate's level.
    Level {
        /// The certificate's level.
        expected: SkillLevel,
        /// The level the digit names.
        found: SkillLevel,
    },
}

impl fmt::Display for NumberMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberMismatch::Institution { expected, found } => {
                write!(f, "institution part {found} is not the issuer's {expected}")
            }
            NumberMismatch::Year { expected, found } => {
                write!(
                    f,
                    "year digits {found:02} are not the issue year {expected:02}"
                )
            }
            NumberMismatch::Level { expected, found } => {
                write!(f, "level digit says {found}, certificate is {expected}")
            }
        }
    }
}

impl SkillLevelNumber {
    /// Validates the seven parts: `[YS]`, 4 digits, a configured province,
    /// 6 digits, 2 year digits, a level digit `1`–`5`, a 6-digit serial.
    pub fn parse(raw: &str, rules: &NumberRules) -> Result<Self, NumberError> {
        let text = raw.trim().to_ascii_uppercase();
        if text.len() != 22 || !text.is_ascii() {
            return Err(NumberError::UnknownFormat {
                length: text.chars().count(),
            });
        }
        let first = text.chars().next().and_then(InstitutionKind::from_letter);
        if first.is_none() {
            return Err(NumberError::InstitutionType);
        }
        require_digits(&text, 2, 22)?;
        if !rules.allows_province(&text[5..7]) {
            return Err(NumberError::UnknownProvince(text[5..7].to_owned()));
        }
        if !matches!(text.as_bytes()[15], b'1'..=b'5') {
            return Err(NumberError::LevelCode);
        }
        Ok(Self(text))
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Positions 1–13: the institution that issued it.
    pub fn institution(&self) -> InstitutionCodes {
        let kind = if self.0.starts_with('Y') {
            InstitutionKind::Employer
        } else {
            InstitutionKind::SocialOrganisation
        };
        InstitutionCodes {
            kind,
            code: self.0[1..5].to_owned(),
            province: self.0[5..7].to_owned(),
            site: self.0[7..13].to_owned(),
        }
    }

    /// Positions 14–15: the last two digits of the issue year.
    pub fn year(&self) -> u8 {
        self.digit(13) * 10 + self.digit(14)
    }

    /// Position 16: the level.
    pub fn level(&self) -> SkillLevel {
        // `parse` admitted only 1–5.
        SkillLevel::from_code(self.digit(15)).unwrap_or(SkillLevel::Elementary)
    }

    /// Positions 17–22: the institution's serial.
    pub fn serial(&self) -> &str {
        &self.0[16..22]
    }

    fn digit(&self, index: usize) -> u8 {
        self.0.as_bytes()[index] - b'0'
    }

    /// Rule CERT-02: the number belongs to this institution, year and level.
    pub fn check_issue(
        &self,
        institution: &InstitutionCodes,
        issue_year: i32,
        level: SkillLevel,
    ) -> Result<(), Vec<NumberMismatch>> {
        let mut problems = Vec::new();
        let found = self.0[..13].to_owned();
        if found != institution.prefix() {
            problems.push(NumberMismatch::Institution {
                expected: institution.prefix(),
                found,
            });
        }
        let expected_year = issue_year.rem_euclid(100) as u8;
        if self.year() != expected_year {
            problems.push(NumberMismatch::Year {
                expected: expected_year,
                found: self.year(),
            });
        }
        if self.level() != level {
            problems.push(NumberMismatch::Level {
                expected: level,
                found: self.level(),
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// A 特级技师证书 number: 2 uppercase letters + 20 digits, parts unparsed (⚠).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PrincipalTechnicianNumber(String);

impl PrincipalTechnicianNumber {
    /// Checks the shape `^[A-Z]{2}[0-9]{20}$` only.
    pub fn parse(raw: &str) -> Result<Self, NumberError> {
        let text = raw.trim().to_ascii_uppercase();
        let letters = text.bytes().take(2).all(|b| b.is_ascii_uppercase());
        if text.len() != 22 || !letters {
            return Err(NumberError::UnknownFormat {
                length: text.chars().count(),
            });
        }
        require_digits(&text, 3, 22)?;
        Ok(Self(text))
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A legacy 16-digit 职业资格证书 number (import only, rule CERT-05).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LegacyQualificationNumber(String);

impl LegacyQualificationNumber {
    /// 16 digits with position 7 in `0`–`4` and position 11 in `1`–`5`;
    /// 13-digit Shanghai numbers are padded in front with `000`.
    pub fn parse(raw: &str) -> Result<Self, NumberError> {
        let mut text = raw.trim().to_owned();
        if text.len() == 13 && text.bytes().all(|b| b.is_ascii_digit()) {
            text.insert_str(0, "000");
        }
        if text.len() != 16 || !text.is_ascii() {
            return Err(NumberError::UnknownFormat {
                length: text.chars().count(),
            });
        }
        require_digits(&text, 1, 16)?;
        if !matches!(text.as_bytes()[6], b'0'..=b'4') {
            return Err(NumberError::BodyType);
        }
        if !matches!(text.as_bytes()[10], b'1'..=b'5') {
            return Err(NumberError::LevelCode);
        }
        Ok(Self(text))
    }

    /// The number (padded if it was a 13-digit one).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Position 11: the level (same direction as today's codes).
    pub fn level(&self) -> SkillLevel {
        SkillLevel::from_code(self.0.as_bytes()[10] - b'0').unwrap_or(SkillLevel::Elementary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> NumberRules {
        NumberRules::default()
    }

    fn hubei_school() -> InstitutionCodes {
        InstitutionCodes::new(InstitutionKind::Employer, "0001", "42", "000123").unwrap()
    }

    #[test]
    fn a_hubei_number_splits_into_its_seven_parts() {
        let number = SkillLevelNumber::parse("Y000142000123254000001", &rules()).unwrap();
        assert_eq!(number.institution(), hubei_school());
        assert_eq!(number.year(), 25);
        assert_eq!(number.level(), SkillLevel::Intermediate);
        assert_eq!(number.serial(), "000001");
    }

    #[test]
    fn the_published_worked_example_shape_is_accepted() {
        // `Y` `0001` `23` `nnnnnn` `19` `5` `000001`, with a site sequence filled in.
        let number = CertificateNumber::parse("Y000123000042195000001", &rules()).unwrap();
        assert!(matches!(number, CertificateNumber::SkillLevel(_)));
    }

    #[test]
    fn numbers_with_a_wrong_part_are_refused_with_the_part_named() {
        let cases = [
            ("X000142000123254000001", NumberError::InstitutionType),
            (
                "Y00014200012325400000A",
                NumberError::NotADigit { position: 22 },
            ),
            (
                "Y000199000123254000001",
                NumberError::UnknownProvince("99".into()),
            ),
            ("Y000142000123256000001", NumberError::LevelCode),
            ("Y000142000123250000001", NumberError::LevelCode),
            (
                "Y00014200012325400001",
                NumberError::UnknownFormat { length: 21 },
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                CertificateNumber::parse(raw, &rules()),
                Err(expected),
                "{raw}"
            );
        }
    }

    #[test]
    fn the_province_list_comes_from_configuration() {
        let corps = "Y000166000123254000001";
        assert!(CertificateNumber::parse(corps, &rules()).is_err());
        let mut codes: Vec<&str> = GB2260_PROVINCES.to_vec();
        codes.push("66");
        let configured = NumberRules::with_provinces(codes).unwrap();
        assert!(CertificateNumber::parse(corps, &configured).is_ok());
    }

    #[test]
    fn lowercase_letters_and_spaces_are_normalised() {
        let number = CertificateNumber::parse(" s000042000123254000001 ", &rules()).unwrap();
        assert_eq!(number.as_str(), "S000042000123254000001");
    }

    #[test]
    fn cert_02_checks_institution_year_and_level() {
        let number = SkillLevelNumber::parse("Y000142000999243000001", &rules()).unwrap();
        let problems = number
            .check_issue(&hubei_school(), 2025, SkillLevel::Intermediate)
            .unwrap_err();
        assert_eq!(
            problems,
            vec![
                NumberMismatch::Institution {
                    expected: "Y000142000123".into(),
                    found: "Y000142000999".into()
                },
                NumberMismatch::Year {
                    expected: 25,
                    found: 24
                },
                NumberMismatch::Level {
                    expected: SkillLevel::Intermediate,
                    found: SkillLevel::Advanced
                },
            ]
        );
        let good = SkillLevelNumber::parse("Y000142000123254000001", &rules()).unwrap();
        assert_eq!(
            good.check_issue(&hubei_school(), 2025, SkillLevel::Intermediate),
            Ok(())
        );
    }

    #[test]
    fn principal_technician_numbers_are_checked_for_shape_only() {
        let number = CertificateNumber::parse("YT00014200012325000001", &rules()).unwrap();
        assert!(matches!(number, CertificateNumber::PrincipalTechnician(_)));
        assert!(PrincipalTechnicianNumber::parse("YT0001420001232500000X").is_err());
    }

    #[test]
    fn legacy_numbers_check_body_type_and_level_and_pad_shanghai_numbers() {
        let legacy = CertificateNumber::parse("0542010010300001", &rules()).unwrap();
        match legacy {
            CertificateNumber::LegacyQualification(n) => {
                assert_eq!(n.level(), SkillLevel::Advanced)
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            LegacyQualificationNumber::parse("0542015010300001"),
            Err(NumberError::BodyType)
        );
        assert_eq!(
            LegacyQualificationNumber::parse("0542010010600001"),
            Err(NumberError::LevelCode)
        );
        let shanghai = LegacyQualificationNumber::parse("1231031300001").unwrap();
        assert_eq!(shanghai.as_str(), "0001231031300001");
    }

    #[test]
    fn institution_codes_must_have_the_right_number_of_digits() {
        assert!(InstitutionCodes::new(InstitutionKind::Employer, "001", "42", "000123").is_err());
        assert!(InstitutionCodes::new(InstitutionKind::Employer, "0001", "4a", "000123").is_err());
        assert!(InstitutionCodes::new(InstitutionKind::Employer, "0001", "42", "00123").is_err());
        assert_eq!(hubei_school().prefix(), "Y000142000123");
    }
}
