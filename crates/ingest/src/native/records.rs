//! The JSON records of a vendor export, each with the line it starts on, whatever the
//! export's shape: one object per line (Okta's NDJSON, osquery's results log, Azure Monitor
//! exports), a JSON array (an Okta `/api/v1/logs` page), one pretty-printed object, several
//! concatenated pretty-printed objects, or a Microsoft Graph collection (`{"value": [...]}`).
//!
//! One-object-per-line files are streamed; the other shapes are read whole (API pages are
//! small).

use crate::error::LoadError;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One record: the line it starts on (1-based) and its JSON text.
pub(crate) struct Record<'a> {
    /// First line of the record in the file.
    pub line: u64,
    /// The record's JSON text (an object, unless the file is malformed).
    pub json: &'a str,
}

/// One line of a one-object-per-line export, not yet decoded: its number and bytes.
pub(crate) struct Line<'a> {
    /// Line number (1-based).
    pub line: u64,
    /// The line's bytes, without the newline.
    pub bytes: &'a [u8],
}

/// How many bytes of whole lines make a [`Block`] once reading is under way: about ten
/// thousand Okta events, one record batch, so that blocks can be decoded on different
/// threads and their rows kept in file order.
pub(crate) const BLOCK_BYTES: usize = 32 << 20;

/// The first block's size; blocks double from it up to [`BLOCK_BYTES`], so that decoding
/// starts early and a small file is still spread over the threads.
const FIRST_BLOCK_BYTES: usize = 1 << 20;

/// A record the file's structure itself makes unreadable (bad UTF-8, broken JSON around
/// records): the line and what is wrong, for the caller to report or skip.
pub(crate) struct Unreadable {
    /// Line of the problem.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// An export opened and recognised by its first non-blank line.
pub(crate) enum Records {
    /// Nothing but blank lines.
    Empty,
    /// One object per line, read in blocks of whole lines.
    Lines(LineBlocks),
    /// Any other shape (an API page, pretty-printed objects, a Graph collection), read whole.
    Document(Document),
}

/// Opens an export and decides its shape from its first non-blank line.
pub(crate) fn open_records(
    reader: Box<dyn Read + Send>,
    path: &Path,
) -> Result<Records, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut first_line = Vec::new();
    let mut line_no = 0u64;
    loop {
        first_line.clear();
        if reader.read_until(b'\n', &mut first_line).map_err(io)? == 0 {
            return Ok(Records::Empty);
        }
        line_no += 1;
        if !first_line.iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
    let one_object_per_line = {
        let text = String::from_utf8_lossy(&first_line);
        let trimmed = text.trim();
        trimmed.starts_with('{') && serde_json::from_str::<&RawValue>(trimmed).is_ok()
    };
    if one_object_per_line && !is_collection(&first_line) {
        // What the line reader had buffered beyond the first line comes next.
        let mut carry = first_line;
        carry.extend_from_slice(reader.buffer());
        return Ok(Records::Lines(LineBlocks {
            reader: reader.into_inner(),
            path: path.to_path_buf(),
            carry,
            first_line: line_no,
            block_bytes: FIRST_BLOCK_BYTES,
            at_end: false,
        }));
    }
    let mut bytes = first_line;
    reader.read_to_end(&mut bytes).map_err(io)?;
    Ok(Records::Document(Document {
        bytes,
        first_line: line_no,
    }))
}

/// Whole lines of a one-object-per-line file. A block does not know its first line's
/// number: counting a block's newlines on the reading thread would scan every byte a second
/// time, so whoever walks the lines numbers them (see [`Block::lines`]).
pub(crate) struct Block {
    /// The lines' bytes with their newlines (the file's last line may lack one).
    pub bytes: Vec<u8>,
}

impl Block {
    /// The block's non-blank lines without their line endings, numbered from `first_line`
    /// (the number of the block's first line, blank or not).
    pub(crate) fn lines(&self, first_line: u64) -> Lines<'_> {
        Lines {
            bytes: &self.bytes,
            ends: memchr::memchr_iter(b'\n', &self.bytes),
            from: 0,
            line: first_line,
        }
    }
}

