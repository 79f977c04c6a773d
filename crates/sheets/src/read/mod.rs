//! Reading an uploaded `.xlsx` or `.csv` into a [`Table`].
//!
//! Both formats feed rows of raw cells to one [`Assembler`], which finds the
//! header among the first rows, skips the hidden key row, blank rows and the
//! untouched example row, enforces the row cap and reads each cell for its
//! column. File-level problems stop the read ([`FileError`]); cell-level
//! problems are kept in the table so that every bad cell can be reported at
//! once.

mod cell;
mod csv;
pub(crate) mod header;
mod xlsx;

use std::mem;

pub(crate) use cell::RawCell;

use crate::error::FileError;
use crate::sniff::{Format, guard_package, sniff};
use crate::spec::SheetSpec;
use crate::table::{Limits, Row, Table, Value};
use header::{Layout, Slot, column_letters, is_key_row, matches};

/// Reads an uploaded file with the default [`Limits`].
///
/// `file_name` is the name the user uploaded; only its extension is used,
/// and it must agree with the content.
pub fn read(bytes: &[u8], file_name: &str, spec: &SheetSpec) -> Result<Table, FileError> {
    read_with(bytes, file_name, spec, &Limits::default())
}

/// Reads an uploaded file with the given limits. Never panics, whatever the bytes.
pub fn read_with(
    bytes: &[u8],
    file_name: &str,
    spec: &SheetSpec,
    limits: &Limits,
) -> Result<Table, FileError> {
    match sniff(bytes, file_name)? {
        Format::Xlsx => {
            guard_package(bytes, limits)?;
            // calamine can panic on some damaged workbooks (an arithmetic
            // overflow on a mangled cell reference); a damaged file is the
            // user's problem to hear about, never a crash.
            std::panic::catch_unwind(|| xlsx::read(bytes, spec, limits)).unwrap_or_else(|_| {
                Err(FileError::Corrupt {
                    detail: "xlsx: the workbook's structure is damaged".to_owned(),
                })
            })
        }
        Format::Csv => csv::read(bytes, spec, limits),
    }
}

/// How many non-blank rows at the top are searched for the header.
const HEADER_SEARCH_ROWS: usize = 10;

/// A row as the formats deliver it: `(0-based column, cell)`, blank cells
/// possibly left out.
type RawRow = Vec<(u32, RawCell)>;

/// Turns rows of raw cells into a [`Table`].
pub(crate) struct Assembler<'a> {
    spec: &'a SheetSpec,
    limits: &'a Limits,
    is_1904: bool,
    /// CSV cells may carry the `'` that our CSV export puts before `=`, `+`, ….
    strip_quote_prefix: bool,
    /// Non-blank rows seen before the header is settled.
    pending: Vec<(usize, RawRow)>,
    layout: Option<Layout>,
    header_line: usize,
    has_key_row: bool,
    seen_data: bool,
    rows: Vec<Row>,
}

impl<'a> Assembler<'a> {
    pub(crate) fn new(
        spec: &'a SheetSpec,
        limits: &'a Limits,
        is_1904: bool,
        strip_quote_prefix: bool,
    ) -> Self {
        Self {
            spec,
            limits,
            is_1904,
            strip_quote_prefix,
            pending: Vec::new(),
            layout: None,
            header_line: 0,
            has_key_row: false,
            seen_data: false,
            rows: Vec::new(),
        }
    }

    /// Takes the next row; `line` is the row number the user sees.
    pub(crate) fn push(&mut self, line: usize, cells: RawRow) -> Result<(), FileError> {
        if cells.iter().all(|(_, cell)| cell.is_blank()) {
            return Ok(());
        }
        if self.layout.is_some() {
            return self.data_row(line, cells);
        }
        self.pending.push((line, cells));
        if self.pending.len() >= HEADER_SEARCH_ROWS {
            self.settle_header()?;
        }
        Ok(())
    }

