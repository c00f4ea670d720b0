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


def print_model(catalog: Catalog, console: Console) -> None:
    """The service model as a short tree, with the reason of each link."""
    if getattr(catalog, "model", None) is None:
        return
    from auditor.model.view import tree

    console.print()
    for line in tree(catalog.model):
        console.print(line, markup=False)


# French words for what the checks report in ``describe_checks`` (keys and code values);
# anything else (table, column and role names) is shown as it is.
UNDERSTOOD_KEYS = {
    "persons": "table des personnes", "person": "colonne de la personne", "person_unit_column": "colonne de l'unité de la personne",
    "staff": "table des professionnels", "staff_columns": "colonnes des professionnels", "pk": "clé",
    "login": "identifiant de connexion", "password": "mot de passe", "departure": "date de départ", "active": "actif",
    "role": "rôle", "roles": "rôles", "units": "table des unités", "unit": "unité", "unit_region_column": "colonne de la région",
    "assignments": "affectations (qui suit qui)", "table": "table", "case_tables": "tables de dossiers",
    "consultation_fact_tables": "tables qui révèlent qui a consulté", "grants": "droits d'accès lus",
    "object": "objet", "scope": "périmètre", "level": "portée", "family": "famille", "accounts": "comptes",
    "workplace": "service social du travail", "workplace_reason": "raison", "access": "accès",
    "family_reason": "pourquoi cette famille",
}
CHECK_TITLES = {"access": "Accès aux dossiers", "nominative": "Données nominatives dans les statistiques",
                "subjective": "Écrits subjectifs et informations sensibles", "retention": "Durées de conservation"}
# in a list item (an assignment, a grant), a key names a column of that table
ITEM_KEYS = {"staff": "colonne du professionnel", "person": "colonne de la personne", "unit": "colonne de l'unité",
             "start": "début de la période", "end": "fin de la période"}
# code values, translated only under these keys (elsewhere a value is a table, column or role name)
UNDERSTOOD_VALUES = {
    "family": {"hierarchy": "hiérarchie", "social": "travail social", "status_blind": "sans lien avec l'accompagnement",
               "other": "autre"},
    "level": {"caseload": "personnes suivies", "unit": "unité", "region": "région", "all": "toute la base"},
}


def _fr_key(k: Any, item: bool = False) -> str:
    return (ITEM_KEYS.get(str(k)) if item else None) or UNDERSTOOD_KEYS.get(str(k), str(k))


def _fr_value(v: Any, key: Any = None) -> str:
    if isinstance(v, bool):
        return "oui" if v else "non"
    if v in (None, "", [], {}):
        return "—"
    return UNDERSTOOD_VALUES.get(str(key), {}).get(str(v), str(v))


def print_understood(understood: dict[str, Any], console: Console) -> None:
    """What each check understood (permission model, caseload, ...), as an indented outline, in French."""

    def show(value: Any, indent: int) -> None:
        pad = "  " * indent
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, (dict, list)) and v:
                    console.print(f"{pad}{_fr_key(k)} :", markup=False)
                    show(v, indent + 1)
                else:
                    console.print(f"{pad}{_fr_key(k)} : {_fr_value(v, k)}", markup=False)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    console.print(f"{pad}- " + ", ".join(f"{_fr_key(k, True)} : {_fr_value(v, k)}" for k, v in item.items()),
                                  markup=False)
                else:
                    console.print(f"{pad}- {_fr_value(item)}", markup=False)
        else:
            console.print(f"{pad}{_fr_value(value)}", markup=False)

    for name, data in understood.items():
        console.print()
        title = CHECK_TITLES.get(name, name)
        console.print(f"[bold]Ce que le contrôle « {title} » a compris[/bold]")
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
    if getattr(catalog, "model", None) is not None:
        from auditor.model.view import policy_section, tree

        sec = policy_section(catalog.model)
        lines.append("# Modèle du service compris par auditor (corrigez une table ou un lien : scan --policy le prend tel quel)")
        lines += [f"# {line}" for line in tree(catalog.model)]
        lines.append("[model]")
        for key in ("persons", "staff", "units"):
            if key in sec:
                lines.append(f"{key} = {_q(sec[key])}")
        for key, what in (("roles", "table des rôles"), ("role_members", "table qui relie les comptes à leurs rôles")):
            if key in sec:
                lines.append(f"# {what}")
                lines.append(f"{key} = {_q(sec[key])}")
        if sec.get("read_actions"):
            lines.append("# codes d'action du journal qui sont des lectures")
            lines.append(f"read_actions = [{', '.join(_q(v) for v in sec['read_actions'])}]")
        lines.append("")
        if sec.get("links"):
            lines.append("[model.links]")
            for src, dst in sec["links"].items():
                lines.append(f"{_q(src)} = {_q(dst)}")
            lines.append("")
        if sec.get("scopes"):
            lines.append("# périmètre lu dans chaque filtre des droits : all (tout), region, unit (l'unité du compte),")
            lines.append("# caseload (ses propres dossiers), unknown (illisible) ; corrigez la valeur, scan --policy la prend telle quelle")
            lines.append("[model.scopes]")
            for text, level in sec["scopes"].items():
                lines.append(f"{_q(text)} = {_q(level)}")
            lines.append("")
        if sec.get("log_objects"):
            lines.append("# journaux génériques : la colonne du type d'objet et ses valeurs qui désignent le dossier d'une personne")
            lines.append("[model.log_objects]")
            for tname, spec in sec["log_objects"].items():
                vals = ", ".join(str(v) if isinstance(v, int) and not isinstance(v, bool) else _q(str(v)) for v in spec["values"])
                lines.append(f"{_q(tname)} = {{ column = {_q(spec['column'])}, values = [{vals}] }}")
            lines.append("")
        if sec.get("log_paths"):
            lines.append("# journaux dont une colonne contient la clé de la personne (un chemin) : les lignes qui commencent par prefix "
                         "la portent, sur length caractères")
            lines.append("[model.log_paths]")
            for tname, spec in sec["log_paths"].items():
                lines.append(f"{_q(tname)} = {{ column = {_q(spec['column'])}, prefix = {_q(spec['prefix'])}, length = {int(spec['length'])} }}")
            lines.append("")
        if sec.get("groups"):
            lines.append("# groupes de personnes (foyers, familles) : la colonne des personnes qui désigne leur groupe")
            lines.append("[model.groups]")
            for gname, ref in sec["groups"].items():
                lines.append(f"{_q(gname)} = {_q(ref)}")
            lines.append("")
    dels = getattr(getattr(catalog, "model", None), "delegations", None) or []
    if dels:  # found by the values (auditor.model.delegations): written so a DPO corrects the direction or the period
        d = dels[0]
        lines.append("# délégations : pendant la période, « to_column » lit les personnes suivies par « from_column »")
        lines.append("[access.delegations]")
        for key, val in (("table", d.table), ("from_column", d.giver.column), ("to_column", d.taker.column),
                         ("start_column", d.start), ("end_column", d.end)):
            lines.append(f"{key} = {_q(val)}")
        lines.append("")
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
