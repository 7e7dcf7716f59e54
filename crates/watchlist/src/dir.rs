//! `--watchlists DIR`: read whatever lists a folder holds.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::WatchlistError;
use crate::model::{ListId, Published, Watchlists};
use crate::sources::ofac_advanced::read_ofac_advanced_xml;
use crate::sources::ofac_csv::{read_ofac_set, OfacSet};
use crate::sources::un::read_un_xml;

/// Reads every list in `dir` (not its subfolders) into one [`Watchlists`]:
/// - `sdn.csv` (with `add.csv`, `alt.csv`, `sdn_comments.csv` if present): OFAC SDN;
/// - `cons_prim.csv` (with `cons_add.csv`, …): OFAC consolidated non-SDN;
/// - any `*.xml`, recognised by its root element: `<CONSOLIDATED_LIST>` is the UN list,
///   `<Sanctions>` an OFAC advanced file (consolidated when its name contains `cons`, else
///   SDN). An XML file that is neither is an error rather than silently skipped, so a list in
///   an unsupported format is not mistaken for one that was screened.
///
/// When the SDN list is there both as advanced XML and as CSV, the XML is used (it is the
/// richer format) and the CSV set is not read; the list's warnings say so. Other files are
/// ignored. A folder with no list at all is an error. Legacy CSV dates come from the file
/// modification time; use [`read_watchlists_dir_with`] to pass a recorded download date.
pub fn read_watchlists_dir(dir: &Path) -> Result<Watchlists, WatchlistError> {
    read_watchlists_dir_with(dir, None)
}

/// [`read_watchlists_dir`] with the date the OFAC CSV files were downloaded.
pub fn read_watchlists_dir_with(
    dir: &Path,
    ofac_csv_published: Option<Published>,
) -> Result<Watchlists, WatchlistError> {
    let io = |path: &Path, source| WatchlistError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let entry = entry.map_err(|e| io(dir, e))?;
        let path = entry.path();
        if path.is_file() {
            names.push((entry.file_name().to_string_lossy().into_owned(), path));
        }
    }
    names.sort();
    let has = |n: &str| names.iter().any(|(name, _)| name.eq_ignore_ascii_case(n));

    let mut lists = Watchlists::new();
    let mut xml_lists = Vec::new();
    for (name, path) in &names {
        if !name.to_ascii_lowercase().ends_with(".xml") {
            continue;
        }
        match sniff_root(path)?.as_deref() {
            Some("CONSOLIDATED_LIST") => xml_lists.push(read_un_xml(path)?),
            Some("Sanctions") => {
                let list = if name.to_ascii_lowercase().contains("cons") {
                    ListId::OfacConsolidated
                } else {
                    ListId::OfacSdn
                };
                xml_lists.push(read_ofac_advanced_xml(path, list)?);
            }
            other => {
                return Err(WatchlistError::NotAList {
                    file: path.display().to_string(),
                    expected: "a sanctions list redflag reads (UN <CONSOLIDATED_LIST> or OFAC advanced <Sanctions>)",
                    found: match other {
                        Some(root) => format!("root element is <{root}>"),
                        None => "no XML root element found".into(),
                    },
                })
            }
        }
    }

    for (set, main, extras) in [
        (
            OfacSet::Sdn,
            "sdn.csv",
            ["add.csv", "alt.csv", "sdn_comments.csv"],
        ),
        (
            OfacSet::Consolidated,
            "cons_prim.csv",
            ["cons_add.csv", "cons_alt.csv", "cons_comments.csv"],
        ),
    ] {
        if has(main) {
            if let Some(xml) = xml_lists.iter_mut().find(|l| l.info.list == set.list()) {
                xml.info.warnings.push(format!(
                    "{main} in the same folder was not read: the advanced XML of the same list is used instead"
                ));
                continue;
            }
            lists.push(read_ofac_set(dir, set, ofac_csv_published)?)?;
        } else if let Some(extra) = extras.iter().find(|e| has(e)) {
            return Err(WatchlistError::Missing {
                dir: dir.to_path_buf(),
                file: main.to_string(),
                why: format!("{extra} is there, but it only adds to {main}"),
            });
        }
    }
    for l in xml_lists {
        lists.push(l)?;
    }
    if lists.lists().is_empty() {
        return Err(WatchlistError::NoLists(dir.to_path_buf()));
    }
    Ok(lists)
}

/// The local name of the first element of an XML file, from its first 64 KiB.
fn sniff_root(path: &Path) -> Result<Option<String>, WatchlistError> {
    let mut buf = Vec::with_capacity(64 * 1024);
    std::fs::File::open(path)
        .and_then(|f| f.take(64 * 1024).read_to_end(&mut buf))
        .map_err(|source| WatchlistError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let text = String::from_utf8_lossy(&buf);
    let mut rest: &str = &text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        let local = name.rsplit(':').next().unwrap_or("").to_string();
        return Ok((!local.is_empty()).then_some(local));
    }
    Ok(None)
}
