//! Explanations: every better choice is listed, with a reason that matches the outcome.

use gongjiang_placement::{
    Reason, check, explain, explain::explain_all, max::max_placement, solve,
};
use proptest::prelude::*;

use crate::brute::small_instance;

proptest! {
    #[test]
    fn in_a_stable_outcome_every_better_choice_refused_for_lack_of_room(instance in small_instance()) {
        let outcome = solve(&instance);

        for why in explain_all(&instance, &outcome) {
            let listed = instance.preferences(why.trainee);
            let expected = why.choice.unwrap_or(listed.len());
            prop_assert_eq!(why.refusals.len(), expected);
            for (i, refusal) in why.refusals.iter().enumerate() {
                prop_assert_eq!(refusal.choice, i);
                prop_assert_eq!(refusal.place, listed[i]);
                match refusal.reason {
                    Reason::NoSeats => prop_assert_eq!(instance.capacity(refusal.place), 0),
                    Reason::BelowCutoff { cutoff } => {
                        prop_assert!(refusal.rank > cutoff.rank);
                        prop_assert_eq!(outcome.assignment(cutoff.trainee), Some(refusal.place));
                        prop_assert_eq!(outcome.place(refusal.place).filled, instance.capacity(refusal.place));
                    }
                    other => prop_assert!(false, "blocking reason {:?} in a stable outcome", other),
                }
            }
        }
    }

    #[test]
    fn blocking_refusals_are_exactly_the_blocking_pairs(instance in small_instance()) {
        let outcome = max_placement(&instance).unwrap();

        let blocking: usize = explain_all(&instance, &outcome)
            .map(|why| why.refusals.iter().filter(|r| r.reason.is_blocking()).count())
            .sum();

        prop_assert_eq!(blocking, check::blocking_pairs(&instance, &outcome).len());
    }
}

#[test]
fn an_explanation_carries_the_trainees_lottery_number() {
    let mut builder = gongjiang_placement::InstanceBuilder::new(2, 1);
    builder
        .preferences(0, &[0])
        .preferences(1, &[0])
        .capacity(0, 1)
        .lottery_seed(3);
    let instance = builder.build().unwrap();
    let outcome = solve(&instance);

    let loser = (0..2).find(|&t| outcome.assignment(t).is_none()).unwrap();
    let why = explain(&instance, &outcome, loser);

    assert_eq!(why.lottery_number, Some(1));
    assert!(matches!(why.refusals[0].reason, Reason::BelowCutoff { cutoff } if cutoff.rank == 0));
}
