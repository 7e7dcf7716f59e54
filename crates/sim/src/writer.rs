//! Streaming CSV output.
//!
//! The big tables (sign-ins, activity, endpoint) run to millions of rows, so rows are
//! formatted by hand into one reusable line buffer and written through a large
//! [`BufWriter`]. Quoting follows RFC 4180: a field is quoted only when it holds a
//! comma, a double quote or a line break, and inner quotes are doubled.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::time;
use crate::SimError;

/// One CSV file being written row by row.
pub struct Table {
    name: &'static str,
    path: PathBuf,
    out: BufWriter<File>,
    columns: usize,
    rows: u64,
    line: String,
    fields: usize,
}

/// Appends `value` to `line` with RFC 4180 quoting when needed.
pub fn push_field(line: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        line.push('"');
        for c in value.chars() {
            if c == '"' {
                line.push('"');
            }
            line.push(c);
        }
        line.push('"');
    } else {
        line.push_str(value);
    }
}

impl Table {
    /// Creates `dir/name` and writes the header row.
    pub fn create(dir: &Path, name: &'static str, header: &[&str]) -> Result<Self, SimError> {
        let path = dir.join(name);
        let file = File::create(&path).map_err(|source| SimError::Io {
            path: path.clone(),
            source,
        })?;
        let mut table = Table {
            name,
            path,
            out: BufWriter::with_capacity(1 << 20, file),
            columns: header.len(),
            rows: 0,
            line: String::with_capacity(512),
            fields: 0,
        };
        for h in header {
            table.s(h);
        }
        table.finish_line()?;
        table.rows = 0;
        Ok(table)
    }

    fn sep(&mut self) {
        if self.fields > 0 {
            self.line.push(',');
        }
        self.fields += 1;
    }

    /// Appends a text field.
    pub fn s(&mut self, value: &str) -> &mut Self {
        self.sep();
        push_field(&mut self.line, value);
        self
    }

    /// Appends an optional text field (blank when `None`).
    pub fn o(&mut self, value: Option<&str>) -> &mut Self {
        self.s(value.unwrap_or(""))
    }

    /// Appends an integer field.
    pub fn n(&mut self, value: i64) -> &mut Self {
        self.sep();
        let _ = write!(self.line, "{value}");
        self
    }

    /// Appends a money amount with two decimals.
    pub fn money(&mut self, cents: i64) -> &mut Self {
        self.sep();
        let _ = write!(self.line, "{}.{:02}", cents / 100, cents % 100);
        self
    }

    /// Appends an RFC 3339 timestamp in UTC.
    pub fn ts(&mut self, t: i64) -> &mut Self {
        self.sep();
        time::push_rfc3339(&mut self.line, t, 0);
        self
    }

    /// Appends an RFC 3339 timestamp written with a local offset (minutes).
    pub fn ts_off(&mut self, t: i64, offset_min: i32) -> &mut Self {
        self.sep();
        time::push_rfc3339(&mut self.line, t, offset_min);
        self
    }

    /// Appends an optional timestamp in UTC.
    pub fn ots(&mut self, t: Option<i64>) -> &mut Self {
        match t {
            Some(t) => self.ts(t),
            None => self.s(""),
        }
    }

    /// Appends a `YYYY-MM-DD` date from a day count.
    pub fn date(&mut self, days: i64) -> &mut Self {
        self.sep();
        time::push_date(&mut self.line, days);
        self
    }

    /// Ends the current row and writes it.
    pub fn end(&mut self) -> Result<(), SimError> {
        debug_assert_eq!(
            self.fields, self.columns,
            "{}: wrong column count",
            self.name
        );
        self.finish_line()?;
        self.rows += 1;
        Ok(())
    }

    fn finish_line(&mut self) -> Result<(), SimError> {
        self.line.push('\n');
        let res = self.out.write_all(self.line.as_bytes());
        self.line.clear();
        self.fields = 0;
        res.map_err(|source| SimError::Io {
            path: self.path.clone(),
            source,
        })
    }

    /// Flushes the file; returns `(name, rows)`.
    pub fn close(mut self) -> Result<(String, u64), SimError> {
        self.out.flush().map_err(|source| SimError::Io {
            path: self.path.clone(),
            source,
        })?;
        Ok((self.name.to_string(), self.rows))
    }
}

#[cfg(test)]
mod tests {
    use super::push_field;

    #[test]
    fn quoting() {
        let mut s = String::new();
        push_field(&mut s, "plain");
        assert_eq!(s, "plain");
        s.clear();
        push_field(&mut s, "a, b");
        assert_eq!(s, "\"a, b\"");
        s.clear();
        push_field(&mut s, "say \"hi\"");
        assert_eq!(s, "\"say \"\"hi\"\"\"");
        s.clear();
        push_field(&mut s, "two\nlines");
        assert_eq!(s, "\"two\nlines\"");
    }
}
