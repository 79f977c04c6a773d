//! Consent decisions (added, never changed) and the personal-information
//! access log: who read whose data, which fields, for what and why.

use crate::error::{Result, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{AccessId, ConsentId, OrgId, TraineeId, UserId};
use gongjiang_domain::privacy::{ConsentMethod, ConsentRecord, Decision, Purpose};
use sqlx::{AnyConnection, Row, any::AnyRow};
use std::collections::HashMap;

fn consent_from(r: &AnyRow) -> Result<ConsentRecord> {
    let recipient: String = r.try_get("recipient_org_id")?;
    let bad = |what: &str| crate::Error::Corrupt {
        table: "consents",
        detail: what.to_string(),
    };
    Ok(ConsentRecord {
        trainee_id: decode_id("consents", &r.try_get::<String, _>("trainee_id")?)?,
        purpose: Purpose::parse(&r.try_get::<String, _>("purpose")?).map_err(|_| bad("purpose"))?,
        recipient_org_id: if recipient.is_empty() {
            None
        } else {
            Some(decode_id("consents", &recipient)?)
        },
        decision: Decision::parse(&r.try_get::<String, _>("decision")?)
            .map_err(|_| bad("decision"))?,
        method: ConsentMethod::parse(&r.try_get::<String, _>("method")?)
            .map_err(|_| bad("method"))?,
        notice_version: r.try_get("notice_version")?,
        guardian_name: r.try_get("guardian_name")?,
        recorded_by: r.try_get("recorded_by")?,
        at: Timestamp(r.try_get("at")?),
    })
}

/// Adds a consent decision.
pub async fn add_consent(conn: &mut AnyConnection, c: &ConsentRecord) -> Result<ConsentId> {
    let id = ConsentId::new();
    sqlx::query(
        "INSERT INTO consents (id, trainee_id, purpose, recipient_org_id, decision, method, notice_version, guardian_name, recorded_by, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id.to_string())
    .bind(c.trainee_id.to_string())
    .bind(c.purpose.as_str())
    .bind(c.recipient_org_id.map(|o| o.to_string()).unwrap_or_default())
    .bind(c.decision.as_str())
    .bind(c.method.as_str())
    .bind(&c.notice_version)
    .bind(&c.guardian_name)
    .bind(&c.recorded_by)
    .bind(c.at.0)
    .execute(conn)
    .await?;
    Ok(id)
}

/// A stored decision with its id and whether a scan backs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConsent {
    /// Its id.
    pub id: ConsentId,
    /// The decision.
    pub record: ConsentRecord,
    /// A scanned paper is kept with it.
    pub has_file: bool,
}

/// Every consent decision of a trainee with its id, oldest first.
pub async fn stored_consents_of(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<StoredConsent>> {
    let rows = sqlx::query(
        "SELECT id, trainee_id, purpose, recipient_org_id, decision, method, notice_version, guardian_name, recorded_by, at, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM consent_files f WHERE f.consent_id = consents.id) THEN 1 ELSE 0 END AS BIGINT) AS has_file \
         FROM consents WHERE trainee_id = $1 ORDER BY at, id",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StoredConsent {
                id: decode_id("consents", &r.try_get::<String, _>("id")?)?,
                record: consent_from(r)?,
                has_file: r.try_get::<i64, _>("has_file")? == 1,
            })
        })
        .collect()
}

