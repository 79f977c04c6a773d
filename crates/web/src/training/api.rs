//! Training in the API: a major's work-study structure, trainees' learning
//! records, internships (documents, the rule check, start and override,
//! status), weekly logs with the host's review, and supervisors' visits.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::forms::Id;
use crate::i18n::Lang;
use crate::json::{Body, id};
use crate::state::AppState;
use crate::training::pages::failure_text;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::training::{self, InternshipView, Listed, StartOutcome};
use gongjiang_domain::ids::{
    CourseId, InternshipId, LearningTaskId, LogEntryId, MajorId, TraineeId, WorkTaskId,
};
use gongjiang_domain::training::{
    Hazard, Internship, InternshipInput, InternshipKind, InternshipStatus, LearningRecordInput,
    PremiumPayer, RuleFailure, SpecialtyRelation, StructureInput,
};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// A rule failure with its sentence in the caller's language.
pub fn failure_json(lang: Lang, f: &RuleFailure) -> Value {
    json!({
        "rule": f.rule, "code": f.code, "severity": f.severity,
        "params": f.params.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<Map<String, Value>>(),
        "message": failure_text(lang, f),
    })
}

fn failures_json(lang: Lang, list: &[RuleFailure]) -> Value {
    Value::Array(list.iter().map(|f| failure_json(lang, f)).collect())
}

fn internship_json(lang: Lang, i: &Internship) -> Value {
    let mut v = json!(i);
    v["warnings"] = failures_json(lang, &i.warnings);
    v["created_at"] = json!(i.created_at.rfc3339_cst());
    v["updated_at"] = json!(i.updated_at.rfc3339_cst());
    v
}

fn view_json(lang: Lang, v: &InternshipView) -> Value {
    let mut out = internship_json(lang, &v.internship);
    out["standing"] = json!(v.standing);
    out["trainee_name"] = json!(v.trainee_name);
    out["student_no"] = json!(v.student_no);
    out["school_name"] = json!(v.school_name);
    out["host_name"] = json!(v.host_name);
    out["documents"] = json!(v.documents);
    out["check"] = failures_json(lang, &v.check);
    out["overrides"] = Value::Array(
        v.overrides
            .iter()
            .map(|o| {
                json!({"by": o.by_login, "org_id": o.by_org, "reason": o.reason,
                    "at": o.at.rfc3339_cst(), "failures": failures_json(lang, &o.failures)})
            })
            .collect(),
    );
    out["logs"] = json!(v.logs);
    out["missing_weeks"] = json!(v.missing_weeks);
    out["visits"] = json!(v.visits);
    out
}

fn listed_json(lang: Lang, l: &Listed) -> Value {
    let mut v = internship_json(lang, &l.internship);
    v["trainee_name"] = json!(l.trainee_name);
    v["host_name"] = json!(l.host_name);
    v
}

// ------------------------------------------------------------ structure

/// Body of a work task, course or learning task.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureBody {
    #[serde(default)]
    seq: Option<i64>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    hours: Option<i64>,
    #[serde(default)]
    description: String,
}

impl StructureBody {
    fn input(self) -> StructureInput {
        StructureInput {
            seq: self.seq.map(|n| n.to_string()).unwrap_or_default(),
            name: self.name,
            hours: self.hours.map(|n| n.to_string()).unwrap_or_default(),
            description: self.description,
        }
    }
}

/// Schema of a work task, course or learning task body.
pub fn structure_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["name"],
        "properties": {"seq": {"type": "integer", "minimum": 1}, "name": {"type": "string"},
            "hours": {"type": "integer", "minimum": 1, "description": "planned hours (courses and learning tasks)"},
            "description": {"type": "string"}}})
}

/// `GET /api/v1/majors/{id}/structure`.
pub async fn structure(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(major): Id<MajorId>,
) -> Result<Json<Value>, ApiError> {
    let s = training::structure(&state.app, &ctx.actor, major).await?;
    Ok(Json(json!(s)))
}

/// `POST /api/v1/majors/{id}/work-tasks`.
pub async fn add_work_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(major): Id<MajorId>,
    Body(body): Body<StructureBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let t = training::add_work_task(&state.app, &ctx.actor, major, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(json!(t))))
}

