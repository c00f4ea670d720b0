"""Rows of the persons table that are not persons followed, where the data shows it (part of the service model).

Some applications keep every "contact" in one table: Odoo's ``res_partner`` holds the persons followed, organisations
(``is_company``) and the partner record of each user account. Counting "every person of the base" over such a table
overstates the exposure of a wide right. Two kinds of evidence, both from values:

- **the accounts' own records**: a column of the accounts table refers to the persons table (``res_users.partner_id``,
  a declared key or value inclusion): the rows it points to are the staff, not persons followed;
- **organisations**: a two-valued flag of the persons table such that the rows of one value never carry a birth date
  (nor a first name) while most rows of the other do: those rows describe organisations, whatever the flag's name.

Only counts are read; the condition is applied in SQL by the checks (:func:`followed_condition`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:  # pragma: no cover
    from auditor.model import _Resolver


@dataclass
class Exclusion:
    """Rows of the persons table that are not persons followed."""

    how: str  # "accounts": keys referred to by ``table.column``; "flag": ``column`` holds one of ``values``
    column: str
    rows: int
    reason: str
    table: str | None = None  # the accounts table (how == "accounts")
    key: str | None = None  # the persons' column it refers to
    values: tuple[Any, ...] = ()


def resolve_followed(r: _Resolver) -> list[Exclusion]:
    """Exclusions of the persons table (empty when every row is a person followed as far as the data says)."""
    m = r.m
    P, S = m.persons, m.staff
    if not P or m.workplace_hr:
        return []
    p = r.cat.tables[P]
    if not p.rows:
        return []
    pt = r._t(P)
    out: list[Exclusion] = []
    if S:
        for (t, c), lk in sorted(m.links.items()):
            if t != S or lk.target != P or lk.confidence != "high":
                continue
            st = r._t(S)
            n = int(r._scalar(sa.select(sa.func.count()).select_from(pt).where(
                pt.c[lk.target_column].in_(sa.select(st.c[c]).where(st.c[c].is_not(None))))) or 0)
            if n and n < 0.5 * p.rows:
                out.append(Exclusion("accounts", c, n, table=S, key=lk.target_column,
                                     reason=(f"{n} lignes de « {P} » sont les fiches des comptes eux-mêmes (« {S}.{c} » → "
                                             f"« {P}.{lk.target_column} », {lk.short().split('(', 1)[-1].rstrip(')')}) : "
                                             "ce ne sont pas des personnes accompagnées")))
    ident = [c.name for c in p.columns.values() if c.kind in ("birth_date", "first_name", "nir")]
    if not ident:
        return out
    filled = sa.or_(*[pt.c[i].is_not(None) for i in ident])
    for c in p.columns.values():
        if c.name == m.person_key or (P, c.name) in m.links or any(mk.column == c.name for mk in m.archive):
            continue
        vals = r._flag_values(P, c.name)
        if not vals or len(vals) != 2:
            continue
        rows = r._rows(sa.select(pt.c[c.name], sa.func.count(), sa.func.sum(sa.case((filled, 1), else_=0)))
                       .where(pt.c[c.name].is_not(None)).group_by(pt.c[c.name]))
        stats = {v: (int(n or 0), int(k or 0)) for v, n, k in rows}
        if len(stats) != 2:
            continue
        (va, (na, ka)), (vb, (nb, kb)) = sorted(stats.items(), key=lambda x: x[1][0])
        # the smaller group never has a birth date, the larger one mostly has
        if na and ka == 0 and nb and kb >= 0.5 * nb and na < 0.5 * p.rows:
            out.append(Exclusion("flag", c.name, na, values=(va,),
                                 reason=(f"{na} lignes de « {P} » où « {c.name} » vaut {va} n'ont jamais de date de naissance ni de "
                                         f"prénom, quand {round(100 * kb / nb)} % des autres en ont : des organismes, pas des personnes")))
    return out


def followed_condition(exclusions: list[Exclusion], pt: Any, table_of: Any) -> Any:
    """SQL on the persons table ``pt``: the row is a person followed (``table_of(name)`` gives a table clause)."""
    conds = []
    for ex in exclusions:
        if ex.how == "accounts" and ex.table and ex.key:
            st = table_of(ex.table)
            conds.append(sa.not_(pt.c[ex.key].in_(sa.select(st.c[ex.column]).where(st.c[ex.column].is_not(None)))))
        elif ex.how == "flag":
            conds.append(sa.or_(pt.c[ex.column].is_(None), pt.c[ex.column].not_in(list(ex.values))))
    return sa.and_(*conds) if conds else sa.true()
