"""Dev zoo of groups of persons: households, families, beneficiaries with dependants (issue 13, part « groups »).

Written BEFORE the service model learnt groups of persons, and scored before and after (``bench/eval_zoo.py --only
g1_ase_familles g2_caf_allocataires g3_neg_usagers_menage``). This is a dev half: one may look at it while building;
the figures are counted by plain SQL on the written file, with its own names, independent of the auditor's code.
The world (territories, workers, files with their size, contacts, assignments with periods and handovers, log,
statistics) is drawn by ``tests/zoo/heldout3.draw`` (seen data since the third held-out set was measured); the
structures and names here are new:

- ``g1_ase_familles``: child protection (ASE). ``famille`` is the file (a group), ``enfant`` its members, ``mesure``
  one measure per child; the educator is assigned to the FAMILY with a period (``referent_famille``); the interviews
  are the family's; the log (``journal``) names the MEASURE read, not the child nor the family. The family's status
  is in a column whose name is no usual status word (``phase``: « EN COURS », « CLOTURE », « ARCHIVE »). A read is
  explained when the reader is assigned to the family of the measure's child on that day, or works in the family's
  antenne.
- ``g2_caf_allocataires``: a CAF-like tool. ``allocataire`` is the file (a group: the beneficiary and the persons in
  their charge), ``ayant_droit`` its members (``id_allocataire``), text keys for the agents (``matricule``), no
  declared foreign key; assignments (``portefeuille``) and contacts are of the allocataire; the log names the
  allocataire by its file number ``num_allocataire`` (text), not by its key; the closing date is ``date_radiation``
  and the status ``position`` (« ACTIF », « RADIE », « ARCHIVE »). Explained: assigned to the allocataire on that
  day, or of the same site.
- ``g3_neg_usagers_menage``: hard negative. The persons table ``usager`` has a household column (``id_menage`` →
  ``menage``, several persons per household) but everything else (assignments, contacts, log, archive and closure)
  is per PERSON: the figures are persons' and must not become households'.

Figures (same keys as ``heldout3``'s): ``unexplained_reads`` (log lines about a file, all actions, not explained as
said above), ``reads_after_departure``, ``generic_accounts``, ``departed_active``, ``wide_scope_grants`` (presence),
``persons_past_period`` (PERSONS: the members of groups with a contact, not archived, whose latest of last contact
and closing day is before 2024-06-30; in g3 the persons themselves), ``households_past_period`` (groups, not
scored), ``log_past_period``, ``stats_small_cells``, ``stats_identifier_columns``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any, Callable

try:
    from tests.zoo.heldout3 import AS_OF, LOG_CUTOFF, PERSON_CUTOFF, GIVEN, SURNAMES, _at, _ins, _iso, _one, _rng_day, _small_cells, draw
except ImportError:  # run as a script from tests/zoo
    from heldout3 import AS_OF, LOG_CUTOFF, PERSON_CUTOFF, GIVEN, SURNAMES, _at, _ins, _iso, _one, _rng_day, _small_cells, draw  # type: ignore[no-redef]


def _members(rng: Any, p: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(surname, given name, birth day, relation) of the members of a group drawn as one file."""
    out = []
    for k in range(p["size"]):
        born = p["birth"] if k == 0 else _rng_day(rng, dt.date(1950, 1, 1) if k == 1 else dt.date(2006, 1, 1),
                                                   dt.date(2004, 1, 1) if k == 1 else dt.date(2025, 1, 1))
        out.append((p["surname"] if k == 0 else rng.choice([p["surname"], rng.choice(SURNAMES)]),
                    p["given"] if k == 0 else rng.choice(GIVEN), _iso(born) or "", "DEMANDEUR" if k == 0 else ("CONJOINT" if k == 1 else "ENFANT")))
    return out


def _grants(cfg: dict[str, Any], social: str, manager: str, desk: str, case: str, group: str) -> list[tuple]:
    sc = cfg["scopes"]
    return [(1, social, case, sc["wide"] if cfg["plant"].get("wide_scope") else sc["caseload"], "LE"),
            (2, social, group, sc["caseload"], "LE"), (3, manager, group, sc["unit"], "L"), (4, desk, group, sc["unit"], "L")]


