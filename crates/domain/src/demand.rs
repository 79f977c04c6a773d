//! Talent demand (人才需求): what an enterprise needs — a post, an occupation,
//! a minimum skill level, how many people, where, for what pay and when.

use crate::error::{FieldErrors, Problem};
use crate::ids::{DemandId, OrgId};
use crate::members::{name_field, string_enum, text_field};
use crate::time::Timestamp;
use serde::Serialize;

string_enum!(
    /// The kind of engagement a demand offers.
    DemandKind {
        /// 就业: a job.
        Job = "job",
        /// 岗位实习: a position internship.
        PositionInternship = "position_internship",
        /// 认识实习: a short cognitive (visiting) internship.
        CognitiveInternship = "cognitive_internship",
        /// 学徒: an apprenticeship.
        Apprenticeship = "apprenticeship",
        /// 订单班: an order class.
        OrderClass = "order_class",
    }
);

string_enum!(
    /// Where a demand stands.
    DemandStatus {
        /// Being prepared; not visible to schools.
        Draft = "draft",
        /// Open: schools and trainees see it.
        Open = "open",
        /// All places filled.
        Filled = "filled",
        /// Closed without being filled.
        Closed = "closed",
    }
);

/// A demand as stored.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Demand {
    /// Its id.
    pub id: DemandId,
    /// The enterprise.
    pub org_id: OrgId,
    /// The post's name (e.g. 沉铜电镀操作工).
    pub post_name: String,
    /// Job, internship, apprenticeship or order class.
    pub kind: DemandKind,
    /// Occupation code (national classification), if given.
    pub occupation_code: Option<String>,
    /// Industry segment, if given.
    pub segment_code: Option<String>,
    /// Minimum skill level (code from the ladder).
    pub min_level: String,
    /// People needed.
    pub headcount: i64,
    /// City of the post.
    pub city: String,
    /// Monthly wage range in fen.
    pub wage_min_fen: Option<i64>,
    /// Upper end of the range, in fen.
    pub wage_max_fen: Option<i64>,
    /// First day, `YYYY-MM-DD`.
    pub start_on: String,
    /// Last day, `YYYY-MM-DD`, if bounded.
    pub end_on: Option<String>,
    /// The post includes night shifts (excluded from internships).
    pub night_shift: bool,
    /// Skills and certificates asked for.
    pub requirements: String,
    /// Draft, open, filled or closed.
    pub status: DemandStatus,
    /// Created.
    pub created_at: Timestamp,
    /// Changed.
    pub updated_at: Timestamp,
}

/// Demand fields as typed.
#[derive(Debug, Clone, Default)]
pub struct DemandInput {
    /// `post_name`.
    pub post_name: String,
    /// `kind`.
    pub kind: String,
    /// `occupation_code`.
    pub occupation_code: String,
    /// `segment_code`.
    pub segment_code: String,
    /// `min_level`.
    pub min_level: String,
    /// `headcount`.
    pub headcount: String,
    /// `city`.
    pub city: String,
    /// `wage_min` in yuan.
    pub wage_min: String,
    /// `wage_max` in yuan.
    pub wage_max: String,
    /// `start_on`.
    pub start_on: String,
    /// `end_on`.
    pub end_on: String,
    /// `night_shift` ("1"/"true"/"是").
    pub night_shift: String,
    /// `requirements`.
    pub requirements: String,
    /// `status`.
    pub status: String,
}

/// Validated demand fields (references are checked against the catalogue by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct DemandFields {
    /// Post name.
    pub post_name: String,
    /// Kind.
    pub kind: DemandKind,
    /// Occupation code.
    pub occupation_code: Option<String>,
    /// Segment code.
    pub segment_code: Option<String>,
    /// Minimum level code.
    pub min_level: String,
    /// Headcount.
    pub headcount: i64,
    /// City.
    pub city: String,
    /// Wage range, fen.
    pub wage_min_fen: Option<i64>,
    /// Wage range, fen.
    pub wage_max_fen: Option<i64>,
    /// Start.
    pub start_on: String,
    /// End.
    pub end_on: Option<String>,
    /// Night shifts.
    pub night_shift: bool,
    /// Requirements.
    pub requirements: String,
    /// Status.
    pub status: DemandStatus,
}

