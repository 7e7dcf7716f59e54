//! A realistic report for the sinks' tests: a persona network of three, people at every level,
//! and the hostile strings every sink must survive (markup, formulas, escape sequences,
//! `javascript:` URLs, very long Korean names).

use redflag_model::{
    Category, Evidence, GuidanceSource, HubIdentifier, Level, ListUsed, Network, PersonResult,
    PersonSummary, Report, Summary, TableCount, REDFLAG_VERSION,
};
use std::collections::BTreeMap;

/// The `<script>` name in the fixture.
pub(crate) const SCRIPT_NAME: &str = "<script>alert(1)</script>";
/// The attribute-breaking evidence detail in the fixture.
pub(crate) const IMG_DETAIL: &str = "Shipping address \"><img src=x onerror=alert(1)> is shared";
/// A formula that would make a spreadsheet fetch a URL.
pub(crate) const HYPERLINK_NAME: &str = "=HYPERLINK(\"http://x\",\"click\")";
/// A DDE payload that would start a program.
pub(crate) const DDE_NAME: &str = "+cmd|' /C calc'!A0";
/// A name that would clear the analyst's terminal.
pub(crate) const CLEAR_SCREEN_NAME: &str = "Ana\x1b[2J Gómez";
/// A Korean name far wider than any terminal column.
pub(crate) const LONG_KOREAN_NAME: &str = "김철수김철수김철수김철수김철수 (Kim Chul-su)";

fn advisory() -> GuidanceSource {
    GuidanceSource {
        id: "ADV-2022".into(),
        title:
            "Guidance on the Democratic People's Republic of Korea Information Technology Workers"
                .into(),
        url: "https://ofac.treasury.gov/media/923126/download?inline".into(),
    }
}

fn psa() -> GuidanceSource {
    GuidanceSource {
        id: "PSA-2025".into(),
        title: "North Korean IT Workers Conducting Data Extortion".into(),
        url: "https://www.ic3.gov/PSA/2025/PSA250123".into(),
    }
}

fn hostile_source() -> GuidanceSource {
    GuidanceSource {
        id: "EVIL-1".into(),
        title: "Looks official".into(),
        url: "javascript:alert(document.cookie)".into(),
    }
}

#[allow(clippy::too_many_arguments)]
fn evidence(
    indicator: &str,
    title: &str,
    category: Category,
    weight: f64,
    detail: &str,
    refs: &[&str],
    sources: Vec<GuidanceSource>,
    related: &[&str],
) -> Evidence {
    Evidence {
        indicator: indicator.into(),
        title: title.into(),
        category,
        weight,
        detail: detail.into(),
        refs: refs.iter().map(|r| r.to_string()).collect(),
        sources,
        related: related.iter().map(|r| r.to_string()).collect(),
    }
}

fn shared_address(related: &[&str]) -> Evidence {
    evidence(
        "ONB_SHARED_SHIP_ADDR",
        "Laptop shipped to an address shared with other workers",
        Category::Address,
        25.0,
        "Laptop shipping address 1200 Elm St, Apt 4, Dallas TX is shared with 2 other people.",
        &["contacts.csv:12", "contacts.csv:31", "shipments.csv:4"],
        vec![advisory()],
        related,
    )
}

#[allow(clippy::too_many_arguments)]
fn person(
    id: &str,
    name: &str,
    org: Option<&str>,
    status: &str,
    score: u8,
    level: Level,
    network: Option<&str>,
    evidence: Vec<Evidence>,
) -> PersonResult {
    PersonResult {
        person: PersonSummary {
            person_id: id.into(),
            full_name: name.into(),
            org: org.map(str::to_string),
            status: Some(status.into()),
            role: Some("Senior Backend Engineer".into()),
            claimed_country: Some("US".into()),
        },
        score,
        level,
        network: network.map(str::to_string),
        evidence,
    }
}

