//! Accuracy and speed of list screening on the real evaluation sets, for docs/benchmarks.md:
//!
//! ```sh
//! cargo run --release -p redflag-watchlist --example screen_eval
//! ```
//!
//! Prints: time to load and index the 2024 SDN and the UN list; top-hit rates on yente's UN
//! positives (clean and typo'd, against the UN list); the alert rate on yente's 50,000 global
//! negatives against SDN + UN + redflag's curated list; and negatives screened per second on
//! one core and on all cores.

#[path = "../tests/common/eval.rs"]
mod eval;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use eval::{person_query, plain, rows, sdn_and_un};
use redflag_watchlist::{curated, read_un_xml, Query, Screener, Watchlists};

fn main() {
    let start = Instant::now();
    let mut lists = Watchlists::new().with(curated()).expect("curated");
    lists.merge(sdn_and_un()).expect("merge");
    let loaded = start.elapsed();
    let names: usize = lists.entities().iter().map(|e| e.names.len()).sum();
    let start = Instant::now();
    let screener = Screener::new(lists);
    let indexed = start.elapsed();
    println!(
        "load SDN 2024 + UN 2026 + curated: {:.0} ms; index {} entities, {names} names: {:.0} ms",
        loaded.as_secs_f64() * 1e3,
        screener.lists().len(),
        indexed.as_secs_f64() * 1e3
    );

    let un = read_un_xml(&eval::sanctions("un/UN_consolidated_2026-02-27.xml")).expect("UN");
    let un_only = Screener::new(Watchlists::new().with(un).expect("UN"));
    let mut by_name: HashMap<String, HashSet<String>> = HashMap::new();
    for e in un_only.lists().entities() {
        for n in &e.names {
            by_name
                .entry(plain(&n.full))
                .or_default()
                .insert(e.key.clone());
        }
    }
    let truth = rows("eval/yente/cgb_positives_un_untreated.csv");
    for set in ["untreated", "treated"] {
        let queries: Vec<Query> = rows(&format!("eval/yente/cgb_positives_un_{set}.csv"))
            .iter()
            .map(person_query)
            .collect();
        let hits = un_only.screen_names(&queries, 5);
        let (mut judged, mut top1, mut top5) = (0, 0, 0);
        for (t, h) in truth.iter().zip(&hits) {
            let Some(expected) = by_name.get(&plain(&t.full_name)) else {
                continue;
            };
            judged += 1;
            top1 += usize::from(h.first().is_some_and(|x| expected.contains(&x.key)));
            top5 += usize::from(h.iter().any(|x| expected.contains(&x.key)));
        }
        println!(
            "UN positives {set}: top hit right {top1}/{judged} = {:.1}%, in top 5 {top5}/{judged} = {:.1}%",
            100.0 * top1 as f64 / judged as f64,
            100.0 * top5 as f64 / judged as f64
        );
    }

    let negatives: Vec<Query> = rows("eval/yente/cgb_negatives_global.csv")
        .iter()
        .map(person_query)
        .collect();
    let start = Instant::now();
    let single: Vec<_> = negatives
        .iter()
        .map(|q| screener.screen_name(q, 1))
        .collect();
    let one_core = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let parallel = screener.screen_names(&negatives, 1);
    let all_cores = start.elapsed().as_secs_f64();
    assert_eq!(single, parallel, "parallel screening gives the same hits");
    let alerts = single.iter().filter(|h| !h.is_empty()).count();
    println!(
        "global negatives: {alerts} of {} alert = {:.3}%",
        negatives.len(),
        100.0 * alerts as f64 / negatives.len() as f64
    );
    println!(
        "speed: {:.0} names/s on one core, {:.0} names/s on {} cores",
        negatives.len() as f64 / one_core,
        negatives.len() as f64 / all_cores,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
}
