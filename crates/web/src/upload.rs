//! Reading an uploaded roster (`.xlsx` or CSV, through `gongjiang-sheets`)
//! into the rows the import use cases take, keeping the file layer's own cell
//! problems (a number in an ID column, a formula, a value not in a dropdown)
//! so they are reported with the row and column like any other — in one list
//! with the rules' problems ([`report_lines`]), so a file is fixed in one go.

use crate::i18n::{self, Lang};
use gongjiang_app::imports::{Row, RowProblem};
use gongjiang_sheets::{SheetSpec, Table, Value};
use std::collections::HashMap;

/// A file read into rows.
#[derive(Debug)]
pub struct Upload {
    /// The rows, each cell as text (a dropdown's stored value).
    pub rows: Vec<Row>,
    /// Problems the file layer found: (line, column key, message).
    pub cell_problems: Vec<(usize, String, String)>,
    /// The table, for the downloadable problem report.
    pub table: Table,
}

/// Reads `bytes` against `spec`; a file that cannot be read at all gives the sentence why.
pub fn read_upload(
    bytes: &[u8],
    file_name: &str,
    spec: &'static SheetSpec,
    lang: Lang,
) -> Result<Upload, String> {
    // The sheets crate words its own file and cell problems in both languages.
    let table = gongjiang_sheets::read(bytes, file_name, spec).map_err(|e| match lang {
        Lang::Zh => e.message_zh(),
        Lang::En => e.message_en(),
    })?;
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut cell_problems = Vec::new();
    for row in &table.rows {
        let mut cells = HashMap::new();
        let mut unreadable = Vec::new();
        for (column, cell) in spec.columns.iter().zip(&row.cells) {
            let text = match cell {
                Ok(Value::Choice(stored)) => (*stored).to_string(),
                Ok(value) => value.display(column),
                Err(problem) => {
                    let message = match lang {
                        Lang::Zh => problem.message_zh(),
                        Lang::En => problem.message_en(),
                    };
                    cell_problems.push((row.line, column.key.to_string(), message));
                    unreadable.push(column.key.to_string());
                    String::new()
                }
            };
            cells.insert(column.key.to_string(), text);
        }
        rows.push(Row {
            line: row.line,
            cells,
            unreadable,
        });
    }
    Ok(Upload {
        rows,
        cell_problems,
        table,
    })
}

/// One problem of an import as shown to the user: the row, the column (by
/// key and by its name in the sheet), what kind of problem, and the sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct ReportLine {
    /// The spreadsheet row.
    pub line: usize,
    /// The column's English key.
    pub field: String,
    /// The column as the sheet names it (Chinese header, or English label).
    pub column: String,
    /// `cell` for the file layer's problems, else the rule's problem code.
    pub code: String,
    /// The problem, naming the column.
    pub message: String,
}

/// A column's name in messages: its Chinese header, or its English label.
pub fn column_label(lang: Lang, spec: &SheetSpec, key: &str) -> &'static str {
    match spec.columns.iter().find(|c| c.key == key) {
        Some(c) if lang == Lang::Zh => c.header,
        _ => i18n::field_label(lang, key),
    }
}

/// Every problem of an import in one list, by row and then in the sheet's
/// column order: the file layer's cell problems and the rules' problems.
pub fn report_lines(
    lang: Lang,
    spec: &SheetSpec,
    cell_problems: &[(usize, String, String)],
    rule_problems: &[RowProblem],
) -> Vec<ReportLine> {
    let mut lines: Vec<ReportLine> = cell_problems
        .iter()
        .map(|(line, key, message)| {
            let column = column_label(lang, spec, key);
            ReportLine {
                line: *line,
                field: key.clone(),
                column: column.to_string(),
                code: "cell".into(),
                message: i18n::tr_args(
                    lang,
                    "import.cell_problem",
                    &[("column", column.to_string()), ("message", message.clone())],
                ),
            }
        })
        .collect();
    lines.extend(rule_problems.iter().map(|p| {
        let column = column_label(lang, spec, &p.error.field);
        let code = serde_json::to_value(&p.error.problem)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_string))
            .unwrap_or_else(|| "invalid".into());
        ReportLine {
            line: p.line,
            field: p.error.field.clone(),
            column: column.to_string(),
            code,
            message: i18n::labelled(lang, column, &p.error.problem),
        }
    }));
    let position = |key: &str| {
        spec.columns
            .iter()
            .position(|c| c.key == key)
            .unwrap_or(usize::MAX)
    };
    lines.sort_by_key(|l| (l.line, position(&l.field)));
    lines
}

/// The rules' problems as the problem report's lines (Chinese, like the
/// report's own cell problems), for [`gongjiang_sheets::error_report`].
pub fn report_problems(
    spec: &SheetSpec,
    problems: &[RowProblem],
) -> Vec<gongjiang_sheets::RowProblem> {
    problems
        .iter()
        .map(|p| {
            gongjiang_sheets::RowProblem::cell(
                p.line,
                &p.error.field,
                i18n::labelled(
                    Lang::Zh,
                    column_label(Lang::Zh, spec, &p.error.field),
                    &p.error.problem,
                ),
            )
        })
        .collect()
}

/// A file name for a body sent without one (API uploads): judged by the first bytes.
pub fn name_for(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"PK\x03\x04") {
        "upload.xlsx"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "upload.xls"
    } else {
        "upload.csv"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongjiang_app::imports::TRAINEE_SHEET;

    #[test]
    fn a_csv_roster_becomes_rows_keyed_by_column_with_their_spreadsheet_lines() {
        let csv = "\u{feff}姓名,身份证号,状态,个人信息处理目的\r\n张三,42010220060315001X,在读,学籍管理\r\n";
        let upload = read_upload(csv.as_bytes(), "学员.csv", &TRAINEE_SHEET, Lang::Zh).unwrap();
        assert_eq!(upload.rows.len(), 1);
        assert_eq!(upload.rows[0].line, 2);
        assert_eq!(upload.rows[0].cells["id_number"], "42010220060315001X");
        assert_eq!(
            upload.rows[0].cells["status"], "enrolled",
            "the dropdown's stored value"
        );
        assert!(upload.cell_problems.is_empty());
    }

    #[test]
    fn an_unreadable_file_is_refused_with_a_sentence() {
        assert!(read_upload(b"", "x.csv", &TRAINEE_SHEET, Lang::Zh).is_err());
        let legacy = read_upload(
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "x.xls",
            &TRAINEE_SHEET,
            Lang::Zh,
        )
        .unwrap_err();
        assert!(legacy.contains("xlsx"), "{legacy}");
    }
}
