//! Education supply: a school keeps its majors, cohorts and trainees.
//!
//! Trainees' ID and phone numbers are sealed by the vault before they reach
//! the store; everyone sees them masked. Staff of the trainee's own school may
//! reveal them with a reason; each reveal is logged and audited.

use crate::App;
use crate::actor::Actor;
use crate::audit::record;
use crate::error::{Error, Result};
use crate::policy::Permission;
use gongjiang_domain::ids::{CohortId, MajorId, OrgId, TraineeId};
use gongjiang_domain::members::{OrgKind, text_field};
use gongjiang_domain::supply::{
    Cohort, CohortInput, Major, MajorInput, Trainee, TraineeFields, TraineeInput,
};
use gongjiang_domain::{FieldErrors, Problem};
use gongjiang_store::Connection;
use gongjiang_store::supply as store;
pub use gongjiang_store::supply::{PoolEntry, TraineeFilter};
use serde_json::json;

mod queue;
pub use queue::{SupplyQueue, work_queue};

async fn require_school(conn: &mut Connection, org: OrgId) -> Result<()> {
    let o = gongjiang_store::members::get_org(conn, org)
        .await?
        .ok_or(Error::NotFound("organization"))?;
    if !o.kind.is_school() {
        return Err(Error::WrongState(
            "only schools keep majors, cohorts and trainees".into(),
        ));
    }
    Ok(())
}

/// Saves a major of the actor's school (new when `id` is None).
pub async fn save_major(
    app: &App,
    actor: &Actor,
    id: Option<MajorId>,
    input: &MajorInput,
) -> Result<Major> {
    let me = actor
        .require(Permission::ManageSupply(actor.user()?.org_id))?
        .clone();
    let fields = input.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    require_school(&mut tx, me.org_id).await?;
    let existing = match id {
        Some(id) => {
            let m = store::get_major(&mut tx, id)
                .await?
                .filter(|m| m.org_id == me.org_id)
                .ok_or(Error::NotFound("major"))?;
            Some(m)
        }
        None => None,
    };
    let occupations = gongjiang_store::demand::occupations(&mut tx).await?;
    if fields
        .occupations
        .iter()
        .any(|c| !occupations.iter().any(|o| &o.code == c))
    {
        return Err(Error::field("occupations", Problem::InvalidChoice));
    }
    let major = Major {
        id: existing.as_ref().map(|m| m.id).unwrap_or_default(),
        org_id: me.org_id,
        code: fields.code,
        name: fields.name,
        level: fields.level,
        length_years: fields.length_years,
        annual_intake: fields.annual_intake,
        occupations: fields.occupations,
        created_at: existing.as_ref().map(|m| m.created_at).unwrap_or(now),
    };
    store::save_major(&mut tx, &major, now).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "major.update"
        } else {
            "major.create"
        },
        "major",
        &major.id.to_string(),
        Some(me.org_id.to_string()),
        existing.map(|m| json!(m)).unwrap_or(json!(null)),
        json!(major),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(major)
}

/// A school's majors (public information).
pub async fn majors(app: &App, org: Option<OrgId>) -> Result<Vec<Major>> {
    let mut conn = app.db.read().await?;
    Ok(store::majors(&mut conn, org).await?)
}

/// Saves a cohort of the actor's school.
pub async fn save_cohort(
    app: &App,
    actor: &Actor,
    id: Option<CohortId>,
    input: &CohortInput,
) -> Result<Cohort> {
    let me = actor
        .require(Permission::ManageSupply(actor.user()?.org_id))?
        .clone();
    let fields = input.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    require_school(&mut tx, me.org_id).await?;
    let existing = match id {
        Some(id) => Some(
            store::get_cohort(&mut tx, id)
                .await?
                .filter(|c| c.org_id == me.org_id)
                .ok_or(Error::NotFound("cohort"))?,
        ),
        None => None,
    };
    let mut errors = FieldErrors::new();
    if store::get_major(&mut tx, fields.major_id)
        .await?
        .filter(|m| m.org_id == me.org_id)
        .is_none()
    {
        errors.push("major_id", Problem::InvalidChoice);
    }
    if let Some(sponsor) = fields.sponsor_org_id {
        let ok = gongjiang_store::members::get_org(&mut tx, sponsor)
            .await?
            .is_some_and(|o| o.kind == OrgKind::Enterprise);
        if !ok {
            errors.push("sponsor_org_id", Problem::InvalidChoice);
        }
    }
    errors.into_result()?;
    let cohort = Cohort {
        id: existing.as_ref().map(|c| c.id).unwrap_or_default(),
        org_id: me.org_id,
        major_id: fields.major_id,
        name: fields.name,
        entry_year: fields.entry_year,
        graduation_year: fields.graduation_year,
        size: fields.size,
        sponsor_org_id: fields.sponsor_org_id,
    };
    store::save_cohort(&mut tx, &cohort, now).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "cohort.update"
        } else {
            "cohort.create"
        },
        "cohort",
        &cohort.id.to_string(),
        Some(me.org_id.to_string()),
        existing.map(|c| json!(c)).unwrap_or(json!(null)),
        json!(cohort),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(cohort)
}

