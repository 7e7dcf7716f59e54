"""DuckDB baseline for issue #5's Okta benchmark: the sign-in rules as SQL over Okta NDJSON.

    python bench/okta_duckdb.py DIR

DIR holds people.csv, contacts.csv and okta.ndjson (from the `okta_gen` example). DuckDB
(2 threads) reads the log with ``read_json`` (only the fields the rules need), maps events to
sign-ins the way ``crates/ingest/src/native/okta.rs`` does, rebuilds the engine tables redflag
builds in Rust (``signin_ips``/``signins_located`` from the log's own fields and the built-in
hosting ASN table, ``shared_identifiers`` for sign-in addresses with the linking crate's hub
threshold, ``households`` from contacts, ``working_hours``) and runs each ``NET_*`` rule ported
from ``crates/rules/rules/`` to DuckDB's dialect. Prints one JSON line: seconds (read, rules,
total), sign-in rows and people flagged per rule.

NET_FLAGGED_NETWORK (phase 3) reads redflag's scores and persona networks: the port scores
the sign-in evidence as crates/scoring does with the default config (all of it is in the
network category, capped at 35, so nobody is above medium with one category), forms
networks as connected components of the people each piece of evidence names as related,
and runs the rule over them. It assumes no other rule fires on this data.

Where the port approximates redflag (none of it matters for data from ``okta_gen``):
- DuckDB's JSON reader does not number lines, so ties in time between two sign-ins of one
  person are broken arbitrarily (redflag breaks them by line), and "the first row that
  says something" about an address is any row that does.
- Identifier keys: a sign-in address is its text when it is a public address (redflag
  prints the parsed address, identical for canonical text); a device id is upper-cased
  without separators; emails and addresses are lower-cased and trimmed, where redflag
  normalises them further (Gmail dots, street abbreviations).
"""

import json
import math
import os
import re
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
HOSTING_ASNS = ROOT / "crates/intel/data/hosting_asns.csv"
NETWORK_IOCS = ROOT / "crates/reference/data/network_iocs.csv"
COUNTRY_RS = ROOT / "crates/normalize/src/country.rs"
RULES_DIR = ROOT / "crates/rules/rules"
# crates/scoring/default.toml: the network category's cap and the level thresholds.
NETWORK_CAP = 35
LEVELS = [(80, "critical"), (55, "high"), (30, "medium"), (10, "low")]

# The linking crate's defaults (crates/linking/src/identifiers.rs).
MIN_HUB = 25
FENCE = 3.0
CORROBORATION = 0.5
MIN_GROUPS_FOR_FENCE = 20
ORDINARY_SHARING = {"email": 1, "phone": 2, "address": 3, "account": 2, "device": 1,
                    "tax_id": 1, "document": 1, "ip": 3}

# Okta's LogEvent fields the rules need, as DuckDB types (numbers and booleans read as
# text, like redflag's `Scalar`).
COLUMNS = {
    "eventType": "VARCHAR",
    "published": "VARCHAR",
    "actor": "STRUCT(type VARCHAR, alternateId VARCHAR)",
    "client": "STRUCT(ipAddress VARCHAR, geographicalContext STRUCT(country VARCHAR))",
    "device": "STRUCT(id VARCHAR)",
    "authenticationContext": "STRUCT(rootSessionId VARCHAR, externalSessionId VARCHAR)",
    "outcome": "STRUCT(result VARCHAR)",
    "securityContext": "STRUCT(asNumber VARCHAR, isProxy VARCHAR)",
    "request": "STRUCT(ipChain STRUCT(ip VARCHAR)[])",
}


def country_table():
    """ISO code per folded country name, from redflag_normalize's table (country.rs)."""
    text = COUNTRY_RS.read_text(encoding="utf-8")
    table = {}
    for code, names in re.findall(r'\("([A-Z]{2})", "([^"]*)"\)', text.split("fn key")[0]):
        for name in names.split("|"):
            table[country_key(name)] = code
    return table


_FOLD = {}
for _to, _chars in [("a", "àáâãäåÀÁÂÃÄÅ"), ("c", "çÇ"), ("e", "èéêëÈÉÊË"), ("i", "ìíîïÌÍÎÏ"),
                    ("o", "òóôõöÒÓÔÕÖ"), ("u", "ùúûüÙÚÛÜ")]:
    for _c in _chars:
        _FOLD[_c] = _to


def country_key(name):
    """redflag_normalize's `key`: lower case, accents dropped, punctuation runs as one space."""
    out, space = [], False
    for c in name:
        c = _FOLD.get(c, c)
        if c in "'’.":
            continue
        if c.isalnum():
            if space and out:
                out.append(" ")
            space = False
            out.append(c.lower())
        else:
            space = True
    return "".join(out)


def country_code(name, table):
    """redflag_normalize::country_code: the code of a country name, or None."""
    k = country_key(name)
    if not k:
        return None
    if k in table:
        return table[k]
    stripped = k[4:] if k.startswith("the ") else k[:-4] if k.endswith(" the") else k
    return table.get(stripped)


def setup(con):
    """Session settings and the SQL macros used by the mapping."""
    con.execute("SET threads = 2")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET preserve_insertion_order = false")
    # redflag's Scalar: absent when empty or the text "null"; cells are stored trimmed.
    con.execute("""CREATE MACRO sc(x) AS
        CASE WHEN trim(x) = '' OR trim(x) = 'null' THEN NULL ELSE trim(x) END""")