/// Every consent decision of a trainee, oldest first.
pub async fn consents_of(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<ConsentRecord>> {
    let rows = sqlx::query(
        "SELECT trainee_id, purpose, recipient_org_id, decision, method, notice_version, guardian_name, recorded_by, at \
         FROM consents WHERE trainee_id = $1 ORDER BY at, id",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(consent_from).collect()
}

/// The decisions for one purpose (and recipient) of a trainee, oldest first.
pub async fn consents_for(
    conn: &mut AnyConnection,
    trainee: TraineeId,
    purpose: Purpose,
    recipient: Option<OrgId>,
) -> Result<Vec<ConsentRecord>> {
    let rows = sqlx::query(
        "SELECT trainee_id, purpose, recipient_org_id, decision, method, notice_version, guardian_name, recorded_by, at \
         FROM consents WHERE trainee_id = $1 AND purpose = $2 AND recipient_org_id = $3 ORDER BY at, id",
    )
    .bind(trainee.to_string())
    .bind(purpose.as_str())
    .bind(recipient.map(|o| o.to_string()).unwrap_or_default())
    .fetch_all(conn)
    .await?;
    rows.iter().map(consent_from).collect()
}

/// The newest decision (and how it was made) for `purpose` towards
/// `recipient` (none for plain consent) of each of `trainees` that has one.
pub async fn newest_decisions(
    conn: &mut AnyConnection,
    purpose: Purpose,
    recipient: Option<OrgId>,
    trainees: &[TraineeId],
) -> Result<HashMap<TraineeId, (Decision, ConsentMethod)>> {
    let recipient = recipient.map(|o| o.to_string()).unwrap_or_default();
    let mut out = HashMap::new();
    if trainees.is_empty() {
        return Ok(out);
    }
    let sql = crate::filters::in_list(
        conn,
        "SELECT trainee_id, decision, method FROM consents WHERE recipient_org_id = $2 AND purpose = $3 AND trainee_id",
        "ORDER BY trainee_id, at, id",
    );
    let rows = sqlx::query(sql)
        .bind(crate::filters::json_list(trainees))
        .bind(recipient)
        .bind(purpose.as_str())
        .fetch_all(&mut *conn)
        .await?;
    // Oldest first per trainee: the last row read for each is in force.
    for r in rows {
        let bad = |what: &str| crate::Error::Corrupt {
            table: "consents",
            detail: what.to_string(),
        };
        let t: TraineeId = decode_id("consents", &r.try_get::<String, _>("trainee_id")?)?;
        let d =
            Decision::parse(&r.try_get::<String, _>("decision")?).map_err(|_| bad("decision"))?;
        let m =
            ConsentMethod::parse(&r.try_get::<String, _>("method")?).map_err(|_| bad("method"))?;
        out.insert(t, (d, m));
    }
    Ok(out)
}

/// One read of a person's personal information.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Access {
    /// Whose data.
    pub trainee_id: TraineeId,
    /// Who read it.
    pub user_id: UserId,
    /// For which unit.
    pub org_id: OrgId,
    /// `view`, `reveal` (full identifiers) or `export`.
    pub action: String,
    /// For what.
    pub purpose: Purpose,
    /// Which fields, comma-separated (`name,phone`).
    pub fields: String,
    /// Why, when a reason was asked for (reveals); else empty.
    pub reason: String,
    /// When.
    pub at: Timestamp,
}

/// Records one read.
pub async fn record_access(conn: &mut AnyConnection, a: &Access) -> Result<()> {
    sqlx::query(
        "INSERT INTO pi_access (id, trainee_id, user_id, org_id, action, purpose, fields, reason, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(AccessId::new().to_string())
    .bind(a.trainee_id.to_string())
    .bind(a.user_id.to_string())
    .bind(a.org_id.to_string())
    .bind(&a.action)
    .bind(a.purpose.as_str())
    .bind(&a.fields)
    .bind(&a.reason)
    .bind(a.at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// A read as the person sees it: who (name and unit) rather than ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLine {
    /// The read.
    pub access: Access,
    /// The reader's display name.
    pub user_name: String,
    /// The reader's unit.
    pub org_name: String,
}

fn access_from(r: &AnyRow) -> Result<Access> {
    Ok(Access {
        trainee_id: decode_id("pi_access", &r.try_get::<String, _>("trainee_id")?)?,
        user_id: decode_id("pi_access", &r.try_get::<String, _>("user_id")?)?,
        org_id: decode_id("pi_access", &r.try_get::<String, _>("org_id")?)?,
        action: r.try_get("action")?,
        purpose: Purpose::parse(&r.try_get::<String, _>("purpose")?).map_err(|_| {
            crate::Error::Corrupt {
                table: "pi_access",
                detail: "purpose".into(),
            }
        })?,
        fields: r.try_get("fields")?,
        reason: r.try_get("reason")?,
        at: Timestamp(r.try_get("at")?),
    })
}

/// A trainee's access log, newest first, a page at a time, with its total.
pub async fn access_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
    offset: i64,
    limit: i64,
) -> Result<(Vec<AccessLine>, i64)> {
    let rows = sqlx::query(
        "SELECT a.trainee_id, a.user_id, a.org_id, a.action, a.purpose, a.fields, a.reason, a.at, \
         u.display_name, o.name AS org_name FROM pi_access a JOIN users u ON u.id = a.user_id \
         LEFT JOIN organizations o ON o.id = a.org_id WHERE a.trainee_id = $1 \
         ORDER BY a.at DESC, a.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(trainee.to_string())
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pi_access WHERE trainee_id = $1")
        .bind(trainee.to_string())
        .fetch_one(conn)
        .await?;
    let lines = rows
        .iter()
        .map(|r| {
            Ok(AccessLine {
                access: access_from(r)?,
                user_name: r.try_get("display_name")?,
                org_name: r
                    .try_get::<Option<String>, _>("org_name")?
                    .unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((lines, total))
}

/// Every read of a trainee's data, oldest first (for their export).
pub async fn all_access_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<Access>> {
    let rows = sqlx::query(
        "SELECT trainee_id, user_id, org_id, action, purpose, fields, reason, at FROM pi_access \
         WHERE trainee_id = $1 ORDER BY at, id",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(access_from).collect()
}

/// How many reads of a trainee's data were recorded with this action.
pub async fn access_count(
    conn: &mut AnyConnection,
    trainee: TraineeId,
    action: &str,
) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM pi_access WHERE trainee_id = $1 AND action = $2")
            .bind(trainee.to_string())
            .bind(action)
            .fetch_one(conn)
            .await?,
    )
}

/// The enterprises a trainee may share their identity with: those whose
/// places they applied to or were placed on, that host their internship or
/// employ them, and any they decided about before; by name.
pub async fn sharing_candidates(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<(OrgId, String)>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name FROM organizations o WHERE o.kind = 'enterprise' AND o.id IN ( \
         SELECT d.org_id FROM round_preferences p JOIN demands d ON d.id = p.demand_id WHERE p.trainee_id = $1 \
         UNION SELECT d.org_id FROM placements p JOIN demands d ON d.id = p.demand_id WHERE p.trainee_id = $1 \
         UNION SELECT host_org_id FROM internships WHERE trainee_id = $1 \
         UNION SELECT employer_org_id FROM employment_records WHERE trainee_id = $1 \
         UNION SELECT recipient_org_id FROM consents WHERE trainee_id = $1 AND purpose = 'sharing') \
         ORDER BY o.name, o.id",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                decode_id("organizations", &r.try_get::<String, _>("id")?)?,
                r.try_get("name")?,
            ))
        })
        .collect()
}

/// How many times `user` revealed full identifiers since `since`.
pub async fn reveals_by_user_since(
    conn: &mut AnyConnection,
    user: UserId,
    since: Timestamp,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM pi_access WHERE user_id = $1 AND at >= $2 AND action = 'reveal'",
    )
    .bind(user.to_string())
    .bind(since.0)
    .fetch_one(conn)
    .await?)
}