    /// The table, once every row has been pushed.
    pub(crate) fn finish(mut self) -> Result<Table, FileError> {
        if self.layout.is_none() {
            if self.pending.is_empty() {
                return Err(FileError::Empty);
            }
            self.settle_header()?;
        }
        if self.rows.is_empty() {
            return Err(FileError::NoDataRows);
        }
        Ok(Table {
            columns: self.spec.columns,
            header_line: self.header_line,
            has_key_row: self.has_key_row,
            rows: self.rows,
        })
    }

    /// Picks the header among the pending rows (the one naming most columns,
    /// the first on a tie), then replays the rows under it as data.
    fn settle_header(&mut self) -> Result<(), FileError> {
        let pending = mem::take(&mut self.pending);
        let texts: Vec<Vec<(u32, String)>> = pending
            .iter()
            .map(|(_, cells)| {
                cells
                    .iter()
                    .map(|(column, cell)| (*column, cell.display(self.is_1904)))
                    .collect()
            })
            .collect();
        let mut best: Option<(usize, usize)> = None;
        for (index, text) in texts.iter().enumerate() {
            let count = matches(text, self.spec.columns);
            if count > 0 && best.is_none_or(|(_, most)| count > most) {
                best = Some((index, count));
            }
        }
        let Some((header, _)) = best else {
            return Err(FileError::NoHeader);
        };
        let key_row = texts
            .get(header + 1)
            .filter(|_| pending[header + 1].0 == pending[header].0 + 1)
            .filter(|keys| is_key_row(keys, self.spec.columns));
        self.layout = Some(Layout::new(
            &texts[header],
            key_row.map(Vec::as_slice),
            self.spec,
        )?);
        self.header_line = pending[header].0;
        self.has_key_row = key_row.is_some();
        let first_data = header + 1 + usize::from(self.has_key_row);
        for (line, cells) in pending.into_iter().skip(first_data) {
            self.data_row(line, cells)?;
        }
        Ok(())
    }

    fn data_row(&mut self, line: usize, cells: RawRow) -> Result<(), FileError> {
        let Some(layout) = &self.layout else {
            return Err(FileError::NoHeader);
        };
        let columns = self.spec.columns;
        let mut slotted: Vec<Option<RawCell>> = vec![None; columns.len()];
        for (column, mut cell) in cells {
            match layout.slot(column) {
                Some(Slot::Column(index)) => {
                    if self.strip_quote_prefix {
                        strip_quote_prefix(&mut cell);
                    }
                    slotted[*index] = Some(cell);
                }
                Some(Slot::Ignored) => {}
                None if cell.is_blank() => {}
                None => {
                    return Err(FileError::UnnamedColumn {
                        column: column_letters(column),
                    });
                }
            }
        }
        if !mem::replace(&mut self.seen_data, true) && self.is_example(&slotted, layout) {
            return Ok(());
        }
        if self.rows.len() >= self.limits.max_rows {
            return Err(FileError::TooManyRows {
                limit: self.limits.max_rows,
            });
        }
        let cells = slotted
            .into_iter()
            .zip(columns)
            .map(|(cell, column)| match cell {
                Some(cell) => cell::convert(cell, column, self.limits.max_cell_chars, self.is_1904),
                None if column.required => cell::convert(RawCell::Empty, column, 0, self.is_1904),
                None => Ok(Value::Empty),
            })
            .collect();
        self.rows.push(Row { line, cells });
        Ok(())
    }

    /// Whether the first data row is the template's example, unchanged.
    fn is_example(&self, slotted: &[Option<RawCell>], layout: &Layout) -> bool {
        let mut any = false;
        for ((column, cell), source) in self.spec.columns.iter().zip(slotted).zip(&layout.source) {
            if source.is_none() {
                continue;
            }
            let text = cell
                .as_ref()
                .map(|cell| cell.display(self.is_1904))
                .unwrap_or_default();
            if text != column.example.trim() {
                return false;
            }
            any |= !column.example.is_empty();
        }
        any
    }
}

/// Removes the `'` our CSV export puts before text starting with a formula
/// character, so that export → import gives back the same text.
fn strip_quote_prefix(cell: &mut RawCell) {
    if let RawCell::Text(text) = cell
        && text.starts_with('\'')
        && text[1..].starts_with(crate::export::FORMULA_TRIGGERS)
    {
        text.remove(0);
    }
}
