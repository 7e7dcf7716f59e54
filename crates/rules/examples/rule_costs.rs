//! Runs each built-in rule alone, one after another, on a dataset and prints its wall time
//! and, on Linux, the peak resident memory while it ran (the high-water mark is reset before
//! each rule through `/proc/self/clear_refs`): the per-rule costs that `redflag screen`'s
//! concurrent timings blur.
//!
//! ```sh
//! cargo run --release -p redflag-rules --example rule_costs -- DATASET_DIR [RULE_ID...]
//! ```
//! With rule ids, only those rules run; with `RULE_COSTS_EXPLAIN=1`, each one's `EXPLAIN
//! ANALYZE` (operator by operator: rows and compute time) is printed before it is timed.

use redflag_ingest::{load_dataset, LoadOptions};
use redflag_rules::{builtin_rules, RuleEngine};
use std::time::Instant;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: rule_costs DATASET_DIR")?;
    let start = Instant::now();
    let dataset = load_dataset(dir.as_ref(), LoadOptions::default())?;
    println!(
        "load                           {:>7.2} s  {:>6} MB resident",
        start.elapsed().as_secs_f64(),
        memory("VmRSS")
    );
    reset_peak();
    let engine = RuleEngine::new(&dataset, builtin_rules()?).await?;
    for t in engine.setup_timings() {
        println!("{:<30} {:>7.2} s", t.stage, t.seconds);
    }
    println!(
        "engine tables: peak {} MB, then {} MB resident",
        memory("VmHWM"),
        memory("VmRSS")
    );
    let mut costs = Vec::new();
    let only: Vec<String> = std::env::args().skip(2).collect();
    for rule in engine.rules() {
        if !only.is_empty() && !only.contains(&rule.id) {
            continue;
        }
        if std::env::var_os("RULE_COSTS_EXPLAIN").is_some() {
            let plan = engine
                .session()
                .sql(&format!("EXPLAIN ANALYZE {}", rule.sql))
                .await?
                .collect()
                .await?;
            println!(
                "{}",
                datafusion::arrow::util::pretty::pretty_format_batches(&plan)?
            );
        }
        reset_peak();
        let start = Instant::now();
        let rows: usize = engine
            .session()
            .sql(&rule.sql)
            .await?
            .collect()
            .await?
            .iter()
            .map(|b| b.num_rows())
            .sum();
        let seconds = start.elapsed().as_secs_f64();
        costs.push((seconds, rule.id.clone(), rows, memory("VmHWM")));
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = costs.iter().map(|c| c.0).sum();
    for (secs, id, rows, peak) in costs {
        println!("{id:<30} {secs:>7.2} s  {rows:>7} rows  peak {peak:>6} MB");
    }
    println!("{:<30} {total:>7.2} s", "all rules, one at a time");
    Ok(())
}

/// A memory figure of this process from `/proc/self/status`, in MB (0 where unavailable).
fn memory(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// Resets the peak resident memory (`VmHWM`) to the current one, where Linux allows it.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
