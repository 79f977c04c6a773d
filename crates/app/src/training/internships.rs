//! Internships: creating and changing a draft, and reading one, the actor's
//! list, and a trainee's internships for other features.

use super::access::{Standing, load, load_managed, standing};
use super::learning::{own_trainee, trainee};
use super::rules::facts;
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::date_field;
use gongjiang_domain::ids::{InternshipId, TraineeId};
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

/// The internships the actor may see: the school's trainees' (school staff),
/// those at the enterprise (host staff), the trainee's own, or all (secretariat).
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Listed>> {
    let me = actor.user()?.clone();
    let mut conn = app.db.read().await?;
    let all = if let Some(own) = own_trainee(&mut conn, actor).await? {
        store::internships_of_trainee(&mut conn, own).await?
    } else if actor.may(Permission::OverrideInternshipRules) {
        store::internships(&mut conn, None, None).await?
    } else if me.role == Role::Trainee {
        Vec::new()
    } else {
        // As the trainees' school, then as the host; a unit hosting its own trainees appears once.
        let mut v = store::internships(&mut conn, Some(me.org_id), None).await?;
        for i in store::internships(&mut conn, None, Some(me.org_id)).await? {
            if !v.iter().any(|seen| seen.id == i.id) {
                v.push(i);
            }
        }
        v
    };
    let mut out = Vec::with_capacity(all.len());
    for i in all {
        if standing(&mut conn, actor, &i).await?.is_none() {
            continue;
        }
        let t = trainee(&mut conn, i.fields.trainee_id).await?;
        let is_self = standing(&mut conn, actor, &i).await? == Some(Standing::Trainee);
        out.push(Listed {
            trainee_name: crate::supply::shown_name(actor, &t, is_self),
            host_name: org_name(&mut conn, i.fields.host_org_id).await?,
            internship: i,
        });
    }
    Ok(out)
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
