"""Rules on the database engine's own rights: PostgreSQL grants, row-level
security, ownership, default privileges; MySQL/MariaDB global and schema
grants; SQLite file permissions.

PostgreSQL catalog queries are fixed statements with bound parameters (no
name is ever pasted into SQL) and run only when the source is PostgreSQL.
Login roles are accounts: they appear only as keyed pseudonyms. Group roles
(NOLOGIN) are role names and are shown as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from auditor.context import CheckContext
from auditor.findings import Evidence, Finding, Severity
from auditor.sqlutil import norm
from checks.access.base import BOOK, plural
from checks.access.model import AppModel, build_model, role_family

PERSONAL_ROLES = ("persons", "case_file", "rights_requests", "access_log", "third_parties", "staff", "archive", "assignments")
SYSTEM_ACCOUNTS = {"root", "mysql.sys", "mariadb.sys", "mysql.session", "mysql.infoschema", "debian-sys-maint", "mysql"}

PG_TABLES = sa.text("""
SELECT c.oid, n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity, c.relowner
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname || '.' || c.relname = ANY(:names)
""")
PG_TABLE_ACL = sa.text("""
SELECT n.nspname || '.' || c.relname, a.grantee, NULL AS attname
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
     LATERAL aclexplode(COALESCE(c.relacl, acldefault('r', c.relowner))) a
WHERE n.nspname || '.' || c.relname = ANY(:names) AND a.privilege_type = 'SELECT'
UNION ALL
SELECT n.nspname || '.' || c.relname, a.grantee, at.attname
FROM pg_catalog.pg_attribute at JOIN pg_catalog.pg_class c ON c.oid = at.attrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace,
     LATERAL aclexplode(at.attacl) a
WHERE n.nspname || '.' || c.relname = ANY(:names) AND at.attacl IS NOT NULL
      AND a.privilege_type = 'SELECT' AND NOT at.attisdropped
""")
PG_ROLES = sa.text("""
SELECT r.oid, r.rolname, r.rolcanlogin, r.rolsuper, r.rolbypassrls, (r.rolname = current_user) AS is_me
FROM pg_catalog.pg_roles r
""")
PG_MEMBERS = sa.text("SELECT roleid, member FROM pg_catalog.pg_auth_members")
PG_CAN_READ = sa.text("""
SELECT r.oid, n.nspname || '.' || c.relname
FROM pg_catalog.pg_roles r CROSS JOIN pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE r.rolcanlogin AND n.nspname || '.' || c.relname = ANY(:names)
      AND has_schema_privilege(r.oid, n.oid, 'USAGE') AND has_any_column_privilege(r.oid, c.oid, 'SELECT')
""")
PG_ROLE_CAN_READ = sa.text("""
SELECT n.nspname || '.' || c.relname
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname || '.' || c.relname = ANY(:names)
      AND has_schema_privilege(CAST(:role AS oid), n.oid, 'USAGE')
      AND has_any_column_privilege(CAST(:role AS oid), c.oid, 'SELECT')
""")
PG_POLICIES = sa.text("""
SELECT n.nspname || '.' || c.relname, p.polname, pg_get_expr(p.polqual, p.polrelid) AS qual, p.polcmd
FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname || '.' || c.relname = ANY(:names)
""")
PG_SESSIONS = sa.text("""
SELECT s.usesysid, count(*) FROM pg_catalog.pg_stat_activity s
WHERE s.datname = current_database() AND s.pid <> pg_backend_pid() AND s.usesysid IS NOT NULL
      AND s.usename <> current_user
GROUP BY s.usesysid
""")
PG_DEFAULT_ACL = sa.text("""
SELECT d.defaclrole, COALESCE(n.nspname, '') AS schema, a.grantee
FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace,
     LATERAL aclexplode(d.defaclacl) a
WHERE d.defaclobjtype = 'r' AND a.privilege_type = 'SELECT'
      AND (d.defaclnamespace = 0 OR n.nspname = ANY(:schemas))
