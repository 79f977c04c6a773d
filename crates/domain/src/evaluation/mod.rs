//! Skill evaluation (职业技能等级认定, reference §3, §8.4, §9.3): evaluation
//! institutions and their filings, sessions, candidates' scores, the pass
//! rule (SKL-04) and eligibility to apply (SKL-01..03).
//!
//! Eligibility is data: a [`RuleSet`] lists, per level, alternative condition
//! sets (any one suffices, §3.3), and [`check_eligibility`] — one pure
//! function — evaluates them against the [`Facts`] taken from a trainee's
//! record, recording which alternative matched and the evidence of every
//! condition, so that a refusal can be explained.

use crate::demand::{date_field, integer_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::{CandidateId, EvaluationSessionId, FilingId, OrgId, TraineeId};
use crate::members::{name_field, string_enum};
use crate::supply::{MajorLevel, TraineeStatus};
use serde::Serialize;

string_enum!(
    /// Evaluation-institution type, the first letter of a certificate number (§3.4).
    InstitutionKind {
        /// 用人单位 (employer).
        Employer = "Y",
        /// 社会培训评价组织 (social training-evaluation organisation).
        Social = "S",
    }
);

string_enum!(
    /// A level one can be evaluated for (五级…一级), stored as the ladder's code.
    Level {
        /// 五级/初级工.
        Level5 = "level5",
        /// 四级/中级工.
        Level4 = "level4",
        /// 三级/高级工.
        Level3 = "level3",
        /// 二级/技师.
        Level2 = "level2",
        /// 一级/高级技师.
        Level1 = "level1",
    }
);

impl Level {
    /// Rank on the ladder (1 = 五级 … 5 = 一级), for "at least" comparisons.
    pub fn rank(self) -> u8 {
        6 - self.digit()
    }
    /// The official digit (5 = lowest … 1 = highest), as in certificate numbers.
    pub fn digit(self) -> u8 {
        match self {
            Level::Level5 => 5,
            Level::Level4 => 4,
            Level::Level3 => 3,
            Level::Level2 => 2,
            Level::Level1 => 1,
        }
    }
    /// The certificate wording, "中文数字+级/名称".
    pub fn wording(self) -> &'static str {
        match self {
            Level::Level5 => "五级/初级工",
            Level::Level4 => "四级/中级工",
            Level::Level3 => "三级/高级工",
            Level::Level2 => "二级/技师",
            Level::Level1 => "一级/高级技师",
        }
    }
    /// 技师 and 高级技师 add a comprehensive review (综合评审).
    pub fn needs_review(self) -> bool {
        matches!(self, Level::Level2 | Level::Level1)
    }
}

/// A member organisation registered as an evaluation institution (§8.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Institution {
    /// The organisation.
    pub org_id: OrgId,
    /// Y or S.
    pub kind: InstitutionKind,
    /// 4 digits (`0000` when filed with a province).
    pub institution_code: String,
    /// GB/T 2260 province code, 2 digits.
    pub province_code: String,
    /// Site sequence assigned by the province, 6 digits.
    pub site_code: String,
}

/// Institution fields as typed.
#[derive(Debug, Clone, Default)]
pub struct InstitutionInput {
    /// `kind`: Y or S.
    pub kind: String,
    /// `institution_code`.
    pub institution_code: String,
    /// `province_code`.
    pub province_code: String,
    /// `site_code`.
    pub site_code: String,
}

fn digits(text: &str, n: usize) -> Result<String, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    if t.chars().count() != n {
        return Err(Problem::WrongLength { expected: n });
    }
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::InvalidFormat);
    }
    Ok(t.to_string())
}

/// GB/T 2260 province codes accepted in certificate numbers (§3.4).
pub const PROVINCES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

