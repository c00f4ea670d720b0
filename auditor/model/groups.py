"""Groups of persons: households and their members, families and their children, a beneficiary and the persons in
their charge (issue 13).

A social service often keeps ONE file for a group of persons: the contacts, the assignments and the access log name
the household (``foyer``, ``menage``, ``famille``, ``allocataire``) while the persons are its members. Found from the
evidence, never from the table's name:

- the persons table (identity columns) has a column whose values are found among another table's own key (a link the
  resolver already tested by inclusion or read from a declared key);
- several persons share a value (members per group between 1.1 and 12 on average, at least a tenth of the groups with
  two members or more): a group, not a unit (a unit holds tens or hundreds of persons) nor a one-to-one side table;
- most groups have members (the values cover at least half of the group table's rows);
- the accounts do not point to it (workers belong to units, never to households).

A group is only used where other tables point to it (contacts, assignments, log): then a read of the group's file is a
read of its members' files, and retention counts the members of groups past their period. The group's archive and
closing markers are read from its own values (a status of few values, one of which is an archived word; a date filled
for some groups only, on or after the group's last contact).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from auditor.sqlutil import norm

if TYPE_CHECKING:  # the resolver imports this module
    from auditor.model import Link, Marker, _Resolver

MAX_PER_GROUP = 12.0
MIN_PER_GROUP = 1.1


@dataclass
class Group:
    """A table whose rows are groups of persons (households, families), and how its members point to it."""

    table: str
    key: str
    members: Link  # persons.column → group.key
    per_group: float
    reason: str
    archive: list[Marker] = field(default_factory=list)
    closure: str | None = None
    closure_reason: str = ""
    unit: Link | None = None  # the group's unit (its territory), when it has one

    @property
    def member_col(self) -> str:
        """The persons' column naming their group."""
        return self.members.column

    def label(self) -> str:
        """'foyer (clé id_foyer) ← membre.id_foyer'."""
        return f"{self.table} (clé {self.key}) ← {self.members.table}.{self.members.column}"


def detect(r: _Resolver) -> list[Group]:
    """The groups of persons of the model's persons table (see the module's docstring), or the policy's."""
    m = r.m
    P, pkey = m.persons, m.person_key
    if not P or not pkey:
        return []
    given = r.given.get("groups") or {}
    out: list[Group] = []
    for gname, ref in sorted(given.items()):
        tname, _, cname = str(ref).partition(".")
        lk = m.links.get((tname, cname))
        if lk is not None and lk.target == gname:
            out.append(Group(gname, lk.target_column, lk, 0.0, "fixé par la politique ([model.groups])"))
    if given:
        return out
    pt = r._t(P)
    for (tname, cname), lk in sorted(m.links.items()):
        if tname != P or lk.target in (P, m.staff) or cname == pkey:
            continue
        g = r.cat.tables.get(lk.target)
        if g is None or not g.rows or g.rows < 10 or not r._own_key(g, lk.target_column):
            continue
        if m.staff and any(x.target == g.name for (tn, _c), x in m.links.items() if tn == m.staff):
            continue  # the accounts belong to it too: a unit (an office, a team), not a household
        col = pt.c[cname]
        per = sa.select(col.label("v"), sa.func.count().label("n")).where(col.is_not(None)).group_by(col).subquery("per_group")
        n_groups, n_members, multi = r._rows(sa.select(sa.func.count(), sa.func.sum(per.c.n),
                                                       sa.func.sum(sa.case((per.c.n >= 2, 1), else_=0))))[0]
        n_groups, n_members, multi = int(n_groups or 0), int(n_members or 0), int(multi or 0)
        if not n_groups:
            continue
        mean = n_members / n_groups
        if not (MIN_PER_GROUP <= mean <= MAX_PER_GROUP) or multi < 0.1 * n_groups or n_groups < 0.5 * g.rows:
            continue
        reason = (f"{n_members} personnes de « {P} » pour {n_groups} valeurs de « {cname} » ({_num(mean)} personnes par "
                  f"« {g.name} » en moyenne, {multi} en comptent plusieurs) ; {lk.short()}")
        out.append(Group(g.name, lk.target_column, lk, round(mean, 2), reason))
    return out


