//! Vendor exports read natively: the vendors' own published samples in
//! `shared/data/formats/` (read in place), and fixtures written here in the same shapes for
//! what the samples do not show (IP-KVM USB identities, remote logins, malformed lines).

use datafusion::arrow::array::{Array, AsArray, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{Int32Type, TimestampMicrosecondType};
use redflag_ingest::native::{detect, NativeFormat};
use redflag_ingest::{load_dataset, Dataset, LoadError, LoadOptions, LoadedTable};
use std::path::{Path, PathBuf};

fn formats() -> PathBuf {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    Path::new(&manifest).join("../../../shared/data/formats")
}

const PEOPLE: &str = "person_id,full_name,org,status\n\
P1,John Doe,Acme,active\n\
P2,Test User,Acme,active\n\
P3,Ana Lima,Acme,active\n";

/// Contacts that map the samples' accounts and hosts to people.
const CONTACTS: &str = "person_id,kind,value\n\
P1,email,john.doe@example.com\n\
P1,email,testaccount1@contoso.com\n\
P1,email,admin@aad171.ccsctp.net\n\
P2,email,test@test.com\n\
P2,email,test1@test.com\n\
P2,email,test@elastic.co\n\
P2,email,username@elastic.co\n\
P2,email,xxxxxx@elastic.co\n\
P2,email,admin@example.com\n\
P3,device_id,hostname.local\n\
P3,device_id,ubuntu-xenial\n\
P3,device_id,LAPTOP-7Q2\n";

fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("people.csv"), PEOPLE).expect("write");
    std::fs::write(dir.path().join("contacts.csv"), CONTACTS).expect("write");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn load_with(dir: &Path, native: &[PathBuf], lenient: bool) -> Result<Dataset, LoadError> {
    load_dataset(
        dir,
        LoadOptions {
            lenient,
            native_files: native.to_vec(),
        },
    )
}

/// Every row of a table as (column → text) maps, timestamps as Unix seconds.
fn rows(table: &LoadedTable) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut out = Vec::new();
    for batch in &table.batches {
        for i in 0..batch.num_rows() {
            out.push(row(batch, i));
        }
    }
    out
}

fn row(batch: &RecordBatch, i: usize) -> std::collections::BTreeMap<String, String> {
    let mut map = std::collections::BTreeMap::new();
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        if column.is_null(i) {
            continue;
        }
        let text = if let Some(s) = column.as_string_opt::<i32>() {
            s.value(i).to_string()
        } else if let Some(d) = column.as_dictionary_opt::<Int32Type>() {
            // Repetitive text (user agents, networks, cities) is dictionary-encoded.
            let key = d.keys().value(i) as usize;
            d.values().as_string::<i32>().value(key).to_string()
        } else if let Some(t) = column.as_primitive_opt::<TimestampMicrosecondType>() {
            (t.value(i) / 1_000_000).to_string()
        } else if let Some(n) = column.as_any().downcast_ref::<Int64Array>() {
            n.value(i).to_string()
        } else if let Some(b) = column.as_boolean_opt() {
            b.value(i).to_string()
        } else {
            format!("{:?}", column.slice(i, 1))
        };
        map.insert(field.name().clone(), text);
    }
    map
}

#[test]
fn okta_api_page_becomes_a_sign_in_with_oktas_enrichment() {
    let file = formats().join("okta/okta_listLogEvents_ListLogs.openapi.json");
    assert_eq!(
        detect(&file).expect("readable"),
        Some(NativeFormat::OktaSystemLog)
    );
    let dir = dataset(&[]);
    let ds = load_with(dir.path(), std::slice::from_ref(&file), false).expect("loads");
    let signins = ds.table("signins").expect("table");
    let all = rows(signins);
    assert_eq!(all.len(), 1);
    let r = &all[0];
    assert_eq!(r["person_id"], "P1");
    assert_eq!(r["at"], "1723564700", "2024-08-13T15:58:20.353Z");
    assert_eq!(r["ip"], "10.0.0.1");
    assert_eq!(r["country"], "US", "Okta writes `United States`");
    assert_eq!(r["country_name"], "United States");
    assert_eq!(r["city"], "New York");
    assert_eq!(r["asn"], "394089");
    assert_eq!(r["as_org"], "ASN 0000");
    assert_eq!(r["is_proxy"], "false");
    assert_eq!(r["session_id"], "idxBager62CSveUkTxvgRtonA");
    assert_eq!(r["app"], "Okta Admin Console");
    assert_eq!(r["result"], "success");
    assert_eq!(r["event_type"], "user.session.start");
    assert_eq!(r["device_id"], "guofdhyjex1feOgbN1d9");
    assert!(r["user_agent"].starts_with("Mozilla/5.0 (Macintosh"));
    // The row points at the line its event starts on, in the file as named.
    let line = signins.batches[0]
        .column_by_name("_line")
        .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
        .map(|l| l.value(0))
        .expect("_line");
    assert_eq!(signins.row_ref(line), format!("{}:2", file.display()));
}