# ------------------------------------------------------------------ g1: ASE families, children, measures
def _ase(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    con.executescript("""
    CREATE TABLE antenne (id_antenne INTEGER PRIMARY KEY, libelle TEXT);
    CREATE TABLE educateur (id_educ INTEGER PRIMARY KEY, login TEXT, nom TEXT, prenom TEXT, fonction TEXT,
        id_antenne INTEGER REFERENCES antenne(id_antenne), actif INTEGER, date_sortie TEXT, mdp_hash TEXT);
    CREATE TABLE famille (id_famille INTEGER PRIMARY KEY, nom_famille TEXT, adresse TEXT,
        id_antenne INTEGER REFERENCES antenne(id_antenne), date_ouverture TEXT, date_fin_prise_en_charge TEXT, phase TEXT);
    CREATE TABLE enfant (id_enfant INTEGER PRIMARY KEY, id_famille INTEGER REFERENCES famille(id_famille), nom TEXT,
        prenom TEXT, date_naissance TEXT, lien TEXT);
    CREATE TABLE mesure (id_mesure INTEGER PRIMARY KEY, id_enfant INTEGER REFERENCES enfant(id_enfant), type_mesure TEXT,
        date_debut TEXT, date_fin TEXT);
    CREATE TABLE referent_famille (id INTEGER PRIMARY KEY, id_educ INTEGER REFERENCES educateur(id_educ),
        id_famille INTEGER REFERENCES famille(id_famille), du TEXT, au TEXT);
    CREATE TABLE entretien (id INTEGER PRIMARY KEY, id_famille INTEGER REFERENCES famille(id_famille),
        id_educ INTEGER REFERENCES educateur(id_educ), date_entretien TEXT, compte_rendu TEXT);
    CREATE TABLE journal (id INTEGER PRIMARY KEY, id_educ INTEGER REFERENCES educateur(id_educ),
        id_mesure INTEGER REFERENCES mesure(id_mesure), date_heure TEXT, operation TEXT);
    CREATE TABLE droit_profil (id INTEGER PRIMARY KEY, fonction TEXT, objet TEXT, perimetre TEXT, droit TEXT);
    CREATE TABLE stat_antenne_annee (annee INTEGER, id_antenne INTEGER, nb_familles INTEGER, nb_mesures INTEGER, nb_placements INTEGER);
    """)
    _ins(con, "antenne", ["id_antenne", "libelle"], list(enumerate(w["terr"], 1)))
    fonction = {"social": "EDUCATEUR", "manager": "CADRE ASE", "secretary": "SECRETARIAT"}
    _ins(con, "educateur", ["id_educ", "login", "nom", "prenom", "fonction", "id_antenne", "actif", "date_sortie", "mdp_hash"],
         [(s["id"], s["login"], s["surname"], s["given"], fonction[s["role"]], s["terr"], int(s["active"]), _iso(s["left"]),
           s["pwd"]) for s in w["staff"]])
    fam, enf, mes = [], [], []
    measures: dict[int, list[int]] = {}
    eid = 0
    for p in w["persons"]:
        fam.append((p["id"], p["surname"].upper(), f"{rng.randint(1, 80)} avenue des Tilleuls", p["terr"], _iso(p["opened"]),
                    _iso(p["closed"]), "ARCHIVE" if p["archived"] else ("CLOTURE" if p["closed"] else "EN COURS")))
        for sn, gn, born, lien in _members(rng, p):
            eid += 1
            enf.append((eid, p["id"], sn, gn, born, lien))
            mes.append((eid, eid, rng.choice(["AEMO", "AED", "PLACEMENT", "TISF"]), _iso(p["opened"]), _iso(p["closed"])))
            measures.setdefault(p["id"], []).append(eid)
    _ins(con, "famille", ["id_famille", "nom_famille", "adresse", "id_antenne", "date_ouverture", "date_fin_prise_en_charge", "phase"], fam)
    _ins(con, "enfant", ["id_enfant", "id_famille", "nom", "prenom", "date_naissance", "lien"], enf)
    _ins(con, "mesure", ["id_mesure", "id_enfant", "type_mesure", "date_debut", "date_fin"], mes)
    _ins(con, "referent_famille", ["id", "id_educ", "id_famille", "du", "au"],
         [(i, a["staff"], a["person"], _iso(a["start"]), _iso(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "entretien", ["id", "id_famille", "id_educ", "date_entretien", "compte_rendu"],
         [(i, c["person"], c["staff"], _iso(c["day"]), c["note"]) for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "journal", ["id", "id_educ", "id_mesure", "date_heure", "operation"],
         [(i, r["staff"], rng.choice(measures[r["person"]]), r["at"].strftime("%Y-%m-%d %H:%M:%S"),
           "CONSULTATION" if r["act"] == "read" else "MODIFICATION") for i, r in enumerate(w["log"], 1)])
    _ins(con, "droit_profil", ["id", "fonction", "objet", "perimetre", "droit"],
         _grants(cfg, "EDUCATEUR", "CADRE ASE", "SECRETARIAT", "entretien", "famille"))
    _ins(con, "stat_antenne_annee", ["annee", "id_antenne", "nb_familles", "nb_mesures", "nb_placements"],
         [(r["year"], r["terr"], *r["c"]) for r in w["stats"]])


def _ase_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "substr(j.date_heure, 1, 10)"
    past = ("FROM famille f JOIN (SELECT id_famille k, MAX(date_entretien) d FROM entretien GROUP BY 1) e ON e.k = f.id_famille "
            "WHERE f.phase <> 'ARCHIVE' AND MAX(e.d, COALESCE(f.date_fin_prise_en_charge, '')) < ?")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM journal"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM journal j JOIN mesure m ON m.id_mesure = j.id_mesure "
                                       f"JOIN enfant c ON c.id_enfant = m.id_enfant JOIN famille f ON f.id_famille = c.id_famille "
                                       f"LEFT JOIN educateur e ON e.id_educ = j.id_educ WHERE NOT EXISTS (SELECT 1 FROM referent_famille a "
                                       f"WHERE a.id_educ = j.id_educ AND a.id_famille = f.id_famille AND {day} >= a.du "
                                       f"AND (a.au IS NULL OR {day} <= a.au)) AND (e.id_antenne IS NULL OR e.id_antenne <> f.id_antenne)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM journal j JOIN educateur e ON e.id_educ = j.id_educ "
                                           "WHERE e.date_sortie IS NOT NULL AND substr(j.date_heure, 1, 10) > e.date_sortie"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM educateur WHERE login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM educateur WHERE actif = 1 AND date_sortie < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM droit_profil WHERE fonction = 'EDUCATEUR' AND perimetre = ?", cfg["scopes"]["wide"]),
        "persons_past_period": _one(con, f"SELECT COUNT(*) FROM enfant c WHERE c.id_famille IN (SELECT f.id_famille {past})",
                                    PERSON_CUTOFF.isoformat()),
        "households_past_period": _one(con, f"SELECT COUNT(*) {past}", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM journal WHERE substr(date_heure, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small_cells(con, "stat_antenne_annee", ["nb_familles", "nb_mesures", "nb_placements"]),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ g2: CAF-like allocataires and ayants droit
def _caf(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    con.executescript("""
    CREATE TABLE site (code_site TEXT PRIMARY KEY, nom_site TEXT);
    CREATE TABLE agent_caf (matricule TEXT PRIMARY KEY, login TEXT, nom TEXT, prenom TEXT, emploi TEXT, code_site TEXT,
        habilite TEXT, fin_contrat TEXT, hash_mdp TEXT);
    CREATE TABLE allocataire (id INTEGER PRIMARY KEY, num_allocataire TEXT, code_site TEXT, date_affiliation TEXT,
        date_radiation TEXT, position TEXT);
    CREATE TABLE ayant_droit (id INTEGER PRIMARY KEY, id_allocataire INTEGER, nom TEXT, prenom TEXT, date_naissance TEXT, qualite TEXT);
    CREATE TABLE portefeuille (id INTEGER PRIMARY KEY, matricule_agent TEXT, id_allocataire INTEGER, date_debut TEXT, date_fin TEXT);
    CREATE TABLE contact_allocataire (id INTEGER PRIMARY KEY, id_allocataire INTEGER, matricule_agent TEXT, date_contact TEXT, objet TEXT);
    CREATE TABLE journal_consultation (id INTEGER PRIMARY KEY, matricule_agent TEXT, num_allocataire TEXT, horodatage TEXT, action TEXT);
    CREATE TABLE habilitation_caf (id INTEGER PRIMARY KEY, emploi TEXT, objet TEXT, perimetre TEXT, droit TEXT);
    CREATE TABLE stat_site_annee (annee INTEGER, code_site TEXT, nb_allocataires INTEGER, nb_rsa INTEGER, nb_rdv INTEGER);
    """)
    code = {i: f"S{i:02d}" for i in range(1, len(w["terr"]) + 1)}
    mat = {s["id"]: f"M{7000 + s['id'] * 7:05d}" for s in w["staff"]}
    _ins(con, "site", ["code_site", "nom_site"], [(code[i], n) for i, n in enumerate(w["terr"], 1)])
    emploi = {"social": "CONSEILLER SOLIDARITE", "manager": "RESPONSABLE SITE", "secretary": "ACCUEIL"}
    _ins(con, "agent_caf", ["matricule", "login", "nom", "prenom", "emploi", "code_site", "habilite", "fin_contrat", "hash_mdp"],
         [(mat[s["id"]], s["login"], s["surname"], s["given"], emploi[s["role"]], code[s["terr"]], "O" if s["active"] else "N",
           _iso(s["left"]), "$2b$12$" + s["pwd"][:53]) for s in w["staff"]])
    num = {p["id"]: f"{1000000 + p['id'] * 37 + rng.randint(0, 30):07d}" for p in w["persons"]}
    alloc, ad = [], []
    aid = 0
    for p in w["persons"]:
        alloc.append((p["id"], num[p["id"]], code[p["terr"]], _iso(p["opened"]), _iso(p["closed"]),
                      "ARCHIVE" if p["archived"] else ("RADIE" if p["closed"] else "ACTIF")))
        for sn, gn, born, lien in _members(rng, p):
            aid += 1
            ad.append((aid, p["id"], sn, gn, born, {"DEMANDEUR": "ALLOCATAIRE"}.get(lien, lien)))
    _ins(con, "allocataire", ["id", "num_allocataire", "code_site", "date_affiliation", "date_radiation", "position"], alloc)
    _ins(con, "ayant_droit", ["id", "id_allocataire", "nom", "prenom", "date_naissance", "qualite"], ad)
    _ins(con, "portefeuille", ["id", "matricule_agent", "id_allocataire", "date_debut", "date_fin"],
         [(i, mat[a["staff"]], a["person"], _iso(a["start"]), _iso(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "contact_allocataire", ["id", "id_allocataire", "matricule_agent", "date_contact", "objet"],
         [(i, c["person"], mat[c["staff"]], _iso(c["day"]), c["note"]) for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "journal_consultation", ["id", "matricule_agent", "num_allocataire", "horodatage", "action"],
         [(i, mat[r["staff"]], num[r["person"]], r["at"].strftime("%Y-%m-%dT%H:%M:%S"), "AFFICHAGE" if r["act"] == "read" else "MAJ")
          for i, r in enumerate(w["log"], 1)])
    _ins(con, "habilitation_caf", ["id", "emploi", "objet", "perimetre", "droit"],
         _grants(cfg, "CONSEILLER SOLIDARITE", "RESPONSABLE SITE", "ACCUEIL", "contact_allocataire", "allocataire"))
    _ins(con, "stat_site_annee", ["annee", "code_site", "nb_allocataires", "nb_rsa", "nb_rdv"],
         [(r["year"], code[r["terr"]], *r["c"]) for r in w["stats"]])


def _caf_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "substr(j.horodatage, 1, 10)"
    past = ("FROM allocataire f JOIN (SELECT id_allocataire k, MAX(date_contact) d FROM contact_allocataire GROUP BY 1) e ON e.k = f.id "
            "WHERE f.position <> 'ARCHIVE' AND MAX(e.d, COALESCE(f.date_radiation, '')) < ?")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM journal_consultation"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM journal_consultation j JOIN allocataire f ON f.num_allocataire = j.num_allocataire "
                                       f"LEFT JOIN agent_caf g ON g.matricule = j.matricule_agent WHERE NOT EXISTS (SELECT 1 FROM portefeuille a "
                                       f"WHERE a.matricule_agent = j.matricule_agent AND a.id_allocataire = f.id AND {day} >= a.date_debut "
                                       f"AND (a.date_fin IS NULL OR {day} <= a.date_fin)) AND (g.code_site IS NULL OR g.code_site <> f.code_site)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM journal_consultation j JOIN agent_caf g ON g.matricule = j.matricule_agent "
                                           "WHERE g.fin_contrat IS NOT NULL AND substr(j.horodatage, 1, 10) > g.fin_contrat"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM agent_caf WHERE login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM agent_caf WHERE habilite = 'O' AND fin_contrat < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM habilitation_caf WHERE emploi = 'CONSEILLER SOLIDARITE' AND perimetre = ?",
                                  cfg["scopes"]["wide"]),
        "persons_past_period": _one(con, f"SELECT COUNT(*) FROM ayant_droit c WHERE c.id_allocataire IN (SELECT f.id {past})",
                                    PERSON_CUTOFF.isoformat()),
        "households_past_period": _one(con, f"SELECT COUNT(*) {past}", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM journal_consultation WHERE substr(horodatage, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small_cells(con, "stat_site_annee", ["nb_allocataires", "nb_rsa", "nb_rdv"]),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ g3: hard negative, persons with a household column
def _menage(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    con.executescript("""
    CREATE TABLE service (id_service INTEGER PRIMARY KEY, libelle TEXT);
    CREATE TABLE intervenant (id_intervenant INTEGER PRIMARY KEY, login TEXT, nom TEXT, prenom TEXT, role TEXT,
        id_service INTEGER REFERENCES service(id_service), actif INTEGER, date_depart TEXT, mot_de_passe_hash TEXT);
    CREATE TABLE menage (id_menage INTEGER PRIMARY KEY, adresse TEXT, commune TEXT, nb_personnes INTEGER);
    CREATE TABLE usager (id_usager INTEGER PRIMARY KEY, id_menage INTEGER REFERENCES menage(id_menage), nom TEXT, prenom TEXT,
        date_naissance TEXT, id_service INTEGER REFERENCES service(id_service), date_creation TEXT, archive INTEGER, date_cloture TEXT);
    CREATE TABLE suivi (id INTEGER PRIMARY KEY, id_intervenant INTEGER REFERENCES intervenant(id_intervenant),
        id_usager INTEGER REFERENCES usager(id_usager), debut TEXT, fin TEXT);
    CREATE TABLE rdv (id INTEGER PRIMARY KEY, id_usager INTEGER REFERENCES usager(id_usager),
        id_intervenant INTEGER REFERENCES intervenant(id_intervenant), date_rdv TEXT, notes TEXT);
    CREATE TABLE log_acces (id INTEGER PRIMARY KEY, id_intervenant INTEGER REFERENCES intervenant(id_intervenant),
        id_usager INTEGER REFERENCES usager(id_usager), date_acces TEXT, type TEXT);
    CREATE TABLE droit (id INTEGER PRIMARY KEY, role TEXT, objet TEXT, perimetre TEXT, droit TEXT);
    """)
    _ins(con, "service", ["id_service", "libelle"], list(enumerate(w["terr"], 1)))
    _ins(con, "intervenant", ["id_intervenant", "login", "nom", "prenom", "role", "id_service", "actif", "date_depart", "mot_de_passe_hash"],
         [(s["id"], s["login"], s["surname"], s["given"], {"social": "travailleur social", "manager": "responsable",
                                                            "secretary": "secretaire"}[s["role"]], s["terr"], int(s["active"]),
           _iso(s["left"]), s["pwd"]) for s in w["staff"]])
    # persons grouped in households of one to three persons of the same territory, drawn in order
    men, us = [], []
    hid, left = 0, 0
    for p in w["persons"]:
        if left == 0:
            hid += 1
            left = rng.choice([1, 1, 2, 2, 3])
            men.append([hid, f"{rng.randint(1, 80)} rue des Acacias", w["terr"][p["terr"] - 1], 0])
        left -= 1
        men[-1][3] += 1
        us.append((p["id"], hid, p["surname"], p["given"], _iso(p["birth"]), p["terr"], _iso(p["opened"]), int(p["archived"]), _iso(p["closed"])))
    _ins(con, "menage", ["id_menage", "adresse", "commune", "nb_personnes"], [tuple(m) for m in men])
    _ins(con, "usager", ["id_usager", "id_menage", "nom", "prenom", "date_naissance", "id_service", "date_creation", "archive", "date_cloture"], us)
    _ins(con, "suivi", ["id", "id_intervenant", "id_usager", "debut", "fin"],
         [(i, a["staff"], a["person"], _iso(a["start"]), _iso(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "rdv", ["id", "id_usager", "id_intervenant", "date_rdv", "notes"],
         [(i, c["person"], c["staff"], _iso(c["day"]), c["note"]) for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "log_acces", ["id", "id_intervenant", "id_usager", "date_acces", "type"],
         [(i, r["staff"], r["person"], r["at"].strftime("%Y-%m-%d %H:%M:%S"), "lecture" if r["act"] == "read" else "ecriture")
          for i, r in enumerate(w["log"], 1)])
    _ins(con, "droit", ["id", "role", "objet", "perimetre", "droit"],
         _grants(cfg, "travailleur social", "responsable", "secretaire", "rdv", "usager"))


def _menage_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "substr(j.date_acces, 1, 10)"
    past = ("FROM usager u JOIN (SELECT id_usager k, MAX(date_rdv) d FROM rdv GROUP BY 1) e ON e.k = u.id_usager "
            "WHERE u.archive = 0 AND MAX(e.d, COALESCE(u.date_cloture, '')) < ?")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM log_acces"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM log_acces j JOIN usager u ON u.id_usager = j.id_usager "
                                       f"LEFT JOIN intervenant g ON g.id_intervenant = j.id_intervenant WHERE NOT EXISTS (SELECT 1 FROM suivi a "
                                       f"WHERE a.id_intervenant = j.id_intervenant AND a.id_usager = u.id_usager AND {day} >= a.debut "
                                       f"AND (a.fin IS NULL OR {day} <= a.fin)) AND (g.id_service IS NULL OR g.id_service <> u.id_service)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM log_acces j JOIN intervenant g ON g.id_intervenant = j.id_intervenant "
                                           "WHERE g.date_depart IS NOT NULL AND substr(j.date_acces, 1, 10) > g.date_depart"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM intervenant WHERE login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM intervenant WHERE actif = 1 AND date_depart < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM droit WHERE role = 'travailleur social' AND perimetre = ?", cfg["scopes"]["wide"]),
        "persons_past_period": _one(con, f"SELECT COUNT(*) {past}", PERSON_CUTOFF.isoformat()),
        "households_past_period": 0,
        "log_past_period": _one(con, "SELECT COUNT(*) FROM log_acces WHERE substr(date_acces, 1, 10) < ?", LOG_CUTOFF.isoformat()),
    }


DEV_GROUPS: dict[str, dict[str, Any]] = {
    "g1_ase_familles": {
        "seed": 4101, "persons": 210, "social_per_terr": 3, "stat_small": 6,
        "territories": ["Antenne Nord", "Antenne Centre", "Antenne Sud"],
        "login": lambda g, s, i: f"{s.lower()}.{g.lower()[:1]}", "render": _ase, "expected": _ase_expected,
        "scopes": {"caseload": "familles suivies", "unit": "antenne", "wide": "toutes antennes"},
        "plant": {"generic": ["educ.astreinte", "secretariat.ase"], "departed_active": True, "after_departure": 6, "unexplained": 11,
                  "stale_reads": 7, "handover": True, "wide_scope": True, "old_share": 0.2},
    },
    "g2_caf_allocataires": {
        "seed": 4202, "persons": 300, "social_per_terr": 3, "stat_small": 5,
        "territories": ["Site Gare", "Site Hopital", "Site Marche", "Site Plaine"],
        "login": lambda g, s, i: f"{g[0].lower()}{s.lower()}{i}", "render": _caf, "expected": _caf_expected,
        "scopes": {"caseload": "portefeuille", "unit": "site", "wide": "caisse"},
        "plant": {"generic": ["accueil.caf", "renfort.plateforme"], "departed_active": True, "after_departure": 10, "unexplained": 19,
                  "handover": True, "wide_scope": True, "old_share": 0.18},
    },
    "g3_neg_usagers_menage": {
        "seed": 4303, "persons": 260, "social_per_terr": 3,
        "territories": ["Service Est", "Service Ouest", "Service Centre"],
        "login": lambda g, s, i: f"{g.lower()}.{s.lower()}", "render": _menage, "expected": _menage_expected,
        "scopes": {"caseload": "ses usagers", "unit": "service", "wide": "tous services"},
        "plant": {"generic": ["stagiaire", "permanence01"], "departed_active": True, "after_departure": 6, "unexplained": 13,
                  "handover": True, "wide_scope": True, "old_share": 0.2},
    },
}


def build(name: str, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one database of the groups dev zoo; return (path, expected figures counted by SQL on the file)."""
    cfg = DEV_GROUPS[name]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.sqlite"
    if path.exists():
        path.unlink()
    w = draw(cfg["seed"], cfg)
    con = sqlite3.connect(path)
    render: Callable[..., None] = cfg["render"]
    render(w, cfg, con)
    con.commit()
    con.execute("VACUUM")
    exp = cfg["expected"](con, cfg)
    con.close()
    exp["compliant"] = bool(cfg.get("compliant"))
    exp["half"] = "dev"
    return path, exp