impl InstitutionInput {
    /// Validates every field.
    pub fn validate(&self, org_id: OrgId) -> Result<Institution, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = e.check(
            "kind",
            InstitutionKind::parse(&self.kind.to_ascii_uppercase()),
        );
        let code = e.check("institution_code", digits(&self.institution_code, 4));
        let province = e.check(
            "province_code",
            digits(&self.province_code, 2).and_then(|p| {
                if PROVINCES.contains(&p.as_str()) {
                    Ok(p)
                } else {
                    Err(Problem::UnknownRegion)
                }
            }),
        );
        let site = e.check("site_code", digits(&self.site_code, 6));
        e.into_result()?;
        match (kind, code, province, site) {
            (Some(kind), Some(institution_code), Some(province_code), Some(site_code)) => {
                Ok(Institution {
                    org_id,
                    kind,
                    institution_code,
                    province_code,
                    site_code,
                })
            }
            _ => Err(FieldErrors::new()),
        }
    }
}

/// An institution's filing (备案): which occupation and levels it may
/// evaluate and certify, from when until when (CERT-01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Filing {
    /// Id.
    pub id: FilingId,
    /// The institution (its organisation).
    pub org_id: OrgId,
    /// Occupation code.
    pub occupation_code: String,
    /// Levels covered.
    pub levels: Vec<Level>,
    /// With whom it is filed (人社部, 湖北省人社厅…).
    pub filed_with: String,
    /// The filing or authorization number (黄光联〔2025〕3号).
    pub reference: String,
    /// First day in force, `YYYY-MM-DD`.
    pub valid_from: String,
    /// Last day in force, if limited.
    pub valid_to: Option<String>,
}

impl Filing {
    /// Whether it covers `occupation` at `level` on day `on` (CERT-01).
    pub fn covers(&self, occupation: &str, level: Level, on: time::Date) -> bool {
        let from = date_field(&self.valid_from).ok();
        let to = self.valid_to.as_deref().and_then(|t| date_field(t).ok());
        self.occupation_code == occupation
            && self.levels.contains(&level)
            && from.is_some_and(|f| f <= on)
            && to.is_none_or(|t| on <= t)
    }
}

/// Filing fields as typed.
#[derive(Debug, Clone, Default)]
pub struct FilingInput {
    /// `occupation_code`.
    pub occupation_code: String,
    /// `levels`: level codes.
    pub levels: Vec<String>,
    /// `filed_with`.
    pub filed_with: String,
    /// `reference`.
    pub reference: String,
    /// `valid_from`.
    pub valid_from: String,
    /// `valid_to` (empty: open-ended).
    pub valid_to: String,
}

impl FilingInput {
    /// Validates every field (the occupation's existence is checked by the caller).
    pub fn validate(&self, org_id: OrgId) -> Result<Filing, FieldErrors> {
        let mut e = FieldErrors::new();
        let occupation = e.check("occupation_code", name_field(&self.occupation_code, 1, 20));
        let mut levels = Vec::new();
        for l in &self.levels {
            if let Some(level) = e.check("levels", Level::parse(l))
                && !levels.contains(&level)
            {
                levels.push(level);
            }
        }
        if self.levels.is_empty() {
            e.push("levels", Problem::Required);
        }
        levels.sort_by_key(|l| l.rank());
        let filed_with = e.check("filed_with", name_field(&self.filed_with, 1, 60));
        let reference = e.check("reference", name_field(&self.reference, 1, 60));
        let from = e.check("valid_from", date_field(&self.valid_from));
        let to = if self.valid_to.trim().is_empty() {
            Some(None)
        } else {
            e.check("valid_to", date_field(&self.valid_to).map(Some))
        };
        if let (Some(f), Some(Some(t))) = (from, to)
            && t < f
        {
            e.push("valid_to", Problem::EndBeforeStart);
        }
        e.into_result()?;
        match (occupation, filed_with, reference, from, to) {
            (Some(occupation_code), Some(filed_with), Some(reference), Some(from), Some(to)) => {
                Ok(Filing {
                    id: FilingId::new(),
                    org_id,
                    occupation_code,
                    levels,
                    filed_with,
                    reference,
                    valid_from: iso(from),
                    valid_to: to.map(iso),
                })
            }
            _ => Err(FieldErrors::new()),
        }
    }
}

/// An evaluation session (认定批次) of one institution for one occupation and level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    /// Id.
    pub id: EvaluationSessionId,
    /// The institution.
    pub org_id: OrgId,
    /// Occupation code.
    pub occupation_code: String,
    /// Level.
    pub level: Level,
    /// Day of the assessment, `YYYY-MM-DD`.
    pub held_on: String,
    /// Venue.
    pub venue: String,
    /// Examiners (考评员), by name.
    pub examiners: Vec<String>,
}