""")
PG_SCHEMA_PUBLIC_USAGE = sa.text("""
SELECT n.nspname
FROM pg_catalog.pg_namespace n, LATERAL aclexplode(COALESCE(n.nspacl, acldefault('n', n.nspowner))) a
WHERE n.nspname = ANY(:schemas) AND a.grantee = 0 AND a.privilege_type = 'USAGE'
""")


@dataclass
class PgRole:
    """A PostgreSQL role and what the rules need about it."""

    oid: int
    name: str
    login: bool
    superuser: bool
    bypassrls: bool
    is_me: bool
    parents: set[int] = field(default_factory=set)  # roles it belongs to, transitively
    login_members: set[int] = field(default_factory=set)  # login roles that belong to it, transitively


@dataclass
class PgState:
    """What the PostgreSQL catalogs say about the audited tables."""

    roles: dict[int, PgRole]
    tables: dict[str, dict[str, Any]]
    acl: dict[str, set[int]]  # table -> grantees of SELECT (0 = PUBLIC), table- or column-level
    readers: dict[str, set[int]]  # table -> login roles that can SELECT (has_any_column_privilege)
    policies: dict[str, list[tuple[str, str | None, str]]]
    full: dict[str, str] = field(default_factory=dict)  # "schema.table" -> name as shown
    public_usage: set[str] = field(default_factory=set)  # schemas on which PUBLIC has USAGE

    def schema_of(self, name: str) -> str:
        """The schema of a table or view, by its shown name."""
        return next((f.split(".", 1)[0] for f, n in self.full.items() if n == name), "")


def _full_names(ctx: CheckContext, conn: sa.Connection) -> dict[str, str]:
    """"schema.table" -> shown name, for every table and view of the catalog."""
    default = str(conn.execute(sa.text("SELECT current_schema()")).scalar())
    out = {}
    for t in [*ctx.catalog.tables.values(), *ctx.catalog.views.values()]:
        out[f"{t.schema or default}.{t.bare}"] = t.name
    return out


def _pg_state(ctx: CheckContext) -> PgState:
    cached = ctx.facts.get("access.pg")
    if cached is not None:
        return cached
    with ctx.engine.connect() as conn:
        full = _full_names(ctx, conn)
        names = sorted(full)
        roles = {int(r[0]): PgRole(int(r[0]), str(r[1]), bool(r[2]), bool(r[3]), bool(r[4]), bool(r[5]))
                 for r in conn.execute(PG_ROLES)}
        members = [(int(a), int(b)) for a, b in conn.execute(PG_MEMBERS)]
        tables = {full[str(r[1])]: {"oid": int(r[0]), "rls": bool(r[2]), "force_rls": bool(r[3]), "owner": int(r[4])}
                  for r in conn.execute(PG_TABLES, {"names": names})}
        acl: dict[str, set[int]] = defaultdict(set)
        for t, grantee, _att in conn.execute(PG_TABLE_ACL, {"names": names}):
            acl[full[str(t)]].add(int(grantee))
        readers: dict[str, set[int]] = defaultdict(set)
        for oid, t in conn.execute(PG_CAN_READ, {"names": names}):
            readers[full[str(t)]].add(int(oid))
        policies: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
        for t, pol, qual, cmd in conn.execute(PG_POLICIES, {"names": names}):
            policies[full[str(t)]].append((str(pol), qual, str(cmd)))
        schemas = sorted({s for s, _t in (f.split(".", 1) for f in full)})
        public_usage = {str(n) for (n,) in conn.execute(PG_SCHEMA_PUBLIC_USAGE, {"schemas": schemas})}
    parents_of: dict[int, set[int]] = defaultdict(set)
    for role, member in members:
        parents_of[member].add(role)
    for oid, r in roles.items():
        seen: set[int] = set()
        stack = list(parents_of.get(oid, ()))
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            stack.extend(parents_of.get(p, ()))
        r.parents = seen
    for oid, r in roles.items():
        if r.login:
            for p in r.parents:
                if p in roles:
                    roles[p].login_members.add(oid)
    state = PgState(roles, tables, dict(acl), dict(readers), dict(policies), full, public_usage)
    ctx.facts["access.pg"] = state
    return state


def _db_family(m: AppModel, st: PgState, r: PgRole) -> str:
    """Family of a database role from its own name, its groups' names or the policy's [access] db_role_families."""
    declared = m.cfg.get("db_role_families", {}) or {}
    names = [r.name] + [st.roles[p].name for p in sorted(r.parents) if p in st.roles]
    for fam in ("status_blind", "hierarchy", "social"):
        if any(n in declared.get(fam, []) for n in names):
            return fam
    fams = [role_family(m.cfg, n) for n in names]
    for fam in ("status_blind", "hierarchy", "social"):
        if fam in fams:
            return fam
    return "other"


def _who(ctx: CheckContext, r: PgRole) -> str:
    """A role as it may be shown: group roles by name, login roles by pseudonym."""
    return ctx.pseudonym("pg_roles", r.name, prefix="ACC") if r.login else r.name


def _personal_tables(ctx: CheckContext, m: AppModel) -> dict[str, str]:
    """Table -> role, for tables holding personal data."""
    out = {t.name: t.role for t in [*ctx.catalog.tables.values(), *ctx.catalog.views.values()] if t.role in PERSONAL_ROLES}
    for t in m.fact_tables.values():
        out[t.name] = t.role
    return out


def _sql_name(ctx: CheckContext, name: str) -> str:
    """A table as a statement must name it: qualified when it lives outside the connection's default schema."""
    info = ctx.catalog.relation(name)
    if info is not None and info.sql_schema and "." not in name:
        return f"{info.sql_schema}.{info.bare}"
    return name


