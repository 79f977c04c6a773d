//! Changes to employment records: confirming a placement, entering a record
//! by hand, recording a follow-up's outcome, starting due follow-ups, and the
//! reminders of those that are due.

use super::access::{acting_unit, party};
use super::records::{Names, RecordView, outcomes_by_record, record_view};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::Problem;
use gongjiang_domain::demand::iso;
use gongjiang_domain::employment::{
    EmploymentInput, EmploymentRecord, EmploymentSource, Outcome, OutcomeInput, due_checkpoints,
    due_on, has_started,
};
use gongjiang_domain::ids::{EmploymentId, PlacementId, TraineeId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::supply::{Trainee, TraineeStatus};
use gongjiang_store::Connection;
use gongjiang_store::employment::{self as store};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;

fn audit_record(r: &EmploymentRecord, t: &Trainee) -> Value {
    json!({"trainee": t.name_masked, "trainee_id": r.trainee_id, "employer_org_id": r.employer_org_id,
        "post": r.post, "start_on": r.start_on, "wage_fen": r.wage_fen, "source": r.source.as_str(),
        "placement_id": r.placement_id})
}

/// Stores a new record with its audit entry and, when the job has started,
/// moves the trainee's status to employed (audited too).
async fn insert(
    conn: &mut Connection,
    app: &App,
    actor: &Actor,
    mut r: EmploymentRecord,
    trainee: &Trainee,
) -> Result<EmploymentRecord> {
    let now = app.now();
    let started = has_started(&r.start_on, now.date_cst());
    r.status_applied = started;
    store::insert_record(conn, &r).await?;
    record(
        conn,
        app,
        actor,
        "employment.create",
        "employment",
        &r.id.to_string(),
        Some(r.school_org_id.to_string()),
        json!(null),
        audit_record(&r, trainee),
    )
    .await?;
    if started {
        apply_status(conn, app, actor, &r, trainee).await?;
    }
    Ok(r)
}

async fn apply_status(
    conn: &mut Connection,
    app: &App,
    actor: &Actor,
    r: &EmploymentRecord,
    trainee: &Trainee,
) -> Result<()> {
    if trainee.status != TraineeStatus::Employed {
        store::set_trainee_status(conn, trainee.id, TraineeStatus::Employed, app.now()).await?;
        record(
            conn,
            app,
            actor,
            "trainee.status",
            "trainee",
            &trainee.id.to_string(),
            Some(trainee.org_id.to_string()),
            json!({"status": trainee.status.as_str()}),
            json!({"status": "employed", "because": "employment.started", "employment_id": r.id}),
        )
        .await?;
    }
    Ok(())
}

/// Confirms a published placement as employment. The trainee's school or the
/// placement's enterprise may; the employer and post come from the placement.
pub async fn confirm_placement(
    app: &App,
    actor: &Actor,
    placement: PlacementId,
    input: &EmploymentInput,
) -> Result<RecordView> {
    let fields = input.validate(true)?;
    let mut tx = app.db.write().await?;
    let me = acting_unit(actor)?;
    let p = store::get_placement(&mut tx, placement)
        .await?
        .filter(|p| p.school_org_id == me.org_id || p.org_id == me.org_id)
        .ok_or(Error::NotFound("placement"))?;
    if p.employment_id.is_some() {
        return Err(Error::WrongState("employment.already_confirmed".into()));
    }
    let trainee = gongjiang_store::supply::get_trainee(&mut tx, p.trainee_id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    let r = EmploymentRecord {
        id: EmploymentId::new(),
        trainee_id: p.trainee_id,
        school_org_id: trainee.org_id,
        employer_org_id: p.org_id,
        post: fields.post.unwrap_or(p.post_name.clone()),
        start_on: iso(fields.start_on),
        wage_fen: fields.wage_fen,
        source: EmploymentSource::Placement,
        placement_id: Some(p.id),
        status_applied: false,
        created_by: me.login.clone(),
        created_org_id: me.org_id,
        created_at: app.now(),
    };
    let r = insert(&mut tx, app, actor, r, &trainee).await?;
    let view = record_view(&mut tx, &r, &[], me.org_id, app.now().date_cst()).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(view)
}

/// Who a hand-entered record is about: a trainee of the school by id, or
/// (for an employer, who knows its employee's ID number) by ID number.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ManualInput {
    /// `trainee_id` (schools).
    pub trainee_id: String,
    /// `id_number` (employers, or schools).
    pub id_number: String,
    /// The job.
    #[serde(flatten)]
    pub job: EmploymentInput,
}

/// Records a job by hand. A school enters it for its own trainee, naming the
/// employer (an enterprise); an employer enters it for itself, naming the
/// trainee by ID number.
pub async fn record_by_hand(app: &App, actor: &Actor, input: &ManualInput) -> Result<RecordView> {
    let mut tx = app.db.write().await?;
    let me = acting_unit(actor)?;
    let is_school = me.org_kind.is_school();
    let mut job = input.job.clone();
    if !is_school && job.employer_org_id.trim().is_empty() {
        job.employer_org_id = me.org_id.to_string();
    }
    let validated = job.validate(false);
    let trainee = if !input.trainee_id.trim().is_empty() {
        let id: Option<TraineeId> = input.trainee_id.trim().parse().ok();
        match id {
            Some(id) => gongjiang_store::supply::get_trainee(&mut tx, id)
                .await?
                .filter(|t| t.org_id == me.org_id),
            None => None,
        }
        .ok_or_else(|| Error::field("trainee_id", Problem::InvalidChoice))?
    } else if !input.id_number.trim().is_empty() {
        let number =
            gongjiang_domain::values::IdCardNumber::parse(&input.id_number, app.now().date_cst())
                .map_err(|p| Error::field("id_number", p))?;
        let index = app.vault.index("id_number", number.as_str());
        gongjiang_store::supply::trainee_by_index(&mut tx, &index)
            .await?
            .filter(|t| !is_school || t.org_id == me.org_id)
            .ok_or_else(|| {
                Error::field(
                    "id_number",
                    Problem::Rule {
                        key: "no_such_trainee",
                    },
                )
            })?
    } else {
        return Err(Error::field(
            if is_school { "trainee_id" } else { "id_number" },
            Problem::Required,
        ));
    };
    let fields = validated?;
    let employer = fields
        .employer_org_id
        .ok_or_else(|| Error::field("employer_org_id", Problem::Required))?;
    if !is_school && employer != me.org_id {
        return Err(Error::field("employer_org_id", Problem::InvalidChoice));
    }
    let employer_is_enterprise = gongjiang_store::members::get_org(&mut tx, employer)
        .await?
        .is_some_and(|o| o.kind == OrgKind::Enterprise);
    if !employer_is_enterprise {
        return Err(Error::field("employer_org_id", Problem::InvalidChoice));
    }
    let r = EmploymentRecord {
        id: EmploymentId::new(),
        trainee_id: trainee.id,
        school_org_id: trainee.org_id,
        employer_org_id: employer,
        post: fields.post.unwrap_or_default(),
        start_on: iso(fields.start_on),
        wage_fen: fields.wage_fen,
        source: EmploymentSource::Manual,
        placement_id: None,
        status_applied: false,
        created_by: me.login.clone(),
        created_org_id: me.org_id,
        created_at: app.now(),
    };
    let r = insert(&mut tx, app, actor, r, &trainee).await?;
    let view = record_view(&mut tx, &r, &[], me.org_id, app.now().date_cst()).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(view)
}

/// Enters (or corrects) the 6- or 12-month follow-up of a record. Only the
/// record's school or employer may, and only once it has fallen due.
pub async fn record_outcome(
    app: &App,
    actor: &Actor,
    id: EmploymentId,
    input: &OutcomeInput,
) -> Result<RecordView> {
    let fields = input.validate()?;
    let now = app.now();
    let today = now.date_cst();
    let mut tx = app.db.write().await?;
    let me = acting_unit(actor)?;
    let r = store::get_record(&mut tx, id)
        .await?
        .filter(|r| party(r, me.org_id))
        .ok_or(Error::NotFound("employment record"))?;
    if due_on(&r.start_on, fields.months).is_none_or(|d| d > today) {
        return Err(Error::WrongState("employment.not_due".into()));
    }
    let before = store::outcomes_of_record(&mut tx, id)
        .await?
        .into_iter()
        .find(|o| o.months == fields.months);
    let outcome = Outcome {
        record_id: id,
        months: fields.months,
        still_employed: fields.still_employed,
        wage_fen: fields.wage_fen,
        note: fields.note,
        entered_by: me.login.clone(),
        entered_org_id: me.org_id,
        entered_at: now,
    };
    store::save_outcome(&mut tx, &outcome).await?;
    record(
        &mut tx,
        app,
        actor,
        "employment.outcome",
        "employment",
        &id.to_string(),
        Some(r.school_org_id.to_string()),
        before.map(|b| json!(b)).unwrap_or(json!(null)),
        json!(outcome),
    )
    .await?;
    let outcomes = store::outcomes_of_record(&mut tx, id).await?;
    let view = record_view(&mut tx, &r, &outcomes, me.org_id, today).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(view)
}

/// Moves to employed the trainees whose job (recorded earlier with a future
/// start) has now started, for records the acting unit is party to.
/// Audited as done on this actor's request.
pub async fn start_due(app: &App, actor: &Actor) -> Result<usize> {
    let Ok(me) = actor.user() else {
        return Ok(0);
    };
    if !actor.may(Permission::ManageEmployment(me.org_id)) {
        return Ok(0);
    }
    let today = iso(app.now().date_cst());
    {
        let mut conn = app.db.read().await?;
        let pending = store::started_unapplied(&mut conn, &today).await?;
        if !pending.iter().any(|r| party(r, me.org_id)) {
            return Ok(0);
        }
    }
    let mut tx = app.db.write().await?;
    let mut moved = 0;
    for r in store::started_unapplied(&mut tx, &today).await? {
        if !party(&r, me.org_id) {
            continue;
        }
        if let Some(t) = gongjiang_store::supply::get_trainee(&mut tx, r.trainee_id).await? {
            apply_status(&mut tx, app, actor, &r, &t).await?;
        }
        store::mark_status_applied(&mut tx, r.id).await?;
        moved += 1;
    }
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(moved)
}

/// A follow-up the acting unit should enter now.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Reminder {
    /// The record.
    pub record_id: EmploymentId,
    /// The trainee's name as the unit may see it.
    pub trainee_name: String,
    /// The employer.
    pub employer: String,
    /// 6 or 12.
    pub months: i64,
    /// The day it fell due.
    pub due_on: String,
}

