//! How the score's parameters trade name_bench F1 against false alerts on real negatives.
//!
//! For each parameter set it reports the threshold with the best F1 on nomenklatura's 826
//! labelled pairs, that F1, and at that threshold the share of yente's synthetic global
//! negatives (the first 10,000) that alert against the 2024 SDN list and the share of
//! generated North Korean romanisations (the 79 UN persons) that still match their original.
//! This is how the defaults and `ALERT_THRESHOLD` were chosen:
//!
//! ```text
//! cargo run --release -p redflag-names --example tune
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use common::{data as shared, parse_csv};

use redflag_names::{compare_with, korean_romanisations, prepare, NameIndex, NameKind, Params};

fn read(rel: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(shared(rel)).expect("reading shared data");
    let text: String = if rel.ends_with("sdn.csv") {
        bytes.iter().map(|&b| b as char).collect()
    } else {
        String::from_utf8(bytes).expect("utf-8")
    };
    parse_csv(&text)
}

fn f1_at(scored: &[(f32, bool)], t: f32) -> f64 {
    let (mut tp, mut fp, mut fneg) = (0.0, 0.0, 0.0);
    for &(s, truth) in scored {
        match (s >= t, truth) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fneg)
    }
}

fn main() {
    let bench = read("eval/nomenklatura/name_bench_cases.csv");
    let kind = |s: &str| match s {
        "Person" => NameKind::Person,
        "Company" | "Organization" => NameKind::Organization,
        _ => NameKind::Unknown,
    };
    let pairs: Vec<_> = bench[1..]
        .iter()
        .filter(|r| r.len() >= 5)
        .map(|r| {
            (
                prepare(&r[2], kind(&r[1])),
                prepare(&r[3], kind(&r[1])),
                r[4] == "true",
            )
        })
        .collect();
    let negatives: Vec<_> = read("eval/yente/cgb_negatives_global.csv")[1..]
        .iter()
        .take(10_000)
        .map(|r| prepare(&r[0], NameKind::Person))
        .collect();
    let un = read("eval/yente/cgb_positives_un_untreated.csv");
    let korean: Vec<_> = un[1..]
        .iter()
        .filter(|r| r.len() > 7 && r[7] == "kp")
        .flat_map(|r| {
            let original = prepare(&r[0], NameKind::Person);
            korean_romanisations(&r[0])
                .into_iter()
                .map(move |v| (prepare(&v, NameKind::Person), original.clone()))
        })
        .collect();
    let mut builder = NameIndex::builder();
    for r in read("ofac/sdn_2024-05-03/sdn.csv") {
        if let (Some(id), Some(name), Some(t)) = (r.first(), r.get(1), r.get(2)) {
            if let Ok(id) = id.trim().parse::<u32>() {
                let k = if t.trim() == "individual" {
                    NameKind::Person
                } else {
                    NameKind::Organization
                };
                builder.add(id, name, k);
            }
        }
    }
    let mut index = builder.build();

    let mut rows = Vec::new();
    for floor in [0.75, 0.8] {
        for extra_query in [0.4, 0.5, 0.6] {
            for extra_candidate in [0.3, 0.4, 0.5] {
                for conflict in [2.0, 2.5, 3.0] {
                    for vowel_edit in [0.65] {
                        let p = Params {
                            floor,
                            extra_query,
                            extra_candidate,
                            conflict,
                            vowel_edit,
                            ..Params::default()
                        };
                        let scored: Vec<(f32, bool)> = pairs
                            .iter()
                            .map(|(a, b, m)| (compare_with(a, b, &p).score, *m))
                            .collect();
                        let (mut best_f1, mut best_t) = (0.0, 0.0);
                        for t in 60..=95 {
                            let t = t as f32 / 100.0;
                            let f1 = f1_at(&scored, t);
                            if f1 > best_f1 {
                                best_f1 = f1;
                                best_t = t;
                            }
                        }
                        index.set_params(p);
                        let alerts = negatives
                            .iter()
                            .filter(|q| !index.search(q, 1, best_t).is_empty())
                            .count();
                        let kor_ok = korean
                            .iter()
                            .filter(|(v, o)| compare_with(v, o, &p).score >= best_t)
                            .count();
                        rows.push((best_f1, best_t, alerts, kor_ok, p));
                    }
                }
            }
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "F1     T     neg-alerts/10k  korean-ok/{}  params",
        korean.len()
    );
    for (f1, t, alerts, kor, p) in rows.iter().take(40) {
        println!(
            "{f1:.3}  {t:.2}  {alerts:>5}  {kor:>5}   floor {} eq {} ec {} conflict {} vowel {}",
            p.floor, p.extra_query, p.extra_candidate, p.conflict, p.vowel_edit
        );
    }
}
