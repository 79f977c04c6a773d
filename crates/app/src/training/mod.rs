//! Training (培养): school staff keep their majors' work-study structure and
//! record the learning tasks their trainees complete; they manage their
//! trainees' internships, which start only when the rules INT-01…INT-14 pass
//! (or the secretariat overrides the hard failures with a written reason);
//! trainees write weekly logs that the host enterprise confirms or queries;
//! school supervisors see missing weeks and record visits.
//!
//! Who sees an internship: staff of the trainee's school, staff of the host,
//! the trainee, and the secretariat. Everyone else is told it does not exist.
//! Every change is written with its audit entry in one transaction.
//!
//! Other features call [`internships_of_trainee`], [`has_interned`] and
//! [`learning_records_of_trainee`].

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::cooperation::{attachment_name, attachment_type};
use gongjiang_domain::demand::date_field;
use gongjiang_domain::ids::{
    CourseId, InternshipFileId, InternshipId, LearningRecordId, LearningTaskId, LogEntryId,
    MajorId, TraineeId, VisitId, WorkTaskId,
};
use gongjiang_domain::members::text_field;
use gongjiang_domain::supply::Trainee;
use gongjiang_domain::training::{
    self as rules, Course, DocumentKind, Facts, Internship, InternshipInput, InternshipStatus,
    LearningRecord, LearningRecordInput, LearningTask, LogEntry, LogStatus, Override, RuleFailure,
    StructureInput, Visit, WorkTask,
};
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::Connection;
use gongjiang_store::training::{self as store, Document};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

// ------------------------------------------------------------ work-study structure

/// A major's work-study structure: work tasks, each with its courses, each with its learning tasks.
#[derive(Debug, Clone, Serialize)]
pub struct Structure {
    /// The major.
    pub major: gongjiang_domain::supply::Major,
    /// Its work tasks in order.
    pub tasks: Vec<TaskNode>,
}

/// A work task with its courses.
#[derive(Debug, Clone, Serialize)]
pub struct TaskNode {
    /// The work task.
    #[serde(flatten)]
    pub task: WorkTask,
    /// Its courses.
    pub courses: Vec<CourseNode>,
}

/// A course with its learning tasks.
#[derive(Debug, Clone, Serialize)]
pub struct CourseNode {
    /// The course.
    #[serde(flatten)]
    pub course: Course,
    /// Its learning tasks.
    pub learning_tasks: Vec<LearningTask>,
    /// Planned hours of its learning tasks together.
    pub planned_hours: i64,
}

async fn major(conn: &mut Connection, id: MajorId) -> Result<gongjiang_domain::supply::Major> {
    gongjiang_store::supply::get_major(conn, id)
        .await?
        .ok_or(Error::NotFound("major"))
}

/// The work-study structure of a major (any signed-in user: curricula are not personal).
pub async fn structure(app: &App, actor: &Actor, id: MajorId) -> Result<Structure> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let major = major(&mut conn, id).await?;
    let tasks = store::work_tasks(&mut conn, id).await?;
    let courses = store::courses_of_major(&mut conn, id).await?;
    let learning = store::learning_tasks_of_major(&mut conn, id).await?;
    Ok(Structure {
        major,
        tasks: tasks
            .into_iter()
            .map(|task| TaskNode {
                courses: courses
                    .iter()
                    .filter(|c| c.work_task_id == task.id)
                    .map(|c| {
                        let learning_tasks: Vec<LearningTask> = learning
                            .iter()
                            .filter(|l| l.course_id == c.id)
                            .cloned()
                            .collect();
                        CourseNode {
                            planned_hours: learning_tasks.iter().map(|l| l.fields.hours).sum(),
                            course: c.clone(),
                            learning_tasks,
                        }
                    })
                    .collect(),
                task,
            })
            .collect(),
    })
}

