//! Webhooks end to end: a case change reaches a receiver on loopback, signed with the
//! endpoint's secret; a failed attempt is retried and both attempts are in the log.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::each_backend;
use redflag_model::{Category, Evidence, Level, PersonResult, PersonSummary, Report, Summary};
use redflag_store::Role;
use serde_json::Value;

/// One request the receiver got: its headers (lowercase names) and body.
type Received = (Vec<(String, String)>, String);

/// A tiny HTTP receiver: answers 500 to the first request and 204 to the others.
fn receiver() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let got: Arc<Mutex<Vec<Received>>> = Arc::default();
    let seen = Arc::clone(&got);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut headers = Vec::new();
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                let trimmed = line.trim_end();
                if trimmed.is_empty() {
                    break;
                }
                if let Some((k, v)) = trimmed.split_once(':') {
                    headers.push((k.trim().to_lowercase(), v.trim().to_string()));
                }
            }
            let length: usize = headers
                .iter()
                .find(|(k, _)| k == "content-length")
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let first = {
                let mut seen = seen.lock().unwrap();
                seen.push((headers, String::from_utf8(body).unwrap()));
                seen.len() == 1
            };
            let status = if first {
                "500 Internal Server Error"
            } else {
                "204 No Content"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (url, got)
}

#[test]
fn case_changes_are_delivered_signed_and_retried() {
    each_backend("webhooks::case_changes_are_delivered", |db| {
        let store = Arc::new(db.open());
        let (_, admin) = store.create_api_key("admin", Role::Admin).unwrap();
        let (url, got) = receiver();
        let served = common::spawn(redflag_server::AppState::new(Arc::clone(&store), vec![]));
        let base = served.base.clone();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut created = agent
            .post(format!("{base}/v1/webhooks"))
            .header("Authorization", format!("Bearer {admin}"))
            .send_json(serde_json::json!({ "url": url }))
            .unwrap();
        assert_eq!(created.status().as_u16(), 200);
        let created: Value = created.body_mut().read_json().unwrap();
        let secret = created["secret"].as_str().unwrap().to_string();
        let webhook_id = created["webhook_id"].as_i64().unwrap();

        // A screening opens a case: one message to the endpoint.
        let report = Report {
            redflag_version: "test".into(),
            dataset: "fixture".into(),
            generated_at: "2026-11-23T00:00:00Z".into(),
            people: vec![PersonResult {
                person: PersonSummary {
                    person_id: "P1".into(),
                    full_name: "Alex Doe".into(),
                    ..PersonSummary::default()
                },
                score: 70,
                level: Level::High,
                network: None,
                evidence: vec![Evidence {
                    indicator: "NET_VPN_ASTRILL".into(),
                    title: "Astrill".into(),
                    category: Category::Network,
                    weight: 30.0,
                    detail: "Astrill exits".into(),
                    refs: vec!["signins.csv:2".into()],
                    sources: vec![],
                    related: vec![],
                }],
            }],
            networks: vec![],
            summary: Summary::default(),
        };
        store.save_report(&report, Level::High, "system").unwrap();

        // First attempt fails (500), the retry two seconds later succeeds.
        let start = Instant::now();
        while got.lock().unwrap().len() < 2 {
            assert!(start.elapsed() < Duration::from_secs(20), "not retried");
            std::thread::sleep(Duration::from_millis(100));
        }
        let (headers, body) = got.lock().unwrap()[1].clone();
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(header("x-redflag-event"), "case.opened");
        let timestamp = header("x-redflag-timestamp");
        assert_eq!(
            header("x-redflag-signature"),
            redflag_store::webhooks::signature(&secret, &timestamp, &body)
        );
        assert_ne!(
            header("x-redflag-signature"),
            redflag_store::webhooks::signature("another secret", &timestamp, &body)
        );
        let message: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(message["type"], "case.opened");
        assert_eq!(message["case"]["person_id"], "P1");
        assert_eq!(message["case"]["status"], "open");
        // Both attempts in the delivery log.
        let start = Instant::now();
        loop {
            let log = store.deliveries(webhook_id, 10).unwrap();
            if log[0].delivered_at.is_some() {
                assert_eq!(log[0].attempts, 2);
                assert_eq!(log[0].last_status, Some(204));
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(10));
            std::thread::sleep(Duration::from_millis(100));
        }
    });
}
