//! ip-location-db range CSV files: `start,end,asn,org` (`@ip-location-db/asn`, files
//! `asn-ipv4.csv` and `asn-ipv6.csv`) and `start,end,cc` (`@ip-location-db/asn-country` and
//! the other country packages).
//!
//! No header row. Starts and ends are addresses (the `-num.csv` variants with integers are
//! not read); a file may mix IPv4 and IPv6 rows. The organisation may be quoted and hold
//! commas (`"Cloudflare, Inc."`). Every error names file, line and column.

use std::io::{BufRead, Read};
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;

use crate::error::{At, IntelError};
use crate::layer::{AsnRecord, CountryCode, LayerBuilder};

/// Reads an ASN CSV file into `into` (several files may go into one builder).
pub fn read_asn_csv(path: &Path, into: &mut LayerBuilder<AsnRecord>) -> Result<usize, IntelError> {
    let file = std::fs::File::open(path).map_err(|e| IntelError::io(path, e))?;
    read_asn_csv_from(file, &path.display().to_string(), into)
}

/// [`read_asn_csv`] from any reader; `name` is used in errors. Returns the rows read.
pub fn read_asn_csv_from(
    reader: impl Read,
    name: &str,
    into: &mut LayerBuilder<AsnRecord>,
) -> Result<usize, IntelError> {
    // Organisation names repeat (one per range): share one allocation per distinct name.
    let mut orgs: std::collections::HashMap<String, Arc<str>> = Default::default();
    read_rows(reader, name, 4, |at, row, start, end| {
        let asn_text = row[2].trim();
        let asn_text = asn_text
            .strip_prefix("AS")
            .or_else(|| asn_text.strip_prefix("as"))
            .unwrap_or(asn_text);
        let asn: u32 = asn_text.parse().map_err(|_| {
            IntelError::invalid(
                at.clone().field("column 3 (asn)"),
                format!("expected an AS number, found {:?}", short(asn_text)),
            )
        })?;
        let org_text = row[3].trim();
        let org = match orgs.get(org_text) {
            Some(org) => org.clone(),
            None => {
                let org: Arc<str> = Arc::from(org_text);
                orgs.insert(org_text.to_string(), org.clone());
                org
            }
        };
        into.add(start, end, AsnRecord { asn, org })
            .map_err(|e| IntelError::invalid(at.clone().field("columns 1-2 (range)"), e.message()))
    })
}

/// Reads a country CSV file (`start,end,cc`) into `into`.
pub fn read_country_csv(
    path: &Path,
    into: &mut LayerBuilder<CountryCode>,
) -> Result<usize, IntelError> {
    let file = std::fs::File::open(path).map_err(|e| IntelError::io(path, e))?;
    read_country_csv_from(file, &path.display().to_string(), into)
}

/// [`read_country_csv`] from any reader; `name` is used in errors. Returns the rows read.
pub fn read_country_csv_from(
    reader: impl Read,
    name: &str,
    into: &mut LayerBuilder<CountryCode>,
) -> Result<usize, IntelError> {
    read_rows(reader, name, 3, |at, row, start, end| {
        let text = row[2].as_str();
        let cc = CountryCode::parse(text).ok_or_else(|| {
            IntelError::invalid(
                at.clone().field("column 3 (country)"),
                format!(
                    "expected a two-letter country code, found {:?}",
                    short(text)
                ),
            )
        })?;
        into.add(start, end, cc)
            .map_err(|e| IntelError::invalid(at.clone().field("columns 1-2 (range)"), e.message()))
    })
}

/// Reads every row, checks the column count and parses the two addresses, then hands the
/// row to `each`. Records are one per line (these files never quote a line break), so the
/// reader splits lines itself and every error has the exact line, blank lines included.
fn read_rows(
    reader: impl Read,
    name: &str,
    columns: usize,
    mut each: impl FnMut(&At, &[String], IpAddr, IpAddr) -> Result<(), IntelError>,
) -> Result<usize, IntelError> {
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let mut raw = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut rows = 0usize;
    let mut line = 0u64;
    loop {
        raw.clear();
        let n = reader.read_until(b'\n', &mut raw).map_err(|e| {
            IntelError::invalid(At::new(name, line + 1), format!("cannot read: {e}"))
        })?;
        if n == 0 {
            break;
        }
        line += 1;
        let at = At::new(name, line);
        let text = std::str::from_utf8(&raw)
            .map_err(|_| IntelError::invalid(at.clone(), "expected UTF-8 text"))?;
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        split_csv_line(text, &mut row).map_err(|m| IntelError::invalid(at.clone(), m))?;
        if row.len() != columns {
            return Err(IntelError::invalid(
                at,
                format!("expected {columns} columns, found {}", row.len()),
            ));
        }
        let addr = |i: usize, what: &str| -> Result<IpAddr, IntelError> {
            let text = row[i].trim();
            text.parse().map_err(|_| {
                IntelError::invalid(
                    at.clone().field(format!("column {} ({what})", i + 1)),
                    format!("expected an IP address, found {:?}", short(text)),
                )
            })
        };
        let start = addr(0, "start")?;
        let end = addr(1, "end")?;
        each(&at, &row, start, end)?;
        rows += 1;
    }
    Ok(rows)
}

