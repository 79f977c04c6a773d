//! Employment (就业, issue 5): records confirmed from published placements or
//! entered by hand, follow-ups 6 and 12 months after the start with reminders
//! when due, the trainee's own path with a personal-data export, and the
//! talent funnel (enrolled → interned → employed → retained).
//!
//! Who may do what: the trainee's school and the employer keep a record and
//! its follow-ups (`ManageEmployment` on their own unit); a unit that is
//! neither does not learn the record exists (404). The trainee sees their own
//! path and downloads their data, with their ID and phone numbers in full;
//! staff of their school may download it masked. Every change and every
//! export writes an audit entry.

use crate::App;
use crate::actor::{Actor, User};
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::Problem;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::{DemandKind, iso};
use gongjiang_domain::employment::{
    EmploymentInput, EmploymentRecord, EmploymentSource, FunnelBy, Outcome, OutcomeInput, Stage,
    due_checkpoints, due_on, has_started,
};
use gongjiang_domain::ids::{EmploymentId, OrgId, PlacementId, TraineeId};
use gongjiang_domain::members::{OrgKind, Organization};
use gongjiang_domain::supply::{Trainee, TraineeStatus};
use gongjiang_sheets::{ColumnKind, ColumnSpec, SheetSpec};
use gongjiang_store::Connection;
use gongjiang_store::employment::{self as store, PlacementLine};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

// ---------------------------------------------------------------- who acts

