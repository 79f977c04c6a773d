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
    let place_offsets = &instance.place_offsets;
    let place_lists = &instance.place_lists;
    let capacities = &instance.capacities;

    // `next[t]`: position in t's list of the place t is proposing to or held by.
    let mut next = vec![0u32; instance.trainees()];
    let mut held = vec![false; place_lists.len()];
    let mut filled = vec![0u32; instance.places()];
    let mut worst = vec![0u32; instance.places()];

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
            let place = prefs[entry] as usize;
            let rank = ranks[entry];
            let base = place_offsets[place] as usize;
            if filled[place] < capacities[place] {
                held[base + rank as usize] = true;
                if filled[place] == 0 || rank > worst[place] {
                    worst[place] = rank;
                }
                filled[place] += 1;
                break;
            }
            if capacities[place] > 0 && rank < worst[place] {
                let dropped_rank = worst[place] as usize;
                held[base + rank as usize] = true;
                held[base + dropped_rank] = false;
                let mut new_worst = dropped_rank - 1;
                while !held[base + new_worst] {
                    new_worst -= 1;
                }
                worst[place] = new_worst as u32;
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
