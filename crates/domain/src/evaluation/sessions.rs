//! Evaluation sessions (认定批次), candidates and their scores, and the
//! pass rule (SKL-04).

use super::{Eligibility, Level};
use crate::demand::{date_field, integer_field, iso};
use crate::error::{FieldErrors, Problem};
use crate::ids::{CandidateId, EvaluationSessionId, OrgId, TraineeId};
use crate::members::name_field;
use serde::Serialize;

/// An evaluation session (认定批次) of one institution for one occupation and level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
    /// Its certificate was revoked: it must be scored again before another
    /// certificate is issued on it.
    #[serde(default)]
    pub rescore_required: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