/// The acting unit, when the actor may keep employment records for it.
async fn acting_unit(conn: &mut Connection, actor: &Actor) -> Result<(User, Organization)> {
    let me = actor.user()?.clone();
    actor.require(Permission::ManageEmployment(me.org_id))?;
    let org = gongjiang_store::members::get_org(conn, me.org_id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    Ok((me, org))
}

/// True when `org` is the record's school or its employer.
fn party(record: &EmploymentRecord, org: OrgId) -> bool {
    record.school_org_id == org || record.employer_org_id == org
}

async fn org_name(
    conn: &mut Connection,
    cache: &mut HashMap<OrgId, String>,
    id: OrgId,
) -> Result<String> {
    if let Some(n) = cache.get(&id) {
        return Ok(n.clone());
    }
    let name = gongjiang_store::members::get_org(conn, id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    cache.insert(id, name.clone());
    Ok(name)
}

fn yuan(fen: i64) -> i64 {
    fen / 100
}

// ---------------------------------------------------------------- views

/// A follow-up as shown.
#[derive(Debug, Clone, Serialize)]
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

fn outcome_view(o: &Outcome) -> OutcomeView {
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
#[derive(Debug, Clone, Serialize)]
pub struct DueView {
    /// 6 or 12.
    pub months: i64,
    /// The day it fell due.
    pub due_on: String,
}

/// An employment record as a unit sees it.
#[derive(Debug, Clone, Serialize)]
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

async fn record_view(
    conn: &mut Connection,
    names: &mut HashMap<OrgId, String>,
    r: &EmploymentRecord,
    outcomes: &[Outcome],
    viewer_org: OrgId,
    today: time::Date,
) -> Result<RecordView> {
    let trainee = gongjiang_store::supply::get_trainee(conn, r.trainee_id).await?;
    let trainee_name = trainee
        .map(|t| {
            if t.org_id == viewer_org {
                t.name
            } else {
                t.name_masked
            }
        })
        .unwrap_or_default();
    let mine: Vec<&Outcome> = outcomes.iter().filter(|o| o.record_id == r.id).collect();
    let entered: Vec<i64> = mine.iter().map(|o| o.months).collect();
    Ok(RecordView {
        id: r.id,
        trainee_id: r.trainee_id,
        trainee_name,
        school_org_id: r.school_org_id,
        school: org_name(conn, names, r.school_org_id).await?,
        employer_org_id: r.employer_org_id,
        employer: org_name(conn, names, r.employer_org_id).await?,
        post: r.post.clone(),
        start_on: r.start_on.clone(),
        wage: yuan(r.wage_fen),
        source: r.source,
        placement_id: r.placement_id,
        outcomes: mine.iter().map(|o| outcome_view(o)).collect(),
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
    })
}

/// A placement waiting to be confirmed as employment.
#[derive(Debug, Clone, Serialize)]
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

async fn placement_view(
    conn: &mut Connection,
    names: &mut HashMap<OrgId, String>,
    p: &PlacementLine,
    viewer_org: OrgId,
) -> Result<PlacementView> {
    let t = gongjiang_store::supply::get_trainee(conn, p.trainee_id).await?;
    Ok(PlacementView {
        id: p.id,
        trainee_id: p.trainee_id,
        trainee_name: t
            .map(|t| {
                if t.org_id == viewer_org {
                    t.name
                } else {
                    t.name_masked
                }
            })
            .unwrap_or_default(),
        employer: org_name(conn, names, p.org_id).await?,
        post: p.post_name.clone(),
        kind: p.kind.as_str().to_string(),
        start_on: p.start_on.clone(),
        wage_min: p.wage_min_fen.map(yuan),
        employment_id: p.employment_id,
    })
}

/// What a school or an employer sees on its employment page.
#[derive(Debug, Clone, Serialize)]
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
    start_due(app, actor).await?;
    let mut conn = app.db.read().await?;
    let (me, org) = acting_unit(&mut conn, actor).await?;
    let today = app.now().date_cst();
    let records = store::records_of_org(&mut conn, me.org_id).await?;
    let outcomes = store::outcomes_of_org(&mut conn, me.org_id).await?;
    let mut names = HashMap::new();
    let mut views = Vec::with_capacity(records.len());
    for r in &records {
        views.push(record_view(&mut conn, &mut names, r, &outcomes, me.org_id, today).await?);
    }
    let mut placements = Vec::new();
    // Jobs and apprenticeships wait for confirmation; an internship kept on
    // (实习留用) is confirmed through the API or entered by hand.
    for p in store::placements_of_org(&mut conn, me.org_id).await? {
        if p.employment_id.is_none()
            && matches!(p.kind, DemandKind::Job | DemandKind::Apprenticeship)
        {
            placements.push(placement_view(&mut conn, &mut names, &p, me.org_id).await?);
        }
    }
    Ok(Overview {
        records: views,
        placements,
        is_school: org.kind.is_school(),
    })
}

/// One record, for its school or employer; anyone else gets 404.
pub async fn get(app: &App, actor: &Actor, id: EmploymentId) -> Result<RecordView> {
    let mut conn = app.db.read().await?;
    let (me, _) = acting_unit(&mut conn, actor).await?;
    let r = store::get_record(&mut conn, id)
        .await?
        .filter(|r| party(r, me.org_id))
        .ok_or(Error::NotFound("employment record"))?;
    let outcomes = store::outcomes_of_record(&mut conn, id).await?;
    let mut names = HashMap::new();
    record_view(
        &mut conn,
        &mut names,
        &r,
        &outcomes,
        me.org_id,
        app.now().date_cst(),
    )
    .await
}

// ---------------------------------------------------------------- changes

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
    let (me, _) = acting_unit(&mut tx, actor).await?;
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
    let mut names = HashMap::new();
    let view = record_view(
        &mut tx,
        &mut names,
        &r,
        &[],
        me.org_id,
        app.now().date_cst(),
    )
    .await?;
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
    let (me, org) = acting_unit(&mut tx, actor).await?;
    let is_school = org.kind.is_school();
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
    let mut names = HashMap::new();
    let view = record_view(
        &mut tx,
        &mut names,
        &r,
        &[],
        me.org_id,
        app.now().date_cst(),
    )
    .await?;
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
    let (me, _) = acting_unit(&mut tx, actor).await?;
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
    let mut names = HashMap::new();
    let view = record_view(&mut tx, &mut names, &r, &outcomes, me.org_id, today).await?;
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
#[derive(Debug, Clone, Serialize)]
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

/// Follow-ups due and not entered for the acting unit's records.
pub async fn reminders(app: &App, actor: &Actor) -> Result<Vec<Reminder>> {
    let org = actor.user()?.org_id;
    actor.require(Permission::ManageEmployment(org))?;
    start_due(app, actor).await?;
    let today = app.now().date_cst();
    let mut conn = app.db.read().await?;
    let records = store::records_of_org(&mut conn, org).await?;
    let outcomes = store::outcomes_of_org(&mut conn, org).await?;
    let mut names = HashMap::new();
    let mut out = Vec::new();
    for r in &records {
        let entered: Vec<i64> = outcomes
            .iter()
            .filter(|o| o.record_id == r.id)
            .map(|o| o.months)
            .collect();
        let due = due_checkpoints(&r.start_on, &entered, today);
        if due.is_empty() {
            continue;
        }
        let view = record_view(&mut conn, &mut names, r, &outcomes, org, today).await?;
        for (months, due_on) in due {
            out.push(Reminder {
                record_id: r.id,
                trainee_name: view.trainee_name.clone(),
                employer: view.employer.clone(),
                months,
                due_on,
            });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- the trainee's own path

/// One fact on the trainee's page: an interface key for its label, and the value.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Interface key of the label (`path.post`).
    pub label: &'static str,
    /// The value as shown, or a stored choice when `choice` is set.
    pub value: String,
    /// The interface group that words a stored choice (`internship_status`).
    pub choice: Option<&'static str>,
}

/// One thing in a section (a placement, a job).
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Headline.
    pub title: String,
    /// Its facts.
    pub facts: Vec<Fact>,
    /// Where to open it (a certificate's verify page), if anywhere.
    pub href: Option<String>,
}

/// A section of the trainee's path. Each area adds its own (`placements`,
/// `employment`; `internships`, `evaluations`, `certificates` as they come):
/// `key` is the interface key of its heading.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Interface key of the heading (`path.placements`).
    pub key: &'static str,
    /// Its items, oldest first.
    pub items: Vec<Item>,
}

/// The trainee's path so far, as they see it.
#[derive(Debug, Clone, Serialize)]
pub struct TraineePath {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Their name.
    pub name: String,
    /// Student number.
    pub student_no: String,
    /// ID number, masked (in full only in the export).
    pub id_number: String,
    /// Status.
    pub status: TraineeStatus,
    /// The school.
    pub school: String,
    /// The cohort, if any.
    pub cohort: Option<String>,
    /// The major (name and code), if known.
    pub major: Option<String>,
    /// The sections, in the order of the path.
    pub sections: Vec<Section>,
}

fn fact(label: &'static str, value: impl Into<String>) -> Fact {
    Fact {
        label,
        value: value.into(),
        choice: None,
    }
}

/// A fact whose value is a stored choice, worded by the page from `group`.
fn choice_fact(label: &'static str, group: &'static str, value: &str) -> Fact {
    Fact {
        label,
        value: value.to_string(),
        choice: Some(group),
    }
}

/// The trainee record linked to the acting trainee account.
async fn own_trainee(conn: &mut Connection, actor: &Actor) -> Result<Trainee> {
    let me = actor.require(Permission::ViewOwnRecord)?;
    let id = gongjiang_store::rounds::trainee_of_user(conn, me.user_id)
        .await?
        .ok_or(Error::WrongState("round.no_trainee_record".into()))?;
    gongjiang_store::supply::get_trainee(conn, id)
        .await?
        .ok_or(Error::NotFound("trainee"))
}

/// The section of placements.
async fn placements_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    for p in store::placements_of_trainee(conn, t.id).await? {
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, p.org_id).await?,
                p.post_name
            ),
            facts: vec![
                choice_fact("path.kind", "demand_kind", p.kind.as_str()),
                fact("path.start_on", p.start_on.clone()),
                fact("path.placed_at", p.created_at.display_cst()),
            ],
            href: None,
        });
    }
    Ok(Section {
        key: "path.placements",
        items,
    })
}

