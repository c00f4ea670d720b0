"""Logs spread over several tables (auditor/model/logrefs.py): page views whose reader is the account of their session.

Figures are compared with those the generator counts by plain SQL (tests/zoo/heldout5.py's ``h5a_sessions_pages``, seen
development data since its measure)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.catalog import build_catalog
from auditor.policy import load_policy
from auditor.sources import open_source
from bench.eval_zoo import export_csv
from tests.zoo import generate as zoo


@pytest.fixture(scope="module")
def h5a(tmp_path_factory) -> tuple[Path, dict]:
    path, exp = zoo.build("h5a_sessions_pages", tmp_path_factory.mktemp("logrefs"))
    path.chmod(0o600)
    return path, exp


def _findings(spec: str | Path, policy: Path | None = None) -> list:
    return list(audit(str(spec), checks=["access"], as_of=zoo.AS_OF, policy_path=policy, interactive=False).findings)


def _model(path: Path, policy: Path | None = None):
    src = open_source(str(path))
    try:
        if policy is None:
            return build_catalog(src).model
        pol = load_policy(policy)
        return build_catalog(src, overrides=pol.tables, policy_file=str(policy), model=pol.section("model")).model
    finally:
        src.close()


def _sum(findings: list, rule: str) -> int:
    return sum(f.affected for f in findings if f.rule == rule)


def test_reader_reached_through_the_session(h5a) -> None:
    path, exp = h5a
    lg = _model(path).log("vue_page")
    assert lg is not None and lg.reader is not None and lg.reader_via is not None
    assert (lg.reader.column, lg.reader.target) == ("id_session", "session_appli")
    assert (lg.reader_via.table, lg.reader_via.column, lg.reader_via.target) == ("session_appli", "id_compte", "compte")
    assert "compte de la session" in lg.reason


@pytest.mark.parametrize("kind", ["sqlite", "csv"])
def test_session_log_figures_as_plain_sql(h5a, tmp_path: Path, kind: str) -> None:
    """Unexplained reads and reads after departure counted through the session; lines naming no person (agenda,
    search pages) are not reads of a file."""
    path, exp = h5a
    spec = path if kind == "sqlite" else export_csv(path, tmp_path / "csv")
    fs = _findings(spec)
    assert _sum(fs, "access.log_unexplained_reads") == exp["unexplained_reads"] == 19
    assert _sum(fs, "access.log_reads_after_departure") == exp["reads_after_departure"]
    unexplained = [f for f in fs if f.rule == "access.log_unexplained_reads"]
    assert any("de la session" in (e.excerpt or "") for f in unexplained for e in f.evidence)


def test_session_written_and_read_back(h5a, tmp_path: Path) -> None:
    from auditor.inspect_view import policy_toml

    path, exp = h5a
    src = open_source(str(path))
    try:
        text = policy_toml(build_catalog(src), "h5a")
    finally:
        src.close()
    assert '"session_appli.id_compte" = "compte.id_compte"' in text and '"vue_page.id_session" = "session_appli.id_session"' in text
    pol = tmp_path / "h5a.toml"
    pol.write_text(text, encoding="utf-8")
    load_policy(pol)
    assert _model(path, pol).log("vue_page").reader_via is not None
    assert _sum(_findings(path, pol), "access.log_unexplained_reads") == exp["unexplained_reads"]


def _contact_between(db: Path) -> None:
    """Hard negative: the log names a contact (a row naming a person and a worker), not a session: the contact's worker
    is not the reader."""
    con = sqlite3.connect(db)
    con.executescript("""
    CREATE TABLE agent (id_agent INTEGER PRIMARY KEY, login TEXT, nom TEXT, prenom TEXT);
    CREATE TABLE usager (id_usager INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT);
    CREATE TABLE rdv (id_rdv INTEGER PRIMARY KEY, id_usager INTEGER REFERENCES usager(id_usager),
        id_agent INTEGER REFERENCES agent(id_agent), debut TEXT);
    CREATE TABLE trace (id_trace INTEGER PRIMARY KEY, id_rdv INTEGER REFERENCES rdv(id_rdv),
        id_usager INTEGER REFERENCES usager(id_usager), horodatage TEXT);
    """)
    con.executemany("INSERT INTO agent VALUES (?, ?, ?, ?)", [(i, f"ag{i}", f"Nom{i}", f"Prenom{i}") for i in range(1, 9)])
    con.executemany("INSERT INTO usager VALUES (?, ?, ?, ?)", [(i, f"U{i}", f"P{i}", f"19{50 + i % 40}-01-0{1 + i % 9}") for i in range(1, 201)])
    con.executemany("INSERT INTO rdv VALUES (?, ?, ?, ?)",
                    [(i, 1 + i % 200, 1 + i % 8, f"2025-0{1 + i % 9}-1{i % 10} {8 + i % 9:02d}:{i % 60:02d}:00") for i in range(1, 401)])
    con.executemany("INSERT INTO trace VALUES (?, ?, ?, ?)",
                    [(i, 1 + i % 400, 1 + (i * 7) % 200, f"2025-0{1 + i % 9}-2{i % 10} {8 + i % 9:02d}:{i % 60:02d}:00") for i in range(1, 801)])
    con.commit()
    con.close()


def test_contact_is_not_a_session(tmp_path: Path) -> None:
    db = tmp_path / "contact.sqlite"
    _contact_between(db)
    m = _model(db)
    assert m.persons == "usager" and m.staff == "agent"
    lg = m.log("trace")
    assert lg is None or lg.reader_via is None


@pytest.mark.postgres
def test_session_log_on_postgresql(h5a, pg, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copied as a migration would (keys and types kept): the same figures through the session on PostgreSQL."""
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, exp = h5a
    to_pg.load(pg, path, "logrefs_h5a")
    fs = _findings(pg.url_without_password("logrefs_h5a", SUPERUSER))
    assert _sum(fs, "access.log_unexplained_reads") == exp["unexplained_reads"]
    assert _sum(fs, "access.log_reads_after_departure") == exp["reads_after_departure"]


