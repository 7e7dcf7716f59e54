//! Parsing of cell text into typed values, with messages that say what was expected and
//! what was found. Hand-written for the hot types (timestamps, dates) because a 1 GB
//! dataset has tens of millions of them.

use crate::schema::ColumnType;
use std::borrow::Cow;

/// A validated cell, ready to append to an Arrow builder.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Empty cell: unknown.
    Null,
    /// Text (possibly canonicalised, e.g. an upper-cased country code).
    Text(Cow<'a, str>),
    /// Microseconds since 1970-01-01T00:00:00Z.
    Timestamp(i64),
    /// Days since 1970-01-01.
    Date(i32),
    /// Whole number.
    Int(i64),
    /// Decimal number.
    Float(f64),
    /// Boolean.
    Bool(bool),
}

/// `text.trim()`, answered without a scan when both ends are visible ASCII, as nearly every
/// cell's are (a log of millions of rows trims each of its cells several times).
pub(crate) fn trimmed(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Parses one cell according to its column type. `Ok(Value::Null)` for an empty cell.
/// Person references are only checked for shape here; existence is checked by the loader.
pub fn parse_value(raw: &str, ty: ColumnType) -> Result<Value<'_>, String> {
    let text = trimmed(raw);
    if text.is_empty() {
        return Ok(Value::Null);
    }
    match ty {
        ColumnType::Text | ColumnType::Label | ColumnType::PersonRef => {
            Ok(Value::Text(Cow::Borrowed(text)))
        }
        ColumnType::Timestamp => parse_timestamp(text)
            .map(Value::Timestamp)
            .ok_or_else(|| expected("an RFC 3339 timestamp like 2024-07-15T21:55:00-04:00", text)),
        ColumnType::Date => parse_date(text)
            .map(Value::Date)
            .ok_or_else(|| expected("a date like 2024-07-15", text)),
        ColumnType::Int => text
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| expected("a whole number", text)),
        ColumnType::Float => match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Value::Float(v)),
            _ => Err(expected("a number", text)),
        },
        ColumnType::Bool => match text.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "y" | "t" => Ok(Value::Bool(true)),
            "false" | "0" | "no" | "n" | "f" => Ok(Value::Bool(false)),
            _ => Err(expected("true or false", text)),
        },
        ColumnType::Country => {
            if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
                Ok(Value::Text(Cow::Owned(text.to_ascii_uppercase())))
            } else {
                Err(expected("an ISO 3166-1 alpha-2 country code like US", text))
            }
        }
        ColumnType::Enum(allowed) => canonical_word(text, allowed)
            .map(|w| Value::Text(Cow::Borrowed(w)))
            .ok_or_else(|| expected(&format!("one of {}", allowed.join(", ")), text)),
        ColumnType::EnumList(allowed) => {
            let mut items = Vec::new();
            for item in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                match canonical_word(item, allowed) {
                    Some(w) => items.push(w),
                    None => {
                        return Err(format!(
                            "expected `;`-separated items from {}; found {:?}",
                            allowed.join(", "),
                            item
                        ))
                    }
                }
            }
            Ok(Value::Text(Cow::Owned(items.join(";"))))
        }
    }
}

fn expected(what: &str, found: &str) -> String {
    let shown: String = found.chars().take(60).collect();
    format!("expected {what}; found {shown:?}")
}

/// Finds `text` in `allowed` ignoring ASCII case, returning the canonical spelling.
fn canonical_word(text: &str, allowed: &'static [&'static str]) -> Option<&'static str> {
    allowed
        .iter()
        .copied()
        .find(|w| w.eq_ignore_ascii_case(text))
}

/// Parses `YYYY-MM-DD` into days since the Unix epoch, rejecting impossible dates.
pub fn parse_date(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])? as i32;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    days_from_civil(year, month, day)
}

