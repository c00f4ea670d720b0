"""A labelled set of statistics tables in styles the nominative check was not written for (issue 13).

Each table is built from rows written here, with the truth said beside it: which
columns count persons (``counts``), which are dimensions (``dims``) and which are
other measures (rates, averages, amounts: ``measures``). The expected number of
small cells is computed below in plain Python from those rows and that truth
(a cell of a count column holding a whole number from 1 to ``SMALL - 1``, markers
such as « <5 » or « s » not counted), independently of the auditor's code.

HELD-OUT: the tables marked ``held_out=True`` were chosen before the check was
changed for this set; the check must never be tuned on them. Their figures are
reported apart (``bench/eval_statstables.py``).

One SQLite file per table (``build(name, folder)``), so that no table helps
another be understood.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SMALL = 11  # default [thresholds] small_cell


@dataclass
class StatTable:
    """One statistics table and its truth."""

    name: str
    columns: list[tuple[str, str]]  # (name, SQL type)
    rows: list[tuple[Any, ...]]
    counts: list[str]
    dims: list[str]
    measures: list[str] = field(default_factory=list)
    held_out: bool = False
    style: str = ""
    batch: int = 1  # 2: held-out tables written after the check was changed, to measure it once more; 3: the third batch

    @property
    def half(self) -> str:
        return "dev" if not self.held_out else ("held-out" if self.batch == 1 else f"held-out-{self.batch}")

    def expected_by_column(self) -> dict[str, int]:
        """Small cells per count column, from the rows (plain Python)."""
        out: dict[str, int] = {}
        idx = {c: i for i, (c, _) in enumerate(self.columns)}
        for c in self.counts:
            n = 0
            for r in self.rows:
                v = r[idx[c]]
                if isinstance(v, bool) or v is None:
                    continue
                if isinstance(v, float):
                    if not v.is_integer():
                        continue
                    v = int(v)
                if isinstance(v, str):
                    s = v.strip()
                    if not s.isdigit():
                        continue
                    v = int(s)
                if 1 <= v < SMALL:
                    n += 1
            if n:
                out[c] = n
        return out

    def expected(self) -> int:
        return sum(self.expected_by_column().values())


def _rng(seed: int) -> random.Random:
    return random.Random(seed)


def _count(rng: random.Random, small_share: float = 0.3) -> int:
    """A cell count: small (1-10) with ``small_share``, zero rarely, else 11-400."""
    x = rng.random()
    if x < small_share:
        return rng.randint(1, 10)
    if x < small_share + 0.05:
        return 0
    return rng.randint(11, 400)


REGIONS = ["Auvergne-Rhône-Alpes", "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est", "Hauts-de-France",
           "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur"]
DEPS = ["01", "02", "13", "2A", "2B", "33", "59", "69", "75", "92", "93", "94", "971", "974"]
INSEE = ["01053", "02408", "13055", "2A004", "33063", "59350", "69123", "75056", "92012", "93066", "94028", "97411",
         "06088", "31555", "35238", "44109", "67482", "76540"]
REG_CODES = [11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94]


# ---------------------------------------------------------------- dev half
def t_rsa_region() -> StatTable:
    """The issue's case: counts by year and region, several count columns."""
    rng = _rng(1)
    rows = []
    for an in range(2021, 2025):
        for reg in REGIONS[:6]:
            rows.append((an, reg, _count(rng, 0.2), _count(rng, 0.25), _count(rng, 0.35)))
    return StatTable("stat_rsa_region", [("annee", "INTEGER"), ("region", "TEXT"), ("nb_demandes", "INTEGER"),
                                         ("nb_rsa", "INTEGER"), ("nb_refus", "INTEGER")],
                     rows, counts=["nb_demandes", "nb_rsa", "nb_refus"], dims=["annee", "region"], style="année × région, 3 effectifs")


def t_indicateurs_dep() -> StatTable:
    """Département codes as text, men/women and a total column."""
    rng = _rng(2)
    rows = []
    for ex in (2023, 2024):
        for d in DEPS:
            h, f = _count(rng, 0.3), _count(rng, 0.3)
            rows.append((ex, d, h, f, h + f))
    return StatTable("indicateurs_dep", [("exercice", "INTEGER"), ("code_dep", "TEXT"), ("effectif_hommes", "INTEGER"),
                                         ("effectif_femmes", "INTEGER"), ("total", "INTEGER")],
                     rows, counts=["effectif_hommes", "effectif_femmes", "total"], dims=["exercice", "code_dep"],
                     style="exercice × département (texte), hommes/femmes/total")


def t_tdb_apa_commune() -> StatTable:
    """Counts stored as text with markers, INSEE codes with leading zeros, a coverage rate."""
    rng = _rng(3)
    rows = []
    for code in INSEE:
        n = _count(rng, 0.35)
        cell = str(n) if n >= 5 or n == 0 else rng.choice([str(n), "<5", "s"])
        rate = round(rng.uniform(0.5, 12.0), 1) if rng.random() < 0.5 else float(rng.randint(1, 10))
        rows.append(("2024", code, cell, rate))
    return StatTable("tdb_apa_commune", [("annee", "TEXT"), ("code_insee", "TEXT"), ("nb_beneficiaires", "TEXT"),
                                         ("taux_couverture", "REAL")],
                     rows, counts=["nb_beneficiaires"], dims=["annee", "code_insee"], measures=["taux_couverture"],
                     style="commune (code INSEE texte), effectif en texte avec marqueurs, taux")


