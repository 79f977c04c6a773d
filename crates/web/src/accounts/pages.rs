//! Account pages: sign in and out, my account (password, API tokens, acting
//! unit), a unit's people and invitations, and accepting an invitation.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::FormErrors;
use crate::forms::Id;
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, tr};
use crate::layout::{Layout, render, render_with};
use crate::lists::{Cell, PageAsk, Pager, Table};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::accounts::{self, Acceptance, PasswordChange};
use gongjiang_app::{Error, policy::Permission};
use gongjiang_domain::accounts::{Role, UserStatus};
use gongjiang_domain::ids::{ApiTokenId, OrgId, UserId};

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    l: Layout,
    login: String,
    next: String,
    error: String,
    no_accounts: bool,
}

/// Query of the sign-in page.
#[derive(serde::Deserialize, Default)]
pub struct LoginQuery {
    next: Option<String>,
}

/// `GET /login`.
pub async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Result<Html<String>, PageError> {
    let no_accounts = accounts::count_users(&state.app).await? == 0;
    render(
        ctx.lang,
        &LoginPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            login: String::new(),
            next: crate::home::pages::safe_next(q.next.as_deref()),
            error: String::new(),
            no_accounts,
        },
    )
}

/// `POST /login`.
pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let login = field(&pairs, "login");
    let next = crate::home::pages::safe_next(Some(&field(&pairs, "next")));
    match accounts::sign_in(
        &state.app,
        &login,
        &field(&pairs, "password"),
        ctx.actor.ip(),
    )
    .await
    {
        Ok(signed) => {
            let cookie = state.cookie(state.session_cookie(), &signed.secret, None);
            let target = if signed.must_change_password {
                "/account".to_string()
            } else if gongjiang_app::privacy::notice_due(&state.app, signed.session.user_id).await?
            {
                // A trainee reads the notice's new version first (PIPL F3).
                crate::lists::href("/me/privacy/notice", &[("next", next)])
            } else {
                next
            };
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&target)).into_response())
        }
        Err(
            e @ (Error::BadCredentials | Error::TooManyAttempts { .. } | Error::DemoAccountRefused),
        ) => {
            let status = match e {
                Error::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
                Error::DemoAccountRefused => StatusCode::FORBIDDEN,
                _ => StatusCode::UNAUTHORIZED,
            };
            let message = match &e {
                Error::TooManyAttempts { retry_after_secs } => crate::i18n::tr_args(
                    lang,
                    "error.too_many_attempts",
                    &[("minutes", ((retry_after_secs + 59) / 60).to_string())],
                ),
                Error::DemoAccountRefused => tr(lang, "error.demo_account").to_string(),
                _ => tr(lang, "error.bad_credentials").to_string(),
            };
            let page = LoginPage {
                l: Layout::new(&ctx, state.app.settings.demo_mode),
                login,
                next,
                error: message,
                no_accounts: false,
            };
            let mut response = render_with(lang, status, &page)?.into_response();
            if let Error::TooManyAttempts { retry_after_secs } = e
                && let Ok(v) = retry_after_secs.to_string().parse()
            {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Ok(response)
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /logout`.
pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    ctx.actor.user()?;
    if let Some(secret) = &ctx.session_secret {
        accounts::sign_out(&state.app, secret).await?;
    }
    let cookie = state.cookie(state.session_cookie(), "", Some(0));
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

/// A grant the user may switch to.
pub struct GrantRow {
    value: String,
    label: String,
    current: bool,
}

/// A token line.
pub struct TokenRow {
    id: String,
    name: String,
    prefix: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    l: Layout,
    grants: Vec<GrantRow>,
    tokens: Vec<TokenRow>,
    new_token: String,
    errors: FormErrors,
    password_changed: bool,
}

async fn account_page(
    state: &AppState,
    ctx: &Ctx,
    errors: FormErrors,
    new_token: String,
    password_changed: bool,
) -> Result<AccountPage, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let me = ctx.actor.user()?;
    let grants = accounts::my_grants(app, &ctx.actor).await?;
    let mut rows = Vec::new();
    for g in grants {
        let name = match gongjiang_app::members::profile(app, &ctx.actor, g.org_id).await {
            Ok(p) => p.org.name,
            Err(_) => g.org_id.to_string(),
        };
        rows.push(GrantRow {
            value: format!("{}:{}", g.org_id, g.role.as_str()),
            label: format!("{name} · {}", i18n::role_label(lang, g.role)),
            current: g.org_id == me.org_id && g.role == me.role,
        });
    }
    let tokens = accounts::api_tokens(app, &ctx.actor)
        .await?
        .iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name.clone(),
            prefix: t.prefix.clone(),
            created: t.created_at.display_cst(),
            last_used: t
                .last_used_at
                .map(|x| x.display_cst())
                .unwrap_or_else(|| tr(lang, "account.never").into()),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    Ok(AccountPage {
        l: Layout::new(ctx, app.settings.demo_mode),
        grants: rows,
        tokens,
        new_token,
        errors,
        password_changed,
    })
}

/// `GET /account`.
pub async fn account(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    ctx.actor.require(Permission::ManageOwnAccount)?;
    let page = account_page(&state, &ctx, FormErrors::default(), String::new(), false).await?;
    render(ctx.lang, &page)
}

/// `POST /account/password`.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = PasswordChange {
        current_password: field(&pairs, "current_password"),
        new_password: field(&pairs, "new_password"),
        confirm_password: field(&pairs, "confirm_password"),
    };
    let keep = ctx
        .session
        .as_ref()
        .map(|s| s.token_hash.clone())
        .unwrap_or_default();
    match accounts::change_password(&state.app, &ctx.actor, &input, &keep).await {
        Ok(()) => {
            let page =
                account_page(&state, &ctx, FormErrors::default(), String::new(), true).await?;
            Ok(render(lang, &page)?.into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = account_page(
                &state,
                &ctx,
                FormErrors::new(&errors, lang),
                String::new(),
                false,
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /account/switch`.
pub async fn switch(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    ctx.actor.user()?;
    let value = field(&pairs, "grant");
    let (org, role) = value.split_once(':').ok_or_else(|| {
        PageError::new(
            lang,
            Error::field("grant", gongjiang_domain::Problem::InvalidChoice),
        )
    })?;
    let org: OrgId = org
        .parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("grant")))?;
    let role = Role::parse(role).map_err(|p| PageError::new(lang, Error::field("grant", p)))?;
    let hash = ctx
        .session
        .as_ref()
        .map(|s| s.token_hash.clone())
        .ok_or_else(|| PageError::new(lang, Error::Unauthenticated))?;
    accounts::switch_acting(&state.app, &ctx.actor, &hash, org, role).await?;
    Ok(Redirect::to("/account").into_response())
}

