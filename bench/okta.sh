#!/usr/bin/env bash
# Issue #5's benchmark: Okta System Log NDJSON in the full LogEvent shape (about 2.6 KB an
# event), read, enriched and run through the sign-in rules by redflag and by DuckDB, beside
# `cat` reading the same file, in the same run, on the same machine.
#
#   bench/okta.sh [EVENTS...]            default: 10000000
#
# For each size: builds the release binary and the `okta_gen` example, generates the data
# once into $OKTA_DIR (default /tmp/okta-10m for 10M events, /tmp/okta-1m for 1M, else
# /tmp/okta-N; OKTA_DIR only applies with a single size), then runs, each under
# `/usr/bin/time -v` (wall time and peak RSS):
#   1. `cat okta.ndjson > /dev/null` cold (page cache dropped, when
#      /proc/sys/vm/drop_caches is writable) and warm (right after another cat);
#   2. `redflag screen DIR --format json` with an empty --intel-dir, so that sign-in
#      addresses are judged by the log's own fields and the built-in hosting table only,
#      like the DuckDB side (skip with SKIP_REDFLAG=1); stopped if it passes
#      $REDFLAG_MAX_RSS_MB resident (default 16000);
#   3. bench/okta_duckdb.py DIR (DuckDB from PyPI, 2 threads) in a venv ($OKTA_VENV,
#      default /tmp/redflag-okta-venv, created on first use).
# Then bench/okta_compare.py prints the Markdown table: wall, peak RSS, MB/s, and people
# flagged per rule by each system with their agreement. Results stay in $OKTA_OUT (default
# /tmp/redflag-okta-bench/N).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000000)
venv="${OKTA_VENV:-/tmp/redflag-okta-venv}"
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q duckdb==2.0.0 >&2
fi
# One build of both packages with their examples: building the CLI alone resolves other
# dependency features and recompiles DataFusion.
cargo build --release -q -p redflag-cli -p redflag-ingest --bins --examples
bin="$CARGO_TARGET_DIR/release/redflag"
gen="$CARGO_TARGET_DIR/release/examples/okta_gen"

# A short name for an event count: 10000000 → 10m, 1000000 → 1m, 100000 → 100k.
label() {
  local n=$1
  if [ $((n % 1000000)) -eq 0 ]; then echo "$((n / 1000000))m"
  elif [ $((n % 1000)) -eq 0 ]; then echo "$((n / 1000))k"
  else echo "$n"; fi
}

# Runs a command under /usr/bin/time -v, standard output to $2; keeps the time log in $1.
measure() {
  local log=$1 out=$2
  shift 2
  /usr/bin/time -v -o "$log" "$@" >"$out"
}

# Like measure, but stops the command (and says so in $1.killed) once its resident memory
# passes $REDFLAG_MAX_RSS_MB (default 16000): the machine is shared, and an out-of-memory
# kill could hit someone else's process instead.
measure_capped() {
  local log=$1 out=$2 cap_kb=$((${REDFLAG_MAX_RSS_MB:-16000} * 1024))
  shift 2
  rm -f "$log.killed"
  /usr/bin/time -v -o "$log" "$@" >"$out" &
  local timer=$! child="" rss
  while kill -0 "$timer" 2>/dev/null; do
    [ -n "$child" ] || child=$(pgrep -P "$timer" | head -n 1 || true)
    if [ -n "$child" ]; then
      rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$child/status" 2>/dev/null || echo 0)
      if [ "${rss:-0}" -gt "$cap_kb" ]; then
        echo "stopped at ${rss} kB resident (cap ${cap_kb} kB)" >"$log.killed"
        kill "$child" 2>/dev/null || true
      fi
    fi
    sleep 1
  done
  wait "$timer"
}

# Empties the page cache when allowed; prints whether it did.
drop_caches() {
  if sync && { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then echo yes; else echo no; fi
}

for n in "${sizes[@]}"; do
  if [ ${#sizes[@]} -eq 1 ] && [ -n "${OKTA_DIR:-}" ]; then
    data="$OKTA_DIR"
  else
    data="/tmp/okta-$(label "$n")"
  fi
  results="${OKTA_OUT:-/tmp/redflag-okta-bench}/$(label "$n")"
  mkdir -p "$results"
  if [ ! -f "$data/.okta_gen-$n" ]; then
    rm -rf "$data"
    echo "== generating $n events into $data" >&2
    /usr/bin/time -f "%e s, %M KB" "$gen" "$n" "$data"
    touch "$data/.okta_gen-$n"
  fi
  echo "== $n events: $(du -h "$data/okta.ndjson" | cut -f1) in $data" >&2
  echo "$(drop_caches)" >"$results/cat-cold.dropped"
  measure "$results/cat-cold.time" /dev/null cat "$data/okta.ndjson"
  cat "$data/okta.ndjson" >/dev/null
  measure "$results/cat-warm.time" /dev/null cat "$data/okta.ndjson"
  if [ "${SKIP_REDFLAG:-0}" != 1 ]; then
    intel=$(mktemp -d)
    cat "$data/okta.ndjson" >/dev/null
    echo "== redflag screen" >&2
    measure_capped "$results/redflag.time" /dev/null \
      "$bin" screen "$data" --format json --out "$results/redflag.json" --intel-dir "$intel" || true
    rmdir "$intel"
  else
    rm -f "$results/redflag.time" "$results/redflag.json"
  fi
  cat "$data/okta.ndjson" >/dev/null
  echo "== DuckDB" >&2
  OKTA_DUCKDB_PEOPLE="$results/duckdb-people" \
    measure "$results/duckdb.time" "$results/duckdb.json" "$venv/bin/python" bench/okta_duckdb.py "$data"
  "$venv/bin/python" bench/okta_compare.py "$results" "$data"
done
