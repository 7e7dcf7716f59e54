//! The public API as the CLI uses it: every sink writes a non-empty document to a file.

use redflag_model::{
    Category, Evidence, GuidanceSource, Level, PersonResult, PersonSummary, Report, Summary,
    REDFLAG_VERSION,
};
use redflag_report::{
    write_csv, write_evidence_csv, write_html, write_json, write_terminal, ReportError,
    TerminalOptions,
};
use std::fs::{self, File};
use std::io::Write;

fn report() -> Report {
    let evidence = Evidence {
        indicator: "NET_MANY_ACCOUNTS_ONE_IP".into(),
        title: "Many accounts sign in from one IP".into(),
        category: Category::Network,
        weight: 15.0,
        detail: "4 accounts signed in from 203.0.113.7.".into(),
        refs: vec!["signins.csv:10".into()],
        sources: vec![GuidanceSource {
            id: "PSA-2024".into(),
            title: "North Korean IT workers".into(),
            url: "https://www.ic3.gov/".into(),
        }],
        related: Vec::new(),
    };
    Report {
        redflag_version: REDFLAG_VERSION.into(),
        dataset: "tests".into(),
        generated_at: "2025-01-05T14:03:09Z".into(),
        people: vec![PersonResult {
            person: PersonSummary {
                person_id: "P1".into(),
                full_name: "Jane Roe".into(),
                ..PersonSummary::default()
            },
            score: 40,
            level: Level::Medium,
            network: None,
            evidence: vec![evidence],
        }],
        networks: Vec::new(),
        summary: Summary {
            people: 1,
            ..Summary::default()
        },
    }
}

type Sink = fn(&Report, &mut dyn Write) -> Result<(), ReportError>;

#[test]
fn every_sink_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let report = report();
    let sinks: [(&str, Sink); 4] = [
        ("report.json", write_json),
        ("report.html", write_html),
        ("people.csv", write_csv),
        ("evidence.csv", write_evidence_csv),
    ];
    for (name, sink) in sinks {
        let path = dir.path().join(name);
        let mut file = File::create(&path).unwrap();
        sink(&report, &mut file).unwrap();
        drop(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("Jane Roe"), "{name}");
    }
    let json = fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), report);

    let mut table = Vec::new();
    write_terminal(&report, &mut table, &TerminalOptions::default()).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(table.contains("NET_MANY_ACCOUNTS_ONE_IP"));
}

#[test]
fn errors_say_what_failed() {
    let err = ReportError::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
    assert!(err.to_string().starts_with("cannot write report: "));
}
