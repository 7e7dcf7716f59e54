//! Records as callers give them, and the prepared [`Table`] every step reads.

use std::collections::HashMap;

/// Values treated as missing after trimming and lower-casing (besides the empty string).
pub const NULL_TOKENS: &[&str] = &["na", "n/a", "null", "nan", "none"];

/// One row of named string fields with the caller's id (e.g. `given_name`, `surname`, `dob`,
/// `postcode`, `phone`, `email`). Field names absent from a record are null.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The caller's id, echoed in explanations and kept out of every comparison.
    pub id: String,
    /// `(field name, raw value)` pairs.
    pub fields: Vec<(String, String)>,
}

impl Record {
    /// A record with no fields yet.
    pub fn new(id: impl Into<String>) -> Record {
        Record {
            id: id.into(),
            fields: Vec::new(),
        }
    }

    /// Adds a field (builder style).
    pub fn with(mut self, field: impl Into<String>, value: impl Into<String>) -> Record {
        self.fields.push((field.into(), value.into()));
        self
    }

    /// The raw value of `field`, if present.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_str())
    }
}

/// Whether pairs are sought within one table or only across two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One table: every pair `(a, b)` with `a < b` may match.
    Dedupe,
    /// Two tables, A then B: only pairs with `a` in A and `b` in B may match.
    Link,
}

/// A column of optional strings in one buffer: a few bytes of overhead per value instead of
/// a heap allocation each, which is what lets a million-row table fit in memory budgets.
#[derive(Debug, Clone, Default)]
pub(crate) struct StrColumn {
    data: String,
    /// End offset of each value in `data` (its start is the previous end).
    ends: Vec<u32>,
    present: Vec<bool>,
}

impl StrColumn {
    pub(crate) fn with_capacity(rows: usize) -> StrColumn {
        StrColumn {
            data: String::new(),
            ends: Vec::with_capacity(rows),
            present: Vec::with_capacity(rows),
        }
    }

    /// Appends a value as is.
    pub(crate) fn push(&mut self, value: Option<&str>) {
        if let Some(v) = value {
            self.data.push_str(v);
        }
        self.finish(value.is_some());
    }

    /// Appends the [`clean`]ed form of a raw value.
    fn push_clean(&mut self, raw: &str) {
        let start = self.data.len();
        clean_into(raw, &mut self.data);
        let present = match &self.data[start..] {
            "" => false,
            v if NULL_TOKENS.contains(&v) => {
                self.data.truncate(start);
                false
            }
            _ => true,
        };
        self.finish(present);
    }

    fn finish(&mut self, present: bool) {
        let end = u32::try_from(self.data.len()).expect("a column holds at most 4 GiB of text");
        self.ends.push(end);
        self.present.push(present);
    }

    /// The value of row `i` (`None` = null).
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        if !self.present[i] {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.data[start..self.ends[i] as usize])
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Every row's value, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Option<&str>> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Builds a [`Table`] row by row from a fixed list of columns (e.g. straight from a CSV
/// reader), without a [`Record`] per row.
///
/// ```
/// use redflag_linking::TableBuilder;
/// let mut b = TableBuilder::new(&["given_name", "dob"]);
/// b.push("r1", &[Some(" Mary "), Some("1990-01-02")]);
/// b.push("r2", &[Some("NA"), None]);
/// let t = b.dedupe();
/// assert_eq!(t.value(0, 0), Some("mary"));
/// assert_eq!(t.value(0, 1), None);
/// ```
#[derive(Debug, Clone)]
pub struct TableBuilder {
    columns: Vec<String>,
    ids: StrColumn,
    values: Vec<StrColumn>,
}

impl TableBuilder {
    /// A builder for rows with these columns, in this order.
    pub fn new<S: AsRef<str>>(columns: &[S]) -> TableBuilder {
        TableBuilder {
            columns: columns.iter().map(|c| c.as_ref().to_string()).collect(),
            ids: StrColumn::default(),
            values: columns.iter().map(|_| StrColumn::default()).collect(),
        }
    }

    /// Appends a row: the caller's id and one raw value per column (missing trailing values
    /// are null, extra ones ignored). Values are cleaned as [`clean`] does.
    pub fn push(&mut self, id: &str, values: &[Option<&str>]) {
        self.ids.push(Some(id));
        for (col, column) in self.values.iter_mut().enumerate() {
            match values.get(col).copied().flatten() {
                Some(raw) => column.push_clean(raw),
                None => column.push(None),
            }
        }
    }

    /// Rows pushed so far.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no row was pushed.
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }

    /// One table to deduplicate.
    pub fn dedupe(self) -> Table {
        self.finish(Mode::Dedupe, 0)
    }

    /// Two tables to link: the first `len_a` rows are table A, the rest table B.
    pub fn link(self, len_a: usize) -> Table {
        let len_a = len_a.min(self.len());
        self.finish(Mode::Link, len_a)
    }

