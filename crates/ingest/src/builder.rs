//! Turns validated rows into Arrow record batches, one column builder per column.
//!
//! A row is validated completely before anything is appended, so a bad row never leaves a
//! half-written record behind.

use crate::dictionary::{Encoded, TableDictionary};
use crate::parse::{parse_value, Value};
use crate::schema::{arrow_schema, ColumnType, TableSpec};
use datafusion::arrow::array::{
    ArrayRef, AsArray, BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
    StringDictionaryBuilder, TimestampMicrosecondBuilder,
};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::datatypes::{Int32Type, Int64Type};
use datafusion::arrow::record_batch::RecordBatch;
use std::collections::HashSet;
use std::sync::Arc;

/// Rows per record batch: large enough to amortise per-batch work, small enough that
/// DataFusion can spread a big table across cores.
pub const BATCH_ROWS: usize = 64 * 1024;

enum ColumnBuilder {
    Text(StringBuilder),
    Label(StringDictionaryBuilder<Int32Type>),
    Timestamp(TimestampMicrosecondBuilder),
    Date(Date32Builder),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
}

impl ColumnBuilder {
    /// A builder for a column of type `ty`, with room for `rows` values.
    fn new(ty: ColumnType, rows: usize) -> Self {
        match ty {
            ColumnType::Timestamp => ColumnBuilder::Timestamp(
                TimestampMicrosecondBuilder::with_capacity(rows).with_timezone("UTC"),
            ),
            ColumnType::Date => ColumnBuilder::Date(Date32Builder::with_capacity(rows)),
            ColumnType::Int => ColumnBuilder::Int(Int64Builder::with_capacity(rows)),
            ColumnType::Float => ColumnBuilder::Float(Float64Builder::with_capacity(rows)),
            ColumnType::Bool => ColumnBuilder::Bool(BooleanBuilder::with_capacity(rows)),
            ColumnType::Label => ColumnBuilder::Label(StringDictionaryBuilder::new()),
            _ => ColumnBuilder::Text(StringBuilder::with_capacity(rows, rows * 16)),
        }
    }

