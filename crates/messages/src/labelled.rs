//! Labelled message sets (`id lang direction labels text`, tab-separated) and how well the
//! classifier does on them: precision and recall per category and over all.

use crate::{classify, Category, Writer};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The categories a labelled set carries (refusals are the organisation's, not labelled).
pub const LABELLED: [Category; 5] = [
    Category::Prepayment,
    Category::CryptoPayment,
    Category::ThirdPartyPayment,
    Category::Aggression,
    Category::Extortion,
];

/// One labelled message.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The row's id.
    pub id: String,
    /// Language code (`en`, `ko`, `ru`).
    pub lang: String,
    /// Who wrote it.
    pub writer: Writer,
    /// The categories it belongs to (empty: none).
    pub labels: Vec<Category>,
    /// The message.
    pub text: String,
}

/// A labelled set that cannot be read: the line and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct LabelledError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads a labelled set.
pub fn read_labelled(path: &Path) -> Result<Vec<Labelled>, LabelledError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| LabelledError {
        path: name.clone(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    parse_labelled(&name, &text)
}

/// Parses a labelled set's text; `name` is what errors call the file.
pub fn parse_labelled(name: &str, text: &str) -> Result<Vec<Labelled>, LabelledError> {
    let fail = |line: usize, message: String| LabelledError {
        path: name.to_string(),
        line,
        message,
    };
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, lang, direction, labels, text] = fields[..] else {
            return Err(fail(i + 1, format!("{} fields, expected 5", fields.len())));
        };
        let writer = match direction {
            "from_person" => Writer::Person,
            "to_person" => Writer::Organisation,
            other => return Err(fail(i + 1, format!("unknown direction {other:?}"))),
        };
        let labels = if labels == "none" {
            Vec::new()
        } else {
            labels
                .split(',')
                .map(|l| {
                    Category::from_name(l.trim())
                        .ok_or_else(|| fail(i + 1, format!("unknown label {l:?}")))
                })
                .collect::<Result<_, _>>()?
        };
        rows.push(Labelled {
            id: id.to_string(),
            lang: lang.to_string(),
            writer,
            labels,
            text: text.to_string(),
        });
    }
    Ok(rows)
}

/// Every set but the `held`-th: the training sets of a leave-one-author-out fold.
pub fn all_but(sets: &[Vec<Labelled>], held: usize) -> Vec<Vec<Labelled>> {
    sets.iter()
        .enumerate()
        .filter(|(i, _)| *i != held)
        .map(|(_, s)| s.clone())
        .collect()
}

/// Counts of one category (or all): true positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and labelled.
    pub true_positives: usize,
    /// Found, not labelled.
    pub false_positives: usize,
    /// Labelled, not found.
    pub false_negatives: usize,
}

impl Counts {
    /// Adds `other`'s counts to these (to pool several sets).
    pub fn add(&mut self, other: &Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    /// Share of findings that are right (1 when nothing was found).
    pub fn precision(&self) -> f64 {
        let found = self.true_positives + self.false_positives;
        if found == 0 {
            1.0
        } else {
            self.true_positives as f64 / found as f64
        }
    }

    /// Share of labels found (1 when nothing was labelled).
    pub fn recall(&self) -> f64 {
        let labelled = self.true_positives + self.false_negatives;
        if labelled == 0 {
            1.0
        } else {
            self.true_positives as f64 / labelled as f64
        }
    }
}

/// How the classifier did on a set.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Messages in the set.
    pub messages: usize,
    /// Per category.
    pub per_category: BTreeMap<Category, Counts>,
    /// Over every (message, category) pair.
    pub overall: Counts,
    /// (id, category, found) of each mistake: `found` true for a false positive.
    pub mistakes: Vec<(String, Category, bool)>,
}

/// Classifies every message of `set` (with [`classify`]: cue lists and the learned model)
/// and compares with its labels.
pub fn evaluate(set: &[Labelled]) -> Evaluation {
    evaluate_with(set, |text, writer| {
        classify(text, writer)
            .into_iter()
            .map(|f| f.category)
            .collect()
    })
}

/// Like [`evaluate`], with `classifier` telling the categories of a message.
pub fn evaluate_with(
    set: &[Labelled],
    classifier: impl Fn(&str, Writer) -> Vec<Category>,
) -> Evaluation {
    let mut evaluation = Evaluation {
        messages: set.len(),
        ..Evaluation::default()
    };
    for row in set {
        let found = classifier(&row.text, row.writer);
        for category in LABELLED {
            let (is, said) = (row.labels.contains(&category), found.contains(&category));
            let counts = evaluation.per_category.entry(category).or_default();
            for c in [&mut *counts, &mut evaluation.overall] {
                match (is, said) {
                    (true, true) => c.true_positives += 1,
                    (false, true) => c.false_positives += 1,
                    (true, false) => c.false_negatives += 1,
                    (false, false) => {}
                }
            }
            if is != said {
                evaluation.mistakes.push((row.id.clone(), category, said));
            }
        }
    }
    evaluation
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| category | labelled | found | right | precision | recall |"
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        let rows = self
            .per_category
            .iter()
            .map(|(c, n)| (c.as_str(), n))
            .chain(std::iter::once(("all", &self.overall)));
        for (name, n) in rows {
            writeln!(
                f,
                "| {name} | {} | {} | {} | {:.3} | {:.3} |",
                n.true_positives + n.false_negatives,
                n.true_positives + n.false_positives,
                n.true_positives,
                n.precision(),
                n.recall()
            )?;
        }
        Ok(())
    }
}
