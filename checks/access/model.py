"""The application's permission model as the access check understands it.

Everything the rules need is resolved once per run and kept in ``ctx.facts``:
which table lists the accounts and which column holds their role, which table
holds the persons and their unit, which tables say who follows whom
(assignments, person by person or unit by unit), the read rights of each role
with their perimeter, and the family of each role (social worker, hierarchy,
status-blind staff, other).

Column resolution does not rely on the catalog alone: a column chosen by the
policy (``[tables."x".columns]``) wins, then a declared foreign key, then the
name of the referenced table's primary key, then the catalog's guess, then
usual names. This keeps the check working when integer keys are mistaken for
something else by the value sampler.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from auditor.catalog import DIRECT_IDENTIFIER_KINDS, TableInfo
from auditor.context import CheckContext
from auditor.model import Assignment, Link
from auditor.sqlutil import norm, truthy

FAMILIES = ("status_blind", "hierarchy", "social")
FAMILY_LABELS = {
    "social": "travailleur social",
    "hierarchy": "encadrement ou employeur",
    "status_blind": "personnel sans mission d'accompagnement",
    "other": "autre",
}
READ_WORDS = {"lecture", "read", "r", "consultation", "consulter", "lecture ecriture", "rw", "ecriture", "write",
              "tous", "all", "total", "1", "oui", "true", "t", "o", "x", "y", "yes", "select", "lire", "voir", "view"}
FLAG_RIGHT_COLUMNS = {"lecture", "read", "can read", "peut lire", "consultation autorisee", "ecriture", "write",
                      "can write", "consultation", "acces lecture", "droit lecture"}
TRUE_VALUES = {"1", "oui", "true", "t", "o", "x", "y", "yes", "vrai"}
ALL_OBJECTS = {"*", "tout", "tous", "toutes", "all", "dossiers", "tout le dossier"}
WORKPLACE_WORDS = {"salarie", "salaries", "employe", "employes", "collaborateur", "collaborateurs", "personnel"}
LEVELS = ("caseload", "unit", "region", "all")


def access_config(ctx: CheckContext) -> dict[str, Any]:
    """The ``[access]`` policy section with ``[checks.access]`` on top."""
    cfg = dict(ctx.policy.section("access"))
    cfg.update(ctx.options)
    return cfg


def _tokens(value: object) -> list[str]:
    return norm(value).split()


def vocab_match(value: object, words: list[str] | tuple[str, ...]) -> bool:
    """True when one of ``words`` appears in ``value`` as a whole word sequence (accents, case ignored)."""
    toks = _tokens(value)
    if not toks:
        return False
    padded = " " + " ".join(toks) + " "
    for w in words:
        nw = norm(w)
        if nw and (" " + nw + " ") in padded:
            return True
    return False


def _role_words(role: object) -> str:
    """A role label as folded words, camelCase split (``SocialWorker`` → ``social worker``)."""
    import re

    return norm(re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", str(role or "")))


def role_family(cfg: dict[str, Any], role: object) -> str:
    """social, hierarchy, status_blind or other; the policy's explicit lists win, then the longest phrase found in the
    role among the policy's lists and the service model's vocabulary (auditor/model/vocab.toml [roles]): « case manager »
    is a social worker although « manager » alone is hierarchy. On equal length: status-blind, then hierarchy, then social."""
    explicit = cfg.get("role_families", {}) or {}
    for fam, roles in explicit.items():
        if any(norm(role) == norm(r) for r in roles):
            return fam
    from auditor.model import vocab

    learnt = vocab().get("roles", {})
    forms = {norm(role), _role_words(role)}
    best, best_len = "other", 0
    for fam, key in (("status_blind", "status_blind_roles"), ("hierarchy", "hierarchy_roles"), ("social", "social_roles")):
        for w in [*cfg.get(key, []), *learnt.get(fam, [])]:
            n = len(norm(w).split())
            if n > best_len and any(vocab_match(f, [w]) for f in forms):
                best, best_len = fam, n
    return best


def scope_level(cfg: dict[str, Any], scope: object, has_scope_column: bool) -> str:
    """caseload, unit, region or all; a right without perimeter applies to everyone."""
    if not has_scope_column or norm(scope) == "":
        return "all"
    if vocab_match(scope, cfg.get("narrow_scopes", [])):
        return "caseload"
    if vocab_match(scope, cfg.get("unit_scopes", [])):
        return "unit"
    if vocab_match(scope, cfg.get("region_scopes", [])):
        return "region"
    if vocab_match(scope, cfg.get("wide_scopes", [])):
        return "all"
    from auditor.model import scope_level as learnt

    return learnt(scope) or "unknown"


def is_wide(cfg: dict[str, Any], scope: object, has_scope_column: bool) -> bool:
    """A perimeter wider than the worker's own unit (national, département, région, all sites)."""
    return scope_level(cfg, scope, has_scope_column) in ("all", "region")


