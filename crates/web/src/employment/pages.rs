//! Employment pages: a school's or an employer's records with the follow-ups
//! due, placements to confirm, a job entered by hand; and the talent funnel
//! with its `.xlsx` export.

use crate::context::Ctx;
use crate::employment::api::funnel_by;
use crate::error::PageError;
use crate::forms::Id;
use crate::forms::{Choice, FormErrors};
use crate::forms::{Fields, Form, field};
use crate::i18n::{self, Lang};
use crate::layout::{Layout, render, render_with};
use crate::lists::{Cell, PageAsk, Pager, Table, table_download};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::Error;
use gongjiang_app::aggregates::Counted;
use gongjiang_app::employment::{self, Funnel, ManualInput, Overview, RecordView, Reminder};

use gongjiang_domain::employment::{EmploymentInput, OutcomeInput};

use gongjiang_domain::ids::{EmploymentId, PlacementId};

use gongjiang_domain::members::OrgKind;

/// How the forms name their fields in error messages.
pub(crate) const LABELS: &[(&str, &str)] = &[
    ("trainee_id", "employment.trainee"),
    ("id_number", "field.id_number"),
    ("employer_org_id", "employment.employer"),
    ("post", "employment.post"),
    ("start_on", "employment.start_on"),
    ("wage", "employment.wage"),
    ("months", "employment.label.months"),
    ("still_employed", "employment.still_employed"),
    ("note", "employment.note"),
];

/// A record on the page: its cells (the columns of [`records_table`]) and
/// the follow-ups due, each with its form.
pub struct RecordRow {
    id: String,
    cells: Vec<Cell>,
    due: Vec<(i64, String)>,
}

/// Query of the employment page: the records' filter and page, the page of
/// the follow-ups due (`due_page`), and the search of the form's trainee picker.
#[derive(serde::Deserialize, Default)]
pub struct RecordsQuery {
    /// `placement` or `manual`, or empty for both.
    #[serde(default)]
    source: String,
    #[serde(default)]
    trainee_q: String,
    #[serde(default)]
    employer_q: String,
    page: Option<i64>,
    per_page: Option<i64>,
    due_page: Option<i64>,
    due_per_page: Option<i64>,
}

impl RecordsQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("source", self.source.clone())]
    }
    /// What the follow-ups' pager keeps: the records' filter and page.
    fn due_params(&self) -> Vec<(&'static str, String)> {
        let mut params = self.params();
        if let Some(page) = self.page.filter(|p| *p > 1) {
            params.push(("page", page.to_string()));
        }
        if let Some(per_page) = self.per_page {
            params.push(("per_page", per_page.to_string()));
        }
        params
    }
}

/// The keys the follow-ups due page under, beside the records' own.
const DUE_KEYS: crate::lists::PageKeys = crate::lists::PageKeys {
    page: "due_page",
    per_page: "due_per_page",
};

/// The follow-ups due, one row each in the order the use case gives (the
/// most overdue first), in words (the page and its exports).
fn due_table(lang: Lang, due: &[Reminder], today: time::Date) -> Table {
    let mut table = Table::new(
        lang,
        &[
            "employment.trainee",
            "employment.employer",
            "employment.checkpoint",
            "employment.due_date",
            "employment.overdue",
        ],
    );
    let months = i18n::tr(lang, "employment.months");
    for r in due {
        let days = gongjiang_domain::demand::date_field(&r.due_on)
            .map(|d| (today - d).whole_days())
            .unwrap_or(0);
        table.push(vec![
            Cell::text(r.trainee_name.clone()),
            Cell::text(r.employer.clone()),
            Cell::text(format!("{}{months}", r.months)),
            Cell::text(r.due_on.clone()),
            Cell::text(if days > 0 {
                i18n::tr_args(
                    lang,
                    "employment.overdue_days",
                    &[("days", days.to_string())],
                )
            } else {
                i18n::tr(lang, "employment.due_today").to_string()
            }),
        ]);
    }
    table
}

/// The records under the query's filter, overdue follow-ups first (the
/// earliest due first), the rest in the order the use case gave.
fn filtered(
    lang: Lang,
    mut records: Vec<RecordView>,
    q: &RecordsQuery,
) -> Result<Vec<RecordView>, PageError> {
    if !q.source.is_empty() {
        let source = gongjiang_domain::employment::EmploymentSource::parse(&q.source)
            .map_err(|p| PageError::new(lang, Error::field("source", p)))?;
        records.retain(|r| r.source == source);
    }
    records.sort_by_key(|r| {
        r.due
            .iter()
            .map(|d| d.due_on.clone())
            .min()
            .map_or((1, String::new()), |d| (0, d))
    });
    Ok(records)
}

