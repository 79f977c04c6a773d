//! Internships: creating and changing a draft, and reading one, the actor's
//! list, and a trainee's internships for other features.

use super::access::{Standing, load, load_managed};
use super::learning::{own_trainee, trainee};
use super::rules::facts;
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::date_field;
use gongjiang_domain::ids::{InternshipId, OrgId, TraineeId};
use gongjiang_domain::supply::Trainee;
use gongjiang_domain::training::{
    self as rules, Internship, InternshipInput, InternshipStatus, LogEntry, Override, RuleFailure,
    Visit,
};
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::Connection;
use gongjiang_store::training::{self as store, Document};
use serde::Serialize;
use serde_json::json;

async fn checked_fields(
    conn: &mut Connection,
    actor: &Actor,
    input: &InternshipInput,
) -> Result<(rules::InternshipFields, Trainee)> {
    // Only those who manage training for their own school record internships
    // at all; for them, a trainee of another school is simply not a choice.
    actor.require(Permission::ManageTraining(actor.user()?.org_id))?;
    let fields = input.validate()?;
    let t = trainee(conn, fields.trainee_id).await?;
    if actor.require(Permission::ManageTraining(t.org_id)).is_err() {
        return Err(if actor.may(Permission::ViewTrainees(t.org_id)) {
            Error::Forbidden
        } else {
            Error::field("trainee_id", Problem::InvalidChoice)
        });
    }
    let mut errors = FieldErrors::new();
    match gongjiang_store::members::get_org(conn, fields.host_org_id).await? {
        Some(_) => {}
        None => errors.push("host_org_id", Problem::InvalidChoice),
    }
    if let Some(d) = fields.demand_id {
        let demand = gongjiang_store::demand::get(conn, d).await?;
        if demand.is_none_or(|d| d.org_id != fields.host_org_id) {
            errors.push("demand_id", Problem::InvalidChoice);
        }
    }
    errors.into_result()?;
    Ok((fields, t))
}

