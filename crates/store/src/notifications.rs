//! Notifications (one row per reader), the outbox of messages to deliver by
//! e-mail or webhook, and the addresses they go to.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{NotificationId, OrgId, OutboxId, UserId};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// A notification as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Id.
    pub id: NotificationId,
    /// Its reader.
    pub user_id: UserId,
    /// What happened (`log.submitted`), the key of its words.
    pub kind: String,
    /// The record it is about (a path on this site).
    pub href: String,
    /// The words' arguments, a JSON object of strings.
    pub args: String,
    /// Raised once per reader under this key (periodic reminders), if set.
    pub dedup: Option<String>,
    /// Raised.
    pub created_at: Timestamp,
    /// Read, if it was.
    pub read_at: Option<Timestamp>,
}

fn notification_from(r: &AnyRow) -> Result<Notification> {
    Ok(Notification {
        id: decode_id("notifications", &r.try_get::<String, _>("id")?)?,
        user_id: decode_id("notifications", &r.try_get::<String, _>("user_id")?)?,
        kind: r.try_get("kind")?,
        href: r.try_get("href")?,
        args: r.try_get("args")?,
        dedup: r.try_get("dedup")?,
        created_at: Timestamp(r.try_get("created_at")?),
        read_at: r.try_get::<Option<i64>, _>("read_at")?.map(Timestamp),
    })
}

