//! Demand and supply in the API: catalogues, talent demand, majors, cohorts, trainees.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::json::{Body, fields, id, invalid, list, text};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use gongjiang_app::supply;
use gongjiang_domain::Problem;
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::supply::{CohortInput, MajorInput, TraineeInput, TraineeStatus};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// Query naming a school.
#[derive(Deserialize, Default)]
pub struct OrgQuery {
    #[serde(default)]
    pub(crate) org_id: String,
}

pub(crate) fn org_filter(ctx: &Ctx, q: &OrgQuery) -> Result<Option<OrgId>, ApiError> {
    if q.org_id.is_empty() {
        Ok(None)
    } else {
        q.org_id
            .parse()
            .map(Some)
            .map_err(|_| invalid(ctx.lang, "org_id", Problem::InvalidFormat))
    }
}

const MAJOR_FIELDS: &[&str] = &[
    "code",
    "name",
    "level",
    "length_years",
    "annual_intake",
    "occupations",
];

/// Schema of a major body.
pub fn major_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["code", "name", "level", "length_years", "annual_intake"],
        "properties": {"code": {"type": "string"}, "name": {"type": "string"},
            "level": {"type": "string", "enum": ["intermediate", "advanced", "preparatory_technician", "secondary", "associate"]},
            "length_years": {"type": "integer", "minimum": 1, "maximum": 6}, "annual_intake": {"type": "integer", "minimum": 0},
            "occupations": {"type": "array", "items": {"type": "string"}}}})
}

fn major_input(m: &Map<String, Value>) -> MajorInput {
    MajorInput {
        code: text(m, "code"),
        name: text(m, "name"),
        level: text(m, "level"),
        length_years: text(m, "length_years"),
        annual_intake: text(m, "annual_intake"),
        occupations: list(m, "occupations"),
    }
}

/// `GET /api/v1/majors`.
pub async fn majors(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OrgQuery>,
) -> Result<Json<Value>, ApiError> {
    let list = supply::majors(&state.app, org_filter(&ctx, &q)?).await?;
    Ok(Json(json!({"items": list})))
}

/// `POST /api/v1/majors`.
pub async fn create_major(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let m = fields(ctx.lang, body, MAJOR_FIELDS)?;
    let major = supply::save_major(&state.app, &ctx.actor, None, &major_input(&m)).await?;
    Ok((StatusCode::CREATED, Json(json!(major))))
}

/// `PUT /api/v1/majors/{id}`.
pub async fn update_major(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(mid): Path<String>,
    Body(body): Body<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let mid = id(&ctx, &mid, "major")?;
    let m = fields(ctx.lang, body, MAJOR_FIELDS)?;
    let major = supply::save_major(&state.app, &ctx.actor, Some(mid), &major_input(&m)).await?;
    Ok(Json(json!(major)))
}

const COHORT_FIELDS: &[&str] = &[
    "major_id",
    "name",
    "entry_year",
    "graduation_year",
    "size",
    "sponsor_org_id",
];

/// Schema of a cohort body.
pub fn cohort_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["major_id", "name", "entry_year", "graduation_year", "size"],
        "properties": {"major_id": {"type": "string"}, "name": {"type": "string"}, "entry_year": {"type": "integer"},
            "graduation_year": {"type": "integer"}, "size": {"type": "integer", "minimum": 1},
            "sponsor_org_id": {"type": "string", "description": "the enterprise of an order class"}}})
}

fn cohort_input(m: &Map<String, Value>) -> CohortInput {
    CohortInput {
        major_id: text(m, "major_id"),
        name: text(m, "name"),
        entry_year: text(m, "entry_year"),
        graduation_year: text(m, "graduation_year"),
        size: text(m, "size"),
        sponsor_org_id: text(m, "sponsor_org_id"),
    }
}

/// `GET /api/v1/cohorts`.
pub async fn cohorts(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OrgQuery>,
) -> Result<Json<Value>, ApiError> {
    let list = supply::cohorts(&state.app, org_filter(&ctx, &q)?).await?;
    Ok(Json(json!({"items": list})))
}

/// `POST /api/v1/cohorts`.
pub async fn create_cohort(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let m = fields(ctx.lang, body, COHORT_FIELDS)?;
    let c = supply::save_cohort(&state.app, &ctx.actor, None, &cohort_input(&m)).await?;
    Ok((StatusCode::CREATED, Json(json!(c))))
}

const TRAINEE_FIELDS: &[&str] = &[
    "name",
    "id_number",
    "phone",
    "student_no",
    "cohort_id",
    "status",
    "consent_purpose",
];

/// Schema of a trainee body.
pub fn trainee_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["name", "id_number", "consent_purpose"],
        "properties": {"name": {"type": "string"}, "id_number": {"type": "string", "description": "GB 11643, 18 characters"},
            "phone": {"type": "string"}, "student_no": {"type": "string"}, "cohort_id": {"type": "string"},
            "status": {"type": "string", "enum": TraineeStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()},
            "consent_purpose": {"type": "string", "description": "what the personal data is processed for (recorded with who and when)"}}})
}

fn trainee_input(m: &Map<String, Value>) -> TraineeInput {
    TraineeInput {
        name: text(m, "name"),
        id_number: text(m, "id_number"),
        phone: text(m, "phone"),
        student_no: text(m, "student_no"),
        cohort_id: text(m, "cohort_id"),
        status: text(m, "status"),
        consent_purpose: text(m, "consent_purpose"),
    }
}

