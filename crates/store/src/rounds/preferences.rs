//! Trainees' preference lists in a round, and each place's applicants.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// One entry of a trainee's preference list.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Preference {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// 0 for the first choice.
    pub position: i64,
    /// The place.
    pub demand_id: DemandId,
    /// Who entered the list (login).
    pub entered_by: String,
    /// The role they acted as (`trainee`, `staff`, `org_admin`).
    pub entered_role: String,
    /// When.
    pub entered_at: Timestamp,
}

fn preference_from(r: &AnyRow) -> Result<Preference> {
    Ok(Preference {
        trainee_id: decode_id("round_preferences", &r.try_get::<String, _>("trainee_id")?)?,
        position: r.try_get("position")?,
        demand_id: decode_id("round_preferences", &r.try_get::<String, _>("demand_id")?)?,
        entered_by: r.try_get("entered_by")?,
        entered_role: r.try_get("entered_role")?,
        entered_at: Timestamp(r.try_get("entered_at")?),
    })
}

/// Replaces a trainee's list in a round (an empty list withdraws it).
pub async fn replace_preferences(
    conn: &mut AnyConnection,
    round: RoundId,
    trainee: TraineeId,
    places: &[DemandId],
    entered_by: &str,
    entered_role: &str,
    at: Timestamp,
) -> Result<()> {
    sqlx::query("DELETE FROM round_preferences WHERE round_id = $1 AND trainee_id = $2")
        .bind(round.to_string())
        .bind(trainee.to_string())
        .execute(&mut *conn)
        .await?;
    for (position, demand) in places.iter().enumerate() {
        sqlx::query(
            "INSERT INTO round_preferences (round_id, trainee_id, position, demand_id, entered_by, entered_role, entered_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(round.to_string())
        .bind(trainee.to_string())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(demand.to_string())
        .bind(entered_by)
        .bind(entered_role)
        .bind(at.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One trainee's list in a round, first choice first.
pub async fn preferences_of(
    conn: &mut AnyConnection,
    round: RoundId,
    trainee: TraineeId,
) -> Result<Vec<Preference>> {
    let rows = sqlx::query(
        "SELECT trainee_id, position, demand_id, entered_by, entered_role, entered_at FROM round_preferences \
         WHERE round_id = $1 AND trainee_id = $2 ORDER BY position",
    )
    .bind(round.to_string())
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(preference_from).collect()
}

/// Every list in a round, by trainee, first choice first.
pub async fn preferences(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<Preference>> {
    let rows = sqlx::query(
        "SELECT trainee_id, position, demand_id, entered_by, entered_role, entered_at FROM round_preferences \
         WHERE round_id = $1 ORDER BY trainee_id, position",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(preference_from).collect()
}

/// The entries naming one place, by trainee.
pub async fn applicants(
    conn: &mut AnyConnection,
    round: RoundId,
    demand: DemandId,
) -> Result<Vec<Preference>> {
    let rows = sqlx::query(
        "SELECT trainee_id, position, demand_id, entered_by, entered_role, entered_at FROM round_preferences \
         WHERE round_id = $1 AND demand_id = $2 ORDER BY trainee_id",
    )
    .bind(round.to_string())
    .bind(demand.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(preference_from).collect()
}
