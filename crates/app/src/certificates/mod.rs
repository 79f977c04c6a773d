//! Certificates issued on the platform: a passing evaluation result becomes a
//! signed credential (`gongjiang-credentials`), numbered per §3.4, signed with
//! the issuing institution's own Ed25519 key, and only within an active filing
//! (CERT-01). Revocation and suspension go through Bitstring Status Lists the
//! platform publishes; anyone can verify a certificate on its public page.
//!
//! Addresses (all under `Settings::public_url`, here `https://H`):
//! - issuer DID `did:web:H:orgs:{org}`, its document at `/orgs/{org}/did.json`;
//! - status lists at `/status/{org}/revocation` and `/status/{org}/suspension`;
//! - a certificate's verify page (its QR target and credential id) at `/verify/{token}`.
//!
//! Keys: generated from the operating system's random source the first time
//! an organisation issues; the 32-byte seed is sealed by the personal-data
//! vault (`pii::Vault`), bound to the key id, and only the public key is
//! published.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::evaluation::load_session;
use crate::policy::Permission;
use crate::progress::Progress;
use gongjiang_credentials::{
    Authorization, CertificateClaims, CertificateNumber, CertificateStatus, HolderIdentifierKind,
    HolderReference, InstitutionCodes, Issuer, IssuerKey, MaskedName, NumberRules, Occupation,
    Outcome, Party, PublicKey, PublicKeySet, Reason, SkillLevel, StatusList, StatusLists,
    StatusNote, StatusPurpose, StatusSlot, VerificationMethodId, did_web, issue as sign,
};
use gongjiang_domain::certificates::CertificateStatus as Standing;
use gongjiang_domain::demand::{date_field, iso};
use gongjiang_domain::evaluation::{
    Candidate, Filing, Institution, InstitutionKind, Level, Session,
};
use gongjiang_domain::ids::{
    CandidateId, CertificateId, EvaluationSessionId, JobId, OrgId, TraineeId,
};
use gongjiang_domain::members::text_field;
use gongjiang_domain::time_date::{Date, Duration, OffsetDateTime};
use gongjiang_domain::{Lifecycle, Problem, Timestamp};
use gongjiang_store::Connection as AnyConnection;
pub use gongjiang_store::certificates::Certificate;
use gongjiang_store::certificates::{self as store, StoredKey};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashSet;

/// How long a published status list stays valid; verifiers refuse it after that.
pub const STATUS_LIST_DAYS: i64 = 7;

/// The public base URL without a trailing slash.
pub fn base_url(app: &App) -> &str {
    app.settings.public_url.trim_end_matches('/')
}

/// `host[:port]` of the public URL, for did:web.
fn web_domain(app: &App) -> String {
    let url = base_url(app);
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_ascii_lowercase()
}

/// The did:web identifier of an organisation.
pub fn org_did(app: &App, org: OrgId) -> Result<String> {
    did_web(&web_domain(app), &["orgs", &org.to_string()])
        .map_err(|e| Error::Internal(format!("public_url unusable for did:web: {e}")))
}

fn alliance_did(app: &App) -> Result<String> {
    did_web(&web_domain(app), &[])
        .map_err(|e| Error::Internal(format!("public_url unusable for did:web: {e}")))
}

/// The URL a certificate's QR code opens.
pub fn verify_url(app: &App, token: &str) -> String {
    format!("{}/verify/{token}", base_url(app))
}

/// The URL of an organisation's status list.
pub fn status_list_url(app: &App, org: OrgId, purpose: StatusPurpose) -> String {
    let name = match purpose {
        StatusPurpose::Revocation => "revocation",
        StatusPurpose::Suspension => "suspension",
    };
    format!("{}/status/{org}/{name}", base_url(app))
}

fn odt(t: Timestamp) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

fn key_aad(kid: &str) -> String {
    format!("issuer_keys.seed:{kid}")
}

