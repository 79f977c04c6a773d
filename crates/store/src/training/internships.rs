//! Internships: the row and its queries, the files kept with one, and the
//! overrides of a rule check.

use crate::error::{Result, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{DemandId, InternshipFileId, InternshipId, OrgId, TraineeId};
use gongjiang_domain::training::{
    DocumentKind, Hazard, Internship, InternshipFields, InternshipKind, InternshipStatus, Override,
    PremiumPayer, RuleFailure, SpecialtyRelation,
};
use sqlx::{AnyConnection, Row, any::AnyRow};

// ------------------------------------------------------------ internships

/// The columns of an internship row (a literal, so queries stay static SQL).
macro_rules! internship_select {
    () => {
        "SELECT id, trainee_id, school_org_id, host_org_id, demand_id, kind, post_name, school_supervisor, \
     host_supervisor, start_on, end_on, daily_hours, weekly_hours, night_shift, overtime, holiday_work, pay_monthly, \
     reference_wage, fees_charged, intermediary, insurer, policy_no, cover_from, cover_to, premium_payer, hazards, \
     exception_filing_ref, specialty_relation, relation_exception, self_found, covers_typical_tasks, status, warnings, \
     termination_reason, created_by, created_at, updated_at FROM internships"
    };
}

fn flag(r: &AnyRow, column: &str) -> Result<bool> {
    Ok(r.try_get::<i64, _>(column)? != 0)
}

fn internship_from(r: &AnyRow) -> Result<Internship> {
    const T: &str = "internships";
    let hazards_text: String = r.try_get("hazards")?;
    let hazards = hazards_text
        .split(',')
        .filter(|h| !h.is_empty())
        .map(|h| decode(T, h, Hazard::parse))
        .collect::<Result<Vec<_>>>()?;
    let payer: String = r.try_get("premium_payer")?;
    let demand: Option<String> = r.try_get("demand_id")?;
    let warnings: String = r.try_get("warnings")?;
    Ok(Internship {
        id: decode_id(T, &r.try_get::<String, _>("id")?)?,
        school_org_id: decode_id(T, &r.try_get::<String, _>("school_org_id")?)?,
        fields: InternshipFields {
            trainee_id: decode_id(T, &r.try_get::<String, _>("trainee_id")?)?,
            kind: decode(T, &r.try_get::<String, _>("kind")?, InternshipKind::parse)?,
            host_org_id: decode_id(T, &r.try_get::<String, _>("host_org_id")?)?,
            demand_id: demand
                .filter(|d| !d.is_empty())
                .map(|d| decode_id::<DemandId>(T, &d))
                .transpose()?,
            post_name: r.try_get("post_name")?,
            school_supervisor: r.try_get("school_supervisor")?,
            host_supervisor: r.try_get("host_supervisor")?,
            start_on: r.try_get("start_on")?,
            end_on: r.try_get("end_on")?,
            daily_hours: r.try_get("daily_hours")?,
            weekly_hours: r.try_get("weekly_hours")?,
            night_shift: flag(r, "night_shift")?,
            overtime: flag(r, "overtime")?,
            holiday_work: flag(r, "holiday_work")?,
            pay_monthly: r.try_get("pay_monthly")?,
            reference_wage: r.try_get("reference_wage")?,
            fees_charged: r.try_get("fees_charged")?,
            intermediary: flag(r, "intermediary")?,
            insurer: r.try_get("insurer")?,
            policy_no: r.try_get("policy_no")?,
            cover_from: r.try_get("cover_from")?,
            cover_to: r.try_get("cover_to")?,
            premium_payer: if payer.is_empty() {
                None
            } else {
                Some(decode(T, &payer, PremiumPayer::parse)?)
            },
            hazards,
            exception_filing_ref: r.try_get("exception_filing_ref")?,
            specialty_relation: decode(
                T,
                &r.try_get::<String, _>("specialty_relation")?,
                SpecialtyRelation::parse,
            )?,
            relation_exception: r.try_get("relation_exception")?,
            self_found: flag(r, "self_found")?,
            covers_typical_tasks: flag(r, "covers_typical_tasks")?,
        },
        status: decode(
            T,
            &r.try_get::<String, _>("status")?,
            InternshipStatus::parse,
        )?,
        warnings: serde_json::from_str(&warnings).map_err(|e| crate::Error::Corrupt {
            table: T,
            detail: format!("warnings: {e}"),
        })?,
        termination_reason: r.try_get("termination_reason")?,
        created_by: r.try_get("created_by")?,
        created_at: Timestamp(r.try_get("created_at")?),
        updated_at: Timestamp(r.try_get("updated_at")?),
    })
}

/// Inserts or updates an internship (the trainee, school and creator are kept from the first save).
pub async fn save_internship(conn: &mut AnyConnection, i: &Internship) -> Result<()> {
    let f = &i.fields;
    let hazards: Vec<&str> = f.hazards.iter().map(|h| h.as_str()).collect();
    let warnings = serde_json::to_string(&i.warnings).unwrap_or_else(|_| "[]".into());
    sqlx::query(
        "INSERT INTO internships (id, trainee_id, school_org_id, host_org_id, demand_id, kind, post_name, school_supervisor, \
         host_supervisor, start_on, end_on, daily_hours, weekly_hours, night_shift, overtime, holiday_work, pay_monthly, \
         reference_wage, fees_charged, intermediary, insurer, policy_no, cover_from, cover_to, premium_payer, hazards, \
         exception_filing_ref, specialty_relation, relation_exception, self_found, covers_typical_tasks, status, warnings, \
         created_by, created_at, updated_at, termination_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, \
         $36, $37) \
         ON CONFLICT (id) DO UPDATE SET host_org_id = excluded.host_org_id, demand_id = excluded.demand_id, kind = excluded.kind, \
         post_name = excluded.post_name, school_supervisor = excluded.school_supervisor, host_supervisor = excluded.host_supervisor, \
         start_on = excluded.start_on, end_on = excluded.end_on, daily_hours = excluded.daily_hours, weekly_hours = excluded.weekly_hours, \
         night_shift = excluded.night_shift, overtime = excluded.overtime, holiday_work = excluded.holiday_work, \
         pay_monthly = excluded.pay_monthly, reference_wage = excluded.reference_wage, fees_charged = excluded.fees_charged, \
         intermediary = excluded.intermediary, insurer = excluded.insurer, policy_no = excluded.policy_no, \
         cover_from = excluded.cover_from, cover_to = excluded.cover_to, premium_payer = excluded.premium_payer, \
         hazards = excluded.hazards, exception_filing_ref = excluded.exception_filing_ref, \
         specialty_relation = excluded.specialty_relation, relation_exception = excluded.relation_exception, \
         self_found = excluded.self_found, covers_typical_tasks = excluded.covers_typical_tasks, status = excluded.status, \
         warnings = excluded.warnings, updated_at = excluded.updated_at, termination_reason = excluded.termination_reason",
    )
    .bind(i.id.to_string())
    .bind(f.trainee_id.to_string())
    .bind(i.school_org_id.to_string())
    .bind(f.host_org_id.to_string())
    .bind(f.demand_id.map(|d| d.to_string()))
    .bind(f.kind.as_str())
    .bind(&f.post_name)
    .bind(&f.school_supervisor)
    .bind(&f.host_supervisor)
    .bind(&f.start_on)
    .bind(&f.end_on)
    .bind(f.daily_hours)
    .bind(f.weekly_hours)
    .bind(i64::from(f.night_shift))
    .bind(i64::from(f.overtime))
    .bind(i64::from(f.holiday_work))
    .bind(f.pay_monthly)
    .bind(f.reference_wage)
    .bind(f.fees_charged)
    .bind(i64::from(f.intermediary))
    .bind(&f.insurer)
    .bind(&f.policy_no)
    .bind(&f.cover_from)
    .bind(&f.cover_to)
    .bind(f.premium_payer.map(|p| p.as_str()).unwrap_or(""))
    .bind(hazards.join(","))
    .bind(&f.exception_filing_ref)
    .bind(f.specialty_relation.as_str())
    .bind(&f.relation_exception)
    .bind(i64::from(f.self_found))
    .bind(i64::from(f.covers_typical_tasks))
    .bind(i.status.as_str())
    .bind(warnings)
    .bind(&i.created_by)
    .bind(i.created_at.0)
    .bind(i.updated_at.0)
    .bind(i.termination_reason.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

/// One internship.
pub async fn get_internship(
    conn: &mut AnyConnection,
    id: InternshipId,
) -> Result<Option<Internship>> {
    const SQL: &str = concat!(internship_select!(), " WHERE id = $1");
    let row = sqlx::query(SQL)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(internship_from).transpose()
}

/// Whose internships a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InternshipScope {
    /// Every internship (the secretariat).
    All,
    /// Those of a school's trainees, those at a host, or both (one unit's
    /// staff: `(school, host)` says which sides it stands on).
    Unit {
        /// The unit.
        org: OrgId,
        /// As the trainees' school.
        school: bool,
        /// As the host.
        host: bool,
    },
    /// One trainee's own.
    Trainee(TraineeId),
}

/// One page of the internships in `scope`, of one status if given, newest
/// start first, with the total: the page and the count each read through
/// the scope's index (`internships_by_school`, `internships_by_host`,
/// `internships_by_trainee`), never the whole table for a unit.
pub async fn internships_page(
    conn: &mut AnyConnection,
    scope: InternshipScope,
    status: Option<InternshipStatus>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Internship>, i64)> {
    let mut w = crate::filters::Where::new();
    match scope {
        InternshipScope::All => {}
        InternshipScope::Unit { org, school, host } => match (school, host) {
            (true, true) => w.and(
                "(school_org_id = ? OR host_org_id = ?)",
                [org.to_string(), org.to_string()],
            ),
            (true, false) => w.and("school_org_id = ?", [org.to_string()]),
            (false, true) => w.and("host_org_id = ?", [org.to_string()]),
            (false, false) => return Ok((Vec::new(), 0)),
        },
        InternshipScope::Trainee(t) => w.and("trainee_id = ?", [t.to_string()]),
    }
    w.and_some("status = ?", status.map(|s| s.as_str().to_string()));
    let mut count = sqlx::query_scalar::<_, i64>(w.sql("SELECT COUNT(*) FROM internships", ""));
    for b in w.binds() {
        count = count.bind(b.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    let mut q = sqlx::query(w.sql(
        internship_select!(),
        "ORDER BY start_on DESC, id LIMIT ? OFFSET ?",
    ));
    for b in w.binds() {
        q = q.bind(b.clone());
    }
    let rows = q.bind(limit).bind(offset).fetch_all(conn).await?;
    Ok((
        rows.iter()
            .map(internship_from)
            .collect::<Result<Vec<_>>>()?,
        total,
    ))
}

/// A trainee's internships, newest start first.
pub async fn internships_of_trainee(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<Internship>> {
    const SQL: &str = concat!(
        internship_select!(),
        " WHERE trainee_id = $1 ORDER BY start_on DESC, id"
    );
    let rows = sqlx::query(SQL)
        .bind(trainee.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(internship_from).collect()
}

/// Position interns of all schools in progress at a host during `[from, to]`, other than `except`.
pub async fn concurrent_at_host(
    conn: &mut AnyConnection,
    host: OrgId,
    from: &str,
    to: &str,
    except: InternshipId,
) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM internships WHERE host_org_id = $1 AND kind = 'position' AND status = 'in_progress' \
         AND start_on <= $3 AND end_on >= $2 AND id <> $4",
    )
    .bind(host.to_string())
    .bind(from)
    .bind(to)
    .bind(except.to_string())
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("n")?)
}

/// Position interns in progress on a post (the host's demand) during `[from, to]`, other than `except`.
pub async fn concurrent_on_post(
    conn: &mut AnyConnection,
    demand: DemandId,
    from: &str,
    to: &str,
    except: InternshipId,
) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM internships WHERE demand_id = $1 AND kind = 'position' AND status = 'in_progress' \
         AND start_on <= $3 AND end_on >= $2 AND id <> $4",
    )
    .bind(demand.to_string())
    .bind(from)
    .bind(to)
    .bind(except.to_string())
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("n")?)
}