@pytest.fixture(scope="module")
def h5e(tmp_path_factory) -> tuple[Path, dict]:
    path, exp = zoo.build("h5e_url_conforme", tmp_path_factory.mktemp("logpaths"))
    path.chmod(0o600)
    return path, exp


def _high(findings: list) -> list:
    return [f for f in findings if str(getattr(f.severity, "value", f.severity)).lower() in ("medium", "high", "critical")]


@pytest.mark.parametrize("kind", ["sqlite", "csv"])
def test_web_log_names_the_person_inside_its_path(h5e, tmp_path: Path, kind: str) -> None:
    """A web log of paths (/dossiers/<key>/notes): the key is learnt from the values and confirmed in SQL; the
    compliant database then has every read explained and no finding at medium or above."""
    path, exp = h5e
    assert exp["compliant"]
    spec = path if kind == "sqlite" else export_csv(path, tmp_path / "csv")
    lg = _model(spec).log("acces_http")
    assert lg is not None and lg.person.how == "extraction" and lg.person_extract == ("/dossiers/", 13)
    fs = list(audit(str(spec), as_of=zoo.AS_OF, interactive=False).findings)
    assert _high(fs) == []
    expl = [f for f in fs if f.rule == "access.log_explanations"]
    assert len(expl) == 1 and expl[0].affected == 0 and expl[0].total > 0


def test_web_log_path_written_and_corrected(h5e, tmp_path: Path) -> None:
    from auditor.inspect_view import policy_toml

    path, _exp = h5e
    src = open_source(str(path))
    try:
        text = policy_toml(build_catalog(src), "h5e")
    finally:
        src.close()
    line = '"acces_http" = { column = "chemin", prefix = "/dossiers/", length = 13 }'
    assert "[model.log_paths]\n" + line in text and '"acces_http.chemin"' not in text
    pol = tmp_path / "h5e.toml"
    pol.write_text(text.replace("length = 13", "length = 12"), encoding="utf-8")
    load_policy(pol)
    lg = _model(path, pol).log("acces_http")
    assert lg.person_extract == ("/dossiers/", 12) and "[model.log_paths]" in lg.person.reason
    # a wrong length names no person: every read is then unexplained, which the figures show
    got = _sum(_findings(path, pol), "access.log_unexplained_reads")
    assert got > 0


def test_key_inside_free_text_is_not_a_path(tmp_path: Path) -> None:
    """Hard negative: notes quoting a file number inside sentences are not a log's reference (the beginning before
    the key is not a route)."""
    db = tmp_path / "notes.sqlite"
    con = sqlite3.connect(db)
    con.executescript("""
    CREATE TABLE agent (login TEXT PRIMARY KEY, nom TEXT, prenom TEXT, mdp TEXT);
    CREATE TABLE dossier (code TEXT PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT);
    CREATE TABLE trace (id INTEGER PRIMARY KEY, login TEXT REFERENCES agent(login), texte TEXT, horodatage TEXT);
    """)
    con.executemany("INSERT INTO agent VALUES (?, ?, ?, ?)", [(f"ag{i}", f"Nom{i}", f"Pre{i}", f"h{i}") for i in range(8)])
    con.executemany("INSERT INTO dossier VALUES (?, ?, ?, ?)", [(f"DS-{i:05d}", f"N{i}", f"P{i}", "1980-01-01") for i in range(300)])
    con.executemany("INSERT INTO trace VALUES (?, ?, ?, ?)",
                    [(i, f"ag{i % 8}", f"Appel du {i % 28 + 1} au sujet de DS-{i % 300:05d} pour relance",
                      f"2025-03-{i % 28 + 1:02d} {8 + i % 9:02d}:{i % 60:02d}:00") for i in range(900)])
    con.commit()
    con.close()
    m = _model(db)
    assert m.persons == "dossier"
    lg = m.log("trace")
    assert lg is None or lg.person_extract is None


@pytest.mark.postgres
def test_web_log_path_on_postgresql(h5e, pg, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key extracted from the path in SQL on PostgreSQL: same model, every read explained, nothing at medium+."""
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, _exp = h5e
    to_pg.load(pg, path, "logrefs_h5e")
    url = pg.url_without_password("logrefs_h5e", SUPERUSER)
    fs = list(audit(url, as_of=zoo.AS_OF, interactive=False).findings)
    assert _high(fs) == []
    expl = [f for f in fs if f.rule == "access.log_explanations"]
    assert len(expl) == 1 and expl[0].affected == 0 and expl[0].total > 0