/// A whole number within `min..=max`.
pub fn integer_field(text: &str, min: i64, max: i64) -> Result<i64, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let n: i64 = t.parse().map_err(|_| Problem::InvalidFormat)?;
    if n < min || n > max {
        return Err(Problem::OutOfRange { min, max });
    }
    Ok(n)
}

/// A calendar date `YYYY-MM-DD` (also `YYYY/MM/DD`), normalised.
pub fn date_field(text: &str) -> Result<time::Date, Problem> {
    let t = text.trim().replace('/', "-");
    if t.is_empty() {
        return Err(Problem::Required);
    }
    let parts: Vec<&str> = t.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(Problem::InvalidFormat);
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return Err(Problem::InvalidFormat);
    };
    let month = time::Month::try_from(m).map_err(|_| Problem::InvalidDate)?;
    time::Date::from_calendar_date(y, month, d).map_err(|_| Problem::InvalidDate)
}

/// `YYYY-MM-DD`.
pub fn iso(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A yes/no field: `1`, `true`, `yes`, `是`, `on` are yes; empty and `0`, `false`, `no`, `否` are no.
pub fn flag_field(text: &str) -> Result<bool, Problem> {
    match text.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "是" | "on" | "y" => Ok(true),
        "" | "0" | "false" | "no" | "否" | "off" | "n" => Ok(false),
        _ => Err(Problem::InvalidChoice),
    }
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn yuan_to_fen(text: &str) -> Result<Option<i64>, Problem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    integer_field(text, 0, 1_000_000).map(|y| Some(y * 100))
}

