//! Renders the planned population into the dataset tables, one person at a time.
//!
//! Each person gets an independent ChaCha8 stream (`seed`, stream = index + 1), so
//! output is deterministic and rows are written as they are generated: memory use
//! is bounded by the people table, not by the number of events.

mod comms;
mod hiring;
mod life;
mod money;
mod records;
mod telemetry;

use std::path::{Path, PathBuf};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::plan::Plan;
use crate::writer::Table;
use crate::{SimConfig, SimError};

pub use life::Life;

/// All output tables.
pub struct Tables {
    pub(crate) people: Table,
    pub(crate) contacts: Table,
    pub(crate) education: Table,
    pub(crate) work_history: Table,
    pub(crate) interviews: Table,
    pub(crate) signins: Table,
    pub(crate) endpoint: Table,
    pub(crate) shipments: Table,
    pub(crate) changes: Table,
    pub(crate) payments: Table,
    pub(crate) messages: Table,
    pub(crate) referrals: Table,
    pub(crate) activity: Table,
    pub(crate) access: Table,
}

impl Tables {
    fn create(dir: &Path) -> Result<Tables, SimError> {
        Ok(Tables {
            people: Table::create(
                dir,
                "people.csv",
                &[
                    "person_id",
                    "full_name",
                    "org",
                    "status",
                    "employment_type",
                    "role",
                    "claimed_country",
                    "claimed_region",
                    "claimed_city",
                    "claimed_timezone",
                    "date_of_birth",
                    "applied_at",
                    "hired_at",
                    "terminated_at",
                    "source",
                    "vendor",
                ],
            )?,
            contacts: Table::create(
                dir,
                "contacts.csv",
                &["person_id", "kind", "value", "observed_at", "source"],
            )?,
            education: Table::create(
                dir,
                "education.csv",
                &[
                    "person_id",
                    "institution",
                    "country",
                    "degree",
                    "field",
                    "start_year",
                    "end_year",
                ],
            )?,
            work_history: Table::create(
                dir,
                "work_history.csv",
                &[
                    "person_id",
                    "employer",
                    "employer_domain",
                    "country",
                    "title",
                    "start",
                    "end",
                ],
            )?,
            interviews: Table::create(
                dir,
                "interviews.csv",
                &[
                    "interview_id",
                    "person_id",
                    "at",
                    "kind",
                    "camera",
                    "duration_min",
                    "interviewer",
                    "outcome",
                    "signals",
                    "notes",
                ],
            )?,
            signins: Table::create(
                dir,
                "signins.csv",
                &[
                    "at",
                    "person_id",
                    "account",
                    "ip",
                    "country",
                    "city",
                    "asn",
                    "as_org",
                    "is_proxy",
                    "user_agent",
                    "device_id",
                    "session_id",
                    "app",
                    "result",
                ],
            )?,
            endpoint: Table::create(
                dir,
                "endpoint.csv",
                &[
                    "at",
                    "device_id",
                    "person_id",
                    "kind",
                    "name",
                    "path",
                    "vendor_id",
                    "product_id",
                    "manufacturer",
                    "product",
                    "serial",
                    "value",
                ],
            )?,
            shipments: Table::create(
                dir,
                "shipments.csv",
                &["asset_id", "person_id", "at", "address", "status"],
            )?,
            changes: Table::create(
                dir,
                "changes.csv",
                &["person_id", "at", "field", "old_value", "new_value"],
            )?,
            payments: Table::create(
                dir,
                "payments.csv",
                &[
                    "payment_id",
                    "person_id",
                    "at",
                    "direction",
                    "method",
                    "account",
                    "account_holder",
                    "bank_country",
                    "counterparty_name",
                    "counterparty_country",
                    "amount",
                    "currency",
                ],
            )?,
            messages: Table::create(
                dir,
                "messages.csv",
                &[
                    "message_id",
                    "person_id",
                    "at",
                    "channel",
                    "direction",
                    "text",
                ],
            )?,
            referrals: Table::create(dir, "referrals.csv", &["referrer_id", "referee_id", "at"])?,
            activity: Table::create(dir, "activity.csv", &["person_id", "at", "kind", "source"])?,
            access: Table::create(
                dir,
                "access.csv",
                &[
                    "person_id",
                    "at",
                    "resource",
                    "action",
                    "bytes",
                    "sensitivity",
                ],
            )?,
        })
    }

