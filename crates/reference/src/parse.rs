//! Reading and checking the embedded catalogue files.
//!
//! The files are data written by hand, so every row is validated here: a malformed id, date,
//! URL or hex value is a bug in the file, reported with the file name, line and field.

use std::collections::HashSet;

use redflag_model::GuidanceSource;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::{
    FrontDomain, NetworkIoc, RemoteAccessTool, TechnologyRelease, UsbIdentity, KIND_IP_KVM,
    KIND_SINGLE_BOARD_COMPUTER,
};

/// A problem in one of the catalogue files.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DataError {
    /// The CSV itself could not be read (wrong column count, bad quoting, missing column).
    #[error("data/{file}: {source}")]
    Csv {
        file: &'static str,
        source: csv::Error,
    },
    /// A value does not have the expected shape.
    #[error("data/{file} line {line}, column {field}: expected {expected}, found {found:?}")]
    Invalid {
        file: &'static str,
        line: u64,
        field: &'static str,
        expected: &'static str,
        found: String,
    },
}

/// Where a row came from, for error messages.
#[derive(Clone, Copy)]
struct At {
    file: &'static str,
    line: u64,
}

impl At {
    /// `Ok(())` when `ok`, else an [`DataError::Invalid`] for this row.
    fn check(
        self,
        ok: bool,
        field: &'static str,
        expected: &'static str,
        found: &str,
    ) -> Result<(), DataError> {
        if ok {
            Ok(())
        } else {
            Err(DataError::Invalid {
                file: self.file,
                line: self.line,
                field,
                expected,
                found: found.to_string(),
            })
        }
    }

    /// An [`DataError::Invalid`] for this row.
    fn invalid(self, field: &'static str, expected: &'static str, found: &str) -> DataError {
        DataError::Invalid {
            file: self.file,
            line: self.line,
            field,
            expected,
            found: found.to_string(),
        }
    }

    fn https(self, field: &'static str, url: &str) -> Result<(), DataError> {
        let ok = url.starts_with("https://") && !url.contains(char::is_whitespace);
        self.check(ok, field, "an https:// URL", url)
    }

    fn date(self, field: &'static str, value: &str) -> Result<(), DataError> {
        self.check(is_date(value), field, "YYYY, YYYY-MM or YYYY-MM-DD", value)
    }

    fn non_empty(self, field: &'static str, value: &str) -> Result<(), DataError> {
        self.check(!value.is_empty(), field, "a value", value)
    }

    fn unique<'a>(
        self,
        seen: &mut HashSet<&'a str>,
        field: &'static str,
        value: &'a str,
    ) -> Result<(), DataError> {
        let fresh = seen.insert(value);
        self.check(fresh, field, "a value not used on an earlier row", value)
    }
}

/// Rows of `text` deserialised as `T`, with the line each starts on. Lines starting with `#`
/// are comments; surrounding whitespace is trimmed.
fn rows<T: DeserializeOwned>(file: &'static str, text: &str) -> Result<Vec<(At, T)>, DataError> {
    let csv_error = |source| DataError::Csv { file, source };
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(csv_error)?.clone();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, csv::Position::line);
        let row = record.deserialize(Some(&headers)).map_err(csv_error)?;
        out.push((At { file, line }, row));
    }
    Ok(out)
}

#[derive(Deserialize)]
struct GuidanceRow {
    id: String,
    title: String,
    publisher: String,
    published: String,
    url: String,
    checked: String,
}

