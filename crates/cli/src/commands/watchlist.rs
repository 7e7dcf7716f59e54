//! `redflag watchlist update | status | search | batch`, and the list loading `screen` shares.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context};
use chrono::NaiveDate;
use redflag_watchlist::update::{ListSource, Store, OFAC_SDN_URL_TEMPLATE, UN_CONSOLIDATED_URL};
use redflag_watchlist::{curated, read_watchlists_dir, Hit, ListId, Query, Screener, Watchlists};

use crate::cli::{BatchArgs, ListArgs, PartyKind, SearchArgs, UpdateArgs, WatchlistCommand};
use crate::output::{write_atomically, Failure, EXIT_DATA, EXIT_IO, EXIT_OK, EXIT_USAGE};

/// Runs a `watchlist` subcommand.
pub fn run(command: WatchlistCommand) -> Result<u8, Failure> {
    match command {
        WatchlistCommand::Update(args) => update(args),
        WatchlistCommand::Status(args) => status(&args),
        WatchlistCommand::Search(args) => search(args),
        WatchlistCommand::Batch(args) => batch(args),
    }
}

/// The lists `args` asks for: redflag's curated list, then the folders given, then the store's
/// lists that no folder replaces. `None` with `--no-watchlists`.
pub fn load_lists(args: &ListArgs) -> Result<Option<Watchlists>, Failure> {
    if args.none {
        return Ok(None);
    }
    let data = |e: redflag_watchlist::WatchlistError| Failure::new(EXIT_DATA, e);
    let mut lists = Watchlists::new().with(curated()).map_err(data)?;
    for dir in &args.watchlist_dirs {
        lists
            .merge(read_watchlists_dir(dir).map_err(data)?)
            .map_err(data)?;
    }
    let store = Store::new(store_root(args.store.as_deref()));
    for record in store.records().map_err(data)? {
        let Some(id) = ListId::from_code(&record.list) else {
            continue;
        };
        if lists.info(id).is_some() {
            eprintln!(
                "redflag: {} from the store is not used: a --watchlists folder gives it",
                id.name()
            );
            continue;
        }
        lists
            .merge(store.load_record(&record).map_err(data)?)
            .map_err(data)?;
    }
    Ok(Some(lists))
}

/// The screener for `screen` and `demo`, announcing the lists on standard error.
pub fn load_screener(args: &ListArgs) -> Result<Option<Arc<Screener>>, Failure> {
    Ok(load_lists(args)?.map(|lists| Arc::new(Screener::new(lists))))
}

fn store_root(given: Option<&Path>) -> PathBuf {
    given.map_or_else(Store::default_root, Path::to_path_buf)
}

