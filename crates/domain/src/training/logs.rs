//! The weekly log of an internship and the school supervisor's visits:
//! entries, weeks and which ended weeks still miss an entry.

use super::LogStatus;
use crate::demand::date_field;
use crate::error::Problem;
use crate::members::text_field;
use serde::Serialize;
use time::{Date, Duration};

/// A weekly log entry.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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

/// An earlier text of a log entry, kept when the trainee revised it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LogRevision {
    /// The entry.
    pub log_id: crate::ids::LogEntryId,
    /// 1 for the first text, then 2, 3…
    pub revision: i64,
    /// What it said.
    pub content: String,
    /// Where it stood (submitted or queried).
    pub status: LogStatus,
    /// The host's comment then.
    pub comment: String,
    /// Who wrote it (login).
    pub written_by: String,
    /// When it was written.
    pub written_at: crate::Timestamp,
    /// When the revision replaced it.
    pub replaced_at: crate::Timestamp,
}

/// A school supervisor's visit.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
}
