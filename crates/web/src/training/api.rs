//! Training in the API: a major's work-study structure, trainees' learning
//! records, internships (documents, the rule check, start and override,
//! status), weekly logs with the host's review, and supervisors' visits.

use crate::context::Ctx;
use crate::error::LabelFields;
use crate::error::{ApiError, ErrorBody};
use crate::forms::Id;
use crate::i18n::Lang;
use crate::json::{Body, Loose, LooseList, Page, id};
use crate::state::AppState;
use crate::training::pages::failure_text;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use gongjiang_app::training::{self, InternshipView, Listed, StartOutcome};
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::ids::{
    CourseId, InternshipId, LearningTaskId, LogEntryId, MajorId, TraineeId, WorkTaskId,
};
use gongjiang_domain::time::Timestamp;
use gongjiang_domain::training::{
    Internship, InternshipFields, InternshipInput, InternshipStatus, LearningRecord,
    LearningRecordInput, LogEntry, RuleFailure, Severity, StructureInput, Visit,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A rule failure with its sentence in the caller's language.
#[derive(Serialize, JsonSchema)]
pub struct FailureView {
    /// Rule id (`INT-05`).
    rule: String,
    /// Stable code (`overtime`).
    code: String,
    severity: Severity,
    /// The values named in the sentence.
    params: BTreeMap<String, String>,
    /// The sentence.
    message: String,
}

/// A rule failure with its sentence in the caller's language.
pub fn failure_view(lang: Lang, f: &RuleFailure) -> FailureView {
    FailureView {
        rule: f.rule.clone(),
        code: f.code.clone(),
        severity: f.severity,
        params: f.params.iter().cloned().collect(),
        message: failure_text(lang, f),
    }
}

fn failures(lang: Lang, list: &[RuleFailure]) -> Vec<FailureView> {
    list.iter().map(|f| failure_view(lang, f)).collect()
}

/// An internship as the API shows it, its warnings worded.
#[derive(Serialize, JsonSchema)]
pub struct InternshipJson {
    id: InternshipId,
    /// The trainee's school (who manages it).
    school_org_id: OrgId,
    #[serde(flatten)]
    fields: InternshipFields,
    status: InternshipStatus,
    /// The soft failures shown when it started (and hard ones overridden).
    warnings: Vec<FailureView>,
    /// Why it was terminated, once it is.
    termination_reason: Option<String>,
    /// Who created it (login).
    created_by: String,
    created_at: Timestamp,
    updated_at: Timestamp,
}

/// Every field of the record, destructured so that a field added to
/// `Internship` fails to compile here until the API carries it too.
fn internship_json(lang: Lang, i: &Internship) -> InternshipJson {
    let Internship {
        id,
        school_org_id,
        fields,
        status,
        warnings,
        termination_reason,
        created_by,
        created_at,
        updated_at,
    } = i;
    InternshipJson {
        id: *id,
        school_org_id: *school_org_id,
        fields: fields.clone(),
        status: *status,
        warnings: failures(lang, warnings),
        termination_reason: termination_reason.clone(),
        created_by: created_by.clone(),
        created_at: *created_at,
        updated_at: *updated_at,
    }
}

/// One internship with everything about it.
#[derive(Serialize, JsonSchema)]
pub struct InternshipDetail {
    #[serde(flatten)]
    internship: InternshipJson,
    /// How the caller stands to it.
    standing: training::Standing,
    trainee_name: String,
    student_no: String,
    school_name: String,
    host_name: String,
    documents: Vec<training::Document>,
    /// The rule check as it stands.
    check: Vec<FailureView>,
    /// Hard failures overridden by the secretariat.
    overrides: Vec<OverrideView>,
    logs: Vec<LogEntry>,
    /// The earlier texts of revised entries.
    log_revisions: Vec<gongjiang_domain::training::LogRevision>,
    /// Weeks without a log entry.
    missing_weeks: Vec<String>,
    visits: Vec<Visit>,
}

/// A recorded override of hard rule failures.
#[derive(Serialize, JsonSchema)]
pub struct OverrideView {
    /// Who (login).
    by: String,
    /// For which unit.
    org_id: OrgId,
    /// The written reason.
    reason: String,
    at: Timestamp,
    /// The failures overridden.
    failures: Vec<FailureView>,
}

fn view_json(lang: Lang, v: &InternshipView) -> InternshipDetail {
    InternshipDetail {
        internship: internship_json(lang, &v.internship),
        standing: v.standing,
        trainee_name: v.trainee_name.clone(),
        student_no: v.student_no.clone(),
        school_name: v.school_name.clone(),
        host_name: v.host_name.clone(),
        documents: v.documents.clone(),
        check: failures(lang, &v.check),
        overrides: v
            .overrides
            .iter()
            .map(|o| OverrideView {
                by: o.by_login.clone(),
                org_id: o.by_org,
                reason: o.reason.clone(),
                at: o.at,
                failures: failures(lang, &o.failures),
            })
            .collect(),
        logs: v.logs.clone(),
        log_revisions: v.log_revisions.clone(),
        missing_weeks: v.missing_weeks.clone(),
        visits: v.visits.clone(),
    }
}

/// An internship in a list, with the trainee's and the host's names.
#[derive(Serialize, JsonSchema)]
pub struct ListedJson {
    #[serde(flatten)]
    internship: InternshipJson,
    trainee_name: String,
    host_name: String,
}

fn listed_json(lang: Lang, l: &Listed) -> ListedJson {
    ListedJson {
        internship: internship_json(lang, &l.internship),
        trainee_name: l.trainee_name.clone(),
        host_name: l.host_name.clone(),
    }
}

/// A trainee's completed learning tasks and their hours.
#[derive(Serialize, JsonSchema)]
pub struct LearningList {
    items: Vec<LearningRecord>,
    total_hours: i64,
}

/// A trainee's internships, and whether they have interned.
#[derive(Serialize, JsonSchema)]
pub struct TraineeInternships {
    items: Vec<InternshipJson>,
    /// An internship in progress or finished.
    interned: bool,
}

/// The rule check: whether it may start, and every failure.
#[derive(Serialize, JsonSchema)]
pub struct CheckView {
    /// No hard rule fails.
    may_start: bool,
    failures: Vec<FailureView>,
}

/// A started internship with the soft failures it started with.
#[derive(Serialize, JsonSchema)]
pub struct Started {
    #[serde(flatten)]
    internship: InternshipJson,
    /// Always true here.
    started: bool,
    failures: Vec<FailureView>,
}

/// A refused start: the error and every failure.
#[derive(Serialize, JsonSchema)]
pub struct NotStarted {
    #[serde(flatten)]
    error: ErrorBody,
    /// Always false here.
    started: bool,
    failures: Vec<FailureView>,
}

// ------------------------------------------------------------ structure

/// Body of a work task, course or learning task.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StructureBody {
    /// Its place, from 1.
    #[serde(default)]
    #[schemars(range(min = 1))]
    seq: Option<i64>,
    /// Its name (required).
    #[serde(default)]
    name: String,
    /// Planned hours (courses and learning tasks).
    #[serde(default)]
    #[schemars(range(min = 1))]
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
    let t = training::add_work_task(&state.app, &ctx.actor, major, &body.input())
        .await
        .labels(crate::training::pages::STRUCTURE_LABELS)?;
    Ok((StatusCode::CREATED, Json(json!(t))))
}