def _is_pg(ctx: CheckContext) -> bool:
    return ctx.dialect == "postgresql"


def _ignored(st: PgState, oid: int, owners: set[int]) -> bool:
    r = st.roles.get(oid)
    return r is None or r.superuser or r.is_me or oid in owners


@BOOK.rule("access.db_grant_public")
def db_grant_public(ctx: CheckContext) -> Iterator[Finding]:
    """PostgreSQL: SELECT on a table with personal data granted to PUBLIC."""
    if not _is_pg(ctx):
        return
    m = build_model(ctx)
    st = _pg_state(ctx)
    for name, role in sorted(_personal_tables(ctx, m).items()):
        if 0 not in st.acl.get(name, set()):
            continue
        case = role in ("case_file", "rights_requests") or name in {t.name for t in m.fact_tables.values()}
        logins = sum(1 for r in st.roles.values() if r.login and not r.superuser)
        schema = st.schema_of(name)
        usable = schema in st.public_usage
        info = ctx.catalog.relation(name)
        what = info.kind_label if info is not None else "table"
        evidence = [Evidence(record=None, excerpt=f"droit SELECT accordé à PUBLIC sur {name}")]
        details: dict[str, Any] = {"table_role": role, "login_roles": logins}
        if schema and (usable is False or schema != "public"):
            evidence.append(Evidence(record=None, excerpt=(
                f"droit USAGE sur le schéma « {schema} » accordé à PUBLIC" if usable else
                f"pas de droit USAGE de PUBLIC sur le schéma « {schema} » : lisible par tout rôle qui accède au schéma")))
            details.update({"schema": schema, "public_usage_on_schema": usable})
        yield BOOK.finding(
            ctx, "access.db_grant_public", table=name, column=None, subject="PUBLIC",
            severity=(Severity.CRITICAL if case else Severity.HIGH) if usable or not schema else Severity.MEDIUM,
            title=(f"La {what} « {name} » est lisible par tous les rôles de la base (GRANT SELECT … TO PUBLIC)"
                   if what != "table" else
                   f"La table « {name} » est lisible par tous les rôles de la base (GRANT SELECT … TO PUBLIC)"),
            affected=m.persons_total(), total=m.persons_total(),
            evidence=evidence,
            details=details,
            why=(f"Les {logins} rôles de connexion de la base, et tout rôle créé demain, peuvent lire « {name} ». "
                 + BOOK.info.rules["access.db_grant_public"].why),
            recommendation=(f"REVOKE SELECT ON {_sql_name(ctx, name)} FROM PUBLIC ; accorder la lecture au seul rôle de l'application ou "
                            "au groupe des travailleurs sociaux, avec une politique de sécurité au niveau des lignes."),
        )


