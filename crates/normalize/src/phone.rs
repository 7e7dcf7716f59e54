//! One key per telephone number, in E.164 form (`+15552013344`).
//!
//! A phone number shared by several applicants or employees is one of the plainest signs
//! of a facilitator. People write the same number with spaces, dots, dashes, brackets, a
//! `+` or `00` international prefix, a national trunk `0`, and an extension; [`phone_key`]
//! removes all of that:
//!
//! - everything before the first digit is ignored (`tel:`, `Phone:`), and the number ends at
//!   the first letter or `#`, `;`, `,`, `*` after it, so extensions (`x123`, `ext. 123`,
//!   `;ext=123`) are dropped: two people on one switchboard share a number for this purpose;
//! - a leading `+`, `00` or (for North American callers) `011` marks an international number,
//!   whose digits are the E.164 number; a `(0)` written after the country code is removed;
//! - otherwise the number is national. With `default_country` `None`, `US`, `CA` or another
//!   North American Numbering Plan member, 10 digits become `+1` and 11 digits starting with
//!   `1` become `+1…`. With another ISO 3166 alpha-2 code from the built-in table (or a
//!   calling code such as `"44"` or `"+44"`), the trunk prefix is removed and the calling code
//!   added: `020 7946 0018` with `GB` → `+442079460018`;
//! - a national number that cannot be placed comes back as bare digits with no `+`; it can
//!   only equal the same digits written the same way;
//! - fewer than 7 or more than 15 digits is not a phone number: `None`.
//!
//! Letters are not translated to keypad digits (`1-800-FLOWERS` is cut at the `F`).

/// The E.164-like key of a phone number, or `None` when `raw` holds fewer than 7 or more
/// than 15 digits. See the module documentation for the rules.
///
/// ```
/// use redflag_normalize::phone_key;
/// assert_eq!(phone_key("+1 (555) 201-3344", None).as_deref(), Some("+15552013344"));
/// assert_eq!(phone_key("555.201.3344 ext. 12", Some("US")).as_deref(), Some("+15552013344"));
/// assert_eq!(phone_key("020 7946 0018", Some("GB")).as_deref(), Some("+442079460018"));
/// ```
pub fn phone_key(raw: &str, default_country: Option<&str>) -> Option<String> {
    let text = raw.replace("(0)", " ");
    let mut digits = String::new();
    let mut plus = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if digits.is_empty() {
            plus |= c == '+';
        } else if c.is_alphabetic() || matches!(c, '#' | ';' | ',' | '*') {
            break; // extension, pause or a second number
        }
    }
    // 15 digits is the E.164 maximum; 3 more allow for an international prefix (`011`).
    if digits.len() < 7 || digits.len() > 18 {
        return None;
    }
    let country = Country::resolve(default_country);
    let international = if plus {
        Some(digits.as_str())
    } else if let Some(rest) = digits.strip_prefix("00") {
        Some(rest)
    } else if country.is_nanp() {
        digits.strip_prefix("011")
    } else {
        None
    };
    if let Some(number) = international {
        return e164(number);
    }
    match country {
        Country::Nanp => match digits.len() {
            10 if !digits.starts_with(['0', '1']) => e164(&format!("1{digits}")),
            11 if digits.starts_with('1') => e164(&digits),
            _ => national(digits),
        },
        Country::Other { code, trunk } => {
            let subscriber = match trunk {
                Some(prefix) => digits.strip_prefix(prefix).unwrap_or(&digits),
                None => &digits,
            };
            e164(&format!("{code}{subscriber}"))
        }
        Country::Unknown => national(digits),
    }
}

/// `+` and the digits, if they can be an E.164 number (7–15 digits, no leading zero).
fn e164(number: &str) -> Option<String> {
    let ok = (7..=15).contains(&number.len()) && !number.starts_with('0');
    ok.then(|| format!("+{number}"))
}

/// A national number that could not be placed in a country: bare digits.
fn national(digits: String) -> Option<String> {
    (digits.len() <= 15).then_some(digits)
}

/// How national numbers are read, from the caller's `default_country`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Country {
    /// North American Numbering Plan (+1), also the assumption when no country is given.
    Nanp,
    /// Another country: its calling code and the trunk prefix dialled before national numbers.
    Other {
        code: &'static str,
        trunk: Option<&'static str>,
    },
    /// A `default_country` we do not know.
    Unknown,
}

