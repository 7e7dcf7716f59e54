//! The analyst UI in headless Chromium, driven over WebDriver (chromedriver): a server is
//! started, a simulated workforce is ingested over the API, an analyst signs in, opens the
//! top case and escalates it; screenshots of each page are saved as test artifacts.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`/usr/bin/chromedriver`), which `.ci/run`
//! installs. Elsewhere the test says so and passes, unless `REDFLAG_REQUIRE_BROWSER=1` (set by
//! `.ci/run`) makes a missing browser a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{redflag_with_data, text};
use serde_json::{json, Value};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn wait_for(url: &str) {
    let start = Instant::now();
    while ureq::get(url).call().is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{url} did not come up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A WebDriver session.
struct Browser {
    base: String,
    session: String,
}

impl Browser {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|answer| panic!("{method} {path}: {answer}"))
    }

    /// The command's value, or WebDriver's whole answer when it is an error.
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, Value> {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let agent = agent();
        let mut response = match (method, body) {
            ("GET", _) => agent.get(&url).call(),
            (_, Some(body)) => agent.post(&url).send_json(body),
            (_, None) => agent.post(&url).send_json(json!({})),
        }
        .unwrap();
        let answer: Value = response.body_mut().read_json().unwrap();
        match answer["value"].get("error") {
            None => Ok(answer["value"].clone()),
            Some(_) => Err(answer),
        }
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap()
            .to_string()
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.call("POST", &format!("/element/{element}/click"), None);
    }

    /// The page's text. After a click that submits a form, the page may still be the old
    /// one when its body is found and gone when its text is asked for ("stale element
    /// reference"): then the new page's body is found again.
    fn text(&self) -> String {
        let start = Instant::now();
        loop {
            let body = self.find("body");
            match self.try_call("GET", &format!("/element/{body}/text"), None) {
                Ok(text) => return text.as_str().unwrap().to_string(),
                Err(answer)
                    if answer["value"]["error"] == "stale element reference"
                        && start.elapsed() < Duration::from_secs(10) =>
                {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(answer) => panic!("page text: {answer}"),
            }
        }
    }

    /// What `read` returns once it contains `part`, or after ten seconds as it is then: a
    /// click returns before the page it leads to has loaded.
    fn once_it_has(&self, part: &str, read: impl Fn(&Self) -> String) -> String {
        let start = Instant::now();
        loop {
            let now = read(self);
            if now.contains(part) || start.elapsed() > Duration::from_secs(10) {
                return now;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The page's text once it contains `needle`.
    fn text_with(&self, needle: &str) -> String {
        self.once_it_has(needle, Self::text)
    }

    /// The page's address once it contains `part`.
    fn url_with(&self, part: &str) -> String {
        self.once_it_has(part, Self::url)
    }

    fn url(&self) -> String {
        self.call("GET", "/url", None).as_str().unwrap().to_string()
    }

    /// Saves a screenshot of the page as `<dir>/<name>.png`.
    fn screenshot(&self, dir: &Path, name: &str) -> PathBuf {
        let png = self.call("GET", "/screenshot", None);
        let bytes = base64_decode(png.as_str().unwrap());
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &bytes).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
        path
    }
}

/// Standard base64 (the screenshots' encoding), without a dependency for it.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => 0,
        }
    };
    let clean: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for chunk in clean.chunks(4) {
        let pad = chunk.iter().filter(|&&b| b == b'=').count();
        let n = chunk.iter().fold(0u32, |acc, &b| {
            (acc << 6) | if b == b'=' { 0 } else { value(b) }
        });
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    out
}