fn open_key(app: &App, k: &StoredKey) -> Result<IssuerKey> {
    let seed = app
        .vault
        .open_bytes(&k.seed_sealed, &key_aad(&k.kid))
        .map_err(internal)?;
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| Error::Internal("issuer key seed is not 32 bytes".into()))?;
    let id = VerificationMethodId::parse(&k.kid).map_err(internal)?;
    Ok(IssuerKey::generate(seed, id))
}

/// The organisation's current signing key, made (from OS randomness) and
/// stored sealed the first time.
async fn signing_key(conn: &mut AnyConnection, app: &App, org: OrgId) -> Result<IssuerKey> {
    let keys = store::keys(conn, org).await?;
    if let Some(k) = keys.last() {
        return open_key(app, k);
    }
    use rand::TryRngCore;
    let mut seed = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut seed)
        .map_err(|e| Error::Internal(format!("no OS randomness: {e}")))?;
    let kid = format!("{}#key-1", org_did(app, org)?);
    let key = IssuerKey::generate(seed, VerificationMethodId::parse(&kid).map_err(internal)?);
    store::insert_key(
        conn,
        &StoredKey {
            kid: kid.clone(),
            org_id: org,
            public_multibase: key.public_multibase(),
            seed_sealed: app.vault.seal_bytes(&seed, &key_aad(&kid)),
        },
        app.now(),
    )
    .await?;
    Ok(key)
}

fn skill_level(level: Level) -> Result<SkillLevel> {
    SkillLevel::from_code(level.digit()).ok_or_else(|| Error::Internal("level without code".into()))
}

fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    rand::fill(&mut b[..]);
    hex::encode(b)
}

/// Everything issuing for one session needs, loaded once.
struct Issuing {
    session: Session,
    institution: Institution,
    filing: Filing,
    issuer: Issuer,
    authorization: Authorization,
    alliance: Party,
    occupation: Occupation,
    occupation_name: String,
    key: IssuerKey,
    issued_on: Date,
    used: HashSet<i64>,
    next_serial: i64,
}

async fn prepare(
    conn: &mut AnyConnection,
    app: &App,
    actor: &Actor,
    session_id: EvaluationSessionId,
) -> Result<Issuing> {
    let session = load_session(conn, actor, session_id).await?;
    actor.require(Permission::IssueCertificates(session.org_id))?;
    let institution = gongjiang_store::evaluation::institution(conn, session.org_id)
        .await?
        .ok_or(Error::WrongState("certificate.no_filing".into()))?;
    let issued_on = app.now().date_cst();
    // CERT-01: an active filing covering the occupation and level on the issue date.
    let filing = gongjiang_store::evaluation::filings(conn, session.org_id)
        .await?
        .into_iter()
        .find(|f| f.covers(&session.occupation_code, session.level, issued_on))
        .ok_or(Error::WrongState("certificate.no_filing".into()))?;
    let org = gongjiang_store::members::get_org(conn, session.org_id)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    let alliance = gongjiang_store::members::first_alliance(conn)
        .await?
        .ok_or(Error::NotSetUp)?;
    let secretariat_did = match alliance.host_org_id {
        Some(chair) => org_did(app, chair)?,
        None => alliance_did(app)?,
    };
    let did = org_did(app, session.org_id)?;
    let codes = InstitutionCodes::new(
        match institution.kind {
            InstitutionKind::Employer => gongjiang_credentials::InstitutionKind::Employer,
            InstitutionKind::Social => gongjiang_credentials::InstitutionKind::SocialOrganisation,
        },
        &institution.institution_code,
        &institution.province_code,
        &institution.site_code,
    )
    .map_err(internal)?;
    let occupation_name = gongjiang_store::demand::occupations(conn)
        .await?
        .into_iter()
        .find(|o| o.code == session.occupation_code)
        .map(|o| o.name)
        .unwrap_or_default();
    let authorization = Authorization {
        authorized_by: Party::new(&secretariat_did, &format!("{}秘书处", alliance.name))
            .map_err(internal)?,
        reference: filing.reference.clone(),
        issuer: did.clone(),
        occupation_code: filing.occupation_code.clone(),
        levels: filing
            .levels
            .iter()
            .map(|l| skill_level(*l))
            .collect::<Result<_>>()?,
        valid_from: date_field(&filing.valid_from).map_err(|_| internal("filing date"))?,
        valid_until: filing.valid_to.as_deref().and_then(|d| date_field(d).ok()),
    };
    let used = store::used_indexes(conn, session.org_id)
        .await?
        .into_iter()
        .flat_map(|(r, s)| [r, s])
        .collect();
    let year = i64::from(issued_on.year());
    Ok(Issuing {
        key: signing_key(conn, app, session.org_id).await?,
        next_serial: store::next_serial(conn, session.org_id, year).await?,
        issuer: Issuer {
            party: Party::new(&did, &org.name).map_err(internal)?,
            codes,
        },
        occupation: Occupation::new(&session.occupation_code, &occupation_name, None)
            .map_err(internal)?,
        alliance: Party::new(&alliance_did(app)?, &alliance.name).map_err(internal)?,
        occupation_name,
        authorization,
        institution,
        filing,
        session,
        issued_on,
        used,
    })
}

