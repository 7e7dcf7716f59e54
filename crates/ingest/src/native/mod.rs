//! Vendor exports read as they are, next to the dataset's own tables: the Okta System Log
//! and Microsoft Entra ID sign-in logs become `signins` rows, osquery result logs become
//! `endpoint` rows.
//!
//! A native file is recognised by its content, whatever its name ([`detect`]). Its rows go
//! through the same checks as a CSV row, and a row the contract rejects is an error naming
//! the file, the line and the vendor's own field (`published`, `client.ipAddress`).
//! Records that are not the kind the table holds (an Okta group change, a service-principal
//! sign-in, an osquery `mounts` result) and records of accounts or hosts that `contacts` does
//! not know are counted per reason and reported in the table's warnings, never dropped
//! silently.

mod entra;
mod okta;
mod osquery;
mod pick;
mod records;
mod scalar;

use crate::error::LoadError;
use crate::resolve::Found;
use crate::schema::{table_spec, TableSpec};
use crate::source::{RowContext, RowSink};
use crate::LoadedTable;
use flate2::read::MultiGzDecoder;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};

/// A vendor export format redflag reads natively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NativeFormat {
    /// Okta System Log `LogEvent`s: an API page (JSON array) or NDJSON.
    OktaSystemLog,
    /// Microsoft Entra ID sign-ins: Graph `signIn` objects (bare, in a `value` collection or
    /// one per line) or Azure Monitor diagnostic records with the sign-in in `properties`.
    EntraSignIns,
    /// osquery result logs: differential (`added`/`removed`), snapshot and batch lines.
    OsqueryResults,
}

impl NativeFormat {
    /// Human name, for summaries.
    pub fn name(self) -> &'static str {
        match self {
            NativeFormat::OktaSystemLog => "Okta System Log",
            NativeFormat::EntraSignIns => "Entra ID sign-in log",
            NativeFormat::OsqueryResults => "osquery result log",
        }
    }

    /// The contract table its rows go to.
    pub fn table(self) -> &'static str {
        match self {
            NativeFormat::OktaSystemLog | NativeFormat::EntraSignIns => "signins",
            NativeFormat::OsqueryResults => "endpoint",
        }
    }
}

/// How much of a file is read to recognise it.
const SNIFF_BYTES: u64 = 64 * 1024;

/// The native format of the file at `path` (gzip-compressed or not), from the keys of its
/// first records, or `None` when it is not one.
pub fn detect(path: &Path) -> Result<Option<NativeFormat>, LoadError> {
    let mut head = Vec::new();
    open(path)?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(detect_bytes(&head))
}

fn detect_bytes(head: &[u8]) -> Option<NativeFormat> {
    let text = String::from_utf8_lossy(head);
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if !(body.starts_with('{') || body.starts_with('[')) {
        return None;
    }
    let has = |key: &str| body.contains(&format!("\"{key}\""));
    if has("eventType") && has("published") && (has("actor") || has("uuid")) {
        return Some(NativeFormat::OktaSystemLog);
    }
    if (has("userPrincipalName") && has("createdDateTime"))
        || (has("category") && body.contains("SignInLogs\""))
    {
        return Some(NativeFormat::EntraSignIns);
    }
    if has("name")
        && (has("unixTime") || has("calendarTime"))
        && (has("columns") || has("snapshot") || has("diffResults"))
    {
        return Some(NativeFormat::OsqueryResults);
    }
    None
}

fn open(path: &Path) -> Result<Box<dyn Read + Send>, LoadError> {
    let raw = File::open(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let gzip = path.extension().is_some_and(|e| e == "gz");
    Ok(if gzip {
        Box::new(MultiGzDecoder::new(raw))
    } else {
        Box::new(raw)
    })
}

/// A problem with one record, named by the vendor's field.
#[derive(Debug)]
pub(crate) struct FieldError {
    field: &'static str,
    message: String,
}

impl FieldError {
    pub(crate) fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// What one record became.
pub(crate) enum Mapped {
    /// Rows were added to the batch.
    Rows,
    /// Rows were added, and this many other rows of the record were left out for a reason
    /// (osquery batch lines carry `removed` rows beside `added` ones).
    RowsLeavingOut(&'static str, u64),
    /// The record is not one the table holds; the reason is counted.
    LeftOut(String),
}

/// The cells of one output row, by position in the table's columns (contract, then the
/// adapter's extras).
/// Cells borrow from the record where the adapter could (no allocation per field).
#[derive(Debug, Clone)]
pub(crate) struct Cells<'a>(Vec<Option<Cow<'a, str>>>);

impl<'a> Cells<'a> {
    fn new(width: usize) -> Self {
        Cells(vec![None; width])
    }

    /// Sets column `at` (a position from [`Layout::at`]) to an owned or borrowed value.
    pub(crate) fn set<V: Into<Cow<'a, str>>>(&mut self, at: usize, value: Option<V>) {
        self.0[at] = value
            .map(Into::into)
            .filter(|v| !crate::parse::trimmed(v).is_empty());
    }

    fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i).and_then(|c| c.as_deref())
    }
}

