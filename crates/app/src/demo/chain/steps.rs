//! The steps the chain loader repeats: acting as a demo account (or a stand-in
//! user), entering a major's structure, an internship, a log entry for a
//! trainee without an account, and the host's review of it.

use super::Report;
use super::plans::{PDF, Plan};
use crate::App;
use crate::actor::{Actor, User as Acting, Via};
use crate::audit::record;
use crate::demo::Loaded;
use crate::error::{Error, Result};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::demand::{date_field, iso};
use gongjiang_domain::ids::{InternshipId, LogEntryId, MajorId, OrgId, UserId};
use gongjiang_domain::supply::{Cohort, Trainee};
use gongjiang_domain::training::{
    self as rules, Internship, InternshipInput, InternshipStatus, LearningTask, LogEntry,
    LogStatus, StructureInput,
};
use gongjiang_store::supply::TraineeFilter;
use serde_json::json;
use time::Date;

/// A signed-in demo account acting for its unit.
pub(super) async fn account(
    app: &App,
    loaded: &Loaded,
    login: &str,
    org: OrgId,
    role: Role,
) -> Result<Actor> {
    let mut conn = app.db.read().await?;
    let user = gongjiang_store::accounts::user_by_login(&mut conn, login)
        .await?
        .ok_or_else(|| Error::Internal(format!("no demo account {login}")))?;
    let org_kind = kind_of(&mut conn, org).await?;
    Ok(Actor::User {
        user: Acting {
            user_id: user.id,
            login: user.login,
            display_name: user.display_name,
            org_id: org,
            org_kind,
            role,
            alliance_id: loaded.alliance,
            via: Via::Cli,
        },
        ip: "demo".into(),
    })
}

/// The kind of a demo unit (it exists: the demo made it).
async fn kind_of(
    conn: &mut gongjiang_store::Connection,
    org: OrgId,
) -> Result<gongjiang_domain::members::OrgKind> {
    gongjiang_store::members::org_kind(conn, org)
        .await?
        .ok_or_else(|| Error::Internal(format!("no demo unit {org}")))
}

/// A stand-in for a unit without a demo account (audited as `demo`).
pub(super) async fn stand_in(app: &App, loaded: &Loaded, org: OrgId, role: Role) -> Result<Actor> {
    let mut conn = app.db.read().await?;
    Ok(Actor::User {
        user: Acting {
            user_id: UserId::new(),
            login: "demo".into(),
            display_name: "演示数据".into(),
            org_id: org,
            org_kind: kind_of(&mut conn, org).await?,
            role,
            alliance_id: loaded.alliance,
            via: Via::Cli,
        },
        ip: "demo".into(),
    })
}

fn item(seq: usize, name: &str, hours: i64, description: &str) -> StructureInput {
    StructureInput {
        seq: (seq + 1).to_string(),
        name: name.into(),
        hours: if hours > 0 {
            hours.to_string()
        } else {
            String::new()
        },
        description: description.into(),
    }
}

/// Builds a major's work-study structure; returns its learning tasks in order.
pub(super) async fn structure(
    app: &App,
    actor: &Actor,
    major: MajorId,
    plan: Plan,
    report: &mut Report,
) -> Result<Vec<LearningTask>> {
    let mut out = Vec::new();
    for (i, (task, description, courses)) in plan.iter().enumerate() {
        let w = crate::training::add_work_task(app, actor, major, &item(i, task, 0, description))
            .await?;
        report.work_tasks += 1;
        for (j, (course, hours, tasks)) in courses.iter().enumerate() {
            let c =
                crate::training::add_course(app, actor, w.id, &item(j, course, *hours, "")).await?;
            for (k, (name, hours)) in tasks.iter().enumerate() {
                let l = crate::training::add_learning_task(
                    app,
                    actor,
                    c.id,
                    &item(k, name, *hours, "工作页、评价表见课程资源。"),
                )
                .await?;
                report.learning_tasks += 1;
                out.push(l);
            }
        }
    }
    Ok(out)
}

pub(super) async fn trainees_of(app: &App, cohort: &Cohort) -> Result<Vec<Trainee>> {
    let mut conn = app.db.read().await?;
    let (list, _) = gongjiang_store::supply::trainees(
        &mut conn,
        &TraineeFilter {
            cohort_id: Some(cohort.id),
            ..Default::default()
        },
        0,
        500,
    )
    .await?;
    Ok(list)
}

pub(super) fn yes(flag: bool) -> String {
    if flag { "yes" } else { "no" }.into()
}

pub(super) fn age_on(t: &Trainee, day: Date) -> u32 {
    date_field(&t.birth_date).map_or(0, |b| gongjiang_domain::rounds::age_on(b, day))
}

