//! Employment: records, their 6- and 12-month follow-ups, the placements they
//! are confirmed from, one query per funnel stage, and the read-outs of what
//! the platform holds about one trainee (for the trainee's own page and the
//! personal-data export).

use crate::error::{Result, conflict_as, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::demand::DemandKind;
use gongjiang_domain::employment::{EmploymentRecord, EmploymentSource, Outcome};
use gongjiang_domain::ids::{
    CohortId, DemandId, EmploymentId, MajorId, OrgId, PlacementId, RoundId, TraineeId,
};
use gongjiang_domain::supply::TraineeStatus;
use sqlx::{AnyConnection, Row, any::AnyRow};

fn record_from(r: &AnyRow) -> Result<EmploymentRecord> {
    let placement: Option<String> = r.try_get("placement_id")?;
    Ok(EmploymentRecord {
        id: decode_id("employment_records", &r.try_get::<String, _>("id")?)?,
        trainee_id: decode_id("employment_records", &r.try_get::<String, _>("trainee_id")?)?,
        school_org_id: decode_id(
            "employment_records",
            &r.try_get::<String, _>("school_org_id")?,
        )?,
        employer_org_id: decode_id(
            "employment_records",
            &r.try_get::<String, _>("employer_org_id")?,
        )?,
        post: r.try_get("post")?,
        start_on: r.try_get("start_on")?,
        wage_fen: r.try_get("wage_fen")?,
        source: decode(
            "employment_records",
            &r.try_get::<String, _>("source")?,
            EmploymentSource::parse,
        )?,
        placement_id: placement
            .map(|p| decode_id("employment_records", &p))
            .transpose()?,
        status_applied: r.try_get::<i64, _>("status_applied")? != 0,
        created_by: r.try_get("created_by")?,
        created_org_id: decode_id(
            "employment_records",
            &r.try_get::<String, _>("created_org_id")?,
        )?,
        created_at: Timestamp(r.try_get("created_at")?),
    })
}

/// Stores a new record; a second record for the same placement is `Conflict("placement_id")`.
pub async fn insert_record(conn: &mut AnyConnection, e: &EmploymentRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO employment_records (id, trainee_id, school_org_id, employer_org_id, post, start_on, wage_fen, source, \
         placement_id, status_applied, created_by, created_org_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(e.id.to_string())
    .bind(e.trainee_id.to_string())
    .bind(e.school_org_id.to_string())
    .bind(e.employer_org_id.to_string())
    .bind(&e.post)
    .bind(&e.start_on)
    .bind(e.wage_fen)
    .bind(e.source.as_str())
    .bind(e.placement_id.map(|p| p.to_string()))
    .bind(i64::from(e.status_applied))
    .bind(&e.created_by)
    .bind(e.created_org_id.to_string())
    .bind(e.created_at.0)
    .execute(conn)
    .await
    .map_err(conflict_as("placement_id"))?;
    Ok(())
}

/// One record.
pub async fn get_record(
    conn: &mut AnyConnection,
    id: EmploymentId,
) -> Result<Option<EmploymentRecord>> {
    let row = sqlx::query(
        "SELECT id, trainee_id, school_org_id, employer_org_id, post, start_on, wage_fen, source, \
         placement_id, status_applied, created_by, created_org_id, created_at FROM employment_records WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(record_from).transpose()
}

/// Records where `org` is the trainee's school or the employer, newest start first.
pub async fn records_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<EmploymentRecord>> {
    let rows = sqlx::query(
        "SELECT id, trainee_id, school_org_id, employer_org_id, post, start_on, wage_fen, source, \
         placement_id, status_applied, created_by, created_org_id, created_at FROM employment_records \
         WHERE school_org_id = $1 OR employer_org_id = $1 ORDER BY start_on DESC, id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(record_from).collect()
}

/// A trainee's records, oldest start first.
pub async fn records_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<EmploymentRecord>> {
    let rows = sqlx::query(
        "SELECT id, trainee_id, school_org_id, employer_org_id, post, start_on, wage_fen, source, \
         placement_id, status_applied, created_by, created_org_id, created_at FROM employment_records \
         WHERE trainee_id = $1 ORDER BY start_on, id",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(record_from).collect()
}

/// Records whose start has come (`start_on <= today`) but whose trainee's
/// status has not yet been moved to employed.
pub async fn started_unapplied(
    conn: &mut AnyConnection,
    today: &str,
) -> Result<Vec<EmploymentRecord>> {
    let rows = sqlx::query(
        "SELECT id, trainee_id, school_org_id, employer_org_id, post, start_on, wage_fen, source, \
         placement_id, status_applied, created_by, created_org_id, created_at FROM employment_records \
         WHERE status_applied = 0 AND start_on <= $1 ORDER BY start_on, id",
    )
    .bind(today)
    .fetch_all(conn)
    .await?;
    rows.iter().map(record_from).collect()
}

/// Notes that the trainee's status was moved to employed for this record.
pub async fn mark_status_applied(conn: &mut AnyConnection, id: EmploymentId) -> Result<()> {
    sqlx::query("UPDATE employment_records SET status_applied = 1 WHERE id = $1")
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets a trainee's status.
pub async fn set_trainee_status(
    conn: &mut AnyConnection,
    trainee: TraineeId,
    status: TraineeStatus,
    now: Timestamp,
) -> Result<()> {
    sqlx::query("UPDATE trainees SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now.0)
        .bind(trainee.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

fn outcome_from(r: &AnyRow) -> Result<Outcome> {
    Ok(Outcome {
        record_id: decode_id("employment_outcomes", &r.try_get::<String, _>("record_id")?)?,
        months: r.try_get("months")?,
        still_employed: r.try_get::<i64, _>("still_employed")? != 0,
        wage_fen: r.try_get("wage_fen")?,
        note: r.try_get("note")?,
        entered_by: r.try_get("entered_by")?,
        entered_org_id: decode_id(
            "employment_outcomes",
            &r.try_get::<String, _>("entered_org_id")?,
        )?,
        entered_at: Timestamp(r.try_get("entered_at")?),
    })
}

/// Stores a follow-up, replacing an earlier one for the same record and month.
pub async fn save_outcome(conn: &mut AnyConnection, o: &Outcome) -> Result<()> {
    sqlx::query(
        "INSERT INTO employment_outcomes (record_id, months, still_employed, wage_fen, note, entered_by, entered_org_id, entered_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (record_id, months) DO UPDATE SET \
         still_employed = excluded.still_employed, wage_fen = excluded.wage_fen, note = excluded.note, \
         entered_by = excluded.entered_by, entered_org_id = excluded.entered_org_id, entered_at = excluded.entered_at",
    )
    .bind(o.record_id.to_string())
    .bind(o.months)
    .bind(i64::from(o.still_employed))
    .bind(o.wage_fen)
    .bind(&o.note)
    .bind(&o.entered_by)
    .bind(o.entered_org_id.to_string())
    .bind(o.entered_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The follow-ups of one record.
pub async fn outcomes_of_record(
    conn: &mut AnyConnection,
    record: EmploymentId,
) -> Result<Vec<Outcome>> {
    let rows = sqlx::query(
        "SELECT record_id, months, still_employed, wage_fen, note, entered_by, entered_org_id, entered_at \
         FROM employment_outcomes WHERE record_id = $1 ORDER BY months",
    )
    .bind(record.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(outcome_from).collect()
}

/// The follow-ups of the records where `org` is the school or the employer.
pub async fn outcomes_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<Outcome>> {
    let rows = sqlx::query(
        "SELECT o.record_id, o.months, o.still_employed, o.wage_fen, o.note, o.entered_by, o.entered_org_id, o.entered_at \
         FROM employment_outcomes o JOIN employment_records r ON r.id = o.record_id \
         WHERE r.school_org_id = $1 OR r.employer_org_id = $1 ORDER BY o.record_id, o.months",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(outcome_from).collect()
}

/// A placement with what its demand says about the post.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct PlacementLine {
    /// The placement.
    pub id: PlacementId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The trainee's school.
    pub school_org_id: OrgId,
    /// The demand.
    pub demand_id: DemandId,
    /// The enterprise.
    pub org_id: OrgId,
    /// The post.
    pub post_name: String,
    /// Job, internship…
    pub kind: DemandKind,
    /// Lower end of the wage range, fen.
    pub wage_min_fen: Option<i64>,
    /// The post's first day.
    pub start_on: String,
    /// The round that made it.
    pub round_id: Option<RoundId>,
    /// When it was made.
    pub created_at: Timestamp,
    /// The employment record confirmed from it, if any.
    pub employment_id: Option<EmploymentId>,
}

fn placement_from(r: &AnyRow) -> Result<PlacementLine> {
    let round: Option<String> = r.try_get("round_id")?;
    let employment: Option<String> = r.try_get("employment_id")?;
    Ok(PlacementLine {
        id: decode_id("placements", &r.try_get::<String, _>("id")?)?,
        trainee_id: decode_id("placements", &r.try_get::<String, _>("trainee_id")?)?,
        school_org_id: decode_id("placements", &r.try_get::<String, _>("school_org_id")?)?,
        demand_id: decode_id("placements", &r.try_get::<String, _>("demand_id")?)?,
        org_id: decode_id("placements", &r.try_get::<String, _>("org_id")?)?,
        post_name: r.try_get("post_name")?,
        kind: decode(
            "placements",
            &r.try_get::<String, _>("kind")?,
            DemandKind::parse,
        )?,
        wage_min_fen: r.try_get("wage_min_fen")?,
        start_on: r.try_get("start_on")?,
        round_id: round.map(|x| decode_id("placements", &x)).transpose()?,
        created_at: Timestamp(r.try_get("created_at")?),
        employment_id: employment
            .map(|x| decode_id("placements", &x))
            .transpose()?,
    })
}

/// One placement.
pub async fn get_placement(
    conn: &mut AnyConnection,
    id: PlacementId,
) -> Result<Option<PlacementLine>> {
    let row = sqlx::query(
        "SELECT p.id, p.trainee_id, t.org_id AS school_org_id, p.demand_id, d.org_id, d.post_name, d.kind, \
         d.wage_min_fen, d.start_on, p.round_id, p.created_at, e.id AS employment_id FROM placements p \
         JOIN demands d ON d.id = p.demand_id JOIN trainees t ON t.id = p.trainee_id \
         LEFT JOIN employment_records e ON e.placement_id = p.id WHERE p.id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(placement_from).transpose()
}

/// Placements where `org` is the trainee's school or the demand's enterprise.
pub async fn placements_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<PlacementLine>> {
    let rows = sqlx::query(
        "SELECT p.id, p.trainee_id, t.org_id AS school_org_id, p.demand_id, d.org_id, d.post_name, d.kind, \
         d.wage_min_fen, d.start_on, p.round_id, p.created_at, e.id AS employment_id FROM placements p \
         JOIN demands d ON d.id = p.demand_id JOIN trainees t ON t.id = p.trainee_id \
         LEFT JOIN employment_records e ON e.placement_id = p.id \
         WHERE p.id IN (SELECT p2.id FROM trainees t2 JOIN placements p2 ON p2.trainee_id = t2.id WHERE t2.org_id = $1 \
         UNION SELECT p3.id FROM demands d3 JOIN placements p3 ON p3.demand_id = d3.id WHERE d3.org_id = $1) \
         ORDER BY p.created_at DESC, p.id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(placement_from).collect()
}

/// A trainee's placements, oldest first.
pub async fn placements_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<PlacementLine>> {
    let rows = sqlx::query(
        "SELECT p.id, p.trainee_id, t.org_id AS school_org_id, p.demand_id, d.org_id, d.post_name, d.kind, \
         d.wage_min_fen, d.start_on, p.round_id, p.created_at, e.id AS employment_id FROM placements p \
         JOIN demands d ON d.id = p.demand_id JOIN trainees t ON t.id = p.trainee_id \
         LEFT JOIN employment_records e ON e.placement_id = p.id \
         WHERE p.trainee_id = $1 ORDER BY p.created_at, p.id",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(placement_from).collect()
}

// ---------------------------------------------------------------- funnel stages

/// A trainee on the books, with what the funnel groups by.
#[derive(Debug, Clone)]
pub struct Enrolled {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The school.
    pub school_org_id: OrgId,
    /// The cohort, if any.
    pub cohort_id: Option<CohortId>,
    /// The cohort's major, if any.
    pub major_id: Option<MajorId>,
}

/// How many trainees are on the books (of one school, or of all), per
/// cohort (`by_major` false) or per major (`None`: no cohort or no major).
/// One aggregate query over the `trainees_by_org` or `trainees_by_cohort`
/// index; no trainee row leaves the database.
pub async fn enrolled_counts(
    conn: &mut AnyConnection,
    school: Option<OrgId>,
    by_major: bool,
) -> Result<Vec<(Option<String>, i64)>> {
    let sql = match (school.is_some(), by_major) {
        (false, false) => "SELECT cohort_id AS g, COUNT(*) AS n FROM trainees GROUP BY cohort_id",
        (true, false) => {
            "SELECT cohort_id AS g, COUNT(*) AS n FROM trainees WHERE org_id = $1 GROUP BY cohort_id"
        }
        (false, true) => {
            "SELECT c.major_id AS g, CAST(SUM(x.n) AS BIGINT) AS n FROM \
             (SELECT cohort_id, COUNT(*) AS n FROM trainees GROUP BY cohort_id) x \
             LEFT JOIN cohorts c ON c.id = x.cohort_id GROUP BY c.major_id"
        }
        (true, true) => {
            "SELECT c.major_id AS g, CAST(SUM(x.n) AS BIGINT) AS n FROM \
             (SELECT cohort_id, COUNT(*) AS n FROM trainees WHERE org_id = $1 GROUP BY cohort_id) x \
             LEFT JOIN cohorts c ON c.id = x.cohort_id GROUP BY c.major_id"
        }
    };
    let mut q = sqlx::query(sql);
    if let Some(s) = school {
        q = q.bind(s.to_string());
    }
    let rows = q.fetch_all(conn).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<Option<String>, _>("g")?,
                r.try_get::<i64, _>("n")?,
            ))
        })
        .collect()
}

/// A trainee with what the funnel groups by, from a row of `id`, `org_id`,
/// `cohort_id` and the cohort's `major_id`.
fn enrolled_from(r: &AnyRow) -> Result<Enrolled> {
    let cohort: Option<String> = r.try_get("cohort_id")?;
    let major: Option<String> = r.try_get("major_id")?;
    Ok(Enrolled {
        trainee_id: decode_id("trainees", &r.try_get::<String, _>("id")?)?,
        school_org_id: decode_id("trainees", &r.try_get::<String, _>("org_id")?)?,
        cohort_id: cohort.map(|c| decode_id("trainees", &c)).transpose()?,
        major_id: major.map(|m| decode_id("cohorts", &m)).transpose()?,
    })
}

/// The trainees (of one school, or of all) who went further than enrolment:
/// placed, interned, evaluated, certified or employed, with what the funnel
/// groups by. Their number follows the alliance's activity, not its size.
pub async fn active_trainees(
    conn: &mut AnyConnection,
    school: Option<OrgId>,
) -> Result<Vec<Enrolled>> {
    // The alliance's: each activity table's trainee index, once (counted in
    // the background, app::aggregates). A school's: its own trainees through
    // `trainees_by_org`, each looked up in those indexes.
    const ALL: &str = "SELECT t.id, t.org_id, t.cohort_id, c.major_id FROM trainees t \
         LEFT JOIN cohorts c ON c.id = t.cohort_id WHERE t.id IN ( \
         SELECT trainee_id FROM placements UNION SELECT trainee_id FROM internships \
         UNION SELECT trainee_id FROM evaluation_candidates UNION SELECT trainee_id FROM certificates \
         UNION SELECT trainee_id FROM employment_records)";
    const SCHOOL: &str = "SELECT t.id, t.org_id, t.cohort_id, c.major_id FROM trainees t \
         LEFT JOIN cohorts c ON c.id = t.cohort_id WHERE t.org_id = $1 AND ( \
         EXISTS (SELECT 1 FROM placements x WHERE x.trainee_id = t.id) \
         OR EXISTS (SELECT 1 FROM internships x WHERE x.trainee_id = t.id) \
         OR EXISTS (SELECT 1 FROM evaluation_candidates x WHERE x.trainee_id = t.id) \
         OR EXISTS (SELECT 1 FROM certificates x WHERE x.trainee_id = t.id) \
         OR EXISTS (SELECT 1 FROM employment_records x WHERE x.trainee_id = t.id))";
    let rows = match school {
        None => sqlx::query(ALL).fetch_all(conn).await?,
        Some(s) => {
            sqlx::query(SCHOOL)
                .bind(s.to_string())
                .fetch_all(conn)
                .await?
        }
    };
    rows.iter().map(enrolled_from).collect()
}

fn trainee_ids(rows: &[AnyRow]) -> Result<Vec<TraineeId>> {
    rows.iter()
        .map(|r| decode_id("trainees", &r.try_get::<String, _>("trainee_id")?))
        .collect()
}

/// Stage "interned": trainees with an internship that started (in progress
/// or finished, as `Internship::counts_as_interned` says).
pub async fn stage_interned(conn: &mut AnyConnection) -> Result<Vec<TraineeId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT trainee_id FROM internships WHERE status IN ('in_progress', 'finished')",
    )
    .fetch_all(conn)
    .await?;
    trainee_ids(&rows)
}

/// Stage "evaluated": trainees with a scored result in an evaluation session.
pub async fn stage_evaluated(conn: &mut AnyConnection) -> Result<Vec<TraineeId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT trainee_id FROM evaluation_candidates WHERE passed IS NOT NULL",
    )
    .fetch_all(conn)
    .await?;
    trainee_ids(&rows)
}

/// Stage "certified": trainees holding a certificate that is not revoked.
pub async fn stage_certified(conn: &mut AnyConnection) -> Result<Vec<TraineeId>> {
    let rows =
        sqlx::query("SELECT DISTINCT trainee_id FROM certificates WHERE status <> 'revoked'")
            .fetch_all(conn)
            .await?;
    trainee_ids(&rows)
}

/// Stage "employed": trainees with an employment record, each with the
/// employer of their first job.
pub async fn stage_employed(conn: &mut AnyConnection) -> Result<Vec<(TraineeId, OrgId)>> {
    let rows = sqlx::query(
        "SELECT trainee_id, employer_org_id FROM employment_records ORDER BY trainee_id, start_on DESC, id DESC",
    )
    .fetch_all(conn)
    .await?;
    let mut out: Vec<(TraineeId, OrgId)> = Vec::new();
    for r in &rows {
        let t: TraineeId = decode_id("employment_records", &r.try_get::<String, _>("trainee_id")?)?;
        let o: OrgId = decode_id(
            "employment_records",
            &r.try_get::<String, _>("employer_org_id")?,
        )?;
        // Rows come latest first per trainee; the last one kept is the first job.
        match out.last_mut() {
            Some(last) if last.0 == t => last.1 = o,
            _ => out.push((t, o)),
        }
    }
    Ok(out)
}

/// Stage "retained at `months`": trainees still employed at that follow-up.
pub async fn stage_retained(conn: &mut AnyConnection, months: i64) -> Result<Vec<TraineeId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT r.trainee_id FROM employment_outcomes o JOIN employment_records r ON r.id = o.record_id \
         WHERE o.months = $1 AND o.still_employed = 1",
    )
    .bind(months)
    .fetch_all(conn)
    .await?;
    trainee_ids(&rows)
}

/// The trainees who came to an employer: placed at one of its posts,
/// interned there (started) or employed by it, with what the funnel groups
/// by (the employer's funnel of its own hires).
pub async fn employer_trainees(conn: &mut AnyConnection, employer: OrgId) -> Result<Vec<Enrolled>> {
    let rows = sqlx::query(
        "SELECT t.id, t.org_id, t.cohort_id, c.major_id FROM trainees t \
         LEFT JOIN cohorts c ON c.id = t.cohort_id WHERE t.id IN ( \
         SELECT p.trainee_id FROM placements p JOIN demands d ON d.id = p.demand_id WHERE d.org_id = $1 \
         UNION SELECT trainee_id FROM internships WHERE host_org_id = $1 AND status IN ('in_progress', 'finished') \
         UNION SELECT trainee_id FROM employment_records WHERE employer_org_id = $1)",
    )
    .bind(employer.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(enrolled_from).collect()
}

/// Stage "interned" at one employer: its interns whose internship started.
pub async fn stage_interned_at(
    conn: &mut AnyConnection,
    employer: OrgId,
) -> Result<Vec<TraineeId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT trainee_id FROM internships WHERE host_org_id = $1 AND status IN ('in_progress', 'finished')",
    )
    .bind(employer.to_string())
    .fetch_all(conn)
    .await?;
    trainee_ids(&rows)
}

/// Stage "employed" by one employer.
pub async fn stage_employed_by(
    conn: &mut AnyConnection,
    employer: OrgId,
) -> Result<Vec<TraineeId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT trainee_id FROM employment_records WHERE employer_org_id = $1",
    )
    .bind(employer.to_string())
    .fetch_all(conn)
    .await?;
    trainee_ids(&rows)
}

/// Stage "retained at `months`" by one employer: still employed there at that follow-up.
pub async fn stage_retained_by(
    conn: &mut AnyConnection,
    employer: OrgId,
    months: i64,
) -> Result<Vec<TraineeId>> {
    let rows = sqlx::query(
        "SELECT DISTINCT r.trainee_id FROM employment_outcomes o JOIN employment_records r ON r.id = o.record_id \
         WHERE r.employer_org_id = $1 AND o.months = $2 AND o.still_employed = 1",
    )
    .bind(employer.to_string())
    .bind(months)
    .fetch_all(conn)
    .await?;
    trainee_ids(&rows)
}

/// How many trainees are on the books per school (one aggregate query over
/// the `trainees_by_org` index): the funnel by school.
pub async fn enrolled_by_school(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query("SELECT org_id AS g, COUNT(*) AS n FROM trainees GROUP BY org_id")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<String, _>("g")?, r.try_get::<i64, _>("n")?)))
        .collect()
}

