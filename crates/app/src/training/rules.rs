//! The internship rules INT-01…INT-14: gathering the facts they look at,
//! checking them, starting an internship when they pass (or by the
//! secretariat's override), and later status changes.

use super::access::{load, load_managed};
use super::learning::trainee;
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, RefusedMove, Result};
use crate::policy::Permission;
use gongjiang_domain::Lifecycle;
use gongjiang_domain::demand::date_field;
use gongjiang_domain::ids::InternshipId;
use gongjiang_domain::members::text_field;
use gongjiang_domain::training::{
    self as rules, DocumentKind, Facts, Internship, InternshipStatus, Override, RuleFailure,
};
use gongjiang_store::Connection;
use gongjiang_store::training::{self as store};
use serde::Serialize;
use serde_json::json;

/// Gathers the facts the rules look at: the trainee's age, gender and year of
/// study, the host, its in-service staff (recorded for placement rounds) and
/// the position interns of all schools in progress there during the period.
pub(super) async fn facts(conn: &mut Connection, i: &Internship) -> Result<Facts> {
    let f = &i.fields;
    let t = trainee(conn, f.trainee_id).await?;
    let bad_date = |what: &str| Error::Internal(format!("internship {}: bad {what}", i.id));
    let start = date_field(&f.start_on).map_err(|_| bad_date("start"))?;
    let end = date_field(&f.end_on).map_err(|_| bad_date("end"))?;
    let birth = date_field(&t.birth_date).map_err(|_| bad_date("birth date"))?;
    let entry_year = match t.cohort_id {
        Some(c) => gongjiang_store::supply::get_cohort(conn, c)
            .await?
            .map(|c| c.entry_year),
        None => None,
    };
    let host = gongjiang_store::members::get_org(conn, f.host_org_id).await?;
    let (post_staff, post_interns) = match f.demand_id {
        Some(d) => (
            store::post_staff(conn, d).await?,
            store::concurrent_on_post(conn, d, &f.start_on, &f.end_on, i.id).await?,
        ),
        None => (None, 0),
    };
    let docs = store::documents(conn, i.id).await?;
    let has = |k: DocumentKind| docs.iter().any(|d| d.kind == k);
    let optional = |s: &str| date_field(s).ok();
    Ok(Facts {
        kind: f.kind,
        host_is_legal_entity: host
            .as_ref()
            .is_some_and(|o| !o.credit_code.trim().is_empty()),
        start_on: start,
        end_on: end,
        birth_date: birth,
        female: t.gender == "female",
        entry_year,
        hazards: f.hazards.clone(),
        exception_filing_ref: f.exception_filing_ref.clone(),
        intermediary: f.intermediary,
        night_shift: f.night_shift,
        overtime: f.overtime,
        holiday_work: f.holiday_work,
        daily_hours: f.daily_hours,
        weekly_hours: f.weekly_hours,
        pay_monthly: f.pay_monthly,
        reference_wage: f.reference_wage,
        fees_charged: f.fees_charged,
        host_staff: store::host_staff(conn, f.host_org_id).await?,
        host_interns: store::concurrent_at_host(conn, f.host_org_id, &f.start_on, &f.end_on, i.id)
            .await?,
        names_post: f.demand_id.is_some(),
        post_staff,
        post_interns,
        covers_typical_tasks: f.covers_typical_tasks,
        specialty_relation: f.specialty_relation,
        relation_exception: f.relation_exception.clone(),
        has_agreement: has(DocumentKind::Agreement),
        has_guardian_consent: has(DocumentKind::GuardianConsent),
        has_consent_form: has(DocumentKind::ConsentForm),
        insurer: f.insurer.clone(),
        policy_no: f.policy_no.clone(),
        cover_from: optional(&f.cover_from),
        cover_to: optional(&f.cover_to),
        premium_payer: f.premium_payer,
        has_school_supervisor: !f.school_supervisor.trim().is_empty(),
        has_host_supervisor: !f.host_supervisor.trim().is_empty(),
        self_found: f.self_found,
    })
}

/// The rule check as it stands now (a dry run), for anyone who may see the internship.
pub async fn check(app: &App, actor: &Actor, id: InternshipId) -> Result<Vec<RuleFailure>> {
    let mut conn = app.db.read().await?;
    let (i, _) = load(&mut conn, actor, id).await?;
    Ok(rules::check(
        &facts(&mut conn, &i).await?,
        &app.settings.internship_rules,
    ))
}