/// Query of trainee lists.
#[derive(Deserialize, Default)]
pub struct TraineeQuery {
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    cohort_id: String,
    #[serde(default)]
    status: String,
    /// Name or student number contains this text.
    #[serde(default)]
    q: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/trainees`.
pub async fn trainees(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TraineeQuery>,
) -> Result<Json<Value>, ApiError> {
    let lang = ctx.lang;
    let filter = gongjiang_app::supply::TraineeFilter {
        org_id: if q.org_id.is_empty() {
            None
        } else {
            Some(
                q.org_id
                    .parse()
                    .map_err(|_| invalid(lang, "org_id", Problem::InvalidFormat))?,
            )
        },
        cohort_id: if q.cohort_id.is_empty() {
            None
        } else {
            Some(
                q.cohort_id
                    .parse()
                    .map_err(|_| invalid(lang, "cohort_id", Problem::InvalidFormat))?,
            )
        },
        status: if q.status.is_empty() {
            None
        } else {
            Some(TraineeStatus::parse(&q.status).map_err(|p| invalid(lang, "status", p))?)
        },
        search: (!q.q.trim().is_empty()).then(|| q.q.clone()),
    };
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, supply::MAX_PAGE);
    let (items, total) = supply::trainees(&state.app, &ctx.actor, filter, page, per_page).await?;
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}

/// `GET /api/v1/trainees/{id}`.
pub async fn trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    let t = supply::trainee(&state.app, &ctx.actor, tid).await?;
    Ok(Json(json!(t)))
}

/// `POST /api/v1/trainees`.
pub async fn create_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let m = fields(ctx.lang, body, TRAINEE_FIELDS)?;
    let t = supply::save_trainee(&state.app, &ctx.actor, None, &trainee_input(&m)).await?;
    Ok((StatusCode::CREATED, Json(json!(t))))
}

/// `PUT /api/v1/trainees/{id}`.
pub async fn update_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Body(body): Body<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    let m = fields(ctx.lang, body, TRAINEE_FIELDS)?;
    let t = supply::save_trainee(&state.app, &ctx.actor, Some(tid), &trainee_input(&m)).await?;
    Ok(Json(json!(t)))
}

/// Body of a reveal.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevealBody {
    reason: String,
}

/// Schema of a reveal body.
pub fn reveal_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 2, "maxLength": 200}}})
}

/// `POST /api/v1/trainees/{id}/reveal`: the full ID and phone numbers, logged with the reason.
pub async fn reveal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Body(body): Body<RevealBody>,
) -> Result<Json<Value>, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    let t = supply::reveal(&state.app, &ctx.actor, tid, &body.reason).await?;
    Ok(Json(json!(t)))
}

const TEACHER_FIELDS: &[&str] = &[
    "name",
    "employment",
    "specialties",
    "dual_qualified",
    "title",
    "skill_level",
    "practice_days",
    "shared",
];

/// Schema of a teacher body.
pub fn teacher_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["name", "specialties"],
        "properties": {"name": {"type": "string"},
            "employment": {"type": "string", "enum": ["full_time", "enterprise_part_time", "external"]},
            "specialties": {"type": "array", "items": {"type": "string"}},
            "dual_qualified": {"type": "string", "enum": ["none", "junior", "intermediate", "senior"]},
            "title": {"type": "string"}, "skill_level": {"type": "string"},
            "practice_days": {"type": "integer", "minimum": 0, "description": "enterprise practice in the last five years"},
            "shared": {"type": "boolean", "description": "visible in the alliance's faculty pool"}}})
}

fn teacher_input(m: &Map<String, Value>) -> gongjiang_domain::supply::TeacherInput {
    gongjiang_domain::supply::TeacherInput {
        name: text(m, "name"),
        employment: text(m, "employment"),
        specialties: list(m, "specialties").join("、"),
        dual_qualified: text(m, "dual_qualified"),
        title: text(m, "title"),
        skill_level: text(m, "skill_level"),
        practice_days: text(m, "practice_days"),
        shared: text(m, "shared"),
    }
}

fn teacher_json(t: &gongjiang_domain::supply::Teacher) -> Value {
    let mut v = json!(t);
    v["practice_warning"] =
        json!(t.practice_days < gongjiang_domain::supply::PRACTICE_DAYS_EXPECTED);
    v
}

/// `GET /api/v1/teachers`: my school's teachers with `org_id` of my school; otherwise the shared faculty pool.
pub async fn teachers(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OrgQuery>,
) -> Result<Json<Value>, ApiError> {
    let list = supply::teachers(&state.app, &ctx.actor, org_filter(&ctx, &q)?).await?;
    Ok(Json(
        json!({"items": list.iter().map(teacher_json).collect::<Vec<_>>()}),
    ))
}

/// `POST /api/v1/teachers`.
pub async fn create_teacher(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let m = fields(ctx.lang, body, TEACHER_FIELDS)?;
    let t = supply::save_teacher(&state.app, &ctx.actor, None, &teacher_input(&m)).await?;
    Ok((StatusCode::CREATED, Json(teacher_json(&t))))
}

/// `PUT /api/v1/teachers/{id}`.
pub async fn update_teacher(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Body(body): Body<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let tid = id(&ctx, &tid, "teacher")?;
    let m = fields(ctx.lang, body, TEACHER_FIELDS)?;
    let t = supply::save_teacher(&state.app, &ctx.actor, Some(tid), &teacher_input(&m)).await?;
    Ok(Json(teacher_json(&t)))
}
