//! `redflag rules`.

use crate::cli::RulesArgs;
use crate::output::{Failure, EXIT_IO, EXIT_OK, EXIT_RULES, EXIT_USAGE};
use anyhow::anyhow;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: RulesArgs) -> Result<u8, Failure> {
    let mut out = std::io::stdout().lock();
    let io = |e: std::io::Error| Failure::new(EXIT_IO, e);
    if args.sources {
        for s in redflag_reference::guidance_sources() {
            writeln!(out, "{:<18} {}\n{:<18} {}", s.id, s.title, "", s.url).map_err(io)?;
        }
        return Ok(EXIT_OK);
    }
    let dirs: Vec<&Path> = args.rule_dirs.iter().map(PathBuf::as_path).collect();
    let rules = redflag_rules::catalogue(&dirs).map_err(|e| Failure::new(EXIT_RULES, e))?;
    if let Some(id) = &args.show {
        let rule = rules
            .iter()
            .find(|r| &r.id == id)
            .ok_or_else(|| Failure::new(EXIT_USAGE, anyhow!("no rule with id {id:?}")))?;
        let sources: Vec<String> = rule
            .sources
            .iter()
            .map(|s| format!("  {} — {} <{}>", s.id, s.title, s.url))
            .collect();
        writeln!(
            out,
            "{}  {}\ncategory {}, weight {}, phase {}, from {}\n\n{}\n\nSources:\n{}\n\n{}",
            rule.id,
            rule.title,
            rule.category,
            rule.weight,
            rule.phase,
            rule.origin,
            rule.description,
            sources.join("\n"),
            rule.sql
        )
        .map_err(io)?;
        return Ok(EXIT_OK);
    }
    if args.json {
        let list: Vec<serde_json::Value> = rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "title": r.title, "description": r.description,
                    "category": r.category, "weight": r.weight, "phase": r.phase,
                    "sources": r.sources, "origin": r.origin,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(|e| Failure::new(EXIT_IO, e))?;
        writeln!(out).map_err(io)?;
        return Ok(EXIT_OK);
    }
    writeln!(
        out,
        "{:<30} {:<10} {:>6}  TITLE",
        "ID", "CATEGORY", "WEIGHT"
    )
    .map_err(io)?;
    for r in &rules {
        writeln!(
            out,
            "{:<30} {:<10} {:>6}  {}",
            r.id,
            r.category.name(),
            r.weight,
            r.title
        )
        .map_err(io)?;
    }
    writeln!(
        out,
        "\n{} rules. `redflag rules --show ID` prints one in full.",
        rules.len()
    )
    .map_err(io)?;
    Ok(EXIT_OK)
}
