//! Checks against the real open data when it is installed (`redflag intel install`; the
//! directory is `$REDFLAG_INTEL_DIR`, else the install default). Without it these tests say
//! so and pass: the core tests build their own fixtures and never need downloads.

use std::net::IpAddr;

use redflag_intel::builtin::builtin_asns;
use redflag_intel::install::default_dir;
use redflag_intel::{IpIntel, NetClass, Source};

fn installed() -> Option<IpIntel> {
    let dir = std::env::var_os("REDFLAG_INTEL_DIR")
        .map(Into::into)
        .unwrap_or_else(default_dir);
    match IpIntel::open_installed(&dir) {
        Ok(intel) => Some(intel),
        Err(e) => {
            eprintln!("skipped: {e}");
            None
        }
    }
}

fn ip(t: &str) -> IpAddr {
    t.parse().unwrap()
}

#[test]
fn known_addresses_in_the_real_data() {
    let Some(intel) = installed() else { return };
    let info = intel.lookup(ip("175.45.176.1"));
    assert_eq!(info.country.as_ref().unwrap().value.as_str(), "KP");
    assert_eq!(info.asn.as_ref().unwrap().value, 131279);
    assert_eq!(
        info.as_org.as_ref().unwrap().value.as_ref(),
        "Star Joint Venture Co. Ltd."
    );
    let info = intel.lookup(ip("8.8.8.8"));
    assert_eq!(info.country.as_ref().unwrap().value.as_str(), "US");
    assert_eq!(info.asn.as_ref().unwrap().value, 15169);

    for (addr, class, provider) in [
        ("104.131.0.1", NetClass::Hosting, "DigitalOcean"),
        ("23.144.160.67", NetClass::Vpn, "Mullvad"),
        ("2.58.241.66", NetClass::Vpn, "ProtonVPN"),
        ("2.26.97.42", NetClass::Tor, "Tor"),
    ] {
        let info = intel.lookup(ip(addr));
        assert_eq!(info.class.value, class, "{addr}");
        assert_eq!(info.class.source, Source::IpOrigin, "{addr}");
        assert_eq!(info.provider.unwrap().value.as_ref(), provider, "{addr}");
    }
    // DigitalOcean IPv6 that iporigin does not list: the built-in ASN table classifies it.
    let info = intel.lookup(ip("2a03:b0c0::1"));
    assert_eq!(info.asn.as_ref().unwrap().value, 14061);
    assert_eq!(info.class.value, NetClass::Hosting);

    let manifest = intel.manifest().unwrap();
    assert!(manifest
        .attributions()
        .iter()
        .any(|a| a.contains("IP Geolocation by DB-IP")));
    assert!(!manifest.warnings.is_empty());
}

/// Every built-in ASN carries, in `@ip-location-db/asn`, the organisation name the table
/// records for it: the AS numbers are not invented or mistyped.
#[test]
fn builtin_asns_match_the_installed_open_data() {
    let Some(intel) = installed() else { return };
    let records = intel.installed().unwrap().asn.records();
    let mut wrong = Vec::new();
    for row in builtin_asns() {
        let orgs: Vec<&str> = records
            .iter()
            .filter(|r| r.asn == row.asn)
            .map(|r| r.org.as_ref())
            .collect();
        if !orgs.contains(&row.org.as_str()) {
            wrong.push(format!(
                "AS{} {:?}: the data has {orgs:?}",
                row.asn, row.org
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The published DPRK IT-worker indicator addresses resolve in the real data, and the
/// front-company hosting addresses are classified as hosting.
#[test]
fn published_indicator_addresses_resolve() {
    let Some(intel) = installed() else { return };
    let path = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/reference/mandiant_unc5267_network_iocs.txt");
    let iocs = std::fs::read_to_string(&path).expect("shared/ beside the repository");
    let mut with_asn = 0;
    let mut total = 0;
    for line in iocs
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        total += 1;
        let info = intel.lookup_str(line).unwrap();
        with_asn += usize::from(info.asn.is_some());
    }
    assert!(total >= 50);
    assert!(
        with_asn * 10 >= total * 9,
        "{with_asn} of {total} have an ASN"
    );
    for addr in ["174.138.181.198", "180.235.135.177", "103.15.29.44"] {
        let info = intel.lookup(ip(addr));
        assert_eq!(info.class.value, NetClass::Hosting, "{addr}");
    }
}
