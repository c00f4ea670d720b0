"""Read a bounded, spread-out sample of a table's values, cheaply and portably.

The first rows of a table are often its oldest ones (an import, a test
account), so a plain ``LIMIT`` can mislead. Depending on what the engine
offers, the sample is:

- the whole table, when it has no more rows than the sample size;
- PostgreSQL: ``TABLESAMPLE SYSTEM`` (a few pages chosen at random, with a
  fixed seed so that two runs read the same rows), completed if short;
- a table with a single integer key, or any SQLite table (``rowid``): a
  number of short windows starting at evenly spread points of the key range,
  each read through the index (cost independent of the table size);
- otherwise the first rows (``LIMIT``), and the method says so.

Values are cast to text and cut at ``TRUNCATE`` characters in SQL, so memory
stays bounded whatever the column holds. Names are quoted by SQLAlchemy.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

TRUNCATE = 300
WINDOWS = 12


@dataclass
class Sample:
    """Sampled non-empty values per column, and how they were read."""

    values: dict[str, list[str]]
    rows: int
    method: str


def _seed(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) % 2_000_000_000


def _text_cols(t: sa.TableClause, columns: list[str]) -> list[sa.ColumnElement[Any]]:
    return [sa.func.substr(sa.cast(t.c[c], sa.Text), 1, TRUNCATE).label(f"c{i}") for i, c in enumerate(columns)]


def _collect(rows: list[Any], columns: list[str], out: dict[str, list[str]], offset: int = 0) -> None:
    for row in rows:
        for i, c in enumerate(columns):
            v = row[i + offset]
            if v is not None:
                s = str(v)
                if s.strip():
                    out[c].append(s)


def _windows(conn: sa.Connection, t: sa.TableClause, key: sa.ColumnElement[Any], columns: list[str], limit: int,
             name: str) -> list[Any] | None:
    """Rows read in short windows spread over the integer key range (None if the key is unusable)."""
    lo, hi = conn.execute(sa.select(sa.func.min(key), sa.func.max(key)).select_from(t)).one()
    if lo is None or hi is None:
        return None
    try:
        lo, hi = int(lo), int(hi)
    except (TypeError, ValueError):
        return None
    per = max(1, -(-limit // WINDOWS))
    span = max(1, hi - lo + 1)
    offset = _seed(name) % max(1, span // WINDOWS or 1)
    starts = sorted({lo + (offset + (span * w) // WINDOWS) % span for w in range(WINDOWS)})
    seen: dict[Any, Any] = {}
    cols = [key.label("k"), *_text_cols(t, columns)]
    for s in starts:
        stmt = sa.select(*cols).select_from(t).where(key >= s).order_by(key).limit(per)
        for row in conn.execute(stmt):
            seen.setdefault(row[0], row)
        if len(seen) >= limit:
            break
    if len(seen) < limit:
        # sparse keys: complete from the start of the table
        stmt = sa.select(*cols).select_from(t).order_by(key).limit(limit)
        for row in conn.execute(stmt):
            if len(seen) >= limit:
                break
            seen.setdefault(row[0], row)
    return list(seen.values())[:limit]


def sample_table(
    engine: sa.Engine,
    name: str,
    columns: list[str],
    limit: int,
    rows: int | None,
    primary_key: list[str] | None = None,
    int_key: bool = False,
    schema: str | None = None,
) -> Sample:
    """Sample up to ``limit`` rows of ``name`` (in ``schema``; see the module docstring for the method)."""
    t = sa.table(name, *[sa.column(c) for c in columns], schema=schema)
    out: dict[str, list[str]] = {c: [] for c in columns}
    dialect = engine.dialect.name
    with engine.connect() as conn:
        if rows is not None and rows <= limit:
            got = list(conn.execute(sa.select(*_text_cols(t, columns)).select_from(t).limit(limit)))
            _collect(got, columns, out)
            return Sample(out, len(got), "table lue en entier")
        if dialect == "postgresql" and rows:
            pct = min(100.0, max(0.01, 120.0 * limit / rows))
            sampled = sa.tablesample(t, sa.func.system(pct), name="s", seed=sa.literal(_seed(name) % 100000))
            stmt = sa.select(*_text_cols(sampled, columns)).limit(limit)
            try:
                with conn.begin_nested():
                    got = list(conn.execute(stmt))
            except sa.exc.DBAPIError:
                got = []
            if len(got) >= min(limit, rows) // 2:
                _collect(got, columns, out)
                return Sample(out, len(got), f"échantillon aléatoire (TABLESAMPLE SYSTEM {pct:.2g} %)")
        key: sa.ColumnElement[Any] | None = None
        if primary_key and len(primary_key) == 1 and int_key:
            key = sa.column(primary_key[0])
            kt = sa.table(name, *[sa.column(c) for c in columns], *([] if primary_key[0] in columns else [key]), schema=schema)
            key = kt.c[primary_key[0]]
            t = kt
        elif dialect == "sqlite":
            key = sa.column("rowid")
            t = sa.table(name, *[sa.column(c) for c in columns if c.lower() != "rowid"], key, schema=schema)
            key = t.c.rowid
        if key is not None:
            try:
                with conn.begin_nested() if dialect != "sqlite" else _null():
                    got = _windows(conn, t, key, columns, limit, name)
            except sa.exc.DBAPIError:
                got = None
            if got is not None:
                _collect(got, columns, out, offset=1)
                return Sample(out, len(got), f"échantillon réparti sur toute la table ({WINDOWS} fenêtres)")
        got = list(conn.execute(sa.select(*_text_cols(t, columns)).select_from(t).limit(limit)))
        _collect(got, columns, out)
        return Sample(out, len(got), "premières lignes de la table")


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False
