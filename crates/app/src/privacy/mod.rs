//! Personal-information rights (PIPL): the trainee's consents and their
//! withdrawal, separate consent to share their identity with one enterprise,
//! and the access log of who read their data (security reference §3.2 F1,
//! F2, F7, F8).
//!
//! Other areas ask this kit, never the tables: [`placement_withdrawn`] before
//! showing applicants to an enterprise, [`shared_with`] before naming them,
//! and [`log_access`] when a page shows one person's data.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use crate::supply::own_trainee;
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{OrgId, TraineeId};
use gongjiang_domain::privacy::{
    self as domain, ConsentMethod, ConsentNeed, ConsentRecord, Decision, Purpose, REGISTER,
};
use gongjiang_domain::supply::Trainee;
use gongjiang_store::Connection;
use gongjiang_store::privacy::{self as store, Access};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The notice's version: the first 12 hex digits of the SHA-256 of the
/// register and the rules for children as JSON. Any change of a purpose, method, category or retention
/// gives a new version.
pub fn notice_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let text = serde_json::to_string(&(REGISTER, domain::CHILD_RULES_ZH))
            .expect("the register serialises");
        let digest = Sha256::digest(text.as_bytes());
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    })
}

/// A consent as the trainee sees it: for a purpose (and, for separate
/// consent, one enterprise), whether it stands and since when.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ConsentView {
    /// The purpose.
    pub purpose: Purpose,
    /// The enterprise, for separate consent.
    pub recipient_org_id: Option<OrgId>,
    /// Its name.
    pub recipient: Option<String>,
    /// Whether the consent stands now.
    pub in_force: bool,
    /// The decision in force, if one was recorded on the platform (none:
    /// the consent recorded by the school when it collected the data, or no
    /// separate consent given).
    pub decided: Option<Decision>,
    /// When that decision was made.
    pub decided_at: Option<Timestamp>,
}

/// The trainee's privacy page: every consent and its history.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PrivacyView {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The notice version in force.
    pub notice_version: String,
    /// Who recorded the consent given when the data was collected, and when.
    pub collected_by: String,
    /// When.
    pub collected_at: Timestamp,
    /// Consents needing plain consent, in register order.
    pub consents: Vec<ConsentView>,
    /// Separate consents to share identity, one per enterprise the trainee
    /// applied to, was placed with, interns or works at.
    pub sharing: Vec<ConsentView>,
    /// Every decision recorded, oldest first.
    pub history: Vec<HistoryLine>,
    /// Under 14: only a parent's or guardian's grant counts (recorded by the school).
    pub guardian_needed: bool,
}

/// A recorded decision, with its id and whether its signed paper is kept.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct HistoryLine {
    /// Its id.
    pub id: gongjiang_domain::ids::ConsentId,
    /// The decision.
    pub decision: ConsentRecord,
    /// A scan of the signed paper is kept (the school downloads it).
    pub has_evidence: bool,
}

fn standing(
    purpose: Purpose,
    recipient: Option<(OrgId, String)>,
    history: &[ConsentRecord],
    child: bool,
) -> ConsentView {
    let records: Vec<ConsentRecord> = history
        .iter()
        .filter(|r| r.purpose == purpose && r.recipient_org_id == recipient.as_ref().map(|r| r.0))
        .cloned()
        .collect();
    let last = records.last();
    ConsentView {
        purpose,
        recipient_org_id: recipient.as_ref().map(|r| r.0),
        recipient: recipient.map(|r| r.1),
        in_force: domain::in_force_for(domain::entry(purpose).consent, &records, true, child),
        decided: last.map(|r| r.decision),
        decided_at: last.map(|r| r.at),
    }
}

