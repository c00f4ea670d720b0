"""Access check: application rights compared with the need to know.

Rights are read from the application's permission tables (as guessed by the
catalog or mapped in the policy): for each role, which tables it may read and
with which perimeter. Roles whose perimeter is wider than the worker's own
caseload (national, département, all sites) are findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from auditor.catalog import TableInfo
from auditor.check import RuleBook
from auditor.context import CheckContext
from auditor.findings import Evidence, Finding
from auditor.sqlutil import norm

BOOK = RuleBook(Path(__file__).parent)
READ_WORDS = {"lecture", "read", "r", "consultation", "consulter", "lecture ecriture", "rw", "ecriture", "write", "tous", "all", "total", "1", "oui", "true", "o", "x"}
ALL_OBJECTS = {"*", "tout", "tous", "toutes", "all", "dossiers", "tout le dossier"}


@dataclass(frozen=True)
class Grant:
    """One application right: role, object (table), perimeter."""

    role: str
    obj: str
    scope: str
    table: str  # the permission table it comes from


def _matches(words: list[str], value: str) -> bool:
    v = norm(value)
    return any(v == norm(w) or v.startswith(norm(w) + " ") for w in words)


def read_grants(ctx: CheckContext) -> list[Grant]:
    """Every read right of every permission table (small tables, read as distinct rows)."""
    grants: list[Grant] = []
    for t in ctx.catalog.by_role("permissions"):
        role = t.first("role")
        obj = t.first("permission_object")
        scope = t.first("scope")
        rights = t.columns_of("access_right")
        if role is None or obj is None:
            continue
        tab = ctx.table(t)
        cols = [tab.c[role.name], tab.c[obj.name]]
        cols.append(tab.c[scope.name] if scope else sa.literal(""))
        cols.extend(tab.c[r.name] for r in rights)
        for row in ctx.rows(sa.select(*cols).distinct()):
            r_role, r_obj, r_scope = row[0], row[1], row[2]
            values = row[3:]
            if rights:
                reads = False
                for col, v in zip(rights, values):
                    n = norm(v)
                    if norm(col.name) in ("lecture", "read", "can read", "peut lire", "consultation autorisee", "ecriture", "write", "can write"):
                        reads = reads or n in ("1", "oui", "true", "t", "o", "x", "y", "yes")
                    else:
                        reads = reads or n in READ_WORDS
                if not reads:
                    continue
            grants.append(Grant(role=str(r_role or ""), obj=str(r_obj or ""), scope=str(r_scope or ""), table=t.name))
    return grants


def case_tables(ctx: CheckContext) -> dict[str, TableInfo]:
    """Tables holding case content, by normalised name."""
    return {norm(t.name): t for t in ctx.catalog.by_role("case_file", "rights_requests")}


def accounts_by_role(ctx: CheckContext) -> dict[str, tuple[int, int]]:
    """Normalised role -> (accounts, active accounts), from the staff tables."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for t in ctx.catalog.by_role("staff"):
        role = t.first("role")
        if role is None:
            continue
        tab = ctx.table(t)
        active = t.first("active_flag")
        from auditor.sqlutil import truthy

        act = sa.func.sum(sa.case((truthy(tab.c[active.name]), 1), else_=0)) if active else sa.func.count()
        stmt = sa.select(tab.c[role.name], sa.func.count(), act).group_by(tab.c[role.name])
        for r, n, a in ctx.rows(stmt):
            out[norm(r)][0] += int(n)
            out[norm(r)][1] += int(a or 0)
    return {k: (v[0], v[1]) for k, v in out.items()}


def persons_total(ctx: CheckContext) -> int | None:
    """Number of persons in the main persons table."""
    p = ctx.catalog.person_table()
    return p.rows if p else None


@BOOK.rule("access.wide_read_on_case_files")
def wide_read_on_case_files(ctx: CheckContext) -> Iterator[Finding]:
    """Roles reading case tables with a perimeter wider than their caseload."""
    wide = ctx.policy.section("access").get("wide_scopes", [])
    cases = case_tables(ctx)
    by_role: dict[tuple[str, str], list[Grant]] = defaultdict(list)
    for g in read_grants(ctx):
        if not _matches(wide, g.scope):
            continue
        if norm(g.obj) in cases or norm(g.obj) in ALL_OBJECTS:
            by_role[(g.table, g.role)].append(g)
    accounts = accounts_by_role(ctx)
    total_persons = persons_total(ctx)
    for (table, role), grants in sorted(by_role.items()):
        objs = sorted({g.obj for g in grants})
        scopes = sorted({g.scope for g in grants})
        n_accounts, n_active = accounts.get(norm(role), (0, 0))
        perm = ctx.catalog.tables[table]
        scope_col = perm.first("scope")
        yield BOOK.finding(
            ctx,
            "access.wide_read_on_case_files",
            table=table,
            column=scope_col.name if scope_col else None,
            subject=role,
            title=f"Le rôle « {role} » lit {', '.join(objs)} sur un périmètre « {', '.join(scopes)} »",
            affected=total_persons,
            total=total_persons,
            evidence=[Evidence(record=None, excerpt=f"rôle {role} : lecture de {g.obj} ({g.scope})") for g in grants],
            details={
                "role": role,
                "objects": objs,
                "scopes": scopes,
                "accounts": n_accounts,
                "active_accounts": n_active,
                "persons_exposed": total_persons,
            },
            why=(
                f"{n_active} compte(s) actif(s) ayant le rôle « {role} » peuvent lire {', '.join(objs)} "
                f"pour l'ensemble des {total_persons if total_persons is not None else '?'} personnes, "
                "y compris celles qu'ils ne suivent pas. " + BOOK.info.rules["access.wide_read_on_case_files"].why
            ),
        )


class AccessCheck:
    """The access check as registered in ``auditor.checks``."""

    info = BOOK.info

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = AccessCheck()
