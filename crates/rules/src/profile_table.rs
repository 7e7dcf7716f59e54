//! The profile-consistency engine as a table: technologies each résumé claims where they
//! could not have been used (`redflag-profile`), one row per claim, for the rules to read as
//! `tech_anachronisms`.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike};
use datafusion::arrow::array::{Array, ArrayRef, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_ingest::Dataset;
use redflag_profile::anachronisms;

use crate::rows::{for_each_batch, in_parallel, BatchRows};

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

/// Reads every résumé, speaking from the year the person applied (else the résumé's own
/// latest year).
pub fn tech_anachronisms(dataset: &Dataset) -> RecordBatch {
    let mut applied: HashMap<String, i32> = HashMap::new();
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
    // Résumés are read a batch per thread (tens of microseconds each, a hundred thousand
    // applicants), the rows kept in the table's order.
    let applied = &applied;
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
