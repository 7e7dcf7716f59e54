#!/usr/bin/env bash
# Benchmark: `redflag screen` on simulated datasets of growing size.
#
#   bench/screen.sh [PEOPLE...]          default: 10000 30000 100000
#
# Builds the release binary, simulates each size once (seed 1, default event counts) into
# $BENCH_DIR (default /tmp/redflag-bench), then times `redflag screen --format json` with
# GNU time: wall seconds and peak resident memory. Prints one Markdown table row per size,
# ready for docs/benchmarks.md.
#
# SIM_ARGS is passed to `redflag simulate`, e.g. SIM_ARGS="--signins 15" for a smaller
# sign-in table; such datasets get their own folder (sim-N-signins-15).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 30000 100000)
dir="${BENCH_DIR:-/tmp/redflag-bench}"
mkdir -p "$dir"
cargo build --release -p redflag-cli >&2
bin="$CARGO_TARGET_DIR/release/redflag"
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
echo "| people | dataset size | rows | screen wall (s) | peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|"
suffix=$(echo "${SIM_ARGS:-}" | tr -s ' -' '-' | sed 's/^-*//; s/-*$//')
for n in "${sizes[@]}"; do
  name="sim-$n${suffix:+-$suffix}"
  data="$dir/$name"
  if [ ! -f "$data/people.csv" ]; then
    rm -rf "$data"
    # shellcheck disable=SC2086  # SIM_ARGS is a list of flags
    "$bin" simulate --people "$n" --seed 1 ${SIM_ARGS:-} --out "$data" 2>/dev/null
  fi
  size=$(du -sh "$data" | cut -f1)
  rows=$(cat "$data"/*.csv | wc -l)
  # Warm the page cache so the timing measures redflag, not the disk.
  cat "$data"/*.csv > /dev/null
  /usr/bin/time -f "%e %M" -o "$dir/time-$name" "$bin" screen "$data" --format json > "$dir/report-$name.json"
  read -r wall kb < "$dir/time-$name"
  echo "| $n | $size | $rows | $wall | $((kb / 1024)) |"
done
