//! redflag's built-in reference catalogue: the public guidance its indicators cite, domains
//! seized from or tied to DPRK IT-worker front companies, remote-access tools to look for on
//! company devices, and the USB identities of IP-KVMs and single-board computers.
//!
//! The facts come from public material: US and Republic of Korea government advisories, DOJ
//! press releases and court dockets, vendor threat research, and public registries (LOLRMM,
//! usb.ids, pid.codes, the Raspberry Pi USB product list). redflag keeps its own curated copy
//! in `data/*.csv` with the columns it needs, each row carrying its source URL and a date, and
//! compiles it into the binary, so the catalogue works offline and is the same on every
//! executor.
//!
//! **These are leads, not verdicts.** A seized domain can be registered again by anyone; a
//! remote-access tool is ordinary software with legitimate uses; every USB identity can be
//! changed by the device's owner, and several are generic Linux defaults shared by many
//! devices. A match says "look here", and the absence of a match proves nothing.
//!
//! ```
//! use redflag_reference::{front_domains, guidance, remote_access_tools, usb_identities};
//!
//! let psa = guidance("PSA-2023").expect("PSA-2023 is catalogued");
//! assert!(psa.url.starts_with("https://www.ic3.gov/"));
//!
//! assert!(front_domains().iter().any(|d| d.domain == "silverstarchina.com"));
//!
//! let anydesk = remote_access_tools().iter().find(|t| t.family == "AnyDesk").unwrap();
//! assert!(anydesk.process_names.iter().any(|p| p == "anydesk.exe"));
//!
//! let pikvm = usb_identities()
//!     .iter()
//!     .filter(|u| u.vendor_id == "1d6b" && u.product_id == "0104")
//!     .find(|u| u.manufacturer == "PiKVM")
//!     .unwrap();
//! assert_eq!(pikvm.kind, "ip_kvm");
//! ```
//!
//! This crate does no I/O at run time. Its tests compare the catalogue with the original
//! research files it was compiled from.

use std::sync::OnceLock;

use redflag_model::GuidanceSource;
use serde::{Deserialize, Serialize};

mod parse;

/// A domain seized by US authorities or tied by researchers to a DPRK IT-worker front
/// company: a candidate's email, portfolio or prior employer on one of these is worth a look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrontDomain {
    /// The registrable domain, lowercase (e.g. `silverstarchina.com`).
    pub domain: String,
    /// What happened to it, in words (seized under which order, or assessed by whom).
    pub action: String,
    /// When: `YYYY-MM-DD`, or `YYYY-MM` for a research report.
    pub action_date: String,
    /// The company or operation the domain belonged to.
    pub linked_entity: String,
    /// The public source that names the domain.
    pub source_url: String,
}

/// A remote-access tool family (or, for `Astrill VPN`, a location-masking client) that DPRK
/// IT-worker reporting names or that is commonly abused the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteAccessTool {
    /// Tool family, e.g. `AnyDesk`.
    pub family: String,
    /// Lowercase executable or package names, e.g. `anydesk.exe`, `anydesk`. Empty for
    /// hardware (`IP-KVM`), which shows up in [`usb_identities`] instead.
    pub process_names: Vec<String>,
    /// Who named the family in DPRK IT-worker reporting, or why it is listed anyway.
    pub reported_by: String,
    /// Where the process names come from.
    pub source_url: String,
}

/// A USB vendor/product identity of an IP-KVM or a single-board computer, as an endpoint
/// inventory would report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsbIdentity {
    /// Human name of the device and configuration.
    pub device: String,
    /// USB vendor id, 4 lowercase hex digits without `0x` (e.g. `1d6b`).
    pub vendor_id: String,
    /// USB product id, 4 lowercase hex digits without `0x` (e.g. `0104`).
    pub product_id: String,
    /// Default manufacturer string (IP-KVM rows) or registry vendor name; may be empty.
    pub manufacturer: String,
    /// Default product string (IP-KVM rows) or registry product name; may be empty.
    pub product: String,
    /// `ip_kvm` or `single_board_computer`.
    pub kind: String,
    /// Where the identity is documented.
    pub source_url: String,
}

/// When a software technology first became public (`data/technology_releases.csv`): a
/// résumé that claims it at a job that ended earlier claims the impossible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnologyRelease {
    /// The technology's usual name, e.g. `Kubernetes`.
    pub technology: String,
    /// How résumés write it (`Kubernetes`, `K8s`), matched as whole words.
    pub names: Vec<String>,
    /// Whether the names only count written with this case (`Swift`, `Rust`: also words).
    pub case_sensitive: bool,
    /// Year and month of the earliest public release, preview or open-sourcing.
    pub first_public: (i32, u32),
    /// Where the date comes from.
    pub source_url: String,
}

