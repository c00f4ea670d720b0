"""Portable SQL building blocks for checks (SQLite, PostgreSQL, MySQL).

Everything here builds SQLAlchemy Core expressions: names are always quoted by
SQLAlchemy, never pasted into SQL strings.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles

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
    written_iso: sa.ColumnElement | None = None  # 1 when stored as a date or written 'YYYY-MM-DD...' (DateReader only)


def is_typed_date(sql_type: str | None) -> bool:
    """True for a DATE, DATETIME or TIMESTAMP column type."""
    t = (sql_type or "").upper()
    return t.startswith(("DATE", "TIMESTAMP"))


class _EpochDay(sa.sql.functions.FunctionElement):  # type: ignore[type-arg]
    """'YYYY-MM-DD' (UTC) of an integer number of seconds since 1970, written per dialect."""

    type = sa.Text()
    name = "epoch_day"
    inherit_cache = True


@compiles(_EpochDay)
def _epoch_day_default(el: Any, compiler: Any, **kw: Any) -> str:
    return "NULL"  # a dialect not listed: epoch integers are not read


@compiles(_EpochDay, "sqlite")
def _epoch_day_sqlite(el: Any, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(next(iter(el.clauses)), **kw)}, 'unixepoch')"


@compiles(_EpochDay, "postgresql")
def _epoch_day_pg(el: Any, compiler: Any, **kw: Any) -> str:
    return f"to_char(to_timestamp({compiler.process(next(iter(el.clauses)), **kw)}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


@compiles(_EpochDay, "mysql")
@compiles(_EpochDay, "mariadb")
def _epoch_day_mysql(el: Any, compiler: Any, **kw: Any) -> str:
    # FROM_UNIXTIME() gives the session time zone's day: seconds are added to 1970-01-01 00:00 instead (UTC)
    fmt = compiler.process(sa.literal("%Y-%m-%d"), **kw)
    start = compiler.process(sa.literal("1970-01-01 00:00:00"), **kw)
    return f"DATE_FORMAT(TIMESTAMPADD(SECOND, {compiler.process(next(iter(el.clauses)), **kw)}, CAST({start} AS DATETIME)), {fmt})"


class _AllDigits(sa.sql.expression.ColumnElement):  # type: ignore[type-arg]
    """Condition: the text is one or more ASCII digits, written per dialect."""

    type = sa.Boolean()
    inherit_cache = True

    def __init__(self, expr: sa.ColumnElement) -> None:
        self.expr = expr


@compiles(_AllDigits)
def _all_digits_default(el: Any, compiler: Any, **kw: Any) -> str:
    return "(1 = 0)"  # a dialect not listed: epoch integers are not read


@compiles(_AllDigits, "sqlite")
def _all_digits_sqlite(el: Any, compiler: Any, **kw: Any) -> str:
    e = compiler.process(el.expr, **kw)
    return f"({e} <> '' AND {e} NOT GLOB '*[^0-9]*')"


@compiles(_AllDigits, "postgresql")
def _all_digits_pg(el: Any, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(el.expr, **kw)} ~ '^[0-9]+$')"


@compiles(_AllDigits, "mysql")
@compiles(_AllDigits, "mariadb")
def _all_digits_mysql(el: Any, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(el.expr, **kw)} REGEXP '^[0-9]+$')"


EPOCH_LENGTHS = (9, 10, 12, 13)


def _epoch_digits(col: Any) -> sa.ColumnElement:
    """The whole part of an epoch timestamp as text: the value itself, or what precedes a point
    followed by digits only (a REAL column's « 1631939071.59 », « 1631939071592.0 »)."""
    t = _t(sa.func.trim(sa.cast(col, sa.Text), type_=sa.Text))
    cases = []
    for k in EPOCH_LENGTHS:
        frac = _substr(t, k + 2, 40)
        cases.append((sa.and_(_substr(t, k + 1, 1) == ".", frac != "", _AllDigits(frac)), _substr(t, 1, k)))
    return _t(sa.case(*cases, else_=t))


def epoch_day(col: Any) -> sa.ColumnElement:
    """'YYYY-MM-DD' (UTC) from an epoch timestamp: seconds since 1970 between 1990 and 2100, or
    the same in milliseconds, whole or with decimals after a point (not read); NULL for anything
    else. Used only on columns the catalog or the model already holds for dates (the catalog
    decides on a whole column's values), so a count or an identifier is never read this way."""
    from auditor.dates import EPOCH_S

    t = _epoch_digits(col)
    n = sa.cast(t, sa.BigInteger)
    lo, hi = EPOCH_S
    inner = sa.case((n.between(lo, hi), _EpochDay(n)),
                    (n.between(lo * 1000, hi * 1000), _EpochDay(n // 1000)), else_=sa.null())
    shape = sa.and_(sa.func.length(t).in_(list(EPOCH_LENGTHS)), _substr(t, 1, 1) != "0", _AllDigits(t))
    return _t(sa.case((shape, inner), else_=sa.null()))


def epoch_seconds(col: Any) -> sa.ColumnElement:
    """Whole seconds since 1970 from the same epoch timestamps as :func:`epoch_day`
    (milliseconds divided down, decimals dropped); NULL for anything else."""
    from auditor.dates import EPOCH_S

    t = _epoch_digits(col)
    n = sa.cast(t, sa.BigInteger)
    lo, hi = EPOCH_S
    inner = sa.case((n.between(lo, hi), n), (n.between(lo * 1000, hi * 1000), n // 1000), else_=sa.null())
    shape = sa.and_(sa.func.length(t).in_(list(EPOCH_LENGTHS)), _substr(t, 1, 1) != "0", _AllDigits(t))
    return sa.type_coerce(sa.case((shape, inner), else_=sa.null()), sa.BigInteger)


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


SEPARATORS = ("-", "/", ".")


def _match(expr: sa.ColumnElement, spec: str, mode: str, dialect: str | None) -> sa.ColumnElement:
    """Condition: ``expr`` follows ``spec`` ('D' = an ASCII digit, 'S' = one of '-', '/', '.',
    anything else itself).

    ``mode``: 'exact' (the whole text), 'date' (then the end of the text, or a
    space or 'T' and anything: a time, not read), 'prefix', 'suffix'.
    """
    if dialect == "sqlite":
        pat = "".join({"D": "[0-9]", "S": "[./-]"}.get(ch, ch) for ch in spec)
        if mode == "date":
            return sa.or_(expr.op("GLOB")(pat), expr.op("GLOB")(pat + "[ T]*"))
        return expr.op("GLOB")({"exact": pat, "prefix": pat + "*", "suffix": "*" + pat}[mode])
    if dialect in ("postgresql", "mysql", "mariadb"):
        rx = "".join({"D": "[0-9]", "S": "[-/.]", ".": "\\."}.get(ch, ch) for ch in spec)
        rx = {"exact": f"^{rx}$", "date": f"^{rx}([ T]|$)", "prefix": f"^{rx}", "suffix": f"{rx}$"}[mode]
        return expr.op("~" if dialect == "postgresql" else "REGEXP")(rx)
    # portable: LIKE for the shape, one comparison per character
    k = len(spec)
    length = _length(expr, dialect)
    like = "".join("_" if ch in "DS" else ch for ch in spec)
    conds = [expr.like({"exact": like, "date": like + "%", "prefix": like + "%", "suffix": "%" + like}[mode])]
    first: Any = length - (k - 1) if mode == "suffix" else 1
    for i, ch in enumerate(spec):
        if ch == "D":
            conds.append(_substr(expr, first + i, 1).between("0", "9"))
        elif ch == "S":
            conds.append(_substr(expr, first + i, 1).in_(SEPARATORS))
    if mode == "exact":
        conds.append(length == k)
    if mode == "date":
        conds.append(sa.or_(length == k, _substr(expr, k + 1, 1).in_([" ", "T"])))
    return sa.and_(*conds)


def _has_letter(s: sa.ColumnElement, dialect: str | None) -> sa.ColumnElement:
    """Condition: the text holds an ASCII letter (only such text can hold a month name)."""
    if dialect == "sqlite":
        return s.op("GLOB")("*[A-Za-z]*")
    if dialect == "postgresql":
        return s.op("~")("[A-Za-z]")
    if dialect in ("mysql", "mariadb"):
        return s.op("REGEXP")("[A-Za-z]")
    return sa.func.lower(s) != sa.func.upper(s)


def _month_words(s: sa.ColumnElement) -> sa.ColumnElement:
    """SQL for :func:`auditor.dates.month_words`: lower case, accents folded, separators as single spaces."""
    from auditor.dates import ACCENT_FOLDS

    w = _t(sa.func.lower(s, type_=sa.Text))
    for a, b in ACCENT_FOLDS:
        w = _replace(w, a, b)
    w = _replace(w, ". ", " ")
    for ch in ".-/,":
        w = _replace(w, ch, " ")
    for _ in range(2):
        w = _replace(w, "  ", " ")
    return w


def _text(raw: sa.ColumnElement) -> tuple[sa.ColumnElement, sa.ColumnElement]:
    """(the value as text, the same trimmed)."""
    t = _t(sa.cast(raw, sa.Text))
    return t, _t(sa.func.trim(t, type_=sa.Text))


def _pad(e: sa.ColumnElement, width: int) -> sa.ColumnElement:
    return _t(sa.literal("0", sa.Text) + e) if width == 1 else e


def _iso(y: sa.ColumnElement, m: sa.ColumnElement, d: sa.ColumnElement) -> sa.ColumnElement:
    return _t(y + "-" + m + "-" + d)


def _numeric_groups(raw: sa.ColumnElement, dialect: str | None) -> list[tuple[sa.ColumnElement | None, list[tuple[sa.ColumnElement, sa.ColumnElement]]]]:
    """Numeric forms in the order of :func:`auditor.dates.read_date_text`, in groups: (gate or
    None, [(condition, 'YYYY-MM-DD' text not yet checked as a calendar day)]). A gate is a cheap
    test that every form of its group needs. The first test reads the value as stored (most
    values are ISO); trimming is done only for the others."""
    from auditor.dates import SHAPES, shape_layout, shape_spec

    t, s = _text(raw)

    def shape(y_first: bool, ml: int, dl: int) -> tuple[sa.ColumnElement, sa.ColumnElement]:
        (ys, yl), (ms, mlen), (ds, dlen), _size = shape_layout(y_first, ml, dl)
        spec = shape_spec(y_first, ml, dl).replace("/", "S")
        return (_match(s, spec, "date", dialect),
                _iso(_substr(s, ys, yl), _pad(_substr(s, ms, mlen), mlen), _pad(_substr(s, ds, dlen), dlen)))

    return [
        # fast path: ISO 'YYYY-MM-DD...' as stored (the same result as the first numeric shape)
        (None, [(_match(t, "DDDD-DD-DD", "date", dialect), _substr(t, 1, 10))]),
        (_match(s, "DDDDS", "prefix", dialect), [shape(*sh) for sh in SHAPES if sh[0]]),
        (sa.or_(_match(s, "DS", "prefix", dialect), _match(s, "DDS", "prefix", dialect)),
         [shape(*sh) for sh in SHAPES if not sh[0]]),
        (None, [(_match(s, "DDDDDDDD", "exact", dialect), _iso(_substr(s, 1, 4), _substr(s, 5, 2), _substr(s, 7, 2)))]),
        # integer epoch timestamps (seconds or milliseconds since 1970, 1990..2100)
        (None, [(epoch_day(s).is_not(None), epoch_day(s))]),
    ]


def _numeric_candidate(raw: sa.ColumnElement, dialect: str | None) -> sa.ColumnElement:
    """'YYYY-MM-DD' from the numeric forms, else NULL. COALESCE stops at the first group that
    gives a value; a group whose gate fails costs one test."""
    parts = []
    for gate, forms in _numeric_groups(raw, dialect):
        inner = sa.case(*forms, else_=sa.null())
        parts.append(inner if gate is None else sa.case((gate, inner), else_=sa.null()))
    return _t(sa.func.coalesce(*parts, type_=sa.Text))


def _month_forms(w: sa.ColumnElement, dialect: str | None) -> list[tuple[sa.ColumnElement, sa.ColumnElement]]:
    """'1 mars 2019', '12 mars 2019', '1er mars 2019' read from the month-name form ``w``."""
    from auditor.dates import MONTHS

    wl = _length(w, dialect)
    year = _substr(w, wl - 3, 4)
    forms = []
    for dlen in (1, 2, 3):
        if dlen == 3:
            start_ok, day = _substr(w, 1, 4) == "1er ", _t(sa.literal("01", sa.Text))
        else:
            start_ok, day = _match(w, "D" * dlen + " ", "prefix", dialect), _pad(_substr(w, 1, dlen), dlen)
        # a negative length is an error on PostgreSQL, whatever the other conditions say
        month_text = _substr(w, dlen + 2, sa.case((wl >= dlen + 7, wl - dlen - 6), else_=0))
        month = _t(sa.case({k: f"{v:02d}" for k, v in MONTHS.items()}, value=month_text, else_=sa.null()))
        cond = sa.and_(w.is_not(None), wl >= dlen + 7, start_ok, _match(w, " DDDD", "suffix", dialect),
                       month_text.in_(list(MONTHS)))
        forms.append((cond, _iso(year, month, day)))
    return forms


def _valid(c: sa.ColumnElement, dialect: str | None) -> sa.ColumnElement:
    """Condition: 'YYYY-MM-DD' (digits already checked) is a real calendar day, year 1 to 9999.

    SQLite: date(c, '+0 days') gives the same text back only for a real day. Elsewhere: digit
    strings of equal length compared (safe under any collation), a cast only for 29 February.
    """
    if dialect == "sqlite":
        return sa.and_(sa.func.date(c, "+0 days", type_=sa.Text) == c, _substr(c, 1, 4) != "0000")
    y, md, d = _substr(c, 1, 4), _t(_substr(c, 6, 2) + _substr(c, 9, 2)), _substr(c, 9, 2)
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
        return _t(sa.func.to_char(raw, "YYYY-MM-DD", type_=sa.Text))
    return _t(sa.func.date_format(raw, "%Y-%m-%d", type_=sa.Text))


def _read(raw: sa.ColumnElement, c: sa.ColumnElement, dialect: str | None) -> DateRead:
    """The date and its status from the value and its candidate (an empty text never has one)."""
    valid = _valid(c, dialect)
    iso = sa.case((valid, c), else_=sa.null())
    status = sa.case(
        (raw.is_(None), DATE_MISSING),
        (c.is_not(None), sa.case((valid, DATE_OK), else_=DATE_IMPOSSIBLE)),
        (sa.func.trim(sa.cast(raw, sa.Text)) == "", DATE_EMPTY),
        else_=DATE_UNREADABLE,
    )
    written_iso = sa.case((sa.and_(c.is_not(None), c == _substr(_t(sa.cast(raw, sa.Text)), 1, 10)), 1), else_=0)
    return DateRead(iso=_t(iso), status=status, written_iso=written_iso)


def read_date(col: sa.ColumnElement, sql_type: str | None = None, dialect: str | None = None) -> DateRead:
    """Read a column as a date in SQL, inline (one expression): its ISO text and a status code.

    A DATE/TIMESTAMP column on a server is formatted by the server
    (``to_char``, ``DATE_FORMAT``); anything else (text, SQLite's DATE, CSV) is
    read as text with the grammar of ``auditor.dates.read_date_text(value,
    months=False)``: ISO with or without time, ``J/M/AAAA`` and ``AAAA/M/J``
    with ``/``, ``-`` or ``.``, ``AAAAMMJJ``. Impossible days (31/02/1980) give
    a NULL date and the status DATE_IMPOSSIBLE. Month names (``12 mars
    2019``) are read only by :class:`DateReader`, which also computes each
    value once per row: prefer it for large tables and for several columns.
    ``dialect`` (the engine's name) gives short, fast tests (GLOB, regular
    expressions).
    """
    if _server_typed(sql_type, dialect):
        return _read(col, _typed_candidate(col, dialect), dialect)
    forms = [f for _gate, group in _numeric_groups(col, dialect) for f in group]
    iso = sa.case(*[(cond, sa.case((_valid(text, dialect), text), else_=sa.null())) for cond, text in forms], else_=sa.null())
    status = sa.case(
        (col.is_(None), DATE_MISSING),
        *[(cond, sa.case((_valid(text, dialect), DATE_OK), else_=DATE_IMPOSSIBLE)) for cond, text in forms],
        (sa.func.trim(sa.cast(col, sa.Text)) == "", DATE_EMPTY),
        else_=DATE_UNREADABLE,
    )
    return DateRead(iso=_t(iso), status=status)


FENCE_DIALECTS = ("sqlite", "postgresql", "mysql", "mariadb")


def fence(stmt: sa.Select[Any], dialect: str | None) -> sa.Select[Any]:
    """``OFFSET 0``: keeps the engine from inlining a subquery and computing it again for each use.
    SQL Server accepts OFFSET only after an ORDER BY: there it is ``ORDER BY (SELECT NULL) OFFSET 0 ROWS``."""
    if dialect is None or dialect in FENCE_DIALECTS:
        return stmt.offset(0)
    if dialect == "mssql":
        return stmt.order_by(sa.literal_column("(SELECT NULL)")).offset(0)
    return stmt.offset(0)


class DateReader:
    """Read date columns in steps, each computed once per row (SQL stays short).

    ``dates`` maps a short name to (column, catalog SQL type). Put
    :attr:`columns` in a ``SELECT`` with any other columns, pass it to
    :meth:`inner`, then read each date from the returned subquery::

        r = DateReader({"d": (tab.c.date_entretien, "TEXT")}, ctx.dialect)
        sub = r.inner(sa.select(tab.c.id_usager.label("pid"), *r.columns))
        stmt = sa.select(sub.c.pid, r.read(sub, "d").iso.label("d"))

    Step 1 reads the numeric forms; step 2 prepares the month-name form of the
    values that are none of them and hold a letter; step 3 reads month names;
    step 4 checks the calendar day and gives the day, the status and whether
    the value was written as ISO, as plain columns. Every other column of the
    ``SELECT`` is carried through under its label. OFFSET 0 keeps the
    database from computing a step again for each use in the next one.
    """

    def __init__(self, dates: dict[str, tuple[sa.ColumnElement, str | None]], dialect: str | None) -> None:
        self.dialect = dialect
        self.names = list(dates)
        self._types = {name: sql_type for name, (_col, sql_type) in dates.items()}
        self.columns = [col.label(f"{name}__raw") for name, (col, _t2) in dates.items()]

    def inner(self, stmt: sa.Select[Any], name: str = "dated") -> sa.CTE:
        """The rows of ``stmt`` with, for each date, its ISO day, its status and whether it was written
        as ISO, each computed once per row.

        The steps are common table expressions (WITH), so that the SQL stays flat however
        deep the caller nests it (SQLite's parser has a small stack); ``name`` must be unique
        within one statement."""
        first = stmt.subquery(f"{name}_in")
        typed = {d: _server_typed(self._types[d], self.dialect) for d in self.names}
        step1 = []
        for d in self.names:
            raw = first.c[f"{d}__raw"]
            step1.append((_typed_candidate(raw, self.dialect) if typed[d] else _numeric_candidate(raw, self.dialect)).label(f"{d}__c"))
        cur = fence(sa.select(*first.c, *step1), self.dialect).cte(f"{name}_num")
        if not all(typed.values()):
            # the month-name form, only for the values that are no numeric date and hold a letter
            step2 = []
            for d in self.names:
                raw, c = cur.c[f"{d}__raw"], cur.c[f"{d}__c"]
                if typed[d]:
                    step2.append(sa.null().label(f"{d}__w"))
                else:
                    _t2, s = _text(raw)
                    step2.append(_t(sa.case((c.is_not(None), sa.null()), (_has_letter(s, self.dialect), _month_words(s)),
                                            else_=sa.null())).label(f"{d}__w"))
            words = fence(sa.select(*cur.c, *step2), self.dialect).cte(f"{name}_words")
            step3 = []
            for d in self.names:
                c, w = _t(words.c[f"{d}__c"]), _t(words.c[f"{d}__w"])
                months = sa.case(*_month_forms(w, self.dialect), else_=sa.null())
                step3.append(_t(sa.case((c.is_not(None), c), (w.is_(None), sa.null()), else_=months)).label(f"{d}__c"))
            drop = {f"{d}__{k}" for d in self.names for k in ("c", "w")}
            cur = fence(sa.select(*[col for col in words.c if col.name not in drop], *step3), self.dialect).cte(f"{name}_months")
        # the calendar check, once per row
        final = []
        for d in self.names:
            r = _read(cur.c[f"{d}__raw"], _t(cur.c[f"{d}__c"]), self.dialect)
            final += [r.iso.label(f"{d}__iso"), r.status.label(f"{d}__st"), r.written_iso.label(f"{d}__fmt")]
        drop = {f"{d}__c" for d in self.names}
        return fence(sa.select(*[col for col in cur.c if col.name not in drop], *final), self.dialect).cte(name)

    def read(self, sub: sa.CTE | sa.Subquery, name: str) -> DateRead:
        """The date ``name`` read from the result of :meth:`inner`: plain column references."""
        return DateRead(iso=_t(sub.c[f"{name}__iso"]), status=sub.c[f"{name}__st"], written_iso=sub.c[f"{name}__fmt"])


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