/// The enterprise of each placed trainee's latest placement (the funnel's
/// enterprise for trainees not employed yet).
pub async fn placement_enterprises(conn: &mut AnyConnection) -> Result<Vec<(TraineeId, OrgId)>> {
    let rows = sqlx::query(
        "SELECT p.trainee_id, d.org_id FROM placements p JOIN demands d ON d.id = p.demand_id \
         ORDER BY p.trainee_id, p.created_at, p.id",
    )
    .fetch_all(conn)
    .await?;
    let mut out: Vec<(TraineeId, OrgId)> = Vec::new();
    for r in &rows {
        let t: TraineeId = decode_id("placements", &r.try_get::<String, _>("trainee_id")?)?;
        let o: OrgId = decode_id("demands", &r.try_get::<String, _>("org_id")?)?;
        match out.last_mut() {
            Some(last) if last.0 == t => last.1 = o,
            _ => out.push((t, o)),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- what is held about a trainee

/// A preference the trainee (or a teacher for them) entered in a round.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct PreferenceLine {
    /// The round.
    pub round_id: String,
    /// Position (0 = first choice).
    pub position: i64,
    /// The demand.
    pub demand_id: String,
    /// Who entered it (login).
    pub entered_by: String,
    /// Their role then.
    pub entered_role: String,
    /// When (RFC 3339).
    pub entered_at: String,
}

/// The trainee's preferences in every round.
pub async fn preferences_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<PreferenceLine>> {
    let rows = sqlx::query(
        "SELECT round_id, position, demand_id, entered_by, entered_role, entered_at FROM round_preferences \
         WHERE trainee_id = $1 ORDER BY round_id, position",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PreferenceLine {
                round_id: r.try_get("round_id")?,
                position: r.try_get("position")?,
                demand_id: r.try_get("demand_id")?,
                entered_by: r.try_get("entered_by")?,
                entered_role: r.try_get("entered_role")?,
                entered_at: Timestamp(r.try_get("entered_at")?).rfc3339_cst(),
            })
        })
        .collect()
}