/// Positions of the columns an adapter writes.
pub(crate) struct Layout {
    spec: &'static TableSpec,
    extras: &'static [&'static str],
}

impl Layout {
    /// Position of column `name`: a contract column or one of the adapter's extras.
    ///
    /// # Panics
    /// When `name` is neither: adapters only name columns they declare.
    pub(crate) fn at(&self, name: &str) -> usize {
        self.spec
            .columns
            .iter()
            .position(|c| c.name == name)
            .or_else(|| {
                self.extras
                    .iter()
                    .position(|e| *e == name)
                    .map(|i| i + self.spec.columns.len())
            })
            .unwrap_or_else(|| panic!("adapter column `{name}` is declared"))
    }

    fn width(&self) -> usize {
        self.spec.columns.len() + self.extras.len()
    }

    fn present(&self) -> Vec<String> {
        self.spec
            .columns
            .iter()
            .map(|c| c.name.to_string())
            .chain(self.extras.iter().map(|e| e.to_string()))
            .collect()
    }
}

/// One vendor format's reader: turns a record's JSON into rows of its table.
pub(crate) trait Adapter: Sync {
    /// The format's name in messages.
    const NAME: &'static str;
    /// Extra (non-contract) columns it fills, after the contract's.
    const EXTRAS: &'static [&'static str];

    /// The vendor field behind a contract column, for error messages.
    fn field_of(column: &str) -> Option<&'static str>;

    /// Maps one record, pushing rows onto `out`; `new_row` makes an empty row. Cells may
    /// borrow from `json`.
    fn map<'a>(
        &self,
        json: &'a str,
        new_row: &dyn Fn() -> Cells<'a>,
        out: &mut Vec<Cells<'a>>,
    ) -> Result<Mapped, FieldError>;
}

/// Loads a native export into its contract table.
pub(crate) fn load_native(
    path: &Path,
    file: &str,
    format: NativeFormat,
    ctx: &RowContext<'_>,
) -> Result<LoadedTable, LoadError> {
    let spec = table_spec(format.table()).expect("native tables are in the contract");
    match format {
        NativeFormat::OktaSystemLog => run(path, file, spec, ctx, okta::Okta::new(spec)),
        NativeFormat::EntraSignIns => run(path, file, spec, ctx, entra::Entra::new(spec)),
        NativeFormat::OsqueryResults => run(path, file, spec, ctx, osquery::Osquery::new(spec)),
    }
}

/// What one record became, decoded (on any thread) and waiting to be checked and stored
/// (in file order).
enum Outcome<'a> {
    /// Rows of the record, and what of it was left out.
    Rows {
        line: u64,
        rows: Vec<Cells<'a>>,
        left_out: Option<(String, u64)>,
    },
    /// The record is not the table's kind.
    LeftOut(String),
    /// The record cannot be read: which field, and why.
    Error {
        line: u64,
        field: Option<String>,
        message: String,
    },
}

/// Threads that decode records of one file.
fn decode_workers() -> usize {
    std::env::var("REDFLAG_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .clamp(1, 16)
}

/// Reasons records were left out, with counts.
type LeftOut = BTreeMap<String, u64>;

/// How one adapter's records become checked rows of its table.
struct Rows<'r, A> {
    adapter: &'r A,
    table: &'static str,
    width: usize,
    person_at: usize,
    key_at: usize,
    /// The left-out reason for an account or host `contacts` does not know.
    unknown: &'static str,
    resolver: Option<&'r crate::resolve::Resolver>,
}

