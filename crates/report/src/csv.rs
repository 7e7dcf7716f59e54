//! CSV for spreadsheets: one row per person ([`write_csv`]) or one row per evidence item
//! ([`write_evidence_csv`]).
//!
//! Records follow RFC 4180: CRLF line ends, and a field is quoted when it contains a comma, a
//! double quote, CR or LF, with quotes doubled inside. Lists inside a cell are joined with `;`.
//!
//! Every text cell is protected against formula injection (OWASP "CSV Injection"): a cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that a name
//! like `=HYPERLINK("http://x","click")` is shown as text instead of being run by the
//! spreadsheet. Numeric columns (rank, score, weight, counts) are formatted by this module and
//! left as numbers, so a weight of `-5` stays `-5`.

use crate::text::format_weight;
use crate::ReportError;
use redflag_model::Report;
use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

/// Columns of the people CSV, in order.
pub const PEOPLE_COLUMNS: [&str; 13] = [
    "rank",
    "person_id",
    "full_name",
    "org",
    "status",
    "role",
    "claimed_country",
    "score",
    "level",
    "network",
    "evidence_count",
    "indicators",
    "top_detail",
];

/// Columns of the evidence CSV, in order.
pub const EVIDENCE_COLUMNS: [&str; 10] = [
    "person_id",
    "full_name",
    "indicator",
    "title",
    "category",
    "weight",
    "detail",
    "refs",
    "sources",
    "related",
];

/// Writes one row per person, in report order (the rank is the position in `report.people`).
///
/// `indicators` lists each person's distinct indicator ids (`;`-joined), and `top_detail` is the
/// detail sentence of their strongest evidence item.
pub fn write_csv(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut out = BufWriter::new(out);
    write_record(&mut out, PEOPLE_COLUMNS.map(Cow::Borrowed))?;
    for (i, person) in report.people.iter().enumerate() {
        let summary = &person.person;
        let mut indicators: Vec<&str> = Vec::new();
        for evidence in &person.evidence {
            if !indicators.contains(&evidence.indicator.as_str()) {
                indicators.push(&evidence.indicator);
            }
        }
        let top_detail = person.evidence.first().map_or("", |e| e.detail.as_str());
        write_record(
            &mut out,
            [
                Cow::Owned((i + 1).to_string()),
                text(&summary.person_id),
                text(&summary.full_name),
                text(summary.org.as_deref().unwrap_or("")),
                text(summary.status.as_deref().unwrap_or("")),
                text(summary.role.as_deref().unwrap_or("")),
                text(summary.claimed_country.as_deref().unwrap_or("")),
                Cow::Owned(person.score.to_string()),
                Cow::Borrowed(person.level.name()),
                text(person.network.as_deref().unwrap_or("")),
                Cow::Owned(person.evidence.len().to_string()),
                owned_text(indicators.join(";")),
                text(top_detail),
            ],
        )?;
    }
    out.flush()?;
    Ok(())
}

