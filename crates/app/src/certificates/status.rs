//! A certificate's standing after issue: revoke, suspend and reinstate,
//! each with its reason, its status-list bit and an audit entry.

use super::*;

pub(super) async fn load_for_change(
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

pub(super) fn reason_field(reason: &str) -> Result<String> {
    text_field(reason, 2, 60).map_err(|p| Error::field("reason", p))
}

pub(super) async fn change_status(
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
    if action == "revoke" {
        let holder = crate::notifications::trainee_reader(&mut tx, c.trainee_id).await?;
        let event = crate::notifications::Event::new("certificate.revoked", "/me/record")
            .arg("number", &c.number)
            .arg("reason", reason.clone().unwrap_or_default());
        crate::notifications::raise(&mut tx, app, &holder, &event).await?;
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

/// Problem for a certificate reason that is empty or too long (for forms).
pub fn reason_problem(reason: &str) -> Option<Problem> {
    text_field(reason, 2, 60).err()
}
