//! Tables given in memory rather than as files: the rows of one request (a candidate sent
//! to the analyst service), as JSON objects. They are checked exactly as the same records in
//! JSON Lines files would be, so a row the loader refuses is refused here with the same
//! message, and the engines read the result like any loaded dataset.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::builder::{AnyPerson, PersonIndex};
use crate::error::{LoadError, RowError};
use crate::resolve::Resolver;
use crate::schema::{table_spec, TableSpec};
use crate::source::{JsonColumns, RowContext, RowSink};
use crate::{Dataset, LoadedTable};

/// One table's rows, given in memory.
#[derive(Debug, Clone, Copy)]
pub struct MemoryTable<'a> {
    /// The table of the contract (`people`, `contacts`, …).
    pub table: &'a str,
    /// What errors and evidence refs call its rows' source: `contacts` gives
    /// `contacts:2` for the second row.
    pub file: &'a str,
    /// The rows, one JSON object each (as one line of a JSON Lines file).
    pub rows: &'a [Map<String, Value>],
}

/// Person ids the rows may refer to: the people given, and anyone `known` accepts.
struct People<'a> {
    given: HashSet<String>,
    known: &'a (dyn Fn(&str) -> bool + Sync),
}

impl PersonIndex for People<'_> {
    fn contains(&self, person_id: &str) -> bool {
        self.given.contains(person_id) || (self.known)(person_id)
    }
}

/// Loads tables given in memory strictly, as [`crate::load_dataset`] loads JSON Lines files
/// of the same records: `people` first, then `contacts` (which map sign-in accounts and
/// devices to people), then the rest; a row's line is its place in its list, from 1. A
/// person reference must name someone in the `people` rows given or someone `known`
/// accepts. The dataset holds only the tables given.
pub fn load_rows(
    tables: &[MemoryTable<'_>],
    known: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Dataset, LoadError> {
    let mut specs: Vec<(&'static TableSpec, &MemoryTable<'_>)> = Vec::with_capacity(tables.len());
    for given in tables {
        let spec = table_spec(given.table).ok_or_else(|| {
            LoadError::Row(RowError {
                file: given.file.to_string(),
                line: 0,
                column: None,
                message: format!("{:?} is not a table of the dataset contract", given.table),
            })
        })?;
        specs.push((spec, given));
    }
    // People first, contacts next, the rest in the order given.
    specs.sort_by_key(|(spec, _)| match spec.name {
        "people" => 0,
        "contacts" => 1,
        _ => 2,
    });
    let mut loaded: Vec<LoadedTable> = Vec::with_capacity(specs.len());
    let mut people = People {
        given: HashSet::new(),
        known,
    };
    let mut resolver: Option<Resolver> = None;
    for (spec, given) in specs {
        let table = {
            let any = AnyPerson;
            let ctx = RowContext {
                people: if spec.name == "people" { &any } else { &people },
                resolver: resolver.as_ref(),
                lenient: false,
            };
            load_table(spec, given, &ctx)?
        };
        match spec.name {
            "people" => people.given = person_ids(given.rows),
            "contacts" => resolver = Some(Resolver::from_contacts(&table.batches)),
            _ => {}
        }
        loaded.push(table);
    }
    Ok(Dataset {
        dir: PathBuf::new(),
        tables: loaded,
        unrecognised: Vec::new(),
    })
}

/// One table's rows through the JSON Lines reader's checks.
fn load_table(
    spec: &'static TableSpec,
    given: &MemoryTable<'_>,
    ctx: &RowContext<'_>,
) -> Result<LoadedTable, LoadError> {
    let mut sink = RowSink::new(given.file, spec, ctx).with_rows_hint(given.rows.len());
    let mut columns = JsonColumns::default();
    for (index, row) in given.rows.iter().enumerate() {
        columns.row(&mut sink, index as u64 + 1, row)?;
    }
    columns.finish(&mut sink)?;
    Ok(sink.finish())
}

/// The `person_id`s of `people` rows (already checked).
fn person_ids(rows: &[Map<String, Value>]) -> HashSet<String> {
    rows.iter()
        .filter_map(|row| row.get("person_id").and_then(Value::as_str))
        .map(|id| id.trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rows(value: Value) -> Vec<Map<String, Value>> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_object().unwrap().clone())
            .collect()
    }

    #[test]
    fn rows_in_memory_load_like_json_lines_and_refuse_what_files_would() {
        let people = rows(json!([{"person_id": "C1", "full_name": "Dee Vance",
                                  "date_of_birth": "1990-02-03"}]));
        let contacts = rows(json!([
            {"person_id": "C1", "kind": "email", "value": "dee@example.org"},
            {"person_id": "C1", "kind": "phone", "value": "+1 415 555 0100"}
        ]));
        let known = |id: &str| id == "P7";
        let dataset = load_rows(
            &[
                MemoryTable {
                    table: "contacts",
                    file: "contacts",
                    rows: &contacts,
                },
                MemoryTable {
                    table: "people",
                    file: "person",
                    rows: &people,
                },
            ],
            &known,
        )
        .unwrap();
        let table = dataset.table("contacts").unwrap();
        assert_eq!(table.rows, 2);
        assert_eq!(table.row_ref(2), "contacts:2");
        assert_eq!(dataset.table("people").unwrap().rows, 1);
        assert!(dataset.table("payments").is_none());

        // A bad date names the list, the row and the column.
        let bad = rows(json!([{"person_id": "C1", "full_name": "X", "date_of_birth": "soon"}]));
        let error = load_rows(
            &[MemoryTable {
                table: "people",
                file: "person",
                rows: &bad,
            }],
            &known,
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.starts_with("person:1: column `date_of_birth`"),
            "{error}"
        );

        // References reach the people given and the known ones, nobody else.
        let referrals = rows(json!([{"referrer_id": "P7", "referee_id": "C1"}]));
        let strangers = rows(json!([{"referrer_id": "P8", "referee_id": "C1"}]));
        let with = |referrals: &[Map<String, Value>]| {
            load_rows(
                &[
                    MemoryTable {
                        table: "people",
                        file: "person",
                        rows: &people,
                    },
                    MemoryTable {
                        table: "referrals",
                        file: "referrals",
                        rows: referrals,
                    },
                ],
                &known,
            )
        };
        assert!(with(&referrals).is_ok());
        let error = with(&strangers).unwrap_err().to_string();
        assert!(error.contains("unknown person_id \"P8\""), "{error}");

        let error = load_rows(
            &[MemoryTable {
                table: "nonsense",
                file: "nonsense",
                rows: &[],
            }],
            &known,
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("not a table"), "{error}");
    }
}
