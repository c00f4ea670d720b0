"""Portable SQL building blocks for checks (SQLite, PostgreSQL, MySQL).

Everything here builds SQLAlchemy Core expressions: names are always quoted by
SQLAlchemy, never pasted into SQL strings.
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa

TRUE_WORDS = ("1", "true", "t", "oui", "o", "y", "yes", "vrai", "x")


def norm(value: object) -> str:
    """Lower-case, accent-free, single-spaced text (for role and scope names)."""
    s = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode().lower()
    for ch in "_-./":
        s = s.replace(ch, " ")
    return " ".join(s.split())


def as_text(col: sa.ColumnElement) -> sa.ColumnElement:
    """The column as text (dates as ISO text on every engine)."""
    return sa.cast(col, sa.Text)


def iso_date(col: sa.ColumnElement) -> sa.ColumnElement:
    """'YYYY-MM-DD' text from a DATE, TIMESTAMP, ISO text or dd/mm/yyyy text column; NULL otherwise.

    Empty strings and values in other forms give NULL; the retention check counts
    those separately as unusable dates.
    """
    t = as_text(col)
    return sa.case(
        (t.like("____-__-__%"), sa.func.substr(t, 1, 10)),
        (t.like("__/__/____%"), sa.func.substr(t, 7, 4) + sa.literal("-") + sa.func.substr(t, 4, 2) + sa.literal("-") + sa.func.substr(t, 1, 2)),
        (t.like("__.__.____%"), sa.func.substr(t, 7, 4) + sa.literal("-") + sa.func.substr(t, 4, 2) + sa.literal("-") + sa.func.substr(t, 1, 2)),
        else_=sa.null(),
    )


def truthy(col: sa.ColumnElement) -> sa.ColumnElement:
    """SQL condition: the flag column holds a true-like value (1, 'oui', 'true', ...)."""
    return sa.func.lower(sa.func.trim(as_text(col))).in_(TRUE_WORDS)


def count_rows(conn: sa.Connection, table: sa.TableClause, where: sa.ColumnElement | None = None) -> int:
    """COUNT(*) of a table, optionally filtered."""
    stmt = sa.select(sa.func.count()).select_from(table)
    if where is not None:
        stmt = stmt.where(where)
    return int(conn.execute(stmt).scalar_one())
