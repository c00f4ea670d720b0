"""The Source: one read-only SQLAlchemy engine, whatever the user named."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

# files of a folder source that the fingerprint covers (exports, workbooks, Access databases)
FILE_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".mdb", ".accdb"}

from auditor.sources.perimeter import Perimeter, Relation, Scope, list_perimeter


@dataclass
class Source:
    """A read-only view of what is audited.

    ``kind`` is one of the contract's source kinds (sqlite, postgresql, mysql,
    csv, other). ``display`` is safe to print (password masked). ``path`` is the
    audited file or folder for file sources. ``notes`` are French remarks made
    while opening (e.g. how a CSV file was decoded), for the report's method annex.
    """

    kind: str
    engine: sa.Engine
    display: str
    path: Path | None = None
    notes: list[str] = field(default_factory=list)
    statement_timeout_s: float | None = None
    table_meta: dict[str, dict] = field(default_factory=dict)  # per table: sheet or file of origin, what was hidden
    scope: Scope = field(default_factory=Scope)
    _cleanup: list = field(default_factory=list, repr=False)
    _fingerprint: str | None = field(default=None, repr=False)
    _perimeter: Perimeter | None = field(default=None, repr=False)

    @property
    def dialect(self) -> str:
        """SQLAlchemy dialect name of the engine (sqlite, postgresql, mysql...)."""
        return self.engine.dialect.name

    def set_scope(self, scope: Scope) -> None:
        """Choose the schemas to cover (the perimeter is listed again on next use)."""
        self.scope = scope
        self._perimeter = None
        self._fingerprint = None

    def perimeter(self) -> Perimeter:
        """Schemas, tables and views covered, and what the account cannot read (listed once)."""
        if self._perimeter is None:
            self._perimeter = list_perimeter(self.engine, self.scope, self.display)
        return self._perimeter

    def relations(self) -> list[Relation]:
        """Readable tables and views of the perimeter, sorted by name."""
        return sorted(self.perimeter().relations, key=lambda r: r.name)

    def table_names(self) -> list[str]:
        """Names of the readable tables and views (qualified when there are several schemas), sorted."""
        return [r.name for r in self.relations()]

    def file_mode(self) -> int | None:
        """Permission bits of the audited SQLite file, or None for other sources."""
        if self.kind == "sqlite" and self.path is not None:
            return self.path.stat().st_mode & 0o777
        return None

    def fingerprint(self) -> str:
        """sha256 over the audited content (files) or over schema and row counts (servers)."""
        if self._fingerprint is None:
            self._fingerprint = self._compute_fingerprint()
        return self._fingerprint

    def _compute_fingerprint(self) -> str:
        h = hashlib.sha256()
        if self.path is not None:
            files = [self.path] if self.path.is_file() else sorted(
                p for p in self.path.iterdir() if p.is_file() and p.suffix.lower() in FILE_SUFFIXES
            )
            for p in files:
                h.update(p.name.encode())
                with p.open("rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        h.update(block)
            return h.hexdigest()
        insp = sa.inspect(self.engine)
        with self.engine.connect() as conn:
            for rel in self.relations():
                if rel.is_view:
                    continue
                cols = insp.get_columns(rel.table, schema=rel.sql_schema)
                h.update(rel.name.encode())
                for c in cols:
                    h.update(f"{c['name']}:{c['type']}".encode())
                table = sa.table(rel.table, schema=rel.sql_schema)
                count = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                h.update(str(count).encode())
        return h.hexdigest()

    def close(self) -> None:
        """Dispose of the engine and remove any private temporary copy."""
        self.engine.dispose()
        for fn in self._cleanup:
            fn()
        self._cleanup.clear()
