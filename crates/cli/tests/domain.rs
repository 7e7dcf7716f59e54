//! `redflag domain check | status | install` and `screen --real-domains`, end to end without
//! any download (an empty data directory: the built-in fallback lists).

mod common;

use common::{redflag_with_data as redflag, text};

#[test]
fn check_explains_the_verdict_and_exits_1_on_a_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let out = redflag(
        tmp.path(),
        &["domain", "check", "jane@kitrurn.com", "hopanatech.com"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("jane@kitrurn.com: LOOKALIKE"), "{stdout}");
    assert!(
        stdout.contains("resembles kitrum.com (Kitrum, impersonated; S1-2024): homoglyph"),
        "{stdout}"
    );
    assert!(stdout.contains("skeletons `kltrum` = `kltrum`"), "{stdout}");
    assert!(stdout.contains("hopanatech.com: FRONT"), "{stdout}");
    assert!(stdout.contains("copied itechart.com"), "{stdout}");
    assert!(stdout.contains("built-in fallback lists only"), "{stdout}");

    let out = redflag(
        tmp.path(),
        &["domain", "check", "gmail.com", "careers.accenture.com"],
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("gmail.com: FREE-MAIL"), "{stdout}");
    assert!(stdout.contains("careers.accenture.com: REAL"), "{stdout}");

    let out = redflag(tmp.path(), &["domain", "check", "not a domain"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a domain"));
}

#[test]
fn against_a_file_of_the_organisations_domains() {
    let tmp = tempfile::tempdir().unwrap();
    let ours = tmp.path().join("ours.csv");
    std::fs::write(
        &ours,
        "domain,name,kind\nacme-corp.com,Acme Corp,own\nbigclient.co.uk,Big Client,client\n",
    )
    .unwrap();
    let ours = ours.to_str().unwrap();
    let out = redflag(
        tmp.path(),
        &[
            "domain",
            "check",
            "--json",
            "--against",
            ours,
            "acme-c0rp.com",
            "bigclient.de",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["verdict"], "lookalike");
    assert_eq!(json[0]["lookalikes"][0]["of"], "acme-corp.com");
    assert_eq!(json[0]["lookalikes"][0]["kind"], "own");
    assert_eq!(
        json[0]["lookalikes"][0]["resemblance"]["family"],
        "homoglyph"
    );
    // A regional variant of the user's own client is a finding (theirs to list if real).
    assert_eq!(
        json[1]["lookalikes"][0]["resemblance"]["family"],
        "tld-swap"
    );

    // Without the built-in list, only the file (and the seized domains) are checked.
    let out = redflag(
        tmp.path(),
        &[
            "domain",
            "check",
            "--no-builtin",
            "--against",
            ours,
            "kitrurn.com",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("kitrurn.com: NO-FINDING"));

    let bad = tmp.path().join("bad.txt");
    std::fs::write(&bad, "acme.com\nnot a domain\n").unwrap();
    let out = redflag(
        tmp.path(),
        &[
            "domain",
            "check",
            "--against",
            bad.to_str().unwrap(),
            "x.com",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains("bad.txt:2"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn status_and_a_failed_install() {
    let tmp = tempfile::tempdir().unwrap();
    let out = redflag(tmp.path(), &["domain", "status"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("built-in fallback lists only"));
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = redflag(
        tmp.path(),
        &["domain", "install", "--packages", empty.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains("no publicsuffixlist-*.whl"),
        "{}",
        text(&out.stderr)
    );
    assert!(!tmp.path().join("domains").exists());
}

#[test]
fn screen_uses_the_real_domains_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("people.csv"),
        "person_id,full_name,status\nP1,Alex Carter,applicant\nP2,Dana Brooks,applicant\n",
    )
    .unwrap();
    std::fs::write(
        data.join("contacts.csv"),
        "person_id,kind,value\nP1,email,alex@acme-c0rp.com\nP2,email,dana@acme-corp.com\n",
    )
    .unwrap();
    let ours = tmp.path().join("ours.txt");
    std::fs::write(&ours, "acme-corp.com\n").unwrap();
    let dir = data.to_str().unwrap();
    let out = redflag(
        tmp.path(),
        &[
            "screen",
            dir,
            "--format",
            "json",
            "--real-domains",
            ours.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let evidence = |id: &str| -> Vec<String> {
        let person = report["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["person_id"] == id)
            .unwrap();
        person["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["indicator"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        evidence("P1").contains(&"FRONT_LOOKALIKE_DOMAIN".to_string()),
        "{:?}",
        evidence("P1")
    );
    assert!(evidence("P2").is_empty());
    // Without the file, acme-corp.com is nobody's.
    let out = redflag(tmp.path(), &["screen", dir, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["people"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["evidence"].as_array().unwrap().is_empty()));
}
