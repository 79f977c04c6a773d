//! Jobs in the JSON API: a long piece of work started elsewhere (a round's
//! solving) is polled here until it ends.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::id;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use gongjiang_app::jobs::{self, JobView};
use gongjiang_domain::ids::JobId;

/// `GET /api/v1/jobs/{id}`: one job of mine, with its progress and outcome.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(job): Path<String>,
) -> Result<Json<JobView>, ApiError> {
    let job: JobId = id(&ctx, &job, "job")?;
    jobs::get(&state.app, &ctx.actor, job)
        .await
        .map(Json)
        .map_err(ApiError::from)
}
