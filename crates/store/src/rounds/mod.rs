//! Placement rounds: the round, its places and participants, preferences,
//! rankings, the engine's last run with each result, placements, the staff
//! counts behind the intern caps, and trainee accounts linked to records.

use crate::error::{Result, conflict_as, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::demand::Demand;
use gongjiang_domain::ids::{CohortId, DemandId, OrgId, PlacementId, RoundId, TraineeId, UserId};
use gongjiang_domain::rounds::{Round, RoundKind, RoundStatus};
use gongjiang_domain::supply::Trainee;
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

/// Replaces who may take part: whole cohorts and whole schools.
pub async fn replace_participants(
    conn: &mut AnyConnection,
    round: RoundId,
    cohorts: &[CohortId],
    schools: &[OrgId],
) -> Result<()> {
    sqlx::query("DELETE FROM round_participants WHERE round_id = $1")
        .bind(round.to_string())
        .execute(&mut *conn)
        .await?;
    let entries = cohorts
        .iter()
        .map(|c| ("cohort", c.to_string()))
        .chain(schools.iter().map(|s| ("school", s.to_string())));
    for (scope, id) in entries {
        sqlx::query("INSERT INTO round_participants (round_id, scope, ref_id) VALUES ($1, $2, $3)")
            .bind(round.to_string())
            .bind(scope)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The cohorts and schools that may take part.
pub async fn participant_scope(
    conn: &mut AnyConnection,
    round: RoundId,
) -> Result<(Vec<CohortId>, Vec<OrgId>)> {
    let rows = sqlx::query(
        "SELECT scope, ref_id FROM round_participants WHERE round_id = $1 ORDER BY scope, ref_id",
    )
    .bind(round.to_string())
    .fetch_all(conn)
    .await?;
    let mut cohorts = Vec::new();
    let mut schools = Vec::new();
    for r in &rows {
        let scope: String = r.try_get("scope")?;
        let id: String = r.try_get("ref_id")?;
        if scope == "cohort" {
            cohorts.push(decode_id("round_participants", &id)?);
        } else {
            schools.push(decode_id("round_participants", &id)?);
        }
    }
    Ok((cohorts, schools))
}

/// Every trainee who may take part in the round (members of its cohorts or
/// schools who are enrolled, interning or graduated, not those who left or
/// are employed), by id.
pub async fn participants(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<Trainee>> {
    const SQL: &str = "SELECT t.id, t.org_id, t.cohort_id, t.name, t.name_masked, t.id_sealed, t.id_masked, \
         t.birth_date, t.gender, t.phone_sealed, t.phone_masked, t.student_no, t.status, t.consent_purpose, \
         t.consent_by, t.consent_at, t.created_at FROM trainees t WHERE t.status IN ('enrolled', 'interning', 'graduated') AND \
         (EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'cohort' AND p.ref_id = t.cohort_id) \
         OR EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'school' AND p.ref_id = t.org_id)) \
         ORDER BY t.id";
    let rows = sqlx::query(SQL)
        .bind(round.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(crate::supply::trainee_from).collect()
}

/// The round's participants from one school, by id.
pub async fn participants_of_school(
    conn: &mut AnyConnection,
    round: RoundId,
    school: OrgId,
) -> Result<Vec<Trainee>> {
    const SQL: &str = "SELECT t.id, t.org_id, t.cohort_id, t.name, t.name_masked, t.id_sealed, t.id_masked, \
         t.birth_date, t.gender, t.phone_sealed, t.phone_masked, t.student_no, t.status, t.consent_purpose, \
         t.consent_by, t.consent_at, t.created_at FROM trainees t WHERE t.org_id = $2 \
         AND t.status IN ('enrolled', 'interning', 'graduated') AND \
         (EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'cohort' AND p.ref_id = t.cohort_id) \
         OR EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'school' AND p.ref_id = t.org_id)) \
         ORDER BY t.student_no, t.id";
    let rows = sqlx::query(SQL)
        .bind(round.to_string())
        .bind(school.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(crate::supply::trainee_from).collect()
}

/// How many trainees may take part, and how many of them have a list.
pub async fn participant_counts(conn: &mut AnyConnection, round: RoundId) -> Result<(i64, i64)> {
    const PARTICIPANTS: &str = "SELECT COUNT(*) FROM trainees t WHERE t.status IN ('enrolled', 'interning', 'graduated') AND \
         (EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'cohort' AND p.ref_id = t.cohort_id) \
         OR EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'school' AND p.ref_id = t.org_id))";
    const APPLICANTS: &str =
        "SELECT COUNT(DISTINCT trainee_id) FROM round_preferences WHERE round_id = $1";
    let participants: i64 = sqlx::query_scalar(PARTICIPANTS)
        .bind(round.to_string())
        .fetch_one(&mut *conn)
        .await?;
    let applicants: i64 = sqlx::query_scalar(APPLICANTS)
        .bind(round.to_string())
        .fetch_one(&mut *conn)
        .await?;
    Ok((participants, applicants))
}

/// Every trainee who has a list or a result in the round (whatever their
/// status now), by id: one query for pages that show many applicants.
pub async fn applicant_trainees(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<Trainee>> {
    const SQL: &str = "SELECT t.id, t.org_id, t.cohort_id, t.name, t.name_masked, t.id_sealed, t.id_masked, \
         t.birth_date, t.gender, t.phone_sealed, t.phone_masked, t.student_no, t.status, t.consent_purpose, \
         t.consent_by, t.consent_at, t.created_at FROM trainees t \
         WHERE EXISTS (SELECT 1 FROM round_preferences p WHERE p.round_id = $1 AND p.trainee_id = t.id) \
         OR EXISTS (SELECT 1 FROM round_results r WHERE r.round_id = $1 AND r.trainee_id = t.id) ORDER BY t.id";
    let rows = sqlx::query(SQL)
        .bind(round.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(crate::supply::trainee_from).collect()
}

/// Whether `trainee` may take part in the round.
pub async fn is_participant(
    conn: &mut AnyConnection,
    round: RoundId,
    trainee: TraineeId,
) -> Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM trainees t WHERE t.id = $2 AND t.status IN ('enrolled', 'interning', 'graduated') AND \
         (EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'cohort' AND p.ref_id = t.cohort_id) \
         OR EXISTS (SELECT 1 FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'school' AND p.ref_id = t.org_id))";
    let n: i64 = sqlx::query_scalar(SQL)
        .bind(round.to_string())
        .bind(trainee.to_string())
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// One entry of a trainee's preference list.
#[derive(Debug, Clone, serde::Serialize)]
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

/// A placement as stored.
#[derive(Debug, Clone, serde::Serialize)]
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

/// Links a user account to a trainee record, replacing any earlier link of either.
pub async fn link_trainee_account(
    conn: &mut AnyConnection,
    trainee: TraineeId,
    user: UserId,
    linked_by: &str,
    at: Timestamp,
) -> Result<()> {
    sqlx::query("DELETE FROM trainee_accounts WHERE trainee_id = $1 OR user_id = $2")
        .bind(trainee.to_string())
        .bind(user.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO trainee_accounts (trainee_id, user_id, linked_by, linked_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(trainee.to_string())
    .bind(user.to_string())
    .bind(linked_by)
    .bind(at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The trainee record a user account is linked to.
pub async fn trainee_of_user(conn: &mut AnyConnection, user: UserId) -> Result<Option<TraineeId>> {
    let row = sqlx::query("SELECT trainee_id FROM trainee_accounts WHERE user_id = $1")
        .bind(user.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(|r| decode_id("trainee_accounts", &r.try_get::<String, _>("trainee_id")?))
        .transpose()
}
