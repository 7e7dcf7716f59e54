//! Exact screening: digital-currency addresses and identifiers looked up by normalised value.
//!
//! These are hash lookups, not fuzzy matching: a hit means the value is on the list, character
//! for character after the normalisation below, which is the strongest evidence a list can give.
//!
//! **Crypto addresses.** Case matters in some address formats and not in others, so the key
//! depends on the format (see [`crypto_key`]):
//! - `0x…` hex addresses (ETH and the EVM tokens OFAC lists under USDT, USDC, ETC, BSC, ARB):
//!   case-insensitive; mixed case is only an optional EIP-55 checksum.
//! - Bech32 (`bc1…`, `ltc1…`, `tb1…`) and Bitcoin Cash cash-addresses (`bitcoincash:q…`):
//!   case-insensitive by their specifications.
//! - Everything else, notably Base58 (`1…`/`3…` Bitcoin, `L…` Litecoin, `T…` Tron, `t1…`
//!   Zcash, `X…` Dash, Monero): **case-sensitive**, because changing one letter's case gives a
//!   different, valid-looking address.
//!
//! The currency is not part of the key: OFAC often lists one address under several currencies
//! (an ETH address also as USDT and USDC), and a user screening a wallet may not know which
//! token it held.
//!
//! **Identifiers.** Documents and registrations compare uppercase letters and digits only
//! (spaces, dashes, dots and slashes dropped); emails compare lowercase; websites compare the
//! lowercase host without scheme, `www.`, path or trailing dot; phones compare digits only.

use std::collections::HashMap;

use crate::model::{Entity, IdKind};

/// A crypto-address hit: the entity's position and the address's position in
/// [`Entity::crypto`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CryptoHit {
    /// Index into the slice the index was built from (e.g. [`crate::Watchlists::entities`]).
    pub entity: usize,
    /// Index into that entity's `crypto`.
    pub address: usize,
}

/// Digital-currency addresses of a set of entities, by normalised address.
#[derive(Debug, Clone, Default)]
pub struct CryptoIndex {
    map: HashMap<String, Vec<CryptoHit>>,
}

/// The lookup key of a crypto address (see the module docs for which formats fold case).
pub fn crypto_key(address: &str) -> String {
    let a = address.trim();
    let lower = a.to_ascii_lowercase();
    for scheme in ["bitcoincash:", "ecash:"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            return rest.to_string();
        }
    }
    let a = ["bitcoin:", "ethereum:", "litecoin:"]
        .iter()
        .find_map(|s| lower.starts_with(s).then(|| &a[s.len()..]))
        .unwrap_or(a);
    let lower = a.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return lower;
        }
    }
    let bech32 = ["bc1", "tb1", "ltc1", "bcrt1"]
        .iter()
        .any(|p| lower.starts_with(p));
    let single_case = a == lower || a == a.to_ascii_uppercase();
    if bech32 && single_case {
        return lower;
    }
    // Bitcoin Cash cash-address without its prefix: q/p + 41 bech32 characters.
    const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    if single_case
        && lower.len() == 42
        && (lower.starts_with('q') || lower.starts_with('p'))
        && lower.bytes().all(|b| BECH32.contains(&b))
    {
        return lower;
    }
    a.to_string()
}

impl CryptoIndex {
    /// Indexes every crypto address of `entities`.
    pub fn build(entities: &[Entity]) -> Self {
        let mut map: HashMap<String, Vec<CryptoHit>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for (j, c) in e.crypto.iter().enumerate() {
                let key = crypto_key(&c.address);
                if key.is_empty() {
                    continue;
                }
                map.entry(key).or_default().push(CryptoHit {
                    entity: i,
                    address: j,
                });
            }
        }
        CryptoIndex { map }
    }

    /// Every listing of this address (any currency).
    pub fn lookup_crypto(&self, address: &str) -> &[CryptoHit] {
        self.map
            .get(&crypto_key(address))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Number of distinct addresses.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No addresses at all.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// How a kind of identifier is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Style {
    Document,
    Email,
    Website,
    Phone,
}

fn style(kind: &IdKind) -> Style {
    match kind {
        IdKind::Email => Style::Email,
        IdKind::Website => Style::Website,
        IdKind::Phone => Style::Phone,
        _ => Style::Document,
    }
}

fn key(style: Style, value: &str) -> String {
    let v = value.trim();
    match style {
        Style::Document => v
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect(),
        Style::Email => v.trim_start_matches("mailto:").trim().to_lowercase(),
        Style::Website => {
            let l = v.to_lowercase();
            let l = l
                .strip_prefix("https://")
                .or_else(|| l.strip_prefix("http://"))
                .unwrap_or(&l);
            let host = l.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.strip_prefix("www.").unwrap_or(host);
            host.trim_end_matches('.').to_string()
        }
        Style::Phone => v.chars().filter(char::is_ascii_digit).collect(),
    }
}

