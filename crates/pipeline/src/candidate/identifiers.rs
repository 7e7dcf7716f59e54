//! Identifiers the candidate shares with known people: `PLT_CONTACT_REUSE` (phones and
//! emails), `PAY_ACCOUNT_SHARED_MANY` (pay accounts) and `ONB_SHARED_SHIP_ADDR` (where
//! equipment goes), each with its rule's exceptions (households, hubs, one vendor's staff).

use std::collections::{BTreeMap, HashSet};

use redflag_linking::IdentifierKind;
use redflag_rules::rows::for_each_row;

use super::applicant::Applicant;
use super::evidence::{sorted, Hit};
use super::known::Known;

/// The identifier rules' hits for the candidate.
pub(crate) fn hits(applicant: &Applicant, known: &Known, households: &HashSet<u32>) -> Vec<Hit> {
    let others = |people: &[u32]| -> Vec<u32> {
        people
            .iter()
            .copied()
            .filter(|p| Some(*p) != applicant.itself && !households.contains(p))
            .collect()
    };
    let mut out = Vec::new();
    out.extend(contact_reuse(applicant, known, &others));
    out.extend(shared_accounts(applicant, known, &others));
    out.extend(shared_shipping(applicant, known, &others));
    out
}

/// `PLT_CONTACT_REUSE`: phones and emails also given by people whose names do not match the
/// candidate's, unless the identifier engine classed the value as a hub.
fn contact_reuse(
    applicant: &Applicant,
    known: &Known,
    others: &dyn Fn(&[u32]) -> Vec<u32>,
) -> Option<Hit> {
    let mut given: Vec<String> = Vec::new();
    let mut refs: Vec<String> = Vec::new();
    let mut related: Vec<u32> = Vec::new();
    for contact in applicant.contacts_of(&["phone", "email"]) {
        let Some(key) = &contact.key else {
            continue;
        };
        // The identifier engine's own key: a value it cannot read is no shared identifier.
        let kind = if contact.kind == "phone" {
            IdentifierKind::Phone
        } else {
            IdentifierKind::Email
        };
        if kind.key(&contact.value).as_deref() != Some(key.as_str())
            || known.is_hub(kind.name(), key)
        {
            continue;
        }
        let unrelated: Vec<u32> = others(known.contact_holders(&contact.kind, key))
            .into_iter()
            .filter(|&p| !redflag_normalize::names_match(applicant.name(), known.name(p)))
            .collect();
        if unrelated.is_empty() {
            continue;
        }
        given.push(format!("{} {}", contact.kind, contact.value));
        refs.push(contact.reference.clone());
        related.extend(unrelated);
    }
    if related.is_empty() {
        return None;
    }
    related.sort_unstable();
    related.dedup();
    let detail = format!(
        "The {} is also given by {} people under other names",
        sorted(given).join(", "),
        related.len()
    );
    Some(Hit {
        related,
        ..Hit::new("PLT_CONTACT_REUSE", detail, refs)
    })
}

/// One of the candidate's rows giving an identifier: (key, the value as given, its ref).
type Given = (String, String, String);

/// `PAY_ACCOUNT_SHARED_MANY`: each account of the candidate's (contacts and payouts) that
/// also receives pay for others, staff of the candidate's own vendor aside.
fn shared_accounts(
    applicant: &Applicant,
    known: &Known,
    others: &dyn Fn(&[u32]) -> Vec<u32>,
) -> Vec<Hit> {
    let mut accounts: Vec<Given> = applicant
        .contacts_of(&["bank_account", "payout_account", "crypto_address"])
        .filter_map(|c| Some((c.key.clone()?, c.value.clone(), c.reference.clone())))
        .collect();
    for_each_row(&applicant.dataset, "payments", |row| {
        let (Some("payout"), Some(account)) = (row.text("direction"), row.text("account")) else {
            return;
        };
        if let Some(key) = redflag_normalize::account_key(account) {
            accounts.push((key, account.to_string(), row.reference()));
        }
    });
    let vendor = applicant
        .vendor
        .as_deref()
        .map(redflag_normalize::name_key)
        .filter(|k| !k.is_empty());
    let mut hits = Vec::new();
    for (key, rows) in by_key(accounts) {
        let related: Vec<u32> = others(known.account_holders(&key))
            .into_iter()
            .filter(|&p| vendor.is_none() || known.vendor_key(p) != vendor.as_deref())
            .collect();
        if related.is_empty() {
            continue;
        }
        let n = related.len();
        let detail = format!(
            "Pay goes to account {}, which also receives pay for {n} other unrelated people",
            max_raw(&rows)
        );
        hits.push(Hit {
            related,
            weight: Some((22.0 + 4.0 * n as f64).min(40.0)),
            ..Hit::new("PAY_ACCOUNT_SHARED_MANY", detail, refs(&rows))
        });
    }
    hits
}

/// `ONB_SHARED_SHIP_ADDR`: equipment for the candidate going to an address that receives
/// equipment for others, and is not the candidate's home (or receives it for four or more).
fn shared_shipping(
    applicant: &Applicant,
    known: &Known,
    others: &dyn Fn(&[u32]) -> Vec<u32>,
) -> Vec<Hit> {
    let mut ship: Vec<Given> = applicant
        .contacts_of(&["shipping_address"])
        .filter_map(|c| Some((c.key.clone()?, c.value.clone(), c.reference.clone())))
        .collect();
    for_each_row(&applicant.dataset, "shipments", |row| {
        let Some(address) = row.text("address") else {
            return;
        };
        if let Some(key) = redflag_normalize::address_key(address) {
            ship.push((key, address.to_string(), row.reference()));
        }
    });
    let homes: HashSet<&str> = applicant
        .contacts_of(&["address"])
        .filter_map(|c| c.key.as_deref())
        .collect();
    let mut hits = Vec::new();
    for (key, rows) in by_key(ship) {
        let receivers: Vec<u32> = known
            .receivers(&key)
            .iter()
            .copied()
            .filter(|p| Some(*p) != applicant.itself)
            .collect();
        // Four receivers or more, the candidate included: more than a household.
        let crowded = receivers.len() + 1 >= 4;
        let is_home = homes.contains(key.as_str());
        if is_home && !crowded {
            continue;
        }
        let related = others(&receivers);
        if related.is_empty() {
            continue;
        }
        let n = related.len();
        let whose = if is_home {
            ", the home they gave, which also receives equipment for "
        } else {
            ", which is not their home and receives equipment for "
        };
        let detail = format!(
            "Company equipment for this person goes to {}{whose}{n} other unrelated people",
            max_raw(&rows)
        );
        hits.push(Hit {
            related,
            weight: Some((20.0 + 5.0 * n as f64).min(40.0)),
            ..Hit::new("ONB_SHARED_SHIP_ADDR", detail, refs(&rows))
        });
    }
    hits
}

/// Rows grouped by key.
fn by_key(rows: Vec<Given>) -> BTreeMap<String, Vec<Given>> {
    let mut groups: BTreeMap<String, Vec<Given>> = BTreeMap::new();
    for row in rows {
        groups.entry(row.0.clone()).or_default().push(row);
    }
    groups
}

/// `max(raw)`: the greatest of the values as given.
fn max_raw(rows: &[Given]) -> &str {
    rows.iter().map(|r| r.1.as_str()).max().unwrap_or_default()
}

fn refs(rows: &[Given]) -> Vec<String> {
    rows.iter().map(|r| r.2.clone()).collect()
}
