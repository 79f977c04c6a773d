//! Users, their grants (roles in organisations), invitations, personal API
//! tokens and the failed-login throttle.

use crate::error::{Result, conflict_as, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::accounts::{Role, UserStatus};
use gongjiang_domain::ids::{ApiTokenId, GrantId, InvitationId, OrgId, UserId};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// A user account.
#[derive(Debug, Clone)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Login name (lower case).
    pub login: String,
    /// Name shown in pages.
    pub display_name: String,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
    /// Active or disabled.
    pub status: UserStatus,
    /// A demo account (refused outside `--demo`).
    pub is_demo: bool,
    /// Must change the password before anything else.
    pub must_change_password: bool,
    /// When the password last changed.
    pub password_changed_at: Timestamp,
    /// Created.
    pub created_at: Timestamp,
}

/// A role a user holds in an organisation.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Grant {
    /// Its id.
    pub id: GrantId,
    /// The user.
    pub user_id: UserId,
    /// The organisation.
    pub org_id: OrgId,
    /// The role.
    pub role: Role,
}

fn user_from(row: &AnyRow) -> Result<User> {
    Ok(User {
        id: decode_id("users", &row.try_get::<String, _>("id")?)?,
        login: row.try_get("login")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        status: decode(
            "users",
            &row.try_get::<String, _>("status")?,
            UserStatus::parse,
        )?,
        is_demo: row.try_get::<i64, _>("is_demo")? != 0,
        must_change_password: row.try_get::<i64, _>("must_change_password")? != 0,
        password_changed_at: Timestamp(row.try_get("password_changed_at")?),
        created_at: Timestamp(row.try_get("created_at")?),
    })
}

/// Inserts a user; a taken login is `Conflict("login")`.
pub async fn insert_user(conn: &mut AnyConnection, u: &User) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, login, display_name, password_hash, status, is_demo, must_change_password, \
         password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(u.id.to_string())
    .bind(&u.login)
    .bind(&u.display_name)
    .bind(&u.password_hash)
    .bind(u.status.as_str())
    .bind(i64::from(u.is_demo))
    .bind(i64::from(u.must_change_password))
    .bind(u.password_changed_at.0)
    .bind(u.created_at.0)
    .execute(conn)
    .await
    .map_err(conflict_as("login"))?;
    Ok(())
}

/// A user by login name.
pub async fn user_by_login(conn: &mut AnyConnection, login: &str) -> Result<Option<User>> {
    let row = sqlx::query(
        "SELECT id, login, display_name, password_hash, status, is_demo, must_change_password, password_changed_at, \
         created_at FROM users WHERE login = $1",
    )
    .bind(login)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(user_from).transpose()
}