/// `PUT /api/v1/work-tasks/{id}`.
pub async fn update_work_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<WorkTaskId>,
    Body(body): Body<StructureBody>,
) -> Result<Json<Value>, ApiError> {
    let t = training::update_work_task(&state.app, &ctx.actor, task, &body.input())
        .await
        .labels(crate::training::pages::STRUCTURE_LABELS)?;
    Ok(Json(json!(t)))
}

/// `POST /api/v1/work-tasks/{id}/courses`.
pub async fn add_course(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<WorkTaskId>,
    Body(body): Body<StructureBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let c = training::add_course(&state.app, &ctx.actor, task, &body.input())
        .await
        .labels(crate::training::pages::STRUCTURE_LABELS)?;
    Ok((StatusCode::CREATED, Json(json!(c))))
}

/// `PUT /api/v1/courses/{id}`.
pub async fn update_course(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(course): Id<CourseId>,
    Body(body): Body<StructureBody>,
) -> Result<Json<Value>, ApiError> {
    let c = training::update_course(&state.app, &ctx.actor, course, &body.input())
        .await
        .labels(crate::training::pages::STRUCTURE_LABELS)?;
    Ok(Json(json!(c)))
}

/// `POST /api/v1/courses/{id}/learning-tasks`.
pub async fn add_learning_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(course): Id<CourseId>,
    Body(body): Body<StructureBody>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let t = training::add_learning_task(&state.app, &ctx.actor, course, &body.input())
        .await
        .labels(crate::training::pages::STRUCTURE_LABELS)?;
    Ok((StatusCode::CREATED, Json(json!(t))))
}