impl Issuing {
    /// A random free bit (the same number serves both lists).
    fn free_index(&mut self) -> Result<i64> {
        let limit = gongjiang_credentials::status::MIN_BITS as u64;
        for _ in 0..1000 {
            let i = i64::try_from(rand::random::<u64>() % limit).unwrap_or(0);
            if self.used.insert(i) {
                return Ok(i);
            }
        }
        Err(Error::Internal("status list is full".into()))
    }
}

async fn issue_one(
    conn: &mut AnyConnection,
    app: &App,
    actor: &Actor,
    ctx: &mut Issuing,
    candidate: &Candidate,
    check_live: bool,
) -> Result<Certificate> {
    if candidate.session_id != ctx.session.id {
        return Err(Error::NotFound("candidate"));
    }
    if candidate.passed != Some(true) {
        return Err(Error::WrongState("certificate.not_passed".into()));
    }
    if candidate.rescore_required {
        return Err(Error::WrongState("certificate.rescore_first".into()));
    }
    // The database refuses a second live certificate too; checking first gives the clear answer.
    // (A whole session has been checked once beforehand.)
    if check_live
        && store::of_candidate(conn, candidate.id)
            .await?
            .iter()
            .any(|c| c.status != "revoked")
    {
        return Err(Error::WrongState("certificate.already_issued".into()));
    }
    let trainee = gongjiang_store::supply::get_trainee(conn, candidate.trainee_id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    let year = i64::from(ctx.issued_on.year());
    let serial = ctx.next_serial;
    if serial > 999_999 {
        return Err(Error::WrongState("certificate.serials_exhausted".into()));
    }
    let number_text = format!(
        "{}{:02}{}{:06}",
        ctx.issuer.codes.prefix(),
        year % 100,
        ctx.session.level.digit(),
        serial
    );
    let number =
        CertificateNumber::parse(&number_text, &NumberRules::default()).map_err(internal)?;
    let token = random_hex(16);
    let index = ctx.free_index()?;
    let slot = |purpose| StatusSlot {
        list: status_list_url(app, ctx.session.org_id, purpose),
        index: usize::try_from(index).unwrap_or(0),
    };
    let claims = CertificateClaims {
        credential_id: verify_url(app, &token),
        achievement_id: format!(
            "{}/achievements/{}/{}",
            base_url(app),
            ctx.session.occupation_code,
            ctx.session.level.digit()
        ),
        number,
        holder_name: MaskedName::parse(&trainee.name_masked).map_err(internal)?,
        // The platform's random person id, salted: says nothing about the person.
        holder_reference: Some(
            HolderReference::new(
                HolderIdentifierKind::PlatformPersonId,
                &trainee.id.to_string(),
                &random_hex(16),
            )
            .map_err(internal)?,
        ),
        occupation: ctx.occupation.clone(),
        level: skill_level(ctx.session.level)?,
        issued_on: ctx.issued_on,
        valid_until: None,
        issuer: ctx.issuer.clone(),
        authorization: ctx.authorization.clone(),
        alliance: ctx.alliance.clone(),
        status: CertificateStatus {
            revocation: slot(StatusPurpose::Revocation),
            suspension: Some(slot(StatusPurpose::Suspension)),
        },
    };
    let credential = sign(&claims, &ctx.key, odt(app.now())).map_err(internal)?;
    let me = actor.user()?;
    let certificate = Certificate {
        id: CertificateId::new(),
        candidate_id: candidate.id,
        trainee_id: trainee.id,
        org_id: ctx.session.org_id,
        number: number_text,
        issue_year: year,
        serial,
        occupation_code: ctx.session.occupation_code.clone(),
        occupation_name: ctx.occupation_name.clone(),
        subtype: "--".into(),
        level: ctx.session.level,
        holder_name_masked: trainee.name_masked.clone(),
        holder_id_type: "居民身份证".into(),
        holder_id_masked: trainee.id_masked.clone(),
        issued_on: iso(ctx.issued_on),
        token,
        kid: ctx.key.id().as_str().to_string(),
        credential: credential.to_string(),
        revocation_index: index,
        suspension_index: index,
        status: "valid".into(),
        status_reason: None,
        status_on: None,
        issued_by: me.login.clone(),
    };
    store::insert(conn, &certificate, app.now()).await?;
    ctx.next_serial += 1;
    record(
        conn,
        app,
        actor,
        "certificate.issue",
        "certificate",
        &certificate.id.to_string(),
        Some(ctx.session.org_id.to_string()),
        json!(null),
        json!({"number": certificate.number, "candidate_id": candidate.id, "level": certificate.level,
            "occupation_code": certificate.occupation_code, "filing": ctx.filing.reference,
            "institution": ctx.institution.org_id, "kid": certificate.kid}),
    )
    .await?;
    Ok(certificate)
}

/// Issues the certificate of one passing result.
pub async fn issue(app: &App, actor: &Actor, candidate: CandidateId) -> Result<Certificate> {
    actor.user()?;
    let mut tx = app.db.write().await?;
    let c = gongjiang_store::evaluation::candidate(&mut tx, candidate)
        .await?
        .ok_or(Error::NotFound("candidate"))?;
    let mut ctx = prepare(&mut tx, app, actor, c.session_id).await?;
    let certificate = issue_one(&mut tx, app, actor, &mut ctx, &c, true).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(certificate)
}

/// What issuing a whole session did.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SessionIssue {
    /// The session.
    pub session_id: EvaluationSessionId,
    /// Certificates issued now.
    pub issued: u64,
    /// Passing results that already had a certificate.
    pub already: u64,
    /// Passing results left without one, each with the reason.
    pub skipped: Vec<Skipped>,
}

