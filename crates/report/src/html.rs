//! One self-contained HTML page an analyst can open offline, print, or attach to a case.
//!
//! The page has a header (dataset, time, version, people per level, the fairness note), a ranked
//! people table, one section per flagged person with every evidence item (indicator, category,
//! weight, the sentence, the source rows, the public guidance, the other people involved), the
//! persona networks, and the run summary (tables loaded, rows skipped, unrecognised files,
//! warnings).
//!
//! Safety, because every string in a report comes from data someone else controls:
//! - everything from the data is HTML-escaped (`& < > " '`), in text and in attributes; control
//!   characters and bidi overrides are replaced;
//! - element ids are derived from ids by an injective encoding into `[A-Za-z0-9_-]`;
//! - a guidance URL becomes a link only if it starts with `http://` or `https://` (anything
//!   else, such as `javascript:`, is shown as text), and links carry
//!   `rel="noopener noreferrer"`;
//! - nothing is loaded from anywhere: CSS is inline, there is no script at all, and a
//!   Content-Security-Policy (`default-src 'none'`) tells the browser so.
//!
//! The level filter above the people table is pure CSS (`:has()`), and sections collapse with
//! `<details>`, so the page works with JavaScript disabled.

use crate::text::{format_weight, is_bidi_control, level_counts, level_index, plural, REPLACEMENT};
use crate::ReportError;
use redflag_model::{Evidence, Level, Network, PersonResult, Report};
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::io::{self, BufWriter, Write};

/// The sentence every report carries about what scores are made of.
pub const FAIRNESS_NOTE: &str = "Scores never use ethnicity, nationality or names; language, locale and education country only corroborate other evidence.";

/// Source rows listed before the rest fold away under "and N more".
const REFS_SHOWN: usize = 12;

/// People at level `none` listed in the table at most, so that a page for a very large
/// dataset still opens in a browser; flagged people are always all listed.
pub const NONE_ROWS_SHOWN: usize = 5_000;

/// Writes the whole report as one HTML document.
pub fn write_html(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut out = BufWriter::new(out);
    let page = Page::new(report);
    page.write_head(&mut out)?;
    page.write_header(&mut out)?;
    writeln!(out, "<main class=\"wrap\">")?;
    page.write_people(&mut out)?;
    page.write_cases(&mut out)?;
    page.write_networks(&mut out)?;
    page.write_run(&mut out)?;
    writeln!(out, "</main>")?;
    page.write_footer(&mut out)?;
    writeln!(out, "</body>\n</html>")?;
    out.flush()?;
    Ok(())
}

/// Text from the data, HTML-escaped for element content and quoted attribute values alike.
struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let entity = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' | '\n' | '\r' => continue,
                c if c.is_control() || is_bidi_control(c) => "",
                _ => continue,
            };
            f.write_str(&s[start..i])?;
            if entity.is_empty() {
                f.write_char(REPLACEMENT)?;
            } else {
                f.write_str(entity)?;
            }
            start = i + c.len_utf8();
        }
        f.write_str(&s[start..])
    }
}

/// An element id built from a prefix and an id from the data.
///
/// ASCII letters, digits and `-` are kept; every other character (including `_`) becomes
/// `_<hex>_`, so the encoding is injective (two different ids never share an anchor) and the
/// result is safe in an attribute and in a URL fragment without further escaping.
struct Anchor<'a>(&'static str, &'a str);

impl fmt::Display for Anchor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        for c in self.1.chars() {
            if c.is_ascii_alphanumeric() || c == '-' {
                write!(f, "{c}")?;
            } else {
                write!(f, "_{:x}_", u32::from(c))?;
            }
        }
        Ok(())
    }
}

/// The anchor of a person's evidence section.
fn person_anchor(person_id: &str) -> Anchor<'_> {
    Anchor("p-", person_id)
}

/// The anchor of a person's row in the people table.
fn row_anchor(person_id: &str) -> Anchor<'_> {
    Anchor("row-", person_id)
}

/// The anchor of a network's section.
fn network_anchor(network: &str) -> Anchor<'_> {
    Anchor("n-", network)
}

/// Whether `url` may become a link: only `http://` and `https://` (any case), never
/// `javascript:`, `data:`, `file:` or a relative path.
pub fn is_safe_url(url: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    })
}

/// The report plus the lookups links need.
struct Page<'a> {
    report: &'a Report,
    /// Every person by id, to name them and to know whether they have a section.
    people: HashMap<&'a str, &'a PersonResult>,
    /// Network ids that have a section.
    networks: HashSet<&'a str>,
}

impl<'a> Page<'a> {
    fn new(report: &'a Report) -> Page<'a> {
        let mut people = HashMap::with_capacity(report.people.len());
        for person in &report.people {
            people
                .entry(person.person.person_id.as_str())
                .or_insert(person);
        }
        let networks = report.networks.iter().map(|n| n.network.as_str()).collect();
        Page {
            report,
            people,
            networks,
        }
    }

    /// Whether `person_id` has an evidence section to link to.
    fn has_section(&self, person_id: &str) -> bool {
        self.people
            .get(person_id)
            .is_some_and(|p| p.level > Level::None)
    }

    fn write_head(&self, out: &mut impl Write) -> io::Result<()> {
        let report = self.report;
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <meta name=\"generator\" content=\"redflag {}\">\n\
             <title>redflag report · {}</title>\n<style>{CSS}</style>\n</head>\n<body>",
            Esc(&report.redflag_version),
            Esc(&report.dataset),
        )
    }

