"""Workbooks as sources: every mess of a real spreadsheet, on files written by openpyxl, odfpy and xlwt."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.api import audit
from auditor.errors import SourceError
from auditor.sources import open_source
from tests.engine.helpers import run_cli
from tests.engine.test_cli_errors import assert_clean_failure
from tests.sources import messy_workbooks as m

AS_OF = dt.date(2026, 6, 30)
FORMATS = ["xlsx", "ods", "xls"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("books")
    return {"xlsx": m.write_xlsx(d / "stats.xlsx"), "ods": m.write_ods(d / "stats.ods"), "xls": m.write_xls(d / "stats.xls")}


@pytest.fixture(scope="module")
def audits(books) -> dict[str, object]:
    out = {}
    for fmt, path in books.items():
        before = _sha(path)
        out[fmt] = audit(str(path), checks=["nominative"], as_of=AS_OF)
        assert _sha(path) == before  # the workbook is only read
    return out


def _rows(path: Path, table: str) -> list[tuple]:
    s = open_source(str(path))
    try:
        with s.engine.connect() as c:
            t = sa.table(table, *[sa.column(x["name"]) for x in sa.inspect(s.engine).get_columns(table)])
            return [tuple(r) for r in c.execute(sa.select(t))]
    finally:
        s.close()


def _source(path: Path):
    return open_source(str(path))


# ---------------------------------------------------------------- how sheets are read
@pytest.mark.parametrize("fmt", FORMATS)
def test_title_rows_notes_and_cross_table(books, fmt):
    """Title and note rows are skipped; the cross-table is read cell by cell, margins kept, padding ignored."""
    s = _source(books[fmt])
    try:
        assert "Statistiques" in s.table_names()
        cols = [c["name"] for c in sa.inspect(s.engine).get_columns("Statistiques")]
        assert cols == ["Territoire", "annee", "effectif"]
        assert s.table_meta["Statistiques"]["crosstab"]["rows"] == ["Territoire"]
        note = next(n for n in s.notes if "› Statistiques" in n)
        assert "tableau croisé de 4 lignes × 4 colonnes" in note and "3 lignes de titre ou de note" in note
    finally:
        s.close()
    rows = _rows(books[fmt], "Statistiques")
    assert len(rows) == 16
    assert ("Nord", "2024", "<5") in rows and ("Total", "Total", "190") in rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_merged_two_level_header(books, fmt):
    """Years merged over Femmes / Hommes give one label per column ("2024 Hommes")."""
    rows = _rows(books[fmt], "Par âge")
    assert ("18-24 ans", "2024 Hommes", 2) in rows
    assert {r[1] for r in rows} == {"2023 Femmes", "2023 Hommes", "2024 Femmes", "2024 Hommes", "Total"}


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_two_tables_on_one_sheet_with_marks(books, fmt):
    s = _source(books[fmt])
    try:
        names = s.table_names()
    finally:
        s.close()
    assert "Deux tableaux › partie 1" in names and "Deux tableaux › partie 2" in names
    first = _rows(books[fmt], "Deux tableaux › partie 1")
    assert ("Budget", "s") in first and ("Santé", "*") in first and ("Total", "70") in first
    assert _rows(books[fmt], "Deux tableaux › partie 2") == [("Femmes", "40"), ("Hommes", "NC"), ("Ensemble", "71")]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_dates_hidden_column_and_totals_row(books, fmt):
    """Date cells and text dates become ISO dates; the hidden column is loaded; the totals row is not a person."""
    rows = _rows(books[fmt], "Extraction")
    assert len(rows) == len(m.PERSONS)
    assert rows[0][4] == "2023-01-01" and rows[0][5] == "2024-01-10"
    s = _source(books[fmt])
    try:
        meta = s.table_meta["Extraction"]
        assert meta["hidden_columns"] == ["Nom"] and meta["dropped_totals"] == 1
    finally:
        s.close()


def test_formula_cached_values(books):
    """The .ods margins are formulas: their cached values are read."""
    rows = _rows(books["ods"], "Statistiques")
    assert ("Nord", "Total", "78") in rows and ("Total", "2022", "77") in rows


# ---------------------------------------------------------------- findings
def _index(result) -> dict:
    return {(f.rule, f.table, f.column, f.subject): f for f in result.findings}


@pytest.mark.parametrize("fmt", FORMATS)
def test_hidden_sheet_with_names_is_found(audits, fmt):
    got = _index(audits[fmt])
    f = got[("nominative.direct_identifier_in_statistics", "Détail stat", "Nom", "person_name")]
    assert f.affected == len(m.PERSONS)
    assert f.details["origin"] == f"stats.{fmt} › Détail stat" and f.details["hidden_in_workbook"]
    assert "était masquée dans le classeur" in f.evidence[0].excerpt
    assert ("nominative.direct_identifier_in_statistics", "Détail stat", "Prénom", "first_name") in got


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_hidden_column_with_names_is_found(audits, fmt):
    f = _index(audits[fmt])[("nominative.direct_identifier_in_statistics", "Extraction", "Nom", "person_name")]
    assert "colonne masquée dans le classeur : Nom" in f.evidence[0].excerpt


@pytest.mark.parametrize("fmt", FORMATS)
def test_suppressed_cell_recomputable_from_margins(audits, fmt):
    f = _index(audits[fmt])[("nominative.secondary_disclosure", "Statistiques", "effectif", "margins")]
    assert f.affected == 1 and f.total == 1
    assert f.details["cells"] == ["« Nord » × « 2024 »"]
    assert any("Case masquée « Nord » × « 2024 »" in e.excerpt for e in f.evidence)
    assert f.details["origin"] == f"stats.{fmt} › Statistiques"


@pytest.mark.parametrize("fmt", FORMATS)
def test_small_cells_named_by_labels(audits, fmt):
    got = _index(audits[fmt])
    f = got[("nominative.small_cells", "Statistiques", "effectif", "persons")]
    assert f.affected == 1 and f.details["cells"] == ["« Est » × « 2023 »"]
    g = got[("nominative.small_cells", "Par âge", "effectif", "persons")]
    assert g.details["cells"] == ["« 18-24 ans » × « 2024 Hommes »"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_other_finding_and_no_count_in_labels(audits, fmt):
    """Hard negatives: two masked cells in one margin, or no total, give nothing; labels never carry a count."""
    got = _index(audits[fmt])
    expected = {
        ("nominative.direct_identifier_in_statistics", "Détail stat", "Nom", "person_name"),
        ("nominative.direct_identifier_in_statistics", "Détail stat", "Prénom", "first_name"),
        ("nominative.secondary_disclosure", "Statistiques", "effectif", "margins"),
        ("nominative.small_cells", "Statistiques", "effectif", "persons"),
        ("nominative.small_cells", "Par âge", "effectif", "persons"),
    }
    if fmt != "xls":
        expected.add(("nominative.direct_identifier_in_statistics", "Extraction", "Nom", "person_name"))
        # one "NC" cell and an "Ensemble" row: recomputable (a one-dimension table); two masked cells with a total: not
        expected.add(("nominative.secondary_disclosure", "Deux tableaux › partie 2", "Effectif", "margins"))
    assert set(got) == expected
    text = json.dumps([f.details.get("cells") for f in audits[fmt].findings], ensure_ascii=False)
    assert "<5" not in text and "« 8 »" not in text and "« 2 »" not in text


def test_no_person_value_in_findings(audits):
    names = {n for n, _ in m.PERSONS} | set(m.FIRST)
    for result in audits.values():
        blob = json.dumps([[f.title, [e.excerpt for e in f.evidence], f.details] for f in result.findings], ensure_ascii=False, default=str)
        assert not [n for n in names if re.search(rf"\b{n}\b", blob)]


def test_same_findings_in_a_folder_with_csv(tmp_path, books):
    """A folder mixing a workbook and a CSV export: sheets named ``classeur › feuille``."""
    (tmp_path / "stats.xlsx").write_bytes(books["xlsx"].read_bytes())
    (tmp_path / "mds.csv").write_text("code;libelle\n1;Nord\n2;Sud\n", encoding="utf-8")
    s = open_source(str(tmp_path))
    try:
        names = s.table_names()
    finally:
        s.close()
    assert "mds" in names and "stats.xlsx › Statistiques" in names and "stats.xlsx › Détail stat" in names


def test_deterministic(books, audits):
    again = audit(str(books["xlsx"]), checks=["nominative"], as_of=AS_OF)
    assert [f.id for f in again.findings] == [f.id for f in audits["xlsx"].findings]


# ---------------------------------------------------------------- bad inputs
def _protected_ods(path: Path) -> Path:
    """An .ods laid out as an office suite writes a password-protected file: the manifest declares the encryption."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="5213">'
        '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
        'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
        'manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" '
        'manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data>'
        '</manifest:file-entry></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", bytes(range(256)) * 20)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


