//! The scoring rule enterprises build from platform data, and a trainee's
//! home city read from the region code of their ID number.

use crate::demand::integer_field;
use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};

/// How an enterprise scores its applicants from platform data. Each weight is
/// 0–100 points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
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
