//! Training (培养): the work-study structure of a major (工学一体化: typical
//! work tasks → integrated courses → learning tasks), trainees' completed
//! learning tasks, and internships (实习) with their weekly logs.
//!
//! The heart of this module is [`check`]: the internship rules INT-01…INT-14
//! of reference §9.1 as one pure function over plain facts, returning every
//! failure (rule id, what is wrong, hard or soft). Thresholds come from
//! [`InternshipRules`], which the configuration fills in.

use crate::demand::{date_field, integer_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::{CourseId, DemandId, OrgId, TraineeId, WorkTaskId};
use crate::members::{name_field, string_enum, text_field};
use crate::rounds::{age_on, year_of_study};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

// ------------------------------------------------------------ work-study structure

/// A typical work task, an integrated course or a learning task as typed.
#[derive(Debug, Clone, Default)]
pub struct StructureInput {
    /// `seq`: position among its siblings (1, 2, …).
    pub seq: String,
    /// `name`.
    pub name: String,
    /// `hours`: planned hours (courses and learning tasks; ignored for work tasks).
    pub hours: String,
    /// `description` (work process, scenario, deliverables …).
    pub description: String,
}

/// Validated fields of a structure item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructureFields {
    /// Position among siblings.
    pub seq: i64,
    /// Name.
    pub name: String,
    /// Planned hours (0 for a work task).
    pub hours: i64,
    /// Description.
    pub description: String,
}

impl StructureInput {
    /// Validates; `with_hours` requires planned hours (courses, learning tasks).
    pub fn validate(&self, with_hours: bool) -> Result<StructureFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let seq = if self.seq.trim().is_empty() {
            Some(1)
        } else {
            e.check("seq", integer_field(&self.seq, 1, 999))
        };
        let name = e.check("name", name_field(&self.name, 2, 100));
        let hours = if with_hours {
            e.check("hours", integer_field(&self.hours, 1, 2000))
        } else {
            Some(0)
        };
        let description = e.check("description", text_field(&self.description, 0, 2000));
        match (seq, name, hours, description) {
            (Some(seq), Some(name), Some(hours), Some(description)) if e.is_empty() => {
                Ok(StructureFields {
                    seq,
                    name,
                    hours,
                    description,
                })
            }
            _ => Err(e),
        }
    }
}

/// A typical work task (典型工作任务) of a major.
#[derive(Debug, Clone, Serialize)]
pub struct WorkTask {
    /// Id.
    pub id: WorkTaskId,
    /// The school.
    pub org_id: OrgId,
    /// The major.
    pub major_id: crate::ids::MajorId,
    /// Fields.
    #[serde(flatten)]
    pub fields: StructureFields,
}

/// An integrated course (一体化课程) taught from a work task.
#[derive(Debug, Clone, Serialize)]
pub struct Course {
    /// Id.
    pub id: CourseId,
    /// The work task.
    pub work_task_id: WorkTaskId,
    /// Fields (hours: the course's planned hours).
    #[serde(flatten)]
    pub fields: StructureFields,
}

/// A learning task (学习任务) of a course.
#[derive(Debug, Clone, Serialize)]
pub struct LearningTask {
    /// Id.
    pub id: crate::ids::LearningTaskId,
    /// The course.
    pub course_id: CourseId,
    /// Fields (hours: planned hours).
    #[serde(flatten)]
    pub fields: StructureFields,
}

string_enum!(
    /// Where a learning task was done.
    LearningPlace {
        /// 学校 (school workshop, training base).
        School = "school",
        /// 企业.
        Enterprise = "enterprise",
    }
);

/// A completed learning task as typed.
#[derive(Debug, Clone, Default)]
pub struct LearningRecordInput {
    /// `learning_task_id`.
    pub learning_task_id: String,
    /// `hours` actually spent.
    pub hours: String,
    /// `place`: `school` or `enterprise`.
    pub place: String,
    /// `assessor`: the teacher's or enterprise supervisor's name.
    pub assessor: String,
    /// `completed_on`.
    pub completed_on: String,
}

/// Validated learning record fields (the task is checked against the trainee's major by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct LearningRecordFields {
    /// The learning task.
    pub learning_task_id: crate::ids::LearningTaskId,
    /// Hours.
    pub hours: i64,
    /// Place.
    pub place: LearningPlace,
    /// Assessor's name.
    pub assessor: String,
    /// Completion date `YYYY-MM-DD`.
    pub completed_on: String,
}

impl LearningRecordInput {
    /// Validates every field; the date may not be after `today`.
    pub fn validate(&self, today: Date) -> Result<LearningRecordFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let task = e.check(
            "learning_task_id",
            self.learning_task_id
                .trim()
                .parse()
                .map_err(|_| Problem::InvalidChoice),
        );
        let hours = e.check("hours", integer_field(&self.hours, 1, 2000));
        let place = e.check("place", LearningPlace::parse(&self.place));
        let assessor = e.check("assessor", name_field(&self.assessor, 2, 40));
        let completed = e.check("completed_on", date_field(&self.completed_on));
        if completed.is_some_and(|d| d > today) {
            e.push("completed_on", Problem::DateInFuture);
        }
        match (task, hours, place, assessor, completed) {
            (Some(learning_task_id), Some(hours), Some(place), Some(assessor), Some(d))
                if e.is_empty() =>
            {
                Ok(LearningRecordFields {
                    learning_task_id,
                    hours,
                    place,
                    assessor,
                    completed_on: iso(d),
                })
            }
            _ => Err(e),
        }
    }
}

/// A trainee's completed learning task as stored and listed.
#[derive(Debug, Clone, Serialize)]
pub struct LearningRecord {
    /// Id.
    pub id: crate::ids::LearningRecordId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The learning task.
    pub learning_task_id: crate::ids::LearningTaskId,
    /// The learning task's name (for lists).
    pub task_name: String,
    /// The course's name (for lists).
    pub course_name: String,
    /// Hours.
    pub hours: i64,
    /// Place.
    pub place: LearningPlace,
    /// Assessor.
    pub assessor: String,
    /// Date.
    pub completed_on: String,
    /// Who recorded it (login).
    pub recorded_by: String,
}

// ------------------------------------------------------------ internships

string_enum!(
    /// The two kinds of internship (Art. 2). Legacy 顶岗 / 跟岗 read as position internships.
    InternshipKind {
        /// 认识实习: organised visits and observation.
        Cognitive = "cognitive",
        /// 岗位实习: working on a real post.
        Position = "position",
    }
);

impl InternshipKind {
    /// Reads the stored value or a Chinese name, legacy names included (INT-01):
    /// 顶岗实习 and 跟岗实习 are position internships since 2021.
    pub fn parse_any(text: &str) -> Result<Self, Problem> {
        match text.trim() {
            "认识实习" => Ok(InternshipKind::Cognitive),
            "岗位实习" | "顶岗实习" | "跟岗实习" | "顶岗" | "跟岗" | "dinggang" | "gengang" => {
                Ok(InternshipKind::Position)
            }
            other => InternshipKind::parse(other),
        }
    }
}

