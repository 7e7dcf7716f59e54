//! Identifier linking at scale: synthetic identifier rows (emails, phones, addresses,
//! devices and payout accounts, written the messy ways exports write them) with planted
//! laptop farms, households and office hubs; times [`link_identifiers`] and checks that every
//! farm is found whole and no hub links anyone.
//!
//! ```text
//! cargo run --release -p redflag-linking --example identifier_bench -- 1000000 3000000 10000000
//! ```
//!
//! Prints one line per size: rows, time, rows per second, shared identifiers by class,
//! components, and the planted-structure checks.

use std::time::Instant;

use redflag_linking::{
    link_identifiers, IdentifierConfig, IdentifierKind, IdentifierLinks, IdentifierRow, Sharing,
};

/// SplitMix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const STREETS: &[&str] = &[
    "Main",
    "Oak",
    "Pine",
    "Maple",
    "Cedar",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
];
const SUFFIXES: &[(&str, &str)] = &[
    ("Street", "St."),
    ("Avenue", "Ave"),
    ("Road", "Rd"),
    ("Boulevard", "Blvd"),
];
const CITIES: &[&str] = &["Phoenix AZ 85001", "Austin TX 73301", "Denver CO 80202"];

/// One person's address, written one of two ways.
fn address(rng: &mut Rng, house: u64, street: usize, suffix: usize, city: usize) -> String {
    let (long, short) = SUFFIXES[suffix];
    if rng.below(2) == 0 {
        format!("{house} {} {long}, {}", STREETS[street], CITIES[city])
    } else {
        format!(
            "{house} {} {short} {}",
            STREETS[street].to_uppercase(),
            CITIES[city]
        )
    }
}

fn phone(rng: &mut Rng, digits: u64) -> String {
    let (a, b, c) = (digits / 10_000_000, digits / 10_000 % 1000, digits % 10_000);
    match rng.below(4) {
        0 => format!("+1 ({a}) {b}-{c:04}"),
        1 => format!("{a}.{b}.{c:04}"),
        2 => format!("1{a}{b}{c:04}"),
        _ => format!("({a}) {b} {c:04}"),
    }
}

/// What was planted, to check the result against.
struct Planted {
    /// Entities of each farm (an address and shared payout accounts behind 5–20 personas).
    farms: Vec<Vec<u32>>,
    /// Number of office hubs (each 0.1% of all people).
    hubs: usize,
}

/// About `target` rows: four identifiers per person, plus farm accounts.
fn generate(target: usize) -> (Vec<(u32, IdentifierKind, String)>, Planted) {
    let people = (target / 4) as u32;
    let mut rng = Rng(0x1D_E417);
    let mut rows = Vec::with_capacity(target + target / 50);
    let mut planted = Planted {
        farms: Vec::new(),
        hubs: 5,
    };
    let mut p = 0u32;
    while p < people {
        // Every 2,000th person starts a farm; every 50th a household of 2–3.
        let group = if p.is_multiple_of(2000) {
            5 + rng.below(16) as u32
        } else if p.is_multiple_of(50) {
            2 + rng.below(2) as u32
        } else {
            1
        };
        let group = group.min(people - p);
        let house = 1 + rng.below(99_999);
        let (street, suffix, city) = (
            rng.below(STREETS.len() as u64) as usize,
            rng.below(SUFFIXES.len() as u64) as usize,
            rng.below(CITIES.len() as u64) as usize,
        );
        // Farm addresses carry an apartment number no household shares.
        let farm_unit = (group >= 5).then(|| format!(" Apt {}", p));
        let accounts = 1 + rng.below(3);
        for m in p..p + group {
            // One person in 200 works at one of five head offices (hubs).
            let office = m % 1000;
            let addr = if group == 1 && (521..526).contains(&office) {
                format!("{} Corporate Plaza, Springfield IL 62701", office - 520)
            } else {
                let mut a = address(&mut rng, house, street, suffix, city);
                if let Some(unit) = &farm_unit {
                    a.push_str(unit);
                }
                a
            };
            rows.push((m, IdentifierKind::Address, addr));
            let user = format!("user.{m}");
            let email = match rng.below(3) {
                0 => format!("{user}@gmail.com"),
                1 => format!("{}+jobs@GMAIL.com", user.replace('.', "")),
                _ => format!("{}@example.org", user.to_uppercase()),
            };
            rows.push((m, IdentifierKind::Email, email));
            let number = 2_000_000_000 + u64::from(m) * 7 % 7_000_000_000;
            rows.push((m, IdentifierKind::Phone, phone(&mut rng, number)));
            let serial = format!("C02{m:09}");
            let device = if rng.below(2) == 0 {
                serial.to_lowercase()
            } else {
                format!("{}-{}", &serial[..6], &serial[6..])
            };
            rows.push((m, IdentifierKind::Device, device));
            if group >= 5 {
                let account = rng.below(accounts);
                rows.push((
                    m,
                    IdentifierKind::Account,
                    format!("GB29 NWBK 6016 {:08} {account}", p),
                ));
            }
        }
        if group >= 5 {
            planted.farms.push((p..p + group).collect());
        }
        p += group;
    }
    (rows, planted)
}

fn check(links: &IdentifierLinks, planted: &Planted) -> (usize, usize) {
    let mut whole = 0;
    for farm in &planted.farms {
        if links.components.iter().any(|c| c == farm) {
            whole += 1;
        }
    }
    let hubs = links
        .shared
        .iter()
        .filter(|s| s.sharing == Sharing::Hub)
        .count();
    (whole, hubs)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("sizes are row counts"))
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000_000]
    } else {
        sizes
    };
    for target in sizes {
        let (owned, planted) = generate(target);
        let rows: Vec<IdentifierRow<'_>> = owned
            .iter()
            .map(|(entity, kind, value)| IdentifierRow {
                entity: *entity,
                kind: *kind,
                value,
            })
            .collect();
        let start = Instant::now();
        let links = link_identifiers(&rows, &IdentifierConfig::default());
        let secs = start.elapsed().as_secs_f64();
        let count = |class| links.shared.iter().filter(|s| s.sharing == class).count();
        let (whole, hubs) = check(&links, &planted);
        println!(
            "{:>10} rows  {secs:>6.2} s  {:>9.0} rows/s  shared: {} households, {} linking, {} hubs  {} components  farms found whole {whole}/{}  hubs {hubs}/{}",
            rows.len(),
            rows.len() as f64 / secs,
            count(Sharing::Household),
            count(Sharing::Shared),
            count(Sharing::Hub),
            links.components.len(),
            planted.farms.len(),
            planted.hubs,
        );
    }
}
