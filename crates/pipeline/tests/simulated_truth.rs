//! End to end on a simulated workforce: every embedded persona network is flagged, and
//! every benign look-alike (households, office IPs, travellers, Korean-speaking staff, IT
//! staff with remote tools, movers…) stays at low or none.

use redflag_model::{Level, Report};
use redflag_pipeline::{screen, ScreenOptions};
use redflag_sim::{simulate, SimConfig};
use std::collections::HashMap;

struct Scenario {
    id: String,
    kind: String,
    expect: String,
    person_ids: Vec<String>,
}

fn scenarios(dir: &std::path::Path) -> Vec<Scenario> {
    let text = std::fs::read_to_string(dir.join("truth.json")).expect("truth.json");
    let truth: serde_json::Value = serde_json::from_str(&text).expect("truth.json parses");
    truth["scenarios"]
        .as_array()
        .expect("scenarios list")
        .iter()
        .map(|s| Scenario {
            id: s["id"].as_str().unwrap().to_string(),
            kind: s["kind"].as_str().unwrap().to_string(),
            expect: s["expect"].as_str().unwrap().to_string(),
            person_ids: s["person_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().to_string())
                .collect(),
        })
        .collect()
}

/// Everyone the simulation expects to be flagged: members of flagged scenarios and the
/// facilitators behind them.
fn flagged_ids(dir: &std::path::Path) -> std::collections::HashSet<String> {
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let mut flagged: std::collections::HashSet<String> = scenarios(dir)
        .iter()
        .filter(|s| s.expect == "flagged")
        .flat_map(|s| s.person_ids.iter().cloned())
        .collect();
    for f in truth["facilitators"].as_array().unwrap() {
        flagged.insert(f["person_id"].as_str().unwrap().to_string());
    }
    flagged
}

async fn screened(people: usize, seed: u64) -> (tempfile::TempDir, Report) {
    let dir = tempfile::tempdir().unwrap();
    let config = SimConfig {
        people,
        seed,
        signins_per_person: 20,
        activity_per_person: 10,
    };
    simulate(&config, dir.path()).expect("simulation writes a dataset");
    // As the demo does: screened against redflag's built-in curated list too.
    let lists = redflag_watchlist::Watchlists::new()
        .with(redflag_watchlist::curated())
        .unwrap();
    let options = ScreenOptions {
        screener: Some(std::sync::Arc::new(redflag_pipeline::Screener::new(lists))),
        ..ScreenOptions::default()
    };
    let report = screen(dir.path(), &options)
        .await
        .expect("the simulated dataset screens cleanly");
    (dir, report)
}

fn check(report: &Report, scenarios: &[Scenario]) -> Vec<String> {
    let levels: HashMap<&str, Level> = report
        .people
        .iter()
        .map(|p| (p.person.person_id.as_str(), p.level))
        .collect();
    let mut problems = Vec::new();
    for s in scenarios {
        let member_levels: Vec<Level> = s
            .person_ids
            .iter()
            .map(|id| {
                *levels
                    .get(id.as_str())
                    .expect("scenario people are screened")
            })
            .collect();
        let shown = || {
            format!(
                "{:?}",
                s.person_ids.iter().zip(&member_levels).collect::<Vec<_>>()
            )
        };
        match s.expect.as_str() {
            "flagged" => {
                if member_levels.iter().any(|l| *l < Level::Medium) {
                    problems.push(format!(
                        "{} ({}): a member is below medium: {}",
                        s.id,
                        s.kind,
                        shown()
                    ));
                }
                if !member_levels.iter().any(|l| *l >= Level::High) {
                    problems.push(format!(
                        "{} ({}): nobody reaches high: {}",
                        s.id,
                        s.kind,
                        shown()
                    ));
                }
            }
            "benign" => {
                if member_levels.iter().any(|l| *l > Level::Low) {
                    problems.push(format!(
                        "{} ({}): a look-alike is above low: {}",
                        s.id,
                        s.kind,
                        shown()
                    ));
                }
            }
            other => problems.push(format!("{}: unknown expectation {other}", s.id)),
        }
    }
    problems
}

/// Every job held under a lent identity is found as one identity employed elsewhere at the
/// same time, also the jobs whose records spell the name differently and lack the tax id:
/// those only the identity matcher (`identity_matches`) can join to the others.
fn check_lent_identities(report: &Report, scenarios: &[Scenario], seed: u64) {
    let mut matched_by_model = 0;
    for s in scenarios.iter().filter(|s| s.kind == "identity_lender") {
        for id in &s.person_ids {
            let person = report
                .people
                .iter()
                .find(|p| &p.person.person_id == id)
                .expect("scenario people are screened");
            let jobs: Vec<&str> = person
                .evidence
                .iter()
                .filter(|e| e.indicator == "BEH_MULTIPLE_JOBS")
                .map(|e| e.detail.as_str())
                .collect();
            assert!(
                !jobs.is_empty(),
                "seed {seed}, {}: {id} is not found holding other jobs",
                s.id
            );
            if jobs
                .iter()
                .any(|d| d.contains("records matched with probability"))
            {
                matched_by_model += 1;
            }
        }
    }
    assert!(
        matched_by_model > 0,
        "seed {seed}: no lent identity needed the identity matcher"
    );
}

/// Rules whose behaviour the simulator plants in particular people's sign-ins and records.
const PLANTED_RULES: &[&str] = &[
    "NET_MULTI_IP_SHORT_WINDOW",
    "NET_CONTINUOUS_LOGIN",
    "NET_GEO_VS_CLAIMED",
    "NET_SHARED_MFA_DEVICE",
    "APP_PROFILE_RESUME_MISMATCH",
    "BEH_PREPAYMENT_AGGRESSION",
];

/// Each planted behaviour is found: every rule above has evidence for a flagged
/// person, and for every worker the truth says shows it. The look-alikes built to resemble
/// them (one change of country on landing, a session just under a day, a couple's family
/// iPad) get none, except the move abroad, whose claimed-country evidence may fire but
/// only at its base weight.
fn check_planted_evidence(report: &Report, dir: &std::path::Path, seed: u64) {
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let flagged = flagged_ids(dir);
    let evidence = |rule: &str| -> HashMap<&str, f64> {
        report
            .people
            .iter()
            .filter_map(|p| {
                p.evidence
                    .iter()
                    .filter(|e| e.indicator == rule)
                    .map(|e| e.weight)
                    .reduce(f64::max)
                    .map(|w| (p.person.person_id.as_str(), w))
            })
            .collect()
    };
    for rule in PLANTED_RULES {
        let with = evidence(rule);
        let found = with.keys().filter(|p| flagged.contains(**p)).count();
        eprintln!(
            "seed {seed}: {rule}: {} people with evidence, {found} of them flagged",
            with.len()
        );
        assert!(
            found > 0,
            "seed {seed}: no flagged person has {rule} evidence"
        );
        for s in truth["scenarios"].as_array().unwrap() {
            for planted in s["planted"].as_array().into_iter().flatten() {
                if planted["signal"] != *rule {
                    continue;
                }
                for id in planted["person_ids"].as_array().unwrap() {
                    let id = id.as_str().unwrap();
                    match (s["expect"].as_str().unwrap(), s["kind"].as_str().unwrap()) {
                        ("flagged", _) => assert!(
                            with.contains_key(id),
                            "seed {seed}, {}: planted {rule} not found for {id}",
                            s["id"]
                        ),
                        (_, "moved_abroad") => assert!(
                            with.get(id).is_none_or(|w| *w <= 15.0),
                            "seed {seed}, {}: {rule} weighs {:?} for {id}",
                            s["id"],
                            with.get(id)
                        ),
                        _ => assert!(
                            !with.contains_key(id),
                            "seed {seed}, {}: look-alike {id} has {rule} evidence",
                            s["id"]
                        ),
                    }
                }
            }
        }
    }
}

/// The rules that read messages (requests to be paid ahead, in crypto or to someone else,
/// hostility, extortion).
const MESSAGE_RULES: &[&str] = &[
    "BEH_PREPAYMENT_AGGRESSION",
    "EXF_POST_TERMINATION_EXTORTION",
    "PAY_CRYPTO_REQUEST",
    "PAY_THIRD_PARTY_REQUEST",
];

/// Everyone's ordinary messages (IT tickets, HR questions, laptop shipping notices, stand-up
/// chat) give the message rules nothing: their evidence is only on members of the
/// scenarios the simulation wrote such messages for.
fn check_message_evidence(report: &Report, scenarios: &[Scenario], seed: u64) {
    let members: std::collections::HashSet<&str> = scenarios
        .iter()
        .flat_map(|s| s.person_ids.iter().map(String::as_str))
        .collect();
    let mut with = 0;
    for person in &report.people {
        for e in &person.evidence {
            if MESSAGE_RULES.contains(&e.indicator.as_str()) {
                with += 1;
                assert!(
                    members.contains(person.person.person_id.as_str()),
                    "seed {seed}: {} has {} evidence outside any scenario: {}",
                    person.person.person_id,
                    e.indicator,
                    e.detail
                );
            }
        }
    }
    assert!(with > 0, "seed {seed}: no message evidence at all");
}

/// The simulation seeds the end-to-end checks run: 7 and 2024, or the comma-separated list in
/// `REDFLAG_SIM_SEEDS` (to try the same checks on other workforces).
fn seeds() -> Vec<u64> {
    match std::env::var("REDFLAG_SIM_SEEDS") {
        Ok(list) => list
            .split(',')
            .map(|s| s.trim().parse().expect("REDFLAG_SIM_SEEDS holds numbers"))
            .collect(),
        Err(_) => vec![7, 2024],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn networks_are_flagged_and_lookalikes_are_not() {
    for seed in seeds() {
        let (dir, report) = screened(1500, seed).await;
        let scenarios = scenarios(dir.path());
        let kinds: Vec<&str> = scenarios.iter().map(|s| s.kind.as_str()).collect();
        for needed in [
            "laptop_farm",
            "referral_pair",
            "day_one_compromise",
            "identity_lender",
            "account_renting",
            "vendor_front",
            "extortion",
            "household",
            "korean_speaking",
            "it_staff_remote_tools",
            "traveller",
            "long_flight",
            "moved_abroad",
        ] {
            assert!(kinds.contains(&needed), "seed {seed}: no {needed} scenario");
        }
        let problems = check(&report, &scenarios);
        assert!(problems.is_empty(), "seed {seed}:\n{}", problems.join("\n"));
        check_lent_identities(&report, &scenarios, seed);
        check_planted_evidence(&report, dir.path(), seed);
        check_message_evidence(&report, &scenarios, seed);
        // Every person appears in the report, flagged or not.
        assert_eq!(report.people.len(), 1500);
        // Most of a realistic workforce is not flagged at all.
        let flagged = report
            .people
            .iter()
            .filter(|p| p.level >= Level::Medium)
            .count();
        assert!(
            flagged < 1500 / 10,
            "seed {seed}: {flagged} people at medium or above"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flagged_networks_appear_as_networks_with_evidence() {
    let (dir, report) = screened(600, 11).await;
    let scenarios = scenarios(dir.path());
    let network_of: HashMap<&str, Option<&str>> = report
        .people
        .iter()
        .map(|p| (p.person.person_id.as_str(), p.network.as_deref()))
        .collect();
    for s in scenarios.iter().filter(|s| {
        matches!(
            s.kind.as_str(),
            "laptop_farm" | "account_renting" | "identity_lender"
        )
    }) {
        let networks: Vec<Option<&str>> = s
            .person_ids
            .iter()
            .map(|id| network_of[id.as_str()])
            .collect();
        assert!(
            networks.iter().all(Option::is_some),
            "{}: members outside any network",
            s.id
        );
        assert!(
            networks.windows(2).all(|w| w[0] == w[1]),
            "{}: members split across networks {networks:?}",
            s.id
        );
        // Network evidence reaches the members: someone in it is told who else is flagged.
        assert!(
            s.person_ids.iter().any(|id| report
                .people
                .iter()
                .find(|p| &p.person.person_id == id)
                .is_some_and(|p| p
                    .evidence
                    .iter()
                    .any(|e| e.indicator == "NET_FLAGGED_NETWORK"))),
            "{}: no member carries network evidence",
            s.id
        );
        let id = networks[0].unwrap();
        let network = report.networks.iter().find(|n| n.network == id).unwrap();
        assert!(!network.evidence.is_empty());
        assert!(network
            .evidence
            .iter()
            .all(|e| !e.refs.is_empty() && !e.sources.is_empty()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_times_every_stage_and_rule() {
    let (_dir, report) = screened(200, 3).await;
    let stages: Vec<&str> = report
        .summary
        .timings
        .iter()
        .map(|t| t.stage.as_str())
        .collect();
    for stage in [
        "load",
        "derive:contact_keys",
        "phase1",
        "phase2",
        "score",
        "networks",
    ] {
        assert!(stages.contains(&stage), "{stage} missing from {stages:?}");
    }
    let rules = redflag_rules::builtin_rules().unwrap();
    for rule in &rules {
        let stage = format!("rule:{}", rule.id);
        assert!(stages.contains(&stage.as_str()), "{stage} missing");
    }
    assert_eq!(stages[0], "load", "stages in run order");
    assert!(report.summary.timings.iter().all(|t| t.seconds >= 0.0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn front_vendors_on_the_curated_list_are_watchlist_hits() {
    // Seed 7 at 1500 people has vendor_front networks whose vendors are curated entities.
    let (dir, report) = screened(1500, 7).await;
    let scenarios = scenarios(dir.path());
    let fronts: Vec<&Scenario> = scenarios
        .iter()
        .filter(|s| s.kind == "vendor_front")
        .collect();
    assert!(!fronts.is_empty());
    let by_id: HashMap<&str, &redflag_model::PersonResult> = report
        .people
        .iter()
        .map(|p| (p.person.person_id.as_str(), p))
        .collect();
    let listed: Vec<&str> = fronts
        .iter()
        .flat_map(|s| &s.person_ids)
        .filter(|id| {
            by_id[id.as_str()]
                .evidence
                .iter()
                .any(|e| e.indicator.starts_with("WL_") && e.detail.contains("redflag:"))
        })
        .map(String::as_str)
        .collect();
    assert!(
        !listed.is_empty(),
        "no front-vendor staff matched the curated list"
    );
    // Nobody outside a flagged scenario gets a strong watchlist hit.
    let flagged = flagged_ids(dir.path());
    for p in &report.people {
        for e in p.evidence.iter().filter(|e| e.indicator.starts_with("WL_")) {
            assert!(
                flagged.contains(&p.person.person_id) || e.weight <= 25.0,
                "{}: {} {}",
                p.person.person_id,
                e.indicator,
                e.detail
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_resume_templates_link_personas_and_nobody_else() {
    let (dir, report) = screened(1500, 2024).await;
    let flagged = flagged_ids(dir.path());
    let with_template: Vec<&str> = report
        .people
        .iter()
        .filter(|p| {
            p.evidence
                .iter()
                .any(|e| e.indicator == "HIR_RESUME_TEMPLATE")
        })
        .map(|p| p.person.person_id.as_str())
        .collect();
    assert!(
        with_template.len() >= 4,
        "template résumés found: {with_template:?}"
    );
    for id in &with_template {
        assert!(
            flagged.contains(*id),
            "{id} shares a résumé template but is in no flagged scenario"
        );
    }
}
