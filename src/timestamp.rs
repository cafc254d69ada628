//! Timestamps as the AWS CLI prints them: ISO 8601 with microseconds and an
//! explicit UTC offset, e.g. `2026-11-29T01:50:08.123456+00:00`; or, inside
//! [`as_epoch_seconds`], as the AWS JSON protocol sends them: seconds since
//! the epoch, a JSON number.

use std::cell::Cell;

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

/// Reads a time written by [`format`] (an audit record's, for instance).
pub fn parse(text: &str) -> Option<OffsetDateTime> {
    time::PrimitiveDateTime::parse(text, AWS_CLI)
        .ok()
        .map(time::PrimitiveDateTime::assume_utc)
}

thread_local! {
    /// Whether responses serialized on this thread go on the wire.
    static EPOCH_SECONDS: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with times serializing as epoch seconds, as the AWS JSON
/// protocol sends them. (The response types serve the CLI and the wire; a
/// scoped switch keeps one set of types rather than two.)
pub fn as_epoch_seconds<T>(f: impl FnOnce() -> T) -> T {
    let before = EPOCH_SECONDS.with(|c| c.replace(true));
    let result = f();
    EPOCH_SECONDS.with(|c| c.set(before));
    result
}

/// Serializes a time with [`format`] (for `#[serde(serialize_with)]`), or
/// as epoch seconds inside [`as_epoch_seconds`].
pub fn serialize<S: Serializer>(ts: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    if EPOCH_SECONDS.with(Cell::get) {
        let seconds = ts.unix_timestamp() as f64 + f64::from(ts.nanosecond()) / 1e9;
        s.serialize_f64(seconds)
    } else {
        s.serialize_str(&format(*ts))
    }
}

/// Serializes an optional time as [`serialize`] does.
pub fn serialize_opt<S: Serializer>(ts: &Option<OffsetDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(ts) => serialize(ts, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_what_format_writes() {
        let t = time::macros::datetime!(2026-11-29 01:50:08.123456 UTC);
        assert_eq!(parse(&format(t)), Some(t));
        assert_eq!(parse("yesterday"), None);
    }

    #[test]
    fn formats_like_the_aws_cli() {
        let ts = time::macros::datetime!(2026-11-29 01:50:08.123456 UTC);
        assert_eq!(format(ts), "2026-11-29T01:50:08.123456+00:00");
        let ts = time::macros::datetime!(2026-11-29 03:50:08 +02:00);
        assert_eq!(format(ts), "2026-11-29T01:50:08.000000+00:00");
    }

    #[test]
    fn the_wire_gets_epoch_seconds() {
        #[derive(serde::Serialize)]
        struct T(#[serde(serialize_with = "serialize")] OffsetDateTime);
        let ts = T(time::macros::datetime!(2026-11-29 01:50:08.5 UTC));
        let wire = as_epoch_seconds(|| serde_json::to_string(&ts)).expect("json");
        assert_eq!(wire, "1795917008.5");
        let cli = serde_json::to_string(&ts).expect("json");
        assert_eq!(cli, "\"2026-11-29T01:50:08.500000+00:00\"");
    }
}
