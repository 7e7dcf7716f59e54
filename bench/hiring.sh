#!/usr/bin/env bash
# Issue #6's benchmark: what screening applicants' résumés and messages adds to
# `redflag screen`.
#
#   bench/hiring.sh [PEOPLE]            default: 280000 (about 100,000 with a résumé)
#
# Simulates PEOPLE people once (seed 1, 5 sign-ins and 5 activity events each, so that the
# telemetry does not dominate) into $BENCH_DIR/hiring-PEOPLE (default /tmp/redflag-bench),
# then times `redflag screen --format json` under GNU time on the dataset and on a copy
# without `resumes/` and `messages.csv` (the other files linked, not copied), alternating,
# $RUNS times each (default 3). Prints the résumé and message counts, each configuration's
# fastest and median wall time and peak memory, the differences (also pair by pair), and
# the hiring engines' own stage times (résumé near-duplicates, anachronisms, messages,
# domains) from the last report.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
people="${1:-280000}"
dir="${BENCH_DIR:-/tmp/redflag-bench}"
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
cargo build --release -q -p redflag-cli
bin="$CARGO_TARGET_DIR/release/redflag"
data="$dir/hiring-$people"
without="$dir/hiring-$people-without"
if [ ! -f "$data/people.csv" ]; then
  rm -rf "$data"
  "$bin" simulate --out "$data" --people "$people" --seed 1 --signins 5 --activity 5 >&2
fi
rm -rf "$without"
mkdir -p "$without"
for f in "$data"/*; do
  case "$(basename "$f")" in resumes | messages.csv) ;; *) ln -s "$f" "$without/" ;; esac
done
resumes=$(find "$data/resumes" -type f | wc -l)
messages=$(($(wc -l <"$data/messages.csv") - 1))
runs="${RUNS:-3}"
run() { # label dataset: one timed screen; prints "wall rss_mb"
  /usr/bin/time -f "%e %M" -o "$dir/hiring-time-$1" "$bin" screen "$2" --format json \
    --out "$dir/hiring-report-$1.json" >&2
  read -r wall rss <"$dir/hiring-time-$1"
  echo "$wall $((rss / 1024))"
}
# The two configurations alternate, $runs times each, so that a change in the machine's
# state hits both alike; the table gives each one's fastest and median run.
: >"$dir/hiring-runs-with"
: >"$dir/hiring-runs-without"
for _ in $(seq "$runs"); do
  run with "$data" >>"$dir/hiring-runs-with"
  run without "$without" >>"$dir/hiring-runs-without"
done
stats() { # file: "min median max_rss"
  # The median of an even number of runs is the mean of the middle two.
  sort -n "$1" | awk '{w[NR]=$1; if ($2>r) r=$2}
    END {m = NR % 2 ? w[(NR+1)/2] : (w[NR/2] + w[NR/2+1]) / 2; print w[1], m, r}'
}
read -r min_with med_with rss_with < <(stats "$dir/hiring-runs-with")
read -r min_without med_without rss_without < <(stats "$dir/hiring-runs-without")
echo "people: $people, résumés: $resumes, messages: $messages, $runs runs each, alternating"
echo
echo "| dataset | fastest (s) | median (s) | peak RSS (MB) |"
echo "|---|---:|---:|---:|"
echo "| with résumés and messages | $min_with | $med_with | $rss_with |"
echo "| without them | $min_without | $med_without | $rss_without |"
echo "| **added** | **$(echo "$min_with - $min_without" | bc)** | **$(echo "$med_with - $med_without" | bc)** | |"
echo
# Each alternating pair's difference (run i with, run i without): the spread says how much
# one pair can be trusted on a busy machine.
echo "added per pair (s): $(paste -d' ' "$dir/hiring-runs-with" "$dir/hiring-runs-without" |
  awk '{printf "%s%.2f", (NR > 1 ? ", " : ""), $1 - $3}')"
python3 - "$dir/hiring-report-with.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
stages = {t["stage"]: t["seconds"] for t in report["summary"]["timings"]}
wanted = ["engine:resumes", "engine:profiles", "engine:messages", "engine:domains"]
print("hiring engines (s): " + ", ".join(f"{s.split(':')[1]} {stages.get(s, 0):.2f}" for s in wanted))
PY