/// Adds a typical work task to a major of the actor's school.
pub async fn add_work_task(
    app: &App,
    actor: &Actor,
    major_id: MajorId,
    input: &StructureInput,
) -> Result<WorkTask> {
    actor.user()?;
    let fields = input.validate(false)?;
    let mut tx = app.db.write().await?;
    let m = major(&mut tx, major_id).await?;
    actor.require(Permission::ManageTraining(m.org_id))?;
    let task = WorkTask {
        id: WorkTaskId::new(),
        org_id: m.org_id,
        major_id,
        fields,
    };
    store::save_work_task(&mut tx, &task, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "work_task.create",
        "work_task",
        &task.id.to_string(),
        Some(m.org_id.to_string()),
        json!(null),
        json!(task),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(task)
}

/// Changes a work task.
pub async fn update_work_task(
    app: &App,
    actor: &Actor,
    id: WorkTaskId,
    input: &StructureInput,
) -> Result<WorkTask> {
    actor.user()?;
    let fields = input.validate(false)?;
    let mut tx = app.db.write().await?;
    let before = store::get_work_task(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("work_task"))?;
    actor.require(Permission::ManageTraining(before.org_id))?;
    let task = WorkTask {
        fields,
        ..before.clone()
    };
    store::save_work_task(&mut tx, &task, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "work_task.update",
        "work_task",
        &id.to_string(),
        Some(task.org_id.to_string()),
        json!(before),
        json!(task),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(task)
}

async fn task_org(conn: &mut Connection, id: WorkTaskId) -> Result<gongjiang_domain::ids::OrgId> {
    Ok(store::get_work_task(conn, id)
        .await?
        .ok_or(Error::NotFound("work_task"))?
        .org_id)
}

/// The major a work task belongs to (any signed-in user, like the structure).
pub async fn major_of_work_task(app: &App, actor: &Actor, id: WorkTaskId) -> Result<MajorId> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    Ok(store::get_work_task(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("work_task"))?
        .major_id)
}

/// The major an integrated course belongs to (any signed-in user, like the structure).
pub async fn major_of_course(app: &App, actor: &Actor, id: CourseId) -> Result<MajorId> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let course = store::get_course(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("course"))?;
    Ok(store::get_work_task(&mut conn, course.work_task_id)
        .await?
        .ok_or(Error::NotFound("course"))?
        .major_id)
}

