//! The list kit: one table of cells drives the page's table and its `.xlsx`
//! and CSV export, and one pager pages every list.
//!
//! A list handler builds a [`Table`] from the rows its use case returned
//! (each cell a word, never a stored code) and hands it to the template
//! (`lists/table.html`) and, for an export, to [`download`]; so an export
//! holds exactly the columns and rows the list shows, under the same filter.
//! [`Pager`] keeps the filters in its links (`lists/pager.html`).

use crate::error::PageError;
use crate::i18n::{self, Lang};
use crate::layout::encode;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongjiang_sheets::SheetSpec;

/// Rows a page shows unless the query asks for another number.
pub const PER_PAGE: i64 = 50;

/// The most rows one page of a list shows.
pub const MAX_PAGE: i64 = 200;

/// The page asked for in a list's query (`page`, `per_page`), checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageAsk {
    /// The page, from 1.
    pub page: i64,
    /// Rows per page, 1 to `max`.
    pub per_page: i64,
}

impl PageAsk {
    /// From the query's values: page 1 and [`PER_PAGE`] rows unless asked,
    /// at most `max` rows.
    pub fn new(page: Option<i64>, per_page: Option<i64>, max: i64) -> PageAsk {
        PageAsk {
            page: page.unwrap_or(1).max(1),
            per_page: per_page.unwrap_or(PER_PAGE).clamp(1, max),
        }
    }
}

impl PageAsk {
    /// The rows of this page among `total` (the last page when asked past it).
    pub fn window(self, total: usize) -> std::ops::Range<usize> {
        let total_i = i64::try_from(total).unwrap_or(i64::MAX);
        let pages = ((total_i + self.per_page - 1) / self.per_page).max(1);
        let from = usize::try_from((self.page.min(pages) - 1) * self.per_page).unwrap_or(0);
        let to = from
            .saturating_add(usize::try_from(self.per_page).unwrap_or(1))
            .min(total);
        from.min(total)..to
    }
    /// This page of a list held in memory (the last page when asked past it).
    pub fn page_of<T>(self, items: Vec<T>) -> Vec<T> {
        let w = self.window(items.len());
        items.into_iter().skip(w.start).take(w.len()).collect()
    }
}

/// One cell: what it reads, and where it links to, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text shown and exported.
    pub text: String,
    /// A link (pages only).
    pub href: Option<String>,
}

impl Cell {
    /// A plain cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            href: None,
        }
    }
    /// A cell that links to `href`.
    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            href: Some(href.into()),
        }
    }
}

/// A list's rows under their column headers, in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column headers.
    pub headers: Vec<String>,
    /// The rows, each with one cell per header.
    pub rows: Vec<Vec<Cell>>,
    /// A total row under every page (合计), its first cell the label; the
    /// exports end with it.
    pub total: Option<Vec<Cell>>,
}

impl Table {
    /// A table with the headers named by these interface keys.
    pub fn new(lang: Lang, header_keys: &[&str]) -> Table {
        Table {
            headers: header_keys
                .iter()
                .map(|k| i18n::tr(lang, k).to_string())
                .collect(),
            rows: Vec::new(),
            total: None,
        }
    }
    /// Sets the total row (one cell per header).
    pub fn total(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "one cell per column");
        self.total = Some(row);
    }
    /// Adds a row (one cell per header).
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "one cell per column");
        self.rows.push(row);
    }
}

/// Sends `table` as `{stem}.xlsx` or `{stem}.csv`: the same headers and
/// cells as the page (formula-safe, through `sheets`).
pub fn download(lang: Lang, stem: &str, table: &Table, xlsx: bool) -> Result<Response, PageError> {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .chain(table.total.as_ref())
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect();
    if xlsx {
        let bytes = gongjiang_sheets::export_table_xlsx(stem, &headers, rows)
            .map_err(|e| PageError::internal(lang, &e.to_string()))?;
        return Ok(attachment(&format!("{stem}.xlsx"), XLSX, bytes));
    }
    let bytes = gongjiang_sheets::export_table_csv(&headers, rows);
    Ok(attachment(&format!("{stem}.csv"), CSV, bytes))
}

/// The content type of a workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The content type of a CSV file.
pub const CSV: &str = "text/csv; charset=utf-8";

/// A file download named `file_name` (UTF-8 names kept, RFC 6266).
pub fn attachment(file_name: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                gongjiang_sheets::content_disposition(file_name),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The format of an export, from the ending of the path asked for
/// (`/demands.xlsx`, `/demands.csv`), so one handler serves both routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    xlsx: bool,
}

impl Format {
    /// True for a workbook, false for CSV.
    pub fn is_xlsx(self) -> bool {
        self.xlsx
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Format {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Format {
            xlsx: parts.uri.path().ends_with(".xlsx"),
        })
    }
}

