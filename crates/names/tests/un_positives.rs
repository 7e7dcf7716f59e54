//! yente's UN positives: 683 UN-listed persons, clean and with typos, reorders and dropped
//! words. Searched by name alone against the UN persons plus the whole 2024 SDN list, the
//! right entry must be the top hit (ties allowed) for 98% of clean and 90% of treated names.

mod common;

use std::collections::HashMap;

use redflag_names::{prepare, NameIndex, NameKind, ALERT_THRESHOLD};

#[test]
fn un_positives_are_the_top_hit() {
    let (h, clean) = common::read_csv("eval/yente/cgb_positives_un_untreated.csv");
    let (_, treated) = common::read_csv("eval/yente/cgb_positives_un_treated.csv");
    let col = common::col(&h, "full_name");
    assert_eq!(clean.len(), treated.len());

    let mut builder = NameIndex::builder();
    let mut first_id: HashMap<String, u32> = HashMap::new();
    for (i, r) in clean.iter().enumerate() {
        builder.add(i as u32, &r[col], NameKind::Person);
        first_id.entry(r[col].clone()).or_insert(i as u32);
    }
    for (id, name, individual) in common::sdn_names("ofac/sdn_2024-05-03/sdn.csv") {
        let kind = if individual {
            NameKind::Person
        } else {
            NameKind::Organization
        };
        builder.add(100_000 + id, &name, kind);
    }
    let index = builder.build();

    // (is the original the top hit, does it alert)
    let top = |query: &str, want: &str| -> (bool, bool) {
        let hits = index.search(&prepare(query, NameKind::Person), 20, 0.5);
        let best = hits.first().map_or(-1.0, |h| h.score);
        // The same name may be listed twice (UN and SDN, or two UN entries): any entry with
        // the original's exact name at the best score counts.
        let is_original = |h: &redflag_names::IndexHit| h.name == want || h.id == first_id[want];
        (
            hits.iter()
                .any(|h| h.score >= best - 1e-6 && is_original(h)),
            hits.iter()
                .any(|h| h.score >= ALERT_THRESHOLD && is_original(h)),
        )
    };
    let mut clean_ok = 0;
    let mut treated_ok = 0;
    let mut treated_alert = 0;
    let mut misses = Vec::new();
    for (c, t) in clean.iter().zip(&treated) {
        let (name, typo) = (&c[col], &t[col]);
        if top(name, name).0 {
            clean_ok += 1;
        } else {
            misses.push(format!("clean   {name}"));
        }
        let (first, alert) = top(typo, name);
        if first {
            treated_ok += 1;
        } else {
            misses.push(format!("treated {typo:?} for {name:?}"));
        }
        treated_alert += usize::from(alert);
    }
    let n = clean.len() as f64;
    println!(
        "top hit: clean {clean_ok}/{} ({:.1}%), treated {treated_ok}/{} ({:.1}%); \
         treated alerting at {ALERT_THRESHOLD}: {treated_alert} ({:.1}%)",
        clean.len(),
        100.0 * clean_ok as f64 / n,
        treated.len(),
        100.0 * treated_ok as f64 / n,
        100.0 * treated_alert as f64 / n,
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(clean_ok as f64 >= 0.98 * n);
    assert!(treated_ok as f64 >= 0.90 * n);
}
