//! Employment (就业, issue 5): records confirmed from published placements or
//! entered by hand, follow-ups 6 and 12 months after the start with reminders
//! when due, the trainee's own path with a personal-data export, and the
//! talent funnel (enrolled → interned → employed → retained).
//!
//! Who may do what: the trainee's school and the employer keep a record and
//! its follow-ups (`ManageEmployment` on their own unit); a unit that is
//! neither does not learn the record exists (404). The trainee sees their own
//! path and downloads their data, with their ID and phone numbers in full;
//! staff of their school may download it masked. Every change and every
//! export writes an audit entry.

mod access;
mod alliance;
mod funnel;
mod path;
mod personal_data;
mod recording;
mod records;

pub use alliance::{
    AllianceBy, AllianceEmployment, CheckpointFigures, UnitRow, alliance, rates_of,
};
pub use funnel::{
    EMPLOYER_FUNNEL_SHEET, FUNNEL_SHEET, Funnel, FunnelRow, RATES, STAGES, funnel, funnel_rows,
    groupings, percent, rates, sees_funnel,
};
pub use path::{Fact, Item, Section, TraineePath, my_path};
pub use personal_data::{
    PERSONAL_DATA_SHEET, PersonalData, export_for_school, export_mine, personal_data_rows,
};
pub use recording::{
    ManualInput, Reminder, confirm_placement, record_by_hand, record_outcome, reminder_count,
    reminders, start_due,
};
pub use records::{
    DueView, OutcomeView, Overview, PlacementView, RecordView, get, overview, overview_and_due,
};
