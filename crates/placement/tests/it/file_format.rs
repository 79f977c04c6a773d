//! The `hr1` and assignment formats: round trips, and a line-numbered refusal
//! for each kind of malformed file.

use gongjiang_placement::file::{read_assignment, read_instance, write_assignment, write_instance};
use gongjiang_placement::{ErrorKind, generate, solve};
use proptest::prelude::*;

/// Two trainees, two places: trainee 0 lists 0 then 1, trainee 1 lists 0.
const VALID: &str = "hr1 2 2 3\n2 0 1\n1 0\n1 2 1 0\n1 1 0\n";

fn refusal(text: &str) -> (Option<usize>, ErrorKind) {
    let error = read_instance(text.as_bytes()).expect_err("the file should be refused");
    (error.line(), error.kind().clone())
}

#[test]
fn a_valid_file_is_read_with_its_rankings_and_capacities() {
    let instance = read_instance(VALID.as_bytes()).unwrap();

    assert_eq!(
        (instance.trainees(), instance.places(), instance.entries()),
        (2, 2, 3)
    );
    assert_eq!(instance.preferences(0), &[0, 1]);
    assert_eq!(instance.ranking(0), &[1, 0]);
    assert_eq!(instance.capacity(1), 1);
}

#[test]
fn blank_lines_and_crlf_line_ends_are_accepted() {
    let text = "hr1 2 2 3\r\n\r\n2 0 1\r\n1 0\r\n\n1 2 1 0\r\n1 1 0\r\n\n";

    let instance = read_instance(text.as_bytes()).unwrap();

    assert_eq!(instance.ranking(1), &[0]);
}

#[test]
fn writing_then_reading_a_generated_instance_gives_it_back() {
    let instance = generate::random_instance(2_000, 5);
    let mut bytes = Vec::new();

    write_instance(&instance, &mut bytes).unwrap();
    let reread = read_instance(&bytes).unwrap();

    assert_eq!(reread, instance);
}

#[test]
fn an_assignment_written_out_reads_back_the_same() {
    let instance = generate::random_instance(1_000, 2);
    let outcome = solve(&instance);
    let mut bytes = Vec::new();

    write_assignment(outcome.assignments(), &mut bytes).unwrap();
    let reread = read_assignment(&bytes, &instance).unwrap();

    assert_eq!(reread, outcome.assignments());
    assert!(
        bytes.starts_with(
            format!("{}\n", outcome.assignments()[0].map_or(-1, i64::from)).as_bytes()
        )
    );
}

#[test]
fn a_file_without_the_magic_word_is_refused_on_line_1() {
    assert_eq!(refusal("hr2 1 1 1\n"), (Some(1), ErrorKind::BadHeader));
    assert_eq!(refusal(""), (Some(1), ErrorKind::BadHeader));
    assert_eq!(refusal("hr1 1 1\n"), (Some(1), ErrorKind::BadHeader));
}

#[test]
fn a_trainee_line_with_too_few_entries_is_refused_with_its_line() {
    let text = "hr1 2 2 3\n3 0 1\n1 0\n1 2 1 0\n1 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(2),
            ErrorKind::WrongEntryCount {
                declared: 3,
                found: 2
            }
        )
    );
}

#[test]
fn a_place_line_with_too_many_entries_is_refused_with_its_line() {
    let text = "hr1 2 2 3\n2 0 1\n1 0\n1 2 1 0\n1 1 0 1\n";

    assert_eq!(
        refusal(text),
        (
            Some(5),
            ErrorKind::WrongEntryCount {
                declared: 1,
                found: 2
            }
        )
    );
}

#[test]
fn a_place_id_out_of_range_is_refused() {
    let text = "hr1 2 2 3\n2 0 1\n1 5\n1 2 1 0\n1 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(3),
            ErrorKind::PlaceOutOfRange {
                place: 5,
                places: 2
            }
        )
    );
}

#[test]
fn a_trainee_id_out_of_range_is_refused() {
    let text = "hr1 2 2 3\n2 0 1\n1 0\n1 2 9 0\n1 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(4),
            ErrorKind::TraineeOutOfRange {
                trainee: 9,
                trainees: 2
            }
        )
    );
}

