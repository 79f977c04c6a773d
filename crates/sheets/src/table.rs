//! What the reader returns: a [`Table`] of [`Row`]s whose cells line up with
//! the spec's columns, each cell a [`Value`] or a [`CellProblem`]; and
//! [`RowProblem`], the row-and-column problem list that the page and
//! [`crate::error_report`] show.

use time::Date;

use crate::error::CellProblem;
use crate::spec::{ColumnKind, ColumnSpec};

/// One cell as read: its value, or what is wrong with it.
pub type Cell = Result<Value, CellProblem>;

/// A cell's value, typed by its column's [`ColumnKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An empty cell in an optional column (or the column is absent).
    Empty,
    /// `Text` and `IdLike` columns: trimmed (and NFKC-normalised for `IdLike`).
    Text(String),
    /// `Integer` columns.
    Integer(i64),
    /// `Date` columns.
    Date(Date),
    /// `Choice` columns: the stored value of the chosen pair.
    Choice(&'static str),
}

impl Value {
    /// The text of a `Text` value.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The value as a user would write it in the column: dates as
    /// `YYYY-MM-DD`, choices as their Chinese label. Reading this text back
    /// gives the same value.
    pub fn display(&self, column: &ColumnSpec) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(text) => text.clone(),
            Self::Integer(number) => number.to_string(),
            Self::Date(date) => iso_date(*date),
            Self::Choice(stored) => match column.kind {
                ColumnKind::Choice(choices) => choices
                    .iter()
                    .find(|(value, _)| value == stored)
                    .map_or_else(|| (*stored).to_owned(), |(_, label)| (*label).to_owned()),
                _ => (*stored).to_owned(),
            },
        }
    }
}

/// `YYYY-MM-DD`, the one date form this crate writes.
pub(crate) fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number the user sees in Excel (1-based; the CSV line number,
    /// counting the header as line 1, for CSV files).
    pub line: usize,
    /// One cell per column of the spec, in spec order.
    pub cells: Vec<Cell>,
}

/// The data rows of an uploaded file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The spec's columns; `rows[i].cells[j]` belongs to `columns[j]`.
    pub columns: &'static [ColumnSpec],
    /// The line of the header row.
    pub header_line: usize,
    /// Whether the file had the hidden row of English keys under the header.
    pub has_key_row: bool,
    /// The data rows; blank rows and the unchanged example row are left out.
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of the column with this English key.
    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|column| column.key == key)
    }

    /// Whether any cell has a problem.
    pub fn has_problems(&self) -> bool {
        self.rows
            .iter()
            .any(|row| row.cells.iter().any(|cell| cell.is_err()))
    }

    /// Every cell problem, row by row, worded in Chinese.
    pub fn problems(&self) -> Vec<RowProblem> {
        let mut problems = Vec::new();
        for row in &self.rows {
            for (column, cell) in self.columns.iter().zip(&row.cells) {
                if let Err(problem) = cell {
                    problems.push(RowProblem::cell(row.line, column.key, problem.message_zh()));
                }
            }
        }
        problems
    }
}

/// A problem to show the user: which row, which column (by English key), what.
///
/// The reader's cell problems become these through [`Table::problems`]; the
/// caller adds its own (the domain's rules, duplicates against the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number the user sees.
    pub line: usize,
    /// English key of the column, or `None` for a problem with the whole row.
    pub column: Option<String>,
    /// What is wrong, ready to show (normally Chinese).
    pub message: String,
}

impl RowProblem {
    /// A problem with one cell.
    pub fn cell(line: usize, column: &str, message: impl Into<String>) -> Self {
        Self {
            line,
            column: Some(column.to_owned()),
            message: message.into(),
        }
    }

    /// A problem with the whole row.
    pub fn row(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            column: None,
            message: message.into(),
        }
    }
}

/// Limits the reader enforces before and while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most data rows accepted (default 200,000).
    pub max_rows: usize,
    /// Most bytes the xlsx package may declare uncompressed, summed over its
    /// entries, and most bytes of a CSV file (default 200 MiB).
    pub max_uncompressed_bytes: u64,
    /// Most entries in the xlsx package (default 10,000).
    pub max_entries: usize,
    /// Most characters in one cell (default 32,767, Excel's own limit).
    pub max_cell_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_rows: 200_000,
            max_uncompressed_bytes: 200 * 1024 * 1024,
            max_entries: 10_000,
            max_cell_chars: 32_767,
        }
    }
}