/// Adds an integrated course to a work task.
pub async fn add_course(
    app: &App,
    actor: &Actor,
    work_task: WorkTaskId,
    input: &StructureInput,
) -> Result<Course> {
    actor.user()?;
    let fields = input.validate(true)?;
    let mut tx = app.db.write().await?;
    let org = task_org(&mut tx, work_task).await?;
    actor.require(Permission::ManageTraining(org))?;
    let course = Course {
        id: CourseId::new(),
        work_task_id: work_task,
        fields,
    };
    store::save_course(&mut tx, &course, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "course.create",
        "course",
        &course.id.to_string(),
        Some(org.to_string()),
        json!(null),
        json!(course),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(course)
}

/// Changes a course.
pub async fn update_course(
    app: &App,
    actor: &Actor,
    id: CourseId,
    input: &StructureInput,
) -> Result<Course> {
    actor.user()?;
    let fields = input.validate(true)?;
    let mut tx = app.db.write().await?;
    let before = store::get_course(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("course"))?;
    let org = task_org(&mut tx, before.work_task_id).await?;
    actor.require(Permission::ManageTraining(org))?;
    let course = Course {
        fields,
        ..before.clone()
    };
    store::save_course(&mut tx, &course, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "course.update",
        "course",
        &id.to_string(),
        Some(org.to_string()),
        json!(before),
        json!(course),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(course)
}

/// Adds a learning task to a course.
pub async fn add_learning_task(
    app: &App,
    actor: &Actor,
    course: CourseId,
    input: &StructureInput,
) -> Result<LearningTask> {
    actor.user()?;
    let fields = input.validate(true)?;
    let mut tx = app.db.write().await?;
    let c = store::get_course(&mut tx, course)
        .await?
        .ok_or(Error::NotFound("course"))?;
    let org = task_org(&mut tx, c.work_task_id).await?;
    actor.require(Permission::ManageTraining(org))?;
    let task = LearningTask {
        id: LearningTaskId::new(),
        course_id: course,
        fields,
    };
    store::save_learning_task(&mut tx, &task, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "learning_task.create",
        "learning_task",
        &task.id.to_string(),
        Some(org.to_string()),
        json!(null),
        json!(task),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(task)
}

/// Changes a learning task.
pub async fn update_learning_task(
    app: &App,
    actor: &Actor,
    id: LearningTaskId,
    input: &StructureInput,
) -> Result<LearningTask> {
    actor.user()?;
    let fields = input.validate(true)?;
    let mut tx = app.db.write().await?;
    let (before, major_id) = store::get_learning_task(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("learning_task"))?;
    let org = major(&mut tx, major_id).await?.org_id;
    actor.require(Permission::ManageTraining(org))?;
    let task = LearningTask {
        fields,
        ..before.clone()
    };
    store::save_learning_task(&mut tx, &task, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "learning_task.update",
        "learning_task",
        &id.to_string(),
        Some(org.to_string()),
        json!(before),
        json!(task),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(task)
}

// ------------------------------------------------------------ learning records

async fn trainee(conn: &mut Connection, id: TraineeId) -> Result<Trainee> {
    gongjiang_store::supply::get_trainee(conn, id)
        .await?
        .ok_or(Error::NotFound("trainee"))
}

/// The trainee record linked to the acting trainee account, if any.
async fn own_trainee(conn: &mut Connection, actor: &Actor) -> Result<Option<TraineeId>> {
    let me = actor.user()?;
    if me.role != Role::Trainee {
        return Ok(None);
    }
    Ok(gongjiang_store::rounds::trainee_of_user(conn, me.user_id).await?)
}

/// Records a learning task a trainee of the actor's school completed.
pub async fn record_learning(
    app: &App,
    actor: &Actor,
    trainee_id: TraineeId,
    input: &LearningRecordInput,
) -> Result<LearningRecord> {
    let me = actor.user()?.clone();
    let fields = input.validate(app.now().date_cst())?;
    let mut tx = app.db.write().await?;
    let t = trainee(&mut tx, trainee_id).await?;
    if actor.require(Permission::ManageTraining(t.org_id)).is_err() {
        return Err(if actor.may(Permission::ViewTrainees(t.org_id)) {
            Error::Forbidden
        } else {
            Error::NotFound("trainee")
        });
    }
    let (task, major_id) = store::get_learning_task(&mut tx, fields.learning_task_id)
        .await?
        .ok_or_else(|| Error::field("learning_task_id", Problem::InvalidChoice))?;
    let m = major(&mut tx, major_id).await?;
    let cohort_major = match t.cohort_id {
        Some(c) => gongjiang_store::supply::get_cohort(&mut tx, c)
            .await?
            .map(|c| c.major_id),
        None => None,
    };
    if m.org_id != t.org_id || cohort_major.is_some_and(|cm| cm != major_id) {
        return Err(Error::field(
            "learning_task_id",
            Problem::Rule {
                key: "task_of_other_major",
            },
        ));
    }
    let course = store::get_course(&mut tx, task.course_id)
        .await?
        .ok_or(Error::NotFound("course"))?;
    let r = LearningRecord {
        id: LearningRecordId::new(),
        trainee_id,
        learning_task_id: task.id,
        task_name: task.fields.name.clone(),
        course_name: course.fields.name,
        hours: fields.hours,
        place: fields.place,
        assessor: fields.assessor,
        completed_on: fields.completed_on,
        recorded_by: me.login.clone(),
    };
    store::insert_learning_record(&mut tx, &r, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "learning_record.create",
        "trainee",
        &trainee_id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!(r),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(r)
}

/// A trainee's completed learning tasks, newest first: for staff of the
/// trainee's school, the secretariat, and the trainee.
pub async fn learning_records_of_trainee(
    app: &App,
    actor: &Actor,
    trainee_id: TraineeId,
) -> Result<Vec<LearningRecord>> {
    let mut conn = app.db.read().await?;
    let t = trainee(&mut conn, trainee_id).await?;
    let own = own_trainee(&mut conn, actor).await? == Some(t.id);
    if !own && !actor.may(Permission::ViewTrainees(t.org_id)) {
        return Err(Error::NotFound("trainee"));
    }
    Ok(store::learning_records(&mut conn, trainee_id).await?)
}

/// What a trainee's learning page needs beside the records: the masked name,
/// and the learning tasks of the trainee's major when the actor may record.
pub struct LearningForm {
    /// The trainee's name, masked.
    pub name_masked: String,
    /// The tasks the actor may record, or `None` when they may not record.
    pub tasks: Option<Vec<LearningTask>>,
}

/// The learning form for a trainee (the trainee themselves, or staff who may see them).
pub async fn learning_form(
    app: &App,
    actor: &Actor,
    trainee_id: TraineeId,
) -> Result<LearningForm> {
    let mut conn = app.db.read().await?;
    let t = trainee(&mut conn, trainee_id).await?;
    let own = own_trainee(&mut conn, actor).await? == Some(t.id);
    if !own && !actor.may(Permission::ViewTrainees(t.org_id)) {
        return Err(Error::NotFound("trainee"));
    }
    let tasks = if actor.may(Permission::ManageTraining(t.org_id)) {
        let major = match t.cohort_id {
            Some(c) => gongjiang_store::supply::get_cohort(&mut conn, c)
                .await?
                .map(|c| c.major_id),
            None => None,
        };
        Some(match major {
            Some(m) => store::learning_tasks_of_major(&mut conn, m).await?,
            None => Vec::new(),
        })
    } else {
        None
    };
    Ok(LearningForm {
        name_masked: t.name_masked,
        tasks,
    })
}

// ------------------------------------------------------------ internships: access

/// How the actor stands to an internship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Staff of the trainee's school: manages it.
    School,
    /// Staff of the host: sees it, confirms or queries logs.
    Host,
    /// The trainee: sees it, writes the log.
    Trainee,
    /// The secretariat: sees it, may override hard rule failures.
    Secretariat,
}

async fn standing(
    conn: &mut Connection,
    actor: &Actor,
    i: &Internship,
) -> Result<Option<Standing>> {
    actor.user()?;
    Ok(if actor.may(Permission::ManageTraining(i.school_org_id)) {
        Some(Standing::School)
    } else if actor.may(Permission::SuperviseInterns(i.fields.host_org_id)) {
        Some(Standing::Host)
    } else if actor.may(Permission::OverrideInternshipRules) {
        Some(Standing::Secretariat)
    } else if own_trainee(conn, actor).await? == Some(i.fields.trainee_id) {
        Some(Standing::Trainee)
    } else {
        None
    })
}

/// Loads an internship the actor may see, with how the actor stands to it.
async fn load(
    conn: &mut Connection,
    actor: &Actor,
    id: InternshipId,
) -> Result<(Internship, Standing)> {
    let i = store::get_internship(conn, id)
        .await?
        .ok_or(Error::NotFound("internship"))?;
    match standing(conn, actor, &i).await? {
        Some(s) => Ok((i, s)),
        None => Err(Error::NotFound("internship")),
    }
}

/// Loads an internship the actor manages (school staff); others who may see it get 403.
async fn load_managed(
    conn: &mut Connection,
    actor: &Actor,
    id: InternshipId,
) -> Result<Internship> {
    let (i, s) = load(conn, actor, id).await?;
    if s != Standing::School {
        return Err(Error::Forbidden);
    }
    Ok(i)
}

// ------------------------------------------------------------ internships: create and change

async fn checked_fields(
    conn: &mut Connection,
    actor: &Actor,
    input: &InternshipInput,
) -> Result<(rules::InternshipFields, Trainee)> {
    let fields = input.validate()?;
    let t = trainee(conn, fields.trainee_id).await?;
    if actor.require(Permission::ManageTraining(t.org_id)).is_err() {
        return Err(if actor.may(Permission::ViewTrainees(t.org_id)) {
            Error::Forbidden
        } else {
            Error::field("trainee_id", Problem::InvalidChoice)
        });
    }
    let mut errors = FieldErrors::new();
    match gongjiang_store::members::get_org(conn, fields.host_org_id).await? {
        Some(_) => {}
        None => errors.push("host_org_id", Problem::InvalidChoice),
    }
    if let Some(d) = fields.demand_id {
        let demand = gongjiang_store::demand::get(conn, d).await?;
        if demand.is_none_or(|d| d.org_id != fields.host_org_id) {
            errors.push("demand_id", Problem::InvalidChoice);
        }
    }
    errors.into_result()?;
    Ok((fields, t))
}

/// Records a new internship (draft) for a trainee of the actor's school.
pub async fn create_internship(
    app: &App,
    actor: &Actor,
    input: &InternshipInput,
) -> Result<Internship> {
    let me = actor.user()?.clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let (fields, t) = checked_fields(&mut tx, actor, input).await?;
    let i = Internship {
        id: InternshipId::new(),
        school_org_id: t.org_id,
        fields,
        status: InternshipStatus::Draft,
        warnings: Vec::new(),
        created_by: me.login.clone(),
        created_at: now,
        updated_at: now,
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.create",
        "internship",
        &i.id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!(i),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(i)
}

/// Changes a draft or ready internship (the trainee stays the same).
pub async fn update_internship(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    input: &InternshipInput,
) -> Result<Internship> {
    let now = app.now();
    let mut tx = app.db.write().await?;
    let before = load_managed(&mut tx, actor, id).await?;
    if !before.status.editable() {
        return Err(Error::WrongState("internship.not_editable".into()));
    }
    let (fields, _) = checked_fields(&mut tx, actor, input).await?;
    if fields.trainee_id != before.fields.trainee_id {
        return Err(Error::field("trainee_id", Problem::WrongState));
    }
    let i = Internship {
        fields,
        updated_at: now,
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.update",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(before),
        json!(i),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(i)
}

// ------------------------------------------------------------ the rules

/// Gathers the facts the rules look at: the trainee's age, gender and year of
/// study, the host, its in-service staff (recorded for placement rounds) and
/// the position interns of all schools in progress there during the period.
async fn facts(conn: &mut Connection, i: &Internship) -> Result<Facts> {
    let f = &i.fields;
    let t = trainee(conn, f.trainee_id).await?;
    let bad_date = |what: &str| Error::Internal(format!("internship {}: bad {what}", i.id));
    let start = date_field(&f.start_on).map_err(|_| bad_date("start"))?;
    let end = date_field(&f.end_on).map_err(|_| bad_date("end"))?;
    let birth = date_field(&t.birth_date).map_err(|_| bad_date("birth date"))?;
    let entry_year = match t.cohort_id {
        Some(c) => gongjiang_store::supply::get_cohort(conn, c)
            .await?
            .map(|c| c.entry_year),
        None => None,
    };
    let host = gongjiang_store::members::get_org(conn, f.host_org_id).await?;
    let (post_staff, post_interns) = match f.demand_id {
        Some(d) => (
            store::post_staff(conn, d).await?,
            store::concurrent_on_post(conn, d, &f.start_on, &f.end_on, i.id).await?,
        ),
        None => (None, 0),
    };
    let docs = store::documents(conn, i.id).await?;
    let has = |k: DocumentKind| docs.iter().any(|d| d.kind == k);
    let optional = |s: &str| date_field(s).ok();
    Ok(Facts {
        kind: f.kind,
        host_is_legal_entity: host
            .as_ref()
            .is_some_and(|o| !o.credit_code.trim().is_empty()),
        start_on: start,
        end_on: end,
        birth_date: birth,
        female: t.gender == "female",
        entry_year,
        hazards: f.hazards.clone(),
        exception_filing_ref: f.exception_filing_ref.clone(),
        intermediary: f.intermediary,
        night_shift: f.night_shift,
        overtime: f.overtime,
        holiday_work: f.holiday_work,
        daily_hours: f.daily_hours,
        weekly_hours: f.weekly_hours,
        pay_monthly: f.pay_monthly,
        reference_wage: f.reference_wage,
        fees_charged: f.fees_charged,
        host_staff: store::host_staff(conn, f.host_org_id).await?,
        host_interns: store::concurrent_at_host(conn, f.host_org_id, &f.start_on, &f.end_on, i.id)
            .await?,
        names_post: f.demand_id.is_some(),
        post_staff,
        post_interns,
        covers_typical_tasks: f.covers_typical_tasks,
        specialty_relation: f.specialty_relation,
        relation_exception: f.relation_exception.clone(),
        has_agreement: has(DocumentKind::Agreement),
        has_guardian_consent: has(DocumentKind::GuardianConsent),
        has_consent_form: has(DocumentKind::ConsentForm),
        insurer: f.insurer.clone(),
        policy_no: f.policy_no.clone(),
        cover_from: optional(&f.cover_from),
        cover_to: optional(&f.cover_to),
        premium_payer: f.premium_payer,
        has_school_supervisor: !f.school_supervisor.trim().is_empty(),
        has_host_supervisor: !f.host_supervisor.trim().is_empty(),
        self_found: f.self_found,
    })
}

/// The rule check as it stands now (a dry run), for anyone who may see the internship.
pub async fn check(app: &App, actor: &Actor, id: InternshipId) -> Result<Vec<RuleFailure>> {
    let mut conn = app.db.read().await?;
    let (i, _) = load(&mut conn, actor, id).await?;
    Ok(rules::check(
        &facts(&mut conn, &i).await?,
        &app.settings.internship_rules,
    ))
}

/// What became of a request to start an internship.
#[derive(Debug, Clone, Serialize)]
pub struct StartOutcome {
    /// True when it is now in progress.
    pub started: bool,
    /// Every failure: when not started, the hard ones block; when started, the soft ones are warnings
    /// (and, after an override, the overridden hard ones too).
    pub failures: Vec<RuleFailure>,
    /// The internship as it now stands.
    pub internship: Internship,
}

/// Starts a ready internship (school staff): checks INT-01…INT-14 at once;
/// any hard failure refuses the start and lists every failure.
pub async fn start(app: &App, actor: &Actor, id: InternshipId) -> Result<StartOutcome> {
    let now = app.now();
    let mut tx = app.db.write().await?;
    let before = load_managed(&mut tx, actor, id).await?;
    if before.status != InternshipStatus::Ready {
        return Err(Error::WrongState("internship.not_ready".into()));
    }
    let failures = rules::check(
        &facts(&mut tx, &before).await?,
        &app.settings.internship_rules,
    );
    if failures.iter().any(RuleFailure::is_hard) {
        record(
            &mut tx,
            app,
            actor,
            "internship.start_refused",
            "internship",
            &id.to_string(),
            Some(before.school_org_id.to_string()),
            json!(null),
            json!({"failures": failures}),
        )
        .await?;
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
        return Ok(StartOutcome {
            started: false,
            failures,
            internship: before,
        });
    }
    let i = Internship {
        status: InternshipStatus::InProgress,
        warnings: failures.clone(),
        updated_at: now,
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.start",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!({"status": before.status}),
        json!({"status": i.status, "warnings": failures}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(StartOutcome {
        started: true,
        failures,
        internship: i,
    })
}

/// The secretariat starts a ready internship despite its hard failures. The
/// written reason is required; who, when, the reason and the failures
/// overridden are recorded with the internship and in the audit log.
pub async fn override_start(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    reason: &str,
) -> Result<StartOutcome> {
    let me = actor.require(Permission::OverrideInternshipRules)?.clone();
    let reason = text_field(reason, 10, 1000).map_err(|p| Error::field("reason", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let (before, _) = load(&mut tx, actor, id).await?;
    if before.status != InternshipStatus::Ready {
        return Err(Error::WrongState("internship.not_ready".into()));
    }
    let failures = rules::check(
        &facts(&mut tx, &before).await?,
        &app.settings.internship_rules,
    );
    let hard: Vec<RuleFailure> = failures.iter().filter(|f| f.is_hard()).cloned().collect();
    if hard.is_empty() {
        return Err(Error::WrongState("internship.nothing_to_override".into()));
    }
    let o = Override {
        internship_id: id,
        by_login: me.login.clone(),
        by_org: me.org_id,
        reason: reason.clone(),
        failures: hard.clone(),
        at: now,
    };
    store::insert_override(&mut tx, &o).await?;
    let i = Internship {
        status: InternshipStatus::InProgress,
        warnings: failures.clone(),
        updated_at: now,
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.override",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!({"status": before.status}),
        json!({"status": i.status, "reason": reason, "overridden": hard}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(StartOutcome {
        started: true,
        failures,
        internship: i,
    })
}

/// Moves an internship (school staff): draft ⇄ ready, in progress → finished,
/// draft/ready/in progress → terminated. Starting goes through [`start`].
pub async fn set_status(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    to: InternshipStatus,
) -> Result<Internship> {
    let mut tx = app.db.write().await?;
    let before = load_managed(&mut tx, actor, id).await?;
    if to == InternshipStatus::InProgress || !before.status.may_move_to(to) {
        return Err(Error::WrongState("internship.wrong_move".into()));
    }
    let i = Internship {
        status: to,
        updated_at: app.now(),
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.status",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!({"status": before.status}),
        json!({"status": to}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(i)
}

// ------------------------------------------------------------ documents

/// Attaches a document (PDF, PNG or JPEG, at most 5 MiB, judged by its bytes) to an editable internship.
pub async fn attach(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Document> {
    let me = actor.user()?.clone();
    let kind = DocumentKind::parse(kind).map_err(|p| Error::field("kind", p))?;
    let content_type = attachment_type(bytes).map_err(|p| Error::field("file", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let i = load_managed(&mut tx, actor, id).await?;
    if !i.status.editable() {
        return Err(Error::WrongState("internship.not_editable".into()));
    }
    let d = Document {
        id: InternshipFileId::new(),
        internship_id: id,
        kind,
        file_name: attachment_name(name),
        content_type: content_type.to_string(),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: hex::encode(Sha256::digest(bytes)),
        uploaded_at: now,
    };
    store::insert_document(&mut tx, &d, bytes, &me.login).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.attach",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(null),
        json!(d),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(d)
}

/// A document of an internship the actor may see, with its bytes.
pub async fn document(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    file: InternshipFileId,
) -> Result<(Document, Vec<u8>)> {
    let mut conn = app.db.read().await?;
    load(&mut conn, actor, id).await?;
    store::document(&mut conn, file)
        .await?
        .filter(|(d, _)| d.internship_id == id)
        .ok_or(Error::NotFound("file"))
}

// ------------------------------------------------------------ reading

/// An internship with everything its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct InternshipView {
    /// The internship.
    pub internship: Internship,
    /// How the actor stands to it.
    pub standing: Standing,
    /// The trainee's masked name.
    pub trainee_name: String,
    /// The trainee's student number.
    pub student_no: String,
    /// The school's name.
    pub school_name: String,
    /// The host's name.
    pub host_name: String,
    /// Attached documents.
    pub documents: Vec<Document>,
    /// The rule check now (while it may still start; empty afterwards).
    pub check: Vec<RuleFailure>,
    /// Recorded overrides.
    pub overrides: Vec<Override>,
    /// The weekly log.
    pub logs: Vec<LogEntry>,
    /// Ended weeks of the period without an entry (Mondays), while in progress or finished.
    pub missing_weeks: Vec<String>,
    /// Supervisors' visits.
    pub visits: Vec<Visit>,
}

async fn org_name(conn: &mut Connection, id: gongjiang_domain::ids::OrgId) -> Result<String> {
    Ok(gongjiang_store::members::get_org(conn, id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

/// One internship the actor may see, with its documents, check, log and visits.
pub async fn get(app: &App, actor: &Actor, id: InternshipId) -> Result<InternshipView> {
    let today = app.now().date_cst();
    let mut conn = app.db.read().await?;
    let (i, standing) = load(&mut conn, actor, id).await?;
    let t = trainee(&mut conn, i.fields.trainee_id).await?;
    let check = if i.status.editable() {
        rules::check(&facts(&mut conn, &i).await?, &app.settings.internship_rules)
    } else {
        Vec::new()
    };
    let logs = store::logs(&mut conn, id).await?;
    let missing_weeks = match (
        i.status,
        date_field(&i.fields.start_on),
        date_field(&i.fields.end_on),
    ) {
        (InternshipStatus::InProgress | InternshipStatus::Finished, Ok(s), Ok(e)) => {
            let logged: Vec<_> = logs
                .iter()
                .filter_map(|l| date_field(&l.week_of).ok())
                .collect();
            rules::missing_weeks(s, e, today, &logged)
                .into_iter()
                .map(gongjiang_domain::demand::iso)
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(InternshipView {
        standing,
        trainee_name: t.name_masked.clone(),
        student_no: t.student_no.clone(),
        school_name: org_name(&mut conn, i.school_org_id).await?,
        host_name: org_name(&mut conn, i.fields.host_org_id).await?,
        documents: store::documents(&mut conn, id).await?,
        check,
        overrides: store::overrides(&mut conn, id).await?,
        logs,
        missing_weeks,
        visits: store::visits(&mut conn, id).await?,
        internship: i,
    })
}

/// An internship as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// The internship.
    pub internship: Internship,
    /// The trainee's masked name.
    pub trainee_name: String,
    /// The host's name.
    pub host_name: String,
}

/// The internships the actor may see: the school's trainees' (school staff),
/// those at the enterprise (host staff), the trainee's own, or all (secretariat).
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Listed>> {
    let me = actor.user()?.clone();
    let mut conn = app.db.read().await?;
    let all = if let Some(own) = own_trainee(&mut conn, actor).await? {
        store::internships_of_trainee(&mut conn, own).await?
    } else if actor.may(Permission::OverrideInternshipRules) {
        store::internships(&mut conn, None, None).await?
    } else if me.role == Role::Trainee {
        Vec::new()
    } else {
        // As the trainees' school, then as the host; a unit hosting its own trainees appears once.
        let mut v = store::internships(&mut conn, Some(me.org_id), None).await?;
        for i in store::internships(&mut conn, None, Some(me.org_id)).await? {
            if !v.iter().any(|seen| seen.id == i.id) {
                v.push(i);
            }
        }
        v
    };
    let mut out = Vec::with_capacity(all.len());
    for i in all {
        if standing(&mut conn, actor, &i).await?.is_none() {
            continue;
        }
        let t = trainee(&mut conn, i.fields.trainee_id).await?;
        out.push(Listed {
            trainee_name: t.name_masked,
            host_name: org_name(&mut conn, i.fields.host_org_id).await?,
            internship: i,
        });
    }
    Ok(out)
}

/// A trainee's internships, newest first, for those who may see the trainee
/// (staff of the school, the secretariat, the trainee).
pub async fn internships_of_trainee(
    app: &App,
    actor: &Actor,
    trainee_id: TraineeId,
) -> Result<Vec<Internship>> {
    let mut conn = app.db.read().await?;
    let t = trainee(&mut conn, trainee_id).await?;
    let own = own_trainee(&mut conn, actor).await? == Some(t.id);
    if !own && !actor.may(Permission::ViewTrainees(t.org_id)) {
        return Err(Error::NotFound("trainee"));
    }
    Ok(store::internships_of_trainee(&mut conn, trainee_id).await?)
}

/// Whether a trainee has interned: an internship in progress or finished (for funnels).
pub async fn has_interned(app: &App, actor: &Actor, trainee_id: TraineeId) -> Result<bool> {
    Ok(internships_of_trainee(app, actor, trainee_id)
        .await?
        .iter()
        .any(Internship::counts_as_interned))
}

// ------------------------------------------------------------ the log and visits

/// The trainee writes (or, while not confirmed, rewrites) the entry for a week of an internship in progress.
pub async fn write_log(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    week: &str,
    content: &str,
) -> Result<LogEntry> {
    let me = actor.user()?.clone();
    let week = rules::week_field(week).map_err(|p| Error::field("week_of", p))?;
    let content = rules::log_content(content).map_err(|p| Error::field("content", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let (i, standing) = load(&mut tx, actor, id).await?;
    if standing != Standing::Trainee {
        return Err(Error::Forbidden);
    }
    actor.require(Permission::WriteInternshipLog(i.school_org_id))?;
    if i.status != InternshipStatus::InProgress {
        return Err(Error::WrongState("internship.not_in_progress".into()));
    }
    let start = date_field(&i.fields.start_on).map_err(|_| Error::Internal("bad start".into()))?;
    let end = date_field(&i.fields.end_on).map_err(|_| Error::Internal("bad end".into()))?;
    if week > end || week < rules::week_of(start) || week > now.date_cst() {
        return Err(Error::field(
            "week_of",
            Problem::Rule {
                key: "week_outside_period",
            },
        ));
    }
    let week_text = gongjiang_domain::demand::iso(week);
    let existing = store::logs(&mut tx, id)
        .await?
        .into_iter()
        .find(|l| l.week_of == week_text);
    if existing
        .as_ref()
        .is_some_and(|l| l.status == LogStatus::Confirmed)
    {
        return Err(Error::WrongState("internship.log_confirmed".into()));
    }
    let entry = LogEntry {
        id: existing
            .as_ref()
            .map(|l| l.id)
            .unwrap_or_else(LogEntryId::new),
        internship_id: id,
        week_of: week_text,
        content,
        status: LogStatus::Submitted,
        comment: existing
            .as_ref()
            .map(|l| l.comment.clone())
            .unwrap_or_default(),
        written_by: me.login.clone(),
        written_at: now,
        reviewed_by: String::new(),
        reviewed_at: None,
    };
    store::save_log(&mut tx, &entry).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.log",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(existing),
        json!(entry),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(entry)
}

/// The host's staff confirm an entry, or query it with a comment.
pub async fn review_log(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    entry: LogEntryId,
    confirm: bool,
    comment: &str,
) -> Result<LogEntry> {
    let me = actor.user()?.clone();
    let comment = text_field(comment, if confirm { 0 } else { 2 }, 1000)
        .map_err(|p| Error::field("comment", p))?;
    let mut tx = app.db.write().await?;
    let (i, standing) = load(&mut tx, actor, id).await?;
    if standing != Standing::Host {
        return Err(Error::Forbidden);
    }
    let before = store::get_log(&mut tx, entry)
        .await?
        .filter(|l| l.internship_id == id)
        .ok_or(Error::NotFound("log"))?;
    if before.status != LogStatus::Submitted {
        return Err(Error::WrongState("internship.log_reviewed".into()));
    }
    let after = LogEntry {
        status: if confirm {
            LogStatus::Confirmed
        } else {
            LogStatus::Queried
        },
        comment,
        reviewed_by: me.login.clone(),
        reviewed_at: Some(app.now()),
        ..before.clone()
    };
    store::save_log(&mut tx, &after).await?;
    record(
        &mut tx,
        app,
        actor,
        if confirm {
            "internship.log_confirm"
        } else {
            "internship.log_query"
        },
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(before),
        json!(after),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(after)
}

/// School staff record a supervisor's visit to an intern.
pub async fn record_visit(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    visited_on: &str,
    note: &str,
) -> Result<Visit> {
    let me = actor.user()?.clone();
    let today = app.now().date_cst();
    let mut errors = FieldErrors::new();
    let date = errors.check("visited_on", date_field(visited_on));
    if date.is_some_and(|d| d > today) {
        errors.push("visited_on", Problem::DateInFuture);
    }
    let note = errors.check("note", text_field(note, 2, 2000));
    errors.into_result()?;
    let (Some(date), Some(note)) = (date, note) else {
        return Err(Error::Internal("validated visit".into()));
    };
    let mut tx = app.db.write().await?;
    let i = load_managed(&mut tx, actor, id).await?;
    let v = Visit {
        id: VisitId::new(),
        internship_id: id,
        visited_on: gongjiang_domain::demand::iso(date),
        note,
        recorded_by: me.login.clone(),
    };
    store::insert_visit(&mut tx, &v, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.visit",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(null),
        json!(v),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(v)
}
