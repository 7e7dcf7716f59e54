//! Precision and recall of the message classifier on a labelled set.
//!
//! ```text
//! cargo run -p redflag-messages --example evaluate -- crates/messages/tests/data/tune.tsv [--mistakes]
//! ```
//! With `--mistakes`, also prints each wrong message with what was found in it (use it on
//! the tuning set only: the held-out set stays unseen).

use redflag_messages::classify;
use redflag_messages::labelled::{evaluate, read_labelled};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: evaluate SET.tsv [--mistakes]")?;
    let show = args.next().as_deref() == Some("--mistakes");
    let set = read_labelled(std::path::Path::new(&path))?;
    let evaluation = evaluate(&set);
    println!("{} messages\n\n{evaluation}", evaluation.messages);
    if show {
        for (id, category, found) in &evaluation.mistakes {
            let row = set.iter().find(|r| &r.id == id).ok_or("id")?;
            let cues: Vec<String> = classify(&row.text, row.writer)
                .iter()
                .map(|f| {
                    let spans: Vec<&str> =
                        f.cues.iter().map(|c| &row.text[c.start..c.end]).collect();
                    format!("{}[{}]", f.category.as_str(), spans.join("|"))
                })
                .collect();
            println!(
                "{} {id} {} {:?}: {}\n    found: {}",
                if *found { "FP" } else { "FN" },
                category.as_str(),
                row.labels.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                row.text,
                cues.join(" ")
            );
        }
    }
    Ok(())
}