@BOOK.rule("access.db_grant_wide_role")
def db_grant_wide_role(ctx: CheckContext) -> Iterator[Finding]:
    """PostgreSQL: SELECT on personal tables granted to a role with many login members."""
    if not _is_pg(ctx):
        return
    m = build_model(ctx)
    st = _pg_state(ctx)
    limit = int(m.cfg.get("db_role_members_max", 10))
    tables = _personal_tables(ctx, m)
    grants: dict[int, list[str]] = defaultdict(list)
    for name in sorted(tables):
        for oid in st.acl.get(name, set()):
            r = st.roles.get(oid)
            if r is not None and not r.superuser and len(r.login_members) >= limit:
                grants[oid].append(name)
    for oid, names in sorted(grants.items(), key=lambda kv: st.roles[kv[0]].name):
        r = st.roles[oid]
        case = [n for n in names if tables[n] in ("case_file", "rights_requests")]
        yield BOOK.finding(
            ctx, "access.db_grant_wide_role", table=None, column=None, subject=r.name,
            severity=Severity.HIGH if case else Severity.MEDIUM,
            title=f"Le rôle « {r.name} » ({len(r.login_members)} comptes de connexion) lit {', '.join(names)}",
            affected=m.persons_total(), total=m.persons_total(),
            evidence=[Evidence(record=None, excerpt=f"GRANT SELECT ON {n} TO {r.name}") for n in names],
            details={"role": r.name, "login_members": len(r.login_members), "tables": names, "threshold": limit},
            why=(f"{len(r.login_members)} comptes de connexion héritent de ce droit, au-delà du seuil de {limit}. "
                 + BOOK.info.rules["access.db_grant_wide_role"].why),
            recommendation=(f"Retirer au rôle « {r.name} » la lecture de {', '.join(names)} (REVOKE SELECT) et la "
                            "réserver à un groupe limité aux professionnels qui suivent les personnes, avec une "
                            "politique de sécurité au niveau des lignes."),
        )


@BOOK.rule("access.db_non_social_login_reads")
def db_non_social_login_reads(ctx: CheckContext) -> Iterator[Finding]:
    """PostgreSQL: login roles of non-social staff (by name or group) that can read case tables."""
    if not _is_pg(ctx):
        return
    m = build_model(ctx)
    st = _pg_state(ctx)
    sensitive = {t.name for t in m.case_tables.values()} | {t.name for t in m.fact_tables.values()}
    for name in sorted(sensitive):
        info = st.tables.get(name)
        if info is None:
            continue
        owners = {info["owner"]}
        hits = []
        for oid in sorted(st.readers.get(name, set())):
            if _ignored(st, oid, owners):
                continue
            fam = _db_family(m, st, st.roles[oid])
            if fam in ("hierarchy", "status_blind"):
                hits.append((st.roles[oid], fam))
        if not hits:
            continue
        groups = sorted({st.roles[p].name for r, _f in hits for p in r.parents if p in st.roles
                         and role_family(m.cfg, st.roles[p].name) in ("hierarchy", "status_blind")})
        hier = [r for r, f in hits if f == "hierarchy"]
        sev = Severity.CRITICAL if hier and (m.workplace or name in {t.name for t in m.case_tables.values()}) else Severity.HIGH
        yield BOOK.finding(
            ctx, "access.db_non_social_login_reads", table=name, column=None, subject=None, severity=sev,
            title=f"{plural(len(hits), 'compte de connexion', 'comptes de connexion')} du personnel non social peuvent lire « {name} »",
            affected=m.persons_total(), total=m.persons_total(),
            evidence=[Evidence(record=_who(ctx, r), excerpt=f"compte de la famille « {f} »"
                               + (f", membre de {', '.join(sorted(st.roles[p].name for p in r.parents if p in st.roles and not st.roles[p].login))}" if r.parents else ""))
                      for r, f in hits],
            details={"accounts": len(hits), "hierarchy_accounts": len(hier), "status_blind_accounts": len(hits) - len(hier),
                     "via_groups": groups},
            why=(f"{len(hits)} compte(s) de connexion rattachés à l'encadrement ou à du personnel sans mission "
                 f"d'accompagnement ({', '.join(groups) or 'droits directs'}) peuvent lire « {name} » directement dans la base, "
                 "sans passer par les contrôles de l'application. " + BOOK.info.rules["access.db_non_social_login_reads"].why),
            recommendation=(f"REVOKE SELECT ON {_sql_name(ctx, name)} FROM " + (", ".join(groups) if groups else "ces comptes")
                            + " ; ces personnels ne doivent accéder aux données qu'au travers de l'application, "
                              "sans lecture des dossiers."),
        )


