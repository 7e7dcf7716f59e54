//! Every built-in rule has a case file `tests/cases/<RULE_ID>.case` holding small datasets:
//! at least one `positive` set on which the rule must hit exactly the listed people, and
//! at least one `lookalike` set (benign data that resembles the pattern) on which it must
//! hit exactly the listed people (usually nobody).
//!
//! Format:
//! ```text
//! == positive: P1 P2          (people the rule must hit, space-separated)
//! -- people.csv
//! person_id,full_name
//! P1,Ana Lima
//! -- contacts.csv
//! ...
//! == lookalike:
//! -- people.csv
//! ...
//! ```
//! A `prior_scores.csv` section (person_id,score,level) feeds phase-2 rules and a
//! `network_members.csv` section (network,person_id,score,level,refs) phase-3 rules. A `watchlists`
//! section names the real lists to screen the dataset against for the `WL_*` rules, one per
//! line: `curated` (redflag's built-in list), `ofac <dir>` or `un <file>` (paths under
//! `../shared/data/sanctions`). A `photos` section draws synthetic portraits into `photos/`,
//! one per line: `<person_id> <seed> [small]` (the same seed is the same picture; `small`
//! resizes it and saves it as JPEG).

use redflag_ingest::{load_dataset, LoadOptions};
use redflag_model::Level;
use redflag_rules::{builtin_rules, watchlist_hits, NetworkMember, Rule, RuleEngine};
use redflag_watchlist::{curated, read_ofac_dir, read_un_xml, Screener, Watchlists};
use std::collections::BTreeSet;
use std::path::Path;

struct Scenario {
    label: String,
    expected: BTreeSet<String>,
    files: Vec<(String, String)>,
}

fn parse_case(text: &str) -> Vec<Scenario> {
    let mut scenarios: Vec<Scenario> = Vec::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("== ") {
            let (label, people) = header.split_once(':').expect("`== label: ids` header");
            scenarios.push(Scenario {
                label: label.trim().to_string(),
                expected: people.split_whitespace().map(str::to_string).collect(),
                files: Vec::new(),
            });
        } else if let Some(file) = line.strip_prefix("-- ") {
            let scenario = scenarios.last_mut().expect("a `==` header before files");
            scenario
                .files
                .push((file.trim().to_string(), String::new()));
        } else if let Some(scenario) = scenarios.last_mut() {
            if let Some((_, body)) = scenario.files.last_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    scenarios
}

fn prior_scores(text: &str) -> Vec<(String, u8, Level)> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split(',').collect();
            (
                cols[0].to_string(),
                cols[1].parse().expect("score"),
                Level::from_name(cols[2]).expect("level"),
            )
        })
        .collect()
}

/// `network,person_id,score,level,refs` rows (refs `;`-separated) for phase-3 rules.
fn network_members(text: &str) -> Vec<NetworkMember> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split(',').collect();
            NetworkMember {
                network: cols[0].to_string(),
                person_id: cols[1].to_string(),
                score: cols[2].parse().expect("score"),
                level: Level::from_name(cols[3]).expect("level"),
                refs: cols[4].split(';').map(str::to_string).collect(),
            }
        })
        .collect()
}

/// The lists a `watchlists` section names, read from the real files.
fn screener(body: &str) -> Screener {
    let shared = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/sanctions");
    let mut lists = Watchlists::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let list = match line.split_once(' ') {
            None if line == "curated" => curated(),
            Some(("ofac", dir)) => read_ofac_dir(&shared.join(dir), None).expect("OFAC list"),
            Some(("un", file)) => read_un_xml(&shared.join(file)).expect("UN list"),
            _ => panic!("unknown watchlists line {line:?}"),
        };
        lists.push(list).expect("distinct lists");
    }
    Screener::new(lists)
}

