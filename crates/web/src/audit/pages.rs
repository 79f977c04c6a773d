//! The audit log's page: entries filtered by actor, action, object and time, with what changed.

use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render};
use crate::lists::{Cell, PageAsk, Pager, Table, download, href};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use gongjiang_app::{Error, audit};
use gongjiang_domain::Timestamp;

#[derive(Template)]
#[template(path = "audit/audit.html")]
struct AuditPage {
    l: Layout,
    table: Table,
    pager: Pager,
    action: String,
    login: String,
}

/// Audit log query.
#[derive(serde::Deserialize, Default)]
pub struct AuditQuery {
    /// Action prefix.
    #[serde(default)]
    pub action: String,
    /// Actor login.
    #[serde(default)]
    pub login: String,
    /// Object type.
    #[serde(default)]
    pub object_type: String,
    /// Object id.
    #[serde(default)]
    pub object_id: String,
    /// From this day (`YYYY-MM-DD`, China time).
    #[serde(default)]
    pub since: String,
    /// Page.
    pub page: Option<i64>,
    /// Page size.
    pub per_page: Option<i64>,
}

impl AuditQuery {
    /// The store filter.
    pub fn filter(&self) -> Result<gongjiang_app::audit::Filter, Error> {
        let since = if self.since.trim().is_empty() {
            None
        } else {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            let date = time::Date::parse(self.since.trim(), &format)
                .map_err(|_| Error::field("since", gongjiang_domain::Problem::InvalidDate))?;
            let midnight = date.midnight().assume_offset(time::macros::offset!(+8));
            Some(Timestamp(
                i64::try_from(midnight.unix_timestamp_nanos() / 1_000_000).unwrap_or(0),
            ))
        };
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        Ok(gongjiang_app::audit::Filter {
            org_id: None,
            object_type: opt(&self.object_type),
            object_id: opt(&self.object_id),
            action_prefix: opt(&self.action),
            actor_login: opt(&self.login),
            since,
            until: None,
        })
    }
    /// The filters as query parameters (for the pager and the export links).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("action", self.action.clone()),
            ("login", self.login.clone()),
            ("object_type", self.object_type.clone()),
            ("object_id", self.object_id.clone()),
            ("since", self.since.clone()),
        ]
    }
}

/// The log's columns, in the reader's language (the page and its exports).
fn audit_table(lang: Lang) -> Table {
    Table::new(
        lang,
        &[
            "audit.seq",
            "audit.at",
            "audit.actor",
            "audit.action",
            "audit.object",
            "audit.change",
        ],
    )
}

/// One entry as a row of [`audit_table`], in words (a macro: the entry's
/// type is the store's, not named here).
macro_rules! audit_row {
    ($lang:expr, $e:expr) => {{
        let lang = $lang;
        let e = $e;
        let object = format!(
            "{} {}",
            i18n::choice(lang, "audit_object", &e.entry.object_type),
            short_ids(&e.entry.object_id)
        );
        vec![
            Cell::text(e.seq.to_string()),
            Cell::text(e.entry.at.display_cst()),
            Cell::text(format!(
                "{} ({})",
                e.entry.actor_login,
                i18n::choice(lang, "role", &e.entry.actor_role)
            )),
            Cell::text(i18n::choice(lang, "audit_action", &e.entry.action)),
            // The object's full id is in its link: the log of that object.
            Cell::link(
                object,
                href(
                    "/admin/audit",
                    &[
                        ("object_type", e.entry.object_type.clone()),
                        ("object_id", e.entry.object_id.clone()),
                    ],
                ),
            ),
            Cell::text(changed_fields(
                lang,
                &e.entry.object_type,
                &e.entry.before,
                &e.entry.after,
            )),
        ]
    }};
}

/// `GET /admin/audit`: the entries under the filters, a page at a time.
pub async fn audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let filter = q.filter()?;
    let ask = PageAsk::new(q.page, q.per_page, audit::MAX_PAGE);
    let (entries, total) =
        audit::browse(&state.app, &ctx.actor, filter, ask.page, ask.per_page).await?;
    let mut table = audit_table(lang);
    for e in &entries {
        table.push(audit_row!(lang, e));
    }
    render(
        lang,
        &AuditPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            table,
            pager: Pager::new(lang, "/admin/audit", &q.params(), ask, total),
            action: q.action.clone(),
            login: q.login.clone(),
        },
    )
}

