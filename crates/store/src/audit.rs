//! The audit log: append-only and hash-chained.
//!
//! Each entry's hash covers the previous entry's hash and every field of the
//! entry, so editing or deleting a row (which the database's triggers refuse
//! anyway) breaks the chain, and `verify` names the first broken entry. An entry
//! is written in the same transaction as the change it records.

use crate::db::Backend;
use crate::error::Result;
use gongjiang_domain::Timestamp;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// One change to record.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct NewEntry {
    /// When.
    pub at: Timestamp,
    /// The acting user (None for the system or an anonymous applicant).
    pub actor_user_id: Option<String>,
    /// The actor's login, or `anonymous` / `system`.
    pub actor_login: String,
    /// The organisation the actor acted for.
    pub actor_org_id: Option<String>,
    /// The role the actor acted as.
    pub actor_role: String,
    /// What was done (`membership.approve`).
    pub action: String,
    /// The kind of object (`membership`).
    pub object_type: String,
    /// The object's id.
    pub object_id: String,
    /// The organisation the object belongs to.
    pub object_org_id: Option<String>,
    /// The object before, as JSON (`null` for a creation).
    pub before: serde_json::Value,
    /// The object after, as JSON (`null` for a deletion).
    pub after: serde_json::Value,
    /// The client's address.
    pub ip: String,
}

/// A stored entry.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Entry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// The recorded change.
    #[serde(flatten)]
    pub entry: NewEntry,
    /// Hash of the previous entry.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an entry: SHA-256 over the previous hash and every field,
