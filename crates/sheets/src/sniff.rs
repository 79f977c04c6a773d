//! Which kind of file an upload is, from its name and its first bytes, and
//! the zip-bomb guard that checks an xlsx package's central directory before
//! a single byte is inflated.
//!
//! The extension must agree with the content (ASVS 5.2.2): `.xlsx` must be a
//! zip holding `[Content_Types].xml` and `xl/workbook.xml`; `.csv` must not be
//! a zip or an OLE compound file. The zip crate stops an entry that inflates
//! past its declared size, so capping the declared sizes caps the real ones.

use std::io::Cursor;

use crate::error::FileError;
use crate::table::Limits;

/// The two formats the reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Xlsx,
    Csv,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0";

/// Decides the format from the name's extension and the content, or refuses.
pub(crate) fn sniff(bytes: &[u8], file_name: &str) -> Result<Format, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    let extension = extension(file_name);
    match extension.as_str() {
        "xlsx" => {
            if bytes.starts_with(ZIP_MAGIC) {
                Ok(Format::Xlsx)
            } else if bytes.starts_with(OLE_MAGIC) {
                Err(FileError::LegacyXls)
            } else {
                Err(FileError::NotXlsx)
            }
        }
        "csv" => {
            if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC) {
                Err(FileError::NotCsv)
            } else {
                Ok(Format::Csv)
            }
        }
        "xls" | "et" => Err(FileError::LegacyXls),
        _ => Err(FileError::UnsupportedExtension { extension }),
    }
}

/// The lower-cased extension of a file name, without the dot.
fn extension(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((_, extension)) => extension.trim().to_ascii_lowercase(),
        None => String::new(),
    }
}

/// Checks an xlsx package's central directory: entry count, declared total
/// size, duplicate names, the two parts every workbook has. Nothing is
/// inflated here.
pub(crate) fn guard_package(bytes: &[u8], limits: &Limits) -> Result<(), FileError> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| FileError::Corrupt {
        detail: format!("zip: {error}"),
    })?;
    let entries = archive.len();
    if entries > limits.max_entries {
        return Err(FileError::TooManyEntries {
            limit: limits.max_entries,
        });
    }
    if archive.has_duplicate_names() {
        return Err(FileError::Corrupt {
            detail: "zip has duplicate entry names".to_owned(),
        });
    }
    let mut total: u64 = 0;
    let mut has_content_types = false;
    let mut has_workbook = false;
    for index in 0..entries {
        let entry = archive
            .by_index_data(index)
            .map_err(|error| FileError::Corrupt {
                detail: format!("zip entry {index}: {error}"),
            })?;
        total = total.saturating_add(entry.size());
        if total > limits.max_uncompressed_bytes {
            return Err(FileError::TooLarge {
                limit_bytes: limits.max_uncompressed_bytes,
            });
        }
        match entry.name_raw() {
            b"[Content_Types].xml" => has_content_types = true,
            b"xl/workbook.xml" => has_workbook = true,
            _ => {}
        }
    }
    if !has_content_types || !has_workbook {
        return Err(FileError::NotXlsx);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_page_named_xlsx_is_not_an_xlsx() {
        let result = sniff(
            b"<html><table><tr><td>1</td></tr></table></html>",
            "名单.xlsx",
        );

        assert_eq!(result, Err(FileError::NotXlsx));
    }

    #[test]
    fn an_ole_file_is_legacy_whatever_its_name() {
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";

        assert_eq!(sniff(ole, "a.xls"), Err(FileError::LegacyXls));
        assert_eq!(sniff(ole, "a.XLSX"), Err(FileError::LegacyXls));
        assert_eq!(sniff(ole, "a.csv"), Err(FileError::NotCsv));
    }

    #[test]
    fn extensions_are_matched_without_case_or_path() {
        assert_eq!(sniff(b"a,b\n", "C:\\x\\名单.CSV"), Ok(Format::Csv));
        assert_eq!(
            sniff(b"a,b\n", "名单.txt"),
            Err(FileError::UnsupportedExtension {
                extension: "txt".to_owned()
            })
        );
        assert_eq!(
            sniff(b"a,b\n", "noextension"),
            Err(FileError::UnsupportedExtension {
                extension: String::new()
            })
        );
    }

    #[test]
    fn an_empty_file_is_empty_before_anything_else() {
        assert_eq!(sniff(b"", "a.docx"), Err(FileError::Empty));
    }
}
