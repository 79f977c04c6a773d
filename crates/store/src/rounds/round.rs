//! The round as stored, and the open demands it offers places from.

use crate::error::{Result, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::demand::Demand;
use gongjiang_domain::ids::{DemandId, RoundId};
use gongjiang_domain::rounds::{Round, RoundKind, RoundStatus};
use sqlx::{AnyConnection, Row, any::AnyRow};

fn round_from(r: &AnyRow) -> Result<Round> {
    let ts = |name: &str| -> Result<Option<Timestamp>> {
        Ok(r.try_get::<Option<i64>, _>(name)?.map(Timestamp))
    };
    Ok(Round {
        id: decode_id("rounds", &r.try_get::<String, _>("id")?)?,
        name: r.try_get("name")?,
        kind: decode("rounds", &r.try_get::<String, _>("kind")?, RoundKind::parse)?,
        max_choices: r.try_get("max_choices")?,
        preference_deadline: Timestamp(r.try_get("preference_deadline")?),
        ranking_deadline: Timestamp(r.try_get("ranking_deadline")?),
        status: decode(
            "rounds",
            &r.try_get::<String, _>("status")?,
            RoundStatus::parse,
        )?,
        seed: r.try_get("seed")?,
        created_by: r.try_get("created_by")?,
        created_at: Timestamp(r.try_get("created_at")?),
        updated_at: Timestamp(r.try_get("updated_at")?),
        opened_at: ts("opened_at")?,
        closed_at: ts("closed_at")?,
        solved_at: ts("solved_at")?,
        published_at: ts("published_at")?,
    })
}

/// Inserts or updates a round (by id).
pub async fn save_round(conn: &mut AnyConnection, r: &Round) -> Result<()> {
    sqlx::query(
        "INSERT INTO rounds (id, name, kind, max_choices, preference_deadline, ranking_deadline, status, seed, \
         created_by, created_at, updated_at, opened_at, closed_at, solved_at, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, max_choices = excluded.max_choices, \
         preference_deadline = excluded.preference_deadline, ranking_deadline = excluded.ranking_deadline, \
         status = excluded.status, seed = excluded.seed, updated_at = excluded.updated_at, opened_at = excluded.opened_at, \
         closed_at = excluded.closed_at, solved_at = excluded.solved_at, published_at = excluded.published_at",
    )
    .bind(r.id.to_string())
    .bind(&r.name)
    .bind(r.kind.as_str())
    .bind(r.max_choices)
    .bind(r.preference_deadline.0)
    .bind(r.ranking_deadline.0)
    .bind(r.status.as_str())
    .bind(r.seed)
    .bind(&r.created_by)
    .bind(r.created_at.0)
    .bind(r.updated_at.0)
    .bind(r.opened_at.map(|t| t.0))
    .bind(r.closed_at.map(|t| t.0))
    .bind(r.solved_at.map(|t| t.0))
    .bind(r.published_at.map(|t| t.0))
    .execute(conn)
    .await?;
    Ok(())
}

/// One round.
pub async fn get_round(conn: &mut AnyConnection, id: RoundId) -> Result<Option<Round>> {
    let row = sqlx::query(
        "SELECT id, name, kind, max_choices, preference_deadline, ranking_deadline, status, seed, created_by, \
         created_at, updated_at, opened_at, closed_at, solved_at, published_at FROM rounds WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(round_from).transpose()
}

/// Every round, newest first; drafts only when `with_drafts`.
pub async fn list_rounds(conn: &mut AnyConnection, with_drafts: bool) -> Result<Vec<Round>> {
    let rows = sqlx::query(
        "SELECT id, name, kind, max_choices, preference_deadline, ranking_deadline, status, seed, created_by, \
         created_at, updated_at, opened_at, closed_at, solved_at, published_at FROM rounds \
         WHERE ($1 = 1 OR status <> 'draft') ORDER BY created_at DESC, id DESC",
    )
    .bind(i64::from(with_drafts))
    .fetch_all(conn)
    .await?;
    rows.iter().map(round_from).collect()
}

/// A place of a round: its demand and the seats it has in the round.
#[derive(Debug, Clone)]
pub struct RoundDemand {
    /// The demand.
    pub demand: Demand,
    /// Seats: the demand's headcount, fixed when the round opens.
    pub capacity: i64,
    /// Its position in the round's list (the order the secretariat gave).
    pub position: i64,
}

/// Replaces a round's places with `places` (demand, seats), in this order.
pub async fn replace_round_demands(
    conn: &mut AnyConnection,
    round: RoundId,
    places: &[(DemandId, i64)],
) -> Result<()> {
    sqlx::query("DELETE FROM round_demands WHERE round_id = $1")
        .bind(round.to_string())
        .execute(&mut *conn)
        .await?;
    for (position, (demand, capacity)) in places.iter().enumerate() {
        sqlx::query(
            "INSERT INTO round_demands (round_id, demand_id, capacity, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(round.to_string())
        .bind(demand.to_string())
        .bind(*capacity)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A round's places with their demands, in the round's order.
pub async fn round_demands(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<RoundDemand>> {
    let rows = sqlx::query(
        "SELECT d.id, d.org_id, d.post_name, d.kind, d.occupation_code, d.segment_code, d.min_level, d.headcount, \
         d.city, d.wage_min_fen, d.wage_max_fen, d.start_on, d.end_on, d.night_shift, d.requirements, d.status, \
         d.created_at, d.updated_at, rd.capacity, rd.position FROM round_demands rd JOIN demands d ON d.id = rd.demand_id \
         WHERE rd.round_id = $1 ORDER BY rd.position",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RoundDemand {
                demand: crate::demand::demand_from(r)?,
                capacity: r.try_get("capacity")?,
                position: r.try_get("position")?,
            })
        })
        .collect()
}

/// The rounds a demand takes part in.
pub async fn rounds_of_demand(conn: &mut AnyConnection, demand: DemandId) -> Result<Vec<RoundId>> {
    let rows = sqlx::query("SELECT round_id FROM round_demands WHERE demand_id = $1")
        .bind(demand.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| decode_id("round_demands", &r.try_get::<String, _>("round_id")?))
        .collect()
}
