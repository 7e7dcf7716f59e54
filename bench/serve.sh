#!/usr/bin/env bash
# Issue #7: the analyst service on a simulated workforce. Ingests every table over the API
# (time per batch), waits for the background screening, then screens one candidate five
# times in fast mode and five in full mode and prints the server's own `took_ms` for each.
#
#   bench/serve.sh [PEOPLE]        default: 2000
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
people="${1:-2000}"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
export REDFLAG_DATA_DIR="$work/data"
cargo build --release -q -p redflag-cli
bin="$CARGO_TARGET_DIR/release/redflag"
"$bin" simulate --out "$work/ds" --people "$people" --seed 7 >/dev/null 2>&1
key=$("$bin" keys create --name bench --role admin --db "$work/r.db" 2>/dev/null)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --db "$work/r.db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
base="http://127.0.0.1:$port"
until curl -sf "$base/v1/health" >/dev/null; do sleep 0.5; done
post() {
  curl -s -o /dev/null -w "ingest %-13s HTTP %{http_code} %{time_total} s\n" -X POST \
    -H "Authorization: Bearer $key" -H "Content-Type: text/csv" \
    --data-binary @"$work/ds/$1.csv" "$base/v1/tables/$1" | sed "s/%-13s/$1/"
}
post people; post contacts
for f in "$work"/ds/*.csv; do
  t=$(basename "$f" .csv)
  [ "$t" = people ] || [ "$t" = contacts ] || post "$t"
done
# The background screening has finished when every person has a result.
until [ "$(curl -s -H "Authorization: Bearer $key" "$base/v1/people?min_level=none&limit=1000&offset=$((people - 1))" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ]; do
  sleep 1
done
candidate='{"person": {"person_id": "A-1", "full_name": "Dee Vance", "claimed_country": "US"},
  "rows": {"contacts": [{"kind": "email", "value": "dee.vance@silverstarchina.com"}]}}'
for mode in fast full; do
  for i in 1 2 3 4 5; do
    curl -s -X POST -H "Authorization: Bearer $key" -H "Content-Type: application/json" \
      -d "$candidate" "$base/v1/screen?mode=$mode" |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print("screen candidate (" + d["mode"] + "):", d["took_ms"], "ms,", d["level"], [e["indicator"] for e in d["evidence"]])'
  done
done
