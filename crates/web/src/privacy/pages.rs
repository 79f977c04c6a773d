//! The notice page, the trainee's consents (give, withdraw, share with one
//! enterprise) and their access record, with its export.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render};
use crate::lists::{Cell, PageAsk, Pager, Table};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use gongjiang_app::privacy::{self, ConsentView, DecisionInput, PrivacyView};
use gongjiang_domain::privacy::{REGISTER, entry};

pub(super) fn purpose_name(lang: Lang, code: &str) -> String {
    i18n::choice(lang, "privacy_purpose", code)
}

/// One purpose of the notice, worded.
struct NoticeRow {
    code: &'static str,
    name: String,
    basis: String,
    method: &'static str,
    categories: String,
    retention: &'static str,
    consent: String,
    processor: &'static str,
}

#[derive(Template)]
#[template(path = "privacy/notice.html")]
struct NoticePage {
    l: Layout,
    version: &'static str,
    rows: Vec<NoticeRow>,
    child_rules: &'static [&'static str],
}

/// `GET /privacy`: the notice, read from the register.
pub async fn notice(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let rows = notice_rows(lang);
    render(
        lang,
        &NoticePage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            version: privacy::notice_version(),
            rows,
            child_rules: gongjiang_domain::privacy::CHILD_RULES_ZH,
        },
    )
}

/// A consent as a row of the trainee's page, with the decision its button makes.
pub(super) struct ConsentRow {
    pub(super) purpose: &'static str,
    pub(super) name: String,
    pub(super) basis: String,
    pub(super) recipient_id: String,
    pub(super) recipient: String,
    pub(super) in_force: bool,
    pub(super) state: String,
    pub(super) since: String,
}

pub(super) fn consent_row(lang: Lang, c: &ConsentView) -> ConsentRow {
    let e = entry(c.purpose);
    ConsentRow {
        purpose: c.purpose.as_str(),
        name: purpose_name(lang, c.purpose.as_str()),
        basis: i18n::choice(lang, "privacy_basis", e.basis.as_str()),
        recipient_id: c
            .recipient_org_id
            .map(|o| o.to_string())
            .unwrap_or_default(),
        recipient: c.recipient.clone().unwrap_or_default(),
        in_force: c.in_force,
        state: i18n::tr(
            lang,
            match (c.in_force, c.decided) {
                (true, None) => "privacy.in_force_collected",
                (true, _) => "privacy.in_force",
                (false, Some(gongjiang_domain::privacy::Decision::Withdrawn)) => {
                    "privacy.withdrawn"
                }
                (false, _) => "privacy.not_in_force",
            },
        )
        .to_string(),
        since: c
            .decided_at
            .map(|at| at.display_cst())
            .unwrap_or_else(|| "—".into()),
    }
}

#[derive(Template)]
#[template(path = "privacy/mine.html")]
struct MinePage {
    l: Layout,
    version: String,
    collected: String,
    consents: Vec<ConsentRow>,
    sharing: Vec<ConsentRow>,
    history: Table,
    /// My requests to the school, newest first.
    requests: Table,
    kinds: Vec<crate::forms::Choice>,
    detail: String,
    errors: crate::forms::FormErrors,
}

pub(super) fn history_table(lang: Lang, v: &PrivacyView) -> Table {
    let mut table = Table::new(
        lang,
        &[
            "privacy.at",
            "privacy.purpose",
            "privacy.recipient",
            "privacy.decision",
            "privacy.method",
            "privacy.recorded_by",
        ],
    );
    let names: std::collections::HashMap<_, _> = v
        .sharing
        .iter()
        .filter_map(|s| Some((s.recipient_org_id?, s.recipient.clone()?)))
        .collect();
    for h in v.history.iter().rev() {
        let r = &h.decision;
        table.push(vec![
            Cell::text(r.at.display_cst()),
            Cell::text(purpose_name(lang, r.purpose.as_str())),
            Cell::text(
                r.recipient_org_id
                    .and_then(|o| names.get(&o).cloned())
                    .unwrap_or_else(|| "—".into()),
            ),
            Cell::text(i18n::choice(lang, "privacy_decision", r.decision.as_str())),
            Cell::text(if r.guardian_name.is_empty() {
                i18n::choice(lang, "privacy_method", r.method.as_str())
            } else {
                format!(
                    "{}（{}）",
                    i18n::choice(lang, "privacy_method", r.method.as_str()),
                    r.guardian_name
                )
            }),
            Cell::text(r.recorded_by.clone()),
        ]);
    }
    table
}