def read_signins(con, data):
    """Reads okta.ndjson into `signins` exactly as okta.rs maps LogEvents; returns rows."""
    cols = "{" + ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items()) + "}"
    path = str(data / "okta.ndjson").replace("'", "''")
    con.execute(f"""
        CREATE TABLE raw AS
        SELECT published,
               sc(actor.alternateId) AS account,
               coalesce(sc(client.ipAddress), sc(request.ipChain[1].ip)) AS ip,
               client.geographicalContext.country AS country_name,
               sc(securityContext.asNumber) AS asn_text,
               sc(securityContext.isProxy) AS proxy_text,
               sc(device.id) AS device_id,
               nullif(coalesce(sc(authenticationContext.rootSessionId),
                               sc(authenticationContext.externalSessionId)), 'unknown') AS session_id,
               CASE WHEN upper(outcome.result) IN ('SUCCESS', 'ALLOW') THEN 'success'
                    WHEN upper(outcome.result) IN ('FAILURE', 'DENY') THEN 'failure' END AS result
        FROM read_json('{path}', format = 'newline_delimited', columns = {cols})
        WHERE (starts_with(eventType, 'user.session.') OR starts_with(eventType, 'user.authentication.'))
          AND lower(actor.type) = 'user'
    """)
    table = country_table()
    names = [r[0] for r in con.execute(
        "SELECT DISTINCT country_name FROM raw WHERE sc(country_name) IS NOT NULL").fetchall()]
    con.execute("CREATE TABLE country_codes (name VARCHAR, code VARCHAR)")
    con.executemany("INSERT INTO country_codes VALUES (?, ?)",
                    [(n, country_code(n, table)) for n in names])
    contacts = str(data / "contacts.csv").replace("'", "''")
    con.execute(f"""CREATE TABLE contacts AS SELECT * FROM read_csv('{contacts}', header = true,
                    all_varchar = true)""")
    # Accounts: email, github, linkedin and phone contacts, trimmed and case-folded.
    con.execute("""
        CREATE TABLE accounts AS
        SELECT lower(trim(value)) AS key, min(person_id) AS person_id,
               count(DISTINCT person_id) AS people
        FROM contacts
        WHERE kind IN ('email', 'github', 'linkedin', 'phone') AND person_id IS NOT NULL
          AND value IS NOT NULL
        GROUP BY lower(trim(value))
    """)
    con.execute("""
        CREATE TABLE signins AS
        SELECT a.person_id, CAST(r.published AS TIMESTAMPTZ) AS "at", r.account, r.ip,
               c.code AS country, CAST(r.asn_text AS BIGINT) AS asn,
               CASE WHEN lower(r.proxy_text) IN ('true', '1', 'yes', 'y', 't') THEN true
                    WHEN lower(r.proxy_text) IN ('false', '0', 'no', 'n', 'f') THEN false END AS is_proxy,
               r.device_id, r.session_id, r.result
        FROM raw r
        JOIN accounts a ON a.key = lower(r.account) AND a.people = 1
        LEFT JOIN country_codes c ON c.name = r.country_name
    """)
    con.execute("DROP TABLE raw")
    return con.execute("SELECT count(*) FROM signins").fetchone()[0]


def load_reference(con, data):
    """people, the built-in hosting ASN table and ref_network_iocs."""
    people = str(data / "people.csv").replace("'", "''")
    con.execute(f"""CREATE TABLE people AS SELECT * FROM read_csv('{people}', header = true,
                    all_varchar = true)""")
    con.execute(f"""CREATE TABLE hosting_asns AS
        SELECT CAST(asn AS BIGINT) AS asn, provider, class, org
        FROM read_csv('{HOSTING_ASNS}', header = true, comment = '#', all_varchar = true)""")
    con.execute(f"""CREATE TABLE ref_network_iocs AS
        SELECT trim(ip) AS ip, source, published, what
        FROM read_csv('{NETWORK_IOCS}', header = true, comment = '#', all_varchar = true)""")


# IPv4 special-purpose ranges (redflag_intel::class::special_v4): (first, last, class).
SPECIAL_V4 = [
    ("0.0.0.0", 8, "reserved"), ("10.0.0.0", 8, "private"), ("100.64.0.0", 10, "cgnat"),
    ("127.0.0.0", 8, "loopback"), ("169.254.0.0", 16, "link_local"), ("172.16.0.0", 12, "private"),
    ("192.0.0.0", 24, "reserved"), ("192.0.2.0", 24, "documentation"),
    ("192.168.0.0", 16, "private"), ("198.18.0.0", 15, "reserved"),
    ("198.51.100.0", 24, "documentation"), ("203.0.113.0", 24, "documentation"),
    ("224.0.0.0", 4, "multicast"), ("240.0.0.0", 4, "reserved"),
]


def v4_int(text):
    """A dotted quad as an integer."""
    a, b, c, d = (int(x) for x in text.split("."))
    return (a << 24) | (b << 16) | (c << 8) | d


