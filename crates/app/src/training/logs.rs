//! The weekly log, which trainees write and the host confirms or queries, and
//! the school supervisor's visits.

use super::access::{Standing, load, load_managed};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, RefusedMove, Result};
use crate::policy::Permission;
use gongjiang_domain::demand::date_field;
use gongjiang_domain::ids::{InternshipId, LogEntryId, VisitId};
use gongjiang_domain::members::text_field;
use gongjiang_domain::training::{self as rules, InternshipStatus, LogEntry, LogStatus, Visit};
use gongjiang_domain::{FieldErrors, Lifecycle, Problem};
use gongjiang_store::training::{self as store};
use serde_json::json;

/// The trainee writes the entry for a week of an internship in progress. A
/// week that already has an entry is refused, naming the week: an entry is
/// changed only by revising it ([`revise_log`]), never by a new submission.
pub async fn write_log(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    week: &str,
    content: &str,
) -> Result<LogEntry> {
    let me = actor.user()?.clone();
    let mut tx = app.db.write().await?;
    let (i, standing) = load(&mut tx, actor, id).await?;
    if standing != Standing::Trainee {
        return Err(Error::Forbidden);
    }
    actor.require(Permission::WriteInternshipLog(i.school_org_id))?;
    if i.status != InternshipStatus::InProgress {
        return Err(Error::WrongState("internship.not_in_progress".into()));
    }
    let week = rules::week_field(week).map_err(|p| Error::field("week_of", p))?;
    let content = rules::log_content(content).map_err(|p| Error::field("content", p))?;
    let now = app.now();
    let start = date_field(&i.fields.start_on).map_err(|_| Error::Internal("bad start".into()))?;
    let end = date_field(&i.fields.end_on).map_err(|_| Error::Internal("bad end".into()))?;
    if week > end || week < rules::week_of(start) || week > now.date_cst() {
        return Err(Error::field(
            "week_of",
            Problem::Rule {
                key: "week_outside_period",
            },
        ));
    }
    let week_text = gongjiang_domain::demand::iso(week);
    if store::logs(&mut tx, id)
        .await?
        .iter()
        .any(|l| l.week_of == week_text)
    {
        return Err(Error::field(
            "week_of",
            Problem::Rule {
                key: "week_has_entry",
            },
        ));
    }
    let entry = LogEntry {
        id: LogEntryId::new(),
        internship_id: id,
        week_of: week_text,
        content,
        status: LogStatus::Submitted,
        comment: String::new(),
        written_by: me.login.clone(),
        written_at: now,
        reviewed_by: String::new(),
        reviewed_at: None,
    };
    store::save_log(&mut tx, &entry).await?;
    tell_host(&mut tx, app, &i, "log.submitted", &entry.week_of).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.log",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(null),
        json!(entry),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(entry)
}

/// Tells the host's supervisors that an entry waits for them.
async fn tell_host(
    tx: &mut gongjiang_store::Connection,
    app: &App,
    i: &gongjiang_domain::training::Internship,
    kind: &'static str,
    week: &str,
) -> Result<()> {
    let people = crate::notifications::staff_who(
        tx,
        i.fields.host_org_id,
        crate::policy::Kind::SuperviseInterns,
    )
    .await?;
    let event =
        crate::notifications::Event::new(kind, format!("/internships/{}", i.id)).arg("week", week);
    crate::notifications::raise(tx, app, &people, &event).await?;
    Ok(())
}

/// The trainee revises an entry that is not confirmed: its earlier text is
/// kept as a revision, and the entry goes (back) to the host as submitted
/// (a queried entry so returns to the host with the answer).
pub async fn revise_log(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    entry: LogEntryId,
    content: &str,
) -> Result<LogEntry> {
    let me = actor.user()?.clone();
    let mut tx = app.db.write().await?;
    let (i, standing) = load(&mut tx, actor, id).await?;
    if standing != Standing::Trainee {
        return Err(Error::Forbidden);
    }
    actor.require(Permission::WriteInternshipLog(i.school_org_id))?;
    let existing = store::get_log(&mut tx, entry)
        .await?
        .filter(|l| l.internship_id == id)
        .ok_or(Error::NotFound("log"))?;
    if i.status != InternshipStatus::InProgress {
        return Err(Error::WrongState("internship.not_in_progress".into()));
    }
    let status = existing
        .status
        .move_to(LogStatus::Submitted)
        .or_wrong_state("internship.log_confirmed")?;
    let content = rules::log_content(content).map_err(|p| Error::field("content", p))?;
    let now = app.now();
    store::keep_log_revision(&mut tx, &existing, now).await?;
    let revised = LogEntry {
        content,
        status,
        written_by: me.login.clone(),
        written_at: now,
        reviewed_by: String::new(),
        reviewed_at: None,
        ..existing.clone()
    };
    store::save_log(&mut tx, &revised).await?;
    tell_host(&mut tx, app, &i, "log.revised", &revised.week_of).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.log_revise",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(existing),
        json!(revised),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(revised)
}

