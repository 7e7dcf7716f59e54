//! Reads one table file (CSV or JSON Lines, optionally gzip-compressed) into a
//! [`LoadedTable`], checking every row.

use crate::builder::{AnyPerson, CellError, PersonIndex, TableBuilder};
use crate::error::{LoadError, RowError};
use crate::resolve::Resolver;
use crate::schema::TableSpec;
use crate::LoadedTable;
use flate2::read::MultiGzDecoder;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// How many row problems per table are kept as warnings under `--lenient`; the rest are
/// counted.
const MAX_WARNINGS_PER_TABLE: usize = 20;

/// The on-disk encoding of a table file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// Splits a file name like `people.jsonl.gz` into (`people`, JsonLines, gzip=true).
pub fn classify_file_name(name: &str) -> Option<(&str, Format, bool)> {
    let (rest, gz) = match name.strip_suffix(".gz") {
        Some(rest) => (rest, true),
        None => (name, false),
    };
    if let Some(stem) = rest.strip_suffix(".csv") {
        Some((stem, Format::Csv, gz))
    } else if let Some(stem) = rest.strip_suffix(".jsonl") {
        Some((stem, Format::JsonLines, gz))
    } else {
        None
    }
}

/// Everything a row is checked against besides its own table's contract.
pub struct RowContext<'a> {
    /// Known people (empty `AnyPerson` while loading `people` itself).
    pub people: &'a dyn PersonIndex,
    /// Maps accounts and device ids to people, for `signins` and `endpoint`.
    pub resolver: Option<&'a Resolver>,
    /// Skip and count bad rows instead of failing.
    pub lenient: bool,
}

/// Loads one file of table `spec`.
pub fn load_file(
    path: &Path,
    file: &str,
    format: Format,
    gzip: bool,
    spec: &'static TableSpec,
    ctx: &RowContext<'_>,
) -> Result<LoadedTable, LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let raw = File::open(path).map_err(io_err)?;
    let reader: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    };
    let mut sink = RowSink::new(file, spec, ctx);
    match format {
        Format::Csv => read_csv(reader, path, &mut sink)?,
        Format::JsonLines => read_jsonl(reader, path, &mut sink)?,
    }
    Ok(sink.finish())
}

/// A problem kept for a table's warnings.
enum Warning {
    /// A row skipped under `--lenient`.
    Skipped(RowError),
    /// Anything else, already worded.
    Note(String),
}

impl Warning {
    fn into_text(self) -> String {
        match self {
            Warning::Skipped(error) => format!("skipped {error}"),
            Warning::Note(text) => text,
        }
    }
}

/// Receives rows from a reader, validates them and keeps counts and warnings.
pub(crate) struct RowSink<'c> {
    file: String,
    spec: &'static TableSpec,
    ctx: &'c RowContext<'c>,
    builder: Option<TableBuilder>,
    /// The file's extra (non-contract) columns, once started.
    extras: Vec<String>,
    skipped: u64,
    warnings: Vec<Warning>,
    seen_ids: HashSet<String>,
    /// Names a contract column by the source's own field in errors (vendor exports).
    field_of: Option<fn(&str) -> Option<&'static str>>,
    /// How many rows are coming, when known to be few (rows given in memory): the builder
    /// reserves room for them instead of a full batch.
    rows_hint: Option<usize>,
    /// Position of the table's `person_id` column, if it has one.
    person_col: Option<usize>,
}

impl<'c> RowSink<'c> {
    pub(crate) fn new(file: &str, spec: &'static TableSpec, ctx: &'c RowContext<'c>) -> Self {
        RowSink {
            file: file.to_string(),
            spec,
            ctx,
            builder: None,
            extras: Vec::new(),
            skipped: 0,
            warnings: Vec::new(),
            seen_ids: HashSet::new(),
            field_of: None,
            rows_hint: None,
            person_col: spec.columns.iter().position(|c| c.name == "person_id"),
        }
    }

    /// The same sink for a table known to have about `rows` rows (rows given in memory).
    pub(crate) fn with_rows_hint(mut self, rows: usize) -> Self {
        self.rows_hint = Some(rows);
        self
    }

    /// Errors name the source's field (`published`, `client.ipAddress`) instead of the
    /// contract column it fills, for vendor exports.
    pub(crate) fn name_fields(&mut self, field_of: fn(&str) -> Option<&'static str>) {
        self.field_of = Some(field_of);
    }