/// A user by id.
pub async fn get_user(conn: &mut AnyConnection, id: UserId) -> Result<Option<User>> {
    let row = sqlx::query(
        "SELECT id, login, display_name, password_hash, status, is_demo, must_change_password, password_changed_at, \
         created_at FROM users WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(user_from).transpose()
}

/// Replaces a user's password hash.
pub async fn set_password(
    conn: &mut AnyConnection,
    id: UserId,
    hash: &str,
    now: Timestamp,
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2, must_change_password = 0 WHERE id = $3")
        .bind(hash)
        .bind(now.0)
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Replaces a hash with a stronger one without touching the change date (rehash on login).
pub async fn upgrade_password_hash(conn: &mut AnyConnection, id: UserId, hash: &str) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets an account's status and the reason it was disabled (`None` when
/// it is enabled again, which clears the reason).
pub async fn set_user_status(
    conn: &mut AnyConnection,
    id: UserId,
    status: UserStatus,
    disabled_reason: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE users SET status = $1, disabled_reason = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(disabled_reason)
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// How many users exist (0 on a fresh install).
pub async fn count_users(conn: &mut AnyConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(conn)
        .await?)
}

/// Adds a grant.
pub async fn insert_grant(conn: &mut AnyConnection, g: &Grant, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO grants (id, user_id, org_id, role, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(g.id.to_string())
    .bind(g.user_id.to_string())
    .bind(g.org_id.to_string())
    .bind(g.role.as_str())
    .bind(now.0)
    .execute(conn)
    .await
    .map_err(conflict_as("grant"))?;
    Ok(())
}

fn grant_from(row: &AnyRow) -> Result<Grant> {
    Ok(Grant {
        id: decode_id("grants", &row.try_get::<String, _>("id")?)?,
        user_id: decode_id("grants", &row.try_get::<String, _>("user_id")?)?,
        org_id: decode_id("grants", &row.try_get::<String, _>("org_id")?)?,
        role: decode("grants", &row.try_get::<String, _>("role")?, Role::parse)?,
    })
}

/// A user's grants, oldest first.
pub async fn grants_of_user(conn: &mut AnyConnection, user: UserId) -> Result<Vec<Grant>> {
    let rows = sqlx::query(
        "SELECT id, user_id, org_id, role FROM grants WHERE user_id = $1 ORDER BY created_at, id",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(grant_from).collect()
}

/// A person on an organisation's staff list.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct StaffMember {
    /// The user.
    pub user_id: UserId,
    /// Login name.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Role in this organisation.
    pub role: Role,
    /// Account status.
    pub status: UserStatus,
    /// Why the account was disabled, while it is.
    pub disabled_reason: Option<String>,
}

/// The people holding grants in an organisation.
pub async fn staff_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<StaffMember>> {
    let rows = sqlx::query(
        "SELECT u.id, u.login, u.display_name, u.status, u.disabled_reason, g.role FROM grants g JOIN users u ON u.id = g.user_id \
         WHERE g.org_id = $1 ORDER BY g.role, u.login",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StaffMember {
                user_id: decode_id("users", &r.try_get::<String, _>("id")?)?,
                login: r.try_get("login")?,
                display_name: r.try_get("display_name")?,
                role: decode("grants", &r.try_get::<String, _>("role")?, Role::parse)?,
                status: decode(
                    "users",
                    &r.try_get::<String, _>("status")?,
                    UserStatus::parse,
                )?,
                disabled_reason: r.try_get("disabled_reason")?,
            })
        })
        .collect()
}

/// An invitation link for a new staff member.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// Its id.
    pub id: InvitationId,
    /// SHA-256 of the secret in the link.
    pub token_hash: String,
    /// The organisation the invitee joins.
    pub org_id: OrgId,
    /// The role they receive.
    pub role: Role,
    /// A note for the invitee (e.g. who it is for).
    pub note: String,
    /// Who created it.
    pub created_by: UserId,
    /// Created.
    pub created_at: Timestamp,
    /// No longer valid after.
    pub expires_at: Timestamp,
    /// When it was used.
    pub used_at: Option<Timestamp>,
}

fn invitation_from(row: &AnyRow) -> Result<Invitation> {
    Ok(Invitation {
        id: decode_id("invitations", &row.try_get::<String, _>("id")?)?,
        token_hash: row.try_get("token_hash")?,
        org_id: decode_id("invitations", &row.try_get::<String, _>("org_id")?)?,
        role: decode(
            "invitations",
            &row.try_get::<String, _>("role")?,
            Role::parse,
        )?,
        note: row.try_get("note")?,
        created_by: decode_id("invitations", &row.try_get::<String, _>("created_by")?)?,
        created_at: Timestamp(row.try_get("created_at")?),
        expires_at: Timestamp(row.try_get("expires_at")?),
        used_at: row.try_get::<Option<i64>, _>("used_at")?.map(Timestamp),
    })
}

