//! Employment records as their parties see them: the record with its
//! follow-ups, placements awaiting confirmation, and the unit's overview.

use super::access::{acting_unit, party};
use super::recording::start_due;
use crate::App;
use crate::actor::Actor;
use crate::error::{Error, Result};
use gongjiang_domain::demand::{DemandKind, iso};
use gongjiang_domain::employment::{
    EmploymentRecord, EmploymentSource, Outcome, due_checkpoints, due_on,
};
use gongjiang_domain::ids::{EmploymentId, OrgId, PlacementId, TraineeId};
use gongjiang_store::Connection;
use gongjiang_store::employment::{self as store, PlacementLine};
use serde::Serialize;
use std::collections::HashMap;

pub(super) fn yuan(fen: i64) -> i64 {
    fen / 100
}

/// A follow-up as shown.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OutcomeView {
    /// 6 or 12.
    pub months: i64,
    /// Still employed.
    pub still_employed: bool,
    /// Monthly wage then, yuan.
    pub wage: Option<i64>,
    /// Note.
    pub note: String,
    /// Who entered it.
    pub entered_by: String,
    /// When (RFC 3339).
    pub entered_at: String,
}

pub(super) fn outcome_view(o: &Outcome) -> OutcomeView {
    OutcomeView {
        months: o.months,
        still_employed: o.still_employed,
        wage: o.wage_fen.map(yuan),
        note: o.note.clone(),
        entered_by: o.entered_by.clone(),
        entered_at: o.entered_at.rfc3339_cst(),
    }
}

/// A follow-up that is due and not entered.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DueView {
    /// 6 or 12.
    pub months: i64,
    /// The day it fell due.
    pub due_on: String,
}

/// An employment record as a unit sees it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RecordView {
    /// Id.
    pub id: EmploymentId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The trainee's name: in full for their school, masked for the employer.
    pub trainee_name: String,
    /// The school.
    pub school_org_id: OrgId,
    /// Its name.
    pub school: String,
    /// The employer.
    pub employer_org_id: OrgId,
    /// Its name.
    pub employer: String,
    /// The post.
    pub post: String,
    /// First day.
    pub start_on: String,
    /// Monthly wage, yuan.
    pub wage: i64,
    /// `placement` or `manual`.
    pub source: EmploymentSource,
    /// The placement it was confirmed from.
    pub placement_id: Option<PlacementId>,
    /// Entered follow-ups.
    pub outcomes: Vec<OutcomeView>,
    /// Follow-ups due and not entered.
    pub due: Vec<DueView>,
    /// The days the 6- and 12-month follow-ups fall due.
    pub checkpoints: Vec<DueView>,
}

/// The names a page of records shows, read in two queries for all of them
/// (trainees by id, units by id) instead of one lookup per record.
pub(super) struct Names {
    trainees: HashMap<TraineeId, gongjiang_store::supply::TraineeName>,
    orgs: HashMap<OrgId, String>,
}

impl Names {
    /// The names of these trainees and units.
    pub(super) async fn load(
        conn: &mut Connection,
        trainees: impl IntoIterator<Item = TraineeId>,
        orgs: impl IntoIterator<Item = OrgId>,
    ) -> Result<Names> {
        let mut t: Vec<TraineeId> = trainees.into_iter().collect();
        t.sort_unstable_by_key(|id| id.to_string());
        t.dedup();
        let mut o: Vec<OrgId> = orgs.into_iter().collect();
        o.sort_unstable_by_key(|id| id.to_string());
        o.dedup();
        Ok(Names {
            trainees: gongjiang_store::supply::trainee_names(conn, &t).await?,
            orgs: if o.is_empty() {
                HashMap::new()
            } else {
                gongjiang_store::members::names_of(conn, &o).await?
            },
        })
    }

    /// The names of the records' trainees, schools and employers.
    pub(super) async fn of_records(
        conn: &mut Connection,
        records: &[EmploymentRecord],
    ) -> Result<Names> {
        Names::load(
            conn,
            records.iter().map(|r| r.trainee_id),
            records
                .iter()
                .flat_map(|r| [r.school_org_id, r.employer_org_id]),
        )
        .await
    }

    /// A trainee's name: in full for their own school, masked for others.
    pub(super) fn trainee(&self, id: TraineeId, viewer_org: OrgId) -> String {
        self.trainees
            .get(&id)
            .map(|t| {
                if t.org_id == viewer_org {
                    t.name.clone()
                } else {
                    t.name_masked.clone()
                }
            })
            .unwrap_or_default()
    }

    /// A unit's name.
    pub(super) fn org(&self, id: OrgId) -> String {
        self.orgs.get(&id).cloned().unwrap_or_default()
    }
}

/// The follow-ups entered, by record (one pass over a unit's outcomes).
pub(super) fn outcomes_by_record(outcomes: Vec<Outcome>) -> HashMap<EmploymentId, Vec<Outcome>> {
    let mut by: HashMap<EmploymentId, Vec<Outcome>> = HashMap::new();
    for o in outcomes {
        by.entry(o.record_id).or_default().push(o);
    }
    by
}

