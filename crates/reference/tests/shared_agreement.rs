//! The catalogue must agree with the research files it was compiled from.
//!
//! Those originals live outside the repository, in `shared/` next to the workspace
//! (`../../../shared` from this crate). When that directory is absent (a plain clone of the
//! repository) these tests print a notice and pass; when it is present, any disagreement
//! fails.

use std::collections::HashSet;
use std::path::PathBuf;

use redflag_reference::{
    front_domains, guidance, guidance_sources, network_iocs, remote_access_tools, usb_identities,
    KIND_IP_KVM,
};

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared");
    // The shared data sits beside the repository in every checkout and in CI; its absence
    // is a broken setup, not a reason to pass.
    assert!(
        dir.is_dir(),
        "shared research data not found at {} (the repository expects shared/ beside it)",
        dir.display()
    );
    Some(dir)
}

/// Rows of a shared CSV as (header → value) lookups.
struct SharedCsv {
    headers: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

impl SharedCsv {
    fn read(shared: &std::path::Path, relative: &str) -> SharedCsv {
        let path = shared.join(relative);
        let mut reader = csv::Reader::from_path(&path)
            .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
        let headers = reader
            .headers()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        SharedCsv { headers, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.headers))
    }

    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + 'a {
        let column = self.column(name);
        self.rows
            .iter()
            .map(move |r| r.get(column).unwrap_or("").trim())
    }
}