def build_ip_tables(con):
    """signin_ips and signins_located (crates/rules/src/ip_table.rs) with no installed data:
    the log's country, AS number and proxy flag, special ranges, then the built-in table."""
    con.execute("CREATE TABLE special_v4 (lo BIGINT, hi BIGINT, class VARCHAR, prio INT)")
    con.executemany("INSERT INTO special_v4 VALUES (?, ?, ?, ?)", [
        (v4_int(net), v4_int(net) + (1 << (32 - bits)) - 1, cls, i)
        for i, (net, bits, cls) in enumerate(SPECIAL_V4)])
    con.execute(r"""
        CREATE TABLE ip_seen AS
        SELECT ip,
               any_value(country) FILTER (WHERE country IS NOT NULL) AS country,
               any_value(asn) FILTER (WHERE asn IS NOT NULL) AS asn,
               any_value(is_proxy) FILTER (WHERE is_proxy IS NOT NULL) AS is_proxy,
               regexp_matches(ip, '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$') AS v4,
               regexp_matches(ip, '^[0-9A-Fa-f:.]+$') AND contains(ip, ':') AS v6
        FROM signins WHERE ip IS NOT NULL GROUP BY ip
    """)
    con.execute(r"""
        CREATE TABLE signin_ips AS
        WITH parsed AS (
          SELECT *,
                 -- IPv4-mapped IPv6 addresses are judged as IPv4.
                 CASE WHEN v4 THEN ip
                      WHEN v6 AND regexp_matches(lower(ip), '^::ffff:[0-9.]+$') THEN substr(ip, 8) END AS v4_text
          FROM ip_seen WHERE v4 OR v6
        ),
        numbered AS (
          SELECT *, CASE WHEN v4_text IS NOT NULL THEN
                   CAST(split_part(v4_text, '.', 1) AS BIGINT) * 16777216
                   + CAST(split_part(v4_text, '.', 2) AS BIGINT) * 65536
                   + CAST(split_part(v4_text, '.', 3) AS BIGINT) * 256
                   + CAST(split_part(v4_text, '.', 4) AS BIGINT) END AS n
          FROM parsed
        ),
        special AS (
          SELECT n.ip,
                 CASE WHEN n.n IS NOT NULL THEN
                        (SELECT s.class FROM special_v4 s WHERE n.n BETWEEN s.lo AND s.hi ORDER BY s.prio LIMIT 1)
                      WHEN lower(n.ip) IN ('::') THEN 'reserved'
                      WHEN lower(n.ip) IN ('::1') THEN 'loopback'
                      WHEN regexp_matches(lower(n.ip), '^fe[89ab][0-9a-f]?:') THEN 'link_local'
                      WHEN regexp_matches(lower(n.ip), '^f[cd][0-9a-f]{0,2}:') THEN 'private'
                      WHEN regexp_matches(lower(n.ip), '^2001:0?db8:') THEN 'documentation'
                      WHEN regexp_matches(lower(n.ip), '^3fff:0?[0-9a-f]{0,2}:') THEN 'documentation'
                      WHEN regexp_matches(lower(n.ip), '^ff[0-9a-f]{0,2}:') THEN 'multicast'
                      WHEN regexp_matches(lower(n.ip), '^100::') THEN 'reserved'
                 END AS special_class
          FROM numbered n
        )
        SELECT p.ip, upper(p.country) AS country, p.asn,
               CASE WHEN s.special_class IS NOT NULL THEN s.special_class
                    WHEN p.is_proxy THEN 'proxy'
                    WHEN h.asn IS NOT NULL THEN h.class
                    WHEN l.ip IS NOT NULL THEN 'hosting'
                    ELSE 'unknown' END AS class,
               h.provider,
               CASE WHEN s.special_class IS NOT NULL THEN 'address-range'
                    WHEN p.is_proxy THEN 'log'
                    WHEN h.asn IS NOT NULL THEN 'built-in'
                    WHEN l.ip IS NOT NULL THEN 'indicator-list'
                    ELSE 'none' END AS class_source
        FROM parsed p
        JOIN special s ON s.ip = p.ip
        LEFT JOIN hosting_asns h ON h.asn = p.asn
        -- An address no other source classes, listed as DPRK IT-worker infrastructure (all
        -- published as servers: VPN and VPS exits, front companies' web hosting).
        LEFT JOIN (SELECT DISTINCT ip FROM ref_network_iocs) l ON l.ip = p.ip
    """)
    con.execute("""ALTER TABLE signin_ips ADD COLUMN datacenter BOOLEAN""")
    con.execute("""UPDATE signin_ips SET datacenter =
                   class IN ('hosting', 'cdn', 'bot', 'vpn', 'proxy', 'tor')""")
    con.execute("""
        CREATE TABLE signins_located AS
        SELECT s.*, coalesce(upper(s.country), i.country) AS place_country,
               coalesce(i.class, 'unknown') AS ip_class, coalesce(i.datacenter, false) AS ip_masked
        FROM signins s LEFT JOIN signin_ips i ON i.ip = s.ip
    """)


def build_signin_moves(con):
    """signin_moves (crates/rules/src/moves_table.rs): each change of country between a
    person's consecutive located, successful sign-ins, for people seen in two or more
    countries; here with DuckDB's window, which it runs fast."""
    con.execute("""
        CREATE TABLE signin_moves AS
        WITH located AS (
          SELECT person_id, "at", place_country AS country
          FROM signins_located
          WHERE person_id IS NOT NULL AND coalesce(result, 'success') = 'success'
            AND place_country IS NOT NULL
        ),
        travellers AS (
          SELECT person_id FROM located GROUP BY person_id HAVING min(country) <> max(country)
        ),
        s AS (
          SELECT person_id, "at", country,
                 lag(country) OVER (PARTITION BY person_id ORDER BY "at") AS prev_country,
                 lag("at") OVER (PARTITION BY person_id ORDER BY "at") AS prev_at
          FROM located
          WHERE person_id IN (SELECT person_id FROM travellers)
        )
        SELECT * FROM s WHERE prev_country IS NOT NULL AND prev_country <> country
    """)


def hub_threshold(sizes):
    """The linking crate's hub threshold for one kind: max(min_hub, 2^(Q3 + 3·IQR)) over the
    log2 group sizes, or min_hub with fewer than 20 groups."""
    if len(sizes) < MIN_GROUPS_FOR_FENCE:
        return MIN_HUB
    logs = sorted(math.log2(n) for n in sizes)

    def quantile(q):
        # Rust's f64::round rounds halves away from zero.
        return logs[int(math.floor((len(logs) - 1) * q + 0.5))]

    q1, q3 = quantile(0.25), quantile(0.75)
    return max(MIN_HUB, math.ceil(2 ** (q3 + FENCE * (q3 - q1))))