/// each length-prefixed so no value can imitate a field boundary.
fn entry_hash(seq: i64, prev_hash: &str, e: &NewEntry, before: &str, after: &str) -> String {
    let mut h = Sha256::new();
    let fields: [&str; 12] = [
        &seq.to_string(),
        prev_hash,
        &e.at.0.to_string(),
        e.actor_user_id.as_deref().unwrap_or(""),
        &e.actor_login,
        e.actor_org_id.as_deref().unwrap_or(""),
        &e.actor_role,
        &e.action,
        &e.object_type,
        &e.object_id,
        before,
        after,
    ];
    for f in fields
        .iter()
        .chain([e.object_org_id.as_deref().unwrap_or(""), e.ip.as_str()].iter())
    {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The latest entry's sequence number (0 for an empty log): one lookup on
/// the primary key. Every change writes an entry, so this says whether
/// anything changed since it was last read (`app::aggregates`).
pub async fn latest_seq(conn: &mut AnyConnection) -> Result<i64> {
    let seq: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM audit_log")
        .fetch_one(&mut *conn)
        .await?;
    Ok(seq.unwrap_or(0))
}

/// Appends an entry inside the caller's write transaction; returns its sequence number.
pub async fn append(conn: &mut AnyConnection, backend: Backend, e: &NewEntry) -> Result<i64> {
    if backend == Backend::Postgres {
        // Serialise appenders so two transactions cannot both extend the same head.
        sqlx::query("SELECT pg_advisory_xact_lock(7001)")
            .execute(&mut *conn)
            .await?;
    }
    let head = sqlx::query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?;
    let (prev_seq, prev_hash) = match head {
        Some(r) => (r.try_get::<i64, _>("seq")?, r.try_get::<String, _>("hash")?),
        None => (0, GENESIS.to_string()),
    };
    let seq = prev_seq + 1;
    let before = e.before.to_string();
    let after = e.after.to_string();
    let hash = entry_hash(seq, &prev_hash, e, &before, &after);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_login, actor_org_id, actor_role, action, object_type, \
         object_id, object_org_id, before_json, after_json, ip, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(seq)
    .bind(e.at.0)
    .bind(e.actor_user_id.clone())
    .bind(&e.actor_login)
    .bind(e.actor_org_id.clone())
    .bind(&e.actor_role)
    .bind(&e.action)
    .bind(&e.object_type)
    .bind(&e.object_id)
    .bind(e.object_org_id.clone())
    .bind(&before)
    .bind(&after)
    .bind(&e.ip)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    Ok(seq)
}

fn entry_from(r: &AnyRow) -> Result<(Entry, String, String)> {
    let before: String = r.try_get("before_json")?;
    let after: String = r.try_get("after_json")?;
    let entry = Entry {
        seq: r.try_get("seq")?,
        entry: NewEntry {
            at: Timestamp(r.try_get("at")?),
            actor_user_id: r.try_get("actor_user_id")?,
            actor_login: r.try_get("actor_login")?,
            actor_org_id: r.try_get("actor_org_id")?,
            actor_role: r.try_get("actor_role")?,
            action: r.try_get("action")?,
            object_type: r.try_get("object_type")?,
            object_id: r.try_get("object_id")?,
            object_org_id: r.try_get("object_org_id")?,
            before: serde_json::from_str(&before).unwrap_or(serde_json::Value::Null),
            after: serde_json::from_str(&after).unwrap_or(serde_json::Value::Null),
            ip: r.try_get("ip")?,
        },
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    };
    Ok((entry, before, after))
}

/// Filters for browsing the log.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only entries by actors of this organisation, or about its objects.
    pub org_id: Option<String>,
    /// Only this kind of object.
    pub object_type: Option<String>,
    /// Only this object.
    pub object_id: Option<String>,
    /// Only actions starting with this text (`membership.`).
    pub action_prefix: Option<String>,
    /// Only by this login.
    pub actor_login: Option<String>,
    /// Not before this instant.
    pub since: Option<Timestamp>,
    /// Before this instant.
    pub until: Option<Timestamp>,
}

/// Entries matching `filter`, newest first, a page at a time, with the total count.
pub async fn list(
    conn: &mut AnyConnection,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Entry>, i64)> {
    let w = filter.conditions(crate::filters::on_sqlite(conn));
    let mut count = sqlx::query_scalar::<_, i64>(w.sql("SELECT COUNT(*) FROM audit_log", ""));
    for b in w.binds() {
        count = count.bind(b.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    // Newest first on the primary key: a page reads its own rows only.
    let mut page = sqlx::query(w.sql(
        "SELECT seq, at, actor_user_id, actor_login, actor_org_id, actor_role, action, object_type, \
         object_id, object_org_id, before_json, after_json, ip, prev_hash, hash FROM audit_log",
        "ORDER BY seq DESC LIMIT ? OFFSET ?",
    ));
    for b in w.binds() {
        page = page.bind(b.clone());
    }
    let rows = page.bind(limit).bind(offset).fetch_all(&mut *conn).await?;
    let entries = rows
        .iter()
        .map(|r| entry_from(r).map(|(e, _, _)| e))
        .collect::<Result<Vec<_>>>()?;
    Ok((entries, total))
}

impl Filter {
    /// Only the conditions that are set, each on its index (`audit_by_actor_org`
    /// and `audit_by_object_org` for a unit, `audit_by_object` for a record,
    /// `audit_by_at` for a period, `audit_by_action` for an action prefix).
    fn conditions(&self, sqlite: bool) -> crate::filters::Where {
        let mut w = crate::filters::Where::new();
        if let Some(org) = self.org_id.clone().filter(|o| !o.is_empty()) {
            w.and(
                "(actor_org_id = ? OR object_org_id = ?)",
                [org.clone(), org],
            );
        }
        w.and_some(
            "object_type = ?",
            self.object_type.clone().filter(|v| !v.is_empty()),
        );
        w.and_some(
            "object_id = ?",
            self.object_id.clone().filter(|v| !v.is_empty()),
        );
        if let Some(prefix) = self.action_prefix.clone().filter(|v| !v.is_empty()) {
            // A prefix as a range of the index, compared byte by byte (SQLite's
            // BINARY; PostgreSQL's "C" collation, which the index is built
            // in), so `privacy.breach_query` matches itself and `consent.`
            // every consent action, without reading the whole log.
            let fragment = if sqlite {
                "action >= ? AND action < ?"
            } else {
                "action COLLATE \"C\" >= ? AND action COLLATE \"C\" < ?"
            };
            w.and(fragment, [prefix.clone(), format!("{prefix}\u{10FFFF}")]);
        }
        w.and_some(
            "actor_login = ?",
            self.actor_login.clone().filter(|v| !v.is_empty()),
        );
        w.and_some(
            "at >= CAST(? AS BIGINT)",
            self.since.map(|t| t.0.to_string()),
        );
        w.and_some(
            "at < CAST(? AS BIGINT)",
            self.until.map(|t| t.0.to_string()),
        );
        w
    }
}

/// How many entries the log holds.
pub async fn count(conn: &mut AnyConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(conn)
        .await?)
}

/// Walks the whole chain; returns the number of entries checked, or the first broken sequence number.
pub async fn verify(conn: &mut AnyConnection) -> Result<std::result::Result<i64, i64>> {
    const PAGE: &str = "SELECT seq, at, actor_user_id, actor_login, actor_org_id, actor_role, action, object_type, \
         object_id, object_org_id, before_json, after_json, ip, prev_hash, hash FROM audit_log \
         WHERE seq > $1 ORDER BY seq LIMIT 1000";
    let mut last_seq = 0_i64;
    let mut prev_hash = GENESIS.to_string();
    loop {
        let rows = sqlx::query(PAGE)
            .bind(last_seq)
            .fetch_all(&mut *conn)
            .await?;
        if rows.is_empty() {
            return Ok(Ok(last_seq));
        }
        for r in &rows {
            let (e, before, after) = entry_from(r)?;
            let expected = entry_hash(e.seq, &prev_hash, &e.entry, &before, &after);
            if e.seq != last_seq + 1 || e.prev_hash != prev_hash || e.hash != expected {
                return Ok(Err(last_seq + 1));
            }
            last_seq = e.seq;
            prev_hash = e.hash;
        }
    }
}
