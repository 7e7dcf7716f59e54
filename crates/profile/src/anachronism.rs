//! Technologies claimed where they could not have been used.

use regex::Regex;
use std::sync::LazyLock;

use crate::experience::experiences;
use crate::technology::mentions;

/// What a résumé claims about a technology that cannot be true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Named at a job that ended before the technology first became public.
    UsedAtJob {
        /// The job's first year.
        start_year: i32,
        /// The year it ended.
        end_year: i32,
    },
    /// More years of experience with it than it has existed, as of the résumé's year.
    YearsOfExperience {
        /// Years claimed.
        years: i32,
        /// The year the résumé speaks from.
        as_of: i32,
    },
}

/// One anachronism, with where it is and why it cannot be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anachronism {
    /// The technology's name.
    pub technology: String,
    /// When it first became public: (year, month).
    pub first_public: (i32, u32),
    /// Where that date comes from.
    pub source_url: String,
    /// The impossible claim.
    pub claim: Claim,
    /// Line number (from 1) where the technology is named.
    pub line: usize,
    /// That line, trimmed (at most 200 characters).
    pub quote: String,
}

impl Anachronism {
    /// One sentence for the analyst: "SwiftUI (first public 2019-06) at a job of 2012–2015".
    pub fn explain(&self) -> String {
        let (year, month) = self.first_public;
        match self.claim {
            Claim::UsedAtJob {
                start_year,
                end_year,
            } => format!(
                "{} (first public {year}-{month:02}) at a job of {start_year}–{end_year}",
                self.technology
            ),
            Claim::YearsOfExperience { years, as_of } => format!(
                "{years} years of {} as of {as_of}, but it first became public {year}-{month:02}",
                self.technology
            ),
        }
    }
}

/// "8+ years of experience with", "10 yrs", "5 years' hands-on": a count of years followed
/// closely by the technology it is about.
static YEARS_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d{1,2})\+?\s*(?:years?|yrs?)'?(?:\s+of)?(?:\s+(?:hands-on|professional|commercial|production|solid|strong|proven))?(?:\s+experience)?(?:\s+(?:with|in|using|on|of))?\s+$",
    )
    .unwrap_or_else(|e| panic!("years-of pattern: {e}"))
});

/// Every anachronism in résumé `text`. `as_of` is the year the résumé speaks from (the
/// application's year); without it, the latest year the résumé itself mentions.
pub fn anachronisms(text: &str, as_of: Option<i32>) -> Vec<Anachronism> {
    let mut out = Vec::new();
    for entry in experiences(text) {
        let Some(end_year) = entry.end_year else {
            continue;
        };
        for (line, content) in &entry.lines {
            for mention in mentions(content) {
                let release = mention.technology;
                if release.first_public.0 > end_year {
                    out.push(found(
                        release,
                        Claim::UsedAtJob {
                            start_year: entry.start_year,
                            end_year,
                        },
                        *line,
                        content,
                    ));
                }
            }
        }
    }
    let Some(as_of) = as_of.or_else(|| latest_year(text)) else {
        return out;
    };
    for (index, content) in text.lines().enumerate() {
        for mention in mentions(content) {
            let Some(captures) = YEARS_OF.captures(&content[..mention.start]) else {
                continue;
            };
            let Some(years) = captures.get(1).and_then(|y| y.as_str().parse::<i32>().ok()) else {
                continue;
            };
            let release = mention.technology;
            // One year of slack: "5 years" in mid-2019 of something public since late 2014.
            if as_of - years < release.first_public.0 - 1 {
                out.push(found(
                    release,
                    Claim::YearsOfExperience { years, as_of },
                    index + 1,
                    content,
                ));
            }
        }
    }
    out.dedup_by(|a, b| a.technology == b.technology && a.line == b.line && a.claim == b.claim);
    out
}

fn found(
    release: &redflag_reference::TechnologyRelease,
    claim: Claim,
    line: usize,
    content: &str,
) -> Anachronism {
    Anachronism {
        technology: release.technology.clone(),
        first_public: release.first_public,
        source_url: release.source_url.clone(),
        claim,
        line,
        quote: content.trim().chars().take(200).collect(),
    }
}

/// The latest plausible year (1990 to 2099) written in `text`.
fn latest_year(text: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(?:199\d|20\d\d)(?-u:\b)")
            .unwrap_or_else(|e| panic!("year pattern: {e}"))
    });
    YEAR.find_iter(text)
        .filter_map(|m| m.as_str().parse().ok())
        .max()
}
