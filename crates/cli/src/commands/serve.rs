//! `redflag serve` and `redflag keys`: the analyst service and its API keys.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use anyhow::{anyhow, Context};
use redflag_model::Level;
use redflag_pipeline::{Candidate, CandidateError, CandidateIndex};
use redflag_server::candidate::{Indexed, IndexedError, RelatedPerson};
use redflag_sim::{simulate, SimConfig};
use redflag_store::ingested::Row;
use redflag_store::{Role, Store};

use super::{screen_failure, screen_options};
use crate::cli::{KeysCommand, ServeArgs, StoreArgs};
use crate::output::{Failure, EXIT_IO, EXIT_OK, EXIT_USAGE};

/// The store file: `--db`, else `redflag.db` in the data directory.
fn db_path(args: &StoreArgs) -> PathBuf {
    args.db
        .clone()
        .unwrap_or_else(|| redflag_datadir::data_root().join("redflag.db"))
}

/// `--db` when it is a PostgreSQL URL.
fn postgres_url(args: &StoreArgs) -> Option<&str> {
    args.db
        .as_deref()
        .and_then(|db| db.to_str())
        .filter(|db| redflag_store::is_postgres_url(db))
}

/// Opens the store: the PostgreSQL database of a `postgres://` URL, else the SQLite file
/// (creating its folder).
fn open_store(args: &StoreArgs) -> Result<Store, Failure> {
    if let Some(url) = postgres_url(args) {
        return Store::connect(url)
            .with_context(|| format!("cannot open the store {}", redflag_store::redact_url(url)))
            .map_err(|e| Failure::new(EXIT_IO, e));
    }
    let path = db_path(args);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))
            .map_err(|e| Failure::new(EXIT_IO, e))?;
    }
    Store::open(&path)
        .with_context(|| format!("cannot open the store {}", path.display()))
        .map_err(|e| Failure::new(EXIT_IO, e))
}

pub async fn run(args: ServeArgs) -> Result<u8, Failure> {
    let threshold = Level::from_name(&args.threshold).ok_or_else(|| {
        Failure::new(
            EXIT_USAGE,
            anyhow!("--threshold is one of none, low, medium, high, critical"),
        )
    })?;
    let store = if args.demo && args.store.db.is_none() {
        Store::open_in_memory().map_err(|e| Failure::new(EXIT_IO, e))?
    } else {
        open_store(&args.store)?
    };
    let temp;
    let dataset = if args.demo {
        temp = tempfile::tempdir()
            .context("cannot create a temporary folder")
            .map_err(|e| Failure::new(EXIT_IO, e))?;
        let dir = temp.path().join("dataset");
        let config = SimConfig {
            people: args.people,
            seed: args.seed,
            ..SimConfig::default()
        };
        eprintln!(
            "redflag serve: simulating {} people (seed {})…",
            config.people, config.seed
        );
        simulate(&config, &dir).map_err(|e| Failure::new(EXIT_IO, e))?;
        Some(dir)
    } else {
        args.dataset.clone()
    };
    let options = screen_options(&args.engine)?;
    let mut index = None;
    if let Some(dir) = &dataset {
        eprintln!("redflag serve: screening {}…", dir.display());
        let (report, indexed) = redflag_pipeline::screen_indexed(dir, &options)
            .await
            .map_err(screen_failure)?;
        index = Some(Arc::new(indexed));
        let saved = store
            .save_report(&report, threshold, "system")
            .map_err(|e| Failure::new(EXIT_IO, e))?;
        eprintln!(
            "redflag serve: saved {} people and {} networks; {} cases opened, {} re-opened, {} updated",
            saved.people, saved.networks, saved.cases_opened, saved.cases_reopened, saved.cases_updated
        );
    }
    if args.demo {
        let (id, secret) = store
            .create_api_key("demo admin", Role::Admin)
            .map_err(|e| Failure::new(EXIT_IO, e))?;
        println!("demo admin key {id} (shown once): {secret}");
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))
        .map_err(|e| Failure::new(EXIT_IO, e))?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::new(EXIT_IO, e))?;
    eprintln!("redflag serve: listening on http://{address}/v1 (Ctrl-C stops)");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let dirs: Vec<&std::path::Path> = args.engine.rule_dirs.iter().map(PathBuf::as_path).collect();
    let rules = redflag_rules::catalogue(&dirs)
        .map_err(|e| Failure::new(crate::output::EXIT_RULES, e))?
        .into_iter()
        .map(|r| redflag_server::RuleInfo {
            id: r.id,
            title: r.title,
            category: r.category.to_string(),
            weight: r.weight,
            phase: r.phase,
            description: r.description,
            sources: r.sources,
        })
        .collect();
    // Rows stored over the API by an earlier run are screened (and indexed) in the
    // background; until then candidates are screened in full.
    let stored = dataset.is_none()
        && store
            .ingested_tables()
            .map_err(|e| Failure::new(EXIT_IO, e))?
            .iter()
            .any(|t| t == "people");
    let pipeline = Arc::new(ServePipeline {
        options,
        runtime: tokio::runtime::Handle::current(),
        index: RwLock::new(index),
    });
    let mut state =
        redflag_server::AppState::new(Arc::new(store), rules).with_pipeline(pipeline, threshold);
    state.secure_cookies = args.secure_cookies;
    if stored {
        state.rescreen.notify_one();
    }
    redflag_server::serve(listener, state, shutdown)
        .await
        .map_err(|e| Failure::new(EXIT_IO, e))?;
    Ok(EXIT_OK)
}

