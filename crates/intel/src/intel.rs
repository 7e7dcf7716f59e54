//! [`IpIntel`]: every source together, answering field by field with the source of each.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::builtin::builtin_asn;
use crate::class::{special_class, NetClass};
use crate::error::IntelError;
use crate::layer::{CountryCode, OriginKind};
use crate::manifest::Manifest;
use crate::sources::mmdb::{MmdbRecord, MmdbSource};
use crate::store::{read_index, InstalledData, INDEX_FILE};

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The sign-in log itself ([`LogFields`]).
    Log,
    /// A user-supplied MMDB file: its position in [`IpIntel::mmdbs`].
    Mmdb(u8),
    /// Installed `@ip-location-db/geo-whois-asn-country-mmdb` (country).
    OpenCountry,
    /// Installed `@ip-location-db/asn` (AS number and organisation).
    OpenAsn,
    /// Installed iporigin provider labels (hosting, CDN, VPN, Tor, bot).
    IpOrigin,
    /// redflag's built-in hosting/VPN ASN table.
    Builtin,
    /// The address is in a special-purpose range (private, loopback, …): no lookup made.
    AddressRange,
    /// No source knows: the class is [`NetClass::Unknown`].
    NoData,
}

impl Source {
    /// Stable short name (`log`, `mmdb`, `ip-location-db/asn`, …).
    pub fn name(self) -> &'static str {
        match self {
            Source::Log => "log",
            Source::Mmdb(_) => "mmdb",
            Source::OpenCountry => "ip-location-db/geo-whois-asn-country",
            Source::OpenAsn => "ip-location-db/asn",
            Source::IpOrigin => "iporigin",
            Source::Builtin => "built-in",
            Source::AddressRange => "address-range",
            Source::NoData => "none",
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Mmdb(i) => write!(f, "mmdb#{i}"),
            other => f.write_str(other.name()),
        }
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A value and the source that gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Who said so.
    pub source: Source,
}

/// What the sign-in log already says about the address; these win over every other source.
/// A country that is not a two-letter code is ignored (other sources answer instead);
/// `is_proxy: Some(false)` is not evidence against hosting or VPN, so only `Some(true)` is used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogFields<'a> {
    /// Country code from the log (Okta `client.geographicalContext.country` is a name, not a
    /// code: pass it only if it is ISO alpha-2).
    pub country: Option<&'a str>,
    /// AS number from the log.
    pub asn: Option<u32>,
    /// AS organisation from the log.
    pub as_org: Option<&'a str>,
    /// The log's proxy flag (Okta `securityContext.isProxy`).
    pub is_proxy: Option<bool>,
}

/// Everything known about one address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpInfo {
    /// The address asked about (IPv4-mapped IPv6 addresses become IPv4).
    pub ip: IpAddr,
    /// Country.
    pub country: Option<Sourced<CountryCode>>,
    /// AS number.
    pub asn: Option<Sourced<u32>>,
    /// AS organisation (always that of [`asn`](Self::asn) when both are known).
    pub as_org: Option<Sourced<Arc<str>>>,
    /// Network class.
    pub class: Sourced<NetClass>,
    /// Provider label (`DigitalOcean`, `Mullvad`, `Tor`), from iporigin or the built-in table.
    pub provider: Option<Sourced<Arc<str>>>,
    /// Sources that failed for this address (an undecodable MMDB record), with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

impl IpInfo {
    fn empty(ip: IpAddr) -> IpInfo {
        IpInfo {
            ip,
            country: None,
            asn: None,
            as_org: None,
            class: Sourced {
                value: NetClass::Unknown,
                source: Source::NoData,
            },
            provider: None,
            problems: Vec::new(),
        }
    }

    /// Offers an AS number and organisation from one source. The number is taken when none
    /// is known yet; the organisation only when it belongs to the chosen number (same source
    /// answer), so an organisation is never paired with another AS's number.
    fn offer_as(&mut self, asn: Option<u32>, org: Option<Arc<str>>, source: Source) {
        if self.asn.is_none() {
            if let Some(asn) = asn {
                self.asn = Some(Sourced { value: asn, source });
            }
        }
        if self.as_org.is_none() {
            if let Some(org) = org.filter(|o| !o.is_empty()) {
                let fits = match (&self.asn, asn) {
                    (None, _) => true,
                    (Some(chosen), Some(a)) => chosen.value == a,
                    (Some(_), None) => false,
                };
                if fits {
                    self.as_org = Some(Sourced { value: org, source });
                }
            }
        }
    }

