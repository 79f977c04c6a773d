//! Delivering the outbox: e-mail over SMTP (STARTTLS, implicit TLS, or plain
//! on loopback) and 企业微信 group-robot webhooks (`msgtype` markdown). A
//! background worker takes the messages whose time has come, claims each
//! (so of several instances only one sends it), sends it, and on failure
//! tries again later with growing waits, giving up after [`MAX_ATTEMPTS`].

use crate::App;
use crate::error::{Error, Result};
use gongjiang_domain::Timestamp;
use gongjiang_store::notifications::{self as store, OutboxMessage};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

/// How a message reads: composed from its kind and arguments where the
/// words live (the web crate), in the platform's first language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    /// The e-mail subject, or the robot message's title.
    pub subject: String,
    /// The text, its link included.
    pub text: String,
}

/// Composes messages; `link` is the record's full address.
pub trait Compose: Send + Sync {
    /// The words of a message of `kind` with `args`.
    fn compose(
        &self,
        kind: &str,
        args: &serde_json::Map<String, serde_json::Value>,
        link: &str,
    ) -> Composed;
}

/// How the connection to the mail server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); required, never skipped.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No TLS: only for a relay on this machine (tests, a local relay).
    None,
}

/// The mail server, from `[mail]` in `gongjiang.toml`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct MailSettings {
    /// Host name.
    pub host: String,
    /// Port (587 for STARTTLS, 465 for TLS).
    pub port: u16,
    /// How the connection is secured.
    pub security: Security,
    /// User name ('' for none).
    #[serde(default)]
    pub username: String,
    /// Password.
    #[serde(default)]
    pub password: String,
    /// The sender (`工匠平台 <noreply@example.cn>`).
    pub from: String,
}

/// Attempts before a message is given up (marked failed, shown to the secretariat).
pub const MAX_ATTEMPTS: i64 = 8;
/// How long one attempt may hold a message before another instance may try it.
const LEASE_SECONDS: i64 = 120;

/// The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most an hour.
pub fn backoff_seconds(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    (30_i64 * 2_i64.pow(exp)).min(3600)
}

/// Installs the process's TLS provider (ring) for every HTTPS client and
/// SMTP connection; call before building any `reqwest` client. Installing
/// twice is harmless.
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The connections messages leave by.
pub struct Transports {
    mail: Option<(AsyncSmtpTransport<Tokio1Executor>, Mailbox)>,
    http: reqwest::Client,
}

impl Transports {
    /// Builds the transports from the settings.
    pub fn new(settings: &crate::Settings) -> Result<Transports> {
        install_tls();
        let mail = match &settings.mail {
            Some(m) => {
                let builder = match m.security {
                    Security::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&m.host)
                            .map_err(|e| Error::Internal(format!("mail host: {e}")))?
                    }
                    Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&m.host)
                        .map_err(|e| Error::Internal(format!("mail host: {e}")))?,
                    Security::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&m.host)
                    }
                };
                let mut builder = builder.port(m.port).timeout(Some(Duration::from_secs(15)));
                if !m.username.is_empty() {
                    builder = builder
                        .credentials(Credentials::new(m.username.clone(), m.password.clone()));
                }
                let from: Mailbox = m
                    .from
                    .parse()
                    .map_err(|e| Error::Internal(format!("mail from: {e}")))?;
                Some((builder.build(), from))
            }
            None => None,
        };
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Internal(format!("http client: {e}")))?;
        Ok(Transports { mail, http })
    }

    async fn send(
        &self,
        m: &OutboxMessage,
        composed: &Composed,
    ) -> std::result::Result<(), String> {
        match m.channel.as_str() {
            super::EMAIL => {
                let Some((mailer, from)) = &self.mail else {
                    return Err("mail is not configured".into());
                };
                let to: Mailbox = m.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(composed.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(composed.text.clone())
                    .map_err(|e| format!("message: {e}"))?;
                mailer
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            super::WEBHOOK => {
                let body = serde_json::json!({
                    "msgtype": "markdown",
                    "markdown": {"content": format!("**{}**\n{}", composed.subject, composed.text)},
                });
                let answer = self
                    .http
                    .post(&m.recipient)
                    .json(&body)
                    .send()
                    .await
                    .map_err(|e| format!("webhook: {}", e.without_url()))?;
                if !answer.status().is_success() {
                    return Err(format!("webhook answered {}", answer.status()));
                }
                // The robot answers 200 with {"errcode": 0} when it took the message.
                let json: serde_json::Value = answer
                    .json()
                    .await
                    .map_err(|e| format!("webhook answer: {}", e.without_url()))?;
                match json.get("errcode").and_then(serde_json::Value::as_i64) {
                    Some(0) => Ok(()),
                    other => Err(format!(
                        "webhook refused: errcode {}, {}",
                        other.map_or_else(|| "missing".to_string(), |c| c.to_string()),
                        json.get("errmsg")
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or("")
                    )),
                }
            }
            other => Err(format!("unknown channel {other}")),
        }
    }
}

/// What one pass over the outbox did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Delivered.
    pub sent: usize,
    /// Failed, to be tried again.
    pub retried: usize,
    /// Failed for the last time.
    pub given_up: usize,
}

