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

mod issue;
mod lookup;
mod public;
mod status;

pub use issue::*;
pub use lookup::{LOOKUPS_PER_WINDOW, WINDOW_MINUTES, lookup};
pub use public::*;
pub use status::*;

/// How long a published status list stays valid; verifiers refuse it after that.
pub const STATUS_LIST_DAYS: i64 = 7;

/// The public base URL without a trailing slash.
pub fn base_url(app: &App) -> &str {
    app.settings.public_url.trim_end_matches('/')
}

/// `host[:port]` of the public URL, for did:web.
pub(super) fn web_domain(app: &App) -> String {
    let url = base_url(app);
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_ascii_lowercase()
}

/// The did:web identifier of an organisation.
pub fn org_did(app: &App, org: OrgId) -> Result<String> {
    did_web(&web_domain(app), &["orgs", &org.to_string()])
        .map_err(|e| Error::Internal(format!("public_url unusable for did:web: {e}")))
}

pub(super) fn alliance_did(app: &App) -> Result<String> {
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

pub(super) fn odt(t: Timestamp) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(super) fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

pub(super) fn key_aad(kid: &str) -> String {
    format!("issuer_keys.seed:{kid}")
}

pub(super) fn open_key(app: &App, k: &StoredKey) -> Result<IssuerKey> {
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
pub(super) async fn signing_key(
    conn: &mut AnyConnection,
    app: &App,
    org: OrgId,
) -> Result<IssuerKey> {
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

pub(super) fn may_see(actor: &Actor, c: &Certificate) -> bool {
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
        gongjiang_domain::privacy::Purpose::Evaluation,
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
pub async fn list(
    app: &App,
    actor: &Actor,
    page: i64,
    per_page: i64,
) -> Result<(Vec<Certificate>, i64)> {
    let me = actor.user()?;
    let mut conn = app.db.read().await?;
    let org = (!actor.may(Permission::ManageEvaluationInstitutions)).then_some(me.org_id);
    if let Some(org) = org
        && !actor.may(Permission::RunEvaluations(org))
    {
        return Err(Error::Forbidden);
    }
    let per_page = per_page.clamp(1, 200);
    Ok(store::of_org_page(&mut conn, org, (page.max(1) - 1) * per_page, per_page).await?)
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