def t_pilotage_wide() -> StatTable:
    """One column per year, a « Total » row."""
    rng = _rng(4)
    devices = ["RSA socle", "RSA majoré", "APA domicile", "APA établissement", "PCH", "ASE placement", "ASE AED", "FSL", "Aide alimentaire"]
    rows = []
    sums = [0, 0, 0, 0]
    for d in devices:
        vals = [_count(rng, 0.3) for _ in range(4)]
        sums = [a + b for a, b in zip(sums, vals)]
        rows.append((d, *vals))
    rows.append(("Total", *sums))
    return StatTable("pilotage_dispositifs", [("dispositif", "TEXT"), ("2021", "INTEGER"), ("2022", "INTEGER"),
                                              ("2023", "INTEGER"), ("2024", "INTEGER")],
                     rows, counts=["2021", "2022", "2023", "2024"], dims=["dispositif"],
                     style="tableau large (une colonne par année), ligne Total")


def t_bilan_age_sexe() -> StatTable:
    """Counts as text with markers, an « Ensemble » row, an average duration with small values."""
    rng = _rng(5)
    rows = []
    for age in ("moins de 25 ans", "25-34 ans", "35-44 ans", "45-54 ans", "55-64 ans", "65 ans et plus"):
        for sexe in ("F", "M"):
            n = _count(rng, 0.35)
            cell = str(n) if n >= 5 or n == 0 else rng.choice(["*", "nd", str(n)])
            rows.append((age, sexe, cell, rng.randint(2, 9)))
    rows.append(("Ensemble", "Ensemble", "412", 5))
    return StatTable("bilan_age_sexe", [("tranche_age", "TEXT"), ("sexe", "TEXT"), ("nb", "TEXT"), ("duree_moyenne_mois", "INTEGER")],
                     rows, counts=["nb"], dims=["tranche_age", "sexe"], measures=["duree_moyenne_mois"],
                     style="âge × sexe, effectif en texte, durée moyenne petite, ligne Ensemble")


def t_stats_mds_mensuel() -> StatTable:
    """Month as a number 1-12 beside the year: a dimension, not a count."""
    rng = _rng(6)
    rows = []
    for mois in range(1, 13):
        for site in ("MDS Nord", "MDS Sud", "MDS Centre"):
            rows.append((2024, mois, site, _count(rng, 0.3), _count(rng, 0.4)))
    return StatTable("stats_mds_mensuel", [("annee", "INTEGER"), ("mois", "INTEGER"), ("site", "TEXT"),
                                           ("nb_entretiens", "INTEGER"), ("nb_personnes", "INTEGER")],
                     rows, counts=["nb_entretiens", "nb_personnes"], dims=["annee", "mois", "site"],
                     style="année × mois (1-12) × site")


def t_export_dep_numeric() -> StatTable:
    """Département codes stored as integers."""
    rng = _rng(7)
    rows = []
    deps = [1, 2, 3, 6, 13, 31, 33, 35, 44, 59, 67, 69, 75, 76, 92, 93, 94, 95]
    for an in (2022, 2023, 2024):
        for d in deps:
            rows.append((d, an, _count(rng, 0.3)))
    return StatTable("export_stats_departements", [("dep", "INTEGER"), ("annee", "INTEGER"), ("nb", "INTEGER")],
                     rows, counts=["nb"], dims=["dep", "annee"], style="département en entier, année")


def t_orientation_region() -> StatTable:
    """Added after the first run (dev only): counts whose names carry no count word, a region code as integer."""
    rng = _rng(8)
    rows = []
    for reg in REG_CODES:
        for an in (2023, 2024):
            e, o, s = _count(rng, 0.3), _count(rng, 0.3), _count(rng, 0.3)
            rows.append((reg, an, e, o, s, e + o + s))
    return StatTable("suivi_orientation_region", [("code_region", "INTEGER"), ("annee", "INTEGER"), ("entrees", "INTEGER"),
                                                  ("orientations", "INTEGER"), ("sorties", "INTEGER"), ("total", "INTEGER")],
                     rows, counts=["entrees", "orientations", "sorties", "total"], dims=["code_region", "annee"],
                     style="code région entier, effectifs sans mot de comptage, total")


def t_croise_annees() -> StatTable:
    """Added after the first run (dev only): wide by year with an « annee_ » prefix, an « Ensemble » row and column, a rate."""
    rng = _rng(9)
    rows = []
    sums = [0, 0, 0]
    for terr in ("Nord", "Sud", "Est", "Ouest", "Centre", "Littoral", "Montagne", "Métropole"):
        vals = [_count(rng, 0.3) for _ in range(3)]
        sums = [a + b for a, b in zip(sums, vals)]
        rows.append((terr, *vals, sum(vals), round(rng.uniform(-20, 20), 1)))
    rows.append(("Ensemble", *sums, sum(sums), 1.5))
    return StatTable("tableau_croise_territoires", [("territoire", "TEXT"), ("annee_2022", "INTEGER"), ("annee_2023", "INTEGER"),
                                                    ("annee_2024", "INTEGER"), ("ensemble", "INTEGER"), ("pct_evolution", "REAL")],
                     rows, counts=["annee_2022", "annee_2023", "annee_2024", "ensemble"], dims=["territoire"],
                     measures=["pct_evolution"], style="large « annee_2022 »…, colonne et ligne Ensemble, évolution en %")


def t_taux_en_texte() -> StatTable:
    """Added for the third change (dev only): rates written as text in every usual way, masked counts « < 5 » and « s »."""
    rng = _rng(10)
    rows = []
    for sect in ("Nord", "Sud", "Est", "Ouest", "Centre", "Littoral", "Vallée"):
        for an in ("2023", "2024"):
            n = _count(rng, 0.35)
            cell = rng.choice(["< 5", "s"]) if 1 <= n < 5 else str(n)
            sortie = "n.d." if rng.random() < 0.08 else f"{rng.uniform(0.5, 30):.1f}".replace(".", ",")
            rows.append((sect, an, cell, sortie, f"{rng.randint(10, 90)} %", f"{rng.uniform(1, 40):.1f}%", f"{rng.uniform(-9, 9):+.1f} %"))
    return StatTable("suivi_insertion_secteur", [("secteur", "TEXT"), ("annee", "TEXT"), ("personnes_suivies", "TEXT"),
                                                 ("sorties_emploi", "TEXT"), ("femmes", "TEXT"), ("jeunes", "TEXT"), ("ecart_n1", "TEXT")],
                     rows, counts=["personnes_suivies"], dims=["secteur", "annee"],
                     measures=["sorties_emploi", "femmes", "jeunes", "ecart_n1"],
                     style="taux en texte (« 4,2 », « 45 % », « 12.5% », « +3,1 % », « n.d. »), effectif masqué « < 5 » / « s »")


