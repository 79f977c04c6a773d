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
            actor: format!("{} ({})", e.entry.actor_login, e.entry.actor_role),
            action: e.entry.action.clone(),
            object: format!("{} {}", e.entry.object_type, e.entry.object_id),
            change: changed_fields(&e.entry.before, &e.entry.after),
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

/// `field: before → after` for each field that changed.
fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> String {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let Some(a) = after.as_object() else {
        return String::new();
    };
    let mut parts = Vec::new();
    for (k, v) in a {
        let old = b.get(k);
        if old != Some(v) {
            let show = |x: Option<&serde_json::Value>| match x {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Null) | None => "∅".into(),
                Some(other) => other.to_string(),
            };
            parts.push(format!("{k}: {} → {}", show(old), show(Some(v))));
        }
    }
    parts.join("; ")
}