    fn offer_country(&mut self, cc: Option<CountryCode>, source: Source) {
        if self.country.is_none() {
            if let Some(value) = cc {
                self.country = Some(Sourced { value, source });
            }
        }
    }

    fn offer_class(&mut self, class: Option<NetClass>, source: Source) {
        if self.class.source == Source::NoData {
            if let Some(value) = class {
                self.class = Sourced { value, source };
            }
        }
    }

    fn offer_provider(&mut self, provider: Option<Arc<str>>, source: Source) {
        if self.provider.is_none() {
            if let Some(value) = provider {
                self.provider = Some(Sourced { value, source });
            }
        }
    }
}

/// IP intelligence from every configured source, fully offline.
///
/// Precedence, field by field: the log's own fields ([`LogFields`]), then user-supplied MMDB
/// files in the order added, then the installed open data, then the built-in hosting ASN
/// table. Special-purpose addresses are classified without any lookup.
#[derive(Debug, Default)]
pub struct IpIntel {
    mmdbs: Vec<MmdbSource>,
    installed: Option<InstalledData>,
    manifest: Option<Manifest>,
    dir: Option<PathBuf>,
}

impl IpIntel {
    /// Only the built-in table (and special ranges): no data installed, no MMDB.
    pub fn builtin_only() -> IpIntel {
        IpIntel::default()
    }

    /// The data `install` wrote into `dir` (see [`crate::install::default_dir`]).
    pub fn open_installed(dir: &Path) -> Result<IpIntel, IntelError> {
        let index = dir.join(INDEX_FILE);
        if !index.is_file() || !dir.join(crate::manifest::MANIFEST_FILE).is_file() {
            return Err(IntelError::NotInstalled(dir.to_path_buf()));
        }
        let manifest = Manifest::read(dir)?;
        let data = read_index(&index)?;
        Ok(IpIntel {
            mmdbs: Vec::new(),
            installed: Some(data),
            manifest: Some(manifest),
            dir: Some(dir.to_path_buf()),
        })
    }

    /// Open data built by the caller (tests, or a custom pipeline) in place of an install.
    pub fn from_data(data: InstalledData) -> IpIntel {
        IpIntel {
            installed: Some(data),
            ..IpIntel::default()
        }
    }

    /// Adds a user-supplied MMDB file; files added earlier take precedence.
    pub fn with_mmdb(mut self, path: &Path) -> Result<IpIntel, IntelError> {
        self.add_mmdb(MmdbSource::open(path)?)?;
        Ok(self)
    }

    /// Adds an opened MMDB (at most 256).
    pub fn add_mmdb(&mut self, source: MmdbSource) -> Result<(), IntelError> {
        if self.mmdbs.len() > u8::MAX as usize {
            return Err(IntelError::Mmdb {
                path: source.path().to_path_buf(),
                message: "more than 256 MMDB files".into(),
            });
        }
        self.mmdbs.push(source);
        Ok(())
    }

    /// The user-supplied MMDB files, in precedence order.
    pub fn mmdbs(&self) -> &[MmdbSource] {
        &self.mmdbs
    }

    /// The installed open data, if loaded.
    pub fn installed(&self) -> Option<&InstalledData> {
        self.installed.as_ref()
    }

    /// The installation's manifest (dates, licences, attribution, warnings), if loaded.
    pub fn manifest(&self) -> Option<&Manifest> {
        self.manifest.as_ref()
    }

    /// The directory the installed data was read from.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// A source named for people: MMDB sources by their file.
    pub fn describe(&self, source: Source) -> String {
        match source {
            Source::Mmdb(i) => match self.mmdbs.get(i as usize) {
                Some(m) => format!("mmdb {}", m.path().display()),
                None => source.to_string(),
            },
            other => other.name().to_string(),
        }
    }

    /// Everything known about `ip`, with no log fields.
    pub fn lookup(&self, ip: IpAddr) -> IpInfo {
        self.lookup_with(ip, &LogFields::default())
    }

    /// Parses `text` as an IPv4 or IPv6 address and looks it up.
    pub fn lookup_str(&self, text: &str) -> Result<IpInfo, IntelError> {
        let ip: IpAddr = text.trim().parse().map_err(|_| IntelError::NotAnAddress {
            input: text.chars().take(64).collect(),
        })?;
        Ok(self.lookup(ip))
    }