#[test]
fn an_analyst_signs_in_opens_the_top_case_and_escalates_it() {
    if !Path::new(CHROMEDRIVER).exists() {
        assert!(
            std::env::var("REDFLAG_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "{CHROMEDRIVER} is missing: apt-get install chromium chromium-driver"
        );
        eprintln!("skipped: {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = dir.path().join("redflag.db");
    let artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&artifacts).unwrap();

    // A simulated workforce, and keys for the loader and the analyst.
    let dataset = dir.path().join("dataset");
    let sim = redflag_with_data(
        &data,
        &[
            "simulate",
            "--people",
            "300",
            "--seed",
            "7",
            "--out",
            dataset.to_str().unwrap(),
        ],
    );
    assert!(sim.status.success(), "{}", text(&sim.stderr));
    let key = |name: &str, role: &str| {
        let out = redflag_with_data(
            &data,
            &[
                "keys",
                "create",
                "--name",
                name,
                "--role",
                role,
                "--db",
                db.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).trim().to_string()
    };
    let (loader, analyst) = (key("loader", "admin"), key("ana", "analyst"));

    let port = free_port();
    let _server = Killed(
        Command::new(env!("CARGO_BIN_EXE_redflag"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--db"])
            .arg(&db)
            .env("REDFLAG_DATA_DIR", &data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let base = format!("http://127.0.0.1:{port}");
    wait_for(&format!("{base}/v1/health"));

    // Ingest every table over the API: people first, then the contacts that map accounts
    // and devices to people, then the rest.
    let mut tables: Vec<PathBuf> = std::fs::read_dir(&dataset)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    tables.sort_by_key(|p| match p.file_stem().unwrap().to_str().unwrap() {
        "people" => (0, String::new()),
        "contacts" => (1, String::new()),
        other => (2, other.to_string()),
    });
    for table in &tables {
        let name = table.file_stem().unwrap().to_str().unwrap();
        let mut response = agent()
            .post(format!("{base}/v1/tables/{name}"))
            .header("Authorization", format!("Bearer {loader}"))
            .header("Content-Type", "text/csv")
            .send(std::fs::read(table).unwrap())
            .unwrap();
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        assert_eq!(status, 200, "{name}: {body}");
    }
    // Screening runs in the background: wait for cases.
    let start = Instant::now();
    loop {
        let mut response = agent()
            .get(format!("{base}/v1/cases"))
            .header("Authorization", format!("Bearer {analyst}"))
            .call()
            .unwrap();
        let cases: Value = response.body_mut().read_json().unwrap();
        if cases.as_array().is_some_and(|c| !c.is_empty()) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "no cases opened"
        );
        std::thread::sleep(Duration::from_millis(500));
    }

    // The browser.
    let driver_port = free_port();
    let _driver = Killed(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let driver = format!("http://127.0.0.1:{driver_port}");
    wait_for(&format!("{driver}/status"));
    let mut created = agent()
        .post(format!("{driver}/session"))
        .send_json(json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600"]
            },
            // Finding an element waits up to ten seconds for it: a click returns before the
            // page it leads to has loaded.
            "timeouts": {"implicit": 10000}
        }}}))
        .unwrap();
    let created: Value = created.body_mut().read_json().unwrap();
    let session = created["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no WebDriver session: {created}"))
        .to_string();
    let browser = Browser {
        base: driver.clone(),
        session,
    };

    // Sign in.
    browser.open(&format!("{base}/ui/cases"));
    assert!(browser.url().ends_with("/ui/login"), "{}", browser.url());
    browser.screenshot(&artifacts, "1-sign-in");
    browser.type_into("input[name=key]", &analyst);
    browser.click("form button");
    let url = browser.url_with("/ui/cases");
    assert!(url.ends_with("/ui/cases"), "{url}");
    let queue = browser.text();
    assert!(queue.contains("Cases") && queue.contains("open"), "{queue}");
    browser.screenshot(&artifacts, "2-case-queue");

    // The top case: the person's page with evidence, rows and guidance.
    browser.click("table tbody tr td a");
    let url = browser.url_with("/ui/people/P");
    assert!(url.contains("/ui/people/P"), "{url}");
    let person = browser.text();
    assert!(person.contains("Evidence"), "{person}");
    assert!(
        person.contains(".csv:"),
        "the data rows behind the evidence: {person}"
    );
    assert!(
        person.contains("ADV-2022") || person.contains("PSA-"),
        "guidance: {person}"
    );
    assert!(person.contains("opened"), "the case history: {person}");
    browser.screenshot(&artifacts, "3-person");

    // Escalate it, with a reason.
    browser.type_into("select[name=status]", "escalated");
    browser.type_into("input[name=reason]", "laptop farm pattern confirmed");
    browser.click("form.case button");
    let after = browser.text_with("laptop farm pattern confirmed");
    assert!(after.contains("escalated"), "{after}");
    assert!(after.contains("laptop farm pattern confirmed"), "{after}");
    assert!(after.contains("(ana)"), "who did it: {after}");
    browser.screenshot(&artifacts, "4-escalated");
    eprintln!("screenshots in {}", artifacts.display());
    let _ = agent()
        .delete(format!("{driver}/session/{}", browser.session))
        .call();
}
