//! The round itself: its kind, where it stands, its fields as typed and
//! validated, and the deadlines read in Beijing time.

use crate::demand::{DemandKind, date_field, integer_field};
use crate::error::{FieldErrors, Problem};
use crate::ids::{OrgId, RoundId};
use crate::lifecycle::Lifecycle;
use crate::members::{name_field, string_enum};
use crate::time::Timestamp;
use serde::Serialize;

string_enum!(
    /// What a round places trainees into.
    RoundKind {
        /// 岗位实习: position internships (the strictest rules apply).
        Internship = "internship",
        /// 学徒: apprenticeships.
        Apprenticeship = "apprenticeship",
        /// 订单班: order classes.
        OrderClass = "order_class",
        /// 就业: first jobs.
        Job = "job",
    }
);

impl RoundKind {
    /// The kind of demand a round of this kind takes.
    pub fn demand_kind(self) -> DemandKind {
        match self {
            RoundKind::Internship => DemandKind::PositionInternship,
            RoundKind::Apprenticeship => DemandKind::Apprenticeship,
            RoundKind::OrderClass => DemandKind::OrderClass,
            RoundKind::Job => DemandKind::Job,
        }
    }
}

string_enum!(
    /// Where a round stands. It only moves forward; once published it is frozen.
    RoundStatus {
        /// Being prepared by the secretariat; visible only to it.
        Draft = "draft",
        /// Trainees rank places, enterprises choose how they rank.
        Open = "open",
        /// Inputs frozen, the lottery seed recorded; waiting for the engine.
        Closed = "closed",
        /// Solved; the secretariat reviews the result.
        Solved = "solved",
        /// Published: placements created, everyone sees their result. Frozen.
        Published = "published",
    }
);

/// A round only moves forward: draft → open → closed → solved → published.
/// Solving again replaces the result, so solved → solved is a move too.
impl Lifecycle for RoundStatus {
    fn may_move_to(self, to: RoundStatus) -> bool {
        use RoundStatus::*;
        matches!(
            (self, to),
            (Draft, Open) | (Open, Closed) | (Closed | Solved, Solved) | (Solved, Published)
        )
    }
}

/// A round as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Round {
    /// Its id.
    pub id: RoundId,
    /// Name (2027年春季岗位实习匹配).
    pub name: String,
    /// What it places trainees into.
    pub kind: RoundKind,
    /// How many places a trainee may rank.
    pub max_choices: i64,
    /// Preferences may be entered until this instant.
    pub preference_deadline: Timestamp,
    /// Enterprises may set their ranking until this instant.
    pub ranking_deadline: Timestamp,
    /// Where it stands.
    pub status: RoundStatus,
    /// The lottery seed, recorded when the round closes.
    pub seed: Option<i64>,
    /// Who created it (login).
    pub created_by: String,
    /// Created.
    pub created_at: Timestamp,
    /// Last changed.
    pub updated_at: Timestamp,
    /// Opened.
    pub opened_at: Option<Timestamp>,
    /// Closed.
    pub closed_at: Option<Timestamp>,
    /// Last solved.
    pub solved_at: Option<Timestamp>,
    /// Published.
    pub published_at: Option<Timestamp>,
}

impl Round {
    /// True once published: nothing about the round may change any more.
    pub fn is_frozen(&self) -> bool {
        self.status == RoundStatus::Published
    }
    /// True while trainees (or their teachers) may enter preferences at `now`.
    pub fn accepts_preferences(&self, now: Timestamp) -> bool {
        self.status == RoundStatus::Open && now < self.preference_deadline
    }
    /// True while enterprises may set their ranking at `now`.
    pub fn accepts_rankings(&self, now: Timestamp) -> bool {
        self.status == RoundStatus::Open && now < self.ranking_deadline
    }
}

/// Round fields as typed in a form or a JSON body.
#[derive(Debug, Clone, Default)]
pub struct RoundInput {
    /// `name`.
    pub name: String,
    /// `kind`.
    pub kind: String,
    /// `max_choices`.
    pub max_choices: String,
    /// `preference_deadline` (`2027-01-15 18:00`, `2027-01-15T18:00`, or RFC 3339 with `+08:00`).
    pub preference_deadline: String,
    /// `ranking_deadline`.
    pub ranking_deadline: String,
    /// `demand_ids`: the open demands that take part.
    pub demand_ids: Vec<String>,
    /// `cohort_ids`: cohorts whose trainees may take part.
    pub cohort_ids: Vec<String>,
    /// `school_ids`: schools all of whose trainees may take part.
    pub school_ids: Vec<String>,
}

/// Validated round fields; the referenced demands, cohorts and schools are
/// checked against the database by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundFields {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: RoundKind,
    /// Choices per trainee.
    pub max_choices: i64,
    /// Preference deadline.
    pub preference_deadline: Timestamp,
    /// Ranking deadline.
    pub ranking_deadline: Timestamp,
    /// Demands (unique, in the order given).
    pub demand_ids: Vec<crate::ids::DemandId>,
    /// Cohorts.
    pub cohort_ids: Vec<crate::ids::CohortId>,
    /// Schools.
    pub school_ids: Vec<OrgId>,
}

/// The most places a round lets a trainee rank.
pub const MAX_CHOICES_LIMIT: i64 = 20;

/// China Standard Time, in which people type deadlines.
const CST_OFFSET_MS: i64 = 8 * 3600 * 1000;