/// The full address of a message's record.
fn link(app: &App, href: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        href.to_string()
    } else {
        format!("{}{href}", app.settings.public_url.trim_end_matches('/'))
    }
}

/// Sends every message whose time has come (up to `batch`), once.
pub async fn deliver_due(
    app: &App,
    compose: &dyn Compose,
    transports: &Transports,
    batch: i64,
) -> Result<Pass> {
    let now = app.now();
    let due = {
        let mut conn = app.db.read().await?;
        store::due(&mut conn, now, batch).await?
    };
    let mut pass = Pass::default();
    for m in due {
        let claimed = {
            let mut tx = app.db.write().await?;
            let ok = store::claim(
                &mut tx,
                m.id,
                m.next_attempt_at,
                Timestamp(now.0 + LEASE_SECONDS * 1000),
            )
            .await?;
            tx.commit().await.map_err(gongjiang_store::Error::from)?;
            ok
        };
        if !claimed {
            continue;
        }
        let args = match serde_json::from_str(&m.args) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        let composed = compose.compose(&m.kind, &args, &link(app, &m.href));
        let outcome = transports.send(&m, &composed).await;
        let attempts = m.attempts + 1;
        let mut tx = app.db.write().await?;
        match outcome {
            Ok(()) => {
                store::mark_sent(&mut tx, m.id, app.now()).await?;
                pass.sent += 1;
            }
            Err(why) => {
                let why: String = why.chars().take(500).collect();
                tracing::warn!(outbox.id = %m.id, channel = %m.channel, attempts, error = %why, "delivery failed");
                if attempts >= MAX_ATTEMPTS {
                    store::mark_failed(&mut tx, m.id, &why, None).await?;
                    pass.given_up += 1;
                } else {
                    let at = Timestamp(app.now().0 + backoff_seconds(attempts) * 1000);
                    store::mark_failed(&mut tx, m.id, &why, Some(at)).await?;
                    pass.retried += 1;
                }
            }
        }
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
    }
    Ok(pass)
}

/// Runs the delivery worker until the process ends: a pass every `every`.
/// Errors (a database that is away) are logged and the next pass tries again.
pub fn spawn(
    app: App,
    compose: Arc<dyn Compose>,
    every: Duration,
) -> Result<tokio::task::JoinHandle<()>> {
    let transports = Transports::new(&app.settings)?;
    Ok(tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match deliver_due(&app, compose.as_ref(), &transports, 50).await {
                Ok(p) if p.sent + p.retried + p.given_up > 0 => {
                    tracing::info!(
                        sent = p.sent,
                        retried = p.retried,
                        given_up = p.given_up,
                        "outbox pass"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "outbox pass failed"),
            }
        }
    }))
}

/// The outbox as the secretariat sees it: a page, newest first, with its total.
pub async fn outbox(
    app: &App,
    actor: &crate::actor::Actor,
    status: Option<&str>,
    page: i64,
    per_page: i64,
) -> Result<(Vec<OutboxMessage>, i64)> {
    actor.require(crate::policy::Permission::BrowseAllAudit)?;
    let per_page = per_page.clamp(1, super::MAX_PAGE);
    let mut conn = app.db.read().await?;
    Ok(store::outbox(&mut conn, status, (page.max(1) - 1) * per_page, per_page).await?)
}

#[cfg(test)]
mod tests {
    use super::backoff_seconds;

    #[test]
    fn waits_double_from_half_a_minute_and_stop_at_an_hour() {
        assert_eq!(backoff_seconds(1), 30);
        assert_eq!(backoff_seconds(2), 60);
        assert_eq!(backoff_seconds(5), 480);
        assert_eq!(backoff_seconds(8), 3600);
    }
}
