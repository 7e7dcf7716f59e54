//! One source's answers for every address: an IPv4 and an IPv6 [`RangeTable`] whose values
//! index a list of interned records (country codes, AS records, provider labels).

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Arc;

use crate::table::{RangeTable, RangeTableBuilder};

/// An ISO 3166-1 alpha-2 country code, upper case (`KP`, `US`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Two ASCII letters, in either case; anything else (a country name, `USA`, ``) is `None`.
    pub fn parse(text: &str) -> Option<CountryCode> {
        match text.trim().as_bytes() {
            &[a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Some(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => None,
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// The two bytes (for the index file).
    pub(crate) fn bytes(self) -> [u8; 2] {
        self.0
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An autonomous system and the organisation the source names for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AsnRecord {
    /// AS number.
    pub asn: u32,
    /// Organisation as the source spells it (may be empty).
    pub org: Arc<str>,
}

/// What kind of network a provider list says a range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OriginKind {
    /// Cloud or hosting provider.
    Hosting,
    /// Edge / CDN infrastructure.
    Cdn,
    /// Consumer VPN or private relay exit.
    Vpn,
    /// Tor exit.
    Tor,
    /// A declared crawler.
    Bot,
}

impl OriginKind {
    /// The kind from iporigin's label text (`hosting`, `cdn`, `vpn`, `tor`, `bot`).
    pub fn parse(text: &str) -> Option<OriginKind> {
        Some(match text {
            "hosting" => OriginKind::Hosting,
            "cdn" => OriginKind::Cdn,
            "vpn" => OriginKind::Vpn,
            "tor" => OriginKind::Tor,
            "bot" => OriginKind::Bot,
            _ => return None,
        })
    }

    /// The label text.
    pub fn as_str(self) -> &'static str {
        match self {
            OriginKind::Hosting => "hosting",
            OriginKind::Cdn => "cdn",
            OriginKind::Vpn => "vpn",
            OriginKind::Tor => "tor",
            OriginKind::Bot => "bot",
        }
    }
}

/// A provider name and what kind of network it is (iporigin's labels).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OriginLabel {
    /// Provider (`DigitalOcean`, `Mullvad`, `Tor`).
    pub provider: Arc<str>,
    /// Kind.
    pub kind: OriginKind,
}

/// Address ranges of both families mapped to records of type `T`.
#[derive(Debug, Clone)]
pub struct Layer<T> {
    pub(crate) v4: RangeTable<u32>,
    pub(crate) v6: RangeTable<u128>,
    pub(crate) values: Vec<T>,
}

impl<T> Default for Layer<T> {
    fn default() -> Self {
        Layer {
            v4: RangeTable::default(),
            v6: RangeTable::default(),
            values: Vec::new(),
        }
    }
}

impl<T> Layer<T> {
    /// The record for `ip` (an IPv4-mapped IPv6 address is looked up as IPv4).
    #[inline]
    pub fn get(&self, ip: IpAddr) -> Option<&T> {
        match ip.to_canonical() {
            IpAddr::V4(v4) => self.get_v4(u32::from(v4)),
            IpAddr::V6(v6) => self.get_v6(u128::from(v6)),
        }
    }

    /// The record for an IPv4 address as an integer.
    #[inline]
    pub fn get_v4(&self, addr: u32) -> Option<&T> {
        self.values.get(self.v4.get(addr)? as usize)
    }

    /// The record for an IPv6 address as an integer.
    #[inline]
    pub fn get_v6(&self, addr: u128) -> Option<&T> {
        self.values.get(self.v6.get(addr)? as usize)
    }

    /// IPv4 ranges after resolving overlaps and merging.
    pub fn ranges_v4(&self) -> usize {
        self.v4.len()
    }

    /// IPv6 ranges after resolving overlaps and merging.
    pub fn ranges_v6(&self) -> usize {
        self.v6.len()
    }

    /// The IPv4 table's columns (starts, ends, record indexes).
    pub fn v4_columns(&self) -> (&[u32], &[u32], &[u32]) {
        self.v4.columns()
    }

    /// The IPv6 table's columns (starts, ends, record indexes).
    pub fn v6_columns(&self) -> (&[u128], &[u128], &[u32]) {
        self.v6.columns()
    }

    /// The distinct records.
    pub fn records(&self) -> &[T] {
        &self.values
    }

    /// Whether the layer has no range at all.
    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }
}

/// Collects ranges of either family with their records (interned: equal records are stored
/// once) and builds a [`Layer`] by the overlap rule of [`crate::table`].
#[derive(Debug, Clone)]
pub struct LayerBuilder<T: Eq + Hash + Clone> {
    v4: RangeTableBuilder<u32>,
    v6: RangeTableBuilder<u128>,
    values: Vec<T>,
    ids: HashMap<T, u32>,
}

impl<T: Eq + Hash + Clone> Default for LayerBuilder<T> {
    fn default() -> Self {
        LayerBuilder {
            v4: RangeTableBuilder::new(),
            v6: RangeTableBuilder::new(),
            values: Vec::new(),
            ids: HashMap::new(),
        }
    }
}

/// Why a range could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    /// The start is after the end.
    Inverted,
    /// One end is IPv4 and the other IPv6.
    MixedFamilies,
}

