"""Dates as they come: the Python readers and the SQL reader agree, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.dates import (
    EMPTY,
    IMPOSSIBLE,
    MISSING,
    OK,
    UNREADABLE,
    french_to_iso,
    parse_date,
    read_date_text,
)
from auditor.sqlutil import DATE_STATUS, DateReader, iso_date, read_date

FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
FR_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]

KNOWN = [
    (None, MISSING, None),
    ("", EMPTY, None),
    ("   ", EMPTY, None),
    ("2024-01-15", OK, "2024-01-15"),
    ("2024-01-15 10:30:00", OK, "2024-01-15"),
    ("2024-01-15T10:30:00+02:00", OK, "2024-01-15"),
    ("15/01/2024", OK, "2024-01-15"),
    ("5/1/2024", OK, "2024-01-05"),
    ("05-01-2024", OK, "2024-01-05"),
    ("05.01.2024", OK, "2024-01-05"),
    ("15/01/2024 08:15", OK, "2024-01-15"),
    ("2024/01/15", OK, "2024-01-15"),
    ("2024/1/5", OK, "2024-01-05"),
    ("20240115", OK, "2024-01-15"),
    ("1600000000", OK, "2020-09-13"),  # epoch seconds (UTC)
    ("1600000000000", OK, "2020-09-13"),  # epoch milliseconds
    (" 946684800 ", OK, "2000-01-01"),
    ("631151999", UNREADABLE, None),  # before 1990: not an epoch date
    ("4102444801", UNREADABLE, None),  # after 2100
    ("0712345678", UNREADABLE, None),  # a leading zero: a phone, not a time
    ("16000000000", UNREADABLE, None),  # 11 digits: neither seconds nor milliseconds
    ("12 mars 2019", OK, "2019-03-12"),
    ("1er janvier 2020", OK, "2020-01-01"),
    ("12 FÉVR. 2019", OK, "2019-02-12"),
    ("3 août 2021", OK, "2021-08-03"),
    ("12-déc-2019", OK, "2019-12-12"),
    ("29/02/2024", OK, "2024-02-29"),
    ("29/02/2000", OK, "2000-02-29"),
    ("31/02/1980", IMPOSSIBLE, None),
    ("29/02/2023", IMPOSSIBLE, None),
    ("29/02/1900", IMPOSSIBLE, None),
    ("2024-13-01", IMPOSSIBLE, None),
    ("00/01/2024", IMPOSSIBLE, None),
    ("0000-01-01", IMPOSSIBLE, None),
    ("31 avril 2020", IMPOSSIBLE, None),
    ("20241301", IMPOSSIBLE, None),
    ("mars 2019", UNREADABLE, None),
    ("2024", UNREADABLE, None),
    ("432", UNREADABLE, None),
    ("inconnue", UNREADABLE, None),
    ("15/01/24", UNREADABLE, None),
    ("15/01/2024x", UNREADABLE, None),
    ("2024-01-15garbage", UNREADABLE, None),
]


@pytest.mark.parametrize(("value", "status", "iso"), KNOWN)
def test_read_date_text_known(value: str | None, status: str, iso: str | None) -> None:
    assert read_date_text(value) == (status, iso)


def test_parse_date_is_deterministic_and_strict() -> None:
    # a bare number is never a date, and nothing depends on today's date
    for value in ["1", "12", "432", "2024", "mars 2019", "lundi", ""]:
        assert parse_date(value) is None
    assert parse_date("lundi 12 mars 2019") == dt.date(2019, 3, 12)
    assert parse_date("31/02/1980") is None
    assert parse_date(dt.datetime(2020, 5, 6, 7, 8)) == dt.date(2020, 5, 6)


def test_french_to_iso_changes_the_layout_only() -> None:
    assert french_to_iso("05/01/2024") == "2024-01-05"
    assert french_to_iso("05/01/2024 08:15") == "2024-01-05 08:15:00"
    assert french_to_iso("2024-01-05") is None
    # an impossible day keeps its numbers, and is still impossible once converted
    assert french_to_iso("31/02/1980") == "1980-02-31"
    assert read_date_text(french_to_iso("31/02/1980")) == (IMPOSSIBLE, None)


# --------------------------------------------------------------- generators
@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, dt.date]:
    """A real day written in one of the forms databases and exports use."""
    d = draw(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
    sep = draw(st.sampled_from(["/", "-", "."]))
    day = draw(st.sampled_from([f"{d.day:02d}", str(d.day)]))
    month = draw(st.sampled_from([f"{d.month:02d}", str(d.month)]))
    time = draw(st.sampled_from(["", " 10:30", " 23:59:59", "T08:00:00", "T08:00:00Z"]))
    form = draw(st.sampled_from(["iso", "dmy", "ymd", "compact", "month", "abbr", "1er"]))
    if form == "iso":
        text = f"{d.year:04d}-{d.month:02d}-{d.day:02d}{time}"
    elif form == "dmy":
        text = f"{day}{sep}{month}{sep}{d.year:04d}{time}"
    elif form == "ymd":
        text = f"{d.year:04d}{sep}{month}{sep}{day}{time}"
    elif form == "compact":
        text = f"{d.year:04d}{d.month:02d}{d.day:02d}"
    elif form in ("month", "abbr"):
        names = FR_MONTHS if form == "month" else FR_ABBR
        name = names[d.month - 1]
        name = draw(st.sampled_from([name, name.upper(), name.capitalize()]))
        text = f"{day} {name} {d.year:04d}"
    else:
        d = d.replace(day=1)
        text = f"1er {FR_MONTHS[d.month - 1]} {d.year:04d}"
    pad = draw(st.sampled_from(["", " ", "  "]))
    return pad + text + pad, d


# text built from the pieces dates are made of, to hit the edges of the grammar
PIECES = ["0", "1", "2", "9", "29", "31", "02", "13", "00", "2024", "1900", "0000", "/", "-", ".", " ", "T", ":",
          "er", "1er", "mars", "févr", "FÉVR", "août", "dec", "janv.", "x", "é", ","]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.text(alphabet="0123456789/-. Tér:ax", max_size=14),
    written_dates().map(lambda pair: pair[0]),
)


@given(written_dates())
@settings(max_examples=400)
def test_every_written_form_is_read(pair: tuple[str, dt.date]) -> None:
    text, day = pair
    assert read_date_text(text) == (OK, day.isoformat())
    assert parse_date(text) == day


@given(st.integers(1, 9999), st.integers(0, 99), st.integers(0, 99))
def test_impossible_days_are_impossible_never_errors(y: int, m: int, d: int) -> None:
    text = f"{d:02d}/{m:02d}/{y:04d}"
    try:
        real = dt.date(y, m, d)
    except ValueError:
        assert read_date_text(text) == (IMPOSSIBLE, None)
        assert parse_date(text) is None
        converted = french_to_iso(text)
        assert converted is None or read_date_text(converted) == (IMPOSSIBLE, None)
    else:
        assert read_date_text(text) == (OK, real.isoformat())


@given(texts)
@settings(max_examples=400)
def test_python_parser_reads_at_least_the_sql_grammar(text: str) -> None:
    # a bare integer (an epoch timestamp) is a date only in a column the catalog found to be one: parse_date, which
    # reads loose values, never takes a number for a date, so the comparison leaves epoch digits out
    status, iso = read_date_text(text, epoch=False)
    parsed = parse_date(text)  # never raises
    if status == OK:
        assert parsed is not None and parsed.isoformat() == iso


# --------------------------------------------------------------- SQL against Python
class SqlReaders:
    """The two SQL readers over one table of values, statements built once (they are large)."""

    def __init__(self, engine: sa.Engine, dialect: str | None) -> None:
        self.engine = engine
        meta = sa.MetaData()
        self.table = t = sa.Table("vals", meta, sa.Column("k", sa.Integer, primary_key=True), sa.Column("v", sa.Text))
        with engine.begin() as conn:
            meta.drop_all(conn)
            meta.create_all(conn)
        reader = DateReader({"d": (t.c.v, "TEXT")}, dialect)
        sub = reader.inner(sa.select(t.c.k.label("k"), *reader.columns))
        r = reader.read(sub, "d")
        inline = read_date(t.c.v, "TEXT", dialect)
        self.full = sa.select(sub.c.k, r.status, r.iso)
        self.inline = sa.select(t.c.k, inline.status, iso_date(t.c.v, "TEXT", dialect))

    def check(self, values: list[str | None]) -> None:
        """Both readers give exactly the Python reference for each value."""
        with self.engine.begin() as conn:
            conn.execute(self.table.delete())
            conn.execute(self.table.insert(), [{"k": i, "v": v} for i, v in enumerate(values)])
        with self.engine.connect() as conn:
            full = {k: (DATE_STATUS[st], iso) for k, st, iso in conn.execute(self.full)}
            inline = {k: (DATE_STATUS[st], iso) for k, st, iso in conn.execute(self.inline)}
        for i, value in enumerate(values):
            assert full[i] == read_date_text(value), value
            assert inline[i] == read_date_text(value, months=False), value


@pytest.fixture(scope="module")
def sqlite_readers() -> SqlReaders:
    return SqlReaders(sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool), "sqlite")


@pytest.fixture(scope="module")
def portable_readers() -> SqlReaders:
    return SqlReaders(sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool), None)


def test_sql_reader_known_values_sqlite(sqlite_readers: SqlReaders, portable_readers: SqlReaders) -> None:
    values = [v for v, _s, _i in KNOWN]
    sqlite_readers.check(values)
    portable_readers.check(values)


@given(st.lists(st.one_of(st.none(), texts), min_size=1, max_size=30))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_sql_reader_equals_python_reference_sqlite(sqlite_readers: SqlReaders, values: list[str | None]) -> None:
    sqlite_readers.check(values)


@given(st.lists(texts, min_size=1, max_size=20))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_portable_sql_reader_equals_python_reference(portable_readers: SqlReaders, values: list[str]) -> None:
    portable_readers.check(values)


@pytest.mark.postgres
def test_sql_reader_on_postgresql(pg) -> None:  # noqa: ANN001 - fixture
    pg.create_database("dates_reader")
    engine = pg.admin_engine("dates_reader")
    try:
        rng = random.Random(7)  # a fixed sample of texts built from the pieces of dates
        values = [v for v, _s, _i in KNOWN]
        values += ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 7))) for _ in range(400)]
        for dialect in ("postgresql", None):
            SqlReaders(engine, dialect).check(values)
        # DATE and TIMESTAMP columns are formatted by the server
        with engine.begin() as conn:
            conn.execute(sa.text("create table typed(d date, ts timestamp)"))
            conn.execute(sa.text("insert into typed values ('2024-02-29', '2023-12-31 23:59:59'), (NULL, NULL)"))
        t = sa.table("typed", sa.column("d"), sa.column("ts"))
        reader = DateReader({"a": (t.c.d, "DATE"), "b": (t.c.ts, "TIMESTAMP")}, "postgresql")
        sub = reader.inner(sa.select(*reader.columns))
        a, b = reader.read(sub, "a"), reader.read(sub, "b")
        with engine.connect() as conn:
            conn.execute(sa.text("set datestyle = 'SQL, MDY'"))  # a server's display style must not matter
            got = sorted(conn.execute(sa.select(a.status, a.iso, b.status, b.iso)).all(), key=lambda r: r[0])
        assert got == [(0, None, 0, None), (2, "2024-02-29", 2, "2023-12-31")]
    finally:
        engine.dispose()
