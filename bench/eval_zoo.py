#!/usr/bin/env python3
"""Scan every database of the zoo (tests/zoo) and score the access and retention checks.

For each database (SQLite, its CSV export with ``--csv``, and a copy in a
throwaway PostgreSQL server with ``--pg``: keys and types kept, see
``tests/zoo/to_pg.py``) and each planted
problem: found or not, the figure against the one the generator counted by
plain SQL (exact, within 5 %, or off), and, on the compliant databases and for
problems not planted, the findings at medium or above (false alarms). The dev
half and the held-out halves are reported apart. The third held-out set
(tests/zoo/heldout3.py), the fourth (tests/zoo/heldout4.py), the fifth (tests/zoo/heldout5.py) and the
sixth (tests/zoo/heldout6.py)
also score statistics outputs with the nominative check:
small cells (affected of ``nominative.small_cells``) and identifier columns (number
of ``nominative.direct_identifier_in_statistics`` findings).

Usage: python bench/eval_zoo.py [--csv] [--pg] [--only NAME ...] [--json OUT]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.api import audit  # noqa: E402
from auditor.findings import Severity  # noqa: E402
from tests.zoo import generate as zoo  # noqa: E402

# expected key -> (check, rule ids whose affected figures add up to it)
PROBLEMS = {
    "unexplained_reads": ("access", ("access.log_unexplained_reads",)),
    "reads_after_departure": ("access", ("access.log_reads_after_departure",)),
    "generic_accounts": ("access", ("access.generic_accounts",)),
    "departed_active": ("access", ("access.departed_accounts_active",)),
    "wide_scope_grants": ("access", ("access.wide_read_on_case_files",)),
    "persons_past_period": ("retention", ("retention.person_past_period",)),
    "log_past_period": ("retention", ("retention.log_past_period",)),
}
# statistics outputs, scored on the third and fourth held-out sets only (their expected.json have these keys)
STATS_PROBLEMS = {
    "stats_small_cells": ("nominative", ("nominative.small_cells",)),  # affected = small cells of one count column
    "stats_identifier_columns": ("nominative", ("nominative.direct_identifier_in_statistics",)),  # one finding per column
}
BY_FINDINGS = {"stats_identifier_columns"}  # the figure is the number of findings, not their affected rows
PRESENCE_ONLY = {"wide_scope_grants"}
# problems whose figure needs a log column: a log_missing finding of this subject says it is missing instead
SAID_MISSING = {"unexplained_reads": ("incomplet",), "reads_after_departure": ("sans_date", "incomplet"),
                "log_past_period": ("sans_date",)}  # the finding counts roles or persons, not grant rows
MEDIUM = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM)


def export_csv(db: Path, out: Path) -> Path:
    """Every table of ``db`` as one CSV file (header, comma, UTF-8)."""
    out.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        cur = con.execute(f'SELECT * FROM "{name}"')
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([d[0] for d in cur.description])
            w.writerows(cur)
    con.close()
    return out


def score(findings: list, exp: dict) -> dict:
    """Per problem: expected, got, verdict; and medium+ false alarms."""
    out: dict = {"problems": {}, "false_alarms": []}
    problems = {**PROBLEMS, **{k: v for k, v in STATS_PROBLEMS.items() if k in exp}}
    for key, (_check, rules) in problems.items():
        want = int(exp[key])
        hits = [f for f in findings if f.rule in rules]
        got = len(hits) if key in BY_FINDINGS else sum(int(f.affected or 0) for f in hits)
        if want == 0:
            bad = [f for f in hits if f.severity in MEDIUM]
            verdict = "ok" if not bad else "false_alarm"
            if bad:
                out["false_alarms"] += [f"{f.rule}: {f.title}" for f in bad]
        elif not hits and any(f.rule == "access.log_missing" and f.subject in SAID_MISSING.get(key, ()) for f in findings):
            verdict = "said_missing"  # no figure, but a finding says what is missing and how to declare it
        elif not hits:
            verdict = "missed"
        elif key in PRESENCE_ONLY or got == want:
            verdict = "exact"
        elif abs(got - want) <= 0.05 * want:
            verdict = "within_5pct"
        else:
            verdict = "wrong_count"
        out["problems"][key] = {"expected": want, "got": got if hits else None, "verdict": verdict}
    if exp.get("compliant"):
        out["false_alarms"] += [f"{f.rule}: {f.title}" for f in findings
                                if f.severity in MEDIUM and f.rule not in {r for _c, rs in problems.values() for r in rs}]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", action="store_true", help="also scan the CSV export of each database")
    ap.add_argument("--pg", action="store_true", help="also scan a copy of each database in a throwaway PostgreSQL server")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    names = args.only or list(zoo.ALL)
    results = []
    server = None
    if args.pg:
        from tests.pgserver import SUPERPASS, start_server

        server = start_server()
        os.environ["AUDITOR_DB_PASSWORD"] = SUPERPASS
    try:
        _run(args, names, results, server)
    finally:
        if server is not None:
            server.stop()
    _report(args, results)


def _run(args: argparse.Namespace, names: list[str], results: list, server: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        for name in names:
            path, exp = zoo.build(name, tmpd)
            path.chmod(0o600)  # the file mode is the engine rule's business, not the model's
            sources = [("sqlite", path)]
            if args.csv:
                sources.append(("csv", export_csv(path, tmpd / f"{name}_csv")))
            if server is not None:
                from tests.pgserver import SUPERUSER
                from tests.zoo import to_pg

                to_pg.load(server, path, name)
                sources.append(("pg", server.url_without_password(name, SUPERUSER)))
            for kind, src in sources:
                t0 = time.perf_counter()
                checks = ["access", "retention"] + (["nominative"] if "stats_small_cells" in exp else [])
                res = audit(str(src), checks=checks, as_of=zoo.AS_OF, interactive=False)
                secs = time.perf_counter() - t0
                sc = score(res.findings, exp)
                half = "dev_groups" if name in zoo.DEV_GROUPS else exp["half"]  # reported apart from the first dev half
                results.append({"db": name, "half": half, "source": kind, "seconds": round(secs, 2), **sc})
                if args.verbose:
                    for f in res.findings:
                        print(f"   {name}/{kind} {f.severity.value:8} {f.rule} {f.affected} {f.title[:90]}")


def _report(args: argparse.Namespace, results: list) -> None:
    for r in results:
        line = " ".join(f"{k}={v['verdict']}({v['got']}/{v['expected']})" for k, v in r["problems"].items())
        print(f"{r['half']:8} {r['db']:22} {r['source']:6} {r['seconds']:6.1f}s  {line}")
        for fa in r["false_alarms"]:
            print(f"{'':40}fausse alerte : {fa[:110]}")
    print()
    for half in ("dev", "dev_rights", "dev_groups", "held_out", "held_out_2", "held_out_3", "held_out_4", "held_out_5", "held_out_6"):
        for kind in ("sqlite", "csv", "pg"):
            rs = [r for r in results if r["half"] == half and r["source"] == kind]
            if not rs:
                continue
            for check in ("access", "retention", "nominative"):
                keys = [k for k, (c, _r) in {**PROBLEMS, **STATS_PROBLEMS}.items() if c == check and all(k in r["problems"] for r in rs)]
                if not keys:
                    continue
                planted = [r["problems"][k] for r in rs for k in keys if r["problems"][k]["expected"] > 0]
                found = [p for p in planted if p["verdict"] != "missed"]
                good = [p for p in planted if p["verdict"] in ("exact", "within_5pct")]
                fa = sum(1 for r in rs for k in keys if r["problems"][k]["verdict"] == "false_alarm")
                said = [p for p in planted if p["verdict"] == "said_missing"]
                found = [p for p in found if p["verdict"] != "said_missing"]
                print(f"{half:8} {kind:6} {check:9}: planted {len(planted)}, found {len(found)}, said missing {len(said)}, "
                      f"figure right {len(good)}, false alarms on unplanted {fa}")
            comp = [r for r in rs if any(True for _ in [0]) and r["false_alarms"] and all(
                p["expected"] == 0 for p in r["problems"].values())]
            print(f"{half:8} {kind:6} compliant databases with a medium+ finding: {len(comp)}")
    if args.json:
        args.json.write_text(json.dumps({"as_of": zoo.AS_OF.isoformat(), "when": dt.date.today().isoformat(),
                                         "results": results}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
