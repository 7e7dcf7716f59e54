//! The JSON output contract (`redflag screen --format json`).
//!
//! The document is the [`Report`] exactly as the model serialises it, pretty-printed, with
//! fields in the model's declaration order, so that outputs of two runs diff cleanly and other
//! tools can rely on the shape described in DESIGN.md ("Output contract (JSON)"). Reading it back
//! with `serde_json::from_str::<Report>` gives the same report.

use crate::ReportError;
use redflag_model::Report;
use std::io::{BufWriter, Write};

/// Writes `report` as pretty-printed JSON followed by a newline.
///
/// Write failures (a closed pipe, a full disk) come back as [`ReportError::Io`], so a caller
/// can tell them from a report that cannot be represented ([`ReportError::Json`]).
pub fn write_json(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut out = BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, report).map_err(ReportError::of_json)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn render(report: &Report) -> String {
        let mut buf = Vec::new();
        write_json(report, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn round_trips() {
        let report = fixture::report();
        let text = render(&report);
        let back: Report = serde_json::from_str(&text).unwrap();
        assert_eq!(back, report);

        let empty = fixture::empty_report();
        let back: Report = serde_json::from_str(&render(&empty)).unwrap();
        assert_eq!(back, empty);
    }

    #[test]
    fn is_pretty_with_a_trailing_newline() {
        let text = render(&fixture::report());
        assert!(text.starts_with("{\n  \"redflag_version\""));
        assert!(text.ends_with("}\n"));
        assert!(!text.ends_with("\n\n"));
    }

    #[test]
    fn fields_follow_the_contract_order() {
        let text = render(&fixture::report());
        let top = [
            "\"redflag_version\"",
            "\"dataset\"",
            "\"generated_at\"",
            "\"people\"",
            "\"networks\"",
            "\"summary\"",
        ];
        let positions: Vec<usize> = top.iter().map(|k| text.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

        // A person is flat: summary fields, then score, level, network, evidence.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let first = &value["people"][0];
        assert_eq!(first["person_id"], "P-0001");
        assert_eq!(first["level"], "critical");
        assert_eq!(first["evidence"][0]["indicator"], "ONB_SHARED_SHIP_ADDR");
        assert_eq!(first["evidence"][0]["category"], "address");
        let person_keys = [
            "\"person_id\"",
            "\"full_name\"",
            "\"org\"",
            "\"score\"",
            "\"level\"",
            "\"network\"",
            "\"evidence\"",
        ];
        let first_person = &text[text.find("\"people\"").unwrap()..];
        let positions: Vec<usize> = person_keys
            .iter()
            .map(|k| first_person.find(k).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert_eq!(value["summary"]["by_level"]["critical"], 1);
    }

    #[test]
    fn write_failures_are_io_errors() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            }
        }
        let err = write_json(&fixture::report(), &mut Broken).unwrap_err();
        match err {
            ReportError::Io(e) => assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe),
            other => panic!("expected an I/O error, got {other}"),
        }
    }
}
