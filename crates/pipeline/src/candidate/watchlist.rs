//! The `WL_*` rules over the candidate's `watchlist_hits` (the watchlist engine's table,
//! built from the candidate's rows by the same code as for a whole dataset).

use std::collections::BTreeMap;

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::Float64Type;
use redflag_watchlist::Screener;

use super::applicant::Applicant;
use super::evidence::{rounded, sorted, Hit};

/// One row of `watchlist_hits`.
#[derive(Debug, Clone)]
struct ListHit {
    subject: String,
    screened: String,
    reference: String,
    entity_key: String,
    list: String,
    list_name: String,
    list_date: Option<String>,
    programs: String,
    matched: String,
    tier: String,
    score: f64,
    birth_date_matches: bool,
    explanation: String,
}

impl ListHit {
    /// `', list of ' || coalesce(list_date, 'unknown date')`.
    fn list_of(&self) -> String {
        format!(
            ", list of {}",
            self.list_date.as_deref().unwrap_or("unknown date")
        )
    }

    /// `CASE WHEN programs <> '' THEN concat(' (', programs, ')') ELSE '' END`.
    fn programs_in_brackets(&self) -> String {
        if self.programs.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.programs)
        }
    }

    fn strong(&self) -> bool {
        self.tier == "strong"
    }

    /// `matched, list_name entry key (programs), list of date`: the entry matched, as every
    /// `WL_*` rule names it.
    fn entry(&self) -> String {
        format!(
            "{}, {} entry {}{}{}",
            self.matched,
            self.list_name,
            self.entity_key,
            self.programs_in_brackets(),
            self.list_of()
        )
    }

    /// `tier match score`.
    fn grade(&self) -> String {
        format!("{} match {}", self.tier, rounded(self.score))
    }
}

/// Every `WL_*` hit of the candidate.
pub(crate) fn hits(applicant: &Applicant, screener: &Screener) -> Vec<Hit> {
    let rows = read(&redflag_rules::watchlist_hits(&applicant.dataset, screener));
    let of = |subjects: &[&str]| -> Vec<&ListHit> {
        rows.iter()
            .filter(|r| subjects.contains(&r.subject.as_str()))
            .collect()
    };
    let mut out = Vec::new();
    out.extend(person(&of(&["person"])));
    out.extend(organisation(&of(&["vendor", "employer"])));
    out.extend(payment_party(&of(&["payee", "counterparty"])));
    let contacts: Vec<&ListHit> = of(&["email", "phone", "website", "employer_domain"])
        .into_iter()
        .filter(|r| {
            !(r.list == "redflag"
                && matches!(r.subject.as_str(), "website" | "employer_domain" | "email"))
        })
        .collect();
    for group in by_entity(&contacts) {
        let subject = match max(&group, |r| &r.subject) {
            "email" => "Email ",
            "phone" => "Phone ",
            "employer_domain" => "Employer domain ",
            _ => "Website ",
        };
        let detail = format!(
            "{subject}{} is listed for {} on {}{}",
            max(&group, |r| &r.screened),
            max(&group, |r| &r.entity_key),
            max(&group, |r| &r.list_name),
            aggregated_tail(&group),
        );
        out.push(Hit::new("WL_CONTACT_LISTED", detail, refs(&group)));
    }
    for group in by_entity(&of(&["crypto_address"])) {
        let detail = format!(
            "Crypto address {} is listed: {} entry {}{}",
            max(&group, |r| &r.screened),
            max(&group, |r| &r.list_name),
            max(&group, |r| &r.entity_key),
            aggregated_tail(&group),
        );
        out.push(Hit::new("WL_CRYPTO_LISTED", detail, refs(&group)));
    }
    for group in by_entity(&of(&["id_document", "tax_id"])) {
        let what = if max(&group, |r| &r.subject) == "tax_id" {
            "Tax number "
        } else {
            "Identity document "
        };
        let detail = format!(
            "{what}{} is listed for {} on {}{}",
            max(&group, |r| &r.screened),
            max(&group, |r| &r.entity_key),
            max(&group, |r| &r.list_name),
            aggregated_tail(&group),
        );
        out.push(Hit::new("WL_DOCUMENT_LISTED", detail, refs(&group)));
    }
    out
}

/// `WL_PERSON_LISTED`: the best match of the name, and how many others.
fn person(rows: &[&ListHit]) -> Option<Hit> {
    let best = best(rows, |r| (r.entity_key.clone(), String::new()))?;
    let others = if rows.len() > 1 {
        format!("; {} other listed name(s) also match", rows.len() - 1)
    } else {
        String::new()
    };
    let detail = format!(
        "The name {} matches {}: {}; {}{others}",
        best.screened,
        best.entry(),
        best.grade(),
        best.explanation,
    );
    let weight = match (best.strong(), best.birth_date_matches) {
        (true, true) => 50.0,
        (true, false) => 25.0,
        _ => 10.0,
    };
    Some(Hit {
        weight: Some(weight),
        ..Hit::new("WL_PERSON_LISTED", detail, vec![best.reference.clone()])
    })
}

