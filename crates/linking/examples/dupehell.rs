//! Links a DupeHell "kyc" natural-person CSV (written by `bench/dupehell_gen.py`) and scores
//! the clusters against its truth file. Run through `bench/dupehell.sh`, or directly:
//!
//! ```text
//! cargo run --release -p redflag-linking --example dupehell -- DATA.csv TRUTH.csv
//! ```
//!
//! Prints the blocking report, blocking recall, pairwise precision, recall and F1 of the
//! scored pairs (at 0.5 and 0.9) and of the average-linkage clusters (at 0.5), and times;
//! then one JSON line for the bench script, with the same keys as
//! `bench/dupehell_splink.py`. The truth is read only after linking.

use std::collections::HashMap;
use std::time::Instant;

use redflag_linking::{
    link, pairwise_metrics, LinkModel, ModelConfig, PairScorer, ScoredPair, Table, TableBuilder,
};

/// The model: every identity column compared, blocked on identifiers, names, dates and the
/// address line. No column was tuned against the truth; EM learns every weight.
fn kyc_model() -> LinkModel {
    LinkModel::from_config(
        &ModelConfig::default()
            .compare("given_name", "name_tf")
            .compare("family_name", "name_tf")
            .compare("middle_name", "name")
            .compare("birth_date", "date")
            .compare("email_address", "token")
            .compare("mobile_phone", "token")
            .compare("tax_id", "token")
            .compare("personal_administrative_number", "token")
            .compare("document_number", "token")
            .compare("residential_address_line1", "name")
            .compare("residential_city", "name")
            .compare("residential_postal_code", "exact")
            .compare("birth_place", "name")
            .compare("residential_state", "exact")
            .compare("residential_country", "exact")
            .compare("document_type", "exact")
            .block("date(birth_date) & residential_postal_code")
            .block("digits(residential_address_line1) & residential_postal_code")
            .block("soundex(given_name) & soundex(family_name) & residential_state")
            .block("soundex(family_name) & prefix(given_name, 1) & residential_postal_code")
            .block("address(residential_address_line1)")
            .block("email(email_address)")
            .block("digits(tax_id)")
            .block("digits(mobile_phone)")
            .block("digits(document_number)"),
    )
    .expect("kyc model")
}

/// The data file as a table, straight from the CSV (no record per row).
fn read_table(data: &str) -> Table {
    let mut reader = csv::Reader::from_path(data).unwrap_or_else(|e| panic!("{data}: {e}"));
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let mut builder = TableBuilder::new(&header[1..]);
    let mut row = csv::StringRecord::new();
    while reader
        .read_record(&mut row)
        .unwrap_or_else(|e| panic!("{data}: {e}"))
    {
        let values: Vec<Option<&str>> = row
            .iter()
            .skip(1)
            .map(|v| (!v.is_empty()).then_some(v))
            .collect();
        builder.push(&row[0], &values);
    }
    builder.dedupe()
}

/// Each row's entity, from the truth file (read only after linking).
fn read_labels(truth: &str, table: &Table) -> Vec<String> {
    let mut master: HashMap<String, String> = HashMap::new();
    let mut reader = csv::Reader::from_path(truth).unwrap_or_else(|e| panic!("{truth}: {e}"));
    for row in reader.records() {
        let row = row.unwrap_or_else(|e| panic!("{truth}: {e}"));
        master.insert(row[0].to_string(), row[1].to_string());
    }
    (0..table.len() as u32)
        .map(|i| {
            master
                .remove(table.id(i))
                .expect("every record in the truth")
        })
        .collect()
}

/// Precision, recall and F1 as JSON.
fn json(p: f64, r: f64) -> String {
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    format!("{{\"precision\":{p:.4},\"recall\":{r:.4},\"f1\":{f1:.4}}}")
}

