//! Majors, cohorts and trainees.

use crate::db::Backend;
use crate::error::{Result, conflict_as, decode, decode_id};
use crate::filters::{Where, contains};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{CohortId, MajorId, OrgId, TraineeId, UserId};
use gongjiang_domain::supply::{Cohort, Major, MajorLevel, Trainee, TraineeStatus};
use sqlx::{AnyConnection, Row, any::AnyRow};

async fn major_occupations(conn: &mut AnyConnection, id: MajorId) -> Result<Vec<String>> {
    let rows = sqlx::query("SELECT occupation_code FROM major_occupations WHERE major_id = $1 ORDER BY occupation_code")
        .bind(id.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("occupation_code")?))
        .collect()
}

fn major_from(r: &AnyRow, occupations: Vec<String>) -> Result<Major> {
    Ok(Major {
        id: decode_id("majors", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("majors", &r.try_get::<String, _>("org_id")?)?,
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        level: decode(
            "majors",
            &r.try_get::<String, _>("level")?,
            MajorLevel::parse,
        )?,
        length_years: r.try_get("length_years")?,
        annual_intake: r.try_get("annual_intake")?,
        occupations,
        created_at: Timestamp(r.try_get("created_at")?),
    })
}

/// Inserts or updates a major and its occupations; a second major with the same
/// code and level in one school is `Conflict("code")`.
pub async fn save_major(conn: &mut AnyConnection, m: &Major, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO majors (id, org_id, code, name, level, length_years, annual_intake, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET code = excluded.code, \
         name = excluded.name, level = excluded.level, length_years = excluded.length_years, \
         annual_intake = excluded.annual_intake, updated_at = excluded.updated_at",
    )
    .bind(m.id.to_string())
    .bind(m.org_id.to_string())
    .bind(&m.code)
    .bind(&m.name)
    .bind(m.level.as_str())
    .bind(m.length_years)
    .bind(m.annual_intake)
    .bind(m.created_at.0)
    .bind(now.0)
    .execute(&mut *conn)
    .await
    .map_err(conflict_as("code"))?;
    sqlx::query("DELETE FROM major_occupations WHERE major_id = $1")
        .bind(m.id.to_string())
        .execute(&mut *conn)
        .await?;
    for o in &m.occupations {
        sqlx::query("INSERT INTO major_occupations (major_id, occupation_code) VALUES ($1, $2)")
            .bind(m.id.to_string())
            .bind(o)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// One major.
pub async fn get_major(conn: &mut AnyConnection, id: MajorId) -> Result<Option<Major>> {
    let row = sqlx::query("SELECT id, org_id, code, name, level, length_years, annual_intake, created_at FROM majors WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => {
            let occ = major_occupations(conn, id).await?;
            Ok(Some(major_from(&r, occ)?))
        }
        None => Ok(None),
    }
}

/// A school's majors, by code; every school's when `org` is `None`. Each
/// form of the query is written out, so a school's uses its index; the
/// majors' occupations come in one more query, not one per major.
pub async fn majors(conn: &mut AnyConnection, org: Option<OrgId>) -> Result<Vec<Major>> {
    const ALL: &str = "SELECT id, org_id, code, name, level, length_years, annual_intake, created_at FROM majors \
         ORDER BY org_id, code, level";
    const ONE: &str = "SELECT id, org_id, code, name, level, length_years, annual_intake, created_at FROM majors \
         WHERE org_id = $1 ORDER BY org_id, code, level";
    const OCC_ALL: &str = "SELECT major_id, occupation_code FROM major_occupations ORDER BY major_id, occupation_code";
    const OCC_ONE: &str = "SELECT mo.major_id, mo.occupation_code FROM major_occupations mo \
         JOIN majors m ON m.id = mo.major_id WHERE m.org_id = $1 ORDER BY mo.major_id, mo.occupation_code";
    let (rows, occ_rows) = match org {
        None => (
            sqlx::query(ALL).fetch_all(&mut *conn).await?,
            sqlx::query(OCC_ALL).fetch_all(&mut *conn).await?,
        ),
        Some(o) => (
            sqlx::query(ONE)
                .bind(o.to_string())
                .fetch_all(&mut *conn)
                .await?,
            sqlx::query(OCC_ONE)
                .bind(o.to_string())
                .fetch_all(&mut *conn)
                .await?,
        ),
    };
    majors_with_occupations(&rows, &occ_rows)
}

/// Majors from their rows, each with its occupations from `occ_rows`.
fn majors_with_occupations(rows: &[AnyRow], occ_rows: &[AnyRow]) -> Result<Vec<Major>> {
    let mut occupations: std::collections::HashMap<String, Vec<String>> =
        std::collections::HashMap::new();
    for r in occ_rows {
        occupations
            .entry(r.try_get::<String, _>("major_id")?)
            .or_default()
            .push(r.try_get::<String, _>("occupation_code")?);
    }
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            major_from(r, occupations.remove(&id).unwrap_or_default())
        })
        .collect()
}

