//! A realistic workforce-dataset simulator for redflag.
//!
//! [`simulate`] writes a dataset directory in redflag's input contract
//! (`shared/spec/dataset.md`): `people.csv`, `contacts.csv`, `education.csv`,
//! `work_history.csv`, `interviews.csv`, `signins.csv`, `endpoint.csv`,
//! `shipments.csv`, `changes.csv`, `payments.csv`, `messages.csv`, `referrals.csv`,
//! `activity.csv`, `access.csv`, `resumes/<person_id>.txt` and a ground-truth
//! `truth.json`.
//!
//! The population is an ordinary multinational workforce (several companies plus a
//! freelance platform) with everyday noise — moves, bank changes, a consumer VPN,
//! the odd camera glitch — into which it embeds:
//!
//! * **persona networks modelled on public DPRK IT-worker cases** (laptop farm,
//!   referral pair, day-one compromise, identity lender, account renting, vendor
//!   front company, extortion), expected to be flagged; and
//! * **benign look-alikes** (a household, an office egress IP, a traveller,
//!   Korean-speaking engineers, IT staff with remote tools, a mover, a one-off camera
//!   glitch, freelancers paid through platforms, agency contractors, a long flight on
//!   in-flight Wi-Fi, a move abroad), expected to stay low.
//!
//! Sign-in behaviours a rule looks for (a VPN hopping countries within the hour, a
//! session held for days, sign-ins over a line abroad, one device behind several
//! accounts) are planted in the members who should show them, and `truth.json` names
//! those members under each scenario's `planted`.
//!
//! Output is a pure function of [`SimConfig`]: the same seed gives byte-identical
//! files, and no wall-clock time is read (events fall in 2024-01-01..2025-06-30).
//! Rows are streamed person by person through buffered writers, so 100,000 people
//! (about a gigabyte of CSV) take seconds in release builds.
//!
//! ```
//! use redflag_sim::{simulate, SimConfig};
//!
//! let dir = std::env::temp_dir().join(format!("redflag-sim-doc-{}", std::process::id()));
//! let config = SimConfig { people: 200, seed: 42, ..SimConfig::default() };
//! let summary = simulate(&config, &dir)?;
//! assert_eq!(summary.people, 200);
//! assert!(summary.scenarios >= 16);
//! assert!(dir.join("truth.json").exists());
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok::<(), redflag_sim::SimError>(())
//! ```

#![warn(missing_docs)]

mod emit;
mod geo;
mod names;
mod person;
mod plan;
mod scenarios;
mod time;
mod truth;
mod util;
mod world;
mod writer;

use std::path::{Path, PathBuf};

pub use scenarios::flagged::KINDS as NETWORK_KINDS;
pub use scenarios::lookalike::KINDS as LOOKALIKE_KINDS;

/// Fewest people a dataset can have: the scenarios need room among ordinary staff.
pub const MIN_PEOPLE: usize = 150;
/// Upper bound on per-person event counts, to catch typos before filling a disk.
pub const MAX_EVENTS_PER_PERSON: usize = 100_000;

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimConfig {
    /// Number of people rows (applicants, staff, freelancers, facilitators).
    pub people: usize,
    /// Random seed; the dataset is a pure function of the config.
    pub seed: u64,
    /// Sign-in events per person with an account.
    pub signins_per_person: usize,
    /// Work-activity events per person with an account.
    pub activity_per_person: usize,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            people: 500,
            seed: 7,
            signins_per_person: 60,
            activity_per_person: 40,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimSummary {
    /// People rows.
    pub people: usize,
    /// `(file, rows)` per output; résumés appear as `("resumes/", files)` and the
    /// truth as `("truth.json", scenarios)`.
    pub files: Vec<(String, u64)>,
    /// Scenarios recorded in `truth.json` (flagged networks and benign look-alikes).
    pub scenarios: usize,
}

/// Why a simulation failed.
#[derive(thiserror::Error, Debug)]
pub enum SimError {
    /// A file or directory could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path being written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The configuration cannot produce a valid dataset.
    #[error("invalid simulation config: {0}")]
    InvalidConfig(String),
}

impl SimConfig {
    /// Checks the configuration.
    pub fn validate(&self) -> Result<(), SimError> {
        if self.people < MIN_PEOPLE {
            return Err(SimError::InvalidConfig(format!(
                "people must be at least {MIN_PEOPLE} (found {}) so the embedded scenarios have ordinary colleagues",
                self.people
            )));
        }
        if self.people > 9_999_999 {
            return Err(SimError::InvalidConfig(format!(
                "people must be at most 9999999 (found {})",
                self.people
            )));
        }
        if scenarios::required_people(self.people) > self.people {
            return Err(SimError::InvalidConfig(format!(
                "people = {} is too small for the embedded scenarios",
                self.people
            )));
        }
        for (name, v) in [
            ("signins_per_person", self.signins_per_person),
            ("activity_per_person", self.activity_per_person),
        ] {
            if v > MAX_EVENTS_PER_PERSON {
                return Err(SimError::InvalidConfig(format!(
                    "{name} must be at most {MAX_EVENTS_PER_PERSON} (found {v})"
                )));
            }
        }
        Ok(())
    }
}

/// Generates a dataset into `out_dir` (created if missing). Existing files with the
/// same names are overwritten and résumés from an earlier run (`resumes/P<digits>.txt`)
/// are removed; other files are left alone.
pub fn simulate(config: &SimConfig, out_dir: &Path) -> Result<SimSummary, SimError> {
    config.validate()?;
    std::fs::create_dir_all(out_dir).map_err(|source| SimError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut plan = plan::plan(config.seed, config.people);
    let mut files = emit::emit(config, &mut plan, out_dir)?;
    let truth = truth::Truth {
        seed: config.seed,
        people: config.people,
        scenarios: std::mem::take(&mut plan.scenarios),
        facilitators: std::mem::take(&mut plan.facilitators),
    };
    let path = out_dir.join("truth.json");
    let json = serde_json::to_string_pretty(&truth).map_err(|e| SimError::Io {
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    std::fs::write(&path, json + "\n").map_err(|source| SimError::Io { path, source })?;
    files.push(("truth.json".to_string(), truth.scenarios.len() as u64));
    Ok(SimSummary {
        people: config.people,
        files,
        scenarios: truth.scenarios.len(),
    })
}
