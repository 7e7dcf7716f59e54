//! Okta System Log `LogEvent`s → `signins`.
//!
//! Sign-in, authentication and session events of a user (`user.session.*`,
//! `user.authentication.*`, actor type `User`) become rows; every other event type is counted
//! by type. Where the person was is `client.ipAddress` (or the first `request.ipChain` hop when
//! Okta wrote `"null"`), with Okta's own enrichment: `client.geographicalContext` (country
//! names become ISO codes) and `securityContext` (`asNumber`, `asOrg`, `isProxy`).

use super::scalar::Scalar;
use super::{Adapter, Cells, FieldError, Layout, Mapped};
use crate::schema::TableSpec;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LogEvent<'a> {
    #[serde(borrow, default)]
    event_type: Scalar<'a>,
    #[serde(borrow, default)]
    published: Scalar<'a>,
    #[serde(borrow, default)]
    actor: Option<Actor<'a>>,
    #[serde(borrow, default)]
    client: Option<Client<'a>>,
    #[serde(borrow, default)]
    device: Option<Device<'a>>,
    #[serde(borrow, default)]
    authentication_context: Option<AuthenticationContext<'a>>,
    #[serde(borrow, default)]
    outcome: Option<Outcome<'a>>,
    #[serde(borrow, default)]
    security_context: Option<SecurityContext<'a>>,
    #[serde(borrow, default)]
    request: Option<Request<'a>>,
    #[serde(borrow, default)]
    target: Option<Vec<Target<'a>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Actor<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Scalar<'a>,
    #[serde(borrow, default)]
    alternate_id: Scalar<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Client<'a> {
    #[serde(borrow, default)]
    ip_address: Scalar<'a>,
    #[serde(borrow, default)]
    user_agent: Option<UserAgent<'a>>,
    #[serde(borrow, default)]
    geographical_context: Option<Geo<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserAgent<'a> {
    #[serde(borrow, default)]
    raw_user_agent: Scalar<'a>,
}

#[derive(Deserialize)]
struct Geo<'a> {
    #[serde(borrow, default)]
    city: Scalar<'a>,
    #[serde(borrow, default)]
    country: Scalar<'a>,
}

#[derive(Deserialize)]
struct Device<'a> {
    #[serde(borrow, default)]
    id: Scalar<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthenticationContext<'a> {
    #[serde(borrow, default)]
    root_session_id: Scalar<'a>,
    #[serde(borrow, default)]
    external_session_id: Scalar<'a>,
}

#[derive(Deserialize)]
struct Outcome<'a> {
    #[serde(borrow, default)]
    result: Scalar<'a>,
    #[serde(borrow, default)]
    reason: Scalar<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SecurityContext<'a> {
    #[serde(borrow, default)]
    as_number: Scalar<'a>,
    #[serde(borrow, default)]
    as_org: Scalar<'a>,
    #[serde(borrow, default)]
    is_proxy: Scalar<'a>,
    #[serde(borrow, default)]
    risk: Option<Risk<'a>>,
}

#[derive(Deserialize)]
struct Risk<'a> {
    #[serde(borrow, default)]
    level: Scalar<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Request<'a> {
    #[serde(borrow, default)]
    ip_chain: Option<Vec<IpHop<'a>>>,
}

#[derive(Deserialize)]
struct IpHop<'a> {
    #[serde(borrow, default)]
    ip: Scalar<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Target<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Scalar<'a>,
    #[serde(borrow, default)]
    display_name: Scalar<'a>,
}

/// Column positions of the rows it writes.
pub(crate) struct Okta {
    at: usize,
    account: usize,
    ip: usize,
    country: usize,
    country_name: usize,
    city: usize,
    asn: usize,
    as_org: usize,
    is_proxy: usize,
    user_agent: usize,
    device_id: usize,
    session_id: usize,
    app: usize,
    result: usize,
    event_type: usize,
    outcome_reason: usize,
    risk_level: usize,
}

impl Okta {
    pub(crate) fn new(spec: &'static TableSpec) -> Self {
        let l = Layout {
            spec,
            extras: Self::EXTRAS,
        };
        Okta {
            at: l.at("at"),
            account: l.at("account"),
            ip: l.at("ip"),
            country: l.at("country"),
            country_name: l.at("country_name"),
            city: l.at("city"),
            asn: l.at("asn"),
            as_org: l.at("as_org"),
            is_proxy: l.at("is_proxy"),
            user_agent: l.at("user_agent"),
            device_id: l.at("device_id"),
            session_id: l.at("session_id"),
            app: l.at("app"),
            result: l.at("result"),
            event_type: l.at("event_type"),
            outcome_reason: l.at("outcome_reason"),
            risk_level: l.at("risk_level"),
        }
    }
}

