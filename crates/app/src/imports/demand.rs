//! An enterprise's import of its talent demand. A row is matched to a stored
//! demand of the same enterprise by post name, kind and start date (the
//! natural key: the same post of the same kind starting on the same day is
//! the same demand, whatever its level, headcount or wages say). Each row is
//! validated with the demand form's rules and checked against the catalogues
//! (skill levels, occupations, segments); one transaction, one audit entry,
//! or nothing.

use super::school::{counted, duplicate, row_errors};
use super::{Outcome, Refusal, Row, RowProblem, refuse_if_any};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::Error;
use crate::policy::Permission;
use crate::progress::Progress;
use gongjiang_domain::demand::{Demand, DemandInput, DemandKind};
use gongjiang_domain::ids::{DemandId, OrgId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::{FieldError, FieldErrors, Problem};
use gongjiang_store::demand as store;
use std::collections::HashMap;

type Result<T> = std::result::Result<T, Refusal>;

/// The natural key of a demand within its enterprise.
fn key(post_name: &str, kind: DemandKind, start_on: &str) -> (String, DemandKind, String) {
    (post_name.to_string(), kind, start_on.to_string())
}

fn problem(line: usize, column: &str, problem: Problem) -> RowProblem {
    RowProblem {
        line,
        error: FieldError::new(column, problem),
    }
}

/// Imports demand rows for the enterprise `org` (the acting unit when `None`).
/// An empty status creates a draft and leaves an existing demand's status as it is.
pub async fn demand(
    app: &App,
    actor: &Actor,
    org: Option<OrgId>,
    rows: &[Row],
    progress: &Progress,
) -> Result<Outcome> {
    let target = org.unwrap_or(actor.user()?.org_id);
    actor.require(Permission::ManageDemand(target))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let unit = gongjiang_store::members::get_org(&mut tx, target)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    if unit.kind != OrgKind::Enterprise {
        return Err(Refusal::Other(Error::WrongState(
            "import.wrong_unit".into(),
        )));
    }
    let references = crate::demand::References::load(&mut tx).await?;
    let existing = store::of_org(&mut tx, target).await?;
    let mut stored: HashMap<(String, DemandKind, String), Vec<&Demand>> = HashMap::new();
    for d in &existing {
        stored
            .entry(key(&d.post_name, d.kind, &d.start_on))
            .or_default()
            .push(d);
    }
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut writes = Vec::with_capacity(rows.len());
    progress.stage("validate", rows.len() as u64);
    for row in rows {
        progress.advance(1);
        let status = row.get("status");
        let input = DemandInput {
            post_name: row.get("post_name"),
            kind: row.get("kind"),
            occupation_code: row.get("occupation_code"),
            segment_code: row.get("segment_code"),
            min_level: row.get("min_level"),
            headcount: row.get("headcount"),
            city: row.get("city"),
            wage_min: row.get("wage_min"),
            wage_max: row.get("wage_max"),
            start_on: row.get("start_on"),
            end_on: row.get("end_on"),
            night_shift: row.get("night_shift"),
            requirements: row.get("requirements"),
            status: if status.trim().is_empty() {
                "draft".into()
            } else {
                status.clone()
            },
        };
        let fields = match input.validate() {
            Ok(f) => f,
            Err(errors) => {
                problems.extend(row_errors(row.line, errors, &[]));
                continue;
            }
        };
        let mut unknown = FieldErrors::new();
        references.check(&fields, &mut unknown);
        if !unknown.is_empty() {
            problems.extend(row_errors(row.line, unknown, &[]));
            continue;
        }
        let k = key(&fields.post_name, fields.kind, &fields.start_on);
        if seen.insert(k.clone(), row.line).is_some() {
            problems.push(duplicate(row.line, "post_name"));
            continue;
        }
        let old = match stored.get(&k).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            Some([_, _, ..]) => {
                problems.push(problem(
                    row.line,
                    "post_name",
                    Problem::Rule {
                        key: "ambiguous_demand",
                    },
                ));
                continue;
            }
            _ => None,
        };
        writes.push((
            old.is_some(),
            Demand {
                id: old.map(|d| d.id).unwrap_or_else(DemandId::new),
                org_id: target,
                post_name: fields.post_name,
                kind: fields.kind,
                occupation_code: fields.occupation_code,
                segment_code: fields.segment_code,
                min_level: fields.min_level,
                headcount: fields.headcount,
                city: fields.city,
                wage_min_fen: fields.wage_min_fen,
                wage_max_fen: fields.wage_max_fen,
                start_on: fields.start_on,
                end_on: fields.end_on,
                night_shift: fields.night_shift,
                requirements: fields.requirements,
                status: match old {
                    Some(d) if status.trim().is_empty() => d.status,
                    _ => fields.status,
                },
                created_at: old.map(|d| d.created_at).unwrap_or(now),
                updated_at: now,
            },
        ));
    }
    refuse_if_any(problems, rows)?;
    progress.stage("store", writes.len() as u64);
    for (_, d) in &writes {
        store::save(&mut tx, d).await?;
        progress.advance(1);
    }
    let outcome = counted(&writes);
    record(
        &mut tx,
        app,
        actor,
        "demand.import",
        "organization",
        &target.to_string(),
        Some(target.to_string()),
        serde_json::Value::Null,
        serde_json::json!({"created": outcome.created, "updated": outcome.updated}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(outcome)
}