    fn write_header(&self, out: &mut impl Write) -> io::Result<()> {
        let report = self.report;
        let counts = level_counts(report);
        writeln!(out, "<header class=\"top\"><div class=\"wrap\">")?;
        writeln!(out, "<p class=\"brand\">redflag · screening report</p>")?;
        writeln!(out, "<h1>{}</h1>", Esc(&report.dataset))?;
        writeln!(
            out,
            "<p class=\"meta\">Generated <time datetime=\"{}\">{}</time> · redflag {} · {} screened · {} run</p>",
            Esc(&report.generated_at),
            Esc(&friendly_time(&report.generated_at)),
            Esc(&report.redflag_version),
            plural(report.people.len(), "person", "people"),
            plural(report.summary.rules_run, "rule", "rules"),
        )?;
        writeln!(out, "<ul class=\"counts\">")?;
        for level in Level::ALL.iter().rev() {
            writeln!(
                out,
                "<li class=\"lv-{0}\"><span class=\"n\">{1}</span> {0}</li>",
                level.name(),
                counts[level_index(*level)]
            )?;
        }
        writeln!(out, "</ul>")?;
        writeln!(out, "<p class=\"fairness\">{}</p>", Esc(FAIRNESS_NOTE))?;
        writeln!(out, "</div></header>")?;
        writeln!(
            out,
            "<nav class=\"toc wrap\"><a href=\"#people\">People</a><a href=\"#cases\">Evidence</a>\
             <a href=\"#networks\">Networks</a><a href=\"#run\">Run summary</a></nav>"
        )
    }

    fn write_people(&self, out: &mut impl Write) -> io::Result<()> {
        let people = &self.report.people;
        let flagged = people.iter().filter(|p| p.level > Level::None).count();
        writeln!(out, "<section id=\"people\">\n<h2>People</h2>")?;
        if people.is_empty() {
            return writeln!(
                out,
                "<p class=\"empty\">No people in this dataset.</p>\n</section>"
            );
        }
        if flagged == 0 {
            writeln!(out, "<p class=\"empty\">No one was flagged.</p>")?;
        }
        // Pure-CSS filter: radio buttons, and `:has()` rules in the stylesheet.
        let default = if flagged == 0 { "all" } else { "flagged" };
        writeln!(out, "<fieldset class=\"filters\"><legend>Show</legend>")?;
        for (id, label) in [
            ("flagged", "flagged"),
            ("medium", "medium and above"),
            ("high", "high and above"),
            ("all", "everyone"),
        ] {
            writeln!(
                out,
                "<input type=\"radio\" name=\"show\" id=\"show-{id}\"{}><label for=\"show-{id}\">{label}</label>",
                if id == default { " checked" } else { "" }
            )?;
        }
        writeln!(out, "</fieldset>")?;
        writeln!(
            out,
            "<table class=\"people\">\n<thead><tr><th class=\"num\">#</th><th class=\"num\">Score</th>\
             <th>Level</th><th>Name</th><th>Org</th><th>Status</th><th>Network</th>\
             <th class=\"num\">Evidence</th></tr></thead>\n<tbody>"
        )?;
        let mut none_rows = 0;
        for (i, person) in people.iter().enumerate() {
            if person.level == Level::None {
                none_rows += 1;
                if none_rows > NONE_ROWS_SHOWN {
                    continue;
                }
            }
            self.write_person_row(out, i + 1, person)?;
        }
        writeln!(out, "</tbody>\n</table>")?;
        if none_rows > NONE_ROWS_SHOWN {
            writeln!(
                out,
                "<p class=\"empty\">{} at level none not listed here; the JSON and CSV outputs list everyone.</p>",
                plural(none_rows - NONE_ROWS_SHOWN, "more person", "more people")
            )?;
        }
        writeln!(out, "</section>")
    }

    fn write_person_row(
        &self,
        out: &mut impl Write,
        rank: usize,
        person: &PersonResult,
    ) -> io::Result<()> {
        let summary = &person.person;
        let level = person.level.name();
        write!(
            out,
            "<tr class=\"lv-{level}\" id=\"{}\"><td class=\"num\">{rank}</td>\
             <td class=\"num score\"><span class=\"bar\" aria-hidden=\"true\"><span style=\"width:{}%\"></span></span>{}</td>\
             <td><span class=\"badge lv-{level}\">{level}</span></td><td>",
            row_anchor(&summary.person_id),
            person.score.min(100),
            person.score,
        )?;
        if person.level > Level::None {
            write!(
                out,
                "<a href=\"#{}\">{}</a>",
                person_anchor(&summary.person_id),
                Esc(&summary.full_name)
            )?;
        } else {
            write!(out, "{}", Esc(&summary.full_name))?;
        }
        write!(
            out,
            "<div class=\"pid\">{}</div></td><td>{}</td><td>{}</td><td>",
            Esc(&summary.person_id),
            Esc(summary.org.as_deref().unwrap_or("")),
            Esc(summary.status.as_deref().unwrap_or("")),
        )?;
        if let Some(network) = &person.network {
            self.write_network_ref(out, network)?;
        }
        writeln!(
            out,
            "</td><td class=\"num\">{}</td></tr>",
            person.evidence.len()
        )
    }