/// A school's cohorts (public information).
pub async fn cohorts(app: &App, org: Option<OrgId>) -> Result<Vec<Cohort>> {
    let mut conn = app.db.read().await?;
    Ok(store::cohorts(&mut conn, org).await?)
}

/// A trainee as a viewer may see them.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct TraineeView {
    /// Id.
    pub id: TraineeId,
    /// School.
    pub org_id: OrgId,
    /// Cohort.
    pub cohort_id: Option<CohortId>,
    /// Name: in full for the trainee's own school, masked for others.
    pub name: String,
    /// ID number: masked unless revealed.
    pub id_number: String,
    /// Phone: masked unless revealed.
    pub phone: String,
    /// Birth date.
    pub birth_date: String,
    /// Age today.
    pub age: u32,
    /// `male` or `female`.
    pub gender: String,
    /// Student number.
    pub student_no: String,
    /// Status.
    pub status: gongjiang_domain::supply::TraineeStatus,
    /// Purpose the data is processed for.
    pub consent_purpose: String,
    /// Who recorded the consent, and when (RFC 3339).
    pub consent: String,
    /// Under 14 and no parent's or guardian's consent recorded yet
    /// (待监护人同意): no enterprise sees them and no round places them.
    pub guardian_pending: bool,
}

fn age_from(birth: &str, today: time::Date) -> u32 {
    gongjiang_domain::supply::parse_date(birth)
        .map(|b| {
            let mut years = today.year() - b.year();
            if (u8::from(today.month()), today.day()) < (u8::from(b.month()), b.day()) {
                years -= 1;
            }
            u32::try_from(years.max(0)).unwrap_or(0)
        })
        .unwrap_or(0)
}

/// The name a person is shown under: in full to staff of their own school
/// and to themselves; masked (`汪*`) for everyone else, who see a
/// disambiguator (school, major, applicant number) beside it.
pub fn shown_name(actor: &Actor, t: &Trainee, is_self: bool) -> String {
    let own_staff = actor.user().is_ok_and(|me| {
        me.org_id == t.org_id && me.role != gongjiang_domain::accounts::Role::Trainee
    });
    if is_self || own_staff {
        t.name.clone()
    } else {
        t.name_masked.clone()
    }
}

fn view(t: &Trainee, own_school: bool, today: time::Date) -> TraineeView {
    TraineeView {
        id: t.id,
        org_id: t.org_id,
        cohort_id: t.cohort_id,
        name: if own_school {
            t.name.clone()
        } else {
            t.name_masked.clone()
        },
        id_number: t.id_masked.clone(),
        phone: t.phone_masked.clone(),
        birth_date: t.birth_date.clone(),
        age: age_from(&t.birth_date, today),
        gender: t.gender.clone(),
        student_no: t.student_no.clone(),
        status: t.status,
        consent_purpose: t.consent_purpose.clone(),
        consent: format!("{} @ {}", t.consent_by, t.consent_at.rfc3339_cst()),
        guardian_pending: false,
    }
}

pub(crate) fn aad(field: &str, id: TraineeId) -> String {
    format!("trainees.{field}:{id}")
}

/// The keys the trainee lists and pickers search: the name's characters,
/// full pinyin and initials under every reading (`张伟明`: `zhangweiming`,
/// `zwm`), and the student number, lower case.
pub fn trainee_search_keys(name: &str, student_no: &str) -> String {
    let mut keys = gongjiang_search::search_keys(name);
    let number = gongjiang_search::normalize_query(student_no);
    if !number.is_empty() {
        keys.push(' ');
        keys.push_str(&number);
    }
    keys
}

