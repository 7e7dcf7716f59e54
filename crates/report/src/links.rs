//! `redflag link`: the persona networks of a report, with every link explained.
//!
//! A link is one person's evidence naming another (a shared address, account, phone, device
//! or identity; a referral): the edge, the indicator, what was found and the rows it was found
//! in. Members are listed with their level, so an analyst sees who holds the network together.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use redflag_model::{Level, PersonResult, Report};
use serde::Serialize;

use crate::text::{scrub, truncate};

/// One network as `redflag link` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkView {
    /// Network id (`N1`, …), most severe first.
    pub network: String,
    /// Highest member level.
    pub level: Level,
    /// The members, most flagged first.
    pub members: Vec<MemberView>,
    /// Every link between two members, each with its evidence.
    pub links: Vec<LinkView>,
}

/// A member of a network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberView {
    /// The person.
    pub person_id: String,
    /// Their name as given.
    pub full_name: String,
    /// Their level and score.
    pub level: Level,
    /// Their score.
    pub score: u8,
}

/// One link: `from`'s evidence names `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkView {
    /// The person whose evidence it is.
    pub from: String,
    /// The person it names.
    pub to: String,
    /// The indicator.
    pub indicator: String,
    /// What was found.
    pub detail: String,
    /// The data rows behind it (`file:line`).
    pub refs: Vec<String>,
}

/// The networks of `report` with their members and links.
pub fn network_views(report: &Report) -> Vec<NetworkView> {
    let people: HashMap<&str, &PersonResult> = report
        .people
        .iter()
        .map(|p| (p.person.person_id.as_str(), p))
        .collect();
    report
        .networks
        .iter()
        .map(|n| {
            let mut members: Vec<MemberView> = n
                .members
                .iter()
                .filter_map(|id| people.get(id.as_str()))
                .map(|p| MemberView {
                    person_id: p.person.person_id.clone(),
                    full_name: p.person.full_name.clone(),
                    level: p.level,
                    score: p.score,
                })
                .collect();
            members.sort_by(|a, b| b.score.cmp(&a.score).then(a.person_id.cmp(&b.person_id)));
            let in_network: BTreeSet<&str> = n.members.iter().map(String::as_str).collect();
            // One link per (pair, indicator): the same fact seen from both sides is one edge.
            let mut links: BTreeMap<(String, String, String), LinkView> = BTreeMap::new();
            for id in &n.members {
                let Some(person) = people.get(id.as_str()) else {
                    continue;
                };
                for e in &person.evidence {
                    for other in e.related.iter().filter(|o| in_network.contains(o.as_str())) {
                        let (a, b) = if id < other { (id, other) } else { (other, id) };
                        links
                            .entry((a.clone(), b.clone(), e.indicator.clone()))
                            .or_insert_with(|| LinkView {
                                from: id.clone(),
                                to: other.clone(),
                                indicator: e.indicator.clone(),
                                detail: e.detail.clone(),
                                refs: e.refs.clone(),
                            });
                    }
                }
            }
            NetworkView {
                network: n.network.clone(),
                level: n.level,
                members,
                links: links.into_values().collect(),
            }
        })
        .collect()
}

/// Writes the networks as JSON: `{"networks": [NetworkView...]}`.
pub fn write_links_json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let views = network_views(report);
    serde_json::to_writer_pretty(
        &mut *out,
        &serde_json::json!({ "networks": views, "hubs": report.summary.hubs }),
    )?;
    writeln!(out)
}

/// The identifiers treated as hubs (not used to link), after the networks.
fn write_hubs_terminal(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    if report.summary.hubs.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Hubs: shared by many otherwise unrelated people, so not used to link anyone"
    )?;
    for h in &report.summary.hubs {
        writeln!(
            out,
            "  {} {}: {} people (a hub above {} in this dataset)",
            scrub(&h.kind),
            truncate(&scrub(&h.key), 60),
            h.people,
            h.threshold
        )?;
    }
    Ok(())
}

/// Writes the networks for a terminal: members, then every link with its evidence. Text from
/// the data is scrubbed of control characters.
pub fn write_links_terminal(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let views = network_views(report);
    if views.is_empty() {
        writeln!(out, "No persona networks: no evidence links two people.")?;
        return write_hubs_terminal(report, out);
    }
    for v in &views {
        writeln!(
            out,
            "{} ({}, {} members, {} links)",
            v.network,
            v.level.name(),
            v.members.len(),
            v.links.len()
        )?;
        for m in &v.members {
            writeln!(
                out,
                "  {:<10} {:>3} {:<9} {}",
                truncate(&scrub(&m.person_id), 10),
                m.score,
                m.level.name(),
                truncate(&scrub(&m.full_name), 40)
            )?;
        }
        for l in &v.links {
            writeln!(
                out,
                "  {} — {}  {}",
                scrub(&l.from),
                scrub(&l.to),
                scrub(&l.indicator)
            )?;
            writeln!(out, "      {}", truncate(&scrub(&l.detail), 160))?;
            if !l.refs.is_empty() {
                let refs: Vec<String> = l
                    .refs
                    .iter()
                    .take(6)
                    .map(|r| scrub(r).into_owned())
                    .collect();
                let more = l.refs.len().saturating_sub(6);
                writeln!(
                    out,
                    "      rows: {}{}",
                    refs.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                )?;
            }
        }
        writeln!(out)?;
    }
    write_hubs_terminal(report, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    #[test]
    fn every_link_names_both_people_its_indicator_and_rows() {
        let report = fixture::report();
        let views = network_views(&report);
        assert_eq!(views.len(), report.networks.len());
        for v in &views {
            assert!(!v.links.is_empty(), "{} has no links", v.network);
            for l in &v.links {
                let members: Vec<&str> = v.members.iter().map(|m| m.person_id.as_str()).collect();
                assert!(members.contains(&l.from.as_str()) && members.contains(&l.to.as_str()));
                assert!(!l.refs.is_empty() && !l.indicator.is_empty());
            }
        }
    }

    #[test]
    fn terminal_output_scrubs_escape_sequences() {
        let mut out = Vec::new();
        write_links_terminal(&fixture::report(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("N1 ("));
        assert!(!text.contains('\x1b'), "{text}");
    }

    #[test]
    fn hubs_follow_the_networks_in_both_outputs() {
        let report = fixture::report();
        let mut out = Vec::new();
        write_links_terminal(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let hubs = text.find("Hubs: shared by many").expect("a hubs section");
        assert!(hubs > text.find("N1 (").unwrap(), "after the networks");
        assert!(text.contains("address 1 corporate plz <springfield> il 62701: 312 people"));
        let mut json = Vec::new();
        write_links_json(&report, &mut json).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value["hubs"][0]["people"], 312);
        assert_eq!(value["hubs"][0]["threshold"], 25);
    }
}
