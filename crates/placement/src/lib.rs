//! Gongjiang's placement engine: stable many-to-one matching of trainees to
//! places, with explanations. Pure: no I/O, no async, no database.
//!
//! - [`Instance`] holds the validated input, built by [`InstanceBuilder`]
//!   (places ranked by explicit order, by caller scores, or by the
//!   [`Lottery`]) or read from an `hr1` file by [`file::read_instance`].
//! - [`solve()`] runs deferred acceptance with trainees proposing: the
//!   trainee-optimal stable matching, strategy-proof for trainees,
//!   deterministic, in time linear in the total length of the lists.
//! - [`Outcome`] is the result as data: each trainee's place or none, each
//!   place's fill and cutoff; [`explain()`] says why each better choice refused.
//! - [`check`] lists the blocking pairs of any assignment (hand edits).
//! - [`max::max_placement`] places the most trainees at the least total
//!   choice rank, for comparison; it is usually not stable.
//!
//! `docs/placement.md` explains the guarantees and the tie rule for staff.
//!
//! ```
//! use gongjiang_placement::{check, explain, solve, InstanceBuilder, Reason};
//!
//! // Three trainees, two places with one seat each.
//! let mut builder = InstanceBuilder::new(3, 2);
//! builder
//!     .preferences(0, &[0, 1])
//!     .preferences(1, &[0, 1])
//!     .preferences(2, &[0])
//!     .capacity(0, 1)
//!     .capacity(1, 1)
//!     // Place 0 ranks by skill score (higher first); place 1 by lottery alone.
//!     .rank_by_score(0, &[(0, 75), (1, 92), (2, 75)])
//!     .lottery_seed(20250901);
//! let instance = builder.build()?;
//!
//! let outcome = solve(&instance);
//! assert_eq!(outcome.assignment(1), Some(0)); // the best score gets place 0
//! assert_eq!(outcome.placed(), 2);
//! assert!(check::blocking_pairs(&instance, &outcome).is_empty());
//!
//! // Trainee 0 ranked place 0 first: why not there?
//! let why = explain(&instance, &outcome, 0);
//! assert_eq!(why.assigned, Some(1));
//! match why.refusals[0].reason {
//!     Reason::BelowCutoff { cutoff } => assert_eq!(cutoff.score, Some(92)),
//!     other => panic!("unexpected {other:?}"),
//! }
//! # Ok::<(), gongjiang_placement::Error>(())
//! ```

#![warn(missing_docs)]

pub mod check;
mod error;
pub mod explain;
pub mod file;
pub mod generate;
mod instance;
mod lottery;
pub mod max;
mod outcome;
mod solve;

pub use error::{Error, ErrorKind};
pub use explain::{Explanation, Reason, Refusal, explain};
pub use instance::{Instance, InstanceBuilder, PlaceId, TraineeId};
pub use lottery::Lottery;
pub use outcome::{Cutoff, Mode, Outcome, PlaceOutcome};
pub use solve::solve;