/// The follow-ups a record owes on `today` (due and not entered).
pub(super) fn owed(
    r: &EmploymentRecord,
    outcomes: &HashMap<EmploymentId, Vec<Outcome>>,
    today: time::Date,
) -> Vec<(i64, String)> {
    let entered: Vec<i64> = outcomes
        .get(&r.id)
        .map(|o| o.iter().map(|o| o.months).collect())
        .unwrap_or_default();
    due_checkpoints(&r.start_on, &entered, today)
}

/// The acting unit's records that owe a follow-up today, each with what it
/// owes (jobs whose start came are moved to employed first).
async fn owing(app: &App, actor: &Actor) -> Result<Vec<(EmploymentRecord, Vec<(i64, String)>)>> {
    let org = actor.user()?.org_id;
    actor.require(Permission::ManageEmployment(org))?;
    start_due(app, actor).await?;
    let today = app.now().date_cst();
    let mut conn = app.db.read().await?;
    let records = store::records_of_org(&mut conn, org).await?;
    let outcomes = outcomes_by_record(store::outcomes_of_org(&mut conn, org).await?);
    Ok(records
        .into_iter()
        .filter_map(|r| {
            let due = owed(&r, &outcomes, today);
            (!due.is_empty()).then_some((r, due))
        })
        .collect())
}

