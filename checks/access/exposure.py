"""How many persons a role, or a worker, can read: computed in SQL from the
persons table, the units, the staff table and the assignments."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from auditor.context import CheckContext
from auditor.sqlutil import truthy
from checks.access.model import LEVELS, AppModel, holds_role, joined_key_labels

LEVEL_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
LEVEL_RANK["unknown"] = LEVEL_RANK["all"]


def widest(levels: list[str]) -> str:
    """The widest of several perimeters ('unknown' counts as everything)."""
    if not levels:
        return "caseload"
    best = max(levels, key=lambda lvl: LEVEL_RANK.get(lvl, 3))
    return "all" if best == "unknown" else best


def _staff_units(ctx: CheckContext, m: AppModel, where: Any | None) -> list[sa.Select[Any]]:
    """SELECT (s, u): units of staff members (their own unit and unit-level assignments)."""
    out: list[sa.Select[Any]] = []
    if m.staff is None or m.staff.pk is None:
        return out
    st = ctx.table(m.staff.table)
    if m.staff.unit:
        q = sa.select(st.c[m.staff.pk].label("s"), st.c[m.staff.unit].label("u")).where(st.c[m.staff.unit].is_not(None))
        out.append(q.where(where(st)) if where is not None else q)
    for a in m.assignments:
        if a.unit_col is None:
            continue
        at = ctx.table(a.table)
        q = sa.select(at.c[a.staff_col].label("s"), at.c[a.unit_col].label("u")).select_from(
            at.join(st, at.c[a.staff_col] == st.c[m.staff.pk]))
        out.append(q.where(where(st)) if where is not None else q)
    return out


def group_of_assignment(ctx: CheckContext, a: Any) -> Any:
    """The group of persons (household, family) an assignment's person column names, None when it names persons."""
    sm = getattr(ctx.catalog, "model", None)
    if sm is None or a.person is None or not hasattr(sm, "group"):
        return None
    return sm.group(a.person.target)


def _caseload_pairs(ctx: CheckContext, m: AppModel, where: Any | None) -> list[sa.Select[Any]]:
    """SELECT (s, p): persons followed by staff members (person or unit assignments)."""
    out: list[sa.Select[Any]] = []
    if m.staff is None or m.staff.pk is None or m.persons is None or m.person_pk is None:
        return out
    st = ctx.table(m.staff.table)
    pt = ctx.table(m.persons)
    for a in m.assignments:
        at = ctx.table(a.table)
        g = group_of_assignment(ctx, a)
        if a.person_col and g is not None:
            # assigned to a group of persons (a household): the worker follows each of its members
            q = sa.select(at.c[a.staff_col].label("s"), pt.c[m.person_pk].label("p")).select_from(
                at.join(st, at.c[a.staff_col] == st.c[m.staff.pk]).join(pt, pt.c[g.member_col] == at.c[a.person_col]))
        elif a.person_col:
            q = sa.select(at.c[a.staff_col].label("s"), at.c[a.person_col].label("p")).select_from(
                at.join(st, at.c[a.staff_col] == st.c[m.staff.pk]))
        elif a.unit_col and m.person_unit:
            q = sa.select(at.c[a.staff_col].label("s"), pt.c[m.person_pk].label("p")).select_from(
                at.join(st, at.c[a.staff_col] == st.c[m.staff.pk]).join(pt, pt.c[m.person_unit] == at.c[a.unit_col]))
        else:
            continue
        out.append(q.where(where(st)) if where is not None else q)
    return out


def persons_exposed(ctx: CheckContext, m: AppModel, role: str, level: str) -> tuple[int | None, str]:
    """(distinct persons readable by at least one holder of ``role`` at ``level``, how it was counted)."""
    total = m.persons_total()
    if level in ("all", "unknown") or m.persons is None or m.staff is None or (m.staff.role is None and not m.joined_roles):
        return total, "toutes les personnes de la base"

    def where(st: sa.TableClause) -> Any:
        return holds_role(st, role, m)

    pt = ctx.table(m.persons)
    if level == "caseload":
        pairs = _caseload_pairs(ctx, m, where)
        if not pairs:
            return total, "portefeuille inconnu : toutes les personnes comptées"
        u = sa.union(*pairs).subquery()
        return int(ctx.scalar(sa.select(sa.func.count(sa.distinct(u.c.p))))), "personnes des portefeuilles des titulaires du rôle"
    units = _staff_units(ctx, m, where)
    if not units or m.person_unit is None:
        return total, "unité inconnue : toutes les personnes comptées"
    su = sa.union(*units).subquery()
    if level == "unit":
        q = sa.select(sa.func.count()).select_from(pt).where(pt.c[m.person_unit].in_(sa.select(su.c.u)))
        return int(ctx.scalar(q)), "personnes des unités des titulaires du rôle"
    if m.units is None or m.unit_region is None or m.unit_pk is None:
        return total, "régions inconnues : toutes les personnes comptées"
    ut = ctx.table(m.units)
    u2 = ut.alias("u2")
    regions = sa.select(u2.c[m.unit_region]).where(u2.c[m.unit_pk].in_(sa.select(su.c.u)))
    q = sa.select(sa.func.count()).select_from(pt.join(ut, pt.c[m.person_unit] == ut.c[m.unit_pk])).where(
        ut.c[m.unit_region].in_(regions))
    return int(ctx.scalar(q)), "personnes des régions des titulaires du rôle"