async fn mine_page(state: &AppState, ctx: &Ctx, v: &PrivacyView) -> Result<MinePage, PageError> {
    let lang = ctx.lang;
    let mut requests = Table::new(
        lang,
        &[
            "privacy.request_submitted",
            "privacy.request_kind",
            "privacy.request_detail",
            "privacy.request_due",
            "privacy.request_status",
            "privacy.request_answer",
        ],
    );
    for r in privacy::my_requests(&state.app, &ctx.actor).await? {
        requests.push(vec![
            Cell::text(r.submitted_at.display_cst()),
            Cell::text(i18n::choice(lang, "privacy_request_kind", r.kind.as_str())),
            Cell::text(r.detail),
            Cell::text(r.due_on),
            Cell::text(i18n::choice(
                lang,
                "privacy_request_status",
                r.status.as_str(),
            )),
            Cell::text(if r.answer.is_empty() {
                "—".to_string()
            } else {
                r.answer
            }),
        ]);
    }
    Ok(MinePage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        version: v.notice_version.clone(),
        collected: format!("{} · {}", v.collected_by, v.collected_at.display_cst()),
        consents: v.consents.iter().map(|c| consent_row(lang, c)).collect(),
        sharing: v.sharing.iter().map(|c| consent_row(lang, c)).collect(),
        history: history_table(lang, v),
        requests,
        kinds: [
            "correction",
            "deletion",
            "explanation",
            "review",
            "cancellation",
        ]
        .iter()
        .map(|k| crate::forms::Choice::new(*k, i18n::choice(lang, "privacy_request_kind", k), ""))
        .collect(),
        detail: String::new(),
        errors: crate::forms::FormErrors::default(),
    })
}

/// `GET /me/privacy`.
pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let v = privacy::mine(&state.app, &ctx.actor).await?;
    render(ctx.lang, &mine_page(&state, &ctx, &v).await?)
}

/// `POST /me/privacy`: one decision (`purpose`, `recipient_org_id`, `decision`).
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let input = DecisionInput {
        purpose: field(&pairs, "purpose"),
        recipient_org_id: Some(field(&pairs, "recipient_org_id")),
        decision: field(&pairs, "decision"),
    };
    privacy::decide(&state.app, &ctx.actor, &input).await?;
    Ok(crate::forms::saved(&state, "/me/privacy"))
}

/// Logged field codes (`name,phone_masked`) in words.
fn fields_words(lang: Lang, fields: &str) -> String {
    fields
        .split(',')
        .map(|f| i18n::choice(lang, "privacy_field", f.trim()))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "、" } else { ", " })
}

/// Every page of a paged use case, for an export of the whole list.
async fn every_page<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, gongjiang_app::Error>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<T>, i64), gongjiang_app::Error>>,
{
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let (rows, total) = fetch(page).await?;
        let done = rows.is_empty();
        all.extend(rows);
        if done || i64::try_from(all.len()).unwrap_or(i64::MAX) >= total {
            return Ok(all);
        }
        page += 1;
    }
}

const ACCESS_HEADERS: &[&str] = &[
    "privacy.at",
    "privacy.reader",
    "privacy.unit",
    "privacy.what",
    "privacy.purpose",
    "privacy.fields",
    "privacy.reason",
];

fn access_table(lang: Lang, rows: &[privacy::AccessView]) -> Table {
    let mut table = Table::new(lang, ACCESS_HEADERS);
    for a in rows {
        table.push(vec![
            Cell::text(a.at.display_cst()),
            Cell::text(a.reader.clone()),
            Cell::text(a.unit.clone()),
            Cell::text(i18n::choice(lang, "privacy_action", &a.action)),
            Cell::text(purpose_name(lang, a.purpose.as_str())),
            Cell::text(fields_words(lang, &a.fields)),
            Cell::text(if a.reason.is_empty() {
                "—".to_string()
            } else {
                a.reason.clone()
            }),
        ]);
    }
    table
}