string_enum!(
    /// Where an internship stands. Only school staff move it; starting it checks the rules.
    InternshipStatus {
        /// Being prepared; may be changed.
        Draft = "draft",
        /// Prepared, waiting for the rule check and the start; may still be changed.
        Ready = "ready",
        /// 进行中: the rules passed (or the secretariat overrode them).
        InProgress = "in_progress",
        /// Ended as planned.
        Finished = "finished",
        /// Ended early.
        Terminated = "terminated",
    }
);

impl InternshipStatus {
    /// Whether the fields and documents may still change.
    pub fn editable(self) -> bool {
        matches!(self, InternshipStatus::Draft | InternshipStatus::Ready)
    }
    /// Whether a move from `self` to `to` is allowed (starting is [`InternshipStatus::Ready`] → in progress, checked separately).
    pub fn may_move_to(self, to: InternshipStatus) -> bool {
        use InternshipStatus::*;
        matches!(
            (self, to),
            (Draft, Ready)
                | (Ready, Draft)
                | (Ready, InProgress)
                | (InProgress, Finished)
                | (Draft | Ready | InProgress, Terminated)
        )
    }
}

string_enum!(
    /// How the post relates to the trainee's specialty (INT-10).
    SpecialtyRelation {
        /// 对口: the same specialty.
        Matching = "matching",
        /// 相近: a close specialty.
        Close = "close",
        /// 跨大类: another category (blocked without an approved exception).
        CrossCategory = "cross_category",
    }
);

string_enum!(
    /// Who pays the internship liability insurance premium (INT-12).
    PremiumPayer {
        /// 学校.
        School = "school",
        /// 实习单位.
        Host = "host",
        /// 学生 (never allowed; recorded so the check can say so).
        Student = "student",
    }
);

string_enum!(
    /// Hazard flags of a post (INT-03, INT-04, INT-05).
    Hazard {
        /// 未成年工禁忌从事的劳动.
        MinorForbidden = "minor_forbidden",
        /// 女职工禁忌从事的劳动.
        FemaleForbidden = "female_forbidden",
        /// 体力劳动强度 III 级及以上.
        HeavyLabour = "heavy_labour",
        /// 营业性娱乐场所.
        EntertainmentVenue = "entertainment_venue",
        /// 高处作业.
        Height = "height",
        /// 井下.
        Underground = "underground",
        /// 放射性.
        Radiation = "radiation",
        /// 有毒有害.
        Toxic = "toxic",
        /// 易燃易爆.
        Flammable = "flammable",
    }
);

impl Hazard {
    /// The high-risk work of INT-05, allowed only with a filed exception.
    pub fn is_high_risk(self) -> bool {
        matches!(
            self,
            Hazard::Height
                | Hazard::Underground
                | Hazard::Radiation
                | Hazard::Toxic
                | Hazard::Flammable
        )
    }
}

string_enum!(
    /// Documents an internship carries (INT-11).
    DocumentKind {
        /// 三方协议: school, host, student (and guardian for minors).
        Agreement = "agreement",
        /// 监护人同意书: the guardian's signature for a minor.
        GuardianConsent = "guardian_consent",
        /// 知情同意书: for school-arranged position internships.
        ConsentForm = "consent_form",
    }
);

/// Internship fields as typed in a form or a JSON body (every value as text).
#[derive(Debug, Clone, Default)]
pub struct InternshipInput {
    /// `trainee_id`.
    pub trainee_id: String,
    /// `kind`: `cognitive` / `position` (or 认识实习 / 岗位实习 / 顶岗实习 / 跟岗实习).
    pub kind: String,
    /// `host_org_id`: a member unit.
    pub host_org_id: String,
    /// `demand_id`: the host's posted demand for this post, optional (enables the post cap of INT-08).
    pub demand_id: String,
    /// `post_name`.
    pub post_name: String,
    /// `school_supervisor`: a teacher's name.
    pub school_supervisor: String,
    /// `host_supervisor`: the enterprise supervisor's name.
    pub host_supervisor: String,
    /// `start_on`.
    pub start_on: String,
    /// `end_on`.
    pub end_on: String,
    /// `daily_hours`.
    pub daily_hours: String,
    /// `weekly_hours`.
    pub weekly_hours: String,
    /// `night_shift` (yes/no).
    pub night_shift: String,
    /// `overtime` (yes/no).
    pub overtime: String,
    /// `holiday_work` (yes/no): scheduled on statutory holidays.
    pub holiday_work: String,
    /// `pay_monthly` (yuan).
    pub pay_monthly: String,
    /// `reference_wage` (yuan): the same post's wage, optional.
    pub reference_wage: String,
    /// `fees_charged` (yuan).
    pub fees_charged: String,
    /// `intermediary` (yes/no): an agent or paid intermediary is involved.
    pub intermediary: String,
    /// `insurer`.
    pub insurer: String,
    /// `policy_no`.
    pub policy_no: String,
    /// `cover_from`.
    pub cover_from: String,
    /// `cover_to`.
    pub cover_to: String,
    /// `premium_payer`: `school` / `host` / `student`.
    pub premium_payer: String,
    /// `hazards`: hazard codes, comma separated or repeated.
    pub hazards: Vec<String>,
    /// `exception_filing_ref`: the filing of a specialty's exception (INT-05).
    pub exception_filing_ref: String,
    /// `specialty_relation`.
    pub specialty_relation: String,
    /// `relation_exception`: the approved exception for a cross-category post (INT-10).
    pub relation_exception: String,
    /// `self_found` (yes/no): the trainee chose the host themself (INT-14).
    pub self_found: String,
    /// `covers_typical_tasks` (yes/no): a teacher confirms the post covers typical work tasks (INT-09).
    pub covers_typical_tasks: String,
}

/// Validated internship fields; the trainee, host and demand are checked against the database by the caller.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InternshipFields {
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Kind.
    pub kind: InternshipKind,
    /// Host unit.
    pub host_org_id: OrgId,
    /// The host's demand for this post, if named.
    pub demand_id: Option<DemandId>,
    /// Post.
    pub post_name: String,
    /// School supervisor (name; may be empty: INT-13 warns).
    pub school_supervisor: String,
    /// Host supervisor (name; may be empty: INT-13 warns).
    pub host_supervisor: String,
    /// First day.
    pub start_on: String,
    /// Last day.
    pub end_on: String,
    /// Hours per day.
    pub daily_hours: i64,
    /// Hours per week.
    pub weekly_hours: i64,
    /// Night shifts.
    pub night_shift: bool,
    /// Overtime.
    pub overtime: bool,
    /// Work on statutory holidays.
    pub holiday_work: bool,
    /// Pay per month, yuan.
    pub pay_monthly: i64,
    /// The same post's wage, yuan, if known.
    pub reference_wage: Option<i64>,
    /// Fees charged to the trainee, yuan.
    pub fees_charged: i64,
    /// An intermediary is involved.
    pub intermediary: bool,
    /// Insurer.
    pub insurer: String,
    /// Policy number.
    pub policy_no: String,
    /// Cover from (empty when unknown).
    pub cover_from: String,
    /// Cover to (empty when unknown).
    pub cover_to: String,
    /// Premium payer, if given.
    pub premium_payer: Option<PremiumPayer>,
    /// Hazard flags of the post.
    pub hazards: Vec<Hazard>,
    /// Filing of a specialty exception for high-risk work.
    pub exception_filing_ref: String,
    /// Specialty relation.
    pub specialty_relation: SpecialtyRelation,
    /// Approved exception for a cross-category post.
    pub relation_exception: String,
    /// Self-found host.
    pub self_found: bool,
    /// A teacher confirmed that the post covers typical work tasks.
    pub covers_typical_tasks: bool,
}

