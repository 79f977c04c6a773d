//! The page of one job: a progress bar that refreshes itself while the work
//! runs (a `<meta refresh>`, no script), then how it ended and where to go next.

use super::{Layout, render};
use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use gongjiang_app::Error;
use gongjiang_app::jobs::{self, JobStatus, JobView};
use gongjiang_domain::ids::JobId;

#[derive(Template)]
#[template(path = "job.html")]
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
}

/// The words for a job's status.
pub fn status_label(lang: Lang, status: JobStatus) -> &'static str {
    let (zh, en) = match status {
        JobStatus::Running => ("进行中", "Running"),
        JobStatus::Done => ("已完成", "Done"),
        JobStatus::Refused => (
            "未执行（数据有误，未作任何修改）",
            "Refused: nothing was changed",
        ),
        JobStatus::Failed => ("失败（未作任何修改）", "Failed: nothing was changed"),
        JobStatus::Interrupted => (
            "已中断（服务重启，未作任何修改，请重新提交）",
            "Interrupted: nothing was changed; please start it again",
        ),
    };
    if lang == Lang::Zh { zh } else { en }
}

/// The words for a stage of work.
pub fn stage_label(lang: Lang, stage: &str) -> &'static str {
    let (zh, en) = match stage {
        "read" => ("读取数据", "Reading"),
        "validate" => ("逐行校验", "Checking each row"),
        "check" => ("核对规则", "Checking the rules"),
        "store" => ("保存", "Saving"),
        "solve" => ("匹配计算", "Matching"),
        "publish" => ("发布", "Publishing"),
        _ => ("准备中", "Starting"),
    };
    if lang == Lang::Zh { zh } else { en }
}

/// Where the owner goes once the job is done.
fn next_step(job: &JobView) -> Option<(String, &'static str)> {
    match (job.kind.as_str(), job.status) {
        ("round.solve", JobStatus::Done) => job
            .outcome
            .get("round_id")
            .and_then(|v| v.as_str())
            .map(|round| (format!("/rounds/{round}/review"), "rounds.review")),
        _ => None,
    }
}

/// `GET /jobs/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let id: JobId = id
        .parse()
        .map_err(|_| PageError::new(lang, Error::NotFound("job")))?;
    let job = jobs::get(&state.app, &ctx.actor, id)
        .await
        .map_err(|e| PageError::new(lang, e))?;
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
    };
    render(lang, &page)
}
