//! How each place ranks its applicants: the rule chosen, or an uploaded order.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use sqlx::{AnyConnection, Row};

/// How one place ranks its applicants.
#[derive(Debug, Clone)]
pub struct Ranking {
    /// The place.
    pub demand_id: DemandId,
    /// `score` or `order`.
    pub method: String,
    /// The scoring rule's weights as JSON (`{}` for an order).
    pub weights: String,
    /// Who set it (login).
    pub updated_by: String,
    /// When.
    pub updated_at: Timestamp,
}

/// Sets how a place ranks.
pub async fn save_ranking(conn: &mut AnyConnection, round: RoundId, r: &Ranking) -> Result<()> {
    sqlx::query(
        "INSERT INTO round_rankings (round_id, demand_id, method, weights, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (round_id, demand_id) DO UPDATE SET method = excluded.method, \
         weights = excluded.weights, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(round.to_string())
    .bind(r.demand_id.to_string())
    .bind(&r.method)
    .bind(&r.weights)
    .bind(&r.updated_by)
    .bind(r.updated_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every place's ranking method in a round.
pub async fn rankings(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<Ranking>> {
    let rows = sqlx::query(
        "SELECT demand_id, method, weights, updated_by, updated_at FROM round_rankings WHERE round_id = $1",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Ranking {
                demand_id: decode_id("round_rankings", &r.try_get::<String, _>("demand_id")?)?,
                method: r.try_get("method")?,
                weights: r.try_get("weights")?,
                updated_by: r.try_get("updated_by")?,
                updated_at: Timestamp(r.try_get("updated_at")?),
            })
        })
        .collect()
}

/// Replaces a place's uploaded order (best first).
pub async fn replace_order(
    conn: &mut AnyConnection,
    round: RoundId,
    demand: DemandId,
    order: &[TraineeId],
) -> Result<()> {
    sqlx::query("DELETE FROM round_orders WHERE round_id = $1 AND demand_id = $2")
        .bind(round.to_string())
        .bind(demand.to_string())
        .execute(&mut *conn)
        .await?;
    for (position, trainee) in order.iter().enumerate() {
        sqlx::query(
            "INSERT INTO round_orders (round_id, demand_id, trainee_id, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(round.to_string())
        .bind(demand.to_string())
        .bind(trainee.to_string())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every uploaded order of a round: (place, trainee), best first within a place.
pub async fn orders(
    conn: &mut AnyConnection,
    round: RoundId,
) -> Result<Vec<(DemandId, TraineeId)>> {
    let rows = sqlx::query(
        "SELECT demand_id, trainee_id FROM round_orders WHERE round_id = $1 ORDER BY demand_id, position",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                decode_id("round_orders", &r.try_get::<String, _>("demand_id")?)?,
                decode_id("round_orders", &r.try_get::<String, _>("trainee_id")?)?,
            ))
        })
        .collect()
}