pub fn keys(command: KeysCommand) -> Result<u8, Failure> {
    match command {
        KeysCommand::Create(args) => {
            let role = Role::from_name(&args.role).ok_or_else(|| {
                Failure::new(
                    EXIT_USAGE,
                    anyhow!("--role is one of viewer, analyst, admin"),
                )
            })?;
            let store = open_store(&args.store)?;
            let (id, secret) = store
                .create_api_key(&args.name, role)
                .map_err(|e| Failure::new(EXIT_IO, e))?;
            eprintln!(
                "redflag keys: key {id} ({}) created; its secret is shown once:",
                role.as_str()
            );
            println!("{secret}");
            Ok(EXIT_OK)
        }
        KeysCommand::Revoke(args) => {
            let store = open_store(&args.store)?;
            store
                .revoke_api_key(args.key_id)
                .map_err(|e| Failure::new(EXIT_USAGE, e))?;
            eprintln!("redflag keys: key {} revoked", args.key_id);
            Ok(EXIT_OK)
        }
    }
}

/// The loader and the screening pipeline, for rows ingested over the API, and the index of
/// the last screening of the stored data for single candidates.
struct ServePipeline {
    options: redflag_pipeline::ScreenOptions,
    /// The server's runtime: screening runs on it from a blocking thread.
    runtime: tokio::runtime::Handle,
    /// Replaced whole when a screening of the stored data finishes; a request keeps the
    /// index it started with.
    index: RwLock<Option<Arc<CandidateIndex>>>,
}

impl redflag_server::Pipeline for ServePipeline {
    fn is_table(&self, name: &str) -> bool {
        redflag_ingest::schema::table_spec(name).is_some()
    }

    fn check(&self, dir: &std::path::Path) -> Result<(), String> {
        let options = redflag_ingest::LoadOptions {
            lenient: false,
            native_files: Vec::new(),
        };
        redflag_ingest::load_dataset(dir, options)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn screen(&self, dir: &std::path::Path) -> Result<redflag_model::Report, String> {
        self.runtime
            .block_on(redflag_pipeline::screen(dir, &self.options))
            .map_err(|e| e.to_string())
    }

    fn screen_stored(&self, dir: &std::path::Path) -> Result<redflag_model::Report, String> {
        let (report, index) = self
            .runtime
            .block_on(redflag_pipeline::screen_indexed(dir, &self.options))
            .map_err(|e| e.to_string())?;
        let index = Some(Arc::new(index));
        // The old index is dropped outside the lock.
        let old = std::mem::replace(
            &mut *self.index.write().unwrap_or_else(|p| p.into_inner()),
            index,
        );
        drop(old);
        Ok(report)
    }

    fn screen_candidate(
        &self,
        person: &Row,
        rows: &BTreeMap<String, Vec<Row>>,
    ) -> Result<Indexed, IndexedError> {
        let index = self
            .index
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or(IndexedError::NotIndexed)?;
        let screening = index
            .screen(&Candidate { person, rows })
            .map_err(|e| match e {
                CandidateError::FullOnly(_) => IndexedError::FullOnly(e.to_string()),
                _ => IndexedError::Refused(e.to_string()),
            })?;
        Ok(Indexed {
            result: screening.result,
            related: screening
                .related
                .into_iter()
                .map(|p| RelatedPerson {
                    person_id: p.person_id,
                    level: p.level,
                    score: p.score,
                    network: p.network,
                })
                .collect(),
            checked: screening.checked,
        })
    }
}