fn update(args: UpdateArgs) -> Result<u8, Failure> {
    let store = Store::new(store_root(args.store.as_deref()));
    let wanted: Vec<&str> = if args.lists.is_empty() {
        vec!["ofac-sdn", "un"]
    } else {
        args.lists.iter().map(String::as_str).collect()
    };
    let mut failed = 0;
    for code in wanted {
        let source = match code {
            "ofac-sdn" => {
                ListSource::ofac_sdn(args.ofac_url.as_deref().unwrap_or(OFAC_SDN_URL_TEMPLATE))
            }
            _ => ListSource::un(args.un_url.as_deref().unwrap_or(UN_CONSOLIDATED_URL)),
        };
        if code == "ofac-sdn" {
            if let Some(t) = &args.ofac_url {
                if !t.contains("{file}") {
                    return Err(Failure::new(
                        EXIT_USAGE,
                        anyhow!("--ofac-url {t:?} must contain {{file}} (it fetches four files)"),
                    ));
                }
            }
        }
        match store.update(&source, Duration::from_secs(args.timeout)) {
            Ok(done) => {
                let bytes: u64 = done.record.files.iter().map(|f| f.bytes).sum();
                println!(
                    "{}: {} entities, list date {}, {} bytes in {} file(s) → {}",
                    done.info.list.name(),
                    done.info.entities,
                    done.info
                        .published
                        .map_or_else(|| "unknown".to_string(), |p| p.to_string()),
                    bytes,
                    done.record.files.len(),
                    store.root().join(code).display()
                );
                for warning in &done.info.warnings {
                    println!("  warning: {warning}");
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("redflag: {code}: not updated, previous copy kept: {e}");
            }
        }
    }
    Ok(if failed == 0 { EXIT_OK } else { EXIT_DATA })
}

fn status(args: &ListArgs) -> Result<u8, Failure> {
    let store = Store::new(store_root(args.store.as_deref()));
    println!("store: {}", store.root().display());
    let Some(lists) = load_lists(args)? else {
        println!("no lists (--no-watchlists)");
        return Ok(EXIT_OK);
    };
    println!(
        "{:<34} {:>8}  {:<26} source",
        "list", "entities", "list date"
    );
    for info in lists.lists() {
        println!(
            "{:<34} {:>8}  {:<26} {}",
            info.list.name(),
            info.entities,
            info.published.map_or_else(
                || "unknown".into(),
                |p| format!("{p} ({:?})", info.published_basis).to_lowercase()
            ),
            info.source
        );
    }
    if store
        .records()
        .map_err(|e| Failure::new(EXIT_DATA, e))?
        .is_empty()
    {
        println!("(the store is empty: `redflag watchlist update` fetches the official lists)");
    }
    Ok(EXIT_OK)
}

fn search(args: SearchArgs) -> Result<u8, Failure> {
    let Some(lists) = load_lists(&args.lists)? else {
        return Err(Failure::new(
            EXIT_USAGE,
            anyhow!("--no-watchlists leaves nothing to search"),
        ));
    };
    let screener = Screener::new(lists);
    let hits = if args.crypto {
        screener.screen_crypto(&args.query)
    } else if args.identifier {
        screener.screen_identifier(None, &args.query)
    } else {
        let query = build_query(
            &args.query,
            args.kind,
            args.dob.as_deref(),
            args.country.as_deref(),
        )
        .map_err(|e| Failure::new(EXIT_USAGE, e))?;
        screener.screen_name(&query, args.limit)
    };
    let mut out = std::io::stdout().lock();
    let result = if args.json {
        write_json(&screener, &hits, &mut out)
    } else {
        write_table(&screener, &hits, &mut out)
    };
    result.map_err(|e| Failure::new(EXIT_IO, e))?;
    Ok(EXIT_OK)
}

/// A name query from command-line or CSV values.
fn build_query(
    name: &str,
    kind: PartyKind,
    dob: Option<&str>,
    country: Option<&str>,
) -> anyhow::Result<Query> {
    let mut q = match kind {
        PartyKind::Person => Query::person(name),
        PartyKind::Organization => Query::organization(name),
        PartyKind::Unknown => Query::unknown(name),
    };
    if let Some(dob) = dob.map(str::trim).filter(|d| !d.is_empty()) {
        if let Ok(date) = NaiveDate::parse_from_str(dob, "%Y-%m-%d") {
            q = q.born(date);
        } else if let (4, Ok(year)) = (dob.len(), dob.parse::<i32>()) {
            q = q.born_in(year);
        } else {
            return Err(anyhow!(
                "date of birth {dob:?}: expected YYYY-MM-DD or a year"
            ));
        }
    }
    if let Some(cc) = country.map(str::trim).filter(|c| !c.is_empty()) {
        if cc.len() != 2 || !cc.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(anyhow!(
                "country {cc:?}: expected an ISO 3166 alpha-2 code such as US"
            ));
        }
        q = q.in_country(cc);
    }
    Ok(q)
}

fn list_date(screener: &Screener, hit: &Hit) -> String {
    let entity = screener.entity(hit);
    screener
        .lists()
        .info(entity.list)
        .and_then(|i| i.published)
        .map_or_else(|| "unknown".into(), |p| p.date().to_string())
}

fn write_table(screener: &Screener, hits: &[Hit], out: &mut dyn Write) -> anyhow::Result<()> {
    if hits.is_empty() {
        writeln!(out, "no match at or above the alert threshold")?;
        return Ok(());
    }
    for (rank, hit) in hits.iter().enumerate() {
        let entity = screener.entity(hit);
        writeln!(
            out,
            "{:>2}. {:.2} {:<6} {}  {}",
            rank + 1,
            hit.score,
            format!("{:?}", hit.tier).to_lowercase(),
            hit.key,
            entity.primary_name()
        )?;
        writeln!(
            out,
            "    list: {} of {}; programs: {}",
            entity.list.name(),
            list_date(screener, hit),
            if entity.programs.is_empty() {
                "-".to_string()
            } else {
                entity.programs.join(", ")
            }
        )?;
        writeln!(out, "    matched: {}", hit.matched)?;
        writeln!(out, "    why: {}", hit.explanation)?;
        if let Some(url) = entity.source_urls.first() {
            writeln!(out, "    source: {url}")?;
        }
    }
    Ok(())
}

