"""Delegations found by evidence (issue 13): a table with two sure links to the accounts and a period, no link to the
persons, gives the second account the caseload of the first during the period. Counted against plain SQL on SQLite and
its CSV export; a table of two accounts without a period (a pairing) is no delegation (hard negative)."""

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


def _model(spec: str | Path):
    src = open_source(str(spec))
    try:
        return build_catalog(src).model
    finally:
        src.close()


def _unexplained(spec: str | Path) -> int | None:
    hits = [f for f in audit(str(spec), checks=["access"], as_of=zoo.AS_OF, interactive=False).findings
            if f.rule == "access.log_unexplained_reads"]
    return sum(f.affected or 0 for f in hits) if hits else None


def _db(db: Path) -> tuple[int, int]:
    """Workers (no unit), persons each followed by one worker (a follow-up table), delegations with periods, a pairing
    table without period, and a log. Returns (unexplained reads by plain SQL, the same without the delegations)."""
    rng = random.Random(23)
    con = sqlite3.connect(db)
    con.executescript("""
    CREATE TABLE intervenant (id INTEGER PRIMARY KEY, identifiant TEXT, nom TEXT, prenom TEXT, fonction TEXT, mot_de_passe TEXT);
    CREATE TABLE usager (id INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT);
    CREATE TABLE suivi (id INTEGER PRIMARY KEY, intervenant_id INTEGER REFERENCES intervenant(id),
        usager_id INTEGER REFERENCES usager(id));
    CREATE TABLE remplacement (id INTEGER PRIMARY KEY, titulaire_id INTEGER REFERENCES intervenant(id),
        remplacant_id INTEGER REFERENCES intervenant(id), du TEXT, au TEXT, motif TEXT);
    CREATE TABLE binome (id INTEGER PRIMARY KEY, premier_id INTEGER REFERENCES intervenant(id),
        second_id INTEGER REFERENCES intervenant(id), libelle TEXT);
    CREATE TABLE consultation (id INTEGER PRIMARY KEY, intervenant_id INTEGER REFERENCES intervenant(id),
        usager_id INTEGER REFERENCES usager(id), horodatage TEXT, action TEXT);
    """)
    names, given = ["Martin", "Petit", "Durand", "Leroy", "Moreau", "Garcia"], ["Anne", "Luc", "Nadia", "Karim", "Lea"]
    con.executemany("INSERT INTO intervenant VALUES (?, ?, ?, ?, ?, ?)",
                    [(i, f"int{i}", rng.choice(names), rng.choice(given), "travailleur social", "$2b$12$" + "x" * 53) for i in range(1, 11)])
    con.executemany("INSERT INTO usager VALUES (?, ?, ?, ?)",
                    [(i, rng.choice(names), rng.choice(given), f"19{50 + i % 45}-0{1 + i % 9}-1{i % 10}") for i in range(1, 301)])
    ref = {p: 1 + p % 10 for p in range(1, 301)}
    con.executemany("INSERT INTO suivi VALUES (?, ?, ?)", [(p, ref[p], p) for p in ref])
    dels = []
    for i in range(1, 25):
        a = rng.randint(1, 10)
        b = rng.choice([x for x in range(1, 11) if x != a])
        m = rng.randint(1, 11)
        dels.append((i, a, b, f"2025-{m:02d}-01", f"2025-{m:02d}-20", "Congés"))
    con.executemany("INSERT INTO remplacement VALUES (?, ?, ?, ?, ?, ?)", dels)
    con.executemany("INSERT INTO binome VALUES (?, ?, ?, ?)", [(100 + i, i, 1 + i % 10, "binôme") for i in range(1, 11)])
    rows = []
    for i in range(1, 2001):
        p = rng.randint(1, 300)
        r = rng.random()
        if r < 0.6:
            who = ref[p]
        elif r < 0.9:  # a delegate of the person's worker, inside or just outside the period
            ds = [d for d in dels if d[1] == ref[p]] or dels
            d = rng.choice(ds)
            who = d[2]
            day = int(d[3][8:10]) + rng.randint(0, 27)
            rows.append((i, who, p, f"{d[3][:8]}{min(day, 28):02d} 10:{i % 60:02d}:00", "lecture"))
            continue
        else:
            who = rng.randint(1, 10)
        rows.append((i, who, p, f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 09:{i % 60:02d}:00", "lecture"))
    con.executemany("INSERT INTO consultation VALUES (?, ?, ?, ?, ?)", rows)
    con.commit()
    base = "SELECT COUNT(*) FROM consultation c JOIN suivi s ON s.usager_id = c.usager_id WHERE s.intervenant_id <> c.intervenant_id"
    deleg = (" AND NOT EXISTS (SELECT 1 FROM remplacement r WHERE r.titulaire_id = s.intervenant_id AND r.remplacant_id = "
             "c.intervenant_id AND substr(c.horodatage, 1, 10) BETWEEN r.du AND r.au)")
    n, without = con.execute(base + deleg).fetchone()[0], con.execute(base).fetchone()[0]
    con.close()
    return int(n), int(without)


def test_delegations_found_and_read_with_their_period(tmp_path: Path) -> None:
    db = tmp_path / "remplacements.sqlite"
    expected, without = _db(db)
    assert 0 < expected < without  # the delegations explain some reads, not those outside their period
    for spec in (db, export_csv(db, tmp_path / "csv")):
        m = _model(spec)
        assert [(d.table, d.giver.column, d.taker.column, d.start, d.end) for d in m.delegations] == [
            ("remplacement", "titulaire_id", "remplacant_id", "du", "au")], spec  # « binome » has no period: not one
        assert _unexplained(spec) == expected, spec


def test_written_delegations_are_read_back_and_corrected(tmp_path: Path) -> None:
    """--write-policy writes [access.delegations]; scan --policy takes it as given: the same figure, and a DPO who swaps
    the direction gets the figure plain SQL counts for the swapped direction."""
    from auditor.inspect_view import policy_toml

    db = tmp_path / "remplacements.sqlite"
    expected, _without = _db(db)
    src = open_source(str(db))
    try:
        text = policy_toml(build_catalog(src), str(db))
    finally:
        src.close()
    assert '[access.delegations]\ntable = "remplacement"\nfrom_column = "titulaire_id"\nto_column = "remplacant_id"' in text
    pol = tmp_path / "politique.toml"
    pol.write_text(text, encoding="utf-8")

    def scan(p: Path) -> int:
        return sum(f.affected or 0 for f in audit(str(db), checks=["access"], as_of=zoo.AS_OF, policy_path=p,
                                                   interactive=False).findings if f.rule == "access.log_unexplained_reads")

    assert scan(pol) == expected
    swapped = text.replace('from_column = "titulaire_id"', 'from_column = "remplacant_id"').replace(
        'to_column = "remplacant_id"', 'to_column = "titulaire_id"')
    pol.write_text(swapped, encoding="utf-8")
    con = sqlite3.connect(db)
    n = con.execute("SELECT COUNT(*) FROM consultation c JOIN suivi s ON s.usager_id = c.usager_id WHERE s.intervenant_id <> "
                    "c.intervenant_id AND NOT EXISTS (SELECT 1 FROM remplacement r WHERE r.remplacant_id = s.intervenant_id "
                    "AND r.titulaire_id = c.intervenant_id AND substr(c.horodatage, 1, 10) BETWEEN r.du AND r.au)").fetchone()[0]
    con.close()
    assert n != expected and scan(pol) == n


@pytest.mark.postgres
def test_delegations_on_postgresql(pg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    db = tmp_path / "remplacements.sqlite"
    expected, _without = _db(db)
    to_pg.load(pg, db, "delegations_small")
    assert _unexplained(pg.url_without_password("delegations_small", SUPERUSER)) == expected