/// `PUT /api/v1/work-tasks/{id}`.
pub async fn update_work_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<WorkTaskId>,
    Body(body): Body<StructureBody>,
) -> Result<Json<Value>, ApiError> {
    let t = training::update_work_task(&state.app, &ctx.actor, task, &body.input()).await?;
    Ok(Json(json!(t)))
}

/// `POST /api/v1/work-tasks/{id}/courses`.
pub async fn add_course(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<WorkTaskId>,
    Body(body): Body<StructureBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let c = training::add_course(&state.app, &ctx.actor, task, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(json!(c))))
}

/// `PUT /api/v1/courses/{id}`.
pub async fn update_course(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(course): Id<CourseId>,
    Body(body): Body<StructureBody>,
) -> Result<Json<Value>, ApiError> {
    let c = training::update_course(&state.app, &ctx.actor, course, &body.input()).await?;
    Ok(Json(json!(c)))
}

/// `POST /api/v1/courses/{id}/learning-tasks`.
pub async fn add_learning_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(course): Id<CourseId>,
    Body(body): Body<StructureBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let t = training::add_learning_task(&state.app, &ctx.actor, course, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(json!(t))))
}

/// `PUT /api/v1/learning-tasks/{id}`.
pub async fn update_learning_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<LearningTaskId>,
    Body(body): Body<StructureBody>,
) -> Result<Json<Value>, ApiError> {
    let t = training::update_learning_task(&state.app, &ctx.actor, task, &body.input()).await?;
    Ok(Json(json!(t)))
}

// ------------------------------------------------------------ learning records

/// Body of a completed learning task.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningBody {
    #[serde(default)]
    learning_task_id: String,
    #[serde(default)]
    hours: Option<i64>,
    #[serde(default)]
    place: String,
    #[serde(default)]
    assessor: String,
    #[serde(default)]
    completed_on: String,
}

/// Schema of a completed learning task.
pub fn learning_schema() -> Value {
    json!({"type": "object", "additionalProperties": false,
        "required": ["learning_task_id", "hours", "place", "assessor", "completed_on"],
        "properties": {"learning_task_id": {"type": "string"}, "hours": {"type": "integer", "minimum": 1},
            "place": {"type": "string", "enum": ["school", "enterprise"]},
            "assessor": {"type": "string", "description": "the teacher's or enterprise supervisor's name"},
            "completed_on": {"type": "string", "format": "date"}}})
}

/// `GET /api/v1/trainees/{id}/learning`.
pub async fn learning(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(trainee): Id<TraineeId>,
) -> Result<Json<Value>, ApiError> {
    let items = training::learning_records_of_trainee(&state.app, &ctx.actor, trainee).await?;
    let hours: i64 = items.iter().map(|r| r.hours).sum();
    Ok(Json(json!({"items": items, "total_hours": hours})))
}

/// `POST /api/v1/trainees/{id}/learning`.
pub async fn record_learning(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(trainee): Id<TraineeId>,
    Body(b): Body<LearningBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let input = LearningRecordInput {
        learning_task_id: b.learning_task_id,
        hours: b.hours.map(|n| n.to_string()).unwrap_or_default(),
        place: b.place,
        assessor: b.assessor,
        completed_on: b.completed_on,
    };
    let r = training::record_learning(&state.app, &ctx.actor, trainee, &input).await?;
    Ok((StatusCode::CREATED, Json(json!(r))))
}

/// `GET /api/v1/trainees/{id}/internships`.
pub async fn trainee_internships(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(trainee): Id<TraineeId>,
) -> Result<Json<Value>, ApiError> {
    let items = training::internships_of_trainee(&state.app, &ctx.actor, trainee).await?;
    Ok(Json(json!({
        "items": items.iter().map(|i| internship_json(ctx.lang, i)).collect::<Vec<_>>(),
        "interned": items.iter().any(Internship::counts_as_interned),
    })))
}

// ------------------------------------------------------------ internships