fn write_json(screener: &Screener, hits: &[Hit], out: &mut dyn Write) -> anyhow::Result<()> {
    let items: Vec<serde_json::Value> = hits
        .iter()
        .map(|hit| {
            serde_json::json!({
                "hit": hit,
                "list_date": list_date(screener, hit),
                "entity": screener.entity(hit),
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)?;
    Ok(())
}

fn batch(args: BatchArgs) -> Result<u8, Failure> {
    let Some(lists) = load_lists(&args.lists)? else {
        return Err(Failure::new(
            EXIT_USAGE,
            anyhow!("--no-watchlists leaves nothing to screen"),
        ));
    };
    let file = args.file.display().to_string();
    let data = |e: anyhow::Error| Failure::new(EXIT_DATA, e);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(&args.file)
        .with_context(|| format!("{file}: cannot read"))
        .map_err(data)?;
    let headers = reader
        .headers()
        .with_context(|| format!("{file}:1: cannot read the header"))
        .map_err(data)?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let name_col = col("name").ok_or_else(|| {
        data(anyhow!(
            "{file}:1: column `name`: expected a header naming it"
        ))
    })?;
    let (kind_col, dob_col, country_col, id_col) =
        (col("kind"), col("date_of_birth"), col("country"), col("id"));

    let mut queries = Vec::new();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i as u64 + 2, |p| p.line());
        let record = record
            .with_context(|| format!("{file}:{line}: malformed row"))
            .map_err(data)?;
        let field = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let name = field(Some(name_col));
        if name.is_empty() {
            return Err(data(anyhow!(
                "{file}:{line}: column `name`: expected a name, found an empty cell"
            )));
        }
        let kind = match field(kind_col).to_ascii_lowercase().as_str() {
            "" | "person" | "individual" => PartyKind::Person,
            "organization" | "organisation" | "entity" | "company" => PartyKind::Organization,
            "unknown" => PartyKind::Unknown,
            other => {
                return Err(data(anyhow!(
                    "{file}:{line}: column `kind`: expected person, organization or unknown; found {other:?}"
                )))
            }
        };
        let dob = field(dob_col);
        let country = field(country_col);
        let query = build_query(&name, kind, Some(&dob), Some(&country))
            .map_err(|e| data(anyhow!("{file}:{line}: {e}")))?;
        queries.push(query);
        rows.push((line, field(id_col), name));
    }
    let screener = Screener::new(lists);
    let results = screener.screen_names(&queries, args.limit);

    let render = |w: &mut dyn Write| -> anyhow::Result<()> {
        let mut csv_out = csv::Writer::from_writer(w);
        csv_out.write_record([
            "line",
            "id",
            "name",
            "tier",
            "score",
            "entity_key",
            "list",
            "list_date",
            "matched",
            "programs",
            "explanation",
        ])?;
        for ((line, id, name), hits) in rows.iter().zip(&results) {
            for hit in hits {
                let entity = screener.entity(hit);
                let cells = [
                    line.to_string(),
                    id.clone(),
                    name.clone(),
                    format!("{:?}", hit.tier).to_lowercase(),
                    format!("{:.3}", hit.score),
                    hit.key.clone(),
                    entity.list.code().to_string(),
                    list_date(&screener, hit),
                    hit.matched.clone(),
                    entity.programs.join(" "),
                    hit.explanation.clone(),
                ];
                csv_out.write_record(
                    cells
                        .iter()
                        .map(|c| redflag_report::safe_cell(c).into_owned()),
                )?;
            }
        }
        csv_out.flush()?;
        Ok(())
    };
    let result = match &args.out {
        Some(path) => write_atomically(path, render),
        None => render(&mut std::io::stdout().lock()),
    };
    result.map_err(|e| Failure::new(EXIT_IO, e))?;
    let with_hits = results.iter().filter(|h| !h.is_empty()).count();
    eprintln!(
        "redflag: screened {} names; {with_hits} with hits",
        queries.len()
    );
    Ok(EXIT_OK)
}
