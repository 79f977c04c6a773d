//! The alliance's catalogues on a page: the industry-chain segment tree and
//! the occupation catalogue, readable by everyone. The secretariat adds and
//! changes segments here, and loads the occupation catalogue from a file
//! (all or nothing, each bad row named) after downloading its template.

use crate::context::Ctx;
use crate::error::PageError;
use crate::forms::{Choice, FormErrors};
use crate::forms::{Fields, Form, field};
use crate::i18n::Lang;
use crate::layout::{Layout, render, render_with};
use crate::lists::xlsx_download;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use gongjiang_app::catalogues::{self, SegmentInput, TreeSegment};
use gongjiang_app::policy::Permission;
use gongjiang_app::{Error, demand};
use serde::Deserialize;

/// How the segment form names its fields in error messages.
pub(crate) const SEGMENT_LABELS: &[(&str, &str)] = &[
    ("code", "catalogues.code"),
    ("parent_code", "catalogues.parent"),
    ("name_zh", "catalogues.name_zh"),
    ("name_en", "catalogues.name_en"),
    ("position", "catalogues.position"),
];

/// `?segment=CODE` fills the form with that segment, to change it.
#[derive(Debug, Default, Deserialize)]
pub struct CatalogueParams {
    /// The segment to change.
    #[serde(default)]
    pub segment: String,
}

/// A segment line of the tree.
pub struct SegmentLine {
    code: String,
    name: String,
    indent: usize,
    occupations: usize,
}

/// An occupation line.
pub struct OccupationLine {
    code: String,
    name: String,
    edition: String,
    verified: bool,
    segments: String,
}

#[derive(Template)]
#[template(path = "catalogues/catalogues.html")]
struct CataloguesPage {
    l: Layout,
    tree: Vec<SegmentLine>,
    occupations: Vec<OccupationLine>,
    can_manage: bool,
    input: SegmentInput,
    parents: Vec<Choice>,
    errors: FormErrors,
    /// Why a catalogue file could not be read at all.
    file_problem: String,
    /// A refused catalogue file's problems: (line, column, message).
    import_problems: Vec<(usize, String, String)>,
}

fn name(lang: Lang, zh: &str, en: &str) -> String {
    crate::i18n::named(lang, zh, en).to_string()
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    input: SegmentInput,
    errors: FormErrors,
) -> Result<CataloguesPage, PageError> {
    let lang = ctx.lang;
    let tree: Vec<TreeSegment> = catalogues::segment_tree(&state.app).await?;
    let c = demand::catalogues(&state.app).await?;
    let segment_name = |code: &str| {
        tree.iter()
            .find(|t| t.segment.code == code)
            .map(|t| name(lang, &t.segment.name_zh, &t.segment.name_en))
            .unwrap_or_else(|| code.to_string())
    };
    Ok(CataloguesPage {
        l: Layout::new(ctx, state.app.settings.demo_mode),
        tree: tree
            .iter()
            .map(|t| SegmentLine {
                code: t.segment.code.clone(),
                name: name(lang, &t.segment.name_zh, &t.segment.name_en),
                indent: t.depth * 2,
                occupations: c
                    .occupations
                    .iter()
                    .filter(|o| o.segments.contains(&t.segment.code))
                    .count(),
            })
            .collect(),
        occupations: c
            .occupations
            .iter()
            .map(|o| OccupationLine {
                code: o.code.clone(),
                name: o.name.clone(),
                edition: o.edition.clone(),
                verified: o.verified,
                segments: o
                    .segments
                    .iter()
                    .map(|s| segment_name(s))
                    .collect::<Vec<_>>()
                    .join("、"),
            })
            .collect(),
        can_manage: ctx.actor.may(Permission::ManageCatalogues),
        parents: std::iter::once(Choice::new("", "—", &input.parent_code))
            .chain(
                tree.iter()
                    .filter(|t| t.segment.code != input.code)
                    .map(|t| {
                        Choice::new(
                            t.segment.code.clone(),
                            format!(
                                "{}{}",
                                "　".repeat(t.depth),
                                name(lang, &t.segment.name_zh, &t.segment.name_en)
                            ),
                            &input.parent_code,
                        )
                    }),
            )
            .collect(),
        input,
        errors,
        file_problem: String::new(),
        import_problems: Vec::new(),
    })
}

