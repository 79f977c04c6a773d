//! A round's input and output for re-running elsewhere: the last run's
//! instance, assignment and its trainees and places sheets.

use super::round::{applicant_map, load, names};
use crate::App;
use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use gongjiang_domain::supply::Trainee;
use gongjiang_placement as engine;
use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use gongjiang_store::rounds::{self as store};

/// A round's input and output for re-running elsewhere.
#[derive(Debug, Clone)]
pub struct Export {
    /// The instance in the `hr1` format.
    pub instance: String,
    /// The stable assignment (one line per trainee: place index or -1).
    pub assignment: String,
    /// Rows of the trainees sheet: index, id, masked name, school, list (place indices), assigned index, choice.
    pub trainee_rows: Vec<Vec<String>>,
    /// Rows of the places sheet: index, id, enterprise, post, seats, filled, cutoff, method.
    pub place_rows: Vec<Vec<String>>,
    /// The seed, for the record.
    pub seed: i64,
}

/// The last run's instance, assignment and both tables (the secretariat only).
pub async fn export(app: &App, actor: &Actor, id: RoundId) -> Result<Export> {
    actor.require(Permission::ManageRounds)?;
    let mut conn = app.db.read().await?;
    let round = load(&mut conn, id).await?;
    let run = store::get_run(&mut conn, id)
        .await?
        .ok_or(Error::WrongState("round.not_solved".into()))?;
    let trainees: Vec<TraineeId> = serde_json::from_str(&run.trainee_ids)
        .map_err(|e| Error::Internal(format!("stored trainee ids: {e}")))?;
    let demands: Vec<DemandId> = serde_json::from_str(&run.demand_ids)
        .map_err(|e| Error::Internal(format!("stored demand ids: {e}")))?;
    let instance = engine::file::read_instance(run.instance.as_bytes())
        .map_err(|e| Error::Internal(format!("stored instance: {e}")))?;
    let assignment = engine::file::read_assignment(run.assignment.as_bytes(), &instance)
        .map_err(|e| Error::Internal(format!("stored assignment: {e}")))?;
    let places = store::round_demands(&mut conn, id).await?;
    let rows = store::places(&mut conn, id).await?;
    let results = store::results(&mut conn, id).await?;
    let map = applicant_map(&mut conn, id).await?;
    let people: Vec<Option<&Trainee>> = trainees.iter().map(|t| map.get(t)).collect();
    let n = names(
        &mut conn,
        places
            .iter()
            .map(|p| p.demand.org_id)
            .chain(people.iter().flatten().map(|t| t.org_id))
            .collect::<Vec<_>>()
            .into_iter(),
    )
    .await?;
    let trainee_rows = trainees
        .iter()
        .enumerate()
        .map(|(i, tid)| {
            let t = people[i];
            let list = instance
                .preferences(i as u32)
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            let choice = results
                .iter()
                .find(|r| r.trainee_id == *tid)
                .and_then(|r| r.choice)
                .map(|c| (c + 1).to_string())
                .unwrap_or_default();
            vec![
                i.to_string(),
                tid.to_string(),
                t.map(|t| t.name_masked.clone()).unwrap_or_default(),
                t.and_then(|t| n.orgs.get(&t.org_id).cloned())
                    .unwrap_or_default(),
                list,
                assignment[i]
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "-1".into()),
                choice,
            ]
        })
        .collect();
    let place_rows = demands
        .iter()
        .enumerate()
        .map(|(i, did)| {
            let p = places.iter().find(|p| p.demand.id == *did);
            let r = rows.iter().find(|r| r.demand_id == *did);
            vec![
                i.to_string(),
                did.to_string(),
                p.and_then(|p| n.orgs.get(&p.demand.org_id).cloned())
                    .unwrap_or_default(),
                p.map(|p| p.demand.post_name.clone()).unwrap_or_default(),
                r.map(|r| r.capacity.to_string()).unwrap_or_default(),
                r.map(|r| r.filled.to_string()).unwrap_or_default(),
                r.and_then(|r| r.cutoff_rank)
                    .map(|c| (c + 1).to_string())
                    .unwrap_or_default(),
                r.map(|r| r.method.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    Ok(Export {
        instance: run.instance,
        assignment: run.assignment,
        trainee_rows,
        place_rows,
        seed: round.seed.unwrap_or(0),
    })
}

/// The trainees sheet of an export.
pub const EXPORT_TRAINEES: SheetSpec = SheetSpec {
    name: "学员与结果",
    columns: &[
        ColumnSpec::new("index", "序号（hr1）", ColumnKind::IdLike),
        ColumnSpec::new("trainee_id", "学员编号", ColumnKind::IdLike),
        ColumnSpec::new("name", "姓名（脱敏）", ColumnKind::Text),
        ColumnSpec::new("school", "学校", ColumnKind::Text),
        ColumnSpec::new("list", "志愿（岗位序号，依次）", ColumnKind::Text),
        ColumnSpec::new("assigned", "录取岗位序号（-1 未录取）", ColumnKind::IdLike),
        ColumnSpec::new("choice", "第几志愿", ColumnKind::Text),
    ],
};

/// The places sheet of an export.
pub const EXPORT_PLACES: SheetSpec = SheetSpec {
    name: "岗位",
    columns: &[
        ColumnSpec::new("index", "序号（hr1）", ColumnKind::IdLike),
        ColumnSpec::new("demand_id", "岗位编号", ColumnKind::IdLike),
        ColumnSpec::new("enterprise", "企业", ColumnKind::Text),
        ColumnSpec::new("post", "岗位", ColumnKind::Text),
        ColumnSpec::new("capacity", "名额", ColumnKind::Text),
        ColumnSpec::new("filled", "录取", ColumnKind::Text),
        ColumnSpec::new("cutoff", "录取线（名次）", ColumnKind::Text),
        ColumnSpec::new("method", "排序方式", ColumnKind::Text),
    ],
};