#[derive(Template)]
#[template(path = "privacy/access.html")]
struct AccessPage {
    l: Layout,
    table: Table,
    pager: Pager,
}

/// Query of the access record.
#[derive(serde::Deserialize, Default)]
pub struct AccessQuery {
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /me/privacy/access`.
pub async fn access(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AccessQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let ask = PageAsk::new(q.page, q.per_page, privacy::MAX_PAGE);
    let (rows, total) =
        privacy::my_access_log(&state.app, &ctx.actor, ask.page, ask.per_page).await?;
    render(
        lang,
        &AccessPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            table: access_table(lang, &rows),
            pager: Pager::new(lang, "/me/privacy/access", &[], ask, total),
        },
    )
}

/// `GET /me/privacy/access.xlsx` and `.csv`: the whole record.
pub async fn access_export(
    State(state): State<AppState>,
    ctx: Ctx,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let all =
        every_page(|page| privacy::my_access_log(&state.app, &ctx.actor, page, privacy::MAX_PAGE))
            .await?;
    crate::lists::download(
        lang,
        "访问记录",
        &access_table(lang, &all),
        format.is_xlsx(),
    )
}

#[derive(Template)]
#[template(path = "privacy/notice_prompt.html")]
struct PromptPage {
    l: Layout,
    version: String,
    changed: bool,
    decided: Option<String>,
    rows: Vec<NoticeRow>,
    consents: Vec<ConsentRow>,
    next: String,
    /// The separate rules for children, for a trainee under 14.
    child_rules: &'static [&'static str],
}

/// Query of the notice prompt: where to go after deciding.
#[derive(serde::Deserialize, Default)]
pub struct PromptQuery {
    #[serde(default)]
    next: String,
}

fn notice_rows(lang: Lang) -> Vec<NoticeRow> {
    REGISTER
        .iter()
        .map(|e| NoticeRow {
            code: e.purpose.as_str(),
            name: purpose_name(lang, e.purpose.as_str()),
            basis: i18n::choice(lang, "privacy_basis", e.basis.as_str()),
            method: e.method_zh,
            categories: e
                .categories
                .iter()
                .map(|c| c.name_zh())
                .collect::<Vec<_>>()
                .join("、"),
            retention: e.retention_zh,
            consent: i18n::choice(lang, "privacy_consent", e.consent.as_str()),
            processor: e.processor_zh,
        })
        .collect()
}

/// `GET /me/privacy/notice`: the notice's current version, put to the
/// trainee at sign-in, to accept or refuse.
pub async fn prompt(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PromptQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let p = privacy::notice_prompt(&state.app, &ctx.actor).await?;
    render(
        lang,
        &PromptPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            version: p.notice_version,
            changed: p.previous.is_some(),
            decided: p.decided,
            rows: notice_rows(lang),
            consents: p.consents.iter().map(|c| consent_row(lang, c)).collect(),
            next: crate::home::pages::safe_next(Some(&q.next)),
            child_rules: if p.child {
                gongjiang_domain::privacy::CHILD_RULES_ZH
            } else {
                &[]
            },
        },
    )
}

/// `POST /me/privacy/notice` (`decision` = `accept` or `refuse`, `next`).
pub async fn decide_notice(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let accept = match field(&pairs, "decision").as_str() {
        "accept" => true,
        "refuse" => false,
        _ => {
            return Err(PageError::new(
                ctx.lang,
                gongjiang_app::Error::field("decision", gongjiang_domain::Problem::InvalidChoice),
            ));
        }
    };
    privacy::decide_notice(&state.app, &ctx.actor, accept).await?;
    let next = crate::home::pages::safe_next(Some(&field(&pairs, "next")));
    Ok(crate::forms::saved(&state, &next))
}

/// Query of the breach helper.
#[derive(serde::Deserialize, Default)]
pub struct BreachQuery {
    #[serde(default)]
    login: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl BreachQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("login", self.login.clone()),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
        ]
    }
}

const BREACH_HEADERS: &[&str] = &[
    "privacy.subject",
    "privacy.school",
    "privacy.reads",
    "privacy.fields",
    "privacy.first_at",
    "privacy.last_at",
];

fn breach_table(lang: Lang, rows: &[privacy::AffectedView]) -> Table {
    let mut table = Table::new(lang, BREACH_HEADERS);
    for a in rows {
        table.push(vec![
            Cell::text(a.name.clone()),
            Cell::text(a.school.clone()),
            Cell::text(a.reads.to_string()),
            Cell::text(fields_words(lang, &a.fields)),
            Cell::text(a.first_at.display_cst()),
            Cell::text(a.last_at.display_cst()),
        ]);
    }
    table
}

#[derive(Template)]
#[template(path = "privacy/breach.html")]
struct BreachPage {
    l: Layout,
    login: String,
    from: String,
    to: String,
    asked: bool,
    table: Table,
    pager: Pager,
    total: i64,
    errors: crate::forms::FormErrors,
}

/// `GET /admin/privacy/breach`: whose data one account read in a window.
pub async fn breach(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BreachQuery>,
) -> Result<Response, PageError> {
    use axum::response::IntoResponse;
    let lang = ctx.lang;
    let asked = !q.login.trim().is_empty() || !q.from.is_empty() || !q.to.is_empty();
    let ask = PageAsk::new(q.page, q.per_page, privacy::BREACH_PAGE);
    let (rows, total, errors) = if asked {
        match privacy::breach(
            &state.app,
            &ctx.actor,
            &q.login,
            &q.from,
            &q.to,
            ask.page,
            ask.per_page,
        )
        .await
        {
            Ok((rows, total)) => (rows, total, crate::forms::FormErrors::default()),
            Err(gongjiang_app::Error::Invalid(e)) => (
                Vec::new(),
                0,
                crate::forms::FormErrors::labelled(&e, lang, BREACH_LABELS),
            ),
            Err(e) => return Err(PageError::new(lang, e)),
        }
    } else {
        ctx.actor
            .require(gongjiang_app::policy::Permission::BrowseAllAudit)?;
        (Vec::new(), 0, crate::forms::FormErrors::default())
    };
    let status = if errors.any() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let page = BreachPage {
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        login: q.login.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
        asked,
        table: breach_table(lang, &rows),
        pager: Pager::new(lang, "/admin/privacy/breach", &q.params(), ask, total),
        total,
        errors,
    };
    Ok(crate::layout::render_with(lang, status, &page)?.into_response())
}

/// The labels of the breach helper's fields.
const BREACH_LABELS: &[(&str, &str)] = &[
    ("login", "privacy.breach_login"),
    ("from", "privacy.breach_from"),
    ("to", "privacy.breach_to"),
];

/// `GET /admin/privacy/breach.xlsx` and `.csv`: the whole answer.
pub async fn breach_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BreachQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let all = every_page(|page| {
        privacy::breach(
            &state.app,
            &ctx.actor,
            &q.login,
            &q.from,
            &q.to,
            page,
            privacy::BREACH_PAGE,
        )
    })
    .await?;
    crate::lists::download(
        lang,
        "个人信息访问查询",
        &breach_table(lang, &all),
        format.is_xlsx(),
    )
}

/// `POST /me/privacy/requests` (`kind`, `detail`): ask the school to
/// correct, delete or explain something.
pub async fn submit_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    match privacy::submit_request(
        &state.app,
        &ctx.actor,
        &field(&pairs, "kind"),
        &field(&pairs, "detail"),
    )
    .await
    {
        Ok(_) => Ok(crate::forms::saved(&state, "/me/privacy")),
        Err(gongjiang_app::Error::Invalid(errors)) => {
            use axum::response::IntoResponse;
            let v = privacy::mine(&state.app, &ctx.actor).await?;
            let mut page = mine_page(&state, &ctx, &v).await?;
            page.errors =
                crate::forms::FormErrors::labelled(&errors, lang, super::school::REQUEST_LABELS);
            page.detail = field(&pairs, "detail");
            Ok(crate::layout::render_with(
                lang,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            )?
            .into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}
