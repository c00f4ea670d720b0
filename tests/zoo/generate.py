#!/usr/bin/env python3
"""A zoo of small social-service databases in naming styles the project has not used.

Each database is drawn from one seeded world (units, workers and accounts,
persons followed, dated contacts, assignments, an access log, application
rights) and written in its own style: English snake_case with ``app_``
prefixes, CamelCase, uppercase legacy abbreviations, one schema per module as
prefixed tables, no declared foreign key, a log that names the person by a
non-key file number, assignments by unit only, archive and closure markers,
text timestamps, a workplace service with an HR table.

Problems are planted (unexplained reads, reads after departure, generic and
departed-but-active accounts, line workers with a wide scope, persons kept past
the period, old log lines) and **recounted by plain SQL on the written file**,
with the style's own names, never through auditor's code: ``expected.json``
beside each database. Compliant databases plant nothing (hard negatives).

A read is explained by an assignment only during the assignment's period (open bounds are open): in the
worlds with unit-level assignments only, the reads a departed worker makes in the unit they used to cover are
unexplained as well as after departure.

Half of the zoo (``HELD_OUT``) was written before any change to the auditor
and must never be used for tuning; ``DEV`` is the half one may look at.
``HELD_OUT_3`` (``heldout3.py``) is a third held-out set drawn by its own code,
different in structure as well as in names (Django, Odoo, an Access-like French
tool, households with epoch timestamps, a UUID compliant one). ``DEV_RIGHTS``
(``dev_rights.py``) adds dev databases whose rights are reached through group
tables and scope filters (Symfony-like, Keycloak-like composite roles, a narrow
Django hard negative). ``DEV_GROUPS``
(``dev_groups.py``) is a dev set of groups of persons (ASE families and children,
CAF-like beneficiaries and dependants, a hard negative with a household column).

Usage: python tests/zoo/generate.py OUT_DIR [--only NAME ...]
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import json
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 6, 30)
PERSON_CUTOFF = dt.date(2024, 6, 30)  # 24 months before AS_OF
LOG_CUTOFF = dt.date(2025, 6, 30)  # 12 months before AS_OF

LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
        "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
        "Andre", "Mercier", "Dupont", "Lambert", "Bonnet", "Francois", "Martinez", "Legrand"]
FIRST = ["Marie", "Jean", "Pierre", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Michel", "Philippe", "Alain",
         "Nicolas", "Christophe", "Sophie", "Julien", "Camille", "Lucas", "Emma", "Hugo", "Chloe", "Louis", "Lea",
         "Manon", "Ines", "Nadia", "Karim", "Yanis", "Fatou", "Moussa", "Aicha", "Olivier"]
NOTES = ["Point sur la situation administrative.", "Entretien de suivi, démarches en cours.",
         "Appel téléphonique pour un rendez-vous.", "Aide à la constitution du dossier.",
         "Orientation vers le partenaire logement.", "Bilan du plan d'accompagnement."]


# ------------------------------------------------------------------ the world
@dataclass
class World:
    units: list[dict[str, Any]] = field(default_factory=list)
    workers: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    assign_person: list[dict[str, Any]] = field(default_factory=list)
    assign_unit: list[dict[str, Any]] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)
    grants: list[dict[str, Any]] = field(default_factory=list)


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def _ts(rng: random.Random, d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))


def world(seed: int, st: dict[str, Any]) -> World:
    """The conceptual content; ``st['plant']`` says which problems to plant (empty: compliant)."""
    rng = random.Random(seed)
    plant = st.get("plant", {})
    w = World()
    n_units = st.get("units", 4)
    for u in range(1, n_units + 1):
        w.units.append({"id": u, "name": st["unit_names"][u - 1], "region": "R1" if u <= n_units // 2 else "R2"})
    wid = 0

    def worker(role: str, unit: int, login: str | None = None, departed: dt.date | None = None, active: bool = True) -> dict:
        nonlocal wid
        wid += 1
        last, first = rng.choice(LAST), rng.choice(FIRST)
        rec = {"id": wid, "login": login or f"{first[0].lower()}{last.lower()}{wid}", "last": last, "first": first,
               "role": role, "unit": unit, "active": active, "departure": departed,
               "pwd": "$2b$12$" + hashlib.sha256(f"{seed}-{wid}".encode()).hexdigest()[:53]}
        w.workers.append(rec)
        return rec

    for u in range(1, n_units + 1):
        for _ in range(3):
            worker("social", u)
        worker("manager", u)
        worker("secretary", u)
    for login in plant.get("generic", []):
        worker("secretary", 1, login=login)
    departed = []
    if plant.get("departed"):
        departed.append(worker("social", 2, departed=dt.date(2025, 9, 30), active=True))   # left, still active
        departed.append(worker("social", 3, departed=dt.date(2026, 1, 31), active=False))  # left, closed
    else:
        departed.append(worker("social", 2, departed=dt.date(2026, 1, 31), active=False))  # left properly
    social = {u: [x for x in w.workers if x["role"] == "social" and x["unit"] == u and x["departure"] is None]
              for u in range(1, n_units + 1)}
    colleagues = {u: [x for x in w.workers if x["unit"] == u and x["departure"] is None and x["role"] != "manager"]
                  for u in range(1, n_units + 1)}
    # unit-level assignments: every worker covers their own unit; a few social workers cover a second one
    for x in w.workers:
        w.assign_unit.append({"worker": x["id"], "unit": x["unit"], "start": dt.date(2018, 1, 1), "end": x["departure"]})
    for u in range(1, n_units + 1):
        extra = social[u][0]
        other = u % n_units + 1
        w.assign_unit.append({"worker": extra["id"], "unit": other, "start": dt.date(2020, 1, 1), "end": None})
    old_share = plant.get("old_share", 0.0)
    n_persons = st.get("persons", 260)
    used_files: set[str] = set()
    for pid in range(1, n_persons + 1):
        u = rng.randint(1, n_units)
        ref = rng.choice(social[u])
        old = rng.random() < old_share
        if old:
            last_contact = _day(rng, dt.date(2019, 6, 1), dt.date(2024, 5, 31))
        else:
            last_contact = _day(rng, dt.date(2024, 8, 1), dt.date(2026, 6, 25))
        created = last_contact - dt.timedelta(days=rng.randint(30, 900))
        archived = old and rng.random() < 0.4
        closed = None
        if old and not archived and rng.random() < 0.35:
            closed = _day(rng, dt.date(2024, 8, 1), dt.date(2026, 5, 31))  # closed recently: not past the period
        elif archived:
            closed = last_contact + dt.timedelta(days=rng.randint(1, 60))
        elif not old and rng.random() < 0.15:
            closed = last_contact + dt.timedelta(days=rng.randint(0, 20))
            if closed > AS_OF:
                closed = AS_OF
        if st.get("compliant") and old:
            archived, closed = True, last_contact + dt.timedelta(days=10)
        while True:
            file_no = f"{st.get('file_prefix', 'D')}{rng.randint(100000, 999999)}"
            if file_no not in used_files:
                used_files.add(file_no)
                break
        w.persons.append({"id": pid, "file": file_no, "last": rng.choice(LAST), "first": rng.choice(FIRST),
                          "birth": _day(rng, dt.date(1950, 1, 1), dt.date(2004, 12, 31)), "unit": u,
                          "created": created, "archived": archived, "closed": closed, "ref": ref["id"],
                          "leaving": (_day(rng, dt.date(2021, 1, 1), dt.date(2026, 5, 1)) if rng.random() < 0.2 else None)})
        w.assign_person.append({"worker": ref["id"], "person": pid, "start": created, "end": closed})
        k = rng.randint(1, 4)
        days = sorted({last_contact} | {_day(rng, created, last_contact) for _ in range(k - 1)})
        for d in days:
            w.contacts.append({"person": pid, "worker": ref["id"], "date": d, "note": rng.choice(NOTES)})
            w.log.append({"worker": ref["id"], "person": pid, "ts": _ts(rng, d), "action": "read"})
            if rng.random() < 0.3:
                w.log.append({"worker": ref["id"], "person": pid, "ts": _ts(rng, d), "action": "edit"})
        for _ in range(rng.randint(0, 2)):  # a colleague of the same unit
            col = rng.choice(colleagues[u])
            w.log.append({"worker": col["id"], "person": pid, "ts": _ts(rng, _day(rng, created, last_contact)), "action": "read"})
    # reads by the departed workers after their departure (same unit: explained, but after departure)
    for dep in departed:
        same = [p for p in w.persons if p["unit"] == dep["unit"]]
        n_after = plant.get("after_departure", 0) if dep["active"] else (plant.get("after_departure", 0) // 2)
        for _ in range(n_after):
            p = rng.choice(same)
            w.log.append({"worker": dep["id"], "person": p["id"], "ts": _ts(rng, _day(rng, dep["departure"] + dt.timedelta(days=1), AS_OF)), "action": "read"})
        for _ in range(6):
            p = rng.choice(same)
            w.log.append({"worker": dep["id"], "person": p["id"], "ts": _ts(rng, _day(rng, dt.date(2025, 1, 1), dep["departure"] - dt.timedelta(days=1))), "action": "read"})
    # unexplained reads: social workers opening files of persons of a unit they do not cover, not assigned to them
    for _ in range(plant.get("unexplained", 0)):
        x = rng.choice([x for x in w.workers if x["role"] == "social" and x["departure"] is None])
        covered = {a["unit"] for a in w.assign_unit if a["worker"] == x["id"]}
        p = rng.choice([p for p in w.persons if p["unit"] not in covered])
        w.log.append({"worker": x["id"], "person": p["id"], "ts": _ts(rng, _day(rng, dt.date(2025, 1, 1), AS_OF)), "action": "read"})
    if st.get("compliant"):
        w.log = [r for r in w.log if r["ts"].date() > LOG_CUTOFF]
    w.log.sort(key=lambda r: (r["ts"], r["worker"], r["person"]))
    sc = st["scopes"]
    obj = st["objects"]
    w.grants = [
        {"role": "social", "object": obj["contacts"], "scope": sc["wide"] if plant.get("wide_scope") else sc["caseload"], "read": True},
        {"role": "social", "object": obj["persons"], "scope": sc["caseload"], "read": True},
        # a manager reading the case notes is itself a problem (hierarchy and secrecy): never in a compliant world
        {"role": "manager", "object": obj["contacts"], "scope": sc["unit"], "read": not st.get("compliant")},
        {"role": "manager", "object": obj["persons"], "scope": sc["unit"], "read": True},
        {"role": "secretary", "object": obj["persons"], "scope": sc["unit"], "read": True},
        {"role": "secretary", "object": obj["contacts"], "scope": sc["unit"], "read": False},
    ]
    return w


# ------------------------------------------------------------------ rendering
def _fmt_date(d: dt.date | None, how: str) -> Any:
    if d is None:
        return None
    if how == "fr":
        return d.strftime("%d/%m/%Y")
    if how in ("epoch_s", "epoch_ms"):  # integer seconds (or milliseconds) since 1970, UTC midnight
        s = calendar.timegm(d.timetuple())
        return s * 1000 if how == "epoch_ms" else s
    return d.isoformat()


def _fmt_ts(t: dt.datetime, how: str) -> Any:
    if how in ("epoch_s", "epoch_ms"):  # integer seconds (or milliseconds) since 1970, UTC
        s = calendar.timegm(t.timetuple())
        return s * 1000 if how == "epoch_ms" else s
    if how == "iso_t":
        return t.strftime("%Y-%m-%dT%H:%M:%S")
    if how == "fr":
        return t.strftime("%d/%m/%Y %H:%M:%S")
    return t.strftime("%Y-%m-%d %H:%M:%S")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def render(w: World, st: dict[str, Any], path: Path) -> None:
    """Write the world into ``path`` in the style ``st``."""
    if path.exists():
        path.unlink()
    T, C = st["tables"], st["cols"]
    fk = st.get("fk", True)
    con = sqlite3.connect(path)
    key_type = {"int": "INTEGER", "code": "TEXT"}

    def wkey(i: int) -> Any:
        return f"{st.get('worker_code', '')}{i:04d}" if st.get("worker_code") else i

    def ukey(i: int) -> Any:
        return f"{st.get('unit_code', '')}{i:02d}" if st.get("unit_code") else i

    wt = key_type["code" if st.get("worker_code") else "int"]
    ut = key_type["code" if st.get("unit_code") else "int"]
    ref = (lambda t, c: f" REFERENCES {_q(T[t])}({_q(C[t][c])})") if fk else (lambda t, c: "")
    ddl = {
        "units": f"CREATE TABLE {_q(T['units'])} ({_q(C['units']['id'])} {ut} PRIMARY KEY, {_q(C['units']['name'])} TEXT, {_q(C['units']['region'])} TEXT)",
        "workers": (f"CREATE TABLE {_q(T['workers'])} ({_q(C['workers']['id'])} {wt} PRIMARY KEY, {_q(C['workers']['login'])} TEXT, "
                    f"{_q(C['workers']['last'])} TEXT, {_q(C['workers']['first'])} TEXT, {_q(C['workers']['role'])} TEXT, "
                    + (f"{_q(C['workers']['unit'])} {ut}{ref('units', 'id')}, " if "unit" in C["workers"] else "")
                    + f"{_q(C['workers']['active'])} {st.get('active_type', 'INTEGER')}, {_q(C['workers']['departure'])} {st.get('date_type', 'DATE')}, "
                    f"{_q(C['workers']['pwd'])} TEXT)"),
        "persons": (f"CREATE TABLE {_q(T['persons'])} ({_q(C['persons']['id'])} INTEGER PRIMARY KEY, {_q(C['persons']['file'])} TEXT, "
                    f"{_q(C['persons']['last'])} TEXT, {_q(C['persons']['first'])} TEXT, {_q(C['persons']['birth'])} {st.get('date_type', 'DATE')}, "
                    f"{_q(C['persons']['unit'])} {ut}{ref('units', 'id')}, {_q(C['persons']['created'])} {st.get('date_type', 'DATE')}, "
                    + (f"{_q(C['persons']['leaving'])} {st.get('date_type', 'DATE')}, " if "leaving" in C["persons"] else "")
                    + f"{_q(C['persons']['archived'])} {st.get('archived_type', 'INTEGER')}, {_q(C['persons']['closed'])} {st.get('date_type', 'DATE')})"),
        "contacts": (f"CREATE TABLE {_q(T['contacts'])} ({_q(C['contacts']['id'])} INTEGER PRIMARY KEY, "
                     f"{_q(C['contacts']['person'])} INTEGER{ref('persons', 'id')}, {_q(C['contacts']['worker'])} {wt}{ref('workers', 'id')}, "
                     f"{_q(C['contacts']['date'])} {st.get('date_type', 'DATE')}, {_q(C['contacts']['note'])} TEXT)"),
        "log": (f"CREATE TABLE {_q(T['log'])} ({_q(C['log']['id'])} INTEGER PRIMARY KEY, {_q(C['log']['worker'])} {wt}{ref('workers', 'id')}, "
                f"{_q(C['log']['person'])} {'TEXT' if st.get('log_by_file') else 'INTEGER' + ref('persons', 'id')}, "
                f"{_q(C['log']['ts'])} {st.get('ts_type', 'TIMESTAMP')}, {_q(C['log']['action'])} TEXT)"),
        "grants": (f"CREATE TABLE {_q(T['grants'])} ({_q(C['grants']['id'])} INTEGER PRIMARY KEY, {_q(C['grants']['role'])} TEXT, "
                   f"{_q(C['grants']['object'])} TEXT, {_q(C['grants']['scope'])} TEXT, {_q(C['grants']['read'])} TEXT)"),
    }
    if "assign_person" in T:
        a = C["assign_person"]
        ddl["assign_person"] = (f"CREATE TABLE {_q(T['assign_person'])} ({_q(a['id'])} INTEGER PRIMARY KEY, {_q(a['worker'])} {wt}{ref('workers', 'id')}, "
                                f"{_q(a['person'])} INTEGER{ref('persons', 'id')}, {_q(a['start'])} {st.get('date_type', 'DATE')}, {_q(a['end'])} {st.get('date_type', 'DATE')})")
    if "assign_unit" in T:
        a = C["assign_unit"]
        ddl["assign_unit"] = (f"CREATE TABLE {_q(T['assign_unit'])} ({_q(a['id'])} INTEGER PRIMARY KEY, {_q(a['worker'])} {wt}{ref('workers', 'id')}, "
                              f"{_q(a['unit'])} {ut}{ref('units', 'id')}, {_q(a['start'])} {st.get('date_type', 'DATE')}, {_q(a['end'])} {st.get('date_type', 'DATE')})")
    for stmt in ddl.values():
        con.execute(stmt)
    dfmt = st.get("date_fmt", "iso")

    def ins(t: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        sql = f"INSERT INTO {_q(T[t])} ({', '.join(_q(C[t][c]) for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
        con.executemany(sql, [tuple(r[c] for c in cols) for r in rows])

    yes, no = st.get("bool_values", (1, 0))
    arch_yes, arch_no = st.get("archived_values", (1, 0))
    role_word = st["roles"]
    ins("units", [{"id": ukey(u["id"]), "name": u["name"], "region": u["region"]} for u in w.units])
    wrows = []
    for x in w.workers:
        r = {"id": wkey(x["id"]), "login": x["login"], "last": x["last"], "first": x["first"], "role": role_word[x["role"]]}
        if "unit" in C["workers"]:
            r["unit"] = ukey(x["unit"])
        r.update({"active": yes if x["active"] else no, "departure": _fmt_date(x["departure"], dfmt), "pwd": x["pwd"]})
        wrows.append(r)
    ins("workers", wrows)
    prows = []
    for p in w.persons:
        r = {"id": p["id"], "file": p["file"], "last": p["last"], "first": p["first"], "birth": _fmt_date(p["birth"], dfmt),
             "unit": ukey(p["unit"]), "created": _fmt_date(p["created"], dfmt)}
        if "leaving" in C["persons"]:
            r["leaving"] = _fmt_date(p["leaving"], dfmt)
        r.update({"archived": arch_yes if p["archived"] else arch_no, "closed": _fmt_date(p["closed"], dfmt)})
        prows.append(r)
    ins("persons", prows)
    ins("contacts", [{"id": i, "person": c["person"], "worker": wkey(c["worker"]), "date": _fmt_date(c["date"], dfmt), "note": c["note"]}
                     for i, c in enumerate(w.contacts, 1)])
    if "assign_person" in T:
        ins("assign_person", [{"id": i, "worker": wkey(a["worker"]), "person": a["person"], "start": _fmt_date(a["start"], dfmt),
                               "end": _fmt_date(a["end"], dfmt)} for i, a in enumerate(w.assign_person, 1)])
    if "assign_unit" in T:
        ins("assign_unit", [{"id": i, "worker": wkey(a["worker"]), "unit": ukey(a["unit"]), "start": _fmt_date(a["start"], dfmt),
                             "end": _fmt_date(a["end"], dfmt)} for i, a in enumerate(w.assign_unit, 1)])
    files = {p["id"]: p["file"] for p in w.persons}
    ins("log", [{"id": i, "worker": wkey(r["worker"]), "person": files[r["person"]] if st.get("log_by_file") else r["person"],
                 "ts": _fmt_ts(r["ts"], st.get("ts_fmt", "iso")), "action": st["actions"][r["action"]]} for i, r in enumerate(w.log, 1)])
    ry, rn = st.get("read_values", ("1", "0"))
    ins("grants", [{"id": i, "role": role_word[g["role"]], "object": g["object"], "scope": g["scope"], "read": ry if g["read"] else rn}
                   for i, g in enumerate(w.grants, 1)])
    con.commit()
    con.execute("VACUUM")
    con.close()


# ------------------------------------------------------------------ expected figures, plain SQL
def _iso(expr: str, how: str) -> str:
    """SQL: ISO day from a stored date/timestamp text of format ``how``."""
    if how == "fr":
        return f"(substr({expr},7,4)||'-'||substr({expr},4,2)||'-'||substr({expr},1,2))"
    if how == "epoch_s":
        return f"date({expr},'unixepoch')"
    if how == "epoch_ms":
        return f"date({expr}/1000,'unixepoch')"
    return f"substr({expr},1,10)"


def expected(path: Path, st: dict[str, Any]) -> dict[str, Any]:
    """The planted figures, recounted by SQL on the written file with the style's own names."""
    T, C = st["tables"], st["cols"]
    q = _q
    con = sqlite3.connect(path)
    one = lambda sql, *a: con.execute(sql, a).fetchone()[0]  # noqa: E731
    L, P, W, G = T["log"], T["persons"], T["workers"], T["grants"]
    lc, pc, wc, gc = C["log"], C["persons"], C["workers"], C["grants"]
    dfmt, tfmt = st.get("date_fmt", "iso"), st.get("ts_fmt", "iso")
    pkey = pc["file"] if st.get("log_by_file") else pc["id"]
    expl = []
    day = _iso("l." + q(lc["ts"]), tfmt)

    def during(alias: str, a: dict[str, str]) -> str:
        # an assignment explains a read made during its period (open bounds are open)
        b, f = _iso(f"{alias}.{q(a['start'])}", dfmt), _iso(f"{alias}.{q(a['end'])}", dfmt)
        return (f" AND ({alias}.{q(a['start'])} IS NULL OR {day} >= {b})"
                f" AND ({alias}.{q(a['end'])} IS NULL OR {day} <= {f})")

    if "assign_person" in T:
        a = C["assign_person"]
        expl.append(f"EXISTS (SELECT 1 FROM {q(T['assign_person'])} a WHERE a.{q(a['worker'])} = l.{q(lc['worker'])} AND a.{q(a['person'])} = p.{q(pc['id'])}"
                    f"{during('a', a)})")
    if "assign_unit" in T:
        a = C["assign_unit"]
        expl.append(f"EXISTS (SELECT 1 FROM {q(T['assign_unit'])} au WHERE au.{q(a['worker'])} = l.{q(lc['worker'])} AND au.{q(a['unit'])} = p.{q(pc['unit'])}"
                    f"{during('au', a)})")
    if "unit" in wc:
        expl.append(f"(w.{q(wc['unit'])} IS NOT NULL AND w.{q(wc['unit'])} = p.{q(pc['unit'])})")
    base = (f"FROM {q(L)} l JOIN {q(P)} p ON p.{q(pkey)} = l.{q(lc['person'])} "
            f"LEFT JOIN {q(W)} w ON w.{q(wc['id'])} = l.{q(lc['worker'])}")
    out: dict[str, Any] = {}
    out["log_rows"] = one(f"SELECT COUNT(*) FROM {q(L)}")
    out["unexplained_reads"] = one(f"SELECT COUNT(*) {base} WHERE NOT ({' OR '.join(expl)})")
    out["reads_after_departure"] = one(
        f"SELECT COUNT(*) FROM {q(L)} l JOIN {q(W)} w ON w.{q(wc['id'])} = l.{q(lc['worker'])} "
        f"WHERE w.{q(wc['departure'])} IS NOT NULL AND {_iso('l.' + q(lc['ts']), tfmt)} > {_iso('w.' + q(wc['departure']), dfmt)}")
    gen = st.get("plant", {}).get("generic", [])
    out["generic_accounts"] = one(f"SELECT COUNT(*) FROM {q(W)} WHERE {q(wc['login'])} IN ({','.join('?' * len(gen)) or 'NULL'})", *gen)
    yes = st.get("bool_values", (1, 0))[0]
    out["departed_active"] = one(f"SELECT COUNT(*) FROM {q(W)} WHERE {q(wc['active'])} = ? AND {q(wc['departure'])} IS NOT NULL "
                                 f"AND {_iso(q(wc['departure']), dfmt)} < ?", yes, AS_OF.isoformat())
    out["wide_scope_grants"] = one(f"SELECT COUNT(*) FROM {q(G)} WHERE {q(gc['role'])} = ? AND {q(gc['scope'])} = ?",
                                   st["roles"]["social"], st["scopes"]["wide"])
    cc = C["contacts"]
    arch_yes = st.get("archived_values", (1, 0))[0]
    out["persons_past_period"] = one(
        f"SELECT COUNT(*) FROM {q(P)} p JOIN (SELECT {q(cc['person'])} k, MAX({_iso(q(cc['date']), dfmt)}) d FROM {q(T['contacts'])} GROUP BY 1) c "
        f"ON c.k = p.{q(pc['id'])} WHERE p.{q(pc['archived'])} IS NOT ? "
        f"AND MAX(c.d, COALESCE({_iso('p.' + q(pc['closed']), dfmt)}, '')) < ?", arch_yes, PERSON_CUTOFF.isoformat())
    out["log_past_period"] = one(f"SELECT COUNT(*) FROM {q(L)} WHERE {_iso(q(lc['ts']), tfmt)} < ?", LOG_CUTOFF.isoformat())
    con.close()
    return out