    fn write_network_ref(&self, out: &mut impl Write, network: &str) -> io::Result<()> {
        if self.networks.contains(network) {
            write!(
                out,
                "<a href=\"#{}\">{}</a>",
                network_anchor(network),
                Esc(network)
            )
        } else {
            write!(out, "{}", Esc(network))
        }
    }

    fn write_cases(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "<section id=\"cases\">\n<h2>Evidence for flagged people</h2>"
        )?;
        let mut any = false;
        for person in self.report.people.iter().filter(|p| p.level > Level::None) {
            any = true;
            self.write_case(out, person)?;
        }
        if !any {
            writeln!(out, "<p class=\"empty\">No one was flagged.</p>")?;
        }
        writeln!(out, "</section>")
    }

    fn write_case(&self, out: &mut impl Write, person: &PersonResult) -> io::Result<()> {
        let summary = &person.person;
        let level = person.level.name();
        writeln!(
            out,
            "<article class=\"case lv-{level}\" id=\"{}\">\n<details open>\n<summary>\
             <span class=\"badge lv-{level}\">{level}</span><span class=\"score-big\">{}</span>\
             <h3>{}</h3><code class=\"pid\">{}</code></summary>",
            person_anchor(&summary.person_id),
            person.score,
            Esc(&summary.full_name),
            Esc(&summary.person_id),
        )?;
        write!(out, "<dl class=\"facts\">")?;
        for (label, value) in [
            ("Org", &summary.org),
            ("Role", &summary.role),
            ("Status", &summary.status),
            ("Claimed country", &summary.claimed_country),
        ] {
            if let Some(value) = value {
                write!(out, "<div><dt>{label}</dt><dd>{}</dd></div>", Esc(value))?;
            }
        }
        if let Some(network) = &person.network {
            write!(out, "<div><dt>Network</dt><dd>")?;
            self.write_network_ref(out, network)?;
            write!(out, "</dd></div>")?;
        }
        writeln!(out, "</dl>")?;
        self.write_evidence_list(out, &person.evidence)?;
        writeln!(
            out,
            "<p class=\"back\"><a href=\"#{}\">Back to the table</a></p>\n</details>\n</article>",
            row_anchor(&summary.person_id)
        )
    }

    fn write_evidence_list(&self, out: &mut impl Write, evidence: &[Evidence]) -> io::Result<()> {
        if evidence.is_empty() {
            return writeln!(out, "<p class=\"empty\">No evidence items.</p>");
        }
        writeln!(out, "<ol class=\"evidence\">")?;
        for item in evidence {
            self.write_evidence(out, item)?;
        }
        writeln!(out, "</ol>")
    }

    fn write_evidence(&self, out: &mut impl Write, item: &Evidence) -> io::Result<()> {
        let sign = if item.weight > 0.0 { "+" } else { "" };
        let corroborates = if item.weight == 0.0 {
            // Scoring counted the same fact through other evidence (the detail says which).
            " <span class=\"corr\">not counted</span>"
        } else if item.category.corroborates_only() {
            " <span class=\"corr\">corroborates only</span>"
        } else {
            ""
        };
        writeln!(
            out,
            "<li class=\"ev\">\n<div class=\"ev-head\"><code class=\"ind\">{}</code>\
             <span class=\"ev-title\">{}</span><span class=\"cat\">{}</span>{corroborates}\
             <span class=\"weight\" title=\"points before category caps\">{sign}{}</span></div>",
            Esc(&item.indicator),
            Esc(&item.title),
            item.category.name(),
            Esc(&format_weight(item.weight)),
        )?;
        writeln!(out, "<p class=\"detail\">{}</p>", Esc(&item.detail))?;
        write!(out, "<dl class=\"ev-meta\">")?;
        if !item.refs.is_empty() {
            write!(out, "<dt>Source rows</dt><dd>")?;
            write_refs(out, &item.refs)?;
            write!(out, "</dd>")?;
        }
        if !item.sources.is_empty() {
            write!(out, "<dt>Guidance</dt><dd><ul class=\"sources\">")?;
            for source in &item.sources {
                let title = if source.title.is_empty() {
                    &source.id
                } else {
                    &source.title
                };
                write!(out, "<li>")?;
                if is_safe_url(&source.url) {
                    write!(
                        out,
                        "<a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a>",
                        Esc(&source.url),
                        Esc(title)
                    )?;
                } else {
                    write!(out, "<span class=\"src-title\">{}</span>", Esc(title))?;
                    if !source.url.is_empty() {
                        write!(out, " <span class=\"url-text\">{}</span>", Esc(&source.url))?;
                    }
                }
                write!(out, " <span class=\"sid\">{}</span></li>", Esc(&source.id))?;
            }
            write!(out, "</ul></dd>")?;
        }
        if !item.related.is_empty() {
            write!(out, "<dt>Also involves</dt><dd>")?;
            for (i, id) in item.related.iter().enumerate() {
                if i > 0 {
                    write!(out, ", ")?;
                }
                self.write_person_ref(out, id)?;
            }
            write!(out, "</dd>")?;
        }
        writeln!(out, "</dl>\n</li>")
    }

    /// A person id, linked to their section when they have one, with their name on hover.
    fn write_person_ref(&self, out: &mut impl Write, person_id: &str) -> io::Result<()> {
        let name = self
            .people
            .get(person_id)
            .map(|p| p.person.full_name.as_str());
        if self.has_section(person_id) {
            write!(
                out,
                "<a href=\"#{}\" title=\"{}\">{}</a>",
                person_anchor(person_id),
                Esc(name.unwrap_or("")),
                Esc(person_id)
            )
        } else {
            let title = match name {
                Some(name) => format!("{name} (not flagged)"),
                None => "not in this report".to_string(),
            };
            write!(
                out,
                "<span class=\"pref\" title=\"{}\">{}</span>",
                Esc(&title),
                Esc(person_id)
            )
        }
    }

    fn write_networks(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "<section id=\"networks\">\n<h2>Networks</h2>")?;
        if self.report.networks.is_empty() {
            writeln!(
                out,
                "<p class=\"empty\">No networks of linked personas.</p>"
            )?;
        }
        for network in &self.report.networks {
            self.write_network(out, network)?;
        }
        writeln!(out, "</section>")
    }

    fn write_network(&self, out: &mut impl Write, network: &Network) -> io::Result<()> {
        let level = network.level.name();
        writeln!(
            out,
            "<article class=\"case lv-{level}\" id=\"{}\">\n<details open>\n<summary>\
             <span class=\"badge lv-{level}\">{level}</span><h3>Network {}</h3>\
             <span class=\"muted\">{}</span></summary>",
            network_anchor(&network.network),
            Esc(&network.network),
            plural(network.members.len(), "member", "members"),
        )?;
        write!(out, "<ul class=\"members\">")?;
        for member in &network.members {
            write!(out, "<li>")?;
            self.write_person_ref(out, member)?;
            if let Some(person) = self.people.get(member.as_str()) {
                write!(
                    out,
                    " {} <span class=\"badge small lv-{1}\">{1}</span>",
                    Esc(&person.person.full_name),
                    person.level.name()
                )?;
            }
            write!(out, "</li>")?;
        }
        writeln!(out, "</ul>")?;
        self.write_evidence_list(out, &network.evidence)?;
        writeln!(out, "</details>\n</article>")
    }

    fn write_run(&self, out: &mut impl Write) -> io::Result<()> {
        let summary = &self.report.summary;
        writeln!(out, "<section id=\"run\">\n<h2>Run summary</h2>")?;
        writeln!(
            out,
            "<dl class=\"stats\"><div><dt>People screened</dt><dd>{}</dd></div>\
             <div><dt>Rules run</dt><dd>{}</dd></div><div><dt>Evidence items</dt><dd>{}</dd></div>\
             <div><dt>Networks</dt><dd>{}</dd></div></dl>",
            self.report.people.len(),
            summary.rules_run,
            summary.evidence,
            self.report.networks.len(),
        )?;

        writeln!(out, "<h3>Tables loaded</h3>")?;
        if summary.tables.is_empty() {
            writeln!(out, "<p class=\"empty\">No tables were loaded.</p>")?;
        } else {
            writeln!(
                out,
                "<table class=\"tables\">\n<thead><tr><th>Table</th><th>File</th>\
                 <th class=\"num\">Rows loaded</th><th class=\"num\">Rows skipped</th></tr></thead>\n<tbody>"
            )?;
            for table in &summary.tables {
                writeln!(
                    out,
                    "<tr><td>{}</td><td><code>{}</code></td><td class=\"num\">{}</td>\
                     <td class=\"num{}\">{}</td></tr>",
                    Esc(&table.table),
                    Esc(&table.file),
                    table.rows,
                    if table.skipped > 0 { " warn" } else { "" },
                    table.skipped,
                )?;
            }
            let rows: u64 = summary.tables.iter().map(|t| t.rows).sum();
            let skipped: u64 = summary.tables.iter().map(|t| t.skipped).sum();
            writeln!(
                out,
                "</tbody>\n<tfoot><tr><th colspan=\"2\">Total</th><th class=\"num\">{rows}</th>\
                 <th class=\"num\">{skipped}</th></tr></tfoot>\n</table>"
            )?;
        }

        writeln!(out, "<h3>Unrecognised files</h3>")?;
        if summary.unrecognised_files.is_empty() {
            writeln!(out, "<p class=\"empty\">None: every file was read.</p>")?;
        } else {
            writeln!(
                out,
                "<p>These files were left alone; nothing in them was screened.</p>\n<ul class=\"files\">"
            )?;
            for file in &summary.unrecognised_files {
                writeln!(out, "<li><code>{}</code></li>", Esc(file))?;
            }
            writeln!(out, "</ul>")?;
        }

        if !summary.ip_data.is_empty() {
            writeln!(out, "<h3>IP data</h3>\n<ul class=\"files\">")?;
            for line in &summary.ip_data {
                writeln!(out, "<li>{}</li>", Esc(line))?;
            }
            writeln!(out, "</ul>")?;
        }

        writeln!(out, "<h3>Watchlists</h3>")?;
        if summary.watchlists.is_empty() {
            writeln!(
                out,
                "<p class=\"empty\">None: nobody was screened against a sanctions list.</p>"
            )?;
        } else {
            writeln!(out, "<ul class=\"files\">")?;
            for l in &summary.watchlists {
                writeln!(
                    out,
                    "<li>{} ({} entries; list date {}, {})</li>",
                    Esc(&l.name),
                    l.entities,
                    Esc(l.published.as_deref().unwrap_or("unknown")),
                    Esc(&l.basis)
                )?;
            }
            writeln!(out, "</ul>")?;
        }

        if !summary.hubs.is_empty() {
            writeln!(out, "<h3>Hub identifiers</h3>")?;
            writeln!(
                out,
                "<p>Shared by so many otherwise unrelated people that they were not used to link anyone.</p>\n<ul class=\"files\">"
            )?;
            for h in &summary.hubs {
                writeln!(
                    out,
                    "<li>{} <code>{}</code>: {} people (a hub above {} in this dataset; {:.0}% linked otherwise)</li>",
                    Esc(&h.kind),
                    Esc(&h.key),
                    h.people,
                    h.threshold,
                    h.corroborated * 100.0
                )?;
            }
            writeln!(out, "</ul>")?;
        }

        writeln!(out, "<h3>Warnings</h3>")?;
        if summary.warnings.is_empty() {
            writeln!(out, "<p class=\"empty\">None.</p>")?;
        } else {
            writeln!(out, "<ul class=\"warnings\">")?;
            for warning in &summary.warnings {
                writeln!(out, "<li>{}</li>", Esc(warning))?;
            }
            writeln!(out, "</ul>")?;
        }
        writeln!(out, "</section>")
    }

    fn write_footer(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "<footer class=\"wrap\">\n<p><strong>About these scores.</strong> {} \
             A level is a reason to look closer, not a finding: check each evidence item against \
             its source rows before acting.</p>\n<p>Generated by redflag {} from <code>{}</code> \
             at {}.</p>\n</footer>",
            Esc(FAIRNESS_NOTE),
            Esc(&self.report.redflag_version),
            Esc(&self.report.dataset),
            Esc(&self.report.generated_at),
        )
    }
}

