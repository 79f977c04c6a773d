//! Certificate pages and public documents: the public verify page a QR code
//! opens (`/verify/{token}`, masked data only), the credential download and
//! the QR code itself, the printable A4 certificate, and the documents
//! verifiers fetch — each issuer's DID document (`/orgs/{id}/did.json`) and
//! its status lists (`/status/{id}/revocation|suspension`).

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Id;
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::Error;
use gongjiang_app::certificates::{self, PublicCheck, verify_url};
use gongjiang_credentials::StatusPurpose;
use gongjiang_domain::ids::{CertificateId, OrgId};

/// The QR code of `text` as an SVG image.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build(),
    )
}

/// The outcome in words.
pub fn outcome_words(lang: Lang, outcome: &str) -> String {
    i18n::choice(lang, "verify.outcome", outcome)
}

#[derive(Template)]
#[template(path = "certificates/verify.html")]
struct VerifyPage {
    l: Layout,
    token: String,
    check: PublicCheck,
    outcome: String,
    valid: bool,
}

/// `GET /verify/{token}`: is this certificate genuine and in force? (public)
pub async fn verify_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let (check, _) = certificates::check(&state.app, &token).await?;
    render(
        lang,
        &VerifyPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            outcome: outcome_words(lang, &check.outcome),
            valid: check.outcome == "valid",
            token,
            check,
        },
    )
}

/// `GET /verify/{token}/credential.json`: the signed credential, for `gongjiang verify` (public).
pub async fn credential(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let (number, json) = certificates::credential(&state.app, &token).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"certificate-{number}.json\""),
            ),
        ],
        json,
    )
        .into_response())
}

/// `GET /verify/{token}/qr.svg`: the QR code that opens the verify page (public).
pub async fn qr(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    // Only for tokens that exist, so the route is no QR service for anything.
    certificates::credential(&state.app, &token).await?;
    let svg = qr_svg(&verify_url(&state.app, &token))
        .ok_or_else(|| PageError::internal(ctx.lang, "QR code too long"))?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

/// `GET /orgs/{id}/did.json`: an issuer's DID document with its public keys (public).
pub async fn did_document(
    State(state): State<AppState>,
    _ctx: Ctx,
    Id(org): Id<OrgId>,
) -> Result<Response, PageError> {
    let doc = certificates::did_document(&state.app, org).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/did+json")],
        doc.to_string(),
    )
        .into_response())
}

/// `GET /status/{id}/{purpose}`: an issuer's revocation or suspension list, signed (public).
pub async fn status_list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((org, purpose)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let not_found = || PageError::new(ctx.lang, Error::NotFound("status list"));
    let org: OrgId = org.parse().map_err(|_| not_found())?;
    let purpose = match purpose.as_str() {
        "revocation" => StatusPurpose::Revocation,
        "suspension" => StatusPurpose::Suspension,
        _ => return Err(not_found()),
    };
    let list = certificates::published_status_list(&state.app, org, purpose).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/vc+ld+json")],
        list.to_string(),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "certificates/certificate_print.html")]
struct PrintPage {
    l: Layout,
    c: gongjiang_app::certificates::Certificate,
    /// The holder in full, as the paper certificate shows them.
    holder_name: String,
    holder_id: String,
    /// Where "back" goes: the issuer's list or the holder's record.
    back: String,
    level: String,
    issuer: String,
    verify_url: String,
    qr: String,
    status: String,
}

/// `GET /certificates/{id}/print`: the certificate on one A4 page, with its QR code.
pub async fn print(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(cid): Id<CertificateId>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let printable = certificates::printable(&state.app, &ctx.actor, cid).await?;
    let c = printable.certificate;
    let (check, _) = certificates::check(&state.app, &c.token).await?;
    let url = verify_url(&state.app, &c.token);
    let page = PrintPage {
        holder_name: printable.holder_name,
        holder_id: printable.holder_id,
        back: if ctx
            .actor
            .may(gongjiang_app::policy::Permission::IssueCertificates(
                c.org_id,
            )) {
            "/certificates".to_string()
        } else {
            "/me/record".to_string()
        },
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        level: c.level.wording().to_string(),
        issuer: check.issuer.clone(),
        qr: format!("/verify/{}/qr.svg", c.token),
        status: outcome_words(lang, &check.outcome),
        verify_url: url,
        c,
    };
    Ok((StatusCode::OK, render(lang, &page)?).into_response())
}

#[derive(Template)]
#[template(path = "certificates/lookup.html")]
struct LookupPage {
    l: Layout,
    number: String,
    name: String,
    not_found: bool,
    errors: crate::forms::FormErrors,
}

/// Query of the lookup: the certificate's number and its holder's name.
#[derive(serde::Deserialize, Default)]
pub struct LookupQuery {
    #[serde(default)]
    number: String,
    #[serde(default)]
    name: String,
}

/// The labels of the lookup's fields.
const LOOKUP_LABELS: &[(&str, &str)] = &[
    ("number", "certificates.lookup_number"),
    ("name", "certificates.lookup_name"),
];

/// `GET /verify` (public): look a certificate up by number and holder name;
/// a match goes to its verify page, anything else says "未找到".
pub async fn lookup(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<LookupQuery>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let page = |not_found, errors| LookupPage {
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        number: q.number.clone(),
        name: q.name.clone(),
        not_found,
        errors,
    };
    if q.number.is_empty() && q.name.is_empty() {
        return Ok(
            render(lang, &page(false, crate::forms::FormErrors::default()))?.into_response(),
        );
    }
    match certificates::lookup(&state.app, &ctx.actor, &q.number, &q.name).await {
        Ok(token) => Ok(axum::response::Redirect::to(&format!("/verify/{token}")).into_response()),
        Err(Error::NotFound(_)) => Ok(crate::layout::render_with(
            lang,
            StatusCode::NOT_FOUND,
            &page(true, crate::forms::FormErrors::default()),
        )?
        .into_response()),
        Err(Error::Invalid(e)) => Ok(crate::layout::render_with(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(
                false,
                crate::forms::FormErrors::labelled(&e, lang, LOOKUP_LABELS),
            ),
        )?
        .into_response()),
        Err(e) => Err(PageError::new(lang, e)),
    }
}
