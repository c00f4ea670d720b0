"""A table of files between the access log and the persons (issue 13): the log names the FILE, the file names its person,
its referent account and its unit. The file table is not a log (no time of day, read by the log); a read is explained
when the reader is the referent of one of the person's files or of the unit of one of them; lines naming no file are no
reads of a file. Figures compared with plain SQL (tests/zoo/heldout4.py's ``h4a_individu_dossier``, now seen dev data,
and a small database written here), on SQLite, its CSV export and PostgreSQL."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.catalog import build_catalog
from auditor.sources import open_source
from bench.eval_zoo import export_csv, score
from tests.zoo import generate as zoo

KEYS = ("unexplained_reads", "reads_after_departure", "persons_past_period", "log_past_period")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    path, exp = zoo.build("h4a_individu_dossier", tmp_path_factory.mktemp("files"))
    path.chmod(0o600)
    return path, exp


def _findings(spec: str | Path, checks: tuple[str, ...] = ("access", "retention")) -> list:
    return list(audit(str(spec), checks=list(checks), as_of=zoo.AS_OF, interactive=False).findings)


def _model(spec: str | Path):
    src = open_source(str(spec))
    try:
        return build_catalog(src).model
    finally:
        src.close()


def _wrong(findings: list, exp: dict) -> dict[str, dict]:
    return {k: v for k, v in score(findings, exp)["problems"].items()
            if k in KEYS and v["verdict"] not in ("exact", "within_5pct", "ok")}


def test_the_file_table_is_not_a_log(built) -> None:
    path, _exp = built
    m = _model(path)
    assert [lg.table for lg in m.logs] == ["journal"]
    assert [(f.table, f.key, f.staff.column, f.unit.column) for f in m.files] == [("dossier", "num_dossier", "referent", "code_unite")]
    assert m.roles["dossier"][0] == "case_file" and "journal" in m.roles["dossier"][1]
    assert any(a.table == "dossier" and a.person_col == "id_individu" for a in m.assignments)


def test_file_table_figures_exact_on_sqlite_and_csv(built, tmp_path: Path) -> None:
    path, exp = built
    assert _wrong(_findings(path), exp) == {}
    assert _wrong(_findings(export_csv(path, tmp_path / "csv")), exp) == {}


def _small(db: Path) -> int:
    """Persons with files in several units over the years; a log naming files, and connection lines naming none.
    Returns the unexplained reads by plain SQL: the reader is neither the referent of one of the person's files on that
    day (the file taken for an assignment, with its period) nor of the unit of one of them."""
    rng = random.Random(11)
    con = sqlite3.connect(db)
    con.executescript("""
    CREATE TABLE service (code TEXT PRIMARY KEY, libelle TEXT);
    CREATE TABLE agent (login TEXT PRIMARY KEY, nom TEXT, prenom TEXT, fonction TEXT, code_service TEXT REFERENCES service(code),
        mot_de_passe TEXT);
    CREATE TABLE beneficiaire (id INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT);
    CREATE TABLE suivi (ref_suivi TEXT PRIMARY KEY, beneficiaire_id INTEGER REFERENCES beneficiaire(id),
        code_service TEXT REFERENCES service(code), agent_referent TEXT REFERENCES agent(login), motif TEXT, ouvert_le TEXT, ferme_le TEXT);
    CREATE TABLE trace (id INTEGER PRIMARY KEY, login TEXT REFERENCES agent(login), ref_suivi TEXT REFERENCES suivi(ref_suivi),
        evenement TEXT, quand TEXT);
    """)
    units = ["NORD", "SUD", "EST", "OUEST"]
    con.executemany("INSERT INTO service VALUES (?, ?)", [(u, f"Service {u.lower()}") for u in units])
    names, given = ["Martin", "Petit", "Durand", "Leroy", "Moreau", "Garcia"], ["Anne", "Luc", "Nadia", "Karim", "Lea"]
    agents = [(f"ag{i}", rng.choice(names), rng.choice(given), "travailleur social", units[i % 4], "$2b$12$" + "y" * 53)
              for i in range(12)]
    con.executemany("INSERT INTO agent VALUES (?, ?, ?, ?, ?, ?)", agents)
    con.executemany("INSERT INTO beneficiaire VALUES (?, ?, ?, ?)",
                    [(i, rng.choice(names), rng.choice(given), f"19{50 + i % 45}-0{1 + i % 9}-1{i % 10}") for i in range(1, 201)])
    files, k = [], 0
    for p in range(1, 201):
        for y in range(rng.choice([1, 1, 2, 3])):
            k += 1
            u = rng.choice(units)
            ref = rng.choice([a[0] for a in agents if a[4] == u])
            files.append((f"S{2019 + y}-{k:04d}", p, u, ref, rng.choice(["RSA", "Logement", "Budget"]), f"{2019 + y}-03-01",
                          None if rng.random() < 0.5 else f"{2020 + y}-02-01"))
    con.executemany("INSERT INTO suivi VALUES (?, ?, ?, ?, ?, ?, ?)", files)
    rows = []
    for i in range(1, 1501):
        f = rng.choice(files)
        login = f[3] if rng.random() < 0.6 else rng.choice(agents)[0]
        rows.append((i, login, None if rng.random() < 0.15 else f[0], "consultation",
                     f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 18):02d}:{i % 60:02d}:00"))
    con.executemany("INSERT INTO trace VALUES (?, ?, ?, ?, ?)", rows)
    con.commit()
    n = con.execute("SELECT COUNT(*) FROM trace t JOIN suivi s ON s.ref_suivi = t.ref_suivi JOIN agent a ON a.login = t.login "
                    "WHERE NOT EXISTS (SELECT 1 FROM suivi s2 WHERE s2.beneficiaire_id = s.beneficiaire_id "
                    "AND (s2.agent_referent = t.login AND substr(t.quand, 1, 10) >= s2.ouvert_le "
                    "AND (s2.ferme_le IS NULL OR substr(t.quand, 1, 10) <= s2.ferme_le) "
                    "OR s2.code_service = a.code_service))").fetchone()[0]
    con.close()
    return int(n)


def test_reads_of_files_explained_by_referent_or_unit_of_any_file(tmp_path: Path) -> None:
    """Hard negatives inside: a reader of a unit none of the person's files belongs to stays unexplained; a line naming
    no file is no read."""
    db = tmp_path / "suivis.sqlite"
    expected = _small(db)
    assert 50 < expected < 1000
    for spec in (db, export_csv(db, tmp_path / "csv")):
        m = _model(spec)
        assert [lg.table for lg in m.logs] == ["trace"], spec
        assert [f.table for f in m.files] == ["suivi"], spec
        got = sum(f.affected for f in _findings(spec, checks=("access",)) if f.rule == "access.log_unexplained_reads")
        assert got == expected, spec


@pytest.mark.postgres
def test_file_table_on_postgresql(built, pg, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, exp = built
    to_pg.load(pg, path, "files_h4a")
    assert _wrong(_findings(pg.url_without_password("files_h4a", SUPERUSER)), exp) == {}
