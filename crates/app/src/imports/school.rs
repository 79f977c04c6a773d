//! Imports of a school's own records: majors (matched by code and level),
//! cohorts (by name) and teachers (by name). Each validates every row with
//! the form's rules, checks references against the school's data, and stores
//! everything in one transaction with one audit entry — or nothing.

use super::{Outcome, Refusal, Row, RowProblem, refuse_if_any};
use crate::App;
use crate::actor::{Actor, User};
use crate::audit::record;
use crate::error::Error;
use crate::policy::Permission;
use crate::progress::Progress;
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::supply::{Cohort, CohortInput, Major, MajorInput, Teacher, TeacherInput};
use gongjiang_domain::{FieldError, FieldErrors, Problem};
use gongjiang_store::WriteTx;
use gongjiang_store::supply as store;
use std::collections::HashMap;

type Result<T> = std::result::Result<T, Refusal>;

/// Splits a list cell (`a、b, c`) into its items.
pub(super) fn items(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The row problems of a form's field errors, with fields renamed to columns.
pub(super) fn row_errors(
    line: usize,
    errors: FieldErrors,
    rename: &[(&str, &str)],
) -> Vec<RowProblem> {
    errors
        .0
        .into_iter()
        .map(|e| {
            let field = rename
                .iter()
                .find(|(from, _)| *from == e.field)
                .map(|(_, to)| (*to).to_string())
                .unwrap_or(e.field);
            RowProblem {
                line,
                error: FieldError::new(field, e.problem),
            }
        })
        .collect()
}

pub(super) fn duplicate(line: usize, column: &str) -> RowProblem {
    RowProblem {
        line,
        error: FieldError::new(
            column,
            Problem::Rule {
                key: "duplicate_in_file",
            },
        ),
    }
}

/// Opens the write transaction for the acting school's staff.
async fn school_tx(app: &App, actor: &Actor) -> Result<(User, WriteTx)> {
    let me = actor
        .require(Permission::ManageSupply(actor.user()?.org_id))?
        .clone();
    let mut tx = app.db.write().await?;
    let org = gongjiang_store::members::get_org(&mut tx, me.org_id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    if !org.kind.is_school() {
        return Err(Refusal::Other(Error::WrongState(
            "only schools keep majors, cohorts and teachers".into(),
        )));
    }
    Ok((me, tx))
}

async fn finish(
    app: &App,
    actor: &Actor,
    mut tx: WriteTx,
    me: &User,
    action: &str,
    outcome: &Outcome,
) -> Result<()> {
    record(
        &mut tx,
        app,
        actor,
        action,
        "school",
        &me.org_id.to_string(),
        Some(me.org_id.to_string()),
        serde_json::Value::Null,
        serde_json::json!({"created": outcome.created, "updated": outcome.updated}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(())
}

/// How many of the writes create and how many update (`true` = update).
pub(super) fn counted<T>(writes: &[(bool, T)]) -> Outcome {
    let updated = writes.iter().filter(|(update, _)| *update).count();
    Outcome {
        created: writes.len() - updated,
        updated,
    }
}

/// Imports majors into the actor's school.
pub async fn majors(
    app: &App,
    actor: &Actor,
    rows: &[Row],
    progress: &Progress,
) -> Result<Outcome> {
    let (me, mut tx) = school_tx(app, actor).await?;
    let now = app.now();
    let occupations = gongjiang_store::demand::occupations(&mut tx).await?;
    let existing = store::majors(&mut tx, Some(me.org_id)).await?;
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut writes = Vec::with_capacity(rows.len());
    progress.stage("validate", rows.len() as u64);
    for row in rows {
        progress.advance(1);
        let input = MajorInput {
            code: row.get("code"),
            name: row.get("name"),
            level: row.get("level"),
            length_years: row.get("length_years"),
            annual_intake: row.get("annual_intake"),
            occupations: items(&row.get("occupations")),
        };
        let fields = match input.validate() {
            Ok(f) => f,
            Err(errors) => {
                problems.extend(row_errors(row.line, errors, &[]));
                continue;
            }
        };
        if fields
            .occupations
            .iter()
            .any(|c| !occupations.iter().any(|o| &o.code == c))
        {
            problems.push(RowProblem {
                line: row.line,
                error: FieldError::new("occupations", Problem::InvalidChoice),
            });
            continue;
        }
        if seen
            .insert((fields.code.clone(), fields.level), row.line)
            .is_some()
        {
            problems.push(duplicate(row.line, "code"));
            continue;
        }
        let old = existing
            .iter()
            .find(|m| m.code == fields.code && m.level == fields.level);
        writes.push((
            old.is_some(),
            Major {
                id: old.map(|m| m.id).unwrap_or_default(),
                org_id: me.org_id,
                code: fields.code,
                name: fields.name,
                level: fields.level,
                length_years: fields.length_years,
                annual_intake: fields.annual_intake,
                occupations: fields.occupations,
                created_at: old.map(|m| m.created_at).unwrap_or(now),
            },
        ));
    }
    refuse_if_any(problems, rows)?;
    progress.stage("store", writes.len() as u64);
    for (_, major) in &writes {
        store::save_major(&mut tx, major, now).await?;
        progress.advance(1);
    }
    let outcome = counted(&writes);
    finish(app, actor, tx, &me, "major.import", &outcome).await?;
    Ok(outcome)
}

/// Imports cohorts into the actor's school; each names an existing major of
/// the school by code and level, and an order class its sponsor by credit code.
pub async fn cohorts(
    app: &App,
    actor: &Actor,
    rows: &[Row],
    progress: &Progress,
) -> Result<Outcome> {
    let (me, mut tx) = school_tx(app, actor).await?;
    let now = app.now();
    let majors = store::majors(&mut tx, Some(me.org_id)).await?;
    let existing = store::cohorts(&mut tx, Some(me.org_id)).await?;
    let mut sponsors = HashMap::new();
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut writes = Vec::with_capacity(rows.len());
    progress.stage("validate", rows.len() as u64);
    for row in rows {
        progress.advance(1);
        let code = row.get("major_code");
        let level = row.get("major_level");
        let major = majors
            .iter()
            .find(|m| m.code == code.trim() && m.level.as_str() == level.trim());
        // A level the file layer refused leaves the major unknown; its own problem says why.
        let named = !code.trim().is_empty() && !row.is_unreadable("major_level");
        if major.is_none() && named {
            problems.push(RowProblem {
                line: row.line,
                error: FieldError::new("major_code", Problem::InvalidChoice),
            });
        }
        let credit = row.get("sponsor_credit_code").trim().to_uppercase();
        let sponsor = if credit.is_empty() {
            String::new()
        } else {
            if !sponsors.contains_key(&credit) {
                let found = gongjiang_store::members::org_by_credit_code(&mut tx, &credit)
                    .await?
                    .filter(|o| o.kind == OrgKind::Enterprise)
                    .map(|o| o.id);
                sponsors.insert(credit.clone(), found);
            }
            match sponsors.get(&credit).copied().flatten() {
                Some(id) => id.to_string(),
                None => {
                    problems.push(RowProblem {
                        line: row.line,
                        error: FieldError::new("sponsor_credit_code", Problem::InvalidChoice),
                    });
                    String::new()
                }
            }
        };
        let input = CohortInput {
            major_id: major.map(|m| m.id.to_string()).unwrap_or_default(),
            name: row.get("name"),
            entry_year: row.get("entry_year"),
            graduation_year: row.get("graduation_year"),
            size: row.get("size"),
            sponsor_org_id: sponsor,
        };
        let fields = match input.validate() {
            Ok(f) => f,
            Err(errors) => {
                let errors = FieldErrors(
                    errors
                        .0
                        .into_iter()
                        // An unknown major is already named by its code above.
                        .filter(|e| {
                            !(e.field == "major_id"
                                && major.is_none()
                                && (named || row.is_unreadable("major_level")))
                        })
                        .collect(),
                );
                problems.extend(row_errors(
                    row.line,
                    errors,
                    &[
                        ("major_id", "major_code"),
                        ("sponsor_org_id", "sponsor_credit_code"),
                    ],
                ));
                continue;
            }
        };
        if seen.insert(fields.name.clone(), row.line).is_some() {
            problems.push(duplicate(row.line, "name"));
            continue;
        }
        let old = existing.iter().find(|c| c.name == fields.name);
        writes.push((
            old.is_some(),
            Cohort {
                id: old.map(|c| c.id).unwrap_or_default(),
                org_id: me.org_id,
                major_id: fields.major_id,
                name: fields.name,
                entry_year: fields.entry_year,
                graduation_year: fields.graduation_year,
                size: fields.size,
                sponsor_org_id: fields.sponsor_org_id,
            },
        ));
    }
    refuse_if_any(problems, rows)?;
    progress.stage("store", writes.len() as u64);
    for (_, cohort) in &writes {
        store::save_cohort(&mut tx, cohort, now).await?;
        progress.advance(1);
    }
    let outcome = counted(&writes);
    finish(app, actor, tx, &me, "cohort.import", &outcome).await?;
    Ok(outcome)
}

/// Imports teachers into the actor's school, matched by name; a name two
/// teachers of the school share cannot be matched and is refused.
pub async fn teachers(
    app: &App,
    actor: &Actor,
    rows: &[Row],
    progress: &Progress,
) -> Result<Outcome> {
    let (me, mut tx) = school_tx(app, actor).await?;
    let now = app.now();
    let existing = store::teachers(&mut tx, Some(me.org_id), false).await?;
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut writes = Vec::with_capacity(rows.len());
    progress.stage("validate", rows.len() as u64);
    for row in rows {
        progress.advance(1);
        let input = TeacherInput {
            name: row.get("name"),
            employment: row.get("employment"),
            specialties: row.get("specialties"),
            dual_qualified: if row.get("dual_qualified").trim().is_empty() {
                "none".into()
            } else {
                row.get("dual_qualified")
            },
            title: row.get("title"),
            skill_level: row.get("skill_level"),
            practice_days: row.get("practice_days"),
            shared: if row.get("shared").trim().is_empty() {
                "no".into()
            } else {
                row.get("shared")
            },
        };
        let fields = match input.validate() {
            Ok(f) => f,
            Err(errors) => {
                problems.extend(row_errors(row.line, errors, &[]));
                continue;
            }
        };
        if seen.insert(fields.name.clone(), row.line).is_some() {
            problems.push(duplicate(row.line, "name"));
            continue;
        }
        let same_name: Vec<&Teacher> = existing.iter().filter(|t| t.name == fields.name).collect();
        if same_name.len() > 1 {
            problems.push(RowProblem {
                line: row.line,
                error: FieldError::new(
                    "name",
                    Problem::Rule {
                        key: "ambiguous_name",
                    },
                ),
            });
            continue;
        }
        let old = same_name.first();
        writes.push((
            old.is_some(),
            Teacher {
                id: old.map(|t| t.id).unwrap_or_default(),
                org_id: me.org_id,
                name: fields.name,
                employment: fields.employment,
                specialties: fields.specialties,
                dual_qualified: fields.dual_qualified,
                title: fields.title,
                skill_level: fields.skill_level,
                practice_days: fields.practice_days,
                shared: fields.shared,
            },
        ));
    }
    refuse_if_any(problems, rows)?;
    progress.stage("store", writes.len() as u64);
    for (_, teacher) in &writes {
        store::save_teacher(&mut tx, teacher, now).await?;
        progress.advance(1);
    }
    let outcome = counted(&writes);
    finish(app, actor, tx, &me, "teacher.import", &outcome).await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_cells_split_on_chinese_and_western_separators() {
        assert_eq!(
            items(" 6-25-03-00、6-25-04-00，6-31-01-03 ;\n"),
            vec!["6-25-03-00", "6-25-04-00", "6-31-01-03"]
        );
        assert!(items("  ").is_empty());
    }
}