    /// Everything known about `ip`, the log's own fields first.
    pub fn lookup_with(&self, ip: IpAddr, log: &LogFields<'_>) -> IpInfo {
        let ip = ip.to_canonical();
        let mut info = IpInfo::empty(ip);
        info.offer_country(log.country.and_then(CountryCode::parse), Source::Log);
        info.offer_as(log.asn, log.as_org.map(Arc::from), Source::Log);
        if let Some(class) = special_class(ip) {
            info.class = Sourced {
                value: class,
                source: Source::AddressRange,
            };
            return info;
        }
        if log.is_proxy == Some(true) {
            info.offer_class(Some(NetClass::Proxy), Source::Log);
        }

        for (i, mmdb) in self.mmdbs.iter().enumerate() {
            match mmdb.lookup(ip) {
                Ok(Some(record)) => self.offer_mmdb(&mut info, record, Source::Mmdb(i as u8)),
                Ok(None) => {}
                Err(e) => info.problems.push(e.to_string()),
            }
        }

        if let Some(data) = &self.installed {
            info.offer_country(data.country.get(ip).copied(), Source::OpenCountry);
            if let Some(rec) = data.asn.get(ip) {
                info.offer_as(Some(rec.asn), Some(rec.org.clone()), Source::OpenAsn);
            }
            if let Some(label) = data.origin.get(ip) {
                info.offer_class(Some(origin_class(label.kind)), Source::IpOrigin);
                info.offer_provider(Some(label.provider.clone()), Source::IpOrigin);
            }
        }

        if let Some(row) = info.asn.as_ref().and_then(|a| builtin_asn(a.value)) {
            info.offer_as(
                Some(row.asn),
                Some(Arc::from(row.org.as_str())),
                Source::Builtin,
            );
            info.offer_class(Some(row.class), Source::Builtin);
            info.offer_provider(Some(Arc::from(row.provider.as_str())), Source::Builtin);
        }
        info
    }

    fn offer_mmdb(&self, info: &mut IpInfo, record: MmdbRecord, source: Source) {
        info.offer_country(record.country, source);
        info.offer_as(record.asn, record.as_org.map(Arc::from), source);
        let f = record.flags;
        let class = if f.tor {
            Some(NetClass::Tor)
        } else if f.vpn {
            Some(NetClass::Vpn)
        } else if f.proxy {
            Some(NetClass::Proxy)
        } else if f.hosting {
            Some(NetClass::Hosting)
        } else {
            None
        };
        info.offer_class(class, source);
    }
}

