//! The UN consolidated list reader on the real 2026-02-27 file, counts checked against the raw
//! XML text.

mod common;

use common::sanctions;
use redflag_watchlist::{
    read_un_xml, DateBasis, EntityKind, IdKind, ListId, NameKind, NameStrength, Published,
};

#[test]
fn un_2026_counts_and_dprk_entries() {
    let path = sanctions("un/UN_consolidated_2026-02-27.xml");
    let raw = std::fs::read_to_string(&path).unwrap();
    let list = read_un_xml(&path).unwrap();

    // README: 730 INDIVIDUAL, 273 ENTITY, 155 with UN_LIST_TYPE DPRK.
    let individuals = raw.matches("<INDIVIDUAL>").count();
    let entities = raw.matches("<ENTITY>").count();
    let dprk = raw.matches("<UN_LIST_TYPE>DPRK</UN_LIST_TYPE>").count();
    assert_eq!((individuals, entities, dprk), (730, 273, 155));
    assert_eq!(list.entities.len(), individuals + entities);
    assert_eq!(
        list.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .count(),
        individuals
    );
    assert_eq!(list.entities.iter().filter(|e| e.is_dprk()).count(), dprk);
    // Research note: 80 KPi and 75 KPe.
    let kpi = list
        .entities
        .iter()
        .filter(|e| e.source_id.starts_with("KPi."))
        .count();
    let kpe = list
        .entities
        .iter()
        .filter(|e| e.source_id.starts_with("KPe."))
        .count();
    assert_eq!((kpi, kpe), (80, 75));

    assert_eq!(list.info.list, ListId::UnConsolidated);
    assert_eq!(list.info.published_basis, DateBasis::List);
    match list.info.published {
        Some(Published::DateTime(t)) => {
            assert_eq!(t.to_rfc3339(), "2026-02-27T00:00:09.554+00:00")
        }
        other => panic!("{other:?}"),
    }

    // Names: aliases with QUALITY Low are weak; original script names are Native.
    let raw_low = raw.matches("<QUALITY>Low</QUALITY>").count();
    let weak: usize = list
        .entities
        .iter()
        .map(|e| {
            e.names
                .iter()
                .filter(|n| n.strength == NameStrength::Weak)
                .count()
        })
        .sum();
    assert!(
        weak <= raw_low && weak + 10 >= raw_low,
        "{weak} vs {raw_low}"
    );
    let native_raw = raw.matches("<NAME_ORIGINAL_SCRIPT>").count();
    let native: usize = list
        .entities
        .iter()
        .map(|e| {
            e.names
                .iter()
                .filter(|n| n.kind == NameKind::Native)
                .count()
        })
        .sum();
    assert_eq!(native, native_raw);

    let kim = list.get("un:KPi.066").unwrap();
    assert_eq!(kim.primary_name(), "KIM JONG SIK");
    assert!(
        kim.names[0].surname.is_none(),
        "UN name fields are not given/surname"
    );
    assert!(kim
        .names
        .iter()
        .any(|n| n.full == "Kim Cho’ng-sik" && n.kind == NameKind::Aka));
    assert_eq!(kim.programs, ["DPRK"]);
    assert_eq!(kim.birth_dates[0].to_string(), "1967 to 1969");
    assert_eq!(kim.nationalities[0].code.as_deref(), Some("KP"));
    assert_eq!(kim.listed_on.unwrap().to_string(), "2017-12-22");
    assert_eq!(kim.remarks.as_deref(), Some("Gender: male"));
    assert!(kim.origin.line.unwrap() > 11_000);

    let kyong_il = list.get("un:KPi.067").unwrap();
    assert_eq!(kyong_il.birth_dates[0].to_string(), "1979-08-01");
    assert_eq!(kyong_il.identifiers[0].kind, IdKind::Passport);
    assert_eq!(kyong_il.identifiers[0].value, "836210029");
    assert_eq!(
        kyong_il.addresses[0]
            .country
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("LY")
    );

    let komid = list.get("un:KPe.001").unwrap();
    assert_eq!(komid.kind, EntityKind::Organization);
    assert!(komid.names.iter().any(|n| n.full == "KOMID"));
    assert_eq!(komid.addresses[0].city.as_deref(), Some("Pyongyang"));

    // Every KPi person has a DPRK nationality or says nothing.
    for e in list
        .entities
        .iter()
        .filter(|e| e.source_id.starts_with("KPi."))
    {
        assert!(
            e.nationalities.iter().all(|c| c.code.is_some()),
            "{}",
            e.key
        );
    }
}
