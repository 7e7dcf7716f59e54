//! The prebuilt index file `install` writes (`intel.idx`), so opening the installed data is
//! reading three flat tables, not parsing half a million CSV rows.
//!
//! Layout, little-endian throughout:
//! - magic `RFINTEL\0`, format version `u32` ([`INDEX_VERSION`]), layer count `u32` (3);
//! - each layer: a 4-byte tag (`CTRY`, `ASN `, `ORIG`, in that order), the record count
//!   `u32` and the records, then the IPv4 table (count `u32`, starts `u32`×n, ends `u32`×n,
//!   values `u32`×n) and the IPv6 table (count, starts `u128`×n, ends, values `u32`×n);
//! - records: country `[u8; 2]`; AS `u32` number, `u16` length, UTF-8 organisation;
//!   origin `u8` kind (0 hosting, 1 cdn, 2 vpn, 3 tor, 4 bot), `u16` length, UTF-8 provider.
//!
//! Reading checks everything (sorted disjoint ranges, value indexes in bounds, exact length),
//! so a damaged file is an error naming the byte offset, never a panic or a wrong answer.

use std::path::Path;
use std::sync::Arc;

use crate::error::{At, IntelError};
use crate::layer::{AsnRecord, CountryCode, Layer, OriginKind, OriginLabel};
use crate::table::{Key, RangeTable};

/// The index file's name in the data directory.
pub const INDEX_FILE: &str = "intel.idx";
/// The format version written and understood.
pub const INDEX_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"RFINTEL\0";

/// The installed open data, as three layers.
#[derive(Debug, Clone, Default)]
pub struct InstalledData {
    /// Country of every address (`@ip-location-db/geo-whois-asn-country-mmdb`).
    pub country: Layer<CountryCode>,
    /// AS number and organisation (`@ip-location-db/asn`).
    pub asn: Layer<AsnRecord>,
    /// Hosting / CDN / VPN / Tor / bot provider labels (iporigin).
    pub origin: Layer<OriginLabel>,
}

trait Record: Sized {
    fn write(&self, out: &mut Vec<u8>);
    fn read(c: &mut Reader) -> Result<Self, IntelError>;
}

impl Record for CountryCode {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bytes());
    }
    fn read(c: &mut Reader) -> Result<Self, IntelError> {
        let at = c.pos;
        let b = c.take(2, "country record")?;
        std::str::from_utf8(b)
            .ok()
            .and_then(CountryCode::parse)
            .ok_or_else(|| c.error(at, "country record", "expected two ASCII letters"))
    }
}

fn write_text(out: &mut Vec<u8>, text: &str) {
    // Longer names are cut at a character boundary to fit the u16 length.
    let mut end = text.len().min(u16::MAX as usize);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    out.extend_from_slice(&(end as u16).to_le_bytes());
    out.extend_from_slice(&text.as_bytes()[..end]);
}

fn read_text(c: &mut Reader, what: &str) -> Result<Arc<str>, IntelError> {
    let len = c.u16(what)? as usize;
    let at = c.pos;
    let bytes = c.take(len, what)?;
    std::str::from_utf8(bytes)
        .map(Arc::from)
        .map_err(|_| c.error(at, what, "expected UTF-8 text"))
}

impl Record for AsnRecord {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.asn.to_le_bytes());
        write_text(out, &self.org);
    }
    fn read(c: &mut Reader) -> Result<Self, IntelError> {
        let asn = c.u32("AS record number")?;
        let org = read_text(c, "AS record organisation")?;
        Ok(AsnRecord { asn, org })
    }
}

const KINDS: [OriginKind; 5] = [
    OriginKind::Hosting,
    OriginKind::Cdn,
    OriginKind::Vpn,
    OriginKind::Tor,
    OriginKind::Bot,
];

impl Record for OriginLabel {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(KINDS.iter().position(|&k| k == self.kind).unwrap_or(0) as u8);
        write_text(out, &self.provider);
    }
    fn read(c: &mut Reader) -> Result<Self, IntelError> {
        let at = c.pos;
        let kind = c.take(1, "origin record kind")?[0];
        let kind = *KINDS
            .get(kind as usize)
            .ok_or_else(|| c.error(at, "origin record kind", "expected 0 to 4"))?;
        let provider = read_text(c, "origin record provider")?;
        Ok(OriginLabel { provider, kind })
    }
}

