//! Timestamps as the AWS CLI prints them: ISO 8601 with microseconds and an
//! explicit UTC offset, e.g. `2026-11-29T01:50:08.123456+00:00`.

use serde::Serializer;
use time::OffsetDateTime;
use time::format_description::FormatItem;
use time::macros::format_description;

const AWS_CLI: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]+00:00");

/// Formats a time in UTC the way the AWS CLI prints it.
pub fn format(ts: OffsetDateTime) -> String {
    ts.to_offset(time::UtcOffset::UTC)
        .format(AWS_CLI)
        .unwrap_or_else(|_| ts.unix_timestamp().to_string())
}

/// Serializes a time with [`format`] (for `#[serde(serialize_with)]`).
pub fn serialize<S: Serializer>(ts: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(*ts))
}

/// Serializes an optional time with [`format`].
pub fn serialize_opt<S: Serializer>(ts: &Option<OffsetDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(ts) => s.serialize_str(&format(*ts)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_aws_cli() {
        let ts = time::macros::datetime!(2026-11-29 01:50:08.123456 UTC);
        assert_eq!(format(ts), "2026-11-29T01:50:08.123456+00:00");
        let ts = time::macros::datetime!(2026-11-29 03:50:08 +02:00);
        assert_eq!(format(ts), "2026-11-29T01:50:08.000000+00:00");
    }
}