/// `POST /account/tokens`.
pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    match accounts::create_api_token(&state.app, &ctx.actor, &field(&pairs, "name")).await {
        Ok(created) => {
            let page =
                account_page(&state, &ctx, FormErrors::default(), created.secret, false).await?;
            Ok(render(lang, &page)?.into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = account_page(
                &state,
                &ctx,
                FormErrors::new(&errors, lang),
                String::new(),
                false,
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<ApiTokenId>,
) -> Result<Response, PageError> {
    let _lang = ctx.lang;
    accounts::revoke_api_token(&state.app, &ctx.actor, id).await?;
    Ok(Redirect::to("/account").into_response())
}

/// A person of a unit: the cells of [`people_table`] and the state its
/// enable/disable form needs.
pub struct PersonRow {
    user_id: String,
    cells: Vec<Cell>,
    active: bool,
    is_me: bool,
}

/// Query of a unit's people list: its filter and the page.
#[derive(serde::Deserialize, Default)]
pub struct PeopleQuery {
    /// A role code (`staff`…), or empty for every role.
    #[serde(default)]
    role: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl PeopleQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("role", self.role.clone())]
    }
}

/// A person of a unit, as the list needs them.
struct Person {
    user_id: UserId,
    display_name: String,
    login: String,
    role: Role,
    active: bool,
    /// Why the account is disabled (empty while it is active).
    disabled_reason: String,
}

/// The unit's people under the query's filter.
async fn people_of(
    state: &AppState,
    ctx: &Ctx,
    org: OrgId,
    q: &PeopleQuery,
) -> Result<Vec<Person>, PageError> {
    let role = if q.role.is_empty() {
        None
    } else {
        Some(Role::parse(&q.role).map_err(|p| PageError::new(ctx.lang, Error::field("role", p)))?)
    };
    Ok(accounts::staff(&state.app, &ctx.actor, org)
        .await?
        .into_iter()
        .filter(|p| role.is_none_or(|r| p.role == r))
        .map(|p| Person {
            user_id: p.user_id,
            display_name: p.display_name,
            login: p.login,
            role: p.role,
            active: p.status == UserStatus::Active,
            disabled_reason: p.disabled_reason.unwrap_or_default(),
        })
        .collect())
}

/// The people's columns, one row per person, in words (the page and its exports).
fn people_table(lang: i18n::Lang, people: &[Person]) -> Table {
    let mut table = Table::new(
        lang,
        &[
            "people.name",
            "people.login",
            "people.role",
            "people.status",
            "people.disabled_reason",
        ],
    );
    for p in people {
        table.push(vec![
            Cell::text(p.display_name.clone()),
            Cell::text(p.login.clone()),
            Cell::text(i18n::role_label(lang, p.role)),
            Cell::text(tr(
                lang,
                if p.active {
                    "people.active"
                } else {
                    "people.disabled"
                },
            )),
            Cell::text(p.disabled_reason.clone()),
        ]);
    }
    table
}

/// An invitation line.
pub struct InvitationRow {
    role: &'static str,
    note: String,
    created: String,
    expires: String,
    used: bool,
}

#[derive(Template)]
#[template(path = "accounts/people.html")]
struct PeoplePage {
    l: Layout,
    org_id: String,
    org_name: String,
    headers: Vec<String>,
    people: Vec<PersonRow>,
    pager: Pager,
    role_filter: Vec<crate::forms::Choice>,
    invitations: Vec<InvitationRow>,
    can_invite: bool,
    can_manage: bool,
    roles: Vec<(String, &'static str)>,
    new_link: String,
    errors: FormErrors,
}

async fn people_page(
    state: &AppState,
    ctx: &Ctx,
    org: OrgId,
    new_link: String,
    errors: FormErrors,
    q: &PeopleQuery,
) -> Result<PeoplePage, PageError> {
    let lang = ctx.lang;
    let app = &state.app;
    let people = people_of(state, ctx, org, q).await?;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (pager, people) = crate::lists::paged(
        lang,
        &format!("/org/{org}/people"),
        &q.params(),
        ask,
        people,
    );
    let table = people_table(lang, &people);
    let profile = gongjiang_app::members::profile(app, &ctx.actor, org).await?;
    let me = ctx.actor.user()?;
    let can_invite = ctx.actor.may(Permission::InviteStaff(org));
    let invitations = if can_invite {
        accounts::invitations(app, &ctx.actor)
            .await?
            .iter()
            .map(|i| InvitationRow {
                role: i18n::role_label(lang, i.role),
                note: i.note.clone(),
                created: i.created_at.display_cst(),
                expires: i.expires_at.display_cst(),
                used: i.used_at.is_some(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut roles = vec![Role::Staff, Role::OrgAdmin, Role::Trainee];
    if me.role == Role::Secretariat {
        roles.push(Role::Secretariat);
    }
    Ok(PeoplePage {
        l: Layout::new(ctx, app.settings.demo_mode),
        org_id: org.to_string(),
        org_name: profile.org.name,
        headers: table.headers,
        people: people
            .iter()
            .zip(table.rows)
            .map(|(p, cells)| PersonRow {
                user_id: p.user_id.to_string(),
                cells,
                active: p.active,
                is_me: p.user_id == me.user_id,
            })
            .collect(),
        pager,
        role_filter: Role::ALL
            .iter()
            .map(|r| crate::forms::Choice::new(r.as_str(), i18n::role_label(lang, *r), &q.role))
            .collect(),
        invitations,
        can_invite,
        can_manage: ctx.actor.may(Permission::EditOrgProfile(org)) && me.org_id == org,
        roles: roles
            .into_iter()
            .map(|r| (r.as_str().to_string(), i18n::role_label(lang, r)))
            .collect(),
        new_link,
        errors,
    })
}

fn org_from_path(ctx: &Ctx, id: &str) -> Result<OrgId, PageError> {
    id.parse()
        .map_err(|_| PageError::new(ctx.lang, Error::NotFound("organization")))
}

/// `GET /org/{id}/people`.
pub async fn people(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Query(q): Query<PeopleQuery>,
) -> Result<Html<String>, PageError> {
    let page = people_page(&state, &ctx, org, String::new(), FormErrors::default(), &q).await?;
    render(ctx.lang, &page)
}

/// `GET /org/{id}/people.csv` and `.xlsx`: the unit's people under the page's filter, as CSV or a workbook (by the path's ending).
pub async fn people_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Query(q): Query<PeopleQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    people_download(&state, &ctx, org, &q, format.is_xlsx()).await
}

async fn people_download(
    state: &AppState,
    ctx: &Ctx,
    org: OrgId,
    q: &PeopleQuery,
    xlsx: bool,
) -> Result<Response, PageError> {
    let people = people_of(state, ctx, org, q).await?;
    crate::lists::download(
        ctx.lang,
        tr(ctx.lang, "people.title"),
        &people_table(ctx.lang, &people),
        xlsx,
    )
}

/// `POST /org/{id}/invitations`: the invitation is for the unit the user acts for.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    ctx.actor.require(Permission::InviteStaff(org))?;
    match accounts::create_invitation(
        &state.app,
        &ctx.actor,
        &field(&pairs, "role"),
        &field(&pairs, "note"),
    )
    .await
    {
        Ok(created) => {
            let link = format!("/invite/{}", created.secret);
            let page = people_page(
                &state,
                &ctx,
                org,
                link,
                FormErrors::default(),
                &PeopleQuery::default(),
            )
            .await?;
            Ok(render(lang, &page)?.into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = people_page(
                &state,
                &ctx,
                org,
                String::new(),
                FormErrors::new(&errors, lang),
                &PeopleQuery::default(),
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `POST /org/{id}/people/{user}/status`.
pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user)): Path<(String, String)>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let org = org_from_path(&ctx, &id)?;
    let me = ctx.actor.user()?;
    if me.org_id != org {
        return Err(PageError::new(lang, Error::NotFound("organization")));
    }
    let user: UserId = user
        .parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("user")))?;
    let status = UserStatus::parse(&field(&pairs, "status"))
        .map_err(|p| PageError::new(lang, Error::field("status", p)))?;
    let action = format!("/org/{org}/people/{user}/status");
    let confirmation = || crate::forms::Confirmation {
        title_key: "accounts.confirm.disable",
        what: crate::i18n::tr(lang, "accounts.confirm.disable_what").into(),
        back: format!("/org/{org}/people"),
        reason: Some("reason"),
    };
    let disabling = status == UserStatus::Disabled;
    if disabling && !crate::forms::confirmed(&pairs) {
        ctx.actor.require(Permission::EditOrgProfile(org))?;
        return crate::forms::confirm_page(&state, &ctx, &action, &pairs, confirmation());
    }
    let reason = field(&pairs, "reason");
    match accounts::set_staff_status(&state.app, &ctx.actor, user, status, &reason).await {
        Ok(()) => Ok(Redirect::to(&format!("/org/{org}/people")).into_response()),
        Err(Error::Invalid(errors)) if disabling => {
            crate::forms::confirm_again(&state, &ctx, &action, &pairs, confirmation(), &errors)
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

#[derive(Template)]
#[template(path = "accounts/invite.html")]
struct InvitePage {
    l: Layout,
    token: String,
    org_name: String,
    role: &'static str,
    login: String,
    display_name: String,
    errors: FormErrors,
    done: bool,
}

/// `GET /invite/{token}`.
pub async fn invitation_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let (invitation, org_name) = accounts::open_invitation(&state.app, &token).await?;
    render(
        lang,
        &InvitePage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            token,
            org_name,
            role: i18n::role_label(lang, invitation.role),
            login: String::new(),
            display_name: String::new(),
            errors: FormErrors::default(),
            done: false,
        },
    )
}

/// `POST /invite/{token}`.
pub async fn accept_invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = Acceptance {
        login: field(&pairs, "login"),
        display_name: field(&pairs, "display_name"),
        password: field(&pairs, "password"),
        confirm_password: field(&pairs, "confirm_password"),
    };
    let (invitation, org_name) = accounts::open_invitation(&state.app, &token).await?;
    let role = i18n::role_label(lang, invitation.role);
    match accounts::accept_invitation(&state.app, &token, &input, ctx.actor.ip()).await {
        Ok(_) => {
            let page = InvitePage {
                l: Layout::new(&ctx, state.app.settings.demo_mode),
                token: String::new(),
                org_name,
                role,
                login: input.login,
                display_name: input.display_name,
                errors: FormErrors::default(),
                done: true,
            };
            Ok(render(lang, &page)?.into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = InvitePage {
                l: Layout::new(&ctx, state.app.settings.demo_mode),
                token,
                org_name,
                role,
                login: input.login,
                display_name: input.display_name,
                errors: FormErrors::new(&errors, lang),
                done: false,
            };
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}
