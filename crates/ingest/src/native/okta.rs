//! Okta System Log `LogEvent`s → `signins`.
//!
//! Sign-in, authentication and session events of a user (`user.session.*`,
//! `user.authentication.*`, actor type `User`) become rows; every other event type is counted
//! by type. Where the person was is `client.ipAddress` (or the first `request.ipChain` hop when
//! Okta wrote `"null"`), with Okta's own enrichment: `client.geographicalContext` (country
//! names become ISO codes) and `securityContext` (`asNumber`, `asOrg`, `isProxy`).

use std::borrow::Cow;

use super::pick::{PickError, Picker};
use super::{Adapter, Cells, FieldError, Layout, Mapped};
use crate::schema::TableSpec;

/// The fields of a `LogEvent` a sign-in row is made of, borrowed from the record where they
/// need no unescaping.
#[derive(Default)]
struct Event<'a> {
    event_type: Option<Cow<'a, str>>,
    published: Option<Cow<'a, str>>,
    actor_type: Option<Cow<'a, str>>,
    actor_id: Option<Cow<'a, str>>,
    ip: Option<Cow<'a, str>>,
    user_agent: Option<Cow<'a, str>>,
    city: Option<Cow<'a, str>>,
    country: Option<Cow<'a, str>>,
    device_id: Option<Cow<'a, str>>,
    root_session: Option<Cow<'a, str>>,
    external_session: Option<Cow<'a, str>>,
    result: Option<Cow<'a, str>>,
    reason: Option<Cow<'a, str>>,
    as_number: Option<Cow<'a, str>>,
    as_org: Option<Cow<'a, str>>,
    is_proxy: Option<Cow<'a, str>>,
    risk_level: Option<Cow<'a, str>>,
    first_hop_ip: Option<Cow<'a, str>>,
    app: Option<Cow<'a, str>>,
}

/// Reads the fields of `Event` out of one record, skipping everything else; objects that
/// are `null` count as absent.
fn read_event(json: &str) -> Result<Event<'_>, PickError> {
    let mut e = Event::default();
    let mut p = Picker::new(json);
    p.object(|key, p| {
        match key {
            "eventType" => e.event_type = p.scalar()?,
            "published" => e.published = p.scalar()?,
            "actor" => nested(p, |key, p| {
                match key {
                    "type" => e.actor_type = p.scalar()?,
                    "alternateId" => e.actor_id = p.scalar()?,
                    _ => return Ok(false),
                }
                Ok(true)
            })?,
            "client" => nested(p, |key, p| {
                match key {
                    "ipAddress" => e.ip = p.scalar()?,
                    "userAgent" => nested(p, |key, p| {
                        if key == "rawUserAgent" {
                            e.user_agent = p.scalar()?;
                            return Ok(true);
                        }
                        Ok(false)
                    })?,
                    "geographicalContext" => nested(p, |key, p| {
                        match key {
                            "city" => e.city = p.scalar()?,
                            "country" => e.country = p.scalar()?,
                            _ => return Ok(false),
                        }
                        Ok(true)
                    })?,
                    _ => return Ok(false),
                }
                Ok(true)
            })?,
            "device" => nested(p, |key, p| {
                if key == "id" {
                    e.device_id = p.scalar()?;
                    return Ok(true);
                }
                Ok(false)
            })?,
            "authenticationContext" => nested(p, |key, p| {
                match key {
                    "rootSessionId" => e.root_session = p.scalar()?,
                    "externalSessionId" => e.external_session = p.scalar()?,
                    _ => return Ok(false),
                }
                Ok(true)
            })?,
            "outcome" => nested(p, |key, p| {
                match key {
                    "result" => e.result = p.scalar()?,
                    "reason" => e.reason = p.scalar()?,
                    _ => return Ok(false),
                }
                Ok(true)
            })?,
            "securityContext" => nested(p, |key, p| {
                match key {
                    "asNumber" => e.as_number = p.scalar()?,
                    "asOrg" => e.as_org = p.scalar()?,
                    "isProxy" => e.is_proxy = p.scalar()?,
                    "risk" => nested(p, |key, p| {
                        if key == "level" {
                            e.risk_level = p.scalar()?;
                            return Ok(true);
                        }
                        Ok(false)
                    })?,
                    _ => return Ok(false),
                }
                Ok(true)
            })?,
            "request" => nested(p, |key, p| {
                if key != "ipChain" {
                    return Ok(false);
                }
                p.array(|i, p| {
                    if i != 0 {
                        return Ok(false);
                    }
                    nested(p, |key, p| {
                        if key == "ip" {
                            e.first_hop_ip = p.scalar()?;
                            return Ok(true);
                        }
                        Ok(false)
                    })?;
                    Ok(true)
                })?;
                Ok(true)
            })?,
            "target" => p.array(|_, p| {
                let mut kind = None;
                let mut name = None;
                nested(p, |key, p| {
                    match key {
                        "type" => kind = p.scalar()?,
                        "displayName" => name = p.scalar()?,
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                if e.app.is_none() && kind.as_deref() == Some("AppInstance") {
                    e.app = name;
                }
                Ok(true)
            })?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    p.end()?;
    Ok(e)
}

/// An object that may be `null`.
fn nested<'a>(
    p: &mut Picker<'a>,
    member: impl FnMut(&str, &mut Picker<'a>) -> Result<bool, PickError>,
) -> Result<(), PickError> {
    if p.null()? {
        return Ok(());
    }
    p.object(member)
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

    fn map<'a>(
        &self,
        json: &'a str,
        new_row: &dyn Fn() -> Cells<'a>,
        out: &mut Vec<Cells<'a>>,
    ) -> Result<Mapped, FieldError> {
        let event = read_event(json)
            .map_err(|e| FieldError::new("LogEvent", format!("not an Okta LogEvent: {e}")))?;
        let event_type = event.event_type.as_deref().unwrap_or("");
        if !is_sign_in(event_type) {
            let kind = if event_type.is_empty() {
                "(no eventType)"
            } else {
                event_type
            };
            return Ok(Mapped::LeftOut(format!("not a sign-in event: {kind}")));
        }
        let actor_is_user = event
            .actor_type
            .as_deref()
            .is_some_and(|k| k.eq_ignore_ascii_case("user"));
        if !actor_is_user {
            return Ok(Mapped::LeftOut("actor is not a user".into()));
        }
        if event.actor_id.is_none() {
            return Ok(Mapped::LeftOut("user without actor.alternateId".into()));
        }
        let mut row = new_row();
        row.set(self.at, event.published);
        row.set(self.account, event.actor_id);
        row.set(self.ip, event.ip.or(event.first_hop_ip));
        row.set(self.user_agent, event.user_agent);
        row.set(self.city, event.city);
        if let Some(name) = event.country {
            row.set(self.country, redflag_normalize::country_code(&name));
            row.set(self.country_name, Some(name));
        }
        row.set(self.asn, event.as_number);
        row.set(self.as_org, event.as_org);
        row.set(self.is_proxy, event.is_proxy);
        row.set(self.risk_level, event.risk_level);
        row.set(self.device_id, event.device_id);
        // Okta writes "unknown" where it has no session of that kind.
        let known = |s: &Cow<'_, str>| s != "unknown";
        let session = event
            .root_session
            .filter(known)
            .or(event.external_session.filter(known));
        row.set(self.session_id, session);
        row.set(self.result, event.result.as_deref().and_then(result_of));
        row.set(self.outcome_reason, event.reason);
        row.set(self.app, event.app);
        row.set(self.event_type, event.event_type);
        out.push(row);
        Ok(Mapped::Rows)
    }
}
