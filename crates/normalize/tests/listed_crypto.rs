//! Every Bitcoin, Litecoin and Tron address OFAC lists in the 2024-05-03 SDN file passes its
//! checksum, and every one of them with a character changed fails it.

use redflag_normalize::checks::{crypto_kind, AccountKind, Check};

#[test]
fn every_listed_address_checks_and_a_changed_one_does_not() {
    let path = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            std::path::PathBuf::from,
        )
        .join("../../../shared/data/sanctions/ofac/sdn_2024-05-03/sdn.csv");
    let bytes = std::fs::read(path).expect("the shared SDN file (../shared beside the repository)");
    let text = String::from_utf8_lossy(&bytes);
    let mut checked = 0;
    for part in text.split("Digital Currency Address - ").skip(1) {
        let mut words = part.splitn(3, ' ');
        let (Some(currency), Some(rest)) = (words.next(), words.next()) else {
            continue;
        };
        if !matches!(currency, "XBT" | "LTC" | "TRX") {
            continue;
        }
        let end = rest.find([';', '"', ',', '.']).unwrap_or(rest.len());
        let address = &rest[..end];
        // OFAC remarks end with a full stop; one cut at the CSV field limit ends at the closing
        // quote, and its last address may be cut short.
        if rest[end..].starts_with('"') {
            continue;
        }
        let Some(AccountKind::Crypto { check, .. }) = crypto_kind(address) else {
            panic!("{currency} {address} is not read as a crypto address");
        };
        assert_eq!(check, Check::Valid, "{currency} {address}");
        let mut changed: Vec<char> = address.chars().collect();
        let i = changed.len() / 2;
        changed[i] = if changed[i] == '8' { '9' } else { '8' };
        let changed: String = changed.into_iter().collect();
        assert!(
            matches!(
                crypto_kind(&changed),
                Some(AccountKind::Crypto {
                    check: Check::Invalid,
                    ..
                })
            ),
            "{changed} passes"
        );
        checked += 1;
    }
    assert!(
        checked >= 200,
        "the 2024 SDN lists over 200 such addresses ({checked})"
    );
}