#[test]
fn okta_ndjson_counts_what_it_leaves_out() {
    let text = std::fs::read_to_string(
        formats().join("elastic-integrations/okta_system_events.excerpt.log"),
    )
    .expect("sample");
    // Recognised by content under a name that says nothing.
    let dir = dataset(&[("export-2024-11.log", &text)]);
    let ds = load_with(dir.path(), &[], false).expect("loads");
    assert!(ds.unrecognised.is_empty(), "{:?}", ds.unrecognised);
    let signins = ds.table("signins").expect("table");
    let all = rows(signins);
    let kinds: Vec<&str> = all.iter().map(|r| r["event_type"].as_str()).collect();
    assert_eq!(
        kinds,
        vec![
            "user.session.end",
            "user.session.end",
            "user.session.start",
            "user.authentication.verify"
        ]
    );
    // `client.ipAddress` "null" falls back to the request's IP chain.
    assert_eq!(all[0]["ip"], "175.16.199.1");
    assert_eq!(all[1]["ip"], "175.16.199.1", "{:?}", all[1]);
    assert_eq!(all[2]["asn"], "14618");
    assert_eq!(all[2]["as_org"], "amazon data services nova");
    assert_eq!(all[2]["is_proxy"], "false");
    let note = signins.warnings.join("\n");
    assert!(note.contains("3 left out and counted"), "{note}");
    assert!(
        note.contains("not a sign-in event: policy.evaluate_sign_on: 1"),
        "{note}"
    );
    assert!(
        note.contains("not a sign-in event: group.user_membership.add: 1"),
        "{note}"
    );
    assert!(
        note.contains("not a sign-in event: app.user_management: 1"),
        "{note}"
    );
}

#[test]
fn okta_impossible_date_is_an_error_naming_the_field() {
    let file = formats().join("okta/okta_logevent_example.devdocs.json");
    let dir = dataset(&[]);
    let err = load_with(dir.path(), std::slice::from_ref(&file), false).expect_err("31 September");
    let text = err.to_string();
    assert!(
        text.contains("okta_logevent_example.devdocs.json:1"),
        "{text}"
    );
    assert!(text.contains("`published`"), "{text}");
    let ds = load_with(dir.path(), &[file], true).expect("lenient loads");
    let signins = ds.table("signins").expect("table");
    assert_eq!((signins.rows, signins.skipped), (0, 1));
}

#[test]
fn okta_event_with_the_newer_security_context() {
    let file = formats()
        .join("okta/okta_listLogEvents_ListLogsWithAdditionalSecurityContext.openapi.json");
    let dir = dataset(&[]);
    let ds = load_with(dir.path(), &[file], false).expect("loads");
    let all = rows(ds.table("signins").expect("table"));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["person_id"], "P1");
    assert!(all[0].contains_key("risk_level"), "{:?}", all[0]);
}

#[test]
fn entra_graph_collection_and_beta_failure() {
    let v1 = formats().join("entra/graph_v1.0_list_signIns_response.json");
    let beta = formats().join("entra/graph_beta_list_signIns_response.json");
    let bare = formats().join("entra/graph_v1.0_signIn_object.json");
    for f in [&v1, &beta, &bare] {
        assert_eq!(
            detect(f).expect("readable"),
            Some(NativeFormat::EntraSignIns),
            "{f:?}"
        );
    }
    let dir = dataset(&[]);
    let ds = load_with(dir.path(), &[v1, beta, bare], false).expect("loads");
    let signins = ds.table("signins").expect("table");
    assert_eq!(signins.files.len(), 3);
    let all = rows(signins);
    assert_eq!(all.len(), 3);
    let ok = &all[0];
    assert_eq!(ok["person_id"], "P1");
    assert_eq!(ok["ip"], "131.107.159.37");
    assert_eq!(ok["country"], "US");
    assert_eq!(ok["city"], "Redmond");
    assert_eq!(ok["result"], "success");
    assert_eq!(ok["app"], "Graph explorer");
    assert_eq!(ok["user_agent"], "Windows 10; Edge 80.0.361");
    assert!(
        !ok.contains_key("device_id"),
        "an empty deviceId is no device"
    );
    let failed = &all[1];
    assert_eq!(failed["result"], "failure");
    assert!(failed["outcome_reason"].contains("Keep me signed in"));
    assert_eq!(
        all[2]["ip"], ok["ip"],
        "the bare object reads like the collection's"
    );
}

