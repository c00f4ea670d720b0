"""Dev databases for rights reached through group tables and scope filters (issue 13, part C1).

Written BEFORE the model learnt to read account ↔ role join tables and filter expressions, and scored before and
after (``bench/eval_zoo.py --only r1_symfony_acl r2_keycloak_composite r3_django_narrow``). They are dev data (one may
look at them while building); the world is drawn by ``heldout3.draw`` (territories, workers, persons, contacts,
assignments with periods, a log), only the rendering and the rights differ:

- ``r1_symfony_acl``: a Symfony-like application without declared foreign keys: ``utilisateur`` ↔
  ``utilisateur_role`` ↔ ``role`` (integer role ids, every account also holds ``ROLE_USER``), and a
  ``role_permission`` matrix (role id, resource, read flag, a SQL-ish ``filtre``): ``1=1`` is everything,
  ``dossier.referent_id = :current_user_id`` the own caseload, ``secteur_id = :user_secteur`` the unit.
- ``r2_keycloak_composite``: Keycloak-like tables with UUID text keys: ``user_entity`` ↔ ``user_role_mapping`` ↔
  ``keycloak_role``, composite roles (``composite_role``: a senior caseworker's role includes an archive reader's
  role), ``resource_permission`` with a ``condition`` in another syntax (``TRUE``, ``assigned_to == ${user.id}``,
  ``office_id == ${user.attributes.office_id}``). The wide grant is reached only through the composite role.
- ``r3_django_narrow``: hard negative (compliant world). Django ``auth_user`` ↔ ``auth_user_groups`` ↔
  ``auth_group`` + ``auth_group_permissions`` ↔ ``auth_permission`` (codenames ``view_personne``...) and a scope
  table of Odoo-like domains, every one narrow (the own caseload, the user's agency) but one that cannot be read
  (a call to a function of the application): it must be said « à vérifier », never called wide.

Expected figures (plain SQL on the written file, same keys as ``heldout3``): ``wide_scope_grants`` counts the
read grants on a case table whose filter is a tautology (or absent), held (directly or through a composite role) by
the line workers' role.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path
from typing import Any, Callable

try:
    from tests.zoo.heldout3 import AS_OF, LOG_CUTOFF, PERSON_CUTOFF, _ins, _iso, _one, draw
except ImportError:  # run as a script from tests/zoo
    from heldout3 import AS_OF, LOG_CUTOFF, PERSON_CUTOFF, _ins, _iso, _one, draw  # type: ignore[no-redef]


def _generic(con: sqlite3.Connection, table: str, col: str, logins: list[str]) -> int:
    return _one(con, f"SELECT COUNT(*) FROM {table} WHERE {col} IN ({','.join('?' * len(logins))})", *logins) if logins else 0


# ------------------------------------------------------------------ r1: Symfony-like, integer role ids, SQL-ish filters
def _symfony(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    con.executescript("""
    CREATE TABLE secteur (id INTEGER PRIMARY KEY, nom VARCHAR(80));
    CREATE TABLE utilisateur (id INTEGER PRIMARY KEY, email VARCHAR(180), password VARCHAR(255), nom VARCHAR(80), prenom VARCHAR(80),
        secteur_id INTEGER, actif BOOLEAN, date_sortie DATE, derniere_connexion DATETIME);
    CREATE TABLE role (id INTEGER PRIMARY KEY, code VARCHAR(60), libelle VARCHAR(120));
    CREATE TABLE utilisateur_role (utilisateur_id INTEGER NOT NULL, role_id INTEGER NOT NULL, PRIMARY KEY (utilisateur_id, role_id));
    CREATE TABLE role_permission (id INTEGER PRIMARY KEY, role_id INTEGER, ressource VARCHAR(60), peut_lire BOOLEAN, peut_modifier BOOLEAN,
        filtre TEXT);
    CREATE TABLE dossier (id INTEGER PRIMARY KEY, numero VARCHAR(20), nom VARCHAR(80), prenom VARCHAR(80), date_naissance DATE,
        secteur_id INTEGER, referent_id INTEGER, date_ouverture DATE, date_cloture DATE, archive BOOLEAN);
    CREATE TABLE affectation (id INTEGER PRIMARY KEY, utilisateur_id INTEGER, dossier_id INTEGER, debut DATE, fin DATE);
    CREATE TABLE entretien (id INTEGER PRIMARY KEY, dossier_id INTEGER, auteur_id INTEGER, date_entretien DATE, compte_rendu TEXT);
    CREATE TABLE journal_acces (id INTEGER PRIMARY KEY, utilisateur_id INTEGER, dossier_id INTEGER, horodatage DATETIME, action VARCHAR(20));
    """)
    _ins(con, "secteur", ["id", "nom"], [(i, n) for i, n in enumerate(w["terr"], 1)])
    _ins(con, "utilisateur", ["id", "email", "password", "nom", "prenom", "secteur_id", "actif", "date_sortie", "derniere_connexion"],
         [(s["id"], s["login"], "$2y$13$" + s["pwd"][:53], s["surname"], s["given"], s["terr"], s["active"], _iso(s["left"]),
           s["last_login"] and s["last_login"].isoformat(" ")) for s in w["staff"]])
    roles = {"user": (1, "ROLE_USER", "Utilisateur"), "social": (2, "ROLE_TRAVAILLEUR_SOCIAL", "Travailleur social"),
             "manager": (3, "ROLE_CHEF_SERVICE", "Chef de service"), "secretary": (4, "ROLE_ACCUEIL", "Agent d'accueil"),
             "admin": (5, "ROLE_ADMIN", "Administrateur")}
    _ins(con, "role", ["id", "code", "libelle"], list(roles.values()))
    ur = sorted({(s["id"], roles["user"][0]) for s in w["staff"]} | {(s["id"], roles[s["role"]][0]) for s in w["staff"]})
    _ins(con, "utilisateur_role", ["utilisateur_id", "role_id"], ur)
    wide = cfg["plant"].get("wide_scope")
    _ins(con, "role_permission", ["id", "role_id", "ressource", "peut_lire", "peut_modifier", "filtre"], [
        (1, 2, "entretien", 1, 1, "1=1" if wide else "entretien.auteur_id = :current_user_id"),
        (2, 2, "dossier", 1, 1, "dossier.referent_id = :current_user_id"),
        (3, 3, "secteur", 1, 0, "id = :user_secteur"),
        (4, 4, "secteur", 1, 0, "id = :user_secteur"),
        (5, 5, "utilisateur", 1, 1, "1=1"),
        (6, 1, "secteur", 1, 0, None)])
    _ins(con, "dossier", ["id", "numero", "nom", "prenom", "date_naissance", "secteur_id", "referent_id", "date_ouverture", "date_cloture", "archive"],
         [(p["id"], f"D{p['opened'].year}-{p['id']:05d}", p["surname"], p["given"], _iso(p["birth"]), p["terr"], p["ref"], _iso(p["opened"]),
           _iso(p["closed"]), p["archived"]) for p in w["persons"]])
    _ins(con, "affectation", ["id", "utilisateur_id", "dossier_id", "debut", "fin"],
         [(i, a["staff"], a["person"], _iso(a["start"]), _iso(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "entretien", ["id", "dossier_id", "auteur_id", "date_entretien", "compte_rendu"],
         [(i, c["person"], c["staff"], _iso(c["day"]), c["note"]) for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "journal_acces", ["id", "utilisateur_id", "dossier_id", "horodatage", "action"],
         [(i, r["staff"], r["person"], r["at"].isoformat(" "), "consultation" if r["act"] == "read" else "modification")
          for i, r in enumerate(w["log"], 1)])


def _symfony_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM journal_acces"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM journal_acces l JOIN dossier d ON d.id = l.dossier_id "
                                       "LEFT JOIN utilisateur u ON u.id = l.utilisateur_id WHERE NOT EXISTS (SELECT 1 FROM affectation a "
                                       "WHERE a.utilisateur_id = l.utilisateur_id AND a.dossier_id = d.id) "
                                       "AND (u.secteur_id IS NULL OR u.secteur_id <> d.secteur_id)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM journal_acces l JOIN utilisateur u ON u.id = l.utilisateur_id "
                                           "WHERE u.date_sortie IS NOT NULL AND substr(l.horodatage, 1, 10) > u.date_sortie"),
        "generic_accounts": _generic(con, "utilisateur", "email", cfg["plant"].get("generic", [])),
        "departed_active": _one(con, "SELECT COUNT(*) FROM utilisateur WHERE actif = 1 AND date_sortie < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM role_permission p JOIN role r ON r.id = p.role_id "
                                       "WHERE r.code = 'ROLE_TRAVAILLEUR_SOCIAL' AND p.peut_lire = 1 AND p.ressource IN ('dossier', 'entretien') "
                                       "AND (p.filtre IS NULL OR replace(p.filtre, ' ', '') = '1=1')"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM dossier d JOIN (SELECT dossier_id k, MAX(date_entretien) e FROM entretien "
                                         "GROUP BY 1) x ON x.k = d.id WHERE d.archive = 0 AND MAX(x.e, COALESCE(d.date_cloture, '')) < ?",
                                    PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM journal_acces WHERE substr(horodatage, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ r2: Keycloak-like, UUID keys, composite roles
def _keycloak(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    rng = w["rng"]
    uid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    con.executescript("""
    CREATE TABLE office (id VARCHAR(36) PRIMARY KEY, label VARCHAR(80));
    CREATE TABLE user_entity (id VARCHAR(36) PRIMARY KEY, username VARCHAR(255), email VARCHAR(255), first_name VARCHAR(255),
        last_name VARCHAR(255), enabled BOOLEAN, realm_id VARCHAR(36), office_id VARCHAR(36) REFERENCES office(id), offboarded_on DATE,
        created_timestamp BIGINT);
    CREATE TABLE credential (id VARCHAR(36) PRIMARY KEY, user_id VARCHAR(36) REFERENCES user_entity(id), type VARCHAR(255),
        secret_data TEXT, created_date BIGINT);
    CREATE TABLE keycloak_role (id VARCHAR(36) PRIMARY KEY, name VARCHAR(255), description VARCHAR(255), client_role BOOLEAN,
        composite BOOLEAN, realm_id VARCHAR(36));
    CREATE TABLE composite_role (composite VARCHAR(36) REFERENCES keycloak_role(id), child_role VARCHAR(36) REFERENCES keycloak_role(id));
    CREATE TABLE user_role_mapping (role_id VARCHAR(255), user_id VARCHAR(36) REFERENCES user_entity(id));
    CREATE TABLE resource_permission (id INTEGER PRIMARY KEY, role_id VARCHAR(36), resource VARCHAR(60), action VARCHAR(20), condition TEXT);
    CREATE TABLE case_file (id VARCHAR(36) PRIMARY KEY, file_no VARCHAR(20), family_name VARCHAR(80), given_name VARCHAR(80),
        birth_date DATE, office_id VARCHAR(36) REFERENCES office(id), assigned_to VARCHAR(36), opened_on DATE, closed_on DATE,
        status VARCHAR(20));
    CREATE TABLE case_assignment (id VARCHAR(36) PRIMARY KEY, case_file_id VARCHAR(36) REFERENCES case_file(id),
        user_id VARCHAR(36) REFERENCES user_entity(id), valid_from DATE, valid_to DATE);
    CREATE TABLE case_note (id VARCHAR(36) PRIMARY KEY, case_file_id VARCHAR(36) REFERENCES case_file(id),
        author_id VARCHAR(36) REFERENCES user_entity(id), noted_on DATE, body TEXT);
    CREATE TABLE event_log (id INTEGER PRIMARY KEY, user_id VARCHAR(36), case_file_id VARCHAR(36), event_time VARCHAR(30), type VARCHAR(20));
    """)
    realm = uid()
    oid = {i: uid() for i in range(1, len(w["terr"]) + 1)}
    sid = {s["id"]: uid() for s in w["staff"]}
    pid = {p["id"]: uid() for p in w["persons"]}
    _ins(con, "office", ["id", "label"], [(oid[i], n) for i, n in enumerate(w["terr"], 1)])
    _ins(con, "user_entity", ["id", "username", "email", "first_name", "last_name", "enabled", "realm_id", "office_id", "offboarded_on",
                              "created_timestamp"],
         [(sid[s["id"]], s["login"], f"{s['login']}@agency.example", s["given"], s["surname"], s["active"], realm, oid[s["terr"]],
           _iso(s["left"]), int(dt.datetime(s["joined"].year, s["joined"].month, s["joined"].day).timestamp()) * 1000) for s in w["staff"]])
    _ins(con, "credential", ["id", "user_id", "type", "secret_data", "created_date"],
         [(uid(), sid[s["id"]], "password", '{"value":"' + s["pwd"] + '","salt":"' + s["pwd"][:12] + '"}', 1600000000000) for s in w["staff"]])
    names = ["default-roles-agency", "offline_access", "uma_authorization", "caseworker", "caseworker-senior", "archive-reader",
             "team-lead", "front-desk", "realm-admin"]
    rid = {n: uid() for n in names}
    composite = {"default-roles-agency": ["offline_access", "uma_authorization"], "caseworker-senior": ["caseworker", "archive-reader"]}
    _ins(con, "keycloak_role", ["id", "name", "description", "client_role", "composite", "realm_id"],
         [(rid[n], n, None, False, n in composite, realm) for n in names])
    _ins(con, "composite_role", ["composite", "child_role"], [(rid[p], rid[c]) for p, cs in composite.items() for c in cs])
    maps = []
    for s in w["staff"]:
        maps.append((rid["default-roles-agency"], sid[s["id"]]))
        if s["role"] == "social":
            maps.append((rid["caseworker-senior" if s["id"] % 2 else "caseworker"], sid[s["id"]]))
        else:
            maps.append((rid[{"manager": "team-lead", "secretary": "front-desk", "admin": "realm-admin"}[s["role"]]], sid[s["id"]]))
    _ins(con, "user_role_mapping", ["role_id", "user_id"], maps)
    wide = cfg["plant"].get("wide_scope")
    _ins(con, "resource_permission", ["id", "role_id", "resource", "action", "condition"], [
        (1, rid["caseworker"], "case_file", "read", "assigned_to == ${user.id}"),
        (2, rid["caseworker"], "case_note", "read", "case_file.assigned_to == ${user.id}"),
        (3, rid["archive-reader"], "case_note", "read", "TRUE" if wide else "case_file.office_id == ${user.attributes.office_id}"),
        (4, rid["team-lead"], "office", "read", "TRUE"),
        (5, rid["front-desk"], "office", "read", "id == ${user.attributes.office_id}"),
        (6, rid["realm-admin"], "user_entity", "read", "TRUE")])
    status = lambda p: "ARCHIVED" if p["archived"] else ("CLOSED" if p["closed"] else "OPEN")  # noqa: E731
    _ins(con, "case_file", ["id", "file_no", "family_name", "given_name", "birth_date", "office_id", "assigned_to", "opened_on", "closed_on", "status"],
         [(pid[p["id"]], f"CF{p['id']:06d}", p["surname"], p["given"], _iso(p["birth"]), oid[p["terr"]], sid[p["ref"]], _iso(p["opened"]),
           _iso(p["closed"]), status(p)) for p in w["persons"]])
    _ins(con, "case_assignment", ["id", "case_file_id", "user_id", "valid_from", "valid_to"],
         [(uid(), pid[a["person"]], sid[a["staff"]], _iso(a["start"]), _iso(a["end"])) for a in w["assigns"]])
    _ins(con, "case_note", ["id", "case_file_id", "author_id", "noted_on", "body"],
         [(uid(), pid[c["person"]], sid[c["staff"]], _iso(c["day"]), c["note"]) for c in w["contacts"]])
    _ins(con, "event_log", ["id", "user_id", "case_file_id", "event_time", "type"],
         [(i, sid[r["staff"]], pid[r["person"]], r["at"].strftime("%Y-%m-%dT%H:%M:%S.000Z"), "VIEW" if r["act"] == "read" else "UPDATE")
          for i, r in enumerate(w["log"], 1)])


def _keycloak_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    # the roles a line worker holds, directly or through a composite role (one level is enough here)
    held = ("SELECT m.role_id FROM user_role_mapping m JOIN keycloak_role r ON r.id = m.role_id WHERE r.name LIKE 'caseworker%' "
            "UNION SELECT c.child_role FROM composite_role c JOIN keycloak_role r ON r.id = c.composite WHERE r.name LIKE 'caseworker%'")
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM event_log"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM event_log l JOIN case_file c ON c.id = l.case_file_id "
                                       "LEFT JOIN user_entity u ON u.id = l.user_id WHERE NOT EXISTS (SELECT 1 FROM case_assignment a "
                                       "WHERE a.user_id = l.user_id AND a.case_file_id = c.id) "
                                       "AND (u.office_id IS NULL OR u.office_id <> c.office_id)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM event_log l JOIN user_entity u ON u.id = l.user_id "
                                           "WHERE u.offboarded_on IS NOT NULL AND substr(l.event_time, 1, 10) > u.offboarded_on"),
        "generic_accounts": _generic(con, "user_entity", "username", cfg["plant"].get("generic", [])),
        "departed_active": _one(con, "SELECT COUNT(*) FROM user_entity WHERE enabled = 1 AND offboarded_on < ?", AS_OF.isoformat()),
        "wide_scope_grants": _one(con, f"SELECT COUNT(*) FROM resource_permission p WHERE p.role_id IN ({held}) AND p.action = 'read' "
                                       "AND p.resource IN ('case_file', 'case_note') AND upper(trim(p.condition)) = 'TRUE'"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM case_file c JOIN (SELECT case_file_id k, MAX(noted_on) e FROM case_note "
                                         "GROUP BY 1) x ON x.k = c.id WHERE c.status <> 'ARCHIVED' AND MAX(x.e, COALESCE(c.closed_on, '')) < ?",
                                    PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM event_log WHERE substr(event_time, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


# ------------------------------------------------------------------ r3: Django groups and permissions, narrow domains (hard negative)
def _django_narrow(w: dict[str, Any], cfg: dict[str, Any], con: sqlite3.Connection) -> None:
    con.executescript("""
    CREATE TABLE django_content_type (id INTEGER PRIMARY KEY, app_label VARCHAR(100), model VARCHAR(100));
    CREATE TABLE auth_user (id INTEGER PRIMARY KEY, password VARCHAR(128), last_login DATETIME, is_superuser BOOL,
        username VARCHAR(150) UNIQUE, first_name VARCHAR(150), last_name VARCHAR(150), email VARCHAR(254), is_staff BOOL,
        is_active BOOL, date_joined DATETIME);
    CREATE TABLE auth_group (id INTEGER PRIMARY KEY, name VARCHAR(150) UNIQUE);
    CREATE TABLE auth_user_groups (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES auth_user(id),
        group_id INTEGER REFERENCES auth_group(id));
    CREATE TABLE auth_permission (id INTEGER PRIMARY KEY, content_type_id INTEGER REFERENCES django_content_type(id),
        codename VARCHAR(100), name VARCHAR(255));
    CREATE TABLE auth_group_permissions (id INTEGER PRIMARY KEY, group_id INTEGER REFERENCES auth_group(id),
        permission_id INTEGER REFERENCES auth_permission(id));
    CREATE TABLE accompagnement_agence (id INTEGER PRIMARY KEY, nom VARCHAR(80));
    CREATE TABLE accompagnement_profil (id INTEGER PRIMARY KEY, user_id INTEGER UNIQUE REFERENCES auth_user(id),
        agence_id INTEGER REFERENCES accompagnement_agence(id), date_depart DATE);
    CREATE TABLE accompagnement_personne (id INTEGER PRIMARY KEY, nom VARCHAR(100), prenom VARCHAR(100), date_naissance DATE,
        agence_id INTEGER REFERENCES accompagnement_agence(id), referent_id INTEGER REFERENCES auth_user(id), ouvert_le DATE,
        clos_le DATE, statut VARCHAR(20));
    CREATE TABLE accompagnement_suivi (id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES auth_user(id),
        personne_id INTEGER REFERENCES accompagnement_personne(id), debut DATE, fin DATE);
    CREATE TABLE accompagnement_note (id INTEGER PRIMARY KEY, personne_id INTEGER REFERENCES accompagnement_personne(id),
        auteur_id INTEGER REFERENCES auth_user(id), jour DATE, texte TEXT);
    CREATE TABLE accompagnement_perimetre (id INTEGER PRIMARY KEY, group_id INTEGER REFERENCES auth_group(id),
        content_type_id INTEGER REFERENCES django_content_type(id), domaine TEXT);
    CREATE TABLE accompagnement_consultation (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES auth_user(id),
        personne_id INTEGER REFERENCES accompagnement_personne(id), quand DATETIME, action VARCHAR(10));
    """)
    cts = [(1, "auth", "user"), (2, "auth", "group"), (5, "accompagnement", "personne"), (6, "accompagnement", "note"),
           (7, "accompagnement", "agence")]
    _ins(con, "django_content_type", ["id", "app_label", "model"], cts)
    perms, pid = [], 0
    for ct, _app, model in cts:
        for verb in ("add", "change", "delete", "view"):
            pid += 1
            perms.append((pid, ct, f"{verb}_{model}", f"Can {verb} {model}"))
    _ins(con, "auth_permission", ["id", "content_type_id", "codename", "name"], perms)
    code = {p[2]: p[0] for p in perms}
    groups = {"social": "Conseillers en insertion", "manager": "Encadrement", "secretary": "Accueil", "admin": "Administration"}
    gid = {k: i for i, k in enumerate(groups, 1)}
    _ins(con, "auth_group", ["id", "name"], [(gid[k], v) for k, v in groups.items()])
    gp = [(gid["social"], code[c]) for c in ("view_personne", "change_personne", "view_note", "add_note", "change_note")]
    gp += [(gid["manager"], code["view_agence"]), (gid["secretary"], code["view_agence"]),
           (gid["admin"], code["view_user"]), (gid["admin"], code["change_user"])]
    _ins(con, "auth_group_permissions", ["id", "group_id", "permission_id"], [(i, g, p) for i, (g, p) in enumerate(gp, 1)])
    _ins(con, "accompagnement_perimetre", ["id", "group_id", "content_type_id", "domaine"], [
        (1, gid["social"], 5, "[('referent_id', '=', user.id)]"),
        (2, gid["social"], 6, "regle_locale.visibles(request)"),  # not readable: « à vérifier », never wide
        (3, gid["manager"], 7, "[('id', '=', user.profil.agence_id.id)]"),
        (4, gid["secretary"], 7, "[('id', 'in', user.agence_ids.ids)]")])
    _ins(con, "accompagnement_agence", ["id", "nom"], [(i, n) for i, n in enumerate(w["terr"], 1)])
    _ins(con, "auth_user", ["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
                            "is_active", "date_joined"],
         [(s["id"], "pbkdf2_sha256$600000$" + s["pwd"][:22] + "$" + s["pwd"][22:], s["last_login"] and s["last_login"].isoformat(" "),
           s["role"] == "admin", s["login"], s["given"], s["surname"], f"{s['login']}@insertion.example", s["role"] == "admin", s["active"],
           f"{s['joined']} 09:00:00") for s in w["staff"]])
    _ins(con, "accompagnement_profil", ["id", "user_id", "agence_id", "date_depart"],
         [(s["id"], s["id"], s["terr"], _iso(s["left"])) for s in w["staff"]])
    _ins(con, "auth_user_groups", ["id", "user_id", "group_id"], [(s["id"], s["id"], gid[s["role"]]) for s in w["staff"]])
    _ins(con, "accompagnement_personne", ["id", "nom", "prenom", "date_naissance", "agence_id", "referent_id", "ouvert_le", "clos_le", "statut"],
         [(p["id"], p["surname"], p["given"], _iso(p["birth"]), p["terr"], p["ref"], _iso(p["opened"]), _iso(p["closed"]),
           "archive" if p["archived"] else ("clos" if p["closed"] else "ouvert")) for p in w["persons"]])
    _ins(con, "accompagnement_suivi", ["id", "agent_id", "personne_id", "debut", "fin"],
         [(i, a["staff"], a["person"], _iso(a["start"]), _iso(a["end"])) for i, a in enumerate(w["assigns"], 1)])
    _ins(con, "accompagnement_note", ["id", "personne_id", "auteur_id", "jour", "texte"],
         [(i, c["person"], c["staff"], _iso(c["day"]), c["note"]) for i, c in enumerate(w["contacts"], 1)])
    _ins(con, "accompagnement_consultation", ["id", "user_id", "personne_id", "quand", "action"],
         [(i, r["staff"], r["person"], r["at"].isoformat(" "), "lecture" if r["act"] == "read" else "maj") for i, r in enumerate(w["log"], 1)])


def _django_narrow_expected(con: sqlite3.Connection, cfg: dict[str, Any]) -> dict[str, Any]:
    return {
        "log_rows": _one(con, "SELECT COUNT(*) FROM accompagnement_consultation"),
        "unexplained_reads": _one(con, "SELECT COUNT(*) FROM accompagnement_consultation l JOIN accompagnement_personne p ON p.id = l.personne_id "
                                       "LEFT JOIN accompagnement_profil pa ON pa.user_id = l.user_id WHERE NOT EXISTS (SELECT 1 FROM "
                                       "accompagnement_suivi s WHERE s.agent_id = l.user_id AND s.personne_id = p.id) "
                                       "AND (pa.agence_id IS NULL OR pa.agence_id <> p.agence_id)"),
        "reads_after_departure": _one(con, "SELECT COUNT(*) FROM accompagnement_consultation l JOIN accompagnement_profil pa ON pa.user_id = l.user_id "
                                           "WHERE pa.date_depart IS NOT NULL AND substr(l.quand, 1, 10) > pa.date_depart"),
        "generic_accounts": _generic(con, "auth_user", "username", cfg["plant"].get("generic", [])),
        "departed_active": _one(con, "SELECT COUNT(*) FROM auth_user u JOIN accompagnement_profil pa ON pa.user_id = u.id "
                                     "WHERE u.is_active = 1 AND pa.date_depart < ?", AS_OF.isoformat()),
        # a read permission on a case model without a scope row, or with a tautology: none here
        "wide_scope_grants": _one(con, "SELECT COUNT(*) FROM auth_group_permissions gp JOIN auth_permission p ON p.id = gp.permission_id "
                                       "JOIN django_content_type ct ON ct.id = p.content_type_id WHERE p.codename LIKE 'view_%' "
                                       "AND ct.model IN ('personne', 'note') AND NOT EXISTS (SELECT 1 FROM accompagnement_perimetre s "
                                       "WHERE s.group_id = gp.group_id AND s.content_type_id = ct.id)"),
        "persons_past_period": _one(con, "SELECT COUNT(*) FROM accompagnement_personne p JOIN (SELECT personne_id k, MAX(jour) e FROM "
                                         "accompagnement_note GROUP BY 1) x ON x.k = p.id WHERE p.statut <> 'archive' "
                                         "AND MAX(x.e, COALESCE(p.clos_le, '')) < ?", PERSON_CUTOFF.isoformat()),
        "log_past_period": _one(con, "SELECT COUNT(*) FROM accompagnement_consultation WHERE substr(quand, 1, 10) < ?", LOG_CUTOFF.isoformat()),
        "stats_small_cells": 0,
        "stats_identifier_columns": 0,
    }


DEV_RIGHTS: dict[str, dict[str, Any]] = {
    "r1_symfony_acl": {
        "seed": 4101, "persons": 300, "social_per_terr": 3, "admin": True,
        "territories": ["Secteur Loire", "Secteur Cher", "Secteur Indre", "Secteur Vienne"],
        "login": lambda g, s, i: f"{g.lower()}.{s.lower()}@ccas-exemple.fr", "render": _symfony, "expected": _symfony_expected,
        "plant": {"generic": ["permanence@ccas-exemple.fr", "accueil2@ccas-exemple.fr"], "departed_active": True, "after_departure": 6,
                  "unexplained": 12, "wide_scope": True, "old_share": 0.2},
    },
    "r2_keycloak_composite": {
        "seed": 4202, "persons": 280, "social_per_terr": 4, "admin": True,
        "territories": ["North", "South", "East"],
        "login": lambda g, s, i: f"{g.lower()[0]}{s.lower()}{i}", "render": _keycloak, "expected": _keycloak_expected,
        "plant": {"generic": ["frontdesk", "intake-team"], "departed_active": True, "after_departure": 9, "unexplained": 15,
                  "wide_scope": True, "old_share": 0.18},
    },
    "r3_django_narrow": {
        "seed": 4303, "persons": 320, "social_per_terr": 4, "admin": True, "compliant": True,
        "territories": ["Agence Nord", "Agence Centre", "Agence Sud", "Agence Ouest", "Agence Est"],
        "login": lambda g, s, i: f"{g[0].lower()}{s.lower()}{i}", "render": _django_narrow, "expected": _django_narrow_expected,
        "plant": {"old_share": 0.15},
    },
}


def build(name: str, out_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one dev rights database; return (path, expected figures counted by SQL on the file)."""
    cfg = DEV_RIGHTS[name]
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
    exp["half"] = "dev_rights"
    return path, exp