async fn privacy_view(
    conn: &mut Connection,
    t: &Trainee,
    today: time::Date,
) -> Result<PrivacyView> {
    let stored = store::stored_consents_of(conn, t.id).await?;
    let history: Vec<ConsentRecord> = stored.iter().map(|c| c.record.clone()).collect();
    let child = domain::needs_guardian(&t.birth_date, today);
    let consents = REGISTER
        .iter()
        .filter(|e| e.consent == ConsentNeed::Consent)
        .map(|e| standing(e.purpose, None, &history, child))
        .collect();
    let sharing = store::sharing_candidates(conn, t.id)
        .await?
        .into_iter()
        .map(|org| standing(Purpose::Sharing, Some(org), &history, child))
        .collect();
    Ok(PrivacyView {
        trainee_id: t.id,
        notice_version: notice_version().to_string(),
        collected_by: t.consent_by.clone(),
        collected_at: t.consent_at,
        consents,
        sharing,
        history: stored
            .into_iter()
            .map(|c| HistoryLine {
                id: c.id,
                decision: c.record,
                has_evidence: c.has_file,
            })
            .collect(),
        guardian_needed: child,
    })
}

/// The signed-in trainee's consents.
pub async fn mine(app: &App, actor: &Actor) -> Result<PrivacyView> {
    let mut conn = app.db.read().await?;
    let t = own_trainee(&mut conn, actor).await?;
    privacy_view(&mut conn, &t, app.now().date_cst()).await
}

/// A consent decision the trainee makes.
#[derive(Debug, Clone)]
pub struct DecisionInput {
    /// The purpose's code.
    pub purpose: String,
    /// For separate consent: the enterprise's id.
    pub recipient_org_id: Option<String>,
    /// `granted` or `withdrawn`.
    pub decision: String,
}

/// Records the signed-in trainee's decision, in force at once, with its
/// audit entry. A separate consent names an enterprise the trainee applied
/// to or works with; deciding what already stands changes nothing.
pub async fn decide(app: &App, actor: &Actor, input: &DecisionInput) -> Result<PrivacyView> {
    let purpose = Purpose::parse(&input.purpose).map_err(|p| Error::field("purpose", p))?;
    let decision = Decision::parse(&input.decision).map_err(|p| Error::field("decision", p))?;
    let recipient = match input.recipient_org_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(text.parse::<OrgId>().map_err(|_| {
            Error::field("recipient_org_id", gongjiang_domain::Problem::InvalidFormat)
        })?),
    };
    domain::consent_shape(purpose, recipient).map_err(|(f, p)| Error::field(f, p))?;
    let mut tx = app.db.write().await?;
    let t = own_trainee(&mut tx, actor).await?;
    if let Some(org) = recipient {
        let candidates = store::sharing_candidates(&mut tx, t.id).await?;
        if !candidates.iter().any(|(o, _)| *o == org) {
            return Err(Error::field(
                "recipient_org_id",
                gongjiang_domain::Problem::InvalidChoice,
            ));
        }
    }
    let now = app.now();
    let child = domain::needs_guardian(&t.birth_date, now.date_cst());
    if child && decision == Decision::Granted {
        return Err(Error::WrongState("privacy.guardian_needed".into()));
    }
    let before = store::consents_for(&mut tx, t.id, purpose, recipient).await?;
    let was = domain::in_force_for(domain::entry(purpose).consent, &before, true, child);
    if was == (decision == Decision::Granted) {
        return privacy_view(&mut tx, &t, now.date_cst()).await;
    }
    let me = actor.user()?;
    let c = ConsentRecord {
        trainee_id: t.id,
        purpose,
        recipient_org_id: recipient,
        decision,
        method: ConsentMethod::Online,
        notice_version: notice_version().to_string(),
        guardian_name: String::new(),
        recorded_by: me.login.clone(),
        at: now,
    };
    let id = store::add_consent(&mut tx, &c).await?;
    record(
        &mut tx,
        app,
        actor,
        match decision {
            Decision::Granted => "consent.grant",
            Decision::Withdrawn => "consent.withdraw",
        },
        "consent",
        &id.to_string(),
        Some(t.org_id.to_string()),
        json!({"in_force": was}),
        json!({"trainee_id": t.id, "purpose": purpose.as_str(), "recipient_org_id": recipient,
            "decision": decision.as_str(), "notice_version": c.notice_version}),
    )
    .await?;
    let view = privacy_view(&mut tx, &t, now.date_cst()).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(view)
}

