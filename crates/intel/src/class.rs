//! What kind of network an address is on, and the special-purpose ranges that are classified
//! without any lookup.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What kind of network an address is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NetClass {
    /// In no list we have: most often a residential or mobile line, but absence from the data
    /// is not proof of that.
    Unknown,
    /// A cloud or hosting provider (a machine, not somebody's home line).
    Hosting,
    /// CDN / edge infrastructure.
    Cdn,
    /// A declared crawler.
    Bot,
    /// A consumer VPN or private relay exit.
    Vpn,
    /// A proxy (the sign-in log or an anonymous-IP database says so).
    Proxy,
    /// A Tor exit.
    Tor,
    /// Private-use (RFC 1918 `10/8`, `172.16/12`, `192.168/16`; IPv6 unique local `fc00::/7`).
    Private,
    /// Loopback (`127/8`, `::1`).
    Loopback,
    /// Link-local (`169.254/16`, `fe80::/10`).
    LinkLocal,
    /// Carrier-grade NAT shared space (`100.64/10`, RFC 6598).
    Cgnat,
    /// Documentation (`192.0.2/24`, `198.51.100/24`, `203.0.113/24`, `2001:db8::/32`, `3fff::/20`).
    Documentation,
    /// Multicast (`224/4`, `ff00::/8`).
    Multicast,
    /// Other special-purpose space: `0/8`, `192.0.0/24`, benchmarking `198.18/15`, `240/4`,
    /// broadcast, `::`, discard `100::/64`.
    Reserved,
}

impl NetClass {
    /// Stable lower-case name (`hosting`, `vpn`, `cgnat`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            NetClass::Unknown => "unknown",
            NetClass::Hosting => "hosting",
            NetClass::Cdn => "cdn",
            NetClass::Bot => "bot",
            NetClass::Vpn => "vpn",
            NetClass::Proxy => "proxy",
            NetClass::Tor => "tor",
            NetClass::Private => "private",
            NetClass::Loopback => "loopback",
            NetClass::LinkLocal => "link_local",
            NetClass::Cgnat => "cgnat",
            NetClass::Documentation => "documentation",
            NetClass::Multicast => "multicast",
            NetClass::Reserved => "reserved",
        }
    }

    /// Special-purpose space: not a public address, so no lookup is made.
    pub fn is_special(self) -> bool {
        matches!(
            self,
            NetClass::Private
                | NetClass::Loopback
                | NetClass::LinkLocal
                | NetClass::Cgnat
                | NetClass::Documentation
                | NetClass::Multicast
                | NetClass::Reserved
        )
    }

    /// Whoever is behind it is deliberately hidden (VPN, proxy, Tor).
    pub fn is_anonymizer(self) -> bool {
        matches!(self, NetClass::Vpn | NetClass::Proxy | NetClass::Tor)
    }

    /// The address is a server, not a person's line (hosting, CDN, bot, VPN, proxy, Tor).
    pub fn is_datacenter(self) -> bool {
        matches!(
            self,
            NetClass::Hosting
                | NetClass::Cdn
                | NetClass::Bot
                | NetClass::Vpn
                | NetClass::Proxy
                | NetClass::Tor
        )
    }
}

impl std::fmt::Display for NetClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The special-purpose class of `ip`, or `None` for public space. IPv4-mapped IPv6
/// addresses are judged as IPv4.
pub fn special_class(ip: IpAddr) -> Option<NetClass> {
    match ip.to_canonical() {
        IpAddr::V4(v4) => special_v4(v4),
        IpAddr::V6(v6) => special_v6(v6),
    }
}

fn in_v4(addr: u32, net: [u8; 4], prefix: u32) -> bool {
    let net = u32::from_be_bytes(net);
    let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
    addr & mask == net
}

