"""Sixth held-out set: five databases whose STRUCTURE the zoo had not met (issue 13, the outsider's third set).

Written before the code change of the session that asked for it, by a helper who read neither ``auditor/`` nor
``checks/`` and never ran the auditor on them; measured once by the lead (``bench/eval_zoo.py``) and never to be
tuned on. The staff/persons/reads draw is ``heldout5._world`` (seen code, new seeds); every table, name, key type,
timestamp format and rule of explanation below is new. SQLite files, fake names, no declared foreign key.

- ``h6a_demandes_communes``: an RSA/aid instruction tool. ``demandeur`` (integer key ``num_demandeur``, a commune
  INSEE code ``insee_residence``, closing day, archive flag ``O``/``N``), several requests per person in ``demande``
  (text reference ``DEM-2024-000123``, the instructing agent ``instructeur``), interviews ``entretien`` per request.
  Agents ``instructeur_agent`` (text login key ``ident``) belong to a team ``equipe``; teams cover communes through
  ``couverture_commune`` (team × commune). The log ``trace_consultation`` names the REQUEST by its text reference
  (or NULL for agenda/search lines); timestamps ``04/03/2025 10h12``. A wide statistics table per team and quarter.
- ``h6b_histo_remplacement``: persons with several rows over time: ``usager_histo`` (stable ``no_usager``,
  ``date_effet`` included, ``date_fin_effet`` included or NULL for the current row; sector and referent per row;
  the referent changes within the sector for some persons). Replacements ``remplacement`` (titulaire, remplaçant,
  from, to, both included). The log ``piste`` names a composite object (``type_objet`` + ``num_objet``): ``USAGER``
  is a person's file, ``AGENDA``/``COURRIER`` numbers live in other ranges that overlap the persons' numbers.
  Timestamps ``04-03-2025 10:12:00``. No statistics table.
- ``h6c_ssp_hopital``: the staff social service of a hospital. The HR table ``rh_personnel`` holds EVERY employee,
  the social service's own staff included, told apart by ``emploi`` (text matricule ``H01234``, site, entry and
  exit days); followed employees have ``accompagnement`` rows (matricule, the social worker's matricule, start,
  end, archive flag); interviews ``rdv_ssp``. Accounts ``compte_appli`` name the matricule (NULL for the shared
  ones). The log ``journal_http`` is a web log whose object is a PATH ``/ssp/salaries/H01234/synthese``;
  timestamps ``2025/03/04 10:12:00``. Long statistics ``stat_ssp`` (year, site, indicator, value) and an extract
  ``extrait_aides_2025`` that carries the matricule.
- ``h6d_journal_annuel``: the log split in one table per year (``journal_2021`` … ``journal_2026``); agents keyed by
  their e-mail (``utilisateur.courriel``), persons ``usager`` name their referent's e-mail and a ``pole``; active flag
  ``O``/``N`` and a departure day; timestamps ISO UTC with ``Z`` (the day of a line is the UTC day as written, for
  departures and cutoffs alike). A wide statistics table per pole and year.
- ``h6e_mandats_conforme``: hard negative. Protection measures (MJPM-like): ``majeur_protege`` (text key
  ``MP-000123``), ``mandat`` (agent, person, start, end), log ``consultation`` with timestamps ``dd.mm.yyyy HH:MM``
  purged to 12 months, only the holder of the current mandate reads, old persons purged, departed accounts closed,
  narrow rights, statistics all 0 or at least 11. Nothing at medium or above must be reported.

Figures (same keys and meanings as ``heldout5``; counted by plain SQL on the written file and checked against a
count in Python on the drawn world inside ``build``):

- ``unexplained_reads``: log lines about a person (lines without a person not counted): ``h6a``: the reader is
  neither the request's instructeur nor in a team covering the person's commune; ``h6b``: the reader is neither
  the referent of the person's row valid on the day nor a replacement of that referent on that day (no sector
  rule); ``h6c``: the reader's employee is neither the social worker of an accompaniment of that employee nor of
  the employee's site (site in HR); ``h6d``: neither the referent nor of the person's pole; ``h6e``: 0.
- ``reads_after_departure``: log lines dated after the reader's departure day (``h6c``: HR exit day).
- ``generic_accounts``: planted shared logins. ``departed_active``: accounts active with a departure before
  2026-06-30. ``wide_scope_grants``: presence only (line workers' grant on files with a department-wide scope).
- ``persons_past_period``: persons with at least one interview, not archived, latest of (last interview, closing
  day) before 2024-06-30 (``h6b``: closing and archive of the current row; ``h6c``: closing = latest accompaniment
  end, archived when every accompaniment is archived).
- ``log_past_period``: log lines before 2025-06-30 (all lines, ``h6d``: the six tables).
- ``stats_small_cells``: cells 1..10 (wide: ``nb_*`` columns; long: ``valeur``). ``stats_identifier_columns``: 1 in
  ``h6c`` (the matricule of the extract), else 0. Not scored: ``log_rows``, ``referent_changes`` and
  ``replaced_reads`` (``h6b``).
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path
from typing import Any, Callable

try:
    from tests.zoo.heldout5 import NOMS, PRENOMS, _at, _day, _ins, _one, _past, _plant_unexplained, _pwd, _q, _world
except ImportError:  # run as a script from tests/zoo
    from heldout5 import NOMS, PRENOMS, _at, _day, _ins, _one, _past, _plant_unexplained, _pwd, _q, _world  # type: ignore[no-redef]

AS_OF = dt.date(2026, 6, 30)
PERSON_CUTOFF = dt.date(2024, 6, 30)
LOG_CUTOFF = dt.date(2025, 6, 30)


def _gen(cfg: dict[str, Any]) -> list[str]:
    return list(cfg["plant"].get("generic", []))


def _cells(rng: random.Random, n: int) -> list[int]:
    return [rng.choice([0, rng.randint(1, 10), rng.randint(11, 120), rng.randint(11, 120)]) for _ in range(n)]


# ------------------------------------------------------------------ h6a: requests, teams covering communes
def _h6a(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    units = ["EQ-PLAINE", "EQ-VALLEE", "EQ-PLATEAU", "EQ-LITTORAL"]
    communes = {u: [f"{34000 + 10 * k + i:05d}" for i in range(rng.randint(3, 6))] for k, u in enumerate(units, 1)}
    w = _world(rng, cfg, units)
    staff = {s["id"]: s for s in w["staff"]}
    pers = {p["id"]: p for p in w["persons"]}

    def ok(sid: int, pid: int, d: dt.date) -> bool:
        return pers[pid]["ref"] == sid or pers[pid]["unit"] == staff[sid]["unit"]

    _plant_unexplained(rng, w, cfg["plant"]["unexplained"], ok)
    reqs: dict[int, list[str]] = {}
    rows_dem, n = [], 0
    for p in w["persons"]:
        p["insee"] = rng.choice(communes[p["unit"]])
        for k in range(rng.randint(1, 3)):
            n += 1
            y = max(2018, p["opened"].year - k)
            ref = f"DEM-{y}-{n:06d}"
            reqs.setdefault(p["id"], []).append(ref)
            rows_dem.append((ref, p["id"], rng.choice(["RSA", "FSL", "aide facultative", "APA"]), p["opened"].isoformat(), staff[p["ref"]]["login"],
                             rng.choice(["accordée", "refusée", "en cours", "accordée"])))
    log = [(r["who"], rng.choice(reqs[r["person"]]), r["at"], r["person"]) for r in w["reads"]]
    for s in w["staff"]:
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(8, 20)):
            log.append((s["id"], None, _at(rng, _day(rng, dt.date(2021, 3, 1), end)), None))
    log.sort(key=lambda r: (r[2], r[0], r[1] or ""))
    con.executescript("""
    CREATE TABLE equipe (code_equipe TEXT PRIMARY KEY, libelle TEXT);
    CREATE TABLE couverture_commune (code_equipe TEXT, insee TEXT, nom_commune TEXT, PRIMARY KEY (code_equipe, insee));
    CREATE TABLE instructeur_agent (ident TEXT PRIMARY KEY, nom TEXT, prenom TEXT, qualite TEXT, code_equipe TEXT, en_poste TEXT,
        sorti_le TEXT, mdp_hash TEXT);
    CREATE TABLE demandeur (num_demandeur INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, ne_le TEXT, insee_residence TEXT,
        date_cloture TEXT, archive TEXT);
    CREATE TABLE demande (ref_demande TEXT PRIMARY KEY, num_demandeur INTEGER, nature TEXT, deposee_le TEXT, instructeur TEXT, decision TEXT);
    CREATE TABLE entretien (id INTEGER PRIMARY KEY, ref_demande TEXT, ident TEXT, fait_le TEXT);
    CREATE TABLE trace_consultation (id INTEGER PRIMARY KEY, ident TEXT, ref_demande TEXT, ecran TEXT, horodate TEXT);
    CREATE TABLE droit_module (qualite TEXT, module TEXT, perimetre TEXT);
    CREATE TABLE stat_trimestre_equipe (annee INTEGER, trimestre INTEGER, code_equipe TEXT, nb_demandes_rsa INTEGER, nb_demandes_fsl INTEGER,
        nb_aides_facultatives INTEGER, nb_refus INTEGER, nb_recours INTEGER, nb_orientations INTEGER);
    """)
    _ins(con, "equipe", ["code_equipe", "libelle"], [(u, "Équipe " + u[3:].lower()) for u in units])
    _ins(con, "couverture_commune", ["code_equipe", "insee", "nom_commune"], [(u, c, f"Commune {c}") for u in units for c in communes[u]])
    _ins(con, "instructeur_agent", ["ident", "nom", "prenom", "qualite", "code_equipe", "en_poste", "sorti_le", "mdp_hash"],
         [(s["login"], s["nom"], s["prenom"], {"AS": "instructeur", "SEC": "accueil"}[s["profil"]], s["unit"], "O" if s["active"] else "N",
           s["left"] and s["left"].isoformat(), _pwd(cfg["seed"], s["id"])) for s in w["staff"]])
    _ins(con, "demandeur", ["num_demandeur", "nom", "prenom", "ne_le", "insee_residence", "date_cloture", "archive"],
         [(p["id"], p["nom"], p["prenom"], p["birth"].isoformat(), p["insee"], p["closed"] and p["closed"].isoformat(), "O" if p["archived"] else "N")
          for p in w["persons"]])
    _ins(con, "demande", ["ref_demande", "num_demandeur", "nature", "deposee_le", "instructeur", "decision"], rows_dem)
    _ins(con, "entretien", ["id", "ref_demande", "ident", "fait_le"],
         [(i, rng.choice(reqs[pid]), staff[ref]["login"], d.isoformat())
          for i, (pid, ref, d) in enumerate([(p["id"], p["ref"], d) for p in w["persons"] for d in p["days"]], 1)])
    _ins(con, "trace_consultation", ["id", "ident", "ref_demande", "ecran", "horodate"],
         [(i, staff[who]["login"], ref, "dossier" if ref else rng.choice(["agenda", "recherche"]), t.strftime("%d/%m/%Y %Hh%M"))
          for i, (who, ref, t, _p) in enumerate(log, 1)])
    _ins(con, "droit_module", ["qualite", "module", "perimetre"],
         [("instructeur", "demande", "equipe"), ("instructeur", "consultation_demande", "departement"), ("accueil", "agenda", "equipe")])
    cells = [(y, t, u, *_cells(rng, 6)) for y in (2024, 2025) for t in (1, 2, 3, 4) for u in units]
    _ins(con, "stat_trimestre_equipe", ["annee", "trimestre", "code_equipe", "nb_demandes_rsa", "nb_demandes_fsl", "nb_aides_facultatives",
                                        "nb_refus", "nb_recours", "nb_orientations"], cells)
    return {
        "unexplained_reads": sum(1 for who, ref, t, pid in log if ref and not ok(who, pid, t.date())),
        "reads_after_departure": sum(1 for who, _r, t, _p in log if staff[who]["left"] and t.date() > staff[who]["left"]),
        "persons_past_period": _past(w["persons"]),
        "log_past_period": sum(1 for r in log if r[2].date() < LOG_CUTOFF),
        "stats_small_cells": sum(1 for c in cells for x in c[3:] if 1 <= x <= 10),
    }


_ISO_A = "(substr(t.horodate, 7, 4) || '-' || substr(t.horodate, 4, 2) || '-' || substr(t.horodate, 1, 2))"


def _h6a_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    g = _gen(cfg)
    nb = [r[1] for r in con.execute("PRAGMA table_info(stat_trimestre_equipe)") if r[1].startswith("nb_")]
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM trace_consultation"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM trace_consultation t JOIN demande d ON d.ref_demande = t.ref_demande "
                                       "JOIN demandeur p ON p.num_demandeur = d.num_demandeur JOIN instructeur_agent a ON a.ident = t.ident "
                                       "WHERE d.instructeur <> t.ident AND NOT EXISTS (SELECT 1 FROM couverture_commune c "
                                       "WHERE c.insee = p.insee_residence AND c.code_equipe = a.code_equipe)"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM trace_consultation t JOIN instructeur_agent a ON a.ident = t.ident "
                                           f"WHERE a.sorti_le IS NOT NULL AND {_ISO_A} > a.sorti_le"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM instructeur_agent WHERE ident IN ({','.join('?' * len(g))})", *g),
        "departed_active": _one(con, "SELECT COUNT(*) FROM instructeur_agent WHERE en_poste = 'O' AND sorti_le < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM droit_module WHERE qualite = 'instructeur' AND perimetre = 'departement'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM demandeur p JOIN (SELECT d.num_demandeur k, MAX(e.fait_le) m FROM entretien e "
                                         "JOIN demande d ON d.ref_demande = e.ref_demande GROUP BY 1) r ON r.k = p.num_demandeur "
                                         "WHERE p.archive = 'N' AND MAX(r.m, COALESCE(p.date_cloture, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, f"SELECT COUNT(*) FROM trace_consultation t WHERE {_ISO_A} < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": sum(_one(con, f"SELECT COUNT(*) FROM stat_trimestre_equipe WHERE {_q(c)} BETWEEN 1 AND 10") for c in nb),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h6b: history rows, replacements, composite object
def _h6b(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    units = ["SECT-A", "SECT-B", "SECT-C"]
    w = _world(rng, cfg, units)
    staff = {s["id"]: s for s in w["staff"]}
    pers = {p["id"]: p for p in w["persons"]}
    changes = 0
    for p in w["persons"]:  # rows over time: (from, to or None, referent); some persons change referent within the sector
        p["hist"] = [[p["opened"], None, p["ref"]]]
        others = [s["id"] for s in w["social"][p["unit"]] if s["id"] != p["ref"]]
        if (p["last"] - p["opened"]).days > 60 and rng.random() < 0.3 and others:
            cut = _day(rng, p["opened"] + dt.timedelta(days=20), p["last"] - dt.timedelta(days=10))
            p["hist"][0][1] = cut - dt.timedelta(days=1)
            p["hist"].append([cut, None, rng.choice(others)])
            p["ref"] = p["hist"][-1][2]
            changes += 1

    def ref_on(pid: int, d: dt.date) -> int:
        for du, au, ref in pers[pid]["hist"]:
            if du <= d and (au is None or d <= au):
                return ref
        return pers[pid]["hist"][0][2] if d < pers[pid]["hist"][0][0] else pers[pid]["hist"][-1][2]

    def row_on(pid: int, d: dt.date) -> bool:
        return any(du <= d and (au is None or d <= au) for du, au, _r in pers[pid]["hist"])

    repl: list[tuple[int, int, dt.date, dt.date]] = []
    for u in units:
        a, b = w["social"][u][0], w["social"][u][1]
        for y in (2024, 2025):
            du = dt.date(y, 7, rng.randint(1, 20))
            repl.append((a["id"], b["id"], du, du + dt.timedelta(days=rng.randint(14, 30))))

    def ok(sid: int, pid: int, d: dt.date) -> bool:
        if not row_on(pid, d):
            return False
        r = ref_on(pid, d)
        return r == sid or any(t == r and x == sid and du <= d <= au for t, x, du, au in repl)

    for r in w["reads"]:  # the referent reads on contact days: the referent of that day
        if r["kind"] == "normal":
            r["who"] = ref_on(r["person"], r["at"].date())
    replaced = 0
    for t, x, du, au in repl:  # the replacement reads the holder's persons during the period, and some after it (planted)
        mine = [p for p in w["persons"] if p["opened"] <= du and p["last"] >= au and ref_on(p["id"], du) == t and ref_on(p["id"], au) == t]
        for _ in range(min(len(mine), 8)):
            w["reads"].append({"who": x, "person": rng.choice(mine)["id"], "at": _at(rng, _day(rng, du, au)), "kind": "replaced"})
            replaced += 1
        for _ in range(cfg["plant"]["after_replacement"] // len(repl)):
            w["reads"].append({"who": x, "person": rng.choice(mine)["id"], "at": _at(rng, au + dt.timedelta(days=rng.randint(3, 60))),
                               "kind": "after_repl"})
    _plant_unexplained(rng, w, cfg["plant"]["unexplained"], ok)
    log = [("USAGER", r["person"], r["who"], r["at"]) for r in w["reads"]]
    for s in w["staff"]:
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(10, 22)):
            log.append((rng.choice(["AGENDA", "COURRIER"]), rng.randint(1, 900), s["id"], _at(rng, _day(rng, dt.date(2021, 3, 1), end))))
    log.sort(key=lambda r: (r[3], r[2], r[0], r[1]))
    con.executescript("""
    CREATE TABLE secteur (code TEXT PRIMARY KEY, nom TEXT);
    CREATE TABLE intervenant (no_intervenant INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, metier TEXT, code_secteur TEXT, identifiant TEXT,
        compte_ouvert INTEGER, date_fin_contrat TEXT, secret TEXT);
    CREATE TABLE usager_histo (no_usager INTEGER, date_effet TEXT, date_fin_effet TEXT, nom TEXT, prenom TEXT, naissance TEXT,
        adresse TEXT, code_secteur TEXT, no_referent INTEGER, etat_dossier TEXT, date_cloture TEXT, PRIMARY KEY (no_usager, date_effet));
    CREATE TABLE remplacement (no_titulaire INTEGER, no_remplacant INTEGER, du TEXT, au TEXT, motif TEXT);
    CREATE TABLE contact_usager (id INTEGER PRIMARY KEY, no_usager INTEGER, no_intervenant INTEGER, le TEXT, mode TEXT);
    CREATE TABLE piste (id INTEGER PRIMARY KEY, no_intervenant INTEGER, type_objet TEXT, num_objet INTEGER, operation TEXT, moment TEXT);
    CREATE TABLE autorisation (metier TEXT, objet TEXT, portee TEXT);
    """)
    _ins(con, "secteur", ["code", "nom"], [(u, "Secteur " + u[-1]) for u in units])
    _ins(con, "intervenant", ["no_intervenant", "nom", "prenom", "metier", "code_secteur", "identifiant", "compte_ouvert", "date_fin_contrat",
                              "secret"],
         [(s["id"], s["nom"], s["prenom"], {"AS": "travailleur social", "SEC": "secretariat"}[s["profil"]], s["unit"], s["login"],
           int(s["active"]), s["left"] and s["left"].isoformat(), _pwd(cfg["seed"], s["id"])) for s in w["staff"]])
    rows = []
    for p in w["persons"]:
        adr = f"{rng.randint(1, 90)} rue {rng.choice(NOMS)}"
        for k, (du, au, ref) in enumerate(p["hist"]):
            cur = k == len(p["hist"]) - 1
            etat = ("ARCHIVE" if p["archived"] else "CLOS" if p["closed"] else "ACTIF") if cur else "ACTIF"
            rows.append((p["id"], du.isoformat(), au and au.isoformat(), p["nom"], p["prenom"], p["birth"].isoformat(), adr, p["unit"], ref, etat,
                         p["closed"].isoformat() if cur and p["closed"] else None))
    _ins(con, "usager_histo", ["no_usager", "date_effet", "date_fin_effet", "nom", "prenom", "naissance", "adresse", "code_secteur",
                               "no_referent", "etat_dossier", "date_cloture"], rows)
    _ins(con, "remplacement", ["no_titulaire", "no_remplacant", "du", "au", "motif"],
         [(t, x, du.isoformat(), au.isoformat(), "congés") for t, x, du, au in repl])
    _ins(con, "contact_usager", ["id", "no_usager", "no_intervenant", "le", "mode"],
         [(i, p["id"], ref_on(p["id"], d), d.isoformat(), rng.choice(["bureau", "domicile", "téléphone"]))
          for i, (p, d) in enumerate([(p, d) for p in w["persons"] for d in p["days"]], 1)])
    _ins(con, "piste", ["id", "no_intervenant", "type_objet", "num_objet", "operation", "moment"],
         [(i, who, ty, num, "LECTURE", t.strftime("%d-%m-%Y %H:%M:%S")) for i, (ty, num, who, t) in enumerate(log, 1)])
    _ins(con, "autorisation", ["metier", "objet", "portee"],
         [("travailleur social", "USAGER", "SECTEUR"), ("travailleur social", "USAGER", "TOUS SECTEURS"), ("secretariat", "AGENDA", "SECTEUR")])
    usr = [r for r in log if r[0] == "USAGER"]
    return {
        "unexplained_reads": sum(1 for _t, pid, who, t in usr if not ok(who, pid, t.date())),
        "reads_after_departure": sum(1 for r in log if staff[r[2]]["left"] and r[3].date() > staff[r[2]]["left"]),
        "persons_past_period": _past(w["persons"]),
        "log_past_period": sum(1 for r in log if r[3].date() < LOG_CUTOFF),
        "stats_small_cells": 0,
        "referent_changes": changes,
        "replaced_reads": sum(1 for _t, pid, who, t in usr if row_on(pid, t.date()) and ref_on(pid, t.date()) != who and ok(who, pid, t.date())),
    }


_ISO_B = "(substr(x.moment, 7, 4) || '-' || substr(x.moment, 4, 2) || '-' || substr(x.moment, 1, 2))"


def _h6b_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    g = _gen(cfg)
    day_row = (f"FROM piste x JOIN usager_histo h ON h.no_usager = x.num_objet AND h.date_effet <= {_ISO_B} "
               f"AND (h.date_fin_effet IS NULL OR {_ISO_B} <= h.date_fin_effet) WHERE x.type_objet = 'USAGER'")
    repl = f"EXISTS (SELECT 1 FROM remplacement r WHERE r.no_titulaire = h.no_referent AND r.no_remplacant = x.no_intervenant AND r.du <= {_ISO_B} AND {_ISO_B} <= r.au)"
    usr = _one(con, "SELECT COUNT(*) FROM piste WHERE type_objet = 'USAGER'")
    explained = _one(con, f"SELECT COUNT(*) {day_row} AND (h.no_referent = x.no_intervenant OR {repl})")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM piste"),
        "unexplained_reads": usr - explained,
        "replaced_reads": _one(con, f"SELECT COUNT(*) {day_row} AND h.no_referent <> x.no_intervenant AND {repl}"),
        "referent_changes": _one(con, "SELECT COUNT(*) FROM usager_histo WHERE date_fin_effet IS NOT NULL"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM piste x JOIN intervenant i ON i.no_intervenant = x.no_intervenant "
                                           f"WHERE i.date_fin_contrat IS NOT NULL AND {_ISO_B} > i.date_fin_contrat"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM intervenant WHERE identifiant IN ({','.join('?' * len(g))})", *g),
        "departed_active": _one(con, "SELECT COUNT(*) FROM intervenant WHERE compte_ouvert = 1 AND date_fin_contrat < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM autorisation WHERE metier = 'travailleur social' AND portee = 'TOUS SECTEURS'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM usager_histo h JOIN (SELECT no_usager k, MAX(le) m FROM contact_usager GROUP BY 1) c "
                                         "ON c.k = h.no_usager WHERE h.date_fin_effet IS NULL AND h.etat_dossier <> 'ARCHIVE' "
                                         "AND MAX(c.m, COALESCE(h.date_cloture, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, f"SELECT COUNT(*) FROM piste x WHERE {_ISO_B} < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h6c: hospital staff social service, HR table of everyone, path log
def _h6c(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    units = ["SITE-CHU", "SITE-NORD", "SITE-GERIATRIE"]
    w = _world(rng, cfg, units)
    staff = {s["id"]: s for s in w["staff"]}
    pers = {p["id"]: p for p in w["persons"]}

    def ok(sid: int, pid: int, d: dt.date) -> bool:
        return pers[pid]["ref"] == sid or (not staff[sid]["generic"] and pers[pid]["unit"] == staff[sid]["unit"])

    _plant_unexplained(rng, w, cfg["plant"]["unexplained"], ok)
    extra = 140  # employees never followed by the social service
    pool = rng.sample(range(1000, 99999), len(w["staff"]) + len(w["persons"]) + extra)
    mat_s = {s["id"]: f"H{pool.pop():05d}" for s in w["staff"] if not s["generic"]}
    mat_p = {p["id"]: f"H{pool.pop():05d}" for p in w["persons"]}
    jobs = ["infirmier(e)", "aide-soignant(e)", "agent de service hospitalier", "brancardier", "secrétaire médicale", "manipulateur radio",
            "cuisinier", "technicien biomédical", "sage-femme", "auxiliaire de puériculture"]
    hr = []
    for s in w["staff"]:
        if not s["generic"]:
            hr.append((mat_s[s["id"]], s["nom"], s["prenom"], None, {"AS": "assistant(e) social(e) du personnel", "SEC": "secrétaire du service social"}[s["profil"]],
                       s["unit"], _day(rng, dt.date(2005, 1, 1), dt.date(2020, 12, 31)).isoformat(), s["left"] and s["left"].isoformat()))
    for p in w["persons"]:
        hr.append((mat_p[p["id"]], p["nom"], p["prenom"], p["birth"].isoformat(), rng.choice(jobs), p["unit"],
                   _day(rng, dt.date(1995, 1, 1), p["opened"]).isoformat(), None))
    for _ in range(extra):
        hr.append((f"H{pool.pop():05d}", rng.choice(NOMS), rng.choice(PRENOMS), _day(rng, dt.date(1962, 1, 1), dt.date(2003, 1, 1)).isoformat(),
                   rng.choice(jobs), rng.choice(units), _day(rng, dt.date(1995, 1, 1), dt.date(2025, 1, 1)).isoformat(),
                   rng.choice([None, None, None, _day(rng, dt.date(2019, 1, 1), dt.date(2026, 5, 1)).isoformat()])))
    hr.sort()
    log = [(r["who"], f"/ssp/salaries/{mat_p[r['person']]}/{rng.choice(['synthese', 'entretiens', 'aides', 'synthese'])}", r["at"], r["person"])
           for r in w["reads"]]
    for s in w["staff"]:
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(10, 25)):
            log.append((s["id"], rng.choice(["/ssp/agenda", "/ssp/accueil", "/ssp/recherche?q=", "/ssp/statistiques"]),
                        _at(rng, _day(rng, dt.date(2021, 3, 1), end)), None))
    log.sort(key=lambda r: (r[2], r[0], r[1]))
    con.executescript("""
    CREATE TABLE rh_personnel (matricule TEXT PRIMARY KEY, nom_usage TEXT, prenom TEXT, date_naissance TEXT, emploi TEXT, site TEXT,
        date_entree TEXT, date_sortie TEXT);
    CREATE TABLE compte_appli (id_compte INTEGER PRIMARY KEY, identifiant TEXT UNIQUE, matricule TEXT, actif TEXT, profil TEXT, empreinte TEXT);
    CREATE TABLE accompagnement (id INTEGER PRIMARY KEY, matricule TEXT, matricule_as TEXT, debut TEXT, fin TEXT, archive INTEGER, motif TEXT);
    CREATE TABLE rdv_ssp (id INTEGER PRIMARY KEY, matricule TEXT, matricule_as TEXT, date_rdv TEXT, lieu TEXT);
    CREATE TABLE journal_http (id INTEGER PRIMARY KEY, identifiant TEXT, verbe TEXT, chemin TEXT, code_retour INTEGER, date_heure TEXT);
    CREATE TABLE profil_droit (profil TEXT, ressource TEXT, etendue TEXT);
    CREATE TABLE stat_ssp (annee INTEGER, site TEXT, indicateur TEXT, valeur INTEGER);
    CREATE TABLE extrait_aides_2025 (matricule TEXT, site TEXT, type_aide TEXT, montant REAL, date_versement TEXT);
    """)
    _ins(con, "rh_personnel", ["matricule", "nom_usage", "prenom", "date_naissance", "emploi", "site", "date_entree", "date_sortie"], hr)
    _ins(con, "compte_appli", ["id_compte", "identifiant", "matricule", "actif", "profil", "empreinte"],
         [(s["id"], s["login"], mat_s.get(s["id"]), "O" if s["active"] else "N", {"AS": "assistant_social", "SEC": "secretariat"}[s["profil"]],
           _pwd(cfg["seed"], s["id"])) for s in w["staff"]])
    _ins(con, "accompagnement", ["id", "matricule", "matricule_as", "debut", "fin", "archive", "motif"],
         [(p["id"], mat_p[p["id"]], mat_s[p["ref"]], p["opened"].isoformat(), p["closed"] and p["closed"].isoformat(), int(p["archived"]),
           rng.choice(["logement", "budget", "santé", "famille", "retour à l'emploi"])) for p in w["persons"]])
    _ins(con, "rdv_ssp", ["id", "matricule", "matricule_as", "date_rdv", "lieu"],
         [(i, mat_p[pid], mat_s[ref], d.isoformat(), rng.choice(["bureau", "téléphone", "service"]))
          for i, (pid, ref, d) in enumerate([(p["id"], p["ref"], d) for p in w["persons"] for d in p["days"]], 1)])
    _ins(con, "journal_http", ["id", "identifiant", "verbe", "chemin", "code_retour", "date_heure"],
         [(i, staff[who]["login"], "GET", path, 200, t.strftime("%Y/%m/%d %H:%M:%S")) for i, (who, path, t, _p) in enumerate(log, 1)])
    _ins(con, "profil_droit", ["profil", "ressource", "etendue"],
         [("assistant_social", "salarie", "site"), ("assistant_social", "salarie_consultation", "etablissement"), ("secretariat", "agenda", "site")])
    stats = [(y, u, ind, rng.choice([0, rng.randint(1, 10), rng.randint(11, 200), rng.randint(11, 200)]))
             for y in (2024, 2025) for u in units for ind in ["salaries_accompagnes", "aides_financieres", "prets_sociaux", "mediations_logement"]]
    _ins(con, "stat_ssp", ["annee", "site", "indicateur", "valeur"], stats)
    _ins(con, "extrait_aides_2025", ["matricule", "site", "type_aide", "montant", "date_versement"],
         [(mat_p[p["id"]], p["unit"], rng.choice(["secours", "prêt", "avance"]), float(rng.randint(100, 1500)),
           _day(rng, dt.date(2025, 1, 2), dt.date(2025, 12, 30)).isoformat()) for p in rng.sample(w["persons"], 35)])
    return {
        "unexplained_reads": sum(1 for who, _pa, t, pid in log if pid and not ok(who, pid, t.date())),
        "reads_after_departure": sum(1 for who, _pa, t, _p in log if staff[who]["left"] and t.date() > staff[who]["left"]),
        "persons_past_period": _past(w["persons"]),
        "log_past_period": sum(1 for r in log if r[2].date() < LOG_CUTOFF),
        "stats_small_cells": sum(1 for s in stats if 1 <= s[3] <= 10),
    }


def _h6c_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    g = _gen(cfg)
    day = "replace(substr(j.date_heure, 1, 10), '/', '-')"
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM journal_http"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM journal_http j JOIN rh_personnel e ON e.matricule = substr(j.chemin, 15, 6) "
                                       "JOIN compte_appli c ON c.identifiant = j.identifiant LEFT JOIN rh_personnel r ON r.matricule = c.matricule "
                                       "WHERE j.chemin LIKE '/ssp/salaries/%' AND NOT EXISTS (SELECT 1 FROM accompagnement a "
                                       "WHERE a.matricule = e.matricule AND a.matricule_as = c.matricule) AND (r.site IS NULL OR r.site <> e.site)"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM journal_http j JOIN compte_appli c ON c.identifiant = j.identifiant "
                                           f"JOIN rh_personnel r ON r.matricule = c.matricule WHERE r.date_sortie IS NOT NULL AND {day} > r.date_sortie"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM compte_appli WHERE identifiant IN ({','.join('?' * len(g))})", *g),
        "departed_active": _one(con, "SELECT COUNT(*) FROM compte_appli c JOIN rh_personnel r ON r.matricule = c.matricule "
                                     "WHERE c.actif = 'O' AND r.date_sortie < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM profil_droit WHERE profil = 'assistant_social' AND etendue = 'etablissement'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM (SELECT a.matricule, MIN(a.archive) arch, MAX(COALESCE(a.fin, '')) fin FROM accompagnement a "
                                         "GROUP BY 1) a JOIN (SELECT matricule k, MAX(date_rdv) m FROM rdv_ssp GROUP BY 1) r ON r.k = a.matricule "
                                         "WHERE a.arch = 0 AND MAX(r.m, a.fin) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, f"SELECT COUNT(*) FROM journal_http j WHERE {day} < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _one(con, "SELECT COUNT(*) FROM stat_ssp WHERE valeur BETWEEN 1 AND 10"),
        "stats_identifier_columns": 1,
    }


# ------------------------------------------------------------------ h6d: one log table per year, e-mail keys
def _h6d(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    units = ["POLE-ENFANCE", "POLE-ADULTES", "POLE-SENIORS", "POLE-LOGEMENT"]
    w = _world(rng, cfg, units)
    staff = {s["id"]: s for s in w["staff"]}
    pers = {p["id"]: p for p in w["persons"]}
    mail = {s["id"]: (s["login"] if "@" in s["login"] else f"{s['prenom'].lower()}.{s['nom'].lower()}{s['id']}@ville-exemple.fr") for s in w["staff"]}

    def ok(sid: int, pid: int, d: dt.date) -> bool:
        return pers[pid]["ref"] == sid or pers[pid]["unit"] == staff[sid]["unit"]

    _plant_unexplained(rng, w, cfg["plant"]["unexplained"], ok)
    log = [(r["who"], r["person"], r["at"], rng.choice(["fiche", "fiche", "historique", "documents"])) for r in w["reads"]]
    for s in w["staff"]:
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(10, 25)):
            log.append((s["id"], None, _at(rng, _day(rng, dt.date(2021, 3, 1), end)), rng.choice(["connexion", "agenda", "recherche"])))
    log.sort(key=lambda r: (r[2], r[0], r[1] or 0))
    years = list(range(2021, 2027))
    con.executescript("CREATE TABLE pole (code_pole TEXT PRIMARY KEY, intitule TEXT);\n"
                      "CREATE TABLE utilisateur (courriel TEXT PRIMARY KEY, nom TEXT, prenom TEXT, fonction TEXT, code_pole TEXT, actif TEXT, "
                      "depart_le TEXT, hash TEXT);\n"
                      "CREATE TABLE usager (numero INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT, code_pole TEXT, "
                      "referent_courriel TEXT, ouvert_le TEXT, ferme_le TEXT, archive TEXT);\n"
                      "CREATE TABLE rendez_vous_usager (id INTEGER PRIMARY KEY, numero_usager INTEGER, courriel TEXT, date_rdv TEXT, honore TEXT);\n"
                      "CREATE TABLE acces_fonction (fonction TEXT, domaine TEXT, visibilite TEXT);\n"
                      "CREATE TABLE stat_pole_annee (annee INTEGER, code_pole TEXT, nb_usagers INTEGER, nb_rdv INTEGER, nb_aides INTEGER, "
                      "nb_signalements INTEGER, nb_orientations INTEGER);\n"
                      + "".join(f"CREATE TABLE journal_{y} (id INTEGER PRIMARY KEY, courriel TEXT, numero_usager INTEGER, vue TEXT, horodatage_utc TEXT);\n"
                                for y in years))
    _ins(con, "pole", ["code_pole", "intitule"], [(u, "Pôle " + u[5:].lower()) for u in units])
    _ins(con, "utilisateur", ["courriel", "nom", "prenom", "fonction", "code_pole", "actif", "depart_le", "hash"],
         [(mail[s["id"]], s["nom"], s["prenom"], {"AS": "travailleur social", "SEC": "agent administratif"}[s["profil"]], s["unit"],
           "O" if s["active"] else "N", s["left"] and s["left"].isoformat(), "$2b$12$" + _pwd(cfg["seed"], s["id"])[:53]) for s in w["staff"]])
    _ins(con, "usager", ["numero", "nom", "prenom", "date_naissance", "code_pole", "referent_courriel", "ouvert_le", "ferme_le", "archive"],
         [(p["id"], p["nom"], p["prenom"], p["birth"].isoformat(), p["unit"], mail[p["ref"]], p["opened"].isoformat(),
           p["closed"] and p["closed"].isoformat(), "O" if p["archived"] else "N") for p in w["persons"]])
    _ins(con, "rendez_vous_usager", ["id", "numero_usager", "courriel", "date_rdv", "honore"],
         [(i, pid, mail[ref], d.isoformat(), "O") for i, (pid, ref, d) in enumerate([(p["id"], p["ref"], d) for p in w["persons"] for d in p["days"]], 1)])
    n = 0
    for y in years:
        rows = []
        for who, pid, t, vue in log:
            if t.year == y:
                n += 1
                rows.append((n, mail[who], pid, vue, (t - dt.timedelta(hours=2 if 4 <= t.month <= 10 else 1)).strftime("%Y-%m-%dT%H:%M:%SZ")))
        _ins(con, f"journal_{y}", ["id", "courriel", "numero_usager", "vue", "horodatage_utc"], rows)
    _ins(con, "acces_fonction", ["fonction", "domaine", "visibilite"],
         [("travailleur social", "usager", "pole"), ("travailleur social", "usager", "collectivite"), ("agent administratif", "agenda", "pole")])
    cells = [(y, u, *_cells(rng, 5)) for y in (2023, 2024, 2025) for u in units]
    _ins(con, "stat_pole_annee", ["annee", "code_pole", "nb_usagers", "nb_rdv", "nb_aides", "nb_signalements", "nb_orientations"], cells)
    utc = {id(r): r[2] - dt.timedelta(hours=2 if 4 <= r[2].month <= 10 else 1) for r in log}
    return {  # the day is the UTC one, as written
        "unexplained_reads": sum(1 for r in log if r[1] and not ok(r[0], r[1], r[2].date())),
        "reads_after_departure": sum(1 for r in log if staff[r[0]]["left"] and utc[id(r)].date() > staff[r[0]]["left"]),
        "persons_past_period": _past(w["persons"]),
        "log_past_period": sum(1 for r in log if utc[id(r)].date() < LOG_CUTOFF),
        "stats_small_cells": sum(1 for c in cells for x in c[2:] if 1 <= x <= 10),
    }


def _h6d_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    g = _gen(cfg)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'journal_%' ORDER BY name")]
    nb = [r[1] for r in con.execute("PRAGMA table_info(stat_pole_annee)") if r[1].startswith("nb_")]

    def each(sql: str, *args: Any) -> int:
        return sum(_one(con, sql.format(t=_q(t)), *args) for t in tables)

    return {
        "log_rows": each("SELECT COUNT(*) FROM {t}"),
        "unexplained_reads": each("SELECT COUNT(*) FROM {t} j JOIN usager p ON p.numero = j.numero_usager JOIN utilisateur u ON u.courriel = j.courriel "
                                  "WHERE p.referent_courriel <> u.courriel AND p.code_pole <> u.code_pole"),
        "reads_after_departure": each("SELECT COUNT(*) FROM {t} j JOIN utilisateur u ON u.courriel = j.courriel "
                                      "WHERE u.depart_le IS NOT NULL AND substr(j.horodatage_utc, 1, 10) > u.depart_le"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM utilisateur WHERE courriel IN ({','.join('?' * len(g))})", *g),
        "departed_active": _one(con, "SELECT COUNT(*) FROM utilisateur WHERE actif = 'O' AND depart_le < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM acces_fonction WHERE fonction = 'travailleur social' AND visibilite = 'collectivite'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM usager p JOIN (SELECT numero_usager k, MAX(date_rdv) m FROM rendez_vous_usager GROUP BY 1) r "
                                         "ON r.k = p.numero WHERE p.archive = 'N' AND MAX(r.m, COALESCE(p.ferme_le, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": each("SELECT COUNT(*) FROM {t} WHERE substr(horodatage_utc, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": sum(_one(con, f"SELECT COUNT(*) FROM stat_pole_annee WHERE {_q(c)} BETWEEN 1 AND 10") for c in nb),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h6e: protection measures, mandates (compliant)
def _h6e(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    services = ["MJPM-CENTRE", "MJPM-EST"]
    agents = []
    for sv in services:
        for k in range(5):
            agents.append({"id": 300 + len(agents) * 3, "sv": sv, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS),
                           "role": "delegue_mandataire" if k < 4 else "assistant_tutelle", "left": None})
    gone = agents[1]
    gone["left"] = dt.date(2025, 12, 12)
    persons, mandats, visites, log = [], [], [], []
    for sv in services:
        dels = [a for a in agents if a["sv"] == sv and a["role"] == "delegue_mandataire"]
        stay = [a for a in dels if a["left"] is None]
        for _ in range(cfg["persons_per_service"]):
            code = f"MP-{len(persons) + 101:06d}"
            last = _day(rng, dt.date(2024, 8, 1), dt.date(2026, 6, 24))
            debut = last - dt.timedelta(days=rng.randint(30, 1500))
            fin = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 40))) if rng.random() < 0.15 else None
            a = rng.choice(dels)
            chain = [(a, debut, fin)]
            if a["left"]:
                if debut >= a["left"]:
                    chain = [(rng.choice(stay), debut, fin)]
                elif fin is None or fin > a["left"]:
                    chain = [(a, debut, a["left"]), (rng.choice(stay), a["left"] + dt.timedelta(days=1), fin)]
            persons.append((code, sv, rng.choice(NOMS), rng.choice(PRENOMS), _day(rng, dt.date(1930, 1, 1), dt.date(2005, 1, 1)).isoformat(),
                            rng.choice(["curatelle renforcée", "tutelle", "curatelle simple"]), debut.isoformat(), fin and fin.isoformat()))
            for ag, du, au in chain:
                mandats.append((len(mandats) + 1, code, ag["id"], du.isoformat(), au and au.isoformat()))
            for d in sorted({last} | {_day(rng, debut, last) for _ in range(rng.randint(0, 3))}):
                cur = [x for x, du, au in chain if du <= d and (au is None or d <= au)]
                if not cur:
                    continue
                visites.append((len(visites) + 1, code, cur[0]["id"], d.isoformat()))
                if d > LOG_CUTOFF + dt.timedelta(days=1):
                    log.append((cur[0]["id"], code, "dossier", _at(rng, d)))
    for a in agents:
        end = min(AS_OF, a["left"] - dt.timedelta(days=1)) if a["left"] else AS_OF
        for _ in range(rng.randint(25, 45)):
            log.append((a["id"], None, rng.choice(["agenda", "accueil", "courrier"]), _at(rng, _day(rng, LOG_CUTOFF + dt.timedelta(days=2), end))))
    log.sort(key=lambda r: (r[3], r[0], r[1] or ""))
    con.executescript("""
    CREATE TABLE service_mandataire (code TEXT PRIMARY KEY, libelle TEXT);
    CREATE TABLE agent_mjpm (no_agent INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, role TEXT, service TEXT, compte TEXT, compte_valide INTEGER,
        fin_fonction TEXT, mot_de_passe TEXT);
    CREATE TABLE majeur_protege (code_mp TEXT PRIMARY KEY, service TEXT, nom TEXT, prenom TEXT, naissance TEXT, mesure TEXT,
        jugement_le TEXT, mainlevee_le TEXT);
    CREATE TABLE mandat (id_mandat INTEGER PRIMARY KEY, code_mp TEXT, no_agent INTEGER, du TEXT, au TEXT);
    CREATE TABLE visite (id INTEGER PRIMARY KEY, code_mp TEXT, no_agent INTEGER, le TEXT);
    CREATE TABLE consultation (id INTEGER PRIMARY KEY, no_agent INTEGER, code_mp TEXT, ecran TEXT, quand TEXT);
    CREATE TABLE habilitation_role (role TEXT, ressource TEXT, champ TEXT);
    CREATE TABLE stat_mesures (annee INTEGER, service TEXT, nb_tutelles INTEGER, nb_curatelles INTEGER, nb_mainlevees INTEGER,
        nb_ouvertures INTEGER);
    """)
    _ins(con, "service_mandataire", ["code", "libelle"], [(s, "Service " + s[5:].lower()) for s in services])
    _ins(con, "agent_mjpm", ["no_agent", "nom", "prenom", "role", "service", "compte", "compte_valide", "fin_fonction", "mot_de_passe"],
         [(a["id"], a["nom"], a["prenom"], a["role"], a["sv"], f"{a['nom'][:5].lower()}{a['id']}", int(a["left"] is None),
           a["left"] and a["left"].isoformat(), "{SSHA}" + _pwd(cfg["seed"], a["id"])[:32]) for a in agents])
    _ins(con, "majeur_protege", ["code_mp", "service", "nom", "prenom", "naissance", "mesure", "jugement_le", "mainlevee_le"], persons)
    _ins(con, "mandat", ["id_mandat", "code_mp", "no_agent", "du", "au"], mandats)
    _ins(con, "visite", ["id", "code_mp", "no_agent", "le"], visites)
    _ins(con, "consultation", ["id", "no_agent", "code_mp", "ecran", "quand"],
         [(i, who, code, ecran, t.strftime("%d.%m.%Y %H:%M")) for i, (who, code, ecran, t) in enumerate(log, 1)])
    _ins(con, "habilitation_role", ["role", "ressource", "champ"],
         [("delegue_mandataire", "dossier", "mandats en cours"), ("assistant_tutelle", "courrier", "service")])
    _ins(con, "stat_mesures", ["annee", "service", "nb_tutelles", "nb_curatelles", "nb_mainlevees", "nb_ouvertures"],
         [(y, s, *[rng.choice([0, rng.randint(11, 250)]) for _ in range(4)]) for y in (2024, 2025) for s in services])
    return {"unexplained_reads": 0, "reads_after_departure": 0, "persons_past_period": 0, "log_past_period": 0, "stats_small_cells": 0}


_ISO_E = "(substr(c.quand, 7, 4) || '-' || substr(c.quand, 4, 2) || '-' || substr(c.quand, 1, 2))"


def _h6e_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    nb = [r[1] for r in con.execute("PRAGMA table_info(stat_mesures)") if r[1].startswith("nb_")]
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM consultation"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM consultation c WHERE c.code_mp IS NOT NULL AND NOT EXISTS (SELECT 1 FROM mandat m "
                                       f"WHERE m.code_mp = c.code_mp AND m.no_agent = c.no_agent AND m.du <= {_ISO_E} AND (m.au IS NULL OR {_ISO_E} <= m.au))"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM consultation c JOIN agent_mjpm a ON a.no_agent = c.no_agent "
                                           f"WHERE a.fin_fonction IS NOT NULL AND {_ISO_E} > a.fin_fonction"),
        "generic_accounts": 0,
        "departed_active": _one(con, "SELECT COUNT(*) FROM agent_mjpm WHERE compte_valide = 1 AND fin_fonction < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM habilitation_role WHERE role = 'delegue_mandataire' AND champ <> 'mandats en cours'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM majeur_protege p JOIN (SELECT code_mp k, MAX(le) m FROM visite GROUP BY 1) v "
                                         "ON v.k = p.code_mp WHERE MAX(v.m, COALESCE(p.mainlevee_le, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, f"SELECT COUNT(*) FROM consultation c WHERE {_ISO_E} < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": sum(_one(con, f"SELECT COUNT(*) FROM stat_mesures WHERE {_q(c)} BETWEEN 1 AND 10") for c in nb),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ the five databases
HELD_OUT_6: dict[str, dict[str, Any]] = {
    "h6a_demandes_communes": {
        "seed": 6101, "persons": 540, "draw": _h6a, "expected": _h6a_expected,
        "plant": {"generic": ["accueil.rsa", "instruction2"], "after_departure": 9, "unexplained": 17, "old_share": 0.19},
    },
    "h6b_histo_remplacement": {
        "seed": 6202, "persons": 450, "mates": False, "draw": _h6b, "expected": _h6b_expected,
        "plant": {"generic": ["SECRETARIAT", "STAGIAIRE"], "after_departure": 8, "unexplained": 13, "after_replacement": 12, "old_share": 0.17},
    },
    "h6c_ssp_hopital": {
        "seed": 6303, "persons": 380, "draw": _h6c, "expected": _h6c_expected,
        "plant": {"generic": ["ssp.accueil"], "after_departure": 10, "unexplained": 11, "old_share": 0.21},
    },
    "h6d_journal_annuel": {
        "seed": 6404, "persons": 640, "draw": _h6d, "expected": _h6d_expected,
        "plant": {"generic": ["accueil.social@ville-exemple.fr", "pole.seniors@ville-exemple.fr"], "after_departure": 7, "unexplained": 23,
                  "old_share": 0.2},
    },
    "h6e_mandats_conforme": {
        "seed": 6505, "persons_per_service": 300, "compliant": True, "draw": _h6e, "expected": _h6e_expected,
        "plant": {},
    },
}


def build(name: str, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one database of the sixth held-out set; return (path, expected figures counted by SQL on the file).

    The figures are also counted in Python on the drawn world; a disagreement stops the build."""
    cfg = HELD_OUT_6[name]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.sqlite"
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    draw: Callable[..., dict[str, int]] = cfg["draw"]
    world = draw(cfg, con)
    con.commit()
    con.execute("VACUUM")
    exp = cfg["expected"](con, cfg)
    con.close()
    for key, value in world.items():
        if exp[key] != value:
            raise AssertionError(f"{name}: {key} is {exp[key]} by SQL but {value} in the drawn world")
    exp["compliant"] = bool(cfg.get("compliant"))
    exp["half"] = "held_out_6"
    return path, exp
