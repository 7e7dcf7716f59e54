//! A ranked table for a shell: the people most worth a look, the networks that link them, and a
//! run summary that says what was read and what was skipped.
//!
//! The output fits about 120 columns. Widths are measured in terminal columns (Hangul and CJK
//! count two), cells are cut on character boundaries with an ellipsis, and every string from the
//! data is scrubbed of control characters first, so a name like `"\x1b[2J"` cannot clear or
//! restyle the analyst's terminal. ANSI colour is used only when asked for.

use crate::text::{self, level_counts, pad_left, pad_right, plural, scrub, truncate, width};
use crate::ReportError;
use redflag_model::{Level, Network, PersonResult, Report};
use std::io::{self, BufWriter, Write};

/// How wide the tables aim to be, in terminal columns.
const WIDTH: usize = 120;

/// Space between two columns.
const GAP: &str = "  ";

/// The narrowest the last (flexible) column of a table gets.
const MIN_LAST_COLUMN: usize = 16;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// What the terminal table shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalOptions {
    /// Rows of people (and of networks) to show; `0` shows them all. Default 25.
    pub limit: usize,
    /// Colour level words and headings with ANSI escapes (for a TTY, not for a pipe).
    pub color: bool,
    /// Also list people and networks at level `none`, which are otherwise only counted.
    pub show_all: bool,
}

impl Default for TerminalOptions {
    fn default() -> Self {
        TerminalOptions {
            limit: 25,
            color: false,
            show_all: false,
        }
    }
}

/// Writes the ranked people table, the networks and the run summary.
///
/// People appear in the order of `report.people` (already ranked); the rank shown is the
/// position in that list.
pub fn write_terminal(
    report: &Report,
    out: &mut dyn Write,
    opts: &TerminalOptions,
) -> Result<(), ReportError> {
    let mut out = BufWriter::new(out);
    let style = Style { color: opts.color };
    write_title(&mut out, report, style)?;
    write_people(&mut out, report, opts, style)?;
    write_networks(&mut out, report, opts, style)?;
    write_summary(&mut out, report, style)?;
    out.flush()?;
    Ok(())
}

/// Whether to emit ANSI escapes, and which.
#[derive(Debug, Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    /// `s` wrapped in `code` … reset when colour is on.
    fn paint(self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    fn bold(self, s: &str) -> String {
        self.paint(BOLD, s)
    }

    fn dim(self, s: &str) -> String {
        self.paint(DIM, s)
    }

    /// A level word (possibly padded) in its level's colour.
    fn level(self, level: Level, s: &str) -> String {
        match level_color(level) {
            Some(code) => self.paint(code, s),
            None => s.to_string(),
        }
    }
}

/// The ANSI colour of a level: critical bright red, high red, medium yellow, low cyan.
fn level_color(level: Level) -> Option<&'static str> {
    match level {
        Level::Critical => Some("\x1b[1;91m"),
        Level::High => Some("\x1b[31m"),
        Level::Medium => Some("\x1b[33m"),
        Level::Low => Some("\x1b[36m"),
        Level::None => None,
    }
}

fn write_title(out: &mut impl Write, report: &Report, style: Style) -> io::Result<()> {
    let title = format!(
        "redflag {} · {} · {}",
        scrub(&report.redflag_version),
        scrub(&report.dataset),
        scrub(&report.generated_at)
    );
    writeln!(out, "{}", style.bold(&truncate(&title, WIDTH)))?;
    writeln!(out)
}

/// One table column: its heading, the most columns it may take, and its alignment.
struct Column {
    header: &'static str,
    max: usize,
    right: bool,
}

impl Column {
    const fn left(header: &'static str, max: usize) -> Column {
        Column {
            header,
            max,
            right: false,
        }
    }

    const fn right(header: &'static str, max: usize) -> Column {
        Column {
            header,
            max,
            right: true,
        }
    }
}