def t_nb_alloc() -> StatTable:
    """Added for the third change (dev only): « NB_ALLOC » and « nb_alloc_aah » are numbers of recipients, not recipients' numbers."""
    rng = _rng(11)
    rows = []
    for sect in ("A1", "A2", "B1", "B2", "C1", "C2"):
        for an in (2022, 2023, 2024):
            a = _count(rng, 0.3)
            rows.append((an, sect, a, str(_count(rng, 0.3)), round(rng.uniform(300, 700), 2)))
    return StatTable("tdb_caf_secteur", [("annee", "INTEGER"), ("secteur", "TEXT"), ("NB_ALLOC", "INTEGER"), ("nb_alloc_aah", "TEXT"),
                                         ("mt_moyen", "REAL")],
                     rows, counts=["NB_ALLOC", "nb_alloc_aah"], dims=["annee", "secteur"], measures=["mt_moyen"],
                     style="« NB_ALLOC » (nombre d'allocataires), effectif en texte")


def t_tranches_libelles() -> StatTable:
    """Added for the third change (dev only): age bands as column names (« moins de 25 ans », « 60 ans et plus », « 60_plus »)."""
    rng = _rng(12)
    rows = []
    for c in ("Laon", "Soissons", "Chauny", "Hirson", "Guise", "Vervins", "Tergnier", "Bohain"):
        vals = [_count(rng, 0.3) for _ in range(4)]
        rows.append((c, *vals, sum(vals)))
    return StatTable("aides_age_commune", [("commune", "TEXT"), ("moins de 25 ans", "INTEGER"), ("25 à 59 ans", "INTEGER"),
                                           ("60 ans et plus", "INTEGER"), ("75_plus", "INTEGER"), ("ensemble", "INTEGER")],
                     rows, counts=["moins de 25 ans", "25 à 59 ans", "60 ans et plus", "75_plus", "ensemble"], dims=["commune"],
                     style="tranches d'âge en noms de colonnes (« moins de 25 ans », « 60 ans et plus », « 75_plus »)")


def t_milliers_espaces() -> StatTable:
    """Added after the third held-out batch (dev only): thousands written with a no-break or a narrow no-break space."""
    rng = _rng(13)
    rows = []
    for motif in ("Logement", "Budget", "Santé", "Emploi", "Famille", "Mobilité", "Accès aux droits", "Autre"):
        for sem in ("S1", "S2"):
            n = rng.randint(1000, 3000) if rng.random() < 0.3 else _count(rng, 0.3)
            rows.append((motif, sem, f"{n:,}".replace(",", "\u00a0" if sem == "S1" else "\u202f")))
    return StatTable("demandes_motif_semestre", [("motif", "TEXT"), ("semestre", "TEXT"), ("Nombre de demandes", "TEXT")],
                     rows, counts=["Nombre de demandes"], dims=["motif", "semestre"],
                     style="milliers séparés par une espace insécable ou fine (« 1 234 »), en texte")


def t_secteurs_total() -> StatTable:
    """Added after the third held-out batch (dev only): counts named after sectors (« secteur_nord ») add up to a Total row."""
    rng = _rng(14)
    rows = []
    sums = [0, 0, 0]
    for parcours in ("Social", "Emploi", "Santé", "Logement", "Formation"):
        vals = [_count(rng, 0.3) for _ in range(3)]
        sums = [a + b for a, b in zip(sums, vals)]
        rows.append((parcours, *vals))
    rows.append(("Total", *sums))
    return StatTable("repartition_parcours", [("parcours", "TEXT"), ("secteur_nord", "INTEGER"), ("secteur_sud", "INTEGER"),
                                              ("zone_rurale", "INTEGER")],
                     rows, counts=["secteur_nord", "secteur_sud", "zone_rurale"], dims=["parcours"],
                     style="effectifs nommés par secteur (« secteur_nord »), ligne Total qui en est la somme")


# ---------------------------------------------------------------- held-out half (never tuned on)
def h_observatoire_pch() -> StatTable:
    rng = _rng(101)
    rows = []
    codes = [1053, 2408, 13055, 33063, 59350, 69123, 75056, 92012, 93066, 94028, 6088, 31555]
    for periode in range(2019, 2025):
        for c in codes:
            dem = _count(rng, 0.3)
            acc = rng.randint(0, dem)
            rows.append((periode, c, dem, acc, round(100 * acc / dem, 1) if dem else None))
    return StatTable("observatoire_pch", [("periode", "INTEGER"), ("cog_commune", "INTEGER"), ("demandes", "INTEGER"),
                                          ("accords", "INTEGER"), ("pct_accord", "REAL")],
                     rows, counts=["demandes", "accords"], dims=["periode", "cog_commune"], measures=["pct_accord"],
                     held_out=True, style="période (années sans le mot), code commune entier, demandes/accords, pourcentage")