# ------------------------------------------------------------------ columns
def _fk_map(ctx: CheckContext) -> dict[str, list[dict[str, Any]]]:
    fks = ctx.facts.get("access.fks")
    if fks is None:
        fks = {}
        try:
            insp = sa.inspect(ctx.engine)
            for name, info in ctx.catalog.tables.items():
                try:
                    fks[name] = insp.get_foreign_keys(info.bare, schema=info.sql_schema)
                except sa.exc.SQLAlchemyError:
                    fks[name] = []
        except sa.exc.SQLAlchemyError:
            pass
        ctx.facts["access.fks"] = fks
    return fks


def _simple(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(ch if ch.isalnum() else "_" for ch in s).strip("_")


def ref_col(ctx: CheckContext, t: TableInfo | None, target: TableInfo | None) -> str | None:
    """The column of ``t`` that references ``target`` (policy, foreign key, key name, catalog, usual names)."""
    if t is None or target is None or t.name == target.name:
        return None
    for c in t.columns.values():
        if c.from_policy and c.target == target.name:
            return c.name
    for fk in _fk_map(ctx).get(t.name, []):
        if fk.get("referred_table") == target.bare and len(fk.get("constrained_columns") or []) == 1:
            return fk["constrained_columns"][0]
    if len(target.primary_key) == 1:
        pk = target.primary_key[0].lower()
        for c in t.columns.values():
            if c.name.lower() == pk and c.name not in t.primary_key:
                return c.name
    hit = t.ref_to(target.name)
    if hit is not None:
        return hit.name
    stem = _simple(target.name)
    stems = {stem, stem.rstrip("s")}
    for c in t.columns.values():
        s = _simple(c.name)
        if any(s in (f"id_{x}", f"{x}_id", f"fk_{x}", f"code_{x}") for x in stems):
            return c.name
    return None


def pick(t: TableInfo | None, kinds: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> str | None:
    """A column of ``t``: one the policy gave one of ``kinds``, else a usual name, else the catalog's guess."""
    if t is None:
        return None
    for c in t.columns.values():
        if c.from_policy and c.kind in kinds:
            return c.name
    simple = {_simple(c.name): c.name for c in t.columns.values()}
    for n in names:
        if n in simple:
            return simple[n]
    found = t.first(*kinds) if kinds else None
    return found.name if found else None


def pk_of(t: TableInfo | None) -> str | None:
    """Single-column primary key, or a column named like one."""
    if t is None:
        return None
    if len(t.primary_key) == 1:
        return t.primary_key[0]
    for c in t.columns.values():
        if c.kind == "primary_key":
            return c.name
    return None


# ------------------------------------------------------------------ model
@dataclass(frozen=True)
class Grant:
    """One application read right: role, object (table), perimeter."""

    role: str
    obj: str
    scope: str
    table: str
    level: str
    via: str = ""  # the join and the filter the right was read from (service model, auditor/model/rights.py)


@dataclass
class StaffModel:
    """The accounts table and its useful columns."""

    table: TableInfo
    pk: str | None
    role: str | None
    unit: str | None
    active: str | None
    departure: str | None
    login: str | None
    last_name: str | None
    first_name: str | None
    password: str | None
    profile: tuple[str, str, str] | None = None  # departure date held by a table one-to-one with the accounts (table, account col, date)


@dataclass
class AppModel:
    """What the rules need to know about the application."""

    cfg: dict[str, Any]
    persons: TableInfo | None = None
    person_pk: str | None = None
    person_unit: str | None = None
    units: TableInfo | None = None
    unit_pk: str | None = None
    unit_region: str | None = None
    staff: StaffModel | None = None
    assignments: list[Assignment] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    case_tables: dict[str, TableInfo] = field(default_factory=dict)
    fact_tables: dict[str, TableInfo] = field(default_factory=dict)
    workplace: bool = False
    workplace_reason: str = ""
    roles: dict[str, tuple[int, int]] = field(default_factory=dict)  # norm role -> (accounts, active accounts)
    role_values: dict[str, list[str]] = field(default_factory=dict)  # norm role -> raw values in the staff table
    learnt_scopes: dict[str, str] = field(default_factory=dict)  # scope value -> why it was read as wide from the log
    learnt_families: dict[str, tuple[str, str]] = field(default_factory=dict)  # norm role -> (family, why), from the data
    joined_roles: dict[str, list[Any]] = field(default_factory=dict)  # norm role -> role keys whose holders hold it (join table)
    membership: Any = None  # auditor.model.rights.Membership: accounts hold roles through this table
    membership_table: Any = None  # its table clause (ctx.table)

    def family(self, role: object) -> str:
        """Family of a role name: the policy's and the vocabulary's words, else what the data says (learnt_families)."""
        fam = role_family(self.cfg, role)
        if fam == "other" and norm(role) in self.learnt_families:
            return self.learnt_families[norm(role)][0]
        return fam

    def is_case(self, obj: str) -> bool:
        """The object of a right is a case table (or everything)."""
        return norm(obj) in self.case_tables or norm(obj) in ALL_OBJECTS

    def is_fact(self, obj: str) -> bool:
        """The object reveals who consulted the service (access log, nominative statistics, caseloads)."""
        return norm(obj) in self.fact_tables

    persons_followed: int | None = None  # rows of the persons table that are persons followed, where the model excluded some

    def persons_total(self) -> int | None:
        """Persons followed: rows of the persons table, less those the service model shows are not persons followed."""
        if self.persons_followed is not None:
            return self.persons_followed
        return self.persons.rows if self.persons is not None else None


def _staff_model(t: TableInfo) -> StaffModel:
    return StaffModel(
        table=t,
        pk=pk_of(t),
        role=pick(t, ("role",), ("role", "fonction", "profil", "groupe", "metier")),
        unit=None,
        active=pick(t, ("active_flag",), ("actif", "active", "enabled", "is_active")),
        departure=pick(t, ("departure_date",), ("date_depart", "date_sortie", "date_fin_contrat", "departure_date")),
        login=pick(t, ("login",), ("login", "identifiant", "username", "user_name")),
        last_name=pick(t, ("person_name",), ("nom", "nom_usage", "last_name", "name")),
        first_name=pick(t, ("first_name",), ("prenom", "first_name")),
        password=pick(t, ("password",), ()),
    )


def _read_grants(ctx: CheckContext, cfg: dict[str, Any]) -> list[Grant]:
    grants: list[Grant] = []
    sm = getattr(ctx.catalog, "model", None)
    given = {p.table: p for p in sm.permissions} if sm is not None else {}
    modelled = getattr(sm, "rights", None) if sm is not None else None
    if modelled is not None:
        # rights read by the service model through the roles' join table and the filters (auditor/model/rights.py)
        for g in modelled.grants:
            grants.append(Grant(role=g.role, obj=g.obj, scope=g.shown or g.scope, table=g.table, level=g.level, via=g.via))
    for t in ctx.catalog.by_role("permissions"):
        if modelled is not None and t.name in modelled.tables:
            continue
        role = pick(t, ("role",), ("role", "fonction", "profil", "groupe"))
        obj = pick(t, ("permission_object",), ("objet", "table_cible", "ressource", "module", "cible"))
        scope = pick(t, ("scope",), ("perimetre", "portee", "scope"))
        rights = [c.name for c in t.columns_of("access_right") if c.name not in t.primary_key]
        p = given.get(t.name)
        if p is not None and not any(c.from_policy for c in t.columns.values()):
            role, obj, scope = role or p.role, obj or p.obj, scope or p.scope
            rights = rights or list(p.reads)
        if role is None or obj is None:
            ctx.skip(t.name, "table de droits sans colonne de rôle ou d'objet reconnue : précisez-les dans la politique")
            continue
        tab = ctx.table(t)
        cols = [tab.c[role], tab.c[obj], tab.c[scope] if scope else sa.literal("")]
        cols.extend(tab.c[r] for r in rights)
        for row in ctx.rows(sa.select(*cols).distinct()):
            r_role, r_obj, r_scope = row[0], row[1], row[2]
            if rights:
                reads = False
                for col, v in zip(rights, row[3:]):
                    n = norm(v)
                    if norm(col) in FLAG_RIGHT_COLUMNS:
                        reads = reads or n in TRUE_VALUES
                    else:
                        reads = reads or n in READ_WORDS or read_letter_code(v)
                if not reads:
                    continue
            grants.append(Grant(role=str(r_role or ""), obj=str(r_obj or ""), scope=str(r_scope or ""), table=t.name,
                                level=scope_level(cfg, r_scope, scope is not None)))
    return sorted(set(grants), key=lambda g: (g.table, g.role, g.obj, g.scope))


def _joined_roles(ctx: CheckContext, m: AppModel, rights: Any) -> None:
    """Roles held through a join table: accounts (and active accounts) per role, a composite role's holders included."""
    if m.staff is None or not rights.memberships:
        return
    ms = rights.memberships[0]
    m.membership = ms
    jt = m.membership_table = ctx.table(ctx.catalog.tables[ms.table])
    st = ctx.table(m.staff.table)
    act = sa.func.sum(sa.case((truthy(st.c[m.staff.active]), 1), else_=0)) if m.staff.active else sa.func.count()
    for key, label in sorted(rights.labels.items(), key=lambda x: str(x[0])):
        keys = rights.holding(key)
        held = sa.select(jt.c[ms.account.column]).where(jt.c[ms.role.column].in_(keys))
        n, a = ctx.rows(sa.select(sa.func.count(), act).where(st.c[ms.staff_column].in_(held)))[0]
        k = norm(label)
        m.joined_roles[k] = sorted(set(m.joined_roles.get(k, [])) | set(keys), key=str)
        old = m.roles.get(k, (0, 0))
        m.roles[k] = (old[0] + int(n or 0), old[1] + int(a or 0))


def joined_key_labels(m: AppModel, roles: dict[str, Any] | list[str]) -> dict[Any, set[str]]:
    """Role key in the join table -> the (normalised) roles among ``roles`` its holders hold (itself, and the roles a
    composite role includes)."""
    out: dict[Any, set[str]] = {}
    for lab in roles:
        for key in m.joined_roles.get(norm(lab), []):
            out.setdefault(key, set()).add(norm(lab))
    return out


def holds_role(st: Any, role: str, m: AppModel) -> Any:
    """SQL on the accounts table ``st``: the account holds ``role`` (its role column, or the roles' join table)."""
    if norm(role) in m.joined_roles and m.membership is not None:
        ms = m.membership
        jt = m.membership_table
        return st.c[ms.staff_column].in_(sa.select(jt.c[ms.account.column]).where(jt.c[ms.role.column].in_(m.joined_roles[norm(role)])))
    if m.staff is None or m.staff.role is None:
        return sa.false()
    return role_condition(st.c[m.staff.role], role, m)


RIGHT_LETTERS = set("lrewmcsdu")  # L(ecture)/R(ead), E(criture)/W(rite), M(odification), C(réation), S(uppression), D(elete), U(pdate)


def read_letter_code(value: object) -> bool:
    """A right written as letters, one per right (« L », « LE », « LM », « RW »), that includes the read (L or R);
    « E » or « M » alone, « - » are not reads."""
    s = norm(value).replace(" ", "")
    return 1 <= len(s) <= 4 and s.isalpha() and set(s) <= RIGHT_LETTERS and bool(set(s) & {"l", "r"}) and len(set(s)) == len(s)


def staff_with_departure(ctx: CheckContext, sm: StaffModel, st: Any) -> tuple[Any, Any]:
    """(FROM clause of the accounts ``st``, their departure column): the accounts table itself, or joined to the table
    one-to-one with it that holds the departure date (a profile)."""
    if sm.profile and sm.departure == sm.profile[2]:
        pf = ctx.table(ctx.catalog.tables[sm.profile[0]]).alias("pf")
        return st.outerjoin(pf, pf.c[sm.profile[1]] == st.c[sm.pk]), pf.c[sm.departure]
    return st, st.c[sm.departure]


def _same_key(ctx: CheckContext, ptab: TableInfo, pcol: str, ltab: str, lcol: str, pt: Any, log: Any) -> Any:
    """SQL: the log's person column equals the persons' key (their text forms when the declared types differ)."""
    lt = ctx.catalog.tables[ltab]
    if ptab.columns[pcol].sql_type.upper() == lt.columns[lcol].sql_type.upper():
        return pt.c[pcol] == log.c[lcol]
    return sa.cast(pt.c[pcol], sa.String) == sa.cast(log.c[lcol], sa.String)


def _learn_scopes(ctx: CheckContext, m: AppModel, grants: list[Grant]) -> list[Grant]:
    """Scopes whose word is unknown, learnt from the log: a role whose accounts read persons of every unit is wide.

    One grouped query (accounts of the roles concerned, distinct units of the persons they read); only when
    the service model ties the log to the accounts and to the persons, and the persons to at least 3 units.
    """
    unknown = sorted({g.role for g in grants if g.level == "unknown"})
    sm = getattr(ctx.catalog, "model", None)
    if not unknown or sm is None or m.staff is None or m.staff.role is None or m.persons is None:
        return grants
    # the file read and its unit: a person and the person's unit, or a group of persons (a household) and the group's
    files = {m.persons.name: (m.persons, m.person_unit)} if m.person_unit else {}
    for grp in getattr(sm, "groups", []):
        if grp.unit is not None:
            files[grp.table] = (ctx.catalog.tables[grp.table], grp.unit.column)
    lg = next((x for x in sm.logs if x.reader and x.person and x.person.target in files
               and x.reader.target == m.staff.table.name), None)
    if lg is None:
        return grants
    ftab, funit = files[lg.person.target]
    log, st, pt = ctx.table(ctx.catalog.tables[lg.table]), ctx.table(m.staff.table), ctx.table(ftab)
    units = int(ctx.scalar(sa.select(sa.func.count(sa.distinct(pt.c[funit])))) or 0)
    if units < 3:
        return grants
    role_c = st.c[m.staff.role]
    per_acc = (sa.select(role_c.label("r"), log.c[lg.reader.column].label("a"), sa.func.count(sa.distinct(pt.c[funit])).label("u"))
               .select_from(log.join(st, st.c[lg.reader.target_column] == log.c[lg.reader.column])
                            .join(pt, _same_key(ctx, ftab, lg.person.target_column, lg.table, lg.person.column,
                                                pt, log)))
               .where(role_c.in_([v for r in unknown for v in m.role_values.get(norm(r), [r])]),
                      log.c[lg.object_type].in_(lg.object_values) if lg.object_type else sa.true())
               .group_by(role_c, log.c[lg.reader.column]).subquery())
    spans = {norm(r): int(u or 0) for r, u in ctx.rows(sa.select(per_acc.c.r, sa.func.max(per_acc.c.u)).group_by(per_acc.c.r))}
    out = []
    for g in grants:
        if g.level == "unknown" and spans.get(norm(g.role), 0) >= units:
            m.learnt_scopes[g.scope] = (f"périmètre « {g.scope} » lu comme large : des comptes « {g.role} » ont lu des dossiers "
                                        f"de personnes des {units} unités")
            g = Grant(role=g.role, obj=g.obj, scope=g.scope, table=g.table, level="all")
        out.append(g)
    return out


def _learn_joined_scopes(ctx: CheckContext, m: AppModel, grants: list[Grant]) -> list[Grant]:
    """Filters the model could not read, of roles held through a join table, learnt from the log as for unknown words:
    a role some of whose accounts read persons of every unit is wide (one grouped query per role, said in the finding)."""
    unknown = sorted({g.role for g in grants if g.via and g.level == "unknown" and norm(g.role) in m.joined_roles})
    sm = getattr(ctx.catalog, "model", None)
    if not unknown or sm is None or m.staff is None or m.staff.pk is None or m.persons is None or not m.person_unit:
        return grants
    lg = next((x for x in sm.logs if x.reader and x.person and x.person.target == m.persons.name
               and x.reader.target == m.staff.table.name), None)
    if lg is None:
        return grants
    log, st, pt = ctx.table(ctx.catalog.tables[lg.table]), ctx.table(m.staff.table), ctx.table(m.persons)
    units = int(ctx.scalar(sa.select(sa.func.count(sa.distinct(pt.c[m.person_unit])))) or 0)
    if units < 3:
        return grants
    learnt: dict[str, int] = {}
    for role in unknown:
        per_acc = (sa.select(log.c[lg.reader.column].label("a"), sa.func.count(sa.distinct(pt.c[m.person_unit])).label("u"))
                   .select_from(log.join(st, st.c[lg.reader.target_column] == log.c[lg.reader.column])
                                .join(pt, _same_key(ctx, m.persons, lg.person.target_column, lg.table, lg.person.column, pt, log)))
                   .where(holds_role(st, role, m), log.c[lg.object_type].in_(lg.object_values) if lg.object_type else sa.true())
                   .group_by(log.c[lg.reader.column]).subquery())
        learnt[norm(role)] = int(ctx.scalar(sa.select(sa.func.max(per_acc.c.u))) or 0)
    out = []
    for g in grants:
        if g.via and g.level == "unknown" and learnt.get(norm(g.role), 0) >= units:
            m.learnt_scopes[g.scope] = (f"filtre « {g.scope} » non lu, mais lu comme large d'après le journal : des comptes "
                                        f"« {g.role} » ont lu des dossiers de personnes des {units} unités")
            g = dataclasses.replace(g, level="all")
        out.append(g)
    return out


def _is_nominative(t: TableInfo) -> bool:
    kinds = {c.kind for c in t.columns.values()}
    return bool(kinds & (DIRECT_IDENTIFIER_KINDS | {"person_ref", "hashed_id"}))


def build_model(ctx: CheckContext) -> AppModel:
    """Resolve the application's model once per run."""
    cached = ctx.facts.get("access.model")
    if cached is not None:
        return cached
    cfg = access_config(ctx)
    m = AppModel(cfg=cfg)
    sm = getattr(ctx.catalog, "model", None)
    if sm is not None and sm.persons and sm.staff and not cfg.get("staff_table"):
        _from_service_model(ctx, m, sm)
        if not cfg.get("delegations") and getattr(sm, "delegations", None):
            d = sm.delegations[0]  # found by evidence (auditor.model.delegations): read as if declared, with its period
            cfg["delegations"] = {"table": d.table, "from_column": d.giver.column, "to_column": d.taker.column,
                                  "start_column": d.start, "end_column": d.end, "reason": d.reason}
        _common(ctx, m, cfg)
        ctx.facts["access.model"] = m
        return m
    m.persons = ctx.catalog.person_table()
    m.person_pk = pk_of(m.persons)
    units = ctx.catalog.by_role("units")
    for u in units:
        col = ref_col(ctx, m.persons, u)
        if col:
            m.units, m.person_unit = u, col
            break
    if m.units is None and units:
        m.units = units[0]
    m.unit_pk = pk_of(m.units)
    region_name = cfg.get("unit_region_column")
    if m.units is not None:
        if region_name and region_name in m.units.columns:
            m.unit_region = region_name
        else:
            m.unit_region = pick(m.units, (), ("region", "territoire", "direction_regionale", "zone"))
    staff_tables = [t for t in ctx.catalog.by_role("staff") if t.columns]
    declared = cfg.get("staff_table")
    if declared and declared in ctx.catalog.tables:
        staff_tables = [ctx.catalog.tables[declared]]
    if staff_tables:
        best = max(staff_tables, key=lambda t: (pick(t, ("role",), ("role", "fonction")) is not None, t.rows or 0, t.name))
        m.staff = _staff_model(best)
        m.staff.unit = ref_col(ctx, best, m.units) if m.units else None
    for a in ctx.catalog.by_role("assignments"):
        if m.staff is None:
            break
        s_col = ref_col(ctx, a, m.staff.table)
        if s_col is None:
            continue
        p_col = ref_col(ctx, a, m.persons) if m.persons else None
        u_col = ref_col(ctx, a, m.units) if (m.units and p_col is None) else None
        if p_col or u_col:
            why = "nom de la colonne (politique ou clé déclarée)"
            m.assignments.append(Assignment(
                a.name, Link(a.name, s_col, m.staff.table.name, m.staff.pk or "", "name", "medium", why),
                person=Link(a.name, p_col, m.persons.name, m.person_pk or "", "name", "medium", why) if p_col and m.persons else None,
                unit=Link(a.name, u_col, m.units.name, m.unit_pk or "", "name", "medium", why) if u_col and m.units else None,
                reason="table d'affectations du catalogue"))
    _common(ctx, m, cfg)
    ctx.facts["access.model"] = m
    return m


def _common(ctx: CheckContext, m: AppModel, cfg: dict[str, Any]) -> None:
    """Case tables, consultation facts, grants, workplace and role counts (both ways of building the model)."""
    m.case_tables = {norm(t.name): t for t in ctx.catalog.by_role("case_file", "rights_requests")}
    facts = list(ctx.catalog.by_role("access_log"))
    facts += [t for t in ctx.catalog.by_role("statistics") if _is_nominative(t)]
    facts += [ctx.catalog.tables[a.table] for a in m.assignments if a.person_col]
    m.fact_tables = {norm(t.name): t for t in facts}
    m.grants = _read_grants(ctx, cfg)
    wp = cfg.get("workplace", "auto")
    declared_service = ctx.policy.audit.get("service", "auto")
    if isinstance(wp, bool):
        m.workplace, m.workplace_reason = wp, "déclaré par la politique"
    elif declared_service not in (None, "auto"):
        m.workplace = declared_service == "service_social_travail"
        m.workplace_reason = "service social du travail déclaré dans la politique" if m.workplace else ""
    elif m.persons is not None:
        toks = set(_simple(m.persons.name).split("_"))
        manager = pick(m.persons, ("hierarchy_ref",), ("id_manager", "manager", "id_responsable", "id_superieur", "n_plus_1"))
        if toks & WORKPLACE_WORDS:
            m.workplace, m.workplace_reason = True, f"les personnes suivies sont des salariés (table « {m.persons.name} »)"
        elif manager:
            m.workplace, m.workplace_reason = True, f"la table « {m.persons.name} » désigne le supérieur hiérarchique de chaque personne"
    if m.staff is not None and m.staff.role is not None:
        tab = ctx.table(m.staff.table)
        role_c = tab.c[m.staff.role]
        act = sa.func.sum(sa.case((truthy(tab.c[m.staff.active]), 1), else_=0)) if m.staff.active else sa.func.count()
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r, n, a in ctx.rows(sa.select(role_c, sa.func.count(), act).group_by(role_c)):
            counts[norm(r)][0] += int(n)
            counts[norm(r)][1] += int(a or 0)
            m.role_values.setdefault(norm(r), []).append(r)
        m.roles = {k: (v[0], v[1]) for k, v in counts.items()}
    sm = getattr(ctx.catalog, "model", None)
    if getattr(sm, "rights", None) is not None:
        _joined_roles(ctx, m, sm.rights)
    _learn_families(ctx, m)
    m.grants = _learn_joined_scopes(ctx, m, _learn_scopes(ctx, m, m.grants))


def _learn_families(ctx: CheckContext, m: AppModel) -> None:
    """A role no word explains, whose accounts are, for the most part, the referents of persons in the assignments,
    is a social worker's role: one grouped query over the accounts (accounts of the role, those named as referents)."""
    unknown = [r for r in m.role_values if role_family(m.cfg, r) == "other"]
    refs_sel = [sa.select(ctx.table(a.table).c[a.staff_col].label("s")) for a in m.assignments if a.person_col]
    if not unknown or not refs_sel or m.staff is None or m.staff.role is None or m.staff.pk is None:
        return
    st = ctx.table(m.staff.table)
    refs = (refs_sel[0] if len(refs_sel) == 1 else sa.union(*refs_sel)).subquery("refs")
    is_ref = sa.exists(sa.select(sa.literal(1)).select_from(refs).where(refs.c.s == st.c[m.staff.pk]))
    q = (sa.select(st.c[m.staff.role], sa.func.count(), sa.func.sum(sa.case((is_ref, 1), else_=0)))
         .group_by(st.c[m.staff.role]))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r, n, k in ctx.rows(q):
        counts[norm(r)][0] += int(n or 0)
        counts[norm(r)][1] += int(k or 0)
    for r in unknown:
        n, k = counts.get(r, [0, 0])
        if n >= 2 and k >= 0.5 * n:
            m.learnt_families[r] = ("social", f"famille déduite des données : {k} des {n} comptes « {m.role_values[r][0]} » "
                                              "sont référents de personnes dans les affectations (à vérifier)")


def _from_service_model(ctx: CheckContext, m: AppModel, sm: Any) -> None:
    """The access model read from the service model (auditor.model), resolved from evidence."""
    cat = ctx.catalog.tables
    m.persons = cat[sm.persons]
    m.person_pk = sm.person_key
    if sm.units:
        m.units = cat[sm.units]
        m.unit_pk = sm.unit_key
        m.person_unit = sm.person_unit.column if sm.person_unit else None
        region_name = m.cfg.get("unit_region_column")
        if region_name and region_name in m.units.columns:
            m.unit_region = region_name
        else:
            m.unit_region = pick(m.units, (), ("region", "territoire", "direction_regionale", "zone"))
    if getattr(sm, "not_followed", None):
        from auditor.model.followed import followed_condition

        pt = ctx.table(m.persons)
        m.persons_followed = int(ctx.scalar(sa.select(sa.func.count()).select_from(pt).where(
            followed_condition(sm.not_followed, pt, lambda name: ctx.table(cat[name])))) or 0)
    st = cat[sm.staff]
    cols = sm.staff_columns
    m.staff = StaffModel(table=st, pk=sm.staff_key, role=cols.get("role"), unit=sm.staff_unit.column if sm.staff_unit else None,
                         active=cols.get("active"), departure=cols.get("departure"), login=cols.get("login"),
                         last_name=cols.get("last_name"), first_name=cols.get("first_name"), password=cols.get("password"),
                         profile=sm.staff_profile)
    if m.staff.departure is None and sm.staff_profile:
        m.staff.departure = sm.staff_profile[2]
    for a in sm.assignments:
        # the service model's own assignments; a person column that holds something else than the persons' key
        # (a file number) is not joined as a person here
        keep = a.person is not None and a.person.target == sm.persons and a.person.target_column == sm.person_key
        g = sm.group(a.person.target) if a.person is not None and hasattr(sm, "group") else None
        keep = keep or (g is not None and a.person.target_column == g.key)  # assigned to a household: its members
        m.assignments.append(a if keep or a.person is None else dataclasses.replace(a, person=None))


def staff_role_values(m: AppModel, families: tuple[str, ...]) -> list[Any]:
    """Raw role values of the staff table whose family is one of ``families``."""
    out: list[Any] = []
    for key, raws in sorted(m.role_values.items()):
        if m.family(key) in families:
            out.extend(r for r in raws if r is not None)
    return out


def role_condition(col: sa.ColumnElement, role: str, m: AppModel) -> sa.ColumnElement:
    """SQL: the staff role column holds ``role`` (compared as in the staff table)."""
    raws = m.role_values.get(norm(role))
    if raws:
        return col.in_(raws)
    return sa.func.lower(sa.func.trim(col)) == role.strip().lower()
