//! The alliance's faculty pool (师资库): the teachers member schools share,
//! browsable by staff of every member unit, filtered by school, words in the
//! name or specialties and dual-qualified grade, and exported as shown.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Choice;
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render};
use crate::lists::table_download;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, Response};
use gongjiang_app::demand::SkillLevel;
use gongjiang_app::supply::PoolEntry;
use gongjiang_app::supply::{self, FACULTY_POOL_SHEET, POOL_PAGE, PoolQuery};
use gongjiang_app::{Error, demand};
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::supply::DualQualified;
use serde::Deserialize;

/// The pool's query string.
#[derive(Debug, Default, Deserialize)]
pub struct PoolParams {
    /// Words in the name or specialties.
    #[serde(default)]
    pub q: String,
    /// A school's id.
    #[serde(default)]
    pub school: String,
    /// A dual-qualified grade.
    #[serde(default)]
    pub dual: String,
    /// Page (from 1).
    #[serde(default)]
    pub page: Option<i64>,
}

impl PoolParams {
    fn query(&self) -> Result<PoolQuery, Error> {
        let school =
            match self.school.trim() {
                "" => None,
                raw => Some(raw.parse::<OrgId>().map_err(|_| {
                    Error::field("school", gongjiang_domain::Problem::InvalidFormat)
                })?),
            };
        Ok(PoolQuery {
            school,
            text: self.q.clone(),
            dual_qualified: self.dual.trim().to_string(),
        })
    }

    /// The query string for another page with the same filters.
    fn href(&self, base: &str, page: i64) -> String {
        let mut pairs = url_pairs(self);
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        with_query(base, &pairs)
    }
}

fn url_pairs(p: &PoolParams) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    for (key, value) in [("q", &p.q), ("school", &p.school), ("dual", &p.dual)] {
        if !value.trim().is_empty() {
            pairs.push((key, value.trim().to_string()));
        }
    }
    pairs
}

fn with_query(base: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return base.to_string();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::layout::encode(v)))
        .collect();
    format!("{base}?{}", query.join("&"))
}

/// One teacher line of the pool, worded.
pub struct PoolLine {
    school: String,
    school_id: String,
    name: String,
    specialties: String,
    dual: String,
    title: String,
    level: String,
    practice_days: i64,
}

#[derive(Template)]
#[template(path = "supply/faculty.html")]
struct FacultyPage {
    l: Layout,
    rows: Vec<PoolLine>,
    q: String,
    school: String,
    duals: Vec<Choice>,
    page_text: String,
    prev_href: Option<String>,
    next_href: Option<String>,
    xlsx_href: String,
    csv_href: String,
}

/// The skill ladder, to name each teacher's level.
async fn levels(state: &AppState) -> Result<Vec<SkillLevel>, PageError> {
    Ok(demand::catalogues(&state.app).await?.levels.clone())
}

fn lines(lang: Lang, levels: &[SkillLevel], entries: &[PoolEntry]) -> Vec<PoolLine> {
    entries
        .iter()
        .map(|e| {
            let t = &e.teacher;
            PoolLine {
                school: e.school_name.clone(),
                school_id: t.org_id.to_string(),
                name: t.name.clone(),
                specialties: t.specialties.join("、"),
                dual: i18n::choice(lang, "dual_qualified", t.dual_qualified.as_str()),
                title: t.title.clone(),
                level: t
                    .skill_level
                    .as_ref()
                    .map(|code| {
                        levels
                            .iter()
                            .find(|l| &l.code == code)
                            .map(|l| i18n::named(lang, &l.name_zh, &l.name_en).to_string())
                            .unwrap_or_else(|| code.clone())
                    })
                    .unwrap_or_default(),
                practice_days: t.practice_days,
            }
        })
        .collect()
}

/// `GET /faculty`: one page of the faculty pool with its filters.
pub async fn pool(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<PoolParams>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let query = params.query()?;
    let page = params.page.unwrap_or(1).max(1);
    let (entries, total) = supply::faculty_pool(&state.app, &ctx.actor, &query, page).await?;
    let pages = ((total + POOL_PAGE - 1) / POOL_PAGE).max(1);
    let page_text = i18n::tr_args(
        lang,
        "faculty.page",
        &[
            ("page", page.to_string()),
            ("pages", pages.to_string()),
            ("total", total.to_string()),
        ],
    );
    let view = FacultyPage {
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        rows: lines(lang, &levels(&state).await?, &entries),
        q: params.q.clone(),
        school: params.school.clone(),
        duals: std::iter::once(Choice::new(
            "",
            i18n::tr(lang, "faculty.any_grade"),
            &params.dual,
        ))
        .chain(DualQualified::ALL.iter().map(|d| {
            Choice::new(
                d.as_str(),
                i18n::choice(lang, "dual_qualified", d.as_str()),
                &params.dual,
            )
        }))
        .collect(),
        page_text,
        prev_href: (page > 1).then(|| params.href("/faculty", page - 1)),
        next_href: (page < pages).then(|| params.href("/faculty", page + 1)),
        xlsx_href: with_query("/faculty.xlsx", &url_pairs(&params)),
        csv_href: with_query("/faculty.csv", &url_pairs(&params)),
    };
    render(lang, &view)
}

async fn export(
    state: &AppState,
    ctx: &Ctx,
    params: &PoolParams,
    xlsx: bool,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let query = params.query()?;
    let levels = levels(state).await?;
    let mut rows = Vec::new();
    let mut page = 1;
    loop {
        let (entries, total) = supply::faculty_pool(&state.app, &ctx.actor, &query, page).await?;
        for line in lines(lang, &levels, &entries) {
            rows.push(vec![
                line.school,
                line.name,
                line.specialties,
                line.dual,
                line.title,
                line.level,
                line.practice_days.to_string(),
            ]);
        }
        if entries.is_empty() || i64::try_from(rows.len()).unwrap_or(i64::MAX) >= total {
            break;
        }
        page += 1;
    }
    table_download(lang, &FACULTY_POOL_SHEET, "联盟师资库", rows, xlsx)
}

/// `GET /faculty.csv` and `.xlsx`: the same as CSV.
pub async fn pool_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<PoolParams>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    export(&state, &ctx, &params, format.is_xlsx()).await
}
