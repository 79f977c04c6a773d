//! Why each trainee got what they got: every place they preferred, and why it said no.
//!
//! Explanations are computed on demand from an [`Outcome`] (a few entries per
//! trainee), so a million-trainee run does not carry them all in memory. They
//! are data; the caller words them.

use crate::instance::{Instance, PlaceId, TraineeId};
use crate::outcome::{Cutoff, Outcome, UNPLACED};

/// What one trainee got, and why each place they ranked higher refused them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The trainee.
    pub trainee: TraineeId,
    /// Their place, or `None`.
    pub assigned: Option<PlaceId>,
    /// Where that place stands in their list (0 = first choice).
    pub choice: Option<usize>,
    /// Their tie-break lottery number, if the instance has a lottery.
    pub lottery_number: Option<u32>,
    /// Every place they ranked above what they got (all of them if unplaced), in their order.
    pub refusals: Vec<Refusal>,
}

/// One place a trainee preferred to what they got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The place.
    pub place: PlaceId,
    /// Where it stands in the trainee's list (0 = first choice).
    pub choice: usize,
    /// The trainee's position in the place's ranking (0 = best).
    pub rank: u32,
    /// The trainee's score there, if the place ranked by score.
    pub score: Option<i64>,
    /// Why the trainee is not there.
    pub reason: Reason,
}

/// Why a place a trainee preferred does not hold them.
///
/// In a stable outcome every reason is [`Reason::NoSeats`] or
/// [`Reason::BelowCutoff`]. The other two only occur in an unstable outcome
/// (maximum placement, hand edits) and mark a blocking pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// The place has no seats at all.
    NoSeats,
    /// The place is full of trainees it ranks higher; `cutoff` is the lowest it took.
    BelowCutoff {
        /// The lowest-ranked trainee the place took.
        cutoff: Cutoff,
    },
    /// Blocking: the place still has a free seat.
    SeatLeft,
    /// Blocking: the place is full but took `cutoff`, whom it ranks lower than this trainee.
    AboveCutoff {
        /// The lowest-ranked trainee the place took.
        cutoff: Cutoff,
    },
}

impl Reason {
    /// Whether the trainee and the place would both rather be matched to each
    /// other (a blocking pair, so the outcome is not stable).
    pub fn is_blocking(&self) -> bool {
        matches!(self, Self::SeatLeft | Self::AboveCutoff { .. })
    }
}

/// Explains `trainee`'s result in `outcome`. Panics if the trainee is out of
/// range or the outcome belongs to another instance.
///
/// ```
/// use gongjiang_placement::{explain, solve, InstanceBuilder, Reason};
///
/// let mut builder = InstanceBuilder::new(2, 2);
/// builder
///     .preferences(0, &[0, 1])
///     .preferences(1, &[0])
///     .capacity(0, 1)
///     .capacity(1, 1)
///     .rank_by_score(0, &[(0, 61), (1, 88)]);
/// let instance = builder.build()?;
/// let outcome = solve(&instance);
///
/// let why = explain(&instance, &outcome, 0);
/// assert_eq!(why.assigned, Some(1));
/// let Reason::BelowCutoff { cutoff } = why.refusals[0].reason else { panic!() };
/// assert_eq!((why.refusals[0].score, cutoff.score), (Some(61), Some(88)));
/// # Ok::<(), gongjiang_placement::Error>(())
/// ```
pub fn explain(instance: &Instance, outcome: &Outcome, trainee: TraineeId) -> Explanation {
    let range = instance.entry_range(trainee);
    let choice = outcome.choice_raw(trainee as usize);
    let above = if choice == UNPLACED {
        range.len()
    } else {
        choice as usize
    };
    let refusals = (0..above)
        .map(|position| {
            let entry = range.start + position;
            let place = instance.trainee_prefs[entry];
            let rank = instance.trainee_ranks[entry];
            Refusal {
                place,
                choice: position,
                rank,
                score: instance.score(place, rank),
                reason: reason(outcome, place, rank),
            }
        })
        .collect();
    Explanation {
        trainee,
        assigned: outcome.assignment(trainee),
        choice: outcome.choice(trainee),
        lottery_number: instance.lottery().map(|l| l.number(trainee)),
        refusals,
    }
}

/// Explains every trainee, in trainee order (lazily).
pub fn explain_all<'a>(
    instance: &'a Instance,
    outcome: &'a Outcome,
) -> impl Iterator<Item = Explanation> + 'a {
    (0..instance.trainees() as u32).map(move |t| explain(instance, outcome, t))
}

/// Why `place` does not hold a trainee at `rank` in its ranking who preferred it.
pub(crate) fn reason(outcome: &Outcome, place: PlaceId, rank: u32) -> Reason {
    let result = outcome.place(place);
    if result.capacity == 0 {
        return Reason::NoSeats;
    }
    match result.cutoff {
        None => Reason::SeatLeft,
        Some(cutoff) if rank > cutoff.rank => Reason::BelowCutoff { cutoff },
        Some(cutoff) => Reason::AboveCutoff { cutoff },
    }
}
