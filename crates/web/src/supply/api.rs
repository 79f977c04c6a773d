//! Demand and supply in the API: catalogues, talent demand, majors, cohorts, trainees.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::json::{Body, id};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use gongjiang_app::{Error, demand, supply};
use gongjiang_domain::Problem;
use gongjiang_domain::demand::{DemandInput, DemandKind, DemandStatus};
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::supply::{CohortInput, MajorInput, TraineeInput, TraineeStatus};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// A JSON object's fields, refusing names not in `allowed` (400, like unknown fields elsewhere).
fn fields(
    lang: Lang,
    body: Map<String, Value>,
    allowed: &[&str],
) -> Result<Map<String, Value>, ApiError> {
    match body.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(unknown) => Err(ApiError::bad_request(
            lang,
            &format!("unknown field `{unknown}`"),
        )),
        None => Ok(body),
    }
}

fn text(map: &Map<String, Value>, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn list(map: &Map<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => s.split([',', '、']).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// `GET /api/v1/catalogues`: skill levels, occupations, segments.
pub async fn catalogues(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let c = demand::catalogues(&state.app).await?;
    Ok(Json(
        json!({"skill_levels": c.levels, "occupations": c.occupations, "segments": c.segments}),
    ))
}

const DEMAND_FIELDS: &[&str] = &[
    "post_name",
    "kind",
    "occupation_code",
    "segment_code",
    "min_level",
    "headcount",
    "city",
    "wage_min",
    "wage_max",
    "start_on",
    "end_on",
    "night_shift",
    "requirements",
    "status",
];

fn demand_input(m: &Map<String, Value>) -> DemandInput {
    DemandInput {
        post_name: text(m, "post_name"),
        kind: text(m, "kind"),
        occupation_code: text(m, "occupation_code"),
        segment_code: text(m, "segment_code"),
        min_level: text(m, "min_level"),
        headcount: text(m, "headcount"),
        city: text(m, "city"),
        wage_min: text(m, "wage_min"),
        wage_max: text(m, "wage_max"),
        start_on: text(m, "start_on"),
        end_on: text(m, "end_on"),
        night_shift: text(m, "night_shift"),
        requirements: text(m, "requirements"),
        status: text(m, "status"),
    }
}

/// Schema of a demand body.
pub fn demand_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["post_name", "kind", "min_level", "headcount", "city", "start_on"],
    "properties": {
        "post_name": {"type": "string", "maxLength": 60},
        "kind": {"type": "string", "enum": DemandKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()},
        "occupation_code": {"type": "string", "description": "from /api/v1/catalogues"},
        "segment_code": {"type": "string"},
        "min_level": {"type": "string", "description": "skill level code from /api/v1/catalogues"},
        "headcount": {"type": "integer", "minimum": 1, "maximum": 10000},
        "city": {"type": "string"},
        "wage_min": {"type": "integer", "description": "monthly, yuan"},
        "wage_max": {"type": "integer", "description": "monthly, yuan"},
        "start_on": {"type": "string", "format": "date"},
        "end_on": {"type": "string", "format": "date"},
        "night_shift": {"type": "boolean"},
        "requirements": {"type": "string", "maxLength": 2000},
        "status": {"type": "string", "enum": DemandStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()}
    }})
}

fn demand_json(d: &gongjiang_domain::demand::Demand) -> Value {
    let mut v = serde_json::to_value(d).unwrap_or(json!({}));
    v["wage_min"] = json!(d.wage_min_fen.map(|f| f / 100));
    v["wage_max"] = json!(d.wage_max_fen.map(|f| f / 100));
    v
}