/// Builds the stored trainee from validated fields (sealing the identifiers),
/// with the blind index of its ID number and its search keys
/// ([`trainee_search_keys`]): what `store::supply::save_trainee` writes.
pub fn seal_trainee(
    app: &App,
    id: TraineeId,
    org: OrgId,
    fields: &TraineeFields,
    consent_by: &str,
    now: gongjiang_domain::Timestamp,
    created_at: gongjiang_domain::Timestamp,
) -> (Trainee, String, String) {
    let id_number = fields.id_number.as_str();
    let trainee = Trainee {
        id,
        org_id: org,
        cohort_id: fields.cohort_id,
        name: fields.name.as_str().to_string(),
        name_masked: fields.name.masked(),
        id_sealed: app.vault.seal(id_number, &aad("id_number", id)),
        id_masked: fields.id_number.masked(),
        birth_date: gongjiang_domain::demand::iso(fields.id_number.birth_date()),
        gender: if fields.id_number.is_male() {
            "male".into()
        } else {
            "female".into()
        },
        phone_sealed: fields
            .phone
            .as_ref()
            .map(|p| app.vault.seal(p.as_str(), &aad("phone", id))),
        phone_masked: fields
            .phone
            .as_ref()
            .map(|p| p.masked())
            .unwrap_or_default(),
        student_no: fields.student_no.clone(),
        status: fields.status,
        consent_purpose: fields.consent_purpose.clone(),
        consent_by: consent_by.to_string(),
        consent_at: now,
        created_at,
    };
    let keys = trainee_search_keys(&trainee.name, &trainee.student_no);
    (trainee, app.vault.index("id_number", id_number), keys)
}

/// Rows written per transaction when filling missing search keys.
const FILL_BATCH: i64 = 500;

/// Fills the search keys of trainees written before they were kept
/// (migration 0012); run when the server starts, and a no-op once every
/// row has them. Returns how many were filled.
pub async fn fill_search_keys(app: &App) -> Result<u64> {
    let mut filled = 0;
    loop {
        let mut tx = app.db.write().await?;
        let missing = store::trainees_without_search_keys(&mut tx, FILL_BATCH).await?;
        if missing.is_empty() {
            return Ok(filled);
        }
        for (id, name, student_no) in &missing {
            let keys = trainee_search_keys(name, student_no);
            store::set_trainee_search_keys(&mut tx, *id, &keys).await?;
            filled += 1;
        }
        tx.commit().await.map_err(gongjiang_store::Error::from)?;
    }
}

fn audit_view(t: &Trainee) -> serde_json::Value {
    json!({"name": t.name_masked, "id_number": t.id_masked, "phone": t.phone_masked, "cohort_id": t.cohort_id,
        "student_no": t.student_no, "status": t.status.as_str(), "consent_purpose": t.consent_purpose})
}

/// Saves a trainee of the actor's school (new when `id` is None). An ID number
/// already on the platform is refused (`id_number` already taken).
pub async fn save_trainee(
    app: &App,
    actor: &Actor,
    id: Option<TraineeId>,
    input: &TraineeInput,
) -> Result<TraineeView> {
    let me = actor
        .require(Permission::ManageSupply(actor.user()?.org_id))?
        .clone();
    let now = app.now();
    let today = now.date_cst();
    let fields = input.validate(today)?;
    let mut tx = app.db.write().await?;
    require_school(&mut tx, me.org_id).await?;
    let existing = match id {
        Some(id) => Some(
            store::get_trainee(&mut tx, id)
                .await?
                .filter(|t| t.org_id == me.org_id)
                .ok_or(Error::NotFound("trainee"))?,
        ),
        None => None,
    };
    if let Some(cohort) = fields.cohort_id
        && store::get_cohort(&mut tx, cohort)
            .await?
            .filter(|c| c.org_id == me.org_id)
            .is_none()
    {
        return Err(Error::field("cohort_id", Problem::InvalidChoice));
    }
    let tid = existing.as_ref().map(|t| t.id).unwrap_or_default();
    let created = existing.as_ref().map(|t| t.created_at).unwrap_or(now);
    let (trainee, index, keys) =
        seal_trainee(app, tid, me.org_id, &fields, &me.login, now, created);
    store::save_trainee(&mut tx, &trainee, &index, &keys, now).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "trainee.update"
        } else {
            "trainee.create"
        },
        "trainee",
        &trainee.id.to_string(),
        Some(me.org_id.to_string()),
        existing.as_ref().map(audit_view).unwrap_or(json!(null)),
        audit_view(&trainee),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(view(&trainee, true, today))
}

