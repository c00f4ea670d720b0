"""Third held-out set: five databases that differ in STRUCTURE, not only in names.

Written before the service-model work of issue 13 and measured once (``bench/results/zoo_h3_before.txt``);
never to be tuned on. The world is drawn here by its own code (nothing of ``generate.world``/``render``
is used): territories, workers and their accounts, persons followed, dated contacts, assignments with
periods and handovers when a worker leaves, an access log, rights, and anonymous statistics tables.

The five databases, each in a style of software French social services actually run:

- ``h3a_django_suivi``: a Django application. ``auth_user`` (is_active, last_login, date_joined) with the
  departure date in a one-to-one profile table; roles are ``auth_group`` through ``auth_user_groups``;
  rights name a group id, not a role word. The log (django-auditlog-like) names the object by
  ``content_type_id`` + ``object_id`` as TEXT, and also holds entries about user accounts (content type
  ``auth.user``) that are not reads of a person's file. Statistics table with three count columns.
- ``h3b_odoo_ccas``: an Odoo CCAS. ``res_partner`` mixes the persons followed, organisations
  (``is_company``) and the partners of the user accounts; archived persons have ``active = false``; the
  referent is a column of the person (``res_partner.user_id``, no assignment table); roles are
  ``res_groups`` through ``res_groups_users_rel``; the scope is an ``ir_rule`` domain (``[(1, '=', 1)]`` is
  everything); the log names ``res_model`` + ``res_id`` and the reader as ``create_uid``. Logins are e-mails.
- ``h3c_access_fr``: a French desktop (Access-like) tool: spaces and accents in table and column names
  ("Bénéficiaires", "N° dossier", "Date dernière visite"), a TEXT file number as the person key, dates as
  text dd/mm/yyyy (log "dd/mm/yyyy hh:mm"), Oui/Non flags, no declared key. Statistics table.
- ``h3d_foyers_epoch``: households and members (``foyer`` + ``membre``); the log names the household; an
  agent is explained ONLY by an assignment to the household whose period covers the day of the read
  (agents have no territory): reads after a handover and after a departure count as unexplained. Log
  timestamps are epoch integers. An aggregated statistics table, plus a row-level statistics extract
  that carries direct identifiers (NIR, name, birth date).
- ``h3e_uuid_compliant``: hard negative. UUID text keys, English CamelCase, one table per module; old files
  archived, departed accounts closed, log purged to 12 months, only caseworkers read case files, and a
  statistics table whose cells are all 0 or at least 11. Nothing at medium or above must be reported.

What the figures mean (recounted by plain SQL on the written file, with its own names):

- ``unexplained_reads``: log lines about a person's file (all actions) whose reader is neither assigned to
  the person (any period; in ``h3d`` an assignment whose period covers the day) nor of the same territory
  as the person (not in ``h3d``). Lines about other objects (Django ``auth.user``) are not counted.
- ``reads_after_departure``: log lines (any object) dated after the reader's departure day.
- ``generic_accounts``: the planted shared logins. ``departed_active``: accounts active with a departure
  before 2026-06-30. ``wide_scope_grants``: presence only (grant rows of the social role with a whole
  territory scope).
- ``persons_past_period``: persons with at least one contact, not archived, whose latest of (last contact,
  closing day) is before 2024-06-30. In ``h3d`` the contacts are of households: the figure counts the
  MEMBERS of such households (persons); ``households_past_period`` gives the households (not scored).
- ``log_past_period``: log lines dated before 2025-06-30.
- ``stats_small_cells``: cells with a value from 1 to 10 in the count columns (nb_*) of the aggregated
  statistics tables. ``stats_identifier_columns``: columns of statistics tables that hold a direct
  identifier of a person (name, birth date, NIR).
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

SURNAMES = ["Lemaire", "Gauthier", "Perrin", "Masson", "Chevalier", "Blanc", "Guerin", "Muller", "Henry", "Roussel",
            "Nicolas", "Marchand", "Duval", "Denis", "Lemoine", "Brun", "Faure", "Rousseau", "Clement", "Colin",
            "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Boyer", "Renard", "Schmitt", "Benali",
            "Traore", "Nguyen", "Diallo", "Haddad", "Kone", "Lopez", "Mendes", "Ferreira", "Cohen", "Meyer"]
GIVEN = ["Amandine", "Bruno", "Celine", "Damien", "Elodie", "Fabrice", "Gaelle", "Herve", "Josiane", "Kevin",
         "Laetitia", "Mehdi", "Noemie", "Ousmane", "Pascale", "Quentin", "Rachida", "Sebastien", "Tiphaine", "Valerie",
         "Yasmine", "Zoe", "Aurelien", "Brigitte", "Coralie", "Djamel", "Estelle", "Florian", "Gisele", "Ibrahim"]
NOTES = ["Ouverture des droits RSA, pièces demandées.", "Visite à domicile, point budget.", "Entretien téléphonique.",
         "Accompagnement vers l'emploi, CV retravaillé.", "Demande d'aide financière instruite.", "Bilan du contrat d'engagement."]


def _rng_day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _at(rng: random.Random, d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))


# ------------------------------------------------------------------ the world (own code)
def draw(seed: int, cfg: dict[str, Any]) -> dict[str, Any]:
    """Territories, staff, persons (or households), contacts, assignments with periods, log, statistics."""
    rng = random.Random(seed)
    plant = cfg.get("plant", {})
    comp = bool(cfg.get("compliant"))
    terr = cfg["territories"]
    staff: list[dict[str, Any]] = []

    def hire(role: str, t: int, login: str | None = None, left: dt.date | None = None, active: bool = True) -> dict:
        sid = len(staff) + 1
        s, g = rng.choice(SURNAMES), rng.choice(GIVEN)
        rec = {"id": sid, "role": role, "terr": t, "surname": s, "given": g, "active": active, "left": left,
               "login": login or cfg["login"](g, s, sid), "joined": _rng_day(rng, dt.date(2012, 1, 1), dt.date(2022, 12, 31)),
               "last_login": None, "pwd": hashlib.sha256(f"{seed}:{sid}".encode()).hexdigest()}
        staff.append(rec)
        return rec

    for t in range(1, len(terr) + 1):
        for _ in range(cfg.get("social_per_terr", 3)):
            hire("social", t)
        hire("manager", t)
        hire("secretary", t)
    if cfg.get("admin"):
        hire("admin", 1)
    for login in plant.get("generic", []):
        hire("secretary", 1, login=login)
    leavers = []
    if plant.get("departed_active"):
        leavers.append(hire("social", 2, left=dt.date(2025, 10, 15), active=True))
    leavers.append(hire("social", min(3, len(terr)), left=dt.date(2026, 2, 27), active=False))
    present = {t: [s for s in staff if s["role"] == "social" and s["terr"] == t and s["left"] is None] for t in range(1, len(terr) + 1)}

    persons, contacts, assigns, log = [], [], [], []
    handed: list[dict[str, Any]] = []  # first assignments of a handover (the worker left, or the file changed hands)
    old_share = plant.get("old_share", 0.15)
    for pid in range(1, cfg["persons"] + 1):
        t = rng.randint(1, len(terr))
        old = rng.random() < old_share
        last = _rng_day(rng, dt.date(2018, 9, 1), dt.date(2024, 5, 20)) if old else _rng_day(rng, dt.date(2024, 7, 15), dt.date(2026, 6, 26))
        opened = last - dt.timedelta(days=rng.randint(20, 1100))
        archived, closed = False, None
        if old:
            r = rng.random()
            if comp or r < 0.35:
                archived, closed = True, last + dt.timedelta(days=rng.randint(5, 90))
            elif r < 0.6:
                closed = _rng_day(rng, dt.date(2024, 7, 1), dt.date(2026, 6, 1))  # closed late: not past the period
        elif rng.random() < 0.12:
            closed = min(AS_OF, last + dt.timedelta(days=rng.randint(1, 30)))
        # referent: a leaver keeps some persons of their territory until leaving, then hands them over
        lv = [x for x in leavers if x["terr"] == t and opened < x["left"] - dt.timedelta(days=60)
              and (closed is None or closed > x["left"] + dt.timedelta(days=30))]
        chain = []
        if lv and rng.random() < 0.3:
            first = lv[0]
            nxt = rng.choice(present[t])
            chain = [(first, opened, first["left"]), (nxt, first["left"] + dt.timedelta(days=1), closed)]
            handed.append({"staff": first["id"], "person": pid, "start": opened, "end": first["left"]})
        elif plant.get("handover") and rng.random() < 0.15 and (last - opened).days > 200:
            a, b = rng.sample(present[t], 2)
            cut = opened + dt.timedelta(days=(last - opened).days // 2)
            chain = [(a, opened, cut), (b, cut + dt.timedelta(days=1), closed)]
            handed.append({"staff": a["id"], "person": pid, "start": opened, "end": cut})
        else:
            chain = [(rng.choice(present[t]), opened, closed)]
        persons.append({"id": pid, "terr": t, "opened": opened, "last": last, "archived": archived, "closed": closed,
                        "surname": rng.choice(SURNAMES), "given": rng.choice(GIVEN),
                        "birth": _rng_day(rng, dt.date(1948, 1, 1), dt.date(2005, 12, 31)), "ref": chain[-1][0]["id"],
                        "size": rng.choice([1, 1, 2, 2, 3, 4, 5])})
        for s, a, b in chain:
            assigns.append({"staff": s["id"], "person": pid, "start": a, "end": b})
        days = sorted({last} | {_rng_day(rng, opened, last) for _ in range(rng.randint(0, 3))})
        for d in days:
            who = next((s for s, a, b in chain if a <= d and (b is None or d <= b)), chain[-1][0])
            contacts.append({"person": pid, "staff": who["id"], "day": d, "note": rng.choice(NOTES)})
            log.append({"staff": who["id"], "person": pid, "at": _at(rng, d), "act": "read"})
            if rng.random() < 0.3:
                log.append({"staff": who["id"], "person": pid, "at": _at(rng, d), "act": "edit"})
        if cfg.get("colleague_reads", True):
            mates = [s for s in staff if s["terr"] == t and s["left"] is None and s["role"] in ("social", "secretary")
                     and not (comp and s["role"] == "secretary")]
            for _ in range(rng.randint(0, 2)):
                log.append({"staff": rng.choice(mates)["id"], "person": pid, "at": _at(rng, _rng_day(rng, opened, last)), "act": "read"})
    # leavers: reads before leaving (of their caseload), and after leaving
    for x in leavers:
        mine = [(a["person"], a["start"]) for a in handed if a["staff"] == x["id"]]
        mine = mine or [(p["id"], p["opened"]) for p in persons if p["terr"] == x["terr"] and p["opened"] < x["left"] - dt.timedelta(days=60)]
        for _ in range(5):  # within their assignment period
            p, start = rng.choice(mine)
            log.append({"staff": x["id"], "person": p, "act": "read",
                        "at": _at(rng, _rng_day(rng, max(start, dt.date(2025, 7, 1)), x["left"] - dt.timedelta(days=1)))})
        n = 0 if comp else (plant.get("after_departure", 0) if x["active"] else plant.get("after_departure", 0) // 2)
        for _ in range(n):
            log.append({"staff": x["id"], "person": rng.choice(mine)[0], "act": "read",
                        "at": _at(rng, _rng_day(rng, x["left"] + dt.timedelta(days=1), AS_OF))})
    # planted unexplained reads: a social worker opens the file of a person of another territory
    social_now = [s for s in staff if s["role"] == "social" and s["left"] is None]
    for _ in range(plant.get("unexplained", 0)):
        x = rng.choice(social_now)
        p = rng.choice([p for p in persons if p["terr"] != x["terr"]])
        log.append({"staff": x["id"], "person": p["id"], "act": "read", "at": _at(rng, _rng_day(rng, dt.date(2025, 3, 1), AS_OF))})
    # planted reads after a handover, by the former referent (same territory)
    if plant.get("stale_reads"):
        still = [a for a in handed if staff[a["staff"] - 1]["left"] is None and a["end"] < AS_OF - dt.timedelta(days=30)]
        for _ in range(plant["stale_reads"]):
            a = rng.choice(still)
            log.append({"staff": a["staff"], "person": a["person"], "act": "read",
                        "at": _at(rng, _rng_day(rng, a["end"] + dt.timedelta(days=2), min(AS_OF, a["end"] + dt.timedelta(days=400))))})
    if comp:
        log = [r for r in log if r["at"].date() > LOG_CUTOFF + dt.timedelta(days=1)]
    log.sort(key=lambda r: (r["at"], r["staff"], r["person"]))
    for s in staff:
        mine = [r["at"] for r in log if r["staff"] == s["id"]]
        s["last_login"] = max(mine) if mine else None
    return {"terr": terr, "staff": staff, "persons": persons, "contacts": contacts, "assigns": assigns, "log": log,
            "stats": _stats(rng, terr, cfg.get("stat_small", 0)) if "stat_small" in cfg else None, "rng": rng}


def _stats(rng: random.Random, terr: list[str], n_small: int) -> list[dict[str, Any]]:
    """Counts by year × territory in three columns; ``n_small`` cells planted between 1 and 10, a few zeros."""
    rows = [{"year": y, "terr": t, "c": [rng.randint(12, 420), rng.randint(11, 160), rng.randint(11, 260)]}
            for y in range(2021, 2026) for t in range(1, len(terr) + 1)]
    cells = [(i, j) for i in range(len(rows)) for j in range(3)]
    pick = rng.sample(cells, n_small + (3 if n_small else 0))
    for i, j in pick[:n_small]:
        rows[i]["c"][j] = rng.randint(1, 10)
    for i, j in pick[n_small:]:
        rows[i]["c"][j] = 0
    return rows


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _ins(con: sqlite3.Connection, table: str, cols: list[str], rows: list[tuple]) -> None:
    if rows:
        con.executemany(f"INSERT INTO {_q(table)} ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))})", rows)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _fr(d: dt.date | None) -> str | None:
    return d.strftime("%d/%m/%Y") if d else None


def _one(con: sqlite3.Connection, sql: str, *args: Any) -> int:
    return int(con.execute(sql, args).fetchone()[0] or 0)


def _small_cells(con: sqlite3.Connection, table: str, cols: list[str]) -> int:
    return sum(_one(con, f"SELECT COUNT(*) FROM {_q(table)} WHERE {_q(c)} BETWEEN 1 AND 10") for c in cols)


# ------------------------------------------------------------------ h3a: Django
def _django(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    con.executescript("""
    CREATE TABLE django_content_type (id INTEGER PRIMARY KEY, app_label VARCHAR(100), model VARCHAR(100));
    CREATE TABLE auth_user (id INTEGER PRIMARY KEY, password VARCHAR(128), last_login DATETIME, is_superuser BOOL,
        username VARCHAR(150) UNIQUE, first_name VARCHAR(150), last_name VARCHAR(150), email VARCHAR(254), is_staff BOOL,
        is_active BOOL, date_joined DATETIME);
    CREATE TABLE auth_group (id INTEGER PRIMARY KEY, name VARCHAR(150) UNIQUE);
    CREATE TABLE auth_user_groups (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES auth_user(id),
        group_id INTEGER REFERENCES auth_group(id));
    CREATE TABLE suivi_territoire (id INTEGER PRIMARY KEY, libelle VARCHAR(80), code_insee_epci VARCHAR(9));
    CREATE TABLE suivi_profilagent (id INTEGER PRIMARY KEY, user_id INTEGER UNIQUE REFERENCES auth_user(id),
        territoire_id INTEGER REFERENCES suivi_territoire(id), date_fin_fonctions DATE, telephone_pro VARCHAR(20));
    CREATE TABLE suivi_beneficiaire (id INTEGER PRIMARY KEY, numero_dossier VARCHAR(20), nom VARCHAR(100), prenom VARCHAR(100),
        date_naissance DATE, territoire_id INTEGER REFERENCES suivi_territoire(id), cree_le DATETIME, archive BOOL,
        date_cloture DATE);
    CREATE TABLE suivi_referent (id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES auth_user(id),
        beneficiaire_id INTEGER REFERENCES suivi_beneficiaire(id), debut DATE, fin DATE);
    CREATE TABLE suivi_entretien (id INTEGER PRIMARY KEY, beneficiaire_id INTEGER REFERENCES suivi_beneficiaire(id),
        redacteur_id INTEGER REFERENCES auth_user(id), date_entretien DATE, compte_rendu TEXT);
    CREATE TABLE suivi_habilitation (id INTEGER PRIMARY KEY, group_id INTEGER REFERENCES auth_group(id), module VARCHAR(60),
        perimetre VARCHAR(60), lecture BOOL, ecriture BOOL);
    CREATE TABLE auditlog_logentry (id INTEGER PRIMARY KEY, content_type_id INTEGER REFERENCES django_content_type(id),
        object_pk VARCHAR(255), object_id BIGINT, object_repr TEXT, action SMALLINT, changes TEXT,
        actor_id INTEGER REFERENCES auth_user(id), remote_addr VARCHAR(39), timestamp DATETIME);
    CREATE TABLE suivi_statistiques_annuelles (id INTEGER PRIMARY KEY, annee INTEGER, territoire VARCHAR(80),
        nb_demandes INTEGER, nb_rsa INTEGER, nb_accompagnements INTEGER);
    """)
    _ins(con, "django_content_type", ["id", "app_label", "model"],
         [(1, "admin", "logentry"), (4, "auth", "user"), (3, "auth", "group"), (7, "suivi", "beneficiaire"), (8, "suivi", "entretien")])
    groups = {"social": "Référent social", "manager": "Responsable de territoire", "secretary": "Agent d'accueil", "admin": "Administrateur"}
    gid = {k: i for i, k in enumerate(groups, 1)}
    _ins(con, "auth_group", ["id", "name"], [(gid[k], v) for k, v in groups.items()])
    _ins(con, "suivi_territoire", ["id", "libelle", "code_insee_epci"], [(i, n, f"2000{i:05d}") for i, n in enumerate(w["terr"], 1)])
    users, prof, ug = [], [], []
    for s in w["staff"]:
        users.append((s["id"], "pbkdf2_sha256$600000$" + s["pwd"][:22] + "$" + s["pwd"][22:], s["last_login"] and s["last_login"].isoformat(" "),
                      s["role"] == "admin", s["login"], s["given"], s["surname"], f"{s['login']}@departement.fr", s["role"] == "admin",
                      s["active"], f"{s['joined']} 09:00:00"))
        prof.append((s["id"], s["id"], s["terr"], _iso(s["left"]), None))
        ug.append((s["id"], s["id"], gid[s["role"]]))
    _ins(con, "auth_user", ["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
                            "is_active", "date_joined"], users)
    _ins(con, "suivi_profilagent", ["id", "user_id", "territoire_id", "date_fin_fonctions", "telephone_pro"], prof)
    _ins(con, "auth_user_groups", ["id", "user_id", "group_id"], ug)
    _ins(con, "suivi_beneficiaire", ["id", "numero_dossier", "nom", "prenom", "date_naissance", "territoire_id", "cree_le", "archive", "date_cloture"],
         [(p["id"], f"RSA-{p['opened'].year}-{p['id']:05d}", p["surname"], p["given"], _iso(p["birth"]), p["terr"], f"{p['opened']} 10:00:00",
           p["archived"], _iso(p["closed"])) for p in w["persons"]])
    _ins(con, "suivi_referent", ["id", "agent_id", "beneficiaire_id", "debut", "fin"],
         [(i, a["staff"], a["person"], _iso(a["start"]), _iso(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "suivi_entretien", ["id", "beneficiaire_id", "redacteur_id", "date_entretien", "compte_rendu"],
         [(i, c["person"], c["staff"], _iso(c["day"]), c["note"]) for i, c in enumerate(w["contacts"], 1)])
    sc = cfg["scopes"]
    _ins(con, "suivi_habilitation", ["id", "group_id", "module", "perimetre", "lecture", "ecriture"], [
        (1, gid["social"], "entretien", sc["wide"] if cfg["plant"].get("wide_scope") else sc["caseload"], True, True),
        (2, gid["social"], "beneficiaire", sc["caseload"], True, True),
        (3, gid["manager"], "beneficiaire", sc["unit"], True, False),
        (4, gid["manager"], "statistiques", sc["unit"], True, False),
        (5, gid["secretary"], "beneficiaire", sc["unit"], True, False),
        (6, gid["admin"], "comptes", sc["wide"], True, True)])
    logs = []
    for r in w["log"]:
        logs.append((7, str(r["person"]), r["person"], f"dossier {r['person']}", 3 if r["act"] == "read" else 1, None,
                     r["staff"], "10.0.0.1", r["at"].isoformat(" ")))
    admin = next(s for s in w["staff"] if s["role"] == "admin")
    for _ in range(cfg["admin_entries"]):  # an administrator edits user accounts: not a read of a person's file
        target = rng.choice(w["staff"])
        logs.append((4, str(target["id"]), target["id"], target["login"], 1, '{"is_active": ["True", "False"]}', admin["id"], "10.0.0.2",
                     _at(rng, _rng_day(rng, dt.date(2023, 1, 1), dt.date(2026, 6, 1))).isoformat(" ")))
    logs.sort(key=lambda x: x[-1])
    _ins(con, "auditlog_logentry", ["content_type_id", "object_pk", "object_id", "object_repr", "action", "changes", "actor_id", "remote_addr",
                                    "timestamp"], logs)
    _ins(con, "suivi_statistiques_annuelles", ["annee", "territoire", "nb_demandes", "nb_rsa", "nb_accompagnements"],
         [(r["year"], w["terr"][r["terr"] - 1], *r["c"]) for r in w["stats"]])


def _django_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    person_lines = ("FROM auditlog_logentry l JOIN django_content_type ct ON ct.id = l.content_type_id AND ct.app_label = 'suivi' "
                    "AND ct.model = 'beneficiaire' JOIN suivi_beneficiaire b ON CAST(b.id AS TEXT) = l.object_pk "
                    "LEFT JOIN suivi_profilagent pa ON pa.user_id = l.actor_id")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM auditlog_logentry"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) {person_lines} WHERE NOT EXISTS (SELECT 1 FROM suivi_referent r WHERE "
                                       "r.agent_id = l.actor_id AND r.beneficiaire_id = b.id) AND (pa.territoire_id IS NULL OR pa.territoire_id <> b.territoire_id)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM auditlog_logentry l JOIN suivi_profilagent pa ON pa.user_id = l.actor_id "
                                           "WHERE pa.date_fin_fonctions IS NOT NULL AND substr(l.timestamp, 1, 10) > pa.date_fin_fonctions"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM auth_user WHERE username IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM auth_user u JOIN suivi_profilagent pa ON pa.user_id = u.id "
                                     "WHERE u.is_active = 1 AND pa.date_fin_fonctions < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM suivi_habilitation h JOIN auth_group g ON g.id = h.group_id "
                                       "WHERE g.name = 'Référent social' AND h.perimetre = ?", cfg["scopes"]["wide"]),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM suivi_beneficiaire b JOIN (SELECT beneficiaire_id k, MAX(date_entretien) d "
                                         "FROM suivi_entretien GROUP BY 1) e ON e.k = b.id WHERE b.archive = 0 "
                                         "AND MAX(e.d, COALESCE(b.date_cloture, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM auditlog_logentry WHERE substr(timestamp, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small_cells(con, "suivi_statistiques_annuelles", ["nb_demandes", "nb_rsa", "nb_accompagnements"]),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h3b: Odoo
def _odoo(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    con.executescript("""
    CREATE TABLE x_territoire (id INTEGER PRIMARY KEY, x_name VARCHAR, x_code VARCHAR, create_date TIMESTAMP);
    CREATE TABLE res_partner (id INTEGER PRIMARY KEY, name VARCHAR, display_name VARCHAR, is_company BOOLEAN, parent_id INTEGER,
        type VARCHAR, ref VARCHAR, street VARCHAR, zip VARCHAR, city VARCHAR, email VARCHAR, phone VARCHAR, active BOOLEAN,
        user_id INTEGER, x_territoire_id INTEGER, x_date_naissance DATE, x_date_cloture DATE,
        create_uid INTEGER, create_date TIMESTAMP, write_uid INTEGER, write_date TIMESTAMP);
    CREATE TABLE res_users (id INTEGER PRIMARY KEY, login VARCHAR, password VARCHAR, partner_id INTEGER, active BOOLEAN, share BOOLEAN,
        x_territoire_id INTEGER, x_date_depart DATE, create_date TIMESTAMP, write_date TIMESTAMP);
    CREATE TABLE res_groups (id INTEGER PRIMARY KEY, name VARCHAR, category_id INTEGER, comment TEXT);
    CREATE TABLE res_groups_users_rel (gid INTEGER, uid INTEGER);
    CREATE TABLE ir_model (id INTEGER PRIMARY KEY, model VARCHAR, name VARCHAR);
    CREATE TABLE ir_model_access (id INTEGER PRIMARY KEY, name VARCHAR, model_id INTEGER, group_id INTEGER, perm_read BOOLEAN,
        perm_write BOOLEAN, perm_create BOOLEAN, perm_unlink BOOLEAN, active BOOLEAN);
    CREATE TABLE ir_rule (id INTEGER PRIMARY KEY, name VARCHAR, model_id INTEGER, domain_force TEXT, perm_read BOOLEAN,
        perm_write BOOLEAN, active BOOLEAN);
    CREATE TABLE rule_group_rel (rule_group_id INTEGER, group_id INTEGER);
    CREATE TABLE x_entretien (id INTEGER PRIMARY KEY, x_partner_id INTEGER, x_user_id INTEGER, x_date DATE, x_compte_rendu TEXT,
        create_uid INTEGER, create_date TIMESTAMP);
    CREATE TABLE x_journal_consultation (id INTEGER PRIMARY KEY, res_model VARCHAR, res_id INTEGER, x_operation VARCHAR,
        create_uid INTEGER, create_date TIMESTAMP);
    """)
    _ins(con, "x_territoire", ["id", "x_name", "x_code", "create_date"], [(i, n, f"T{i}", "2019-01-07 08:00:00") for i, n in enumerate(w["terr"], 1)])
    partners, pid_of = [], {}
    nid = 10
    orgs = ["CAF de Loire", "Pôle emploi Agence Centre", "Habitat 45 - bailleur", "Mission locale", "Épicerie solidaire",
            "CPAM", "Restos du coeur antenne", "Banque alimentaire", "Secours populaire", "UDAF"]
    for o in orgs:  # organisations, mixed with persons
        nid += 1
        partners.append((nid, o, o, True, None, "contact", None, f"{rng.randint(1, 90)} rue du Port", "45000", "Orléans", None, None,
                         True, None, None, None, None, 1, "2019-02-01 10:00:00", 1, "2019-02-01 10:00:00"))
    upid = {}
    for s in w["staff"]:  # each user account has its partner
        nid += 1
        upid[s["id"]] = nid
        partners.append((nid, f"{s['given']} {s['surname']}", f"{s['given']} {s['surname']}", False, None, "contact", None, None, None, None,
                         s["login"], None, True, None, None, None, None, 1, f"{s['joined']} 09:00:00", 1, f"{s['joined']} 09:00:00"))
    for p in w["persons"]:
        nid += 1
        pid_of[p["id"]] = nid
        partners.append((nid, f"{p['surname'].upper()} {p['given']}", f"{p['surname'].upper()} {p['given']}", False, None, "contact",
                         f"CCAS{p['id']:05d}", f"{rng.randint(1, 120)} avenue de la Gare", "45100", "Orléans", None,
                         f"06{rng.randint(10000000, 99999999)}", not p["archived"], p["ref"], p["terr"], _iso(p["birth"]), _iso(p["closed"]),
                         p["ref"], f"{p['opened']} 09:30:00", p["ref"], f"{p['last']} 17:00:00"))
    _ins(con, "res_partner", ["id", "name", "display_name", "is_company", "parent_id", "type", "ref", "street", "zip", "city", "email", "phone",
                              "active", "user_id", "x_territoire_id", "x_date_naissance", "x_date_cloture", "create_uid", "create_date",
                              "write_uid", "write_date"], partners)
    _ins(con, "res_users", ["id", "login", "password", "partner_id", "active", "share", "x_territoire_id", "x_date_depart", "create_date", "write_date"],
         [(s["id"], s["login"], "$pbkdf2-sha512$25000$" + s["pwd"], upid[s["id"]], s["active"], False, s["terr"], _iso(s["left"]),
           f"{s['joined']} 09:00:00", f"{s['joined']} 09:00:00") for s in w["staff"]])
    groups = {"social": "Action sociale / Travailleur social", "manager": "Action sociale / Responsable de pôle",
              "secretary": "Action sociale / Accueil"}
    gid = {k: 40 + i for i, k in enumerate(groups)}
    _ins(con, "res_groups", ["id", "name", "category_id", "comment"], [(gid[k], v, 7, None) for k, v in groups.items()])
    _ins(con, "res_groups_users_rel", ["gid", "uid"], [(gid[s["role"]], s["id"]) for s in w["staff"]])
    _ins(con, "ir_model", ["id", "model", "name"], [(80, "res.partner", "Contact"), (81, "x_entretien", "Entretien")])
    _ins(con, "ir_model_access", ["id", "name", "model_id", "group_id", "perm_read", "perm_write", "perm_create", "perm_unlink", "active"], [
        (1, "partner social", 80, gid["social"], True, True, True, False, True), (2, "entretien social", 81, gid["social"], True, True, True, False, True),
        (3, "partner responsable", 80, gid["manager"], True, False, False, False, True),
        (4, "partner accueil", 80, gid["secretary"], True, True, True, False, True)])
    own, terr, everything = "[('user_id', '=', user.id)]", "[('x_territoire_id', '=', user.x_territoire_id.id)]", "[(1, '=', 1)]"
    rules = [(1, "Entretiens : ses suivis", 81, everything if cfg["plant"].get("wide_scope") else own, True, True, True),
             (2, "Contacts : ses suivis", 80, own, True, True, True), (3, "Contacts : son territoire", 80, terr, True, False, True),
             (4, "Contacts accueil : son territoire", 80, terr, True, True, True)]
    _ins(con, "ir_rule", ["id", "name", "model_id", "domain_force", "perm_read", "perm_write", "active"], rules)
    _ins(con, "rule_group_rel", ["rule_group_id", "group_id"], [(1, gid["social"]), (2, gid["social"]), (3, gid["manager"]), (4, gid["secretary"])])
    _ins(con, "x_entretien", ["id", "x_partner_id", "x_user_id", "x_date", "x_compte_rendu", "create_uid", "create_date"],
         [(i, pid_of[c["person"]], c["staff"], _iso(c["day"]), c["note"], c["staff"], f"{c['day']} 18:00:00") for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "x_journal_consultation", ["id", "res_model", "res_id", "x_operation", "create_uid", "create_date"],
         [(i, "res.partner", pid_of[r["person"]], "read" if r["act"] == "read" else "write", r["staff"], r["at"].isoformat(" "))
          for i, r in enumerate(w["log"], 1)])


def _odoo_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM x_journal_consultation"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM x_journal_consultation l JOIN res_partner p ON p.id = l.res_id "
                                       "AND l.res_model = 'res.partner' LEFT JOIN res_users u ON u.id = l.create_uid "
                                       "WHERE (p.user_id IS NULL OR p.user_id <> l.create_uid) "
                                       "AND (u.x_territoire_id IS NULL OR p.x_territoire_id IS NULL OR u.x_territoire_id <> p.x_territoire_id)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM x_journal_consultation l JOIN res_users u ON u.id = l.create_uid "
                                           "WHERE u.x_date_depart IS NOT NULL AND substr(l.create_date, 1, 10) > u.x_date_depart"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM res_users WHERE login IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM res_users WHERE active = 1 AND x_date_depart < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM ir_rule r JOIN rule_group_rel rg ON rg.rule_group_id = r.id "
                                       "JOIN res_groups g ON g.id = rg.group_id WHERE g.name = 'Action sociale / Travailleur social' "
                                       "AND r.perm_read = 1 AND r.domain_force = ?", "[(1, '=', 1)]"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM res_partner p JOIN (SELECT x_partner_id k, MAX(x_date) d FROM x_entretien "
                                         "GROUP BY 1) e ON e.k = p.id WHERE p.active = 1 AND MAX(e.d, COALESCE(p.x_date_cloture, '')) < ?",
                                    PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM x_journal_consultation WHERE substr(create_date, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h3c: Access-like French desktop tool
def _access(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    con.executescript("""
    CREATE TABLE "Secteurs" ("Code secteur" TEXT PRIMARY KEY, "Libellé" TEXT, "Commune siège" TEXT);
    CREATE TABLE "Intervenants" ("Code intervenant" TEXT PRIMARY KEY, "Identifiant" TEXT, "Nom" TEXT, "Prénom" TEXT, "Fonction" TEXT,
        "Code secteur" TEXT, "Actif" TEXT, "Date entrée" TEXT, "Date départ" TEXT, "Mot de passe" TEXT);
    CREATE TABLE "Bénéficiaires" ("N° dossier" TEXT PRIMARY KEY, "Nom" TEXT, "Prénom" TEXT, "Date de naissance" TEXT,
        "Code secteur" TEXT, "Date ouverture" TEXT, "Date dernière visite" TEXT, "Archivé" TEXT, "Date clôture" TEXT,
        "Situation familiale" TEXT);
    CREATE TABLE "Référents" ("N°" INTEGER PRIMARY KEY, "N° dossier" TEXT, "Code intervenant" TEXT, "Du" TEXT, "Au" TEXT);
    CREATE TABLE "Visites" ("N° visite" INTEGER PRIMARY KEY, "N° dossier" TEXT, "Code intervenant" TEXT, "Date visite" TEXT,
        "Objet" TEXT, "Observations" TEXT);
    CREATE TABLE "Journal des consultations" ("N°" INTEGER PRIMARY KEY, "Date heure" TEXT, "Poste" TEXT, "Code intervenant" TEXT,
        "N° dossier" TEXT, "Opération" TEXT);
    CREATE TABLE "Droits par fonction" ("N°" INTEGER PRIMARY KEY, "Fonction" TEXT, "Écran" TEXT, "Étendue" TEXT, "Lecture" TEXT,
        "Modification" TEXT);
    CREATE TABLE "Statistiques annuelles" ("Année" INTEGER, "Secteur" TEXT, "Nb demandes" INTEGER, "Nb RSA" INTEGER,
        "Nb accompagnements" INTEGER);
    """)
    code = {i: f"S{i}" for i in range(1, len(w["terr"]) + 1)}
    _ins(con, "Secteurs", ["Code secteur", "Libellé", "Commune siège"], [(code[i], n, n.split()[-1]) for i, n in enumerate(w["terr"], 1)])
    fonction = {"social": "Travailleur social", "manager": "Responsable d'antenne", "secretary": "Secrétariat"}
    ic = {s["id"]: f"{s['surname'][:3].upper()}{s['id']:02d}" for s in w["staff"]}
    _ins(con, "Intervenants", ["Code intervenant", "Identifiant", "Nom", "Prénom", "Fonction", "Code secteur", "Actif", "Date entrée",
                               "Date départ", "Mot de passe"],
         [(ic[s["id"]], s["login"], s["surname"].upper(), s["given"], fonction[s["role"]], code[s["terr"]], "Oui" if s["active"] else "Non",
           _fr(s["joined"]), _fr(s["left"]), "*" + s["pwd"][:40].upper()) for s in w["staff"]])
    dos = {p["id"]: f"{p['opened'].year}-{p['id']:04d}" for p in w["persons"]}
    lastv: dict[int, dt.date] = {}
    for c in w["contacts"]:
        lastv[c["person"]] = max(lastv.get(c["person"], c["day"]), c["day"])
    _ins(con, "Bénéficiaires", ["N° dossier", "Nom", "Prénom", "Date de naissance", "Code secteur", "Date ouverture", "Date dernière visite",
                                "Archivé", "Date clôture", "Situation familiale"],
         [(dos[p["id"]], p["surname"].upper(), p["given"], _fr(p["birth"]), code[p["terr"]], _fr(p["opened"]), _fr(lastv.get(p["id"])),
           "Oui" if p["archived"] else "Non", _fr(p["closed"]), rng.choice(["Seul(e)", "Couple", "Famille monoparentale", "Couple avec enfants"]))
          for p in w["persons"]])
    _ins(con, "Référents", ["N°", "N° dossier", "Code intervenant", "Du", "Au"],
         [(i, dos[a["person"]], ic[a["staff"]], _fr(a["start"]), _fr(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "Visites", ["N° visite", "N° dossier", "Code intervenant", "Date visite", "Objet", "Observations"],
         [(i, dos[c["person"]], ic[c["staff"]], _fr(c["day"]), "Permanence", c["note"]) for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "Journal des consultations", ["N°", "Date heure", "Poste", "Code intervenant", "N° dossier", "Opération"],
         [(i, r["at"].strftime("%d/%m/%Y %H:%M"), f"PC-{rng.randint(1, 30):02d}", ic[r["staff"]], dos[r["person"]],
           "Consultation" if r["act"] == "read" else "Modification") for i, r in enumerate(w["log"], 1)])
    sc = cfg["scopes"]
    _ins(con, "Droits par fonction", ["N°", "Fonction", "Écran", "Étendue", "Lecture", "Modification"], [
        (1, "Travailleur social", "Visites", sc["wide"] if cfg["plant"].get("wide_scope") else sc["caseload"], "Oui", "Oui"),
        (2, "Travailleur social", "Bénéficiaires", sc["caseload"], "Oui", "Oui"),
        (3, "Responsable d'antenne", "Bénéficiaires", sc["unit"], "Oui", "Non"),
        (4, "Responsable d'antenne", "Statistiques annuelles", sc["unit"], "Oui", "Non"),
        (5, "Secrétariat", "Bénéficiaires", sc["unit"], "Oui", "Oui"),
        (6, "Secrétariat", "Visites", sc["unit"], "Non", "Non")])
    _ins(con, "Statistiques annuelles", ["Année", "Secteur", "Nb demandes", "Nb RSA", "Nb accompagnements"],
         [(r["year"], w["terr"][r["terr"] - 1], *r["c"]) for r in w["stats"]])


def _fr_iso(expr: str) -> str:
    return f"(substr({expr},7,4)||'-'||substr({expr},4,2)||'-'||substr({expr},1,2))"


def _access_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    j, b = '"Journal des consultations"', '"Bénéficiaires"'
    l_day, i_left, v_day, b_closed = _fr_iso('l."Date heure"'), _fr_iso('i."Date départ"'), _fr_iso('"Date visite"'), _fr_iso('b."Date clôture"')
    return {
        "log_rows": _one(con, f"SELECT COUNT(*) FROM {j}"),
        "unexplained_reads": _one(con, f'SELECT COUNT(*) FROM {j} l JOIN {b} b ON b."N° dossier" = l."N° dossier" '
                                       'LEFT JOIN "Intervenants" i ON i."Code intervenant" = l."Code intervenant" '
                                       'WHERE NOT EXISTS (SELECT 1 FROM "Référents" r WHERE r."Code intervenant" = l."Code intervenant" '
                                       'AND r."N° dossier" = l."N° dossier") AND (i."Code secteur" IS NULL OR i."Code secteur" <> b."Code secteur")'),
        "reads_after_departure": _one(con, f'SELECT COUNT(*) FROM {j} l JOIN "Intervenants" i ON i."Code intervenant" = l."Code intervenant" '
                                           f'WHERE i."Date départ" IS NOT NULL AND {l_day} > {i_left}'),
        "generic_accounts": _one(con, f'SELECT COUNT(*) FROM "Intervenants" WHERE "Identifiant" IN ({",".join("?" * len(cfg["plant"]["generic"]))})',
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, f'SELECT COUNT(*) FROM "Intervenants" WHERE "Actif" = \'Oui\' AND "Date départ" IS NOT NULL '
                                     f'AND {_fr_iso(chr(34) + "Date départ" + chr(34))} < ?', AS_OF.isoformat()),
        "wide_scope_grants": _one(con, '''SELECT COUNT(*) FROM "Droits par fonction" WHERE "Fonction" = 'Travailleur social' AND "Étendue" = ?''',
                                  cfg["scopes"]["wide"]),
        "persons_past_period": _one(con, f'SELECT COUNT(*) FROM {b} b JOIN (SELECT "N° dossier" k, MAX({v_day}) d '
                                         f'FROM "Visites" GROUP BY 1) v ON v.k = b."N° dossier" WHERE b."Archivé" = \'Non\' '
                                         f'AND MAX(v.d, COALESCE({b_closed}, \'\')) < ?', PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, f'SELECT COUNT(*) FROM {j} WHERE {_fr_iso(chr(34) + "Date heure" + chr(34))} < ?', LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small_cells(con, "Statistiques annuelles", ["Nb demandes", "Nb RSA", "Nb accompagnements"]),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ h3d: households and members, epoch timestamps
def _epoch(t: dt.datetime) -> int:
    return int(t.replace(tzinfo=dt.timezone.utc).timestamp())


def _foyers(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    con.executescript("""
    CREATE TABLE secteur (id_secteur INTEGER PRIMARY KEY, nom_secteur TEXT);
    CREATE TABLE agent (id_agent INTEGER PRIMARY KEY, identifiant TEXT, nom TEXT, prenom TEXT, profil TEXT, actif INTEGER,
        date_arrivee TEXT, date_depart TEXT, empreinte_mdp TEXT);
    CREATE TABLE foyer (id_foyer INTEGER PRIMARY KEY, num_allocataire TEXT, adresse TEXT, commune TEXT,
        id_secteur INTEGER REFERENCES secteur(id_secteur), date_ouverture TEXT, date_cloture TEXT, statut TEXT);
    CREATE TABLE membre (id_membre INTEGER PRIMARY KEY, id_foyer INTEGER REFERENCES foyer(id_foyer), nom TEXT, prenom TEXT,
        date_naissance TEXT, lien TEXT, nir TEXT);
    CREATE TABLE affectation (id_affectation INTEGER PRIMARY KEY, id_agent INTEGER REFERENCES agent(id_agent),
        id_foyer INTEGER REFERENCES foyer(id_foyer), date_debut TEXT, date_fin TEXT);
    CREATE TABLE rendez_vous (id_rdv INTEGER PRIMARY KEY, id_foyer INTEGER REFERENCES foyer(id_foyer),
        id_agent INTEGER REFERENCES agent(id_agent), jour TEXT, synthese TEXT);
    CREATE TABLE trace_acces (id_trace INTEGER PRIMARY KEY, id_agent INTEGER, id_foyer INTEGER, horodatage INTEGER, action TEXT);
    CREATE TABLE habilitation (id INTEGER PRIMARY KEY, profil TEXT, objet TEXT, perimetre TEXT, droit TEXT);
    CREATE TABLE stat_secteur_annee (annee INTEGER, id_secteur INTEGER, nb_foyers INTEGER, nb_rsa INTEGER, nb_accompagnements INTEGER);
    CREATE TABLE stat_extraction_annuelle (annee INTEGER, id_secteur INTEGER, nir_demandeur TEXT, nom_demandeur TEXT,
        date_naissance_demandeur TEXT, composition TEXT, rsa TEXT);
    """)
    _ins(con, "secteur", ["id_secteur", "nom_secteur"], list(enumerate(w["terr"], 1)))
    profil = {"social": "TS_FOYER", "manager": "CHEF_SERVICE", "secretary": "ACCUEIL"}
    _ins(con, "agent", ["id_agent", "identifiant", "nom", "prenom", "profil", "actif", "date_arrivee", "date_depart", "empreinte_mdp"],
         [(s["id"], s["login"], s["surname"], s["given"], profil[s["role"]], int(s["active"]), _iso(s["joined"]), _iso(s["left"]),
           "sha256:" + s["pwd"]) for s in w["staff"]])
    foy, mem, extract = [], [], []
    mid = 0
    for p in w["persons"]:
        foy.append((p["id"], f"{rng.randint(1000000, 9999999)}", f"{rng.randint(1, 80)} rue des Lilas", w["terr"][p["terr"] - 1],
                    p["terr"], _iso(p["opened"]), _iso(p["closed"]), "ARCHIVE" if p["archived"] else ("CLOS" if p["closed"] else "OUVERT")))
        for k in range(p["size"]):
            mid += 1
            born = p["birth"] if k == 0 else _rng_day(rng, dt.date(1950, 1, 1) if k == 1 else dt.date(2006, 1, 1), dt.date(2004, 1, 1) if k == 1 else dt.date(2025, 1, 1))
            sex = rng.choice("12")
            nir = f"{sex}{born.year % 100:02d}{born.month:02d}45{rng.randint(100, 999)}{rng.randint(100, 999)}"
            mem.append((mid, p["id"], p["surname"] if k == 0 else rng.choice([p["surname"], rng.choice(SURNAMES)]),
                        p["given"] if k == 0 else rng.choice(GIVEN), _iso(born), "DEMANDEUR" if k == 0 else ("CONJOINT" if k == 1 else "ENFANT"), nir))
            if k == 0 and p["opened"].year <= 2025 and rng.random() < 0.5:
                extract.append((max(2021, p["opened"].year), p["terr"], nir, p["surname"].upper(), _iso(born),
                                ["isolé", "couple", "isolé avec enfants", "couple avec enfants"][min(3, p["size"] - 1)], rng.choice("ON")))
    _ins(con, "foyer", ["id_foyer", "num_allocataire", "adresse", "commune", "id_secteur", "date_ouverture", "date_cloture", "statut"], foy)
    _ins(con, "membre", ["id_membre", "id_foyer", "nom", "prenom", "date_naissance", "lien", "nir"], mem)
    _ins(con, "affectation", ["id_affectation", "id_agent", "id_foyer", "date_debut", "date_fin"],
         [(i, a["staff"], a["person"], _iso(a["start"]), _iso(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "rendez_vous", ["id_rdv", "id_foyer", "id_agent", "jour", "synthese"],
         [(i, c["person"], c["staff"], _iso(c["day"]), c["note"]) for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "trace_acces", ["id_trace", "id_agent", "id_foyer", "horodatage", "action"],
         [(i, r["staff"], r["person"], _epoch(r["at"]), "LECTURE" if r["act"] == "read" else "ECRITURE") for i, r in enumerate(w["log"], 1)])
    sc = cfg["scopes"]
    _ins(con, "habilitation", ["id", "profil", "objet", "perimetre", "droit"], [
        (1, "TS_FOYER", "rendez_vous", sc["wide"] if cfg["plant"].get("wide_scope") else sc["caseload"], "LE"),
        (2, "TS_FOYER", "foyer", sc["caseload"], "LE"), (3, "TS_FOYER", "membre", sc["caseload"], "LE"),
        (4, "CHEF_SERVICE", "foyer", sc["unit"], "L"), (5, "CHEF_SERVICE", "stat_secteur_annee", sc["unit"], "L"),
        (6, "ACCUEIL", "foyer", sc["unit"], "L"), (7, "ACCUEIL", "rendez_vous", sc["unit"], "-")])
    _ins(con, "stat_secteur_annee", ["annee", "id_secteur", "nb_foyers", "nb_rsa", "nb_accompagnements"],
         [(r["year"], r["terr"], *r["c"]) for r in w["stats"]])
    _ins(con, "stat_extraction_annuelle", ["annee", "id_secteur", "nir_demandeur", "nom_demandeur", "date_naissance_demandeur", "composition", "rsa"],
         sorted(extract))


def _foyers_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    day = "date(t.horodatage, 'unixepoch')"
    past = ("FROM foyer f JOIN (SELECT id_foyer k, MAX(jour) d FROM rendez_vous GROUP BY 1) r ON r.k = f.id_foyer "
            "WHERE f.statut <> 'ARCHIVE' AND MAX(r.d, COALESCE(f.date_cloture, '')) < ?")
    ident = 0
    for c in [r[1] for r in con.execute("PRAGMA table_info(stat_extraction_annuelle)")]:
        ident += c in ("nir_demandeur", "nom_demandeur", "date_naissance_demandeur")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM trace_acces"),
        "unexplained_reads": _one(con, f"SELECT COUNT(*) FROM trace_acces t JOIN foyer f ON f.id_foyer = t.id_foyer WHERE NOT EXISTS "
                                       f"(SELECT 1 FROM affectation a WHERE a.id_agent = t.id_agent AND a.id_foyer = t.id_foyer "
                                       f"AND {day} >= a.date_debut AND (a.date_fin IS NULL OR {day} <= a.date_fin))"),
        "reads_after_departure": _one(con, f"SELECT COUNT(*) FROM trace_acces t JOIN agent g ON g.id_agent = t.id_agent "
                                           f"WHERE g.date_depart IS NOT NULL AND {day} > g.date_depart"),
        "generic_accounts": _one(con, f"SELECT COUNT(*) FROM agent WHERE identifiant IN ({','.join('?' * len(cfg['plant']['generic']))})",
                                 *cfg["plant"]["generic"]),
        "departed_active": _one(con, "SELECT COUNT(*) FROM agent WHERE actif = 1 AND date_depart < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM habilitation WHERE profil = 'TS_FOYER' AND perimetre = ?", cfg["scopes"]["wide"]),
        "persons_past_period": _one(con, f"SELECT COUNT(*) FROM membre m WHERE m.id_foyer IN (SELECT f.id_foyer {past})", PERSON_CUTOFF.isoformat()),
        "households_past_period": _one(con, f"SELECT COUNT(*) {past}", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM trace_acces t WHERE date(t.horodatage, 'unixepoch') < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small_cells(con, "stat_secteur_annee", ["nb_foyers", "nb_rsa", "nb_accompagnements"]),
        "stats_identifier_columns": ident,
    }


# ------------------------------------------------------------------ h3e: UUID keys, CamelCase, compliant
def _uuid_db(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    uid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    con.executescript("""
    CREATE TABLE "Office" ("Id" TEXT PRIMARY KEY, "DisplayName" TEXT, "CreatedAt" TEXT);
    CREATE TABLE "StaffMember" ("Id" TEXT PRIMARY KEY, "UserPrincipalName" TEXT, "FamilyName" TEXT, "GivenName" TEXT, "RoleName" TEXT,
        "OfficeId" TEXT REFERENCES "Office"("Id"), "IsEnabled" INTEGER, "CreatedAt" TEXT, "OffboardedAt" TEXT, "PasswordHash" TEXT);
    CREATE TABLE "CaseFile" ("Id" TEXT PRIMARY KEY, "Reference" TEXT, "FamilyName" TEXT, "GivenName" TEXT, "BirthDate" TEXT,
        "OfficeId" TEXT REFERENCES "Office"("Id"), "OpenedAt" TEXT, "ClosedAt" TEXT, "LifecycleState" TEXT);
    CREATE TABLE "CaseAssignment" ("Id" TEXT PRIMARY KEY, "StaffMemberId" TEXT REFERENCES "StaffMember"("Id"),
        "CaseFileId" TEXT REFERENCES "CaseFile"("Id"), "ValidFrom" TEXT, "ValidTo" TEXT);
    CREATE TABLE "CaseNote" ("Id" TEXT PRIMARY KEY, "CaseFileId" TEXT REFERENCES "CaseFile"("Id"),
        "AuthorId" TEXT REFERENCES "StaffMember"("Id"), "OccurredOn" TEXT, "Body" TEXT);
    CREATE TABLE "AccessAudit" ("Id" TEXT PRIMARY KEY, "ActorId" TEXT REFERENCES "StaffMember"("Id"),
        "CaseFileId" TEXT REFERENCES "CaseFile"("Id"), "OccurredAt" TEXT, "Operation" TEXT);
    CREATE TABLE "RolePermission" ("Id" TEXT PRIMARY KEY, "RoleName" TEXT, "Resource" TEXT, "Scope" TEXT, "CanRead" INTEGER, "CanWrite" INTEGER);
    CREATE TABLE "ReportingYearlyCounts" ("Year" INTEGER, "OfficeName" TEXT, "nb_demandes" INTEGER, "nb_rsa" INTEGER, "nb_accompagnements" INTEGER);
    """)
    oid = {i: uid() for i in range(1, len(w["terr"]) + 1)}
    sid = {s["id"]: uid() for s in w["staff"]}
    pid = {p["id"]: uid() for p in w["persons"]}
    _ins(con, "Office", ["Id", "DisplayName", "CreatedAt"], [(oid[i], n, "2017-09-01T00:00:00Z") for i, n in enumerate(w["terr"], 1)])
    role = {"social": "Caseworker", "manager": "TeamLead", "secretary": "Receptionist"}
    _ins(con, "StaffMember", ["Id", "UserPrincipalName", "FamilyName", "GivenName", "RoleName", "OfficeId", "IsEnabled", "CreatedAt", "OffboardedAt",
                              "PasswordHash"],
         [(sid[s["id"]], s["login"], s["surname"], s["given"], role[s["role"]], oid[s["terr"]], int(s["active"]), f"{s['joined']}T08:00:00Z",
           s["left"] and f"{s['left']}T17:00:00Z", "$2b$12$" + s["pwd"][:53]) for s in w["staff"]])
    _ins(con, "CaseFile", ["Id", "Reference", "FamilyName", "GivenName", "BirthDate", "OfficeId", "OpenedAt", "ClosedAt", "LifecycleState"],
         [(pid[p["id"]], f"CF-{p['id']:06d}", p["surname"], p["given"], _iso(p["birth"]), oid[p["terr"]], f"{p['opened']}T09:00:00Z",
           p["closed"] and f"{p['closed']}T12:00:00Z", "Archived" if p["archived"] else ("Closed" if p["closed"] else "Open")) for p in w["persons"]])
    _ins(con, "CaseAssignment", ["Id", "StaffMemberId", "CaseFileId", "ValidFrom", "ValidTo"],
         [(uid(), sid[a["staff"]], pid[a["person"]], _iso(a["start"]), _iso(a["end"])) for a in w["assigns"]])
    _ins(con, "CaseNote", ["Id", "CaseFileId", "AuthorId", "OccurredOn", "Body"],
         [(uid(), pid[c["person"]], sid[c["staff"]], _iso(c["day"]), c["note"]) for c in w["contacts"]])
    _ins(con, "AccessAudit", ["Id", "ActorId", "CaseFileId", "OccurredAt", "Operation"],
         [(uid(), sid[r["staff"]], pid[r["person"]], r["at"].strftime("%Y-%m-%dT%H:%M:%SZ"), "Read" if r["act"] == "read" else "Update")
          for r in w["log"]])
    _ins(con, "RolePermission", ["Id", "RoleName", "Resource", "Scope", "CanRead", "CanWrite"], [
        (uid(), "Caseworker", "CaseNote", "AssignedCases", 1, 1), (uid(), "Caseworker", "CaseFile", "AssignedCases", 1, 1),
        (uid(), "TeamLead", "ReportingYearlyCounts", "Office", 1, 0), (uid(), "Receptionist", "Office", "Office", 1, 0)])
    _ins(con, "ReportingYearlyCounts", ["Year", "OfficeName", "nb_demandes", "nb_rsa", "nb_accompagnements"],
         [(r["year"], w["terr"][r["terr"] - 1], *r["c"]) for r in w["stats"]])


def _uuid_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    return {
        "log_rows": _one(con, 'SELECT COUNT(*) FROM "AccessAudit"'),
        "unexplained_reads": _one(con, 'SELECT COUNT(*) FROM "AccessAudit" l JOIN "CaseFile" c ON c."Id" = l."CaseFileId" '
                                       'LEFT JOIN "StaffMember" s ON s."Id" = l."ActorId" WHERE NOT EXISTS (SELECT 1 FROM "CaseAssignment" a '
                                       'WHERE a."StaffMemberId" = l."ActorId" AND a."CaseFileId" = c."Id") '
                                       'AND (s."OfficeId" IS NULL OR s."OfficeId" <> c."OfficeId")'),
        "reads_after_departure": _one(con, 'SELECT COUNT(*) FROM "AccessAudit" l JOIN "StaffMember" s ON s."Id" = l."ActorId" '
                                           'WHERE s."OffboardedAt" IS NOT NULL AND substr(l."OccurredAt", 1, 10) > substr(s."OffboardedAt", 1, 10)'),
        "generic_accounts": 0,
        "departed_active": _one(con, 'SELECT COUNT(*) FROM "StaffMember" WHERE "IsEnabled" = 1 AND substr("OffboardedAt", 1, 10) < ?', AS_OF.isoformat()),
        "wide_scope_grants": _one(con, '''SELECT COUNT(*) FROM "RolePermission" WHERE "RoleName" = 'Caseworker' AND "Scope" NOT IN ('AssignedCases')'''),
        "persons_past_period": _one(con, 'SELECT COUNT(*) FROM "CaseFile" c JOIN (SELECT "CaseFileId" k, MAX("OccurredOn") d FROM "CaseNote" '
                                         'GROUP BY 1) n ON n.k = c."Id" WHERE c."LifecycleState" <> \'Archived\' '
                                         'AND MAX(n.d, COALESCE(substr(c."ClosedAt", 1, 10), \'\')) < ?', PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, 'SELECT COUNT(*) FROM "AccessAudit" WHERE substr("OccurredAt", 1, 10) < ?', LOG_CUTOFF.isoformat()),
        "stats_small_cells": _small_cells(con, "ReportingYearlyCounts", ["nb_demandes", "nb_rsa", "nb_accompagnements"]),
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ the five databases
def _login_dot(g: str, s: str, i: int) -> str:
    return f"{g[0].lower()}.{s.lower()}{i}"


HELD_OUT_3: dict[str, dict[str, Any]] = {
    "h3a_django_suivi": {
        "seed": 3101, "persons": 420, "social_per_terr": 4, "admin": True, "admin_entries": 14, "stat_small": 11,
        "territories": ["Orléans Nord", "Orléans Sud", "Montargis", "Pithiviers", "Gien"],
        "login": _login_dot, "render": _django, "expected": _django_expected,
        "scopes": {"caseload": "mes suivis", "unit": "territoire", "wide": "tous les territoires"},
        "plant": {"generic": ["permanence.rsa", "accueil2"], "departed_active": True, "after_departure": 7, "unexplained": 17,
                  "wide_scope": True, "old_share": 0.12},
    },
    "h3b_odoo_ccas": {
        "seed": 3202, "persons": 260, "social_per_terr": 3,
        "territories": ["Centre-ville", "La Source", "Les Blossières", "Saint-Marceau"],
        "login": lambda g, s, i: f"{g.lower()}.{s.lower()}@ccas-orleans.fr", "render": _odoo, "expected": _odoo_expected,
        "plant": {"generic": ["stagiaires@ccas-orleans.fr", "pole.social@ccas-orleans.fr"], "departed_active": True, "after_departure": 12,
                  "unexplained": 31, "wide_scope": True, "old_share": 0.22},
    },
    "h3c_access_fr": {
        "seed": 3303, "persons": 150, "social_per_terr": 3, "stat_small": 14,
        "territories": ["Antenne de Vierzon", "Antenne de Bourges", "Antenne de Saint-Amand"],
        "login": lambda g, s, i: f"{s.upper()[:6]}{g[0].upper()}", "render": _access, "expected": _access_expected,
        "scopes": {"caseload": "Ses dossiers", "unit": "Son antenne", "wide": "Toutes les antennes"},
        "plant": {"generic": ["ACCUEIL2", "POSTE-PERM"], "departed_active": True, "after_departure": 5, "unexplained": 9,
                  "wide_scope": True, "old_share": 0.30},
    },
    "h3d_foyers_epoch": {
        "seed": 3404, "persons": 240, "social_per_terr": 3, "stat_small": 9, "colleague_reads": False,
        "territories": ["Secteur 1 - Nord", "Secteur 2 - Est", "Secteur 3 - Sud", "Secteur 4 - Ouest"],
        "login": lambda g, s, i: f"{g.lower()}{s.lower()[:1]}{i:03d}", "render": _foyers, "expected": _foyers_expected,
        "scopes": {"caseload": "AFFECTES", "unit": "SECTEUR", "wide": "DEPARTEMENT"},
        "plant": {"generic": ["equipe.ts", "renfort01"], "departed_active": True, "after_departure": 8, "unexplained": 14,
                  "stale_reads": 12, "handover": True, "wide_scope": True, "old_share": 0.15},
    },
    "h3e_uuid_compliant": {
        "seed": 3505, "persons": 600, "social_per_terr": 4, "stat_small": 0, "compliant": True,
        "territories": ["Northgate", "Riverside", "Canal", "Old Market", "Station", "Parkside"],
        "login": lambda g, s, i: f"{g.lower()}.{s.lower()}@agency.example", "render": _uuid_db, "expected": _uuid_expected,
        "plant": {"old_share": 0.18},
    },
}


def build(name: str, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one database of the third held-out set; return (path, expected figures counted by SQL on the file)."""
    cfg = HELD_OUT_3[name]
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
    exp["half"] = "held_out_3"
    return path, exp
