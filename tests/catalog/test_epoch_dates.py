"""Integer epoch timestamps (seconds or milliseconds since 1970) read as dates, decided by their values.

The database is written by the zoo generator in a naming style of its own (a member app's backend):
log lines in epoch seconds (``read_log.opened_at``), every other date in epoch milliseconds
(``visit.visited_ms``, ``member.closed_ms``...). The figures are counted by plain SQL on the file
(``date(x, 'unixepoch')``), independently of the auditor. Hard negatives: counts, phone numbers and
NIR stored as integers, and small integers are never dates.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.catalog import build_catalog
from auditor.catalog.classify import decide, time_clue
from auditor.catalog.values import value_stats
from auditor.sources import open_source
from bench.eval_zoo import score
from tests.zoo import generate as zoo

STYLE = zoo._style(
    seed=8181, plant={**zoo.PROBLEMS, "generic": ["frontdesk", "helpdesk.shared"]}, fk=True,
    unit_names=["Pier", "Meadow", "Quarry", "Orchard"],
    tables={"units": "branch", "workers": "staff_account", "persons": "member", "contacts": "visit",
            "assign_person": "member_staff_link", "log": "read_log", "grants": "staff_grant"},
    cols={"units": {"id": "branch_id", "name": "branch_label", "region": "zone"},
          "workers": {"id": "staff_id", "login": "handle", "last": "surname", "first": "given_name", "role": "job",
                      "unit": "branch_id", "active": "enabled", "departure": "left_at", "pwd": "secret_digest"},
          "persons": {"id": "member_id", "file": "member_ref", "last": "surname", "first": "given_name", "birth": "born",
                      "unit": "branch_id", "created": "joined_ms", "archived": "is_archived", "closed": "closed_ms"},
          "contacts": {"id": "visit_id", "person": "member_id", "worker": "staff_id", "date": "visited_ms", "note": "remarks"},
          "assign_person": {"id": "link_id", "worker": "staff_id", "person": "member_id", "start": "from_ms", "end": "until_ms"},
          "log": {"id": "line_id", "worker": "staff_id", "person": "member_id", "ts": "opened_at", "action": "verb"},
          "grants": {"id": "grant_id", "role": "job", "object": "area", "scope": "reach", "read": "can_read"}},
    roles={"social": "Case Worker", "manager": "Branch Manager", "secretary": "Clerk"},
    scopes={"caseload": "assigned members", "unit": "branch", "wide": "all zones"},
    objects={"contacts": "visit", "persons": "member"},
    actions={"read": "VIEW", "edit": "EDIT"},
    date_fmt="epoch_ms", date_type="INTEGER", ts_fmt="epoch_s", ts_type="INTEGER",
)


@pytest.fixture(scope="module")
def epoch_db(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("epoch") / "member_app.sqlite"
    zoo.render(zoo.world(STYLE["seed"], STYLE), STYLE, path)
    exp = zoo.expected(path, STYLE)
    exp["compliant"] = False
    # hard negatives beside the dates: counts, phones and NIR as integers, small codes
    rng = random.Random(7)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE member_extra (member_id INTEGER PRIMARY KEY, visit_count INTEGER, phone_no INTEGER, "
                "nir_no INTEGER, tier INTEGER, seen_count INTEGER)")
    con.executemany("INSERT INTO member_extra VALUES (?, ?, ?, ?, ?, ?)",
                    [(i, rng.randint(0, 400), 700000000 + rng.randint(0, 99999999), rng.choice((1, 2)) * 10**12 + rng.randint(0, 10**12 - 1),
                      rng.randint(1, 5), rng.randint(0, 30)) for i in range(1, 201)])
    con.commit()
    con.close()
    path.chmod(0o600)
    return path, exp


def _kinds(spec: str) -> dict[tuple[str, str], str]:
    src = open_source(spec)
    try:
        cat = build_catalog(src)
    finally:
        src.close()
    return {(t.name, c.name): c.kind for t in cat.tables.values() for c in t.columns.values()}


def _scan(spec: str) -> list:
    return list(audit(spec, checks=["access", "retention"], as_of=zoo.AS_OF, interactive=False).findings)


def _assert_figures(findings: list, exp: dict) -> None:
    sc = score(findings, exp)["problems"]
    for key in ("persons_past_period", "log_past_period", "reads_after_departure", "unexplained_reads", "departed_active"):
        assert sc[key]["verdict"] == "exact", (key, sc[key])


def test_the_plain_sql_sees_epoch_dates(epoch_db) -> None:
    """The file really holds integers, and the planted figures are not zero (else the test proves nothing)."""
    path, exp = epoch_db
    con = sqlite3.connect(path)
    assert con.execute("SELECT typeof(opened_at), typeof(visited_ms) FROM read_log, visit LIMIT 1").fetchone() == ("integer", "integer")
    con.close()
    assert exp["persons_past_period"] > 0 and exp["log_past_period"] > 0 and exp["reads_after_departure"] > 0


def test_catalog_marks_epoch_columns_as_dates_and_nothing_else(epoch_db) -> None:
    path, _exp = epoch_db
    k = _kinds(str(path))
    for col in (("read_log", "opened_at"), ("visit", "visited_ms"), ("member", "joined_ms"), ("member_staff_link", "from_ms")):
        assert k[col] == "date", col
    for col in ("visit_count", "phone_no", "nir_no", "tier", "seen_count", "member_id"):
        assert k[("member_extra", col)] != "date", col
    assert k[("read_log", "line_id")] != "date"


def test_values_decide_and_a_name_alone_never_does() -> None:
    epochs = [str(1_600_000_000 + 86_400 * i) for i in range(40)]
    clue = time_clue("opened_at", "other", "anything")
    assert clue
    assert decide("other", "", value_stats(epochs), "INTEGER", time_clue=clue)[0] == "date"
    assert decide("other", "", value_stats([e + "000" for e in epochs]), "BIGINT", time_clue=clue)[0] == "date"
    # the same values without a clue stay what they were
    assert decide("other", "", value_stats(epochs), "INTEGER", time_clue=time_clue("ref", "other", "member"))[0] == "other"
    # a date-like name on counts, small integers or too few distinct values: not a date
    assert decide("other", "", value_stats([str(i % 50) for i in range(40)]), "INTEGER", time_clue=clue)[0] == "other"
    assert decide("other", "", value_stats([epochs[i % 3] for i in range(40)]), "INTEGER", time_clue=clue)[0] == "other"
    # one value out of the range (a phone number beside epoch-looking ones) and the column is not a date
    assert decide("other", "", value_stats([*epochs[:39], "612345678"]), "INTEGER", time_clue=clue)[0] == "other"


def test_retention_and_access_figures_on_sqlite(epoch_db) -> None:
    path, exp = epoch_db
    _assert_figures(_scan(str(path)), exp)


@pytest.mark.postgres
def test_same_figures_on_postgresql(epoch_db, pg, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, exp = epoch_db
    kinds = to_pg.load(pg, path, "epoch_members")
    assert kinds["read_log"]["opened_at"] == "int" and kinds["visit"]["visited_ms"] == "int"
    url = pg.url_without_password("epoch_members", SUPERUSER)
    k = _kinds(url)
    assert k[("read_log", "opened_at")] == "date" and k[("visit", "visited_ms")] == "date"
    assert k[("member_extra", "phone_no")] != "date" and k[("member_extra", "nir_no")] != "date"
    _assert_figures(_scan(url), exp)


def test_browsing_windows_of_an_epoch_log() -> None:
    """The access check's fixed windows (10 min, 1 h, 1 day) read epoch seconds and milliseconds alike."""
    import sqlalchemy as sa

    from checks.access.rules_log import bucket

    eng = sa.create_engine("sqlite://")
    vals = [1_600_000_200, 1_600_000_500, 1_600_000_900, 1_600_000_200_000, 1_600_000_900_123, 42, None]
    with eng.connect() as conn:
        keys = {m: [conn.execute(sa.select(bucket(sa.literal(v, sa.BigInteger), m))).scalar() for v in vals] for m in (10, 60, 1440)}
    ten = keys[10]
    assert ten[0] == ten[1] == ten[3] != ten[2] == ten[4]  # windows start on whole 10 minutes (UTC)
    assert len(set(keys[60][:5])) == 1 and len(set(keys[1440][:5])) == 1
    assert ten[5] is None and ten[6] is None


@pytest.mark.postgres
def test_epoch_readers_on_postgresql(pg) -> None:
    """The day and the window keys of epoch values on PostgreSQL are those of SQLite (UTC)."""
    import sqlalchemy as sa

    from auditor.sqlutil import epoch_day
    from checks.access.rules_log import bucket

    pg.create_database("epoch_readers")
    engines = {"pg": pg.admin_engine("epoch_readers"), "sqlite": sa.create_engine("sqlite://")}
    vals = [1_600_000_200, 1_600_000_900_123, 946_684_799, 631_151_999, 712_345_678_9, None]
    got = {}
    for name, eng in engines.items():
        with eng.connect() as conn:
            got[name] = [conn.execute(sa.select(epoch_day(sa.literal(v, sa.BigInteger)), bucket(sa.literal(v, sa.BigInteger), 10))).one()
                         for v in vals]
        eng.dispose()
    assert got["pg"] == got["sqlite"]
    assert [d for d, _k in got["pg"]] == ["2020-09-13", "2020-09-13", "1999-12-31", None, None, None]
