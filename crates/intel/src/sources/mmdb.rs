//! MMDB files (MaxMind DB format) through the `maxminddb` crate, whatever their vendor.
//!
//! One record decoder understands the shapes below; a field absent from a file is simply
//! not answered by it. Fields read (others are ignored):
//!
//! | answer | ip-location-db | MaxMind GeoIP2/GeoLite2, DB-IP (GeoIP2-compatible) | IPinfo |
//! |---|---|---|---|
//! | country | `country_code` | `country.iso_code` | `country_code` (Lite), `country` when it is a two-letter code (free country file; Lite's `country` is a name and is skipped) |
//! | ASN | `autonomous_system_number` (asn-mmdb) | `autonomous_system_number` (ASN, ISP), `traits.autonomous_system_number` (Enterprise) | `asn` (`"AS15169"`) |
//! | organisation | `autonomous_system_organization` | `autonomous_system_organization`, `traits.autonomous_system_organization` | `as_name` (Lite), `name` (ASN file) |
//! | class | — | Anonymous IP: `is_tor_exit_node`, `is_anonymous_vpn`, `is_public_proxy`, `is_residential_proxy`, `is_hosting_provider`, `is_anonymous_proxy` (also under `traits`) | privacy file: `tor`, `vpn`, `proxy`, `relay`, `hosting`; ASN file: `type` = `hosting` |
//!
//! A record that cannot be decoded is reported as an error for that lookup, never a panic.

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::error::IntelError;
use crate::layer::CountryCode;

/// An opened MMDB file.
pub struct MmdbSource {
    path: PathBuf,
    reader: maxminddb::Reader<Vec<u8>>,
}

impl fmt::Debug for MmdbSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MmdbSource")
            .field("path", &self.path)
            .field("database_type", &self.database_type())
            .finish()
    }
}

/// What an MMDB record says about an address (only what it says).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MmdbRecord {
    /// Country of the address.
    pub country: Option<CountryCode>,
    /// AS number.
    pub asn: Option<u32>,
    /// AS organisation.
    pub as_org: Option<String>,
    /// Anonymity and hosting flags.
    pub flags: MmdbFlags,
}

/// Anonymity and hosting flags from anonymous-IP and privacy databases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MmdbFlags {
    /// A Tor exit node.
    pub tor: bool,
    /// A VPN exit.
    pub vpn: bool,
    /// A public, residential or anonymous proxy or relay.
    pub proxy: bool,
    /// A hosting provider.
    pub hosting: bool,
}

impl MmdbSource {
    /// Opens and reads a whole MMDB file into memory.
    pub fn open(path: &Path) -> Result<MmdbSource, IntelError> {
        let bytes = std::fs::read(path).map_err(|e| IntelError::io(path, e))?;
        MmdbSource::from_bytes(bytes, path)
    }