    fn close(self) -> Result<Vec<(String, u64)>, SimError> {
        Ok(vec![
            self.people.close()?,
            self.contacts.close()?,
            self.education.close()?,
            self.work_history.close()?,
            self.interviews.close()?,
            self.signins.close()?,
            self.endpoint.close()?,
            self.shipments.close()?,
            self.changes.close()?,
            self.payments.close()?,
            self.messages.close()?,
            self.referrals.close()?,
            self.activity.close()?,
            self.access.close()?,
        ])
    }
}

/// Running id counters.
#[derive(Default)]
pub(crate) struct Counters {
    pub interview: u64,
    pub payment: u64,
    pub message: u64,
}

/// Writes every table for `plan` into `dir`; returns `(file, rows)` pairs
/// (résumés are reported as `resumes/` with the number of files).
pub fn emit(
    config: &SimConfig,
    plan: &mut Plan,
    dir: &Path,
) -> Result<Vec<(String, u64)>, SimError> {
    let mut tables = Tables::create(dir)?;
    let resumes_dir: PathBuf = dir.join("resumes");
    std::fs::create_dir_all(&resumes_dir).map_err(|source| SimError::Io {
        path: resumes_dir.clone(),
        source,
    })?;
    remove_stale_resumes(&resumes_dir)?;
    let mut counters = Counters::default();
    let mut resumes = 0u64;
    let Plan {
        orgs, people, reg, ..
    } = plan;
    for (idx, p) in people.iter().enumerate() {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        rng.set_stream(idx as u64 + 1);
        let life = Life::build(p, &mut rng, reg);
        records::people_row(&mut tables.people, p, orgs)?;
        records::contacts(&mut tables.contacts, p, &life, &mut rng)?;
        let edu = records::education(&mut tables.education, p, &mut rng)?;
        let jobs = records::work_history(&mut tables.work_history, p, orgs, &mut rng)?;
        hiring::interviews(
            &mut tables.interviews,
            p,
            &life,
            orgs,
            &mut rng,
            &mut counters,
        )?;
        hiring::shipments(&mut tables.shipments, p, &life)?;
        hiring::changes(&mut tables.changes, p, &life)?;
        comms::referral(&mut tables.referrals, p, people, &mut rng)?;
        money::payments(&mut tables.payments, p, &life, &mut rng, &mut counters)?;
        comms::messages(
            &mut tables.messages,
            p,
            &life,
            orgs,
            &mut rng,
            &mut counters,
        )?;
        telemetry::signins(
            &mut tables.signins,
            p,
            &life,
            orgs,
            config.signins_per_person,
            &mut rng,
        )?;
        telemetry::activity(
            &mut tables.activity,
            p,
            &life,
            config.activity_per_person,
            &mut rng,
        )?;
        telemetry::endpoint(&mut tables.endpoint, p, &life, orgs, &mut rng)?;
        telemetry::access(&mut tables.access, p, &life, orgs, &mut rng)?;
        if p.resume {
            records::resume(&resumes_dir, p, orgs, &edu, &jobs, &mut rng)?;
            resumes += 1;
        }
    }
    let mut files = tables.close()?;
    files.push(("resumes/".to_string(), resumes));
    Ok(files)
}

/// Removes résumés left by an earlier run (`P<digits>.txt` only), so every file in
/// `resumes/` belongs to a person of this dataset. Other files are left alone.
fn remove_stale_resumes(dir: &Path) -> Result<(), SimError> {
    let io = |source| SimError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let ours = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix('P'))
            .and_then(|n| n.strip_suffix(".txt"))
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
        if ours && path.is_file() {
            std::fs::remove_file(&path).map_err(|source| SimError::Io {
                path: path.clone(),
                source,
            })?;
        }
    }
    Ok(())
}
