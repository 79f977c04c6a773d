//! Placement rounds (匹配轮次, issue 4): the secretariat opens a round over
//! open demands; trainees, or their teachers, rank places; each enterprise
//! chooses how it ranks its applicants; at close the lottery seed is recorded
//! and the engine (`gongjiang-placement`) solves; the secretariat reviews and
//! publishes, which creates placements, tells everyone why they got what they
//! got, and freezes the round.
//!
//! Eligibility (reference §9.1, §9.6) is checked when solving: pairs that break
//! a rule are removed before matching and listed with the rule, and the
//! intern caps (INT-08) cut places' seats. Every change is written with its
//! audit entry in one transaction.

mod export;
mod notices;
mod preferences;
mod rankings;
mod results;
mod round;
mod solve;
mod staffing;

pub use export::{EXPORT_PLACES, EXPORT_TRAINEES, Export, export};
pub use notices::{Notice, notices};
pub use preferences::{
    ChoiceView, ParticipantLine, PreferenceView, link_account, my_trainee, preferences,
    school_participants, set_preferences,
};
pub use rankings::{
    ApplicantList, ApplicantProfile, ApplicantView, ORDER_SHEET, ProfileCertificate, RankingInput,
    RankingView, applicant, applicants, order_rows, set_ranking, upload_order,
};
pub use results::{
    AdmittedLine, CapacityLine, Explanation, Fill, Line, MaxComparison, PlaceResult, Review,
    SchoolResultLine, TraineeResult, UnlistedLine, ViolationLine, Why, place_results, publish,
    result, review, school_results,
};
pub use round::{
    NotApplied, PlaceView, RoundView, close, create, get, list, not_applied, open, update,
};
pub use solve::{NoReport, Report, solve, solve_in_background};
pub use staffing::{set_enterprise_staff, set_post_staff, staffing};
