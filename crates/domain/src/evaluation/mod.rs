//! Skill evaluation (职业技能等级认定, reference §3, §8.4, §9.3): evaluation
//! institutions and their filings, sessions, candidates' scores, the pass
//! rule (SKL-04) and eligibility to apply (SKL-01..03).
//!
//! Eligibility is data: a [`RuleSet`] lists, per level, alternative condition
//! sets (any one suffices, §3.3), and [`check_eligibility`] — one pure
//! function — evaluates them against the [`Facts`] taken from a trainee's
//! record, recording which alternative matched and the evidence of every
//! condition, so that a refusal can be explained.
//!
//! The files follow the data flow: the levels (`levels`), who may evaluate
//! what (`institutions`), who may apply (`eligibility`), and a session's
//! candidates, scores and pass rule (`sessions`).

mod eligibility;
mod institutions;
mod levels;
mod sessions;

pub use eligibility::{
    Alternative, AlternativeCheck, Condition, ConditionCheck, Eligibility, Facts, LevelRule,
    NATIONAL_TEMPLATE_2018, RuleSet, check_eligibility,
};
pub use institutions::{
    Filing, FilingInput, Institution, InstitutionInput, InstitutionKind, PROVINCES,
};
pub use levels::Level;
pub use sessions::{Candidate, Scores, ScoresInput, Session, SessionInput, passes};