/// `GET /admin/audit.csv` and `.xlsx`: every entry under the page's filters, as CSV or a workbook (by the path's ending).
pub async fn audit_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    audit_download(&state, &ctx, &q, format.is_xlsx()).await
}

async fn audit_download(
    state: &AppState,
    ctx: &Ctx,
    q: &AuditQuery,
    xlsx: bool,
) -> Result<Response, PageError> {
    // Every page under the filter, none left out.
    let lang = ctx.lang;
    let mut table = audit_table(lang);
    let mut page = 1;
    loop {
        let (entries, total) =
            audit::browse(&state.app, &ctx.actor, q.filter()?, page, audit::MAX_PAGE).await?;
        let done = entries.is_empty();
        for e in &entries {
            table.push(audit_row!(lang, e));
        }
        if done || i64::try_from(table.rows.len()).unwrap_or(i64::MAX) >= total {
            break;
        }
        page += 1;
    }
    download(lang, i18n::tr(lang, "audit.title"), &table, xlsx)
}

/// The groups whose words show a changed field's stored value, by object and
/// field (the first group with a word for the value wins).
fn value_groups(object_type: &str, key: &str) -> &'static [&'static str] {
    match (object_type, key) {
        (_, "role") => &["role"],
        (_, "tier") => &["tier"],
        (_, "gender") => &["gender"],
        (_, "level" | "levels" | "min_level") => &["level"],
        ("trainee", "status") => &["trainee_status"],
        ("internship", "status") => &["internship_status", "log_status"],
        ("internship", "kind") => &["internship_kind"],
        ("internship", "premium_payer") => &["premium_payer"],
        ("internship", "specialty_relation") => &["specialty_relation"],
        ("internship", "hazards") => &["hazard"],
        (_, "place") => &["learning_place"],
        ("membership", "status") => &["membership_status"],
        ("agreement", "status") => &["agreement_status"],
        ("agreement", "kind") => &["agreement_kind"],
        ("demand", "status") => &["demand_status"],
        ("demand", "kind") => &["demand_kind"],
        ("organization", "kind") => &["org_kind"],
        ("round", "status") => &["rounds.status"],
        ("enterprise_item", "status") => &["item_status"],
        ("certificate", "status") => &["certificate_status"],
        _ => &[],
    }
}

/// Every UUID in `text` shortened to its last 8 characters (`…c8d54f18`):
/// ids are time-ordered, so their first characters are alike.
fn short_ids(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let is_uuid = rest.get(..36).is_some_and(|head| {
            head.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            })
        });
        if is_uuid {
            out.push('…');
            out.push_str(&rest[28..36]);
            rest = &rest[36..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// `field: before → after` for each field that changed, fields by their
/// labels and stored values by their words.
fn changed_fields(
    lang: crate::i18n::Lang,
    object_type: &str,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> String {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let Some(a) = after.as_object() else {
        return String::new();
    };
    let mut parts = Vec::new();
    for (k, v) in a {
        let old = b.get(k);
        if old != Some(v) {
            let groups = value_groups(object_type, k);
            let word = |s: &str| {
                groups
                    .iter()
                    .find(|g| i18n::has(&format!("{g}.{s}")))
                    .map_or_else(|| short_ids(s), |g| i18n::choice(lang, g, s))
            };
            let show = |x: Option<&serde_json::Value>| match x {
                Some(serde_json::Value::String(s)) => word(s),
                Some(serde_json::Value::Array(items))
                    if items.iter().all(serde_json::Value::is_string) =>
                {
                    items
                        .iter()
                        .filter_map(|i| i.as_str())
                        .map(word)
                        .collect::<Vec<_>>()
                        .join(i18n::tr(lang, "sep.list"))
                }
                Some(serde_json::Value::Null) | None => "∅".into(),
                Some(other) => short_ids(&other.to_string()),
            };
            let label = if i18n::has(&format!("field.{k}")) {
                i18n::field_label(lang, k)
            } else {
                k.as_str()
            };
            parts.push(format!("{label}: {} → {}", show(old), show(Some(v))));
        }
    }
    parts.join("; ")
}