/// The non-blank lines of a [`Block`], numbered.
pub(crate) struct Lines<'b> {
    bytes: &'b [u8],
    ends: memchr::Memchr<'b>,
    from: usize,
    line: u64,
}

impl Lines<'_> {
    /// The number of the line after the last one walked: once the walk is over, the first
    /// line of the next block.
    pub(crate) fn next_line(&self) -> u64 {
        self.line
    }
}

impl<'b> Iterator for Lines<'b> {
    type Item = Line<'b>;

    fn next(&mut self) -> Option<Line<'b>> {
        let bytes = self.bytes;
        loop {
            if self.from >= bytes.len() {
                return None;
            }
            let to = self.ends.next().map_or(bytes.len(), |i| i + 1);
            let text = &bytes[self.from..to];
            let number = self.line;
            self.from = to;
            self.line += 1;
            if !text.iter().all(u8::is_ascii_whitespace) {
                return Some(Line {
                    line: number,
                    bytes: trim_newline(text),
                });
            }
        }
    }
}

/// Reads a one-object-per-line file in [`Block`]s of up to about [`BLOCK_BYTES`]: each block is
/// read straight into one buffer (no second copy through a line reader) and cut after its
/// last newline with a vectorised search; the unfinished line starts the next block.
pub(crate) struct LineBlocks {
    reader: Box<dyn Read + Send>,
    path: std::path::PathBuf,
    /// Bytes read beyond the last whole line handed out.
    carry: Vec<u8>,
    /// Number of the first block's first line.
    first_line: u64,
    /// Size of the next block.
    block_bytes: usize,
    at_end: bool,
}

impl LineBlocks {
    /// The next block, or `None` at the end of the file; `spare` is an emptied buffer of an
    /// earlier block to reuse (saves faulting in fresh memory for every block).
    pub(crate) fn next_block(
        &mut self,
        spare: Option<Vec<u8>>,
    ) -> Result<Option<Block>, LoadError> {
        if self.at_end && self.carry.is_empty() {
            return Ok(None);
        }
        let mut buf = spare.unwrap_or_default();
        buf.clear();
        buf.reserve(self.block_bytes);
        buf.append(&mut self.carry);
        // A line longer than a block makes the block grow until it holds the line.
        let mut want = self.block_bytes.max(buf.len());
        self.block_bytes = (self.block_bytes * 2).min(BLOCK_BYTES);
        let complete = loop {
            while !self.at_end && buf.len() < want {
                // Reads into the spare capacity, without zeroing it first.
                let room = (want - buf.len()) as u64;
                let n = (&mut self.reader)
                    .take(room)
                    .read_to_end(&mut buf)
                    .map_err(|source| LoadError::Io {
                        path: self.path.clone(),
                        source,
                    })?;
                self.at_end = n == 0;
            }
            if self.at_end {
                break buf.len();
            }
            match memchr::memrchr(b'\n', &buf) {
                Some(last) => break last + 1,
                None => want *= 2,
            }
        };
        self.carry.extend_from_slice(&buf[complete..]);
        buf.truncate(complete);
        if buf.is_empty() {
            return Ok(None);
        }
        Ok(Some(Block { bytes: buf }))
    }

    /// The number of the first block's first line.
    pub(crate) fn first_line(&self) -> u64 {
        self.first_line
    }
}

/// An export of another shape than one object per line, read whole.
pub(crate) struct Document {
    bytes: Vec<u8>,
    first_line: u64,
}