pub(crate) fn guidance_sources(text: &str) -> Result<Vec<GuidanceSource>, DataError> {
    let parsed = rows::<GuidanceRow>("guidance_sources.csv", text)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(parsed.len());
    for (at, row) in &parsed {
        let id_ok = !row.id.is_empty()
            && row
                .id
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        at.check(id_ok, "id", "uppercase letters, digits and dashes", &row.id)?;
        at.unique(&mut seen, "id", &row.id)?;
        at.non_empty("title", &row.title)?;
        at.non_empty("publisher", &row.publisher)?;
        let published_ok = row.published == "living" || is_date(&row.published);
        at.check(
            published_ok,
            "published",
            "a date or \"living\"",
            &row.published,
        )?;
        at.https("url", &row.url)?;
        at.date("checked", &row.checked)?;
        out.push(GuidanceSource {
            id: row.id.clone(),
            title: row.title.clone(),
            url: row.url.clone(),
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
struct FrontDomainRow {
    domain: String,
    action: String,
    action_date: String,
    linked_entity: String,
    source_url: String,
    checked: String,
}

pub(crate) fn front_domains(text: &str) -> Result<Vec<FrontDomain>, DataError> {
    let parsed = rows::<FrontDomainRow>("front_domains.csv", text)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(parsed.len());
    for (at, row) in &parsed {
        let domain_ok = row.domain.contains('.')
            && row
                .domain
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        at.check(domain_ok, "domain", "a lowercase domain name", &row.domain)?;
        at.unique(&mut seen, "domain", &row.domain)?;
        at.non_empty("action", &row.action)?;
        at.date("action_date", &row.action_date)?;
        at.non_empty("linked_entity", &row.linked_entity)?;
        at.https("source_url", &row.source_url)?;
        at.date("checked", &row.checked)?;
        out.push(FrontDomain {
            domain: row.domain.clone(),
            action: row.action.clone(),
            action_date: row.action_date.clone(),
            linked_entity: row.linked_entity.clone(),
            source_url: row.source_url.clone(),
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
struct TechnologyRow {
    technology: String,
    names: String,
    case_sensitive: String,
    first_public: String,
    source_url: String,
    checked: String,
}

pub(crate) fn technology_releases(text: &str) -> Result<Vec<TechnologyRelease>, DataError> {
    let parsed = rows::<TechnologyRow>("technology_releases.csv", text)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(parsed.len());
    for (at, row) in &parsed {
        at.non_empty("technology", &row.technology)?;
        at.unique(&mut seen, "technology", &row.technology)?;
        let names: Vec<String> = row.names.split(';').map(|n| n.trim().to_string()).collect();
        at.check(
            names.iter().all(|n| !n.is_empty()),
            "names",
            "names separated by \";\"",
            &row.names,
        )?;
        let case_sensitive = match row.case_sensitive.as_str() {
            "yes" => true,
            "no" => false,
            other => return Err(at.invalid("case_sensitive", "yes or no", other)),
        };
        let month = year_month(&row.first_public)
            .ok_or_else(|| at.invalid("first_public", "YYYY-MM", &row.first_public))?;
        at.https("source_url", &row.source_url)?;
        at.date("checked", &row.checked)?;
        out.push(TechnologyRelease {
            technology: row.technology.clone(),
            names,
            case_sensitive,
            first_public: month,
            source_url: row.source_url.clone(),
        });
    }
    Ok(out)
}

/// `YYYY-MM` as (year, month).
fn year_month(value: &str) -> Option<(i32, u32)> {
    let (year, month) = value.split_once('-')?;
    let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
    (value.len() == 7 && (1..=12).contains(&month) && year >= 1950).then_some((year, month))
}

#[derive(Deserialize)]
struct RemoteAccessToolRow {
    family: String,
    process_names: String,
    reported_by: String,
    source_url: String,
    checked: String,
}

pub(crate) fn remote_access_tools(text: &str) -> Result<Vec<RemoteAccessTool>, DataError> {
    let parsed = rows::<RemoteAccessToolRow>("remote_access_tools.csv", text)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(parsed.len());
    for (at, row) in &parsed {
        at.non_empty("family", &row.family)?;
        at.unique(&mut seen, "family", &row.family)?;
        let process_names: Vec<String> = row
            .process_names
            .split(';')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect();
        for name in &process_names {
            let ok = !name.contains(char::is_whitespace) && *name == name.to_lowercase();
            at.check(ok, "process_names", "lowercase names without spaces", name)?;
        }
        at.non_empty("reported_by", &row.reported_by)?;
        at.https("source_url", &row.source_url)?;
        at.date("checked", &row.checked)?;
        out.push(RemoteAccessTool {
            family: row.family.clone(),
            process_names,
            reported_by: row.reported_by.clone(),
            source_url: row.source_url.clone(),
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
struct UsbIdentityRow {
    device: String,
    vendor_id: String,
    product_id: String,
    manufacturer: String,
    product: String,
    kind: String,
    source_url: String,
    checked: String,
}

pub(crate) fn usb_identities(text: &str) -> Result<Vec<UsbIdentity>, DataError> {
    let parsed = rows::<UsbIdentityRow>("usb_identities.csv", text)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(parsed.len());
    let keys: Vec<String> = parsed
        .iter()
        .map(|(_, r)| {
            format!(
                "{}:{} {:?} {:?}",
                r.vendor_id, r.product_id, r.manufacturer, r.product
            )
        })
        .collect();
    for ((at, row), key) in parsed.iter().zip(&keys) {
        at.non_empty("device", &row.device)?;
        let hex = "4 lowercase hex digits without 0x";
        at.check(is_hex4(&row.vendor_id), "vendor_id", hex, &row.vendor_id)?;
        at.check(is_hex4(&row.product_id), "product_id", hex, &row.product_id)?;
        at.unique(&mut seen, "vendor_id/product_id/manufacturer/product", key)?;
        let kind_ok = matches!(row.kind.as_str(), KIND_IP_KVM | KIND_SINGLE_BOARD_COMPUTER);
        at.check(
            kind_ok,
            "kind",
            "ip_kvm or single_board_computer",
            &row.kind,
        )?;
        at.https("source_url", &row.source_url)?;
        at.date("checked", &row.checked)?;
        out.push(UsbIdentity {
            device: row.device.clone(),
            vendor_id: row.vendor_id.clone(),
            product_id: row.product_id.clone(),
            manufacturer: row.manufacturer.clone(),
            product: row.product.clone(),
            kind: row.kind.clone(),
            source_url: row.source_url.clone(),
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
struct NetworkIocRow {
    ip: String,
    source: String,
    published: String,
    what: String,
}

pub(crate) fn network_iocs(
    text: &str,
    known_sources: &HashSet<&str>,
) -> Result<Vec<NetworkIoc>, DataError> {
    let parsed = rows::<NetworkIocRow>("network_iocs.csv", text)?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(parsed.len());
    for (at, row) in &parsed {
        let ip: Option<std::net::IpAddr> = row.ip.parse().ok();
        at.check(ip.is_some(), "ip", "an IPv4 or IPv6 address", &row.ip)?;
        at.unique(&mut seen, "ip", &row.ip)?;
        at.check(
            known_sources.contains(row.source.as_str()),
            "source",
            "a guidance id from guidance_sources.csv",
            &row.source,
        )?;
        at.date("published", &row.published)?;
        at.non_empty("what", &row.what)?;
        out.push(NetworkIoc {
            ip: row.ip.clone(),
            source: row.source.clone(),
            published: row.published.clone(),
            what: row.what.clone(),
        });
    }
    Ok(out)
}

fn is_hex4(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with plausible month and day numbers.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize, max: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
    };
    match parts.as_slice() {
        [y] => number(y, 4, 9999),
        [y, m] => number(y, 4, 9999) && number(m, 2, 12),
        [y, m, d] => number(y, 4, 9999) && number(m, 2, 12) && number(d, 2, 31),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for ok in ["2024", "2024-05", "2024-05-16"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "",
            "n/a",
            "2024-13",
            "2024-5-16",
            "2024-05-32",
            "24-05-16",
            "2024-05-16T00",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let text = "# comment\nid,title,publisher,published,url,checked\n\
                    OK-1,T,P,2024,https://example.org/,2026-01-01\n\
                    bad id,T,P,2024,https://example.org/,2026-01-01\n";
        let err = guidance_sources(text).unwrap_err().to_string();
        assert!(err.contains("guidance_sources.csv line 4"), "{err}");
        assert!(err.contains("column id"), "{err}");
        assert!(err.contains("\"bad id\""), "{err}");
    }

    #[test]
    fn rejects_duplicates_and_http() {
        let dup = "id,title,publisher,published,url,checked\n\
                   A-1,T,P,2024,https://a.example/,2026-01-01\n\
                   A-1,T,P,2024,https://b.example/,2026-01-01\n";
        assert!(guidance_sources(dup)
            .unwrap_err()
            .to_string()
            .contains("earlier row"));
        let http = "id,title,publisher,published,url,checked\n\
                    A-1,T,P,2024,http://a.example/,2026-01-01\n";
        assert!(guidance_sources(http)
            .unwrap_err()
            .to_string()
            .contains("https://"));
    }

    #[test]
    fn rejects_bad_usb_hex_and_kind() {
        let header = "device,vendor_id,product_id,manufacturer,product,kind,source_url,checked\n";
        let upper = format!("{header}X,1D6B,0104,M,P,ip_kvm,https://x.example/,2026-01-01\n");
        assert!(usb_identities(&upper)
            .unwrap_err()
            .to_string()
            .contains("vendor_id"));
        let kind = format!("{header}X,1d6b,0104,M,P,kvm,https://x.example/,2026-01-01\n");
        assert!(usb_identities(&kind)
            .unwrap_err()
            .to_string()
            .contains("kind"));
    }

    #[test]
    fn reports_csv_shape_errors() {
        let short = "domain,action\nexample.com,seized\n";
        let err = front_domains(short).unwrap_err().to_string();
        assert!(err.starts_with("data/front_domains.csv:"), "{err}");
    }
}
