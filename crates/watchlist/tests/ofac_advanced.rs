//! The OFAC advanced XML reader on a fixture that reproduces the published structure for three
//! real entries (no full real file was available), cross-checked against the legacy CSV reader
//! on the same entries.

mod common;

use std::collections::HashSet;
use std::path::PathBuf;

use redflag_watchlist::{
    parse_ofac_advanced_xml, read_ofac_advanced_xml, read_ofac_dir, DateBasis, EntityKind, IdKind,
    ListId, NameKind, NameStrength, Published, WatchlistError,
};

fn fixture() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("tests/fixtures/sdn_advanced_sample.xml")
}

#[test]
fn fixture_entries_are_read_in_full() {
    let list = read_ofac_advanced_xml(&fixture(), ListId::OfacSdn).unwrap();
    assert_eq!(list.entities.len(), 3);
    assert_eq!(
        list.info.published,
        Some(Published::Date(
            chrono::NaiveDate::from_ymd_opt(2024, 5, 3).unwrap()
        ))
    );
    assert_eq!(list.info.published_basis, DateBasis::List);

    let kim = list.get("ofac-sdn:43377").unwrap();
    assert_eq!(kim.kind, EntityKind::Person);
    assert_eq!(kim.primary_name(), "KIM, Sang Man");
    assert_eq!(kim.names[0].surname.as_deref(), Some("KIM"));
    assert_eq!(kim.names[0].given.as_deref(), Some("Sang Man"));
    assert_eq!(kim.programs, ["DPRK4"]);
    assert_eq!(kim.listed_on.unwrap().to_string(), "2023-05-23");
    assert_eq!(kim.birth_dates[0].to_string(), "1965-04-25");
    assert_eq!(kim.birth_places, ["North Pyongan Province, North Korea"]);
    assert_eq!(kim.nationalities[0].code.as_deref(), Some("KP"));
    assert_eq!(kim.nationalities[0].name, "Korea, North");
    assert_eq!(kim.gender.as_deref(), Some("Male"));
    assert_eq!(kim.crypto.len(), 6);
    let passport = &kim.identifiers[0];
    assert_eq!(passport.kind, IdKind::Passport);
    assert_eq!(passport.value, "109420132");
    assert_eq!(
        passport.country.as_ref().unwrap().code.as_deref(),
        Some("KP")
    );
    assert_eq!(
        passport.note.as_deref(),
        Some("Issue Date 2019-10-16; Expiration Date 2024-10-16")
    );
    assert!(kim
        .facts
        .iter()
        .any(|f| f.label == "Secondary sanctions risk"
            && f.value.starts_with("North Korea Sanctions Regulations")));
    assert!(kim.origin.line.unwrap() > 100);

    let chinyong = list.get("ofac-sdn:43379").unwrap();
    assert_eq!(chinyong.kind, EntityKind::Organization);
    assert_eq!(chinyong.names.len(), 2);
    assert_eq!(chinyong.names[1].full, "JINYONG IT COOPERATION COMPANY");
    assert_eq!(chinyong.names[1].kind, NameKind::Aka);
    assert_eq!(chinyong.names[1].strength, NameStrength::Strong);
    assert!(chinyong
        .facts
        .iter()
        .any(|f| f.label == "Organization Type"));

    let kimsuky = list.get("ofac-sdn:45430").unwrap();
    let ids: Vec<(&str, &str)> = kimsuky
        .identifiers
        .iter()
        .map(|i| (i.kind.code(), i.value.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("website", "onerearth.xyz"),
            ("website", "mofa.lat"),
            ("email", "hongsiao@naver.com"),
            ("email", "syshim10@mofa.lat")
        ]
    );
    assert_eq!(kimsuky.listed_on.unwrap().to_string(), "2023-11-30");
}

#[test]
fn advanced_and_legacy_csv_agree_on_the_same_entries() {
    let adv = read_ofac_advanced_xml(&fixture(), ListId::OfacSdn).unwrap();
    let csv = read_ofac_dir(&common::sanctions("ofac/sdn_2024-05-03"), None).unwrap();
    for key in ["ofac-sdn:43377", "ofac-sdn:43379", "ofac-sdn:45430"] {
        let a = adv.get(key).unwrap();
        let c = csv.get(key).unwrap();
        assert_eq!(a.primary_name(), c.primary_name(), "{key}");
        assert_eq!(a.kind, c.kind, "{key}");
        assert_eq!(a.programs, c.programs, "{key}");
        assert_eq!(a.birth_dates, c.birth_dates, "{key}");
        assert_eq!(a.nationalities, c.nationalities, "{key}");
        let ac: HashSet<_> = a.crypto.iter().collect();
        let cc: HashSet<_> = c.crypto.iter().collect();
        assert_eq!(ac, cc, "{key}");
        for id in &a.identifiers {
            assert!(
                c.identifiers
                    .iter()
                    .any(|x| x.kind == id.kind && x.value == id.value),
                "{key}: {id:?} not in the CSV entry"
            );
        }
    }
}

