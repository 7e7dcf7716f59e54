//! Identifier links: normalised keys link, households and hubs do not, hub thresholds come
//! from the data.

use redflag_linking::{
    link_identifiers, IdentifierConfig, IdentifierKind, IdentifierLinks, IdentifierRow, Sharing,
};

use IdentifierKind::{Account, Address, Device, Email, Ip, Phone};

/// Rows built up by a scenario: `(entity, kind, value)`.
#[derive(Default)]
struct Rows(Vec<(u32, IdentifierKind, String)>);

impl Rows {
    fn add(&mut self, entity: u32, kind: IdentifierKind, value: impl Into<String>) {
        self.0.push((entity, kind, value.into()));
    }

    /// Every entity in `range` gets its own email, phone and device.
    fn ordinary_people(&mut self, range: std::ops::Range<u32>) {
        for p in range {
            self.add(p, Email, format!("person{p}@example.com"));
            self.add(p, Phone, format!("+1 602 555 {:04}", p % 10_000));
            self.add(p, Device, format!("SN{p:08}"));
        }
    }

    fn link(&self) -> IdentifierLinks {
        let rows: Vec<IdentifierRow<'_>> = self
            .0
            .iter()
            .map(|(entity, kind, value)| IdentifierRow {
                entity: *entity,
                kind: *kind,
                value,
            })
            .collect();
        link_identifiers(&rows, &IdentifierConfig::default())
    }
}

fn shared_key<'a>(
    links: &'a IdentifierLinks,
    kind: IdentifierKind,
    key_part: &str,
) -> &'a redflag_linking::SharedIdentifier {
    links
        .shared
        .iter()
        .find(|s| s.kind == kind && s.key.contains(key_part))
        .unwrap_or_else(|| panic!("no shared {kind} containing {key_part}"))
}

fn component_of(links: &IdentifierLinks, entity: u32) -> Option<&Vec<u32>> {
    links.components.iter().find(|c| c.contains(&entity))
}

#[test]
fn differently_written_identifiers_link() {
    let mut rows = Rows::default();
    rows.ordinary_people(0..100);
    rows.add(100, Device, "C02X-G1AB-JGH5");
    rows.add(101, Device, "c02xg1abjgh5");
    rows.add(102, Phone, "(602) 555-0199");
    rows.add(103, Phone, "+1 602 555 0199");
    rows.add(104, Email, "J.Smith+jobs@googlemail.com");
    rows.add(105, Email, "jsmith@gmail.com");
    let links = rows.link();
    // A device or email behind two people links them; a phone behind two is a family phone.
    assert_eq!(component_of(&links, 100), Some(&vec![100, 101]));
    assert_eq!(component_of(&links, 104), Some(&vec![104, 105]));
    assert_eq!(
        shared_key(&links, Phone, "6025550199").sharing,
        Sharing::Household
    );
    assert_eq!(component_of(&links, 102), None);
    assert_eq!(links.components.len(), 2, "{:?}", links.components);
}

#[test]
fn a_household_is_not_a_laptop_farm() {
    let mut rows = Rows::default();
    rows.ordinary_people(0..200);
    // Three people at one home; seven "people" at one apartment.
    for p in 0..3 {
        rows.add(p, Address, "12 Oak Street, Tempe, AZ 85281");
    }
    for p in 10..17 {
        rows.add(p, Address, "77 Elm St Apt 2, Phoenix AZ 85001");
    }
    let links = rows.link();
    let home = shared_key(&links, Address, "oak");
    assert_eq!(home.sharing, Sharing::Household);
    assert_eq!(home.weight, 0.0);
    assert!(
        home.explain(25).contains("not used to link"),
        "{}",
        home.explain(25)
    );
    assert_eq!(component_of(&links, 0), None);
    let farm = shared_key(&links, Address, "elm");
    assert_eq!(farm.sharing, Sharing::Shared);
    assert_eq!(farm.entities, (10..17).collect::<Vec<_>>());
    assert_eq!(component_of(&links, 10).map(Vec::len), Some(7));
}

#[test]
fn an_office_is_a_hub_but_a_network_behind_one_address_is_not() {
    let mut rows = Rows::default();
    rows.ordinary_people(0..2000);
    // 300 employees at head office, unrelated otherwise.
    for p in 0..300 {
        rows.add(p, Address, "1 Corporate Plaza, Springfield IL 62701");
    }
    // 40 personas at one address, chained by shared payout accounts (pairs) and phones.
    for p in 1000..1040 {
        rows.add(p, Address, "9 Farm Road, Hope AR 71801");
        rows.add(
            p,
            Account,
            format!("GB29 NWBK 6016 1331 9268 {:02}", (p - 1000) / 4),
        );
    }
    // Ordinary small shared addresses, so the fence reflects a normal population.
    for g in 0..50u32 {
        for k in 0..5 {
            rows.add(
                500 + g * 5 + k,
                Address,
                format!("{g} Pine Ave, Mesa AZ 85201"),
            );
        }
    }
    let links = rows.link();
    let threshold = links.hub_threshold(Address);
    assert_eq!(threshold, 25, "small groups only: the floor applies");
    let office = shared_key(&links, Address, "corporate");
    assert_eq!(office.sharing, Sharing::Hub);
    assert_eq!(office.corroborated, Some(0.0));
    assert!(component_of(&links, 0).is_none(), "the office links nobody");
    let farm = shared_key(&links, Address, "farm");
    assert_eq!(farm.sharing, Sharing::Shared, "{}", farm.explain(threshold));
    assert_eq!(farm.corroborated, Some(1.0));
    assert!(farm.weight < Address.strength(), "large groups weigh less");
    assert_eq!(component_of(&links, 1000).map(Vec::len), Some(40));
    let text = office.explain(threshold);
    assert!(text.contains("hub") && text.contains("300"), "{text}");
}

