//! The message classifier as a table: every message in `messages` read by
//! `redflag-messages`, one row per (message, category) found, for the rules to read as
//! `message_findings`.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, RecordBatch, StringArray, TimestampMicrosecondArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use redflag_ingest::Dataset;
use redflag_messages::{classify, Finding, Writer};

use crate::rows::{in_parallel, BatchRows};

/// Name of the table.
pub const MESSAGE_FINDINGS_TABLE: &str = "message_findings";

/// Longest quote of a message kept in the table (characters); longer messages are cut
/// around the cues.
const QUOTE_CHARS: usize = 240;

/// Schema of [`MESSAGE_FINDINGS_TABLE`]: `person_id`, `message_id`, `at` (UTC),
/// `direction` (`from_person`, `to_person`), `category` (`prepayment`, `crypto_payment`,
/// `third_party_payment`, `aggression`, `extortion`, `refusal`), `cues` (the words that
/// triggered it: `before the work "upfront"; payment "50%"`), `quote` (the message, cut
/// around the cues when long), `evidence` (the two as the rules show them: `"quote" (cues)`)
/// and `ref` (`messages.csv:LINE`).
pub fn message_findings_schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        text("person_id", false),
        text("message_id", true),
        Field::new(
            "at",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            true,
        ),
        text("direction", true),
        text("category", false),
        text("cues", false),
        text("quote", false),
        text("evidence", false),
        text("ref", false),
    ]))
}

#[derive(Default)]
struct Columns {
    person_id: Vec<String>,
    message_id: Vec<Option<String>>,
    at: Vec<Option<i64>>,
    direction: Vec<Option<String>>,
    category: Vec<&'static str>,
    cues: Vec<String>,
    quote: Vec<String>,
    evidence: Vec<String>,
    refs: Vec<String>,
}

impl Columns {
    /// Appends `other`'s rows after these.
    fn append(&mut self, mut other: Columns) {
        self.person_id.append(&mut other.person_id);
        self.message_id.append(&mut other.message_id);
        self.at.append(&mut other.at);
        self.direction.append(&mut other.direction);
        self.category.append(&mut other.category);
        self.cues.append(&mut other.cues);
        self.quote.append(&mut other.quote);
        self.evidence.append(&mut other.evidence);
        self.refs.append(&mut other.refs);
    }
}

/// Classifies every message of the dataset, the batches shared out between as many threads
/// as there are cores (the classifier takes tens of microseconds a message, and a platform
/// holds millions of messages); the rows come out in the table's order.
pub fn message_findings(dataset: &Dataset) -> RecordBatch {
    let parts = in_parallel(dataset, "messages", |run| {
        let mut columns = Columns::default();
        for rows in run {
            classify_batch(rows, &mut columns);
        }
        columns
    });
    let mut columns = Columns::default();
    for part in parts {
        columns.append(part);
    }
    let text = |values: Vec<String>| -> ArrayRef { Arc::new(StringArray::from(values)) };
    let arrays: Vec<ArrayRef> = vec![
        text(columns.person_id),
        Arc::new(StringArray::from(columns.message_id)),
        Arc::new(TimestampMicrosecondArray::from(columns.at).with_timezone("UTC")),
        Arc::new(StringArray::from(columns.direction)),
        Arc::new(StringArray::from(columns.category)),
        text(columns.cues),
        text(columns.quote),
        text(columns.evidence),
        text(columns.refs),
    ];
    RecordBatch::try_new(message_findings_schema(), arrays)
        .expect("columns match message_findings_schema")
}

/// Classifies the messages of one batch into `columns`.
fn classify_batch(rows: &BatchRows<'_>, columns: &mut Columns) {
    let (people, ids, texts, directions) = (
        rows.text("person_id"),
        rows.text("message_id"),
        rows.text("text"),
        rows.text("direction"),
    );
    let at = rows.timestamps("at");
    for i in 0..rows.len() {
        let (Some(person), Some(text)) = (people.get(i), texts.get(i)) else {
            continue;
        };
        let direction = directions.get(i);
        let writer = match direction {
            Some("to_person") => Writer::Organisation,
            _ => Writer::Person,
        };
        let findings = classify(text, writer);
        if findings.is_empty() {
            continue;
        }
        let reference = rows.reference(i);
        let when = at.and_then(|a| (!a.is_null(i)).then(|| a.value(i)));
        for finding in findings {
            columns.person_id.push(person.to_string());
            columns.message_id.push(ids.get(i).map(str::to_string));
            columns.at.push(when);
            columns.direction.push(direction.map(str::to_string));
            columns.category.push(finding.category.as_str());
            let (cues, quote) = (describe_cues(text, &finding), quote(text, &finding));
            columns.evidence.push(format!("\"{quote}\" ({cues})"));
            columns.cues.push(cues);
            columns.quote.push(quote);
            columns.refs.push(reference.clone());
        }
    }
}

