"""Small cells of statistics tables in unseen styles (tests/checks/statstables.py), and the policy that corrects the guess.

Only the dev half of the set is asserted; the held-out half is measured by
``bench/eval_statstables.py`` and never tuned on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.errors import PolicyError
from tests.checks import statstables as st
from tests.pgserver import SUPERPASS, SUPERUSER
from tests.zoo import to_pg

DEV = [t for t in st.all_tables() if not t.held_out]


def _small(findings: list, table: str) -> dict[str, object]:
    return {f.column: f for f in findings if f.rule == "nominative.small_cells" and f.table.lower() == table.lower()}


def _check(t: st.StatTable, findings: list) -> None:
    got = _small(findings, t.name)
    assert {c: int(f.details["small_cells"]) for c, f in got.items()} == t.expected_by_column()
    for f in got.values():
        assert sorted(f.details["count_columns"]) == sorted(t.counts)
        assert sorted(f.details["dimension_columns"]) == sorted(t.dims)
        assert any(e.excerpt.startswith("Colonnes d'effectifs : ") for e in f.evidence)


@pytest.mark.parametrize("t", DEV, ids=[t.name for t in DEV])
def test_dev_table_small_cells_exact(t: st.StatTable, tmp_path: Path) -> None:
    _check(t, audit(str(st.build(t, tmp_path)), checks=["nominative"], interactive=False).findings)


def test_dev_tables_on_postgresql(pg, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    for t in DEV:
        db = f"st_{t.name.lower()}"
        to_pg.load(pg, st.build(t, tmp_path), db)
        _check(t, audit(pg.url_without_password(db, SUPERUSER), checks=["nominative"], interactive=False).findings)


def _policy(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "politique.toml"
    p.write_text(body, encoding="utf-8")
    return p


def test_policy_declares_the_count_columns(tmp_path: Path) -> None:
    t = st.t_rsa_region()
    db = st.build(t, tmp_path)
    pol = _policy(tmp_path, '[checks.nominative]\ncounts = { "stat_rsa_region" = ["nb_rsa"] }\n')
    got = _small(audit(str(db), checks=["nominative"], policy_path=pol, interactive=False).findings, t.name)
    assert list(got) == ["nb_rsa"]
    f = got["nb_rsa"]
    assert f.details["small_cells"] == t.expected_by_column()["nb_rsa"]
    assert f.details["columns_from_policy"] is True
    assert f.details["count_columns"] == ["nb_rsa"]
    assert sorted(f.details["dimension_columns"]) == ["annee", "nb_demandes", "nb_refus", "region"]


@pytest.mark.parametrize("body, words", [
    ('[checks.nominative]\ncounts = ["nb_rsa"]\n', "liste de noms de colonnes"),
    ('[checks.nominative]\ncounts = { "stat_rsa_region" = "nb_rsa" }\n', "liste de noms de colonnes"),
    ('[checks.nominative]\ncounts = { "stat_rsa_region" = ["nb_inconnu"] }\n', "« nb_inconnu », absente"),
    ('[checks.nominative]\ndimensions = { "table_absente" = ["annee"] }\n', "« table_absente », absente"),
])
def test_policy_count_columns_validated(tmp_path: Path, body: str, words: str) -> None:
    db = st.build(st.t_rsa_region(), tmp_path)
    with pytest.raises(PolicyError, match=words):
        audit(str(db), checks=["nominative"], policy_path=_policy(tmp_path, body), interactive=False)


def test_table_of_rows_is_not_taken_for_cells(tmp_path: Path) -> None:
    """Hard negative: a follow-up table (case file by its name) whose label repeats is not a table of cells."""
    db = tmp_path / "suivi.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE suivi_aides (type_aide TEXT, nb_jours INTEGER, montant REAL)")
    con.executemany("INSERT INTO suivi_aides VALUES (?,?,?)",
                    [("secours", 2 + i % 5, 40.5 + i) for i in range(10)] + [("prêt", 1 + i % 3, 100.0) for i in range(10)])
    con.commit()
    con.close()
    assert _small(audit(str(db), checks=["nominative"], interactive=False).findings, "suivi_aides") == {}


def test_row_level_extraction_stays_row_level(tmp_path: Path) -> None:
    """Hard negative: an extraction with a year of birth and a whole-number income is rows of persons, not cells:
    k-anonymity is measured, no small cell is counted in the income."""
    db = tmp_path / "extraction.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE extraction_observatoire (annee_naissance INTEGER, sexe TEXT, cp TEXT, revenu INTEGER)")
    con.executemany("INSERT INTO extraction_observatoire VALUES (?,?,?,?)",
                    [(1950 + i, "F" if i % 2 else "M", f"750{i % 20 + 1:02d}", 3 + 97 * i) for i in range(40)])
    con.commit()
    con.close()
    findings = audit(str(db), checks=["nominative"], interactive=False).findings
    assert _small(findings, "extraction_observatoire") == {}
    assert [f.affected for f in findings if f.rule == "nominative.k_anonymity"] == [40]


def test_small_cells_of_total_rows_are_counted_and_said(tmp_path: Path) -> None:
    """A margin is a published cell: a « Total » row of 7 persons is one small cell, and the finding says it is a total."""
    db = tmp_path / "marges.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE stat_motifs (motif TEXT, nb_hommes INTEGER, nb_femmes INTEGER)")
    con.executemany("INSERT INTO stat_motifs VALUES (?,?,?)",
                    [("logement", 3, 40), ("budget", 4, 25), ("santé", 0, 12), ("Total", 7, 77)])
    con.commit()
    con.close()
    got = _small(audit(str(db), checks=["nominative"], interactive=False).findings, "stat_motifs")
    assert {c: f.details["small_cells"] for c, f in got.items()} == {"nb_hommes": 3}
    assert got["nb_hommes"].details["small_cells_in_total_rows"] == 1
    assert "dont 1 dans des lignes de total" in got["nb_hommes"].evidence[0].excerpt


def test_decimal_values_of_a_declared_count_are_not_cells(tmp_path: Path) -> None:
    """A REAL column declared as counts: 3.0 is a cell of 3 persons, 3.5 (a rate row of a long table) is no cell at all."""
    db = tmp_path / "long.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE indicateurs_long (indicateur TEXT, territoire TEXT, valeur REAL)")
    con.executemany("INSERT INTO indicateurs_long VALUES (?,?,?)",
                    [("nb", "Nord", 3.0), ("taux", "Nord", 3.5), ("nb", "Sud", 40.0), ("taux", "Sud", 9.9)])
    con.commit()
    con.close()
    pol = _policy(tmp_path, '[checks.nominative]\ncounts = { "indicateurs_long" = ["valeur"] }\n')
    got = _small(audit(str(db), checks=["nominative"], policy_path=pol, interactive=False).findings, "indicateurs_long")
    assert got["valeur"].details["small_cells"] == 1


def test_settings_table_is_not_taken_for_cells(tmp_path: Path) -> None:
    """Hard negative: a table of settings (a key and a number per row) is no table of counts of persons."""
    db = tmp_path / "app.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE app_parametres (cle TEXT, valeur INTEGER)")
    con.executemany("INSERT INTO app_parametres VALUES (?,?)",
                    [("duree_session_min", 30), ("tentatives_max", 5), ("purge_jours", 7), ("taille_page", 50), ("niveau_log", 2)])
    con.commit()
    con.close()
    assert _small(audit(str(db), checks=["nominative"], interactive=False).findings, "app_parametres") == {}


def test_band_labels_are_not_maxima() -> None:
    from checks.nominative.cells import band_label, max_word

    words = {"max", "maximum", "plus", "principal"}
    for name in ("60_plus", "60 et plus", "60 ans et plus", "75+", "moins de 25 ans", "H75P"):
        assert not max_word(name, words), name
    for name in ("effectif_plus_grand", "nb_max", "case_maximum"):
        assert max_word(name, words), name
    assert band_label("moins de 25 ans") and not band_label("nb_2024") and not band_label("total")


@pytest.mark.parametrize("value, decimal", [
    ("4,2", True), ("45 %", True), ("12.5%", True), ("+3,1 %", True), ("-2", True), ("0.75", True),
    ("18-24", False), ("12", False), ("s", False), ("< 5", False), ("n.d.", False), ("1.2.3", False), ("%", False), ("2A", False),
])
def test_numbers_written_as_text_with_a_separator_or_a_percent(value: str, decimal: bool) -> None:
    """The SQL test that makes a text column of rates a measure, on SQLite and as written for the other engines."""
    import sqlalchemy as sa

    from checks.nominative.cells import _decimal_text

    eng = sa.create_engine("sqlite://")
    with eng.connect() as conn:
        assert bool(conn.execute(sa.select(_decimal_text(sa.literal(value, sa.Text), "sqlite"))).scalar()) is decimal


def test_rates_as_text_are_measures_and_masks_are_said(tmp_path: Path) -> None:
    t = st.t_taux_en_texte()
    got = _small(audit(str(st.build(t, tmp_path)), checks=["nominative"], interactive=False).findings, t.name)
    reasons = got["personnes_suivies"].details["column_reasons"]
    assert "case(s) masquée(s)" in reasons["personnes_suivies"] and "déjà protégées" in reasons["personnes_suivies"]
    for c in t.measures:
        assert "mesure" in reasons[c], (c, reasons[c])


def test_a_code_column_beside_a_total_row_stays_a_dimension(tmp_path: Path) -> None:
    """Hard negative of the sum test: a region code (whole numbers) on a table with a « Total » row does not add up
    (the total row has no code, or a code of its own), so it stays a dimension; the count column beside it adds up."""
    db = tmp_path / "codes.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE stat_regions (libelle TEXT, code_region INTEGER, nb_dossiers INTEGER)")
    rows = [("Bretagne", 53, 40), ("Normandie", 28, 7), ("Grand Est", 44, 120), ("Corse", 94, 3), ("Occitanie", 76, 55)]
    con.executemany("INSERT INTO stat_regions VALUES (?,?,?)", [*rows, ("Total", 99, sum(r[2] for r in rows))])
    con.commit()
    con.close()
    got = _small(audit(str(db), checks=["nominative"], interactive=False).findings, "stat_regions")
    f = got["nb_dossiers"]
    assert f.details["small_cells"] == 2
    assert "code_region" in f.details["dimension_columns"] and f.details["count_columns"] == ["nb_dossiers"]


def test_counts_named_like_places_add_up_to_the_total_row(tmp_path: Path) -> None:
    t = st.t_secteurs_total()
    got = _small(audit(str(st.build(t, tmp_path)), checks=["nominative"], interactive=False).findings, t.name)
    reason = next(iter(got.values())).details["column_reasons"]["secteur_nord"]
    assert "la ligne « Total » est la somme des autres lignes" in reason


def test_policy_dimension_beats_the_sum_test(tmp_path: Path) -> None:
    """The values' guess stays correctable: a column the policy declares a dimension is one, even when it adds up."""
    t = st.t_secteurs_total()
    db = st.build(t, tmp_path)
    pol = _policy(tmp_path, '[checks.nominative]\ndimensions = { "repartition_parcours" = ["parcours", "secteur_nord"] }\n')
    got = _small(audit(str(db), checks=["nominative"], policy_path=pol, interactive=False).findings, t.name)
    assert "secteur_nord" not in got and set(got) == {"secteur_sud", "zone_rurale"}
    assert "secteur_nord" in got["secteur_sud"].details["dimension_columns"]
