//! redflag's built-in table of hosting and VPN provider ASNs (`data/hosting_asns.csv`,
//! embedded): the last resort when no MMDB or installed data classifies an address but its
//! AS number is known (from the log, an MMDB or the open data).
//!
//! Each row carries the organisation name the ASN has in `@ip-location-db/asn` and a public
//! source. What was checked (2026-11-22, against `@ip-location-db/asn` 2.3.2026061719):
//! every row's AS number carries exactly that organisation name in `asn-ipv4.csv` or
//! `asn-ipv6.csv` (the test `builtin_asns_match_the_installed_open_data` repeats the check
//! whenever the data is installed). Rows come from three kinds of source: providers that
//! iporigin 1.1.2 labels as hosting or whose own feeds it uses (its NOTICE), the hosting ASNs
//! holding the addresses in Mandiant's UNC5267 indicators (2024) and SentinelLabs' DPRK
//! front-company hosting addresses, and M247, named in redflag's issue #5.
//!
//! **Astrill VPN.** No public report reachable here names the hosting providers behind
//! Astrill's exits, so no row claims to be Astrill; Mandiant describes its UNC5267 addresses
//! as mostly VPN/VPS egress, which is why their hosting ASNs are listed (as hosting, not as
//! Astrill).

use std::sync::OnceLock;

use crate::class::NetClass;

/// The embedded table, as shipped.
pub const HOSTING_ASNS_CSV: &str = include_str!("../data/hosting_asns.csv");

/// One row of the built-in table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltinAsn {
    /// AS number.
    pub asn: u32,
    /// Provider name shown to analysts.
    pub provider: String,
    /// [`NetClass::Hosting`] or [`NetClass::Vpn`].
    pub class: NetClass,
    /// The organisation name the ASN carries in `@ip-location-db/asn`.
    pub org: String,
    /// Where the row comes from.
    pub source: String,
}

/// Parses a table in the format of `data/hosting_asns.csv`; `Err` names the line.
pub fn parse_builtin(text: &str) -> Result<Vec<BuiltinAsn>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("hosting_asns.csv: {e}"))?;
        let line = record.position().map_or(0, |p| p.line());
        let at = |field: &str, msg: &str| format!("hosting_asns.csv:{line}: {field}: {msg}");
        if record.len() != 5 {
            return Err(at(
                "row",
                &format!("expected 5 columns, found {}", record.len()),
            ));
        }
        let asn = record[0]
            .trim()
            .parse()
            .map_err(|_| at("asn", "expected a number"))?;
        let class = match record[2].trim() {
            "hosting" => NetClass::Hosting,
            "vpn" => NetClass::Vpn,
            other => {
                return Err(at(
                    "class",
                    &format!("expected hosting or vpn, found {other:?}"),
                ))
            }
        };
        if record[4].trim().is_empty() {
            return Err(at("source", "every row needs a source"));
        }
        rows.push(BuiltinAsn {
            asn,
            provider: record[1].trim().to_string(),
            class,
            org: record[3].trim().to_string(),
            source: record[4].trim().to_string(),
        });
    }
    rows.sort_by_key(|r| r.asn);
    if let Some(w) = rows.windows(2).find(|w| w[0].asn == w[1].asn) {
        return Err(format!("hosting_asns.csv: AS{} is listed twice", w[0].asn));
    }
    Ok(rows)
}

/// The built-in table, sorted by AS number.
pub fn builtin_asns() -> &'static [BuiltinAsn] {
    static TABLE: OnceLock<Vec<BuiltinAsn>> = OnceLock::new();
    // The file is checked by a test; a broken build of it yields an empty table, not a panic.
    TABLE.get_or_init(|| parse_builtin(HOSTING_ASNS_CSV).unwrap_or_default())
}

/// The built-in row for `asn`.
pub fn builtin_asn(asn: u32) -> Option<&'static BuiltinAsn> {
    let table = builtin_asns();
    table
        .binary_search_by_key(&asn, |r| r.asn)
        .ok()
        .map(|i| &table[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_parses_and_names_the_providers_of_the_issue() {
        let rows = parse_builtin(HOSTING_ASNS_CSV).unwrap();
        assert_eq!(rows.len(), builtin_asns().len());
        for (asn, provider) in [
            (9009, "M247"),
            (14061, "DigitalOcean"),
            (20473, "Vultr"),
            (16276, "OVH"),
            (24940, "Hetzner"),
            (63949, "Linode"),
            (60781, "Leaseweb"),
            (60068, "Datacamp"),
            (51167, "Contabo"),
            (16509, "Amazon"),
            (396982, "Google Cloud"),
            (8075, "Azure"),
        ] {
            let row = builtin_asn(asn).unwrap_or_else(|| panic!("AS{asn} missing"));
            assert!(row.provider.contains(provider), "{row:?}");
            assert!(!row.org.is_empty() && !row.source.is_empty());
        }
        assert!(
            builtin_asn(131279).is_none(),
            "Star JV is not a hosting provider"
        );
        assert!(
            builtin_asn(7922).is_none(),
            "Comcast is not a hosting provider"
        );
    }

    #[test]
    fn bad_tables_are_refused_with_the_line() {
        let head = "asn,provider,class,org,source\n";
        let e = parse_builtin(&format!("{head}x,A,hosting,A,src\n")).unwrap_err();
        assert!(e.contains(":2: asn"), "{e}");
        let e = parse_builtin(&format!("{head}1,A,residential,A,src\n")).unwrap_err();
        assert!(e.contains("class"), "{e}");
        let e = parse_builtin(&format!("{head}1,A,hosting,A,\n")).unwrap_err();
        assert!(e.contains("source"), "{e}");
        let e = parse_builtin(&format!("{head}1,A,hosting,A,s\n1,B,vpn,B,s\n")).unwrap_err();
        assert!(e.contains("twice"), "{e}");
    }
}