    /// An MMDB from bytes already read; `path` names it in errors.
    pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<MmdbSource, IntelError> {
        let reader = maxminddb::Reader::from_source(bytes).map_err(|e| IntelError::Mmdb {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(MmdbSource {
            path: path.to_path_buf(),
            reader,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The metadata's `database_type` (`GeoLite2-Country`, `country`, …).
    pub fn database_type(&self) -> &str {
        &self.reader.metadata().database_type
    }

    /// When the file was built (Unix seconds, metadata `build_epoch`).
    pub fn build_epoch(&self) -> u64 {
        self.reader.metadata().build_epoch
    }

    /// The metadata's IP version (4 or 6).
    pub fn ip_version(&self) -> u16 {
        self.reader.metadata().ip_version
    }

    /// What the file says about `ip`; `Ok(None)` when it has no record for it.
    pub fn lookup(&self, ip: IpAddr) -> Result<Option<MmdbRecord>, IntelError> {
        let ip = ip.to_canonical();
        if self.ip_version() == 4 && ip.is_ipv6() {
            return Ok(None);
        }
        let err = |e: maxminddb::MaxMindDbError| IntelError::Mmdb {
            path: self.path.clone(),
            message: format!("record for {ip}: {e}"),
        };
        let found = self.reader.lookup(ip).map_err(err)?;
        Ok(found
            .decode::<RawRecord>()
            .map_err(err)?
            .map(RawRecord::finish))
    }

    /// Every network with a record, as `(network start, network end, record)`, for
    /// converting a file to a range table. IPv4 networks of an IPv6 tree come out as IPv4
    /// once (their IPv6 aliases are skipped).
    pub fn networks(
        &self,
    ) -> Result<
        impl Iterator<Item = Result<(IpAddr, IpAddr, MmdbRecord), IntelError>> + '_,
        IntelError,
    > {
        let err = |e: maxminddb::MaxMindDbError| IntelError::Mmdb {
            path: self.path.clone(),
            message: format!("walking the tree: {e}"),
        };
        let iter = self
            .reader
            .networks(maxminddb::WithinOptions::default())
            .map_err(err)?;
        Ok(iter.filter_map(move |item| {
            let item = match item {
                Ok(item) => item,
                Err(e) => return Some(Err(err(e))),
            };
            let net = match item.network() {
                Ok(net) => net,
                Err(e) => return Some(Err(err(e))),
            };
            let (start, end) = match net {
                ipnetwork::IpNetwork::V4(n) => (IpAddr::V4(n.network()), IpAddr::V4(n.broadcast())),
                ipnetwork::IpNetwork::V6(n) => {
                    let start = n.network();
                    // The IPv4 subtree of an IPv6 file (`::/96`) is reported as IPv4 above.
                    if u128::from(start) >> 32 == 0 && n.prefix() >= 96 {
                        return None;
                    }
                    let mask = u128::MAX.checked_shr(u32::from(n.prefix())).unwrap_or(0);
                    let end = std::net::Ipv6Addr::from(u128::from(start) | mask);
                    (IpAddr::V6(start), IpAddr::V6(end))
                }
            };
            match item.decode::<RawRecord>() {
                Ok(Some(raw)) => Some(Ok((start, end, raw.finish()))),
                Ok(None) => None,
                Err(e) => Some(Err(err(e))),
            }
        }))
    }
}

/// The union of the fields the shapes in the module table use.
#[derive(Default)]
struct RawRecord {
    country_code: Option<CountryCode>,
    country: Option<CountryCode>,
    asn: Option<u32>,
    as_org: Option<String>,
    name: Option<String>,
    ipinfo_type_hosting: bool,
    flags: MmdbFlags,
}

impl RawRecord {
    fn finish(self) -> MmdbRecord {
        MmdbRecord {
            country: self.country_code.or(self.country),
            asn: self.asn,
            as_org: self.as_org.or(self.name).filter(|o| !o.is_empty()),
            flags: MmdbFlags {
                hosting: self.flags.hosting || self.ipinfo_type_hosting,
                ..self.flags
            },
        }
    }

    /// Applies one field; shared by the top level and `traits`.
    fn field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
        top: bool,
    ) -> Result<(), A::Error> {
        match key {
            "country_code" if top => {
                self.country_code = map
                    .next_value::<Text>()?
                    .0
                    .as_deref()
                    .and_then(CountryCode::parse)
            }
            "country" if top => self.country = map.next_value::<CountryField>()?.0,
            "autonomous_system_number" => self.asn = self.asn.or(map.next_value::<AsnField>()?.0),
            "asn" if top => self.asn = self.asn.or(map.next_value::<AsnField>()?.0),
            "autonomous_system_organization" | "as_name" => {
                if let Some(org) = map.next_value::<Text>()?.0 {
                    self.as_org.get_or_insert(org.into_owned());
                }
            }
            "name" if top => self.name = map.next_value::<Text>()?.0.map(Cow::into_owned),
            "type" if top => {
                self.ipinfo_type_hosting = map.next_value::<Text>()?.0.as_deref() == Some("hosting")
            }
            "is_tor_exit_node" | "tor" => self.flags.tor |= map.next_value::<Flag>()?.0,
            "is_anonymous_vpn" | "vpn" => self.flags.vpn |= map.next_value::<Flag>()?.0,
            "is_public_proxy"
            | "is_residential_proxy"
            | "is_anonymous_proxy"
            | "proxy"
            | "relay" => self.flags.proxy |= map.next_value::<Flag>()?.0,
            "is_hosting_provider" | "hosting" => self.flags.hosting |= map.next_value::<Flag>()?.0,
            "traits" if top => {
                let Traits(inner) = map.next_value::<Traits>()?;
                self.asn = self.asn.or(inner.asn);
                if self.as_org.is_none() {
                    self.as_org = inner.as_org;
                }
                let f = inner.flags;
                self.flags.tor |= f.tor;
                self.flags.vpn |= f.vpn;
                self.flags.proxy |= f.proxy;
                self.flags.hosting |= f.hosting;
            }
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// A map key, borrowed from the file when the decoder allows it.
struct KeyText<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor)
            .map(|t| KeyText(t.unwrap_or(Cow::Borrowed(""))))
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    // Anything else where a string was expected is treated as absent.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A string value, or `None` when the value is of another type.
struct Text<'de>(Option<Cow<'de, str>>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor).map(Text)
    }
}

/// `country`: a GeoIP2 map (`iso_code`) or an IPinfo string.
struct CountryField(Option<CountryCode>);

impl<'de> Deserialize<'de> for CountryField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Option<CountryCode>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a country map or code")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CountryCode::parse(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut code = None;
                while let Some(KeyText(key)) = map.next_key::<KeyText>()? {
                    if key == "iso_code" {
                        code = map
                            .next_value::<Text>()?
                            .0
                            .as_deref()
                            .and_then(CountryCode::parse);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(code)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
        }
        d.deserialize_any(V).map(CountryField)
    }
}

/// An AS number as a number or as text (`"AS15169"`, `"15169"`).
struct AsnField(Option<u32>);

impl<'de> Deserialize<'de> for AsnField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Option<u32>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an AS number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(u32::try_from(v).ok())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(u32::try_from(v).ok())
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
                Ok(u32::try_from(v).ok())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let v = v.trim();
                let digits = v
                    .strip_prefix("AS")
                    .or_else(|| v.strip_prefix("as"))
                    .unwrap_or(v);
                Ok(digits.parse().ok())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
        }
        d.deserialize_any(V).map(AsnField)
    }
}

