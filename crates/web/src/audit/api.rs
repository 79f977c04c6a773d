//! The audit log in the API.

use crate::audit::pages::AuditQuery;
use crate::context::Ctx;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use gongjiang_app::audit;
use serde_json::{Value, json};

/// `GET /api/v1/audit`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Value>, ApiError> {
    let filter = q.filter()?;
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, audit::MAX_PAGE);
    let (entries, total) = audit::browse(&state.app, &ctx.actor, filter, page, per_page).await?;
    let items: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "seq": e.seq, "at": e.entry.at.rfc3339_cst(), "actor_login": e.entry.actor_login,
                "actor_org_id": e.entry.actor_org_id, "actor_role": e.entry.actor_role, "action": e.entry.action,
                "object_type": e.entry.object_type, "object_id": e.entry.object_id, "object_org_id": e.entry.object_org_id,
                "before": e.entry.before, "after": e.entry.after, "hash": e.hash,
            })
        })
        .collect();
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}
