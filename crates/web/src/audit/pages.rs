//! The audit log's page: entries filtered by actor, action, object and time, with what changed.

use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::{self};
use crate::layout::{Layout, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use gongjiang_app::{Error, audit};
use gongjiang_domain::Timestamp;

/// An audit line.
pub struct AuditRow {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    object: String,
    /// The object's full id (the page shows it shortened).
    object_id: String,
    change: String,
}

#[derive(Template)]
#[template(path = "audit/audit.html")]
struct AuditPage {
    l: Layout,
    rows: Vec<AuditRow>,
    action: String,
    login: String,
    total_text: String,
    prev_href: Option<String>,
    next_href: Option<String>,
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
}

/// `GET /admin/audit`.
pub async fn audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let filter = q.filter()?;
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, audit::MAX_PAGE);
    let (entries, total) = audit::browse(&state.app, &ctx.actor, filter, page, per_page).await?;
    let rows = entries
        .iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.entry.at.display_cst(),
            actor: format!(
                "{} ({})",
                e.entry.actor_login,
                i18n::choice(lang, "role", &e.entry.actor_role)
            ),
            action: i18n::choice(lang, "audit_action", &e.entry.action),
            object: format!(
                "{} {}",
                i18n::choice(lang, "audit_object", &e.entry.object_type),
                short_ids(&e.entry.object_id)
            ),
            object_id: e.entry.object_id.clone(),
            change: changed_fields(lang, &e.entry.object_type, &e.entry.before, &e.entry.after),
        })
        .collect();
    let href = |p: i64| {
        format!(
            "/admin/audit?action={}&login={}&page={p}",
            crate::layout::encode(&q.action),
            crate::layout::encode(&q.login)
        )
    };
    let pages = ((total + per_page - 1) / per_page).max(1);
    render(
        lang,
        &AuditPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            rows,
            action: q.action.clone(),
            login: q.login.clone(),
            total_text: i18n::tr_args(
                lang,
                "roster.page",
                &[("p", page.to_string()), ("n", pages.to_string())],
            ),
            prev_href: (page > 1).then(|| href(page - 1)),
            next_href: (page < pages).then(|| href(page + 1)),
        },
    )
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
