//! Check digits of the account identifiers people give for pay: IBAN (ISO 13616 mod 97), US
//! ABA routing numbers (3-7-1 weights), and crypto addresses per chain (Base58Check for
//! Bitcoin-family and Tron addresses, bech32/bech32m for segwit, the hex form for EVM chains).
//!
//! A failed check is worth knowing: a payout account that cannot exist was mistyped, or was
//! made up. A passed check proves only that the value is well formed. Keys
//! ([`crate::account_key`]) do not depend on these checks.
//!
//! ```
//! use redflag_normalize::checks::{account_kind, AccountKind, Chain, Check};
//!
//! assert_eq!(account_kind("GB29 NWBK 6016 1331 9268 19"), AccountKind::Iban { check: Check::Valid });
//! assert_eq!(account_kind("GB29 NWBK 6016 1331 9268 18"), AccountKind::Iban { check: Check::Invalid });
//! assert_eq!(
//!     account_kind("1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"),
//!     AccountKind::Crypto { chain: Chain::Bitcoin, check: Check::Valid },
//! );
//! ```

/// Whether a check could be made and how it came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The check digits or checksum are right.
    Valid,
    /// They are wrong: the value cannot be a real account.
    Invalid,
    /// The format has a checksum redflag does not verify (EIP-55 capitals need Keccak).
    NotChecked,
}

impl Check {
    fn from(ok: bool) -> Check {
        if ok {
            Check::Valid
        } else {
            Check::Invalid
        }
    }
}

/// Which chain a crypto address belongs to, as far as its form tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chain {
    /// Bitcoin: legacy `1…`/`3…` (Base58Check) or segwit `bc1…` (bech32/bech32m).
    Bitcoin,
    /// Litecoin: `L…`/`M…` or `ltc1…`.
    Litecoin,
    /// Tron: `T…` (Base58Check, version byte 0x41).
    Tron,
    /// Ethereum or another EVM chain (also USDT/USDC on them): `0x` + 40 hex digits.
    Evm,
}

/// What kind of payout account a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// An email address (PayPal, Payoneer, Wise).
    Email,
    /// An IBAN.
    Iban {
        /// Its mod-97 check.
        check: Check,
    },
    /// A US bank account written `routing:account` or `routing-account` (9-digit ABA
    /// routing number first).
    UsBank {
        /// The routing number's check digit.
        routing: Check,
    },
    /// A crypto address.
    Crypto {
        /// The chain its form names.
        chain: Chain,
        /// Its checksum.
        check: Check,
    },
    /// Anything else (platform ids, domestic account numbers).
    Other,
}

/// Classifies a payout account value and verifies its check digits where the format has them.
pub fn account_kind(raw: &str) -> AccountKind {
    let value = raw.trim();
    if value.contains('@') {
        return AccountKind::Email;
    }
    if let Some(crypto) = crypto_kind(value) {
        return crypto;
    }
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let bytes = compact.as_bytes();
    if (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_alphabetic)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric)
    {
        return AccountKind::Iban {
            check: Check::from(iban_valid(&compact)),
        };
    }
    let parts: Vec<&str> = value
        .split([':', '-', '/', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() == 2
        && parts[0].len() == 9
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return AccountKind::UsBank {
            routing: Check::from(aba_routing_valid(parts[0])),
        };
    }
    AccountKind::Other
}

/// ISO 13616 check: move the first four characters to the end, letters to numbers
/// (A = 10 … Z = 35), and the number mod 97 must be 1.
pub fn iban_valid(iban: &str) -> bool {
    let compact: Vec<u8> = iban
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if !(15..=34).contains(&compact.len()) || !compact.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let mut rem: u32 = 0;
    for &b in compact[4..].iter().chain(&compact[..4]) {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// ABA routing number check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
pub fn aba_routing_valid(routing: &str) -> bool {
    let d: Vec<u32> = routing
        .bytes()
        .map(|b| u32::from(b.wrapping_sub(b'0')))
        .collect();
    if d.len() != 9 || d.iter().any(|&x| x > 9) || d.iter().all(|&x| x == 0) {
        return false;
    }
    (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]).is_multiple_of(10)
}

/// The chain and checksum of a crypto address, or `None` when the value does not look like one.
pub fn crypto_kind(value: &str) -> Option<AccountKind> {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(AccountKind::Crypto {
                chain: Chain::Evm,
                check: Check::NotChecked,
            });
        }
        return None;
    }
    for (hrp, chain) in [("bc", Chain::Bitcoin), ("ltc", Chain::Litecoin)] {
        if lower.starts_with(&format!("{hrp}1")) && lower.len() >= 14 {
            let mixed = v.bytes().any(|b| b.is_ascii_lowercase())
                && v.bytes().any(|b| b.is_ascii_uppercase());
            return Some(AccountKind::Crypto {
                chain,
                check: Check::from(!mixed && bech32_valid(&lower)),
            });
        }
    }
    let first = v.chars().next()?;
    let chain = match first {
        '1' | '3' => Chain::Bitcoin,
        'L' | 'M' => Chain::Litecoin,
        'T' => Chain::Tron,
        _ => return None,
    };
    if !(25..=35).contains(&v.len()) || !v.bytes().all(is_base58) {
        return None;
    }
    Some(AccountKind::Crypto {
        chain,
        check: Check::from(base58check_valid(v)),
    })
}

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn is_base58(b: u8) -> bool {
    BASE58.contains(&b)
}

