//! The look shared by every workbook this crate writes (template, error
//! report, export): the bold frozen Chinese header row, the hidden row of
//! English keys under it, text format on identifier columns, column widths.
//!
//! Every value is written with `write_string`, which makes a shared-string
//! cell: Excel shows it as text and never evaluates it, whatever it starts
//! with. Cells that start like a formula also get Excel's quote prefix, so
//! that editing one in Excel (F2, Enter) keeps it text.

use rust_xlsxwriter::{ColNum, Color, Format, FormatBorder, Note, RowNum, Worksheet, XlsxError};

use crate::export::FORMULA_TRIGGERS;
use crate::spec::{ColumnKind, ColumnSpec, SheetSpec};

/// Light grey behind headers.
const HEADER_FILL: u32 = 0xF2_F2_F2;
/// Red for required headers and bad cells.
pub(crate) const RED: u32 = 0xC0_00_00;
/// Pale red behind bad cells.
pub(crate) const BAD_FILL: u32 = 0xFF_C7_CE;

/// The formats a sheet needs, made once.
pub(crate) struct Styles {
    pub(crate) header: Format,
    pub(crate) header_required: Format,
    pub(crate) key: Format,
    pub(crate) text: Format,
    pub(crate) date: Format,
    pub(crate) quoted: Format,
    pub(crate) quoted_text: Format,
}

impl Styles {
    pub(crate) fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(HEADER_FILL))
            .set_border(FormatBorder::Thin);
        Self {
            header_required: header.clone().set_font_color(Color::RGB(RED)),
            header,
            key: Format::new().set_font_color(Color::Gray).set_italic(),
            text: Format::new().set_num_format_index(49),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            quoted: Format::new().set_quote_prefix(),
            quoted_text: Format::new().set_num_format_index(49).set_quote_prefix(),
        }
    }

    /// The column-wide format: text for identifiers, ISO dates for dates.
    pub(crate) fn column(&self, column: &ColumnSpec) -> Option<&Format> {
        match column.kind {
            ColumnKind::IdLike => Some(&self.text),
            ColumnKind::Date => Some(&self.date),
            _ => None,
        }
    }

    /// The format one string cell of this column needs beyond its column's
    /// format: the quote prefix (kept text on the column's format) when the
    /// value starts like a formula, else none, so the column format applies
    /// (text for identifiers) and no per-cell lookup is paid.
    pub(crate) fn cell(&self, column: Option<&ColumnSpec>, value: &str) -> Option<&Format> {
        if !value.starts_with(FORMULA_TRIGGERS) {
            return None;
        }
        let id_like = column.is_some_and(|column| column.kind == ColumnKind::IdLike);
        Some(if id_like {
            &self.quoted_text
        } else {
            &self.quoted
        })
    }
}

/// Writes a string cell, with a format only when one is given.
pub(crate) fn write_text(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    text: &str,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    match format {
        Some(format) => sheet.write_string_with_format(row, col, text, format)?,
        None => sheet.write_string(row, col, text)?,
    };
    Ok(())
}

/// What [`write_header`] writes besides the Chinese headers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeaderParts {
    /// The hidden row of English keys under the header.
    pub(crate) key_row: bool,
    /// A note on each header saying how to fill the column.
    pub(crate) notes: bool,
}

/// Writes the header row at `row` and, if asked, the hidden key row under
/// it; sets column formats and widths, and freezes the panes under them.
pub(crate) fn write_header(
    sheet: &mut Worksheet,
    spec: &SheetSpec,
    styles: &Styles,
    row: RowNum,
    parts: HeaderParts,
) -> Result<(), XlsxError> {
    for (index, column) in spec.columns.iter().enumerate() {
        let col = col_num(index)?;
        let format = if column.required {
            &styles.header_required
        } else {
            &styles.header
        };
        sheet.write_string_with_format(row, col, column.header, format)?;
        if parts.key_row {
            sheet.write_string_with_format(row + 1, col, column.key, &styles.key)?;
        }
        if let Some(format) = styles.column(column) {
            sheet.set_column_format(col, format)?;
        }
        sheet.set_column_width(col, width_of(column))?;
        if parts.notes {
            let note = Note::new(header_note(column))
                .set_author("工匠")
                .add_author_prefix(false);
            sheet.insert_note(row, col, &note)?;
        }
    }
    if parts.key_row {
        sheet.set_row_hidden(row + 1)?;
    }
    sheet.set_freeze_panes(row + 1 + RowNum::from(parts.key_row), 0)?;
    Ok(())
}

/// The text of a header's note: required or not, the format, the note.
pub(crate) fn header_note(column: &ColumnSpec) -> String {
    let mut note = format!(
        "{}。{}",
        if column.required { "必填" } else { "选填" },
        column.kind.format_zh()
    );
    if !column.note.is_empty() {
        note.push('。');
        note.push_str(column.note);
    }
    note
}

/// A column index as the writer's type (Excel has 16,384 columns).
pub(crate) fn col_num(index: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// A row index as the writer's type.
pub(crate) fn row_num(index: usize) -> Result<RowNum, XlsxError> {
    RowNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// A width that fits the header and the example: CJK characters count double.
fn width_of(column: &ColumnSpec) -> f64 {
    let widest = display_width(column.header).max(display_width(column.example));
    (widest as f64 + 4.0).clamp(10.0, 40.0)
}

/// Display width in Excel character units, counting wide characters as two.
pub(crate) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}
