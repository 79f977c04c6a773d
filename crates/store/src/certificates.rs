//! Issuing organisations' signing keys and the certificates they signed, with
//! each certificate's status-list bits and status.

use crate::error::{Result, conflict_as, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::evaluation::Level;
use gongjiang_domain::ids::{CandidateId, CertificateId, OrgId, TraineeId};
use serde::Serialize;
use sqlx::{AnyConnection, Row, any::AnyRow};

/// A signing key as stored: the private seed sealed.
#[derive(Debug, Clone)]
pub struct StoredKey {
    /// Verification method id (`did:web:…#key-1`).
    pub kid: String,
    /// The organisation.
    pub org_id: OrgId,
    /// Public key, multibase (`z6Mk…`).
    pub public_multibase: String,
    /// The seed, sealed by the vault.
    pub seed_sealed: String,
}

/// Stores a new key.
pub async fn insert_key(conn: &mut AnyConnection, k: &StoredKey, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO issuer_keys (kid, org_id, public_multibase, seed_sealed, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&k.kid)
    .bind(k.org_id.to_string())
    .bind(&k.public_multibase)
    .bind(&k.seed_sealed)
    .bind(now.0)
    .execute(conn)
    .await
    .map_err(conflict_as("kid"))?;
    Ok(())
}

/// An organisation's keys, oldest first (the last one signs).
pub async fn keys(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<StoredKey>> {
    let rows = sqlx::query(
        "SELECT kid, org_id, public_multibase, seed_sealed FROM issuer_keys WHERE org_id = $1 ORDER BY created_at, kid",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StoredKey {
                kid: r.try_get("kid")?,
                org_id: decode_id("issuer_keys", &r.try_get::<String, _>("org_id")?)?,
                public_multibase: r.try_get("public_multibase")?,
                seed_sealed: r.try_get("seed_sealed")?,
            })
        })
        .collect()
}

/// Every key of every organisation (the verify page's trusted set).
pub async fn all_public_keys(conn: &mut AnyConnection) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query("SELECT kid, public_multibase FROM issuer_keys ORDER BY kid")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("kid")?, r.try_get("public_multibase")?)))
        .collect()
}

/// A certificate as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Certificate {
    /// Id.
    pub id: CertificateId,
    /// The result it certifies.
    pub candidate_id: CandidateId,
    /// The holder.
    pub trainee_id: TraineeId,
    /// The issuing institution.
    pub org_id: OrgId,
    /// Certificate number (§3.4).
    pub number: String,
    /// Year of issue.
    pub issue_year: i64,
    /// Serial within the institution and year.
    pub serial: i64,
    /// Occupation code.
    pub occupation_code: String,
    /// Occupation name.
    pub occupation_name: String,
    /// 工种/职业方向 (`--` if none).
    pub subtype: String,
    /// Level.
    pub level: Level,
    /// Masked holder name.
    pub holder_name_masked: String,
    /// ID document type (居民身份证).
    pub holder_id_type: String,
    /// Masked ID number.
    pub holder_id_masked: String,
    /// Issue date `YYYY-MM-DD`.
    pub issued_on: String,
    /// The verify page's token.
    #[serde(skip)]
    pub token: String,
    /// The signing key's id.
    pub kid: String,
    /// The signed credential, exactly as issued.
    #[serde(skip)]
    pub credential: String,
    /// Bit in the issuer's revocation list.
    pub revocation_index: i64,
    /// Bit in the issuer's suspension list.
    pub suspension_index: i64,
    /// `valid`, `suspended` or `revoked`.
    pub status: String,
    /// Reason of the revocation or suspension.
    pub status_reason: Option<String>,
    /// Day of the revocation or suspension.
    pub status_on: Option<String>,
    /// Login of who issued it.
    pub issued_by: String,
}

