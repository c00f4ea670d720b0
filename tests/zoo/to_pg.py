"""Copy a zoo database (SQLite) into a PostgreSQL database, as a migration would.

Declared primary and foreign keys are kept (a foreign key the rows break is
declared ``NOT VALID``, as a migrated legacy schema often is); declared types
are kept when every value fits them (INTEGER, REAL, DATE, TIMESTAMP, BOOLEAN),
and anything else stays text: a timestamp the zoo writes as text
(« 03/02/2025 14:05 », « 2025-02-03T14:05:00 ») stays a text column, as it was.

``load(server, sqlite_path, dbname)`` with a running ``tests.pgserver.PgServer``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.pgserver import PgServer


def _fits(values: list[Any], kind: str) -> bool:
    for v in values:
        if v is None:
            continue
        try:
            if kind == "int":
                if isinstance(v, bool) or not isinstance(v, int):
                    return False
            elif kind == "float":
                if not isinstance(v, (int, float)) or isinstance(v, bool):
                    return False
            elif kind == "date":
                if not isinstance(v, str) or len(v) != 10:
                    return False
                dt.date.fromisoformat(v)
            elif kind == "timestamp":
                if not isinstance(v, str) or "T" in v:
                    return False
                dt.datetime.fromisoformat(v)
            elif kind == "bool":
                if v not in (0, 1):
                    return False
        except ValueError:
            return False
    return True


def _convert(v: Any, kind: str) -> Any:
    if v is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(v)
    if kind == "timestamp":
        return dt.datetime.fromisoformat(v)
    if kind == "bool":
        return bool(v)
    return v


def _kind(declared: str) -> str:
    d = (declared or "").upper()
    if "INT" in d:
        return "int"
    if any(x in d for x in ("REAL", "FLOA", "DOUB", "NUM", "DEC")):
        return "float"
    if d == "DATE":
        return "date"
    if d in ("TIMESTAMP", "DATETIME"):
        return "timestamp"
    if d in ("BOOLEAN", "BOOL"):
        return "bool"
    return "text"


SA_TYPES = {"int": sa.BigInteger, "float": sa.Float, "date": sa.Date, "timestamp": sa.DateTime, "bool": sa.Boolean, "text": sa.Text}


def load(server: PgServer, sqlite_path: Path, dbname: str) -> dict[str, dict[str, str]]:
    """Copy every table of ``sqlite_path`` into a new database ``dbname``; return {table: {column: PG kind}}."""
    server.create_database(dbname)
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    eng = server.admin_engine(dbname)
    meta = sa.MetaData()
    names = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    kinds: dict[str, dict[str, str]] = {}
    fks: list[tuple[str, list[str], str, list[str]]] = []
    tables: dict[str, sa.Table] = {}
    for t in names:
        cols = src.execute(f'PRAGMA table_info("{t}")').fetchall()
        kinds[t] = {}
        sa_cols = []
        for _cid, name, ctype, notnull, _default, pk in cols:
            kind = _kind(ctype)
            if kind != "text":
                values = [r[0] for r in src.execute(f'SELECT "{name}" FROM "{t}"')]
                if not _fits(values, kind):
                    kind = "text"
            kinds[t][name] = kind
            sa_cols.append(sa.Column(name, SA_TYPES[kind](), primary_key=bool(pk), nullable=not notnull and not pk))
        tables[t] = sa.Table(t, meta, *sa_cols)
        by_id: dict[int, tuple[str, list[str], list[str]]] = {}
        for fid, _seq, target, from_col, to_col, *_rest in src.execute(f'PRAGMA foreign_key_list("{t}")'):
            entry = by_id.setdefault(fid, (target, [], []))
            entry[1].append(from_col)
            entry[2].append(to_col)
        fks.extend((t, f, target, to) for target, f, to in by_id.values())
    with eng.begin() as conn:
        meta.create_all(conn)
        for t in names:
            table = tables[t]
            cols = list(kinds[t])
            cur = src.execute(f'SELECT * FROM "{t}"')
            while batch := cur.fetchmany(5000):
                conn.execute(table.insert(), [{c: _convert(v, kinds[t][c]) for c, v in zip(cols, r)} for r in batch])
    prep = sa.create_engine(server.url(dbname)).dialect.identifier_preparer
    for t, from_cols, target, to_cols in fks:
        if target not in kinds or not all(c in kinds[target] for c in to_cols):
            continue
        q = prep.quote
        name = f"fk_{t}_{'_'.join(from_cols)}"[:60]
        ddl = (f"ALTER TABLE {q(t)} ADD CONSTRAINT {q(name)} FOREIGN KEY ({', '.join(q(c) for c in from_cols)}) "
               f"REFERENCES {q(target)} ({', '.join(q(c) for c in to_cols)})")
        try:
            with eng.begin() as conn:
                conn.execute(sa.text(ddl))
        except sa.exc.DBAPIError:
            try:
                with eng.begin() as conn:
                    conn.execute(sa.text(ddl + " NOT VALID"))
            except sa.exc.DBAPIError:
                pass  # a reference to a column that is not unique in the target: not declarable in PostgreSQL
    src.close()
    eng.dispose()
    return kinds
