#!/usr/bin/env bash
# Lookalike-domain detection on public data (issue #6): seized-domain recall on
# shared/data/reference/seized_and_front_company_domains.csv, and false positives on the
# Cisco Umbrella top 1,000 and the Tranco top 10,000 checked against each other.
#
# The top lists come from the PyPI package `pymispwarninglists` (MISP warning lists) and the
# Public Suffix List from `publicsuffixlist`, fetched with pip into
# ~/.cache/redflag-test-packages on the first run (REDFLAG_TEST_PACKAGES overrides the folder).
# Prints every flagged pair and the per-family counts.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/redflag-target}"
out=$(mktemp)
cargo test -q -p redflag-domains --test toplists --test seized_and_families -- --nocapture --test-threads 1 2>&1 | tee "$out"
echo
echo "families of the flagged pairs (one domain can resemble several):"
grep -E '^  \S+ ~ ' "$out" | grep -oE '\((addition|bitsquatting|dictionary|homoglyph|hyphenation|insertion|omission|repetition|replacement|subdomain|tld-swap|transposition|vowel-swap):' | sort | uniq -c | sort -rn
rm -f "$out"