/// A passing result bulk issuing left without a certificate.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Skipped {
    /// The result.
    pub candidate_id: CandidateId,
    /// The trainee, masked (`王*`).
    pub holder: String,
    /// Why: `rescore_first` (its certificate was revoked; score it again).
    pub reason: String,
}

/// Issues a certificate for every passing result of a session that has none,
/// in one transaction (all or nothing), reporting progress per certificate.
pub async fn issue_session(
    app: &App,
    actor: &Actor,
    session: EvaluationSessionId,
    progress: &Progress,
) -> Result<SessionIssue> {
    actor.user()?;
    let mut tx = app.db.write().await?;
    let mut ctx = prepare(&mut tx, app, actor, session).await?;
    let candidates = gongjiang_store::evaluation::candidates(&mut tx, session).await?;
    let live: HashSet<String> = store::of_org(&mut tx, Some(ctx.session.org_id))
        .await?
        .into_iter()
        .filter(|c| c.status != "revoked")
        .map(|c| c.candidate_id.to_string())
        .collect();
    let passing: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.passed == Some(true))
        .collect();
    let mut skipped = Vec::new();
    for c in passing.iter().filter(|c| c.rescore_required) {
        let holder = gongjiang_store::supply::get_trainee(&mut tx, c.trainee_id)
            .await?
            .map(|t| t.name_masked)
            .unwrap_or_default();
        skipped.push(Skipped {
            candidate_id: c.id,
            holder,
            reason: "rescore_first".into(),
        });
    }
    let todo: Vec<&Candidate> = passing
        .iter()
        .copied()
        .filter(|c| !c.rescore_required && !live.contains(&c.id.to_string()))
        .collect();
    progress.stage("store", todo.len() as u64);
    for c in &todo {
        issue_one(&mut tx, app, actor, &mut ctx, c, false).await?;
        progress.advance(1);
    }
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(SessionIssue {
        session_id: session,
        issued: todo.len() as u64,
        already: (passing.len() - todo.len() - skipped.len()) as u64,
        skipped,
    })
}