    /// Declares the file's columns; must be called once before rows.
    pub(crate) fn start(&mut self, present: &[String]) -> Result<Vec<String>, LoadError> {
        for column in self.spec.columns.iter().filter(|c| c.required) {
            if !present.iter().any(|p| p == column.name) {
                return Err(LoadError::MissingColumn {
                    file: self.file.clone(),
                    column: column.name.to_string(),
                });
            }
        }
        if self.spec.name == "signins"
            && !present.iter().any(|p| p == "person_id" || p == "account")
        {
            return Err(LoadError::MissingColumn {
                file: self.file.clone(),
                column: "person_id or account".to_string(),
            });
        }
        let extras: Vec<String> = present
            .iter()
            .filter(|p| !p.is_empty() && !self.spec.columns.iter().any(|c| c.name == p.as_str()))
            .filter(|p| p.as_str() != crate::schema::LINE_COLUMN)
            .cloned()
            .collect();
        self.builder = Some(match self.rows_hint {
            Some(rows) => TableBuilder::part(self.spec, &extras, rows.max(1)),
            None => TableBuilder::new(self.spec, &extras),
        });
        self.extras = extras.clone();
        Ok(extras)
    }

    /// An empty sink for another part of the same file (of about `rows` rows), with the same
    /// columns: rows of a part are checked on another thread and handed back with
    /// [`RowSink::absorb`].
    pub(crate) fn fork(&self, rows: usize) -> RowSink<'c> {
        RowSink {
            file: self.file.clone(),
            spec: self.spec,
            ctx: self.ctx,
            builder: self
                .builder
                .as_ref()
                .map(|_| TableBuilder::part(self.spec, &self.extras, rows)),
            extras: self.extras.clone(),
            skipped: 0,
            warnings: Vec::new(),
            seen_ids: HashSet::new(),
            field_of: self.field_of,
            rows_hint: None,
            person_col: self.person_col,
        }
    }

    /// Appends the rows, skips and warnings of a part [forked](RowSink::fork) from this
    /// sink, which must come next in file order. The part numbered its lines from 0:
    /// `first_line` is the number its line 0 has in the file.
    pub(crate) fn absorb(&mut self, part: RowSink<'c>, first_line: u64) {
        debug_assert!(part.seen_ids.is_empty(), "people are not loaded in parts");
        if let (Some(builder), Some(theirs)) = (self.builder.as_mut(), part.builder) {
            let rows = theirs.rows();
            let (_, batches) = theirs.finish();
            builder.append_batches(batches, rows, first_line);
        }
        self.skipped += part.skipped;
        let room = MAX_WARNINGS_PER_TABLE.saturating_sub(self.warnings.len());
        self.warnings
            .extend(part.warnings.into_iter().take(room).map(|w| match w {
                Warning::Skipped(mut error) => {
                    error.line += first_line;
                    Warning::Skipped(error)
                }
                note => note,
            }));
    }

    /// Handles one row: appends it, or records the problem (lenient) or fails (strict).
    pub(crate) fn row<'a>(
        &mut self,
        line: u64,
        cell: impl Fn(usize) -> Option<&'a str>,
    ) -> Result<(), LoadError> {
        self.row_checked(line, cell, false)
    }

    /// [`row`](Self::row) for a row whose `person_id` its caller found through `contacts`:
    /// every person `contacts` names was checked against `people` when `contacts` was
    /// loaded, so the row's person is not looked up again (on a sign-in log, one lookup in a
    /// map of every person per row).
    pub(crate) fn row_of_contact<'a>(
        &mut self,
        line: u64,
        cell: impl Fn(usize) -> Option<&'a str>,
    ) -> Result<(), LoadError> {
        self.row_checked(line, cell, true)
    }

    fn row_checked<'a>(
        &mut self,
        line: u64,
        cell: impl Fn(usize) -> Option<&'a str>,
        person_known: bool,
    ) -> Result<(), LoadError> {
        let result = self.check_and_push(line, cell, person_known);
        match result {
            Ok(()) => Ok(()),
            Err(cell_error) => {
                let column = match self.field_of.and_then(|f| f(&cell_error.column)) {
                    Some(field) => field.to_string(),
                    None => cell_error.column,
                };
                self.reject(line, Some(column), cell_error.message)
            }
        }
    }

    fn check_and_push<'a>(
        &mut self,
        line: u64,
        cell: impl Fn(usize) -> Option<&'a str>,
        person_known: bool,
    ) -> Result<(), CellError> {
        let Some(builder) = self.builder.as_mut() else {
            return Ok(());
        };
        let person_col = self.person_col;
        let resolved = match (self.ctx.resolver, person_col) {
            (Some(resolver), Some(pc)) if blank(cell(pc)) && Resolver::resolves(self.spec.name) => {
                Some(resolver.resolve(self.spec.name, self.spec, &cell)?)
            }
            _ => None,
        };
        let lookup = |i: usize| match (&resolved, person_col) {
            (Some(id), Some(pc)) if i == pc => Some(id.as_str()),
            _ => cell(i),
        };
        // A person found through contacts was checked when contacts was loaded.
        let people: &dyn PersonIndex = match person_known || resolved.is_some() {
            true => &AnyPerson,
            false => self.ctx.people,
        };
        if self.spec.name == "people" {
            let id = lookup(0).unwrap_or("").trim();
            if self.seen_ids.contains(id) {
                return Err(CellError {
                    column: "person_id".into(),
                    message: format!("duplicate person_id {id:?}"),
                });
            }
            builder.push(line, lookup, people)?;
            self.seen_ids.insert(id.to_string());
            Ok(())
        } else {
            builder.push(line, lookup, people)
        }
    }

    /// A row that cannot be read at all (bad UTF-8, wrong field count, bad JSON).
    pub(crate) fn reject(
        &mut self,
        line: u64,
        column: Option<String>,
        message: String,
    ) -> Result<(), LoadError> {
        let error = RowError {
            file: self.file.clone(),
            line,
            column,
            message,
        };
        if !self.ctx.lenient {
            return Err(LoadError::Row(error));
        }
        self.skipped += 1;
        if self.warnings.len() < MAX_WARNINGS_PER_TABLE {
            self.warnings.push(Warning::Skipped(error));
        }
        Ok(())
    }

    fn width(&self) -> usize {
        self.builder.as_ref().map_or(0, TableBuilder::width)
    }

    pub(crate) fn finish(self) -> LoadedTable {
        let mut warnings: Vec<String> = self.warnings.into_iter().map(Warning::into_text).collect();
        if self.skipped as usize > warnings.len() {
            warnings.push(format!(
                "{}: {} more rows skipped",
                self.file,
                self.skipped as usize - warnings.len()
            ));
        }
        let builder = self
            .builder
            .unwrap_or_else(|| TableBuilder::new(self.spec, &[]));
        let rows = builder.rows();
        let (schema, batches) = builder.finish();
        LoadedTable {
            name: self.spec.name.to_string(),
            files: vec![self.file.clone()],
            file: Some(self.file),
            schema,
            batches,
            rows,
            skipped: self.skipped,
            warnings,
        }
    }
}

