//! Enterprises' and posts' in-service staff, which the intern caps (INT-08)
//! read when a round is solved.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::demand::integer_field;
use gongjiang_domain::ids::{DemandId, OrgId, RoundId};
use gongjiang_domain::members::OrgKind;
use gongjiang_store::rounds::{self as store};
use serde_json::json;
use std::collections::HashMap;

/// Records an enterprise's in-service staff (for the 10 % intern cap, INT-08).
pub async fn set_enterprise_staff(app: &App, actor: &Actor, org: OrgId, text: &str) -> Result<i64> {
    actor.require(Permission::ManageDemand(org))?;
    let staff = integer_field(text, 1, 10_000_000).map_err(|p| Error::field("staff_count", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let o = gongjiang_store::members::get_org(&mut tx, org)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    if o.kind != OrgKind::Enterprise {
        return Err(Error::WrongState("round.not_enterprise".into()));
    }
    store::set_enterprise_staff(&mut tx, org, staff, now).await?;
    record(
        &mut tx,
        app,
        actor,
        "enterprise.staffing",
        "organization",
        &org.to_string(),
        Some(org.to_string()),
        json!(null),
        json!({"staff_count": staff}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(staff)
}

/// Records a post's in-service staff (for the 20 % intern cap, INT-08).
pub async fn set_post_staff(app: &App, actor: &Actor, demand: DemandId, text: &str) -> Result<i64> {
    actor.user()?;
    let staff = integer_field(text, 1, 10_000_000).map_err(|p| Error::field("staff_count", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let d = gongjiang_store::demand::get(&mut tx, demand)
        .await?
        .ok_or(Error::NotFound("demand"))?;
    actor.require(Permission::ManageDemand(d.org_id))?;
    store::set_post_staff(&mut tx, demand, staff, now).await?;
    record(
        &mut tx,
        app,
        actor,
        "demand.staffing",
        "demand",
        &demand.to_string(),
        Some(d.org_id.to_string()),
        json!(null),
        json!({"staff_count": staff}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(staff)
}

/// The recorded staff counts of an enterprise and of its posts in a round.
pub async fn staffing(
    app: &App,
    actor: &Actor,
    id: RoundId,
    org: OrgId,
) -> Result<(Option<i64>, HashMap<DemandId, i64>)> {
    actor.require(Permission::ManageDemand(org))?;
    let mut conn = app.db.read().await?;
    let enterprise = store::enterprise_staff(&mut conn)
        .await?
        .into_iter()
        .find(|(o, _)| *o == org)
        .map(|(_, n)| n);
    Ok((
        enterprise,
        store::post_staff_of_round(&mut conn, id)
            .await?
            .into_iter()
            .collect(),
    ))
}