fn yes_no(text: &str) -> Result<bool, Problem> {
    crate::demand::flag_field(text)
}

fn optional_date(text: &str) -> Result<String, Problem> {
    if text.trim().is_empty() {
        Ok(String::new())
    } else {
        date_field(text).map(iso)
    }
}

impl InternshipInput {
    /// Validates every field, reporting all problems at once. Rule breaches
    /// (overtime, low pay …) are not input errors: they are recorded and
    /// reported by [`check`] when the internship is to start.
    pub fn validate(&self) -> Result<InternshipFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let trainee = e.check(
            "trainee_id",
            self.trainee_id
                .trim()
                .parse::<TraineeId>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let kind = e.check("kind", InternshipKind::parse_any(&self.kind));
        let host = e.check(
            "host_org_id",
            self.host_org_id
                .trim()
                .parse::<OrgId>()
                .map_err(|_| Problem::InvalidChoice),
        );
        let demand = if self.demand_id.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "demand_id",
                self.demand_id
                    .trim()
                    .parse::<DemandId>()
                    .map(Some)
                    .map_err(|_| Problem::InvalidChoice),
            )
        };
        let post = e.check("post_name", name_field(&self.post_name, 2, 60));
        let school_sup = e.check(
            "school_supervisor",
            text_field(&self.school_supervisor, 0, 40),
        );
        let host_sup = e.check("host_supervisor", text_field(&self.host_supervisor, 0, 40));
        let start = e.check("start_on", date_field(&self.start_on));
        let end = e.check("end_on", date_field(&self.end_on));
        if let (Some(s), Some(en)) = (start, end)
            && en < s
        {
            e.push("end_on", Problem::EndBeforeStart);
        }
        let daily = e.check("daily_hours", integer_field(&self.daily_hours, 1, 24));
        let weekly = e.check("weekly_hours", integer_field(&self.weekly_hours, 1, 168));
        let night = e.check("night_shift", yes_no(&self.night_shift));
        let overtime = e.check("overtime", yes_no(&self.overtime));
        let holiday = e.check("holiday_work", yes_no(&self.holiday_work));
        let pay = if self.pay_monthly.trim().is_empty() {
            Some(0)
        } else {
            e.check(
                "pay_monthly",
                integer_field(&self.pay_monthly, 0, 1_000_000),
            )
        };
        let reference = if self.reference_wage.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "reference_wage",
                integer_field(&self.reference_wage, 1, 1_000_000).map(Some),
            )
        };
        let fees = if self.fees_charged.trim().is_empty() {
            Some(0)
        } else {
            e.check(
                "fees_charged",
                integer_field(&self.fees_charged, 0, 1_000_000),
            )
        };
        let intermediary = e.check("intermediary", yes_no(&self.intermediary));
        let insurer = e.check("insurer", text_field(&self.insurer, 0, 60));
        let policy = e.check("policy_no", text_field(&self.policy_no, 0, 60));
        let cover_from = e.check("cover_from", optional_date(&self.cover_from));
        let cover_to = e.check("cover_to", optional_date(&self.cover_to));
        let payer = if self.premium_payer.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "premium_payer",
                PremiumPayer::parse(&self.premium_payer).map(Some),
            )
        };
        let mut hazards: Vec<Hazard> = Vec::new();
        for text in self.hazards.iter().flat_map(|h| h.split([',', '，'])) {
            if text.trim().is_empty() {
                continue;
            }
            match Hazard::parse(text) {
                Ok(h) if !hazards.contains(&h) => hazards.push(h),
                Ok(_) => {}
                Err(p) => {
                    e.push("hazards", p);
                    break;
                }
            }
        }
        let filing = e.check(
            "exception_filing_ref",
            text_field(&self.exception_filing_ref, 0, 100),
        );
        let relation = if self.specialty_relation.trim().is_empty() {
            Some(SpecialtyRelation::Matching)
        } else {
            e.check(
                "specialty_relation",
                SpecialtyRelation::parse(&self.specialty_relation),
            )
        };
        let relation_exception = e.check(
            "relation_exception",
            text_field(&self.relation_exception, 0, 200),
        );
        let self_found = e.check("self_found", yes_no(&self.self_found));
        let typical = e.check("covers_typical_tasks", yes_no(&self.covers_typical_tasks));
        if !e.is_empty() {
            return Err(e);
        }
        match (
            trainee, kind, host, demand, post, school_sup, host_sup, start, end, daily, weekly,
        ) {
            (
                Some(trainee_id),
                Some(kind),
                Some(host_org_id),
                Some(demand_id),
                Some(post_name),
                Some(school_supervisor),
                Some(host_supervisor),
                Some(s),
                Some(en),
                Some(daily_hours),
                Some(weekly_hours),
            ) => Ok(InternshipFields {
                trainee_id,
                kind,
                host_org_id,
                demand_id,
                post_name,
                school_supervisor,
                host_supervisor,
                start_on: iso(s),
                end_on: iso(en),
                daily_hours,
                weekly_hours,
                night_shift: night.unwrap_or_default(),
                overtime: overtime.unwrap_or_default(),
                holiday_work: holiday.unwrap_or_default(),
                pay_monthly: pay.unwrap_or_default(),
                reference_wage: reference.flatten(),
                fees_charged: fees.unwrap_or_default(),
                intermediary: intermediary.unwrap_or_default(),
                insurer: insurer.unwrap_or_default(),
                policy_no: policy.unwrap_or_default(),
                cover_from: cover_from.unwrap_or_default(),
                cover_to: cover_to.unwrap_or_default(),
                premium_payer: payer.flatten(),
                hazards,
                exception_filing_ref: filing.unwrap_or_default(),
                specialty_relation: relation.unwrap_or(SpecialtyRelation::Matching),
                relation_exception: relation_exception.unwrap_or_default(),
                self_found: self_found.unwrap_or_default(),
                covers_typical_tasks: typical.unwrap_or_default(),
            }),
            _ => Err(e),
        }
    }
}