# ------------------------------------------------------------------ styles
PROBLEMS = {"generic": [], "departed": True, "after_departure": 9, "unexplained": 23, "wide_scope": True, "old_share": 0.18}


def _style(**kw: Any) -> dict[str, Any]:
    return kw


# Written before any change to the auditor; never tuned on.
HELD_OUT: dict[str, dict[str, Any]] = {
    # Django-like English snake_case, app_ prefixes, declared keys, archive flag and closing date on the client
    "h1_app_snake": _style(
        seed=101, plant={**PROBLEMS, "generic": ["frontdesk", "intake.shared"]},
        unit_names=["Riverside", "Hilltop", "Old Town", "Harbour"],
        tables={"units": "app_site", "workers": "app_staffuser", "persons": "app_client", "contacts": "app_casenote",
                "assign_person": "app_caseassignment", "log": "app_accesslog", "grants": "app_permission"},
        cols={"units": {"id": "id", "name": "name", "region": "area"},
              "workers": {"id": "id", "login": "username", "last": "last_name", "first": "first_name", "role": "job_title",
                          "unit": "site_id", "active": "is_active", "departure": "left_on", "pwd": "password"},
              "persons": {"id": "id", "file": "file_number", "last": "last_name", "first": "first_name", "birth": "birth_date",
                          "unit": "site_id", "created": "created_on", "archived": "is_archived", "closed": "closed_on"},
              "contacts": {"id": "id", "person": "client_id", "worker": "author_id", "date": "noted_on", "note": "body"},
              "assign_person": {"id": "id", "worker": "staff_id", "person": "client_id", "start": "starts_on", "end": "ends_on"},
              "log": {"id": "id", "worker": "user_id", "person": "client_id", "ts": "accessed_at", "action": "action"},
              "grants": {"id": "id", "role": "job_title", "object": "resource", "scope": "scope", "read": "can_read"}},
        roles={"social": "case worker", "manager": "team lead", "secretary": "front desk"},
        scopes={"caseload": "own caseload", "unit": "site", "wide": "organisation-wide"},
        objects={"contacts": "app_casenote", "persons": "app_client"},
        actions={"read": "view", "edit": "change"}, read_values=("true", "false"),
    ),
    # Legacy vendor, uppercase abbreviations, no declared key, assignments by unit only, the log names the
    # person by a non-key file number, timestamps as French text, O/N flags
    "h2_legacy_upper": _style(
        seed=202, plant={**PROBLEMS, "generic": ["PERM_SOC", "ACC_MDS"]}, fk=False, log_by_file=True,
        worker_code="AG", unit_code="U", file_prefix="DS",
        unit_names=["CIRC NORD", "CIRC SUD", "CIRC EST", "CIRC OUEST"],
        tables={"units": "UNI", "workers": "AGT", "persons": "BNF", "contacts": "ENTR", "assign_unit": "AFF_UNI",
                "log": "TRC_CNS", "grants": "HAB"},
        cols={"units": {"id": "CD_UNI", "name": "LB_UNI", "region": "CD_REG"},
              "workers": {"id": "CD_AGT", "login": "LGN_AGT", "last": "NM_AGT", "first": "PN_AGT", "role": "CD_FCT",
                          "active": "TOP_ACT", "departure": "DT_SOR", "pwd": "PWD_HSH"},
              "persons": {"id": "ID_BNF", "file": "NO_DOS", "last": "NM_BNF", "first": "PN_BNF", "birth": "DT_NAI",
                          "unit": "CD_UNI", "created": "DT_CRE", "archived": "TOP_ARC", "closed": "DT_CLO"},
              "contacts": {"id": "ID_ENT", "person": "ID_BNF", "worker": "CD_AGT", "date": "DT_ENT", "note": "TX_ENT"},
              "assign_unit": {"id": "ID_AFF", "worker": "CD_AGT", "unit": "CD_UNI", "start": "DT_DEB", "end": "DT_FIN"},
              "log": {"id": "ID_TRC", "worker": "CD_AGT", "person": "NO_DOS", "ts": "DH_CNS", "action": "CD_ACT"},
              "grants": {"id": "ID_HAB", "role": "CD_FCT", "object": "CD_OBJ", "scope": "CD_PER", "read": "TOP_LEC"}},
        roles={"social": "ASS", "manager": "RESP", "secretary": "SECR"},
        scopes={"caseload": "PORTF", "unit": "UNIT", "wide": "TTES"},
        objects={"contacts": "ENTR", "persons": "BNF"},
        actions={"read": "CONS", "edit": "MODIF"}, bool_values=("O", "N"), archived_values=("O", "N"),
        active_type="TEXT", archived_type="TEXT", read_values=("O", "N"),
        date_type="TEXT", date_fmt="fr", ts_type="TEXT", ts_fmt="fr",
    ),
    # National company's workplace service in CamelCase, HR table of employees with a leaving date, contact
    # sheets, follow-ups with periods, a read log whose person column has no usual name, ISO text timestamps
    "h3_camel_workplace": _style(
        seed=303, plant={**PROBLEMS, "generic": ["helpdesk", "SocialTeam"]}, fk=False,
        unit_names=["Lyon Part-Dieu", "Paris La Defense", "Lille Europe", "Marseille Joliette"],
        tables={"units": "Site", "workers": "UserAccount", "persons": "Employee", "contacts": "ContactSheet",
                "assign_person": "FollowUp", "log": "ReadLog", "grants": "AccessRight"},
        cols={"units": {"id": "SiteId", "name": "SiteName", "region": "Region"},
              "workers": {"id": "AccountId", "login": "UserName", "last": "LastName", "first": "FirstName", "role": "Profile",
                          "unit": "SiteId", "active": "Enabled", "departure": "EndDate", "pwd": "PasswordHash"},
              "persons": {"id": "EmployeeId", "file": "PersonnelNo", "last": "LastName", "first": "FirstName", "birth": "BirthDate",
                          "unit": "SiteId", "created": "HireDate", "leaving": "LeavingDate", "archived": "Archived", "closed": "FileClosedOn"},
              "contacts": {"id": "ContactSheetId", "person": "EmployeeId", "worker": "AccountId", "date": "ContactDate", "note": "Summary"},
              "assign_person": {"id": "FollowUpId", "worker": "AccountId", "person": "EmployeeId", "start": "StartDate", "end": "EndDate"},
              "log": {"id": "ReadLogId", "worker": "AccountId", "person": "Subject", "ts": "ReadAt", "action": "Verb"},
              "grants": {"id": "AccessRightId", "role": "Profile", "object": "Target", "scope": "Perimeter", "read": "CanRead"}},
        roles={"social": "SocialWorker", "manager": "HRBusinessPartner", "secretary": "Assistant"},
        scopes={"caseload": "Caseload", "unit": "Site", "wide": "WholeCompany"},
        objects={"contacts": "ContactSheet", "persons": "Employee"},
        actions={"read": "READ", "edit": "WRITE"}, ts_type="TEXT", ts_fmt="iso_t", read_values=("Y", "N"),
        archived_values=("Y", "N"), archived_type="TEXT",
    ),
    # One schema per module (prefixed tables), a status column for archiving, the log by file number: compliant
    "h4_modules_compliant": _style(
        seed=404, plant={}, compliant=True, log_by_file=True, file_prefix="F-",
        unit_names=["Unit A", "Unit B", "Unit C", "Unit D"],
        tables={"units": "org__unit", "workers": "iam__account", "persons": "crm__person", "contacts": "crm__visit",
                "assign_person": "crm__assignment", "log": "audit__read_event", "grants": "iam__grant"},
        cols={"units": {"id": "pk", "name": "label", "region": "zone"},
              "workers": {"id": "pk", "login": "handle", "last": "surname", "first": "given_name", "role": "profile",
                          "unit": "unit_fk", "active": "enabled", "departure": "left_day", "pwd": "secret_hash"},
              "persons": {"id": "pk", "file": "folio", "last": "surname", "first": "given_name", "birth": "dob",
                          "unit": "unit_fk", "created": "opened", "archived": "status", "closed": "closed"},
              "contacts": {"id": "pk", "person": "person_fk", "worker": "account_fk", "date": "visit_day", "note": "memo"},
              "assign_person": {"id": "pk", "worker": "account_fk", "person": "person_fk", "start": "since", "end": "until"},
              "log": {"id": "pk", "worker": "account_fk", "person": "folio", "ts": "at", "action": "verb"},
              "grants": {"id": "pk", "role": "profile", "object": "target", "scope": "reach", "read": "allow_read"}},
        roles={"social": "caseworker", "manager": "supervisor", "secretary": "clerk"},
        scopes={"caseload": "assigned", "unit": "unit", "wide": "everything"},
        objects={"contacts": "crm__visit", "persons": "crm__person"},
        actions={"read": "read", "edit": "write"}, archived_values=("ARCHIVED", "ACTIVE"), archived_type="TEXT",
        ts_type="TEXT", read_values=("yes", "no"),
    ),
}

