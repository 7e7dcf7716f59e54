//! iporigin's packed range table (`iporigin/data/ranges.bin` in the PyPI wheel, MIT code,
//! data from provider feeds and community lists: see the wheel's NOTICE).
//!
//! Layout, all little-endian, as read by iporigin 1.1.2's `_data.py`:
//! - header `<8sHQHII`: magic `IPORIGIN`, format version (`u16`, 1), `built_at` (`u64` Unix
//!   seconds), label count (`u16`), IPv4 range count (`u32`), IPv6 range count (`u32`);
//! - labels: each a `u16` byte length and that many bytes of UTF-8 `provider\tkind`
//!   (kind: `hosting`, `cdn`, `vpn`, `tor`, `bot`);
//! - IPv4 records `<IIH`: start, end (`u32`), label index (`u16`);
//! - IPv6 records `<16s16sH`: start and end as 16 **big-endian** bytes, label index (`u16`).
//!
//! Records are checked, not trusted: a label index past the table, an inverted range or a
//! truncated file is an error naming the record.

use std::path::Path;
use std::sync::Arc;

use crate::error::{At, IntelError};
use crate::layer::{Layer, LayerBuilder, OriginKind, OriginLabel};

/// The magic bytes at the start of `ranges.bin`.
pub const MAGIC: &[u8; 8] = b"IPORIGIN";
/// The format version this reader understands.
pub const VERSION: u16 = 1;

/// A decoded `ranges.bin`.
#[derive(Debug, Clone)]
pub struct IpOrigin {
    /// When the data was built (Unix seconds).
    pub built_at: u64,
    /// Provider labels and their ranges.
    pub layer: Layer<OriginLabel>,
}

