//! Learning records: a trainee's completed learning tasks, as typed,
//! validated and listed.

use crate::demand::{date_field, integer_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::TraineeId;
use crate::members::{name_field, string_enum};
use serde::Serialize;
use time::Date;

string_enum!(
    /// Where a learning task was done.
    LearningPlace {
        /// 学校 (school workshop, training base).
        School = "school",
        /// 企业.
        Enterprise = "enterprise",
    }
);

/// A completed learning task as typed.
#[derive(Debug, Clone, Default)]
pub struct LearningRecordInput {
    /// `learning_task_id`.
    pub learning_task_id: String,
    /// `hours` actually spent.
    pub hours: String,
    /// `place`: `school` or `enterprise`.
    pub place: String,
    /// `assessor`: the teacher's or enterprise supervisor's name.
    pub assessor: String,
    /// `completed_on`.
    pub completed_on: String,
}

/// Validated learning record fields (the task is checked against the trainee's major by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct LearningRecordFields {
    /// The learning task.
    pub learning_task_id: crate::ids::LearningTaskId,
    /// Hours.
    pub hours: i64,
    /// Place.
    pub place: LearningPlace,
    /// Assessor's name.
    pub assessor: String,
    /// Completion date `YYYY-MM-DD`.
    pub completed_on: String,
}

impl LearningRecordInput {
    /// Validates every field; the date may not be after `today`.
    pub fn validate(&self, today: Date) -> Result<LearningRecordFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let task = e.check(
            "learning_task_id",
            self.learning_task_id
                .trim()
                .parse()
                .map_err(|_| Problem::InvalidChoice),
        );
        let hours = e.check("hours", integer_field(&self.hours, 1, 2000));
        let place = e.check("place", LearningPlace::parse(&self.place));
        let assessor = e.check("assessor", name_field(&self.assessor, 2, 40));
        let completed = e.check("completed_on", date_field(&self.completed_on));
        if completed.is_some_and(|d| d > today) {
            e.push("completed_on", Problem::DateInFuture);
        }
        match (task, hours, place, assessor, completed) {
            (Some(learning_task_id), Some(hours), Some(place), Some(assessor), Some(d))
                if e.is_empty() =>
            {
                Ok(LearningRecordFields {
                    learning_task_id,
                    hours,
                    place,
                    assessor,
                    completed_on: iso(d),
                })
            }
            _ => Err(e),
        }
    }
}

/// A trainee's completed learning task as stored and listed.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LearningRecord {
    /// Id.
    pub id: crate::ids::LearningRecordId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The learning task.
    pub learning_task_id: crate::ids::LearningTaskId,
    /// The learning task's name (for lists).
    pub task_name: String,
    /// The course's name (for lists).
    pub course_name: String,
    /// Hours.
    pub hours: i64,
    /// Place.
    pub place: LearningPlace,
    /// Assessor.
    pub assessor: String,
    /// Date.
    pub completed_on: String,
    /// Who recorded it (login).
    pub recorded_by: String,
}