/// The majors `ids` (those that exist), in two queries whatever their number.
pub async fn majors_by_ids(conn: &mut AnyConnection, ids: &[MajorId]) -> Result<Vec<Major>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::filters::json_list(ids);
    let sql = crate::filters::in_list(
        conn,
        "SELECT id, org_id, code, name, level, length_years, annual_intake, created_at FROM majors WHERE id",
        "ORDER BY org_id, code, level",
    );
    let rows = sqlx::query(sql).bind(&list).fetch_all(&mut *conn).await?;
    let sql = crate::filters::in_list(
        conn,
        "SELECT major_id, occupation_code FROM major_occupations WHERE major_id",
        "ORDER BY major_id, occupation_code",
    );
    let occ_rows = sqlx::query(sql).bind(&list).fetch_all(&mut *conn).await?;
    majors_with_occupations(&rows, &occ_rows)
}

/// The cohorts `ids` (those that exist), in one query whatever their number.
pub async fn cohorts_by_ids(conn: &mut AnyConnection, ids: &[CohortId]) -> Result<Vec<Cohort>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = crate::filters::in_list(
        conn,
        "SELECT id, org_id, major_id, name, entry_year, graduation_year, size, sponsor_org_id FROM cohorts WHERE id",
        "",
    );
    let rows = sqlx::query(sql)
        .bind(crate::filters::json_list(ids))
        .fetch_all(conn)
        .await?;
    rows.iter().map(cohort_from).collect()
}

/// A cohort graduating in a year in a major trained for an occupation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccupationCohort {
    /// The school's name.
    pub school: String,
    /// The cohort's name.
    pub cohort: String,
    /// Its planned size.
    pub size: i64,
    /// The major's name.
    pub major_name: String,
    /// The major's code.
    pub major_code: String,
    /// The major's level.
    pub level: MajorLevel,
}

/// The cohorts graduating in `year` in a major linked to `occupation`, by
/// school name then cohort name: from the occupation's majors down, never
/// every cohort.
pub async fn cohorts_of_occupation(
    conn: &mut AnyConnection,
    occupation: &str,
    year: i64,
) -> Result<Vec<OccupationCohort>> {
    const SQL: &str = "SELECT o.name AS school, c.name AS cohort, c.size, m.name AS major_name, \
         m.code AS major_code, m.level FROM major_occupations mo \
         JOIN majors m ON m.id = mo.major_id \
         JOIN cohorts c ON c.major_id = m.id AND c.graduation_year = $2 \
         JOIN organizations o ON o.id = c.org_id \
         WHERE mo.occupation_code = $1 ORDER BY o.name, c.name, c.id";
    let rows = sqlx::query(SQL)
        .bind(occupation)
        .bind(year)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(OccupationCohort {
                school: r.try_get("school")?,
                cohort: r.try_get("cohort")?,
                size: r.try_get("size")?,
                major_name: r.try_get("major_name")?,
                major_code: r.try_get("major_code")?,
                level: decode(
                    "majors",
                    &r.try_get::<String, _>("level")?,
                    MajorLevel::parse,
                )?,
            })
        })
        .collect()
}

