//! The page of one job: a progress bar that refreshes itself while the work
//! runs (a `<meta refresh>`, no script), then how it ended and where to go next.
//! An import's page says how many rows were created and updated, or lists
//! its problems row by row and links the problem report, which only the
//! job's owner can download (`/jobs/{id}/report.xlsx`).

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::Id;
use crate::i18n::Lang;
use crate::layout::{Layout, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, Response};
use gongjiang_app::jobs::{self, JobStatus, JobView};
use gongjiang_domain::ids::JobId;

#[derive(Template)]
#[template(path = "jobs/job.html")]
struct JobPage {
    l: Layout,
    status: &'static str,
    running: bool,
    stage: &'static str,
    done: u64,
    total: u64,
    percent: u64,
    error: String,
    next: Option<(String, &'static str)>,
    import: Option<ImportView>,
}

/// How an import job ended, for its page.
struct ImportView {
    /// The kind's name.
    title: &'static str,
    /// Whether the import stored its rows.
    done: bool,
    /// Rows created and updated, when done.
    created: u64,
    updated: u64,
    /// Why the whole file was refused (unreadable, missing columns…).
    file_problem: String,
    /// The problems, row by row (at most `MAX_LISTED_PROBLEMS`).
    problems: Vec<ProblemLine>,
    /// How many problems there are in all.
    total_problems: u64,
    /// The job's id, when it left a problem report.
    report: Option<JobId>,
}

struct ProblemLine {
    line: u64,
    column: String,
    message: String,
}

fn import_view(lang: Lang, job: &JobView) -> Option<ImportView> {
    let kind = job
        .kind
        .strip_prefix("import.")
        .and_then(gongjiang_app::imports::Kind::parse)?;
    let o = &job.outcome;
    let text = |v: &serde_json::Value, key: &str| {
        v.get(key)
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let number = |key: &str| o.get(key).and_then(|x| x.as_u64()).unwrap_or(0);
    let problems: Vec<ProblemLine> = o
        .get("problems")
        .and_then(|p| p.as_array())
        .map(|list| {
            list.iter()
                .map(|p| ProblemLine {
                    line: p.get("line").and_then(|x| x.as_u64()).unwrap_or(0),
                    column: text(p, "column"),
                    message: text(p, "message"),
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ImportView {
        title: crate::imports::pages::kind_words(lang, kind).0,
        done: job.status == JobStatus::Done,
        created: number("created"),
        updated: number("updated"),
        file_problem: text(o, "file_problem"),
        total_problems: number("total_problems").max(problems.len() as u64),
        problems,
        report: job.has_report.then_some(job.id),
    })
}

/// The words for a job's status.
pub fn status_label(lang: Lang, status: JobStatus) -> &'static str {
    let code = match status {
        JobStatus::Running => "running",
        JobStatus::Done => "done",
        JobStatus::Refused => "refused",
        JobStatus::Failed => "failed",
        JobStatus::Interrupted => "interrupted",
    };
    crate::i18n::coded(lang, "job_status", code)
}

/// The words for a stage of work.
pub fn stage_label(lang: Lang, stage: &str) -> &'static str {
    let stage = match stage {
        "read" | "validate" | "check" | "store" | "solve" | "publish" => stage,
        _ => "start",
    };
    crate::i18n::coded(lang, "job_stage", stage)
}

/// Where the owner goes once the job is done.
fn next_step(job: &JobView) -> Option<(String, &'static str)> {
    match (job.kind.as_str(), job.status) {
        ("round.solve", JobStatus::Done) => job
            .outcome
            .get("round_id")
            .and_then(|v| v.as_str())
            .map(|round| (format!("/rounds/{round}/review"), "rounds.review")),
        ("import.organizations", JobStatus::Done) => Some(("/members".into(), "nav.members")),
        ("import.demand", JobStatus::Done) => Some(("/demands".into(), "nav.demands")),
        ("import.teachers", JobStatus::Done) => Some(("/school/teachers".into(), "nav.school")),
        ("import.majors" | "import.cohorts" | "import.trainees", JobStatus::Done) => {
            Some(("/school".into(), "nav.school"))
        }
        (kind, _) if kind.starts_with("import.") => Some(("/imports".into(), "imports.title")),
        _ => None,
    }
}

/// `GET /jobs/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<JobId>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let job = jobs::get(&state.app, &ctx.actor, id).await?;
    let page = JobPage {
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        status: status_label(lang, job.status),
        running: job.status == JobStatus::Running,
        stage: stage_label(lang, job.progress.stage),
        done: job.progress.done,
        total: job.progress.total,
        percent: job.progress.percent(),
        error: job
            .outcome
            .get("error")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        next: next_step(&job),
        import: import_view(lang, &job),
    };
    render(lang, &page)
}

/// `GET /jobs/{id}/report.xlsx`: the problem report a refused import left,
/// opened from the vault; anyone but the job's owner gets 404.
pub async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id<JobId>,
) -> Result<Response, PageError> {
    let _lang = ctx.lang;
    let bytes = jobs::report(&state.app, &ctx.actor, id).await?;
    Ok(crate::lists::xlsx_download("导入问题报告.xlsx", bytes))
}
