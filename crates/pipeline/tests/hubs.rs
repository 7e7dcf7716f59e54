//! Hub identifiers end to end: a switchboard behind many unrelated people is named in the
//! run summary and links nobody, while a phone behind a few personas still links them.

mod common;

use redflag_pipeline::{screen, ScreenOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_switchboard_is_a_hub_in_the_summary_and_links_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let given = [
        "Tyler", "Jason", "Lisa", "Maria", "Kevin", "Aisha", "Omar", "Chloe",
    ];
    let family = [
        "Grant", "Reed", "Park", "Lopez", "Brown", "Khan", "Haddad", "Martin",
    ];
    let mut people = String::from("person_id,full_name\n");
    let mut contacts = String::from("person_id,kind,value\n");
    for i in 0..64 {
        people.push_str(&format!("S{i},{} {}\n", given[i % 8], family[i / 8]));
        contacts.push_str(&format!("S{i},phone,+1 (800) 555-0100\n"));
        contacts.push_str(&format!("S{i},email,staff{i}@example.com\n"));
    }
    for (i, name) in ["Ana Silva", "Ben Weber", "Cara Novak"].iter().enumerate() {
        people.push_str(&format!("F{i},{name}\n"));
        contacts.push_str(&format!("F{i},phone,602.555.0177\n"));
    }
    std::fs::write(dir.path().join("people.csv"), people).unwrap();
    std::fs::write(dir.path().join("contacts.csv"), contacts).unwrap();
    let report = screen(dir.path(), &ScreenOptions::default()).await.unwrap();

    let hubs = &report.summary.hubs;
    assert_eq!(hubs.len(), 1, "{hubs:?}");
    assert_eq!(
        (hubs[0].kind.as_str(), hubs[0].people, hubs[0].threshold),
        ("phone", 64, 25)
    );
    assert!(hubs[0].key.contains("8005550100"), "{}", hubs[0].key);
    let reuse = |id: &str| common::evidence_of(&report, id, "PLT_CONTACT_REUSE").is_some();
    assert!(
        (0..64).all(|i| !reuse(&format!("S{i}"))),
        "the switchboard links nobody"
    );
    assert!(
        (0..3).all(|i| reuse(&format!("F{i}"))),
        "three personas on one phone do link"
    );
}
