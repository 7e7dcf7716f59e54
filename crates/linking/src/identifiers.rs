//! Identifier links: people who share a normalised strong identifier (a device, a payout
//! account, a phone, a mailbox, an address), with hubs recognised from the data.
//!
//! The strongest evidence of a persona network is relational: one laptop, bank account or
//! phone behind "different" people. But some identifiers are shared by very many unrelated
//! people (a corporate office, a VPN exit, a payroll provider's account) and would merge the
//! world; and two or three people at one home are a household, not a laptop farm. So every
//! shared identifier is classified ([`Sharing`]) before it may link anyone:
//!
//! - **household**: no more people than ordinarily share that kind of identifier
//!   ([`IdentifierKind::ordinary_sharing`]: three at an address, two on a bank account, one
//!   device each). Reported, never linked.
//! - **hub**: more people than the kind's hub threshold, computed from the data (a Tukey
//!   fence on the log of the group sizes of that kind, once there are 20 groups to judge
//!   by; never below [`IdentifierConfig::min_hub`]), *and* members that are mostly not linked to each other
//!   by anything else. Reported with its size, never linked.
//! - **shared**: everything else, including a big group whose members are corroborated by
//!   other links (a farm that also shares accounts and phones). Linked, with a weight that
//!   falls as the group grows.
//!
//! Written as partitioned steps, each a pure function of its input, so they can run as
//! cluster stages: **keys** (each row normalised for its kind, in parallel), **groups** (rows
//! with one key, found by sorting hashes and confirmed on the key itself), **classification**
//! and **components** (union–find over the linking groups, as stars so the edge count stays
//! linear in the rows).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::clustering::cluster_edges;

/// What an identifier is, which decides how it is normalised and how much sharing is
/// ordinary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    /// Email address ([`redflag_normalize::email_key`]: case, Gmail dots and plus tags).
    Email,
    /// Phone number ([`redflag_normalize::phone_key`]: E.164 where the number allows).
    Phone,
    /// Postal address ([`redflag_normalize::address_key`]).
    Address,
    /// Bank account, IBAN, payment-platform id or crypto address
    /// ([`redflag_normalize::account_key`]).
    Account,
    /// Hardware serial, MAC address or UUID ([`redflag_normalize::device_key`]).
    Device,
    /// Tax or national identification number (letters and digits, upper case).
    TaxId,
    /// Identity document number (letters and digits, upper case).
    Document,
    /// IP address (canonical form; shared by households and NAT, so weak).
    Ip,
}

impl IdentifierKind {
    /// Every kind, in a fixed order.
    pub const ALL: [IdentifierKind; 8] = [
        IdentifierKind::Email,
        IdentifierKind::Phone,
        IdentifierKind::Address,
        IdentifierKind::Account,
        IdentifierKind::Device,
        IdentifierKind::TaxId,
        IdentifierKind::Document,
        IdentifierKind::Ip,
    ];

    /// The kind's name as written in data and reports (`email`, `bank_account`, …).
    pub fn name(self) -> &'static str {
        match self {
            IdentifierKind::Email => "email",
            IdentifierKind::Phone => "phone",
            IdentifierKind::Address => "address",
            IdentifierKind::Account => "account",
            IdentifierKind::Device => "device",
            IdentifierKind::TaxId => "tax_id",
            IdentifierKind::Document => "document",
            IdentifierKind::Ip => "ip",
        }
    }

    /// Parses a kind name; a few common synonyms are accepted (`bank_account`, `iban`,
    /// `crypto`, `wallet`, `serial`, `mac`, `ssn`, `passport`, `ip_address`).
    pub fn parse(name: &str) -> Option<IdentifierKind> {
        let kind = match name.trim().to_ascii_lowercase().as_str() {
            "email" | "email_address" => IdentifierKind::Email,
            "phone" | "mobile" | "phone_number" => IdentifierKind::Phone,
            "address" | "postal_address" | "shipping_address" => IdentifierKind::Address,
            "account" | "bank_account" | "iban" | "crypto" | "wallet" | "payout_account" => {
                IdentifierKind::Account
            }
            "device" | "device_id" | "serial" | "mac" | "hardware_serial" => IdentifierKind::Device,
            "tax_id" | "ssn" | "national_id" => IdentifierKind::TaxId,
            "document" | "passport" | "document_number" | "licence" | "license" => {
                IdentifierKind::Document
            }
            "ip" | "ip_address" => IdentifierKind::Ip,
            _ => return None,
        };
        Some(kind)
    }

    /// The comparison key of a raw value, or `None` when it holds no usable identifier.
    pub fn key(self, raw: &str) -> Option<String> {
        match self {
            IdentifierKind::Email => redflag_normalize::email_key(raw),
            IdentifierKind::Phone => redflag_normalize::phone_key(raw, None),
            IdentifierKind::Address => redflag_normalize::address_key(raw),
            IdentifierKind::Account => redflag_normalize::account_key(raw),
            IdentifierKind::Device => redflag_normalize::device_key(raw),
            IdentifierKind::TaxId | IdentifierKind::Document => {
                let key: String = raw
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_uppercase())
                    .collect();
                (key.len() >= 4).then_some(key)
            }
            IdentifierKind::Ip => raw
                .trim()
                .parse::<std::net::IpAddr>()
                .ok()
                .filter(is_public)
                .map(|ip| ip.to_string()),
        }
    }

    /// How many people ordinarily share one identifier of this kind: a household at an
    /// address or behind one IP, a couple on a joint account or a family phone. Groups no
    /// larger are [`Sharing::Household`].
    pub fn ordinary_sharing(self) -> usize {
        match self {
            IdentifierKind::Address | IdentifierKind::Ip => 3,
            IdentifierKind::Account | IdentifierKind::Phone => 2,
            IdentifierKind::Email
            | IdentifierKind::Device
            | IdentifierKind::TaxId
            | IdentifierKind::Document => 1,
        }
    }

    /// Weight of a link through a small shared identifier of this kind, in `(0, 1]`.
    pub fn strength(self) -> f64 {
        match self {
            IdentifierKind::Device
            | IdentifierKind::Account
            | IdentifierKind::TaxId
            | IdentifierKind::Document => 1.0,
            IdentifierKind::Email => 0.9,
            IdentifierKind::Phone => 0.8,
            IdentifierKind::Address => 0.6,
            IdentifierKind::Ip => 0.3,
        }
    }
}