/// Starts [`issue_session`] as a background job and returns its id.
pub async fn issue_session_in_background(
    app: &App,
    actor: &Actor,
    session: EvaluationSessionId,
) -> Result<JobId> {
    {
        let mut conn = app.db.read().await?;
        let s = load_session(&mut conn, actor, session).await?;
        actor.require(Permission::IssueCertificates(s.org_id))?;
    }
    let owner = actor.clone();
    let org = actor.user()?.org_id;
    crate::jobs::spawn(
        app,
        actor,
        "certificates.issue",
        Some(org),
        move |app, progress| async move {
            match issue_session(&app, &owner, session, &progress).await {
                Ok(done) => crate::jobs::Finish::Done(json!(done)),
                Err(e) => crate::jobs::Finish::Failed(e.to_string()),
            }
        },
    )
    .await
}

async fn load_for_change(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: CertificateId,
) -> Result<Certificate> {
    let c = store::get(conn, id)
        .await?
        .ok_or(Error::NotFound("certificate"))?;
    if !actor.may(Permission::IssueCertificates(c.org_id)) {
        return Err(if may_see(actor, &c) {
            Error::Forbidden
        } else {
            Error::NotFound("certificate")
        });
    }
    Ok(c)
}

fn reason_field(reason: &str) -> Result<String> {
    text_field(reason, 2, 60).map_err(|p| Error::field("reason", p))
}

