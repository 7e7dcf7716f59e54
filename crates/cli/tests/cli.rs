//! The `redflag` binary end to end: outputs, escaping, exit codes, errors.

mod common;

use common::{redflag_with_data, text};
use std::path::Path;
use std::process::Output;

fn redflag(args: &[&str]) -> Output {
    // Lists fetched on this machine must not change what these tests see: an empty store.
    let store = std::env::temp_dir().join("redflag-cli-tests-no-store");
    redflag_with_data(&store, args)
}

/// A laptop-farm pair whose names are hostile to HTML and spreadsheets, and a clean person.
fn hostile_dataset(dir: &Path) {
    std::fs::write(
        dir.join("people.csv"),
        "person_id,full_name,org,status,employment_type\n\
         P1,<script>alert(1)</script>,Acme,active,employee\n\
         P2,\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",Globex,active,employee\n\
         P3,Grace Hopper,Acme,active,employee\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("contacts.csv"),
        "person_id,kind,value\n\
         P1,address,\"1 First St, Austin, TX 78701\"\n\
         P2,address,\"2 Second St, Reno, NV 89501\"\n\
         P1,payout_account,ACCT-\"><img src=x onerror=alert(1)>\n\
         P2,payout_account,ACCT-\"><img src=x onerror=alert(1)>\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("shipments.csv"),
        "asset_id,person_id,at,address,status\n\
         A1,P1,2024-03-01T10:00:00Z,\"9 Farm Rd, Phoenix, AZ 85001\",shipped\n\
         A2,P2,2024-03-02T10:00:00Z,\"9 Farm Road, Phoenix, Arizona 85001\",shipped\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("endpoint.csv"),
        "at,device_id,person_id,kind,name,vendor_id,product_id,manufacturer,product\n\
         2024-03-05T10:00:00Z,D1,P1,usb,,1d6b,0104,PiKVM,PiKVM Composite Device\n",
    )
    .unwrap();
}

