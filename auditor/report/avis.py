"""avis.html / avis.pdf: the opinion itself, short enough to be read by a committee in one sitting.

The full report (rapport.*) keeps every finding, its evidence and the annexes; the opinion keeps the
shape of a CNAD opinion in a few pages: the question, the situation in a page, the rules that carry the
opinion, one reasoned application per question citing its strongest findings by their number in the full
report (with the one chart that makes the case), the opinion per question, and at most ten ranked
recommendations, each grouping the findings it fixes. Everything is computed from the same model as the
full report (:func:`auditor.report.model.build`), so finding numbers agree between the two documents.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from auditor.findings import AuditResult, Severity
from auditor.report import charts
from auditor.report.charts import Chart
from auditor.report.model import (
    QuestionView,
    FindingView,
    RefView,
    _join_fr,
    build,
    nombre,
    plural,
    situation,
    lcfirst,
)
from auditor.resources import data_dir

MAX_RECOMMENDATIONS = 10
MAX_STRONGEST = 3
MAX_RULES = 3
MAX_ROLES = 4
MAX_SUMMARY = 100
ROLE_SHORT = {
    "persons": "les personnes accompagnées",
    "case_file": "les dossiers et les écrits",
    "third_parties": "les tiers et les proches",
    "rights_requests": "les demandes d'exercice des droits",
    "staff": "les professionnels et leurs comptes",
    "permissions": "les droits d'accès",
    "assignments": "les affectations",
    "access_log": "le journal des consultations",
    "statistics": "les statistiques",
    "archive": "les archives",
}


@lru_cache(maxsize=1)
def themes() -> list[dict[str, Any]]:
    """report_templates/avis.toml: the recommendations of the opinion and the rules each one covers."""
    with (data_dir("report_templates") / "avis.toml").open("rb") as fh:
        return list(tomllib.load(fh)["theme"])


def theme_of(rule: str) -> str | None:
    """Key of the theme that covers ``rule`` (first match in file order), None if none does."""
    for t in themes():
        if any(fnmatch.fnmatchcase(rule, pattern) for pattern in t["rules"]):
            return str(t["key"])
    return None


@dataclass
class AvisQuestion:
    """One question as the opinion argues it."""

    q: QuestionView
    counts: str
    strongest: list[FindingView]
    rules: list[RefView]
    chart: Chart | None
    tables: list[str] = field(default_factory=list)


def _counts(q: QuestionView) -> str:
    """'5 constats, dont 2 de gravité critique et 3 de gravité élevée' (or 'aucun constat')."""
    if not q.findings:
        return "aucun constat"
    by: dict[Severity, int] = {}
    for v in q.findings:
        by[v.f.severity] = by.get(v.f.severity, 0) + 1
    grave = [f"{nombre(by[s])} de gravité {s.label_fr}" for s in (Severity.CRITICAL, Severity.HIGH) if by.get(s)]
    head = plural(len(q.findings), "constat", "constats")
    return head + (f", dont {_join_fr(grave)}" if grave and sum(by.get(s, 0) for s in (Severity.CRITICAL, Severity.HIGH)) < len(q.findings)
                   else f", {'tous ' if len(q.findings) > 1 else ''}de gravité élevée ou critique" if grave else "")


def _strongest(q: QuestionView) -> list[FindingView]:
    """The findings that carry the question: the gravest first, one per rule, at most three."""
    seen: set[str] = set()
    out: list[FindingView] = []
    for v in q.findings:  # already ordered from the gravest
        if v.f.rule in seen or v.f.severity == Severity.INFO:
            continue
        seen.add(v.f.rule)
        out.append(v)
        if len(out) == MAX_STRONGEST:
            break
    return out or q.findings[:1]


def _rules(q: QuestionView, strongest: list[FindingView]) -> list[RefView]:
    """The rules that carry the opinion on a question.

    Settled references only when there are any; those cited by the strongest findings first, then by how
    many of the question's findings cite them, then by their strength.
    """
    pool: dict[str, RefView] = {}
    weight: dict[str, tuple[int, int]] = {}
    for v in q.findings:
        for r in v.refs:
            pool.setdefault(r.citation, r)
            strong, count = weight.get(r.citation, (0, 0))
            weight[r.citation] = (strong + (v in strongest), count + 1)
    settled = [r for r in pool.values() if not r.to_verify] or list(pool.values())
    settled.sort(key=lambda r: (-weight[r.citation][0], -weight[r.citation][1], r.rank, r.citation))
    return settled[:MAX_RULES]


def short_summary(text: str) -> str:
    """The first sentence of a reference's summary, cut at a word if still long, without its final stop."""
    first = text.strip().split(". ")[0].rstrip(".")
    if len(first) > MAX_SUMMARY:
        first = first[: first.rfind(" ", 0, MAX_SUMMARY)] + "…"
    return first


