//! A major's work-study structure: its work tasks, the courses under them and
//! their learning tasks, kept by the major's school.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::ids::{CourseId, LearningTaskId, MajorId, WorkTaskId};
use gongjiang_domain::training::{Course, LearningTask, StructureInput, WorkTask};
use gongjiang_store::Connection;
use gongjiang_store::training::{self as store};
use serde::Serialize;
use serde_json::json;

/// A major's work-study structure: work tasks, each with its courses, each with its learning tasks.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Structure {
    /// The major.
    pub major: gongjiang_domain::supply::Major,
    /// Its work tasks in order.
    pub tasks: Vec<TaskNode>,
}

/// A work task with its courses.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TaskNode {
    /// The work task.
    #[serde(flatten)]
    pub task: WorkTask,
    /// Its courses.
    pub courses: Vec<CourseNode>,
}

/// A course with its learning tasks.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CourseNode {
    /// The course.
    #[serde(flatten)]
    pub course: Course,
    /// Its learning tasks.
    pub learning_tasks: Vec<LearningTask>,
    /// Planned hours of its learning tasks together.
    pub planned_hours: i64,
}

pub(super) async fn major(
    conn: &mut Connection,
    id: MajorId,
) -> Result<gongjiang_domain::supply::Major> {
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
