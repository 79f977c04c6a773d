//! Deterministic random instances for benchmarks and tests: the same size and
//! seed always give the same instance, on any machine.
//!
//! The default [`Shape`] mimics a placement round: one place per ten trainees,
//! seats for 110% of the trainees, ten choices each, and a popularity skew
//! (a few places are wanted by many). Places rank their applicants by a
//! shared quality plus their own noise, so rankings are correlated but not identical.

use crate::instance::{Instance, Validator};
use crate::lottery::SplitMix64;

/// The size and feel of a generated instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Number of trainees.
    pub trainees: usize,
    /// Number of places (at least 1 is used).
    pub places: usize,
    /// Places each trainee lists (fewer if there are fewer places).
    pub choices: usize,
    /// Total seats per 100 trainees, spread over the places at random.
    pub seats_per_hundred: usize,
    /// Popularity skew: a choice is place `⌊places · u^skew⌋` for uniform `u`;
    /// 1.0 is uniform, larger favours low place ids.
    pub skew: f64,
}

impl Shape {
    /// The benchmark shape: `trainees / 10` places, 110 seats per 100 trainees,
    /// 10 choices, skew 2 (the most popular 1% of places receive 10% of the choices).
    pub fn for_trainees(trainees: usize) -> Self {
        Self {
            trainees,
            places: (trainees / 10).max(1),
            choices: 10,
            seats_per_hundred: 110,
            skew: 2.0,
        }
    }
}

/// A random instance of the benchmark shape with `trainees` trainees.
///
/// ```
/// use gongjiang_placement::generate::random_instance;
///
/// let a = random_instance(1_000, 7);
/// assert_eq!((a.trainees(), a.places(), a.entries()), (1_000, 100, 10_000));
/// assert_eq!(a, random_instance(1_000, 7));
/// ```
pub fn random_instance(trainees: usize, seed: u64) -> Instance {
    random_instance_shaped(&Shape::for_trainees(trainees), seed)
}

/// A random instance of any shape.
pub fn random_instance_shaped(shape: &Shape, seed: u64) -> Instance {
    let mut rng = SplitMix64::new(seed);
    let trainees = shape.trainees;
    let places = shape.places.max(1);
    let choices = shape.choices.min(places);

    let seats = trainees * shape.seats_per_hundred / 100;
    let mut capacities = vec![0u32; places];
    for _ in 0..seats {
        capacities[rng.below(places as u64) as usize] += 1;
    }

    let mut trainee_offsets = Vec::with_capacity(trainees + 1);
    let mut trainee_prefs = Vec::with_capacity(trainees * choices);
    let mut counts = vec![0u32; places + 1];
    trainee_offsets.push(0u32);
    for _ in 0..trainees {
        let start = trainee_prefs.len();
        let mut attempts = 0;
        while trainee_prefs.len() - start < choices {
            attempts += 1;
            let place = if attempts <= 32 * choices {
                ((places as f64 * rng.unit().powf(shape.skew)) as usize).min(places - 1) as u32
            } else {
                rng.below(places as u64) as u32 // rare: small instances with heavy skew
            };
            if !trainee_prefs[start..].contains(&place) {
                trainee_prefs.push(place);
                counts[place as usize + 1] += 1;
            }
        }
        trainee_offsets.push(trainee_prefs.len() as u32);
    }

    let quality: Vec<u32> = (0..trainees).map(|_| rng.next_u64() as u32).collect();
    let noise_seed = rng.next_u64();
    let mut validator = Validator::index(trainees, counts, &trainee_offsets, &trainee_prefs);
    let mut place_offsets = Vec::with_capacity(places + 1);
    let mut place_lists = Vec::with_capacity(trainee_prefs.len());
    let mut keyed: Vec<(u64, u32)> = Vec::new();
    place_offsets.push(0u32);
    for place in 0..places as u32 {
        keyed.clear();
        keyed.extend(validator.applicants_of(place).map(|t| {
            let noise = SplitMix64::new(noise_seed ^ (u64::from(place) << 32) ^ u64::from(t))
                .next_u64() as u32;
            (u64::from(quality[t as usize]) + u64::from(noise), t)
        }));
        keyed.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let start = place_lists.len();
        place_lists.extend(keyed.iter().map(|&(_, t)| t));
        // Cannot fail (the list is the applicants, reordered); it fills in the ranks.
        let checked = validator.check_place(place, &place_lists[start..]);
        debug_assert!(checked.is_ok());
        place_offsets.push(place_lists.len() as u32);
    }
    let trainee_ranks = validator.finish();
    Instance::from_validated(
        trainee_offsets,
        trainee_prefs,
        trainee_ranks,
        place_offsets,
        place_lists,
        capacities,
    )
}
