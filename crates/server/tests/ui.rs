//! The web UI over real HTTP: sign-in sessions, what each role sees and may do, CSRF,
//! escaping and security headers, and the audit of page views.

mod common;

use std::sync::Arc;

use common::each_backend;
use redflag_model::{
    Category, Evidence, GuidanceSource, Level, PersonResult, PersonSummary, Report, Summary,
};
use redflag_store::testing::TestDb;
use redflag_store::{CaseStatus, Role, Store};
use ureq::Agent;

struct Ui {
    base: String,
    store: Arc<Store>,
    agent: Agent,
    /// Stops the server when the test ends.
    _served: common::Served,
}

/// A person whose name and evidence are hostile to HTML.
fn hostile_person() -> PersonResult {
    PersonResult {
        person: PersonSummary {
            person_id: "P1".into(),
            full_name: "<script>alert(1)</script>".into(),
            org: Some("Acme".into()),
            ..PersonSummary::default()
        },
        score: 80,
        level: Level::Critical,
        network: None,
        evidence: vec![Evidence {
            indicator: "EP_IPKVM_DEVICE".into(),
            title: "IP-KVM device".into(),
            category: Category::Device,
            weight: 30.0,
            detail: "PiKVM <img src=x onerror=alert(2)>".into(),
            refs: vec!["endpoint.csv:7".into()],
            sources: vec![
                GuidanceSource {
                    id: "MANDIANT-2024".into(),
                    title: "Mandiant".into(),
                    url: "https://example.org/report".into(),
                },
                GuidanceSource {
                    id: "EVIL".into(),
                    title: "x".into(),
                    url: "javascript:alert(3)".into(),
                },
            ],
            related: vec![],
        }],
    }
}

/// The UI over a fresh store in `db`.
fn start(db: &TestDb) -> Ui {
    let store = Arc::new(db.open());
    let report = Report {
        redflag_version: "test".into(),
        dataset: "fixture".into(),
        generated_at: "2026-11-23T00:00:00Z".into(),
        people: vec![hostile_person(), {
            let mut p = hostile_person();
            p.person.person_id = "P2".into();
            p.person.full_name = "Bo Lee".into();
            p
        }],
        networks: vec![redflag_model::Network {
            network: "N1".into(),
            members: vec!["P1".into(), "P2".into()],
            level: Level::Critical,
            evidence: vec![Evidence {
                indicator: "ONB_SHARED_SHIP_ADDR".into(),
                title: "Shared shipping address".into(),
                category: Category::Address,
                weight: 40.0,
                detail: "Laptops shipped to <b>one</b> house".into(),
                refs: vec!["shipments.csv:2".into(), "shipments.csv:3".into()],
                sources: vec![],
                related: vec!["P1".into(), "P2".into()],
            }],
        }],
        summary: Summary::default(),
    };
    store.save_report(&report, Level::High, "system").unwrap();
    let mut state = redflag_server::AppState::new(Arc::clone(&store), vec![]);
    state.secure_cookies = true;
    let served = common::spawn(state);
    // A new connection per request. Once in a CI run, the POST after a refused one (a
    // viewer's 403, answered before the form is read) failed with "Peer disconnected": the
    // server closes a connection whose request body it did not read, and the agent had
    // reused it from its pool. Browsers send such a request again on a new connection; this
    // agent does not retry a POST.
    let agent: Agent = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_idle_connections(0)
        .build()
        .into();
    Ui {
        base: served.base.clone(),
        store,
        agent,
        _served: served,
    }
}

/// Status, headers of interest and body of a response.
struct Page {
    status: u16,
    location: Option<String>,
    cookie: Option<String>,
    csp: Option<String>,
    body: String,
}