/// Stores an issued certificate. A second live certificate for the same
/// result is refused by the database (`candidate_id` conflict).
pub async fn insert(conn: &mut AnyConnection, c: &Certificate, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO certificates (id, candidate_id, trainee_id, org_id, number, issue_year, serial, occupation_code, \
         occupation_name, subtype, level, holder_name_masked, holder_id_type, holder_id_masked, issued_on, token, kid, \
         credential, revocation_index, suspension_index, status, status_reason, status_on, issued_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)",
    )
    .bind(c.id.to_string())
    .bind(c.candidate_id.to_string())
    .bind(c.trainee_id.to_string())
    .bind(c.org_id.to_string())
    .bind(&c.number)
    .bind(c.issue_year)
    .bind(c.serial)
    .bind(&c.occupation_code)
    .bind(&c.occupation_name)
    .bind(&c.subtype)
    .bind(c.level.as_str())
    .bind(&c.holder_name_masked)
    .bind(&c.holder_id_type)
    .bind(&c.holder_id_masked)
    .bind(&c.issued_on)
    .bind(&c.token)
    .bind(&c.kid)
    .bind(&c.credential)
    .bind(c.revocation_index)
    .bind(c.suspension_index)
    .bind(&c.status)
    .bind(&c.status_reason)
    .bind(&c.status_on)
    .bind(&c.issued_by)
    .bind(now.0)
    .execute(conn)
    .await
    .map_err(conflict_as("candidate_id"))?;
    Ok(())
}

fn certificate_from(r: &AnyRow) -> Result<Certificate> {
    Ok(Certificate {
        id: decode_id("certificates", &r.try_get::<String, _>("id")?)?,
        candidate_id: decode_id("certificates", &r.try_get::<String, _>("candidate_id")?)?,
        trainee_id: decode_id("certificates", &r.try_get::<String, _>("trainee_id")?)?,
        org_id: decode_id("certificates", &r.try_get::<String, _>("org_id")?)?,
        number: r.try_get("number")?,
        issue_year: r.try_get("issue_year")?,
        serial: r.try_get("serial")?,
        occupation_code: r.try_get("occupation_code")?,
        occupation_name: r.try_get("occupation_name")?,
        subtype: r.try_get("subtype")?,
        level: decode(
            "certificates",
            &r.try_get::<String, _>("level")?,
            Level::parse,
        )?,
        holder_name_masked: r.try_get("holder_name_masked")?,
        holder_id_type: r.try_get("holder_id_type")?,
        holder_id_masked: r.try_get("holder_id_masked")?,
        issued_on: r.try_get("issued_on")?,
        token: r.try_get("token")?,
        kid: r.try_get("kid")?,
        credential: r.try_get("credential")?,
        revocation_index: r.try_get("revocation_index")?,
        suspension_index: r.try_get("suspension_index")?,
        status: r.try_get("status")?,
        status_reason: r.try_get("status_reason")?,
        status_on: r.try_get("status_on")?,
        issued_by: r.try_get("issued_by")?,
    })
}

