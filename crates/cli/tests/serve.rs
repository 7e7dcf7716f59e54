//! `redflag serve` as a process: rows ingested over HTTP are checked by the loader, stored
//! idempotently, screened in the background; a `kill -9` during an ingest loses no
//! acknowledged row, corrupts nothing, keeps the interrupted batch all or nothing, and the
//! retry completes.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{redflag_with_data, text};
use serde_json::Value;

/// A running server on a free loopback port.
struct Served {
    child: Child,
    base: String,
}

fn serve(db: &Path, data: &Path) -> Served {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--db"])
        .arg(db)
        .env("REDFLAG_DATA_DIR", data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while ureq::get(format!("{base}/v1/health")).call().is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Served { child, base }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// Three people at two organisations, one of them an applicant, as a `people` CSV.
const THREE_PEOPLE: &str = "person_id,full_name,org,status\n\
                            P1,Ana Diaz,Acme,active\n\
                            P2,Bo Lee,Acme,active\n\
                            P3,Cy Park,Globex,applicant\n";

/// POSTs a CSV body to `/v1/tables/{table}`: status and JSON answer.
fn post_csv(base: &str, key: &str, table: &str, body: &str) -> (u16, Value) {
    let mut response = agent()
        .post(format!("{base}/v1/tables/{table}"))
        .header("Authorization", format!("Bearer {key}"))
        .header("Content-Type", "text/csv")
        .send(body.as_bytes())
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

/// POSTs a candidate to `/v1/screen` with `query`: status and JSON answer.
fn screen_candidate(base: &str, key: &str, query: &str, candidate: &Value) -> (u16, Value) {
    let mut response = agent()
        .post(format!("{base}/v1/screen{query}"))
        .header("Authorization", format!("Bearer {key}"))
        .send_json(candidate)
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

fn contacts(n: usize) -> String {
    let mut body = String::from("person_id,kind,value\n");
    for i in 0..n {
        let _ = writeln!(body, "P{},email,user{i}@example.org", i % 3 + 1);
    }
    body
}

#[test]
fn ingest_is_checked_idempotent_screened_and_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = dir.path().join("redflag.db");
    let created = redflag_with_data(
        &data,
        &[
            "keys",
            "create",
            "--name",
            "loader",
            "--role",
            "admin",
            "--db",
            db.to_str().unwrap(),
        ],
    );
    assert!(created.status.success(), "{}", text(&created.stderr));
    let key = text(&created.stdout).trim().to_string();
    let mut server = serve(&db, &data);

    let people = THREE_PEOPLE;
    let (status, summary) = post_csv(&server.base, &key, "people", people);
    assert_eq!(status, 200, "{summary}");
    assert_eq!(summary["added"], 3);
    let (_, again) = post_csv(&server.base, &key, "people", people);
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(3))
    );

    // A row the loader refuses: the error names the body's line and column; nothing kept.
    let bad = "person_id,kind,value\nP1,email,a@example.org\nP9,email,b@example.org\n";
    let (status, error) = post_csv(&server.base, &key, "contacts", bad);
    assert_eq!(status, 422, "{error}");
    let message = error["error"].as_str().unwrap();
    assert!(
        message.contains("contacts.csv") && message.contains(":3"),
        "{message}"
    );
    assert!(message.contains("person_id"), "{message}");
    let (status, _) = post_csv(&server.base, &key, "not_a_table", "a\n1\n");
    assert_eq!(status, 404);

    // The ingested people are screened in the background into the API's results.
    let start = Instant::now();
    loop {
        let mut response = agent()
            .get(format!("{}/v1/people?min_level=none", server.base))
            .header("Authorization", format!("Bearer {key}"))
            .call()
            .unwrap();
        let people: Value = response.body_mut().read_json().unwrap();
        if people.as_array().is_some_and(|p| p.len() == 3) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "not screened: {people}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // One candidate against everyone known: an e-mail already one stored person's, and a
    // website on a domain the FBI seized. Nothing of the candidate is stored.
    let (status, _) = post_csv(
        &server.base,
        &key,
        "contacts",
        "person_id,kind,value\nP1,email,ana.diaz@example.org\n",
    );
    assert_eq!(status, 200);
    let candidate = serde_json::json!({
        "person": {"person_id": "A-77", "full_name": "Dee Vance", "claimed_country": "US"},
        "rows": {"contacts": [
            {"kind": "email", "value": "Ana.Diaz@example.org"},
            {"kind": "website", "value": "https://silverstarchina.com"}
        ]}
    });
    // Full mode screens the stored rows as they are now, with every rule.
    let (status, screened) = screen_candidate(&server.base, &key, "?mode=full", &candidate);
    assert_eq!(status, 200, "{screened}");
    assert_eq!(screened["mode"], "full");
    assert_eq!(screened["person_id"], "A-77");
    let indicators = |screened: &Value| -> Vec<String> {
        screened["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["indicator"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        indicators(&screened).contains(&"FRONT_SEIZED_DOMAIN".to_string()),
        "{screened}"
    );
    let reuse = |screened: &Value| -> Option<Value> {
        screened["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["indicator"] == "PLT_CONTACT_REUSE")
            .cloned()
    };
    let full_reuse = reuse(&screened).unwrap_or_else(|| panic!("no identifier reuse: {screened}"));
    assert_eq!(
        full_reuse["related"],
        serde_json::json!(["P1"]),
        "{full_reuse}"
    );
    let mut full_indicators = indicators(&screened);
    full_indicators.sort();
    eprintln!("candidate screened in full in {} ms", screened["took_ms"]);

    // Fast mode (the default) answers from the index of the last screening of the stored
    // rows: once the one after the new contact has finished, the same evidence, with the
    // rows named as sent and the known person with their level.
    let start = Instant::now();
    let screened = loop {
        let (status, screened) = screen_candidate(&server.base, &key, "", &candidate);
        assert_eq!(status, 200, "{screened}");
        if screened["mode"] == "fast" && reuse(&screened).is_some() {
            break screened;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never indexed: {screened}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(screened["person_id"], "A-77");
    let fast_reuse = reuse(&screened).unwrap();
    assert_eq!(fast_reuse["detail"], full_reuse["detail"]);
    assert_eq!(fast_reuse["related"], serde_json::json!(["P1"]));
    assert_eq!(fast_reuse["refs"], serde_json::json!(["contacts:1"]));
    let mut fast_indicators = indicators(&screened);
    fast_indicators.sort();
    assert_eq!(fast_indicators, full_indicators, "{screened}");
    assert_eq!(screened["related"][0]["person_id"], "P1");
    assert!(screened["related"][0]["level"].is_string(), "{screened}");
    assert!(screened["checked"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "WL_PERSON_LISTED"));
    eprintln!("candidate screened fast in {} ms", screened["took_ms"]);
    // Both reads are audited: the candidate's screening and the known person's level.
    let mut response = agent()
        .get(format!("{}/v1/audit?limit=20", server.base))
        .header("Authorization", format!("Bearer {key}"))
        .call()
        .unwrap();
    let audit: Value = response.body_mut().read_json().unwrap();
    let logged = |action: &str, subject: &str| {
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == action && e["subject"] == subject)
    };
    assert!(logged("screen_candidate", "A-77"), "{audit}");
    assert!(logged("read_person_level", "P1"), "{audit}");
    // A résumé is read only in full mode; a mode is fast or full.
    let mut with_resume = candidate.clone();
    with_resume["resume"] = Value::String("Dee Vance\nEngineer, 2019-2024".into());
    let (status, _) = screen_candidate(&server.base, &key, "?mode=fast", &with_resume);
    assert_eq!(status, 400);
    let (status, _) = screen_candidate(&server.base, &key, "?mode=quick", &candidate);
    assert_eq!(status, 400);
    // Interview rows are read by rules the fast checks do not mirror: by default they send
    // the candidate through the full pipeline, and fast mode refuses them rather than
    // ignoring them.
    let mut interviewed = candidate.clone();
    interviewed["rows"]["interviews"] = serde_json::json!([
        {"interview_id": "I-1", "at": "2025-03-03T14:00:00Z", "kind": "video",
         "camera": "refused", "signals": "camera_excuse"},
        {"interview_id": "I-2", "at": "2025-03-05T14:00:00Z", "kind": "video",
         "camera": "refused", "signals": "camera_excuse;stalling"}
    ]);
    let (status, error) = screen_candidate(&server.base, &key, "?mode=fast", &interviewed);
    assert_eq!(status, 400, "{error}");
    assert!(
        error["error"].as_str().unwrap().contains("\"interviews\""),
        "{error}"
    );
    let (status, screened) = screen_candidate(&server.base, &key, "", &interviewed);
    assert_eq!(status, 200, "{screened}");
    assert_eq!(screened["mode"], "full", "{screened}");
    assert!(
        indicators(&screened).contains(&"INT_CAMERA_AVOIDANCE".to_string()),
        "{screened}"
    );
    // A row the loader refuses names the list, the row and the column.
    let bad = serde_json::json!({"person": {"full_name": "Dee Vance"},
                                 "rows": {"contacts": [{"kind": "pager", "value": "1"}]}});
    let (status, error) = screen_candidate(&server.base, &key, "", &bad);
    assert_eq!(status, 422, "{error}");
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .starts_with("contacts:1: column `kind`"),
        "{error}"
    );
    let mut response = agent()
        .get(format!("{}/v1/people?min_level=none", server.base))
        .header("Authorization", format!("Bearer {key}"))
        .call()
        .unwrap();
    let listed: Value = response.body_mut().read_json().unwrap();
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["person_id"] != "A-77"));

    // kill -9 while a large batch is on its way or being stored.
    let big = contacts(30_000);
    let base = server.base.clone();
    let (sending_key, body) = (key.clone(), big.clone());
    let sender = std::thread::spawn(move || {
        let _ = agent()
            .post(format!("{base}/v1/tables/contacts"))
            .header("Authorization", format!("Bearer {sending_key}"))
            .header("Content-Type", "text/csv")
            .send(body.as_bytes());
    });
    std::thread::sleep(Duration::from_millis(150));
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let _ = sender.join();

    // Nothing corrupt, the acknowledged people all there, the batch all or nothing.
    {
        let store = redflag_store::Store::open(&db).unwrap();
        assert!(store.integrity_ok().unwrap());
        assert_eq!(store.ingested_rows("people").unwrap().len(), 3);
        // One contact was stored before the batch.
        let kept = store.ingested_rows("contacts").unwrap().len();
        assert!(kept == 1 || kept == 30_001, "a batch was half kept: {kept}");
    }
    let mut server = serve(&db, &data);
    // A restart over stored rows screens and indexes them in the background; fast mode is
    // refused until then, full mode is not.
    let start = Instant::now();
    loop {
        let (status, screened) = screen_candidate(&server.base, &key, "?mode=fast", &candidate);
        if status == 200 {
            assert_eq!(screened["mode"], "fast");
            break;
        }
        assert_eq!(status, 503, "{screened}");
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "never indexed after the restart"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    let (status, summary) = post_csv(&server.base, &key, "contacts", &big);
    assert_eq!(status, 200, "{summary}");
    assert_eq!(
        summary["added"].as_u64().unwrap() + summary["unchanged"].as_u64().unwrap(),
        30_000
    );
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let store = redflag_store::Store::open(&db).unwrap();
    assert_eq!(store.ingested_rows("contacts").unwrap().len(), 30_001);
}

/// `redflag keys create` and `redflag serve --db postgres://…`: rows ingested through one
/// server are screened into results, and a second server on the same database answers
/// with them and takes ingests of its own. Skipped without `REDFLAG_TEST_POSTGRES`.
#[test]
fn serve_on_postgres_shares_one_database() {
    let Some(db) = redflag_store::testing::postgres("serve_on_postgres_shares_one_database") else {
        return;
    };
    let url = db.location().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let created = redflag_with_data(
        &data,
        &[
            "keys", "create", "--name", "loader", "--role", "admin", "--db", &url,
        ],
    );
    assert!(created.status.success(), "{}", text(&created.stderr));
    let key = text(&created.stdout).trim().to_string();
    let mut first = serve(Path::new(&url), &data);
    let people = THREE_PEOPLE;
    let (status, summary) = post_csv(&first.base, &key, "people", people);
    assert_eq!(status, 200, "{summary}");
    assert_eq!(summary["added"], 3);

    let mut second = serve(Path::new(&url), &data);
    let people_of = |base: &str| -> Value {
        agent()
            .get(format!("{base}/v1/people?min_level=none"))
            .header("Authorization", format!("Bearer {key}"))
            .call()
            .unwrap()
            .body_mut()
            .read_json()
            .unwrap()
    };
    let start = Instant::now();
    while people_of(&first.base).as_array().map(Vec::len) != Some(3) {
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "not screened on PostgreSQL"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(people_of(&second.base).as_array().map(Vec::len), Some(3));
    // The same rows through the other server are already there.
    let (status, again) = post_csv(&second.base, &key, "people", people);
    assert_eq!(status, 200, "{again}");
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(3))
    );
    let (status, contacts) = post_csv(
        &second.base,
        &key,
        "contacts",
        "person_id,kind,value\nP1,email,ana.diaz@example.org\n",
    );
    assert_eq!(status, 200, "{contacts}");
    for server in [&mut first, &mut second] {
        server.child.kill().unwrap();
        server.child.wait().unwrap();
    }
    let store = db.open();
    assert!(store.integrity_ok().unwrap());
    assert_eq!(store.ingested_rows("people").unwrap().len(), 3);
    assert_eq!(store.ingested_rows("contacts").unwrap().len(), 1);
    let log = store.audit_log(50, None).unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "ingest").count(), 3);
}