impl Document {
    /// Walks every record in file order: `f` gets each record, `bad` every stretch of the
    /// document that is not a readable record. Either may stop the walk with an error.
    pub(crate) fn walk(
        &self,
        mut f: impl FnMut(Record<'_>) -> Result<(), LoadError>,
        mut bad: impl FnMut(Unreadable) -> Result<(), LoadError>,
    ) -> Result<(), LoadError> {
        let Ok(text) = std::str::from_utf8(&self.bytes) else {
            return bad(Unreadable {
                line: self.first_line,
                message: "not valid UTF-8".into(),
            });
        };
        let mut lines = LineCounter::new(text, self.first_line);
        walk_document(text, &mut lines, &mut f, &mut bad)
    }
}

fn trim_newline(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

/// Whether a one-line object is a Graph collection wrapper rather than a record.
fn is_collection(line: &[u8]) -> bool {
    let head = &line[..line.len().min(256)];
    head.windows(15).any(|w| w == b"\"@odata.context")
}

/// Walks a document read whole: an array of records, a collection wrapper, or one or more
/// concatenated objects.
fn walk_document(
    text: &str,
    lines: &mut LineCounter<'_>,
    f: &mut impl FnMut(Record<'_>) -> Result<(), LoadError>,
    bad: &mut impl FnMut(Unreadable) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<&RawValue>();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => return Ok(()),
            Some(Ok(value)) => {
                let json = value.get();
                if json.starts_with('[') {
                    match serde_json::from_str::<Vec<&RawValue>>(json) {
                        Ok(items) => emit_all(&items, lines, f)?,
                        Err(e) => bad(unreadable(text, lines, start, &e))?,
                    }
                } else if let Some(items) = collection_items(json) {
                    emit_all(&items, lines, f)?;
                } else {
                    f(Record {
                        line: lines.line_of(json),
                        json,
                    })?;
                }
            }
            Some(Err(e)) => {
                // The rest of the document cannot be split into records reliably.
                return bad(unreadable(text, lines, start, &e));
            }
        }
    }
}

fn emit_all(
    items: &[&RawValue],
    lines: &mut LineCounter<'_>,
    f: &mut impl FnMut(Record<'_>) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    for item in items {
        let json = item.get();
        f(Record {
            line: lines.line_of(json),
            json,
        })?;
    }
    Ok(())
}

/// The records of a Microsoft Graph collection (`{"@odata.context": ..., "value": [...]}`).
fn collection_items(json: &str) -> Option<Vec<&RawValue>> {
    #[derive(Deserialize)]
    struct Collection<'a> {
        #[serde(rename = "@odata.context")]
        context: Option<&'a RawValue>,
        #[serde(borrow)]
        value: Option<Vec<&'a RawValue>>,
    }
    let c: Collection<'_> = serde_json::from_str(json).ok()?;
    c.context?;
    c.value
}

fn unreadable(
    text: &str,
    lines: &mut LineCounter<'_>,
    start: usize,
    e: &serde_json::Error,
) -> Unreadable {
    let line = if e.line() > 0 {
        lines.first + e.line() as u64 - 1
    } else {
        lines.line_of(&text[start.min(text.len())..])
    };
    Unreadable {
        line,
        message: format!("invalid JSON: {e}"),
    }
}