fn cohort_from(r: &AnyRow) -> Result<Cohort> {
    let sponsor: Option<String> = r.try_get("sponsor_org_id")?;
    Ok(Cohort {
        id: decode_id("cohorts", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("cohorts", &r.try_get::<String, _>("org_id")?)?,
        major_id: decode_id("cohorts", &r.try_get::<String, _>("major_id")?)?,
        name: r.try_get("name")?,
        entry_year: r.try_get("entry_year")?,
        graduation_year: r.try_get("graduation_year")?,
        size: r.try_get("size")?,
        sponsor_org_id: sponsor.map(|s| decode_id("cohorts", &s)).transpose()?,
    })
}

/// Inserts or updates a cohort; a second cohort of the same name in one school is `Conflict("name")`.
pub async fn save_cohort(conn: &mut AnyConnection, c: &Cohort, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO cohorts (id, org_id, major_id, name, entry_year, graduation_year, size, sponsor_org_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO UPDATE SET major_id = excluded.major_id, \
         name = excluded.name, entry_year = excluded.entry_year, graduation_year = excluded.graduation_year, \
         size = excluded.size, sponsor_org_id = excluded.sponsor_org_id, updated_at = excluded.updated_at",
    )
    .bind(c.id.to_string())
    .bind(c.org_id.to_string())
    .bind(c.major_id.to_string())
    .bind(&c.name)
    .bind(c.entry_year)
    .bind(c.graduation_year)
    .bind(c.size)
    .bind(c.sponsor_org_id.map(|o| o.to_string()))
    .bind(now.0)
    .bind(now.0)
    .execute(conn)
    .await
    .map_err(conflict_as("name"))?;
    Ok(())
}

/// One cohort.
pub async fn get_cohort(conn: &mut AnyConnection, id: CohortId) -> Result<Option<Cohort>> {
    let row = sqlx::query(
        "SELECT id, org_id, major_id, name, entry_year, graduation_year, size, sponsor_org_id FROM cohorts WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(cohort_from).transpose()
}

/// A school's cohorts (every school's when `org` is `None`), newest entry
/// first; a school's through its index.
pub async fn cohorts(conn: &mut AnyConnection, org: Option<OrgId>) -> Result<Vec<Cohort>> {
    let mut w = crate::filters::Where::new();
    w.and_some("org_id = ?", org.map(|o| o.to_string()));
    let mut q = sqlx::query(w.sql(
        "SELECT id, org_id, major_id, name, entry_year, graduation_year, size, sponsor_org_id FROM cohorts",
        "ORDER BY entry_year DESC, name",
    ));
    for b in w.binds() {
        q = q.bind(b.clone());
    }
    let rows = q.fetch_all(conn).await?;
    rows.iter().map(cohort_from).collect()
}

pub(crate) fn trainee_from(r: &AnyRow) -> Result<Trainee> {
    let cohort: Option<String> = r.try_get("cohort_id")?;
    Ok(Trainee {
        id: decode_id("trainees", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("trainees", &r.try_get::<String, _>("org_id")?)?,
        cohort_id: cohort.map(|c| decode_id("trainees", &c)).transpose()?,
        name: r.try_get("name")?,
        name_masked: r.try_get("name_masked")?,
        id_sealed: r.try_get("id_sealed")?,
        id_masked: r.try_get("id_masked")?,
        birth_date: r.try_get("birth_date")?,
        gender: r.try_get("gender")?,
        phone_sealed: r.try_get("phone_sealed")?,
        phone_masked: r.try_get("phone_masked")?,
        student_no: r.try_get("student_no")?,
        status: decode(
            "trainees",
            &r.try_get::<String, _>("status")?,
            TraineeStatus::parse,
        )?,
        consent_purpose: r.try_get("consent_purpose")?,
        consent_by: r.try_get("consent_by")?,
        consent_at: Timestamp(r.try_get("consent_at")?),
        created_at: Timestamp(r.try_get("created_at")?),
    })
}

/// Inserts or updates a trainee; `id_index` is the blind index of the ID
/// number, `search_keys` the keys the trainee lists search (of the name and
/// the student number). A second trainee with the same ID number is
/// `Conflict("id_number")`.
pub async fn save_trainee(
    conn: &mut AnyConnection,
    t: &Trainee,
    id_index: &str,
    search_keys: &str,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO trainees (id, org_id, cohort_id, name, name_masked, id_sealed, id_index, id_masked, birth_date, gender, \
         phone_sealed, phone_masked, student_no, status, consent_purpose, consent_by, consent_at, created_at, updated_at, \
         search_keys) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
         ON CONFLICT (id) DO UPDATE SET cohort_id = excluded.cohort_id, name = excluded.name, name_masked = excluded.name_masked, \
         id_sealed = excluded.id_sealed, id_index = excluded.id_index, id_masked = excluded.id_masked, \
         birth_date = excluded.birth_date, gender = excluded.gender, phone_sealed = excluded.phone_sealed, \
         phone_masked = excluded.phone_masked, student_no = excluded.student_no, status = excluded.status, \
         updated_at = excluded.updated_at, search_keys = excluded.search_keys",
    )
    .bind(t.id.to_string())
    .bind(t.org_id.to_string())
    .bind(t.cohort_id.map(|c| c.to_string()))
    .bind(&t.name)
    .bind(&t.name_masked)
    .bind(&t.id_sealed)
    .bind(id_index)
    .bind(&t.id_masked)
    .bind(&t.birth_date)
    .bind(&t.gender)
    .bind(t.phone_sealed.clone())
    .bind(&t.phone_masked)
    .bind(&t.student_no)
    .bind(t.status.as_str())
    .bind(&t.consent_purpose)
    .bind(&t.consent_by)
    .bind(t.consent_at.0)
    .bind(t.created_at.0)
    .bind(now.0)
    .bind(search_keys)
    .execute(conn)
    .await
    .map_err(conflict_as("id_number"))?;
    Ok(())
}

/// Up to `limit` trainees whose search keys are not filled (rows written
/// before the column existed): id, name and student number.
pub async fn trainees_without_search_keys(
    conn: &mut AnyConnection,
    limit: i64,
) -> Result<Vec<(TraineeId, String, String)>> {
    let rows = sqlx::query(
        "SELECT id, name, student_no FROM trainees WHERE search_keys = '' ORDER BY id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                decode_id("trainees", &r.try_get::<String, _>("id")?)?,
                r.try_get("name")?,
                r.try_get("student_no")?,
            ))
        })
        .collect()
}