def build_identifiers(con):
    """shared_identifiers (kind ip, and the other kinds for corroboration) and households.

    redflag_linking::link_identifiers: identifiers held by two or more people are households
    (no more than ordinary for the kind), hubs (more than the kind's threshold) or shared; a
    hub whose members are mostly linked to each other by the other shared identifiers (same
    connected component) links after all."""
    con.execute(r"""
        CREATE TABLE id_rows AS
        SELECT DISTINCT person_id, kind, key FROM (
          SELECT person_id, 'ip' AS kind, ip AS key FROM signins
          WHERE person_id IS NOT NULL AND ip IS NOT NULL AND result IS DISTINCT FROM 'failure'
          UNION ALL
          SELECT person_id, 'device', upper(regexp_replace(trim(device_id, ' {}'), '[ \-_.:/]', '', 'g'))
          FROM signins
          WHERE person_id IS NOT NULL AND device_id IS NOT NULL AND result IS DISTINCT FROM 'failure'
          UNION ALL
          SELECT person_id,
                 CASE kind WHEN 'email' THEN 'email' WHEN 'phone' THEN 'phone' WHEN 'mfa_device' THEN 'phone'
                           WHEN 'address' THEN 'address' WHEN 'shipping_address' THEN 'address'
                           WHEN 'device_id' THEN 'device' WHEN 'tax_id' THEN 'tax_id'
                           WHEN 'id_document' THEN 'document' ELSE 'account' END,
                 lower(trim(value))
          FROM contacts
          WHERE kind IN ('email', 'phone', 'mfa_device', 'address', 'shipping_address', 'bank_account',
                         'payout_account', 'crypto_address', 'device_id', 'tax_id', 'id_document')
            AND person_id IS NOT NULL AND value IS NOT NULL
        ) WHERE key IS NOT NULL AND key <> ''
    """)
    # Only public addresses identify a place (private, loopback, link-local, CGNAT,
    # multicast, broadcast and unspecified addresses link nobody).
    con.execute(r"""
        DELETE FROM id_rows WHERE kind = 'ip' AND key NOT IN (
          SELECT ip FROM ip_seen i WHERE (i.v4 AND NOT (
                 starts_with(ip, '10.') OR starts_with(ip, '127.') OR starts_with(ip, '169.254.')
              OR regexp_matches(ip, '^172\.(1[6-9]|2[0-9]|3[01])\.') OR starts_with(ip, '192.168.')
              OR regexp_matches(ip, '^(22[4-9]|23[0-9])\.') OR ip = '255.255.255.255' OR ip = '0.0.0.0'
              OR regexp_matches(ip, '^100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.')))
            OR (i.v6 AND NOT (lower(ip) IN ('::', '::1') OR regexp_matches(lower(ip), '^(f[cd]|fe[89ab]|ff)[0-9a-f]{0,2}:'))))
    """)
    con.execute("""
        CREATE TABLE id_groups AS
        SELECT kind, key, count(*) AS people FROM id_rows GROUP BY kind, key HAVING count(*) >= 2
    """)
    thresholds = {}
    for (kind,) in con.execute("SELECT DISTINCT kind FROM id_groups").fetchall():
        sizes = [r[0] for r in con.execute(
            "SELECT people FROM id_groups WHERE kind = ?", [kind]).fetchall()]
        thresholds[kind] = hub_threshold(sizes)
    con.execute("CREATE TABLE thresholds (kind VARCHAR, threshold BIGINT, ordinary BIGINT)")
    con.executemany("INSERT INTO thresholds VALUES (?, ?, ?)",
                    [(k, t, ORDINARY_SHARING[k]) for k, t in thresholds.items()])
    con.execute("""
        CREATE TABLE id_class AS
        SELECT g.kind, g.key, g.people, t.threshold,
               CASE WHEN g.people <= t.ordinary THEN 'household'
                    WHEN g.people > t.threshold THEN 'hub' ELSE 'shared' END AS sharing
        FROM id_groups g JOIN thresholds t ON t.kind = g.kind
    """)
    if con.execute("SELECT count(*) FROM id_class WHERE sharing = 'hub'").fetchone()[0]:
        corroborate_hubs(con)
    con.execute("""
        CREATE TABLE shared_identifiers AS
        SELECT r.kind, r.key, r.person_id, c.people, c.sharing, c.threshold AS hub_threshold
        FROM id_rows r JOIN id_class c ON c.kind = r.kind AND c.key = r.key
    """)
    hubs = con.execute("SELECT count(*) FROM id_class WHERE kind = 'ip' AND sharing = 'hub'").fetchone()[0]
    con.execute("""
        CREATE TABLE households AS
        WITH homes AS (SELECT DISTINCT person_id, lower(trim(value)) AS key FROM contacts
                       WHERE kind = 'address' AND value IS NOT NULL AND person_id IS NOT NULL),
        sizes AS (SELECT key, count(*) AS residents FROM homes GROUP BY key)
        SELECT a.person_id, b.person_id AS other_id, a.key
        FROM homes a JOIN homes b ON a.key = b.key AND a.person_id <> b.person_id
        JOIN sizes s ON s.key = a.key
        WHERE s.residents <= 3
    """)
    return {"ip_hub_threshold": thresholds.get("ip"), "ip_hubs": hubs}