/// Whether an event type is a user signing in, authenticating or ending a session.
fn is_sign_in(event_type: &str) -> bool {
    event_type.starts_with("user.session.") || event_type.starts_with("user.authentication.")
}

/// `success`, `failure`, or nothing for outcomes that are neither (`CHALLENGE`, `SKIPPED`,
/// `UNKNOWN`).
fn result_of(outcome: &str) -> Option<&'static str> {
    match outcome.to_ascii_uppercase().as_str() {
        "SUCCESS" | "ALLOW" => Some("success"),
        "FAILURE" | "DENY" => Some("failure"),
        _ => None,
    }
}

impl Adapter for Okta {
    const NAME: &'static str = "Okta System Log";
    const EXTRAS: &'static [&'static str] =
        &["event_type", "country_name", "outcome_reason", "risk_level"];

    fn field_of(column: &str) -> Option<&'static str> {
        Some(match column {
            "at" => "published",
            "account" => "actor.alternateId",
            "ip" => "client.ipAddress",
            "country" => "client.geographicalContext.country",
            "city" => "client.geographicalContext.city",
            "asn" => "securityContext.asNumber",
            "as_org" => "securityContext.asOrg",
            "is_proxy" => "securityContext.isProxy",
            "user_agent" => "client.userAgent.rawUserAgent",
            "device_id" => "device.id",
            "session_id" => "authenticationContext.rootSessionId",
            "result" => "outcome.result",
            _ => return None,
        })
    }

    fn map(
        &self,
        json: &str,
        new_row: &dyn Fn() -> Cells,
        out: &mut Vec<Cells>,
    ) -> Result<Mapped, FieldError> {
        let event: LogEvent<'_> = serde_json::from_str(json)
            .map_err(|e| FieldError::new("LogEvent", format!("not an Okta LogEvent: {e}")))?;
        let event_type = event.event_type.text().unwrap_or("");
        if !is_sign_in(event_type) {
            let kind = if event_type.is_empty() {
                "(no eventType)"
            } else {
                event_type
            };
            return Ok(Mapped::LeftOut(format!("not a sign-in event: {kind}")));
        }
        let actor_is_user = event
            .actor
            .as_ref()
            .and_then(|a| a.kind.text())
            .is_some_and(|k| k.eq_ignore_ascii_case("user"));
        if !actor_is_user {
            return Ok(Mapped::LeftOut("actor is not a user".into()));
        }
        let mut row = new_row();
        row.set(self.at, event.published.owned());
        row.set(
            self.account,
            event.actor.as_ref().and_then(|a| a.alternate_id.owned()),
        );
        row.set(self.event_type, Some(event_type.to_string()));
        let hop_ip = || {
            event
                .request
                .as_ref()
                .and_then(|r| r.ip_chain.as_ref())
                .and_then(|chain| chain.first())
                .and_then(|hop| hop.ip.owned())
        };
        if let Some(client) = &event.client {
            row.set(self.ip, client.ip_address.owned().or_else(hop_ip));
            row.set(
                self.user_agent,
                client
                    .user_agent
                    .as_ref()
                    .and_then(|u| u.raw_user_agent.owned()),
            );
            if let Some(geo) = &client.geographical_context {
                row.set(self.city, geo.city.owned());
                if let Some(name) = geo.country.text() {
                    row.set(self.country_name, Some(name.to_string()));
                    row.set(
                        self.country,
                        redflag_normalize::country_code(name).map(str::to_string),
                    );
                }
            }
        } else {
            row.set(self.ip, hop_ip());
        }
        if let Some(sc) = &event.security_context {
            row.set(self.asn, sc.as_number.owned());
            row.set(self.as_org, sc.as_org.owned());
            row.set(self.is_proxy, sc.is_proxy.owned());
            row.set(
                self.risk_level,
                sc.risk.as_ref().and_then(|r| r.level.owned()),
            );
        }
        row.set(
            self.device_id,
            event.device.as_ref().and_then(|d| d.id.owned()),
        );
        if let Some(ac) = &event.authentication_context {
            let session = ac.root_session_id.text().or(ac.external_session_id.text());
            row.set(
                self.session_id,
                session.filter(|s| *s != "unknown").map(str::to_string),
            );
        }
        if let Some(outcome) = &event.outcome {
            row.set(
                self.result,
                outcome
                    .result
                    .text()
                    .and_then(result_of)
                    .map(str::to_string),
            );
            row.set(self.outcome_reason, outcome.reason.owned());
        }
        let app = event.target.as_ref().and_then(|targets| {
            targets
                .iter()
                .find(|t| t.kind.text() == Some("AppInstance"))
                .and_then(|t| t.display_name.owned())
        });
        row.set(self.app, app);
        out.push(row);
        Ok(Mapped::Rows)
    }
}