/// Of `trainees`, those no enterprise may see as applicants and no round
/// may place: who withdrew consent to be offered, and children under 14
/// without a guardian's grant (F5).
pub async fn hidden_from_enterprises(
    conn: &mut Connection,
    trainees: &[&Trainee],
    today: time::Date,
) -> Result<HashSet<TraineeId>> {
    let ids: Vec<TraineeId> = trainees.iter().map(|t| t.id).collect();
    let newest = store::newest_decisions(conn, Purpose::Placement, None, &ids).await?;
    Ok(trainees
        .iter()
        .filter(|t| {
            let child = domain::needs_guardian(&t.birth_date, today);
            !stands(newest.get(&t.id), ConsentNeed::Consent, child)
        })
        .map(|t| t.id)
        .collect())
}

/// Of `trainees`, the children under 14 whose parent or guardian has not
/// consented to matching (待监护人同意); only children are looked up.
pub async fn guardian_pending(
    conn: &mut Connection,
    trainees: &[&Trainee],
    today: time::Date,
) -> Result<HashSet<TraineeId>> {
    let children: Vec<&Trainee> = trainees
        .iter()
        .copied()
        .filter(|t| domain::needs_guardian(&t.birth_date, today))
        .collect();
    if children.is_empty() {
        return Ok(HashSet::new());
    }
    hidden_from_enterprises(conn, &children, today).await
}

/// Whether a consent stands given its newest decision (if any).
fn stands(newest: Option<&(Decision, ConsentMethod)>, need: ConsentNeed, child: bool) -> bool {
    match newest {
        Some((Decision::Granted, method)) => !child || *method == ConsentMethod::Guardian,
        Some((Decision::Withdrawn, _)) => false,
        None => !child && need == ConsentNeed::Consent,
    }
}

/// Of `trainees`, those who gave `org` separate consent to see their name
/// and phone number (for a child, their guardian did).
pub async fn shared_with(
    conn: &mut Connection,
    org: OrgId,
    trainees: &[&Trainee],
    today: time::Date,
) -> Result<HashSet<TraineeId>> {
    let ids: Vec<TraineeId> = trainees.iter().map(|t| t.id).collect();
    let newest = store::newest_decisions(conn, Purpose::Sharing, Some(org), &ids).await?;
    Ok(trainees
        .iter()
        .filter(|t| {
            let child = domain::needs_guardian(&t.birth_date, today);
            stands(newest.get(&t.id), ConsentNeed::Separate, child)
        })
        .map(|t| t.id)
        .collect())
}

/// Records that the actor read `fields` of a trainee's data for `purpose`:
/// one row of the access log, which the trainee sees.
pub async fn log_access(
    conn: &mut Connection,
    actor: &Actor,
    trainee: TraineeId,
    action: &str,
    purpose: Purpose,
    fields: &str,
    at: Timestamp,
) -> Result<()> {
    let me = actor.user()?;
    store::record_access(
        conn,
        &Access {
            trainee_id: trainee,
            user_id: me.user_id,
            org_id: me.org_id,
            action: action.into(),
            purpose,
            fields: fields.into(),
            reason: String::new(),
            at,
        },
    )
    .await?;
    Ok(())
}

/// One read of the trainee's data, as they see it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AccessView {
    /// Who read it.
    pub reader: String,
    /// For which unit.
    pub unit: String,
    /// `view`, `reveal` or `export`.
    pub action: String,
    /// For what.
    pub purpose: Purpose,
    /// Which fields (`name,phone`).
    pub fields: String,
    /// Why, if a reason was given.
    pub reason: String,
    /// When.
    pub at: Timestamp,
}

/// Largest page of the access log.
pub const MAX_PAGE: i64 = 200;

