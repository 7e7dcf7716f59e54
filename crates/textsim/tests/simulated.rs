//! Résumés from the real simulator: every pair of personas built from one template links,
//! and no other pair does.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use redflag_sim::{simulate, SimConfig};
use redflag_textsim::{NearDup, NearDupIndex};

/// Scenario kinds whose members get a shared résumé template (`resume_template` in
/// `crates/sim/src/scenarios/flagged.rs`).
const TEMPLATE_KINDS: &[&str] = &[
    "laptop_farm",
    "identity_lender",
    "account_renting",
    "vendor_front",
];

/// The pairing threshold a screening run would use.
const MIN_JACCARD: f64 = 0.2;

struct Dataset {
    index: NearDupIndex,
    /// Person number → template key, for template-built résumés only.
    template_of: HashMap<u32, String>,
    resumes: usize,
}

fn person_number(id: &str) -> u32 {
    id.trim_start_matches('P')
        .parse()
        .expect("person id P<digits>")
}

fn load(dir: &Path, min_shared: Option<usize>) -> Dataset {
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut people = csv::Reader::from_path(dir.join("people.csv")).unwrap();
    for row in people.records() {
        let row = row.unwrap();
        names.insert(person_number(&row[0]), row[1].to_string());
    }
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let mut builder = NearDupIndex::builder();
    if let Some(m) = min_shared {
        builder = builder.min_shared(m);
    }
    let mut texts: BTreeMap<u32, String> = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("resumes")).unwrap() {
        let path = entry.unwrap().path();
        let id = person_number(path.file_stem().unwrap().to_str().unwrap());
        texts.insert(id, std::fs::read_to_string(&path).unwrap());
    }
    for (&id, text) in &texts {
        let name = names.get(&id).map_or("", String::as_str);
        builder.add(id, text, &[name]);
    }
    // Members of one scenario share one template; two scenarios share one when the
    // simulator's `template % TEMPLATES.len()` coincides, which shows as the same summary
    // paragraph (truth.json does not record the index).
    let mut template_of = HashMap::new();
    for s in truth["scenarios"].as_array().unwrap() {
        if !TEMPLATE_KINDS.contains(&s["kind"].as_str().unwrap()) {
            continue;
        }
        let mut keys = BTreeSet::new();
        for p in s["person_ids"].as_array().unwrap() {
            let id = person_number(p.as_str().unwrap());
            let text = texts.get(&id).expect("template personas have résumés");
            let summary = text
                .split("SUMMARY\n")
                .nth(1)
                .and_then(|t| t.lines().next())
                .unwrap()
                .to_string();
            keys.insert(summary.clone());
            template_of.insert(id, summary);
        }
        assert_eq!(keys.len(), 1, "one template per scenario in {}", s["id"]);
    }
    Dataset {
        index: builder.build(),
        template_of,
        resumes: texts.len(),
    }
}

fn check_seed(seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let config = SimConfig {
        people: 1500,
        seed,
        ..SimConfig::default()
    };
    simulate(&config, dir.path()).unwrap();
    let data = load(dir.path(), None);

    let mut expected = BTreeSet::new();
    for (&a, ta) in &data.template_of {
        for (&b, tb) in &data.template_of {
            if a < b && ta == tb {
                expected.insert((a, b));
            }
        }
    }
    assert!(
        expected.len() >= 10,
        "seed {seed}: too few template pairs to test"
    );

    let found: Vec<NearDup> = data.index.pairs(MIN_JACCARD);
    let found_set: BTreeSet<(u32, u32)> = found.iter().map(|p| (p.a, p.b)).collect();
    let missed: Vec<_> = expected.difference(&found_set).collect();
    let false_links: Vec<&NearDup> = found
        .iter()
        .filter(|p| !expected.contains(&(p.a, p.b)))
        .collect();
    let min_true = found
        .iter()
        .filter(|p| expected.contains(&(p.a, p.b)))
        .map(|p| p.jaccard)
        .fold(1.0, f64::min);
    let min_true_shared = found.iter().map(|p| p.shared).min().unwrap_or(0);
    // The margin: the closest pair of different templates when one shared shingle would do.
    let loose = load(dir.path(), Some(1));
    let others: Vec<NearDup> = loose
        .index
        .pairs(0.0)
        .into_iter()
        .filter(|p| !expected.contains(&(p.a, p.b)))
        .collect();
    let most_shared = others.iter().map(|p| p.shared).max().unwrap_or(0);
    let closest_other = others.iter().map(|p| p.jaccard).fold(0.0, f64::max);
    let stats = data.index.stats();
    eprintln!(
        "seed {seed}: {} résumés, {} template pairs, found {} (recall {}/{}), false links {}, \
         lowest template-pair J {min_true:.3} and {min_true_shared} shared shingles; \
         other pairs: highest J {closest_other:.3}, most shared {most_shared}; {} candidates, {} boilerplate of {} shingles (df > {})",
        data.resumes,
        expected.len(),
        found.len(),
        expected.len() - missed.len(),
        expected.len(),
        false_links.len(),
        stats.candidate_pairs,
        stats.boilerplate_shingles,
        stats.distinct_shingles,
        stats.max_df,
    );
    assert!(
        missed.is_empty(),
        "seed {seed}: missed template pairs {missed:?}"
    );
    assert!(
        false_links.is_empty(),
        "seed {seed}: linked résumés from different templates: {false_links:#?}"
    );
    // Every link explains itself with a passage of the template.
    for p in &found {
        let template = &data.template_of[&p.a];
        let folded = redflag_textsim::normalize(template, &[]).replace('\n', " ");
        assert!(
            p.shared_shingles_sample
                .iter()
                .any(|s| folded.contains(s.as_str())),
            "{p:?} sample does not quote the template"
        );
    }
    assert!(
        stats.capped_buckets.is_empty(),
        "{:?}",
        stats.capped_buckets
    );
}

#[test]
fn seed_7_links_every_template_pair_and_nothing_else() {
    check_seed(7);
}

#[test]
fn seed_2024_links_every_template_pair_and_nothing_else() {
    check_seed(2024);
}