#[test]
fn entra_published_example_with_a_trailing_comma_is_refused_with_its_line() {
    let file = formats().join("entra/graph_v1.0_list_signIns_response.published.txt");
    assert_eq!(
        detect(&file).expect("readable"),
        Some(NativeFormat::EntraSignIns)
    );
    let dir = dataset(&[]);
    let text = load_with(dir.path(), &[file], false)
        .expect_err("invalid JSON")
        .to_string();
    assert!(
        text.contains("graph_v1.0_list_signIns_response.published.txt:"),
        "{text}"
    );
    assert!(text.contains("invalid JSON"), "{text}");
}

#[test]
fn azure_monitor_records_read_their_properties() {
    let text = std::fs::read_to_string(
        formats().join("elastic-integrations/azure_signinlogs_raw.excerpt.log"),
    )
    .expect("sample");
    // The non-interactive sign-in names its user by object id, which contacts do not hold.
    let dir = dataset(&[("entra.jsonl.txt", &text)]);
    let ds = load_with(dir.path(), &[], false).expect("loads");
    let signins = ds.table("signins").expect("table");
    let all = rows(signins);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["person_id"], "P2");
    assert_eq!(all[0]["at"], "1571391948", "04:45:48-05:00 is 09:45:48Z");
    assert_eq!(all[0]["country"], "FR");
    assert_eq!(all[0]["result"], "failure");
    assert_eq!(all[0]["event_type"], "SignInLogs");
    let note = signins.warnings.join("\n");
    assert!(note.contains("accounts not in contacts: 1"), "{note}");
}

#[test]
fn osquery_documentation_lines() {
    let file = formats().join("osquery/osquery_docs_examples.ndjson");
    assert_eq!(
        detect(&file).expect("readable"),
        Some(NativeFormat::OsqueryResults)
    );
    let dir = dataset(&[]);
    let ds = load_with(dir.path(), &[file], false).expect("loads");
    let endpoint = ds.table("endpoint").expect("table");
    let all = rows(endpoint);
    // added (1) + snapshot (4) + batch added (1); the removed line and batch row are counted.
    assert_eq!(all.len(), 6, "{all:?}");
    assert!(all
        .iter()
        .all(|r| r["kind"] == "process" && r["person_id"] == "P3"));
    assert_eq!(all[0]["name"], "osqueryd");
    assert_eq!(all[0]["at"], "1412123850");
    assert_eq!(all[1]["path"], "/sbin/launchd");
    assert_eq!(all[1]["query"], "process_snapshot");
    let note = endpoint.warnings.join("\n");
    assert!(note.contains("`removed` results: 1"), "{note}");
    assert!(note.contains("`removed` rows of batch lines: 1"), "{note}");
}

#[test]
fn osquery_results_of_other_queries_are_counted() {
    let text = std::fs::read_to_string(
        formats().join("elastic-integrations/osquery_sample_logs_osquery.log"),
    )
    .expect("sample");
    let dir = dataset(&[("osqueryd.results.log", &text)]);
    let ds = load_with(dir.path(), &[], false).expect("loads");
    let endpoint = ds.table("endpoint").expect("table");
    assert_eq!(endpoint.rows, 0);
    let note = endpoint.warnings.join("\n");
    assert!(
        note.contains("10 left out and counted (results of other queries: pack_osquery-monitoring_schedule: 10)"),
        "{note}"
    );
}

