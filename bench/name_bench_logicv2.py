#!/usr/bin/env python3
"""nomenklatura's logic-v2 matcher on the name_bench pairs, timed, for docs/benchmarks.md.

    python bench/name_bench_logicv2.py [CASES_CSV]

Each pair becomes two single-name FollowTheMoney entities of the case's schema, compared with
LogicV2 and its default configuration (the set-up of nomenklatura's contrib/name_bench), on
one thread. Prints precision, recall and F1 at 0.7 (logic-v2's recommended threshold) and the
time per pair. Needs `pip install nomenklatura` (bench/name_bench.sh makes a venv for it).
"""

import csv
import sys
import time
from pathlib import Path
from uuid import uuid4

from followthemoney import model
from nomenklatura.matching.logic_v2.model import LogicV2

try:  # followthemoney 4 has ValueEntity; 3.x calls it make_entity
    from followthemoney import ValueEntity

    def entity(schema, name):
        e = ValueEntity(schema, {"id": uuid4().hex})
        e.add("name", name)
        return e
except ImportError:  # pragma: no cover
    def entity(schema, name):
        e = model.make_entity(schema)
        e.id = uuid4().hex
        e.add("name", name)
        return e

DEFAULT = (Path(__file__).resolve().parent.parent.parent
           / "shared/data/sanctions/eval/nomenklatura/name_bench_cases.csv")
THRESHOLD = 0.7


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with path.open(encoding="utf-8", newline="") as fh:
        cases = list(csv.DictReader(fh))
    config = LogicV2.default_config()
    pairs = []
    for c in cases:
        schema = model.get(c["schema"])
        if schema is None:
            continue
        pairs.append((entity(schema, c["name1"]), entity(schema, c["name2"]),
                      c["is_match"].lower() == "true"))
    # Warm up caches (rigour loads its word lists lazily).
    LogicV2.compare(pairs[0][0], pairs[0][1], config)
    tp = fp = fn = 0
    start = time.perf_counter()
    for a, b, is_match in pairs:
        hit = LogicV2.compare(a, b, config).score >= THRESHOLD
        tp += hit and is_match
        fp += hit and not is_match
        fn += (not hit) and is_match
    secs = time.perf_counter() - start
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"logic-v2: {len(pairs)} pairs, P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f} "
          f"at {THRESHOLD}; {secs / len(pairs) * 1e6:.0f} µs per pair "
          f"({len(pairs) / secs:.0f} pairs/s, one thread)")


if __name__ == "__main__":
    main()