/// Session fields as typed.
#[derive(Debug, Clone, Default)]
pub struct SessionInput {
    /// `occupation_code`.
    pub occupation_code: String,
    /// `level`.
    pub level: String,
    /// `held_on`.
    pub held_on: String,
    /// `venue`.
    pub venue: String,
    /// `examiners`: names separated by commas or 、.
    pub examiners: String,
}

impl SessionInput {
    /// Validates every field.
    pub fn validate(&self, org_id: OrgId) -> Result<Session, FieldErrors> {
        let mut e = FieldErrors::new();
        let occupation = e.check("occupation_code", name_field(&self.occupation_code, 1, 20));
        let level = e.check("level", Level::parse(&self.level));
        let held_on = e.check("held_on", date_field(&self.held_on));
        let venue = e.check("venue", name_field(&self.venue, 1, 100));
        let examiners: Vec<String> = self
            .examiners
            .split([',', '，', '、', ';', '；'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if examiners.is_empty() {
            e.push("examiners", Problem::Required);
        } else if examiners.iter().any(|x| name_field(x, 1, 30).is_err()) {
            e.push("examiners", Problem::InvalidFormat);
        }
        e.into_result()?;
        match (occupation, level, held_on, venue) {
            (Some(occupation_code), Some(level), Some(held_on), Some(venue)) => Ok(Session {
                id: EvaluationSessionId::new(),
                org_id,
                occupation_code,
                level,
                held_on: iso(held_on),
                venue,
                examiners,
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// The three assessed parts, each scored 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scores {
    /// 理论知识考试.
    pub theory: i64,
    /// 操作技能考核.
    pub practical: i64,
    /// 综合评审 (技师 and above only).
    pub review: Option<i64>,
}

/// Score fields as typed.
#[derive(Debug, Clone, Default)]
pub struct ScoresInput {
    /// `theory_score`.
    pub theory: String,
    /// `practical_score`.
    pub practical: String,
    /// `review_score` (required for 技师 and 高级技师, refused below).
    pub review: String,
}

impl ScoresInput {
    /// Validates the scores for a session of `level`.
    pub fn validate(&self, level: Level) -> Result<Scores, FieldErrors> {
        let mut e = FieldErrors::new();
        let theory = e.check("theory_score", integer_field(&self.theory, 0, 100));
        let practical = e.check("practical_score", integer_field(&self.practical, 0, 100));
        let review = match (level.needs_review(), self.review.trim().is_empty()) {
            (true, _) => e.check(
                "review_score",
                integer_field(&self.review, 0, 100).map(Some),
            ),
            (false, true) => Some(None),
            (false, false) => {
                e.push(
                    "review_score",
                    Problem::Rule {
                        key: "review_only_technician",
                    },
                );
                None
            }
        };
        e.into_result()?;
        match (theory, practical, review) {
            (Some(theory), Some(practical), Some(review)) => Ok(Scores {
                theory,
                practical,
                review,
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// The pass rule (SKL-04): every assessed part at least `pass_mark`; 技师 and
/// above need the comprehensive review too.
pub fn passes(level: Level, scores: &Scores, pass_mark: i64) -> bool {
    let review_ok = match (level.needs_review(), scores.review) {
        (true, Some(r)) => r >= pass_mark,
        (true, None) => false,
        (false, _) => true,
    };
    scores.theory >= pass_mark && scores.practical >= pass_mark && review_ok
}

/// A candidate of a session: who, why eligible, scores and result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Id.
    pub id: CandidateId,
    /// The session.
    pub session_id: EvaluationSessionId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// Which alternative matched, with the evidence (SKL-01).
    pub eligibility: Eligibility,
    /// Scores, once recorded.
    pub scores: Option<Scores>,
    /// Result, once scored.
    pub passed: Option<bool>,
}

// ---- Eligibility (§3.3) ------------------------------------------------------

/// One condition of an alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Holds a certificate of this level or higher in the occupation.
    HoldsLevel(Level),
    /// At least this many years of recorded work in the occupation after obtaining `Level`.
    YearsAfter(Level, u32),
    /// At least this many years of recorded work in the occupation in total.
    YearsTotal(u32),
    /// Graduated (or, when `final_year_ok`, in the final year) from a class of
    /// one of these levels in a major linked to the occupation.
    Graduate {
        /// Class levels that count.
        classes: &'static [MajorLevel],
        /// Current final-year students count.
        final_year_ok: bool,
    },
    /// Completed an apprenticeship in the occupation.
    Apprenticeship,
}

impl Condition {
    /// A stable key (for the interface's wording and the stored evidence).
    pub fn key(self) -> &'static str {
        match self {
            Condition::HoldsLevel(_) => "holds_level",
            Condition::YearsAfter(..) => "years_after",
            Condition::YearsTotal(_) => "years_total",
            Condition::Graduate { .. } => "graduate",
            Condition::Apprenticeship => "apprenticeship",
        }
    }
}

/// One alternative: all its conditions must hold.
#[derive(Debug, Clone, Copy)]
pub struct Alternative {
    /// Id within the level (`4.3`).
    pub id: &'static str,
    /// The standard's wording.
    pub text_zh: &'static str,
    /// In English.
    pub text_en: &'static str,
    /// Conditions, all required.
    pub conditions: &'static [Condition],
}

/// The alternatives for one level.
#[derive(Debug, Clone, Copy)]
pub struct LevelRule {
    /// The level applied for.
    pub level: Level,
    /// Any one suffices.
    pub alternatives: &'static [Alternative],
}

/// A versioned rule set (by standard edition).
#[derive(Debug, Clone, Copy)]
pub struct RuleSet {
    /// Which edition of the rules.
    pub edition: &'static str,
    /// Per level.
    pub levels: &'static [LevelRule],
}

const TECH_SCHOOL: &[MajorLevel] = &[
    MajorLevel::Intermediate,
    MajorLevel::Advanced,
    MajorLevel::PreparatoryTechnician,
    MajorLevel::Secondary,
];
const SENIOR_SCHOOL: &[MajorLevel] = &[
    MajorLevel::Advanced,
    MajorLevel::PreparatoryTechnician,
    MajorLevel::Associate,
];
const TECHNICIAN_COLLEGE: &[MajorLevel] =
    &[MajorLevel::Advanced, MajorLevel::PreparatoryTechnician];
const PREPARATORY: &[MajorLevel] = &[MajorLevel::PreparatoryTechnician];
const ASSOCIATE: &[MajorLevel] = &[MajorLevel::Associate];

/// The common template of the 2018+ national occupational skill standards
/// (§3.3), used for every occupation until an occupation's own rules are loaded.
pub const NATIONAL_TEMPLATE_2018: RuleSet = RuleSet {
    edition: "national-template-2018",
    levels: &[
        LevelRule {
            level: Level::Level5,
            alternatives: &[
                Alternative {
                    id: "5.1",
                    text_zh: "累计从事本职业工作1年及以上",
                    text_en: "at least 1 year of work in the occupation",
                    conditions: &[Condition::YearsTotal(1)],
                },
                Alternative {
                    id: "5.2",
                    text_zh: "本职业学徒期满",
                    text_en: "completed an apprenticeship in the occupation",
                    conditions: &[Condition::Apprenticeship],
                },
            ],
        },
        LevelRule {
            level: Level::Level4,
            alternatives: &[
                Alternative {
                    id: "4.1",
                    text_zh: "取得五级证书后，累计从事本职业工作4年及以上",
                    text_en: "holds level 5 and at least 4 years of work after it",
                    conditions: &[
                        Condition::HoldsLevel(Level::Level5),
                        Condition::YearsAfter(Level::Level5, 4),
                    ],
                },
                Alternative {
                    id: "4.2",
                    text_zh: "累计从事本职业工作6年及以上",
                    text_en: "at least 6 years of work in the occupation",
                    conditions: &[Condition::YearsTotal(6)],
                },
                Alternative {
                    id: "4.3",
                    text_zh: "技工学校本专业或相关专业毕业（含尚未毕业的在校应届毕业生），或经评估论证的以中级技能为培养目标的中等及以上职业学校本专业或相关专业毕业",
                    text_en: "graduate (or final-year student) of a technical school, or of an evaluated vocational school targeting intermediate skill, in this or a related specialty",
                    conditions: &[Condition::Graduate {
                        classes: TECH_SCHOOL,
                        final_year_ok: true,
                    }],
                },
            ],
        },
        LevelRule {
            level: Level::Level3,
            alternatives: &[
                Alternative {
                    id: "3.1",
                    text_zh: "取得四级证书后，累计从事本职业工作5年及以上",
                    text_en: "holds level 4 and at least 5 years of work after it",
                    conditions: &[
                        Condition::HoldsLevel(Level::Level4),
                        Condition::YearsAfter(Level::Level4, 5),
                    ],
                },
                Alternative {
                    id: "3.2",
                    text_zh: "取得四级证书，并具有高级技工学校、技师学院毕业证书（含尚未毕业的在校应届毕业生），或经评估论证的以高级技能为培养目标的高等职业学校本专业或相关专业毕业",
                    text_en: "holds level 4 and graduated (or is a final-year student) from a senior technical school or technician college, or an evaluated higher vocational school targeting senior skill",
                    conditions: &[
                        Condition::HoldsLevel(Level::Level4),
                        Condition::Graduate {
                            classes: SENIOR_SCHOOL,
                            final_year_ok: true,
                        },
                    ],
                },
                Alternative {
                    id: "3.3",
                    text_zh: "具有大专及以上本专业或相关专业毕业证书，并取得四级证书后，累计从事本职业工作2年及以上",
                    text_en: "associate degree or higher in this or a related specialty, holds level 4 and at least 2 years of work after it",
                    conditions: &[
                        Condition::Graduate {
                            classes: ASSOCIATE,
                            final_year_ok: false,
                        },
                        Condition::HoldsLevel(Level::Level4),
                        Condition::YearsAfter(Level::Level4, 2),
                    ],
                },
            ],
        },
        LevelRule {
            level: Level::Level2,
            alternatives: &[
                Alternative {
                    id: "2.1",
                    text_zh: "取得三级证书后，累计从事本职业工作4年及以上",
                    text_en: "holds level 3 and at least 4 years of work after it",
                    conditions: &[
                        Condition::HoldsLevel(Level::Level3),
                        Condition::YearsAfter(Level::Level3, 4),
                    ],
                },
                Alternative {
                    id: "2.2",
                    text_zh: "取得三级证书的高级技工学校、技师学院毕业生，累计从事本职业工作3年及以上",
                    text_en: "holds level 3 as a graduate of a senior technical school or technician college, with at least 3 years of work",
                    conditions: &[
                        Condition::HoldsLevel(Level::Level3),
                        Condition::Graduate {
                            classes: TECHNICIAN_COLLEGE,
                            final_year_ok: false,
                        },
                        Condition::YearsTotal(3),
                    ],
                },
                Alternative {
                    id: "2.3",
                    text_zh: "取得预备技师证书的技师学院毕业生，累计从事本职业工作2年及以上",
                    text_en: "technician-college graduate of a preparatory technician class, with at least 2 years of work",
                    conditions: &[
                        Condition::Graduate {
                            classes: PREPARATORY,
                            final_year_ok: false,
                        },
                        Condition::YearsTotal(2),
                    ],
                },
            ],
        },
        LevelRule {
            level: Level::Level1,
            alternatives: &[Alternative {
                id: "1.1",
                text_zh: "取得二级证书后，累计从事本职业工作4年及以上",
                text_en: "holds level 2 and at least 4 years of work after it",
                conditions: &[
                    Condition::HoldsLevel(Level::Level2),
                    Condition::YearsAfter(Level::Level2, 4),
                ],
            }],
        },
    ],
};

/// What the trainee's record says, as far as eligibility goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The day of the session.
    pub on: time::Date,
    /// Class level of the trainee's cohort's major, if any.
    pub class_level: Option<MajorLevel>,
    /// Whether that major is linked to the session's occupation.
    pub major_related: bool,
    /// Year the cohort graduates (or graduated).
    pub graduation_year: Option<i64>,
    /// The trainee's status.
    pub status: TraineeStatus,
    /// Whole years of work in the occupation recorded on the platform.
    pub years_in_occupation: u32,
    /// Certificates held in the occupation: level and issue date.
    pub held: Vec<(Level, time::Date)>,
    /// Whether an apprenticeship in the occupation is recorded as completed.
    pub apprenticeship_completed: bool,
}

/// How one condition fared, and on what evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ConditionCheck {
    /// Condition key (`graduate`, `holds_level`…).
    pub condition: String,
    /// Met or not.
    pub met: bool,
    /// The facts it was decided on, e.g. `class=advanced; graduation=2027; status=enrolled; final_year=yes`.
    pub evidence: String,
}

/// How one alternative fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AlternativeCheck {
    /// Alternative id (`4.3`).
    pub id: String,
    /// Its wording (Chinese).
    pub text_zh: String,
    /// Its wording (English).
    pub text_en: String,
    /// All conditions met.
    pub met: bool,
    /// Each condition.
    pub conditions: Vec<ConditionCheck>,
}

/// The outcome of an eligibility check, stored with the candidate (SKL-01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Eligibility {
    /// Rule-set edition used.
    pub edition: String,
    /// Level applied for.
    pub level: String,
    /// The first alternative that matched, if any.
    pub matched: Option<String>,
    /// Every alternative with its evidence.
    pub alternatives: Vec<AlternativeCheck>,
}

impl Eligibility {
    /// True when some alternative matched.
    pub fn eligible(&self) -> bool {
        self.matched.is_some()
    }
}

fn is_final_year(facts: &Facts) -> bool {
    // The academic year runs from September: the final year of a cohort
    // graduating in year G runs from September G-1 to August G.
    let year = i64::from(facts.on.year());
    let month = u8::from(facts.on.month());
    facts.graduation_year.is_some_and(|g| {
        matches!(
            facts.status,
            TraineeStatus::Enrolled | TraineeStatus::Interning
        ) && (g == year && month <= 8 || g == year + 1 && month >= 9)
    })
}

fn graduated(facts: &Facts) -> bool {
    matches!(
        facts.status,
        TraineeStatus::Graduated | TraineeStatus::Employed
    ) || facts
        .graduation_year
        .is_some_and(|g| g < i64::from(facts.on.year()) && facts.status != TraineeStatus::Left)
}

fn held_since(facts: &Facts, level: Level) -> Option<time::Date> {
    facts
        .held
        .iter()
        .filter(|(l, _)| l.rank() >= level.rank())
        .map(|(_, d)| *d)
        .min()
}

fn check_condition(c: Condition, facts: &Facts) -> ConditionCheck {
    let (met, evidence) = match c {
        Condition::HoldsLevel(level) => {
            let since = held_since(facts, level);
            (
                since.is_some(),
                match since {
                    Some(d) => format!("holds>={}; since={}", level.as_str(), iso(d)),
                    None => format!("holds>={}: none recorded", level.as_str()),
                },
            )
        }
        Condition::YearsAfter(level, years) => {
            // Only recorded work counts (SKL-02), and only after the certificate.
            let since_years = held_since(facts, level).map_or(0, |d| {
                let mut y = facts.on.year() - d.year();
                if (u8::from(facts.on.month()), facts.on.day()) < (u8::from(d.month()), d.day()) {
                    y -= 1;
                }
                u32::try_from(y.max(0)).unwrap_or(0)
            });
            let counted = facts.years_in_occupation.min(since_years);
            (
                counted >= years,
                format!(
                    "needed={years}; recorded_work={}; years_since_certificate={since_years}",
                    facts.years_in_occupation
                ),
            )
        }
        Condition::YearsTotal(years) => (
            facts.years_in_occupation >= years,
            format!(
                "needed={years}; recorded_work={}",
                facts.years_in_occupation
            ),
        ),
        Condition::Graduate {
            classes,
            final_year_ok,
        } => {
            let class_ok = facts.class_level.is_some_and(|l| classes.contains(&l));
            let final_year = is_final_year(facts);
            let done = graduated(facts) || final_year_ok && final_year;
            (
                class_ok && facts.major_related && done,
                format!(
                    "class={}; related_major={}; graduation={}; status={}; final_year={}",
                    facts.class_level.map_or("none", |l| l.as_str()),
                    if facts.major_related { "yes" } else { "no" },
                    facts
                        .graduation_year
                        .map_or_else(|| "none".to_string(), |g| g.to_string()),
                    facts.status.as_str(),
                    if final_year { "yes" } else { "no" },
                ),
            )
        }
        Condition::Apprenticeship => (
            facts.apprenticeship_completed,
            format!(
                "apprenticeship_completed={}",
                if facts.apprenticeship_completed {
                    "yes"
                } else {
                    "no"
                }
            ),
        ),
    };
    ConditionCheck {
        condition: c.key().to_string(),
        met,
        evidence,
    }
}

/// Checks whether someone with these `facts` may apply for `level` under
/// `rules` (SKL-01): every alternative is evaluated and kept with its
/// evidence; the first that matches is named.
pub fn check_eligibility(rules: &RuleSet, level: Level, facts: &Facts) -> Eligibility {
    let alternatives: Vec<AlternativeCheck> = rules
        .levels
        .iter()
        .filter(|r| r.level == level)
        .flat_map(|r| r.alternatives.iter())
        .map(|a| {
            let conditions: Vec<ConditionCheck> = a
                .conditions
                .iter()
                .map(|c| check_condition(*c, facts))
                .collect();
            AlternativeCheck {
                id: a.id.to_string(),
                text_zh: a.text_zh.to_string(),
                text_en: a.text_en.to_string(),
                met: conditions.iter().all(|c| c.met),
                conditions,
            }
        })
        .collect();
    Eligibility {
        edition: rules.edition.to_string(),
        level: level.as_str().to_string(),
        matched: alternatives.iter().find(|a| a.met).map(|a| a.id.clone()),
        alternatives,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn student(class: MajorLevel, graduation: i64, status: TraineeStatus) -> Facts {
        Facts {
            on: date!(2026 - 11 - 28),
            class_level: Some(class),
            major_related: true,
            graduation_year: Some(graduation),
            status,
            years_in_occupation: 0,
            held: vec![],
            apprenticeship_completed: false,
        }
    }

    #[test]
    fn a_final_year_technical_school_student_may_apply_for_level4_by_alternative_4_3() {
        let facts = student(MajorLevel::Intermediate, 2027, TraineeStatus::Enrolled);
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level4, &facts);
        assert_eq!(e.matched.as_deref(), Some("4.3"));
        let alt = e.alternatives.iter().find(|a| a.id == "4.3").unwrap();
        assert!(
            alt.conditions[0].evidence.contains("final_year=yes"),
            "{alt:?}"
        );
        assert_eq!(e.edition, "national-template-2018");
    }

    #[test]
    fn a_first_year_student_is_refused_with_every_alternative_explained() {
        let facts = student(MajorLevel::Intermediate, 2029, TraineeStatus::Enrolled);
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level4, &facts);
        assert!(!e.eligible());
        assert_eq!(e.alternatives.len(), 3);
        assert!(e.alternatives.iter().all(|a| !a.met));
        let graduate = &e.alternatives[2].conditions[0];
        assert!(
            graduate.evidence.contains("graduation=2029"),
            "{graduate:?}"
        );
        assert!(graduate.evidence.contains("final_year=no"));
    }

    #[test]
    fn an_unrelated_major_does_not_count() {
        let mut facts = student(MajorLevel::Intermediate, 2027, TraineeStatus::Enrolled);
        facts.major_related = false;
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level4, &facts);
        assert!(!e.eligible());
        assert!(
            e.alternatives[2].conditions[0]
                .evidence
                .contains("related_major=no")
        );
    }

    #[test]
    fn level3_for_a_senior_class_needs_level4_held_first() {
        let mut facts = student(MajorLevel::Advanced, 2027, TraineeStatus::Enrolled);
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level3, &facts);
        assert!(!e.eligible());
        facts.held.push((Level::Level4, date!(2026 - 06 - 30)));
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level3, &facts);
        assert_eq!(e.matched.as_deref(), Some("3.2"));
    }

