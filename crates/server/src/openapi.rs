//! The OpenAPI 3.1 description of the API, served at `/openapi.json`. Written out here
//! rather than derived, and held to the router by a test that asks every documented
//! operation.

use serde_json::{json, Value};

/// A `limit` query parameter.
fn limit() -> Value {
    json!({"name": "limit", "in": "query", "required": false,
           "description": "Rows per page (default 100, at most 1000).",
           "schema": {"type": "integer", "minimum": 1, "maximum": 1000}})
}

/// An `offset` query parameter.
fn offset() -> Value {
    json!({"name": "offset", "in": "query", "required": false,
           "description": "Rows skipped.", "schema": {"type": "integer", "minimum": 0}})
}

/// The error responses every authenticated operation may give.
fn errors(extra: &[(&str, &str)]) -> Value {
    let mut out = json!({
        "401": {"description": "No API key, or an unknown or revoked one.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "403": {"description": "The key's role may not do this.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    });
    for (code, description) in extra {
        out[*code] = json!({"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    }
    out
}

fn ok(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn with_ok(mut responses: Value, description: &str, schema: Value) -> Value {
    responses["200"] = ok(description, schema);
    responses
}

/// The document.
pub fn document() -> Value {
    let person_id = json!({"name": "person_id", "in": "path", "required": true,
                           "schema": {"type": "string"}});
    let case_id = json!({"name": "case_id", "in": "path", "required": true,
                         "schema": {"type": "integer"}});
    let array = |item: &str| json!({"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}});
    let object = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "redflag analyst service",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Screening results, persona networks, cases and the audit log. Every operation but /v1/health needs an API key (Authorization: Bearer rfk_…) with a role: viewer reads, analyst also changes cases, admin also reads the audit log. Reads of one person or case and every case change are audited."
        },
        "security": [{"apiKey": []}],
        "paths": {
            "/v1/health": {"get": {
                "summary": "Liveness; no key needed.", "security": [],
                "responses": {"200": ok("Up.", json!({"type": "object"}))}}},
            "/v1/people": {"get": {
                "summary": "People at a level or above, highest score first (viewer).",
                "parameters": [
                    {"name": "min_level", "in": "query", "required": false,
                     "schema": {"type": "string", "enum": ["none", "low", "medium", "high", "critical"]}},
                    limit(), offset()],
                "responses": with_ok(errors(&[("400", "A bad query value.")]), "People.", array("PersonRow"))}},
            "/v1/people/{person_id}": {"get": {
                "summary": "One person's latest result, evidence and case (viewer; audited).",
                "parameters": [person_id.clone()],
                "responses": with_ok(errors(&[("404", "No such person.")]), "The person.", object("PersonPage"))}},
            "/v1/people/{person_id}/ocsf": {"get": {
                "summary": "The person's OCSF 1.3 Detection Finding for a SIEM (viewer; audited); see docs/ocsf.md.",
                "parameters": [person_id.clone()],
                "responses": with_ok(errors(&[("404", "No such person, or no finding (level none).")]),
                    "The finding.", json!({"type": "object"}))}},
            "/v1/networks": {"get": {
                "summary": "Persona networks of the latest screening (viewer).",
                "responses": with_ok(errors(&[]), "Networks.", json!({"type": "array", "items": {"type": "object"}}))}},
            "/v1/cases": {"get": {
                "summary": "Cases, most recently changed first (viewer).",
                "parameters": [
                    {"name": "status", "in": "query", "required": false,
                     "schema": {"$ref": "#/components/schemas/CaseStatus"}},
                    limit(), offset()],
                "responses": with_ok(errors(&[("400", "A bad query value.")]), "Cases.", array("Case"))}},
            "/v1/cases/{case_id}": {
                "get": {
                    "summary": "A case and its full history (viewer; audited).",
                    "parameters": [case_id.clone()],
                    "responses": with_ok(errors(&[("404", "No such case.")]), "The case.", object("CasePage"))},
                "patch": {
                    "summary": "Change a case: status (with a reason), assignee, comment (analyst; audited).",
                    "parameters": [case_id],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": object("CaseChange")}}},
                    "responses": with_ok(errors(&[
                        ("400", "Malformed JSON."), ("404", "No such case."), ("413", "Body over 1 MiB."),
                        ("422", "Not a case change, or a status change without a reason.")]),
                        "The case after the change.", object("Case"))}},
            "/v1/rules": {"get": {
                "summary": "The detection rules with their guidance sources (viewer).",
                "responses": with_ok(errors(&[]), "Rules.", array("Rule"))}},
            "/v1/audit": {"get": {
                "summary": "The audit log, newest first (admin).",
                "parameters": [limit(),
                    {"name": "before", "in": "query", "required": false,
                     "description": "Only entries before this entry_id (the previous page's last).",
                     "schema": {"type": "integer"}}],
                "responses": with_ok(errors(&[("400", "A bad query value.")]), "Entries.", array("AuditEntry"))}},
            "/v1/webhooks": {
                "get": {
                    "summary": "Registered webhook endpoints, without secrets (admin).",
                    "responses": with_ok(errors(&[]), "Endpoints.", array("Webhook"))},
                "post": {
                    "summary": "Register an endpoint for case messages (admin; audited). Each case event is POSTed as JSON with X-Redflag-Event, X-Redflag-Delivery, X-Redflag-Timestamp and X-Redflag-Signature (sha256=HMAC-SHA256 of `<timestamp>.<body>` with the secret returned here, once); non-2xx answers are retried with exponential backoff up to 8 attempts. See docs/webhooks.md.",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {
                        "type": "object", "required": ["url"], "additionalProperties": false,
                        "properties": {"url": {"type": "string", "format": "uri"}}}}}},
                    "responses": with_ok(errors(&[("400", "Malformed JSON."), ("422", "Not an http(s) URL.")]),
                        "The endpoint and its secret.", object("WebhookCreated"))}},
            "/v1/webhooks/{webhook_id}": {"delete": {
                "summary": "Disable an endpoint (admin; audited): no new messages are queued for it, those not yet delivered are not sent, its secret is erased; its delivery log stays.",
                "parameters": [{"name": "webhook_id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": with_ok(errors(&[("404", "No such enabled endpoint.")]),
                    "Disabled.", object("WebhookDisabled"))}},
            "/v1/webhooks/{webhook_id}/secret": {"post": {
                "summary": "Replace an endpoint's signing secret (admin; audited). The new secret is returned once; messages not yet delivered are signed with it from their next attempt.",
                "parameters": [{"name": "webhook_id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": with_ok(errors(&[("404", "No such enabled endpoint.")]),
                    "The new secret.", object("WebhookSecret"))}},
            "/v1/webhooks/{webhook_id}/deliveries": {"get": {
                "summary": "The delivery log of an endpoint, newest first (admin).",
                "parameters": [{"name": "webhook_id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": with_ok(errors(&[]), "Deliveries.", array("Delivery"))}},
            "/v1/screen": {"post": {
                "summary": "Screen one candidate against everyone known; nothing of the candidate is stored (analyst; audited, with a read of each known person whose level the answer shows). Body: {\"person\": {people columns}, \"rows\": {\"contacts\": [...], \"work_history\": [...], ...}, \"resume\": \"text\"}; person_id is set for them. Fast mode (the default once the stored data has been screened) answers from an index of the last screening in about a millisecond, with the rules an application can reach: watchlists (names, vendors, employers, payees, contacts, crypto addresses, documents), phones, emails, accounts and shipping addresses shared with known people (households, hubs and one vendor's staff excepted), lookalike and seized domains, webmail employers, VoIP and foreign phones, crypto or platform pay, shell staffing vendors, referrals and the persona network the candidate's links lead to; `checked` lists them and `related` gives each known person named with their level. Refs name the candidate's rows as `person:1`, `contacts:2` (the second of rows.contacts). Full mode (?mode=full; the default with a résumé, with rows of a table the fast checks do not read (anything but contacts, work_history, payments, changes, shipments and referrals, such as interviews, education or messages; fast mode refuses those with 400), or before the first screening has finished) screens a copy of the stored data with the candidate added, every rule included, in seconds.",
                "parameters": [{"name": "mode", "in": "query", "required": false,
                    "description": "`fast` (the index; 503 until the stored data has been screened once, 400 with a résumé) or `full` (the whole pipeline). Without it: fast when possible, else full.",
                    "schema": {"type": "string", "enum": ["fast", "full"]}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["person"], "additionalProperties": false,
                    "properties": {
                        "person": {"type": "object"},
                        "rows": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object"}}},
                        "resume": {"type": "string"}}}}}},
                "responses": with_ok(errors(&[
                    ("400", "Malformed JSON, an unknown table or mode, or a résumé in fast mode."),
                    ("422", "A row the loader refuses (table, row and column)."),
                    ("503", "The server was started without screening, or fast mode before the first screening has finished.")]),
                    "The candidate's score, level and evidence.", object("Screened"))}},
            "/v1/tables/{table}": {"post": {
                "summary": "Ingest rows of one dataset table (admin; audited): CSV with a header row (text/csv) or JSON Lines (application/x-ndjson). The rows are checked by the same loader as `redflag screen` (a 422 names the body's line and column) and stored in one transaction, so a batch is kept whole or not at all; rows are idempotent by id (people, interviews, payments, messages) or by content. The stored data is then screened in the background and results and cases updated.",
                "parameters": [{"name": "table", "in": "path", "required": true, "schema": {"type": "string"},
                                "description": "A table of the dataset contract: people, contacts, education, work_history, interviews, signins, endpoint, shipments, changes, payments, messages, referrals, activity, access."}],
                "requestBody": {"required": true, "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": with_ok(errors(&[
                    ("404", "Not a table of the contract."), ("413", "Body over 64 MiB."),
                    ("415", "Neither CSV nor JSON Lines."), ("422", "A row the loader refuses (file, line, column)."),
                    ("503", "The server was started without ingest.")]),
                    "What the batch did.", object("IngestSummary"))}},
            "/metrics": {"get": {
                "summary": "Prometheus metrics: requests by route template and status, durations, people and cases (viewer).",
                "responses": with_ok(errors(&[]), "Metrics in the text exposition format.", json!({"type": "string"}))}}
        },
        "components": {
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer",
                "description": "A key from `redflag keys create`; only its SHA-256 digest is stored."}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
                "Level": {"type": "string", "enum": ["none", "low", "medium", "high", "critical"]},
                "CaseStatus": {"type": "string", "enum": ["open", "investigating", "escalated", "cleared", "confirmed"]},
                "PersonRow": {"type": "object", "properties": {
                    "person_id": {"type": "string"}, "full_name": {"type": "string"},
                    "org": {"type": ["string", "null"]}, "level": object("Level"),
                    "score": {"type": "integer"}, "network": {"type": ["string", "null"]},
                    "evidence": {"type": "integer"}, "screened_at": {"type": "string"}}},
                "PersonPage": {"type": "object", "description": "The person's result as `redflag screen --format json` writes it, with `case_id`.",
                    "properties": {"person_id": {"type": "string"}, "score": {"type": "integer"},
                        "level": object("Level"), "evidence": {"type": "array", "items": {"type": "object"}},
                        "case_id": {"type": ["integer", "null"]}}},
                "Screened": {"type": "object", "description": "The candidate's result as `redflag screen --format json` writes a person's, with how it was screened.",
                    "properties": {"person_id": {"type": "string"}, "score": {"type": "integer"},
                        "level": object("Level"), "evidence": {"type": "array", "items": {"type": "object"}},
                        "mode": {"type": "string", "enum": ["fast", "full"]},
                        "related": {"type": "array", "description": "Fast mode: the known people the evidence names.",
                            "items": {"type": "object", "properties": {
                                "person_id": {"type": "string"}, "level": object("Level"),
                                "score": {"type": "integer"}, "network": {"type": ["string", "null"]}}}},
                        "checked": {"type": "array", "description": "Fast mode: the indicators checked.", "items": {"type": "string"}},
                        "took_ms": {"type": "number"}}},
                "Case": {"type": "object", "properties": {
                    "case_id": {"type": "integer"}, "person_id": {"type": "string"},
                    "status": object("CaseStatus"), "assignee": {"type": ["string", "null"]},
                    "level": object("Level"), "score": {"type": "integer"},
                    "opened_at": {"type": "string"}, "updated_at": {"type": "string"}}},
                "CaseEvent": {"type": "object", "properties": {
                    "event_id": {"type": "integer"}, "at": {"type": "string"}, "actor": {"type": "string"},
                    "action": {"type": "string", "enum": ["opened", "reopened", "evidence_updated", "status_changed", "assigned", "commented"]},
                    "status": {"type": ["string", "null"]}, "assignee": {"type": ["string", "null"]},
                    "reason": {"type": ["string", "null"]}, "comment": {"type": ["string", "null"]}}},
                "CasePage": {"allOf": [object("Case"), {"type": "object", "properties": {"history": array("CaseEvent")}}]},
                "CaseChange": {"type": "object", "additionalProperties": false, "properties": {
                    "status": object("CaseStatus"), "reason": {"type": "string"},
                    "assignee": {"type": "string", "description": "Empty to unassign."},
                    "comment": {"type": "string"}}},
                "Rule": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"}, "category": {"type": "string"},
                    "weight": {"type": "number"}, "phase": {"type": "integer"}, "description": {"type": "string"},
                    "sources": {"type": "array", "items": {"type": "object"}}}},
                "IngestSummary": {"type": "object", "properties": {
                    "table": {"type": "string"}, "received": {"type": "integer"}, "added": {"type": "integer"},
                    "replaced": {"type": "integer"}, "unchanged": {"type": "integer"}}},
                "Webhook": {"type": "object", "properties": {
                    "webhook_id": {"type": "integer"}, "url": {"type": "string"}, "created_at": {"type": "string"}}},
                "WebhookCreated": {"allOf": [object("Webhook"), {"type": "object", "properties": {"secret": {"type": "string"}}}]},
                "WebhookSecret": {"type": "object", "properties": {
                    "webhook_id": {"type": "integer"}, "secret": {"type": "string"}}},
                "WebhookDisabled": {"type": "object", "properties": {
                    "webhook_id": {"type": "integer"}, "disabled": {"type": "boolean"}}},
                "Delivery": {"type": "object", "properties": {
                    "delivery_id": {"type": "integer"}, "kind": {"type": "string"}, "created_at": {"type": "string"},
                    "attempts": {"type": "integer"}, "delivered_at": {"type": ["string", "null"]},
                    "failed_at": {"type": ["string", "null"]}, "last_status": {"type": ["integer", "null"]},
                    "last_error": {"type": ["string", "null"]}}},
                "AuditEntry": {"type": "object", "properties": {
                    "entry_id": {"type": "integer"}, "at": {"type": "string"}, "actor": {"type": "string"},
                    "action": {"type": "string"}, "subject": {"type": "string"}}}
            }
        }
    })
}
