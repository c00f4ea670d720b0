"""Epoch timestamps beyond whole integers: stored as REAL (seconds or milliseconds with decimals, as an
application writing ``time.time()`` does), exported to CSV (digits as text), and read on MariaDB whatever
the session's time zone (the day is the UTC day, as on SQLite and PostgreSQL).

The expected days are computed here with ``datetime`` in UTC, and the planted figures by plain SQL on the
SQLite file (``date(x, 'unixepoch')``, tests/zoo/generate.py), independently of the auditor's readers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.dates import OK, UNREADABLE, read_date_text
from auditor.sqlutil import epoch_day, epoch_seconds, read_date
from bench.eval_zoo import export_csv
from tests.catalog.test_epoch_dates import STYLE, _assert_figures, _kinds, _scan
from tests.zoo import generate as zoo

# one second before midnight UTC: a reader in any other time zone gives another day
LAST_SECOND = 1_600_041_599  # 2020-09-13 23:59:59 UTC
VALUES: list[object] = [1_600_000_200, LAST_SECOND, LAST_SECOND + 0.75, f"{LAST_SECOND}", f"{LAST_SECOND}.5", LAST_SECOND * 1000 + 999,
                        LAST_SECOND * 1000 + 999.5, 946_684_799.9, 631_151_999.5, 42.5, "1600041599.", "1600041599.5x", None]


def utc_day(v: object) -> str | None:
    """The UTC day of an epoch value (seconds, or milliseconds above 10^11), by ``datetime``; None out of 1990..2100."""
    if v is None:
        return None
    try:
        x = float(str(v))
    except ValueError:
        return None
    if str(v).endswith("."):
        return None  # a point with no decimals after it is no number the readers take
    secs = int(x // 1000) if x >= 1e11 else int(x)
    if not 631_152_000 <= secs <= 4_102_444_800:
        return None
    return dt.datetime.fromtimestamp(secs, dt.timezone.utc).date().isoformat()


def _literal(v: object) -> sa.ColumnElement:
    if isinstance(v, float):
        return sa.literal(v, sa.Float)
    if isinstance(v, int):
        return sa.literal(v, sa.BigInteger)
    return sa.literal(v, sa.Text)


def _days(conn: sa.Connection) -> list[tuple[str | None, int | None]]:
    return [tuple(conn.execute(sa.select(epoch_day(_literal(v)), epoch_seconds(_literal(v)))).one()) for v in VALUES]


def _expected() -> list[tuple[str | None, int | None]]:
    out = []
    for v in VALUES:
        day = utc_day(v)
        secs = None if day is None else (int(float(str(v)) // 1000) if float(str(v)) >= 1e11 else int(float(str(v))))
        out.append((day, secs))
    return out


def test_the_expected_days_are_not_all_the_same() -> None:
    """Else the comparisons below prove nothing: the last second of a day, REAL values and out-of-range values."""
    days = [d for d, _s in _expected()]
    assert days[1] == "2020-09-13" and days[2] == "2020-09-13" and days[5] == "2020-09-13"
    assert days[7] == "1999-12-31" and days[8] is None and days[9] is None


@pytest.mark.parametrize("v", [v for v in VALUES if v is not None], ids=str)
def test_python_reader_reads_epochs_with_decimals(v: object) -> None:
    status, day = read_date_text(str(v))
    assert (status, day) == ((OK, utc_day(v)) if utc_day(v) else (UNREADABLE, None))


def test_sql_readers_on_sqlite() -> None:
    eng = sa.create_engine("sqlite://")
    with eng.connect() as conn:
        assert _days(conn) == _expected()
        # the general date reader goes through the same epoch reading for a REAL or a TEXT column
        for v in (LAST_SECOND + 0.75, f"{LAST_SECOND * 1000}.25"):
            r = read_date(_literal(v), "REAL" if isinstance(v, float) else "TEXT", "sqlite")
            assert conn.execute(sa.select(r.iso)).scalar() == "2020-09-13"


@pytest.mark.postgres
def test_sql_readers_on_postgresql_in_a_far_time_zone(pg) -> None:
    pg.create_database("epoch_real")
    eng = pg.admin_engine("epoch_real")
    try:
        with eng.connect() as conn:
            conn.execute(sa.text("SET TIME ZONE 'Pacific/Kiritimati'"))  # UTC+14
            assert _days(conn) == _expected()
    finally:
        eng.dispose()


# ---------------------------------------------------------------- a database with REAL timestamps
def _to_real(path: Path) -> None:
    """The log's epoch seconds and the visits' epoch milliseconds rewritten as REAL with decimals (same UTC day)."""
    con = sqlite3.connect(path)
    for table, col, extra in (("read_log", "opened_at", 0.37), ("visit", "visited_ms", 0.5)):
        con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{col}_r" REAL')
        con.execute(f'UPDATE "{table}" SET "{col}_r" = "{col}" + {extra}')
        con.execute(f'ALTER TABLE "{table}" DROP COLUMN "{col}"')
        con.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{col}_r" TO "{col}"')
    con.commit()
    con.close()


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("epoch_real") / "member_app_real.sqlite"
    zoo.render(zoo.world(STYLE["seed"], STYLE), STYLE, path)
    _to_real(path)
    exp = zoo.expected(path, STYLE)  # plain SQL on the REAL values (date(x, 'unixepoch') reads them)
    exp["compliant"] = False
    return path, exp


def test_the_file_holds_real_values(real_db) -> None:
    path, exp = real_db
    con = sqlite3.connect(path)
    assert con.execute("SELECT typeof(opened_at), typeof(visited_ms) FROM read_log, visit LIMIT 1").fetchone() == ("real", "real")
    assert con.execute("SELECT count(*) FROM read_log WHERE opened_at = CAST(opened_at AS INTEGER)").fetchone() == (0,)
    con.close()
    assert exp["log_past_period"] > 0 and exp["reads_after_departure"] > 0 and exp["persons_past_period"] > 0


def test_real_epoch_columns_are_dates_and_figures_exact(real_db) -> None:
    path, exp = real_db
    k = _kinds(str(path))
    assert k[("read_log", "opened_at")] == "date" and k[("visit", "visited_ms")] == "date"
    _assert_figures(_scan(str(path)), exp)


def test_csv_exports_of_epoch_databases(real_db, tmp_path: Path) -> None:
    """The same databases exported to CSV: epoch digits (and digits with decimals) are text in the files."""
    path, exp = real_db
    plain = tmp_path / "member_app.sqlite"
    zoo.render(zoo.world(STYLE["seed"], STYLE), STYLE, plain)
    plain_exp = {**zoo.expected(plain, STYLE), "compliant": False}
    for db, want, name in ((plain, plain_exp, "entiers"), (path, exp, "reels")):
        folder = export_csv(db, tmp_path / name)
        head = (folder / "read_log.csv").read_text(encoding="utf-8").splitlines()[1]
        assert any(x.isdigit() and len(x) == 10 for x in head.replace(".", ",").split(",")), head
        k = _kinds(str(folder))
        assert k[("read_log", "opened_at")] == "date" and k[("visit", "visited_ms")] == "date", name
        _assert_figures(_scan(str(folder)), want)


# ---------------------------------------------------------------- MariaDB: the UTC day, whatever the session's time zone
def test_sql_readers_on_mariadb_whatever_the_time_zone(mariadb) -> None:
    admin = mariadb["admin"]
    with admin.connect() as conn:
        for tz in ("+13:00", "-11:00", "+00:00"):
            conn.execute(sa.text(f"SET time_zone = '{tz}'"))
            assert _days(conn) == _expected(), tz


def test_figures_on_mariadb_in_another_time_zone(mariadb, real_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The REAL database copied into MariaDB (DOUBLE columns), the server's time zone far from UTC: the same figures."""
    from tests.mariadbserver import AUDIT_PASS, load

    path, exp = real_db
    admin = mariadb["admin"]
    load(admin, mariadb["socket"], path, "epoch_members", real=True)
    with admin.connect() as c:
        for stmt in ("SET GLOBAL time_zone = '+13:00'", "DROP USER IF EXISTS 'auditeur'@'127.0.0.1'",
                     f"CREATE USER 'auditeur'@'127.0.0.1' IDENTIFIED BY '{AUDIT_PASS}'",
                     "GRANT SELECT ON epoch_members.* TO 'auditeur'@'127.0.0.1'"):
            c.execute(sa.text(stmt))
        assert c.execute(sa.text("SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'epoch_members' "
                                 "AND TABLE_NAME = 'read_log' AND COLUMN_NAME = 'opened_at'")).scalar() == "double"
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", AUDIT_PASS)
    spec = f"mysql+pymysql://auditeur@127.0.0.1:{mariadb['port']}/epoch_members"
    pol = tmp_path / "politique.toml"
    pol.write_text("[audit]\nquery_timeout_s = 0\n", encoding="utf-8")
    k = _kinds(spec)
    assert k[("read_log", "opened_at")] == "date" and k[("visit", "visited_ms")] == "date"
    _assert_figures(list(zoo_scan(spec, pol)), exp)


def zoo_scan(spec: str, pol: Path) -> list:
    from auditor.api import audit

    return list(audit(spec, checks=["access", "retention"], as_of=zoo.AS_OF, policy_path=pol, interactive=False).findings)




@pytest.mark.postgres
def test_real_epoch_figures_on_postgresql(real_db, pg, monkeypatch: pytest.MonkeyPatch) -> None:
    """The REAL database copied into PostgreSQL (double precision columns): the same kinds and figures."""
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, exp = real_db
    kinds = to_pg.load(pg, path, "epoch_members_real")
    assert kinds["read_log"]["opened_at"] == "float" and kinds["visit"]["visited_ms"] == "float"
    url = pg.url_without_password("epoch_members_real", SUPERUSER)
    k = _kinds(url)
    assert k[("read_log", "opened_at")] == "date" and k[("visit", "visited_ms")] == "date"
    _assert_figures(_scan(url), exp)