/// The records' columns, one row per record, in words (the page and its exports).
fn records_table(lang: Lang, records: &[RecordView], is_school: bool) -> Table {
    let mut table = Table::new(
        lang,
        &[
            "employment.trainee",
            if is_school {
                "employment.employer"
            } else {
                "employment.school"
            },
            "employment.post",
            "employment.start_on",
            "employment.wage",
            "employment.source",
            "employment.outcomes",
            "employment.reminders",
        ],
    );
    let months = i18n::tr(lang, "employment.months");
    let sep = i18n::tr(lang, "sep.list");
    for r in records {
        let outcomes: Vec<String> = r
            .outcomes
            .iter()
            .map(|o| {
                let state = i18n::tr(
                    lang,
                    if o.still_employed {
                        "employment.still"
                    } else {
                        "employment.left"
                    },
                );
                let wage = o.wage.map(|w| format!(" {w}")).unwrap_or_default();
                format!("{}{months}: {state}{wage}", o.months)
            })
            .collect();
        let due: Vec<String> = r
            .due
            .iter()
            .map(|d| {
                format!(
                    "{}{months}（{} {}）",
                    d.months,
                    i18n::tr(lang, "employment.due_on"),
                    d.due_on
                )
            })
            .collect();
        table.push(vec![
            Cell::text(r.trainee_name.clone()),
            Cell::text(if is_school {
                r.employer.clone()
            } else {
                r.school.clone()
            }),
            Cell::text(r.post.clone()),
            Cell::text(r.start_on.clone()),
            Cell::text(r.wage.to_string()),
            Cell::text(i18n::tr(
                lang,
                &format!("employment.source.{}", r.source.as_str()),
            )),
            Cell::text(outcomes.join(sep)),
            Cell::text(due.join(sep)),
        ]);
    }
    table
}

#[derive(Template)]
#[template(path = "employment/employment.html")]
struct EmploymentPage {
    l: Layout,
    is_school: bool,
    due: Table,
    due_pager: Pager,
    headers: Vec<String>,
    records: Vec<RecordRow>,
    pager: Pager,
    sources: Vec<Choice>,
    placements: Vec<employment::PlacementView>,
    trainees: crate::lists::Picker,
    employers: crate::lists::Picker,
    input: ManualInput,
    errors: FormErrors,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    input: ManualInput,
    errors: FormErrors,
    q: &RecordsQuery,
) -> Result<EmploymentPage, PageError> {
    let trainee_search = q.trainee_q.as_str();
    let employer_search = q.employer_q.as_str();
    let lang = ctx.lang;
    let (
        Overview {
            records,
            placements,
            is_school,
        },
        due,
    ) = employment::overview_and_due(&state.app, &ctx.actor).await?;
    let due_ask = PageAsk::new(q.due_page, q.due_per_page, crate::lists::MAX_PAGE);
    let (mut due_pager, due) =
        crate::lists::paged_as(lang, "/employment", &q.due_params(), due_ask, due, DUE_KEYS);
    // The exports hold every follow-up due; the list has no filter of its own.
    due_pager.xlsx_href = "/employment/due.xlsx".into();
    due_pager.csv_href = "/employment/due.csv".into();
    let due = due_table(lang, &due, state.app.now().date_cst());
    let (trainees, employers) = if is_school {
        let trainees =
            crate::supply::pages::trainee_picker(state, ctx, trainee_search, &input.trainee_id)
                .await?
                .keeping(&[("employer_q", employer_search)]);
        // The employer is picked by searching the enterprise members: every
        // one is reachable, and a page does not load thousands of them.
        let employers = crate::members::pages::unit_picker(
            state,
            lang,
            &[OrgKind::Enterprise],
            employer_search,
            &input.job.employer_org_id,
        )
        .await?
        .keeping(&[("trainee_q", trainee_search)]);
        (trainees, employers)
    } else {
        (crate::lists::Picker::none(), crate::lists::Picker::none())
    };
    let records = filtered(lang, records, q)?;
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (pager, shown) = crate::lists::paged(lang, "/employment", &q.params(), ask, records);
    let table = records_table(lang, &shown, is_school);
    Ok(EmploymentPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        is_school,
        due,
        due_pager,
        headers: table.headers,
        records: shown
            .iter()
            .zip(table.rows)
            .map(|(r, cells)| RecordRow {
                id: r.id.to_string(),
                cells,
                due: r.due.iter().map(|d| (d.months, d.due_on.clone())).collect(),
            })
            .collect(),
        pager,
        sources: ["placement", "manual"]
            .into_iter()
            .map(|v| {
                Choice::new(
                    v,
                    i18n::tr(lang, &format!("employment.source.{v}")),
                    &q.source,
                )
            })
            .collect(),
        placements,
        trainees,
        employers,
        input,
        errors,
    })
}

