//! Runs each built-in rule alone, one after another, on a dataset and prints its wall time:
//! the per-rule cost that `redflag screen`'s concurrent timings blur.
//!
//! ```sh
//! cargo run --release -p redflag-rules --example rule_costs -- DATASET_DIR
//! ```

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
        "load                           {:>7.2} s",
        start.elapsed().as_secs_f64()
    );
    let engine = RuleEngine::new(&dataset, builtin_rules()?).await?;
    for t in engine.setup_timings() {
        println!("{:<30} {:>7.2} s", t.stage, t.seconds);
    }
    let mut costs = Vec::new();
    for rule in engine.rules() {
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
        costs.push((start.elapsed().as_secs_f64(), rule.id.clone(), rows));
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = costs.iter().map(|c| c.0).sum();
    for (secs, id, rows) in costs {
        println!("{id:<30} {secs:>7.2} s  {rows:>7} rows");
    }
    println!("{:<30} {total:>7.2} s", "all rules, one at a time");
    Ok(())
}
