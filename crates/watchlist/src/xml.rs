//! A small streaming layer over quick-xml shared by the XML list readers.
//!
//! The readers walk the document with [`XmlPull`] and, for each record (a UN `INDIVIDUAL`, an
//! OFAC `DistinctParty`, …), collect just that record's subtree into a [`Node`]: memory stays
//! bounded by one record while the code that maps a record reads like tree code. Element and
//! attribute names are local names (namespace prefixes dropped), text is unescaped and merged,
//! and every error carries file, line and the element it happened in.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{At, WatchlistError};
use crate::text::LineCounter;

/// A pull event, simplified.
#[derive(Debug)]
pub(crate) enum Ev {
    /// Start of an element (empty elements give a `Start` then an `End`).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        line: u64,
    },
    /// End of an element.
    End,
    /// Text content (merged, unescaped; may be whitespace).
    Text(String),
    /// End of the document.
    Eof,
}

/// A record subtree.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
    pub line: u64,
}

impl Node {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child with this name.
    pub fn children<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Node> + 's {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of this node, if not empty.
    pub fn value(&self) -> Option<&str> {
        let t = self.text.trim();
        (!t.is_empty()).then_some(t)
    }

    /// The trimmed, non-empty text of the first child with this name.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(Node::value)
    }
}

/// Pull reader with line tracking and an open-element stack (for truncation errors).
pub(crate) struct XmlPull<'a> {
    reader: Reader<&'a [u8]>,
    lines: LineCounter<'a>,
    file: &'a str,
    stack: Vec<(String, u64)>,
    pending: Option<Ev>,
    len: usize,
}

/// Local part of a possibly prefixed XML name.
fn local(raw: &[u8]) -> &[u8] {
    match raw.iter().rposition(|&b| b == b':') {
        Some(i) => &raw[i + 1..],
        None => raw,
    }
}

impl<'a> XmlPull<'a> {
    /// A reader over an already-checked UTF-8 document.
    pub(crate) fn new(file: &'a str, text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = true;
        config.trim_text(false);
        XmlPull {
            reader,
            lines: LineCounter::new(text.as_bytes()),
            file,
            stack: Vec::new(),
            pending: None,
            len: text.len(),
        }
    }

    /// Current line.
    pub(crate) fn line(&mut self) -> u64 {
        let pos = self.reader.buffer_position() as usize;
        self.lines.line_at(pos)
    }

    /// An error at the current position, naming the innermost open element.
    pub(crate) fn error(&mut self, message: impl Into<String>) -> WatchlistError {
        let line = self.line();
        let mut at = At::new(self.file, line);
        at.field = self.stack.last().map(|(n, _)| format!("<{n}>"));
        WatchlistError::invalid(at, message)
    }

    /// The error for input that ends while elements are open.
    fn truncated(&mut self) -> Option<WatchlistError> {
        let (open, opened) = self.stack.last().cloned()?;
        let line = self.lines.line_at(self.len);
        Some(WatchlistError::invalid(
            At::new(self.file, line).field(format!("<{open}>")),
            format!("file ends inside <{open}> opened at line {opened}: the file is truncated"),
        ))
    }

    fn start_parts(
        &mut self,
        e: &BytesStart<'_>,
    ) -> Result<(String, Vec<(String, String)>), WatchlistError> {
        let name = String::from_utf8_lossy(local(e.name().as_ref())).into_owned();
        let mut attrs = Vec::new();
        for attr in e.attributes() {
            let attr =
                attr.map_err(|err| self.error(format!("bad attribute in <{name}>: {err}")))?;
            let key = String::from_utf8_lossy(local(attr.key.as_ref())).into_owned();
            let value = attr
                .unescape_value()
                .map_err(|err| {
                    self.error(format!("bad value of attribute {key} in <{name}>: {err}"))
                })?
                .into_owned();
            attrs.push((key, value));
        }
        Ok((name, attrs))
    }

    /// The next event. Text pieces (including entity and character references and CDATA)
    /// are merged into one `Text`.
    pub(crate) fn next(&mut self) -> Result<Ev, WatchlistError> {
        if let Some(ev) = self.pending.take() {
            return Ok(ev);
        }
        let mut text: Option<String> = None;
        loop {
            let line = self.line();
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    if self.reader.buffer_position() as usize >= self.len {
                        if let Some(err) = self.truncated() {
                            return Err(err);
                        }
                    }
                    let pos = self.reader.error_position() as usize;
                    let line = self.lines.line_at(pos);
                    let mut at = At::new(self.file, line);
                    at.field = self.stack.last().map(|(n, _)| format!("<{n}>"));
                    return Err(WatchlistError::invalid(at, format!("malformed XML: {e}")));
                }
            };
            let ev = match event {
                Event::Text(t) => {
                    let s = t
                        .xml10_content()
                        .map_err(|e| self.error(format!("bad text: {e}")))?;
                    text.get_or_insert_with(String::new).push_str(&s);
                    continue;
                }
                Event::CData(t) => {
                    let s = t
                        .xml10_content()
                        .map_err(|e| self.error(format!("bad CDATA: {e}")))?;
                    text.get_or_insert_with(String::new).push_str(&s);
                    continue;
                }
                Event::GeneralRef(r) => {
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => text.get_or_insert_with(String::new).push(c),
                            _ => return Err(self.error("bad character reference")),
                        }
                    } else {
                        let name = r
                            .decode()
                            .map_err(|e| self.error(format!("bad entity reference: {e}")))?
                            .into_owned();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(v) => text.get_or_insert_with(String::new).push_str(v),
                            None => return Err(self.error(format!("unknown entity &{name};"))),
                        }
                    }
                    continue;
                }
                Event::Start(e) => {
                    let (name, attrs) = self.start_parts(&e)?;
                    self.stack.push((name.clone(), line));
                    Ev::Start { name, attrs, line }
                }
                Event::End(_) => {
                    self.stack.pop();
                    Ev::End
                }
                // With `expand_empty_elements` quick-xml reports `<a/>` as `Start` + `End`.
                Event::Empty(_) => return Err(self.error("unexpected empty-element event")),
                Event::Eof => {
                    if let Some(err) = self.truncated() {
                        return Err(err);
                    }
                    Ev::Eof
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            };
            if let Some(t) = text.take() {
                self.pending = Some(ev);
                return Ok(Ev::Text(t));
            }
            return Ok(ev);
        }
    }

    /// Reads the rest of the element whose `Start` was just returned into a [`Node`].
    pub(crate) fn subtree(
        &mut self,
        name: String,
        attrs: Vec<(String, String)>,
        line: u64,
    ) -> Result<Node, WatchlistError> {
        let mut stack = vec![Node {
            name,
            attrs,
            line,
            ..Node::default()
        }];
        loop {
            match self.next()? {
                Ev::Start { name, attrs, line } => {
                    if stack.len() > 64 {
                        return Err(self.error("elements nested more than 64 deep"));
                    }
                    stack.push(Node {
                        name,
                        attrs,
                        line,
                        ..Node::default()
                    });
                }
                Ev::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.text.push_str(&t);
                    }
                }
                Ev::End => {
                    let done = stack.pop().unwrap_or_default();
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Ev::Eof => return Err(self.error("unexpected end of file")),
            }
        }
    }

    /// Skips the rest of the element whose `Start` was just returned.
    pub(crate) fn skip(&mut self) -> Result<(), WatchlistError> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Ev::Start { .. } => depth += 1,
                Ev::End => depth -= 1,
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.error("unexpected end of file")),
            }
        }
        Ok(())
    }
}