/// Parses an RFC 3339 timestamp (`T` or space separator, optional fraction, `Z` or
/// `±HH:MM` offset) into microseconds since the Unix epoch.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let days = parse_date(text.get(0..10)?)? as i64;
    if !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let hour = digits(&b[11..13])? as i64;
    let minute = digits(&b[14..16])? as i64;
    let second = digits(&b[17..19])? as i64;
    // 60 is a leap second; RFC 3339 allows it and we fold it into the next second.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut pos = 19;
    let mut micros = 0i64;
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < b.len() && b[pos].is_ascii_digit() {
            if pos - start < 6 {
                micros = micros * 10 + (b[pos] - b'0') as i64;
            }
            pos += 1;
        }
        let n = pos - start;
        if n == 0 {
            return None;
        }
        for _ in n..6 {
            micros *= 10;
        }
    }
    let offset_secs = match b.get(pos)? {
        b'Z' | b'z' if pos + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if pos + 6 == b.len() && b[pos + 3] == b':' => {
            let oh = digits(&b[pos + 1..pos + 3])? as i64;
            let om = digits(&b[pos + 4..pos + 6])? as i64;
            if oh > 23 || om > 59 {
                return None;
            }
            let secs = oh * 3600 + om * 60;
            if *sign == b'+' {
                secs
            } else {
                -secs
            }
        }
        _ => return None,
    };
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    Some(secs * 1_000_000 + micros)
}

fn digits(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u32;
    }
    Some(v)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> Option<i32> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{CAMERA_STATES, INTERVIEW_SIGNALS};

    #[test]
    fn trimmed_is_trim() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "a b",
            "\u{a0}a",
            "a\u{3000}",
            "é",
            "\u{a0}",
        ] {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn timestamps_with_offsets_fractions_and_zulu() {
        // 2024-07-15T21:55:00-04:00 is 2024-07-16T01:55:00Z.
        let a = parse_timestamp("2024-07-15T21:55:00-04:00").unwrap();
        let b = parse_timestamp("2024-07-16T01:55:00Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, 1_721_094_900_000_000);
        assert_eq!(
            parse_timestamp("1970-01-01T00:00:00.5Z"),
            Some(500_000),
            "fractions are scaled to microseconds"
        );
        assert_eq!(
            parse_timestamp("1970-01-01 00:00:01.1234567+00:00"),
            Some(1_123_456)
        );
    }

    #[test]
    fn rejects_malformed_timestamps() {
        for bad in [
            "2024-07-15",
            "2024-07-15T21:55:00",
            "2024-13-01T00:00:00Z",
            "2024-02-30T00:00:00Z",
            "2024-07-15T24:00:00Z",
            "2024-07-15T21:55:00+0400",
            "2024-07-15T21:55:00.Z",
            "15/07/2024 21:55",
            "2024-07-15T21:55:00Zjunk",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_know_leap_years() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("1900-02-29"), None);
        assert_eq!(parse_date("2000-02-29"), Some(11_016));
        assert_eq!(parse_date("1969-12-31"), Some(-1));
    }

    #[test]
    fn enums_are_case_insensitive_and_canonicalised() {
        let ty = ColumnType::Enum(CAMERA_STATES);
        assert_eq!(
            parse_value("Refused", ty),
            Ok(Value::Text("refused".into()))
        );
        let err = parse_value("sideways", ty).unwrap_err();
        assert!(err.contains("one of on, off, refused"), "{err}");
        let list = ColumnType::EnumList(INTERVIEW_SIGNALS);
        assert_eq!(
            parse_value("stalling; Reading_Answers", list),
            Ok(Value::Text("stalling;reading_answers".into()))
        );
        assert!(parse_value("stalling;teleporting", list).is_err());
    }

    #[test]
    fn countries_numbers_and_bools() {
        assert_eq!(
            parse_value(" us ", ColumnType::Country),
            Ok(Value::Text("US".into()))
        );
        assert!(parse_value("USA", ColumnType::Country).is_err());
        assert_eq!(parse_value("", ColumnType::Int), Ok(Value::Null));
        assert!(parse_value("12.5", ColumnType::Int).is_err());
        assert_eq!(
            parse_value("12.5", ColumnType::Float),
            Ok(Value::Float(12.5))
        );
        assert!(parse_value("NaN", ColumnType::Float).is_err());
        assert_eq!(parse_value("TRUE", ColumnType::Bool), Ok(Value::Bool(true)));
        assert!(parse_value("maybe", ColumnType::Bool).is_err());
    }
}
