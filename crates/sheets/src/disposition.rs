//! `Content-Disposition` for downloads with Chinese file names (RFC 6266,
//! with the RFC 8187/5987 `filename*` parameter), safe to put in a header.

/// `attachment; filename="…"; filename*=UTF-8''…` for a file name such as
/// `学员名单.xlsx`.
///
/// `filename` is an ASCII fallback for old clients: the name's ASCII
/// letters, digits, `-`, `_` and `.` (or `download` when none are left) plus
/// the extension. `filename*` carries the full name percent-encoded. Control
/// characters, path separators and quotes in the name become `_`, so the
/// result never holds CR, LF or an unescaped quote.
///
/// ```
/// use gongjiang_sheets::content_disposition;
///
/// assert_eq!(
///     content_disposition("学员名单.xlsx"),
///     "attachment; filename=\"download.xlsx\"; filename*=UTF-8''%E5%AD%A6%E5%91%98%E5%90%8D%E5%8D%95.xlsx"
/// );
/// ```
pub fn content_disposition(file_name: &str) -> String {
    let cleaned: String = file_name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | '"' | '\u{2028}' | '\u{2029}') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim();
    let cleaned = if cleaned.is_empty() {
        "download"
    } else {
        cleaned
    };
    format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_fallback(cleaned),
        percent_encode(cleaned)
    )
}

fn ascii_fallback(name: &str) -> String {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension))
            if !extension.is_empty() && extension.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, Some(extension))
        }
        _ => (name, None),
    };
    let safe = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let stem: String = stem.chars().filter(safe).collect();
    let stem = stem.trim_matches(['.', '_', '-']);
    let stem = if stem.is_empty() { "download" } else { stem };
    match extension {
        Some(extension) => format!("{stem}.{extension}"),
        None => stem.to_owned(),
    }
}

/// Percent-encodes everything but RFC 8187's `attr-char`.
fn percent_encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_ascii_name_is_kept_in_both_parameters() {
        assert_eq!(
            content_disposition("export-2024.xlsx"),
            "attachment; filename=\"export-2024.xlsx\"; filename*=UTF-8''export-2024.xlsx"
        );
    }

    #[test]
    fn quotes_line_breaks_and_paths_cannot_escape_the_header() {
        let header = content_disposition("a\"b\r\nSet-Cookie: x=1;../../名单.csv");

        assert!(!header.contains(['\r', '\n']));
        assert_eq!(header.matches('"').count(), 2, "{header}");
        assert!(header.starts_with("attachment; filename=\"a_b__Set-Cookiex1.csv\"; filename*=UTF-8''a_b__Set-Cookie%3A%20x%3D1%3B"), "{header}");
    }

    #[test]
    fn an_empty_name_becomes_download() {
        assert_eq!(
            content_disposition("  "),
            "attachment; filename=\"download\"; filename*=UTF-8''download"
        );
    }

    proptest! {
        #[test]
        fn no_name_yields_a_line_break_or_a_stray_quote(name in any::<String>()) {
            let header = content_disposition(&name);

            prop_assert!(!header.contains(['\r', '\n', '\0']));
            prop_assert_eq!(header.matches('"').count(), 2);
            prop_assert!(header.is_ascii());
        }
    }
}
