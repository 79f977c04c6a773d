//! The alliance's employment for the secretariat: per school or per
//! employer, the records, the average wage and the 6- and 12-month
//! follow-ups due, entered, overdue and still employed — counts only, no
//! person named. The units with the most overdue follow-ups come first, so
//! the secretariat knows whom to chase.

use super::access::org_name;
use crate::App;
use crate::actor::Actor;
use crate::aggregates::Counted;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::Problem;
use gongjiang_domain::demand::iso;
use gongjiang_domain::employment::latest_start_due;
use gongjiang_domain::ids::OrgId;
use gongjiang_store::employment::{self as store, Checkpoint, UnitEmployment};
use serde::Serialize;
use std::collections::HashMap;

/// How the alliance's employment is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AllianceBy {
    /// One row per school (the trainees' school).
    School,
    /// One row per employer.
    Employer,
}

impl AllianceBy {
    /// Both groupings, the default first.
    pub const ALL: [AllianceBy; 2] = [AllianceBy::School, AllianceBy::Employer];

    /// Its query value.
    pub fn as_str(self) -> &'static str {
        match self {
            AllianceBy::School => "school",
            AllianceBy::Employer => "employer",
        }
    }

    /// From a query value; empty means by school.
    pub fn parse(text: &str) -> Result<AllianceBy> {
        match text.trim() {
            "" | "school" => Ok(AllianceBy::School),
            "employer" => Ok(AllianceBy::Employer),
            _ => Err(Error::field("by", Problem::InvalidChoice)),
        }
    }
}

/// A follow-up checkpoint's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CheckpointFigures {
    /// 6 or 12.
    pub months: i64,
    /// Records whose follow-up has fallen due.
    pub due: i64,
    /// Follow-ups entered.
    pub entered: i64,
    /// Of those, still employed.
    pub retained: i64,
    /// Due and not entered.
    pub overdue: i64,
}

/// One unit's row (or the total).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnitRow {
    /// The unit (none for the total).
    pub org_id: Option<OrgId>,
    /// Its name ('' for the total).
    pub name: String,
    /// Employment records.
    pub records: i64,
    /// Average monthly wage, yuan (0 without records).
    pub average_wage: i64,
    /// The 6- and 12-month follow-ups.
    pub checkpoints: Vec<CheckpointFigures>,
    /// Follow-ups overdue at both checkpoints.
    pub overdue: i64,
}

/// The alliance's employment by one grouping.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AllianceEmployment {
    /// The grouping.
    pub by: AllianceBy,
    /// The day the follow-ups are due by (`YYYY-MM-DD`).
    pub today: String,
    /// One row per unit with records, the most overdue first, then by name.
    pub rows: Vec<UnitRow>,
    /// The whole alliance.
    pub total: UnitRow,
}

impl AllianceEmployment {
    /// Units with at least one follow-up overdue.
    pub fn units_overdue(&self) -> usize {
        self.rows.iter().filter(|r| r.overdue > 0).count()
    }
}

const MONTHS: [i64; 2] = [6, 12];

/// A checkpoint's rates: follow-ups entered of those due (回访率), and
/// still employed of those entered (留任率).
pub fn rates_of(c: &CheckpointFigures) -> (String, String) {
    (
        super::funnel::percent(c.entered, c.due),
        super::funnel::percent(c.retained, c.entered),
    )
}

fn row(org_id: Option<OrgId>, name: String, u: &UnitEmployment) -> UnitRow {
    let checkpoints: Vec<CheckpointFigures> = MONTHS
        .iter()
        .zip(u.checkpoints)
        .map(|(&months, c)| CheckpointFigures {
            months,
            due: c.due,
            entered: c.entered,
            retained: c.retained,
            overdue: c.missing,
        })
        .collect();
    UnitRow {
        org_id,
        name,
        records: u.records,
        average_wage: if u.records > 0 {
            u.wage_fen / u.records / 100
        } else {
            0
        },
        overdue: checkpoints.iter().map(|c| c.overdue).sum(),
        checkpoints,
    }
}

/// The alliance's employment for the secretariat, as last counted
/// (`app::aggregates`); anyone else is refused.
pub async fn alliance(
    app: &App,
    actor: &Actor,
    by: AllianceBy,
) -> Result<Counted<AllianceEmployment>> {
    actor.require(Permission::ViewAllianceEmployment)?;
    let today = iso(app.now().date_cst());
    // The figures name a day: yesterday's are dropped.
    app.alliance_employment.retain(|k| k.ends_with(&today));
    let key = format!("{}/{today}", by.as_str());
    app.alliance_employment
        .get(app, &key, move |app| async move { count(&app, by).await })
        .await
}

async fn count(app: &App, by: AllianceBy) -> Result<AllianceEmployment> {
    let today = app.now().date_cst();
    let mut conn = app.db.read().await?;
    let units = store::employment_by_unit(
        &mut conn,
        by == AllianceBy::Employer,
        &iso(latest_start_due(today, 6)),
        &iso(latest_start_due(today, 12)),
    )
    .await?;
    let mut names = HashMap::new();
    let mut rows = Vec::with_capacity(units.len());
    let mut sum = UnitEmployment::default();
    for u in &units {
        let name = org_name(&mut conn, &mut names, u.org_id).await?;
        rows.push(row(Some(u.org_id), name, u));
        sum.records += u.records;
        sum.wage_fen += u.wage_fen;
        for (s, c) in sum.checkpoints.iter_mut().zip(u.checkpoints) {
            *s = Checkpoint {
                due: s.due + c.due,
                entered: s.entered + c.entered,
                retained: s.retained + c.retained,
                missing: s.missing + c.missing,
            };
        }
    }
    rows.sort_by(|a, b| (b.overdue, &a.name).cmp(&(a.overdue, &b.name)));
    Ok(AllianceEmployment {
        by,
        today: iso(today),
        total: row(None, String::new(), &sum),
        rows,
    })
}
