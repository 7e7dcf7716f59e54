//! Pairwise precision, recall and F1 of clusters against ground-truth entity labels.

use std::collections::HashMap;

use crate::table::{Mode, Table};

/// Pairwise accuracy of a clustering: every pair inside a predicted cluster is a predicted
/// link; every pair of records with one label is a true link (only A–B pairs in link mode).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Predicted links that are true.
    pub true_positives: u64,
    /// Predicted links.
    pub predicted: u64,
    /// True links.
    pub actual: u64,
    /// TP / predicted.
    pub precision: f64,
    /// TP / actual.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl std::fmt::Display for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.4}  R {:.4}  F1 {:.4}  (tp {}, predicted {}, true {})",
            self.precision, self.recall, self.f1, self.true_positives, self.predicted, self.actual
        )
    }
}

/// Counts links inside a group of records under the table's mode.
fn links(table: &Table, members: &[u32]) -> u64 {
    let n = members.len() as u64;
    match table.mode() {
        Mode::Dedupe => n * n.saturating_sub(1) / 2,
        Mode::Link => {
            let a = members.iter().filter(|&&i| table.source(i) == 0).count() as u64;
            a * (n - a)
        }
    }
}

/// Pairwise metrics of `clusters` against `labels` (entity label per record, table order).
pub fn pairwise_metrics<L: std::hash::Hash + Eq>(
    table: &Table,
    clusters: &[Vec<u32>],
    labels: &[L],
) -> Metrics {
    assert_eq!(labels.len(), table.len(), "one label per record");
    let mut by_label: HashMap<&L, Vec<u32>> = HashMap::new();
    for (i, l) in labels.iter().enumerate() {
        by_label.entry(l).or_default().push(i as u32);
    }
    let actual: u64 = by_label.values().map(|g| links(table, g)).sum();
    let mut predicted = 0;
    let mut tp = 0;
    for c in clusters {
        predicted += links(table, c);
        let mut inner: HashMap<&L, Vec<u32>> = HashMap::new();
        for &i in c {
            inner.entry(&labels[i as usize]).or_default().push(i);
        }
        tp += inner.values().map(|g| links(table, g)).sum::<u64>();
    }
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(tp, predicted);
    let recall = ratio(tp, actual);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Metrics {
        true_positives: tp,
        predicted,
        actual,
        precision,
        recall,
        f1,
    }
}