/// One table cell: scrubbed text, the level to colour it with, and whether it is a list that
/// should be cut between items rather than inside one.
struct Cell {
    text: String,
    level: Option<Level>,
    list: Option<(Vec<String>, &'static str)>,
}

impl Cell {
    fn new(s: &str) -> Cell {
        Cell {
            text: scrub(s).into_owned(),
            level: None,
            list: None,
        }
    }

    fn level(level: Level) -> Cell {
        Cell {
            text: level.name().to_string(),
            level: Some(level),
            list: None,
        }
    }

    /// A list of ids joined by `sep`.
    fn list<'s>(items: impl IntoIterator<Item = &'s str>, sep: &'static str) -> Cell {
        let items: Vec<String> = items.into_iter().map(|i| scrub(i).into_owned()).collect();
        Cell {
            text: items.join(sep),
            level: None,
            list: Some((items, sep)),
        }
    }

    /// The cell's text in at most `columns` columns.
    fn fit(&self, columns: usize) -> String {
        match &self.list {
            Some((items, sep)) => fit_list(items, sep, columns),
            None => truncate(&self.text, columns).into_owned(),
        }
    }
}

/// As many whole items as fit in `columns`, then `…`; cuts inside the first item only if even
/// that one does not fit.
fn fit_list(items: &[String], sep: &str, columns: usize) -> String {
    let all = items.join(sep);
    if width(&all) <= columns {
        return all;
    }
    let ellipsis = format!("{sep}{}", text::ELLIPSIS);
    let mut out = String::new();
    for item in items {
        let candidate = if out.is_empty() {
            item.clone()
        } else {
            format!("{out}{sep}{item}")
        };
        if width(&candidate) + width(&ellipsis) > columns {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        truncate(&all, columns).into_owned()
    } else {
        out + &ellipsis
    }
}

/// Writes a table whose last column takes what is left of [`WIDTH`].
fn write_table(
    out: &mut impl Write,
    columns: &[Column],
    rows: &[Vec<Cell>],
    style: Style,
) -> io::Result<()> {
    let widths = column_widths(columns, rows);
    let header: Vec<String> = columns
        .iter()
        .zip(&widths)
        .enumerate()
        .map(|(i, (column, &w))| align(column.header, w, column.right, i + 1 == columns.len()))
        .collect();
    writeln!(out, "{}", style.bold(header.join(GAP).trim_end()))?;
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .zip(&widths)
            .zip(row)
            .enumerate()
            .map(|(i, ((column, &w), cell))| {
                let shown = cell.fit(w);
                let aligned = align(&shown, w, column.right, i + 1 == columns.len());
                match cell.level {
                    Some(level) => style.level(level, &aligned),
                    None => aligned,
                }
            })
            .collect();
        writeln!(out, "{}", cells.join(GAP).trim_end())?;
    }
    Ok(())
}

/// Pads `s` to `w` columns, except a left-aligned last column (no trailing spaces).
fn align(s: &str, w: usize, right: bool, last: bool) -> String {
    if right {
        pad_left(s, w)
    } else if last {
        s.to_string()
    } else {
        pad_right(s, w)
    }
}

/// Each column as wide as its widest cell or heading, up to its maximum; the last column gets
/// the rest of [`WIDTH`] (at least [`MIN_LAST_COLUMN`]).
fn column_widths(columns: &[Column], rows: &[Vec<Cell>]) -> Vec<usize> {
    let natural = |i: usize, column: &Column| {
        rows.iter()
            .filter_map(|row| row.get(i))
            .map(|cell| width(&cell.text))
            .chain(std::iter::once(width(column.header)))
            .max()
            .unwrap_or(0)
    };
    let mut widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| natural(i, column).min(column.max))
        .collect();
    if let (Some(last), Some(column)) = (widths.len().checked_sub(1), columns.last()) {
        let used: usize = widths[..last].iter().sum::<usize>() + GAP.len() * last;
        let room = WIDTH.saturating_sub(used).max(MIN_LAST_COLUMN);
        widths[last] = natural(last, column).min(room).min(column.max);
    }
    widths
}

