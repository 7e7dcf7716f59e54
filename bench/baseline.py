#!/usr/bin/env python3
"""The benchmark baseline: redflag's checks as a plain single-threaded Python script.

    python3 bench/baseline.py DATA_DIR [--json OUT] [--all-tables]

docs/benchmarks.md compares `redflag screen` with "a straightforward single-threaded
script doing the same checks". This is that script: what a competent analyst would write
with the standard library only (csv, json, gzip, collections, datetime, re, tomllib), one
function per rule, no multiprocessing, no tuning, no caches.

It implements every rule in crates/rules/rules/*.sql and the derived tables in
crates/rules/derived/*.sql, with the key functions ported from crates/normalize (address,
email, phone, account and name keys, names_match, domains). It reads the reference lists
from crates/reference/data/*.csv and the scoring parameters from
crates/scoring/default.toml, and scores the way crates/scoring does: weights add up per
category, each category is capped, the level follows the thresholds, high needs two
independent categories and critical three, locale alone never exceeds low. Scoring runs
twice: REF_REFERRAL_CHAIN reads the first pass.

It prints how many people end at each level and, with --json, writes one record per
person: {person_id, score, level, indicators, evidence: [{indicator, weight}]}.

What it does not do, compared with redflag: evidence details and refs, networks, the
report formats, native vendor logs, and --lenient. It reads only the tables the rules use
(people, contacts, work_history, interviews, endpoint, shipments, changes, payments,
referrals, access); redflag also loads and validates signins, activity, messages,
education and resumes, which no rule reads yet. --all-tables reads and parses those too
(timestamps, enums, person references), to compare like for like.
"""

import argparse
import csv
import gzip
import json
import os
import re
import sys
import tomllib
from bisect import bisect_left
from collections import defaultdict
from datetime import date, datetime, timezone

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE_DIR = os.path.join(REPO, "crates", "reference", "data")
SCORING_TOML = os.path.join(REPO, "crates", "scoring", "default.toml")

LEVELS = ["none", "low", "medium", "high", "critical"]
DAY_US = 86_400 * 1_000_000  # timestamps are microseconds since the epoch, UTC


# ---------------------------------------------------------------------------------------
# Normalisation, ported from crates/normalize/src
# ---------------------------------------------------------------------------------------

