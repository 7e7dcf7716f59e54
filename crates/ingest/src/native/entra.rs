//! Microsoft Entra ID sign-ins → `signins`.
//!
//! Reads Microsoft Graph `signIn` objects (v1.0 and beta) and Azure Monitor diagnostic
//! records, whose `properties` hold the same sign-in. User sign-ins (interactive and
//! non-interactive) become rows; service-principal and managed-identity sign-ins are
//! counted by category. `status.errorCode` 0 is a success, anything else a failure.

use super::scalar::Scalar;
use super::{Adapter, Cells, FieldError, Layout, Mapped};
use crate::schema::TableSpec;
use serde::Deserialize;

/// A Graph `signIn`, bare or as an Azure Monitor record's `properties`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignIn<'a> {
    #[serde(borrow, default)]
    created_date_time: Scalar<'a>,
    #[serde(borrow, default)]
    user_principal_name: Scalar<'a>,
    #[serde(borrow, default)]
    ip_address: Scalar<'a>,
    #[serde(borrow, default)]
    app_display_name: Scalar<'a>,
    #[serde(borrow, default)]
    client_app_used: Scalar<'a>,
    #[serde(borrow, default)]
    session_id: Scalar<'a>,
    #[serde(borrow, default)]
    risk_level_during_sign_in: Scalar<'a>,
    #[serde(borrow, default)]
    risk_detail: Scalar<'a>,
    #[serde(borrow, default)]
    user_agent: Scalar<'a>,
    #[serde(borrow, default)]
    status: Option<Status<'a>>,
    #[serde(borrow, default)]
    device_detail: Option<DeviceDetail<'a>>,
    #[serde(borrow, default)]
    location: Option<Location<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status<'a> {
    #[serde(borrow, default)]
    error_code: Scalar<'a>,
    #[serde(borrow, default)]
    failure_reason: Scalar<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeviceDetail<'a> {
    #[serde(borrow, default)]
    device_id: Scalar<'a>,
    #[serde(borrow, default)]
    operating_system: Scalar<'a>,
    #[serde(borrow, default)]
    browser: Scalar<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(borrow, default)]
    city: Scalar<'a>,
    #[serde(borrow, default)]
    country_or_region: Scalar<'a>,
}

/// An Azure Monitor diagnostic record (Event Hub or storage export).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    #[serde(borrow, default)]
    category: Scalar<'a>,
    #[serde(borrow, default)]
    time: Scalar<'a>,
    #[serde(borrow, default)]
    caller_ip_address: Scalar<'a>,
    #[serde(borrow)]
    properties: SignIn<'a>,
}

/// Azure Monitor categories that are a person signing in.
const USER_CATEGORIES: &[&str] = &["SignInLogs", "NonInteractiveUserSignInLogs"];

/// Column positions of the rows it writes.
pub(crate) struct Entra {
    at: usize,
    account: usize,
    ip: usize,
    country: usize,
    city: usize,
    user_agent: usize,
    device_id: usize,
    session_id: usize,
    app: usize,
    result: usize,
    event_type: usize,
    outcome_reason: usize,
    risk_level: usize,
    risk_detail: usize,
}

impl Entra {
    pub(crate) fn new(spec: &'static TableSpec) -> Self {
        let l = Layout {
            spec,
            extras: Self::EXTRAS,
        };
        Entra {
            at: l.at("at"),
            account: l.at("account"),
            ip: l.at("ip"),
            country: l.at("country"),
            city: l.at("city"),
            user_agent: l.at("user_agent"),
            device_id: l.at("device_id"),
            session_id: l.at("session_id"),
            app: l.at("app"),
            result: l.at("result"),
            event_type: l.at("event_type"),
            outcome_reason: l.at("outcome_reason"),
            risk_level: l.at("risk_level"),
            risk_detail: l.at("risk_detail"),
        }
    }
}

impl Adapter for Entra {
    const NAME: &'static str = "Entra ID sign-in log";
    const EXTRAS: &'static [&'static str] =
        &["event_type", "outcome_reason", "risk_level", "risk_detail"];

    fn field_of(column: &str) -> Option<&'static str> {
        Some(match column {
            "at" => "createdDateTime",
            "account" => "userPrincipalName",
            "ip" => "ipAddress",
            "country" => "location.countryOrRegion",
            "city" => "location.city",
            "device_id" => "deviceDetail.deviceId",
            "result" => "status.errorCode",
            _ => return None,
        })
    }

    fn map<'a>(
        &self,
        json: &'a str,
        new_row: &dyn Fn() -> Cells<'a>,
        out: &mut Vec<Cells<'a>>,
    ) -> Result<Mapped, FieldError> {
        let is_envelope = json.contains("\"properties\"") && json.contains("\"category\"");
        let (sign_in, category, time, caller_ip) = if is_envelope {
            let e: Envelope<'_> = serde_json::from_str(json).map_err(|e| {
                FieldError::new("properties", format!("not an Azure Monitor sign-in: {e}"))
            })?;
            let category = e.category.owned().unwrap_or_default();
            if !USER_CATEGORIES.contains(&category.as_str()) {
                return Ok(Mapped::LeftOut(format!(
                    "not a user sign-in: {}",
                    if category.is_empty() {
                        "(no category)"
                    } else {
                        &category
                    }
                )));
            }
            (
                e.properties,
                category,
                e.time.owned(),
                e.caller_ip_address.owned(),
            )
        } else {
            let s: SignIn<'_> = serde_json::from_str(json)
                .map_err(|e| FieldError::new("signIn", format!("not an Entra signIn: {e}")))?;
            (s, "signIn".to_string(), None, None)
        };
        let mut row = new_row();
        row.set(self.at, sign_in.created_date_time.owned().or(time));
        row.set(self.account, sign_in.user_principal_name.owned());
        row.set(self.ip, sign_in.ip_address.owned().or(caller_ip));
        if let Some(location) = &sign_in.location {
            row.set(self.city, location.city.owned());
            row.set(self.country, location.country_or_region.owned());
        }
        if let Some(device) = &sign_in.device_detail {
            row.set(self.device_id, device.device_id.owned());
            if sign_in.user_agent.text().is_none() {
                let described: Vec<&str> = [device.operating_system.text(), device.browser.text()]
                    .into_iter()
                    .flatten()
                    .collect();
                row.set(
                    self.user_agent,
                    (!described.is_empty()).then(|| described.join("; ")),
                );
            }
        }
        if sign_in.user_agent.text().is_some() {
            row.set(self.user_agent, sign_in.user_agent.owned());
        }
        // `correlationId` ties one sign-in flow together, not a session; only a real
        // `sessionId` (Log Analytics exports carry one) is used.
        row.set(self.session_id, sign_in.session_id.owned());
        row.set(
            self.app,
            sign_in
                .app_display_name
                .owned()
                .or_else(|| sign_in.client_app_used.owned()),
        );
        if let Some(status) = &sign_in.status {
            let result = match status.error_code.text() {
                Some("0") => Some("success"),
                Some(code) if code.trim().parse::<i64>().is_ok() => Some("failure"),
                Some(other) => {
                    return Err(FieldError::new(
                        "status.errorCode",
                        format!("expected a number, found {other:?}"),
                    ))
                }
                None => None,
            };
            row.set(self.result, result.map(str::to_string));
            row.set(self.outcome_reason, status.failure_reason.owned());
        }
        row.set(self.event_type, Some(category));
        row.set(self.risk_level, sign_in.risk_level_during_sign_in.owned());
        row.set(self.risk_detail, sign_in.risk_detail.owned());
        out.push(row);
        Ok(Mapped::Rows)
    }
}
