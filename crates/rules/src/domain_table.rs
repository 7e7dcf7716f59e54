//! Lookalike and impersonating domains as a table: every domain people give (email and
//! website contacts, prior employers' domains in work history, vendor names that are domains)
//! checked once by `redflag-domains` against real companies' domains, seized and front-company
//! domains and the mail-provider lists. One row per (person, value, finding), for the rules to
//! read as `domain_findings`.

use std::collections::HashMap;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, Float64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use redflag_domains::{Assessment, DomainChecker, DomainName, MailKind};
use redflag_ingest::Dataset;

use crate::rows::{for_each_row, FastHash};

/// Name of the table.
pub const DOMAIN_FINDINGS_TABLE: &str = "domain_findings";

/// Schema of [`DOMAIN_FINDINGS_TABLE`]:
/// - `person_id`, `subject` (`email`, `website`, `employer_domain`, `vendor`), `value` (as
///   given), `ref` (its `file:line`), `employer` (the work-history employer's name);
/// - `domain`: the registrable domain (Unicode), `domain_ascii` (punycode);
/// - `finding`: `front` (a seized or front-company domain), `lookalike`, `free-mail`,
///   `disposable`;
/// - `family`: for lookalikes the dnstwist family (`homoglyph`, `tld-swap`, …), `exact` for
///   fronts, null otherwise;
/// - `resembles`, `resembles_name`, `resembles_kind` (`own`, `client`, `it-services`,
///   `platform`, `impersonated`, `listed`, `front`): what a lookalike imitates;
/// - `weight`: a suggested evidence weight; `explanation`: one sentence for the analyst.
pub fn domain_findings_schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        text("person_id", false),
        text("subject", false),
        text("value", false),
        text("ref", false),
        text("employer", true),
        text("domain", false),
        text("domain_ascii", false),
        text("finding", false),
        text("family", true),
        text("resembles", true),
        text("resembles_name", true),
        text("resembles_kind", true),
        Field::new("weight", DataType::Float64, false),
        text("explanation", false),
    ]))
}

#[derive(Default)]
struct Columns {
    person_id: Vec<String>,
    subject: Vec<&'static str>,
    value: Vec<String>,
    refs: Vec<String>,
    employer: Vec<Option<String>>,
    domain: Vec<String>,
    domain_ascii: Vec<String>,
    finding: Vec<&'static str>,
    family: Vec<Option<&'static str>>,
    resembles: Vec<Option<String>>,
    resembles_name: Vec<Option<String>>,
    resembles_kind: Vec<Option<String>>,
    weight: Vec<f64>,
    explanation: Vec<String>,
}

/// One value someone gave.
struct Given {
    person: String,
    subject: &'static str,
    value: String,
    reference: String,
    employer: Option<String>,
}

impl Columns {
    fn push(&mut self, given: &Given, a: &Assessment, finding: &'static str, detail: Detail) {
        self.person_id.push(given.person.clone());
        self.subject.push(given.subject);
        self.value.push(given.value.clone());
        self.refs.push(given.reference.clone());
        self.employer.push(given.employer.clone());
        self.domain.push(a.registrable.clone());
        self.domain_ascii.push(ascii_registrable(a));
        self.finding.push(finding);
        self.family.push(detail.family);
        self.resembles.push(detail.resembles);
        self.resembles_name.push(detail.name);
        self.resembles_kind.push(detail.kind);
        self.weight.push(detail.weight);
        self.explanation.push(detail.explanation);
    }

    fn into_batch(self) -> RecordBatch {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(self.person_id)),
            Arc::new(StringArray::from(self.subject)),
            Arc::new(StringArray::from(self.value)),
            Arc::new(StringArray::from(self.refs)),
            Arc::new(StringArray::from(self.employer)),
            Arc::new(StringArray::from(self.domain)),
            Arc::new(StringArray::from(self.domain_ascii)),
            Arc::new(StringArray::from(self.finding)),
            Arc::new(StringArray::from(self.family)),
            Arc::new(StringArray::from(self.resembles)),
            Arc::new(StringArray::from(self.resembles_name)),
            Arc::new(StringArray::from(self.resembles_kind)),
            Arc::new(Float64Array::from(self.weight)),
            Arc::new(StringArray::from(self.explanation)),
        ];
        RecordBatch::try_new(domain_findings_schema(), columns)
            .expect("domain_findings columns match their schema")
    }
}

struct Detail {
    family: Option<&'static str>,
    resembles: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    weight: f64,
    explanation: String,
}

fn ascii_registrable(a: &Assessment) -> String {
    let keep = 1 + a.suffix.split('.').count();
    let labels: Vec<&str> = a.host_ascii.split('.').collect();
    labels[labels.len().saturating_sub(keep)..].join(".")
}