/// The lookup key of an identifier value of a given kind (what [`IdentifierIndex`] compares).
pub fn identifier_key(kind: &IdKind, value: &str) -> String {
    key(style(kind), value)
}

/// An identifier hit: the entity's position and the identifier's position in
/// [`Entity::identifiers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdHit {
    /// Index into the slice the index was built from.
    pub entity: usize,
    /// Index into that entity's `identifiers`.
    pub identifier: usize,
}

/// Identifiers (documents, registrations, emails, websites, phones) by normalised value.
#[derive(Debug, Clone, Default)]
pub struct IdentifierIndex {
    map: HashMap<(Style, String), Vec<IdHit>>,
    kinds: Vec<Vec<IdKind>>,
}

impl IdentifierIndex {
    /// Indexes every identifier of `entities`.
    pub fn build(entities: &[Entity]) -> Self {
        let mut map: HashMap<(Style, String), Vec<IdHit>> = HashMap::new();
        let mut kinds = Vec::with_capacity(entities.len());
        for (i, e) in entities.iter().enumerate() {
            for (j, id) in e.identifiers.iter().enumerate() {
                let s = style(&id.kind);
                let k = key(s, &id.value);
                if k.is_empty() {
                    continue;
                }
                map.entry((s, k)).or_default().push(IdHit {
                    entity: i,
                    identifier: j,
                });
            }
            kinds.push(e.identifiers.iter().map(|id| id.kind.clone()).collect());
        }
        IdentifierIndex { map, kinds }
    }

    /// Identifiers equal to `value`. With a `kind`, only identifiers of that kind (e.g. a
    /// passport number does not hit a tax number with the same digits); without one, any kind.
    pub fn lookup_identifier(&self, kind: Option<&IdKind>, value: &str) -> Vec<IdHit> {
        let styles: &[Style] = match kind {
            Some(k) => &[style(k)][..],
            None => &[Style::Document, Style::Email, Style::Website, Style::Phone][..],
        };
        let mut out = Vec::new();
        for &s in styles {
            let k = key(s, value);
            if k.is_empty() {
                continue;
            }
            for hit in self.map.get(&(s, k)).into_iter().flatten() {
                let hit_kind = &self.kinds[hit.entity][hit.identifier];
                if kind.is_none_or(|want| want == hit_kind) && !out.contains(hit) {
                    out.push(*hit);
                }
            }
        }
        out
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No identifiers at all.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl crate::Watchlists {
    /// A crypto index over all entities (hits index [`Watchlists::entities`]).
    ///
    /// [`Watchlists::entities`]: crate::Watchlists::entities
    pub fn crypto_index(&self) -> CryptoIndex {
        CryptoIndex::build(self.entities())
    }

    /// An identifier index over all entities.
    pub fn identifier_index(&self) -> IdentifierIndex {
        IdentifierIndex::build(self.entities())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crypto_keys_fold_case_only_where_the_format_allows() {
        assert_eq!(
            crypto_key("0x97B1043abd9e6fc31681635166d430a458d14f9c"),
            "0x97b1043abd9e6fc31681635166d430a458d14f9c"
        );
        assert_eq!(
            crypto_key("BC1QLLMLVY5U038YVWYWU803P53G8UDCM8W7K4QXU9"),
            "bc1qllmlvy5u038yvwywu803p53g8udcm8w7k4qxu9"
        );
        assert_eq!(
            crypto_key("bitcoincash:qq3vlashthktqpeppuv7trmw070e3mydgq63zq348v"),
            "qq3vlashthktqpeppuv7trmw070e3mydgq63zq348v"
        );
        assert_eq!(
            crypto_key("QQ3VLASHTHKTQPEPPUV7TRMW070E3MYDGQ63ZQ348V"),
            "qq3vlashthktqpeppuv7trmw070e3mydgq63zq348v"
        );
        // Base58: case is meaningful.
        let btc = "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ";
        assert_eq!(crypto_key(btc), btc);
        assert_ne!(crypto_key(&btc.to_lowercase()), crypto_key(btc));
        assert_eq!(
            crypto_key(" bitcoin:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ "),
            btc
        );
    }

    #[test]
    fn identifier_keys() {
        assert_eq!(
            identifier_key(&IdKind::Passport, "PS 745-220.146"),
            "PS745220146"
        );
        assert_eq!(
            identifier_key(&IdKind::Email, " Hong_Xiao@Naver.com"),
            "hong_xiao@naver.com"
        );
        assert_eq!(
            identifier_key(&IdKind::Website, "https://www.Silverstarchina.com/about"),
            "silverstarchina.com"
        );
        assert_eq!(
            identifier_key(&IdKind::Phone, "+86 133-1425-7947"),
            "8613314257947"
        );
    }
}
