//! Date and timestamp text as written into credentials.
//!
//! Certificate dates are calendar days in China Standard Time (UTC+8, no
//! daylight saving), so a day becomes `YYYY-MM-DDT00:00:00+08:00` and reads
//! back as the same day wherever it is verified.

use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset};
use time::{Date, OffsetDateTime, Time, UtcOffset};

/// China Standard Time, UTC+8.
pub const CHINA_STANDARD_TIME: UtcOffset = offset!(+8);

/// `YYYY-MM-DD`.
pub(crate) fn format_date(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// Reads `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

/// RFC 3339 at whole seconds, keeping the offset it is given.
pub(crate) fn format_timestamp(at: OffsetDateTime) -> Option<String> {
    at.replace_nanosecond(0).ok()?.format(&Rfc3339).ok()
}

/// Reads an RFC 3339 timestamp (an offset is required, as VC 2.0 asks).
pub(crate) fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// The start of `date` in China Standard Time.
pub(crate) fn start_of_day(date: Date) -> OffsetDateTime {
    date.with_time(Time::MIDNIGHT)
        .assume_offset(CHINA_STANDARD_TIME)
}

/// The last second of `date` in China Standard Time.
pub(crate) fn end_of_day(date: Date) -> OffsetDateTime {
    date.with_time(Time::from_hms(23, 59, 59).unwrap_or(Time::MIDNIGHT))
        .assume_offset(CHINA_STANDARD_TIME)
}

/// The calendar day of `at` in China Standard Time.
pub(crate) fn china_date(at: OffsetDateTime) -> Date {
    at.to_offset(CHINA_STANDARD_TIME).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_day_is_written_at_beijing_midnight_and_read_back_as_the_same_day() {
        let start = start_of_day(date!(2025 - 06 - 30));
        assert_eq!(
            format_timestamp(start).unwrap(),
            "2025-06-30T00:00:00+08:00"
        );
        assert_eq!(
            china_date(parse_timestamp("2025-06-29T16:00:00Z").unwrap()),
            date!(2025 - 06 - 30)
        );
        assert_eq!(
            format_timestamp(end_of_day(date!(2030 - 01 - 01))).unwrap(),
            "2030-01-01T23:59:59+08:00"
        );
    }

    #[test]
    fn timestamps_without_an_offset_are_refused() {
        assert!(parse_timestamp("2025-06-30T00:00:00").is_none());
        assert_eq!(
            parse_timestamp("2025-06-30T00:00:00Z"),
            Some(datetime!(2025-06-30 0:00 UTC))
        );
    }

    #[test]
    fn dates_round_trip_as_year_month_day() {
        assert_eq!(format_date(date!(2025 - 07 - 01)), "2025-07-01");
        assert_eq!(parse_date("2025-07-01"), Some(date!(2025 - 07 - 01)));
        assert_eq!(parse_date("2025-7-1"), None);
    }
}