def h_tb_ase_dept() -> StatTable:
    rng = _rng(102)
    rows = []
    tot_m, tot_j = 0, 0
    for d in ["01", "02", "03", "13", "33", "59", "62", "69", "75", "93"]:
        m, j = _count(rng, 0.3), _count(rng, 0.4)
        tot_m, tot_j = tot_m + m, tot_j + j
        rate = f"{rng.uniform(0.5, 9.9):.1f}".replace(".", ",")
        rows.append(("2024", d, str(m) if m >= 3 or m == 0 else "s", str(j), rate))
    rows.append(("2024", "TOTAL", str(tot_m), str(tot_j), "4,2"))
    return StatTable("TB_ASE_DEPT", [("ANNEE", "TEXT"), ("CD_DEP", "TEXT"), ("NB_MINEURS", "TEXT"), ("NB_JEUNES_MAJ", "TEXT"),
                                     ("TX_PLACEMENT", "TEXT")],
                     rows, counts=["NB_MINEURS", "NB_JEUNES_MAJ"], dims=["ANNEE", "CD_DEP"], measures=["TX_PLACEMENT"],
                     held_out=True, style="majuscules abrégées, tout en texte, taux à virgule, ligne TOTAL")


def h_kpi_insertion() -> StatTable:
    rng = _rng(103)
    rows = []
    for action in ("chantier", "formation", "stage", "emploi aidé", "accompagnement", "mobilité"):
        for sexe in ("Femmes", "Hommes"):
            a, b, c = _count(rng, 0.3), _count(rng, 0.3), _count(rng, 0.3)
            evol = round(100 * (c - b) / b, 1) if b else None
            rows.append((action, sexe, a, b, c, evol))
    return StatTable("kpi_insertion", [("action", "TEXT"), ("sexe", "TEXT"), ("nb_2022", "INTEGER"), ("nb_2023", "INTEGER"),
                                       ("nb_2024", "INTEGER"), ("evol_pct", "REAL")],
                     rows, counts=["nb_2022", "nb_2023", "nb_2024"], dims=["action", "sexe"], measures=["evol_pct"],
                     held_out=True, style="large avec préfixe nb_ par année, évolution en %")


def h_synthese_rsa_canton() -> StatTable:
    rng = _rng(104)
    rows = []
    for i in range(1, 16):
        h, f = _count(rng, 0.3), _count(rng, 0.3)
        rows.append((f"Canton {i:02d}", h, f, h + f, round(rng.uniform(28, 55), 1)))
    return StatTable("synthese_rsa_canton", [("canton", "TEXT"), ("hommes", "INTEGER"), ("femmes", "INTEGER"),
                                             ("ensemble", "INTEGER"), ("moyenne_age", "REAL")],
                     rows, counts=["hommes", "femmes", "ensemble"], dims=["canton"], measures=["moyenne_age"],
                     held_out=True, style="effectifs sans mot de comptage (hommes, femmes, ensemble), âge moyen")


def h_tableau_bord_ccas() -> StatTable:
    rng = _rng(105)
    rows = []
    for ex in (2022, 2023, 2024):
        for aide in ("secours", "prêt", "bon alimentaire", "énergie", "transport", "cantine"):
            n = _count(rng, 0.35)
            mt = round(n * rng.uniform(40, 300), 2)
            rows.append((ex, aide, n, mt, round(mt / n, 2) if n else None))
    return StatTable("tableau_bord_ccas", [("exercice", "INTEGER"), ("type_aide", "TEXT"), ("nb_aides", "INTEGER"),
                                           ("montant_total", "REAL"), ("montant_moyen", "REAL")],
                     rows, counts=["nb_aides"], dims=["exercice", "type_aide"], measures=["montant_total", "montant_moyen"],
                     held_out=True, style="nombre d'aides et montants (total, moyen)")


def h_stat_domiciliation() -> StatTable:
    rng = _rng(106)
    rows = []
    cps = ["75011", "75018", "75019", "75020", "93100", "93200", "94000", "92000", "69003", "13001", "33000", "59000"]
    for an in ("2023", "2024"):
        for cp in cps:
            n = _count(rng, 0.3)
            if rng.random() < 0.15:
                n = rng.randint(1000, 2500)
            cell = f"{n // 1000} {n % 1000:03d}" if n >= 1000 else (str(n) if n >= 3 or n == 0 else "secret")
            rows.append((an, cp, cell, f"{rng.randint(20, 70)} %"))
    return StatTable("stat_domiciliation", [("annee", "TEXT"), ("code_postal", "TEXT"), ("nb_domicilies", "TEXT"),
                                            ("part_femmes", "TEXT")],
                     rows, counts=["nb_domicilies"], dims=["annee", "code_postal"], measures=["part_femmes"],
                     held_out=True, style="texte, milliers avec espace, « secret », part en « % »")


def h_agregats_region_age() -> StatTable:
    rng = _rng(107)
    rows = []
    for reg in REG_CODES:
        for tranche in ("0-17", "18-59", "60+"):
            n = _count(rng, 0.3)
            rows.append((reg, tranche, n, round(rng.uniform(0.1, 9.0), 2)))
    return StatTable("agregats_region_age", [("code_region", "INTEGER"), ("tranche", "TEXT"), ("effectif", "INTEGER"),
                                             ("taux_pour_mille", "REAL")],
                     rows, counts=["effectif"], dims=["code_region", "tranche"], measures=["taux_pour_mille"],
                     held_out=True, style="code région entier, tranche, taux pour mille")


def h_bilan_mensuel_wide() -> StatTable:
    rng = _rng(108)
    rows = []
    months = ["janv", "fevr", "mars", "avr", "mai", "juin"]
    for motif in ("logement", "budget", "santé", "emploi", "famille", "administratif", "autre"):
        rows.append((2024, motif, *[_count(rng, 0.35) for _ in months]))
    return StatTable("bilan_accueil_mensuel", [("annee", "INTEGER"), ("motif", "TEXT")] + [(m, "INTEGER") for m in months],
                     rows, counts=months, dims=["annee", "motif"], held_out=True, style="large par mois (janv…juin)")


