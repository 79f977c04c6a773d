//! Eligibility to apply (§3.3, SKL-01..03): a [`RuleSet`] of alternative
//! condition sets per level, and [`check_eligibility`] over the trainee's
//! [`Facts`], with the evidence of every condition.

use super::Level;
use crate::demand::iso;
use crate::supply::{MajorLevel, TraineeStatus};
use serde::Serialize;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ConditionCheck {
    /// Condition key (`graduate`, `holds_level`…).
    pub condition: String,
    /// Met or not.
    pub met: bool,
    /// The facts it was decided on, e.g. `class=advanced; graduation=2027; status=enrolled; final_year=yes`.
    pub evidence: String,
}

/// How one alternative fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
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
}
