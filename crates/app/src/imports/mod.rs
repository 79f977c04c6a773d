//! All-or-nothing imports with a row-by-row report.
//!
//! The file layer (xlsx or CSV) turns a file into [`Row`]s of text keyed by
//! column; here every row is validated with the same rules as a form, checked
//! against the file's other rows and the database, and only when no row has a
//! problem is everything written — in one transaction, with one audit entry.
//! Rows are matched by natural key (a trainee's ID number), so importing the
//! same file twice updates rather than duplicates.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::Error;
use crate::policy::Permission;
use crate::supply::seal_trainee;
use gongjiang_domain::ids::TraineeId;
use gongjiang_domain::supply::TraineeInput;
use gongjiang_domain::{FieldError, Problem};
use std::collections::HashMap;

/// One data row of an imported file.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The row number the user sees in their spreadsheet.
    pub line: usize,
    /// Cell text by column key (`id_number`).
    pub cells: HashMap<String, String>,
}

impl Row {
    pub(crate) fn get(&self, key: &str) -> String {
        self.cells.get(key).cloned().unwrap_or_default()
    }
}

/// A problem in one cell of one row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowProblem {
    /// The spreadsheet row.
    pub line: usize,
    /// The problem, with its column key.
    pub error: FieldError,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Outcome {
    /// Rows that created a record.
    pub created: usize,
    /// Rows that updated an existing record (same natural key).
    pub updated: usize,
}

/// Why an import stored nothing.
#[derive(Debug)]
pub enum Refusal {
    /// One or more rows have problems; nothing was stored.
    Rows(Vec<RowProblem>),
    /// Another error (permission, database).
    Other(Error),
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Refusal::Other(e)
    }
}

impl From<gongjiang_store::Error> for Refusal {
    fn from(e: gongjiang_store::Error) -> Self {
        Refusal::Other(e.into())
    }
}

pub mod school;
pub mod sheets;
pub use sheets::*;

use crate::progress::Progress;
use gongjiang_sheets::SheetSpec;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A school's majors.
    Majors,
    /// A school's cohorts.
    Cohorts,
    /// A school's teachers.
    Teachers,
    /// A school's trainees.
    Trainees,
}

impl Kind {
    /// Every kind, in the order pages list them.
    pub const ALL: &'static [Kind] = &[Kind::Majors, Kind::Cohorts, Kind::Teachers, Kind::Trainees];

    /// The name used in URLs and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Majors => "majors",
            Kind::Cohorts => "cohorts",
            Kind::Teachers => "teachers",
            Kind::Trainees => "trainees",
        }
    }

    /// The kind named `text`.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == text)
    }

    /// The sheet a file of this kind follows.
    pub fn sheet(self) -> &'static SheetSpec {
        match self {
            Kind::Majors => &MAJOR_SHEET,
            Kind::Cohorts => &COHORT_SHEET,
            Kind::Teachers => &TEACHER_SHEET,
            Kind::Trainees => &TRAINEE_SHEET,
        }
    }
}

/// Imports `rows` of `kind`, all or nothing, reporting progress.
pub async fn run(
    app: &App,
    actor: &Actor,
    kind: Kind,
    rows: &[Row],
    progress: &Progress,
) -> std::result::Result<Outcome, Refusal> {
    match kind {
        Kind::Majors => school::majors(app, actor, rows, progress).await,
        Kind::Cohorts => school::cohorts(app, actor, rows, progress).await,
        Kind::Teachers => school::teachers(app, actor, rows, progress).await,
        Kind::Trainees => trainees_with_progress(app, actor, rows, progress).await,
    }
}

/// Imports trainees into the actor's school.
pub async fn trainees(
    app: &App,
    actor: &Actor,
    rows: &[Row],
) -> std::result::Result<Outcome, Refusal> {
    trainees_with_progress(app, actor, rows, &Progress::new()).await
}

