//! A résumé held against the organisation's own records of the same person: the name it is
//! headed with, the years it gives for jobs and schools the records also list.
//!
//! ADV-2022 asks employers to look for "inconsistency in name spelling, … educational history,
//! work history" across what an applicant submits; a network that runs many personas reuses
//! résumés and fills application forms separately, and the two drift apart. Only
//! disagreements that cannot both be true count:
//!
//! - a name that shares no part with the person's own (a nickname, a romanisation variant,
//!   a maiden name or a dropped middle name all share one);
//! - a job at an employer the records also list, whose years differ by two or more at the
//!   start or the end from every recorded job there;
//! - a school the records also list, whose final year differs by two or more.
//!
//! What the records lack is not a conflict: records are often partial.

use redflag_names::{compare, prepare, MatchHow, NameKind};

use crate::experience::{experiences, heading};

/// Years by which two dates of one job or school must differ before they disagree: one
/// year of slack covers rounding and a job that began in December.
const YEARS_APART: i32 = 2;

/// A job as the records give it (`work_history`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedJob {
    /// Employer name as recorded.
    pub employer: String,
    /// Year the job started, if recorded.
    pub start_year: Option<i32>,
    /// Year it ended; `None` for a job still going (or an end not recorded).
    pub end_year: Option<i32>,
    /// Where the record is (`work_history.csv:12`).
    pub reference: String,
}

/// A school as the records give it (`education`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedSchool {
    /// Institution name as recorded.
    pub institution: String,
    /// Year of graduation or leaving, if recorded.
    pub end_year: Option<i32>,
    /// Where the record is (`education.csv:7`).
    pub reference: String,
}

/// What the organisation's records say about one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    /// The name the person gave (`people.full_name`) and where it is.
    pub name: Option<(String, String)>,
    /// Recorded jobs.
    pub jobs: Vec<RecordedJob>,
    /// Recorded schools.
    pub schools: Vec<RecordedSchool>,
    /// The year the records speak from (the application's), for a job "still going".
    pub as_of: Option<i32>,
}

/// What disagrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// The résumé is headed with another name.
    Name,
    /// A job's years.
    Job,
    /// A school's year.
    School,
}

impl ConflictKind {
    /// Lowercase name, as the engine table writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Name => "name",
            ConflictKind::Job => "job",
            ConflictKind::School => "school",
        }
    }
}

/// One disagreement between the résumé and a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What disagrees.
    pub kind: ConflictKind,
    /// Line of the résumé (from 1).
    pub line: usize,
    /// The résumé line, trimmed.
    pub quote: String,
    /// Where the record it contradicts is.
    pub record: String,
    /// One sentence for the analyst: both versions.
    pub claim: String,
}

/// Every disagreement of `resume` with `records`, in résumé order.
pub fn conflicts(resume: &str, records: &Records) -> Vec<Conflict> {
    let mut out = Vec::new();
    if let Some(conflict) = name_conflict(resume, records) {
        out.push(conflict);
    }
    out.extend(job_conflicts(resume, records));
    out.extend(school_conflicts(resume, records));
    out.sort_by_key(|c| c.line);
    out
}

/// The name a résumé is headed with: its first non-empty line, up to a separator ("Jane
/// Doe — Engineer", "Jane Doe, MBA"), when that reads as a name of two to five words.
fn heading_name(resume: &str) -> Option<(usize, &str)> {
    let (index, line) = resume
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())?;
    let line = line.trim().trim_start_matches('#').trim();
    let name = [" — ", " – ", " - ", " | ", ",", " · "]
        .iter()
        .filter_map(|sep| line.find(sep))
        .min()
        .map_or(line, |at| &line[..at])
        .trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let wordlike = |w: &&str| {
        w.chars().next().is_some_and(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    let not_a_title = |w: &&str| {
        !matches!(
            w.to_lowercase().trim_end_matches(['.', ':']),
            "resume" | "résumé" | "curriculum" | "vitae" | "cv" | "profile" | "summary"
        )
    };
    ((2..=5).contains(&words.len()) && words.iter().all(|w| wordlike(w) && not_a_title(w)))
        .then_some((index + 1, name))
}

/// A résumé headed with a name that shares no part with the recorded one.
fn name_conflict(resume: &str, records: &Records) -> Option<Conflict> {
    let (recorded, reference) = records.name.as_ref()?;
    let (line, headed) = heading_name(resume)?;
    let ours = prepare(recorded, NameKind::Person);
    let theirs = prepare(headed, NameKind::Person);
    if ours.is_empty() || theirs.is_empty() {
        return None;
    }
    let shared = compare(&theirs, &ours)
        .alignment
        .iter()
        .any(|m| !matches!(m.how, MatchHow::Unmatched | MatchHow::Initial) && m.score >= 0.5);
    (!shared).then(|| Conflict {
        kind: ConflictKind::Name,
        line,
        quote: headed.to_string(),
        record: reference.clone(),
        claim: format!(
            "the résumé is headed \"{headed}\", the person's recorded name is \"{recorded}\""
        ),
    })
}

/// Legal forms and fillers dropped from employer and school names before comparing.
const FILLER: &[&str] = &[
    "the",
    "inc",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "sa",
    "plc",
    "bv",
    "pte",
    "pvt",
    "srl",
    "oy",
    "ab",
    "kk",
    "and",
];

/// The words of a name, lowercase, without punctuation, legal forms and fillers.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !FILLER.contains(&w.as_str()))
        .collect()
}