/// osquery lines in the shapes of its `usb_devices`, `logged_in_users`, `programs` and `apps`
/// tables (column names from the table specs in shared/data/formats/osquery/specs).
const OSQUERY_FIXTURE: &str = concat!(
    r#"{"name":"pack_it_usb_devices","hostIdentifier":"LAPTOP-7Q2","calendarTime":"Mon Nov  3 14:00:00 2025 UTC","unixTime":1762178400,"epoch":0,"counter":0,"numerics":false,"columns":{"usb_address":"1","usb_port":"2","vendor":"PiKVM","vendor_id":"0x1D6B","version":"0.01","model":"PiKVM Composite Device","model_id":"104","serial":"CAFEBABE","class":"0","subclass":"0","protocol":"0","removable":"1"},"action":"added"}"#,
    "\n",
    r#"{"name":"pack_it_logged_in_users","hostIdentifier":"LAPTOP-7Q2","unixTime":"1762178460","columns":{"type":"user","user":"jdoe","tty":"rdp-tcp#0","host":"203.0.113.7","time":"1762178100","pid":"4242"},"action":"added"}"#,
    "\n",
    r#"{"name":"pack_it_programs","hostIdentifier":"LAPTOP-7Q2","unixTime":"1762178460","snapshot":[{"name":"AnyDesk","version":"9.0.1","install_location":"C:\\Program Files (x86)\\AnyDesk","install_source":"","language":"","publisher":"philandro Software GmbH","uninstall_string":"","install_date":"20251103","identifying_number":""}],"action":"snapshot"}"#,
    "\n",
    r#"{"name":"pack_it_apps","hostIdentifier":"LAPTOP-7Q2","unixTime":"1762178460","diffResults":{"added":[{"name":"Astrill.app","path":"/Applications/Astrill.app","bundle_executable":"Astrill","bundle_identifier":"com.astrill.astrill","bundle_name":"Astrill"}],"removed":[]}}"#,
    "\n",
    r#"{"name":"pack_it_processes","hostIdentifier":"STRANGER-PC","unixTime":"1762178460","columns":{"name":"rustdesk.exe","path":"C:\\rustdesk.exe","pid":"77"},"action":"added"}"#,
    "\n",
);

#[test]
fn osquery_usb_logins_programs_and_apps() {
    let dir = dataset(&[("osquery.log", OSQUERY_FIXTURE)]);
    let ds = load_with(dir.path(), &[], false).expect("loads");
    let endpoint = ds.table("endpoint").expect("table");
    let all = rows(endpoint);
    assert_eq!(all.len(), 4, "{all:?}");
    let usb = &all[0];
    assert_eq!(
        (
            usb["kind"].as_str(),
            usb["vendor_id"].as_str(),
            usb["product_id"].as_str()
        ),
        ("usb", "1d6b", "0104")
    );
    assert_eq!(usb["manufacturer"], "PiKVM");
    assert_eq!(usb["device_id"], "LAPTOP-7Q2");
    let login = &all[1];
    assert_eq!(login["kind"], "login");
    assert_eq!(login["value"], "203.0.113.7");
    assert_eq!(login["at"], "1762178100", "the session's own start time");
    let program = &all[2];
    assert_eq!(
        (program["kind"].as_str(), program["name"].as_str()),
        ("software", "AnyDesk")
    );
    assert_eq!(all[3]["name"], "Astrill");
    let note = endpoint.warnings.join("\n");
    assert!(note.contains("hosts not in contacts: 1"), "{note}");
}

#[test]
fn malformed_ndjson_line_names_its_line_or_is_counted() {
    let mut text = OSQUERY_FIXTURE.to_string();
    text.push_str("{\"name\":\"pack_it_processes\",\"hostIdentifier\":\"LAPTOP-7Q2\",\"unixTime\":\"soon\",\"columns\":{\"name\":\"x\",\"pid\":\"1\"},\"action\":\"added\"}\n");
    text.push_str("{\"name\": truncated\n");
    let dir = dataset(&[("osquery.log", &text)]);
    let err = load_with(dir.path(), &[], false)
        .expect_err("bad time")
        .to_string();
    assert!(err.contains("osquery.log:6"), "{err}");
    assert!(err.contains("`unixTime`"), "{err}");
    let ds = load_with(dir.path(), &[], true).expect("lenient");
    let endpoint = ds.table("endpoint").expect("table");
    assert_eq!((endpoint.rows, endpoint.skipped), (4, 2));
    let warnings = endpoint.warnings.join("\n");
    assert!(warnings.contains("osquery.log:7"), "{warnings}");
}

