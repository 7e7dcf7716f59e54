#!/usr/bin/env bash
# Benchmark baseline: bench/baseline.py (redflag's checks as a plain single-threaded Python
# script) on the same simulated datasets as bench/screen.sh.
#
#   bench/baseline.sh [PEOPLE...]        default: 10000 30000 100000
#
# Uses the datasets bench/screen.sh creates ($BENCH_DIR, default /tmp/redflag-bench, holds
# sim-N); a missing one is simulated the same way (seed 1) when the release binary exists,
# otherwise run bench/screen.sh first. Times `python3 bench/baseline.py` with GNU time (wall
# seconds and peak resident memory) and prints one Markdown table row per size, ready for
# docs/benchmarks.md. When screen.sh's report-sim-N.json is there, the agreement between the
# two (bench/compare_baseline.py) is summarised on stderr.
#
# BASELINE_ARGS is passed to baseline.py, e.g. BASELINE_ARGS=--all-tables to also read the
# tables no rule uses, as redflag's loader does.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 30000 100000)
dir="${BENCH_DIR:-/tmp/redflag-bench}"
bin="$CARGO_TARGET_DIR/release/redflag"
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "needs Python 3.11 or later (tomllib)" >&2; exit 1; }
echo "| people | baseline wall (s) | peak RSS (MB) |"
echo "|---:|---:|---:|"
for n in "${sizes[@]}"; do
  data="$dir/sim-$n"
  if [ ! -f "$data/people.csv" ]; then
    [ -x "$bin" ] || { echo "no $data and no $bin: run bench/screen.sh $n first" >&2; exit 1; }
    mkdir -p "$dir"
    rm -rf "$data"
    "$bin" simulate --people "$n" --seed 1 --out "$data" 2>/dev/null
  fi
  # Warm the page cache so the timing measures the script, not the disk.
  cat "$data"/*.csv > /dev/null
  # shellcheck disable=SC2086  # BASELINE_ARGS is a list of flags
  /usr/bin/time -f "%e %M" -o "$dir/baseline-time-$n" \
    python3 bench/baseline.py "$data" --json "$dir/baseline-$n.json" ${BASELINE_ARGS:-} >&2
  read -r wall kb < "$dir/baseline-time-$n"
  echo "| $n | $wall | $((kb / 1024)) |"
  if [ -f "$dir/report-sim-$n.json" ]; then
    python3 bench/compare_baseline.py "$dir/report-sim-$n.json" "$dir/baseline-$n.json" \
      | grep "people at the same level" | sed "s/^/sim-$n: baseline vs redflag: /" >&2 || true
  fi
done