    #[test]
    fn years_after_a_certificate_count_only_recorded_work() {
        let mut facts = student(MajorLevel::Intermediate, 2015, TraineeStatus::Employed);
        facts.held.push((Level::Level3, date!(2016 - 07 - 01)));
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level2, &facts);
        assert!(
            !e.eligible(),
            "ten years since the certificate but no recorded work"
        );
        facts.years_in_occupation = 5;
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level2, &facts);
        assert_eq!(e.matched.as_deref(), Some("2.1"));
    }

    #[test]
    fn an_apprenticeship_opens_level5() {
        let mut facts = student(MajorLevel::Secondary, 2030, TraineeStatus::Enrolled);
        assert!(!check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level5, &facts).eligible());
        facts.apprenticeship_completed = true;
        let e = check_eligibility(&NATIONAL_TEMPLATE_2018, Level::Level5, &facts);
        assert_eq!(e.matched.as_deref(), Some("5.2"));
    }

    #[test]
    fn every_part_must_reach_the_pass_mark() {
        let s = |t, p, r| Scores {
            theory: t,
            practical: p,
            review: r,
        };
        assert!(passes(Level::Level4, &s(60, 60, None), 60));
        assert!(!passes(Level::Level4, &s(59, 95, None), 60));
        assert!(!passes(Level::Level4, &s(95, 59, None), 60));
        assert!(passes(Level::Level4, &s(70, 70, None), 70));
        assert!(!passes(Level::Level4, &s(69, 70, None), 70));
        // 技师 needs the comprehensive review as well.
        assert!(!passes(Level::Level2, &s(90, 90, None), 60));
        assert!(!passes(Level::Level2, &s(90, 90, Some(59)), 60));
        assert!(passes(Level::Level2, &s(90, 90, Some(60)), 60));
    }

    #[test]
    fn scores_are_checked_against_the_level() {
        let input = ScoresInput {
            theory: "80".into(),
            practical: "101".into(),
            review: "70".into(),
        };
        let errors = input.validate(Level::Level4).unwrap_err();
        assert!(matches!(
            errors.for_field("practical_score"),
            Some(Problem::OutOfRange { .. })
        ));
        assert!(errors.for_field("review_score").is_some());
        let input = ScoresInput {
            theory: "80".into(),
            practical: "80".into(),
            review: String::new(),
        };
        assert!(
            input
                .validate(Level::Level2)
                .unwrap_err()
                .for_field("review_score")
                .is_some()
        );
    }

    #[test]
    fn an_institution_needs_codes_of_the_right_shape_and_a_real_province() {
        let input = InstitutionInput {
            kind: "y".into(),
            institution_code: "0001".into(),
            province_code: "42".into(),
            site_code: "000123".into(),
        };
        let inst = input.validate(OrgId::new()).unwrap();
        assert_eq!(inst.kind, InstitutionKind::Employer);
        let bad = InstitutionInput {
            kind: "X".into(),
            institution_code: "01".into(),
            province_code: "99".into(),
            site_code: "12a456".into(),
        };
        let e = bad.validate(OrgId::new()).unwrap_err();
        assert_eq!(e.0.len(), 4);
        assert_eq!(e.for_field("province_code"), Some(&Problem::UnknownRegion));
    }

    #[test]
    fn a_filing_covers_its_occupation_levels_and_period_only() {
        let f = Filing {
            id: FilingId::new(),
            org_id: OrgId::new(),
            occupation_code: "6-25-04-01".into(),
            levels: vec![Level::Level4, Level::Level3],
            filed_with: "湖北省人社厅".into(),
            reference: "鄂人社备〔2025〕1号".into(),
            valid_from: "2025-01-01".into(),
            valid_to: Some("2027-12-31".into()),
        };
        assert!(f.covers("6-25-04-01", Level::Level4, date!(2026 - 11 - 28)));
        assert!(!f.covers("6-25-04-01", Level::Level2, date!(2026 - 11 - 28)));
        assert!(!f.covers("6-31-01-03", Level::Level4, date!(2026 - 11 - 28)));
        assert!(!f.covers("6-25-04-01", Level::Level4, date!(2028 - 01 - 01)));
        assert!(!f.covers("6-25-04-01", Level::Level4, date!(2024 - 12 - 31)));
    }
}
