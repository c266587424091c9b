//! Dates and times as a reader writes them: "1 Dec 2026, 19:45 CET" and
//! "14 November 2026", instead of the RFC 3339 the model stores.
//!
//! Reports are rendered for a [`ReportZone`] the caller chooses: the window
//! and the CLI pass the computer's own zone ([`ReportZone::system`]), tests
//! pass a fixed one, so the same project and zone always give the same
//! bytes. Times carry the zone's abbreviation, so a desk report mailed to a
//! colleague elsewhere is still unambiguous.
//!
//! `jiff` reads the system zone from `/etc/localtime` (or `TZ`) and the
//! zoneinfo database, so summer time is right for every past date, in
//! pure Rust with no dependencies of its own. The `time` crate's local
//! offset gives only today's offset and refuses in a multi-threaded process
//! on Unix, which the window is.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The time zone a report shows times in.
#[derive(Debug, Clone)]
pub struct ReportZone(TimeZone);

impl ReportZone {
    /// The computer's own zone (UTC when it cannot be found).
    pub fn system() -> Self {
        ReportZone(TimeZone::system())
    }

    /// Coordinated Universal Time.
    pub fn utc() -> Self {
        ReportZone(TimeZone::UTC)
    }

    /// An IANA zone such as `Europe/Berlin`, or `None` if the zone database
    /// does not know it.
    pub fn named(name: &str) -> Option<Self> {
        TimeZone::get(name).ok().map(ReportZone)
    }
}

impl Default for ReportZone {
    /// UTC: deterministic output unless a caller asks for a local zone.
    fn default() -> Self {
        ReportZone::utc()
    }
}

/// An RFC 3339 timestamp as "1 Dec 2026, 19:45 CET" in `zone`, or `None`
/// when it does not parse (a hand-edited file); callers then show it as
/// written.
pub(crate) fn readable_time(timestamp: &str, zone: &ReportZone) -> Option<String> {
    let instant: Timestamp = timestamp.trim().parse().ok()?;
    let local = instant.to_zoned_datetime(zone.0.clone());
    Some(local.strftime("%-d %b %Y, %H:%M %Z").to_string())
}

/// A `YYYY-MM-DD` date as "14 November 2026", or `None` when it is not
/// one.
pub(crate) fn readable_date(date: &str) -> Option<String> {
    let date: Date = date.trim().parse().ok()?;
    Some(date.strftime("%-d %B %Y").to_string())
}

/// [`readable_time`], or the text as written when it does not parse.
pub(crate) fn time_or_raw(timestamp: &str, zone: &ReportZone) -> String {
    readable_time(timestamp, zone).unwrap_or_else(|| timestamp.trim().to_owned())
}

/// [`readable_date`], or the text as written when it does not parse.
pub(crate) fn date_or_raw(date: &str) -> String {
    readable_date(date).unwrap_or_else(|| date.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_read_like_a_newsroom_writes_them() {
        let utc = ReportZone::utc();
        assert_eq!(
            readable_time("2026-12-01T19:45:03Z", &utc).as_deref(),
            Some("1 Dec 2026, 19:45 UTC")
        );
        assert_eq!(readable_time("yesterday", &utc), None);
        assert_eq!(time_or_raw(" yesterday ", &utc), "yesterday");
    }

    #[test]
    fn local_zones_follow_summer_time() {
        let Some(berlin) = ReportZone::named("Europe/Berlin") else {
            // No zoneinfo database on this machine: nothing to convert with.
            println!("SKIP: no zoneinfo for Europe/Berlin");
            return;
        };
        assert_eq!(
            readable_time("2026-12-01T19:45:03Z", &berlin).as_deref(),
            Some("1 Dec 2026, 20:45 CET")
        );
        assert_eq!(
            readable_time("2026-07-01T19:45:03Z", &berlin).as_deref(),
            Some("1 Jul 2026, 21:45 CEST")
        );
    }

    #[test]
    fn dates_are_spelled_out() {
        assert_eq!(
            readable_date("2026-11-14").as_deref(),
            Some("14 November 2026")
        );
        assert_eq!(readable_date("2026-02-30"), None);
        assert_eq!(date_or_raw("last week"), "last week");
    }
}