def _encrypted_ooxml(path: Path) -> Path:
    """The head of an OLE2 container whose directory names the EncryptedPackage stream (an encrypted .xlsx)."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\x00") + b"\x22\x00\x02\x01" + b"\x00" * 60
    path.write_bytes(head + b"\x00" * 512 + entry + "EncryptionInfo".encode("utf-16-le").ljust(128, b"\x00"))
    return path


def _bad_inputs(tmp_path: Path, books: dict[str, Path]) -> dict[str, tuple[Path, str]]:
    other_zip = tmp_path / "rapport.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("photos/vacances.txt", "pas un classeur")
    truncated = tmp_path / "tronque.xlsx"
    data = books["xlsx"].read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    truncated_ods = tmp_path / "tronque.ods"
    data = books["ods"].read_bytes()
    truncated_ods.write_bytes(data[: len(data) // 3])
    garbage_xls = tmp_path / "ancien.xls"
    garbage_xls.write_bytes(b"ceci n'est pas un classeur\n" * 10)
    from openpyxl import Workbook

    empty = tmp_path / "vide.xlsx"
    Workbook().save(empty)
    return {
        "zip_of_something_else": (other_zip, "pas un classeur"),
        "truncated_xlsx": (truncated, "tronqué"),
        "truncated_ods": (truncated_ods, "tronqué"),
        "not_an_xls": (garbage_xls, "n'est pas un classeur"),
        "protected_ods": (_protected_ods(tmp_path / "protege.ods"), "protégé par un mot de passe"),
        "protected_xlsx": (_encrypted_ooxml(tmp_path / "protege.xlsx"), "protégé par un mot de passe"),
        "empty_workbook": (empty, "ne contient aucune donnée"),
    }


BAD = ["zip_of_something_else", "truncated_xlsx", "truncated_ods", "not_an_xls", "protected_ods", "protected_xlsx", "empty_workbook"]


@pytest.mark.parametrize("case", BAD)
def test_bad_workbook_exit_2_one_sentence_no_report(tmp_path, books, capsys, case):
    path, needle = _bad_inputs(tmp_path, books)[case]
    before = _sha(path)
    out = tmp_path / "rapport"
    r = run_cli(["scan", str(path), "--out", str(out)], capsys)
    assert_clean_failure(r, out)
    assert needle in r.err
    assert _sha(path) == before
    if "protégé" in needle:
        assert "enregistrez-en une copie sans mot de passe" in r.err


def test_bad_workbook_in_a_folder_names_the_file(tmp_path, books):
    (tmp_path / "ok.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    _encrypted_ooxml(tmp_path / "salaires.xlsx")
    with pytest.raises(SourceError, match="salaires.xlsx est protégé"):
        open_source(str(tmp_path))


def test_no_temporary_file_left_beside_the_workbook(tmp_path, books):
    path = tmp_path / "stats.xlsx"
    path.write_bytes(books["xlsx"].read_bytes())
    s = open_source(str(path))
    s.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stats.xlsx"]


def test_a_sheet_without_header_keeps_names_out_of_column_names(tmp_path):
    """A list of persons pasted without a header row: its first row is data, columns get neutral names."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Liste"
    for name, first in [("Dubois", "Sophie"), ("Martin", "Marie"), ("Leroy", "Jean")]:
        ws.append([name, first, "Nord"])
    path = tmp_path / "liste.xlsx"
    wb.save(path)
    s = open_source(str(path))
    try:
        cols = [c["name"] for c in sa.inspect(s.engine).get_columns("Liste")]
    finally:
        s.close()
    assert cols == ["colonne_1", "colonne_2", "colonne_3"]
    assert len(_rows(path, "Liste")) == 3


