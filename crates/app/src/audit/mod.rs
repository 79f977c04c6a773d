//! Recording changes in the audit log, and browsing it.

use crate::App;
use crate::actor::Actor;
use crate::error::Result;
use crate::policy::Permission;
use gongjiang_store::Connection as AnyConnection;
pub use gongjiang_store::audit::Filter;
use gongjiang_store::audit::{self, Entry, NewEntry};

/// Writes one audit entry for a change made by `actor`, inside the caller's transaction.
#[expect(
    clippy::too_many_arguments,
    reason = "one audit entry has this many facts"
)]
pub async fn record(
    conn: &mut AnyConnection,
    app: &App,
    actor: &Actor,
    action: &str,
    object_type: &str,
    object_id: &str,
    object_org: Option<String>,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<()> {
    let (user_id, login, org, role) = match actor {
        Actor::User { user, .. } => (
            Some(user.user_id.to_string()),
            user.login.clone(),
            Some(user.org_id.to_string()),
            user.role.as_str().to_string(),
        ),
        Actor::Anonymous { .. } => (None, "anonymous".to_string(), None, "anonymous".to_string()),
    };
    let entry = NewEntry {
        at: app.now(),
        actor_user_id: user_id,
        actor_login: login,
        actor_org_id: org,
        actor_role: role,
        action: action.to_string(),
        object_type: object_type.to_string(),
        object_id: object_id.to_string(),
        object_org_id: object_org,
        before,
        after,
        ip: actor.ip().to_string(),
    };
    audit::append(conn, app.db.backend(), &entry).await?;
    Ok(())
}

/// Largest page of audit entries.
pub const MAX_PAGE: i64 = 200;

/// Browses the log. The secretariat sees everything; an organisation admin
/// sees only entries about their own organisation (the filter is forced).
pub async fn browse(
    app: &App,
    actor: &Actor,
    mut filter: Filter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<Entry>, i64)> {
    let user = actor.user()?;
    if !actor.may(Permission::BrowseAllAudit) {
        actor.require(Permission::BrowseOrgAudit(user.org_id))?;
        filter.org_id = Some(user.org_id.to_string());
    }
    let per_page = per_page.clamp(1, MAX_PAGE);
    let offset = (page.max(1) - 1) * per_page;
    let mut conn = app.db.read().await?;
    Ok(audit::list(&mut conn, &filter, offset, per_page).await?)
}

/// Checks the hash chain: `Ok(n)` entries intact, or `Err(seq)` of the first broken one.
pub async fn verify_chain(app: &App) -> Result<std::result::Result<i64, i64>> {
    let mut conn = app.db.read().await?;
    Ok(audit::verify(&mut conn).await?)
}
