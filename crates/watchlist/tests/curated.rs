//! redflag's curated DPRK IT-worker list: it parses, every entry has a source, and it agrees
//! with the research files it was written from and with the OFAC SDN copy.

mod common;

use std::collections::HashSet;

use common::shared;
use redflag_watchlist::{
    curated, read_ofac_dir, DateBasis, EntityKind, IdKind, ListId, NameKind, Published, Watchlists,
};

fn reference_rows(name: &str) -> Vec<csv::StringRecord> {
    let path = shared().join("data/reference").join(name);
    let mut r = csv::Reader::from_path(&path).unwrap();
    r.records().map(|x| x.unwrap()).collect()
}

fn all_names(list: &redflag_watchlist::WatchList) -> HashSet<String> {
    list.entities
        .iter()
        .flat_map(|e| e.names.iter().map(|n| n.full.to_lowercase()))
        .collect()
}

#[test]
fn curated_list_parses_and_every_entry_has_a_source() {
    let list = curated();
    assert_eq!(list.info.list, ListId::RedflagCurated);
    assert_eq!(list.info.entities, list.entities.len());
    assert!(list.entities.len() >= 60, "{}", list.entities.len());
    assert_eq!(
        list.info.published,
        Some(Published::Date(
            chrono::NaiveDate::from_ymd_opt(2025, 8, 27).unwrap()
        ))
    );
    assert_eq!(list.info.published_basis, DateBasis::NewestEntry);
    for e in &list.entities {
        assert!(!e.source_urls.is_empty(), "{}", e.key);
        assert!(
            e.source_urls.iter().all(|u| u.starts_with("https://")),
            "{}",
            e.key
        );
        assert!(e.key.starts_with("redflag:"), "{}", e.key);
        assert!(e.authority.is_some(), "{}", e.key);
        assert!(
            e.listed_on.is_some() || e.facts.iter().any(|f| f.label == "Designation date"),
            "{} has neither a date nor a note",
            e.key
        );
        assert!(e.origin.line.is_some());
    }
    // Serialises for JSON output.
    let json = serde_json::to_value(&list).unwrap();
    assert_eq!(json["info"]["list"], "redflag");
}

#[test]
fn every_treasury_entity_and_person_is_listed_split_one_per_person() {
    let list = curated();
    let names = all_names(&list);
    for row in reference_rows("sanctioned_entities_dprk_it_workers.csv") {
        let name = &row[0];
        for person in name.split("; ") {
            let base = person.split(" (").next().unwrap().to_lowercase();
            assert!(names.contains(&base), "{person} is missing");
        }
        for alias in row[2].split("; ").filter(|a| !a.is_empty()) {
            let alias = alias.split(" (").next().unwrap().to_lowercase();
            assert!(names.contains(&alias), "alias {alias} of {name} is missing");
        }
    }
    let jong = list.get("redflag:jong-song-hwa").unwrap();
    assert!(jong
        .names
        .iter()
        .any(|n| n.full == "정성화" && n.kind == NameKind::Native));
    assert_eq!(jong.names[0].surname.as_deref(), Some("Jong"));
    let silverstar = list.get("redflag:yanbian-silverstar").unwrap();
    assert!(silverstar
        .names
        .iter()
        .any(|n| n.full == "延边银星网络科技有限公司" && n.kind == NameKind::Native));
    // The row naming six people became six persons.
    for id in [
        "yu-pu-ung",
        "ri-tong-hyok",
        "han-chol-man",
        "o-in-chun",
        "jong-song-ho",
        "jon-yon-gun",
    ] {
        let e = list.get(&format!("redflag:{id}")).unwrap();
        assert_eq!(e.kind, EntityKind::Person);
    }
}

#[test]
fn every_dprk_defendant_is_listed() {
    let names = all_names(&curated());
    for row in reference_rows("court_cases_dprk_it_workers.csv") {
        let case = &row[0];
        if !(case.starts_with("US v. Hwa") || case.starts_with("US v. Jin Sung-Il")) {
            continue;
        }
        for d in row[3].split("; ") {
            let d = d.split(" (").next().unwrap().to_lowercase();
            if ["pedro", "erick", "emanuel"]
                .iter()
                .any(|f| d.starts_with(f))
            {
                continue; // facilitators, deliberately not listed (see the module docs)
            }
            assert!(names.contains(&d), "{d} ({case}) is missing");
        }
    }
}

#[test]
fn every_seized_domain_is_a_website_of_its_front_company() {
    let lists = Watchlists::new().with(curated()).unwrap();
    let ids = lists.identifier_index();
    for row in reference_rows("seized_and_front_company_domains.csv") {
        let (domain, action) = (&row[0], &row[1]);
        let hits = ids.lookup_identifier(Some(&IdKind::Website), domain);
        if action.starts_with("NOT seized") {
            assert!(hits.is_empty(), "{domain} was not seized");
        } else {
            assert!(!hits.is_empty(), "{domain} is missing");
        }
    }
}

#[test]
fn ofac_cross_references_agree_with_the_sdn_copy() {
    let sdn = read_ofac_dir(&shared().join("data/sanctions/ofac/sdn_2024-05-03"), None).unwrap();
    for e in &curated().entities {
        let Some(num) = e.facts.iter().find(|f| f.label == "OFAC SDN ent_num") else {
            continue;
        };
        let s = sdn
            .by_source_id(&num.value)
            .unwrap_or_else(|| panic!("{} cites ent_num {} not in the SDN copy", e.key, num.value));
        assert_eq!(s.programs, e.programs, "{}", e.key);
        assert_eq!(s.kind, e.kind, "{}", e.key);
        // Dates of birth are copied from the SDN entry, so a namesake born another year is
        // told apart from the listed person.
        assert_eq!(s.birth_dates, e.birth_dates, "{}", e.key);
    }
}
