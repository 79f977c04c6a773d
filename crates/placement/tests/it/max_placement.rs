//! Maximum placement against brute force, and its size limit.

use gongjiang_placement::{ErrorKind, Mode, generate, max, solve};
use proptest::prelude::*;

use crate::brute::{all_assignments, small_instance, trainee_rank};

proptest! {
    #[test]
    fn maximum_placement_places_the_most_at_the_least_total_rank(instance in small_instance()) {
        let outcome = max::max_placement(&instance).unwrap();

        let best = all_assignments(&instance)
            .iter()
            .map(|a| {
                let placed = a.iter().filter(|p| p.is_some()).count();
                let cost: usize = (0..a.len())
                    .filter(|&t| a[t].is_some())
                    .map(|t| trainee_rank(&instance, t as u32, a[t]))
                    .sum();
                (std::cmp::Reverse(placed), cost)
            })
            .min()
            .unwrap();
        prop_assert_eq!(outcome.placed(), best.0.0);
        prop_assert_eq!(outcome.total_choice_rank(), best.1 as u64);
        prop_assert!(outcome.placed() >= solve(&instance).placed());
        prop_assert_eq!(outcome.mode(), Mode::MaxPlacement);
    }
}

#[test]
fn maximum_placement_handles_a_review_page_sized_round() {
    let instance = generate::random_instance(4_000, 11);

    let max = max::max_placement(&instance).unwrap();
    let stable = solve(&instance);

    assert!(max.placed() >= stable.placed());
    assert!(gongjiang_placement::Outcome::from_assignment(&instance, max.assignments()).is_ok());
}

#[test]
fn maximum_placement_refuses_instances_beyond_its_limit() {
    let instance = generate::random_instance(max::MAX_PLACEMENT_ENTRY_LIMIT / 10 + 1, 1);

    let error = max::max_placement(&instance).unwrap_err();

    assert!(matches!(
        error.kind(),
        ErrorKind::TooLargeForMaxPlacement { .. }
    ));
}
