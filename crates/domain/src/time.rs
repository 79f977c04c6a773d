//! Instants as Unix milliseconds (UTC), shown in China Standard Time (UTC+8).
//!
//! Both databases store a plain BIGINT; formatting for people happens here so
//! pages, exports and the audit log all show the same clock.

use serde::Serialize;

/// An instant, in milliseconds since the Unix epoch (UTC). Stored as the
/// number; serialized (the JSON API, exports) as RFC 3339 in China Standard
/// Time, `2026-12-02T14:30:00+08:00`, as `docs/api.md` promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339_cst())
    }
}

impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
            "pattern": "\\+08:00$",
            "description": "RFC 3339 in China Standard Time"
        })
    }
}

/// China Standard Time has no daylight saving: a fixed +08:00.
const CST_OFFSET_SECONDS: i32 = 8 * 3600;

impl Timestamp {
    /// Milliseconds since the epoch.
    pub fn millis(self) -> i64 {
        self.0
    }
    /// This instant plus `minutes`.
    pub fn plus_minutes(self, minutes: i64) -> Self {
        Self(self.0 + minutes * 60_000)
    }
    /// This instant plus `seconds`.
    pub fn plus_seconds(self, seconds: i64) -> Self {
        Self(self.0 + seconds * 1000)
    }
    fn in_cst(self) -> time::OffsetDateTime {
        let utc = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1_000_000)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        let offset =
            time::UtcOffset::from_whole_seconds(CST_OFFSET_SECONDS).unwrap_or(time::UtcOffset::UTC);
        utc.to_offset(offset)
    }
    /// Midnight at the start of `date` in China Standard Time.
    pub fn start_of_day_cst(date: time::Date) -> Self {
        let midnight = date.midnight().assume_offset(
            time::UtcOffset::from_whole_seconds(CST_OFFSET_SECONDS).unwrap_or(time::UtcOffset::UTC),
        );
        Self(i64::try_from(midnight.unix_timestamp_nanos() / 1_000_000).unwrap_or(0))
    }
    /// The calendar date in China Standard Time.
    pub fn date_cst(self) -> time::Date {
        self.in_cst().date()
    }
    /// `2026-11-28 17:40` in China Standard Time.
    pub fn display_cst(self) -> String {
        let t = self.in_cst();
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    }
    /// RFC 3339 with the explicit +08:00 offset, for JSON and the audit log.
    pub fn rfc3339_cst(self) -> String {
        let t = self.in_cst();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_serializes_as_rfc3339_in_china_standard_time() {
        let t = Timestamp(1_764_657_000_000); // 2025-12-02T06:30:00Z
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2025-12-02T14:30:00+08:00\""
        );
    }

    #[test]
    fn instants_are_shown_in_china_standard_time() {
        // 2026-11-28T16:00:00Z is midnight the next day in Beijing.
        let t = Timestamp(1_795_881_600_000);
        assert_eq!(t.display_cst(), "2026-11-29 00:00");
        assert_eq!(Timestamp::start_of_day_cst(t.date_cst()), t);
        assert_eq!(t.rfc3339_cst(), "2026-11-29T00:00:00+08:00");
        assert_eq!(t.date_cst(), time::macros::date!(2026 - 11 - 29));
    }
}
