//! The eligibility rules a trainee–place pair must pass (reference §9.1
//! and §9.6), with their thresholds from configuration.

use super::RoundKind;
use crate::ids::OrgId;
use crate::supply::TraineeStatus;
use serde::{Deserialize, Serialize};
use time::Date;

/// The thresholds of the eligibility rules, from configuration (reference
/// §9: values marked C belong in configuration, not in code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoundRules {
    /// Youngest age at the start of a position internship (INT-02): 16.
    pub min_intern_age: u32,
    /// Youngest age at the start of an apprenticeship or a job (APP-07, 劳动法 Art. 15): 16.
    pub min_work_age: u32,
    /// Position interns at a host may not exceed this percentage of its in-service staff (INT-08): 10.
    pub host_intern_percent: u32,
    /// Interns on one post may not exceed this percentage of that post's in-service staff (INT-08): 20.
    pub post_intern_percent: u32,
}

impl Default for RoundRules {
    fn default() -> Self {
        RoundRules {
            min_intern_age: 16,
            min_work_age: 16,
            host_intern_percent: 10,
            post_intern_percent: 20,
        }
    }
}

/// Why a trainee may not take a place, with the rule it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Violation {
    /// Younger than the minimum age on the start date (INT-02, APP-07).
    UnderAge {
        /// The minimum age.
        min_age: u32,
        /// The trainee's age on the start date.
        age: u32,
    },
    /// In the first year of their programme on the start date (INT-02).
    FirstYear,
    /// Belongs to no cohort, so the year of study is unknown (INT-02 cannot be checked).
    NoCohort,
    /// The trainee's major is not linked to the post's occupation (INT-10).
    MajorUnrelated,
    /// The post names no occupation, so the major's fit cannot be checked (INT-10).
    NoOccupation,
    /// The post has night shifts (INT-05).
    NightShift,
    /// Already in an active internship (§9.6).
    AlreadyInterning,
    /// Already in an order class of another enterprise (ORD-03).
    OtherOrderClass,
}

impl Violation {
    /// The rule's id in the domain reference (§9).
    pub fn rule(self) -> &'static str {
        match self {
            Violation::UnderAge { .. } | Violation::FirstYear | Violation::NoCohort => "INT-02",
            Violation::MajorUnrelated | Violation::NoOccupation => "INT-10",
            Violation::NightShift => "INT-05",
            Violation::AlreadyInterning => "§9.6",
            Violation::OtherOrderClass => "ORD-03",
        }
    }
    /// A short stable code (`under_age`).
    pub fn code(self) -> &'static str {
        match self {
            Violation::UnderAge { .. } => "under_age",
            Violation::FirstYear => "first_year",
            Violation::NoCohort => "no_cohort",
            Violation::MajorUnrelated => "major_unrelated",
            Violation::NoOccupation => "no_occupation",
            Violation::NightShift => "night_shift",
            Violation::AlreadyInterning => "already_interning",
            Violation::OtherOrderClass => "other_order_class",
        }
    }
}

/// What the eligibility rules need to know about a trainee.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// Birth date (from the ID number).
    pub birth_date: Date,
    /// Status.
    pub status: TraineeStatus,
    /// The cohort's year of entry, if the trainee has a cohort.
    pub entry_year: Option<i64>,
    /// Occupation codes linked to the trainee's major.
    pub major_occupations: &'a [String],
    /// The enterprise sponsoring the trainee's cohort as an order class.
    pub sponsor: Option<OrgId>,
}

/// What the eligibility rules need to know about a place.
#[derive(Debug, Clone)]
pub struct Post<'a> {
    /// The enterprise.
    pub org_id: OrgId,
    /// First day.
    pub start_on: Date,
    /// Occupation code, if given.
    pub occupation_code: Option<&'a str>,
    /// Night shifts.
    pub night_shift: bool,
}

