//! Resolves rows that name a person indirectly: a sign-in by `account` (an email or
//! username from `contacts`) and an endpoint row by `device_id` (a `device_id` contact).

use crate::builder::CellError;
use crate::schema::TableSpec;
use datafusion::arrow::array::{Array, StringArray};
use datafusion::arrow::record_batch::RecordBatch;
use std::collections::HashMap;

/// Identifiers to people, hashed with foldhash: every sign-in row is looked up here.
type ByKey = HashMap<String, Owners, foldhash::fast::RandomState>;

/// The people an identifier belongs to. Nearly always one, whose id is kept in the map's own
/// slot when it is short: a sign-in log looks up every row's account among a hundred thousand,
/// and a list of ids on the heap would be two more cache misses a row.
#[derive(Debug)]
enum Owners {
    /// One person, with an id of at most [`SHORT_ID`] bytes.
    OneShort { len: u8, bytes: [u8; SHORT_ID] },
    /// Any number of people, or one with a longer id.
    Listed(Vec<String>),
}

/// Longest person id kept inside the map.
const SHORT_ID: usize = 22;

impl Owners {
    fn of(id: &str) -> Self {
        if id.len() > SHORT_ID {
            return Owners::Listed(vec![id.to_string()]);
        }
        let mut bytes = [0u8; SHORT_ID];
        bytes[..id.len()].copy_from_slice(id.as_bytes());
        Owners::OneShort {
            len: id.len() as u8,
            bytes,
        }
    }

    /// Adds `id` unless it is there already.
    fn add(&mut self, id: &str) {
        if self.found().contains(id) {
            return;
        }
        let mut all: Vec<String> = match self.found() {
            Found::One(one) => vec![one.to_string()],
            Found::Many(many) => many.to_vec(),
        };
        all.push(id.to_string());
        *self = Owners::Listed(all);
    }

    fn found(&self) -> Found<'_> {
        match self {
            Owners::OneShort { len, bytes } => Found::One(
                std::str::from_utf8(&bytes[..*len as usize])
                    .expect("kept from a str, cut at its end"),
            ),
            Owners::Listed(ids) => match ids.as_slice() {
                [one] => Found::One(one),
                many => Found::Many(many),
            },
        }
    }
}

/// The people `contacts` names for an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found<'a> {
    /// Exactly one person.
    One(&'a str),
    /// Several people (never fewer than two).
    Many(&'a [String]),
}

impl Found<'_> {
    /// Whether `id` is among them.
    fn contains(&self, id: &str) -> bool {
        match self {
            Found::One(one) => *one == id,
            Found::Many(many) => many.iter().any(|p| p == id),
        }
    }
}

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
                let id = person.value(row);
                map.entry(key(value.value(row)))
                    .and_modify(|owners| owners.add(id))
                    .or_insert_with(|| Owners::of(id));
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
    pub fn people_of(&self, table: &str, raw: &str) -> Option<Found<'_>> {
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
        found.map(Owners::found)
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
            Some(Found::One(one)) => Ok(one.to_string()),
            Some(Found::Many(many)) => Err(CellError {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_keep_every_person_once_whatever_the_id_length() {
        let long = "person-0000-0000-0000-0000-0001";
        let mut owners = Owners::of("P1");
        assert_eq!(owners.found(), Found::One("P1"));
        owners.add("P1");
        assert_eq!(
            owners.found(),
            Found::One("P1"),
            "the same person twice is one"
        );
        owners.add(long);
        assert_eq!(
            owners.found(),
            Found::Many(&["P1".to_string(), long.to_string()])
        );
        owners.add(long);
        assert!(matches!(owners.found(), Found::Many(many) if many.len() == 2));

        let mut owners = Owners::of(long);
        assert_eq!(owners.found(), Found::One(long));
        owners.add("P2");
        assert_eq!(
            owners.found(),
            Found::Many(&[long.to_string(), "P2".to_string()])
        );
        let exactly_short = "x".repeat(SHORT_ID);
        assert_eq!(
            Owners::of(&exactly_short).found(),
            Found::One(exactly_short.as_str())
        );
    }
}