impl RangeError {
    /// What the error means, for messages.
    pub fn message(self) -> &'static str {
        match self {
            RangeError::Inverted => "expected a start no greater than the end",
            RangeError::MixedFamilies => "expected start and end of one address family",
        }
    }
}

impl<T: Eq + Hash + Clone> LayerBuilder<T> {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    fn intern(&mut self, value: T) -> u32 {
        if let Some(&id) = self.ids.get(&value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.clone());
        self.ids.insert(value, id);
        id
    }

    /// Adds the inclusive range `[start, end]` with its record.
    pub fn add(&mut self, start: IpAddr, end: IpAddr, value: T) -> Result<(), RangeError> {
        match (start, end) {
            (IpAddr::V4(s), IpAddr::V4(e)) => self.add_v4(u32::from(s), u32::from(e), value),
            (IpAddr::V6(s), IpAddr::V6(e)) => self.add_v6(u128::from(s), u128::from(e), value),
            _ => Err(RangeError::MixedFamilies),
        }
    }

    /// Adds an IPv4 range given as integers.
    pub fn add_v4(&mut self, start: u32, end: u32, value: T) -> Result<(), RangeError> {
        if start > end {
            return Err(RangeError::Inverted);
        }
        let id = self.intern(value);
        self.v4.add(start, end, id);
        Ok(())
    }

    /// Adds an IPv6 range given as integers.
    pub fn add_v6(&mut self, start: u128, end: u128, value: T) -> Result<(), RangeError> {
        if start > end {
            return Err(RangeError::Inverted);
        }
        let id = self.intern(value);
        self.v6.add(start, end, id);
        Ok(())
    }

    /// Ranges added so far (both families).
    pub fn len(&self) -> usize {
        self.v4.len() + self.v6.len()
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The layer.
    pub fn build(self) -> Layer<T> {
        Layer {
            v4: self.v4.build(),
            v6: self.v6.build(),
            values: self.values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_two_letters_upper_cased() {
        assert_eq!(CountryCode::parse("kp").unwrap().as_str(), "KP");
        assert_eq!(CountryCode::parse(" US ").unwrap().to_string(), "US");
        assert_eq!(CountryCode::parse("USA"), None);
        assert_eq!(CountryCode::parse("United States"), None);
        assert_eq!(CountryCode::parse("1A"), None);
        assert_eq!(CountryCode::parse(""), None);
    }

    #[test]
    fn layer_answers_both_families_and_mapped_ipv4() {
        let mut b = LayerBuilder::new();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        b.add(ip("175.45.176.0"), ip("175.45.179.255"), "KP")
            .unwrap();
        b.add(ip("2001:db8::"), ip("2001:db8::ffff"), "ZZ").unwrap();
        b.add(ip("10.0.0.0"), ip("10.0.0.255"), "KP").unwrap();
        assert_eq!(
            b.add(ip("1.0.0.0"), ip("::1"), "X"),
            Err(RangeError::MixedFamilies)
        );
        assert_eq!(
            b.add(ip("1.0.0.9"), ip("1.0.0.1"), "X"),
            Err(RangeError::Inverted)
        );
        let layer = b.build();
        assert_eq!(layer.records().len(), 2, "equal records are interned once");
        assert_eq!(layer.get(ip("175.45.176.1")), Some(&"KP"));
        assert_eq!(layer.get(ip("::ffff:175.45.176.1")), Some(&"KP"));
        assert_eq!(layer.get(ip("2001:db8::10")), Some(&"ZZ"));
        assert_eq!(layer.get(ip("2001:db8::1:0")), None);
        assert_eq!(layer.get(ip("175.45.180.0")), None);
        assert_eq!((layer.ranges_v4(), layer.ranges_v6()), (2, 1));
    }
}
