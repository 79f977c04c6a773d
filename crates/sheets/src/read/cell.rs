//! One raw cell, as either format delivers it, turned into a typed
//! [`Value`] or a [`CellProblem`] according to its column's kind.
//!
//! Normalisation: every cell is trimmed (Unicode whitespace, including the
//! full-width space, and zero-width characters). `IdLike` cells and the text
//! parsed as numbers, dates and choices are NFKC-normalised so that
//! full-width digits typed with a Chinese input method are read; free `Text`
//! is not, because NFKC would change CJK compatibility ideographs in names.

use time::{Date, Duration, Month};
use unicode_normalization::UnicodeNormalization;

use crate::error::{CellProblem, ProblemKind};
use crate::spec::{ColumnKind, ColumnSpec};
use crate::table::{Cell, Value, iso_date};

/// A cell as the file holds it, before its column's kind is applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawCell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A number cell with a date format: an Excel serial day number.
    DateSerial(f64),
    /// A cell of type `d`: an ISO 8601 date or date-time.
    DateIso(String),
    /// An error value such as `#N/A`.
    Error(String),
    /// A formula; the cached result as text, for the report.
    Formula(String),
}

impl RawCell {
    /// Whether the cell is empty or only whitespace.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(text) | Self::DateIso(text) => trim(text).is_empty(),
            _ => false,
        }
    }

    /// The cell as the user sees it (numbers without exponent, dates ISO).
    pub(crate) fn display(&self, is_1904: bool) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(text) | Self::DateIso(text) => trim(text).to_owned(),
            Self::Number(number) => number_text(*number),
            Self::Bool(true) => "TRUE".to_owned(),
            Self::Bool(false) => "FALSE".to_owned(),
            Self::DateSerial(serial) => {
                date_from_serial(*serial, is_1904).map_or_else(|| number_text(*serial), iso_date)
            }
            Self::Error(text) | Self::Formula(text) => text.clone(),
        }
    }
}

/// Characters trimmed from both ends of every cell besides whitespace.
fn is_trimmed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The cell text without surrounding whitespace and zero-width characters.
pub(crate) fn trim(text: &str) -> &str {
    text.trim_matches(is_trimmed)
}

/// A number as Excel shows it in a General cell: at most 15 significant
/// digits (so `420111199901010024` typed into a number cell shows as
/// `420111199901010000`), whole numbers without a decimal point.
pub(crate) fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        // Exact: whole and below 2^53.
        return format!("{}", number as i64);
    }
    let scientific = format!("{number:.14e}");
    let Some((mantissa, exponent)) = scientific.split_once('e') else {
        return scientific;
    };
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (14..21).contains(&exponent) {
        // Whole: the 15 digits, then zeros (`{:.0}` would print the binary value's digits).
        let sign = if mantissa.starts_with('-') { "-" } else { "" };
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let zeros = usize::try_from(exponent - 14).unwrap_or(0);
        return format!("{sign}{digits}{}", "0".repeat(zeros));
    }
    let rounded: f64 = scientific.parse().unwrap_or(number);
    format!("{rounded}")
}

/// Reads one cell for its column.
pub(crate) fn convert(raw: RawCell, column: &ColumnSpec, max_chars: usize, is_1904: bool) -> Cell {
    let problem = |kind: ProblemKind, raw: &RawCell| CellProblem {
        kind,
        raw: raw.display(is_1904),
    };
    match &raw {
        RawCell::Formula(_) => return Err(problem(ProblemKind::Formula, &raw)),
        RawCell::Error(_) => return Err(problem(ProblemKind::ErrorValue, &raw)),
        _ if raw.is_blank() => {
            return if column.required {
                Err(problem(ProblemKind::Required, &raw))
            } else {
                Ok(Value::Empty)
            };
        }
        RawCell::Text(text) if text.chars().count() > max_chars => {
            return Err(CellProblem {
                kind: ProblemKind::TooLong { max: max_chars },
                raw: text.chars().take(max_chars).collect(),
            });
        }
        _ => {}
    }
    if column.kind == ColumnKind::Text {
        return Ok(Value::Text(match raw {
            RawCell::Text(text) => owned_trimmed(text),
            other => other.display(is_1904),
        }));
    }
    let result = match column.kind {
        ColumnKind::Text => return Ok(Value::Text(raw.display(is_1904))),
        ColumnKind::IdLike => match &raw {
            RawCell::Text(text) if !looks_like_a_mangled_number(text) => {
                Ok(Value::Text(trim(&nfkc(trim(text))).to_owned()))
            }
            _ => Err(ProblemKind::NumberInIdColumn),
        },
        ColumnKind::Integer => integer(&raw).map(Value::Integer),
        ColumnKind::Date => date(&raw, is_1904).map(Value::Date),
        ColumnKind::Choice(choices) => {
            let text = nfkc(&raw.display(is_1904));
            let text = trim(&text);
            choices
                .iter()
                .find(|(stored, label)| *label == text || *stored == text)
                .map(|(stored, _)| Value::Choice(stored))
                .ok_or(ProblemKind::NotChoice { choices })
        }
    };
    result.map_err(|kind| problem(kind, &raw))
}