/// Sets a trainee's search keys (see [`save_trainee`]).
pub async fn set_trainee_search_keys(
    conn: &mut AnyConnection,
    id: TraineeId,
    search_keys: &str,
) -> Result<()> {
    sqlx::query("UPDATE trainees SET search_keys = $1 WHERE id = $2")
        .bind(search_keys)
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

const TRAINEE_SELECT: &str = "SELECT id, org_id, cohort_id, name, name_masked, id_sealed, id_masked, birth_date, gender, \
     phone_sealed, phone_masked, student_no, status, consent_purpose, consent_by, consent_at, created_at FROM trainees";

/// One trainee.
pub async fn get_trainee(conn: &mut AnyConnection, id: TraineeId) -> Result<Option<Trainee>> {
    const SQL: &str = "SELECT id, org_id, cohort_id, name, name_masked, id_sealed, id_masked, birth_date, gender, \
     phone_sealed, phone_masked, student_no, status, consent_purpose, consent_by, consent_at, created_at FROM trainees WHERE id = $1";
    let _ = TRAINEE_SELECT;
    let row = sqlx::query(SQL)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(trainee_from).transpose()
}

/// The trainee whose ID number has this blind index.
pub async fn trainee_by_index(conn: &mut AnyConnection, id_index: &str) -> Result<Option<Trainee>> {
    let row = sqlx::query(
        "SELECT id, org_id, cohort_id, name, name_masked, id_sealed, id_masked, birth_date, gender, \
         phone_sealed, phone_masked, student_no, status, consent_purpose, consent_by, consent_at, created_at FROM trainees WHERE id_index = $1",
    )
    .bind(id_index)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(trainee_from).transpose()
}

/// Where an ID number's trainee is: who holds it, since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedTrainee {
    /// The blind index of the ID number.
    pub id_index: String,
    /// The trainee.
    pub id: TraineeId,
    /// The school holding the record.
    pub org_id: OrgId,
    /// When the record was created.
    pub created_at: Timestamp,
}

