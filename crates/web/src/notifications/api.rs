//! Notifications in the API: my list, marking read, and my contact settings.

use super::words;
use crate::context::Ctx;
use crate::error::ApiError;
use crate::forms::Id;
use crate::json::{Body, Page};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use gongjiang_app::notifications::{self, Contact, NotificationView};
use gongjiang_domain::ids::NotificationId;
use gongjiang_domain::time::Timestamp;
use schemars::JsonSchema;
use serde::Serialize;

/// A notification as the API shows it: its kind, its words in the
/// request's language, and the record it is about.
#[derive(Serialize, JsonSchema)]
pub struct NotificationItem {
    /// Id.
    id: NotificationId,
    /// What happened (`log.submitted`).
    kind: String,
    /// What it says, in the request's language.
    text: String,
    /// The record it is about (a path on this site).
    href: String,
    /// The words' arguments.
    args: serde_json::Map<String, serde_json::Value>,
    /// Raised.
    created_at: Timestamp,
    /// Read, if it was.
    read_at: Option<Timestamp>,
}

fn item(lang: crate::i18n::Lang, n: NotificationView) -> NotificationItem {
    let NotificationView {
        id,
        kind,
        href,
        args,
        created_at,
        read_at,
    } = n;
    NotificationItem {
        id,
        text: words::text(lang, &kind, &args),
        kind,
        href,
        args,
        created_at,
        read_at,
    }
}

/// Query of my notifications.
#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    /// `1` for unread only.
    #[serde(default)]
    unread: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/notifications`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Json<Page<NotificationItem>>, ApiError> {
    let ask = crate::lists::PageAsk::new(q.page, q.per_page, notifications::MAX_PAGE);
    let (rows, total) = notifications::mine(
        &state.app,
        &ctx.actor,
        q.unread == "1",
        ask.page,
        ask.per_page,
    )
    .await?;
    Ok(Json(Page {
        items: rows.into_iter().map(|n| item(ctx.lang, n)).collect(),
        total: u64::try_from(total).unwrap_or(0),
        page: u64::try_from(ask.page).unwrap_or(1),
        per_page: u64::try_from(ask.per_page).unwrap_or(1),
    }))
}

/// `POST /api/v1/notifications/{id}/read`.
pub async fn read(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<NotificationId>,
) -> Result<Json<NotificationItem>, ApiError> {
    let n = notifications::open(&state.app, &ctx.actor, id).await?;
    Ok(Json(item(ctx.lang, n)))
}

/// How many notifications were marked read.
#[derive(Serialize, JsonSchema)]
pub struct ReadAll {
    /// Unread before, read now.
    marked: u64,
}

/// `POST /api/v1/notifications/read-all`.
pub async fn read_all(State(state): State<AppState>, ctx: Ctx) -> Result<Json<ReadAll>, ApiError> {
    let marked = notifications::read_all(&state.app, &ctx.actor).await?;
    Ok(Json(ReadAll { marked }))
}

/// `GET /api/v1/account/contact`.
pub async fn contact(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Contact>, ApiError> {
    Ok(Json(
        notifications::my_contact(&state.app, &ctx.actor).await?,
    ))
}

/// `PUT /api/v1/account/contact`.
pub async fn set_contact(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Contact>,
) -> Result<Json<Contact>, ApiError> {
    use crate::error::LabelFields;
    let saved = notifications::set_my_contact(&state.app, &ctx.actor, &body)
        .await
        .labels(super::pages::LABELS)?;
    Ok(Json(saved))
}