/// Seven people, ranked: critical, high, medium (the network of three), two low, two none.
pub(crate) fn report() -> Report {
    let people = vec![
        person(
            "P-0001",
            "Jin Park",
            Some("Acme Cloud, Inc."),
            "active",
            92,
            Level::Critical,
            Some("N1"),
            vec![
                shared_address(&["P-0002", "P-0003"]),
                evidence(
                    "PAY_SHARED_ACCOUNT",
                    "Payroll account shared with another worker",
                    Category::Payment,
                    20.0,
                    "Payroll goes to account ****4411, which also pays P-0002.",
                    &["payments.csv:88", "payments.csv:91"],
                    vec![advisory(), psa()],
                    &["P-0002"],
                ),
                evidence(
                    "DEV_IPKVM",
                    "IP-KVM device attached to the corporate laptop",
                    Category::Device,
                    20.0,
                    "USB device 2e8a:000a (PiKVM) seen on LT-4471 on 2024-11-02.",
                    &["endpoint.csv:301"],
                    vec![psa()],
                    &[],
                ),
                evidence(
                    "INT_CAMERA_AVOIDANCE",
                    "Camera off or excuses during video interviews",
                    Category::Interview,
                    10.0,
                    "Camera stayed off in 2 of 2 video interviews (camera_excuse).",
                    &["interviews.csv:7", "interviews.csv:8"],
                    vec![advisory()],
                    &[],
                ),
                evidence(
                    "LOC_KEYBOARD_LAYOUT",
                    "Keyboard layout inconsistent with claimed country",
                    Category::Locale,
                    3.5,
                    "Keyboard layout ko-KR on a person claiming US (corroborates only).",
                    &["endpoint.csv:302"],
                    vec![advisory()],
                    &[],
                ),
            ],
        ),
        person(
            "P-0002",
            LONG_KOREAN_NAME,
            Some("Acme Cloud, Inc."),
            "hired",
            71,
            Level::High,
            Some("N1"),
            vec![
                shared_address(&["P-0001", "P-0003"]),
                evidence(
                    "PAY_SHARED_ACCOUNT",
                    "Payroll account shared with another worker",
                    Category::Payment,
                    20.0,
                    "Payroll goes to account ****4411, which also pays P-0001.",
                    &["payments.csv:91"],
                    vec![advisory()],
                    &["P-0001"],
                ),
                evidence(
                    "NET_VPN_EXIT",
                    "Sign-ins through commercial VPN exits",
                    Category::Network,
                    8.0,
                    "38 of 40 sign-ins came through Astrill VPN exits.",
                    &["signins.csv:1200"],
                    vec![psa()],
                    &[],
                ),
            ],
        ),
        person(
            "P-0003",
            SCRIPT_NAME,
            Some("Contoso <Staffing> & Co"),
            "applicant",
            45,
            Level::Medium,
            Some("N1"),
            vec![
                evidence(
                    "ONB_SHARED_SHIP_ADDR",
                    "Laptop shipped to an address shared with other workers",
                    Category::Address,
                    25.0,
                    IMG_DETAIL,
                    &["contacts.csv:33"],
                    vec![advisory(), hostile_source()],
                    &["P-0001", "P-0002", "P-9999"],
                ),
                evidence(
                    "HIR_RECYCLED_RESUME",
                    "Résumé near-duplicate of another applicant's",
                    Category::Hiring,
                    12.0,
                    "Résumé is 94% similar to P-0005's, same \"projects\" section.",
                    &["resumes.csv:3", "resumes.csv:5"],
                    vec![psa()],
                    &["P-0005"],
                ),
            ],
        ),
        person(
            "P-0004",
            HYPERLINK_NAME,
            Some("-Acme"),
            "applicant",
            15,
            Level::Low,
            None,
            vec![evidence(
                "HIR_FRONT_DOMAIN",
                "Work history at a known front-company domain",
                Category::Hiring,
                15.0,
                "@cmd|' /C calc'!A0 employer domain lookalike of a seized domain.",
                &["work_history.csv:19"],
                vec![advisory()],
                &[],
            )],
        ),
        person(
            "P-0005",
            DDE_NAME,
            None,
            "rejected",
            9,
            Level::Low,
            None,
            vec![evidence(
                "LOC_EDU_COUNTRY",
                "Education country differs from claimed country",
                Category::Locale,
                9.0,
                "Degree from a university in CN; claims US. Multi-line\r\nnote, with comma.",
                &["education.csv:5"],
                vec![advisory()],
                &[],
            )],
        ),
        person(
            "P-0006",
            CLEAR_SCREEN_NAME,
            Some("Acme Cloud, Inc."),
            "active",
            0,
            Level::None,
            None,
            Vec::new(),
        ),
        person(
            "P-0007",
            "Plain Person",
            None,
            "active",
            0,
            Level::None,
            None,
            Vec::new(),
        ),
    ];

    let networks = vec![Network {
        network: "N1".into(),
        members: vec!["P-0001".into(), "P-0002".into(), "P-0003".into()],
        level: Level::Critical,
        evidence: vec![
            shared_address(&["P-0001", "P-0002", "P-0003"]),
            evidence(
                "PAY_SHARED_ACCOUNT",
                "Payroll account shared with another worker",
                Category::Payment,
                20.0,
                "Account ****4411 pays P-0001 and P-0002.",
                &["payments.csv:88", "payments.csv:91"],
                vec![advisory()],
                &["P-0001", "P-0002"],
            ),
        ],
    }];

    let mut by_level = BTreeMap::new();
    by_level.insert(Level::None, 2);
    by_level.insert(Level::Low, 2);
    by_level.insert(Level::Medium, 1);
    by_level.insert(Level::High, 1);
    by_level.insert(Level::Critical, 1);
    let evidence_count = people.iter().map(|p| p.evidence.len()).sum();

    Report {
        redflag_version: REDFLAG_VERSION.into(),
        dataset: "examples/acme".into(),
        generated_at: "2025-01-05T14:03:09Z".into(),
        people,
        networks,
        summary: Summary {
            people: 7,
            by_level,
            rules_run: 42,
            evidence: evidence_count,
            networks: 1,
            tables: vec![
                table("people", "people.csv", 7, 0),
                table("contacts", "contacts.csv", 40, 2),
                table("payments", "payments.csv", 120, 0),
                table("endpoint", "endpoint.csv", 512, 1),
            ],
            unrecognised_files: vec!["notes.txt".into(), "<b>bold</b>.xlsx".into()],
            warnings: vec![
                "contacts.csv:99: skipped row: expected 6 fields, found 4".into(),
                "endpoint.csv:7: skipped row: bad timestamp \"yesterday\"".into(),
            ],
            ip_data: vec![
                "@ip-location-db/asn 2.3.2026061719 (npm), data of 2026-06-17, CC-BY-4.0: IP Geolocation by DB-IP <script>".into(),
            ],
            watchlists: vec![ListUsed {
                list: "redflag".into(),
                name: "redflag curated <DPRK> list".into(),
                published: Some("2025-08-27".into()),
                basis: "newest-entry".into(),
                entities: 62,
            }],
            hubs: vec![HubIdentifier {
                kind: "address".into(),
                key: "1 corporate plz <springfield> il 62701".into(),
                people: 312,
                threshold: 25,
                corroborated: 0.02,
            }],
            timings: Vec::new(),
        },
    }
}

fn table(name: &str, file: &str, rows: u64, skipped: u64) -> TableCount {
    TableCount {
        table: name.into(),
        file: file.into(),
        rows,
        skipped,
    }
}

/// A report with nobody in it, for edge cases.
pub(crate) fn empty_report() -> Report {
    Report {
        redflag_version: REDFLAG_VERSION.into(),
        dataset: "empty".into(),
        generated_at: "2025-01-05T14:03:09Z".into(),
        people: Vec::new(),
        networks: Vec::new(),
        summary: Summary::default(),
    }
}