impl Ui {
    fn page(&self, response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Page {
        let mut response = response.unwrap();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let (location, cookie, csp) = (
            header("location"),
            header("set-cookie"),
            header("content-security-policy"),
        );
        Page {
            status: response.status().as_u16(),
            location,
            cookie,
            csp,
            body: response.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    fn get(&self, path: &str, cookie: Option<&str>) -> Page {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        self.page(request.call())
    }

    fn post(&self, path: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> Page {
        let mut request = self.agent.post(format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        self.page(request.send_form(form.iter().copied()))
    }

    /// Signs in with a new key of `role`; returns the cookie to send.
    fn sign_in(&self, role: Role) -> String {
        let (_, secret) = self.store.create_api_key(role.as_str(), role).unwrap();
        let page = self.post("/ui/login", None, &[("key", &secret)]);
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(page.location.as_deref(), Some("/ui/cases"));
        let cookie = page.cookie.unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        assert!(cookie.contains("; Secure"), "{cookie}");
        cookie.split(';').next().unwrap().to_string()
    }
}

/// The CSRF token of a page's forms.
fn csrf(body: &str) -> String {
    let at = body
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token")
        + 19;
    body[at..at + 64].to_string()
}

#[test]
fn sign_in_queue_and_person_page_are_escaped_and_audited() {
    each_backend(
        "ui::sign_in_queue_and_person_page_are_escaped_and_audited",
        |db| {
            let ui = start(db);
            // Nothing without a session.
            for path in ["/ui/cases", "/ui/people", "/ui/people/P1"] {
                let page = ui.get(path, None);
                assert_eq!(page.status, 303, "{path}");
                assert_eq!(page.location.as_deref(), Some("/ui/login"));
            }
            assert_eq!(
                ui.get("/ui/cases", Some("rf_session=../../etc")).status,
                303
            );
            let bad = ui.post("/ui/login", None, &[("key", "rfk_nope")]);
            assert_eq!(bad.status, 401);
            assert!(bad.body.contains("not valid"));

            let cookie = ui.sign_in(Role::Viewer);
            let queue = ui.get("/ui/cases", Some(&cookie));
            assert_eq!(queue.status, 200);
            assert!(queue.body.contains("href=\"/ui/people/P1\""));
            assert!(queue.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert!(!queue.body.contains("<script>"));

            let person = ui.get("/ui/people/P1", Some(&cookie));
            assert_eq!(person.status, 200);
            let csp = person.csp.unwrap();
            assert!(
                csp.contains("default-src 'none'") && !csp.contains("script-src"),
                "{csp}"
            );
            assert!(person.body.contains("EP_IPKVM_DEVICE"));
            assert!(person
                .body
                .contains("PiKVM &lt;img src=x onerror=alert(2)&gt;"));
            assert!(person.body.contains("endpoint.csv:7"));
            assert!(person.body.contains("href=\"https://example.org/report\""));
            assert!(!person.body.contains("javascript:"));
            assert!(!person.body.contains("<img"));
            // A viewer sees the case and its history but no form to change it.
            assert!(person.body.contains("opened"));
            assert!(!person.body.contains("action=\"/ui/cases/"));
            let log = ui.store.audit_log(10, None).unwrap();
            assert_eq!(log[0].action, "read_person");
            assert_eq!(log[0].subject, "P1");
            assert_eq!(log[1].action, "sign_in");
            assert_eq!(ui.get("/ui/people/P9", Some(&cookie)).status, 404);
        },
    );
}

#[test]
fn case_changes_need_the_role_and_the_sessions_csrf_token() {
    each_backend(
        "ui::case_changes_need_the_role_and_the_sessions_csrf_token",
        |db| {
            let ui = start(db);
            let case_id = ui.store.case_of_person("P1").unwrap().unwrap();
            let action = format!("/ui/cases/{case_id}");
            let viewer = ui.sign_in(Role::Viewer);
            let viewer_csrf = csrf(&ui.get("/ui/cases", Some(&viewer)).body);
            let analyst = ui.sign_in(Role::Analyst);
            let page = ui.get("/ui/people/P1", Some(&analyst));
            let token = csrf(&page.body);
            assert!(page.body.contains(&format!("action=\"{action}\"")));
            let form = |csrf: &'static str| -> Vec<(&'static str, &'static str)> {
                vec![
                    ("csrf", csrf),
                    ("person_id", "P1"),
                    ("status", "escalated"),
                    ("reason", "IP-KVM confirmed by IT"),
                    ("assignee", "ana"),
                    ("comment", ""),
                ]
            };
            let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
            // No token, another session's token, a viewer: refused, nothing changes.
            assert_eq!(ui.post(&action, Some(&analyst), &form("")).status, 403);
            assert_eq!(
                ui.post(&action, Some(&analyst), &form(leak(&viewer_csrf)))
                    .status,
                403
            );
            assert_eq!(
                ui.post(&action, Some(&viewer), &form(leak(&viewer_csrf)))
                    .status,
                403
            );
            assert_eq!(ui.post(&action, None, &form(leak(&token))).status, 303);
            let (case, _) = ui.store.case(case_id).unwrap().unwrap();
            assert_eq!(case.status, CaseStatus::Open);
            // The analyst with the page's token: changed, back to the person's page.
            let done = ui.post(&action, Some(&analyst), &form(leak(&token)));
            assert_eq!(done.status, 303, "{}", done.body);
            assert_eq!(done.location.as_deref(), Some("/ui/people/P1"));
            let (case, history) = ui.store.case(case_id).unwrap().unwrap();
            assert_eq!(case.status, CaseStatus::Escalated);
            assert_eq!(case.assignee.as_deref(), Some("ana"));
            let changed = history
                .iter()
                .find(|e| e.action == "status_changed")
                .unwrap();
            assert_eq!(changed.reason.as_deref(), Some("IP-KVM confirmed by IT"));
            assert!(changed.actor.ends_with("(analyst)"), "{}", changed.actor);
            // A status change without a reason is explained, not applied.
            let mut no_reason = form(leak(&token));
            no_reason[2] = ("status", "cleared");
            no_reason[3] = ("reason", " ");
            let refused = ui.post(&action, Some(&analyst), &no_reason);
            assert_eq!(refused.status, 422);
            assert!(refused.body.contains("needs a reason"));
            // Signing out ends the session.
            assert_eq!(
                ui.post("/ui/logout", Some(&analyst), &[("csrf", "x")])
                    .status,
                403
            );
            let out = ui.post("/ui/logout", Some(&analyst), &[("csrf", &token)]);
            assert_eq!(out.status, 303);
            assert_eq!(ui.get("/ui/cases", Some(&analyst)).status, 303);
        },
    );
}

#[test]
fn network_graph_and_search_pages() {
    each_backend("ui::network_graph_and_search_pages", |db| {
        let ui = start(db);
        let cookie = ui.sign_in(Role::Viewer);
        let list = ui.get("/ui/networks", Some(&cookie));
        assert_eq!(list.status, 200);
        assert!(list.body.contains("href=\"/ui/networks/N1\""));
        let graph = ui.get("/ui/networks/N1", Some(&cookie));
        assert_eq!(graph.status, 200);
        // Two members on the circle, one edge between them titled by its indicator.
        assert_eq!(graph.body.matches("<circle").count(), 2);
        assert_eq!(graph.body.matches("<line").count(), 1);
        assert!(graph.body.contains("<title>ONB_SHARED_SHIP_ADDR</title>"));
        assert!(graph
            .body
            .contains("Laptops shipped to &lt;b&gt;one&lt;/b&gt; house"));
        assert!(graph.body.contains("shipments.csv:3"));
        assert_eq!(ui.get("/ui/networks/N9", Some(&cookie)).status, 404);
        assert_eq!(ui.get("/ui/networks/N1", None).status, 303);

        let found = ui.get("/ui/search?q=script", Some(&cookie));
        assert_eq!(found.status, 200);
        assert!(found.body.contains("href=\"/ui/people/P1\""));
        assert!(!found.body.contains("href=\"/ui/people/P2\""));
        let by_id = ui.get("/ui/search?q=p2", Some(&cookie));
        assert!(by_id.body.contains("Bo Lee"));
        // LIKE wildcards are searched for literally; the query is escaped back into the form.
        let wild = ui.get("/ui/search?q=%25", Some(&cookie));
        assert!(wild.body.contains("No one matches."));
        let hostile = ui.get("/ui/search?q=%22%3E%3Cimg", Some(&cookie));
        assert!(hostile.body.contains("value=\"&quot;&gt;&lt;img\""));
        assert!(!hostile.body.contains("<img"));
    });
}
