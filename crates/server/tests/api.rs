//! The API over real HTTP on loopback: each role against each route, the audit of reads, and
//! hostile input (no key, a revoked key, oversized and malformed bodies, script in names,
//! path tricks).

mod common;

use std::sync::Arc;

use common::each_backend;
use redflag_model::{Category, Evidence, Level, PersonResult, PersonSummary, Report, Summary};
use redflag_store::testing::TestDb;
use redflag_store::{Role, Store};
use serde_json::Value;
use ureq::Agent;

/// A server on a free loopback port, with three people (one with a case) and a key per role.
struct Server {
    base: String,
    store: Arc<Store>,
    keys: [(Role, String); 3],
    agent: Agent,
    /// Stops the server when the test ends.
    _served: common::Served,
}

fn evidence(indicator: &str) -> Evidence {
    Evidence {
        indicator: indicator.into(),
        title: indicator.into(),
        category: Category::Network,
        weight: 30.0,
        detail: "detail".into(),
        refs: vec!["signins.csv:2".into()],
        sources: vec![],
        related: vec![],
    }
}

fn person(id: &str, name: &str, level: Level, score: u8) -> PersonResult {
    PersonResult {
        person: PersonSummary {
            person_id: id.into(),
            full_name: name.into(),
            ..PersonSummary::default()
        },
        score,
        level,
        network: None,
        evidence: if score > 0 {
            vec![evidence("NET_VPN_ASTRILL")]
        } else {
            vec![]
        },
    }
}

/// The server over a fresh store in `db`.
fn start(db: &TestDb) -> Server {
    let store = Arc::new(db.open());
    let report = Report {
        redflag_version: "test".into(),
        dataset: "fixture".into(),
        generated_at: "2026-11-23T00:00:00Z".into(),
        people: vec![
            person("P1", "Alex Doe", Level::High, 70),
            person("P2", "<script>alert(1)</script>", Level::Medium, 35),
            person("P3", "Sam Roe", Level::None, 0),
        ],
        networks: vec![],
        summary: Summary::default(),
    };
    store.save_report(&report, Level::High, "system").unwrap();
    let keys = [Role::Viewer, Role::Analyst, Role::Admin]
        .map(|role| (role, store.create_api_key(role.as_str(), role).unwrap().1));
    let rules = vec![redflag_server::RuleInfo {
        id: "NET_VPN_ASTRILL".into(),
        title: "Astrill VPN".into(),
        category: "network".into(),
        weight: 20.0,
        phase: 1,
        description: "Signs in through Astrill VPN exits.".into(),
        sources: vec![],
    }];
    let served = common::spawn(redflag_server::AppState::new(Arc::clone(&store), rules));
    // No pooled connections: the server may close one after refusing an oversized body
    // unread, and the next request must not inherit it.
    let agent: Agent = Agent::config_builder()
        .http_status_as_error(false)
        .max_idle_connections_per_host(0)
        .build()
        .into();
    Server {
        base: served.base.clone(),
        store,
        keys,
        agent,
        _served: served,
    }
}

impl Server {
    fn key(&self, role: Role) -> &str {
        &self.keys.iter().find(|(r, _)| *r == role).unwrap().1
    }