/// Whether an address identifies a place on the internet: private, loopback, link-local,
/// carrier-grade NAT, multicast and unspecified addresses are shared by unrelated networks
/// and link nobody.
fn is_public(ip: &std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_unspecified()
                || (a == 100 && (64..128).contains(&b)))
        }
        std::net::IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

impl std::fmt::Display for IdentifierKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One identifier of one entity (a person, an account), as a caller's row gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifierRow<'a> {
    /// The entity, as a dense index chosen by the caller.
    pub entity: u32,
    /// What the value is.
    pub kind: IdentifierKind,
    /// The raw value.
    pub value: &'a str,
}

/// Settings for hub recognition.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentifierConfig {
    /// A group is never a hub at this size or below, whatever the data says.
    pub min_hub: usize,
    /// Tukey fence multiplier on the interquartile range of log group sizes, per kind.
    pub fence: f64,
    /// A group above the hub threshold still links when at least this share of its members
    /// are linked to another member by other identifiers.
    pub corroboration: f64,
}

impl Default for IdentifierConfig {
    fn default() -> IdentifierConfig {
        IdentifierConfig {
            min_hub: 25,
            fence: 3.0,
            corroboration: 0.5,
        }
    }
}

/// How a shared identifier is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    /// Shared by no more people than ordinary for the kind: reported, not linked.
    Household,
    /// Links its members.
    Shared,
    /// Shared by very many otherwise unrelated people: reported, not linked.
    Hub,
}

/// One identifier held by two or more entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedIdentifier {
    /// What it is.
    pub kind: IdentifierKind,
    /// Its normalised key.
    pub key: String,
    /// The distinct entities holding it, ascending.
    pub entities: Vec<u32>,
    /// The caller's rows (positions in the input) that gave it, ascending.
    pub rows: Vec<u32>,
    /// How it is treated.
    pub sharing: Sharing,
    /// Link weight in `[0, 1]`: the kind's strength, lower for large groups; 0 unless
    /// [`Sharing::Shared`].
    pub weight: f64,
    /// For groups above the hub threshold: the share of members linked to another member
    /// by other identifiers.
    pub corroborated: Option<f64>,
}

impl SharedIdentifier {
    /// One sentence for an analyst: what is shared, by how many, and what was done with it.
    pub fn explain(&self, hub_threshold: usize) -> String {
        let n = self.entities.len();
        let what = format!("{} {} held by {n}", self.kind, self.key);
        match self.sharing {
            Sharing::Household => format!(
                "{what}: no more than ordinary for a {} (up to {}), not used to link",
                self.kind,
                self.kind.ordinary_sharing()
            ),
            Sharing::Shared => match self.corroborated {
                Some(c) => format!(
                    "{what}: above the hub threshold of {hub_threshold} but {:.0}% of them are linked by other identifiers, so it links them (weight {:.2})",
                    c * 100.0,
                    self.weight
                ),
                None => format!("{what}: links them (weight {:.2})", self.weight),
            },
            Sharing::Hub => format!(
                "{what}: a hub (above {hub_threshold} for a {}, only {:.0}% linked otherwise), not used to link",
                self.kind,
                self.corroborated.unwrap_or(0.0) * 100.0
            ),
        }
    }
}