/// `GET /employment`: the records by source, overdue follow-ups first, a
/// page at a time (`?trainee_q=` narrows the form's trainee picker).
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RecordsQuery>,
) -> Result<Html<String>, PageError> {
    let p = page(
        &state,
        &ctx,
        ManualInput::default(),
        FormErrors::default(),
        &q,
    )
    .await?;
    render(ctx.lang, &p)
}

/// `GET /employment.csv` and `.xlsx`: every record under the page's filter, in its order, as CSV or a workbook (by the path's ending).
pub async fn records_export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<RecordsQuery>,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    records_download(&state, &ctx, &q, format.is_xlsx()).await
}

async fn records_download(
    state: &AppState,
    ctx: &Ctx,
    q: &RecordsQuery,
    xlsx: bool,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let Overview {
        records, is_school, ..
    } = employment::overview(&state.app, &ctx.actor).await?;
    let records = filtered(lang, records, q)?;
    crate::lists::download(
        lang,
        i18n::tr(lang, "employment.records"),
        &records_table(lang, &records, is_school),
        xlsx,
    )
}

/// `GET /employment/due.csv` and `.xlsx`: every follow-up due, the most overdue first, as on the page.
pub async fn due_export(
    State(state): State<AppState>,
    ctx: Ctx,
    format: crate::lists::Format,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let due = employment::reminders(&state.app, &ctx.actor).await?;
    crate::lists::download(
        lang,
        i18n::tr(lang, "employment.reminders"),
        &due_table(lang, &due, state.app.now().date_cst()),
        format.is_xlsx(),
    )
}

async fn fail_with_form(
    state: &AppState,
    ctx: &Ctx,
    e: Error,
    input: ManualInput,
) -> Result<Response, PageError> {
    match e {
        Error::Invalid(errors) => {
            let errors = FormErrors::labelled(&errors, ctx.lang, LABELS);
            let p = page(state, ctx, input, errors, &RecordsQuery::default()).await?;
            Ok(render_with(ctx.lang, StatusCode::UNPROCESSABLE_ENTITY, &p)?.into_response())
        }
        e => Err(PageError::new(ctx.lang, e)),
    }
}

fn job_of(pairs: &[(String, String)]) -> EmploymentInput {
    EmploymentInput {
        employer_org_id: field(pairs, "employer_org_id"),
        post: field(pairs, "post"),
        start_on: field(pairs, "start_on"),
        wage: field(pairs, "wage"),
    }
}

/// `POST /employment/new`: a job entered by hand.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let input = ManualInput {
        trainee_id: field(&pairs, "trainee_id"),
        id_number: field(&pairs, "id_number"),
        job: job_of(&pairs),
    };
    match employment::record_by_hand(&state.app, &ctx.actor, &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/employment")),
        Err(e) => {
            // The ID number is never sent back into the form.
            let input = ManualInput {
                id_number: String::new(),
                ..input
            };
            fail_with_form(&state, &ctx, e, input).await
        }
    }
}

/// `POST /employment/placements/{id}/confirm`.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(pid): Id<PlacementId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    match employment::confirm_placement(&state.app, &ctx.actor, pid, &job_of(&pairs)).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/employment")),
        Err(e) => fail_with_form(&state, &ctx, e, ManualInput::default()).await,
    }
}

/// `POST /employment/{id}/outcome`: a 6- or 12-month follow-up.
pub async fn outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(rid): Id<EmploymentId>,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let input = OutcomeInput {
        months: field(&pairs, "months"),
        still_employed: field(&pairs, "still_employed"),
        wage: field(&pairs, "wage"),
        note: field(&pairs, "note"),
    };
    match employment::record_outcome(&state.app, &ctx.actor, rid, &input).await {
        Ok(_) => Ok(crate::forms::saved(&state, "/employment")),
        Err(e) => fail_with_form(&state, &ctx, e, ManualInput::default()).await,
    }
}

// ---- the funnel -------------------------------------------------------------