#[test]
fn json_lists_every_person_with_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let out = redflag(&["screen", dir.path().to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "redflag_version",
        "dataset",
        "generated_at",
        "people",
        "networks",
        "summary",
    ] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    let people = report["people"].as_array().unwrap();
    assert_eq!(people.len(), 3, "every person appears, flagged or not");
    let first = &people[0];
    assert_eq!(first["person_id"], "P1");
    let indicators: Vec<&str> = first["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["indicator"].as_str().unwrap())
        .collect();
    assert!(
        indicators.contains(&"ONB_SHARED_SHIP_ADDR"),
        "{indicators:?}"
    );
    assert!(
        indicators.contains(&"PAY_ACCOUNT_SHARED_MANY"),
        "{indicators:?}"
    );
    assert!(indicators.contains(&"EP_IPKVM_DEVICE"), "{indicators:?}");
    // Address, payment and device evidence: three independent kinds.
    assert_eq!(first["level"], "critical");
    assert_eq!(first["network"], "N1");
    let evidence = &first["evidence"][0];
    for key in ["indicator", "title", "weight", "detail", "refs", "sources"] {
        assert!(evidence.get(key).is_some(), "evidence lacks {key}");
    }
    assert_eq!(people[2]["level"], "none");
    assert_eq!(people[2]["evidence"].as_array().unwrap().len(), 0);
}

#[test]
fn html_report_escapes_hostile_names_and_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let html_path = dir.path().join("out/report.html");
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = redflag(&[
        "screen",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--out",
        html_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(!html.contains("<script>alert(1)"), "a name became markup");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<img src=x"), "a value became markup");
    assert!(
        !html.contains("src=\"http"),
        "the report loads nothing remotely"
    );
    assert!(html.contains("ONB_SHARED_SHIP_ADDR"));
    assert!(html.contains("https://www.ic3.gov/"), "guidance is linked");
}

#[test]
fn csv_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let out = redflag(&["screen", dir.path().to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success());
    let csv = text(&out.stdout);
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(!csv.contains(",=HYPERLINK("), "{csv}");
}

#[test]
fn terminal_table_ranks_and_summarises() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let out = redflag(&["screen", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let table = text(&out.stdout);
    assert!(table.contains("P1"), "{table}");
    assert!(
        table.contains("1 person at level none not shown"),
        "{table}"
    );
    let p1 = table.find("  P1 ").expect("P1 listed");
    let p2 = table.find("  P2 ").expect("P2 listed");
    assert!(p1 < p2, "ranked by score");
    assert!(
        !table.contains('\u{1b}'),
        "no colour when NO_COLOR is set and not a terminal"
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let d = dir.path().to_str().unwrap();
    assert_eq!(
        redflag(&["screen", d, "--fail-on", "critical"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        redflag(&["screen", d, "--fail-on", "severe"]).status.code(),
        Some(2)
    );
    let clean = tempfile::tempdir().unwrap();
    std::fs::write(
        clean.path().join("people.csv"),
        "person_id,full_name\nP3,Grace Hopper\n",
    )
    .unwrap();
    let c = clean.path().to_str().unwrap();
    assert_eq!(
        redflag(&["screen", c, "--fail-on", "low"]).status.code(),
        Some(0)
    );
}

#[test]
fn bad_data_exits_3_naming_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    std::fs::write(
        dir.path().join("payments.csv"),
        "payment_id,person_id,at,direction\nT1,P1,2024-01-01T00:00:00Z,payout\nT2,P1,soon,payout\n",
    )
    .unwrap();
    let report = dir.path().join("report.html");
    let out = redflag(&[
        "screen",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.contains("payments.csv:3: column `at`: expected an RFC 3339 timestamp"),
        "{err}"
    );
    assert!(!report.exists(), "no partial output");
    // --lenient skips and counts the row instead.
    let out = redflag(&[
        "screen",
        dir.path().to_str().unwrap(),
        "--lenient",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let payments = json["summary"]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "payments")
        .unwrap()
        .clone();
    assert_eq!(
        (payments["rows"].as_u64(), payments["skipped"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn user_rules_extend_the_catalogue_and_bad_rules_exit_4() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(
        rules.path().join("ORG_NIGHT_SHIPMENT.sql"),
        "-- id: ORG_NIGHT_SHIPMENT\n-- title: Shipped to Phoenix\n-- category: address\n\
         -- weight: 5\n-- sources: PSA-2024\nSELECT person_id, 'shipped to Phoenix' AS detail,\n\
         [rf_ref('shipments', _line)] AS refs FROM shipments WHERE address LIKE '%Phoenix%'\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let r = rules.path().to_str().unwrap();
    let out = redflag(&["screen", d, "--rules", r, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("ORG_NIGHT_SHIPMENT"));
    let listed = redflag(&["rules", "--rules", r]);
    assert!(text(&listed.stdout).contains("ORG_NIGHT_SHIPMENT"));

    std::fs::write(
        rules.path().join("ORG_BROKEN.sql"),
        "-- id: ORG_BROKEN\n-- title: t\n-- category: address\n-- weight: 5\n-- sources: PSA-2024\n\
         SELECT person_id, 'x' AS detail FROM no_such_table\n",
    )
    .unwrap();
    let out = redflag(&["screen", d, "--rules", r]);
    assert_eq!(out.status.code(), Some(4));
    let err = text(&out.stderr);
    assert!(
        err.contains("ORG_BROKEN") && err.contains("no_such_table"),
        "{err}"
    );
}

#[test]
fn demo_simulates_screens_and_writes_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("demo.html");
    let kept = dir.path().join("data");
    let out = redflag(&[
        "demo",
        "--people",
        "400",
        "--report",
        report.to_str().unwrap(),
        "--keep",
        kept.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("critical"), "{table}");
    assert!(table.contains("Networks"), "{table}");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("ONB_SHARED_SHIP_ADDR"));
    assert!(kept.join("truth.json").exists());
}

#[test]
fn link_explains_every_network_edge() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let out = redflag(&["link", dir.path().to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let networks = json["networks"].as_array().unwrap();
    assert_eq!(networks.len(), 1, "{json}");
    let links = networks[0]["links"].as_array().unwrap();
    assert!(links
        .iter()
        .any(|l| l["indicator"] == "ONB_SHARED_SHIP_ADDR"));
    assert!(links
        .iter()
        .all(|l| !l["refs"].as_array().unwrap().is_empty()));
    let out = redflag(&["link", dir.path().to_str().unwrap()]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("N1 (") && shown.contains("P1 — P2"),
        "{shown}"
    );
    assert!(!shown.contains('\x1b'));
}

/// Vendor exports: an Okta NDJSON named with `--native` and an osquery log recognised inside
/// the dataset; their rows become evidence whose refs name the export and its line.
#[test]
fn vendor_exports_become_evidence_pointing_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("people.csv"),
        "person_id,full_name,org\nP1,Ana Lima,Acme\nP2,Ben Ortiz,Acme\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("contacts.csv"),
        "person_id,kind,value\nP1,email,ana@acme.example\nP1,device_id,LAPTOP-7Q2\nP2,email,ben@acme.example\n",
    )
    .unwrap();
    // Line 1 is a group change (counted and left out); line 2 is Ana signing in from an
    // address Mandiant published.
    let okta = exports.path().join("okta-2024-12.ndjson");
    std::fs::write(
        &okta,
        concat!(
            r#"{"eventType":"group.user_membership.add","published":"2024-12-03T14:00:00.000Z","actor":{"type":"User","alternateId":"ana@acme.example"},"client":{"ipAddress":"81.2.69.144"},"outcome":{"result":"SUCCESS"}}"#,
            "\n",
            r#"{"eventType":"user.session.start","published":"2024-12-03T14:05:00.000Z","actor":{"type":"User","alternateId":"ANA@acme.example"},"client":{"ipAddress":"104.223.97.2","geographicalContext":{"country":"United States","city":"Dallas"}},"securityContext":{"asNumber":"36352","asOrg":"HostPapa","isProxy":false},"outcome":{"result":"SUCCESS"}}"#,
            "\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("inventory.log"),
        r#"{"name":"pack_it_usb_devices","hostIdentifier":"LAPTOP-7Q2","unixTime":"1733234400","columns":{"vendor":"PiKVM","vendor_id":"1d6b","model":"PiKVM Composite Device","model_id":"0104","serial":"CAFEBABE"},"action":"added"}"#,
    )
    .unwrap();
    let out = redflag(&[
        "screen",
        dir.path().to_str().unwrap(),
        "--native",
        okta.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ana = report["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person_id"] == "P1")
        .unwrap();
    let refs_of = |indicator: &str| -> Vec<String> {
        ana["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["indicator"] == indicator)
            .unwrap_or_else(|| panic!("no {indicator} in {ana}"))["refs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        refs_of("NET_IOC_IP_MATCH"),
        vec![format!("{}:2", okta.display())]
    );
    assert_eq!(
        refs_of("EP_IPKVM_DEVICE"),
        vec!["inventory.log:1".to_string()]
    );
    let warnings: Vec<&str> = report["summary"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("not a sign-in event: group.user_membership.add: 1")),
        "{warnings:?}"
    );
    // A named file that is not an export stops the run with exit 3.
    let notes = exports.path().join("notes.json");
    std::fs::write(&notes, "{\"hello\": 1}\n").unwrap();
    let out = redflag(&[
        "screen",
        dir.path().to_str().unwrap(),
        "--native",
        notes.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("notes.json: not an Okta System Log"));
}

#[test]
fn keys_are_created_once_shown_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store/redflag.db");
    let db = db.to_str().unwrap();
    let created = redflag(&[
        "keys", "create", "--name", "ci", "--role", "analyst", "--db", db,
    ]);
    assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
    let secret = text(&created.stdout).trim().to_string();
    assert!(secret.starts_with("rfk_") && secret.len() == 68, "{secret}");
    assert!(text(&created.stderr).contains("key 1 (analyst)"));
    let store = redflag_store::Store::open(Path::new(db)).unwrap();
    assert_eq!(
        store.authenticate(&secret).unwrap().map(|p| p.role),
        Some(redflag_store::Role::Analyst)
    );
    drop(store);
    let bad = redflag(&[
        "keys", "create", "--name", "x", "--role", "root", "--db", db,
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let revoked = redflag(&["keys", "revoke", "1", "--db", db]);
    assert_eq!(revoked.status.code(), Some(0), "{}", text(&revoked.stderr));
    let missing = redflag(&["keys", "revoke", "9", "--db", db]);
    assert_eq!(missing.status.code(), Some(2));
    let store = redflag_store::Store::open(Path::new(db)).unwrap();
    assert!(store.authenticate(&secret).unwrap().is_none());
}

#[test]
fn ocsf_writes_one_detection_finding_per_flagged_person() {
    let dir = tempfile::tempdir().unwrap();
    hostile_dataset(dir.path());
    let out = redflag(&["screen", dir.path().to_str().unwrap(), "--format", "ocsf"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let findings: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The laptop-farm pair is flagged; Grace Hopper is not.
    let uids: Vec<&str> = findings
        .iter()
        .map(|f| f["finding_info"]["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids, ["redflag:P1", "redflag:P2"]);
    for f in &findings {
        assert_eq!(f["class_uid"], 2004);
        assert_eq!(f["metadata"]["version"], "1.3.0");
        assert!(!f["evidences"].as_array().unwrap().is_empty());
    }
    // Hostile names travel as JSON strings, unchanged.
    assert_eq!(
        findings[0]["resources"][0]["name"],
        "<script>alert(1)</script>"
    );
}