/// `WL_ORG_LISTED`: the best match of a vendor or past employer.
fn organisation(rows: &[&ListHit]) -> Option<Hit> {
    let best = best(rows, |r| (r.subject.clone(), r.entity_key.clone()))?;
    let what = if best.subject == "vendor" {
        "Staffing vendor "
    } else {
        "Past employer "
    };
    let detail = format!(
        "{what}{} matches {}: {}; {}",
        best.screened,
        best.entry(),
        best.grade(),
        best.explanation,
    );
    Some(Hit {
        weight: Some(if best.strong() { 35.0 } else { 15.0 }),
        ..Hit::new("WL_ORG_LISTED", detail, vec![best.reference.clone()])
    })
}

/// `WL_PAYMENT_PARTY_LISTED`: the best match of a payee or counterparty, with how many
/// payments name that entity.
fn payment_party(rows: &[&ListHit]) -> Option<Hit> {
    let best = best(rows, |r| (r.subject.clone(), r.entity_key.clone()))?;
    let payments = sorted(
        rows.iter()
            .filter(|r| r.entity_key == best.entity_key)
            .map(|r| r.reference.clone())
            .collect(),
    )
    .len();
    let what = if best.subject == "payee" {
        "Pay goes to an account held by "
    } else {
        "Money came from "
    };
    let detail = format!(
        "{what}{}, which matches {}: {} in {payments} payment(s); {}",
        best.screened,
        best.entry(),
        best.grade(),
        best.explanation,
    );
    Some(Hit {
        weight: Some(if best.strong() { 40.0 } else { 15.0 }),
        ..Hit::new(
            "WL_PAYMENT_PARTY_LISTED",
            detail,
            vec![best.reference.clone()],
        )
    })
}

/// The first row by score (highest first), then by `tie` (ascending): the rules'
/// `row_number() … = 1`.
fn best<'a>(
    rows: &[&'a ListHit],
    tie: impl Fn(&ListHit) -> (String, String),
) -> Option<&'a ListHit> {
    rows.iter()
        .min_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| tie(a).cmp(&tie(b)))
        })
        .copied()
}

/// Rows grouped by listed entity (`GROUP BY person_id, entity_key`).
fn by_entity<'a>(rows: &[&'a ListHit]) -> Vec<Vec<&'a ListHit>> {
    let mut groups: BTreeMap<&str, Vec<&ListHit>> = BTreeMap::new();
    for row in rows {
        groups.entry(&row.entity_key).or_default().push(row);
    }
    groups.into_values().collect()
}

/// `max(column)` over a group.
fn max<'a>(group: &[&'a ListHit], column: impl Fn(&'a ListHit) -> &'a String) -> &'a str {
    group
        .iter()
        .map(|r| column(r).as_str())
        .max()
        .unwrap_or_default()
}

/// `' (' || max(matched) || '; ' programs || ', list of ' || date || ')'` of the grouped
/// rules.
fn aggregated_tail(group: &[&ListHit]) -> String {
    let programs = max(group, |r| &r.programs);
    let programs = if programs.is_empty() {
        String::new()
    } else {
        format!("; {programs}")
    };
    let date = group
        .iter()
        .filter_map(|r| r.list_date.as_deref())
        .max()
        .unwrap_or("unknown date");
    format!(
        " ({}{programs}, list of {date})",
        max(group, |r| &r.matched)
    )
}

fn refs(group: &[&ListHit]) -> Vec<String> {
    group.iter().map(|r| r.reference.clone()).collect()
}

/// The rows of the engine's table.
fn read(batch: &RecordBatch) -> Vec<ListHit> {
    let text = |name: &str| {
        batch
            .column_by_name(name)
            .and_then(|c| c.as_string_opt::<i32>())
    };
    let (Some(subject), Some(screened), Some(reference), Some(entity_key)) = (
        text("subject"),
        text("screened"),
        text("ref"),
        text("entity_key"),
    ) else {
        return Vec::new();
    };
    let (Some(list), Some(list_name), Some(list_date), Some(programs)) = (
        text("list"),
        text("list_name"),
        text("list_date"),
        text("programs"),
    ) else {
        return Vec::new();
    };
    let (Some(matched), Some(tier), Some(explanation)) =
        (text("matched"), text("tier"), text("explanation"))
    else {
        return Vec::new();
    };
    let scores = batch
        .column_by_name("score")
        .and_then(|c| c.as_primitive_opt::<Float64Type>());
    let births = batch
        .column_by_name("birth_date_matches")
        .and_then(|c| c.as_boolean_opt());
    let (Some(scores), Some(births)) = (scores, births) else {
        return Vec::new();
    };
    let at = |column: &datafusion::arrow::array::StringArray, row: usize| {
        (!column.is_null(row)).then(|| column.value(row).to_string())
    };
    (0..batch.num_rows())
        .map(|row| ListHit {
            subject: at(subject, row).unwrap_or_default(),
            screened: at(screened, row).unwrap_or_default(),
            reference: at(reference, row).unwrap_or_default(),
            entity_key: at(entity_key, row).unwrap_or_default(),
            list: at(list, row).unwrap_or_default(),
            list_name: at(list_name, row).unwrap_or_default(),
            list_date: at(list_date, row),
            programs: at(programs, row).unwrap_or_default(),
            matched: at(matched, row).unwrap_or_default(),
            tier: at(tier, row).unwrap_or_default(),
            score: scores.value(row),
            birth_date_matches: births.value(row),
            explanation: at(explanation, row).unwrap_or_default(),
        })
        .collect()
}