/// The keys of an internship body, all optional text, numbers or booleans.
const INTERNSHIP_KEYS: &[&str] = &[
    "trainee_id",
    "kind",
    "host_org_id",
    "demand_id",
    "post_name",
    "school_supervisor",
    "host_supervisor",
    "start_on",
    "end_on",
    "daily_hours",
    "weekly_hours",
    "night_shift",
    "overtime",
    "holiday_work",
    "pay_monthly",
    "reference_wage",
    "fees_charged",
    "intermediary",
    "insurer",
    "policy_no",
    "cover_from",
    "cover_to",
    "premium_payer",
    "hazards",
    "exception_filing_ref",
    "specialty_relation",
    "relation_exception",
    "self_found",
    "covers_typical_tasks",
];

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// An internship body: the keys of [`INTERNSHIP_KEYS`]; anything else is refused with 400 naming it.
fn internship_input(ctx: &Ctx, body: &Map<String, Value>) -> Result<InternshipInput, ApiError> {
    if let Some(unknown) = body.keys().find(|k| !INTERNSHIP_KEYS.contains(&k.as_str())) {
        return Err(ApiError::bad_request(
            ctx.lang,
            &format!("unknown field `{unknown}`"),
        ));
    }
    let t = |k: &str| text(body.get(k));
    let hazards = match body.get("hazards") {
        Some(Value::Array(items)) => items.iter().map(|v| text(Some(v))).collect(),
        other => vec![text(other)],
    };
    Ok(InternshipInput {
        trainee_id: t("trainee_id"),
        kind: t("kind"),
        host_org_id: t("host_org_id"),
        demand_id: t("demand_id"),
        post_name: t("post_name"),
        school_supervisor: t("school_supervisor"),
        host_supervisor: t("host_supervisor"),
        start_on: t("start_on"),
        end_on: t("end_on"),
        daily_hours: t("daily_hours"),
        weekly_hours: t("weekly_hours"),
        night_shift: t("night_shift"),
        overtime: t("overtime"),
        holiday_work: t("holiday_work"),
        pay_monthly: t("pay_monthly"),
        reference_wage: t("reference_wage"),
        fees_charged: t("fees_charged"),
        intermediary: t("intermediary"),
        insurer: t("insurer"),
        policy_no: t("policy_no"),
        cover_from: t("cover_from"),
        cover_to: t("cover_to"),
        premium_payer: t("premium_payer"),
        hazards,
        exception_filing_ref: t("exception_filing_ref"),
        specialty_relation: t("specialty_relation"),
        relation_exception: t("relation_exception"),
        self_found: t("self_found"),
        covers_typical_tasks: t("covers_typical_tasks"),
    })
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| name(*v)).collect()
}

/// Schema of an internship body.
pub fn internship_schema() -> Value {
    let yes_no = json!({"type": "boolean"});
    json!({"type": "object", "additionalProperties": false,
        "required": ["trainee_id", "kind", "host_org_id", "post_name", "start_on", "end_on", "daily_hours", "weekly_hours"],
        "properties": {
            "trainee_id": {"type": "string"},
            "kind": {"type": "string", "enum": names(InternshipKind::ALL, InternshipKind::as_str),
                "description": "also 认识实习 / 岗位实习; legacy 顶岗实习 and 跟岗实习 read as position"},
            "host_org_id": {"type": "string", "description": "a member unit"},
            "demand_id": {"type": "string", "description": "the host's demand for this post (enables the post cap of INT-08)"},
            "post_name": {"type": "string"},
            "school_supervisor": {"type": "string"}, "host_supervisor": {"type": "string"},
            "start_on": {"type": "string", "format": "date"}, "end_on": {"type": "string", "format": "date"},
            "daily_hours": {"type": "integer"}, "weekly_hours": {"type": "integer"},
            "night_shift": yes_no, "overtime": yes_no, "holiday_work": yes_no,
            "pay_monthly": {"type": "integer", "description": "yuan"},
            "reference_wage": {"type": "integer", "description": "the same post's wage, yuan"},
            "fees_charged": {"type": "integer", "description": "yuan; must be 0 (INT-07)"},
            "intermediary": yes_no,
            "insurer": {"type": "string"}, "policy_no": {"type": "string"},
            "cover_from": {"type": "string", "format": "date"}, "cover_to": {"type": "string", "format": "date"},
            "premium_payer": {"type": "string", "enum": names(PremiumPayer::ALL, PremiumPayer::as_str)},
            "hazards": {"type": "array", "items": {"type": "string", "enum": names(Hazard::ALL, Hazard::as_str)}},
            "exception_filing_ref": {"type": "string"},
            "specialty_relation": {"type": "string", "enum": names(SpecialtyRelation::ALL, SpecialtyRelation::as_str)},
            "relation_exception": {"type": "string"},
            "self_found": yes_no, "covers_typical_tasks": yes_no}})
}

