"""Tests of the shipped sample databases and of their generator.

The counts recomputed here use SQL written independently of the generator, on
the shipped SQLite files, so that planted.json stays true.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
GENERATOR = SAMPLE / "generate.py"
BASES = {"company": "cp1252", "departement": "utf-8-sig"}
AS_OF = "2026-06-30"
CUT_1Y, CUT_2Y, CUT_3Y, CUT_5Y = "2025-06-30", "2024-06-30", "2023-06-30", "2021-06-30"


def run_generator(out: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out), *args],
                   check=True, capture_output=True, text=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_digest(db: Path) -> str:
    """Digest of every row of every table (independent of the SQLite version)."""
    h = hashlib.sha256()
    con = sqlite3.connect(db)
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        h.update(table.encode())
        for row in con.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen1")
    run_generator(out, "--no-csv")
    return out


def db(name: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{SAMPLE / name / (name + '.sqlite')}?mode=ro", uri=True)


def planted(name: str) -> dict[str, dict]:
    data = json.loads((SAMPLE / name / "planted.json").read_text(encoding="utf-8"))
    assert data["as_of"] == AS_OF
    return {p["id"]: p for p in data["problems"]}


def scalar(con: sqlite3.Connection, sql: str, params: tuple = ()) -> int:
    return con.execute(sql, params).fetchone()[0]


# --------------------------------------------------------------------------- determinism

def test_generation_is_byte_identical(fresh, tmp_path):
    run_generator(tmp_path, "--no-csv")
    for name in BASES:
        a, b = fresh / name / f"{name}.sqlite", tmp_path / name / f"{name}.sqlite"
        assert sha256(a) == sha256(b)
        for js in ("planted.json", "personal_columns.json", "planted_text_values.json"):
            assert (fresh / name / js).read_bytes() == (tmp_path / name / js).read_bytes()


def test_shipped_files_are_up_to_date(fresh):
    for name in BASES:
        assert content_digest(fresh / name / f"{name}.sqlite") == \
            content_digest(SAMPLE / name / f"{name}.sqlite"), f"regenerate {name}"
        for js in ("planted.json", "personal_columns.json", "planted_text_values.json"):
            assert (fresh / name / js).read_bytes() == (SAMPLE / name / js).read_bytes(), (name, js)


def test_shipped_sqlite_files_are_small():
    for name in BASES:
        assert (SAMPLE / name / f"{name}.sqlite").stat().st_size < 4_000_000


def test_small_scale_runs(tmp_path):
    run_generator(tmp_path, "--scale", "0.05", "--no-csv")
    con = sqlite3.connect(tmp_path / "company" / "company.sqlite")
    assert 0 < scalar(con, "SELECT COUNT(*) FROM salarie") < 100
    assert not (tmp_path / "company" / "csv").exists()


# --------------------------------------------------------------------------- company counts

def test_company_access_counts():
    p, con = planted("company"), db("company")
    assert p["access.mots_de_passe_en_clair"]["count"] == scalar(
        con, "SELECT COUNT(*) FROM utilisateur WHERE mot_de_passe IS NOT NULL AND mot_de_passe <> ''")
    assert p["access.comptes_actifs_apres_depart"]["count"] == scalar(
        con, "SELECT COUNT(*) FROM utilisateur WHERE actif = 1 AND date_depart < ?", (AS_OF,))
    out_of_caseload = scalar(con, """
        SELECT COUNT(*) FROM journal_acces j
        JOIN utilisateur u USING (id_utilisateur)
        JOIN salarie s USING (id_salarie)
        LEFT JOIN affectation a ON a.id_utilisateur = j.id_utilisateur
                               AND a.id_etablissement = s.id_etablissement
        WHERE u.role = 'ASS' AND a.id_affectation IS NULL""")
    assert p["access.lectures_hors_portefeuille"]["count"] == out_of_caseload
    total = scalar(con, "SELECT COUNT(*) FROM journal_acces")
    assert 9_000 <= total <= 11_000
    assert out_of_caseload < total * 0.05  # explainable reads are the large majority
    for role in ("RH", "MANAGER"):
        assert p[f"access.lectures_{role.lower()}"]["count"] == scalar(
            con, "SELECT COUNT(*) FROM journal_acces JOIN utilisateur USING (id_utilisateur) WHERE role = ?",
            (role,))
    # the burst: one account, many distinct employees, within one hour
    acct, hour, n, persons = con.execute("""
        SELECT id_utilisateur, substr(date_acces, 1, 13), COUNT(*), COUNT(DISTINCT id_salarie)
        FROM journal_acces GROUP BY 1, 2 ORDER BY 4 DESC LIMIT 1""").fetchone()
    assert persons >= 40
    assert p["access.rafale_consultations"]["count"] == n
    assert scalar(con, "SELECT COUNT(*) FROM demande_rectification WHERE circuit = 'hierarchique'") == \
        p["access.rectification_voie_hierarchique"]["count"]


def test_company_nominative_and_retention_counts():
    p, con = planted("company"), db("company")
    assert p["nominative.stat_annuelle_lignes"]["count"] == scalar(con, "SELECT COUNT(*) FROM stat_annuelle")
    assert scalar(con, "SELECT COUNT(*) FROM stat_annuelle WHERE nom IS NULL OR matricule IS NULL") == 0
    last = dict(con.execute("""
        SELECT d.id_salarie, MAX(MAX(d.date_demande), COALESCE(MAX(e.date_entretien), ''))
        FROM demande d LEFT JOIN entretien e ON e.id_demande = d.id_demande GROUP BY d.id_salarie"""))
    assert p["retention.salaries_dernier_contact_plus_2_ans"]["count"] == \
        sum(1 for v in last.values() if v < CUT_2Y)
    assert p["retention.journal_plus_1_an"]["count"] == scalar(
        con, "SELECT COUNT(*) FROM journal_acces WHERE date(date_acces) < date(?)", (CUT_1Y,))
    assert p["retention.demandes_closes_plus_2_ans"]["count"] == scalar(
        con, "SELECT COUNT(*) FROM demande WHERE statut = 'close' AND date_cloture < ?", (CUT_2Y,))


def test_company_judgement_notes_count():
    p, con = planted("company"), db("company")
    phrases = ("manipulat", "peu mobilisable", "se complaît dans l'assistanat", "défaillant",
               "prétend que", "mauvaise foi", "aucun effort", "immature", "profiteu",
               "incapable de gérer")
    for table, col in (("demande", "observations"), ("entretien", "compte_rendu")):
        n = sum(1 for (t,) in con.execute(f"SELECT {col} FROM {table}")
                if any(x in t.lower() for x in phrases))
        assert p[f"subjective.jugement.{table}.{col}"]["count"] == n
        total = scalar(con, f"SELECT COUNT(*) FROM {table}")
        assert n < total * 0.2  # most notes stay neutral


# --------------------------------------------------------------------------- departement counts

def test_departement_access_counts():
    p, con = planted("departement"), db("departement")
    unexplained = scalar(con, """
        SELECT COUNT(*) FROM journal_consultation j
        JOIN usager u ON u.id_usager = j.id_usager
        JOIN agent a ON a.id_agent = j.id_agent
        LEFT JOIN referent r ON r.id_agent = j.id_agent AND r.id_usager = j.id_usager
        WHERE r.id_agent IS NULL AND COALESCE(a.id_mds, -1) <> u.id_mds""")
    total = scalar(con, "SELECT COUNT(*) FROM journal_consultation")
    assert p["access.lectures_inexpliquees"]["count"] == unexplained
    assert 15_000 <= total <= 25_000 and unexplained < total * 0.1
    md5 = sum(1 for (h,) in con.execute("SELECT mdp_hash FROM agent")
              if len(h) == 32 and all(ch in "0123456789abcdef" for ch in h))
    assert p["access.empreintes_md5_sans_sel"]["count"] == md5
    assert p["access.encadrement_lecture_departement"]["count"] == 2
    assert p["access.stagiaires_partenaires_lecture_dis"]["count"] == 3


def test_departement_nominative_counts():
    p, con = planted("departement"), db("departement")
    groups = Counter(con.execute("SELECT annee_naissance, sexe, cp FROM extraction_observatoire"))
    assert p["nominative.extraction_k_moins_de_5"]["count"] == sum(n for n in groups.values() if n < 5)
    assert p["nominative.petites_cellules_moins_de_11"]["count"] == scalar(
        con, "SELECT COUNT(*) FROM statistique_mds WHERE effectif BETWEEN 1 AND 10")
    h, = con.execute("SELECT id_usager_hash FROM extraction_observatoire LIMIT 1").fetchone()
    ids = {hashlib.sha256(str(i).encode()).hexdigest() for (i,) in con.execute("SELECT id_usager FROM usager")}
    assert h in ids  # linkable: an unsalted hash of the primary key


def _to_iso(s: str | None) -> str | None:
    if not s:
        return None
    if len(s) == 10 and s[2] == "/":
        return f"{s[6:]}-{s[3:5]}-{s[:2]}"
    return s


def test_departement_retention_counts():
    p, con = planted("departement"), db("departement")
    last: dict[int, str] = {}
    for uid, d in con.execute("SELECT id_usager, date_ouverture FROM dossier_intervention_sociale "
                              "UNION ALL SELECT id_usager, date_cloture FROM dossier_intervention_sociale "
                              "UNION ALL SELECT id_usager, date_entretien FROM entretien"):
        d = _to_iso(d)
        if d and d <= AS_OF:
            last[uid] = max(last.get(uid, ""), d)
    archived = {uid for (uid,) in con.execute("SELECT id_usager FROM usager WHERE archive = 1")}
    over = {uid: d for uid, d in last.items() if uid not in archived and d < CUT_2Y}
    assert p["retention.usagers_dernier_contact_plus_2_ans"]["count"] == len(over)
    assert p["retention.usagers_depassement_moins_1_an"]["count"] == sum(d >= CUT_3Y for d in over.values())
    assert p["retention.usagers_depassement_1_a_3_ans"]["count"] == \
        sum(CUT_5Y <= d < CUT_3Y for d in over.values())
    assert p["retention.usagers_depassement_plus_3_ans"]["count"] == sum(d < CUT_5Y for d in over.values())
    future = sum(1 for (d,) in con.execute("SELECT date_entretien FROM entretien") if (_to_iso(d) or "") > AS_OF)
    assert p["retention.entretiens_dates_futures"]["count"] == future > 0
    bad = 0
    for (s,) in con.execute("SELECT dt_naiss FROM usager"):
        try:
            bad += dt.datetime.strptime(s, "%d/%m/%Y").year < 1900
        except ValueError:
            bad += 1
    assert p["retention.dates_naissance_impossibles"]["count"] == bad > 0
    assert p["retention.journal_plus_1_an"]["count"] == scalar(
        con, "SELECT COUNT(*) FROM journal_consultation WHERE date_consultation < ?", (CUT_1Y,))
    assert p["subjective.dis_contact_unique_evalue"]["count"] == scalar(con, """
        SELECT COUNT(*) FROM dossier_intervention_sociale WHERE type_contact = 'contact_unique'
        AND (capacites_mobilisation IS NOT NULL OR freins_potentialites IS NOT NULL)""")


# --------------------------------------------------------------------------- identifiers and names

def nir_is_valid(nir: str) -> bool:
    if len(nir) != 15:
        return False
    body = nir[:13].replace("2A", "19").replace("2B", "18")
    return body.isdigit() and nir[13:].isdigit() and 97 - int(body) % 97 == int(nir[13:])


def test_every_nir_has_a_valid_key():
    seen_corsica = False
    for name, table in (("company", "salarie"), ("departement", "usager")):
        nirs = [n for (n,) in db(name).execute(f"SELECT nir FROM {table} WHERE nir IS NOT NULL")]
        assert nirs
        for n in nirs:
            assert nir_is_valid(n), n
        seen_corsica |= any(n[5:7] in ("2A", "2B") for n in nirs)
    assert seen_corsica


def test_personal_columns_exist_and_names_are_not_common_words():
    common = {"petit", "blanc", "brun", "rose", "marine", "pierre", "olivier", "parent", "voisin"}
    for name in BASES:
        cols = json.loads((SAMPLE / name / "personal_columns.json").read_text(encoding="utf-8"))
        con = db(name)
        for table, columns in cols.items():
            existing = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
            assert set(columns) <= existing, (table, columns)
            for col in columns:
                if col not in ("nom", "prenom", "nom_usage", "nom_naissance"):
                    continue
                for (v,) in con.execute(f"SELECT DISTINCT {col} FROM {table} WHERE {col} IS NOT NULL"):
                    assert v.lower() not in common and sum(ch.isalpha() for ch in v) >= 4, v


def test_planted_text_values_are_in_the_notes():
    for name, sources in (("company", [("demande", "observations"), ("entretien", "compte_rendu")]),
                          ("departement", [("entretien", "note")])):
        values = json.loads((SAMPLE / name / "planted_text_values.json").read_text(encoding="utf-8"))
        assert values
        con = db(name)
        text = "\n".join(t for table, col in sources for (t,) in con.execute(f"SELECT {col} FROM {table}"))
        for v in values:
            assert v in text, v


# --------------------------------------------------------------------------- CSV exports

@pytest.mark.parametrize("name", sorted(BASES))
def test_csv_exports_match_tables(name):
    encoding = BASES[name]
    con = db(name)
    tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    csv_dir = SAMPLE / name / "csv"
    assert sorted(p.stem for p in csv_dir.glob("*.csv")) == tables
    for table in tables:
        raw = (csv_dir / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
        text = raw.decode(encoding)  # strict decoding
        assert text.endswith("\r\n")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        header = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        assert rows[0] == header
        assert len(rows) - 1 == scalar(con, f"SELECT COUNT(*) FROM {table}")
        assert all(len(r) == len(header) for r in rows)


def test_csv_dates_and_decimals_are_french():
    rows = list(csv.DictReader(io.StringIO((SAMPLE / "company" / "csv" / "demande.csv")
                                           .read_text(encoding="cp1252"), newline=""), delimiter=";"))
    assert all(len(r["date_demande"]) == 10 and r["date_demande"][2] == "/" for r in rows)
    amounts = [r["montant_aide"] for r in rows if r["montant_aide"]]
    assert amounts and all("," in a and "." not in a for a in amounts)