#[test]
fn native_rows_join_the_datasets_own_table() {
    let csv = "at,account,ip,country,result\n2025-01-02T03:04:05Z,john.doe@example.com,198.51.100.9,US,success\n";
    let okta =
        std::fs::read_to_string(formats().join("okta/okta_listLogEvents_ListLogs.openapi.json"))
            .expect("sample");
    let dir = dataset(&[("signins.csv", csv), ("okta page.json", &okta)]);
    let ds = load_with(dir.path(), &[], false).expect("loads");
    let signins = ds.table("signins").expect("table");
    assert_eq!(signins.rows, 2);
    assert_eq!(
        signins.files,
        vec!["signins.csv".to_string(), "okta page.json".to_string()]
    );
    let lines: Vec<String> = signins
        .batches
        .iter()
        .flat_map(|b| {
            let l = b
                .column_by_name("_line")
                .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
                .expect("_line")
                .clone();
            (0..l.len()).map(move |i| l.value(i)).collect::<Vec<_>>()
        })
        .map(|v| signins.row_ref(v))
        .collect();
    assert_eq!(lines, vec!["signins.csv:2", "okta page.json:2"]);
    // The CSV's rows have no Okta extras; the Okta row has them.
    let all = rows(signins);
    assert!(!all[0].contains_key("event_type"));
    assert_eq!(all[1]["event_type"], "user.session.start");
}

#[test]
fn a_named_file_that_is_not_an_export_is_an_error() {
    let dir = dataset(&[("notes.json", "{\"hello\": 1}\n")]);
    let err = load_with(dir.path(), &[dir.path().join("notes.json")], false)
        .expect_err("not native")
        .to_string();
    assert!(err.contains("notes.json: not an Okta System Log"), "{err}");
    // Inside the directory it is merely unrecognised.
    let ds = load_with(dir.path(), &[], false).expect("loads");
    assert_eq!(ds.unrecognised, vec!["notes.json".to_string()]);
}

