//! All-or-nothing imports with a row-by-row report.
//!
//! The file layer (xlsx or CSV) turns a file into [`Row`]s of text keyed by
//! column; here every row is validated with the same rules as a form, checked
//! against the file's other rows and the database, and only when no row has a
//! problem is everything written — in one transaction, with one audit entry.
//! Rows are matched by natural key (a trainee's ID number), so importing the
//! same file twice updates rather than duplicates.
//!
//! A cell the file layer could not read (a formula, a number in an ID column,
//! a value not in the dropdown) arrives blank and named in [`Row::unreadable`]:
//! the rules still run on the rest of the row, so the file layer's problems
//! and the rules' problems come back together and a user fixes the file once.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::Error;
use crate::policy::Permission;
use crate::supply::seal_trainee;
use gongjiang_domain::ids::{OrgId, TraineeId};
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
    /// Columns whose cell the file layer refused (its own problem is reported
    /// by the caller); their text is blank and the import stores nothing.
    pub unreadable: Vec<String>,
}

impl Row {
    pub(crate) fn get(&self, key: &str) -> String {
        self.cells.get(key).cloned().unwrap_or_default()
    }

    /// Whether the file layer refused this column's cell.
    pub fn is_unreadable(&self, key: &str) -> bool {
        self.unreadable.iter().any(|k| k == key)
    }
}

/// Refuses the import when any row has a problem or an unreadable cell.
/// A rule's problem with a cell the file layer already refused is left out:
/// that cell's own problem says what to fix.
pub(crate) fn refuse_if_any(
    mut problems: Vec<RowProblem>,
    rows: &[Row],
) -> std::result::Result<(), Refusal> {
    let unreadable: HashMap<usize, &Row> = rows
        .iter()
        .filter(|r| !r.unreadable.is_empty())
        .map(|r| (r.line, r))
        .collect();
    problems.retain(|p| {
        unreadable
            .get(&p.line)
            .is_none_or(|r| !r.is_unreadable(&p.error.field))
    });
    if problems.is_empty() && unreadable.is_empty() {
        Ok(())
    } else {
        problems.sort_by_key(|p| p.line);
        Err(Refusal::Rows(problems))
    }
}

/// A problem in one cell of one row.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct RowProblem {
    /// The spreadsheet row.
    pub line: usize,
    /// The problem, with its column key.
    pub error: FieldError,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// Rows that created a record.
    pub created: usize,
    /// Rows that updated an existing record (same natural key).
    pub updated: usize,
}

/// Why an import stored nothing.
#[derive(Debug)]
pub enum Refusal {
    /// One or more rows have problems; nothing was stored. The list may be
    /// empty when only the file layer's cell problems refused the rows.
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

pub mod demand;
pub mod members;
pub mod school;
pub mod sheets;
pub use sheets::*;

use crate::progress::Progress;
use gongjiang_sheets::SheetSpec;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Member units (the secretariat).
    Organizations,
    /// An enterprise's talent demand.
    Demand,
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
    pub const ALL: &'static [Kind] = &[
        Kind::Organizations,
        Kind::Demand,
        Kind::Majors,
        Kind::Cohorts,
        Kind::Teachers,
        Kind::Trainees,
    ];

    /// The name used in URLs and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organizations => "organizations",
            Kind::Demand => "demand",
            Kind::Majors => "majors",
            Kind::Cohorts => "cohorts",
            Kind::Teachers => "teachers",
            Kind::Trainees => "trainees",
        }
    }

    /// A school's own list (majors, cohorts, teachers, trainees).
    pub fn is_school_list(self) -> bool {
        matches!(
            self,
            Kind::Majors | Kind::Cohorts | Kind::Teachers | Kind::Trainees
        )
    }

    /// The kind named `text`.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == text)
    }

    /// The sheet a file of this kind follows.
    pub fn sheet(self) -> &'static SheetSpec {
        match self {
            Kind::Organizations => &ORGANIZATION_SHEET,
            Kind::Demand => &DEMAND_SHEET,
            Kind::Majors => &MAJOR_SHEET,
            Kind::Cohorts => &COHORT_SHEET,
            Kind::Teachers => &TEACHER_SHEET,
            Kind::Trainees => &TRAINEE_SHEET,
        }
    }
}

/// Imports `rows` of `kind` into the acting unit, all or nothing, reporting progress.
pub async fn run(
    app: &App,
    actor: &Actor,
    kind: Kind,
    rows: &[Row],
    progress: &Progress,
) -> std::result::Result<Outcome, Refusal> {
    run_for(app, actor, kind, None, rows, progress).await
}

