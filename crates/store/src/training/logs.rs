//! An internship's weekly log (entries and their kept revisions) and the
//! school supervisor's visits.

use crate::error::{Result, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{InternshipId, LogEntryId, OrgId};
use gongjiang_domain::training::{LogEntry, LogRevision, LogStatus, Visit};
use sqlx::{AnyConnection, Row, any::AnyRow};

// ------------------------------------------------------------ logs and visits

fn log_from(r: &AnyRow) -> Result<LogEntry> {
    const T: &str = "internship_logs";
    Ok(LogEntry {
        id: decode_id(T, &r.try_get::<String, _>("id")?)?,
        internship_id: decode_id(T, &r.try_get::<String, _>("internship_id")?)?,
        week_of: r.try_get("week_of")?,
        content: r.try_get("content")?,
        status: decode(T, &r.try_get::<String, _>("status")?, LogStatus::parse)?,
        comment: r.try_get("comment")?,
        written_by: r.try_get("written_by")?,
        written_at: Timestamp(r.try_get("written_at")?),
        reviewed_by: r.try_get("reviewed_by")?,
        reviewed_at: r.try_get::<Option<i64>, _>("reviewed_at")?.map(Timestamp),
    })
}

/// Inserts or updates a log entry (one per internship and week).
pub async fn save_log(conn: &mut AnyConnection, e: &LogEntry) -> Result<()> {
    sqlx::query(
        "INSERT INTO internship_logs (id, internship_id, week_of, content, status, comment, written_by, written_at, reviewed_by, reviewed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (id) DO UPDATE SET content = excluded.content, status = excluded.status, comment = excluded.comment, \
         written_by = excluded.written_by, written_at = excluded.written_at, reviewed_by = excluded.reviewed_by, \
         reviewed_at = excluded.reviewed_at",
    )
    .bind(e.id.to_string())
    .bind(e.internship_id.to_string())
    .bind(&e.week_of)
    .bind(&e.content)
    .bind(e.status.as_str())
    .bind(&e.comment)
    .bind(&e.written_by)
    .bind(e.written_at.0)
    .bind(&e.reviewed_by)
    .bind(e.reviewed_at.map(|t| t.0))
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps the entry's present text as its next revision, before it is revised.
pub async fn keep_log_revision(
    conn: &mut AnyConnection,
    e: &LogEntry,
    replaced_at: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO internship_log_revisions (log_id, revision, content, status, comment, written_by, written_at, replaced_at) \
         SELECT $1, COALESCE(MAX(revision), 0) + 1, $2, $3, $4, $5, $6, $7 FROM internship_log_revisions WHERE log_id = $1",
    )
    .bind(e.id.to_string())
    .bind(&e.content)
    .bind(e.status.as_str())
    .bind(&e.comment)
    .bind(&e.written_by)
    .bind(e.written_at.0)
    .bind(replaced_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The earlier texts of an internship's log entries, by entry and revision.
pub async fn log_revisions(
    conn: &mut AnyConnection,
    internship: InternshipId,
) -> Result<Vec<LogRevision>> {
    const T: &str = "internship_log_revisions";
    let rows = sqlx::query(
        "SELECT r.log_id, r.revision, r.content, r.status, r.comment, r.written_by, r.written_at, r.replaced_at \
         FROM internship_log_revisions r JOIN internship_logs l ON l.id = r.log_id \
         WHERE l.internship_id = $1 ORDER BY l.week_of, r.revision",
    )
    .bind(internship.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(LogRevision {
                log_id: decode_id(T, &r.try_get::<String, _>("log_id")?)?,
                revision: r.try_get("revision")?,
                content: r.try_get("content")?,
                status: decode(T, &r.try_get::<String, _>("status")?, LogStatus::parse)?,
                comment: r.try_get("comment")?,
                written_by: r.try_get("written_by")?,
                written_at: Timestamp(r.try_get("written_at")?),
                replaced_at: Timestamp(r.try_get("replaced_at")?),
            })
        })
        .collect()
}

/// One log entry.
pub async fn get_log(conn: &mut AnyConnection, id: LogEntryId) -> Result<Option<LogEntry>> {
    let row = sqlx::query(
        "SELECT id, internship_id, week_of, content, status, comment, written_by, written_at, reviewed_by, reviewed_at \
         FROM internship_logs WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(log_from).transpose()
}

/// The log of an internship, by week.
pub async fn logs(conn: &mut AnyConnection, internship: InternshipId) -> Result<Vec<LogEntry>> {
    let rows = sqlx::query(
        "SELECT id, internship_id, week_of, content, status, comment, written_by, written_at, reviewed_by, reviewed_at \
         FROM internship_logs WHERE internship_id = $1 ORDER BY week_of",
    )
    .bind(internship.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(log_from).collect()
}

/// Records a visit.
pub async fn insert_visit(conn: &mut AnyConnection, v: &Visit, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO internship_visits (id, internship_id, visited_on, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(v.id.to_string())
    .bind(v.internship_id.to_string())
    .bind(&v.visited_on)
    .bind(&v.note)
    .bind(&v.recorded_by)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The visits of an internship, by date.
pub async fn visits(conn: &mut AnyConnection, internship: InternshipId) -> Result<Vec<Visit>> {
    const T: &str = "internship_visits";
    let rows = sqlx::query(
        "SELECT id, internship_id, visited_on, note, recorded_by FROM internship_visits WHERE internship_id = $1 ORDER BY visited_on, id",
    )
    .bind(internship.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Visit {
                id: decode_id(T, &r.try_get::<String, _>("id")?)?,
                internship_id: decode_id(T, &r.try_get::<String, _>("internship_id")?)?,
                visited_on: r.try_get("visited_on")?,
                note: r.try_get("note")?,
                recorded_by: r.try_get("recorded_by")?,
            })
        })
        .collect()
}

/// What waits on a unit's people among internships in progress: log entries
/// submitted to it as host, entries queried at its trainees' school, and
/// how many interns it hosts and its trainees are at.
pub async fn work_counts(conn: &mut AnyConnection, org: OrgId) -> Result<WorkCounts> {
    const TO_CONFIRM: &str = "SELECT COUNT(*) AS n FROM internships i JOIN internship_logs l ON l.internship_id = i.id \
         WHERE i.host_org_id = $1 AND i.status = 'in_progress' AND l.status = 'submitted'";
    const ON_SITE: &str =
        "SELECT COUNT(*) AS n FROM internships WHERE host_org_id = $1 AND status = 'in_progress'";
    const QUERIED: &str = "SELECT COUNT(*) AS n FROM internships i JOIN internship_logs l ON l.internship_id = i.id \
         WHERE i.school_org_id = $1 AND i.status = 'in_progress' AND l.status = 'queried'";
    const OUT: &str =
        "SELECT COUNT(*) AS n FROM internships WHERE school_org_id = $1 AND status = 'in_progress'";
    let mut n = [0_i64; 4];
    for (slot, sql) in n.iter_mut().zip([TO_CONFIRM, ON_SITE, QUERIED, OUT]) {
        *slot = sqlx::query(sql)
            .bind(org.to_string())
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")?;
    }
    let [to_confirm, on_site, queried, out] = n;
    Ok(WorkCounts {
        to_confirm,
        on_site,
        queried,
        out,
    })
}

/// The counts of [`work_counts`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkCounts {
    /// Entries submitted to the unit as host, waiting for confirmation.
    pub to_confirm: i64,
    /// Interns the unit hosts now.
    pub on_site: i64,
    /// Entries of the unit's trainees queried by their hosts.
    pub queried: i64,
    /// The unit's trainees on an internship now.
    pub out: i64,
}
