//! Employment (就业): a trainee's job with an employer (reference.md §8.5
//! EmploymentRecord) and the follow-ups 6 and 12 months after the start
//! (retention and wage, §10.3 IND-08, IND-09), with the rule that says when a
//! follow-up is due, and the stages of the talent-chain funnel.

use crate::demand::{date_field, integer_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::{EmploymentId, OrgId, PlacementId, TraineeId};
use crate::members::{name_field, string_enum};
use crate::time::Timestamp;
use serde::Serialize;

string_enum!(
    /// How an employment record came about.
    EmploymentSource {
        /// Confirmed from a published placement.
        Placement = "placement",
        /// Entered by hand by the school or the employer.
        Manual = "manual",
    }
);

/// The follow-ups, in months after the start.
pub const CHECKPOINTS: [i64; 2] = [6, 12];

/// An employment record as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EmploymentRecord {
    /// Its id.
    pub id: EmploymentId,
    /// The trainee.
    pub trainee_id: TraineeId,
    /// The trainee's school.
    pub school_org_id: OrgId,
    /// The employer.
    pub employer_org_id: OrgId,
    /// The post (岗位).
    pub post: String,
    /// First working day, `YYYY-MM-DD`.
    pub start_on: String,
    /// Monthly wage in fen.
    pub wage_fen: i64,
    /// Placement or manual.
    pub source: EmploymentSource,
    /// The placement it was confirmed from.
    pub placement_id: Option<PlacementId>,
    /// True once the trainee's status was moved to employed for it.
    pub status_applied: bool,
    /// Who entered it (login).
    pub created_by: String,
    /// For which unit.
    pub created_org_id: OrgId,
    /// When.
    pub created_at: Timestamp,
}

/// A follow-up at 6 or 12 months.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Outcome {
    /// The record.
    pub record_id: EmploymentId,
    /// 6 or 12.
    pub months: i64,
    /// Still employed there.
    pub still_employed: bool,
    /// Monthly wage then, in fen, if known.
    pub wage_fen: Option<i64>,
    /// A note.
    pub note: String,
    /// Who entered it (login).
    pub entered_by: String,
    /// For which unit.
    pub entered_org_id: OrgId,
    /// When.
    pub entered_at: Timestamp,
}

/// Employment fields as typed. When confirming a placement, `employer_org_id`
/// and `post` may be left empty: they come from the placement's demand.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EmploymentInput {
    /// `employer_org_id`.
    pub employer_org_id: String,
    /// `post`.
    pub post: String,
    /// `start_on` (`YYYY-MM-DD`).
    pub start_on: String,
    /// `wage`: monthly, whole yuan.
    pub wage: String,
}

/// Validated employment fields.
#[derive(Debug, Clone)]
pub struct EmploymentFields {
    /// The employer, when given.
    pub employer_org_id: Option<OrgId>,
    /// The post, when given.
    pub post: Option<String>,
    /// First working day.
    pub start_on: time::Date,
    /// Monthly wage, fen.
    pub wage_fen: i64,
}

/// The largest monthly wage accepted, in yuan.
pub const MAX_WAGE_YUAN: i64 = 1_000_000;

fn wage_field(text: &str) -> Result<i64, Problem> {
    integer_field(text, 1, MAX_WAGE_YUAN).map(|y| y * 100)
}

impl EmploymentInput {
    /// Validates every field. `from_placement` makes the employer and post
    /// optional (the placement names them).
    pub fn validate(&self, from_placement: bool) -> Result<EmploymentFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let employer = if self.employer_org_id.trim().is_empty() && from_placement {
            Some(None)
        } else {
            e.check(
                "employer_org_id",
                if self.employer_org_id.trim().is_empty() {
                    Err(Problem::Required)
                } else {
                    self.employer_org_id
                        .trim()
                        .parse::<OrgId>()
                        .map(Some)
                        .map_err(|_| Problem::InvalidChoice)
                },
            )
        };
        let post = if self.post.trim().is_empty() && from_placement {
            Some(None)
        } else {
            e.check("post", name_field(&self.post, 2, 60).map(Some))
        };
        let start_on = e.check("start_on", date_field(&self.start_on));
        let wage_fen = e.check("wage", wage_field(&self.wage));
        match (employer, post, start_on, wage_fen) {
            (Some(employer_org_id), Some(post), Some(start_on), Some(wage_fen)) if e.is_empty() => {
                Ok(EmploymentFields {
                    employer_org_id,
                    post,
                    start_on,
                    wage_fen,
                })
            }
            _ => Err(e),
        }
    }
}

