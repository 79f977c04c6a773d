//! Skill evaluation in the API: institutions and filings (secretariat),
//! sessions, candidates (admitted by the eligibility rules; a refusal is
//! answered 422 with every alternative and its evidence) and scores.

use crate::context::Ctx;
use crate::error::{ApiError, fields_json};
use crate::forms::Id;
use crate::json::{Body, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongjiang_app::evaluation;
use gongjiang_domain::evaluation::{FilingInput, InstitutionInput, ScoresInput, SessionInput};
use gongjiang_domain::ids::{CandidateId, EvaluationSessionId, OrgId, TraineeId};
use serde::Deserialize;
use serde_json::{Value, json};

/// Body of an institution registration.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionBody {
    kind: String,
    institution_code: String,
    province_code: String,
    site_code: String,
}

/// Schema of an institution body.
pub fn institution_schema() -> Value {
    json!({"type": "object", "additionalProperties": false,
        "required": ["kind", "institution_code", "province_code", "site_code"],
        "properties": {"kind": {"type": "string", "enum": ["Y", "S"]},
            "institution_code": {"type": "string", "pattern": "^[0-9]{4}$"},
            "province_code": {"type": "string", "pattern": "^[0-9]{2}$"},
            "site_code": {"type": "string", "pattern": "^[0-9]{6}$"}}})
}

/// `PUT /api/v1/evaluation/institutions/{id}`: register a member unit as an evaluation institution.
pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Body(b): Body<InstitutionBody>,
) -> Result<Json<Value>, ApiError> {
    let input = InstitutionInput {
        kind: b.kind,
        institution_code: b.institution_code,
        province_code: b.province_code,
        site_code: b.site_code,
    };
    let i = evaluation::register_institution(&state.app, &ctx.actor, org, &input).await?;
    Ok(Json(json!(i)))
}

/// Body of a filing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingBody {
    occupation_code: String,
    levels: Vec<String>,
    filed_with: String,
    reference: String,
    valid_from: String,
    #[serde(default)]
    valid_to: Option<String>,
}

/// Schema of a filing body.
pub fn filing_schema() -> Value {
    json!({"type": "object", "additionalProperties": false,
        "required": ["occupation_code", "levels", "filed_with", "reference", "valid_from"],
        "properties": {"occupation_code": {"type": "string"},
            "levels": {"type": "array", "items": {"type": "string", "enum": ["level5", "level4", "level3", "level2", "level1"]}},
            "filed_with": {"type": "string"}, "reference": {"type": "string"},
            "valid_from": {"type": "string", "format": "date"}, "valid_to": {"type": "string", "format": "date"}}})
}

/// `POST /api/v1/evaluation/institutions/{id}/filings`.
pub async fn add_filing(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Body(b): Body<FilingBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let input = FilingInput {
        occupation_code: b.occupation_code,
        levels: b.levels,
        filed_with: b.filed_with,
        reference: b.reference,
        valid_from: b.valid_from,
        valid_to: b.valid_to.unwrap_or_default(),
    };
    let f = evaluation::add_filing(&state.app, &ctx.actor, org, &input).await?;
    Ok((StatusCode::CREATED, Json(json!(f))))
}

/// `GET /api/v1/evaluation/institutions`.
pub async fn institutions(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Value>, ApiError> {
    let items = evaluation::institutions(&state.app, &ctx.actor).await?;
    Ok(Json(json!({"items": items})))
}

/// Body of a session.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionBody {
    occupation_code: String,
    level: String,
    held_on: String,
    venue: String,
    examiners: Vec<String>,
}

/// Schema of a session body.
pub fn session_schema() -> Value {
    json!({"type": "object", "additionalProperties": false,
        "required": ["occupation_code", "level", "held_on", "venue", "examiners"],
        "properties": {"occupation_code": {"type": "string"},
            "level": {"type": "string", "enum": ["level5", "level4", "level3", "level2", "level1"]},
            "held_on": {"type": "string", "format": "date"}, "venue": {"type": "string"},
            "examiners": {"type": "array", "items": {"type": "string"}}}})
}

