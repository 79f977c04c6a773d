//! The work-study structure of a major (工学一体化): typical work tasks →
//! integrated courses → learning tasks, as typed and as stored.

use crate::demand::integer_field;
use crate::error::FieldErrors;
use crate::ids::{CourseId, OrgId, WorkTaskId};
use crate::members::{name_field, text_field};
use serde::Serialize;

/// A typical work task, an integrated course or a learning task as typed.
#[derive(Debug, Clone, Default)]
pub struct StructureInput {
    /// `seq`: position among its siblings (1, 2, …).
    pub seq: String,
    /// `name`.
    pub name: String,
    /// `hours`: planned hours (courses and learning tasks; ignored for work tasks).
    pub hours: String,
    /// `description` (work process, scenario, deliverables …).
    pub description: String,
}

/// Validated fields of a structure item.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StructureFields {
    /// Position among siblings.
    pub seq: i64,
    /// Name.
    pub name: String,
    /// Planned hours (0 for a work task).
    pub hours: i64,
    /// Description.
    pub description: String,
}

impl StructureInput {
    /// Validates; `with_hours` requires planned hours (courses, learning tasks).
    pub fn validate(&self, with_hours: bool) -> Result<StructureFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let seq = if self.seq.trim().is_empty() {
            Some(1)
        } else {
            e.check("seq", integer_field(&self.seq, 1, 999))
        };
        let name = e.check("name", name_field(&self.name, 2, 100));
        let hours = if with_hours {
            e.check("hours", integer_field(&self.hours, 1, 2000))
        } else {
            Some(0)
        };
        let description = e.check("description", text_field(&self.description, 0, 2000));
        match (seq, name, hours, description) {
            (Some(seq), Some(name), Some(hours), Some(description)) if e.is_empty() => {
                Ok(StructureFields {
                    seq,
                    name,
                    hours,
                    description,
                })
            }
            _ => Err(e),
        }
    }
}

/// A typical work task (典型工作任务) of a major.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WorkTask {
    /// Id.
    pub id: WorkTaskId,
    /// The school.
    pub org_id: OrgId,
    /// The major.
    pub major_id: crate::ids::MajorId,
    /// Fields.
    #[serde(flatten)]
    pub fields: StructureFields,
}

/// An integrated course (一体化课程) taught from a work task.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Course {
    /// Id.
    pub id: CourseId,
    /// The work task.
    pub work_task_id: WorkTaskId,
    /// Fields (hours: the course's planned hours).
    #[serde(flatten)]
    pub fields: StructureFields,
}

/// A learning task (学习任务) of a course.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LearningTask {
    /// Id.
    pub id: crate::ids::LearningTaskId,
    /// The course.
    pub course_id: CourseId,
    /// Fields (hours: planned hours).
    #[serde(flatten)]
    pub fields: StructureFields,
}