/// A record as `viewer_org` sees it, from names already read.
pub(super) fn view_of(
    names: &Names,
    r: &EmploymentRecord,
    mine: &[Outcome],
    viewer_org: OrgId,
    today: time::Date,
) -> RecordView {
    let entered: Vec<i64> = mine.iter().map(|o| o.months).collect();
    RecordView {
        id: r.id,
        trainee_id: r.trainee_id,
        trainee_name: names.trainee(r.trainee_id, viewer_org),
        school_org_id: r.school_org_id,
        school: names.org(r.school_org_id),
        employer_org_id: r.employer_org_id,
        employer: names.org(r.employer_org_id),
        post: r.post.clone(),
        start_on: r.start_on.clone(),
        wage: yuan(r.wage_fen),
        source: r.source,
        placement_id: r.placement_id,
        outcomes: mine.iter().map(outcome_view).collect(),
        due: due_checkpoints(&r.start_on, &entered, today)
            .into_iter()
            .map(|(months, due_on)| DueView { months, due_on })
            .collect(),
        checkpoints: gongjiang_domain::employment::CHECKPOINTS
            .iter()
            .filter_map(|&m| {
                due_on(&r.start_on, m).map(|d| DueView {
                    months: m,
                    due_on: iso(d),
                })
            })
            .collect(),
    }
}

/// One record as `viewer_org` sees it (its names read for it alone).
pub(super) async fn record_view(
    conn: &mut Connection,
    r: &EmploymentRecord,
    outcomes: &[Outcome],
    viewer_org: OrgId,
    today: time::Date,
) -> Result<RecordView> {
    let names = Names::of_records(conn, std::slice::from_ref(r)).await?;
    let mine: Vec<Outcome> = outcomes
        .iter()
        .filter(|o| o.record_id == r.id)
        .cloned()
        .collect();
    Ok(view_of(&names, r, &mine, viewer_org, today))
}

/// A placement waiting to be confirmed as employment.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PlacementView {
    /// The placement.
    pub id: PlacementId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Name: in full for their school, masked for the enterprise.
    pub trainee_name: String,
    /// The enterprise.
    pub employer: String,
    /// The post.
    pub post: String,
    /// The demand's kind (`job`, `position_internship`…).
    pub kind: String,
    /// The post's first day.
    pub start_on: String,
    /// Lower end of the wage range, yuan.
    pub wage_min: Option<i64>,
    /// The employment record made from it, if confirmed.
    pub employment_id: Option<EmploymentId>,
}

fn placement_view(names: &Names, p: &PlacementLine, viewer_org: OrgId) -> PlacementView {
    PlacementView {
        id: p.id,
        trainee_id: p.trainee_id,
        trainee_name: names.trainee(p.trainee_id, viewer_org),
        employer: names.org(p.org_id),
        post: p.post_name.clone(),
        kind: p.kind.as_str().to_string(),
        start_on: p.start_on.clone(),
        wage_min: p.wage_min_fen.map(yuan),
        employment_id: p.employment_id,
    }
}

/// What a school or an employer sees on its employment page.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Overview {
    /// Records where the unit is the school or the employer.
    pub records: Vec<RecordView>,
    /// Published placements on jobs or apprenticeships of the unit's trainees
    /// or at its posts, not yet confirmed.
    pub placements: Vec<PlacementView>,
    /// True when the unit is a school (it enters records by trainee).
    pub is_school: bool,
}

/// The acting unit's records and unconfirmed placements.
pub async fn overview(app: &App, actor: &Actor) -> Result<Overview> {
    Ok(overview_and_due(app, actor).await?.0)
}

/// The acting unit's records and unconfirmed placements, and the follow-ups
/// it owes (its page shows both: one reading of the records serves them).
pub async fn overview_and_due(
    app: &App,
    actor: &Actor,
) -> Result<(Overview, Vec<super::recording::Reminder>)> {
    start_due(app, actor).await?;
    let mut conn = app.db.read().await?;
    let me = acting_unit(actor)?;
    let today = app.now().date_cst();
    let records = store::records_of_org(&mut conn, me.org_id).await?;
    let mut outcomes = outcomes_by_record(store::outcomes_of_org(&mut conn, me.org_id).await?);
    // Jobs and apprenticeships wait for confirmation; an internship kept on
    // (实习留用) is confirmed through the API or entered by hand.
    let waiting: Vec<PlacementLine> = store::placements_of_org(&mut conn, me.org_id)
        .await?
        .into_iter()
        .filter(|p| {
            p.employment_id.is_none()
                && matches!(p.kind, DemandKind::Job | DemandKind::Apprenticeship)
        })
        .collect();
    let names = Names::load(
        &mut conn,
        records
            .iter()
            .map(|r| r.trainee_id)
            .chain(waiting.iter().map(|p| p.trainee_id)),
        records
            .iter()
            .flat_map(|r| [r.school_org_id, r.employer_org_id])
            .chain(waiting.iter().map(|p| p.org_id)),
    )
    .await?;
    let owing: Vec<_> = records
        .iter()
        .filter_map(|r| {
            let due = super::recording::owed(r, &outcomes, today);
            (!due.is_empty()).then_some((r, due))
        })
        .collect();
    let due = super::recording::reminders_of(
        owing.iter().map(|(r, d)| (*r, d.as_slice())),
        &names,
        me.org_id,
    );
    let views = records
        .iter()
        .map(|r| {
            let mine = outcomes.remove(&r.id).unwrap_or_default();
            view_of(&names, r, &mine, me.org_id, today)
        })
        .collect();
    let placements = waiting
        .iter()
        .map(|p| placement_view(&names, p, me.org_id))
        .collect();
    Ok((
        Overview {
            records: views,
            placements,
            is_school: me.org_kind.is_school(),
        },
        due,
    ))
}

/// One record, for its school or employer; anyone else gets 404.
pub async fn get(app: &App, actor: &Actor, id: EmploymentId) -> Result<RecordView> {
    let mut conn = app.db.read().await?;
    let me = acting_unit(actor)?;
    let r = store::get_record(&mut conn, id)
        .await?
        .filter(|r| party(r, me.org_id))
        .ok_or(Error::NotFound("employment record"))?;
    let outcomes = store::outcomes_of_record(&mut conn, id).await?;
    record_view(&mut conn, &r, &outcomes, me.org_id, app.now().date_cst()).await
}