impl Country {
    fn resolve(default_country: Option<&str>) -> Country {
        let Some(given) = default_country.map(str::trim) else {
            return Country::Nanp;
        };
        let numeric = given.strip_prefix('+').unwrap_or(given);
        if !numeric.is_empty() && numeric.bytes().all(|b| b.is_ascii_digit()) {
            return match CALLING_CODES.iter().find(|(_, code, _)| *code == numeric) {
                Some((_, "1", _)) => Country::Nanp,
                Some((_, code, trunk)) => Country::Other {
                    code,
                    trunk: *trunk,
                },
                None => Country::Unknown,
            };
        }
        match CALLING_CODES
            .iter()
            .find(|(iso, _, _)| iso.eq_ignore_ascii_case(given))
        {
            Some((_, "1", _)) => Country::Nanp,
            Some((_, code, trunk)) => Country::Other {
                code,
                trunk: *trunk,
            },
            None => Country::Unknown,
        }
    }

    fn is_nanp(self) -> bool {
        self == Country::Nanp
    }
}

/// ISO 3166 alpha-2 code, ITU calling code, national trunk prefix (if the country has one
/// that is dropped in international form; Italy's leading 0 is part of the number).
/// The first row for a calling code is the one used when a caller passes the code itself.
const CALLING_CODES: &[(&str, &str, Option<&str>)] = &[
    // North American Numbering Plan
    ("US", "1", None),
    ("CA", "1", None),
    ("PR", "1", None),
    ("VI", "1", None),
    ("GU", "1", None),
    ("AS", "1", None),
    ("MP", "1", None),
    ("BS", "1", None),
    ("BB", "1", None),
    ("BM", "1", None),
    ("JM", "1", None),
    ("DO", "1", None),
    ("TT", "1", None),
    // Europe
    ("GB", "44", Some("0")),
    ("IE", "353", Some("0")),
    ("DE", "49", Some("0")),
    ("FR", "33", Some("0")),
    ("NL", "31", Some("0")),
    ("BE", "32", Some("0")),
    ("CH", "41", Some("0")),
    ("AT", "43", Some("0")),
    ("SE", "46", Some("0")),
    ("FI", "358", Some("0")),
    ("RO", "40", Some("0")),
    ("UA", "380", Some("0")),
    ("RU", "7", Some("8")),
    ("KZ", "7", Some("8")),
    ("BY", "375", Some("8")),
    ("IT", "39", None),
    ("ES", "34", None),
    ("PT", "351", None),
    ("PL", "48", None),
    ("DK", "45", None),
    ("NO", "47", None),
    ("GR", "30", None),
    ("CZ", "420", None),
    // Asia and Oceania
    ("CN", "86", Some("0")),
    ("HK", "852", None),
    ("MO", "853", None),
    ("TW", "886", Some("0")),
    ("JP", "81", Some("0")),
    ("KR", "82", Some("0")),
    ("KP", "850", Some("0")),
    ("SG", "65", None),
    ("MY", "60", Some("0")),
    ("TH", "66", Some("0")),
    ("VN", "84", Some("0")),
    ("LA", "856", Some("0")),
    ("PH", "63", Some("0")),
    ("ID", "62", Some("0")),
    ("IN", "91", Some("0")),
    ("PK", "92", Some("0")),
    ("BD", "880", Some("0")),
    ("LK", "94", Some("0")),
    ("NP", "977", Some("0")),
    ("AU", "61", Some("0")),
    ("NZ", "64", Some("0")),
    // Middle East, Africa, Latin America
    ("AE", "971", Some("0")),
    ("SA", "966", Some("0")),
    ("IL", "972", Some("0")),
    ("TR", "90", Some("0")),
    ("EG", "20", Some("0")),
    ("NG", "234", Some("0")),
    ("KE", "254", Some("0")),
    ("GH", "233", Some("0")),
    ("ZA", "27", Some("0")),
    ("BR", "55", Some("0")),
    ("AR", "54", Some("0")),
    ("MX", "52", None),
];

/// What kind of line a number is, by the numbering plan of its country (libphonenumber's
/// metadata through the `phonenumber` crate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// A mobile number.
    Mobile,
    /// A fixed line.
    FixedLine,
    /// The plan does not tell fixed from mobile (all of North America).
    FixedLineOrMobile,
    /// A number the plan reserves for VoIP services (e.g. UK 056). North American VoIP
    /// numbers (Google Voice, TextNow) are ordinary numbers and cannot be told apart.
    Voip,
    /// Toll-free, premium-rate, shared-cost, personal, pager, UAN or voicemail.
    Service,
    /// A well-formed international number that is not valid in its country's plan.
    Invalid,
}

impl PhoneKind {
    /// snake_case name, as SQL rules see it.
    pub fn name(self) -> &'static str {
        match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::FixedLine => "fixed_line",
            PhoneKind::FixedLineOrMobile => "fixed_line_or_mobile",
            PhoneKind::Voip => "voip",
            PhoneKind::Service => "service",
            PhoneKind::Invalid => "invalid",
        }
    }
}

