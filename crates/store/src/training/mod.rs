//! Training: a major's work-study structure and trainees' learning records
//! (here), internships with their files and overrides (`internships`), and
//! their weekly logs and visits (`logs`).

use crate::error::{Result, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{CourseId, LearningTaskId, MajorId, TraineeId, WorkTaskId};
use gongjiang_domain::training::{
    Course, LearningPlace, LearningRecord, LearningTask, StructureFields, WorkTask,
};
use sqlx::{AnyConnection, Row, any::AnyRow};

mod internships;
mod logs;

pub use internships::*;
pub use logs::*;

// ------------------------------------------------------------ structure

fn structure(r: &AnyRow, with_hours: bool) -> Result<StructureFields> {
    Ok(StructureFields {
        seq: r.try_get("seq")?,
        name: r.try_get("name")?,
        hours: if with_hours { r.try_get("hours")? } else { 0 },
        description: r.try_get("description")?,
    })
}

/// Inserts or updates a work task.
pub async fn save_work_task(conn: &mut AnyConnection, t: &WorkTask, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO work_tasks (id, org_id, major_id, seq, name, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name, description = excluded.description, \
         updated_at = excluded.updated_at",
    )
    .bind(t.id.to_string())
    .bind(t.org_id.to_string())
    .bind(t.major_id.to_string())
    .bind(t.fields.seq)
    .bind(&t.fields.name)
    .bind(&t.fields.description)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn work_task_from(r: &AnyRow) -> Result<WorkTask> {
    Ok(WorkTask {
        id: decode_id("work_tasks", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("work_tasks", &r.try_get::<String, _>("org_id")?)?,
        major_id: decode_id("work_tasks", &r.try_get::<String, _>("major_id")?)?,
        fields: structure(r, false)?,
    })
}

/// One work task.
pub async fn get_work_task(conn: &mut AnyConnection, id: WorkTaskId) -> Result<Option<WorkTask>> {
    let row = sqlx::query(
        "SELECT id, org_id, major_id, seq, name, description FROM work_tasks WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(work_task_from).transpose()
}

/// The work tasks of a major, in order.
pub async fn work_tasks(conn: &mut AnyConnection, major: MajorId) -> Result<Vec<WorkTask>> {
    let rows = sqlx::query(
        "SELECT id, org_id, major_id, seq, name, description FROM work_tasks WHERE major_id = $1 ORDER BY seq, id",
    )
    .bind(major.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(work_task_from).collect()
}

/// Inserts or updates a course.
pub async fn save_course(conn: &mut AnyConnection, c: &Course, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO courses (id, work_task_id, seq, name, hours, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name, hours = excluded.hours, \
         description = excluded.description, updated_at = excluded.updated_at",
    )
    .bind(c.id.to_string())
    .bind(c.work_task_id.to_string())
    .bind(c.fields.seq)
    .bind(&c.fields.name)
    .bind(c.fields.hours)
    .bind(&c.fields.description)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn course_from(r: &AnyRow) -> Result<Course> {
    Ok(Course {
        id: decode_id("courses", &r.try_get::<String, _>("id")?)?,
        work_task_id: decode_id("courses", &r.try_get::<String, _>("work_task_id")?)?,
        fields: structure(r, true)?,
    })
}

/// One course.
pub async fn get_course(conn: &mut AnyConnection, id: CourseId) -> Result<Option<Course>> {
    let row = sqlx::query(
        "SELECT id, work_task_id, seq, name, hours, description FROM courses WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(course_from).transpose()
}

/// The courses of a major's work tasks.
pub async fn courses_of_major(conn: &mut AnyConnection, major: MajorId) -> Result<Vec<Course>> {
    let rows = sqlx::query(
        "SELECT c.id, c.work_task_id, c.seq, c.name, c.hours, c.description FROM courses c \
         JOIN work_tasks w ON w.id = c.work_task_id WHERE w.major_id = $1 ORDER BY c.seq, c.id",
    )
    .bind(major.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(course_from).collect()
}

/// Inserts or updates a learning task.
pub async fn save_learning_task(
    conn: &mut AnyConnection,
    t: &LearningTask,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO learning_tasks (id, course_id, seq, name, hours, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name, hours = excluded.hours, \
         description = excluded.description, updated_at = excluded.updated_at",
    )
    .bind(t.id.to_string())
    .bind(t.course_id.to_string())
    .bind(t.fields.seq)
    .bind(&t.fields.name)
    .bind(t.fields.hours)
    .bind(&t.fields.description)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn learning_task_from(r: &AnyRow) -> Result<LearningTask> {
    Ok(LearningTask {
        id: decode_id("learning_tasks", &r.try_get::<String, _>("id")?)?,
        course_id: decode_id("learning_tasks", &r.try_get::<String, _>("course_id")?)?,
        fields: structure(r, true)?,
    })
}

/// One learning task with the major it belongs to.
pub async fn get_learning_task(
    conn: &mut AnyConnection,
    id: LearningTaskId,
) -> Result<Option<(LearningTask, MajorId)>> {
    let row = sqlx::query(
        "SELECT t.id, t.course_id, t.seq, t.name, t.hours, t.description, w.major_id FROM learning_tasks t \
         JOIN courses c ON c.id = t.course_id JOIN work_tasks w ON w.id = c.work_task_id WHERE t.id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    match row {
        Some(r) => Ok(Some((
            learning_task_from(&r)?,
            decode_id("work_tasks", &r.try_get::<String, _>("major_id")?)?,
        ))),
        None => Ok(None),
    }
}

/// The learning tasks of a major's courses.
pub async fn learning_tasks_of_major(
    conn: &mut AnyConnection,
    major: MajorId,
) -> Result<Vec<LearningTask>> {
    let rows = sqlx::query(
        "SELECT t.id, t.course_id, t.seq, t.name, t.hours, t.description FROM learning_tasks t \
         JOIN courses c ON c.id = t.course_id JOIN work_tasks w ON w.id = c.work_task_id \
         WHERE w.major_id = $1 ORDER BY t.seq, t.id",
    )
    .bind(major.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(learning_task_from).collect()
}

// ------------------------------------------------------------ learning records

/// Stores a completed learning task.
pub async fn insert_learning_record(
    conn: &mut AnyConnection,
    r: &LearningRecord,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO learning_records (id, trainee_id, learning_task_id, hours, place, assessor, completed_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(r.id.to_string())
    .bind(r.trainee_id.to_string())
    .bind(r.learning_task_id.to_string())
    .bind(r.hours)
    .bind(r.place.as_str())
    .bind(&r.assessor)
    .bind(&r.completed_on)
    .bind(&r.recorded_by)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// A trainee's learning records, newest first, with task and course names.
pub async fn learning_records(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<LearningRecord>> {
    let rows = sqlx::query(
        "SELECT r.id, r.trainee_id, r.learning_task_id, r.hours, r.place, r.assessor, r.completed_on, r.recorded_by, \
         t.name AS task_name, c.name AS course_name FROM learning_records r \
         JOIN learning_tasks t ON t.id = r.learning_task_id JOIN courses c ON c.id = t.course_id \
         WHERE r.trainee_id = $1 ORDER BY r.completed_on DESC, r.id DESC",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(LearningRecord {
                id: decode_id("learning_records", &r.try_get::<String, _>("id")?)?,
                trainee_id: decode_id("learning_records", &r.try_get::<String, _>("trainee_id")?)?,
                learning_task_id: decode_id(
                    "learning_records",
                    &r.try_get::<String, _>("learning_task_id")?,
                )?,
                task_name: r.try_get("task_name")?,
                course_name: r.try_get("course_name")?,
                hours: r.try_get("hours")?,
                place: decode(
                    "learning_records",
                    &r.try_get::<String, _>("place")?,
                    LearningPlace::parse,
                )?,
                assessor: r.try_get("assessor")?,
                completed_on: r.try_get("completed_on")?,
                recorded_by: r.try_get("recorded_by")?,
            })
        })
        .collect()
}