/// An internship as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Internship {
    /// Id.
    pub id: crate::ids::InternshipId,
    /// The trainee's school (who manages it).
    pub school_org_id: OrgId,
    /// Fields.
    #[serde(flatten)]
    pub fields: InternshipFields,
    /// Where it stands.
    pub status: InternshipStatus,
    /// The soft failures shown when it started (and hard ones overridden).
    pub warnings: Vec<RuleFailure>,
    /// Who created it (login).
    pub created_by: String,
    /// Created.
    pub created_at: crate::Timestamp,
    /// Last changed.
    pub updated_at: crate::Timestamp,
}

impl Internship {
    /// True while in progress or finished: the trainee has interned (for funnels).
    pub fn counts_as_interned(&self) -> bool {
        matches!(
            self.status,
            InternshipStatus::InProgress | InternshipStatus::Finished
        )
    }
}

/// A weekly log entry.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    /// Id.
    pub id: crate::ids::LogEntryId,
    /// The internship.
    pub internship_id: crate::ids::InternshipId,
    /// The week's Monday, `YYYY-MM-DD`.
    pub week_of: String,
    /// What the trainee did and learnt.
    pub content: String,
    /// Submitted, confirmed or queried.
    pub status: LogStatus,
    /// The host's comment (required when queried).
    pub comment: String,
    /// Who wrote it (login).
    pub written_by: String,
    /// When.
    pub written_at: crate::Timestamp,
    /// Who confirmed or queried it (login).
    pub reviewed_by: String,
    /// When.
    pub reviewed_at: Option<crate::Timestamp>,
}

/// A school supervisor's visit.
#[derive(Debug, Clone, Serialize)]
pub struct Visit {
    /// Id.
    pub id: crate::ids::VisitId,
    /// The internship.
    pub internship_id: crate::ids::InternshipId,
    /// Date of the visit.
    pub visited_on: String,
    /// What was found.
    pub note: String,
    /// Who recorded it (login).
    pub recorded_by: String,
}

/// A recorded override of hard rule failures by the secretariat.
#[derive(Debug, Clone, Serialize)]
pub struct Override {
    /// The internship.
    pub internship_id: crate::ids::InternshipId,
    /// Who (login).
    pub by_login: String,
    /// For which unit.
    pub by_org: OrgId,
    /// The written reason.
    pub reason: String,
    /// The hard failures overridden.
    pub failures: Vec<RuleFailure>,
    /// When.
    pub at: crate::Timestamp,
}

// ------------------------------------------------------------ the rules

/// Thresholds of the internship rules (reference §9.1), from configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternshipRules {
    /// Pay at least this percentage of the same post's wage (INT-06): 80.
    pub pay_percent: u32,
    /// Most hours per day (INT-05): 8.
    pub max_daily_hours: u32,
    /// Most hours per week (INT-05): 40.
    pub max_weekly_hours: u32,
    /// Position interns at a host at most this percentage of its in-service staff (INT-08): 10.
    pub host_intern_percent: u32,
    /// Interns on one post at most this percentage of the post's staff (INT-08): 20.
    pub post_intern_percent: u32,
    /// INT-08 blocks the start (true) or only warns (false, where a province says "一般").
    pub ratio_hard: bool,
    /// Warn below this many months (INT-09): 3.
    pub min_months: u32,
    /// Warn above this many months (INT-09, the typical length): 6.
    pub typical_months: u32,
    /// Block above this many months (INT-09): 12.
    pub max_months: u32,
    /// Youngest age at the start of a position internship (INT-02): 16.
    pub min_age: u32,
    /// Age of majority: younger trainees are minors (INT-03, INT-11): 18.
    pub adult_age: u32,
}

impl Default for InternshipRules {
    fn default() -> Self {
        InternshipRules {
            pay_percent: 80,
            max_daily_hours: 8,
            max_weekly_hours: 40,
            host_intern_percent: 10,
            post_intern_percent: 20,
            ratio_hard: true,
            min_months: 3,
            typical_months: 6,
            max_months: 12,
            min_age: 16,
            adult_age: 18,
        }
    }
}

/// Everything the rules look at, gathered by the caller from the internship,
/// the trainee, the host and the other internships at the host.
#[derive(Debug, Clone)]
pub struct Facts {
    /// Kind.
    pub kind: InternshipKind,
    /// The host is a legal person or registered organisation (INT-01).
    pub host_is_legal_entity: bool,
    /// First day.
    pub start_on: Date,
    /// Last day.
    pub end_on: Date,
    /// The trainee's birth date (from the ID number).
    pub birth_date: Date,
    /// The trainee is female (from the ID number).
    pub female: bool,
    /// The year the trainee's cohort entered, if the trainee has a cohort.
    pub entry_year: Option<i64>,
    /// Hazard flags of the post.
    pub hazards: Vec<Hazard>,
    /// Filing of a specialty exception for high-risk work (empty: none).
    pub exception_filing_ref: String,
    /// An intermediary or paid agent is involved.
    pub intermediary: bool,
    /// Night shifts.
    pub night_shift: bool,
    /// Overtime.
    pub overtime: bool,
    /// Work on statutory holidays.
    pub holiday_work: bool,
    /// Hours per day.
    pub daily_hours: i64,
    /// Hours per week.
    pub weekly_hours: i64,
    /// Pay per month, yuan.
    pub pay_monthly: i64,
    /// The same post's wage, yuan, if entered.
    pub reference_wage: Option<i64>,
    /// Fees charged, yuan.
    pub fees_charged: i64,
    /// In-service staff of the host, if recorded.
    pub host_staff: Option<i64>,
    /// Other position interns (all schools) in progress at the host during the period.
    pub host_interns: i64,
    /// Whether the internship names the host's demand (post), so a post cap applies.
    pub names_post: bool,
    /// In-service staff on the post, if recorded.
    pub post_staff: Option<i64>,
    /// Other position interns in progress on the post during the period.
    pub post_interns: i64,
    /// A teacher confirmed that the post covers typical work tasks.
    pub covers_typical_tasks: bool,
    /// Specialty relation.
    pub specialty_relation: SpecialtyRelation,
    /// Approved exception for a cross-category post (empty: none).
    pub relation_exception: String,
    /// A tripartite agreement is attached.
    pub has_agreement: bool,
    /// A guardian's consent is attached.
    pub has_guardian_consent: bool,
    /// An informed-consent form is attached.
    pub has_consent_form: bool,
    /// Insurer.
    pub insurer: String,
    /// Policy number.
    pub policy_no: String,
    /// Cover from.
    pub cover_from: Option<Date>,
    /// Cover to.
    pub cover_to: Option<Date>,
    /// Premium payer.
    pub premium_payer: Option<PremiumPayer>,
    /// A school supervisor is named.
    pub has_school_supervisor: bool,
    /// A host supervisor is named.
    pub has_host_supervisor: bool,
    /// The trainee found the host themself.
    pub self_found: bool,
}

/// How much a failure weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the start (unless the secretariat overrides it with a reason).
    Hard,
    /// A warning shown with the start.
    Soft,
}

/// One rule an internship breaks, as data: the rule's id, a stable code, how
/// much it weighs and the numbers the sentence needs (`{"age": "15"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleFailure {
    /// Rule id in reference §9.1 (`INT-05`).
    pub rule: String,
    /// Stable code (`overtime`), the key of its sentence.
    pub code: String,
    /// Hard or soft.
    pub severity: Severity,
    /// Values named in the sentence, in order.
    pub params: Vec<(String, String)>,
}

