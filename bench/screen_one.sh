#!/usr/bin/env bash
# Issue #7: single-candidate screening under load. Simulates PEOPLE people, starts
# `redflag serve --dataset` (which screens them and builds the candidate index before it
# listens) with the OFAC SDN list of ../shared besides redflag's curated list, then from a
# second process (oha) sends POST /v1/screen at RATE requests/s for DURATION, cycling through
# eight candidates (sharing a phone, an email, a bank account or a shipping address with
# known people, a listed name with its date of birth, a listed crypto address, a lookalike
# domain, and a clean one), and then soaks at the same rate for SOAK, sampling the
# server's resident memory every 10 s.
#
#   bench/screen_one.sh [PEOPLE] [RATE] [DURATION] [SOAK]   default: 100000 2000 60s 600s
#
# Needs oha (`cargo install oha --locked`) and python3. Writes the oha summaries and the
# RSS samples to $OUT (default /tmp/screen_one), and removes the dataset and store at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
people="${1:-100000}"
rate="${2:-2000}"
duration="${3:-60s}"
soak="${4:-600s}"
out="${OUT:-/tmp/screen_one}"
oha="${OHA:-$(command -v oha || echo "$HOME/.cargo/bin/oha")}"
sdn="../shared/data/sanctions/ofac/sdn_2024-05-03"
mkdir -p "$out"
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export REDFLAG_DATA_DIR="$work/data"
cargo build --release -q -p redflag-cli
bin="$CARGO_TARGET_DIR/release/redflag"
echo "simulating $people people…"
/usr/bin/time -f "simulate: %e s" "$bin" simulate --out "$work/ds" --people "$people" --seed 7 >/dev/null
key=$("$bin" keys create --name bench --role analyst --db "$work/r.db" 2>/dev/null)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
lists=()
[ -d "$sdn" ] && lists=(--watchlists "$sdn")
started=$(date +%s)
"$bin" serve --dataset "$work/ds" --db "$work/r.db" --listen "127.0.0.1:$port" "${lists[@]}" \
  >"$out/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
until curl -sf "$base/v1/health" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$out/serve.log"; exit 1; }
  sleep 1
done
echo "serve: screened, indexed and listening after $(($(date +%s) - started)) s," \
  "RSS $(awk '/^VmRSS:/ {print $2}' "/proc/$server/status") kB"

# Eight candidates from the simulated data (values of known people) and the lists.
python3 - "$work/ds" "$work/c" <<'EOF'
import csv, json, os, sys
ds, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
given = {}
with open(os.path.join(ds, "contacts.csv"), newline="") as f:
    for row in csv.DictReader(f):
        given.setdefault(row["kind"], []).append(row["value"])
def known(kind, i):
    return given[kind][i % len(given[kind])]
def person(i, name, **extra):
    p = {"person_id": f"A-{i}", "full_name": name, "claimed_country": "US",
         "employment_type": "employee", "date_of_birth": "1990-05-17"}
    p.update(extra)
    return p
def contact(kind, value):
    return {"kind": kind, "value": value}
clean = [contact("email", "m.okafor@example.org"), contact("phone", "+1 415 555 0199"),
         contact("address", "48 Alder Ct, Salem, OR 97301")]
work = [{"employer": "Initech", "employer_domain": "initech.example", "title": "Developer",
         "start": "2019-02-01", "end": "2024-06-30"}]
candidates = [
    (person(1, "Morgan Okafor"), {"contacts": [contact("phone", known("phone", 1234))] + clean[2:], "work_history": work}),
    (person(2, "Morgan Okafor"), {"contacts": [contact("email", known("email", 4321))] + clean[1:], "work_history": work}),
    (person(3, "Morgan Okafor"), {"contacts": clean + [contact("bank_account", known("bank_account", 777))]}),
    (person(4, "Morgan Okafor"), {"contacts": clean + [contact("shipping_address", known("shipping_address", 99))]}),
    (person(5, "Kim Sang Man", date_of_birth="1965-04-25"), {"contacts": clean}),
    (person(6, "Morgan Okafor"), {"contacts": clean + [contact("crypto_address", "0x97b1043abd9e6fc31681635166d430a458d14f9c")]}),
    (person(7, "Morgan Okafor"), {"contacts": [contact("email", "morgan@kitrurn.com")] + clean[1:], "work_history": work}),
    (person(8, "Morgan Okafor"), {"contacts": clean, "work_history": work}),
]
with open(os.path.join(out, "bodies.jsonl"), "w") as f:
    for i, (p, rows) in enumerate(candidates, 1):
        body = json.dumps({"person": p, "rows": rows})
        f.write(body + "\n")
        with open(os.path.join(out, f"{i}.json"), "w") as one:
            one.write(body)
EOF
for i in 1 2 3 4 5 6 7 8; do
  curl -s -X POST -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
    --data-binary @"$work/c/$i.json" "$base/v1/screen" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print("candidate", d["person_id"], d["mode"], d["took_ms"], "ms", d["level"], [e["indicator"] for e in d["evidence"]])'
done

# One oha process at a fixed rate (latency corrected for coordinated omission), the eight
# bodies in turn.
load() { # NAME DURATION
  "$oha" -z "$2" -q "$rate" -c 64 --latency-correction --no-tui --output-format json \
    -m POST -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
    -Z "$work/c/bodies.jsonl" "$base/v1/screen" >"$out/$1.json"
  python3 - "$out/$1.json" "$1" <<'EOF'
import json, sys
r, name = json.load(open(sys.argv[1])), sys.argv[2]
codes = r["statusCodeDistribution"]
total = sum(codes.values())
errors = sum(r.get("errorDistribution", {}).values())
p = lambda q: r["latencyPercentiles"][q] * 1000
print(f"{name}: {total} answers ({codes}), {errors} errors, "
      f"{r['summary']['requestsPerSec']:.0f} req/s; latency p50 {p('p50'):.2f} ms, "
      f"p99 {p('p99'):.2f} ms, p99.9 {p('p99.9'):.2f} ms, max {r['summary']['slowest'] * 1000:.1f} ms")
EOF
}
load run "$duration"
: >"$out/rss.txt"
(
  start=$(date +%s)
  while kill -0 "$server" 2>/dev/null; do
    echo "$(($(date +%s) - start)) $(awk '/^VmRSS:/ {print $2}' "/proc/$server/status")" >>"$out/rss.txt"
    sleep 10
  done
) &
sampler=$!
load soak "$soak"
kill "$sampler" 2>/dev/null || true
echo "soak RSS (s kB): first $(head -1 "$out/rss.txt"), last $(tail -1 "$out/rss.txt"), peak $(sort -k2 -n "$out/rss.txt" | tail -1)"
