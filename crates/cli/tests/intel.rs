//! `redflag intel status | lookup | install`, end to end without any download: an empty data
//! directory (built-in table only) and a broken package folder.

mod common;

use common::{redflag_with_data as redflag, text};

#[test]
fn status_and_lookup_without_installed_data() {
    let tmp = tempfile::tempdir().unwrap();
    let out = redflag(tmp.path(), &["intel", "status"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&tmp.path().join("intel").display().to_string()),
        "{stdout}"
    );
    assert!(stdout.contains("nothing installed"), "{stdout}");

    let out = redflag(
        tmp.path(),
        &["intel", "lookup", "100.64.3.4", "fe80::1", "8.8.8.8"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("class    cgnat  [address-range]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("class    link_local  [address-range]"),
        "{stdout}"
    );
    assert!(stdout.contains("class    unknown  [none]"), "{stdout}");
    assert!(text(&out.stderr).contains("built-in table only"));

    let out = redflag(
        tmp.path(),
        &["intel", "lookup", "--json", "10.0.0.1", "not-an-ip"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("\"not-an-ip\" is not an IPv4 or IPv6 address"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["class"]["value"], "private");
}

#[test]
fn a_failed_install_exits_3_and_installs_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let packages = tmp.path().join("packages");
    std::fs::create_dir(&packages).unwrap();
    std::fs::write(
        packages.join("ip-location-db-asn-2.3.2026061719.tgz"),
        b"not gzip",
    )
    .unwrap();
    let out = redflag(
        tmp.path(),
        &[
            "intel",
            "install",
            "--packages",
            &packages.display().to_string(),
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("ip-location-db-asn-2.3.2026061719.tgz"));
    assert!(!tmp.path().join("intel").exists());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}
