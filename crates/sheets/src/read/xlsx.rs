//! Streaming the cells of an `.xlsx` worksheet (calamine) into the
//! [`Assembler`], with each cell's formula, in one pass over the sheet XML.
//!
//! The sheet read is the one named like the spec, or else the first visible
//! sheet that is not the instructions sheet. Merged cells at or below the
//! header are refused; calamine lists them in a second, cheaper pass.

use std::io::Cursor;
use std::mem;

use calamine::{DataRef, Reader, SheetVisible, Xlsx};

use super::{Assembler, RawCell};
use crate::error::FileError;
use crate::read::header::column_letters;
use crate::spec::SheetSpec;
use crate::table::{Limits, Table};
use crate::template::{CHOICES_SHEET, NOTES_SHEET};

fn corrupt(error: impl std::fmt::Display) -> FileError {
    FileError::Corrupt {
        detail: format!("xlsx: {error}"),
    }
}

pub(super) fn read(bytes: &[u8], spec: &SheetSpec, limits: &Limits) -> Result<Table, FileError> {
    let mut workbook: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let sheet = choose_sheet(&workbook, spec)?;
    let is_1904 = workbook.has_1904_epoch();
    let mut assembler = Assembler::new(spec, limits, is_1904, false);
    {
        let mut cells = workbook.worksheet_cells_reader(&sheet).map_err(corrupt)?;
        let mut row_cells = Vec::new();
        let mut current_row = None;
        while let Some(record) = cells.next_cell_with_formula_metadata().map_err(corrupt)? {
            let (row, column) = record.pos;
            if current_row != Some(row) {
                if let Some(previous) = current_row {
                    assembler.push(line(previous), mem::take(&mut row_cells))?;
                }
                current_row = Some(row);
            }
            let cell = raw_cell(record.value);
            let cell = match record.formula {
                Some(_) => RawCell::Formula(cell.display(is_1904)),
                None => cell,
            };
            if cell != RawCell::Empty {
                row_cells.push((column, cell));
            }
        }
        if let Some(previous) = current_row {
            assembler.push(line(previous), row_cells)?;
        }
    }
    let table = assembler.finish()?;
    let first_row = table.header_line.saturating_sub(1);
    let merged: Vec<String> = workbook
        .merge_cells_by_sheet_name(&sheet)
        .map_err(corrupt)?
        .iter()
        .filter(|range| range.end.0 as usize >= first_row)
        .map(|range| {
            format!(
                "{}{}:{}{}",
                column_letters(range.start.1),
                line(range.start.0),
                column_letters(range.end.1),
                line(range.end.0)
            )
        })
        .collect();
    if !merged.is_empty() {
        return Err(FileError::MergedCells { ranges: merged });
    }
    Ok(table)
}

/// The 1-based row number of a 0-based row index.
fn line(row: u32) -> usize {
    row as usize + 1
}

/// The sheet named like the spec, else the first visible sheet that is
/// neither the instructions sheet nor the hidden choices sheet.
fn choose_sheet(workbook: &Xlsx<Cursor<&[u8]>>, spec: &SheetSpec) -> Result<String, FileError> {
    let sheets = workbook.sheets_metadata();
    if let Some(sheet) = sheets.iter().find(|sheet| sheet.name.trim() == spec.name) {
        return Ok(sheet.name.clone());
    }
    sheets
        .iter()
        .find(|sheet| {
            sheet.visible == SheetVisible::Visible
                && sheet.name != NOTES_SHEET
                && sheet.name != CHOICES_SHEET
        })
        .or_else(|| sheets.first())
        .map(|sheet| sheet.name.clone())
        .ok_or(FileError::Empty)
}

fn raw_cell(value: DataRef<'_>) -> RawCell {
    match value {
        DataRef::Empty => RawCell::Empty,
        DataRef::String(text) => RawCell::Text(text),
        DataRef::SharedString(text) => RawCell::Text(text.to_owned()),
        DataRef::Int(number) => RawCell::Number(number as f64),
        DataRef::Float(number) => RawCell::Number(number),
        DataRef::Bool(value) => RawCell::Bool(value),
        DataRef::DateTime(value) if value.is_datetime() => RawCell::DateSerial(value.as_f64()),
        DataRef::DateTime(value) => RawCell::Number(value.as_f64()),
        DataRef::DateTimeIso(text) => RawCell::DateIso(text),
        DataRef::DurationIso(text) => RawCell::Text(text),
        DataRef::Error(error) => RawCell::Error(error.to_string()),
    }
}