def corroborate_hubs(con):
    """Second pass of link_identifiers: connected components over the shared identifiers
    (min-label propagation over star edges), then each hub's share of members whose
    component holds another member; at 0.5 or more the hub links after all."""
    con.execute("""
        CREATE TABLE edges AS
        WITH members AS (
          SELECT r.kind, r.key, r.person_id,
                 min(r.person_id) OVER (PARTITION BY r.kind, r.key) AS first
          FROM id_rows r JOIN id_class c ON c.kind = r.kind AND c.key = r.key
          WHERE c.sharing = 'shared'
        )
        SELECT DISTINCT first AS a, person_id AS b FROM members WHERE person_id <> first
    """)
    con.execute("""CREATE TABLE labels AS SELECT node, node AS label FROM (
                     SELECT a AS node FROM edges UNION SELECT b FROM edges)""")
    for _ in range(1000):
        con.execute("""
            CREATE OR REPLACE TABLE labels_next AS
            SELECT l.node, least(l.label, coalesce(min(n.label), l.label)) AS label
            FROM labels l
            LEFT JOIN (SELECT e.a AS node, lb.label FROM edges e JOIN labels lb ON lb.node = e.b
                       UNION ALL
                       SELECT e.b, la.label FROM edges e JOIN labels la ON la.node = e.a) n
              ON n.node = l.node
            GROUP BY l.node, l.label
        """)
        changed = con.execute("""SELECT count(*) FROM labels_next n JOIN labels l USING (node)
                                 WHERE n.label <> l.label""").fetchone()[0]
        con.execute("DROP TABLE labels")
        con.execute("ALTER TABLE labels_next RENAME TO labels")
        if not changed:
            break
    con.execute(f"""
        UPDATE id_class SET sharing = 'shared' WHERE (kind, key) IN (
          WITH m AS (
            SELECT r.kind, r.key, r.person_id, l.label
            FROM id_rows r JOIN id_class c ON c.kind = r.kind AND c.key = r.key
            LEFT JOIN labels l ON l.node = r.person_id
            WHERE c.sharing = 'hub'
          ),
          per_label AS (SELECT kind, key, label, count(*) AS n FROM m WHERE label IS NOT NULL
                        GROUP BY kind, key, label),
          linked AS (SELECT kind, key, sum(n) FILTER (WHERE n >= 2) AS linked FROM per_label
                     GROUP BY kind, key),
          sizes AS (SELECT kind, key, count(*) AS size FROM m GROUP BY kind, key)
          SELECT s.kind, s.key FROM sizes s LEFT JOIN linked l USING (kind, key)
          WHERE coalesce(l.linked, 0) / s.size >= {CORROBORATION}
        )
    """)


def build_working_hours(con):
    """working_hours (crates/rules/src/hours_table.rs with redflag-hours): per person, the
    circular mean of 15-minute bins of UTC time of day gives the offset kept (the active day
    centred on 13:30 local); confidence is R/0.78 (at most 1) times n/(n+30); the claimed
    zone's offset is taken at the median event."""
    con.execute("""
        CREATE TABLE hours_bins AS
        SELECT s.person_id, CAST(floor(epoch(s."at")) AS BIGINT) % 86400 // 900 AS bin,
               count(*) AS n
        FROM signins s JOIN people p ON p.person_id = s.person_id
        GROUP BY ALL
    """)
    con.execute("""
        CREATE TABLE hours_days AS
        SELECT s.person_id, count(DISTINCT CAST(floor(epoch(s."at")) AS BIGINT) // 86400) AS days
        FROM signins s JOIN people p ON p.person_id = s.person_id GROUP BY s.person_id
    """)
    con.execute("""
        CREATE TABLE hours_estimate AS
        WITH v AS (
          SELECT person_id, sum(n) AS events,
                 sum(n * cos((bin + 0.5) / 96 * 2 * pi())) AS x,
                 sum(n * sin((bin + 0.5) / 96 * 2 * pi())) AS y
          FROM hours_bins GROUP BY person_id
        ),
        e AS (
          SELECT v.person_id, v.events, d.days, sqrt(x * x + y * y) / events AS r,
                 -- rem_euclid(atan2(y, x), 2π) / 2π · 24
                 ((atan2(y, x) % (2 * pi()) + 2 * pi()) % (2 * pi())) / (2 * pi()) * 24 AS centre
          FROM v JOIN hours_days d USING (person_id)
          WHERE v.events >= 30 AND d.days >= 5
        ),
        o AS (
          SELECT *, CAST(round((((13.5 - centre) % 24 + 24) % 24) * 4) AS BIGINT) * 15 AS raw_offset,
                 least(r / 0.78, 1.0) * events / (events + 30.0) AS confidence
          FROM e
        )
        SELECT person_id, events, days, confidence,
               CASE WHEN raw_offset >= 840 THEN raw_offset - 1440 ELSE raw_offset END AS offset_minutes
        FROM o
    """)
    # The claimed zone's offset at the median event, only where the rule could fire.
    con.execute("""
        CREATE TABLE working_hours AS
        WITH c AS (
          SELECT h.*, trim(p.claimed_timezone) AS claimed_timezone
          FROM hours_estimate h JOIN people p USING (person_id)
          WHERE h.confidence >= 0.6 AND h.events >= 60 AND trim(p.claimed_timezone) <> ''
        ),
        ranked AS (
          SELECT s.person_id, s."at", row_number() OVER (PARTITION BY s.person_id ORDER BY s."at") AS k
          FROM signins s JOIN c USING (person_id)
        ),
        median AS (
          SELECT c.person_id, r."at" FROM c JOIN ranked r
            ON r.person_id = c.person_id AND r.k = c.events // 2 + 1
        ),
        claimed AS (
          SELECT c.*, CAST((epoch(CAST(timezone(c.claimed_timezone, m."at") AS TIMESTAMPTZ))
                            - epoch(date_trunc('second', m."at"))) / 60 AS BIGINT) AS claimed_offset_minutes
          FROM c JOIN median m USING (person_id)
        )
        SELECT *, least(((offset_minutes - claimed_offset_minutes) % 1440 + 1440) % 1440 / 60.0,
                        24 - ((offset_minutes - claimed_offset_minutes) % 1440 + 1440) % 1440 / 60.0)
                  AS hours_apart
        FROM claimed
    """)


