//! The talent funnel (enrolled → interned → employed → retained): who is at
//! each stage, whom the actor may see it for, and its sheet ([`FUNNEL_SHEET`]).

use super::access::org_name;
use crate::App;
use crate::actor::Actor;
use crate::aggregates::Counted;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::employment::{FunnelBy, Stage};
use gongjiang_domain::ids::{OrgId, TraineeId};
use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use gongjiang_store::Connection;
use gongjiang_store::employment::{self as store};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The stages of the funnel, in the order of the path.
pub const STAGES: &[Stage] = &[
    Stage::Enrolled,
    Stage::Interned,
    Stage::Evaluated,
    Stage::Certified,
    Stage::Employed,
    Stage::Retained6,
    Stage::Retained12,
];

/// One row of the funnel.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FunnelRow {
    /// The group's id (`none` for trainees outside any group).
    pub key: String,
    /// Its name (empty for `none`).
    pub label: String,
    /// The school the group belongs to, when the funnel spans the alliance
    /// and groups by cohort or major ('' otherwise).
    pub school: String,
    /// Trainees who reached each stage of [`STAGES`].
    pub counts: Vec<i64>,
}

/// The funnel by one grouping.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Funnel {
    /// The grouping.
    pub by: FunnelBy,
    /// The stages, in order.
    pub stages: Vec<Stage>,
    /// One row per group, by name.
    pub rows: Vec<FunnelRow>,
    /// The whole scope.
    pub total: Vec<i64>,
    /// The school it is limited to, if any.
    pub school: Option<OrgId>,
    /// The employer whose own hires it counts, if any: its first stage is
    /// then the trainees who came to it (placed, interned or employed
    /// there), and internship, employment and retention are at it.
    pub employer: Option<OrgId>,
}

impl Funnel {
    /// The stage names' word keys: the first stage of an employer's funnel
    /// is "came to us", not "on the books".
    pub fn stage_key(&self, stage: Stage) -> String {
        if self.employer.is_some() && stage == Stage::Enrolled {
            "funnel.stage.came".to_string()
        } else {
            format!("funnel.stage.{}", stage.as_str())
        }
    }

    /// The rates' word keys: an employer's employment rate is its hire rate.
    pub fn rate_key(&self, rate: &str) -> String {
        if self.employer.is_some() && rate == "employment_rate" {
            "funnel.rate.hire_rate".to_string()
        } else {
            format!("funnel.rate.{rate}")
        }
    }

    /// The sheet its export fills.
    pub fn sheet(&self) -> &'static SheetSpec {
        if self.employer.is_some() {
            &EMPLOYER_FUNNEL_SHEET
        } else {
            &FUNNEL_SHEET
        }
    }
}

/// Whose trainees a funnel counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The whole alliance (the secretariat).
    Alliance,
    /// One school's trainees (its staff).
    School(OrgId),
    /// The trainees who came to one employer (its staff).
    Employer(OrgId),
}

impl Scope {
    fn school(self) -> Option<OrgId> {
        match self {
            Scope::School(s) => Some(s),
            _ => None,
        }
    }
    fn employer(self) -> Option<OrgId> {
        match self {
            Scope::Employer(e) => Some(e),
            _ => None,
        }
    }
    fn key(self) -> String {
        match self {
            Scope::Alliance => String::new(),
            Scope::School(s) => s.to_string(),
            Scope::Employer(e) => format!("employer-{e}"),
        }
    }
    /// The groupings that say something in this scope: a school's funnel
    /// by school is one row; an employer's by enterprise is itself.
    fn groupings(self) -> &'static [FunnelBy] {
        match self {
            Scope::Alliance => &[
                FunnelBy::Cohort,
                FunnelBy::Major,
                FunnelBy::Enterprise,
                FunnelBy::School,
            ],
            Scope::School(_) => &[FunnelBy::Cohort, FunnelBy::Major, FunnelBy::Enterprise],
            Scope::Employer(_) => &[FunnelBy::School, FunnelBy::Cohort, FunnelBy::Major],
        }
    }
}