fn blank(cell: Option<&str>) -> bool {
    cell.is_none_or(|c| c.trim().is_empty())
}

/// Maps schema columns (contract, then extras) to positions in the file's header.
fn column_positions(spec: &TableSpec, extras: &[String], header: &[String]) -> Vec<Option<usize>> {
    spec.columns
        .iter()
        .map(|c| c.name.to_string())
        .chain(extras.iter().cloned())
        .map(|name| header.iter().position(|h| *h == name))
        .collect()
}

fn read_csv(reader: Box<dyn Read>, path: &Path, sink: &mut RowSink<'_>) -> Result<(), LoadError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 20, reader));
    let header: Vec<String> = match csv.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_string())
            .collect(),
        Err(e) => return Err(csv_error(e, path, sink)),
    };
    let extras = sink.start(&header)?;
    let positions = column_positions(sink.spec, &extras, &header);
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // A malformed record (e.g. an unterminated quote) ends the readable part of
                // the file: report it; in lenient mode count it and stop reading this file.
                let line = e.position().map_or(0, |p| p.line());
                sink.reject(line, None, format!("unreadable CSV: {e}"))?;
                let note = format!("{}: reading stopped at line {line}", sink.file);
                sink.warnings.push(Warning::Note(note));
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            // A single empty field on a line is a blank line: skip it quietly.
            if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
                continue;
            }
            sink.reject(
                line,
                None,
                format!(
                    "expected {} fields (as in the header), found {}",
                    header.len(),
                    record.len()
                ),
            )?;
            continue;
        }
        let Ok(text) = std::str::from_utf8(record.as_slice()) else {
            sink.reject(line, None, "not valid UTF-8".to_string())?;
            continue;
        };
        let field = |j: usize| record.range(j).and_then(|r| text.get(r));
        debug_assert_eq!(positions.len(), sink.width());
        sink.row(line, |i| positions[i].and_then(field))?;
    }
    Ok(())
}

