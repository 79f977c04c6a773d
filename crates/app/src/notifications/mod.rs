//! Notifications, the shared kit every area raises its events through: a
//! notification per reader (the centre behind the header's badge), and, for
//! readers who want it, an e-mail; for a unit with a chat-group robot, one
//! webhook message per event. Both are written to the outbox in the
//! transaction of the change that raised them and delivered by
//! [`delivery`], so a mail server that is down delays them and loses nothing.
//!
//! A notification keeps its kind and the words' arguments; the reader's
//! language is applied where it is shown or sent (the words live in `web`).

pub mod delivery;
pub mod sweep;

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::{Kind, Permission, role_holds};
use gongjiang_domain::accounts::Role;
use gongjiang_domain::ids::{NotificationId, OrgId, RoundId, TraineeId, UserId};
use gongjiang_domain::{Problem, Timestamp};
use gongjiang_store::Connection;
use gongjiang_store::notifications::{self as store, Notification, Reader};
use serde_json::json;

/// An event to tell people of: what happened, where to act, and the words'
/// arguments (record names, dates, counts as text).
#[derive(Debug, Clone)]
pub struct Event {
    /// What happened, the key of its words (`log.submitted`).
    pub kind: &'static str,
    /// The record to open (a path on this site).
    pub href: String,
    /// The words' arguments.
    pub args: serde_json::Map<String, serde_json::Value>,
    /// A key under which this event reaches each reader once (reminders the
    /// periodic sweep raises again and again).
    pub dedup: Option<String>,
}

impl Event {
    /// An event of `kind` about the record at `href`.
    pub fn new(kind: &'static str, href: impl Into<String>) -> Event {
        Event {
            kind,
            href: href.into(),
            args: serde_json::Map::new(),
            dedup: None,
        }
    }

    /// With the argument `name` set to `value`.
    #[must_use]
    pub fn arg(mut self, name: &str, value: impl ToString) -> Event {
        self.args.insert(
            name.to_string(),
            serde_json::Value::String(value.to_string()),
        );
        self
    }

    /// Raised once per reader under `key`.
    #[must_use]
    pub fn once(mut self, key: impl Into<String>) -> Event {
        self.dedup = Some(key.into());
        self
    }
}

/// The outbox channels.
pub const EMAIL: &str = "email";
/// A chat-group robot's webhook.
pub const WEBHOOK: &str = "webhook";

/// Tells `readers` of `event` inside the caller's transaction: one
/// notification each (once per reader, however many roles they hold), an
/// e-mail for those who want one when mail is configured, and one webhook
/// message per unit with a chat-group robot. Returns how many were told.
pub(crate) async fn raise(
    tx: &mut Connection,
    app: &App,
    readers: &[Reader],
    event: &Event,
) -> Result<usize> {
    let now = app.now();
    let args = serde_json::Value::Object(event.args.clone()).to_string();
    let mut told: Vec<UserId> = Vec::new();
    let mut orgs: Vec<OrgId> = Vec::new();
    for reader in readers {
        if told.contains(&reader.user_id) {
            continue;
        }
        let stored = store::insert(
            tx,
            &Notification {
                id: NotificationId::new(),
                user_id: reader.user_id,
                kind: event.kind.to_string(),
                href: event.href.clone(),
                args: args.clone(),
                dedup: event.dedup.clone(),
                created_at: now,
                read_at: None,
            },
        )
        .await?;
        if !stored {
            continue;
        }
        told.push(reader.user_id);
        if app.settings.mail.is_some() && reader.wants_email && !reader.email.is_empty() {
            store::enqueue(
                tx,
                EMAIL,
                &reader.email,
                event.kind,
                &event.href,
                &args,
                now,
            )
            .await?;
        }
        if !orgs.contains(&reader.org_id) {
            orgs.push(reader.org_id);
        }
    }
    for org in orgs {
        if let Some(url) = store::webhook_of(tx, org).await? {
            store::enqueue(tx, WEBHOOK, &url, event.kind, &event.href, &args, now).await?;
        }
    }
    Ok(told.len())
}

/// Sends `event` by e-mail to an address that has no account (an applicant's
/// contact), when mail is configured; nothing otherwise.
pub(crate) async fn mail_to(
    tx: &mut Connection,
    app: &App,
    address: &str,
    event: &Event,
) -> Result<bool> {
    if app.settings.mail.is_none() || address.trim().is_empty() {
        return Ok(false);
    }
    let args = serde_json::Value::Object(event.args.clone()).to_string();
    store::enqueue(
        tx,
        EMAIL,
        address.trim(),
        event.kind,
        &event.href,
        &args,
        app.now(),
    )
    .await?;
    Ok(true)
}

