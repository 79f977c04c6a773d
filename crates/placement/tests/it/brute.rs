//! Small-instance strategies and brute-force references, written from the
//! definitions and independent of the engine's code.

use gongjiang_placement::{Instance, InstanceBuilder, PlaceId};
use proptest::prelude::*;

/// The raw parts of a small instance, kept so a test can change one trainee's list.
#[derive(Debug, Clone)]
pub struct Parts {
    pub lists: Vec<Vec<u32>>,
    pub capacities: Vec<u32>,
    /// Place `p` scores trainee `t` as `scores[t * places + p]`.
    pub scores: Vec<i64>,
    pub seed: u64,
}

impl Parts {
    pub fn build(&self) -> Instance {
        build(&self.lists, &self.capacities, &self.scores, self.seed)
    }
}

/// Instances of up to 6 trainees and 4 places, with ties in scores broken by lottery.
pub fn small_instance() -> impl Strategy<Value = Instance> {
    small_parts().prop_map(|parts| parts.build())
}

/// The parts of instances of up to 6 trainees and 4 places.
pub fn small_parts() -> impl Strategy<Value = Parts> {
    (1usize..=6, 1usize..=4)
        .prop_flat_map(|(trainees, places)| {
            let list = Just((0..places as u32).collect::<Vec<_>>())
                .prop_shuffle()
                .prop_flat_map(move |order| (0..=places).prop_map(move |k| order[..k].to_vec()));
            (
                prop::collection::vec(list, trainees),
                prop::collection::vec(0u32..=3, places),
                prop::collection::vec(0i64..4, trainees * places),
                any::<u64>(),
            )
        })
        .prop_map(|(lists, capacities, scores, seed)| Parts {
            lists,
            capacities,
            scores,
            seed,
        })
}

/// Builds an instance where place `p` scores trainee `t` as `scores[t * places + p]`.
pub fn build(lists: &[Vec<u32>], capacities: &[u32], scores: &[i64], seed: u64) -> Instance {
    let places = capacities.len();
    let mut builder = InstanceBuilder::new(lists.len(), places);
    for (t, list) in lists.iter().enumerate() {
        builder.preferences(t as u32, list);
    }
    for (p, &capacity) in capacities.iter().enumerate() {
        let scored: Vec<(u32, i64)> = lists
            .iter()
            .enumerate()
            .filter(|(_, list)| list.contains(&(p as u32)))
            .map(|(t, _)| (t as u32, scores[t * places + p]))
            .collect();
        builder
            .capacity(p as u32, capacity)
            .rank_by_score(p as u32, &scored);
    }
    builder
        .lottery_seed(seed)
        .build()
        .expect("generated instances are valid")
}

/// Position of `place` in `trainee`'s list; unplaced is worse than every listed place.
pub fn trainee_rank(instance: &Instance, trainee: u32, place: Option<PlaceId>) -> usize {
    let list = instance.preferences(trainee);
    place
        .and_then(|p| list.iter().position(|&q| q == p))
        .unwrap_or(list.len())
}

/// Every valid assignment (listed places only, capacities respected).
pub fn all_assignments(instance: &Instance) -> Vec<Vec<Option<PlaceId>>> {
    let mut all = Vec::new();
    let mut current = Vec::new();
    let mut load = vec![0u32; instance.places()];
    extend(instance, &mut current, &mut load, &mut all);
    all
}

fn extend(
    instance: &Instance,
    current: &mut Vec<Option<PlaceId>>,
    load: &mut [u32],
    all: &mut Vec<Vec<Option<PlaceId>>>,
) {
    let t = current.len();
    if t == instance.trainees() {
        all.push(current.clone());
        return;
    }
    current.push(None);
    extend(instance, current, load, all);
    current.pop();
    for &p in instance.preferences(t as u32) {
        if load[p as usize] < instance.capacity(p) {
            load[p as usize] += 1;
            current.push(Some(p));
            extend(instance, current, load, all);
            current.pop();
            load[p as usize] -= 1;
        }
    }
}

/// The blocking pairs of `assignment` by the textbook definition, sorted.
pub fn naive_blocking_pairs(
    instance: &Instance,
    assignment: &[Option<PlaceId>],
) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    for t in 0..instance.trainees() as u32 {
        let current = trainee_rank(instance, t, assignment[t as usize]);
        for (choice, &p) in instance.preferences(t).iter().enumerate() {
            if choice >= current {
                break;
            }
            let holders: Vec<u32> = (0..instance.trainees() as u32)
                .filter(|&u| assignment[u as usize] == Some(p))
                .collect();
            let rank_t = instance.rank_at(p, t);
            let has_room = (holders.len() as u32) < instance.capacity(p);
            let prefers_t = holders.iter().any(|&u| instance.rank_at(p, u) > rank_t);
            if has_room || prefers_t {
                pairs.push((t, p));
            }
        }
    }
    pairs
}

/// Every list a trainee could hand in over `places` places: each ordered subset.
pub fn all_lists(places: usize) -> Vec<Vec<u32>> {
    let mut all = vec![Vec::new()];
    let mut frontier = vec![Vec::new()];
    for _ in 0..places {
        let mut next = Vec::new();
        for list in &frontier {
            for p in 0..places as u32 {
                if !list.contains(&p) {
                    let mut longer: Vec<u32> = list.clone();
                    longer.push(p);
                    next.push(longer);
                }
            }
        }
        all.extend(next.iter().cloned());
        frontier = next;
    }
    all
}
