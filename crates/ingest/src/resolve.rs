//! Resolves rows that name a person indirectly: a sign-in by `account` (an email or
//! username from `contacts`) and an endpoint row by `device_id` (a `device_id` contact).

use crate::builder::CellError;
use crate::schema::TableSpec;
use datafusion::arrow::array::{Array, StringArray};
use datafusion::arrow::record_batch::RecordBatch;
use std::collections::HashMap;

/// Identifiers to people, hashed with foldhash: every sign-in row is looked up here.
type ByKey = HashMap<String, Vec<String>, foldhash::fast::RandomState>;

/// Maps identifiers from `contacts` to the people who gave them.
#[derive(Debug, Default)]
pub struct Resolver {
    accounts: ByKey,
    devices: ByKey,
}

/// Key used to compare accounts and device ids: trimmed and case-folded.
fn key(raw: &str) -> String {
    raw.trim().to_lowercase()
}

impl Resolver {
    /// Builds the maps from the `contacts` table's batches.
    pub fn from_contacts(batches: &[RecordBatch]) -> Self {
        let mut resolver = Resolver::default();
        for batch in batches {
            let column = |name: &str| {
                batch
                    .column_by_name(name)
                    .and_then(|c| c.as_any().downcast_ref::<StringArray>())
            };
            let (Some(person), Some(kind), Some(value)) =
                (column("person_id"), column("kind"), column("value"))
            else {
                continue;
            };
            for row in 0..batch.num_rows() {
                if person.is_null(row) || kind.is_null(row) || value.is_null(row) {
                    continue;
                }
                let map = match kind.value(row) {
                    "device_id" => &mut resolver.devices,
                    "email" | "github" | "linkedin" | "phone" => &mut resolver.accounts,
                    _ => continue,
                };
                let people = map.entry(key(value.value(row))).or_default();
                let id = person.value(row);
                if !people.iter().any(|p| p == id) {
                    people.push(id.to_string());
                }
            }
        }
        resolver
    }

    /// Whether rows of `table` without a `person_id` are resolved through `contacts`
    /// (`signins` by account, `endpoint` by device id). Other tables' optional `person_id`
    /// (`allowed_tools`) stays empty.
    pub fn resolves(table: &str) -> bool {
        matches!(table, "signins" | "endpoint")
    }

    /// The people `contacts` names for this account (`signins`) or device id (`endpoint`);
    /// `None` when it names nobody.
    pub fn people_of(&self, table: &str, raw: &str) -> Option<&[String]> {
        let map = match table {
            "signins" => &self.accounts,
            "endpoint" => &self.devices,
            _ => return None,
        };
        let raw = raw.trim();
        // Most accounts are already in their key's form: look them up without a copy.
        let found = if raw.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            map.get(&key(raw))
        } else {
            map.get(raw)
        };
        found.map(Vec::as_slice).filter(|people| !people.is_empty())
    }

    /// The person a `signins` or `endpoint` row without `person_id` belongs to.
    pub fn resolve<'a>(
        &self,
        table: &str,
        spec: &TableSpec,
        cell: &impl Fn(usize) -> Option<&'a str>,
    ) -> Result<String, CellError> {
        let column = match table {
            "signins" => "account",
            "endpoint" => "device_id",
            _ => {
                return Err(CellError {
                    column: "person_id".into(),
                    message: "required value is empty".into(),
                })
            }
        };
        let index = spec.columns.iter().position(|c| c.name == column);
        let raw = index.and_then(cell).map(str::trim).unwrap_or("");
        if raw.is_empty() {
            return Err(CellError {
                column: "person_id".into(),
                message: format!("needs a person_id or an {column}"),
            });
        }
        match self.people_of(table, raw) {
            Some([one]) => Ok(one.clone()),
            Some(many) => Err(CellError {
                column: column.into(),
                message: format!(
                    "{column} {raw:?} belongs to several people in contacts ({}); give person_id",
                    many.join(", ")
                ),
            }),
            None => Err(CellError {
                column: column.into(),
                message: format!("{column} {raw:?} is not in contacts, and person_id is empty"),
            }),
        }
    }
}
