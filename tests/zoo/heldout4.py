"""Fourth held-out set: five databases whose STRUCTURE the zoo had not met (issue 13, the outsider's set).

Written before the code change of the session that asked for it, by a helper who read neither ``auditor/``
nor ``checks/`` and never ran the auditor on them; measured once by the lead (``bench/eval_zoo.py``) and
never to be tuned on. Each database is drawn by its own code here (nothing of ``generate.py`` or
``heldout3.py`` is used but the dates and the meaning of the figures). SQLite files, fake names.

- ``h4a_individu_dossier``: identity split from files. ``individu`` (the person) and ``dossier`` (several
  files per person over the years, each with opening, closing and last-contact days, a unit and a
  referent named by LOGIN, a text key); persons move between units. The log ``journal`` names the FILE
  (``num_dossier``), never the person, and also holds connection lines without a file. Declared keys.
- ``h4b_equipes_matrice``: team-based assignment, uppercase names, no declared key. Workers belong to
  teams through ``MEMBRE_EQUIPE`` with entry/exit days (transfers between teams, departures); a team
  follows persons through ``SUIVI_EQUIPE`` with periods (handovers between teams). Roles in ``ROLE``,
  rights in a matrix ``PERMISSION`` (role × module × integer level, labels in ``NIVEAU_DROIT``). Log
  actions are integer codes (``TYPE_ACTION``), the timestamp is split in ``DATE_ACTION`` + ``HEURE_ACTION``.
- ``h4c_multi_ccas``: four CCAS in one database, ``id_structure`` (INSEE code, text) on every table;
  persons keyed by UUID; soft deletes (``deleted_at``) on persons and accounts; log timestamps ISO with the Paris offset
  (``2025-03-04T10:12:00+01:00``); a front desk login shared in one structure; a ``superviseur`` role whose
  grant covers every structure and who reads other structures' files. Declared keys.
- ``h4d_sst_entreprise``: the workplace social service of a company. The HR table ``rh_salarie``
  (matricule ``M004512`` as text key, hire and leaving days, site) is separate from ``sst_dossier`` which
  refers to the matricule; social workers, HR and managers share ``app_compte``; the log names the
  matricule. Statistics by site × age band with Total rows and a percentage stored as text ("4,2 %"),
  and an extract of aids that carries the matricule. No declared key.
- ``h4e_eav_conforme``: hard negative. Composite keys (antenna code + number restarting in each antenna),
  the person's name, birth day and closing day in an attribute-value table, a table of system jobs
  (purge, backup, export: not an access log), the read log purged to 12 months, persons without contact
  for two years purged, departed accounts closed, only linked caseworkers read files, statistics cells
  all 0 or at least 11. Nothing at medium or above must be reported. No declared key.

What the figures mean (the same as the third set; recounted by plain SQL on the written file with its own
names, and checked against a count made in Python on the drawn world inside ``build``):

- ``unexplained_reads``: log lines about a person's file (all actions; connection lines without a file
  are not counted) whose reader is neither the referent/assigned worker nor of the same unit as the person:
  ``h4a``: not the referent of, nor of the unit of, any file of the person (the lines are drawn so that
  "the file read" and "any file of the person" give the same count, both are computed); ``h4b``: not a
  member, on the day of the read, of a team following the person on that day (no unit rule: a transfer,
  a handover or a departure makes later reads unexplained); ``h4c``: not of the person's structure
  (the superviseur's reads of other structures count: the wide grant is its own finding); ``h4d``: not the
  social worker of the employee's file nor a social worker of the employee's site (HR and manager
  accounts are of unit DRH/DIR, never of a site); ``h4e``: 0.
- ``reads_after_departure``: log lines dated after the reader's departure day.
- ``generic_accounts``: the planted shared logins. ``departed_active``: accounts still active (and not
  soft-deleted) with a departure before 2026-06-30. ``wide_scope_grants``: presence only.
- ``persons_past_period``: persons with at least one contact, not archived/soft-deleted, whose latest of
  (last contact, closing day) over all their files is before 2024-06-30. In ``h4d`` the persons are the
  employees with a social-service file; ``left_company_past_period`` (not scored) says how many of them
  also left the company before 2024-06-30.
- ``log_past_period``: log lines (all, connection lines included) dated before 2025-06-30.
- ``stats_small_cells``: cells from 1 to 10 in the count columns (``nb_*``/``NB_*``) of the statistics
  tables (Total rows included). ``stats_identifier_columns``: columns of statistics tables or extracts that
  hold a direct identifier of a person (here the matricule in ``h4d``).
- Not scored, for the reader: ``log_rows``; ``file_rows`` and ``unexplained_reads_file_rule`` (``h4a``);
  ``supervisor_reads_elsewhere`` (``h4c``, part of ``unexplained_reads``); ``employees`` and
  ``left_company_past_period`` (``h4d``).

Declared SEEN at stop 25, after being measured before and after that stop's model changes (bench/results/zoo_h4_before.txt and zoo_session25_all.txt):
from then on it is development data, no longer a measure of generalisation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
import uuid
from pathlib import Path
from typing import Any, Callable

AS_OF = dt.date(2026, 6, 30)
PERSON_CUTOFF = dt.date(2024, 6, 30)
LOG_CUTOFF = dt.date(2025, 6, 30)
LOG_START = dt.date(2021, 1, 4)  # the logging module was switched on that day (no line before)

NOMS = ["Arnaud", "Barbier", "Bertin", "Boucher", "Carpentier", "Charpentier", "Collet", "Cordier", "Dumas", "Dupuis",
        "Fleury", "Fontaine", "Gaillard", "Gilbert", "Guillot", "Hamon", "Hoarau", "Jacquet", "Julien", "Klein",
        "Lacroix", "Langlois", "Leclerc", "Legrand", "Lucas", "Marie", "Maillard", "Mallet", "Mercier", "Moulin",
        "Olivier", "Paris", "Poulain", "Prevost", "Rey", "Riviere", "Rolland", "Sanchez", "Tessier", "Vasseur",
        "Bensaid", "Camara", "Da Silva", "Kaya", "Mbaye", "Ouali", "Pham", "Sissoko", "Yilmaz", "Zerrouki"]
PRENOMS = ["Adele", "Bastien", "Chloe", "Didier", "Emeline", "Franck", "Gwenaelle", "Hugo", "Ines", "Jerome",
           "Karima", "Loic", "Maeva", "Nadia", "Olivier", "Patricia", "Romain", "Sandrine", "Thierry", "Ursula",
           "Vincent", "Wassila", "Xavier", "Yannick", "Aicha", "Benoit", "Cyril", "Delphine", "Eric", "Farida",
           "Ghislaine", "Hakim", "Isabelle", "Julie", "Karim", "Lucie", "Mamadou", "Nathalie", "Oceane", "Pierre"]


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


def _small(con: sqlite3.Connection, table: str, cols: list[str]) -> int:
    return sum(_one(con, f"SELECT COUNT(*) FROM {_q(table)} WHERE {_q(c)} BETWEEN 1 AND 10") for c in cols)


def _pwd(seed: int, key: object) -> str:
    return hashlib.sha256(f"h4:{seed}:{key}".encode()).hexdigest()


def _log_ok(d: dt.date) -> bool:
    return LOG_START <= d <= AS_OF


# ------------------------------------------------------------------ h4a: individu / dossier, log by file
def _h4a(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    plant = cfg["plant"]
    units = [("UT41-BLO", "MDS Blois Centre"), ("UT41-VEN", "MDS Vendôme"), ("UT41-ROM", "MDS Romorantin"), ("UT41-MER", "MDS Mer")]
    staff: list[dict[str, Any]] = []
    used: set[str] = set()

    def hire(profil: str, unit: str, login: str | None = None, left: dt.date | None = None, active: bool = True) -> dict[str, Any]:
        nom, prenom = rng.choice(NOMS), rng.choice(PRENOMS)
        if login is None:
            base = (prenom[0] + nom.replace(" ", "")).lower()
            login, k = base, 2
            while login in used:
                login, k = f"{base}{k}", k + 1
        used.add(login)
        rec = {"login": login, "unit": unit, "profil": profil, "nom": nom, "prenom": prenom, "left": left, "active": active}
        staff.append(rec)
        return rec

    for code, _ in units:
        for _ in range(3):
            hire("AS", code)
        hire("RESP", code)
        hire("SEC", code)
    for g in plant["generic"]:
        hire("SEC", units[0][0], login=g)
    leaver_a = hire("AS", units[1][0], left=dt.date(2025, 11, 14), active=True)
    leaver_i = hire("AS", units[2][0], left=dt.date(2026, 3, 6), active=False)
    leavers = [leaver_a, leaver_i]
    present = {u: [s for s in staff if s["profil"] == "AS" and s["left"] is None] for u, _ in units}
    present = {u: [s for s in v if s["unit"] == u] for u, v in present.items()}
    mates = {u: [s for s in staff if s["unit"] == u and s["left"] is None and s["profil"] in ("AS", "SEC")] for u, _ in units}

    persons, files = [], []
    log: list[dict[str, Any]] = []  # login, file (num or None), at, op
    leaver_files: dict[str, list[dict[str, Any]]] = {x["login"]: [] for x in leavers}
    seq = 0
    for pid in range(1, cfg["persons"] + 1):
        old = rng.random() < plant["old_share"]
        last = _day(rng, dt.date(2018, 3, 1), dt.date(2024, 5, 20)) if old else _day(rng, dt.date(2024, 7, 20), dt.date(2026, 6, 25))
        archived, closed = False, None
        if old:
            r = rng.random()
            if r < 0.4:
                archived, closed = True, last + dt.timedelta(days=rng.randint(10, 60))
            elif r < 0.65:
                closed = _day(rng, dt.date(2024, 7, 5), dt.date(2026, 5, 30))  # closed late: not past the period
        elif rng.random() < 0.15:
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 40)))
        unit = rng.choice(units)[0]
        mine = []
        contact, close = last, closed
        for k in range(rng.choice([1, 1, 1, 2, 2, 3])):
            opened = contact - dt.timedelta(days=rng.randint(20, 800))
            mine.insert(0, {"unit": unit, "opened": opened, "last": contact, "closed": close})
            gap = rng.randint(60, 700)
            contact = opened - dt.timedelta(days=gap)
            close = contact + dt.timedelta(days=rng.randint(5, 40))
            if rng.random() < 0.3:
                unit = rng.choice([u for u, _ in units if u != unit])
        for f in mine:
            seq += 1
            f["num"] = f"D{f['opened'].year}-{seq:05d}"
            f["person"] = pid
            lv = [x for x in leavers if x["unit"] == f["unit"] and f["opened"] < x["left"] - dt.timedelta(days=60)
                  and (f["closed"] is None or f["closed"] > x["left"] + dt.timedelta(days=20)) and f["last"] > x["left"]]
            f["ref"] = rng.choice(present[f["unit"]])["login"]
            f["before"] = None
            if lv and rng.random() < 0.35:
                f["before"] = lv[0]["login"]
                leaver_files[lv[0]["login"]].append(f)
            files.append(f)
            days = sorted({f["last"]} | {_day(rng, f["opened"], f["last"]) for _ in range(rng.randint(0, 3))})
            for d in days:
                if not _log_ok(d):
                    continue
                who = f["before"] if f["before"] and d < next(x["left"] for x in leavers if x["login"] == f["before"]) else f["ref"]
                log.append({"login": who, "file": f["num"], "at": _at(rng, d), "op": "CONSULT"})
                if rng.random() < 0.3:
                    log.append({"login": who, "file": f["num"], "at": _at(rng, d), "op": "MODIF"})
            for _ in range(rng.randint(0, 2)):
                d = _day(rng, max(f["opened"], LOG_START), f["last"])
                if _log_ok(d) and f["opened"] <= d <= f["last"]:
                    log.append({"login": rng.choice(mates[f["unit"]])["login"], "file": f["num"], "at": _at(rng, d), "op": "CONSULT"})
        persons.append({"id": pid, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS),
                        "birth": _day(rng, dt.date(1945, 1, 1), dt.date(2006, 12, 31)), "archived": archived, "files": mine})
    for x in leavers:
        mine = leaver_files[x["login"]]
        for _ in range(5):
            f = rng.choice(mine)
            log.append({"login": x["login"], "file": f["num"], "op": "CONSULT",
                        "at": _at(rng, _day(rng, max(f["opened"], dt.date(2025, 6, 1)), x["left"] - dt.timedelta(days=1)))})
        for _ in range(plant["after_departure"] if x["active"] else plant["after_departure"] // 3):
            log.append({"login": x["login"], "file": rng.choice(mine)["num"], "op": "CONSULT",
                        "at": _at(rng, _day(rng, x["left"] + dt.timedelta(days=1), AS_OF))})
    by_person = {p["id"]: p for p in persons}
    social_now = [s for s in staff if s["profil"] == "AS" and s["left"] is None]
    for _ in range(plant["unexplained"]):
        x = rng.choice(social_now)
        p = rng.choice([p for p in persons if all(f["unit"] != x["unit"] for f in p["files"])])
        f = rng.choice(p["files"])
        log.append({"login": x["login"], "file": f["num"], "op": "CONSULT", "at": _at(rng, _day(rng, dt.date(2025, 1, 6), AS_OF))})
    for s in staff:  # connection lines, no file
        end = min(AS_OF, s["left"] - dt.timedelta(days=1)) if s["left"] else AS_OF
        for _ in range(rng.randint(4, 12)):
            log.append({"login": s["login"], "file": None, "op": "CNX", "at": _at(rng, _day(rng, LOG_START, end))})
    log.sort(key=lambda r: (r["at"], r["login"], r["file"] or ""))

    con.executescript("""
    CREATE TABLE unite (code_unite TEXT PRIMARY KEY, libelle TEXT NOT NULL, adresse TEXT);
    CREATE TABLE utilisateur (login TEXT PRIMARY KEY, nom TEXT, prenom TEXT, profil TEXT, code_unite TEXT REFERENCES unite(code_unite),
        actif TEXT CHECK (actif IN ('O', 'N')), date_sortie TEXT, mdp_hash TEXT);
    CREATE TABLE individu (id_individu INTEGER PRIMARY KEY, nom_usage TEXT, nom_naissance TEXT, prenom TEXT, date_naiss TEXT,
        sexe TEXT, archive TEXT DEFAULT 'N');
    CREATE TABLE dossier (num_dossier TEXT PRIMARY KEY, id_individu INTEGER NOT NULL REFERENCES individu(id_individu),
        code_unite TEXT REFERENCES unite(code_unite), type_accompagnement TEXT, date_ouverture TEXT, date_dernier_contact TEXT,
        date_cloture TEXT, referent TEXT REFERENCES utilisateur(login));
    CREATE TABLE journal (id_journal INTEGER PRIMARY KEY, login TEXT REFERENCES utilisateur(login),
        num_dossier TEXT REFERENCES dossier(num_dossier), operation TEXT, dh TEXT, poste TEXT);
    CREATE TABLE droit_profil (profil TEXT, ecran TEXT, perimetre TEXT, lecture TEXT, ecriture TEXT, PRIMARY KEY (profil, ecran));
    """)
    _ins(con, "unite", ["code_unite", "libelle", "adresse"], [(c, n, f"{i} rue de la République") for i, (c, n) in enumerate(units, 3)])
    _ins(con, "utilisateur", ["login", "nom", "prenom", "profil", "code_unite", "actif", "date_sortie", "mdp_hash"],
         [(s["login"], s["nom"], s["prenom"], s["profil"], s["unit"], "O" if s["active"] else "N", s["left"] and s["left"].isoformat(),
           _pwd(cfg["seed"], s["login"])) for s in staff])
    _ins(con, "individu", ["id_individu", "nom_usage", "nom_naissance", "prenom", "date_naiss", "sexe", "archive"],
         [(p["id"], p["nom"], p["nom"] if rng.random() < 0.7 else rng.choice(NOMS), p["prenom"], p["birth"].strftime("%Y%m%d"),
           rng.choice("FM"), "O" if p["archived"] else "N") for p in persons])
    types = ["RSA", "Protection de l'enfance", "Logement", "Budget", "Insertion"]
    _ins(con, "dossier", ["num_dossier", "id_individu", "code_unite", "type_accompagnement", "date_ouverture", "date_dernier_contact",
                          "date_cloture", "referent"],
         [(f["num"], f["person"], f["unit"], rng.choice(types), f["opened"].isoformat(), f["last"].isoformat(),
           f["closed"] and f["closed"].isoformat(), f["ref"]) for f in files])
    _ins(con, "journal", ["id_journal", "login", "num_dossier", "operation", "dh", "poste"],
         [(i, r["login"], r["file"], r["op"], r["at"].strftime("%Y-%m-%d %H:%M:%S"), f"PC-{rng.randint(100, 180)}") for i, r in enumerate(log, 1)])
    sc = cfg["scopes"]
    _ins(con, "droit_profil", ["profil", "ecran", "perimetre", "lecture", "ecriture"], [
        ("AS", "DOSSIER", sc["caseload"], "O", "O"), ("AS", "HISTORIQUE", sc["wide"] if plant["wide_scope"] else sc["caseload"], "O", "N"),
        ("RESP", "DOSSIER", sc["unit"], "O", "N"), ("SEC", "DOSSIER", sc["unit"], "O", "N"), ("SEC", "AGENDA", sc["unit"], "O", "O")])

    # the same figures counted in Python on the drawn world
    units_of = {p["id"]: {f["unit"] for f in p["files"]} for p in persons}
    refs_of = {p["id"]: {f["ref"] for f in p["files"]} for p in persons}
    fobj = {f["num"]: f for f in files}
    unit_of = {s["login"]: s["unit"] for s in staff}
    left_of = {s["login"]: s["left"] for s in staff}
    pid_of = {f["num"]: f["person"] for f in files}
    past = 0
    for p in persons:
        end = max(max(f["last"], f["closed"] or f["last"]) for f in p["files"])
        past += (not p["archived"]) and end < PERSON_CUTOFF
    return {
        "unexplained_reads": sum(1 for r in log if r["file"] and r["login"] not in refs_of[pid_of[r["file"]]]
                                 and unit_of[r["login"]] not in units_of[pid_of[r["file"]]]),
        "unexplained_reads_file_rule": sum(1 for r in log if r["file"] and r["login"] != fobj[r["file"]]["ref"]
                                           and unit_of[r["login"]] != fobj[r["file"]]["unit"]),
        "reads_after_departure": sum(1 for r in log if left_of[r["login"]] and r["at"].date() > left_of[r["login"]]),
        "persons_past_period": past,
        "log_past_period": sum(1 for r in log if r["at"].date() < LOG_CUTOFF),
    }


def _h4a_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM journal"),
        "file_rows": _one(con, "SELECT COUNT(*) FROM dossier"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM journal j JOIN dossier d ON d.num_dossier = j.num_dossier "
                                       "LEFT JOIN utilisateur u ON u.login = j.login WHERE NOT EXISTS (SELECT 1 FROM dossier d2 "
                                       "WHERE d2.id_individu = d.id_individu AND (d2.referent = j.login OR d2.code_unite = u.code_unite))"),
        "unexplained_reads_file_rule": _one(con, "SELECT COUNT(*) FROM journal j JOIN dossier d ON d.num_dossier = j.num_dossier "
                                                 "LEFT JOIN utilisateur u ON u.login = j.login "
                                                 "WHERE d.referent <> j.login AND d.code_unite <> u.code_unite"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM journal j JOIN utilisateur u ON u.login = j.login "
                                           "WHERE u.date_sortie IS NOT NULL AND substr(j.dh, 1, 10) > u.date_sortie"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM utilisateur WHERE login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM utilisateur WHERE actif = 'O' AND date_sortie < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM droit_profil WHERE profil = 'AS' AND perimetre = ?", cfg["scopes"]["wide"]),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM individu i JOIN (SELECT id_individu k, MAX(MAX(date_dernier_contact, "
                                         "COALESCE(date_cloture, ''))) d FROM dossier WHERE date_dernier_contact IS NOT NULL GROUP BY 1) x "
                                         "ON x.k = i.id_individu WHERE i.archive <> 'O' AND x.d < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM journal WHERE substr(dh, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h4b: teams with periods, permission matrix, split timestamps
def _h4b(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    plant = cfg["plant"]
    teams = [(10, "EQUIPE INSERTION NORD"), (20, "EQUIPE INSERTION SUD"), (30, "EQUIPE ENFANCE FAMILLE"), (40, "EQUIPE LOGEMENT"),
             (50, "EQUIPE AUTONOMIE")]
    roles = {"TS": (1, "Travailleur social"), "CHEF": (2, "Chef d'équipe"), "SECR": (3, "Secrétariat"), "ADM": (4, "Administrateur")}
    agents: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []  # agent, team, entry, exit

    def hire(role: str, team: int | None, login: str | None = None, left: dt.date | None = None, active: bool = True) -> dict[str, Any]:
        aid = 101 + len(agents)
        nom, prenom = rng.choice(NOMS), rng.choice(PRENOMS)
        joined = _day(rng, dt.date(2008, 1, 1), dt.date(2014, 12, 31)) if login is None else dt.date(2019, 9, 2)
        rec = {"id": aid, "role": role, "nom": nom, "prenom": prenom, "left": left, "active": active, "joined": joined,
               "login": login or f"{nom.upper().replace(' ', '')[:7]}{prenom[0].upper()}{aid}"}
        agents.append(rec)
        if team is not None:
            members.append({"agent": aid, "team": team, "entry": joined, "exit": left})
        return rec

    for t, _ in teams:
        for _ in range(3):
            hire("TS", t)
        hire("CHEF", t)
    for t in (10, 30, 40):
        hire("SECR", t)
    hire("ADM", None)
    for g, t in zip(plant["generic"], (10, 20)):
        hire("TS" if g == plant["generic"][0] else "SECR", t, login=g)
    leavers = [hire("TS", 20, left=dt.date(2025, 9, 30), active=True), hire("TS", 30, left=dt.date(2026, 1, 16), active=False)]
    transfers = []
    for a in rng.sample([a for a in agents if a["role"] == "TS" and a["left"] is None and a["login"] not in plant["generic"]], 3):
        m = next(m for m in members if m["agent"] == a["id"])
        cut = _day(rng, dt.date(2025, 2, 1), dt.date(2025, 9, 30))
        m["exit"] = cut
        new = rng.choice([t for t, _ in teams if t != m["team"]])
        members.append({"agent": a["id"], "team": new, "entry": cut + dt.timedelta(days=1), "exit": None})
        transfers.append((a["id"], m["team"], cut))
    by_id = {a["id"]: a for a in agents}

    def in_team(team: int, d: dt.date, roles_: tuple[str, ...] = ("TS",)) -> list[int]:
        got = [m["agent"] for m in members if m["team"] == team and m["entry"] <= d and (m["exit"] is None or d <= m["exit"])
               and by_id[m["agent"]]["role"] in roles_]
        return got or in_team(team, d, ("CHEF",))  # the team lead stands in when no social worker is left

    persons, follows, contacts, log = [], [], [], []
    for pid in range(1, cfg["persons"] + 1):
        old = rng.random() < plant["old_share"]
        last = _day(rng, dt.date(2018, 6, 1), dt.date(2024, 5, 25)) if old else _day(rng, dt.date(2024, 7, 10), dt.date(2026, 6, 26))
        opened = last - dt.timedelta(days=rng.randint(30, 1000))
        archived, closed = False, None
        if old:
            r = rng.random()
            if r < 0.3:
                archived, closed = True, last + dt.timedelta(days=rng.randint(3, 45))
            elif r < 0.5:
                closed = _day(rng, dt.date(2024, 7, 1), dt.date(2026, 6, 1))
        elif rng.random() < 0.1:
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 20)))
        t1 = rng.choice(teams)[0]
        chain = [(t1, opened, closed)]
        if rng.random() < 0.2 and (last - opened).days > 150:
            cut = opened + dt.timedelta(days=(last - opened).days // 2)
            t2 = rng.choice([t for t, _ in teams if t != t1])
            chain = [(t1, opened, cut), (t2, cut + dt.timedelta(days=1), closed)]
        for t, a, b in chain:
            follows.append({"team": t, "person": pid, "start": a, "end": b})
        persons.append({"id": pid, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS), "birth": _day(rng, dt.date(1940, 1, 1), dt.date(2012, 1, 1)),
                        "opened": opened, "last": last, "closed": closed, "archived": archived, "chain": chain})
        days = sorted({last} | {_day(rng, opened, last) for _ in range(rng.randint(0, 4))})
        for d in days:
            team = next(t for t, a, b in chain if a <= d and (b is None or d <= b))
            who = rng.choice(in_team(team, d))
            contacts.append({"person": pid, "agent": who, "day": d})
            if _log_ok(d):
                log.append({"agent": who, "person": pid, "at": _at(rng, d), "code": 1})
                if rng.random() < 0.25:
                    log.append({"agent": who, "person": pid, "at": _at(rng, d), "code": 2})
                if rng.random() < 0.08:
                    log.append({"agent": who, "person": pid, "at": _at(rng, d), "code": 3})
        for _ in range(rng.randint(0, 2)):
            d = _day(rng, max(opened, LOG_START), last)
            if _log_ok(d) and opened <= d <= last:
                team = next(t for t, a, b in chain if a <= d and (b is None or d <= b))
                log.append({"agent": rng.choice(in_team(team, d, ("TS", "SECR", "CHEF"))), "person": pid, "at": _at(rng, d), "code": 1})

    def explained(aid: int, pid: int, d: dt.date) -> bool:
        mine = {m["team"] for m in members if m["agent"] == aid and m["entry"] <= d and (m["exit"] is None or d <= m["exit"])}
        return any(f["team"] in mine and f["start"] <= d and (f["end"] is None or d <= f["end"]) for f in follows if f["person"] == pid)

    for x in leavers:
        mine = [p for p in persons if p["chain"][0][0] == next(m["team"] for m in members if m["agent"] == x["id"])
                and p["opened"] < dt.date(2025, 5, 1) and (p["closed"] is None or p["closed"] > x["left"])]
        for _ in range(5):
            p = rng.choice(mine)
            d = _day(rng, max(p["opened"], dt.date(2025, 5, 1)), x["left"] - dt.timedelta(days=1))
            log.append({"agent": x["id"], "person": p["id"], "at": _at(rng, d), "code": 1})
        for _ in range(plant["after_departure"] if x["active"] else plant["after_departure"] // 2):
            log.append({"agent": x["id"], "person": rng.choice(mine)["id"], "code": rng.choice([1, 1, 3]),
                        "at": _at(rng, _day(rng, x["left"] + dt.timedelta(days=1), AS_OF))})
    for aid, old_team, cut in transfers:  # reads of the former team's persons after the transfer
        mine = [p for p in persons if any(t == old_team and (b is None or b > cut) for t, a, b in p["chain"])]
        for _ in range(plant["stale_reads"] // len(transfers)):
            log.append({"agent": aid, "person": rng.choice(mine)["id"], "code": 1,
                        "at": _at(rng, _day(rng, cut + dt.timedelta(days=3), AS_OF))})
    ts_now = [a for a in agents if a["role"] == "TS" and a["left"] is None]
    n = 0
    while n < plant["unexplained"]:
        x, p = rng.choice(ts_now), rng.choice(persons)
        d = _day(rng, dt.date(2025, 1, 2), AS_OF)
        if not explained(x["id"], p["id"], d):
            log.append({"agent": x["id"], "person": p["id"], "at": _at(rng, d), "code": 1})
            n += 1
    log.sort(key=lambda r: (r["at"], r["agent"], r["person"]))

    con.executescript("""
    CREATE TABLE ROLE (ROLE_ID INTEGER PRIMARY KEY, ROLE_CODE TEXT, ROLE_LIB TEXT);
    CREATE TABLE AGENT (AGT_ID INTEGER PRIMARY KEY, AGT_LOGIN TEXT, AGT_NOM TEXT, AGT_PRENOM TEXT, ROLE_ID INTEGER, AGT_ACTIF INTEGER,
        AGT_DT_ARRIVEE TEXT, AGT_DT_DEPART TEXT, AGT_MDP TEXT);
    CREATE TABLE EQUIPE (EQ_ID INTEGER PRIMARY KEY, EQ_LIB TEXT, EQ_TEL TEXT);
    CREATE TABLE MEMBRE_EQUIPE (ME_ID INTEGER PRIMARY KEY, AGT_ID INTEGER, EQ_ID INTEGER, DT_ENTREE TEXT, DT_SORTIE TEXT);
    CREATE TABLE USAGER (USG_ID INTEGER PRIMARY KEY, USG_NUM TEXT, USG_NOM TEXT, USG_PRENOM TEXT, USG_DT_NAIS TEXT, USG_DT_OUVERTURE TEXT,
        USG_DT_CLOTURE TEXT, USG_ARCHIVE INTEGER);
    CREATE TABLE SUIVI_EQUIPE (SE_ID INTEGER PRIMARY KEY, EQ_ID INTEGER, USG_ID INTEGER, DT_DEBUT TEXT, DT_FIN TEXT);
    CREATE TABLE ENTRETIEN (ENT_ID INTEGER PRIMARY KEY, USG_ID INTEGER, AGT_ID INTEGER, ENT_DATE TEXT, ENT_LIEU TEXT);
    CREATE TABLE NIVEAU_DROIT (NIVEAU INTEGER PRIMARY KEY, LIBELLE TEXT);
    CREATE TABLE PERMISSION (ROLE_ID INTEGER, MODULE TEXT, NIVEAU INTEGER);
    CREATE TABLE TYPE_ACTION (CODE INTEGER PRIMARY KEY, LIBELLE TEXT);
    CREATE TABLE JOURNAL_ACCES (JA_ID INTEGER PRIMARY KEY, AGT_ID INTEGER, USG_ID INTEGER, CODE_ACTION INTEGER, DATE_ACTION TEXT,
        HEURE_ACTION TEXT);
    CREATE TABLE STAT_EQUIPE_ANNEE (ANNEE INTEGER, EQ_ID INTEGER, NB_USAGERS_SUIVIS INTEGER, NB_ENTRETIENS INTEGER, NB_VAD INTEGER);
    """)
    _ins(con, "ROLE", ["ROLE_ID", "ROLE_CODE", "ROLE_LIB"], [(i, c, lib) for c, (i, lib) in roles.items()])
    _ins(con, "AGENT", ["AGT_ID", "AGT_LOGIN", "AGT_NOM", "AGT_PRENOM", "ROLE_ID", "AGT_ACTIF", "AGT_DT_ARRIVEE", "AGT_DT_DEPART", "AGT_MDP"],
         [(a["id"], a["login"], a["nom"], a["prenom"], roles[a["role"]][0], int(a["active"]), a["joined"].isoformat(),
           a["left"] and a["left"].isoformat(), _pwd(cfg["seed"], a["id"])) for a in agents])
    _ins(con, "EQUIPE", ["EQ_ID", "EQ_LIB", "EQ_TEL"], [(t, n, f"02 38 {t:02d} 00 00") for t, n in teams])
    _ins(con, "MEMBRE_EQUIPE", ["ME_ID", "AGT_ID", "EQ_ID", "DT_ENTREE", "DT_SORTIE"],
         [(i, m["agent"], m["team"], m["entry"].isoformat(), m["exit"] and m["exit"].isoformat()) for i, m in enumerate(members, 1)])
    _ins(con, "USAGER", ["USG_ID", "USG_NUM", "USG_NOM", "USG_PRENOM", "USG_DT_NAIS", "USG_DT_OUVERTURE", "USG_DT_CLOTURE", "USG_ARCHIVE"],
         [(p["id"], f"U{p['id']:06d}", p["nom"], p["prenom"], p["birth"].isoformat(), p["opened"].isoformat(),
           p["closed"] and p["closed"].isoformat(), int(p["archived"])) for p in persons])
    _ins(con, "SUIVI_EQUIPE", ["SE_ID", "EQ_ID", "USG_ID", "DT_DEBUT", "DT_FIN"],
         [(i, f["team"], f["person"], f["start"].isoformat(), f["end"] and f["end"].isoformat()) for i, f in enumerate(follows, 1)])
    _ins(con, "ENTRETIEN", ["ENT_ID", "USG_ID", "AGT_ID", "ENT_DATE", "ENT_LIEU"],
         [(i, c["person"], c["agent"], c["day"].isoformat(), rng.choice(["BUREAU", "VAD", "TEL"])) for i, c in enumerate(contacts, 1)])
    _ins(con, "NIVEAU_DROIT", ["NIVEAU", "LIBELLE"], [(0, "Aucun accès"), (1, "Lecture - usagers de l'équipe"),
                                                      (2, "Lecture/écriture - usagers de l'équipe"), (3, "Lecture - tous les usagers"),
                                                      (4, "Lecture/écriture - tous les usagers")])
    ts, chef, secr, adm = (roles[k][0] for k in ("TS", "CHEF", "SECR", "ADM"))
    _ins(con, "PERMISSION", ["ROLE_ID", "MODULE", "NIVEAU"], [
        (ts, "USAGER", 2), (ts, "ENTRETIEN", 4 if plant["wide_scope"] else 2), (ts, "STATISTIQUES", 0),
        (chef, "USAGER", 1), (chef, "ENTRETIEN", 1), (chef, "STATISTIQUES", 1),
        (secr, "USAGER", 1), (secr, "ENTRETIEN", 0), (adm, "PARAMETRAGE", 2), (adm, "USAGER", 0)])
    _ins(con, "TYPE_ACTION", ["CODE", "LIBELLE"], [(1, "consultation"), (2, "modification"), (3, "impression"), (4, "export")])
    _ins(con, "JOURNAL_ACCES", ["JA_ID", "AGT_ID", "USG_ID", "CODE_ACTION", "DATE_ACTION", "HEURE_ACTION"],
         [(i, r["agent"], r["person"], r["code"], r["at"].date().isoformat(), r["at"].strftime("%H:%M:%S")) for i, r in enumerate(log, 1)])
    stats = [[y, t, rng.randint(40, 260), rng.randint(120, 900), rng.randint(11, 150)] for y in range(2022, 2026) for t, _ in teams]
    cells = rng.sample([(i, j) for i in range(len(stats)) for j in (2, 3, 4)], plant["stat_small"] + 2)
    for k, (i, j) in enumerate(cells):
        stats[i][j] = rng.randint(1, 10) if k < plant["stat_small"] else 0
    _ins(con, "STAT_EQUIPE_ANNEE", ["ANNEE", "EQ_ID", "NB_USAGERS_SUIVIS", "NB_ENTRETIENS", "NB_VAD"], [tuple(r) for r in stats])

    left_of = {a["id"]: a["left"] for a in agents}
    last_of: dict[int, dt.date] = {}
    for c in contacts:
        last_of[c["person"]] = max(last_of.get(c["person"], c["day"]), c["day"])
    return {
        "unexplained_reads": sum(1 for r in log if not explained(r["agent"], r["person"], r["at"].date())),
        "reads_after_departure": sum(1 for r in log if left_of[r["agent"]] and r["at"].date() > left_of[r["agent"]]),
        "persons_past_period": sum(1 for p in persons if p["id"] in last_of and not p["archived"]
                                   and max(last_of[p["id"]], p["closed"] or last_of[p["id"]]) < PERSON_CUTOFF),
        "log_past_period": sum(1 for r in log if r["at"].date() < LOG_CUTOFF),
        "stats_small_cells": plant["stat_small"],
    }


def _h4b_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    d = "j.DATE_ACTION"
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM JOURNAL_ACCES"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM JOURNAL_ACCES j JOIN USAGER u ON u.USG_ID = j.USG_ID WHERE NOT EXISTS ("
                                       f"SELECT 1 FROM MEMBRE_EQUIPE m JOIN SUIVI_EQUIPE s ON s.EQ_ID = m.EQ_ID "
                                       f"WHERE m.AGT_ID = j.AGT_ID AND s.USG_ID = j.USG_ID "
                                       f"AND m.DT_ENTREE <= {d} AND (m.DT_SORTIE IS NULL OR {d} <= m.DT_SORTIE) "
                                       f"AND s.DT_DEBUT <= {d} AND (s.DT_FIN IS NULL OR {d} <= s.DT_FIN))"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM JOURNAL_ACCES j JOIN AGENT a ON a.AGT_ID = j.AGT_ID "
                                           "WHERE a.AGT_DT_DEPART IS NOT NULL AND j.DATE_ACTION > a.AGT_DT_DEPART"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM AGENT WHERE AGT_LOGIN IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM AGENT WHERE AGT_ACTIF = 1 AND AGT_DT_DEPART < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM PERMISSION p JOIN ROLE r ON r.ROLE_ID = p.ROLE_ID "
                                       "WHERE r.ROLE_CODE = 'TS' AND p.NIVEAU >= 3"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM USAGER u JOIN (SELECT USG_ID k, MAX(ENT_DATE) d FROM ENTRETIEN GROUP BY 1) e "
                                         "ON e.k = u.USG_ID WHERE u.USG_ARCHIVE = 0 AND MAX(e.d, COALESCE(u.USG_DT_CLOTURE, '')) < ?",
                                    PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM JOURNAL_ACCES WHERE DATE_ACTION < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small(con, "STAT_EQUIPE_ANNEE", ["NB_USAGERS_SUIVIS", "NB_ENTRETIENS", "NB_VAD"]),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h4c: several CCAS in one base, soft deletes, offsets
def _paris(t: dt.datetime) -> str:
    """Local time with its Paris offset (summer time from the last Sunday of March to the last Sunday of October)."""
    def last_sunday(y: int, m: int) -> dt.date:
        d = dt.date(y, m, 31)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)
    summer = last_sunday(t.year, 3) <= t.date() < last_sunday(t.year, 10)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ("+02:00" if summer else "+01:00")


def _h4c(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    plant = cfg["plant"]
    structs = [("45284", "CCAS de Saint-Jean-de-Braye"), ("45147", "CCAS de Fleury-les-Aubrais"), ("45302", "CCAS de Saran"),
               ("45232", "CCAS d'Olivet")]
    accounts: list[dict[str, Any]] = []

    def hire(role: str, st: str, login: str | None = None, left: dt.date | None = None, active: bool = True,
             deleted: bool = False) -> dict[str, Any]:
        nom, prenom = rng.choice(NOMS), rng.choice(PRENOMS)
        rec = {"id": 1 + len(accounts), "role": role, "st": st, "nom": nom, "prenom": prenom, "left": left, "active": active,
               "deleted": deleted, "login": login or f"{prenom.lower()}.{nom.lower().replace(' ', '')}.{st}"}
        accounts.append(rec)
        return rec

    for st, _ in structs:
        for _ in range(3 if st != "45232" else 2):
            hire("travailleur_social", st)
        hire("responsable", st)
        hire("accueil", st)
    sup = hire("superviseur", structs[0][0])
    for g in plant["generic"]:
        hire("accueil", structs[2][0], login=g)
    leavers = [hire("travailleur_social", structs[1][0], left=dt.date(2025, 12, 19), active=True),
               hire("travailleur_social", structs[2][0], left=dt.date(2026, 4, 3), active=False, deleted=True)]
    ts_of = {st: [a for a in accounts if a["st"] == st and a["role"] == "travailleur_social" and a["left"] is None] for st, _ in structs}
    staff_of = {st: [a for a in accounts if a["st"] == st and a["left"] is None and a["role"] != "superviseur"] for st, _ in structs}

    persons, rdvs, log = [], [], []
    for pid in range(1, cfg["persons"] + 1):
        st = rng.choice(structs)[0]
        old = rng.random() < plant["old_share"]
        last = _day(rng, dt.date(2019, 1, 1), dt.date(2024, 5, 31)) if old else _day(rng, dt.date(2024, 7, 5), dt.date(2026, 6, 24))
        opened = last - dt.timedelta(days=rng.randint(15, 900))
        deleted, closed = None, None
        if old:
            r = rng.random()
            if r < 0.4:
                closed = last + dt.timedelta(days=rng.randint(1, 30))
                deleted = _at(rng, closed + dt.timedelta(days=rng.randint(30, 400)))
            elif r < 0.6:
                closed = _day(rng, dt.date(2024, 7, 1), dt.date(2026, 6, 15))
        elif rng.random() < 0.1:
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(0, 20)))
        lv = [x for x in leavers if x["st"] == st and opened < x["left"] - dt.timedelta(days=30) and last > x["left"] - dt.timedelta(days=200)]
        first = lv[0] if lv and rng.random() < 0.4 else None
        ref = rng.choice(ts_of[st])
        persons.append({"id": pid, "st": st, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS), "opened": opened, "last": last,
                        "closed": closed, "deleted": deleted, "birth": _day(rng, dt.date(1938, 1, 1), dt.date(2007, 1, 1)), "first": first})
        for d in sorted({last} | {_day(rng, opened, last) for _ in range(rng.randint(0, 3))}):
            who = first if first and d < first["left"] else ref
            rdvs.append({"person": pid, "acc": who["id"], "st": st, "at": _at(rng, d)})
            if _log_ok(d):
                log.append({"acc": who["id"], "person": pid, "at": _at(rng, d), "act": "consultation"})
                if rng.random() < 0.35:
                    log.append({"acc": who["id"], "person": pid, "at": _at(rng, d), "act": "modification"})
        for _ in range(rng.randint(0, 2)):
            d = _day(rng, max(opened, LOG_START), last)
            if _log_ok(d) and opened <= d <= last:
                log.append({"acc": rng.choice(staff_of[st])["id"], "person": pid, "at": _at(rng, d), "act": "consultation"})
    for x in leavers:
        mine = [p for p in persons if p["first"] is x] or [p for p in persons if p["st"] == x["st"] and p["opened"] < x["left"]]
        for _ in range(4):
            p = rng.choice(mine)
            log.append({"acc": x["id"], "person": p["id"], "act": "consultation",
                        "at": _at(rng, _day(rng, max(p["opened"], dt.date(2025, 7, 1)), x["left"] - dt.timedelta(days=1)))})
        for _ in range(plant["after_departure"] if x["active"] else plant["after_departure"] // 2):
            log.append({"acc": x["id"], "person": rng.choice(mine)["id"], "act": "consultation",
                        "at": _at(rng, _day(rng, x["left"] + dt.timedelta(days=1), AS_OF))})
    for _ in range(plant["supervisor_own"]):  # the superviseur in their own structure
        p = rng.choice([p for p in persons if p["st"] == sup["st"] and p["last"] > dt.date(2025, 1, 1)])
        log.append({"acc": sup["id"], "person": p["id"], "act": "consultation", "at": _at(rng, _day(rng, dt.date(2025, 1, 1), AS_OF))})
    for _ in range(plant["supervisor_other"]):  # and in the others
        p = rng.choice([p for p in persons if p["st"] != sup["st"] and p["last"] > dt.date(2025, 1, 1)])
        log.append({"acc": sup["id"], "person": p["id"], "act": "consultation", "at": _at(rng, _day(rng, dt.date(2025, 1, 1), AS_OF))})
    ts_now = [a for a in accounts if a["role"] == "travailleur_social" and a["left"] is None]
    for _ in range(plant["unexplained"]):
        x = rng.choice(ts_now)
        p = rng.choice([p for p in persons if p["st"] != x["st"]])
        log.append({"acc": x["id"], "person": p["id"], "act": "consultation", "at": _at(rng, _day(rng, dt.date(2025, 2, 1), AS_OF))})
    log.sort(key=lambda r: (r["at"], r["acc"], r["person"]))
    by_acc = {a["id"]: a for a in accounts}
    for a in accounts:
        mine = [r["at"] for r in log if r["acc"] == a["id"]]
        a["seen"] = max(mine) if mine else None

    con.executescript("""
    CREATE TABLE structures (id_structure TEXT PRIMARY KEY, raison_sociale TEXT, siret TEXT, created_at TEXT);
    CREATE TABLE comptes (id INTEGER PRIMARY KEY, id_structure TEXT NOT NULL REFERENCES structures(id_structure), identifiant TEXT UNIQUE,
        nom TEXT, prenom TEXT, role TEXT, est_actif INTEGER, date_fin_contrat TEXT, derniere_connexion TEXT, mot_de_passe TEXT,
        created_at TEXT, deleted_at TEXT);
    CREATE TABLE beneficiaires (id TEXT PRIMARY KEY, id_structure TEXT NOT NULL REFERENCES structures(id_structure), nom TEXT,
        prenom TEXT, ne_le TEXT, telephone TEXT, ouvert_le TEXT, clos_le TEXT, created_at TEXT, deleted_at TEXT);
    CREATE TABLE rendez_vous (id INTEGER PRIMARY KEY, id_structure TEXT NOT NULL REFERENCES structures(id_structure),
        beneficiaire_id TEXT REFERENCES beneficiaires(id), compte_id INTEGER REFERENCES comptes(id), debut TEXT, objet TEXT,
        deleted_at TEXT);
    CREATE TABLE journal_consultations (id INTEGER PRIMARY KEY, id_structure TEXT NOT NULL REFERENCES structures(id_structure),
        compte_id INTEGER REFERENCES comptes(id), beneficiaire_id TEXT REFERENCES beneficiaires(id), action TEXT, cree_le TEXT,
        adresse_ip TEXT);
    CREATE TABLE droits (id INTEGER PRIMARY KEY, id_structure TEXT REFERENCES structures(id_structure), role TEXT, ressource TEXT,
        portee TEXT, lecture INTEGER, ecriture INTEGER);
    """)
    urng = random.Random(cfg["seed"] + 1)  # the persons' keys are UUIDs
    uid = {p["id"]: str(uuid.UUID(int=urng.getrandbits(128), version=4)) for p in persons}
    _ins(con, "structures", ["id_structure", "raison_sociale", "siret", "created_at"],
         [(st, n, f"2645{st}000{i}{i}", "2020-01-06T09:00:00+01:00") for i, (st, n) in enumerate(structs, 1)])
    _ins(con, "comptes", ["id", "id_structure", "identifiant", "nom", "prenom", "role", "est_actif", "date_fin_contrat", "derniere_connexion",
                          "mot_de_passe", "created_at", "deleted_at"],
         [(a["id"], a["st"], a["login"], a["nom"], a["prenom"], a["role"], int(a["active"]), a["left"] and a["left"].isoformat(),
           a["seen"] and _paris(a["seen"]), "$argon2id$v=19$m=65536,t=3,p=4$" + _pwd(cfg["seed"], a["id"])[:43],
           "2020-01-06T09:00:00+01:00", _paris(dt.datetime.combine(a["left"], dt.time(18, 0))) if a["deleted"] else None) for a in accounts])
    _ins(con, "beneficiaires", ["id", "id_structure", "nom", "prenom", "ne_le", "telephone", "ouvert_le", "clos_le", "created_at", "deleted_at"],
         [(uid[p["id"]], p["st"], p["nom"], p["prenom"], p["birth"].isoformat(), f"06{rng.randint(10000000, 99999999)}", p["opened"].isoformat(),
           p["closed"] and p["closed"].isoformat(), _paris(dt.datetime.combine(p["opened"], dt.time(9, 30))), p["deleted"] and _paris(p["deleted"]))
          for p in persons])
    _ins(con, "rendez_vous", ["id", "id_structure", "beneficiaire_id", "compte_id", "debut", "objet", "deleted_at"],
         [(i, r["st"], uid[r["person"]], r["acc"], _paris(r["at"]), rng.choice(["Aide alimentaire", "Domiciliation", "Aide facultative", "Dossier APA"]),
           None) for i, r in enumerate(rdvs, 1)])
    st_of = {p["id"]: p["st"] for p in persons}
    _ins(con, "journal_consultations", ["id", "id_structure", "compte_id", "beneficiaire_id", "action", "cree_le", "adresse_ip"],
         [(i, st_of[r["person"]], r["acc"], uid[r["person"]], r["act"], _paris(r["at"]), f"10.45.{rng.randint(1, 4)}.{rng.randint(2, 250)}")
          for i, r in enumerate(log, 1)])
    wide = "toutes_structures"
    _ins(con, "droits", ["id", "id_structure", "role", "ressource", "portee", "lecture", "ecriture"], [
        (1, None, "travailleur_social", "beneficiaires", "structure", 1, 1), (2, None, "travailleur_social", "rendez_vous", "structure", 1, 1),
        (3, None, "responsable", "beneficiaires", "structure", 1, 0), (4, None, "accueil", "beneficiaires", "structure", 1, 0),
        (5, None, "accueil", "rendez_vous", "structure", 1, 1),
        (6, structs[0][0], "superviseur", "beneficiaires", wide if plant["wide_scope"] else "structure", 1, 0),
        (7, structs[0][0], "superviseur", "rendez_vous", wide if plant["wide_scope"] else "structure", 1, 0)])

    last_of: dict[int, dt.date] = {}
    for r in rdvs:
        last_of[r["person"]] = max(last_of.get(r["person"], r["at"].date()), r["at"].date())
    return {
        "unexplained_reads": sum(1 for r in log if by_acc[r["acc"]]["st"] != st_of[r["person"]]),
        "reads_after_departure": sum(1 for r in log if by_acc[r["acc"]]["left"] and r["at"].date() > by_acc[r["acc"]]["left"]),
        "persons_past_period": sum(1 for p in persons if p["id"] in last_of and p["deleted"] is None
                                   and max(last_of[p["id"]], p["closed"] or last_of[p["id"]]) < PERSON_CUTOFF),
        "log_past_period": sum(1 for r in log if r["at"].date() < LOG_CUTOFF),
    }


def _h4c_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM journal_consultations"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM journal_consultations j JOIN beneficiaires b ON b.id = j.beneficiaire_id "
                                       "JOIN comptes c ON c.id = j.compte_id WHERE c.id_structure <> b.id_structure"),
        "supervisor_reads_elsewhere": _one(con, "SELECT COUNT(*) FROM journal_consultations j JOIN beneficiaires b ON b.id = j.beneficiaire_id "
                                                "JOIN comptes c ON c.id = j.compte_id WHERE c.id_structure <> b.id_structure "
                                                "AND c.role = 'superviseur'"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM journal_consultations j JOIN comptes c ON c.id = j.compte_id "
                                           "WHERE c.date_fin_contrat IS NOT NULL AND substr(j.cree_le, 1, 10) > c.date_fin_contrat"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM comptes WHERE identifiant IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM comptes WHERE est_actif = 1 AND deleted_at IS NULL AND date_fin_contrat < ?",
                                AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM droits WHERE portee = 'toutes_structures' AND role = 'superviseur' "
                                       "AND ressource IN ('beneficiaires', 'rendez_vous')"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM beneficiaires b JOIN (SELECT beneficiaire_id k, MAX(substr(debut, 1, 10)) d "
                                         "FROM rendez_vous WHERE deleted_at IS NULL GROUP BY 1) r ON r.k = b.id "
                                         "WHERE b.deleted_at IS NULL AND MAX(r.d, COALESCE(b.clos_le, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM journal_consultations WHERE substr(cree_le, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h4d: workplace social service (HR table + social files)
AGE_BANDS = [("moins de 30 ans", 0, 29), ("30-39 ans", 30, 39), ("40-49 ans", 40, 49), ("50 ans et plus", 50, 200)]


def _band(birth: dt.date, on: dt.date) -> str:
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return next(b for b, lo, hi in AGE_BANDS if lo <= age <= hi)


def _h4d(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    plant = cfg["plant"]
    sites = [("SAR", "Saran - siège et plateforme"), ("TOU", "Tours - dépôt"), ("BLO", "Blois - atelier"), ("CHA", "Chartres - agence")]
    accounts: list[dict[str, Any]] = []

    def hire(profil: str, site: str, login: str | None = None, left: dt.date | None = None, active: bool = True) -> dict[str, Any]:
        nom, prenom = rng.choice(NOMS), rng.choice(PRENOMS)
        rec = {"id": 5000 + len(accounts), "profil": profil, "site": site, "nom": nom, "prenom": prenom, "left": left, "active": active,
               "login": login or f"{prenom[0].lower()}{nom.lower().replace(' ', '')[:10]}"}
        accounts.append(rec)
        return rec

    for s, _ in sites:
        for _ in range(2):
            hire("ASSISTANTE_SOCIALE", s)
    for _ in range(3):
        hire("RH", "DRH")
    for _ in range(4):
        hire("MANAGER", "DIR")
    hire("ADMIN_SI", "DSI")
    for g in plant["generic"]:
        hire("ASSISTANTE_SOCIALE" if g.startswith("sst") else "RH", "SAR" if g.startswith("sst") else "DRH", login=g)
    leavers = [hire("ASSISTANTE_SOCIALE", "TOU", left=dt.date(2025, 10, 31), active=True),
               hire("ASSISTANTE_SOCIALE", "BLO", left=dt.date(2026, 2, 13), active=False)]
    as_of_site = {s: [a for a in accounts if a["site"] == s and a["profil"] == "ASSISTANTE_SOCIALE" and a["left"] is None
                      and a["login"] not in plant["generic"]] for s, _ in sites}

    employees = []
    numbers = rng.sample(range(1000, 99999), cfg["employees"])
    for n in numbers:
        hired = _day(rng, dt.date(1992, 1, 1), dt.date(2025, 9, 1))
        left = None
        if rng.random() < 0.22 and hired < dt.date(2025, 1, 1):
            left = _day(rng, hired + dt.timedelta(days=200), dt.date(2026, 5, 31))
        birth = _day(rng, max(dt.date(1958, 1, 1), hired - dt.timedelta(days=365 * 50)), hired - dt.timedelta(days=365 * 18))
        employees.append({"mat": f"M{n:06d}", "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS), "birth": birth, "hired": hired,
                          "left": left, "site": rng.choice(sites)[0], "file": None})
    files, talks, log = [], [], []
    for e in employees:
        if rng.random() > cfg["followed_share"]:
            continue
        lo, hi = max(e["hired"], dt.date(2016, 1, 1)), min(e["left"] or AS_OF, dt.date(2026, 6, 20))
        if lo >= hi:
            continue
        opened = _day(rng, lo, hi)
        last = min(hi + dt.timedelta(days=60), opened + dt.timedelta(days=rng.randint(0, 500)), dt.date(2026, 6, 25))
        closed, archived = None, False
        if last < dt.date(2026, 1, 1) and rng.random() < 0.55:
            closed = last + dt.timedelta(days=rng.randint(5, 90))
            if closed < PERSON_CUTOFF and rng.random() < 0.45:
                archived = True
        lv = [x for x in leavers if x["site"] == e["site"] and opened < x["left"] - dt.timedelta(days=30) and last > x["left"]]
        ref = rng.choice(as_of_site[e["site"]])
        first = lv[0] if lv and rng.random() < 0.5 else None
        f = {"id": len(files) + 1, "mat": e["mat"], "site": e["site"], "opened": opened, "last": last, "closed": closed, "archived": archived,
             "as": ref["id"], "first": first}
        files.append(f)
        e["file"] = f
        for d in sorted({last} | {_day(rng, opened, last) for _ in range(rng.randint(0, 5))}):
            who = first if first and d < first["left"] else ref
            talks.append({"file": f["id"], "acc": who["id"], "day": d})
            if _log_ok(d):
                for ecran in rng.sample(["FICHE_SALARIE", "ENTRETIENS", "DOCUMENTS"], rng.randint(1, 2)):
                    log.append({"acc": who["id"], "mat": e["mat"], "at": _at(rng, d), "ecran": ecran})
        if rng.random() < 0.3:
            d = _day(rng, max(opened, LOG_START), last)
            if _log_ok(d) and opened <= d <= last:
                other = [a for a in as_of_site[e["site"]] if a is not ref] or as_of_site[e["site"]]
                log.append({"acc": rng.choice(other)["id"], "mat": e["mat"], "at": _at(rng, d), "ecran": "FICHE_SALARIE"})
    followed = [e for e in employees if e["file"]]
    for x in leavers:
        mine = [e for e in followed if e["file"]["first"] is x] or [e for e in followed if e["site"] == x["site"]]
        for _ in range(4):
            e = rng.choice(mine)
            log.append({"acc": x["id"], "mat": e["mat"], "ecran": "ENTRETIENS",
                        "at": _at(rng, _day(rng, max(e["file"]["opened"], dt.date(2025, 6, 1)), x["left"] - dt.timedelta(days=1)))})
        for _ in range(plant["after_departure"] if x["active"] else plant["after_departure"] // 2):
            log.append({"acc": x["id"], "mat": rng.choice(mine)["mat"], "ecran": "FICHE_SALARIE",
                        "at": _at(rng, _day(rng, x["left"] + dt.timedelta(days=1), AS_OF))})
    interim = [a for a in accounts if a["login"] in plant["generic"] and a["profil"] == "ASSISTANTE_SOCIALE"]
    for a in interim:  # the shared login of the temps, in its site
        for _ in range(10):
            e = rng.choice([e for e in followed if e["site"] == a["site"]])
            log.append({"acc": a["id"], "mat": e["mat"], "ecran": "ENTRETIENS",
                        "at": _at(rng, _day(rng, max(e["file"]["opened"], LOG_START), max(e["file"]["last"], LOG_START)))})
    hr = [a for a in accounts if a["profil"] in ("RH", "MANAGER")]
    for _ in range(plant["hr_reads"]):  # HR and managers open social files
        log.append({"acc": rng.choice(hr)["id"], "mat": rng.choice(followed)["mat"], "ecran": rng.choice(["FICHE_SALARIE", "ENTRETIENS"]),
                    "at": _at(rng, _day(rng, dt.date(2024, 9, 2), AS_OF))})
    as_now = [a for s, _ in sites for a in as_of_site[s]]
    for _ in range(plant["unexplained"]):  # a social worker opens the file of another site's employee
        x = rng.choice(as_now)
        e = rng.choice([e for e in followed if e["site"] != x["site"]])
        log.append({"acc": x["id"], "mat": e["mat"], "ecran": "FICHE_SALARIE", "at": _at(rng, _day(rng, dt.date(2025, 3, 1), AS_OF))})
    log.sort(key=lambda r: (r["at"], r["acc"], r["mat"]))

    con.executescript("""
    CREATE TABLE ref_site (code_site TEXT PRIMARY KEY, libelle TEXT, effectif_reference INTEGER);
    CREATE TABLE rh_salarie (matricule TEXT PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT, code_site TEXT, emploi TEXT,
        date_embauche TEXT, date_sortie TEXT, motif_sortie TEXT);
    CREATE TABLE app_compte (id_compte INTEGER PRIMARY KEY, login TEXT, nom TEXT, prenom TEXT, profil TEXT, code_site TEXT, actif TEXT,
        date_fin_mission TEXT, hash_mdp TEXT);
    CREATE TABLE sst_dossier (id_dossier INTEGER PRIMARY KEY, matricule TEXT, id_compte_as INTEGER, date_ouverture TEXT, date_cloture TEXT,
        motif_principal TEXT, statut TEXT);
    CREATE TABLE sst_entretien (id_entretien INTEGER PRIMARY KEY, id_dossier INTEGER, id_compte INTEGER, date_entretien TEXT, modalite TEXT);
    CREATE TABLE app_log_consultation (id_log INTEGER PRIMARY KEY, id_compte INTEGER, matricule TEXT, ecran TEXT, horodatage TEXT);
    CREATE TABLE app_droit (profil TEXT, module TEXT, perimetre TEXT, acces TEXT);
    CREATE TABLE stat_sst_site_age (annee INTEGER, code_site TEXT, tranche_age TEXT, nb_salaries_suivis INTEGER, nb_entretiens INTEGER,
        part_effectif TEXT);
    CREATE TABLE extraction_aides_2025 (matricule TEXT, code_site TEXT, tranche_age TEXT, nature_aide TEXT, montant REAL, date_versement TEXT);
    """)
    heads = {s: sum(1 for e in employees if e["site"] == s and (e["left"] is None or e["left"] > dt.date(2025, 12, 31))) for s, _ in sites}
    _ins(con, "ref_site", ["code_site", "libelle", "effectif_reference"], [(s, n, heads[s]) for s, n in sites])
    jobs = ["Conducteur routier", "Préparateur de commandes", "Cariste", "Agent administratif", "Mécanicien", "Chef d'équipe"]
    _ins(con, "rh_salarie", ["matricule", "nom", "prenom", "date_naissance", "code_site", "emploi", "date_embauche", "date_sortie", "motif_sortie"],
         [(e["mat"], e["nom"], e["prenom"], e["birth"].strftime("%d/%m/%Y"), e["site"], rng.choice(jobs), e["hired"].strftime("%d/%m/%Y"),
           e["left"] and e["left"].strftime("%d/%m/%Y"), e["left"] and rng.choice(["Démission", "Retraite", "Fin de CDD", "Rupture conventionnelle"]))
          for e in employees])
    _ins(con, "app_compte", ["id_compte", "login", "nom", "prenom", "profil", "code_site", "actif", "date_fin_mission", "hash_mdp"],
         [(a["id"], a["login"], a["nom"], a["prenom"], a["profil"], a["site"], "OUI" if a["active"] else "NON", a["left"] and a["left"].isoformat(),
           _pwd(cfg["seed"], a["id"])) for a in accounts])
    _ins(con, "app_droit", ["profil", "module", "perimetre", "acces"], [
        ("ASSISTANTE_SOCIALE", "DOSSIER_SST", "SITE", "LECTURE_ECRITURE"),
        ("ASSISTANTE_SOCIALE", "ENTRETIENS", "TOUS_SITES" if plant["wide_scope"] else "SITE", "LECTURE_ECRITURE"),
        ("RH", "ANNUAIRE", "TOUS_SITES", "LECTURE"), ("RH", "DOSSIER_SST", "AUCUN", "AUCUN"),
        ("MANAGER", "STATISTIQUES", "TOUS_SITES", "LECTURE"), ("ADMIN_SI", "COMPTES", "TOUS_SITES", "LECTURE_ECRITURE")])
    motifs = ["Budget / surendettement", "Santé / arrêt long", "Logement", "Difficultés familiales", "Retour à l'emploi après arrêt"]
    _ins(con, "sst_dossier", ["id_dossier", "matricule", "id_compte_as", "date_ouverture", "date_cloture", "motif_principal", "statut"],
         [(f["id"], f["mat"], f["as"], f["opened"].isoformat(), f["closed"] and f["closed"].isoformat(), rng.choice(motifs),
           "ARCHIVE" if f["archived"] else ("CLOS" if f["closed"] else "EN COURS")) for f in files])
    _ins(con, "sst_entretien", ["id_entretien", "id_dossier", "id_compte", "date_entretien", "modalite"],
         [(i, t["file"], t["acc"], t["day"].isoformat(), rng.choice(["Sur site", "Téléphone", "Visio"])) for i, t in enumerate(talks, 1)])
    _ins(con, "app_log_consultation", ["id_log", "id_compte", "matricule", "ecran", "horodatage"],
         [(i, r["acc"], r["mat"], r["ecran"], r["at"].strftime("%Y-%m-%d %H:%M:%S")) for i, r in enumerate(log, 1)])
    # statistics 2025 by site x age band, counted from the drawn world, with a Total row per site
    by_file = {f["id"]: f for f in files}
    emp = {e["mat"]: e for e in employees}
    stat = []
    for s, _ in sites:
        rows = []
        for b, _lo, _hi in AGE_BANDS:
            t25 = [t for t in talks if t["day"].year == 2025 and by_file[t["file"]]["site"] == s
                   and _band(emp[by_file[t["file"]]["mat"]]["birth"], dt.date(2025, 12, 31)) == b]
            rows.append([2025, s, b, len({t["file"] for t in t25}), len(t25)])
        rows.append([2025, s, "Total", sum(r[3] for r in rows), sum(r[4] for r in rows)])
        for r in rows:
            stat.append((*r, f"{100 * r[3] / max(1, heads[s]):.1f} %".replace(".", ",")))
    _ins(con, "stat_sst_site_age", ["annee", "code_site", "tranche_age", "nb_salaries_suivis", "nb_entretiens", "part_effectif"], stat)
    aids = []
    for f in files:
        if f["opened"] <= dt.date(2025, 12, 31) and (f["closed"] is None or f["closed"] >= dt.date(2025, 1, 1)) and rng.random() < 0.35:
            e = emp[f["mat"]]
            aids.append((e["mat"], e["site"], _band(e["birth"], dt.date(2025, 12, 31)), rng.choice(["Prêt d'honneur", "Secours", "Avance sur salaire"]),
                         float(rng.choice([150, 200, 300, 450, 600, 800])), _day(rng, dt.date(2025, 1, 6), dt.date(2025, 12, 19)).isoformat()))
    _ins(con, "extraction_aides_2025", ["matricule", "code_site", "tranche_age", "nature_aide", "montant", "date_versement"], sorted(aids))

    acc = {a["id"]: a for a in accounts}
    last_of: dict[int, dt.date] = {}
    for t in talks:
        last_of[t["file"]] = max(last_of.get(t["file"], t["day"]), t["day"])
    past = [f for f in files if not f["archived"] and max(last_of[f["id"]], f["closed"] or last_of[f["id"]]) < PERSON_CUTOFF]

    def explained(r: dict[str, Any]) -> bool:
        f = emp[r["mat"]]["file"]
        return r["acc"] == f["as"] or (acc[r["acc"]]["profil"] == "ASSISTANTE_SOCIALE" and acc[r["acc"]]["site"] == f["site"])

    return {
        "unexplained_reads": sum(1 for r in log if not explained(r)),
        "reads_after_departure": sum(1 for r in log if acc[r["acc"]]["left"] and r["at"].date() > acc[r["acc"]]["left"]),
        "persons_past_period": len(past),
        "left_company_past_period": sum(1 for f in past if emp[f["mat"]]["left"] and emp[f["mat"]]["left"] < PERSON_CUTOFF),
        "log_past_period": sum(1 for r in log if r["at"].date() < LOG_CUTOFF),
        "stats_small_cells": sum(1 for r in stat for v in r[3:5] if 1 <= v <= 10),
    }


def _h4d_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    iso = "substr({0}, 7, 4) || '-' || substr({0}, 4, 2) || '-' || substr({0}, 1, 2)"
    past = ("FROM sst_dossier d JOIN (SELECT id_dossier k, MAX(date_entretien) m FROM sst_entretien GROUP BY 1) t ON t.k = d.id_dossier "
            "JOIN rh_salarie s ON s.matricule = d.matricule WHERE d.statut <> 'ARCHIVE' AND MAX(t.m, COALESCE(d.date_cloture, '')) < ?")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM app_log_consultation"),
        "employees": _one(con, "SELECT COUNT(*) FROM rh_salarie"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM app_log_consultation l JOIN sst_dossier d ON d.matricule = l.matricule "
                                       "JOIN rh_salarie s ON s.matricule = l.matricule JOIN app_compte c ON c.id_compte = l.id_compte "
                                       "WHERE l.id_compte <> d.id_compte_as AND c.code_site <> s.code_site"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM app_log_consultation l JOIN app_compte c ON c.id_compte = l.id_compte "
                                           "WHERE c.date_fin_mission IS NOT NULL AND substr(l.horodatage, 1, 10) > c.date_fin_mission"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM app_compte WHERE login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM app_compte WHERE actif = 'OUI' AND date_fin_mission < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM app_droit WHERE profil = 'ASSISTANTE_SOCIALE' AND perimetre = 'TOUS_SITES'"),
        "persons_past_period": _one(con, f"SELECT COUNT(DISTINCT d.matricule) {past}", PERSON_CUTOFF.isoformat()),
        "left_company_past_period": _one(con, f"SELECT COUNT(DISTINCT d.matricule) {past} AND s.date_sortie IS NOT NULL "
                                              f"AND {iso.format('s.date_sortie')} < ?", PERSON_CUTOFF.isoformat(), PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM app_log_consultation WHERE substr(horodatage, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small(con, "stat_sst_site_age", ["nb_salaries_suivis", "nb_entretiens"]),
        "stats_identifier_columns": sum(1 for r in con.execute("PRAGMA table_info(extraction_aides_2025)") if r[1] == "matricule")
                                    + sum(1 for r in con.execute("PRAGMA table_info(stat_sst_site_age)") if r[1] == "matricule"),
    }


# ------------------------------------------------------------------ h4e: composite keys, attribute-value, system jobs (compliant)
def _h4e(cfg: dict[str, Any], con: sqlite3.Connection) -> dict[str, int]:
    rng = random.Random(cfg["seed"])
    antennes = [("A01", "Antenne solidarité Montargis"), ("A02", "Antenne solidarité Gien"), ("A03", "Antenne solidarité Pithiviers")]
    workers: list[dict[str, Any]] = []
    for code, _ in antennes:
        for k in range(1, 6):
            fonction = "SECRETARIAT" if k == 5 else "REFERENT"
            workers.append({"ant": code, "no": k, "fonction": fonction, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS),
                            "left": None, "active": True})
    gone = workers[6]  # a referent of A02 who left and whose account was closed
    gone["left"], gone["active"] = dt.date(2025, 12, 1), False
    persons, links, contacts, log, purged = [], [], [], [], 0
    for code, _ in antennes:
        refs = [w for w in workers if w["ant"] == code and w["fonction"] == "REFERENT"]
        stay = [w for w in refs if w["left"] is None]
        no = 0
        for _ in range(cfg["persons_per_antenna"]):
            if rng.random() < 0.25:
                purged += 1  # no contact for two years: purged by the yearly job, never written
                continue
            last = _day(rng, dt.date(2024, 7, 1), dt.date(2026, 6, 25))
            no += 1
            opened = last - dt.timedelta(days=rng.randint(10, 900))
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 60))) if rng.random() < 0.2 else None
            w1 = rng.choice(refs)
            chain = [(w1, opened, closed)]
            if w1["left"]:
                if opened >= w1["left"]:
                    chain = [(rng.choice(stay), opened, closed)]
                elif closed is None or closed > w1["left"]:
                    chain = [(w1, opened, w1["left"]), (rng.choice(stay), w1["left"] + dt.timedelta(days=1), closed)]
            for w, a, b in chain:
                links.append((code, no, w["no"], a, b))
            persons.append({"ant": code, "no": no, "nom": rng.choice(NOMS), "prenom": rng.choice(PRENOMS), "opened": opened, "closed": closed,
                            "birth": _day(rng, dt.date(1950, 1, 1), dt.date(2007, 1, 1)), "sit": rng.choice(["celibataire", "marie", "pacse", "divorce"])})
            for c, d in enumerate(sorted({last} | {_day(rng, opened, last) for _ in range(rng.randint(0, 3))}), 1):
                w = next(w for w, a, b in chain if a <= d and (b is None or d <= b)) if any(
                    a <= d and (b is None or d <= b) for _w, a, b in chain) else chain[-1][0]
                contacts.append((code, no, c, w["no"], d))
                if d > LOG_CUTOFF + dt.timedelta(days=1):
                    log.append((code, no, w["no"], _at(rng, d)))
    log.sort(key=lambda r: (r[3], r[0], r[1]))

    con.executescript("""
    CREATE TABLE antenne (code_antenne TEXT PRIMARY KEY, libelle TEXT);
    CREATE TABLE intervenant (code_antenne TEXT, no_intervenant INTEGER, identifiant TEXT, nom TEXT, prenom TEXT, fonction TEXT,
        actif INTEGER, date_fin_fonction TEXT, empreinte_mdp TEXT, PRIMARY KEY (code_antenne, no_intervenant));
    CREATE TABLE personne (code_antenne TEXT, no_personne INTEGER, cree_le TEXT, PRIMARY KEY (code_antenne, no_personne));
    CREATE TABLE personne_attribut (code_antenne TEXT, no_personne INTEGER, attribut TEXT, valeur TEXT,
        PRIMARY KEY (code_antenne, no_personne, attribut));
    CREATE TABLE lien_suivi (code_antenne TEXT, no_personne INTEGER, no_intervenant INTEGER, du TEXT, au TEXT,
        PRIMARY KEY (code_antenne, no_personne, no_intervenant, du));
    CREATE TABLE contact (code_antenne TEXT, no_personne INTEGER, no_contact INTEGER, no_intervenant INTEGER, jour TEXT, nature TEXT,
        PRIMARY KEY (code_antenne, no_personne, no_contact));
    CREATE TABLE trace_lecture (code_antenne TEXT, no_personne INTEGER, no_intervenant INTEGER, lu_le TEXT);
    CREATE TABLE tache_systeme (id_tache INTEGER PRIMARY KEY, nom_tache TEXT, compte_technique TEXT, lance_le TEXT, termine_le TEXT,
        statut TEXT, lignes_traitees INTEGER);
    CREATE TABLE profil_droit (fonction TEXT, objet TEXT, perimetre TEXT, PRIMARY KEY (fonction, objet));
    CREATE TABLE stat_trimestre (annee INTEGER, trimestre INTEGER, code_antenne TEXT, nb_premieres_demandes INTEGER,
        nb_accompagnements INTEGER, nb_aides_accordees INTEGER, PRIMARY KEY (annee, trimestre, code_antenne));
    """)
    _ins(con, "antenne", ["code_antenne", "libelle"], antennes)
    _ins(con, "intervenant", ["code_antenne", "no_intervenant", "identifiant", "nom", "prenom", "fonction", "actif", "date_fin_fonction",
                              "empreinte_mdp"],
         [(w["ant"], w["no"], f"{w['prenom'][0].lower()}{w['nom'].lower().replace(' ', '')}@loiret.example", w["nom"], w["prenom"], w["fonction"],
           int(w["active"]), w["left"] and w["left"].isoformat(), "$argon2id$v=19$m=65536,t=3,p=4$" + _pwd(cfg["seed"], (w["ant"], w["no"]))[:43])
          for w in workers])
    _ins(con, "personne", ["code_antenne", "no_personne", "cree_le"], [(p["ant"], p["no"], p["opened"].isoformat()) for p in persons])
    attrs = []
    for p in persons:
        attrs += [(p["ant"], p["no"], "nom", p["nom"]), (p["ant"], p["no"], "prenom", p["prenom"]),
                  (p["ant"], p["no"], "date_naissance", p["birth"].isoformat()), (p["ant"], p["no"], "situation_familiale", p["sit"])]
        if p["closed"]:
            attrs.append((p["ant"], p["no"], "date_cloture", p["closed"].isoformat()))
    _ins(con, "personne_attribut", ["code_antenne", "no_personne", "attribut", "valeur"], attrs)
    _ins(con, "lien_suivi", ["code_antenne", "no_personne", "no_intervenant", "du", "au"],
         [(a, n, w, du.isoformat(), au and au.isoformat()) for a, n, w, du, au in links])
    _ins(con, "contact", ["code_antenne", "no_personne", "no_contact", "no_intervenant", "jour", "nature"],
         [(a, n, c, w, d.isoformat(), rng.choice(["entretien", "visite", "telephone"])) for a, n, c, w, d in contacts])
    _ins(con, "trace_lecture", ["code_antenne", "no_personne", "no_intervenant", "lu_le"],
         [(a, n, w, t.strftime("%Y-%m-%d %H:%M:%S")) for a, n, w, t in log])
    jobs, d = [], dt.date(2025, 7, 1)
    while d <= AS_OF:
        jobs.append(("sauvegarde", d, 0))
        if d.day == 1:
            jobs.append(("purge_traces_12_mois", d, rng.randint(300, 900)))
        if d.month == 1 and d.day == 2:
            jobs.append(("purge_dossiers_24_mois", d, purged))
        if d.weekday() == 0:
            jobs.append(("export_statistiques", d, rng.randint(11, 40)))
        d += dt.timedelta(days=1)
    _ins(con, "tache_systeme", ["id_tache", "nom_tache", "compte_technique", "lance_le", "termine_le", "statut", "lignes_traitees"],
         [(i, n, "svc_batch", f"{day.isoformat()} 02:00:00", f"{day.isoformat()} 02:{rng.randint(1, 40):02d}:00", "OK", k)
          for i, (n, day, k) in enumerate(jobs, 1)])
    _ins(con, "profil_droit", ["fonction", "objet", "perimetre"], [
        ("REFERENT", "personne", "personnes suivies"), ("REFERENT", "contact", "personnes suivies"),
        ("SECRETARIAT", "agenda", "antenne"), ("SECRETARIAT", "personne", "aucun")])
    _ins(con, "stat_trimestre", ["annee", "trimestre", "code_antenne", "nb_premieres_demandes", "nb_accompagnements", "nb_aides_accordees"],
         [(y, q, a, rng.choice([0, rng.randint(11, 80)]), rng.randint(40, 200), rng.choice([0, rng.randint(11, 60)]))
          for y in (2024, 2025) for q in (1, 2, 3, 4) for a, _ in antennes])
    return {"unexplained_reads": 0, "reads_after_departure": 0, "persons_past_period": 0, "log_past_period": 0, "stats_small_cells": 0}


def _h4e_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "substr(t.lu_le, 1, 10)"
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM trace_lecture"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM trace_lecture t WHERE NOT EXISTS (SELECT 1 FROM lien_suivi l "
                                       f"WHERE l.code_antenne = t.code_antenne AND l.no_personne = t.no_personne "
                                       f"AND l.no_intervenant = t.no_intervenant AND l.du <= {day} AND (l.au IS NULL OR {day} <= l.au))"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM trace_lecture t JOIN intervenant i ON i.code_antenne = t.code_antenne "
                                           f"AND i.no_intervenant = t.no_intervenant WHERE i.date_fin_fonction IS NOT NULL "
                                           f"AND {day} > i.date_fin_fonction"),
        "generic_accounts": 0,
        "departed_active": _one(con, "SELECT COUNT(*) FROM intervenant WHERE actif = 1 AND date_fin_fonction < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM profil_droit WHERE fonction = 'REFERENT' AND perimetre <> 'personnes suivies'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM personne p JOIN (SELECT code_antenne a, no_personne n, MAX(jour) d FROM contact "
                                         "GROUP BY 1, 2) c ON c.a = p.code_antenne AND c.n = p.no_personne LEFT JOIN personne_attribut x "
                                         "ON x.code_antenne = p.code_antenne AND x.no_personne = p.no_personne AND x.attribut = 'date_cloture' "
                                         "WHERE MAX(c.d, COALESCE(x.valeur, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM trace_lecture WHERE substr(lu_le, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small(con, "stat_trimestre", ["nb_premieres_demandes", "nb_accompagnements", "nb_aides_accordees"]),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ the five databases
HELD_OUT_4: dict[str, dict[str, Any]] = {
    "h4a_individu_dossier": {
        "seed": 4101, "persons": 520, "draw": _h4a, "expected": _h4a_expected,
        "scopes": {"caseload": "SES_DOSSIERS", "unit": "UNITE", "wide": "DEPARTEMENT"},
        "plant": {"generic": ["accueil.mds", "stagiaire.as"], "after_departure": 9, "unexplained": 23, "wide_scope": True, "old_share": 0.2},
    },
    "h4b_equipes_matrice": {
        "seed": 4202, "persons": 430, "draw": _h4b, "expected": _h4b_expected,
        "plant": {"generic": ["EQUIPE.MOBILE", "ACCUEIL.SOIR"], "after_departure": 8, "unexplained": 16, "stale_reads": 9,
                  "wide_scope": True, "old_share": 0.17, "stat_small": 7},
    },
    "h4c_multi_ccas": {
        "seed": 4303, "persons": 380, "draw": _h4c, "expected": _h4c_expected,
        "plant": {"generic": ["accueil.saran"], "after_departure": 10, "unexplained": 11, "supervisor_own": 6, "supervisor_other": 14,
                  "wide_scope": True, "old_share": 0.22},
    },
    "h4d_sst_entreprise": {
        "seed": 4404, "employees": 950, "followed_share": 0.4, "draw": _h4d, "expected": _h4d_expected,
        "plant": {"generic": ["sst.interim", "rh.partage"], "after_departure": 8, "unexplained": 7, "hr_reads": 15, "wide_scope": True},
    },
    "h4e_eav_conforme": {
        "seed": 4505, "persons_per_antenna": 300, "compliant": True, "draw": _h4e, "expected": _h4e_expected,
        "plant": {},
    },
}


def build(name: str, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one database of the fourth held-out set; return (path, expected figures counted by SQL on the file).

    The figures are also counted in Python on the drawn world; a disagreement stops the build."""
    cfg = HELD_OUT_4[name]
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
    exp["half"] = "held_out_4"
    return path, exp