def test_dominance_on_a_sheet_of_businesses(tmp_path):
    """A sheet giving, per cell, the number of businesses, the total and the largest amount: dominant cells are found."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Bilan employeurs"
    ws.append(["Bilan 2024 des aides aux employeurs"])
    ws.append(["Secteur", "Territoire", "nb_entreprises", "montant_total", "montant_max"])
    for row in [["Commerce", "Nord", 12, 50000, 9000], ["Industrie", "Nord", 2, 80000, 75000],
                ["Services", "Sud", 25, 60000, 8000], ["Industrie", "Sud", 4, 90000, 81000]]:
        ws.append(row)
    path = tmp_path / "employeurs.xlsx"
    wb.save(path)
    got = _index(audit(str(path), checks=["nominative"], as_of=AS_OF))
    f = got[("nominative.small_cells", "Bilan employeurs", "nb_entreprises", "business")]
    assert f.details["dominance_cells"] == 2 and f.details["small_cells"] == 1
    assert f.details["origin"] == "employeurs.xlsx › Bilan employeurs"


def test_report_says_what_was_hidden_and_holds_no_name(tmp_path, books, capsys):
    out = tmp_path / "rapport"
    r = run_cli(["scan", str(books["xlsx"]), "--out", str(out), "--as-of", "2026-06-30", "--format", "json,html",
                 "--checks", "nominative"], capsys)
    assert r.code == 1, r.err
    html = (out / "rapport.html").read_text(encoding="utf-8")
    assert "était masquée dans le classeur" in html  # in the finding
    assert "feuille masquée, auditée quand même" in html  # in the method annex
    assert re.search(r"«\s*Nord\s*»\s*×\s*«\s*2024\s*»", html)  # the report typesets French spaces
    doc = (out / "findings.json").read_text(encoding="utf-8")
    for text in (html, doc, r.out):
        assert not [n for n, _ in m.PERSONS if re.search(rf"\b{n}\b", text)]
        assert not [n for n in m.FIRST if re.search(rf"\b{n}\b", text)]


def test_xlsm_is_read_like_xlsx(tmp_path, books):
    path = tmp_path / "macros.xlsm"
    path.write_bytes(books["xlsx"].read_bytes())
    assert ("Nord", "2024", "<5") in _rows(path, "Statistiques")


def test_streamed_xlsx_reads_like_calamine(tmp_path, books, monkeypatch):
    """Large sheets are streamed (flat memory): forced here, the messy workbook loads to the same tables and findings."""
    import auditor.sources.xlsx_stream as xs

    def dump(path: Path):
        s = open_source(str(path))
        try:
            with s.engine.connect() as c:
                return {t: c.execute(sa.text(f'select * from "{t}"')).fetchall() for t in s.table_names()}, s.table_meta, s.notes
        finally:
            s.close()

    whole = dump(books["xlsx"])
    first = audit(str(books["xlsx"]), checks=["nominative"], as_of=AS_OF)
    monkeypatch.setattr(xs, "STREAM_ABOVE", 0)
    assert dump(books["xlsx"]) == whole
    streamed = audit(str(books["xlsx"]), checks=["nominative"], as_of=AS_OF)
    assert [(f.id, f.affected, f.details.get("cells")) for f in streamed.findings] == \
        [(f.id, f.affected, f.details.get("cells")) for f in first.findings]


def test_one_column_list_is_a_table_and_long_headings_are_not(tmp_path):
    """A sheet that is one column of names is audited; six heading lines above a table are notes."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Bénéficiaires"
    ws.append(["Bénéficiaires de l'aide 2024"])
    for name in ["Dubois", "Martin", "Leroy", "Moreau", "Simon", "Laurent", "Petit"]:
        ws.append([f"{name} Sophie"])
    ws2 = wb.create_sheet("Synthèse")
    for line in ["Synthèse annuelle", "Service social", "Année 2024", "Source : logiciel", "Unité : personnes", "Champ : tous"]:
        ws2.append([line])
    ws2.append(["Motif", "Effectif"])
    ws2.append(["Logement", 12])
    ws2.append(["Budget", 30])
    path = tmp_path / "listes.xlsx"
    wb.save(path)
    s = open_source(str(path))
    try:
        insp = sa.inspect(s.engine)
        assert [c["name"] for c in insp.get_columns("Bénéficiaires")] == ["Bénéficiaires de l'aide 2024"]
        assert [c["name"] for c in insp.get_columns("Synthèse")] == ["Motif", "Effectif"]
    finally:
        s.close()
    assert len(_rows(path, "Bénéficiaires")) == 7
    assert _rows(path, "Synthèse") == [("Logement", 12), ("Budget", 30)]


def test_cross_table_with_years_and_two_label_columns_down_the_side(tmp_path):
    """Years down the side (numbers), then a second label column; sexes across with a Total column."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Feuil1"
    ws.append(["Année", "Territoire", "Femmes", "Hommes", "Total"])
    ws.append([2023, "Nord", 30, "*", 52])
    ws.append([2023, "Sud", 25, 27, 52])
    ws.append([2024, "Nord", 31, 24, 55])
    path = tmp_path / "croise.xlsx"
    wb.save(path)
    s = open_source(str(path))
    try:
        assert [c["name"] for c in sa.inspect(s.engine).get_columns("Feuil1")] == ["Année", "Territoire", "colonne", "effectif"]
    finally:
        s.close()
    got = _index(audit(str(path), checks=["nominative"], as_of=AS_OF))
    f = got[("nominative.secondary_disclosure", "Feuil1", "effectif", "margins")]
    assert f.details["cells"] == ["« 2023 » × « Nord » × « Hommes »"]
