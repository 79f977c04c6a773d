//! Accounts in the API: sessions, who am I, password, API tokens, invitations.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, Items, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::accounts::{self, Acceptance, PasswordChange};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{AllianceId, ApiTokenId, InvitationId, OrgId, UserId};
use gongjiang_domain::time::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Body of `POST /api/v1/session`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    login: String,
    #[schemars(extend("format" = "password"))]
    password: String,
}

/// A new session: who signed in, what they act as, and the CSRF token for
/// later writes.
#[derive(Serialize, JsonSchema)]
pub struct SignedIn {
    user_id: UserId,
    org_id: OrgId,
    role: Role,
    /// Send it as `X-CSRF-Token` on every write.
    csrf_token: String,
    /// The password was set by someone else and must be changed first.
    must_change_password: bool,
}

/// Who I am and what I act as.
#[derive(Serialize, JsonSchema)]
pub struct Me {
    user_id: UserId,
    login: String,
    display_name: String,
    /// The unit I act for now.
    org_id: OrgId,
    /// The role I act in now.
    role: Role,
    alliance_id: AllianceId,
    /// Every role I hold.
    grants: Vec<GrantView>,
}

/// A role held in a unit.
#[derive(Serialize, JsonSchema)]
pub struct GrantView {
    org_id: OrgId,
    role: Role,
}

/// An API token (never its secret, except once when made).
#[derive(Serialize, JsonSchema)]
pub struct TokenView {
    id: ApiTokenId,
    name: String,
    /// The secret's first characters, to tell tokens apart.
    prefix: String,
    org_id: OrgId,
    role: Role,
    created_at: Timestamp,
    last_used_at: Option<Timestamp>,
    revoked_at: Option<Timestamp>,
    /// The secret, in the answer that made the token only.
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
}

/// An invitation (never its secret, except once when made).
#[derive(Serialize, JsonSchema)]
pub struct InvitationView {
    id: InvitationId,
    role: Role,
    note: String,
    created_at: Timestamp,
    expires_at: Timestamp,
    used_at: Option<Timestamp>,
}

/// A new invitation with its secret link, shown once.
#[derive(Serialize, JsonSchema)]
pub struct Invited {
    id: InvitationId,
    role: Role,
    /// The secret.
    token: String,
    /// The link to send: `/invite/{token}`.
    path: String,
    expires_at: Timestamp,
}

/// The account an invitation made.
#[derive(Serialize, JsonSchema)]
pub struct Accepted {
    user_id: UserId,
}

/// `POST /api/v1/session`: sets the session cookie; returns the CSRF token for later writes.
pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<LoginBody>,
) -> Result<Response, ApiError> {
    let signed = accounts::sign_in(&state.app, &body.login, &body.password, ctx.actor.ip()).await?;
    let cookie = state.cookie(state.session_cookie(), &signed.secret, None);
    let body = SignedIn {
        user_id: signed.session.user_id,
        org_id: signed.session.acting_org_id,
        role: signed.session.acting_role,
        csrf_token: signed.session.csrf_token,
        must_change_password: signed.must_change_password,
    };
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
pub async fn me(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Me>, ApiError> {
    let user = ctx.actor.user()?;
    let grants = accounts::my_grants(&state.app, &ctx.actor).await?;
    Ok(Json(Me {
        user_id: user.user_id,
        login: user.login.clone(),
        display_name: user.display_name.clone(),
        org_id: user.org_id,
        role: user.role,
        alliance_id: user.alliance_id,
        grants: grants
            .iter()
            .map(|g| GrantView {
                org_id: g.org_id,
                role: g.role,
            })
            .collect(),
    }))
}

/// Body of `PUT /api/v1/me/password`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    current_password: String,
    /// 8 to 128 characters.
    #[schemars(length(min = 8, max = 128))]
    new_password: String,
    /// The new password again.
    confirm_password: String,
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

fn token_view(t: &gongjiang_app::accounts::ApiToken) -> TokenView {
    TokenView {
        id: t.id,
        name: t.name.clone(),
        prefix: t.prefix.clone(),
        org_id: t.org_id,
        role: t.role,
        created_at: t.created_at,
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
        secret: None,
    }
}

/// `GET /api/v1/me/tokens`.
pub async fn tokens(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Items<TokenView>>, ApiError> {
    let list = accounts::api_tokens(&state.app, &ctx.actor).await?;
    Ok(Json(Items::of(list.iter().map(token_view).collect())))
}

/// Body of `POST /api/v1/me/tokens`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenBody {
    /// What the token is for, at most 60 characters.
    #[schemars(length(max = 60))]
    name: String,
}

/// `POST /api/v1/me/tokens`: the secret is in the answer, once.
pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<TokenBody>,
) -> Result<(StatusCode, Json<TokenView>), ApiError> {
    let created = accounts::create_api_token(&state.app, &ctx.actor, &body.name).await?;
    let mut v = token_view(&created.token);
    v.secret = Some(created.secret);
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
) -> Result<Json<Items<accounts::StaffMember>>, ApiError> {
    let org = id(&ctx, &org, "organization")?;
    let list = accounts::staff(&state.app, &ctx.actor, org).await?;
    Ok(Json(Items::of(list)))
}

/// `GET /api/v1/invitations`.
pub async fn invitations(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Items<InvitationView>>, ApiError> {
    let list = accounts::invitations(&state.app, &ctx.actor).await?;
    Ok(Json(Items::of(
        list.into_iter()
            .map(|i| InvitationView {
                id: i.id,
                role: i.role,
                note: i.note,
                created_at: i.created_at,
                expires_at: i.expires_at,
                used_at: i.used_at,
            })
            .collect(),
    )))
}

/// Body of `POST /api/v1/invitations`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationBody {
    /// The role the new account gets (`secretariat` only by the secretariat).
    #[schemars(with = "Role")]
    role: String,
    /// At most 100 characters.
    #[serde(default)]
    #[schemars(length(max = 100))]
    note: String,
}

/// `POST /api/v1/invitations`: the link's secret is in the answer, once.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<InvitationBody>,
) -> Result<(StatusCode, Json<Invited>), ApiError> {
    let created =
        accounts::create_invitation(&state.app, &ctx.actor, &body.role, &body.note).await?;
    Ok((
        StatusCode::CREATED,
        Json(Invited {
            id: created.invitation.id,
            role: created.invitation.role,
            path: format!("/invite/{}", created.secret),
            token: created.secret,
            expires_at: created.invitation.expires_at,
        }),
    ))
}

/// Body of `POST /api/v1/invitations/accept`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptBody {
    /// The invitation's secret.
    token: String,
    /// 3 to 40 characters.
    #[schemars(length(min = 3, max = 40))]
    login: String,
    /// At most 40 characters.
    #[schemars(length(max = 40))]
    display_name: String,
    /// 8 to 128 characters.
    #[schemars(length(min = 8, max = 128))]
    password: String,
    /// The password again.
    confirm_password: String,
}

/// `POST /api/v1/invitations/accept`.
pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<AcceptBody>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    let input = Acceptance {
        login: body.login,
        display_name: body.display_name,
        password: body.password,
        confirm_password: body.confirm_password,
    };
    let user = accounts::accept_invitation(&state.app, &body.token, &input, ctx.actor.ip()).await?;
    Ok((StatusCode::CREATED, Json(Accepted { user_id: user })))
}
