//! The identifier-link engine as a table: every identifier (phone, email, address, account,
//! device, tax id, document, and the IP addresses and devices people sign in from) given or
//! used by two or more people, classified by
//! `redflag-linking` as a household, a linking identifier or a hub, with the hub threshold
//! learned from this dataset. One row per (identifier, person), for the rules to read as
//! `shared_identifiers`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_ingest::Dataset;
use redflag_linking::{link_identifiers, IdentifierConfig, IdentifierKind, IdentifierRow, Sharing};
use redflag_model::HubIdentifier;

use crate::rows::{for_each_batch, for_each_row, FastHash};

/// Name of the table.
pub const SHARED_IDENTIFIERS_TABLE: &str = "shared_identifiers";

/// Schema of [`SHARED_IDENTIFIERS_TABLE`]:
/// - `kind`: `email`, `phone`, `address`, `account`, `device`, `tax_id`, `document` or `ip`
///   (a sign-in address; `device` rows come from contacts and from sign-ins);
/// - `key`: the normalised identifier;
/// - `person_id` and `ref` (the contacts row that gave it);
/// - `people`: how many distinct people gave it;
/// - `sharing`: `household`, `shared` or `hub`;
/// - `hub_threshold`: the size above which this kind may be a hub in this dataset;
/// - `weight`: the link weight (0 unless `shared`);
/// - `corroborated`: for groups above the threshold, the share of members linked to each
///   other by other identifiers (null otherwise);
/// - `explanation`: one sentence for the analyst.
pub fn shared_identifiers_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("kind", DataType::Utf8, false),
        Field::new("key", DataType::Utf8, false),
        Field::new("person_id", DataType::Utf8, false),
        Field::new("ref", DataType::Utf8, false),
        Field::new("people", DataType::Int64, false),
        Field::new("sharing", DataType::Utf8, false),
        Field::new("hub_threshold", DataType::Int64, false),
        Field::new("weight", DataType::Float64, false),
        Field::new("corroborated", DataType::Float64, true),
        Field::new("explanation", DataType::Utf8, false),
    ]))
}

/// The identifier kind of a contacts `kind`, or `None` for kinds that are not identifiers of
/// one person (profiles and websites are public and compared elsewhere).
fn identifier_kind(contact_kind: &str) -> Option<IdentifierKind> {
    Some(match contact_kind {
        "email" => IdentifierKind::Email,
        "phone" | "mfa_device" => IdentifierKind::Phone,
        "address" | "shipping_address" => IdentifierKind::Address,
        "bank_account" | "payout_account" | "crypto_address" => IdentifierKind::Account,
        "device_id" => IdentifierKind::Device,
        "tax_id" => IdentifierKind::TaxId,
        "id_document" => IdentifierKind::Document,
        _ => return None,
    })
}

/// Most hubs listed in the run summary.
const MAX_HUBS_LISTED: usize = 50;

