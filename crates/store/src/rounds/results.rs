//! The engine's last run on a round, each trainee's result and each
//! place's seats and cutoff.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{DemandId, RoundId, TraineeId};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// The last run of the engine on a round.
#[derive(Debug, Clone)]
pub struct Run {
    /// The instance in the `hr1` format.
    pub instance: String,
    /// Trainee ids by instance index, as a JSON array.
    pub trainee_ids: String,
    /// Demand ids by instance index, as a JSON array.
    pub demand_ids: String,
    /// The stable assignment, one line per trainee.
    pub assignment: String,
    /// The maximum-placement assignment (empty when the round was too large for it).
    pub max_assignment: String,
    /// The review, as JSON.
    pub review: String,
    /// Who ran it (login).
    pub solved_by: String,
    /// When.
    pub solved_at: Timestamp,
}

/// Stores the last run (replacing an earlier one).
pub async fn save_run(conn: &mut AnyConnection, round: RoundId, run: &Run) -> Result<()> {
    sqlx::query(
        "INSERT INTO round_runs (round_id, instance, trainee_ids, demand_ids, assignment, max_assignment, review, solved_by, solved_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (round_id) DO UPDATE SET instance = excluded.instance, \
         trainee_ids = excluded.trainee_ids, demand_ids = excluded.demand_ids, assignment = excluded.assignment, \
         max_assignment = excluded.max_assignment, review = excluded.review, solved_by = excluded.solved_by, \
         solved_at = excluded.solved_at",
    )
    .bind(round.to_string())
    .bind(&run.instance)
    .bind(&run.trainee_ids)
    .bind(&run.demand_ids)
    .bind(&run.assignment)
    .bind(&run.max_assignment)
    .bind(&run.review)
    .bind(&run.solved_by)
    .bind(run.solved_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The last run, if the round was solved.
pub async fn get_run(conn: &mut AnyConnection, round: RoundId) -> Result<Option<Run>> {
    let row = sqlx::query(
        "SELECT instance, trainee_ids, demand_ids, assignment, max_assignment, review, solved_by, solved_at \
         FROM round_runs WHERE round_id = $1",
    )
    .bind(round.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(Run {
            instance: r.try_get("instance")?,
            trainee_ids: r.try_get("trainee_ids")?,
            demand_ids: r.try_get("demand_ids")?,
            assignment: r.try_get("assignment")?,
            max_assignment: r.try_get("max_assignment")?,
            review: r.try_get("review")?,
            solved_by: r.try_get("solved_by")?,
            solved_at: Timestamp(r.try_get("solved_at")?),
        })
    })
    .transpose()
}

/// One applicant's result.
#[derive(Debug, Clone)]
pub struct ResultRow {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The place they got, if any.
    pub demand_id: Option<DemandId>,
    /// Its position in their own list (0 = first choice).
    pub choice: Option<i64>,
    /// Their lottery number.
    pub lottery_number: i64,
    /// The explanation, as JSON.
    pub explanation: String,
}

fn result_from(r: &AnyRow) -> Result<ResultRow> {
    let demand: Option<String> = r.try_get("demand_id")?;
    Ok(ResultRow {
        trainee_id: decode_id("round_results", &r.try_get::<String, _>("trainee_id")?)?,
        demand_id: demand.map(|d| decode_id("round_results", &d)).transpose()?,
        choice: r.try_get("choice")?,
        lottery_number: r.try_get("lottery_number")?,
        explanation: r.try_get("explanation")?,
    })
}

/// One place's result.
#[derive(Debug, Clone)]
pub struct PlaceRow {
    /// The place.
    pub demand_id: DemandId,
    /// Seats in the round (after the intern caps).
    pub capacity: i64,
    /// Seats filled.
    pub filled: i64,
    /// Eligible applicants it ranked.
    pub applicants: i64,
    /// When full: the position (0 = best) of the lowest-ranked trainee it took.
    pub cutoff_rank: Option<i64>,
    /// That trainee's score, if the place ranked by score.
    pub cutoff_score: Option<i64>,
    /// `score`, `order` or `default`.
    pub method: String,
    /// Why it had fewer seats than its headcount, as JSON.
    pub notes: String,
}

/// Deletes a round's results and place results (before storing a new run).
pub async fn clear_results(conn: &mut AnyConnection, round: RoundId) -> Result<()> {
    sqlx::query("DELETE FROM round_results WHERE round_id = $1")
        .bind(round.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM round_places WHERE round_id = $1")
        .bind(round.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Stores one applicant's result.
pub async fn insert_result(conn: &mut AnyConnection, round: RoundId, r: &ResultRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO round_results (round_id, trainee_id, demand_id, choice, lottery_number, explanation) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(round.to_string())
    .bind(r.trainee_id.to_string())
    .bind(r.demand_id.map(|d| d.to_string()))
    .bind(r.choice)
    .bind(r.lottery_number)
    .bind(&r.explanation)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores one place's result.
pub async fn insert_place(conn: &mut AnyConnection, round: RoundId, p: &PlaceRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO round_places (round_id, demand_id, capacity, filled, applicants, cutoff_rank, cutoff_score, method, notes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(round.to_string())
    .bind(p.demand_id.to_string())
    .bind(p.capacity)
    .bind(p.filled)
    .bind(p.applicants)
    .bind(p.cutoff_rank)
    .bind(p.cutoff_score)
    .bind(&p.method)
    .bind(&p.notes)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every applicant's result in a round, by trainee.
pub async fn results(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<ResultRow>> {
    let rows = sqlx::query(
        "SELECT trainee_id, demand_id, choice, lottery_number, explanation FROM round_results \
         WHERE round_id = $1 ORDER BY trainee_id",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(result_from).collect()
}

/// One trainee's result in a round.
pub async fn result_of(
    conn: &mut AnyConnection,
    round: RoundId,
    trainee: TraineeId,
) -> Result<Option<ResultRow>> {
    let row = sqlx::query(
        "SELECT trainee_id, demand_id, choice, lottery_number, explanation FROM round_results \
         WHERE round_id = $1 AND trainee_id = $2",
    )
    .bind(round.to_string())
    .bind(trainee.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(result_from).transpose()
}

/// Every place's result in a round.
pub async fn places(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<PlaceRow>> {
    let rows = sqlx::query(
        "SELECT demand_id, capacity, filled, applicants, cutoff_rank, cutoff_score, method, notes FROM round_places \
         WHERE round_id = $1 ORDER BY demand_id",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PlaceRow {
                demand_id: decode_id("round_places", &r.try_get::<String, _>("demand_id")?)?,
                capacity: r.try_get("capacity")?,
                filled: r.try_get("filled")?,
                applicants: r.try_get("applicants")?,
                cutoff_rank: r.try_get("cutoff_rank")?,
                cutoff_score: r.try_get("cutoff_score")?,
                method: r.try_get("method")?,
                notes: r.try_get("notes")?,
            })
        })
        .collect()
}