#[test]
fn a_place_ranking_a_trainee_who_did_not_list_it_is_refused() {
    let text = "hr1 2 2 3\n2 0 1\n1 0\n1 2 1 0\n1 2 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(5),
            ErrorKind::NotAnApplicant {
                place: 1,
                trainee: 1
            }
        )
    );
}

#[test]
fn a_place_leaving_out_an_applicant_is_refused() {
    let text = "hr1 2 2 3\n2 0 1\n1 0\n1 1 1\n1 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(4),
            ErrorKind::ApplicantNotRanked {
                place: 0,
                trainee: 0
            }
        )
    );
}

#[test]
fn duplicates_on_either_side_are_refused() {
    let twice_listed = "hr1 1 1 2\n2 0 0\n1 1 0\n";
    let twice_ranked = "hr1 2 1 2\n1 0\n1 0\n1 2 1 1\n";

    assert_eq!(
        refusal(twice_listed),
        (
            Some(2),
            ErrorKind::DuplicatePlace {
                trainee: 0,
                place: 0
            }
        )
    );
    assert_eq!(
        refusal(twice_ranked),
        (
            Some(4),
            ErrorKind::DuplicateTrainee {
                place: 0,
                trainee: 1
            }
        )
    );
}

#[test]
fn a_negative_capacity_is_refused() {
    let text = "hr1 2 2 3\n2 0 1\n1 0\n-1 2 1 0\n1 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(4),
            ErrorKind::NegativeCapacity {
                place: 0,
                capacity: -1
            }
        )
    );
}

#[test]
fn trailing_garbage_is_refused_with_its_line() {
    let text = format!("{VALID}\n7\n");

    assert_eq!(refusal(&text), (Some(7), ErrorKind::TrailingGarbage));
}

#[test]
fn a_file_that_ends_early_names_the_missing_section() {
    let text = "hr1 2 2 3\n2 0 1\n1 0\n1 2 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(5),
            ErrorKind::MissingLines {
                section: "place",
                expected: 2,
                found: 1
            }
        )
    );
}

#[test]
fn a_header_total_that_disagrees_with_the_lists_is_refused() {
    let text = "hr1 2 2 4\n2 0 1\n1 0\n1 2 1 0\n1 1 0\n";

    assert_eq!(
        refusal(text),
        (
            Some(1),
            ErrorKind::TotalEntriesMismatch {
                declared: 4,
                found: 3
            }
        )
    );
}

#[test]
fn words_and_huge_numbers_are_refused() {
    assert_eq!(
        refusal("hr1 2 2 3\n2 0 x1\n"),
        (Some(2), ErrorKind::NotAnInteger { found: "x1".into() })
    );
    assert_eq!(
        refusal("hr1 99999999999 1 1\n"),
        (Some(1), ErrorKind::NumberTooLarge)
    );
}

#[test]
fn an_error_message_names_the_line_and_the_problem() {
    let error = read_instance(b"hr1 2 2 3\n2 0 1\n1 0\n-1 2 1 0\n1 1 0\n").unwrap_err();

    assert_eq!(
        error.to_string(),
        "line 4: place 0 has negative capacity -1"
    );
}

#[test]
fn an_assignment_file_with_a_missing_line_or_a_bad_place_is_refused() {
    let instance = read_instance(VALID.as_bytes()).unwrap();

    let short = read_assignment(b"0\n", &instance).unwrap_err();
    let bad = read_assignment(b"0\n7\n", &instance).unwrap_err();
    let long = read_assignment(b"0\n-1\n1\n", &instance).unwrap_err();

    assert!(matches!(
        short.kind(),
        ErrorKind::MissingLines { found: 1, .. }
    ));
    assert_eq!(
        (bad.line(), bad.kind()),
        (
            Some(2),
            &ErrorKind::PlaceOutOfRange {
                place: 7,
                places: 2
            }
        )
    );
    assert_eq!(
        (long.line(), long.kind()),
        (Some(3), &ErrorKind::TrailingGarbage)
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_are_refused_or_read_but_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = read_instance(&bytes);
    }

    #[test]
    fn a_valid_file_with_one_byte_changed_never_panics(at in 0usize..VALID.len(), byte in prop::sample::select(b"0123456789 -\nx".to_vec())) {
        let mut bytes = VALID.as_bytes().to_vec();
        bytes[at] = byte;

        if let Ok(instance) = read_instance(&bytes) {
            let _ = solve(&instance);
        }
    }
}