# The rules, ported from crates/rules/rules/NET_*.sql (DataFusion) to DuckDB. Evidence refs
# (`rf_ref` of a line) become the sign-in's time; everything else is the rule's own logic.
RULE_SQL = {
    "NET_CONTINUOUS_LOGIN": """
WITH long_sessions AS (
  SELECT person_id, session_id, min("at") AS first_at, max("at") AS last_at, count(*) AS events
  FROM signins
  WHERE person_id IS NOT NULL AND session_id IS NOT NULL
  GROUP BY person_id, session_id
  HAVING epoch(max("at")) - epoch(min("at")) >= 86400 AND count(*) >= 3
)
SELECT person_id,
       concat(count(*), ' sign-in session', CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
              ' lasting a day or more (longest ',
              CAST((max(epoch(last_at) - epoch(first_at)) / 3600) AS BIGINT),
              ' hours, ', max(events), ' events)') AS detail,
       list(first_at) AS refs,
       CASE WHEN count(*) >= 3 THEN 15 ELSE 10 END AS weight
FROM long_sessions
GROUP BY person_id
""",
    "NET_GEO_VS_CLAIMED": """
WITH s AS (
  SELECT s.person_id, s."at", s.place_country AS country, upper(trim(p.claimed_country)) AS claimed
  FROM signins_located s
  JOIN people p ON p.person_id = s.person_id
  WHERE coalesce(s.result, 'success') = 'success'
    AND NOT s.ip_masked
    AND nullif(trim(p.claimed_country), '') IS NOT NULL
    AND s.place_country IS NOT NULL
),
per_claim AS (
  SELECT person_id, claimed, count(*) AS located,
         count(*) FILTER (WHERE country <> claimed) AS elsewhere,
         date_diff('second', min("at") FILTER (WHERE country <> claimed),
                   max("at") FILTER (WHERE country <> claimed)) AS spread_seconds
  FROM s GROUP BY person_id, claimed
),
pp AS (
  SELECT * FROM per_claim
  WHERE located >= 10 AND elsewhere * 2 >= located AND spread_seconds > 14 * 86400
),
details AS (
  SELECT s.person_id, list(DISTINCT s.country) AS countries, list(s."at" ORDER BY s."at") AS refs
  FROM s JOIN pp ON pp.person_id = s.person_id
  WHERE s.country <> s.claimed
  GROUP BY s.person_id
)
SELECT pp.person_id,
       concat(pp.elsewhere, ' of ', pp.located, ' located sign-ins come from ',
              array_to_string(d.countries, ', '), ', not the claimed ', pp.claimed,
              ', over ', pp.spread_seconds // 86400, ' days') AS detail,
       d.refs[1:10] AS refs
FROM pp JOIN details d ON d.person_id = pp.person_id
""",
    "NET_HOURS_OFF_CLAIMED_ZONE": """
SELECT person_id,
       concat('Activity keeps UTC', CASE WHEN offset_minutes >= 0 THEN '+' ELSE '-' END,
              abs(offset_minutes) // 60, ':', lpad(CAST(abs(offset_minutes) % 60 AS VARCHAR), 2, '0'),
              ' hours (confidence ', round(confidence, 2), ', ', events, ' events on ', days,
              ' days), ', round(hours_apart, 1), ' hours from the claimed ', claimed_timezone) AS detail
FROM working_hours
WHERE hours_apart >= 5 AND confidence >= 0.6 AND events >= 60
""",
    "NET_IOC_IP_MATCH": """
WITH hits AS (
  SELECT s.person_id, i.ip, i.source, i.what, s."at",
         CASE WHEN s."at" < CAST(concat(i.published, '-01T00:00:00Z') AS TIMESTAMPTZ) + INTERVAL 365 DAY
              THEN 1 ELSE 0 END AS recent
  FROM signins s
  JOIN ref_network_iocs i ON i.ip = s.ip
  WHERE s.person_id IS NOT NULL AND coalesce(s.result, 'success') = 'success'
)
SELECT person_id,
       concat(count(*), ' sign-in', CASE WHEN count(*) > 1 THEN 's' ELSE '' END, ' from ',
              array_to_string(list(DISTINCT concat(ip, ' (', source, ': ', what, ')')), '; ')) AS detail,
       list("at" ORDER BY "at")[1:10] AS refs,
       CASE WHEN max(recent) = 1 THEN 8 ELSE 4 END AS weight
FROM hits
GROUP BY person_id
""",
    "NET_MANY_ACCOUNTS_ONE_IP": """
WITH ips AS (
  SELECT s.key AS ip, s.person_id, p.org, coalesce(p.org, '') AS org_key
  FROM shared_identifiers s
  JOIN people p ON p.person_id = s.person_id
  LEFT JOIN signin_ips i ON i.ip = s.key
  WHERE s.kind = 'ip' AND s.sharing <> 'hub' AND NOT coalesce(i.datacenter, false)
),
groups AS (
  SELECT ip, org_key, count(*) AS people, bool_or(org IS NOT NULL) AS has_org
  FROM ips GROUP BY ip, org_key
),
same_org AS (
  SELECT a.person_id, a.ip, b.person_id AS other_id, 0 AS other_org
  FROM ips a
  JOIN groups g ON g.ip = a.ip AND g.org_key = a.org_key
  JOIN ips b ON b.ip = a.ip AND b.org_key = a.org_key AND b.person_id <> a.person_id
  WHERE NOT (g.has_org AND g.people >= 5)
),
org_pairs AS (
  SELECT g1.ip, g1.org_key AS org_a, g2.org_key AS org_b
  FROM groups g1 JOIN groups g2 ON g1.ip = g2.ip AND g1.org_key <> g2.org_key
),
other_org AS (
  SELECT a.person_id, a.ip, b.person_id AS other_id, 1 AS other_org
  FROM org_pairs op
  JOIN ips a ON a.ip = op.ip AND a.org_key = op.org_a
  JOIN ips b ON b.ip = op.ip AND b.org_key = op.org_b
),
pairs AS (
  SELECT x.* FROM (SELECT * FROM same_org UNION ALL SELECT * FROM other_org) x
  LEFT JOIN households hh ON hh.person_id = x.person_id AND hh.other_id = x.other_id
  WHERE hh.person_id IS NULL
)
SELECT person_id,
       concat('Signs in from ', array_to_string(list(DISTINCT ip), ', '), ', also used by ',
              count(DISTINCT other_id), ' other people who share no home with them',
              CASE WHEN max(other_org) = 1
                   THEN concat(' (', count(DISTINCT CASE WHEN other_org = 1 THEN other_id END),
                               ' of them at other organisations)')
                   ELSE '' END) AS detail,
       list(DISTINCT other_id) AS related,
       least(8 + 4 * count(DISTINCT other_id) + 6 * max(other_org), 30) AS weight
FROM pairs
GROUP BY person_id
""",
    "NET_MULTI_IP_SHORT_WINDOW": """
WITH jumps AS (
  SELECT person_id, count(*) AS n,
         list(concat(prev_country, '→', country, ' in ',
                     CAST((epoch("at") - epoch(prev_at)) / 60 AS BIGINT), ' min') ORDER BY "at") AS what
  FROM signin_moves
  WHERE epoch("at") - epoch(prev_at) <= 3600
  GROUP BY person_id
),
day_places AS (
  SELECT person_id, CAST("at" AS DATE) AS day, country, "at" FROM signin_moves
  UNION ALL
  SELECT person_id, CAST("at" AS DATE) AS day, prev_country AS country, prev_at AS "at"
  FROM signin_moves
  WHERE CAST(prev_at AS DATE) = CAST("at" AS DATE)
),
busy_days AS (
  SELECT person_id, day, count(DISTINCT country) AS countries
  FROM day_places
  GROUP BY person_id, day
  HAVING count(DISTINCT country) >= 3
),
busy AS (
  SELECT b.person_id, count(DISTINCT b.day) AS n_days, max(b.countries) AS most,
         list(d."at" ORDER BY d."at") AS refs
  FROM busy_days b
  JOIN day_places d ON d.person_id = b.person_id AND d.day = b.day
  GROUP BY b.person_id
)
SELECT coalesce(j.person_id, b.person_id) AS person_id,
       concat_ws('; ',
         CASE WHEN j.n >= 2 THEN concat(j.n, ' changes of country within an hour (',
                                       array_to_string(j.what[1:5], ', '),
                                       CASE WHEN j.n > 5 THEN ', …' ELSE '' END, ')') END,
         CASE WHEN b.n_days >= 1 THEN concat('up to ', b.most, ' countries in one UTC day, on ',
                                            b.n_days, ' days') END) AS detail,
       CASE WHEN j.n >= 2 AND b.n_days >= 1 THEN 20 ELSE 15 END AS weight
FROM (SELECT * FROM jumps WHERE n >= 2) j
FULL OUTER JOIN busy b ON b.person_id = j.person_id
""",
    "NET_SHARED_MFA_DEVICE": """
WITH d AS (
  SELECT DISTINCT s.person_id, s.device_id
  FROM signins s
  WHERE s.person_id IS NOT NULL AND s.device_id IS NOT NULL
    AND coalesce(s.result, 'success') = 'success'
),
first_use AS (
  SELECT person_id, device_id, min("at") AS "at"
  FROM signins
  WHERE person_id IS NOT NULL AND device_id IS NOT NULL AND coalesce(result, 'success') = 'success'
  GROUP BY person_id, device_id
),
pairs AS (
  SELECT a.person_id, a.device_id, b.person_id AS other_id
  FROM d a
  JOIN d b ON a.device_id = b.device_id AND a.person_id <> b.person_id
  LEFT JOIN households hh ON hh.person_id = a.person_id AND hh.other_id = b.person_id
  WHERE hh.person_id IS NULL
)
SELECT p.person_id,
       concat('Signs in from device ', array_to_string(list(DISTINCT p.device_id), ', '),
              ', which also signs in to the accounts of ', count(DISTINCT p.other_id),
              ' other people') AS detail,
       list(DISTINCT f."at") AS refs,
       list(DISTINCT p.other_id) AS related,
       least(10 + 5 * count(DISTINCT p.other_id), 30) AS weight
FROM pairs p
JOIN first_use f ON f.person_id = p.person_id AND f.device_id = p.device_id
GROUP BY p.person_id
""",
    "NET_VPN_ASTRILL": """
WITH s AS (
  SELECT s.person_id, p.org, s."at", s.ip, s.ip_class AS class, s.ip_masked AS masked
  FROM signins_located s
  JOIN people p ON p.person_id = s.person_id
  WHERE coalesce(s.result, 'success') = 'success'
),
per_person AS (
  SELECT person_id, org, count(*) AS total,
         count(*) FILTER (WHERE masked) AS masked,
         count(*) FILTER (WHERE class = 'tor') AS tor
  FROM s GROUP BY person_id, org
),
org_normal AS (
  SELECT org, count(*) AS people,
         count(*) FILTER (WHERE masked * 10 >= total AND masked > 0) AS maskers
  FROM per_person GROUP BY org
),
flagged AS (
  SELECT pp.*, o.people, o.maskers
  FROM per_person pp
  LEFT JOIN org_normal o ON o.org IS NOT DISTINCT FROM pp.org
  WHERE pp.tor > 0
     OR (pp.masked >= 5 AND pp.masked * 10 >= pp.total * 3 AND (o.maskers - 1) * 5 < o.people - 1)
),
details AS (
  SELECT s.person_id,
         list(DISTINCT concat(i.class, ' (', coalesce(i.provider, 'unnamed network'),
                              CASE WHEN i.asn IS NOT NULL THEN concat(', AS', i.asn) ELSE '' END,
                              '; class from ', i.class_source, ')')) AS networks,
         list(s."at" ORDER BY s."at") AS refs
  FROM s
  JOIN flagged f ON f.person_id = s.person_id
  JOIN signin_ips i ON i.ip = s.ip
  WHERE s.masked
  GROUP BY s.person_id
)
SELECT f.person_id,
       concat(f.masked, ' of ', f.total, ' sign-ins through ',
              array_to_string(d.networks[1:4], '; ')) AS detail,
       d.refs[1:10] AS refs,
       CASE WHEN f.tor > 0 THEN 20 ELSE 15 END AS weight
FROM flagged f
JOIN details d ON d.person_id = f.person_id
""",
}


