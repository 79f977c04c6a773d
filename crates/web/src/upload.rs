//! Reading an uploaded roster: CSV (UTF-8, with or without BOM) into rows keyed
//! by column, matching headers by their Chinese name or English key. Numeric
//! cells are not an issue in CSV; `.xlsx` files go through the same rows once
//! the spreadsheet reader is wired in (see docs/sheets.md when present).

use gongjiang_app::imports::Row;
use std::collections::HashMap;

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum FileProblem {
    /// Nothing in it.
    Empty,
    /// Not UTF-8 text (or an Excel file uploaded where CSV is expected).
    NotText,
    /// A required column is missing (its Chinese header).
    MissingColumn(String),
    /// A column nobody asked for.
    UnknownColumn(String),
    /// A spreadsheet in the legacy `.xls` format.
    LegacyXls,
    /// An `.xlsx` file (not yet accepted by this reader).
    Xlsx,
}

impl FileProblem {
    /// The sentence for the user.
    pub fn message(&self, zh: bool) -> String {
        match (self, zh) {
            (FileProblem::Empty, true) => "文件为空或没有数据行。".into(),
            (FileProblem::Empty, false) => "The file is empty or has no data rows.".into(),
            (FileProblem::NotText, true) => "无法读取：请上传 UTF-8 编码的 CSV 文件。".into(),
            (FileProblem::NotText, false) => {
                "Cannot read the file: upload a UTF-8 CSV file.".into()
            }
            (FileProblem::MissingColumn(c), true) => format!("缺少必填列“{c}”。"),
            (FileProblem::MissingColumn(c), false) => {
                format!("The required column \"{c}\" is missing.")
            }
            (FileProblem::UnknownColumn(c), true) => {
                format!("无法识别的列“{c}”，请使用下载的模板。")
            }
            (FileProblem::UnknownColumn(c), false) => {
                format!("Unknown column \"{c}\"; please use the template.")
            }
            (FileProblem::LegacyXls, true) => "请另存为 .xlsx 或 CSV 格式后上传。".into(),
            (FileProblem::LegacyXls, false) => {
                "Please save the file as .xlsx or CSV and upload it again.".into()
            }
            (FileProblem::Xlsx, true) => {
                "暂时只接受 CSV 文件：请在 Excel 中另存为“CSV UTF-8”后上传。".into()
            }
            (FileProblem::Xlsx, false) => {
                "Only CSV is accepted for now: save as \"CSV UTF-8\" in Excel and upload again."
                    .into()
            }
        }
    }
}

/// Splits CSV text into records, honouring quotes (`""` inside quotes is a quote).
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (other, _) => field.push(other),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records.retain(|r| r.iter().any(|f| !f.trim().is_empty()));
    records
}

/// Reads an uploaded file into rows for `columns` (key, Chinese header, required).
pub fn read_rows(bytes: &[u8], columns: &[(&str, &str, bool)]) -> Result<Vec<Row>, FileProblem> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileProblem::LegacyXls);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(FileProblem::Xlsx);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotText)?;
    let text = text.trim_start_matches('\u{feff}');
    let records = csv_records(text);
    let Some((header, data)) = records.split_first() else {
        return Err(FileProblem::Empty);
    };
    let mut positions: Vec<Option<&str>> = Vec::with_capacity(header.len());
    for h in header {
        let h = h.trim();
        match columns.iter().find(|(key, zh, _)| *key == h || *zh == h) {
            Some((key, _, _)) => positions.push(Some(key)),
            None if h.is_empty() => positions.push(None),
            None => return Err(FileProblem::UnknownColumn(h.to_string())),
        }
    }
    for (key, zh, required) in columns {
        if *required && !positions.contains(&Some(key)) {
            return Err(FileProblem::MissingColumn(zh.to_string()));
        }
    }
    if data.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(data
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let mut cells = HashMap::new();
            for (pos, value) in record.iter().enumerate() {
                if let Some(Some(key)) = positions.get(pos) {
                    cells.insert(key.to_string(), value.trim().to_string());
                }
            }
            Row { line: i + 2, cells }
        })
        .collect())
}

/// The CSV template for `columns`: the header row and one example row.
pub fn template(columns: &[(&str, &str, bool)], example: &[&str]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(
        &columns
            .iter()
            .map(|(_, zh, _)| *zh)
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    out.push_str(&example.join(","));
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: &[(&str, &str, bool)] = &[
        ("name", "姓名", true),
        ("id_number", "身份证号", true),
        ("phone", "手机号", false),
    ];

    #[test]
    fn quoted_fields_with_commas_quotes_and_newlines_survive() {
        let r = csv_records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",z,\n");
        assert_eq!(
            r,
            vec![vec!["a", "b,c", "say \"hi\""], vec!["x\ny", "z", ""]]
        );
    }

    #[test]
    fn headers_match_by_chinese_name_or_key_and_rows_keep_their_spreadsheet_line() {
        let rows = read_rows(
            "\u{feff}姓名,id_number\r\n张三,42010220060315001X\r\n\r\n李四,x\r\n".as_bytes(),
            COLS,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].cells["id_number"], "42010220060315001X");
        assert_eq!(rows[1].cells["name"], "李四");
    }

    #[test]
    fn missing_and_unknown_columns_and_wrong_formats_are_named() {
        let problem = |bytes: &[u8]| read_rows(bytes, COLS).err();
        assert_eq!(
            problem("姓名\n张三\n".as_bytes()),
            Some(FileProblem::MissingColumn("身份证号".into()))
        );
        assert_eq!(
            problem("姓名,身份证号,宗教\n张三,1,x\n".as_bytes()),
            Some(FileProblem::UnknownColumn("宗教".into()))
        );
        assert_eq!(problem(b""), Some(FileProblem::Empty));
        assert_eq!(
            problem(&[0xD0, 0xCF, 0x11, 0xE0, 1, 2]),
            Some(FileProblem::LegacyXls)
        );
        assert_eq!(problem(&[0xff, 0xfe, 0x00]), Some(FileProblem::NotText));
    }
}
