//! Country names as the lists write them ("Korea, North", "Democratic People's Republic of
//! Korea", "Iran (Islamic Republic of)", "Region: Gaza") mapped to ISO 3166-1 alpha-2 codes, so
//! a nationality from one list can be compared with a country from another, from a dataset
//! or from a vendor log (Okta writes `United States`).
//!
//! The table covers every country name in the OFAC and UN files redflag has been tested on. A
//! name it does not know keeps its raw text and gets no code: a wrong code would be worse than
//! none. Regions whose status is disputed ("Region: Crimea", "Region: Kafia Kingi") are left
//! without a code on purpose.

use std::collections::HashMap;
use std::sync::OnceLock;

/// ISO code, then every spelling seen for it, separated by `|`. Spellings are compared after
/// [`key`] folding, so case, accents and punctuation do not matter here.
const COUNTRIES: &[(&str, &str)] = &[
    ("AD", "Andorra"),
    ("AE", "United Arab Emirates|UAE|U.A.E."),
    ("AF", "Afghanistan"),
    ("AG", "Antigua and Barbuda"),
    ("AI", "Anguilla"),
    ("AL", "Albania"),
    ("AM", "Armenia"),
    ("AO", "Angola"),
    ("AR", "Argentina"),
    ("AT", "Austria"),
    ("AU", "Australia"),
    ("AW", "Aruba"),
    ("AZ", "Azerbaijan"),
    ("BA", "Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia"),
    ("BB", "Barbados"),
    ("BD", "Bangladesh"),
    ("BE", "Belgium"),
    ("BF", "Burkina Faso"),
    ("BG", "Bulgaria"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BJ", "Benin"),
    ("BM", "Bermuda"),
    ("BN", "Brunei|Brunei Darussalam"),
    ("BO", "Bolivia|Bolivia (Plurinational State of)"),
    ("BR", "Brazil"),
    ("BS", "Bahamas|Bahamas, The|The Bahamas"),
    ("BT", "Bhutan"),
    ("BW", "Botswana"),
    ("BY", "Belarus"),
    ("BZ", "Belize"),
    ("CA", "Canada"),
    ("CD", "Congo, Democratic Republic of the|Democratic Republic of the Congo|DRC|Congo (Kinshasa)|Zaire"),
    ("CF", "Central African Republic"),
    ("CG", "Congo, Republic of the|Republic of the Congo|Congo|Congo (Brazzaville)"),
    ("CH", "Switzerland"),
    ("CI", "Cote d Ivoire|Cote d'Ivoire|Ivory Coast"),
    ("CK", "Cook Islands"),
    ("CL", "Chile"),
    ("CM", "Cameroon"),
    ("CN", "China|People's Republic of China|PRC"),
    ("CO", "Colombia"),
    ("CR", "Costa Rica"),
    ("CU", "Cuba"),
    ("CV", "Cabo Verde|Cape Verde"),
    ("CW", "Curacao"),
    ("CY", "Cyprus"),
    ("CZ", "Czech Republic|Czechia"),
    ("DE", "Germany"),
    ("DJ", "Djibouti"),
    ("DK", "Denmark"),
    ("DM", "Dominica"),
    ("DO", "Dominican Republic"),
    ("DZ", "Algeria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("ER", "Eritrea"),
    ("ES", "Spain"),
    ("ET", "Ethiopia"),
    ("FI", "Finland"),
    ("FJ", "Fiji"),
    ("FR", "France"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom|United Kingdom of Great Britain and Northern Ireland|UK|Great Britain|England|Scotland|Wales|Northern Ireland"),
    ("GD", "Grenada"),
    ("GE", "Georgia"),
    ("GG", "Guernsey"),
    ("GH", "Ghana"),
    ("GI", "Gibraltar"),
    ("GM", "Gambia|The Gambia|Gambia, The"),
    ("GN", "Guinea"),
    ("GQ", "Equatorial Guinea"),
    ("GR", "Greece"),
    ("GT", "Guatemala"),
    ("GW", "Guinea-Bissau"),
    ("GY", "Guyana"),
    ("HK", "Hong Kong|China, Hong Kong Special Administrative Region|Hong Kong SAR|Hong Kong, China"),
    ("HN", "Honduras"),
    ("HR", "Croatia"),
    ("HT", "Haiti"),
    ("HU", "Hungary"),
    ("ID", "Indonesia"),
    ("IE", "Ireland"),
    ("IL", "Israel"),
    ("IM", "Man, Isle of|Isle of Man"),
    ("IN", "India"),
    ("IQ", "Iraq"),
    ("IR", "Iran|Iran (Islamic Republic of)|Islamic Republic of Iran"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("JE", "Jersey"),
    ("JM", "Jamaica"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KE", "Kenya"),
    ("KG", "Kyrgyzstan|Kyrgyz Republic"),
    ("KH", "Cambodia"),
    ("KI", "Kiribati"),
    ("KM", "Comoros"),
    ("KN", "Saint Kitts and Nevis|St. Kitts and Nevis"),
    ("KP", "Korea, North|North Korea|Democratic People's Republic of Korea|DPRK|Korea, Democratic People's Republic of|Korea (North)|D.P.R.K.|Korea DPR|DPR Korea"),
    ("KR", "Korea, South|South Korea|Republic of Korea|Korea, Republic of|ROK|Korea (South)"),
    ("KW", "Kuwait"),
    ("KY", "Cayman Islands"),
    ("KZ", "Kazakhstan"),
    ("LA", "Laos|Lao People's Democratic Republic|Lao PDR"),
    ("LB", "Lebanon"),
    ("LC", "Saint Lucia"),
    ("LI", "Liechtenstein"),
    ("LK", "Sri Lanka"),
    ("LR", "Liberia"),
    ("LS", "Lesotho"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("LV", "Latvia"),
    ("LY", "Libya|Libyan Arab Jamahiriya"),
    ("MA", "Morocco"),
    ("MC", "Monaco"),
    ("MD", "Moldova|Republic of Moldova"),
    ("ME", "Montenegro"),
    ("MG", "Madagascar"),
    ("MH", "Marshall Islands"),
    ("MK", "North Macedonia|North Macedonia, The Republic of|Macedonia|The former Yugoslav Republic of Macedonia"),
    ("ML", "Mali|Region: Northern Mali"),
    ("MM", "Burma|Myanmar"),
    ("MN", "Mongolia"),
    ("MO", "Macau|Macao|China, Macao Special Administrative Region"),
    ("MR", "Mauritania"),
    ("MT", "Malta"),
    ("MU", "Mauritius"),
    ("MV", "Maldives"),
    ("MW", "Malawi"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("MZ", "Mozambique"),
    ("NA", "Namibia"),
    ("NE", "Niger"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NL", "Netherlands|The Netherlands|Holland"),
    ("NO", "Norway"),
    ("NP", "Nepal"),
    ("NZ", "New Zealand"),
    ("OM", "Oman"),
    ("PA", "Panama"),
    ("PE", "Peru"),
    ("PG", "Papua New Guinea"),
    ("PH", "Philippines"),
    ("PK", "Pakistan"),
    ("PL", "Poland"),
    ("PS", "Palestinian|Palestine|State of Palestine|Palestinian Authority|West Bank|Region: West Bank|Gaza|Region: Gaza|Occupied Palestinian Territory"),
    ("PT", "Portugal"),
    ("PW", "Palau"),
    ("PY", "Paraguay"),
    ("QA", "Qatar"),
    ("RO", "Romania"),
    ("RS", "Serbia"),
    ("RU", "Russia|Russian Federation"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia"),
    ("SB", "Solomon Islands"),
    ("SC", "Seychelles"),
    ("SD", "Sudan"),
    ("SE", "Sweden"),
    ("SG", "Singapore"),
    ("SI", "Slovenia"),
    ("SK", "Slovakia"),
    ("SL", "Sierra Leone"),
    ("SM", "San Marino"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SR", "Suriname"),
    ("SS", "South Sudan"),
    ("ST", "Sao Tome and Principe"),
    ("SV", "El Salvador"),
    ("SY", "Syria|Syrian Arab Republic"),
    ("SZ", "Eswatini|Swaziland"),
    ("TD", "Chad"),
    ("TG", "Togo"),
    ("TH", "Thailand"),
    ("TJ", "Tajikistan"),
    ("TL", "Timor-Leste|East Timor"),
    ("TM", "Turkmenistan"),
    ("TN", "Tunisia"),
    ("TO", "Tonga"),
    ("TR", "Turkey|Turkiye|Türkiye"),
    ("TT", "Trinidad and Tobago"),
    ("TW", "Taiwan|Taiwan, Province of China"),
    ("TZ", "Tanzania|United Republic of Tanzania"),
    ("UA", "Ukraine"),
    ("UG", "Uganda"),
    ("US", "United States|United States of America|USA|U.S.A.|U.S."),
    ("UY", "Uruguay"),
    ("UZ", "Uzbekistan"),
    ("VA", "Holy See|Vatican City"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VE", "Venezuela|Venezuela (Bolivarian Republic of)"),
    ("VG", "Virgin Islands, British|British Virgin Islands"),
    ("VN", "Vietnam|Viet Nam"),
    ("VU", "Vanuatu"),
    ("WS", "Samoa"),
    ("XK", "Kosovo"),
    ("YE", "Yemen"),
    ("ZA", "South Africa"),
    ("ZM", "Zambia"),
    ("ZW", "Zimbabwe"),
];

/// Folds a country name for lookup: lowercase, accents dropped (for the few Latin-1 letters
/// country names use), every run of punctuation or space turned into one space.
fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        let c = match c {
            'à'..='å' | 'À'..='Å' => 'a',
            'ç' | 'Ç' => 'c',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ò'..='ö' | 'Ò'..='Ö' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            '\'' | '’' | '.' => continue,
            c => c,
        };
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Every name of the table exactly as it is written there ("United States", "Korea, North").
fn as_written() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        COUNTRIES
            .iter()
            .flat_map(|(code, names)| names.split('|').map(move |name| (name, *code)))
            .collect()
    })
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for (code, names) in COUNTRIES {
            for name in names.split('|') {
                map.insert(key(name), *code);
            }
        }
        map
    })
}

/// The ISO 3166-1 alpha-2 code (uppercase) for a country name as a sanctions list writes it, or
/// `None` when the name is not a country redflag knows (or is `undetermined`).
///
/// ```
/// use redflag_normalize::country_code;
/// assert_eq!(country_code("Korea, North"), Some("KP"));
/// assert_eq!(country_code("Democratic People's Republic of Korea"), Some("KP"));
/// assert_eq!(country_code("Iran (Islamic Republic of)"), Some("IR"));
/// assert_eq!(country_code("undetermined"), None);
/// ```
pub fn country_code(name: &str) -> Option<&'static str> {
    // Logs write a handful of names millions of times, mostly exactly as the table does.
    if let Some(code) = as_written().get(name) {
        return Some(code);
    }
    let k = key(name);
    if k.is_empty() {
        return None;
    }
    if let Some(code) = table().get(&k) {
        return Some(code);
    }
    // "The Gambia" / "Gambia, The" / "Bahamas, The": retry without the article.
    let stripped = k
        .strip_prefix("the ")
        .or_else(|| k.strip_suffix(" the"))
        .unwrap_or(&k);
    table().get(stripped).copied()
}

/// The first (usual) English name of an ISO code in the table.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(c, _)| *c == code)
        .and_then(|(_, names)| names.split('|').next())
}

/// The code itself when `value` is already an ISO alpha-2 code redflag knows (any case).
pub fn known_code(value: &str) -> Option<&'static str> {
    let upper = value.trim().to_ascii_uppercase();
    COUNTRIES
        .iter()
        .find(|(code, _)| *code == upper)
        .map(|(code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_written_map_as_their_normal_form_does() {
        for (name, code) in as_written() {
            assert_eq!(table().get(&key(name)), Some(code), "{name}");
        }
        assert_eq!(as_written().get("Japan"), Some(&"JP"));
    }

    #[test]
    fn list_spellings_map_to_codes() {
        for (name, code) in [
            ("Korea, North", "KP"),
            ("Korea, South", "KR"),
            ("Russia", "RU"),
            ("Russian Federation", "RU"),
            ("Syrian Arab Republic", "SY"),
            ("Congo, Democratic Republic of the", "CD"),
            ("Democratic Republic of the Congo", "CD"),
            ("Cote d Ivoire", "CI"),
            ("Türkiye", "TR"),
            ("Bahamas, The", "BS"),
            ("The Gambia", "GM"),
            ("Region: Gaza", "PS"),
            ("Virgin Islands, British", "VG"),
            ("United Kingdom of Great Britain and Northern Ireland", "GB"),
            ("China, Hong Kong Special Administrative Region", "HK"),
            ("Burma", "MM"),
            ("Viet Nam", "VN"),
        ] {
            assert_eq!(country_code(name), Some(code), "{name}");
        }
        for name in [
            "undetermined",
            "Region: Crimea",
            "former Soviet Union",
            "",
            "Cali",
        ] {
            assert_eq!(country_code(name), None, "{name}");
        }
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (code, _) in COUNTRIES {
            assert!(code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()));
            assert!(seen.insert(code), "{code} twice");
        }
        assert_eq!(known_code("kp"), Some("KP"));
        assert_eq!(known_code("zz"), None);
    }
}