/// A round's result for the trainee, with the stored explanation (JSON).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ResultLine {
    /// The round.
    pub round_id: String,
    /// The place got, if any.
    pub demand_id: Option<String>,
    /// Which choice it was (0 = first).
    pub choice: Option<i64>,
    /// The lottery number drawn.
    pub lottery_number: i64,
    /// Why, as stored.
    pub explanation: serde_json::Value,
}

/// The trainee's results in every solved round.
pub async fn results_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<ResultLine>> {
    let rows = sqlx::query(
        "SELECT round_id, demand_id, choice, lottery_number, explanation FROM round_results \
         WHERE trainee_id = $1 ORDER BY round_id",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let text: String = r.try_get("explanation")?;
            Ok(ResultLine {
                round_id: r.try_get("round_id")?,
                demand_id: r.try_get("demand_id")?,
                choice: r.try_get("choice")?,
                lottery_number: r.try_get("lottery_number")?,
                explanation: serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
            })
        })
        .collect()
}

/// The login of the account linked to the trainee, if any.
pub async fn account_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Option<String>> {
    let row = sqlx::query(
        "SELECT u.login FROM trainee_accounts a JOIN users u ON u.id = a.user_id WHERE a.trainee_id = $1",
    )
    .bind(trainee.to_string())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.try_get("login")).transpose()?)
}

