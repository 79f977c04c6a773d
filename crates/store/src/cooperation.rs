//! Agreements between schools and enterprises, and their attached files.

use crate::error::{Result, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::cooperation::{Agreement, AgreementKind, AgreementStatus};
use gongjiang_domain::ids::{AgreementId, AttachmentId, OrgId};
use sqlx::{AnyConnection, Row, any::AnyRow};

fn agreement_from(r: &AnyRow) -> Result<Agreement> {
    Ok(Agreement {
        id: decode_id("agreements", &r.try_get::<String, _>("id")?)?,
        kind: decode(
            "agreements",
            &r.try_get::<String, _>("kind")?,
            AgreementKind::parse,
        )?,
        title: r.try_get("title")?,
        school_org_id: decode_id("agreements", &r.try_get::<String, _>("school_org_id")?)?,
        enterprise_org_id: decode_id("agreements", &r.try_get::<String, _>("enterprise_org_id")?)?,
        start_on: r.try_get("start_on")?,
        end_on: r.try_get("end_on")?,
        quota: r.try_get("quota")?,
        status: decode(
            "agreements",
            &r.try_get::<String, _>("status")?,
            AgreementStatus::parse,
        )?,
        notes: r.try_get("notes")?,
    })
}

/// Inserts or updates an agreement; `created_by_org` is kept from the first save.
pub async fn save(
    conn: &mut AnyConnection,
    a: &Agreement,
    created_by_org: OrgId,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO agreements (id, kind, title, school_org_id, enterprise_org_id, start_on, end_on, quota, status, notes, \
         created_by_org, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, start_on = excluded.start_on, \
         end_on = excluded.end_on, quota = excluded.quota, status = excluded.status, notes = excluded.notes, \
         updated_at = excluded.updated_at",
    )
    .bind(a.id.to_string())
    .bind(a.kind.as_str())
    .bind(&a.title)
    .bind(a.school_org_id.to_string())
    .bind(a.enterprise_org_id.to_string())
    .bind(&a.start_on)
    .bind(&a.end_on)
    .bind(a.quota)
    .bind(a.status.as_str())
    .bind(&a.notes)
    .bind(created_by_org.to_string())
    .bind(now.0)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// One agreement.
pub async fn get(conn: &mut AnyConnection, id: AgreementId) -> Result<Option<Agreement>> {
    let row = sqlx::query(
        "SELECT id, kind, title, school_org_id, enterprise_org_id, start_on, end_on, quota, status, notes FROM agreements WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(agreement_from).transpose()
}

/// Agreements one organisation is party to (all when `org` is `None`), ending soonest first.
pub async fn list(conn: &mut AnyConnection, org: Option<OrgId>) -> Result<Vec<Agreement>> {
    let rows = sqlx::query(
        "SELECT id, kind, title, school_org_id, enterprise_org_id, start_on, end_on, quota, status, notes FROM agreements \
         WHERE ($1 = '' OR school_org_id = $1 OR enterprise_org_id = $1) ORDER BY end_on, id",
    )
    .bind(org.map(|o| o.to_string()).unwrap_or_default())
    .fetch_all(conn)
    .await?;
    rows.iter().map(agreement_from).collect()
}

/// An attached file's description (without its bytes).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Attachment {
    /// Id.
    pub id: AttachmentId,
    /// The agreement.
    pub agreement_id: AgreementId,
    /// Cleaned file name.
    pub file_name: String,
    /// Content type judged from the bytes.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Uploaded.
    pub uploaded_at: Timestamp,
}

/// Stores a file.
pub async fn insert_file(
    conn: &mut AnyConnection,
    f: &Attachment,
    data: &[u8],
    uploaded_by: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO agreement_files (id, agreement_id, file_name, content_type, size, sha256, data, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(f.id.to_string())
    .bind(f.agreement_id.to_string())
    .bind(&f.file_name)
    .bind(&f.content_type)
    .bind(f.size)
    .bind(&f.sha256)
    .bind(data.to_vec())
    .bind(uploaded_by)
    .bind(f.uploaded_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn attachment_from(r: &AnyRow) -> Result<Attachment> {
    Ok(Attachment {
        id: decode_id("agreement_files", &r.try_get::<String, _>("id")?)?,
        agreement_id: decode_id("agreement_files", &r.try_get::<String, _>("agreement_id")?)?,
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        uploaded_at: Timestamp(r.try_get("uploaded_at")?),
    })
}

/// The files of an agreement.
pub async fn files(conn: &mut AnyConnection, agreement: AgreementId) -> Result<Vec<Attachment>> {
    let rows = sqlx::query(
        "SELECT id, agreement_id, file_name, content_type, size, sha256, uploaded_at FROM agreement_files \
         WHERE agreement_id = $1 ORDER BY uploaded_at, id",
    )
    .bind(agreement.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(attachment_from).collect()
}

/// One file with its bytes.
pub async fn file(
    conn: &mut AnyConnection,
    id: AttachmentId,
) -> Result<Option<(Attachment, Vec<u8>)>> {
    let row = sqlx::query(
        "SELECT id, agreement_id, file_name, content_type, size, sha256, uploaded_at, data FROM agreement_files WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    match row {
        Some(r) => Ok(Some((
            attachment_from(&r)?,
            r.try_get::<Vec<u8>, _>("data")?,
        ))),
        None => Ok(None),
    }
}