/// Records a new internship (draft) for a trainee of the actor's school.
pub async fn create_internship(
    app: &App,
    actor: &Actor,
    input: &InternshipInput,
) -> Result<Internship> {
    let me = actor.user()?.clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let (fields, t) = checked_fields(&mut tx, actor, input).await?;
    let i = Internship {
        id: InternshipId::new(),
        school_org_id: t.org_id,
        fields,
        status: InternshipStatus::Draft,
        warnings: Vec::new(),
        termination_reason: None,
        created_by: me.login.clone(),
        created_at: now,
        updated_at: now,
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.create",
        "internship",
        &i.id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!(i),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(i)
}

/// Changes a draft or ready internship (the trainee stays the same).
pub async fn update_internship(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    input: &InternshipInput,
) -> Result<Internship> {
    let now = app.now();
    let mut tx = app.db.write().await?;
    let before = load_managed(&mut tx, actor, id).await?;
    if !before.status.editable() {
        return Err(Error::WrongState("internship.not_editable".into()));
    }
    let (fields, _) = checked_fields(&mut tx, actor, input).await?;
    if fields.trainee_id != before.fields.trainee_id {
        return Err(Error::field("trainee_id", Problem::WrongState));
    }
    let i = Internship {
        fields,
        updated_at: now,
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.update",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(before),
        json!(i),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(i)
}

/// An internship with everything its page shows.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InternshipView {
    /// The internship.
    pub internship: Internship,
    /// How the actor stands to it.
    pub standing: Standing,
    /// The trainee's masked name.
    pub trainee_name: String,
    /// The trainee's student number.
    pub student_no: String,
    /// The school's name.
    pub school_name: String,
    /// The host's name.
    pub host_name: String,
    /// Attached documents.
    pub documents: Vec<Document>,
    /// The rule check now (while it may still start; empty afterwards).
    pub check: Vec<RuleFailure>,
    /// Recorded overrides.
    pub overrides: Vec<Override>,
    /// The weekly log.
    pub logs: Vec<LogEntry>,
    /// The earlier texts of revised entries.
    pub log_revisions: Vec<gongjiang_domain::training::LogRevision>,
    /// Ended weeks of the period without an entry (Mondays), while in progress or finished.
    pub missing_weeks: Vec<String>,
    /// Supervisors' visits.
    pub visits: Vec<Visit>,
}

async fn org_name(conn: &mut Connection, id: gongjiang_domain::ids::OrgId) -> Result<String> {
    Ok(gongjiang_store::members::get_org(conn, id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default())
}

/// One internship the actor may see, with its documents, check, log and visits.
pub async fn get(app: &App, actor: &Actor, id: InternshipId) -> Result<InternshipView> {
    let today = app.now().date_cst();
    let mut conn = app.db.read().await?;
    let (i, standing) = load(&mut conn, actor, id).await?;
    let t = trainee(&mut conn, i.fields.trainee_id).await?;
    let check = if i.status.editable() {
        rules::check(&facts(&mut conn, &i).await?, &app.settings.internship_rules)
    } else {
        Vec::new()
    };
    let logs = store::logs(&mut conn, id).await?;
    let log_revisions = store::log_revisions(&mut conn, id).await?;
    let missing_weeks = match (
        i.status,
        date_field(&i.fields.start_on),
        date_field(&i.fields.end_on),
    ) {
        (InternshipStatus::InProgress | InternshipStatus::Finished, Ok(s), Ok(e)) => {
            let logged: Vec<_> = logs
                .iter()
                .filter_map(|l| date_field(&l.week_of).ok())
                .collect();
            rules::missing_weeks(s, e, today, &logged)
                .into_iter()
                .map(gongjiang_domain::demand::iso)
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(InternshipView {
        standing,
        trainee_name: crate::supply::shown_name(actor, &t, standing == Standing::Trainee),
        student_no: t.student_no.clone(),
        school_name: org_name(&mut conn, i.school_org_id).await?,
        host_name: org_name(&mut conn, i.fields.host_org_id).await?,
        documents: store::documents(&mut conn, id).await?,
        check,
        overrides: store::overrides(&mut conn, id).await?,
        logs,
        log_revisions,
        missing_weeks,
        visits: store::visits(&mut conn, id).await?,
        internship: i,
    })
}

/// An internship as lists show it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Listed {
    /// The internship.
    pub internship: Internship,
    /// The trainee's masked name.
    pub trainee_name: String,
    /// The host's name.
    pub host_name: String,
}

/// One page of the internships the actor may see — the school's trainees'
/// (school staff), those at the enterprise (host staff), the trainee's own,
/// or all (secretariat) — of one status if given, newest start first, with the total: paged by the
/// database, the trainees' and hosts' names read for the page's rows only.
pub async fn list_page(
    app: &App,
    actor: &Actor,
    status: Option<InternshipStatus>,
    page: i64,
    per_page: i64,
) -> Result<(Vec<Listed>, i64)> {
    use gongjiang_store::training::InternshipScope;
    let me = actor.user()?.clone();
    let mut conn = app.db.read().await?;
    let own = own_trainee(&mut conn, actor).await?;
    let scope = if let Some(t) = own {
        InternshipScope::Trainee(t)
    } else if actor.may(Permission::OverrideInternshipRules) {
        InternshipScope::All
    } else if me.role == Role::Trainee {
        return Ok((Vec::new(), 0));
    } else {
        // As the trainees' school and as the host, each where the role
        // stands (`access::standing`); a unit hosting its own trainees
        // appears once.
        InternshipScope::Unit {
            org: me.org_id,
            school: actor.may(Permission::ManageTraining(me.org_id)),
            host: actor.may(Permission::SuperviseInterns(me.org_id)),
        }
    };
    let per_page = per_page.clamp(1, 200);
    let (rows, total) = store::internships_page(
        &mut conn,
        scope,
        status,
        (page.max(1) - 1) * per_page,
        per_page,
    )
    .await?;
    let trainees: Vec<TraineeId> = rows.iter().map(|i| i.fields.trainee_id).collect();
    let names = gongjiang_store::supply::trainee_names(&mut conn, &trainees).await?;
    let mut hosts: Vec<OrgId> = rows.iter().map(|i| i.fields.host_org_id).collect();
    hosts.sort_unstable_by_key(|o| o.to_string());
    hosts.dedup();
    let host_names = if hosts.is_empty() {
        std::collections::HashMap::new()
    } else {
        gongjiang_store::members::names_of(&mut conn, &hosts).await?
    };
    let out = rows
        .into_iter()
        .map(|i| {
            let name = names.get(&i.fields.trainee_id);
            // In full for the trainee themself and for staff of their school.
            let full = own == Some(i.fields.trainee_id)
                || name.is_some_and(|n| n.org_id == me.org_id && me.role != Role::Trainee);
            Listed {
                trainee_name: name
                    .map(|n| {
                        if full {
                            n.name.clone()
                        } else {
                            n.name_masked.clone()
                        }
                    })
                    .unwrap_or_default(),
                host_name: host_names
                    .get(&i.fields.host_org_id)
                    .cloned()
                    .unwrap_or_default(),
                internship: i,
            }
        })
        .collect();
    Ok((out, total))
}

/// A trainee's internships, newest first, for those who may see the trainee
/// (staff of the school, the secretariat, the trainee).
pub async fn internships_of_trainee(
    app: &App,
    actor: &Actor,
    trainee_id: TraineeId,
) -> Result<Vec<Internship>> {
    let mut conn = app.db.read().await?;
    let t = trainee(&mut conn, trainee_id).await?;
    let own = own_trainee(&mut conn, actor).await? == Some(t.id);
    if !own && !actor.may(Permission::ViewTrainees(t.org_id)) {
        return Err(Error::NotFound("trainee"));
    }
    Ok(store::internships_of_trainee(&mut conn, trainee_id).await?)
}

/// Whether a trainee has interned: an internship in progress or finished (for funnels).
pub async fn has_interned(app: &App, actor: &Actor, trainee_id: TraineeId) -> Result<bool> {
    Ok(internships_of_trainee(app, actor, trainee_id)
        .await?
        .iter()
        .any(Internship::counts_as_interned))
}
