//! Screening results: each person's latest score, level and evidence, and the networks.

use redflag_model::{Level, Network, PersonResult, Report};
use serde::Serialize;

use crate::cases::{self, CaseOutcome, CaseStatus};
use crate::db::{params, Lock, Param, Row, Sql};
use crate::{now, Result, Store, StoreError};

/// A person in a list: enough to rank and pick, without the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRow {
    /// Opaque id.
    pub person_id: String,
    /// Name as given.
    pub full_name: String,
    /// Employer, client or tenant.
    pub org: Option<String>,
    /// Level.
    pub level: Level,
    /// 0–100.
    pub score: u8,
    /// Persona network, if any.
    pub network: Option<String>,
    /// Pieces of evidence.
    pub evidence: usize,
    /// When the person was last screened.
    pub screened_at: String,
}

/// What saving a report did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SaveSummary {
    /// People saved (new or replaced).
    pub people: usize,
    /// Networks saved (the report's replace the previous ones).
    pub networks: usize,
    /// Cases opened for people who reached the threshold.
    pub cases_opened: usize,
    /// Closed cases re-opened by new evidence.
    pub cases_reopened: usize,
    /// Open cases whose evidence changed.
    pub cases_updated: usize,
}

impl Store {
    /// Saves a report in one transaction: every person's result (replacing their previous
    /// one), the networks (replacing all), and the cases: a person at or above `threshold`
    /// without a case gets one; new evidence re-opens a closed case or is noted on an open
    /// one. `actor` is recorded in the audit log and the cases' history. Reports are saved
    /// one at a time, also by servers sharing a PostgreSQL database.
    pub fn save_report(
        &self,
        report: &Report,
        threshold: Level,
        actor: &str,
    ) -> Result<SaveSummary> {
        let mut conn = self.conn()?;
        let mut tx = conn.writer(Lock::Results)?;
        let mut summary = SaveSummary::default();
        let at = now();
        for person in &report.people {
            tx.execute(
                "INSERT INTO results (person_id, full_name, org, level, score, network, evidence,
                                      result_json, screened_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (person_id) DO UPDATE SET
                   full_name = excluded.full_name, org = excluded.org, level = excluded.level,
                   score = excluded.score, network = excluded.network,
                   evidence = excluded.evidence, result_json = excluded.result_json,
                   screened_at = excluded.screened_at",
                params![
                    person.person.person_id,
                    person.person.full_name,
                    person.person.org,
                    person.level.name(),
                    person.score,
                    person.network,
                    person.evidence.len() as i64,
                    serde_json::to_string(person)?,
                    at,
                ],
            )?;
            summary.people += 1;
            match cases::on_result(&mut tx, person, threshold, actor)? {
                CaseOutcome::Opened => summary.cases_opened += 1,
                CaseOutcome::Reopened => summary.cases_reopened += 1,
                CaseOutcome::Updated => summary.cases_updated += 1,
                CaseOutcome::Unchanged => {}
            }
        }
        tx.execute("DELETE FROM networks", params![])?;
        for network in &report.networks {
            tx.execute(
                "INSERT INTO networks (network, level, network_json) VALUES (?1, ?2, ?3)",
                params![
                    network.network,
                    network.level.name(),
                    serde_json::to_string(network)?
                ],
            )?;
            summary.networks += 1;
        }
        crate::audit::append(
            &mut tx,
            actor,
            "save_report",
            &format!("{} people from {}", summary.people, report.dataset),
        )?;
        tx.commit()?;
        Ok(summary)
    }

    /// People at `min_level` or above, highest score first, `limit` from `offset`.
    pub fn people(&self, min_level: Level, limit: usize, offset: usize) -> Result<Vec<PersonRow>> {
        let levels: Vec<&str> = Level::ALL
            .into_iter()
            .filter(|l| *l >= min_level)
            .map(Level::name)
            .collect();
        // One statement per minimum level (five at most): `level IN (?3, ?4, …)`.
        let placeholders: Vec<String> = (3..3 + levels.len()).map(|i| format!("?{i}")).collect();
        let (limit, offset) = (limit as i64, offset as i64);
        let mut params: Vec<&dyn Param> = vec![&limit, &offset];
        params.extend(levels.iter().map(|l| l as &dyn Param));
        let rows = self.conn()?.query(
            &format!(
                "SELECT person_id, full_name, org, level, score, network, evidence, screened_at
                 FROM results WHERE level IN ({})
                 ORDER BY score DESC, person_id LIMIT ?1 OFFSET ?2",
                placeholders.join(", ")
            ),
            &params,
            person_row,
        )?;
        rows.into_iter().map(finish_row).collect()
    }

