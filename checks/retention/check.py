"""Retention check: last activity per person, computed in SQL, against the policy's periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from dateutil.relativedelta import relativedelta

from auditor.catalog import TableInfo
from auditor.check import RuleBook
from auditor.context import CheckContext
from auditor.findings import Evidence, Finding
from auditor.sqlutil import iso_date, norm, truthy

BOOK = RuleBook(Path(__file__).parent)
CONTACT_DATE_KINDS = ("date", "closure_date")
WORKPLACE_WORDS = {"salarie", "salaries", "employe", "employes", "collaborateur", "collaborateurs", "agent_entreprise"}


def contact_dates(ctx: CheckContext, person: TableInfo) -> list[sa.Select[Any]]:
    """SELECT (person id, ISO date) for every dated contact of a person, in every case table.

    A case table that references the person directly contributes its date
    columns; a table that references such a case table (an interview of a
    request) contributes through one join. The access log is excluded.
    """
    pk = person.primary_key[0]
    selects: list[sa.Select[Any]] = []
    direct: dict[str, str] = {}
    for t in ctx.catalog.by_role("case_file", "rights_requests"):
        ref = t.ref_to(person.name)
        if ref is not None:
            direct[t.name] = ref.name
    for tname, ref in direct.items():
        t = ctx.catalog.tables[tname]
        tab = ctx.table(t)
        for c in t.columns_of(*CONTACT_DATE_KINDS):
            selects.append(sa.select(tab.c[ref].label("pid"), iso_date(tab.c[c.name]).label("d")))
    for t in ctx.catalog.by_role("case_file", "rights_requests"):
        if t.name in direct:
            continue
        for ref in t.columns_of("case_ref", "ref"):
            if ref.target in direct:
                parent = ctx.catalog.tables[ref.target]
                if not parent.primary_key:
                    continue
                tab, ptab = ctx.table(t), ctx.table(parent)
                join = tab.join(ptab, tab.c[ref.name] == ptab.c[parent.primary_key[0]])
                for c in t.columns_of(*CONTACT_DATE_KINDS):
                    selects.append(
                        sa.select(ptab.c[direct[ref.target]].label("pid"), iso_date(tab.c[c.name]).label("d")).select_from(join)
                    )
    del pk
    return selects


def category_for(ctx: CheckContext, person: TableInfo) -> dict[str, Any]:
    """The retention category of the persons table: policy mapping, else a guess from its name."""
    mapped = ctx.policy.tables.get(person.name, {}).get("retention")
    if mapped:
        key = mapped
    elif any(w in norm(person.name).split() for w in WORKPLACE_WORDS):
        key = "service_social_travail"
    else:
        key = "accompagnement_social"
    cat = ctx.policy.retention_category(key)
    if cat is None:
        cat = ctx.policy.retention_category("accompagnement_social") or {"key": key, "period_months": 24}
    return cat


@BOOK.rule("retention.person_past_period")
def person_past_period(ctx: CheckContext) -> Iterator[Finding]:
    """Persons not archived whose last contact is older than the period, bucketed by overrun."""
    for person in ctx.catalog.by_role("persons"):
        if not person.primary_key:
            ctx.skip(person.name, "durée de conservation non évaluée : pas de clé pour relier les contacts aux personnes")
            continue
        cat = category_for(ctx, person)
        months = int(cat.get("period_months") or 0)
        if months <= 0:
            continue
        selects = contact_dates(ctx, person)
        if not selects:
            continue
        cutoff = ctx.as_of - relativedelta(months=months)
        b1 = (cutoff - relativedelta(years=1)).isoformat()
        b3 = (cutoff - relativedelta(years=3)).isoformat()
        union = sa.union_all(*selects).subquery("contacts")
        last = (
            sa.select(union.c.pid, sa.func.max(union.c.d).label("last"))
            .where(union.c.d.is_not(None))
            .group_by(union.c.pid)
            .subquery("last_contact")
        )
        ptab = ctx.table(person)
        pk = ptab.c[person.primary_key[0]]
        archive = person.first("archive_flag")
        conds = [last.c["last"] < cutoff.isoformat()]
        if archive is not None:
            conds.append(sa.or_(ptab.c[archive.name].is_(None), sa.not_(truthy(ptab.c[archive.name]))))
        stmt = (
            sa.select(
                sa.func.count().label("n"),
                sa.func.sum(sa.case((last.c["last"] >= b1, 1), else_=0)).label("lt1"),
                sa.func.sum(sa.case((sa.and_(last.c["last"] < b1, last.c["last"] >= b3), 1), else_=0)).label("y1to3"),
                sa.func.sum(sa.case((last.c["last"] < b3, 1), else_=0)).label("gt3"),
                sa.func.min(last.c["last"]).label("oldest"),
            )
            .select_from(ptab.join(last, last.c.pid == pk))
            .where(*conds)
        )
        row = ctx.rows(stmt)[0]
        n = int(row.n or 0)
        if n == 0:
            continue
        oldest = row.oldest
        overrun = ""
        if oldest:
            try:
                od = dt.date.fromisoformat(str(oldest)[:10])
                rd = relativedelta(cutoff, od)
                overrun = f"{rd.years} an(s) et {rd.months} mois"
            except ValueError:
                overrun = ""
        source = "politique" if cat.get("from_policy") else "valeur par défaut à confirmer"
        yield BOOK.finding(
            ctx,
            "retention.person_past_period",
            table=person.name,
            column=None,
            subject=cat["key"],
            title=f"{n} personne(s) de « {person.name} » conservée(s) au-delà de {months} mois après le dernier contact",
            affected=n,
            total=person.rows,
            evidence=[
                Evidence(record=None, excerpt=f"dépassement de moins d'un an : {int(row.lt1 or 0)} personne(s)"),
                Evidence(record=None, excerpt=f"dépassement de 1 à 3 ans : {int(row.y1to3 or 0)} personne(s)"),
                Evidence(record=None, excerpt=f"dépassement de plus de 3 ans : {int(row.gt3 or 0)} personne(s)"),
            ],
            details={
                "category": cat["key"],
                "category_label": cat.get("label", cat["key"]),
                "period_months": months,
                "period_source": source,
                "cutoff": cutoff.isoformat(),
                "overrun_lt_1y": int(row.lt1 or 0),
                "overrun_1_3y": int(row.y1to3 or 0),
                "overrun_gt_3y": int(row.gt3 or 0),
                "oldest_overrun": overrun,
                "archive_flag": archive.name if archive else None,
            },
            why=(
                f"Durée appliquée : {months} mois après le dernier contact (catégorie « {cat.get('label', cat['key'])} », "
                f"{source}). Le plus ancien dépassement atteint {overrun or 'une durée inconnue'}. "
                + BOOK.info.rules["retention.person_past_period"].why
            ),
        )


class RetentionCheck:
    """The retention check as registered in ``auditor.checks``."""

    info = BOOK.info

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = RetentionCheck()
