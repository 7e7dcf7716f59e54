#!/usr/bin/env bash
# Name matching against nomenklatura's logic-v2 on the same 826 labelled pairs, same run:
#
#   bench/name_bench.sh
#
# Builds and runs redflag-names' name_bench_speed example (release), installs nomenklatura
# from PyPI into a venv ($NK_VENV, default /tmp/redflag-nk-venv; first run only) and runs
# bench/name_bench_logicv2.py. Prints both lines; docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
venv="${NK_VENV:-/tmp/redflag-nk-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import nomenklatura' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q nomenklatura >&2
fi
cargo run --release -q -p redflag-names --example name_bench_speed
"$venv/bin/python" bench/name_bench_logicv2.py