def recommendations(questions: list[QuestionView]) -> list[dict[str, Any]]:
    """At most ten recommendations, ranked, each with the findings it answers (numbers of the full report)."""
    order = {str(t["key"]): i for i, t in enumerate(themes())}
    actions = {str(t["key"]): str(t["action"]) for t in themes()}
    groups: dict[str, dict[str, Any]] = {}
    for q in questions:
        for v in q.findings:
            key = theme_of(v.f.rule) or f"other:{q.check}"
            g = groups.setdefault(key, {
                "key": key, "findings": [], "worst": v.f.severity, "tables": [], "roles": [],
                "action": actions.get(key) or (f"Traiter les autres constats de la question « {lcfirst(q.title)} » "
                                               "comme le rapport complet l'indique pour chacun."),
                "order": order.get(key, len(order) + q.number),
            })
            g["findings"].append(v.number)
            if v.f.severity.rank < g["worst"].rank:
                g["worst"] = v.f.severity
            if v.f.table and v.f.table not in g["tables"]:
                g["tables"].append(v.f.table)
            role = v.f.details.get("role")
            if isinstance(role, str) and role and role not in g["roles"]:
                g["roles"].append(role)
    ranked = sorted(groups.values(), key=lambda g: (g["worst"].rank, -len(g["findings"]), g["order"]))
    ranked = [g for g in ranked if g["worst"] != Severity.INFO or len(ranked) <= MAX_RECOMMENDATIONS]
    if len(ranked) > MAX_RECOMMENDATIONS:
        keep, rest = ranked[: MAX_RECOMMENDATIONS - 1], ranked[MAX_RECOMMENDATIONS - 1:]
        merged = {"key": "rest", "findings": [n for g in rest for n in g["findings"]],
                  "worst": min((g["worst"] for g in rest), key=lambda s: s.rank), "tables": [], "roles": [],
                  "action": "Traiter aussi les autres constats, de moindre gravité, comme le rapport complet l'indique "
                            "pour chacun.", "order": 99}
        ranked = keep + [merged]
    for g in ranked:
        if len(g["roles"]) > MAX_ROLES:
            g["roles"] = g["roles"][:MAX_ROLES] + [f"et {plural(len(g['roles']) - MAX_ROLES, 'autre', 'autres')}"]
        g["findings"] = sorted(g["findings"], key=lambda n: tuple(int(x) for x in n.split(".")))
        g["severity_label"] = g["worst"].label_fr
    return ranked


def short_situation(result: AuditResult) -> list[str]:
    """The situation in a few sentences: what was audited, where each kind of data lives, what could not be seen."""
    full = situation(result)
    out = [full[0]] + [s for s in full[1:] if s.startswith(("Il s'agit", "La nature du service"))]
    by_role: dict[str, list[str]] = {}
    for t in result.tables:
        if t.role in ROLE_SHORT:
            by_role.setdefault(t.role, []).append(f"« {t.name} »")
    parts = []
    for role, label in ROLE_SHORT.items():
        names = by_role.get(role)
        if names:
            parts.append(f"{label} {'dans la table' if len(names) == 1 else 'dans les tables'} {_join_fr(names)}")
    if parts:
        out.append("D'après sa structure et un échantillon de valeurs, la base enregistre " + _join_fr(parts) + ".")
    out.extend(s.replace("annexe A)", "annexe A du rapport complet)")
               for s in full[1:] if s.startswith(("La base concerne", "Ce que l'audit n'a pas pu établir")))
    return out


def build_avis(result: AuditResult) -> dict[str, Any]:
    """Everything avis.html.j2 uses."""
    m = build(result)
    questions: list[QuestionView] = m["questions"]
    views = []
    for q in questions:
        strongest = _strongest(q) if q.findings else []
        items = [(v.f, v.number) for v in q.findings]
        tables = sorted({v.f.table for v in q.findings if v.f.table})
        views.append(AvisQuestion(q=q, counts=_counts(q), strongest=strongest, rules=_rules(q, strongest),
                                  chart=charts.for_question(q.check, items), tables=tables))
    recs = recommendations(questions)
    return {**m, "short_summary": short_summary, "avis_questions": views, "avis_recommendations": recs, "short_situation": short_situation(result),
            "charts": [v.chart for v in views if v.chart is not None]}