/// Line numbers of positions in a text, counted forward from the last position asked
/// (records come in file order, so the whole walk counts each newline once).
struct LineCounter<'a> {
    text: &'a str,
    first: u64,
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, first: u64) -> Self {
        LineCounter {
            text,
            first,
            offset: 0,
            line: first,
        }
    }

    /// The line on which `inner` (a slice of the text) starts.
    fn line_of(&mut self, inner: &str) -> u64 {
        let at = (inner.as_ptr() as usize)
            .saturating_sub(self.text.as_ptr() as usize)
            .min(self.text.len());
        if at < self.offset {
            self.offset = 0;
            self.line = self.first;
        }
        let newlines = self.text.as_bytes()[self.offset..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u64;
        self.offset = at;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, start of text) of each record, and (line, message) of each unreadable part.
    type Walked = (Vec<(u64, String)>, Vec<(u64, String)>);

    fn records(text: &str) -> Walked {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        let opened = open_records(
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            Path::new("x.json"),
        );
        match opened.expect("opens") {
            Records::Empty => {}
            Records::Lines(mut blocks) => {
                let mut first_line = blocks.first_line();
                while let Some(block) = blocks.next_block(None).expect("reads") {
                    let mut lines = block.lines(first_line);
                    for l in lines.by_ref() {
                        let text = String::from_utf8_lossy(l.bytes);
                        good.push((l.line, text.trim().chars().take(12).collect()));
                    }
                    first_line = lines.next_line();
                }
            }
            Records::Document(doc) => doc
                .walk(
                    |r| {
                        good.push((r.line, r.json.chars().take(12).collect()));
                        Ok(())
                    },
                    |u| {
                        bad.push((u.line, u.message));
                        Ok(())
                    },
                )
                .expect("walk"),
        }
        (good, bad)
    }

    /// (line, length) of every line, reading blocks with recycled buffers.
    fn line_lengths(text: String) -> Vec<(u64, usize)> {
        let Records::Lines(mut blocks) = open_records(
            Box::new(std::io::Cursor::new(text.into_bytes())),
            Path::new("x.json"),
        )
        .unwrap() else {
            panic!("one object per line");
        };
        let mut lengths = Vec::new();
        let mut spare = None;
        let mut first_line = blocks.first_line();
        while let Some(block) = blocks.next_block(spare.take()).unwrap() {
            let mut lines = block.lines(first_line);
            lengths.extend(lines.by_ref().map(|l| (l.line, l.bytes.len())));
            first_line = lines.next_line();
            spare = Some(block.bytes);
        }
        lengths
    }

    #[test]
    fn one_object_per_line() {
        let (good, bad) = records("{\"a\":1}\n\n{\"a\":2}\n{broken\n");
        assert_eq!(
            good.len(),
            3,
            "the broken line is handed on for the reader to report"
        );
        assert_eq!(good[1].0, 3);
        assert_eq!(good[2], (4, "{broken".into()));
        assert!(bad.is_empty());
    }

    #[test]
    fn lines_longer_than_a_block_and_lines_across_blocks_stay_whole() {
        // A record longer than a block, then enough short ones to cross several blocks, with
        // blank lines and a last line without a newline.
        let long = format!("{{\"big\":\"{}\"}}", "x".repeat(BLOCK_BYTES + 1000));
        let mut text = format!("{long}\n\n");
        let short = format!("{{\"pad\":\"{}\"}}", "y".repeat(700));
        let n = 2 * BLOCK_BYTES / short.len() + 10;
        for _ in 0..n {
            text.push_str(&short);
            text.push('\n');
        }
        text.push_str("{\"last\":1}");
        let lengths = line_lengths(text);
        assert_eq!(lengths.len(), n + 2);
        assert_eq!(lengths[0], (1, long.len()));
        assert!(lengths[1..=n].iter().all(|&(_, len)| len == short.len()));
        assert_eq!(lengths[1].0, 3, "the blank line is counted");
        assert_eq!(lengths[n + 1], (n as u64 + 3, 10));
    }

    #[test]
    fn array_elements_keep_their_lines() {
        let (good, _) = records("[\n  {\n    \"a\": 1\n  },\n  {\"a\": 2}\n]\n");
        assert_eq!(good.iter().map(|g| g.0).collect::<Vec<_>>(), vec![2, 5]);
    }

    #[test]
    fn pretty_objects_concatenated() {
        let (good, _) = records("{\n \"a\": 1\n}\n{\n \"a\": 2\n}\n");
        assert_eq!(good.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1, 4]);
    }

    #[test]
    fn graph_collection_is_unwrapped() {
        let text = "{\n\"@odata.context\": \"x\",\n\"value\": [\n{\"id\": 1},\n{\"id\": 2}\n]\n}";
        let (good, _) = records(text);
        assert_eq!(good.iter().map(|g| g.0).collect::<Vec<_>>(), vec![4, 5]);
        let (one_line, _) = records("{\"@odata.context\":\"x\",\"value\":[{\"id\":1}]}\n");
        assert_eq!(one_line.len(), 1);
    }

    #[test]
    fn broken_document_names_its_line() {
        let (good, bad) = records("[\n{\"a\": 1},\n{\"a\": 2,}\n]");
        assert!(good.is_empty());
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].0, 3, "{:?}", bad);
    }
}
