//! Accuracy and speed on nomenklatura's name_bench pairs, for the comparison with logic-v2 in
//! docs/benchmarks.md (`bench/name_bench.sh` runs both):
//!
//! ```sh
//! cargo run --release -p redflag-names --example name_bench_speed
//! ```
//!
//! Each pair is prepared and compared from scratch (as a one-off comparison would be), 200
//! times over, on one thread.

#[path = "../tests/common/mod.rs"]
mod common;

use redflag_names::{compare, prepare, NameKind, ALERT_THRESHOLD};
use std::time::Instant;

fn kind(schema: &str) -> NameKind {
    match schema {
        "Person" => NameKind::Person,
        "Company" | "Organization" | "LegalEntity" | "PublicBody" | "Vessel" | "Airplane" => {
            NameKind::Organization
        }
        _ => NameKind::Unknown,
    }
}

fn main() {
    let text = std::fs::read_to_string(common::data("eval/nomenklatura/name_bench_cases.csv"))
        .expect("name_bench_cases.csv (../shared must sit next to the repository)");
    let rows = common::parse_csv(&text);
    let header = &rows[0];
    let col = |n: &str| header.iter().position(|h| h == n).expect("column");
    let (schema, n1, n2, m) = (col("schema"), col("name1"), col("name2"), col("is_match"));
    let cases: Vec<(NameKind, &str, &str, bool)> = rows[1..]
        .iter()
        .filter(|r| r.len() == header.len())
        .map(|r| {
            (
                kind(&r[schema]),
                r[n1].as_str(),
                r[n2].as_str(),
                r[m] == "true",
            )
        })
        .collect();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for &(k, a, b, is_match) in &cases {
        let hit = compare(&prepare(a, k), &prepare(b, k)).score >= ALERT_THRESHOLD;
        match (hit, is_match) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    const ROUNDS: usize = 200;
    let start = Instant::now();
    let mut sum = 0.0f32;
    for _ in 0..ROUNDS {
        for &(k, a, b, _) in &cases {
            sum += compare(&prepare(a, k), &prepare(b, k)).score;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let per_pair = secs / (ROUNDS * cases.len()) as f64;
    println!(
        "redflag-names: {} pairs, P {p:.3} R {r:.3} F1 {:.3} at {ALERT_THRESHOLD}; {:.2} µs per pair ({:.0} pairs/s, one thread) [checksum {sum:.0}]",
        cases.len(),
        2.0 * p * r / (p + r),
        per_pair * 1e6,
        1.0 / per_pair
    );
}