/// Every employment record with the months of its entered follow-ups (the
/// periodic reminder sweep; read in the background, never by a page).
pub async fn all_records_with_outcomes(
    conn: &mut AnyConnection,
) -> Result<Vec<(EmploymentRecord, Vec<i64>)>> {
    let rows = sqlx::query(
        "SELECT id, trainee_id, school_org_id, employer_org_id, post, start_on, wage_fen, source, \
         placement_id, status_applied, created_by, created_org_id, created_at FROM employment_records ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut records: Vec<(EmploymentRecord, Vec<i64>)> = rows
        .iter()
        .map(|r| record_from(r).map(|rec| (rec, Vec::new())))
        .collect::<Result<_>>()?;
    let outcomes =
        sqlx::query("SELECT record_id, months FROM employment_outcomes ORDER BY record_id")
            .fetch_all(conn)
            .await?;
    let mut at = std::collections::HashMap::new();
    for (i, (rec, _)) in records.iter().enumerate() {
        at.insert(rec.id.to_string(), i);
    }
    for o in outcomes {
        let id: String = o.try_get("record_id")?;
        if let Some(&i) = at.get(&id) {
            records[i].1.push(o.try_get("months")?);
        }
    }
    Ok(records)
}

// ---------------------------------------------------------------- the alliance's employment

/// One unit's employment figures: its records and the 6- and 12-month
/// follow-ups due, entered and still employed at them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitEmployment {
    /// The school or the employer.
    pub org_id: OrgId,
    /// Employment records.
    pub records: i64,
    /// The sum of their monthly wages, fen.
    pub wage_fen: i64,
    /// Per checkpoint (6, then 12 months): records whose follow-up is due,
    /// follow-ups entered, still employed at them, and due but not entered.
    pub checkpoints: [Checkpoint; 2],
}

