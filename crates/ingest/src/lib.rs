//! Loads a workforce dataset directory (shared/spec/dataset.md) into validated Arrow tables.
//!
//! Every table of the contract may be CSV or JSON Lines, optionally gzip-compressed. Each
//! cell is checked against its column's type; a bad row is an error naming file, line and
//! column, unless loading is lenient, in which case the row is skipped and counted. A
//! reference to an unknown person is the same kind of error. Nothing is dropped silently:
//! skipped rows are counted, unrecognised files are listed.
//!
//! Every loaded table carries a `_line` column so evidence can point back at its rows.
//!
//! ```no_run
//! use redflag_ingest::{load_dataset, LoadOptions};
//! let dataset = load_dataset("my-dataset".as_ref(), LoadOptions::default())?;
//! let people = dataset.table("people").unwrap();
//! println!("{} people from {:?}", people.rows, people.file);
//! # Ok::<(), redflag_ingest::LoadError>(())
//! ```
//!
//! This crate reads files and builds tables; it knows nothing about rules or scores.

mod builder;
mod dataset;
mod error;
mod parse;
mod resolve;
pub mod schema;
mod source;

pub use dataset::{folder_schema, load_dataset, Dataset, LoadOptions};
pub use error::{LoadError, RowError};
pub use parse::{parse_date, parse_timestamp};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

/// One table as loaded: its schema, batches, and what happened while reading it.
#[derive(Debug, Clone)]
pub struct LoadedTable {
    /// Table name from the contract (`people`, `contacts`, …, `resumes`, `photos`).
    pub name: String,
    /// The file it came from, relative to the dataset directory; `None` when absent.
    pub file: Option<String>,
    /// Arrow schema: contract columns, extra columns (text), then `_line`.
    pub schema: SchemaRef,
    /// The rows, in batches of at most 65,536.
    pub batches: Vec<RecordBatch>,
    /// Rows loaded.
    pub rows: u64,
    /// Rows skipped under `--lenient`.
    pub skipped: u64,
    /// One line per skipped row (capped per table; the rest are counted).
    pub warnings: Vec<String>,
}
