//! osquery result logs → `endpoint`.
//!
//! Reads differential lines (`action` `added`/`removed` with `columns`), snapshot lines
//! (`action` `snapshot` with `snapshot[]`) and batch lines (`diffResults.added[]`/`removed[]`).
//! Which table a query read is told by its columns (queries are usually named after packs,
//! not tables): `usb_devices` → `usb`, `processes` → `process`, `programs` (Windows) and `apps`
//! (macOS) → `software`, `logged_in_users` → `login`. Results of other queries and
//! `removed` rows (a thing that went away is not inventory) are counted.
//!
//! The device is `hostIdentifier` (`hostname` in the documentation's older examples); the
//! time is `unixTime` (a string in older logs, a number in newer ones).

use super::scalar::Scalar;
use super::{Adapter, Cells, FieldError, Layout, Mapped};
use crate::schema::TableSpec;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One result row: column name → value (strings unless `numerics` was set).
type ResultRow<'a> = BTreeMap<&'a str, Scalar<'a>>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResultLine<'a> {
    #[serde(borrow, default)]
    name: Scalar<'a>,
    #[serde(borrow, default)]
    host_identifier: Scalar<'a>,
    #[serde(borrow, default)]
    hostname: Scalar<'a>,
    #[serde(borrow, default)]
    unix_time: Scalar<'a>,
    #[serde(borrow, default)]
    action: Scalar<'a>,
    #[serde(borrow, default)]
    columns: Option<ResultRow<'a>>,
    #[serde(borrow, default)]
    snapshot: Option<Vec<ResultRow<'a>>>,
    #[serde(borrow, default)]
    diff_results: Option<DiffResults<'a>>,
}

#[derive(Deserialize)]
struct DiffResults<'a> {
    #[serde(borrow, default)]
    added: Vec<ResultRow<'a>>,
    #[serde(borrow, default)]
    removed: Vec<ResultRow<'a>>,
}

/// The osquery tables redflag reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    UsbDevices,
    Processes,
    Programs,
    Apps,
    LoggedInUsers,
}

impl Table {
    /// The table a result row came from, by its columns.
    fn of(row: &ResultRow<'_>) -> Option<Table> {
        let has = |c: &str| row.contains_key(c);
        if has("vendor_id") && (has("model_id") || has("model")) {
            Some(Table::UsbDevices)
        } else if has("tty") && has("user") && has("type") {
            Some(Table::LoggedInUsers)
        } else if has("bundle_identifier") {
            Some(Table::Apps)
        } else if has("install_location") || (has("publisher") && has("version")) {
            Some(Table::Programs)
        } else if has("pid") && (has("path") || has("name") || has("cmdline")) {
            Some(Table::Processes)
        } else {
            None
        }
    }
}

/// Column positions of the rows it writes.
pub(crate) struct Osquery {
    at: usize,
    device_id: usize,
    kind: usize,
    name: usize,
    path: usize,
    vendor_id: usize,
    product_id: usize,
    manufacturer: usize,
    product: usize,
    serial: usize,
    value: usize,
    query: usize,
}

impl Osquery {
    pub(crate) fn new(spec: &'static TableSpec) -> Self {
        let l = Layout {
            spec,
            extras: Self::EXTRAS,
        };
        Osquery {
            at: l.at("at"),
            device_id: l.at("device_id"),
            kind: l.at("kind"),
            name: l.at("name"),
            path: l.at("path"),
            vendor_id: l.at("vendor_id"),
            product_id: l.at("product_id"),
            manufacturer: l.at("manufacturer"),
            product: l.at("product"),
            serial: l.at("serial"),
            value: l.at("value"),
            query: l.at("query"),
        }
    }