impl RuleFailure {
    fn new(rule: &str, code: &str, severity: Severity) -> Self {
        RuleFailure {
            rule: rule.into(),
            code: code.into(),
            severity,
            params: Vec::new(),
        }
    }
    fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.push((key.into(), value.to_string()));
        self
    }
    /// True when it blocks the start.
    pub fn is_hard(&self) -> bool {
        self.severity == Severity::Hard
    }
}

/// Whole months from `start` to the day after `end` (a period 1 March – 31 August is 6).
pub fn months_between(start: Date, end: Date) -> i64 {
    let after = end.next_day().unwrap_or(end);
    let mut months = (i64::from(after.year()) - i64::from(start.year())) * 12
        + i64::from(u8::from(after.month()))
        - i64::from(u8::from(start.month()));
    if after.day() < start.day() {
        months -= 1;
    }
    months
}

/// Every rule of reference §9.1 the internship breaks, hard ones first in
/// rule order, then soft ones. Empty when it may start without a word.
///
/// INT-01, INT-04 (venue, intermediary), INT-07, INT-12 and INT-13 apply to
/// both kinds; the others to position internships only (§9: "rules apply to
/// position internships unless stated otherwise").
pub fn check(f: &Facts, rules: &InternshipRules) -> Vec<RuleFailure> {
    use Severity::{Hard, Soft};
    let mut out = Vec::new();
    let position = f.kind == InternshipKind::Position;
    let age = age_on(f.birth_date, f.start_on);
    let minor = age < rules.adult_age;

    // INT-01: a host that is a legal person or registered organisation.
    if !f.host_is_legal_entity {
        out.push(RuleFailure::new("INT-01", "host_not_legal_entity", Hard));
    }
    // INT-02: no position internship in grade 1 or under 16.
    if position {
        if age < rules.min_age {
            out.push(
                RuleFailure::new("INT-02", "under_age", Hard)
                    .with("age", age)
                    .with("min", rules.min_age),
            );
        }
        match f.entry_year {
            Some(entry) if year_of_study(entry, f.start_on) <= 1 => {
                out.push(RuleFailure::new("INT-02", "first_year", Hard))
            }
            Some(_) => {}
            None => out.push(RuleFailure::new("INT-02", "no_cohort", Hard)),
        }
    }
    // INT-03: work forbidden for minors and for women.
    if position && minor && f.hazards.contains(&Hazard::MinorForbidden) {
        out.push(RuleFailure::new("INT-03", "minor_forbidden_work", Hard).with("age", age));
    }
    if position && f.female && f.hazards.contains(&Hazard::FemaleForbidden) {
        out.push(RuleFailure::new("INT-03", "female_forbidden_work", Hard));
    }
    // INT-04: no entertainment venue, no intermediary, no heavy labour.
    if f.hazards.contains(&Hazard::EntertainmentVenue) {
        out.push(RuleFailure::new("INT-04", "entertainment_venue", Hard));
    }
    if f.intermediary {
        out.push(RuleFailure::new("INT-04", "intermediary", Hard));
    }
    if position && f.hazards.contains(&Hazard::HeavyLabour) {
        out.push(RuleFailure::new("INT-04", "heavy_labour", Hard));
    }
    // INT-05: working time and high-risk work.
    if position {
        if f.night_shift {
            out.push(RuleFailure::new("INT-05", "night_shift", Hard));
        }
        if f.overtime {
            out.push(RuleFailure::new("INT-05", "overtime", Hard));
        }
        if f.holiday_work {
            out.push(RuleFailure::new("INT-05", "holiday_work", Hard));
        }
        if f.daily_hours > i64::from(rules.max_daily_hours) {
            out.push(
                RuleFailure::new("INT-05", "daily_hours", Hard)
                    .with("hours", f.daily_hours)
                    .with("max", rules.max_daily_hours),
            );
        }
        if f.weekly_hours > i64::from(rules.max_weekly_hours) {
            out.push(
                RuleFailure::new("INT-05", "weekly_hours", Hard)
                    .with("hours", f.weekly_hours)
                    .with("max", rules.max_weekly_hours),
            );
        }
        let high_risk: Vec<&str> = f
            .hazards
            .iter()
            .filter(|h| h.is_high_risk())
            .map(|h| h.as_str())
            .collect();
        if !high_risk.is_empty() {
            let severity = if f.exception_filing_ref.trim().is_empty() {
                Hard
            } else {
                Soft
            };
            let code = if severity == Hard {
                "high_risk"
            } else {
                "high_risk_filed"
            };
            out.push(
                RuleFailure::new("INT-05", code, severity).with("hazards", high_risk.join(",")),
            );
        }
    }
    // INT-06: pay at least a percentage of the same post's wage.
    if position {
        match f.reference_wage {
            None => out.push(RuleFailure::new("INT-06", "no_reference_wage", Soft)),
            Some(reference) => {
                if f.pay_monthly * 100 < i64::from(rules.pay_percent) * reference {
                    out.push(
                        RuleFailure::new("INT-06", "pay_too_low", Hard)
                            .with("pay", f.pay_monthly)
                            .with("percent", rules.pay_percent)
                            .with("reference", reference),
                    );
                }
            }
        }
    }
    // INT-07: no fees.
    if f.fees_charged != 0 {
        out.push(RuleFailure::new("INT-07", "fees_charged", Hard).with("fees", f.fees_charged));
    }
    // INT-08: intern ratios, counting interns of all schools.
    if position {
        let severity = if rules.ratio_hard { Hard } else { Soft };
        match f.host_staff {
            None => out.push(RuleFailure::new("INT-08", "host_staff_missing", severity)),
            Some(staff) => {
                let interns = f.host_interns + 1;
                if interns * 100 > i64::from(rules.host_intern_percent) * staff {
                    out.push(
                        RuleFailure::new("INT-08", "host_ratio", severity)
                            .with("interns", interns)
                            .with("staff", staff)
                            .with("percent", rules.host_intern_percent),
                    );
                }
            }
        }
        if f.names_post {
            match f.post_staff {
                None => out.push(RuleFailure::new("INT-08", "post_staff_missing", Soft)),
                Some(staff) => {
                    let interns = f.post_interns + 1;
                    if interns * 100 > i64::from(rules.post_intern_percent) * staff {
                        out.push(
                            RuleFailure::new("INT-08", "post_ratio", severity)
                                .with("interns", interns)
                                .with("staff", staff)
                                .with("percent", rules.post_intern_percent),
                        );
                    }
                }
            }
        }
    }
    // INT-09: duration and content.
    if position {
        let months = months_between(f.start_on, f.end_on);
        if months > i64::from(rules.max_months) {
            out.push(
                RuleFailure::new("INT-09", "too_long", Hard)
                    .with("months", months)
                    .with("max", rules.max_months),
            );
        } else if months < i64::from(rules.min_months) {
            out.push(
                RuleFailure::new("INT-09", "short", Soft)
                    .with("months", months)
                    .with("min", rules.min_months),
            );
        } else if months > i64::from(rules.typical_months) {
            out.push(
                RuleFailure::new("INT-09", "long", Soft)
                    .with("months", months)
                    .with("typical", rules.typical_months),
            );
        }
        if !f.covers_typical_tasks {
            out.push(RuleFailure::new(
                "INT-09",
                "typical_tasks_unconfirmed",
                Soft,
            ));
        }
    }
    // INT-10: specialty relation.
    if position
        && f.specialty_relation == SpecialtyRelation::CrossCategory
        && f.relation_exception.trim().is_empty()
    {
        out.push(RuleFailure::new("INT-10", "cross_category", Hard));
    }
    // INT-11: agreement, guardian, consent form.
    if position {
        if !f.has_agreement {
            out.push(RuleFailure::new("INT-11", "no_agreement", Hard));
        }
        if minor && !f.has_guardian_consent {
            out.push(RuleFailure::new("INT-11", "no_guardian_signature", Hard).with("age", age));
        }
        if !f.self_found && !f.has_consent_form {
            out.push(RuleFailure::new("INT-11", "no_consent_form", Hard));
        }
    }
    // INT-12: insurance over the whole period, never paid by the student.
    if f.insurer.trim().is_empty() || f.policy_no.trim().is_empty() {
        out.push(RuleFailure::new("INT-12", "no_insurance", Hard));
    } else {
        match (f.cover_from, f.cover_to) {
            (Some(from), Some(to)) if from <= f.start_on && to >= f.end_on => {}
            _ => out.push(RuleFailure::new("INT-12", "cover_gap", Hard)),
        }
    }
    match f.premium_payer {
        Some(PremiumPayer::School | PremiumPayer::Host) => {}
        Some(PremiumPayer::Student) => {
            out.push(RuleFailure::new("INT-12", "student_pays_premium", Hard))
        }
        None => out.push(RuleFailure::new("INT-12", "no_premium_payer", Hard)),
    }
    // INT-13: both supervisors.
    if !f.has_school_supervisor {
        out.push(RuleFailure::new("INT-13", "no_school_supervisor", Soft));
    }
    if !f.has_host_supervisor {
        out.push(RuleFailure::new("INT-13", "no_host_supervisor", Soft));
    }
    // INT-14: a minor who declines the school's arrangement does so with the guardian.
    if position && f.self_found && minor && !f.has_guardian_consent {
        out.push(RuleFailure::new(
            "INT-14",
            "self_found_without_guardian",
            Hard,
        ));
    }
    out.sort_by_key(|r| r.severity == Soft);
    out
}

