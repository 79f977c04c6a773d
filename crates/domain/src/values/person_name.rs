//! Personal names written in Chinese characters (姓名).
//!
//! Names come from spreadsheets padded for alignment (`张  三`) and with
//! whatever dot the typist found for the middle dot of minority and
//! transliterated names (`阿依古丽•买买提`). [`PersonName::parse`] repairs
//! both and accepts only Han characters, optionally in `·`-separated parts.
//! Foreign names in Latin letters belong in a separate field. This is personal
//! data: `Debug` prints the masked form.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::Problem;

/// The longest name accepted, in characters (separators included).
const MAX_CHARS: usize = 50;

/// The separator between the parts of a name (U+00B7 MIDDLE DOT).
const SEPARATOR: char = '·';

/// A personal name of 1–50 characters: Han characters, optionally in parts
/// joined by a single `·` (`爱新觉罗·溥仪`). Stored in NFC.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);

impl PersonName {
    /// Normalises `raw` and checks it.
    ///
    /// Normalising means: NFC; trim; remove whitespace (including U+3000)
    /// between Han characters and around separators; map look-alike dots
    /// (`•`, `‧`, `・`, `･`, `．`, `∙`, `⋅`, `·` U+0387 and `.`) to `·`.
    ///
    /// # Errors
    ///
    /// - [`Problem::Required`] when nothing is left after trimming;
    /// - [`Problem::TooLong`] (`max: 50`) beyond 50 characters;
    /// - [`Problem::InvalidFormat`] for anything but Han characters in
    ///   `·`-separated parts: leading, trailing or doubled dots, digits,
    ///   markup, Latin letters (`Zhang San`).
    pub fn parse(raw: &str) -> Result<PersonName, Problem> {
        let name = normalise(raw);
        if name.is_empty() {
            return Err(Problem::Required);
        }
        if name.chars().count() > MAX_CHARS {
            return Err(Problem::TooLong { max: MAX_CHARS });
        }
        let well_formed = name
            .split(SEPARATOR)
            .all(|part| !part.is_empty() && part.chars().all(is_han));
        if !well_formed {
            return Err(Problem::InvalidFormat);
        }
        Ok(PersonName(name))
    }

    /// The name as stored. Personal data: prefer [`PersonName::masked`] in lists and logs.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name with all but its first and last Han characters replaced by `*`.
    ///
    /// One character stays as it is, two become `张*`, three `李*明`, more
    /// `欧**娜`. Separators stay, so `阿依古丽·买买提` reads `阿***·**提`.
    pub fn masked(&self) -> String {
        let han_count = self.0.chars().filter(|c| *c != SEPARATOR).count();
        let mut seen = 0;
        self.0
            .chars()
            .map(|c| {
                if c == SEPARATOR {
                    return c;
                }
                seen += 1;
                let keep = han_count == 1 || seen == 1 || (han_count > 2 && seen == han_count);
                if keep { c } else { '*' }
            })
            .collect()
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PersonName").field(&self.masked()).finish()
    }
}

/// True for Han ideographs: CJK Unified Ideographs and Extensions A–I, the
/// compatibility ideographs and U+3007 `〇` (used in names such as `王〇`).
pub fn is_han(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3007
            | 0x3400..=0x4DBF     // Extension A
            | 0x4E00..=0x9FFF     // CJK Unified Ideographs
            | 0xF900..=0xFA6D     // Compatibility Ideographs
            | 0xFA70..=0xFAD9
            | 0x20000..=0x2A6DF   // Extension B
            | 0x2A700..=0x2B73F   // Extension C
            | 0x2B740..=0x2B81F   // Extension D
            | 0x2B820..=0x2CEAF   // Extension E
            | 0x2CEB0..=0x2EBEF   // Extension F
            | 0x2EBF0..=0x2EE5F   // Extension I
            | 0x2F800..=0x2FA1F   // Compatibility Ideographs Supplement
            | 0x30000..=0x3134F   // Extension G
            | 0x31350..=0x323AF   // Extension H
    )
}

/// Dots that typists use in place of the middle dot.
fn is_lookalike_separator(c: char) -> bool {
    matches!(
        c,
        '\u{00B7}'
            | '\u{0387}'
            | '\u{2022}'
            | '\u{2027}'
            | '\u{2219}'
            | '\u{22C5}'
            | '\u{30FB}'
            | '\u{FF0E}'
            | '\u{FF65}'
            | '.'
    )
}