# The half one may look at while building.
DEV: dict[str, dict[str, Any]] = {
    # Hungarian tbl prefixes, no declared key, text timestamps, Y/N flags
    "d1_tbl_nofk": _style(
        seed=505, plant={**PROBLEMS, "generic": ["reception", "tempuser"]}, fk=False,
        unit_names=["North", "South", "East", "West"],
        tables={"units": "tblOffice", "workers": "tblUser", "persons": "tblPerson", "contacts": "tblVisit",
                "assign_person": "tblCaseload", "log": "tblAuditTrail", "grants": "tblRight"},
        cols={"units": {"id": "OfficeID", "name": "OfficeName", "region": "Area"},
              "workers": {"id": "UserID", "login": "Login", "last": "Surname", "first": "Forename", "role": "UserRole",
                          "unit": "OfficeID", "active": "IsActive", "departure": "LeftDate", "pwd": "PwdHash"},
              "persons": {"id": "PersonID", "file": "CaseRef", "last": "Surname", "first": "Forename", "birth": "DOB",
                          "unit": "OfficeID", "created": "Registered", "archived": "IsArchived", "closed": "ClosedDate"},
              "contacts": {"id": "VisitID", "person": "PersonID", "worker": "UserID", "date": "VisitDate", "note": "Notes"},
              "assign_person": {"id": "CaseloadID", "worker": "UserID", "person": "PersonID", "start": "FromDate", "end": "ToDate"},
              "log": {"id": "TrailID", "worker": "UserID", "person": "RecordKey", "ts": "Stamp", "action": "Operation"},
              "grants": {"id": "RightID", "role": "UserRole", "object": "Module", "scope": "Coverage", "read": "ReadAllowed"}},
        roles={"social": "Key Worker", "manager": "Service Manager", "secretary": "Admin Officer"},
        scopes={"caseload": "allocated cases", "unit": "office", "wide": "county"},
        objects={"contacts": "tblVisit", "persons": "tblPerson"},
        actions={"read": "OPEN", "edit": "SAVE"}, bool_values=("Y", "N"), active_type="TEXT", archived_values=("Y", "N"),
        archived_type="TEXT", ts_type="TEXT", read_values=("Y", "N"),
    ),
    # English snake_case modules, assignments by unit only, log by case number with French text timestamps
    "d2_modules_unit_only": _style(
        seed=606, plant={**PROBLEMS, "generic": ["duty.desk", "shared01"]}, fk=True, log_by_file=True, file_prefix="C",
        unit_names=["Team 1", "Team 2", "Team 3", "Team 4"],
        tables={"units": "org_team", "workers": "hr_worker", "persons": "social_household", "contacts": "social_contact",
                "assign_unit": "hr_worker_team", "log": "sec_access_trail", "grants": "sec_role_scope"},
        cols={"units": {"id": "team_id", "name": "team_label", "region": "district"},
              "workers": {"id": "worker_id", "login": "account_name", "last": "family_name", "first": "given_name", "role": "grade",
                          "active": "account_enabled", "departure": "end_of_contract", "pwd": "pw_digest"},
              "persons": {"id": "household_id", "file": "case_no", "last": "family_name", "first": "given_name", "birth": "born_on",
                          "unit": "team_id", "created": "opened_on", "archived": "archived", "closed": "closed_on"},
              "contacts": {"id": "contact_id", "person": "household_id", "worker": "worker_id", "date": "contact_on", "note": "summary"},
              "assign_unit": {"id": "id", "worker": "worker_id", "unit": "team_id", "start": "valid_from", "end": "valid_to"},
              "log": {"id": "trail_id", "worker": "worker_id", "person": "case_no", "ts": "happened", "action": "event"},
              "grants": {"id": "id", "role": "grade", "object": "resource", "scope": "extent", "read": "may_read"}},
        roles={"social": "social worker", "manager": "team manager", "secretary": "administrator"},
        scopes={"caseload": "own cases", "unit": "team", "wide": "whole district"},
        objects={"contacts": "social_contact", "persons": "social_household"},
        actions={"read": "open", "edit": "update"}, ts_type="TEXT", ts_fmt="fr", read_values=("1", "0"),
    ),
    # French-English workplace service: HR table, contact sheets, follow-ups, no declared key
    "d3_workplace_hr": _style(
        seed=707, plant={**PROBLEMS, "generic": ["poste.accueil", "equipe_sociale"]}, fk=False,
        unit_names=["Siege", "Usine Nord", "Usine Sud", "Entrepot"],
        tables={"units": "org_site", "workers": "app_compte", "persons": "hr_employee", "contacts": "fiche_contact",
                "assign_person": "suivi_salarie", "log": "log_lecture", "grants": "profil_droit"},
        cols={"units": {"id": "site_code", "name": "site_label", "region": "region_code"},
              "workers": {"id": "compte_id", "login": "login", "last": "nom", "first": "prenom", "role": "profil",
                          "unit": "site_code", "active": "actif", "departure": "date_fin", "pwd": "hash_mdp"},
              "persons": {"id": "emp_id", "file": "matricule", "last": "nom", "first": "prenom", "birth": "naissance",
                          "unit": "site_code", "created": "embauche", "leaving": "date_sortie", "archived": "archive", "closed": "cloture"},
              "contacts": {"id": "fiche_id", "person": "emp_id", "worker": "compte_id", "date": "date_fiche", "note": "texte"},
              "assign_person": {"id": "suivi_id", "worker": "compte_id", "person": "emp_id", "start": "debut", "end": "fin"},
              "log": {"id": "id", "worker": "compte_id", "person": "salarie_lu", "ts": "horodatage", "action": "type"},
              "grants": {"id": "id", "role": "profil", "object": "ecran", "scope": "etendue", "read": "lecture"}},
        roles={"social": "assistante sociale", "manager": "RRH", "secretary": "assistante administrative"},
        scopes={"caseload": "suivis", "unit": "site", "wide": "toute l'entreprise"},
        objects={"contacts": "fiche_contact", "persons": "hr_employee"},
        actions={"read": "lecture", "edit": "maj"}, ts_type="TEXT", ts_fmt="iso_t", read_values=("1", "0"),
    ),
    # CamelCase, unit-only assignments, text timestamps, everything old archived: compliant
    "d4_camel_compliant": _style(
        seed=808, plant={}, compliant=True, fk=False,
        unit_names=["Alpha", "Beta", "Gamma", "Delta"],
        tables={"units": "Branch", "workers": "Operator", "persons": "Beneficiary", "contacts": "Meeting",
                "assign_unit": "OperatorBranch", "log": "ViewHistory", "grants": "ProfileRight"},
        cols={"units": {"id": "BranchId", "name": "BranchName", "region": "Zone"},
              "workers": {"id": "OperatorId", "login": "Username", "last": "LastName", "first": "FirstName", "role": "Profile",
                          "active": "Active", "departure": "ExitDate", "pwd": "PasswordHash"},
              "persons": {"id": "BeneficiaryId", "file": "FileNumber", "last": "LastName", "first": "FirstName", "birth": "BirthDate",
                          "unit": "BranchId", "created": "CreatedOn", "archived": "ArchivedFlag", "closed": "ClosedOn"},
              "contacts": {"id": "MeetingId", "person": "BeneficiaryId", "worker": "OperatorId", "date": "MeetingDate", "note": "Minutes"},
              "assign_unit": {"id": "OperatorBranchId", "worker": "OperatorId", "unit": "BranchId", "start": "FromDate", "end": "ToDate"},
              "log": {"id": "ViewHistoryId", "worker": "OperatorId", "person": "BeneficiaryId", "ts": "ViewedAt", "action": "Kind"},
              "grants": {"id": "ProfileRightId", "role": "Profile", "object": "Screen", "scope": "Reach", "read": "CanView"}},
        roles={"social": "Counsellor", "manager": "Coordinator", "secretary": "Receptionist"},
        scopes={"caseload": "assigned files", "unit": "branch", "wide": "all branches"},
        objects={"contacts": "Meeting", "persons": "Beneficiary"},
        actions={"read": "VIEW", "edit": "EDIT"}, ts_type="TEXT", read_values=("true", "false"),
    ),
    # Laravel-like plural snake_case with an irregular plural (people), `<singular>_id` columns and `id` everywhere,
    # numeric action codes, a closing date whose name says nothing, a generic login outside any word list
    "d5_people_numeric_codes": _style(
        seed=1111, plant={**PROBLEMS, "generic": ["reception.desk", "relief01"]}, fk=False,
        unit_names=["Northgate", "Southbank", "Eastfield", "Westmoor"],
        tables={"units": "offices", "workers": "staff_members", "persons": "people", "contacts": "appointments",
                "assign_person": "case_assignments", "log": "activities", "grants": "abilities"},
        cols={"units": {"id": "id", "name": "title", "region": "district"},
              "workers": {"id": "id", "login": "handle", "last": "surname", "first": "forename", "role": "position",
                          "unit": "office_id", "active": "enabled", "departure": "terminated_on", "pwd": "password_digest"},
              "persons": {"id": "id", "file": "case_number", "last": "surname", "first": "forename", "birth": "date_of_birth",
                          "unit": "office_id", "created": "registered_on", "archived": "state", "closed": "finalised_on"},
              "contacts": {"id": "id", "person": "person_id", "worker": "staff_member_id", "date": "held_on", "note": "notes"},
              "assign_person": {"id": "id", "worker": "staff_member_id", "person": "person_id", "start": "from_date", "end": "to_date"},
              "log": {"id": "id", "worker": "staff_member_id", "person": "person_id", "ts": "logged_at", "action": "kind"},
              "grants": {"id": "id", "role": "position", "object": "resource", "scope": "reach", "read": "can_view"}},
        roles={"social": "case manager", "manager": "practice supervisor", "secretary": "intake clerk"},
        scopes={"caseload": "assigned", "unit": "office", "wide": "all offices"},
        objects={"contacts": "appointments", "persons": "people"},
        actions={"read": "1", "edit": "2"}, ts_type="TEXT", read_values=("1", "0"),
        archived_values=("purged", "current"), archived_type="TEXT",
    ),
}