const PEOPLE_COLUMNS: [Column; 8] = [
    Column::right("rank", 6),
    Column::right("score", 5),
    Column::left("level", 8),
    Column::left("person_id", 14),
    Column::left("name", 18),
    Column::left("org", 12),
    Column::left("network", 8),
    Column::left("top indicators", WIDTH),
];

fn person_row(rank: usize, person: &PersonResult) -> Vec<Cell> {
    let mut indicators: Vec<&str> = Vec::new();
    for evidence in &person.evidence {
        if !indicators.contains(&evidence.indicator.as_str()) {
            indicators.push(&evidence.indicator);
        }
    }
    vec![
        Cell::new(&rank.to_string()),
        Cell::new(&person.score.to_string()),
        Cell::level(person.level),
        Cell::new(&person.person.person_id),
        Cell::new(&person.person.full_name),
        Cell::new(person.person.org.as_deref().unwrap_or("")),
        Cell::new(person.network.as_deref().unwrap_or("")),
        Cell::list(indicators, ","),
    ]
}

/// How many of `total` rows to show under `limit` (0 = all).
fn shown(total: usize, limit: usize) -> usize {
    if limit == 0 {
        total
    } else {
        total.min(limit)
    }
}

fn write_people(
    out: &mut impl Write,
    report: &Report,
    opts: &TerminalOptions,
    style: Style,
) -> io::Result<()> {
    let listed: Vec<(usize, &PersonResult)> = report
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| opts.show_all || p.level > Level::None)
        .collect();
    let hidden_none = if opts.show_all {
        0
    } else {
        report
            .people
            .iter()
            .filter(|p| p.level == Level::None)
            .count()
    };
    let count = shown(listed.len(), opts.limit);

    let flagged = report
        .people
        .iter()
        .filter(|p| p.level > Level::None)
        .count();
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "People ({} of {} flagged)",
            flagged,
            report.people.len()
        ))
    )?;
    if listed.is_empty() {
        writeln!(out, "No one was flagged.")?;
    } else {
        let rows: Vec<Vec<Cell>> = listed[..count]
            .iter()
            .map(|&(i, person)| person_row(i + 1, person))
            .collect();
        write_table(out, &PEOPLE_COLUMNS, &rows, style)?;
    }
    if listed.len() > count {
        let more = listed.len() - count;
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "… {} not shown (raise the limit to see them)",
                plural(more, "more person", "more people")
            ))
        )?;
    }
    if hidden_none > 0 {
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "{} at level none not shown",
                plural(hidden_none, "person", "people")
            ))
        )?;
    }
    writeln!(out)
}

const NETWORK_COLUMNS: [Column; 5] = [
    Column::left("network", 10),
    Column::right("members", 7),
    Column::left("level", 8),
    Column::left("member ids", 44),
    Column::left("link indicators", WIDTH),
];

fn network_row(network: &Network) -> Vec<Cell> {
    let mut indicators: Vec<&str> = Vec::new();
    for evidence in &network.evidence {
        if !indicators.contains(&evidence.indicator.as_str()) {
            indicators.push(&evidence.indicator);
        }
    }
    vec![
        Cell::new(&network.network),
        Cell::new(&network.members.len().to_string()),
        Cell::level(network.level),
        Cell::list(network.members.iter().map(String::as_str), ", "),
        Cell::list(indicators, ", "),
    ]
}

