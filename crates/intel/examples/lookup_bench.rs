//! Single-thread lookup speed of the range tables and of `IpIntel::lookup`.
//!
//! ```sh
//! cargo run --release -p redflag-intel --example lookup_bench [-- DATA_DIR]
//! ```
//!
//! With an installed data directory (default: the `install` default) it measures the real
//! tables (~412k IPv4 and ~103k IPv6 ASN ranges, country and iporigin layers); without one it
//! builds a synthetic ASN table of the same size. Addresses are random: IPv4 uniform over the
//! whole space, IPv6 uniform inside a random range of the table (uniform 128-bit addresses
//! would almost all miss in unallocated space).

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Instant;

use rand::{Rng, SeedableRng};
use redflag_intel::{AsnRecord, InstalledData, IpIntel, LayerBuilder};

const N: usize = 5_000_000;

fn synthetic(rng: &mut impl Rng) -> InstalledData {
    let mut asn = LayerBuilder::new();
    // 411,961 disjoint IPv4 ranges of random lengths over the space, 103,197 IPv6 ranges in
    // 2000::/4, with ~80k distinct AS records.
    let mut starts: Vec<u32> = (0..411_961).map(|_| rng.gen()).collect();
    starts.sort_unstable();
    starts.dedup();
    for w in starts.windows(2) {
        let end = w[0] + rng.gen_range(0..=(w[1] - w[0] - 1));
        let n = rng.gen_range(0..80_000u32);
        let rec = AsnRecord {
            asn: n,
            org: format!("Org {n}").into(),
        };
        let _ = asn.add_v4(w[0], end, rec);
    }
    let mut v6: Vec<u128> = (0..103_197)
        .map(|_| (0x2u128 << 124) | (rng.gen::<u128>() >> 4))
        .collect();
    v6.sort_unstable();
    v6.dedup();
    for w in v6.windows(2) {
        let end = w[0] + rng.gen_range(0..=(w[1] - w[0] - 1));
        let n = rng.gen_range(0..80_000u32);
        let rec = AsnRecord {
            asn: n,
            org: format!("Org {n}").into(),
        };
        let _ = asn.add_v6(w[0], end, rec);
    }
    InstalledData {
        asn: asn.build(),
        ..Default::default()
    }
}

fn rate(label: &str, n: usize, started: Instant, hits: usize) {
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{label:<44} {:>6.1} M lookups/s  ({n} lookups in {secs:.3} s, {hits} answered)",
        n as f64 / secs / 1e6
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(Into::into)
        .unwrap_or_else(redflag_intel::install::default_dir);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let started = Instant::now();
    let intel = match IpIntel::open_installed(&dir) {
        Ok(intel) => {
            println!(
                "installed data from {} (loaded in {:.3} s)",
                dir.display(),
                started.elapsed().as_secs_f64()
            );
            intel
        }
        Err(e) => {
            println!("{e}: synthetic table of the same size");
            IpIntel::from_data(synthetic(&mut rng))
        }
    };
    let data = intel.installed().expect("data");
    println!(
        "ASN layer: {} IPv4 + {} IPv6 ranges, {} records; country: {} + {}; origin: {} + {}",
        data.asn.ranges_v4(),
        data.asn.ranges_v6(),
        data.asn.records().len(),
        data.country.ranges_v4(),
        data.country.ranges_v6(),
        data.origin.ranges_v4(),
        data.origin.ranges_v6()
    );

    let v4: Vec<u32> = (0..N).map(|_| rng.gen()).collect();
    let v6_ranges = data.asn.v6_columns();
    let v6: Vec<u128> = (0..N)
        .map(|_| {
            let i = rng.gen_range(0..v6_ranges.0.len());
            let (s, e) = (v6_ranges.0[i], v6_ranges.1[i]);
            s + rng.gen_range(0..=(e - s))
        })
        .collect();

    for round in 0..2 {
        println!("round {}", round + 1);
        let t = Instant::now();
        let hits = v4
            .iter()
            .filter(|&&a| black_box(data.asn.get_v4(a)).is_some())
            .count();
        rate("ASN table, IPv4 (uniform random)", N, t, hits);
        let t = Instant::now();
        let hits = v6
            .iter()
            .filter(|&&a| black_box(data.asn.get_v6(a)).is_some())
            .count();
        rate("ASN table, IPv6 (inside random ranges)", N, t, hits);
        // For comparison: plain binary search over every range, no first-level index.
        let (s4, e4, _) = data.asn.v4_columns();
        let t = Instant::now();
        let hits = v4
            .iter()
            .filter(|&&a| {
                let i = s4.partition_point(|&s| s <= a);
                black_box(i > 0 && e4[i - 1] >= a)
            })
            .count();
        rate("plain binary search, IPv4 (no index)", N, t, hits);
        let (s6, e6, _) = data.asn.v6_columns();
        let t = Instant::now();
        let hits = v6
            .iter()
            .filter(|&&a| {
                let i = s6.partition_point(|&s| s <= a);
                black_box(i > 0 && e6[i - 1] >= a)
            })
            .count();
        rate("plain binary search, IPv6 (no index)", N, t, hits);
        let n = N / 5;
        let t = Instant::now();
        let mut hits = 0;
        for &a in &v4[..n] {
            let info = black_box(intel.lookup(IpAddr::V4(Ipv4Addr::from(a))));
            hits += usize::from(info.asn.is_some());
        }
        rate("IpIntel::lookup, IPv4 (all layers + built-in)", n, t, hits);
        let t = Instant::now();
        let mut hits = 0;
        for &a in &v6[..n] {
            let info = black_box(intel.lookup(IpAddr::V6(Ipv6Addr::from(a))));
            hits += usize::from(info.asn.is_some());
        }
        rate("IpIntel::lookup, IPv6 (all layers + built-in)", n, t, hits);
    }
}