@BOOK.rule("access.db_no_row_level_security")
def db_no_row_level_security(ctx: CheckContext) -> Iterator[Finding]:
    """PostgreSQL: case tables read by several roles without an effective row-level security policy."""
    if not _is_pg(ctx):
        return
    m = build_model(ctx)
    st = _pg_state(ctx)
    for t in sorted(m.case_tables.values(), key=lambda t: t.name):
        info = st.tables.get(t.name)
        if info is None:
            continue
        owners = {info["owner"]}
        readers = [oid for oid in st.readers.get(t.name, set()) if not _ignored(st, oid, owners)]
        public = 0 in st.acl.get(t.name, set())
        if not readers and not public:
            continue
        pols = [p for p in st.policies.get(t.name, []) if p[2] in ("r", "*")]
        trivial = bool(pols) and all((q or "").strip().lower() in ("true", "(true)") for _n, q, _c in pols)
        if info["rls"] and not trivial:
            continue
        bypass = [oid for oid in readers if st.roles[oid].bypassrls]
        what = "activée avec une politique qui laisse tout lire (USING (true))" if info["rls"] else "désactivée"
        yield BOOK.finding(
            ctx, "access.db_no_row_level_security", table=t.name, column=None, subject=None,
            title=f"La table « {t.name} » n'a pas de sécurité au niveau des lignes ({what})",
            affected=m.persons_total(), total=m.persons_total(),
            evidence=[Evidence(record=None, excerpt=f"relrowsecurity = {str(info['rls']).lower()}, "
                                                    f"{len(pols)} politique(s) de lecture, {len(readers)} compte(s) lecteur(s)"
                                                    + (", lisible par PUBLIC" if public else ""))],
            details={"rls_enabled": info["rls"], "force_rls": info["force_rls"], "policies": [p[0] for p in pols],
                     "trivial_policy": trivial, "login_readers": len(readers), "public": public,
                     "bypassrls_readers": len(bypass)},
            why=(f"{len(readers)} compte(s) de connexion{' et PUBLIC' if public else ''} lisent toutes les lignes de « {t.name} » : "
                 "rien dans la base ne limite un lecteur aux personnes qu'il suit. "
                 + BOOK.info.rules["access.db_no_row_level_security"].why),
        )


