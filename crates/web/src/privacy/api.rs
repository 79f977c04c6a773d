//! Personal information in the API: the register, my consents and my access record.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, Page, id};
use crate::lists::PageAsk;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use gongjiang_app::privacy::{self, AccessView, DecisionInput, PrivacyView};
use gongjiang_domain::privacy::{REGISTER, entry};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One purpose of the register.
#[derive(Serialize, JsonSchema)]
pub struct RegisterEntry {
    /// Its code (`placement`).
    purpose: String,
    /// Its name in Chinese.
    name_zh: String,
    /// Its name in English.
    name_en: String,
    /// What is done (Chinese).
    method_zh: String,
    /// `consent`, `contract` or `statutory_duty`.
    legal_basis: String,
    /// The item of PIPL Art. 13 ¶1.
    article_13_item: u8,
    /// The categories of personal information it reads.
    categories: Vec<String>,
    /// How long it keeps them (Chinese).
    retention_zh: String,
    /// `none`, `consent` or `separate`.
    consent: String,
    /// Who processes (Chinese).
    processor_zh: String,
}

/// The register and the notice version it makes.
#[derive(Serialize, JsonSchema)]
pub struct Register {
    /// The notice version (a hash of the register).
    notice_version: String,
    /// Every purpose.
    purposes: Vec<RegisterEntry>,
}

/// `GET /api/v1/privacy/register`.
pub async fn register() -> Json<Register> {
    Json(Register {
        notice_version: privacy::notice_version().to_string(),
        purposes: REGISTER
            .iter()
            .map(|e| {
                let e = entry(e.purpose);
                RegisterEntry {
                    purpose: e.purpose.as_str().into(),
                    name_zh: e.name_zh.into(),
                    name_en: e.name_en.into(),
                    method_zh: e.method_zh.into(),
                    legal_basis: e.basis.as_str().into(),
                    article_13_item: e.basis.item(),
                    categories: e.categories.iter().map(|c| c.as_str().into()).collect(),
                    retention_zh: e.retention_zh.into(),
                    consent: e.consent.as_str().into(),
                    processor_zh: e.processor_zh.into(),
                }
            })
            .collect(),
    })
}

/// `GET /api/v1/me/consents`.
pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Json<PrivacyView>, ApiError> {
    Ok(Json(privacy::mine(&state.app, &ctx.actor).await?))
}

/// A consent decision.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// The purpose's code (`placement`, `sharing`).
    purpose: String,
    /// For `sharing`: the enterprise's id.
    #[serde(default)]
    recipient_org_id: Option<String>,
    /// `granted` or `withdrawn`.
    decision: String,
}

/// `POST /api/v1/me/consents`.
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<DecisionBody>,
) -> Result<Json<PrivacyView>, ApiError> {
    let input = DecisionInput {
        purpose: body.purpose,
        recipient_org_id: body.recipient_org_id,
        decision: body.decision,
    };
    Ok(Json(privacy::decide(&state.app, &ctx.actor, &input).await?))
}