/// Stores an invitation.
pub async fn insert_invitation(conn: &mut AnyConnection, i: &Invitation) -> Result<()> {
    sqlx::query(
        "INSERT INTO invitations (id, token_hash, org_id, role, note, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(i.id.to_string())
    .bind(&i.token_hash)
    .bind(i.org_id.to_string())
    .bind(i.role.as_str())
    .bind(&i.note)
    .bind(i.created_by.to_string())
    .bind(i.created_at.0)
    .bind(i.expires_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The invitation whose secret hashes to `token_hash`.
pub async fn invitation_by_hash(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<Option<Invitation>> {
    let row = sqlx::query(
        "SELECT id, token_hash, org_id, role, note, created_by, created_at, expires_at, used_at FROM invitations \
         WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(invitation_from).transpose()
}

/// Invitations of an organisation, newest first.
pub async fn invitations_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<Invitation>> {
    let rows = sqlx::query(
        "SELECT id, token_hash, org_id, role, note, created_by, created_at, expires_at, used_at FROM invitations \
         WHERE org_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(invitation_from).collect()
}

/// Marks an invitation used, only if it still is unused; returns whether it was.
pub async fn use_invitation(
    conn: &mut AnyConnection,
    id: InvitationId,
    by: UserId,
    now: Timestamp,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE invitations SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL",
    )
    .bind(now.0)
    .bind(by.to_string())
    .bind(id.to_string())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A personal API token (the secret itself is never stored).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ApiToken {
    /// Its id.
    pub id: ApiTokenId,
    /// Owner.
    pub user_id: UserId,
    /// The organisation it acts for.
    pub org_id: OrgId,
    /// The role it acts as.
    pub role: Role,
    /// A name the user chose.
    pub name: String,
    /// The first characters of the secret, to recognise it.
    pub prefix: String,
    /// Created.
    pub created_at: Timestamp,
    /// Last used.
    pub last_used_at: Option<Timestamp>,
    /// Revoked.
    pub revoked_at: Option<Timestamp>,
}

fn token_from(row: &AnyRow) -> Result<ApiToken> {
    Ok(ApiToken {
        id: decode_id("api_tokens", &row.try_get::<String, _>("id")?)?,
        user_id: decode_id("api_tokens", &row.try_get::<String, _>("user_id")?)?,
        org_id: decode_id("api_tokens", &row.try_get::<String, _>("org_id")?)?,
        role: decode(
            "api_tokens",
            &row.try_get::<String, _>("role")?,
            Role::parse,
        )?,
        name: row.try_get("name")?,
        prefix: row.try_get("prefix")?,
        created_at: Timestamp(row.try_get("created_at")?),
        last_used_at: row
            .try_get::<Option<i64>, _>("last_used_at")?
            .map(Timestamp),
        revoked_at: row.try_get::<Option<i64>, _>("revoked_at")?.map(Timestamp),
    })
}

/// Stores a token by the hash of its secret.
pub async fn insert_api_token(
    conn: &mut AnyConnection,
    t: &ApiToken,
    token_hash: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, org_id, role, name, prefix, token_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(t.id.to_string())
    .bind(t.user_id.to_string())
    .bind(t.org_id.to_string())
    .bind(t.role.as_str())
    .bind(&t.name)
    .bind(&t.prefix)
    .bind(token_hash)
    .bind(t.created_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The live (not revoked) token whose secret hashes to `token_hash`.
pub async fn api_token_by_hash(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> Result<Option<ApiToken>> {
    let row = sqlx::query(
        "SELECT id, user_id, org_id, role, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens \
         WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(token_from).transpose()
}

/// Records a token's use.
pub async fn touch_api_token(
    conn: &mut AnyConnection,
    id: ApiTokenId,
    now: Timestamp,
) -> Result<()> {
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now.0)
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// A user's tokens, newest first.
pub async fn api_tokens_of_user(conn: &mut AnyConnection, user: UserId) -> Result<Vec<ApiToken>> {
    let rows = sqlx::query(
        "SELECT id, user_id, org_id, role, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens \
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(token_from).collect()
}

/// Revokes one of the user's tokens; false when it is not theirs or already revoked.
pub async fn revoke_api_token(
    conn: &mut AnyConnection,
    user: UserId,
    id: ApiTokenId,
    now: Timestamp,
) -> Result<bool> {
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now.0)
        .bind(id.to_string())
        .bind(user.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Failed-login state for one key.
#[derive(Debug, Clone, Copy, Default)]
pub struct Throttle {
    /// Failures in the current window.
    pub failures: i64,
    /// Start of the current window.
    pub window_start: i64,
    /// Refuse logins until this instant (ms).
    pub locked_until: i64,
}

/// The throttle state for `key`, its row created if missing and held for
/// this transaction (the upsert takes the row's lock on PostgreSQL; SQLite's
/// write transaction holds the database): concurrent sign-ins for the same
/// key read it one after the other, never the same count.
pub async fn throttle_held(conn: &mut AnyConnection, key: &str) -> Result<Throttle> {
    let r = sqlx::query(
        "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) VALUES ($1, 0, 0, 0) \
         ON CONFLICT (throttle_key) DO UPDATE SET failures = login_throttle.failures \
         RETURNING failures, window_start, locked_until",
    )
    .bind(key)
    .fetch_one(conn)
    .await?;
    Ok(Throttle {
        failures: r.try_get("failures")?,
        window_start: r.try_get("window_start")?,
        locked_until: r.try_get("locked_until")?,
    })
}

/// Takes back one counted attempt for `key` (a sign-in whose password was
/// right), lifting a lock that only that attempt had set.
pub async fn forgive_attempt(conn: &mut AnyConnection, key: &str, lock_at: i64) -> Result<()> {
    sqlx::query(
        "UPDATE login_throttle SET failures = failures - 1, \
         locked_until = CASE WHEN failures - 1 < $2 THEN 0 ELSE locked_until END \
         WHERE throttle_key = $1 AND failures > 0",
    )
    .bind(key)
    .bind(lock_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes the throttle state for `key`.
pub async fn save_throttle(conn: &mut AnyConnection, key: &str, t: Throttle) -> Result<()> {
    sqlx::query(
        "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, \
         locked_until = excluded.locked_until",
    )
    .bind(key)
    .bind(t.failures)
    .bind(t.window_start)
    .bind(t.locked_until)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets the throttle state for `key` (after a successful login).
pub async fn clear_throttle(conn: &mut AnyConnection, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}
