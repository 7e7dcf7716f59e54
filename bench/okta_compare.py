"""Markdown table for bench/okta.sh: cat, redflag and DuckDB on one Okta NDJSON file.

    python bench/okta_compare.py RESULTS DATA

RESULTS holds what okta.sh wrote: `cat-cold.time`, `cat-warm.time`, `redflag.time` and
`redflag.json` (the report; absent with SKIP_REDFLAG=1), `duckdb.time`, `duckdb.json` (the
line okta_duckdb.py printed) and `duckdb-people/RULE.txt`. DATA is the dataset directory.
Prints wall time, peak RSS and MB/s per system, issue #5's ratios, and people flagged per
rule by each system with their agreement (people flagged by both / by either). Writes
`redflag-people/RULE.txt` beside DuckDB's lists, for diffing.
"""

import json
import re
import sys
from pathlib import Path



def gnu_time(path):
    """Wall seconds, peak RSS (MB), CPU seconds and exit status from `/usr/bin/time -v`."""
    if not path.exists():
        return None
    text = path.read_text()

    def field(name):
        m = re.search(rf"^\s*{re.escape(name)}: (.*)$", text, re.M)
        return m.group(1).strip() if m else None

    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    status = re.search(r"Command exited with non-zero status (\d+)", text)
    signal = re.search(r"Command terminated by signal (\d+)", text)
    return {
        "wall": wall,
        "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024,
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "status": int(status.group(1)) if status else (f"signal {signal.group(1)}" if signal else 0),
    }


def redflag_people(report):
    """People with evidence of each indicator in a redflag JSON report."""
    out = {}
    for person in report.get("people", []):
        for ev in person.get("evidence", []):
            out.setdefault(ev["indicator"], set()).add(person["person_id"])
    return out


def main():
    """Prints the tables."""
    results, data = Path(sys.argv[1]), Path(sys.argv[2])
    size = (data / "okta.ndjson").stat().st_size
    mb = size / 1e6
    cold, warm = gnu_time(results / "cat-cold.time"), gnu_time(results / "cat-warm.time")
    dropped = (results / "cat-cold.dropped").read_text().strip() == "yes" \
        if (results / "cat-cold.dropped").exists() else False
    rf_time, dd_time = gnu_time(results / "redflag.time"), gnu_time(results / "duckdb.time")
    killed = results / "redflag.time.killed"
    if rf_time and killed.exists():
        rf_time["status"] = f"stopped by okta.sh: {killed.read_text().strip()}"
    duck = json.loads((results / "duckdb.json").read_text().strip().splitlines()[-1])
    report = None
    if (results / "redflag.json").exists() and rf_time and rf_time["status"] == 0:
        report = json.loads((results / "redflag.json").read_text())
    events = sum(1 for _ in open(data / "okta.ndjson", "rb")) if size < 4e9 else None

    print(f"### Okta NDJSON: {mb:,.0f} MB" + (f", {events:,} events" if events else "") +
          f", {duck['rows']:,} sign-in rows (DuckDB)\n")
    print("| system | wall (s) | peak RSS (MB) | MB/s | read (s) | read MB/s per core | exit |")
    print("|---|---:|---:|---:|---:|---:|---|")
    cold_label = "cat (cold)" if dropped else "cat (page cache not dropped)"
    for name, t in [(cold_label, cold), ("cat (warm)", warm)]:
        print(f"| {name} | {t['wall']:.2f} | {t['rss_mb']:.0f} | {mb / t['wall']:,.0f} | "
              f"{t['wall']:.2f} | {mb / t['wall']:,.0f} | {t['status']} |")
    if rf_time:
        read = None
        if report:
            read = next((s["seconds"] for s in report["summary"]["timings"] if s["stage"] == "load"), None)
        read_cells = f"{read:.2f} | {mb / read / 2:,.0f}" if read else "– | –"
        print(f"| redflag screen | {rf_time['wall']:.2f} | {rf_time['rss_mb']:.0f} | "
              f"{mb / rf_time['wall']:,.0f} | {read_cells} | {rf_time['status']} |")
    read = duck["seconds"]["read"]
    print(f"| DuckDB ({duck['system']}, 2 threads) | {dd_time['wall']:.2f} | {dd_time['rss_mb']:.0f} | "
          f"{mb / dd_time['wall']:,.0f} | {read:.2f} | {mb / read / 2:,.0f} | {dd_time['status']} |")
    print()
    print(f"DuckDB inside Python: read {duck['seconds']['read']:.2f} s, engine tables "
          f"{duck['seconds']['tables']:.2f} s, all after reading {duck['seconds']['rules']:.2f} s; "
          f"rules: " + ", ".join(f"{k.removeprefix('NET_')} {v:.2f}" for k, v in duck["rule_seconds"].items()))
    if rf_time and rf_time["status"] == 0:
        target = cold if dropped else warm
        print(f"\nIssue #5's targets: DuckDB / redflag = {dd_time['wall'] / rf_time['wall']:.2f}× "
              f"(goal ≥ 1.4); redflag / cat = {rf_time['wall'] / target['wall']:.2f}× "
              f"(goal ≤ 1.2, against cat {'cold' if dropped else 'warm'}); redflag peak "
              f"{rf_time['rss_mb']:.0f} MB (goal < 2048)")
    print()
    # Every rule DuckDB ran (phase 1 and NET_FLAGGED_NETWORK), as its output names them.
    rules = sorted(duck["people_flagged"])
    rf = redflag_people(report) if report else {}
    out = results / "redflag-people"
    if report:
        out.mkdir(exist_ok=True)
        for rule in rules:
            (out / f"{rule}.txt").write_text("".join(f"{p}\n" for p in sorted(rf.get(rule, ()))))
    print("| rule | redflag | DuckDB | both | agreement |")
    print("|---|---:|---:|---:|---:|")
    for rule in rules:
        ours = rf.get(rule, set()) if report else None
        theirs_file = results / "duckdb-people" / f"{rule}.txt"
        theirs = set(theirs_file.read_text().split()) if theirs_file.exists() else None
        r_cell = f"{len(ours):,}" if ours is not None else "–"
        d_cell = f"{len(theirs):,}" if theirs is not None else "–"
        if ours is not None and theirs is not None:
            both = len(ours & theirs)
            either = len(ours | theirs)
            agree = f"{both / either:.1%}" if either else "100.0% (none)"
            print(f"| {rule} | {r_cell} | {d_cell} | {both:,} | {agree} |")
        else:
            print(f"| {rule} | {r_cell} | {d_cell} | – | – |")


if __name__ == "__main__":
    main()
