"""Nominative check: direct identifiers and re-identification risks in statistics tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

from auditor.catalog import DIRECT_IDENTIFIER_KINDS
from auditor.check import RuleBook
from auditor.context import CheckContext
from auditor.findings import Evidence, Finding, Severity

BOOK = RuleBook(Path(__file__).parent)
CRITICAL_KINDS = {"nir", "iban"}


@BOOK.rule("nominative.direct_identifier_in_statistics")
def direct_identifier_in_statistics(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per direct-identifier column of a statistics table, counted over the whole table."""
    for t in ctx.catalog.by_role("statistics"):
        cols = t.columns_of(*DIRECT_IDENTIFIER_KINDS)
        if not cols:
            continue
        tab = ctx.table(t)
        filled = ctx.rows(sa.select(*[sa.func.count(tab.c[c.name]).label(f"c{i}") for i, c in enumerate(cols)]))[0]
        for c, n in zip(cols, filled):
            n = int(n or 0)
            if n == 0:
                continue
            yield BOOK.finding(
                ctx,
                "nominative.direct_identifier_in_statistics",
                table=t.name,
                column=c.name,
                subject=c.kind,
                title=f"La table de statistiques « {t.name} » contient une colonne de type {c.label} (« {c.name} »)",
                affected=n,
                total=t.rows,
                severity=Severity.CRITICAL if c.kind in CRITICAL_KINDS else None,
                evidence=[Evidence(record=None, excerpt=f"{c.name} : {c.label} renseigné sur {n} ligne(s) ; {c.reason}")],
                details={"kind": c.kind, "kind_label": c.label, "filled_rows": n, "reason": c.reason, "table_reason": t.reason},
            )


class NominativeCheck:
    """The nominative check as registered in ``auditor.checks``."""

    info = BOOK.info

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = NominativeCheck()