/// The trainees whose ID numbers have these blind indexes, in one query: the
/// indexes travel as one JSON array parameter, so the SQL stays static.
pub async fn trainees_by_indexes(
    conn: &mut AnyConnection,
    indexes: &[String],
) -> Result<Vec<IndexedTrainee>> {
    let sql = crate::filters::in_list(
        conn,
        "SELECT id_index, id, org_id, created_at FROM trainees WHERE id_index",
        "",
    );
    let list = crate::filters::json_list(indexes);
    let rows = sqlx::query(sql).bind(list).fetch_all(conn).await?;
    rows.iter()
        .map(|r| {
            Ok(IndexedTrainee {
                id_index: r.try_get("id_index")?,
                id: decode_id("trainees", &r.try_get::<String, _>("id")?)?,
                org_id: decode_id("trainees", &r.try_get::<String, _>("org_id")?)?,
                created_at: Timestamp(r.try_get("created_at")?),
            })
        })
        .collect()
}

/// Inserts or updates many trainees, each with the blind index of its ID
/// number and its search keys (as [`save_trainee`]). On PostgreSQL one statement per call takes every row as a JSON
/// array (`json_to_recordset`), instead of one round trip per row; SQLite,
/// in-process, saves them one by one. Callers pass at most a few thousand
/// rows per call and no two rows for the same trainee.
pub async fn save_trainees(
    conn: &mut AnyConnection,
    backend: Backend,
    trainees: &[(Trainee, String, String)],
    now: Timestamp,
) -> Result<()> {
    if backend == Backend::Sqlite {
        for (t, index, keys) in trainees {
            save_trainee(conn, t, index, keys, now).await?;
        }
        return Ok(());
    }
    const SQL: &str = "INSERT INTO trainees (id, org_id, cohort_id, name, name_masked, id_sealed, id_index, id_masked, \
         birth_date, gender, phone_sealed, phone_masked, student_no, status, consent_purpose, consent_by, consent_at, \
         created_at, updated_at, search_keys) \
         SELECT r.id, r.org_id, r.cohort_id, r.name, r.name_masked, r.id_sealed, r.id_index, r.id_masked, r.birth_date, \
         r.gender, r.phone_sealed, r.phone_masked, r.student_no, r.status, r.consent_purpose, r.consent_by, r.consent_at, \
         r.created_at, $2, r.search_keys FROM json_to_recordset($1::json) AS r(id text, org_id text, cohort_id text, \
         name text, name_masked text, id_sealed text, id_index text, id_masked text, birth_date text, gender text, \
         phone_sealed text, phone_masked text, student_no text, status text, consent_purpose text, consent_by text, \
         consent_at bigint, created_at bigint, search_keys text) \
         ON CONFLICT (id) DO UPDATE SET cohort_id = excluded.cohort_id, name = excluded.name, name_masked = excluded.name_masked, \
         id_sealed = excluded.id_sealed, id_index = excluded.id_index, id_masked = excluded.id_masked, \
         birth_date = excluded.birth_date, gender = excluded.gender, phone_sealed = excluded.phone_sealed, \
         phone_masked = excluded.phone_masked, student_no = excluded.student_no, status = excluded.status, \
         updated_at = excluded.updated_at, search_keys = excluded.search_keys";
    let rows: Vec<serde_json::Value> = trainees
        .iter()
        .map(|(t, index, keys)| {
            serde_json::json!({
                "id": t.id.to_string(),
                "org_id": t.org_id.to_string(),
                "cohort_id": t.cohort_id.map(|c| c.to_string()),
                "name": t.name,
                "name_masked": t.name_masked,
                "id_sealed": t.id_sealed,
                "id_index": index,
                "id_masked": t.id_masked,
                "birth_date": t.birth_date,
                "gender": t.gender,
                "phone_sealed": t.phone_sealed,
                "phone_masked": t.phone_masked,
                "student_no": t.student_no,
                "status": t.status.as_str(),
                "consent_purpose": t.consent_purpose,
                "consent_by": t.consent_by,
                "consent_at": t.consent_at.0,
                "created_at": t.created_at.0,
                "search_keys": keys,
            })
        })
        .collect();
    sqlx::query(SQL)
        .bind(serde_json::Value::Array(rows).to_string())
        .bind(now.0)
        .execute(conn)
        .await
        .map_err(conflict_as("id_number"))?;
    Ok(())
}

