//! The OFAC legacy CSV reader on the real files in `shared/data/sanctions/ofac/`, with every
//! count checked against an independent count of the raw file.

mod common;

use std::collections::{HashMap, HashSet};

use common::{crypto_mentions, raw_records, sanctions};
use redflag_watchlist::{
    parse_ofac_csv, read_ofac_dir, CryptoIndex, CsvFile, DateBasis, EntityKind, IdKind,
    IdentifierIndex, ListId, NameKind, NameStrength, OfacCsvInput, Published,
};

fn is_dprk(program_field: &str) -> bool {
    program_field
        .split("] [")
        .any(|p| p.trim_matches(['[', ']', ' ']).starts_with("DPRK"))
}

#[test]
fn sdn_2024_counts_names_and_programs() {
    let dir = sanctions("ofac/sdn_2024-05-03");
    let raw = raw_records(&dir.join("sdn.csv"));
    let recorded = Published::Date(chrono::NaiveDate::from_ymd_opt(2024, 5, 3).unwrap());
    let list = read_ofac_dir(&dir, Some(recorded)).unwrap();

    // README: 14,965 entries, 484 in a DPRK program.
    assert_eq!(raw.len(), 14_965);
    assert_eq!(list.entities.len(), raw.len());
    assert_eq!(list.info.entities, raw.len());
    let raw_dprk = raw.iter().filter(|r| is_dprk(&r[3])).count();
    assert_eq!(raw_dprk, 484);
    assert_eq!(
        list.entities.iter().filter(|e| e.is_dprk()).count(),
        raw_dprk
    );
    assert_eq!(list.info.list, ListId::OfacSdn);
    assert_eq!(list.info.files, ["sdn.csv"]);
    assert_eq!(list.info.published, Some(recorded));
    assert_eq!(list.info.published_basis, DateBasis::Recorded);
    // 18 remarks sit exactly at the 1,000-character limit with no comments file.
    let raw_cut = raw.iter().filter(|r| r[11].chars().count() >= 1000).count();
    assert_eq!(raw_cut, 18);
    assert!(
        list.info
            .warnings
            .iter()
            .any(|w| w.contains("18 remarks are cut")),
        "{:?}",
        list.info.warnings
    );

    // Kinds agree with SDN_Type.
    for (e, r) in list.entities.iter().zip(&raw) {
        assert_eq!(e.source_id, r[0].trim());
        let expected = match r[2].trim() {
            "individual" => EntityKind::Person,
            "vessel" => EntityKind::Vessel,
            "aircraft" => EntityKind::Aircraft,
            _ => EntityKind::Organization,
        };
        assert_eq!(e.kind, expected, "{}", e.key);
        assert_eq!(
            e.primary_name(),
            r[1].split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    let kim = list.get("ofac-sdn:43377").unwrap();
    assert_eq!(kim.primary_name(), "KIM, Sang Man");
    assert_eq!(kim.names[0].surname.as_deref(), Some("KIM"));
    assert_eq!(kim.names[0].given.as_deref(), Some("Sang Man"));
    assert_eq!(kim.programs, ["DPRK4"]);
    assert_eq!(kim.birth_dates[0].to_string(), "1965-04-25");
    assert_eq!(kim.birth_places, ["North Pyongan Province, North Korea"]);
    assert_eq!(kim.nationalities[0].code.as_deref(), Some("KP"));
    assert_eq!(kim.gender.as_deref(), Some("Male"));
    let currencies: Vec<&str> = kim.crypto.iter().map(|c| c.currency.as_str()).collect();
    assert_eq!(currencies, ["XBT", "XBT", "ETH", "ETH", "USDT", "USDC"]);
    let passports: Vec<&str> = kim
        .identifiers
        .iter()
        .filter(|i| i.kind == IdKind::Passport)
        .map(|i| i.value.as_str())
        .collect();
    assert_eq!(passports, ["109420132", "827220538", "563220082"]);
    assert!(kim
        .facts
        .iter()
        .any(|f| f.label == "Secondary sanctions risk"));
    assert_eq!(kim.origin.file, "sdn.csv");

    let chinyong = list.get("ofac-sdn:43379").unwrap();
    assert_eq!(
        chinyong.primary_name(),
        "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY"
    );
    assert_eq!(chinyong.kind, EntityKind::Organization);
    assert_eq!(chinyong.programs, ["DPRK2"]);
    assert!(chinyong.facts.iter().any(|f| f.label == "Organization Type"
        && f.value == "Other information technology and computer service activities"));

    let silverstar = list.get("ofac-sdn:24977").unwrap();
    assert_eq!(silverstar.programs, ["DPRK3", "DPRK4"]);
    assert!(silverstar
        .identifiers
        .iter()
        .any(|i| i.kind == IdKind::Registration && i.value == "91222401MA0Y31E659"));

    let kimsuky = list.get("ofac-sdn:45430").unwrap();
    let ids = IdentifierIndex::build(&list.entities);
    let pos = list
        .entities
        .iter()
        .position(|e| e.key == kimsuky.key)
        .unwrap();
    for (kind, value) in [
        (IdKind::Website, "onerearth.xyz"),
        (IdKind::Website, "https://www.mofa.lat/"),
        (IdKind::Email, "hongsiao@naver.com"),
        (IdKind::Email, "SYSHIM10@mofa.lat"),
    ] {
        let hits = ids.lookup_identifier(Some(&kind), value);
        assert!(hits.iter().any(|h| h.entity == pos), "{value}");
    }
    assert_eq!(
        kimsuky
            .identifiers
            .iter()
            .filter(|i| i.kind == IdKind::Website)
            .count(),
        9
    );

    // Weak a.k.a.s from remarks.
    let trb = list.get("ofac-sdn:43338").unwrap();
    let weak: Vec<&str> = trb
        .names
        .iter()
        .filter(|n| n.strength == NameStrength::Weak)
        .map(|n| n.full.as_str())
        .collect();
    assert_eq!(weak, ["LAB 110", "UNIT 110"]);
    let raw_akas: usize = raw
        .iter()
        .map(|r| r[11].matches("a.k.a. '").count() + r[11].matches("f.k.a. '").count())
        .sum();
    let weak_names: usize = list
        .entities
        .iter()
        .map(|e| {
            e.names
                .iter()
                .filter(|n| n.strength == NameStrength::Weak)
                .count()
        })
        .sum();
    // Every quoted alias is read, less exact repeats within an entry and any cut off at the
    // remarks limit.
    assert!(
        weak_names <= raw_akas && weak_names + 40 >= raw_akas,
        "{weak_names} vs {raw_akas}"
    );
}

#[test]
fn sdn_2024_every_complete_crypto_address_is_found() {
    let dir = sanctions("ofac/sdn_2024-05-03");
    let raw = raw_records(&dir.join("sdn.csv"));
    let list = read_ofac_dir(&dir, None).unwrap();
    assert_eq!(list.info.published_basis, DateBasis::FileModified);
    let index = CryptoIndex::build(&list.entities);

    // README: 295 digital-currency ids in the (truncated) remarks.
    let raw_total: usize = raw
        .iter()
        .map(|r| r[11].matches("Digital Currency Address - ").count())
        .sum();
    assert_eq!(raw_total, 295);

    // Independently: every complete mention, leaving out the clause cut by the field limit.
    let mut expected: HashSet<(String, String, String)> = HashSet::new();
    let mut dprk = 0;
    for r in &raw {
        let remarks = if r[11].chars().count() >= 1000 {
            r[11].rsplit_once(';').map(|(a, _)| a).unwrap_or("")
        } else {
            r[11].as_str()
        };
        for (cur, addr) in crypto_mentions(remarks) {
            if expected.insert((r[0].trim().to_string(), cur, addr)) && is_dprk(&r[3]) {
                dprk += 1;
            }
        }
    }
    assert_eq!(
        expected.len(),
        288,
        "295 less 7 cut at the 1,000-character limit"
    );
    // Research note: 69 of the 295 belong to DPRK entries (all complete).
    assert_eq!(dprk, 69);
    let read: usize = list.entities.iter().map(|e| e.crypto.len()).sum();
    assert_eq!(read, expected.len());
    for (id, cur, addr) in &expected {
        let hits = index.lookup_crypto(addr);
        assert!(
            hits.iter().any(|h| {
                let e = &list.entities[h.entity];
                e.source_id == *id && e.crypto[h.address].currency == *cur
            }),
            "{id} {cur} {addr} not found"
        );
    }
    // Case: hex addresses fold, Base58 ones do not.
    assert!(!index
        .lookup_crypto("0X97B1043ABD9E6FC31681635166D430A458D14F9C")
        .is_empty());
    assert!(index
        .lookup_crypto("1d6gg9ikehpittcwrjiniuj1jym2hneafj")
        .is_empty());
}

#[test]
fn random_addresses_are_not_found() {
    let list = read_ofac_dir(&sanctions("ofac/sdn_2024-05-03"), None).unwrap();
    let index = CryptoIndex::build(&list.entities);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    for _ in 0..10_000 {
        let btc: String = std::iter::once('1')
            .chain((0..33).map(|_| B58[(next() % 58) as usize] as char))
            .collect();
        let eth: String = std::iter::once("0x".to_string())
            .chain((0..40).map(|_| format!("{:x}", next() % 16)))
            .collect();
        assert!(index.lookup_crypto(&btc).is_empty(), "{btc}");
        assert!(index.lookup_crypto(&eth).is_empty(), "{eth}");
    }
}

#[test]
fn bench_2021_complete_set_joins_addresses_aliases_and_comments() {
    let dir = sanctions("ofac/watchman_bench_2021-07");
    let raw = raw_records(&dir.join("sdn.csv"));
    let raw_alt = raw_records(&dir.join("alt.csv"));
    let raw_add = raw_records(&dir.join("add.csv"));
    let raw_comments = raw_records(&dir.join("sdn_comments.csv"));
    let list = read_ofac_dir(&dir, None).unwrap();

    // README: 8,976 entries, 414 DPRK, 81 digital-currency ids in sdn.csv.
    assert_eq!(raw.len(), 8_976);
    assert_eq!(list.entities.len(), raw.len());
    assert_eq!(raw.iter().filter(|r| is_dprk(&r[3])).count(), 414);
    assert_eq!(list.entities.iter().filter(|e| e.is_dprk()).count(), 414);
    assert_eq!(
        raw.iter()
            .map(|r| r[11].matches("Digital Currency Address - ").count())
            .sum::<usize>(),
        81
    );
    assert_eq!(
        list.info.files,
        ["sdn.csv", "sdn_comments.csv", "add.csv", "alt.csv"]
    );
    assert!(list.info.warnings.is_empty(), "{:?}", list.info.warnings);

    // Aliases: every alt.csv row lands on its entity (strong, with its type).
    let alias_count: usize = list
        .entities
        .iter()
        .map(|e| {
            e.names
                .iter()
                .filter(|n| n.strength == NameStrength::Strong && n.kind != NameKind::Primary)
                .count()
        })
        .sum();
    let distinct_alt: HashSet<(String, String, String)> = raw_alt
        .iter()
        .map(|r| {
            (
                r[0].trim().to_string(),
                r[2].trim().to_string(),
                r[3].split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    assert_eq!(alias_count, distinct_alt.len());
    let fka = raw_alt.iter().filter(|r| r[2].trim() == "fka").count();
    assert_eq!(
        list.entities
            .iter()
            .flat_map(|e| &e.names)
            .filter(|n| n.kind == NameKind::Fka && n.strength == NameStrength::Strong)
            .count(),
        fka
    );
    // Addresses: every add.csv row with any content.
    let with_content = raw_add
        .iter()
        .filter(|r| {
            r[2..5]
                .iter()
                .any(|f| !f.trim().is_empty() && f.trim() != "-0-")
        })
        .count();
    let read_addresses: usize = list.entities.iter().map(|e| e.addresses.len()).sum();
    assert!(read_addresses <= with_content && read_addresses + 50 >= with_content);

    // Comments complete remarks: 29703's remarks end "Digital Currency Addres" and the
    // comment goes on "s - ETH 0x8576…".
    let joined: HashMap<String, String> = raw
        .iter()
        .map(|r| {
            let id = r[0].trim().to_string();
            let more = raw_comments
                .iter()
                .find(|c| c[0].trim() == id)
                .map(|c| c[1].clone())
                .unwrap_or_default();
            (id, format!("{}{more}", r[11]))
        })
        .collect();
    let index = CryptoIndex::build(&list.entities);
    let mut total = 0;
    for (id, text) in &joined {
        for (cur, addr) in crypto_mentions(text) {
            total += 1;
            let hits = index.lookup_crypto(&addr);
            assert!(
                hits.iter().any(|h| list.entities[h.entity].source_id == *id
                    && list.entities[h.entity].crypto[h.address].currency == cur),
                "{id} {cur} {addr}"
            );
        }
    }
    assert!(total > 81, "comments add addresses: {total}");
    let e = list.get("ofac-sdn:29703").unwrap();
    assert!(e
        .crypto
        .iter()
        .any(|c| c.currency == "ETH" && c.address == "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c"));
    // An alias split across the cut ('snowsjo' + 'hn') is whole again.
    let e = list.get("ofac-sdn:28263").unwrap();
    assert!(
        e.names.iter().any(|n| n.full == "snowsjohn"),
        "{:?}",
        e.names
    );
}

#[test]
fn comments_2025_every_crypto_address_is_found() {
    // The 2025 set has no sdn.csv (it is too big for the snapshot store), so give the reader a
    // stub primary file with one row per commented entry and empty remarks.
    let dir = sanctions("ofac/watchman_2025-02_partial");
    let comments = std::fs::read(dir.join("sdn_comments.csv")).unwrap();
    let raw_comments = raw_records(&dir.join("sdn_comments.csv"));
    let mut stub = String::new();
    for c in &raw_comments {
        stub.push_str(&format!(
            "{},\"STUB {}\",-0- ,\"TEST\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
            c[0].trim(),
            c[0].trim()
        ));
    }
    let list = parse_ofac_csv(
        ListId::OfacSdn,
        "stub",
        OfacCsvInput {
            primary: CsvFile {
                name: "sdn.csv",
                bytes: stub.as_bytes(),
            },
            addresses: None,
            aliases: None,
            comments: Some(CsvFile {
                name: "sdn_comments.csv",
                bytes: &comments,
            }),
        },
    )
    .unwrap();
    assert_eq!(raw_comments.len(), 21);
    let index = CryptoIndex::build(&list.entities);
    let mut mentions = 0;
    let mut rows_with = 0;
    for c in &raw_comments {
        let found = crypto_mentions(&c[1]);
        rows_with += usize::from(!found.is_empty());
        for (cur, addr) in found {
            mentions += 1;
            let hits = index.lookup_crypto(&addr);
            assert!(
                hits.iter()
                    .any(|h| list.entities[h.entity].source_id == c[0].trim()
                        && list.entities[h.entity].crypto[h.address].currency == cur),
                "{} {cur} {addr}",
                c[0]
            );
        }
    }
    // The README says "11 digital-currency ids"; the file has 11 rows with at least one, and
    // 341 address mentions in all.
    assert_eq!(rows_with, 11);
    assert_eq!(
        std::str::from_utf8(&comments)
            .unwrap()
            .matches("Digital Currency Address - ")
            .count(),
        341
    );
    assert_eq!(mentions, 341);
}
