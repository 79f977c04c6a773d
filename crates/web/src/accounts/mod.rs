//! Accounts: sign-in and out, one's own account and API tokens, a unit's people and invitations.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::json::Items;
use crate::routes::Access::{Policy, Public, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;

/// On a fresh install with no account yet: how to create the first one.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    Ok(
        if gongjiang_app::accounts::count_users(&state.app).await? == 0 {
            vec![crate::areas::Notice {
                id: "first-run".into(),
                href: None,
                text: crate::i18n::tr(ctx.lang, "login.first_run").into(),
            }]
        } else {
            Vec::new()
        },
    )
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/login", Public, "sign-in form", pages::login_form)
        .route(post.clone(), "/login", Public, "sign in", pages::login)
        .route(post.clone(), "/logout", SignedIn, "sign out", pages::logout)
        .route(get.clone(), "/account", Policy(Kind::ManageOwnAccount), "my account", pages::account)
        .route(post.clone(), "/account/password", Policy(Kind::ManageOwnAccount), "change my password", pages::change_password)
        .route(post.clone(), "/account/switch", SignedIn, "act for another of my units", pages::switch)
        .route(post.clone(), "/account/tokens", Policy(Kind::ManageOwnAccount), "create an API token", pages::create_token)
        .route(post.clone(), "/account/tokens/{id}/revoke", Policy(Kind::ManageOwnAccount), "revoke an API token", pages::revoke_token)
        .route(get.clone(), "/org/{id}/people", Policy(Kind::ViewOrgPrivate), "a unit's people and invitations", pages::people)
        .route(get.clone(), "/org/{id}/people.csv", Policy(Kind::ViewOrgPrivate), "a unit's people, filtered as on the page, as CSV", pages::people_export)
        .route(get.clone(), "/org/{id}/people.xlsx", Policy(Kind::ViewOrgPrivate), "a unit's people, filtered as on the page, as a workbook", pages::people_export)
        .route(post.clone(), "/org/{id}/invitations", Policy(Kind::InviteStaff), "create an invitation link", pages::invite)
        .route(post.clone(), "/org/{id}/people/{user}/status", Policy(Kind::EditOrgProfile), "disable or enable a staff account", pages::set_status)
        .route(get.clone(), "/invite/{token}", Public, "invitation acceptance form", pages::invitation_form)
        .route(post.clone(), "/invite/{token}", Public, "accept an invitation", pages::accept_invitation)
        .route(get.clone(), "/api/v1/organizations/{id}/people", Policy(Kind::ViewOrgPrivate), "an organisation's people", api::people).answers(schema::<Items<gongjiang_app::accounts::StaffMember>>)
        .json(post.clone(), "/api/v1/session", Public, "sign in; sets the session cookie and returns the CSRF token", schema::<api::LoginBody>, api::login).answers(schema::<api::SignedIn>)
        .route(Method::DELETE, "/api/v1/session", SignedIn, "sign out", api::logout).answers_nothing()
        .route(get.clone(), "/api/v1/me", SignedIn, "who I am and what I act as", api::me).answers(schema::<api::Me>)
        .json(Method::PUT, "/api/v1/me/password", Policy(Kind::ManageOwnAccount), "change my password", schema::<api::PasswordBody>, api::change_password).answers_nothing()
        .route(get.clone(), "/api/v1/me/tokens", Policy(Kind::ManageOwnAccount), "my API tokens", api::tokens).answers(schema::<Items<api::TokenView>>)
        .json(post.clone(), "/api/v1/me/tokens", Policy(Kind::ManageOwnAccount), "create an API token (secret shown once)", schema::<api::TokenBody>, api::create_token).creates(schema::<api::TokenView>)
        .route(Method::DELETE, "/api/v1/me/tokens/{id}", Policy(Kind::ManageOwnAccount), "revoke an API token", api::revoke_token).answers_nothing()
        .route(get.clone(), "/api/v1/invitations", Policy(Kind::InviteStaff), "my unit's invitations", api::invitations).answers(schema::<Items<api::InvitationView>>)
        .json(post.clone(), "/api/v1/invitations", Policy(Kind::InviteStaff), "create an invitation (secret shown once)", schema::<api::InvitationBody>, api::invite).creates(schema::<api::Invited>)
        .json(post.clone(), "/api/v1/invitations/accept", Public, "accept an invitation, creating an account", schema::<api::AcceptBody>, api::accept).creates(schema::<api::Accepted>)
}