/// A scanned paper behind a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentFile {
    /// The decision.
    pub consent_id: ConsentId,
    /// Name to download it under.
    pub file_name: String,
    /// Media type, judged from its bytes.
    pub content_type: String,
    /// SHA-256, hex.
    pub sha256: String,
    /// Who uploaded it (login).
    pub uploaded_by: String,
    /// When.
    pub uploaded_at: Timestamp,
}

/// Keeps the scan behind a decision.
pub async fn insert_consent_file(
    conn: &mut AnyConnection,
    f: &ConsentFile,
    data: &[u8],
) -> Result<()> {
    sqlx::query(
        "INSERT INTO consent_files (consent_id, file_name, content_type, size, sha256, data, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(f.consent_id.to_string())
    .bind(&f.file_name)
    .bind(&f.content_type)
    .bind(i64::try_from(data.len()).unwrap_or(i64::MAX))
    .bind(&f.sha256)
    .bind(data.to_vec())
    .bind(&f.uploaded_by)
    .bind(f.uploaded_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The scan behind a decision, with its bytes, and whose decision it is.
pub async fn consent_file(
    conn: &mut AnyConnection,
    consent: ConsentId,
) -> Result<Option<(TraineeId, ConsentFile, Vec<u8>)>> {
    let row = sqlx::query(
        "SELECT c.trainee_id, f.consent_id, f.file_name, f.content_type, f.sha256, f.data, f.uploaded_by, f.uploaded_at \
         FROM consent_files f JOIN consents c ON c.id = f.consent_id WHERE f.consent_id = $1",
    )
    .bind(consent.to_string())
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    Ok(Some((
        decode_id("consents", &r.try_get::<String, _>("trainee_id")?)?,
        ConsentFile {
            consent_id: decode_id("consent_files", &r.try_get::<String, _>("consent_id")?)?,
            file_name: r.try_get("file_name")?,
            content_type: r.try_get("content_type")?,
            sha256: r.try_get("sha256")?,
            uploaded_by: r.try_get("uploaded_by")?,
            uploaded_at: Timestamp(r.try_get("uploaded_at")?),
        },
        r.try_get("data")?,
    )))
}

/// What `user` decided about notice `version` (`accepted`, `refused`), if anything.
pub async fn notice_decision(
    conn: &mut AnyConnection,
    user: UserId,
    version: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT decision FROM notice_decisions WHERE user_id = $1 AND notice_version = $2",
    )
    .bind(user.to_string())
    .bind(version)
    .fetch_optional(conn)
    .await?)
}

/// The newest notice version `user` decided about, and what they decided.
pub async fn last_notice_decision(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Option<(String, String)>> {
    let row = sqlx::query(
        "SELECT notice_version, decision FROM notice_decisions WHERE user_id = $1 ORDER BY at DESC LIMIT 1",
    )
    .bind(user.to_string())
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some(r) => Some((r.try_get("notice_version")?, r.try_get("decision")?)),
        None => None,
    })
}