/// `GET /catalogues`: the segment tree and the occupation catalogue; for the
/// secretariat, the segment form (filled from `?segment=`).
pub async fn catalogues(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<CatalogueParams>,
) -> Result<Html<String>, PageError> {
    let lang = ctx.lang;
    let mut input = SegmentInput::default();
    if !params.segment.is_empty() && ctx.actor.may(Permission::ManageCatalogues) {
        let tree = catalogues::segment_tree(&state.app).await?;
        let found = tree
            .into_iter()
            .find(|t| t.segment.code == params.segment)
            .ok_or_else(|| PageError::new(lang, Error::NotFound("segment")))?;
        input = SegmentInput {
            code: found.segment.code,
            parent_code: found.segment.parent_code.unwrap_or_default(),
            name_zh: found.segment.name_zh,
            name_en: found.segment.name_en,
            position: found.segment.position.to_string(),
        };
    }
    let view = page(&state, &ctx, input, FormErrors::default()).await?;
    render(lang, &view)
}

/// `POST /catalogues/segments`: adds or changes a segment; a bad field (or a
/// parent that would close a loop) shows the page again with the field named.
pub async fn save_segment(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Fields>,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let input = SegmentInput {
        code: field(&pairs, "code"),
        parent_code: field(&pairs, "parent_code"),
        name_zh: field(&pairs, "name_zh"),
        name_en: field(&pairs, "name_en"),
        position: field(&pairs, "position"),
    };
    match catalogues::save_segment(&state.app, &ctx.actor, &input).await {
        Ok(()) => Ok(crate::forms::saved(&state, "/catalogues")),
        Err(Error::Invalid(errors)) => {
            let errors = FormErrors::labelled(&errors, lang, SEGMENT_LABELS);
            let view = page(&state, &ctx, input, errors).await?;
            Ok(render_with(lang, StatusCode::UNPROCESSABLE_ENTITY, &view)?.into_response())
        }
        Err(e) => Err(PageError::new(lang, e)),
    }
}

/// `GET /catalogues/occupations/template.xlsx`: the occupation file template.
pub async fn occupation_template(ctx: Ctx) -> Result<Response, PageError> {
    ctx.actor.require(Permission::ManageCatalogues)?;
    let bytes = gongjiang_sheets::template(&catalogues::OCCUPATION_SHEET)
        .map_err(|e| PageError::internal(ctx.lang, &e.to_string()))?;
    Ok(xlsx_download("职业目录模板.xlsx", bytes))
}

/// `POST /catalogues/occupations` (multipart `file`): loads the occupation
/// catalogue, all or nothing; a refused file shows each bad row on the page.
pub async fn import_occupations(
    State(state): State<AppState>,
    ctx: Ctx,
    crate::forms::Upload(mut multipart): crate::forms::Upload,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let spec = &catalogues::OCCUPATION_SHEET;
    let mut bytes = Vec::new();
    let mut file_name = String::new();
    while let Ok(Some(part)) = multipart.next_field().await {
        if part.name() == Some("file") {
            file_name = part.file_name().unwrap_or("upload.csv").to_string();
            bytes = part.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        }
    }
    let upload = match crate::upload::read_upload(&bytes, &file_name, spec, lang) {
        Ok(upload) => upload,
        Err(message) => return refused(&state, &ctx, message, Vec::new()).await,
    };
    // The file's cell problems and the rules' problems come back together.
    let problems = match catalogues::import_occupations(&state.app, &ctx.actor, &upload.rows).await
    {
        Ok(_) => return Ok(crate::forms::saved(&state, "/catalogues#occupations")),
        Err(gongjiang_app::imports::Refusal::Rows(rows)) => {
            crate::upload::report_lines(lang, spec, &upload.cell_problems, &rows)
                .into_iter()
                .map(|l| (l.line, l.column, l.message))
                .collect()
        }
        Err(gongjiang_app::imports::Refusal::Other(e)) => return Err(PageError::new(lang, e)),
    };
    refused(&state, &ctx, String::new(), problems).await
}

/// The page again with why the catalogue file was refused.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    file_problem: String,
    problems: Vec<(usize, String, String)>,
) -> Result<Response, PageError> {
    let mut view = page(state, ctx, SegmentInput::default(), FormErrors::default()).await?;
    view.file_problem = file_problem;
    view.import_problems = problems;
    Ok(render_with(ctx.lang, StatusCode::UNPROCESSABLE_ENTITY, &view)?.into_response())
}
