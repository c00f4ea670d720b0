"""How ``auditor inspect`` shows the catalog, and the editable policy it can write."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from auditor.catalog import COLUMN_KIND_LABELS, TABLE_ROLE_LABELS, Catalog

SILENT_KINDS = {"other"}


def catalog_to_dict(catalog: Catalog, display: str) -> dict[str, Any]:
    """The catalog as JSON-able data."""
    return {
        "source": display,
        "sample_size": catalog.sample_size,
        "tables": [
            {
                "name": t.name,
                "role": t.role,
                "role_label": t.label,
                "reason": t.reason,
                "rows": t.rows,
                "error": t.error,
                "columns": [
                    {"name": c.name, "type": c.sql_type, "kind": c.kind, "label": c.label, "reason": c.reason,
                     "target": c.target, "sampled": c.sampled}
                    for c in t.columns.values()
                ],
                **({"relation": t.kind_label, "reads": list(t.reads)} if t.is_view else {}),
            }
            for t in _all(catalog)
        ],
    }


def _all(catalog: Catalog) -> list[Any]:
    """Tables and views, by name."""
    return sorted([*catalog.tables.values(), *catalog.views.values()], key=lambda t: t.name)


def print_catalog(catalog: Catalog, display: str, console: Console) -> None:
    """One block per table: role and reason, then every recognised column with its reason."""
    views = f" et {len(catalog.views)} vue(s)" if catalog.views else ""
    console.print(f"Source : {display} — {len(catalog.tables)} table(s){views}")
    for t in _all(catalog):
        rows = "?" if t.rows is None else f"{t.rows:,}".replace(",", "\u202f")
        console.print()
        what = f" — {t.kind_label} qui lit {', '.join(t.reads) or '?'}" if t.is_view else ""
        console.print(f"[bold]{t.name}[/bold] — {t.label} ({rows} lignes){what}")
        console.print(f"  pourquoi : {t.reason or 'aucun indice : rôle « autre »'}")
        method = getattr(t, "sample_method", "")
        if method:
            console.print(f"  valeurs lues : {getattr(t, 'sample_rows', 0)} ligne(s), {method}", markup=False)
        if t.error:
            console.print(f"  non lue : {t.error}")
        table = Table(show_header=True, box=None, padding=(0, 1))
        table.add_column("colonne")
        table.add_column("type")
        table.add_column("pourquoi")
        for c in t.columns.values():
            label = c.label + (f" → {c.target}" if c.target else "")
            table.add_row(c.name, label, c.reason or "—")
        console.print(table)


def print_understood(understood: dict[str, Any], console: Console) -> None:
    """What each check understood (permission model, caseload, ...), as an indented outline."""

    def show(value: Any, indent: int) -> None:
        pad = "  " * indent
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, (dict, list)) and v:
                    console.print(f"{pad}{k} :", markup=False)
                    show(v, indent + 1)
                else:
                    console.print(f"{pad}{k} : {'—' if v in (None, '', [], {}) else v}", markup=False)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    console.print(f"{pad}- " + ", ".join(f"{k}={v}" for k, v in item.items()), markup=False)
                else:
                    console.print(f"{pad}- {item}", markup=False)
        else:
            console.print(f"{pad}{value}", markup=False)

    for name, data in understood.items():
        console.print()
        console.print(f"[bold]Ce que le contrôle « {name} » a compris[/bold]")
        show(data, 1)


def _q(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def policy_toml(catalog: Catalog, display: str) -> str:
    """An editable policy with every guess written out, and comments listing the choices."""
    lines = [
        "# Politique d'audit écrite par « auditor inspect --write-policy ».",
        f"# Source : {display}",
        "# Corrigez un rôle ou un type puis relancez : auditor scan SOURCE --policy ce_fichier.toml",
        "# Rôles possibles : " + ", ".join(sorted(TABLE_ROLE_LABELS)),
        "# Types possibles : " + ", ".join(sorted(COLUMN_KIND_LABELS)),
        "",
        "[audit]",
        '# fail_on = "high"',
        '# as_of = "2026-06-30"',
        "",
        "[thresholds]",
        "# k_anonymity = 5",
        "# small_cell = 11",
        "",
    ]
    for t in _all(catalog):
        lines.append(f"[tables.{_q(t.name)}]")
        lines.append(f"# {t.label} — {t.reason or 'aucun indice'}")
        lines.append(f"role = {_q(t.role)}")
        lines.append(f"[tables.{_q(t.name)}.columns]")
        for c in t.columns.values():
            if c.target:
                lines.append(f"{_q(c.name)} = {{ kind = {_q(c.kind)}, target = {_q(c.target)} }}  # {c.reason}")
            else:
                lines.append(f"{_q(c.name)} = {_q(c.kind)}  # {c.reason or '—'}")
        lines.append("")
    return "\n".join(lines)
