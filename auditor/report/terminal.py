"""The short summary printed at the end of a scan (rich; plain text off a terminal)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from auditor.findings import AuditResult


def print_summary(result: AuditResult, written: list[Path], console: Console) -> None:
    """Counts per check and severity, the worst findings, and where the files are."""
    table = Table(title=f"Audit {result.audit_number} — {len(result.findings)} constat(s)", show_lines=False)
    table.add_column("Gravité")
    table.add_column("Contrôle")
    table.add_column("Constat")
    table.add_column("Lieu")
    table.add_column("Concernés", justify="right")
    for f in result.sorted_findings()[:15]:
        where = (f.table or "") + (f".{f.column}" if f.column else "")
        table.add_row(f.severity.label_fr, f.check, f.title, where, "" if f.affected is None else str(f.affected))
    console.print(table)
    if len(result.findings) > 15:
        console.print(f"… et {len(result.findings) - 15} autre(s) constat(s) dans le rapport.")
    counts = result.summary()
    console.print(
        "Synthèse : " + ", ".join(f"{n} {label}" for label, n in (
            ("critique(s)", counts["critical"]), ("élevé(s)", counts["high"]), ("moyen(s)", counts["medium"]),
            ("faible(s)", counts["low"]), ("pour information", counts["info"]),
        ))
    )
    if result.baseline is not None:
        b = result.baseline
        ref = result.baseline_info.get("audit_number") or "de référence"
        line = (
            f"Depuis l'audit {ref} : {len(b.get('new', []))} nouveau(x), {len(b.get('resolved', []))} résolu(s), "
            f"{len(b.get('persisting', []))} persistant(s)"
        )
        if b.get("unchecked"):
            line += f", {len(b['unchecked'])} non réexaminé(s) (contrôle non relancé)"
        if b.get("accepted"):
            line += f", {len(b['accepted'])} accepté(s) par une exception"
        console.print(line + ".")
    for p in written:
        console.print(f"Écrit : {p}")