/// How the value is named in a sentence: `email jane@kitrurn.com`, `prior employer Kitrum
/// (kitrurn.com)`.
fn what(given: &Given) -> String {
    match (given.subject, given.employer.as_deref()) {
        ("employer_domain", Some(employer)) => {
            format!("prior employer {employer} ({})", given.value)
        }
        ("employer_domain", None) => format!("prior employer domain {}", given.value),
        (subject, _) => format!("{subject} {}", given.value),
    }
}

/// Every finding about every domain people give, checked with `checker` (redflag's built-in
/// lists and fallbacks when `None`). Each distinct host is checked once.
pub fn domain_findings(dataset: &Dataset, checker: Option<&DomainChecker>) -> RecordBatch {
    let builtin;
    let checker = match checker {
        Some(checker) => checker,
        None => {
            builtin = DomainChecker::new(redflag_domains::DomainData::builtin());
            &builtin
        }
    };
    let mut given: Vec<Given> = Vec::new();
    for_each_row(dataset, "contacts", |row| {
        let (Some(person), Some(kind), Some(value)) =
            (row.text("person_id"), row.text("kind"), row.text("value"))
        else {
            return;
        };
        let subject = match kind {
            "email" => "email",
            "website" => "website",
            _ => return,
        };
        given.push(Given {
            person: person.to_string(),
            subject,
            value: value.to_string(),
            reference: row.reference(),
            employer: None,
        });
    });
    for_each_row(dataset, "work_history", |row| {
        let (Some(person), Some(value)) = (row.text("person_id"), row.text("employer_domain"))
        else {
            return;
        };
        given.push(Given {
            person: person.to_string(),
            subject: "employer_domain",
            value: value.to_string(),
            reference: row.reference(),
            employer: row.text("employer").map(str::to_string),
        });
    });
    for_each_row(dataset, "people", |row| {
        let (Some(person), Some(value)) = (row.text("person_id"), row.text("vendor")) else {
            return;
        };
        // A vendor is usually a company name; only names that are domains are checked.
        if value.contains(char::is_whitespace) || !value.contains('.') {
            return;
        }
        given.push(Given {
            person: person.to_string(),
            subject: "vendor",
            value: value.to_string(),
            reference: row.reference(),
            employer: None,
        });
    });
    let mut seen: HashMap<String, Assessment, FastHash> = HashMap::default();
    let mut out = Columns::default();
    for g in &given {
        let Ok(name) = DomainName::parse(&g.value, &checker.data().suffixes) else {
            continue;
        };
        let a = seen
            .entry(name.host.clone())
            .or_insert_with(|| checker.assess(&name.host, &name));
        let what = what(g);
        if let Some(front) = &a.front {
            let copied = if a.copied_from.is_empty() {
                String::new()
            } else {
                format!("; its website copied {}", a.copied_from.join(", "))
            };
            out.push(
                g,
                a,
                "front",
                Detail {
                    family: Some("exact"),
                    resembles: Some(front.domain.clone()),
                    name: Some(front.linked_entity.clone()),
                    kind: Some("front".into()),
                    weight: 35.0,
                    explanation: format!(
                        "{what} uses {}: {} {} ({}){copied}",
                        front.domain, front.action, front.action_date, front.linked_entity
                    ),
                },
            );
        }
        for l in &a.lookalikes {
            let front = l.kind == "front";
            let weight = match (front, l.resemblance.family.is_strong()) {
                (false, true) => 30.0,
                (false, false) => 20.0,
                (true, _) => 15.0,
            };
            let whose = if front {
                format!("the seized or front-company domain {} ({})", l.of, l.name)
            } else if l.name.is_empty() {
                format!("{} ({}, listed from {})", l.of, l.kind, l.source)
            } else {
                format!(
                    "{} ({}, {}, listed from {})",
                    l.of, l.name, l.kind, l.source
                )
            };
            out.push(
                g,
                a,
                "lookalike",
                Detail {
                    family: Some(l.resemblance.family.name()),
                    resembles: Some(l.of.clone()),
                    name: Some(l.name.clone()).filter(|n| !n.is_empty()),
                    kind: Some(l.kind.clone()),
                    weight,
                    explanation: format!(
                        "{what}: {} imitates {whose} by {}: {}",
                        a.registrable, l.resemblance.family, l.resemblance.change
                    ),
                },
            );
        }
        if let Some(kind) = a.mail {
            let finding = match kind {
                MailKind::FreeMail => "free-mail",
                MailKind::Disposable => "disposable",
            };
            out.push(
                g,
                a,
                finding,
                Detail {
                    family: None,
                    resembles: None,
                    name: None,
                    kind: None,
                    weight: 10.0,
                    explanation: format!("{what}: {} is a {} provider", a.registrable, kind.name()),
                },
            );
        }
    }
    out.into_batch()
}