/// Follow-up fields as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OutcomeInput {
    /// `months`: 6 or 12.
    pub months: String,
    /// `still_employed`: yes or no.
    pub still_employed: String,
    /// `wage`: monthly, whole yuan (optional).
    pub wage: String,
    /// `note` (optional).
    pub note: String,
}

/// Validated follow-up fields.
#[derive(Debug, Clone)]
pub struct OutcomeFields {
    /// 6 or 12.
    pub months: i64,
    /// Still employed.
    pub still_employed: bool,
    /// Wage, fen.
    pub wage_fen: Option<i64>,
    /// Note.
    pub note: String,
}

impl OutcomeInput {
    /// Validates every field; a wage is required while still employed.
    pub fn validate(&self) -> Result<OutcomeFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let months = e.check(
            "months",
            match self.months.trim() {
                "6" => Ok(6),
                "12" => Ok(12),
                "" => Err(Problem::Required),
                _ => Err(Problem::InvalidChoice),
            },
        );
        let still = e.check(
            "still_employed",
            match self.still_employed.trim().to_lowercase().as_str() {
                "yes" | "true" | "1" | "是" => Ok(true),
                "no" | "false" | "0" | "否" => Ok(false),
                "" => Err(Problem::Required),
                _ => Err(Problem::InvalidChoice),
            },
        );
        let wage = if self.wage.trim().is_empty() {
            if still == Some(true) {
                e.push("wage", Problem::Required);
            }
            Some(None)
        } else {
            e.check("wage", wage_field(&self.wage).map(Some))
        };
        let note = if self.note.trim().is_empty() {
            Some(String::new())
        } else {
            e.check("note", name_field(&self.note, 1, 200))
        };
        match (months, still, wage, note) {
            (Some(months), Some(still_employed), Some(wage_fen), Some(note)) if e.is_empty() => {
                Ok(OutcomeFields {
                    months,
                    still_employed,
                    wage_fen,
                    note,
                })
            }
            _ => Err(e),
        }
    }
}

/// `date` plus `months` calendar months; a day past the end of the target
/// month becomes its last day (31 August + 6 months = 28 or 29 February).
pub fn add_months(date: time::Date, months: i64) -> time::Date {
    let total = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + months;
    let year = i32::try_from(total.div_euclid(12)).unwrap_or(date.year());
    let month_number = u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1);
    let month = time::Month::try_from(month_number).unwrap_or(time::Month::January);
    let last = month.length(year);
    time::Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

/// The day the follow-up at `months` falls due for a job that started on `start_on`.
pub fn due_on(start_on: &str, months: i64) -> Option<time::Date> {
    date_field(start_on).ok().map(|d| add_months(d, months))
}

/// The follow-ups due on `today` and not yet entered, as (months, due date).
pub fn due_checkpoints(start_on: &str, entered: &[i64], today: time::Date) -> Vec<(i64, String)> {
    CHECKPOINTS
        .iter()
        .filter(|m| !entered.contains(m))
        .filter_map(|&m| due_on(start_on, m).map(|d| (m, d)))
        .filter(|(_, d)| *d <= today)
        .map(|(m, d)| (m, iso(d)))
        .collect()
}

/// The latest first day whose follow-up at `months` has fallen due by
/// `today`: a job that started on or before it owes that follow-up (the
/// inverse of [`due_on`], exact at the ends of months).
pub fn latest_start_due(today: time::Date, months: i64) -> time::Date {
    let mut day = add_months(today, -months);
    while let Some(next) = day.next_day() {
        if add_months(next, months) > today {
            break;
        }
        day = next;
    }
    day
}

/// True when the job has started on `today`.
pub fn has_started(start_on: &str, today: time::Date) -> bool {
    date_field(start_on).is_ok_and(|d| d <= today)
}

