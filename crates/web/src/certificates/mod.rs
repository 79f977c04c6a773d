//! Certificates: the public verify page, the credential download, the printable certificate and issuing.

pub mod api;
pub mod pages;

use crate::api_docs::schema;
use crate::json::Page;
use crate::routes::Access::{Policy, Public, SignedIn};
use crate::routes::Registry;
use axum::http::Method;
use gongjiang_app::policy::Kind;
use gongjiang_domain::privacy::Purpose;

/// The trainee's own certificates on the home page's work queue: how many
/// are valid, linking to their record (print and verify from there).
pub async fn notices(
    state: &crate::state::AppState,
    ctx: &crate::context::Ctx,
) -> Result<Vec<crate::areas::Notice>, crate::error::PageError> {
    if !ctx.signed_in() {
        return Ok(Vec::new());
    }
    let Some(me) = gongjiang_app::rounds::my_trainee(&state.app, &ctx.actor).await? else {
        return Ok(Vec::new());
    };
    let valid = gongjiang_app::certificates::of_trainee(&state.app, &ctx.actor, me)
        .await?
        .iter()
        .filter(|c| c.status == "valid")
        .count();
    Ok(if valid > 0 {
        vec![crate::areas::Notice {
            id: "my-certificates".into(),
            href: Some("/me/record".into()),
            text: crate::i18n::tr_args(
                ctx.lang,
                "home.my_certificates",
                &[("n", valid.to_string())],
            ),
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
        .route(get.clone(), "/verify", Public, "look a certificate up by its number and its holder's name (rate-limited; a mismatch is not found)", pages::lookup).purpose(Purpose::Verification)
        .route(get.clone(), "/api/v1/verify", Public, "look a certificate up by number and holder name: its verify page (404 alike for a wrong name; rate-limited)", api::lookup).answers(schema::<api::Found>).purpose(Purpose::Verification)
        .route(get.clone(), "/verify/{token}", Public, "verify a certificate: validity, masked holder, occupation, level, issuer, date, status", pages::verify_page).purpose(Purpose::Verification)
        .route(get.clone(), "/verify/{token}/credential.json", Public, "the signed credential (for gongjiang verify)", pages::credential).purpose(Purpose::Verification)
        .route(get.clone(), "/verify/{token}/qr.svg", Public, "the QR code that opens the verify page", pages::qr)
        .route(get.clone(), "/orgs/{id}/did.json", Public, "an issuer's DID document (did:web) with its public keys", pages::did_document)
        .route(get.clone(), "/status/{id}/{purpose}", Public, "an issuer's signed status list (revocation or suspension)", pages::status_list)
        .route(get.clone(), "/certificates/{id}/print", SignedIn, "a certificate on one A4 page with its QR code", pages::print).purpose(Purpose::Evaluation)
        .route(post.clone(), "/api/v1/evaluation/sessions/{id}/certificates", Policy(Kind::IssueCertificates), "issue every passing result's certificate (a job; 202 with Location while running)", api::issue_session).answers_job(schema::<api::JobAnswer>).purpose(Purpose::Evaluation)
        .route(post.clone(), "/api/v1/evaluation/candidates/{id}/certificate", Policy(Kind::IssueCertificates), "issue the certificate of a passing result (once)", api::issue).creates(schema::<api::CertificateView>).purpose(Purpose::Evaluation)
        .route(get.clone(), "/api/v1/certificates", SignedIn, "my institution's certificates (all for the secretariat), newest first, a page at a time (?page=&per_page=)", api::list).answers(schema::<Page<api::CertificateView>>).purpose(Purpose::Evaluation)
        .route(get.clone(), "/api/v1/certificates/{id}", SignedIn, "one certificate", api::get).answers(schema::<api::CertificateView>).purpose(Purpose::Evaluation)
        .json(post.clone(), "/api/v1/certificates/{id}/revoke", Policy(Kind::IssueCertificates), "revoke for good, with a public reason", schema::<api::ReasonBody>, api::revoke).answers(schema::<api::CertificateView>).purpose(Purpose::Evaluation)
        .json(post.clone(), "/api/v1/certificates/{id}/suspend", Policy(Kind::IssueCertificates), "suspend, with a public reason", schema::<api::ReasonBody>, api::suspend).answers(schema::<api::CertificateView>).purpose(Purpose::Evaluation)
        .route(post.clone(), "/api/v1/certificates/{id}/reinstate", Policy(Kind::IssueCertificates), "lift a suspension", api::reinstate).answers(schema::<api::CertificateView>).purpose(Purpose::Evaluation)
}