# ---------------------------------------------------------------- held-out, second batch (written after the change; never tuned on)
def k_obs_rsa_trim() -> StatTable:
    rng = _rng(201)
    rows = []
    communes = ["75056", "69123", "13055", "31555", "06088", "44109", "67482", "33063"]
    for trim in (1, 2, 3, 4):
        for c in communes:
            a, b = _count(rng, 0.3), _count(rng, 0.4)
            rows.append((2024, trim, c, str(a) if a >= 5 or a == 0 else "< 5", str(b), f"{rng.uniform(300, 700):.2f}".replace(".", ",")))
    return StatTable("OBS_RSA_TRIM", [("ANNEE", "INTEGER"), ("TRIM", "INTEGER"), ("CODE_COMMUNE", "TEXT"), ("NB_ALLOC", "TEXT"),
                                      ("NB_CONJ", "TEXT"), ("MT_MOYEN", "TEXT")],
                     rows, counts=["NB_ALLOC", "NB_CONJ"], dims=["ANNEE", "TRIM", "CODE_COMMUNE"], measures=["MT_MOYEN"],
                     held_out=True, batch=2, style="trimestre 1-4, « < 5 » avec espace, montant moyen à virgule")


def k_bilan_ase_placements() -> StatTable:
    rng = _rng(202)
    rows = []
    for d in ("Ain", "Aisne", "Allier", "Ardèche", "Ardennes", "Ariège", "Aube", "Aude", "Aveyron", "Calvados"):
        rows.append((d, _count(rng, 0.3), _count(rng, 0.3), _count(rng, 0.3)))
    return StatTable("bilan_ase_placements", [("departement", "TEXT"), ("placements_familiaux", "INTEGER"),
                                              ("etablissements", "INTEGER"), ("lieux_de_vie", "INTEGER")],
                     rows, counts=["placements_familiaux", "etablissements", "lieux_de_vie"], dims=["departement"],
                     held_out=True, batch=2, style="enfants placés par mode d'accueil (« etablissements » compte des enfants)")


def k_tdb_pmi_age() -> StatTable:
    rng = _rng(203)
    rows = []
    for age in range(0, 7):
        for sexe in ("F", "M"):
            rows.append((age, sexe, _count(rng, 0.2), _count(rng, 0.35)))
    return StatTable("tdb_pmi_age", [("age", "INTEGER"), ("sexe", "TEXT"), ("consultations", "INTEGER"), ("enfants_vus", "INTEGER")],
                     rows, counts=["consultations", "enfants_vus"], dims=["age", "sexe"], held_out=True, batch=2,
                     style="âge 0-6 en entier, sexe, consultations et enfants vus")


def k_stat_mdph_delais() -> StatTable:
    rng = _rng(204)
    rows = []
    for an in (2022, 2023, 2024):
        for typ in ("AAH", "PCH", "RQTH", "CMI", "AEEH"):
            rows.append((an, typ, _count(rng, 0.3), rng.randint(3, 9), round(rng.uniform(40, 90), 1)))
    return StatTable("stat_mdph_delais", [("annee", "INTEGER"), ("type_demande", "TEXT"), ("demandes_recues", "INTEGER"),
                                          ("delai_moyen_mois", "INTEGER"), ("part_accords", "REAL")],
                     rows, counts=["demandes_recues"], dims=["annee", "type_demande"], measures=["delai_moyen_mois", "part_accords"],
                     held_out=True, batch=2, style="délai moyen en mois entier (petites valeurs), part en %")


def k_indicateurs_logement_epci() -> StatTable:
    rng = _rng(205)
    rows = []
    epcis = ["200054781", "200046977", "245900410", "243300316", "200040715", "246700488", "241300391", "200023414"]
    for e in epcis:
        for an in (2023, 2024):
            m = _count(rng, 0.3)
            rows.append((e, an, m, rng.randint(0, m), round(m * rng.uniform(200, 900), 2)))
    return StatTable("indicateurs_logement_epci", [("siren_epci", "TEXT"), ("annee", "INTEGER"), ("menages_aides", "INTEGER"),
                                                   ("dont_femmes_seules", "INTEGER"), ("montant_fsl", "REAL")],
                     rows, counts=["menages_aides", "dont_femmes_seules"], dims=["siren_epci", "annee"], measures=["montant_fsl"],
                     held_out=True, batch=2, style="SIREN d'EPCI, ménages aidés « dont », montant")


def k_effectifs_ages() -> StatTable:
    rng = _rng(206)
    rows = []
    for c in ("Amiens", "Abbeville", "Péronne", "Montdidier", "Albert", "Doullens", "Ham", "Roye", "Corbie"):
        vals = [_count(rng, 0.3) for _ in range(4)]
        rows.append((c, *vals, sum(vals)))
    return StatTable("effectifs_ages", [("commune", "TEXT"), ("0_17", "INTEGER"), ("18_24", "INTEGER"), ("25_59", "INTEGER"),
                                        ("60_plus", "INTEGER"), ("total", "INTEGER")],
                     rows, counts=["0_17", "18_24", "25_59", "60_plus", "total"], dims=["commune"], held_out=True, batch=2,
                     style="large par tranche d'âge (« 0_17 », « 60_plus »), total")


def k_open_data_long() -> StatTable:
    """One value column holding counts and rates (indicator in a column): only the count rows are cells of persons."""
    rng = _rng(207)
    rows = []
    for terr in ("Nord", "Sud", "Est", "Ouest", "Centre"):
        for an in (2023, 2024):
            rows.append(("nb_beneficiaires", terr, an, float(_count(rng, 0.4))))
            rows.append(("taux_pauvrete", terr, an, round(rng.uniform(8, 25), 1)))
    t = StatTable("open_data_indicateurs", [("indicateur", "TEXT"), ("territoire", "TEXT"), ("annee", "INTEGER"), ("valeur", "REAL")],
                  rows, counts=["valeur"], dims=["indicateur", "territoire", "annee"], held_out=True, batch=2,
                  style="format long : une colonne d'indicateur, une colonne de valeur (effectifs et taux mêlés)")
    return t


