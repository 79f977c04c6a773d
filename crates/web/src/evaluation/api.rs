//! Skill evaluation in the API: institutions and filings (secretariat),
//! sessions, candidates (admitted by the eligibility rules; a refusal is
//! answered 422 with every alternative and its evidence) and scores.

use crate::context::Ctx;
use crate::error::LabelFields;
use crate::error::{ApiError, ErrorBody, field_problems};
use crate::forms::Id;
use crate::json::{Body, Items, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongjiang_app::evaluation;
use gongjiang_domain::evaluation::{
    Candidate, Eligibility, Filing, FilingInput, Institution, InstitutionInput, Level, ScoresInput,
    Session, SessionInput,
};
use gongjiang_domain::ids::{CandidateId, EvaluationSessionId, OrgId, TraineeId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Body of an institution registration.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstitutionBody {
    /// `Y` (a school's evaluation station) or `S` (a social training evaluation organisation).
    #[schemars(extend("enum" = ["Y", "S"]))]
    kind: String,
    /// Four digits.
    #[schemars(regex(pattern = r"^[0-9]{4}$"))]
    institution_code: String,
    /// Two digits.
    #[schemars(regex(pattern = r"^[0-9]{2}$"))]
    province_code: String,
    /// Six digits.
    #[schemars(regex(pattern = r"^[0-9]{6}$"))]
    site_code: String,
}

/// `PUT /api/v1/evaluation/institutions/{id}`: register a member unit as an evaluation institution.
pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Body(b): Body<InstitutionBody>,
) -> Result<Json<Institution>, ApiError> {
    let input = InstitutionInput {
        kind: b.kind,
        institution_code: b.institution_code,
        province_code: b.province_code,
        site_code: b.site_code,
    };
    let i = evaluation::register_institution(&state.app, &ctx.actor, org, &input).await?;
    Ok(Json(i))
}

/// Body of a filing.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilingBody {
    /// An occupation code from the catalogue.
    occupation_code: String,
    /// The levels filed for.
    #[schemars(with = "Vec<Level>")]
    levels: Vec<String>,
    /// The authority it was filed with.
    filed_with: String,
    /// The filing's reference.
    reference: String,
    /// First day valid, `YYYY-MM-DD`.
    valid_from: String,
    /// Last day valid, `YYYY-MM-DD`.
    #[serde(default)]
    valid_to: Option<String>,
}

/// `POST /api/v1/evaluation/institutions/{id}/filings`.
pub async fn add_filing(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Body(b): Body<FilingBody>,
) -> Result<(StatusCode, Json<Filing>), ApiError> {
    let input = FilingInput {
        occupation_code: b.occupation_code,
        levels: b.levels,
        filed_with: b.filed_with,
        reference: b.reference,
        valid_from: b.valid_from,
        valid_to: b.valid_to.unwrap_or_default(),
    };
    let f = evaluation::add_filing(&state.app, &ctx.actor, org, &input).await?;
    Ok((StatusCode::CREATED, Json(f)))
}

/// `GET /api/v1/evaluation/institutions`.
pub async fn institutions(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Items<evaluation::InstitutionView>>, ApiError> {
    let items = evaluation::institutions(&state.app, &ctx.actor).await?;
    Ok(Json(Items::of(items)))
}

/// Body of a session.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionBody {
    /// An occupation code my institution is filed for.
    occupation_code: String,
    /// A level my institution is filed for.
    #[schemars(with = "Level")]
    level: String,
    /// The day, `YYYY-MM-DD`.
    held_on: String,
    /// Where.
    venue: String,
    /// The examiners' names.
    examiners: Vec<String>,
}

