//! OFAC's legacy remarks field, clause by clause.
//!
//! The legacy CSV puts everything that is not a name, program or vessel column into one
//! `Remarks` text: `DOB 25 Apr 1965; POB North Pyongan Province, North Korea; nationality Korea,
//! North; Digital Currency Address - XBT 1D6g…; alt. Passport 827220538 (Korea, North); a.k.a.
//! 'THIRD BUREAU'.` Clauses are separated by `; `, alternates start with `alt. `. Each clause is
//! matched against the labels OFAC uses (the same labels the advanced XML uses as feature and
//! document types); a clause with no known label is kept as a `Remark` [`Fact`].

use crate::dates;
use crate::model::{
    Country, EntityName, Fact, IdKind, Identifier, NameKind, NameStrength, PartialDate,
};
use crate::text::squash;

/// What the remarks say, before it is put on an entity.
#[derive(Debug, Default)]
pub(crate) struct Remarks {
    pub birth_dates: Vec<PartialDate>,
    pub birth_places: Vec<String>,
    pub nationalities: Vec<Country>,
    pub citizenships: Vec<Country>,
    pub gender: Option<String>,
    pub names: Vec<EntityName>,
    pub identifiers: Vec<Identifier>,
    pub crypto: Vec<(String, String)>,
    pub linked_to: Vec<String>,
    pub facts: Vec<Fact>,
    /// DOB clauses whose date could not be read (kept as facts too).
    pub unreadable_dates: usize,
}

