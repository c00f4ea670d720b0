"""The perimeter on SQLite and CSV folders (issue 12): views audited by the nominative check, schema options and
policy keys, an empty perimeter refused, a folder of exports that holds other files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from auditor import api
from auditor.errors import PolicyError, SourceError
from auditor.policy import load_policy
from tests.engine.helpers import run_cli

AS_OF = dt.date(2026, 6, 30)
FIRST = ["Aliette", "Bertrand", "Chloé", "Damien", "Eloïse", "Fabrice", "Gisèle", "Hugo", "Inès", "Jules"]
LAST = ["Durandeau", "Lemarchal", "Fabrequin", "Morvanec", "Quillardet", "Rouxelin", "Tavernier", "Vasseron"]


def _db(path: Path, view: bool = True) -> Path:
    c = sqlite3.connect(path)
    c.execute("create table usager (id_usager integer primary key, nom text, prenom text, code_postal text, sexe text)")
    c.executemany("insert into usager values (?, ?, ?, ?, ?)",
                  [(i, LAST[i % len(LAST)], FIRST[i % len(FIRST)], ["75011", "93200", "13001"][i % 3], "FM"[i % 2])
                   for i in range(1, 41)])
    if view:
        c.execute("create view stat_usager as select u.nom, u.prenom, u.code_postal, u.sexe from usager as u")
    c.commit()
    c.close()
    return path


def test_sqlite_view_with_names_is_audited(tmp_path: Path) -> None:
    db = _db(tmp_path / "v.sqlite")
    before = db.read_bytes()
    result = api.audit(str(db), checks=["nominative"], as_of=AS_OF)
    hits = [f for f in result.findings if f.rule == "nominative.direct_identifier_in_statistics"]
    assert {(f.table, f.column) for f in hits} == {("stat_usager", "nom"), ("stat_usager", "prenom")}
    for f in hits:
        assert f.affected == 40 and f.total == 40
        assert f.details["relation"] == "vue" and f.details["view_reads"] == ["usager"]
        assert "« stat_usager » est une vue qui lit « usager »" in f.why
    assert result.policy_info["perimeter"]["views"] == [{"name": "stat_usager", "kind": "vue", "reads": ["usager"]}]
    # the catalog's tables (report description) are the base tables; the view is not counted twice
    assert [t.name for t in result.tables] == ["usager"]
    assert db.read_bytes() == before


def test_sqlite_without_view_has_no_perimeter_block(tmp_path: Path) -> None:
    """A single-schema source without views: nothing new in the policy info (outputs unchanged)."""
    db = _db(tmp_path / "t.sqlite", view=False)
    result = api.audit(str(db), checks=["nominative"], as_of=AS_OF)
    assert "perimeter" not in result.policy_info


def test_schema_option_on_sqlite(tmp_path: Path) -> None:
    db = _db(tmp_path / "s.sqlite")
    assert api.audit(str(db), checks=["nominative"], as_of=AS_OF, schemas=["main"]).findings
    with pytest.raises(SourceError, match="schéma « social » n'existe pas"):
        api.audit(str(db), checks=["nominative"], as_of=AS_OF, schemas=["social"])


def test_excluding_every_schema_is_an_empty_perimeter(tmp_path: Path, capsys) -> None:
    db = _db(tmp_path / "e.sqlite")
    out = tmp_path / "o"
    r = run_cli(["scan", str(db), "--exclude-schema", "main", "--out", str(out)], capsys)
    assert r.code == 2
    assert "Aucune table lisible" in r.err and "schémas vus : main" in r.err and "tables lisibles : 0" in r.err
    assert "--exclude-schema" in r.err
    assert "Traceback" not in r.err and not out.exists()


def test_empty_sqlite_file_is_an_empty_perimeter(tmp_path: Path, capsys) -> None:
    db = tmp_path / "vide.sqlite"
    c = sqlite3.connect(db)
    c.execute("pragma user_version = 1")
    c.commit()
    c.close()
    r = run_cli(["scan", str(db), "--out", str(tmp_path / "o")], capsys)
    assert r.code == 2 and "tables lisibles : 0" in r.err


def test_policy_accepts_schema_keys(tmp_path: Path) -> None:
    pol = tmp_path / "p.toml"
    pol.write_text('[audit]\nschemas = ["main"]\nexclude_schemas = ["stats"]\nall_databases = false\n', encoding="utf-8")
    p = load_policy(pol)
    assert p.audit["schemas"] == ["main"]
    db = _db(tmp_path / "p.sqlite")
    assert api.audit(str(db), policy_path=pol, checks=["nominative"], as_of=AS_OF).findings
    bad = tmp_path / "bad.toml"
    bad.write_text('[audit]\nfail_on = "high"\nschemas = "social"\n', encoding="utf-8")
    with pytest.raises(PolicyError, match=r"ligne 3.*schemas doit être une liste"):
        load_policy(bad)


def test_policy_schemas_apply_and_option_wins(tmp_path: Path) -> None:
    pol = tmp_path / "p.toml"
    pol.write_text('[audit]\nschemas = ["social"]\n', encoding="utf-8")
    db = _db(tmp_path / "q.sqlite")
    with pytest.raises(SourceError, match="social"):
        api.audit(str(db), policy_path=pol, checks=["nominative"], as_of=AS_OF)
    assert api.audit(str(db), policy_path=pol, checks=["nominative"], as_of=AS_OF, schemas=["main"]).findings


def _exports(folder: Path) -> Path:
    folder.mkdir()
    lines = ["id_usager;nom;prenom;code_postal"] + [f"{i};{LAST[i % len(LAST)]};{FIRST[i % len(FIRST)]};7501{i % 10}"
                                                     for i in range(1, 31)]
    (folder / "usager.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return folder


def test_exports_folder_ignores_what_is_not_a_table(tmp_path: Path) -> None:
    d = _exports(tmp_path / "exports")
    (d / "readme.txt").write_text("Exports du logiciel, mars 2026.\nVoir la notice, page 3, pour les colonnes.\n"
                                  "Contact : le service informatique.\n", encoding="utf-8")
    (d / "notice.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (d / "liste.csv").write_text("nom\nA\nB\n", encoding="utf-8")
    result = api.audit(str(d), checks=["nominative"], as_of=AS_OF)
    assert [t.name for t in result.tables] == ["usager"]
    [note] = [n for n in result.policy_info["source_notes"] if n.startswith("Fichiers du dossier ignorés")]
    assert "readme.txt" in note and "notice.pdf (pas un fichier CSV)" in note and "liste.csv" in note
    from auditor.report.html import render

    html = render(result).decode("utf-8")
    assert "readme.txt" in html


def test_exports_folder_with_nothing_usable_exits_2(tmp_path: Path, capsys) -> None:
    d = tmp_path / "exports"
    d.mkdir()
    (d / "readme.txt").write_text("Exports du logiciel, mars 2026.\n", encoding="utf-8")
    out = tmp_path / "o"
    r = run_cli(["scan", str(d), "--out", str(out)], capsys)
    assert r.code == 2 and not out.exists() and "Traceback" not in r.err
    [line] = [x for x in r.err.splitlines() if x.startswith("auditor :")]
    assert "aucun tableau exploitable" in line and "readme.txt" in line