// ------------------------------------------------------------ the log

string_enum!(
    /// Where a weekly log entry stands.
    LogStatus {
        /// Written by the trainee, waiting for the host.
        Submitted = "submitted",
        /// Confirmed by the host's supervisor side.
        Confirmed = "confirmed",
        /// Queried by the host, with a comment; the trainee may rewrite it.
        Queried = "queried",
    }
);

/// The Monday of the week `date` falls in.
pub fn week_of(date: Date) -> Date {
    let back = i64::from(date.weekday().number_days_from_monday());
    date - Duration::days(back)
}

/// Parses a week as typed (any day of it) into its Monday.
pub fn week_field(text: &str) -> Result<Date, Problem> {
    date_field(text).map(week_of)
}

/// The weeks (their Mondays) of an internship from `start` to `end` that have
/// ended by `today` — the Sunday is before `today` — and have no entry in
/// `logged` (Mondays). A week the period only touches counts.
pub fn missing_weeks(start: Date, end: Date, today: Date, logged: &[Date]) -> Vec<Date> {
    let mut out = Vec::new();
    let mut monday = week_of(start);
    while monday <= end {
        let sunday = monday + Duration::days(6);
        if sunday >= today {
            break;
        }
        if !logged.contains(&monday) {
            out.push(monday);
        }
        monday += Duration::days(7);
    }
    out
}

