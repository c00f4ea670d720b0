"""Teams with periods found by evidence (issue 13): workers belong to teams through a membership table (worker ↔ team,
with a period) and a team follows persons (team ↔ person, with a period). A read is explained when the reader was, on
the day of the read, a member of a team that followed the person that day.

Evidence: two tables with sure links (declared or by value inclusion) to the same table T (neither the persons, the
accounts nor the units), one also tied to the accounts, the other to the persons, each with a period (two dates). The
tables keep their other roles (the retention check still reads the follow-up's dates as contacts). Said in
``inspect``; the explanation « équipe » is counted in the access findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.model import Link, _Resolver


@dataclass
class Team:
    """Membership (account ↔ team, period) and follow-up (team ↔ person, period) through the same team table."""

    team_table: str
    members: str
    member_staff: Link
    member_team: Link
    member_start: str
    member_end: str
    follows: str
    follow_team: Link
    follow_person: Link
    follow_start: str
    follow_end: str
    reason: str = ""


def _dates(r: _Resolver, t: Any) -> list[str]:
    m = r.m
    return [c.name for c in t.columns.values() if c.kind in ("date", "closure_date", "departure_date")
            or (c.name not in t.primary_key and (t.name, c.name) not in m.links and r._date_values(t.name, c.name))]


def teams(r: _Resolver) -> None:
    """Find membership and follow-up tables through one team table (see the module's docstring)."""
    m = r.m
    if not m.staff or not m.persons:
        return
    skip = {m.persons, m.staff, m.units}
    members: dict[str, list[tuple[Any, Link, Link, str, str]]] = {}
    follows: dict[str, list[tuple[Any, Link, Link, str, str]]] = {}
    for t in sorted(r.cat.tables.values(), key=lambda x: x.name):
        if t.name in skip or not t.rows or t.error or any(lg.table == t.name for lg in m.logs):
            continue
        outs = [lk for lk in r.out_links(t.name) if lk.confidence == "high"]
        to_s = [lk for lk in outs if lk.target == m.staff]
        to_p = [lk for lk in outs if lk.target == m.persons]
        mids = [lk for lk in outs if lk.target not in skip and lk.target != t.name and m.group(lk.target) is None
                and r._own_key(r.cat.tables[lk.target], lk.target_column)]
        if len(mids) != 1 or len(to_s) + len(to_p) != 1:
            continue
        start, end = r._period(_dates(r, t))
        if not start or not end:
            continue
        side = members if to_s else follows
        side.setdefault(mids[0].target, []).append((t, (to_s or to_p)[0], mids[0], start, end))
    found = sorted(set(members) & set(follows))
    for lg in m.logs if found else []:  # the day of a read: the time column, or a date column beside a time of day
        if lg.time and not r._date_values(lg.table, lg.time):
            t = r.cat.tables[lg.table]
            alt = [c for c in t.columns if c not in t.primary_key and (lg.table, c) not in m.links and r._date_values(lg.table, c)]
            if alt:
                m.log_days[lg.table] = alt[0]
    for team_table in found:
        if len(members[team_table]) != 1 or len(follows[team_table]) != 1:
            continue  # one reading only: two membership tables for one team table is said nowhere
        mt, ms, mteam, mb, me = members[team_table][0]
        ft, fp, fteam, fb, fe = follows[team_table][0]
        reason = (f"équipes : « {mt.name} » met les comptes dans les équipes de « {team_table} » ({ms.short()} ; {mteam.short()}), "
                  f"période « {mb} » → « {me} » ; « {ft.name} » donne les personnes suivies par chaque équipe ({fp.short()}), "
                  f"période « {fb} » → « {fe} » ; un accès est expliqué si le lecteur était ce jour-là dans une équipe qui "
                  f"suivait la personne")
        m.teams.append(Team(team_table, mt.name, ms, mteam, mb, me, ft.name, fteam, fp, fb, fe, reason))


def team_condition(ctx: Any, sm: Any, reader: Any, pid: Any, day: Any) -> Any:
    """SQL: the reader was, on ``day``, a member of a team that followed the person that day (None without teams)."""
    import sqlalchemy as sa

    from checks.access.base import day_text

    conds = []
    for i, tm in enumerate(getattr(sm, "teams", None) or []):
        if tm.follow_person.target_column != sm.person_key:
            continue
        mt = ctx.table(ctx.catalog.tables[tm.members]).alias(f"tm{i}")
        ft = ctx.table(ctx.catalog.tables[tm.follows]).alias(f"tf{i}")
        cond = [mt.c[tm.member_staff.column] == reader, ft.c[tm.follow_person.column] == pid,
                ft.c[tm.follow_team.column] == mt.c[tm.member_team.column]]
        if day is not None:
            for t, b, e in ((mt, tm.member_start, tm.member_end), (ft, tm.follow_start, tm.follow_end)):
                cond += [sa.or_(t.c[b].is_(None), day >= day_text(t.c[b])), sa.or_(t.c[e].is_(None), day <= day_text(t.c[e]))]
        conds.append(sa.exists().where(sa.and_(*cond)))
    return sa.or_(*conds) if conds else None
