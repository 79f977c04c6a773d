//! The result of a run, as data: who got which place, and each place's fill and cutoff.
//!
//! An [`Outcome`] comes from [`crate::solve()`], [`crate::max::max_placement`]
//! or, for an assignment edited by hand, [`Outcome::from_assignment`]. The
//! explanations in [`crate::explain`] and the stability check in
//! [`crate::check`] both read from it.

use crate::error::{Error, ErrorKind};
use crate::instance::{Instance, PlaceId, TraineeId};

/// Marks "no place" in the compact per-trainee choice array.
pub(crate) const UNPLACED: u32 = u32::MAX;

/// How an outcome was produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mode {
    /// Deferred acceptance: the trainee-optimal stable matching.
    Stable,
    /// The most trainees placed at the least total choice rank; may be unstable.
    MaxPlacement,
    /// Given by the caller, e.g. edited by hand by an administrator.
    Given,
}

/// A place's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceOutcome {
    /// Its seats.
    pub capacity: u32,
    /// Seats taken.
    pub filled: u32,
    /// Set when the place is full (and has seats): the lowest-ranked trainee it took.
    /// An applicant ranked below the cutoff was refused because the place was full.
    pub cutoff: Option<Cutoff>,
}

/// The lowest-ranked trainee a full place took: the line an applicant had to beat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoff {
    /// That trainee's position in the place's ranking (0 = best).
    pub rank: u32,
    /// That trainee.
    pub trainee: TraineeId,
    /// Their score, if the place ranked by score.
    pub score: Option<i64>,
}

/// Every trainee's place or none, and every place's fill and cutoff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    mode: Mode,
    assignments: Vec<Option<PlaceId>>,
    /// Position of the assigned place in the trainee's list, or [`UNPLACED`].
    choices: Vec<u32>,
    places: Vec<PlaceOutcome>,
}

impl Outcome {
    /// Builds an outcome from each trainee's choice position (or [`UNPLACED`]).
    /// The caller guarantees positions are within each list and capacities hold.
    pub(crate) fn from_choices(instance: &Instance, mode: Mode, choices: Vec<u32>) -> Self {
        let mut filled = vec![0u32; instance.places()];
        let mut worst = vec![0u32; instance.places()];
        let mut assignments = Vec::with_capacity(choices.len());
        for (trainee, &choice) in choices.iter().enumerate() {
            if choice == UNPLACED {
                assignments.push(None);
                continue;
            }
            let entry = instance.trainee_offsets[trainee] as usize + choice as usize;
            let place = instance.trainee_prefs[entry] as usize;
            let rank = instance.trainee_ranks[entry];
            if filled[place] == 0 || rank > worst[place] {
                worst[place] = rank;
            }
            filled[place] += 1;
            assignments.push(Some(place as u32));
        }
        let places = (0..instance.places())
            .map(|p| {
                let capacity = instance.capacities[p];
                let cutoff = (capacity > 0 && filled[p] >= capacity).then(|| {
                    let rank = worst[p];
                    Cutoff {
                        rank,
                        trainee: instance.place_lists
                            [instance.place_offsets[p] as usize + rank as usize],
                        score: instance.score(p as u32, rank),
                    }
                });
                PlaceOutcome {
                    capacity,
                    filled: filled[p],
                    cutoff,
                }
            })
            .collect();
        Self {
            mode,
            assignments,
            choices,
            places,
        }
    }

    /// Checks an assignment given by hand (one entry per trainee: a place on
    /// their list, or `None`) against the instance: right length, only listed
    /// places, no place over capacity. Stability is [`crate::check`]'s job.
    pub fn from_assignment(
        instance: &Instance,
        assignment: &[Option<PlaceId>],
    ) -> Result<Self, Error> {
        if assignment.len() != instance.trainees() {
            return Err(ErrorKind::AssignmentLength {
                expected: instance.trainees(),
                found: assignment.len(),
            }
            .into());
        }
        let mut choices = Vec::with_capacity(assignment.len());
        let mut filled = vec![0usize; instance.places()];
        for (trainee, &place) in assignment.iter().enumerate() {
            let Some(place) = place else {
                choices.push(UNPLACED);
                continue;
            };
            let trainee = trainee as u32;
            let choice = instance
                .choice_of(trainee, place)
                .ok_or(ErrorKind::NotOnList { trainee, place })?;
            filled[place as usize] += 1;
            choices.push(choice as u32);
        }
        if let Some((place, &assigned)) = filled
            .iter()
            .enumerate()
            .find(|&(p, &n)| n > instance.capacities[p] as usize)
        {
            return Err(ErrorKind::OverCapacity {
                place: place as u32,
                capacity: instance.capacities[place],
                assigned,
            }
            .into());
        }
        Ok(Self::from_choices(instance, Mode::Given, choices))
    }

    /// How this outcome was produced.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Each trainee's place, or `None` if unplaced, indexed by trainee id.
    pub fn assignments(&self) -> &[Option<PlaceId>] {
        &self.assignments
    }

    /// `trainee`'s place, or `None`. Panics if out of range.
    pub fn assignment(&self, trainee: TraineeId) -> Option<PlaceId> {
        self.assignments[trainee as usize]
    }

    /// Where `trainee`'s place stands in their own list (0 = first choice), or `None` if unplaced.
    pub fn choice(&self, trainee: TraineeId) -> Option<usize> {
        let choice = self.choices[trainee as usize];
        (choice != UNPLACED).then_some(choice as usize)
    }

    /// `place`'s fill and cutoff. Panics if out of range.
    pub fn place(&self, place: PlaceId) -> &PlaceOutcome {
        &self.places[place as usize]
    }

    /// Every place's fill and cutoff, indexed by place id.
    pub fn places(&self) -> &[PlaceOutcome] {
        &self.places
    }

    /// How many trainees got a place.
    pub fn placed(&self) -> usize {
        self.choices.iter().filter(|&&c| c != UNPLACED).count()
    }

    /// The sum over placed trainees of their choice position (0 for a first
    /// choice): lower means trainees got places they preferred.
    pub fn total_choice_rank(&self) -> u64 {
        self.choices
            .iter()
            .filter(|&&c| c != UNPLACED)
            .map(|&c| u64::from(c))
            .sum()
    }

    pub(crate) fn choice_raw(&self, trainee: usize) -> u32 {
        self.choices[trainee]
    }
}