/// Query of demand lists.
#[derive(Deserialize, Default)]
pub struct DemandQuery {
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    segment: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    min_level: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

fn invalid(lang: Lang, field: &str, p: Problem) -> ApiError {
    ApiError::new(lang, Error::field(field, p))
}

/// `GET /api/v1/demands`.
pub async fn demands(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DemandQuery>,
) -> Result<Json<Value>, ApiError> {
    let lang = ctx.lang;
    let filter = gongjiang_app::demand::Filter {
        org_id: if q.org_id.is_empty() {
            None
        } else {
            Some(
                q.org_id
                    .parse::<OrgId>()
                    .map_err(|_| invalid(lang, "org_id", Problem::InvalidFormat))?,
            )
        },
        status: if q.status.is_empty() {
            None
        } else {
            Some(DemandStatus::parse(&q.status).map_err(|p| invalid(lang, "status", p))?)
        },
        kind: if q.kind.is_empty() {
            None
        } else {
            Some(DemandKind::parse(&q.kind).map_err(|p| invalid(lang, "kind", p))?)
        },
        segment: (!q.segment.is_empty()).then(|| q.segment.clone()),
        occupation: (!q.occupation.is_empty()).then(|| q.occupation.clone()),
        city: (!q.city.is_empty()).then(|| q.city.clone()),
        min_level: (!q.min_level.is_empty()).then(|| q.min_level.clone()),
        public_only_except: None,
    };
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, demand::MAX_PAGE);
    let (items, total) = demand::list(&state.app, &ctx.actor, filter, page, per_page).await?;
    Ok(Json(
        json!({"items": items.iter().map(demand_json).collect::<Vec<_>>(), "total": total, "page": page, "per_page": per_page}),
    ))
}

/// `GET /api/v1/demands/{id}`.
pub async fn demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let d = demand::get(&state.app, &ctx.actor, did).await?;
    Ok(Json(demand_json(&d)))
}

/// `POST /api/v1/demands`.
pub async fn create_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let m = fields(ctx.lang, body, DEMAND_FIELDS)?;
    let d = demand::save(&state.app, &ctx.actor, None, &demand_input(&m)).await?;
    Ok((StatusCode::CREATED, Json(demand_json(&d))))
}

/// `PUT /api/v1/demands/{id}`.
pub async fn update_demand(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(did): Path<String>,
    Body(body): Body<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let did = id(&ctx, &did, "demand")?;
    let m = fields(ctx.lang, body, DEMAND_FIELDS)?;
    let d = demand::save(&state.app, &ctx.actor, Some(did), &demand_input(&m)).await?;
    Ok(Json(demand_json(&d)))
}

/// Query naming a school.
#[derive(Deserialize, Default)]
pub struct OrgQuery {
    #[serde(default)]
    org_id: String,
}