impl<A: Adapter> Rows<'_, A> {
    /// Decodes one record's JSON into its outcome.
    fn decode<'a>(&self, line: u64, json: &'a str) -> Outcome<'a> {
        let mut rows = Vec::new();
        let new_row = || Cells::new(self.width);
        match self.adapter.map(json, &new_row, &mut rows) {
            Err(e) => Outcome::Error {
                line,
                field: Some(e.field.to_string()),
                message: e.message,
            },
            Ok(Mapped::LeftOut(reason)) => Outcome::LeftOut(reason),
            Ok(Mapped::Rows) => Outcome::Rows {
                line,
                rows,
                left_out: None,
            },
            Ok(Mapped::RowsLeavingOut(reason, n)) => Outcome::Rows {
                line,
                rows,
                left_out: Some((reason.to_string(), n)),
            },
        }
    }

    /// Checks and stores one decoded record.
    fn store(
        &self,
        sink: &mut RowSink<'_>,
        left_out: &mut LeftOut,
        outcome: Outcome<'_>,
    ) -> Result<(), LoadError> {
        match outcome {
            Outcome::Error {
                line,
                field,
                message,
            } => sink.reject(line, field, message),
            Outcome::LeftOut(reason) => {
                *left_out.entry(reason).or_default() += 1;
                Ok(())
            }
            Outcome::Rows {
                line,
                rows,
                left_out: extra,
            } => {
                if let Some((reason, n)) = extra {
                    *left_out.entry(reason).or_default() += n;
                }
                for mut row in rows {
                    let mut of_contact = false;
                    if row.get(self.person_at).is_none() {
                        // Resolved here, once: the sink reports an account that belongs to
                        // several people.
                        let people = self.resolver.and_then(|r| {
                            row.get(self.key_at)
                                .and_then(|k| r.people_of(self.table, k))
                        });
                        match people {
                            None => {
                                *left_out.entry(self.unknown.to_string()).or_default() += 1;
                                continue;
                            }
                            Some(Found::One(one)) => {
                                row.set(self.person_at, Some(one));
                                of_contact = true;
                            }
                            Some(Found::Many(_)) => {}
                        }
                    }
                    if of_contact {
                        sink.row_of_contact(line, |i| row.get(i))?;
                    } else {
                        sink.row(line, |i| row.get(i))?;
                    }
                }
                Ok(())
            }
        }
    }

    /// Decodes, checks and stores every line of a block into `sink`, numbering them from
    /// `first_line`; returns the number of the line after the block.
    fn store_block(
        &self,
        sink: &mut RowSink<'_>,
        left_out: &mut LeftOut,
        block: &records::Block,
        first_line: u64,
    ) -> Result<u64, LoadError> {
        let mut lines = block.lines(first_line);
        for line in lines.by_ref() {
            let outcome = match std::str::from_utf8(line.bytes) {
                Ok(text) => self.decode(line.line, text.trim()),
                Err(_) => Outcome::Error {
                    line: line.line,
                    field: None,
                    message: "not valid UTF-8".into(),
                },
            };
            self.store(sink, left_out, outcome)?;
        }
        Ok(lines.next_line())
    }
}

/// A block's rows, checked on a worker thread with its lines numbered from 0, waiting to be
/// appended in file order: the rows, what was left out, and how many lines the block held.
type Part<'c> = Result<(RowSink<'c>, LeftOut, u64), LoadError>;

/// An error met in a block whose lines were numbered from 0, numbered as in the file.
fn in_file(error: LoadError, first_line: u64) -> LoadError {
    match error {
        LoadError::Row(mut row) => {
            row.line += first_line;
            LoadError::Row(row)
        }
        other => other,
    }
}

