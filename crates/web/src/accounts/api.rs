//! Accounts in the API: sessions, who am I, password, API tokens, invitations.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::accounts::{self, Acceptance, PasswordChange};
use serde::Deserialize;
use serde_json::{Value, json};

/// Body of `POST /api/v1/session`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    login: String,
    password: String,
}

/// Schema of the sign-in body.
pub fn login_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["login", "password"],
        "properties": {"login": {"type": "string"}, "password": {"type": "string", "format": "password"}}})
}

/// `POST /api/v1/session`: sets the session cookie; returns the CSRF token for later writes.
pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<LoginBody>,
) -> Result<Response, ApiError> {
    let signed = accounts::sign_in(&state.app, &body.login, &body.password, ctx.actor.ip()).await?;
    let cookie = state.cookie(state.session_cookie(), &signed.secret, None);
    let body = json!({
        "user_id": signed.session.user_id, "org_id": signed.session.acting_org_id,
        "role": signed.session.acting_role, "csrf_token": signed.session.csrf_token,
        "must_change_password": signed.must_change_password,
    });
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}

/// `DELETE /api/v1/session`.
pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Result<Response, ApiError> {
    ctx.actor.user()?;
    if let Some(secret) = &ctx.session_secret {
        accounts::sign_out(&state.app, secret).await?;
    }
    let cookie = state.cookie(state.session_cookie(), "", Some(0));
    Ok(([(header::SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

/// `GET /api/v1/me`.
pub async fn me(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let user = ctx.actor.user()?;
    let grants = accounts::my_grants(&state.app, &ctx.actor).await?;
    Ok(Json(json!({
        "user_id": user.user_id, "login": user.login, "display_name": user.display_name,
        "org_id": user.org_id, "role": user.role, "alliance_id": user.alliance_id,
        "grants": grants.iter().map(|g| json!({"org_id": g.org_id, "role": g.role})).collect::<Vec<_>>(),
    })))
}

/// Body of `PUT /api/v1/me/password`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

/// Schema of the password body.
pub fn password_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["current_password", "new_password", "confirm_password"],
        "properties": {"current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 8, "maxLength": 128}, "confirm_password": {"type": "string"}}})
}

/// `PUT /api/v1/me/password`.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<PasswordBody>,
) -> Result<StatusCode, ApiError> {
    let input = PasswordChange {
        current_password: body.current_password,
        new_password: body.new_password,
        confirm_password: body.confirm_password,
    };
    let keep = ctx
        .session
        .as_ref()
        .map(|s| s.token_hash.clone())
        .unwrap_or_default();
    accounts::change_password(&state.app, &ctx.actor, &input, &keep).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn token_json(t: &gongjiang_app::accounts::ApiToken) -> Value {
    json!({"id": t.id, "name": t.name, "prefix": t.prefix, "org_id": t.org_id, "role": t.role,
        "created_at": t.created_at.rfc3339_cst(), "last_used_at": t.last_used_at.map(|x| x.rfc3339_cst()),
        "revoked_at": t.revoked_at.map(|x| x.rfc3339_cst())})
}

/// `GET /api/v1/me/tokens`.
pub async fn tokens(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let list = accounts::api_tokens(&state.app, &ctx.actor).await?;
    Ok(Json(
        json!({"items": list.iter().map(token_json).collect::<Vec<_>>()}),
    ))
}

/// Body of `POST /api/v1/me/tokens`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    name: String,
}

/// Schema of the token body.
pub fn token_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 60}}})
}

/// `POST /api/v1/me/tokens`: the secret is in the answer, once.
pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<TokenBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let created = accounts::create_api_token(&state.app, &ctx.actor, &body.name).await?;
    let mut v = token_json(&created.token);
    v["secret"] = json!(created.secret);
    Ok((StatusCode::CREATED, Json(v)))
}

/// `DELETE /api/v1/me/tokens/{id}`.
pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
) -> Result<StatusCode, ApiError> {
    let tid = id(&ctx, &tid, "api_token")?;
    accounts::revoke_api_token(&state.app, &ctx.actor, tid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/organizations/{id}/people`.
pub async fn people(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(org): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let org = id(&ctx, &org, "organization")?;
    let list = accounts::staff(&state.app, &ctx.actor, org).await?;
    Ok(Json(
        json!({"items": list.iter().map(|p| json!({"user_id": p.user_id, "login": p.login, "display_name": p.display_name, "role": p.role, "status": p.status, "disabled_reason": p.disabled_reason})).collect::<Vec<_>>()}),
    ))
}

/// `GET /api/v1/invitations`.
pub async fn invitations(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let list = accounts::invitations(&state.app, &ctx.actor).await?;
    Ok(Json(
        json!({"items": list.iter().map(|i| json!({"id": i.id, "role": i.role, "note": i.note,
        "created_at": i.created_at.rfc3339_cst(), "expires_at": i.expires_at.rfc3339_cst(),
        "used_at": i.used_at.map(|t| t.rfc3339_cst())})).collect::<Vec<_>>()}),
    ))
}

/// Body of `POST /api/v1/invitations`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationBody {
    role: String,
    #[serde(default)]
    note: String,
}

/// Schema of the invitation body.
pub fn invitation_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["role"], "properties": {
        "role": {"type": "string", "enum": ["org_admin", "staff", "trainee", "secretariat"], "description": "secretariat only by the secretariat"},
        "note": {"type": "string", "maxLength": 100}}})
}

/// `POST /api/v1/invitations`: the link's secret is in the answer, once.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<InvitationBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let created =
        accounts::create_invitation(&state.app, &ctx.actor, &body.role, &body.note).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({"id": created.invitation.id, "role": created.invitation.role, "token": created.secret,
            "path": format!("/invite/{}", created.secret), "expires_at": created.invitation.expires_at.rfc3339_cst()}),
        ),
    ))
}

/// Body of `POST /api/v1/invitations/accept`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptBody {
    token: String,
    login: String,
    display_name: String,
    password: String,
    confirm_password: String,
}

/// Schema of the acceptance body.
pub fn accept_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["token", "login", "display_name", "password", "confirm_password"],
        "properties": {"token": {"type": "string"}, "login": {"type": "string", "minLength": 3, "maxLength": 40},
            "display_name": {"type": "string", "maxLength": 40}, "password": {"type": "string", "minLength": 8, "maxLength": 128},
            "confirm_password": {"type": "string"}}})
}

/// `POST /api/v1/invitations/accept`.
pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<AcceptBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let input = Acceptance {
        login: body.login,
        display_name: body.display_name,
        password: body.password,
        confirm_password: body.confirm_password,
    };
    let user = accounts::accept_invitation(&state.app, &body.token, &input, ctx.actor.ip()).await?;
    Ok((StatusCode::CREATED, Json(json!({"user_id": user}))))
}
