//! Placement rounds (匹配轮次): the secretariat opens a round over open
//! demands, trainees rank places, enterprises choose how they rank their
//! applicants, and the engine places everyone at once.
//!
//! This module holds what needs no database: the round's states and fields,
//! the eligibility rules a trainee–place pair must pass (reference §9.1 and
//! §9.6), the interns caps (INT-08) that cut a place's seats, the scoring
//! rule enterprises build from platform data, and a trainee's home city read
//! from the region code of their ID number.

use crate::demand::{DemandKind, date_field, integer_field};
use crate::error::{FieldErrors, Problem};
use crate::ids::{OrgId, RoundId};
use crate::members::{name_field, string_enum};
use crate::supply::TraineeStatus;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use time::Date;

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

/// A round as stored.
#[derive(Debug, Clone, Serialize)]
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

/// The thresholds of the eligibility rules, from configuration (reference
/// §9: values marked C belong in configuration, not in code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Why a place has fewer seats in the round than its headcount (INT-08).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CapNote {
    /// The host has not recorded its in-service staff, so no intern can be placed there.
    HostStaffMissing,
    /// The host's cap (a percentage of its staff, less interns it already has) cut the seats.
    HostCap {
        /// Interns the host may still take, over all its places in the round.
        room: i64,
    },
    /// The post's cap (a percentage of the post's staff, less interns already on it) cut the seats.
    PostCap {
        /// Interns the post may still take.
        room: i64,
    },
    /// The post's in-service staff is not recorded; its own cap was not checked.
    PostStaffMissing,
}

/// One internship place of a host, for [`apply_caps`].
#[derive(Debug, Clone, Copy)]
pub struct CapInput {
    /// Seats the demand asks for.
    pub headcount: i64,
    /// In-service staff on the post, if recorded.
    pub post_staff: Option<i64>,
    /// Interns already on the post (placed earlier, period overlapping).
    pub post_current: i64,
}

/// The seats each internship place of one host may fill without breaking
/// INT-08, with the reasons for any cut. The post cap applies first; then, if
/// the host's cap is still exceeded, seats are taken one at a time from the
/// place that has the most (the first such place on a tie).
pub fn apply_caps(
    rules: &RoundRules,
    host_staff: Option<i64>,
    host_current: i64,
    places: &[CapInput],
) -> Vec<(i64, Vec<CapNote>)> {
    let mut out: Vec<(i64, Vec<CapNote>)> = places
        .iter()
        .map(|p| {
            let mut notes = Vec::new();
            let mut seats = p.headcount.max(0);
            match p.post_staff {
                Some(staff) => {
                    let room = (staff * i64::from(rules.post_intern_percent) / 100
                        - p.post_current)
                        .max(0);
                    if room < seats {
                        seats = room;
                        notes.push(CapNote::PostCap { room });
                    }
                }
                None => notes.push(CapNote::PostStaffMissing),
            }
            (seats, notes)
        })
        .collect();
    let Some(staff) = host_staff else {
        for (seats, notes) in &mut out {
            *seats = 0;
            notes.push(CapNote::HostStaffMissing);
        }
        return out;
    };
    let room = (staff * i64::from(rules.host_intern_percent) / 100 - host_current).max(0);
    let mut total: i64 = out.iter().map(|(s, _)| *s).sum();
    let mut cut = vec![false; out.len()];
    while total > room {
        let Some((index, _)) = out
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, (s, _))| *s)
            .filter(|(_, (s, _))| *s > 0)
        else {
            break;
        };
        out[index].0 -= 1;
        cut[index] = true;
        total -= 1;
    }
    for (i, (_, notes)) in out.iter_mut().enumerate() {
        if cut[i] {
            notes.push(CapNote::HostCap { room });
        }
    }
    out
}

/// How an enterprise scores its applicants from platform data. Each weight is
/// 0–100 points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    /// Points per rung of the skill level the trainee's major trains to
    /// (五级 = 1 … 三级 = 3); 0 for majors with no target level.
    pub level: i64,
    /// Points when the trainee's cohort is an order class this enterprise sponsors.
    pub order_class: i64,
    /// Points when the trainee's home city (from the ID number's region code) is the place's city.
    pub home_city: i64,
    /// Points when the trainee's major is linked to the place's occupation.
    pub major_fit: i64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            level: 10,
            order_class: 30,
            home_city: 10,
            major_fit: 20,
        }
    }
}

/// Scoring-rule weights as typed.
#[derive(Debug, Clone, Default)]
pub struct WeightsInput {
    /// `level`.
    pub level: String,
    /// `order_class`.
    pub order_class: String,
    /// `home_city`.
    pub home_city: String,
    /// `major_fit`.
    pub major_fit: String,
}