string_enum!(
    /// A stage of the talent-chain funnel (§10.2, §10.3): each counts the
    /// trainees who reached it.
    Stage {
        /// 在册: every trainee on the books.
        Enrolled = "enrolled",
        /// 实习: placed on an internship or now interning.
        Interned = "interned",
        /// 参加评价: has a scored result in a skill-evaluation session.
        Evaluated = "evaluated",
        /// 取证: holds a certificate that is not revoked.
        Certified = "certified",
        /// 就业: has an employment record.
        Employed = "employed",
        /// 6个月留任: still employed at the 6-month follow-up.
        Retained6 = "retained6",
        /// 12个月留任: still employed at the 12-month follow-up.
        Retained12 = "retained12",
    }
);

string_enum!(
    /// How funnel rows are grouped.
    FunnelBy {
        /// One row per cohort (班级).
        Cohort = "cohort",
        /// One row per major (专业).
        Major = "major",
        /// One row per enterprise: the employer, or else the placement's enterprise.
        Enterprise = "enterprise",
        /// One row per school (the trainees' own).
        School = "school",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn six_months_after_the_end_of_august_is_the_end_of_february() {
        assert_eq!(add_months(date!(2026 - 08 - 31), 6), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2027 - 08 - 31), 6), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2026 - 07 - 01), 12), date!(2027 - 07 - 01));
        assert_eq!(add_months(date!(2026 - 11 - 15), 2), date!(2027 - 01 - 15));
    }

    #[test]
    fn the_latest_start_owing_a_follow_up_is_exact_at_the_ends_of_months() {
        // 2026-08-31 + 6 months = 2027-02-28, so on 2027-02-28 it is due.
        assert_eq!(
            latest_start_due(date!(2027 - 02 - 28), 6),
            date!(2026 - 08 - 31)
        );
        assert_eq!(
            latest_start_due(date!(2027 - 03 - 31), 6),
            date!(2026 - 09 - 30)
        );
        assert_eq!(
            latest_start_due(date!(2027 - 07 - 01), 12),
            date!(2026 - 07 - 01)
        );
        for day in [
            date!(2027 - 02 - 28),
            date!(2027 - 03 - 31),
            date!(2028 - 02 - 29),
        ] {
            for months in [6, 12] {
                let last = latest_start_due(day, months);
                assert!(add_months(last, months) <= day);
                assert!(add_months(last.next_day().unwrap(), months) > day);
            }
        }
    }

    #[test]
    fn a_follow_up_is_due_from_its_day_until_it_is_entered() {
        let start = "2026-07-01";
        assert!(due_checkpoints(start, &[], date!(2026 - 12 - 31)).is_empty());
        assert_eq!(
            due_checkpoints(start, &[], date!(2027 - 01 - 01)),
            vec![(6, "2027-01-01".to_string())]
        );
        assert!(due_checkpoints(start, &[6], date!(2027 - 06 - 30)).is_empty());
        assert_eq!(
            due_checkpoints(start, &[6], date!(2027 - 07 - 01)),
            vec![(12, "2027-07-01".to_string())]
        );
    }

    #[test]
    fn a_manual_record_names_each_missing_field_and_a_placement_needs_only_date_and_wage() {
        let e = EmploymentInput::default().validate(false).unwrap_err();
        for field in ["employer_org_id", "post", "start_on", "wage"] {
            assert_eq!(e.for_field(field), Some(&Problem::Required), "{field}");
        }
        let ok = EmploymentInput {
            start_on: "2027-07-01".into(),
            wage: "5200".into(),
            ..Default::default()
        }
        .validate(true)
        .unwrap();
        assert_eq!(ok.wage_fen, 520_000);
        assert!(ok.employer_org_id.is_none() && ok.post.is_none());
    }

    #[test]
    fn a_follow_up_still_employed_needs_a_wage_and_months_are_six_or_twelve() {
        let e = OutcomeInput {
            months: "9".into(),
            still_employed: "yes".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.for_field("months"), Some(&Problem::InvalidChoice));
        assert_eq!(e.for_field("wage"), Some(&Problem::Required));
        let left = OutcomeInput {
            months: "6".into(),
            still_employed: "no".into(),
            note: "已离职".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert!(!left.still_employed && left.wage_fen.is_none());
    }
}
