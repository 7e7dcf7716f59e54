//! A résumé's experience entries: the lines under a header that gives a span of years.

use regex::Regex;
use std::sync::LazyLock;

/// One job (or project) of a résumé, from its header line to the line before the next
/// header or section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Experience {
    /// Year the entry starts.
    pub start_year: i32,
    /// Year it ends; `None` for one still going ("present", "current").
    pub end_year: Option<i32>,
    /// The entry's lines, each with its line number (from 1): the header first.
    pub lines: Vec<(usize, String)>,
}

/// A month name before a year ("Mar 2019", "September 2012"), or a numeric month ("03/2019").
const MONTH: &str =
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+|\d{1,2}[/.]\s?)?";

/// A span of years: "2012–2015", "Mar 2019 - present", "03/2016 to 11/2018". Word
/// boundaries are ASCII ones (years and month names are ASCII): a Unicode boundary makes the
/// regex engine's fast automaton give up on any line with a non-ASCII character (a dash, an
/// accent), and a résumé has many.
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)(?-u:\b){MONTH}((?:19|20)\d\d)\s*(?:-|–|—|to|until|till)\s*{MONTH}((?:19|20)\d\d|present|current|now|today|date)(?-u:\b)"
    );
    Regex::new(&pattern).unwrap_or_else(|e| panic!("year span pattern: {e}"))
});

/// Section headings whose spans are not jobs.
const NOT_JOBS: &[&str] = &[
    "education",
    "certifications",
    "certificates",
    "awards",
    "publications",
    "languages",
    "references",
];

/// The experience entries of `text`, in order. An entry begins at a line with a span of
/// years and runs until the next such line or the next section heading (a short line in
/// capitals, or one ending in `:`). Spans under education, certifications and similar
/// sections are not entries.
pub fn experiences(text: &str) -> Vec<Experience> {
    let mut out: Vec<Experience> = Vec::new();
    let mut current: Option<Experience> = None;
    let mut in_jobs = true;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if let Some(section) = heading(line) {
            out.extend(current.take());
            in_jobs = !NOT_JOBS.iter().any(|s| section.starts_with(s));
            continue;
        }
        if let Some((start_year, end_year)) = span(line).filter(|_| in_jobs) {
            out.extend(current.take());
            current = Some(Experience {
                start_year,
                end_year,
                lines: vec![(number, line.to_string())],
            });
            continue;
        }
        if let Some(entry) = current.as_mut() {
            entry.lines.push((number, line.to_string()));
        }
    }
    out.extend(current);
    out
}

/// The years of the first span on `line`: (start, end or `None` for ongoing). A span that
/// runs backwards is not one.
fn span(line: &str) -> Option<(i32, Option<i32>)> {
    let captures = SPAN.captures(line)?;
    let start: i32 = captures.get(1)?.as_str().parse().ok()?;
    let end = captures.get(2)?.as_str();
    if end.as_bytes()[0].is_ascii_digit() {
        let end: i32 = end.parse().ok()?;
        (end >= start).then_some((start, Some(end)))
    } else {
        Some((start, None))
    }
}

/// The lowercase name of a section heading ("EXPERIENCE", "Work history:", "## Skills"), or
/// `None` for an ordinary line.
pub(crate) fn heading(line: &str) -> Option<String> {
    let trimmed = line.trim().trim_start_matches('#').trim();
    if trimmed.is_empty() || trimmed.len() > 40 || trimmed.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let letters: Vec<char> = trimmed.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
    let colon = trimmed.ends_with(':') && trimmed.split_whitespace().count() <= 3;
    let markdown = line.trim_start().starts_with('#');
    (capitals || colon || markdown).then(|| trimmed.trim_end_matches(':').to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_in_the_usual_shapes() {
        assert_eq!(
            span("Engineer — Acme (2012–2015)"),
            Some((2012, Some(2015)))
        );
        assert_eq!(span("Acme Corp, Mar 2019 - Present"), Some((2019, None)));
        assert_eq!(span("03/2016 to 11/2018 Globex"), Some((2016, Some(2018))));
        assert_eq!(span("September 2010 – June 2013"), Some((2010, Some(2013))));
        assert_eq!(span("Reduced costs by 20% in 2019"), None);
        assert_eq!(span("2015–2012 typo"), None);
        assert_eq!(span("Phone 2012-3456"), None);
    }

    #[test]
    fn entries_stop_at_the_next_header_and_at_sections() {
        let text = "Jane Doe\n\nEXPERIENCE\nDev — A (2010–2012)\n  - Java\nOps — B (2013–present)\n  - Linux\n\nEDUCATION\nBSc, Uni (2006–2010)\n\nSKILLS\nRust";
        let entries = experiences(text);
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert_eq!(entries[0].end_year, Some(2012));
        assert_eq!(entries[0].lines.len(), 2);
        assert_eq!(entries[1].start_year, 2013);
        assert_eq!(entries[1].end_year, None);
        // The blank line belongs to the entry, the education span and the skills do not.
        assert!(entries[1].lines.iter().all(|(_, l)| !l.contains("Uni")));
        assert!(entries[1].lines.iter().all(|(_, l)| !l.contains("Rust")));
    }
}