trait KeyBytes: Key {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    fn from_le(b: &[u8]) -> Self;
}

impl KeyBytes for u32 {
    const SIZE: usize = 4;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn from_le(b: &[u8]) -> u32 {
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
}

impl KeyBytes for u128 {
    const SIZE: usize = 16;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn from_le(b: &[u8]) -> u128 {
        let mut a = [0u8; 16];
        a.copy_from_slice(&b[..16]);
        u128::from_le_bytes(a)
    }
}

fn write_table<K: KeyBytes>(out: &mut Vec<u8>, t: &RangeTable<K>) {
    let (starts, ends, values) = t.columns();
    out.extend_from_slice(&(starts.len() as u32).to_le_bytes());
    for &s in starts {
        s.put(out);
    }
    for &e in ends {
        e.put(out);
    }
    for &v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn write_layer<T: Record>(out: &mut Vec<u8>, tag: &[u8; 4], layer: &Layer<T>) {
    out.extend_from_slice(tag);
    out.extend_from_slice(&(layer.values.len() as u32).to_le_bytes());
    for v in &layer.values {
        v.write(out);
    }
    write_table(out, &layer.v4);
    write_table(out, &layer.v6);
}

/// The bytes of an index file holding `data`.
pub fn encode_index(data: &InstalledData) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&INDEX_VERSION.to_le_bytes());
    out.extend_from_slice(&3u32.to_le_bytes());
    write_layer(&mut out, b"CTRY", &data.country);
    write_layer(&mut out, b"ASN ", &data.asn);
    write_layer(&mut out, b"ORIG", &data.origin);
    out
}

/// Reads an index file.
pub fn read_index(path: &Path) -> Result<InstalledData, IntelError> {
    let bytes = std::fs::read(path).map_err(|e| IntelError::io(path, e))?;
    decode_index(&bytes, &path.display().to_string())
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    name: &'a str,
}

impl<'a> Reader<'a> {
    fn error(&self, offset: usize, what: &str, message: impl Into<String>) -> IntelError {
        // Binary file: the "line" is the byte offset.
        IntelError::invalid(
            At::new(self.name, offset as u64).field(format!("byte offset; {what}")),
            message,
        )
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], IntelError> {
        match self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()) {
            Some(end) => {
                let out = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(out)
            }
            None => Err(self.error(
                self.pos,
                what,
                format!(
                    "file ends at byte {}: expected {n} more bytes",
                    self.bytes.len()
                ),
            )),
        }
    }

    fn u16(&mut self, what: &str) -> Result<u16, IntelError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, IntelError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn table<K: KeyBytes>(
        &mut self,
        what: &str,
        n_values: usize,
    ) -> Result<RangeTable<K>, IntelError> {
        let at = self.pos;
        let n = self.u32(what)? as usize;
        let column = |r: &mut Self, size: usize| -> Result<&'a [u8], IntelError> {
            let len = n
                .checked_mul(size)
                .ok_or_else(|| r.error(at, what, "count too large"))?;
            r.take(len, what)
        };
        let starts = column(self, K::SIZE)?
            .chunks_exact(K::SIZE)
            .map(K::from_le)
            .collect();
        let ends = column(self, K::SIZE)?
            .chunks_exact(K::SIZE)
            .map(K::from_le)
            .collect();
        let values: Vec<u32> = column(self, 4)?
            .chunks_exact(4)
            .map(<u32 as KeyBytes>::from_le)
            .collect();
        if let Some(v) = values.iter().find(|&&v| v as usize >= n_values) {
            return Err(self.error(
                at,
                what,
                format!("expected record indexes below {n_values}, found {v}"),
            ));
        }
        RangeTable::from_columns(starts, ends, values).map_err(|m| self.error(at, what, m))
    }

    fn layer<T: Record>(&mut self, tag: &[u8; 4]) -> Result<Layer<T>, IntelError> {
        let name = String::from_utf8_lossy(tag).trim().to_string();
        let at = self.pos;
        if self.take(4, "layer tag")? != tag {
            return Err(self.error(at, "layer tag", format!("expected layer {name}")));
        }
        let n = self.u32("record count")? as usize;
        let mut values = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            values.push(T::read(self)?);
        }
        let v4 = self.table::<u32>(&format!("{name} IPv4 table"), n)?;
        let v6 = self.table::<u128>(&format!("{name} IPv6 table"), n)?;
        Ok(Layer { v4, v6, values })
    }
}