/// An IP address a public report names as DPRK IT-worker infrastructure (`data/network_iocs.csv`).
///
/// Most are VPN or VPS exits that innocent people share: a weak lead, never a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkIoc {
    /// The address as published.
    pub ip: String,
    /// Guidance id of the report (`MANDIANT-2024`, `S1-2024`).
    pub source: String,
    /// Month the report was published (`YYYY-MM`).
    pub published: String,
    /// What the report says the address is.
    pub what: String,
}

/// `UsbIdentity::kind` of keyboard-video-mouse-over-IP devices.
pub const KIND_IP_KVM: &str = "ip_kvm";
/// `UsbIdentity::kind` of single-board computers and microcontroller boards.
pub const KIND_SINGLE_BOARD_COMPUTER: &str = "single_board_computer";

const GUIDANCE_CSV: &str = include_str!("../data/guidance_sources.csv");
const FRONT_DOMAINS_CSV: &str = include_str!("../data/front_domains.csv");
const REMOTE_ACCESS_TOOLS_CSV: &str = include_str!("../data/remote_access_tools.csv");
const USB_IDENTITIES_CSV: &str = include_str!("../data/usb_identities.csv");
const NETWORK_IOCS_CSV: &str = include_str!("../data/network_iocs.csv");
const TECHNOLOGY_RELEASES_CSV: &str = include_str!("../data/technology_releases.csv");

/// Every catalogued piece of public guidance, court case and public list, in file order.
pub fn guidance_sources() -> &'static [GuidanceSource] {
    static CELL: OnceLock<Vec<GuidanceSource>> = OnceLock::new();
    CELL.get_or_init(|| {
        parse::guidance_sources(GUIDANCE_CSV)
            .expect("embedded data/guidance_sources.csv is invalid (the crate's tests catch this)")
    })
}

/// The guidance with this id (e.g. `PSA-2023`, `DOJ-CHAPMAN`), if catalogued.
pub fn guidance(id: &str) -> Option<&'static GuidanceSource> {
    guidance_sources().iter().find(|g| g.id == id)
}

/// Every catalogued seized or front-company domain, in file order.
pub fn front_domains() -> &'static [FrontDomain] {
    static CELL: OnceLock<Vec<FrontDomain>> = OnceLock::new();
    CELL.get_or_init(|| {
        parse::front_domains(FRONT_DOMAINS_CSV)
            .expect("embedded data/front_domains.csv is invalid (the crate's tests catch this)")
    })
}

/// Every catalogued remote-access tool family, in file order.
pub fn remote_access_tools() -> &'static [RemoteAccessTool] {
    static CELL: OnceLock<Vec<RemoteAccessTool>> = OnceLock::new();
    CELL.get_or_init(|| {
        parse::remote_access_tools(REMOTE_ACCESS_TOOLS_CSV).expect(
            "embedded data/remote_access_tools.csv is invalid (the crate's tests catch this)",
        )
    })
}

/// Every catalogued USB identity, in file order. One vendor/product pair can appear on
/// several rows (generic Linux gadget ids); tell them apart by the strings.
pub fn usb_identities() -> &'static [UsbIdentity] {
    static CELL: OnceLock<Vec<UsbIdentity>> = OnceLock::new();
    CELL.get_or_init(|| {
        parse::usb_identities(USB_IDENTITIES_CSV)
            .expect("embedded data/usb_identities.csv is invalid (the crate's tests catch this)")
    })
}

/// IP addresses published as DPRK IT-worker infrastructure.
pub fn network_iocs() -> &'static [NetworkIoc] {
    static CELL: OnceLock<Vec<NetworkIoc>> = OnceLock::new();
    CELL.get_or_init(|| {
        let sources: std::collections::HashSet<&str> =
            guidance_sources().iter().map(|g| g.id.as_str()).collect();
        parse::network_iocs(NETWORK_IOCS_CSV, &sources)
            .expect("embedded data/network_iocs.csv is invalid (the crate's tests catch this)")
    })
}

