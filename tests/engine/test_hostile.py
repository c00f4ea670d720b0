"""Hostile schemas: odd names, many tables, empty tables, NULL columns, huge cells, binary columns.

Every identifier is quoted by SQLAlchemy; nothing is built by pasting names into SQL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor import api
from auditor.report.json import to_dict

HOSTILE_TABLES = [
    'usager"; DROP TABLE x; --',
    "Entretien des Usagers",
    "stat'annuelle",
    "sélection",
    "select",
    "Table_🚀_émoji",
    "MiXeD_CaSe",
    "t" * 60,
]
HOSTILE_COLUMNS = ['nom"quote', "prénom usuel", "order", "date de naissance", "x;y", "🙂", "NIR", "c" * 60]


def build(engine: sa.Engine) -> None:
    meta = sa.MetaData()
    tables = []
    for tname in HOSTILE_TABLES:
        cols = [sa.Column("id", sa.Integer, primary_key=True)]
        cols += [sa.Column(c, sa.Text) for c in HOSTILE_COLUMNS]
        cols += [sa.Column("blob", sa.LargeBinary), sa.Column("vide", sa.Text)]
        tables.append(sa.Table(tname, meta, *cols))
    empty = sa.Table("table vide", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("note", sa.Text))
    del empty
    meta.create_all(engine)
    huge = ("Madame indique être suivie. " * 400_000)[:10_000_000]
    with engine.begin() as conn:
        for t in tables:
            rows = []
            for i in range(30):
                row = {c: f"valeur {i} {c}" for c in HOSTILE_COLUMNS}
                row["id"] = i + 1
                row["blob"] = bytes(range(256)) * 4
                row["vide"] = None
                rows.append(row)
            rows[0]['nom"quote'] = huge
            conn.execute(t.insert(), rows)


def _unread(doc: dict) -> list[dict]:
    words = ("illisible", "délai", "refusée", "erreur")
    return [s for s in doc["skipped"] if any(w in s["reason"] for w in words)]


def _audit(spec: str) -> dict:
    result = api.audit(spec, checks=["access", "nominative", "retention", "subjective"], as_of=dt.date(2026, 6, 30),
                       interactive=False)
    return to_dict(result)


def test_hostile_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "hostile.sqlite"
    eng = sa.create_engine(f"sqlite:///{db}")
    build(eng)
    eng.dispose()
    doc = _audit(str(db))
    assert doc["schema_version"] == 1
    # every table was read: none is listed as unreadable (other notes, such as undatable persons, may be listed)
    assert not _unread(doc)


def test_thousands_of_tables(tmp_path: Path) -> None:
    db = tmp_path / "many.sqlite"
    c = sqlite3.connect(db)
    for i in range(2000):
        c.execute(f'create table "t_{i}" (id integer primary key, libelle text)')
    c.execute('insert into "t_7" values (1, \'x\')')
    c.commit()
    c.close()
    doc = _audit(str(db))
    assert doc["summary"]["critical"] == 0


def test_hostile_postgresql(pg, monkeypatch) -> None:
    pg.create_database("hostile")
    eng = pg.admin_engine("hostile")
    build(eng)
    eng.dispose()
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", "Sup3r-Secret-Admin-Pass")
    doc = _audit(pg.url_without_password("hostile", "auditor_admin"))
    assert doc["source"]["kind"] == "postgresql"
    assert not _unread(doc)


def test_table_timeout_is_listed_not_dropped(tmp_path: Path) -> None:
    """A statement past the per-query limit: the table is listed as skipped, the audit goes on."""
    db = tmp_path / "slow.sqlite"
    c = sqlite3.connect(db)
    c.execute("create table usager (id_usager integer primary key, nom text, prenom text, nir text)")
    c.executemany("insert into usager(nom, prenom) values (?, ?)", [(f"n{i}", f"p{i}") for i in range(200_000)])
    c.execute("create view lent as select a.nom from usager a, usager b")
    c.commit()
    c.close()
    pol = tmp_path / "p.toml"
    pol.write_text("[audit]\nquery_timeout_s = 0.2\n", encoding="utf-8")
    result = api.audit(str(db), policy_path=pol, checks=["nominative"], as_of=dt.date(2026, 6, 30))
    assert result.findings is not None
