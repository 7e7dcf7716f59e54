//! The profile-consistency engine as tables (`redflag-profile`), for the rules to read:
//! `tech_anachronisms`, technologies each résumé claims where they could not have been
//! used, one row per claim; `profile_conflicts`, where a résumé disagrees with the
//! organisation's records of the same person (name, years of a job or school), one row per
//! disagreement.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Datelike};
use datafusion::arrow::array::{Array, ArrayRef, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_ingest::Dataset;
use redflag_profile::{anachronisms, conflicts, RecordedJob, RecordedSchool, Records};

use crate::rows::{for_each_batch, for_each_row, in_parallel, BatchRows};

/// Name of the table.
pub const TECH_ANACHRONISMS_TABLE: &str = "tech_anachronisms";

/// Schema of [`TECH_ANACHRONISMS_TABLE`]: `person_id`; `technology` and `first_public`
/// (`YYYY-MM`); `claim` (one sentence: "SwiftUI (first public 2019-06) at a job of
/// 2012–2015"); `quote` (the résumé line); `ref` (`resumes/<id>.txt:LINE`, the line that
/// names it); `source_url` (where the release date comes from).
pub fn tech_anachronisms_schema() -> SchemaRef {
    let text = |name: &str| Field::new(name, DataType::Utf8, false);
    Arc::new(Schema::new(vec![
        text("person_id"),
        text("technology"),
        text("first_public"),
        text("claim"),
        text("quote"),
        text("ref"),
        text("source_url"),
    ]))
}

/// Both tables: [`TECH_ANACHRONISMS_TABLE`] and [`PROFILE_CONFLICTS_TABLE`], each speaking
/// from the year the person applied (read from `people` once for both).
pub fn profile_tables(dataset: &Dataset) -> (RecordBatch, RecordBatch) {
    let applied = applied_years(dataset);
    (
        tech_anachronisms(dataset, &applied),
        profile_conflicts(dataset, &applied),
    )
}

/// Reads every résumé, speaking from the year the person applied (else the résumé's own
/// latest year).
fn tech_anachronisms(dataset: &Dataset, applied: &HashMap<String, i32>) -> RecordBatch {
    // Résumés are read a batch per thread (tens of microseconds each, a hundred thousand
    // applicants), the rows kept in the table's order.
    let parts = in_parallel(dataset, "resumes", |run| {
        let mut columns: [Vec<String>; 7] = Default::default();
        for rows in run {
            read_batch(rows, applied, &mut columns);
        }
        columns
    });
    let mut columns: [Vec<String>; 7] = Default::default();
    for part in parts {
        for (column, mut values) in columns.iter_mut().zip(part) {
            column.append(&mut values);
        }
    }
    let arrays: Vec<ArrayRef> = columns
        .into_iter()
        .map(|values| Arc::new(StringArray::from(values)) as ArrayRef)
        .collect();
    RecordBatch::try_new(tech_anachronisms_schema(), arrays)
        .expect("columns match tech_anachronisms_schema")
}

/// The anachronisms of one batch of résumés into `columns` (the schema's order).
fn read_batch(
    rows: &BatchRows<'_>,
    applied: &HashMap<String, i32>,
    columns: &mut [Vec<String>; 7],
) {
    let (ids, texts) = (rows.text("person_id"), rows.text("text"));
    for i in 0..rows.len() {
        let (Some(id), Some(text)) = (ids.get(i), texts.get(i)) else {
            continue;
        };
        let found = anachronisms(text, applied.get(id).copied());
        if found.is_empty() {
            continue;
        }
        let reference = rows.reference(i);
        for claim in found {
            let (year, month) = claim.first_public;
            let values = [
                id.to_string(),
                claim.technology.clone(),
                format!("{year}-{month:02}"),
                claim.explain(),
                claim.quote.clone(),
                at_line(&reference, claim.line),
                claim.source_url.clone(),
            ];
            for (column, value) in columns.iter_mut().zip(values) {
                column.push(value);
            }
        }
    }
}

/// The year each person applied, where `people.applied_at` says.
fn applied_years(dataset: &Dataset) -> HashMap<String, i32> {
    let mut applied = HashMap::new();
    for_each_batch(dataset, "people", |rows| {
        let (ids, at) = (rows.text("person_id"), rows.timestamps("applied_at"));
        let Some(at) = at else {
            return;
        };
        for i in 0..rows.len() {
            let year = (!at.is_null(i))
                .then(|| DateTime::from_timestamp_micros(at.value(i)))
                .flatten()
                .map(|t| t.year());
            if let (Some(id), Some(year)) = (ids.get(i), year) {
                applied.insert(id.to_string(), year);
            }
        }
    });
    applied
}

/// Name of the résumé-against-records table.
pub const PROFILE_CONFLICTS_TABLE: &str = "profile_conflicts";

/// Schema of [`PROFILE_CONFLICTS_TABLE`]: `person_id`; `kind` (`name`, `job`, `school`);
/// `claim` (both versions in one sentence); `quote` (the résumé line); `line` (its number);
/// `ref` (`resumes/<id>.txt:LINE`); `record_ref` (the record it contradicts, e.g.
/// `work_history.csv:12`).
pub fn profile_conflicts_schema() -> SchemaRef {
    let text = |name: &str| Field::new(name, DataType::Utf8, false);
    Arc::new(Schema::new(vec![
        text("person_id"),
        text("kind"),
        text("claim"),
        text("quote"),
        Field::new("line", DataType::Int64, false),
        text("ref"),
        text("record_ref"),
    ]))
}

/// What the records say about each person who has a résumé: name, jobs, schools and the
/// year they applied.
fn records_of_applicants(
    dataset: &Dataset,
    applied: &HashMap<String, i32>,
) -> HashMap<String, Records> {
    let mut with_resume: HashSet<String> = HashSet::new();
    for_each_batch(dataset, "resumes", |rows| {
        let ids = rows.text("person_id");
        with_resume.extend(
            (0..rows.len())
                .filter_map(|i| ids.get(i))
                .map(str::to_string),
        );
    });
    let mut records: HashMap<String, Records> = HashMap::new();
    if with_resume.is_empty() {
        return records;
    }
    // Every person is in `people` (the loader checks references), so applicants start there.
    for_each_row(dataset, "people", |row| {
        let Some(id) = row.text("person_id").filter(|id| with_resume.contains(*id)) else {
            return;
        };
        records.insert(
            id.to_string(),
            Records {
                name: row
                    .text("full_name")
                    .map(|name| (name.to_string(), row.reference())),
                as_of: applied.get(id).copied(),
                ..Records::default()
            },
        );
    });
    for_each_row(dataset, "work_history", |row| {
        let (Some(id), Some(employer)) = (row.text("person_id"), row.text("employer")) else {
            return;
        };
        if let Some(r) = records.get_mut(id) {
            r.jobs.push(RecordedJob {
                employer: employer.to_string(),
                start_year: row.date("start").map(|d| d.year()),
                end_year: row.date("end").map(|d| d.year()),
                reference: row.reference(),
            });
        }
    });
    for_each_row(dataset, "education", |row| {
        let (Some(id), Some(institution)) = (row.text("person_id"), row.text("institution")) else {
            return;
        };
        if let Some(r) = records.get_mut(id) {
            r.schools.push(RecordedSchool {
                institution: institution.to_string(),
                end_year: row.int("end_year").and_then(|y| i32::try_from(y).ok()),
                reference: row.reference(),
            });
        }
    });
    records
}

/// Holds every résumé against the records of its person.
fn profile_conflicts(dataset: &Dataset, applied: &HashMap<String, i32>) -> RecordBatch {
    let records = records_of_applicants(dataset, applied);
    let records = &records;
    let parts = in_parallel(dataset, "resumes", |run| {
        let mut rows = ConflictRows::default();
        for batch in run {
            let (ids, texts) = (batch.text("person_id"), batch.text("text"));
            for i in 0..batch.len() {
                let (Some(id), Some(text)) = (ids.get(i), texts.get(i)) else {
                    continue;
                };
                let Some(theirs) = records.get(id) else {
                    continue;
                };
                let found = conflicts(text, theirs);
                if found.is_empty() {
                    continue;
                }
                let reference = batch.reference(i);
                for c in found {
                    rows.push(id, &c, at_line(&reference, c.line));
                }
            }
        }
        rows
    });
    let mut all = ConflictRows::default();
    for part in parts {
        all.append(part);
    }
    all.finish()
}

/// Columns of [`PROFILE_CONFLICTS_TABLE`] being filled.
#[derive(Default)]
struct ConflictRows {
    text: [Vec<String>; 4],
    line: Vec<i64>,
    refs: [Vec<String>; 2],
}

impl ConflictRows {
    fn push(&mut self, person: &str, c: &redflag_profile::Conflict, reference: String) {
        let values = [
            person.to_string(),
            c.kind.as_str().to_string(),
            c.claim.clone(),
            c.quote.clone(),
        ];
        for (column, value) in self.text.iter_mut().zip(values) {
            column.push(value);
        }
        self.line.push(i64::try_from(c.line).unwrap_or(i64::MAX));
        self.refs[0].push(reference);
        self.refs[1].push(c.record.clone());
    }

    fn append(&mut self, mut other: ConflictRows) {
        for (a, b) in self.text.iter_mut().zip(other.text.iter_mut()) {
            a.append(b);
        }
        self.line.append(&mut other.line);
        for (a, b) in self.refs.iter_mut().zip(other.refs.iter_mut()) {
            a.append(b);
        }
    }

    fn finish(self) -> RecordBatch {
        let mut arrays: Vec<ArrayRef> = self
            .text
            .into_iter()
            .map(|values| Arc::new(StringArray::from(values)) as ArrayRef)
            .collect();
        arrays.push(Arc::new(Int64Array::from(self.line)));
        arrays.extend(
            self.refs
                .into_iter()
                .map(|values| Arc::new(StringArray::from(values)) as ArrayRef),
        );
        RecordBatch::try_new(profile_conflicts_schema(), arrays)
            .expect("columns match profile_conflicts_schema")
    }
}

/// `resumes/P1.txt:1` pointed at line `line` of the file: `resumes/P1.txt:12`.
fn at_line(reference: &str, line: usize) -> String {
    let file = reference
        .rsplit_once(':')
        .filter(|(_, n)| n.bytes().all(|b| b.is_ascii_digit()))
        .map_or(reference, |(file, _)| file);
    format!("{file}:{line}")
}

#[cfg(test)]
mod tests {
    use super::at_line;

    #[test]
    fn references_point_at_the_line() {
        assert_eq!(at_line("resumes/P1.txt:1", 12), "resumes/P1.txt:12");
        assert_eq!(at_line("resumes/P1.txt", 3), "resumes/P1.txt:3");
    }
}