/// Who read the signed-in trainee's data, newest first, a page at a time.
pub async fn my_access_log(
    app: &App,
    actor: &Actor,
    page: i64,
    per_page: i64,
) -> Result<(Vec<AccessView>, i64)> {
    let mut conn = app.db.read().await?;
    let t = own_trainee(&mut conn, actor).await?;
    let per_page = per_page.clamp(1, MAX_PAGE);
    let (lines, total) =
        store::access_of_trainee(&mut conn, t.id, (page.max(1) - 1) * per_page, per_page).await?;
    Ok((
        lines
            .into_iter()
            .map(|l| AccessView {
                reader: l.user_name,
                unit: l.org_name,
                action: l.access.action,
                purpose: l.access.purpose,
                fields: l.access.fields,
                reason: l.access.reason,
                at: l.access.at,
            })
            .collect(),
        total,
    ))
}

async fn staff_trainee(
    conn: &mut Connection,
    actor: &Actor,
    id: TraineeId,
    manage: bool,
) -> Result<Trainee> {
    let t = gongjiang_store::supply::get_trainee(conn, id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    if !actor.may(Permission::ViewTrainees(t.org_id)) {
        return Err(Error::NotFound("trainee"));
    }
    if manage {
        actor.require(Permission::ManageSupply(t.org_id))?;
    }
    Ok(t)
}

/// A trainee's consents as their school's staff see them.
pub async fn of_trainee(app: &App, actor: &Actor, id: TraineeId) -> Result<PrivacyView> {
    let mut conn = app.db.read().await?;
    let t = staff_trainee(&mut conn, actor, id, false).await?;
    privacy_view(&mut conn, &t, app.now().date_cst()).await
}

/// A decision a school records for one of its trainees from signed paper:
/// the trainee's own form, or a parent's or guardian's.
#[derive(Debug, Clone, Default)]
pub struct RecordedDecision {
    /// The purpose's code.
    pub purpose: String,
    /// For separate consent: the enterprise's id.
    pub recipient_org_id: Option<String>,
    /// `granted` or `withdrawn`.
    pub decision: String,
    /// `paper` (the trainee signed) or `guardian`.
    pub method: String,
    /// For `guardian`: the guardian's name.
    pub guardian_name: String,
    /// The scanned paper (name, bytes): needed for a grant.
    pub file: Option<(String, Vec<u8>)>,
}

/// Records a decision for a trainee of the actor's school, with the scan of
/// the signed paper, in force at once and audited. For a child under 14 only
/// a guardian's grant counts (F5).
pub async fn record_for_trainee(
    app: &App,
    actor: &Actor,
    id: TraineeId,
    input: &RecordedDecision,
) -> Result<PrivacyView> {
    use gongjiang_domain::{FieldErrors, Problem};
    let mut errors = FieldErrors::new();
    let purpose = Purpose::parse(&input.purpose)
        .map_err(|p| errors.push("purpose", p))
        .ok();
    let decision = Decision::parse(&input.decision)
        .map_err(|p| errors.push("decision", p))
        .ok();
    let method = match ConsentMethod::parse(&input.method) {
        Ok(ConsentMethod::Online) => {
            errors.push("method", Problem::InvalidChoice);
            None
        }
        Ok(m) => Some(m),
        Err(p) => {
            errors.push("method", p);
            None
        }
    };
    let recipient = match input.recipient_org_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => text
            .parse::<OrgId>()
            .map_err(|_| errors.push("recipient_org_id", Problem::InvalidFormat))
            .ok(),
    };
    let guardian_name = if method == Some(ConsentMethod::Guardian) {
        gongjiang_domain::members::name_field(&input.guardian_name, 2, 30)
            .map_err(|p| errors.push("guardian_name", p))
            .unwrap_or_default()
    } else {
        String::new()
    };
    let file = match &input.file {
        Some((name, bytes)) if !bytes.is_empty() => {
            match gongjiang_domain::cooperation::attachment_type(bytes) {
                Ok(kind) => Some((
                    gongjiang_domain::cooperation::attachment_name(name, kind),
                    kind,
                    bytes,
                )),
                Err(p) => {
                    errors.push("file", p);
                    None
                }
            }
        }
        _ => None,
    };
    if let Some(p) = purpose
        && let Err((f, problem)) = domain::consent_shape(p, recipient)
    {
        errors.push(f, problem);
    }
    if decision == Some(Decision::Granted) && file.is_none() && input.file.is_none() {
        errors.push("file", Problem::Required);
    }
    let mut tx = app.db.write().await?;
    let t = staff_trainee(&mut tx, actor, id, true).await?;
    let now = app.now();
    let child = domain::needs_guardian(&t.birth_date, now.date_cst());
    if child && decision == Some(Decision::Granted) && method == Some(ConsentMethod::Paper) {
        errors.push(
            "method",
            Problem::Rule {
                key: "guardian_required",
            },
        );
    }
    if let Some(org) = recipient
        && !store::sharing_candidates(&mut tx, t.id)
            .await?
            .iter()
            .any(|(o, _)| *o == org)
    {
        errors.push("recipient_org_id", Problem::InvalidChoice);
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let (Some(purpose), Some(decision), Some(method)) = (purpose, decision, method) else {
        return Err(Error::Internal("checked above".into()));
    };
    let me = actor.user()?;
    let c = ConsentRecord {
        trainee_id: t.id,
        purpose,
        recipient_org_id: recipient,
        decision,
        method,
        notice_version: notice_version().to_string(),
        guardian_name,
        recorded_by: me.login.clone(),
        at: now,
    };
    let consent = store::add_consent(&mut tx, &c).await?;
    let mut evidence = json!(null);
    if let Some((file_name, content_type, bytes)) = file {
        let f = store::ConsentFile {
            consent_id: consent,
            file_name,
            content_type: content_type.to_string(),
            sha256: hex::encode(Sha256::digest(bytes)),
            uploaded_by: me.login.clone(),
            uploaded_at: now,
        };
        store::insert_consent_file(&mut tx, &f, bytes).await?;
        evidence = json!({"file_name": f.file_name, "sha256": f.sha256});
    }
    record(
        &mut tx,
        app,
        actor,
        "consent.record",
        "consent",
        &consent.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!({"trainee_id": t.id, "purpose": purpose.as_str(), "recipient_org_id": recipient,
            "decision": decision.as_str(), "method": method.as_str(), "guardian_name": c.guardian_name,
            "evidence": evidence}),
    )
    .await?;
    let view = privacy_view(&mut tx, &t, now.date_cst()).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(view)
}

/// The scan behind a recorded decision, for staff of the trainee's school.
pub async fn evidence(
    app: &App,
    actor: &Actor,
    trainee: TraineeId,
    consent: gongjiang_domain::ids::ConsentId,
) -> Result<(store::ConsentFile, Vec<u8>)> {
    let mut conn = app.db.read().await?;
    staff_trainee(&mut conn, actor, trainee, false).await?;
    match store::consent_file(&mut conn, consent).await? {
        Some((owner, f, bytes)) if owner == trainee => Ok((f, bytes)),
        _ => Err(Error::NotFound("file")),
    }
}

/// Whether `user` is to be shown the notice when they sign in: a trainee
/// who has neither accepted nor refused its current version (F3). Staff
/// accounts read the notice on the public page.
pub async fn notice_due(app: &App, user: gongjiang_domain::ids::UserId) -> Result<bool> {
    let mut conn = app.db.read().await?;
    if gongjiang_store::rounds::trainee_of_user(&mut conn, user)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    Ok(store::notice_decision(&mut conn, user, notice_version())
        .await?
        .is_none())
}

/// The notice as put to a trainee at sign-in: its version, the version they
/// last decided about (if any) and their consents now.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct NoticePrompt {
    /// The version in force.
    pub notice_version: String,
    /// The version they decided about before, and what they decided.
    pub previous: Option<(String, String)>,
    /// What they decided about this version, if they did.
    pub decided: Option<String>,
    /// Their consents needing consent, in force or not.
    pub consents: Vec<ConsentView>,
    /// Under 14: the separate rules for children apply.
    pub child: bool,
}