/// The trainees that reached `stage` after enrolment (one query each; each
/// set is as large as the alliance's activity at that stage, not its size).
async fn stage_members(conn: &mut Connection, stage: Stage) -> Result<HashSet<TraineeId>> {
    Ok(match stage {
        Stage::Enrolled => HashSet::new(),
        Stage::Interned => store::stage_interned(conn).await?.into_iter().collect(),
        Stage::Evaluated => store::stage_evaluated(conn).await?.into_iter().collect(),
        Stage::Certified => store::stage_certified(conn).await?.into_iter().collect(),
        Stage::Employed => store::stage_employed(conn)
            .await?
            .into_iter()
            .map(|(t, _)| t)
            .collect(),
        Stage::Retained6 => store::stage_retained(conn, 6).await?.into_iter().collect(),
        Stage::Retained12 => store::stage_retained(conn, 12).await?.into_iter().collect(),
    })
}

/// Whose trainees the actor's funnel counts: the whole alliance (the
/// secretariat), a school's own trainees (its staff), or the trainees who
/// came to an enterprise (its staff); other units are refused.
fn funnel_scope(actor: &Actor) -> Result<Scope> {
    let me = actor.require(Permission::ViewFunnel(actor.user()?.org_id))?;
    // The secretariat sees the alliance even when its chair unit is a school.
    match me.org_kind {
        _ if me.role == Role::Secretariat => Ok(Scope::Alliance),
        k if k.is_school() => Ok(Scope::School(me.org_id)),
        gongjiang_domain::members::OrgKind::Enterprise => Ok(Scope::Employer(me.org_id)),
        _ => Err(Error::Forbidden),
    }
}