/// `GET /api/v1/internships`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, ApiError> {
    let items = training::list(&state.app, &ctx.actor).await?;
    Ok(Json(
        json!({"items": items.iter().map(|l| listed_json(ctx.lang, l)).collect::<Vec<_>>()}),
    ))
}

/// `POST /api/v1/internships`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<Map<String, Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let input = internship_input(&ctx, &body)?;
    let i = training::create_internship(&state.app, &ctx.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(internship_json(ctx.lang, &i))))
}

fn internship_id(ctx: &Ctx, text: &str) -> Result<InternshipId, ApiError> {
    id(ctx, text, "internship")
}

/// `GET /api/v1/internships/{id}`.
pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
) -> Result<Json<Value>, ApiError> {
    let v = training::get(&state.app, &ctx.actor, iid).await?;
    Ok(Json(view_json(ctx.lang, &v)))
}

/// `PUT /api/v1/internships/{id}`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Body(body): Body<Map<String, Value>>,
) -> Result<Json<Value>, ApiError> {
    let input = internship_input(&ctx, &body)?;
    let i = training::update_internship(&state.app, &ctx.actor, iid, &input).await?;
    Ok(Json(internship_json(ctx.lang, &i)))
}

/// `GET /api/v1/internships/{id}/check`: the rule check as it stands (a dry run).
pub async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
) -> Result<Json<Value>, ApiError> {
    let failures = training::check(&state.app, &ctx.actor, iid).await?;
    Ok(Json(json!({
        "may_start": !failures.iter().any(RuleFailure::is_hard),
        "failures": failures_json(ctx.lang, &failures),
    })))
}

/// Body of a status change: a termination carries its reason.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    status: String,
    #[serde(default)]
    reason: String,
}

/// Schema of a status change.
pub fn status_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["status"],
        "properties": {"status": {"type": "string", "enum": ["draft", "ready", "finished", "terminated"],
            "description": "draft ⇄ ready, in_progress → finished, any but finished → terminated; start with /start"},
            "reason": {"type": "string", "minLength": 2, "maxLength": 200,
            "description": "required to terminate: why the internship ends early, kept with it and in the audit log"}}})
}

/// `POST /api/v1/internships/{id}/status`.
pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Body(body): Body<StatusBody>,
) -> Result<Json<Value>, ApiError> {
    let to = InternshipStatus::parse(&body.status)
        .map_err(|p| ApiError::new(ctx.lang, gongjiang_app::Error::field("status", p)))?;
    let i = training::set_status(&state.app, &ctx.actor, iid, to, &body.reason).await?;
    Ok(Json(internship_json(ctx.lang, &i)))
}

fn start_answer(lang: Lang, outcome: &StartOutcome) -> Response {
    if outcome.started {
        let mut v = internship_json(lang, &outcome.internship);
        v["started"] = json!(true);
        v["failures"] = failures_json(lang, &outcome.failures);
        (StatusCode::OK, Json(v)).into_response()
    } else {
        let message = crate::i18n::tr(lang, "internships.rules_failed");
        (
            StatusCode::CONFLICT,
            Json(json!({
                "error": {"code": "rules_failed", "message": message, "fields": []},
                "started": false,
                "failures": failures_json(lang, &outcome.failures),
            })),
        )
            .into_response()
    }
}

/// `POST /api/v1/internships/{id}/start`: 200 when started (soft failures as
/// warnings), 409 `rules_failed` with every failure otherwise.
pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
) -> Result<Response, ApiError> {
    let outcome = training::start(&state.app, &ctx.actor, iid).await?;
    Ok(start_answer(ctx.lang, &outcome))
}