def k_accents_spaces() -> StatTable:
    rng = _rng(208)
    rows = []
    for an in ("2023", "2024"):
        for d in ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10"):
            rows.append((an, d, _count(rng, 0.3), f"{rng.randint(30, 70)},{rng.randint(0, 9)}"))
    return StatTable("Stats domicile 2024", [("Année", "TEXT"), ("Département", "TEXT"), ("Nombre de bénéficiaires", "INTEGER"),
                                             ("Part (%)", "TEXT")],
                     rows, counts=["Nombre de bénéficiaires"], dims=["Année", "Département"], measures=["Part (%)"],
                     held_out=True, batch=2, style="noms avec espaces et accents, part en texte")


# ---------------------------------------------------------------- held-out, third batch (written before the third change; never tuned on)
SURNAMES = ["MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT", "SIMON",
            "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD"]
FIRSTS = ["Marie", "Jean", "Nathalie", "Pierre", "Isabelle", "Michel", "Sylvie", "Philippe", "Catherine", "Alain",
          "Sandrine", "Nicolas", "Céline", "Julien", "Aurélie", "Kevin", "Léa", "Hugo", "Chloé", "Lucas"]


def _masked(rng: random.Random, n: int, markers: tuple[str, ...] = ("s",), below: int = 5) -> str:
    """A published cell: the number as text, or a marker when it is from 1 to ``below - 1``."""
    return rng.choice(markers) if 1 <= n < below else str(n)


def _thousands(n: int, sep: str) -> str:
    """« 1 234 » with ``sep`` (a thin or no-break space) between thousands."""
    return f"{n:,}".replace(",", sep)


def m_insee_pivot_age_sexe() -> StatTable:
    """INSEE-like wide pivot: one column per sex × age band (« P21_H0014 »… « P21_F75P »), commune code and label."""
    rng = _rng(301)
    bands = ["0014", "1529", "3044", "4559", "6074", "75P"]
    cols = [f"P21_{s}{b}" for s in "HF" for b in bands]
    communes = [("01053", "Bourg-en-Bresse"), ("01004", "Ambérieu-en-Bugey"), ("01033", "Belley"), ("01093", "Bourg-Saint-Christophe"),
                ("01143", "Divonne-les-Bains"), ("01173", "Gex"), ("01269", "Miribel"), ("01283", "Oyonnax"),
                ("01345", "Saint-Genis-Pouilly"), ("01427", "Trévoux")]
    rows = [(code, lib, *[_count(rng, 0.25) for _ in cols]) for code, lib in communes]
    return StatTable("base_cc_evol_struct_pop", [("CODGEO", "TEXT"), ("LIBGEO", "TEXT")] + [(c, "INTEGER") for c in cols],
                     rows, counts=cols, dims=["CODGEO", "LIBGEO"], held_out=True, batch=3,
                     style="pivot INSEE large : sexe × tranche d'âge (« P21_H0014 »), code et libellé de commune")


def m_diffusion_apa_canton() -> StatTable:
    """Published table with suppressed cells « s » and « < 5 » in text count columns."""
    rng = _rng(302)
    rows = []
    for an in (2023, 2024):
        for i in range(1, 10):
            dom, eta = _count(rng, 0.35), _count(rng, 0.35)
            rows.append((f"Canton de {['Bourg', 'Belley', 'Gex', 'Nantua', 'Trévoux', 'Miribel', 'Oyonnax', 'Ceyzériat', 'Pont-de-Vaux'][i - 1]}",
                         an, _masked(rng, dom, ("s", "< 5")), _masked(rng, eta, ("s",))))
    return StatTable("diffusion_apa_canton", [("canton", "TEXT"), ("annee", "INTEGER"), ("beneficiaires_domicile", "TEXT"),
                                              ("beneficiaires_etablissement", "TEXT")],
                     rows, counts=["beneficiaires_domicile", "beneficiaires_etablissement"], dims=["canton", "annee"],
                     held_out=True, batch=3, style="cases masquées « s » et « < 5 » (les 5 à 10 restent publiés), effectifs en texte")


def m_indicateurs_pct_texte() -> StatTable:
    """Percentages stored as text in several writings (« 45 % », « 12.5% », « 4,2 », « n.d. »)."""
    rng = _rng(303)
    rows = []
    for c in ("Amiens", "Abbeville", "Péronne", "Montdidier", "Albert", "Doullens", "Ham", "Roye", "Corbie", "Rue", "Poix", "Nesle"):
        n = _count(rng, 0.3)
        part = f"{rng.randint(20, 80)} %"
        couv = f"{rng.uniform(1, 30):.1f}%"
        ret = "n.d." if rng.random() < 0.2 else f"{rng.uniform(1, 9):.1f}".replace(".", ",")
        rows.append((c, n, part, couv, ret))
    return StatTable("indicateurs_sociaux_commune", [("commune", "TEXT"), ("beneficiaires", "INTEGER"), ("part_femmes", "TEXT"),
                                                     ("taux_couverture", "TEXT"), ("taux_retour_emploi", "TEXT")],
                     rows, counts=["beneficiaires"], dims=["commune"], measures=["part_femmes", "taux_couverture", "taux_retour_emploi"],
                     held_out=True, batch=3, style="pourcentages en texte (« 45 % », « 12.5% », « 4,2 », « n.d. »)")


