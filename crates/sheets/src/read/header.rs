//! Finding the header row and matching its cells to the spec's columns.
//!
//! A header cell names a column by its Chinese header or its English key,
//! ignoring spaces, line breaks, full-width forms, a `*` marking a required
//! column and a `(必填)` suffix. The row of English keys that templates hide
//! under the header, when present, wins over the header text, so a renamed
//! Chinese header still matches.

use unicode_normalization::UnicodeNormalization;

use crate::error::FileError;
use crate::spec::{ColumnSpec, PROBLEM_HEADER, PROBLEM_KEY, SheetSpec};

/// Where each column of the file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Into the spec column with this index.
    Column(usize),
    /// The problem column of an error report: skipped.
    Ignored,
}

/// Normalises a header for comparison.
fn normalise(text: &str) -> String {
    let folded: String = text
        .nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .collect::<String>()
        .to_lowercase();
    let folded = folded.trim_matches('*');
    let folded = folded.strip_suffix("(必填)").unwrap_or(folded);
    let folded = folded.strip_suffix("(选填)").unwrap_or(folded);
    folded.trim_matches('*').to_owned()
}

/// The spec column a header or key cell names, if any.
pub(crate) fn slot_for(text: &str, columns: &[ColumnSpec]) -> Option<Slot> {
    let wanted = normalise(text);
    if wanted.is_empty() {
        return None;
    }
    if let Some(index) = columns.iter().position(|column| {
        column.key.eq_ignore_ascii_case(&wanted) || normalise(column.header) == wanted
    }) {
        return Some(Slot::Column(index));
    }
    (wanted == PROBLEM_HEADER || wanted == PROBLEM_KEY).then_some(Slot::Ignored)
}

/// Whether a row is the hidden row of English keys: every non-empty cell is
/// a key of the spec (or the problem key), and there is at least one.
pub(crate) fn is_key_row(cells: &[(u32, String)], columns: &[ColumnSpec]) -> bool {
    let mut any = false;
    for (_, text) in cells {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !(text == PROBLEM_KEY
            || columns
                .iter()
                .any(|column| column.key.eq_ignore_ascii_case(text)))
        {
            return false;
        }
        any = true;
    }
    any
}

/// How many cells of a row name a column of the spec.
pub(crate) fn matches(cells: &[(u32, String)], columns: &[ColumnSpec]) -> usize {
    cells
        .iter()
        .filter(|(_, text)| matches!(slot_for(text, columns), Some(Slot::Column(_))))
        .count()
}

/// The file's column layout: a slot for each named column.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// `(file column, slot)`, sorted by file column.
    pub(crate) slots: Vec<(u32, Slot)>,
    /// For each spec column, the file column holding it.
    pub(crate) source: Vec<Option<u32>>,
}

impl Layout {
    /// Matches the header (and key row, if any) to the spec, or says which
    /// columns are missing, unknown or repeated.
    pub(crate) fn new(
        header: &[(u32, String)],
        keys: Option<&[(u32, String)]>,
        spec: &SheetSpec,
    ) -> Result<Self, FileError> {
        let mut slots = Vec::new();
        let mut source = vec![None; spec.columns.len()];
        let mut unknown = Vec::new();
        let mut columns: Vec<u32> = header.iter().map(|(column, _)| *column).collect();
        if let Some(keys) = keys {
            columns.extend(keys.iter().map(|(column, _)| *column));
        }
        columns.sort_unstable();
        columns.dedup();
        for column in columns {
            let text_at = |row: &[(u32, String)]| {
                row.iter()
                    .find(|(at, text)| *at == column && !text.trim().is_empty())
                    .map(|(_, text)| text.clone())
            };
            let key = keys.and_then(text_at);
            let header_text = text_at(header);
            let slot = key
                .as_deref()
                .and_then(|key| slot_for(key, spec.columns))
                .or_else(|| {
                    header_text
                        .as_deref()
                        .and_then(|text| slot_for(text, spec.columns))
                });
            match slot {
                Some(Slot::Column(index)) => {
                    if source[index].is_some() {
                        return Err(FileError::DuplicateColumn {
                            column: spec.columns[index].header,
                        });
                    }
                    source[index] = Some(column);
                    slots.push((column, Slot::Column(index)));
                }
                Some(Slot::Ignored) => slots.push((column, Slot::Ignored)),
                None => {
                    if let Some(text) = header_text.or(key) {
                        unknown.push(text.trim().to_owned());
                    }
                }
            }
        }
        let missing: Vec<&'static str> = spec
            .columns
            .iter()
            .zip(&source)
            .filter(|(column, source)| column.required && source.is_none())
            .map(|(column, _)| column.header)
            .collect();
        if !missing.is_empty() {
            return Err(FileError::MissingColumns { columns: missing });
        }
        if !unknown.is_empty() {
            return Err(FileError::UnknownColumns { columns: unknown });
        }
        Ok(Self { slots, source })
    }