/// What became of a request to start an internship.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StartOutcome {
    /// True when it is now in progress.
    pub started: bool,
    /// Every failure: when not started, the hard ones block; when started, the soft ones are warnings
    /// (and, after an override, the overridden hard ones too).
    pub failures: Vec<RuleFailure>,
    /// The internship as it now stands.
    pub internship: Internship,
}

/// Starts a ready internship (school staff): checks INT-01…INT-14 at once;
/// any hard failure refuses the start and lists every failure.
pub async fn start(app: &App, actor: &Actor, id: InternshipId) -> Result<StartOutcome> {
    let now = app.now();
    let mut tx = app.db.write().await?;
    let before = load_managed(&mut tx, actor, id).await?;
    let status = before
        .status
        .move_to(InternshipStatus::InProgress)
        .or_wrong_state("internship.not_ready")?;
    let failures = rules::check(
        &facts(&mut tx, &before).await?,
        &app.settings.internship_rules,
    );
    if failures.iter().any(RuleFailure::is_hard) {
        record(
            &mut tx,
            app,
            actor,
            "internship.start_refused",
            "internship",
            &id.to_string(),
            Some(before.school_org_id.to_string()),
            json!(null),
            json!({"failures": failures}),
        )
        .await?;
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
        return Ok(StartOutcome {
            started: false,
            failures,
            internship: before,
        });
    }
    let i = Internship {
        status,
        warnings: failures.clone(),
        updated_at: now,
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.start",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!({"status": before.status}),
        json!({"status": i.status, "warnings": failures}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(StartOutcome {
        started: true,
        failures,
        internship: i,
    })
}

/// The secretariat starts a ready internship despite its hard failures. The
/// written reason is required; who, when, the reason and the failures
/// overridden are recorded with the internship and in the audit log.
pub async fn override_start(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    reason: &str,
) -> Result<StartOutcome> {
    let me = actor.require(Permission::OverrideInternshipRules)?.clone();
    let reason = text_field(reason, 10, 1000).map_err(|p| Error::field("reason", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let (before, _) = load(&mut tx, actor, id).await?;
    let status = before
        .status
        .move_to(InternshipStatus::InProgress)
        .or_wrong_state("internship.not_ready")?;
    let failures = rules::check(
        &facts(&mut tx, &before).await?,
        &app.settings.internship_rules,
    );
    let hard: Vec<RuleFailure> = failures.iter().filter(|f| f.is_hard()).cloned().collect();
    if hard.is_empty() {
        return Err(Error::WrongState("internship.nothing_to_override".into()));
    }
    let o = Override {
        internship_id: id,
        by_login: me.login.clone(),
        by_org: me.org_id,
        reason: reason.clone(),
        failures: hard.clone(),
        at: now,
    };
    store::insert_override(&mut tx, &o).await?;
    let i = Internship {
        status,
        warnings: failures.clone(),
        updated_at: now,
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.override",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!({"status": before.status}),
        json!({"status": i.status, "reason": reason, "overridden": hard}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(StartOutcome {
        started: true,
        failures,
        internship: i,
    })
}

/// Moves an internship (school staff): draft ⇄ ready, in progress → finished,
/// draft/ready/in progress → terminated. Starting goes through [`start`].
/// Terminating needs a reason (2 to 200 characters, field `reason`), kept
/// with the internship and in the audit log; other moves take none.
pub async fn set_status(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    to: InternshipStatus,
    reason: &str,
) -> Result<Internship> {
    let mut tx = app.db.write().await?;
    let before = load_managed(&mut tx, actor, id).await?;
    // Starting is a move the machine allows, but only through `start`.
    if to == InternshipStatus::InProgress {
        return Err(Error::WrongState("internship.wrong_move".into()));
    }
    let status = before
        .status
        .move_to(to)
        .or_wrong_state("internship.wrong_move")?;
    let termination_reason = if to == InternshipStatus::Terminated {
        Some(text_field(reason, 2, 200).map_err(|p| Error::field("reason", p))?)
    } else {
        before.termination_reason.clone()
    };
    let i = Internship {
        status,
        termination_reason,
        updated_at: app.now(),
        ..before.clone()
    };
    store::save_internship(&mut tx, &i).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.status",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!({"status": before.status}),
        match &i.termination_reason {
            Some(reason) if to == InternshipStatus::Terminated => {
                json!({"status": to, "reason": reason})
            }
            _ => json!({"status": to}),
        },
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(i)
}