/// The notice as put to the signed-in trainee.
pub async fn notice_prompt(app: &App, actor: &Actor) -> Result<NoticePrompt> {
    let me = actor.require(Permission::ViewOwnRecord)?.clone();
    let mut conn = app.db.read().await?;
    let t = own_trainee(&mut conn, actor).await?;
    let view = privacy_view(&mut conn, &t, app.now().date_cst()).await?;
    let decided = store::notice_decision(&mut conn, me.user_id, notice_version()).await?;
    let previous = store::last_notice_decision(&mut conn, me.user_id)
        .await?
        .filter(|(v, _)| v != notice_version());
    Ok(NoticePrompt {
        notice_version: notice_version().to_string(),
        previous,
        decided,
        consents: view.consents,
        child: view.guardian_needed,
    })
}

/// The trainee accepts or refuses the notice's current version. Accepting
/// renews, under this version, each consent that stands; refusing withdraws
/// every consent (matching, and sharing with each enterprise) and is not
/// asked again until the notice changes. Purposes that rest on a statutory
/// duty or a contract go on either way. Audited.
pub async fn decide_notice(app: &App, actor: &Actor, accept: bool) -> Result<NoticePrompt> {
    let me = actor.require(Permission::ViewOwnRecord)?.clone();
    let now = app.now();
    let mut tx = app.db.write().await?;
    let t = own_trainee(&mut tx, actor).await?;
    let decision = if accept { "accepted" } else { "refused" };
    if store::record_notice_decision(&mut tx, me.user_id, notice_version(), decision, now).await? {
        let view = privacy_view(&mut tx, &t, now.date_cst()).await?;
        let standing = view
            .consents
            .iter()
            .chain(view.sharing.iter())
            .filter(|c| c.in_force);
        let mut changed = Vec::new();
        for c in standing {
            // A child's consent stays their guardian's: accepting renews nothing for them.
            if accept && view.guardian_needed {
                continue;
            }
            let r = ConsentRecord {
                trainee_id: t.id,
                purpose: c.purpose,
                recipient_org_id: c.recipient_org_id,
                decision: if accept {
                    Decision::Granted
                } else {
                    Decision::Withdrawn
                },
                method: ConsentMethod::Online,
                notice_version: notice_version().to_string(),
                guardian_name: String::new(),
                recorded_by: me.login.clone(),
                at: now,
            };
            store::add_consent(&mut tx, &r).await?;
            changed.push(
                json!({"purpose": c.purpose.as_str(), "recipient_org_id": c.recipient_org_id}),
            );
        }
        record(
            &mut tx,
            app,
            actor,
            if accept {
                "notice.accept"
            } else {
                "notice.refuse"
            },
            "trainee",
            &t.id.to_string(),
            Some(t.org_id.to_string()),
            json!(null),
            json!({"notice_version": notice_version(), "consents": changed}),
        )
        .await?;
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
    }
    notice_prompt(app, actor).await
}