/// The recorded in-service staff of one post (the rounds' `post_staffing`).
pub async fn post_staff(conn: &mut AnyConnection, demand: DemandId) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT staff_count FROM post_staffing WHERE demand_id = $1")
        .bind(demand.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(|r| r.try_get("staff_count"))
        .transpose()
        .map_err(Into::into)
}

/// The recorded in-service staff of one enterprise (the rounds' `enterprise_staffing`).
pub async fn host_staff(conn: &mut AnyConnection, host: OrgId) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT staff_count FROM enterprise_staffing WHERE org_id = $1")
        .bind(host.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(|r| r.try_get("staff_count"))
        .transpose()
        .map_err(Into::into)
}

// ------------------------------------------------------------ files

/// An internship document's description (without its bytes).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Document {
    /// Id.
    pub id: InternshipFileId,
    /// The internship.
    pub internship_id: InternshipId,
    /// What it is.
    pub kind: DocumentKind,
    /// Cleaned file name.
    pub file_name: String,
    /// Content type judged from the bytes.
    pub content_type: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Uploaded.
    pub uploaded_at: Timestamp,
}

/// Stores a document.
pub async fn insert_document(
    conn: &mut AnyConnection,
    d: &Document,
    data: &[u8],
    uploaded_by: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO internship_files (id, internship_id, kind, file_name, content_type, size, sha256, data, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(d.id.to_string())
    .bind(d.internship_id.to_string())
    .bind(d.kind.as_str())
    .bind(&d.file_name)
    .bind(&d.content_type)
    .bind(d.size)
    .bind(&d.sha256)
    .bind(data.to_vec())
    .bind(uploaded_by)
    .bind(d.uploaded_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn document_from(r: &AnyRow) -> Result<Document> {
    const T: &str = "internship_files";
    Ok(Document {
        id: decode_id(T, &r.try_get::<String, _>("id")?)?,
        internship_id: decode_id(T, &r.try_get::<String, _>("internship_id")?)?,
        kind: decode(T, &r.try_get::<String, _>("kind")?, DocumentKind::parse)?,
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        uploaded_at: Timestamp(r.try_get("uploaded_at")?),
    })
}

/// The documents of an internship.
pub async fn documents(
    conn: &mut AnyConnection,
    internship: InternshipId,
) -> Result<Vec<Document>> {
    let rows = sqlx::query(
        "SELECT id, internship_id, kind, file_name, content_type, size, sha256, uploaded_at FROM internship_files \
         WHERE internship_id = $1 ORDER BY uploaded_at, id",
    )
    .bind(internship.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(document_from).collect()
}

/// One document with its bytes.
pub async fn document(
    conn: &mut AnyConnection,
    id: InternshipFileId,
) -> Result<Option<(Document, Vec<u8>)>> {
    let row = sqlx::query(
        "SELECT id, internship_id, kind, file_name, content_type, size, sha256, uploaded_at, data FROM internship_files WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    match row {
        Some(r) => Ok(Some((document_from(&r)?, r.try_get::<Vec<u8>, _>("data")?))),
        None => Ok(None),
    }
}

// ------------------------------------------------------------ overrides

/// Records an override.
pub async fn insert_override(conn: &mut AnyConnection, o: &Override) -> Result<()> {
    sqlx::query(
        "INSERT INTO internship_overrides (id, internship_id, by_login, by_org, reason, failures, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(gongjiang_domain::ids::UuidType::now_v7().to_string())
    .bind(o.internship_id.to_string())
    .bind(&o.by_login)
    .bind(o.by_org.to_string())
    .bind(&o.reason)
    .bind(serde_json::to_string(&o.failures).unwrap_or_else(|_| "[]".into()))
    .bind(o.at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The overrides of an internship, oldest first.
pub async fn overrides(
    conn: &mut AnyConnection,
    internship: InternshipId,
) -> Result<Vec<Override>> {
    const T: &str = "internship_overrides";
    let rows = sqlx::query(
        "SELECT internship_id, by_login, by_org, reason, failures, at FROM internship_overrides WHERE internship_id = $1 ORDER BY at, id",
    )
    .bind(internship.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let failures: String = r.try_get("failures")?;
            Ok(Override {
                internship_id: decode_id(T, &r.try_get::<String, _>("internship_id")?)?,
                by_login: r.try_get("by_login")?,
                by_org: decode_id(T, &r.try_get::<String, _>("by_org")?)?,
                reason: r.try_get("reason")?,
                failures: serde_json::from_str::<Vec<RuleFailure>>(&failures).map_err(|e| {
                    crate::Error::Corrupt {
                        table: T,
                        detail: e.to_string(),
                    }
                })?,
                at: Timestamp(r.try_get("at")?),
            })
        })
        .collect()
}
