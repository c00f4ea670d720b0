"""Portable SQL building blocks for checks (SQLite, PostgreSQL, MySQL).

Everything here builds SQLAlchemy Core expressions: names are always quoted by
SQLAlchemy, never pasted into SQL strings.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

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


# Status codes of a value read as a date (auditor.dates gives the same names).
DATE_MISSING = 0  # NULL
DATE_EMPTY = 1  # '' or blanks
DATE_OK = 2
DATE_IMPOSSIBLE = 3  # shaped like a date but no such day (31/02/1980, month 13)
DATE_UNREADABLE = 4  # no known form
DATE_STATUS = {DATE_MISSING: "missing", DATE_EMPTY: "empty", DATE_OK: "ok", DATE_IMPOSSIBLE: "impossible", DATE_UNREADABLE: "unreadable"}


@dataclass(frozen=True)
class DateRead:
    """SQL expressions reading one column as a date."""

    iso: sa.ColumnElement  # 'YYYY-MM-DD' for a real calendar day, NULL otherwise
    status: sa.ColumnElement  # one of the DATE_* codes


def is_typed_date(sql_type: str | None) -> bool:
    """True for a DATE, DATETIME or TIMESTAMP column type."""
    t = (sql_type or "").upper()
    return t.startswith(("DATE", "TIMESTAMP"))


def _server_typed(sql_type: str | None, dialect: str | None) -> bool:
    """The server stores real dates in this column (SQLite does not: its DATE is text)."""
    return is_typed_date(sql_type) and dialect in ("postgresql", "mysql", "mariadb")


def _t(expr: Any) -> sa.ColumnElement:
    return sa.type_coerce(expr, sa.Text)


def _substr(expr: sa.ColumnElement, start: Any, length: Any) -> sa.ColumnElement:
    return _t(sa.func.substr(expr, start, length, type_=sa.Text))


def _replace(expr: sa.ColumnElement, old: str, new: str) -> sa.ColumnElement:
    return _t(sa.func.replace(expr, old, new, type_=sa.Text))


def _length(expr: sa.ColumnElement, dialect: str | None) -> sa.ColumnElement:
    if dialect in ("mysql", "mariadb"):
        return sa.func.char_length(expr, type_=sa.Integer)
    return sa.func.length(expr, type_=sa.Integer)


def _match(expr: sa.ColumnElement, spec: str, mode: str, dialect: str | None) -> sa.ColumnElement:
    """Condition: ``expr`` follows ``spec`` ('D' = an ASCII digit, anything else itself).

    ``mode``: 'exact' (the whole text), 'date' (then the end of the text, or a
    space or 'T' and anything: a time, not read), 'prefix', 'suffix'.
    """
    if dialect == "sqlite":
        pat = "".join("[0-9]" if ch == "D" else ch for ch in spec)
        if mode == "date":
            return sa.or_(expr.op("GLOB")(pat), expr.op("GLOB")(pat + "[ T]*"))
        return expr.op("GLOB")({"exact": pat, "prefix": pat + "*", "suffix": "*" + pat}[mode])
    if dialect in ("postgresql", "mysql", "mariadb"):
        rx = "".join("[0-9]" if ch == "D" else ch for ch in spec)
        rx = {"exact": f"^{rx}$", "date": f"^{rx}([ T]|$)", "prefix": f"^{rx}", "suffix": f"{rx}$"}[mode]
        return expr.op("~" if dialect == "postgresql" else "REGEXP")(rx)
    # portable: LIKE for the shape, one comparison per character
    k = len(spec)
    length = _length(expr, dialect)
    like = spec.replace("D", "_")
    conds = [expr.like({"exact": like, "date": like + "%", "prefix": like + "%", "suffix": "%" + like}[mode])]
    first: Any = length - (k - 1) if mode == "suffix" else 1
    for i, ch in enumerate(spec):
        if ch == "D":
            conds.append(_substr(expr, first + i, 1).between("0", "9"))
    if mode == "exact":
        conds.append(length == k)
    if mode == "date":
        conds.append(sa.or_(length == k, _substr(expr, k + 1, 1).in_([" ", "T"])))
    return sa.and_(*conds)


def _inputs(col: sa.ColumnElement, sql_type: str | None, dialect: str | None, months: bool = True) -> dict[str, sa.ColumnElement]:
    """Step 1: the texts the grammar reads: trimmed text, numeric form ('-' and '.' as '/') and,
    for text with letters, the month-name form of :func:`auditor.dates.month_words`."""
    from auditor.dates import ACCENT_FOLDS

    if _server_typed(sql_type, dialect):
        return {"raw": col}
    s = _t(sa.func.trim(sa.cast(col, sa.Text), type_=sa.Text))
    n = _replace(_replace(s, "-", "/"), ".", "/")
    if not months:
        return {"raw": col, "s": s, "n": n}
    w = _t(sa.func.lower(s, type_=sa.Text))
    for a, b in ACCENT_FOLDS:
        w = _replace(w, a, b)
    w = _replace(w, ". ", " ")
    for ch in ".-/,":
        w = _replace(w, ch, " ")
    for _ in range(2):
        w = _replace(w, "  ", " ")
    # only text with letters can hold a month name: the rest skips the rewriting
    w = sa.case((sa.func.lower(s) != sa.func.upper(s), w), else_=sa.null())
    return {"raw": col, "s": s, "n": n, "w": _t(w)}


def _forms(inp: dict[str, sa.ColumnElement], dialect: str | None
           ) -> list[tuple[sa.ColumnElement, sa.ColumnElement, sa.ColumnElement, sa.ColumnElement]]:
    """(condition, year, month, day) for each written form, in the order of
    :func:`auditor.dates.read_date_text`; year has 4 digits, month and day 2."""
    from auditor.dates import MONTHS, SHAPES, shape_layout, shape_spec

    s, n, w = inp["s"], inp["n"], inp.get("w")

    def pad(e: sa.ColumnElement, width: int) -> sa.ColumnElement:
        return _t(sa.literal("0", sa.Text) + e) if width == 1 else e

    # fast path: ISO 'YYYY-MM-DD...' as written (the same result as the first numeric shape)
    forms = [(_match(s, "DDDD-DD-DD", "date", dialect), _substr(s, 1, 4), _substr(s, 6, 2), _substr(s, 9, 2))]
    for y_first, ml, dl in SHAPES:
        (ys, yl), (ms, mlen), (ds, dlen), _size = shape_layout(y_first, ml, dl)
        forms.append((_match(n, shape_spec(y_first, ml, dl), "date", dialect), _substr(n, ys, yl),
                      pad(_substr(n, ms, mlen), mlen), pad(_substr(n, ds, dlen), dlen)))
    forms.append((_match(s, "DDDDDDDD", "exact", dialect), _substr(s, 1, 4), _substr(s, 5, 2), _substr(s, 7, 2)))
    if w is not None:  # '1 mars 2019', '12 mars 2019', '1er mars 2019'
        wl = _length(w, dialect)
        year = _substr(w, wl - 3, 4)
        for dlen in (1, 2, 3):
            if dlen == 3:
                start_ok, day = _substr(w, 1, 4) == "1er ", _t(sa.literal("01", sa.Text))
            else:
                start_ok, day = _match(w, "D" * dlen + " ", "prefix", dialect), pad(_substr(w, 1, dlen), dlen)
            # a negative length is an error on PostgreSQL, whatever the other conditions say
            month_text = _substr(w, dlen + 2, sa.case((wl >= dlen + 7, wl - dlen - 6), else_=0))
            month = _t(sa.case({k: f"{v:02d}" for k, v in MONTHS.items()}, value=month_text, else_=sa.null()))
            cond = sa.and_(wl >= dlen + 7, start_ok, _match(w, " DDDD", "suffix", dialect), month_text.in_(list(MONTHS)))
            forms.append((cond, year, month, day))
    return forms


def _valid(y: sa.ColumnElement, m: sa.ColumnElement, d: sa.ColumnElement) -> sa.ColumnElement:
    """Year (4 digits), month and day (2 digits each) make a real calendar day. Compares digit
    strings of equal length (safe under any collation) and casts only for 29 February."""
    md = _t(m + d)
    yi = sa.cast(y, sa.Integer)
    leap = sa.or_(sa.and_(yi % 4 == 0, yi % 100 != 0), yi % 400 == 0)
    return sa.and_(
        y != "0000",
        md.between("0101", "1231"),
        d.between("01", "31"),
        md.not_in(["0230", "0231", "0431", "0631", "0931", "1131"]),
        sa.case((md == "0229", sa.case((leap, 1), else_=0)), else_=1) == 1,
    )


def _typed_candidate(raw: sa.ColumnElement, dialect: str | None) -> sa.ColumnElement:
    if dialect == "postgresql":
        return _t(sa.func.to_char(raw, "YYYYMMDD", type_=sa.Text))
    return _t(sa.func.date_format(raw, "%Y%m%d", type_=sa.Text))


def _candidate(inp: dict[str, sa.ColumnElement], dialect: str | None) -> dict[str, sa.ColumnElement]:
    """Step 2: 'YYYYMMDD' for the first form that matches (not yet checked as a calendar day),
    and the status when it is already known (NULL, empty)."""
    raw = inp["raw"]
    if "s" not in inp:
        return {"c": _typed_candidate(raw, dialect), "st": sa.case((raw.is_(None), DATE_MISSING), else_=sa.null())}
    cand = sa.case(*[(cond, _t(y + m + d)) for cond, y, m, d in _forms(inp, dialect)], else_=sa.null())
    st = sa.case((raw.is_(None), DATE_MISSING), (inp["s"] == "", DATE_EMPTY), else_=sa.null())
    return {"c": _t(cand), "st": st}


def _read(c: sa.ColumnElement, st: sa.ColumnElement) -> DateRead:
    """Step 3: the date and its status from the candidate."""
    y, m, d = _substr(c, 1, 4), _substr(c, 5, 2), _substr(c, 7, 2)
    valid = _valid(y, m, d)
    iso = sa.case((valid, _t(y + "-" + m + "-" + d)), else_=sa.null())
    status = sa.func.coalesce(st, sa.case((c.is_(None), DATE_UNREADABLE), (valid, DATE_OK), else_=DATE_IMPOSSIBLE))
    return DateRead(iso=_t(iso), status=status)


def read_date(col: sa.ColumnElement, sql_type: str | None = None, dialect: str | None = None) -> DateRead:
    """Read a column as a date in SQL, inline (one expression): its ISO text and a status code.

    A DATE/TIMESTAMP column on a server is formatted by the server
    (``to_char``, ``DATE_FORMAT``); anything else (text, SQLite's DATE, CSV) is
    read as text with the grammar of ``auditor.dates.read_date_text(value,
    months=False)``: ISO with or without time, ``J/M/AAAA`` and ``AAAA/M/J``
    with ``/``, ``-`` or ``.``, ``AAAAMMJJ``. Impossible days (31/02/1980) give
    a NULL date and the status DATE_IMPOSSIBLE. Month names (``12 mars
    2019``) are read only by :class:`DateReader`, which also keeps the SQL
    short by computing each step once per row: prefer it for large tables
    and for several columns. ``dialect`` (the engine's name) gives short,
    fast tests (GLOB, regular expressions).
    """
    inp = _inputs(col, sql_type, dialect, months=False)
    raw = inp["raw"]
    if "s" not in inp:
        c = _typed_candidate(raw, dialect)
        return _read(c, sa.case((raw.is_(None), DATE_MISSING), else_=sa.null()))
    forms = _forms(inp, dialect)
    iso = sa.case(*[(cond, sa.case((_valid(y, m, d), _t(y + "-" + m + "-" + d)), else_=sa.null())) for cond, y, m, d in forms],
                  else_=sa.null())
    status = sa.case(
        (raw.is_(None), DATE_MISSING),
        (inp["s"] == "", DATE_EMPTY),
        *[(cond, sa.case((_valid(y, m, d), DATE_OK), else_=DATE_IMPOSSIBLE)) for cond, y, m, d in forms],
        else_=DATE_UNREADABLE,
    )
    return DateRead(iso=_t(iso), status=status)


class DateReader:
    """Read date columns in three short steps, each computed once per row.

    ``dates`` maps a short name to (column, catalog SQL type). Put
    :attr:`columns` in a ``SELECT`` with any other columns, pass it to
    :meth:`inner`, then read each date from the returned subquery::

        r = DateReader({"d": (tab.c.date_entretien, "TEXT")}, ctx.dialect)
        sub = r.inner(sa.select(tab.c.id_usager.label("pid"), *r.columns))
        stmt = sa.select(sub.c.pid, r.read(sub, "d").iso.label("d"))

    Every other column of the first ``SELECT`` is carried through under its
    label. OFFSET 0 keeps each step from being inlined into the next one.
    """

    def __init__(self, dates: dict[str, tuple[sa.ColumnElement, str | None]], dialect: str | None) -> None:
        self.dialect = dialect
        self.names = list(dates)
        self._inputs = {name: _inputs(col, sql_type, dialect) for name, (col, sql_type) in dates.items()}
        self.columns = [e.label(f"{name}__{k}") for name, inp in self._inputs.items() for k, e in inp.items()]

    def inner(self, stmt: sa.Select[Any], name: str = "dated") -> sa.Subquery:
        """Steps 1 and 2 as nested subqueries; the result carries the other columns and each date's candidate."""
        first = stmt.offset(0).subquery(f"{name}_in")
        mine = {c.name for c in self.columns}
        keep = [c for c in first.c if c.name not in mine]
        second = []
        for dname, inp in self._inputs.items():
            cols = {k: (_t(first.c[f"{dname}__{k}"]) if k != "raw" else first.c[f"{dname}__raw"]) for k in inp}
            cand = _candidate(cols, self.dialect)
            second += [cand["c"].label(f"{dname}__c"), cand["st"].label(f"{dname}__st")]
        return sa.select(*keep, *second).offset(0).subquery(name)

    def read(self, sub: sa.Subquery, name: str) -> DateRead:
        """The date ``name`` read from the subquery made by :meth:`inner`."""
        return _read(_t(sub.c[f"{name}__c"]), sub.c[f"{name}__st"])


def iso_date(col: sa.ColumnElement, sql_type: str | None = None, dialect: str | None = None) -> sa.ColumnElement:
    """'YYYY-MM-DD' text for a real calendar day read from ``col``, NULL otherwise.

    Reads DATE/TIMESTAMP columns and dates written as text (ISO, ``J/M/AAAA``,
    ``AAAA/M/J`` with ``/``, ``-`` or ``.``, ``AAAAMMJJ``; month names only
    through :class:`DateReader`).
    Empty strings, impossible days and other forms give NULL; the retention
    check counts those separately as unusable dates. Give ``sql_type`` (the
    catalog's type) and ``dialect`` (``ctx.dialect``) when known: the server
    then formats its own DATE columns and the SQL is shorter and faster.
    """
    return read_date(col, sql_type, dialect).iso


def truthy(col: sa.ColumnElement) -> sa.ColumnElement:
    """SQL condition: the flag column holds a true-like value (1, 'oui', 'true', ...)."""
    return sa.func.lower(sa.func.trim(as_text(col))).in_(TRUE_WORDS)


def count_rows(conn: sa.Connection, table: sa.TableClause, where: sa.ColumnElement | None = None) -> int:
    """COUNT(*) of a table, optionally filtered."""
    stmt = sa.select(sa.func.count()).select_from(table)
    if where is not None:
        stmt = stmt.where(where)
    return int(conn.execute(stmt).scalar_one())
