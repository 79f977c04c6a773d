//! What a sheet holds: its Chinese name and its columns, each with an English
//! key, a Chinese header, whether it is required, the kind of value it takes,
//! an example and a note for the instructions sheet.
//!
//! Specs are `const` data written once per entity (organisations, trainees, …)
//! by the caller; the reader, the template, the report and the exports all
//! work from the same spec, so a header is spelled in one place only.

/// One sheet: a Chinese sheet name and its columns in template order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetSpec {
    /// Sheet name shown on the tab, in Chinese (e.g. `学员名单`). At most 31
    /// characters and none of `[]:*?/\`, as Excel requires.
    pub name: &'static str,
    /// The columns, in the order the template and the exports write them.
    pub columns: &'static [ColumnSpec],
}

/// One column of a sheet.
///
/// Build one with [`ColumnSpec::new`] and the `const` modifiers:
///
/// ```
/// use gongjiang_sheets::{ColumnKind, ColumnSpec};
///
/// const ID_NUMBER: ColumnSpec = ColumnSpec::new("id_number", "身份证号", ColumnKind::IdLike)
///     .required()
///     .example("11010519491231002X")
///     .note("18 位居民身份证号码");
/// assert!(ID_NUMBER.required);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// English key, stable across wording changes (e.g. `id_number`). Written
    /// into the hidden second row of templates and exports; the reader matches
    /// a column by this key or by its Chinese header.
    pub key: &'static str,
    /// Chinese header shown in row 1 (e.g. `身份证号`).
    pub header: &'static str,
    /// An empty cell is a problem ([`crate::ProblemKind::Required`]), and a
    /// file without this column is refused ([`crate::FileError::MissingColumns`]).
    pub required: bool,
    /// The kind of value the column takes.
    pub kind: ColumnKind,
    /// Example value written in the template's example row.
    pub example: &'static str,
    /// Free text shown on the instructions sheet and in the header's note.
    pub note: &'static str,
}

/// The kind of value a column takes, which decides how a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Free text, trimmed. A number cell is read as its digits (`42`, `3.5`).
    Text,
    /// Identifiers (ID-card numbers, phone numbers, credit codes): must be a
    /// text cell, because Excel turns long numbers into 15-digit floats.
    /// Trimmed and NFKC-normalised (full-width `１２Ｘ` becomes `12X`); case
    /// and checksums are left to the domain.
    IdLike,
    /// A whole number (`i64`), from a number cell or text such as `12`.
    Integer,
    /// A calendar date, from an Excel date cell or serial number, or text in
    /// the form `2024-09-01`, `2024/9/1`, `2024.9.1`, `2024年9月1日` or `20240901`.
    Date,
    /// One of a fixed list of `(stored value, Chinese label)` pairs. The cell
    /// may hold the label or the stored value; the template offers the labels
    /// in a drop-down list.
    Choice(&'static [(&'static str, &'static str)]),
}

impl ColumnSpec {
    /// An optional column with no example and no note.
    pub const fn new(key: &'static str, header: &'static str, kind: ColumnKind) -> Self {
        Self {
            key,
            header,
            required: false,
            kind,
            example: "",
            note: "",
        }
    }

    /// The same column, required.
    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }

    /// The same column with this example value.
    pub const fn example(self, example: &'static str) -> Self {
        Self { example, ..self }
    }

    /// The same column with this note.
    pub const fn note(self, note: &'static str) -> Self {
        Self { note, ..self }
    }
}

impl ColumnKind {
    /// How to fill the column, in Chinese, for the instructions sheet.
    pub fn format_zh(&self) -> String {
        match self {
            Self::Text => "文本".to_owned(),
            Self::IdLike => "文本（该列已设为文本格式，请勿改为数字格式）".to_owned(),
            Self::Integer => "整数".to_owned(),
            Self::Date => "日期，如 2024-09-01".to_owned(),
            Self::Choice(choices) => format!("从下拉列表选择：{}", choice_labels(choices)),
        }
    }
}

/// The Chinese labels of a choice list, joined with `、`.
pub(crate) fn choice_labels(choices: &[(&str, &str)]) -> String {
    choices
        .iter()
        .map(|(_, label)| *label)
        .collect::<Vec<_>>()
        .join("、")
}

/// Header and key of the problem column that [`crate::error_report`] adds;
/// the reader ignores a column with this header or key, so a corrected
/// report can be uploaded again as it is.
pub const PROBLEM_HEADER: &str = "问题";
/// English key of the problem column (see [`PROBLEM_HEADER`]).
pub const PROBLEM_KEY: &str = "problems";

impl SheetSpec {
    /// Checks the spec itself: keys and headers non-empty and unique, no
    /// clash with the report's problem column, a sheet name Excel accepts,
    /// choice lists non-empty. Call it from a test of each spec.
    pub fn check(&self) -> Result<(), String> {
        let name_len = self.name.chars().count();
        if name_len == 0
            || name_len > 31
            || self.name.contains(['[', ']', ':', '*', '?', '/', '\\'])
        {
            return Err(format!(
                "sheet name {:?} is not allowed by Excel",
                self.name
            ));
        }
        if self.columns.is_empty() {
            return Err("a sheet needs at least one column".to_owned());
        }
        for (i, column) in self.columns.iter().enumerate() {
            if column.key.trim().is_empty() || column.header.trim().is_empty() {
                return Err(format!("column {i} has an empty key or header"));
            }
            if column.key == PROBLEM_KEY || column.header == PROBLEM_HEADER {
                return Err(format!(
                    "column {:?} clashes with the report's problem column",
                    column.key
                ));
            }
            for other in &self.columns[..i] {
                if other.key.eq_ignore_ascii_case(column.key) || other.header == column.header {
                    return Err(format!(
                        "columns {:?} and {:?} share a key or header",
                        other.key, column.key
                    ));
                }
            }
            if let ColumnKind::Choice(choices) = column.kind
                && choices.is_empty()
            {
                return Err(format!("choice column {:?} has no choices", column.key));
            }
        }
        Ok(())
    }

    /// Index of the column with this English key.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|column| column.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn spec(columns: &'static [ColumnSpec]) -> SheetSpec {
        SheetSpec {
            name: "学员名单",
            columns,
        }
    }

    #[test]
    fn a_well_formed_spec_passes_its_check() {
        const COLUMNS: &[ColumnSpec] = &[
            ColumnSpec::new("name", "姓名", ColumnKind::Text).required(),
            ColumnSpec::new("gender", "性别", ColumnKind::Choice(&[("male", "男")])),
        ];

        assert_eq!(spec(COLUMNS).check(), Ok(()));
        assert_eq!(spec(COLUMNS).index_of("gender"), Some(1));
    }

    #[test]
    fn clashing_or_empty_columns_fail_the_check() {
        const TWICE: &[ColumnSpec] = &[
            ColumnSpec::new("name", "姓名", ColumnKind::Text),
            ColumnSpec::new("NAME", "名字", ColumnKind::Text),
        ];
        const PROBLEM: &[ColumnSpec] = &[ColumnSpec::new("x", "问题", ColumnKind::Text)];
        const NO_CHOICES: &[ColumnSpec] = &[ColumnSpec::new("x", "甲", ColumnKind::Choice(&[]))];

        assert!(spec(TWICE).check().is_err());
        assert!(spec(PROBLEM).check().is_err());
        assert!(spec(NO_CHOICES).check().is_err());
        assert!(spec(&[]).check().is_err());
        assert!(
            SheetSpec {
                name: "学员/名单",
                columns: PROBLEM
            }
            .check()
            .is_err()
        );
    }
}