/// Filters for trainee lists.
#[derive(Debug, Clone, Default)]
pub struct TraineeFilter {
    /// Only this school.
    pub org_id: Option<OrgId>,
    /// Only this cohort.
    pub cohort_id: Option<CohortId>,
    /// Only this status.
    pub status: Option<TraineeStatus>,
    /// Only those whose name (its characters, full pinyin or initials) or
    /// student number contains this text, normalised as
    /// `gongjiang_search::normalize_query` does (lower case, no spaces).
    pub search: Option<String>,
    /// Only those still waiting for a placement: in school (在读), in a
    /// cohort graduating in this year or earlier, with no placement, no
    /// internship that was not terminated and no employment record.
    pub unplaced_by: Option<i64>,
    /// Only those holding a certificate (not revoked) issued on or after this
    /// day (`YYYY-MM-DD`).
    pub certified_since: Option<String>,
}

impl TraineeFilter {
    fn conditions(&self) -> Where {
        let mut w = Where::new();
        w.and_some("org_id = ?", self.org_id.map(|o| o.to_string()));
        w.and_some("cohort_id = ?", self.cohort_id.map(|c| c.to_string()));
        w.and_some("status = ?", self.status.map(|s| s.as_str().to_string()));
        if let Some(text) = self
            .search
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            // The keys hold the name and the student number too; the plain
            // columns still match a row whose keys are not filled yet.
            w.and(
                "(search_keys LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR student_no LIKE ? ESCAPE '\\')",
                [contains(text), contains(text), contains(text)],
            );
        }
        // Each condition is checked on the school's own trainees, which its
        // index finds first. For one school, its graduating cohorts are
        // listed first (a few rows, by `cohorts (org_id, name)`), and each
        // trainee is checked against that list rather than probed for its
        // cohort: on the province demo a school's count falls from about
        // 5 ms to 2 ms. (A list of every school's graduating cohorts would
        // instead drive the search through all of them.) Its internships and
        // employment records are the school's own (both are recorded under
        // the trainee's school, which never changes), read once by the
        // school's index and checked as a set: PostgreSQL, which expects a
        // couple of trainees per cohort here, otherwise compares every
        // trainee with every such row (13 ms on the demo).
        if let Some(year) = self.unplaced_by {
            match self.org_id {
                Some(org) => w.and(
                    "(status = 'enrolled' \
                     AND cohort_id IN (SELECT c.id FROM cohorts c WHERE c.org_id = ? AND c.graduation_year <= CAST(? AS BIGINT)) \
                     AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = trainees.id) \
                     AND id NOT IN (SELECT i.trainee_id FROM internships i WHERE i.school_org_id = ? AND i.status <> 'terminated') \
                     AND id NOT IN (SELECT e.trainee_id FROM employment_records e WHERE e.school_org_id = ?))",
                    [org.to_string(), year.to_string(), org.to_string(), org.to_string()],
                ),
                None => w.and(
                    "(status = 'enrolled' \
                     AND EXISTS (SELECT 1 FROM cohorts c WHERE c.id = trainees.cohort_id AND c.graduation_year <= CAST(? AS BIGINT)) \
                     AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.trainee_id = trainees.id) \
                     AND NOT EXISTS (SELECT 1 FROM internships i WHERE i.trainee_id = trainees.id AND i.status <> 'terminated') \
                     AND NOT EXISTS (SELECT 1 FROM employment_records e WHERE e.trainee_id = trainees.id))",
                    [year.to_string()],
                ),
            }
        }
        w.and_some(
            "EXISTS (SELECT 1 FROM certificates x WHERE x.trainee_id = trainees.id \
             AND x.status <> 'revoked' AND x.issued_on >= ?)",
            self.certified_since.clone(),
        );
        w
    }
}

/// How many trainees match `f` (one aggregate query; the work queue's counts).
pub async fn count_trainees(conn: &mut AnyConnection, f: &TraineeFilter) -> Result<i64> {
    let w = f.conditions();
    let mut count = sqlx::query_scalar::<_, i64>(w.sql("SELECT COUNT(*) FROM trainees", ""));
    for b in w.binds() {
        count = count.bind(b.clone());
    }
    Ok(count.fetch_one(conn).await?)
}

