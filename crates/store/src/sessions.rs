//! Server-side sessions: the cookie carries a random secret, the table only its SHA-256.

use crate::error::{Result, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::accounts::{Role, UserStatus};
use gongjiang_domain::ids::{OrgId, UserId};
use gongjiang_domain::members::OrgKind;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A stored session.
#[derive(Debug, Clone)]
pub struct Session {
    /// SHA-256 (hex) of the cookie secret.
    pub token_hash: String,
    /// The signed-in user.
    pub user_id: UserId,
    /// The organisation the user acts for.
    pub acting_org_id: OrgId,
    /// The role the user acts as.
    pub acting_role: Role,
    /// The CSRF token for this session's forms.
    pub csrf_token: String,
    /// Started.
    pub created_at: Timestamp,
    /// Last request.
    pub last_seen_at: Timestamp,
    /// Last time the password was entered.
    pub authenticated_at: Timestamp,
}

/// Stores a new session.
pub async fn insert(conn: &mut AnyConnection, s: &Session) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, acting_org_id, acting_role, csrf_token, created_at, last_seen_at, \
         authenticated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&s.token_hash)
    .bind(s.user_id.to_string())
    .bind(s.acting_org_id.to_string())
    .bind(s.acting_role.as_str())
    .bind(&s.csrf_token)
    .bind(s.created_at.0)
    .bind(s.last_seen_at.0)
    .bind(s.authenticated_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The session with this token hash.
pub async fn get(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<Session>> {
    let row = sqlx::query(
        "SELECT token_hash, user_id, acting_org_id, acting_role, csrf_token, created_at, last_seen_at, authenticated_at \
         FROM sessions WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(session_from).transpose()
}

fn session_from(r: &AnyRow) -> Result<Session> {
    Ok(Session {
        token_hash: r.try_get("token_hash")?,
        user_id: decode_id("sessions", &r.try_get::<String, _>("user_id")?)?,
        acting_org_id: decode_id("sessions", &r.try_get::<String, _>("acting_org_id")?)?,
        acting_role: decode(
            "sessions",
            &r.try_get::<String, _>("acting_role")?,
            Role::parse,
        )?,
        csrf_token: r.try_get("csrf_token")?,
        created_at: Timestamp(r.try_get("created_at")?),
        last_seen_at: Timestamp(r.try_get("last_seen_at")?),
        authenticated_at: Timestamp(r.try_get("authenticated_at")?),
    })
}

/// A session with what each request needs of its user and acting unit.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The session.
    pub session: Session,
    /// The user's login.
    pub login: String,
    /// The user's display name.
    pub display_name: String,
    /// The user's status.
    pub user_status: UserStatus,
    /// The kind of the unit the session acts for.
    pub org_kind: OrgKind,
    /// Whether the user still holds the role the session acts in, for that unit.
    pub granted: bool,
}

/// A session, its user, its acting unit's kind and whether the grant it acts
/// under still stands, in one statement (every signed-in request asks this;
/// on PostgreSQL each statement is a round trip).
pub async fn resolve(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<Resolved>> {
    let row = sqlx::query(
        "SELECT s.token_hash, s.user_id, s.acting_org_id, s.acting_role, s.csrf_token, s.created_at, s.last_seen_at, \
         s.authenticated_at, u.login, u.display_name, u.status AS user_status, o.kind AS org_kind, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM grants g WHERE g.user_id = s.user_id AND g.org_id = s.acting_org_id \
         AND g.role = s.acting_role) THEN 1 ELSE 0 END AS BIGINT) AS granted \
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = s.acting_org_id \
         WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    Ok(Some(Resolved {
        session: session_from(&r)?,
        login: r.try_get("login")?,
        display_name: r.try_get("display_name")?,
        user_status: decode(
            "users",
            &r.try_get::<String, _>("user_status")?,
            UserStatus::parse,
        )?,
        org_kind: decode(
            "organizations",
            &r.try_get::<String, _>("org_kind")?,
            OrgKind::parse,
        )?,
        granted: r.try_get::<i64, _>("granted")? != 0,
    }))
}

/// Records activity on a session.
pub async fn touch(conn: &mut AnyConnection, token_hash: &str, now: Timestamp) -> Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now.0)
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Switches the organisation and role a session acts for.
pub async fn switch_acting(
    conn: &mut AnyConnection,
    token_hash: &str,
    org: OrgId,
    role: Role,
) -> Result<()> {
    sqlx::query("UPDATE sessions SET acting_org_id = $1, acting_role = $2 WHERE token_hash = $3")
        .bind(org.to_string())
        .bind(role.as_str())
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends one session.
pub async fn delete(conn: &mut AnyConnection, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of a user except `keep` (pass "" to end them all).
pub async fn delete_for_user(conn: &mut AnyConnection, user: UserId, keep: &str) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user.to_string())
        .bind(keep)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Deletes sessions idle since before `idle_before` or started before `started_before`.
pub async fn purge_expired(
    conn: &mut AnyConnection,
    idle_before: Timestamp,
    started_before: Timestamp,
) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before.0)
        .bind(started_before.0)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