def _num(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def used(m: Any, group: Group) -> bool:
    """Other tables than the persons' point to the group: its rows are files (contacts, assignments, log)."""
    return any(lk.target == group.table and lk.table not in (m.persons, group.table) for lk in m.links.values())


def group_of(m: Any, table: str | None) -> Group | None:
    """The group whose table is ``table``."""
    return next((g for g in getattr(m, "groups", []) if g.table == table), None)


def markers(r: _Resolver) -> None:
    """Archive and closing markers of each used group, and its unit, read from its own values."""
    from auditor.model import Marker, has_word, vocab

    m = r.m
    v = vocab()
    arch_words = {norm(w) for w in v["status"]["archived"]}
    for g in m.groups:
        if not used(m, g):
            continue
        t = r.cat.tables[g.table]
        for c in t.columns.values():
            if c.name == g.key or (t.name, c.name) in m.links or r._family(c) == "date" or c.kind in ("date", "closure_date"):
                continue
            if r._family(c) not in ("text", "int", "bool"):
                continue
            vals = r.distinct_values(t.name, c.name, 12)
            if not vals:
                continue
            status = [x for x in vals if isinstance(x, str) and norm(x) in arch_words]
            if status:
                g.archive.append(Marker(c.name, sorted(status, key=str),
                                        f"« {c.name} » a {len(vals)} valeurs distinctes, dont "
                                        + ", ".join(f"« {s} »" for s in sorted(status, key=str)) + " (mot d'archivage)"))
                continue
            flags = r._flag_values(t.name, c.name)
            if flags and (c.kind == "archive_flag" or has_word(c.name, v["columns"]["archive"])):
                trues = [x for x in flags if norm(x) in {norm(w) for w in v["flags"]["true"]}]
                if trues:
                    g.archive.append(Marker(c.name, trues, f"indicateur d'archivage « {c.name} »"))
        for c in t.columns.values():
            if c.kind == "closure_date" or (c.kind == "date" and has_word(c.name, v["columns"]["closure"])):
                g.closure, g.closure_reason = c.name, "nom de la colonne"
                break
        if g.closure is None:
            ct = next((c for c in m.contacts if c.person.target == g.table and c.dates), None)
            if ct is not None:
                got = closing_date_by_values(r, g.table, g.key, ct.table, ct.person.column, ct.dates[0])
                if got is not None:
                    g.closure, g.closure_reason = got
        if m.units:
            g.unit = next((lk for (tn, _c), lk in sorted(m.links.items()) if tn == g.table and lk.target == m.units), None)


def closing_date_by_values(r: _Resolver, table: str, key: str, contacts: str, ref: str, day: str) -> tuple[str, str] | None:
    """(column, French reason) of a date of ``table`` filled for some rows only (at most 80 %) and, where filled, on or
    after the row's last contact (``contacts.day`` grouped by ``contacts.ref`` = ``table.key``) for at least 80 % of
    at least 10 rows: a closing date whatever its name. None when no column fits."""
    from auditor.model import _day, has_word, pct, vocab

    t = r.cat.tables[table]
    if not t.rows:
        return None
    best: tuple[float, str, int] | None = None
    for c in t.columns.values():
        if c.name == key or c.kind in ("birth_date", "birth_year") or (table, c.name) in r.m.links or c.from_policy:
            continue
        if not (c.kind in ("date", "departure_date", "closure_date") or r._family(c) == "date"
                or (c.kind == "other" and r._family(c) == "text" and r._date_values(table, c.name))):
            continue
        if has_word(c.name, vocab()["columns"]["opening"]):
            continue
        tt, cnt = r._t(table), r._t(contacts)
        filled = int(r._scalar(sa.select(sa.func.count(tt.c[c.name]))) or 0)
        if not filled or filled > 0.8 * t.rows:
            continue
        last = (sa.select(cnt.c[ref].label("k"), sa.func.max(_day(cnt.c[day])).label("d")).group_by(cnt.c[ref]).subquery("lc"))
        q = (sa.select(sa.func.count(), sa.func.sum(sa.case((_day(tt.c[c.name]) >= last.c.d, 1), else_=0)))
             .select_from(tt.join(last, last.c.k == tt.c[key])).where(_day(tt.c[c.name]).is_not(None)))
        n, after = r._rows(q)[0]
        n, after = int(n or 0), int(after or 0)
        if n >= 10 and after >= 0.8 * n and (best is None or after / n > best[0]):
            best = (after / n, c.name, n)
    if best is None:
        return None
    share, name, n = best
    return name, (f"valeurs : date vide pour une partie des lignes et, pour {pct(share)} des {n} lignes où elle est remplie, "
                  f"postérieure ou égale au dernier contact (« {contacts} ») ; à vérifier")


def correct_catalog(r: _Resolver) -> None:
    """A used group's table is a file (shared by its members), not a unit; the columns pointing to it refer to persons."""
    m = r.m
    for g in m.groups:
        if not used(m, g):
            continue
        t = r.cat.tables[g.table]
        if not t.from_policy:
            t.role, t.reason = "case_file", f"modèle du service : dossier commun d'un groupe de personnes ({g.reason})"
        for (tname, cname), lk in m.links.items():
            if lk.target != g.table:
                continue
            c = r.cat.tables[tname].columns.get(cname)
            if c is None or c.from_policy or (cname in r.cat.tables[tname].primary_key):
                continue
            if c.kind in ("other", "category", "ref", "count", "unit_ref", "person_ref", "primary_key", "caf_number", "case_ref"):
                c.kind, c.target = "person_ref", g.table
                c.reason = f"modèle du service : {lk.reason} ; « {g.table} » est un groupe de personnes"
        for mk in g.archive:
            c = t.columns[mk.column]
            if c.kind in ("other", "category") and not c.from_policy:
                c.kind, c.reason = "archive_flag", f"modèle du service : {mk.reason}"
        if g.closure:
            c = t.columns[g.closure]
            if c.kind in ("date", "other") and not c.from_policy:
                c.kind, c.reason = "closure_date", f"{c.reason} ; modèle du service : date de clôture du dossier du groupe"


def tree_lines(m: Any) -> list[str]:
    """Lines of ``auditor inspect``'s model tree for the groups."""
    out = []
    for g in getattr(m, "groups", []):
        use = "dossier commun de ses membres" if used(m, g) else "aucune autre table n'y renvoie : les dossiers restent ceux des personnes"
        out.append(f"├ groupe de personnes : {g.label()} — {use} ; {g.reason}")
        for mk in g.archive:
            out.append(f"│  └ archivage : {mk.reason}")
        if g.closure:
            out.append(f"│  └ clôture : {g.closure}" + (f" ({g.closure_reason})" if g.closure_reason != "nom de la colonne" else ""))
        if g.unit:
            out.append(f"│  └ unité : {g.unit.short()}")
    return out