/// Identifier labels OFAC uses, with what they are. Matched longest first, case-sensitively, on
/// a clause that starts with the label followed by a space or colon.
/// `None` means a kind of its own: the identifier's kind is `Other(label)`.
pub(crate) static ID_LABELS: &[(&str, Option<IdKind>)] = &[
    ("Passport", Some(IdKind::Passport)),
    ("Diplomatic Passport", Some(IdKind::Passport)),
    ("British National Overseas Passport", Some(IdKind::Passport)),
    ("Stateless Person Passport", Some(IdKind::Passport)),
    ("Passport No.", Some(IdKind::Passport)),
    ("Passport Booklet", Some(IdKind::Passport)),
    ("Travel Document Number", Some(IdKind::Passport)),
    ("National ID No.", Some(IdKind::NationalId)),
    ("Identification Number", Some(IdKind::NationalId)),
    ("National Identification Number", Some(IdKind::NationalId)),
    ("National Foreign ID Number", Some(IdKind::NationalId)),
    ("Cedula No.", Some(IdKind::NationalId)),
    ("D.N.I.", Some(IdKind::NationalId)),
    ("C.U.R.P.", Some(IdKind::NationalId)),
    ("C.U.R.P", Some(IdKind::NationalId)),
    ("C.U.R.P. #", Some(IdKind::NationalId)),
    ("C.U.I.", Some(IdKind::NationalId)),
    ("C.U.I.P.", Some(IdKind::NationalId)),
    ("I.F.E.", Some(IdKind::NationalId)),
    ("N.I.E.", Some(IdKind::NationalId)),
    ("SSN", Some(IdKind::NationalId)),
    ("Personal ID Card", Some(IdKind::NationalId)),
    ("Citizen's Card Number", Some(IdKind::NationalId)),
    ("Kenyan ID No.", Some(IdKind::NationalId)),
    ("Bosnian Personal ID No.", Some(IdKind::NationalId)),
    ("Moroccan Personal ID No.", Some(IdKind::NationalId)),
    ("Tazkira National ID Card", Some(IdKind::NationalId)),
    ("Turkish Identification Number", Some(IdKind::NationalId)),
    ("Numero de Identidad", Some(IdKind::NationalId)),
    ("Credencial electoral", Some(IdKind::NationalId)),
    ("Electoral Registry No.", Some(IdKind::NationalId)),
    ("CNP (Personal Numerical Code)", Some(IdKind::NationalId)),
    ("UAE Identification", Some(IdKind::NationalId)),
    ("Residency Number", Some(IdKind::NationalId)),
    ("Refugee ID Card", Some(IdKind::NationalId)),
    ("Stateless Person ID Card", Some(IdKind::NationalId)),
    ("Romanian Permanent Resident", Some(IdKind::NationalId)),
    ("Tax ID No.", Some(IdKind::TaxId)),
    ("RFC", Some(IdKind::TaxId)),
    ("R.F.C.", Some(IdKind::TaxId)),
    ("R.F.C. #", Some(IdKind::TaxId)),
    ("NIT #", Some(IdKind::TaxId)),
    ("RUC #", Some(IdKind::TaxId)),
    ("RIF #", Some(IdKind::TaxId)),
    ("RTN", Some(IdKind::TaxId)),
    ("C.U.I.T.", Some(IdKind::TaxId)),
    ("C.I.F.", Some(IdKind::TaxId)),
    ("N.I.F.", Some(IdKind::TaxId)),
    ("V.A.T. Number", Some(IdKind::TaxId)),
    ("Italian Fiscal Code", Some(IdKind::TaxId)),
    ("Fiscal Code", Some(IdKind::TaxId)),
    ("US FEIN", Some(IdKind::TaxId)),
    ("Paraguayan tax identification number", Some(IdKind::TaxId)),
    ("Romanian Tax Registration", Some(IdKind::TaxId)),
    (
        "Numero Unico de Identificacao Tributaria (NUIT)",
        Some(IdKind::TaxId),
    ),
    ("Registration Number", Some(IdKind::Registration)),
    ("Registration ID", Some(IdKind::Registration)),
    ("Business Registration Number", Some(IdKind::Registration)),
    (
        "Business Registration Document #",
        Some(IdKind::Registration),
    ),
    ("Business Number", Some(IdKind::Registration)),
    ("Commercial Registry Number", Some(IdKind::Registration)),
    ("Company Number", Some(IdKind::Registration)),
    ("UK Company Number", Some(IdKind::Registration)),
    ("Company ID: No.", Some(IdKind::Registration)),
    ("Government Gazette Number", Some(IdKind::Registration)),
    ("Folio Mercantil No.", Some(IdKind::Registration)),
    ("Matricula Mercantil No", Some(IdKind::Registration)),
    ("C.R. No.", Some(IdKind::Registration)),
    ("Romanian C.R.", Some(IdKind::Registration)),
    ("Trade License No.", Some(IdKind::Registration)),
    ("Chamber of Commerce Number", Some(IdKind::Registration)),
    ("Istanbul Chamber of Comm. No.", Some(IdKind::Registration)),
    (
        "Dubai Chamber of Commerce Membership No.",
        Some(IdKind::Registration),
    ),
    (
        "Unified Social Credit Code (USCC)",
        Some(IdKind::Registration),
    ),
    (
        "United Social Credit Code Certificate (USCCC)",
        Some(IdKind::Registration),
    ),
    ("Legal Entity Number", Some(IdKind::Registration)),
    ("LE Number", Some(IdKind::Registration)),
    (
        "Economic Register Number (CBLS)",
        Some(IdKind::Registration),
    ),
    (
        "Central Registration System Number",
        Some(IdKind::Registration),
    ),
    ("Public Registration Number", Some(IdKind::Registration)),
    ("Enterprise Number", Some(IdKind::Registration)),
    ("Chinese Commercial Code", Some(IdKind::Registration)),
    (
        "Certificate of Incorporation Number",
        Some(IdKind::Registration),
    ),
    ("Registered Charity No.", Some(IdKind::Registration)),
    ("D-U-N-S Number", Some(IdKind::Registration)),
    ("Organization Code", Some(IdKind::Registration)),
    ("MSB Registration Number", Some(IdKind::Registration)),
    ("BIK (RU)", Some(IdKind::Registration)),
    ("Email Address", Some(IdKind::Email)),
    ("Email", Some(IdKind::Email)),
    ("Website", Some(IdKind::Website)),
    ("Phone Number", Some(IdKind::Phone)),
    ("Phone No.", Some(IdKind::Phone)),
    ("PHONE", Some(IdKind::Phone)),
    ("Telephone", Some(IdKind::Phone)),
    ("Telephone No.", Some(IdKind::Phone)),
    ("Telephone Number", Some(IdKind::Phone)),
    ("Alt. Telephone", Some(IdKind::Phone)),
    ("Fax", Some(IdKind::Phone)),
    ("Fax No.", Some(IdKind::Phone)),
    ("FAX", Some(IdKind::Phone)),
    ("Alt. Fax", Some(IdKind::Phone)),
    ("SWIFT/BIC", Some(IdKind::Swift)),
    ("Vessel Registration Identification", Some(IdKind::Imo)),
    ("Identification Number IMO", Some(IdKind::Imo)),
    ("Company Number IMO", Some(IdKind::Imo)),
    ("International Maritime Organization No.", Some(IdKind::Imo)),
    ("MMSI", Some(IdKind::Mmsi)),
    ("Driver's License No.", None),
    ("Birth Certificate Number", None),
    ("Cartilla de Servicio Militar Nacional", None),
    ("Seafarer's Identification Document", None),
    ("Immigration No.", None),
    ("Public Security and Immigration No.", None),
    ("VisaNumberID", None),
    ("License", None),
    ("Permit Number", None),
    ("SRE Permit No.", None),
    ("Trade License", None),
    ("Tourism License No.", None),
    ("Pilot License Number", None),
    ("Afghan Money Service Provider License Number", None),
    ("Military Registration Number", None),
    ("Branch Unit Number", None),
    ("File Number", None),
    ("Aircraft Serial Identification", None),
    ("Aircraft Tail Number", None),
    ("Previous Aircraft Tail Number", None),
    ("Aircraft Mode S Transponder Code", None),
    ("Aircraft Manufacturer's Serial Number (MSN)", None),
    ("ISIN", None),
];