/// Reads `ranges.bin` from a file.
pub fn read_iporigin(path: &Path) -> Result<IpOrigin, IntelError> {
    let bytes = std::fs::read(path).map_err(|e| IntelError::io(path, e))?;
    parse_iporigin(&bytes, &path.display().to_string())
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    name: &'a str,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, record: u64, what: &str) -> Result<&'a [u8], IntelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let out = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(out)
            }
            None => Err(IntelError::invalid(
                At::new(self.name, record).field(what),
                format!(
                    "file ends at byte {}: expected {n} more bytes at byte {}",
                    self.bytes.len(),
                    self.pos
                ),
            )),
        }
    }

    fn u16(&mut self, record: u64, what: &str) -> Result<u16, IntelError> {
        let b = self.take(2, record, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, record: u64, what: &str) -> Result<u32, IntelError> {
        let b = self.take(4, record, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Parses the bytes of `ranges.bin`; `name` is used in errors, whose line is the 1-based
/// number of the label or record at fault (0 for the header).
pub fn parse_iporigin(bytes: &[u8], name: &str) -> Result<IpOrigin, IntelError> {
    let mut c = Cursor {
        bytes,
        pos: 0,
        name,
    };
    let magic = c.take(8, 0, "header magic")?;
    if magic != MAGIC {
        return Err(IntelError::invalid(
            At::new(name, 0).field("header magic"),
            format!(
                "expected IPORIGIN, found {:?}",
                String::from_utf8_lossy(magic)
            ),
        ));
    }
    let version = c.u16(0, "header version")?;
    if version != VERSION {
        return Err(IntelError::invalid(
            At::new(name, 0).field("header version"),
            format!("expected format version {VERSION}, found {version}"),
        ));
    }
    let built = c.take(8, 0, "header built_at")?;
    let built_at = u64::from_le_bytes(built.try_into().unwrap_or([0; 8]));
    let n_labels = c.u16(0, "header label count")?;
    let n_v4 = c.u32(0, "header IPv4 count")?;
    let n_v6 = c.u32(0, "header IPv6 count")?;

    let mut labels = Vec::with_capacity(n_labels as usize);
    for i in 0..u64::from(n_labels) {
        let at = || At::new(name, i + 1).field("label");
        let len = c.u16(i + 1, "label length")?;
        let text = std::str::from_utf8(c.take(len as usize, i + 1, "label")?)
            .map_err(|_| IntelError::invalid(at(), "expected UTF-8 text"))?;
        let (provider, kind) = text.split_once('\t').ok_or_else(|| {
            IntelError::invalid(at(), format!("expected provider<TAB>kind, found {text:?}"))
        })?;
        let kind = OriginKind::parse(kind).ok_or_else(|| {
            IntelError::invalid(
                at(),
                format!("expected kind hosting, cdn, vpn, tor or bot, found {kind:?}"),
            )
        })?;
        labels.push(OriginLabel {
            provider: Arc::from(provider),
            kind,
        });
    }
    let label = |index: u16, record: u64, family: &str| {
        labels.get(index as usize).cloned().ok_or_else(|| {
            IntelError::invalid(
                At::new(name, record).field(format!("{family} record label")),
                format!(
                    "expected a label index below {}, found {index}",
                    labels.len()
                ),
            )
        })
    };
    let inverted = |record: u64, family: &str| {
        IntelError::invalid(
            At::new(name, record).field(format!("{family} record")),
            "expected a start no greater than the end",
        )
    };

    let mut b = LayerBuilder::new();
    for i in 0..u64::from(n_v4) {
        let start = c.u32(i + 1, "IPv4 record start")?;
        let end = c.u32(i + 1, "IPv4 record end")?;
        let l = label(c.u16(i + 1, "IPv4 record label")?, i + 1, "IPv4")?;
        b.add_v4(start, end, l)
            .map_err(|_| inverted(i + 1, "IPv4"))?;
    }
    for i in 0..u64::from(n_v6) {
        let raw = c.take(32, i + 1, "IPv6 record")?;
        let start = u128::from_be_bytes(raw[..16].try_into().unwrap_or([0; 16]));
        let end = u128::from_be_bytes(raw[16..].try_into().unwrap_or([0; 16]));
        let l = label(c.u16(i + 1, "IPv6 record label")?, i + 1, "IPv6")?;
        b.add_v6(start, end, l)
            .map_err(|_| inverted(i + 1, "IPv6"))?;
    }
    if c.pos != bytes.len() {
        return Err(IntelError::invalid(
            At::new(name, 0).field("header counts"),
            format!(
                "the counts cover {} bytes but the file has {}",
                c.pos,
                bytes.len()
            ),
        ));
    }
    Ok(IpOrigin {
        built_at,
        layer: b.build(),
    })
}

/// Writes a `ranges.bin` (for tests and fixtures): labels as `(provider, kind)`, IPv4 and
/// IPv6 records as `(start, end, label index)`.
pub fn write_iporigin(
    built_at: u64,
    labels: &[(&str, &str)],
    v4: &[(u32, u32, u16)],
    v6: &[(u128, u128, u16)],
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&built_at.to_le_bytes());
    out.extend_from_slice(&(labels.len() as u16).to_le_bytes());
    out.extend_from_slice(&(v4.len() as u32).to_le_bytes());
    out.extend_from_slice(&(v6.len() as u32).to_le_bytes());
    for (provider, kind) in labels {
        let text = format!("{provider}\t{kind}");
        out.extend_from_slice(&(text.len() as u16).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }
    for &(s, e, l) in v4 {
        out.extend_from_slice(&s.to_le_bytes());
        out.extend_from_slice(&e.to_le_bytes());
        out.extend_from_slice(&l.to_le_bytes());
    }
    for &(s, e, l) in v6 {
        out.extend_from_slice(&s.to_be_bytes());
        out.extend_from_slice(&e.to_be_bytes());
        out.extend_from_slice(&l.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

    fn v4(s: &str) -> u32 {
        u32::from(s.parse::<Ipv4Addr>().unwrap())
    }
    fn v6(s: &str) -> u128 {
        u128::from(s.parse::<Ipv6Addr>().unwrap())
    }

    fn sample() -> Vec<u8> {
        write_iporigin(
            1_791_200_061,
            &[
                ("DigitalOcean", "hosting"),
                ("Mullvad", "vpn"),
                ("Tor", "tor"),
            ],
            &[
                (v4("104.131.0.0"), v4("104.131.255.255"), 0),
                (v4("23.144.160.0"), v4("23.144.160.255"), 1),
                (v4("2.26.97.42"), v4("2.26.97.42"), 2),
            ],
            &[(v6("2a03:b0c0::"), v6("2a03:b0c0:ffff::"), 0)],
        )
    }

    #[test]
    fn reads_labels_and_both_families() {
        let data = parse_iporigin(&sample(), "ranges.bin").unwrap();
        assert_eq!(data.built_at, 1_791_200_061);
        let get = |s: &str| data.layer.get(s.parse::<IpAddr>().unwrap()).cloned();
        let l = get("104.131.7.7").unwrap();
        assert_eq!(
            (&*l.provider, l.kind),
            ("DigitalOcean", OriginKind::Hosting)
        );
        assert_eq!(get("23.144.160.67").unwrap().kind, OriginKind::Vpn);
        assert_eq!(get("2.26.97.42").unwrap().kind, OriginKind::Tor);
        assert_eq!(get("2.26.97.43"), None);
        assert_eq!(get("2a03:b0c0:1::5").unwrap().kind, OriginKind::Hosting);
    }

    #[test]
    fn damaged_files_are_errors_naming_the_record() {
        let good = sample();
        let e = parse_iporigin(&good[..good.len() - 3], "r.bin").unwrap_err();
        assert_eq!(e.at().unwrap().line, 1, "{e}");
        assert!(e.to_string().contains("IPv6 record"), "{e}");

        let mut bad = good.clone();
        bad[0] = b'X';
        assert!(parse_iporigin(&bad, "r.bin")
            .unwrap_err()
            .to_string()
            .contains("magic"));

        let bad = write_iporigin(0, &[("A", "hosting")], &[(1, 2, 0), (5, 6, 3)], &[]);
        let e = parse_iporigin(&bad, "r.bin").unwrap_err();
        assert_eq!(e.at().unwrap().line, 2);
        assert!(
            e.to_string().contains("label index below 1, found 3"),
            "{e}"
        );

        let bad = write_iporigin(0, &[("A", "residential")], &[], &[]);
        assert!(parse_iporigin(&bad, "r.bin")
            .unwrap_err()
            .to_string()
            .contains("kind"));

        let bad = write_iporigin(0, &[("A", "hosting")], &[(9, 2, 0)], &[]);
        assert!(parse_iporigin(&bad, "r.bin")
            .unwrap_err()
            .to_string()
            .contains("no greater"));

        let mut bad = good.clone();
        bad.push(0);
        assert!(parse_iporigin(&bad, "r.bin")
            .unwrap_err()
            .to_string()
            .contains("counts"));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
        let good = sample();
        for _ in 0..5000 {
            let mut bytes = good.clone();
            for _ in 0..rng.gen_range(1..4) {
                let i = rng.gen_range(0..bytes.len());
                bytes[i] = rng.gen();
            }
            bytes.truncate(rng.gen_range(0..=bytes.len()));
            let _ = parse_iporigin(&bytes, "fuzz.bin");
        }
    }
}
