"""Access databases through mdbtools.

No Access file can be written here (mdbtools only reads; no free writer is
packaged), so the loader is tested two ways:

- against stand-in ``mdb-tables`` / ``mdb-schema`` / ``mdb-export`` programs that
  print what mdbtools 1.0 prints (schema layout and relationship statements as
  written by ``src/libmdb/backend.c``; CSV with a header row): tables, types,
  declared primary and foreign keys, rows, the nominative check on the result;
- against the real mdbtools when it is installed: a file that is not a valid
  Access database gives exit 2 and one French sentence.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.catalog.classify import build_catalog
from auditor.errors import SourceError
from auditor.sources import open_source
from tests.engine.helpers import run_cli
from tests.engine.test_cli_errors import assert_clean_failure

SCHEMA = '''\
-- ----------------------------------------------------------
-- MDB Tools - A library for reading MS Access database files
-- ----------------------------------------------------------

CREATE TABLE "Usagers"
 (
\t"IdUsager"\t\t\tSERIAL,
\t"Nom"\t\t\tVARCHAR (50),
\t"Prenom"\t\t\tVARCHAR (50),
\t"DateNaissance"\t\t\tTIMESTAMP WITHOUT TIME ZONE,
\t"NIR"\t\t\tVARCHAR (15)
);

-- CREATE INDEXES ...
ALTER TABLE "Usagers" ADD CONSTRAINT "Usagers_pkey" PRIMARY KEY ("IdUsager");

CREATE TABLE "Entretiens"
 (
\t"IdEntretien"\t\t\tSERIAL,
\t"IdUsager"\t\t\tINTEGER,
\t"DateEntretien"\t\t\tTIMESTAMP WITHOUT TIME ZONE,
\t"Duree"\t\t\tDOUBLE PRECISION
);

-- CREATE INDEXES ...
ALTER TABLE "Entretiens" ADD CONSTRAINT "Entretiens_pkey" PRIMARY KEY ("IdEntretien");


-- CREATE Relationships ...
ALTER TABLE "Entretiens" ADD CONSTRAINT "Entretiens_IdUsager_fk" FOREIGN KEY ("IdUsager") REFERENCES "Usagers"("IdUsager") ON UPDATE CASCADE;
'''

USAGERS = [(1, "Dupont", "Marie", "1980-05-12 00:00:00", "280057512345678"), (2, "Durand", "Paul", "1975-11-03 00:00:00", ""),
           (3, "Lefèvre", "Anne, dite \"Nanou\"", "1990-01-30 00:00:00", "290017512345612")]
ENTRETIENS = [(1, 1, "2024-03-12 14:30:00", "1.5"), (2, 1, "2024-04-02 09:00:00", "0.75"), (3, 3, "2024-05-20 00:00:00", "1")]


def _csv(header: list[str], rows: list[tuple]) -> str:
    def q(v: object) -> str:
        s = str(v)
        return '"' + s.replace('"', '""') + '"' if any(ch in s for ch in ',"\n') else s
    return "\n".join([",".join(header)] + [",".join(q(v) for v in r) for r in rows]) + "\n"


@pytest.fixture()
def fake_mdbtools(tmp_path, monkeypatch) -> Path:
    """Stand-in mdbtools programs on the PATH, answering for one file."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    (data / "schema.sql").write_text(SCHEMA, encoding="utf-8")
    (data / "Usagers.csv").write_text(_csv(["IdUsager", "Nom", "Prenom", "DateNaissance", "NIR"], USAGERS), encoding="utf-8")
    (data / "Entretiens.csv").write_text(_csv(["IdEntretien", "IdUsager", "DateEntretien", "Duree"], ENTRETIENS), encoding="utf-8")
    (data / "calls.log").write_text("", encoding="utf-8")
    scripts = {
        "mdb-tables": 'print("Usagers\\nEntretiens")',
        "mdb-schema": 'assert "--relations" in sys.argv and sys.argv[-1] == "postgres"; sys.stdout.write(open(D + "/schema.sql", encoding="utf-8").read())',
        "mdb-export": 'sys.stdout.write(open(D + "/" + sys.argv[-1] + ".csv", encoding="utf-8").read())',
    }
    for name, body in scripts.items():
        p = bindir / name
        p.write_text(textwrap.dedent(f"""\
            #!{sys.executable}
            import sys
            D = {str(data)!r}
            open(D + "/calls.log", "a").write(" ".join(sys.argv[1:]) + "\\n")
            {body}
            """), encoding="utf-8")
        p.chmod(p.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return data


def _jet_file(path: Path, kind: bytes = b"Standard Jet DB") -> Path:
    path.write_bytes(b"\x00\x01\x00\x00" + kind + b"\x00" * (4096 - 4 - len(kind)))
    return path


def test_access_tables_rows_types_and_relations(tmp_path, fake_mdbtools):
    mdb = _jet_file(tmp_path / "association.mdb")
    before = hashlib.sha256(mdb.read_bytes()).hexdigest()
    s = open_source(str(mdb))
    try:
        assert s.table_names() == ["Entretiens", "Usagers"]
        insp = sa.inspect(s.engine)
        assert insp.get_pk_constraint("Usagers")["constrained_columns"] == ["IdUsager"]
        fks = insp.get_foreign_keys("Entretiens")
        assert [(f["constrained_columns"], f["referred_table"], f["referred_columns"]) for f in fks] == [(["IdUsager"], "Usagers", ["IdUsager"])]
        types = {c["name"]: str(c["type"]) for c in insp.get_columns("Entretiens")}
        assert types["Duree"] == "FLOAT" and types["IdUsager"] == "INTEGER"
        with s.engine.connect() as c:
            rows = c.execute(sa.text('select * from "Usagers" order by 1')).fetchall()
            ent = c.execute(sa.text('select "DateEntretien", "Duree" from "Entretiens" order by 1')).fetchall()
        assert rows[0] == (1, "Dupont", "Marie", "1980-05-12", "280057512345678")
        assert rows[1][4] is None and rows[2][2] == 'Anne, dite "Nanou"'
        assert ent == [("2024-03-12 14:30:00", 1.5), ("2024-04-02 09:00:00", 0.75), ("2024-05-20", 1.0)]
        assert any("relations déclarées dans Access : Entretiens.IdUsager → Usagers.IdUsager" in n for n in s.notes)
        cat = build_catalog(s)
        assert cat.tables["Entretiens"].columns["IdUsager"].target == "Usagers"
    finally:
        s.close()
    assert hashlib.sha256(mdb.read_bytes()).hexdigest() == before
    calls = (fake_mdbtools / "calls.log").read_text(encoding="utf-8")
    assert calls.count(str(mdb)) == 4  # one listing, one schema, one export per table
    assert "-D %Y-%m-%d -T %Y-%m-%d %H:%M:%S -b strip" in calls  # ISO dates asked of mdb-export


def test_access_findings(tmp_path, fake_mdbtools):
    from auditor.api import audit
    import datetime as dt

    mdb = _jet_file(tmp_path / "association.accdb", b"Standard ACE DB")
    result = audit(str(mdb), checks=["nominative"], as_of=dt.date(2026, 6, 30))
    nir = [f for f in result.findings if f.rule == "nominative.nir_stored"]
    assert len(nir) == 1 and nir[0].table == "Usagers" and nir[0].affected == 2
    assert nir[0].details["origin"] == "association.accdb › Usagers"


def test_access_in_a_folder_is_prefixed(tmp_path, fake_mdbtools):
    folder = tmp_path / "dossier"
    folder.mkdir()
    _jet_file(folder / "base.mdb")
    s = open_source(str(folder))
    try:
        assert s.table_names() == ["base.mdb › Entretiens", "base.mdb › Usagers"]
        fks = sa.inspect(s.engine).get_foreign_keys("base.mdb › Entretiens")
        assert fks[0]["referred_table"] == "base.mdb › Usagers"
    finally:
        s.close()


def test_not_an_access_file(tmp_path, fake_mdbtools, capsys):
    bad = tmp_path / "notes.mdb"
    bad.write_text("pas une base", encoding="utf-8")
    out = tmp_path / "rapport"
    r = run_cli(["scan", str(bad), "--out", str(out)], capsys)
    assert_clean_failure(r, out)
    assert "n'est pas une base Access" in r.err


def test_mdbtools_missing(tmp_path, monkeypatch, capsys):
    mdb = _jet_file(tmp_path / "association.mdb")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    out = tmp_path / "rapport"
    r = run_cli(["scan", str(mdb), "--out", str(out)], capsys)
    assert_clean_failure(r, out)
    assert "installez mdbtools" in r.err and "brew install mdbtools" in r.err


@pytest.mark.skipif(shutil.which("mdb-tables") is None, reason="mdbtools absent (apt-get install mdbtools)")
def test_real_mdbtools_refuses_a_broken_file(tmp_path, capsys):
    mdb = _jet_file(tmp_path / "abimee.mdb")
    before = hashlib.sha256(mdb.read_bytes()).hexdigest()
    out = tmp_path / "rapport"
    r = run_cli(["scan", str(mdb), "--out", str(out)], capsys)
    assert_clean_failure(r, out)
    assert "n'a pas pu être lue par mdbtools" in r.err
    assert hashlib.sha256(mdb.read_bytes()).hexdigest() == before


def test_encrypted_access_container_refused(tmp_path, fake_mdbtools):
    from tests.sources.test_spreadsheet import _encrypted_ooxml

    path = _encrypted_ooxml(tmp_path / "chiffree.accdb")
    with pytest.raises(SourceError, match="protégée par un mot de passe"):
        open_source(str(path))