/// Trainees matching `f`, by student number, a page at a time, with the total.
pub async fn trainees(
    conn: &mut AnyConnection,
    f: &TraineeFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Trainee>, i64)> {
    let w = f.conditions();
    let mut count = sqlx::query_scalar::<_, i64>(w.sql("SELECT COUNT(*) FROM trainees", ""));
    for b in w.binds() {
        count = count.bind(b.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    // The page's ids are found on the index alone (`trainees_by_org_student`
    // covers the filter and the order), then only its rows are read: a deep
    // page skips index entries, not whole rows with their sealed fields.
    let mut page = sqlx::query(w.sql(
        "SELECT id, org_id, cohort_id, name, name_masked, id_sealed, id_masked, birth_date, gender, \
         phone_sealed, phone_masked, student_no, status, consent_purpose, consent_by, consent_at, created_at FROM trainees \
         WHERE id IN (SELECT id FROM trainees",
        "ORDER BY student_no, id LIMIT ? OFFSET ?) ORDER BY student_no, id",
    ));
    for b in w.binds() {
        page = page.bind(b.clone());
    }
    let rows = page.bind(limit).bind(offset).fetch_all(&mut *conn).await?;
    Ok((
        rows.iter().map(trainee_from).collect::<Result<Vec<_>>>()?,
        total,
    ))
}

/// Records that `user` saw a trainee's full identifiers, for what and why
/// (an entry of the personal-information access log).
#[allow(clippy::too_many_arguments)]
pub async fn record_reveal(
    conn: &mut AnyConnection,
    trainee: TraineeId,
    user: UserId,
    org: OrgId,
    purpose: gongjiang_domain::privacy::Purpose,
    fields: &str,
    reason: &str,
    at: Timestamp,
) -> Result<()> {
    crate::privacy::record_access(
        conn,
        &crate::privacy::Access {
            trainee_id: trainee,
            user_id: user,
            org_id: org,
            action: "reveal".into(),
            purpose,
            fields: fields.into(),
            reason: reason.into(),
            at,
        },
    )
    .await
}

fn teacher_from(r: &AnyRow) -> Result<gongjiang_domain::supply::Teacher> {
    use gongjiang_domain::supply::{DualQualified, Employment, Teacher};
    let specialties: String = r.try_get("specialties")?;
    Ok(Teacher {
        id: decode_id("teachers", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("teachers", &r.try_get::<String, _>("org_id")?)?,
        name: r.try_get("name")?,
        employment: decode(
            "teachers",
            &r.try_get::<String, _>("employment")?,
            Employment::parse,
        )?,
        specialties: serde_json::from_str(&specialties).unwrap_or_default(),
        dual_qualified: decode(
            "teachers",
            &r.try_get::<String, _>("dual_qualified")?,
            DualQualified::parse,
        )?,
        title: r.try_get("title")?,
        skill_level: r.try_get("skill_level")?,
        practice_days: r.try_get("practice_days")?,
        shared: r.try_get::<i64, _>("shared")? != 0,
    })
}

/// Inserts or updates a teacher.
pub async fn save_teacher(
    conn: &mut AnyConnection,
    t: &gongjiang_domain::supply::Teacher,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO teachers (id, org_id, name, employment, specialties, dual_qualified, title, skill_level, practice_days, shared, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
         employment = excluded.employment, specialties = excluded.specialties, dual_qualified = excluded.dual_qualified, \
         title = excluded.title, skill_level = excluded.skill_level, practice_days = excluded.practice_days, \
         shared = excluded.shared, updated_at = excluded.updated_at",
    )
    .bind(t.id.to_string())
    .bind(t.org_id.to_string())
    .bind(&t.name)
    .bind(t.employment.as_str())
    .bind(serde_json::to_string(&t.specialties).unwrap_or_else(|_| "[]".into()))
    .bind(t.dual_qualified.as_str())
    .bind(&t.title)
    .bind(t.skill_level.clone())
    .bind(t.practice_days)
    .bind(i64::from(t.shared))
    .bind(now.0)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// One teacher.
pub async fn get_teacher(
    conn: &mut AnyConnection,
    id: gongjiang_domain::ids::TeacherId,
) -> Result<Option<gongjiang_domain::supply::Teacher>> {
    let row = sqlx::query(
        "SELECT id, org_id, name, employment, specialties, dual_qualified, title, skill_level, practice_days, shared FROM teachers WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(teacher_from).transpose()
}

/// Teachers: of one school (`org`), or shared ones of every school (`shared_only`), by name.
pub async fn teachers(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
    shared_only: bool,
) -> Result<Vec<gongjiang_domain::supply::Teacher>> {
    let rows = sqlx::query(
        "SELECT id, org_id, name, employment, specialties, dual_qualified, title, skill_level, practice_days, shared FROM teachers \
         WHERE ($1 = '' OR org_id = $1) AND ($2 = 0 OR shared = 1) ORDER BY org_id, name, id",
    )
    .bind(org.map(|o| o.to_string()).unwrap_or_default())
    .bind(i64::from(shared_only))
    .fetch_all(conn)
    .await?;
    rows.iter().map(teacher_from).collect()
}

/// Which shared teachers the faculty pool shows.
#[derive(Debug, Clone, Default)]
pub struct PoolFilter {
    /// Only this school.
    pub school: Option<OrgId>,
    /// A `LIKE` pattern (already escaped with `\`) matched against the
    /// teacher's name and specialties; empty for any.
    pub text: String,
    /// Only this dual-qualified grade; empty for any.
    pub dual_qualified: String,
}

/// A shared teacher with the name of their school.
#[derive(Debug, Clone)]
pub struct PoolEntry {
    /// The teacher.
    pub teacher: gongjiang_domain::supply::Teacher,
    /// Their school's name.
    pub school_name: String,
}

/// One page of the alliance's faculty pool (teachers their schools share),
/// by school name then teacher name, and how many match in all.
pub async fn faculty_pool(
    conn: &mut AnyConnection,
    filter: &PoolFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PoolEntry>, i64)> {
    let school = filter.school.map(|o| o.to_string()).unwrap_or_default();
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM teachers t WHERE t.shared = 1 AND ($1 = '' OR t.org_id = $1) \
         AND ($2 = '' OR t.name LIKE $2 ESCAPE '\\' OR t.specialties LIKE $2 ESCAPE '\\') \
         AND ($3 = '' OR t.dual_qualified = $3)",
    )
    .bind(&school)
    .bind(&filter.text)
    .bind(&filter.dual_qualified)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query(
        "SELECT t.id, t.org_id, t.name, t.employment, t.specialties, t.dual_qualified, t.title, t.skill_level, \
         t.practice_days, t.shared, o.name AS school_name FROM teachers t JOIN organizations o ON o.id = t.org_id \
         WHERE t.shared = 1 AND ($1 = '' OR t.org_id = $1) \
         AND ($2 = '' OR t.name LIKE $2 ESCAPE '\\' OR t.specialties LIKE $2 ESCAPE '\\') \
         AND ($3 = '' OR t.dual_qualified = $3) ORDER BY o.name, t.name, t.id LIMIT $4 OFFSET $5",
    )
    .bind(&school)
    .bind(&filter.text)
    .bind(&filter.dual_qualified)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    let entries = rows
        .iter()
        .map(|r| {
            Ok(PoolEntry {
                teacher: teacher_from(r)?,
                school_name: r.try_get("school_name")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((entries, total))
}

/// A trainee's name as pages show it: in full for their own school, masked
/// for others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraineeName {
    /// The trainee's school.
    pub org_id: OrgId,
    /// The full name.
    pub name: String,
    /// The masked name.
    pub name_masked: String,
}

/// The names of these trainees, in one query (the ids travel as one JSON
/// list, each looked up on the primary key): for pages that show many
/// trainees, instead of one lookup each. Unknown ids are left out.
pub async fn trainee_names(
    conn: &mut AnyConnection,
    ids: &[TraineeId],
) -> Result<std::collections::HashMap<TraineeId, TraineeName>> {
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let sql = crate::filters::in_list(
        conn,
        "SELECT id, org_id, name, name_masked FROM trainees WHERE id",
        "",
    );
    let rows = sqlx::query(sql)
        .bind(crate::filters::json_list(ids))
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                decode_id("trainees", &r.try_get::<String, _>("id")?)?,
                TraineeName {
                    org_id: decode_id("trainees", &r.try_get::<String, _>("org_id")?)?,
                    name: r.try_get("name")?,
                    name_masked: r.try_get("name_masked")?,
                },
            ))
        })
        .collect()
}
