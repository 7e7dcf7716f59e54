//! Loads the 2024 OFAC SDN CSV and the UN consolidated XML from `shared/` (or from the paths
//! given) and prints how long each step took and what was read.
//!
//! ```sh
//! CARGO_TARGET_DIR=/root/.cache/redflag-target-watchlist \
//!   cargo run --release -p redflag-watchlist --example load_lists [SDN_DIR UN_XML]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use redflag_watchlist::{curated, read_ofac_dir, read_un_xml, Watchlists};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/sanctions");
    let mut args = std::env::args().skip(1);
    let sdn_dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| shared.join("ofac/sdn_2024-05-03"));
    let un_xml = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| shared.join("un/UN_consolidated_2026-02-27.xml"));

    let total = Instant::now();
    let t = Instant::now();
    let sdn = read_ofac_dir(&sdn_dir, None)?;
    let t_sdn = t.elapsed();
    let t = Instant::now();
    let un = read_un_xml(&un_xml)?;
    let t_un = t.elapsed();
    let t = Instant::now();
    let cur = curated();
    let t_cur = t.elapsed();
    let t = Instant::now();
    let lists = Watchlists::new().with(sdn)?.with(un)?.with(cur)?;
    let crypto = lists.crypto_index();
    let ids = lists.identifier_index();
    let t_index = t.elapsed();
    let t_total = total.elapsed();

    for info in lists.lists() {
        println!(
            "{:<10} {:>6} entities  published {:<30} ({:?})  files {:?}",
            info.list.code(),
            info.entities,
            info.published.map(|p| p.to_string()).unwrap_or_default(),
            info.published_basis,
            info.files
        );
        for w in &info.warnings {
            println!("           warning: {w}");
        }
    }
    let names: usize = lists.entities().iter().map(|e| e.names.len()).sum();
    let dprk = lists.entities().iter().filter(|e| e.is_dprk()).count();
    println!(
        "{} entities, {names} names, {dprk} in a DPRK program; {} crypto addresses, {} identifier keys",
        lists.len(),
        crypto.len(),
        ids.len()
    );
    let mut unmapped = std::collections::BTreeMap::new();
    for e in lists.entities() {
        for c in e.nationalities.iter().chain(&e.citizenships) {
            if c.code.is_none() {
                *unmapped.entry(c.name.clone()).or_insert(0) += 1;
            }
        }
    }
    println!("nationality names without an ISO code: {unmapped:?}");
    println!(
        "timings: sdn.csv {:.1} ms, UN xml {:.1} ms, curated {:.1} ms, merge+indexes {:.1} ms, total {:.1} ms",
        t_sdn.as_secs_f64() * 1e3,
        t_un.as_secs_f64() * 1e3,
        t_cur.as_secs_f64() * 1e3,
        t_index.as_secs_f64() * 1e3,
        t_total.as_secs_f64() * 1e3
    );
    Ok(())
}