/// Stores a notification. One with a `dedup` key its reader already has is
/// not stored again; the answer says whether this one was.
pub async fn insert(conn: &mut AnyConnection, n: &Notification) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO notifications (id, user_id, kind, href, args, dedup, created_at, read_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) ON CONFLICT (user_id, dedup) DO NOTHING",
    )
    .bind(n.id.to_string())
    .bind(n.user_id.to_string())
    .bind(&n.kind)
    .bind(&n.href)
    .bind(&n.args)
    .bind(n.dedup.as_deref())
    .bind(n.created_at.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A reader's notifications, newest first, a page at a time, with their total.
pub async fn of_user(
    conn: &mut AnyConnection,
    user: UserId,
    unread_only: bool,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Notification>, i64)> {
    let (rows, total) = if unread_only {
        let rows = sqlx::query(
            "SELECT id, user_id, kind, href, args, dedup, created_at, read_at FROM notifications \
             WHERE user_id = $1 AND read_at IS NULL ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(user.to_string())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
        (rows, unread(conn, user).await?)
    } else {
        let rows = sqlx::query(
            "SELECT id, user_id, kind, href, args, dedup, created_at, read_at FROM notifications \
             WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(user.to_string())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
        let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1")
            .bind(user.to_string())
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")?;
        (rows, total)
    };
    Ok((
        rows.iter().map(notification_from).collect::<Result<_>>()?,
        total,
    ))
}

/// How many of a reader's notifications are unread.
pub async fn unread(conn: &mut AnyConnection, user: UserId) -> Result<i64> {
    Ok(sqlx::query(
        "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user.to_string())
    .fetch_one(conn)
    .await?
    .try_get("n")?)
}

/// One notification of a reader (none for anyone else's).
pub async fn get(
    conn: &mut AnyConnection,
    user: UserId,
    id: NotificationId,
) -> Result<Option<Notification>> {
    let row = sqlx::query(
        "SELECT id, user_id, kind, href, args, dedup, created_at, read_at FROM notifications \
         WHERE id = $1 AND user_id = $2",
    )
    .bind(id.to_string())
    .bind(user.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(notification_from).transpose()
}

/// Marks one of a reader's notifications read; false when it is not theirs
/// or was read already.
pub async fn mark_read(
    conn: &mut AnyConnection,
    user: UserId,
    id: NotificationId,
    now: Timestamp,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
    )
    .bind(now.0)
    .bind(id.to_string())
    .bind(user.to_string())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks all of a reader's notifications read; the answer is how many were unread.
pub async fn mark_all_read(conn: &mut AnyConnection, user: UserId, now: Timestamp) -> Result<u64> {
    let done =
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now.0)
            .bind(user.to_string())
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}

/// A person who may receive notifications: an active account holding a
/// role in a unit, with where to write to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// The account.
    pub user_id: UserId,
    /// Its unit.
    pub org_id: OrgId,
    /// Its role there.
    pub role: String,
    /// Its e-mail address ('' when none is known).
    pub email: String,
    /// Whether it wants e-mail.
    pub wants_email: bool,
}

pub(crate) fn reader_from(r: &AnyRow) -> Result<Reader> {
    Ok(Reader {
        user_id: decode_id("users", &r.try_get::<String, _>("user_id")?)?,
        org_id: decode_id("grants", &r.try_get::<String, _>("org_id")?)?,
        role: r.try_get("role")?,
        email: r.try_get("email")?,
        wants_email: r.try_get::<i64, _>("notify_email")? != 0,
    })
}

/// The active staff of a unit, with their roles (one row per role held).
pub async fn staff_of(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<Reader>> {
    let rows = sqlx::query(
        "SELECT g.user_id, g.org_id, g.role, u.email, u.notify_email FROM grants g \
         JOIN users u ON u.id = g.user_id WHERE g.org_id = $1 AND u.status = 'active' \
         ORDER BY g.user_id, g.role",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(reader_from).collect()
}

/// The active account of a user, with one of its roles, if it has any.
pub async fn reader(conn: &mut AnyConnection, user: UserId) -> Result<Option<Reader>> {
    let row = sqlx::query(
        "SELECT g.user_id, g.org_id, g.role, u.email, u.notify_email FROM grants g \
         JOIN users u ON u.id = g.user_id WHERE g.user_id = $1 AND u.status = 'active' \
         ORDER BY g.created_at LIMIT 1",
    )
    .bind(user.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(reader_from).transpose()
}

/// Sets where a user is written to and whether they want e-mail.
pub async fn set_contact(
    conn: &mut AnyConnection,
    user: UserId,
    email: &str,
    wants_email: bool,
) -> Result<()> {
    sqlx::query("UPDATE users SET email = $1, notify_email = $2 WHERE id = $3")
        .bind(email)
        .bind(i64::from(wants_email))
        .bind(user.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// A user's e-mail address and whether they want e-mail.
pub async fn contact(conn: &mut AnyConnection, user: UserId) -> Result<(String, bool)> {
    let row = sqlx::query("SELECT email, notify_email FROM users WHERE id = $1")
        .bind(user.to_string())
        .fetch_one(conn)
        .await?;
    Ok((
        row.try_get("email")?,
        row.try_get::<i64, _>("notify_email")? != 0,
    ))
}

/// A unit's chat-group webhook, if it set one.
pub async fn webhook_of(conn: &mut AnyConnection, org: OrgId) -> Result<Option<String>> {
    let row = sqlx::query("SELECT url FROM org_webhooks WHERE org_id = $1")
        .bind(org.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(|r| r.try_get("url").map_err(Into::into))
        .transpose()
}

/// Sets (or, with `None`, removes) a unit's chat-group webhook.
pub async fn set_webhook(
    conn: &mut AnyConnection,
    org: OrgId,
    url: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    sqlx::query("DELETE FROM org_webhooks WHERE org_id = $1")
        .bind(org.to_string())
        .execute(&mut *conn)
        .await?;
    if let Some(url) = url {
        sqlx::query("INSERT INTO org_webhooks (org_id, url, updated_at) VALUES ($1, $2, $3)")
            .bind(org.to_string())
            .bind(url)
            .bind(now.0)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// A message waiting to be delivered, or delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Id.
    pub id: OutboxId,
    /// `email` or `webhook`.
    pub channel: String,
    /// An e-mail address or a webhook address.
    pub recipient: String,
    /// What it says (`log.submitted`, `membership.approved`), the key of its words.
    pub kind: String,
    /// The record it is about (a path on this site, or a full link).
    pub href: String,
    /// The words' arguments, a JSON object of strings.
    pub args: String,
    /// `pending`, `sent` or `failed` (given up after the last retry).
    pub status: String,
    /// Attempts made.
    pub attempts: i64,
    /// When it may next be tried.
    pub next_attempt_at: Timestamp,
    /// Why the last attempt failed.
    pub last_error: String,
    /// Written.
    pub created_at: Timestamp,
    /// Delivered.
    pub sent_at: Option<Timestamp>,
}

fn message_from(r: &AnyRow) -> Result<OutboxMessage> {
    Ok(OutboxMessage {
        id: decode_id("outbox", &r.try_get::<String, _>("id")?)?,
        channel: r.try_get("channel")?,
        recipient: r.try_get("recipient")?,
        kind: r.try_get("kind")?,
        href: r.try_get("href")?,
        args: r.try_get("args")?,
        status: r.try_get("status")?,
        attempts: r.try_get("attempts")?,
        next_attempt_at: Timestamp(r.try_get("next_attempt_at")?),
        last_error: r.try_get("last_error")?,
        created_at: Timestamp(r.try_get("created_at")?),
        sent_at: r.try_get::<Option<i64>, _>("sent_at")?.map(Timestamp),
    })
}

/// The outbox's columns, for `concat!` (statements stay literal).
macro_rules! message_columns {
    () => {
        "id, channel, recipient, kind, href, args, status, attempts, next_attempt_at, last_error, created_at, sent_at"
    };
}

/// Puts a message in the outbox, to be tried at once.
pub async fn enqueue(
    conn: &mut AnyConnection,
    channel: &str,
    recipient: &str,
    kind: &str,
    href: &str,
    args: &str,
    now: Timestamp,
) -> Result<OutboxId> {
    let id = OutboxId::new();
    sqlx::query(
        "INSERT INTO outbox (id, channel, recipient, kind, href, args, status, attempts, next_attempt_at, \
         last_error, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, '', $7)",
    )
    .bind(id.to_string())
    .bind(channel)
    .bind(recipient)
    .bind(kind)
    .bind(href)
    .bind(args)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(id)
}

/// Up to `limit` pending messages whose time has come, oldest first.
pub async fn due(
    conn: &mut AnyConnection,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<OutboxMessage>> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        message_columns!(),
        " FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
    ))
    .bind(now.0)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter().map(message_from).collect()
}

/// Claims a due message for one attempt by pushing its next attempt to
/// `lease_until`: of several instances, only the one whose update changed
/// the row sends it. False when another instance claimed it first.
pub async fn claim(
    conn: &mut AnyConnection,
    id: OutboxId,
    seen_next: Timestamp,
    lease_until: Timestamp,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 \
         WHERE id = $2 AND status = 'pending' AND next_attempt_at = $3",
    )
    .bind(lease_until.0)
    .bind(id.to_string())
    .bind(seen_next.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that a message was delivered. An invitation's link is a secret
/// (the invitation itself keeps only its hash): once sent, it is not kept.
pub async fn mark_sent(conn: &mut AnyConnection, id: OutboxId, now: Timestamp) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $1, last_error = '', \
         href = CASE WHEN href LIKE '/invite/%' THEN '/invite/' ELSE href END WHERE id = $2",
    )
    .bind(now.0)
    .bind(id.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or given up (`None`).
pub async fn mark_failed(
    conn: &mut AnyConnection,
    id: OutboxId,
    error: &str,
    retry_at: Option<Timestamp>,
) -> Result<()> {
    match retry_at {
        Some(at) => {
            sqlx::query("UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3")
                .bind(error)
                .bind(at.0)
                .bind(id.to_string())
                .execute(conn)
                .await?
        }
        None => {
            sqlx::query("UPDATE outbox SET last_error = $1, status = 'failed' WHERE id = $2")
                .bind(error)
                .bind(id.to_string())
                .execute(conn)
                .await?
        }
    };
    Ok(())
}

/// The outbox, newest first, a page at a time, with its total (the secretariat's view).
pub async fn outbox(
    conn: &mut AnyConnection,
    status: Option<&str>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<OutboxMessage>, i64)> {
    let (rows, total) = match status {
        Some(s) => {
            let rows = sqlx::query(concat!(
                "SELECT ",
                message_columns!(),
                " FROM outbox WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
            ))
            .bind(s)
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *conn)
            .await?;
            let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE status = $1")
                .bind(s)
                .fetch_one(&mut *conn)
                .await?
                .try_get("n")?;
            (rows, n)
        }
        None => {
            let rows = sqlx::query(concat!(
                "SELECT ",
                message_columns!(),
                " FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2"
            ))
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *conn)
            .await?;
            let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM outbox")
                .fetch_one(&mut *conn)
                .await?
                .try_get("n")?;
            (rows, n)
        }
    };
    Ok((rows.iter().map(message_from).collect::<Result<_>>()?, total))
}