/// `PUT /api/v1/learning-tasks/{id}`.
pub async fn update_learning_task(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(task): Id<LearningTaskId>,
    Body(body): Body<StructureBody>,
) -> Result<Json<Value>, ApiError> {
    let t = training::update_learning_task(&state.app, &ctx.actor, task, &body.input())
        .await
        .labels(crate::training::pages::STRUCTURE_LABELS)?;
    Ok(Json(json!(t)))
}

// ------------------------------------------------------------ learning records

/// Body of a completed learning task.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LearningBody {
    #[serde(default)]
    learning_task_id: String,
    #[serde(default)]
    hours: Option<i64>,
    /// Where it was learned.
    #[serde(default)]
    #[schemars(with = "gongjiang_domain::training::LearningPlace")]
    place: String,
    /// The teacher's or enterprise supervisor's name.
    #[serde(default)]
    assessor: String,
    #[serde(default)]
    completed_on: String,
}

/// `GET /api/v1/trainees/{id}/learning`.
pub async fn learning(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(trainee): Id<TraineeId>,
) -> Result<Json<LearningList>, ApiError> {
    let items = training::learning_records_of_trainee(&state.app, &ctx.actor, trainee).await?;
    let total_hours: i64 = items.iter().map(|r| r.hours).sum();
    Ok(Json(LearningList { items, total_hours }))
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
) -> Result<Json<TraineeInternships>, ApiError> {
    let items = training::internships_of_trainee(&state.app, &ctx.actor, trainee).await?;
    Ok(Json(TraineeInternships {
        interned: items.iter().any(Internship::counts_as_interned),
        items: items.iter().map(|i| internship_json(ctx.lang, i)).collect(),
    }))
}

// ------------------------------------------------------------ internships