async fn change_status(
    app: &App,
    actor: &Actor,
    id: CertificateId,
    action: &'static str,
    reason: &str,
) -> Result<Certificate> {
    actor.user()?;
    let reason = if action == "reinstate" {
        None
    } else {
        Some(reason_field(reason)?)
    };
    let mut tx = app.db.write().await?;
    let c = load_for_change(&mut tx, actor, id).await?;
    let to = match action {
        "revoke" => Standing::Revoked,
        "suspend" => Standing::Suspended,
        _ => Standing::Valid,
    };
    let refused = || Error::WrongState(format!("certificate.{}", c.status));
    let to = Standing::parse(&c.status)
        .map_err(|_| refused())?
        .move_to(to)
        .map_err(|_| refused())?
        .as_str();
    let today = iso(app.now().date_cst());
    let on = reason.as_ref().map(|_| today.as_str());
    store::set_status(&mut tx, id, to, reason.as_deref(), on).await?;
    if to == Standing::Revoked.as_str() {
        // A revoked certificate's result is scored again before any new one.
        gongjiang_store::evaluation::require_rescore(&mut tx, c.candidate_id, app.now()).await?;
    }
    record(
        &mut tx,
        app,
        actor,
        match action {
            "revoke" => "certificate.revoke",
            "suspend" => "certificate.suspend",
            _ => "certificate.reinstate",
        },
        "certificate",
        &id.to_string(),
        Some(c.org_id.to_string()),
        json!({"status": c.status, "reason": c.status_reason}),
        json!({"status": to, "reason": reason, "on": on}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(Certificate {
        status: to.into(),
        status_reason: reason,
        status_on: on.map(str::to_string),
        ..c
    })
}

/// Revokes a certificate for good, with a public reason (no personal data).
/// The result can then be corrected and a new certificate issued.
pub async fn revoke(
    app: &App,
    actor: &Actor,
    id: CertificateId,
    reason: &str,
) -> Result<Certificate> {
    change_status(app, actor, id, "revoke", reason).await
}

/// The certificate, when the actor may revoke, suspend or reinstate it
/// (Forbidden when they may only see it, NotFound otherwise): what a
/// confirmation step asks before it offers the change.
pub async fn changeable(app: &App, actor: &Actor, id: CertificateId) -> Result<Certificate> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    load_for_change(&mut conn, actor, id).await
}

/// Suspends a valid certificate, with a public reason.
pub async fn suspend(
    app: &App,
    actor: &Actor,
    id: CertificateId,
    reason: &str,
) -> Result<Certificate> {
    change_status(app, actor, id, "suspend", reason).await
}

/// Lifts a suspension.
pub async fn reinstate(app: &App, actor: &Actor, id: CertificateId) -> Result<Certificate> {
    change_status(app, actor, id, "reinstate", "").await
}

fn may_see(actor: &Actor, c: &Certificate) -> bool {
    actor.may(Permission::IssueCertificates(c.org_id))
        || actor.may(Permission::RunEvaluations(c.org_id))
        || actor.may(Permission::ManageEvaluationInstitutions)
}

/// One certificate (the institution's staff, the secretariat, the holder's school or the holder).
pub async fn get(app: &App, actor: &Actor, id: CertificateId) -> Result<Certificate> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let c = store::get(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("certificate"))?;
    if may_see(actor, &c)
        || crate::evaluation::may_see_trainee(&mut conn, actor, c.trainee_id).await?
    {
        Ok(c)
    } else {
        Err(Error::NotFound("certificate"))
    }
}

/// A certificate as printed for handing over: the holder's full name and ID
/// number, as a real 职业技能等级证书 shows them (the public verify page
/// keeps them masked).
#[derive(Debug, Clone)]
pub struct Printable {
    /// The certificate.
    pub certificate: Certificate,
    /// The holder's full name.
    pub holder_name: String,
    /// The holder's full ID number.
    pub holder_id: String,
}