/// One certificate.
pub async fn get(conn: &mut AnyConnection, id: CertificateId) -> Result<Option<Certificate>> {
    let row = sqlx::query("SELECT * FROM certificates WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(certificate_from).transpose()
}

/// The certificate a verify-page token names.
pub async fn by_token(conn: &mut AnyConnection, token: &str) -> Result<Option<Certificate>> {
    let row = sqlx::query("SELECT * FROM certificates WHERE token = $1")
        .bind(token)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(certificate_from).transpose()
}

/// The certificates issued for one result (at most one not revoked).
pub async fn of_candidate(
    conn: &mut AnyConnection,
    candidate: CandidateId,
) -> Result<Vec<Certificate>> {
    let rows =
        sqlx::query("SELECT * FROM certificates WHERE candidate_id = $1 ORDER BY created_at, id")
            .bind(candidate.to_string())
            .fetch_all(conn)
            .await?;
    rows.iter().map(certificate_from).collect()
}

/// A trainee's certificates, newest first.
pub async fn of_trainee(conn: &mut AnyConnection, trainee: TraineeId) -> Result<Vec<Certificate>> {
    let rows = sqlx::query(
        "SELECT * FROM certificates WHERE trainee_id = $1 ORDER BY issued_on DESC, id DESC",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(certificate_from).collect()
}

/// One page of an institution's certificates (all when `None`), newest
/// first, with the total: read through `certificates_by_org` or, for all,
/// `certificates_by_issued` (the page's rows only).
pub async fn of_org_page(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Certificate>, i64)> {
    let mut w = crate::filters::Where::new();
    w.and_some("org_id = ?", org.map(|o| o.to_string()));
    let mut count = sqlx::query_scalar::<_, i64>(w.sql("SELECT COUNT(*) FROM certificates", ""));
    for b in w.binds() {
        count = count.bind(b.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    let mut q = sqlx::query(w.sql(
        "SELECT * FROM certificates",
        "ORDER BY issued_on DESC, number DESC LIMIT ? OFFSET ?",
    ));
    for b in w.binds() {
        q = q.bind(b.clone());
    }
    let rows = q.bind(limit).bind(offset).fetch_all(conn).await?;
    Ok((
        rows.iter()
            .map(certificate_from)
            .collect::<Result<Vec<_>>>()?,
        total,
    ))
}

/// The candidates holding a live (not revoked) certificate of an
/// institution: bulk issuing skips them.
pub async fn live_candidates(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT candidate_id FROM certificates WHERE org_id = $1 AND status <> 'revoked'",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?)
}

/// The next serial of an institution in a year (serials are never reused).
pub async fn next_serial(conn: &mut AnyConnection, org: OrgId, year: i64) -> Result<i64> {
    let max: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(serial) FROM certificates WHERE org_id = $1 AND issue_year = $2",
    )
    .bind(org.to_string())
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// The status-list bits an institution has given out.
pub async fn used_indexes(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT revocation_index, suspension_index FROM certificates WHERE org_id = $1",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("revocation_index")?,
                r.try_get("suspension_index")?,
            ))
        })
        .collect()
}

/// One set bit of a status list: index, reason, day.
#[derive(Debug, Clone)]
pub struct StatusEntry {
    /// Bit index.
    pub index: i64,
    /// Public reason.
    pub reason: String,
    /// Day `YYYY-MM-DD`.
    pub on: String,
}

/// The set bits of an institution's list for `status` (`revoked` or `suspended`).
pub async fn status_entries(
    conn: &mut AnyConnection,
    org: OrgId,
    status: &str,
) -> Result<Vec<StatusEntry>> {
    let rows = sqlx::query(
        "SELECT revocation_index, suspension_index, status_reason, status_on FROM certificates \
         WHERE org_id = $1 AND status = $2 ORDER BY revocation_index",
    )
    .bind(org.to_string())
    .bind(status)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let index: i64 = if status == "revoked" {
                r.try_get("revocation_index")?
            } else {
                r.try_get("suspension_index")?
            };
            Ok(StatusEntry {
                index,
                reason: r
                    .try_get::<Option<String>, _>("status_reason")?
                    .unwrap_or_default(),
                on: r
                    .try_get::<Option<String>, _>("status_on")?
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Sets a certificate's status with its reason and day.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: CertificateId,
    status: &str,
    reason: Option<&str>,
    on: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "UPDATE certificates SET status = $1, status_reason = $2, status_on = $3 WHERE id = $4",
    )
    .bind(status)
    .bind(reason)
    .bind(on)
    .bind(id.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// The certificate with this number, if any (`number` is unique).
pub async fn by_number(conn: &mut AnyConnection, number: &str) -> Result<Option<Certificate>> {
    let row = sqlx::query("SELECT * FROM certificates WHERE number = $1")
        .bind(number)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(certificate_from).transpose()
}
