//! The watchlist engine as a table: every name, identifier and crypto address in the dataset
//! screened against the lists, one row per hit, for the `WL_*` rules to read as
//! `watchlist_hits`.
//!
//! What is screened (each distinct value once, however many rows carry it):
//!
//! | subject | from | how |
//! |---|---|---|
//! | `person` | `people.full_name` with `date_of_birth` and `claimed_country` | name |
//! | `vendor` | `people.vendor` | organisation name |
//! | `employer` | `work_history.employer` | organisation name |
//! | `payee` | `payments.account_holder` of payouts, unless it is the person's own name | name of unknown kind |
//! | `counterparty` | `payments.counterparty_name` (with `counterparty_country`) | name of unknown kind |
//! | `crypto_address` | `contacts` of kind `crypto_address`; crypto payment accounts | exact |
//! | `id_document`, `tax_id`, `email`, `phone`, `website` | `contacts` of those kinds | exact |
//! | `employer_domain` | `work_history.employer_domain` | exact website |

use std::collections::HashMap;
use std::sync::Arc;

use crate::engine::watchlist_hits_schema;
use crate::rows::for_each_row;
use datafusion::arrow::array::{ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray};
use redflag_ingest::Dataset;
use redflag_watchlist::{Hit, IdKind, Query, Screener};

/// Most name hits kept per screened value: the rules want the best few, not a long tail.
const NAME_HITS_PER_VALUE: usize = 3;

/// What is screened for one value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Probe {
    /// A name: (text, kind code, date of birth, country).
    Name(String, u8, Option<chrono::NaiveDate>, Option<String>),
    /// A crypto address.
    Crypto(String),
    /// An identifier of one of these kinds.
    Identifier(String, Vec<IdKind>),
}

/// One dataset row's value to screen.
struct Subject {
    person_id: String,
    subject: &'static str,
    screened: String,
    row_ref: String,
    probe: usize,
}

/// Screens the dataset and returns the `watchlist_hits` table's rows.
pub fn watchlist_hits(dataset: &Dataset, screener: &Screener) -> RecordBatch {
    let mut probes: Vec<Probe> = Vec::new();
    let mut probe_ids: HashMap<Probe, usize> = HashMap::new();
    let mut subjects: Vec<Subject> = Vec::new();
    let mut add =
        |person_id: &str, subject: &'static str, screened: &str, row_ref: String, probe: Probe| {
            let next = probes.len();
            let id = *probe_ids.entry(probe.clone()).or_insert(next);
            if id == next {
                probes.push(probe);
            }
            subjects.push(Subject {
                person_id: person_id.to_string(),
                subject,
                screened: screened.to_string(),
                row_ref,
                probe: id,
            });
        };

    // A payout to an account in the person's own name screens the same name again: skip it.
    let mut own_names: HashMap<String, String> = HashMap::new();
    for_each_row(dataset, "people", |row| {
        let (Some(id), Some(name)) = (row.text("person_id"), row.text("full_name")) else {
            return;
        };
        own_names.insert(id.to_string(), name.to_lowercase());
        let country = row.text("claimed_country").map(str::to_ascii_uppercase);
        add(
            id,
            "person",
            name,
            row.reference(),
            Probe::Name(name.to_string(), 0, row.date("date_of_birth"), country),
        );
        if let Some(vendor) = row.text("vendor") {
            add(
                id,
                "vendor",
                vendor,
                row.reference(),
                Probe::Name(vendor.to_string(), 1, None, None),
            );
        }
    });
    for_each_row(dataset, "work_history", |row| {
        let Some(id) = row.text("person_id") else {
            return;
        };
        if let Some(employer) = row.text("employer") {
            add(
                id,
                "employer",
                employer,
                row.reference(),
                Probe::Name(employer.to_string(), 1, None, None),
            );
        }
        if let Some(domain) = row.text("employer_domain") {
            add(
                id,
                "employer_domain",
                domain,
                row.reference(),
                Probe::Identifier(domain.to_string(), vec![IdKind::Website]),
            );
        }
    });
    for_each_row(dataset, "payments", |row| {
        let Some(id) = row.text("person_id") else {
            return;
        };
        let payout = row.text("direction") == Some("payout");
        let holder = row
            .text("account_holder")
            .filter(|h| own_names.get(id).is_none_or(|own| *own != h.to_lowercase()));
        if let (true, Some(holder)) = (payout, holder) {
            add(
                id,
                "payee",
                holder,
                row.reference(),
                Probe::Name(holder.to_string(), 2, None, None),
            );
        }
        if let Some(counterparty) = row.text("counterparty_name") {
            let country = row
                .text("counterparty_country")
                .map(str::to_ascii_uppercase);
            add(
                id,
                "counterparty",
                counterparty,
                row.reference(),
                Probe::Name(counterparty.to_string(), 2, None, country),
            );
        }
        if let (Some("crypto"), Some(account)) = (row.text("method"), row.text("account")) {
            add(
                id,
                "crypto_address",
                account,
                row.reference(),
                Probe::Crypto(account.to_string()),
            );
        }
    });
    for_each_row(dataset, "contacts", |row| {
        let (Some(id), Some(kind), Some(value)) =
            (row.text("person_id"), row.text("kind"), row.text("value"))
        else {
            return;
        };
        let probe = match kind {
            "crypto_address" => Probe::Crypto(value.to_string()),
            "id_document" => Probe::Identifier(
                value.to_string(),
                vec![IdKind::Passport, IdKind::NationalId, IdKind::Registration],
            ),
            "tax_id" => Probe::Identifier(value.to_string(), vec![IdKind::TaxId]),
            "email" => Probe::Identifier(value.to_string(), vec![IdKind::Email]),
            "phone" => Probe::Identifier(value.to_string(), vec![IdKind::Phone]),
            "website" => Probe::Identifier(value.to_string(), vec![IdKind::Website]),
            _ => return,
        };
        let subject = match kind {
            "crypto_address" => "crypto_address",
            "id_document" => "id_document",
            "tax_id" => "tax_id",
            "email" => "email",
            "phone" => "phone",
            _ => "website",
        };
        add(id, subject, value, row.reference(), probe);
    });

    let hits = screen_probes(&probes, screener);
    to_batch(&subjects, &hits, screener)
}