/// Imports trainees into the actor's school, reporting progress.
pub async fn trainees_with_progress(
    app: &App,
    actor: &Actor,
    rows: &[Row],
    progress: &Progress,
) -> std::result::Result<Outcome, Refusal> {
    let me = actor
        .require(Permission::ManageSupply(actor.user()?.org_id))?
        .clone();
    let now = app.now();
    let today = now.date_cst();
    let mut problems = Vec::new();
    let mut tx = app.db.write().await?;
    let school = gongjiang_store::members::get_org(&mut tx, me.org_id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    if !school.kind.is_school() {
        return Err(Refusal::Other(Error::WrongState(
            "only schools import trainees".into(),
        )));
    }
    let cohorts = gongjiang_store::supply::cohorts(&mut tx, Some(me.org_id)).await?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut valid = Vec::with_capacity(rows.len());
    progress.stage("validate", rows.len() as u64);
    for row in rows {
        progress.advance(1);
        let cohort_name = row.get("cohort");
        let cohort_id = if cohort_name.trim().is_empty() {
            String::new()
        } else {
            match cohorts.iter().find(|c| c.name == cohort_name.trim()) {
                Some(c) => c.id.to_string(),
                None => {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new("cohort", Problem::InvalidChoice),
                    });
                    String::new()
                }
            }
        };
        let input = TraineeInput {
            name: row.get("name"),
            id_number: row.get("id_number"),
            phone: row.get("phone"),
            student_no: row.get("student_no"),
            cohort_id,
            status: status_from_label(&row.get("status")),
            consent_purpose: row.get("consent_purpose"),
        };
        match input.validate(today) {
            Ok(fields) => {
                let index = app.vault.index("id_number", fields.id_number.as_str());
                if seen.insert(index.clone(), row.line).is_some() {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new(
                            "id_number",
                            Problem::Rule {
                                key: "duplicate_in_file",
                            },
                        ),
                    });
                    continue;
                }
                valid.push((row.line, fields, index));
            }
            Err(errors) => {
                for e in errors.0 {
                    let field = if e.field == "cohort_id" {
                        "cohort".to_string()
                    } else {
                        e.field
                    };
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new(field, e.problem),
                    });
                }
            }
        }
    }
    // An ID number that belongs to another school's trainee cannot be imported here.
    let mut outcome = Outcome::default();
    let mut writes = Vec::with_capacity(valid.len());
    progress.stage("check", valid.len() as u64);
    for (line, fields, index) in valid {
        progress.advance(1);
        let existing = gongjiang_store::supply::trainee_by_index(&mut tx, &index).await?;
        match existing {
            Some(t) if t.org_id != me.org_id => {
                problems.push(RowProblem {
                    line,
                    error: FieldError::new("id_number", Problem::AlreadyTaken),
                });
            }
            Some(t) => writes.push((t.id, t.created_at, fields, index, true)),
            None => writes.push((TraineeId::new(), now, fields, index, false)),
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(Refusal::Rows(problems));
    }
    progress.stage("store", writes.len() as u64);
    for (id, created_at, fields, index, update) in &writes {
        progress.advance(1);
        let (trainee, _) = seal_trainee(app, *id, me.org_id, fields, &me.login, now, *created_at);
        gongjiang_store::supply::save_trainee(&mut tx, &trainee, index, now).await?;
        if *update {
            outcome.updated += 1;
        } else {
            outcome.created += 1;
        }
    }
    record(
        &mut tx,
        app,
        actor,
        "trainee.import",
        "school",
        &me.org_id.to_string(),
        Some(me.org_id.to_string()),
        serde_json::Value::Null,
        serde_json::json!({"created": outcome.created, "updated": outcome.updated}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(outcome)
}

/// Accepts the stored value or the Chinese label of a trainee status.
fn status_from_label(text: &str) -> String {
    match text.trim() {
        "在读" => "enrolled".into(),
        "实习中" => "interning".into(),
        "毕业" => "graduated".into(),
        "已就业" => "employed".into(),
        "离校" => "left".into(),
        other => other.to_string(),
    }
}