fn owned_trimmed(text: String) -> String {
    let trimmed = trim(&text);
    if trimmed.len() == text.len() {
        text
    } else {
        trimmed.to_owned()
    }
}

fn nfkc(text: &str) -> String {
    if text.is_ascii() {
        text.to_owned()
    } else {
        text.nfkc().collect()
    }
}

/// Text that is what Excel makes of a long number: `4.20111E+17`. Seen in
/// CSV files saved from a number-formatted column.
fn looks_like_a_mangled_number(text: &str) -> bool {
    let text = trim(text);
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.starts_with(|c: char| c.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

fn integer(raw: &RawCell) -> Result<i64, ProblemKind> {
    match raw {
        RawCell::Number(number) => whole(*number),
        RawCell::Text(text) => {
            let text = nfkc(trim(text));
            if let Ok(number) = text.parse::<i64>() {
                return Ok(number);
            }
            match text.parse::<f64>() {
                Ok(number) if number.is_finite() => whole(number),
                _ => Err(ProblemKind::NotInteger),
            }
        }
        _ => Err(ProblemKind::NotInteger),
    }
}

fn whole(number: f64) -> Result<i64, ProblemKind> {
    // 2^63 is exactly representable; anything at or past it does not fit.
    if number.fract() == 0.0 && number.abs() < 9.223_372_036_854_776e18 {
        Ok(number as i64)
    } else {
        Err(ProblemKind::NotInteger)
    }
}

fn date(raw: &RawCell, is_1904: bool) -> Result<Date, ProblemKind> {
    match raw {
        RawCell::Number(serial) | RawCell::DateSerial(serial) => {
            date_from_serial(*serial, is_1904).ok_or(ProblemKind::NotDate)
        }
        RawCell::Text(text) | RawCell::DateIso(text) => {
            parse_date(&nfkc(trim(text))).ok_or(ProblemKind::NotDate)
        }
        _ => Err(ProblemKind::NotDate),
    }
}

/// The largest serial Excel knows: 9999-12-31.
const MAX_SERIAL: f64 = 2_958_465.0;

/// The calendar date of an Excel serial day number (time of day dropped).
///
/// In the 1900 system serial 1 is 1900-01-01 and serial 60 is the
/// 29 February 1900 that never was (kept by Excel for Lotus compatibility);
/// it is refused. In the 1904 system serial 0 is 1904-01-01.
pub(crate) fn date_from_serial(serial: f64, is_1904: bool) -> Option<Date> {
    if !(0.0..MAX_SERIAL + 1.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    if is_1904 {
        let epoch = Date::from_calendar_date(1904, Month::January, 1).ok()?;
        return epoch.checked_add(Duration::days(days));
    }
    let epoch = match days {
        0 | 60 => return None,
        1..60 => Date::from_calendar_date(1899, Month::December, 31).ok()?,
        _ => Date::from_calendar_date(1899, Month::December, 30).ok()?,
    };
    epoch.checked_add(Duration::days(days))
}

/// `YYYY-M-D`, `YYYY/M/D`, `YYYY.M.D`, `YYYY年M月D日` (the 日 optional) or
/// `YYYYMMDD`, optionally followed by a time of day, which is ignored.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = strip_time_of_day(text);
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&text[..4], &text[4..6], &text[6..]);
    }
    if let Some((year, rest)) = text.split_once('年') {
        let (month, day) = rest.split_once('月')?;
        let day = day
            .strip_suffix('日')
            .or_else(|| day.strip_suffix('号'))
            .unwrap_or(day);
        return ymd(year, month, day);
    }
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = text.split(separator);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    ymd(year, month, day)
}