# fold.rs: lowercase and fold Latin accents.
ACCENT_FOLDS = {}
for _letters, _ascii in [
    ("àáâãäåāăąǎȁȃȧ", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđð", "d"),
    ("èéêëēĕėęěȅȇ", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįıǐ", "i"), ("ĳ", "ij"),
    ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏőơǒ", "o"),
    ("œ", "oe"), ("ŕŗř", "r"), ("śŝşšș", "s"), ("ß", "ss"), ("ţťŧț", "t"), ("þ", "th"),
    ("ùúûüũūŭůűųưǔǖǘǚǜ", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
]:
    for _c in _letters:
        ACCENT_FOLDS[_c] = _ascii
for _lo, _hi, _ascii in [(0x1EA0, 0x1EB7, "a"), (0x1EB8, 0x1EC7, "e"), (0x1EC8, 0x1ECB, "i"),
                         (0x1ECC, 0x1EE3, "o"), (0x1EE4, 0x1EF1, "u"), (0x1EF2, 0x1EF9, "y")]:
    for _cp in range(_lo, _hi + 1):
        ACCENT_FOLDS[chr(_cp)] = _ascii


def fold_lower(s):
    out = []
    for ch in s:
        for c in ch.lower():
            if c.isascii():
                out.append(c)
            elif 0x300 <= ord(c) <= 0x36F:
                pass  # combining mark
            else:
                out.append(ACCENT_FOLDS.get(c, c))
    return "".join(out)


# name.rs
def name_tokens(raw):
    cleaned = []
    for c in fold_lower(raw):
        if c in "'\u2019\u2018`\u02bc":
            continue
        cleaned.append(c if c.isalnum() else " ")
    return "".join(cleaned).split()


def name_key(raw):
    return " ".join(sorted(name_tokens(raw)))


def is_initial_of(initial, word):
    return len(initial) == 1 and word.startswith(initial)


def names_match(a, b):
    ta, tb = sorted(name_tokens(a)), sorted(name_tokens(b))
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < 2:
        return False
    free = list(long)
    pending = []
    full_matches = 0
    for token in short:  # equal tokens first
        if token in free:
            free[free.index(token)] = None
            if len(token) >= 2:
                full_matches += 1
        else:
            pending.append(token)
    for token in pending:
        for i, other in enumerate(free):
            if other is not None and (is_initial_of(token, other) or is_initial_of(other, token)):
                free[i] = None
                break
        else:
            return False
    return full_matches > 0


# domain.rs
MULTI_LABEL_SUFFIXES = set("""
co.uk org.uk ac.uk gov.uk ltd.uk plc.uk me.uk net.uk sch.uk nhs.uk
com.au net.au org.au edu.au gov.au asn.au id.au co.nz org.nz net.nz ac.nz govt.nz
co.jp ne.jp or.jp ac.jp go.jp gr.jp ad.jp ed.jp lg.jp
co.kr or.kr ne.kr re.kr go.kr ac.kr pe.kr
com.cn net.cn org.cn gov.cn edu.cn ac.cn
com.hk org.hk net.hk edu.hk gov.hk idv.hk
com.tw org.tw net.tw edu.tw gov.tw idv.tw
com.sg org.sg net.sg edu.sg gov.sg per.sg com.my org.my net.my edu.my gov.my
co.in net.in org.in firm.in gen.in ind.in ac.in edu.in gov.in res.in
com.pk org.pk net.pk edu.pk com.bd com.ph org.ph net.ph com.vn net.vn org.vn edu.vn
co.id or.id ac.id go.id web.id co.th or.th ac.th in.th go.th
com.br net.br org.br gov.br edu.br com.mx org.mx gob.mx edu.mx net.mx com.ar com.co com.pe
com.tr org.tr net.tr com.ua org.ua net.ua co.il org.il ac.il com.sa com.eg
co.za org.za gov.za ac.za com.ng org.ng gov.ng co.ke
github.io gitlab.io netlify.app vercel.app herokuapp.com pages.dev web.app
firebaseapp.com appspot.com blogspot.com azurewebsites.net cloudfront.net glitch.me
onrender.com fly.dev
""".split())


def strip_prefix_ignore_case(s, prefix):
    head = s[:len(prefix)]
    if head.isascii() and head.lower() == prefix:
        return s[len(prefix):]
    return None


def cut_at_any(s, stops):
    for i, c in enumerate(s):
        if c in stops:
            return s[:i]
    return s


def canonical_host(s):
    trimmed = s.strip().lower().rstrip(".")
    if trimmed.startswith("www.") and "." in trimmed[4:]:
        return trimmed[4:]
    return trimmed


def is_valid_host(host):
    if not host or len(host.encode()) > 253:
        return False
    labels = host.split(".")
    if len(labels) < 2:
        return False
    for label in labels:
        if not label or len(label) > 63 or label[0] == "-" or label[-1] == "-":
            return False
        if not all(c == "-" or c.isalnum() for c in label):
            return False
    tld = labels[-1]
    return not (tld.isascii() and tld.isdigit())


def unwrap_angle_brackets(s):
    """'Name <address>' -> 'address'."""
    open_, close = s.rfind("<"), s.rfind(">")
    if open_ != -1 and close != -1 and open_ < close:
        return s[open_ + 1:close].strip()
    return s


def domain_of(raw):
    s = unwrap_angle_brackets(raw.strip())
    rest = strip_prefix_ignore_case(s, "mailto:")
    if rest is not None:
        s = rest
    if "://" in s:
        s = cut_at_any(s[s.find("://") + 3:], "/?#")
        if "@" in s:
            s = s[s.rfind("@") + 1:]
    elif "@" in s:
        s = cut_at_any(s[s.rfind("@") + 1:], "/?#>")
    else:
        s = cut_at_any(s, "/?#")
    if s.startswith("["):
        return None  # IPv6 literal
    if ":" in s:
        colon = s.rfind(":")
        port = s[colon + 1:]
        if not port or not (port.isascii() and port.isdigit()):
            return None
        s = s[:colon]
    host = canonical_host(s)
    return host if is_valid_host(host) else None


def registrable_domain(host):
    host = canonical_host(host.strip())
    labels = host.split(".")
    if len(labels) <= 2 or all(l.isascii() and (l == "" or l.isdigit()) for l in labels):
        return host
    keep = 3 if ".".join(labels[-2:]) in MULTI_LABEL_SUFFIXES else 2
    return ".".join(labels[-keep:])


def rf_domain(value):
    host = domain_of(value)
    return registrable_domain(host) if host is not None else None


# email.rs
def is_control(c):
    return ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0


def local_part_ok(local):
    return (local != "" and len(local.encode()) <= 64 and not local.startswith(".")
            and not local.endswith(".") and ".." not in local
            and all(not c.isspace() and not is_control(c) and c not in '<>()[]\\,;:"'
                    for c in local))


def email_key(raw):
    s = unwrap_angle_brackets(raw.strip())
    rest = strip_prefix_ignore_case(s, "mailto:")
    if rest is not None:
        s = rest.strip()
    lower = s.lower()
    if "@" not in lower:
        return None
    local, domain = lower.split("@", 1)
    if "@" in domain or not local_part_ok(local):
        return None
    domain = domain.rstrip(".")
    if not is_valid_host(domain):
        return None
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    if not local:
        return None
    return f"{local}@{domain}"


# phone.rs (no default country: North American numbering)
def e164(number):
    if 7 <= len(number) <= 15 and not number.startswith("0"):
        return "+" + number
    return None


def phone_key(raw):
    digits = ""
    plus = False
    for c in raw.replace("(0)", " "):
        if c in "0123456789":
            digits += c
        elif digits == "":
            plus = plus or c == "+"
        elif c.isalpha() or c in "#;,*":
            break  # extension, pause or a second number
    if len(digits) < 7 or len(digits) > 18:
        return None
    if plus:
        return e164(digits)
    if digits.startswith("00"):
        return e164(digits[2:])
    if digits.startswith("011"):
        return e164(digits[3:])
    if len(digits) == 10 and digits[0] not in "01":
        return e164("1" + digits)
    if len(digits) == 11 and digits.startswith("1"):
        return e164(digits)
    return digits if len(digits) <= 15 else None


# account.rs
BECH32_DATA = set("qpzry9x8gf2tvdw0s3jn54khce6mua7l")


def is_hex_address(lower):
    hexpart = lower[2:]
    return (lower.startswith("0x") and len(hexpart) >= 8
            and all(c in "0123456789abcdef" for c in hexpart))


def is_bech32_address(lower):
    for hrp in ("bc1", "tb1", "bcrt1", "ltc1"):
        if lower.startswith(hrp):
            data = lower[len(hrp):]
            if len(data) >= 6 and all(c in BECH32_DATA for c in data):
                return True
    return False


def is_iban_like(compact):
    b = compact.encode()
    return (15 <= len(b) <= 34 and b[:2].isalpha() and b[2:4].isdigit() and b[4:].isalnum()
            and not (any(65 <= x <= 90 for x in b) and any(97 <= x <= 122 for x in b)))


def account_key(raw):
    trimmed = raw.strip()
    if not trimmed:
        return None
    if "@" in trimmed:
        email = email_key(trimmed)
        if email is None:
            for token in reversed(trimmed.split()):
                if "@" in token:
                    email = email_key(token)
                    break
        if email is not None:
            return email
    compact = "".join(c for c in trimmed if not c.isspace() and c != "-")
    if not compact:
        return None
    lower = compact.lower()
    if is_hex_address(lower) or is_bech32_address(lower):
        return lower
    if is_iban_like(compact):
        return compact.upper()
    if any(c.isupper() for c in compact) and any(c.islower() for c in compact):
        return compact
    return compact.upper()


# address.rs
STREET_TYPES = [
    ("alley", "aly", ["allee", "ally"]), ("annex", "anx", ["anex", "annx"]),
    ("arcade", "arc", []), ("avenue", "ave", ["av", "aven", "avenu", "avn", "avnue"]),
    ("boulevard", "blvd", ["boul", "boulv"]), ("bypass", "byp", ["bypa", "bypas", "byps"]),
    ("causeway", "cswy", ["causwa"]),
    ("center", "ctr", ["centre", "cent", "centr", "cntr", "cnter"]),
    ("circle", "cir", ["circ", "circl", "crcl", "crcle"]), ("court", "ct", ["crt"]),
    ("cove", "cv", []), ("creek", "crk", []), ("crescent", "cres", ["crsent", "crsnt"]),
    ("crest", "crst", []), ("crossing", "xing", ["crssng"]), ("curve", "curv", []),
    ("drive", "dr", ["driv", "drv"]), ("estates", "ests", []),
    ("expressway", "expy", ["exp", "expr", "express", "expw"]),
    ("extension", "ext", ["extn", "extnsn"]), ("freeway", "fwy", ["frway", "frwy"]),
    ("gateway", "gtwy", ["gatewy", "gatway", "gtway"]), ("glen", "gln", []),
    ("grove", "grv", ["grov"]), ("heights", "hts", ["ht"]),
    ("highway", "hwy", ["highwy", "hiway", "hiwy", "hway"]),
    ("hollow", "holw", ["hllw", "hollows", "holws"]),
    ("junction", "jct", ["jction", "jctn", "junctn", "juncton"]),
    ("landing", "lndg", ["lndng"]), ("lane", "ln", []), ("loop", "loop", ["loops"]),
    ("manor", "mnr", []), ("meadows", "mdws", ["mdw", "medows"]), ("motorway", "mtwy", []),
    ("overpass", "opas", []), ("parkway", "pkwy", ["parkwy", "pkway", "pky"]),
    ("path", "path", ["paths"]), ("pike", "pike", ["pikes"]), ("place", "pl", []),
    ("plaza", "plz", ["plza"]), ("point", "pt", []), ("ridge", "rdg", ["rdge"]),
    ("road", "rd", []), ("route", "rte", []), ("row", "row", []), ("run", "run", []),
    ("square", "sq", ["sqr", "sqre", "squ"]), ("street", "st", ["str", "strt", "streme"]),
    ("terrace", "ter", ["terr"]), ("trace", "trce", ["traces"]),
    ("trail", "trl", ["trails", "trls"]),
    ("tunnel", "tunl", ["tunel", "tunls", "tunnels", "tunnl"]),
    ("turnpike", "tpke", ["trnpk", "turnpk"]), ("underpass", "upas", []),
    ("walk", "walk", ["walks"]), ("way", "way", []),
]
DIRECTIONALS = [
    ("north", "n"), ("south", "s"), ("east", "e"), ("west", "w"), ("northeast", "ne"),
    ("northwest", "nw"), ("southeast", "se"), ("southwest", "sw"), ("north-east", "ne"),
    ("north-west", "nw"), ("south-east", "se"), ("south-west", "sw"),
]
ORDINAL_WORDS = [
    ("first", "1st"), ("second", "2nd"), ("third", "3rd"), ("fourth", "4th"), ("fifth", "5th"),
    ("sixth", "6th"), ("seventh", "7th"), ("eighth", "8th"), ("ninth", "9th"),
    ("tenth", "10th"), ("eleventh", "11th"), ("twelfth", "12th"), ("thirteenth", "13th"),
    ("fourteenth", "14th"), ("fifteenth", "15th"), ("sixteenth", "16th"),
    ("seventeenth", "17th"), ("eighteenth", "18th"), ("nineteenth", "19th"),
    ("twentieth", "20th"),
]
US_STATES = [
    ("alabama", "al"), ("alaska", "ak"), ("arizona", "az"), ("arkansas", "ar"),
    ("california", "ca"), ("colorado", "co"), ("connecticut", "ct"), ("delaware", "de"),
    ("florida", "fl"), ("georgia", "ga"), ("hawaii", "hi"), ("idaho", "id"),
    ("illinois", "il"), ("indiana", "in"), ("iowa", "ia"), ("kansas", "ks"),
    ("kentucky", "ky"), ("louisiana", "la"), ("maine", "me"), ("maryland", "md"),
    ("massachusetts", "ma"), ("michigan", "mi"), ("minnesota", "mn"), ("mississippi", "ms"),
    ("missouri", "mo"), ("montana", "mt"), ("nebraska", "ne"), ("nevada", "nv"),
    ("new hampshire", "nh"), ("new jersey", "nj"), ("new mexico", "nm"), ("new york", "ny"),
    ("north carolina", "nc"), ("north dakota", "nd"), ("ohio", "oh"), ("oklahoma", "ok"),
    ("oregon", "or"), ("pennsylvania", "pa"), ("rhode island", "ri"),
    ("south carolina", "sc"), ("south dakota", "sd"), ("tennessee", "tn"), ("texas", "tx"),
    ("utah", "ut"), ("vermont", "vt"), ("virginia", "va"), ("washington", "wa"),
    ("west virginia", "wv"), ("wisconsin", "wi"), ("wyoming", "wy"),
    ("district of columbia", "dc"), ("puerto rico", "pr"), ("guam", "gu"),
    ("us virgin islands", "vi"), ("virgin islands", "vi"), ("american samoa", "as"),
    ("northern mariana islands", "mp"),
]
AP_STATE_ABBREVIATIONS = [
    ("ala", "al"), ("ariz", "az"), ("ark", "ar"), ("calif", "ca"), ("cal", "ca"),
    ("colo", "co"), ("conn", "ct"), ("del", "de"), ("fla", "fl"), ("ill", "il"),
    ("ind", "in"), ("kan", "ks"), ("kans", "ks"), ("mass", "ma"), ("mich", "mi"),
    ("minn", "mn"), ("miss", "ms"), ("mont", "mt"), ("neb", "ne"), ("nebr", "ne"),
    ("nev", "nv"), ("okla", "ok"), ("ore", "or"), ("oreg", "or"), ("penn", "pa"),
    ("penna", "pa"), ("tenn", "tn"), ("tex", "tx"), ("wash", "wa"), ("w va", "wv"),
    ("wis", "wi"), ("wisc", "wi"), ("wyo", "wy"),
]
GLUED_DESIGNATORS = ["apartment", "apt", "unit", "suite", "ste", "room", "rm", "bldg"]
UNIT_WORDS = {"apt", "apartment", "unit", "suite", "ste", "#", "room", "rm", "office", "ofc",
              "spc", "space", "lot", "flat"}
NUMBER_WORDS = {"no", "nbr", "num", "number"}
FLOOR_WORDS = {"floor", "fl", "flr"}
BUILDING_WORDS = {"building", "bldg", "bldng"}
BUILDING, FLOOR, UNIT = 0, 1, 2  # the order units appear in the key
UNIT_KIND_WORD = {BUILDING: "bldg", FLOOR: "fl", UNIT: "unit"}
ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def is_ascii_digit(c):
    return c in "0123456789"


def all_ascii_digits(s, n):
    return len(s) == n and all(is_ascii_digit(c) for c in s)


def is_dotted_abbreviation(chunk):
    letters = chunk.rstrip(".").split(".")
    return len(letters) >= 2 and all(len(l) == 1 and l.isalpha() for l in letters)


def split_glued_designator(word, tokens):
    for prefix in GLUED_DESIGNATORS:
        rest = word[len(prefix):]
        if word.startswith(prefix) and rest[:1] != "" and is_ascii_digit(rest[0]):
            tokens.append(prefix)
            tokens.append(rest)
            return
    tokens.append(word)


def address_tokens(raw):
    tokens = []
    chunks, current = [], []
    for c in fold_lower(raw):
        if c.isspace() or c in ",;":
            chunks.append("".join(current))
            current = []
        else:
            current.append(c)
    chunks.append("".join(current))
    for chunk in chunks:
        chunk = "".join(c for c in chunk if c not in "'\u2019\u2018`")
        if is_dotted_abbreviation(chunk):
            chunk = chunk.replace(".", "")
        spaced = []
        for c in chunk:
            if c == "#":
                spaced.append(" # ")
            elif c.isalnum() or c in "-/":
                spaced.append(c)
            else:
                spaced.append(" ")
        for word in "".join(spaced).split():
            word = word.strip("-/")
            if word:
                split_glued_designator(word, tokens)
    return tokens


def strip_country(tokens):
    for name in (["united", "states", "of", "america"], ["united", "states"], ["usa"], ["us"]):
        if len(tokens) > len(name) and tokens[-len(name):] == name:
            del tokens[-len(name):]
            return


def unit_kind(word, position):
    if word in UNIT_WORDS or (word in NUMBER_WORDS and position > 0):
        return UNIT
    if word in FLOOR_WORDS:
        return FLOOR
    if word in BUILDING_WORDS:
        return BUILDING
    return None


def is_unit_id(word, kind):
    digits_or_letter = any(is_ascii_digit(c) for c in word) or (len(word) == 1 and word.isalpha())
    short_enough = len(word.encode()) <= (3 if kind == FLOOR else 8)
    return digits_or_letter and short_enough and all(c.isalnum() or c == "-" for c in word)


def ordinal_number(word):
    for w, numeral in ORDINAL_WORDS:
        if w == word:
            return numeral.rstrip(ASCII_LETTERS)
    digits = word.rstrip(ASCII_LETTERS)
    suffix = word[len(digits):]
    if digits and all(is_ascii_digit(c) for c in digits) and suffix in ("st", "nd", "rd", "th"):
        return digits
    return None


def take_units(tokens):
    units, kept = [], []
    i = 0
    while i < len(tokens):
        # "PO Box #123", "Box No. 123": the box number, not a unit.
        if (tokens[i] == "#" or tokens[i] in NUMBER_WORDS) and kept and kept[-1] == "box":
            i += 1
            continue
        floor = ordinal_number(tokens[i])  # "4th floor"
        if floor is not None and i + 1 < len(tokens) and unit_kind(tokens[i + 1], i + 1) == FLOOR:
            units.append((FLOOR, floor))
            i += 2
            continue
        kind = unit_kind(tokens[i], i)
        if kind is None:
            kept.append(tokens[i])
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and unit_kind(tokens[j], j) is not None:
            if not (tokens[j] == "#" or tokens[j] in NUMBER_WORDS):
                kind = unit_kind(tokens[j], j)
            j += 1
        if j < len(tokens) and is_unit_id(tokens[j], kind):
            units.append((kind, tokens[j].replace("-", "").replace("/", "")))
            i = j + 1
        else:
            kept.extend(t for t in tokens[i:j] if t != "#")
            i = j
    tokens[:] = kept
    units.sort()
    return units


def take_zip(tokens):
    if not tokens:
        return None
    last = tokens[-1]
    if all_ascii_digits(last, 5):
        zip_code = last
    elif all_ascii_digits(last, 9):
        zip_code = last[:5]
    elif "-" in last:
        five, four = last.split("-", 1)
        if not (all_ascii_digits(five, 5) and all_ascii_digits(four, 4)):
            return None
        zip_code = five
    elif all_ascii_digits(last, 4) and len(tokens) >= 2 and all_ascii_digits(tokens[-2], 5):
        tokens.pop()
        return tokens.pop()
    else:
        return None
    tokens.pop()
    return zip_code


def take_state(tokens):
    for n in (3, 2, 1):
        before = max(len(tokens) - n, 0)
        lone_number = before == 1 and tokens[0][:1] != "" and is_ascii_digit(tokens[0][0])
        if len(tokens) <= n or lone_number:
            continue
        tail = " ".join(tokens[-n:])
        for name, code in US_STATES + AP_STATE_ABBREVIATIONS:
            if name == tail or code == tail:
                del tokens[-n:]
                return code
    return None


def normalise_po_box(tokens):
    spellings = [["post", "office", "box"], ["p", "o", "box"], ["po", "box"], ["pob"], ["pobox"]]
    i = 0
    while i < len(tokens):
        for words in spellings:
            if tokens[i:i + len(words)] == words:
                tokens[i:i + len(words)] = ["po", "box"]
                i += 2
                break
        else:
            i += 1


def street_type(token):
    for full, abbr, variants in STREET_TYPES:
        if token == full or token == abbr or token in variants:
            return full, abbr
    return None


def directional(token):
    for full, abbr in DIRECTIONALS:
        if token == full or token == abbr:
            return abbr
    return None


def ordinal_word(token):
    for word, numeral in ORDINAL_WORDS:
        if word == token:
            return numeral
    return None


def street_name_word(token):
    if token in ("st", "saint"):
        return "saint"
    if token in ("mt", "mount"):
        return "mount"
    if token in ("ft", "fort"):
        return "fort"
    found = street_type(token)
    return found[0] if found else ordinal_word(token)


def other_word(token):
    found = street_type(token)
    if found:
        return found[1]
    abbr = directional(token)
    if abbr:
        return abbr
    return {"saint": "st", "mount": "mt", "fort": "ft"}.get(token) or ordinal_word(token)


def normalise_street(tokens):
    has_house_number = bool(tokens) and is_ascii_digit(tokens[0][:1] or "x")
    name_at = 1 if has_house_number else 0
    if has_house_number and len(tokens) > 1 and "/" in tokens[1]:
        name_at = 2  # "123 1/2 Main St"
    directional_is_name = (
        name_at + 1 < len(tokens) and street_type(tokens[name_at + 1]) is not None
        and not any(street_type(t) is not None for t in tokens[name_at + 2:]))
    if name_at < len(tokens) and directional(tokens[name_at]) and not directional_is_name:
        tokens[name_at] = directional(tokens[name_at])
        name_at += 1
    for i, token in enumerate(tokens):
        if has_house_number and i == 0:
            continue
        replacement = street_name_word(token) if i == name_at else other_word(token)
        if replacement is not None:
            tokens[i] = replacement


def address_key(raw):
    tokens = address_tokens(raw)
    strip_country(tokens)
    units = take_units(tokens)
    zip_code = take_zip(tokens)
    state = take_state(tokens)
    normalise_po_box(tokens)
    normalise_street(tokens)
    parts = tokens
    if state is not None:
        parts.append(state)
    if zip_code is not None:
        parts.append(zip_code)
    for kind, ident in units:
        parts += [UNIT_KIND_WORD[kind], ident]
    return " ".join(parts) if parts else None


# crates/rules/src/udf.rs: the key of a contact value, by kind.
def contact_key(kind, value):
    if kind == "email":
        return email_key(value)
    if kind in ("phone", "mfa_device"):
        return phone_key(value) or (value.strip().lower() or None)
    if kind in ("address", "shipping_address"):
        return address_key(value)
    if kind in ("bank_account", "payout_account", "crypto_address"):
        return account_key(value)
    if kind == "website":
        return domain_of(value)
    if kind in ("tax_id", "id_document"):
        key = "".join(c.upper() for c in value if c.isascii() and c.isalnum())
        return key or None
    return value.strip().lower() or None


def name_key_or_none(raw):
    """rf_name_key: NULL in, NULL out, and NULL for a name with no letters."""
    if raw is None:
        return None
    return name_key(raw) or None


# ---------------------------------------------------------------------------------------
# Loading the dataset (shared/spec/dataset.md; crates/ingest)
# ---------------------------------------------------------------------------------------

class DatasetError(Exception):
    pass


def table_path(data_dir, table):
    for ext in (".csv", ".csv.gz", ".jsonl", ".jsonl.gz"):
        path = os.path.join(data_dir, table + ext)
        if os.path.exists(path):
            return path
    return None


def json_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def read_rows(data_dir, table):
    """Each row of a table as {column: text}, cells trimmed, empty cells None."""
    path = table_path(data_dir, table)
    if path is None:
        return
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        if ".csv" in os.path.basename(path):
            reader = csv.reader(f)
            header = [h.strip() for h in next(reader, [])]
            for line, record in enumerate(reader, start=2):
                if record == [] or record == [""]:
                    continue
                if len(record) != len(header):
                    raise DatasetError(f"{path}:{line}: expected {len(header)} fields")
                yield {h: (v.strip() or None) for h, v in zip(header, record)}
        else:
            for line in f:
                if line.strip():
                    yield {k: (json_cell(v).strip() or None) for k, v in json.loads(line).items()}


def parse_timestamp(text):
    """RFC 3339 -> microseconds since the epoch (UTC); None for an empty cell."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise DatasetError(f"timestamp without a UTC offset: {text!r}")
    delta = moment - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def parse_date(text):
    if text is None:
        return None
    return date.fromisoformat(text).isoformat()


def enum(text, allowed):
    """A case-insensitive enum value, canonicalised to lower case."""
    if text is None:
        return None
    value = text.lower()
    if value not in allowed:
        raise DatasetError(f"unexpected value {text!r}; expected one of {sorted(allowed)}")
    return sys.intern(value)  # one string per enum value, not one per row


INTERVIEW_SIGNALS = {
    "camera_excuse", "reading_answers", "long_pauses", "stalling", "paste_burst", "ai_assisted",
    "voice_changer", "face_mismatch", "virtual_background", "different_person",
    "location_smalltalk_fail", "language_test_fail", "refused_in_person", "refused_drug_test",
    "refused_id_on_camera",
}
CONTACT_KINDS = {"email", "phone", "address", "shipping_address", "bank_account",
                 "payout_account", "crypto_address", "device_id", "mfa_device", "github",
                 "linkedin", "website", "id_document", "tax_id"}
ENDPOINT_KINDS = {"process", "software", "usb", "display", "locale", "keyboard_layout",
                  "network_adapter", "edr_alert"}
CHANGE_FIELDS = {"address", "shipping_address", "bank_account", "payout_account",
                 "payout_method", "phone", "email", "name"}


class Dataset:
    """The tables the rules read, as lists of dicts with the columns they use."""

    def __init__(self, data_dir):
        self.dir = data_dir
        if table_path(data_dir, "people") is None:
            raise DatasetError(f"{data_dir}: no people table")
        self.people = {}  # person_id -> row
        for r in read_rows(data_dir, "people"):
            pid = r["person_id"]
            if pid is None or r["full_name"] is None:
                raise DatasetError("people: person_id and full_name are required")
            if pid in self.people:
                raise DatasetError(f"people: duplicate person_id {pid!r}")
            self.people[pid] = {
                "full_name": r["full_name"],
                "org": r.get("org"),
                "status": enum(r.get("status"),
                               {"applicant", "rejected", "hired", "active", "terminated"}),
                "employment_type": enum(r.get("employment_type"),
                                        {"employee", "contractor", "freelancer", "vendor_staff"}),
                "role": r.get("role"),
                "date_of_birth": parse_date(r.get("date_of_birth")),
                "hired_at": parse_timestamp(r.get("hired_at")),
                "terminated_at": parse_timestamp(r.get("terminated_at")),
                "vendor": r.get("vendor"),
            }

        self.contacts = []
        for r in read_rows(data_dir, "contacts"):
            self.contacts.append({"person_id": self.person(r["person_id"]),
                                  "kind": enum(r["kind"], CONTACT_KINDS),
                                  "value": self.required(r, "value")})
        # Endpoint rows may name their person through a device_id contact (resolve.rs).
        self.device_owners = defaultdict(set)
        for c in self.contacts:
            if c["kind"] == "device_id":
                self.device_owners[c["value"].lower()].add(c["person_id"])

        self.work_history = [
            {"person_id": self.person(r["person_id"]), "employer_domain": r.get("employer_domain")}
            for r in read_rows(data_dir, "work_history")]

        self.interviews = []
        for r in read_rows(data_dir, "interviews"):
            signals = r.get("signals")
            if signals is not None:
                items = [s.strip() for s in signals.split(";") if s.strip()]
                signals = ";".join(enum(s, INTERVIEW_SIGNALS) for s in items)
            self.interviews.append({
                "interview_id": r.get("interview_id"),
                "person_id": self.person(r["person_id"]),
                "kind": enum(r.get("kind"), {"video", "phone", "onsite", "coding_test",
                                             "reference_check", "background_check"}),
                "camera": enum(r.get("camera"), {"on", "off", "refused", "broken", "n/a"}),
                "signals": signals,
            })

        # EP_DAY_ONE_MALWARE needs every device's first check-in; the rules read only a few
        # kinds of endpoint row, so those are the ones kept.
        self.device_first_seen = {}
        self.endpoint = []
        for r in read_rows(data_dir, "endpoint"):
            device = self.required(r, "device_id")
            kind = enum(self.required(r, "kind"), ENDPOINT_KINDS)
            person_id = r.get("person_id")
            person_id = self.person(person_id) if person_id else self.owner_of_device(device)
            at = parse_timestamp(r.get("at"))
            if at is not None and (device not in self.device_first_seen
                                   or at < self.device_first_seen[device]):
                self.device_first_seen[device] = at
            if kind in ("usb", "process", "software", "locale", "keyboard_layout", "edr_alert"):
                self.endpoint.append({
                    "at": at, "device_id": device, "person_id": person_id, "kind": kind,
                    "name": r.get("name"), "path": r.get("path"),
                    "vendor_id": r.get("vendor_id"), "product_id": r.get("product_id"),
                    "manufacturer": r.get("manufacturer"), "product": r.get("product"),
                    "value": r.get("value"),
                })

        self.shipments = [
            {"person_id": self.person(r["person_id"]), "at": parse_timestamp(r.get("at")),
             "address": r.get("address")}
            for r in read_rows(data_dir, "shipments")]

        self.changes = [
            {"person_id": self.person(r["person_id"]),
             "at": parse_timestamp(self.required(r, "at")),
             "field": enum(self.required(r, "field"), CHANGE_FIELDS),
             "new_value": r.get("new_value")}
            for r in read_rows(data_dir, "changes")]

        # Every rule reads payouts only.
        self.payouts = []
        for r in read_rows(data_dir, "payments"):
            person_id = self.person(r["person_id"])
            direction = enum(r.get("direction"), {"payout", "inbound"})
            method = enum(r.get("method"),
                          {"payroll", "bank", "payment_platform", "crypto", "check"})
            if direction == "payout":
                self.payouts.append({"person_id": person_id, "method": method,
                                     "account": r.get("account"),
                                     "account_holder": r.get("account_holder")})

        self.referrals = [
            {"referrer_id": self.person(r["referrer_id"]),
             "referee_id": self.person(r["referee_id"])}
            for r in read_rows(data_dir, "referrals")]

        self.access = [
            {"person_id": self.person(r["person_id"]),
             "at": parse_timestamp(self.required(r, "at")),
             "action": enum(self.required(r, "action"),
                            {"read", "clone", "download", "push_external", "share_external",
                             "privilege_grant"}),
             "sensitivity": enum(r.get("sensitivity"),
                                 {"public", "internal", "source_code", "customer_data",
                                  "export_controlled"})}
            for r in read_rows(data_dir, "access")]

    def person(self, person_id):
        if person_id is None:
            raise DatasetError("person_id is required")
        if person_id not in self.people:
            raise DatasetError(f"unknown person_id {person_id!r}")
        return person_id

    @staticmethod
    def required(row, column):
        if row.get(column) is None:
            raise DatasetError(f"{column} is required")
        return row[column]

    def owner_of_device(self, device_id):
        owners = self.device_owners.get(device_id.lower(), set())
        if len(owners) != 1:
            raise DatasetError(f"device_id {device_id!r} does not name exactly one person")
        return next(iter(owners))

    def read_unused_tables(self):
        """--all-tables: read and parse the tables no rule uses, as redflag's loader does."""
        account_owners = defaultdict(set)
        for c in self.contacts:
            if c["kind"] in ("email", "github", "linkedin", "phone"):
                account_owners[c["value"].lower()].add(c["person_id"])
        rows = 0
        for r in read_rows(self.dir, "signins"):
            parse_timestamp(self.required(r, "at"))
            if r.get("person_id"):
                self.person(r["person_id"])
            elif len(account_owners.get((r.get("account") or "").lower(), ())) != 1:
                raise DatasetError(f"signins: account {r.get('account')!r} is not one person")
            enum(r.get("result"), {"success", "failure"})
            rows += 1
        for r in read_rows(self.dir, "activity"):
            self.person(r["person_id"])
            parse_timestamp(self.required(r, "at"))
            enum(r.get("kind"), {"commit", "chat", "ticket", "meeting", "build"})
            rows += 1
        for r in read_rows(self.dir, "messages"):
            self.person(r["person_id"])
            parse_timestamp(r.get("at"))
            enum(r.get("channel"), {"email", "chat", "platform", "ticket"})
            enum(r.get("direction"), {"from_person", "to_person"})
            rows += 1
        for r in read_rows(self.dir, "education"):
            self.person(r["person_id"])
            rows += 1
        resumes = os.path.join(self.dir, "resumes")
        if os.path.isdir(resumes):
            for name in sorted(os.listdir(resumes)):
                with open(os.path.join(resumes, name), encoding="utf-8") as f:
                    f.read()
                rows += 1
        return rows


# ---------------------------------------------------------------------------------------
# Derived tables (crates/rules/derived/*.sql)
# ---------------------------------------------------------------------------------------

def build_contact_keys(ds):
    """10_contact_keys: every contact with its comparison key."""
    for c in ds.contacts:
        c["key"] = contact_key(c["kind"], c["value"])
    return ds.contacts


def build_households(ds):
    """20_households: pairs of people sharing a home address with at most two others."""
    residents = defaultdict(set)
    for c in ds.contact_keys:
        if c["kind"] == "address" and c["key"] is not None:
            residents[c["key"]].add(c["person_id"])
    pairs = set()
    for people in residents.values():
        if len(people) <= 3:
            for a in people:
                for b in people:
                    if a != b:
                        pairs.add((a, b))
    return pairs


def build_interview_signals(ds):
    """30_interview_signals: one row per signal noted in an interview."""
    rows = []
    for i in ds.interviews:
        if i["signals"]:
            for signal in i["signals"].split(";"):
                rows.append({"person_id": i["person_id"], "interview_id": i["interview_id"],
                             "signal": signal})
    return rows


def build_change_windows(ds):
    """40_change_windows: per person and kind of change, the most changes in 180 days."""
    groups = {"address": "address", "shipping_address": "address", "bank_account": "payout",
              "payout_account": "payout", "payout_method": "payout"}
    times = defaultdict(list)
    for c in ds.changes:
        if c["at"] is not None and c["field"] in groups:
            times[(c["person_id"], groups[c["field"]])].append(c["at"])
    busiest = {}
    for key, ats in times.items():
        ats.sort()
        busiest[key] = max(bisect_left(ats, start + 180 * DAY_US) - i
                           for i, start in enumerate(ats))
    return busiest


# ---------------------------------------------------------------------------------------
# Rules (crates/rules/rules/*.sql). Each returns the evidence it finds as a list of
# (person_id, weight) pairs, one per result row of the SQL; weight None means the rule's
# default weight.
# ---------------------------------------------------------------------------------------

def rule_beh_multiple_jobs(ds):
    holders = defaultdict(set)  # identity key -> people
    for pid, p in ds.people.items():
        if p["date_of_birth"] is not None and name_key(p["full_name"]):
            holders["n:" + name_key(p["full_name"]) + "|" + p["date_of_birth"]].add(pid)
    for c in ds.contact_keys:
        if c["kind"] == "tax_id" and c["key"] is not None:
            holders["t:" + c["key"]].add(c["person_id"])
    employed = {}
    for pid, p in ds.people.items():
        if (p["status"] in ("hired", "active", "terminated") and p["hired_at"] is not None
                and p["org"] is not None):
            stop = p["terminated_at"]
            if stop is None:
                stop = parse_timestamp("2100-01-01T00:00:00Z")
            employed[pid] = (p["org"], p["hired_at"], stop)
    hits = set()
    for people in holders.values():
        for a in people:
            for b in people:
                if a == b or a not in employed or b not in employed:
                    continue
                (org_a, start_a, stop_a), (org_b, start_b, stop_b) = employed[a], employed[b]
                if org_a != org_b and start_a < stop_b and start_b < stop_a:
                    hits.add(a)
    return [(pid, None) for pid in hits]


def rule_ep_day_one_malware(ds):
    hits = set()
    for e in ds.endpoint:
        if e["kind"] == "edr_alert" and e["at"] is not None:
            first = ds.device_first_seen[e["device_id"]]
            if e["at"] - first <= 3 * DAY_US:
                hits.add(e["person_id"])
    return [(pid, None) for pid in hits]


def usb_fields(e):
    vid = re.sub(r"^0[xX]", "", e["vendor_id"] or "").lower()
    pid = re.sub(r"^0[xX]", "", e["product_id"] or "").lower()
    return vid, pid, (e["manufacturer"] or "").lower(), (e["product"] or "").lower()


def rule_ep_ipkvm_device(ds):
    strongest = {}
    for e in ds.endpoint:
        if e["kind"] != "usb":
            continue
        vid, pid, maker, product = usb_fields(e)
        for r in ds.ref_usb:
            if r["kind"] != "ip_kvm":
                continue
            ids_match = vid == r["vendor_id"] and pid == r["product_id"]
            maker_match = (r["manufacturer"] != "" and maker == r["manufacturer"].lower()
                           and ("kvm" in maker or "tinypilot" in maker))
            if not (ids_match or maker_match):
                continue
            if ids_match and ((r["manufacturer"] != "" and maker == r["manufacturer"].lower())
                              or (r["product"] != "" and product == r["product"].lower())):
                strength = 30
            elif maker_match:
                strength = 25
            elif ids_match and vid != "1d6b":
                strength = 25
            else:
                strength = 12
            strongest[e["person_id"]] = max(strength, strongest.get(e["person_id"], 0))
    return list(strongest.items())


KOREAN_VALUE = re.compile(r"(?i)^(ko([_.-]|$)|korean)|2-?set ?korean|hangul|^0*412$")
KOREAN_NAME = re.compile(r"(?i)^(ko([_.-]|$)|korean)|2-?set ?korean|hangul")


def rule_ep_korean_locale(ds):
    hits = set()
    for e in ds.endpoint:
        if e["kind"] in ("locale", "keyboard_layout") and (
                KOREAN_VALUE.search(e["value"] or "") or KOREAN_NAME.search(e["name"] or "")):
            hits.add(e["person_id"])
    return [(pid, None) for pid in hits]


def rule_ep_raspberry_pi_or_sbc(ds):
    hits = set()
    for e in ds.endpoint:
        if e["kind"] != "usb":
            continue
        vid, pid, maker, _ = usb_fields(e)
        for r in ds.ref_usb:
            if r["kind"] == "single_board_computer" and (
                    (vid == r["vendor_id"] and pid == r["product_id"] and vid != "1d6b")
                    or (vid == "2e8a" and r["vendor_id"] == "2e8a")
                    or ("raspberry pi" in maker and r["vendor_id"] == "2e8a")):
                hits.add(e["person_id"])
    return [(pid, None) for pid in hits]


IT_ROLES = re.compile(r"(?i)\b(it support|help ?desk|service ?desk|desktop support|"
                      r"systems? administrator|sysadmin|it operations|it technician|"
                      r"site reliability)\b")


def rule_ep_rmm_installed(ds):
    families = defaultdict(set)
    for e in ds.endpoint:
        if e["kind"] not in ("process", "software"):
            continue
        names = [re.sub(r"^.*[/\\]", "", e["path"] or "").lower()]
        if e["name"] is not None:
            names.append(e["name"].lower())
        for name in names:
            if name in ds.ref_tools:
                families[e["person_id"]].add(ds.ref_tools[name])
    return [(pid, min(7 + 8 * len(fams), 28)) for pid, fams in families.items()
            if not IT_ROLES.search(ds.people[pid]["role"] or "")]


def rule_exf_repo_to_personal(ds):
    sensitive = defaultdict(list)
    external = defaultdict(list)
    for a in ds.access:
        if (a["action"] in ("read", "clone", "download")
                and a["sensitivity"] in ("source_code", "customer_data", "export_controlled")):
            sensitive[a["person_id"]].append(a["at"])
        if a["action"] in ("push_external", "share_external"):
            external[a["person_id"]].append(a["at"])
    hits = set()
    for pid, pushes in external.items():
        for x in pushes:
            if any(a <= x <= a + 7 * DAY_US for a in sensitive.get(pid, [])):
                hits.add(pid)
    return [(pid, None) for pid in hits]


def domains_used(ds):
    """(person_id, registrable domain) of emails, websites and prior employers."""
    for c in ds.contact_keys:
        if c["kind"] in ("email", "website"):
            yield c["person_id"], rf_domain(c["value"])
    for w in ds.work_history:
        if w["employer_domain"] is not None:
            yield w["person_id"], rf_domain(w["employer_domain"])


def rule_front_seized_domain(ds):
    hits = {pid for pid, domain in domains_used(ds) if domain in ds.ref_front_domains}
    return [(pid, None) for pid in hits]


def signal_rule(ds, signals):
    hits = {s["person_id"] for s in ds.interview_signals if s["signal"] in signals}
    return [(pid, None) for pid in hits]


def rule_id_doc_face_liveness_fail(ds):
    return signal_rule(ds, {"refused_id_on_camera"})


def rule_int_deepfake_voice_changer(ds):
    return signal_rule(ds, {"voice_changer"})


def rule_int_drug_test_inperson_avoid(ds):
    return signal_rule(ds, {"refused_in_person", "refused_drug_test"})


def rule_int_language_test_fail(ds):
    return signal_rule(ds, {"language_test_fail"})


def rule_int_location_smalltalk_fail(ds):
    return signal_rule(ds, {"location_smalltalk_fail"})


def rule_int_stand_in_interviewee(ds):
    return signal_rule(ds, {"different_person", "face_mismatch"})


def rule_int_virtual_background(ds):
    return signal_rule(ds, {"virtual_background"})


def rule_int_cheating_signs(ds):
    seen = defaultdict(set)
    for s in ds.interview_signals:
        if s["signal"] in ("reading_answers", "long_pauses", "stalling", "paste_burst",
                           "ai_assisted"):
            seen[s["person_id"]].add(s["signal"])
    return [(pid, min(6 + 3 * len(signals), 15)) for pid, signals in seen.items()]


def rule_int_camera_avoidance(ds):
    avoided = defaultdict(int)
    for i in ds.interviews:
        if i["kind"] is None or i["kind"] in ("video", "coding_test"):
            if (i["camera"] in ("off", "refused", "broken")
                    or "camera_excuse" in (i["signals"] or "")):
                avoided[i["person_id"]] += 1
    return [(pid, min(10 + 5 * n, 25)) for pid, n in avoided.items() if n >= 2]


def rule_onb_addr_change_freq(ds):
    return [(pid, None) for (pid, grp), n in ds.change_windows.items()
            if grp == "address" and n >= 3]


def rule_onb_bank_change_freq(ds):
    return [(pid, None) for (pid, grp), n in ds.change_windows.items()
            if grp == "payout" and n >= 3]


def rule_onb_payee_name_mismatch(ds):
    hits = set()
    for pay in ds.payouts:
        holder = pay["account_holder"]
        if holder is None:
            continue
        person = ds.people[pay["person_id"]]
        if names_match(holder, person["full_name"]):
            continue
        if person["vendor"] is not None:
            # Pay to the person's own staffing vendor is normal. (In SQL a NULL name key
            # makes the comparison NULL, which excludes the row too.)
            holder_key, vendor_key = name_key_or_none(holder), name_key_or_none(person["vendor"])
            if holder_key is None or vendor_key is None or holder_key == vendor_key:
                continue
        hits.add(pay["person_id"])
    return [(pid, None) for pid in hits]


def rule_onb_pay_platform_or_crypto(ds):
    asks = []  # (person_id, how)
    for pay in ds.payouts:
        if pay["method"] in ("crypto", "payment_platform"):
            asks.append((pay["person_id"], pay["method"]))
    for c in ds.changes:
        new = (c["new_value"] or "").strip().lower()
        if c["field"] == "payout_method" and new in ("crypto", "payment_platform"):
            asks.append((c["person_id"], new))
    for c in ds.contact_keys:
        if c["kind"] == "crypto_address":
            asks.append((c["person_id"], "crypto"))
    hows = defaultdict(set)
    for pid, how in asks:
        if how == "crypto" or (ds.people[pid]["employment_type"] or "") != "freelancer":
            hows[pid].add(how)
    return [(pid, 18 if "crypto" in h else 10) for pid, h in hows.items()]


def rule_onb_shared_ship_addr(ds):
    ship = []  # (person_id, address key)
    for c in ds.contact_keys:
        if c["kind"] == "shipping_address" and c["key"] is not None:
            ship.append((c["person_id"], c["key"]))
    for s in ds.shipments:
        if s["address"] is not None:
            ship.append((s["person_id"], address_key(s["address"])))
    own_home = {(c["person_id"], c["key"]) for c in ds.contact_keys
                if c["kind"] == "address" and c["key"] is not None}
    receivers = defaultdict(set)  # address key -> people who receive equipment there
    for pid, key in ship:
        if key is not None:
            receivers[key].add(pid)
    # Four or more receivers at one address is more than a household, even if each calls
    # it home.
    elsewhere = {(pid, key) for pid, key in ship
                 if key is not None and ((pid, key) not in own_home or len(receivers[key]) >= 4)}
    evidence = []
    for pid, key in elsewhere:
        others = [o for o in receivers[key] if o != pid and (pid, o) not in ds.households]
        if others:
            evidence.append((pid, min(20 + 5 * len(others), 40)))
    return evidence


def rule_onb_shell_staffing_co(ds):
    vendor_key = {pid: name_key_or_none(p["vendor"]) for pid, p in ds.people.items()
                  if p["vendor"] is not None and p["vendor"].strip() != ""}
    front_vendors = {vendor_key[pid] for pid, domain in domains_used(ds)
                     if pid in vendor_key and domain in ds.ref_front_domains}
    front_vendors.discard(None)
    return [(pid, None) for pid, vk in vendor_key.items() if vk in front_vendors]


def rule_onb_ship_addr_changed(ds):
    changes_by_person = defaultdict(list)
    for c in ds.changes:
        if c["field"] in ("shipping_address", "address"):
            new_key = address_key(c["new_value"]) if c["new_value"] is not None else None
            changes_by_person[c["person_id"]].append((c["at"], c["field"], new_key))
    weights = {}
    for s in ds.shipments:
        if s["at"] is None or s["address"] is None or s["person_id"] not in changes_by_person:
            continue
        ship_key = address_key(s["address"])
        for at, field, new_key in changes_by_person[s["person_id"]]:
            if (at <= s["at"] and s["at"] - at <= 14 * DAY_US
                    and new_key is not None and new_key == ship_key):
                weight = 15 if field == "shipping_address" else 8
                weights[s["person_id"]] = max(weight, weights.get(s["person_id"], 0))
    return list(weights.items())


def vendors_excuse(ds, a, b):
    """PAY_ACCOUNT_SHARED_MANY's vendor clause: staff of one vendor (same name key) are not
    counted against each other; a person without a vendor is never excused."""
    key_a = name_key_or_none(ds.people[a]["vendor"])
    key_b = name_key_or_none(ds.people[b]["vendor"])
    return key_a is not None and key_a == key_b


def rule_pay_account_shared_many(ds):
    holders = set()  # (person_id, account key)
    for c in ds.contact_keys:
        if c["kind"] in ("bank_account", "payout_account", "crypto_address") and c["key"]:
            holders.add((c["person_id"], c["key"]))
    for pay in ds.payouts:
        if pay["account"] is not None:
            key = account_key(pay["account"])
            if key is not None:
                holders.add((pay["person_id"], key))
    by_account = defaultdict(set)
    for pid, key in holders:
        by_account[key].add(pid)
    evidence = []
    for pid, key in holders:
        others = [o for o in by_account[key]
                  if o != pid and (pid, o) not in ds.households
                  and not vendors_excuse(ds, pid, o)]
        if others:
            evidence.append((pid, min(22 + 4 * len(others), 40)))
    return evidence


def rule_plt_contact_reuse(ds):
    givers = defaultdict(set)  # (kind, key) -> people
    for c in ds.contact_keys:
        if c["kind"] in ("phone", "email") and c["key"] is not None:
            givers[(c["kind"], c["key"])].add(c["person_id"])
    hits = set()
    for people in givers.values():
        if not 2 <= len(people) <= 50:
            continue
        for a in people:
            for b in people:
                if (a != b and (a, b) not in ds.households
                        and not names_match(ds.people[a]["full_name"],
                                            ds.people[b]["full_name"])):
                    hits.add(a)
    return [(pid, None) for pid in hits]


def rule_ref_referral_chain(ds, prior_levels):
    evidence = []
    for r in ds.referrals:
        for person, other in ((r["referee_id"], r["referrer_id"]),
                              (r["referrer_id"], r["referee_id"])):
            level = prior_levels[other]
            if level in ("medium", "high", "critical") and person != other:
                evidence.append((person, 15 if level in ("high", "critical") else 10))
    return evidence


# id, category, default weight, function: the header of each rule file.
RULES = [
    ("BEH_MULTIPLE_JOBS", "identity", 35, rule_beh_multiple_jobs),
    ("EP_DAY_ONE_MALWARE", "device", 30, rule_ep_day_one_malware),
    ("EP_IPKVM_DEVICE", "device", 30, rule_ep_ipkvm_device),
    ("EP_KOREAN_LOCALE", "locale", 5, rule_ep_korean_locale),
    ("EP_RASPBERRY_PI_OR_SBC", "device", 12, rule_ep_raspberry_pi_or_sbc),
    ("EP_RMM_INSTALLED", "device", 15, rule_ep_rmm_installed),
    ("EXF_REPO_TO_PERSONAL", "access", 30, rule_exf_repo_to_personal),
    ("FRONT_SEIZED_DOMAIN", "hiring", 35, rule_front_seized_domain),
    ("ID_DOC_FACE_LIVENESS_FAIL", "interview", 20, rule_id_doc_face_liveness_fail),
    ("INT_CAMERA_AVOIDANCE", "interview", 15, rule_int_camera_avoidance),
    ("INT_CHEATING_SIGNS", "interview", 8, rule_int_cheating_signs),
    ("INT_DEEPFAKE_VOICE_CHANGER", "interview", 20, rule_int_deepfake_voice_changer),
    ("INT_DRUG_TEST_INPERSON_AVOID", "interview", 10, rule_int_drug_test_inperson_avoid),
    ("INT_LANGUAGE_TEST_FAIL", "locale", 5, rule_int_language_test_fail),
    ("INT_LOCATION_SMALLTALK_FAIL", "interview", 10, rule_int_location_smalltalk_fail),
    ("INT_STAND_IN_INTERVIEWEE", "interview", 25, rule_int_stand_in_interviewee),
    ("INT_VIRTUAL_BACKGROUND", "interview", 4, rule_int_virtual_background),
    ("ONB_ADDR_CHANGE_FREQ", "address", 10, rule_onb_addr_change_freq),
    ("ONB_BANK_CHANGE_FREQ", "payment", 15, rule_onb_bank_change_freq),
    ("ONB_PAYEE_NAME_MISMATCH", "payment", 18, rule_onb_payee_name_mismatch),
    ("ONB_PAY_PLATFORM_OR_CRYPTO", "payment", 15, rule_onb_pay_platform_or_crypto),
    ("ONB_SHARED_SHIP_ADDR", "address", 30, rule_onb_shared_ship_addr),
    ("ONB_SHELL_STAFFING_CO", "payment", 25, rule_onb_shell_staffing_co),
    ("ONB_SHIP_ADDR_CHANGED", "address", 15, rule_onb_ship_addr_changed),
    ("PAY_ACCOUNT_SHARED_MANY", "payment", 30, rule_pay_account_shared_many),
    ("PLT_CONTACT_REUSE", "identity", 25, rule_plt_contact_reuse),
]
PHASE_2_RULE = ("REF_REFERRAL_CHAIN", "hiring", 15)  # reads the first scoring pass


# ---------------------------------------------------------------------------------------
# Reference lists and scoring
# ---------------------------------------------------------------------------------------

def read_reference(name):
    """A crates/reference/data CSV: '#' lines are comments, cells are trimmed."""
    with open(os.path.join(REFERENCE_DIR, name), encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    reader = csv.reader(lines)
    header = [h.strip() for h in next(reader)]
    return [dict(zip(header, (v.strip() for v in row))) for row in reader if row]


def load_reference(ds):
    ds.ref_front_domains = {r["domain"].lower() for r in read_reference("front_domains.csv")}
    ds.ref_tools = {}  # process name -> family
    for r in read_reference("remote_access_tools.csv"):
        for name in r["process_names"].split(";"):
            if name.strip():
                ds.ref_tools[name.strip().lower()] = r["family"]
    ds.ref_usb = read_reference("usb_identities.csv")
    for r in ds.ref_usb:
        r["vendor_id"], r["product_id"] = r["vendor_id"].lower(), r["product_id"].lower()


def load_scoring():
    with open(SCORING_TOML, "rb") as f:
        config = tomllib.load(f)
    config["independence"]["corroborating_only"] = (
        set(config["independence"]["corroborating_only"]) | {"locale"})
    return config


def round_half_away(x):
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def score(evidence, config):
    """(score 0-100, level) of a list of (category, weight) hits (crates/scoring)."""
    per_category = defaultdict(float)
    for category, weight in evidence:
        if weight > 0:
            per_category[category] += weight
    total = sum(min(points, config["caps"].get(category, 100.0))
                for category, points in per_category.items())
    points = round_half_away(min(max(total, 0.0), 100.0))
    level = "none"
    for name in ("low", "medium", "high", "critical"):
        if points >= config["levels"][name]:
            level = name
    rank = LEVELS.index(level)
    independence = config["independence"]
    independent = sum(1 for c in per_category if c not in independence["corroborating_only"])
    if independent == 0:
        rank = min(rank, LEVELS.index("low"))
    if independent < independence["high_min_categories"]:
        rank = min(rank, LEVELS.index("medium"))
    if independent < independence["critical_min_categories"]:
        rank = min(rank, LEVELS.index("high"))
    return points, LEVELS[rank]


def score_everyone(ds, hits, config):
    """{person_id: (score, level)} from hits = {person_id: [(indicator, category, weight)]}."""
    return {pid: score([(cat, w) for _, cat, w in hits.get(pid, [])], config)
            for pid in ds.people}


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------

def screen(data_dir, all_tables=False):
    ds = Dataset(data_dir)
    if all_tables:
        ds.read_unused_tables()
    load_reference(ds)
    config = load_scoring()
    ds.contact_keys = build_contact_keys(ds)
    ds.households = build_households(ds)
    ds.interview_signals = build_interview_signals(ds)
    ds.change_windows = build_change_windows(ds)

    hits = defaultdict(list)  # person_id -> [(indicator, category, weight)]
    for indicator, category, default_weight, rule in RULES:
        for pid, weight in rule(ds):
            hits[pid].append((indicator, category, default_weight if weight is None else weight))
    first_pass = score_everyone(ds, hits, config)

    indicator, category, default_weight = PHASE_2_RULE
    prior_levels = {pid: level for pid, (_, level) in first_pass.items()}
    for pid, weight in rule_ref_referral_chain(ds, prior_levels):
        hits[pid].append((indicator, category, default_weight if weight is None else weight))
    final = score_everyone(ds, hits, config)

    results = []
    for pid in ds.people:
        points, level = final[pid]
        evidence = sorted(hits.get(pid, []), key=lambda h: (-h[2], h[0]))
        results.append({
            "person_id": pid,
            "score": points,
            "level": level,
            "indicators": sorted({h[0] for h in evidence}),
            "evidence": [{"indicator": i, "weight": w} for i, _, w in evidence],
        })
    results.sort(key=lambda r: (-r["score"], -LEVELS.index(r["level"]), r["person_id"]))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir")
    parser.add_argument("--json", metavar="OUT", help="write per-person results here")
    parser.add_argument("--all-tables", action="store_true",
                        help="also read and parse the tables no rule uses, like redflag")
    args = parser.parse_args()
    try:
        results = screen(args.data_dir, args.all_tables)
    except (DatasetError, ValueError) as e:
        print(f"baseline: {e}", file=sys.stderr)
        return 1
    except KeyError as e:
        print(f"baseline: a table lacks the required column {e}", file=sys.stderr)
        return 1
    counts = {level: 0 for level in LEVELS}
    for r in results:
        counts[r["level"]] += 1
    print(f"{len(results)} people: " + ", ".join(f"{counts[l]} {l}" for l in LEVELS))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"people": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