/// Everything [`link_identifiers`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdentifierLinks {
    /// Every identifier held by two or more entities, by kind then key.
    pub shared: Vec<SharedIdentifier>,
    /// Connected components over the [`Sharing::Shared`] identifiers (entities ascending,
    /// components by first entity).
    pub components: Vec<Vec<u32>>,
    /// Per kind present: the group size above which a group may be a hub.
    pub hub_thresholds: Vec<(IdentifierKind, usize)>,
    /// Per kind: rows whose value gave no key (blank, malformed or a placeholder).
    pub unkeyed: Vec<(IdentifierKind, usize)>,
}

impl IdentifierLinks {
    /// The hub threshold of a kind (the minimum when the kind had no groups).
    pub fn hub_threshold(&self, kind: IdentifierKind) -> usize {
        self.hub_thresholds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(IdentifierConfig::default().min_hub, |(_, t)| *t)
    }

    /// The links as explained edges: `(a, b, index into shared)`, a star per linking group
    /// (first entity to each other one), so the count is linear in the group sizes.
    pub fn edges(&self) -> impl Iterator<Item = (u32, u32, usize)> + '_ {
        self.shared
            .iter()
            .enumerate()
            .filter(|(_, s)| s.sharing == Sharing::Shared)
            .flat_map(|(i, s)| s.entities[1..].iter().map(move |&e| (s.entities[0], e, i)))
    }
}

/// Finds identifiers shared by two or more entities, classifies them and links entities
/// through the shared ones. Deterministic: the same rows give the same result, whatever the
/// number of threads.
pub fn link_identifiers(rows: &[IdentifierRow<'_>], config: &IdentifierConfig) -> IdentifierLinks {
    let (hashed, unkeyed) = hash_keys(rows);
    let mut shared = group(rows, hashed);
    let hub_thresholds = hub_thresholds(&shared, config);
    let threshold_of = |kind| {
        hub_thresholds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(config.min_hub, |(_, t)| *t)
    };
    // First pass: everything but the groups above the hub threshold.
    for s in &mut shared {
        let n = s.entities.len();
        s.sharing = if n <= s.kind.ordinary_sharing() {
            Sharing::Household
        } else if n > threshold_of(s.kind) {
            Sharing::Hub
        } else {
            Sharing::Shared
        };
    }
    // Second pass: a big group whose members are linked to each other by the other
    // identifiers is a network behind one identifier, not a hub.
    let n_entities = rows
        .iter()
        .map(|r| r.entity as usize + 1)
        .max()
        .unwrap_or(0);
    let component = component_index(&shared, n_entities);
    for s in shared.iter_mut().filter(|s| s.sharing == Sharing::Hub) {
        let c = corroboration(&s.entities, &component);
        s.corroborated = Some(c);
        if c >= config.corroboration {
            s.sharing = Sharing::Shared;
        }
    }
    for s in &mut shared {
        s.weight = match s.sharing {
            Sharing::Shared => s.kind.strength() * specificity(s.entities.len()),
            Sharing::Household | Sharing::Hub => 0.0,
        };
    }
    let mut links = IdentifierLinks {
        shared,
        components: Vec::new(),
        hub_thresholds,
        unkeyed,
    };
    links.components = cluster_edges(links.edges().map(|(a, b, _)| (a, b)));
    links
}

/// 1 for groups up to ten, then falling with the log of the size: a bank account behind 40
/// people still links them, but less surely than one behind three.
fn specificity(n: usize) -> f64 {
    if n <= 10 {
        1.0
    } else {
        (10f64).ln() / (n as f64).ln()
    }
}

/// `(hash of kind and key, row)`, sorted.
type HashedRows = Vec<(u64, u32)>;

/// Rows without a key, per kind.
type Unkeyed = Vec<(IdentifierKind, usize)>;

/// Step 1: `(hash of kind and key, row)` for every row with a key, sorted; and the count of
/// rows without one per kind.
fn hash_keys(rows: &[IdentifierRow<'_>]) -> (HashedRows, Unkeyed) {
    assert!(
        u32::try_from(rows.len()).is_ok(),
        "at most u32::MAX identifier rows per call"
    );
    let hashed: Vec<Option<(u64, u32)>> = crate::parallel::map_chunks(rows, |offset, chunk| {
        chunk
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.kind
                    .key(r.value)
                    .map(|key| (key_hash(r.kind, &key), (offset + i) as u32))
            })
            .collect()
    });
    let mut unkeyed: Vec<(IdentifierKind, usize)> = Vec::new();
    for (row, h) in rows.iter().zip(&hashed) {
        if h.is_none() {
            match unkeyed.iter_mut().find(|(k, _)| *k == row.kind) {
                Some((_, n)) => *n += 1,
                None => unkeyed.push((row.kind, 1)),
            }
        }
    }
    unkeyed.sort_unstable();
    let mut hashed: Vec<(u64, u32)> = hashed.into_iter().flatten().collect();
    hashed.sort_unstable();
    (hashed, unkeyed)
}

