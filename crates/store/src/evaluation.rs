//! Evaluation institutions, their filings, evaluation sessions and candidates.

use crate::error::{Error, Result, conflict_as, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::evaluation::{
    Candidate, Eligibility, Filing, Institution, InstitutionKind, Level, Scores, Session,
};
use gongjiang_domain::ids::{CandidateId, EvaluationSessionId, OrgId, TraineeId};
use sqlx::{AnyConnection, Row, any::AnyRow};

fn corrupt(table: &'static str, detail: impl ToString) -> Error {
    Error::Corrupt {
        table,
        detail: detail.to_string(),
    }
}

/// Registers an institution or changes its codes.
pub async fn save_institution(
    conn: &mut AnyConnection,
    i: &Institution,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO evaluation_institutions (org_id, kind, institution_code, province_code, site_code, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (org_id) DO UPDATE SET kind = excluded.kind, \
         institution_code = excluded.institution_code, province_code = excluded.province_code, \
         site_code = excluded.site_code, updated_at = excluded.updated_at",
    )
    .bind(i.org_id.to_string())
    .bind(i.kind.as_str())
    .bind(&i.institution_code)
    .bind(&i.province_code)
    .bind(&i.site_code)
    .bind(now.0)
    .bind(now.0)
    .execute(conn)
    .await
    .map_err(conflict_as("site_code"))?;
    Ok(())
}

fn institution_from(r: &AnyRow) -> Result<Institution> {
    Ok(Institution {
        org_id: decode_id(
            "evaluation_institutions",
            &r.try_get::<String, _>("org_id")?,
        )?,
        kind: decode(
            "evaluation_institutions",
            &r.try_get::<String, _>("kind")?,
            InstitutionKind::parse,
        )?,
        institution_code: r.try_get("institution_code")?,
        province_code: r.try_get("province_code")?,
        site_code: r.try_get("site_code")?,
    })
}

/// The institution record of an organisation, if registered.
pub async fn institution(conn: &mut AnyConnection, org: OrgId) -> Result<Option<Institution>> {
    let row = sqlx::query(
        "SELECT org_id, kind, institution_code, province_code, site_code FROM evaluation_institutions WHERE org_id = $1",
    )
    .bind(org.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(institution_from).transpose()
}

/// Every registered institution.
pub async fn institutions(conn: &mut AnyConnection) -> Result<Vec<Institution>> {
    let rows = sqlx::query(
        "SELECT org_id, kind, institution_code, province_code, site_code FROM evaluation_institutions ORDER BY org_id",
    )
    .fetch_all(conn)
    .await?;
    rows.iter().map(institution_from).collect()
}

/// Records a filing.
pub async fn insert_filing(conn: &mut AnyConnection, f: &Filing, now: Timestamp) -> Result<()> {
    let levels: Vec<&str> = f.levels.iter().map(|l| l.as_str()).collect();
    sqlx::query(
        "INSERT INTO evaluation_filings (id, org_id, occupation_code, levels, filed_with, reference, valid_from, valid_to, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(f.id.to_string())
    .bind(f.org_id.to_string())
    .bind(&f.occupation_code)
    .bind(levels.join(","))
    .bind(&f.filed_with)
    .bind(&f.reference)
    .bind(&f.valid_from)
    .bind(&f.valid_to)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn filing_from(r: &AnyRow) -> Result<Filing> {
    let levels: String = r.try_get("levels")?;
    Ok(Filing {
        id: decode_id("evaluation_filings", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("evaluation_filings", &r.try_get::<String, _>("org_id")?)?,
        occupation_code: r.try_get("occupation_code")?,
        levels: levels
            .split(',')
            .map(|l| decode("evaluation_filings", l, Level::parse))
            .collect::<Result<_>>()?,
        filed_with: r.try_get("filed_with")?,
        reference: r.try_get("reference")?,
        valid_from: r.try_get("valid_from")?,
        valid_to: r.try_get("valid_to")?,
    })
}

/// An institution's filings, newest first.
pub async fn filings(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<Filing>> {
    let rows = sqlx::query(
        "SELECT id, org_id, occupation_code, levels, filed_with, reference, valid_from, valid_to FROM evaluation_filings \
         WHERE org_id = $1 ORDER BY valid_from DESC, id DESC",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(filing_from).collect()
}

/// Records a session.
pub async fn insert_session(conn: &mut AnyConnection, s: &Session, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO evaluation_sessions (id, org_id, occupation_code, level, held_on, venue, examiners, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(s.id.to_string())
    .bind(s.org_id.to_string())
    .bind(&s.occupation_code)
    .bind(s.level.as_str())
    .bind(&s.held_on)
    .bind(&s.venue)
    .bind(serde_json::to_string(&s.examiners).map_err(|e| corrupt("evaluation_sessions", e))?)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn session_from(r: &AnyRow) -> Result<Session> {
    let examiners: String = r.try_get("examiners")?;
    Ok(Session {
        id: decode_id("evaluation_sessions", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("evaluation_sessions", &r.try_get::<String, _>("org_id")?)?,
        occupation_code: r.try_get("occupation_code")?,
        level: decode(
            "evaluation_sessions",
            &r.try_get::<String, _>("level")?,
            Level::parse,
        )?,
        held_on: r.try_get("held_on")?,
        venue: r.try_get("venue")?,
        examiners: serde_json::from_str(&examiners)
            .map_err(|e| corrupt("evaluation_sessions", e))?,
    })
}

/// One session.
pub async fn session(conn: &mut AnyConnection, id: EvaluationSessionId) -> Result<Option<Session>> {
    let row = sqlx::query(
        "SELECT id, org_id, occupation_code, level, held_on, venue, examiners FROM evaluation_sessions WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(session_from).transpose()
}

/// Sessions of one institution (all when `None`), latest first.
pub async fn sessions(conn: &mut AnyConnection, org: Option<OrgId>) -> Result<Vec<Session>> {
    let rows = sqlx::query(
        "SELECT id, org_id, occupation_code, level, held_on, venue, examiners FROM evaluation_sessions \
         WHERE ($1 = '' OR org_id = $1) ORDER BY held_on DESC, id DESC",
    )
    .bind(org.map(|o| o.to_string()).unwrap_or_default())
    .fetch_all(conn)
    .await?;
    rows.iter().map(session_from).collect()
}

/// Adds a candidate (refused when the trainee is already in the session).
pub async fn insert_candidate(
    conn: &mut AnyConnection,
    c: &Candidate,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO evaluation_candidates (id, session_id, trainee_id, eligibility, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(c.id.to_string())
    .bind(c.session_id.to_string())
    .bind(c.trainee_id.to_string())
    .bind(serde_json::to_string(&c.eligibility).map_err(|e| corrupt("evaluation_candidates", e))?)
    .bind(now.0)
    .bind(now.0)
    .execute(conn)
    .await
    .map_err(conflict_as("trainee_id"))?;
    Ok(())
}

/// Records scores and the result.
/// Marks a result as needing new scores before another certificate (its
/// certificate was revoked).
pub async fn require_rescore(
    conn: &mut AnyConnection,
    id: CandidateId,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "UPDATE evaluation_candidates SET rescore_required = 1, updated_at = $1 WHERE id = $2",
    )
    .bind(now.0)
    .bind(id.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a result's scores (and clears a required re-scoring).
pub async fn set_scores(
    conn: &mut AnyConnection,
    id: CandidateId,
    scores: &Scores,
    passed: bool,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "UPDATE evaluation_candidates SET theory_score = $1, practical_score = $2, review_score = $3, passed = $4, updated_at = $5, \
         rescore_required = 0 \
         WHERE id = $6",
    )
    .bind(scores.theory)
    .bind(scores.practical)
    .bind(scores.review)
    .bind(i64::from(passed))
    .bind(now.0)
    .bind(id.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

fn candidate_from(r: &AnyRow) -> Result<Candidate> {
    let eligibility: String = r.try_get("eligibility")?;
    let theory: Option<i64> = r.try_get("theory_score")?;
    let practical: Option<i64> = r.try_get("practical_score")?;
    let passed: Option<i64> = r.try_get("passed")?;
    Ok(Candidate {
        id: decode_id("evaluation_candidates", &r.try_get::<String, _>("id")?)?,
        session_id: decode_id(
            "evaluation_candidates",
            &r.try_get::<String, _>("session_id")?,
        )?,
        trainee_id: decode_id(
            "evaluation_candidates",
            &r.try_get::<String, _>("trainee_id")?,
        )?,
        eligibility: serde_json::from_str::<Eligibility>(&eligibility)
            .map_err(|e| corrupt("evaluation_candidates", e))?,
        scores: match (theory, practical) {
            (Some(theory), Some(practical)) => Some(Scores {
                theory,
                practical,
                review: r.try_get("review_score")?,
            }),
            _ => None,
        },
        passed: passed.map(|p| p != 0),
        rescore_required: r.try_get::<i64, _>("rescore_required")? != 0,
    })
}

/// One candidate.
pub async fn candidate(conn: &mut AnyConnection, id: CandidateId) -> Result<Option<Candidate>> {
    let row = sqlx::query(
        "SELECT id, session_id, trainee_id, eligibility, theory_score, practical_score, review_score, passed, rescore_required \
         FROM evaluation_candidates WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(candidate_from).transpose()
}

/// The candidates of a session, in the order they were added.
pub async fn candidates(
    conn: &mut AnyConnection,
    session: EvaluationSessionId,
) -> Result<Vec<Candidate>> {
    let rows = sqlx::query(
        "SELECT id, session_id, trainee_id, eligibility, theory_score, practical_score, review_score, passed, rescore_required \
         FROM evaluation_candidates WHERE session_id = $1 ORDER BY created_at, id",
    )
    .bind(session.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(candidate_from).collect()
}

/// A trainee's candidacies with their sessions, latest session first.
pub async fn candidacies_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<(Candidate, Session)>> {
    let rows = sqlx::query(
        "SELECT c.id, c.session_id, c.trainee_id, c.eligibility, c.theory_score, c.practical_score, c.review_score, c.passed, c.rescore_required, \
         s.org_id, s.occupation_code, s.level, s.held_on, s.venue, s.examiners \
         FROM evaluation_candidates c JOIN evaluation_sessions s ON s.id = c.session_id \
         WHERE c.trainee_id = $1 ORDER BY s.held_on DESC, c.id DESC",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let candidate = candidate_from(r)?;
            let examiners: String = r.try_get("examiners")?;
            let session = Session {
                id: candidate.session_id,
                org_id: decode_id("evaluation_sessions", &r.try_get::<String, _>("org_id")?)?,
                occupation_code: r.try_get("occupation_code")?,
                level: decode(
                    "evaluation_sessions",
                    &r.try_get::<String, _>("level")?,
                    Level::parse,
                )?,
                held_on: r.try_get("held_on")?,
                venue: r.try_get("venue")?,
                examiners: serde_json::from_str(&examiners)
                    .map_err(|e| corrupt("evaluation_sessions", e))?,
            };
            Ok((candidate, session))
        })
        .collect()
}