fn origin_class(kind: OriginKind) -> NetClass {
    match kind {
        OriginKind::Hosting => NetClass::Hosting,
        OriginKind::Cdn => NetClass::Cdn,
        OriginKind::Vpn => NetClass::Vpn,
        OriginKind::Tor => NetClass::Tor,
        OriginKind::Bot => NetClass::Bot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::{AsnRecord, LayerBuilder, OriginLabel};
    use crate::testing::mmdb_writer::{map, s, MmdbWriter, Value};

    fn ip(t: &str) -> IpAddr {
        t.parse().unwrap()
    }

    fn open_data() -> InstalledData {
        let mut country = LayerBuilder::new();
        let mut asn = LayerBuilder::new();
        let mut origin = LayerBuilder::new();
        let cc = |c: &str| CountryCode::parse(c).unwrap();
        let rec = |asn: u32, org: &str| AsnRecord {
            asn,
            org: Arc::from(org),
        };
        country
            .add(ip("175.45.176.0"), ip("175.45.179.255"), cc("KP"))
            .unwrap();
        country
            .add(ip("8.8.8.0"), ip("8.8.8.255"), cc("US"))
            .unwrap();
        country
            .add(ip("104.131.0.0"), ip("104.131.255.255"), cc("US"))
            .unwrap();
        asn.add(
            ip("175.45.176.0"),
            ip("175.45.179.255"),
            rec(131279, "Star Joint Venture Co. Ltd."),
        )
        .unwrap();
        asn.add(ip("8.8.8.0"), ip("8.8.8.255"), rec(15169, "Google LLC"))
            .unwrap();
        asn.add(
            ip("104.131.0.0"),
            ip("104.131.255.255"),
            rec(14061, "DigitalOcean, LLC"),
        )
        .unwrap();
        asn.add(
            ip("23.144.160.0"),
            ip("23.144.160.255"),
            rec(39351, "31173 Services AB"),
        )
        .unwrap();
        let label = |p: &str, kind| OriginLabel {
            provider: Arc::from(p),
            kind,
        };
        origin
            .add(
                ip("23.144.160.0"),
                ip("23.144.160.255"),
                label("Mullvad", OriginKind::Vpn),
            )
            .unwrap();
        origin
            .add(
                ip("2.26.97.42"),
                ip("2.26.97.42"),
                label("Tor", OriginKind::Tor),
            )
            .unwrap();
        InstalledData {
            country: country.build(),
            asn: asn.build(),
            origin: origin.build(),
        }
    }

    #[test]
    fn open_data_answers_with_its_sources() {
        let intel = IpIntel::from_data(open_data());
        let info = intel.lookup(ip("175.45.176.1"));
        assert_eq!(info.country.as_ref().unwrap().value.as_str(), "KP");
        assert_eq!(info.country.unwrap().source, Source::OpenCountry);
        assert_eq!(info.asn.as_ref().unwrap().value, 131279);
        assert_eq!(
            info.as_org.as_ref().unwrap().value.as_ref(),
            "Star Joint Venture Co. Ltd."
        );
        assert_eq!(info.as_org.unwrap().source, Source::OpenAsn);
        assert_eq!(
            info.class,
            Sourced {
                value: NetClass::Unknown,
                source: Source::NoData
            }
        );
        assert_eq!(info.provider, None);

        let info = intel.lookup(ip("23.144.160.67"));
        assert_eq!(
            (info.class.value, info.class.source),
            (NetClass::Vpn, Source::IpOrigin)
        );
        assert_eq!(info.provider.unwrap().value.as_ref(), "Mullvad");
        assert_eq!(intel.lookup(ip("2.26.97.42")).class.value, NetClass::Tor);

        // Not in iporigin here: the built-in table classifies DigitalOcean's ASN.
        let info = intel.lookup(ip("104.131.9.9"));
        assert_eq!(
            (info.class.value, info.class.source),
            (NetClass::Hosting, Source::Builtin)
        );
        assert_eq!(info.provider.unwrap().value.as_ref(), "DigitalOcean");
        assert_eq!(info.as_org.unwrap().source, Source::OpenAsn);
    }

    #[test]
    fn special_ranges_need_no_lookup_but_keep_log_fields() {
        let intel = IpIntel::from_data(open_data());
        for (t, class) in [
            ("10.0.0.1", NetClass::Private),
            ("127.0.0.1", NetClass::Loopback),
            ("fe80::1", NetClass::LinkLocal),
            ("100.64.0.1", NetClass::Cgnat),
            ("192.0.2.1", NetClass::Documentation),
        ] {
            let info = intel.lookup(ip(t));
            assert_eq!(
                (info.class.value, info.class.source),
                (class, Source::AddressRange)
            );
            assert!(info.country.is_none() && info.asn.is_none());
        }
        let log = LogFields {
            country: Some("DE"),
            is_proxy: Some(true),
            ..Default::default()
        };
        let info = intel.lookup_with(ip("10.0.0.1"), &log);
        assert_eq!(info.country.unwrap().source, Source::Log);
        assert_eq!(info.class.value, NetClass::Private);
    }

    #[test]
    fn log_fields_win_field_by_field() {
        let intel = IpIntel::from_data(open_data());
        let log = LogFields {
            country: Some("cn"),
            asn: None,
            as_org: None,
            is_proxy: Some(true),
        };
        let info = intel.lookup_with(ip("175.45.176.1"), &log);
        assert_eq!(info.country.as_ref().unwrap().value.as_str(), "CN");
        assert_eq!(info.country.unwrap().source, Source::Log);
        assert_eq!(
            info.asn.unwrap().source,
            Source::OpenAsn,
            "the log gave no ASN"
        );
        assert_eq!(
            (info.class.value, info.class.source),
            (NetClass::Proxy, Source::Log)
        );

        // A log country that is not a code is ignored; is_proxy false is no evidence.
        let log = LogFields {
            country: Some("North Korea"),
            is_proxy: Some(false),
            ..Default::default()
        };
        let info = intel.lookup_with(ip("2.26.97.42"), &log);
        assert_eq!(info.country, None);
        assert_eq!(info.class.value, NetClass::Tor);
    }

    #[test]
    fn an_organisation_is_never_paired_with_another_as_number() {
        let intel = IpIntel::from_data(open_data());
        // The log says AS64500 without a name: the open data's name for AS131279 is not used.
        let log = LogFields {
            asn: Some(64500),
            ..Default::default()
        };
        let info = intel.lookup_with(ip("175.45.176.1"), &log);
        assert_eq!(info.asn.unwrap().value, 64500);
        assert_eq!(info.as_org, None);
        // The log says AS14061 without a name: the built-in table names it and classifies it.
        let log = LogFields {
            asn: Some(14061),
            ..Default::default()
        };
        // In a special range the class stays the range's, whatever the ASN.
        let info = intel.lookup_with(ip("198.18.0.0"), &log);
        assert_eq!(info.class.value, NetClass::Reserved);
        let info = intel.lookup_with(ip("5.5.5.5"), &log);
        assert_eq!(
            info.as_org.as_ref().unwrap().value.as_ref(),
            "DigitalOcean, LLC"
        );
        assert_eq!(info.as_org.unwrap().source, Source::Builtin);
        assert_eq!(info.class.source, Source::Builtin);
        // Same number in the log and the data: the data's name completes it.
        let log = LogFields {
            asn: Some(131279),
            ..Default::default()
        };
        let info = intel.lookup_with(ip("175.45.176.1"), &log);
        assert_eq!(info.asn.unwrap().source, Source::Log);
        assert_eq!(info.as_org.unwrap().source, Source::OpenAsn);
    }

    #[test]
    fn user_mmdb_files_come_before_open_data_and_in_the_order_given() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = MmdbWriter::new(6, 28, "GeoIP2-Country", 1);
        w.insert(
            "175.45.176.0/22",
            map(&[("country", map(&[("iso_code", s("CN"))]))]),
        );
        let first = dir.path().join("country.mmdb");
        std::fs::write(&first, w.build()).unwrap();
        let mut w = MmdbWriter::new(6, 24, "GeoIP2-Anonymous-IP", 1);
        w.insert(
            "175.45.176.0/22",
            map(&[
                ("country_code", s("JP")),
                ("is_anonymous_vpn", Value::Bool(true)),
                ("autonomous_system_number", Value::U32(64501)),
            ]),
        );
        let second = dir.path().join("anon.mmdb");
        std::fs::write(&second, w.build()).unwrap();

        let intel = IpIntel::from_data(open_data())
            .with_mmdb(&first)
            .unwrap()
            .with_mmdb(&second)
            .unwrap();
        let info = intel.lookup(ip("175.45.176.1"));
        assert_eq!(info.country.as_ref().unwrap().value.as_str(), "CN");
        assert_eq!(info.country.unwrap().source, Source::Mmdb(0));
        assert_eq!(info.asn.as_ref().unwrap().value, 64501);
        assert_eq!(info.asn.unwrap().source, Source::Mmdb(1));
        assert_eq!(info.as_org, None, "the open data names another AS");
        assert_eq!(
            (info.class.value, info.class.source),
            (NetClass::Vpn, Source::Mmdb(1))
        );
        assert!(intel.describe(Source::Mmdb(1)).ends_with("anon.mmdb"));
        // Where the MMDB files say nothing, the open data answers.
        let info = intel.lookup(ip("8.8.8.8"));
        assert_eq!(info.country.unwrap().source, Source::OpenCountry);
    }

    #[test]
    fn lookup_str_parses_or_says_why_not() {
        let intel = IpIntel::builtin_only();
        assert_eq!(
            intel.lookup_str(" 2.26.97.42 ").unwrap().ip,
            ip("2.26.97.42")
        );
        assert_eq!(
            intel.lookup_str("::ffff:8.8.8.8").unwrap().ip,
            ip("8.8.8.8")
        );
        let e = intel.lookup_str("8.8.8").unwrap_err();
        assert_eq!(e.to_string(), "\"8.8.8\" is not an IPv4 or IPv6 address");
        assert!(matches!(
            IpIntel::open_installed(Path::new("/nonexistent/intel")),
            Err(IntelError::NotInstalled(_))
        ));
    }

    #[test]
    fn ip_info_serialises_with_sources() {
        let intel = IpIntel::from_data(open_data());
        let json = serde_json::to_value(intel.lookup(ip("23.144.160.67"))).unwrap();
        assert_eq!(json["class"]["value"], "vpn");
        assert_eq!(json["class"]["source"], "iporigin");
        assert_eq!(json["asn"]["value"], 39351);
        assert_eq!(json["country"], serde_json::Value::Null);
        assert!(json.get("problems").is_none());
    }
}
