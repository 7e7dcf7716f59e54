//! The résumé engine as a table: near-duplicate résumés (one template behind several
//! personas, found by `redflag-textsim`), one row per (person, other person) in both
//! directions, for the rules to read as `resume_near_dups`.

use std::collections::HashMap;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_ingest::Dataset;
use redflag_textsim::NearDupIndex;

use crate::rows::for_each_row;

/// Name of the table.
pub const RESUME_NEAR_DUPS_TABLE: &str = "resume_near_dups";

/// Lowest Jaccard similarity (of distinctive five-word phrases) reported. Template pairs in
/// the simulator start at 0.37; ordinary résumés in one field stay below 0.26.
const MIN_JACCARD: f64 = 0.3;

/// Schema of [`RESUME_NEAR_DUPS_TABLE`]: `person_id`, `other_id`, `jaccard`, `shared`
/// (distinctive phrases in common), `sample` (the longest shared passages, `" | "`-joined),
/// `ref` and `other_ref` (`resumes/<id>.txt:1`).
pub fn resume_near_dups_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("person_id", DataType::Utf8, false),
        Field::new("other_id", DataType::Utf8, false),
        Field::new("jaccard", DataType::Float64, false),
        Field::new("shared", DataType::Int64, false),
        Field::new("sample", DataType::Utf8, false),
        Field::new("ref", DataType::Utf8, false),
        Field::new("other_ref", DataType::Utf8, false),
    ]))
}

/// Finds near-duplicate résumés in the dataset's `resumes` table (each person's own name
/// removed from their text first) and returns the table's rows.
pub fn resume_near_dups(dataset: &Dataset) -> RecordBatch {
    let mut names: HashMap<String, String> = HashMap::new();
    for_each_row(dataset, "people", |row| {
        if let (Some(id), Some(name)) = (row.text("person_id"), row.text("full_name")) {
            names.insert(id.to_string(), name.to_string());
        }
    });
    let mut docs: Vec<(String, String)> = Vec::new(); // (person_id, file:line)
    let mut builder = NearDupIndex::builder();
    for_each_row(dataset, "resumes", |row| {
        let (Some(id), Some(text)) = (row.text("person_id"), row.text("text")) else {
            return;
        };
        let own: Vec<&str> = names.get(id).map(String::as_str).into_iter().collect();
        builder.add(docs.len() as u32, text, &own);
        docs.push((id.to_string(), row.reference()));
    });
    let index = builder.build();
    let mut rows: Vec<NearDupRow> = Vec::new();
    for pair in index.pairs(MIN_JACCARD) {
        let (a, b) = (&docs[pair.a as usize], &docs[pair.b as usize]);
        if a.0 == b.0 {
            continue; // two résumés of one person
        }
        let sample = pair.shared_shingles_sample.join(" | ");
        for (me, other) in [(a, b), (b, a)] {
            rows.push(NearDupRow {
                person_id: &me.0,
                other_id: &other.0,
                jaccard: pair.jaccard,
                shared: pair.shared as i64,
                sample: sample.clone(),
                at: &me.1,
                other_at: &other.1,
            });
        }
    }
    let text = |f: for<'r> fn(&'r NearDupRow<'_>) -> &'r str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let arrays: Vec<ArrayRef> = vec![
        text(|r| r.person_id),
        text(|r| r.other_id),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|r| r.jaccard),
        )),
        Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.shared))),
        text(|r| &r.sample),
        text(|r| r.at),
        text(|r| r.other_at),
    ];
    RecordBatch::try_new(resume_near_dups_schema(), arrays)
        .expect("resume_near_dups columns follow their schema")
}

/// One row of the table, borrowing from the documents.
struct NearDupRow<'a> {
    person_id: &'a str,
    other_id: &'a str,
    jaccard: f64,
    shared: i64,
    sample: String,
    at: &'a str,
    other_at: &'a str,
}