/// Query of the funnel pages.
#[derive(serde::Deserialize, Default)]
pub struct FunnelQuery {
    #[serde(default)]
    by: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

#[derive(Template)]
#[template(path = "employment/funnel.html")]
struct FunnelPage {
    l: Layout,
    groupings: Vec<(&'static str, &'static str, bool)>,
    stages: Vec<&'static str>,
    /// The rates' headers.
    rate_names: Vec<&'static str>,
    /// Whether the rows name their school (alliance-wide, by cohort or major).
    school_column: bool,
    /// Group, school, counts, rates.
    rows: Vec<(String, String, Vec<i64>, Vec<String>)>,
    total: Vec<i64>,
    total_rates: Vec<String>,
    /// Whose trainees, as a word key.
    scope: &'static str,
    /// How the stages read, as a word key.
    intro: &'static str,
    counted_at: String,
    pager: Pager,
}

async fn load_funnel(
    state: &AppState,
    ctx: &Ctx,
    q: &FunnelQuery,
) -> Result<Counted<Funnel>, PageError> {
    let by = funnel_by(&q.by)?;
    employment::funnel(&state.app, &ctx.actor, by)
        .await
        .map_err(|e| PageError::new(ctx.lang, e))
}

/// `GET /funnel?by=cohort|major|enterprise&page=…`: one page of groups, the
/// total over all of them, and when the figures were counted.
pub async fn funnel(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FunnelQuery>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let counted = load_funnel(&state, &ctx, &q).await?;
    let f = &counted.value;
    let none = i18n::tr(lang, "funnel.none");
    let ask = PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let total_rows = i64::try_from(f.rows.len()).unwrap_or(i64::MAX);
    let pager = Pager::new(
        lang,
        "/funnel",
        &[("by", f.by.as_str().to_string())],
        ask,
        total_rows,
    );
    render(
        lang,
        &FunnelPage {
            l: Layout::new(&ctx, state.app.settings.demo_mode),
            groupings: employment::groupings(&ctx.actor)?
                .iter()
                .map(|b| {
                    (
                        b.as_str(),
                        i18n::tr(lang, &format!("funnel.by.{}", b.as_str())),
                        *b == f.by,
                    )
                })
                .collect(),
            stages: f
                .stages
                .iter()
                .map(|s| i18n::tr(lang, &f.stage_key(*s)))
                .collect(),
            rate_names: employment::RATES
                .iter()
                .map(|(key, _, _)| i18n::tr(lang, &f.rate_key(key)))
                .collect(),
            school_column: f.rows.iter().any(|r| !r.school.is_empty()),
            rows: f.rows[ask.window(f.rows.len())]
                .iter()
                .map(|r| {
                    (
                        if r.key == "none" {
                            none.to_string()
                        } else {
                            r.label.clone()
                        },
                        r.school.clone(),
                        r.counts.clone(),
                        employment::rates(&r.counts),
                    )
                })
                .collect(),
            total: f.total.clone(),
            total_rates: employment::rates(&f.total),
            intro: if f.employer.is_some() {
                "funnel.intro_employer"
            } else {
                "funnel.intro"
            },
            scope: if f.employer.is_some() {
                "funnel.employer"
            } else if f.school.is_some() {
                "funnel.school"
            } else {
                "funnel.alliance"
            },
            counted_at: counted.counted_at.display_cst(),
            pager,
        },
    )
}

/// `GET /funnel.xlsx?by=…` and `/funnel.csv?by=…`: every group of the
/// table (all pages) with the total row.
pub async fn funnel_download(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FunnelQuery>,
    xlsx: bool,
) -> Result<Response, PageError> {
    let counted = load_funnel(&state, &ctx, &q).await?;
    let f = &counted.value;
    let rows = employment::funnel_rows(f, i18n::tr(Lang::Zh, "funnel.none"));
    table_download(
        ctx.lang,
        f.sheet(),
        &format!("人才链漏斗-{}", f.by.as_str()),
        rows,
        xlsx,
    )
}

/// `GET /funnel.xlsx?by=…`.
pub async fn funnel_xlsx(
    state: State<AppState>,
    ctx: Ctx,
    q: Query<FunnelQuery>,
) -> Result<Response, PageError> {
    funnel_download(state, ctx, q, true).await
}

/// `GET /funnel.csv?by=…`.
pub async fn funnel_csv(
    state: State<AppState>,
    ctx: Ctx,
    q: Query<FunnelQuery>,
) -> Result<Response, PageError> {
    funnel_download(state, ctx, q, false).await
}