/// The host's staff confirm an entry, or query it with a comment.
pub async fn review_log(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    entry: LogEntryId,
    confirm: bool,
    comment: &str,
) -> Result<LogEntry> {
    let me = actor.user()?.clone();
    let comment = text_field(comment, if confirm { 0 } else { 2 }, 1000)
        .map_err(|p| Error::field("comment", p))?;
    let mut tx = app.db.write().await?;
    let (i, standing) = load(&mut tx, actor, id).await?;
    if standing != Standing::Host {
        return Err(Error::Forbidden);
    }
    let before = store::get_log(&mut tx, entry)
        .await?
        .filter(|l| l.internship_id == id)
        .ok_or(Error::NotFound("log"))?;
    let status = before
        .status
        .move_to(if confirm {
            LogStatus::Confirmed
        } else {
            LogStatus::Queried
        })
        .or_wrong_state("internship.log_reviewed")?;
    let after = LogEntry {
        status,
        comment,
        reviewed_by: me.login.clone(),
        reviewed_at: Some(app.now()),
        ..before.clone()
    };
    store::save_log(&mut tx, &after).await?;
    if !confirm {
        use crate::notifications::{Event, raise, staff_who, trainee_reader};
        let mut people = trainee_reader(&mut tx, i.fields.trainee_id).await?;
        people.extend(
            staff_who(
                &mut tx,
                i.school_org_id,
                crate::policy::Kind::ManageTraining,
            )
            .await?,
        );
        let event = Event::new("log.queried", format!("/internships/{id}"))
            .arg("week", &after.week_of)
            .arg("comment", &after.comment);
        raise(&mut tx, app, &people, &event).await?;
    }
    record(
        &mut tx,
        app,
        actor,
        if confirm {
            "internship.log_confirm"
        } else {
            "internship.log_query"
        },
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(before),
        json!(after),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(after)
}

/// School staff record a supervisor's visit to an intern.
pub async fn record_visit(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    visited_on: &str,
    note: &str,
) -> Result<Visit> {
    let me = actor.user()?.clone();
    let today = app.now().date_cst();
    let mut errors = FieldErrors::new();
    let date = errors.check("visited_on", date_field(visited_on));
    if date.is_some_and(|d| d > today) {
        errors.push("visited_on", Problem::DateInFuture);
    }
    let note = errors.check("note", text_field(note, 2, 2000));
    errors.into_result()?;
    let (Some(date), Some(note)) = (date, note) else {
        return Err(Error::Internal("validated visit".into()));
    };
    let mut tx = app.db.write().await?;
    let i = load_managed(&mut tx, actor, id).await?;
    let v = Visit {
        id: VisitId::new(),
        internship_id: id,
        visited_on: gongjiang_domain::demand::iso(date),
        note,
        recorded_by: me.login.clone(),
    };
    store::insert_visit(&mut tx, &v, app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.visit",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(null),
        json!(v),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(v)
}

/// What the weekly log asks of the actor today, for the home page's work
/// queue: entries to confirm and interns on site (host staff), queried
/// entries and trainees out (school staff), and the trainee's own
/// internship in progress with whether this week's entry is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkQueue {
    /// As host: entries waiting for confirmation, and interns on site.
    pub host: Option<(i64, i64)>,
    /// As school: queried entries, and trainees on an internship.
    pub school: Option<(i64, i64)>,
    /// As trainee: the internship in progress, and whether this week has an entry.
    pub mine: Option<(InternshipId, bool)>,
}

/// The actor's work queue of the weekly log.
pub async fn work_queue(app: &App, actor: &Actor) -> Result<WorkQueue> {
    let Ok(me) = actor.user() else {
        return Ok(WorkQueue::default());
    };
    let mut conn = app.db.read().await?;
    let mut queue = WorkQueue::default();
    let hosts = actor.may(Permission::SuperviseInterns(me.org_id));
    let teaches = actor.may(Permission::ManageTraining(me.org_id));
    if hosts || teaches {
        let c = store::work_counts(&mut conn, me.org_id).await?;
        if hosts && (c.to_confirm > 0 || c.on_site > 0) {
            queue.host = Some((c.to_confirm, c.on_site));
        }
        if teaches && (c.queried > 0 || c.out > 0) {
            queue.school = Some((c.queried, c.out));
        }
    }
    if let Some(own) = super::learning::own_trainee(&mut conn, actor).await? {
        let week = gongjiang_domain::demand::iso(rules::week_of(app.now().date_cst()));
        for i in store::internships_of_trainee(&mut conn, own).await? {
            if i.status == InternshipStatus::InProgress {
                let written = store::logs(&mut conn, i.id)
                    .await?
                    .iter()
                    .any(|l| l.week_of == week);
                queue.mine = Some((i.id, written));
                break;
            }
        }
    }
    Ok(queue)
}
