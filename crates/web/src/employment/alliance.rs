//! The alliance's employment for the secretariat: per school or employer,
//! the records, the average wage and the 6- and 12-month follow-ups due,
//! entered, overdue and still employed, the most overdue first; a page at a
//! time, with the total and exports of every row.

use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render};
use crate::lists::{Cell, PageAsk, Pager, Table};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use gongjiang_app::employment::{self, AllianceBy, AllianceEmployment, UnitRow, rates_of};

/// Query of the page and its exports.
#[derive(serde::Deserialize, Default)]
pub struct AllianceQuery {
    /// `school` (default) or `employer`.
    #[serde(default)]
    by: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// The table's columns, one row per unit of `rows`, and the alliance's
/// total row (the page shows it under every page; the exports end with it).
fn table(lang: Lang, f: &AllianceEmployment, rows: &[UnitRow]) -> Table {
    let mut t = Table::new(
        lang,
        &[
            match f.by {
                AllianceBy::School => "employment.school",
                AllianceBy::Employer => "employment.employer",
            },
            "alliance.records",
            "alliance.average_wage",
            "alliance.due6",
            "alliance.entered6",
            "alliance.retention6",
            "alliance.due12",
            "alliance.entered12",
            "alliance.retention12",
            "alliance.overdue",
        ],
    );
    let cells = |r: &UnitRow, name: String| {
        let mut cells = vec![
            Cell::text(name),
            Cell::text(r.records.to_string()),
            Cell::text(r.average_wage.to_string()),
        ];
        for c in &r.checkpoints {
            let (entered_rate, retention) = rates_of(c);
            cells.push(Cell::text(c.due.to_string()));
            cells.push(Cell::text(format!("{}（{entered_rate}）", c.entered)));
            cells.push(Cell::text(format!("{}（{retention}）", c.retained)));
        }
        cells.push(Cell::text(r.overdue.to_string()));
        cells
    };
    for r in rows {
        t.push(cells(r, r.name.clone()));
    }
    t.total(cells(&f.total, i18n::tr(lang, "funnel.total").to_string()));
    t
}

#[derive(Template)]
#[template(path = "employment/alliance.html")]
struct AlliancePage {
    l: Layout,
    groupings: Vec<(&'static str, &'static str, bool)>,
    table: Table,
    table_id: Option<&'static str>,
    today: String,
    counted_at: String,
    pager: Pager,
}

/// `GET /employment/alliance?by=school|employer`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AllianceQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let by = AllianceBy::parse(&q.by).map_err(|e| PageError::new(lang, e))?;
    let counted = employment::alliance(&state.app, &ctx.actor, by).await?;
    let f = &counted.value;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (pager, shown) = crate::lists::paged(
        lang,
        "/employment/alliance",
        &[("by", by.as_str().to_string())],
        ask,
        f.rows.clone(),
    );
    render(
        lang,
        &AlliancePage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            groupings: AllianceBy::ALL
                .iter()
                .map(|b| {
                    (
                        b.as_str(),
                        i18n::tr(lang, &format!("alliance.by.{}", b.as_str())),
                        *b == by,
                    )
                })
                .collect(),
            table: table(lang, f, &shown),
            table_id: Some("alliance-employment"),
            today: f.today.clone(),
            counted_at: counted.counted_at.display_cst(),
            pager,
        },
    )
}

/// `GET /employment/alliance.csv` and `.xlsx`: every row, then the total.
pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AllianceQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let by = AllianceBy::parse(&q.by).map_err(|e| PageError::new(lang, e))?;
    let counted = employment::alliance(&state.app, &ctx.actor, by).await?;
    let f = &counted.value;
    crate::lists::download(
        lang,
        i18n::tr(lang, "alliance.title"),
        &table(lang, f, &f.rows),
        format.is_xlsx(),
    )
}

/// The alliance's employment in the API: one page of units, the total, and
/// when it was counted.
#[derive(serde::Serialize, schemars::JsonSchema)]
pub struct AllianceAnswer {
    /// The grouping.
    by: AllianceBy,
    /// The day the follow-ups are due by.
    today: String,
    /// The whole alliance.
    total: UnitRow,
    /// When these figures were counted.
    counted_at: gongjiang_domain::Timestamp,
    /// This page of units, the most overdue first.
    units: crate::json::Page<UnitRow>,
}

/// `GET /api/v1/employment/alliance?by=school|employer`.
pub async fn api(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AllianceQuery>,
) -> Result<axum::Json<AllianceAnswer>, crate::error::ApiError> {
    let by = AllianceBy::parse(&q.by).map_err(|e| crate::error::ApiError::new(ctx.lang, e))?;
    let counted = employment::alliance(&state.app, &ctx.actor, by).await?;
    let f = &counted.value;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    Ok(axum::Json(AllianceAnswer {
        by,
        today: f.today.clone(),
        total: f.total.clone(),
        counted_at: counted.counted_at,
        units: crate::json::Page {
            total: f.rows.len() as u64,
            page: ask.page as u64,
            per_page: ask.per_page as u64,
            items: f.rows[ask.window(f.rows.len())].to_vec(),
        },
    }))
}
