//! Supply pages: a school's majors, cohorts and trainees (search, pager,
//! exports), and the trainee picker other forms use.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::FormErrors;
use crate::forms::Id;
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::{PageAsk, Pager, table_download, xlsx_download};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, supply};
use gongjiang_domain::ids::TraineeId;
use gongjiang_domain::supply::{CohortInput, MajorInput, MajorLevel, TraineeInput, TraineeStatus};
use gongjiang_sheets::SheetSpec;

/// A choice in a select list (the layout kit's).
pub use crate::forms::Choice as Opt;

/// A picker over the acting school's trainees: those whose name or student
/// number contains `search` (the first [`crate::lists::PICK`]), with
/// `current` (a trainee id) always offered.
pub(crate) async fn trainee_picker(
    state: &AppState,
    ctx: &Ctx,
    search: &str,
    current: &str,
) -> Result<crate::lists::Picker, PageError> {
    let filter = gongjiang_app::supply::TraineeFilter {
        search: (!search.trim().is_empty()).then(|| search.trim().to_string()),
        ..Default::default()
    };
    let (list, total) =
        supply::trainees(&state.app, &ctx.actor, filter, 1, crate::lists::PICK).await?;
    let label = |t: &gongjiang_app::supply::TraineeView| format!("{} {}", t.student_no, t.name);
    let mut choices: Vec<crate::forms::Choice> = list
        .iter()
        .map(|t| crate::forms::Choice::new(t.id.to_string(), label(t), current))
        .collect();
    if !current.is_empty()
        && !choices.iter().any(|c| c.value == current)
        && let Ok(id) = current.parse::<TraineeId>()
        && let Ok(t) = supply::trainee(&state.app, &ctx.actor, id).await
    {
        choices.insert(
            0,
            crate::forms::Choice::new(t.id.to_string(), label(&t), current),
        );
    }
    Ok(crate::lists::Picker::new(ctx.lang, search, choices, total))
}

/// A trainee line.
pub struct TraineeRow {
    id: String,
    name: String,
    student_no: String,
    id_number: String,
    phone: String,
    age: u32,
    status: &'static str,
    guardian_pending: bool,
}

/// A trainee status in words.
pub fn trainee_status(lang: Lang, s: TraineeStatus) -> &'static str {
    crate::i18n::coded(lang, "trainee_status", s.as_str())
}

#[derive(Template)]
#[template(path = "supply/school.html")]
struct SchoolPage {
    l: Layout,
    majors: Vec<(String, String, String, String, i64, String)>,
    cohorts: Vec<(String, String, i64, i64, i64, String)>,
    trainees: Vec<TraineeRow>,
    total: i64,
    pager: Pager,
    /// The search and cohort filter of the trainee list.
    search: String,
    /// What the list is narrowed to beyond search and cohort, in words, with
    /// the query keys to keep it: from the work queue's links.
    narrowing: Option<String>,
    keep: Vec<(&'static str, String)>,
    cohort_filter: Vec<Opt>,
    levels: Vec<Opt>,
    major_opts: Vec<Opt>,
    cohort_opts: Vec<Opt>,
    errors: FormErrors,
    form: Vec<(String, String)>,
    revealed: Option<(String, String, String)>,
}

impl SchoolPage {
    /// A value typed into the form (kept after an error).
    pub fn v(&self, key: &str) -> String {
        field(&self.form, key)
    }
}

/// The trainee list's query on `/school` and its exports: search by name or
/// student number, a cohort, the page.
#[derive(serde::Deserialize, Default, Clone)]
pub struct TraineeQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    cohort: String,
    /// Only those still to place, of cohorts graduating by this year (the
    /// home page's work queue links here).
    #[serde(default)]
    unplaced_by: String,
    /// Only those certified on or after this day (`YYYY-MM-DD`).
    #[serde(default)]
    certified_since: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

impl TraineeQuery {
    /// The list is narrowed to trainees still to place, or certified since a day.
    fn narrowing(&self, lang: crate::i18n::Lang) -> Option<String> {
        if !self.unplaced_by.is_empty() {
            Some(crate::i18n::tr_args(
                lang,
                "school.only_unplaced",
                &[("year", self.unplaced_by.clone())],
            ))
        } else if !self.certified_since.is_empty() {
            Some(crate::i18n::tr_args(
                lang,
                "school.only_certified",
                &[("since", self.certified_since.clone())],
            ))
        } else {
            None
        }
    }
    fn filter(&self) -> Result<gongjiang_app::supply::TraineeFilter, Error> {
        Ok(gongjiang_app::supply::TraineeFilter {
            cohort_id: if self.cohort.is_empty() {
                None
            } else {
                Some(self.cohort.parse().map_err(|_| {
                    Error::field("cohort_id", gongjiang_domain::Problem::InvalidChoice)
                })?)
            },
            search: (!self.q.trim().is_empty()).then(|| self.q.trim().to_string()),
            unplaced_by: if self.unplaced_by.is_empty() {
                None
            } else {
                Some(
                    gongjiang_domain::demand::integer_field(&self.unplaced_by, 2000, 2100)
                        .map_err(|p| Error::field("unplaced_by", p))?,
                )
            },
            certified_since: if self.certified_since.is_empty() {
                None
            } else {
                Some(
                    gongjiang_domain::demand::date_field(&self.certified_since)
                        .map(gongjiang_domain::demand::iso)
                        .map_err(|p| Error::field("certified_since", p))?,
                )
            },
            ..Default::default()
        })
    }
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("cohort", self.cohort.clone()),
            ("unplaced_by", self.unplaced_by.clone()),
            ("certified_since", self.certified_since.clone()),
        ]
    }
}

