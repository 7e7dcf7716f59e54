//! One key per payout account: bank accounts, IBANs, payment-platform ids, crypto addresses.
//!
//! Several workers paid into one account, or one account that keeps changing hands, is
//! payment evidence the guidance names again and again. Payroll exports write the same
//! account with spaces, dashes and whichever case the clerk typed, so [`account_key`]:
//!
//! - trims, and treats anything that is an email address (PayPal, Payoneer, Wise payout
//!   accounts) with [`email_key`];
//! - removes whitespace and dashes;
//! - lowercases Ethereum-style `0x…` hex addresses (EIP-55 capitals are only a checksum) and
//!   bech32 addresses (`bc1…`, `tb1…`, `ltc1…`, which are case-insensitive by definition);
//! - uppercases IBAN-like values and other single-case identifiers (bank account numbers,
//!   sort codes, platform ids);
//! - keeps mixed-case values exactly as written: base58 addresses (Bitcoin `1…`/`3…`,
//!   Solana, Tron) are case-sensitive, and so are many platform ids.
//!
//! Check digits are not verified: a mistyped IBAN is a different key, which is what a
//! payroll system that pays it would see too.

use crate::email::email_key;

/// The comparison key of a payout account, or `None` for a blank value.
///
/// ```
/// use redflag_normalize::account_key;
/// assert_eq!(
///     account_key("gb29 nwbk 6016 1331 9268 19").as_deref(),
///     Some("GB29NWBK60161331926819")
/// );
/// assert_eq!(
///     account_key("0x5C411cb174c2E163f6465252ae895f3e3e5a8792").as_deref(),
///     Some("0x5c411cb174c2e163f6465252ae895f3e3e5a8792")
/// );
/// assert_eq!(account_key("Payouts@Example.com").as_deref(), Some("payouts@example.com"));
/// ```
pub fn account_key(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.contains('@') {
        // "PayPal: jane@example.com" as well as a bare address.
        let email = email_key(trimmed).or_else(|| {
            trimmed
                .split_whitespace()
                .rev()
                .find(|t| t.contains('@'))
                .and_then(email_key)
        });
        if email.is_some() {
            return email;
        }
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.is_empty() {
        return None;
    }
    let lower = compact.to_lowercase();
    if is_hex_address(&lower) || is_bech32_address(&lower) {
        return Some(lower);
    }
    if is_iban_like(&compact) {
        return Some(compact.to_uppercase());
    }
    let has_upper = compact.chars().any(char::is_uppercase);
    let has_lower = compact.chars().any(char::is_lowercase);
    if has_upper && has_lower {
        return Some(compact);
    }
    Some(compact.to_uppercase())
}

/// `0x` followed by hex digits only (Ethereum and other EVM chains).
fn is_hex_address(lower: &str) -> bool {
    lower
        .strip_prefix("0x")
        .is_some_and(|hex| hex.len() >= 8 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A segwit address: known human-readable part, separator `1`, bech32 data characters.
fn is_bech32_address(lower: &str) -> bool {
    const DATA: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    ["bc1", "tb1", "bcrt1", "ltc1"].iter().any(|hrp| {
        lower
            .strip_prefix(hrp)
            .is_some_and(|data| data.len() >= 6 && data.chars().all(|c| DATA.contains(c)))
    })
}

/// Two letters, two check digits, 11–30 alphanumerics, all in one case.
fn is_iban_like(compact: &str) -> bool {
    let bytes = compact.as_bytes();
    (15..=34).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_alphabetic)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric)
        && !(bytes.iter().any(u8::is_ascii_uppercase) && bytes.iter().any(u8::is_ascii_lowercase))
}

#[cfg(test)]
mod tests {
    use super::account_key;

    fn key(raw: &str) -> String {
        account_key(raw).unwrap_or_else(|| panic!("no key for {raw:?}"))
    }

    #[test]
    fn ibans_ignore_spacing_and_case() {
        let want = "DE89370400440532013000";
        for raw in [
            "DE89 3704 0044 0532 0130 00",
            "de89370400440532013000",
            " DE89-3704-0044-0532-0130-00 ",
        ] {
            assert_eq!(key(raw), want, "{raw}");
        }
        assert_ne!(
            key("DE89 3704 0044 0532 0130 00"),
            key("DE89 3704 0044 0532 0130 01")
        );
    }

    #[test]
    fn bank_account_numbers() {
        assert_eq!(key("0001234567"), "0001234567");
        assert_eq!(key("000-123 4567"), "0001234567");
        assert_ne!(key("0001234567"), key("001234567"));
        assert_eq!(key("acct 12-34-56 87654321"), key("ACCT 123456 87654321"));
    }

    #[test]
    fn ethereum_addresses_ignore_checksum_case() {
        let lower = "0xdb600c22dfc1d59e5c2b515e8eb37895a6537b2c";
        assert_eq!(key("0xdB600c22dfC1D59E5C2B515E8EB37895A6537B2C"), lower);
        assert_eq!(key(lower), lower);
        assert_eq!(key("0XDB600C22DFC1D59E5C2B515E8EB37895A6537B2C"), lower);
        assert_ne!(
            key(lower),
            key("0xdb600c22dfc1d59e5c2b515e8eb37895a6537b2d")
        );
    }

    #[test]
    fn bech32_addresses_are_lowercased() {
        let want = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
        assert_eq!(key("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ"), want);
        assert_eq!(key(want), want);
    }

    #[test]
    fn base58_addresses_keep_their_case() {
        let sol = "EW8oTqNfWi2eQZPqDSG6YqJJnGb6rL4DvDukW421Fzc";
        assert_eq!(key(sol), sol);
        assert_eq!(key(&format!("  {sol} ")), sol);
        // A case change is another address.
        assert_ne!(key(sol), key(&sol.to_lowercase()));
        let btc = "1BoatSLRHtKNngkdXEeobR76b53LETtpyT";
        assert_eq!(key(btc), btc);
    }

    #[test]
    fn payout_emails_use_the_email_key() {
        assert_eq!(key("Jane.Doe+pay@gmail.com"), "janedoe@gmail.com");
        assert_eq!(key("PayPal: jane.doe@gmail.com"), "janedoe@gmail.com");
        assert_ne!(key("jane.doe@outlook.com"), key("jane.doe@gmail.com"));
    }

    #[test]
    fn blank_is_none() {
        assert_eq!(account_key(""), None);
        assert_eq!(account_key("   "), None);
        assert_eq!(account_key(" - - "), None);
    }
}