/// The date part of `2024-09-01 08:00:00` or `2024-09-01T08:00:00Z`.
fn strip_time_of_day(text: &str) -> &str {
    match text.find([' ', 'T']) {
        Some(at)
            if text[at + 1..]
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-')) =>
        {
            text[..at].trim()
        }
        _ => text,
    }
}

fn ymd(year: &str, month: &str, day: &str) -> Option<Date> {
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !all_digits(year) || !all_digits(month) || !all_digits(day) {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TEXT: ColumnSpec = ColumnSpec::new("name", "姓名", ColumnKind::Text).required();
    const ID: ColumnSpec = ColumnSpec::new("id_number", "身份证号", ColumnKind::IdLike);
    const COUNT: ColumnSpec = ColumnSpec::new("count", "人数", ColumnKind::Integer);
    const DAY: ColumnSpec = ColumnSpec::new("day", "日期", ColumnKind::Date);
    const GENDER: ColumnSpec = ColumnSpec::new(
        "gender",
        "性别",
        ColumnKind::Choice(&[("male", "男"), ("female", "女")]),
    );

    fn text(s: &str) -> RawCell {
        RawCell::Text(s.to_owned())
    }

    fn kind_of(cell: Cell) -> Option<ProblemKind> {
        cell.err().map(|problem| problem.kind)
    }

    #[test]
    fn text_is_trimmed_of_full_width_and_zero_width_spaces() {
        let cell = convert(text("\u{3000} 张三\u{200B} "), &TEXT, 100, false);

        assert_eq!(cell, Ok(Value::Text("张三".to_owned())));
    }

    #[test]
    fn a_blank_required_cell_is_required() {
        assert_eq!(
            kind_of(convert(text("  "), &TEXT, 100, false)),
            Some(ProblemKind::Required)
        );
        assert_eq!(convert(RawCell::Empty, &ID, 100, false), Ok(Value::Empty));
    }

    #[test]
    fn id_like_text_is_nfkc_normalised_and_numbers_are_refused() {
        let full_width = convert(
            text("１１０１０５１９４９１２３１００２Ｘ"),
            &ID,
            100,
            false,
        );
        let number = convert(RawCell::Number(4.201_111_999_010_1e17), &ID, 100, false);
        let mangled = convert(text("4.20111E+17"), &ID, 100, false);

        assert_eq!(full_width, Ok(Value::Text("11010519491231002X".to_owned())));
        assert_eq!(kind_of(number), Some(ProblemKind::NumberInIdColumn));
        assert_eq!(kind_of(mangled), Some(ProblemKind::NumberInIdColumn));
    }

    #[test]
    fn id_like_text_keeps_leading_zeros() {
        assert_eq!(
            convert(text("008613800138000"), &ID, 100, false),
            Ok(Value::Text("008613800138000".to_owned()))
        );
    }

    #[test]
    fn integers_come_from_whole_numbers_and_digit_text() {
        assert_eq!(
            convert(RawCell::Number(12.0), &COUNT, 100, false),
            Ok(Value::Integer(12))
        );
        assert_eq!(
            convert(text("１２"), &COUNT, 100, false),
            Ok(Value::Integer(12))
        );
        assert_eq!(
            kind_of(convert(RawCell::Number(1.5), &COUNT, 100, false)),
            Some(ProblemKind::NotInteger)
        );
        assert_eq!(
            kind_of(convert(text("十二"), &COUNT, 100, false)),
            Some(ProblemKind::NotInteger)
        );
        assert_eq!(
            kind_of(convert(RawCell::Number(1e19), &COUNT, 100, false)),
            Some(ProblemKind::NotInteger)
        );
    }

    #[test]
    fn dates_are_read_in_every_accepted_form() {
        let expected = Ok(Value::Date(date!(2024 - 09 - 01)));
        for form in [
            "2024-09-01",
            "2024-9-1",
            "2024/9/1",
            "2024.09.01",
            "2024年9月1日",
            "2024年09月01日",
            "20240901",
            "2024-09-01 00:00:00",
            "２０２４－０９－０１",
        ] {
            assert_eq!(convert(text(form), &DAY, 100, false), expected, "{form}");
        }
        assert_eq!(
            convert(RawCell::DateSerial(45536.0), &DAY, 100, false),
            expected
        );
        assert_eq!(
            convert(RawCell::Number(45536.5), &DAY, 100, false),
            expected
        );
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        for form in [
            "2024-02-30",
            "2024-13-01",
            "24-9-1",
            "2024年9月",
            "明天",
            "2024-09-01-02",
        ] {
            assert_eq!(
                kind_of(convert(text(form), &DAY, 100, false)),
                Some(ProblemKind::NotDate),
                "{form}"
            );
        }
        assert_eq!(
            kind_of(convert(RawCell::Number(60.0), &DAY, 100, false)),
            Some(ProblemKind::NotDate)
        );
        assert_eq!(
            kind_of(convert(RawCell::Number(-1.0), &DAY, 100, false)),
            Some(ProblemKind::NotDate)
        );
    }

    #[test]
    fn excel_serials_follow_the_1900_and_1904_systems() {
        assert_eq!(date_from_serial(1.0, false), Some(date!(1900 - 01 - 01)));
        assert_eq!(date_from_serial(59.0, false), Some(date!(1900 - 02 - 28)));
        assert_eq!(date_from_serial(61.0, false), Some(date!(1900 - 03 - 01)));
        assert_eq!(
            date_from_serial(2_958_465.0, false),
            Some(date!(9999 - 12 - 31))
        );
        assert_eq!(date_from_serial(0.0, true), Some(date!(1904 - 01 - 01)));
        assert_eq!(date_from_serial(f64::NAN, false), None);
    }

    #[test]
    fn choices_accept_the_label_or_the_stored_value() {
        assert_eq!(
            convert(text(" 女 "), &GENDER, 100, false),
            Ok(Value::Choice("female"))
        );
        assert_eq!(
            convert(text("male"), &GENDER, 100, false),
            Ok(Value::Choice("male"))
        );
        assert!(matches!(
            kind_of(convert(text("未知"), &GENDER, 100, false)),
            Some(ProblemKind::NotChoice { .. })
        ));
    }

    #[test]
    fn formulas_and_error_values_are_problems_whatever_the_column() {
        let formula = convert(RawCell::Formula("3".to_owned()), &COUNT, 100, false);
        let error = convert(RawCell::Error("#N/A".to_owned()), &TEXT, 100, false);

        assert_eq!(kind_of(formula), Some(ProblemKind::Formula));
        assert_eq!(kind_of(error), Some(ProblemKind::ErrorValue));
    }

    #[test]
    fn an_over_long_cell_is_too_long_and_its_raw_text_is_cut() {
        let cell = convert(text(&"长".repeat(11)), &TEXT, 10, false);

        let problem = cell.expect_err("too long");
        assert_eq!(problem.kind, ProblemKind::TooLong { max: 10 });
        assert_eq!(problem.raw.chars().count(), 10);
    }

    #[test]
    fn long_numbers_show_fifteen_significant_digits_as_in_excel() {
        assert_eq!(number_text(420_111_199_901_010_024.0), "420111199901010000");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-12.0), "-12");
        assert_eq!(number_text(f64::NAN), "NaN");
    }

    #[test]
    fn numbers_in_text_columns_read_as_excel_shows_them() {
        assert_eq!(
            convert(RawCell::Number(42.0), &TEXT, 100, false),
            Ok(Value::Text("42".to_owned()))
        );
        assert_eq!(
            convert(RawCell::Number(3.5), &TEXT, 100, false),
            Ok(Value::Text("3.5".to_owned()))
        );
    }
}
