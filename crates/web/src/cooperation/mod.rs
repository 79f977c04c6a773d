//! Cooperation: school–enterprise agreements with their files.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::json::Items;
use crate::routes::Access::{Policy, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;

/// Agreements, for anyone signed in.
pub fn nav(ctx: &crate::context::Ctx) -> Vec<crate::areas::NavLink> {
    crate::areas::signed_in(ctx, "/agreements", "nav.agreements")
}

/// Agreements of the reader's unit that end within the renewal window.
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    if !ctx.signed_in() {
        return Ok(Vec::new());
    }
    let today = state.app.now().date_cst();
    let due = gongjiang_app::cooperation::list(&state.app, &ctx.actor)
        .await?
        .iter()
        .filter(|a| a.needs_renewal(today, gongjiang_app::cooperation::RENEWAL_WINDOW_DAYS))
        .count();
    Ok(if due > 0 {
        vec![crate::areas::Notice {
            id: "renewals".into(),
            href: Some("/agreements".into()),
            text: format!("{due} {}", crate::i18n::tr(ctx.lang, "home.renewals")),
        }]
    } else {
        Vec::new()
    })
}

/// This area's routes, each with who may use it (see `crate::routes`).
#[rustfmt::skip]
pub fn routes(r: Registry) -> Registry {
    let get = Method::GET;
    let post = Method::POST;
    r
        .route(get.clone(), "/agreements", SignedIn, "agreements of my unit, with renewal flags", pages::agreements)
        .route(get.clone(), "/agreements.csv", SignedIn, "the agreements I see as CSV (parties and the secretariat)", pages::agreements_export)
        .route(get.clone(), "/agreements.xlsx", SignedIn, "the agreements I see as a workbook (parties and the secretariat)", pages::agreements_export)
        .route(get.clone(), "/agreements/new", Policy(Kind::ManageAgreements), "form for a new agreement", pages::new_agreement)
        .route(post.clone(), "/agreements/new", Policy(Kind::ManageAgreements), "record an agreement my unit is party to", pages::create_agreement)
        .route(get.clone(), "/agreements/{id}", SignedIn, "one agreement with its files (parties and the secretariat)", pages::agreement)
        .route(get.clone(), "/agreements/{id}/edit", Policy(Kind::ManageAgreements), "form to change an agreement", pages::edit_agreement)
        .route(post.clone(), "/agreements/{id}/edit", Policy(Kind::ManageAgreements), "change an agreement", pages::update_agreement)
        .upload(post.clone(), "/agreements/{id}/files", Policy(Kind::ManageAgreements), "attach a PDF, PNG or JPEG (multipart form, `file`)", pages::UPLOAD_LIMIT, pages::attach)
        .route(get.clone(), "/agreements/{id}/files/{file}", SignedIn, "download an attached file", pages::download)
        .route(get.clone(), "/api/v1/agreements", SignedIn, "agreements my unit is party to (all for the secretariat)", api::list).answers(schema::<Items<api::AgreementView>>)
        .json(post.clone(), "/api/v1/agreements", Policy(Kind::ManageAgreements), "record an agreement my unit is party to", schema::<api::AgreementBody>, api::create).creates(schema::<api::AgreementView>)
        .route(get.clone(), "/api/v1/agreements/{id}", SignedIn, "one agreement with its files", api::get).answers(schema::<api::AgreementView>)
        .json(Method::PUT, "/api/v1/agreements/{id}", Policy(Kind::ManageAgreements), "change an agreement", schema::<api::AgreementBody>, api::update).answers(schema::<api::AgreementView>)
        .upload(post.clone(), "/api/v1/agreements/{id}/files", Policy(Kind::ManageAgreements), "attach a PDF, PNG or JPEG (body = file, ?name=)", 5 * 1024 * 1024, api::attach).creates(schema::<gongjiang_app::cooperation::Attachment>)
        .route(get.clone(), "/api/v1/agreements/{id}/files/{file}", SignedIn, "download an attached file", api::download).answers_file("application/octet-stream")
}