/// Records `user`'s decision about notice `version`; a second decision
/// about the same version changes nothing (the answer says whether this
/// one was recorded).
pub async fn record_notice_decision(
    conn: &mut AnyConnection,
    user: UserId,
    version: &str,
    decision: &str,
    at: Timestamp,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO notice_decisions (user_id, notice_version, decision, at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, notice_version) DO NOTHING",
    )
    .bind(user.to_string())
    .bind(version)
    .bind(decision)
    .bind(at.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One person whose data a user read in a window, for a breach notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affected {
    /// Whose data.
    pub trainee_id: TraineeId,
    /// Their masked name.
    pub name_masked: String,
    /// Their school.
    pub school: String,
    /// How many reads.
    pub reads: i64,
    /// The fields read, as logged, each once (`name,phone`).
    pub fields: String,
    /// First read in the window.
    pub first_at: Timestamp,
    /// Last read in the window.
    pub last_at: Timestamp,
}

/// Whose data `user` read in `[from, to)`, a page at a time by trainee,
/// with the total: through `pi_access_by_user` (user, time).
pub async fn read_by_user(
    conn: &mut AnyConnection,
    user: UserId,
    from: Timestamp,
    to: Timestamp,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Affected>, i64)> {
    let rows = sqlx::query(
        "SELECT x.trainee_id, x.reads, x.first_at, x.last_at, t.name_masked, o.name AS school FROM ( \
         SELECT trainee_id, COUNT(*) AS reads, MIN(at) AS first_at, MAX(at) AS last_at FROM pi_access \
         WHERE user_id = $1 AND at >= $2 AND at < $3 GROUP BY trainee_id) x \
         JOIN trainees t ON t.id = x.trainee_id LEFT JOIN organizations o ON o.id = t.org_id \
         ORDER BY x.trainee_id LIMIT $4 OFFSET $5",
    )
    .bind(user.to_string())
    .bind(from.0)
    .bind(to.0)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT trainee_id) FROM pi_access WHERE user_id = $1 AND at >= $2 AND at < $3",
    )
    .bind(user.to_string())
    .bind(from.0)
    .bind(to.0)
    .fetch_one(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let trainee_id: TraineeId = decode_id("pi_access", &r.try_get::<String, _>("trainee_id")?)?;
        let fields: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT fields FROM pi_access WHERE user_id = $1 AND trainee_id = $2 AND at >= $3 AND at < $4",
        )
        .bind(user.to_string())
        .bind(trainee_id.to_string())
        .bind(from.0)
        .bind(to.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut each: Vec<&str> = fields.iter().flat_map(|f| f.split(',')).collect();
        each.sort_unstable();
        each.dedup();
        out.push(Affected {
            trainee_id,
            name_masked: r.try_get("name_masked")?,
            school: r
                .try_get::<Option<String>, _>("school")?
                .unwrap_or_default(),
            reads: r.try_get("reads")?,
            fields: each.join(","),
            first_at: Timestamp(r.try_get("first_at")?),
            last_at: Timestamp(r.try_get("last_at")?),
        });
    }
    Ok((out, total))
}

