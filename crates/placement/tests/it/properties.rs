//! Property tests of the stable solver and the stability check against brute force.

use gongjiang_placement::{Outcome, check, file, solve};
use proptest::prelude::*;

use crate::brute::{all_assignments, naive_blocking_pairs, small_instance, trainee_rank};

proptest! {
    #[test]
    fn solved_outcomes_have_no_blocking_pairs(instance in small_instance()) {
        let outcome = solve(&instance);

        prop_assert!(naive_blocking_pairs(&instance, outcome.assignments()).is_empty());
        prop_assert!(check::blocking_pairs(&instance, &outcome).is_empty());
    }

    #[test]
    fn solved_outcomes_respect_capacities_and_lists(instance in small_instance()) {
        let outcome = solve(&instance);

        let mut load = vec![0u32; instance.places()];
        for (t, place) in outcome.assignments().iter().enumerate() {
            if let Some(p) = *place {
                prop_assert!(instance.preferences(t as u32).contains(&p));
                load[p as usize] += 1;
            }
        }
        for (p, &n) in load.iter().enumerate() {
            prop_assert!(n <= instance.capacity(p as u32));
            prop_assert_eq!(n, outcome.place(p as u32).filled);
        }
        prop_assert!(Outcome::from_assignment(&instance, outcome.assignments()).is_ok());
    }

    #[test]
    fn every_trainee_does_at_least_as_well_as_in_any_stable_matching(instance in small_instance()) {
        let outcome = solve(&instance);

        let stable: Vec<_> = all_assignments(&instance)
            .into_iter()
            .filter(|a| naive_blocking_pairs(&instance, a).is_empty())
            .collect();
        prop_assert!(stable.iter().any(|a| a.as_slice() == outcome.assignments()));
        for other in &stable {
            for t in 0..instance.trainees() as u32 {
                prop_assert!(
                    trainee_rank(&instance, t, outcome.assignment(t)) <= trainee_rank(&instance, t, other[t as usize]),
                    "trainee {} does better in {:?} than in {:?}", t, other, outcome.assignments()
                );
            }
        }
    }

    #[test]
    fn solving_is_deterministic_and_survives_a_file_round_trip(instance in small_instance()) {
        let mut bytes = Vec::new();
        file::write_instance(&instance, &mut bytes).unwrap();
        let reread = file::read_instance(&bytes).unwrap();

        let first = solve(&instance);
        let second = solve(&instance);
        let third = solve(&reread);

        prop_assert_eq!(&first, &second);
        prop_assert_eq!(first.assignments(), third.assignments());
        // The file keeps orders, not scores, so compare cutoffs by rank and trainee.
        let strip = |o: &Outcome| -> Vec<_> {
            o.places().iter().map(|p| (p.filled, p.cutoff.map(|c| (c.rank, c.trainee)))).collect()
        };
        prop_assert_eq!(strip(&first), strip(&third));
    }

    #[test]
    fn the_check_finds_exactly_the_blocking_pairs_of_the_definition(
        instance in small_instance(),
        picks in prop::collection::vec(0usize..5, 6),
    ) {
        // Any valid assignment: trainee t takes choice picks[t] if it exists and has room.
        let mut load = vec![0u32; instance.places()];
        let assignment: Vec<_> = (0..instance.trainees() as u32)
            .map(|t| {
                let p = *instance.preferences(t).get(picks[t as usize])?;
                (load[p as usize] < instance.capacity(p)).then(|| { load[p as usize] += 1; p })
            })
            .collect();

        let found = check::check_assignment(&instance, &assignment).unwrap();

        let mut pairs: Vec<(u32, u32)> = found.iter().map(|b| (b.trainee, b.place)).collect();
        pairs.sort();
        let mut expected = naive_blocking_pairs(&instance, &assignment);
        expected.sort();
        prop_assert_eq!(pairs, expected);
    }

    #[test]
    fn the_check_finds_a_planted_free_seat(instance in small_instance(), pick in 0usize..6) {
        let mut assignment = solve(&instance).assignments().to_vec();
        let placed: Vec<usize> = (0..assignment.len()).filter(|&t| assignment[t].is_some()).collect();
        prop_assume!(!placed.is_empty());
        let victim = placed[pick % placed.len()];
        let place = assignment[victim].take().unwrap();

        let found = check::check_assignment(&instance, &assignment).unwrap();

        let planted = check::BlockingPair { trainee: victim as u32, place, kind: check::Blocking::FreeSeat };
        prop_assert!(found.contains(&planted));
    }
}