/// Decodes the bytes of an index file; `name` is used in errors.
pub fn decode_index(bytes: &[u8], name: &str) -> Result<InstalledData, IntelError> {
    let mut r = Reader {
        bytes,
        pos: 0,
        name,
    };
    if r.take(8, "magic")? != MAGIC {
        return Err(r.error(0, "magic", "expected a redflag intel index (RFINTEL)"));
    }
    let version = r.u32("version")?;
    if version != INDEX_VERSION {
        return Err(r.error(
            8,
            "version",
            format!("expected format {INDEX_VERSION}, found {version}: run `redflag intel install` again"),
        ));
    }
    let layers = r.u32("layer count")?;
    if layers != 3 {
        return Err(r.error(12, "layer count", format!("expected 3, found {layers}")));
    }
    let data = InstalledData {
        country: r.layer(b"CTRY")?,
        asn: r.layer(b"ASN ")?,
        origin: r.layer(b"ORIG")?,
    };
    if r.pos != bytes.len() {
        return Err(r.error(
            r.pos,
            "end",
            format!(
                "{} unexpected bytes after the last layer",
                bytes.len() - r.pos
            ),
        ));
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::LayerBuilder;
    use std::net::IpAddr;

    fn sample() -> InstalledData {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let mut c = LayerBuilder::new();
        c.add(
            ip("175.45.176.0"),
            ip("175.45.179.255"),
            CountryCode::parse("KP").unwrap(),
        )
        .unwrap();
        c.add(
            ip("2a00::"),
            ip("2a00::ffff"),
            CountryCode::parse("DE").unwrap(),
        )
        .unwrap();
        let mut a = LayerBuilder::new();
        a.add(
            ip("175.45.176.0"),
            ip("175.45.179.255"),
            AsnRecord {
                asn: 131279,
                org: "Star Joint Venture Co. Ltd.".into(),
            },
        )
        .unwrap();
        let mut o = LayerBuilder::new();
        o.add(
            ip("2a03:b0c0::"),
            ip("2a03:b0c0::ff"),
            OriginLabel {
                provider: "DigitalOcean".into(),
                kind: OriginKind::Hosting,
            },
        )
        .unwrap();
        InstalledData {
            country: c.build(),
            asn: a.build(),
            origin: o.build(),
        }
    }

    #[test]
    fn round_trips() {
        let bytes = encode_index(&sample());
        let back = decode_index(&bytes, "intel.idx").unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(back.country.get(ip("175.45.176.1")).unwrap().as_str(), "KP");
        assert_eq!(back.country.get(ip("2a00::1")).unwrap().as_str(), "DE");
        let rec = back.asn.get(ip("175.45.179.255")).unwrap();
        assert_eq!(
            (rec.asn, &*rec.org),
            (131279, "Star Joint Venture Co. Ltd.")
        );
        let l = back.origin.get(ip("2a03:b0c0::5")).unwrap();
        assert_eq!(
            (&*l.provider, l.kind),
            ("DigitalOcean", OriginKind::Hosting)
        );
        assert_eq!(
            encode_index(&back),
            bytes,
            "re-encoding gives the same bytes"
        );
    }

    #[test]
    fn damage_is_an_error_never_a_panic() {
        let good = encode_index(&sample());
        assert!(decode_index(&good[..good.len() - 1], "i").is_err());
        let mut extra = good.clone();
        extra.push(1);
        assert!(decode_index(&extra, "i")
            .unwrap_err()
            .to_string()
            .contains("unexpected bytes"));
        let mut v = good.clone();
        v[8] = 9;
        assert!(decode_index(&v, "i")
            .unwrap_err()
            .to_string()
            .contains("install"));
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut rejected = 0;
        // Each decode builds six indexed tables: a few hundred rounds keep this test quick.
        for _ in 0..400 {
            let mut b = good.clone();
            let i = rng.gen_range(0..b.len());
            b[i] = rng.gen();
            if decode_index(&b, "fuzz").is_err() {
                rejected += 1;
            }
        }
        assert!(rejected > 0);
    }
}
