"""rapport.html: the report laid out like a CNAD opinion (Jinja2 over report_templates/)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import jinja2

from auditor.findings import AuditResult, Finding, Severity
from auditor.resources import data_dir

CHECK_QUESTIONS = {
    "access": "Des personnes sans lien avec l'accompagnement peuvent-elles lire les dossiers, ou savoir qui a consulté le service social ?",
    "nominative": "Les tableaux présentés comme statistiques ou anonymes permettent-ils de retrouver des personnes ?",
    "subjective": "Les écrits enregistrés contiennent-ils des jugements, des suppositions ou des informations sensibles qui n'ont pas lieu d'y figurer ?",
    "retention": "Les données sont-elles conservées au-delà des durées applicables ?",
}
CHECK_TITLES = {
    "access": "Accès aux dossiers",
    "nominative": "Données nominatives dans les statistiques",
    "subjective": "Écrits subjectifs et informations sensibles",
    "retention": "Durées de conservation",
}
ROLE_ORDER = ["persons", "case_file", "third_parties", "rights_requests", "staff", "permissions", "assignments",
              "access_log", "statistics", "units", "archive", "other"]


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("report_templates"))),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["nombre"] = lambda n: "—" if n is None else f"{n:,}".replace(",", "\u202f")
    return env


def conclusion(findings: list[Finding]) -> tuple[str, str]:
    """(code, French label) of the conclusion for one question."""
    if any(f.severity.at_least(Severity.HIGH) for f in findings):
        return "non-conforme", "non conforme"
    if any(f.severity.at_least(Severity.LOW) for f in findings):
        return "a-verifier", "à vérifier"
    return "conforme", "conforme (aucun écart relevé)"


def situation(result: AuditResult) -> list[str]:
    """The database as understood, in sentences."""
    by_role: dict[str, list[Any]] = defaultdict(list)
    for t in result.tables:
        by_role[t.role].append(t)
    total_rows = sum(t.rows or 0 for t in result.tables)
    kind = {"sqlite": "une base SQLite", "postgresql": "une base PostgreSQL", "mysql": "une base MySQL/MariaDB",
            "csv": "des exports CSV", "other": "une base de données"}[result.source.kind]
    out = [
        f"La source auditée est {kind} comptant {len(result.tables)} table(s) et {total_rows:,} ligne(s) au total.".replace(",", "\u202f")
    ]
    for role in ROLE_ORDER:
        tables = by_role.get(role)
        if not tables:
            continue
        names = ", ".join(f"« {t.name} » ({(t.rows or 0):,} lignes)".replace(",", "\u202f") for t in tables)
        out.append(f"{tables[0].role_label.capitalize()} : {names}.")
    if result.skipped:
        out.append(
            f"{len(result.skipped)} objet(s) n'ont pas pu être examinés ; ils sont listés dans l'annexe de méthode."
        )
    return out


def view_model(result: AuditResult) -> dict[str, Any]:
    """Everything the templates use, computed once."""
    findings = result.sorted_findings()
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_check[f.check].append(f)
    questions = []
    for i, name in enumerate(result.checks_run, start=1):
        fs = by_check.get(name, [])
        code, label = conclusion(fs)
        questions.append({
            "number": i,
            "check": name,
            "title": CHECK_TITLES.get(name, name),
            "question": CHECK_QUESTIONS.get(name, f"Contrôle « {name} »"),
            "findings": fs,
            "conclusion_code": code,
            "conclusion": label,
        })
    used_refs: dict[str, dict[str, str]] = {}
    citation_to_key = {v["citation"]: k for k, v in result.references.items()}
    for f in findings:
        for c in f.references:
            key = citation_to_key.get(c)
            if key:
                used_refs[key] = result.references[key]
    recs = []
    seen = set()
    for f in findings:
        if f.recommendation and (f.rule, f.recommendation) not in seen:
            seen.add((f.rule, f.recommendation))
            recs.append(f)
    status = {}
    if result.baseline:
        for key in ("new", "persisting"):
            for i in result.baseline.get(key, []):
                status[i] = key
    return {
        "r": result,
        "findings": findings,
        "questions": questions,
        "situation": situation(result),
        "rules_recalled": sorted(used_refs.values(), key=lambda r: r["citation"]),
        "recommendations": recs,
        "summary": result.summary(),
        "severity_labels": {s.value: s.label_fr for s in Severity},
        "status": status,
    }


def render(result: AuditResult) -> bytes:
    """rapport.html bytes: self-contained, no external asset."""
    html = _env().get_template("rapport.html.j2").render(**view_model(result))
    return html.encode("utf-8")
