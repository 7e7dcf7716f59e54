//! The rules that read other people's scores: `REF_REFERRAL_CHAIN` (phase 2, a referral
//! link to someone flagged on their own evidence) and `NET_FLAGGED_NETWORK` (phase 3, the
//! persona network the candidate's links put them in). Known people's scores are the
//! report's, taken before the evidence of the phase that reads them.

use std::collections::BTreeSet;

use redflag_model::{Evidence, Level};
use redflag_rules::rows::for_each_row;

use super::applicant::Applicant;
use super::evidence::Hit;
use super::known::Known;

/// `REF_REFERRAL_CHAIN`: referrals between the candidate and a known person at medium or
/// above on phase-1 evidence.
pub(crate) fn referrals(applicant: &Applicant, known: &Known) -> Vec<Hit> {
    let mut out = Vec::new();
    for_each_row(&applicant.dataset, "referrals", |row| {
        let (Some(referrer), Some(referee)) = (row.text("referrer_id"), row.text("referee_id"))
        else {
            return;
        };
        let links = [
            (referee, referrer, "Referred by "),
            (referrer, referee, "Referred "),
        ];
        for (person, other, how) in links {
            if person != applicant.id || other == person {
                continue;
            }
            let Some(index) = known.index_of(other) else {
                continue;
            };
            let level = known.prior(index).1;
            if level < Level::Medium {
                continue;
            }
            let detail = format!(
                "{how}{} ({other}), who is at level {} on their own evidence",
                known.name(index),
                level.name()
            );
            out.push(Hit {
                related: vec![index],
                weight: Some(if level >= Level::High { 15.0 } else { 10.0 }),
                ..Hit::new("REF_REFERRAL_CHAIN", detail, vec![row.reference()])
            });
        }
    });
    out
}

/// `NET_FLAGGED_NETWORK`: the candidate joins the networks of everyone their evidence names
/// (and those people alone, when in none); the others' levels before network evidence decide.
pub(crate) fn flagged_network(evidence: &[Evidence], known: &Known) -> Option<Hit> {
    let linking: Vec<&Evidence> = evidence.iter().filter(|e| !e.related.is_empty()).collect();
    let mut networks: BTreeSet<&str> = BTreeSet::new();
    let mut members: BTreeSet<u32> = BTreeSet::new();
    for id in linking.iter().flat_map(|e| &e.related) {
        let Some(index) = known.index_of(id) else {
            continue;
        };
        match known.network(index) {
            Some(network) => {
                networks.insert(network);
                members.extend(known.members(network));
            }
            None => {
                members.insert(index);
            }
        }
    }
    if members.is_empty() {
        return None;
    }
    let levels: Vec<(u32, u8, Level)> = members
        .iter()
        .map(|&m| {
            let (score, level) = known.own(m);
            (m, score, level)
        })
        .collect();
    let severe = levels.iter().filter(|(_, _, l)| *l >= Level::High).count();
    let medium = levels
        .iter()
        .filter(|(_, _, l)| *l == Level::Medium)
        .count();
    if severe == 0 && medium == 0 {
        return None;
    }
    let mut ranked = levels.clone();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| known.id(a.0).cmp(known.id(b.0))));
    let first: Vec<&str> = ranked
        .iter()
        .take(5)
        .map(|(m, _, _)| known.id(*m))
        .collect();
    let n = members.len();
    let network = if networks.is_empty() {
        "In a new persona network".to_string()
    } else {
        let ids: Vec<&str> = networks.into_iter().collect();
        format!("In persona network {}", ids.join(" + "))
    };
    let flagged = if severe > 0 {
        format!("{severe} of them at high or critical")
    } else {
        format!("{medium} of them at medium")
    };
    let detail = format!(
        "{network} with {n} other people, {flagged} on their own evidence \
         (most flagged first: {}{})",
        first.join(", "),
        if n > 5 { ", …" } else { "" }
    );
    let refs: Vec<String> = linking
        .iter()
        .flat_map(|e| e.refs.iter().cloned())
        .collect();
    Some(Hit {
        weight: Some(if severe > 0 { 25.0 } else { 12.0 }),
        ..Hit::new("NET_FLAGGED_NETWORK", detail, refs)
    })
}