/// The kind a table entry gives an identifier labelled `label`.
fn kind_of(entry: &Option<IdKind>, label: &str) -> IdKind {
    entry
        .clone()
        .unwrap_or_else(|| IdKind::Other(label.to_string()))
}

/// The identifier kind for a document-type label (also used for advanced-XML `IDRegDocType`
/// and feature names). Unknown labels are `Other(label)`.
pub(crate) fn id_kind_for_label(label: &str) -> IdKind {
    let l = label.trim().trim_end_matches(':').trim();
    if let Some((_, entry)) = ID_LABELS.iter().find(|(name, _)| *name == l) {
        return kind_of(entry, l);
    }
    let lower = l.to_ascii_lowercase();
    if lower.contains("passport") || lower.contains("pasaporte") || lower.contains("passeport") {
        IdKind::Passport
    } else if lower.contains("national identification") || lower.contains("national id") {
        IdKind::NationalId
    } else if lower.contains("tax") {
        IdKind::TaxId
    } else if lower.contains("registration") || lower.contains("register") {
        IdKind::Registration
    } else {
        IdKind::Other(l.to_string())
    }
}

/// Labels of clauses that are facts about the party, not identifiers (their value is text or
/// a date). Colon- and dash-terminated labels are recognised generically.
const FACT_LABELS: &[&str] = &[
    "Organization Established Date",
    "Organization Type",
    "Target Type",
    "Aircraft Model",
    "Aircraft Manufacture Date",
    "Aircraft Operator",
    "Aircraft Construction Number (also called L/N or S/N or F/N)",
    "Vessel Year of Build",
    "Former Vessel Flag",
    "Other Vessel Flag",
    "Other Vessel Call Sign",
    "Other Vessel Type",
    "Equity Ticker",
    "Issuer Name",
    "MICEX Code",
];

/// Labels ending in ` -` (OFAC's `Additional Sanctions Information - …`).
const DASH_LABELS: &[&str] = &[
    "Additional Sanctions Information",
    "Executive Order 13662 Directive Determination",
    "Executive Order 14024 Directive Information",
    "IFCA Determination",
];

