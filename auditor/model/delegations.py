"""Delegations found by evidence (issue 13): a worker covers another's caseload for a period.

A table with two columns tied to the accounts (sure links: declared or by value inclusion), no column tied to the
persons, and a period (two dates) is a table of delegations: during the period, the second account reads the persons the
first one follows. Which column gives and which receives is read from the columns' order (the holder first, as in
« de → à », « titulaire → remplaçant »): said in the reason, correctable in ``[access.delegations]`` (``from_column``,
``to_column``, ``start_column``, ``end_column``). A table of two accounts without a period (a hierarchy, a pairing) is
not a delegation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.model import Link, _Resolver


@dataclass
class Delegation:
    """A table of delegations: holder, delegate, period."""

    table: str
    giver: Link
    taker: Link
    start: str
    end: str
    reason: str = ""


def delegations(r: _Resolver) -> None:
    """Find the tables of delegations (see the module's docstring) and keep them on the model."""
    m = r.m
    if not m.staff or not m.persons:
        return
    for t in sorted(r.cat.tables.values(), key=lambda x: x.name):
        if t.name in (m.persons, m.staff, m.units) or t.name in m.roles or not t.rows or t.error:
            continue
        outs = r.out_links(t.name)
        if any(lk.target == m.persons or (m.group(lk.target) is not None) for lk in outs):
            continue
        order = list(t.columns)
        to_s = sorted((lk for lk in outs if lk.target == m.staff and lk.confidence == "high"), key=lambda lk: order.index(lk.column))
        if len(to_s) != 2 or to_s[0].column == to_s[1].column:
            continue
        dates = [c.name for c in t.columns.values() if c.kind in ("date", "closure_date", "departure_date")
                 or (c.name not in t.primary_key and (t.name, c.name) not in m.links and r._date_values(t.name, c.name))]
        start, end = r._period(dates)
        if not start or not end:
            continue
        reason = (f"délégations : deux colonnes renvoient aux comptes ({to_s[0].short()} ; {to_s[1].short()}) avec une période "
                  f"« {start} » → « {end} » ; pendant la période, « {to_s[1].column} » lit les personnes suivies par "
                  f"« {to_s[0].column} » (sens lu dans l'ordre des colonnes, à corriger dans [access.delegations])")
        m.delegations.append(Delegation(t.name, to_s[0], to_s[1], start, end, reason))
