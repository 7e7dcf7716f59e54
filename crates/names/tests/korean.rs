//! North Korean names: romanisation variants, Hangul, Hanja and Cyrillic, typos, reorders,
//! and different people who share a surname.

mod common;

use redflag_names::{
    compare, korean_romanisations, prepare, NameIndex, NameKind, ALERT_THRESHOLD, STRONG_THRESHOLD,
};

fn score(a: &str, b: &str) -> f32 {
    compare(&prepare(a, NameKind::Person), &prepare(b, NameKind::Person)).score
}

fn explain(a: &str, b: &str) -> String {
    compare(&prepare(a, NameKind::Person), &prepare(b, NameKind::Person)).explain()
}

#[track_caller]
fn assert_match(a: &str, b: &str) {
    let s = score(a, b);
    assert!(s >= ALERT_THRESHOLD, "{a} / {b}: {}", explain(a, b));
}

#[track_caller]
fn assert_no_match(a: &str, b: &str) {
    let s = score(a, b);
    assert!(s < ALERT_THRESHOLD, "{a} / {b}: {}", explain(a, b));
}

/// The 79 North Korean persons among yente's UN positives.
fn un_kp_names() -> Vec<String> {
    let (h, rows) = common::read_csv("eval/yente/cgb_positives_un_untreated.csv");
    let (name, nat) = (common::col(&h, "full_name"), common::col(&h, "nationality"));
    rows.into_iter()
        .filter(|r| r.len() > nat && r[nat] == "kp")
        .map(|r| r[name].clone())
        .collect()
}