    fn finish(self, mode: Mode, len_a: usize) -> Table {
        assert!(
            u32::try_from(self.len()).is_ok(),
            "a table holds at most u32::MAX records"
        );
        let column_index = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), i))
            .collect();
        Table {
            mode,
            n_a: len_a as u32,
            ids: self.ids,
            columns: self.columns,
            column_index,
            values: self.values,
        }
    }
}

/// Records prepared once for every step: values trimmed, lower-cased and nulls recognised,
/// stored column by column. Record indices (`u32`) are positions in this table; in link mode
/// table A's records come first.
#[derive(Debug, Clone)]
pub struct Table {
    mode: Mode,
    ids: StrColumn,
    n_a: u32,
    columns: Vec<String>,
    column_index: HashMap<String, usize>,
    values: Vec<StrColumn>,
}

impl Table {
    /// One table to deduplicate.
    pub fn dedupe(records: &[Record]) -> Table {
        Table::build(records, &[]).dedupe()
    }

    /// Two tables to link: indices `0..a.len()` are A's records, then B's.
    pub fn link(a: &[Record], b: &[Record]) -> Table {
        Table::build(a, b).link(a.len())
    }

    fn build(a: &[Record], b: &[Record]) -> TableBuilder {
        // Columns in first-seen order, then one row per record (a field given twice keeps
        // its last value).
        let mut columns: Vec<&str> = Vec::new();
        for record in a.iter().chain(b) {
            for (field, _) in &record.fields {
                if !columns.contains(&field.as_str()) {
                    columns.push(field);
                }
            }
        }
        let mut builder = TableBuilder::new(&columns);
        let mut row: Vec<Option<&str>> = Vec::with_capacity(columns.len());
        for record in a.iter().chain(b) {
            row.clear();
            row.extend(columns.iter().map(|c| {
                record
                    .fields
                    .iter()
                    .rev()
                    .find(|(f, _)| f == c)
                    .map(|(_, v)| v.as_str())
            }));
            builder.push(&record.id, &row);
        }
        builder
    }

    /// Dedupe or link.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Number of records (A and B together in link mode).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the table has no records.
    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }

    /// Number of records in table A (all records in dedupe mode).
    pub fn len_a(&self) -> usize {
        match self.mode {
            Mode::Dedupe => self.len(),
            Mode::Link => self.n_a as usize,
        }
    }

    /// The caller's id of record `i`.
    pub fn id(&self, i: u32) -> &str {
        self.ids.get(i as usize).unwrap_or_default()
    }

    /// 0 for table A (and every record in dedupe mode), 1 for table B.
    pub fn source(&self, i: u32) -> u8 {
        u8::from(self.mode == Mode::Link && i >= self.n_a)
    }

    /// Whether `(a, b)` is a pair this mode may match (`a < b`, and across tables in link mode).
    pub fn is_valid_pair(&self, a: u32, b: u32) -> bool {
        a < b && (self.mode == Mode::Dedupe || (a < self.n_a && b >= self.n_a))
    }

    /// Field names seen in any record, in first-seen order.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Column position of `field`, if any record has it.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.column_index.get(field).copied()
    }

    /// Cleaned value of column `col` for record `i` (`None` = null).
    pub fn value(&self, col: usize, i: u32) -> Option<&str> {
        self.values[col].get(i as usize)
    }
}

/// Trims, lower-cases and folds whitespace runs; empty and [`NULL_TOKENS`] become `None`.
pub fn clean(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    clean_into(raw, &mut out);
    if out.is_empty() || NULL_TOKENS.contains(&out.as_str()) {
        None
    } else {
        Some(out)
    }
}

/// Appends the trimmed, lower-cased, space-folded form of `raw` to `out`.
fn clean_into(raw: &str, out: &mut String) {
    let start = out.len();
    for word in raw.split_whitespace() {
        if out.len() > start {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_and_nulls() {
        assert_eq!(clean("  Mary  Ann "), Some("mary ann".into()));
        assert_eq!(clean("NA"), None);
        assert_eq!(clean("   "), None);
        let t = Table::dedupe(&[
            Record::new("1").with("name", "X"),
            Record::new("2").with("dob", "1990"),
        ]);
        assert_eq!(t.value(t.column("name").unwrap(), 0), Some("x"));
        assert_eq!(t.value(t.column("name").unwrap(), 1), None);
    }

    #[test]
    fn link_mode_pairs_cross_only() {
        let a = [Record::new("a0"), Record::new("a1")];
        let b = [Record::new("b0")];
        let t = Table::link(&a, &b);
        assert!(t.is_valid_pair(0, 2));
        assert!(!t.is_valid_pair(0, 1));
        assert_eq!(t.source(2), 1);
        assert_eq!(t.len_a(), 2);
    }
}
