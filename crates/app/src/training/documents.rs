//! An internship's documents: attaching a file and reading it back.

use super::access::{load, load_managed};
use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use gongjiang_domain::cooperation::{attachment_name, attachment_type};
use gongjiang_domain::ids::{InternshipFileId, InternshipId};
use gongjiang_domain::training::DocumentKind;
use gongjiang_store::training::{self as store, Document};
use serde_json::json;
use sha2::{Digest, Sha256};

/// Attaches a document (PDF, PNG or JPEG, at most 5 MiB, judged by its bytes) to an editable internship.
pub async fn attach(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Document> {
    let me = actor.user()?.clone();
    let kind = DocumentKind::parse(kind).map_err(|p| Error::field("kind", p))?;
    let content_type = attachment_type(bytes).map_err(|p| Error::field("file", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let i = load_managed(&mut tx, actor, id).await?;
    if !i.status.editable() {
        return Err(Error::WrongState("internship.not_editable".into()));
    }
    let d = Document {
        id: InternshipFileId::new(),
        internship_id: id,
        kind,
        file_name: attachment_name(name, content_type),
        content_type: content_type.to_string(),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: hex::encode(Sha256::digest(bytes)),
        uploaded_at: now,
    };
    store::insert_document(&mut tx, &d, bytes, &me.login).await?;
    record(
        &mut tx,
        app,
        actor,
        "internship.attach",
        "internship",
        &id.to_string(),
        Some(i.school_org_id.to_string()),
        json!(null),
        json!(d),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(d)
}

/// A document of an internship the actor may see, with its bytes.
pub async fn document(
    app: &App,
    actor: &Actor,
    id: InternshipId,
    file: InternshipFileId,
) -> Result<(Document, Vec<u8>)> {
    let mut conn = app.db.read().await?;
    load(&mut conn, actor, id).await?;
    store::document(&mut conn, file)
        .await?
        .filter(|(d, _)| d.internship_id == id)
        .ok_or(Error::NotFound("file"))
}