/// Whether the words of `name` appear together, in order, among the words of `line`.
fn names_in(name: &[String], line: &[String]) -> bool {
    let letters: usize = name.iter().map(String::len).sum();
    letters >= 3 && !name.is_empty() && line.windows(name.len()).any(|w| w == name)
}

/// `2015–2021`, `2015–present`.
fn years(start: Option<i32>, end: Option<i32>) -> String {
    let start = start.map_or("?".to_string(), |y| y.to_string());
    let end = end.map_or("present".to_string(), |y| y.to_string());
    format!("{start}–{end}")
}

/// Résumé jobs whose years disagree with every recorded job at the same employer.
fn job_conflicts(resume: &str, records: &Records) -> Vec<Conflict> {
    let mut out = Vec::new();
    if records.jobs.is_empty() {
        return out;
    }
    let employers: Vec<(Vec<String>, &RecordedJob)> = records
        .jobs
        .iter()
        .map(|job| (words(&job.employer), job))
        .collect();
    for entry in experiences(resume) {
        let Some((line, header)) = entry.lines.first() else {
            continue;
        };
        let header_words = words(header);
        let same: Vec<&RecordedJob> = employers
            .iter()
            .filter(|(name, _)| names_in(name, &header_words))
            .map(|(_, job)| *job)
            .collect();
        // How far each recorded job is from the entry: the larger gap of start and end
        // (an end "still going" is the year the records speak from).
        let gap = |job: &RecordedJob| -> Option<i32> {
            let start = (job.start_year? - entry.start_year).abs();
            let end = match (
                entry.end_year.or(records.as_of),
                job.end_year.or(records.as_of),
            ) {
                (Some(a), Some(b)) => (a - b).abs(),
                _ => 0,
            };
            Some(start.max(end))
        };
        let closest = same
            .iter()
            .filter_map(|job| gap(job).map(|g| (g, *job)))
            .min_by_key(|(g, _)| *g);
        if let Some((_, job)) = closest.filter(|(g, _)| *g >= YEARS_APART) {
            out.push(Conflict {
                kind: ConflictKind::Job,
                line: *line,
                quote: header.trim().to_string(),
                record: job.reference.clone(),
                claim: format!(
                    "the résumé gives {} at {}, the work history {}",
                    years(Some(entry.start_year), entry.end_year),
                    job.employer,
                    years(job.start_year, job.end_year)
                ),
            });
        }
    }
    out
}

/// Four-digit years (1950–2039) written on a line.
fn years_on(line: &str) -> Vec<i32> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .filter_map(|d| d.parse().ok())
        .filter(|y| (1950..2040).contains(y))
        .collect()
}

