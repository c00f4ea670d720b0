"""Nominative check on small hand-built tables (SQLite here; the same tables on PostgreSQL in test_nominative_pg.py).

Every expected figure below is computed by hand from the rows written here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit

NIRS = ["185057800608491", "295109912611193", "176037501234543", "288026912345687", "192013300100264", "265069205001785"]


def sha(v: object) -> str:
    return hashlib.sha256(str(v).encode()).hexdigest()


def build_statistics_db(path: Path) -> Path:
    """Persons, a row-level extraction, an aggregated table with a published twin, margins, business data."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE beneficiaire (id_beneficiaire INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, nir TEXT, matricule TEXT);
        CREATE TABLE extraction_observatoire (id INTEGER PRIMARY KEY, annee_naissance INTEGER, sexe TEXT, cp TEXT,
                                              nationalite TEXT, motif TEXT, id_hash TEXT);
        CREATE TABLE indicateurs_site (id INTEGER PRIMARY KEY, annee INTEGER, site TEXT, sexe TEXT, effectif INTEGER, effectif_diffuse TEXT);
        CREATE TABLE bilan_motifs (id INTEGER PRIMARY KEY, motif TEXT, sexe TEXT, nb TEXT);
        CREATE TABLE stat_employeurs (id INTEGER PRIMARY KEY, secteur TEXT, nb_entreprises INTEGER, ca_total REAL, ca_max REAL);
        CREATE TABLE stat_annuelle (id INTEGER PRIMARY KEY, annee INTEGER, matricule TEXT, nom TEXT, prenom TEXT,
                                    code_site TEXT, sexe TEXT, tranche_age TEXT, nature_demande TEXT);
        """
    )
    first = ["Marie", "Jean", "Sophie", "Karim", "Fatou", "Luc", "Chloé", "Paul", "Inès", "Louis", "Emma", "Hugo", "Léa", "Nadia", "Yves", "Rose"]
    last = ["Martin", "Bernard", "Dubois", "Durand", "Petit", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Mercier"]
    for i in range(1, 17):
        con.execute("INSERT INTO beneficiaire VALUES (?,?,?,?,?)", (i, last[i - 1], first[i - 1], NIRS[i % 6], f"M{1000 + i:06d}"))
    # extraction: groups by (annee_naissance, sexe, cp, nationalite)
    rows = []
    rows += [(1980, "F", "75011", "française", "logement")] * 6            # A: 6 rows, one motif (homogeneous)
    rows += [(1990, "M", "75012", "française", m) for m in ("budget", "budget", "santé", "santé")]  # B: 4 rows
    rows += [(1990, "M", "75012", "marocaine", "budget")]                  # B': 1 row (same minimal key as B)
    rows += [(1975, "F", "93100", "française", "logement")] * 2           # C: 2 rows
    rows += [(1960, "M", "94000", "française", "santé")]                   # D: unique
    rows += [(2000, "F", "75011", "française", "budget")]                  # E: unique
    rows += [(1985, "M", "*", "française", "budget")]                      # postal code already suppressed
    for i, r in enumerate(rows, start=1):
        h = sha(i) if i <= 14 else hashlib.sha256(f"sel-{i}".encode()).hexdigest()  # 14 rows link to beneficiaire
        con.execute("INSERT INTO extraction_observatoire VALUES (?,?,?,?,?,?,?)", (i, *r, h))
    cells = [(2024, "A", "F", 25, "25"), (2024, "A", "M", 12, "12"), (2024, "B", "F", 3, "<5"), (2024, "B", "M", 7, "7"),
             (2024, "C", "F", 11, "11"), (2024, "C", "M", 1, "*"), (2024, "D", "F", 0, "0"), (2024, "D", "M", None, "s")]
    con.executemany("INSERT INTO indicateurs_site (annee, site, sexe, effectif, effectif_diffuse) VALUES (?,?,?,?,?)", cells)
    margins = [("logement", "F", "12"), ("logement", "M", "*"), ("logement", "Total", "20"),
               ("budget", "F", "*"), ("budget", "M", "*"), ("budget", "Total", "9"),
               ("santé", "F", "15"), ("santé", "M", "14"), ("santé", "Total", "29"),
               ("Ensemble", "F", "40"), ("Ensemble", "M", "*"), ("Ensemble", "Total", "58")]
    con.executemany("INSERT INTO bilan_motifs (motif, sexe, nb) VALUES (?,?,?)", margins)
    business = [("A", 2, 100, 90), ("B", 5, 100, 50), ("C", 10, 200, 180), ("D", 1, 10, 10), ("E", 8, 300, 100)]
    con.executemany("INSERT INTO stat_employeurs (secteur, nb_entreprises, ca_total, ca_max) VALUES (?,?,?,?)", business)
    ann = []
    for i in range(1, 13):
        ann.append((2024, f"M{1000 + i:06d}" if i <= 10 else f"X{i:06d}", last[i - 1], first[i - 1], "S1" if i <= 6 else "S2",
                    "F" if i % 2 else "M", "25-34" if i <= 8 else "55+", "budget"))
    con.executemany("INSERT INTO stat_annuelle (annee, matricule, nom, prenom, code_site, sexe, tranche_age, nature_demande) VALUES (?,?,?,?,?,?,?,?)", ann)
    con.commit()
    con.close()
    return path


def build_clean_db(path: Path) -> Path:
    """Hard negatives: a units table, an anonymous aggregated table, a k-anonymous diverse extraction."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE mds (id_mds INTEGER PRIMARY KEY, nom TEXT, adresse TEXT, code_postal TEXT, telephone TEXT);
        CREATE TABLE statistique_annuelle (id INTEGER PRIMARY KEY, annee INTEGER, nom_mds TEXT, tranche_age TEXT, sexe TEXT, effectif INTEGER);
        CREATE TABLE extraction_anonyme (id INTEGER PRIMARY KEY, tranche_age TEXT, sexe TEXT, motif TEXT);
        CREATE TABLE agent (id_agent INTEGER PRIMARY KEY, login TEXT, nom TEXT, prenom TEXT, email TEXT, fonction TEXT, mot_de_passe TEXT);
        """
    )
    con.executemany("INSERT INTO mds (nom, adresse, code_postal, telephone) VALUES (?,?,?,?)", [
        ("MDS d'Évry", "2 rue du Pont 91000 Évry", "91000", "01 60 00 00 01"),
        ("MDS de Massy", "5 avenue de France 91300 Massy", "91300", "01 60 00 00 02"),
        ("MDS d'Étampes", "8 place du Marché 91150 Étampes", "91150", "01 60 00 00 03"),
        ("MDS de Corbeil", "10 quai Bourgoin 91100 Corbeil-Essonnes", "91100", "01 60 00 00 04"),
        ("MDS de Palaiseau", "1 rue de Paris 91120 Palaiseau", "91120", "01 60 00 00 05"),
        ("MDS d'Orsay", "3 rue Charles de Gaulle 91400 Orsay", "91400", "01 60 00 00 06"),
    ])
    for y in (2023, 2024):
        for m in ("MDS d'Évry", "MDS de Massy"):
            for a in ("18-39", "40+"):
                for s in ("F", "M"):
                    con.execute("INSERT INTO statistique_annuelle (annee, nom_mds, tranche_age, sexe, effectif) VALUES (?,?,?,?,?)", (y, m, a, s, 11 + len(m) + y % 7))
    for a in ("18-39", "40+"):
        for s in ("F", "M"):
            for j in range(6):
                con.execute("INSERT INTO extraction_anonyme (tranche_age, sexe, motif) VALUES (?,?,?)", (a, s, ("budget", "logement", "santé")[j % 3]))
    staff = [("jdupont", "Dupont", "Jeanne", "jeanne.dupont@cd91.fr"), ("pmartin", "Martin", "Pierre", "pierre.martin@cd91.fr"),
             ("slefevre", "Lefèvre", "Sarah", "sarah.lefevre@cd91.fr"), ("kbenali", "Benali", "Karim", "karim.benali@cd91.fr"),
             ("adiallo", "Diallo", "Awa", "awa.diallo@cd91.fr"), ("trobert", "Robert", "Thomas", "thomas.robert@cd91.fr")]
    con.executemany("INSERT INTO agent (login, nom, prenom, email, fonction, mot_de_passe) VALUES (?,?,?,?,?,?)",
                    [(*s, "ASS", "x") for s in staff])
    con.commit()
    con.close()
    return path


def build_nir_db(path: Path) -> Path:
    """Persons with and without NIR, and case files typed as single contacts or not."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE usager (id_usager INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, nir TEXT);
        CREATE TABLE dossier (id_dossier INTEGER PRIMARY KEY, id_usager INTEGER, type_contact TEXT, date_ouverture TEXT);
        """
    )
    people = [(1, "Martin", "Marie", NIRS[0]), (2, "Durand", "Paul", NIRS[1]), (3, "Petit", "Léa", NIRS[2]),
              (4, "Roux", "Hugo", NIRS[3]), (5, "Simon", "Emma", None), (6, "Girard", "Luc", "")]
    con.executemany("INSERT INTO usager VALUES (?,?,?,?)", people)
    con.executemany("INSERT INTO dossier (id_usager, type_contact, date_ouverture) VALUES (?,?,?)", [
        (1, "contact_unique", "2024-01-02"), (2, "contact_unique", "2024-01-03"), (2, "accompagnement", "2024-02-01"),
        (3, "accompagnement", "2024-03-01"), (5, "Contact unique", "2024-04-01")])
    con.commit()
    con.close()
    return path


def run(spec: str):
    return audit(spec, checks=["nominative"], as_of=dt.date(2026, 6, 30))


def by_rule(result, rule: str, table: str | None = None) -> list:
    return [f for f in result.findings if f.rule == rule and (table is None or f.table == table)]


def one(result, rule: str, table: str, column: str | None = None, subject: str | None = None):
    found = [f for f in by_rule(result, rule, table) if (column is None or f.column == column) and (subject is None or f.subject == subject)]
    assert len(found) == 1, [(f.rule, f.table, f.column, f.subject) for f in by_rule(result, rule)]
    return found[0]


@pytest.fixture(scope="module")
def stats_db(tmp_path_factory) -> Path:
    return build_statistics_db(tmp_path_factory.mktemp("nom") / "stats.sqlite")


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory) -> Path:
    return build_clean_db(tmp_path_factory.mktemp("nom") / "clean.sqlite")


@pytest.fixture(scope="module")
def nir_db(tmp_path_factory) -> Path:
    return build_nir_db(tmp_path_factory.mktemp("nom") / "nir.sqlite")


# ------------------------------------------------------------------ expectations (shared with PostgreSQL)
def check_statistics(result) -> None:
    # k-anonymity over (annee_naissance, sexe, cp, nationalite); the row with cp '*' is not a category
    f = one(result, "nominative.k_anonymity", "extraction_observatoire")
    d = f.details
    assert d["quasi_identifiers"] == ["annee_naissance", "sexe", "cp", "nationalite"]
    assert (d["rows"], d["groups"], d["rows_below_k"], d["groups_below_k"], d["unique_rows"]) == (15, 6, 9, 5, 3)
    assert d["suppressed_rows_excluded"] == 1
    assert d["group_size_histogram"] == {"1": 3, "2": 1, "4": 1}
    assert d["risks"] == {"records_at_risk": round(9 / 15, 4), "highest_risk": 1.0, "average_risk": round(6 / 15, 4)}
    assert d["minimal_key"] == {"columns": ["annee_naissance", "sexe", "cp"], "rows_below_k": 4, "unique_rows": 2, "groups": 5}
    assert d["rows_below_k_without"]["nationalite"] == 4
    assert f.affected == 9 and f.total == 15
    # l-diversity: the only group of at least 5 rows (A, 6 rows) has one motif
    f = one(result, "nominative.l_diversity", "extraction_observatoire", "motif")
    assert (f.details["k_groups"], f.details["homogeneous_groups"], f.details["homogeneous_rows"]) == (1, 1, 6)
    # unkeyed SHA-256 of the persons' key: 14 of 16 rows
    f = one(result, "nominative.linkable_pseudonym", "extraction_observatoire", "id_hash", "hash_unkeyed")
    assert f.affected == 14 and f.total == 16
    assert f.details["source_table"] == "beneficiaire" and f.details["algorithm"] == "SHA-256"
    assert f.details["counted_on"] == "table entière"
    # small cells with a published twin column
    f = one(result, "nominative.small_cells", "indicateurs_site", "effectif", "persons")
    d = f.details
    assert (d["small_cells"], d["small_cells_below_5"], d["persons_in_small_cells"], d["persons"]) == (3, 2, 11, 59)
    assert (d["numeric_cells"], d["zero_cells"], d["suppressed_cells"], d["published_small_cells"]) == (7, 1, 3, 1)
    assert d["cells_by_value"] == {"1": 1, "3": 1, "7": 1}
    assert d["risks"] == {"records_at_risk": round(11 / 59, 4), "highest_risk": 1.0, "average_risk": round(6 / 59, 4)}
    assert f.affected == 3
    # suppressed in the published column, readable in the raw one
    f = one(result, "nominative.secondary_disclosure", "indicateurs_site", "effectif", "raw_column")
    assert (f.affected, f.total) == (2, 3)
    # margins: one suppressed cell beside a published total
    f = one(result, "nominative.secondary_disclosure", "bilan_motifs", "nb", "margins")
    assert f.affected == 3 and f.details["by_margin"] == {"sexe": 2, "motif": 1} and f.details["suppressed_cells"] == 4
    f = one(result, "nominative.small_cells", "bilan_motifs", "nb", "persons")
    assert f.affected == 1 and f.details["suppressed_cells"] == 4 and f.details["numeric_cells"] == 8
    # business thresholds: fewer than 3 units or one unit above 85 %
    f = one(result, "nominative.small_cells", "stat_employeurs", "nb_entreprises", "business")
    assert f.details["threshold"] == 3 and f.details["small_cells"] == 2 and f.details["dominance_cells"] == 3
    assert f.affected == 3
    # direct identifiers: three columns, 12 rows each; 10 matricules found in the persons table
    got = {f.column: f for f in by_rule(result, "nominative.direct_identifier_in_statistics", "stat_annuelle")}
    assert set(got) == {"matricule", "nom", "prenom"}
    assert all(f.affected == 12 and f.total == 12 for f in got.values())
    assert got["matricule"].details["rows_linked_to"] == ["beneficiaire", 10] or got["matricule"].details["rows_linked_to"] == ("beneficiaire", 10)
    fig = got["nom"].details["k_anonymity_without_identifiers"]
    assert fig["quasi_identifiers"] == ["annee", "code_site", "sexe", "tranche_age"]
    # groups: S1/F/25-34 (3), S1/M/25-34 (3), S2/F/25-34 (1), S2/M/25-34 (1), S2/F/55+ (2), S2/M/55+ (2)
    assert (fig["rows_below_k"], fig["unique_rows"]) == (12, 2)
    # nothing else in these tables
    assert not by_rule(result, "nominative.k_anonymity", "stat_annuelle")
    assert not by_rule(result, "nominative.direct_identifier_in_statistics", "extraction_observatoire")


def check_clean(result) -> None:
    assert result.findings == [], [(f.rule, f.table, f.column) for f in result.findings]


def check_nir(result) -> None:
    f = one(result, "nominative.nir_stored", "usager", "nir")
    assert (f.affected, f.total) == (4, 6)
    f = one(result, "nominative.nir_single_contact", "usager", "nir")
    assert (f.affected, f.total) == (1, 2)


# ------------------------------------------------------------------ SQLite
def test_statistics_sqlite(stats_db):
    check_statistics(run(str(stats_db)))


def test_hard_negatives_sqlite(clean_db):
    check_clean(run(str(clean_db)))


def test_nir_sqlite(nir_db):
    check_nir(run(str(nir_db)))


def test_no_value_from_the_data_in_findings(stats_db, nir_db):
    import json

    from auditor.report.json import to_dict  # type: ignore[attr-defined]

    for db in (stats_db, nir_db):
        result = run(str(db))
        text = json.dumps(to_dict(result), ensure_ascii=False)
        con = sqlite3.connect(db)
        values = set()
        for (name,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f'select * from "{name}"'):
                values.update(str(v) for v in row if isinstance(v, str) and len(v) >= 4)
        con.close()
        leaked = sorted(v for v in values if v in text and not v.isdigit()
                        and v.lower() not in {"logement", "budget", "santé", "total", "ensemble", "française", "marocaine", "25-34", "accompagnement"})
        assert leaked == []


def test_sample_not_used_for_counts(stats_db):
    """Counts are exact whatever the catalog sample size."""
    small = audit(str(stats_db), checks=["nominative"], as_of=dt.date(2026, 6, 30))
    check_statistics(small)


def test_policy_quasi_identifiers(tmp_path, stats_db):
    pol = tmp_path / "p.toml"
    pol.write_text('[checks.nominative]\nquasi_identifiers = { "extraction_observatoire" = ["annee_naissance", "sexe", "cp"] }\n', encoding="utf-8")
    r = audit(str(stats_db), checks=["nominative"], policy_path=pol)
    f = one(r, "nominative.k_anonymity", "extraction_observatoire")
    assert f.affected == 4 and f.details["unique_rows"] == 2


def test_policy_thresholds(tmp_path, stats_db):
    pol = tmp_path / "p.toml"
    pol.write_text("[thresholds]\nk_anonymity = 2\nsmall_cell = 4\n", encoding="utf-8")
    r = audit(str(stats_db), checks=["nominative"], policy_path=pol)
    assert one(r, "nominative.k_anonymity", "extraction_observatoire").affected == 3  # only the size-1 groups (B', D, E)
    assert one(r, "nominative.small_cells", "indicateurs_site", "effectif").affected == 2  # 1 and 3


def test_statistics_role_by_policy(tmp_path, clean_db):
    pol = tmp_path / "p.toml"
    pol.write_text('[tables."agent"]\nrole = "statistics"\n', encoding="utf-8")
    r = audit(str(clean_db), checks=["nominative"], policy_path=pol)
    assert {f.column for f in by_rule(r, "nominative.direct_identifier_in_statistics", "agent")} >= {"nom", "prenom"}


def test_salted_hash_is_a_pseudonym_of_unknown_origin(tmp_path):
    path = tmp_path / "salted.sqlite"
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE usager (id_usager INTEGER PRIMARY KEY, nom TEXT, nir TEXT);
        CREATE TABLE extraction_anonyme (id INTEGER PRIMARY KEY, tranche_age TEXT, sexe TEXT, pseudo_hash TEXT);
    """)
    con.executemany("INSERT INTO usager VALUES (?,?,?)", [(i, f"Nom{i}", NIRS[i % 6]) for i in range(1, 31)])
    con.executemany("INSERT INTO extraction_anonyme (tranche_age, sexe, pseudo_hash) VALUES (?,?,?)",
                    [(a, s, hashlib.sha256(f"sel-secret-{i}".encode()).hexdigest()) for i, (a, s) in
                     enumerate([(a, s) for a in ("18-39", "40+") for s in "FM" for _ in range(5)])])
    con.commit()
    con.close()
    r = run(str(path))
    f = one(r, "nominative.linkable_pseudonym", "extraction_anonyme", "pseudo_hash", "hash_unknown")
    assert f.severity.value == "medium" and f.affected == 20 and f.details["matched"] is False
    assert "usager.id_usager" in f.details["tried"]
    assert not by_rule(r, "nominative.k_anonymity")
    # no hashed value is ever printed
    text = " ".join([f.title, *(e.excerpt for e in f.evidence), str(f.details)])
    assert not any(len(w) >= 32 and all(ch in "0123456789abcdef" for ch in w) for w in text.replace(",", " ").split())