fn org_filter(ctx: &Ctx, q: &OrgQuery) -> Result<Option<OrgId>, ApiError> {
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

/// `POST /api/v1/trainees/import`: body = a CSV or `.xlsx` roster.
pub async fn import_trainees(
    State(state): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> Result<Json<Value>, axum::response::Response> {
    import_rows(
        &state,
        &ctx,
        gongjiang_app::imports::Kind::Trainees,
        None,
        &body,
    )
    .await
}

/// Query of `POST /api/v1/imports/{kind}`.
#[derive(Deserialize, Default)]
pub struct ImportQuery {
    /// For `demand`: the enterprise (default: the acting unit).
    #[serde(default)]
    org_id: String,
}

/// `POST /api/v1/imports/{kind}[?org_id=]`: body = a CSV or `.xlsx` file of
/// organizations (secretariat), demand (an enterprise's staff), majors,
/// cohorts, teachers or trainees (a school's staff), imported all or nothing
/// (422 lists each bad row: the file's cell problems and the rules' together).
pub async fn import_kind(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    Query(q): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, axum::response::Response> {
    use axum::response::IntoResponse;
    let Some(kind) = gongjiang_app::imports::Kind::parse(&kind) else {
        return Err(ApiError::new(ctx.lang, Error::NotFound("import kind")).into_response());
    };
    let org = if q.org_id.trim().is_empty() {
        None
    } else {
        Some(
            q.org_id
                .trim()
                .parse::<OrgId>()
                .map_err(|_| invalid(ctx.lang, "org_id", Problem::InvalidFormat).into_response())?,
        )
    };
    import_rows(&state, &ctx, kind, org, &body).await
}

async fn import_rows(
    state: &AppState,
    ctx: &Ctx,
    kind: gongjiang_app::imports::Kind,
    org: Option<OrgId>,
    body: &[u8],
) -> Result<Json<Value>, axum::response::Response> {
    use axum::response::IntoResponse;
    let lang = ctx.lang;
    // Refuse whoever may not import this before reading the file.
    gongjiang_app::imports::authorize(&state.app, &ctx.actor, kind, org)
        .await
        .map_err(|e| ApiError::new(lang, e).into_response())?;
    let upload = match crate::upload::read_upload(
        body,
        crate::upload::name_for(body),
        kind.sheet(),
        lang == Lang::Zh,
    ) {
        Ok(u) => u,
        Err(message) => {
            let body = json!({"error": {"code": "bad_file", "message": message, "fields": [], "rows": []}});
            return Err((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
        }
    };
    let progress = gongjiang_app::progress::Progress::new();
    match gongjiang_app::imports::run_for(
        &state.app,
        &ctx.actor,
        kind,
        org,
        &upload.rows,
        &progress,
    )
    .await
    {
        Ok(o) => Ok(Json(json!({"created": o.created, "updated": o.updated}))),
        Err(gongjiang_app::imports::Refusal::Rows(problems)) => {
            let rows =
                crate::upload::report_lines(lang, kind.sheet(), &upload.cell_problems, &problems);
            let message = if lang == Lang::Zh {
                "部分行有误，未导入任何数据。"
            } else {
                "Some rows have problems; nothing was imported."
            };
            Err((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({"error": {"code": "invalid_rows", "message": message, "fields": [], "rows": rows}})),
            )
                .into_response())
        }
        Err(gongjiang_app::imports::Refusal::Other(e)) => {
            Err(ApiError::new(lang, e).into_response())
        }
    }
}

/// Query of an enterprise list.
#[derive(Deserialize, Default)]
pub struct ItemQuery {
    #[serde(default)]
    list: String,
    #[serde(default)]
    org_id: String,
}

/// `GET /api/v1/enterprise-items?list=products|technical_needs[&org_id=]`.
pub async fn items(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ItemQuery>,
) -> Result<Json<Value>, ApiError> {
    let lang = ctx.lang;
    let list =
        gongjiang_domain::demand::ItemList::parse(&q.list).map_err(|p| invalid(lang, "list", p))?;
    let org = org_filter(
        &ctx,
        &OrgQuery {
            org_id: q.org_id.clone(),
        },
    )?;
    let items = demand::items(&state.app, list, org).await?;
    Ok(Json(json!({"items": items})))
}

/// Body of a list item.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    list: String,
    title: String,
    #[serde(default)]
    segment_code: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
}

impl ItemBody {
    fn input(self) -> gongjiang_domain::demand::ItemInput {
        gongjiang_domain::demand::ItemInput {
            list: self.list,
            title: self.title,
            segment_code: self.segment_code,
            description: self.description,
            status: self.status,
        }
    }
}

/// Schema of a list item.
pub fn item_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["list", "title"],
        "properties": {"list": {"type": "string", "enum": ["products", "technical_needs"]}, "title": {"type": "string"},
            "segment_code": {"type": "string"}, "description": {"type": "string"}, "status": {"type": "string", "enum": ["open", "closed"]}}})
}

/// `POST /api/v1/enterprise-items`.
pub async fn create_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<ItemBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let item = demand::save_item(&state.app, &ctx.actor, None, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(json!(item))))
}

/// `PUT /api/v1/enterprise-items/{id}`.
pub async fn update_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(iid): Path<String>,
    Body(body): Body<ItemBody>,
) -> Result<Json<Value>, ApiError> {
    let iid = id(&ctx, &iid, "item")?;
    let item = demand::save_item(&state.app, &ctx.actor, Some(iid), &body.input()).await?;
    Ok(Json(json!(item)))
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
    let upload = crate::upload::read_upload(&body, crate::upload::name_for(&body), spec, lang == Lang::Zh).map_err(|message| {
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
