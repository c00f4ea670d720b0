"""The findings as CSV for spreadsheet users, and the PIA action plan."""

from __future__ import annotations

import csv
import io

from auditor.findings import AuditResult

COLUMNS = [
    "identifiant", "contrôle", "règle", "gravité", "constat", "table", "colonne", "concernés", "examinés",
    "références", "recommandation", "événement redouté", "gravité (AIPD)", "vraisemblance (AIPD)", "mesure", "statut",
]


def render(result: AuditResult) -> bytes:
    """constats.csv: one row per finding, ';' separated, UTF-8 with BOM (opens in Excel)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(COLUMNS)
    status = {}
    if result.baseline:
        for key, label in (("new", "nouveau"), ("persisting", "persistant")):
            for i in result.baseline.get(key, []):
                status[i] = label
    for f in result.sorted_findings():
        w.writerow([
            f.id, f.check, f.rule, f.severity.label_fr, f.title, f.table or "", f.column or "",
            "" if f.affected is None else f.affected, "" if f.total is None else f.total,
            " ; ".join(f.references), f.recommendation, f.pia.get("feared_event", ""), f.pia.get("severity", ""),
            f.pia.get("likelihood", ""), f.pia.get("measure", ""), status.get(f.id, ""),
        ])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
