"""Logs whose structure is spread over several tables or held inside values.

A log split in two tables: the page views name the person read and a session; the session names the account. The
reader of a view is reached through its session (``session_hop``). The evidence is structural: the view's column is
a sure link to the own key of a table that is neither the persons, the accounts nor the units, whose rows name one
account (a sure link to the accounts' key), no person, and carry a time of day (a session is opened at an hour).
"""

from __future__ import annotations

from typing import Any

from auditor.catalog import TableInfo


def session_hop(r: Any, t: TableInfo, outs: list[Any]) -> tuple[Any, Any] | None:
    """(link of ``t`` to a session table, link of that session table to the accounts) when ``t`` names no account
    itself but a row of a table whose rows each belong to one account and name no person (a session, a connection):
    the account of that row is the reader of ``t``'s line. Both links must be sure (declared or confirmed)."""
    m = r.m
    if not m.staff or not m.staff_key:
        return None
    for lk in outs:
        if lk.confidence != "high":
            continue
        mid = r.cat.tables.get(lk.target)
        if mid is None or lk.target in (m.persons, m.staff, m.units, t.name) or m.group(lk.target) is not None:
            continue
        if not r._own_key(mid, lk.target_column):
            continue
        mouts = r.out_links(mid.name)
        if any(x.target == m.persons or m.group(x.target) is not None for x in mouts):
            continue  # a contact or a file of a person, not a session of an account
        to_s = [x for x in mouts if x.confidence == "high" and x.target == m.staff and x.target_column == m.staff_key]
        if len(to_s) != 1:
            continue
        timed = [c.name for c in mid.columns.values() if (mid.name, c.name) not in m.links and c.name not in mid.primary_key
                 and r._family(c) in ("date", "text") and r._time_of_day(mid.name, c.name) >= 0.5]
        if timed:
            return lk, to_s[0]
    return None


def session_reason(hop: Any) -> str:
    """French explanation of a reader reached through a session."""
    return (f" ; le lecteur est le compte de la session : « {hop.table} » → {hop.short()}, une ligne du journal "
            f"est lue par le compte de sa session")
