"""Recognise an unkeyed hash of an identifier, then count the linkable rows in SQL.

1. Read a bounded sample of the hashed values (never printed).
2. Stream the candidate identifier columns of the persons tables in chunks,
   hash each value with the usual algorithms and spellings (as written,
   trimmed, lower- and upper-case) and stop as soon as one combination
   matches enough sampled values.
3. Count over the whole table, in the engine, the rows whose hash equals the
   hash of an identifier: PostgreSQL and MySQL have the hash functions
   built in; on SQLite the same Python functions are registered on the audit's
   own read-only connection (nothing is written to the database). Where the
   engine cannot hash, the figure is an estimate from the sample and the
   finding says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

SPELLINGS: dict[str, Callable[[str], str]] = {
    "tel quel": lambda s: s,
    "sans espaces autour": lambda s: s.strip(),
    "en minuscules": lambda s: s.strip().lower(),
    "en majuscules": lambda s: s.strip().upper(),
}
ALGO_LABEL = {"md5": "MD5", "sha1": "SHA-1", "sha224": "SHA-224", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"}
HEX_LEN = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}


@dataclass
class HashMatch:
    """How a hashed column was made: algorithm, source column, spelling, and sample evidence."""

    algo: str
    table: str
    column: str
    spelling: str
    matched: int
    sampled: int


def _digest(algo: str, text: str) -> str:
    return hashlib.new(algo, text.encode("utf-8")).hexdigest()


def identify(sampled: set[str], sources: Iterable[tuple[str, str, Iterable[list[Any]]]], algos: list[str],
             enough: int = 20) -> HashMatch | None:
    """Find (algorithm, source column, spelling) whose digests cover sampled hashes.

    ``sources`` yields (table, column, chunks of values). Stops early when a
    combination matches ``enough`` sampled values (or all of them).
    """
    if not sampled:
        return None
    lengths = {len(h) for h in sampled}
    algos = [a for a in algos if HEX_LEN.get(a) in lengths]
    if not algos:
        return None
    target = min(enough, len(sampled))
    best: HashMatch | None = None
    for table, column, chunks in sources:
        hits: dict[tuple[str, str], set[str]] = {}
        for chunk in chunks:
            for v in chunk:
                if v is None:
                    continue
                raw = str(v)
                for spelling, fn in SPELLINGS.items():
                    s = fn(raw)
                    if spelling != "tel quel" and s == raw:
                        continue
                    for algo in algos:
                        d = _digest(algo, s)
                        if d in sampled:
                            hits.setdefault((algo, spelling), set()).add(d)
            for (algo, spelling), found in hits.items():
                if len(found) >= target:
                    return HashMatch(algo, table, column, spelling, len(found), len(sampled))
        for (algo, spelling), found in hits.items():
            if best is None or len(found) > best.matched:
                best = HashMatch(algo, table, column, spelling, len(found), len(sampled))
    if best is not None and best.matched >= max(3, len(sampled) // 20):
        return best
    return None


def _sql_spelling(col: sa.ColumnElement[Any], spelling: str) -> sa.ColumnElement[Any]:
    t = sa.cast(col, sa.Text)
    if spelling == "sans espaces autour":
        return sa.func.trim(t)
    if spelling == "en minuscules":
        return sa.func.lower(sa.func.trim(t))
    if spelling == "en majuscules":
        return sa.func.upper(sa.func.trim(t))
    return t


def sql_hash(dialect: str, algo: str, text: sa.ColumnElement[Any]) -> sa.ColumnElement[Any] | None:
    """A SQL expression hashing ``text`` to lower-case hex, or None when the engine cannot."""
    if dialect == "postgresql":
        if algo == "md5":
            return sa.func.md5(text)
        if algo in ("sha224", "sha256", "sha384", "sha512"):
            fn = getattr(sa.func, algo)
            return sa.func.encode(fn(sa.func.convert_to(text, "UTF8")), "hex")
        return None
    if dialect in ("mysql", "mariadb"):
        if algo == "md5":
            return sa.func.md5(text)
        if algo == "sha1":
            return sa.func.sha1(text)
        if algo in ("sha224", "sha256", "sha384", "sha512"):
            return sa.func.sha2(text, int(algo[3:]))
        return None
    if dialect == "sqlite":
        return getattr(sa.func, f"auditor_{algo}")(text)
    return None


def register_sqlite(conn: sa.Connection, algos: Iterable[str]) -> None:
    """Register deterministic hash functions on this SQLite connection only (no write)."""
    raw = conn.connection.driver_connection
    for algo in algos:
        def fn(v: Any, _a: str = algo) -> str | None:
            return None if v is None else _digest(_a, str(v))

        raw.create_function(f"auditor_{algo}", 1, fn, deterministic=True)


def count_linked(engine: sa.Engine, stats: sa.TableClause, hashed: str, person: sa.TableClause, match: HashMatch) -> int | None:
    """Rows of ``stats`` whose hash equals the hash of an identifier of ``person`` (None if the engine cannot hash)."""
    dialect = engine.dialect.name
    expr = sql_hash(dialect, match.algo, _sql_spelling(person.c[match.column], match.spelling))
    if expr is None:
        return None
    ids = sa.select(expr).select_from(person).where(person.c[match.column].is_not(None))
    stmt = sa.select(sa.func.count()).select_from(stats).where(sa.func.lower(sa.func.trim(stats.c[hashed])).in_(ids))
    with engine.connect() as conn:
        if dialect == "sqlite":
            register_sqlite(conn, [match.algo])
        return int(conn.execute(stmt).scalar_one())