/// An internship body: numbers and yes/no may be written as JSON numbers and
/// booleans or as text; `InternshipInput` checks them with the form's rules.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct InternshipBody {
    /// A trainee of my school (required).
    trainee_id: Loose,
    /// 认识实习 (cognitive) or 岗位实习 (position); legacy 顶岗实习 and 跟岗实习 read as position (required).
    #[schemars(with = "gongjiang_domain::training::InternshipKind")]
    kind: Loose,
    /// The host, a member unit (required).
    host_org_id: Loose,
    /// The host's demand for this post (enables the post cap of INT-08).
    demand_id: Loose,
    /// The post (required).
    post_name: Loose,
    school_supervisor: Loose,
    host_supervisor: Loose,
    /// `YYYY-MM-DD` (required).
    start_on: Loose,
    /// `YYYY-MM-DD` (required).
    end_on: Loose,
    /// Hours a day (required).
    daily_hours: Loose,
    /// Hours a week (required).
    weekly_hours: Loose,
    /// Works nights.
    night_shift: Loose,
    /// Works overtime.
    overtime: Loose,
    /// Works on holidays.
    holiday_work: Loose,
    /// Monthly pay, yuan.
    pay_monthly: Loose,
    /// The same post's wage, yuan.
    reference_wage: Loose,
    /// Fees charged to the trainee, yuan; must be 0 (INT-07).
    fees_charged: Loose,
    /// Placed through an intermediary.
    intermediary: Loose,
    insurer: Loose,
    policy_no: Loose,
    /// Insurance cover from, `YYYY-MM-DD`.
    cover_from: Loose,
    /// Insurance cover to, `YYYY-MM-DD`.
    cover_to: Loose,
    /// Who pays the premium.
    #[schemars(with = "Option<gongjiang_domain::training::PremiumPayer>")]
    premium_payer: Loose,
    /// Hazard codes of the post.
    #[schemars(with = "Vec<gongjiang_domain::training::Hazard>")]
    hazards: LooseList,
    exception_filing_ref: Loose,
    #[schemars(with = "Option<gongjiang_domain::training::SpecialtyRelation>")]
    specialty_relation: Loose,
    relation_exception: Loose,
    /// Found by the trainee.
    self_found: Loose,
    /// Covers the major's typical work tasks.
    covers_typical_tasks: Loose,
}

impl InternshipBody {
    fn input(self) -> InternshipInput {
        InternshipInput {
            trainee_id: self.trainee_id.into(),
            kind: self.kind.into(),
            host_org_id: self.host_org_id.into(),
            demand_id: self.demand_id.into(),
            post_name: self.post_name.into(),
            school_supervisor: self.school_supervisor.into(),
            host_supervisor: self.host_supervisor.into(),
            start_on: self.start_on.into(),
            end_on: self.end_on.into(),
            daily_hours: self.daily_hours.into(),
            weekly_hours: self.weekly_hours.into(),
            night_shift: self.night_shift.into(),
            overtime: self.overtime.into(),
            holiday_work: self.holiday_work.into(),
            pay_monthly: self.pay_monthly.into(),
            reference_wage: self.reference_wage.into(),
            fees_charged: self.fees_charged.into(),
            intermediary: self.intermediary.into(),
            insurer: self.insurer.into(),
            policy_no: self.policy_no.into(),
            cover_from: self.cover_from.into(),
            cover_to: self.cover_to.into(),
            premium_payer: self.premium_payer.into(),
            hazards: self.hazards.0,
            exception_filing_ref: self.exception_filing_ref.into(),
            specialty_relation: self.specialty_relation.into(),
            relation_exception: self.relation_exception.into(),
            self_found: self.self_found.into(),
            covers_typical_tasks: self.covers_typical_tasks.into(),
        }
    }
}