/// The staff of `org` whose role holds `kind` (one entry per person).
pub(crate) async fn staff_who(tx: &mut Connection, org: OrgId, kind: Kind) -> Result<Vec<Reader>> {
    let mut all = store::staff_of(tx, org).await?;
    all.retain(|r| {
        Role::parse(&r.role).is_ok_and(|role| role != Role::Trainee && role_holds(role, kind))
    });
    all.dedup_by_key(|r| r.user_id);
    Ok(all)
}

/// The account of a trainee, if the trainee has one.
pub(crate) async fn trainee_reader(tx: &mut Connection, trainee: TraineeId) -> Result<Vec<Reader>> {
    let Some(user) = gongjiang_store::rounds::user_of_trainee(tx, trainee).await? else {
        return Ok(Vec::new());
    };
    Ok(store::reader(tx, user).await?.into_iter().collect())
}

/// Everyone a round's steps concern: its participants with accounts, the
/// staff of their schools who enter preferences, and the staff of the units
/// offering places who rank applicants.
pub(crate) async fn round_people(tx: &mut Connection, round: RoundId) -> Result<Vec<Reader>> {
    use gongjiang_store::rounds as rounds_store;
    let mut all = rounds_store::participant_accounts(tx, round).await?;
    for school in rounds_store::participant_schools(tx, round).await? {
        all.extend(staff_who(tx, school, Kind::EnterPreferences).await?);
    }
    for unit in rounds_store::place_units(tx, round).await? {
        all.extend(staff_who(tx, unit, Kind::RankApplicants).await?);
    }
    Ok(all)
}

/// The secretariat's staff whose role holds `kind`.
pub(crate) async fn secretariat(tx: &mut Connection, kind: Kind) -> Result<Vec<Reader>> {
    let alliance = gongjiang_store::members::first_alliance(tx).await?;
    match alliance.and_then(|a| a.host_org_id) {
        Some(host) => staff_who(tx, host, kind).await,
        None => Ok(Vec::new()),
    }
}

/// A notification as its reader sees it.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct NotificationView {
    /// Id.
    pub id: NotificationId,
    /// What happened (`log.submitted`).
    pub kind: String,
    /// The record it is about.
    pub href: String,
    /// The words' arguments.
    pub args: serde_json::Map<String, serde_json::Value>,
    /// Raised.
    pub created_at: Timestamp,
    /// Read, if it was.
    pub read_at: Option<Timestamp>,
}

