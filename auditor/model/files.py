"""A table of files between the access log and the persons (issue 13).

A service may keep the person (``individu``) apart from their files (``dossier``: several per person over the years,
each with its referent account and its unit); the log then names the FILE, never the person. The resolver, looking
at each table alone, may take the file table for a log (an account, a person, dates, a category column) while the real
log reads it through ``Log.via``. Evidence decides: a table whose rows another log reads (the target of a log's file
hop, with its own key) and which carries no time of day is not a log of reads but a table of files. It becomes

- a person-level assignment (its account column: the file's referent follows the person; no period: a referent of any
  of the person's files explains a read of the person's file), and
- a ``FileTable`` kept on the model: a reader of the unit of one of the person's files is explained (« même unité »).

Said in the table's reason (``auditor inspect``) and in the evidence of the access findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.model import Link, _Resolver


@dataclass
class FileTable:
    """A table of files of persons: each row a file, its person, its referent account, its unit."""

    table: str
    key: str
    person: Link
    staff: Link | None
    unit: Link | None
    reason: str = ""


def file_tables(r: _Resolver) -> None:
    """Turn every 'log' read by another log through its rows (and with no time of day) into a table of files."""
    from auditor.model import Assignment

    m = r.m
    read_through = {lg.person.target for lg in m.logs if lg.via is not None and lg.person is not None}
    for lg in list(m.logs):
        if lg.table not in read_through or lg.via is not None or lg.person is None or lg.reader is None:
            continue
        t = r.cat.tables.get(lg.table)
        if t is None or (lg.time and r._time_of_day(lg.table, lg.time) >= 0.5):
            continue  # timed stamps: a log in its own right
        key = next(x.person.target_column for x in m.logs if x.via is not None and x.person is not None
                   and x.person.target == lg.table)
        if not r._own_key(t, key) or lg.person.target != m.persons:
            continue
        unit = next((lk for lk in sorted(r.out_links(lg.table), key=lambda x: x.column)
                     if m.units and lk.target == m.units), None)
        readers = [x.table for x in m.logs if x.via is not None and x.person is not None and x.person.target == lg.table]
        reason = (f"table des dossiers : chaque ligne est un dossier (clé « {key} ») d'une personne ({lg.person.short()}), "
                  f"lu par le journal « {', '.join(sorted(readers))} » ; référent « {lg.reader.column} »"
                  + (f", unité « {unit.column} »" if unit is not None else "")
                  + " ; sans heure dans ses dates, ce n'est pas un journal des lectures")
        m.logs.remove(lg)
        m.assignments.append(Assignment(lg.table, lg.reader, person=lg.person, reason=reason))
        m.files.append(FileTable(lg.table, key, lg.person, lg.reader, unit, reason))
        m.roles[lg.table] = ("case_file", reason)
    for a in m.assignments:  # a file table already taken for assignments (no action column): its unit explains too
        t = r.cat.tables.get(a.table)
        if (a.table not in read_through or a.person is None or a.unit is not None or a.person.target != m.persons
                or t is None or any(f.table == a.table for f in m.files)):
            continue
        key = next(x.person.target_column for x in m.logs if x.via is not None and x.person is not None
                   and x.person.target == a.table)
        unit = next((lk for lk in sorted(r.out_links(a.table), key=lambda x: x.column)
                     if m.units and lk.target == m.units), None)
        if not r._own_key(t, key) or unit is None:
            continue
        why = f" ; table des dossiers lue par le journal (clé « {key} ») : unité du dossier « {unit.column} »"
        a.reason += why
        m.files.append(FileTable(a.table, key, a.person, a.staff, unit, a.reason))


def file_unit_condition(ctx: Any, sm: Any, pid: Any, staff_unit: Any) -> Any:
    """SQL: the reader's unit is the unit of one of the person's files (None without a table of files with units)."""
    import sqlalchemy as sa

    conds = []
    for i, f in enumerate(getattr(sm, "files", None) or []):
        if f.unit is None or f.person.target != sm.persons or f.person.target_column != sm.person_key:
            continue
        ft = ctx.table(ctx.catalog.tables[f.table]).alias(f"fu{i}")
        conds.append(sa.exists().where(sa.and_(ft.c[f.person.column] == pid, ft.c[f.unit.column] == staff_unit)))
    if not conds:
        return None
    return sa.and_(staff_unit.is_not(None), sa.or_(*conds))
