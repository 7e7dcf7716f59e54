#!/usr/bin/env bash
# Runs a command and samples its resident memory every half second, to see which stage of a
# run holds the memory (peak RSS alone does not say when).
#
#   bench/rss_sample.sh OUT COMMAND [ARGS...]
#
# OUT gets one line per sample: seconds since the start, resident kB. For example:
#   bench/rss_sample.sh /tmp/rss.txt target/release/redflag screen /tmp/okta-10m --format json --out /tmp/r.json
#   sort -k2 -n /tmp/rss.txt | tail -1     # when the peak was, and how high
set -euo pipefail
out=$1
shift
"$@" &
pid=$!
start=$(date +%s.%N)
: >"$out"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  now=$(date +%s.%N)
  awk -v a="$now" -v b="$start" -v r="${rss:-0}" 'BEGIN { printf "%.1f %d\n", a - b, r }' >>"$out"
  sleep 0.5
done
wait "$pid"