/// Splits remarks into clauses. `truncated` drops the text after the last `;` (it was cut by
/// the 1,000-character field limit and may hold half an address).
pub(crate) fn clauses(remarks: &str, truncated: bool) -> Vec<&str> {
    let text = remarks.trim();
    let text = if truncated {
        // Everything after the last separator is the cut-off piece (possibly empty, when the
        // cut fell just after a `;`).
        text.rsplit_once(';').map(|(done, _)| done).unwrap_or("")
    } else {
        text.strip_suffix('.').unwrap_or(text)
    };
    text.split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Finds the longest label in `labels` that `clause` starts with, followed by a space, colon or
/// the end. Returns the label and the rest.
fn strip_label<'c>(
    clause: &'c str,
    labels: &'static [(&'static str, Option<IdKind>)],
) -> Option<(&'c str, &'static Option<IdKind>, &'c str)> {
    let mut best: Option<(usize, &'static Option<IdKind>)> = None;
    for (label, code) in labels {
        if clause.len() > label.len()
            && clause.starts_with(label)
            && matches!(clause.as_bytes()[label.len()], b' ' | b':')
            && best.is_none_or(|(len, _)| label.len() > len)
        {
            best = Some((label.len(), code));
        }
    }
    let (len, code) = best?;
    let rest = clause[len..].trim_start_matches(':').trim();
    Some((&clause[..len], code, rest))
}

/// `123 (Korea, North) issued 16 Oct 2019` → value, country, note.
pub(crate) fn split_value(rest: &str) -> (String, Option<Country>, Option<String>) {
    // Country in the last parenthesis group that is followed only by issued/expires notes.
    if let Some(open) = rest.find(" (") {
        if let Some(close_rel) = rest[open..].find(')') {
            let close = open + close_rel;
            let inside = &rest[open + 2..close];
            let after = rest[close + 1..].trim();
            let value = rest[..open].trim();
            let note_ok = after.is_empty()
                || after.starts_with("issued")
                || after.starts_with("expires")
                || after.starts_with("Expiration")
                || after.starts_with("Issue");
            if !value.is_empty() && note_ok && !inside.is_empty() {
                return (
                    value.to_string(),
                    Some(Country::from_name(inside)),
                    (!after.is_empty()).then(|| after.to_string()),
                );
            }
        }
    }
    for marker in [" issued ", " expires "] {
        if let Some(i) = rest.find(marker) {
            return (
                rest[..i].trim().to_string(),
                None,
                Some(rest[i..].trim().to_string()),
            );
        }
    }
    (rest.trim().to_string(), None, None)
}

/// The quoted name of an `a.k.a. 'NAME'` clause: between the first and the last quote.
fn quoted(rest: &str) -> Option<&str> {
    let start = rest.find('\'')?;
    let end = rest.rfind('\'')?;
    (end > start + 1).then(|| rest[start + 1..end].trim())
}

/// Parses remarks clauses. `individual` splits `SURNAME, Given` in alias names.
pub(crate) fn parse(remarks: &str, truncated: bool, individual: bool) -> Remarks {
    let mut out = Remarks::default();
    for raw in clauses(remarks, truncated) {
        let clause = raw
            .strip_prefix("alt. ")
            .or_else(|| raw.strip_prefix("Alt. "))
            .unwrap_or(raw)
            .trim();
        if let Some(rest) = clause.strip_prefix("DOB ") {
            match dates::ofac_dob(rest) {
                Some(d) => out.birth_dates.push(d),
                None => {
                    out.unreadable_dates += 1;
                    out.facts.push(fact("DOB", rest));
                }
            }
        } else if let Some(rest) = clause.strip_prefix("POB ") {
            out.birth_places.push(squash(rest));
        } else if let Some(rest) = clause.strip_prefix("nationality ") {
            out.nationalities.push(Country::from_name(rest));
        } else if let Some(rest) = clause.strip_prefix("citizen ") {
            out.citizenships.push(Country::from_name(rest));
        } else if let Some(rest) = clause.strip_prefix("Gender ") {
            out.gender = Some(rest.trim().to_string());
        } else if let Some((kind, rest)) = alias_clause(clause) {
            if let Some(name) = quoted(rest) {
                let n = EntityName::new(name, NameStrength::Weak, kind);
                out.names
                    .push(if individual { n.with_comma_parts() } else { n });
            } else {
                out.facts.push(fact("Remark", clause));
            }
        } else if let Some(rest) = clause.strip_prefix("Digital Currency Address - ") {
            let mut words = rest.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(cur), Some(addr), None) if is_currency(cur) => {
                    out.crypto.push((cur.to_string(), addr.to_string()))
                }
                _ => out.facts.push(fact("Digital Currency Address", rest)),
            }
        } else if let Some(rest) = clause.strip_prefix("Linked To:") {
            out.linked_to.push(squash(rest));
        } else if let Some((label, code, rest)) = strip_label(clause, ID_LABELS) {
            let (mut value, country, note) = split_value(rest);
            if *code == Some(IdKind::Imo) {
                value = value
                    .strip_prefix("IMO ")
                    .map(str::to_string)
                    .unwrap_or(value);
            }
            if value.is_empty() {
                out.facts.push(fact(label, rest));
            } else {
                out.identifiers.push(Identifier {
                    kind: kind_of(code, label),
                    label: label.to_string(),
                    value,
                    country,
                    note,
                });
            }
        } else if let Some(label) = FACT_LABELS
            .iter()
            .find(|l| clause.starts_with(*l) && clause.len() > l.len())
        {
            let rest = clause[label.len()..].trim_start_matches(':').trim();
            out.facts.push(fact(label, rest));
        } else if let Some(label) = DASH_LABELS.iter().find(|l| clause.starts_with(*l)) {
            let rest = clause[label.len()..]
                .trim_start_matches([' ', '-', ':'])
                .trim();
            out.facts.push(fact(label, rest));
        } else if let Some((label, rest)) = clause.split_once(':').filter(|(l, _)| l.len() <= 120) {
            out.facts.push(fact(label.trim(), rest.trim()));
        } else {
            out.facts.push(fact("Remark", clause));
        }
    }
    out
}