/// A minimal document for the cases the fixture's three entries do not show (synthetic
/// values, real structure): a party before the reference values it needs, an original-script
/// name, a weak alias, a year range, a circa date, a nationality given as a location part.
const SYNTHETIC: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <DistinctParties>
    <DistinctParty FixedRef="900">
      <Profile ID="900" PartySubTypeID="4">
        <Identity ID="9000" FixedRef="900" Primary="true" False="false">
          <Alias FixedRef="900" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="1" DocNameStatusID="2">
              <DocumentedNamePart><NamePartValue NamePartGroupID="3" ScriptID="220">ИВАНОВ</NamePartValue></DocumentedNamePart>
            </DocumentedName>
            <DocumentedName ID="2" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="1" ScriptID="215">IVANOV</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="2" ScriptID="215">Ivan</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="900" AliasTypeID="1400" Primary="false" LowQuality="true">
            <DocumentedName ID="3" DocNameStatusID="2">
              <DocumentedNamePart><NamePartValue NamePartGroupID="4" ScriptID="215">VANYA</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="1" NamePartTypeID="1520" /></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="2" NamePartTypeID="1521" /></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="3" NamePartTypeID="1520" /></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="4" NamePartTypeID="1521" /></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature ID="1" FeatureTypeID="8">
          <FeatureVersion ID="1">
            <DatePeriod CalendarTypeID="1">
              <Start Approximate="false"><From><Year>1962</Year><Month>1</Month><Day>1</Day></From><To><Year>1962</Year><Month>1</Month><Day>1</Day></To></Start>
              <End Approximate="false"><From><Year>1964</Year><Month>12</Month><Day>31</Day></From><To><Year>1964</Year><Month>12</Month><Day>31</Day></To></End>
            </DatePeriod>
          </FeatureVersion>
        </Feature>
        <Feature ID="2" FeatureTypeID="8">
          <FeatureVersion ID="2">
            <DatePeriod CalendarTypeID="1">
              <Start Approximate="true"><From><Year>1970</Year><Month>1</Month><Day>1</Day></From><To><Year>1970</Year><Month>1</Month><Day>1</Day></To></Start>
              <End Approximate="true"><From><Year>1970</Year><Month>12</Month><Day>31</Day></From><To><Year>1970</Year><Month>12</Month><Day>31</Day></To></End>
            </DatePeriod>
          </FeatureVersion>
        </Feature>
        <Feature ID="3" FeatureTypeID="10">
          <FeatureVersion ID="3"><VersionDetail DetailTypeID="1433" /><VersionLocation LocationID="7" /></FeatureVersion>
        </Feature>
        <Feature ID="4" FeatureTypeID="777">
          <FeatureVersion ID="4"><VersionDetail DetailTypeID="1432">something new</VersionDetail></FeatureVersion>
        </Feature>
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
    <FeatureTypeValues><FeatureType ID="8">Birthdate</FeatureType><FeatureType ID="10">Nationality Country</FeatureType><FeatureType ID="777">Brand New Feature:</FeatureType></FeatureTypeValues>
    <LocPartTypeValues><LocPartType ID="1">Unknown</LocPartType></LocPartTypeValues>
    <NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType></NamePartTypeValues>
    <PartySubTypeValues><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues>
    <ScriptValues><Script ID="215" ScriptCode="Latn">Latin</Script><Script ID="220" ScriptCode="Cyrl">Cyrillic</Script></ScriptValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="7">
      <LocationPart LocPartTypeID="1"><LocationPartValue Primary="true"><Value>Russia</Value></LocationPartValue></LocationPart>
    </Location>
  </Locations>
</Sanctions>
"#;

#[test]
fn synthetic_cases_scripts_weak_aliases_ranges_and_order() {
    let list = parse_ofac_advanced_xml(
        "synthetic.xml",
        SYNTHETIC.as_bytes(),
        ListId::OfacConsolidated,
    )
    .unwrap();
    let e = list.get("ofac-cons:900").unwrap();
    assert_eq!(e.primary_name(), "IVANOV, Ivan");
    assert_eq!(e.names[0].kind, NameKind::Primary);
    let native = e.names.iter().find(|n| n.kind == NameKind::Native).unwrap();
    assert_eq!(native.full, "ИВАНОВ");
    let weak = e.names.iter().find(|n| n.full == "VANYA").unwrap();
    assert_eq!(weak.strength, NameStrength::Weak);
    let dates: Vec<String> = e.birth_dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(dates, ["1962 to 1964", "circa 1970"]);
    assert_eq!(e.nationalities[0].code.as_deref(), Some("RU"));
    assert!(e
        .facts
        .iter()
        .any(|f| f.label == "Brand New Feature" && f.value == "something new"));
    assert_eq!(list.info.published, None);
}

#[test]
fn other_roots_are_not_an_ofac_advanced_list() {
    let err = parse_ofac_advanced_xml(
        "sdn.xml",
        b"<?xml version=\"1.0\"?><sdnList><publshInformation/></sdnList>",
        ListId::OfacSdn,
    )
    .unwrap_err();
    assert!(matches!(err, WatchlistError::NotAList { .. }), "{err}");
    assert!(
        err.to_string().contains("root element is <sdnList>"),
        "{err}"
    );
}
