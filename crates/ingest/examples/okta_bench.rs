//! Okta System Log throughput: writes N events in the full `LogEvent` shape (about 2.6 KB
//! each, the shape of Okta's published example with `securityContext.risk`, `ipDetails`,
//! `userBehaviors`, `request.ipChain` and two targets), then reads them the way `redflag
//! screen` does.
//!
//! ```text
//! cargo run --release -p redflag-ingest --example okta_bench -- gen 1000000 /tmp/okta-bench
//! cargo run --release -p redflag-ingest --example okta_bench -- read /tmp/okta-bench
//! ```
//! `gen` writes `DIR/people.csv`, `DIR/contacts.csv` (one account per person) and
//! `DIR/okta.ndjson`; `read` loads the directory and prints rows, seconds and MB/s.
//! `bench/okta.sh` runs both under `/usr/bin/time` beside `cat`.

use datafusion::arrow::array::{Array, AsArray};
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

// The generator `okta_gen` uses too; this example only draws with `below`.
#[allow(dead_code)]
#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const PEOPLE: u64 = 20_000;
const EVENT_TYPES: &[(&str, &str, u64)] = &[
    ("user.session.start", "core.user_auth.login_success", 40),
    ("user.authentication.sso", "app.auth.sso", 25),
    (
        "user.authentication.verify",
        "core.user.factor.attempt_success",
        10,
    ),
    ("user.session.end", "core.user_auth.logout_success", 10),
    ("policy.evaluate_sign_on", "policy.evaluate_sign_on", 10),
    (
        "group.user_membership.add",
        "core.user_group_member.user_add",
        5,
    ),
];
const PLACES: &[(&str, &str, &str, &str, u32, &str)] = &[
    (
        "US",
        "United States",
        "New York",
        "New York",
        7922,
        "Comcast Cable Communications, LLC",
    ),
    (
        "US",
        "United States",
        "Chicago",
        "Illinois",
        7018,
        "AT&T Services, Inc.",
    ),
    (
        "US",
        "United States",
        "Austin",
        "Texas",
        11427,
        "Charter Communications Inc",
    ),
    (
        "GB",
        "United Kingdom",
        "London",
        "England",
        2856,
        "British Telecommunications PLC",
    ),
    (
        "DE",
        "Germany",
        "Berlin",
        "Land Berlin",
        3320,
        "Deutsche Telekom AG",
    ),
    (
        "NL",
        "Netherlands",
        "Amsterdam",
        "North Holland",
        9009,
        "M247 Europe SRL",
    ),
    ("JP", "Japan", "Tokyo", "Tokyo", 2516, "KDDI CORPORATION"),
];