# A second held-out pair, written after the service model existed and measured once, never tuned on.
HELD_OUT_2: dict[str, dict[str, Any]] = {
    # Oracle-like T_ prefixes and column prefixes, codes, no declared key, log by file number with a one-letter action
    "h5_oracle_prefixes": _style(
        seed=909, plant={**PROBLEMS, "generic": ["accueil.site2", "remplacement"]}, fk=False, log_by_file=True,
        worker_code="U", file_prefix="PX",
        unit_names=["SITE NORD", "SITE SUD", "SITE EST", "SITE OUEST"],
        tables={"units": "T_SITE", "workers": "T_UTIL", "persons": "T_PERS", "contacts": "T_RDV",
                "assign_person": "T_REF", "log": "T_TRACE", "grants": "T_HABIL"},
        cols={"units": {"id": "SITE_ID", "name": "SITE_LIB", "region": "SITE_ZONE"},
              "workers": {"id": "UTIL_ID", "login": "UTIL_LOGIN", "last": "UTIL_NOM", "first": "UTIL_PRENOM", "role": "UTIL_PROFIL",
                          "unit": "SITE_ID", "active": "UTIL_ACTIF", "departure": "UTIL_DT_FIN", "pwd": "UTIL_MDP"},
              "persons": {"id": "PERS_ID", "file": "PERS_DOSS_NUM", "last": "PERS_NOM", "first": "PERS_PRENOM", "birth": "PERS_DT_NAIS",
                          "unit": "SITE_ID", "created": "PERS_DT_CREA", "archived": "PERS_ETAT", "closed": "PERS_DT_FERM"},
              "contacts": {"id": "RDV_ID", "person": "PERS_ID", "worker": "UTIL_ID", "date": "RDV_DT", "note": "RDV_CR"},
              "assign_person": {"id": "REF_ID", "worker": "UTIL_ID", "person": "PERS_ID", "start": "REF_DT_DEB", "end": "REF_DT_FIN"},
              "log": {"id": "TRACE_ID", "worker": "UTIL_ID", "person": "PERS_DOSS_NUM", "ts": "TRACE_DH", "action": "TRACE_TYPE"},
              "grants": {"id": "HABIL_ID", "role": "UTIL_PROFIL", "object": "HABIL_OBJET", "scope": "HABIL_PERIM", "read": "HABIL_LECT"}},
        roles={"social": "TS", "manager": "CADRE", "secretary": "ACC"},
        scopes={"caseload": "PORTEF", "unit": "SITE", "wide": "TOUS_SITES"},
        objects={"contacts": "T_RDV", "persons": "T_PERS"},
        actions={"read": "L", "edit": "M"}, archived_values=("ARCH", "ACTF"), archived_type="TEXT",
        ts_type="TEXT", read_values=("O", "N"),
    ),
    # Rails-like plural snake_case, integer ids everywhere, no declared key, ISO text timestamps
    "h6_rails_plural": _style(
        seed=1010, plant={**PROBLEMS, "generic": ["frontoffice", "shared_inbox"]}, fk=False,
        unit_names=["Centre", "Quartier Nord", "Quartier Sud", "Vallee"],
        tables={"units": "sites", "workers": "users", "persons": "beneficiaries", "contacts": "visits",
                "assign_person": "caseloads", "log": "audit_events", "grants": "permissions"},
        cols={"units": {"id": "id", "name": "name", "region": "area"},
              "workers": {"id": "id", "login": "email_login", "last": "last_name", "first": "first_name", "role": "role",
                          "unit": "site_id", "active": "active", "departure": "deactivated_on", "pwd": "encrypted_password"},
              "persons": {"id": "id", "file": "reference", "last": "last_name", "first": "first_name", "birth": "born_on",
                          "unit": "site_id", "created": "created_at", "archived": "archived", "closed": "closed_at"},
              "contacts": {"id": "id", "person": "beneficiary_id", "worker": "user_id", "date": "happened_on", "note": "notes"},
              "assign_person": {"id": "id", "worker": "user_id", "person": "beneficiary_id", "start": "started_on", "end": "ended_on"},
              "log": {"id": "id", "worker": "user_id", "person": "beneficiary_id", "ts": "created_at", "action": "event"},
              "grants": {"id": "id", "role": "role", "object": "subject_class", "scope": "scope", "read": "can_read"}},
        roles={"social": "social_worker", "manager": "manager", "secretary": "front_office"},
        scopes={"caseload": "own", "unit": "site", "wide": "all"},
        objects={"contacts": "visits", "persons": "beneficiaries"},
        actions={"read": "show", "edit": "update"}, ts_type="TEXT", ts_fmt="iso_t", read_values=("t", "f"),
        bool_values=("t", "f"), active_type="TEXT", archived_values=("t", "f"), archived_type="TEXT",
    ),
}

