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
