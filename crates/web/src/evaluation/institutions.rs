//! The secretariat's page of evaluation institutions: register a member unit
//! as an institution (评价机构, with its codes) and record its filings
//! (备案: occupation, levels, period), in the browser.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::{Choice, Fields, Form, FormErrors, Id, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::{Error, evaluation};
use gongjiang_domain::evaluation::{FilingInput, InstitutionInput, Level};
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::members::OrgKind;

/// How the two forms name their fields.
const LABELS: &[(&str, &str)] = &[
    ("org_id", "institutions.unit"),
    ("kind", "institutions.kind"),
    ("institution_code", "institutions.institution_code"),
    ("province_code", "institutions.province_code"),
    ("site_code", "institutions.site_code"),
    ("occupation_code", "evaluation.occupation"),
    ("levels", "evaluation.level"),
    ("filed_with", "institutions.filed_with"),
    ("reference", "institutions.reference"),
    ("valid_from", "institutions.valid_from"),
    ("valid_to", "institutions.valid_to"),
];

/// A registered institution as the page lists it.
pub struct Row {
    org_id: String,
    name: String,
    codes: String,
    filings: Vec<String>,
}

#[derive(Template)]
#[template(path = "evaluation/institutions.html")]
struct InstitutionsPage {
    l: Layout,
    rows: Vec<Row>,
    units: crate::lists::Picker,
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    /// What was typed, kept when a form is refused.
    typed: Fields,
    errors: FormErrors,
}

impl InstitutionsPage {
    fn v(&self, name: &str) -> String {
        field(&self.typed, name)
    }
}

/// Query: the unit picker's search.
#[derive(serde::Deserialize, Default)]
pub struct InstitutionsQuery {
    #[serde(default)]
    unit_q: String,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    search: &str,
    typed: Fields,
    errors: FormErrors,
) -> Result<InstitutionsPage, PageError> {
    let lang = ctx.lang;
    let mut rows = Vec::new();
    for v in evaluation::institutions(&state.app, &ctx.actor).await? {
        let i = &v.institution;
        rows.push(Row {
            org_id: i.org_id.to_string(),
            name: v.name.clone(),
            codes: format!(
                "{} {}{}{}",
                i.kind, i.institution_code, i.province_code, i.site_code
            ),
            filings: v
                .filings
                .iter()
                .map(|f| {
                    let levels: Vec<String> = f
                        .levels
                        .iter()
                        .map(|l| i18n::choice(lang, "level", l.as_str()))
                        .collect();
                    format!(
                        "{} · {} · {}（{}–{}）",
                        f.occupation_code,
                        levels.join("、"),
                        f.reference,
                        f.valid_from,
                        f.valid_to.clone().unwrap_or_default()
                    )
                })
                .collect(),
        });
    }
    let units = crate::members::pages::unit_picker(
        state,
        lang,
        &[
            OrgKind::TechnicalCollege,
            OrgKind::VocationalSchool,
            OrgKind::Association,
            OrgKind::Enterprise,
        ],
        search,
        &field(&typed, "org_id"),
    )
    .await
    .map_err(|e| PageError::new(lang, e))?;
    let kind = field(&typed, "kind");
    let chosen = crate::forms::all(&typed, "levels");
    Ok(InstitutionsPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        rows,
        units,
        kinds: ["Y", "S"]
            .iter()
            .map(|k| Choice {
                value: (*k).to_string(),
                label: i18n::tr(lang, &format!("institutions.kind.{k}")).to_string(),
                selected: kind == *k,
            })
            .collect(),
        levels: Level::ALL
            .iter()
            .map(|l| Choice {
                value: l.as_str().to_string(),
                label: i18n::choice(lang, "level", l.as_str()),
                selected: chosen.iter().any(|c| c == l.as_str()),
            })
            .collect(),
        typed,
        errors,
    })
}

/// `GET /evaluation/institutions`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<InstitutionsQuery>,
) -> Result<Html<String>, PageError> {
    let p = page(&state, &ctx, &q.unit_q, Vec::new(), FormErrors::default()).await?;
    render(ctx.lang, &p)
}

async fn refused(
    state: &AppState,
    ctx: &Ctx,
    typed: Fields,
    errors: &gongjiang_domain::FieldErrors,
) -> Result<Response, PageError> {
    let lang: Lang = ctx.lang;
    let p = page(
        state,
        ctx,
        "",
        typed,
        FormErrors::labelled(errors, lang, LABELS),
    )
    .await?;
    Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &p)?.into_response())
}

/// `POST /evaluation/institutions`: registers the chosen unit.
pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let Ok(org) = field(&pairs, "org_id").parse::<OrgId>() else {
        let mut errors = gongjiang_domain::FieldErrors::new();
        errors.push("org_id", gongjiang_domain::Problem::Required);
        return refused(&state, &ctx, pairs, &errors).await;
    };
    let input = InstitutionInput {
        kind: field(&pairs, "kind"),
        institution_code: field(&pairs, "institution_code"),
        province_code: field(&pairs, "province_code"),
        site_code: field(&pairs, "site_code"),
    };
    match evaluation::register_institution(&state.app, &ctx.actor, org, &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/evaluation/institutions")),
        Err(Error::Invalid(errors)) => refused(&state, &ctx, pairs, &errors).await,
        Err(e) => Err(PageError::new(ctx.lang, e)),
    }
}

/// `POST /evaluation/institutions/{id}/filings`: records a filing.
pub async fn add_filing(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(org): Id<OrgId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let input = FilingInput {
        occupation_code: field(&pairs, "occupation_code"),
        levels: crate::forms::all(&pairs, "levels"),
        filed_with: field(&pairs, "filed_with"),
        reference: field(&pairs, "reference"),
        valid_from: field(&pairs, "valid_from"),
        valid_to: field(&pairs, "valid_to"),
    };
    match evaluation::add_filing(&state.app, &ctx.actor, org, &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/evaluation/institutions")),
        Err(Error::Invalid(errors)) => refused(&state, &ctx, pairs, &errors).await,
        Err(e) => Err(PageError::new(ctx.lang, e)),
    }
}
