"""What a check receives: the read-only source, the catalog, its policy, and
the only ways to make evidence (pseudonyms and redaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

import sqlalchemy as sa

from auditor.catalog import Catalog, TableInfo
from auditor.errors import DB_ERROR_REASON, db_error_kind
from auditor.policy import Policy
from auditor.redact import Pseudonymiser
from auditor.registry import references


class Progress(Protocol):
    """A progress reporter: ``advance(n)`` after each chunk."""

    def advance(self, n: int = 1) -> None:
        """Record ``n`` more units done."""
        ...


class _NoProgress:
    def advance(self, n: int = 1) -> None:
        return None


ProgressFactory = Any  # callable(description: str, total: int | None) -> context manager yielding Progress


def _no_progress(description: str, total: int | None) -> AbstractContextManager[Progress]:
    return nullcontext(_NoProgress())


@dataclass
class CheckContext:
    """Everything a check may use. A check never prints, renders or writes."""

    source: Any  # auditor.sources.Source
    catalog: Catalog
    policy: Policy
    pseudonymiser: Pseudonymiser
    as_of: dt.date
    check_name: str = ""
    sample: int | None = None
    jobs: int = 1
    progress_factory: ProgressFactory = _no_progress
    skipped: list[tuple[str, str]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    option_defaults: dict[str, Any] = field(default_factory=dict)

    # --- source -----------------------------------------------------------
    @property
    def engine(self) -> sa.Engine:
        """The read-only engine of the audited source."""
        return self.source.engine

    @property
    def dialect(self) -> str:
        """Dialect name: sqlite, postgresql, mysql."""
        return self.source.engine.dialect.name

    def table(self, info: TableInfo | str) -> sa.TableClause:
        """A lightweight SQLAlchemy table for ``info`` with all its columns (names quoted by SQLAlchemy)."""
        if isinstance(info, str):
            found = self.catalog.relation(info)
            if found is None:
                raise KeyError(info)
            info = found
        return sa.table(info.bare, *[sa.column(c) for c in info.columns], schema=info.sql_schema)

    def scalar(self, stmt: sa.Executable) -> Any:
        """Run a statement that returns one value."""
        with self.engine.connect() as conn:
            return conn.execute(stmt).scalar()

    def rows(self, stmt: sa.Executable) -> list[sa.Row[Any]]:
        """Run a statement whose result is small (an aggregate): all rows."""
        with self.engine.connect() as conn:
            return list(conn.execute(stmt))

    def stream(self, stmt: sa.Executable, chunk: int = 2000) -> Iterator[list[sa.Row[Any]]]:
        """Run a statement and yield its rows in chunks (server-side cursor where supported)."""
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt)
            for part in result.partitions(chunk):
                yield list(part)

    # --- policy -----------------------------------------------------------
    @property
    def options(self) -> dict[str, Any]:
        """This check's options: policy ``[checks.<name>]`` over the check's declared defaults."""
        return {**self.option_defaults, **self.policy.section("checks").get(self.check_name, {})}

    def threshold(self, name: str) -> Any:
        """A threshold from the policy ([thresholds])."""
        return self.policy.thresholds[name]

    @property
    def evidence_limit(self) -> int:
        """How many excerpts a finding keeps."""
        return int(self.policy.audit.get("evidence_per_finding", 5))

    def citation(self, key: str) -> str:
        """The exact citation of a reference key."""
        return references()[key]["citation"]

    # --- evidence ---------------------------------------------------------
    def pseudonym(self, namespace: str, value: object, prefix: str = "REC") -> str:
        """Keyed pseudonym of a record or account (never its real key)."""
        return self.pseudonymiser.pseudonym(namespace, value, prefix=prefix)

    def redact(self, text: str, extra_values: tuple[str, ...] = ()) -> str:
        """Redacted text: names, identifiers and contact data replaced by placeholders."""
        from auditor.redact import redact

        return redact(text, extra_values=extra_values)

    # --- bookkeeping ------------------------------------------------------
    def progress(self, description: str, total: int | None) -> AbstractContextManager[Progress]:
        """A progress reporter for a long step (silent when not on a terminal)."""
        return self.progress_factory(description, total)

    def skip(self, table: str, reason: str) -> None:
        """Record that ``table`` could not be examined, with a French reason."""
        self.skipped.append((table, reason))

    def rule_failed(self, rule_id: str, exc: Exception) -> None:
        """Record a rule that stopped on a database error (timeout, permission)."""
        why = DB_ERROR_REASON[db_error_kind(exc)]
        self.skipped.append((rule_id, f"règle non évaluée : {why}"))
