//! The validity window (security reference row 44): expired and not-yet-valid
//! certificates fail with that reason and still show issuer and number.

use gongjiang_credentials::{Outcome, Reason};
use time::macros::datetime;

use crate::fixtures::*;

#[test]
fn a_certificate_is_valid_through_the_last_second_of_its_last_day() {
    let text = issued().to_string();

    let result = verify_with_school_key(&text, datetime!(2030-12-31 23:59:59 +8));

    assert_eq!(result.outcome, Outcome::Valid);
}

#[test]
fn an_expired_certificate_fails_as_expired_and_still_shows_issuer_and_number() {
    let text = issued().to_string();

    let result = verify_with_school_key(&text, datetime!(2031-01-01 00:00:00 +8));

    assert_eq!(
        result.outcome,
        Outcome::Invalid(Reason::Expired {
            valid_until: datetime!(2030-12-31 23:59:59 +8)
        })
    );
    let details = result.details.as_ref().unwrap();
    assert_eq!(details.issuer_name, "鄂东技师学院");
    assert_eq!(details.number, "Y000142000123254000001");
    assert!(
        result
            .to_string()
            .starts_with("INVALID: expired at 2030-12-31T23:59:59+08:00")
    );
}

#[test]
fn a_certificate_is_not_valid_before_its_issue_day_in_beijing() {
    let text = issued().to_string();

    let result = verify_with_school_key(&text, datetime!(2025-06-29 15:59:59 UTC));

    assert_eq!(
        result.outcome,
        Outcome::Invalid(Reason::NotYetValid {
            valid_from: datetime!(2025-06-30 00:00 +8)
        })
    );
    assert!(result.details.is_some());
}

#[test]
fn a_certificate_without_an_end_date_does_not_expire() {
    let mut claims = claims();
    claims.valid_until = None;
    let text = gongjiang_credentials::issue(&claims, &school_key(), issued_at())
        .unwrap()
        .to_string();

    let result = verify_with_school_key(&text, datetime!(2075-01-01 0:00 UTC));

    assert_eq!(result.outcome, Outcome::Valid);
    assert_eq!(result.details.unwrap().valid_until, None);
}
