//! Training (培养): the work-study structure of a major (工学一体化: typical
//! work tasks → integrated courses → learning tasks), trainees' completed
//! learning tasks, and internships (实习) with their weekly logs.
//!
//! The heart of this module is [`check`]: the internship rules INT-01…INT-14
//! of reference §9.1 as one pure function over plain facts, returning every
//! failure (rule id, what is wrong, hard or soft). Thresholds come from
//! [`InternshipRules`], which the configuration fills in.
//!
//! The files follow the data flow: the structure a school teaches
//! (`structure`), what trainees completed (`learning`), an internship as
//! typed (`input`) and stored (`internships`), the rules' inputs and answers
//! (`rules`) and the check itself (`check`), the weekly log (`logs`), and
//! where an internship and its log entries stand (`statuses`).

mod check;
mod input;
mod internships;
mod learning;
mod logs;
mod rules;
mod statuses;
mod structure;

pub use check::check;
pub use input::{InternshipFields, InternshipInput};
pub use internships::{
    DocumentKind, Hazard, Internship, InternshipKind, Override, PremiumPayer, SpecialtyRelation,
};
pub use learning::{LearningPlace, LearningRecord, LearningRecordFields, LearningRecordInput};
pub use logs::{LogEntry, LogRevision, Visit, log_content, missing_weeks, week_field, week_of};
pub use rules::{Facts, InternshipRules, RuleFailure, Severity, months_between};
pub use statuses::{InternshipStatus, LogStatus};
pub use structure::{Course, LearningTask, StructureFields, StructureInput, WorkTask};