fn write_networks(
    out: &mut impl Write,
    report: &Report,
    opts: &TerminalOptions,
    style: Style,
) -> io::Result<()> {
    let listed: Vec<&Network> = report
        .networks
        .iter()
        .filter(|n| opts.show_all || n.level > Level::None)
        .collect();
    writeln!(
        out,
        "{}",
        style.bold(&format!("Networks ({})", report.networks.len()))
    )?;
    if listed.is_empty() {
        writeln!(out, "No networks of linked personas.")?;
    } else {
        let count = shown(listed.len(), opts.limit);
        let rows: Vec<Vec<Cell>> = listed[..count].iter().map(|n| network_row(n)).collect();
        write_table(out, &NETWORK_COLUMNS, &rows, style)?;
        if listed.len() > count {
            let more = listed.len() - count;
            writeln!(
                out,
                "{}",
                style.dim(&format!(
                    "… {} not shown (raise the limit to see them)",
                    plural(more, "more network", "more networks")
                ))
            )?;
        }
    }
    let hidden = report.networks.len() - listed.len();
    if hidden > 0 {
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "{} at level none not shown",
                plural(hidden, "network", "networks")
            ))
        )?;
    }
    writeln!(out)
}

fn write_summary(out: &mut impl Write, report: &Report, style: Style) -> io::Result<()> {
    let summary = &report.summary;
    let counts = level_counts(report);
    writeln!(out, "{}", style.bold("Summary"))?;

    let per_level: Vec<String> = Level::ALL
        .iter()
        .rev()
        .map(|&level| {
            let n = counts[text::level_index(level)];
            format!("{n} {}", style.level(level, level.name()))
        })
        .collect();
    writeln!(
        out,
        "  people    {} screened: {}",
        report.people.len(),
        per_level.join(", ")
    )?;
    writeln!(
        out,
        "  rules     {} run, {}, {}",
        summary.rules_run,
        plural(summary.evidence, "evidence item", "evidence items"),
        plural(report.networks.len(), "network", "networks")
    )?;

    if summary.tables.is_empty() {
        writeln!(out, "  tables    none loaded")?;
    } else {
        let (rows, skipped) = summary
            .tables
            .iter()
            .fold((0u64, 0u64), |(r, s), t| (r + t.rows, s + t.skipped));
        writeln!(
            out,
            "  tables    {} loaded, {rows} rows, {skipped} skipped",
            summary.tables.len()
        )?;
        let name_w = summary
            .tables
            .iter()
            .map(|t| width(&scrub(&t.table)).min(20))
            .max()
            .unwrap_or(0);
        let file_w = summary
            .tables
            .iter()
            .map(|t| width(&scrub(&t.file)).min(40))
            .max()
            .unwrap_or(0);
        let rows_w = summary
            .tables
            .iter()
            .map(|t| t.rows.to_string().len())
            .max()
            .unwrap_or(0);
        for table in &summary.tables {
            let skipped = if table.skipped > 0 {
                format!(", {} skipped", table.skipped)
            } else {
                String::new()
            };
            writeln!(
                out,
                "    {}  {}  {} rows{skipped}",
                pad_right(&truncate(&scrub(&table.table), 20), name_w),
                pad_right(&truncate(&scrub(&table.file), 40), file_w),
                pad_left(&table.rows.to_string(), rows_w),
            )?;
        }
    }

    if summary.unrecognised_files.is_empty() {
        writeln!(out, "  unrecognised files: none")?;
    } else {
        let files: Vec<String> = summary
            .unrecognised_files
            .iter()
            .map(|f| scrub(f).into_owned())
            .collect();
        let line = format!("  unrecognised files: {}", files.join(", "));
        writeln!(out, "{}", truncate(&line, WIDTH))?;
    }

    if summary.watchlists.is_empty() {
        writeln!(out, "  watchlists: none screened")?;
    } else {
        let lists: Vec<String> = summary
            .watchlists
            .iter()
            .map(|l| {
                format!(
                    "{} ({} entries, {})",
                    scrub(&l.name),
                    l.entities,
                    scrub(l.published.as_deref().unwrap_or("date unknown"))
                )
            })
            .collect();
        let line = format!("  watchlists: {}", lists.join("; "));
        writeln!(out, "{}", truncate(&line, WIDTH))?;
    }

    for line in &summary.ip_data {
        let line = format!("  IP data: {}", scrub(line));
        writeln!(out, "{}", truncate(&line, WIDTH))?;
    }

    if !summary.hubs.is_empty() {
        writeln!(
            out,
            "  hubs (shared by many otherwise unrelated people, not used to link):"
        )?;
        for h in &summary.hubs {
            let line = format!(
                "    - {} {}: {} people (hub above {} here)",
                h.kind,
                scrub(&h.key),
                h.people,
                h.threshold
            );
            writeln!(out, "{}", truncate(&line, WIDTH))?;
        }
    }

    if summary.warnings.is_empty() {
        writeln!(out, "  warnings: none")?;
    } else {
        writeln!(
            out,
            "  {}:",
            plural(summary.warnings.len(), "warning", "warnings")
        )?;
        for warning in &summary.warnings {
            let line = format!("    - {}", scrub(warning));
            writeln!(out, "{}", truncate(&line, WIDTH))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn render(report: &Report, opts: &TerminalOptions) -> String {
        let mut buf = Vec::new();
        write_terminal(report, &mut buf, opts).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn plain(report: &Report) -> String {
        render(report, &TerminalOptions::default())
    }

    /// Removes our own SGR sequences (`ESC [ digits/; m`) to measure what is visible.
    fn strip_sgr(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                    assert!(c.is_ascii_digit() || c == ';', "unexpected escape {c:?}");
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn people_are_listed_in_rank_order() {
        let out = plain(&fixture::report());
        let positions: Vec<usize> = ["P-0001", "P-0002", "P-0003", "P-0004", "P-0005"]
            .iter()
            .map(|id| out.find(id).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
        let first_row = out.lines().find(|l| l.contains("P-0001")).unwrap();
        assert!(first_row.trim_start().starts_with("1     92  critical"));
        assert!(first_row.ends_with("ONB_SHARED_SHIP_ADDR,PAY_SHARED_ACCOUNT,…"));
    }

    #[test]
    fn level_none_is_hidden_unless_show_all() {
        let report = fixture::report();
        let out = plain(&report);
        assert!(!out.contains("P-0006") && !out.contains("Plain Person"));
        assert!(out.contains("2 people at level none not shown"));
        assert!(out.contains("People (5 of 7 flagged)"));

        let all = render(
            &report,
            &TerminalOptions {
                show_all: true,
                ..TerminalOptions::default()
            },
        );
        assert!(all.contains("P-0006") && all.contains("Plain Person"));
        assert!(!all.contains("not shown"));
    }

    #[test]
    fn limit_caps_rows_and_says_so() {
        let report = fixture::report();
        let out = render(
            &report,
            &TerminalOptions {
                limit: 2,
                ..TerminalOptions::default()
            },
        );
        let people = out.split("Networks (").next().unwrap();
        assert!(people.contains("P-0002") && !people.contains("P-0003"));
        assert!(out.contains("… 3 more people not shown"));
        let unlimited = render(
            &report,
            &TerminalOptions {
                limit: 0,
                ..TerminalOptions::default()
            },
        );
        assert!(unlimited.contains("P-0005") && !unlimited.contains("more people"));
        assert!(unlimited.contains("2 people at level none not shown"));
    }

    #[test]
    fn lines_fit_and_unicode_names_are_cut_on_char_boundaries() {
        let report = fixture::report();
        for color in [false, true] {
            let out = render(
                &report,
                &TerminalOptions {
                    color,
                    show_all: true,
                    ..TerminalOptions::default()
                },
            );
            for line in strip_sgr(&out).lines() {
                assert!(width(line) <= WIDTH, "too wide ({}): {line}", width(line));
            }
        }
        let out = plain(&report);
        let row = out.lines().find(|l| l.contains("P-0002")).unwrap();
        assert!(row.contains("김철수김철수김철…"), "{row}");
        assert!(!row.contains(fixture::LONG_KOREAN_NAME));
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let mut report = fixture::report();
        report.people[0].person.full_name = "Jin\x1b]0;pwned\x07 Park\u{202E}".into();
        report.summary.warnings.push("bad\x1b[31m row".into());
        let all = TerminalOptions {
            show_all: true,
            ..TerminalOptions::default()
        };
        let out = render(&report, &all);
        assert!(!out.contains('\x1b') && !out.contains('\x07') && !out.contains('\u{202E}'));
        assert!(out.contains("Ana\u{FFFD}[2J Gómez"));
        assert!(out.contains("Jin\u{FFFD}]0;pwned\u{FFFD} P"));

        // With colour on, the only escapes are our own SGR codes.
        let colored = render(&report, &TerminalOptions { color: true, ..all });
        assert!(!colored.contains("\x1b[2J") && !colored.contains("\x1b]0"));
        strip_sgr(&colored);
    }

    #[test]
    fn colour_only_when_asked() {
        let report = fixture::report();
        let out = plain(&report);
        assert!(!out.contains('\x1b'));
        let colored = render(
            &report,
            &TerminalOptions {
                color: true,
                ..TerminalOptions::default()
            },
        );
        assert!(colored.contains("\x1b[1;91mcritical"));
        assert!(colored.contains("\x1b[31mhigh"));
        assert!(colored.contains("\x1b[33mmedium"));
        assert!(colored.contains("\x1b[36mlow"));
        assert_eq!(strip_sgr(&colored), out);
    }

    #[test]
    fn networks_and_summary_are_shown() {
        let out = plain(&fixture::report());
        let networks = out.split("Networks (1)").nth(1).unwrap();
        let row = networks.lines().find(|l| l.starts_with("N1")).unwrap();
        assert!(row.contains("P-0001, P-0002, P-0003"), "{row}");
        assert!(
            row.contains("ONB_SHARED_SHIP_ADDR, PAY_SHARED_ACCOUNT"),
            "{row}"
        );
        assert!(row.contains("critical"));

        assert!(out.contains("7 screened: 1 critical, 1 high, 1 medium, 2 low, 2 none"));
        assert!(out.contains("42 run, 12 evidence items, 1 network"));
        assert!(out.contains("4 loaded, 679 rows, 3 skipped"));
        assert!(out.contains("contacts.csv   40 rows, 2 skipped"));
        assert!(out.contains("unrecognised files: notes.txt, <b>bold</b>.xlsx"));
        assert!(out.contains("2 warnings:"));
        assert!(out.contains("- contacts.csv:99: skipped row"));
        assert!(out.contains("hubs (shared by many otherwise unrelated people"));
        assert!(
            out.contains("  IP data: @ip-location-db/asn 2.3.2026061719 (npm), data of 2026-06-17")
        );
        assert!(out.contains(
            "address 1 corporate plz <springfield> il 62701: 312 people (hub above 25 here)"
        ));
    }

    #[test]
    fn lists_are_cut_between_items() {
        let items: Vec<String> = ["AAAA", "BBBB", "CCCC"].map(String::from).to_vec();
        assert_eq!(fit_list(&items, ",", 14), "AAAA,BBBB,CCCC");
        assert_eq!(fit_list(&items, ",", 13), "AAAA,BBBB,…");
        assert_eq!(fit_list(&items, ", ", 11), "AAAA, …");
        assert_eq!(fit_list(&items, ",", 5), "AAAA…");
    }

    #[test]
    fn empty_report_still_renders() {
        let out = plain(&fixture::empty_report());
        assert!(out.contains("No one was flagged."));
        assert!(out.contains("No networks of linked personas."));
        assert!(out.contains("0 screened"));
        assert!(out.contains("tables    none loaded"));
    }
}
