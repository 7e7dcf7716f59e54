//! Index build time and search throughput on real lists.
//!
//! Indexes every primary name of the 2024-05-03 OFAC SDN list (column 2 of `sdn.csv`,
//! Windows-1252, no header) and searches the 50,000 synthetic multi-script negatives of yente's
//! candidate-generation benchmark (`full_name`), one thread:
//!
//! ```text
//! CARGO_TARGET_DIR=/root/.cache/redflag-target-names \
//!     cargo run --release -p redflag-names --example bench_index
//! ```
//!
//! Optional arguments: `[sdn.csv] [queries.csv] [min_score]`. It prints the build time, the
//! queries per second, how many negatives alert at the threshold (they should not) and the
//! highest-scoring ones, so a reader can judge them; with `ALERTS_OUT=file.tsv` it writes
//! every alert there.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{data as shared, parse_csv};
use std::path::PathBuf;
use std::time::Instant;

use redflag_names::{prepare, NameIndex, NameKind, ALERT_THRESHOLD};

/// Windows-1252 to Unicode.
fn cp1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| common::cp1252(b)).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sdn_path = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| shared("ofac/sdn_2024-05-03/sdn.csv"));
    let queries_path = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| shared("eval/yente/cgb_negatives_global.csv"));
    let min_score: f32 = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(ALERT_THRESHOLD);

    let sdn_bytes =
        std::fs::read(&sdn_path).unwrap_or_else(|e| panic!("reading {}: {e}", sdn_path.display()));
    let sdn = parse_csv(&cp1252(&sdn_bytes));
    let queries_text = std::fs::read_to_string(&queries_path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", queries_path.display()));
    let mut qrows = parse_csv(&queries_text);
    let header = qrows.remove(0);
    let col = header
        .iter()
        .position(|h| h == "full_name")
        .expect("a full_name column");
    let queries: Vec<String> = qrows
        .into_iter()
        .filter_map(|r| r.get(col).cloned())
        .filter(|q| !q.trim().is_empty())
        .collect();

    let start = Instant::now();
    let mut builder = NameIndex::builder();
    for row in &sdn {
        if row.len() < 3 {
            continue;
        }
        let Ok(id) = row[0].trim().parse::<u32>() else {
            continue;
        };
        let kind = if row[2].trim() == "individual" {
            NameKind::Person
        } else {
            NameKind::Organization
        };
        builder.add(id, &row[1], kind);
    }
    let index = builder.build();
    let build = start.elapsed();
    println!(
        "indexed {} names ({} blocking keys) in {:.0} ms",
        index.len(),
        index.key_count(),
        build.as_secs_f64() * 1e3
    );

    let t = Instant::now();
    let prepared: Vec<_> = queries
        .iter()
        .map(|q| prepare(q, NameKind::Person))
        .collect();
    println!(
        "prepare alone: {:.1} µs per query",
        t.elapsed().as_secs_f64() * 1e6 / queries.len() as f64
    );
    drop(prepared);
    // Warm-up (thread-local buffers, caches), then the timed run.
    for q in queries.iter().take(500) {
        let _ = index.search(&prepare(q, NameKind::Person), 10, min_score);
    }
    redflag_names::search_stats(true);
    let start = Instant::now();
    let mut alerts: Vec<(f32, String, String)> = Vec::new();
    for q in &queries {
        let prepared = prepare(q, NameKind::Person);
        let hits = index.search(&prepared, 10, min_score);
        if let Some(h) = hits.first() {
            alerts.push((h.score, q.clone(), h.name.clone()));
        }
    }
    let elapsed = start.elapsed();
    let st = redflag_names::search_stats(false);
    let per = |x: u64| x as f64 / queries.len() as f64;
    println!(
        "per query: {:.0} posting entries visited, {:.0} names met, {:.1} scored",
        per(st.postings),
        per(st.candidates),
        per(st.scored)
    );
    println!(
        "searched {} queries in {:.3} s: {:.0} queries/s ({:.1} µs per query, prepare included), one thread",
        queries.len(),
        elapsed.as_secs_f64(),
        queries.len() as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / queries.len() as f64
    );
    println!(
        "{} of {} negatives ({:.2}%) have a hit at score ≥ {min_score}",
        alerts.len(),
        queries.len(),
        100.0 * alerts.len() as f64 / queries.len() as f64
    );
    alerts.sort_by(|a, b| b.0.total_cmp(&a.0));
    if let Ok(path) = std::env::var("ALERTS_OUT") {
        let text: String = alerts
            .iter()
            .map(|(s, q, n)| format!("{s:.3}\t{q}\t{n}\n"))
            .collect();
        std::fs::write(path, text).expect("writing alerts");
    }
    for (s, q, n) in alerts.iter().take(25) {
        println!("  {s:.3}  {q}  ->  {n}");
    }
}
