"""Logs whose structure is spread over several tables or held inside values.

A log split in two tables: the page views name the person read and a session; the session names the account. The
reader of a view is reached through its session (``session_hop``). The evidence is structural: the view's column is
a sure link to the own key of a table that is neither the persons, the accounts nor the units, whose rows name one
account (a sure link to the accounts' key), no person, and carry a time of day (a session is opened at an hour).
"""

from __future__ import annotations

import re
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


SAMPLE_VALUES = 300  # distinct values of a text column read to learn where a person's key sits in it
MIN_FOUND = 0.3  # share of the sampled values holding a person's key at one place, to take the column as a reference
MIN_CONFIRMED = 0.95  # share of the lines of that form whose extracted key is a person's key, counted in SQL


def path_ref(r: Any, t: TableInfo, exclude: set[str]) -> tuple[Any, str, int] | None:
    """(link, prefix, length) when a text column of ``t`` holds a person's key inside longer values at a fixed place
    (a web log's path: ``/dossiers/<key>/notes``): learnt from the values (the persons' keys have one length; the
    sampled values holding one after a common beginning), then confirmed in SQL on every line of that form. The key
    is ``substr(column, len(prefix) + 1, length)`` on the lines that begin with ``prefix``; other lines name no person."""
    import sqlalchemy as sa

    from auditor.model import MIN_INCLUSION, Link, pct

    m = r.m
    P, key = m.persons, m.person_key
    spec = (r.given.get("log_paths") or {}).get(t.name) if r.given else None
    if spec and P and key:
        return (Link(t.name, spec["column"], P, key, "extraction", "high",
                     f"clé de la personne dans « {spec['column']} » après « {spec['prefix']} » (fixé par la politique ([model.log_paths]))"),
                spec["prefix"], int(spec["length"]))
    if not P or not key or P not in r.cat.tables or r._family(r.cat.tables[P].columns[key]) != "text":
        return None
    pt = r._t(P)
    lo, hi = r._rows(sa.select(sa.func.min(sa.func.length(pt.c[key])), sa.func.max(sa.func.length(pt.c[key]))))[0]
    if not lo or lo != hi or lo < 5:
        return None  # keys of one length only: the place of the key in a path is then the same on every line
    n = int(lo)
    for c in sorted(t.columns.values(), key=lambda x: x.name):
        if c.name in exclude or (t.name, c.name) in m.links or r._family(c) != "text" or (c.avg_length or 0) <= n:
            continue
        lt = r._t(t.name)
        values = [str(v) for (v,) in r._rows(sa.select(lt.c[c.name]).where(lt.c[c.name].is_not(None)).distinct().limit(SAMPLE_VALUES))]
        # where a key could start: after a separator of a path or a query; the beginnings seen most often are tried
        starts: dict[str, list[str]] = {}
        for v in values:
            for i in range(1, len(v) - n + 1):
                if v[i - 1] in "/=:#" and (i + n == len(v) or not v[i + n].isalnum()):
                    starts.setdefault(v[:i], []).append(v[i:i + n])
        found, prefix = 0, ""
        for pre, subs in sorted(starts.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]:
            if len(subs) < MIN_FOUND * len(values):
                break
            hit = int(r._scalar(sa.select(sa.func.count(sa.distinct(pt.c[key]))).where(pt.c[key].in_(sorted(set(subs))))) or 0)
            if hit > found:
                found, prefix = hit, pre
        if found < MIN_FOUND * len(values) or found < 20:
            continue
        if len(prefix) > 40 or not re.fullmatch(r"[/A-Za-z0-9_.:=?&#-]+", prefix):
            continue  # a route, never a piece of free text (which could hold a name)
        lt = r._t(t.name)
        like = lt.c[c.name].like(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", escape="\\")
        ext = sa.func.substr(lt.c[c.name], len(prefix) + 1, n)
        total = int(r._scalar(sa.select(sa.func.count()).select_from(lt).where(like)) or 0)
        known = int(r._scalar(sa.select(sa.func.count()).select_from(lt).where(like, ext.in_(sa.select(pt.c[key])))) or 0)
        if not total or known < max(MIN_INCLUSION, MIN_CONFIRMED) * total:
            continue
        lk = Link(t.name, c.name, P, key, "extraction", "high",
                  (f"« {c.name} » contient la clé de la personne : sur {len(values)} valeurs lues, {found} clés distinctes de personnes après "
                   f"« {prefix} » ({n} caractères) ; confirmé sur les {total} lignes de cette forme : {pct(known / total)}"),
                  inclusion=known / total, tested=total)
        return lk, prefix, n
    return None
