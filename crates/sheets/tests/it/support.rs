//! Specs and workbook builders shared by the tests. Test helpers may unwrap:
//! a failure here is a broken test, not a case under test.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failure here is a broken test"
)]

use std::io::{Cursor, Read, Write};

use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

pub const GENDERS: &[(&str, &str)] = &[("male", "男"), ("female", "女")];

/// A trainee roster with every kind of column.
pub const TRAINEES: SheetSpec = SheetSpec {
    name: "学员名单",
    columns: &[
        ColumnSpec::new("name", "姓名", ColumnKind::Text)
            .required()
            .example("张三"),
        ColumnSpec::new("id_number", "身份证号", ColumnKind::IdLike)
            .required()
            .example("11010519491231002X")
            .note("18 位居民身份证号码"),
        ColumnSpec::new("phone", "手机号码", ColumnKind::IdLike).example("13800138000"),
        ColumnSpec::new("gender", "性别", ColumnKind::Choice(GENDERS)).example("男"),
        ColumnSpec::new("birth_date", "出生日期", ColumnKind::Date).example("1949-12-31"),
        ColumnSpec::new("enrol_year", "入学年份", ColumnKind::Integer).example("2024"),
        ColumnSpec::new("note", "备注", ColumnKind::Text),
    ],
};

/// Headers of [`TRAINEES`] in spec order.
pub fn headers() -> Vec<&'static str> {
    TRAINEES
        .columns
        .iter()
        .map(|column| column.header)
        .collect()
}

/// An `.xlsx` built by `fill` on a sheet named like [`TRAINEES`].
pub fn xlsx(fill: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError>) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(TRAINEES.name).unwrap();
    fill(sheet).unwrap();
    workbook.save_to_buffer().unwrap()
}

/// Writes strings across a row.
pub fn write_row(sheet: &mut Worksheet, row: u32, cells: &[&str]) -> Result<(), XlsxError> {
    for (col, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, col as u16, *text)?;
        }
    }
    Ok(())
}

/// A workbook with the headers in row 1 and these rows of strings under it.
pub fn simple_xlsx(rows: &[&[&str]]) -> Vec<u8> {
    xlsx(|sheet| {
        write_row(sheet, 0, &headers())?;
        for (index, row) in rows.iter().enumerate() {
            write_row(sheet, index as u32 + 1, row)?;
        }
        Ok(())
    })
}

/// The entries of a zip, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap().into_owned(), data)
        })
        .collect()
}

/// A zip of these entries, deflated.
pub fn zip_entries(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    for (name, data) in entries {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The same workbook with one entry's content replaced.
pub fn replace_entry(bytes: &[u8], name: &str, content: Vec<u8>) -> Vec<u8> {
    let mut entries = unzip(bytes);
    let entry = entries.iter_mut().find(|(entry, _)| entry == name).unwrap();
    entry.1 = content;
    zip_entries(&entries)
}

/// Rewrites the declared uncompressed size of an entry, in its local header
/// and in the central directory, without touching its data.
pub fn declare_size(mut bytes: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
    let name = name.as_bytes();
    let mut patched = 0;
    let mut at = 0;
    while at + 46 <= bytes.len() {
        let signature = &bytes[at..at + 4];
        if signature == b"PK\x03\x04" {
            let name_len = u16::from_le_bytes([bytes[at + 26], bytes[at + 27]]) as usize;
            if bytes.get(at + 30..at + 30 + name_len) == Some(name) {
                bytes[at + 22..at + 26].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        } else if signature == b"PK\x01\x02" {
            let name_len = u16::from_le_bytes([bytes[at + 28], bytes[at + 29]]) as usize;
            if bytes.get(at + 46..at + 46 + name_len) == Some(name) {
                bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
        at += 1;
    }
    assert_eq!(patched, 2, "local header and central directory entry");
    bytes
}