impl From<Notification> for NotificationView {
    fn from(n: Notification) -> Self {
        let args = match serde_json::from_str(&n.args) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        NotificationView {
            id: n.id,
            kind: n.kind,
            href: n.href,
            args,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

/// Largest page of notifications.
pub const MAX_PAGE: i64 = 100;

/// The actor's own notifications, newest first, a page at a time, with their total.
pub async fn mine(
    app: &App,
    actor: &Actor,
    unread_only: bool,
    page: i64,
    per_page: i64,
) -> Result<(Vec<NotificationView>, i64)> {
    let me = actor.user()?;
    let per_page = per_page.clamp(1, MAX_PAGE);
    let mut conn = app.db.read().await?;
    let (rows, total) = store::of_user(
        &mut conn,
        me.user_id,
        unread_only,
        (page.max(1) - 1) * per_page,
        per_page,
    )
    .await?;
    Ok((
        rows.into_iter().map(NotificationView::from).collect(),
        total,
    ))
}

/// How many of the actor's notifications are unread (0 for visitors).
pub async fn unread(app: &App, actor: &Actor) -> Result<i64> {
    let Ok(me) = actor.user() else {
        return Ok(0);
    };
    let mut conn = app.db.read().await?;
    Ok(store::unread(&mut conn, me.user_id).await?)
}

/// Opens one of the actor's notifications: marks it read and answers where
/// it leads. Someone else's is not found.
pub async fn open(app: &App, actor: &Actor, id: NotificationId) -> Result<NotificationView> {
    let me = actor.user()?;
    let mut tx = app.db.write().await?;
    let n = store::get(&mut tx, me.user_id, id)
        .await?
        .ok_or(Error::NotFound("notification"))?;
    store::mark_read(&mut tx, me.user_id, id, app.now()).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    let mut view = NotificationView::from(n);
    view.read_at.get_or_insert(app.now());
    Ok(view)
}

/// Marks all the actor's notifications read; answers how many were unread.
pub async fn read_all(app: &App, actor: &Actor) -> Result<u64> {
    let me = actor.user()?;
    let mut tx = app.db.write().await?;
    let n = store::mark_all_read(&mut tx, me.user_id, app.now()).await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(n)
}

/// Where the actor is written to.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Contact {
    /// E-mail address ('' for none).
    pub email: String,
    /// Whether notifications also come by e-mail.
    pub wants_email: bool,
}

/// The actor's own contact settings.
pub async fn my_contact(app: &App, actor: &Actor) -> Result<Contact> {
    let me = actor.require(Permission::ManageOwnAccount)?;
    let mut conn = app.db.read().await?;
    let (email, wants_email) = store::contact(&mut conn, me.user_id).await?;
    Ok(Contact { email, wants_email })
}

/// Sets the actor's e-mail address and whether notifications come by e-mail; audited.
pub async fn set_my_contact(app: &App, actor: &Actor, input: &Contact) -> Result<Contact> {
    let me = actor.require(Permission::ManageOwnAccount)?.clone();
    let email = crate::members::email_field(&input.email).map_err(|p| Error::field("email", p))?;
    let mut tx = app.db.write().await?;
    let (before_email, before_wants) = store::contact(&mut tx, me.user_id).await?;
    store::set_contact(&mut tx, me.user_id, &email, input.wants_email).await?;
    record(
        &mut tx,
        app,
        actor,
        "account.contact",
        "user",
        &me.user_id.to_string(),
        Some(me.org_id.to_string()),
        json!({"email": before_email, "wants_email": before_wants}),
        json!({"email": email, "wants_email": input.wants_email}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(Contact {
        email,
        wants_email: input.wants_email,
    })
}

/// A unit's chat-group robot as its administrators see it: whether one is
/// set and the address with its key hidden.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct WebhookView {
    /// Whether the unit has a robot.
    pub set: bool,
    /// Its address with the key masked (`…key=abcd****`).
    pub masked: String,
}

fn masked_url(url: &str) -> String {
    match url.split_once("key=") {
        Some((head, key)) => {
            let shown: String = key.chars().take(4).collect();
            format!("{head}key={shown}****")
        }
        None => url.chars().take(40).collect(),
    }
}

/// A unit's chat-group robot.
pub async fn webhook(app: &App, actor: &Actor, org: OrgId) -> Result<WebhookView> {
    actor.require(Permission::EditOrgProfile(org))?;
    let mut conn = app.db.read().await?;
    Ok(match store::webhook_of(&mut conn, org).await? {
        Some(url) => WebhookView {
            set: true,
            masked: masked_url(&url),
        },
        None => WebhookView {
            set: false,
            masked: String::new(),
        },
    })
}

/// Checks a robot's address: `https://` on an allowed host (the settings'
/// `webhook_hosts`, 企业微信's own by default), or `http://` on loopback.
fn webhook_field(app: &App, url: &str) -> std::result::Result<String, Problem> {
    let url = url.trim();
    if url.chars().count() > 500 {
        return Err(Problem::TooLong { max: 500 });
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(Problem::Rule {
            key: "webhook_scheme",
        })?;
    let host_port = rest.split(['/', '?']).next().unwrap_or_default();
    let host = host_port.split(':').next().unwrap_or_default();
    let loopback = host == "127.0.0.1" || host == "localhost";
    if url.starts_with("http://") && !loopback {
        return Err(Problem::Rule {
            key: "webhook_scheme",
        });
    }
    if !app.settings.webhook_hosts.iter().any(|h| h == host) {
        return Err(Problem::Rule {
            key: "webhook_host",
        });
    }
    Ok(url.to_string())
}

/// Sets (or, with an empty address, removes) a unit's chat-group robot; audited.
pub async fn set_webhook(app: &App, actor: &Actor, org: OrgId, url: &str) -> Result<WebhookView> {
    actor.require(Permission::EditOrgProfile(org))?;
    let url = if url.trim().is_empty() {
        None
    } else {
        Some(webhook_field(app, url).map_err(|p| Error::field("webhook_url", p))?)
    };
    let mut tx = app.db.write().await?;
    let before = store::webhook_of(&mut tx, org).await?;
    store::set_webhook(&mut tx, org, url.as_deref(), app.now()).await?;
    record(
        &mut tx,
        app,
        actor,
        "org.webhook",
        "organization",
        &org.to_string(),
        Some(org.to_string()),
        json!({"webhook": before.as_deref().map(masked_url)}),
        json!({"webhook": url.as_deref().map(masked_url)}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(match url {
        Some(u) => WebhookView {
            set: true,
            masked: masked_url(&u),
        },
        None => WebhookView {
            set: false,
            masked: String::new(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::masked_url;

    #[test]
    fn a_robots_key_is_shown_by_its_first_four_characters_only() {
        assert_eq!(
            masked_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx"),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****"
        );
    }
}
