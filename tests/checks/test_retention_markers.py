"""Retention: the status and closing date of a case table found by their values when their names say nothing.

A follow-up table ``suivi_dossier`` keeps its state in ``phase`` (« EN COURS », « CLOTURE », « ARCHIVE ») and closes
files in ``date_bascule``; neither name is a status or closing word. The closed files past the period are counted as
plain SQL counts them, archived ones are left out, and the finding says why the column was read as a status. Hard
negatives: a column of colours, a column of many free values one of which is « clos »."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.catalog import build_catalog
from auditor.sources import open_source

AS_OF = dt.date(2026, 6, 30)


def _write(db: Path) -> None:
    rng = random.Random(11)
    con = sqlite3.connect(db)
    con.executescript("""
    CREATE TABLE personne (id INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT);
    CREATE TABLE suivi_dossier (id INTEGER PRIMARY KEY, id_personne INTEGER REFERENCES personne(id), date_ouverture TEXT,
        date_bascule TEXT, phase TEXT, couleur TEXT, commentaire_court TEXT);
    CREATE TABLE entretien_suivi (id INTEGER PRIMARY KEY, id_suivi INTEGER REFERENCES suivi_dossier(id), date_entretien TEXT,
        compte_rendu TEXT);
    """)
    names, given = ["Martin", "Petit", "Durand", "Leroy", "Moreau"], ["Anne", "Luc", "Nadia", "Karim"]
    con.executemany("INSERT INTO personne VALUES (?, ?, ?, ?)",
                    [(i, names[i % 5], given[i % 4], f"19{50 + i % 40}-0{1 + i % 9}-1{i % 10}") for i in range(1, 201)])
    files, acts = [], []
    for i in range(1, 201):
        opened = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randint(0, 2500))
        days = sorted(opened + dt.timedelta(days=rng.randint(1, 400)) for _ in range(rng.randint(1, 4)))
        days = [d for d in days if d < AS_OF] or [opened]
        r = rng.random()
        phase, closed = ("EN COURS", None) if r < 0.5 else ("CLOTURE", days[-1] + dt.timedelta(days=rng.randint(0, 40))) \
            if r < 0.85 else ("ARCHIVE", days[-1] + dt.timedelta(days=10))
        if closed and closed > AS_OF:
            closed = AS_OF
        note = "clos" if i == 7 else f"remarque {i}"  # many free values, one of which is a closing word: not a status
        files.append((1000 + i, i, opened.isoformat(), closed.isoformat() if closed else None, phase, rng.choice(["ROUGE", "VERT"]), note))
        acts += [(len(acts) + k + 1, 1000 + i, d.isoformat(), "Entretien au bureau, point sur la situation.") for k, d in enumerate(days)]
    con.executemany("INSERT INTO suivi_dossier VALUES (?, ?, ?, ?, ?, ?, ?)", files)
    con.executemany("INSERT INTO entretien_suivi VALUES (?, ?, ?, ?)", acts)
    con.commit()
    con.close()


def _expected(db: Path, cutoff: str) -> int:
    con = sqlite3.connect(db)
    n = con.execute("SELECT COUNT(*) FROM suivi_dossier s JOIN (SELECT id_suivi k, MAX(date_entretien) d FROM entretien_suivi "
                    "GROUP BY 1) e ON e.k = s.id WHERE s.phase <> 'ARCHIVE' AND (s.phase = 'CLOTURE' OR s.date_bascule IS NOT NULL) "
                    "AND MAX(e.d, s.date_ouverture, COALESCE(s.date_bascule, '')) < ?", (cutoff,)).fetchone()[0]
    con.close()
    return int(n)


def _check(spec: str, db: Path) -> None:
    src = open_source(spec)
    try:
        cat = build_catalog(src)
    finally:
        src.close()
    t = cat.tables["suivi_dossier"]
    assert t.columns["date_bascule"].kind == "closure_date" and "valeurs" in t.columns["date_bascule"].reason
    findings = [f for f in audit(spec, checks=["retention"], as_of=AS_OF, interactive=False).findings
                if f.rule == "retention.file_past_period" and f.table == "suivi_dossier"]
    assert findings
    assert sum(f.affected for f in findings) == _expected(db, findings[0].details["cutoff"])
    f = findings[0]
    assert f.details["markers"] == {"closed": {"phase": 1}, "archived": {"phase": 1}}
    lines = [e.excerpt for e in f.evidence]
    assert any("« phase » choisie par ses valeurs" in x and "« ARCHIVE »" in x and "« CLOTURE »" in x for x in lines)
    assert not any("couleur" in x or "commentaire_court" in x for x in lines)


def test_status_and_closing_date_of_a_case_table_by_their_values(tmp_path: Path) -> None:
    db = tmp_path / "suivi.sqlite"
    _write(db)
    _check(str(db), db)


@pytest.mark.postgres
def test_status_and_closing_date_by_values_on_postgresql(tmp_path: Path, pg, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pgserver import SUPERPASS, SUPERUSER

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    db = tmp_path / "suivi.sqlite"
    _write(db)
    pg.load_sqlite(db, "ret_markers")
    _check(pg.url_without_password("ret_markers", SUPERUSER), db)