# The phase-1 rules, in the order they run.
RULES = sorted(RULE_SQL)


def header_weight(rule):
    """The `-- weight:` of a rule's header, for rules whose output has no weight column."""
    for line in (RULES_DIR / f"{rule}.sql").read_text(encoding="utf-8").splitlines():
        if line.startswith("-- weight:"):
            return int(line.split(":", 1)[1])
    sys.exit(f"{rule}.sql: no `-- weight:` line")


FLAGGED_NETWORK_SQL = """
WITH others AS (
  SELECT a.person_id, a.network, count(*) AS n,
         sum(CASE WHEN b.level IN ('high', 'critical') THEN 1 ELSE 0 END) AS severe,
         sum(CASE WHEN b.level = 'medium' THEN 1 ELSE 0 END) AS medium,
         list(b.person_id ORDER BY b.score DESC, b.person_id) AS ids
  FROM network_members a
  JOIN network_members b ON a.network = b.network AND a.person_id <> b.person_id
  GROUP BY a.person_id, a.network
)
SELECT person_id,
       concat('In persona network ', network, ' with ', n, ' other people, ',
              CASE WHEN severe > 0 THEN concat(severe, ' of them at high or critical')
                   ELSE concat(medium, ' of them at medium') END,
              ' on their own evidence (most flagged first: ', array_to_string(ids[1:5], ', '),
              CASE WHEN n > 5 THEN ', …' ELSE '' END, ')') AS detail,
       CASE WHEN severe > 0 THEN 25 ELSE 12 END AS weight
FROM others
WHERE severe > 0 OR medium > 0
"""


