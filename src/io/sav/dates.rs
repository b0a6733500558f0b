//! Dates and times of SPSS: seconds since 1582-10-14 00:00:00 (the first day of the
//! Gregorian calendar) for a date or a date and time, seconds for a time. Rendered as ISO
//! text, as haven reads them: `Date` = seconds / 86400 − 141428 days since 1970-01-01,
//! `POSIXct` = seconds − 141428 × 86400 seconds since 1970-01-01 00:00:00 UTC, `hms` = seconds.

/// Days from 1582-10-14 to 1970-01-01 (haven's `daysOffset` for SPSS).
pub const SPSS_EPOCH_OFFSET_DAYS: i64 = 141_428;

const SECONDS_PER_DAY: i64 = 86_400;
const MICROS_PER_DAY: i64 = SECONDS_PER_DAY * 1_000_000;

/// The year, month and day of a day counted from 1970-01-01 (proleptic Gregorian calendar;
/// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The largest distance from 1970 rendered: 9 × 10^12 seconds, about 285 000 years (its
/// microseconds fit in an i64).
const MAX_SECONDS: f64 = 9e12;

/// Microseconds since 1970-01-01 of an SPSS date-time (within [`MAX_SECONDS`]).
fn unix_micros(spss_seconds: f64) -> Option<i64> {
    if !spss_seconds.is_finite() {
        return None;
    }
    let seconds = spss_seconds - (SPSS_EPOCH_OFFSET_DAYS * SECONDS_PER_DAY) as f64;
    if seconds.abs() > MAX_SECONDS {
        return None;
    }
    Some((seconds * 1e6).round() as i64)
}

/// ISO 8601: the year in four digits or more, a minus sign before a year before year 0.
fn ymd(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    if y < 0 {
        format!("-{:04}-{m:02}-{d:02}", -y)
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// "HH:MM:SS", with ".ffffff" (trailing zeros left out) when there are fractions of a second.
fn clock(micros: i64) -> String {
    let (secs, frac) = (micros / 1_000_000, micros % 1_000_000);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = format!("{h:02}:{m:02}:{s:02}");
    if frac != 0 {
        let f = format!("{frac:06}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// A date variable's value (seconds since 1582-10-14) as "YYYY-MM-DD" (proleptic Gregorian
/// calendar; fractions of a day dropped, as R's `format.Date`); None if not finite or more
/// than 9 × 10^12 seconds (285 000 years) from 1970.
pub fn iso_date(spss_seconds: f64) -> Option<String> {
    let micros = unix_micros(spss_seconds)?;
    Some(ymd(micros.div_euclid(MICROS_PER_DAY)))
}

/// A date-time variable's value as "YYYY-MM-DD HH:MM:SS" (UTC, as haven), with fractions of
/// a second to the microsecond when there are any; None as for [`iso_date`].
pub fn iso_datetime(spss_seconds: f64) -> Option<String> {
    let micros = unix_micros(spss_seconds)?;
    let date = ymd(micros.div_euclid(MICROS_PER_DAY));
    Some(format!(
        "{date} {}",
        clock(micros.rem_euclid(MICROS_PER_DAY))
    ))
}

/// A time variable's value (seconds) as "HH:MM:SS" (hours past 24 as they are, a minus sign
/// for a negative duration), as haven's `hms` prints it; None if not finite or over 10^12 s.
pub fn iso_time(seconds: f64) -> Option<String> {
    if !seconds.is_finite() || seconds.abs() > 1e12 {
        return None;
    }
    let micros = (seconds.abs() * 1e6).round() as i64;
    let sign = if seconds < 0.0 && micros != 0 {
        "-"
    } else {
        ""
    };
    Some(format!("{sign}{}", clock(micros)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;

    #[test]
    fn dates_from_the_gregorian_epoch() {
        // R: as.Date("1582-10-14") - as.Date("1970-01-01") = -141428 days
        assert_eq!(iso_date(0.0).as_deref(), Some("1582-10-14"));
        assert_eq!(iso_date(141_428.0 * DAY).as_deref(), Some("1970-01-01"));
        // R 4.2.2: as.numeric(as.Date("2024-03-01")) = 19783
        assert_eq!(
            iso_date((141_428.0 + 19_783.0) * DAY).as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            iso_date((141_428.0 + 11_016.0) * DAY).as_deref(),
            Some("2000-02-29")
        );
        // a fraction of a day is dropped, also before 1970
        assert_eq!(
            iso_date((141_428.0 - 1.0) * DAY + 0.5).as_deref(),
            Some("1969-12-31")
        );
        assert_eq!(iso_date(f64::NAN), None);
        assert_eq!(iso_date(1e300), None);
        assert_eq!(iso_date(-1e20), None);
        assert_eq!(iso_date(1e15), None);
        assert_eq!(iso_datetime(9.1e12 + 141_428.0 * DAY), None);
        assert!(iso_datetime(8.9e12 + 141_428.0 * DAY).is_some());
        // years before 1 and after 9999 (R 4.2.2: format(as.Date(c(-719163, -800000,
        // 2932897, 70000000), origin = "1970-01-01")) = "0-12-31" "-221-09-04" "10000-01-01"
        // "193623-06-29"; ISO 8601 writes four digits at least)
        let day = |d: f64| iso_date((141_428.0 + d) * DAY);
        assert_eq!(day(-719_162.0).as_deref(), Some("0001-01-01"));
        assert_eq!(day(-719_163.0).as_deref(), Some("0000-12-31"));
        assert_eq!(day(-800_000.0).as_deref(), Some("-0221-09-04"));
        assert_eq!(day(2_932_897.0).as_deref(), Some("10000-01-01"));
        assert_eq!(day(70_000_000.0).as_deref(), Some("193623-06-29"));
    }

    #[test]
    fn date_times_and_times() {
        // R: as.numeric(as.POSIXct("2024-03-01 08:30:15", tz = "UTC")) = 1709281815
        let t = 1_709_281_815.0 + 141_428.0 * DAY;
        assert_eq!(iso_datetime(t).as_deref(), Some("2024-03-01 08:30:15"));
        assert_eq!(
            iso_datetime(t + 0.25).as_deref(),
            Some("2024-03-01 08:30:15.25")
        );
        assert_eq!(
            iso_datetime(141_428.0 * DAY - 1.0).as_deref(),
            Some("1969-12-31 23:59:59")
        );
        assert_eq!(iso_datetime(0.0).as_deref(), Some("1582-10-14 00:00:00"));
        assert_eq!(iso_time(0.0).as_deref(), Some("00:00:00"));
        assert_eq!(iso_time(99_000.5).as_deref(), Some("27:30:00.5"));
        assert_eq!(iso_time(-5_400.0).as_deref(), Some("-01:30:00"));
        assert_eq!(iso_time(f64::INFINITY), None);
        // rounding to the microsecond carries into the next second
        assert_eq!(iso_time(59.999_999_9).as_deref(), Some("00:01:00"));
    }
}
