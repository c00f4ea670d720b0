"""The throwaway PostgreSQL server starts, accepts the superuser and loads a SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa


def test_server_loads_sqlite(pg, tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript("create table t(id integer primary key, nom text, d date); insert into t values (1,'a','2020-01-02'),(2,'b',NULL);")
    conn.commit()
    conn.close()
    pg.load_sqlite(db, "loadtest")
    eng = sa.create_engine(pg.url("loadtest"))
    with eng.connect() as c:
        assert c.execute(sa.text("select count(*) from t")).scalar_one() == 2
        assert str(c.execute(sa.text("select d from t where id=1")).scalar_one()) == "2020-01-02"
    eng.dispose()
