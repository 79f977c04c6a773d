//! Looking a certificate up by its number and its holder's name (PIPL Art.
//! 25, F9): a verifier who holds the paper but not its QR code types both,
//! and is sent to the same masked verify page. A wrong name and an unknown
//! number answer alike, and one address may look up at most
//! [`LOOKUPS_PER_WINDOW`] times in [`WINDOW_MINUTES`] minutes, so numbers
//! that follow a pattern cannot be walked.

use crate::App;
use crate::actor::Actor;
use crate::error::{Error, Result};
use gongjiang_domain::Problem;
use gongjiang_store::accounts::{Throttle, save_throttle, throttle_held};

/// Lookups one address may make in a window.
pub const LOOKUPS_PER_WINDOW: i64 = 30;
/// The window, in minutes.
pub const WINDOW_MINUTES: i64 = 10;

/// A name as compared: without spaces (full-width ones too), so "王 小明"
/// and "王小明" are the same person.
fn compared(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The verify token of the certificate `number` whose holder is named
/// `name`; `NotFound` for an unknown number and for a wrong name alike.
pub async fn lookup(app: &App, actor: &Actor, number: &str, name: &str) -> Result<String> {
    let number = number.trim().to_uppercase();
    let name = compared(name);
    let mut errors = gongjiang_domain::FieldErrors::new();
    if number.is_empty() {
        errors.push("number", Problem::Required);
    }
    if name.is_empty() {
        errors.push("name", Problem::Required);
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let now = app.now().0;
    let window = WINDOW_MINUTES * 60_000;
    let key = format!("verify:{}", actor.ip());
    let mut tx = app.db.write().await?;
    let held = throttle_held(&mut tx, &key).await?;
    let fresh = now - held.window_start >= window;
    let used = if fresh { 0 } else { held.failures };
    if used >= LOOKUPS_PER_WINDOW {
        return Err(Error::RateLimited {
            key: "certificates.lookup_limit",
            retry_after_secs: (held.window_start + window - now + 999) / 1000,
        });
    }
    save_throttle(
        &mut tx,
        &key,
        Throttle {
            failures: used + 1,
            window_start: if fresh { now } else { held.window_start },
            locked_until: 0,
        },
    )
    .await?;
    let found = match gongjiang_store::certificates::by_number(&mut tx, &number).await? {
        Some(c) => gongjiang_store::supply::get_trainee(&mut tx, c.trainee_id)
            .await?
            .filter(|t| compared(&t.name) == name)
            .map(|_| c.token),
        None => None,
    };
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    found.ok_or(Error::NotFound("certificate"))
}
