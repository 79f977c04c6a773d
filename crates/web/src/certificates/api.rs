//! Certificates in the API: issue one passing result, issue a whole session
//! as a background job, list, read, revoke, suspend and reinstate.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::forms::Id;
use crate::json::{Body, Page};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::certificates::Certificate;
use gongjiang_app::certificates::{self, verify_url};
use gongjiang_app::jobs::{self, JobStatus};
use gongjiang_domain::ids::{CandidateId, CertificateId, EvaluationSessionId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How long issuing a session may take before the answer is 202 and a job to poll.
pub const ISSUE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// A certificate as the API shows it, with its public links.
#[derive(Serialize, JsonSchema)]
pub struct CertificateView {
    #[serde(flatten)]
    certificate: Certificate,
    /// The public page anyone may open to check it.
    verify_url: String,
    /// The signed credential (W3C Verifiable Credential, JSON).
    credential_url: String,
    /// The printable page.
    print_url: String,
}

/// A background job's view: `{"job": …}`.
#[derive(Serialize, JsonSchema)]
pub struct JobAnswer {
    /// The job, as `GET /api/v1/jobs/{id}` shows it.
    pub job: jobs::JobView,
}

/// A certificate with its public links.
pub fn certificate_view(state: &AppState, c: Certificate) -> CertificateView {
    CertificateView {
        verify_url: verify_url(&state.app, &c.token),
        credential_url: format!("/verify/{}/credential.json", c.token),
        print_url: format!("/certificates/{}/print", c.id),
        certificate: c,
    }
}

/// `POST /api/v1/evaluation/candidates/{id}/certificate`: issue the certificate of a passing result.
pub async fn issue(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CandidateId>,
) -> Result<(StatusCode, Json<CertificateView>), ApiError> {
    let c = certificates::issue(&state.app, &ctx.actor, cid).await?;
    Ok((StatusCode::CREATED, Json(certificate_view(&state, c))))
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
        Json(JobAnswer { job: done }),
    )
        .into_response())
}

/// Query of the certificate list: the page.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/certificates`: my institution's certificates (all for the secretariat).
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Json<Page<CertificateView>>, ApiError> {
    let ask = crate::lists::PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (items, total) = certificates::list(&state.app, &ctx.actor, ask.page, ask.per_page).await?;
    Ok(Json(Page {
        items: items
            .into_iter()
            .map(|c| certificate_view(&state, c))
            .collect(),
        total: u64::try_from(total).unwrap_or(0),
        page: ask.page as u64,
        per_page: ask.per_page as u64,
    }))
}

/// `GET /api/v1/certificates/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
) -> Result<Json<CertificateView>, ApiError> {
    let c = certificates::get(&state.app, &ctx.actor, cid).await?;
    Ok(Json(certificate_view(&state, c)))
}

/// Body with a public reason.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    /// Public: shown on the verify page and in the status list; never
    /// personal data.
    #[schemars(length(min = 2, max = 60))]
    reason: String,
}

/// `POST /api/v1/certificates/{id}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
    Body(b): Body<ReasonBody>,
) -> Result<Json<CertificateView>, ApiError> {
    let c = certificates::revoke(&state.app, &ctx.actor, cid, &b.reason).await?;
    Ok(Json(certificate_view(&state, c)))
}

/// `POST /api/v1/certificates/{id}/suspend`.
pub async fn suspend(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
    Body(b): Body<ReasonBody>,
) -> Result<Json<CertificateView>, ApiError> {
    let c = certificates::suspend(&state.app, &ctx.actor, cid, &b.reason).await?;
    Ok(Json(certificate_view(&state, c)))
}

/// `POST /api/v1/certificates/{id}/reinstate`: lift a suspension.
pub async fn reinstate(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
) -> Result<Json<CertificateView>, ApiError> {
    let c = certificates::reinstate(&state.app, &ctx.actor, cid).await?;
    Ok(Json(certificate_view(&state, c)))
}

/// Query of a lookup.
#[derive(Deserialize, Default)]
pub struct LookupQuery {
    /// The certificate's number.
    #[serde(default)]
    number: String,
    /// Its holder's full name.
    #[serde(default)]
    name: String,
}

/// Where a looked-up certificate is verified.
#[derive(Serialize, JsonSchema)]
pub struct Found {
    /// The verify page (masked holder, occupation, level, issuer, status).
    verify_url: String,
}

/// `GET /api/v1/verify?number=&name=`: 404 for an unknown number and a
/// wrong name alike; 429 after too many lookups from one address.
pub async fn lookup(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LookupQuery>,
) -> Result<Json<Found>, ApiError> {
    use crate::error::LabelFields;
    let token = certificates::lookup(&state.app, &ctx.actor, &q.number, &q.name)
        .await
        .labels(&[])?;
    Ok(Json(Found {
        verify_url: verify_url(&state.app, &token),
    }))
}