def build_network_members(con):
    """network_members as the pipeline registers it before phase 3: every person's score
    and level from the phase 1 evidence (crates/scoring `score` with the default config),
    and the networks `build_networks` forms from the people evidence names as related."""
    parts = []
    for rule in RULES:
        cols = [r[0] for r in con.execute(f"DESCRIBE out_{rule}").fetchall()]
        weight = "weight" if "weight" in cols else str(header_weight(rule))
        related = "related" if "related" in cols else "CAST([] AS VARCHAR[])"
        parts.append(f"SELECT person_id, CAST({weight} AS DOUBLE) AS weight, {related} AS related "
                     f"FROM out_{rule}")
    con.execute("CREATE TABLE evidence AS " + " UNION ALL ".join(parts))
    points = {}
    for person, total in con.execute(
            "SELECT person_id, sum(weight) FROM evidence WHERE weight > 0 GROUP BY person_id").fetchall():
        points[person] = round(min(total, NETWORK_CAP))
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for person, others in con.execute(
            "SELECT person_id, related FROM evidence WHERE len(related) > 0").fetchall():
        for other in others:
            a, b = find(person), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups = {}
    for person in list(parent):
        groups.setdefault(find(person), []).append(person)
    rows = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        for m in members:
            score = points.get(m, 0)
            # One category only: never above medium (independence rule).
            level = next((name for floor, name in LEVELS if score >= floor), "none")
            if level in ("high", "critical"):
                level = "medium"
            rows.append((root, m, score, level))
    con.execute("CREATE TABLE network_members (network VARCHAR, person_id VARCHAR, score INT, level VARCHAR)")
    if rows:
        con.executemany("INSERT INTO network_members VALUES (?, ?, ?, ?)", rows)


def main():
    """Runs the benchmark on DIR and prints one JSON line."""
    if len(sys.argv) != 2:
        sys.exit("usage: okta_duckdb.py DIR")
    data = Path(sys.argv[1])
    start = time.perf_counter()
    con = duckdb.connect()
    setup(con)
    rows = read_signins(con, data)
    read_s = time.perf_counter() - start
    t = time.perf_counter()
    load_reference(con, data)
    build_ip_tables(con)
    build_signin_moves(con)
    identifiers = build_identifiers(con)
    build_working_hours(con)
    tables_s = time.perf_counter() - t
    flagged, rule_s = {}, {}
    for rule in RULES:
        t = time.perf_counter()
        con.execute(f"CREATE TABLE out_{rule} AS {RULE_SQL[rule]}")
        flagged[rule] = con.execute(
            f"SELECT count(DISTINCT person_id) FROM out_{rule}").fetchone()[0]
        rule_s[rule] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    build_network_members(con)
    con.execute(f"CREATE TABLE out_NET_FLAGGED_NETWORK AS {FLAGGED_NETWORK_SQL}")
    flagged["NET_FLAGGED_NETWORK"] = con.execute(
        "SELECT count(DISTINCT person_id) FROM out_NET_FLAGGED_NETWORK").fetchone()[0]
    rule_s["NET_FLAGGED_NETWORK"] = round(time.perf_counter() - t, 3)
    total = time.perf_counter() - start
    out_dir = os.environ.get("OKTA_DUCKDB_PEOPLE")
    if out_dir:
        # Who each rule flagged, one file per rule, for comparing with redflag person by person.
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for rule in RULES + ["NET_FLAGGED_NETWORK"]:
            ids = [r[0] for r in con.execute(
                f"SELECT DISTINCT person_id FROM out_{rule} ORDER BY 1").fetchall()]
            (Path(out_dir) / f"{rule}.txt").write_text("".join(f"{i}\n" for i in ids))
    print(json.dumps({
        "system": f"duckdb {duckdb.__version__}",
        "threads": 2,
        "seconds": {"read": round(read_s, 3), "tables": round(tables_s, 3),
                    "rules": round(total - read_s, 3), "total": round(total, 3)},
        "rule_seconds": rule_s,
        "rows": rows,
        "bytes": (data / "okta.ndjson").stat().st_size,
        "people_flagged": flagged,
        "identifiers": identifiers,
    }))


if __name__ == "__main__":
    main()