/// One person in a breach query's answer.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AffectedView {
    /// Whose data.
    pub trainee_id: TraineeId,
    /// Masked name.
    pub name: String,
    /// School.
    pub school: String,
    /// How many reads in the window.
    pub reads: i64,
    /// Which fields were read (`name,phone`).
    pub fields: String,
    /// First read in the window.
    pub first_at: Timestamp,
    /// Last read in the window.
    pub last_at: Timestamp,
}

/// Largest page of a breach query.
pub const BREACH_PAGE: i64 = 200;

/// The breach helper (PIPL Art. 57, F14): whose personal information the
/// account `login` read between the days `from` and `to` (inclusive, China
/// time), a page at a time, for the secretariat to notify them and the
/// authority. Running it is audited.
pub async fn breach(
    app: &App,
    actor: &Actor,
    login: &str,
    from: &str,
    to: &str,
    page: i64,
    per_page: i64,
) -> Result<(Vec<AffectedView>, i64)> {
    use gongjiang_domain::{FieldErrors, Problem};
    actor.require(Permission::BrowseAllAudit)?;
    let mut errors = FieldErrors::new();
    let day = |text: &str, field: &str, errors: &mut FieldErrors| {
        gongjiang_domain::supply::parse_date(text)
            .map_err(|p| errors.push(field, p))
            .ok()
    };
    let from_day = day(from, "from", &mut errors);
    let to_day = day(to, "to", &mut errors);
    if let (Some(f), Some(t)) = (from_day, to_day)
        && t < f
    {
        errors.push("to", Problem::EndBeforeStart);
    }
    if login.trim().is_empty() {
        errors.push("login", Problem::Required);
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let (Some(from_day), Some(to_day)) = (from_day, to_day) else {
        return Err(Error::Internal("checked above".into()));
    };
    let from_at = Timestamp::start_of_day_cst(from_day);
    let to_at = Timestamp::start_of_day_cst(to_day.next_day().unwrap_or(to_day));
    let per_page = per_page.clamp(1, BREACH_PAGE);
    let mut tx = app.db.write().await?;
    let user = gongjiang_store::accounts::user_by_login(&mut tx, login.trim())
        .await?
        .ok_or_else(|| Error::field("login", Problem::InvalidChoice))?;
    let (rows, total) = store::read_by_user(
        &mut tx,
        user.id,
        from_at,
        to_at,
        (page.max(1) - 1) * per_page,
        per_page,
    )
    .await?;
    record(
        &mut tx,
        app,
        actor,
        "privacy.breach_query",
        "user",
        &user.id.to_string(),
        None,
        json!(null),
        json!({"login": login.trim(), "from": from, "to": to, "affected": total}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok((
        rows.into_iter()
            .map(|a| AffectedView {
                trainee_id: a.trainee_id,
                name: a.name_masked,
                school: a.school,
                reads: a.reads,
                fields: a.fields,
                first_at: a.first_at,
                last_at: a.last_at,
            })
            .collect(),
        total,
    ))
}

pub use gongjiang_store::privacy::RightsRequest;

/// The signed-in trainee asks their school to correct, delete or explain
/// something (`kind`, with `detail`); due [`domain::REQUEST_WORKING_DAYS`]
/// working days later. Audited.
pub async fn submit_request(
    app: &App,
    actor: &Actor,
    kind: &str,
    detail: &str,
) -> Result<RightsRequest> {
    let mut errors = gongjiang_domain::FieldErrors::new();
    let kind = domain::RequestKind::parse(kind)
        .map_err(|p| errors.push("kind", p))
        .ok();
    let detail = gongjiang_domain::members::text_field(detail, 5, 1000)
        .map_err(|p| errors.push("detail", p))
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let Some(kind) = kind else {
        return Err(Error::Internal("checked above".into()));
    };
    let now = app.now();
    let mut tx = app.db.write().await?;
    let t = own_trainee(&mut tx, actor).await?;
    let q = RightsRequest {
        id: gongjiang_domain::ids::RightsRequestId::new(),
        trainee_id: t.id,
        org_id: t.org_id,
        kind,
        detail,
        status: domain::RequestStatus::Open,
        due_on: domain::due_on(now.date_cst(), domain::REQUEST_WORKING_DAYS).to_string(),
        submitted_at: now,
        answered_by: String::new(),
        answer: String::new(),
        answered_at: None,
    };
    store::insert_request(&mut tx, &q).await?;
    record(
        &mut tx,
        app,
        actor,
        "rights_request.submit",
        "rights_request",
        &q.id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!({"trainee_id": t.id, "kind": kind.as_str(), "due_on": q.due_on}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(q)
}

/// The signed-in trainee's requests, newest first.
pub async fn my_requests(app: &App, actor: &Actor) -> Result<Vec<RightsRequest>> {
    let mut conn = app.db.read().await?;
    let t = own_trainee(&mut conn, actor).await?;
    Ok(store::requests_of_trainee(&mut conn, t.id).await?)
}

/// The acting school's requests in one status (open ones soonest due
/// first), a page at a time; the trainees' names as the school sees them.
pub async fn school_requests(
    app: &App,
    actor: &Actor,
    status: &str,
    page: i64,
    per_page: i64,
) -> Result<(Vec<(RightsRequest, String)>, i64)> {
    let me = actor.user()?.clone();
    actor.require(Permission::ManageSupply(me.org_id))?;
    let status = match status.trim() {
        "" => domain::RequestStatus::Open,
        s => domain::RequestStatus::parse(s).map_err(|p| Error::field("status", p))?,
    };
    let per_page = per_page.clamp(1, MAX_PAGE);
    let mut conn = app.db.read().await?;
    let (rows, total) = store::requests_of_org(
        &mut conn,
        me.org_id,
        status,
        (page.max(1) - 1) * per_page,
        per_page,
    )
    .await?;
    let ids: Vec<TraineeId> = rows.iter().map(|q| q.trainee_id).collect();
    let names = gongjiang_store::supply::trainee_names(&mut conn, &ids).await?;
    Ok((
        rows.into_iter()
            .map(|q| {
                let name = names
                    .get(&q.trainee_id)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                (q, name)
            })
            .collect(),
        total,
    ))
}

/// The school answers an open request of one of its trainees: `done` with
/// a note of what was done, or `refused` with the reason the trainee reads
/// (PIPL Art. 50). An answered request is not answered again. Audited.
pub async fn answer_request(
    app: &App,
    actor: &Actor,
    id: gongjiang_domain::ids::RightsRequestId,
    decision: &str,
    answer: &str,
) -> Result<RightsRequest> {
    let mut errors = gongjiang_domain::FieldErrors::new();
    let status = match decision.trim() {
        "done" => Some(domain::RequestStatus::Done),
        "refused" => Some(domain::RequestStatus::Refused),
        "" => {
            errors.push("decision", gongjiang_domain::Problem::Required);
            None
        }
        _ => {
            errors.push("decision", gongjiang_domain::Problem::InvalidChoice);
            None
        }
    };
    let answer = gongjiang_domain::members::text_field(answer, 2, 1000)
        .map_err(|p| errors.push("answer", p))
        .unwrap_or_default();
    let mut tx = app.db.write().await?;
    let q = store::get_request(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("request"))?;
    if !actor.may(Permission::ManageSupply(q.org_id)) {
        return Err(Error::NotFound("request"));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let Some(status) = status else {
        return Err(Error::Internal("checked above".into()));
    };
    let me = actor.user()?;
    let now = app.now();
    if !store::answer_request(&mut tx, id, status, &me.login, &answer, now).await? {
        return Err(Error::WrongState("privacy.request_answered".into()));
    }
    // Cancelling an account, once done, closes it at once: disabled with the
    // request's answer as its reason, its sessions ended.
    if q.kind == domain::RequestKind::Cancellation
        && status == domain::RequestStatus::Done
        && let Some(login) =
            gongjiang_store::employment::account_of_trainee(&mut tx, q.trainee_id).await?
        && let Some(user) = gongjiang_store::accounts::user_by_login(&mut tx, &login).await?
    {
        gongjiang_store::accounts::set_user_status(
            &mut tx,
            user.id,
            gongjiang_domain::accounts::UserStatus::Disabled,
            Some(&answer),
        )
        .await?;
        gongjiang_store::sessions::delete_for_user(&mut tx, user.id, "").await?;
        record(
            &mut tx,
            app,
            actor,
            "user.set_status",
            "user",
            &user.id.to_string(),
            Some(q.org_id.to_string()),
            json!(null),
            json!({"status": "disabled", "reason": answer, "request": id}),
        )
        .await?;
    }
    record(
        &mut tx,
        app,
        actor,
        "rights_request.answer",
        "rights_request",
        &id.to_string(),
        Some(q.org_id.to_string()),
        json!({"status": "open"}),
        json!({"status": status.as_str(), "answer": answer}),
    )
    .await?;
    let q = store::get_request(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("request"))?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(q)
}