/// `POST /api/v1/evaluation/sessions`: a session of my institution.
pub async fn create_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<SessionBody>,
) -> Result<(StatusCode, Json<Session>), ApiError> {
    let input = SessionInput {
        occupation_code: b.occupation_code,
        level: b.level,
        held_on: b.held_on,
        venue: b.venue,
        examiners: b.examiners.join(","),
    };
    let s = evaluation::create_session(&state.app, &ctx.actor, &input)
        .await
        .labels(crate::evaluation::pages::SESSION_LABELS)?;
    Ok((StatusCode::CREATED, Json(s)))
}

/// `GET /api/v1/evaluation/sessions`.
pub async fn sessions(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Items<Session>>, ApiError> {
    let items = evaluation::sessions(&state.app, &ctx.actor).await?;
    Ok(Json(Items::of(items)))
}

/// `GET /api/v1/evaluation/sessions/{id}`: the session with its candidates (masked).
pub async fn session(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(sid): Id<EvaluationSessionId>,
) -> Result<Json<evaluation::SessionView>, ApiError> {
    let view = evaluation::session(&state.app, &ctx.actor, sid).await?;
    Ok(Json(view))
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
) -> Result<Json<EligibilityView>, ApiError> {
    let trainee: TraineeId = id(&ctx, &q.trainee_id, "trainee")?;
    let e = evaluation::eligibility(&state.app, &ctx.actor, sid, trainee).await?;
    Ok(Json(EligibilityView {
        eligible: e.eligible(),
        eligibility: e,
    }))
}

/// The eligibility check: its verdict and every alternative with its evidence.
#[derive(Serialize, JsonSchema)]
pub struct EligibilityView {
    /// Some alternative is met.
    eligible: bool,
    eligibility: Eligibility,
}

/// A refused admission: the error, and the check that refused it.
#[derive(Serialize, JsonSchema)]
pub struct NotEligible {
    #[serde(flatten)]
    error: ErrorBody,
    eligibility: Eligibility,
}

/// A trainee's evaluation results and certificates.
#[derive(Serialize, JsonSchema)]
pub struct TraineeEvaluations {
    results: Vec<evaluation::TraineeResult>,
    certificates: Vec<gongjiang_app::certificates::Certificate>,
}

/// Body naming a trainee.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateBody {
    /// A trainee of my school, or one sent to my institution.
    trainee_id: String,
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
        Ok(c) => Ok((StatusCode::CREATED, Json(c)).into_response()),
        Err(refused) => {
            let fields = evaluation::refusal(&refused);
            let message = crate::i18n::tr(ctx.lang, "evaluation.not_eligible").to_string();
            let mut error = ErrorBody::new("not_eligible", message);
            error.error.fields = field_problems(&fields, ctx.lang, &[]);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(NotEligible {
                    error,
                    eligibility: refused,
                }),
            )
                .into_response())
        }
    }
}

/// Body of scores.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoresBody {
    /// 0 to 100.
    #[schemars(range(min = 0, max = 100))]
    theory_score: Option<i64>,
    /// 0 to 100.
    #[schemars(range(min = 0, max = 100))]
    practical_score: Option<i64>,
    /// 0 to 100, where the level asks for a review.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    review_score: Option<i64>,
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
) -> Result<Json<Candidate>, ApiError> {
    let input = ScoresInput {
        theory: text(b.theory_score),
        practical: text(b.practical_score),
        review: text(b.review_score),
    };
    let c = evaluation::record_scores(&state.app, &ctx.actor, cid, &input)
        .await
        .labels(crate::evaluation::pages::SCORE_LABELS)?;
    Ok(Json(c))
}

/// `GET /api/v1/trainees/{id}/evaluations`: a trainee's results and certificates.
pub async fn of_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(tid): Id<TraineeId>,
) -> Result<Json<TraineeEvaluations>, ApiError> {
    let results = evaluation::results_of_trainee(&state.app, &ctx.actor, tid).await?;
    let certificates = gongjiang_app::certificates::of_trainee(&state.app, &ctx.actor, tid).await?;
    Ok(Json(TraineeEvaluations {
        results,
        certificates,
    }))
}
