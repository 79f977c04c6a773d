//! Jobs in the JSON API: a long piece of work started elsewhere (a round's
//! solving) is polled here until it ends.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::forms::Id;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use gongjiang_app::jobs::{self, JobView};
use gongjiang_domain::ids::JobId;

/// `GET /api/v1/jobs/{id}`: one job of mine, with its progress and outcome.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(job): Id<JobId>,
) -> Result<Json<JobView>, ApiError> {
    jobs::get(&state.app, &ctx.actor, job)
        .await
        .map(Json)
        .map_err(ApiError::from)
}