/// Every catalogued technology with the month it first became public, in file order.
pub fn technology_releases() -> &'static [TechnologyRelease] {
    static CELL: OnceLock<Vec<TechnologyRelease>> = OnceLock::new();
    CELL.get_or_init(|| {
        parse::technology_releases(TECHNOLOGY_RELEASES_CSV).expect(
            "embedded data/technology_releases.csv is invalid (the crate's tests catch this)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        parse::guidance_sources(GUIDANCE_CSV).unwrap();
        parse::front_domains(FRONT_DOMAINS_CSV).unwrap();
        parse::remote_access_tools(REMOTE_ACCESS_TOOLS_CSV).unwrap();
        parse::usb_identities(USB_IDENTITIES_CSV).unwrap();
        assert_eq!(network_iocs().len(), 53);
        let technologies = parse::technology_releases(TECHNOLOGY_RELEASES_CSV).unwrap();
        let kubernetes = technologies
            .iter()
            .find(|t| t.technology == "Kubernetes")
            .unwrap();
        assert_eq!(kubernetes.first_public, (2014, 6));
        assert!(kubernetes.names.iter().any(|n| n == "K8s"));
        assert!(technologies
            .iter()
            .any(|t| t.technology == "Swift" && t.case_sensitive));
    }

    #[test]
    fn guidance_lookup() {
        assert_eq!(
            guidance("ADV-2022").map(|g| g.id.as_str()),
            Some("ADV-2022")
        );
        assert!(guidance("adv-2022").is_none());
        assert!(guidance("NO-SUCH-ID").is_none());
    }

    #[test]
    fn guidance_ids_are_unique_and_urls_https() {
        let mut ids = std::collections::HashSet::new();
        for g in guidance_sources() {
            assert!(ids.insert(g.id.as_str()), "duplicate id {}", g.id);
            assert!(g.url.starts_with("https://"), "{}: {}", g.id, g.url);
            assert!(!g.title.is_empty(), "{}", g.id);
        }
    }

    #[test]
    fn catalogue_lists_named_sources() {
        for id in [
            "DOJ-CHAPMAN",
            "DOJ-DIDENKO",
            "DOJ-KNOOT",
            "DOJ-JIN",
            "DOJ-VONG",
            "DOJ-HWA",
            "DOJ-WANG",
            "OFAC-SDN",
            "UN-1718",
            "PIKVM-ID",
            "LOLRMM",
        ] {
            assert!(guidance(id).is_some(), "{id} missing");
        }
        assert_eq!(
            guidance("OFAC-SDN").unwrap().url,
            "https://sanctionssearch.ofac.treas.gov/"
        );
        assert_eq!(
            guidance("PIKVM-ID").unwrap().url,
            "https://docs.pikvm.org/id/"
        );
        assert_eq!(guidance("LOLRMM").unwrap().url, "https://lolrmm.io/");
    }

    #[test]
    fn every_row_cites_an_https_source() {
        for d in front_domains() {
            assert!(d.source_url.starts_with("https://"), "{}", d.domain);
        }
        for t in remote_access_tools() {
            assert!(t.source_url.starts_with("https://"), "{}", t.family);
        }
        for u in usb_identities() {
            assert!(u.source_url.starts_with("https://"), "{}", u.device);
        }
    }

    #[test]
    fn process_names_are_lowercase_and_unique() {
        let mut seen = std::collections::HashMap::new();
        for tool in remote_access_tools() {
            for name in &tool.process_names {
                assert_eq!(*name, name.to_lowercase(), "{}", tool.family);
                if let Some(other) = seen.insert(name.as_str(), tool.family.as_str()) {
                    panic!("{name} listed for {other} and {}", tool.family);
                }
            }
        }
        let kvm = remote_access_tools()
            .iter()
            .find(|t| t.family == "IP-KVM")
            .unwrap();
        assert!(kvm.process_names.is_empty(), "IP-KVMs are hardware");
    }

    #[test]
    fn usb_identities_are_well_formed() {
        let hex4 =
            |s: &str| s.len() == 4 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        for u in usb_identities() {
            assert!(hex4(&u.vendor_id) && hex4(&u.product_id), "{}", u.device);
            assert!(matches!(
                u.kind.as_str(),
                KIND_IP_KVM | KIND_SINGLE_BOARD_COMPUTER
            ));
        }
        let kinds: std::collections::HashSet<_> =
            usb_identities().iter().map(|u| u.kind.as_str()).collect();
        assert_eq!(kinds.len(), 2, "both kinds are catalogued");
    }

    #[test]
    fn front_domains_are_lowercase_and_dated() {
        for d in front_domains() {
            assert_eq!(d.domain, d.domain.to_lowercase());
            assert!(d.action_date.starts_with("20"), "{}", d.domain);
        }
    }
}