    /// One inventory row of `table`.
    fn row<'a>(&self, table: Table, r: &ResultRow<'_>, mut cells: Cells<'a>) -> Cells<'a> {
        let get = |c: &str| r.get(c).and_then(Scalar::owned);
        match table {
            Table::UsbDevices => {
                cells.set(self.kind, Some("usb"));
                cells.set(self.vendor_id, get("vendor_id").map(|v| hex4(&v)));
                cells.set(self.product_id, get("model_id").map(|v| hex4(&v)));
                cells.set(self.manufacturer, get("vendor"));
                cells.set(self.product, get("model"));
                cells.set(self.serial, get("serial"));
            }
            Table::Processes => {
                cells.set(self.kind, Some("process"));
                cells.set(self.name, get("name"));
                cells.set(self.path, get("path"));
            }
            Table::Programs => {
                cells.set(self.kind, Some("software"));
                cells.set(self.name, get("name"));
                cells.set(self.path, get("install_location"));
                cells.set(self.manufacturer, get("publisher"));
                cells.set(self.value, get("version"));
            }
            Table::Apps => {
                cells.set(self.kind, Some("software"));
                let name = get("bundle_executable")
                    .or_else(|| get("name").map(|n| n.trim_end_matches(".app").to_string()));
                cells.set(self.name, name);
                cells.set(self.path, get("path"));
                cells.set(self.value, get("bundle_identifier"));
            }
            Table::LoggedInUsers => {
                cells.set(self.kind, Some("login"));
                cells.set(self.name, get("user"));
                cells.set(self.path, get("tty"));
                cells.set(self.product, get("type"));
                cells.set(self.value, get("host"));
                if let Some(at) = get("time").and_then(|t| rfc3339(&t)) {
                    cells.set(self.at, Some(at));
                }
            }
        }
        cells
    }
}

/// A USB id as the contract writes it: 4 lowercase hex digits, no `0x`.
fn hex4(raw: &str) -> String {
    let t = raw.trim();
    let t = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    if lower.len() < 4 && lower.chars().all(|c| c.is_ascii_hexdigit()) {
        format!("{lower:0>4}")
    } else {
        lower
    }
}

/// Unix seconds as RFC 3339 UTC, or `None` when not a number.
fn rfc3339(seconds: &str) -> Option<String> {
    let s: i64 = seconds.trim().parse().ok()?;
    chrono::DateTime::from_timestamp(s, 0).map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

impl Adapter for Osquery {
    const NAME: &'static str = "osquery result log";
    const EXTRAS: &'static [&'static str] = &["query"];

    fn field_of(column: &str) -> Option<&'static str> {
        Some(match column {
            "at" => "unixTime",
            "device_id" => "hostIdentifier",
            "vendor_id" => "columns.vendor_id",
            "product_id" => "columns.model_id",
            _ => return None,
        })
    }

    fn map<'a>(
        &self,
        json: &'a str,
        new_row: &dyn Fn() -> Cells<'a>,
        out: &mut Vec<Cells<'a>>,
    ) -> Result<Mapped, FieldError> {
        let line: ResultLine<'_> = serde_json::from_str(json)
            .map_err(|e| FieldError::new("result", format!("not an osquery result line: {e}")))?;
        let at = match line.unix_time.text() {
            Some(t) => Some(rfc3339(t).ok_or_else(|| {
                FieldError::new("unixTime", format!("expected Unix seconds, found {t:?}"))
            })?),
            None => None,
        };
        let host = line.host_identifier.owned().or(line.hostname.owned());
        let query = line.name.owned();
        let mut rows: Vec<&ResultRow<'_>> = Vec::new();
        let mut removed = 0u64;
        match (
            line.action.text(),
            &line.columns,
            &line.snapshot,
            &line.diff_results,
        ) {
            (Some("removed"), Some(_), _, _) => {
                return Ok(Mapped::LeftOut("`removed` results".into()));
            }
            (_, Some(columns), _, _) => rows.push(columns),
            (_, None, Some(snapshot), _) => rows.extend(snapshot.iter()),
            (_, None, None, Some(diff)) => {
                rows.extend(diff.added.iter());
                removed = diff.removed.len() as u64;
            }
            _ => return Ok(Mapped::LeftOut("lines without results".into())),
        }
        let mut any = false;
        for r in rows {
            let Some(table) = Table::of(r) else {
                continue;
            };
            let mut cells = new_row();
            cells.set(self.at, at.clone());
            cells.set(self.device_id, host.clone());
            cells.set(self.query, query.clone());
            out.push(self.row(table, r, cells));
            any = true;
        }
        if !any && removed == 0 {
            let name = query.as_deref().unwrap_or("(unnamed)");
            return Ok(Mapped::LeftOut(format!("results of other queries: {name}")));
        }
        Ok(if removed > 0 {
            Mapped::RowsLeavingOut("`removed` rows of batch lines", removed)
        } else {
            Mapped::Rows
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usb_ids_are_four_lowercase_hex_digits() {
        assert_eq!(hex4("0x1D6B"), "1d6b");
        assert_eq!(hex4("5ac"), "05ac");
        assert_eq!(hex4("0104"), "0104");
    }

    #[test]
    fn unix_seconds_become_rfc3339() {
        assert_eq!(
            rfc3339("1412123850").as_deref(),
            Some("2014-10-01T00:37:30Z")
        );
        assert_eq!(rfc3339("soon"), None);
    }
}