/// Splits one CSV line into `out` (RFC 4180 quoting: `"a, b"`, `""` for a quote).
fn split_csv_line(line: &str, out: &mut Vec<String>) -> Result<(), String> {
    out.clear();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, ',') => {
                out.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '"') if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            (false, '"') => return Err("malformed CSV: a quote inside an unquoted field".into()),
            (true, '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                    if !matches!(chars.peek(), None | Some(',')) {
                        return Err("malformed CSV: text after a closing quote".into());
                    }
                }
            }
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return Err("malformed CSV: a quoted field is not closed".into());
    }
    out.push(field);
    Ok(())
}

/// At most 64 characters of a cell, for messages.
pub(crate) fn short(text: &str) -> String {
    text.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASN: &str = "\
1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"
175.45.176.0,175.45.179.255,131279,Star Joint Venture Co. Ltd.
2001:200::,2001:200:1b9:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project
";

    #[test]
    fn reads_quoted_orgs_and_both_families() {
        let mut b = LayerBuilder::new();
        assert_eq!(
            read_asn_csv_from(ASN.as_bytes(), "asn.csv", &mut b).unwrap(),
            3
        );
        let layer = b.build();
        let rec = layer.get("1.0.0.7".parse().unwrap()).unwrap();
        assert_eq!((rec.asn, &*rec.org), (13335, "Cloudflare, Inc."));
        let rec = layer.get("175.45.176.1".parse().unwrap()).unwrap();
        assert_eq!(
            (rec.asn, &*rec.org),
            (131279, "Star Joint Venture Co. Ltd.")
        );
        let rec = layer.get("2001:200:1::1".parse().unwrap()).unwrap();
        assert_eq!(rec.asn, 2500);
        assert!(layer.get("175.45.180.0".parse().unwrap()).is_none());
    }

    fn asn_error(text: &str) -> IntelError {
        let mut b = LayerBuilder::new();
        read_asn_csv_from(text.as_bytes(), "asn-ipv4.csv", &mut b).unwrap_err()
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let e = asn_error("1.0.0.0,1.0.0.255,13335,x\n1.0.1.0,1.0.1.999,5,y\n");
        let at = e.at().unwrap();
        assert_eq!((at.file.as_str(), at.line), ("asn-ipv4.csv", 2));
        assert_eq!(at.field.as_deref(), Some("column 2 (end)"));
        assert!(e.to_string().contains("\"1.0.1.999\""), "{e}");

        let e = asn_error("1.0.0.0,1.0.0.255,AS-X,x\n");
        assert_eq!(e.at().unwrap().field.as_deref(), Some("column 3 (asn)"));

        let e = asn_error("1.0.0.0,1.0.0.255,1,x\n\n\n1.0.0.0,1.0.0.255,1\n");
        assert_eq!(e.at().unwrap().line, 4, "blank lines count");
        assert!(e.to_string().contains("expected 4 columns, found 3"), "{e}");

        let e = asn_error("1.0.0.9,1.0.0.1,1,x\n");
        assert!(e.to_string().contains("no greater than the end"), "{e}");
        let e = asn_error("1.0.0.0,::1,1,x\n");
        assert!(e.to_string().contains("one address family"), "{e}");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut row = Vec::new();
        split_csv_line(r#"a,"b, c","say ""hi""",,"#, &mut row).unwrap();
        assert_eq!(row, ["a", "b, c", "say \"hi\"", "", ""]);
        assert!(split_csv_line(r#"a,"b"#, &mut row).is_err());
        assert!(split_csv_line(r#"a,"b"x"#, &mut row).is_err());
        assert!(split_csv_line(r#"a,b"c"#, &mut row).is_err());
        let e = asn_error("1.0.0.0,1.0.0.255,1,\"x\n");
        assert!(
            e.to_string().contains("asn-ipv4.csv:1: malformed CSV"),
            "{e}"
        );
    }

    #[test]
    fn as_prefixed_numbers_are_accepted() {
        let mut b = LayerBuilder::new();
        read_asn_csv_from(
            "8.8.8.0,8.8.8.255,AS15169,Google LLC\n".as_bytes(),
            "x",
            &mut b,
        )
        .unwrap();
        assert_eq!(
            b.build().get("8.8.8.8".parse().unwrap()).unwrap().asn,
            15169
        );
    }

    #[test]
    fn country_rows_parse_and_bad_codes_are_errors() {
        let mut b = LayerBuilder::new();
        read_country_csv_from(
            "175.45.176.0,175.45.179.255,KP\n2a00::,2a00::ff,de\n".as_bytes(),
            "cc.csv",
            &mut b,
        )
        .unwrap();
        let layer = b.build();
        assert_eq!(
            layer.get("175.45.177.1".parse().unwrap()).unwrap().as_str(),
            "KP"
        );
        assert_eq!(
            layer.get("2a00::1".parse().unwrap()).unwrap().as_str(),
            "DE"
        );
        let mut b = LayerBuilder::new();
        let e = read_country_csv_from("1.0.0.0,1.0.0.1,Korea\n".as_bytes(), "cc.csv", &mut b)
            .unwrap_err();
        assert_eq!(e.at().unwrap().field.as_deref(), Some("column 3 (country)"));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let base = ASN.as_bytes();
        for _ in 0..2000 {
            let mut bytes = base.to_vec();
            for _ in 0..rng.gen_range(1..6) {
                let i = rng.gen_range(0..bytes.len());
                bytes[i] = rng.gen();
            }
            let mut b = LayerBuilder::new();
            let _ = read_asn_csv_from(bytes.as_slice(), "fuzz.csv", &mut b);
            let mut c = LayerBuilder::new();
            let _ = read_country_csv_from(bytes.as_slice(), "fuzz.csv", &mut c);
        }
    }
}
