//! Row-by-row reading of loaded tables for the engines that build tables in Rust (watchlist
//! hits, résumé near-duplicates) and for code that reads a loaded dataset outside SQL (the
//! single-candidate index): typed access by column name and the `file:line` a row came
//! from, as `rf_ref` writes it.

use datafusion::arrow::array::{
    Array, AsArray, BooleanArray, Date32Array, Int32Array, Int64Array, RecordBatch, StringArray,
    TimestampMicrosecondArray,
};
use datafusion::arrow::datatypes::{Date32Type, Int32Type, TimestampMicrosecondType};
use redflag_ingest::{Dataset, LoadedTable};

/// The hasher of engines' maps keyed by cells of big tables (faster than the standard
/// library's for short keys; the maps' iteration order is never relied on).
pub(crate) type FastHash = foldhash::fast::RandomState;

/// A row of a loaded table, with typed access by column name.
pub struct Row<'a> {
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
    pub fn text(&self, column: &str) -> Option<&'a str> {
        TextColumn::of(self.batch, column).get(self.index)
    }

    /// A date column's value, when the table has the column and the cell is set.
    pub fn date(&self, column: &str) -> Option<chrono::NaiveDate> {
        let col = self.batch.column_by_name(column)?;
        let dates: &Date32Array = col.as_primitive_opt::<Date32Type>()?;
        if dates.is_null(self.index) {
            return None;
        }
        Date32Type::to_naive_date_opt(dates.value(self.index))
    }

    /// An integer column's value, when the table has the column and the cell is set.
    pub fn int(&self, column: &str) -> Option<i64> {
        let ints = self
            .batch
            .column_by_name(column)?
            .as_any()
            .downcast_ref::<Int64Array>()?;
        (!ints.is_null(self.index)).then(|| ints.value(self.index))
    }

    /// `file:line` of the row (`resumes/P1.txt:1` for a folder table's row).
    pub fn reference(&self) -> String {
        reference(self.batch, self.loaded, self.table, self.index)
    }
}

/// `file:line` of row `index` of `batch`.
fn reference(batch: &RecordBatch, loaded: &LoadedTable, table: &str, index: usize) -> String {
    let line = batch
        .column_by_name(redflag_ingest::schema::LINE_COLUMN)
        .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
        .map_or(0, |l| l.value(index));
    if !loaded.files.is_empty() {
        return loaded.row_ref(line);
    }
    let file = TextColumn::of(batch, "file").get(index).unwrap_or(table);
    format!("{file}:{line}")
}

/// A text column of one batch, found once: plain, dictionary-encoded, or absent from the
/// table (every cell absent).
#[derive(Clone, Copy)]
pub(crate) enum TextColumn<'a> {
    /// The table has no such text column.
    Absent,
    /// Plain strings.
    Plain(&'a StringArray),
    /// Dictionary keys and their values.
    Dictionary(&'a Int32Array, &'a StringArray),
}

impl<'a> TextColumn<'a> {
    /// Column `name` of `batch`.
    pub(crate) fn of(batch: &'a RecordBatch, name: &str) -> Self {
        let Some(column) = batch.column_by_name(name) else {
            return TextColumn::Absent;
        };
        if let Some(strings) = column.as_string_opt::<i32>() {
            return TextColumn::Plain(strings);
        }
        match column.as_dictionary_opt::<Int32Type>() {
            Some(dict) => match dict.values().as_string_opt::<i32>() {
                Some(values) => TextColumn::Dictionary(dict.keys(), values),
                None => TextColumn::Absent,
            },
            None => TextColumn::Absent,
        }
    }

    /// Row `index`'s text, trimmed; empty as absent.
    pub(crate) fn get(&self, index: usize) -> Option<&'a str> {
        Some(self.raw(index)?.trim()).filter(|v| !v.is_empty())
    }

    /// Row `index`'s text as SQL sees it: null is `None`, anything else (even empty) is
    /// text, untrimmed.
    pub(crate) fn raw(&self, index: usize) -> Option<&'a str> {
        match self {
            TextColumn::Absent => None,
            TextColumn::Plain(strings) => (!strings.is_null(index)).then(|| strings.value(index)),
            TextColumn::Dictionary(keys, values) => {
                if keys.is_null(index) {
                    return None;
                }
                let key = usize::try_from(keys.value(index)).ok()?;
                (key < values.len() && !values.is_null(key)).then(|| values.value(key))
            }
        }
    }
}

/// One batch of a loaded table, for engines that read every row of a big table (sign-ins):
/// they find each column once per batch and then read cells by row.
pub(crate) struct BatchRows<'a> {
    batch: &'a RecordBatch,
    loaded: &'a LoadedTable,
    table: &'a str,
}

impl<'a> BatchRows<'a> {
    /// The batch itself.
    pub(crate) fn batch(&self) -> &'a RecordBatch {
        self.batch
    }

    /// Rows in the batch.
    pub(crate) fn len(&self) -> usize {
        self.batch.num_rows()
    }

    /// A text column.
    pub(crate) fn text(&self, column: &str) -> TextColumn<'a> {
        TextColumn::of(self.batch, column)
    }

    /// An integer column, when the table has it.
    pub(crate) fn ints(&self, column: &str) -> Option<&'a Int64Array> {
        self.batch
            .column_by_name(column)?
            .as_any()
            .downcast_ref::<Int64Array>()
    }

    /// A boolean column, when the table has it.
    pub(crate) fn booleans(&self, column: &str) -> Option<&'a BooleanArray> {
        self.batch.column_by_name(column)?.as_boolean_opt()
    }

    /// A timestamp column, when the table has it.
    pub(crate) fn timestamps(&self, column: &str) -> Option<&'a TimestampMicrosecondArray> {
        self.batch
            .column_by_name(column)?
            .as_primitive_opt::<TimestampMicrosecondType>()
    }

    /// `file:line` of row `index`.
    pub(crate) fn reference(&self, index: usize) -> String {
        reference(self.batch, self.loaded, self.table, index)
    }
}

/// Calls `read` on runs of consecutive batches of `table`, one run per core, each on a
/// thread of its own, and returns what each call made, in the table's order: for engines
/// that spend tens of microseconds a row on big tables (messages, résumés).
pub(crate) fn in_parallel<'a, T: Send>(
    dataset: &'a Dataset,
    table: &'a str,
    read: impl Fn(&[BatchRows<'a>]) -> T + Sync,
) -> Vec<T> {
    let Some(loaded): Option<&LoadedTable> = dataset.table(table) else {
        return Vec::new();
    };
    let batches: Vec<BatchRows<'a>> = loaded
        .batches
        .iter()
        .map(|batch| BatchRows {
            batch,
            loaded,
            table,
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, batches.len().max(1));
    let per_thread = batches.len().div_ceil(threads).max(1);
    let read = &read;
    std::thread::scope(|scope| {
        let workers: Vec<_> = batches
            .chunks(per_thread)
            .map(|run| scope.spawn(move || read(run)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Calls `f` on every batch of `table` (nothing when the dataset lacks it).
pub(crate) fn for_each_batch<'a>(
    dataset: &'a Dataset,
    table: &'a str,
    mut f: impl FnMut(&BatchRows<'a>),
) {
    let Some(loaded): Option<&LoadedTable> = dataset.table(table) else {
        return;
    };
    for batch in &loaded.batches {
        f(&BatchRows {
            batch,
            loaded,
            table,
        });
    }
}

/// Calls `f` on every row of `table` (nothing when the dataset lacks it).
pub fn for_each_row(dataset: &Dataset, table: &str, mut f: impl FnMut(&Row<'_>)) {
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