impl DemandInput {
    /// Validates every field; all problems are reported at once.
    pub fn validate(&self) -> Result<DemandFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let post_name = e.check("post_name", name_field(&self.post_name, 2, 60));
        let kind = e.check("kind", DemandKind::parse(&self.kind));
        let min_level = e.check("min_level", name_field(&self.min_level, 1, 20));
        let headcount = e.check("headcount", integer_field(&self.headcount, 1, 10_000));
        let city = e.check("city", name_field(&self.city, 2, 20));
        let wage_min = e.check("wage_min", yuan_to_fen(&self.wage_min));
        let wage_max = e.check("wage_max", yuan_to_fen(&self.wage_max));
        if let (Some(Some(lo)), Some(Some(hi))) = (wage_min, wage_max)
            && lo > hi
        {
            e.push("wage_max", Problem::Rule { key: "wage_range" });
        }
        let start = e.check("start_on", date_field(&self.start_on));
        let end = if self.end_on.trim().is_empty() {
            Some(None)
        } else {
            e.check("end_on", date_field(&self.end_on)).map(Some)
        };
        if let (Some(s), Some(Some(end_date))) = (start, end)
            && end_date < s
        {
            e.push("end_on", Problem::EndBeforeStart);
        }
        let night_shift = e.check("night_shift", flag_field(&self.night_shift));
        let requirements = e.check("requirements", text_field(&self.requirements, 0, 2000));
        let status = if self.status.trim().is_empty() {
            Some(DemandStatus::Open)
        } else {
            e.check("status", DemandStatus::parse(&self.status))
        };
        match (
            post_name,
            kind,
            min_level,
            headcount,
            city,
            wage_min,
            wage_max,
            start,
            end,
            night_shift,
            requirements,
            status,
        ) {
            (
                Some(post_name),
                Some(kind),
                Some(min_level),
                Some(headcount),
                Some(city),
                Some(wage_min_fen),
                Some(wage_max_fen),
                Some(start),
                Some(end),
                Some(night_shift),
                Some(requirements),
                Some(status),
            ) if e.is_empty() => Ok(DemandFields {
                post_name,
                kind,
                occupation_code: optional(&self.occupation_code),
                segment_code: optional(&self.segment_code),
                min_level,
                headcount,
                city,
                wage_min_fen,
                wage_max_fen,
                start_on: iso(start),
                end_on: end.map(iso),
                night_shift,
                requirements,
                status,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DemandInput {
        DemandInput {
            post_name: "沉铜电镀操作工".into(),
            kind: "position_internship".into(),
            min_level: "level4".into(),
            headcount: "12".into(),
            city: "黄石市".into(),
            wage_min: "3800".into(),
            wage_max: "4500".into(),
            start_on: "2027/03/01".into(),
            end_on: "2027-08-31".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_demand_is_normalised() {
        let d = input().validate().unwrap();
        assert_eq!(d.start_on, "2027-03-01");
        assert_eq!(d.wage_min_fen, Some(380_000));
        assert_eq!(d.status, DemandStatus::Open);
        assert!(!d.night_shift);
    }

    #[test]
    fn negative_headcount_an_end_before_the_start_and_a_wage_range_upside_down_are_each_named() {
        let mut i = input();
        i.headcount = "-3".into();
        i.end_on = "2027-02-01".into();
        i.wage_min = "5000".into();
        let e = i.validate().unwrap_err();
        assert_eq!(
            e.for_field("headcount"),
            Some(&Problem::OutOfRange {
                min: 1,
                max: 10_000
            })
        );
        assert_eq!(e.for_field("end_on"), Some(&Problem::EndBeforeStart));
        assert_eq!(
            e.for_field("wage_max"),
            Some(&Problem::Rule { key: "wage_range" })
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(date_field("2027-02-30"), Err(Problem::InvalidDate));
        assert_eq!(date_field("2027-13-01"), Err(Problem::InvalidDate));
        assert_eq!(date_field("明天"), Err(Problem::InvalidFormat));
    }
}

string_enum!(
    /// Which of an enterprise's lists an item belongs to.
    ItemList {
        /// 核心产品清单.
        Products = "products",
        /// 技术需求清单.
        TechnicalNeeds = "technical_needs",
    }
);

string_enum!(
    /// Whether an item is current.
    ItemStatus {
        /// Current (a technical need still open).
        Open = "open",
        /// No longer current (a need met or withdrawn, a product discontinued).
        Closed = "closed",
    }
);

/// An item of an enterprise's product or technical-need list.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EnterpriseItem {
    /// Id.
    pub id: crate::ids::ItemId,
    /// The enterprise.
    pub org_id: OrgId,
    /// Which list.
    pub list: ItemList,
    /// Title (a product, or a need such as 高多层板层压翘曲控制).
    pub title: String,
    /// Segment.
    pub segment_code: Option<String>,
    /// Description.
    pub description: String,
    /// Status.
    pub status: ItemStatus,
}

/// Item fields as typed.
#[derive(Debug, Clone, Default)]
pub struct ItemInput {
    /// `list`.
    pub list: String,
    /// `title`.
    pub title: String,
    /// `segment_code`.
    pub segment_code: String,
    /// `description`.
    pub description: String,
    /// `status`.
    pub status: String,
}

impl ItemInput {
    /// Validates every field; the segment is checked by the caller.
    pub fn validate(
        &self,
    ) -> Result<(ItemList, String, Option<String>, String, ItemStatus), FieldErrors> {
        let mut e = FieldErrors::new();
        let list = e.check("list", ItemList::parse(&self.list));
        let title = e.check("title", name_field(&self.title, 2, 100));
        let description = e.check("description", text_field(&self.description, 0, 2000));
        let status = if self.status.trim().is_empty() {
            Some(ItemStatus::Open)
        } else {
            e.check("status", ItemStatus::parse(&self.status))
        };
        match (list, title, description, status) {
            (Some(list), Some(title), Some(description), Some(status)) if e.is_empty() => Ok((
                list,
                title,
                optional(&self.segment_code),
                description,
                status,
            )),
            _ => Err(e),
        }
    }
}
