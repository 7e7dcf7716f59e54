//! Row-by-row reading of loaded tables for the engines that build tables in Rust (watchlist
//! hits, résumé near-duplicates): typed access by column name and the `file:line` a row
//! came from, as `rf_ref` writes it.

use datafusion::arrow::array::{Array, AsArray, Date32Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{Date32Type, Int32Type, TimestampMicrosecondType};
use redflag_ingest::{Dataset, LoadedTable};

/// A row of a loaded table, with typed access by column name.
pub(crate) struct Row<'a> {
    batch: &'a RecordBatch,
    index: usize,
    /// The loaded table; folder tables (`resumes`, `photos`) have no files, and their rows
    /// name their own file in a `file` column.
    loaded: &'a LoadedTable,
    table: &'a str,
}

impl<'a> Row<'a> {
    /// A text column, plain or dictionary-encoded (the loader stores repetitive text such
    /// as user agents as dictionaries); trimmed, empty as absent.
    pub(crate) fn text(&self, column: &str) -> Option<&'a str> {
        let col = self.batch.column_by_name(column)?;
        let value = if let Some(strings) = col.as_string_opt::<i32>() {
            (!strings.is_null(self.index)).then(|| strings.value(self.index))?
        } else {
            let dict = col.as_dictionary_opt::<Int32Type>()?;
            if dict.is_null(self.index) {
                return None;
            }
            let key = usize::try_from(dict.keys().value(self.index)).ok()?;
            let values = dict.values().as_string_opt::<i32>()?;
            values.value(key)
        };
        Some(value.trim()).filter(|v| !v.is_empty())
    }

    pub(crate) fn date(&self, column: &str) -> Option<chrono::NaiveDate> {
        let col = self.batch.column_by_name(column)?;
        let dates: &Date32Array = col.as_primitive_opt::<Date32Type>()?;
        if dates.is_null(self.index) {
            return None;
        }
        Date32Type::to_naive_date_opt(dates.value(self.index))
    }

    /// An integer column.
    pub(crate) fn int(&self, column: &str) -> Option<i64> {
        let col = self.batch.column_by_name(column)?;
        let ints = col.as_any().downcast_ref::<Int64Array>()?;
        (!ints.is_null(self.index)).then(|| ints.value(self.index))
    }

    /// A boolean column.
    pub(crate) fn boolean(&self, column: &str) -> Option<bool> {
        let col = self.batch.column_by_name(column)?;
        let bools = col.as_boolean_opt()?;
        (!bools.is_null(self.index)).then(|| bools.value(self.index))
    }

    /// A timestamp column as Unix seconds (UTC).
    pub(crate) fn unix_seconds(&self, column: &str) -> Option<i64> {
        let col = self.batch.column_by_name(column)?;
        let times = col.as_primitive_opt::<TimestampMicrosecondType>()?;
        (!times.is_null(self.index)).then(|| times.value(self.index).div_euclid(1_000_000))
    }

    /// `file:line` of the row (`resumes/P1.txt:1` for a folder table's row).
    pub(crate) fn reference(&self) -> String {
        let line = self
            .batch
            .column_by_name(redflag_ingest::schema::LINE_COLUMN)
            .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
            .map_or(0, |l| l.value(self.index));
        if !self.loaded.files.is_empty() {
            return self.loaded.row_ref(line);
        }
        let file = self.text("file").unwrap_or(self.table);
        format!("{file}:{line}")
    }
}

/// Calls `f` on every row of `table` (nothing when the dataset lacks it).
pub(crate) fn for_each_row(dataset: &Dataset, table: &str, mut f: impl FnMut(&Row<'_>)) {
    let Some(loaded): Option<&LoadedTable> = dataset.table(table) else {
        return;
    };
    for batch in &loaded.batches {
        for index in 0..batch.num_rows() {
            f(&Row {
                batch,
                index,
                loaded,
                table,
            });
        }
    }
}
