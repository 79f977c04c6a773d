//! The catalogues' JSON API: the segment tree and the occupation catalogue.

use crate::context::Ctx;
use crate::error::LabelFields;
use crate::error::{ApiError, ErrorBody};
use crate::imports::api::Imported;
use crate::json::Body;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use gongjiang_app::demand;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The catalogues every form draws on.
#[derive(Serialize, JsonSchema)]
pub struct CataloguesView {
    /// The skill ladder, lowest first.
    skill_levels: Vec<demand::SkillLevel>,
    /// The occupation catalogue.
    occupations: Vec<gongjiang_app::demand::Occupation>,
    /// The industry chain's segments.
    segments: Vec<gongjiang_app::members::Segment>,
}

/// `GET /api/v1/catalogues`: skill levels, occupations, segments.
pub async fn catalogues(State(state): State<AppState>) -> Result<Json<CataloguesView>, ApiError> {
    let c = demand::catalogues(&state.app).await?;
    Ok(Json(CataloguesView {
        skill_levels: c.levels.clone(),
        occupations: c.occupations.clone(),
        segments: c.segments.clone(),
    }))
}

/// Body of a segment.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SegmentBody {
    /// Lowercase letters, digits and `_`, at most 30.
    #[schemars(regex(pattern = r"^[a-z0-9_]{1,30}$"))]
    code: String,
    /// The segment above it; empty for a chain of its own.
    #[serde(default)]
    parent_code: String,
    /// Its Chinese name.
    name_zh: String,
    /// Its English name.
    #[serde(default)]
    name_en: String,
    /// Its place among its siblings.
    #[serde(default)]
    position: Option<i64>,
}

/// `POST /api/v1/segments`: add or change a segment of the chain tree.
pub async fn save_segment(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<SegmentBody>,
) -> Result<StatusCode, ApiError> {
    let input = gongjiang_app::catalogues::SegmentInput {
        code: b.code,
        parent_code: b.parent_code,
        name_zh: b.name_zh,
        name_en: b.name_en,
        position: b.position.map(|p| p.to_string()).unwrap_or_default(),
    };
    gongjiang_app::catalogues::save_segment(&state.app, &ctx.actor, &input)
        .await
        .labels(crate::catalogues::pages::SEGMENT_LABELS)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/occupations/import`: the body is a CSV (职业编码, 职业名称, 版本, 已核实, 产业链环节).
pub async fn import_occupations(
    State(state): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Result<Json<Imported>, axum::response::Response> {
    use axum::response::IntoResponse;
    let lang = ctx.lang;
    let spec = &gongjiang_app::catalogues::OCCUPATION_SHEET;
    let upload = crate::upload::read_upload(&body, crate::upload::name_for(&body), spec, lang)
        .map_err(|message| ErrorBody::refuse_file("bad_file", message, Vec::new()))?;
    match gongjiang_app::catalogues::import_occupations(&state.app, &ctx.actor, &upload.rows).await
    {
        Ok(o) => Ok(Json(Imported {
            created: o.created,
            updated: o.updated,
        })),
        Err(gongjiang_app::imports::Refusal::Rows(problems)) => {
            let rows = crate::upload::report_lines(lang, spec, &upload.cell_problems, &problems);
            let message = crate::i18n::tr(lang, "import.rows_refused").to_string();
            Err(ErrorBody::refuse_file("invalid_rows", message, rows))
        }
        Err(gongjiang_app::imports::Refusal::Other(e)) => {
            Err(ApiError::new(lang, e).into_response())
        }
    }
}
