//! The downloadable problem report of a refused import.
//!
//! It holds every row of the upload, not only the bad ones, at the same row
//! numbers as the upload (when the upload had no key row, neither does the
//! report), in the spec's column order, with a `问题` column at the end that
//! lists each row's problems. Bad cells are filled red; the header has a
//! filter so the user can show only rows with problems. Because the reader
//! ignores the `问题` column, the user can correct the report and upload it
//! as it is. A second sheet, `问题清单`, lists every problem on its own line.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

use crate::book::{BAD_FILL, HeaderParts, RED, Styles, col_num, row_num, write_header, write_text};
use crate::error::WriteError;
use crate::spec::{PROBLEM_HEADER, PROBLEM_KEY, SheetSpec};
use crate::table::{RowProblem, Table};

/// Name of the report's list sheet.
pub const PROBLEM_LIST_SHEET: &str = "问题清单";

/// The problem report for `table`, as `.xlsx` bytes.
///
/// The table's own cell problems are included automatically; `problems` are
/// the caller's (domain rules, duplicates, …). A problem repeated in both is
/// shown once. A problem whose line is not a row of the table still gets its
/// row in the report.
pub fn error_report(
    spec: &SheetSpec,
    table: &Table,
    problems: &[RowProblem],
) -> Result<Vec<u8>, WriteError> {
    let mut by_line: BTreeMap<usize, Vec<RowProblem>> = BTreeMap::new();
    for problem in table.problems().into_iter().chain(problems.iter().cloned()) {
        let list = by_line.entry(problem.line).or_default();
        if !list.contains(&problem) {
            list.push(problem);
        }
    }

    let mut workbook = Workbook::new();
    let styles = Styles::new();
    // Quote prefix: a corrected value stays text when typed in, which the reader parses.
    let bad = Format::new()
        .set_background_color(Color::RGB(BAD_FILL))
        .set_quote_prefix();
    let bad_text = bad.clone().set_num_format_index(49);
    let problem_format = Format::new()
        .set_font_color(Color::RGB(RED))
        .set_text_wrap();
    let problem_header = Format::new()
        .set_bold()
        .set_font_color(Color::RGB(RED))
        .set_border(FormatBorder::Thin);

    let sheet = workbook.add_worksheet();
    sheet.set_name(spec.name)?;
    let header_row = row_num(table.header_line.max(1) - 1)?;
    // A key row only if the upload had one, so that every row keeps its number.
    write_header(
        sheet,
        spec,
        &styles,
        header_row,
        HeaderParts {
            key_row: table.has_key_row,
            notes: false,
        },
    )?;
    let problem_col = col_num(spec.columns.len())?;
    sheet.write_string_with_format(header_row, problem_col, PROBLEM_HEADER, &problem_header)?;
    if table.has_key_row {
        sheet.write_string_with_format(header_row + 1, problem_col, PROBLEM_KEY, &styles.key)?;
    }
    sheet.set_column_width(problem_col, 60)?;

    let mut written = std::collections::BTreeSet::new();
    for row in &table.rows {
        let line = row_num(row.line - 1)?;
        written.insert(row.line);
        let row_problems = by_line.get(&row.line);
        for (index, (column, cell)) in spec.columns.iter().zip(&row.cells).enumerate() {
            let text = match cell {
                Ok(value) => value.display(column),
                Err(problem) => problem.raw.clone(),
            };
            let is_bad = cell.is_err()
                || row_problems.is_some_and(|list| {
                    list.iter()
                        .any(|problem| problem.column.as_deref() == Some(column.key))
                });
            let format = match (is_bad, column.kind == crate::spec::ColumnKind::IdLike) {
                (true, true) => Some(&bad_text),
                (true, false) => Some(&bad),
                (false, _) => styles.cell(Some(column), &text),
            };
            if text.is_empty() {
                if is_bad {
                    sheet.write_blank(line, col_num(index)?, &bad)?;
                }
            } else {
                write_text(sheet, line, col_num(index)?, &text, format)?;
            }
        }
        if let Some(list) = row_problems {
            sheet.write_string_with_format(
                line,
                problem_col,
                summary(spec, list),
                &problem_format,
            )?;
        }
    }
    // Problems on lines that are not data rows still get a row, below the header.
    let first_data_line = table.header_line + 1 + usize::from(table.has_key_row);
    for (line, list) in &by_line {
        if !written.contains(line) && *line >= first_data_line {
            sheet.write_string_with_format(
                row_num(line - 1)?,
                problem_col,
                summary(spec, list),
                &problem_format,
            )?;
        }
    }
    let last_row = row_num(
        table
            .rows
            .iter()
            .map(|row| row.line)
            .chain(by_line.keys().copied())
            .max()
            .unwrap_or(1),
    )?;
    sheet.autofilter(header_row, 0, last_row.max(header_row + 1), problem_col)?;
    sheet.set_active(true);

    let list = workbook.add_worksheet();
    list.set_name(PROBLEM_LIST_SHEET)?;
    for (col, heading) in ["行号", "列", "问题"].iter().enumerate() {
        list.write_string_with_format(0, col_num(col)?, *heading, &styles.header)?;
    }
    list.set_column_width(1, 16)?;
    list.set_column_width(2, 60)?;
    let mut row = 1;
    for (line, problems) in &by_line {
        for problem in problems {
            list.write_number(row, 0, *line as f64)?;
            list.write_string(row, 1, column_header(spec, problem.column.as_deref()))?;
            write_text(
                list,
                row,
                2,
                &problem.message,
                styles.cell(None, &problem.message),
            )?;
            row += 1;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// `姓名：必填，不能为空；身份证号：校验位错误` for one row.
fn summary(spec: &SheetSpec, problems: &[RowProblem]) -> String {
    problems
        .iter()
        .map(|problem| match problem.column.as_deref() {
            Some(key) => format!("{}：{}", column_header(spec, Some(key)), problem.message),
            None => problem.message.clone(),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The Chinese header of a column key, or the key itself if unknown.
fn column_header(spec: &SheetSpec, key: Option<&str>) -> String {
    match key {
        Some(key) => spec
            .columns
            .iter()
            .find(|column| column.key == key)
            .map_or_else(|| key.to_owned(), |column| column.header.to_owned()),
        None => String::new(),
    }
}
