//! Jobs: long work with its progress and its outcome.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{JobId, OrgId, UserId};
use sqlx::{AnyConnection, Row, any::AnyRow};

/// A job as stored.
#[derive(Debug, Clone)]
pub struct JobRow {
    /// Id.
    pub id: JobId,
    /// What kind of work (`import.trainees`, `round.solve`).
    pub kind: String,
    /// The organisation it was started for.
    pub org_id: Option<OrgId>,
    /// Who started it.
    pub user_id: UserId,
    /// `running`, `done`, `refused` or `failed`.
    pub status: String,
    /// The current stage (`validate`, `store`…).
    pub stage: String,
    /// Units of work done in the stage.
    pub done: i64,
    /// Units of work in the stage.
    pub total: i64,
    /// The outcome as JSON text.
    pub outcome: String,
    /// Whether the job left a file.
    pub has_artifact: bool,
    /// Started.
    pub created_at: Timestamp,
    /// Last heartbeat or change.
    pub updated_at: Timestamp,
    /// Ended.
    pub finished_at: Option<Timestamp>,
}

fn job_from(r: &AnyRow) -> Result<JobRow> {
    let org: Option<String> = r.try_get("org_id")?;
    Ok(JobRow {
        id: decode_id("jobs", &r.try_get::<String, _>("id")?)?,
        kind: r.try_get("kind")?,
        org_id: org.map(|o| decode_id("jobs", &o)).transpose()?,
        user_id: decode_id("jobs", &r.try_get::<String, _>("user_id")?)?,
        status: r.try_get("status")?,
        stage: r.try_get("stage")?,
        done: r.try_get("done")?,
        total: r.try_get("total")?,
        outcome: r.try_get("outcome")?,
        has_artifact: r.try_get::<i64, _>("has_artifact")? != 0,
        created_at: Timestamp(r.try_get("created_at")?),
        updated_at: Timestamp(r.try_get("updated_at")?),
        finished_at: r.try_get::<Option<i64>, _>("finished_at")?.map(Timestamp),
    })
}

/// Records a job that has just started.
pub async fn insert(
    conn: &mut AnyConnection,
    id: JobId,
    kind: &str,
    org: Option<OrgId>,
    user: UserId,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO jobs (id, kind, org_id, user_id, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'running', $5, $5)",
    )
    .bind(id.to_string())
    .bind(kind)
    .bind(org.map(|o| o.to_string()))
    .bind(user.to_string())
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Saves the progress of a running job (its heartbeat).
pub async fn progress(
    conn: &mut AnyConnection,
    id: JobId,
    stage: &str,
    done: i64,
    total: i64,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "UPDATE jobs SET stage = $2, done = $3, total = $4, updated_at = $5 \
         WHERE id = $1 AND status = 'running'",
    )
    .bind(id.to_string())
    .bind(stage)
    .bind(done)
    .bind(total)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records how a job ended, with the file it produced (sealed) if any.
pub async fn finish(
    conn: &mut AnyConnection,
    id: JobId,
    status: &str,
    outcome: &str,
    artifact: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "UPDATE jobs SET status = $2, outcome = $3, artifact = $4, updated_at = $5, finished_at = $5 \
         WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(status)
    .bind(outcome)
    .bind(artifact)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// One job.
pub async fn get(conn: &mut AnyConnection, id: JobId) -> Result<Option<JobRow>> {
    sqlx::query(
        "SELECT id, kind, org_id, user_id, status, stage, done, total, outcome, \
         CASE WHEN artifact IS NULL THEN 0 ELSE 1 END AS has_artifact, created_at, updated_at, finished_at \
         FROM jobs WHERE id = $1",
    )
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(job_from)
        .transpose()
}

/// The sealed file a job produced.
pub async fn artifact(conn: &mut AnyConnection, id: JobId) -> Result<Option<String>> {
    let row = sqlx::query("SELECT artifact FROM jobs WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) => r.try_get("artifact")?,
        None => None,
    })
}

/// Marks every job still `running` as failed (on SQLite at start-up: the
/// single instance that ran them has stopped). Returns how many.
pub async fn fail_running(conn: &mut AnyConnection, now: Timestamp) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE jobs SET status = 'failed', outcome = '{\"error\":\"interrupted\"}', \
         updated_at = $1, finished_at = $1 WHERE status = 'running'",
    )
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
