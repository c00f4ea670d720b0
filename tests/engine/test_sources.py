"""Sources: read-only on SQLite and PostgreSQL, CSV as French software exports it, masked URLs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.errors import SourceError
from auditor.sources import open_source
from auditor.sources.url import masked
from tests.engine.helpers import make_minimal_db


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------- SQLite
def test_sqlite_write_refused_and_file_unchanged(tmp_path):
    db = make_minimal_db(tmp_path / "x.sqlite")
    before = sha(db)
    src = open_source(str(db))
    try:
        with pytest.raises(sa.exc.OperationalError, match="readonly|read-only|query_only|attempt to write"):
            with src.engine.begin() as conn:
                conn.execute(sa.text("UPDATE usager SET nom = 'x'"))
        with pytest.raises(sa.exc.OperationalError):
            with src.engine.begin() as conn:
                conn.execute(sa.text("CREATE TABLE intrus(a int)"))
    finally:
        src.close()
    assert sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.sqlite"], "nothing written beside the database"


def test_sqlite_url_form(tmp_path):
    db = make_minimal_db(tmp_path / "x.sqlite")
    src = open_source(f"sqlite:///{db}")
    try:
        assert src.kind == "sqlite" and "usager" in src.table_names()
        assert src.file_mode() == db.stat().st_mode & 0o777
    finally:
        src.close()


def test_fingerprint_stable_and_content_based(tmp_path):
    db = make_minimal_db(tmp_path / "x.sqlite")
    a = open_source(str(db))
    fa = a.fingerprint()
    a.close()
    b = open_source(str(db))
    assert b.fingerprint() == fa
    b.close()
    other = make_minimal_db(tmp_path / "y.sqlite")
    import sqlite3

    c = sqlite3.connect(other)
    c.execute("update usager set archive = 1")
    c.commit()
    c.close()
    o = open_source(str(other))
    assert o.fingerprint() != fa
    o.close()


# ------------------------------------------------------------------------ CSV
def _write(path: Path, text: str, encoding: str, bom: bool = False) -> Path:
    data = text.replace("\n", "\r\n").encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding, bom, sep",
    [("cp1252", False, ";"), ("utf-8", True, ";"), ("utf-8", False, ","), ("utf-8", False, "\t")],
)
def test_csv_french_exports(tmp_path, encoding, bom, sep):
    rows = [
        ["id_usager", "nom", "prenom", "date_naissance", "montant"],
        ["1", "Hébert", "Zoé", "03/04/1985", "12,50"],
        ["2", "Lefèvre", "Éloïse", "31/12/1990", "7,25"],
        ["3", "Noël", "Gaëlle", "", "0,5"],
    ]
    def cell(v: str) -> str:
        return f'"{v}"' if sep in v else v

    text = "\n".join(sep.join(cell(v) for v in r) for r in rows) + "\n"
    f = _write(tmp_path / "usager.csv", text, encoding, bom)
    src = open_source(str(f))
    try:
        assert src.kind == "csv"
        with src.engine.connect() as c:
            got = c.execute(sa.text('select nom, prenom, date_naissance, montant from usager order by id_usager')).all()
        assert got[0] == ("Hébert", "Zoé", "1985-04-03", 12.5)
        assert got[1][1] == "Éloïse" and got[1][2] == "1990-12-31"
        assert got[2][2] is None
        assert any("3 ligne(s)" in n for n in src.notes)
    finally:
        src.close()


def test_csv_mixed_encodings_in_one_file(tmp_path):
    lines = ["id;nom;commentaire", "1;Hébert;reçu en entretien", "2;Lefèvre;déménagement prévu"]
    data = (lines[0] + "\r\n").encode() + (lines[1] + "\r\n").encode("utf-8") + (lines[2] + "\r\n").encode("cp1252")
    f = tmp_path / "notes.csv"
    f.write_bytes(data)
    src = open_source(str(f))
    try:
        with src.engine.connect() as c:
            got = c.execute(sa.text("select nom, commentaire from notes order by id")).all()
        assert got == [("Hébert", "reçu en entretien"), ("Lefèvre", "déménagement prévu")]
    finally:
        src.close()


def test_csv_quoted_multiline_and_separator(tmp_path):
    text = 'id;note\n1;"Première ligne\nseconde ligne; avec point-virgule"\n2;simple\n'
    f = _write(tmp_path / "entretien.csv", text, "utf-8")
    src = open_source(str(f))
    try:
        with src.engine.connect() as c:
            got = c.execute(sa.text("select note from entretien order by id")).scalars().all()
        assert got[0].startswith("Première ligne") and "point-virgule" in got[0]
    finally:
        src.close()


def test_csv_folder_and_temp_copy_removed(tmp_path):
    d = tmp_path / "exports"
    d.mkdir()
    _write(d / "usager.csv", "id;nom\n1;a\n", "utf-8")
    _write(d / "entretien.csv", "id;id_usager;date_entretien\n1;1;02/03/2021\n", "cp1252")
    before = {p.name: sha(p) for p in d.iterdir()}
    src = open_source(str(d))
    tmp_db = Path(src.engine.url.database or "") if src.engine.url.database else None
    assert src.table_names() == ["entretien", "usager"]
    src.close()
    assert {p.name: sha(p) for p in d.iterdir()} == before
    if tmp_db:
        assert not tmp_db.exists()


def test_csv_impossible_date_kept_as_text(tmp_path):
    f = _write(tmp_path / "usager.csv", "id;dt_naiss\n1;31/02/1980\n2;01/01/1990\n", "utf-8")
    src = open_source(str(f))
    try:
        with src.engine.connect() as c:
            got = c.execute(sa.text("select dt_naiss from usager order by id")).scalars().all()
        # the fast path converts the layout only; validity is judged by the checks
        assert got == ["1980-02-31", "1990-01-01"]
    finally:
        src.close()


# ------------------------------------------------------------------ server URL
def test_masked_url_never_shows_password():
    url = sa.engine.make_url("postgresql+psycopg://audit:S3cret-Value@db.example/social")
    assert "S3cret-Value" not in masked(url) and "***" in masked(url)


def test_password_from_environment(pg, monkeypatch):
    eng = pg.admin_engine()
    with eng.connect() as c:
        c.execute(sa.text("DROP ROLE IF EXISTS lecteur_env"))
        c.execute(sa.text("CREATE ROLE lecteur_env LOGIN PASSWORD 'Env-Only-Pass-42'"))
    eng.dispose()
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", "Env-Only-Pass-42")
    src = open_source(pg.url_without_password("postgres", "lecteur_env"), interactive=False)
    try:
        assert src.kind == "postgresql"
        assert "Env-Only-Pass-42" not in src.display
    finally:
        src.close()


def test_wrong_password_is_one_sentence(pg, monkeypatch):
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", "Definitely-Wrong-Pass")
    with pytest.raises(SourceError) as info:
        open_source(pg.url_without_password("postgres", "auditor_admin"), interactive=False)
    msg = str(info.value)
    assert "mot de passe incorrect" in msg and "Definitely-Wrong-Pass" not in msg


def test_postgres_session_is_read_only(pg, tmp_path, monkeypatch):
    db = make_minimal_db(tmp_path / "x.sqlite")
    pg.load_sqlite(db, "ro_test")
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", "Sup3r-Secret-Admin-Pass")
    src = open_source(pg.url_without_password("ro_test", "auditor_admin"), interactive=False)
    try:
        with pytest.raises(sa.exc.InternalError, match="read-only transaction"):
            with src.engine.begin() as conn:
                conn.execute(sa.text("UPDATE usager SET nom = 'x'"))
        with pytest.raises(sa.exc.InternalError, match="read-only transaction"):
            with src.engine.begin() as conn:
                conn.execute(sa.text("CREATE TEMP TABLE t(a int)"))
    finally:
        src.close()


def test_unreachable_host_bounded(monkeypatch):
    import time

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", "x")
    start = time.monotonic()
    with pytest.raises(SourceError) as info:
        # 127.0.0.1 port 9: nothing listens, the refusal is immediate and local
        open_source("postgresql+psycopg://u@127.0.0.1:9/db", interactive=False)
    assert time.monotonic() - start < 15
    assert "Impossible de se connecter" in str(info.value) or "ne répond pas" in str(info.value)


@pytest.mark.skipif(os.environ.get("CI_NO_MYSQL") == "1", reason="no MySQL driver")
def test_mysql_url_needs_no_server_to_fail_cleanly(monkeypatch):
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", "x")
    with pytest.raises(SourceError):
        open_source("mysql+pymysql://u@127.0.0.1:9/db", interactive=False)