@BOOK.rule("access.db_app_owner_or_superuser")
def db_app_owner_or_superuser(ctx: CheckContext) -> Iterator[Finding]:
    """PostgreSQL: the application connects as a superuser or as the owner of the personal tables."""
    if not _is_pg(ctx):
        return
    m = build_model(ctx)
    st = _pg_state(ctx)
    personal = _personal_tables(ctx, m)
    owners = {info["owner"] for name, info in st.tables.items() if name in personal}
    declared = [str(x) for x in m.cfg.get("app_db_roles", [])]
    with ctx.engine.connect() as conn:
        sessions = {int(a): int(n) for a, n in conn.execute(PG_SESSIONS)}
    candidates: dict[int, str] = {}
    for oid, r in st.roles.items():
        if r.name in declared:
            candidates[oid] = "déclaré par la politique"
        elif oid in sessions:
            candidates[oid] = f"{sessions[oid]} session(s) ouverte(s) sur la base"
    for kind in ("superuser", "owner"):
        hits = []
        for oid, how in sorted(candidates.items()):
            r = st.roles[oid]
            if r.is_me and r.name not in declared:
                continue
            if kind == "superuser" and r.superuser:
                hits.append((r, how))
            if kind == "owner" and not r.superuser and (oid in owners or owners & r.parents):
                hits.append((r, how))
        if not hits:
            continue
        owned = sorted(n for n, info in st.tables.items() if n in personal and (info["owner"] in {r.oid for r, _h in hits}
                                                                                 or any(info["owner"] in r.parents for r, _h in hits)))
        title = ("L'application se connecte avec un compte superutilisateur" if kind == "superuser"
                 else "L'application se connecte avec le compte propriétaire des tables personnelles")
        yield BOOK.finding(
            ctx, "access.db_app_owner_or_superuser", table=None, column=None, subject=kind,
            severity=Severity.CRITICAL if kind == "superuser" else Severity.HIGH,
            title=title, affected=m.persons_total(), total=m.persons_total(),
            evidence=[Evidence(record=_who(ctx, r), excerpt=f"compte {'superutilisateur' if r.superuser else 'propriétaire'} : {how}")
                      for r, how in hits],
            details={"accounts": len(hits), "owned_tables": owned if kind == "owner" else [], "declared_app_roles": bool(declared)},
            why=(("Un superutilisateur passe outre tous les droits et toute politique de sécurité au niveau des lignes. "
                  if kind == "superuser" else
                  f"Le propriétaire de {', '.join(owned)} n'est soumis ni aux droits accordés ni aux politiques de lignes "
                  "(sauf FORCE ROW LEVEL SECURITY) et peut tout modifier. ")
                 + BOOK.info.rules["access.db_app_owner_or_superuser"].why),
        )


@BOOK.rule("access.db_default_privileges")
def db_default_privileges(ctx: CheckContext) -> Iterator[Finding]:
    """PostgreSQL: default privileges that will grant SELECT on the next table too."""
    if not _is_pg(ctx):
        return
    m = build_model(ctx)
    st = _pg_state(ctx)
    with ctx.engine.connect() as conn:
        schemas = sorted({f.split(".", 1)[0] for f in st.full})
        rows = [(int(a), str(s), int(g)) for a, s, g in conn.execute(PG_DEFAULT_ACL, {"schemas": schemas})]
    hits = [(owner, schema, g) for owner, schema, g in rows if g != owner and not (g in st.roles and st.roles[g].superuser)]
    if not hits:
        return
    grantees = []
    worst = Severity.MEDIUM
    for _owner, schema, g in hits:
        if g == 0:
            grantees.append(("PUBLIC", schema, "PUBLIC"))
            worst = Severity.HIGH
            continue
        r = st.roles.get(g)
        if r is None:
            continue
        fam = _db_family(m, st, r)
        if fam in ("hierarchy", "status_blind") or len(r.login_members) >= int(m.cfg.get("db_role_members_max", 10)):
            worst = Severity.HIGH
        grantees.append((_who(ctx, r), schema, fam))
    yield BOOK.finding(
        ctx, "access.db_default_privileges", table=None, column=None, subject=None, severity=worst,
        title=f"Des privilèges par défaut accorderont la lecture des prochaines tables à {plural(len(grantees), 'rôle')}",
        affected=len(grantees), total=None,
        evidence=[Evidence(record=None if who == "PUBLIC" or not who.startswith("ACC-") else who,
                           excerpt=f"ALTER DEFAULT PRIVILEGES … GRANT SELECT ON TABLES TO {who if not who.startswith('ACC-') else 'un compte'}"
                                   f" (schéma {schema or 'tous'})")
                  for who, schema, _f in grantees],
        details={"grantees": len(grantees), "public": any(w == "PUBLIC" for w, _s, _f in grantees),
                 "families": sorted({f for _w, _s, f in grantees})},
        why=("Chaque nouvelle table créée dans ce schéma, y compris une future table de notes, sera lisible par ces rôles "
             "sans que personne ne l'ait décidé. " + BOOK.info.rules["access.db_default_privileges"].why),
    )


