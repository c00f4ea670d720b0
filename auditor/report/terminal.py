"""The short summary printed at the end of a scan (rich; plain text off a terminal).

All in French: the question each finding answers (not the check's code name), the
place as « table », colonne, numbers in French, plurals agreed; a line says how many
findings are not shown, and the last line says what the exit status means.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from auditor.findings import AuditResult, Severity
from auditor.french import french
from auditor.report.model import _check_text, nombre, plural

SHOWN = 15
_ORDER = [Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO]


def _where(table: str | None, column: str | None, rule: str = "") -> str:
    if table and column:
        return f"{table}.{column}"
    if table:
        return table
    return "fichier de la base" if rule == "access.sqlite_file_readable" else "toute la base"


def severities_from(threshold: Severity) -> str:
    """« élevée ou critique » for high: the severities at or above ``threshold``, mildest first."""
    labels = [s.label_fr for s in reversed(_ORDER) if s.at_least(threshold)]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " ou " + labels[-1]


def exit_line(result: AuditResult, threshold: Severity) -> str:
    """What the exit status of the scan means, in one sentence."""
    n = sum(1 for f in result.findings if f.severity.at_least(threshold))
    what = f"de gravité {severities_from(threshold)}"
    if n:
        return f"{plural(n, 'constat', 'constats')} {what} : code de sortie 1 (voir --fail-on)."
    return f"Aucun constat {what} : code de sortie 0 (voir --fail-on)."


def print_summary(result: AuditResult, written: list[Path], console: Console,
                  threshold: Severity | None = None) -> None:
    """Counts per severity, the worst findings, where the files are and what the exit status means."""
    total = len(result.findings)
    table = Table(title=f"Audit {result.audit_number} : {plural(total, 'constat', 'constats')}", show_lines=False)
    table.add_column("Gravité")
    table.add_column("Question")
    table.add_column("Constat")
    table.add_column("Lieu")
    table.add_column("Concernés", justify="right")
    titles: dict[str, str] = {}
    for f in result.sorted_findings()[:SHOWN]:
        q = titles.setdefault(f.check, _check_text(result, f.check)["title"])
        table.add_row(f.severity.label_fr, q, french(f.title), _where(f.table, f.column, f.rule), nombre(f.affected) if f.affected is not None else "")
    if total:
        console.print(table)
    else:
        console.print(f"Audit {result.audit_number} : aucun constat.")
    if total > SHOWN:
        rest = total - SHOWN
        console.print(f"{plural(rest, 'autre constat, moins grave, n’est pas affiché', 'autres constats, moins graves ou de même gravité, ne sont pas affichés')} "
                      "ici : tous figurent dans le rapport (annexe B) et dans findings.json.")
    counts = result.summary()
    parts = [f"{nombre(counts[s.value])} de gravité {s.label_fr}" for s in _ORDER[:-1]]
    parts.append(f"{nombre(counts[Severity.INFO.value])} pour information")
    console.print("Synthèse : " + ", ".join(parts) + ".")
    if result.baseline is not None:
        b = result.baseline
        ref = result.baseline_info.get("audit_number") or "de référence"
        line = (
            f"Depuis l'audit {ref} : {plural(len(b.get('new', [])), 'nouveau', 'nouveaux')}, "
            f"{plural(len(b.get('resolved', [])), 'résolu', 'résolus')}, "
            f"{plural(len(b.get('persisting', [])), 'persistant', 'persistants')}"
        )
        if b.get("unchecked"):
            line += f", {plural(len(b['unchecked']), 'non réexaminé', 'non réexaminés')} (contrôle non relancé)"
        if b.get("accepted"):
            line += f", {plural(len(b['accepted']), 'accepté', 'acceptés')} par une exception"
        console.print(line + ".")
    for p in written:
        console.print(f"Écrit : {p}")
    if threshold is not None:
        console.print(exit_line(result, threshold))