/// Query of my access record.
#[derive(Deserialize, Default)]
pub struct AccessQuery {
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/me/access-log`.
pub async fn access(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AccessQuery>,
) -> Result<Json<Page<AccessView>>, ApiError> {
    let ask = PageAsk::new(q.page, q.per_page, privacy::MAX_PAGE);
    let (items, total) =
        privacy::my_access_log(&state.app, &ctx.actor, ask.page, ask.per_page).await?;
    Ok(Json(Page {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page: u64::try_from(ask.page).unwrap_or(1),
        per_page: u64::try_from(ask.per_page).unwrap_or(1),
    }))
}

/// `GET /api/v1/trainees/{id}/consents`: a trainee's consents, for their school.
pub async fn of_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
) -> Result<Json<PrivacyView>, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    Ok(Json(
        privacy::of_trainee(&state.app, &ctx.actor, tid).await?,
    ))
}

/// Query of a decision recorded from paper (the body is the scan).
#[derive(Deserialize, Default)]
pub struct RecordQuery {
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    recipient_org_id: Option<String>,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    guardian_name: String,
    /// The scan's file name.
    #[serde(default)]
    name: String,
}

/// `POST /api/v1/trainees/{id}/consents?purpose=&decision=&method=&guardian_name=&recipient_org_id=&name=`
/// with the scan (PDF, PNG or JPEG) as the body.
pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Query(q): Query<RecordQuery>,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<PrivacyView>), ApiError> {
    use crate::error::LabelFields;
    let tid = id(&ctx, &tid, "trainee")?;
    let input = gongjiang_app::privacy::RecordedDecision {
        purpose: q.purpose,
        recipient_org_id: q.recipient_org_id,
        decision: q.decision,
        method: q.method,
        guardian_name: q.guardian_name,
        file: (!body.is_empty()).then(|| (q.name, body.to_vec())),
    };
    let view = privacy::record_for_trainee(&state.app, &ctx.actor, tid, &input)
        .await
        .labels(super::school::LABELS)?;
    Ok((axum::http::StatusCode::CREATED, Json(view)))
}

/// `GET /api/v1/me/notice`: the notice's version and what I decided about it.
pub async fn notice(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<gongjiang_app::privacy::NoticePrompt>, ApiError> {
    Ok(Json(privacy::notice_prompt(&state.app, &ctx.actor).await?))
}

/// A decision about the notice.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeBody {
    /// `accept` or `refuse`.
    #[schemars(extend("enum" = ["accept", "refuse"]))]
    decision: String,
}

/// `POST /api/v1/me/notice`.
pub async fn decide_notice(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<NoticeBody>,
) -> Result<Json<gongjiang_app::privacy::NoticePrompt>, ApiError> {
    let accept = match body.decision.as_str() {
        "accept" => true,
        "refuse" => false,
        _ => {
            return Err(gongjiang_app::Error::field(
                "decision",
                gongjiang_domain::Problem::InvalidChoice,
            )
            .into());
        }
    };
    Ok(Json(
        privacy::decide_notice(&state.app, &ctx.actor, accept).await?,
    ))
}

/// Query of the breach helper.
#[derive(Deserialize, Default)]
pub struct BreachQuery {
    /// The account whose reads are asked for.
    #[serde(default)]
    login: String,
    /// First day, `YYYY-MM-DD` (China time).
    #[serde(default)]
    from: String,
    /// Last day, `YYYY-MM-DD`, included.
    #[serde(default)]
    to: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/privacy/breach?login=&from=&to=`.
pub async fn breach(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BreachQuery>,
) -> Result<Json<Page<gongjiang_app::privacy::AffectedView>>, ApiError> {
    use crate::error::LabelFields;
    let ask = PageAsk::new(q.page, q.per_page, privacy::BREACH_PAGE);
    let (items, total) = privacy::breach(
        &state.app,
        &ctx.actor,
        &q.login,
        &q.from,
        &q.to,
        ask.page,
        ask.per_page,
    )
    .await
    .labels(&[])?;
    Ok(Json(Page {
        items,
        total: u64::try_from(total).unwrap_or(0),
        page: u64::try_from(ask.page).unwrap_or(1),
        per_page: u64::try_from(ask.per_page).unwrap_or(1),
    }))
}

/// A request to the school.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    /// `correction`, `deletion`, `explanation`, `review` (a person to look
    /// again at an automated placement) or `cancellation` (close my account).
    #[schemars(extend("enum" = ["correction", "deletion", "explanation", "review", "cancellation"]))]
    kind: String,
    /// What is asked, 5 to 1,000 characters.
    detail: String,
}

/// `GET /api/v1/me/privacy-requests`.
pub async fn my_requests(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<crate::json::Items<gongjiang_app::privacy::RightsRequest>>, ApiError> {
    Ok(Json(crate::json::Items {
        items: privacy::my_requests(&state.app, &ctx.actor).await?,
    }))
}

/// `POST /api/v1/me/privacy-requests`.
pub async fn submit_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<RequestBody>,
) -> Result<
    (
        axum::http::StatusCode,
        Json<gongjiang_app::privacy::RightsRequest>,
    ),
    ApiError,
> {
    use crate::error::LabelFields;
    let q = privacy::submit_request(&state.app, &ctx.actor, &body.kind, &body.detail)
        .await
        .labels(super::school::REQUEST_LABELS)?;
    Ok((axum::http::StatusCode::CREATED, Json(q)))
}

/// Query of the school's requests.
#[derive(Deserialize, Default)]
pub struct RequestsQuery {
    /// `open` (the default), `done` or `refused`.
    #[serde(default)]
    status: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// A request with the trainee's name, as the school sees it.
#[derive(Serialize, JsonSchema)]
pub struct SchoolRequest {
    /// The request.
    #[serde(flatten)]
    request: gongjiang_app::privacy::RightsRequest,
    /// The trainee's name.
    trainee_name: String,
}

/// `GET /api/v1/privacy-requests`: my school's requests.
pub async fn school_requests(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RequestsQuery>,
) -> Result<Json<Page<SchoolRequest>>, ApiError> {
    let ask = PageAsk::new(q.page, q.per_page, privacy::MAX_PAGE);
    let (rows, total) =
        privacy::school_requests(&state.app, &ctx.actor, &q.status, ask.page, ask.per_page).await?;
    Ok(Json(Page {
        items: rows
            .into_iter()
            .map(|(request, trainee_name)| SchoolRequest {
                request,
                trainee_name,
            })
            .collect(),
        total: u64::try_from(total).unwrap_or(0),
        page: u64::try_from(ask.page).unwrap_or(1),
        per_page: u64::try_from(ask.per_page).unwrap_or(1),
    }))
}

/// An answer to a request.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// `done` or `refused`.
    #[schemars(extend("enum" = ["done", "refused"]))]
    decision: String,
    /// What was done, or why it is refused (the trainee reads it).
    answer: String,
}

/// `POST /api/v1/privacy-requests/{id}/answer`.
pub async fn answer_request(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::forms::Id(id): crate::forms::Id<gongjiang_domain::ids::RightsRequestId>,
    Body(body): Body<AnswerBody>,
) -> Result<Json<gongjiang_app::privacy::RightsRequest>, ApiError> {
    use crate::error::LabelFields;
    Ok(Json(
        privacy::answer_request(&state.app, &ctx.actor, id, &body.decision, &body.answer)
            .await
            .labels(super::school::REQUEST_LABELS)?,
    ))
}