fn event(rng: &mut Rng, at_ms: i64, out: &mut String) {
    let person = rng.below(PEOPLE);
    let roll = rng.below(100);
    let mut acc = 0;
    let (event_type, legacy) = EVENT_TYPES
        .iter()
        .find(|(_, _, w)| {
            acc += w;
            roll < acc
        })
        .map_or(
            ("user.session.start", "core.user_auth.login_success"),
            |(e, l, _)| (*e, *l),
        );
    let place = &PLACES
        [(person % 3 + if rng.below(20) == 0 { rng.below(7) } else { 0 }) as usize % PLACES.len()];
    let (cc, country, city, state, asn, as_org) = *place;
    let ip = format!(
        "{}.{}.{}.{}",
        23 + person % 150,
        (person / 150) % 250,
        rng.below(250),
        1 + rng.below(250)
    );
    let _ = cc;
    let when = chrono::DateTime::from_timestamp_millis(at_ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ");
    let session = format!("idx{:022x}", rng.next() as u128 * 7 + person as u128);
    let uuid = format!(
        "{:08x}-{:04x}-11ef-{:04x}-{:012x}",
        rng.next() as u32,
        rng.below(0xffff),
        rng.below(0xffff),
        rng.next() & 0xffff_ffff_ffff
    );
    let result = if rng.below(25) == 0 {
        "FAILURE"
    } else {
        "SUCCESS"
    };
    let proxy = if asn == 9009 { "true" } else { "false" };
    let _ = write!(
        out,
        r#"{{"actor":{{"id":"00u{person:017}","type":"User","alternateId":"user{person}@example.com","displayName":"User {person}","detailEntry":null}},"client":{{"userAgent":{{"rawUserAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36","os":"Mac OS X","browser":"CHROME"}},"zone":null,"device":"Computer","id":null,"ipAddress":"{ip}","geographicalContext":{{"city":"{city}","state":"{state}","country":"{country}","postalCode":"10013","geolocation":{{"lat":40.3157,"lon":-74.01}}}}}},"device":{{"id":"guo{person:017}","name":"Mac15,6","os_platform":"OSX","os_version":"14.6.0","managed":false,"registered":true,"device_integrator":null,"disk_encryption_type":"ALL_INTERNAL_VOLUMES","screen_lock_type":"BIOMETRIC","jailbreak":null,"secure_hardware_present":true}},"authenticationContext":{{"authenticationProvider":null,"credentialProvider":null,"credentialType":null,"issuer":null,"interface":null,"authenticationStep":0,"rootSessionId":"{session}","externalSessionId":"{session}"}},"displayMessage":"User login to Okta","eventType":"{event_type}","outcome":{{"result":"{result}","reason":null}},"published":"{when}","securityContext":{{"asNumber":{asn},"asOrg":"{as_org}","isp":"isp","domain":null,"isProxy":{proxy},"risk":{{"level":"LOW","reasons":["Anomalous Device"],"detectionName":"Suspected Session Hijacking"}},"ipDetails":{{"asNumber":{asn},"asOrg":"{as_org}","isp":"isp"}},"userBehaviors":[{{"id":"bhv3pcdHYo3rVDL0w0g4","name":"New Device","result":"NEGATIVE"}},{{"id":"bhvexm4UkQc71MgEw0g4","name":"New Geo-Location","result":"POSITIVE"}}],"botProtection":{{"level":"LOW"}}}},"severity":"INFO","debugContext":{{"debugData":{{"requestId":"ab609228fe84ce59cdcbfa690bcce016","requestUri":"/idp/idx/authenticators/poll","url":"/idp/idx/authenticators/poll"}}}},"legacyEventType":"{legacy}","transaction":{{"type":"WEB","id":"ab609228fe84ce59cdcbfa690bgce016","detail":null}},"uuid":"{uuid}","version":"0","request":{{"ipChain":[{{"ip":"{ip}","geographicalContext":{{"city":"{city}","state":"{state}","country":"{country}","postalCode":"10013","geolocation":{{"lat":40.3157,"lon":-74.01}}}},"version":"V4","source":null,"ipDetails":{{"asNumber":{asn},"asOrg":"{as_org}","isp":"isp"}}}}]}},"target":[{{"id":"pfdfdhyjf0HMbkP2e1d7","type":"AuthenticatorEnrollment","alternateId":"unknown","displayName":"Okta Verify","detailEntry":null}},{{"id":"0oatxlef9sQvvqInq5d6","type":"AppInstance","alternateId":"Okta Admin Console","displayName":"Okta Admin Console","detailEntry":null}}]}}"#
    );
    out.push('\n');
}

fn gen(n: u64, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut people = BufWriter::new(std::fs::File::create(dir.join("people.csv"))?);
    let mut contacts = BufWriter::new(std::fs::File::create(dir.join("contacts.csv"))?);
    writeln!(people, "person_id,full_name,org,claimed_country")?;
    writeln!(contacts, "person_id,kind,value")?;
    for p in 0..PEOPLE {
        writeln!(people, "P{p},User {p},Org{},US", p % 40)?;
        writeln!(contacts, "P{p},email,user{p}@example.com")?;
    }
    let mut out =
        BufWriter::with_capacity(1 << 22, std::fs::File::create(dir.join("okta.ndjson"))?);
    let mut rng = Rng(0x5EED_0C7A);
    let mut line = String::with_capacity(4096);
    let start_ms = 1_735_689_600_000i64; // 2025-01-01
    for i in 0..n {
        line.clear();
        event(&mut rng, start_ms + (i as i64) * 250, &mut line);
        out.write_all(line.as_bytes())?;
    }
    out.flush()
}

fn read(dir: &Path) -> Result<(), redflag_ingest::LoadError> {
    let bytes = std::fs::metadata(dir.join("okta.ndjson")).map_or(0, |m| m.len());
    let start = Instant::now();
    let dataset = redflag_ingest::load_dataset(dir, redflag_ingest::LoadOptions::default())?;
    let secs = start.elapsed().as_secs_f64();
    let signins = dataset.table("signins").expect("signins");
    println!(
        "read {} sign-ins from {:.1} MB in {secs:.2} s: {:.0} MB/s",
        signins.rows,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    for w in &signins.warnings {
        println!("  {w}");
    }
    // Memory the table holds, column by column (buffers as allocated). A dictionary the
    // batches share (the table-wide ones) counts once, not once per batch.
    let rows = signins.rows.max(1) as f64;
    let mut total = 0;
    for (i, field) in signins.schema.fields().iter().enumerate() {
        let mut seen_values: Vec<*const u8> = Vec::new();
        let mut bytes = 0;
        for batch in &signins.batches {
            let column = batch.column(i);
            match column.as_any_dictionary_opt() {
                Some(dict) => {
                    bytes += dict.keys().get_array_memory_size();
                    let values = dict.values();
                    let at = values
                        .to_data()
                        .buffers()
                        .last()
                        .map_or(std::ptr::null(), |b| b.as_ptr());
                    if !seen_values.contains(&at) {
                        seen_values.push(at);
                        bytes += values.get_array_memory_size();
                    }
                }
                None => bytes += column.get_array_memory_size(),
            }
        }
        total += bytes;
        println!(
            "  {:<16} {:>8.1} MB {:>6.1} B/row",
            field.name(),
            bytes as f64 / 1e6,
            bytes as f64 / rows
        );
    }
    println!(
        "  {:<16} {:>8.1} MB {:>6.1} B/row in {} batches",
        "all",
        total as f64 / 1e6,
        total as f64 / rows,
        signins.batches.len()
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.get(1).map(String::as_str) {
        Some("gen") => {
            let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
            let dir = args.get(3).map_or("/tmp/okta-bench", String::as_str);
            gen(n, Path::new(dir)).map_err(|e| e.to_string())
        }
        Some("read") => {
            let dir = args.get(2).map_or("/tmp/okta-bench", String::as_str);
            read(Path::new(dir)).map_err(|e| e.to_string())
        }
        _ => Err("usage: okta_bench gen N DIR | read DIR".to_string()),
    };
    if let Err(e) = result {
        eprintln!("okta_bench: {e}");
        std::process::exit(1);
    }
}
