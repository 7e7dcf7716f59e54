#!/usr/bin/env bash
# Identity matching on DupeHell "kyc" (medium difficulty, seed 7): redflag-linking and
# Splink 5 on the same files, in the same run, on the same machine.
#
#   bench/dupehell.sh            # about 100k and 1M people
#   SIZES=200000 bench/dupehell.sh
#
# SIZES are DupeHell base sizes for the whole kyc domain; about half the records are natural
# persons (200000 → 102,403 people, 2000000 → 1,024,003). Installs dupehell, splink and
# pandas into a venv ($ER_VENV, default /tmp/redflag-er-venv; first run only), generates the
# data into $ER_DATA (default /tmp/redflag-dupehell), then runs each system under
# /usr/bin/time and prints its JSON line with the peak RSS added. docs/benchmarks.md records
# the results. Threads: both systems use every core (2 on the reference machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
venv="${ER_VENV:-/tmp/redflag-er-venv}"
data="${ER_DATA:-/tmp/redflag-dupehell}"
sizes="${SIZES:-200000 2000000}"
seed="${SEED:-7}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import dupehell, splink' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q dupehell==0.5.5 splink==5.0.0 pandas psutil >&2
fi
cargo build --release -q -p redflag-linking --example dupehell
linker="$CARGO_TARGET_DIR/release/examples/dupehell"

# Runs a command under /usr/bin/time; prints its last line (JSON) with peak_rss_mb added.
measure() {
  local out log
  out=$(mktemp) log=$(mktemp)
  /usr/bin/time -v -o "$log" "$@" >"$out"
  local rss_kb
  rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
  grep -v '^{' "$out" >&2 || true
  tail -n 1 "$out" | sed "s/}\$/,\"peak_rss_mb\":$((rss_kb / 1024))}/"
  rm -f "$out" "$log"
}

for size in $sizes; do
  csv=$("$venv/bin/python" bench/dupehell_gen.py "$data" "$size" "$seed")
  truth="${csv%.csv}_truth.csv"
  echo "== DupeHell kyc size $size seed $seed: $(($(wc -l <"$csv") - 1)) people" >&2
  measure "$linker" "$csv" "$truth"
  measure "$venv/bin/python" bench/dupehell_splink.py "$csv" "$truth"
done
