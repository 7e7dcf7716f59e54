//! One screening run, stage by stage: load the dataset into tables, run the rules into
//! detections, score the evidence, run the rules that depend on a first score (phase 2),
//! score again, group linked people into networks, and assemble the [`Report`].
//!
//! The CLI and the server both call [`screen`]; neither repeats these steps. The server
//! calls [`screen_indexed`] for its stored data, which also builds a [`CandidateIndex`]:
//! one application screened against everyone known without running the pipeline again.
//!
//! ```no_run
//! # async fn run() -> Result<(), redflag_pipeline::ScreenError> {
//! let report = redflag_pipeline::screen("dataset/".as_ref(), &Default::default()).await?;
//! println!("{} people screened", report.people.len());
//! # Ok(()) }
//! ```

use datafusion::arrow::array::{Array, AsArray};
use redflag_ingest::{load_dataset, Dataset, LoadError, LoadOptions};
use redflag_model::{
    Evidence, Level, PersonResult, PersonSummary, Report, StageTime, Summary, TableCount,
};
use redflag_rules::{catalogue, Detection, EngineInputs, RuleEngine, RuleError, RulesError};
use redflag_scoring::{build_networks, note_repeated_facts, score, sort_evidence, ScoringConfig};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub mod candidate;

pub use candidate::{
    Candidate, CandidateError, CandidateIndex, KnownPerson, Screening, INDEXED_TABLES,
};
pub use redflag_watchlist::Screener;

/// How to screen.
#[derive(Debug, Clone, Default)]
pub struct ScreenOptions {
    /// Skip and count unreadable rows instead of stopping.
    pub lenient: bool,
    /// Vendor exports outside the dataset directory (Okta System Log, Entra ID sign-ins,
    /// osquery results).
    pub native_files: Vec<PathBuf>,
    /// Folders of extra `.sql` rule files (a rule with a built-in id replaces it).
    pub rule_dirs: Vec<PathBuf>,
    /// Scoring parameters.
    pub scoring: ScoringConfig,
    /// Sanctions and watchlists to screen names, identifiers and crypto addresses against
    /// (the `WL_*` rules); `None` leaves their table empty.
    pub screener: Option<Arc<Screener>>,
    /// IP intelligence for sign-in addresses; `None` uses the sign-in logs' own enrichment
    /// and redflag's built-in hosting table only.
    pub intel: Option<Arc<redflag_intel::IpIntel>>,
    /// Real companies' domains (built-in and the user's), seized and front-company domains
    /// and the mail-provider lists for lookalike domains; `None` uses redflag's built-in lists
    /// and fallbacks.
    pub domains: Option<Arc<redflag_domains::DomainChecker>>,
}