    /// GET with an optional key: status and JSON body.
    fn get(&self, path: &str, key: Option<&str>) -> (u16, Value) {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(key) = key {
            request = request.header("Authorization", format!("Bearer {key}"));
        }
        let mut response = request.call().unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    /// POST with a raw body.
    fn post(&self, path: &str, key: &str, body: &[u8]) -> (u16, Value) {
        self.send("POST", path, key, body)
    }

    /// PATCH with a raw body.
    fn patch(&self, path: &str, key: &str, body: &[u8]) -> (u16, Value) {
        self.send("PATCH", path, key, body)
    }

    /// DELETE: status and JSON answer.
    fn delete(&self, path: &str, key: &str) -> (u16, Value) {
        let mut response = self
            .agent
            .delete(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {key}"))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    /// A JSON request with a raw body: status and JSON answer.
    fn send(&self, method: &str, path: &str, key: &str, body: &[u8]) -> (u16, Value) {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "POST" => self.agent.post(url),
            _ => self.agent.patch(url),
        };
        let mut response = request
            .header("Authorization", format!("Bearer {key}"))
            .header("Content-Type", "application/json")
            .send(body)
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.body_mut().read_json().unwrap_or(Value::Null),
        )
    }
}

#[test]
fn each_role_against_each_route() {
    each_backend("api::each_role_against_each_route", |db| {
        let s = start(db);
        let case_id = s.store.case_of_person("P1").unwrap().unwrap();
        let reads = [
            "/v1/people".to_string(),
            "/v1/people/P1".to_string(),
            "/v1/people/P1/ocsf".to_string(),
            "/v1/networks".to_string(),
            "/v1/cases".to_string(),
            format!("/v1/cases/{case_id}"),
        ];
        assert_eq!(s.get("/v1/health", None).0, 200);
        for path in &reads {
            assert_eq!(s.get(path, None).0, 401, "{path} without a key");
            assert_eq!(
                s.get(path, Some("rfk_0000")).0,
                401,
                "{path} with a wrong key"
            );
            for role in [Role::Viewer, Role::Analyst, Role::Admin] {
                assert_eq!(s.get(path, Some(s.key(role))).0, 200, "{path} as {role:?}");
            }
        }
        for role in [Role::Viewer, Role::Analyst] {
            assert_eq!(
                s.get("/v1/audit", Some(s.key(role))).0,
                403,
                "audit as {role:?}"
            );
        }
        assert_eq!(s.get("/v1/audit", Some(s.key(Role::Admin))).0, 200);
        // Webhook management is the admin's.
        let (hook, _) = s.store.add_webhook("https://siem.example/hook").unwrap();
        let hook_path = format!("/v1/webhooks/{}", hook.webhook_id);
        for role in [Role::Viewer, Role::Analyst] {
            assert_eq!(s.delete(&hook_path, s.key(role)).0, 403, "as {role:?}");
            assert_eq!(
                s.post(&format!("{hook_path}/secret"), s.key(role), b"").0,
                403,
                "as {role:?}"
            );
        }
        let (status, rotated) = s.post(&format!("{hook_path}/secret"), s.key(Role::Admin), b"");
        assert_eq!(status, 200, "{rotated}");
        assert_eq!(rotated["secret"].as_str().map(str::len), Some(64));
        assert_eq!(s.delete(&hook_path, s.key(Role::Admin)).0, 200);
        assert_eq!(s.delete(&hook_path, s.key(Role::Admin)).0, 404, "twice");
        assert_eq!(
            s.post(&format!("{hook_path}/secret"), s.key(Role::Admin), b"")
                .0,
            404,
            "a disabled endpoint has no secret"
        );

        let change =
            br#"{"status": "investigating", "reason": "new hire, checking", "assignee": "ana"}"#;
        let path = format!("/v1/cases/{case_id}");
        assert_eq!(s.patch(&path, s.key(Role::Viewer), change).0, 403);
        let (status, case) = s.patch(&path, s.key(Role::Analyst), change);
        assert_eq!(status, 200, "{case}");
        assert_eq!(case["status"], "investigating");
        assert_eq!(case["assignee"], "ana");
        let (status, body) = s.patch(&path, s.key(Role::Admin), br#"{"status": "cleared"}"#);
        assert_eq!(status, 422, "a status change needs a reason: {body}");
        assert_eq!(
            s.patch("/v1/cases/999", s.key(Role::Admin), br#"{"comment": "x"}"#)
                .0,
            404
        );

        // Lists: level filter and paging.
        let (_, people) = s.get("/v1/people?min_level=medium", Some(s.key(Role::Viewer)));
        let ids: Vec<&str> = people
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["person_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["P1", "P2"]);
        let (_, page) = s.get(
            "/v1/people?min_level=none&limit=1&offset=2",
            Some(s.key(Role::Viewer)),
        );
        assert_eq!(page[0]["person_id"], "P3");
        let (_, cases) = s.get("/v1/cases?status=investigating", Some(s.key(Role::Viewer)));
        assert_eq!(cases.as_array().unwrap().len(), 1);
    });
}

#[test]
fn reads_of_a_person_and_case_actions_are_audited_with_who() {
    each_backend(
        "api::reads_of_a_person_and_case_actions_are_audited_with_who",
        |db| {
            let s = start(db);
            let (status, person) = s.get("/v1/people/P1", Some(s.key(Role::Viewer)));
            assert_eq!(status, 200);
            assert_eq!(person["evidence"][0]["indicator"], "NET_VPN_ASTRILL");
            assert!(person["case_id"].as_i64().is_some());
            // A miss is not a read of anyone's record.
            assert_eq!(s.get("/v1/people/P9", Some(s.key(Role::Viewer))).0, 404);
            // The SIEM finding of a flagged person; none for a person at level none.
            let (status, finding) = s.get("/v1/people/P1/ocsf", Some(s.key(Role::Viewer)));
            assert_eq!(status, 200);
            assert_eq!(finding["class_uid"], 2004);
            assert_eq!(finding["finding_info"]["uid"], "redflag:P1");
            assert_eq!(
                s.get("/v1/people/P3/ocsf", Some(s.key(Role::Viewer))).0,
                404
            );
            let case_id = person["case_id"].as_i64().unwrap();
            s.patch(
                &format!("/v1/cases/{case_id}"),
                s.key(Role::Analyst),
                br#"{"comment": "looking"}"#,
            );
            let (_, log) = s.get("/v1/audit?limit=10", Some(s.key(Role::Admin)));
            let entries: Vec<(String, String, String)> = log
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["actor"].as_str().unwrap().to_string(),
                        e["action"].as_str().unwrap().to_string(),
                        e["subject"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let viewer = s.store.authenticate(s.key(Role::Viewer)).unwrap().unwrap();
            let analyst = s.store.authenticate(s.key(Role::Analyst)).unwrap().unwrap();
            assert_eq!(
                entries[..2],
                [
                    (analyst.actor(), "change_case".into(), case_id.to_string()),
                    (viewer.actor(), "read_person".into(), "P1".into()),
                ]
            );
        },
    );
}

#[test]
fn hostile_input_is_refused_cleanly() {
    each_backend("api::hostile_input_is_refused_cleanly", |db| {
        let s = start(db);
        let admin = s.key(Role::Admin).to_string();
        let case_id = s.store.case_of_person("P1").unwrap().unwrap();
        let path = format!("/v1/cases/{case_id}");
        // Oversized and malformed bodies.
        let big = vec![b'a'; redflag_server::MAX_BODY_BYTES + 1];
        assert_eq!(s.patch(&path, &admin, &big).0, 413);
        let (status, body) = s.patch(&path, &admin, b"{\"comment\": ");
        assert_eq!(status, 400);
        assert!(body["error"].as_str().is_some(), "{body}");
        // Well-formed JSON that is not a case change: unknown fields, unknown statuses.
        assert_eq!(
            s.patch(&path, &admin, br#"{"comment": "x", "is_admin": true}"#)
                .0,
            422
        );
        assert_eq!(
            s.patch(&path, &admin, br#"{"status": "deleted", "reason": "x"}"#)
                .0,
            422
        );
        assert_eq!(
            s.patch("/v1/cases/abc", &admin, br#"{"comment": "x"}"#).0,
            400
        );
        // Bad query values.
        assert_eq!(s.get("/v1/people?limit=100000", Some(&admin)).0, 400);
        assert_eq!(s.get("/v1/people?min_level=severe", Some(&admin)).0, 400);
        assert_eq!(s.get("/v1/people?sort=name;DROP", Some(&admin)).0, 400);
        // Path tricks stay inside the routes.
        for trick in [
            "/v1/people/..%2F..%2Fetc%2Fpasswd",
            "/v1/people/%00",
            "/v1/../v1/audit",
            "/v2/people",
        ] {
            let (status, _) = s.get(trick, Some(s.key(Role::Viewer)));
            assert!(status == 404 || status == 403, "{trick}: {status}");
        }
        // Script in a name comes back as JSON text, not markup.
        let (_, person) = s.get("/v1/people/P2", Some(&admin));
        assert_eq!(person["full_name"], "<script>alert(1)</script>");
        // A revoked key stops working at once.
        let admin_id = s.store.authenticate(&admin).unwrap().unwrap().key_id;
        s.store.revoke_api_key(admin_id).unwrap();
        assert_eq!(s.get("/v1/people", Some(&admin)).0, 401);
    });
}

#[test]
fn every_documented_operation_is_served() {
    each_backend("api::every_documented_operation_is_served", |db| {
        let s = start(db);
        let case_id = s.store.case_of_person("P1").unwrap().unwrap();
        let (status, doc) = s.get("/openapi.json", None);
        assert_eq!(status, 200);
        assert_eq!(doc["openapi"], "3.1.0");
        let admin = s.key(Role::Admin).to_string();
        let mut operations = 0;
        for (template, item) in doc["paths"].as_object().unwrap() {
            let path = template
                .replace("{person_id}", "P1")
                .replace("{case_id}", &case_id.to_string())
                .replace("{webhook_id}", "1")
                .replace("{table}", "people");
            for method in item.as_object().unwrap().keys() {
                let status = match method.as_str() {
                    "get" => s.get(&path, Some(&admin)).0,
                    "patch" => s.patch(&path, &admin, br#"{"comment": "checked"}"#).0,
                    // Disables an endpoint of its own, so that the others stay for the
                    // operations after it.
                    "delete" => {
                        let (hook, _) = s.store.add_webhook("https://siem.example/old").unwrap();
                        let path = template.replace("{webhook_id}", &hook.webhook_id.to_string());
                        s.delete(&path, &admin).0
                    }
                    "post" if template == "/v1/webhooks/{webhook_id}/secret" => {
                        s.post(&path, &admin, b"").0
                    }
                    "post" if template == "/v1/screen" => {
                        s.post(&path, &admin, br#"{"person": {"full_name": "Dee Vance"}}"#)
                            .0
                    }
                    "post" => {
                        s.post(&path, &admin, br#"{"url": "https://siem.example/hook"}"#)
                            .0
                    }
                    other => panic!("undocumented method {other}"),
                };
                // This server has no pipeline: ingest and screening answer that they are not
                // available.
                let expected = if template == "/v1/tables/{table}" || template == "/v1/screen" {
                    503
                } else {
                    200
                };
                assert_eq!(status, expected, "{method} {template}");
                operations += 1;
            }
        }
        assert_eq!(operations, 18);
    });
}

#[test]
fn metrics_count_routes_by_template_and_show_no_person() {
    each_backend(
        "api::metrics_count_routes_by_template_and_show_no_person",
        |db| {
            let s = start(db);
            let viewer = s.key(Role::Viewer).to_string();
            s.get("/v1/people/P1", Some(&viewer));
            s.get("/v1/people/P2", Some(&viewer));
            s.get("/v1/people", None);
            let (_, rules) = s.get("/v1/rules", Some(&viewer));
            assert_eq!(rules[0]["id"], "NET_VPN_ASTRILL");
            let mut response = s
                .agent
                .get(format!("{}/metrics", s.base))
                .header("Authorization", format!("Bearer {viewer}"))
                .call()
                .unwrap();
            assert_eq!(response.status().as_u16(), 200);
            let text = response.body_mut().read_to_string().unwrap();
            assert!(
            text.contains(
                "redflag_http_requests_total{method=\"GET\",route=\"/v1/people/{person_id}\",status=\"200\"} 2"
            ),
            "{text}"
        );
            assert!(text.contains(
                "redflag_http_requests_total{method=\"GET\",route=\"/v1/people\",status=\"401\"} 1"
            ));
            assert!(text.contains("redflag_cases{status=\"open\"} 1"), "{text}");
            assert!(text.contains("redflag_people{level=\"high\"} 1"), "{text}");
            assert!(!text.contains("P1") && !text.contains("Alex"), "{text}");
            assert_eq!(s.get("/metrics", None).0, 401);
        },
    );
}

/// A stand-in for the screening pipeline: `people` and `contacts` are tables, a person id
/// `BAD` is refused, and screening gives every stored person a high score.
struct StubPipeline;

impl redflag_server::Pipeline for StubPipeline {
    fn is_table(&self, name: &str) -> bool {
        matches!(name, "people" | "contacts")
    }

    fn check(&self, dir: &std::path::Path) -> Result<(), String> {
        let people = std::fs::read_to_string(dir.join("people.csv")).unwrap_or_default();
        match people.lines().position(|l| l.starts_with("BAD,")) {
            Some(line) => Err(format!("people.csv:{}: column `person_id`", line + 1)),
            None => Ok(()),
        }
    }

    fn screen(&self, dir: &std::path::Path) -> Result<Report, String> {
        let people = std::fs::read_to_string(dir.join("people.csv")).map_err(|e| e.to_string())?;
        let people = people
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once(','))
            .map(|(id, name)| person(id, name, Level::High, 70))
            .collect();
        Ok(Report {
            redflag_version: "test".into(),
            dataset: "ingested".into(),
            generated_at: "2026-11-23T00:00:00Z".into(),
            people,
            networks: vec![],
            summary: Summary::default(),
        })
    }
}

#[test]
fn ingested_rows_are_kept_once_and_screened_into_cases_audit_and_webhooks() {
    each_backend("api::ingested_rows_are_screened", |db| {
        let store = Arc::new(db.open());
        let (_, admin) = store.create_api_key("loader", Role::Admin).unwrap();
        let (hook, _) = store.add_webhook("https://siem.example/hook").unwrap();
        let state = redflag_server::AppState::new(Arc::clone(&store), vec![])
            .with_pipeline(Arc::new(StubPipeline), Level::High);
        let served = common::spawn(state);
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let post = |table: &str, body: &str| -> (u16, Value) {
            let mut response = agent
                .post(format!("{}/v1/tables/{table}", served.base))
                .header("Authorization", format!("Bearer {admin}"))
                .header("Content-Type", "text/csv")
                .send(body.as_bytes())
                .unwrap();
            let status = response.status().as_u16();
            (
                status,
                response.body_mut().read_json().unwrap_or(Value::Null),
            )
        };
        let people = "person_id,full_name\nQ1,Ana Diaz\nQ2,Bo Lee\n";
        let (status, first) = post("people", people);
        assert_eq!(status, 200, "{first}");
        assert_eq!(
            (first["added"].as_u64(), first["unchanged"].as_u64()),
            (Some(2), Some(0))
        );
        let (_, again) = post("people", people);
        assert_eq!(
            (again["added"].as_u64(), again["unchanged"].as_u64()),
            (Some(0), Some(2))
        );
        let (_, renamed) = post("people", "person_id,full_name\nQ2,Bo Lee-Park\n");
        assert_eq!(renamed["replaced"].as_u64(), Some(1), "{renamed}");
        let (status, refused) = post("people", "person_id,full_name\nBAD,Nobody\n");
        assert_eq!(status, 422, "{refused}");
        assert_eq!(post("not_a_table", "a\n1\n").0, 404);
        let stored = store.ingested_rows("people").unwrap();
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[1]["full_name"], "Bo Lee-Park");

        // Screened in the background once batches stop: results, a case each, their
        // webhook messages queued, and the audit log.
        let start = std::time::Instant::now();
        while store.cases(None, 10, 0).unwrap().len() < 2 {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "the ingested people were not screened"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert_eq!(
            store.full_name("Q2").unwrap().as_deref(),
            Some("Bo Lee-Park")
        );
        let queued = store.deliveries(hook.webhook_id, 10).unwrap();
        assert_eq!(queued.len(), 2);
        assert!(queued.iter().all(|d| d.kind == "case.opened"));
        let log = store.audit_log(20, None).unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions.iter().filter(|a| **a == "ingest").count(), 3);
        assert!(actions.contains(&"save_report"), "{actions:?}");
    });
}