/// The section of completed learning tasks (work-study records kept by `training`).
async fn learning_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut list = gongjiang_store::training::learning_records(conn, t.id).await?;
    list.reverse(); // oldest first, like the path
    let items = list
        .into_iter()
        .map(|r| Item {
            title: format!("{} · {}", r.course_name, r.task_name),
            facts: vec![
                fact("path.completed_on", r.completed_on),
                fact("path.hours", r.hours.to_string()),
                choice_fact("path.place", "learning_place", r.place.as_str()),
                fact("path.assessor", r.assessor),
            ],
            href: None,
        })
        .collect();
    Ok(Section {
        key: "path.learning",
        items,
    })
}

/// The section of skill evaluations (kept by `evaluation`): each session
/// taken, with its result once scored.
async fn evaluations_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    let mut list = gongjiang_store::evaluation::candidacies_of_trainee(conn, t.id).await?;
    list.sort_by(|a, b| a.1.held_on.cmp(&b.1.held_on));
    for (candidate, session) in list {
        let result = match candidate.passed {
            Some(true) => "passed",
            Some(false) => "failed",
            None => "pending",
        };
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, session.org_id).await?,
                session.occupation_code
            ),
            facts: vec![
                choice_fact("path.level", "level", session.level.as_str()),
                fact("path.held_on", session.held_on.clone()),
                choice_fact("path.result", "path.result", result),
            ],
            href: None,
        });
    }
    Ok(Section {
        key: "path.evaluations",
        items,
    })
}