async fn school_page(
    state: &AppState,
    ctx: &Ctx,
    query: &TraineeQuery,
    errors: FormErrors,
    form: Vec<(String, String)>,
    revealed: Option<(String, String, String)>,
) -> Result<SchoolPage, PageError> {
    let lang = ctx.lang;
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ViewTrainees(me.org_id))?;
    let majors = supply::majors(&state.app, Some(me.org_id)).await?;
    let cohorts = supply::cohorts(&state.app, Some(me.org_id)).await?;
    let ask = PageAsk::new(query.page, query.per_page, supply::MAX_PAGE);
    let (trainees, total) = supply::trainees(
        &state.app,
        &ctx.actor,
        query.filter()?,
        ask.page,
        ask.per_page,
    )
    .await?;
    let pager =
        Pager::new(lang, "/school", &query.params(), ask, total).exports_at("/school/trainees");
    Ok(SchoolPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        majors: majors
            .iter()
            .map(|m| {
                (
                    m.code.clone(),
                    m.name.clone(),
                    crate::i18n::choice(lang, "major_level", m.level.as_str()),
                    m.occupations.join("、"),
                    m.annual_intake,
                    m.id.to_string(),
                )
            })
            .collect(),
        cohorts: cohorts
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    majors
                        .iter()
                        .find(|m| m.id == c.major_id)
                        .map(|m| m.name.clone())
                        .unwrap_or_default(),
                    c.entry_year,
                    c.graduation_year,
                    c.size,
                    c.id.to_string(),
                )
            })
            .collect(),
        trainees: trainees
            .iter()
            .map(|t| TraineeRow {
                id: t.id.to_string(),
                name: t.name.clone(),
                student_no: t.student_no.clone(),
                id_number: t.id_number.clone(),
                phone: t.phone.clone(),
                age: t.age,
                status: trainee_status(lang, t.status),
                guardian_pending: t.guardian_pending,
            })
            .collect(),
        total,
        pager,
        search: query.q.clone(),
        narrowing: query.narrowing(lang),
        keep: query
            .params()
            .into_iter()
            .filter(|(k, v)| !v.is_empty() && (*k == "unplaced_by" || *k == "certified_since"))
            .collect(),
        cohort_filter: cohorts
            .iter()
            .map(|c| Opt {
                value: c.id.to_string(),
                label: c.name.clone(),
                selected: c.id.to_string() == query.cohort,
            })
            .collect(),
        levels: MajorLevel::ALL
            .iter()
            .map(|l| Opt {
                value: l.as_str().into(),
                label: crate::i18n::choice(lang, "major_level", l.as_str()),
                selected: false,
            })
            .collect(),
        major_opts: majors
            .iter()
            .map(|m| Opt {
                value: m.id.to_string(),
                label: format!("{} {}", m.code, m.name),
                selected: false,
            })
            .collect(),
        cohort_opts: cohorts
            .iter()
            .map(|c| Opt {
                value: c.id.to_string(),
                label: c.name.clone(),
                selected: false,
            })
            .collect(),
        errors,
        form,
        revealed,
    })
}

/// `GET /school`: the acting school's majors, cohorts and trainees.
pub async fn school(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<TraineeQuery>,
) -> Result<Html<String>, PageError> {
    let page = school_page(
        &state,
        &ctx,
        &query,
        FormErrors::default(),
        Vec::new(),
        None,
    )
    .await?;
    render(ctx.lang, &page)
}

