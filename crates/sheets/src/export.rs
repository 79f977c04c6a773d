//! Exports: rows of strings as `.xlsx` (the template's layout, so an export
//! can be edited and imported again) or as CSV (UTF-8 with a byte-order mark,
//! CRLF line ends, which Excel opens correctly).
//!
//! Formula injection (ASVS 1.2.10): in `.xlsx` every value is a string cell,
//! which Excel does not evaluate, and one that starts with a formula
//! character also gets the quote-prefix style so editing it keeps it text;
//! the text itself is unchanged. In CSV such a value is written with a
//! leading `'`, which the reader removes again.

use rust_xlsxwriter::Workbook;

use crate::book::{HeaderParts, Styles, col_num, row_num, write_header, write_text};
use crate::error::WriteError;
use crate::spec::SheetSpec;

/// Characters that make a spreadsheet treat a cell as a formula when it
/// starts with one (OWASP CSV injection list, plus NUL).
pub const FORMULA_TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\0'];

/// The rows as an `.xlsx` workbook: header row, hidden key row, then one
/// row per item, every cell a string, in the spec's column order.
///
/// Each row should hold one string per column; extra strings are written in
/// further columns without a header. Fails only for a string over Excel's
/// 32,767 characters or more than 1,048,574 rows.
pub fn export_xlsx<I>(spec: &SheetSpec, rows: I) -> Result<Vec<u8>, WriteError>
where
    I: IntoIterator,
    I::Item: IntoIterator,
    <I::Item as IntoIterator>::Item: AsRef<str>,
{
    let mut workbook = Workbook::new();
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(spec.name)?;
    write_header(
        sheet,
        spec,
        &styles,
        0,
        HeaderParts {
            key_row: true,
            notes: false,
        },
    )?;
    for (index, row) in rows.into_iter().enumerate() {
        let line = row_num(index + 2)?;
        for (col, value) in row.into_iter().enumerate() {
            let value = value.as_ref();
            if value.is_empty() {
                continue;
            }
            let format = styles.cell(spec.columns.get(col), value);
            write_text(sheet, line, col_num(col)?, value, format)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// Several tables as one `.xlsx` workbook, one sheet per spec (named after
/// it, laid out as [`export_xlsx`] lays out its one sheet), in the order given.
/// Each sheet reads back with [`crate::read`] and that sheet's spec.
pub fn export_xlsx_book(sheets: &[(&SheetSpec, Vec<Vec<String>>)]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let styles = Styles::new();
    for (spec, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(spec.name)?;
        write_header(
            sheet,
            spec,
            &styles,
            0,
            HeaderParts {
                key_row: true,
                notes: false,
            },
        )?;
        for (index, row) in rows.iter().enumerate() {
            let line = row_num(index + 2)?;
            for (col, value) in row.iter().enumerate() {
                if value.is_empty() {
                    continue;
                }
                let format = styles.cell(spec.columns.get(col), value);
                write_text(sheet, line, col_num(col)?, value, format)?;
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// A list as shown on a page, as an `.xlsx` workbook: one sheet named
/// `sheet` (cut to Excel's 31 characters), a bold frozen header row in the
/// reader's language, then the rows, every cell a string (formula-safe as in
/// [`export_xlsx`]). Lists are not import sheets, so there is no key row.
pub fn export_table_xlsx(
    sheet_name: &str,
    headers: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let styles = Styles::new();
    let sheet = workbook.add_worksheet();
    let name: String = sheet_name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if !name.is_empty() {
        sheet.set_name(&name)?;
    }
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col)?, *header, &styles.header)?;
        sheet.set_column_width(col_num(col)?, 16)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (index, row) in rows.iter().enumerate() {
        let line = row_num(index + 1)?;
        for (col, value) in row.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            write_text(sheet, line, col_num(col)?, value, styles.cell(None, value))?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// A list as shown on a page, as CSV (as [`export_csv`], headers given).
pub fn export_table_csv(headers: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    write_csv_line(&mut out, headers.iter());
    for row in rows {
        write_csv_line(&mut out, row);
    }
    out
}

/// The rows as CSV: UTF-8 with a byte-order mark, the Chinese headers on the
/// first line, CRLF line ends, fields quoted when they hold `,`, `"` or a
/// line break, and a `'` before values starting with a formula character.
pub fn export_csv<I>(spec: &SheetSpec, rows: I) -> Vec<u8>
where
    I: IntoIterator,
    I::Item: IntoIterator,
    <I::Item as IntoIterator>::Item: AsRef<str>,
{
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    write_csv_line(&mut out, spec.columns.iter().map(|column| column.header));
    for row in rows {
        write_csv_line(&mut out, row);
    }
    out
}

fn write_csv_line<S: AsRef<str>>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = S>) {
    for (index, field) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_csv_field(out, field.as_ref());
    }
    out.extend_from_slice(b"\r\n");
}

fn write_csv_field(out: &mut Vec<u8>, field: &str) {
    let guard = field.starts_with(FORMULA_TRIGGERS);
    let quote = field.contains([',', '"', '\r', '\n']);
    if quote {
        out.push(b'"');
    }
    if guard {
        out.push(b'\'');
    }
    if quote {
        out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{ColumnKind, ColumnSpec};

    const SPEC: SheetSpec = SheetSpec {
        name: "名单",
        columns: &[
            ColumnSpec::new("name", "姓名", ColumnKind::Text),
            ColumnSpec::new("note", "备注", ColumnKind::Text),
        ],
    };

    #[test]
    fn a_book_holds_one_sheet_per_spec_and_each_reads_back_by_its_name() {
        const OTHER: SheetSpec = SheetSpec {
            name: "岗位",
            columns: &[ColumnSpec::new("post", "岗位", ColumnKind::Text)],
        };
        let book = export_xlsx_book(&[
            (&SPEC, vec![vec!["张三".into(), "无".into()]]),
            (&OTHER, vec![vec!["=SUM(A1)".into()], vec!["贴片".into()]]),
        ])
        .expect("book");

        let first = crate::read(&book, "book.xlsx", &SPEC).expect("first sheet");
        let second = crate::read(&book, "book.xlsx", &OTHER).expect("second sheet");
        assert_eq!(first.rows.len(), 1);
        assert_eq!(second.rows.len(), 2);
        assert_eq!(
            second.rows[0].cells[0],
            Ok(crate::Value::Text("=SUM(A1)".into())),
            "formula text stays text"
        );
    }

    #[test]
    fn a_shown_table_exports_with_its_headers_and_reads_back() {
        let rows = vec![vec!["贴片工".to_string(), "=1+1".to_string()]];
        let book = export_table_xlsx("人才需求", &["岗位", "备注"], rows.clone()).expect("book");
        let read = crate::read(&book, "list.xlsx", &SPEC_SHOWN).expect("reads back");
        assert_eq!(read.rows.len(), 1);
        assert_eq!(
            read.rows[0].cells[0],
            Ok(crate::Value::Text("贴片工".into()))
        );
        assert_eq!(read.rows[0].cells[1], Ok(crate::Value::Text("=1+1".into())));
        let csv = String::from_utf8(export_table_csv(&["岗位", "备注"], rows)).expect("utf-8");
        assert_eq!(csv, "\u{FEFF}岗位,备注\r\n贴片工,'=1+1\r\n");
    }

    const SPEC_SHOWN: SheetSpec = SheetSpec {
        name: "人才需求",
        columns: &[
            ColumnSpec::new("post", "岗位", ColumnKind::Text),
            ColumnSpec::new("note", "备注", ColumnKind::Text),
        ],
    };

    #[test]
    fn csv_starts_with_a_bom_and_the_chinese_headers() {
        let csv = export_csv(&SPEC, [["张三", "无"]]);

        assert_eq!(csv, "\u{FEFF}姓名,备注\r\n张三,无\r\n".as_bytes());
    }

    #[test]
    fn csv_quotes_separators_and_guards_formula_starts() {
        let csv = export_csv(&SPEC, [["=1+1", "a,\"b\"\nc"], ["-5", "@x"]]);

        let text = String::from_utf8(csv).expect("utf-8");
        assert!(text.contains("'=1+1,\"a,\"\"b\"\"\nc\"\r\n"), "{text}");
        assert!(text.ends_with("'-5,'@x\r\n"), "{text}");
    }
}