    /// Appends a value already checked against this column's type.
    fn append(&mut self, value: &Value<'_>) {
        match (self, value) {
            (ColumnBuilder::Text(b), Value::Text(s)) => b.append_value(s),
            (ColumnBuilder::Text(b), _) => b.append_null(),
            (ColumnBuilder::Label(b), Value::Text(s)) => {
                b.append_value(s);
            }
            (ColumnBuilder::Label(b), _) => b.append_null(),
            (ColumnBuilder::Timestamp(b), Value::Timestamp(v)) => b.append_value(*v),
            (ColumnBuilder::Timestamp(b), _) => b.append_null(),
            (ColumnBuilder::Date(b), Value::Date(v)) => b.append_value(*v),
            (ColumnBuilder::Date(b), _) => b.append_null(),
            (ColumnBuilder::Int(b), Value::Int(v)) => b.append_value(*v),
            (ColumnBuilder::Int(b), _) => b.append_null(),
            (ColumnBuilder::Float(b), Value::Float(v)) => b.append_value(*v),
            (ColumnBuilder::Float(b), _) => b.append_null(),
            (ColumnBuilder::Bool(b), Value::Bool(v)) => b.append_value(*v),
            (ColumnBuilder::Bool(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Text(b) => Arc::new(b.finish()),
            ColumnBuilder::Label(b) => Arc::new(b.finish()),
            ColumnBuilder::Timestamp(b) => Arc::new(b.finish()),
            ColumnBuilder::Date(b) => Arc::new(b.finish()),
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::Float(b) => Arc::new(b.finish()),
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// A problem with one cell of a row: which column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Column name.
    pub column: String,
    /// What was expected and what was found.
    pub message: String,
}

/// What a row's person references are checked against.
pub trait PersonIndex: Sync {
    /// Whether `person_id` is a known person.
    fn contains(&self, person_id: &str) -> bool;
}

impl<S: std::hash::BuildHasher + Sync> PersonIndex for HashSet<String, S> {
    fn contains(&self, person_id: &str) -> bool {
        HashSet::contains(self, person_id)
    }
}

/// Accepts any person id: used while loading `people` itself.
pub struct AnyPerson;

impl PersonIndex for AnyPerson {
    fn contains(&self, _: &str) -> bool {
        true
    }
}

/// A finished batch's column, waiting for the table to end: as built, or (a `Label` column)
/// re-encoded against the table-wide dictionary, which is only complete at the end.
enum Stored {
    Array(ArrayRef),
    Label(Encoded),
}

/// Accumulates one table's rows into record batches.
pub struct TableBuilder {
    spec: &'static TableSpec,
    /// Column types in schema order: the contract's, then extras (dictionary-encoded text).
    types: Vec<ColumnType>,
    names: Vec<String>,
    columns: Vec<ColumnBuilder>,
    lines: Int64Builder,
    pending: usize,
    schema: SchemaRef,
    /// One table-wide dictionary per `Label` column (`None` for other columns); empty for
    /// a part's builder.
    dictionaries: Vec<Option<TableDictionary>>,
    /// Finished batches' columns, waiting for the table-wide dictionaries.
    stored: Vec<Vec<Stored>>,
    rows: u64,
}

impl TableBuilder {
    /// A builder for `spec` whose files carry the given extra (non-contract) columns. Its
    /// `Label` columns share one dictionary per column across all batches.
    pub fn new(spec: &'static TableSpec, extras: &[String]) -> Self {
        let mut builder = Self::part(spec, extras, BATCH_ROWS);
        builder.dictionaries = builder
            .types
            .iter()
            .map(|t| (*t == ColumnType::Label).then(TableDictionary::new))
            .collect();
        builder
    }

    /// A builder for a part of a file, of about `rows` rows, whose batches are appended to
    /// the table's builder with [`TableBuilder::append_batches`]; its `Label` columns keep a
    /// dictionary per batch, which the table's builder re-encodes.
    pub fn part(spec: &'static TableSpec, extras: &[String], rows: usize) -> Self {
        let rows = rows.min(BATCH_ROWS);
        let mut types: Vec<ColumnType> = spec.columns.iter().map(|c| c.ty).collect();
        types.extend(extras.iter().map(|_| ColumnType::Label));
        let mut names: Vec<String> = spec.columns.iter().map(|c| c.name.to_string()).collect();
        names.extend(extras.iter().cloned());
        TableBuilder {
            spec,
            columns: types.iter().map(|t| ColumnBuilder::new(*t, rows)).collect(),
            types,
            names,
            lines: Int64Builder::with_capacity(rows),
            pending: 0,
            schema: arrow_schema(spec, extras),
            dictionaries: Vec::new(),
            stored: Vec::new(),
            rows: 0,
        }
    }

    /// Number of columns a row supplies (contract columns then extras).
    pub fn width(&self) -> usize {
        self.types.len()
    }

    /// Validates a row whose cells are given by `cell(i)` (in schema order, `None` when the
    /// file lacks the column) and appends it; nothing is appended when any cell is bad.
    pub fn push<'a>(
        &mut self,
        line: u64,
        cell: impl Fn(usize) -> Option<&'a str>,
        people: &dyn PersonIndex,
    ) -> Result<(), CellError> {
        let mut values: Vec<Value<'a>> = Vec::with_capacity(self.types.len());
        for (i, ty) in self.types.iter().enumerate() {
            let raw = cell(i).unwrap_or("");
            let value = parse_value(raw, *ty).map_err(|message| self.cell_error(i, message))?;
            if let Some(contract) = self.spec.columns.get(i) {
                if contract.required && value == Value::Null {
                    return Err(self.cell_error(i, "required value is empty".to_string()));
                }
            }
            if let (ColumnType::PersonRef, Value::Text(id)) = (ty, &value) {
                if !people.contains(id) {
                    return Err(self.cell_error(i, format!("unknown person_id {id:?}")));
                }
            }
            values.push(value);
        }
        for (builder, value) in self.columns.iter_mut().zip(&values) {
            builder.append(value);
        }
        self.lines.append_value(line as i64);
        self.pending += 1;
        self.rows += 1;
        if self.pending >= BATCH_ROWS {
            self.flush();
        }
        Ok(())
    }

    fn cell_error(&self, i: usize, message: String) -> CellError {
        CellError {
            column: self.names[i].clone(),
            message,
        }
    }

    fn flush(&mut self) {
        if self.pending == 0 {
            return;
        }
        let mut arrays: Vec<ArrayRef> = self.columns.iter_mut().map(|c| c.finish()).collect();
        arrays.push(Arc::new(self.lines.finish()));
        if self.pending < BATCH_ROWS {
            // A part of a file, or a file's last rows: give back the room reserved for a
            // full batch, which the table would otherwise hold for as long as it lives.
            for array in &mut arrays {
                if let Some(array) = Arc::get_mut(array) {
                    array.shrink_to_fit();
                }
            }
        }
        self.pending = 0;
        self.store(arrays);
    }

    /// Keeps a finished batch's columns, its `Label` columns re-encoded against the
    /// table-wide dictionaries (when the builder has them).
    fn store(&mut self, arrays: Vec<ArrayRef>) {
        let stored = arrays
            .into_iter()
            .enumerate()
            .map(|(i, array)| match self.dictionaries.get_mut(i) {
                Some(Some(dictionary)) => Stored::Label(dictionary.encode(&array)),
                _ => Stored::Array(array),
            })
            .collect();
        self.stored.push(stored);
    }

    /// Appends finished batches of the same schema (another builder's, for the rows that
    /// come next), after this builder's pending rows; `first_line` is added to their line
    /// numbers (0 when they are already the file's).
    pub fn append_batches(&mut self, batches: Vec<RecordBatch>, rows: u64, first_line: u64) {
        self.flush();
        for batch in batches {
            let mut arrays = batch.columns().to_vec();
            if first_line != 0 {
                if let Some(lines) = arrays.last_mut() {
                    *lines = shift_lines(lines, first_line);
                }
            }
            self.store(arrays);
        }
        self.rows += rows;
    }

    /// Rows appended so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Finishes the table: its schema and batches.
    pub fn finish(mut self) -> (SchemaRef, Vec<RecordBatch>) {
        self.flush();
        let mut columns: Vec<Vec<Option<Stored>>> = self
            .stored
            .into_iter()
            .map(|batch| batch.into_iter().map(Some).collect())
            .collect();
        // Each Label column's batches against its finished dictionary, in batch order.
        for (i, dictionary) in self.dictionaries.into_iter().enumerate() {
            let Some(dictionary) = dictionary else {
                continue;
            };
            let encoded = columns
                .iter_mut()
                .map(|batch| match batch[i].take() {
                    Some(Stored::Label(encoded)) => encoded,
                    _ => unreachable!("label columns are stored encoded"),
                })
                .collect();
            for (batch, array) in columns.iter_mut().zip(dictionary.finish(encoded)) {
                batch[i] = Some(Stored::Array(array));
            }
        }
        let mut batches = Vec::with_capacity(columns.len());
        for batch in columns {
            let arrays = batch
                .into_iter()
                .map(|column| match column {
                    Some(Stored::Array(array)) => array,
                    _ => unreachable!("every column is finished"),
                })
                .collect();
            batches.push(
                RecordBatch::try_new(self.schema.clone(), arrays)
                    .expect("builders always match the table schema"),
            );
        }
        (self.schema, batches)
    }
}

/// A batch's line numbers moved on by `first_line` (a part numbers its lines from 0).
fn shift_lines(lines: &ArrayRef, first_line: u64) -> ArrayRef {
    let shift = first_line as i64;
    match lines.as_primitive_opt::<Int64Type>() {
        Some(numbers) => Arc::new(numbers.unary::<_, Int64Type>(|line| line + shift)),
        None => Arc::clone(lines),
    }
}
