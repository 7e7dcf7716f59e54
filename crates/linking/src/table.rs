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

/// Records prepared once for every step: values trimmed, lower-cased and nulls recognised,
/// stored column by column. Record indices (`u32`) are positions in this table; in link mode
/// table A's records come first.
#[derive(Debug, Clone)]
pub struct Table {
    mode: Mode,
    ids: Vec<String>,
    n_a: u32,
    columns: Vec<String>,
    column_index: HashMap<String, usize>,
    values: Vec<Vec<Option<Box<str>>>>,
}

impl Table {
    /// One table to deduplicate.
    pub fn dedupe(records: &[Record]) -> Table {
        Table::build(Mode::Dedupe, records, &[])
    }

    /// Two tables to link: indices `0..a.len()` are A's records, then B's.
    pub fn link(a: &[Record], b: &[Record]) -> Table {
        Table::build(Mode::Link, a, b)
    }

    fn build(mode: Mode, a: &[Record], b: &[Record]) -> Table {
        let mut columns: Vec<String> = Vec::new();
        let mut column_index: HashMap<String, usize> = HashMap::new();
        let n = a.len() + b.len();
        assert!(
            u32::try_from(n).is_ok(),
            "a table holds at most u32::MAX records"
        );
        let mut values: Vec<Vec<Option<Box<str>>>> = Vec::new();
        let mut ids = Vec::with_capacity(n);
        for (row, record) in a.iter().chain(b).enumerate() {
            ids.push(record.id.clone());
            for (field, raw) in &record.fields {
                let col = *column_index.entry(field.clone()).or_insert_with(|| {
                    columns.push(field.clone());
                    values.push(vec![None; n]);
                    columns.len() - 1
                });
                values[col][row] = clean(raw).map(String::into_boxed_str);
            }
        }
        Table {
            mode,
            ids,
            n_a: a.len() as u32,
            columns,
            column_index,
            values,
        }
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
        self.ids.is_empty()
    }

    /// Number of records in table A (all records in dedupe mode).
    pub fn len_a(&self) -> usize {
        match self.mode {
            Mode::Dedupe => self.ids.len(),
            Mode::Link => self.n_a as usize,
        }
    }

    /// The caller's id of record `i`.
    pub fn id(&self, i: u32) -> &str {
        &self.ids[i as usize]
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
        self.values[col][i as usize].as_deref()
    }
}

/// Trims, lower-cases and folds whitespace runs; empty and [`NULL_TOKENS`] become `None`.
pub fn clean(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() || NULL_TOKENS.contains(&out.as_str()) {
        None
    } else {
        Some(out)
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
