//! Training: a major's work-study structure, trainees' learning records, and
//! internships with their files, overrides, weekly logs and visits.

use crate::error::{Result, decode, decode_id};
use gongjiang_domain::Timestamp;
use gongjiang_domain::ids::{
    CourseId, DemandId, InternshipFileId, InternshipId, LearningTaskId, LogEntryId, MajorId, OrgId,
    TraineeId, WorkTaskId,
};
use gongjiang_domain::training::{
    Course, DocumentKind, Hazard, Internship, InternshipFields, InternshipKind, InternshipStatus,
    LearningPlace, LearningRecord, LearningTask, LogEntry, LogRevision, LogStatus, Override,
    PremiumPayer, RuleFailure, SpecialtyRelation, StructureFields, Visit, WorkTask,
};
use sqlx::{AnyConnection, Row, any::AnyRow};

// ------------------------------------------------------------ structure

fn structure(r: &AnyRow, with_hours: bool) -> Result<StructureFields> {
    Ok(StructureFields {
        seq: r.try_get("seq")?,
        name: r.try_get("name")?,
        hours: if with_hours { r.try_get("hours")? } else { 0 },
        description: r.try_get("description")?,
    })
}

/// Inserts or updates a work task.
pub async fn save_work_task(conn: &mut AnyConnection, t: &WorkTask, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO work_tasks (id, org_id, major_id, seq, name, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name, description = excluded.description, \
         updated_at = excluded.updated_at",
    )
    .bind(t.id.to_string())
    .bind(t.org_id.to_string())
    .bind(t.major_id.to_string())
    .bind(t.fields.seq)
    .bind(&t.fields.name)
    .bind(&t.fields.description)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn work_task_from(r: &AnyRow) -> Result<WorkTask> {
    Ok(WorkTask {
        id: decode_id("work_tasks", &r.try_get::<String, _>("id")?)?,
        org_id: decode_id("work_tasks", &r.try_get::<String, _>("org_id")?)?,
        major_id: decode_id("work_tasks", &r.try_get::<String, _>("major_id")?)?,
        fields: structure(r, false)?,
    })
}

/// One work task.
pub async fn get_work_task(conn: &mut AnyConnection, id: WorkTaskId) -> Result<Option<WorkTask>> {
    let row = sqlx::query(
        "SELECT id, org_id, major_id, seq, name, description FROM work_tasks WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(work_task_from).transpose()
}

/// The work tasks of a major, in order.
pub async fn work_tasks(conn: &mut AnyConnection, major: MajorId) -> Result<Vec<WorkTask>> {
    let rows = sqlx::query(
        "SELECT id, org_id, major_id, seq, name, description FROM work_tasks WHERE major_id = $1 ORDER BY seq, id",
    )
    .bind(major.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(work_task_from).collect()
}

/// Inserts or updates a course.
pub async fn save_course(conn: &mut AnyConnection, c: &Course, now: Timestamp) -> Result<()> {
    sqlx::query(
        "INSERT INTO courses (id, work_task_id, seq, name, hours, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name, hours = excluded.hours, \
         description = excluded.description, updated_at = excluded.updated_at",
    )
    .bind(c.id.to_string())
    .bind(c.work_task_id.to_string())
    .bind(c.fields.seq)
    .bind(&c.fields.name)
    .bind(c.fields.hours)
    .bind(&c.fields.description)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn course_from(r: &AnyRow) -> Result<Course> {
    Ok(Course {
        id: decode_id("courses", &r.try_get::<String, _>("id")?)?,
        work_task_id: decode_id("courses", &r.try_get::<String, _>("work_task_id")?)?,
        fields: structure(r, true)?,
    })
}

/// One course.
pub async fn get_course(conn: &mut AnyConnection, id: CourseId) -> Result<Option<Course>> {
    let row = sqlx::query(
        "SELECT id, work_task_id, seq, name, hours, description FROM courses WHERE id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(course_from).transpose()
}

/// The courses of a major's work tasks.
pub async fn courses_of_major(conn: &mut AnyConnection, major: MajorId) -> Result<Vec<Course>> {
    let rows = sqlx::query(
        "SELECT c.id, c.work_task_id, c.seq, c.name, c.hours, c.description FROM courses c \
         JOIN work_tasks w ON w.id = c.work_task_id WHERE w.major_id = $1 ORDER BY c.seq, c.id",
    )
    .bind(major.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(course_from).collect()
}

/// Inserts or updates a learning task.
pub async fn save_learning_task(
    conn: &mut AnyConnection,
    t: &LearningTask,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO learning_tasks (id, course_id, seq, name, hours, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name, hours = excluded.hours, \
         description = excluded.description, updated_at = excluded.updated_at",
    )
    .bind(t.id.to_string())
    .bind(t.course_id.to_string())
    .bind(t.fields.seq)
    .bind(&t.fields.name)
    .bind(t.fields.hours)
    .bind(&t.fields.description)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

fn learning_task_from(r: &AnyRow) -> Result<LearningTask> {
    Ok(LearningTask {
        id: decode_id("learning_tasks", &r.try_get::<String, _>("id")?)?,
        course_id: decode_id("learning_tasks", &r.try_get::<String, _>("course_id")?)?,
        fields: structure(r, true)?,
    })
}

/// One learning task with the major it belongs to.
pub async fn get_learning_task(
    conn: &mut AnyConnection,
    id: LearningTaskId,
) -> Result<Option<(LearningTask, MajorId)>> {
    let row = sqlx::query(
        "SELECT t.id, t.course_id, t.seq, t.name, t.hours, t.description, w.major_id FROM learning_tasks t \
         JOIN courses c ON c.id = t.course_id JOIN work_tasks w ON w.id = c.work_task_id WHERE t.id = $1",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    match row {
        Some(r) => Ok(Some((
            learning_task_from(&r)?,
            decode_id("work_tasks", &r.try_get::<String, _>("major_id")?)?,
        ))),
        None => Ok(None),
    }
}

/// The learning tasks of a major's courses.
pub async fn learning_tasks_of_major(
    conn: &mut AnyConnection,
    major: MajorId,
) -> Result<Vec<LearningTask>> {
    let rows = sqlx::query(
        "SELECT t.id, t.course_id, t.seq, t.name, t.hours, t.description FROM learning_tasks t \
         JOIN courses c ON c.id = t.course_id JOIN work_tasks w ON w.id = c.work_task_id \
         WHERE w.major_id = $1 ORDER BY t.seq, t.id",
    )
    .bind(major.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(learning_task_from).collect()
}

// ------------------------------------------------------------ learning records

/// Stores a completed learning task.
pub async fn insert_learning_record(
    conn: &mut AnyConnection,
    r: &LearningRecord,
    now: Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO learning_records (id, trainee_id, learning_task_id, hours, place, assessor, completed_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(r.id.to_string())
    .bind(r.trainee_id.to_string())
    .bind(r.learning_task_id.to_string())
    .bind(r.hours)
    .bind(r.place.as_str())
    .bind(&r.assessor)
    .bind(&r.completed_on)
    .bind(&r.recorded_by)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// A trainee's learning records, newest first, with task and course names.
pub async fn learning_records(
    conn: &mut AnyConnection,
    trainee: TraineeId,
) -> Result<Vec<LearningRecord>> {
    let rows = sqlx::query(
        "SELECT r.id, r.trainee_id, r.learning_task_id, r.hours, r.place, r.assessor, r.completed_on, r.recorded_by, \
         t.name AS task_name, c.name AS course_name FROM learning_records r \
         JOIN learning_tasks t ON t.id = r.learning_task_id JOIN courses c ON c.id = t.course_id \
         WHERE r.trainee_id = $1 ORDER BY r.completed_on DESC, r.id DESC",
    )
    .bind(trainee.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(LearningRecord {
                id: decode_id("learning_records", &r.try_get::<String, _>("id")?)?,
                trainee_id: decode_id("learning_records", &r.try_get::<String, _>("trainee_id")?)?,
                learning_task_id: decode_id(
                    "learning_records",
                    &r.try_get::<String, _>("learning_task_id")?,
                )?,
                task_name: r.try_get("task_name")?,
                course_name: r.try_get("course_name")?,
                hours: r.try_get("hours")?,
                place: decode(
                    "learning_records",
                    &r.try_get::<String, _>("place")?,
                    LearningPlace::parse,
                )?,
                assessor: r.try_get("assessor")?,
                completed_on: r.try_get("completed_on")?,
                recorded_by: r.try_get("recorded_by")?,
            })
        })
        .collect()
}

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

/// Internships of a school's trainees or at a host (`school`/`host` empty for
/// no filter; both empty: all), newest start first.
pub async fn internships(
    conn: &mut AnyConnection,
    school: Option<OrgId>,
    host: Option<OrgId>,
) -> Result<Vec<Internship>> {
    const SQL: &str = concat!(
        internship_select!(),
        " WHERE ($1 = '' OR school_org_id = $1) AND ($2 = '' OR host_org_id = $2) \
     ORDER BY start_on DESC, id"
    );
    let rows = sqlx::query(SQL)
        .bind(school.map(|o| o.to_string()).unwrap_or_default())
        .bind(host.map(|o| o.to_string()).unwrap_or_default())
        .fetch_all(conn)
        .await?;
    rows.iter().map(internship_from).collect()
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