/// NFC, trim, unify separators, drop whitespace between Han characters and separators.
fn normalise(raw: &str) -> String {
    let chars: Vec<char> = raw
        .nfc()
        .map(|c| {
            if is_lookalike_separator(c) {
                SEPARATOR
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .chars()
        .collect();
    let joinable = |c: char| is_han(c) || c == SEPARATOR;
    let mut name = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let run_end = chars[i..]
                .iter()
                .position(|c| !c.is_whitespace())
                .map_or(chars.len(), |offset| i + offset);
            // After trimming, a whitespace run always has a character on each side.
            let before = name.chars().next_back();
            let after = chars.get(run_end).copied();
            let padding = before.is_some_and(joinable) && after.is_some_and(joinable);
            if !padding {
                name.extend(&chars[i..run_end]);
            }
            i = run_end;
        } else {
            name.push(chars[i]);
            i += 1;
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(raw: &str) -> String {
        PersonName::parse(raw).unwrap().as_str().to_owned()
    }

    #[test]
    fn han_names_of_every_shape_are_valid() {
        for raw in [
            "张三",
            "欧阳娜娜",
            "阿依古丽·买买提",
            "爱新觉罗·溥仪",
            "刘䶮",
            "王𠮷",
            "王〇",
            "李",
        ] {
            assert_eq!(parsed(raw), raw);
        }
    }

    #[test]
    fn look_alike_dots_become_the_middle_dot() {
        for raw in [
            "阿依古丽•买买提",
            "阿依古丽・买买提",
            "阿依古丽.买买提",
            "阿依古丽‧买买提",
            "阿依古丽･买买提",
            "阿依古丽．买买提",
            "阿依古丽∙买买提",
            "阿依古丽⋅买买提",
            "阿依古丽\u{0387}买买提",
        ] {
            assert_eq!(parsed(raw), "阿依古丽·买买提", "{raw}");
        }
    }

    #[test]
    fn padding_between_han_characters_is_removed() {
        assert_eq!(parsed("张  三"), "张三");
        assert_eq!(parsed("张　三"), "张三");
        assert_eq!(parsed(" 欧 阳 娜 娜\u{3000}"), "欧阳娜娜");
        assert_eq!(parsed("阿依古丽 · 买买提"), "阿依古丽·买买提");
    }

    #[test]
    fn misplaced_or_doubled_separators_are_an_invalid_format() {
        for raw in ["·张三", "张三·", "张··三", ".张三", "张三 ."] {
            assert_eq!(PersonName::parse(raw), Err(Problem::InvalidFormat), "{raw}");
        }
    }

    #[test]
    fn digits_markup_and_latin_letters_are_an_invalid_format() {
        for raw in [
            "张三1",
            "<b>张三</b>",
            "Zhang San",
            "张\u{200B}三",
            "张三ａ",
        ] {
            assert_eq!(PersonName::parse(raw), Err(Problem::InvalidFormat), "{raw}");
        }
    }

    #[test]
    fn empty_input_is_required() {
        assert_eq!(PersonName::parse(""), Err(Problem::Required));
        assert_eq!(PersonName::parse(" \u{3000} "), Err(Problem::Required));
    }

    #[test]
    fn fifty_characters_are_accepted_and_fifty_one_are_too_long() {
        assert!(PersonName::parse(&"张".repeat(50)).is_ok());
        assert_eq!(
            PersonName::parse(&"张".repeat(51)),
            Err(Problem::TooLong { max: 50 })
        );
    }

    #[test]
    fn compatibility_ideographs_are_normalised_to_unified_ones() {
        // U+F90A is canonically equivalent to U+91D1 金.
        assert_eq!(parsed("\u{F90A}三"), "金三");
    }

    #[test]
    fn masking_keeps_the_first_and_last_characters() {
        let masked = |raw: &str| PersonName::parse(raw).unwrap().masked();
        assert_eq!(masked("李"), "李");
        assert_eq!(masked("张三"), "张*");
        assert_eq!(masked("李小明"), "李*明");
        assert_eq!(masked("欧阳娜娜"), "欧**娜");
        assert_eq!(masked("阿依古丽·买买提"), "阿***·**提");
        assert_eq!(masked("爱新觉罗·溥仪"), "爱***·*仪");
    }

    #[test]
    fn debug_prints_only_the_masked_name() {
        let printed = format!("{:?}", PersonName::parse("李小明").unwrap());
        assert!(printed.contains("李*明"), "{printed}");
        assert!(!printed.contains("小"), "{printed}");
    }

    #[test]
    fn han_detection_covers_the_extensions_and_ling() {
        for c in [
            '〇',
            '䶮',
            '中',
            '𠮷',
            '\u{2A700}',
            '\u{2B740}',
            '\u{2B820}',
            '\u{2CEB0}',
            '\u{30000}',
            '\u{31350}',
            '\u{F900}',
            '\u{2F800}',
        ] {
            assert!(is_han(c), "{c:?}");
        }
        for c in ['a', '1', '·', '。', '\u{3006}', 'ー', '\u{2E80}'] {
            assert!(!is_han(c), "{c:?}");
        }
    }
}
