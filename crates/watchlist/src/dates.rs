//! Dates as sanctions lists write them: OFAC `15 Jun 1985`, `Jun 1985`, `1985`, `circa 1965`,
//! `1962 to 1964`, `01 Jan 1961 to 31 Dec 1962`, `circa 1979-1982`; ISO `1985-06-15` (UN).

use chrono::NaiveDate;

use crate::model::{DatePoint, PartialDate};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn number<T: std::str::FromStr>(word: &str) -> Option<T> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) || word.len() > 4 {
        return None;
    }
    word.parse().ok()
}

/// One date point: `15 Jun 1985`, `Jun 1985`, `1985`, `1985-06-15`, `1985-06`.
pub(crate) fn point(text: &str) -> Option<DatePoint> {
    let t = text.trim().trim_end_matches('.');
    // ISO forms, possibly with a time zone suffix (`1979-08-01+02:00`, `…Z`).
    if t.len() >= 7 && t.as_bytes().get(4) == Some(&b'-') {
        let year = number(&t[..4])?;
        let mon = t.get(5..7).and_then(number)?;
        let day = match t.get(7..8) {
            Some("-") => Some(t.get(8..10).and_then(number)?),
            _ => None,
        };
        return DatePoint::new(year, Some(mon), day);
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.as_slice() {
        [y] => DatePoint::new(number(y)?, None, None),
        [m, y] => DatePoint::new(number(y)?, Some(month(m)?), None),
        [d, m, y] => DatePoint::new(number(y)?, Some(month(m)?), Some(number(d)?)),
        _ => None,
    }
}

/// A full calendar date from OFAC (`16 Oct 2019`) or ISO (`2019-10-16`) text.
pub(crate) fn full_date(text: &str) -> Option<NaiveDate> {
    let p = point(text)?;
    NaiveDate::from_ymd_opt(p.year, p.month?, p.day?)
}

/// An OFAC date of birth expression (the text after `DOB`).
pub(crate) fn ofac_dob(text: &str) -> Option<PartialDate> {
    let mut t = text.trim().trim_end_matches('.');
    let mut circa = false;
    for prefix in ["circa ", "Circa ", "approximately ", "about ", "c. "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim();
            circa = true;
        }
    }
    if let Some(rest) = t.strip_prefix("between ") {
        t = rest;
    }
    for sep in [" to ", " and ", " - "] {
        if let Some((a, b)) = t.split_once(sep) {
            let from = point(a)?;
            let to = point(b)?;
            return (from <= to).then_some(PartialDate {
                from,
                to: Some(to),
                circa,
            });
        }
    }
    // `circa 1979-1982`
    if t.len() == 9 && t.as_bytes()[4] == b'-' {
        let from = DatePoint::new(number(&t[..4])?, None, None)?;
        let to = DatePoint::new(number(&t[5..])?, None, None)?;
        return (from <= to).then_some(PartialDate {
            from,
            to: Some(to),
            circa,
        });
    }
    Some(PartialDate {
        from: point(t)?,
        to: None,
        circa,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(t: &str) -> String {
        ofac_dob(t).map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn every_ofac_dob_form_seen_in_the_2024_list() {
        assert_eq!(show("10 Dec 1948"), "1948-12-10");
        assert_eq!(show("1946"), "1946");
        assert_eq!(show("Sep 1938"), "1938-09");
        assert_eq!(show("circa 1951"), "circa 1951");
        assert_eq!(show("1951 to 1953"), "1951 to 1953");
        assert_eq!(
            show("01 Jan 1961 to 31 Dec 1962"),
            "1961-01-01 to 1962-12-31"
        );
        assert_eq!(show("Mar 1962 to Feb 1963"), "1962-03 to 1963-02");
        assert_eq!(show("circa 07 Jul 1966"), "circa 1966-07-07");
        assert_eq!(show("circa 1979-1982"), "circa 1979 to 1982");
        assert_eq!(show("31 Feb 1970"), "");
        assert_eq!(show("1970 to 1960"), "");
        assert_eq!(show("unknown"), "");
    }

    #[test]
    fn iso_points() {
        assert_eq!(point("1979-08-01").unwrap().to_string(), "1979-08-01");
        assert_eq!(point("1979-08-01+02:00").unwrap().to_string(), "1979-08-01");
        assert_eq!(point("1979-08").unwrap().to_string(), "1979-08");
        assert!(point("1979-13-01").is_none());
        assert_eq!(
            full_date("16 Oct 2019"),
            NaiveDate::from_ymd_opt(2019, 10, 16)
        );
    }
}