#[test]
fn every_un_dprk_person_is_found_from_its_romanisations() {
    let names = un_kp_names();
    assert_eq!(names.len(), 79);

    // The list to search: all 683 UN persons (ids 0..) and every 2024 SDN name (ids 10000+).
    let (h, rows) = common::read_csv("eval/yente/cgb_positives_un_untreated.csv");
    let name_col = common::col(&h, "full_name");
    let mut builder = NameIndex::builder();
    let mut un_ids = std::collections::HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        builder.add(i as u32, &r[name_col], NameKind::Person);
        un_ids.entry(r[name_col].clone()).or_insert(i as u32);
    }
    for (id, name, individual) in common::sdn_names("ofac/sdn_2024-05-03/sdn.csv") {
        let kind = if individual {
            NameKind::Person
        } else {
            NameKind::Organization
        };
        builder.add(10_000 + id, &name, kind);
    }
    let index = builder.build();

    let mut failures = Vec::new();
    let mut total = 0;
    let mut by_system = [0usize; 8];
    for name in &names {
        let variants = korean_romanisations(name);
        if variants.len() < 3 {
            failures.push(format!("{name}: only {variants:?}"));
            continue;
        }
        let original = prepare(name, NameKind::Person);
        let id = un_ids[name];
        for (k, v) in variants.iter().enumerate() {
            total += 1;
            let q = prepare(v, NameKind::Person);
            let m = compare(&q, &original);
            if m.score < ALERT_THRESHOLD {
                failures.push(format!("{v} / {name}: {}", m.explain()));
                continue;
            }
            // The original must be the top hit, or tie with it; a better hit is accepted only
            // when it is the same name written another way (the SDN lists some of the same
            // people, e.g. `HYON, Gwang Il` for `HYON KWANG IL`).
            let hits = index.search(&q, 20, ALERT_THRESHOLD);
            let best = hits.first().map_or(0.0, |h| h.score);
            let found = hits.iter().any(|h| h.id == id && h.score >= best - 1e-6)
                || (hits.iter().any(|h| h.id == id)
                    && hits.first().is_some_and(|h| {
                        compare(&prepare(&h.name, NameKind::Person), &original).score
                            >= STRONG_THRESHOLD
                    }));
            if !found {
                failures.push(format!(
                    "{v} / {name}: not the top hit; top {:?}",
                    hits.iter()
                        .take(3)
                        .map(|h| (h.name.clone(), h.score))
                        .collect::<Vec<_>>()
                ));
                continue;
            }
            by_system[k.min(7)] += 1;
        }
    }
    println!(
        "{} North Korean UN persons, {total} romanisations, {} failures; found by variant position {by_system:?}",
        names.len(),
        failures.len()
    );
    for f in &failures {
        println!("  {f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}

#[test]
fn romanisations_cover_the_systems() {
    let v = korean_romanisations("MUN CHO'NG-CH'O'L");
    for expected in [
        "Mun Chŏng-ch'ŏl",
        "Mun Jeongcheol",
        "Mun Jong Chol",
        "Moon Jung-chul",
        "Jong Chol Mun",
        "문정철",
    ] {
        assert!(v.iter().any(|x| x == expected), "{expected} in {v:?}");
    }
    let v = korean_romanisations("Pak Il Kyu");
    assert!(v.iter().any(|x| x == "Park Il-kyu"), "{v:?}");
    assert!(korean_romanisations("Vladimir Putin").is_empty());
}

#[test]
fn hangul_hanja_and_cyrillic() {
    assert_match("김정은", "Kim Jong Un");
    assert_match("Kim Jong Un", "김정은");
    assert_match("金正恩", "Kim Jong Un");
    assert_match("金正恩", "김정은");
    assert_match("Ким Чен Ын", "Kim Jong Un");
    assert_match("Ким Чен Ын", "김정은");
    assert_match("박지성", "Park Ji Sung");
    assert_match("이민호", "Lee Min Ho");
    assert_match("리영길", "RI YONG GIL");
    assert_match("최룡해", "Choe Ryong Hae");
}

#[test]
fn romanisation_systems_and_spacing() {
    assert_match("Kim Jong-un", "KIM JONG UN");
    assert_match("Kim Jongun", "Kim Jong Un");
    assert_match("Gim Jeong-eun", "Kim Jong Un");
    assert_match("Kim Chŏng-ŭn", "Kim Jong Un");
    assert_match("MUN CHO'NG-CH'O'L", "Moon Jeong-cheol");
    assert_match("Mun Jong Chol", "MUN CHO'NG-CH'O'L");
    assert_match("Lee Yong Gil", "RI YONG GIL");
    assert_match("Rhee Yong-gil", "RI YONG GIL");
    assert_match("Park Pong Ju", "PAK PONG JU");
    assert_match("Choi Ryong Hae", "CHOE RYONG HAE");
    assert_match("Chwe Ryong-hae", "CHOE RYONG HAE");
    assert_match("Oh Kuk Ryol", "O KUK RYOL");
    assert_match("Yoo Jin", "RYU JIN");
    assert_match("Lim Chun Il", "RIM CHUN IL");
    assert_match("Jung Myung-chul", "CHONG MYONG CHOL");
    assert_match("Hwang Sok-hwa", "HWANG SOK HWA");
    assert_match("Kye Yong Sam", "GYE YONG SAM");
}

#[test]
fn typos_and_reordering() {
    assert_match("Kim Jongg Un", "Kim Jong Un");
    assert_match("Jong Un Kim", "Kim Jong Un");
    assert_match("KIM, Jong Un", "Kim Jong Un");
    assert_match("CHOOE SONG IL", "CHOE SONG IL");
    assert_match("JO CHOL SONNG", "JO CHOL SONG");
    assert_match("CHANG MYONGC-HIN", "CHANG MYONG-CHIN");
    assert_match("SSON MUN SAN", "SON MUN SAN");
    assert_match("Ri Pyong Chul", "RI PYONG CHOL");
}

#[test]
fn different_people_sharing_a_surname_stay_apart() {
    assert_no_match("Kim Jong Un", "Kim Jong Nam");
    assert_no_match("Kim Il Sung", "Kim Jong Il");
    assert_no_match("Kim Jong Un", "Kim Jong Il");
    assert_no_match("Kim Yo Jong", "Kim Jong Un");
    assert_no_match("김정은", "김종은");
    assert_no_match("김정은", "김정남");
    assert_no_match("Ri Pyong Chol", "Ri Pyong Hun");
    assert_no_match("Pak Pong Ju", "Pak Ui Chun");
    assert_no_match("Kim", "Kim Jong Un");
    assert_no_match("KIM SOK JIN", "KIM SOK CHOL");
    assert_no_match("JANG YONG SON", "JANG BOM SU");
}

#[test]
fn hangul_against_hangul() {
    assert_match("이영길", "리영길");
    assert_match("리영길", "이영길");
    assert_no_match("김정은", "김정일");
    // An organisation in Hangul with one syllable mistyped is still found by the index.
    let mut b = NameIndex::builder();
    b.add(1, "조선광선은행", NameKind::Organization);
    let index = b.build();
    let hits = index.search(&prepare("조선광성은행", NameKind::Organization), 3, 0.5);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        hits[0].score,
        index.search_brute_force(&prepare("조선광성은행", NameKind::Organization), 3, 0.5)[0].score
    );
}
