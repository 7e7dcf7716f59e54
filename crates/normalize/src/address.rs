//! One key per postal address, so that a laptop farm shows up as one place.
//!
//! Laptops shipped to one facilitator's home, or several hires giving the same residence,
//! are among the strongest signs in the guidance. HR systems, shipping tools and people write
//! that address differently every time; [`address_key`] makes the usual variations equal and
//! keeps different doors different. It is tuned for US addresses (USPS Publication 28) and
//! harmless, if less helpful, elsewhere.
//!
//! What it does, in order:
//!
//! 1. Lowercase, fold Latin accents, drop apostrophes; dotted abbreviations collapse
//!    (`U.S.A.` → `usa`, `P.O.` → `po`, `D.C.` → `dc`); other punctuation becomes a space;
//!    `#` becomes a word of its own.
//! 2. A trailing country name for the United States (`USA`, `U.S.`, `United States [of
//!    America]`) is dropped; other countries are kept as written.
//! 3. Secondary unit designators are pulled out wherever they are and appended at the end
//!    in a fixed order: `apt`, `apartment`, `unit`, `suite`, `ste`, `#`, `room`, `rm`, `no.`,
//!    `office`, `lot`, `flat` → `unit`; `floor`, `fl`, `flr` (also `4th floor`) → `fl`; `building`, `bldg` →
//!    `bldg`. Floors and buildings stay distinct from units on purpose: "Floor 4" and
//!    "Unit 4" are different doors. The identifier loses dashes (`4-B` → `4b`). A floor
//!    number has at most three characters, so `FL 33131` stays a state and a ZIP.
//! 4. A trailing ZIP+4 becomes the 5-digit ZIP (`85001-1234`, `85001 1234`, `850011234`).
//! 5. A trailing US state name or AP abbreviation becomes its two-letter code
//!    (`Arizona`, `Ariz.` → `az`; `North Carolina` → `nc`); a trailing code is kept as is.
//! 6. `P.O. Box`, `PO Box`, `Post Office Box` → `po box`.
//! 7. Street words. The word right after the house number (and after a pre-directional) is
//!    the street **name** and is written out in full: `Ct Street` and `Court Street` both
//!    become `court st`, `St Marks Pl` becomes `saint marks pl`, `Ave of the Americas`
//!    becomes `avenue of the americas`. Every other street-type word is abbreviated per
//!    Publication 28 (`street` → `st`, `avenue` → `ave`, `boulevard` → `blvd`, …), every
//!    directional is abbreviated (`north` → `n`, `northeast` → `ne`), `saint`/`mount`/`fort`
//!    become `st`/`mt`/`ft`, and ordinal words become numbers (`fifth` → `5th`). The rule is
//!    applied identically to both sides of a comparison, so it only has to be consistent,
//!    not linguistically right; city names such as `Fort Worth` simply become `ft worth`
//!    everywhere.
//!
//! The key is the remaining words, then the state, the ZIP and the units, joined by single
//! spaces: `"123 Main St., Apt 4B, Phoenix, AZ 85001"` → `"123 main st phoenix az 85001 unit
//! 4b"`. It is a matching key, not a mailing label.
//!
//! Not handled: units written with no designator (`123 Main St 4B`), house numbers spelled
//! as words, misspellings, and geocoding (two spellings of one building on a corner of two
//! streets stay different).

use crate::fold::fold_lower;