try:  # the third held-out set has its own world and structures (heldout3.py)
    from tests.zoo.heldout3 import HELD_OUT_3, build as _build_held_out_3
except ImportError:  # run as a script from tests/zoo
    from heldout3 import HELD_OUT_3, build as _build_held_out_3  # type: ignore[no-redef]
try:  # the fourth held-out set, written by an outsider before the code change of its session (heldout4.py)
    from tests.zoo.heldout4 import HELD_OUT_4, build as _build_held_out_4
except ImportError:  # run as a script from tests/zoo
    from heldout4 import HELD_OUT_4, build as _build_held_out_4  # type: ignore[no-redef]
try:  # the fifth held-out set, written by an outsider before the code change of its session (heldout5.py)
    from tests.zoo.heldout5 import HELD_OUT_5, build as _build_held_out_5
except ImportError:  # run as a script from tests/zoo
    from heldout5 import HELD_OUT_5, build as _build_held_out_5  # type: ignore[no-redef]
try:  # the sixth held-out set, written by an outsider before the code change of its session (heldout6.py)
    from tests.zoo.heldout6 import HELD_OUT_6, build as _build_held_out_6
except ImportError:  # run as a script from tests/zoo
    from heldout6 import HELD_OUT_6, build as _build_held_out_6  # type: ignore[no-redef]