/// Screens every distinct probe once; names in parallel.
fn screen_probes(probes: &[Probe], screener: &Screener) -> Vec<Vec<Hit>> {
    let mut out: Vec<Vec<Hit>> = vec![Vec::new(); probes.len()];
    let mut name_positions = Vec::new();
    let mut queries = Vec::new();
    for (i, probe) in probes.iter().enumerate() {
        match probe {
            Probe::Name(text, kind, born, country) => {
                let mut q = match kind {
                    0 => Query::person(text.clone()),
                    1 => Query::organization(text.clone()),
                    _ => Query::unknown(text.clone()),
                };
                q.birth_date = *born;
                q.country = country.clone();
                name_positions.push(i);
                queries.push(q);
            }
            Probe::Crypto(address) => out[i] = screener.screen_crypto(address),
            Probe::Identifier(value, kinds) => {
                let mut found: Vec<Hit> = Vec::new();
                for kind in kinds {
                    for hit in screener.screen_identifier(Some(kind), value) {
                        if !found.iter().any(|h| h.key == hit.key) {
                            found.push(hit);
                        }
                    }
                }
                out[i] = found;
            }
        }
    }
    for (i, hits) in name_positions
        .into_iter()
        .zip(screener.screen_names(&queries, NAME_HITS_PER_VALUE))
    {
        out[i] = hits;
    }
    out
}

fn to_batch(subjects: &[Subject], hits: &[Vec<Hit>], screener: &Screener) -> RecordBatch {
    let mut cols: [Vec<Option<String>>; 12] = Default::default();
    let mut scores = Vec::new();
    let mut births = Vec::new();
    for s in subjects {
        for hit in &hits[s.probe] {
            let entity = screener.entity(hit);
            let info = screener.lists().info(entity.list);
            let values = [
                Some(s.person_id.clone()),
                Some(s.subject.to_string()),
                Some(s.screened.clone()),
                Some(s.row_ref.clone()),
                Some(hit.key.clone()),
                Some(entity.list.code().to_string()),
                Some(entity.list.name().to_string()),
                info.and_then(|i| i.published).map(|p| p.date().to_string()),
                Some(entity.programs.join(", ")),
                Some(hit.matched.clone()),
                Some(format!("{:?}", hit.tier).to_lowercase()),
                Some(hit.explanation.clone()),
            ];
            for (col, v) in cols.iter_mut().zip(values) {
                col.push(v);
            }
            scores.push(f64::from(hit.score));
            births.push(hit.birth_date_matches);
        }
    }
    let schema = watchlist_hits_schema();
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(schema.fields().len());
    let mut text = cols.into_iter();
    for field in schema.fields() {
        if field.name() == "score" {
            arrays.push(Arc::new(Float64Array::from(std::mem::take(&mut scores))));
        } else if field.name() == "birth_date_matches" {
            arrays.push(Arc::new(BooleanArray::from(std::mem::take(&mut births))));
        } else {
            let col = text.next().unwrap_or_default();
            arrays.push(Arc::new(StringArray::from(col)));
        }
    }
    RecordBatch::try_new(schema, arrays).expect("watchlist_hits columns follow their schema")
}