/// Damaged exports (bytes flipped, lines cut) never panic and never lose rows silently:
/// under `--lenient` every record is a row, a counted skip or a counted left-out record.
#[test]
fn damaged_exports_never_panic() {
    let samples = [
        std::fs::read(formats().join("elastic-integrations/okta_system_events.excerpt.log"))
            .expect("okta"),
        std::fs::read(formats().join("entra/graph_beta_list_signIns_response.json"))
            .expect("entra"),
        OSQUERY_FIXTURE.as_bytes().to_vec(),
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..60 {
        let mut bytes = samples[round % samples.len()].clone();
        for _ in 0..(1 + next() % 6) {
            let at = (next() as usize) % bytes.len();
            match next() % 3 {
                0 => bytes[at] = (next() % 256) as u8,
                1 => bytes.truncate(at.max(1)),
                _ => bytes.insert(at, b"{}\n\",:[]"[(next() % 8) as usize]),
            }
        }
        let dir = dataset(&[]);
        let file = dir.path().join("damaged.bin");
        std::fs::write(&file, &bytes).expect("write");
        let strict = load_with(dir.path(), &[], false);
        let lenient = load_with(dir.path(), &[], true);
        if let Ok(ds) = lenient {
            for table in ["signins", "endpoint"] {
                let t = ds.table(table).expect("table");
                assert!(t.rows + t.skipped < 1_000_000);
            }
        }
        // Strict either loads or names a line.
        if let Err(LoadError::Row(e)) = strict {
            assert!(e.line >= 1);
        }
    }
}

/// A results log longer than several decoding blocks (the first are 1, 2 and 4 MB) is decoded
/// on several threads; rows keep file order and every error its own line.
#[test]
fn long_exports_keep_order_and_lines_across_blocks() {
    let mut text = String::new();
    let n = 45_000u64;
    for i in 1..=n {
        if i == 20_000 {
            // A blank line: counted, so every later record is on line i + 1.
            text.push('\n');
        }
        if i == 40_000 {
            text.push_str("{\"name\":\"pack_it_processes\",\"hostIdentifier\":\"LAPTOP-7Q2\",\"unixTime\":\"later\",\"columns\":{\"name\":\"x\",\"pid\":\"1\"},\"action\":\"added\"}\n");
            continue;
        }
        text.push_str(&format!(
            "{{\"name\":\"pack_it_processes\",\"hostIdentifier\":\"LAPTOP-7Q2\",\"calendarTime\":\"Mon Nov  3 14:00:00 2025 UTC\",\"unixTime\":\"{}\",\"epoch\":\"0\",\"counter\":\"{i}\",\"numerics\":false,\"decorations\":{{\"host_uuid\":\"72E1287B-D1BC-4FC6-B9D8-64F4352776A9\",\"username\":\"jdoe\"}},\"columns\":{{\"name\":\"proc{i}.exe\",\"path\":\"C:\\\\Program Files\\\\Vendor\\\\proc{i}.exe\",\"pid\":\"{i}\"}},\"action\":\"added\"}}\n",
            1_762_178_400 + i
        ));
    }
    assert!(text.len() > 9 << 20, "longer than a block: {}", text.len());
    let dir = dataset(&[("osquery.log", &text)]);
    let err = load_with(dir.path(), &[], false)
        .expect_err("bad time")
        .to_string();
    assert!(err.contains("osquery.log:40001"), "{err}");
    let ds = load_with(dir.path(), &[], true).expect("lenient");
    let endpoint = ds.table("endpoint").expect("table");
    assert_eq!((endpoint.rows, endpoint.skipped), (n - 1, 1));
    assert!(
        ds.warnings()
            .iter()
            .any(|w| w.starts_with("skipped osquery.log:40001:")),
        "{:?}",
        ds.warnings()
    );
    let mut expected = 0u64;
    for batch in &endpoint.batches {
        let lines = batch
            .column_by_name("_line")
            .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
            .expect("_line");
        let names = batch
            .column_by_name("name")
            .and_then(|c| c.as_string_opt::<i32>())
            .expect("name");
        for i in 0..batch.num_rows() {
            expected += 1;
            if expected == 40_000 {
                expected += 1;
            }
            let line = expected + u64::from(expected >= 20_000);
            assert_eq!(lines.value(i) as u64, line);
            assert_eq!(names.value(i), format!("proc{expected}.exe"));
        }
    }
    assert_eq!(expected, n);
}

/// An error early in a long export stops the load with that error (the reader and decoders
/// wind down; nothing waits forever).
#[test]
fn an_early_error_in_a_long_export_stops_the_load() {
    let mut text = String::from("{\"name\":\"p\",\"hostIdentifier\":\"LAPTOP-7Q2\",\"unixTime\":\"never\",\"columns\":{\"name\":\"x\",\"pid\":\"1\"},\"action\":\"added\"}\n");
    let line = "{\"name\":\"pack_it_processes\",\"hostIdentifier\":\"LAPTOP-7Q2\",\"unixTime\":\"1762178400\",\"columns\":{\"name\":\"proc.exe\",\"path\":\"C:\\\\proc.exe\",\"pid\":\"7\"},\"action\":\"added\"}\n";
    while text.len() < 60 << 20 {
        text.push_str(line);
    }
    let dir = dataset(&[("osquery.log", &text)]);
    let err = load_with(dir.path(), &[], false)
        .expect_err("bad time")
        .to_string();
    assert!(err.contains("osquery.log:1: column `unixTime`"), "{err}");
}

#[test]
fn okta_unknown_root_session_falls_back_and_users_without_an_id_are_counted() {
    let event = |session: &str, actor: &str| {
        format!(
            r#"{{"eventType":"user.session.start","published":"2024-11-02T10:00:00.000Z","actor":{actor},"client":{{"ipAddress":"81.2.69.160"}},"authenticationContext":{{{session}}},"outcome":{{"result":"SUCCESS"}}}}"#
        )
    };
    let user = r#"{"type":"User","alternateId":"admin@example.com"}"#;
    let text = [
        event(
            r#""rootSessionId":"unknown","externalSessionId":"idxReal42""#,
            user,
        ),
        event(
            r#""rootSessionId":"unknown","externalSessionId":"unknown""#,
            user,
        ),
        event(r#""rootSessionId":"102root""#, r#"{"type":"User"}"#),
    ]
    .join("\n");
    let dir = dataset(&[("okta.ndjson", &text)]);
    let ds = load_with(dir.path(), &[], false).expect("loads");
    let signins = ds.table("signins").expect("table");
    let all = rows(signins);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["session_id"], "idxReal42");
    assert!(!all[1].contains_key("session_id"), "{:?}", all[1]);
    let note = signins.warnings.join("\n");
    assert!(note.contains("user without actor.alternateId: 1"), "{note}");
    assert!(!note.contains("accounts not in contacts"), "{note}");
}