/// `kind "words"; kind "words"` for the analyst, and for a finding of the learned model
/// `learned model 87% on "words", "word pair"`.
fn describe_cues(text: &str, finding: &Finding) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cue in &finding.cues {
        let words = text.get(cue.start..cue.end).unwrap_or("").trim();
        let part = format!("{} \"{words}\"", cue.kind.as_str());
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    if let Some(learned) = &finding.learned {
        let words: Vec<String> = learned.words.iter().map(|w| format!("\"{w}\"")).collect();
        parts.push(format!(
            "learned model {}%{}",
            learned.percent,
            if words.is_empty() {
                String::new()
            } else {
                format!(" on {}", words.join(", "))
            }
        ));
    }
    parts.join("; ")
}

/// The message, or for a long one the stretch around its cues, cut at character
/// boundaries and marked with `…`.
fn quote(text: &str, finding: &Finding) -> String {
    let text = text.trim();
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_string();
    }
    let first = finding.cues.iter().map(|c| c.start).min().unwrap_or(0);
    // Start a little before the first cue, on a character boundary.
    let mut start = first.saturating_sub(40).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let body: String = text[start..].chars().take(QUOTE_CHARS).collect();
    let lead = if start > 0 { "…" } else { "" };
    let tail = if start + body.len() < text.len() {
        "…"
    } else {
        ""
    };
    format!("{lead}{body}{tail}")
}

#[cfg(test)]
mod tests {
    use super::message_findings;
    use datafusion::arrow::array::{Array, AsArray};
    use redflag_ingest::{load_dataset, LoadOptions};
    use std::fmt::Write as _;

    /// A messages table of more than two batches, classified by several threads: every
    /// request is found, once, and the rows come out in the file's order.
    #[test]
    fn several_batches_keep_the_table_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("people.csv"),
            "person_id,full_name\nP1,Ana Silva\nP2,Ben Okoro\n",
        )
        .expect("people");
        // The loader cuts tables into batches of 64k rows: three batches, requests in each
        // and on both sides of the first cut.
        let rows = 140_000;
        let requests = [7, 65_535, 65_539, 139_900];
        let mut csv = String::from("message_id,person_id,at,direction,text\n");
        for row in 0..rows {
            let (person, text) = if requests.contains(&row) {
                ("P2", "Please pay me in USDT from now on, wallet below.")
            } else {
                ("P1", "Merged the fix for the login page; tests pass.")
            };
            let _ = writeln!(
                csv,
                "M{row},{person},2025-03-01T09:00:00Z,from_person,\"{text}\""
            );
        }
        std::fs::write(dir.path().join("messages.csv"), csv).expect("messages");
        let dataset = load_dataset(dir.path(), LoadOptions::default()).expect("dataset");
        let batches = dataset.table("messages").map_or(0, |t| t.batches.len());
        assert!(batches >= 3, "{batches} batches");
        let batch = message_findings(&dataset);
        let refs = batch
            .column_by_name("ref")
            .expect("ref column")
            .as_string::<i32>();
        let found: Vec<&str> = (0..refs.len()).map(|i| refs.value(i)).collect();
        // The header is line 1: row r is on line r + 2.
        let expected: Vec<String> = requests
            .iter()
            .map(|r| format!("messages.csv:{}", r + 2))
            .collect();
        assert_eq!(found, expected);
    }

    /// A finding of the learned model says so in its cues, with the words behind it; the
    /// cue lists' findings do not.
    #[test]
    fn learned_findings_are_marked_in_the_cues() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("people.csv"),
            "person_id,full_name\nP1,Ana Silva\n",
        )
        .expect("people");
        let veiled = "Funny how these things work. Your investors would probably love to hear \
                      how your 'secure' platform was built, wouldn't they? Settle my last two \
                      invoices and we never have this conversation.";
        let listed = "Before I start, please send 50% upfront.";
        std::fs::write(
            dir.path().join("messages.csv"),
            format!(
                "message_id,person_id,at,direction,text\n\
                 M1,P1,2025-03-01T09:00:00Z,from_person,\"{veiled}\"\n\
                 M2,P1,2025-03-01T10:00:00Z,from_person,\"{listed}\"\n"
            ),
        )
        .expect("messages");
        let dataset = load_dataset(dir.path(), LoadOptions::default()).expect("dataset");
        let batch = message_findings(&dataset);
        let column = |name: &str| {
            batch
                .column_by_name(name)
                .expect("column")
                .as_string::<i32>()
                .clone()
        };
        let (ids, cues) = (column("message_id"), column("cues"));
        let rows: Vec<(&str, &str)> = (0..batch.num_rows())
            .map(|i| (ids.value(i), cues.value(i)))
            .collect();
        assert!(
            rows.iter()
                .any(|(id, cues)| *id == "M1" && cues.contains("learned model")),
            "{rows:?}"
        );
        assert!(
            rows.iter()
                .any(|(id, cues)| *id == "M2" && !cues.contains("learned model")),
            "{rows:?}"
        );
    }
}
