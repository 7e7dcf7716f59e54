//! One key per device identifier: hardware serials, MAC addresses and UUIDs.
//!
//! Endpoint inventories (osquery `system_info`, MDM exports, EDR) report the same machine
//! with different separators and case, and many cheap or virtual machines report a
//! placeholder instead of a serial ("To Be Filled By O.E.M.", "Default string", all zeros).
//! A placeholder shared by thousands of machines is not evidence that they are one device,
//! so [`device_key`] returns `None` for it. Otherwise:
//!
//! - a MAC address (six hex octets separated by `:`, `-` or `.`, or twelve bare hex digits
//!   when they look like one) becomes lower-case `aa:bb:cc:dd:ee:ff`; the all-zero and
//!   broadcast addresses are placeholders;
//! - a UUID becomes lower-case hyphenated; the nil UUID and all-`f` are placeholders;
//! - anything else is a serial: separators (space, `-`, `_`, `.`, `:`, `/`) removed and
//!   upper-cased.

/// Serials that firmware and hypervisors report when none was set (compared after the
/// serial normalisation, so case and separators do not matter).
const PLACEHOLDER_SERIALS: &[&str] = &[
    "TOBEFILLEDBYOEM",
    "DEFAULTSTRING",
    "SYSTEMSERIALNUMBER",
    "CHASSISSERIALNUMBER",
    "SERIALNUMBER",
    "NOTAPPLICABLE",
    "NOTSPECIFIED",
    "NONE",
    "NA",
    "NULL",
    "UNKNOWN",
    "OEM",
    "INVALID",
    "0123456789",
    "123456789",
    "1234567890",
];

/// The comparison key of a device identifier, or `None` for a blank or placeholder value.
///
/// ```
/// use redflag_normalize::device_key;
/// assert_eq!(device_key("C02X-G1ab.JGH5").as_deref(), Some("C02XG1ABJGH5"));
/// assert_eq!(device_key("00-1A-2b-3C-4d-5E").as_deref(), Some("00:1a:2b:3c:4d:5e"));
/// assert_eq!(
///     device_key("{4C4C4544-0042-3510-8052-B4C04F4E4B32}").as_deref(),
///     Some("4c4c4544-0042-3510-8052-b4c04f4e4b32")
/// );
/// assert_eq!(device_key("To Be Filled By O.E.M."), None);
/// ```
pub fn device_key(raw: &str) -> Option<String> {
    let trimmed = raw
        .trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Some(mac) = mac_key(trimmed) {
        return (!placeholder_mac(&mac)).then_some(mac);
    }
    if let Some(uuid) = uuid_key(trimmed) {
        let digits: String = uuid.chars().filter(|c| *c != '-').collect();
        return (!is_repeated(&digits)).then_some(uuid);
    }
    let serial: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | ':' | '/'))
        .flat_map(char::to_uppercase)
        .collect();
    if serial.is_empty() || is_repeated(&serial) || PLACEHOLDER_SERIALS.contains(&serial.as_str()) {
        return None;
    }
    Some(serial)
}

/// `aa:bb:cc:dd:ee:ff` from six hex octets with one kind of separator (`:`, `-`) or three
/// dot-separated groups of four (`aabb.ccdd.eeff`).
fn mac_key(s: &str) -> Option<String> {
    let hex: String = if s.len() == 17 {
        let sep = s.as_bytes()[2];
        if !(sep == b':' || sep == b'-') {
            return None;
        }
        let parts: Vec<&str> = s.split(sep as char).collect();
        if parts.len() != 6 || parts.iter().any(|p| p.len() != 2) {
            return None;
        }
        parts.concat()
    } else if s.len() == 14 {
        let parts: Vec<&str> = s.split('.').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.len() != 4) {
            return None;
        }
        parts.concat()
    } else {
        return None;
    };
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let hex = hex.to_ascii_lowercase();
    let octets: Vec<&str> = (0..6).map(|i| &hex[i * 2..i * 2 + 2]).collect();
    Some(octets.join(":"))
}

fn placeholder_mac(mac: &str) -> bool {
    mac == "00:00:00:00:00:00" || mac == "ff:ff:ff:ff:ff:ff"
}

/// Lower-case hyphenated form of an 8-4-4-4-12 hex UUID.
fn uuid_key(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split('-').collect();
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    if lengths != [8, 4, 4, 4, 12]
        || !parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return None;
    }
    Some(s.to_ascii_lowercase())
}

/// One character repeated (`000000`, `FFFFFFFF`, `XXXX`): a placeholder, not an identifier.
fn is_repeated(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|first| chars.all(|c| c == first))
}

#[cfg(test)]
mod tests {
    use super::device_key;

    #[test]
    fn one_device_many_spellings() {
        for raw in [
            "C02XG1ABJGH5",
            "c02x-g1ab-jgh5",
            " C02X G1AB JGH5 ",
            "c02x_g1ab.jgh5",
        ] {
            assert_eq!(device_key(raw).as_deref(), Some("C02XG1ABJGH5"), "{raw}");
        }
        for raw in ["00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001a.2b3c.4d5e"] {
            assert_eq!(
                device_key(raw).as_deref(),
                Some("00:1a:2b:3c:4d:5e"),
                "{raw}"
            );
        }
        assert_eq!(
            device_key("4C4C4544-0042-3510-8052-B4C04F4E4B32"),
            device_key("{4c4c4544-0042-3510-8052-b4c04f4e4b32}")
        );
    }

    #[test]
    fn placeholders_are_not_identifiers() {
        for raw in [
            "",
            "   ",
            "To Be Filled By O.E.M.",
            "Default string",
            "System Serial Number",
            "0",
            "000000000000",
            "00:00:00:00:00:00",
            "FF-FF-FF-FF-FF-FF",
            "00000000-0000-0000-0000-000000000000",
            "N/A",
            "None",
            "0123456789",
        ] {
            assert_eq!(device_key(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn near_misses_stay_serials() {
        // Not a MAC (mixed separators) and not a UUID (wrong group lengths): serials.
        assert_eq!(
            device_key("00:1a-2b:3c:4d:5e").as_deref(),
            Some("001A2B3C4D5E")
        );
        assert_eq!(device_key("4c4c-4544").as_deref(), Some("4C4C4544"));
    }
}
