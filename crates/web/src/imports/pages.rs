//! The import page (`/imports`): for each kind of file the acting user may
//! import — member units (secretariat), talent demand (an enterprise),
//! majors, cohorts, teachers and trainees (a school) — the `.xlsx` template
//! to download and an upload form. An upload runs as a background job: the
//! browser goes to `/jobs/{id}`, which shows the progress, then how many rows
//! were created and updated, or every problem row by row with the problem
//! report (`/jobs/{id}/report.xlsx`, sealed with the job, owner only).

use crate::context::Ctx;
use crate::error::PageError;
use crate::i18n::Lang;
use crate::layout::{Layout, render};
use crate::lists::xlsx_download;
use crate::state::AppState;
use crate::upload::{ReportLine, read_upload, report_lines, report_problems};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongjiang_app::imports::{self, Kind, Refusal};
use gongjiang_app::jobs::{self, Finish};
use gongjiang_app::{App, Error};
use serde_json::json;

/// Most problem lines kept with a job for its page; the report has them all.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// The words for a kind: title, what matches a row to a stored record, and
/// the file name stem of its template.
pub fn kind_words(lang: Lang, kind: Kind) -> (&'static str, &'static str, &'static str) {
    (
        crate::i18n::coded(lang, "import_kind", kind.as_str()),
        crate::i18n::coded(lang, "import_matched", kind.as_str()),
        // The template's file name is Chinese, as its column headers are.
        crate::i18n::coded(Lang::Zh, "import_kind", kind.as_str()),
    )
}

/// One kind offered on the page.
struct KindView {
    key: &'static str,
    title: &'static str,
    matched_by: &'static str,
}

#[derive(Template)]
#[template(path = "imports/imports.html")]
struct ImportsPage {
    l: Layout,
    kinds: Vec<KindView>,
}

fn kind_of(lang: Lang, text: &str) -> Result<Kind, PageError> {
    Kind::parse(text).ok_or_else(|| PageError::new(lang, Error::NotFound("import kind")))
}

/// `GET /imports`: the imports the acting user may run.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    ctx.actor.user()?;
    let mut kinds = Vec::new();
    for kind in Kind::ALL {
        if imports::authorize(&state.app, &ctx.actor, *kind, None)
            .await
            .is_ok()
        {
            let (title, matched_by, _) = kind_words(lang, *kind);
            kinds.push(KindView {
                key: kind.as_str(),
                title,
                matched_by,
            });
        }
    }
    let page = ImportsPage {
        l: Layout::new(&ctx, state.app.settings.demo_mode),
        kinds,
    };
    render(lang, &page)
}

/// `GET /imports/{kind}/template.xlsx`: the kind's template (Chinese headers,
/// hidden key row, example row, notes sheet), for those who may import it.
pub async fn template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let kind = kind_of(lang, &kind)?;
    imports::authorize(&state.app, &ctx.actor, kind, None).await?;
    let bytes = gongjiang_sheets::template(kind.sheet())
        .map_err(|e| PageError::internal(lang, &e.to_string()))?;
    let (_, _, stem) = kind_words(Lang::Zh, kind);
    Ok(xlsx_download(&format!("{stem}导入模板.xlsx"), bytes))
}

/// `POST /imports/{kind}` (multipart: `file`): checks that the actor may
/// import this kind, starts the import as a job and sends the browser to it.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    crate::forms::Upload(mut multipart): crate::forms::Upload,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let kind = kind_of(lang, &kind)?;
    imports::authorize(&state.app, &ctx.actor, kind, None).await?;
    let mut bytes = Vec::new();
    let mut file_name = String::from("upload.xlsx");
    while let Ok(Some(part)) = multipart.next_field().await {
        if part.name() == Some("file") {
            file_name = part.file_name().unwrap_or("upload.xlsx").to_string();
            bytes = part.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        }
    }
    let me = ctx.actor.user()?;
    let actor = ctx.actor.clone();
    let id = jobs::spawn(
        &state.app,
        &ctx.actor,
        &format!("import.{}", kind.as_str()),
        Some(me.org_id),
        move |app, progress| async move {
            import_file(app, actor, kind, lang, bytes, file_name, progress).await
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/jobs/{id}")).into_response())
}

/// The job's work: read the file, import it, and on refusal keep the
/// problems (worded in the uploader's language) and the problem report.
async fn import_file(
    app: App,
    actor: gongjiang_app::Actor,
    kind: Kind,
    lang: Lang,
    bytes: Vec<u8>,
    file_name: String,
    progress: gongjiang_app::progress::Progress,
) -> Finish {
    let spec = kind.sheet();
    progress.stage("read", 0);
    // Reading a large workbook takes seconds of CPU: keep it off the async workers.
    let read =
        tokio::task::spawn_blocking(move || read_upload(&bytes, &file_name, spec, lang)).await;
    let upload = match read {
        Ok(Ok(upload)) => upload,
        Ok(Err(message)) => {
            return Finish::Refused {
                outcome: json!({"kind": kind.as_str(), "file_problem": message}),
                artifact: None,
            };
        }
        Err(e) => return Finish::Failed(format!("reading the file stopped: {e}")),
    };
    match imports::run(&app, &actor, kind, &upload.rows, &progress).await {
        Ok(o) => {
            Finish::Done(json!({"kind": kind.as_str(), "created": o.created, "updated": o.updated}))
        }
        Err(Refusal::Rows(problems)) => {
            let lines = report_lines(lang, spec, &upload.cell_problems, &problems);
            let own = report_problems(spec, &problems);
            let table = upload.table;
            let artifact = tokio::task::spawn_blocking(move || {
                gongjiang_sheets::error_report(spec, &table, &own)
            })
            .await
            .ok()
            .and_then(Result::ok);
            let total = lines.len();
            let listed: Vec<ReportLine> = lines.into_iter().take(MAX_LISTED_PROBLEMS).collect();
            Finish::Refused {
                outcome: json!({"kind": kind.as_str(), "problems": listed, "total_problems": total}),
                artifact,
            }
        }
        Err(Refusal::Other(e)) => Finish::Failed(e.to_string()),
    }
}
