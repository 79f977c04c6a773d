//! Deferred acceptance (Gale–Shapley), trainees proposing, in time linear in
//! the total length of the preference lists.
//!
//! Each place keeps a flag per position of its ranking ("held") and a pointer
//! to the worst position it holds. Once full, a place only ever tightens, so
//! the pointer only moves up the ranking and every step is paid for once.

use crate::instance::Instance;
use crate::outcome::{Mode, Outcome, UNPLACED};

/// Finds the trainee-optimal stable matching.
///
/// Every trainee gets the best place they can have in any stable matching,
/// and no trainee can do better by misreporting their list. The result depends
/// only on the instance, never on processing order. Runs in `O(trainees +
/// places + entries)` time and memory.
///
/// ```
/// use gongjiang_placement::{solve, InstanceBuilder};
///
/// let mut builder = InstanceBuilder::new(2, 1);
/// builder.preferences(0, &[0]).preferences(1, &[0]).capacity(0, 1).rank_by_order(0, &[1, 0]);
/// let outcome = solve(&builder.build()?);
/// assert_eq!(outcome.assignments(), &[None, Some(0)]);
/// # Ok::<(), gongjiang_placement::Error>(())
/// ```
pub fn solve(instance: &Instance) -> Outcome {
    let offsets = &instance.trainee_offsets;
    let prefs = &instance.trainee_prefs;
    let ranks = &instance.trainee_ranks;
    let place_lists = &instance.place_lists;

    // Per place, everything a proposal touches sits in one 16-byte record, and
    // "held" is one bit per ranking position: at a million trainees both fit
    // in cache far better than separate arrays and a byte per position.
    let mut places: Vec<PlaceState> = (0..instance.places())
        .map(|p| PlaceState {
            base: instance.place_offsets[p],
            capacity: instance.capacities[p],
            filled: 0,
            worst: 0,
        })
        .collect();
    let mut held = Bits::new(place_lists.len());
    // `next[t]`: position in t's list of the place t is proposing to or held by.
    let mut next = vec![0u32; instance.trainees()];

    for first in 0..instance.trainees() {
        // Follow the chain of rejections that this trainee's entry sets off
        // (McVitie–Wilson); the final matching does not depend on the order.
        let mut proposer = first;
        loop {
            let start = offsets[proposer];
            let position = next[proposer];
            if start + position >= offsets[proposer + 1] {
                break; // list exhausted: unplaced
            }
            let entry = (start + position) as usize;
            let rank = ranks[entry];
            let place = &mut places[prefs[entry] as usize];
            let base = place.base as usize;
            if place.filled < place.capacity {
                held.set(base + rank as usize);
                if place.filled == 0 || rank > place.worst {
                    place.worst = rank;
                }
                place.filled += 1;
                break;
            }
            if place.capacity > 0 && rank < place.worst {
                let dropped_rank = place.worst as usize;
                held.set(base + rank as usize);
                held.clear(base + dropped_rank);
                // The new worst is the highest held position below the old one;
                // it exists because `rank` is now held.
                place.worst =
                    (held.last_set_before(base + dropped_rank, base + rank as usize) - base) as u32;
                let dropped = place_lists[base + dropped_rank] as usize;
                next[dropped] += 1;
                proposer = dropped;
                continue;
            }
            next[proposer] += 1;
        }
    }

    let choices = next
        .iter()
        .enumerate()
        .map(|(t, &position)| {
            if offsets[t] + position < offsets[t + 1] {
                position
            } else {
                UNPLACED
            }
        })
        .collect();
    Outcome::from_choices(instance, Mode::Stable, choices)
}

/// What a proposal needs to know about a place.
struct PlaceState {
    /// Offset of the place's ranking in `place_lists` and in `held`.
    base: u32,
    capacity: u32,
    filled: u32,
    /// The worst ranking position currently held (meaningful once `filled > 0`).
    worst: u32,
}

/// A fixed-size bit set.
struct Bits {
    words: Vec<u64>,
}

impl Bits {
    fn new(len: usize) -> Self {
        Self {
            words: vec![0; len.div_ceil(64)],
        }
    }

    fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    fn clear(&mut self, i: usize) {
        self.words[i / 64] &= !(1 << (i % 64));
    }

    /// The highest set index below `end`, knowing `floor < end` is set.
    fn last_set_before(&self, end: usize, floor: usize) -> usize {
        let mut word = end / 64;
        // Keep only the bits below `end` in its word.
        let mut bits = self.words[word] & ((1u64 << (end % 64)) - 1);
        while bits == 0 && word > floor / 64 {
            word -= 1;
            bits = self.words[word];
        }
        word * 64 + 63 - bits.leading_zeros() as usize
    }
}
