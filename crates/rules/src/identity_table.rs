//! The identity-matching engine as a table: pairs of people whose records describe the same
//! real identity (name, date of birth, tax id, contact details) although no single key is
//! equal, found by `redflag-linking`'s Fellegi–Sunter model trained on the dataset itself.
//! One row per (person, other person) in both directions, for the rules to read as
//! `identity_matches`.
//!
//! A pair is kept only when the names are close and at least one more attribute agrees
//! (see `corroborated_name`). Only identity attributes are compared: the name (with term-frequency adjustment, so a
//! very common name needs more corroboration than a rare one), the date of birth, the tax
//! id, an email, a phone and an address. Nationality, country, language and the like are
//! never compared.

use std::collections::HashMap;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_ingest::Dataset;
use redflag_linking::{
    link_with, IdentifierKind, LinkModel, ModelConfig, TableBuilder, TrainConfig, NULL_LEVEL,
};

use crate::rows::for_each_row;

/// Name of the table.
pub const IDENTITY_MATCHES_TABLE: &str = "identity_matches";

/// Lowest match probability kept in the table (rules choose their own, higher, bar).
const MIN_PROBABILITY: f64 = 0.5;

/// Pseudo-pairs behind the prior on m: enough to keep a small dataset's model sensible, few
/// enough that a large one learns its own.
const M_PRIOR_STRENGTH: f64 = 50.0;

/// Pseudo-pairs behind the prior on u: a small dataset's handful of random pairs cannot say
/// how rarely strangers share a date of birth; a large one samples 300,000.
const U_PRIOR_STRENGTH: f64 = 5_000.0;

/// The fields compared, in table column order.
const FIELDS: [&str; 6] = ["name", "dob", "tax_id", "email", "phone", "address"];

/// Schema of [`IDENTITY_MATCHES_TABLE`]: `person_id`, `other_id`, `probability`, `weight`
/// (log2 Bayes factor with the prior), `evidence` (each comparison's level and partial
/// weight, e.g. `name exact +8.1; dob exact +11.9; tax_id null`), `ref` and `other_ref`
/// (the two people rows).
pub fn identity_matches_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("person_id", DataType::Utf8, false),
        Field::new("other_id", DataType::Utf8, false),
        Field::new("probability", DataType::Float64, false),
        Field::new("weight", DataType::Float64, false),
        Field::new("evidence", DataType::Utf8, false),
        Field::new("ref", DataType::Utf8, false),
        Field::new("other_ref", DataType::Utf8, false),
    ]))
}

/// The model: identity attributes only, blocked so each pair of records needs one equal key.
/// A shared date of birth blocks only with the same initial of the (token-sorted) name:
/// alone it pairs every stranger born that day, most of the comparison work for nothing.
fn model() -> LinkModel {
    LinkModel::from_config(
        &ModelConfig::default()
            .compare("name", "name_tf")
            .compare("dob", "date")
            .compare("tax_id", "token")
            .compare("email", "exact")
            .compare("phone", "exact")
            .compare("address", "name")
            .block("dob & prefix(name, 1)")
            .block("soundex(name) & year(dob)")
            .block("tax_id")
            .block("email")
            .block("phone")
            .block("address & prefix(name, 1)"),
    )
    .expect("the identity model's comparisons and rules are valid")
}

/// One person's identity attributes, normalised.
#[derive(Default)]
struct Identity {
    reference: String,
    values: [Option<String>; 6],
}