/// Reads a one-object-per-line file with one thread reading blocks ahead and `workers`
/// threads decoding and checking whole blocks into rows of their own; the blocks' rows,
/// skips and errors are appended to `sink` in file order, so the first error reported is
/// the file's first, whatever thread met it. Only the reader's thread sees the blocks in
/// order, and it does not look inside them: workers number a block's lines from 0 as they
/// walk them, and the collector, which knows how many lines came before, renumbers.
fn read_blocks<'c, A: Adapter>(
    mut blocks: records::LineBlocks,
    rows: &Rows<'_, A>,
    sink: &mut RowSink<'c>,
    left_out: &mut LeftOut,
    workers: usize,
) -> Result<(), LoadError> {
    let mut first_line = blocks.first_line();
    if workers <= 1 {
        let mut spare = None;
        while let Some(block) = blocks.next_block(spare.take())? {
            first_line = rows.store_block(sink, left_out, &block, first_line)?;
            spare = Some(block.bytes);
        }
        return Ok(());
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, records::Block)>(workers);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::channel::<(usize, Part<'c>)>();
    let (spare_tx, spare_rx) = mpsc::channel::<Vec<u8>>();
    // The workers fork their blocks' sinks from this one: `sink` itself is the collector's.
    let prototype = sink.fork(0);
    std::thread::scope(|scope| {
        let reader_done = done_tx.clone();
        scope.spawn(move || {
            let mut index = 0;
            loop {
                match blocks.next_block(spare_rx.try_recv().ok()) {
                    Ok(Some(block)) => {
                        if work_tx.send((index, block)).is_err() {
                            return;
                        }
                        index += 1;
                    }
                    Ok(None) => return,
                    Err(e) => {
                        let _ = reader_done.send((index, Err(e)));
                        return;
                    }
                }
            }
        });
        for _ in 0..workers {
            let prototype = &prototype;
            let (work_rx, done, spare) = (Arc::clone(&work_rx), done_tx.clone(), spare_tx.clone());
            scope.spawn(move || loop {
                // The receiver is only held while waiting for the next block.
                let next = work_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((index, block))) = next else {
                    return;
                };
                // Room for the rows of a block of Okta events (about 2.6 KB each).
                let mut part = prototype.fork(block.bytes.len() / 2048 + 1);
                let mut part_left_out = LeftOut::new();
                let result = rows
                    .store_block(&mut part, &mut part_left_out, &block, 0)
                    .map(|lines| (part, part_left_out, lines));
                let _ = spare.send(block.bytes);
                if done.send((index, result)).is_err() {
                    // The collector stopped at an error: stop too, which drops this thread's
                    // hold on the work queue and so ends the reader.
                    return;
                }
            });
        }
        drop((work_rx, done_tx, spare_tx));
        // Appends parts in block order as they finish.
        let mut waiting: BTreeMap<usize, Part<'c>> = BTreeMap::new();
        let mut next = 0;
        let collected = (|| {
            for (index, part) in &done_rx {
                waiting.insert(index, part);
                while let Some(part) = waiting.remove(&next) {
                    let (part, part_left_out, lines) = part.map_err(|e| in_file(e, first_line))?;
                    sink.absorb(part, first_line);
                    first_line += lines;
                    for (reason, n) in part_left_out {
                        *left_out.entry(reason).or_default() += n;
                    }
                    next += 1;
                }
            }
            Ok(())
        })();
        drop(done_rx);
        collected
    })
}

fn run<A: Adapter>(
    path: &Path,
    file: &str,
    spec: &'static TableSpec,
    ctx: &RowContext<'_>,
    adapter: A,
) -> Result<LoadedTable, LoadError> {
    let layout = Layout {
        spec,
        extras: A::EXTRAS,
    };
    let signins = spec.name == "signins";
    let rows = Rows {
        adapter: &adapter,
        table: spec.name,
        width: layout.width(),
        person_at: layout.at("person_id"),
        key_at: layout.at(if signins { "account" } else { "device_id" }),
        unknown: if signins {
            "accounts not in contacts"
        } else {
            "hosts not in contacts"
        },
        resolver: ctx.resolver,
    };
    let mut sink = RowSink::new(file, spec, ctx);
    sink.start(&layout.present())?;
    sink.name_fields(A::field_of);
    let mut left_out = LeftOut::new();
    match records::open_records(open(path)?, path)? {
        records::Records::Empty => {}
        records::Records::Lines(blocks) => {
            read_blocks(blocks, &rows, &mut sink, &mut left_out, decode_workers())?;
        }
        records::Records::Document(document) => {
            let state = std::cell::RefCell::new((&mut sink, &mut left_out));
            document.walk(
                |record| {
                    let (sink, left_out) = &mut *state.borrow_mut();
                    rows.store(sink, left_out, rows.decode(record.line, record.json))
                },
                |bad| {
                    let (sink, left_out) = &mut *state.borrow_mut();
                    let outcome = Outcome::Error {
                        line: bad.line,
                        field: None,
                        message: bad.message,
                    };
                    rows.store(sink, left_out, outcome)
                },
            )?;
        }
    }
    let mut table = sink.finish();
    if let Some(note) = left_out_note(file, A::NAME, &left_out) {
        table.warnings.push(note);
    }
    Ok(table)
}

/// How many reasons a left-out note names; the rest are summed.
const NOTE_REASONS: usize = 8;

/// One line saying what was left out of a native file and why, most frequent first.
fn left_out_note(file: &str, format: &str, left_out: &BTreeMap<String, u64>) -> Option<String> {
    if left_out.is_empty() {
        return None;
    }
    let total: u64 = left_out.values().sum();
    let mut reasons: Vec<(&String, &u64)> = left_out.iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut named: Vec<String> = reasons
        .iter()
        .take(NOTE_REASONS)
        .map(|(reason, n)| format!("{reason}: {n}"))
        .collect();
    if reasons.len() > NOTE_REASONS {
        let rest: u64 = reasons[NOTE_REASONS..].iter().map(|(_, n)| **n).sum();
        named.push(format!(
            "{} other reasons: {rest}",
            reasons.len() - NOTE_REASONS
        ));
    }
    Some(format!(
        "{file} ({format}): {total} left out and counted ({})",
        named.join("; ")
    ))
}
