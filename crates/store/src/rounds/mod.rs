//! Placement rounds: the round, its places and participants, preferences,
//! rankings, the engine's last run with each result, placements, the staff
//! counts behind the intern caps, and trainee accounts linked to records.
//!
//! The files follow a round's data flow: the round and its demands
//! (`round`), who takes part (`participants`), what trainees ask for
//! (`preferences`), how places rank (`rankings`), what the engine gave
//! (`results`), what publishing creates (`placements`) and the staff counts
//! the caps read (`staffing`).

mod participants;
mod placements;
mod preferences;
mod rankings;
mod results;
mod round;
mod staffing;

pub use participants::{
    applicant_trainees, is_participant, link_trainee_account, participant_accounts,
    participant_accounts_without_preferences, participant_counts, participant_schools,
    participant_scope, participants, participants_of_school, place_units, replace_participants,
    school_takes_part, trainee_of_user, user_of_trainee,
};
pub use placements::{
    InternPlacement, Placement, insert_placement, intern_placements, placements_of_round,
};
pub use preferences::{Preference, applicants, preferences, preferences_of, replace_preferences};
pub use rankings::{Ranking, orders, rankings, replace_order, save_ranking};
pub use results::{
    PlaceRow, ResultRow, Run, clear_results, get_run, insert_place, insert_result, places,
    result_of, results, save_run,
};
pub use round::{
    RoundDemand, get_round, list_rounds, replace_round_demands, round_demands, rounds_of_demand,
    save_round,
};
pub use staffing::{enterprise_staff, post_staff_of_round, set_enterprise_staff, set_post_staff};