/// How many follow-ups the acting unit owes today (the home page's count:
/// no names are read).
pub async fn reminder_count(app: &App, actor: &Actor) -> Result<usize> {
    Ok(owing(app, actor)
        .await?
        .iter()
        .map(|(_, due)| due.len())
        .sum())
}

/// Follow-ups due and not entered for the acting unit's records, the most
/// overdue first (by the day each fell due, then the checkpoint and the
/// trainee's name).
pub async fn reminders(app: &App, actor: &Actor) -> Result<Vec<Reminder>> {
    let owing = owing(app, actor).await?;
    let org = actor.user()?.org_id;
    let mut conn = app.db.read().await?;
    let names = Names::load(
        &mut conn,
        owing.iter().map(|(r, _)| r.trainee_id),
        owing.iter().map(|(r, _)| r.employer_org_id),
    )
    .await?;
    Ok(reminders_of(
        owing.iter().map(|(r, due)| (r, due.as_slice())),
        &names,
        org,
    ))
}

/// The reminders of records owing follow-ups (each with the checkpoints
/// due), named for `org`, the most overdue first.
pub(super) fn reminders_of<'a>(
    owing: impl IntoIterator<Item = (&'a EmploymentRecord, &'a [(i64, String)])>,
    names: &Names,
    org: gongjiang_domain::ids::OrgId,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for (r, due) in owing {
        for (months, due_on) in due {
            out.push(Reminder {
                record_id: r.id,
                trainee_name: names.trainee(r.trainee_id, org),
                employer: names.org(r.employer_org_id),
                months: *months,
                due_on: due_on.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        (&a.due_on, a.months, &a.trainee_name).cmp(&(&b.due_on, b.months, &b.trainee_name))
    });
    out
}
