"""SQL building blocks of the nominative check (SQLAlchemy Core only, names quoted by SQLAlchemy).

Group counts for k-anonymity and l-diversity, cell values and suppression
markers for small cells, all computed by the source engine; Python only sees
aggregates (histograms of group sizes, counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

NUMERIC_TYPES = ("INT", "NUMERIC", "DECIMAL", "REAL", "FLOAT", "DOUBLE", "BIGINT", "SMALLINT", "SERIAL", "NUMBER")


def text_of(col: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """The column as lower-case trimmed text."""
    return sa.func.lower(sa.func.trim(sa.cast(col, sa.Text)))


def filled(col: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    """Not NULL and not blank."""
    return sa.and_(col.is_not(None), sa.func.trim(sa.cast(col, sa.Text)) != "")


def suppressed(col: sa.ColumnElement[Any], markers: Sequence[str]) -> sa.ColumnElement[bool]:
    """The cell holds a suppression marker ('*', 's', 'secret', '<5'...)."""
    t = text_of(col)
    return sa.or_(t.in_([m.lower() for m in markers]), t.like("<%"))


def is_numeric_type(sql_type: str) -> bool:
    """Whether a SQL type name is numeric."""
    return sql_type.upper().startswith(NUMERIC_TYPES)


def as_int(col: sa.ColumnElement[Any], dialect: str, sql_type: str) -> sa.ColumnElement[Any]:
    """The column as an integer, NULL when it is not a plain whole number (e.g. a marker)."""
    if is_numeric_type(sql_type):
        if "INT" in sql_type.upper():
            return sa.cast(col, sa.Integer)
        # a REAL/NUMERIC cell is a count only when it is a whole number: 3.5 is a rate, not 3 persons
        whole = sa.cast(col, sa.Float) == sa.cast(sa.cast(col, sa.Integer), sa.Float)
        return sa.case((whole, sa.cast(col, sa.Integer)), else_=sa.null())
    t = sa.func.trim(sa.cast(col, sa.Text))
    if dialect == "sqlite":
        digits = sa.and_(t != "", sa.func.glob("*[^0-9]*", t) == 0)
    else:
        digits = t.regexp_match("^[0-9]+$")
    return sa.case((digits, sa.cast(t, sa.Integer)), else_=sa.null())


@dataclass
class GroupSizes:
    """Histogram of equivalence-class sizes: size -> number of groups."""

    hist: dict[int, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Rows counted."""
        return sum(size * n for size, n in self.hist.items())

    @property
    def groups(self) -> int:
        """Number of groups."""
        return sum(self.hist.values())

    def rows_below(self, k: int) -> int:
        """Rows in groups smaller than ``k``."""
        return sum(size * n for size, n in self.hist.items() if size < k)

    def groups_below(self, k: int) -> int:
        """Groups smaller than ``k``."""
        return sum(n for size, n in self.hist.items() if size < k)

    def risks(self, k: int) -> dict[str, float]:
        """The three prosecutor-model risks: records at risk, highest risk, average risk."""
        rows = self.rows
        if not rows:
            return {"records_at_risk": 0.0, "highest_risk": 0.0, "average_risk": 0.0}
        return {
            "records_at_risk": round(self.rows_below(k) / rows, 4),
            "highest_risk": round(1 / min(self.hist), 4),
            "average_risk": round(self.groups / rows, 4),
        }

    def bands(self, k: int) -> dict[str, int]:
        """Rows by group-size band (1, 2, 3-4, ... k-1, k-10, 11-19, 20+), for the report."""
        edges = sorted({1, 2, 3, 5, k, 11, 20})
        out: dict[str, int] = {}
        for i, lo in enumerate(edges):
            hi = edges[i + 1] - 1 if i + 1 < len(edges) else None
            rows = sum(size * n for size, n in self.hist.items() if size >= lo and (hi is None or size <= hi))
            label = f"{lo}" if hi == lo else (f"{lo}-{hi}" if hi is not None else f"{lo}+")
            if rows:
                out[label] = rows
        return out


def group_sizes(conn_rows: Any, table: sa.TableClause, cols: Sequence[sa.ColumnElement[Any]],
                where: sa.ColumnElement[bool] | None = None) -> GroupSizes:
    """Histogram of GROUP BY ``cols`` sizes, computed in SQL (two levels of aggregation)."""
    inner = sa.select(*[c.label(f"q{i}") for i, c in enumerate(cols)], sa.func.count().label("n")).select_from(table)
    if where is not None:
        inner = inner.where(where)
    g = inner.group_by(*cols).subquery("g")
    stmt = sa.select(g.c.n, sa.func.count()).group_by(g.c.n).order_by(g.c.n)
    return GroupSizes({int(size): int(n) for size, n in conn_rows(stmt)})


def homogeneous_groups(conn_rows: Any, table: sa.TableClause, cols: Sequence[sa.ColumnElement[Any]],
                       sensitive: sa.ColumnElement[Any], k: int, l_min: int,
                       where: sa.ColumnElement[bool] | None = None) -> tuple[int, int, int, int]:
    """(groups of at least k rows, rows in them, such groups with fewer than l_min sensitive values, their rows)."""
    inner = sa.select(sa.func.count().label("n"), sa.func.count(sa.distinct(sensitive)).label("d")).select_from(table)
    if where is not None:
        inner = inner.where(where)
    g = inner.group_by(*cols).having(sa.func.count() >= k).subquery("g")
    low = g.c.d < l_min
    stmt = sa.select(
        sa.func.count(),
        sa.func.coalesce(sa.func.sum(g.c.n), 0),
        sa.func.coalesce(sa.func.sum(sa.case((low, 1), else_=0)), 0),
        sa.func.coalesce(sa.func.sum(sa.case((low, g.c.n), else_=0)), 0),
    )
    r = conn_rows(stmt)[0]
    return int(r[0]), int(r[1]), int(r[2]), int(r[3])