/// Body of an override.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideBody {
    #[serde(default)]
    reason: String,
}

/// Schema of an override.
pub fn override_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["reason"],
        "properties": {"reason": {"type": "string", "minLength": 10, "description": "the written reason (recorded and audited)"}}})
}

/// `POST /api/v1/internships/{id}/override`: the secretariat starts it despite hard failures.
pub async fn override_start(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Body(body): Body<OverrideBody>,
) -> Result<Response, ApiError> {
    let outcome = training::override_start(&state.app, &ctx.actor, iid, &body.reason).await?;
    Ok(start_answer(ctx.lang, &outcome))
}

/// Query of a document upload.
#[derive(Deserialize, Default)]
pub struct DocumentQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
}

/// `POST /api/v1/internships/{id}/documents?kind=agreement&name=协议.pdf`: the body is the file.
pub async fn attach(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Query(q): Query<DocumentQuery>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let d = training::attach(&state.app, &ctx.actor, iid, &q.kind, &q.name, &body).await?;
    Ok((StatusCode::CREATED, Json(json!(d))))
}

/// `GET /api/v1/internships/{id}/documents/{file}`.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((iid, fid)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let iid = internship_id(&ctx, &iid)?;
    let fid = id(&ctx, &fid, "file")?;
    let (d, bytes) = training::document(&state.app, &ctx.actor, iid, fid).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                crate::cooperation::api::content_disposition(&d.file_name),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Body of a log entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogBody {
    #[serde(default)]
    week_of: String,
    #[serde(default)]
    content: String,
}

/// Schema of a log entry.
pub fn log_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["week_of", "content"],
        "properties": {"week_of": {"type": "string", "format": "date", "description": "any day of the week"},
            "content": {"type": "string", "minLength": 5}}})
}

/// `PUT /api/v1/internships/{id}/log`: the trainee writes the entry of a week.
pub async fn write_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Body(body): Body<LogBody>,
) -> Result<Json<Value>, ApiError> {
    let e = training::write_log(&state.app, &ctx.actor, iid, &body.week_of, &body.content).await?;
    Ok(Json(json!(e)))
}

/// Body of a review.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    decision: String,
    #[serde(default)]
    comment: String,
}

/// Schema of a review.
pub fn review_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["decision"],
        "properties": {"decision": {"type": "string", "enum": ["confirm", "query"]},
            "comment": {"type": "string", "description": "required when querying"}}})
}

/// `POST /api/v1/internships/{id}/log/{entry}/review`: the host confirms or queries an entry.
pub async fn review_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((iid, eid)): Path<(String, String)>,
    Body(body): Body<ReviewBody>,
) -> Result<Json<Value>, ApiError> {
    let iid = internship_id(&ctx, &iid)?;
    let eid: LogEntryId = id(&ctx, &eid, "log")?;
    let confirm = match body.decision.as_str() {
        "confirm" => true,
        "query" => false,
        _ => {
            return Err(ApiError::new(
                ctx.lang,
                gongjiang_app::Error::field("decision", gongjiang_domain::Problem::InvalidChoice),
            ));
        }
    };
    let e = training::review_log(&state.app, &ctx.actor, iid, eid, confirm, &body.comment).await?;
    Ok(Json(json!(e)))
}

/// Body of a visit.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitBody {
    #[serde(default)]
    visited_on: String,
    #[serde(default)]
    note: String,
}

/// Schema of a visit.
pub fn visit_schema() -> Value {
    json!({"type": "object", "additionalProperties": false, "required": ["visited_on", "note"],
        "properties": {"visited_on": {"type": "string", "format": "date"}, "note": {"type": "string"}}})
}

/// `POST /api/v1/internships/{id}/visits`: school staff record a visit.
pub async fn record_visit(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Body(body): Body<VisitBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let v =
        training::record_visit(&state.app, &ctx.actor, iid, &body.visited_on, &body.note).await?;
    Ok((StatusCode::CREATED, Json(json!(v))))
}
