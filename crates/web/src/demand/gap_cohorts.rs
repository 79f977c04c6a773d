//! The cohorts behind a talent-gap line's supply: graduating in the year,
//! in majors linked to the occupation at its level — school, cohort, major
//! and size, a page at a time, with exports of every row and the total.

use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render};
use crate::lists::{Cell, PageAsk, Pager, Table};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use gongjiang_app::Error;
use gongjiang_app::demand::{self, GapCohort};
use gongjiang_domain::Problem;

/// Query of the page: the gap line (year, occupation, level) and the page.
#[derive(serde::Deserialize, Default)]
pub struct CohortsQuery {
    #[serde(default)]
    year: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    level: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// The line asked for, each part checked and named when wrong.
struct Line {
    year: i32,
    occupation: String,
    occupation_name: String,
    level: String,
    level_name: String,
}

async fn line(state: &AppState, lang: Lang, q: &CohortsQuery) -> Result<Line, PageError> {
    let bad = |field: &'static str, p: Problem| PageError::new(lang, Error::field(field, p));
    let year =
        gongjiang_domain::demand::integer_field(&q.year, 2000, 2100).map_err(|p| bad("year", p))?;
    let c = demand::catalogues(&state.app).await?;
    let occupation = c
        .occupations
        .iter()
        .find(|o| o.code == q.occupation.trim())
        .ok_or_else(|| bad("occupation_code", Problem::InvalidChoice))?;
    if !c.levels.iter().any(|l| l.code == q.level.trim()) {
        return Err(bad("min_level", Problem::InvalidChoice));
    }
    Ok(Line {
        year: i32::try_from(year).unwrap_or(2000),
        occupation: occupation.code.clone(),
        occupation_name: occupation.name.clone(),
        level: q.level.trim().to_string(),
        level_name: super::pages::level_label(lang, q.level.trim(), &c.levels),
    })
}

/// The cohorts' columns, one row each, and on the page the total of the
/// planned places.
fn table(lang: Lang, cohorts: &[GapCohort], total: Option<i64>) -> Table {
    let mut t = Table::new(
        lang,
        &[
            "employment.school",
            "table.cohort",
            "table.major",
            "gap.graduates",
        ],
    );
    for c in cohorts {
        t.push(vec![
            Cell::text(c.school.clone()),
            Cell::text(c.cohort.clone()),
            Cell::text(c.major.clone()),
            Cell::text(c.size.to_string()),
        ]);
    }
    if let Some(total) = total {
        t.total(vec![
            Cell::text(i18n::tr(lang, "funnel.total")),
            Cell::text(""),
            Cell::text(""),
            Cell::text(total.to_string()),
        ]);
    }
    t
}

#[derive(Template)]
#[template(path = "demand/gap_cohorts.html")]
struct CohortsPage {
    l: Layout,
    year: i32,
    occupation: String,
    level: String,
    table: Table,
    table_id: Option<&'static str>,
    pager: Pager,
    back: String,
}

/// `GET /talent-gap/cohorts?year=&occupation=&level=`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CohortsQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let line = line(&state, lang, &q).await?;
    let cohorts = demand::gap_cohorts(&state.app, line.year, &line.occupation, &line.level).await?;
    let total = cohorts.iter().map(|c| c.size).sum();
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let params = [
        ("year", line.year.to_string()),
        ("occupation", line.occupation.clone()),
        ("level", line.level.clone()),
    ];
    let (pager, shown) = crate::lists::paged(lang, "/talent-gap/cohorts", &params, ask, cohorts);
    render(
        lang,
        &CohortsPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            year: line.year,
            occupation: format!("{} {}", line.occupation, line.occupation_name),
            level: line.level_name,
            table: table(lang, &shown, Some(total)),
            table_id: Some("gap-cohorts"),
            pager,
            back: crate::lists::href("/talent-gap", &[("year", line.year.to_string())]),
        },
    )
}

/// `GET /talent-gap/cohorts.csv` and `.xlsx`: every cohort of the line.
pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CohortsQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let line = line(&state, lang, &q).await?;
    let cohorts = demand::gap_cohorts(&state.app, line.year, &line.occupation, &line.level).await?;
    crate::lists::download(
        lang,
        &format!(
            "{}-{}-{}",
            i18n::tr(lang, "gap.cohorts_title"),
            line.year,
            line.occupation
        ),
        &table(lang, &cohorts, None),
        format.is_xlsx(),
    )
}