/// Why a screening run failed.
#[derive(Debug, thiserror::Error)]
pub enum ScreenError {
    /// The dataset could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A rule file is malformed.
    #[error(transparent)]
    Rule(#[from] RuleError),
    /// Rules could not run.
    #[error(transparent)]
    Rules(#[from] RulesError),
}

/// Screens the dataset in `dir`.
pub async fn screen(dir: &Path, options: &ScreenOptions) -> Result<Report, ScreenError> {
    let (rules, dataset, load) = load(dir, options)?;
    let mut report = screen_dataset(
        &dataset,
        rules,
        &options.scoring,
        inputs(options),
        &dir.display().to_string(),
    )
    .await?;
    report.summary.timings.insert(0, load);
    Ok(report)
}

/// The rules `options` name and the dataset in `dir`, loaded as `options` say, with the
/// time the load took.
fn load(
    dir: &Path,
    options: &ScreenOptions,
) -> Result<(Vec<redflag_rules::Rule>, Dataset, StageTime), ScreenError> {
    let dirs: Vec<&Path> = options.rule_dirs.iter().map(PathBuf::as_path).collect();
    let rules = catalogue(&dirs)?;
    let start = Instant::now();
    let dataset = load_dataset(
        dir,
        LoadOptions {
            lenient: options.lenient,
            native_files: options.native_files.clone(),
        },
    )?;
    Ok((rules, dataset, StageTime::since("load", start)))
}

/// The engines' inputs `options` carry.
fn inputs(options: &ScreenOptions) -> EngineInputs<'_> {
    EngineInputs {
        screener: options.screener.as_deref(),
        intel: options.intel.as_deref(),
        domains: options.domains.as_deref(),
    }
}

/// Screens the dataset in `dir`, as [`screen`] does, and indexes it for screening single
/// candidates against it in microseconds ([`CandidateIndex`]).
pub async fn screen_indexed(
    dir: &Path,
    options: &ScreenOptions,
) -> Result<(Report, CandidateIndex), ScreenError> {
    let (rules, dataset, load) = load(dir, options)?;
    let (mut report, hubs) = run(
        &dataset,
        rules.clone(),
        &options.scoring,
        inputs(options),
        &dir.display().to_string(),
        true,
    )
    .await?;
    report.summary.timings.insert(0, load);
    let start = Instant::now();
    let index = CandidateIndex::build(&dataset, &report, &rules, hubs, options);
    report
        .summary
        .timings
        .push(StageTime::since("candidate_index", start));
    Ok((report, index))
}

/// Screens an already loaded dataset with the given rules (and lists, when given).
pub async fn screen_dataset(
    dataset: &Dataset,
    rules: Vec<redflag_rules::Rule>,
    scoring: &ScoringConfig,
    inputs: EngineInputs<'_>,
    label: &str,
) -> Result<Report, ScreenError> {
    Ok(run(dataset, rules, scoring, inputs, label, false).await?.0)
}

/// The phones and emails the identifier engine classed as hubs, as (kind, key), read from
/// its table in `engine` (what `PLT_CONTACT_REUSE` excludes).
async fn hub_contacts(engine: &RuleEngine) -> Result<Vec<(String, String)>, ScreenError> {
    let query = "SELECT DISTINCT kind, key FROM shared_identifiers \
                 WHERE sharing = 'hub' AND kind IN ('phone', 'email')";
    let failed = |e: datafusion::error::DataFusionError| {
        ScreenError::Rules(RulesError::Table {
            table: "shared_identifiers".into(),
            message: e.to_string(),
        })
    };
    let batches = engine
        .session()
        .sql(query)
        .await
        .map_err(failed)?
        .collect()
        .await
        .map_err(failed)?;
    let mut hubs = Vec::new();
    for batch in &batches {
        let (Some(kinds), Some(keys)) = (
            batch.column(0).as_string_opt::<i32>(),
            batch.column(1).as_string_opt::<i32>(),
        ) else {
            continue;
        };
        for row in 0..batch.num_rows() {
            hubs.push((kinds.value(row).to_string(), keys.value(row).to_string()));
        }
    }
    Ok(hubs)
}

/// The stages of a screening run; with `want_hubs`, also the hub phones and emails.
async fn run(
    dataset: &Dataset,
    rules: Vec<redflag_rules::Rule>,
    scoring: &ScoringConfig,
    inputs: EngineInputs<'_>,
    label: &str,
    want_hubs: bool,
) -> Result<(Report, Vec<(String, String)>), ScreenError> {
    let screener = inputs.screener;
    let intel = inputs.intel;
    let people = person_summaries(dataset);
    let rules_run = rules.len();
    let engine = RuleEngine::with_inputs(dataset, rules, inputs).await?;
    let mut timings = engine.setup_timings().to_vec();
    let start = Instant::now();
    let (mut detections, rule_times) = engine.run_phase_timed(1).await?;
    timings.push(StageTime::since("phase1", start));
    timings.extend(rule_times);
    let start = Instant::now();
    let first_pass = score_people(&people, &detections, scoring);
    let priors: Vec<(String, u8, Level)> = first_pass
        .iter()
        .map(|p| (p.person.person_id.clone(), p.score, p.level))
        .collect();
    engine.register_prior_scores(&priors)?;
    timings.push(StageTime::since("score1", start));
    let start = Instant::now();
    let (phase2, rule_times) = engine.run_phase_timed(2).await?;
    detections.extend(phase2);
    timings.push(StageTime::since("phase2", start));
    timings.extend(rule_times);
    let start = Instant::now();
    let mut results = score_people(&people, &detections, scoring);
    timings.push(StageTime::since("score2", start));
    let start = Instant::now();
    build_networks(&mut results);
    engine.register_network_members(&network_members(&results))?;
    timings.push(StageTime::since("networks", start));
    // Phase 3: evidence about each member's network (who else is in it, how flagged).
    let start = Instant::now();
    let (phase3, rule_times) = engine.run_phase_timed(3).await?;
    timings.push(StageTime::since("phase3", start));
    timings.extend(rule_times);
    let start = Instant::now();
    let mut networks = Vec::new();
    if !phase3.is_empty() {
        detections.extend(phase3);
        results = score_people(&people, &detections, scoring);
    }
    results.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.level.cmp(&a.level))
            .then_with(|| a.person.person_id.cmp(&b.person.person_id))
    });
    networks.extend(build_networks(&mut results));
    timings.push(StageTime::since("score", start));
    let mut by_level = std::collections::BTreeMap::new();
    for level in Level::ALL {
        by_level.insert(level, 0);
    }
    for person in &results {
        *by_level.entry(person.level).or_insert(0) += 1;
    }
    let summary = Summary {
        people: results.len(),
        by_level,
        rules_run,
        evidence: detections.len(),
        networks: networks.len(),
        tables: dataset
            .tables
            .iter()
            .filter(|t| t.file.is_some() || t.rows > 0)
            .map(|t| TableCount {
                table: t.name.clone(),
                file: t.file.clone().unwrap_or_else(|| format!("{}/", t.name)),
                rows: t.rows,
                skipped: t.skipped,
            })
            .collect(),
        unrecognised_files: dataset.unrecognised.clone(),
        warnings: dataset
            .warnings()
            .into_iter()
            .chain(engine.warnings().iter().cloned())
            .collect(),
        watchlists: screener.map(lists_used).unwrap_or_default(),
        ip_data: intel.map(ip_data_used).unwrap_or_default(),
        hubs: engine.hub_identifiers().to_vec(),
        timings,
    };
    let hubs = if want_hubs {
        hub_contacts(&engine).await?
    } else {
        Vec::new()
    };
    let report = Report {
        redflag_version: redflag_model::REDFLAG_VERSION.to_string(),
        dataset: label.to_string(),
        generated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        people: results,
        networks,
        summary,
    };
    Ok((report, hubs))
}

