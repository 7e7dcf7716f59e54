//! Rows ingested over the API: the server's durable copy of the dataset, from which it
//! screens.
//!
//! A batch of one table's rows is stored in one transaction, so a batch is either wholly
//! kept or not at all, and a batch that was acknowledged survives a crash. Rows are
//! idempotent by id: a table with an id column ([`id_column`]) replaces the row with the same
//! id; in other tables a row is identified by its whole content, so sending the same rows
//! twice keeps one copy.

use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::db::{params, Lock, Sql};
use crate::digest::{hex, sha256};
use crate::{now, Result, Store, StoreError};

/// One row: column name → value.
pub type Row = Map<String, Value>;

/// What storing a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    /// The table.
    pub table: String,
    /// Rows in the batch.
    pub received: usize,
    /// Rows new to the store.
    pub added: usize,
    /// Rows that replaced a different row with the same id.
    pub replaced: usize,
    /// Rows already stored exactly as sent.
    pub unchanged: usize,
}

/// The column that identifies a row of `table`, for tables whose rows have one.
pub fn id_column(table: &str) -> Option<&'static str> {
    match table {
        "people" => Some("person_id"),
        "interviews" => Some("interview_id"),
        "payments" => Some("payment_id"),
        "messages" => Some("message_id"),
        _ => None,
    }
}

/// The row's key: its id, or a digest of its content (a `Map` serialises its keys sorted).
fn row_key(table: &str, row: &Row, json: &str) -> String {
    let id = id_column(table)
        .and_then(|c| row.get(c))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|id| !id.is_empty());
    match id {
        Some(id) => format!("id:{id}"),
        None => {
            format!("sha256:{}", hex(&sha256(json)))
        }
    }
}

/// `value` as a CSV cell.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Store {
    /// Stores a batch of `table`'s rows in one transaction, audited as `actor`'s. Batches
    /// are stored one at a time, also by servers sharing a PostgreSQL database, so that the
    /// arrival order is one sequence and a row sent by two at once is kept once.
    pub fn ingest_rows(&self, table: &str, rows: &[Row], actor: &str) -> Result<IngestSummary> {
        let mut summary = IngestSummary {
            table: table.to_string(),
            received: rows.len(),
            ..IngestSummary::default()
        };
        let mut conn = self.conn()?;
        let mut tx = conn.writer(Lock::Ingest)?;
        let at = now();
        const FIND: &str = "SELECT row_json FROM ingested WHERE table_name = ?1 AND row_key = ?2";
        const PUT: &str = "INSERT INTO ingested (table_name, row_key, row_json, seq, ingested_at)
             VALUES (?1, ?2, ?3, ?5, ?4)
             ON CONFLICT (table_name, row_key) DO UPDATE SET
               row_json = excluded.row_json, ingested_at = excluded.ingested_at";
        // Arrival order, counted on from the newest stored row (one look-up per batch).
        let mut seq: i64 = tx.query_one(
            "SELECT coalesce(max(seq), 0) FROM ingested",
            params![],
            |r| r.get(0),
        )?;
        for row in rows {
            seq += 1;
            let json = serde_json::to_string(row)?;
            let key = row_key(table, row, &json);
            let old: Option<String> = tx.query_opt(FIND, params![table, key], |r| r.get(0))?;
            match old {
                Some(old) if old == json => summary.unchanged += 1,
                Some(_) => {
                    tx.execute(PUT, params![table, key, json, at, seq])?;
                    summary.replaced += 1;
                }
                None => {
                    tx.execute(PUT, params![table, key, json, at, seq])?;
                    summary.added += 1;
                }
            }
        }
        crate::audit::append(
            &mut tx,
            actor,
            "ingest",
            &format!("{table}: {} rows", rows.len()),
        )?;
        tx.commit()?;
        Ok(summary)
    }

    /// The stored rows of `table`, in the order they first arrived.
    pub fn ingested_rows(&self, table: &str) -> Result<Vec<Row>> {
        self.conn()?.query(
            "SELECT row_json FROM ingested WHERE table_name = ?1 ORDER BY seq",
            params![table],
            |r| Ok(serde_json::from_str(&r.get::<String>(0)?)?),
        )
    }

    /// Tables with stored rows.
    pub fn ingested_tables(&self) -> Result<Vec<String>> {
        self.conn()?.query(
            "SELECT DISTINCT table_name FROM ingested ORDER BY table_name",
            params![],
            |r| r.get(0),
        )
    }

    /// Writes every stored table but `except` into `dir` as `<table>.csv`, the columns being
    /// every column any row has; returns the tables and their row counts.
    pub fn export_ingested(
        &self,
        dir: &Path,
        except: Option<&str>,
    ) -> Result<Vec<(String, usize)>> {
        let mut written = Vec::new();
        for table in self.ingested_tables()? {
            if except == Some(table.as_str()) {
                continue;
            }
            let rows = self.ingested_rows(&table)?;
            write_csv(&dir.join(format!("{table}.csv")), &rows)?;
            written.push((table, rows.len()));
        }
        Ok(written)
    }
}

