"""Sampling: bounded, spread over the whole table, deterministic, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa

from auditor.catalog.sampling import TRUNCATE, sample_table


def _big(path, n=20000):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, part TEXT, long TEXT)")
    con.executemany("INSERT INTO t (part, long) VALUES (?, ?)", ((f"p{i * 10 // n}", "x" * 350) for i in range(n)))
    con.execute("CREATE TABLE nokey (part TEXT)")
    con.executemany("INSERT INTO nokey VALUES (?)", ((f"p{i * 10 // n}",) for i in range(n)))
    con.commit()
    con.close()
    return path


def test_sqlite_sample_spreads_over_the_table(tmp_path):
    path = _big(tmp_path / "s.sqlite")
    eng = sa.create_engine(f"sqlite:///{path}")
    s = sample_table(eng, "t", ["part", "long"], 300, 20000, ["id"], True)
    assert s.rows == 300 and "fenêtres" in s.method
    assert len(set(s.values["part"])) == 10  # every tenth of the table is represented
    assert max(len(v) for v in s.values["long"]) == TRUNCATE
    again = sample_table(eng, "t", ["part", "long"], 300, 20000, ["id"], True)
    assert again.values == s.values  # deterministic
    s2 = sample_table(eng, "nokey", ["part"], 300, 20000, [], False)  # rowid on SQLite
    assert s2.rows == 300 and len(set(s2.values["part"])) == 10


def test_small_table_read_whole(tmp_path):
    path = tmp_path / "small.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (a TEXT)")
    con.executemany("INSERT INTO t VALUES (?)", [("x",), (None,), ("  ",), ("y",)])
    con.commit()
    con.close()
    s = sample_table(sa.create_engine(f"sqlite:///{path}"), "t", ["a"], 300, 4)
    assert s.values == {"a": ["x", "y"]} and s.method == "table lue en entier"


@pytest.mark.postgres
def test_postgresql_tablesample(pg, tmp_path):
    path = _big(tmp_path / "p.sqlite")
    pg.load_sqlite(path, "sampling")
    eng = sa.create_engine(pg.url("sampling"))
    s = sample_table(eng, "t", ["part", "long"], 300, 20000, ["id"], True)
    assert 150 <= s.rows <= 300 and "TABLESAMPLE" in s.method
    assert len(set(s.values["part"])) >= 8
    assert max(len(v) for v in s.values["long"]) == TRUNCATE
    assert sample_table(eng, "t", ["part", "long"], 300, 20000, ["id"], True).values == s.values
    eng.dispose()