/// Reads every contact, links people through the identifiers they share and returns the
/// table's rows, and the hubs (largest first, at most 50) for the run summary.
pub fn shared_identifiers(dataset: &Dataset) -> (RecordBatch, Vec<HubIdentifier>) {
    let mut people: Vec<String> = Vec::new();
    let mut person_index: HashMap<String, u32, FastHash> = HashMap::default();
    let mut contacts: Vec<(u32, IdentifierKind, String, String)> = Vec::new(); // (person, kind, value, ref)
    for_each_row(dataset, "contacts", |row| {
        let (Some(id), Some(kind), Some(value)) =
            (row.text("person_id"), row.text("kind"), row.text("value"))
        else {
            return;
        };
        let Some(kind) = identifier_kind(kind) else {
            return;
        };
        let next = people.len() as u32;
        let person = *person_index.entry(id.to_string()).or_insert_with(|| {
            people.push(id.to_string());
            next
        });
        contacts.push((person, kind, value.to_string(), row.reference()));
    });
    // Where people sign in from: each person's first sign-in from each IP address and each
    // device. Many unrelated people behind one home IP or one laptop is a laptop farm; an
    // office or a big VPN exit is a hub.
    let mut seen_signins: HashSet<(u32, IdentifierKind, &str), FastHash> = HashSet::default();
    // Each person's last address and device: most sign-ins repeat the previous one's, and
    // comparing with it is much cheaper than looking the pair up among millions.
    let mut last_seen: Vec<[Option<&str>; 2]> = Vec::new();
    for_each_batch(dataset, "signins", |rows| {
        let (ids, results) = (rows.text("person_id"), rows.text("result"));
        let identifiers = [
            (rows.text("ip"), IdentifierKind::Ip),
            (rows.text("device_id"), IdentifierKind::Device),
        ];
        for row in 0..rows.len() {
            let Some(id) = ids.get(row) else {
                continue;
            };
            if results.get(row) == Some("failure") {
                continue;
            }
            let mut person = None;
            for (slot, (column, kind)) in identifiers.into_iter().enumerate() {
                let Some(value) = column.get(row) else {
                    continue;
                };
                let person = *person.get_or_insert_with(|| match person_index.get(id) {
                    Some(&person) => person,
                    None => {
                        let next = people.len() as u32;
                        person_index.insert(id.to_string(), next);
                        people.push(id.to_string());
                        next
                    }
                });
                if last_seen.len() <= person as usize {
                    last_seen.resize(person as usize + 1, [None; 2]);
                }
                let last = &mut last_seen[person as usize][slot];
                if *last == Some(value) {
                    continue;
                }
                *last = Some(value);
                if seen_signins.insert((person, kind, value)) {
                    contacts.push((person, kind, value.to_string(), rows.reference(row)));
                }
            }
        }
    });
    let rows: Vec<IdentifierRow<'_>> = contacts
        .iter()
        .map(|(entity, kind, value, _)| IdentifierRow {
            entity: *entity,
            kind: *kind,
            value,
        })
        .collect();
    let links = link_identifiers(&rows, &IdentifierConfig::default());
    let mut out: Vec<OutRow> = Vec::new();
    let mut hubs: Vec<HubIdentifier> = Vec::new();
    for shared in &links.shared {
        let threshold = links.hub_threshold(shared.kind);
        if shared.sharing == Sharing::Hub {
            hubs.push(HubIdentifier {
                kind: shared.kind.name().to_string(),
                key: shared.key.clone(),
                people: shared.entities.len(),
                threshold,
                corroborated: shared.corroborated.unwrap_or(0.0),
            });
        }
        let explanation = shared.explain(threshold);
        // The first row each person gave this identifier in.
        let mut seen: std::collections::HashSet<u32> = Default::default();
        for &row in &shared.rows {
            let (person, _, _, reference) = &contacts[row as usize];
            if !seen.insert(*person) {
                continue;
            }
            out.push(OutRow {
                kind: shared.kind.name(),
                key: shared.key.clone(),
                person_id: people[*person as usize].clone(),
                reference: reference.clone(),
                people: shared.entities.len() as i64,
                sharing: match shared.sharing {
                    Sharing::Household => "household",
                    Sharing::Shared => "shared",
                    Sharing::Hub => "hub",
                },
                hub_threshold: threshold as i64,
                weight: shared.weight,
                corroborated: shared.corroborated,
                explanation: explanation.clone(),
            });
        }
    }
    let text = |f: fn(&OutRow) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(out.iter().map(f)))
    };
    let arrays: Vec<ArrayRef> = vec![
        text(|r| r.kind),
        text(|r| &r.key),
        text(|r| &r.person_id),
        text(|r| &r.reference),
        Arc::new(Int64Array::from_iter_values(out.iter().map(|r| r.people))),
        text(|r| r.sharing),
        Arc::new(Int64Array::from_iter_values(
            out.iter().map(|r| r.hub_threshold),
        )),
        Arc::new(Float64Array::from_iter_values(out.iter().map(|r| r.weight))),
        Arc::new(Float64Array::from_iter(out.iter().map(|r| r.corroborated))),
        text(|r| &r.explanation),
    ];
    let batch = RecordBatch::try_new(shared_identifiers_schema(), arrays)
        .expect("shared_identifiers columns follow their schema");
    hubs.sort_by(|a, b| {
        b.people
            .cmp(&a.people)
            .then_with(|| (&a.kind, &a.key).cmp(&(&b.kind, &b.key)))
    });
    hubs.truncate(MAX_HUBS_LISTED);
    (batch, hubs)
}

/// One row of the table.
struct OutRow {
    kind: &'static str,
    key: String,
    person_id: String,
    reference: String,
    people: i64,
    sharing: &'static str,
    hub_threshold: i64,
    weight: f64,
    corroborated: Option<f64>,
    explanation: String,
}