fn special_v4(ip: Ipv4Addr) -> Option<NetClass> {
    let a = u32::from(ip);
    const TABLE: &[([u8; 4], u32, NetClass)] = &[
        ([0, 0, 0, 0], 8, NetClass::Reserved),
        ([10, 0, 0, 0], 8, NetClass::Private),
        ([100, 64, 0, 0], 10, NetClass::Cgnat),
        ([127, 0, 0, 0], 8, NetClass::Loopback),
        ([169, 254, 0, 0], 16, NetClass::LinkLocal),
        ([172, 16, 0, 0], 12, NetClass::Private),
        ([192, 0, 0, 0], 24, NetClass::Reserved),
        ([192, 0, 2, 0], 24, NetClass::Documentation),
        ([192, 168, 0, 0], 16, NetClass::Private),
        ([198, 18, 0, 0], 15, NetClass::Reserved),
        ([198, 51, 100, 0], 24, NetClass::Documentation),
        ([203, 0, 113, 0], 24, NetClass::Documentation),
        ([224, 0, 0, 0], 4, NetClass::Multicast),
        ([240, 0, 0, 0], 4, NetClass::Reserved),
    ];
    TABLE
        .iter()
        .find(|(net, prefix, _)| in_v4(a, *net, *prefix))
        .map(|t| t.2)
}

fn special_v6(ip: Ipv6Addr) -> Option<NetClass> {
    let a = u128::from(ip);
    let within = |net: u128, prefix: u32| {
        let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
        a & mask == net
    };
    if a == 0 {
        return Some(NetClass::Reserved);
    }
    if a == 1 {
        return Some(NetClass::Loopback);
    }
    const TABLE: &[(u128, u32, NetClass)] = &[
        (0xfe80 << 112, 10, NetClass::LinkLocal),
        (0xfc00 << 112, 7, NetClass::Private),
        (0x2001_0db8 << 96, 32, NetClass::Documentation),
        (0x3fff << 112, 20, NetClass::Documentation),
        (0xff00 << 112, 8, NetClass::Multicast),
        (0x0100 << 112, 64, NetClass::Reserved),
    ];
    TABLE
        .iter()
        .find(|(net, prefix, _)| within(*net, *prefix))
        .map(|t| t.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Option<NetClass> {
        special_class(s.parse().unwrap())
    }

    #[test]
    fn special_ranges_are_classified_and_their_neighbours_are_not() {
        for (ip, want) in [
            ("10.1.2.3", NetClass::Private),
            ("172.31.255.255", NetClass::Private),
            ("192.168.0.1", NetClass::Private),
            ("127.0.0.1", NetClass::Loopback),
            ("169.254.1.1", NetClass::LinkLocal),
            ("100.64.0.1", NetClass::Cgnat),
            ("100.127.255.255", NetClass::Cgnat),
            ("192.0.2.5", NetClass::Documentation),
            ("198.51.100.7", NetClass::Documentation),
            ("203.0.113.9", NetClass::Documentation),
            ("224.0.0.1", NetClass::Multicast),
            ("255.255.255.255", NetClass::Reserved),
            ("0.0.0.0", NetClass::Reserved),
            ("::", NetClass::Reserved),
            ("::1", NetClass::Loopback),
            ("fe80::1", NetClass::LinkLocal),
            ("fd12:3456::1", NetClass::Private),
            ("2001:db8::1", NetClass::Documentation),
            ("3fff::1", NetClass::Documentation),
            ("ff02::1", NetClass::Multicast),
            ("::ffff:10.0.0.1", NetClass::Private),
            ("::ffff:127.0.0.1", NetClass::Loopback),
        ] {
            assert_eq!(class(ip), Some(want), "{ip}");
        }
        for ip in [
            "172.32.0.1",
            "100.128.0.1",
            "11.0.0.1",
            "8.8.8.8",
            "175.45.176.1",
            "2001:db9::1",
            "2a03:b0c0::1",
            "::ffff:8.8.8.8",
            "169.255.0.1",
        ] {
            assert_eq!(class(ip), None, "{ip}");
        }
    }

    #[test]
    fn class_groups() {
        assert!(NetClass::Cgnat.is_special());
        assert!(!NetClass::Hosting.is_special());
        assert!(NetClass::Tor.is_anonymizer() && NetClass::Tor.is_datacenter());
        assert!(!NetClass::Hosting.is_anonymizer() && NetClass::Hosting.is_datacenter());
        assert!(!NetClass::Unknown.is_datacenter());
        assert_eq!(NetClass::LinkLocal.to_string(), "link_local");
    }
}