@BOOK.rule("access.db_grant_beyond_intent")
def db_grant_beyond_intent(ctx: CheckContext) -> Iterator[Finding]:
    """PostgreSQL: tables a database role can read beyond what the policy declares ([access.db_intent])."""
    if not _is_pg(ctx):
        return
    m = build_model(ctx)
    intent = m.cfg.get("db_intent", {}) or {}
    if not intent:
        return
    st = _pg_state(ctx)
    by_name = {r.name: r for r in st.roles.values()}
    names = sorted(f for f, n in st.full.items() if n in ctx.catalog.tables)
    for role_name, spec in sorted(intent.items()):
        r = by_name.get(role_name)
        if r is None:
            continue
        allowed = set(spec.get("select", []))
        with ctx.engine.connect() as conn:
            can = sorted(st.full[str(t)] for (t,) in conn.execute(PG_ROLE_CAN_READ, {"names": names, "role": r.oid}))
        extra = [t for t in can if t not in allowed]
        missing = sorted(allowed - set(can))
        if not extra:
            continue
        sens = [t for t in extra if norm(t) in m.case_tables or norm(t) in m.fact_tables]
        yield BOOK.finding(
            ctx, "access.db_grant_beyond_intent", table=None, column=None, subject=role_name,
            severity=Severity.HIGH if sens else Severity.MEDIUM,
            title=f"Le rôle de base « {role_name} » lit {', '.join(extra)}, que la politique ne prévoit pas",
            affected=len(extra), total=len(can),
            evidence=[Evidence(record=_who(ctx, r) if r.login else None, excerpt=f"SELECT possible sur {t}") for t in extra],
            details={"role": role_name if not r.login else _who(ctx, r), "extra": extra, "intended": sorted(allowed),
                     "intended_but_not_granted": missing},
            recommendation=(f"REVOKE SELECT ON {', '.join(_sql_name(ctx, t) for t in extra)} FROM {role_name if not r.login else 'ce compte'} "
                            "(ou retirer le rôle du groupe qui le lui donne), ou ajouter ces tables à [access.db_intent] "
                            "si ce droit est voulu."),
        )


# ------------------------------------------------------------------ MySQL / MariaDB
def _strip_account(grantee: str) -> tuple[str, str]:
    """"'user'@'host'" -> (user, host)."""
    g = str(grantee)
    if "@" in g:
        u, h = g.rsplit("@", 1)
    else:
        u, h = g, "%"
    return u.strip("'`\""), h.strip("'`\"")