/// True when the actor may see a funnel (for showing the link).
pub fn sees_funnel(actor: &Actor) -> Result<bool> {
    match funnel_scope(actor) {
        Ok(_) => Ok(true),
        Err(Error::Forbidden | Error::Unauthenticated) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The groupings the actor's funnel offers, the default first.
pub fn groupings(actor: &Actor) -> Result<&'static [FunnelBy]> {
    Ok(funnel_scope(actor)?.groupings())
}

/// The funnel for the secretariat (the whole alliance), a school (its own
/// trainees) or an employer (the trainees who came to it), as last counted
/// (`app::aggregates`: exact when nothing changed since, at most a few
/// seconds behind when `serve` sets a window), grouped by `by` or else the
/// scope's first grouping. Other units are refused; a grouping the scope
/// does not offer is named (`by`).
pub async fn funnel(app: &App, actor: &Actor, by: Option<FunnelBy>) -> Result<Counted<Funnel>> {
    let scope = funnel_scope(actor)?;
    // No grouping asked: the scope's first.
    let by = by.unwrap_or(scope.groupings()[0]);
    if !scope.groupings().contains(&by) {
        return Err(Error::field("by", gongjiang_domain::Problem::InvalidChoice));
    }
    let key = format!("{}/{}", scope.key(), by.as_str());
    app.funnels
        .get(app, &key, move |app| async move {
            count_funnel(&app, scope, by).await
        })
        .await
}

/// The trainees who reached `stage` at the employer: interned there,
/// employed or retained by it; evaluation and certificates wherever.
async fn employer_stage_members(
    conn: &mut Connection,
    employer: OrgId,
    stage: Stage,
) -> Result<HashSet<TraineeId>> {
    Ok(match stage {
        Stage::Interned => store::stage_interned_at(conn, employer)
            .await?
            .into_iter()
            .collect(),
        Stage::Employed => store::stage_employed_by(conn, employer)
            .await?
            .into_iter()
            .collect(),
        Stage::Retained6 => store::stage_retained_by(conn, employer, 6)
            .await?
            .into_iter()
            .collect(),
        Stage::Retained12 => store::stage_retained_by(conn, employer, 12)
            .await?
            .into_iter()
            .collect(),
        other => stage_members(conn, other).await?,
    })
}

/// Counts the funnel. Enrolment, the one stage every trainee reaches, is
/// counted per group by the database (no trainee row is loaded); the later
/// stages are counted over the trainees who went further than enrolment.
async fn count_funnel(app: &App, scope: Scope, by: FunnelBy) -> Result<Funnel> {
    let school = scope.school();
    let employer = scope.employer();
    let mut conn = app.db.read().await?;
    let mut reached = Vec::with_capacity(STAGES.len());
    for stage in STAGES {
        reached.push(match employer {
            Some(e) => employer_stage_members(&mut conn, e, *stage).await?,
            None => stage_members(&mut conn, *stage).await?,
        });
    }
    let active = match employer {
        Some(e) => store::employer_trainees(&mut conn, e).await?,
        None => store::active_trainees(&mut conn, school).await?,
    };
    let none = || "none".to_string();
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut enrolled: HashMap<String, i64> = HashMap::new();
    let mut group_of: HashMap<TraineeId, String> = HashMap::new();
    // The school of each cohort or major, named only when the funnel spans
    // the alliance (cohorts of different schools may share a name).
    let mut school_of: HashMap<String, OrgId> = HashMap::new();
    match by {
        FunnelBy::Cohort | FunnelBy::Major => {
            let by_major = by == FunnelBy::Major;
            if by_major {
                for m in gongjiang_store::supply::majors(&mut conn, school).await? {
                    labels.insert(m.id.to_string(), format!("{}（{}）", m.name, m.code));
                    school_of.insert(m.id.to_string(), m.org_id);
                }
            } else {
                for c in gongjiang_store::supply::cohorts(&mut conn, school).await? {
                    labels.insert(c.id.to_string(), c.name);
                    school_of.insert(c.id.to_string(), c.org_id);
                }
            }
            if employer.is_none() {
                for (group, n) in store::enrolled_counts(&mut conn, school, by_major).await? {
                    *enrolled.entry(group.unwrap_or_else(none)).or_default() += n;
                }
            }
            for e in &active {
                let group = if by_major {
                    e.major_id.map(|m| m.to_string())
                } else {
                    e.cohort_id.map(|c| c.to_string())
                };
                let group = group.unwrap_or_else(none);
                // An employer's first stage is the trainees who came to it.
                if employer.is_some() {
                    *enrolled.entry(group.clone()).or_default() += 1;
                }
                group_of.insert(e.trainee_id, group);
            }
        }
        FunnelBy::School => {
            let mut names = HashMap::new();
            if employer.is_none() {
                for (org, n) in store::enrolled_by_school(&mut conn).await? {
                    enrolled.insert(org, n);
                }
            }
            for e in &active {
                let key = e.school_org_id.to_string();
                if employer.is_some() {
                    *enrolled.entry(key.clone()).or_default() += 1;
                }
                group_of.insert(e.trainee_id, key);
            }
            for key in enrolled.keys() {
                if let Ok(org) = key.parse::<OrgId>() {
                    labels.insert(key.clone(), org_name(&mut conn, &mut names, org).await?);
                }
            }
        }
        FunnelBy::Enterprise => {
            let employed: HashMap<TraineeId, OrgId> = store::stage_employed(&mut conn)
                .await?
                .into_iter()
                .collect();
            let placed: HashMap<TraineeId, OrgId> = store::placement_enterprises(&mut conn)
                .await?
                .into_iter()
                .collect();
            let mut names = HashMap::new();
            let all: i64 = store::enrolled_counts(&mut conn, school, false)
                .await?
                .iter()
                .map(|(_, n)| n)
                .sum();
            let mut grouped = 0;
            for e in &active {
                let org = employed
                    .get(&e.trainee_id)
                    .or_else(|| placed.get(&e.trainee_id))
                    .copied();
                let key = match org {
                    Some(o) => {
                        let name = org_name(&mut conn, &mut names, o).await?;
                        labels.insert(o.to_string(), name);
                        grouped += 1;
                        *enrolled.entry(o.to_string()).or_default() += 1;
                        o.to_string()
                    }
                    None => none(),
                };
                group_of.insert(e.trainee_id, key);
            }
            if all > grouped {
                enrolled.insert(none(), all - grouped);
            }
        }
    }
    let mut rows: HashMap<String, Vec<i64>> = enrolled
        .into_iter()
        .map(|(key, n)| {
            let mut counts = vec![0; STAGES.len()];
            counts[0] = n;
            (key, counts)
        })
        .collect();
    for e in &active {
        let Some(key) = group_of.get(&e.trainee_id) else {
            continue;
        };
        let counts = rows
            .entry(key.clone())
            .or_insert_with(|| vec![0; STAGES.len()]);
        for (i, set) in reached.iter().enumerate().skip(1) {
            if set.contains(&e.trainee_id) {
                counts[i] += 1;
            }
        }
    }
    let mut total = vec![0; STAGES.len()];
    for counts in rows.values() {
        for (t, c) in total.iter_mut().zip(counts) {
            *t += c;
        }
    }
    let mut names = HashMap::new();
    let mut named = Vec::with_capacity(rows.len());
    for (key, counts) in rows {
        let school_name = match (school, school_of.get(&key)) {
            (None, Some(org)) => org_name(&mut conn, &mut names, *org).await?,
            _ => String::new(),
        };
        named.push(FunnelRow {
            label: labels.get(&key).cloned().unwrap_or_default(),
            school: school_name,
            key,
            counts,
        });
    }
    let mut rows = named;
    // By school, then by name; trainees outside any group last.
    rows.sort_by(|a, b| {
        (a.key == "none", &a.school, &a.label, &a.key).cmp(&(
            b.key == "none",
            &b.school,
            &b.label,
            &b.key,
        ))
    });
    Ok(Funnel {
        by,
        stages: STAGES.to_vec(),
        rows,
        total,
        school,
        employer,
    })
}

/// The rates the funnel shows beside its counts, each as (numerator stage,
/// denominator stage): 实习率 and 就业率 over the enrolled, 6- and 12-month
/// 留任率 over the employed.
pub const RATES: &[(&str, Stage, Stage)] = &[
    ("internship_rate", Stage::Interned, Stage::Enrolled),
    ("employment_rate", Stage::Employed, Stage::Enrolled),
    ("retention6_rate", Stage::Retained6, Stage::Employed),
    ("retention12_rate", Stage::Retained12, Stage::Employed),
];

/// The rates of [`RATES`] for one row's counts, as percentages with one
/// decimal (`45.0%`), `—` where the denominator is 0.
pub fn rates(counts: &[i64]) -> Vec<String> {
    let at = |s: Stage| {
        STAGES
            .iter()
            .position(|x| *x == s)
            .and_then(|i| counts.get(i))
            .copied()
            .unwrap_or(0)
    };
    RATES
        .iter()
        .map(|(_, part, whole)| percent(at(*part), at(*whole)))
        .collect()
}

/// `part` of `whole` as a percentage with one decimal (`45.0%`), `—` when
/// `whole` is 0.
pub fn percent(part: i64, whole: i64) -> String {
    if whole == 0 {
        "—".to_string()
    } else {
        // Tenths of a percent, rounded half up, in integers.
        let tenths = (part * 1000 + whole / 2) / whole;
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// The funnel sheet: the group and its school, one column per stage of
/// [`STAGES`], then the [`RATES`].
pub const FUNNEL_SHEET: SheetSpec = SheetSpec {
    name: "人才链漏斗",
    columns: &[
        ColumnSpec::new("group", "分组", ColumnKind::Text),
        ColumnSpec::new("school", "学校", ColumnKind::Text),
        ColumnSpec::new("enrolled", "在册", ColumnKind::Integer),
        ColumnSpec::new("interned", "实习", ColumnKind::Integer),
        ColumnSpec::new("evaluated", "参加评价", ColumnKind::Integer),
        ColumnSpec::new("certified", "取证", ColumnKind::Integer),
        ColumnSpec::new("employed", "就业", ColumnKind::Integer),
        ColumnSpec::new("retained6", "6个月留任", ColumnKind::Integer),
        ColumnSpec::new("retained12", "12个月留任", ColumnKind::Integer),
        ColumnSpec::new("internship_rate", "实习率", ColumnKind::Text),
        ColumnSpec::new("employment_rate", "就业率", ColumnKind::Text),
        ColumnSpec::new("retention6_rate", "6个月留任率", ColumnKind::Text),
        ColumnSpec::new("retention12_rate", "12个月留任率", ColumnKind::Text),
    ],
};

/// An employer's funnel sheet: as [`FUNNEL_SHEET`], its first stage the
/// trainees who came to it and its employment rate the hire rate.
pub const EMPLOYER_FUNNEL_SHEET: SheetSpec = SheetSpec {
    name: "本企业人才漏斗",
    columns: &[
        ColumnSpec::new("group", "分组", ColumnKind::Text),
        ColumnSpec::new("school", "学校", ColumnKind::Text),
        ColumnSpec::new("enrolled", "来本企业", ColumnKind::Integer),
        ColumnSpec::new("interned", "在本企业实习", ColumnKind::Integer),
        ColumnSpec::new("evaluated", "参加评价", ColumnKind::Integer),
        ColumnSpec::new("certified", "取证", ColumnKind::Integer),
        ColumnSpec::new("employed", "录用", ColumnKind::Integer),
        ColumnSpec::new("retained6", "6个月留任", ColumnKind::Integer),
        ColumnSpec::new("retained12", "12个月留任", ColumnKind::Integer),
        ColumnSpec::new("internship_rate", "实习率", ColumnKind::Text),
        ColumnSpec::new("employment_rate", "录用率", ColumnKind::Text),
        ColumnSpec::new("retention6_rate", "6个月留任率", ColumnKind::Text),
        ColumnSpec::new("retention12_rate", "12个月留任率", ColumnKind::Text),
    ],
};

/// The funnel as rows of [`FUNNEL_SHEET`], with a total row (合计) last;
/// `none_label` names the trainees outside any group.
pub fn funnel_rows(f: &Funnel, none_label: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = f
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                if r.key == "none" {
                    none_label.to_string()
                } else {
                    r.label.clone()
                },
                r.school.clone(),
            ];
            row.extend(r.counts.iter().map(i64::to_string));
            row.extend(rates(&r.counts));
            row
        })
        .collect();
    let mut total = vec!["合计".to_string(), String::new()];
    total.extend(f.total.iter().map(i64::to_string));
    total.extend(rates(&f.total));
    out.push(total);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_funnel_sheet_has_one_column_per_stage_in_order() {
        let keys: Vec<&str> = FUNNEL_SHEET.columns[2..2 + STAGES.len()]
            .iter()
            .map(|c| c.key)
            .collect();
        let stages: Vec<&str> = STAGES.iter().map(|s| s.as_str()).collect();
        assert_eq!(keys, stages);
        let rate_keys: Vec<&str> = FUNNEL_SHEET.columns[2 + STAGES.len()..]
            .iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(rate_keys, RATES.iter().map(|r| r.0).collect::<Vec<_>>());
    }

    #[test]
    fn rates_are_over_the_enrolled_or_the_employed_and_a_zero_denominator_is_a_dash() {
        // enrolled 3, interned 1, evaluated 0, certified 0, employed 2, retained 1 and 0.
        assert_eq!(
            rates(&[3, 1, 0, 0, 2, 1, 0]),
            ["33.3%", "66.7%", "50.0%", "0.0%"]
        );
        assert_eq!(rates(&[0, 0, 0, 0, 0, 0, 0]), ["—", "—", "—", "—"]);
    }
}