impl WeightsInput {
    /// Validates the weights (fields `weights.level` …); an empty field takes its default.
    pub fn validate(&self) -> Result<Weights, FieldErrors> {
        let d = Weights::default();
        let mut e = FieldErrors::new();
        let mut weight = |field: &str, text: &str, default: i64| {
            if text.trim().is_empty() {
                Some(default)
            } else {
                e.check(field, integer_field(text, 0, 100))
            }
        };
        let level = weight("weights.level", &self.level, d.level);
        let order_class = weight("weights.order_class", &self.order_class, d.order_class);
        let home_city = weight("weights.home_city", &self.home_city, d.home_city);
        let major_fit = weight("weights.major_fit", &self.major_fit, d.major_fit);
        match (level, order_class, home_city, major_fit) {
            (Some(level), Some(order_class), Some(home_city), Some(major_fit)) if e.is_empty() => {
                Ok(Weights {
                    level,
                    order_class,
                    home_city,
                    major_fit,
                })
            }
            _ => Err(e),
        }
    }
}

/// The facts a score is built from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFacts {
    /// Rank of the major's target skill level on the ladder (0 when none).
    pub level_rank: i64,
    /// In an order class this enterprise sponsors.
    pub order_class: bool,
    /// Home city is the place's city.
    pub home_city: bool,
    /// Major linked to the place's occupation.
    pub major_fit: bool,
}

impl Weights {
    /// The score of an applicant with these facts; higher ranks first.
    pub fn score(&self, f: &ScoreFacts) -> i64 {
        self.level * f.level_rank
            + self.order_class * i64::from(f.order_class)
            + self.home_city * i64::from(f.home_city)
            + self.major_fit * i64::from(f.major_fit)
    }
}

/// Prefecture-level divisions of Hubei by the first four digits of a region
/// code (GB/T 2260, reference ID-03 ◐). Cities outside the table have no
/// home city on the platform, so the home-city points never apply to them.
const PREFECTURES: &[(&str, &str)] = &[
    ("4201", "武汉市"),
    ("4202", "黄石市"),
    ("4203", "十堰市"),
    ("4205", "宜昌市"),
    ("4206", "襄阳市"),
    ("4207", "鄂州市"),
    ("4208", "荆门市"),
    ("4209", "孝感市"),
    ("4210", "荆州市"),
    ("4211", "黄冈市"),
    ("4212", "咸宁市"),
    ("4213", "随州市"),
    ("4228", "恩施土家族苗族自治州"),
];

/// The home city (生源地) of a trainee whose ID number (masked or not) starts
/// with these digits, if it is a prefecture of Hubei in the table.
pub fn home_city(id_number_prefix: &str) -> Option<&'static str> {
    let prefix = id_number_prefix.get(..4)?;
    PREFECTURES
        .iter()
        .find(|(code, _)| *code == prefix)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

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

    #[test]
    fn caps_cut_seats_by_post_first_then_by_host_from_the_largest_place() {
        let rules = RoundRules::default();
        // Host of 100 staff with 2 interns already: room for 8. Posts want 6 and 5.
        let places = [
            CapInput {
                headcount: 6,
                post_staff: Some(50),
                post_current: 0,
            },
            CapInput {
                headcount: 5,
                post_staff: Some(20),
                post_current: 1,
            },
        ];
        let out = apply_caps(&rules, Some(100), 2, &places);
        // Post 2: 20% of 20 = 4, less 1 = 3 seats. Then 6 + 3 = 9 > 8: one seat off the first.
        assert_eq!(out[1].0, 3);
        assert_eq!(out[1].1, vec![CapNote::PostCap { room: 3 }]);
        assert_eq!(out[0].0, 5);
        assert_eq!(out[0].1, vec![CapNote::HostCap { room: 8 }]);
        let unknown = apply_caps(&rules, None, 0, &places);
        assert!(
            unknown
                .iter()
                .all(|(s, n)| *s == 0 && n.contains(&CapNote::HostStaffMissing))
        );
    }

    #[test]
    fn scores_add_up_the_weighted_facts() {
        let w = Weights::default();
        let f = ScoreFacts {
            level_rank: 3,
            order_class: true,
            home_city: false,
            major_fit: true,
        };
        assert_eq!(w.score(&f), 30 + 30 + 20);
        let e = WeightsInput {
            level: "101".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert!(e.for_field("weights.level").is_some());
    }

    #[test]
    fn the_home_city_comes_from_the_region_code() {
        assert_eq!(home_city("4202**********0024"), Some("黄石市"));
        assert_eq!(home_city("4401**********0024"), None);
        assert_eq!(home_city("42"), None);
    }
}