/// Writes the pictures a `photos` section describes, one per line:
/// `<person_id> <seed> [small]`: a synthetic portrait drawn from `seed` as
/// `photos/<person_id>.png`, or with `small` resized to 60% and saved as JPEG.
fn write_photos(dir: &Path, body: &str) {
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let seed: u64 = parts[1].parse().expect("`<person_id> <seed> [small]`");
        let picture = redflag_photos::synthetic::portrait(seed);
        match parts.get(2) {
            Some(&"small") => picture
                .resize(154, 192, image::imageops::FilterType::Triangle)
                .to_rgb8()
                .save(photos.join(format!("{}.jpg", parts[0]))),
            None => picture.save(photos.join(format!("{}.png", parts[0]))),
            Some(other) => panic!("unknown photo option {other:?} in {line:?}"),
        }
        .unwrap();
    }
}

async fn run_scenario(rule: &Rule, scenario: &Scenario) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut priors = Vec::new();
    let mut lists = None;
    let mut members = Vec::new();
    for (name, body) in &scenario.files {
        if name == "prior_scores.csv" {
            priors = prior_scores(body);
            continue;
        }
        if name == "network_members.csv" {
            members = network_members(body);
            continue;
        }
        if name == "watchlists" {
            lists = Some(screener(body));
            continue;
        }
        if name == "photos" {
            write_photos(dir.path(), body);
            continue;
        }
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    let dataset = load_dataset(dir.path(), LoadOptions::default()).unwrap_or_else(|e| {
        panic!(
            "{} / {}: dataset does not load: {e}",
            rule.id, scenario.label
        )
    });
    let engine = RuleEngine::new(&dataset, vec![rule.clone()])
        .await
        .unwrap_or_else(|e| panic!("{} / {}: {e}", rule.id, scenario.label));
    engine.register_prior_scores(&priors).unwrap();
    engine.register_network_members(&members).unwrap();
    if let Some(screener) = lists {
        engine
            .register_watchlist_hits(vec![watchlist_hits(&dataset, &screener)])
            .unwrap();
    }
    let hits = engine.run_phase(rule.phase).await.unwrap();
    for hit in &hits {
        assert_eq!(hit.evidence.indicator, rule.id);
        assert!(!hit.evidence.detail.is_empty(), "{}: empty detail", rule.id);
        assert!(
            !hit.evidence.refs.is_empty(),
            "{}: evidence without source rows",
            rule.id
        );
        assert!(
            !hit.evidence.sources.is_empty(),
            "{}: evidence without guidance",
            rule.id
        );
        assert!(hit.evidence.weight > 0.0 && hit.evidence.weight <= 100.0);
        for r in &hit.evidence.refs {
            let (file, line) = r.rsplit_once(':').expect("refs are file:line");
            assert!(
                dir.path().join(file).exists(),
                "{}: ref {r} names no file",
                rule.id
            );
            assert!(line.parse::<u64>().unwrap() >= 1);
        }
    }
    hits.into_iter().map(|h| h.person_id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_rule_hits_its_positives_and_spares_its_lookalikes() {
    let cases = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("tests/cases");
    let rules = builtin_rules().expect("built-in rules parse");
    let mut failures = Vec::new();
    for rule in &rules {
        let path = cases.join(format!("{}.case", rule.id));
        let Ok(text) = std::fs::read_to_string(&path) else {
            failures.push(format!("{}: no test case file {}", rule.id, path.display()));
            continue;
        };
        let scenarios = parse_case(&text);
        let labels: Vec<&str> = scenarios.iter().map(|s| s.label.as_str()).collect();
        if !labels.iter().any(|l| l.starts_with("positive"))
            || !labels.iter().any(|l| l.starts_with("lookalike"))
        {
            failures.push(format!(
                "{}: needs a positive and a lookalike scenario",
                rule.id
            ));
        }
        for scenario in &scenarios {
            if scenario.label.starts_with("positive") && scenario.expected.is_empty() {
                failures.push(format!(
                    "{} / {}: a positive must expect hits",
                    rule.id, scenario.label
                ));
            }
            let got = run_scenario(rule, scenario).await;
            if got != scenario.expected {
                failures.push(format!(
                    "{} / {}: expected hits {:?}, got {:?}",
                    rule.id, scenario.label, scenario.expected, got
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rule case failures:\n{}",
        failures.join("\n")
    );
}