/// The comparison key of a postal address, or `None` when `raw` is blank or only
/// punctuation. See the module documentation for the rules.
///
/// ```
/// use redflag_normalize::address_key;
/// let a = address_key("123 Main St., Apt 4B, Phoenix, AZ 85001");
/// let b = address_key("123 MAIN STREET #4B PHOENIX ARIZONA 85001-1234");
/// assert_eq!(a, b);
/// assert_eq!(a.as_deref(), Some("123 main st phoenix az 85001 unit 4b"));
/// assert_ne!(address_key("12 N Main St"), address_key("12 S Main St"));
/// ```
pub fn address_key(raw: &str) -> Option<String> {
    let mut tokens = tokenize(raw);
    strip_country(&mut tokens);
    let units = take_units(&mut tokens);
    let zip = take_zip(&mut tokens);
    let state = take_state(&mut tokens);
    normalise_po_box(&mut tokens);
    normalise_street(&mut tokens);

    let mut parts = tokens;
    parts.extend(state);
    parts.extend(zip);
    for (kind, id) in units {
        parts.push(kind.word().to_string());
        parts.push(id);
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Step 1: words of the address, lowercased and folded, punctuation handled.
fn tokenize(raw: &str) -> Vec<String> {
    let folded = fold_lower(raw);
    let mut tokens = Vec::new();
    for chunk in folded.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let chunk: String = chunk
            .chars()
            .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`'))
            .collect();
        let chunk = if is_dotted_abbreviation(&chunk) {
            chunk.replace('.', "")
        } else {
            chunk
        };
        let mut spaced = String::with_capacity(chunk.len() + 2);
        for c in chunk.chars() {
            match c {
                '#' => spaced.push_str(" # "),
                c if c.is_alphanumeric() || c == '-' || c == '/' => spaced.push(c),
                _ => spaced.push(' '),
            }
        }
        for word in spaced.split_whitespace() {
            let word = word.trim_matches(|c| c == '-' || c == '/');
            if !word.is_empty() {
                split_glued_designator(word, &mut tokens);
            }
        }
    }
    tokens
}

/// `u.s.a.`, `p.o.`, `d.c.`, `n.e.`: single letters each followed by a dot (the last dot is
/// optional).
fn is_dotted_abbreviation(chunk: &str) -> bool {
    let letters: Vec<&str> = chunk.trim_end_matches('.').split('.').collect();
    letters.len() >= 2
        && letters
            .iter()
            .all(|l| l.chars().count() == 1 && l.chars().all(char::is_alphabetic))
}

/// `apt4b` → `apt`, `4b` (only for designators that never start an ordinary word).
fn split_glued_designator(word: &str, tokens: &mut Vec<String>) {
    for prefix in [
        "apartment",
        "apt",
        "unit",
        "suite",
        "ste",
        "room",
        "rm",
        "bldg",
    ] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                tokens.push(prefix.to_string());
                tokens.push(rest.to_string());
                return;
            }
        }
    }
    tokens.push(word.to_string());
}

/// Step 2: drop a trailing United States country name.
fn strip_country(tokens: &mut Vec<String>) {
    const US_NAMES: &[&[&str]] = &[
        &["united", "states", "of", "america"],
        &["united", "states"],
        &["usa"],
        &["us"],
    ];
    for name in US_NAMES {
        if tokens.len() > name.len() && tokens.ends_with_words(name) {
            tokens.truncate(tokens.len() - name.len());
            return;
        }
    }
}

/// Step 4: a trailing ZIP or ZIP+4, as its 5 digits.
fn take_zip(tokens: &mut Vec<String>) -> Option<String> {
    let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let last = tokens.last()?;
    let zip = if all_digits(last, 5) {
        last.clone()
    } else if all_digits(last, 9) {
        last[..5].to_string()
    } else if let Some((five, four)) = last.split_once('-') {
        if all_digits(five, 5) && all_digits(four, 4) {
            five.to_string()
        } else {
            return None;
        }
    } else if all_digits(last, 4) && tokens.len() >= 2 && all_digits(&tokens[tokens.len() - 2], 5) {
        // "85001 1234": ZIP and +4 as two words.
        tokens.pop();
        return tokens.pop();
    } else {
        return None;
    };
    tokens.pop();
    Some(zip)
}

/// The three kinds of secondary unit, in the order they appear in the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum UnitKind {
    Building,
    Floor,
    Unit,
}

impl UnitKind {
    fn word(self) -> &'static str {
        match self {
            UnitKind::Building => "bldg",
            UnitKind::Floor => "fl",
            UnitKind::Unit => "unit",
        }
    }

    /// The kind a designator word names. `no`/`number` only count away from the start,
    /// where "No. 5" is a house number in many countries.
    fn of(word: &str, position: usize) -> Option<UnitKind> {
        match word {
            "apt" | "apartment" | "unit" | "suite" | "ste" | "#" | "room" | "rm" | "office"
            | "ofc" | "spc" | "space" | "lot" | "flat" => Some(UnitKind::Unit),
            "no" | "nbr" | "num" | "number" if position > 0 => Some(UnitKind::Unit),
            "floor" | "fl" | "flr" => Some(UnitKind::Floor),
            "building" | "bldg" | "bldng" => Some(UnitKind::Building),
            _ => None,
        }
    }
}

/// Step 3: remove every (designator, identifier) pair and return them sorted.
fn take_units(tokens: &mut Vec<String>) -> Vec<(UnitKind, String)> {
    let mut units = Vec::new();
    let mut kept = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        // "PO Box #123", "Box No. 123": the box number, not a unit.
        if matches!(tokens[i].as_str(), "#" | "no" | "nbr" | "num" | "number")
            && kept.last().is_some_and(|k: &String| k == "box")
        {
            i += 1;
            continue;
        }
        // "4th floor", "fourth fl"
        if let Some(floor) = ordinal_number(&tokens[i]) {
            if tokens
                .get(i + 1)
                .is_some_and(|next| UnitKind::of(next, i + 1) == Some(UnitKind::Floor))
            {
                units.push((UnitKind::Floor, floor));
                i += 2;
                continue;
            }
        }
        let Some(mut kind) = UnitKind::of(&tokens[i], i) else {
            kept.push(std::mem::take(&mut tokens[i]));
            i += 1;
            continue;
        };
        // "Apt #4B", "Suite No. 400": the last designator of a run names the unit, except
        // that "#" and "no" only repeat the one before them.
        let mut j = i + 1;
        while let Some(next) = tokens.get(j).and_then(|t| UnitKind::of(t, j)) {
            if !matches!(tokens[j].as_str(), "#" | "no" | "nbr" | "num" | "number") {
                kind = next;
            }
            j += 1;
        }
        match tokens.get(j).filter(|id| is_unit_id(id, kind)) {
            Some(id) => {
                units.push((kind, id.replace(['-', '/'], "")));
                i = j + 1;
            }
            None => {
                // A designator with no identifier ("Suite" as part of a name, "FL" as a
                // state): keep the words, drop a stray "#".
                for t in &mut tokens[i..j] {
                    if t != "#" {
                        kept.push(std::mem::take(t));
                    }
                }
                i = j;
            }
        }
    }
    *tokens = kept;
    units.sort();
    units
}

/// Whether `word` can identify a unit of `kind`: it holds a digit or is a single letter.
/// Floors are short, so `FL 33101` stays a state and a ZIP.
fn is_unit_id(word: &str, kind: UnitKind) -> bool {
    let digits_or_letter = word.chars().any(|c| c.is_ascii_digit())
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic));
    let short_enough = match kind {
        UnitKind::Floor => word.len() <= 3,
        _ => word.len() <= 8,
    };
    digits_or_letter && short_enough && word.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// `4th` → `4`, `fourth` → `4`, `21st` → `21`.
fn ordinal_number(word: &str) -> Option<String> {
    if let Some(pos) = ORDINAL_WORDS.iter().position(|(w, _)| *w == word) {
        let numeral = ORDINAL_WORDS[pos].1;
        return Some(numeral.trim_end_matches(char::is_alphabetic).to_string());
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ok = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th");
    ok.then(|| digits.to_string())
}

/// Step 5: a trailing US state, as its code. It leaves the word list so that street rules
/// never touch it (`WY` is not a way, `FL` not a floor).
fn take_state(tokens: &mut Vec<String>) -> Option<String> {
    for len in (1..=3).rev() {
        // Something must come before the state, and a lone house number is not enough:
        // "Phoenix, Arizona" has a state, "123 Washington" does not.
        let before = tokens.len().saturating_sub(len);
        let lone_number = before == 1 && tokens[0].starts_with(|c: char| c.is_ascii_digit());
        if tokens.len() <= len || lone_number {
            continue;
        }
        let tail = tokens[tokens.len() - len..].join(" ");
        let code = US_STATES
            .iter()
            .chain(AP_STATE_ABBREVIATIONS)
            .find(|(name, code)| *name == tail || *code == tail)
            .map(|(_, code)| *code);
        if let Some(code) = code {
            tokens.truncate(tokens.len() - len);
            return Some(code.to_string());
        }
    }
    None
}

/// Step 6: the spellings of a post-office box.
fn normalise_po_box(tokens: &mut Vec<String>) {
    const SPELLINGS: &[&[&str]] = &[
        &["post", "office", "box"],
        &["p", "o", "box"],
        &["po", "box"],
        &["pob"],
        &["pobox"],
    ];
    let mut i = 0;
    while i < tokens.len() {
        let hit = SPELLINGS.iter().find(|words| {
            tokens.len() >= i + words.len()
                && tokens[i..i + words.len()]
                    .iter()
                    .zip(words.iter())
                    .all(|(t, w)| t == w)
        });
        if let Some(words) = hit {
            tokens.splice(i..i + words.len(), ["po".to_string(), "box".to_string()]);
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// Step 7: street names, types, directionals and ordinals.
fn normalise_street(tokens: &mut [String]) {
    let starts_with_digit = |t: &String| t.starts_with(|c: char| c.is_ascii_digit());
    let has_house_number = tokens.first().is_some_and(starts_with_digit);
    let mut name_at = usize::from(has_house_number);
    // "123 1/2 Main St": the fraction belongs to the house number.
    if has_house_number && tokens.get(1).is_some_and(|t| t.contains('/')) {
        name_at = 2;
    }
    // A directional before the name is a pre-directional ("12 N Main St"), unless it is
    // followed by the only street-type word of the address, in which case it is the name
    // itself ("12 North St, Phoenix"; but "12 North St Paul Blvd" is North Saint Paul).
    let is_street_type = |t: &String| street_type(t).is_some();
    let directional_is_name = tokens.get(name_at + 1).is_some_and(is_street_type)
        && !tokens
            .get(name_at + 2..)
            .is_some_and(|rest| rest.iter().any(is_street_type));
    if tokens
        .get(name_at)
        .is_some_and(|t| directional(t).is_some())
        && !directional_is_name
    {
        if let Some(abbr) = directional(&tokens[name_at]) {
            tokens[name_at] = abbr.to_string();
        }
        name_at += 1;
    }
    for (i, token) in tokens.iter_mut().enumerate() {
        if has_house_number && i == 0 {
            continue;
        }
        let replacement = if i == name_at {
            street_name_word(token)
        } else {
            other_word(token)
        };
        if let Some(replacement) = replacement {
            *token = replacement;
        }
    }
}

/// The street-name position: street types and their abbreviations written out in full.
/// `St` here is Saint ("St Marks Pl"), not Street.
fn street_name_word(token: &str) -> Option<String> {
    let word = match token {
        "st" | "saint" => "saint",
        "mt" | "mount" => "mount",
        "ft" | "fort" => "fort",
        _ => match street_type(token) {
            Some((full, _)) => full,
            None => return ordinal_word(token).map(str::to_string),
        },
    };
    Some(word.to_string())
}

/// Anywhere else: street types, directionals and saint/mount/fort abbreviated.
fn other_word(token: &str) -> Option<String> {
    if let Some((_, abbr)) = street_type(token) {
        return Some(abbr.to_string());
    }
    if let Some(abbr) = directional(token) {
        return Some(abbr.to_string());
    }
    let word = match token {
        "saint" => "st",
        "mount" => "mt",
        "fort" => "ft",
        _ => return ordinal_word(token).map(str::to_string),
    };
    Some(word.to_string())
}

/// `(full, abbreviation)` of a street-type word written either way or as a common variant.
fn street_type(token: &str) -> Option<(&'static str, &'static str)> {
    STREET_TYPES
        .iter()
        .find(|(full, abbr, variants)| {
            *full == token || *abbr == token || variants.contains(&token)
        })
        .map(|(full, abbr, _)| (*full, *abbr))
}

/// The abbreviation of a directional written either way.
fn directional(token: &str) -> Option<&'static str> {
    DIRECTIONALS
        .iter()
        .find(|(full, abbr)| *full == token || *abbr == token)
        .map(|(_, abbr)| *abbr)
}

/// `fifth` → `5th`.
fn ordinal_word(token: &str) -> Option<&'static str> {
    ORDINAL_WORDS
        .iter()
        .find(|(word, _)| *word == token)
        .map(|(_, numeral)| *numeral)
}

/// Suffix checks on a token list.
trait EndsWithWords {
    fn ends_with_words(&self, words: &[&str]) -> bool;
}

impl EndsWithWords for Vec<String> {
    fn ends_with_words(&self, words: &[&str]) -> bool {
        self.len() >= words.len()
            && self[self.len() - words.len()..]
                .iter()
                .zip(words)
                .all(|(t, w)| t == w)
    }
}

/// Street types from USPS Publication 28, Appendix C1: (full name, standard abbreviation,
/// other spellings seen in the wild). Limited to words that name a street, so that city
/// names are disturbed as little as possible.
const STREET_TYPES: &[(&str, &str, &[&str])] = &[
    ("alley", "aly", &["allee", "ally"]),
    ("annex", "anx", &["anex", "annx"]),
    ("arcade", "arc", &[]),
    ("avenue", "ave", &["av", "aven", "avenu", "avn", "avnue"]),
    ("boulevard", "blvd", &["boul", "boulv"]),
    ("bypass", "byp", &["bypa", "bypas", "byps"]),
    ("causeway", "cswy", &["causwa"]),
    (
        "center",
        "ctr",
        &["centre", "cent", "centr", "cntr", "cnter"],
    ),
    ("circle", "cir", &["circ", "circl", "crcl", "crcle"]),
    ("court", "ct", &["crt"]),
    ("cove", "cv", &[]),
    ("creek", "crk", &[]),
    ("crescent", "cres", &["crsent", "crsnt"]),
    ("crest", "crst", &[]),
    ("crossing", "xing", &["crssng"]),
    ("curve", "curv", &[]),
    ("drive", "dr", &["driv", "drv"]),
    ("estates", "ests", &[]),
    ("expressway", "expy", &["exp", "expr", "express", "expw"]),
    ("extension", "ext", &["extn", "extnsn"]),
    ("freeway", "fwy", &["frway", "frwy"]),
    ("gateway", "gtwy", &["gatewy", "gatway", "gtway"]),
    ("glen", "gln", &[]),
    ("grove", "grv", &["grov"]),
    ("heights", "hts", &["ht"]),
    ("highway", "hwy", &["highwy", "hiway", "hiwy", "hway"]),
    ("hollow", "holw", &["hllw", "hollows", "holws"]),
    ("junction", "jct", &["jction", "jctn", "junctn", "juncton"]),
    ("landing", "lndg", &["lndng"]),
    ("lane", "ln", &[]),
    ("loop", "loop", &["loops"]),
    ("manor", "mnr", &[]),
    ("meadows", "mdws", &["mdw", "medows"]),
    ("motorway", "mtwy", &[]),
    ("overpass", "opas", &[]),
    ("parkway", "pkwy", &["parkwy", "pkway", "pky"]),
    ("path", "path", &["paths"]),
    ("pike", "pike", &["pikes"]),
    ("place", "pl", &[]),
    ("plaza", "plz", &["plza"]),
    ("point", "pt", &[]),
    ("ridge", "rdg", &["rdge"]),
    ("road", "rd", &[]),
    ("route", "rte", &[]),
    ("row", "row", &[]),
    ("run", "run", &[]),
    ("square", "sq", &["sqr", "sqre", "squ"]),
    ("street", "st", &["str", "strt", "streme"]),
    ("terrace", "ter", &["terr"]),
    ("trace", "trce", &["traces"]),
    ("trail", "trl", &["trails", "trls"]),
    ("tunnel", "tunl", &["tunel", "tunls", "tunnels", "tunnl"]),
    ("turnpike", "tpke", &["trnpk", "turnpk"]),
    ("underpass", "upas", &[]),
    ("walk", "walk", &["walks"]),
    ("way", "way", &[]),
];

/// Directionals and their Publication 28 abbreviations.
const DIRECTIONALS: &[(&str, &str)] = &[
    ("north", "n"),
    ("south", "s"),
    ("east", "e"),
    ("west", "w"),
    ("northeast", "ne"),
    ("northwest", "nw"),
    ("southeast", "se"),
    ("southwest", "sw"),
    ("north-east", "ne"),
    ("north-west", "nw"),
    ("south-east", "se"),
    ("south-west", "sw"),
];

/// Ordinal words as numerals, for numbered streets and floors.
const ORDINAL_WORDS: &[(&str, &str)] = &[
    ("first", "1st"),
    ("second", "2nd"),
    ("third", "3rd"),
    ("fourth", "4th"),
    ("fifth", "5th"),
    ("sixth", "6th"),
    ("seventh", "7th"),
    ("eighth", "8th"),
    ("ninth", "9th"),
    ("tenth", "10th"),
    ("eleventh", "11th"),
    ("twelfth", "12th"),
    ("thirteenth", "13th"),
    ("fourteenth", "14th"),
    ("fifteenth", "15th"),
    ("sixteenth", "16th"),
    ("seventeenth", "17th"),
    ("eighteenth", "18th"),
    ("nineteenth", "19th"),
    ("twentieth", "20th"),
];

/// US states, the District of Columbia and inhabited territories: (name, USPS code).
const US_STATES: &[(&str, &str)] = &[
    ("alabama", "al"),
    ("alaska", "ak"),
    ("arizona", "az"),
    ("arkansas", "ar"),
    ("california", "ca"),
    ("colorado", "co"),
    ("connecticut", "ct"),
    ("delaware", "de"),
    ("florida", "fl"),
    ("georgia", "ga"),
    ("hawaii", "hi"),
    ("idaho", "id"),
    ("illinois", "il"),
    ("indiana", "in"),
    ("iowa", "ia"),
    ("kansas", "ks"),
    ("kentucky", "ky"),
    ("louisiana", "la"),
    ("maine", "me"),
    ("maryland", "md"),
    ("massachusetts", "ma"),
    ("michigan", "mi"),
    ("minnesota", "mn"),
    ("mississippi", "ms"),
    ("missouri", "mo"),
    ("montana", "mt"),
    ("nebraska", "ne"),
    ("nevada", "nv"),
    ("new hampshire", "nh"),
    ("new jersey", "nj"),
    ("new mexico", "nm"),
    ("new york", "ny"),
    ("north carolina", "nc"),
    ("north dakota", "nd"),
    ("ohio", "oh"),
    ("oklahoma", "ok"),
    ("oregon", "or"),
    ("pennsylvania", "pa"),
    ("rhode island", "ri"),
    ("south carolina", "sc"),
    ("south dakota", "sd"),
    ("tennessee", "tn"),
    ("texas", "tx"),
    ("utah", "ut"),
    ("vermont", "vt"),
    ("virginia", "va"),
    ("washington", "wa"),
    ("west virginia", "wv"),
    ("wisconsin", "wi"),
    ("wyoming", "wy"),
    ("district of columbia", "dc"),
    ("puerto rico", "pr"),
    ("guam", "gu"),
    ("us virgin islands", "vi"),
    ("virgin islands", "vi"),
    ("american samoa", "as"),
    ("northern mariana islands", "mp"),
];

/// Associated Press state abbreviations, as people still write them on forms.
const AP_STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("ala", "al"),
    ("ariz", "az"),
    ("ark", "ar"),
    ("calif", "ca"),
    ("cal", "ca"),
    ("colo", "co"),
    ("conn", "ct"),
    ("del", "de"),
    ("fla", "fl"),
    ("ill", "il"),
    ("ind", "in"),
    ("kan", "ks"),
    ("kans", "ks"),
    ("mass", "ma"),
    ("mich", "mi"),
    ("minn", "mn"),
    ("miss", "ms"),
    ("mont", "mt"),
    ("neb", "ne"),
    ("nebr", "ne"),
    ("nev", "nv"),
    ("okla", "ok"),
    ("ore", "or"),
    ("oreg", "or"),
    ("penn", "pa"),
    ("penna", "pa"),
    ("tenn", "tn"),
    ("tex", "tx"),
    ("wash", "wa"),
    ("w va", "wv"),
    ("wis", "wi"),
    ("wisc", "wi"),
    ("wyo", "wy"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> String {
        address_key(raw).unwrap_or_else(|| panic!("no key for {raw:?}"))
    }

    fn assert_all_equal(raws: &[&str]) {
        let first = key(raws[0]);
        for raw in &raws[1..] {
            assert_eq!(key(raw), first, "{raw:?} vs {:?}", raws[0]);
        }
    }

    fn assert_differ(a: &str, b: &str) {
        assert_ne!(key(a), key(b), "{a:?} vs {b:?}");
    }

    #[test]
    fn messy_writings_of_one_apartment_agree() {
        assert_all_equal(&[
            "123 Main St., Apt 4B, Phoenix, AZ 85001",
            "123 MAIN STREET #4B PHOENIX ARIZONA 85001-1234",
            "123 Main Street Apartment 4b, Phoenix AZ 85001",
            "123 main st apt. 4-B, phoenix, ariz. 85001, USA",
            "Apt 4B, 123 Main St, Phoenix, AZ 85001",
            "123 Main St Apt4B Phoenix AZ 850011234",
            "123 Main St Unit 4B Phoenix AZ 85001 1234 United States",
            "123 Main St, Apt #4B, Phoenix, AZ 85001, U.S.A.",
        ]);
        assert_eq!(
            key("123 Main St., Apt 4B, Phoenix, AZ 85001"),
            "123 main st phoenix az 85001 unit 4b"
        );
    }

    #[test]
    fn different_doors_stay_different() {
        let base = "123 Main St, Apt 4B, Phoenix, AZ 85001";
        assert_differ(base, "123 Main St, Apt 4C, Phoenix, AZ 85001");
        assert_differ(base, "125 Main St, Apt 4B, Phoenix, AZ 85001");
        assert_differ(base, "123 Maple St, Apt 4B, Phoenix, AZ 85001");
        assert_differ(base, "123 Main Ave, Apt 4B, Phoenix, AZ 85001");
        assert_differ(base, "123 Main St, Phoenix, AZ 85001");
        assert_differ(base, "123 Main St, Apt 4B, Phoenix, AZ 85004");
        assert_differ(base, "123 Main St, Apt 4B, Tucson, AZ 85001");
        assert_differ("12 N Main St", "12 S Main St");
        assert_differ("12 N Main St", "12 Main St");
        assert_differ("500 Oak Ave, Floor 4", "500 Oak Ave, Unit 4");
        assert_differ("500 Oak Ave, Bldg 2, Unit 4", "500 Oak Ave, Bldg 3, Unit 4");
    }

    #[test]
    fn directionals_abbreviate() {
        assert_all_equal(&["12 North Main Street", "12 N. Main St.", "12 n main st"]);
        assert_all_equal(&[
            "1600 Pennsylvania Ave NW",
            "1600 Pennsylvania Avenue Northwest",
        ]);
        // "North" followed by a street type is the street's name, not a direction.
        assert_eq!(key("12 North St"), "12 north st");
        assert_eq!(key("12 N St, Phoenix"), "12 n st phoenix");
        assert_differ("12 North St", "12 South St");
        // ... unless another street type follows: then "St" is Saint.
        assert_all_equal(&[
            "1234 N. Saint Paul Blvd., Saint Paul, MN 55101",
            "1234 North St. Paul Boulevard, St Paul, Minn. 55101",
        ]);
    }

    #[test]
    fn street_name_words_are_not_mistaken_for_suffixes() {
        assert_all_equal(&[
            "45 Court Street, Brooklyn, NY 11201",
            "45 Ct St, Brooklyn, New York 11201",
            "45 Court St. Brooklyn NY 11201-4401",
        ]);
        assert_eq!(key("45 Court Street"), "45 court st");
        assert_differ("45 Court Street", "45 Court Place");
        assert_all_equal(&[
            "12 St. Marks Place, New York, NY 10003",
            "12 Saint Marks Pl, New York, New York 10003",
        ]);
        assert_all_equal(&["1211 Avenue of the Americas", "1211 Ave. of the Americas"]);
    }

    #[test]
    fn ordinals_and_floors() {
        assert_all_equal(&["725 Fifth Avenue", "725 5th Ave"]);
        assert_all_equal(&[
            "500 Oak Ave, 4th Floor, Austin, TX 78701",
            "500 Oak Ave Fl 4 Austin Texas 78701",
            "500 Oak Avenue, Floor 4, Austin, TX 78701",
            "500 Oak Ave, Fourth Floor, Austin, Tex. 78701",
        ]);
    }

    #[test]
    fn suites_and_hash_signs() {
        assert_all_equal(&[
            "1 Market St, Suite 400, San Francisco, CA 94105",
            "1 Market St Ste. 400 San Francisco California 94105",
            "1 Market St #400, San Francisco, CA 94105",
            "1 Market Street, Suite No. 400, San Francisco, Calif. 94105",
        ]);
    }

    #[test]
    fn state_codes_are_not_street_words() {
        assert_all_equal(&[
            "1 Capitol Ave, Cheyenne, WY 82001",
            "1 Capitol Avenue Cheyenne Wyoming 82001",
        ]);
        assert_all_equal(&[
            "1 Main St, Hartford, CT 06103",
            "1 Main St, Hartford, Connecticut 06103",
        ]);
        assert_eq!(
            key("1 Main St, Helena, MT 59601"),
            key("1 Main Street Helena Montana 59601")
        );
    }

    #[test]
    fn florida_is_a_state_not_a_floor() {
        assert_all_equal(&[
            "100 Biscayne Blvd, Miami, FL 33131",
            "100 Biscayne Boulevard Miami Florida 33131-1234",
            "100 Biscayne Blvd., Miami, Fla. 33131",
        ]);
        assert_eq!(
            key("100 Biscayne Blvd, Miami, FL 33131"),
            "100 biscayne blvd miami fl 33131"
        );
    }

    #[test]
    fn city_and_state_only() {
        assert_all_equal(&["Phoenix, Arizona", "PHOENIX AZ", "Phoenix, AZ, USA"]);
        assert_all_equal(&["Raleigh, North Carolina", "Raleigh NC"]);
        assert_eq!(key("123 Washington"), "123 washington");
        assert_differ("Phoenix, AZ", "Phoenix, OR");
    }

    #[test]
    fn multi_word_states() {
        assert_all_equal(&[
            "5 Oak Ridge Rd, Raleigh, North Carolina 27601",
            "5 Oak Ridge Road Raleigh NC 27601",
        ]);
        assert_all_equal(&[
            "10 Capitol St, Charleston, West Virginia 25301",
            "10 Capitol St, Charleston, W. Va. 25301",
            "10 Capitol Street Charleston WV 25301",
        ]);
        assert_all_equal(&[
            "1 Penn Ave, Washington, D.C. 20001",
            "1 Penn Avenue, Washington DC 20001",
            "1 Penn Ave, Washington, District of Columbia 20001",
        ]);
    }

    #[test]
    fn units_outside_the_us() {
        assert_all_equal(&[
            "Flat 3, 221B Baker Street, London NW1 6XE",
            "221B Baker St Flat 3 London NW1 6XE",
        ]);
        assert_differ("Flat 3, 221B Baker Street", "Flat 4, 221B Baker Street");
    }

    #[test]
    fn po_boxes() {
        assert_all_equal(&[
            "P.O. Box 123, Phoenix, AZ 85001",
            "PO Box 123 Phoenix AZ 85001",
            "Post Office Box 123, Phoenix, Arizona 85001",
            "P. O. Box 123, Phoenix, AZ 85001",
            "PO Box #123, Phoenix AZ 85001",
            "PO Box No. 123, Phoenix AZ 85001",
        ]);
        assert_differ(
            "PO Box 123, Phoenix, AZ 85001",
            "PO Box 124, Phoenix, AZ 85001",
        );
    }

    #[test]
    fn accents_and_apostrophes() {
        assert_all_equal(&["12 Calle Peñasco, Tucson, AZ", "12 CALLE PENASCO TUCSON AZ"]);
        assert_all_equal(&[
            "9 O'Farrell St, San Francisco",
            "9 OFarrell Street San Francisco",
        ]);
    }

    #[test]
    fn blank_is_none() {
        assert_eq!(address_key(""), None);
        assert_eq!(address_key("   "), None);
        assert_eq!(address_key(" , . # "), None);
    }

    #[test]
    fn street_type_abbreviations_are_unambiguous() {
        let mut seen = std::collections::HashMap::new();
        for (full, abbr, variants) in STREET_TYPES {
            for spelling in std::iter::once(full)
                .chain(std::iter::once(abbr))
                .chain(variants.iter())
            {
                if let Some(previous) = seen.insert(*spelling, *full) {
                    assert_eq!(previous, *full, "{spelling} maps to two street types");
                }
                assert!(
                    directional(spelling).is_none(),
                    "{spelling} is also a directional"
                );
            }
        }
    }
}