#[test]
fn hub_thresholds_come_from_the_data() {
    // An organisation of big offices: 60–100 people each, plus one of 150.
    let mut rows = Rows::default();
    let mut next = 0u32;
    for office in 0..30u32 {
        for _ in 0..(60 + office * 40 / 30) {
            rows.add(
                next,
                Address,
                format!("{office} Market St, Denver CO 80202"),
            );
            next += 1;
        }
    }
    for _ in 0..150 {
        rows.add(next, Address, "500 Main St, Denver CO 80202");
        next += 1;
    }
    let big_offices = rows.link();
    let threshold = big_offices.hub_threshold(Address);
    assert!(
        threshold > 100,
        "offices of 60–100 are this data's normal: {threshold}"
    );
    // The same 150-person address in a population of small groups is a hub.
    let mut small = Rows::default();
    for g in 0..200u32 {
        for k in 0..4 {
            small.add(g * 4 + k, Address, format!("{g} Pine Ave, Mesa AZ 85201"));
        }
    }
    for p in 1000..1150 {
        small.add(p, Address, "500 Main St, Denver CO 80202");
    }
    let links = small.link();
    assert_eq!(links.hub_threshold(Address), 25);
    assert_eq!(
        shared_key(&links, Address, "500 main").sharing,
        Sharing::Hub
    );
}

#[test]
fn placeholders_and_blanks_are_counted_not_linked() {
    let mut rows = Rows::default();
    for p in 0..40 {
        rows.add(p, Device, "To Be Filled By O.E.M.");
        rows.add(p, Email, "");
    }
    rows.add(41, Email, "not an email");
    let links = rows.link();
    assert!(links.shared.is_empty());
    assert!(links.components.is_empty());
    assert_eq!(links.unkeyed, vec![(Email, 41), (Device, 40)]);
}

#[test]
fn private_and_carrier_nat_addresses_link_nobody() {
    let mut rows = Rows::default();
    for p in 0..6 {
        for ip in [
            "10.0.0.1",
            "192.168.1.1",
            "100.64.3.9",
            "127.0.0.1",
            "fe80::1",
            "fd00::7",
        ] {
            rows.add(p, Ip, ip);
        }
        rows.add(p, Ip, "81.2.69.144");
    }
    let links = rows.link();
    let keys: Vec<&str> = links.shared.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, vec!["81.2.69.144"]);
    assert_eq!(links.unkeyed, vec![(Ip, 36)]);
}

#[test]
fn edges_are_explained_and_the_result_is_deterministic() {
    let mut rows = Rows::default();
    rows.ordinary_people(0..500);
    for p in [7, 70, 300] {
        rows.add(p, Account, "DE89 3704 0044 0532 0130 00");
    }
    rows.add(9, Device, "00-1A-2B-3C-4D-5E");
    rows.add(90, Device, "001a.2b3c.4d5e");
    let links = rows.link();
    let edges: Vec<(u32, u32, usize)> = links.edges().collect();
    assert_eq!(edges.len(), 3, "a star per group: 2 + 1 edges");
    for (a, b, i) in &edges {
        let s = &links.shared[*i];
        assert!(s.entities.contains(a) && s.entities.contains(b));
        assert_eq!(s.rows.len(), s.entities.len());
    }
    assert!(links.shared[edges[0].2].explain(25).contains("links them"));
    // Reversed input, same answer.
    let reversed = Rows(rows.0.iter().rev().cloned().collect());
    let again = reversed.link();
    assert_eq!(again.components, links.components);
    assert_eq!(
        again
            .shared
            .iter()
            .map(|s| (&s.key, &s.entities))
            .collect::<Vec<_>>(),
        links
            .shared
            .iter()
            .map(|s| (&s.key, &s.entities))
            .collect::<Vec<_>>()
    );
}

#[test]
fn with_few_groups_the_floor_decides() {
    // One switchboard behind 40 people and nothing else shared: the switchboard alone must
    // not set its own fence.
    let mut rows = Rows::default();
    rows.ordinary_people(0..100);
    for p in 0..40 {
        rows.add(p, Phone, "+1 (800) 555-0100");
    }
    let links = rows.link();
    assert_eq!(links.hub_threshold(Phone), 25);
    assert_eq!(
        shared_key(&links, Phone, "8005550100").sharing,
        Sharing::Hub
    );
    assert!(links.components.is_empty());
}
