"""Fifth held-out set: five databases whose STRUCTURE the zoo had not met (issue 13, the outsider's second set).

Written before the code change of the session that asked for it, by a helper who read neither ``auditor/`` nor
``checks/`` and never ran the auditor on them; measured once by the lead (``bench/eval_zoo.py``) and never to be
tuned on. Each database is drawn by its own code here (only the dates and the meaning of the figures are shared
with ``heldout4.py``). SQLite files, fake names, no declared foreign key unless said.

- ``h5a_sessions_pages``: the log is split in two tables. ``session_appli`` (one row per login session: account,
  start, end, workstation) and ``vue_page`` (one row per page viewed: session number, page, viewed person or
  NULL, time). The reader of a page view is reached only through its session. Persons ``beneficiaire`` carry their
  service and their referent (``id_referent`` → ``compte.id_compte``); accounts ``compte`` carry their service, a
  status word (``ACTIF``/``INACTIF``) and a departure day. A wide monthly activity table (one row per service and
  month, twelve ``nb_*`` columns, many small cells). Rights in ``habilitation``. Declared keys.
- ``h5b_versions_personne``: a versioned persons table. ``personne_version`` copies the whole person row at every
  change (address, sector move, referent change, closing, archiving): ``num_personne`` (stable number) +
  ``no_version``, ``valide_du`` (included) / ``valide_au`` (excluded; NULL for the current version). Appointments
  (``rendez_vous``) and the audit trail (``piste_audit``, timestamps ``dd/mm/yyyy HH:MM:SS``) name the stable
  number. Agents keyed by a text matricule (``A0042``), sector on the agent. An extract for the family allowance
  fund (``extrait_caf_2025``) carries the NIR.
- ``h5c_delegations``: English CamelCase tables (``Worker``, ``Client``, ``Appointment``, ``Delegation``,
  ``AccessLog``, ``RolePermission``). A client has ONE case worker (``Client.CaseWorkerId``); a worker covering
  another's caseload during leave holds a ``Delegation`` row (from, to, start day, end day, both included). Log
  timestamps ``2025-03-04T10:12:00.000``. Delegates also read after their delegation ended (planted).
- ``h5d_individu_json``: staff and persons in ONE table ``individu`` told apart by ``type_individu``
  (``USAGER``, ``AGENT``, ``PARTENAIRE``); accounts in ``compte`` name the agent's ``individu`` row; the usager's
  referent is another ``individu`` row (``id_referent``); antennas on both. The log ``journal_evenement`` holds a
  JSON ``details`` column: ``{"beneficiaire": 1234, "ecran": "synthese"}`` for reads of a file, ``{"ecran":
  "agenda"}`` or NULL otherwise. Long-format statistics ``stat_indicateur`` (year, indicator, dimension, modality,
  ``valeur``).
- ``h5e_url_conforme``: hard negative. Text file codes (``CC-2024-00123``), the access log of the web server
  (``acces_http``: login, method, ``chemin`` such as ``/dossiers/CC-2024-00123/notes``, status, ISO time with
  ``T``), follow-ups with periods (``suivi``), log purged to 12 months, persons without contact for two years
  purged, departed accounts closed, only the followed worker reads a file while following it, a wide statistics
  table whose cells are all 0 or at least 11, narrow rights. Nothing at medium or above must be reported.

What the figures mean (the same as the fourth set; recounted by plain SQL on the written file with its own names,
and checked against a count made in Python on the drawn world inside ``build``):

- ``unexplained_reads``: log lines about a person (all actions; lines without a person are not counted) whose
  reader is not explained: ``h5a``: the page view's session account is neither the person's referent nor of the
  person's service; ``h5b``: in the person's version valid on the day of the read, the agent is neither the
  referent nor of the sector (a sector move makes later reads by the former sector unexplained);
  ``h5c``: the reader is neither the client's case worker nor a delegate of that case worker on the day of the
  read (no team rule); ``h5d``: the account's agent is neither the usager's referent nor of the usager's antenna;
  ``h5e``: 0.
- ``reads_after_departure``: log lines (in ``h5a`` page views, all pages) dated after the reader's departure day.
- ``generic_accounts``: the planted shared logins. ``departed_active``: accounts still active with a departure
  before 2026-06-30. ``wide_scope_grants``: presence only.
- ``persons_past_period``: persons (in ``h5b`` distinct stable numbers; in ``h5d`` only ``USAGER`` rows) with at
  least one contact, not archived (``h5b``: current version not ``ARCHIVE``), whose latest of (last contact,
  closing day; ``h5b``: closing day of the current version) is before 2024-06-30.
- ``log_past_period``: log lines dated before 2025-06-30 (``h5a``: page views, all pages; the sessions are not
  counted, ``sessions_past_period`` says how many sessions started before the cutoff, not scored; ``h5d``: all
  events, connections included).
- ``stats_small_cells``: cells from 1 to 10 in the count columns (``nb_*``) of the wide statistics tables; in the
  long table of ``h5d`` each row is a cell, its count is ``valeur``. ``stats_identifier_columns``: columns of
  statistics tables or extracts holding a direct identifier of a person (the NIR in ``h5b``).
- Not scored, for the reader: ``log_rows``; ``sessions`` and ``sessions_past_period`` (``h5a``);
  ``unexplained_reads_any_version`` (``h5b``: the rule « referent or sector of ANY version of the person »);
  ``delegated_reads`` (``h5c``: reads explained only by a delegation); ``versions`` (``h5b``).

Declared SEEN at stop 25, after being measured before and after that stop's model changes (bench/results/zoo_h5_before.txt and zoo_h5_after.txt):
from then on it is development data, no longer a measure of generalisation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sqlite3
from pathlib import Path
from typing import Any, Callable

AS_OF = dt.date(2026, 6, 30)
PERSON_CUTOFF = dt.date(2024, 6, 30)
LOG_CUTOFF = dt.date(2025, 6, 30)
LOG_START = dt.date(2021, 3, 1)  # no log line before that day

NOMS = ["Albert", "Antoine", "Aubert", "Baron", "Benard", "Blanchard", "Bonnet", "Brun", "Chevalier", "Clement",
        "Colin", "Denis", "Deschamps", "Fabre", "Faure", "Fournier", "Gauthier", "Gerard", "Girard", "Guerin",
        "Henry", "Huet", "Joly", "Lambert", "Laurent", "Lemaire", "Leroy", "Marchand", "Martinez", "Masson",
        "Meunier", "Morel", "Muller", "Noel", "Perrin", "Picard", "Renaud", "Roger", "Roussel", "Schmitt",
        "Benali", "Diallo", "Ferreira", "Haddad", "Keita", "Nguyen", "Ozturk", "Rahmani", "Traore", "Ziani"]
PRENOMS = ["Agathe", "Bruno", "Camille", "Damien", "Elodie", "Fabrice", "Gaelle", "Henri", "Irene", "Jordan",
           "Kenza", "Laurent", "Manon", "Nicolas", "Ophelie", "Pascal", "Quentin", "Rachida", "Sophie", "Thomas",
           "Valerie", "William", "Yasmine", "Zoe", "Amine", "Brigitte", "Christophe", "Dounia", "Estelle", "Florian",
           "Guillaume", "Helene", "Ibrahim", "Jessica", "Khadija", "Ludovic", "Mireille", "Noemie", "Patrick", "Sylvie"]


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _at(rng: random.Random, d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _ins(con: sqlite3.Connection, table: str, cols: list[str], rows: list[tuple]) -> None:
    if rows:
        con.executemany(f"INSERT INTO {_q(table)} ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))})", rows)


def _one(con: sqlite3.Connection, sql: str, *args: Any) -> int:
    return int(con.execute(sql, args).fetchone()[0] or 0)


def _pwd(seed: int, key: object) -> str:
    return hashlib.sha256(f"h5:{seed}:{key}".encode()).hexdigest()


def _log_ok(d: dt.date) -> bool:
    return LOG_START <= d <= AS_OF


# ------------------------------------------------------------------ a world shared in shape (not in data) by a, c, d
def _world(rng: random.Random, cfg: dict[str, Any], units: list[str]) -> dict[str, Any]:
    """Staff (3 social workers and a secretary per unit, shared logins, two leavers), persons with a unit, a
    referent, contact days, and reads: the referent on contact days, unit mates now and then."""
    plant = cfg["plant"]
    staff: list[dict[str, Any]] = []

    def hire(profil: str, unit: str, login: str | None = None, left: dt.date | None = None, active: bool = True) -> dict[str, Any]:
        sid = cfg.get("first_id", 1) + len(staff)
        nom, prenom = rng.choice(NOMS), rng.choice(PRENOMS)
        rec = {"id": sid, "unit": unit, "profil": profil, "nom": nom, "prenom": prenom, "left": left, "active": active,
               "login": login or f"{prenom.lower()}.{nom.lower()}{sid}", "generic": login is not None}
        staff.append(rec)
        return rec

    for u in units:
        for _ in range(3):
            hire("AS", u)
        hire("SEC", u)
    for g in plant.get("generic", []):
        hire("SEC", units[0], login=g)
    leavers = []
    if plant:
        leavers = [hire("AS", units[1], left=dt.date(2025, 10, 17), active=True), hire("AS", units[2], left=dt.date(2026, 2, 27), active=False)]
    social = {u: [s for s in staff if s["unit"] == u and s["profil"] == "AS" and s["left"] is None] for u in units}
    mates = {u: [s for s in staff if s["unit"] == u and s["left"] is None and s["profil"] in ("AS", "SEC")] for u in units}
    persons, reads = [], []
    for pid in range(1, cfg["persons"] + 1):
        old = rng.random() < plant.get("old_share", 0)
        last = _day(rng, dt.date(2018, 9, 1), dt.date(2024, 6, 10)) if old else _day(rng, dt.date(2024, 7, 15), dt.date(2026, 6, 26))
        opened = last - dt.timedelta(days=rng.randint(15, 900))
        archived, closed = False, None
        if old:
            r = rng.random()
            if r < 0.35:
                archived, closed = True, last + dt.timedelta(days=rng.randint(5, 50))
            elif r < 0.55:
                closed = _day(rng, dt.date(2024, 7, 2), dt.date(2026, 5, 29))  # closed late: not past the period
        elif rng.random() < 0.12:
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 30)))
        unit = rng.choice(units)
        ref = rng.choice(social[unit])
        days = sorted({last} | {_day(rng, opened, last) for _ in range(rng.randint(0, 3))})
        p = {"id": pid, "unit": unit, "ref": ref["id"], "last": last, "opened": opened, "closed": closed, "archived": archived,
             "days": days, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS), "birth": _day(rng, dt.date(1942, 1, 1), dt.date(2007, 12, 31))}
        persons.append(p)
        for d in days:
            if _log_ok(d):
                reads.append({"who": ref["id"], "person": pid, "at": _at(rng, d), "kind": "normal"})
        for _ in range(rng.randint(0, 2) if cfg.get("mates", True) else 0):
            d = _day(rng, max(opened, LOG_START), last)
            if _log_ok(d) and opened <= d <= last:
                reads.append({"who": rng.choice(mates[unit])["id"], "person": pid, "at": _at(rng, d), "kind": "mate"})
    by_unit = {u: [p for p in persons if p["unit"] == u] for u in units}
    for x in leavers:
        for _ in range(plant["after_departure"] if x["active"] else plant["after_departure"] // 3):
            reads.append({"who": x["id"], "person": rng.choice(by_unit[x["unit"]])["id"], "kind": "after",
                          "at": _at(rng, _day(rng, x["left"] + dt.timedelta(days=1), AS_OF))})
    for g in [s for s in staff if s["generic"]]:
        for _ in range(12):
            p = rng.choice(by_unit[g["unit"]])
            reads.append({"who": g["id"], "person": p["id"], "kind": "generic", "at": _at(rng, _day(rng, dt.date(2024, 9, 2), AS_OF))})
    return {"staff": staff, "leavers": leavers, "persons": persons, "reads": reads, "social": social, "by_unit": by_unit}


def _plant_unexplained(rng: random.Random, w: dict[str, Any], n: int, ok: Callable[[int, int, dt.date], bool]) -> None:
    now = [s for s in w["staff"] if s["profil"] == "AS" and s["left"] is None]
    got = 0
    while got < n:
        x, p = rng.choice(now), rng.choice(w["persons"])
        d = _day(rng, dt.date(2025, 1, 6), AS_OF)
        if not ok(x["id"], p["id"], d):
            w["reads"].append({"who": x["id"], "person": p["id"], "at": _at(rng, d), "kind": "unexplained"})
            got += 1


def _past(persons: list[dict[str, Any]]) -> int:
    return sum(1 for p in persons if p["days"] and not p["archived"] and max(p["last"], p["closed"] or p["last"]) < PERSON_CUTOFF)


# ------------------------------------------------------------------ h5a: sessions + page views
def _h5a(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    units = ["SSD-NORD", "SSD-SUD", "SSD-EST", "SSD-OUEST"]
    w = _world(rng, cfg, units)
    staff = {s["id"]: s for s in w["staff"]}
    pers = {p["id"]: p for p in w["persons"]}

    def ok(sid: int, pid: int, d: dt.date) -> bool:
        return pers[pid]["ref"] == sid or pers[pid]["unit"] == staff[sid]["unit"]

    _plant_unexplained(rng, w, cfg["plant"]["unexplained"], ok)
    views = [{"who": r["who"], "person": r["person"], "at": r["at"],
              "page": rng.choice(["synthese", "synthese", "notes", "budget", "historique"])} for r in w["reads"]]
    for s in w["staff"]:  # pages without a person (agenda, search, home)
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(10, 25)):
            views.append({"who": s["id"], "person": None, "at": _at(rng, _day(rng, LOG_START, end)),
                          "page": rng.choice(["accueil", "agenda", "recherche"])})
    views.sort(key=lambda v: (v["at"], v["who"], v["person"] or 0))
    sessions: dict[tuple[int, dt.date], dict[str, Any]] = {}
    for v in views:
        key = (v["who"], v["at"].date())
        s = sessions.setdefault(key, {"who": v["who"], "lo": v["at"], "hi": v["at"]})
        s["hi"] = max(s["hi"], v["at"])
    for s in w["staff"]:  # sessions without any page viewed (opened and left)
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(2, 6)):
            d = _day(rng, LOG_START, end)
            if (s["id"], d) not in sessions:
                t = _at(rng, d)
                sessions[(s["id"], d)] = {"who": s["id"], "lo": t, "hi": t}
    order = sorted(sessions, key=lambda k: (sessions[k]["lo"], k[0]))
    sid_of = {k: i for i, k in enumerate(order, 5001)}

    con.executescript("""
    CREATE TABLE service (code_service TEXT PRIMARY KEY, libelle TEXT);
    CREATE TABLE compte (id_compte INTEGER PRIMARY KEY, identifiant TEXT UNIQUE, nom TEXT, prenom TEXT, fonction TEXT,
        code_service TEXT REFERENCES service(code_service), statut TEXT, date_depart TEXT, hash_mdp TEXT);
    CREATE TABLE beneficiaire (id_beneficiaire INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT,
        code_service TEXT REFERENCES service(code_service), id_referent INTEGER REFERENCES compte(id_compte),
        date_ouverture TEXT, date_derniere_rencontre TEXT, date_cloture TEXT, archive INTEGER DEFAULT 0);
    CREATE TABLE rencontre (id_rencontre INTEGER PRIMARY KEY, id_beneficiaire INTEGER REFERENCES beneficiaire(id_beneficiaire),
        id_compte INTEGER REFERENCES compte(id_compte), date_rencontre TEXT, objet TEXT);
    CREATE TABLE session_appli (id_session INTEGER PRIMARY KEY, id_compte INTEGER REFERENCES compte(id_compte),
        debut TEXT, fin TEXT, poste TEXT);
    CREATE TABLE vue_page (id_vue INTEGER PRIMARY KEY, id_session INTEGER REFERENCES session_appli(id_session), page TEXT,
        id_beneficiaire INTEGER REFERENCES beneficiaire(id_beneficiaire), vu_a TEXT);
    CREATE TABLE habilitation (fonction TEXT, module TEXT, portee TEXT, lecture INTEGER, PRIMARY KEY (fonction, module));
    CREATE TABLE stat_activite_mensuelle (annee INTEGER, mois INTEGER, code_service TEXT, nb_premiers_accueils INTEGER,
        nb_entretiens INTEGER, nb_visites_domicile INTEGER, nb_rsa INTEGER, nb_aide_alimentaire INTEGER, nb_fsl INTEGER,
        nb_mesures_accompagnement INTEGER, nb_signalements INTEGER, nb_informations_preoccupantes INTEGER,
        nb_expulsions INTEGER, nb_surendettement INTEGER, nb_orientations INTEGER, PRIMARY KEY (annee, mois, code_service));
    """)
    _ins(con, "service", ["code_service", "libelle"], [(u, f"Service social départemental {u[4:].title()}") for u in units])
    _ins(con, "compte", ["id_compte", "identifiant", "nom", "prenom", "fonction", "code_service", "statut", "date_depart", "hash_mdp"],
         [(s["id"], s["login"], s["nom"], s["prenom"], {"AS": "Assistant(e) social(e)", "SEC": "Secrétaire"}[s["profil"]], s["unit"],
           "ACTIF" if s["active"] else "INACTIF", s["left"] and s["left"].isoformat(), "pbkdf2_sha256$" + _pwd(cfg["seed"], s["id"]))
          for s in w["staff"]])
    _ins(con, "beneficiaire", ["id_beneficiaire", "nom", "prenom", "date_naissance", "code_service", "id_referent", "date_ouverture",
                               "date_derniere_rencontre", "date_cloture", "archive"],
         [(p["id"], p["nom"], p["prenom"], p["birth"].isoformat(), p["unit"], p["ref"], p["opened"].isoformat(), p["last"].isoformat(),
           p["closed"] and p["closed"].isoformat(), int(p["archived"])) for p in w["persons"]])
    _ins(con, "rencontre", ["id_rencontre", "id_beneficiaire", "id_compte", "date_rencontre", "objet"],
         [(i, pid, ref, d.isoformat(), rng.choice(["entretien", "visite à domicile", "permanence"]))
          for i, (pid, ref, d) in enumerate([(p["id"], p["ref"], d) for p in w["persons"] for d in p["days"]], 1)])
    _ins(con, "session_appli", ["id_session", "id_compte", "debut", "fin", "poste"],
         [(sid_of[k], sessions[k]["who"], (sessions[k]["lo"] - dt.timedelta(minutes=rng.randint(1, 9))).strftime("%Y-%m-%d %H:%M:%S"),
           (sessions[k]["hi"] + dt.timedelta(minutes=rng.randint(1, 30))).strftime("%Y-%m-%d %H:%M:%S"), f"PC{rng.randint(1000, 1099)}")
          for k in order])
    _ins(con, "vue_page", ["id_vue", "id_session", "page", "id_beneficiaire", "vu_a"],
         [(i, sid_of[(v["who"], v["at"].date())], v["page"], v["person"], v["at"].strftime("%Y-%m-%d %H:%M:%S"))
          for i, v in enumerate(views, 1)])
    _ins(con, "habilitation", ["fonction", "module", "portee", "lecture"], [
        ("Assistant(e) social(e)", "DOSSIER", "SERVICE", 1), ("Assistant(e) social(e)", "DOSSIER_LECTURE", "DEPARTEMENT", 1),
        ("Secrétaire", "DOSSIER", "SERVICE", 1), ("Secrétaire", "AGENDA", "SERVICE", 1)])
    cells = []
    for m in range(1, 13):
        for u in units:
            cells.append((2025, m, u, *[rng.choice([0, rng.randint(1, 10), rng.randint(11, 90), rng.randint(11, 90)]) for _ in range(12)]))
    _ins(con, "stat_activite_mensuelle", ["annee", "mois", "code_service", "nb_premiers_accueils", "nb_entretiens", "nb_visites_domicile",
                                          "nb_rsa", "nb_aide_alimentaire", "nb_fsl", "nb_mesures_accompagnement", "nb_signalements",
                                          "nb_informations_preoccupantes", "nb_expulsions", "nb_surendettement", "nb_orientations"], cells)
    return {
        "unexplained_reads": sum(1 for v in views if v["person"] and not ok(v["who"], v["person"], v["at"].date())),
        "reads_after_departure": sum(1 for v in views if staff[v["who"]]["left"] and v["at"].date() > staff[v["who"]]["left"]),
        "persons_past_period": _past(w["persons"]),
        "log_past_period": sum(1 for v in views if v["at"].date() < LOG_CUTOFF),
        "stats_small_cells": sum(1 for c in cells for x in c[3:] if 1 <= x <= 10),
    }


def _h5a_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    nb = [r[1] for r in con.execute("PRAGMA table_info(stat_activite_mensuelle)") if r[1].startswith("nb_")]
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM vue_page"),
        "sessions": _one(con, "SELECT COUNT(*) FROM session_appli"),
        "sessions_past_period": _one(con, "SELECT COUNT(*) FROM session_appli WHERE substr(debut, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM vue_page v JOIN session_appli s ON s.id_session = v.id_session "
                                       "JOIN compte c ON c.id_compte = s.id_compte JOIN beneficiaire b ON b.id_beneficiaire = v.id_beneficiaire "
                                       "WHERE b.id_referent <> c.id_compte AND b.code_service <> c.code_service"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM vue_page v JOIN session_appli s ON s.id_session = v.id_session "
                                           "JOIN compte c ON c.id_compte = s.id_compte "
                                           "WHERE c.date_depart IS NOT NULL AND substr(v.vu_a, 1, 10) > c.date_depart"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM compte WHERE identifiant IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM compte WHERE statut = 'ACTIF' AND date_depart < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM habilitation WHERE fonction LIKE 'Assistant%' AND portee = 'DEPARTEMENT'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM beneficiaire b JOIN (SELECT id_beneficiaire k, MAX(date_rencontre) m "
                                         "FROM rencontre GROUP BY 1) r ON r.k = b.id_beneficiaire WHERE b.archive = 0 "
                                         "AND MAX(r.m, COALESCE(b.date_cloture, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM vue_page WHERE substr(vu_a, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": sum(_one(con, f"SELECT COUNT(*) FROM stat_activite_mensuelle WHERE {_q(c)} BETWEEN 1 AND 10") for c in nb),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h5b: a persons table with one row per version
def _h5b(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    plant = cfg["plant"]
    sectors = ["S01", "S02", "S03", "S04", "S05"]
    agents: list[dict[str, Any]] = []

    def hire(fonction: str, sector: str, login: str | None = None, left: dt.date | None = None, active: bool = True) -> dict[str, Any]:
        mat = f"A{len(agents) + 17:04d}"
        nom, prenom = rng.choice(NOMS), rng.choice(PRENOMS)
        rec = {"id": mat, "sector": sector, "fonction": fonction, "nom": nom, "prenom": prenom, "left": left, "active": active,
               "login": login or f"{nom[:6].upper()}{prenom[0].upper()}"}
        agents.append(rec)
        return rec

    for s in sectors:
        for _ in range(2):
            hire("TS", s)
        hire("CESF", s)
    for g in plant["generic"]:
        hire("ACCUEIL", sectors[0], login=g)
    leavers = [hire("TS", sectors[2], left=dt.date(2025, 8, 29), active=True), hire("TS", sectors[3], left=dt.date(2026, 1, 30), active=False)]
    ag = {a["id"]: a for a in agents}
    ts = {s: [a for a in agents if a["sector"] == s and a["fonction"] in ("TS", "CESF") and a["left"] is None] for s in sectors}
    persons, reads = [], []
    moved = []
    for pid in range(1, cfg["persons"] + 1):
        num = 310000 + pid * 7
        old = rng.random() < plant["old_share"]
        last = _day(rng, dt.date(2019, 1, 7), dt.date(2024, 6, 12)) if old else _day(rng, dt.date(2024, 7, 8), dt.date(2026, 6, 24))
        opened = last - dt.timedelta(days=rng.randint(40, 1100))
        sector = rng.choice(sectors)
        vers = [{"from": opened, "sector": sector, "ref": rng.choice(ts[sector])["id"], "statut": "EN_COURS", "fin": None,
                 "adresse": f"{rng.randint(1, 120)} rue {rng.choice(NOMS)}"}]
        for _ in range(rng.choice([0, 0, 1, 1, 2])):  # changes while followed
            span = (last - vers[-1]["from"]).days
            if span < 20:
                break
            v = dict(vers[-1], **{"from": vers[-1]["from"] + dt.timedelta(days=rng.randint(5, span - 5))})
            if rng.random() < 0.35:  # a move to another sector: a new referent
                v["sector"] = rng.choice([s for s in sectors if s != v["sector"]])
                v["ref"] = rng.choice(ts[v["sector"]])["id"]
                moved.append((num, v["from"], vers[-1]["sector"]))
            else:
                v["adresse"] = f"{rng.randint(1, 120)} avenue {rng.choice(NOMS)}"
            vers.append(v)
        archived = False
        closed = None
        if old:
            r = rng.random()
            if r < 0.3:
                archived, closed = True, last + dt.timedelta(days=rng.randint(3, 40))
            elif r < 0.5:
                closed = _day(rng, dt.date(2024, 7, 3), dt.date(2026, 6, 1))
            elif r < 0.75:
                closed = last + dt.timedelta(days=rng.randint(1, 40))
        elif rng.random() < 0.1:
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 25)))
        if closed:
            vers.append(dict(vers[-1], **{"from": closed, "statut": "CLOS", "fin": closed}))
            if archived:
                vers.append(dict(vers[-1], **{"from": closed + dt.timedelta(days=rng.randint(30, 200)), "statut": "ARCHIVE"}))
        for a, b in zip(vers, vers[1:]):
            a["to"] = b["from"]
        vers[-1]["to"] = None
        days = sorted({last} | {_day(rng, opened, last) for _ in range(rng.randint(0, 3))})
        p = {"num": num, "vers": vers, "last": last, "days": days, "archived": archived, "closed": closed, "opened": opened,
             "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS), "birth": _day(rng, dt.date(1940, 1, 1), dt.date(2008, 1, 1)),
             "nir": f"{rng.choice([1, 2])}{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 95):02d}"
                    f"{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"}
        persons.append(p)
        p["contacts"] = []
        for d in days:
            v = _version(p, d)
            p["contacts"].append((d, v["ref"]))
            if _log_ok(d):
                reads.append({"who": v["ref"], "num": num, "at": _at(rng, d), "action": "CONSULTATION"})
                if rng.random() < 0.25:
                    reads.append({"who": v["ref"], "num": num, "at": _at(rng, d), "action": "MODIFICATION"})
        for _ in range(rng.randint(0, 2)):
            d = _day(rng, max(opened, LOG_START), last)
            if _log_ok(d) and opened <= d <= last:
                mates = [a for a in agents if a["sector"] == _version(p, d)["sector"] and a["left"] is None]
                reads.append({"who": rng.choice(mates)["id"], "num": num, "at": _at(rng, d), "action": "CONSULTATION"})
    by_num = {p["num"]: p for p in persons}

    def ok(aid: str, num: int, d: dt.date) -> bool:
        v = _version(by_num[num], d)
        return v is not None and (v["ref"] == aid or v["sector"] == ag[aid]["sector"])

    for x in leavers:
        mine = [p for p in persons if p["vers"][-1]["sector"] == x["sector"]]
        for _ in range(plant["after_departure"] if x["active"] else plant["after_departure"] // 2):
            reads.append({"who": x["id"], "num": rng.choice(mine)["num"], "action": "CONSULTATION",
                          "at": _at(rng, _day(rng, x["left"] + dt.timedelta(days=1), AS_OF))})
    stale = [(n, d, s) for n, d, s in moved if d > dt.date(2024, 1, 1) and d < dt.date(2026, 5, 1)]
    for _ in range(plant["stale_reads"]):  # the former sector still reads after the move
        n, d, s = rng.choice(stale)
        reads.append({"who": rng.choice(ts[s])["id"], "num": n, "action": "CONSULTATION",
                      "at": _at(rng, _day(rng, d + dt.timedelta(days=2), min(AS_OF, d + dt.timedelta(days=120))))})
    for g in [a for a in agents if a["login"] in plant["generic"]]:
        for _ in range(10):
            p = rng.choice(persons)
            d = _day(rng, dt.date(2024, 9, 2), AS_OF)
            reads.append({"who": g["id"], "num": p["num"], "action": "CONSULTATION", "at": _at(rng, d)})
    now = [a for a in agents if a["fonction"] == "TS" and a["left"] is None]
    got = 0
    while got < plant["unexplained"]:
        x, p = rng.choice(now), rng.choice(persons)
        d = _day(rng, max(p["opened"], dt.date(2025, 1, 6)), AS_OF)
        if _log_ok(d) and d >= p["opened"] and not ok(x["id"], p["num"], d):
            reads.append({"who": x["id"], "num": p["num"], "action": "CONSULTATION", "at": _at(rng, d)})
            got += 1
    for a in agents:  # log-in lines, no person
        end = min(AS_OF, a["left"] - dt.timedelta(days=1)) if a["left"] else AS_OF
        for _ in range(rng.randint(5, 12)):
            reads.append({"who": a["id"], "num": None, "action": "CONNEXION", "at": _at(rng, _day(rng, LOG_START, end))})
    reads.sort(key=lambda r: (r["at"], r["who"], r["num"] or 0))

    con.executescript("""
    CREATE TABLE secteur (code_secteur TEXT, libelle TEXT);
    CREATE TABLE agent (matricule TEXT, identifiant TEXT, nom TEXT, prenom TEXT, fonction TEXT, code_secteur TEXT,
        compte_actif TEXT, date_fin_contrat TEXT, mot_de_passe_chiffre TEXT);
    CREATE TABLE personne_version (num_personne INTEGER, no_version INTEGER, valide_du TEXT, valide_au TEXT, nom TEXT, prenom TEXT,
        date_naissance TEXT, nir TEXT, adresse TEXT, code_secteur TEXT, matricule_referent TEXT, statut_dossier TEXT, date_fin_suivi TEXT,
        modifie_par TEXT);
    CREATE TABLE rendez_vous (id_rdv INTEGER, num_personne INTEGER, matricule TEXT, date_rdv TEXT, motif TEXT);
    CREATE TABLE piste_audit (id INTEGER, matricule TEXT, num_personne INTEGER, action TEXT, horodatage TEXT);
    CREATE TABLE droit_fonction (fonction TEXT, objet TEXT, etendue TEXT);
    CREATE TABLE extrait_caf_2025 (nir TEXT, code_secteur TEXT, mois TEXT, type_aide TEXT, montant REAL);
    """)
    _ins(con, "secteur", ["code_secteur", "libelle"], [(s, f"Secteur d'action sociale n° {s[1:]}") for s in sectors])
    _ins(con, "agent", ["matricule", "identifiant", "nom", "prenom", "fonction", "code_secteur", "compte_actif", "date_fin_contrat",
                        "mot_de_passe_chiffre"],
         [(a["id"], a["login"], a["nom"], a["prenom"], a["fonction"], a["sector"], "oui" if a["active"] else "non",
           a["left"] and a["left"].isoformat(), "$2b$12$" + _pwd(cfg["seed"], a["id"])[:53]) for a in agents])
    rows = []
    for p in persons:
        for k, v in enumerate(p["vers"], 1):
            rows.append((p["num"], k, v["from"].isoformat(), v["to"] and v["to"].isoformat(), p["nom"], p["prenom"], p["birth"].isoformat(),
                         p["nir"], v["adresse"], v["sector"], v["ref"], v["statut"], v["fin"] and v["fin"].isoformat(), v["ref"]))
    _ins(con, "personne_version", ["num_personne", "no_version", "valide_du", "valide_au", "nom", "prenom", "date_naissance", "nir",
                                   "adresse", "code_secteur", "matricule_referent", "statut_dossier", "date_fin_suivi", "modifie_par"], rows)
    _ins(con, "rendez_vous", ["id_rdv", "num_personne", "matricule", "date_rdv", "motif"],
         [(i, n, a, d.isoformat(), rng.choice(["entretien", "instruction RSA", "budget"]))
          for i, (n, a, d) in enumerate([(p["num"], a, d) for p in persons for d, a in p["contacts"]], 1)])
    _ins(con, "piste_audit", ["id", "matricule", "num_personne", "action", "horodatage"],
         [(i, r["who"], r["num"], r["action"], r["at"].strftime("%d/%m/%Y %H:%M:%S")) for i, r in enumerate(reads, 1)])
    _ins(con, "droit_fonction", ["fonction", "objet", "etendue"], [
        ("TS", "personne", "secteur"), ("TS", "historique", "tous secteurs"), ("CESF", "personne", "secteur"),
        ("ACCUEIL", "rendez_vous", "secteur")])
    followed = [p for p in persons if any(d.year == 2025 for d in p["days"])]
    _ins(con, "extrait_caf_2025", ["nir", "code_secteur", "mois", "type_aide", "montant"],
         [(p["nir"], p["vers"][-1]["sector"], f"2025-{rng.randint(1, 12):02d}", rng.choice(["secours", "FSL", "aide alimentaire"]),
           round(rng.uniform(30, 600), 2)) for p in rng.sample(followed, min(60, len(followed)))])
    return {
        "unexplained_reads": sum(1 for r in reads if r["num"] and not ok(r["who"], r["num"], r["at"].date())),
        "reads_after_departure": sum(1 for r in reads if ag[r["who"]]["left"] and r["at"].date() > ag[r["who"]]["left"]),
        "persons_past_period": sum(1 for p in persons if p["vers"][-1]["statut"] != "ARCHIVE"
                                   and max(p["last"], p["vers"][-1]["fin"] or p["last"]) < PERSON_CUTOFF),
        "log_past_period": sum(1 for r in reads if r["at"].date() < LOG_CUTOFF),
        "versions": len(rows),
    }


def _version(p: dict[str, Any], d: dt.date) -> dict[str, Any] | None:
    for v in p["vers"]:
        if v["from"] <= d and (v["to"] is None or d < v["to"]):
            return v
    return None


def _h5b_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "substr(l.horodatage, 7, 4) || '-' || substr(l.horodatage, 4, 2) || '-' || substr(l.horodatage, 1, 2)"
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM piste_audit"),
        "versions": _one(con, "SELECT COUNT(*) FROM personne_version"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM piste_audit l JOIN agent a ON a.matricule = l.matricule "
                                       f"WHERE l.num_personne IS NOT NULL AND NOT EXISTS (SELECT 1 FROM personne_version v "
                                       f"WHERE v.num_personne = l.num_personne AND v.valide_du <= {day} "
                                       f"AND (v.valide_au IS NULL OR {day} < v.valide_au) "
                                       f"AND (v.matricule_referent = l.matricule OR v.code_secteur = a.code_secteur))"),
        "unexplained_reads_any_version": _one(con, "SELECT COUNT(*) FROM piste_audit l JOIN agent a ON a.matricule = l.matricule "
                                                   "WHERE l.num_personne IS NOT NULL AND NOT EXISTS (SELECT 1 FROM personne_version v "
                                                   "WHERE v.num_personne = l.num_personne "
                                                   "AND (v.matricule_referent = l.matricule OR v.code_secteur = a.code_secteur))"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM piste_audit l JOIN agent a ON a.matricule = l.matricule "
                                           f"WHERE a.date_fin_contrat IS NOT NULL AND {day} > a.date_fin_contrat"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM agent WHERE identifiant IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM agent WHERE compte_actif = 'oui' AND date_fin_contrat < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM droit_fonction WHERE fonction = 'TS' AND etendue = 'tous secteurs'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM personne_version v JOIN (SELECT num_personne k, MAX(date_rdv) m "
                                         "FROM rendez_vous GROUP BY 1) r ON r.k = v.num_personne WHERE v.valide_au IS NULL "
                                         "AND v.statut_dossier <> 'ARCHIVE' AND MAX(r.m, COALESCE(v.date_fin_suivi, '')) < ?",
                                    PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, f"SELECT COUNT(*) FROM piste_audit l WHERE {day} < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": sum(1 for r in con.execute("PRAGMA table_info(extrait_caf_2025)") if r[1] == "nir"),
    }


# ------------------------------------------------------------------ h5c: one case worker per client, delegations during leave
def _h5c(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    plant = cfg["plant"]
    teams = ["TEAM-NORTH", "TEAM-CENTRE", "TEAM-SOUTH"]
    w = _world(rng, cfg, teams)
    staff = {s["id"]: s for s in w["staff"]}
    pers = {p["id"]: p for p in w["persons"]}
    delegations: list[dict[str, Any]] = []
    for t in teams:
        aslist = w["social"][t]
        for s in aslist:
            for _ in range(rng.randint(1, 3)):
                start = _day(rng, dt.date(2022, 1, 3), dt.date(2026, 5, 15))
                delegations.append({"from": s["id"], "to": rng.choice([x for x in aslist if x is not s])["id"], "start": start,
                                    "end": start + dt.timedelta(days=rng.randint(7, 35))})
    delegations.sort(key=lambda x: (x["start"], x["from"]))

    def delegated(sid: int, pid: int, d: dt.date) -> bool:
        return any(x["from"] == pers[pid]["ref"] and x["to"] == sid and x["start"] <= d <= x["end"] for x in delegations)

    def ok(sid: int, pid: int, d: dt.date) -> bool:
        return pers[pid]["ref"] == sid or delegated(sid, pid, d)

    mine = {s["id"]: [p for p in w["persons"] if p["ref"] == s["id"]] for s in w["staff"]}
    for x in delegations:  # the delegate reads the absent worker's clients during the delegation
        open_ = [p for p in mine[x["from"]] if p["opened"] <= x["end"] and p["last"] >= x["start"]]
        for _ in range(min(len(open_), rng.randint(1, 6))):
            p = rng.choice(open_)
            d = _day(rng, max(x["start"], p["opened"]), min(x["end"], p["last"]))
            if _log_ok(d):
                w["reads"].append({"who": x["to"], "person": p["id"], "at": _at(rng, d), "kind": "delegated"})
    got = 0
    while got < plant["after_delegation"]:  # and goes on reading after it ended
        x = rng.choice([x for x in delegations if x["end"] < dt.date(2026, 4, 1)])
        if not mine[x["from"]]:
            continue
        p = rng.choice(mine[x["from"]])
        d = x["end"] + dt.timedelta(days=rng.randint(3, 60))
        if not ok(x["to"], p["id"], d):
            w["reads"].append({"who": x["to"], "person": p["id"], "at": _at(rng, d), "kind": "after_delegation"})
            got += 1
    _plant_unexplained(rng, w, plant["unexplained"], ok)
    log = [{"who": r["who"], "person": r["person"], "at": r["at"], "action": rng.choice(["View", "View", "View", "Edit", "Print"])}
           for r in w["reads"]]
    for s in w["staff"]:
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(6, 14)):
            log.append({"who": s["id"], "person": None, "at": _at(rng, _day(rng, LOG_START, end)), "action": "SignIn"})
    log.sort(key=lambda r: (r["at"], r["who"], r["person"] or 0))

    con.executescript("""
    CREATE TABLE Team (TeamCode TEXT PRIMARY KEY, TeamName TEXT);
    CREATE TABLE Worker (WorkerId INTEGER PRIMARY KEY, Login TEXT, LastName TEXT, FirstName TEXT, Role TEXT, TeamCode TEXT,
        IsEnabled INTEGER, EndDate TEXT, PasswordHash TEXT);
    CREATE TABLE Client (ClientId INTEGER PRIMARY KEY, LastName TEXT, FirstName TEXT, BirthDate TEXT, TeamCode TEXT,
        CaseWorkerId INTEGER, OpenedOn TEXT, ClosedOn TEXT, IsArchived INTEGER);
    CREATE TABLE Appointment (AppointmentId INTEGER PRIMARY KEY, ClientId INTEGER, WorkerId INTEGER, AppointmentDate TEXT, Kind TEXT);
    CREATE TABLE Delegation (DelegationId INTEGER PRIMARY KEY, FromWorkerId INTEGER, ToWorkerId INTEGER, StartDate TEXT, EndDate TEXT,
        Reason TEXT);
    CREATE TABLE AccessLog (Id INTEGER PRIMARY KEY, WorkerId INTEGER, ClientId INTEGER, Action TEXT, OccurredAt TEXT);
    CREATE TABLE RolePermission (Role TEXT, Resource TEXT, Scope TEXT, CanRead INTEGER, PRIMARY KEY (Role, Resource));
    """)
    _ins(con, "Team", ["TeamCode", "TeamName"], [(t, f"Équipe {t[5:].title()}") for t in teams])
    _ins(con, "Worker", ["WorkerId", "Login", "LastName", "FirstName", "Role", "TeamCode", "IsEnabled", "EndDate", "PasswordHash"],
         [(s["id"], s["login"], s["nom"], s["prenom"], {"AS": "CaseWorker", "SEC": "Assistant"}[s["profil"]], s["unit"], int(s["active"]),
           s["left"] and s["left"].isoformat(), "sha256$" + _pwd(cfg["seed"], s["id"])) for s in w["staff"]])
    _ins(con, "Client", ["ClientId", "LastName", "FirstName", "BirthDate", "TeamCode", "CaseWorkerId", "OpenedOn", "ClosedOn", "IsArchived"],
         [(p["id"], p["nom"], p["prenom"], p["birth"].isoformat(), p["unit"], p["ref"], p["opened"].isoformat(),
           p["closed"] and p["closed"].isoformat(), int(p["archived"])) for p in w["persons"]])
    _ins(con, "Appointment", ["AppointmentId", "ClientId", "WorkerId", "AppointmentDate", "Kind"],
         [(i, pid, ref, d.isoformat(), rng.choice(["Interview", "HomeVisit", "Phone"]))
          for i, (pid, ref, d) in enumerate([(p["id"], p["ref"], d) for p in w["persons"] for d in p["days"]], 1)])
    _ins(con, "Delegation", ["DelegationId", "FromWorkerId", "ToWorkerId", "StartDate", "EndDate", "Reason"],
         [(i, x["from"], x["to"], x["start"].isoformat(), x["end"].isoformat(), rng.choice(["Congés", "Formation", "Arrêt maladie"]))
          for i, x in enumerate(delegations, 1)])
    _ins(con, "AccessLog", ["Id", "WorkerId", "ClientId", "Action", "OccurredAt"],
         [(i, r["who"], r["person"], r["action"], r["at"].strftime("%Y-%m-%dT%H:%M:%S.000")) for i, r in enumerate(log, 1)])
    _ins(con, "RolePermission", ["Role", "Resource", "Scope", "CanRead"], [
        ("CaseWorker", "Client", "OwnCaseload", 1), ("CaseWorker", "ClientNotes", "Organisation", 1),
        ("CaseWorker", "DelegatedClient", "Delegation", 1), ("Assistant", "Appointment", "Team", 1)])
    return {
        "unexplained_reads": sum(1 for r in log if r["person"] and not ok(r["who"], r["person"], r["at"].date())),
        "delegated_reads": sum(1 for r in log if r["person"] and pers[r["person"]]["ref"] != r["who"]
                               and delegated(r["who"], r["person"], r["at"].date())),
        "reads_after_departure": sum(1 for r in log if staff[r["who"]]["left"] and r["at"].date() > staff[r["who"]]["left"]),
        "persons_past_period": _past(w["persons"]),
        "log_past_period": sum(1 for r in log if r["at"].date() < LOG_CUTOFF),
    }


def _h5c_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "substr(l.OccurredAt, 1, 10)"
    deleg = (f"EXISTS (SELECT 1 FROM Delegation g WHERE g.FromWorkerId = c.CaseWorkerId AND g.ToWorkerId = l.WorkerId "
             f"AND g.StartDate <= {day} AND {day} <= g.EndDate)")
    base = "FROM AccessLog l JOIN Client c ON c.ClientId = l.ClientId WHERE c.CaseWorkerId <> l.WorkerId"
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM AccessLog"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) {base} AND NOT {deleg}"),
        "delegated_reads": _one(con, f"SELECT COUNT(*) {base} AND {deleg}"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM AccessLog l JOIN Worker w ON w.WorkerId = l.WorkerId "
                                           f"WHERE w.EndDate IS NOT NULL AND {day} > w.EndDate"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM Worker WHERE Login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM Worker WHERE IsEnabled = 1 AND EndDate < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM RolePermission WHERE Role = 'CaseWorker' AND Scope = 'Organisation'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM Client c JOIN (SELECT ClientId k, MAX(AppointmentDate) m FROM Appointment "
                                         "GROUP BY 1) a ON a.k = c.ClientId WHERE c.IsArchived = 0 "
                                         "AND MAX(a.m, COALESCE(c.ClosedOn, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM AccessLog l WHERE substr(l.OccurredAt, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h5d: one individu table for all, a JSON log
def _h5d(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    antennes = ["ANT-LIMOUX", "ANT-CASTELNAUDARY", "ANT-QUILLAN", "ANT-LEZIGNAN"]
    w = _world(rng, cfg, antennes)
    staff = {s["id"]: s for s in w["staff"]}
    pers = {p["id"]: p for p in w["persons"]}
    ind_p = {p["id"]: 100 + 3 * p["id"] for p in w["persons"]}  # one id space for everyone
    ind_s = {s["id"]: 101 + 3 * s["id"] for s in w["staff"]}
    compte_of = {s["id"]: k for k, s in enumerate(w["staff"], 1)}

    def ok(sid: int, pid: int, d: dt.date) -> bool:
        return pers[pid]["ref"] == sid or pers[pid]["unit"] == staff[sid]["unit"]

    _plant_unexplained(rng, w, cfg["plant"]["unexplained"], ok)
    log = [{"who": r["who"], "person": r["person"], "at": r["at"], "type": rng.choice(["LECTURE_DOSSIER"] * 3 + ["MAJ_DOSSIER"]),
            "ecran": rng.choice(["synthese", "synthese", "budget", "logement", "notes"])} for r in w["reads"]]
    for s in w["staff"]:
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(8, 20)):
            t = rng.choice(["CONNEXION", "CONNEXION", "AGENDA", "RECHERCHE"])
            log.append({"who": s["id"], "person": None, "at": _at(rng, _day(rng, LOG_START, end)), "type": t,
                        "ecran": {"CONNEXION": None, "AGENDA": "agenda", "RECHERCHE": "recherche"}[t]})
    log.sort(key=lambda r: (r["at"], r["who"], r["person"] or 0))

    def details(r: dict[str, Any]) -> str | None:
        if r["person"] is not None:
            return json.dumps({"beneficiaire": ind_p[r["person"]], "ecran": r["ecran"]})
        return json.dumps({"ecran": r["ecran"]}) if r["ecran"] else None

    con.executescript("""
    CREATE TABLE antenne (code TEXT PRIMARY KEY, libelle TEXT, commune TEXT);
    CREATE TABLE individu (id INTEGER PRIMARY KEY, type_individu TEXT NOT NULL, civilite TEXT, nom TEXT, prenom TEXT, date_naissance TEXT,
        telephone TEXT, code_antenne TEXT, id_referent INTEGER, fonction TEXT, organisme TEXT, date_debut_suivi TEXT, date_fin_suivi TEXT,
        statut_usager TEXT, date_fin_fonction TEXT);
    CREATE TABLE compte (id_compte INTEGER PRIMARY KEY, id_individu INTEGER, login TEXT, etat TEXT, derniere_connexion TEXT, sel TEXT,
        empreinte TEXT);
    CREATE TABLE rencontre (id INTEGER PRIMARY KEY, id_usager INTEGER, id_agent INTEGER, date_rencontre TEXT, lieu TEXT);
    CREATE TABLE journal_evenement (id INTEGER PRIMARY KEY, id_compte INTEGER, horodatage TEXT, type_evenement TEXT, details TEXT,
        adresse_ip TEXT);
    CREATE TABLE profil_acces (fonction TEXT, ressource TEXT, perimetre TEXT);
    CREATE TABLE stat_indicateur (annee INTEGER, indicateur TEXT, dimension TEXT, modalite TEXT, valeur INTEGER);
    """)
    _ins(con, "antenne", ["code", "libelle", "commune"], [(a, f"Antenne des solidarités {a[4:].title()}", a[4:].title()) for a in antennes])
    rows = []
    for p in w["persons"]:
        rows.append((ind_p[p["id"]], "USAGER", rng.choice(["M.", "Mme"]), p["nom"], p["prenom"], p["birth"].isoformat(),
                     f"06{rng.randint(10000000, 99999999)}", p["unit"], ind_s[p["ref"]], None, None, p["opened"].isoformat(),
                     p["closed"] and p["closed"].isoformat(), "archive" if p["archived"] else "actif", None))
    for s in w["staff"]:
        rows.append((ind_s[s["id"]], "AGENT", None, s["nom"], s["prenom"], None, None, s["unit"], None,
                     {"AS": "travailleur social", "SEC": "agent d'accueil"}[s["profil"]], "Conseil départemental", None, None, None,
                     s["left"] and s["left"].isoformat()))
    for k in range(1, 41):
        rows.append((102 + 3 * k, "PARTENAIRE", rng.choice(["M.", "Mme"]), rng.choice(NOMS), rng.choice(PRENOMS), None,
                     f"04{rng.randint(10000000, 99999999)}", rng.choice(antennes), None, rng.choice(["bailleur", "CAF", "CPAM", "école"]),
                     rng.choice(["Habitat Audois", "CAF de l'Aude", "CPAM", "Collège Jules Ferry"]), None, None, None, None))
    rows.sort()
    _ins(con, "individu", ["id", "type_individu", "civilite", "nom", "prenom", "date_naissance", "telephone", "code_antenne", "id_referent",
                           "fonction", "organisme", "date_debut_suivi", "date_fin_suivi", "statut_usager", "date_fin_fonction"], rows)
    _ins(con, "compte", ["id_compte", "id_individu", "login", "etat", "derniere_connexion", "sel", "empreinte"],
         [(compte_of[s["id"]], ind_s[s["id"]], s["login"], "ouvert" if s["active"] else "ferme", None, _pwd(cfg["seed"], -s["id"])[:16],
           _pwd(cfg["seed"], s["id"])) for s in w["staff"]])
    _ins(con, "rencontre", ["id", "id_usager", "id_agent", "date_rencontre", "lieu"],
         [(i, ind_p[pid], ind_s[ref], d.isoformat(), rng.choice(["antenne", "domicile", "permanence mairie"]))
          for i, (pid, ref, d) in enumerate([(p["id"], p["ref"], d) for p in w["persons"] for d in p["days"]], 1)])
    _ins(con, "journal_evenement", ["id", "id_compte", "horodatage", "type_evenement", "details", "adresse_ip"],
         [(i, compte_of[r["who"]], r["at"].strftime("%Y-%m-%d %H:%M:%S.") + f"{rng.randint(0, 999999):06d}", r["type"], details(r),
           f"10.11.{rng.randint(0, 3)}.{rng.randint(2, 250)}") for i, r in enumerate(log, 1)])
    _ins(con, "profil_acces", ["fonction", "ressource", "perimetre"], [
        ("travailleur social", "dossier_usager", "antenne"), ("travailleur social", "dossier_usager_lecture", "departement"),
        ("agent d'accueil", "agenda", "antenne")])
    stats = []
    for ind in ["usagers_accompagnes", "premiers_accueils", "aides_financieres"]:
        for dim, mods in [("antenne", antennes), ("tranche_age", ["<25", "25-39", "40-54", "55-64", "65+"]), ("sexe", ["F", "M"])]:
            for m in mods:
                stats.append((2025, ind, dim, m, rng.choice([0, rng.randint(1, 10), rng.randint(11, 150), rng.randint(11, 150)])))
    _ins(con, "stat_indicateur", ["annee", "indicateur", "dimension", "modalite", "valeur"], stats)
    return {
        "unexplained_reads": sum(1 for r in log if r["person"] and not ok(r["who"], r["person"], r["at"].date())),
        "reads_after_departure": sum(1 for r in log if staff[r["who"]]["left"] and r["at"].date() > staff[r["who"]]["left"]),
        "persons_past_period": _past(w["persons"]),
        "log_past_period": sum(1 for r in log if r["at"].date() < LOG_CUTOFF),
        "stats_small_cells": sum(1 for s in stats if 1 <= s[4] <= 10),
    }


def _h5d_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    reader = "FROM journal_evenement j JOIN compte c ON c.id_compte = j.id_compte JOIN individu a ON a.id = c.id_individu"
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM journal_evenement"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) {reader} JOIN individu u ON u.id = json_extract(j.details, '$.beneficiaire') "
                                       f"WHERE u.type_individu = 'USAGER' AND u.id_referent <> a.id AND u.code_antenne <> a.code_antenne"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) {reader} WHERE a.date_fin_fonction IS NOT NULL "
                                           f"AND substr(j.horodatage, 1, 10) > a.date_fin_fonction"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM compte WHERE login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM compte c JOIN individu a ON a.id = c.id_individu "
                                     "WHERE c.etat = 'ouvert' AND a.date_fin_fonction < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM profil_acces WHERE fonction = 'travailleur social' AND perimetre = 'departement'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM individu u JOIN (SELECT id_usager k, MAX(date_rencontre) m FROM rencontre "
                                         "GROUP BY 1) r ON r.k = u.id WHERE u.type_individu = 'USAGER' AND u.statut_usager <> 'archive' "
                                         "AND MAX(r.m, COALESCE(u.date_fin_suivi, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM journal_evenement WHERE substr(horodatage, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _one(con, "SELECT COUNT(*) FROM stat_indicateur WHERE valeur BETWEEN 1 AND 10"),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h5e: text file codes, a web server log of paths (compliant)
def _h5e(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    poles = ["POLE-SENIORS", "POLE-FAMILLES", "POLE-INSERTION"]
    agents = []
    for pole in poles:
        for k in range(4):
            nom, prenom = rng.choice(NOMS), rng.choice(PRENOMS)
            agents.append({"login": f"{prenom[0].lower()}{nom.lower()}.{pole[5:8].lower()}{k}", "pole": pole, "nom": nom, "prenom": prenom,
                           "role": "conseiller" if k < 3 else "accueil", "left": None, "active": True})
    gone = agents[4]  # a conseiller of the second pole who left: account closed, files handed over
    gone["left"], gone["active"] = dt.date(2025, 11, 28), False
    persons, suivis, contacts, log = [], [], [], []
    seq = 0
    for pole in poles:
        refs = [a for a in agents if a["pole"] == pole and a["role"] == "conseiller"]
        stay = [a for a in refs if a["left"] is None]
        for _ in range(cfg["persons_per_pole"]):
            last = _day(rng, dt.date(2024, 7, 8), dt.date(2026, 6, 25))
            opened = last - dt.timedelta(days=rng.randint(10, 700))
            seq += 1
            code = f"CC-{opened.year}-{seq:05d}"
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 45))) if rng.random() < 0.2 else None
            a1 = rng.choice(refs)
            chain = [(a1, opened, closed)]
            if a1["left"]:
                if opened >= a1["left"]:
                    chain = [(rng.choice(stay), opened, closed)]
                elif closed is None or closed > a1["left"]:
                    chain = [(a1, opened, a1["left"]), (rng.choice(stay), a1["left"] + dt.timedelta(days=1), closed)]
            suivis += [(code, a["login"], du, au) for a, du, au in chain]
            persons.append({"code": code, "pole": pole, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS), "opened": opened,
                            "closed": closed, "birth": _day(rng, dt.date(1935, 1, 1), dt.date(2007, 1, 1))})
            for d in sorted({last} | {_day(rng, opened, last) for _ in range(rng.randint(0, 3))}):
                cur = [a for a, du, au in chain if du <= d and (au is None or d <= au)]
                a = cur[0] if cur else chain[-1][0]
                contacts.append((code, a["login"], d))
                if d > LOG_CUTOFF + dt.timedelta(days=1) and cur:
                    log.append((a["login"], "GET", f"/dossiers/{code}", _at(rng, d)))
                    if rng.random() < 0.4:
                        log.append((a["login"], "POST", f"/dossiers/{code}/notes", _at(rng, d)))
    for a in agents:
        end = min(AS_OF, a["left"] - dt.timedelta(days=1)) if a["left"] else AS_OF
        for _ in range(rng.randint(20, 40)):
            log.append((a["login"], "GET", rng.choice(["/connexion", "/agenda", "/tableau-de-bord"]),
                        _at(rng, _day(rng, LOG_CUTOFF + dt.timedelta(days=2), end))))
    log.sort(key=lambda r: (r[3], r[0], r[2]))

    con.executescript("""
    CREATE TABLE poles (code TEXT PRIMARY KEY, intitule TEXT);
    CREATE TABLE agents (login TEXT PRIMARY KEY, nom TEXT, prenom TEXT, role TEXT, pole TEXT, est_actif INTEGER, quitte_le TEXT,
        mdp TEXT);
    CREATE TABLE dossiers (code_dossier TEXT PRIMARY KEY, pole TEXT, nom TEXT, prenom TEXT, ne_le TEXT, ouvert_le TEXT, clos_le TEXT);
    CREATE TABLE suivi (code_dossier TEXT, login TEXT, debut TEXT, fin TEXT, PRIMARY KEY (code_dossier, login, debut));
    CREATE TABLE entretiens (id INTEGER PRIMARY KEY, code_dossier TEXT, login TEXT, le TEXT);
    CREATE TABLE acces_http (id INTEGER PRIMARY KEY, login TEXT, methode TEXT, chemin TEXT, statut_http INTEGER, recu_le TEXT);
    CREATE TABLE permissions (role TEXT, ressource TEXT, etendue TEXT);
    CREATE TABLE stat_annuelle_pole (annee INTEGER, pole TEXT, nb_dossiers_ouverts INTEGER, nb_entretiens INTEGER, nb_aides_facultatives INTEGER,
        nb_domiciliations INTEGER, nb_orientations_partenaires INTEGER, nb_dossiers_clos INTEGER, PRIMARY KEY (annee, pole));
    """)
    _ins(con, "poles", ["code", "intitule"], [(p, f"Pôle {p[5:].lower()}") for p in poles])
    _ins(con, "agents", ["login", "nom", "prenom", "role", "pole", "est_actif", "quitte_le", "mdp"],
         [(a["login"], a["nom"], a["prenom"], a["role"], a["pole"], int(a["active"]), a["left"] and a["left"].isoformat(),
           "$argon2id$v=19$m=65536,t=3,p=4$" + _pwd(cfg["seed"], a["login"])[:43]) for a in agents])
    _ins(con, "dossiers", ["code_dossier", "pole", "nom", "prenom", "ne_le", "ouvert_le", "clos_le"],
         [(p["code"], p["pole"], p["nom"], p["prenom"], p["birth"].isoformat(), p["opened"].isoformat(), p["closed"] and p["closed"].isoformat())
          for p in persons])
    _ins(con, "suivi", ["code_dossier", "login", "debut", "fin"], [(c, lg, du.isoformat(), au and au.isoformat()) for c, lg, du, au in suivis])
    _ins(con, "entretiens", ["id", "code_dossier", "login", "le"], [(i, c, lg, d.isoformat()) for i, (c, lg, d) in enumerate(contacts, 1)])
    _ins(con, "acces_http", ["id", "login", "methode", "chemin", "statut_http", "recu_le"],
         [(i, lg, m, path, 200, t.strftime("%Y-%m-%dT%H:%M:%S")) for i, (lg, m, path, t) in enumerate(log, 1)])
    _ins(con, "permissions", ["role", "ressource", "etendue"], [
        ("conseiller", "dossier", "dossiers suivis"), ("conseiller", "notes", "dossiers suivis"), ("accueil", "agenda", "pole")])
    _ins(con, "stat_annuelle_pole", ["annee", "pole", "nb_dossiers_ouverts", "nb_entretiens", "nb_aides_facultatives", "nb_domiciliations",
                                     "nb_orientations_partenaires", "nb_dossiers_clos"],
         [(y, p, *[rng.choice([0, rng.randint(11, 300)]) for _ in range(6)]) for y in (2024, 2025) for p in poles])
    return {"unexplained_reads": 0, "reads_after_departure": 0, "persons_past_period": 0, "log_past_period": 0, "stats_small_cells": 0}


def _h5e_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "substr(h.recu_le, 1, 10)"
    nb = [r[1] for r in con.execute("PRAGMA table_info(stat_annuelle_pole)") if r[1].startswith("nb_")]
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM acces_http"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM acces_http h WHERE h.chemin LIKE '/dossiers/%' AND NOT EXISTS (SELECT 1 "
                                       f"FROM suivi s WHERE s.code_dossier = substr(h.chemin, 11, 13) AND s.login = h.login "
                                       f"AND s.debut <= {day} AND (s.fin IS NULL OR {day} <= s.fin))"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM acces_http h JOIN agents a ON a.login = h.login "
                                           f"WHERE a.quitte_le IS NOT NULL AND {day} > a.quitte_le"),
        "generic_accounts": 0,
        "departed_active": _one(con, "SELECT COUNT(*) FROM agents WHERE est_actif = 1 AND quitte_le < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM permissions WHERE role = 'conseiller' AND etendue <> 'dossiers suivis'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM dossiers d JOIN (SELECT code_dossier k, MAX(le) m FROM entretiens GROUP BY 1) e "
                                         "ON e.k = d.code_dossier WHERE MAX(e.m, COALESCE(d.clos_le, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM acces_http WHERE substr(recu_le, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": sum(_one(con, f"SELECT COUNT(*) FROM stat_annuelle_pole WHERE {_q(c)} BETWEEN 1 AND 10") for c in nb),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ the five databases
HELD_OUT_5: dict[str, dict[str, Any]] = {
    "h5a_sessions_pages": {
        "seed": 5101, "persons": 560, "draw": _h5a, "expected": _h5a_expected,
        "plant": {"generic": ["accueil.ssd", "remplacant"], "after_departure": 9, "unexplained": 19, "old_share": 0.2},
    },
    "h5b_versions_personne": {
        "seed": 5202, "persons": 470, "draw": _h5b, "expected": _h5b_expected,
        "plant": {"generic": ["ACCUEIL1", "PERMANENCE"], "after_departure": 8, "unexplained": 14, "stale_reads": 10, "old_share": 0.18},
    },
    "h5c_delegations": {
        "seed": 5303, "persons": 420, "mates": False, "draw": _h5c, "expected": _h5c_expected,
        "plant": {"generic": ["frontdesk"], "after_departure": 10, "unexplained": 9, "after_delegation": 12, "old_share": 0.16},
    },
    "h5d_individu_json": {
        "seed": 5404, "persons": 610, "first_id": 1, "draw": _h5d, "expected": _h5d_expected,
        "plant": {"generic": ["accueil.limoux", "interim.ts"], "after_departure": 7, "unexplained": 21, "old_share": 0.22},
    },
    "h5e_url_conforme": {
        "seed": 5505, "persons_per_pole": 260, "compliant": True, "draw": _h5e, "expected": _h5e_expected,
        "plant": {},
    },
}


def build(name: str, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one database of the fifth held-out set; return (path, expected figures counted by SQL on the file).

    The figures are also counted in Python on the drawn world; a disagreement stops the build."""
    cfg = HELD_OUT_5[name]
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
    exp["half"] = "held_out_5"
    return path, exp