/// Imports `rows` of `kind` for the unit `org` (the acting unit when `None`),
/// all or nothing, reporting progress. Demand may be imported for another
/// enterprise only by whoever may manage that enterprise's demand (the
/// secretariat); a school's lists only by its own staff; member units only by
/// the secretariat, for the whole alliance (`org` is not used).
pub async fn run_for(
    app: &App,
    actor: &Actor,
    kind: Kind,
    org: Option<OrgId>,
    rows: &[Row],
    progress: &Progress,
) -> std::result::Result<Outcome, Refusal> {
    let own = actor.user()?.org_id;
    if kind.is_school_list() && org.is_some_and(|o| o != own) {
        return Err(Refusal::Other(Error::Forbidden));
    }
    match kind {
        Kind::Organizations => members::organizations(app, actor, rows, progress).await,
        Kind::Demand => demand::demand(app, actor, org, rows, progress).await,
        Kind::Majors => school::majors(app, actor, rows, progress).await,
        Kind::Cohorts => school::cohorts(app, actor, rows, progress).await,
        Kind::Teachers => school::teachers(app, actor, rows, progress).await,
        Kind::Trainees => trainees_with_progress(app, actor, rows, progress).await,
    }
}

/// Whether the actor may import `kind` (for `org`, the acting unit when
/// `None`): the same permission and unit-kind checks the import itself makes,
/// without reading a file. Pages use it to offer only the imports a user may
/// run, and to refuse an upload before starting a job for it.
pub async fn authorize(
    app: &App,
    actor: &Actor,
    kind: Kind,
    org: Option<OrgId>,
) -> crate::error::Result<()> {
    let me = actor.user()?;
    let target = org.unwrap_or(me.org_id);
    match kind {
        Kind::Organizations => {
            actor.require(Permission::ReviewApplications)?;
            actor.require(Permission::ManageMemberships)?;
            return Ok(());
        }
        Kind::Demand => actor.require(Permission::ManageDemand(target))?,
        _ if target != me.org_id => return Err(Error::Forbidden),
        _ => actor.require(Permission::ManageSupply(target))?,
    };
    let mut conn = app.db.read().await?;
    let unit = gongjiang_store::members::get_org(&mut conn, target)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    let fits = match kind {
        Kind::Demand => unit.kind == gongjiang_domain::members::OrgKind::Enterprise,
        _ => unit.kind.is_school(),
    };
    if fits {
        Ok(())
    } else {
        // An interface key: the web words it.
        Err(Error::WrongState("import.wrong_unit".into()))
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
    // The stored trainees are looked up a batch of indexes at a time.
    let mut outcome = Outcome::default();
    let mut writes = Vec::with_capacity(valid.len());
    let backend = app.db.backend();
    progress.stage("check", valid.len() as u64);
    for batch in valid.chunks(TRAINEE_BATCH) {
        let indexes: Vec<String> = batch.iter().map(|(_, _, index)| index.clone()).collect();
        let stored: HashMap<String, gongjiang_store::supply::IndexedTrainee> =
            gongjiang_store::supply::trainees_by_indexes(&mut tx, &indexes)
                .await?
                .into_iter()
                .map(|t| (t.id_index.clone(), t))
                .collect();
        for (line, fields, index) in batch {
            match stored.get(index) {
                Some(t) if t.org_id != me.org_id => {
                    problems.push(RowProblem {
                        line: *line,
                        error: FieldError::new("id_number", Problem::AlreadyTaken),
                    });
                }
                Some(t) => writes.push((t.id, t.created_at, fields, index, true)),
                None => writes.push((TraineeId::new(), now, fields, index, false)),
            }
        }
        progress.advance(batch.len() as u64);
    }
    refuse_if_any(problems, rows)?;
    progress.stage("store", writes.len() as u64);
    for batch in writes.chunks(TRAINEE_BATCH) {
        let sealed: Vec<(gongjiang_domain::supply::Trainee, String, String)> = batch
            .iter()
            .map(|(id, created_at, fields, index, _)| {
                let (trainee, _, keys) =
                    seal_trainee(app, *id, me.org_id, fields, &me.login, now, *created_at);
                (trainee, (*index).clone(), keys)
            })
            .collect();
        gongjiang_store::supply::save_trainees(&mut tx, backend, &sealed, now).await?;
        for (_, _, _, _, update) in batch {
            if *update {
                outcome.updated += 1;
            } else {
                outcome.created += 1;
            }
        }
        progress.advance(batch.len() as u64);
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

/// Rows looked up and written per statement by the trainee import.
const TRAINEE_BATCH: usize = 1000;

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
