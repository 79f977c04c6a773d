//! School–enterprise agreements: either party's staff create and keep them;
//! the parties and the secretariat see them; nobody else learns they exist.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::cooperation::{Agreement, AgreementInput, attachment_name, attachment_type};
use gongjiang_domain::ids::{AgreementId, AttachmentId, OrgId};
use gongjiang_domain::members::OrgKind;
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::cooperation::{self as store, Attachment};
use serde_json::json;
use sha2::{Digest, Sha256};

/// Days before the end at which an agreement is flagged for renewal.
pub const RENEWAL_WINDOW_DAYS: i64 = 60;

fn party_of(actor: &Actor, a: &Agreement) -> bool {
    actor.may(Permission::ManageAgreements(a.school_org_id))
        || actor.may(Permission::ManageAgreements(a.enterprise_org_id))
}

fn visible(actor: &Actor, a: &Agreement) -> bool {
    party_of(actor, a) || actor.may(Permission::ReviewApplications)
}

/// Saves an agreement the actor's unit is party to (new when `id` is None).
pub async fn save(
    app: &App,
    actor: &Actor,
    id: Option<AgreementId>,
    input: &AgreementInput,
) -> Result<Agreement> {
    let me = actor.user()?.clone();
    actor.require(Permission::ManageAgreements(me.org_id))?;
    let fields = input.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let existing = match id {
        Some(id) => {
            let a = store::get(&mut tx, id)
                .await?
                .ok_or(Error::NotFound("agreement"))?;
            if !party_of(actor, &a) {
                return Err(if visible(actor, &a) {
                    Error::Forbidden
                } else {
                    Error::NotFound("agreement")
                });
            }
            Some(a)
        }
        None => None,
    };
    let mut errors = FieldErrors::new();
    let school = gongjiang_store::members::get_org(&mut tx, fields.school_org_id).await?;
    if !school.as_ref().is_some_and(|o| o.kind.is_school()) {
        errors.push("school_org_id", Problem::InvalidChoice);
    }
    let enterprise = gongjiang_store::members::get_org(&mut tx, fields.enterprise_org_id).await?;
    if !enterprise
        .as_ref()
        .is_some_and(|o| o.kind == OrgKind::Enterprise)
    {
        errors.push("enterprise_org_id", Problem::InvalidChoice);
    }
    if me.org_id != fields.school_org_id && me.org_id != fields.enterprise_org_id {
        errors.push("school_org_id", Problem::Rule { key: "own_party" });
    }
    if let Some(a) = &existing
        && (a.school_org_id != fields.school_org_id
            || a.enterprise_org_id != fields.enterprise_org_id)
    {
        errors.push("enterprise_org_id", Problem::WrongState);
    }
    errors.into_result()?;
    let agreement = Agreement {
        id: existing.as_ref().map(|a| a.id).unwrap_or_default(),
        kind: fields.kind,
        title: fields.title,
        school_org_id: fields.school_org_id,
        enterprise_org_id: fields.enterprise_org_id,
        start_on: fields.start_on,
        end_on: fields.end_on,
        quota: fields.quota,
        status: fields.status,
        notes: fields.notes,
    };
    store::save(&mut tx, &agreement, me.org_id, now).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "agreement.update"
        } else {
            "agreement.create"
        },
        "agreement",
        &agreement.id.to_string(),
        Some(me.org_id.to_string()),
        existing.map(|a| json!(a)).unwrap_or(json!(null)),
        json!(agreement),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(agreement)
}

/// One agreement the actor may see.
pub async fn get(
    app: &App,
    actor: &Actor,
    id: AgreementId,
) -> Result<(Agreement, Vec<Attachment>)> {
    actor.user()?;
    let mut conn = app.db.read().await?;
    let a = store::get(&mut conn, id)
        .await?
        .filter(|a| visible(actor, a))
        .ok_or(Error::NotFound("agreement"))?;
    let files = store::files(&mut conn, id).await?;
    Ok((a, files))
}

/// Agreements the actor may see: all for the secretariat, their unit's otherwise.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Agreement>> {
    let me = actor.user()?;
    let mut conn = app.db.read().await?;
    let org: Option<OrgId> = if actor.may(Permission::ReviewApplications) {
        None
    } else {
        Some(me.org_id)
    };
    // Trainees of a party school are not parties: keep only what the actor may see.
    Ok(store::list(&mut conn, org)
        .await?
        .into_iter()
        .filter(|a| visible(actor, a))
        .collect())
}

/// Attaches a file (PDF, PNG or JPEG, at most 5 MiB, judged by its bytes).
pub async fn attach(
    app: &App,
    actor: &Actor,
    id: AgreementId,
    name: &str,
    bytes: &[u8],
) -> Result<Attachment> {
    let me = actor.user()?.clone();
    let content_type = attachment_type(bytes).map_err(|p| Error::field("file", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let a = store::get(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("agreement"))?;
    if !party_of(actor, &a) {
        return Err(if visible(actor, &a) {
            Error::Forbidden
        } else {
            Error::NotFound("agreement")
        });
    }
    let file = Attachment {
        id: AttachmentId::new(),
        agreement_id: id,
        file_name: attachment_name(name),
        content_type: content_type.to_string(),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: hex::encode(Sha256::digest(bytes)),
        uploaded_at: now,
    };
    store::insert_file(&mut tx, &file, bytes, &me.login).await?;
    record(
        &mut tx,
        app,
        actor,
        "agreement.attach",
        "agreement",
        &id.to_string(),
        Some(me.org_id.to_string()),
        json!(null),
        json!(file),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(file)
}

/// A file of an agreement the actor may see.
pub async fn file(
    app: &App,
    actor: &Actor,
    id: AgreementId,
    file: AttachmentId,
) -> Result<(Attachment, Vec<u8>)> {
    get(app, actor, id).await?;
    let mut conn = app.db.read().await?;
    store::file(&mut conn, file)
        .await?
        .filter(|(f, _)| f.agreement_id == id)
        .ok_or(Error::NotFound("file"))
}
