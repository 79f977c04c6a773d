//! The audit log in the API.

use crate::audit::pages::AuditQuery;
use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::Page;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use gongjiang_app::audit;
use gongjiang_domain::time::Timestamp;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

/// One audit entry as the API shows it.
#[derive(Serialize, JsonSchema)]
pub struct AuditItem {
    /// Its place in the chain, from 1.
    seq: i64,
    /// When.
    at: Timestamp,
    /// Who (their login, or `system`).
    actor_login: String,
    /// The unit they acted for.
    actor_org_id: Option<String>,
    /// The role they acted in.
    actor_role: String,
    /// What was done (`certificate.revoke`, …).
    action: String,
    /// The kind of record.
    object_type: String,
    /// The record's id.
    object_id: String,
    /// The unit the record belongs to.
    object_org_id: Option<String>,
    /// The record before (fields that changed), masked.
    before: Value,
    /// The record after, masked.
    after: Value,
    /// This entry's hash in the chain.
    hash: String,
}

/// `GET /api/v1/audit`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Page<AuditItem>>, ApiError> {
    let filter = q.filter()?;
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, audit::MAX_PAGE);
    let (entries, total) = audit::browse(&state.app, &ctx.actor, filter, page, per_page).await?;
    let items = entries
        .into_iter()
        .map(|e| AuditItem {
            seq: e.seq,
            at: e.entry.at,
            actor_login: e.entry.actor_login,
            actor_org_id: e.entry.actor_org_id,
            actor_role: e.entry.actor_role,
            action: e.entry.action,
            object_type: e.entry.object_type,
            object_id: e.entry.object_id,
            object_org_id: e.entry.object_org_id,
            before: e.entry.before,
            after: e.entry.after,
            hash: e.hash,
        })
        .collect();
    Ok(Json(Page {
        items,
        total: total as u64,
        page: page as u64,
        per_page: per_page as u64,
    }))
}
