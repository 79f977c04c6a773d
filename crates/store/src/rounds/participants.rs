//! Who may take part in a round (whole cohorts and schools), who applied,
//! and trainee accounts linked to their records.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{CohortId, OrgId, RoundId, TraineeId, UserId};
use gongjiang_domain::supply::Trainee;
use sqlx::{AnyConnection, Row};

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

/// Whether any trainee of one school may take part in the round (one
/// indexed probe: the home page's notices need no trainee row).
pub async fn school_takes_part(
    conn: &mut AnyConnection,
    round: RoundId,
    school: OrgId,
) -> Result<bool> {
    const SQL: &str = "SELECT CAST(CASE WHEN (EXISTS (SELECT 1 FROM round_participants p \
         WHERE p.round_id = $1 AND p.scope = 'school' AND p.ref_id = $2) \
         AND EXISTS (SELECT 1 FROM trainees t WHERE t.org_id = $2 \
         AND t.status IN ('enrolled', 'interning', 'graduated'))) \
         OR EXISTS (SELECT 1 FROM round_participants p JOIN cohorts c ON c.id = p.ref_id \
         WHERE p.round_id = $1 AND p.scope = 'cohort' AND c.org_id = $2 \
         AND EXISTS (SELECT 1 FROM trainees t WHERE t.cohort_id = c.id \
         AND t.status IN ('enrolled', 'interning', 'graduated'))) THEN 1 ELSE 0 END AS BIGINT)";
    let found = sqlx::query_scalar::<_, i64>(SQL)
        .bind(round.to_string())
        .bind(school.to_string())
        .fetch_one(conn)
        .await?
        == 1;
    Ok(found)
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
    // Driven from the round's participants (a few cohorts or schools), each
    // through the trainees' cohort or school index: the cost follows the
    // round's size, not the alliance's.
    const PARTICIPANTS: &str = "SELECT COUNT(*) FROM ( \
         SELECT t.id FROM round_participants p JOIN trainees t ON t.cohort_id = p.ref_id \
         WHERE p.round_id = $1 AND p.scope = 'cohort' AND t.status IN ('enrolled', 'interning', 'graduated') \
         UNION \
         SELECT t.id FROM round_participants p JOIN trainees t ON t.org_id = p.ref_id \
         WHERE p.round_id = $1 AND p.scope = 'school' AND t.status IN ('enrolled', 'interning', 'graduated')) x";
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
         WHERE t.id IN (SELECT trainee_id FROM round_preferences WHERE round_id = $1 \
         UNION SELECT trainee_id FROM round_results WHERE round_id = $1) ORDER BY t.id";
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

/// The user account a trainee record is linked to, if any.
pub async fn user_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Option<UserId>> {
    let row = sqlx::query("SELECT user_id FROM trainee_accounts WHERE trainee_id = $1")
        .bind(trainee.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(|r| decode_id("trainee_accounts", &r.try_get::<String, _>("user_id")?))
        .transpose()
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

/// The accounts of a round's participants that have one (trainees of its
/// cohorts and schools, each found through its own index), to tell them of
/// the round's steps.
pub async fn participant_accounts(
    conn: &mut AnyConnection,
    round: RoundId,
) -> Result<Vec<crate::notifications::Reader>> {
    let rows = sqlx::query(PARTICIPANT_ACCOUNTS)
        .bind(round.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(crate::notifications::reader_from).collect()
}

/// The accounts of a round's participants that have entered no preferences
/// yet (the deadline reminder's readers).
pub async fn participant_accounts_without_preferences(
    conn: &mut AnyConnection,
    round: RoundId,
) -> Result<Vec<crate::notifications::Reader>> {
    let mut rows = Vec::new();
    for sql in [COHORT_WITHOUT_PREFERENCES, SCHOOL_WITHOUT_PREFERENCES] {
        rows.extend(
            sqlx::query(sql)
                .bind(round.to_string())
                .fetch_all(&mut *conn)
                .await?,
        );
    }
    rows.iter().map(crate::notifications::reader_from).collect()
}

const COHORT_WITHOUT_PREFERENCES: &str = "SELECT g.user_id, g.org_id, g.role, u.email, u.notify_email \
     FROM round_participants p JOIN trainees t ON t.cohort_id = p.ref_id \
     JOIN trainee_accounts a ON a.trainee_id = t.id JOIN users u ON u.id = a.user_id \
     JOIN grants g ON g.user_id = u.id \
     WHERE p.round_id = $1 AND p.scope = 'cohort' AND u.status = 'active' \
     AND t.status IN ('enrolled', 'interning', 'graduated') \
     AND NOT EXISTS (SELECT 1 FROM round_preferences rp WHERE rp.round_id = p.round_id AND rp.trainee_id = t.id)";
const SCHOOL_WITHOUT_PREFERENCES: &str = "SELECT g.user_id, g.org_id, g.role, u.email, u.notify_email \
     FROM round_participants p JOIN trainees t ON t.org_id = p.ref_id \
     JOIN trainee_accounts a ON a.trainee_id = t.id JOIN users u ON u.id = a.user_id \
     JOIN grants g ON g.user_id = u.id \
     WHERE p.round_id = $1 AND p.scope = 'school' AND u.status = 'active' \
     AND t.status IN ('enrolled', 'interning', 'graduated') \
     AND NOT EXISTS (SELECT 1 FROM round_preferences rp WHERE rp.round_id = p.round_id AND rp.trainee_id = t.id)";

const PARTICIPANT_ACCOUNTS: &str = "SELECT g.user_id, g.org_id, g.role, u.email, u.notify_email \
         FROM round_participants p JOIN trainees t ON t.cohort_id = p.ref_id \
         JOIN trainee_accounts a ON a.trainee_id = t.id JOIN users u ON u.id = a.user_id \
         JOIN grants g ON g.user_id = u.id \
         WHERE p.round_id = $1 AND p.scope = 'cohort' AND u.status = 'active' \
         AND t.status IN ('enrolled', 'interning', 'graduated') \
         UNION SELECT g.user_id, g.org_id, g.role, u.email, u.notify_email \
         FROM round_participants p JOIN trainees t ON t.org_id = p.ref_id \
         JOIN trainee_accounts a ON a.trainee_id = t.id JOIN users u ON u.id = a.user_id \
         JOIN grants g ON g.user_id = u.id \
         WHERE p.round_id = $1 AND p.scope = 'school' AND u.status = 'active' \
         AND t.status IN ('enrolled', 'interning', 'graduated')";

/// The schools whose trainees take part in a round (named, or through a cohort).
pub async fn participant_schools(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<OrgId>> {
    const SQL: &str = "SELECT p.ref_id AS org_id FROM round_participants p WHERE p.round_id = $1 AND p.scope = 'school' \
         UNION SELECT c.org_id FROM round_participants p JOIN cohorts c ON c.id = p.ref_id \
         WHERE p.round_id = $1 AND p.scope = 'cohort'";
    let rows = sqlx::query(SQL)
        .bind(round.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| decode_id("round_participants", &r.try_get::<String, _>("org_id")?))
        .collect()
}

/// The enterprises (units) that offer places in a round.
pub async fn place_units(conn: &mut AnyConnection, round: RoundId) -> Result<Vec<OrgId>> {
    const SQL: &str = "SELECT DISTINCT d.org_id FROM round_demands rd JOIN demands d ON d.id = rd.demand_id \
         WHERE rd.round_id = $1";
    let rows = sqlx::query(SQL)
        .bind(round.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| decode_id("round_demands", &r.try_get::<String, _>("org_id")?))
        .collect()
}
