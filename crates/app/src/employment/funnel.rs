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

/// Whose trainees the actor's funnel counts: `None` for the whole alliance
/// (the secretariat), a school for its staff; other units are refused.
async fn funnel_scope(conn: &mut Connection, actor: &Actor) -> Result<Option<OrgId>> {
    let me = actor.require(Permission::ViewFunnel(actor.user()?.org_id))?;
    let org = gongjiang_store::members::get_org(conn, me.org_id).await?;
    // The secretariat sees the alliance even when its chair unit is a school.
    match org {
        _ if me.role == Role::Secretariat => Ok(None),
        Some(o) if o.kind.is_school() => Ok(Some(o.id)),
        _ => Err(Error::Forbidden),
    }
}

/// True when the actor may see a funnel (for showing the link).
pub async fn sees_funnel(app: &App, actor: &Actor) -> Result<bool> {
    let mut conn = app.db.read().await?;
    match funnel_scope(&mut conn, actor).await {
        Ok(_) => Ok(true),
        Err(Error::Forbidden | Error::Unauthenticated) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The funnel for the secretariat (the whole alliance) or a school (its own
/// trainees), as last counted (`app::aggregates`: exact when nothing changed
/// since, at most a few seconds behind when `serve` sets a window). Other
/// units are refused.
pub async fn funnel(app: &App, actor: &Actor, by: FunnelBy) -> Result<Counted<Funnel>> {
    let school = {
        let mut conn = app.db.read().await?;
        funnel_scope(&mut conn, actor).await?
    };
    let key = format!(
        "{}/{}",
        school.map(|s| s.to_string()).unwrap_or_default(),
        by.as_str()
    );
    app.funnels
        .get(app, &key, move |app| async move {
            count_funnel(&app, school, by).await
        })
        .await
}

/// Counts the funnel. Enrolment, the one stage every trainee reaches, is
/// counted per group by the database (no trainee row is loaded); the later
/// stages are counted over the trainees who went further than enrolment.
async fn count_funnel(app: &App, school: Option<OrgId>, by: FunnelBy) -> Result<Funnel> {
    let mut conn = app.db.read().await?;
    let mut reached = Vec::with_capacity(STAGES.len());
    for stage in STAGES {
        reached.push(stage_members(&mut conn, *stage).await?);
    }
    let active = store::active_trainees(&mut conn, school).await?;
    let none = || "none".to_string();
    let mut labels: HashMap<String, String> = HashMap::new();
    let mut enrolled: HashMap<String, i64> = HashMap::new();
    let mut group_of: HashMap<TraineeId, String> = HashMap::new();
    match by {
        FunnelBy::Cohort | FunnelBy::Major => {
            let by_major = by == FunnelBy::Major;
            if by_major {
                for m in gongjiang_store::supply::majors(&mut conn, school).await? {
                    labels.insert(m.id.to_string(), format!("{}（{}）", m.name, m.code));
                }
            } else {
                for c in gongjiang_store::supply::cohorts(&mut conn, school).await? {
                    labels.insert(c.id.to_string(), c.name);
                }
            }
            for (group, n) in store::enrolled_counts(&mut conn, school, by_major).await? {
                *enrolled.entry(group.unwrap_or_else(none)).or_default() += n;
            }
            for e in &active {
                let group = if by_major {
                    e.major_id.map(|m| m.to_string())
                } else {
                    e.cohort_id.map(|c| c.to_string())
                };
                group_of.insert(e.trainee_id, group.unwrap_or_else(none));
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
    let mut rows: Vec<FunnelRow> = rows
        .into_iter()
        .map(|(key, counts)| FunnelRow {
            label: labels.get(&key).cloned().unwrap_or_default(),
            key,
            counts,
        })
        .collect();
    // Named groups by name, trainees outside any group last.
    rows.sort_by(|a, b| {
        (a.key == "none", &a.label, &a.key).cmp(&(b.key == "none", &b.label, &b.key))
    });
    Ok(Funnel {
        by,
        stages: STAGES.to_vec(),
        rows,
        total,
        school,
    })
}

/// The funnel sheet: the group, then one column per stage of [`STAGES`].
pub const FUNNEL_SHEET: SheetSpec = SheetSpec {
    name: "人才链漏斗",
    columns: &[
        ColumnSpec::new("group", "分组", ColumnKind::Text),
        ColumnSpec::new("enrolled", "在册", ColumnKind::Integer),
        ColumnSpec::new("interned", "实习", ColumnKind::Integer),
        ColumnSpec::new("evaluated", "参加评价", ColumnKind::Integer),
        ColumnSpec::new("certified", "取证", ColumnKind::Integer),
        ColumnSpec::new("employed", "就业", ColumnKind::Integer),
        ColumnSpec::new("retained6", "6个月留任", ColumnKind::Integer),
        ColumnSpec::new("retained12", "12个月留任", ColumnKind::Integer),
    ],
};

/// The funnel as rows of [`FUNNEL_SHEET`], with a total row (合计) last;
/// `none_label` names the trainees outside any group.
pub fn funnel_rows(f: &Funnel, none_label: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = f
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![if r.key == "none" {
                none_label.to_string()
            } else {
                r.label.clone()
            }];
            row.extend(r.counts.iter().map(i64::to_string));
            row
        })
        .collect();
    let mut total = vec!["合计".to_string()];
    total.extend(f.total.iter().map(i64::to_string));
    out.push(total);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_funnel_sheet_has_one_column_per_stage_in_order() {
        let keys: Vec<&str> = FUNNEL_SHEET.columns[1..].iter().map(|c| c.key).collect();
        let stages: Vec<&str> = STAGES.iter().map(|s| s.as_str()).collect();
        assert_eq!(keys, stages);
    }
}
