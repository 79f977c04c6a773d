//! Placements created when a round is published, and the interns they
//! add at each host (for the caps).

use crate::error::{Result, conflict_as, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{DemandId, OrgId, PlacementId, RoundId, TraineeId};
use sqlx::{AnyConnection, Row};

/// A placement as stored.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Placement {
    /// Its id.
    pub id: PlacementId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The demand.
    pub demand_id: DemandId,
    /// The round that made it, if any.
    pub round_id: Option<RoundId>,
    /// `round` or `manual`.
    pub source: String,
    /// Who made it (login).
    pub created_by: String,
    /// When.
    pub created_at: Timestamp,
}

/// Stores a placement; a second one for the same trainee in the same round is a conflict.
pub async fn insert_placement(conn: &mut AnyConnection, p: &Placement) -> Result<()> {
    sqlx::query(
        "INSERT INTO placements (id, trainee_id, demand_id, round_id, source, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(p.id.to_string())
    .bind(p.trainee_id.to_string())
    .bind(p.demand_id.to_string())
    .bind(p.round_id.map(|r| r.to_string()))
    .bind(&p.source)
    .bind(&p.created_by)
    .bind(p.created_at.0)
    .execute(conn)
    .await
    .map_err(conflict_as("trainee_id"))?;
    Ok(())
}

/// The placements a round created.
pub async fn placements_of_round(
    conn: &mut AnyConnection,
    round: RoundId,
) -> Result<Vec<Placement>> {
    let rows = sqlx::query(
        "SELECT id, trainee_id, demand_id, round_id, source, created_by, created_at FROM placements \
         WHERE round_id = $1 ORDER BY trainee_id",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let round: Option<String> = r.try_get("round_id")?;
            Ok(Placement {
                id: decode_id("placements", &r.try_get::<String, _>("id")?)?,
                trainee_id: decode_id("placements", &r.try_get::<String, _>("trainee_id")?)?,
                demand_id: decode_id("placements", &r.try_get::<String, _>("demand_id")?)?,
                round_id: round.map(|x| decode_id("placements", &x)).transpose()?,
                source: r.try_get("source")?,
                created_by: r.try_get("created_by")?,
                created_at: Timestamp(r.try_get("created_at")?),
            })
        })
        .collect()
}

/// An intern already placed: the enterprise, the demand and its period, for the caps (INT-08).
#[derive(Debug, Clone)]
pub struct InternPlacement {
    /// The host.
    pub org_id: OrgId,
    /// The post.
    pub demand_id: DemandId,
    /// First day.
    pub start_on: String,
    /// Last day, if bounded.
    pub end_on: Option<String>,
}

/// Every placement on a position internship, from any school and any round.
pub async fn intern_placements(conn: &mut AnyConnection) -> Result<Vec<InternPlacement>> {
    let rows = sqlx::query(
        "SELECT d.org_id, d.id, d.start_on, d.end_on FROM placements p JOIN demands d ON d.id = p.demand_id \
         WHERE d.kind = 'position_internship'",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(InternPlacement {
                org_id: decode_id("placements", &r.try_get::<String, _>("org_id")?)?,
                demand_id: decode_id("placements", &r.try_get::<String, _>("id")?)?,
                start_on: r.try_get("start_on")?,
                end_on: r.try_get("end_on")?,
            })
        })
        .collect()
}