/// Changes a trainee of the actor's school from the edit form: an empty ID
/// number or phone keeps the sealed one (the form never shows them in full),
/// everything else is validated and audited as in [`save_trainee`].
pub async fn edit_trainee(
    app: &App,
    actor: &Actor,
    id: TraineeId,
    input: &TraineeInput,
) -> Result<TraineeView> {
    let me = actor.require(Permission::ManageSupply(actor.user()?.org_id))?;
    let existing = {
        let mut conn = app.db.read().await?;
        store::get_trainee(&mut conn, id)
            .await?
            .filter(|t| t.org_id == me.org_id)
            .ok_or(Error::NotFound("trainee"))?
    };
    let open = |sealed: &str, field: &str| {
        app.vault
            .open(sealed, &aad(field, id))
            .map_err(|e| Error::Internal(e.to_string()))
    };
    let mut input = input.clone();
    if input.id_number.trim().is_empty() {
        input.id_number = open(&existing.id_sealed, "id_number")?;
    }
    if input.phone.trim().is_empty()
        && let Some(phone) = &existing.phone_sealed
    {
        input.phone = open(phone, "phone")?;
    }
    save_trainee(app, actor, Some(id), &input).await
}

/// A trainee, masked; another school's trainee is not found unless the actor may view that school.
pub async fn trainee(app: &App, actor: &Actor, id: TraineeId) -> Result<TraineeView> {
    let user = actor.user()?;
    let mut conn = app.db.read().await?;
    let t = store::get_trainee(&mut conn, id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    if !actor.may(Permission::ViewTrainees(t.org_id)) {
        return Err(Error::NotFound("trainee"));
    }
    let today = app.now().date_cst();
    let pending = crate::privacy::guardian_pending(&mut conn, &[&t], today).await?;
    let mut v = view(&t, user.org_id == t.org_id, today);
    v.guardian_pending = pending.contains(&t.id);
    Ok(v)
}

/// The trainee record of the signed-in trainee (their own record, data and
/// consents); a trainee account not yet linked to a record is told so.
pub(crate) async fn own_trainee(
    conn: &mut gongjiang_store::Connection,
    actor: &Actor,
) -> Result<Trainee> {
    let me = actor.require(Permission::ViewOwnRecord)?;
    let id = gongjiang_store::rounds::trainee_of_user(conn, me.user_id)
        .await?
        .ok_or(Error::WrongState("round.no_trainee_record".into()))?;
    store::get_trainee(conn, id)
        .await?
        .ok_or(Error::NotFound("trainee"))
}

/// A trainee opened by staff (their detail or edit page): as [`trainee`],
/// and recorded in the trainee's access log (who read their data, F7).
pub async fn open_trainee(app: &App, actor: &Actor, id: TraineeId) -> Result<TraineeView> {
    let v = trainee(app, actor, id).await?;
    let mut tx = app.db.write().await?;
    crate::privacy::log_access(
        &mut tx,
        actor,
        id,
        "view",
        gongjiang_domain::privacy::Purpose::Enrolment,
        "name,id_number_masked,phone_masked,birth_gender,student_record",
        app.now(),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(v)
}

/// Largest page.
pub const MAX_PAGE: i64 = 200;

/// Trainees of a school (the actor's own by default), masked.
pub async fn trainees(
    app: &App,
    actor: &Actor,
    mut filter: TraineeFilter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<TraineeView>, i64)> {
    let user = actor.user()?;
    let org = filter.org_id.unwrap_or(user.org_id);
    actor.require(Permission::ViewTrainees(org))?;
    filter.org_id = Some(org);
    // A search matches the stored keys, which are normalised the same way.
    filter.search = filter
        .search
        .map(|s| gongjiang_search::normalize_query(&s))
        .filter(|s| !s.is_empty());
    let per_page = per_page.clamp(1, MAX_PAGE);
    let mut conn = app.db.read().await?;
    let (list, total) =
        store::trainees(&mut conn, &filter, (page.max(1) - 1) * per_page, per_page).await?;
    let today = app.now().date_cst();
    let refs: Vec<&Trainee> = list.iter().collect();
    let pending = crate::privacy::guardian_pending(&mut conn, &refs, today).await?;
    Ok((
        list.iter()
            .map(|t| {
                let mut v = view(t, user.org_id == t.org_id, today);
                v.guardian_pending = pending.contains(&t.id);
                v
            })
            .collect(),
        total,
    ))
}

/// How many reveals of full identifiers one person may make in an hour.
pub const REVEALS_PER_HOUR: i64 = 20;

/// Reveals a trainee's full ID and phone numbers to staff of their own school,
/// with a reason; logged and audited.
pub async fn reveal(app: &App, actor: &Actor, id: TraineeId, reason: &str) -> Result<TraineeView> {
    let me = actor.user()?.clone();
    let reason = text_field(reason, 2, 200).map_err(|p| Error::field("reason", p))?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    let t = store::get_trainee(&mut tx, id)
        .await?
        .ok_or(Error::NotFound("trainee"))?;
    if actor
        .require(Permission::RevealPersonalData(t.org_id))
        .is_err()
    {
        return Err(if actor.may(Permission::ViewTrainees(t.org_id)) {
            Error::Forbidden
        } else {
            Error::NotFound("trainee")
        });
    }
    // At most REVEALS_PER_HOUR reveals by one person in an hour (F6): a
    // burst of reveals is how a copied roster would look.
    let hour_ago = now.plus_minutes(-60);
    if gongjiang_store::privacy::reveals_by_user_since(&mut tx, me.user_id, hour_ago).await?
        >= REVEALS_PER_HOUR
    {
        return Err(Error::RateLimited {
            key: "privacy.reveal_limit",
            retry_after_secs: 3600,
        });
    }
    let id_number = app
        .vault
        .open(&t.id_sealed, &aad("id_number", t.id))
        .map_err(|e| Error::Internal(e.to_string()))?;
    let phone = match &t.phone_sealed {
        Some(p) => app
            .vault
            .open(p, &aad("phone", t.id))
            .map_err(|e| Error::Internal(e.to_string()))?,
        None => String::new(),
    };
    store::record_reveal(
        &mut tx,
        t.id,
        me.user_id,
        me.org_id,
        gongjiang_domain::privacy::Purpose::Enrolment,
        "id_number,phone",
        &reason,
        now,
    )
    .await?;
    record(
        &mut tx,
        app,
        actor,
        "trainee.reveal",
        "trainee",
        &t.id.to_string(),
        Some(t.org_id.to_string()),
        json!(null),
        json!({"fields": "id_number,phone", "reason": reason}),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    let mut v = view(&t, true, now.date_cst());
    v.id_number = id_number;
    v.phone = phone;
    Ok(v)
}

/// Saves a teacher of the actor's school (new when `id` is None).
pub async fn save_teacher(
    app: &App,
    actor: &Actor,
    id: Option<gongjiang_domain::ids::TeacherId>,
    input: &gongjiang_domain::supply::TeacherInput,
) -> Result<gongjiang_domain::supply::Teacher> {
    use gongjiang_domain::supply::Teacher;
    let me = actor
        .require(Permission::ManageSupply(actor.user()?.org_id))?
        .clone();
    let fields = input.validate()?;
    let now = app.now();
    let mut tx = app.db.write().await?;
    require_school(&mut tx, me.org_id).await?;
    let existing = match id {
        Some(id) => Some(
            store::get_teacher(&mut tx, id)
                .await?
                .filter(|t| t.org_id == me.org_id)
                .ok_or(Error::NotFound("teacher"))?,
        ),
        None => None,
    };
    if let Some(level) = &fields.skill_level {
        let levels = gongjiang_store::demand::skill_levels(&mut tx).await?;
        if !levels.iter().any(|l| &l.code == level) {
            return Err(Error::field("skill_level", Problem::InvalidChoice));
        }
    }
    let teacher = Teacher {
        id: existing.as_ref().map(|t| t.id).unwrap_or_default(),
        org_id: me.org_id,
        name: fields.name,
        employment: fields.employment,
        specialties: fields.specialties,
        dual_qualified: fields.dual_qualified,
        title: fields.title,
        skill_level: fields.skill_level,
        practice_days: fields.practice_days,
        shared: fields.shared,
    };
    store::save_teacher(&mut tx, &teacher, now).await?;
    record(
        &mut tx,
        app,
        actor,
        if existing.is_some() {
            "teacher.update"
        } else {
            "teacher.create"
        },
        "teacher",
        &teacher.id.to_string(),
        Some(me.org_id.to_string()),
        existing.map(|t| json!(t)).unwrap_or(json!(null)),
        json!(teacher),
    )
    .await?;
    tx.commit().await.map_err(gongjiang_store::Error::from)?;
    Ok(teacher)
}

/// Teachers the actor may see: all of their own school's, and the shared ones
/// of other schools (the alliance's faculty pool). With `org`, only that school.
pub async fn teachers(
    app: &App,
    actor: &Actor,
    org: Option<OrgId>,
) -> Result<Vec<gongjiang_domain::supply::Teacher>> {
    let me = actor.user()?;
    let mut conn = app.db.read().await?;
    let own = org.is_some_and(|o| o == me.org_id && actor.may(Permission::ViewTrainees(o)));
    Ok(store::teachers(&mut conn, org, !own).await?)
}

/// The columns of the faculty pool's export (what the page shows).
pub const FACULTY_POOL_SHEET: gongjiang_sheets::SheetSpec = {
    use gongjiang_sheets::{ColumnKind as Col, ColumnSpec as Column};
    gongjiang_sheets::SheetSpec {
        name: "联盟师资库",
        columns: &[
            Column::new("school", "学校", Col::Text),
            Column::new("name", "姓名", Col::Text),
            Column::new("specialties", "专业特长", Col::Text),
            Column::new("dual_qualified", "双师等级", Col::Text),
            Column::new("title", "职称", Col::Text),
            Column::new("skill_level", "技能等级", Col::Text),
            Column::new("practice_days", "企业实践天数", Col::Text),
        ],
    }
};

/// Teachers on one page of the faculty pool.
pub const POOL_PAGE: i64 = 50;

/// What the faculty pool page asks for.
#[derive(Debug, Clone, Default)]
pub struct PoolQuery {
    /// Only this school.
    pub school: Option<OrgId>,
    /// Words found in the teacher's name or specialties.
    pub text: String,
    /// Only this dual-qualified grade (`DualQualified::as_str`); empty for any.
    pub dual_qualified: String,
}

/// One page (from 1) of the alliance's faculty pool: the teachers every
/// member school shares, with their school, and how many match in all.
/// Staff of any member unit may browse it; trainees and the public may not.
pub async fn faculty_pool(
    app: &App,
    actor: &Actor,
    query: &PoolQuery,
    page: i64,
) -> Result<(Vec<store::PoolEntry>, i64)> {
    let me = actor.user()?;
    if me.role == gongjiang_domain::accounts::Role::Trainee {
        return Err(Error::Forbidden);
    }
    if !query.dual_qualified.is_empty() {
        gongjiang_domain::supply::DualQualified::parse(&query.dual_qualified)
            .map_err(|p| Error::field("dual_qualified", p))?;
    }
    let text = query.text.trim();
    let filter = store::PoolFilter {
        school: query.school,
        text: if text.is_empty() {
            String::new()
        } else {
            format!("%{}%", like_escaped(text))
        },
        dual_qualified: query.dual_qualified.clone(),
    };
    let page = page.max(1);
    let mut conn = app.db.read().await?;
    Ok(store::faculty_pool(&mut conn, &filter, POOL_PAGE, (page - 1) * POOL_PAGE).await?)
}

/// `text` with the `LIKE` wildcards and the escape character escaped by `\`.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trainees_search_keys_hold_the_name_its_pinyin_and_initials_and_the_student_number() {
        let keys = trainee_search_keys("张伟明", "A2024 001");
        for query in ["张伟", "zhangweiming", "zwm", "a2024001"] {
            assert!(gongjiang_search::matches(&keys, query), "{query} in {keys}");
        }
        assert!(!gongjiang_search::matches(&keys, "wangwei"));
        assert_eq!(
            trainee_search_keys("张伟明", ""),
            gongjiang_search::search_keys("张伟明")
        );
    }
}