    /// One person's latest result, evidence and all.
    pub fn person(&self, person_id: &str) -> Result<Option<PersonResult>> {
        let json: Option<String> = self.conn()?.query_opt(
            "SELECT result_json FROM results WHERE person_id = ?1",
            params![person_id],
            |row| row.get(0),
        )?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }

    /// People whose id or name contains `query` (any case), highest score first.
    pub fn search_people(&self, query: &str, limit: usize) -> Result<Vec<PersonRow>> {
        let pattern = format!(
            "%{}%",
            query
                .trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        // SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's does not: both sides
        // in lower case give SQLite's answers on both.
        let rows = self.conn()?.query(
            "SELECT person_id, full_name, org, level, score, network, evidence, screened_at
             FROM results
             WHERE lower(person_id) LIKE lower(?1) ESCAPE '\\'
                OR lower(full_name) LIKE lower(?1) ESCAPE '\\'
             ORDER BY score DESC, person_id LIMIT ?2",
            params![pattern, limit as i64],
            person_row,
        )?;
        rows.into_iter().map(finish_row).collect()
    }

    /// A person's name as the latest results have it (without reading their evidence).
    pub fn full_name(&self, person_id: &str) -> Result<Option<String>> {
        self.conn()?.query_opt(
            "SELECT full_name FROM results WHERE person_id = ?1",
            params![person_id],
            |row| row.get(0),
        )
    }

    /// When a person was last screened.
    pub fn people_screened_at(&self, person_id: &str) -> Result<Option<String>> {
        self.conn()?.query_opt(
            "SELECT screened_at FROM results WHERE person_id = ?1",
            params![person_id],
            |row| row.get(0),
        )
    }

    /// Every network of the latest report, highest level first.
    pub fn networks(&self) -> Result<Vec<Network>> {
        let mut networks = self.conn()?.query(
            "SELECT network_json FROM networks ORDER BY network",
            params![],
            |row| Ok(serde_json::from_str::<Network>(&row.get::<String>(0)?)?),
        )?;
        networks.sort_by_key(|n| std::cmp::Reverse(n.level));
        Ok(networks)
    }
}

/// Counts for monitoring: people per level, cases per status (every level and status, zero
/// included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// People per level in the latest results.
    pub people_by_level: Vec<(Level, u64)>,
    /// Cases per status.
    pub cases_by_status: Vec<(CaseStatus, u64)>,
}

impl Store {
    /// People per level and cases per status.
    pub fn totals(&self) -> Result<Totals> {
        let mut conn = self.conn()?;
        let mut count = |sql: &str, key: &str| -> Result<u64> {
            Ok(conn.query_one(sql, params![key], |row| row.get::<i64>(0))? as u64)
        };
        let people_by_level = Level::ALL
            .into_iter()
            .map(|l| {
                Ok((
                    l,
                    count("SELECT count(*) FROM results WHERE level = ?1", l.name())?,
                ))
            })
            .collect::<Result<_>>()?;
        let cases_by_status = CaseStatus::ALL
            .into_iter()
            .map(|s| {
                Ok((
                    s,
                    count("SELECT count(*) FROM cases WHERE status = ?1", s.as_str())?,
                ))
            })
            .collect::<Result<_>>()?;
        Ok(Totals {
            people_by_level,
            cases_by_status,
        })
    }
}

/// The columns `person_id, full_name, org, level, score, network, evidence, screened_at`
/// as a row, with its level still as text.
fn person_row(row: &Row<'_>) -> Result<(PersonRow, String)> {
    Ok((
        PersonRow {
            person_id: row.get(0)?,
            full_name: row.get(1)?,
            org: row.get(2)?,
            level: Level::None,
            score: row.get(4)?,
            network: row.get(5)?,
            evidence: row.get::<i64>(6)? as usize,
            screened_at: row.get(7)?,
        },
        row.get(3)?,
    ))
}

/// A row of [`person_row`] with its level read.
fn finish_row((mut person, level): (PersonRow, String)) -> Result<PersonRow> {
    person.level = parse_level(&level)?;
    Ok(person)
}

/// A level stored by this crate.
pub(crate) fn parse_level(name: &str) -> Result<Level> {
    Level::from_name(name).ok_or_else(|| StoreError::Invalid(format!("stored level {name:?}")))
}