/// Writes rows as CSV: the id column first (when the table has one), then the others in
/// name order.
pub fn write_csv(path: &Path, rows: &[Row]) -> Result<()> {
    let mut columns: Vec<&str> = Vec::new();
    for row in rows {
        for key in row.keys() {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    columns.sort();
    let table = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if let Some(id) = id_column(table) {
        if let Some(at) = columns.iter().position(|c| *c == id) {
            let id = columns.remove(at);
            columns.insert(0, id);
        }
    }
    let io =
        |e: std::io::Error| StoreError::Invalid(format!("cannot write {}: {e}", path.display()));
    let mut out = String::new();
    let quote = |s: &str| -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    out.push_str(
        &columns
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| quote(&row.get(*c).map(cell).unwrap_or_default()))
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    std::fs::write(path, out).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pairs: &[(&str, &str)]) -> Row {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect()
    }

    #[test]
    fn batches_are_idempotent_by_id_or_content() {
        crate::testing::each_backend("ingested::batches_are_idempotent", |db| {
            let store = db.open();
            let people = [
                row(&[("person_id", "P1"), ("full_name", "Ana Diaz")]),
                row(&[("person_id", "P2"), ("full_name", "Bo Lee")]),
            ];
            let first = store.ingest_rows("people", &people, "test").unwrap();
            assert_eq!((first.added, first.replaced, first.unchanged), (2, 0, 0));
            let again = store.ingest_rows("people", &people, "test").unwrap();
            assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, 2));
            let renamed = [row(&[("person_id", "P2"), ("full_name", "Bo Lee-Park")])];
            let changed = store.ingest_rows("people", &renamed, "test").unwrap();
            assert_eq!(changed.replaced, 1);
            let stored = store.ingested_rows("people").unwrap();
            assert_eq!(stored.len(), 2);
            assert_eq!(stored[1]["full_name"], "Bo Lee-Park");
            // No id column: the whole row identifies it.
            let contacts = [
                row(&[("person_id", "P1"), ("kind", "email"), ("value", "a@x.org")]),
                row(&[
                    ("person_id", "P1"),
                    ("kind", "phone"),
                    ("value", "+1 555 0100"),
                ]),
            ];
            store.ingest_rows("contacts", &contacts, "test").unwrap();
            let again = store
                .ingest_rows("contacts", &contacts[..1], "test")
                .unwrap();
            assert_eq!(again.unchanged, 1);
            assert_eq!(store.ingested_rows("contacts").unwrap().len(), 2);

            let dir = tempfile::tempdir().unwrap();
            let written = store.export_ingested(dir.path(), None).unwrap();
            assert_eq!(
                written,
                [("contacts".to_string(), 2), ("people".to_string(), 2)]
            );
            let other = tempfile::tempdir().unwrap();
            let written = store
                .export_ingested(other.path(), Some("contacts"))
                .unwrap();
            assert_eq!(written, [("people".to_string(), 2)]);
            assert!(!other.path().join("contacts.csv").exists());
            let people_csv = std::fs::read_to_string(dir.path().join("people.csv")).unwrap();
            assert_eq!(
                people_csv,
                "person_id,full_name\nP1,Ana Diaz\nP2,Bo Lee-Park\n"
            );
            let contacts_csv = std::fs::read_to_string(dir.path().join("contacts.csv")).unwrap();
            assert!(contacts_csv.starts_with("kind,person_id,value\n"));
        });
    }

    /// Servers sharing a database ingest the same rows at once: every row is kept once,
    /// every batch is counted whole, and the arrival order has no gaps or repeats.
    #[test]
    fn concurrent_batches_keep_each_row_once() {
        crate::testing::each_backend("ingested::concurrent_batches", |db| {
            let people: Vec<Row> = (0..40)
                .map(|i| {
                    let id = format!("P{i}");
                    row(&[("person_id", &id), ("full_name", "Same Name")])
                })
                .collect();
            let summaries: Vec<IngestSummary> = std::thread::scope(|scope| {
                let writers: Vec<_> = (0..4)
                    .map(|_| {
                        let store = db.open();
                        let people = &people;
                        scope.spawn(move || store.ingest_rows("people", people, "test").unwrap())
                    })
                    .collect();
                writers.into_iter().map(|w| w.join().unwrap()).collect()
            });
            let added: usize = summaries.iter().map(|s| s.added).sum();
            let unchanged: usize = summaries.iter().map(|s| s.unchanged).sum();
            assert_eq!((added, unchanged), (40, 120));
            let store = db.open();
            assert_eq!(store.ingested_rows("people").unwrap().len(), 40);
            let seqs: Vec<i64> = store
                .conn()
                .unwrap()
                .query("SELECT seq FROM ingested ORDER BY seq", params![], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(seqs, (1..=40).collect::<Vec<i64>>());
        });
    }
}
