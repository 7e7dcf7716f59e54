//! A learned second opinion beside the cue lists: one logistic regression per labelled
//! category over hashed word 1–2-grams, character 3–5-grams and what the lists saw, trained
//! when first needed on the labelled sets embedded from `data/` (written by twenty-three
//! authors for redflag, two of them ordinary workplace traffic only; the held-out sets under
//! `tests/data` are never part of it).
//!
//! The lists find about two thirds of what a new author writes; the model catches phrasings
//! they do not name ("it would be a shame if your repo leaked"). How much it must be sure
//! of depends on what the lists saw (see [`Policy`]): less where the message has a cue of
//! the category's kinds ([`gate_kinds`]), more for veiled hostility without one, more again
//! for a request to be paid ahead or to someone else in words the lists lack, and then only
//! where the message names money; crypto always needs a coin or a wallet. Every finding it
//! makes shows its cues and the n-grams that weighed most.
//!
//! Training is deterministic (a fixed visiting order, no randomness): the same sets give the
//! same weights on every machine.

use std::sync::OnceLock;

use crate::labelled::{parse_labelled, Labelled, LABELLED};
use crate::{Category, CueKind, Writer};

/// Size of the hashed feature space per category.
const DIMENSIONS: usize = 1 << 16;
/// Passes over the training messages.
const EPOCHS: usize = 40;
/// Step size of the gradient descent.
const RATE: f32 = 0.05;
/// Weight of a labelled message's gradient against an unlabelled one's: each category has
/// many more messages without it than with it, and a missed request costs more than a
/// second look.
const POSITIVE_WEIGHT: f32 = 1.5;
/// L2 shrinkage per step.
const L2: f32 = 1e-5;

/// The embedded training sets: (file name, text). Each is one author's.
const TRAINING: &[(&str, &str)] = &[
    ("tune.tsv", include_str!("../data/tune.tsv")),
    ("tune2.tsv", include_str!("../data/tune2.tsv")),
    ("tune3.tsv", include_str!("../data/tune3.tsv")),
    ("tune4.tsv", include_str!("../data/tune4.tsv")),
    ("tune6.tsv", include_str!("../data/tune6.tsv")),
    ("tune7.tsv", include_str!("../data/tune7.tsv")),
    ("tune8.tsv", include_str!("../data/tune8.tsv")),
    ("tune9.tsv", include_str!("../data/tune9.tsv")),
    ("tune10.tsv", include_str!("../data/tune10.tsv")),
    ("tune11.tsv", include_str!("../data/tune11.tsv")),
    ("tune12.tsv", include_str!("../data/tune12.tsv")),
    ("tune13.tsv", include_str!("../data/tune13.tsv")),
    ("tune14.tsv", include_str!("../data/tune14.tsv")),
    ("tune15.tsv", include_str!("../data/tune15.tsv")),
    ("tune16.tsv", include_str!("../data/tune16.tsv")),
    ("tune17.tsv", include_str!("../data/tune17.tsv")),
    ("tune18.tsv", include_str!("../data/tune18.tsv")),
    ("tune19.tsv", include_str!("../data/tune19.tsv")),
    ("tune20.tsv", include_str!("../data/tune20.tsv")),
    ("tune21.tsv", include_str!("../data/tune21.tsv")),
    ("tune22.tsv", include_str!("../data/tune22.tsv")),
    ("everyday1.tsv", include_str!("../data/everyday1.tsv")),
    ("everyday2.tsv", include_str!("../data/everyday2.tsv")),
];

/// When the model's opinion counts. Chosen by leave-one-author-out cross-validation over
/// the training sets (`examples/model_cv.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// Probability from which the model finds a category the lists missed, when the message
    /// has a cue of the category's kinds.
    pub gated: f32,
    /// Probability from which the model finds aggression or extortion without any cue of
    /// their kinds (veiled threats); above 1, never.
    pub ungated: f32,
    /// Probability from which the model finds a request to be paid ahead or to someone
    /// else's account without any cue of its kinds, where the message names money (which
    /// is then the cue shown); above 1, never. Never for crypto.
    pub ungated_payment: f32,
    /// Probability under which a finding of the lists is dropped as the model disagrees;
    /// 0 keeps every finding of the lists.
    pub veto: f32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            gated: 0.5,
            ungated: 0.6,
            ungated_payment: 0.8,
            veto: 0.05,
        }
    }
}

/// The cue kinds a finding of `category` is made of: the model is only asked when the
/// message has one of them.
pub fn gate_kinds(category: Category) -> &'static [CueKind] {
    match category {
        Category::Prepayment => &[CueKind::Before, CueKind::Prepay],
        Category::CryptoPayment => &[CueKind::Crypto, CueKind::WalletAddress],
        Category::ThirdPartyPayment => &[CueKind::SomeoneElse],
        Category::Aggression => &[CueKind::Insult, CueKind::Threat],
        Category::Extortion => &[
            CueKind::TheirAsset,
            CueKind::Asset,
            CueKind::Harm,
            CueKind::Condition,
            CueKind::Pressure,
        ],
        Category::Refusal => &[],
    }
}