pub(crate) async fn after(
    state: &AppState,
    ctx: &Ctx,
    result: Result<(), Error>,
    pairs: Vec<(String, String)>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(crate::forms::saved(state, "/school")),
        Err(Error::Invalid(errors)) => {
            let page = school_page(
                state,
                ctx,
                &TraineeQuery::default(),
                FormErrors::new(&errors, ctx.lang),
                pairs,
                None,
            )
            .await?;
            Ok(render_with(ctx.lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(ctx.lang, e)),
    }
}

/// `POST /school/majors`.
pub async fn add_major(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let input = MajorInput {
        code: field(&pairs, "code"),
        name: field(&pairs, "name"),
        level: field(&pairs, "level"),
        length_years: field(&pairs, "length_years"),
        annual_intake: field(&pairs, "annual_intake"),
        occupations: pairs
            .iter()
            .filter(|(k, _)| k == "occupations")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    let result = supply::save_major(&state.app, &ctx.actor, None, &input)
        .await
        .map(|_| ());
    after(&state, &ctx, result, pairs).await
}

/// `POST /school/cohorts`.
pub async fn add_cohort(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let input = CohortInput {
        major_id: field(&pairs, "major_id"),
        name: field(&pairs, "name"),
        entry_year: field(&pairs, "entry_year"),
        graduation_year: field(&pairs, "graduation_year"),
        size: field(&pairs, "size"),
        sponsor_org_id: field(&pairs, "sponsor_org_id"),
    };
    let result = supply::save_cohort(&state.app, &ctx.actor, None, &input)
        .await
        .map(|_| ());
    after(&state, &ctx, result, pairs).await
}

/// `POST /school/trainees`.
pub async fn add_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let input = TraineeInput {
        name: field(&pairs, "name"),
        id_number: field(&pairs, "id_number"),
        phone: field(&pairs, "phone"),
        student_no: field(&pairs, "student_no"),
        cohort_id: field(&pairs, "cohort_id"),
        status: field(&pairs, "status"),
        consent_purpose: field(&pairs, "consent_purpose"),
    };
    let result = supply::save_trainee(&state.app, &ctx.actor, None, &input)
        .await
        .map(|_| ());
    // The typed ID number and phone are not echoed back into the page.
    let kept = pairs
        .into_iter()
        .filter(|(k, _)| k != "id_number" && k != "phone")
        .collect();
    after(&state, &ctx, result, kept).await
}

/// `POST /school/trainees/{id}/reveal`: shows the full identifiers once, logged with the reason.
pub async fn reveal(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<TraineeId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    match supply::reveal(&state.app, &ctx.actor, id, &field(&pairs, "reason")).await {
        Ok(t) => {
            let page = school_page(
                &state,
                &ctx,
                &TraineeQuery::default(),
                FormErrors::default(),
                Vec::new(),
                Some((t.name, t.id_number, t.phone)),
            )
            .await?;
            Ok(render(lang, &page)?.into_response())
        }
        Err(Error::Invalid(errors)) => {
            let page = school_page(
                &state,
                &ctx,
                &TraineeQuery::default(),
                FormErrors::new(&errors, lang),
                Vec::new(),
                None,
            )
            .await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &page)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `GET /school/trainees/template.xlsx`: the import template (header, hidden keys, example, notes sheet).
pub async fn trainee_template(ctx: Ctx) -> Result<Response, PageError> {
    let me = ctx.actor.user()?;
    ctx.actor.require(Permission::ManageSupply(me.org_id))?;
    let bytes = gongjiang_sheets::template(&gongjiang_app::imports::TRAINEE_SHEET)
        .map_err(|e| PageError::internal(ctx.lang, &e.to_string()))?;
    Ok(xlsx_download("学员导入模板.xlsx", bytes))
}

/// `POST /school/trainees/import` (multipart: `file`): the trainee import of
/// `/imports`, run as a background job; answers with a redirect to its page.
pub async fn import_trainees(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::forms::Upload(multipart): crate::forms::Upload,
) -> Result<Response, PageError> {
    crate::imports::pages::upload(
        State(state),
        ctx,
        Path("trainees".to_string()),
        crate::forms::Upload(multipart),
    )
    .await
}

use gongjiang_sheets::{ColumnKind as Col, ColumnSpec as Column};

/// The demand board's export columns.
/// A school's trainee export columns (identifiers masked).
const TRAINEE_EXPORT: SheetSpec = SheetSpec {
    name: "学员名单",
    columns: &[
        Column::new("student_no", "学号", Col::IdLike),
        Column::new("name", "姓名", Col::Text),
        Column::new("id_number", "身份证号（脱敏）", Col::IdLike),
        Column::new("phone", "手机号（脱敏）", Col::IdLike),
        Column::new("birth_date", "出生日期", Col::Text),
        Column::new("gender", "性别", Col::Text),
        Column::new("status", "状态", Col::Text),
    ],
};

async fn trainee_rows(
    state: &AppState,
    ctx: &Ctx,
    query: &TraineeQuery,
) -> Result<Vec<Vec<String>>, PageError> {
    let lang = ctx.lang;
    let filter = query.filter()?;
    let mut rows = Vec::new();
    let mut page = 1;
    loop {
        let (list, total) = supply::trainees(
            &state.app,
            &ctx.actor,
            filter.clone(),
            page,
            supply::MAX_PAGE,
        )
        .await?;
        for t in &list {
            rows.push(vec![
                t.student_no.clone(),
                t.name.clone(),
                t.id_number.clone(),
                t.phone.clone(),
                t.birth_date.clone(),
                i18n::choice(lang, "gender", &t.gender),
                trainee_status(lang, t.status).to_string(),
            ]);
        }
        if list.is_empty() || i64::try_from(rows.len()).unwrap_or(i64::MAX) >= total {
            break;
        }
        page += 1;
    }
    Ok(rows)
}

/// `GET /school/trainees.csv` and `.xlsx`: the school's trainees under the list's filter, identifiers masked.
pub async fn trainees_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<TraineeQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let rows = trainee_rows(&state, &ctx, &query).await?;
    table_download(
        ctx.lang,
        &TRAINEE_EXPORT,
        "学员名单",
        rows,
        format.is_xlsx(),
    )
}