/// A log entry's text as typed.
pub fn log_content(text: &str) -> Result<String, Problem> {
    text_field(text, 5, 4000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Facts of an internship that passes every rule: an adult third-year
    /// trainee, 8 h/day and 40 h/week, fair pay, insured, all documents.
    fn clean() -> Facts {
        Facts {
            kind: InternshipKind::Position,
            host_is_legal_entity: true,
            start_on: date!(2027 - 03 - 01),
            end_on: date!(2027 - 08 - 31),
            birth_date: date!(2006 - 05 - 01),
            female: false,
            entry_year: Some(2024),
            hazards: Vec::new(),
            exception_filing_ref: String::new(),
            intermediary: false,
            night_shift: false,
            overtime: false,
            holiday_work: false,
            daily_hours: 8,
            weekly_hours: 40,
            pay_monthly: 3200,
            reference_wage: Some(4000),
            fees_charged: 0,
            host_staff: Some(100),
            host_interns: 9,
            names_post: true,
            post_staff: Some(10),
            post_interns: 1,
            covers_typical_tasks: true,
            specialty_relation: SpecialtyRelation::Matching,
            relation_exception: String::new(),
            has_agreement: true,
            has_guardian_consent: false,
            has_consent_form: true,
            insurer: "示例保险公司".into(),
            policy_no: "P2027-001".into(),
            cover_from: Some(date!(2027 - 03 - 01)),
            cover_to: Some(date!(2027 - 08 - 31)),
            premium_payer: Some(PremiumPayer::School),
            has_school_supervisor: true,
            has_host_supervisor: true,
            self_found: false,
        }
    }

    fn codes(f: &Facts) -> Vec<(String, String, Severity)> {
        check(f, &InternshipRules::default())
            .into_iter()
            .map(|r| (r.rule, r.code, r.severity))
            .collect()
    }

    fn fails(f: &Facts, rule: &str, code: &str, severity: Severity) {
        let found = codes(f);
        assert!(
            found
                .iter()
                .any(|(r, c, s)| r == rule && c == code && *s == severity),
            "expected {rule} {code} {severity:?}, got {found:?}"
        );
    }

    #[test]
    fn a_clean_internship_breaks_no_rule_even_at_every_limit() {
        assert_eq!(codes(&clean()), vec![]);
    }

    #[test]
    fn int_01_the_host_must_be_a_legal_entity() {
        let f = Facts {
            host_is_legal_entity: false,
            ..clean()
        };
        fails(&f, "INT-01", "host_not_legal_entity", Severity::Hard);
        assert_eq!(
            InternshipKind::parse_any("顶岗实习"),
            Ok(InternshipKind::Position)
        );
        assert_eq!(
            InternshipKind::parse_any("跟岗实习"),
            Ok(InternshipKind::Position)
        );
        assert_eq!(
            InternshipKind::parse_any("认识实习"),
            Ok(InternshipKind::Cognitive)
        );
        assert_eq!(
            InternshipKind::parse_any("勤工俭学"),
            Err(Problem::InvalidChoice)
        );
    }

    #[test]
    fn int_02_no_position_internship_under_16_or_in_the_first_year() {
        let young = Facts {
            birth_date: date!(2011 - 03 - 02),
            has_guardian_consent: true,
            ..clean()
        };
        fails(&young, "INT-02", "under_age", Severity::Hard);
        let sixteen_that_day = Facts {
            birth_date: date!(2011 - 03 - 01),
            has_guardian_consent: true,
            ..clean()
        };
        assert!(
            !codes(&sixteen_that_day)
                .iter()
                .any(|(_, c, _)| c == "under_age")
        );
        let first_year = Facts {
            entry_year: Some(2026),
            ..clean()
        };
        fails(&first_year, "INT-02", "first_year", Severity::Hard);
        let no_cohort = Facts {
            entry_year: None,
            ..clean()
        };
        fails(&no_cohort, "INT-02", "no_cohort", Severity::Hard);
        let cognitive = Facts {
            kind: InternshipKind::Cognitive,
            entry_year: Some(2026),
            birth_date: date!(2012 - 01 - 01),
            ..clean()
        };
        assert_eq!(
            codes(&cognitive),
            vec![],
            "a visit is not a position internship"
        );
    }

    #[test]
    fn int_03_minors_and_women_are_kept_from_work_forbidden_to_them() {
        let minor = Facts {
            birth_date: date!(2010 - 01 - 01),
            hazards: vec![Hazard::MinorForbidden],
            has_guardian_consent: true,
            ..clean()
        };
        fails(&minor, "INT-03", "minor_forbidden_work", Severity::Hard);
        let adult = Facts {
            hazards: vec![Hazard::MinorForbidden],
            ..clean()
        };
        assert_eq!(codes(&adult), vec![]);
        let woman = Facts {
            female: true,
            hazards: vec![Hazard::FemaleForbidden],
            ..clean()
        };
        fails(&woman, "INT-03", "female_forbidden_work", Severity::Hard);
        let man = Facts {
            hazards: vec![Hazard::FemaleForbidden],
            ..clean()
        };
        assert_eq!(codes(&man), vec![]);
    }

    #[test]
    fn int_04_no_entertainment_venue_intermediary_or_heavy_labour() {
        for (hazard, code) in [
            (Hazard::EntertainmentVenue, "entertainment_venue"),
            (Hazard::HeavyLabour, "heavy_labour"),
        ] {
            let f = Facts {
                hazards: vec![hazard],
                ..clean()
            };
            fails(&f, "INT-04", code, Severity::Hard);
        }
        let agent = Facts {
            intermediary: true,
            ..clean()
        };
        fails(&agent, "INT-04", "intermediary", Severity::Hard);
    }

    #[test]
    fn int_05_no_nights_overtime_holidays_long_days_or_unfiled_high_risk_work() {
        for (f, code) in [
            (
                Facts {
                    night_shift: true,
                    ..clean()
                },
                "night_shift",
            ),
            (
                Facts {
                    overtime: true,
                    ..clean()
                },
                "overtime",
            ),
            (
                Facts {
                    holiday_work: true,
                    ..clean()
                },
                "holiday_work",
            ),
            (
                Facts {
                    daily_hours: 9,
                    ..clean()
                },
                "daily_hours",
            ),
            (
                Facts {
                    weekly_hours: 44,
                    ..clean()
                },
                "weekly_hours",
            ),
            (
                Facts {
                    hazards: vec![Hazard::Toxic],
                    ..clean()
                },
                "high_risk",
            ),
        ] {
            fails(&f, "INT-05", code, Severity::Hard);
        }
        let filed = Facts {
            hazards: vec![Hazard::Height],
            exception_filing_ref: "黄人社备〔2027〕3号".into(),
            ..clean()
        };
        fails(&filed, "INT-05", "high_risk_filed", Severity::Soft);
        assert!(
            check(&filed, &InternshipRules::default())
                .iter()
                .all(|r| !r.is_hard())
        );
    }

    #[test]
    fn int_06_pay_is_at_least_the_configured_share_of_the_posts_wage() {
        let low = Facts {
            pay_monthly: 3199,
            ..clean()
        };
        fails(&low, "INT-06", "pay_too_low", Severity::Hard);
        let failure = check(&low, &InternshipRules::default())
            .into_iter()
            .find(|r| r.code == "pay_too_low")
            .unwrap();
        assert_eq!(
            failure.params,
            vec![
                ("pay".to_string(), "3199".to_string()),
                ("percent".to_string(), "80".to_string()),
                ("reference".to_string(), "4000".to_string())
            ]
        );
        let stricter = InternshipRules {
            pay_percent: 90,
            ..InternshipRules::default()
        };
        assert!(
            check(&clean(), &stricter)
                .iter()
                .any(|r| r.code == "pay_too_low"),
            "the percentage comes from configuration"
        );
        let unknown = Facts {
            reference_wage: None,
            ..clean()
        };
        fails(&unknown, "INT-06", "no_reference_wage", Severity::Soft);
    }

    #[test]
    fn int_07_no_fees() {
        let f = Facts {
            fees_charged: 500,
            ..clean()
        };
        fails(&f, "INT-07", "fees_charged", Severity::Hard);
        let cognitive = Facts {
            kind: InternshipKind::Cognitive,
            ..f
        };
        fails(&cognitive, "INT-07", "fees_charged", Severity::Hard);
    }

    #[test]
    fn int_08_interns_of_all_schools_stay_within_a_tenth_of_the_host_and_a_fifth_of_the_post() {
        let host = Facts {
            host_interns: 10,
            ..clean()
        };
        fails(&host, "INT-08", "host_ratio", Severity::Hard);
        let post = Facts {
            post_interns: 2,
            ..clean()
        };
        fails(&post, "INT-08", "post_ratio", Severity::Hard);
        let unknown = Facts {
            host_staff: None,
            ..clean()
        };
        fails(&unknown, "INT-08", "host_staff_missing", Severity::Hard);
        let post_unknown = Facts {
            post_staff: None,
            ..clean()
        };
        fails(
            &post_unknown,
            "INT-08",
            "post_staff_missing",
            Severity::Soft,
        );
        let no_post = Facts {
            names_post: false,
            post_staff: None,
            post_interns: 99,
            ..clean()
        };
        assert_eq!(codes(&no_post), vec![]);
        let soft = InternshipRules {
            ratio_hard: false,
            ..InternshipRules::default()
        };
        assert!(
            check(&host, &soft)
                .iter()
                .any(|r| r.code == "host_ratio" && r.severity == Severity::Soft),
            "configurable to a warning"
        );
    }

    #[test]
    fn int_09_duration_warns_outside_three_to_six_months_and_blocks_over_twelve() {
        let short = Facts {
            end_on: date!(2027 - 04 - 30),
            cover_to: Some(date!(2027 - 04 - 30)),
            ..clean()
        };
        fails(&short, "INT-09", "short", Severity::Soft);
        let long = Facts {
            end_on: date!(2027 - 12 - 31),
            cover_to: Some(date!(2027 - 12 - 31)),
            ..clean()
        };
        fails(&long, "INT-09", "long", Severity::Soft);
        let too_long = Facts {
            end_on: date!(2028 - 03 - 31),
            cover_to: Some(date!(2028 - 03 - 31)),
            ..clean()
        };
        fails(&too_long, "INT-09", "too_long", Severity::Hard);
        let unconfirmed = Facts {
            covers_typical_tasks: false,
            ..clean()
        };
        fails(
            &unconfirmed,
            "INT-09",
            "typical_tasks_unconfirmed",
            Severity::Soft,
        );
        assert_eq!(
            months_between(date!(2027 - 03 - 01), date!(2027 - 08 - 31)),
            6
        );
        assert_eq!(
            months_between(date!(2027 - 03 - 15), date!(2027 - 09 - 13)),
            5
        );
    }

    #[test]
    fn int_10_cross_category_posts_need_an_approved_exception() {
        let cross = Facts {
            specialty_relation: SpecialtyRelation::CrossCategory,
            ..clean()
        };
        fails(&cross, "INT-10", "cross_category", Severity::Hard);
        let approved = Facts {
            relation_exception: "教务处批准 2027-02-01".into(),
            ..cross
        };
        assert_eq!(codes(&approved), vec![]);
        let close = Facts {
            specialty_relation: SpecialtyRelation::Close,
            ..clean()
        };
        assert_eq!(codes(&close), vec![]);
    }

    #[test]
    fn int_11_agreement_guardian_and_consent_form_before_the_start() {
        let none = Facts {
            has_agreement: false,
            ..clean()
        };
        fails(&none, "INT-11", "no_agreement", Severity::Hard);
        let minor = Facts {
            birth_date: date!(2010 - 01 - 01),
            ..clean()
        };
        fails(&minor, "INT-11", "no_guardian_signature", Severity::Hard);
        let minor_signed = Facts {
            has_guardian_consent: true,
            ..minor
        };
        assert_eq!(codes(&minor_signed), vec![]);
        let no_form = Facts {
            has_consent_form: false,
            ..clean()
        };
        fails(&no_form, "INT-11", "no_consent_form", Severity::Hard);
        let self_found = Facts {
            has_consent_form: false,
            self_found: true,
            ..clean()
        };
        assert_eq!(
            codes(&self_found),
            vec![],
            "the consent form is for school-arranged internships"
        );
    }

    #[test]
    fn int_12_insurance_covers_the_whole_period_and_the_student_never_pays() {
        let none = Facts {
            policy_no: String::new(),
            ..clean()
        };
        fails(&none, "INT-12", "no_insurance", Severity::Hard);
        let gap = Facts {
            cover_to: Some(date!(2027 - 08 - 30)),
            ..clean()
        };
        fails(&gap, "INT-12", "cover_gap", Severity::Hard);
        let student = Facts {
            premium_payer: Some(PremiumPayer::Student),
            ..clean()
        };
        fails(&student, "INT-12", "student_pays_premium", Severity::Hard);
        let nobody = Facts {
            premium_payer: None,
            ..clean()
        };
        fails(&nobody, "INT-12", "no_premium_payer", Severity::Hard);
        let host_pays = Facts {
            premium_payer: Some(PremiumPayer::Host),
            ..clean()
        };
        assert_eq!(codes(&host_pays), vec![]);
    }

    #[test]
    fn int_13_both_supervisors_are_named_or_a_warning_is_shown() {
        let f = Facts {
            has_school_supervisor: false,
            has_host_supervisor: false,
            ..clean()
        };
        fails(&f, "INT-13", "no_school_supervisor", Severity::Soft);
        fails(&f, "INT-13", "no_host_supervisor", Severity::Soft);
        assert!(
            check(&f, &InternshipRules::default())
                .iter()
                .all(|r| !r.is_hard())
        );
    }

    #[test]
    fn int_14_a_self_found_host_faces_the_same_rules_and_a_minor_chooses_with_the_guardian() {
        let minor_alone = Facts {
            self_found: true,
            has_consent_form: false,
            birth_date: date!(2010 - 01 - 01),
            ..clean()
        };
        fails(
            &minor_alone,
            "INT-14",
            "self_found_without_guardian",
            Severity::Hard,
        );
        let same_rules = Facts {
            self_found: true,
            overtime: true,
            ..clean()
        };
        fails(&same_rules, "INT-05", "overtime", Severity::Hard);
    }

    #[test]
    fn every_failure_is_listed_hard_ones_first() {
        let bad = Facts {
            overtime: true,
            fees_charged: 100,
            has_host_supervisor: false,
            reference_wage: None,
            ..clean()
        };
        let found = check(&bad, &InternshipRules::default());
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].is_hard() && found[1].is_hard());
        assert!(!found[2].is_hard() && !found[3].is_hard());
    }

    #[test]
    fn missing_weeks_are_ended_weeks_of_the_period_without_an_entry() {
        // Monday 2027-03-01 to Sunday 2027-03-28: four weeks; today Wednesday 2027-03-24.
        let start = date!(2027 - 03 - 01);
        let missing = missing_weeks(
            start,
            date!(2027 - 06 - 30),
            date!(2027 - 03 - 24),
            &[date!(2027 - 03 - 08)],
        );
        assert_eq!(missing, vec![date!(2027 - 03 - 01), date!(2027 - 03 - 15)]);
        assert_eq!(week_of(date!(2027 - 03 - 07)), date!(2027 - 03 - 01));
        assert!(missing_weeks(start, date!(2027 - 06 - 30), start, &[]).is_empty());
    }

    #[test]
    fn status_moves_only_forward_except_ready_back_to_draft() {
        use InternshipStatus::*;
        assert!(Draft.may_move_to(Ready));
        assert!(Ready.may_move_to(InProgress));
        assert!(!Draft.may_move_to(InProgress));
        assert!(InProgress.may_move_to(Finished));
        assert!(!Finished.may_move_to(InProgress));
        assert!(!Terminated.may_move_to(Draft));
    }

    #[test]
    fn internship_input_names_each_bad_field() {
        let input = InternshipInput {
            trainee_id: "x".into(),
            kind: "实习".into(),
            host_org_id: OrgId::new().to_string(),
            post_name: "AOI 检测员".into(),
            start_on: "2027-09-01".into(),
            end_on: "2027-03-01".into(),
            daily_hours: "8".into(),
            weekly_hours: "40".into(),
            hazards: vec!["toxic,bogus".into()],
            ..Default::default()
        };
        let e = input.validate().unwrap_err();
        assert_eq!(e.for_field("trainee_id"), Some(&Problem::InvalidChoice));
        assert_eq!(e.for_field("kind"), Some(&Problem::InvalidChoice));
        assert_eq!(e.for_field("end_on"), Some(&Problem::EndBeforeStart));
        assert_eq!(e.for_field("hazards"), Some(&Problem::InvalidChoice));
    }
}