/// Source rows as `<code>` items; past [`REFS_SHOWN`], the rest fold into a `<details>`.
fn write_refs(out: &mut impl Write, refs: &[String]) -> io::Result<()> {
    let (shown, rest) = refs.split_at(refs.len().min(REFS_SHOWN));
    for r in shown {
        write!(out, "<code>{}</code> ", Esc(r))?;
    }
    if !rest.is_empty() {
        write!(
            out,
            "<details class=\"more\"><summary>and {} more</summary>",
            rest.len()
        )?;
        for r in rest {
            write!(out, "<code>{}</code> ", Esc(r))?;
        }
        write!(out, "</details>")?;
    }
    Ok(())
}

/// `2025-01-05 14:03:09 UTC` for an RFC 3339 time; anything else unchanged.
fn friendly_time(generated_at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(generated_at) {
        Ok(time) if time.offset().local_minus_utc() == 0 => {
            time.format("%Y-%m-%d %H:%M:%S UTC").to_string()
        }
        Ok(time) => time.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        Err(_) => generated_at.to_string(),
    }
}

/// The stylesheet: system fonts, level colours, print rules, and the CSS-only level filter.
const CSS: &str = r#"
:root{--fg:#1f2328;--muted:#59636e;--line:#d8dee4;--soft:#f6f8fa;--accent:#0b5cad;
--critical:#a4161a;--high:#d9480f;--medium:#b7791f;--low:#0b7285;--none:#868e96}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Apple SD Gothic Neo","Malgun Gothic",sans-serif}
.wrap{max-width:1180px;margin:0 auto;padding:0 28px}
code,.pid,.ind,.sid{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
h1{font-size:24px;margin:0 0 4px;word-break:break-word}
h2{font-size:18px;margin:36px 0 14px;padding-bottom:6px;border-bottom:2px solid var(--fg)}
h3{font-size:15px;margin:20px 0 8px}
.lv-critical{--lv:var(--critical)}.lv-high{--lv:var(--high)}.lv-medium{--lv:var(--medium)}.lv-low{--lv:var(--low)}.lv-none{--lv:var(--none)}
header.top{background:var(--soft);border-bottom:1px solid var(--line);padding:22px 0 18px}
.brand{margin:0 0 4px;color:var(--muted);font-size:12px;letter-spacing:.08em;text-transform:uppercase}
.meta{margin:0;color:var(--muted)}
.counts{display:flex;flex-wrap:wrap;gap:10px;list-style:none;margin:16px 0 0;padding:0}
.counts li{min-width:110px;padding:6px 14px;background:#fff;border:1px solid var(--line);border-left:5px solid var(--lv);border-radius:4px;color:var(--muted)}
.counts .n{display:block;font-size:22px;font-weight:650;color:var(--fg);font-variant-numeric:tabular-nums}
.fairness{margin:14px 0 0;padding:8px 12px;border-left:3px solid var(--accent);background:#fff;font-size:13px}
nav.toc{display:flex;gap:18px;padding-top:12px;padding-bottom:12px;border-bottom:1px solid var(--line)}
nav.toc a{font-weight:600}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
thead th,tfoot th{font-size:11.5px;font-weight:650;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:var(--soft)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.warn{color:var(--high);font-weight:650}
.people tbody tr:hover{background:#fbfcfd}
.people td:first-child{color:var(--muted)}
.pid{color:var(--muted);font-size:11.5px}
td,dd,li,p,h3{overflow-wrap:anywhere}
.score{font-weight:650}
.bar{display:inline-block;width:46px;height:6px;margin:0 8px 1px 0;background:var(--soft);border:1px solid var(--line);border-radius:3px;vertical-align:middle;overflow:hidden}
.bar span{display:block;height:100%;background:var(--lv)}
.badge{display:inline-block;min-width:66px;padding:1px 8px;border-radius:10px;background:var(--lv);color:#fff;font-size:11.5px;font-weight:650;text-align:center;text-transform:uppercase;letter-spacing:.03em}
.badge.small{min-width:0;font-size:10px;padding:0 6px}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;margin:0 0 12px;padding:8px 12px;border:1px solid var(--line);border-radius:4px}
.filters legend{float:left;margin-right:6px;padding:0;font-weight:650}
.filters label{margin-left:3px;cursor:pointer}
body:has(#show-flagged:checked) .people tbody tr.lv-none{display:none}
body:has(#show-medium:checked) .people tbody tr:is(.lv-none,.lv-low){display:none}
body:has(#show-high:checked) .people tbody tr:is(.lv-none,.lv-low,.lv-medium){display:none}
body:has(#show-medium:checked) #cases article.lv-low{display:none}
body:has(#show-high:checked) #cases article:is(.lv-low,.lv-medium){display:none}
article.case{margin:14px 0;padding:10px 16px 6px;border:1px solid var(--line);border-left:5px solid var(--lv);border-radius:4px;scroll-margin-top:12px}
article.case:target{box-shadow:0 0 0 3px #cfe2ff}
summary{cursor:pointer;display:flex;flex-wrap:wrap;align-items:center;gap:10px}
article.case>details>summary::before{content:"\25B8";width:1em;color:var(--muted)}
article.case>details[open]>summary::before{content:"\25BE"}
summary h3{margin:0;font-size:16px}
.score-big{font-size:18px;font-weight:700;font-variant-numeric:tabular-nums;color:var(--lv)}
.muted{color:var(--muted)}
dl.facts{display:flex;flex-wrap:wrap;gap:4px 22px;margin:10px 0 6px}
dl.facts div{display:flex;gap:6px}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
ol.evidence{margin:8px 0;padding-left:22px}
li.ev{margin:0 0 12px;padding:8px 0 0;border-top:1px dashed var(--line)}
li.ev:first-child{border-top:0}
.ev-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px}
.ind{font-weight:650}
.ev-title{font-weight:600}
.cat{padding:0 7px;border:1px solid var(--line);border-radius:9px;color:var(--muted);font-size:11.5px}
.corr{color:var(--muted);font-size:11.5px;font-style:italic}
.weight{margin-left:auto;font-weight:700;font-variant-numeric:tabular-nums}
.detail{margin:4px 0 6px}
dl.ev-meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:13px}
dl.ev-meta dt{color:var(--muted)}
dl.ev-meta dd{margin:0}
dl.ev-meta code{background:var(--soft);padding:0 4px;border-radius:3px}
ul.sources{margin:0;padding:0;list-style:none}
.sid{color:var(--muted)}
.url-text{color:var(--muted);font-style:italic}
details.more{display:inline}
details.more summary{display:inline;color:var(--accent)}
ul.members{display:flex;flex-wrap:wrap;gap:4px 18px;margin:10px 0;padding:0;list-style:none}
.back{margin:4px 0 8px;font-size:12.5px}
.empty{color:var(--muted);font-style:italic}
dl.stats{display:flex;flex-wrap:wrap;gap:10px;margin:0}
dl.stats div{min-width:140px;padding:6px 14px;border:1px solid var(--line);border-radius:4px}
dl.stats dt{color:var(--muted);font-size:12px}
dl.stats dd{margin:0;font-size:20px;font-weight:650;font-variant-numeric:tabular-nums}
ul.warnings li{color:#7a3e00}
footer{margin-top:40px;padding-top:14px;padding-bottom:30px;border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
@media print{
body{font-size:11px}
.wrap{max-width:none;padding:0}
header.top{background:none;padding:0 0 10px}
nav.toc,.filters,.back{display:none}
a{color:inherit}
article.case{break-inside:avoid-page}
h2{break-after:avoid-page}
tr{break-inside:avoid}
article.case>details>summary::before{content:none}
.badge,.counts li,.bar,.bar span,article.case{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn render(report: &Report) -> String {
        let mut buf = Vec::new();
        write_html(report, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    /// Every value of `attr="..."` in the page.
    fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
        let needle = format!("{attr}=\"");
        html.match_indices(&needle)
            .map(|(i, _)| {
                let rest = &html[i + needle.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect()
    }

    #[test]
    fn markup_in_data_renders_as_text() {
        let html = render(&fixture::report());
        assert!(!html.contains("<script"));
        assert!(!html.contains("<script>alert(1)"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<img"));
        assert!(html
            .contains("Shipping address &quot;&gt;&lt;img src=x onerror=alert(1)&gt; is shared"));
        assert!(html.contains("Contoso &lt;Staffing&gt; &amp; Co"));
        assert!(html.contains("<code>&lt;b&gt;bold&lt;/b&gt;.xlsx</code>"));
        assert!(!html.contains("<b>bold"));
        assert!(
            html.contains("<code>1 corporate plz &lt;springfield&gt; il 62701</code>: 312 people")
        );
        assert!(!html.contains("<springfield>"));
        assert!(html.contains("<li>@ip-location-db/asn 2.3.2026061719 (npm), data of 2026-06-17, CC-BY-4.0: IP Geolocation by DB-IP &lt;script&gt;</li>"));
        assert!(html
            .contains("<li>redflag curated &lt;DPRK&gt; list (62 entries; list date 2025-08-27"));
        // In attributes too: the name appears in a title attribute on related links.
        assert!(html.contains("title=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
    }

    #[test]
    fn escaping_covers_all_five_characters_and_controls() {
        assert_eq!(
            Esc("a&b<c>d\"e'f").to_string(),
            "a&amp;b&lt;c&gt;d&quot;e&#39;f"
        );
        assert_eq!(Esc("Gómez 김철수").to_string(), "Gómez 김철수");
        assert_eq!(
            Esc("x\x1b[2J\u{202E}y\nz").to_string(),
            "x\u{FFFD}[2J\u{FFFD}y\nz"
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        assert!(is_safe_url("https://www.ic3.gov/PSA/2025/PSA250123"));
        assert!(is_safe_url("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "file:///etc/passwd",
            "//evil.example",
            "/relative",
            "http:/missing-slash",
            "",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }

        let html = render(&fixture::report());
        let hrefs = attr_values(&html, "href");
        assert!(hrefs
            .iter()
            .all(|h| h.starts_with('#') || h.starts_with("https://") || h.starts_with("http://")));
        assert!(!html.to_ascii_lowercase().contains("href=\"javascript"));
        assert!(html.contains("<span class=\"url-text\">javascript:alert(document.cookie)</span>"));
        assert!(html.contains(
            "<a href=\"https://www.ic3.gov/PSA/2025/PSA250123\" target=\"_blank\" rel=\"noopener noreferrer\">"
        ));
        // Every external link is noopener noreferrer.
        for (i, _) in html.match_indices("<a href=\"http") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(tag.contains("rel=\"noopener noreferrer\""), "{tag}");
        }
    }

    #[test]
    fn page_is_self_contained() {
        let html = render(&fixture::report());
        assert!(!html.contains("src=\"http"));
        assert!(
            !html.contains(" src=\""),
            "nothing is embedded by reference"
        );
        assert!(!html.contains("<link"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("@import"));
        assert!(!html.contains("url("));
        assert!(html.contains("default-src 'none'"));
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn internal_links_resolve_and_ids_are_unique() {
        let mut report = fixture::report();
        // Ids that a naive sanitiser would merge.
        report.people[5].person.person_id = "P 0006".into();
        report.people[6].person.person_id = "P_0006".into();
        let html = render(&report);
        let ids = attr_values(&html, "id");
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids");
        for id in &ids {
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{id}"
            );
        }
        for href in attr_values(&html, "href") {
            if let Some(target) = href.strip_prefix('#') {
                assert!(unique.contains(target), "dangling link #{target}");
            }
        }
        assert_eq!(Anchor("p-", "P_0006").to_string(), "p-P_5f_0006");
        assert_eq!(Anchor("p-", "P 0006").to_string(), "p-P_20_0006");
        assert_eq!(Anchor("p-", "\"><x").to_string(), "p-_22__3e__3c_x");
    }

    #[test]
    fn flagged_people_get_sections_with_their_evidence() {
        let report = fixture::report();
        let html = render(&report);
        for person in &report.people {
            let anchor = format!("id=\"{}\"", person_anchor(&person.person.person_id));
            assert_eq!(
                html.contains(&anchor),
                person.level > Level::None,
                "{}",
                person.person.person_id
            );
        }
        let case = &html[html.find("id=\"p-P-0001\"").unwrap()..];
        let case = &case[..case.find("</article>").unwrap()];
        for needle in [
            "<span class=\"badge lv-critical\">critical</span>",
            "<code class=\"ind\">ONB_SHARED_SHIP_ADDR</code>",
            "<span class=\"cat\">address</span>",
            "+25",
            "+3.5",
            "corroborates only",
            "<code>contacts.csv:12</code>",
            "<code>shipments.csv:4</code>",
            "<span class=\"sid\">ADV-2022</span>",
            "<a href=\"#p-P-0002\"",
            "<a href=\"#n-N1\">N1</a>",
            "Payroll goes to account ****4411, which also pays P-0002.",
        ] {
            assert!(case.contains(needle), "missing {needle}");
        }
        // Unknown or unflagged related people are text, not dangling links.
        assert!(html.contains("<span class=\"pref\" title=\"not in this report\">P-9999</span>"));
    }

    #[test]
    fn people_table_is_ranked_and_complete() {
        let report = fixture::report();
        let html = render(&report);
        let table = &html[html.find("<table class=\"people\">").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        let rows: Vec<&str> = table.split("<tr class=").skip(1).collect();
        assert_eq!(rows.len(), report.people.len());
        for (row, person) in rows.iter().zip(&report.people) {
            let id = format!("<div class=\"pid\">{}</div>", Esc(&person.person.person_id));
            assert!(row.contains(&id));
            assert!(row.starts_with(&format!("\"lv-{}\"", person.level.name())));
        }
        assert!(rows[0].contains("<td class=\"num\">5</td></tr>"));
        assert!(html.contains("<input type=\"radio\" name=\"show\" id=\"show-flagged\" checked>"));
    }

    #[test]
    fn header_summary_and_fairness_note() {
        let html = render(&fixture::report());
        assert!(html.contains("<h1>examples/acme</h1>"));
        assert!(
            html.contains("<time datetime=\"2025-01-05T14:03:09Z\">2025-01-05 14:03:09 UTC</time>")
        );
        assert!(html.contains(&format!("redflag {}", redflag_model::REDFLAG_VERSION)));
        assert!(html.contains("<li class=\"lv-critical\"><span class=\"n\">1</span> critical</li>"));
        assert!(html.contains("<li class=\"lv-none\"><span class=\"n\">2</span> none</li>"));
        assert!(html.contains(FAIRNESS_NOTE));
        assert!(html.contains("<td class=\"num warn\">2</td>"));
        assert!(html.contains("<th class=\"num\">679</th><th class=\"num\">3</th>"));
        assert!(html.contains("<code>notes.txt</code>"));
        assert!(html.contains("bad timestamp &quot;yesterday&quot;"));
        let networks = &html[html.find("id=\"networks\"").unwrap()..];
        assert!(networks.contains("<h3>Network N1</h3>"));
        assert!(networks.contains("3 members"));
    }

    #[test]
    fn evidence_that_adds_nothing_says_so() {
        let mut report = fixture::report();
        let evidence = &mut report.people[0].evidence[0];
        evidence.weight = 0.0;
        evidence.detail = "Not counted: NET_VPN_ASTRILL already counts the same fact.".into();
        let html = render(&report);
        assert!(html.contains("<span class=\"corr\">not counted</span>"));
        assert!(!html.contains("+0<"));
    }

    #[test]
    fn long_ref_lists_fold() {
        let mut report = fixture::report();
        report.people[0].evidence[0].refs = (1..=30).map(|i| format!("contacts.csv:{i}")).collect();
        let html = render(&report);
        assert!(html.contains("<summary>and 18 more</summary>"));
        assert!(html.contains("<code>contacts.csv:30</code>"));
    }

    #[test]
    fn level_none_rows_are_capped() {
        let mut report = fixture::report();
        let quiet = report.people[6].clone();
        for i in 0..NONE_ROWS_SHOWN + 3 {
            let mut person = quiet.clone();
            person.person.person_id = format!("Q-{i}");
            report.people.push(person);
        }
        let html = render(&report);
        assert!(html.contains("5 more people at level none not listed here"));
        assert!(html.contains("<td class=\"num\">1</td>"));
        assert!(!html.contains(&format!("<div class=\"pid\">Q-{}</div>", NONE_ROWS_SHOWN)));
        assert!(html.contains("<div class=\"pid\">Q-4997</div>"));
    }

    #[test]
    fn empty_report_renders() {
        let html = render(&fixture::empty_report());
        assert!(html.contains("No people in this dataset."));
        assert!(html.contains("No networks of linked personas."));
        assert!(html.contains("No tables were loaded."));
        assert!(html.contains(FAIRNESS_NOTE));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn odd_times_are_shown_as_given() {
        assert_eq!(friendly_time("yesterday"), "yesterday");
        assert_eq!(
            friendly_time("2025-01-05T14:03:09+09:00"),
            "2025-01-05 14:03:09 +09:00"
        );
    }
}
