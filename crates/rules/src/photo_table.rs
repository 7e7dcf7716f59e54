//! The photo engine as a table: profile or ID photos that are the same picture (resized,
//! recompressed, cropped a little, brightened or mirrored) behind different people, found by
//! `redflag-photos`' perceptual hashes. One row per (person, other person) in both
//! directions, for the rules to read as `photo_near_dups`.
//!
//! A photo that cannot be decoded, or holds nothing to compare (a blank image), is not
//! dropped silently: it becomes a warning in the run summary. A picture shared by very many
//! people (a default avatar) pairs nobody and is reported as a hub.

use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_ingest::Dataset;
use redflag_model::HubIdentifier;
use redflag_photos::{hash_files, DecodeLimits, PhotoIndex, DEFAULT_MAX_DISTANCE};

use crate::rows::for_each_row;

/// Name of the table.
pub const PHOTO_NEAR_DUPS_TABLE: &str = "photo_near_dups";

/// Schema of [`PHOTO_NEAR_DUPS_TABLE`]: `person_id`, `other_id`, `distance` (pHash bits
/// that differ, of 64), `similarity` (of the aligned thumbnails, 0–1), `mirrored` (`yes` when
/// one is the other flipped), `ref` and `other_ref` (`photos/<id>.jpg:1`).
pub fn photo_near_dups_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("person_id", DataType::Utf8, false),
        Field::new("other_id", DataType::Utf8, false),
        Field::new("distance", DataType::Int64, false),
        Field::new("similarity", DataType::Float64, false),
        Field::new("mirrored", DataType::Utf8, false),
        Field::new("ref", DataType::Utf8, false),
        Field::new("other_ref", DataType::Utf8, false),
    ]))
}

/// What the photo engine found besides the table's rows.
#[derive(Debug, Default)]
pub struct PhotoFindings {
    /// Photos that could not be used, one line each (file and reason).
    pub warnings: Vec<String>,
    /// Pictures shared by so many people that they pair nobody.
    pub hubs: Vec<HubIdentifier>,
}

/// Hashes every photo in the dataset's `photos` table, finds the near-duplicate pairs and
/// returns the table's rows and what could not be used.
pub fn photo_near_dups(dataset: &Dataset) -> (RecordBatch, PhotoFindings) {
    let mut people: Vec<String> = Vec::new();
    let mut refs: Vec<String> = Vec::new();
    let mut paths: Vec<PathBuf> = Vec::new();
    for_each_row(dataset, "photos", |row| {
        if let (Some(id), Some(path)) = (row.text("person_id"), row.text("path")) {
            people.push(id.to_string());
            refs.push(row.reference());
            paths.push(PathBuf::from(path));
        }
    });
    let mut findings = PhotoFindings::default();
    let hashes = hash_files(&paths, &DecodeLimits::default(), 0);
    let mut entries = Vec::new();
    for (i, hash) in hashes.into_iter().enumerate() {
        match hash {
            Ok(h) => entries.push((i as u32, h)),
            Err(e) => {
                // The error names the absolute path; the warning names the dataset's file.
                let text = e.to_string();
                let why = text
                    .strip_prefix(&format!("{}: ", e.file()))
                    .unwrap_or(&text);
                findings
                    .warnings
                    .push(format!("{}: photo not compared: {why}", file_of(&refs[i])));
            }
        }
    }
    let index = PhotoIndex::new(entries);
    for blank in index.low_information() {
        findings.warnings.push(format!(
            "{}: photo not compared: too little detail to tell it from others (contrast {:.1})",
            file_of(&refs[blank.id as usize]),
            blank.contrast
        ));
    }
    let matches = index.near_duplicates(DEFAULT_MAX_DISTANCE);
    for common in &matches.common {
        findings.hubs.push(HubIdentifier {
            kind: "photo".into(),
            key: file_of(&refs[common.id as usize]).to_string(),
            people: common.neighbors + 1,
            threshold: redflag_photos::IndexOptions::default().max_neighbors,
            corroborated: 0.0,
        });
    }
    let mut rows: Vec<[usize; 2]> = Vec::new();
    let mut details: Vec<(i64, f64, &'static str)> = Vec::new();
    for pair in &matches.pairs {
        let (a, b) = (pair.a as usize, pair.b as usize);
        if people[a] == people[b] {
            continue; // two photos of one person
        }
        for (me, other) in [(a, b), (b, a)] {
            rows.push([me, other]);
            details.push((
                i64::from(pair.distance),
                f64::from(pair.similarity),
                if pair.mirrored { "yes" } else { "no" },
            ));
        }
    }
    let text = |f: &dyn Fn(&[usize; 2]) -> String| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let arrays: Vec<ArrayRef> = vec![
        text(&|r| people[r[0]].clone()),
        text(&|r| people[r[1]].clone()),
        Arc::new(Int64Array::from_iter_values(details.iter().map(|d| d.0))),
        Arc::new(Float64Array::from_iter_values(details.iter().map(|d| d.1))),
        Arc::new(StringArray::from_iter_values(details.iter().map(|d| d.2))),
        text(&|r| refs[r[0]].clone()),
        text(&|r| refs[r[1]].clone()),
    ];
    let batch = RecordBatch::try_new(photo_near_dups_schema(), arrays)
        .expect("photo_near_dups columns follow their schema");
    (batch, findings)
}

/// `photos/P1.jpg` from `photos/P1.jpg:1`.
fn file_of(reference: &str) -> &str {
    reference
        .rsplit_once(':')
        .map_or(reference, |(file, _)| file)
}