    /// The slot of a file column, or `None` for a column without a header.
    pub(crate) fn slot(&self, column: u32) -> Option<&Slot> {
        self.slots
            .binary_search_by_key(&column, |(at, _)| *at)
            .ok()
            .map(|index| &self.slots[index].1)
    }
}

/// Excel's letters for a 0-based column index (`0` → `A`, `27` → `AB`).
pub(crate) fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::ColumnKind;

    const COLUMNS: &[ColumnSpec] = &[
        ColumnSpec::new("name", "姓名", ColumnKind::Text).required(),
        ColumnSpec::new("id_number", "身份证号", ColumnKind::IdLike).required(),
        ColumnSpec::new("phone", "手机号码", ColumnKind::IdLike),
    ];
    const SPEC: SheetSpec = SheetSpec {
        name: "学员",
        columns: COLUMNS,
    };

    fn row(cells: &[&str]) -> Vec<(u32, String)> {
        cells
            .iter()
            .enumerate()
            .map(|(i, text)| (i as u32, (*text).to_owned()))
            .collect()
    }

    #[test]
    fn headers_match_by_chinese_or_key_with_marks_and_spaces_ignored() {
        for text in [
            "身份证号",
            " 身份证 号\n",
            "*身份证号",
            "身份证号（必填）",
            "ID_NUMBER",
            "ｉｄ＿ｎｕｍｂｅｒ",
        ] {
            assert_eq!(slot_for(text, COLUMNS), Some(Slot::Column(1)), "{text}");
        }
        assert_eq!(slot_for("问题", COLUMNS), Some(Slot::Ignored));
        assert_eq!(slot_for("备注", COLUMNS), None);
    }

    #[test]
    fn columns_may_come_in_any_order() {
        let layout =
            Layout::new(&row(&["手机号码", "姓名", "身份证号"]), None, &SPEC).expect("layout");

        assert_eq!(layout.source, vec![Some(1), Some(2), Some(0)]);
    }

    #[test]
    fn missing_required_and_unknown_columns_are_named() {
        let missing = Layout::new(&row(&["姓名", "手机号码"]), None, &SPEC);
        let unknown = Layout::new(&row(&["姓名", "身份证号", "备注", "籍贯"]), None, &SPEC);

        assert_eq!(
            missing.err(),
            Some(FileError::MissingColumns {
                columns: vec!["身份证号"]
            })
        );
        assert_eq!(
            unknown.err(),
            Some(FileError::UnknownColumns {
                columns: vec!["备注".to_owned(), "籍贯".to_owned()]
            })
        );
    }

    #[test]
    fn a_repeated_column_is_refused() {
        let result = Layout::new(&row(&["姓名", "身份证号", "姓名"]), None, &SPEC);

        assert_eq!(
            result.err(),
            Some(FileError::DuplicateColumn { column: "姓名" })
        );
    }

    #[test]
    fn the_key_row_wins_over_a_renamed_header() {
        let header = row(&["学员姓名", "证件号码"]);
        let keys = row(&["name", "id_number"]);

        assert!(is_key_row(&keys, COLUMNS));
        let layout = Layout::new(&header, Some(&keys), &SPEC).expect("layout");
        assert_eq!(layout.source, vec![Some(0), Some(1), None]);
    }

    #[test]
    fn column_letters_are_excels() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
    }
}
