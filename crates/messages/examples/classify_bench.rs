//! Classifier throughput on a dataset's `messages.csv` (the `text` and `direction` columns):
//! messages per second on one thread, and how many had a finding.
//!
//! ```text
//! cargo run --release -p redflag-messages --example classify_bench -- DATASET/messages.csv [--lists-only]
//! ```
//! The learned model is trained before the clock starts; `--lists-only` leaves it out.

use redflag_messages::{classify_with, model, Writer};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: classify_bench MESSAGES.csv")?;
    let mut reader = csv::Reader::from_path(&path)?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (text, direction) = (column("text").ok_or("no text column")?, column("direction"));
    let mut messages: Vec<(String, Writer)> = Vec::new();
    for record in reader.records() {
        let record = record?;
        let writer = match direction.and_then(|d| record.get(d)) {
            Some("to_person") => Writer::Organisation,
            _ => Writer::Person,
        };
        messages.push((record.get(text).unwrap_or("").to_string(), writer));
    }
    let models = (!std::env::args().any(|a| a == "--lists-only")).then(model::models);
    let start = Instant::now();
    let found = messages
        .iter()
        .filter(|(text, writer)| !classify_with(text, *writer, models).is_empty())
        .count();
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{} messages in {seconds:.2} s ({:.0} per second, {:.1} µs each); {found} with a finding",
        messages.len(),
        messages.len() as f64 / seconds,
        seconds * 1e6 / messages.len() as f64
    );
    Ok(())
}
