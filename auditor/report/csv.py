"""The findings as CSV for spreadsheet users, and the action plan for a PIA (AIPD).

Both files are ';'-separated UTF-8 with a BOM, so that a French spreadsheet
opens them directly. A cell that a spreadsheet would take for a formula (it
starts with = + - @ or a control character) is prefixed with an apostrophe:
table names come from the audited database and must not run as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from auditor.findings import AuditResult
from auditor.report.model import build

COLUMNS = [
    "identifiant", "contrôle", "règle", "gravité", "constat", "table", "colonne", "concernés", "examinés",
    "références", "recommandation", "événement redouté", "gravité (AIPD)", "vraisemblance (AIPD)", "mesure", "statut",
    # added after the first version (columns are only ever added at the end)
    "numéro", "part concernée", "pourquoi", "action (AIPD)", "priorité", "à vérifier", "éléments relevés",
]
PLAN_COLUMNS = [
    "numéro", "identifiant du constat", "question", "risque (événement redouté)", "constat à l'origine", "lieu",
    "gravité", "vraisemblance", "mesure", "action", "priorité", "références", "responsable", "échéance", "statut",
]
PRIORITY = {"immediate": "sans attendre", "short": "court terme", "structural": "mesure de fond"}
STATUS = {"new": "nouveau", "persisting": "persistant"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """Text of a cell, neutralised if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for row in rows:
        w.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def render(result: AuditResult) -> bytes:
    """constats.csv: one row per finding, every field a spreadsheet user needs."""
    model = build(result)
    rows = []
    for q in model["questions"]:
        for v in q.findings:
            f = v.f
            rows.append([
                f.id, f.check, f.rule, f.severity.label_fr, f.title, f.table or "", f.column or "",
                f.affected, f.total, " ; ".join(f.references), f.recommendation, f.pia.get("feared_event", ""),
                f.pia.get("severity", ""), f.pia.get("likelihood", ""), f.pia.get("measure", ""),
                STATUS.get(v.status or "", ""),
                f"constat {v.number}", v.share, f.why, f.pia.get("action", ""), PRIORITY[v.tier], "oui" if v.unconfirmed else "",
                " | ".join((f"{e.record} : " if e.record else "") + e.excerpt for e in f.evidence),
            ])
    return _csv(COLUMNS, rows)


def render_plan(result: AuditResult) -> bytes:
    """plan_action_aipd.csv: the action plan in the vocabulary of a PIA, to carry into the DPO's AIPD."""
    model = build(result)
    rows = []
    for q in model["questions"]:
        for v in q.findings:
            f = v.f
            where = (f.table or "base") + (f".{f.column}" if f.column else "")
            rows.append([
                f"constat {v.number}", f.id, q.title, f.pia.get("feared_event", ""), f.title, where, f.pia.get("severity", ""),
                f.pia.get("likelihood", ""), f.pia.get("measure", "") or f.recommendation,
                f.pia.get("action", "") or f.recommendation, PRIORITY[v.tier], " ; ".join(f.references), "", "",
                "à faire",
            ])
    return _csv(PLAN_COLUMNS, rows)
