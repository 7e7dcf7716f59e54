//! Calendar arithmetic, IANA time-zone offsets and RFC 3339 formatting.
//!
//! The simulator works in Unix seconds (`i64`) and only needs a handful of
//! zones, so instead of a full tz database it carries each zone's standard
//! offset and daylight-saving rule (US, EU or none). That is exact for every
//! zone used here over 2018–2026.

use std::fmt::Write;

/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// Seconds in an hour.
pub const HOUR: i64 = 3_600;

/// 2024-01-01T00:00:00Z: start of the observation window.
pub const WINDOW_START: i64 = 1_704_067_200;
/// 2025-06-30T23:59:59Z: end of the observation window.
pub const WINDOW_END: i64 = 1_751_327_999;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Day of week of a day count, 0 = Sunday … 6 = Saturday.
pub fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

/// Unix seconds of a UTC calendar instant.
pub fn utc(y: i64, m: u32, d: u32, hh: i64, mm: i64) -> i64 {
    days_from_civil(y, m, d) * DAY + hh * HOUR + mm * 60
}

/// Daylight-saving rule of a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dst {
    /// No daylight saving time.
    None,
    /// United States and Canada: second Sunday of March to first Sunday of November, 02:00 local.
    Us,
    /// European Union and UK: last Sunday of March to last Sunday of October, 01:00 UTC.
    Eu,
}

/// An IANA time zone with its offset rule.
#[derive(Clone, Copy, Debug)]
pub struct Tz {
    /// IANA name, e.g. `America/Chicago`.
    pub name: &'static str,
    /// Standard offset from UTC in minutes.
    pub std_min: i32,
    /// Daylight-saving rule.
    pub dst: Dst,
}

/// The day count of the `n`-th (1-based) Sunday of a month, or the last one when `n == 0`.
fn sunday_of(y: i64, m: u32, n: u32) -> i64 {
    if n == 0 {
        let next = if m == 12 {
            days_from_civil(y + 1, 1, 1)
        } else {
            days_from_civil(y, m + 1, 1)
        };
        let last = next - 1;
        last - i64::from(weekday(last))
    } else {
        let first = days_from_civil(y, m, 1);
        let to_sun = (7 - i64::from(weekday(first))) % 7;
        first + to_sun + 7 * i64::from(n - 1)
    }
}

impl Tz {
    /// Offset from UTC in minutes at a UTC instant.
    pub fn offset_at(&self, t: i64) -> i32 {
        let (y, _, _) = civil_from_days(t.div_euclid(DAY));
        let std = i64::from(self.std_min) * 60;
        let in_dst = match self.dst {
            Dst::None => false,
            Dst::Us => {
                let start = sunday_of(y, 3, 2) * DAY + 2 * HOUR - std;
                let end = sunday_of(y, 11, 1) * DAY + 2 * HOUR - std - HOUR;
                t >= start && t < end
            }
            Dst::Eu => {
                let start = sunday_of(y, 3, 0) * DAY + HOUR;
                let end = sunday_of(y, 10, 0) * DAY + HOUR;
                t >= start && t < end
            }
        };
        self.std_min + if in_dst { 60 } else { 0 }
    }

    /// The UTC instant of a local wall-clock time (`day` is a day count, `secs` seconds after local midnight).
    pub fn local_to_utc(&self, day: i64, secs: i64) -> i64 {
        let naive = day * DAY + secs;
        let guess = naive - i64::from(self.std_min) * 60;
        naive - i64::from(self.offset_at(guess)) * 60
    }
}

/// Appends `t` as RFC 3339 with the given offset (`Z` when the offset is zero).
pub fn push_rfc3339(out: &mut String, t: i64, offset_min: i32) {
    let local = t + i64::from(offset_min) * 60;
    let days = local.div_euclid(DAY);
    let secs = local.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        secs / HOUR,
        (secs % HOUR) / 60,
        secs % 60
    );
    if offset_min == 0 {
        out.push('Z');
    } else {
        let sign = if offset_min < 0 { '-' } else { '+' };
        let a = offset_min.abs();
        let _ = write!(out, "{sign}{:02}:{:02}", a / 60, a % 60);
    }
}

/// `t` as an RFC 3339 string in UTC.
#[cfg(test)]
pub fn rfc3339(t: i64) -> String {
    let mut s = String::with_capacity(20);
    push_rfc3339(&mut s, t, 0);
    s
}

/// Appends the `YYYY-MM-DD` form of a day count.
pub fn push_date(out: &mut String, days: i64) {
    let (y, m, d) = civil_from_days(days);
    let _ = write!(out, "{y:04}-{m:02}-{d:02}");
}

/// The `YYYY-MM-DD` form of a day count.
pub fn date(days: i64) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, days);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const NY: Tz = Tz {
        name: "America/New_York",
        std_min: -300,
        dst: Dst::Us,
    };
    const LON: Tz = Tz {
        name: "Europe/London",
        std_min: 0,
        dst: Dst::Eu,
    };

    #[test]
    fn civil_round_trip() {
        for z in [-1000, 0, 19_723, 20_000, 20_269] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2024, 1, 1) * DAY, WINDOW_START);
        assert_eq!(weekday(days_from_civil(2024, 7, 15)), 1); // a Monday
    }

    #[test]
    fn dst_rules() {
        // 2024-03-10 is the US switch; 2024-03-31 the EU switch.
        assert_eq!(NY.offset_at(utc(2024, 3, 10, 6, 59)), -300);
        assert_eq!(NY.offset_at(utc(2024, 3, 10, 7, 0)), -240);
        assert_eq!(NY.offset_at(utc(2024, 11, 3, 5, 59)), -240);
        assert_eq!(NY.offset_at(utc(2024, 11, 3, 6, 0)), -300);
        assert_eq!(LON.offset_at(utc(2024, 3, 31, 0, 59)), 0);
        assert_eq!(LON.offset_at(utc(2024, 3, 31, 1, 0)), 60);
        assert_eq!(LON.offset_at(utc(2024, 10, 27, 1, 0)), 0);
    }

    #[test]
    fn formats() {
        let t = NY.local_to_utc(days_from_civil(2024, 7, 15), 21 * HOUR + 55 * 60);
        let mut s = String::new();
        push_rfc3339(&mut s, t, NY.offset_at(t));
        assert_eq!(s, "2024-07-15T21:55:00-04:00");
        assert_eq!(rfc3339(t), "2024-07-16T01:55:00Z");
        assert_eq!(date(days_from_civil(1990, 2, 3)), "1990-02-03");
    }
}