/// Writes one row per evidence item of every person, people in report order and each person's
/// evidence strongest first. Network-level evidence is not repeated here: it is already attached
/// to the members it concerns.
pub fn write_evidence_csv(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut out = BufWriter::new(out);
    write_record(&mut out, EVIDENCE_COLUMNS.map(Cow::Borrowed))?;
    for person in &report.people {
        for evidence in &person.evidence {
            let sources: Vec<&str> = evidence.sources.iter().map(|s| s.id.as_str()).collect();
            write_record(
                &mut out,
                [
                    text(&person.person.person_id),
                    text(&person.person.full_name),
                    text(&evidence.indicator),
                    text(&evidence.title),
                    Cow::Borrowed(evidence.category.name()),
                    Cow::Owned(format_weight(evidence.weight)),
                    text(&evidence.detail),
                    owned_text(evidence.refs.join(";")),
                    owned_text(sources.join(";")),
                    owned_text(evidence.related.join(";")),
                ],
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A CSV text cell neutralised against formula injection, for other CSV writers (the
/// watchlist batch output): a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'`.
pub fn safe_cell(s: &str) -> Cow<'_, str> {
    text(s)
}

/// A text cell from the data, neutralised against formula injection: a leading `=`, `+`, `-`,
/// `@`, tab or carriage return gets a `'` in front.
fn text(s: &str) -> Cow<'_, str> {
    if starts_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// [`text`] for a cell built by this module (e.g. a joined list).
fn owned_text(s: String) -> Cow<'static, str> {
    if starts_formula(&s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Owned(s)
    }
}

/// Whether a spreadsheet would read `s` as a formula (or strip its lead and then do so).
fn starts_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Writes one RFC 4180 record terminated by CRLF.
fn write_record<'a>(
    out: &mut impl Write,
    fields: impl IntoIterator<Item = Cow<'a, str>>,
) -> io::Result<()> {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write_field(out, &field)?;
    }
    out.write_all(b"\r\n")
}

/// Writes one field, quoted (with quotes doubled) when it contains a comma, quote, CR or LF.
fn write_field(out: &mut impl Write, field: &str) -> io::Result<()> {
    if !field.contains([',', '"', '\r', '\n']) {
        return out.write_all(field.as_bytes());
    }
    out.write_all(b"\"")?;
    out.write_all(field.replace('"', "\"\"").as_bytes())?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    /// A strict RFC 4180 reader: records of fields, quoted fields may hold anything.
    fn parse(input: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut chars = input.chars().peekable();
        let mut at_field_start = true;
        while let Some(c) = chars.next() {
            match c {
                '"' if at_field_start => {
                    loop {
                        match chars.next().expect("unterminated quoted field") {
                            '"' if chars.peek() == Some(&'"') => {
                                chars.next();
                                field.push('"');
                            }
                            '"' => break,
                            c => field.push(c),
                        }
                    }
                    let next = chars.peek().copied();
                    assert!(
                        matches!(next, Some(',' | '\r') | None),
                        "text after closing quote: {next:?}"
                    );
                    at_field_start = false;
                }
                '"' => panic!("quote inside an unquoted field"),
                ',' => {
                    record.push(std::mem::take(&mut field));
                    at_field_start = true;
                }
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "bare CR");
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                    at_field_start = true;
                }
                '\n' => panic!("bare LF outside quotes"),
                c => {
                    field.push(c);
                    at_field_start = false;
                }
            }
        }
        assert!(record.is_empty() && field.is_empty(), "missing final CRLF");
        records
    }

    fn people_csv(report: &Report) -> Vec<Vec<String>> {
        let mut buf = Vec::new();
        write_csv(report, &mut buf).unwrap();
        parse(&String::from_utf8(buf).unwrap())
    }

    fn evidence_csv(report: &Report) -> Vec<Vec<String>> {
        let mut buf = Vec::new();
        write_evidence_csv(report, &mut buf).unwrap();
        parse(&String::from_utf8(buf).unwrap())
    }

    #[test]
    fn people_csv_has_one_row_per_person_and_fixed_columns() {
        let report = fixture::report();
        let rows = people_csv(&report);
        assert_eq!(rows.len(), report.people.len() + 1);
        assert_eq!(rows[0], PEOPLE_COLUMNS);
        assert!(rows.iter().all(|r| r.len() == PEOPLE_COLUMNS.len()));

        let first = &rows[1];
        assert_eq!(first[0], "1");
        assert_eq!(first[1], "P-0001");
        assert_eq!(first[3], "Acme Cloud, Inc.");
        assert_eq!(first[7], "92");
        assert_eq!(first[8], "critical");
        assert_eq!(first[9], "N1");
        assert_eq!(first[10], "5");
        assert_eq!(
            first[11],
            "ONB_SHARED_SHIP_ADDR;PAY_SHARED_ACCOUNT;DEV_IPKVM;INT_CAMERA_AVOIDANCE;LOC_KEYBOARD_LAYOUT"
        );
        assert!(first[12].starts_with("Laptop shipping address 1200 Elm St, Apt 4"));

        let quiet = &rows[7];
        assert_eq!(quiet[1], "P-0007");
        assert_eq!(quiet[3], "");
        assert_eq!(quiet[10], "0");
        assert_eq!(quiet[11], "");
    }

    #[test]
    fn formulas_are_neutralised() {
        let report = fixture::report();
        let rows = people_csv(&report);
        assert_eq!(rows[4][2], format!("'{}", fixture::HYPERLINK_NAME));
        assert_eq!(rows[4][3], "'-Acme");
        assert_eq!(rows[5][2], format!("'{}", fixture::DDE_NAME));
        // Markup is just text in a spreadsheet.
        assert_eq!(rows[3][2], fixture::SCRIPT_NAME);

        let evidence = evidence_csv(&report);
        let front = evidence
            .iter()
            .find(|r| r[2] == "HIR_FRONT_DOMAIN")
            .unwrap();
        assert_eq!(front[1], format!("'{}", fixture::HYPERLINK_NAME));
        assert!(front[6].starts_with("'@cmd|"));

        // No raw cell, in either file, starts a formula.
        for row in people_csv(&report).iter().chain(&evidence) {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '@', '\t', '\r']),
                    "unprotected cell {cell:?}"
                );
            }
        }
    }

    #[test]
    fn each_formula_trigger_is_prefixed() {
        for trigger in ["=1+1", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text(trigger), format!("'{trigger}"));
        }
        assert_eq!(text("plain"), "plain");
        assert_eq!(text(""), "");
        assert_eq!(text("a=b"), "a=b");
    }

    #[test]
    fn numeric_columns_keep_negative_numbers() {
        let mut report = fixture::report();
        report.people[0].evidence[0].weight = -5.0;
        let evidence = evidence_csv(&report);
        assert_eq!(evidence[1][5], "-5");
        assert_eq!(evidence[2][5], "20");
        assert_eq!(
            evidence
                .iter()
                .find(|r| r[2] == "LOC_KEYBOARD_LAYOUT")
                .unwrap()[5],
            "3.5"
        );
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut buf = Vec::new();
        write_record(
            &mut buf,
            ["plain", "a,b", "say \"hi\"", "two\r\nlines", "lf\nonly", ""].map(Cow::Borrowed),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"lf\nonly\",\r\n"
        );
    }

    #[test]
    fn evidence_csv_has_one_row_per_item() {
        let report = fixture::report();
        let rows = evidence_csv(&report);
        let items: usize = report.people.iter().map(|p| p.evidence.len()).sum();
        assert_eq!(rows.len(), items + 1);
        assert_eq!(rows[0], EVIDENCE_COLUMNS);
        assert!(rows.iter().all(|r| r.len() == EVIDENCE_COLUMNS.len()));

        let first = &rows[1];
        assert_eq!(first[0], "P-0001");
        assert_eq!(first[2], "ONB_SHARED_SHIP_ADDR");
        assert_eq!(first[4], "address");
        assert_eq!(first[5], "25");
        assert_eq!(first[7], "contacts.csv:12;contacts.csv:31;shipments.csv:4");
        assert_eq!(first[8], "ADV-2022");
        assert_eq!(first[9], "P-0002;P-0003");

        let hostile = rows.iter().find(|r| r[0] == "P-0003").unwrap();
        assert_eq!(hostile[6], fixture::IMG_DETAIL);
        assert_eq!(hostile[8], "ADV-2022;EVIL-1");

        let multiline = rows.iter().find(|r| r[2] == "LOC_EDU_COUNTRY").unwrap();
        assert!(multiline[6].contains("Multi-line\r\nnote, with comma."));
    }

    #[test]
    fn empty_report_gives_headers_only() {
        let report = fixture::empty_report();
        assert_eq!(people_csv(&report), vec![PEOPLE_COLUMNS.to_vec()]);
        assert_eq!(evidence_csv(&report), vec![EVIDENCE_COLUMNS.to_vec()]);
    }
}