fn key_hash(kind: IdentifierKind, key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    kind.hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// Step 2: runs of equal hashes, confirmed on the key itself (so a hash collision cannot
/// join two identifiers), kept when two or more distinct entities hold the key.
fn group(rows: &[IdentifierRow<'_>], hashed: Vec<(u64, u32)>) -> Vec<SharedIdentifier> {
    let mut shared = Vec::new();
    let mut start = 0;
    while start < hashed.len() {
        let mut end = start + 1;
        while end < hashed.len() && hashed[end].0 == hashed[start].0 {
            end += 1;
        }
        if end - start >= 2 {
            let mut keyed: Vec<(IdentifierKind, String, u32)> = hashed[start..end]
                .iter()
                .filter_map(|&(_, row)| {
                    let r = &rows[row as usize];
                    r.kind.key(r.value).map(|k| (r.kind, k, row))
                })
                .collect();
            keyed.sort_unstable();
            for same in keyed.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
                let mut entities: Vec<u32> = same
                    .iter()
                    .map(|(_, _, row)| rows[*row as usize].entity)
                    .collect();
                entities.sort_unstable();
                entities.dedup();
                if entities.len() >= 2 {
                    shared.push(SharedIdentifier {
                        kind: same[0].0,
                        key: same[0].1.clone(),
                        entities,
                        rows: same.iter().map(|(_, _, row)| *row).collect(),
                        sharing: Sharing::Shared,
                        weight: 0.0,
                        corroborated: None,
                    });
                }
            }
        }
        start = end;
    }
    shared.sort_unstable_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
    shared
}

/// Fewer shared identifiers of a kind than this and their sizes say nothing about what is
/// normal (one switchboard would set its own fence), so the threshold is the floor.
const MIN_GROUPS_FOR_FENCE: usize = 20;

/// Per kind: `max(min_hub, 2^(Q3 + fence·IQR))` over the log2 sizes of that kind's shared
/// groups. Most shared identifiers are held by two or three people, so the fence sits just
/// above them unless the data really has many large groups (an organisation of big offices);
/// the few farms and hubs are outliers and do not move it.
fn hub_thresholds(
    shared: &[SharedIdentifier],
    config: &IdentifierConfig,
) -> Vec<(IdentifierKind, usize)> {
    let mut out = Vec::new();
    for kind in IdentifierKind::ALL {
        let mut logs: Vec<f64> = shared
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| (s.entities.len() as f64).log2())
            .collect();
        if logs.is_empty() {
            continue;
        }
        if logs.len() < MIN_GROUPS_FOR_FENCE {
            // Too few groups to say what is normal here: the floor decides.
            out.push((kind, config.min_hub));
            continue;
        }
        logs.sort_unstable_by(f64::total_cmp);
        let quantile = |q: f64| logs[((logs.len() - 1) as f64 * q).round() as usize];
        let (q1, q3) = (quantile(0.25), quantile(0.75));
        let fence = (q3 + config.fence * (q3 - q1)).exp2().ceil() as usize;
        out.push((kind, fence.max(config.min_hub)));
    }
    out
}

/// Component of every entity over the identifiers currently [`Sharing::Shared`]
/// (`u32::MAX` for entities in none).
fn component_index(shared: &[SharedIdentifier], n_entities: usize) -> Vec<u32> {
    let edges = shared
        .iter()
        .filter(|s| s.sharing == Sharing::Shared)
        .flat_map(|s| s.entities[1..].iter().map(move |&e| (s.entities[0], e)));
    let mut component = vec![u32::MAX; n_entities];
    for (c, members) in cluster_edges(edges).iter().enumerate() {
        for &m in members {
            component[m as usize] = c as u32;
        }
    }
    component
}

/// Share of `entities` whose component (over other links) holds another of them.
fn corroboration(entities: &[u32], component: &[u32]) -> f64 {
    let mut counts: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for &e in entities {
        let c = component[e as usize];
        if c != u32::MAX {
            *counts.entry(c).or_default() += 1;
        }
    }
    let linked: usize = counts.values().filter(|&&n| n >= 2).sum();
    linked as f64 / entities.len() as f64
}
