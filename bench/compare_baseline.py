#!/usr/bin/env python3
"""Compares a redflag JSON report with bench/baseline.py's output on the same dataset.

    python3 bench/compare_baseline.py REPORT.json BASELINE.json [--show N]

REPORT.json comes from `redflag screen DATA --format json`, BASELINE.json from
`python3 bench/baseline.py DATA --json BASELINE.json`. For every indicator it counts the
people flagged by both, by redflag only and by the baseline only, and whether the evidence
(number of hits and their weights) agrees; then it compares scores and levels person by
person. Exits 1 when anything differs, listing up to N example people per difference.
"""

import argparse
import json
import os
import sys
from collections import Counter, defaultdict

LEVELS = ["none", "low", "medium", "high", "critical"]
RULES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "crates", "rules", "rules")


def load(path):
    """{person_id: (score, level, {indicator: sorted weights})} from either file."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    people = {}
    for p in doc["people"]:
        weights = defaultdict(list)
        for e in p.get("evidence", []):
            weights[e["indicator"]].append(float(e["weight"]))
        for indicator in p.get("indicators", []):
            weights.setdefault(indicator, [])
        people[p["person_id"]] = (p["score"], p["level"],
                                  {i: sorted(w) for i, w in weights.items()})
    return people


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report")
    parser.add_argument("baseline")
    parser.add_argument("--show", type=int, default=5, help="example people per difference")
    args = parser.parse_args()
    redflag, baseline = load(args.report), load(args.baseline)
    differences = 0

    only_people = sorted(set(redflag) ^ set(baseline))
    if only_people:
        differences += len(only_people)
        print(f"{len(only_people)} people are in only one file, e.g. {only_people[:args.show]}")
    people = sorted(set(redflag) & set(baseline))

    # Every built-in rule, so that one that fires for nobody shows as 0 / 0 / 0.
    indicators = {f[:-len(".sql")] for f in os.listdir(RULES_DIR) if f.endswith(".sql")}
    indicators |= {i for p in people for src in (redflag, baseline) for i in src[p][2]}
    indicators = sorted(indicators)
    print(f"{len(people)} people in both files\n")
    print("| indicator | both | redflag only | baseline only | weights differ |")
    print("|---|---:|---:|---:|---:|")
    examples = []
    for indicator in indicators:
        both, only_r, only_b, weights_differ = [], [], [], []
        for pid in people:
            in_r, in_b = indicator in redflag[pid][2], indicator in baseline[pid][2]
            if in_r and in_b:
                both.append(pid)
                if redflag[pid][2][indicator] != baseline[pid][2][indicator]:
                    weights_differ.append(pid)
            elif in_r:
                only_r.append(pid)
            elif in_b:
                only_b.append(pid)
        print(f"| {indicator} | {len(both)} | {len(only_r)} | {len(only_b)} "
              f"| {len(weights_differ)} |")
        for what, pids in (("redflag only", only_r), ("baseline only", only_b),
                           ("weights differ", weights_differ)):
            if pids:
                differences += len(pids)
                shown = ", ".join(
                    f"{pid} (redflag {redflag[pid][2].get(indicator)}, "
                    f"baseline {baseline[pid][2].get(indicator)})" for pid in pids[:args.show])
                examples.append(f"{indicator} {what}: {shown}")

    print("\nLevels (rows: redflag, columns: baseline)\n")
    print("| redflag \\ baseline | " + " | ".join(LEVELS) + " |")
    print("|---|" + "---:|" * len(LEVELS))
    matrix = Counter((redflag[p][1], baseline[p][1]) for p in people)
    for r in LEVELS:
        print(f"| {r} | " + " | ".join(str(matrix[(r, b)]) for b in LEVELS) + " |")
    level_diff = [p for p in people if redflag[p][1] != baseline[p][1]]
    score_diff = [p for p in people if redflag[p][0] != baseline[p][0]]
    print(f"\n{len(people) - len(level_diff)} of {len(people)} people at the same level, "
          f"{len(people) - len(score_diff)} with the same score")
    for pid in score_diff[:args.show]:
        examples.append(f"score {pid}: redflag {redflag[pid][0]} {redflag[pid][1]}, "
                        f"baseline {baseline[pid][0]} {baseline[pid][1]}")
    differences += len(score_diff) + len(level_diff)

    if examples:
        print("\nDifferences:")
        for line in examples:
            print("- " + line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