/// The kind of line of a phone number, or `None` when it has no international form (see
/// [`phone_key`]). A number its country's plan does not allow is [`PhoneKind::Invalid`].
///
/// ```
/// use redflag_normalize::phone::{phone_kind, PhoneKind};
/// assert_eq!(phone_kind("+44 56 0000 0000", None), Some(PhoneKind::Voip));
/// assert_eq!(phone_kind("(650) 253-0000", Some("US")), Some(PhoneKind::FixedLineOrMobile));
/// ```
pub fn phone_kind(raw: &str, default_country: Option<&str>) -> Option<PhoneKind> {
    use phonenumber::metadata::Descriptor;
    let key = phone_key(raw, default_country)?;
    let (regions, national) = plan_regions(&key)?;
    let matches = |d: Option<&Descriptor>| d.is_some_and(|d| d.is_match(national));
    for region in regions {
        let d = region.descriptors();
        if !d.general().is_match(national) {
            continue;
        }
        let kind = if matches(d.voip()) {
            PhoneKind::Voip
        } else if matches(d.mobile()) && matches(d.fixed_line()) {
            PhoneKind::FixedLineOrMobile
        } else if matches(d.mobile()) {
            PhoneKind::Mobile
        } else if matches(d.fixed_line()) {
            PhoneKind::FixedLine
        } else if [
            d.toll_free(),
            d.premium_rate(),
            d.shared_cost(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
        ]
        .into_iter()
        .any(matches)
        {
            PhoneKind::Service
        } else {
            continue;
        };
        return Some(kind);
    }
    Some(PhoneKind::Invalid)
}

/// The numbering-plan regions of an E.164 key and its national significant number: the
/// country calling code is the first 1-3 digits that name one. Matching the national number
/// against the regions' descriptors directly avoids a full parse, which costs hundreds of
/// microseconds a number.
fn plan_regions(key: &str) -> Option<(Vec<&'static phonenumber::Metadata>, &str)> {
    let digits = key.strip_prefix('+')?;
    (1..=3.min(digits.len())).find_map(|n| {
        let code: u16 = digits[..n].parse().ok()?;
        phonenumber::metadata::DATABASE
            .by_code(&code)
            .map(|m| (m, &digits[n..]))
    })
}

/// Whether a number lies in a range its country's plan reserves for VoIP: [`phone_kind`]
/// answering [`PhoneKind::Voip`], but only the plans that have VoIP ranges are consulted, so
/// it is cheap enough to run on every phone of a large dataset. `None` when the number has no
/// international form.
pub fn is_voip(raw: &str, default_country: Option<&str>) -> Option<bool> {
    let key = phone_key(raw, default_country)?;
    let (regions, national) = plan_regions(&key)?;
    Some(
        regions
            .iter()
            .any(|r| r.descriptors().voip().is_some_and(|d| d.is_match(national))),
    )
}

/// The country calling code of the line a phone number belongs to (`+82 10-2345-6789` →
/// 82), reading a national number as one of `default_country` (so it gives that country's
/// code: a number written nationally says nothing about another country). `None` when the
/// number has no international form or no known calling code.
///
/// ```
/// use redflag_normalize::phone::{calling_code, country_calling_code};
/// assert_eq!(calling_code("+82 10-2345-6789", Some("US")), Some(82));
/// assert_eq!(calling_code("(415) 555-0187", Some("US")), Some(1));
/// assert_eq!(calling_code("020 7946 0018", Some("GB")), country_calling_code("GB"));
/// ```
pub fn calling_code(raw: &str, default_country: Option<&str>) -> Option<u16> {
    let key = phone_key(raw, default_country)?;
    let (regions, _) = plan_regions(&key)?;
    regions.first().map(|region| region.country_code())
}

/// The calling code of ISO 3166 alpha-2 country `iso` (`US` → 1, `KR` → 82).
pub fn country_calling_code(iso: &str) -> Option<u16> {
    let iso = iso.trim().to_ascii_uppercase();
    phonenumber::metadata::DATABASE
        .by_id(&iso)
        .map(|m| m.country_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str, country: Option<&str>) -> String {
        phone_key(raw, country).unwrap_or_else(|| panic!("no key for {raw:?}"))
    }

    #[test]
    fn north_american_spellings_agree() {
        let want = "+15552013344";
        for raw in [
            "+1 (555) 201-3344",
            "555.201.3344",
            "001 555 201 3344",
            "011 1 555 201 3344",
            "1-555-201-3344",
            "(555) 201-3344",
            "tel:+1-555-201-3344",
            "Mobile: 555 201 3344",
            "+1 555 201 3344 x123",
            "555-201-3344 ext. 9",
            "+1-555-201-3344;ext=55",
        ] {
            assert_eq!(key(raw, None), want, "{raw}");
            assert_eq!(key(raw, Some("US")), want, "{raw}");
            assert_eq!(key(raw, Some("ca")), want, "{raw}");
        }
    }

    #[test]
    fn international_spellings_agree() {
        let want = "+442079460018";
        for raw in [
            "+44 20 7946 0018",
            "0044 20 7946 0018",
            "+44 (0)20 7946 0018",
        ] {
            assert_eq!(key(raw, None), want, "{raw}");
            assert_eq!(key(raw, Some("DE")), want, "{raw}");
        }
        assert_eq!(key("020 7946 0018", Some("GB")), want);
        assert_eq!(key("020 7946 0018", Some("+44")), want);
        assert_eq!(key("020 7946 0018", Some("44")), want);
    }

    #[test]
    fn national_numbers_with_trunk_prefixes() {
        assert_eq!(key("010-1234-5678", Some("KR")), "+821012345678");
        assert_eq!(key("+82 10 1234 5678", None), "+821012345678");
        assert_eq!(key("8 (912) 345-67-89", Some("RU")), "+79123456789");
        assert_eq!(key("06 3456 7890", Some("IT")), "+390634567890");
        assert_eq!(key("098 765 4321", Some("VN")), "+84987654321");
    }

    #[test]
    fn different_numbers_stay_different() {
        assert_ne!(key("+1 555 201 3344", None), key("+1 555 201 3345", None));
        assert_ne!(key("+1 555 201 3344", None), key("+44 555 201 3344", None));
        // The same national digits in two countries are two numbers.
        assert_ne!(
            key("020 7946 0018", Some("GB")),
            key("020 7946 0018", Some("DE"))
        );
    }

    #[test]
    fn unplaceable_national_numbers_are_bare_digits() {
        assert_eq!(key("020 7946 0018", None), "02079460018");
        assert_eq!(key("020 7946 0018", Some("ZZ")), "02079460018");
        assert_eq!(key("1234567", None), "1234567");
    }

    #[test]
    fn not_phone_numbers() {
        for raw in ["", "   ", "n/a", "12345", "+1 555", "+0 555 201 3344"] {
            assert_eq!(phone_key(raw, None), None, "{raw}");
        }
        // Two numbers run together are too long to be one.
        assert_eq!(phone_key("5552013344 5552013345", None), None);
    }

    #[test]
    fn calling_code_table_is_consistent() {
        for (iso, code, trunk) in CALLING_CODES {
            assert_eq!(iso.len(), 2, "{iso}");
            assert!(code.bytes().all(|b| b.is_ascii_digit()), "{iso}");
            assert!(trunk.is_none_or(|t| t.bytes().all(|b| b.is_ascii_digit())));
        }
    }

    #[test]
    fn line_kinds_come_from_the_numbering_plan() {
        use super::{phone_kind, PhoneKind};
        assert_eq!(phone_kind("+44 56 0000 0000", None), Some(PhoneKind::Voip));
        assert_eq!(phone_kind("+44 7400 123456", None), Some(PhoneKind::Mobile));
        // Ofcom's range for drama is not a real number.
        assert_eq!(
            phone_kind("+44 7700 900123", None),
            Some(PhoneKind::Invalid)
        );
        assert_eq!(
            phone_kind("020 7946 0018", Some("GB")),
            Some(PhoneKind::FixedLine)
        );
        assert_eq!(
            phone_kind("+1 650-253-0000", None),
            Some(PhoneKind::FixedLineOrMobile)
        );
        assert_eq!(
            phone_kind("+1 800 555 0199", None),
            Some(PhoneKind::Service)
        );
        assert_eq!(phone_kind("+44 20 0000", None), Some(PhoneKind::Invalid));
        assert_eq!(phone_kind("555 0199", None), None);
        assert_eq!(phone_kind("", None), None);
    }

    #[test]
    fn voip_check_agrees_with_the_full_classification() {
        use super::{is_voip, phone_kind, PhoneKind};
        for n in [
            "+44 56 0000 0000",
            "+44 7400 123456",
            "+1 650-253-0000",
            "+49 30 123456",
            "+850 2 381 4410",
        ] {
            assert_eq!(
                is_voip(n, None),
                Some(phone_kind(n, None) == Some(PhoneKind::Voip)),
                "{n}"
            );
        }
        assert_eq!(is_voip("555 0199", None), None);
    }
}