@BOOK.rule("access.mysql_wide_grants")
def mysql_wide_grants(ctx: CheckContext) -> Iterator[Finding]:
    """MySQL/MariaDB: SELECT granted on *.* or on the whole audited schema."""
    if ctx.dialect not in ("mysql", "mariadb"):
        return
    m = build_model(ctx)
    up = sa.table("USER_PRIVILEGES", sa.column("GRANTEE"), sa.column("PRIVILEGE_TYPE"), schema="information_schema")
    sp = sa.table("SCHEMA_PRIVILEGES", sa.column("GRANTEE"), sa.column("TABLE_SCHEMA"), sa.column("PRIVILEGE_TYPE"),
                  schema="information_schema")
    me_user, me_host = str(ctx.scalar(sa.select(sa.func.current_user()))).rsplit("@", 1)
    default = ctx.scalar(sa.select(sa.func.database()))
    dbs = sorted({t.schema or str(default) for t in [*ctx.catalog.tables.values(), *ctx.catalog.views.values()]}) \
        or [str(default)]
    # one scope per database read; the URL's database alone keeps its historical subject "schema"
    scopes: dict[str, tuple[list[Any], str]] = {
        "global": (ctx.rows(sa.select(up.c.GRANTEE).where(up.c.PRIVILEGE_TYPE == "SELECT").distinct()), "*.*"),
    }
    for db in dbs:
        key = "schema" if dbs == [str(default)] else f"schema:{db}"
        scopes[key] = (ctx.rows(sa.select(sp.c.GRANTEE).where(sp.c.PRIVILEGE_TYPE == "SELECT",
                                                             sp.c.TABLE_SCHEMA == db).distinct()), f"{db}.*")
    for scope, (rows, where) in scopes.items():
        accounts = []
        for (g,) in rows:
            u, h = _strip_account(g)
            if (u == me_user and h == me_host) or u in SYSTEM_ACCOUNTS or u == "":
                continue
            accounts.append((u, h, role_family(m.cfg, u)))
        if not accounts:
            continue
        non_social = [a for a in accounts if a[2] in ("hierarchy", "status_blind")]
        sev = Severity.HIGH if scope == "global" or non_social else Severity.MEDIUM
        yield BOOK.finding(
            ctx, "access.mysql_wide_grants", table=None, column=None, subject=scope, severity=sev,
            title=f"{plural(len(accounts), 'compte lit', 'comptes lisent')} toutes les tables {'du serveur' if scope == 'global' else 'de la base'} ({where})",
            affected=m.persons_total(), total=m.persons_total(),
            evidence=[Evidence(record=ctx.pseudonym("mysql.user", f"{u}@{h}", prefix="ACC"),
                               excerpt=f"GRANT SELECT ON {where} (hôte {'quelconque' if h == '%' else 'restreint'}, famille {f})")
                      for u, h, f in sorted(accounts)],
            details={"scope": scope.split(":", 1)[0], "accounts": len(accounts), "non_social_accounts": len(non_social),
                     "wildcard_hosts": sum(1 for _u, h, _f in accounts if "%" in h)},
            why=(f"{len(accounts)} compte(s) ont SELECT sur {where} : chaque nouvelle table, dont les notes, leur sera "
                 "lisible. " + BOOK.info.rules["access.mysql_wide_grants"].why),
            recommendation=(f"Remplacer GRANT SELECT ON {where} par des droits table par table limités au compte de "
                            "l'application ; retirer toute lecture directe aux comptes nominatifs (REVOKE SELECT ON "
                            f"{where} FROM …)."),
        )


# ------------------------------------------------------------------ SQLite
@BOOK.rule("access.sqlite_file_readable")
def sqlite_file_readable(ctx: CheckContext) -> Iterator[Finding]:
    """SQLite: the database file can be read by the group or by every local account."""
    source = ctx.source
    if getattr(source, "kind", None) != "sqlite":
        return
    try:
        mode = source.file_mode()
    except OSError:
        return
    if mode is None or not mode & 0o044:
        return
    m = build_model(ctx)
    others = bool(mode & 0o004)
    yield BOOK.finding(
        ctx, "access.sqlite_file_readable", table=None, column=None, subject="others" if others else "group",
        severity=Severity.HIGH if others else Severity.MEDIUM,
        title=("Le fichier de la base est lisible par tous les comptes de la machine" if others
               else "Le fichier de la base est lisible par les membres de son groupe"),
        affected=m.persons_total(), total=m.persons_total(),
        evidence=[Evidence(record=None, excerpt=f"droits du fichier : {oct(mode)[2:].zfill(3)}")],
        details={"mode": oct(mode)[2:].zfill(3), "others": others},
        why=("Quiconque lit le fichier lit toute la base, sans passer par les droits de l'application. "
             + BOOK.info.rules["access.sqlite_file_readable"].why),
    )
