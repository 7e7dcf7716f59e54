//! A small MaxMind DB writer so tests build real MMDB files on the fly (no downloaded data
//! in the repository), following the public format specification:
//!
//! - a binary search tree of `node_count` nodes, each two records of 24, 28 or 32 bits; a
//!   record below `node_count` is a node, equal to it means "no data", above it points into
//!   the data section at `record - node_count - 16`;
//! - 16 zero bytes, then the data section (control byte: type in the top 3 bits, types above
//!   7 extended in the next byte; size in the low 5 bits with 29/30/31 escapes);
//! - `\xAB\xCD\xEFMaxMind.com`, then the metadata map.
//!
//! Networks are inserted in the order given; a longer prefix inserted after a shorter one
//! splits it (the rest of the shorter network keeps its data). IPv4 networks in an IPv6 tree
//! go under `::/96` as the format says.

use std::net::IpAddr;

/// A data-section value.
#[derive(Debug, Clone)]
pub enum Value {
    Str(String),
    U16(u16),
    U32(u32),
    U64(u64),
    Bool(bool),
    Map(Vec<(String, Value)>),
    Array(Vec<Value>),
}

/// A map from `(key, value)` pairs.
pub fn map(pairs: &[(&str, Value)]) -> Value {
    Value::Map(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// A string value.
pub fn s(text: &str) -> Value {
    Value::Str(text.to_string())
}

#[derive(Clone, Copy)]
enum Child {
    Empty,
    Node(usize),
    Data(usize),
}

/// Collects networks and writes the file.
pub struct MmdbWriter {
    ip_version: u16,
    record_size: u16,
    database_type: String,
    build_epoch: u64,
    nodes: Vec<[Child; 2]>,
    data: Vec<Value>,
}

impl MmdbWriter {
    /// A writer for an IPv4-only (`ip_version` 4) or IPv6 (6) tree.
    pub fn new(ip_version: u16, record_size: u16, database_type: &str, build_epoch: u64) -> Self {
        assert!(matches!(record_size, 24 | 28 | 32));
        MmdbWriter {
            ip_version,
            record_size,
            database_type: database_type.to_string(),
            build_epoch,
            nodes: vec![[Child::Empty, Child::Empty]],
            data: Vec::new(),
        }
    }

    /// Inserts `network/prefix` with `value`.
    pub fn insert(&mut self, network: &str, value: Value) -> &mut Self {
        let (addr, prefix) = network.split_once('/').expect("network/prefix");
        let addr: IpAddr = addr.parse().expect("address");
        let prefix: u32 = prefix.parse().expect("prefix");
        let (bits, depth) = match (addr, self.ip_version) {
            (IpAddr::V4(v4), 4) => (u128::from(u32::from(v4)) << 96, prefix),
            (IpAddr::V4(v4), _) => (u128::from(u32::from(v4)), 96 + prefix),
            (IpAddr::V6(v6), _) => (u128::from(v6), prefix),
        };
        let data = self.data.len();
        self.data.push(value);
        let mut node = 0usize;
        for i in 0..depth {
            let bit = ((bits >> (127 - i)) & 1) as usize;
            if i + 1 == depth {
                self.nodes[node][bit] = Child::Data(data);
                break;
            }
            node = match self.nodes[node][bit] {
                Child::Node(n) => n,
                other => {
                    // Empty, or a shorter network's data to split down both sides.
                    let n = self.nodes.len();
                    let fill = match other {
                        Child::Data(d) => Child::Data(d),
                        _ => Child::Empty,
                    };
                    self.nodes.push([fill, fill]);
                    self.nodes[node][bit] = Child::Node(n);
                    n
                }
            };
        }
        self
    }

    /// The file's bytes.
    pub fn build(&self) -> Vec<u8> {
        let mut data_section = Vec::new();
        let mut offsets = Vec::with_capacity(self.data.len());
        for v in &self.data {
            offsets.push(data_section.len());
            encode(v, &mut data_section);
        }
        let node_count = self.nodes.len();
        let record = |c: Child| -> u64 {
            match c {
                Child::Empty => node_count as u64,
                Child::Node(n) => n as u64,
                Child::Data(d) => (node_count + 16 + offsets[d]) as u64,
            }
        };
        let mut out = Vec::new();
        for [l, r] in &self.nodes {
            let (l, r) = (record(*l), record(*r));
            match self.record_size {
                24 => {
                    out.extend_from_slice(&l.to_be_bytes()[5..]);
                    out.extend_from_slice(&r.to_be_bytes()[5..]);
                }
                28 => {
                    out.extend_from_slice(&l.to_be_bytes()[5..]);
                    out.push((((l >> 24) & 0x0F) << 4) as u8 | ((r >> 24) & 0x0F) as u8);
                    out.extend_from_slice(&r.to_be_bytes()[5..]);
                }
                _ => {
                    out.extend_from_slice(&(l as u32).to_be_bytes());
                    out.extend_from_slice(&(r as u32).to_be_bytes());
                }
            }
        }
        out.extend_from_slice(&[0u8; 16]);
        out.extend_from_slice(&data_section);
        out.extend_from_slice(b"\xAB\xCD\xEFMaxMind.com");
        let meta = map(&[
            ("binary_format_major_version", Value::U16(2)),
            ("binary_format_minor_version", Value::U16(0)),
            ("build_epoch", Value::U64(self.build_epoch)),
            ("database_type", s(&self.database_type)),
            ("description", map(&[("en", s("redflag test fixture"))])),
            ("ip_version", Value::U16(self.ip_version)),
            ("languages", Value::Array(vec![s("en")])),
            ("node_count", Value::U32(node_count as u32)),
            ("record_size", Value::U16(self.record_size)),
        ]);
        encode(&meta, &mut out);
        out
    }
}

fn control(out: &mut Vec<u8>, kind: u8, size: usize) {
    let (size_bits, extra): (u8, Vec<u8>) = match size {
        0..=28 => (size as u8, vec![]),
        29..=284 => (29, vec![(size - 29) as u8]),
        285..=65_820 => (30, ((size - 285) as u16).to_be_bytes().to_vec()),
        _ => (31, ((size - 65_821) as u32).to_be_bytes()[1..].to_vec()),
    };
    if kind <= 7 {
        out.push((kind << 5) | size_bits);
    } else {
        out.push(size_bits);
        out.push(kind - 7);
    }
    out.extend_from_slice(&extra);
}

fn uint(out: &mut Vec<u8>, kind: u8, v: u64) {
    let bytes = v.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    control(out, kind, 8 - skip);
    out.extend_from_slice(&bytes[skip..]);
}

fn encode(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Str(text) => {
            control(out, 2, text.len());
            out.extend_from_slice(text.as_bytes());
        }
        Value::U16(n) => uint(out, 5, u64::from(*n)),
        Value::U32(n) => uint(out, 6, u64::from(*n)),
        Value::U64(n) => uint(out, 9, *n),
        Value::Bool(b) => control(out, 14, usize::from(*b)),
        Value::Map(pairs) => {
            control(out, 7, pairs.len());
            for (k, v) in pairs {
                encode(&Value::Str(k.clone()), out);
                encode(v, out);
            }
        }
        Value::Array(items) => {
            control(out, 11, items.len());
            for v in items {
                encode(v, out);
            }
        }
    }
}