/// FNV-1a's offset basis.
const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a from `state` over `bytes`: a feature's hash is the prefix's state carried on over
/// its text, so that features need no string of their own.
fn fnv(mut state: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        state ^= u64::from(b);
        state = state.wrapping_mul(0x0100_0000_01b3);
    }
    state
}

fn slot(state: u64) -> usize {
    (state % DIMENSIONS as u64) as usize
}

/// The words of a message, lower-cased.
fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The hashed features of a message, sorted and without duplicates: the direction, the
/// lists' `context`, every word (`w:`), every pair of neighbouring words (`b:`) and every
/// character 3-, 4- and 5-gram of each word between `<` and `>` (`c:`).
fn features(text: &str, writer: Writer, context: &[String]) -> Vec<usize> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = words(&lower).collect();
    let mut out: Vec<usize> = Vec::with_capacity(2 + context.len() + words.len() * 20);
    let direction: &[u8] = match writer {
        Writer::Person => b"dir:person",
        Writer::Organisation => b"dir:org",
    };
    out.push(slot(fnv(FNV_BASIS, direction)));
    let context_state = fnv(FNV_BASIS, b"x:");
    out.extend(
        context
            .iter()
            .map(|item| slot(fnv(context_state, item.as_bytes()))),
    );
    let (word_state, pair_state, gram_state) = (
        fnv(FNV_BASIS, b"w:"),
        fnv(FNV_BASIS, b"b:"),
        fnv(FNV_BASIS, b"c:"),
    );
    let mut bracketed = String::new();
    let mut bounds: Vec<usize> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        out.push(slot(fnv(word_state, word.as_bytes())));
        if let Some(next) = words.get(i + 1) {
            let state = fnv(fnv(fnv(pair_state, word.as_bytes()), b" "), next.as_bytes());
            out.push(slot(state));
        }
        bracketed.clear();
        bracketed.push('<');
        bracketed.push_str(word);
        bracketed.push('>');
        bounds.clear();
        bounds.extend(bracketed.char_indices().map(|(at, _)| at));
        bounds.push(bracketed.len());
        let bytes = bracketed.as_bytes();
        let chars = bounds.len() - 1;
        for n in 3..=5 {
            for from in 0..(chars + 1).saturating_sub(n) {
                let gram = &bytes[bounds[from]..bounds[from + n]];
                out.push(slot(fnv(gram_state, gram)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The words and word pairs of a message with their feature indices, for explanations.
fn named_words(text: &str) -> Vec<(usize, String)> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = words(&lower).collect();
    let (word_state, pair_state) = (fnv(FNV_BASIS, b"w:"), fnv(FNV_BASIS, b"b:"));
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        out.push((slot(fnv(word_state, word.as_bytes())), (*word).to_string()));
        if let Some(next) = words.get(i + 1) {
            let state = fnv(fnv(fnv(pair_state, word.as_bytes()), b" "), next.as_bytes());
            out.push((slot(state), format!("{word} {next}")));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A message's hashed features.
#[derive(Debug, Clone)]
pub struct Features(Vec<usize>);

/// One category's logistic regression.
struct Model {
    weights: Vec<f32>,
    bias: f32,
}

impl Model {
    fn probability(&self, features: &[usize]) -> f32 {
        let z: f32 = self.bias + features.iter().map(|&i| self.weights[i]).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Trains on each message's features `x` and whether it is `labelled`, by stochastic
    /// gradient descent, visiting the messages in a fixed interleaving that changes each
    /// pass.
    fn train(x: &[Vec<usize>], labelled: &[bool]) -> Model {
        let mut model = Model {
            weights: vec![0.0; DIMENSIONS],
            bias: 0.0,
        };
        let n = x.len().min(labelled.len());
        if n == 0 {
            return model;
        }
        for epoch in 0..EPOCHS {
            let step = stride(n, 7 + 2 * epoch);
            for k in 0..n {
                let at = (k * step) % n;
                let (x, y) = (&x[at], &labelled[at]);
                let z: f32 = model.bias + x.iter().map(|&i| model.weights[i]).sum::<f32>();
                let p = 1.0 / (1.0 + (-z).exp());
                let gradient = if *y { (p - 1.0) * POSITIVE_WEIGHT } else { p };
                for &i in x {
                    model.weights[i] -= RATE * (gradient + L2 * model.weights[i]);
                }
                model.bias -= RATE * gradient;
            }
        }
        model
    }
}

/// A scoped thread's result; a panic in it (a bug: training reads only embedded,
/// tested sets) is passed on.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The smallest stride from `wanted` up that is coprime with `n`, so that a pass visits
/// every example once.
fn stride(n: usize, wanted: usize) -> usize {
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    (wanted..).find(|&s| gcd(s, n) == 1).unwrap_or(1)
}

/// One model per labelled category.
pub struct Models {
    models: Vec<(Category, Model)>,
    /// Whether the models also read what the cue lists saw (their findings and cue kinds).
    stacked: bool,
    /// When the models' opinions count.
    pub policy: Policy,
}

impl Models {
    /// Trains one model per category on `sets`, over the words and what the cue lists
    /// saw.
    pub fn train(sets: &[Vec<Labelled>]) -> Models {
        Models::train_with(sets, true)
    }

    /// Trains one model per category on `sets`; `stacked` adds what the cue lists saw to
    /// the words.
    pub fn train_with(sets: &[Vec<Labelled>], stacked: bool) -> Models {
        let rows: Vec<&Labelled> = sets.iter().flatten().collect();
        // The messages' features on one thread per core, then one model per category on
        // threads of their own: the same numbers as one thread, in a fraction of the time.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = rows.len().div_ceil(threads).max(1);
        let x: Vec<Vec<usize>> = std::thread::scope(|scope| {
            let parts: Vec<_> = rows
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|r| {
                                let context = if stacked {
                                    crate::classify::list_context(&r.text, r.writer)
                                } else {
                                    Vec::new()
                                };
                                features(&r.text, r.writer, &context)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            parts.into_iter().flat_map(join).collect()
        });
        let models = std::thread::scope(|scope| {
            let (x, rows) = (&x, &rows);
            let trained: Vec<_> = LABELLED
                .iter()
                .map(|&category| {
                    scope.spawn(move || {
                        let labelled: Vec<bool> =
                            rows.iter().map(|r| r.labels.contains(&category)).collect();
                        (category, Model::train(x, &labelled))
                    })
                })
                .collect();
            trained.into_iter().map(join).collect()
        });
        Models {
            models,
            stacked,
            policy: Policy::default(),
        }
    }

    /// The features of a message, to ask several categories' models with
    /// [`Models::probability_of`].
    pub fn features(&self, text: &str, writer: Writer, context: &[String]) -> Features {
        Features(features(text, writer, self.context(context)))
    }

    /// The probability that the message of `features` belongs to `category`.
    pub fn probability_of(&self, category: Category, features: &Features) -> Option<f32> {
        Some(self.model(category)?.probability(&features.0))
    }

    /// The words and word pairs of `text` that weigh most towards `category`, heaviest
    /// first (at most three; empty for a category without a model).
    pub fn words_behind(&self, category: Category, text: &str) -> Vec<String> {
        let Some(model) = self.model(category) else {
            return Vec::new();
        };
        let mut named: Vec<(f32, String)> = named_words(text)
            .into_iter()
            .map(|(index, words)| (model.weights[index], words))
            // Two-letter words ("to", "it") weigh in every message: they explain nothing.
            .filter(|(w, words)| *w > 0.0 && words.chars().count() >= 4)
            .collect();
        named.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        named.into_iter().take(3).map(|(_, w)| w).collect()
    }

    fn context<'a>(&self, context: &'a [String]) -> &'a [String] {
        if self.stacked {
            context
        } else {
            &[]
        }
    }

    fn model(&self, category: Category) -> Option<&Model> {
        self.models
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, m)| m)
    }
}

/// The models trained on the embedded sets, trained on first use (a fraction of a second).
pub fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| Models::train(&training_sets()))
}

/// The embedded training sets, parsed. They are checked by a test, so a malformed row is
/// a build-time mistake; one that slipped through is left out rather than stopping the
/// classifier.
pub fn training_sets() -> Vec<Vec<Labelled>> {
    TRAINING
        .iter()
        .filter_map(|(name, text)| parse_labelled(name, text).ok())
        .collect()
}

/// The embedded training sets' file names, in order.
pub fn training_set_names() -> Vec<&'static str> {
    TRAINING.iter().map(|(name, _)| *name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_set_parses() {
        for (name, text) in TRAINING {
            let rows = parse_labelled(name, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(rows.len() > 200, "{name}: {} rows", rows.len());
        }
    }

    #[test]
    fn a_stride_visits_every_example_once() {
        for n in [1, 2, 7, 14, 21, 1609] {
            let step = stride(n, 7);
            let mut seen: Vec<usize> = (0..n).map(|k| (k * step) % n).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
    }

    #[test]
    fn the_model_explains_with_the_message_words() {
        let text = "Pay the last invoice by Friday or your customer database goes public.";
        let models = models();
        let features = models.features(text, Writer::Person, &[]);
        let probability = models
            .probability_of(Category::Extortion, &features)
            .expect("extortion has a model");
        assert!(probability > 0.5, "{probability}");
        let words = models.words_behind(Category::Extortion, text);
        assert!(!words.is_empty());
        for word in &words {
            assert!(
                "pay the last invoice by friday or your customer database goes public"
                    .contains(word.as_str()),
                "{word}"
            );
        }
    }
}
