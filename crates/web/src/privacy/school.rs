//! A school's view of one trainee's consents, and recording a decision the
//! trainee or their guardian signed on paper, with its scan.

use super::pages::{ConsentRow, consent_row, history_table, purpose_name};
use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::{Choice, FormErrors, Id};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::Table;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::Error;
use gongjiang_app::privacy::{self, PrivacyView, RecordedDecision};
use gongjiang_domain::ids::{ConsentId, TraineeId};

/// The labels of the recording form's fields.
pub(crate) const LABELS: &[(&str, &str)] = &[
    ("purpose", "privacy.purpose"),
    ("recipient_org_id", "privacy.enterprise"),
    ("decision", "privacy.decision"),
    ("method", "privacy.method"),
    ("guardian_name", "privacy.guardian_name"),
    ("file", "privacy.evidence"),
];

#[derive(Template)]
#[template(path = "privacy/school.html")]
struct SchoolPage {
    l: Layout,
    trainee_id: String,
    name: String,
    guardian_needed: bool,
    consents: Vec<ConsentRow>,
    sharing: Vec<ConsentRow>,
    history: Table,
    /// Consent ids of the history rows (newest first) that have a scan.
    evidence: Vec<(String, String)>,
    purposes: Vec<Choice>,
    enterprises: Vec<Choice>,
    decisions: Vec<Choice>,
    methods: Vec<Choice>,
    input: RecordedDecision,
    errors: FormErrors,
}

fn choices(lang: Lang, group: &str, values: &[&str], current: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice::new(*v, i18n::choice(lang, group, v), current))
        .collect()
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    id: TraineeId,
    input: RecordedDecision,
    errors: FormErrors,
) -> Result<SchoolPage, PageError> {
    let lang = ctx.lang;
    let t = gongjiang_app::supply::trainee(&state.app, &ctx.actor, id).await?;
    let v: PrivacyView = privacy::of_trainee(&state.app, &ctx.actor, id).await?;
    let evidence = v
        .history
        .iter()
        .rev()
        .filter(|h| h.has_evidence)
        .map(|h| {
            (
                h.id.to_string(),
                format!(
                    "{} · {} · {}",
                    h.decision.at.display_cst(),
                    purpose_name(lang, h.decision.purpose.as_str()),
                    i18n::choice(lang, "privacy_decision", h.decision.decision.as_str())
                ),
            )
        })
        .collect();
    let current_org = input.recipient_org_id.clone().unwrap_or_default();
    Ok(SchoolPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        trainee_id: id.to_string(),
        name: t.name,
        guardian_needed: v.guardian_needed,
        consents: v.consents.iter().map(|c| consent_row(lang, c)).collect(),
        sharing: v.sharing.iter().map(|c| consent_row(lang, c)).collect(),
        history: history_table(lang, &v),
        evidence,
        purposes: choices(
            lang,
            "privacy_purpose",
            &["placement", "sharing"],
            &input.purpose,
        ),
        enterprises: std::iter::once(Choice::new("", "—", &current_org))
            .chain(v.sharing.iter().filter_map(|s| {
                Some(Choice::new(
                    s.recipient_org_id?.to_string(),
                    s.recipient.clone()?,
                    &current_org,
                ))
            }))
            .collect(),
        decisions: choices(
            lang,
            "privacy_decision",
            &["granted", "withdrawn"],
            &input.decision,
        ),
        methods: choices(
            lang,
            "privacy_method",
            &["paper", "guardian"],
            &input.method,
        ),
        input,
        errors,
    })
}

/// `GET /school/trainees/{id}/consents`.
pub async fn consents(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
) -> Result<Html<String>, PageError> {
    let input = RecordedDecision {
        purpose: "placement".into(),
        decision: "granted".into(),
        method: "paper".into(),
        ..RecordedDecision::default()
    };
    let p = page(&state, &ctx, id, input, FormErrors::default()).await?;
    render(ctx.lang, &p)
}

