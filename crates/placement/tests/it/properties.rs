//! Property tests of the stable solver and the stability check against brute force.

use gongjiang_placement::{Outcome, check, file, solve};
use proptest::prelude::*;

use crate::brute::{
    all_assignments, all_lists, naive_blocking_pairs, small_instance, small_parts, trainee_rank,
};

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
        prop_assert_eq!(outcome.assignments().len(), instance.trainees());
    }

    #[test]
    fn no_trainee_gets_a_better_place_by_misreporting_their_list(parts in small_parts()) {
        let truthful = solve(&parts.build());
        let worth = |list: &[u32], place: Option<u32>| {
            place.and_then(|p| list.iter().position(|&q| q == p)).unwrap_or(list.len())
        };

        for t in 0..parts.lists.len() {
            let true_list = parts.lists[t].clone();
            let honest = worth(&true_list, truthful.assignment(t as u32));
            for lie in all_lists(parts.capacities.len()) {
                let mut lying = parts.clone();
                lying.lists[t] = lie.clone();

                let got = solve(&lying.build()).assignment(t as u32);

                prop_assert!(
                    worth(&true_list, got) >= honest,
                    "trainee {} gains by listing {:?} instead of {:?}", t, lie, true_list
                );
            }
        }
    }

    #[test]
    fn places_ranked_by_score_put_higher_scores_first_and_break_ties_by_lottery(parts in small_parts()) {
        let instance = parts.build();
        let places = parts.capacities.len();
        let lottery = instance.lottery().unwrap();

        for p in 0..places as u32 {
            let ranking = instance.ranking(p);
            for pair in ranking.windows(2) {
                let (a, b) = (pair[0] as usize, pair[1] as usize);
                let (score_a, score_b) = (parts.scores[a * places + p as usize], parts.scores[b * places + p as usize]);
                prop_assert!(score_a > score_b || (score_a == score_b && lottery.number(a as u32) < lottery.number(b as u32)));
            }
        }
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
