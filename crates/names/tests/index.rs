//! The index must return exactly what comparing the query with every name returns.

mod common;

use redflag_names::{prepare, NameIndex, NameKind, ALERT_THRESHOLD};

fn kind_of(schema: &str) -> NameKind {
    match schema {
        "Person" => NameKind::Person,
        "Company" | "Organization" => NameKind::Organization,
        _ => NameKind::Unknown,
    }
}

fn same_hits(index: &NameIndex, query: &str, kind: NameKind, min_score: f32) -> Result<(), String> {
    let q = prepare(query, kind);
    let fast = index.search(&q, 10, min_score);
    let slow = index.search_brute_force(&q, 10, min_score);
    let f: Vec<(u32, u16, String)> = fast
        .iter()
        .map(|h| (h.id, h.name_pos, format!("{:.4}", h.score)))
        .collect();
    let s: Vec<(u32, u16, String)> = slow
        .iter()
        .map(|h| (h.id, h.name_pos, format!("{:.4}", h.score)))
        .collect();
    if f == s {
        Ok(())
    } else {
        Err(format!(
            "{query:?} at {min_score}: index {f:?}\n  brute force {s:?}\n  {}",
            slow.first()
                .map(|h| format!("{} | {}", h.name, h.name_match.explain()))
                .unwrap_or_default()
        ))
    }
}

#[test]
fn search_equals_brute_force_on_name_bench() {
    let (h, rows) = common::read_csv("eval/nomenklatura/name_bench_cases.csv");
    let (s, n1, n2) = (
        common::col(&h, "schema"),
        common::col(&h, "name1"),
        common::col(&h, "name2"),
    );
    let mut builder = NameIndex::builder();
    for (i, r) in rows.iter().enumerate() {
        builder.add(i as u32, &r[n2], kind_of(&r[s]));
    }
    let index = builder.build();
    let mut failures = Vec::new();
    for r in &rows {
        for min in [ALERT_THRESHOLD, 0.6] {
            if let Err(e) = same_hits(&index, &r[n1], kind_of(&r[s]), min) {
                failures.push(e);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<NameIndex>();
    assert_send_sync::<redflag_names::PreparedName>();
}

#[test]
fn typo_in_a_surname_is_found() {
    let mut b = NameIndex::builder();
    b.add(1, "KHODORKOVSKY, Mikhail Borisovich", NameKind::Person);
    b.add(2, "PUTIN, Vladimir Vladimirovich", NameKind::Person);
    b.add(3, "KIM, Jong Un", NameKind::Person);
    let index = b.build();
    for (q, id) in [
        ("Mikhail Khodorkovskiy", 1),
        ("Vladimir Pulin", 2),
        ("Vladimir Putn", 2),
        ("Kim Jongun", 3),
        ("Gim Jeong-eun", 3),
    ] {
        let hits = index.search(&prepare(q, NameKind::Person), 3, 0.6);
        assert_eq!(hits.first().map(|h| h.id), Some(id), "{q}: {hits:?}");
        same_hits(&index, q, NameKind::Person, 0.5).unwrap();
    }
}

/// The same on the whole 2024 SDN list with negatives and typo'd UN names as queries (slow in
/// a debug build: run with `cargo test --release -p redflag-names --test index -- --ignored`).
#[test]
#[ignore]
fn search_equals_brute_force_on_the_sdn_list() {
    let mut builder = NameIndex::builder();
    for (id, name, individual) in common::sdn_names("ofac/sdn_2024-05-03/sdn.csv") {
        let kind = if individual {
            NameKind::Person
        } else {
            NameKind::Organization
        };
        builder.add(id, &name, kind);
    }
    let index = builder.build();
    let (h, negatives) = common::read_csv("eval/yente/cgb_negatives_global.csv");
    let (_, treated) = common::read_csv("eval/yente/cgb_positives_un_treated.csv");
    let col = common::col(&h, "full_name");
    let queries: Vec<&String> = negatives
        .iter()
        .take(1000)
        .chain(treated.iter())
        .map(|r| &r[col])
        .collect();
    let mut failures = Vec::new();
    for q in &queries {
        for (kind, min) in [
            (NameKind::Person, ALERT_THRESHOLD),
            (NameKind::Person, 0.6),
            (NameKind::Organization, ALERT_THRESHOLD),
        ] {
            if let Err(e) = same_hits(&index, q, kind, min) {
                failures.push(e);
            }
        }
    }
    println!(
        "{} queries × 3 settings, {} differences",
        queries.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
