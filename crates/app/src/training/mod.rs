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

mod access;
mod documents;
mod internships;
mod learning;
mod logs;
mod rules;
mod structure;

pub use access::Standing;
pub use documents::{attach, document};
pub use gongjiang_store::training::Document;
pub use internships::{
    InternshipView, Listed, create_internship, get, has_interned, internships_of_trainee,
    list_page, update_internship,
};
pub use learning::{LearningForm, learning_form, learning_records_of_trainee, record_learning};
pub use logs::{WorkQueue, record_visit, review_log, revise_log, work_queue, write_log};
pub use rules::{StartOutcome, check, override_start, set_status, start};
pub use structure::{
    CourseNode, Structure, TaskNode, add_course, add_learning_task, add_work_task, major_of_course,
    major_of_work_task, structure, update_course, update_learning_task, update_work_task,
};