/// Decodes Base58 and checks that the last four bytes are the first four of the double
/// SHA-256 of the rest.
fn base58check_valid(s: &str) -> bool {
    let mut bytes: Vec<u8> = Vec::with_capacity(32);
    for c in s.bytes() {
        let Some(mut carry) = BASE58.iter().position(|&x| x == c).map(|p| p as u32) else {
            return false;
        };
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut full = vec![0u8; zeros];
    full.extend(bytes);
    if full.len() < 5 {
        return false;
    }
    let (payload, checksum) = full.split_at(full.len() - 4);
    sha256(&sha256(payload))[..4] == *checksum
}

/// BIP-173 / BIP-350 checksum: the polymod of the expanded human-readable part and data must
/// be 1 (bech32) or 0x2bc830a3 (bech32m).
fn bech32_valid(lower: &str) -> bool {
    const CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let Some(sep) = lower.rfind('1') else {
        return false;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    if hrp.is_empty() || data.len() < 6 {
        return false;
    }
    let mut values: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| b & 31));
    for c in data.bytes() {
        match CHARSET.iter().position(|&x| x == c) {
            Some(p) => values.push(p as u8),
            None => return false,
        }
    }
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in [
            0x3b6a_57b2u32,
            0x2650_8e6d,
            0x1ea1_19fa,
            0x3d42_33dd,
            0x2a14_62b3,
        ]
        .iter()
        .enumerate()
        {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk == 1 || chk == 0x2bc8_30a3
}

/// SHA-256 (FIPS 180-4), for Base58Check only.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_matches_the_fips_examples() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let long = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            hex(&sha256(long)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn ibans_are_checked_mod_97() {
        for valid in [
            "GB29 NWBK 6016 1331 9268 19",
            "DE89 3704 0044 0532 0130 00",
            "FR14 2004 1010 0505 0001 3M02 606",
            "nl91abna0417164300",
        ] {
            assert!(iban_valid(valid), "{valid}");
        }
        for invalid in [
            "GB29 NWBK 6016 1331 9268 18",
            "DE89 3704 0044 0532 0130 01",
            "GB29",
        ] {
            assert!(!iban_valid(invalid), "{invalid}");
        }
    }

    #[test]
    fn us_routing_numbers_are_checked() {
        assert!(aba_routing_valid("021000021")); // JPMorgan Chase, New York
        assert!(aba_routing_valid("011000015")); // Federal Reserve Bank of Boston
        assert!(!aba_routing_valid("021000022"));
        assert!(!aba_routing_valid("000000000"));
        assert_eq!(
            account_kind("021000021:556677"),
            AccountKind::UsBank {
                routing: Check::Valid
            }
        );
        assert_eq!(
            account_kind("061000104-836563831856"),
            AccountKind::UsBank {
                routing: Check::Valid
            }
        );
        assert_eq!(
            account_kind("123456789:1"),
            AccountKind::UsBank {
                routing: Check::Invalid
            }
        );
    }

    #[test]
    fn listed_crypto_addresses_pass_and_one_changed_character_fails() {
        // Addresses OFAC lists (2024 SDN): KIM Sang Man, and Tron, Litecoin and segwit ones.
        for (addr, chain) in [
            ("1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", Chain::Bitcoin),
            ("1FCNgfZWpYMeYhy9t18AAkTBu8AsdoAc1Z", Chain::Bitcoin),
            ("bc1qv7k70u2zynvem59u88ctdlaw7hc735d8xep9rq", Chain::Bitcoin),
            ("TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG", Chain::Tron),
            ("LaizKtS5DUhPuP1nTQcc83MS7HwK6vk85z", Chain::Litecoin),
        ] {
            assert_eq!(
                crypto_kind(addr),
                Some(AccountKind::Crypto {
                    chain,
                    check: Check::Valid
                }),
                "{addr}"
            );
            let mut broken: Vec<char> = addr.chars().collect();
            let i = broken.len() - 3;
            broken[i] = if broken[i] == 'q' { 'p' } else { 'q' };
            let broken: String = broken.into_iter().collect();
            assert_eq!(
                crypto_kind(&broken),
                Some(AccountKind::Crypto {
                    chain,
                    check: Check::Invalid
                }),
                "{broken}"
            );
        }
        assert_eq!(
            crypto_kind("0x97b1043abd9e6fc31681635166d430a458d14f9c"),
            Some(AccountKind::Crypto {
                chain: Chain::Evm,
                check: Check::NotChecked
            })
        );
        assert_eq!(crypto_kind("Tony WKJ LLC"), None);
        assert_eq!(crypto_kind("0x1234"), None);
    }

    #[test]
    fn other_values_are_classified_without_a_check() {
        assert_eq!(account_kind("payouts@example.com"), AccountKind::Email);
        assert_eq!(account_kind("payoneer:54171964"), AccountKind::Other);
        assert_eq!(account_kind("   "), AccountKind::Other);
    }
}
