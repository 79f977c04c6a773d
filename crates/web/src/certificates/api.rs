//! Certificates in the API: issue one passing result, issue a whole session
//! as a background job, list, read, revoke, suspend and reinstate.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::forms::Id;
use crate::json::Body;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::certificates::Certificate;
use gongjiang_app::certificates::{self, verify_url};
use gongjiang_app::jobs::{self, JobStatus};
use gongjiang_domain::ids::{CandidateId, CertificateId, EvaluationSessionId};
use serde::Deserialize;
use serde_json::{Value, json};

/// How long issuing a session may take before the answer is 202 and a job to poll.
pub const ISSUE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// A certificate as JSON, with its public links.
pub fn certificate_json(state: &AppState, c: &Certificate) -> Value {
    let mut v = json!(c);
    v["verify_url"] = json!(verify_url(&state.app, &c.token));
    v["credential_url"] = json!(format!("/verify/{}/credential.json", c.token));
    v["print_url"] = json!(format!("/certificates/{}/print", c.id));
    v
}

/// `POST /api/v1/evaluation/candidates/{id}/certificate`: issue the certificate of a passing result.
pub async fn issue(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CandidateId>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let c = certificates::issue(&state.app, &ctx.actor, cid).await?;
    Ok((StatusCode::CREATED, Json(certificate_json(&state, &c))))
}

/// `POST /api/v1/evaluation/sessions/{id}/certificates`: issue every passing result (a job).
pub async fn issue_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(sid): Id<EvaluationSessionId>,
) -> Result<Response, ApiError> {
    let job = certificates::issue_session_in_background(&state.app, &ctx.actor, sid).await?;
    let done = jobs::wait(&state.app, &ctx.actor, job, ISSUE_WAIT).await?;
    let status = match done.status {
        JobStatus::Running => StatusCode::ACCEPTED,
        JobStatus::Done => StatusCode::OK,
        _ => StatusCode::CONFLICT,
    };
    Ok((
        status,
        [(header::LOCATION, format!("/api/v1/jobs/{job}"))],
        Json(json!({"job": done})),
    )
        .into_response())
}

/// `GET /api/v1/certificates`: my institution's certificates (all for the secretariat).
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let items = certificates::list(&state.app, &ctx.actor).await?;
    Ok(Json(
        json!({"items": items.iter().map(|c| certificate_json(&state, c)).collect::<Vec<_>>()}),
    ))
}

/// `GET /api/v1/certificates/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
) -> Result<Json<Value>, ApiError> {
    let c = certificates::get(&state.app, &ctx.actor, cid).await?;
    Ok(Json(certificate_json(&state, &c)))
}

/// Body with a public reason.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    reason: String,
}

/// Schema of a reason body.
pub fn reason_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["reason"],
        "properties": {"reason": {"type": "string", "minLength": 2, "maxLength": 60,
            "description": "public: shown on the verify page and in the status list; never personal data"}}})
}

/// `POST /api/v1/certificates/{id}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
    Body(b): Body<ReasonBody>,
) -> Result<Json<Value>, ApiError> {
    let c = certificates::revoke(&state.app, &ctx.actor, cid, &b.reason).await?;
    Ok(Json(certificate_json(&state, &c)))
}

/// `POST /api/v1/certificates/{id}/suspend`.
pub async fn suspend(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
    Body(b): Body<ReasonBody>,
) -> Result<Json<Value>, ApiError> {
    let c = certificates::suspend(&state.app, &ctx.actor, cid, &b.reason).await?;
    Ok(Json(certificate_json(&state, &c)))
}

/// `POST /api/v1/certificates/{id}/reinstate`: lift a suspension.
pub async fn reinstate(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
) -> Result<Json<Value>, ApiError> {
    let c = certificates::reinstate(&state.app, &ctx.actor, cid).await?;
    Ok(Json(certificate_json(&state, &c)))
}
