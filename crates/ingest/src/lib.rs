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
//! Rows given in memory (one request's) load the same way through [`load_rows`].
//!
//! This crate reads files and builds tables; it knows nothing about rules or scores.

mod builder;
mod dataset;
mod dictionary;
mod error;
mod memory;
mod merge;
pub mod native;
mod parse;
mod resolve;
pub mod schema;
mod source;

pub use dataset::{folder_schema, load_dataset, Dataset, LoadOptions};
pub use error::{LoadError, RowError};
pub use memory::{load_rows, MemoryTable};
pub use native::NativeFormat;
pub use parse::{parse_date, parse_timestamp};

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

/// One table as loaded: its schema, batches, and what happened while reading it.
#[derive(Debug, Clone)]
pub struct LoadedTable {
    /// Table name from the contract (`people`, `contacts`, …, `resumes`, `photos`).
    pub name: String,
    /// The file it came from, relative to the dataset directory (several joined with `, `
    /// when native exports add rows); `None` when absent.
    pub file: Option<String>,
    /// Every file it came from, in the order [`schema::split_row_line`] indexes them.
    pub files: Vec<String>,
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

impl LoadedTable {
    /// `file:line` of a row, from its [`schema::LINE_COLUMN`] value.
    pub fn row_ref(&self, line_value: i64) -> String {
        let (index, line) = schema::split_row_line(line_value);
        let file = self
            .files
            .get(index)
            .map_or(self.name.as_str(), String::as_str);
        format!("{file}:{line}")
    }
}