/// The section of certificates (kept by `certificates`), each linking its
/// public verify page, where the signed credential is downloaded.
async fn certificates_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    for c in gongjiang_store::certificates::of_trainee(conn, t.id).await? {
        items.push(Item {
            title: format!("{} · {}", c.occupation_name, c.level.wording()),
            facts: vec![
                fact("path.certificate_number", c.number.clone()),
                fact("path.issuer", org_name(conn, &mut names, c.org_id).await?),
                fact("path.issued_on", c.issued_on.clone()),
                choice_fact("path.certificate_status", "path.cert_status", &c.status),
            ],
            href: Some(format!("/verify/{}", c.token)),
        });
    }
    Ok(Section {
        key: "path.certificates",
        items,
    })
}

/// The section of internships (training records kept by `training`).
async fn internships_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut list = gongjiang_store::training::internships_of_trainee(conn, t.id).await?;
    list.reverse(); // oldest first, like the path
    let mut items = Vec::new();
    for i in list {
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, i.fields.host_org_id).await?,
                i.fields.post_name
            ),
            facts: vec![
                fact(
                    "path.period",
                    format!("{} – {}", i.fields.start_on, i.fields.end_on),
                ),
                choice_fact(
                    "path.internship_status",
                    "internship_status",
                    i.status.as_str(),
                ),
            ],
            href: None,
        });
    }
    Ok(Section {
        key: "path.internships",
        items,
    })
}

/// The section of jobs, each with its follow-ups.
async fn employment_section(conn: &mut Connection, t: &Trainee) -> Result<Section> {
    let mut names = HashMap::new();
    let mut items = Vec::new();
    for r in store::records_of_trainee(conn, t.id).await? {
        let mut facts = vec![
            fact("path.start_on", r.start_on.clone()),
            fact("path.wage", yuan(r.wage_fen).to_string()),
        ];
        for o in store::outcomes_of_record(conn, r.id).await? {
            let label = if o.months == 6 {
                "path.outcome6"
            } else {
                "path.outcome12"
            };
            let mut value = String::from(if o.still_employed { "✓" } else { "✗" });
            if let Some(w) = o.wage_fen {
                value.push_str(&format!(" {}", yuan(w)));
            }
            if !o.note.is_empty() {
                value.push_str(&format!(" · {}", o.note));
            }
            facts.push(fact(label, value));
        }
        items.push(Item {
            title: format!(
                "{} · {}",
                org_name(conn, &mut names, r.employer_org_id).await?,
                r.post
            ),
            facts,
            href: None,
        });
    }
    Ok(Section {
        key: "path.employment",
        items,
    })
}

