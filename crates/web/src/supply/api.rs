//! Demand and supply in the API: catalogues, talent demand, majors, cohorts, trainees.

use crate::context::Ctx;
use crate::error::ApiError;
use crate::error::LabelFields;
use crate::json::{Body, Items, Loose, LooseList, Page, id, invalid};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use gongjiang_app::supply;
use gongjiang_app::supply::TraineeView;
use gongjiang_domain::Problem;
use gongjiang_domain::ids::OrgId;
use gongjiang_domain::supply::{
    Cohort, CohortInput, Major, MajorInput, MajorLevel, Teacher, TraineeInput, TraineeStatus,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

/// Body of a major; numbers may be written as numbers or text.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct MajorBody {
    /// The major's code in the catalogue (required).
    code: Loose,
    /// Its name (required).
    name: Loose,
    /// Its level (required).
    #[schemars(with = "MajorLevel")]
    level: Loose,
    /// Years of study, 1 to 6 (required).
    length_years: Loose,
    /// Places a year (required).
    annual_intake: Loose,
    /// Occupation codes it trains for.
    occupations: LooseList,
}

impl MajorBody {
    fn input(self) -> MajorInput {
        MajorInput {
            code: self.code.into(),
            name: self.name.into(),
            level: self.level.into(),
            length_years: self.length_years.into(),
            annual_intake: self.annual_intake.into(),
            occupations: self.occupations.0,
        }
    }
}

/// `GET /api/v1/majors`.
pub async fn majors(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OrgQuery>,
) -> Result<Json<Items<Major>>, ApiError> {
    let list = supply::majors(&state.app, org_filter(&ctx, &q)?).await?;
    Ok(Json(Items::of(list)))
}

/// `POST /api/v1/majors`.
pub async fn create_major(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<MajorBody>,
) -> Result<(StatusCode, Json<Major>), ApiError> {
    let major = supply::save_major(&state.app, &ctx.actor, None, &body.input())
        .await
        .labels(crate::supply::school::MAJOR_LABELS)?;
    Ok((StatusCode::CREATED, Json(major)))
}

/// `PUT /api/v1/majors/{id}`.
pub async fn update_major(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(mid): Path<String>,
    Body(body): Body<MajorBody>,
) -> Result<Json<Major>, ApiError> {
    let mid = id(&ctx, &mid, "major")?;
    let major = supply::save_major(&state.app, &ctx.actor, Some(mid), &body.input())
        .await
        .labels(crate::supply::school::MAJOR_LABELS)?;
    Ok(Json(major))
}

/// Body of a cohort; numbers may be written as numbers or text.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct CohortBody {
    /// A major of my school (required).
    major_id: Loose,
    /// Its name (required).
    name: Loose,
    /// Year of entry (required).
    entry_year: Loose,
    /// Year of graduation (required).
    graduation_year: Loose,
    /// How many trainees, at least 1 (required).
    size: Loose,
    /// The enterprise of an order class.
    sponsor_org_id: Loose,
}

/// `GET /api/v1/cohorts`.
pub async fn cohorts(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OrgQuery>,
) -> Result<Json<Items<Cohort>>, ApiError> {
    let list = supply::cohorts(&state.app, org_filter(&ctx, &q)?).await?;
    Ok(Json(Items::of(list)))
}

/// `POST /api/v1/cohorts`.
pub async fn create_cohort(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(b): Body<CohortBody>,
) -> Result<(StatusCode, Json<Cohort>), ApiError> {
    let input = CohortInput {
        major_id: b.major_id.into(),
        name: b.name.into(),
        entry_year: b.entry_year.into(),
        graduation_year: b.graduation_year.into(),
        size: b.size.into(),
        sponsor_org_id: b.sponsor_org_id.into(),
    };
    let c = supply::save_cohort(&state.app, &ctx.actor, None, &input)
        .await
        .labels(crate::supply::school::COHORT_LABELS)?;
    Ok((StatusCode::CREATED, Json(c)))
}

/// Body of a trainee.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct TraineeBody {
    /// Their name (required).
    name: Loose,
    /// Resident ID number, GB 11643, 18 characters (required).
    id_number: Loose,
    /// A mainland mobile number.
    phone: Loose,
    student_no: Loose,
    /// A cohort of my school.
    cohort_id: Loose,
    /// Default `enrolled`.
    #[schemars(with = "Option<TraineeStatus>")]
    status: Loose,
    /// What the personal data is processed for (recorded with who and when; required).
    consent_purpose: Loose,
}

impl TraineeBody {
    fn input(self) -> TraineeInput {
        TraineeInput {
            name: self.name.into(),
            id_number: self.id_number.into(),
            phone: self.phone.into(),
            student_no: self.student_no.into(),
            cohort_id: self.cohort_id.into(),
            status: self.status.into(),
            consent_purpose: self.consent_purpose.into(),
        }
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
    /// Only those still to place, of cohorts graduating by this year.
    #[serde(default)]
    unplaced_by: String,
    /// Only those certified on or after this day.
    #[serde(default)]
    certified_since: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// `GET /api/v1/trainees`.
pub async fn trainees(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TraineeQuery>,
) -> Result<Json<Page<TraineeView>>, ApiError> {
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
        unplaced_by: if q.unplaced_by.is_empty() {
            None
        } else {
            Some(
                gongjiang_domain::demand::integer_field(&q.unplaced_by, 2000, 2100)
                    .map_err(|p| invalid(lang, "unplaced_by", p))?,
            )
        },
        certified_since: if q.certified_since.is_empty() {
            None
        } else {
            Some(
                gongjiang_domain::demand::date_field(&q.certified_since)
                    .map(gongjiang_domain::demand::iso)
                    .map_err(|p| invalid(lang, "certified_since", p))?,
            )
        },
    };
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, supply::MAX_PAGE);
    let (items, total) = supply::trainees(&state.app, &ctx.actor, filter, page, per_page).await?;
    Ok(Json(Page {
        items,
        total: total as u64,
        page: page as u64,
        per_page: per_page as u64,
    }))
}