fn csv_error(e: csv::Error, path: &Path, sink: &RowSink<'_>) -> LoadError {
    match e.into_kind() {
        csv::ErrorKind::Io(source) => LoadError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => LoadError::Row(RowError {
            file: sink.file.clone(),
            line: 1,
            column: None,
            message: format!("unreadable CSV header: {other:?}"),
        }),
    }
}

fn read_jsonl(reader: Box<dyn Read>, path: &Path, sink: &mut RowSink<'_>) -> Result<(), LoadError> {
    let reader = BufReader::with_capacity(1 << 20, reader);
    let mut columns = JsonColumns::default();
    for (index, line) in reader.split(b'\n').enumerate() {
        let line_no = index as u64 + 1;
        let bytes = line.map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            sink.reject(line_no, None, "not valid UTF-8".to_string())?;
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => {
                sink.reject(line_no, None, "expected a JSON object".to_string())?;
                continue;
            }
            Err(e) => {
                sink.reject(line_no, None, format!("invalid JSON: {e}"))?;
                continue;
            }
        };
        columns.row(sink, line_no, &object)?;
    }
    columns.finish(sink)
}

/// The columns of a JSON Lines table, declared by its first record: reads records (JSON
/// objects) into a sink, from a file or from memory.
#[derive(Default)]
pub(crate) struct JsonColumns {
    /// The schema's column names (contract, then extras), once the first record is seen.
    keys: Option<Vec<String>>,
}

impl JsonColumns {
    /// Checks and appends record `object`, found at `line_no`.
    pub(crate) fn row(
        &mut self,
        sink: &mut RowSink<'_>,
        line_no: u64,
        object: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<(), LoadError> {
        if self.keys.is_none() {
            // The first record's keys define the file's columns; a required key that is
            // merely absent from later records is reported per row.
            let present: Vec<String> = object.keys().cloned().collect();
            let mut assumed: Vec<String> = sink
                .spec
                .columns
                .iter()
                .filter(|c| c.required)
                .map(|c| c.name.to_string())
                .collect();
            assumed.extend(present.iter().cloned());
            let extras = sink.start(&dedup(assumed))?;
            self.keys = Some(
                sink.spec
                    .columns
                    .iter()
                    .map(|c| c.name.to_string())
                    .chain(extras.iter().cloned())
                    .collect(),
            );
        }
        let keys = self.keys.as_deref().unwrap_or_default();
        let mut cells: Vec<Option<String>> = Vec::with_capacity(keys.len());
        let mut bad: Option<CellError> = None;
        for key in keys {
            let cell = match object.get(key) {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
                Some(other) => {
                    let is_contract = sink.spec.columns.iter().any(|c| c.name == key);
                    if is_contract {
                        bad = Some(CellError {
                            column: key.clone(),
                            message: "expected a string, number or boolean".to_string(),
                        });
                        None
                    } else {
                        Some(other.to_string())
                    }
                }
            };
            cells.push(cell);
        }
        if let Some(e) = bad {
            return sink.reject(line_no, Some(e.column), e.message);
        }
        sink.row(line_no, |i| cells.get(i).and_then(|c| c.as_deref()))
    }

    /// Ends the table: one without records still declares the contract's columns.
    pub(crate) fn finish(self, sink: &mut RowSink<'_>) -> Result<(), LoadError> {
        if self.keys.is_none() {
            sink.start(
                &sink
                    .spec
                    .columns
                    .iter()
                    .map(|c| c.name.to_string())
                    .collect::<Vec<_>>(),
            )?;
        }
        Ok(())
    }
}

fn dedup(mut names: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}