/// Query of the internship list: a status, the page.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    /// A status code (`in_progress`…), or empty for every status.
    #[serde(default)]
    status: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/internships?status=&page=&per_page=`.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Json<Page<ListedJson>>, ApiError> {
    let status = if q.status.is_empty() {
        None
    } else {
        Some(
            gongjiang_domain::training::InternshipStatus::parse(&q.status)
                .map_err(|p| ApiError::new(ctx.lang, gongjiang_app::Error::field("status", p)))?,
        )
    };
    let ask = crate::lists::PageAsk::new(q.page, q.per_page, crate::lists::MAX_PAGE);
    let (items, total) =
        training::list_page(&state.app, &ctx.actor, status, ask.page, ask.per_page).await?;
    Ok(Json(Page {
        items: items.iter().map(|l| listed_json(ctx.lang, l)).collect(),
        total: u64::try_from(total).unwrap_or(0),
        page: ask.page as u64,
        per_page: ask.per_page as u64,
    }))
}

/// `POST /api/v1/internships`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<InternshipBody>,
) -> Result<(StatusCode, Json<InternshipJson>), ApiError> {
    let i = training::create_internship(&state.app, &ctx.actor, &body.input())
        .await
        .labels(crate::training::pages::INTERNSHIP_LABELS)?;
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
) -> Result<Json<InternshipDetail>, ApiError> {
    let v = training::get(&state.app, &ctx.actor, iid).await?;
    Ok(Json(view_json(ctx.lang, &v)))
}

/// `PUT /api/v1/internships/{id}`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Body(body): Body<InternshipBody>,
) -> Result<Json<InternshipJson>, ApiError> {
    let i = training::update_internship(&state.app, &ctx.actor, iid, &body.input())
        .await
        .labels(crate::training::pages::INTERNSHIP_LABELS)?;
    Ok(Json(internship_json(ctx.lang, &i)))
}

/// `GET /api/v1/internships/{id}/check`: the rule check as it stands (a dry run).
pub async fn check(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
) -> Result<Json<CheckView>, ApiError> {
    let list = training::check(&state.app, &ctx.actor, iid).await?;
    Ok(Json(CheckView {
        may_start: !list.iter().any(RuleFailure::is_hard),
        failures: failures(ctx.lang, &list),
    }))
}

/// Body of a status change: a termination carries its reason.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusBody {
    /// `draft` ⇄ `ready`, `in_progress` → `finished`, any but `finished` →
    /// `terminated`; start with `/start`.
    #[schemars(with = "InternshipStatus")]
    status: String,
    /// Required to terminate: why the internship ends early, 2 to 200
    /// characters, kept with it and in the audit log.
    #[serde(default)]
    #[schemars(length(max = 200))]
    reason: String,
}

/// `POST /api/v1/internships/{id}/status`.
pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(iid): Id<InternshipId>,
    Body(body): Body<StatusBody>,
) -> Result<Json<InternshipJson>, ApiError> {
    let to = InternshipStatus::parse(&body.status)
        .map_err(|p| ApiError::new(ctx.lang, gongjiang_app::Error::field("status", p)))?;
    let i = training::set_status(&state.app, &ctx.actor, iid, to, &body.reason).await?;
    Ok(Json(internship_json(ctx.lang, &i)))
}

fn start_answer(lang: Lang, outcome: &StartOutcome) -> Response {
    if outcome.started {
        let v = Started {
            internship: internship_json(lang, &outcome.internship),
            started: true,
            failures: failures(lang, &outcome.failures),
        };
        (StatusCode::OK, Json(v)).into_response()
    } else {
        let message = crate::i18n::tr(lang, "internships.rules_failed").to_string();
        (
            StatusCode::CONFLICT,
            Json(NotStarted {
                error: ErrorBody::new("rules_failed", message),
                started: false,
                failures: failures(lang, &outcome.failures),
            }),
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
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideBody {
    /// The written reason, at least 10 characters (recorded and audited).
    #[serde(default)]
    #[schemars(length(min = 10))]
    reason: String,
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
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogBody {
    /// Any day of the week, `YYYY-MM-DD`.
    #[serde(default)]
    week_of: String,
    /// What was done, at least 5 characters.
    #[serde(default)]
    content: String,
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

/// Body of a revision.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviseBody {
    /// The entry's new text, at least 5 characters.
    content: String,
}

/// `PUT /api/v1/internships/{id}/log/{entry}`: the trainee revises an entry
/// that is not confirmed; its earlier text is kept.
pub async fn revise_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((iid, eid)): Path<(String, String)>,
    Body(body): Body<ReviseBody>,
) -> Result<Json<LogEntry>, ApiError> {
    let iid = internship_id(&ctx, &iid)?;
    let eid: LogEntryId = id(&ctx, &eid, "log")?;
    let e = training::revise_log(&state.app, &ctx.actor, iid, eid, &body.content).await?;
    Ok(Json(e))
}

/// Body of a review.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    /// `confirm` or `query`.
    #[schemars(extend("enum" = ["confirm", "query"]))]
    decision: String,
    /// Required when querying.
    #[serde(default)]
    comment: String,
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
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitBody {
    /// `YYYY-MM-DD`.
    #[serde(default)]
    visited_on: String,
    /// What was seen and agreed.
    #[serde(default)]
    note: String,
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
