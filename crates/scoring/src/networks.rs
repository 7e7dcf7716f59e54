//! Persona networks: people joined by evidence that names other people (a shared address,
//! account, phone or identity, a referral), as connected components.

use redflag_model::{Evidence, Level, Network, PersonResult};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Groups `people` into networks through the `related` links of their evidence, sets each
/// member's `network`, and returns the networks, most severe first.
pub fn build_networks(people: &mut [PersonResult]) -> Vec<Network> {
    let index: HashMap<String, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.person.person_id.clone(), i))
        .collect();
    let mut parent: Vec<usize> = (0..people.len()).collect();
    for (i, person) in people.iter().enumerate() {
        for evidence in &person.evidence {
            for other in &evidence.related {
                if let Some(&j) = index.get(other) {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..people.len() {
        let root = find(&mut parent, i);
        components.entry(root).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = components.into_values().filter(|m| m.len() >= 2).collect();
    let level_of = |members: &[usize]| {
        members
            .iter()
            .map(|&i| people[i].level)
            .max()
            .unwrap_or(Level::None)
    };
    let first_id = |members: &[usize]| {
        members
            .iter()
            .map(|&i| people[i].person.person_id.clone())
            .min()
            .unwrap_or_default()
    };
    groups.sort_by(|a, b| {
        level_of(b)
            .cmp(&level_of(a))
            .then(b.len().cmp(&a.len()))
            .then_with(|| first_id(a).cmp(&first_id(b)))
    });
    let mut networks = Vec::with_capacity(groups.len());
    for (n, members) in groups.iter().enumerate() {
        let id = format!("N{}", n + 1);
        let mut seen = BTreeSet::new();
        let mut evidence: Vec<Evidence> = Vec::new();
        for &i in members {
            for e in people[i].evidence.iter().filter(|e| !e.related.is_empty()) {
                if seen.insert((e.indicator.clone(), e.refs.clone())) {
                    evidence.push(e.clone());
                }
            }
        }
        crate::sort_evidence(&mut evidence);
        let mut ids: Vec<String> = members
            .iter()
            .map(|&i| people[i].person.person_id.clone())
            .collect();
        ids.sort();
        networks.push(Network {
            network: id,
            members: ids,
            level: level_of(members),
            evidence,
        });
    }
    for (network, members) in networks.iter().zip(&groups) {
        for &i in members {
            people[i].network = Some(network.network.clone());
        }
    }
    networks
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use redflag_model::{Category, PersonSummary};

    fn person(id: &str, level: Level, related: &[&str]) -> PersonResult {
        let evidence = if related.is_empty() {
            vec![]
        } else {
            vec![Evidence {
                indicator: "PAY_ACCOUNT_SHARED_MANY".into(),
                title: "shared".into(),
                category: Category::Payment,
                weight: 30.0,
                detail: "shared account".into(),
                refs: vec![format!("payments.csv:{}", id.len())],
                sources: vec![],
                related: related.iter().map(|s| s.to_string()).collect(),
            }]
        };
        PersonResult {
            person: PersonSummary {
                person_id: id.into(),
                full_name: id.into(),
                ..Default::default()
            },
            score: 0,
            level,
            network: None,
            evidence,
        }
    }

    #[test]
    fn links_form_components_ranked_by_level() {
        let mut people = vec![
            person("P1", Level::Medium, &["P2"]),
            person("P2", Level::Medium, &["P1", "P3"]),
            person("P3", Level::Low, &[]),
            person("P4", Level::High, &["P5"]),
            person("P5", Level::High, &["P4"]),
            person("P6", Level::None, &[]),
        ];
        let networks = build_networks(&mut people);
        assert_eq!(networks.len(), 2);
        assert_eq!(networks[0].members, vec!["P4", "P5"]);
        assert_eq!(networks[0].network, "N1");
        assert_eq!(networks[1].members, vec!["P1", "P2", "P3"]);
        assert_eq!(people[2].network.as_deref(), Some("N2"));
        assert_eq!(people[5].network, None);
        assert!(!networks[1].evidence.is_empty());
    }
}
