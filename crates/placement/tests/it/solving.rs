//! Worked examples of the stable solver, and its results on generated instances.

use gongjiang_placement::{InstanceBuilder, Mode, check, generate, solve};

#[test]
fn rejections_chain_until_every_trainee_holds_a_stable_place() {
    // Three trainees, three places with one seat; places disagree with trainees.
    let mut builder = InstanceBuilder::new(3, 3);
    builder
        .preferences(0, &[0, 1, 2])
        .preferences(1, &[1, 0, 2])
        .preferences(2, &[0, 1, 2])
        .capacity(0, 1)
        .capacity(1, 1)
        .capacity(2, 1)
        .rank_by_order(0, &[1, 2, 0])
        .rank_by_order(1, &[0, 2, 1])
        .rank_by_order(2, &[0, 1, 2]);
    let instance = builder.build().unwrap();

    let outcome = solve(&instance);

    // Place 0 drops trainee 0 for 2, place 1 drops 1 for 0, place 0 drops 2
    // for 1, and trainee 2 ends at place 2, refused by both places above it.
    assert_eq!(outcome.assignments(), &[Some(1), Some(0), Some(2)]);
    assert_eq!(outcome.mode(), Mode::Stable);
    assert_eq!(outcome.total_choice_rank(), 4);
}

#[test]
fn a_place_with_room_takes_everyone_who_wants_it_and_has_no_cutoff() {
    let mut builder = InstanceBuilder::new(2, 1);
    builder
        .preferences(0, &[0])
        .preferences(1, &[0])
        .capacity(0, 5);
    let instance = builder.build().unwrap();

    let outcome = solve(&instance);

    assert_eq!(outcome.placed(), 2);
    assert_eq!(outcome.place(0).filled, 2);
    assert_eq!(outcome.place(0).cutoff, None);
}

#[test]
fn a_full_place_reports_its_lowest_admitted_trainee_as_cutoff() {
    let mut builder = InstanceBuilder::new(3, 1);
    builder
        .preferences(0, &[0])
        .preferences(1, &[0])
        .preferences(2, &[0])
        .capacity(0, 2)
        .rank_by_score(0, &[(0, 60), (1, 80), (2, 70)]);
    let instance = builder.build().unwrap();

    let outcome = solve(&instance);

    let cutoff = outcome.place(0).cutoff.unwrap();
    assert_eq!(
        (cutoff.trainee, cutoff.rank, cutoff.score),
        (2, 1, Some(70))
    );
    assert_eq!(outcome.assignment(0), None);
}

#[test]
fn a_place_with_no_seats_takes_nobody() {
    let mut builder = InstanceBuilder::new(1, 2);
    builder.preferences(0, &[0, 1]).capacity(1, 1);
    let instance = builder.build().unwrap();

    let outcome = solve(&instance);

    assert_eq!(outcome.assignment(0), Some(1));
    assert_eq!(outcome.place(0).cutoff, None);
}

#[test]
fn generated_benchmark_instances_solve_to_stable_outcomes() {
    for seed in 0..3 {
        let instance = generate::random_instance(5_000, seed);

        let outcome = solve(&instance);

        assert!(check::blocking_pairs(&instance, &outcome).is_empty());
        assert!(outcome.placed() > 4_000, "placed {}", outcome.placed());
    }
}

#[test]
fn an_empty_instance_solves_to_an_empty_outcome() {
    let instance = InstanceBuilder::new(0, 0).build().unwrap();

    let outcome = solve(&instance);

    assert!(outcome.assignments().is_empty());
}
