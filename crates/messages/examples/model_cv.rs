//! An experiment, not part of the classifier: would a learned model add recall on a new
//! author's messages? Leave-one-author-out over the tuning sets: a logistic regression per
//! category (hashed word 1–2-grams and character 3–5-grams, the direction as a feature) is
//! trained on three authors and scored on the fourth, alone and as a union with the cue
//! lists. The held-out sets are not read.
//!
//! ```text
//! cargo run --release -p redflag-messages --example model_cv
//! ```
//! The lists were written on tune, tune2 and tune3, so only the tune4 fold is fair to them.

use std::collections::BTreeSet;
use std::path::Path;

use redflag_messages::labelled::{read_labelled, Labelled, LABELLED};
use redflag_messages::{classify, cue_kinds, Category, CueKind, Writer};

const DIMENSIONS: usize = 1 << 18;

/// Hashed feature indices of a message.
fn features(row: &Labelled) -> Vec<usize> {
    let hash = |s: &str| -> usize {
        // FNV-1a, enough to spread n-grams over the table.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in s.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        (h as usize) % DIMENSIONS
    };
    let text = row.text.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: BTreeSet<usize> = BTreeSet::new();
    out.insert(hash(if row.writer == Writer::Person {
        "dir:person"
    } else {
        "dir:org"
    }));
    for (i, w) in words.iter().enumerate() {
        out.insert(hash(&format!("w:{w}")));
        if let Some(next) = words.get(i + 1) {
            out.insert(hash(&format!("b:{w} {next}")));
        }
        let chars: Vec<char> = format!("<{w}>").chars().collect();
        for n in 3..=5 {
            for gram in chars.windows(n) {
                out.insert(hash(&format!("c:{}", gram.iter().collect::<String>())));
            }
        }
    }
    out.into_iter().collect()
}

/// One logistic regression: weights over the hashed features.
struct Model {
    weights: Vec<f32>,
    bias: f32,
}

impl Model {
    fn score(&self, x: &[usize]) -> f32 {
        let z: f32 = self.bias + x.iter().map(|&i| self.weights[i]).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    fn train(data: &[(Vec<usize>, bool)]) -> Model {
        let mut m = Model {
            weights: vec![0.0; DIMENSIONS],
            bias: 0.0,
        };
        let (rate, l2) = (0.2f32, 1e-5f32);
        for epoch in 0..15 {
            // A fixed interleaving per epoch instead of a random shuffle.
            let step = 7 + 2 * epoch;
            let n = data.len();
            for k in 0..n {
                let (x, y) = &data[(k * step) % n];
                let p = m.score(x);
                let g = p - if *y { 1.0 } else { 0.0 };
                for &i in x {
                    m.weights[i] -= rate * (g + l2 * m.weights[i]);
                }
                m.bias -= rate * g;
            }
        }
        m
    }
}

/// Whether the message has any cue of the kinds a finding of `category` is made of.
fn gate(category: Category, kinds: &[CueKind]) -> bool {
    let wanted: &[CueKind] = match category {
        Category::Prepayment => &[CueKind::Before, CueKind::Prepay, CueKind::Pay],
        Category::CryptoPayment => &[CueKind::Crypto, CueKind::WalletAddress],
        Category::ThirdPartyPayment => &[CueKind::SomeoneElse, CueKind::Account],
        Category::Aggression => &[CueKind::Insult, CueKind::Threat],
        _ => &[
            CueKind::TheirAsset,
            CueKind::Asset,
            CueKind::Harm,
            CueKind::Condition,
            CueKind::Pressure,
        ],
    };
    kinds.iter().any(|k| wanted.contains(k))
}

/// (true positives, false positives, false negatives).
fn counts(found: &[(bool, bool)]) -> (usize, usize, usize) {
    found
        .iter()
        .fold((0, 0, 0), |(tp, fp, fn_), &(f, l)| match (f, l) {
            (true, true) => (tp + 1, fp, fn_),
            (true, false) => (tp, fp + 1, fn_),
            (false, true) => (tp, fp, fn_ + 1),
            _ => (tp, fp, fn_),
        })
}

fn report(name: &str, c: (usize, usize, usize)) {
    let (tp, fp, fn_) = c;
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    println!("  {name:<28} P {p:.3}  R {r:.3}  (tp {tp}, fp {fp}, fn {fn_})");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let authors = ["tune", "tune2", "tune3", "tune4"];
    let sets: Vec<Vec<Labelled>> = authors
        .iter()
        .map(|a| read_labelled(&dir.join(format!("{a}.tsv"))))
        .collect::<Result<_, _>>()?;
    for (held, name) in authors.iter().enumerate() {
        let train: Vec<&Labelled> = sets
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != held)
            .flat_map(|(_, s)| s.iter())
            .collect();
        let test = &sets[held];
        let test_x: Vec<Vec<usize>> = test.iter().map(features).collect();
        let train_x: Vec<Vec<usize>> = train.iter().map(|r| features(r)).collect();
        let lists: Vec<Vec<Category>> = test
            .iter()
            .map(|r| {
                classify(&r.text, r.writer)
                    .iter()
                    .map(|f| f.category)
                    .collect()
            })
            .collect();
        let kinds: Vec<Vec<CueKind>> = test.iter().map(|r| cue_kinds(&r.text)).collect();
        let mut by_lists = Vec::new();
        let mut by_model = Vec::new();
        let mut by_union = Vec::new();
        let thresholds = [0.5f32, 0.6, 0.7, 0.8, 0.9];
        let mut by_gated: Vec<Vec<(bool, bool)>> = vec![Vec::new(); thresholds.len()];
        let vetoes = [0.02f32, 0.05, 0.1, 0.2];
        let mut by_veto: Vec<Vec<(bool, bool)>> = vec![Vec::new(); vetoes.len()];
        for category in LABELLED {
            let data: Vec<(Vec<usize>, bool)> = train_x
                .iter()
                .zip(&train)
                .map(|(x, r)| (x.clone(), r.labels.contains(&category)))
                .collect();
            let model = Model::train(&data);
            for (((row, x), found), kinds) in test.iter().zip(&test_x).zip(&lists).zip(&kinds) {
                let labelled = row.labels.contains(&category);
                let listed = found.contains(&category);
                let p = model.score(x);
                by_lists.push((listed, labelled));
                by_model.push((p >= 0.5, labelled));
                by_union.push((listed || p >= 0.8, labelled));
                let asks = category == Category::Aggression
                    || category == Category::Extortion
                    || row.writer == Writer::Person;
                for (t, out) in thresholds.iter().zip(by_gated.iter_mut()) {
                    let model_says = p >= *t && gate(category, kinds) && asks;
                    out.push((listed || model_says, labelled));
                }
                for (v, out) in vetoes.iter().zip(by_veto.iter_mut()) {
                    let model_says = p >= 0.5 && gate(category, kinds) && asks;
                    out.push(((listed && p >= *v) || model_says, labelled));
                }
            }
        }
        println!("held out: {name} ({} messages)", test.len());
        report("cue lists", counts(&by_lists));
        report("model (p >= 0.5)", counts(&by_model));
        report("lists or model (p >= 0.8)", counts(&by_union));
        for (t, found) in thresholds.iter().zip(&by_gated) {
            report(&format!("lists or gated model >= {t}"), counts(found));
        }
        for (v, found) in vetoes.iter().zip(&by_veto) {
            report(
                &format!("lists if p >= {v}, or gated >= 0.5"),
                counts(found),
            );
        }
    }
    Ok(())
}