/// One follow-up checkpoint's figures over a unit's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checkpoint {
    /// Records whose follow-up has fallen due.
    pub due: i64,
    /// Follow-ups entered.
    pub entered: i64,
    /// Of those, still employed.
    pub retained: i64,
    /// Due and not entered (overdue).
    pub missing: i64,
}

/// The employment figures of every unit, by the school (`by_employer`
/// false) or the employer, in one aggregate query: a follow-up at 6 (12)
/// months is due for a record that started on or before `due6` (`due12`),
/// both `YYYY-MM-DD`. No record row leaves the database.
pub async fn employment_by_unit(
    conn: &mut AnyConnection,
    by_employer: bool,
    due6: &str,
    due12: &str,
) -> Result<Vec<UnitEmployment>> {
    const BY_SCHOOL: &str = "SELECT r.school_org_id AS org, COUNT(*) AS records, \
        CAST(SUM(r.wage_fen) AS BIGINT) AS wage, \
        SUM(CASE WHEN r.start_on <= $1 THEN 1 ELSE 0 END) AS due6, \
        SUM(CASE WHEN o6.record_id IS NOT NULL THEN 1 ELSE 0 END) AS entered6, \
        SUM(CASE WHEN o6.still_employed = 1 THEN 1 ELSE 0 END) AS retained6, \
        SUM(CASE WHEN r.start_on <= $1 AND o6.record_id IS NULL THEN 1 ELSE 0 END) AS missing6, \
        SUM(CASE WHEN r.start_on <= $2 THEN 1 ELSE 0 END) AS due12, \
        SUM(CASE WHEN o12.record_id IS NOT NULL THEN 1 ELSE 0 END) AS entered12, \
        SUM(CASE WHEN o12.still_employed = 1 THEN 1 ELSE 0 END) AS retained12, \
        SUM(CASE WHEN r.start_on <= $2 AND o12.record_id IS NULL THEN 1 ELSE 0 END) AS missing12 \
        FROM employment_records r \
        LEFT JOIN employment_outcomes o6 ON o6.record_id = r.id AND o6.months = 6 \
        LEFT JOIN employment_outcomes o12 ON o12.record_id = r.id AND o12.months = 12 \
        GROUP BY r.school_org_id";
    let sql = if by_employer {
        BY_SCHOOL.replace("r.school_org_id", "r.employer_org_id")
    } else {
        BY_SCHOOL.to_string()
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(due6)
        .bind(due12)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            let n =
                |col: &str| -> Result<i64> { Ok(r.try_get::<Option<i64>, _>(col)?.unwrap_or(0)) };
            let at = |m: &str| -> Result<Checkpoint> {
                Ok(Checkpoint {
                    due: n(&format!("due{m}"))?,
                    entered: n(&format!("entered{m}"))?,
                    retained: n(&format!("retained{m}"))?,
                    missing: n(&format!("missing{m}"))?,
                })
            };
            Ok(UnitEmployment {
                org_id: decode_id("employment_records", &r.try_get::<String, _>("org")?)?,
                records: n("records")?,
                wage_fen: n("wage")?,
                checkpoints: [at("6")?, at("12")?],
            })
        })
        .collect()
}
