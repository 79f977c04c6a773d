//! The staff counts behind the intern caps (INT-08): an enterprise's
//! in-service staff and each post's staff.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{DemandId, OrgId, RoundId};
use sqlx::{AnyConnection, Row};

/// Records an enterprise's in-service staff.
pub async fn set_enterprise_staff(
    conn: &mut AnyConnection,
    org: OrgId,
    staff: i64,
    at: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO enterprise_staffing (org_id, staff_count, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (org_id) DO UPDATE SET staff_count = excluded.staff_count, updated_at = excluded.updated_at",
    )
    .bind(org.to_string())
    .bind(staff)
    .bind(at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a post's in-service staff.
pub async fn set_post_staff(
    conn: &mut AnyConnection,
    demand: DemandId,
    staff: i64,
    at: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO post_staffing (demand_id, staff_count, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (demand_id) DO UPDATE SET staff_count = excluded.staff_count, updated_at = excluded.updated_at",
    )
    .bind(demand.to_string())
    .bind(staff)
    .bind(at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every recorded enterprise staff count.
pub async fn enterprise_staff(conn: &mut AnyConnection) -> Result<Vec<(OrgId, i64)>> {
    let rows = sqlx::query("SELECT org_id, staff_count FROM enterprise_staffing")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                decode_id("enterprise_staffing", &r.try_get::<String, _>("org_id")?)?,
                r.try_get("staff_count")?,
            ))
        })
        .collect()
}

/// The recorded post staff counts of a round's places.
pub async fn post_staff_of_round(
    conn: &mut AnyConnection,
    round: RoundId,
) -> Result<Vec<(DemandId, i64)>> {
    let rows = sqlx::query(
        "SELECT s.demand_id, s.staff_count FROM post_staffing s JOIN round_demands rd ON rd.demand_id = s.demand_id \
         WHERE rd.round_id = $1",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                decode_id("post_staffing", &r.try_get::<String, _>("demand_id")?)?,
                r.try_get("staff_count")?,
            ))
        })
        .collect()
}
