"""Closing dates of case files found by their values (issue 13): a date of a file table whose name says nothing.

A case table (a file of a person: a measure, a request, a follow-up) whose rows are referred to by a table of dated
acts (interviews of the file) may close its files in a date column named like no closing date (``date_bascule``,
``dt_sortie_dispositif``...). Read from the values: the date is filled for some files only, and where it is filled it
falls on or after the file's last act (a file is closed after its last act). The choice is said in the column's reason
(``auditor inspect``) and read by the retention check as the file's closing date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.model import _Resolver


def case_closures(r: _Resolver) -> None:
    """Mark a closing date found by its values on each case table that has none (see the module's docstring)."""
    from auditor.model.groups import closing_date_by_values

    m = r.m
    skip = {m.persons, m.staff, m.units, *(g.table for g in m.groups)}
    for t in sorted(r.cat.tables.values(), key=lambda x: x.name):
        if t.name in skip or t.role != "case_file" or not t.rows or t.error or t.from_policy:
            continue
        if any(c.kind == "closure_date" for c in t.columns.values()) or not any(c.kind == "person_ref" for c in t.columns.values()):
            continue
        key = t.primary_key[0] if len(t.primary_key) == 1 else m.key_of(t.name)
        if not key:
            continue
        for (cname_t, ccol), lk in sorted(m.links.items()):
            if lk.target != t.name or lk.target_column != key or cname_t == t.name:
                continue
            child = r.cat.tables[cname_t]
            day = next((c.name for c in child.columns.values() if c.kind == "date" and (cname_t, c.name) not in m.links), None)
            if day is None:
                continue
            got = closing_date_by_values(r, t.name, key, cname_t, ccol, day)
            if got is not None:
                col, why = got
                c = t.columns[col]
                if c.kind in ("date", "other"):
                    c.kind = "closure_date"
                    c.reason = f"{c.reason} ; modèle du service : date de clôture du dossier ({why})"
                break