try:  # dev databases for rights through group tables and scope filters (dev_rights.py), half "dev_rights"
    from tests.zoo.dev_rights import DEV_RIGHTS, build as _build_dev_rights
except ImportError:  # run as a script from tests/zoo
    from dev_rights import DEV_RIGHTS, build as _build_dev_rights  # type: ignore[no-redef]

try:  # dev databases of groups of persons (households, families, dependants), with their own structures (dev_groups.py)
    from tests.zoo.dev_groups import DEV_GROUPS, build as _build_dev_groups
except ImportError:  # run as a script from tests/zoo
    from dev_groups import DEV_GROUPS, build as _build_dev_groups  # type: ignore[no-redef]

# sets drawn by their own module: name -> builder
_OWN_BUILDERS = {**{n: _build_held_out_3 for n in HELD_OUT_3}, **{n: _build_held_out_4 for n in HELD_OUT_4},
                 **{n: _build_held_out_5 for n in HELD_OUT_5}, **{n: _build_held_out_6 for n in HELD_OUT_6},
                 **{n: _build_dev_rights for n in DEV_RIGHTS}, **{n: _build_dev_groups for n in DEV_GROUPS}}
ALL = {**HELD_OUT, **DEV, **HELD_OUT_2, **HELD_OUT_3, **HELD_OUT_4, **HELD_OUT_5, **HELD_OUT_6, **DEV_RIGHTS, **DEV_GROUPS}


def build(name: str, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one zoo database and its expected figures; return (path, expected)."""
    if name in _OWN_BUILDERS:
        path, exp = _OWN_BUILDERS[name](name, out_dir)
        (out_dir / f"{name}.expected.json").write_text(json.dumps(exp, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return path, exp
    st = ALL[name]
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.sqlite"
    w = world(st["seed"], st)
    render(w, st, path)
    exp = expected(path, st)
    exp["compliant"] = bool(st.get("compliant"))
    exp["half"] = "held_out" if name in HELD_OUT else "held_out_2" if name in HELD_OUT_2 else "dev"
    (out_dir / f"{name}.expected.json").write_text(json.dumps(exp, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path, exp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    for name in args.only or list(ALL):
        path, exp = build(name, args.out)
        print(name, json.dumps(exp, sort_keys=True))


if __name__ == "__main__":
    main()
