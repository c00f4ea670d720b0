"""Portability of the SQL the checks emit (issue 12): every statement that the catalog and the four checks send
to the engine during an audit is compiled with the SQLAlchemy ``mssql`` and ``oracle`` dialects (compilation
needs no server). For each of the two, the audit of the company sample is run with the checks told that the
engine is that one (so that every statement is built as it would be for SQL Server or Oracle: the branch taken by
an engine that is none of SQLite, PostgreSQL or MySQL), executed on the SQLite sample, and every statement sent
is recorded, then compiled for that dialect.

A statement that cannot compile for a dialect fails here, not at a client's site. Statements written as fixed
text (``sa.text``: the PostgreSQL catalogue queries, run only on PostgreSQL) are not translated by a dialect and
are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import mssql, oracle

from auditor import api
from auditor.context import CheckContext

CHECKS = ["access", "nominative", "subjective", "retention"]
DIALECTS = {"mssql": mssql.dialect(), "oracle": oracle.dialect()}


def _record(spec: str, target: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Core statements executed during an audit of ``spec``, by phase (catalog or check name)."""
    phase = ["catalog"]
    seen: dict[str, list[Any]] = defaultdict(list)
    keys: set[tuple[str, str]] = set()

    def on_execute(_conn: Any, clause: Any, *_args: Any) -> None:
        if isinstance(clause, sa.sql.ClauseElement) and not isinstance(clause, sa.sql.elements.TextClause):
            key = (phase[0], str(clause))
            if key not in keys:
                keys.add(key)
                seen[phase[0]].append(clause)

    def log(msg: str) -> None:
        for name in CHECKS:
            if msg.startswith(f"Contrôle « {name} » :"):
                phase[0] = name

    # the statements as built for ``target`` (executed here on SQLite)
    monkeypatch.setattr(CheckContext, "dialect", property(lambda self: target))
    sa.event.listen(sa.engine.Engine, "before_execute", on_execute)
    try:
        result = api.audit(spec, checks=CHECKS, as_of=dt.date(2026, 6, 30), sample=200, jobs=1, log=log,
                           interactive=False)
    finally:
        sa.event.remove(sa.engine.Engine, "before_execute", on_execute)
    # every rule ran to its end on SQLite, so every statement it builds was recorded
    failed = [(obj, why) for obj, why in result.skipped if "règle non évaluée" in why]
    assert not failed, failed
    assert result.findings
    return seen


@pytest.fixture(scope="module", params=sorted(DIALECTS))
def recorded(request: pytest.FixtureRequest, company_sqlite: Path) -> tuple[str, dict[str, list[Any]]]:
    mp = pytest.MonkeyPatch()
    try:
        return request.param, _record(str(company_sqlite), request.param, mp)
    finally:
        mp.undo()


def test_every_check_emits_statements(recorded: tuple[str, dict[str, list[Any]]]) -> None:
    _dialect, stmts = recorded
    for name in CHECKS:
        assert stmts.get(name), f"no statement recorded for the check {name}"


def test_statements_compile_for_mssql_and_oracle(recorded: tuple[str, dict[str, list[Any]]]) -> None:
    dialect, by_phase = recorded
    failures = []
    total = 0
    for phase, stmts in sorted(by_phase.items()):
        for stmt in stmts:
            total += 1
            try:
                stmt.compile(dialect=DIALECTS[dialect])
            except sa.exc.SQLAlchemyError as exc:
                failures.append(f"{phase}: {type(exc).__name__}: {exc}\n    {str(stmt)[:300]}")
    assert total > 50
    print(f"{dialect}: {total} statements compiled ({', '.join(f'{p}: {len(v)}' for p, v in sorted(by_phase.items()))})")
    assert not failures, f"{len(failures)} of {total} statements do not compile for {dialect}:\n" + "\n".join(failures[:10])