/// Reads people and their first tax id, email, phone and address, links them and returns
/// the table's rows.
pub fn identity_matches(dataset: &Dataset) -> RecordBatch {
    let mut ids: Vec<String> = Vec::new();
    let mut people: Vec<Identity> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for_each_row(dataset, "people", |row| {
        let Some(id) = row.text("person_id") else {
            return;
        };
        let name = row
            .text("full_name")
            .map(redflag_normalize::name_key)
            .filter(|k| !k.is_empty());
        let dob = row
            .date("date_of_birth")
            .map(|d| d.format("%Y-%m-%d").to_string());
        index.insert(id.to_string(), people.len());
        ids.push(id.to_string());
        people.push(Identity {
            reference: row.reference(),
            values: [name, dob, None, None, None, None],
        });
    });
    for_each_row(dataset, "contacts", |row| {
        let (Some(id), Some(kind), Some(value)) =
            (row.text("person_id"), row.text("kind"), row.text("value"))
        else {
            return;
        };
        let Some(&p) = index.get(id) else { return };
        let slot = match kind {
            "tax_id" => 2,
            "email" => 3,
            "phone" => 4,
            "address" => 5,
            _ => return,
        };
        let field = &mut people[p].values[slot];
        if field.is_some() {
            return; // the first usable value of each kind is the one compared
        }
        // The same keys the identifier engine compares.
        *field = match slot {
            2 => IdentifierKind::TaxId,
            3 => IdentifierKind::Email,
            4 => IdentifierKind::Phone,
            _ => IdentifierKind::Address,
        }
        .key(value);
    });
    let rows = if people.len() < 2 {
        Vec::new()
    } else {
        match_rows(&ids, &people)
    };
    let text = |f: fn(&MatchRow) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let arrays: Vec<ArrayRef> = vec![
        text(|r| &r.person_id),
        text(|r| &r.other_id),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|r| r.probability),
        )),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|r| r.weight),
        )),
        text(|r| &r.evidence),
        text(|r| &r.at),
        text(|r| &r.other_at),
    ];
    RecordBatch::try_new(identity_matches_schema(), arrays)
        .expect("identity_matches columns follow their schema")
}

/// An identity match needs the names to be close (exact or Jaro–Winkler ≥ 0.88) *and* one
/// more attribute to agree: a date of birth (exact or day and month swapped), a tax id
/// (within one edit), or an equal email, phone or address. However the weights come out on
/// a small dataset, a shared birthday or a similar name alone never makes two people one.
fn corroborated_name(levels: &[u8]) -> bool {
    let close = |k: usize, worst: u8| levels[k] != NULL_LEVEL && levels[k] <= worst;
    let name = close(0, 2);
    let other = close(1, 1) || close(2, 1) || close(3, 0) || close(4, 0) || close(5, 0);
    name && other
}

/// One row of the table.
struct MatchRow {
    person_id: String,
    other_id: String,
    probability: f64,
    weight: f64,
    evidence: String,
    at: String,
    other_at: String,
}

fn match_rows(ids: &[String], people: &[Identity]) -> Vec<MatchRow> {
    let mut builder = TableBuilder::new(&FIELDS);
    for (id, person) in ids.iter().zip(people) {
        let values: Vec<Option<&str>> = person.values.iter().map(|v| v.as_deref()).collect();
        builder.push(id, &values);
    }
    let table = builder.dedupe();
    let model = model();
    let config = TrainConfig {
        m_prior_strength: M_PRIOR_STRENGTH,
        u_prior_strength: U_PRIOR_STRENGTH,
        ..TrainConfig::default()
    };
    let Ok(linkage) = link_with(&model, &table, 0.9, &config) else {
        return Vec::new();
    };
    let scorer = &linkage.scorer;
    let mut rows = Vec::new();
    for pair in linkage
        .scored
        .iter()
        .filter(|p| p.probability >= MIN_PROBABILITY)
    {
        let evidence = scorer.evidence(pair.a, pair.b);
        if !corroborated_name(&evidence.levels) {
            continue;
        }
        let text: Vec<String> = model
            .comparisons
            .iter()
            .zip(evidence.levels.iter().zip(&evidence.partial_weights))
            .map(|(c, (&level, w))| match level {
                NULL_LEVEL => format!("{} not on both records", c.name),
                l => format!("{} {} {w:+.1}", c.name, c.kind.level_labels()[l as usize]),
            })
            .collect();
        let mut text = text.join("; ");
        if evidence.dependence.abs() >= 0.05 {
            let short = evidence.short_of_exact();
            text.push_str(&format!(
                "; {short} fields short of exact at once {:+.1}",
                evidence.dependence
            ));
        }
        let evidence = text;
        let (a, b) = (pair.a as usize, pair.b as usize);
        for (me, other) in [(a, b), (b, a)] {
            rows.push(MatchRow {
                person_id: ids[me].clone(),
                other_id: ids[other].clone(),
                probability: pair.probability,
                weight: pair.weight,
                evidence: evidence.clone(),
                at: people[me].reference.clone(),
                other_at: people[other].reference.clone(),
            });
        }
    }
    rows
}