/// A position internship that passes every rule (or, with `night`, one that does not).
#[expect(
    clippy::too_many_arguments,
    reason = "one internship has this many facts"
)]
pub(super) fn internship_input(
    t: &Trainee,
    host: OrgId,
    post: &str,
    start: Date,
    end: Date,
    pay: i64,
    cognitive: bool,
    night: bool,
) -> InternshipInput {
    InternshipInput {
        trainee_id: t.id.to_string(),
        kind: if cognitive { "cognitive" } else { "position" }.into(),
        host_org_id: host.to_string(),
        post_name: post.into(),
        school_supervisor: "周老师".into(),
        host_supervisor: "柯师傅".into(),
        start_on: iso(start),
        end_on: iso(end),
        daily_hours: "8".into(),
        weekly_hours: "40".into(),
        night_shift: yes(night),
        overtime: yes(false),
        holiday_work: yes(false),
        pay_monthly: pay.to_string(),
        reference_wage: (pay * 10 / 9).to_string(),
        fees_charged: "0".into(),
        intermediary: yes(false),
        insurer: "示例财产保险公司（虚构）".into(),
        policy_no: format!("SXBX-{}-{:04}", start.year(), pay % 9973),
        cover_from: iso(start),
        cover_to: iso(end),
        premium_payer: "school".into(),
        hazards: if night {
            vec!["minor_forbidden".into()]
        } else {
            Vec::new()
        },
        specialty_relation: "matching".into(),
        covers_typical_tasks: yes(true),
        ..Default::default()
    }
}

/// Creates an internship, attaches its documents, and brings it to `to`
/// (starting it through the rule check); returns it.
pub(super) async fn internship(
    app: &App,
    school: &Actor,
    input: &InternshipInput,
    t: &Trainee,
    to: InternshipStatus,
    report: &mut Report,
) -> Result<Internship> {
    let i = crate::training::create_internship(app, school, input).await?;
    report.internships += 1;
    let start = date_field(&input.start_on).map_err(|_| Error::Internal("start".into()))?;
    let mut kinds = vec![
        ("agreement", "三方协议.pdf"),
        ("consent_form", "知情同意书.pdf"),
    ];
    if age_on(t, start) < 18 && to != InternshipStatus::Draft {
        kinds.push(("guardian_consent", "监护人同意书.pdf"));
    }
    for (kind, name) in kinds {
        crate::training::attach(app, school, i.id, kind, name, PDF).await?;
    }
    if to == InternshipStatus::Draft {
        return Ok(i);
    }
    let ready = crate::training::set_status(app, school, i.id, InternshipStatus::Ready, "").await?;
    if to == InternshipStatus::Ready {
        return Ok(ready);
    }
    let started = crate::training::start(app, school, i.id).await?;
    if !started.started {
        return Err(Error::Internal(format!(
            "a demo internship fails the rules: {:?}",
            started.failures
        )));
    }
    if to == InternshipStatus::Finished {
        return crate::training::set_status(app, school, i.id, InternshipStatus::Finished, "")
            .await;
    }
    Ok(started.internship)
}

/// A weekly entry of a trainee without an account, with `training::write_log`'s
/// checks: the internship is in progress, the week lies in its period and has come.
pub(super) async fn log_without_account(
    app: &App,
    writer: &Actor,
    i: &Internship,
    week: Date,
    content: &str,
) -> Result<LogEntry> {
    let content = rules::log_content(content).map_err(|p| Error::field("content", p))?;
    let start = date_field(&i.fields.start_on).map_err(|_| Error::Internal("start".into()))?;
    let end = date_field(&i.fields.end_on).map_err(|_| Error::Internal("end".into()))?;
    let now = app.now();
    if i.status != InternshipStatus::InProgress
        || week != rules::week_of(week)
        || week < rules::week_of(start)
        || week > end
        || week > now.date_cst()
    {
        return Err(Error::Internal(
            "demo log week outside the internship".into(),
        ));
    }
    let entry = LogEntry {
        id: LogEntryId::new(),
        internship_id: i.id,
        week_of: iso(week),
        content,
        status: LogStatus::Submitted,
        comment: String::new(),
        written_by: "demo".into(),
        written_at: now,
        reviewed_by: String::new(),
        reviewed_at: None,
    };
    let mut tx = app.db.write().await?;
    gongjiang_store::training::save_log(&mut tx, &entry).await?;
    record(
        &mut tx,
        app,
        writer,
        "internship.log",
        "internship",
        &i.id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(null),
        json!(entry),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(entry)
}

/// Reviews an entry: confirmed, or queried when `query` is set.
pub(super) async fn review(
    app: &App,
    host: &Actor,
    i: InternshipId,
    e: &LogEntry,
    query: bool,
    report: &mut Report,
) -> Result<()> {
    report.log_entries += 1;
    if query {
        crate::training::review_log(
            app,
            host,
            i,
            e.id,
            false,
            "请补充本周具体操作内容和遇到的问题。",
        )
        .await?;
    } else {
        crate::training::review_log(app, host, i, e.id, true, "").await?;
    }
    Ok(())
}