def worker_exposure(ctx: CheckContext, m: AppModel, roles_levels: dict[str, str]) -> list[dict[str, Any]]:
    """Per active worker of the given roles: role, caseload, readable persons (one row per account)."""
    joined = m.staff is not None and m.staff.role is None and bool(m.joined_roles) and m.membership_table is not None
    if m.staff is None or m.staff.pk is None or (m.staff.role is None and not joined) or m.persons is None:
        return []
    st = ctx.table(m.staff.table)
    pt = ctx.table(m.persons)
    total = int(m.persons_total() or 0)
    if joined:
        # roles held through the roles' join table (auditor/model/rights.py): an account may hold several
        held = [key for key in roles_levels if key in m.joined_roles]
        if not held:
            return []

        def where(s: sa.TableClause) -> Any:
            return sa.or_(*[holds_role(s, key, m) for key in held])
    else:
        raws = [r for key in roles_levels for r in m.role_values.get(key, [])]
        if not raws:
            return []

        def where(s: sa.TableClause) -> Any:
            return s.c[m.staff.role].in_(raws)

    pairs = _caseload_pairs(ctx, m, where)
    caseload: dict[Any, int] = {}
    if pairs:
        u = sa.union(*pairs).subquery()
        for s, n in ctx.rows(sa.select(u.c.s, sa.func.count()).group_by(u.c.s)):
            caseload[s] = int(n)
    unit_read: dict[Any, int] = {}
    region_read: dict[Any, int] = {}
    units = _staff_units(ctx, m, where)
    if units and m.person_unit:
        su = sa.union(*units).subquery()
        q = sa.select(su.c.s, sa.func.count(sa.distinct(pt.c[m.person_pk]))).select_from(
            su.join(pt, pt.c[m.person_unit] == su.c.u)).group_by(su.c.s)
        unit_read = {s: int(n) for s, n in ctx.rows(q)}
        if m.units is not None and m.unit_region and m.unit_pk and any(v == "region" for v in roles_levels.values()):
            ut = ctx.table(m.units)
            u1, u2 = ut.alias("u1"), ut.alias("u2")
            wr = sa.select(su.c.s, u1.c[m.unit_region].label("r")).select_from(
                su.join(u1, u1.c[m.unit_pk] == su.c.u)).distinct().subquery()
            q = sa.select(wr.c.s, sa.func.count(sa.distinct(pt.c[m.person_pk]))).select_from(
                wr.join(u2, u2.c[m.unit_region] == wr.c.r).join(pt, pt.c[m.person_unit] == u2.c[m.unit_pk])
            ).group_by(wr.c.s)
            region_read = {s: int(n) for s, n in ctx.rows(q)}
    from auditor.sqlutil import norm

    if joined:
        rows = _joined_accounts(ctx, m, st, roles_levels)
    else:
        stmt = sa.select(st.c[m.staff.pk], st.c[m.staff.role]).where(where(st))
        if m.staff.active:
            stmt = stmt.where(truthy(st.c[m.staff.active]))
        rows = (row for chunk in ctx.stream(stmt.order_by(st.c[m.staff.pk])) for row in chunk)
    out: list[dict[str, Any]] = []
    for pk, role in rows:
        level = roles_levels.get(norm(role), "all")
        cl = caseload.get(pk, 0)
        if level == "caseload":
            readable = cl
        elif level == "unit":
            readable = max(unit_read.get(pk, 0), cl)
        elif level == "region":
            readable = max(region_read.get(pk, 0), cl)
        else:
            readable = total
        out.append({"pk": pk, "role": str(role), "caseload": cl, "readable": readable, "level": level})
    return out


def _joined_accounts(ctx: CheckContext, m: AppModel, st: Any, roles_levels: dict[str, str]) -> Any:
    """(account key, the widest of its roles among ``roles_levels``) for the active accounts holding one of them through
    the roles' join table (a composite role's holders included); streamed in account order."""
    assert m.staff is not None and m.staff.pk is not None and m.membership is not None
    ms, jt = m.membership, m.membership_table
    labels = joined_key_labels(m, roles_levels)
    by_text = {str(k): v for k, v in labels.items()}
    stmt = (sa.select(st.c[m.staff.pk], jt.c[ms.role.column]).select_from(st.join(jt, jt.c[ms.account.column] == st.c[ms.staff_column]))
            .where(jt.c[ms.role.column].in_(sorted(labels, key=str))))
    if m.staff.active:
        stmt = stmt.where(truthy(st.c[m.staff.active]))
    cur: Any = None
    best: tuple[int, str] | None = None
    for chunk in ctx.stream(stmt.order_by(st.c[m.staff.pk])):
        for pk, key in chunk:
            if cur is not None and pk != cur and best is not None:
                yield cur, best[1]
                best = None
            cur = pk
            for lab in by_text.get(str(key), ()):
                rank = LEVEL_RANK.get(roles_levels.get(lab, "all"), 3)
                if best is None or rank > best[0]:
                    best = (rank, lab)
    if cur is not None and best is not None:
        yield cur, best[1]
