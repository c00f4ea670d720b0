"""Teams with periods found by evidence (issue 13): membership (account ↔ team, period) and follow-up (team ↔ person,
period) through one team table; a read is explained when the reader was in a team following the person that day.
Counted against plain SQL on SQLite and its CSV export, with a log whose day and time of day are two columns; hard
negative: a reader who left the team, or a team that stopped following the person, is not explained."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.catalog import build_catalog
from auditor.sources import open_source
from bench.eval_zoo import export_csv
from tests.zoo import generate as zoo


def _db(db: Path) -> tuple[int, int]:
    """Returns (unexplained reads by plain SQL with both periods, the same ignoring the periods)."""
    rng = random.Random(31)
    con = sqlite3.connect(db)
    con.executescript("""
    CREATE TABLE agent (id INTEGER PRIMARY KEY, identifiant TEXT, nom TEXT, prenom TEXT, fonction TEXT, mot_de_passe TEXT);
    CREATE TABLE usager (id INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT);
    CREATE TABLE equipe (id INTEGER PRIMARY KEY, libelle TEXT);
    CREATE TABLE appartenance (id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agent(id), equipe_id INTEGER REFERENCES equipe(id),
        entree TEXT, sortie TEXT);
    CREATE TABLE prise_en_charge (id INTEGER PRIMARY KEY, equipe_id INTEGER REFERENCES equipe(id), usager_id INTEGER REFERENCES usager(id),
        debut TEXT, fin TEXT);
    CREATE TABLE acces (id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agent(id), usager_id INTEGER REFERENCES usager(id),
        jour TEXT, heure TEXT);
    """)
    names, given = ["Martin", "Petit", "Durand", "Leroy", "Moreau", "Garcia"], ["Anne", "Luc", "Nadia", "Karim", "Lea"]
    con.executemany("INSERT INTO agent VALUES (?, ?, ?, ?, ?, ?)",
                    [(i, f"ag{i}", rng.choice(names), rng.choice(given), "travailleur social", "$2b$12$" + "w" * 53) for i in range(1, 13)])
    con.executemany("INSERT INTO usager VALUES (?, ?, ?, ?)",
                    [(i, rng.choice(names), rng.choice(given), f"19{50 + i % 45}-0{1 + i % 9}-1{i % 10}") for i in range(1, 251)])
    con.executemany("INSERT INTO equipe VALUES (?, ?)", [(100 + i, f"Équipe {i}") for i in range(1, 5)])
    mem = [(a, a, 101 + a % 4, "2020-01-01", None if a % 3 else "2025-06-30") for a in range(1, 13)]
    con.executemany("INSERT INTO appartenance VALUES (?, ?, ?, ?, ?)", mem)
    fol = [(p, 101 + p % 4, p, "2024-01-01", None if p % 5 else "2025-03-31") for p in range(1, 251)]
    con.executemany("INSERT INTO prise_en_charge VALUES (?, ?, ?, ?, ?)", fol)
    rows = [(i, rng.randint(1, 12), rng.randint(1, 250), f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
             f"{rng.randint(8, 18):02d}:{i % 60:02d}:00") for i in range(1, 1801)]
    con.executemany("INSERT INTO acces VALUES (?, ?, ?, ?, ?)", rows)
    con.commit()
    q = ("SELECT COUNT(*) FROM acces a WHERE NOT EXISTS (SELECT 1 FROM appartenance m JOIN prise_en_charge f ON f.equipe_id = m.equipe_id "
         "WHERE m.agent_id = a.agent_id AND f.usager_id = a.usager_id{})")
    per = (" AND a.jour >= m.entree AND (m.sortie IS NULL OR a.jour <= m.sortie) AND a.jour >= f.debut "
           "AND (f.fin IS NULL OR a.jour <= f.fin)")
    n, loose = con.execute(q.format(per)).fetchone()[0], con.execute(q.format("")).fetchone()[0]
    con.close()
    return int(n), int(loose)


def test_teams_found_and_read_with_both_periods(tmp_path: Path) -> None:
    db = tmp_path / "equipes.sqlite"
    expected, loose = _db(db)
    assert loose < expected  # the periods matter: leavers and ended follow-ups
    for spec in (db, export_csv(db, tmp_path / "csv")):
        src = open_source(str(spec))
        try:
            m = build_catalog(src).model
        finally:
            src.close()
        assert [(t.team_table, t.members, t.follows, t.member_start, t.member_end, t.follow_start, t.follow_end)
                for t in m.teams] == [("equipe", "appartenance", "prise_en_charge", "entree", "sortie", "debut", "fin")], spec
        got = sum(f.affected or 0 for f in audit(str(spec), checks=["access"], as_of=zoo.AS_OF, interactive=False).findings
                  if f.rule == "access.log_unexplained_reads")
        assert got == expected, spec


@pytest.mark.postgres
def test_teams_on_postgresql(pg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    db = tmp_path / "equipes.sqlite"
    expected, _loose = _db(db)
    to_pg.load(pg, db, "teams_small")
    got = sum(f.affected or 0 for f in audit(pg.url_without_password("teams_small", SUPERUSER), checks=["access"], as_of=zoo.AS_OF,
                                              interactive=False).findings if f.rule == "access.log_unexplained_reads")
    assert got == expected
