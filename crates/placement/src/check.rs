//! The stability check: does any trainee and place both prefer each other to what they have?
//!
//! Used by the tests and by the platform when an administrator edits results
//! by hand. It accepts any assignment, validates it, and lists every blocking
//! pair in trainee order, in `O(entries)` time.

use crate::error::Error;
use crate::explain::{Reason, reason};
use crate::instance::{Instance, PlaceId, TraineeId};
use crate::outcome::{Outcome, UNPLACED};

/// A trainee and a place who would both rather be matched to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockingPair {
    /// The trainee, who prefers `place` to what they got.
    pub trainee: TraineeId,
    /// The place, which would take the trainee.
    pub place: PlaceId,
    /// Why the place would take them.
    pub kind: Blocking,
}

/// Why a place would take a trainee it does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Blocking {
    /// It has a free seat.
    FreeSeat,
    /// It is full but holds `instead`, whom it ranks lower.
    Displaces {
        /// The lowest-ranked trainee the place holds.
        instead: TraineeId,
    },
}

/// Every blocking pair of `outcome`, by trainee, then in the trainee's order.
/// Empty means the outcome is stable.
///
/// ```
/// use gongjiang_placement::{check, InstanceBuilder, Outcome};
///
/// let mut builder = InstanceBuilder::new(2, 1);
/// builder.preferences(0, &[0]).preferences(1, &[0]).capacity(0, 1).rank_by_order(0, &[0, 1]);
/// let instance = builder.build()?;
/// // An administrator gave the seat to trainee 1, whom the place ranks lower.
/// let edited = Outcome::from_assignment(&instance, &[None, Some(0)])?;
///
/// let pairs = check::blocking_pairs(&instance, &edited);
/// assert_eq!((pairs[0].trainee, pairs[0].place), (0, 0));
/// # Ok::<(), gongjiang_placement::Error>(())
/// ```
pub fn blocking_pairs(instance: &Instance, outcome: &Outcome) -> Vec<BlockingPair> {
    let mut pairs = Vec::new();
    for trainee in 0..instance.trainees() {
        let range = instance.entry_range(trainee as u32);
        let choice = outcome.choice_raw(trainee);
        let above = if choice == UNPLACED {
            range.len()
        } else {
            choice as usize
        };
        for entry in range.start..range.start + above {
            let place = instance.trainee_prefs[entry];
            let kind = match reason(outcome, place, instance.trainee_ranks[entry]) {
                Reason::SeatLeft => Blocking::FreeSeat,
                Reason::AboveCutoff { cutoff } => Blocking::Displaces {
                    instead: cutoff.trainee,
                },
                _ => continue,
            };
            pairs.push(BlockingPair {
                trainee: trainee as u32,
                place,
                kind,
            });
        }
    }
    pairs
}

/// Validates `assignment` (see [`Outcome::from_assignment`]) and returns its blocking pairs.
pub fn check_assignment(
    instance: &Instance,
    assignment: &[Option<PlaceId>],
) -> Result<Vec<BlockingPair>, Error> {
    let outcome = Outcome::from_assignment(instance, assignment)?;
    Ok(blocking_pairs(instance, &outcome))
}