/// Blocking recall, and accuracy of the scored pairs at `threshold` before clustering (the
/// measure Splink's predictions are scored by).
fn pair_metrics(
    labels: &[String],
    scored: &[ScoredPair],
    threshold: f64,
    actual: u64,
) -> (f64, f64) {
    let predicted = scored.iter().filter(|p| p.probability >= threshold);
    let (n, tp) = predicted.fold((0u64, 0u64), |(n, tp), p| {
        (
            n + 1,
            tp + u64::from(labels[p.a as usize] == labels[p.b as usize]),
        )
    });
    (
        tp as f64 / n.max(1) as f64,
        tp as f64 / actual.max(1) as f64,
    )
}

/// With `DUPEHELL_SHOW=n`: `n` explained false positives and false negatives.
fn show_errors(scorer: &PairScorer<'_>, table: &Table, labels: &[String], scored: &[ScoredPair]) {
    let show: usize = std::env::var("DUPEHELL_SHOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if show == 0 {
        return;
    }
    let row = |i: u32| {
        (0..table.columns().len())
            .map(|c| table.value(c, i).unwrap_or("·"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let (mut fp, mut fneg) = (0, 0);
    for p in scored {
        let truth = labels[p.a as usize] == labels[p.b as usize];
        let kind = match (truth, p.probability >= 0.5) {
            (false, true) if fp < show => {
                fp += 1;
                "FP"
            }
            (true, false) if fneg < show => {
                fneg += 1;
                "FN"
            }
            _ => continue,
        };
        println!("{kind} {}", scorer.explain(p.a, p.b, table));
        println!("    {}\n    {}", row(p.a), row(p.b));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, truth] = args.as_slice() else {
        eprintln!("usage: dupehell DATA.csv TRUTH.csv");
        std::process::exit(2);
    };
    let start = Instant::now();
    let table = read_table(data);
    let t_load = start.elapsed().as_secs_f64();
    let model = kyc_model();
    let out = link(&model, &table, 0.5).expect("link");
    let total = start.elapsed().as_secs_f64();
    let t_link = total - t_load;

    let labels = read_labels(truth, &table);
    for r in &out.candidates.report.rules {
        println!(
            "  {:<70} {:>9} pairs, {} hub blocks skipped",
            r.rule, r.pairs, r.skipped_blocks
        );
    }
    let clusters = pairwise_metrics(&table, &out.clusters, &labels);
    let actual = clusters.actual;
    let found = out
        .candidates
        .pairs
        .iter()
        .filter(|&&(a, b)| labels[a as usize] == labels[b as usize])
        .count();
    println!(
        "  blocking recall {:.4} ({found} of {actual} true pairs among {} candidates)",
        found as f64 / actual as f64,
        out.candidates.pairs.len()
    );
    let at_5 = pair_metrics(&labels, &out.scored, 0.5, actual);
    let at_9 = pair_metrics(&labels, &out.scored, 0.9, actual);
    println!("  pairs ≥ 0.5: {}", json(at_5.0, at_5.1));
    println!("  pairs ≥ 0.9: {}", json(at_9.0, at_9.1));
    println!("  clusters (average linkage at 0.5): {clusters}");
    println!(
        "  λ {:.3e}, EM {} iterations; load {t_load:.2} s, link {t_link:.2} s, total {total:.2} s",
        out.params().lambda,
        out.params().iterations
    );
    show_errors(&out.scorer, &table, &labels, &out.scored);
    println!(
        "{{\"system\":\"redflag-linking\",\"records\":{},\"true_pairs\":{actual},\"scored_pairs\":{},\"seconds\":{{\"load\":{t_load:.3},\"link\":{t_link:.3},\"total\":{total:.3}}},\"pairs_at_0_5\":{},\"pairs_at_0_9\":{},\"clusters_at_0_5\":{}}}",
        table.len(),
        out.scored.len(),
        json(at_5.0, at_5.1),
        json(at_9.0, at_9.1),
        json(clusters.precision, clusters.recall),
    );
}