/// Age in whole years on `on`; 0 before the birth date.
pub fn age_on(birth: Date, on: Date) -> u32 {
    let mut years = on.year() - birth.year();
    if (u8::from(on.month()), on.day()) < (u8::from(birth.month()), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// The year of study on `on` of a cohort that entered in September of
/// `entry_year`: 1 from that September to the next August, and so on.
pub fn year_of_study(entry_year: i64, on: Date) -> i64 {
    let september = i64::from(u8::from(on.month()) >= 9);
    i64::from(on.year()) - entry_year + september
}

/// Whether a major linked to `major_occupations` fits a post of occupation
/// `code` (INT-10): the same occupation (对口), or one of the same minor group,
/// the first three parts of the code such as `6-25-01` (相近).
pub fn major_fits(major_occupations: &[String], code: &str) -> bool {
    let group = |c: &str| c.split('-').take(3).collect::<Vec<_>>().join("-");
    let wanted = group(code);
    major_occupations
        .iter()
        .any(|o| o == code || (code.split('-').count() >= 3 && group(o) == wanted))
}

/// Every rule a trainee–place pair breaks in a round of `kind`; empty when feasible.
pub fn violations(
    kind: RoundKind,
    rules: &RoundRules,
    c: &Candidate<'_>,
    p: &Post<'_>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    let age = age_on(c.birth_date, p.start_on);
    match kind {
        RoundKind::Internship => {
            if age < rules.min_intern_age {
                out.push(Violation::UnderAge {
                    min_age: rules.min_intern_age,
                    age,
                });
            }
            match c.entry_year {
                Some(entry) if year_of_study(entry, p.start_on) <= 1 => {
                    out.push(Violation::FirstYear)
                }
                Some(_) => {}
                None => out.push(Violation::NoCohort),
            }
            match p.occupation_code {
                Some(code) if !major_fits(c.major_occupations, code) => {
                    out.push(Violation::MajorUnrelated)
                }
                Some(_) => {}
                None => out.push(Violation::NoOccupation),
            }
            if p.night_shift {
                out.push(Violation::NightShift);
            }
            if c.status == TraineeStatus::Interning && c.sponsor != Some(p.org_id) {
                out.push(Violation::AlreadyInterning);
            }
        }
        RoundKind::Apprenticeship | RoundKind::Job => {
            if age < rules.min_work_age {
                out.push(Violation::UnderAge {
                    min_age: rules.min_work_age,
                    age,
                });
            }
        }
        RoundKind::OrderClass => {
            if c.sponsor.is_some_and(|s| s != p.org_id) {
                out.push(Violation::OtherOrderClass);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn candidate(occupations: &[String]) -> Candidate<'_> {
        Candidate {
            birth_date: date!(2011 - 06 - 01),
            status: TraineeStatus::Enrolled,
            entry_year: Some(2026),
            major_occupations: occupations,
            sponsor: None,
        }
    }

    #[test]
    fn a_fifteen_year_old_first_year_cannot_take_a_position_internship() {
        let occupations = vec!["6-25-01-13".to_string()];
        let post = Post {
            org_id: OrgId::new(),
            start_on: date!(2027 - 03 - 01),
            occupation_code: Some("6-25-01-13"),
            night_shift: false,
        };
        let v = violations(
            RoundKind::Internship,
            &RoundRules::default(),
            &candidate(&occupations),
            &post,
        );
        assert_eq!(
            v,
            vec![
                Violation::UnderAge {
                    min_age: 16,
                    age: 15
                },
                Violation::FirstYear
            ]
        );
        // The same trainee may take a job only at 16 too, but is not held to the school-year rule.
        let job = violations(
            RoundKind::Job,
            &RoundRules::default(),
            &candidate(&occupations),
            &post,
        );
        assert_eq!(job.len(), 1);
    }

    #[test]
    fn night_shifts_an_unrelated_major_and_a_current_internship_are_each_named() {
        let occupations = vec!["6-31-01-03".to_string()];
        let mut c = candidate(&occupations);
        c.birth_date = date!(2006 - 01 - 01);
        c.entry_year = Some(2024);
        c.status = TraineeStatus::Interning;
        let post = Post {
            org_id: OrgId::new(),
            start_on: date!(2027 - 03 - 01),
            occupation_code: Some("6-25-01-13"),
            night_shift: true,
        };
        let v = violations(RoundKind::Internship, &RoundRules::default(), &c, &post);
        assert_eq!(
            v,
            vec![
                Violation::MajorUnrelated,
                Violation::NightShift,
                Violation::AlreadyInterning
            ]
        );
    }

    #[test]
    fn the_year_of_study_turns_over_in_september() {
        assert_eq!(year_of_study(2026, date!(2027 - 08 - 31)), 1);
        assert_eq!(year_of_study(2026, date!(2027 - 09 - 01)), 2);
        assert_eq!(year_of_study(2024, date!(2027 - 03 - 01)), 3);
    }

    #[test]
    fn a_major_fits_its_own_occupation_and_its_minor_group_but_not_another() {
        let m = vec!["6-25-01-12".to_string()];
        assert!(major_fits(&m, "6-25-01-12"));
        assert!(major_fits(&m, "6-25-01-13"), "same minor group: 相近");
        assert!(!major_fits(&m, "6-25-02-01"));
        assert!(!major_fits(&[], "6-25-01-13"));
    }
}