/// The acting trainee's path: school, cohort, major, then one section per area.
pub async fn my_path(app: &App, actor: &Actor) -> Result<TraineePath> {
    let mut conn = app.db.read().await?;
    let t = own_trainee(&mut conn, actor).await?;
    let school = gongjiang_store::members::get_org(&mut conn, t.org_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let cohort = match t.cohort_id {
        Some(c) => gongjiang_store::supply::get_cohort(&mut conn, c).await?,
        None => None,
    };
    let major = match &cohort {
        Some(c) => gongjiang_store::supply::get_major(&mut conn, c.major_id).await?,
        None => None,
    };
    // Each area adds its section here, in the order of the path.
    let sections = vec![
        learning_section(&mut conn, &t).await?,
        placements_section(&mut conn, &t).await?,
        internships_section(&mut conn, &t).await?,
        evaluations_section(&mut conn, &t).await?,
        certificates_section(&mut conn, &t).await?,
        employment_section(&mut conn, &t).await?,
    ];
    Ok(TraineePath {
        trainee_id: t.id,
        name: t.name.clone(),
        student_no: t.student_no.clone(),
        id_number: t.id_masked.clone(),
        status: t.status,
        school,
        cohort: cohort.map(|c| c.name),
        major: major.map(|m| format!("{}（{}）", m.name, m.code)),
        sections,
    })
}

// ---------------------------------------------------------------- personal-data export

fn aad(field: &str, id: TraineeId) -> String {
    format!("trainees.{field}:{id}")
}

/// Everything the platform holds about a trainee, as JSON. `in_full` opens
/// the sealed ID and phone numbers (only for the trainee themself).
async fn personal_data(
    conn: &mut Connection,
    app: &App,
    t: &Trainee,
    in_full: bool,
) -> Result<Value> {
    let (id_number, phone) = if in_full {
        let id = app
            .vault
            .open(&t.id_sealed, &aad("id_number", t.id))
            .map_err(|e| Error::Internal(e.to_string()))?;
        let phone = match &t.phone_sealed {
            Some(p) => app
                .vault
                .open(p, &aad("phone", t.id))
                .map_err(|e| Error::Internal(e.to_string()))?,
            None => String::new(),
        };
        (id, phone)
    } else {
        (t.id_masked.clone(), t.phone_masked.clone())
    };
    let school = gongjiang_store::members::get_org(conn, t.org_id).await?;
    let cohort = match t.cohort_id {
        Some(c) => gongjiang_store::supply::get_cohort(conn, c).await?,
        None => None,
    };
    let major = match &cohort {
        Some(c) => gongjiang_store::supply::get_major(conn, c.major_id).await?,
        None => None,
    };
    let mut names = HashMap::new();
    let mut placements = Vec::new();
    for p in store::placements_of_trainee(conn, t.id).await? {
        placements.push(json!({"id": p.id, "enterprise": org_name(conn, &mut names, p.org_id).await?,
            "post": p.post_name, "kind": p.kind.as_str(), "start_on": p.start_on, "round_id": p.round_id,
            "created_at": p.created_at.rfc3339_cst()}));
    }
    let mut jobs = Vec::new();
    for r in store::records_of_trainee(conn, t.id).await? {
        let outcomes: Vec<OutcomeView> = store::outcomes_of_record(conn, r.id)
            .await?
            .iter()
            .map(outcome_view)
            .collect();
        jobs.push(json!({"id": r.id, "employer": org_name(conn, &mut names, r.employer_org_id).await?,
            "post": r.post, "start_on": r.start_on, "wage": yuan(r.wage_fen), "source": r.source.as_str(),
            "entered_by": r.created_by, "entered_at": r.created_at.rfc3339_cst(), "follow_ups": outcomes}));
    }
    Ok(json!({
        "subject": {
            "id": t.id, "name": t.name, "id_number": id_number, "phone": phone,
            "identifiers_in_full": in_full,
            "birth_date": t.birth_date, "gender": t.gender, "student_no": t.student_no,
            "status": t.status.as_str(), "created_at": t.created_at.rfc3339_cst(),
            "consent": {"purpose": t.consent_purpose, "recorded_by": t.consent_by, "at": t.consent_at.rfc3339_cst()},
        },
        "school": school.map(|s| json!({"id": s.id, "name": s.name})),
        "cohort": cohort.map(|c| json!({"id": c.id, "name": c.name, "entry_year": c.entry_year, "graduation_year": c.graduation_year})),
        "major": major.map(|m| json!({"id": m.id, "code": m.code, "name": m.name, "level": m.level.as_str()})),
        "account": store::account_of_trainee(conn, t.id).await?,
        "round_preferences": store::preferences_of_trainee(conn, t.id).await?,
        "round_results": store::results_of_trainee(conn, t.id).await?,
        "placements": placements,
        "learning_records": gongjiang_store::training::learning_records(conn, t.id).await?,
        "internships": gongjiang_store::training::internships_of_trainee(conn, t.id).await?,
        "evaluations": gongjiang_store::evaluation::candidacies_of_trainee(conn, t.id)
            .await?
            .into_iter()
            .map(|(candidate, session)| json!({"session": session, "candidate": candidate}))
            .collect::<Vec<_>>(),
        "certificates": gongjiang_store::certificates::of_trainee(conn, t.id).await?,
        "employment": jobs,
        "identifier_reveals": store::reveals_of_trainee(conn, t.id).await?,
    }))
}

/// A personal-data export and whose it is.
#[derive(Debug, Clone)]
pub struct PersonalData {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Everything held, as JSON.
    pub data: Value,
}

async fn audited_export(
    app: &App,
    actor: &Actor,
    t: &Trainee,
    in_full: bool,
    format: &str,
) -> Result<PersonalData> {
    let mut tx = app.db.write().await?;
    let mut data = personal_data(&mut tx, app, t, in_full).await?;
    data["generated_at"] = json!(app.now().rfc3339_cst());
    record(
        &mut tx,
        app,
        actor,
        "trainee.export",
        "trainee",
        &t.id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!({"format": format, "identifiers_in_full": in_full}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(PersonalData {
        trainee_id: t.id,
        data,
    })
}

/// The acting trainee's own data, identifiers in full (PIPL Art. 45). Audited.
pub async fn export_mine(app: &App, actor: &Actor, format: &str) -> Result<PersonalData> {
    let t = {
        let mut conn = app.db.read().await?;
        own_trainee(&mut conn, actor).await?
    };
    audited_export(app, actor, &t, true, format).await
}

/// A trainee's data for staff of their school (to answer a request made on
/// paper), identifiers masked. Another unit gets 404. Audited.
pub async fn export_for_school(
    app: &App,
    actor: &Actor,
    trainee: TraineeId,
    format: &str,
) -> Result<PersonalData> {
    let t = {
        let mut conn = app.db.read().await?;
        gongjiang_store::supply::get_trainee(&mut conn, trainee)
            .await?
            .ok_or(Error::NotFound("trainee"))?
    };
    if actor.require(Permission::ManageSupply(t.org_id)).is_err() {
        return Err(Error::NotFound("trainee"));
    }
    audited_export(app, actor, &t, false, format).await
}

/// The export as one sheet: section, field path, value.
pub const PERSONAL_DATA_SHEET: SheetSpec = SheetSpec {
    name: "个人数据",
    columns: &[
        ColumnSpec::new("section", "类别", ColumnKind::Text),
        ColumnSpec::new("field", "字段", ColumnKind::Text),
        ColumnSpec::new("value", "值", ColumnKind::Text),
    ],
};

/// The export's JSON flattened into rows of [`PERSONAL_DATA_SHEET`].
pub fn personal_data_rows(data: &Value) -> Vec<Vec<String>> {
    fn walk(section: &str, path: String, v: &Value, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(section, p, v, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let p = if path.is_empty() {
                        format!("{}", i + 1)
                    } else {
                        format!("{path}.{}", i + 1)
                    };
                    walk(section, p, v, out);
                }
            }
            Value::Null => {}
            Value::String(s) => out.push(vec![section.to_string(), path, s.clone()]),
            other => out.push(vec![section.to_string(), path, other.to_string()]),
        }
    }
    let mut out = Vec::new();
    if let Value::Object(map) = data {
        for (k, v) in map {
            walk(k, String::new(), v, &mut out);
        }
    }
    out
}

// ---------------------------------------------------------------- the funnel

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
#[derive(Debug, Clone, Serialize)]
pub struct FunnelRow {
    /// The group's id (`none` for trainees outside any group).
    pub key: String,
    /// Its name (empty for `none`).
    pub label: String,
    /// Trainees who reached each stage of [`STAGES`].
    pub counts: Vec<i64>,
}

/// The funnel by one grouping.
#[derive(Debug, Clone, Serialize)]
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

/// The trainees that reached `stage` (one query each).
async fn stage_members(conn: &mut Connection, stage: Stage) -> Result<HashSet<TraineeId>> {
    Ok(match stage {
        Stage::Enrolled => store::stage_enrolled(conn, None)
            .await?
            .into_iter()
            .map(|e| e.trainee_id)
            .collect(),
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
/// trainees). Other units are refused.
pub async fn funnel(app: &App, actor: &Actor, by: FunnelBy) -> Result<Funnel> {
    let mut conn = app.db.read().await?;
    let school = funnel_scope(&mut conn, actor).await?;
    let base = store::stage_enrolled(&mut conn, school).await?;
    let mut reached = Vec::with_capacity(STAGES.len());
    for stage in STAGES {
        reached.push(stage_members(&mut conn, *stage).await?);
    }
    // The group of each trainee in scope.
    let mut group_of: HashMap<TraineeId, Option<String>> = HashMap::new();
    let mut labels: HashMap<String, String> = HashMap::new();
    match by {
        FunnelBy::Cohort => {
            for c in gongjiang_store::supply::cohorts(&mut conn, school).await? {
                labels.insert(c.id.to_string(), c.name);
            }
            for e in &base {
                group_of.insert(e.trainee_id, e.cohort_id.map(|c| c.to_string()));
            }
        }
        FunnelBy::Major => {
            for m in gongjiang_store::supply::majors(&mut conn, school).await? {
                labels.insert(m.id.to_string(), format!("{}（{}）", m.name, m.code));
            }
            for e in &base {
                group_of.insert(e.trainee_id, e.major_id.map(|m| m.to_string()));
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
            for e in &base {
                let org = employed
                    .get(&e.trainee_id)
                    .or_else(|| placed.get(&e.trainee_id))
                    .copied();
                if let Some(o) = org {
                    let name = org_name(&mut conn, &mut names, o).await?;
                    labels.insert(o.to_string(), name);
                }
                group_of.insert(e.trainee_id, org.map(|o| o.to_string()));
            }
        }
    }
    let mut rows: HashMap<String, Vec<i64>> = HashMap::new();
    let mut total = vec![0; STAGES.len()];
    for e in &base {
        let key = group_of
            .get(&e.trainee_id)
            .cloned()
            .flatten()
            .unwrap_or_else(|| "none".into());
        let counts = rows.entry(key).or_insert_with(|| vec![0; STAGES.len()]);
        for (i, set) in reached.iter().enumerate() {
            if set.contains(&e.trainee_id) {
                counts[i] += 1;
                total[i] += 1;
            }
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

    #[test]
    fn the_export_flattens_into_section_path_and_value() {
        let rows = personal_data_rows(&json!({
            "subject": {"name": "王小明", "consent": {"purpose": "就业推荐"}},
            "employment": [{"post": "检验员", "wage": 5200}],
            "account": null,
        }));
        assert!(rows.contains(&vec!["subject".into(), "name".into(), "王小明".into()]));
        assert!(rows.contains(&vec![
            "subject".into(),
            "consent.purpose".into(),
            "就业推荐".into()
        ]));
        assert!(rows.contains(&vec!["employment".into(), "1.wage".into(), "5200".into()]));
        assert!(!rows.iter().any(|r| r[0] == "account"));
    }
}