/// A request to the unit that holds a person's data, as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct RightsRequest {
    /// Its id.
    pub id: gongjiang_domain::ids::RightsRequestId,
    /// Whose.
    pub trainee_id: TraineeId,
    /// The unit that answers (the trainee's school).
    pub org_id: OrgId,
    /// Correction, deletion or explanation.
    pub kind: gongjiang_domain::privacy::RequestKind,
    /// What is asked.
    pub detail: String,
    /// Open, done or refused.
    pub status: gongjiang_domain::privacy::RequestStatus,
    /// Answer due by (`YYYY-MM-DD`).
    pub due_on: String,
    /// When asked.
    pub submitted_at: Timestamp,
    /// Who answered (login).
    pub answered_by: String,
    /// What was done, or why it was refused.
    pub answer: String,
    /// When answered.
    pub answered_at: Option<Timestamp>,
}

fn request_from(r: &AnyRow) -> Result<RightsRequest> {
    use gongjiang_domain::privacy::{RequestKind, RequestStatus};
    let bad = |what: &str| crate::Error::Corrupt {
        table: "rights_requests",
        detail: what.to_string(),
    };
    Ok(RightsRequest {
        id: decode_id("rights_requests", &r.try_get::<String, _>("id")?)?,
        trainee_id: decode_id("rights_requests", &r.try_get::<String, _>("trainee_id")?)?,
        org_id: decode_id("rights_requests", &r.try_get::<String, _>("org_id")?)?,
        kind: RequestKind::parse(&r.try_get::<String, _>("kind")?).map_err(|_| bad("kind"))?,
        detail: r.try_get("detail")?,
        status: RequestStatus::parse(&r.try_get::<String, _>("status")?)
            .map_err(|_| bad("status"))?,
        due_on: r.try_get("due_on")?,
        submitted_at: Timestamp(r.try_get("submitted_at")?),
        answered_by: r.try_get("answered_by")?,
        answer: r.try_get("answer")?,
        answered_at: r.try_get::<Option<i64>, _>("answered_at")?.map(Timestamp),
    })
}

macro_rules! request_select {
    () => {
        "SELECT id, trainee_id, org_id, kind, detail, status, due_on, submitted_at, answered_by, answer, answered_at FROM rights_requests"
    };
}

/// Stores a new request.
pub async fn insert_request(conn: &mut AnyConnection, q: &RightsRequest) -> Result<()> {
    sqlx::query(
        "INSERT INTO rights_requests (id, trainee_id, org_id, kind, detail, status, due_on, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(q.id.to_string())
    .bind(q.trainee_id.to_string())
    .bind(q.org_id.to_string())
    .bind(q.kind.as_str())
    .bind(&q.detail)
    .bind(q.status.as_str())
    .bind(&q.due_on)
    .bind(q.submitted_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// A request by id.
pub async fn get_request(
    conn: &mut AnyConnection,
    id: gongjiang_domain::ids::RightsRequestId,
) -> Result<Option<RightsRequest>> {
    let row = sqlx::query(concat!(request_select!(), " WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(request_from).transpose()
}

/// A trainee's requests, newest first.
pub async fn requests_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<RightsRequest>> {
    let rows = sqlx::query(concat!(
        request_select!(),
        " WHERE trainee_id = $1 ORDER BY submitted_at DESC, id DESC"
    ))
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(request_from).collect()
}

/// A unit's requests in one status, soonest due first, a page at a time,
/// with their total: through `rights_requests_by_org`.
pub async fn requests_of_org(
    conn: &mut AnyConnection,
    org: OrgId,
    status: gongjiang_domain::privacy::RequestStatus,
    offset: i64,
    limit: i64,
) -> Result<(Vec<RightsRequest>, i64)> {
    let rows = sqlx::query(concat!(
        request_select!(),
        " WHERE org_id = $1 AND status = $2 ORDER BY due_on, id LIMIT $3 OFFSET $4"
    ))
    .bind(org.to_string())
    .bind(status.as_str())
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM rights_requests WHERE org_id = $1 AND status = $2",
    )
    .bind(org.to_string())
    .bind(status.as_str())
    .fetch_one(conn)
    .await?;
    Ok((rows.iter().map(request_from).collect::<Result<_>>()?, total))
}

/// Answers an open request; false when it was answered already.
pub async fn answer_request(
    conn: &mut AnyConnection,
    id: gongjiang_domain::ids::RightsRequestId,
    status: gongjiang_domain::privacy::RequestStatus,
    by: &str,
    answer: &str,
    at: Timestamp,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE rights_requests SET status = $2, answered_by = $3, answer = $4, answered_at = $5 \
         WHERE id = $1 AND status = 'open'",
    )
    .bind(id.to_string())
    .bind(status.as_str())
    .bind(by)
    .bind(answer)
    .bind(at.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
