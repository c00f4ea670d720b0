#!/usr/bin/env python3
"""Score the nominative small-cell rule on the labelled statistics tables (tests/checks/statstables.py).

For each table (alone in its SQLite file, and as a CSV export with ``--csv``):
whether it is audited as an aggregated statistics table, the small cells found per
count column against the ones counted from the rows, and the columns wrongly taken
for counts. The dev half and the held-out batches are reported apart. A table with no
count column (a row-level extract) is said right when no small cell is reported on it.

With ``--pg``, also a copy in a throwaway PostgreSQL server (tests/zoo/to_pg.py).

Usage: python bench/eval_statstables.py [--csv] [--pg] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.api import audit  # noqa: E402
from bench.eval_zoo import export_csv  # noqa: E402
from tests.checks import statstables as st  # noqa: E402


def score(t: st.StatTable, spec: str) -> dict:
    res = audit(spec, checks=["nominative"], interactive=False)
    found: dict[str, int] = {}
    said: tuple[list[str], list[str]] | None = None
    for f in res.findings:
        if f.rule == "nominative.small_cells" and f.table.lower() == t.name.lower():
            found[f.column] = found.get(f.column, 0) + int(f.details.get("small_cells") or 0)
            said = (f.details.get("count_columns") or [], f.details.get("dimension_columns") or [])
    exp = t.expected_by_column()
    wrong = sorted(c for c in found if c not in t.counts)
    return {"expected": t.expected(), "found": sum(v for c, v in found.items() if c in t.counts),
            "exact": {c: v for c, v in found.items() if v} == exp, "wrong_columns": wrong,
            "by_column": found, "expected_by_column": exp,
            # a table with no count column (a row-level extract) is said right when no small cell is reported on it
            "columns_said_right": (said is None) if not t.counts else
            (said is not None and sorted(said[0]) == sorted(t.counts) and sorted(said[1]) == sorted(t.dims)),
            "said": said}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", action="store_true")
    ap.add_argument("--pg", action="store_true")
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    engines = ["sqlite"] + (["csv"] if args.csv else []) + (["pg"] if args.pg else [])
    server = None
    if args.pg:
        from tests.pgserver import SUPERPASS, start_server

        server = start_server()
        os.environ["AUDITOR_DB_PASSWORD"] = SUPERPASS
    try:
        return _run(args, engines, server)
    finally:
        if server is not None:
            server.stop()


def _run(args: argparse.Namespace, engines: list[str], server: object) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        totals: dict[tuple[bool, str], list[int]] = {}
        for t in st.all_tables():
            if args.only and t.name not in args.only:
                continue
            db = st.build(t, Path(tmp) / "db")
            for eng in engines:
                if eng == "pg":
                    from tests.pgserver import SUPERUSER
                    from tests.zoo import to_pg

                    dbname = f"st_{t.name.lower()}"
                    to_pg.load(server, db, dbname)
                    spec = server.url_without_password(dbname, SUPERUSER)
                else:
                    spec = str(db) if eng == "sqlite" else str(export_csv(db, Path(tmp) / "csv" / t.name))
                r = score(t, spec)
                tot = totals.setdefault((t.half, eng), [0, 0, 0, 0, 0, 0])
                tot[5] += int(r["columns_said_right"])
                tot[0] += 1
                tot[1] += int(r["exact"])
                tot[2] += r["expected"]
                tot[3] += min(r["found"], r["expected"])
                tot[4] += len(r["wrong_columns"])
                print(f"{t.half:10} {eng:6} {t.name:28} expected {r['expected']:3}  found {r['found']:3}  "
                      f"{'EXACT' if r['exact'] else 'off  '}  wrong cols {r['wrong_columns'] or '-'}  "
                      f"{'counts/dims said right' if r['columns_said_right'] else 'counts/dims said: ' + str(r['said'])}")
        print()
        for (half, eng), (n, exact, exp, found, wrong, said) in sorted(totals.items()):
            print(f"{half:10} {eng:6} tables exact {exact}/{n}, small cells found {found}/{exp}, "
                  f"columns wrongly taken for counts {wrong}, counts and dimensions said right {said}/{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
