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
    /// The secretariat's link to the breach helper.
    breach_link: bool,
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
            Some(Timestamp::start_of_day_cst(date))
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
            // Who acted without an account (the system loading the demo, a
            // visitor applying) is named by that role alone.
            Cell::text(match e.entry.actor_user_id {
                Some(_) => format!(
                    "{} ({})",
                    e.entry.actor_login,
                    i18n::choice(lang, "role", &e.entry.actor_role)
                ),
                None => i18n::choice(lang, "role", &e.entry.actor_role),
            }),
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
                &e.entry.action,
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
            breach_link: ctx
                .actor
                .may(gongjiang_app::policy::Permission::BrowseAllAudit),
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
        (_, "role" | "entered_as") => &["role"],
        (_, "tier") => &["tier"],
        (_, "gender") => &["gender"],
        ("major", "level") => &["major_level"],
        (_, "level" | "levels" | "min_level") => &["level"],
        ("trainee", "status") => &["trainee_status"],
        ("internship", "status") => &["internship_status", "log_status"],
        // An attached document's kind is logged on its internship.
        ("internship", "kind") => &["internship_kind", "document_kind"],
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
        ("employment", "source") => &["employment.source"],
        ("teacher", "employment") => &["employment"],
        ("teacher", "dual_qualified") => &["dual_qualified"],
        ("enterprise_item", "list") => &["item_list"],
        ("round", "method") => &["audit_rank_method"],
        ("trainee", "because") => &["audit_because"],
        ("evaluation_institution", "kind") => &["audit_institution_kind"],
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

/// A changed field's label: the log's word for the field in this action or
/// on this kind of object (`audit_field.<action>.<key>`,
/// `audit_field.<object>.<key>`, where the shared word would mislead: a
/// trainee's `name` is 姓名, not 单位名称; an attached document's `kind` is
/// not the internship's), else the log's word for it (`audit_field.<key>`),
/// else the form field's (`field.<key>`).
fn field_label(lang: Lang, action: &str, object_type: &str, key: &str) -> String {
    [
        format!("audit_field.{action}.{key}"),
        format!("audit_field.{object_type}.{key}"),
        format!("audit_field.{key}"),
        format!("field.{key}"),
    ]
    .iter()
    .find(|k| i18n::has(k))
    .map_or_else(|| key.to_string(), |k| i18n::tr(lang, k).to_string())
}

/// A stored value in words: codes by the groups of [`value_groups`], ids
/// shortened, yes and no for flags, a record by its name, a rule failure by
/// its rule, and the fields of an object (scores, weights) by their labels.
fn show_value(
    lang: Lang,
    object_type: &str,
    key: &str,
    value: Option<&serde_json::Value>,
) -> String {
    use serde_json::Value;
    let groups = value_groups(object_type, key);
    let word = |s: &str| {
        groups
            .iter()
            .find(|g| i18n::has(&format!("{g}.{s}")))
            .map_or_else(|| short_ids(s), |g| i18n::choice(lang, g, s))
    };
    match value {
        // Which identifiers were shown in full: `id_number,phone`.
        Some(Value::String(s)) if object_type == "trainee" && key == "fields" => s
            .split(',')
            .map(|f| field_label(lang, "", object_type, f))
            .collect::<Vec<_>>()
            .join(i18n::tr(lang, "sep.list")),
        Some(Value::String(s)) => word(s),
        Some(Value::Bool(b)) => i18n::tr(lang, if *b { "form.yes" } else { "form.no" }).to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| show_value(lang, object_type, key, Some(i)))
            .collect::<Vec<_>>()
            .join(i18n::tr(lang, "sep.list")),
        Some(Value::Object(fields)) => match (fields.get("name"), fields.get("rule")) {
            (Some(Value::String(name)), _) => name.clone(),
            (_, Some(Value::String(rule))) => rule.clone(),
            _ => fields
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{} {}",
                        field_label(lang, "", key, k),
                        show_value(lang, key, k, Some(v))
                    )
                })
                .collect::<Vec<_>>()
                .join(i18n::tr(lang, "sep.list")),
        },
        Some(Value::Null) | None => "∅".into(),
        Some(other) => short_ids(&other.to_string()),
    }
}

/// `field: before → after` for each field that changed, fields by their
/// labels and stored values by their words.
fn changed_fields(
    lang: crate::i18n::Lang,
    action: &str,
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
            parts.push(format!(
                "{}: {} → {}",
                field_label(lang, action, object_type, k),
                show_value(lang, object_type, k, old),
                show_value(lang, object_type, k, Some(v))
            ));
        }
    }
    parts.join("; ")
}
