//! Learning records: school staff record the learning tasks their trainees
//! complete, and the form and lists that read them.

use super::structure::major;
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::Problem;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{LearningRecordId, TraineeId};
use gongjiang_domain::supply::Trainee;
use gongjiang_domain::training::{LearningRecord, LearningRecordInput, LearningTask};
use gongjiang_store::Connection;
use gongjiang_store::training::{self as store};
use serde_json::json;

pub(super) async fn trainee(conn: &mut Connection, id: TraineeId) -> Result<Trainee> {
    gongjiang_store::supply::get_trainee(conn, id)
        .await?
        .ok_or(Error::NotFound("trainee"))
}

/// The trainee record linked to the acting trainee account, if any.
pub(super) async fn own_trainee(conn: &mut Connection, actor: &Actor) -> Result<Option<TraineeId>> {
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
