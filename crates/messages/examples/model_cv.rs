//! Leave-one-author-out cross-validation of the learned model over the embedded training
//! sets (`data/`, one author each): for each author, the models are trained on the other
//! authors and the classifier (cue lists, then the gated model) is scored on the left-out
//! author, beside the cue lists alone. The held-out sets under `tests/data` are not read.
//!
//! ```text
//! cargo run --release -p redflag-messages --example model_cv [--per-category] [--misses]
//! ```
//! `GATED`, `UNGATED`, `UNGATED_PAYMENT` and `VETO` in the environment replace the policy's
//! thresholds.
//! The cue lists were written on tune, tune2 and tune3, so on those folds the lists have
//! seen the text; the other folds are fair to both.

use redflag_messages::labelled::{all_but, evaluate_with, Counts};
use redflag_messages::model::{gate_kinds, training_set_names, training_sets, Policy};
use redflag_messages::{classify_with, cue_kinds, list_context, Category, Models};

fn line(name: &str, c: &Counts) -> String {
    format!(
        "{name:<10} P {:.3}  R {:.3}  (tp {}, fp {}, fn {})",
        c.precision(),
        c.recall(),
        c.true_positives,
        c.false_positives,
        c.false_negatives
    )
}

/// A number from the environment, else `default`.
fn knob(name: &str, default: f32) -> f32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let defaults = Policy::default();
    let policy = Policy {
        gated: knob("GATED", defaults.gated),
        ungated: knob("UNGATED", defaults.ungated),
        ungated_payment: knob("UNGATED_PAYMENT", defaults.ungated_payment),
        veto: knob("VETO", defaults.veto),
    };
    println!("{policy:?}");
    let sets = training_sets();
    let names = training_set_names();
    let (mut lists_all, mut both_all) = (Counts::default(), Counts::default());
    let mut per_category: std::collections::BTreeMap<Category, Counts> = Default::default();
    println!("| left out | messages | cue lists P / R | lists + model P / R |");
    println!("|---|---:|---|---|");
    for (held, name) in names.iter().enumerate() {
        let train = all_but(&sets, held);
        let mut models = Models::train_with(&train, std::env::var_os("UNSTACKED").is_none());
        models.policy = policy;
        let categories = |text: &str, writer, models: Option<&Models>| -> Vec<Category> {
            classify_with(text, writer, models)
                .into_iter()
                .map(|f| f.category)
                .collect()
        };
        let lists = evaluate_with(&sets[held], |t, w| categories(t, w, None));
        let both = evaluate_with(&sets[held], |t, w| categories(t, w, Some(&models)));
        println!(
            "| {name} | {} | {:.3} / {:.3} | {:.3} / {:.3} |",
            sets[held].len(),
            lists.overall.precision(),
            lists.overall.recall(),
            both.overall.precision(),
            both.overall.recall()
        );
        if std::env::args().any(|a| a == "--misses") {
            // Each label missed: whether the message had a cue of the category's kinds, and
            // the model's probability (to see whether the gates or the model lose it).
            for (id, category, found) in &both.mistakes {
                let Some(row) = sets[held].iter().find(|r| &r.id == id) else {
                    continue;
                };
                if *found {
                    continue;
                }
                let kinds = cue_kinds(&row.text);
                let gated = gate_kinds(*category).iter().any(|k| kinds.contains(k));
                let context = list_context(&row.text, row.writer);
                let features = models.features(&row.text, row.writer, &context);
                let p = models.probability_of(*category, &features).unwrap_or(0.0);
                println!(
                    "missed {} {} gated={gated} p={p:.2} {}",
                    category.as_str(),
                    row.lang,
                    row.text
                );
            }
        }
        lists_all.add(&lists.overall);
        both_all.add(&both.overall);
        for (category, counts) in &both.per_category {
            per_category.entry(*category).or_default().add(counts);
        }
        if std::env::args().any(|a| a == "--per-category") {
            for (category, counts) in &both.per_category {
                println!("    {}", line(category.as_str(), counts));
            }
        }
    }
    println!();
    println!("{}", line("lists", &lists_all));
    println!("{}", line("both", &both_all));
    for (category, counts) in &per_category {
        println!("  {}", line(category.as_str(), counts));
    }
}
