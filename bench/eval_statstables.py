#!/usr/bin/env python3
"""Score the nominative small-cell rule on the labelled statistics tables (tests/checks/statstables.py).

For each table (alone in its SQLite file, and as a CSV export with ``--csv``):
whether it is audited as an aggregated statistics table, the small cells found per
count column against the ones counted from the rows, and the columns wrongly taken
for counts. The dev half and the held-out half are reported apart.

Usage: python bench/eval_statstables.py [--csv] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.api import audit  # noqa: E402
from tests.checks import statstables as st  # noqa: E402


def export_csv(db: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        cur = con.execute(f'SELECT * FROM "{name}"')
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([d[0] for d in cur.description])
            w.writerows(cur)
    con.close()
    return out


def score(t: st.StatTable, spec: str) -> dict:
    res = audit(spec, checks=["nominative"])
    found: dict[str, int] = {}
    for f in res.findings:
        if f.rule == "nominative.small_cells" and f.table.lower() == t.name.lower():
            found[f.column] = found.get(f.column, 0) + int(f.details.get("small_cells") or 0)
    exp = t.expected_by_column()
    wrong = sorted(c for c in found if c not in t.counts)
    return {"expected": t.expected(), "found": sum(v for c, v in found.items() if c in t.counts),
            "exact": {c: v for c, v in found.items() if v} == exp, "wrong_columns": wrong,
            "by_column": found, "expected_by_column": exp}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", action="store_true")
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    engines = ["sqlite"] + (["csv"] if args.csv else [])
    with tempfile.TemporaryDirectory() as tmp:
        totals: dict[tuple[bool, str], list[int]] = {}
        for t in st.all_tables():
            if args.only and t.name not in args.only:
                continue
            db = st.build(t, Path(tmp) / "db")
            for eng in engines:
                spec = str(db) if eng == "sqlite" else str(export_csv(db, Path(tmp) / "csv" / t.name))
                r = score(t, spec)
                tot = totals.setdefault((t.held_out, eng), [0, 0, 0, 0, 0])
                tot[0] += 1
                tot[1] += int(r["exact"])
                tot[2] += r["expected"]
                tot[3] += min(r["found"], r["expected"])
                tot[4] += len(r["wrong_columns"])
                half = "held-out" if t.held_out else "dev"
                print(f"{half:8} {eng:6} {t.name:28} expected {r['expected']:3}  found {r['found']:3}  "
                      f"{'EXACT' if r['exact'] else 'off  '}  wrong cols {r['wrong_columns'] or '-'}  got {r['by_column']}")
        print()
        for (held, eng), (n, exact, exp, found, wrong) in sorted(totals.items()):
            print(f"{'held-out' if held else 'dev':8} {eng:6} tables exact {exact}/{n}, small cells found {found}/{exp}, "
                  f"columns wrongly taken for counts {wrong}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