/// The printable certificate, for its holder and its issuing unit only; the
/// full identifiers it shows are logged as a reveal and audited. Others who
/// may see the certificate are refused (403); anyone else is told nothing (404).
pub async fn printable(app: &App, actor: &Actor, id: CertificateId) -> Result<Printable> {
    let me = actor.user()?.clone();
    let c = get(app, actor, id).await?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let holder = me.role == gongjiang_domain::accounts::Role::Trainee
        && gongjiang_store::rounds::trainee_of_user(&mut tx, me.user_id).await?
            == Some(c.trainee_id);
    if !holder && !actor.may(Permission::IssueCertificates(c.org_id)) {
        return Err(Error::Forbidden);
    }
    let t = gongjiang_store::supply::get_trainee(&mut tx, c.trainee_id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    let holder_id = app
        .vault
        .open(&t.id_sealed, &crate::supply::aad("id_number", t.id))
        .map_err(|e| Error::Internal(e.to_string()))?;
    gongjiang_store::supply::record_reveal(
        &mut tx,
        t.id,
        me.user_id,
        me.org_id,
        "name,id_number",
        "certificate.print",
        now,
    )
    .await?;
    record(
        &mut tx,
        app,
        actor,
        "certificate.print",
        "certificate",
        &c.id.to_string(),
        Some(c.org_id.to_string()),
        json!(null),
        // Who printed it is the entry's actor: the holder or the issuer's staff.
        json!({"number": c.number}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(Printable {
        holder_name: t.name,
        holder_id,
        certificate: c,
    })
}

/// The certificates of the actor's institution (all for the secretariat).
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Certificate>> {
    let me = actor.user()?;
    let mut conn = app.db.read().await?;
    let org = (!actor.may(Permission::ManageEvaluationInstitutions)).then_some(me.org_id);
    if let Some(org) = org
        && !actor.may(Permission::RunEvaluations(org))
    {
        return Err(Error::Forbidden);
    }
    Ok(store::of_org(&mut conn, org).await?)
}

/// A trainee's certificates, newest first (for the trainee's page and the
/// funnel's "certified" step).
pub async fn of_trainee(app: &App, actor: &Actor, trainee: TraineeId) -> Result<Vec<Certificate>> {
    let mut conn = app.db.read().await?;
    if !crate::evaluation::may_see_trainee(&mut conn, actor, trainee).await? {
        return Err(Error::NotFound("trainee"));
    }
    Ok(store::of_trainee(&mut conn, trainee).await?)
}

// ---- Public: DID documents, status lists, verification ------------------------

async fn public_keys(conn: &mut AnyConnection, org: OrgId) -> Result<PublicKeySet> {
    let mut set = PublicKeySet::new();
    for k in store::keys(conn, org).await? {
        let id = VerificationMethodId::parse(&k.kid).map_err(internal)?;
        set.insert(
            id,
            PublicKey::from_multibase(&k.public_multibase).map_err(internal)?,
        );
    }
    Ok(set)
}

/// An organisation's DID document (public); not found before it has a key.
pub async fn did_document(app: &App, org: OrgId) -> Result<Value> {
    let mut conn = app.db.read().await?;
    let keys = public_keys(&mut conn, org).await?;
    if keys.is_empty() {
        return Err(Error::NotFound("did document"));
    }
    Ok(keys.did_document(&org_did(app, org)?))
}

async fn status_list(
    conn: &mut AnyConnection,
    app: &App,
    org: OrgId,
    purpose: StatusPurpose,
) -> Result<StatusList> {
    let mut list = StatusList::new(
        &status_list_url(app, org, purpose),
        &org_did(app, org)?,
        purpose,
    )
    .map_err(internal)?;
    let status = match purpose {
        StatusPurpose::Revocation => "revoked",
        StatusPurpose::Suspension => "suspended",
    };
    for e in store::status_entries(conn, org, status).await? {
        let day = date_field(&e.on).map_err(|_| internal("status date"))?;
        let note = StatusNote::new(&e.reason, day).map_err(internal)?;
        list.set(usize::try_from(e.index).unwrap_or(0), note)
            .map_err(internal)?;
    }
    Ok(list)
}

/// An organisation's status list as a signed credential (public), valid for
/// [`STATUS_LIST_DAYS`] from now.
pub async fn published_status_list(app: &App, org: OrgId, purpose: StatusPurpose) -> Result<Value> {
    let mut conn = app.db.read().await?;
    let Some(k) = store::keys(&mut conn, org).await?.pop() else {
        return Err(Error::NotFound("status list"));
    };
    let key = open_key(app, &k)?;
    let list = status_list(&mut conn, app, org, purpose).await?;
    let now = odt(app.now());
    list.to_credential(&key, now, Some(now + Duration::days(STATUS_LIST_DAYS)), now)
        .map_err(internal)
}

/// What the public verify page shows: nothing personal beyond the masked name.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PublicCheck {
    /// `valid`, or the reason code (`revoked`, `suspended`, `bad_signature`…).
    pub outcome: String,
    /// Whether the signature checked out.
    pub signature_ok: bool,
    /// Certificate name.
    pub certificate_name: String,
    /// Number.
    pub number: String,
    /// Masked holder name.
    pub holder_name: String,
    /// Occupation code.
    pub occupation_code: String,
    /// Occupation name.
    pub occupation_name: String,
    /// 工种/职业方向.
    pub subtype: String,
    /// Level wording.
    pub level: String,
    /// Issuer name.
    pub issuer: String,
    /// Issuer DID.
    pub issuer_id: String,
    /// Who authorized the issuer, and the filing reference.
    pub authorized_by: String,
    /// Filing reference.
    pub authorization_reference: String,
    /// Issue date.
    pub issued_on: String,
    /// Revocation or suspension reason.
    pub status_reason: Option<String>,
    /// Since when.
    pub status_on: Option<String>,
}

/// Verifies the certificate a token names, against the issuer's published
/// keys and the platform's current status lists (public).
pub async fn check(app: &App, token: &str) -> Result<(PublicCheck, Certificate)> {
    let mut conn = app.db.read().await?;
    let c = store::by_token(&mut conn, token)
        .await?
        .ok_or(Error::NotFound("certificate"))?;
    let keys = public_keys(&mut conn, c.org_id).await?;
    let mut lists = StatusLists::new();
    for purpose in [StatusPurpose::Revocation, StatusPurpose::Suspension] {
        lists.insert(status_list(&mut conn, app, c.org_id, purpose).await?);
    }
    let v = gongjiang_credentials::verify(&c.credential, &keys, odt(app.now()), &lists);
    let (outcome, reason, on) = match &v.outcome {
        Outcome::Valid => ("valid".to_string(), None, None),
        Outcome::Invalid(
            r @ (Reason::Revoked { reason, date } | Reason::Suspended { reason, date }),
        ) => (r.code().to_string(), reason.clone(), date.map(iso)),
        Outcome::Invalid(r) => (r.code().to_string(), None, None),
    };
    let d = v.details.as_ref();
    let view = PublicCheck {
        outcome,
        signature_ok: d.is_some(),
        certificate_name: d.map(|d| d.certificate_name.clone()).unwrap_or_default(),
        number: d.map(|d| d.number.clone()).unwrap_or_default(),
        holder_name: d.map(|d| d.holder_name.clone()).unwrap_or_default(),
        occupation_code: d.map(|d| d.occupation_code.clone()).unwrap_or_default(),
        occupation_name: d.map(|d| d.occupation_name.clone()).unwrap_or_default(),
        subtype: d.map(|d| d.subtype.clone()).unwrap_or_default(),
        level: d.map(|d| d.level.wording().to_string()).unwrap_or_default(),
        issuer: d.map(|d| d.issuer_name.clone()).unwrap_or_default(),
        issuer_id: d.map(|d| d.issuer_id.clone()).unwrap_or_default(),
        authorized_by: d.map(|d| d.authorized_by.clone()).unwrap_or_default(),
        authorization_reference: d
            .map(|d| d.authorization_reference.clone())
            .unwrap_or_default(),
        issued_on: d.map(|d| iso(d.issued_on)).unwrap_or_default(),
        status_reason: reason,
        status_on: on,
    };
    Ok((view, c))
}

/// The signed credential JSON a token names, exactly as issued (public: it
/// carries only the masked name).
pub async fn credential(app: &App, token: &str) -> Result<(String, String)> {
    let mut conn = app.db.read().await?;
    let c = store::by_token(&mut conn, token)
        .await?
        .ok_or(Error::NotFound("certificate"))?;
    Ok((c.number, c.credential))
}

/// Problem for a certificate reason that is empty or too long (for forms).
pub fn reason_problem(reason: &str) -> Option<Problem> {
    text_field(reason, 2, 60).err()
}