/// `POST /api/v1/evaluation/sessions`: a session of my institution.
pub async fn create_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<SessionBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let input = SessionInput {
        occupation_code: b.occupation_code,
        level: b.level,
        held_on: b.held_on,
        venue: b.venue,
        examiners: b.examiners.join(","),
    };
    let s = evaluation::create_session(&state.app, &ctx.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(json!(s))))
}

/// `GET /api/v1/evaluation/sessions`.
pub async fn sessions(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let items = evaluation::sessions(&state.app, &ctx.actor).await?;
    Ok(Json(json!({"items": items})))
}

/// `GET /api/v1/evaluation/sessions/{id}`: the session with its candidates (masked).
pub async fn session(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(sid): Id<EvaluationSessionId>,
) -> Result<Json<Value>, ApiError> {
    let view = evaluation::session(&state.app, &ctx.actor, sid).await?;
    Ok(Json(json!(view)))
}

/// Query naming a trainee.
#[derive(Deserialize, Default)]
pub struct TraineeQuery {
    #[serde(default)]
    trainee_id: String,
}

/// `GET /api/v1/evaluation/sessions/{id}/eligibility?trainee_id=`: the check, without admitting.
pub async fn eligibility(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(sid): Id<EvaluationSessionId>,
    Query(q): Query<TraineeQuery>,
) -> Result<Json<Value>, ApiError> {
    let trainee: TraineeId = id(&ctx, &q.trainee_id, "trainee")?;
    let e = evaluation::eligibility(&state.app, &ctx.actor, sid, trainee).await?;
    Ok(Json(json!({"eligible": e.eligible(), "eligibility": e})))
}

/// Body naming a trainee.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateBody {
    trainee_id: String,
}

/// Schema of a candidate body.
pub fn candidate_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["trainee_id"],
        "properties": {"trainee_id": {"type": "string"}}})
}

/// `POST /api/v1/evaluation/sessions/{id}/candidates`: admit a trainee when eligible (422 explains a refusal).
pub async fn add_candidate(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(sid): Id<EvaluationSessionId>,
    Body(b): Body<CandidateBody>,
) -> Result<Response, ApiError> {
    let trainee: TraineeId = id(&ctx, &b.trainee_id, "trainee")?;
    match evaluation::add_candidate(&state.app, &ctx.actor, sid, trainee).await? {
        Ok(c) => Ok((StatusCode::CREATED, Json(json!(c))).into_response()),
        Err(refused) => {
            let fields = evaluation::refusal(&refused);
            let message = crate::i18n::tr(ctx.lang, "evaluation.not_eligible");
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({"error": {"code": "not_eligible", "message": message,
                    "fields": fields_json(&fields, ctx.lang)}, "eligibility": refused})),
            )
                .into_response())
        }
    }
}

/// Body of scores.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoresBody {
    theory_score: Option<i64>,
    practical_score: Option<i64>,
    #[serde(default)]
    review_score: Option<i64>,
}

/// Schema of a scores body.
pub fn scores_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["theory_score", "practical_score"],
        "properties": {"theory_score": {"type": "integer", "minimum": 0, "maximum": 100},
            "practical_score": {"type": "integer", "minimum": 0, "maximum": 100},
            "review_score": {"type": "integer", "minimum": 0, "maximum": 100}}})
}

fn text(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// `PUT /api/v1/evaluation/candidates/{id}/scores`: record scores; the pass rule decides (409 once certified).
pub async fn scores(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CandidateId>,
    Body(b): Body<ScoresBody>,
) -> Result<Json<Value>, ApiError> {
    let input = ScoresInput {
        theory: text(b.theory_score),
        practical: text(b.practical_score),
        review: text(b.review_score),
    };
    let c = evaluation::record_scores(&state.app, &ctx.actor, cid, &input).await?;
    Ok(Json(json!(c)))
}

/// `GET /api/v1/trainees/{id}/evaluations`: a trainee's results and certificates.
pub async fn of_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(tid): Id<TraineeId>,
) -> Result<Json<Value>, ApiError> {
    let results = evaluation::results_of_trainee(&state.app, &ctx.actor, tid).await?;
    let certificates = gongjiang_app::certificates::of_trainee(&state.app, &ctx.actor, tid).await?;
    Ok(Json(
        json!({"results": results, "certificates": certificates}),
    ))
}
