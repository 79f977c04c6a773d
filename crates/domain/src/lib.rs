//! Gongjiang's domain: typed ids, validated values (ID-card numbers, unified
//! social credit codes, mobile numbers, personal names), the entities of each
//! area and their rules. Pure: no I/O, no async, no SQL, no HTTP.
//!
//! Values are parsed once at the edge (`CreditCode::parse`) and carried as
//! types afterwards, so code further in never re-validates a string. Each
//! status with transitions says which moves it allows in one place, its
//! [`Lifecycle`] implementation.

pub mod accounts;
pub mod certificates;
pub mod cooperation;
pub mod demand;
pub mod employment;
pub mod error;
pub mod evaluation;
pub mod ids;
pub mod lifecycle;
pub mod members;
pub mod privacy;
pub mod rounds;
pub mod supply;
pub mod time;
pub mod training;
pub mod values;

pub use error::{FieldError, FieldErrors, Problem};
pub use lifecycle::{IllegalMove, Lifecycle};
pub use time::Timestamp;

/// The calendar types the domain uses (re-exported so callers need not depend on `time`).
pub use ::time as time_date;
