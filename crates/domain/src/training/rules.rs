//! What the internship rules look at and answer: the thresholds
//! ([`InternshipRules`]), the facts gathered by the caller ([`Facts`]) and
//! each failure as data ([`RuleFailure`]).

use super::{Hazard, InternshipKind, PremiumPayer, SpecialtyRelation};
use serde::{Deserialize, Serialize};
use time::Date;

// ------------------------------------------------------------ the rules

/// Thresholds of the internship rules (reference §9.1), from configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the start (unless the secretariat overrides it with a reason).
    Hard,
    /// A warning shown with the start.
    Soft,
}

/// One rule an internship breaks, as data: the rule's id, a stable code, how
/// much it weighs and the numbers the sentence needs (`{"age": "15"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
    pub(super) fn new(rule: &str, code: &str, severity: Severity) -> Self {
        RuleFailure {
            rule: rule.into(),
            code: code.into(),
            severity,
            params: Vec::new(),
        }
    }
    pub(super) fn with(mut self, key: &str, value: impl ToString) -> Self {
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
