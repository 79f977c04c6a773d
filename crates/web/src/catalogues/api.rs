//! The catalogues' JSON API: the segment tree and the occupation catalogue.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::Body;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use gongjiang_app::demand;
use serde::Deserialize;
use serde_json::{Value, json};

/// `GET /api/v1/catalogues`: skill levels, occupations, segments.
pub async fn catalogues(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let c = demand::catalogues(&state.app).await?;
    Ok(Json(
        json!({"skill_levels": c.levels, "occupations": c.occupations, "segments": c.segments}),
    ))
}

/// Body of a segment.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentBody {
    code: String,
    #[serde(default)]
    parent_code: String,
    name_zh: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    position: Option<i64>,
}

/// Schema of a segment body.
pub fn segment_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["code", "name_zh"],
        "properties": {"code": {"type": "string", "pattern": "^[a-z0-9_]{1,30}$"}, "parent_code": {"type": "string"},
            "name_zh": {"type": "string"}, "name_en": {"type": "string"}, "position": {"type": "integer"}}})
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
    gongjiang_app::catalogues::save_segment(&state.app, &ctx.actor, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/occupations/import`: the body is a CSV (职业编码, 职业名称, 版本, 已核实, 产业链环节).
pub async fn import_occupations(
    State(state): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Result<Json<Value>, axum::response::Response> {
    use axum::response::IntoResponse;
    let lang = ctx.lang;
    let spec = &gongjiang_app::catalogues::OCCUPATION_SHEET;
    let upload = crate::upload::read_upload(&body, crate::upload::name_for(&body), spec, lang).map_err(|message| {
        (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"error": {"code": "bad_file", "message": message, "fields": [], "rows": []}}))).into_response()
    })?;
    match gongjiang_app::catalogues::import_occupations(&state.app, &ctx.actor, &upload.rows).await
    {
        Ok(o) => Ok(Json(json!({"created": o.created, "updated": o.updated}))),
        Err(gongjiang_app::imports::Refusal::Rows(problems)) => {
            let rows = crate::upload::report_lines(lang, spec, &upload.cell_problems, &problems);
            Err((StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"error": {"code": "invalid_rows", "message": "", "fields": [], "rows": rows}}))).into_response())
        }
        Err(gongjiang_app::imports::Refusal::Other(e)) => {
            Err(ApiError::new(lang, e).into_response())
        }
    }
}