fn alias_clause(clause: &str) -> Option<(NameKind, &str)> {
    for (prefix, kind) in [
        ("a.k.a.", NameKind::Aka),
        ("f.k.a.", NameKind::Fka),
        ("n.k.a.", NameKind::Nka),
    ] {
        if let Some(rest) = clause.strip_prefix(prefix) {
            if rest.trim_start().starts_with('\'') {
                return Some((kind, rest));
            }
        }
    }
    None
}

/// OFAC currency codes are 2–6 uppercase letters or digits (`XBT`, `USDT`, `ETH`).
fn is_currency(s: &str) -> bool {
    (2..=6).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn fact(label: &str, value: &str) -> Fact {
    Fact {
        label: label.trim().to_string(),
        value: squash(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kim_sang_man_remarks() {
        let r = parse(
            "DOB 25 Apr 1965; POB North Pyongan Province, North Korea; nationality Korea, North; \
             Gender Male; Digital Currency Address - XBT 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ; alt. \
             Digital Currency Address - ETH 0x97b1043abd9e6fc31681635166d430a458d14f9c; Secondary \
             sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; \
             Passport 109420132 (Korea, North) issued 16 Oct 2019 expires 16 Oct 2024; alt. \
             Passport 827220538 (Korea, North).",
            false,
            true,
        );
        assert_eq!(r.birth_dates[0].to_string(), "1965-04-25");
        assert_eq!(r.birth_places, ["North Pyongan Province, North Korea"]);
        assert_eq!(r.nationalities[0].code.as_deref(), Some("KP"));
        assert_eq!(r.gender.as_deref(), Some("Male"));
        assert_eq!(r.crypto.len(), 2);
        assert_eq!(r.crypto[1].0, "ETH");
        assert_eq!(r.identifiers.len(), 2);
        assert_eq!(r.identifiers[0].kind, IdKind::Passport);
        assert_eq!(r.identifiers[0].value, "109420132");
        assert_eq!(
            r.identifiers[0].country.as_ref().unwrap().code.as_deref(),
            Some("KP")
        );
        assert_eq!(
            r.identifiers[0].note.as_deref(),
            Some("issued 16 Oct 2019 expires 16 Oct 2024")
        );
        assert_eq!(r.identifiers[1].value, "827220538");
        assert_eq!(r.facts[0].label, "Secondary sanctions risk");
    }

    #[test]
    fn weak_aliases_websites_emails_and_ids() {
        let r = parse(
            "Website onerearth.xyz; alt. Website sovershopp.online; Email Address hongsiao@naver.com; \
             Target Type Government Entity; a.k.a. 'LAB 110'; a.k.a. ''ALI, Abu'; f.k.a. 'OLD CO.'; \
             Vessel Registration Identification IMO 7406784; Tax ID No. 2543103179 (Russia); \
             Unified Social Credit Code (USCC) 91222401MA0Y31E659 (China); Linked To: KUMGANG BANK; \
             National ID No. 216040 (Yemen); Organization Type: Other information technology.",
            false,
            false,
        );
        let kinds: Vec<_> = r.identifiers.iter().map(|i| i.kind.code()).collect();
        assert_eq!(
            kinds,
            [
                "website",
                "website",
                "email",
                "imo",
                "tax-id",
                "registration",
                "national-id"
            ]
        );
        assert_eq!(r.identifiers[3].value, "7406784");
        assert_eq!(r.names.len(), 3);
        assert_eq!(r.names[1].full, "'ALI, Abu");
        assert!(r.names.iter().all(|n| n.strength == NameStrength::Weak));
        assert_eq!(r.names[2].kind, NameKind::Fka);
        assert_eq!(r.names[2].full, "OLD CO.");
        assert_eq!(r.linked_to, ["KUMGANG BANK"]);
        assert_eq!(r.facts[0].label, "Target Type");
        assert_eq!(r.facts.last().unwrap().label, "Organization Type");
    }

    #[test]
    fn truncated_remarks_drop_the_cut_clause() {
        let r = parse(
            "Digital Currency Address - XBT 1AAA; alt. Digital Currency Address - XBT 1Gq",
            true,
            false,
        );
        assert_eq!(r.crypto, [("XBT".to_string(), "1AAA".to_string())]);
        // Cut just after a separator: the clause before it is whole.
        let r = parse(
            "Digital Currency Address - XBT 1AAA; Website x.com;",
            true,
            false,
        );
        assert_eq!(r.crypto.len(), 1);
        assert_eq!(r.identifiers.len(), 1);
    }
}