def m_bilan_orientation_totaux() -> StatTable:
    """A « Total » column as well as a « Total » row, the counts named after the organisations."""
    rng = _rng(304)
    rows = []
    sums = [0, 0, 0, 0]
    for o in ("Social", "Socio-professionnel", "Professionnel", "Santé", "Logement", "Non orienté"):
        vals = [_count(rng, 0.3) for _ in range(3)]
        vals.append(sum(vals))
        sums = [a + b for a, b in zip(sums, vals)]
        rows.append((o, *vals))
    rows.append(("Total", *sums))
    return StatTable("bilan_orientation_2024", [("Orientation", "TEXT"), ("Département", "INTEGER"), ("CCAS", "INTEGER"),
                                                ("France Travail", "INTEGER"), ("Total", "INTEGER")],
                     rows, counts=["Département", "CCAS", "France Travail", "Total"], dims=["Orientation"], held_out=True, batch=3,
                     style="colonne Total et ligne Total, effectifs nommés par organisme")


def m_evolution_rsa_dep() -> StatTable:
    """Two years side by side and a year-over-year evolution written as text (« +12,5 % »)."""
    rng = _rng(305)
    rows = []
    for d in ("Ain", "Aisne", "Allier", "Alpes-de-Haute-Provence", "Hautes-Alpes", "Alpes-Maritimes", "Ardèche", "Ardennes", "Ariège",
              "Aube"):
        a, b = _count(rng, 0.3), _count(rng, 0.3)
        ev = "n.s." if not a else f"{100 * (b - a) / a:+.1f} %".replace(".", ",")
        rows.append((d, a, b, ev))
    return StatTable("evolution_rsa_departement", [("departement", "TEXT"), ("foyers_2023", "INTEGER"), ("foyers_2024", "INTEGER"),
                                                   ("evolution_n_n1", "TEXT")],
                     rows, counts=["foyers_2023", "foyers_2024"], dims=["departement"], measures=["evolution_n_n1"],
                     held_out=True, batch=3, style="évolution d'une année sur l'autre en texte signé (« +12,5 % »)")


def m_effectifs_espaces_fines() -> StatTable:
    """Counts stored as text with thin or no-break spaces between thousands (« 1 234 »)."""
    rng = _rng(306)
    rows = []
    for d in ("Nord", "Pas-de-Calais", "Somme", "Oise", "Aisne", "Seine-Maritime", "Eure", "Calvados", "Manche", "Orne", "Marne"):
        a = rng.randint(1000, 9000) if rng.random() < 0.4 else _count(rng, 0.35)
        b = rng.randint(1000, 5000) if rng.random() < 0.3 else _count(rng, 0.35)
        rows.append((d, _thousands(a, "\u202f"), _thousands(b, "\u00a0")))
    return StatTable("effectifs_ase_2024", [("Département", "TEXT"), ("Mineurs confiés", "TEXT"), ("Jeunes majeurs", "TEXT")],
                     rows, counts=["Mineurs confiés", "Jeunes majeurs"], dims=["Département"], held_out=True, batch=3,
                     style="effectifs en texte, milliers séparés par une espace fine ou insécable")


def m_extraction_libelle() -> StatTable:
    """Hard negative: a row-level extract whose « libelle » holds the person's name; no cell to count."""
    rng = _rng(307)
    rows = []
    for i in range(30):
        rows.append((f"{SURNAMES[i % 20]} {FIRSTS[(i * 7) % 20]}", rng.choice(["Amiens", "Abbeville", "Albert"]),
                     rng.randint(0, 4), rng.randint(19, 80)))
    return StatTable("export_suivi_libelle", [("libelle", "TEXT"), ("commune", "TEXT"), ("nb_enfants", "INTEGER"), ("age", "INTEGER")],
                     rows, counts=[], dims=[], held_out=True, batch=3,
                     style="extraction ligne à ligne, le nom de la personne dans une colonne « libelle » (aucune case)")


def m_stat_caf_alloc() -> StatTable:
    """CAF-like uppercase: numbers of recipients (« NB_ALLOCATAIRES », « NB_ALLOC_RSA »), not recipients' numbers."""
    rng = _rng(308)
    rows = []
    for code in ("80021", "80001", "80620", "80561", "80373", "80253", "80410", "80689"):
        for an in (2023, 2024):
            rows.append((code, an, _count(rng, 0.2), _count(rng, 0.3), _count(rng, 0.35)))
    return StatTable("STAT_CAF_COMMUNE", [("CODE_COMMUNE", "TEXT"), ("ANNEE", "INTEGER"), ("NB_ALLOCATAIRES", "INTEGER"),
                                          ("NB_ALLOC_RSA", "INTEGER"), ("NB_ALLOC_PPA", "INTEGER")],
                     rows, counts=["NB_ALLOCATAIRES", "NB_ALLOC_RSA", "NB_ALLOC_PPA"], dims=["CODE_COMMUNE", "ANNEE"], held_out=True,
                     batch=3, style="majuscules CAF, nombres d'allocataires (« NB_ALLOC_RSA »)")


def m_rsa_tranches_libelles() -> StatTable:
    """Wide by age band with labels as column names (« moins de 25 ans », « 50 ans et plus »), a Total column."""
    rng = _rng(309)
    rows = []
    for t in ("Amiénois", "Picardie maritime", "Santerre", "Haute-Somme", "Vimeu", "Ponthieu", "Trinquier"):
        vals = [_count(rng, 0.3) for _ in range(3)]
        rows.append((t, *vals, sum(vals)))
    return StatTable("rsa_tranches_age", [("territoire", "TEXT"), ("moins de 25 ans", "INTEGER"), ("25-49 ans", "INTEGER"),
                                          ("50 ans et plus", "INTEGER"), ("Total", "INTEGER")],
                     rows, counts=["moins de 25 ans", "25-49 ans", "50 ans et plus", "Total"], dims=["territoire"], held_out=True,
                     batch=3, style="tranches d'âge en libellés de colonnes (« moins de 25 ans », « 50 ans et plus »)")


