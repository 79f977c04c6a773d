//! The trainee's own page: the path so far (school, cohort, major, then one
//! section per area: placements, employment, and more as areas are added) and
//! the download of everything the platform holds about them (JSON, `.xlsx`),
//! with their ID and phone numbers in full; each download is audited.

use crate::context::Ctx;
use crate::employment::api::json_download;
use crate::error::PageError;
use crate::layout::{Layout, render};
use crate::lists::xlsx_download;
use crate::state::AppState;
use crate::supply::pages::trainee_status;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use gongjiang_app::employment::{self, PERSONAL_DATA_SHEET, TraineePath, personal_data_rows};

#[derive(Template)]
#[template(path = "employment/my_record.html")]
struct MyRecordPage {
    l: Layout,
    p: TraineePath,
    status: &'static str,
}

/// `GET /me/record`.
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let mut p = employment::my_path(&state.app, &ctx.actor).await?;
    for fact in p
        .sections
        .iter_mut()
        .flat_map(|s| s.items.iter_mut())
        .flat_map(|i| i.facts.iter_mut())
    {
        if let Some(group) = fact.choice {
            fact.value = crate::i18n::choice(lang, group, &fact.value);
        }
    }
    render(
        lang,
        &MyRecordPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            status: trainee_status(lang, p.status),
            p,
        },
    )
}

/// `GET /me/record/export.json`.
pub async fn export_json(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let d = employment::export_mine(&state.app, &ctx.actor, "json").await?;
    Ok(json_download("个人数据.json", &d.data))
}

/// `GET /me/record/export.xlsx`.
pub async fn export_xlsx(State(state): State<AppState>, ctx: Ctx) -> Result<Response, PageError> {
    let d = employment::export_mine(&state.app, &ctx.actor, "xlsx").await?;
    let bytes = gongjiang_sheets::export_xlsx(&PERSONAL_DATA_SHEET, personal_data_rows(&d.data))
        .map_err(|e| PageError::internal(ctx.lang, &e.to_string()))?;
    Ok(xlsx_download("个人数据.xlsx", bytes))
}
