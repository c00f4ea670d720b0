"""Helpers for writing a check: rules declared in ``rules.toml``, bound to functions.

A built-in check is a folder with ``rules.toml`` (the check's title, question
and one ``[[rule]]`` table per rule), a ``check.py`` whose functions are bound
to rule ids with :meth:`RuleBook.rule`, and its data files. An outside check
may use the same helper.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from auditor.findings import Evidence, Finding, Severity
from auditor.french import first_sentence, french
from auditor.registry import CheckInfo, RuleInfo

if TYPE_CHECKING:
    from auditor.context import CheckContext

RuleFn = Callable[["CheckContext"], Iterable[Finding]]

# PIA vocabulary (CNIL method): severity and likelihood on a 4-level scale.
PIA_SEVERITY = {
    Severity.CRITICAL: "maximale",
    Severity.HIGH: "importante",
    Severity.MEDIUM: "limitée",
    Severity.LOW: "négligeable",
    Severity.INFO: "négligeable",
}


def pia_likelihood(affected: int | None, total: int | None, observed: bool = False) -> str:
    """Likelihood on the CNIL PIA scale from the share of records concerned; the highest when the
    feared event was observed (it happened: reads found in an access log)."""
    if observed and affected:
        return "maximale"
    if not affected:
        return "négligeable"
    if not total:
        return "importante"
    share = affected / total
    if share >= 0.5:
        return "maximale"
    if share >= 0.1:
        return "importante"
    if share >= 0.01:
        return "limitée"
    return "négligeable"


class RuleBook:
    """A check's rules: metadata from ``rules.toml`` and one function per rule."""

    def __init__(self, folder: Path) -> None:
        with (folder / "rules.toml").open("rb") as fh:
            data = tomllib.load(fh)
        meta = data["check"]
        rules = {}
        for r in data.get("rule", []):
            rules[r["id"]] = RuleInfo(
                id=r["id"],
                title=r["title"],
                severity=Severity(r["severity"]),
                references=tuple(r.get("references", [])),
                recommendation=r.get("recommendation", ""),
                why=r.get("why", ""),
                feared_event=r.get("feared_event", ""),
                since=r.get("since", "0.1.0"),
                observed=bool(r.get("observed", False)),
            )
        self.info = CheckInfo(
            name=meta["name"],
            title=meta["title"],
            question=meta.get("question", ""),
            description=meta.get("description", ""),
            rules=rules,
            options=data.get("options", {}),
        )
        self.folder = folder
        self._fns: dict[str, RuleFn] = {}

    def rule(self, rule_id: str) -> Callable[[RuleFn], RuleFn]:
        """Bind a function to a rule id declared in ``rules.toml``."""
        if rule_id not in self.info.rules:
            raise KeyError(f"rule {rule_id} is not declared in rules.toml")

        def deco(fn: RuleFn) -> RuleFn:
            self._fns[rule_id] = fn
            return fn

        return deco

    @property
    def bound(self) -> dict[str, RuleFn]:
        """Rule id -> function."""
        return dict(self._fns)

    def finding(
        self,
        ctx: CheckContext,
        rule_id: str,
        *,
        table: str | None,
        column: str | None = None,
        affected: int | None,
        total: int | None,
        evidence: Iterable[Evidence] = (),
        subject: str | None = None,
        title: str | None = None,
        severity: Severity | None = None,
        details: dict[str, Any] | None = None,
        why: str | None = None,
        recommendation: str | None = None,
    ) -> Finding:
        """Build a finding for ``rule_id`` with its references, recommendation and PIA terms."""
        info = self.info.rules[rule_id]
        override = ctx.policy.rule_override(rule_id)
        sev = Severity(override["severity"]) if "severity" in override else (severity or info.severity)
        rec = french(recommendation or info.recommendation)
        ev = tuple(evidence)
        details = dict(details or {})
        why = why or info.why
        origin = (getattr(ctx.source, "table_meta", None) or {}).get(table) if table else None
        if origin:
            # a table read from a workbook or an Access file: say where, and what the workbook hid
            from auditor.sources.spreadsheet import hidden_remark

            details.setdefault("origin", origin["origin"])
            remark = hidden_remark(origin, column)
            if remark:
                details["hidden_in_workbook"] = True
                ev = (Evidence(record=None, excerpt=remark), *ev)
        view = ctx.catalog.views.get(table) if table else None
        if view is not None:
            # a finding on a view says so, and which tables it reads
            reads = ", ".join(f"« {r} »" for r in view.reads) or "tables non déterminées"
            details.setdefault("relation", view.kind_label)
            details.setdefault("view_reads", list(view.reads))
            why = f"« {view.name} » est une {view.kind_label} qui lit {reads} : quiconque la consulte voit ces données. {why}"
        ev = ev[: ctx.evidence_limit]
        if not (self.info.name == "subjective" and ctx.policy.audit.get("extraits")):  # never retouch quoted text
            ev = tuple(Evidence(record=e.record, excerpt=french(e.excerpt)) for e in ev)
        return Finding(
            check=self.info.name,
            rule=rule_id,
            severity=sev,
            title=french(title or info.title),
            table=table,
            column=column,
            affected=affected,
            total=total,
            evidence=ev,
            references=tuple(ctx.citation(r) for r in info.references),
            recommendation=rec,
            subject=subject,
            why=french(why),
            details=details,
            pia={
                "feared_event": info.feared_event or "Accès illégitime à des données",
                "severity": PIA_SEVERITY[sev],
                "likelihood": pia_likelihood(affected, total, info.observed),
                "measure": rec,
                "action": first_sentence(rec),
            },
        )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every bound rule; a rule that fails on a database error is recorded, not fatal."""
        active = [r for r in self.info.rules if r in self._fns and ctx.policy.rule_override(r).get("enabled") is not False]
        with ctx.progress(f"Contrôle {self.info.name} (règles)", len(active)) as bar:
            for rule_id in active:
                try:
                    yield from self._fns[rule_id](ctx)
                except sa.exc.SQLAlchemyError as exc:
                    ctx.rule_failed(rule_id, exc)
                bar.advance(1)
