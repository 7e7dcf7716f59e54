//! False positives on public top-domain lists: the Cisco Umbrella top 1,000 and the Tranco top
//! 10,000 as the MISP warning lists ship them (PyPI `pymispwarninglists`), each domain checked
//! against all the others with the real Public Suffix List (PyPI `publicsuffixlist`). Both
//! wheels are fetched with pip into `~/.cache/redflag-test-packages` the first time (set
//! `REDFLAG_TEST_PACKAGES` to use another folder of wheels); nothing else is downloaded.
//!
//! Domains with the same name under different suffixes (microsoft.com, microsoft.net) are one
//! organisation, as a user would list them together; they are not counted against each other.
//!
//! Run `cargo test -p redflag-domains --test toplists -- --nocapture` for the numbers
//! (`bench/domains.sh` does, and `docs/benchmarks.md` records them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use redflag_domains::install::{find_wheel, pip_download, Wheel};
use redflag_domains::{DomainChecker, DomainData, DomainName, RealDomain, SuffixList};

fn packages() -> PathBuf {
    let dir = std::env::var_os("REDFLAG_TEST_PACKAGES")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/redflag-test-packages"))
        })
        .unwrap_or_else(|| std::env::temp_dir().join("redflag-test-packages"));
    std::fs::create_dir_all(&dir).unwrap();
    for (prefix, package) in [
        ("pymispwarninglists-", "pymispwarninglists"),
        ("publicsuffixlist-", "publicsuffixlist"),
    ] {
        if find_wheel(&dir, prefix).is_err() {
            pip_download("pip".as_ref(), package, &dir).unwrap_or_else(|e| {
                panic!("{e} (set REDFLAG_TEST_PACKAGES to a folder holding the wheel)")
            });
        }
    }
    dir
}

struct Measured {
    listed: usize,
    registrable: usize,
    same_name_groups: usize,
    flagged: BTreeMap<String, Vec<String>>,
}

fn measure(list: &str) -> Measured {
    let dir = packages();
    let psl_wheel = Wheel::open(&find_wheel(&dir, "publicsuffixlist-").unwrap()).unwrap();
    let psl_text = psl_wheel
        .text("publicsuffixlist/public_suffix_list.dat")
        .unwrap();
    let suffixes = SuffixList::parse(&psl_text, "public_suffix_list.dat").unwrap();
    let misp = Wheel::open(&find_wheel(&dir, "pymispwarninglists-").unwrap()).unwrap();
    let inner = format!("pymispwarninglists/data/misp-warninglists/lists/{list}/list.json");
    let json: serde_json::Value = serde_json::from_str(&misp.text(&inner).unwrap()).unwrap();
    let hosts: Vec<String> = json["list"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let mut names: BTreeMap<String, DomainName> = BTreeMap::new();
    for host in &hosts {
        if let Ok(name) = DomainName::parse(host, &suffixes) {
            names.entry(name.registrable()).or_insert(name);
        }
    }
    let real: Vec<RealDomain> = names
        .values()
        .map(|name| RealDomain {
            domain: name.clone(),
            name: String::new(),
            kind: "listed".into(),
            copied_by: Vec::new(),
            source: list.into(),
        })
        .collect();
    let mut labels: BTreeMap<&str, usize> = BTreeMap::new();
    for name in names.values() {
        *labels.entry(name.label.as_str()).or_default() += 1;
    }
    let checker = DomainChecker::with_lists(
        DomainData::with_suffixes(suffixes.clone()),
        real,
        Vec::new(),
    );
    let mut flagged = BTreeMap::new();
    for (registrable, name) in &names {
        let found: Vec<String> = checker
            .lookalikes(name)
            .into_iter()
            .filter(|l| {
                // Another suffix of the same name is the same organisation.
                l.of.split_once('.').map(|(label, _)| label) != Some(name.label.as_str())
            })
            .map(|l| {
                format!(
                    "{} ({}: {})",
                    l.of, l.resemblance.family, l.resemblance.change
                )
            })
            .collect();
        if !found.is_empty() {
            flagged.insert(registrable.clone(), found);
        }
    }
    Measured {
        listed: hosts.len(),
        registrable: names.len(),
        same_name_groups: labels.values().filter(|&&n| n > 1).count(),
        flagged,
    }
}

fn report(list: &str, m: &Measured) {
    println!(
        "{list}: {} hosts listed, {} registrable domains ({} names under several suffixes), \
         {} flagged as a lookalike of another: false-positive rate {:.2}%",
        m.listed,
        m.registrable,
        m.same_name_groups,
        m.flagged.len(),
        100.0 * m.flagged.len() as f64 / m.registrable as f64
    );
    for (domain, of) in &m.flagged {
        println!("  {domain} ~ {}", of.join("; "));
    }
}

#[test]
fn none_of_the_umbrella_top_1000_is_a_lookalike_of_another() {
    let m = measure("cisco_top1000");
    report("cisco_top1000", &m);
    assert_eq!(m.listed, 1000);
    assert!(m.registrable > 250, "{}", m.registrable);
    assert!(m.flagged.is_empty(), "{:#?}", m.flagged);
}

#[test]
fn the_tranco_top_10000_against_each_other() {
    let m = measure("tranco10k");
    report("tranco10k", &m);
    assert_eq!(m.listed, 10_000);
    // Among 10,000 real domains some are genuinely one letter apart (see docs/benchmarks.md);
    // the rate must stay low.
    let rate = m.flagged.len() as f64 / m.registrable as f64;
    assert!(rate < 0.03, "false-positive rate {rate}");
    let flagged: BTreeSet<&str> = m.flagged.keys().map(String::as_str).collect();
    assert!(!flagged.contains("google.com") && !flagged.contains("microsoft.com"));
}
