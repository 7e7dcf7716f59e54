//! Generates a dataset: `cargo run --release -p redflag-sim --example gen -- PEOPLE OUT_DIR [SEED]`.

use std::path::PathBuf;
use std::time::Instant;

use redflag_sim::{simulate, SimConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let people: usize = args.next().map_or(Ok(500), |s| s.parse())?;
    let out = PathBuf::from(args.next().unwrap_or_else(|| "sim-out".to_string()));
    let seed: u64 = args.next().map_or(Ok(7), |s| s.parse())?;
    let config = SimConfig {
        people,
        seed,
        ..SimConfig::default()
    };
    let started = Instant::now();
    let summary = simulate(&config, &out)?;
    let elapsed = started.elapsed();
    let mut bytes = 0u64;
    for (name, rows) in &summary.files {
        let path = out.join(name);
        let size = if path.is_file() {
            std::fs::metadata(&path)?.len()
        } else {
            0
        };
        bytes += size;
        println!("{name:<18} {rows:>12} rows {size:>14} bytes");
    }
    println!(
        "{} people, {} scenarios, {:.1} MB of tables in {:.2?}",
        summary.people,
        summary.scenarios,
        bytes as f64 / 1e6,
        elapsed
    );
    Ok(())
}
