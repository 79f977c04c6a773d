//! Reading a `.csv` upload: decode, split, feed the [`Assembler`].
//!
//! Encodings: a byte-order mark decides (UTF-8, UTF-16LE/BE, as Excel's
//! "Unicode text" writes); otherwise valid UTF-8 is UTF-8, and anything else
//! is GB18030, a superset of the GBK that Chinese Excel and WPS use for "CSV".
//! The delimiter is a comma, or a tab when the first line has tabs but no
//! commas. Line numbers are the rows Excel would show: a record whose quoted
//! field spans lines still counts as one row.

use std::borrow::Cow;
use std::mem;

use encoding_rs::{Encoding, GB18030};

use super::{Assembler, RawCell};
use crate::error::FileError;
use crate::spec::SheetSpec;
use crate::table::{Limits, Table};

pub(super) fn read(bytes: &[u8], spec: &SheetSpec, limits: &Limits) -> Result<Table, FileError> {
    if bytes.len() as u64 > limits.max_uncompressed_bytes {
        return Err(FileError::TooLarge {
            limit_bytes: limits.max_uncompressed_bytes,
        });
    }
    let text = decode(bytes);
    if text.contains('\0') {
        return Err(FileError::NotCsv);
    }
    let first_line = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut assembler = Assembler::new(spec, limits, false, true);
    for_each_record(&text, delimiter, |line, cells| assembler.push(line, cells))?;
    assembler.finish()
}

/// Splits CSV text into records as Excel does (RFC 4180 quoting, CRLF, LF or
/// CR line ends, text after a closing quote kept) and hands each one to `f`
/// with its row number: records are counted, not text lines, so a quoted
/// cell spanning lines is one row, and a blank line is a row too.
fn for_each_record(
    text: &str,
    delimiter: u8,
    mut f: impl FnMut(usize, Vec<(u32, RawCell)>) -> Result<(), FileError>,
) -> Result<(), FileError> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut line = 1;
    let mut cells = Vec::new();
    let mut column: u32 = 0;
    let mut field = Vec::new();
    while at < bytes.len() {
        // One field.
        field.clear();
        if bytes[at] == b'"' {
            at += 1;
            while at < bytes.len() {
                if bytes[at] == b'"' {
                    if bytes.get(at + 1) == Some(&b'"') {
                        field.push(b'"');
                        at += 2;
                    } else {
                        at += 1;
                        break;
                    }
                } else {
                    field.push(bytes[at]);
                    at += 1;
                }
            }
        }
        let rest = bytes[at..]
            .iter()
            .position(|b| *b == delimiter || *b == b'\n' || *b == b'\r')
            .map_or(bytes.len(), |end| at + end);
        field.extend_from_slice(&bytes[at..rest]);
        at = rest;
        if !field.is_empty() {
            // Split only at ASCII bytes, so the field is whole UTF-8.
            let text = String::from_utf8(mem::take(&mut field))
                .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
            cells.push((column, RawCell::Text(text)));
        }
        // What ends it.
        match bytes.get(at) {
            Some(b) if *b == delimiter => {
                at += 1;
                column = column.saturating_add(1);
                if at == bytes.len() {
                    f(line, mem::take(&mut cells))?;
                }
            }
            Some(b'\r') | Some(b'\n') => {
                at += if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                f(line, mem::take(&mut cells))?;
                line += 1;
                column = 0;
            }
            _ => {
                f(line, mem::take(&mut cells))?;
            }
        }
    }
    Ok(())
}

/// The text of a CSV file, whatever encoding Excel or WPS saved it in.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_length..]).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => GB18030.decode_without_bom_handling(bytes).0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(usize, Vec<(u32, String)>)> {
        let mut out = Vec::new();
        for_each_record(text, b',', |line, cells| {
            let cells = cells
                .into_iter()
                .map(|(column, cell)| match cell {
                    RawCell::Text(text) => (column, text),
                    other => (column, format!("{other:?}")),
                })
                .collect();
            out.push((line, cells));
            Ok(())
        })
        .expect("records");
        out
    }

    fn cell(column: u32, text: &str) -> (u32, String) {
        (column, text.to_owned())
    }

    #[test]
    fn records_are_split_like_excel_does() {
        let got = records("a,\"b,\"\"c\"\"\"\r\n\r\n,\"x\ny\"z\rlast,");

        assert_eq!(
            got,
            vec![
                (1, vec![cell(0, "a"), cell(1, "b,\"c\"")]),
                (2, vec![]),
                (3, vec![cell(1, "x\nyz")]),
                (4, vec![cell(0, "last")]),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        assert_eq!(records("\"abc\ndef"), vec![(1, vec![cell(0, "abc\ndef")])]);
    }

    #[test]
    fn gbk_bytes_are_decoded_as_gb18030() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,身份证号\n张三,1\n");

        assert_eq!(decode(&gbk), "姓名,身份证号\n张三,1\n");
    }

    #[test]
    fn a_utf8_bom_is_dropped_and_utf16_is_decoded() {
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice("姓名".as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("姓名\t".encode_utf16().flat_map(u16::to_le_bytes));

        assert_eq!(decode(&utf8), "姓名");
        assert_eq!(decode(&utf16), "姓名\t");
    }
}
