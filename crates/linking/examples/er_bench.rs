//! Pairwise precision, recall, F1 and time on FEBRL 1–4 and RLdata, trained by EM without
//! labels. Run: `cargo run --release -p redflag-linking --example er_bench`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use redflag_linking::{link, pairwise_metrics, LinkModel, Table};

fn bench(name: &str, model: &LinkModel, table: &Table, labels: &[String]) {
    let start = Instant::now();
    let out = link(model, table, 0.5).expect("link");
    let secs = start.elapsed().as_secs_f64();
    let m = pairwise_metrics(table, &out.clusters, labels);
    println!(
        "{name:<12} {:>6} records {:>7} candidates  P {:.4}  R {:.4}  F1 {:.4}  {:>7.1} ms",
        table.len(),
        out.candidates.pairs.len(),
        m.precision,
        m.recall,
        m.f1,
        secs * 1000.0
    );
}

fn main() {
    let febrl = common::febrl_model();
    for (name, file) in [
        ("FEBRL1", "dataset1.csv"),
        ("FEBRL2", "dataset2.csv"),
        ("FEBRL3", "dataset3.csv"),
    ] {
        let (records, labels) = common::febrl(file);
        bench(name, &febrl, &Table::dedupe(&records), &labels);
    }
    let (a, la) = common::febrl("dataset4a.csv");
    let (b, lb) = common::febrl("dataset4b.csv");
    let labels: Vec<String> = la.into_iter().chain(lb).collect();
    bench("FEBRL4 A↔B", &febrl, &Table::link(&a, &b), &labels);
    let rl = common::rldata_model();
    for size in ["500", "10000"] {
        let (records, labels) = common::rldata(size);
        bench(
            &format!("RLdata{size}"),
            &rl,
            &Table::dedupe(&records),
            &labels,
        );
    }
}