/// `POST /school/trainees/{id}/consents` (multipart: purpose,
/// recipient_org_id, decision, method, guardian_name, file).
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
    crate::forms::Upload(mut multipart): crate::forms::Upload,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let mut input = RecordedDecision::default();
    let mut too_large = false;
    loop {
        match multipart.next_field().await {
            Ok(Some(part)) if part.name() == Some("file") => {
                let name = part.file_name().unwrap_or_default().to_string();
                match part.bytes().await {
                    Ok(bytes) if !bytes.is_empty() => input.file = Some((name, bytes.to_vec())),
                    Ok(_) => {}
                    Err(e) => {
                        too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
                        break;
                    }
                }
            }
            Ok(Some(part)) => {
                let name = part.name().unwrap_or_default().to_string();
                let text = part.text().await.unwrap_or_default();
                match name.as_str() {
                    "purpose" => input.purpose = text,
                    "recipient_org_id" => input.recipient_org_id = Some(text),
                    "decision" => input.decision = text,
                    "method" => input.method = text,
                    "guardian_name" => input.guardian_name = text,
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => {
                too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
                break;
            }
        }
    }
    let result = if too_large {
        Err(Error::field(
            "file",
            gongjiang_domain::Problem::Rule {
                key: "file_too_large",
            },
        ))
    } else {
        privacy::record_for_trainee(&state.app, &ctx.actor, id, &input).await
    };
    match result {
        Ok(_) => Ok(crate::forms::saved(
            &state,
            &format!("/school/trainees/{id}/consents"),
        )),
        Err(Error::Invalid(errors)) => {
            input.file = None;
            let p = page(
                &state,
                &ctx,
                id,
                input,
                FormErrors::labelled(&errors, lang, LABELS),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &p)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `GET /school/trainees/{id}/consents/{consent}/evidence`: the scan.
pub async fn evidence(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, consent)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let not_found = || PageError::new(lang, Error::NotFound("file"));
    let id = id.parse::<TraineeId>().map_err(|_| not_found())?;
    let consent = consent.parse::<ConsentId>().map_err(|_| not_found())?;
    let (f, bytes) = privacy::evidence(&state.app, &ctx.actor, id, consent).await?;
    Ok((
        [
            (header::CONTENT_TYPE, f.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                crate::cooperation::api::content_disposition(&f.file_name),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A request as a row of the school's list.
pub(super) struct RequestRow {
    pub(super) id: String,
    pub(super) trainee: String,
    pub(super) kind: String,
    pub(super) detail: String,
    pub(super) submitted: String,
    pub(super) due_on: String,
    pub(super) overdue: bool,
    pub(super) open: bool,
    pub(super) answer: String,
}

#[derive(Template)]
#[template(path = "privacy/requests.html")]
struct RequestsPage {
    l: Layout,
    statuses: Vec<Choice>,
    rows: Vec<RequestRow>,
    pager: crate::lists::Pager,
    errors: FormErrors,
}

/// Query of the school's requests.
#[derive(serde::Deserialize, Default)]
pub struct RequestsQuery {
    #[serde(default)]
    status: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

async fn requests_page(
    state: &AppState,
    ctx: &Ctx,
    q: &RequestsQuery,
    errors: FormErrors,
) -> Result<RequestsPage, PageError> {
    let lang = ctx.lang;
    let ask = crate::lists::PageAsk::new(q.page, q.per_page, privacy::MAX_PAGE);
    let (rows, total) =
        privacy::school_requests(&state.app, &ctx.actor, &q.status, ask.page, ask.per_page).await?;
    let today = state.app.now().date_cst().to_string();
    let status = if q.status.is_empty() {
        "open".to_string()
    } else {
        q.status.clone()
    };
    Ok(RequestsPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        statuses: choices(
            lang,
            "privacy_request_status",
            &["open", "done", "refused"],
            &status,
        ),
        rows: rows
            .into_iter()
            .map(|(r, name)| RequestRow {
                id: r.id.to_string(),
                trainee: name,
                kind: i18n::choice(lang, "privacy_request_kind", r.kind.as_str()),
                detail: r.detail,
                submitted: r.submitted_at.display_cst(),
                overdue: r.status == gongjiang_domain::privacy::RequestStatus::Open
                    && r.due_on < today,
                open: r.status == gongjiang_domain::privacy::RequestStatus::Open,
                due_on: r.due_on,
                answer: r.answer,
            })
            .collect(),
        pager: crate::lists::Pager::new(
            lang,
            "/school/privacy-requests",
            &[("status", q.status.clone())],
            ask,
            total,
        ),
        errors,
    })
}

/// `GET /school/privacy-requests`: the school's trainees' requests, open
/// ones soonest due first.
pub async fn requests(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<RequestsQuery>,
) -> Result<Html<String>, PageError> {
    let p = requests_page(&state, &ctx, &q, FormErrors::default()).await?;
    render(ctx.lang, &p)
}

/// `POST /school/privacy-requests/{id}/answer` (`decision` = done or
/// refused, `answer`).
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<gongjiang_domain::ids::RightsRequestId>,
    crate::forms::Form(pairs): crate::forms::Form<crate::forms::Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let decision = crate::forms::field(&pairs, "decision");
    let text = crate::forms::field(&pairs, "answer");
    match privacy::answer_request(&state.app, &ctx.actor, id, &decision, &text).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/school/privacy-requests")),
        Err(Error::Invalid(errors)) => {
            let p = requests_page(
                &state,
                &ctx,
                &RequestsQuery::default(),
                FormErrors::labelled(&errors, lang, REQUEST_LABELS),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &p)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// The labels of the request forms' fields.
pub(crate) const REQUEST_LABELS: &[(&str, &str)] = &[
    ("kind", "privacy.request_kind"),
    ("detail", "privacy.request_detail"),
    ("decision", "privacy.request_decision"),
    ("answer", "privacy.request_answer"),
];