/// Schools of the résumé's education section whose last year disagrees with the record.
fn school_conflicts(resume: &str, records: &Records) -> Vec<Conflict> {
    let mut out = Vec::new();
    let schools: Vec<(Vec<String>, &RecordedSchool)> = records
        .schools
        .iter()
        .filter(|s| s.end_year.is_some())
        .map(|s| (words(&s.institution), s))
        .collect();
    if schools.is_empty() {
        return out;
    }
    let mut in_education = false;
    for (index, line) in resume.lines().enumerate() {
        if let Some(section) = heading(line) {
            in_education = section.starts_with("education");
            continue;
        }
        if !in_education {
            continue;
        }
        let Some(&written) = years_on(line).iter().max() else {
            continue;
        };
        let line_words = words(line);
        let same: Vec<&RecordedSchool> = schools
            .iter()
            .filter(|(name, _)| names_in(name, &line_words))
            .map(|(_, s)| *s)
            .collect();
        let closest = same
            .iter()
            .filter_map(|s| s.end_year.map(|y| ((y - written).abs(), *s)))
            .min_by_key(|(g, _)| *g);
        if let Some((_, school)) = closest.filter(|(g, _)| *g >= YEARS_APART) {
            out.push(Conflict {
                kind: ConflictKind::School,
                line: index + 1,
                quote: line.trim().to_string(),
                record: school.reference.clone(),
                claim: format!(
                    "the résumé gives {written} for {}, the education record {}",
                    school.institution,
                    school.end_year.map_or("?".to_string(), |y| y.to_string())
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Records {
        Records {
            name: Some(("Jonathan Miller".into(), "people.csv:2".into())),
            jobs: vec![
                RecordedJob {
                    employer: "Accenture plc".into(),
                    start_year: Some(2017),
                    end_year: Some(2021),
                    reference: "work_history.csv:3".into(),
                },
                RecordedJob {
                    employer: "Globex".into(),
                    start_year: Some(2021),
                    end_year: None,
                    reference: "work_history.csv:4".into(),
                },
            ],
            schools: vec![RecordedSchool {
                institution: "Rutgers University".into(),
                end_year: Some(2012),
                reference: "education.csv:2".into(),
            }],
            as_of: Some(2025),
        }
    }

    const HONEST: &str = "Jon Miller\nDenver, CO · jon@example.com\n\nEXPERIENCE\nEngineer — Globex (2021–present)\n  - Rust\nDeveloper — Accenture (2016–2021)\n  - Java\nIntern — Initech (2010–2011)\n\nEDUCATION\nB.Sc. Computer Science, Rutgers University (2012)\n";

    #[test]
    fn agreeing_records_and_a_nickname_are_no_conflict() {
        assert_eq!(conflicts(HONEST, &records()), vec![]);
    }

    #[test]
    fn another_name_on_the_resume() {
        let resume = HONEST.replacen("Jon Miller", "Daniel Park", 1);
        let found = conflicts(&resume, &records());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, ConflictKind::Name);
        assert_eq!(found[0].line, 1);
        assert_eq!(found[0].record, "people.csv:2");
        assert!(
            found[0].claim.contains("\"Daniel Park\""),
            "{}",
            found[0].claim
        );
    }

    #[test]
    fn names_that_share_a_part_are_the_same_person() {
        for headed in [
            "Jonathan Miller, PMP",
            "J. Miller",
            "Jonathan A. Miller",
            "Jonathan Müller",
            "Miller Jonathan",
        ] {
            let resume = HONEST.replacen("Jon Miller", headed, 1);
            assert_eq!(conflicts(&resume, &records()), vec![], "{headed}");
        }
        // A Korean name in two romanisations, and a married name keeping the given name.
        let lee = Records {
            name: Some(("Lee Soo-jin".into(), "people.csv:9".into())),
            ..Records::default()
        };
        assert_eq!(conflicts("Yi Soojin\nSeoul", &lee), vec![]);
        let married = Records {
            name: Some(("Anna Kowalski".into(), "people.csv:9".into())),
            ..Records::default()
        };
        assert_eq!(conflicts("Anna Nowak\nWarsaw", &married), vec![]);
    }

    #[test]
    fn a_first_line_that_is_not_a_name_is_not_compared() {
        for first in [
            "RESUME",
            "Curriculum Vitae",
            "jon@example.com",
            "Senior Engineer 2024",
        ] {
            let resume = HONEST.replacen("Jon Miller", first, 1);
            assert_eq!(conflicts(&resume, &records()), vec![], "{first}");
        }
    }

    #[test]
    fn job_years_two_apart_disagree() {
        let resume = HONEST.replacen("(2016–2021)", "(2013–2021)", 1);
        let found = conflicts(&resume, &records());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, ConflictKind::Job);
        assert_eq!(found[0].line, 7);
        assert_eq!(found[0].record, "work_history.csv:3");
        assert_eq!(
            found[0].claim,
            "the résumé gives 2013–2021 at Accenture plc, the work history 2017–2021"
        );
        // A job still going on the résumé that the records ended long ago.
        let resume = HONEST.replacen("(2016–2021)", "(2017–present)", 1);
        let found = conflicts(&resume, &records());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].claim.contains("2017–present"),
            "{}",
            found[0].claim
        );
    }

    #[test]
    fn an_employer_the_records_do_not_list_is_no_conflict() {
        let resume = HONEST.replacen("Initech (2010–2011)", "Initech (1999–2003)", 1);
        assert_eq!(conflicts(&resume, &records()), vec![]);
    }

    #[test]
    fn a_second_stint_matches_the_closer_record() {
        let mut two = records();
        two.jobs.push(RecordedJob {
            employer: "Accenture".into(),
            start_year: Some(2010),
            end_year: Some(2012),
            reference: "work_history.csv:5".into(),
        });
        let resume = HONEST.replacen(
            "Intern — Initech (2010–2011)",
            "Analyst — Accenture (2010–2012)",
            1,
        );
        assert_eq!(conflicts(&resume, &two), vec![]);
    }

    #[test]
    fn school_year_two_apart_disagrees() {
        let resume = HONEST.replacen("Rutgers University (2012)", "Rutgers University (2008)", 1);
        let found = conflicts(&resume, &records());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, ConflictKind::School);
        assert_eq!(found[0].line, 12);
        assert_eq!(found[0].record, "education.csv:2");
        // A span is read by its last year.
        let resume = HONEST.replacen(
            "Rutgers University (2012)",
            "Rutgers University (2008–2012)",
            1,
        );
        assert_eq!(conflicts(&resume, &records()), vec![]);
    }
}