/// An instant typed as `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]`
/// in Beijing time, optionally followed by `+08:00` or `Z` (UTC).
pub fn datetime_field(text: &str) -> Result<Timestamp, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let (body, offset_ms) = if let Some(rest) = t.strip_suffix('Z') {
        (rest, 0)
    } else if let Some(rest) = t.strip_suffix("+08:00") {
        (rest, CST_OFFSET_MS)
    } else {
        (t, CST_OFFSET_MS)
    };
    let (date_text, time_text) = body.split_once(['T', ' ']).ok_or(Problem::InvalidFormat)?;
    let date = date_field(date_text)?;
    let parts: Vec<&str> = time_text.trim().split(':').collect();
    let numbers: Vec<i64> = parts
        .iter()
        .map(|p| p.parse::<i64>().map_err(|_| Problem::InvalidFormat))
        .collect::<Result<_, _>>()?;
    let (hour, minute, second) = match numbers.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return Err(Problem::InvalidFormat),
    };
    if !(0..24).contains(&hour) || !(0..60).contains(&minute) || !(0..60).contains(&second) {
        return Err(Problem::InvalidDate);
    }
    let days = (date - time::OffsetDateTime::UNIX_EPOCH.date()).whole_days();
    let local_ms = days * 86_400_000 + (hour * 3600 + minute * 60 + second) * 1000;
    Ok(Timestamp(local_ms - offset_ms))
}

fn ids<T: std::str::FromStr + PartialEq>(
    errors: &mut FieldErrors,
    field: &str,
    texts: &[String],
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for text in texts {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match text.parse::<T>() {
            Ok(id) if !out.contains(&id) => out.push(id),
            Ok(_) => {}
            Err(_) => {
                errors.push(field, Problem::InvalidChoice);
                return out;
            }
        }
    }
    out
}

impl RoundInput {
    /// Validates every field; all problems are reported at once.
    pub fn validate(&self) -> Result<RoundFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.check("name", name_field(&self.name, 2, 60));
        let kind = e.check("kind", RoundKind::parse(&self.kind));
        let max_choices = e.check(
            "max_choices",
            integer_field(&self.max_choices, 1, MAX_CHOICES_LIMIT),
        );
        let preference_deadline = e.check(
            "preference_deadline",
            datetime_field(&self.preference_deadline),
        );
        let ranking_deadline = e.check("ranking_deadline", datetime_field(&self.ranking_deadline));
        if let (Some(p), Some(r)) = (preference_deadline, ranking_deadline)
            && r < p
        {
            e.push(
                "ranking_deadline",
                Problem::Rule {
                    key: "ranking_before_preferences",
                },
            );
        }
        let demand_ids = ids(&mut e, "demand_ids", &self.demand_ids);
        if demand_ids.is_empty() && e.for_field("demand_ids").is_none() {
            e.push("demand_ids", Problem::Required);
        }
        let cohort_ids = ids(&mut e, "cohort_ids", &self.cohort_ids);
        let school_ids = ids(&mut e, "school_ids", &self.school_ids);
        if cohort_ids.is_empty()
            && school_ids.is_empty()
            && e.for_field("cohort_ids").is_none()
            && e.for_field("school_ids").is_none()
        {
            e.push(
                "cohort_ids",
                Problem::Rule {
                    key: "no_participants",
                },
            );
        }
        match (
            name,
            kind,
            max_choices,
            preference_deadline,
            ranking_deadline,
        ) {
            (
                Some(name),
                Some(kind),
                Some(max_choices),
                Some(preference_deadline),
                Some(ranking_deadline),
            ) if e.is_empty() => Ok(RoundFields {
                name,
                kind,
                max_choices,
                preference_deadline,
                ranking_deadline,
                demand_ids,
                cohort_ids,
                school_ids,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::assert_moves;

    fn input() -> RoundInput {
        RoundInput {
            name: "2027年春季岗位实习匹配".into(),
            kind: "internship".into(),
            max_choices: "3".into(),
            preference_deadline: "2026-12-10 18:00".into(),
            ranking_deadline: "2026-12-15T18:00".into(),
            demand_ids: vec![crate::ids::DemandId::new().to_string()],
            cohort_ids: vec![crate::ids::CohortId::new().to_string()],
            school_ids: vec![],
        }
    }

    #[test]
    fn deadlines_are_read_in_beijing_time() {
        let f = input().validate().unwrap();
        assert_eq!(f.preference_deadline.display_cst(), "2026-12-10 18:00");
        assert_eq!(
            datetime_field("2026-12-10T10:00:00Z").unwrap(),
            f.preference_deadline
        );
        assert_eq!(
            datetime_field("2026-12-10T18:00:00+08:00").unwrap(),
            f.preference_deadline
        );
        assert_eq!(datetime_field("2026-12-10"), Err(Problem::InvalidFormat));
        assert_eq!(
            datetime_field("2026-12-10 25:00"),
            Err(Problem::InvalidDate)
        );
    }

    #[test]
    fn a_ranking_deadline_before_the_preference_deadline_and_no_participants_are_named() {
        let mut i = input();
        i.ranking_deadline = "2026-12-01 18:00".into();
        i.cohort_ids.clear();
        i.max_choices = "0".into();
        let e = i.validate().unwrap_err();
        assert_eq!(
            e.for_field("ranking_deadline"),
            Some(&Problem::Rule {
                key: "ranking_before_preferences"
            })
        );
        assert_eq!(
            e.for_field("cohort_ids"),
            Some(&Problem::Rule {
                key: "no_participants"
            })
        );
        assert!(matches!(
            e.for_field("max_choices"),
            Some(Problem::OutOfRange { .. })
        ));
    }

    #[test]
    fn a_round_only_moves_forward_and_may_be_solved_again_until_published() {
        use RoundStatus::*;
        assert_moves(
            RoundStatus::ALL,
            &[
                (Draft, Open),
                (Open, Closed),
                (Closed, Solved),
                (Solved, Solved),
                (Solved, Published),
            ],
        );
    }
}