/// Every `0x` + 4 hex digits in `text`, as 4 lowercase digits.
fn hex_ids(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    lower
        .match_indices("0x")
        .filter_map(|(at, _)| lower.get(at + 2..at + 6))
        .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_shared_front_domain_is_catalogued() {
    let Some(shared) = shared_dir() else { return };
    let csv = SharedCsv::read(
        &shared,
        "data/reference/seized_and_front_company_domains.csv",
    );
    let ours: Vec<_> = front_domains().iter().collect();
    let domains: Vec<&str> = csv.values("domain").collect();
    let dates: Vec<&str> = csv.values("action_date").collect();
    for (domain, date) in domains.iter().zip(&dates) {
        let domain = domain.to_lowercase();
        let row = ours
            .iter()
            .find(|d| d.domain == domain)
            .unwrap_or_else(|| panic!("{domain} is in the shared file but not in ours"));
        // "2024-05-16 (announced)" → 2024-05-16; "n/a" has no date to compare.
        let shared_date = date.split_whitespace().next().unwrap_or("");
        if shared_date.starts_with("20") {
            assert_eq!(row.action_date, shared_date, "{domain}");
        }
    }
    assert_eq!(
        ours.len(),
        domains.len(),
        "ours has rows the shared file lacks"
    );
}

#[test]
fn every_shared_ip_kvm_identity_is_catalogued() {
    let Some(shared) = shared_dir() else { return };
    let csv = SharedCsv::read(&shared, "data/reference/ipkvm_usb_fingerprints.csv");
    let (c_device, c_vid, c_pid, c_manufacturer) = (
        csv.column("device"),
        csv.column("usb_vid"),
        csv.column("usb_pid"),
        csv.column("usb_manufacturer_string"),
    );
    let ours: Vec<_> = usb_identities()
        .iter()
        .filter(|u| u.kind == KIND_IP_KVM)
        .collect();
    let mut pairs = 0;
    for row in &csv.rows {
        let device = &row[c_device];
        let vids = hex_ids(&row[c_vid]);
        assert_eq!(vids.len(), 1, "{device}: one vendor id");
        let pids = hex_ids(&row[c_pid]);
        assert!(!pids.is_empty(), "{device}: no product id found");
        let manufacturer = row[c_manufacturer].trim();
        for pid in &pids {
            let matching: Vec<_> = ours
                .iter()
                .filter(|u| u.vendor_id == vids[0] && u.product_id == *pid)
                .collect();
            assert!(!matching.is_empty(), "{device}: {}:{pid} missing", vids[0]);
            if !manufacturer.is_empty() {
                assert!(
                    matching.iter().any(|u| u.manufacturer == manufacturer),
                    "{device}: no {}:{pid} row with manufacturer {manufacturer:?}",
                    vids[0]
                );
            }
            pairs += 1;
        }
    }
    assert!(
        pairs >= 6,
        "expected the shared file's identities, found {pairs}"
    );
}

#[test]
fn every_shared_remote_access_tool_is_catalogued() {
    let Some(shared) = shared_dir() else { return };
    let csv = SharedCsv::read(
        &shared,
        "data/reference/rmm_tools_named_in_dprk_itw_reporting.csv",
    );
    let tools: Vec<&str> = csv.values("tool").collect();
    let artefacts: Vec<&str> = csv.values("example_process_or_artifact").collect();
    for (tool, artefact) in tools.iter().zip(&artefacts) {
        // "IP-KVM (PiKVM/TinyPilot/JetKVM)" is our family "IP-KVM".
        let family = tool.split(" (").next().unwrap_or(tool);
        let ours = remote_access_tools()
            .iter()
            .find(|t| t.family == family)
            .unwrap_or_else(|| panic!("{tool} is in the shared file but not in ours"));
        let executables = artefact
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .map(str::to_lowercase)
            .filter(|word| word.ends_with(".exe"));
        for exe in executables {
            assert!(ours.process_names.contains(&exe), "{tool}: {exe} missing");
        }
    }
    let astrill = remote_access_tools()
        .iter()
        .find(|t| t.family == "Astrill VPN")
        .expect("Astrill VPN");
    for name in ["astrill", "asproxy", "asovpnc"] {
        assert!(astrill.process_names.iter().any(|p| p == name), "{name}");
    }
    assert!(
        remote_access_tools().len() >= tools.len() + 5,
        "extra LOLRMM families"
    );
}

#[test]
fn every_core_source_of_the_research_is_catalogued() {
    let Some(shared) = shared_dir() else { return };
    let path = shared.join("research/dprk-indicators.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let table = text
        .split("### Core sources")
        .nth(1)
        .and_then(|rest| rest.split("\n---").next())
        .expect("a Core sources section");
    let ids: Vec<&str> = table
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|line| line.split(" |").next())
        .map(str::trim)
        .filter(|id| !id.is_empty() && *id != "Short name" && !id.starts_with("---"))
        .collect();
    assert!(ids.len() >= 18, "parsed {ids:?}");
    for id in ids {
        assert!(guidance(id).is_some(), "core source {id} missing");
    }
}

#[test]
fn every_shared_court_case_has_a_guidance_entry() {
    let Some(shared) = shared_dir() else { return };
    let csv = SharedCsv::read(&shared, "data/reference/court_cases_dprk_it_workers.csv");
    let cases: Vec<&str> = csv.values("case").collect();
    let sources: Vec<&str> = csv.values("source").collect();
    let urls: HashSet<&str> = guidance_sources().iter().map(|g| g.url.as_str()).collect();
    for (case, source) in cases.iter().zip(&sources) {
        let cited: Vec<&str> = source.split(" ; ").map(str::trim).collect();
        assert!(
            cited.iter().any(|url| urls.contains(url)),
            "{case}: none of {cited:?} is a catalogued guidance URL"
        );
    }
}

#[test]
fn every_shared_network_ioc_is_catalogued() {
    let shared = shared_dir().expect("shared dir");
    let mandiant =
        std::fs::read_to_string(shared.join("data/reference/mandiant_unc5267_network_iocs.txt"))
            .expect("Mandiant IOC list");
    let listed: Vec<&str> = mandiant
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(listed.len(), 50);
    let catalogued = |ip: &str, source: &str| {
        network_iocs()
            .iter()
            .any(|n| n.ip == ip && n.source == source)
    };
    for ip in &listed {
        assert!(catalogued(ip, "MANDIANT-2024"), "{ip} missing");
    }
    let hosting = SharedCsv::read(&shared, "data/reference/front_company_hosting_ips.csv");
    let front: Vec<&str> = hosting.values("ip").collect();
    assert_eq!(front.len(), 3);
    for ip in front {
        assert!(catalogued(ip, "S1-2024"), "{ip} missing");
    }
    assert_eq!(
        network_iocs().len(),
        listed.len() + 3,
        "nothing beyond the reports"
    );
}
