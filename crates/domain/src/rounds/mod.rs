//! Placement rounds (匹配轮次): the secretariat opens a round over open
//! demands, trainees rank places, enterprises choose how they rank their
//! applicants, and the engine places everyone at once.
//!
//! This module holds what needs no database: the round's states and fields,
//! the eligibility rules a trainee–place pair must pass (reference §9.1 and
//! §9.6), the interns caps (INT-08) that cut a place's seats, the scoring
//! rule enterprises build from platform data, and a trainee's home city read
//! from the region code of their ID number.
//!
//! The files follow the data flow: the round (`round`), which pairs may meet
//! (`eligibility`), how many seats a place keeps (`caps`) and how an
//! enterprise scores its applicants (`scoring`).

mod caps;
mod eligibility;
mod round;
mod scoring;

pub use caps::{CapInput, CapNote, apply_caps};
pub use eligibility::{
    Candidate, Post, RoundRules, Violation, age_on, major_fits, violations, year_of_study,
};
pub use round::{
    MAX_CHOICES_LIMIT, Round, RoundFields, RoundInput, RoundKind, RoundStatus, datetime_field,
};
pub use scoring::{ScoreFacts, Weights, WeightsInput, home_city};
