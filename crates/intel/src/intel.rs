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