/// Every member of every network formed so far, with the refs of the evidence that links them.
fn network_members(results: &[PersonResult]) -> Vec<redflag_rules::NetworkMember> {
    results
        .iter()
        .filter_map(|p| {
            let network = p.network.clone()?;
            let mut refs: Vec<String> = p
                .evidence
                .iter()
                .filter(|e| !e.related.is_empty())
                .flat_map(|e| e.refs.iter().cloned())
                .collect();
            refs.sort();
            refs.dedup();
            Some(redflag_rules::NetworkMember {
                network,
                person_id: p.person.person_id.clone(),
                score: p.score,
                level: p.level,
                refs,
            })
        })
        .collect()
}

/// What the report says about the lists screened against.
fn lists_used(screener: &Screener) -> Vec<redflag_model::ListUsed> {
    screener
        .lists()
        .lists()
        .iter()
        .map(|info| redflag_model::ListUsed {
            list: info.list.code().to_string(),
            name: info.list.name().to_string(),
            published: info.published.map(|p| p.date().to_string()),
            basis: serde_json::to_value(info.published_basis)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            entities: info.entities,
        })
        .collect()
}

/// Scores every person (flagged or not) from the detections so far.
fn score_people(
    people: &[PersonSummary],
    detections: &[Detection],
    scoring: &ScoringConfig,
) -> Vec<PersonResult> {
    let mut evidence: HashMap<&str, Vec<Evidence>> = HashMap::new();
    for d in detections {
        evidence
            .entry(d.person_id.as_str())
            .or_default()
            .push(d.evidence.clone());
    }
    people
        .iter()
        .map(|person| {
            let mut items = evidence
                .remove(person.person_id.as_str())
                .unwrap_or_default();
            note_repeated_facts(&mut items, scoring);
            sort_evidence(&mut items);
            let (points, level) = score(&items, scoring);
            PersonResult {
                person: person.clone(),
                score: points,
                level,
                network: None,
                evidence: items,
            }
        })
        .collect()
}

/// The `people` table as summaries, in file order.
pub fn person_summaries(dataset: &Dataset) -> Vec<PersonSummary> {
    let Some(table) = dataset.table("people") else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(table.rows as usize);
    for batch in &table.batches {
        let text = |name: &str| {
            batch
                .column_by_name(name)
                .map(|c| c.as_string::<i32>().clone())
        };
        let (Some(id), Some(name)) = (text("person_id"), text("full_name")) else {
            continue;
        };
        let optional = |col: &Option<datafusion::arrow::array::StringArray>, row: usize| {
            col.as_ref()
                .filter(|c| !c.is_null(row))
                .map(|c| c.value(row).to_string())
        };
        let (org, status, role, country) = (
            text("org"),
            text("status"),
            text("role"),
            text("claimed_country"),
        );
        for row in 0..batch.num_rows() {
            out.push(PersonSummary {
                person_id: id.value(row).to_string(),
                full_name: name.value(row).to_string(),
                org: optional(&org, row),
                status: optional(&status, row),
                role: optional(&role, row),
                claimed_country: optional(&country, row),
            });
        }
    }
    out
}

/// One line per installed IP data source: package, version, data date, licence and the
/// attribution it requires.
fn ip_data_used(intel: &redflag_intel::IpIntel) -> Vec<String> {
    let Some(manifest) = intel.manifest() else {
        return Vec::new();
    };
    manifest
        .sources
        .iter()
        .map(|s| {
            let mut line = format!(
                "{} {} ({}), data of {}, {}",
                s.package,
                s.version,
                s.registry,
                s.data_date.as_deref().unwrap_or("unknown date"),
                s.licence
            );
            if let Some(a) = &s.attribution {
                line.push_str(&format!(": {a}"));
            }
            line
        })
        .collect()
}