/// `GET /api/v1/trainees/{id}`.
pub async fn trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
) -> Result<Json<TraineeView>, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    let t = supply::open_trainee(&state.app, &ctx.actor, tid).await?;
    Ok(Json(t))
}

/// `POST /api/v1/trainees`.
pub async fn create_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<TraineeBody>,
) -> Result<(StatusCode, Json<TraineeView>), ApiError> {
    let t = supply::save_trainee(&state.app, &ctx.actor, None, &body.input())
        .await
        .labels(crate::supply::school::TRAINEE_LABELS)?;
    Ok((StatusCode::CREATED, Json(t)))
}

/// `PUT /api/v1/trainees/{id}`.
pub async fn update_trainee(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Body(body): Body<TraineeBody>,
) -> Result<Json<TraineeView>, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    let t = supply::save_trainee(&state.app, &ctx.actor, Some(tid), &body.input())
        .await
        .labels(crate::supply::school::TRAINEE_LABELS)?;
    Ok(Json(t))
}

/// Body of a reveal.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RevealBody {
    /// Why the full numbers are needed (logged), 2 to 200 characters.
    #[schemars(length(min = 2, max = 200))]
    reason: String,
}

/// `POST /api/v1/trainees/{id}/reveal`: the full ID and phone numbers, logged with the reason.
pub async fn reveal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Body(body): Body<RevealBody>,
) -> Result<Json<TraineeView>, ApiError> {
    let tid = id(&ctx, &tid, "trainee")?;
    let t = supply::reveal(&state.app, &ctx.actor, tid, &body.reason).await?;
    Ok(Json(t))
}

/// Body of a teacher; numbers and yes/no may be written as JSON or as text.
#[derive(Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields, default)]
pub struct TeacherBody {
    /// Their name (required).
    name: Loose,
    /// How they are employed.
    #[schemars(with = "Option<gongjiang_domain::supply::Employment>")]
    employment: Loose,
    /// What they teach (required).
    specialties: LooseList,
    /// Their dual-qualified (双师型) grade.
    #[schemars(with = "Option<gongjiang_domain::supply::DualQualified>")]
    dual_qualified: Loose,
    /// Professional title.
    title: Loose,
    /// Skill level code.
    skill_level: Loose,
    /// Days of enterprise practice in the last five years.
    practice_days: Loose,
    /// Visible in the alliance's faculty pool.
    shared: Loose,
}

impl TeacherBody {
    fn input(self) -> gongjiang_domain::supply::TeacherInput {
        gongjiang_domain::supply::TeacherInput {
            name: self.name.into(),
            employment: self.employment.into(),
            specialties: self.specialties.0.join("、"),
            dual_qualified: self.dual_qualified.into(),
            title: self.title.into(),
            skill_level: self.skill_level.into(),
            practice_days: self.practice_days.into(),
            shared: self.shared.into(),
        }
    }
}

/// A teacher, with a warning when their enterprise practice falls short.
#[derive(Serialize, JsonSchema)]
pub struct TeacherView {
    #[serde(flatten)]
    teacher: Teacher,
    /// Fewer practice days than expected.
    practice_warning: bool,
}

fn teacher_json(t: Teacher) -> TeacherView {
    TeacherView {
        practice_warning: t.practice_days < gongjiang_domain::supply::PRACTICE_DAYS_EXPECTED,
        teacher: t,
    }
}

/// `GET /api/v1/teachers`: my school's teachers with `org_id` of my school; otherwise the shared faculty pool.
pub async fn teachers(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OrgQuery>,
) -> Result<Json<Items<TeacherView>>, ApiError> {
    let list = supply::teachers(&state.app, &ctx.actor, org_filter(&ctx, &q)?).await?;
    Ok(Json(Items::of(
        list.into_iter().map(teacher_json).collect(),
    )))
}

/// `POST /api/v1/teachers`.
pub async fn create_teacher(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(body): Body<TeacherBody>,
) -> Result<(StatusCode, Json<TeacherView>), ApiError> {
    let t = supply::save_teacher(&state.app, &ctx.actor, None, &body.input())
        .await
        .labels(crate::supply::school::TEACHER_LABELS)?;
    Ok((StatusCode::CREATED, Json(teacher_json(t))))
}

/// `PUT /api/v1/teachers/{id}`.
pub async fn update_teacher(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(tid): Path<String>,
    Body(body): Body<TeacherBody>,
) -> Result<Json<TeacherView>, ApiError> {
    let tid = id(&ctx, &tid, "teacher")?;
    let t = supply::save_teacher(&state.app, &ctx.actor, Some(tid), &body.input())
        .await
        .labels(crate::supply::school::TEACHER_LABELS)?;
    Ok(Json(teacher_json(t)))
}
