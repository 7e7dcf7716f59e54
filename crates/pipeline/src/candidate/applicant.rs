//! The candidate's rows as a one-person dataset, checked by the loader, and the facts the
//! checks read often (name, country, vendor, contacts with their keys).

use redflag_ingest::{load_rows, Dataset, MemoryTable};
use redflag_model::PersonSummary;
use redflag_rules::rows::for_each_row;
use serde_json::{Map, Value};

use super::known::Known;
use super::{Candidate, CandidateError};

/// One contact the candidate gave.
pub(crate) struct Contact {
    /// `contacts.kind`.
    pub kind: String,
    /// The value as given.
    pub value: String,
    /// Its comparison key (`rf_contact_key`).
    pub key: Option<String>,
    /// `contacts:N`.
    pub reference: String,
}

/// A candidate, loaded.
pub(crate) struct Applicant {
    /// The id the candidate is shown under.
    pub id: String,
    /// The known person with the same id, who is not compared with the candidate (the same
    /// person screened again with new details).
    pub itself: Option<u32>,
    /// The candidate's rows as loaded tables (only the tables sent).
    pub dataset: Dataset,
    /// The `people` row as the report shows people.
    pub summary: PersonSummary,
    /// `people.claimed_country`.
    pub claimed_country: Option<String>,
    /// `people.employment_type`.
    pub employment_type: Option<String>,
    /// `people.vendor`.
    pub vendor: Option<String>,
    /// The `people` row's ref (`person:1`).
    pub person_ref: String,
    /// Every `contacts` row.
    pub contacts: Vec<Contact>,
}

impl Applicant {
    /// Loads the candidate's rows strictly; references may name anyone `known` holds. Rows of
    /// a table the index does not read are refused ([`CandidateError::FullOnly`]).
    pub fn load(candidate: &Candidate<'_>, known: &Known) -> Result<Applicant, CandidateError> {
        let id = candidate
            .person
            .get("person_id")
            .and_then(Value::as_str)
            .unwrap_or("candidate")
            .to_string();
        let with_id = |row: &Map<String, Value>| {
            let mut row = row.clone();
            row.insert("person_id".into(), Value::String(id.clone()));
            row
        };
        let people = vec![with_id(candidate.person)];
        let mut tables: Vec<(&str, Vec<Map<String, Value>>)> = Vec::new();
        for (table, rows) in candidate.rows {
            if table == "people" || redflag_ingest::schema::table_spec(table).is_none() {
                return Err(CandidateError::Table(table.clone()));
            }
            if !rows.is_empty() && !super::INDEXED_TABLES.contains(&table.as_str()) {
                return Err(CandidateError::FullOnly(table.clone()));
            }
            tables.push((table, rows.iter().map(with_id).collect()));
        }
        let mut memory = vec![MemoryTable {
            table: "people",
            file: "person",
            rows: &people,
        }];
        memory.extend(tables.iter().map(|(table, rows)| MemoryTable {
            table,
            file: table,
            rows,
        }));
        let dataset = load_rows(&memory, &|person: &str| known.contains(person))?;
        let mut applicant = Applicant {
            itself: known.index_of(&id),
            id,
            summary: crate::person_summaries(&dataset)
                .into_iter()
                .next()
                .unwrap_or_else(|| PersonSummary {
                    person_id: String::new(),
                    full_name: String::new(),
                    org: None,
                    status: None,
                    role: None,
                    claimed_country: None,
                }),
            claimed_country: None,
            employment_type: None,
            vendor: None,
            person_ref: String::new(),
            contacts: Vec::new(),
            dataset: Dataset {
                dir: Default::default(),
                tables: Vec::new(),
                unrecognised: Vec::new(),
            },
        };
        for_each_row(&dataset, "people", |row| {
            applicant.claimed_country = row.text("claimed_country").map(str::to_string);
            applicant.employment_type = row.text("employment_type").map(str::to_string);
            applicant.vendor = row.text("vendor").map(str::to_string);
            applicant.person_ref = row.reference();
        });
        for_each_row(&dataset, "contacts", |row| {
            let (Some(kind), Some(value)) = (row.text("kind"), row.text("value")) else {
                return;
            };
            applicant.contacts.push(Contact {
                kind: kind.to_string(),
                value: value.to_string(),
                key: redflag_rules::udf::contact_key(kind, value),
                reference: row.reference(),
            });
        });
        applicant.dataset = dataset;
        Ok(applicant)
    }

    /// The name the candidate gave.
    pub fn name(&self) -> &str {
        &self.summary.full_name
    }

    /// The contacts of any of `kinds`.
    pub fn contacts_of<'a>(&'a self, kinds: &'a [&str]) -> impl Iterator<Item = &'a Contact> {
        self.contacts
            .iter()
            .filter(move |c| kinds.contains(&c.kind.as_str()))
    }
}