/// A link to `path` with the non-empty `params` as its query.
pub fn href(path: &str, params: &[(&str, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The query keys a list's page and page size travel as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageKeys {
    /// The page (`page`).
    pub page: &'static str,
    /// Rows per page (`per_page`).
    pub per_page: &'static str,
}

impl Default for PageKeys {
    fn default() -> PageKeys {
        PageKeys {
            page: "page",
            per_page: "per_page",
        }
    }
}

/// Where a list is and how to move through it, keeping its filters.
#[derive(Debug, Clone)]
pub struct Pager {
    /// "第 2 / 9 页，共 403 条".
    pub text: String,
    /// The previous page, if any.
    pub prev_href: Option<String>,
    /// The next page, if any.
    pub next_href: Option<String>,
    /// The whole filtered list as a workbook.
    pub xlsx_href: String,
    /// The whole filtered list as CSV.
    pub csv_href: String,
    params: Vec<(&'static str, String)>,
}

impl Pager {
    /// The pager of `path` (whose exports are `{path}.xlsx` and `{path}.csv`)
    /// showing page `ask` of `total` rows, under the filters in `params`.
    pub fn new(
        lang: Lang,
        path: &str,
        params: &[(&'static str, String)],
        ask: PageAsk,
        total: i64,
    ) -> Pager {
        Pager::keyed(lang, path, params, ask, total, PageKeys::default())
    }

    /// The pager of a list whose page and size travel under `keys` (a
    /// second list on a page, so that each pages on its own; `params` then
    /// holds the other list's filters and page, so it stays where it is).
    pub fn keyed(
        lang: Lang,
        path: &str,
        params: &[(&'static str, String)],
        ask: PageAsk,
        total: i64,
        keys: PageKeys,
    ) -> Pager {
        let pages = ((total + ask.per_page - 1) / ask.per_page).max(1);
        let page = ask.page.min(pages);
        let at = |p: i64| {
            let mut all = params.to_vec();
            if p > 1 {
                all.push((keys.page, p.to_string()));
            }
            if ask.per_page != PER_PAGE {
                all.push((keys.per_page, ask.per_page.to_string()));
            }
            href(path, &all)
        };
        Pager {
            text: i18n::tr_args(
                lang,
                "lists.page_of",
                &[
                    ("p", page.to_string()),
                    ("n", pages.to_string()),
                    ("total", total.to_string()),
                ],
            ),
            prev_href: (page > 1).then(|| at(page - 1)),
            next_href: (page < pages).then(|| at(page + 1)),
            xlsx_href: href(&format!("{path}.xlsx"), params),
            csv_href: href(&format!("{path}.csv"), params),
            params: params.to_vec(),
        }
    }

    /// The same pager whose exports are `{base}.xlsx` and `{base}.csv` (for a
    /// list that is one part of a larger page).
    pub fn exports_at(mut self, base: &str) -> Pager {
        self.xlsx_href = href(&format!("{base}.xlsx"), &self.params);
        self.csv_href = href(&format!("{base}.csv"), &self.params);
        self
    }
}

/// Choices of a picker over a set too large for one select (trainees,
/// enterprises): the first [`PICK`] matches of a search, the current choice
/// always among them, and a note when more match than are shown, so every
/// record is reached by searching and none is dropped silently.
pub struct Picker {
    /// The choices shown.
    pub choices: Vec<crate::forms::Choice>,
    /// The search typed.
    pub search: String,
    /// "共 403 人符合，显示前 50 人…" when some matches are not shown.
    pub note: Option<String>,
    /// The page's other searches, kept by this one's search step so that
    /// searching one picker does not undo another's.
    pub keep: Vec<(&'static str, String)>,
}

/// How many matches a picker shows at once.
pub const PICK: i64 = 50;

impl Picker {
    /// A picker with nothing to offer (a form that does not show it).
    pub fn none() -> Picker {
        Picker {
            choices: Vec::new(),
            search: String::new(),
            note: None,
            keep: Vec::new(),
        }
    }
    /// A picker of `choices` (at most [`PICK`]) out of `total` matches of `search`.
    /// A search that finds exactly one match picks it (nothing else was chosen).
    pub fn new(
        lang: Lang,
        search: &str,
        mut choices: Vec<crate::forms::Choice>,
        total: i64,
    ) -> Picker {
        let shown = i64::try_from(choices.len()).unwrap_or(i64::MAX);
        if !search.trim().is_empty()
            && total == 1
            && !choices.iter().any(|c| c.selected)
            && let [only] = choices.as_mut_slice()
        {
            only.selected = true;
        }
        Picker {
            note: (total > shown).then(|| {
                i18n::tr_args(
                    lang,
                    "lists.matches",
                    &[("total", total.to_string()), ("shown", shown.to_string())],
                )
            }),
            choices,
            search: search.to_string(),
            keep: Vec::new(),
        }
    }

    /// The same picker, its search step keeping these other searches
    /// (empty ones are dropped).
    pub fn keeping(mut self, params: &[(&'static str, &str)]) -> Picker {
        self.keep = params
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, v.to_string()))
            .collect();
        self
    }
}

/// An `.xlsx` download with an RFC 5987 name.
pub fn xlsx_download(file_name: &str, bytes: Vec<u8>) -> Response {
    attachment(file_name, XLSX, bytes)
}

/// A table download as `.xlsx` or CSV (UTF-8 with BOM), text cells safe from formula injection.
pub fn table_download(
    lang: Lang,
    spec: &SheetSpec,
    file_stem: &str,
    rows: Vec<Vec<String>>,
    xlsx: bool,
) -> Result<Response, PageError> {
    if xlsx {
        let bytes = gongjiang_sheets::export_xlsx(spec, rows)
            .map_err(|e| PageError::internal(lang, &e.to_string()))?;
        return Ok(xlsx_download(&format!("{file_stem}.xlsx"), bytes));
    }
    let bytes = gongjiang_sheets::export_csv(spec, rows);
    Ok(attachment(&format!("{file_stem}.csv"), CSV, bytes))
}

/// The page `ask` of a list held in memory, with its pager (the list's
/// total and the filters in `params`): what a list page shows.
pub fn paged<T>(
    lang: Lang,
    path: &str,
    params: &[(&'static str, String)],
    ask: PageAsk,
    items: Vec<T>,
) -> (Pager, Vec<T>) {
    paged_as(lang, path, params, ask, items, PageKeys::default())
}

/// [`paged`] for a list whose page travels under `keys` ([`Pager::keyed`]).
pub fn paged_as<T>(
    lang: Lang,
    path: &str,
    params: &[(&'static str, String)],
    ask: PageAsk,
    items: Vec<T>,
    keys: PageKeys,
) -> (Pager, Vec<T>) {
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    (
        Pager::keyed(lang, path, params, ask, total, keys),
        ask.page_of(items),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_window_is_the_page_asked_or_the_last_one() {
        let ask = |page, per_page| super::PageAsk { page, per_page };
        assert_eq!(ask(1, 50).window(120), 0..50);
        assert_eq!(ask(3, 50).window(120), 100..120);
        assert_eq!(
            ask(9, 50).window(120),
            100..120,
            "past the end: the last page"
        );
        assert_eq!(ask(1, 50).window(0), 0..0);
        assert_eq!(ask(2, 50).page_of((0..120).collect::<Vec<_>>()).len(), 50);
    }

    use super::*;

    #[test]
    fn a_pager_keeps_the_filters_and_stops_at_both_ends() {
        let params = [("city", "武汉市".to_string()), ("kind", String::new())];
        let first = Pager::new(
            Lang::En,
            "/demands",
            &params,
            PageAsk::new(None, None, 200),
            120,
        );
        assert_eq!(first.prev_href, None);
        assert_eq!(
            first.next_href.as_deref(),
            Some("/demands?city=%E6%AD%A6%E6%B1%89%E5%B8%82&page=2")
        );
        assert_eq!(first.text, "Page 1 of 3, 120 rows");
        assert_eq!(
            first.xlsx_href,
            "/demands.xlsx?city=%E6%AD%A6%E6%B1%89%E5%B8%82"
        );
        let last = Pager::new(
            Lang::En,
            "/demands",
            &params,
            PageAsk::new(Some(9), None, 200),
            120,
        );
        assert_eq!(last.next_href, None);
        assert_eq!(
            last.prev_href.as_deref(),
            Some("/demands?city=%E6%AD%A6%E6%B1%89%E5%B8%82&page=2")
        );
    }

    #[test]
    fn a_second_list_on_a_page_pages_under_its_own_keys_keeping_the_other_where_it_is() {
        let keys = PageKeys {
            page: "due_page",
            per_page: "due_per_page",
        };
        let params = [("page", "3".to_string())];
        let (pager, shown) = paged_as(
            Lang::Zh,
            "/employment",
            &params,
            PageAsk::new(Some(2), Some(20), MAX_PAGE),
            (1..=45).collect::<Vec<i32>>(),
            keys,
        );
        assert_eq!(shown, (21..=40).collect::<Vec<_>>());
        assert_eq!(
            pager.next_href.as_deref(),
            Some("/employment?page=3&due_page=3&due_per_page=20")
        );
        assert_eq!(
            pager.prev_href.as_deref(),
            Some("/employment?page=3&due_per_page=20"),
            "page 1 is the default"
        );
        assert_eq!(pager.text, "第 2 / 3 页，共 45 条");
    }

    #[test]
    fn a_page_of_a_list_in_memory_stops_at_the_last_page() {
        let ask = PageAsk::new(Some(2), Some(2), MAX_PAGE);
        assert_eq!(ask.page_of(vec![1, 2, 3, 4, 5]), [3, 4]);
        assert_eq!(
            PageAsk::new(Some(9), Some(2), MAX_PAGE).page_of(vec![1, 2, 3]),
            [3]
        );
        assert!(ask.page_of(Vec::<i32>::new()).is_empty());
    }

    #[test]
    fn a_page_size_is_kept_within_its_bounds() {
        assert_eq!(
            PageAsk::new(Some(0), Some(0), 200),
            PageAsk {
                page: 1,
                per_page: 1
            }
        );
        assert_eq!(PageAsk::new(None, Some(5000), 200).per_page, 200);
        let empty = Pager::new(Lang::Zh, "/x", &[], PageAsk::new(None, None, 200), 0);
        assert_eq!(empty.text, "第 1 / 1 页，共 0 条");
        assert!(empty.prev_href.is_none() && empty.next_href.is_none());
    }
}