def m_apa_gir_75plus() -> StatTable:
    """Columns « 60-74 » and « 75+ » by GIR level, with suppressed cells « s »."""
    rng = _rng(310)
    rows = []
    for an in ("2023", "2024"):
        for gir in ("GIR 1", "GIR 2", "GIR 3", "GIR 4"):
            a, b = _count(rng, 0.3), _count(rng, 0.3)
            rows.append((an, gir, _masked(rng, a, ("s",), 3), _masked(rng, b, ("s",), 3)))
    return StatTable("apa_gir_age", [("Année", "TEXT"), ("GIR", "TEXT"), ("60-74", "TEXT"), ("75+", "TEXT")],
                     rows, counts=["60-74", "75+"], dims=["Année", "GIR"], held_out=True, batch=3,
                     style="colonnes « 60-74 » et « 75+ », GIR, masques « s » sous 3")


def m_insee_tranche_lignes() -> StatTable:
    """Age bands as rows, sex as columns and an « Ensemble » column and row, all text with « s »."""
    rng = _rng(311)
    rows = []
    th, tf = 0, 0
    for band in ("Moins de 20 ans", "20 à 39 ans", "40 à 59 ans", "60 à 74 ans", "75 ans ou plus"):
        h, f = _count(rng, 0.35), _count(rng, 0.35)
        th, tf = th + h, tf + f
        rows.append((band, _masked(rng, h), _masked(rng, f), str(h + f)))
    rows.append(("Ensemble", str(th), str(tf), str(th + tf)))
    return StatTable("pop_beneficiaires_sexe_age", [("Tranche d'âge", "TEXT"), ("Hommes", "TEXT"), ("Femmes", "TEXT"),
                                                    ("Ensemble", "TEXT")],
                     rows, counts=["Hommes", "Femmes", "Ensemble"], dims=["Tranche d'âge"], held_out=True, batch=3,
                     style="tranches d'âge en lignes, sexe en colonnes, colonne et ligne Ensemble, masques « s »")


def m_excel_reels() -> StatTable:
    """An export from a spreadsheet: counts stored as REAL (« 123.0 »), a rate written « 85,2 % »."""
    rng = _rng(312)
    rows = []
    for c in ("Laon", "Soissons", "Saint-Quentin", "Château-Thierry", "Chauny", "Hirson", "Guise", "Vervins", "Tergnier"):
        n = _count(rng, 0.25)
        s = rng.randint(0, n) if n else 0
        rows.append((c, float(n), float(s), f"{100 * s / n:.1f} %".replace(".", ",") if n else "n.d."))
    return StatTable("stats_pmi_classeur", [("Commune", "TEXT"), ("Naissances", "REAL"), ("Enfants suivis", "REAL"),
                                            ("Taux de suivi", "TEXT")],
                     rows, counts=["Naissances", "Enfants suivis"], dims=["Commune"], measures=["Taux de suivi"], held_out=True,
                     batch=3, style="classeur : effectifs en REAL (« 123.0 »), taux « 85,2 % »")


def m_ccas_n_n1() -> StatTable:
    """« N-1 » and « N » columns, a signed difference « Écart » and an evolution in % (REAL)."""
    rng = _rng(313)
    rows = []
    for aide in ("Secours d'urgence", "Aide alimentaire", "Énergie", "Transport", "Cantine", "Loisirs", "Prêt"):
        a, b = _count(rng, 0.3), _count(rng, 0.3)
        rows.append((aide, a, b, b - a, round(100 * (b - a) / a, 1) if a else None))
    return StatTable("ccas_aides_n_n1", [("Type d'aide", "TEXT"), ("N-1", "INTEGER"), ("N", "INTEGER"), ("Écart", "INTEGER"),
                                         ("Évolution (%)", "REAL")],
                     rows, counts=["N-1", "N"], dims=["Type d'aide"], measures=["Écart", "Évolution (%)"], held_out=True, batch=3,
                     style="colonnes « N-1 » et « N », écart signé, évolution en %")


TABLES = [t_rsa_region, t_indicateurs_dep, t_tdb_apa_commune, t_pilotage_wide, t_bilan_age_sexe, t_stats_mds_mensuel,
          t_export_dep_numeric, t_orientation_region, t_croise_annees,
          t_taux_en_texte, t_nb_alloc, t_tranches_libelles, t_milliers_espaces, t_secteurs_total, h_observatoire_pch, h_tb_ase_dept, h_kpi_insertion, h_synthese_rsa_canton,
          h_tableau_bord_ccas, h_stat_domiciliation, h_agregats_region_age, h_bilan_mensuel_wide,
          k_obs_rsa_trim, k_bilan_ase_placements, k_tdb_pmi_age, k_stat_mdph_delais, k_indicateurs_logement_epci,
          k_effectifs_ages, k_open_data_long, k_accents_spaces,
          m_insee_pivot_age_sexe, m_diffusion_apa_canton, m_indicateurs_pct_texte, m_bilan_orientation_totaux, m_evolution_rsa_dep,
          m_effectifs_espaces_fines, m_extraction_libelle, m_stat_caf_alloc, m_rsa_tranches_libelles, m_apa_gir_75plus,
          m_insee_tranche_lignes, m_excel_reels, m_ccas_n_n1]


def all_tables() -> list[StatTable]:
    return [f() for f in TABLES]


def build(t: StatTable, folder: Path) -> Path:
    """``t`` alone in a new SQLite file under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{t.name}.sqlite"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    cols = ", ".join(f'"{c}" {ty}' for c, ty in t.columns)
    con.execute(f'CREATE TABLE "{t.name}" ({cols})')
    con.executemany(f'INSERT INTO "{t.name}" VALUES ({", ".join("?" for _ in t.columns)})', t.rows)
    con.commit()
    con.close()
    return path
