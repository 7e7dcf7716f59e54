//! One table from several files: a dataset's `signins.csv` and the vendor exports that add
//! sign-ins to it. Columns are the union (contract columns first, then every file's extras);
//! a file without a column has nulls there; `_line` values of the later files carry their
//! file's index ([`crate::schema::row_line`]).

use crate::schema::{row_line, LINE_COLUMN};
use crate::LoadedTable;
use datafusion::arrow::array::{new_null_array, Array, ArrayRef, Int64Array};
use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use std::sync::Arc;

/// `first`'s rows, then `second`'s, in one table.
pub(crate) fn merge_tables(first: LoadedTable, second: LoadedTable) -> LoadedTable {
    let mut fields: Vec<Arc<Field>> = first
        .schema
        .fields()
        .iter()
        .filter(|f| f.name() != LINE_COLUMN)
        .cloned()
        .collect();
    for field in second.schema.fields() {
        if field.name() != LINE_COLUMN && !fields.iter().any(|f| f.name() == field.name()) {
            fields.push(field.clone());
        }
    }
    let line_field = first
        .schema
        .field_with_name(LINE_COLUMN)
        .map(|f| Arc::new(f.clone()))
        .unwrap_or_else(|_| {
            Arc::new(Field::new(
                LINE_COLUMN,
                datafusion::arrow::datatypes::DataType::Int64,
                false,
            ))
        });
    fields.push(line_field);
    let schema = Arc::new(Schema::new(fields));
    let offset = first.files.len();
    let mut batches = Vec::with_capacity(first.batches.len() + second.batches.len());
    for batch in &first.batches {
        batches.push(conform(batch, &schema, 0));
    }
    for batch in &second.batches {
        batches.push(conform(batch, &schema, offset));
    }
    let mut files = first.files;
    files.extend(second.files);
    let mut warnings = first.warnings;
    warnings.extend(second.warnings);
    LoadedTable {
        name: first.name,
        file: Some(files.join(", ")),
        files,
        schema,
        batches,
        rows: first.rows + second.rows,
        skipped: first.skipped + second.skipped,
        warnings,
    }
}

/// `batch` with `schema`'s columns (nulls where it has none) and its `_line` values moved to
/// file `file_offset` and up.
fn conform(batch: &RecordBatch, schema: &Arc<Schema>, file_offset: usize) -> RecordBatch {
    let columns: Vec<ArrayRef> = schema
        .fields()
        .iter()
        .map(|field| match batch.column_by_name(field.name()) {
            Some(column) if field.name() == LINE_COLUMN && file_offset > 0 => {
                shift_lines(column, file_offset)
            }
            Some(column) => column.clone(),
            None => new_null_array(field.data_type(), batch.num_rows()),
        })
        .collect();
    RecordBatch::try_new(schema.clone(), columns)
        .expect("columns follow the merged schema, which every part's types agree with")
}

fn shift_lines(column: &ArrayRef, file_offset: usize) -> ArrayRef {
    let lines = column
        .as_any()
        .downcast_ref::<Int64Array>()
        .expect("_line is Int64");
    let shifted: Int64Array = lines
        .iter()
        .map(|v| {
            v.map(|v| {
                let (index, line) = crate::schema::split_row_line(v);
                row_line(index + file_offset, line)
            })
        })
        .collect();
    Arc::new(shifted)
}