/// A flag as a boolean or as text (`"true"`).
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                Ok(v.eq_ignore_ascii_case("true"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
                Ok(v != 0)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(false)
            }
        }
        d.deserialize_any(V).map(Flag)
    }
}

/// The `traits` map of GeoIP2 Enterprise/Insights and Country records.
struct Traits(RawRecord);

impl<'de> Deserialize<'de> for Traits {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RecordVisitor { top: false }).map(Traits)
    }
}

struct RecordVisitor {
    top: bool,
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = RawRecord;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an MMDB record map")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRecord, A::Error> {
        let mut record = RawRecord::default();
        while let Some(KeyText(key)) = map.next_key::<KeyText>()? {
            record.field(&key, &mut map, self.top)?;
        }
        Ok(record)
    }
    // A record that is not a map (a bare string or number) says nothing we read.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<RawRecord, E> {
        Ok(RawRecord::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawRecord, E> {
        Ok(RawRecord::default())
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawRecord, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawRecord::default())
    }
}

impl<'de> Deserialize<'de> for RawRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecordVisitor { top: true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::mmdb_writer::{map, s, MmdbWriter, Value};

    fn open(bytes: Vec<u8>) -> MmdbSource {
        MmdbSource::from_bytes(bytes, Path::new("test.mmdb")).unwrap()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn cc(text: &str) -> Option<CountryCode> {
        CountryCode::parse(text)
    }

    #[test]
    fn ip_location_db_country_shape_in_every_record_size() {
        for record_size in [24, 28, 32] {
            let mut w = MmdbWriter::new(6, record_size, "country", 1_781_725_900);
            w.insert("175.45.176.0/22", map(&[("country_code", s("KP"))]))
                .insert("8.8.8.0/24", map(&[("country_code", s("US"))]))
                .insert("2a00:1450::/32", map(&[("country_code", s("IE"))]));
            let db = open(w.build());
            assert_eq!(db.build_epoch(), 1_781_725_900);
            assert_eq!(db.database_type(), "country");
            let get = |t: &str| db.lookup(ip(t)).unwrap().and_then(|r| r.country);
            assert_eq!(get("175.45.176.1"), cc("KP"), "record size {record_size}");
            assert_eq!(get("::ffff:175.45.179.255"), cc("KP"));
            assert_eq!(get("8.8.8.8"), cc("US"));
            assert_eq!(get("2a00:1450:4001::1"), cc("IE"));
            assert_eq!(get("175.45.180.1"), None);
        }
    }

    #[test]
    fn maxmind_country_and_asn_shapes() {
        let mut w = MmdbWriter::new(6, 28, "GeoLite2-Country", 1);
        w.insert(
            "81.2.69.0/24",
            map(&[
                ("continent", map(&[("code", s("EU"))])),
                (
                    "country",
                    map(&[
                        ("geoname_id", Value::U32(2635167)),
                        ("iso_code", s("GB")),
                        ("names", map(&[("en", s("United Kingdom"))])),
                    ]),
                ),
                ("registered_country", map(&[("iso_code", s("GB"))])),
                ("traits", map(&[("is_anonymous_proxy", Value::Bool(true))])),
            ]),
        );
        let rec = open(w.build()).lookup(ip("81.2.69.160")).unwrap().unwrap();
        assert_eq!(rec.country, cc("GB"));
        assert!(rec.flags.proxy);
        assert_eq!(rec.asn, None);

        let mut w = MmdbWriter::new(4, 24, "GeoLite2-ASN", 1);
        w.insert(
            "1.128.0.0/11",
            map(&[
                ("autonomous_system_number", Value::U32(1221)),
                ("autonomous_system_organization", s("Telstra Pty Ltd")),
            ]),
        );
        let db = open(w.build());
        let rec = db.lookup(ip("1.130.0.1")).unwrap().unwrap();
        assert_eq!(
            (rec.asn, rec.as_org.as_deref()),
            (Some(1221), Some("Telstra Pty Ltd"))
        );
        assert_eq!(rec.country, None);
        assert_eq!(
            db.lookup(ip("2001:4860::1")).unwrap(),
            None,
            "IPv4-only file"
        );
    }

    #[test]
    fn ipinfo_shapes_and_anonymous_ip_flags() {
        let mut w = MmdbWriter::new(6, 32, "ipinfo lite", 1);
        w.insert(
            "8.8.8.0/24",
            map(&[
                ("asn", s("AS15169")),
                ("as_name", s("Google LLC")),
                ("as_domain", s("google.com")),
                ("country", s("United States")),
                ("country_code", s("US")),
            ]),
        )
        .insert(
            "104.131.0.0/16",
            map(&[
                ("asn", s("AS14061")),
                ("name", s("DigitalOcean, LLC")),
                ("type", s("hosting")),
                ("country", s("US")),
            ]),
        )
        .insert(
            "185.220.101.0/24",
            map(&[
                ("is_anonymous", Value::Bool(true)),
                ("is_tor_exit_node", Value::Bool(true)),
            ]),
        )
        .insert(
            "146.70.0.0/16",
            map(&[("vpn", s("true")), ("hosting", s("false"))]),
        );
        let db = open(w.build());
        let rec = db.lookup(ip("8.8.8.8")).unwrap().unwrap();
        assert_eq!(
            rec.country,
            cc("US"),
            "country_code wins over a country name"
        );
        assert_eq!(
            (rec.asn, rec.as_org.as_deref()),
            (Some(15169), Some("Google LLC"))
        );
        let rec = db.lookup(ip("104.131.1.1")).unwrap().unwrap();
        assert_eq!(rec.country, cc("US"));
        assert_eq!(rec.as_org.as_deref(), Some("DigitalOcean, LLC"));
        assert!(rec.flags.hosting);
        assert!(db.lookup(ip("185.220.101.7")).unwrap().unwrap().flags.tor);
        let f = db.lookup(ip("146.70.1.1")).unwrap().unwrap().flags;
        assert!(f.vpn && !f.hosting);
    }

    #[test]
    fn networks_walk_gives_ipv4_once_and_ipv6() {
        let mut w = MmdbWriter::new(6, 24, "country", 1);
        w.insert("175.45.176.0/22", map(&[("country_code", s("KP"))]))
            .insert("2a00::/16", map(&[("country_code", s("DE"))]));
        let db = open(w.build());
        let mut nets: Vec<(IpAddr, IpAddr, Option<CountryCode>)> = db
            .networks()
            .unwrap()
            .map(|r| r.map(|(a, b, rec)| (a, b, rec.country)))
            .collect::<Result<_, _>>()
            .unwrap();
        nets.sort();
        assert_eq!(
            nets,
            vec![
                (ip("175.45.176.0"), ip("175.45.179.255"), cc("KP")),
                (
                    ip("2a00::"),
                    ip("2a00:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                    cc("DE")
                ),
            ]
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(MmdbSource::from_bytes(b"not an mmdb".to_vec(), Path::new("x.mmdb")).is_err());
        let mut w = MmdbWriter::new(6, 24, "country", 1);
        w.insert("175.45.176.0/22", map(&[("country_code", s("KP"))]));
        let good = w.build();
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
        for _ in 0..2000 {
            let mut b = good.clone();
            let i = rng.gen_range(0..b.len());
            b[i] = rng.gen();
            if let Ok(db) = MmdbSource::from_bytes(b, Path::new("fuzz.mmdb")) {
                let _ = db.lookup(ip("175.45.176.1"));
                let _ = db.lookup(ip("2a00::1"));
                if let Ok(iter) = db.networks() {
                    for _ in iter.take(1000) {}
                }
            }
        }
    }
}
