"""Rules on the access log: unexplained reads, browsing, reads after departure, missing logs.

Every figure is computed in the source engine: the log is joined with the
persons, the accounts and the assignments (as distinct pairs), each read gets
its first explanation in a SQL ``CASE``, and only aggregates come back. Memory
does not depend on the size of the log.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from auditor.catalog import TableInfo
from auditor.context import CheckContext
from auditor.findings import Evidence, Finding, Severity
from auditor.sqlutil import as_text, epoch_seconds, norm
from checks.access.base import BOOK, day_text, fmt_share, plural
from checks.access.exposure import _caseload_pairs
from checks.access.model import AppModel, _simple, build_model, pick, ref_col, staff_role_values, staff_with_departure

EXPLANATIONS = ("assignment", "unit", "team", "delegation")
EXPL_FR = {"assignment": "affectation ou référent", "unit": "même unité", "team": "équipe déclarée",
           "delegation": "délégation déclarée"}
READ_ACTIONS = ("consult", "lecture", "read", "select", "view", "affich", "ouvert", "visualis", "acces", "open", "lire")
TIME_NAMES = ("date_acces", "date_consultation", "date_heure", "horodatage", "timestamp", "date_action", "date_evenement",
              "created_at", "date_lecture", "date", "dt", "heure")
UNKNOWN_ROLE = "compte inconnu"
SESSION_READER = "compte_de_session"  # the column of the account of a line's session (log_source)


@dataclass
class LogModel:
    """One access-log table and its columns."""

    table: TableInfo
    staff_col: str | None
    person_col: str | None
    time_col: str | None
    action_col: str | None
    person_key: str | None = None  # column of the persons table the log's person column holds (a file number...)
    link: Any = None  # the service model's link for the person read (evidence, confidence)
    object_type: str | None = None  # generic log: the column saying what kind of object a line is about ...
    object_values: list[Any] | None = None  # ... and its values meaning a person's file (other lines are not reads of a file)
    group: Any = None  # the log names a group of persons (a household: auditor.model.groups.Group), not a person
    via: Any = None  # the log names a file of a person (a measure): (file table, its key, its column naming the person)
    reader_via: Any = None  # the reader is the account of a session: (log column, session table, its key, its account column)
    person_extract: Any = None  # the person's key is inside the person column: (prefix of the lines, key length)


def log_models(ctx: CheckContext, m: AppModel) -> list[LogModel]:
    """Every access-log table with the columns the rules need."""
    out = []
    sm = getattr(ctx.catalog, "model", None)
    for t in ctx.catalog.by_role("access_log"):
        lg = sm.log(t.name) if sm is not None else None
        if lg is not None and m.persons is not None and m.persons.name == sm.persons:
            group = sm.group(lg.person.target) if lg.person is not None and hasattr(sm, "group") else None
            via = getattr(lg, "via", None)
            if via is not None and group is None and hasattr(sm, "group"):
                group = sm.group(via.target)  # the log names a file of a household (its request)
            person_ok = lg.person is not None and (lg.person.target == sm.persons or group is not None
                                                   or (via is not None and via.target == sm.persons))
            out.append(LogModel(t, lg.reader.column if lg.reader else None, lg.person.column if person_ok else None,
                                lg.time, lg.action,
                                person_key=(via.target_column if via is not None else lg.person.target_column) if person_ok else None,
                                link=lg.person if person_ok else None,
                                object_type=lg.object_type if person_ok else None,
                                object_values=list(lg.object_values) if person_ok else None, group=group,
                                via=(lg.person.target, lg.person.target_column, via.column) if person_ok and via is not None else None))
            if person_ok and getattr(lg, "person_extract", None) is not None:
                out[-1].person_extract = lg.person_extract
            rv = getattr(lg, "reader_via", None)
            if rv is not None and lg.reader is not None:
                out[-1].reader_via = (lg.reader.column, rv.table, lg.reader.target_column, rv.column)
                out[-1].staff_col = SESSION_READER
            continue
        staff_col = ref_col(ctx, t, m.staff.table) if m.staff else None
        person_col = ref_col(ctx, t, m.persons) if m.persons else None
        time_col = pick(t, ("date",), TIME_NAMES)
        if time_col is None:
            time_col = next((c.name for c in t.columns.values() if _simple(c.name).startswith("date")), None)
        action_col = pick(t, (), ("action", "type_acces", "operation", "evenement", "type_action", "nature_acces", "mode"))
        out.append(LogModel(t, staff_col, person_col, time_col, action_col))
    return out


def log_source(ctx: CheckContext, lm: LogModel) -> Any:
    """The log table, or (reader reached through a session) the log's lines with the account of their session as a
    column named ``SESSION_READER``: every rule reads the reader from it as from a column of the log."""
    log = ctx.table(lm.table)
    if lm.reader_via is None and lm.person_extract is None:
        return log
    cols: list[Any] = list(log.c)
    frm: Any = log
    if lm.person_extract is not None:
        # the person column holds the key inside a longer value (a path): the key, on the lines of the learnt form
        prefix, n = lm.person_extract
        raw = log.c[lm.person_col]
        like = raw.like(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", escape="\\")
        key = sa.case((like, sa.func.substr(raw, len(prefix) + 1, n)), else_=sa.null())
        cols = [key.label(c.name) if c.name == lm.person_col else c for c in cols]
    if lm.reader_via is not None:
        col, stab, skey, sacc = lm.reader_via
        se = ctx.table(ctx.catalog.tables[stab]).alias("sess")
        cols.append(se.c[sacc].label(SESSION_READER))
        frm = log.outerjoin(se, se.c[skey] == log.c[col])
    return sa.select(*cols).select_from(frm).subquery("logs")


def _pairs(ctx: CheckContext, m: AppModel, person_level: bool, group: Any = None) -> sa.Subquery | None:
    """One row per pair (s, x): (staff, person) for person-level assignments, (staff, unit) for unit-level ones, with
    the period of the assignment (b, f as 'YYYY-MM-DD'; NULL when open or unknown). Several rows of one pair are
    merged into the span of their periods (a gap between two periods of the same pair is not checked). With ``group``
    (a household), only the assignments to that group: x is the group's key."""
    sels = []
    for a in m.assignments:
        col = a.person_col if person_level else a.unit_col
        if not col:
            continue
        if person_level and (a.person is not None and a.person.target) != (group.table if group is not None else a.person.target) \
                or person_level and group is None and _is_group(ctx, a.person):
            continue  # persons and groups are keys of different tables: never compared
        at = ctx.table(a.table)
        b = day_text(at.c[a.start]) if a.start else sa.null()
        f = day_text(at.c[a.end]) if a.end else sa.null()
        sels.append(sa.select(at.c[a.staff_col].label("s"), at.c[col].label("x"), b.label("b"), f.label("f")))
    if not sels:
        return None
    name = ("ag" if group is not None else "ap") if person_level else "au"
    u = (sels[0] if len(sels) == 1 else sa.union_all(*sels)).subquery(f"{name}_rows")
    b = sa.case((sa.func.count(u.c.b) < sa.func.count(), sa.null()), else_=sa.func.min(u.c.b))
    f = sa.case((sa.func.count(u.c.f) < sa.func.count(), sa.null()), else_=sa.func.max(u.c.f))
    return sa.select(u.c.s, u.c.x, b.label("b"), f.label("f")).group_by(u.c.s, u.c.x).subquery(name)


def _is_group(ctx: CheckContext, lk: Any) -> bool:
    sm = getattr(ctx.catalog, "model", None)
    return lk is not None and sm is not None and hasattr(sm, "group") and sm.group(lk.target) is not None


def periods_used(m: AppModel, lm: LogModel) -> list[str]:
    """French descriptions of the assignment periods the log's reads are checked against ([] when none)."""
    if lm.time_col is None:
        return []
    return [f"« {a.table} » ({a.period()})" for a in m.assignments if a.start or a.end]


def _within(ap: sa.Subquery, day: sa.ColumnElement | None) -> sa.ColumnElement:
    """SQL: the pair matched and the read's day falls in its period (an undated read or an open bound counts as in)."""
    if day is None:
        return ap.c.s.is_not(None)
    return sa.and_(ap.c.s.is_not(None), sa.or_(day.is_(None), sa.and_(sa.or_(ap.c.b.is_(None), day >= ap.c.b),
                                                                       sa.or_(ap.c.f.is_(None), day <= ap.c.f))))


def _declared_pairs(ctx: CheckContext, m: AppModel, kind: str) -> sa.Subquery | None:
    """(reader, person) pairs explained by a declared team or delegation table ([access.teams] / [access.delegations])."""
    spec = m.cfg.get(kind) or {}
    name = spec.get("table")
    if not name or name not in ctx.catalog.tables:
        return None
    t = ctx.catalog.tables[name]
    caseload = _caseload_pairs(ctx, m, None)
    if not caseload:
        return None
    cl = sa.union(*caseload).subquery(f"cl_{kind}")
    if kind == "teams":
        team, member = spec.get("team_column"), spec.get("staff_column")
        if team not in t.columns or member not in t.columns:
            return None
        t1, t2 = ctx.table(t).alias("tm1"), ctx.table(t).alias("tm2")
        q = sa.select(t1.c[member].label("s"), cl.c.p.label("x")).select_from(
            t1.join(t2, t1.c[team] == t2.c[team]).join(cl, cl.c.s == t2.c[member])).distinct()
        return q.subquery("tp")
    src, dst = spec.get("from_column"), spec.get("to_column")
    if src not in t.columns or dst not in t.columns:
        return None
    d = ctx.table(t)
    q = sa.select(d.c[dst].label("s"), cl.c.p.label("x")).select_from(d.join(cl, cl.c.s == d.c[src])).distinct()
    return q.subquery("dp")


def _delegation_in_period(ctx: CheckContext, m: AppModel, lm: LogModel, log: Any, pid: Any) -> sa.ColumnElement | None:
    """SQL: a delegation whose period covers the day of the read gives the reader the caseload of the person's worker
    (None when the delegations have no period, or the log no time: then ``_declared_pairs``, without period)."""
    spec = m.cfg.get("delegations") or {}
    name, b, e = spec.get("table"), spec.get("start_column"), spec.get("end_column")
    t = ctx.catalog.tables.get(name) if name else None
    if t is None or not b or not e or b not in t.columns or e not in t.columns or not lm.time_col:
        return None
    src, dst = spec.get("from_column"), spec.get("to_column")
    if src not in t.columns or dst not in t.columns:
        return None
    caseload = _caseload_pairs(ctx, m, None)
    if not caseload:
        return None
    cl = sa.union(*caseload).subquery("cl_dp")
    d = ctx.table(t).alias("dg")
    day = day_text(log.c[lm.time_col])
    return sa.exists().where(sa.and_(d.c[dst] == log.c[lm.staff_col], cl.c.s == d.c[src], cl.c.p == pid,
                                     day >= day_text(d.c[b]), day <= day_text(d.c[e])))


def bucket(col: sa.ColumnElement, minutes: float) -> sa.ColumnElement:
    """Fixed time window key from a timestamp: 10 minutes, one hour or one day (ISO or dd/mm/yyyy
    text, or integer epoch seconds/milliseconds: then the window's first second, UTC)."""
    t = as_text(col)
    n = 15 if minutes <= 10 else 13 if minutes <= 60 else 10
    width = 600 if n == 15 else 3600 if n == 13 else 86400
    fr_hour = sa.func.substr(t, 12, max(0, n - 11)) if n > 10 else sa.literal("")
    secs = epoch_seconds(col)
    return sa.case(
        (t.like("____-__-__%"), sa.func.substr(t, 1, n)),
        (t.like("__/__/____%"), day_text(col) + sa.literal(" ") + fr_hour),
        else_=sa.literal("e") + sa.cast(secs - secs % width, sa.Text),
    )


def explained_reads(ctx: CheckContext, m: AppModel, lm: LogModel, window: float | None = None) -> sa.Subquery:
    """One row per log line: account (a), role (r), person (p), first explanation (e), optional window (w)."""
    log = log_source(ctx, lm)
    frm: Any = log
    role = sa.literal(None)
    reason_whens: list[Any] = []
    st = pt = None
    if m.staff is not None and m.staff.pk is not None:
        st = ctx.table(m.staff.table).alias("s")
        frm = frm.outerjoin(st, st.c[m.staff.pk] == log.c[lm.staff_col])
        if m.staff.role:
            role = st.c[m.staff.role]
            if m.workplace:
                employer = staff_role_values(m, ("hierarchy",))
                if employer:
                    reason_whens.append((st.c[m.staff.role].in_(employer), "none"))
    pid = log.c[lm.person_col]
    if lm.group is not None:
        return _explained_group_reads(ctx, m, lm, log, frm, st, role, reason_whens, window)
    ref, ref_table, ref_col = log.c[lm.person_col], lm.table, lm.person_col
    if lm.via is not None:
        # the log names a file of the person (a measure): its row says whose file it is
        ftab, fkey, fcol = lm.via
        fm = ctx.table(ctx.catalog.tables[ftab]).alias("fm")
        if same_type(ctx, ftab, fkey, lm.table, lm.person_col):
            frm = frm.outerjoin(fm, fm.c[fkey] == log.c[lm.person_col])
        else:
            frm = frm.outerjoin(fm, sa.cast(fm.c[fkey], sa.String) == sa.cast(log.c[lm.person_col], sa.String))
        ref, ref_table, ref_col = fm.c[fcol], ftab, fcol
        pid = ref
    if m.persons is not None and m.person_pk is not None:
        pt = ctx.table(m.persons).alias("p")
        pk_col = pt.c[lm.person_key or m.person_pk]
        if same_type(ctx, m.persons, lm.person_key or m.person_pk, ref_table, ref_col):
            frm = frm.outerjoin(pt, pk_col == ref)
        else:  # a generic log keeps objects' keys as text: compare the text forms (no int = text operator on every server)
            frm = frm.outerjoin(pt, sa.cast(pk_col, sa.String) == sa.cast(ref, sa.String))
            pid = pt.c[m.person_pk]
        if lm.person_key and lm.person_key != m.person_pk:
            pid = pt.c[m.person_pk]  # the log names the person by another column (a file number)
    day = day_text(log.c[lm.time_col]) if (lm.time_col and periods_used(m, lm)) else None
    outside: list[Any] = []  # an assignment links reader and person, but the read falls outside its period
    ap = _pairs(ctx, m, True)
    if ap is not None:
        frm = frm.outerjoin(ap, sa.and_(ap.c.s == log.c[lm.staff_col], ap.c.x == pid))
        reason_whens.append((_within(ap, day), "assignment"))
        if day is not None:
            outside.append(ap.c.s.is_not(None))
    if pt is not None and m.person_unit:
        au = _pairs(ctx, m, False)
        if au is not None:
            frm = frm.outerjoin(au, sa.and_(au.c.s == log.c[lm.staff_col], au.c.x == pt.c[m.person_unit]))
            reason_whens.append((_within(au, day), "assignment"))
            if day is not None:
                outside.append(au.c.s.is_not(None))
        if st is not None and m.staff.unit:
            reason_whens.append((sa.and_(st.c[m.staff.unit].is_not(None), st.c[m.staff.unit] == pt.c[m.person_unit]), "unit"))
    sm = getattr(ctx.catalog, "model", None)
    if st is not None and m.staff.unit and sm is not None and getattr(sm, "files", None):
        from auditor.model.files import file_unit_condition

        fu = file_unit_condition(ctx, sm, pid, st.c[m.staff.unit])  # the unit of one of the person's files
        if fu is not None:
            reason_whens.append((fu, "unit"))
    if pt is not None:
        frm = _member_explanations(ctx, m, lm, log, frm, st, pt, day, reason_whens, outside)
    if sm is not None and getattr(sm, "teams", None) and not m.cfg.get("teams"):
        from auditor.model.teams import team_condition

        dcol = sm.log_days.get(lm.table.name, lm.time_col)
        tc = team_condition(ctx, sm, log.c[lm.staff_col], pid, day_text(log.c[dcol]) if dcol else None)
        if tc is not None:
            reason_whens.append((tc, "team"))
    for kind, label in (("teams", "team"), ("delegations", "delegation")):
        dc = _delegation_in_period(ctx, m, lm, log, pid) if kind == "delegations" else None
        if dc is not None:
            reason_whens.append((dc, label))
            continue
        dp = _declared_pairs(ctx, m, kind)
        if dp is not None:
            frm = frm.outerjoin(dp, sa.and_(dp.c.s == log.c[lm.staff_col], dp.c.x == pid))
            reason_whens.append((dp.c.s.is_not(None), label))
    reason = sa.case(*reason_whens, else_="none") if reason_whens else sa.literal("none")
    cols = [log.c[lm.staff_col].label("a"), role.label("r"), (ref if lm.via is not None else log.c[lm.person_col]).label("p"),
            reason.label("e"), (sa.case((sa.or_(*outside), 1), else_=0) if outside else sa.literal(0)).label("o")]
    if window is not None and lm.time_col:
        cols.append(bucket(log.c[lm.time_col], window).label("w"))
    q = sa.select(*cols).select_from(frm).where(log.c[lm.person_col].is_not(None))  # a line naming no person reads no file
    if lm.object_type and lm.object_values:
        q = q.where(log.c[lm.object_type].in_(lm.object_values))  # lines about other objects are not reads of a file
    return q.subquery("x")


def _member_explanations(ctx: CheckContext, m: AppModel, lm: LogModel, log: Any, frm: Any, st: Any, pt: Any, day: Any,
                         reason_whens: list[Any], outside: list[Any]) -> Any:
    """The log names a person who is a member of a group (a child of a family) while the assignments name the group: a
    reader assigned to the person's group on that day, or of the group's unit, is explained. Returns the FROM clause."""
    sm = getattr(ctx.catalog, "model", None)
    if sm is None or not getattr(sm, "groups", None):
        return frm
    from auditor.model.groups import used

    for i, g in enumerate(x for x in sm.groups if used(sm, x)):
        ag = _pairs(ctx, m, True, group=g)
        if ag is not None:
            ag = ag.alias(f"agm{i}")
            frm = frm.outerjoin(ag, sa.and_(ag.c.s == log.c[lm.staff_col], ag.c.x == pt.c[g.member_col]))
            reason_whens.append((_within(ag, day), "assignment"))
            if day is not None:
                outside.append(ag.c.s.is_not(None))
        if g.unit is not None and st is not None and m.staff is not None and m.staff.unit:
            gt = ctx.table(ctx.catalog.tables[g.table]).alias(f"gm{i}")
            frm = frm.outerjoin(gt, gt.c[g.key] == pt.c[g.member_col])
            reason_whens.append((sa.and_(st.c[m.staff.unit].is_not(None), st.c[m.staff.unit] == gt.c[g.unit.column]), "unit"))
    return frm


def _explained_group_reads(ctx: CheckContext, m: AppModel, lm: LogModel, log: Any, frm: Any, st: Any, role: Any,
                           reason_whens: list[Any], window: float | None) -> sa.Subquery:
    """explained_reads for a log that names a group of persons (a household): a read of the group's file is a read of
    its members' files; it is explained by an assignment to the group whose period covers the day, or by the unit of the
    group (its territory) against the reader's unit or unit-level assignments. ``p`` is the group's key."""
    g = lm.group
    gtab = ctx.catalog.tables[g.table]
    gt = ctx.table(gtab).alias("g")
    on = lm.person_key or g.key
    ref, ref_table, ref_col = log.c[lm.person_col], lm.table, lm.person_col
    if lm.via is not None:  # the log names a file of the group (a household's request): its row names the group
        ftab, fkey, fcol = lm.via
        fm = ctx.table(ctx.catalog.tables[ftab]).alias("fm")
        if same_type(ctx, ftab, fkey, lm.table, lm.person_col):
            frm = frm.outerjoin(fm, fm.c[fkey] == log.c[lm.person_col])
        else:
            frm = frm.outerjoin(fm, sa.cast(fm.c[fkey], sa.String) == sa.cast(log.c[lm.person_col], sa.String))
        ref, ref_table, ref_col = fm.c[fcol], ftab, fcol
    if same_type(ctx, gtab, on, ref_table, ref_col):
        frm = frm.outerjoin(gt, gt.c[on] == ref)
    else:
        frm = frm.outerjoin(gt, sa.cast(gt.c[on], sa.String) == sa.cast(ref, sa.String))
    gid = gt.c[g.key]
    day = day_text(log.c[lm.time_col]) if (lm.time_col and periods_used(m, lm)) else None
    outside: list[Any] = []
    ag = _pairs(ctx, m, True, group=g)
    if ag is not None:
        frm = frm.outerjoin(ag, sa.and_(ag.c.s == log.c[lm.staff_col], ag.c.x == gid))
        reason_whens.append((_within(ag, day), "assignment"))
        if day is not None:
            outside.append(ag.c.s.is_not(None))
    am = _member_pairs(ctx, m, g)
    if am is not None:  # assigned to one of the group's members: the group's file is that member's file too
        frm = frm.outerjoin(am, sa.and_(am.c.s == log.c[lm.staff_col], am.c.x == gid))
        reason_whens.append((_within(am, day), "assignment"))
        if day is not None:
            outside.append(am.c.s.is_not(None))
    gunit = g.unit.column if g.unit is not None else None
    if gunit:
        au = _pairs(ctx, m, False)
        if au is not None:
            frm = frm.outerjoin(au, sa.and_(au.c.s == log.c[lm.staff_col], au.c.x == gt.c[gunit]))
            reason_whens.append((_within(au, day), "assignment"))
            if day is not None:
                outside.append(au.c.s.is_not(None))
        if st is not None and m.staff is not None and m.staff.unit:
            reason_whens.append((sa.and_(st.c[m.staff.unit].is_not(None), st.c[m.staff.unit] == gt.c[gunit]), "unit"))
    reason = sa.case(*reason_whens, else_="none") if reason_whens else sa.literal("none")
    cols = [log.c[lm.staff_col].label("a"), role.label("r"), gid.label("p"), reason.label("e"),
            (sa.case((sa.or_(*outside), 1), else_=0) if outside else sa.literal(0)).label("o")]
    if window is not None and lm.time_col:
        cols.append(bucket(log.c[lm.time_col], window).label("w"))
    q = sa.select(*cols).select_from(frm).where(log.c[lm.person_col].is_not(None))
    if lm.object_type and lm.object_values:
        q = q.where(log.c[lm.object_type].in_(lm.object_values))
    return q.subquery("x")


def _member_pairs(ctx: CheckContext, m: AppModel, g: Any) -> sa.Subquery | None:
    """(s, x, b, f) like ``_pairs`` for the person-level assignments, x being the group of the person assigned (one row
    per worker and group, periods merged into their span)."""
    if m.persons is None or m.person_pk is None:
        return None
    pt = ctx.table(m.persons).alias("pa")
    sels = []
    for a in m.assignments:
        if not a.person_col or _is_group(ctx, a.person):
            continue
        at = ctx.table(a.table)
        b = day_text(at.c[a.start]) if a.start else sa.null()
        f = day_text(at.c[a.end]) if a.end else sa.null()
        sels.append(sa.select(at.c[a.staff_col].label("s"), pt.c[g.member_col].label("x"), b.label("b"), f.label("f"))
                    .select_from(at.join(pt, pt.c[m.person_pk] == at.c[a.person_col])))
    if not sels:
        return None
    u = (sels[0] if len(sels) == 1 else sa.union_all(*sels)).subquery("am_rows")
    b = sa.case((sa.func.count(u.c.b) < sa.func.count(), sa.null()), else_=sa.func.min(u.c.b))
    f = sa.case((sa.func.count(u.c.f) < sa.func.count(), sa.null()), else_=sa.func.max(u.c.f))
    return sa.select(u.c.s, u.c.x, b.label("b"), f.label("f")).group_by(u.c.s, u.c.x).subquery("am")


def group_members(ctx: CheckContext, m: AppModel, lm: LogModel, x: sa.Subquery) -> dict[str, int]:
    """Role -> distinct members (persons) of the groups whose file was read without explanation (one grouped query)."""
    g = lm.group
    if g is None or m.persons is None or m.person_pk is None:
        return {}
    pt = ctx.table(m.persons).alias("pm")
    read = sa.select(x.c.r, x.c.p).where(x.c.e == "none").distinct().subquery("gr")
    q = (sa.select(read.c.r, sa.func.count(sa.distinct(pt.c[m.person_pk])))
         .select_from(read.join(pt, pt.c[g.member_col] == read.c.p)).group_by(read.c.r))
    return {UNKNOWN_ROLE if r is None else str(r): int(n or 0) for r, n in ctx.rows(q)}


def same_type(ctx: CheckContext, a: Any, ca: str, b: Any, cb: str) -> bool:
    """The two columns have the same declared type (else compare their text forms)."""
    ta = a if isinstance(a, TableInfo) else ctx.catalog.tables[a]
    tb = b if isinstance(b, TableInfo) else ctx.catalog.tables[b]
    return ta.columns[ca].sql_type.upper() == tb.columns[cb].sql_type.upper()


def _is(e: sa.ColumnElement, value: str) -> sa.ColumnElement:
    return sa.func.sum(sa.case((e == value, 1), else_=0))


def log_analysis(ctx: CheckContext, m: AppModel, lm: LogModel) -> dict[str, Any]:
    """Counts of reads by explanation per role, top accounts with unexplained reads, persons per role (cached per run).

    Two scans of the log, both in the source engine: one grouped by account
    (counts by explanation; role totals are sums of account rows), one over
    the unexplained reads only (distinct persons per role).
    """
    key = f"access.log.{lm.table.name}"
    if key in ctx.facts:
        return ctx.facts[key]
    x = explained_reads(ctx, m, lm)
    per_acc = sa.select(x.c.a, x.c.r, sa.func.count(), *[_is(x.c.e, e) for e in EXPLANATIONS], _is(x.c.e, "none"),
                        sa.func.sum(sa.case((sa.and_(x.c.e == "none", x.c.o == 1), 1), else_=0))
                        ).group_by(x.c.a, x.c.r)
    roles: dict[str, dict[str, Any]] = {}
    totals = {"reads": 0, "none": 0, **{e: 0 for e in EXPLANATIONS}}
    outside: dict[str, int] = defaultdict(int)  # unexplained reads of a pair an assignment links, outside its period
    top: dict[str, list[tuple[int, str, int, int]]] = defaultdict(list)
    for chunk in ctx.stream(per_acc):
        for row in chunk:
            a, r = row[0], UNKNOWN_ROLE if row[1] is None else str(row[1])
            n = int(row[2])
            expl = {e: int(v or 0) for e, v in zip(EXPLANATIONS, row[3:7])}
            none = int(row[7] or 0)
            outp = int(row[8] or 0)
            d = roles.setdefault(r, {"reads": 0, "none": 0, **{e: 0 for e in EXPLANATIONS}, "accounts": 0, "persons": 0})
            d["reads"] += n
            d["none"] += none
            outside[r] += outp
            totals["reads"] += n
            totals["none"] += none
            for e, v in expl.items():
                d[e] += v
                totals[e] += v
            if none:
                d["accounts"] += 1
                item = (none, str(a), n, none)
                if len(top[r]) < 5:
                    heapq.heappush(top[r], item)
                else:
                    heapq.heappushpop(top[r], item)
    if totals["none"]:
        q = sa.select(x.c.r, sa.func.count(sa.distinct(x.c.p))).where(x.c.e == "none").group_by(x.c.r)
        for r, n in ctx.rows(q):
            rk = UNKNOWN_ROLE if r is None else str(r)
            if rk in roles:
                roles[rk]["persons"] += int(n or 0)
        if lm.group is not None:  # "persons" counted groups (households): their members are the persons
            for rk, n in group_members(ctx, m, lm, x).items():
                if rk in roles:
                    roles[rk]["groups"], roles[rk]["persons"] = roles[rk]["persons"], n
    out = {"roles": roles, "totals": totals, "outside_period": dict(outside),
           "top": {r: sorted(v, key=lambda i: (-i[0], i[1])) for r, v in top.items()}}
    ctx.facts[key] = out
    return out


# above this share of unexplained reads, although the model found what explains reads, the figure most likely rests on a
# link it did not find: a service where most reads are unjustified is far rarer than a missed file table, team or delegation
IMPLAUSIBLE_UNEXPLAINED = 0.5


def _assumption(ctx: CheckContext, lm: LogModel, tot: dict[str, int] | None = None) -> str:
    """The unsure links of the service model the log's figures rest on ('' when all are sure); with the log's totals,
    also an implausible share of unexplained reads when the model expected to explain them."""
    sm = getattr(ctx.catalog, "model", None)
    lg = sm.log(lm.table.name) if sm is not None else None
    if lg is None:
        return ""
    from auditor.model import assumption

    text = assumption(lg.reader, lg.person)
    if lg.action and not lg.action_sure and lg.action_reason:
        text = (text + " " if text else "") + (f"Actions du journal (colonne « {lg.action} ») : {lg.action_reason}. Si ce n'est pas "
                                               "le code de la lecture, donnez les bons dans la politique ([model] read_actions = "
                                               "[\"<code>\"]) et relancez.")
    m = build_model(ctx)
    units = bool(m.person_unit and m.staff is not None and m.staff.unit)
    if not m.assignments and not units and not (m.cfg.get("teams") or m.cfg.get("delegations")):
        text = (text + " " if text else "") + (
            "Aucune table d'affectations (qui suit qui) et aucune unité commune aux personnes et aux comptes n'ont été "
            "trouvées : rien ne peut expliquer un accès, ce chiffre est donc un plafond, à vérifier. Si ces tables existent, "
            "désignez-les dans la politique ([model.links] \"<table>.<colonne>\" = \"<table des comptes>.<clé>\").")
    elif tot and tot.get("reads") and tot.get("none", 0) > IMPLAUSIBLE_UNEXPLAINED * tot["reads"]:
        text = (text + " " if text else "") + (
            f"Plus de la moitié des accès seraient sans lien ({fmt_share(tot['none'], tot['reads'])}) alors que la base a "
            + ("des affectations" if m.assignments else "des unités communes aux personnes et aux comptes")
            + " pour les expliquer : c'est plus souvent le signe d'un lien que l'outil n'a pas trouvé (une table de dossiers "
            "entre le journal et les personnes, une équipe, une délégation) que d'accès injustifiés ; chiffre à vérifier. "
            "Déclarez ce lien dans la politique ([model.links] \"<table>.<colonne>\" = \"<table>.<clé>\", ou [access] "
            "teams et delegations) et relancez.")
    return text


def reader_evidence(lm: LogModel) -> list[Evidence]:
    """A line of evidence saying the reader is the account of the line's session ([] when the log names it)."""
    if lm.reader_via is None:
        return []
    col, stab, skey, sacc = lm.reader_via
    return [Evidence(record=None, excerpt=(f"lecteur : le compte « {stab}.{sacc} » de la session de chaque ligne "
                                            f"(« {lm.table.name}.{col} » → « {stab}.{skey} »)"))]


def _usable(lm: LogModel) -> bool:
    return lm.staff_col is not None and lm.person_col is not None and bool(lm.table.rows)


def _role_severity(m: AppModel, role: str) -> Severity:
    fam = m.family(role)
    if fam == "hierarchy" and m.workplace:
        return Severity.CRITICAL
    return Severity.HIGH


def _periods_sentence(m: AppModel, lm: LogModel, outside: int) -> str:
    """French sentence saying the assignment periods were used ('' when there are none)."""
    used = periods_used(m, lm)
    if not used:
        return ""
    return (f"Les périodes des affectations ont été prises en compte ({', '.join(used)}) : "
            + (f"{plural(outside, 'accès tombe', 'accès tombent')} hors de la période de l'affectation qui l'aurait expliqué. "
               if outside else "aucun accès sans lien ne tombe hors de la période d'une affectation. "))


def _group_sentence(lm: LogModel, d: dict[str, Any]) -> str:
    g = lm.group
    return (f"Le journal nomme le dossier d'un groupe de personnes (« {g.table} », {g.label()}) : ce sont des lectures du "
            f"dossier d'un foyer, {plural(d.get('groups', 0), 'dossier')} de {plural(d['persons'], 'personne')} ; une lecture est "
            f"expliquée quand le lecteur est affecté au groupe ce jour-là" + (" ou de la même unité" if g.unit is not None else "")
            + f" (groupe trouvé par les valeurs : {g.reason}). ")


def _explained_sentence(tot: dict[str, int]) -> str:
    parts = [f"{tot[e]} par {EXPL_FR[e]}" for e in EXPLANATIONS if tot[e]]
    n_expl = sum(tot[e] for e in EXPLANATIONS)
    return (f"Sur {tot['reads']} accès journalisés, {n_expl} sont expliqués par la base ({', '.join(parts) or 'aucun'}) "
            f"et {tot['none']} ne le sont pas ({fmt_share(tot['none'], tot['reads'])}).")


@BOOK.rule("access.log_unexplained_reads")
def log_unexplained_reads(ctx: CheckContext) -> Iterator[Finding]:
    """Reads of a person's file that nothing in the database explains, per role of the reader."""
    m = build_model(ctx)
    for lm in log_models(ctx, m):
        if not _usable(lm):
            continue
        res = log_analysis(ctx, m, lm)
        tot = res["totals"]
        for role, d in sorted(res["roles"].items()):
            if not d["none"]:
                continue
            table_name = m.staff.table.name if m.staff else lm.table.name
            evidence = [Evidence(record=ctx.pseudonym(table_name, a, prefix="ACC"),
                                 excerpt=f"compte {role} : {u} accès sans lien sur {n} ({fmt_share(u, n)} de ses accès)")
                        for _k, a, n, u in res["top"].get(role, [])]
            fam = m.family(role) if role != UNKNOWN_ROLE else "other"
            sev = _role_severity(m, role)
            employer = fam == "hierarchy" and m.workplace
            hyp = _assumption(ctx, lm, tot)
            grp = ""
            if lm.group is not None:
                grp = (f"lectures du dossier d'un groupe « {lm.group.table} » : {plural(d.get('groups', 0), 'dossier')}, "
                       f"{plural(d['persons'], 'personne')}")
            yield BOOK.finding(
                ctx, "access.log_unexplained_reads", table=lm.table.name, column=lm.person_col, subject=role, severity=sev,
                title=(f"{plural(d['none'], 'accès', 'accès')} à des dossiers sans lien par des comptes « {role} » "
                       f"({plural(d['accounts'], 'compte')}{' ; ' + grp if grp else ', ' + plural(d['persons'], 'personne')})"),
                affected=d["none"], total=d["reads"], evidence=reader_evidence(lm) + evidence,
                details={"role": role, "family": fam, "reads": d["reads"], "unexplained": d["none"],
                         "explained": {e: d[e] for e in EXPLANATIONS}, "accounts": d["accounts"],
                         **({"assignment_periods": periods_used(m, lm), "outside_period": res["outside_period"].get(role, 0)}
                            if periods_used(m, lm) else {}),
                         "persons_exposed": d["persons"], "log_totals": tot, "employer_read": employer,
                         **({"group_table": lm.group.table, "groups_read": d.get("groups", 0)} if lm.group is not None else {}),
                         **({"model_assumption": hyp} if hyp else {})},
                why=((hyp + " ") if hyp else "") + (f"Les comptes « {role} » ont fait {d['none']} accès sur {d['reads']} ({fmt_share(d['none'], d['reads'])}) "
                     f"à des dossiers de {d['persons']} personne(s) qu'ils ne suivent pas : ni affectation, ni même unité, "
                     "ni équipe ou délégation déclarée. "
                     + (_group_sentence(lm, d) if lm.group is not None else "")
                     + ("Ces comptes appartiennent à l'employeur : chaque accès lui apprend qu'un salarié a consulté le "
                        "service social. " if employer else "")
                     + _explained_sentence(tot) + " " + _periods_sentence(m, lm, res["outside_period"].get(role, 0))
                     + BOOK.info.rules["access.log_unexplained_reads"].why),
                recommendation=(("Retirer immédiatement à ce rôle l'accès aux dossiers et informer le délégué à la protection "
                                 "des données. " if employer else "")
                                + BOOK.info.rules["access.log_unexplained_reads"].recommendation),
            )


@BOOK.rule("access.log_explanations")
def log_explanations(ctx: CheckContext) -> Iterator[Finding]:
    """How many reads the database explains, and by what (for the report)."""
    m = build_model(ctx)
    for lm in log_models(ctx, m):
        if not _usable(lm):
            continue
        res = log_analysis(ctx, m, lm)
        tot = res["totals"]
        n_expl = sum(tot[e] for e in EXPLANATIONS)
        yield BOOK.finding(
            ctx, "access.log_explanations", table=lm.table.name, column=None, subject=None,
            title=f"Journal « {lm.table.name} » : {n_expl} accès expliqués sur {tot['reads']}, {tot['none']} sans lien",
            affected=tot["none"], total=tot["reads"],
            evidence=[Evidence(record=None, excerpt=f"{EXPL_FR[e]} : {tot[e]} accès") for e in EXPLANATIONS if tot[e]] + reader_evidence(lm),
            details={"totals": tot, "by_role": res["roles"], "workplace": m.workplace,
                     **({"model_assumption": hyp} if (hyp := _assumption(ctx, lm, tot)) else {})},
            why=((hyp + " ") if hyp else "") + _explained_sentence(tot) + " " + BOOK.info.rules["access.log_explanations"].why,
        )


@BOOK.rule("access.log_browsing")
def log_browsing(ctx: CheckContext) -> Iterator[Finding]:
    """One account opening many unrelated files within a short time."""
    m = build_model(ctx)
    limit = int(ctx.threshold("browsing_files"))
    window = float(ctx.threshold("browsing_window_min"))
    for lm in log_models(ctx, m):
        if not _usable(lm) or lm.time_col is None:
            continue
        x = explained_reads(ctx, m, lm, window=window)
        up = sa.func.count(sa.distinct(x.c.p))
        q = (sa.select(x.c.a, x.c.r, x.c.w, sa.func.count(), up).where(x.c.e == "none", x.c.w.is_not(None))
             .group_by(x.c.a, x.c.r, x.c.w).having(up >= limit))
        acc: dict[tuple[str, str], list[int]] = {}
        for chunk in ctx.stream(q):
            for a, r, _w, n, u in chunk:
                k = (str(a), UNKNOWN_ROLE if r is None else str(r))
                cur = acc.setdefault(k, [0, 0, 0])
                cur[0] += 1
                cur[1] += int(n)
                cur[2] = max(cur[2], int(u))
        if not acc:
            continue
        reads = sum(v[1] for v in acc.values())
        windows = sum(v[0] for v in acc.values())
        table_name = m.staff.table.name if m.staff else lm.table.name
        unit = "10 minutes" if window <= 10 else "une heure" if window <= 60 else "une journée"
        yield BOOK.finding(
            ctx, "access.log_browsing", table=lm.table.name, column=lm.time_col, subject=None,
            title=(f"{plural(len(acc), 'compte a', 'comptes ont')} parcouru au moins {limit} dossiers sans lien en {unit} "
                   f"({reads} accès)"),
            affected=reads, total=lm.table.rows,
            evidence=[Evidence(record=ctx.pseudonym(table_name, a, prefix="ACC"),
                               excerpt=f"compte {r} : {v[2]} dossiers sans lien au plus en {unit}, {v[0]} période(s), {v[1]} accès")
                      for (a, r), v in sorted(acc.items(), key=lambda kv: (-kv[1][2], kv[0]))],
            details={"accounts": len(acc), "windows": windows, "reads_in_windows": reads, "threshold_files": limit,
                     "window": unit, "max_files": max(v[2] for v in acc.values()),
                     "roles": sorted({r for _a, r in acc})},
            why=(f"{len(acc)} compte(s) ont ouvert, dans une même tranche de {unit}, les dossiers d'au moins {limit} personnes "
                 f"qu'ils ne suivent pas ({reads} accès sans lien dans ces tranches). " + BOOK.info.rules["access.log_browsing"].why),
        )


@BOOK.rule("access.log_reads_after_departure")
def log_reads_after_departure(ctx: CheckContext) -> Iterator[Finding]:
    """Reads logged after the account holder's departure date."""
    m = build_model(ctx)
    if m.staff is None or m.staff.pk is None or m.staff.departure is None:
        return
    for lm in log_models(ctx, m):
        if lm.staff_col is None or lm.time_col is None or not lm.table.rows:
            continue
        log = log_source(ctx, lm)
        st = ctx.table(m.staff.table)
        frm, dep_col = staff_with_departure(ctx, m.staff, st)
        dep = day_text(dep_col)
        role = st.c[m.staff.role] if m.staff.role else sa.literal("sans rôle")
        q = (sa.select(log.c[lm.staff_col], role, sa.func.count())
             .select_from(log.join(frm, st.c[m.staff.pk] == log.c[lm.staff_col]))
             .where(dep.is_not(None), day_text(log.c[lm.time_col]) > dep)
             .group_by(log.c[lm.staff_col], role))
        rows = [(str(a), str(r), int(n)) for a, r, n in ctx.rows(q)]
        if not rows:
            continue
        n = sum(r[2] for r in rows)
        by_role: dict[str, int] = defaultdict(int)
        for _a, r, k in rows:
            by_role[r] += k
        yield BOOK.finding(
            ctx, "access.log_reads_after_departure", table=lm.table.name, column=lm.time_col, subject=None,
            title=f"{plural(n, 'accès journalisé', 'accès journalisés')} après le départ du titulaire du compte ({plural(len(rows), 'compte')})",
            affected=n, total=lm.table.rows,
            evidence=[Evidence(record=ctx.pseudonym(m.staff.table.name, a, prefix="ACC"), excerpt=f"compte {r} : {k} accès après son départ")
                      for a, r, k in sorted(rows, key=lambda x: (-x[2], x[0]))] + reader_evidence(lm),
            details={"reads": n, "accounts": len(rows), "by_role": dict(sorted(by_role.items()))},
            why=(f"{n} accès ont été faits avec {len(rows)} compte(s) après la date de départ de leur titulaire : "
                 "quelqu'un d'autre utilise le compte, ou le départ n'a pas été suivi de la fermeture. "
                 + BOOK.info.rules["access.log_reads_after_departure"].why),
        )


@BOOK.rule("access.log_missing")
def log_missing(ctx: CheckContext) -> Iterator[Finding]:
    """No access log, a log that cannot say whose file was read, or a log that records no reads."""
    m = build_model(ctx)
    if not m.case_tables:
        return
    logs = log_models(ctx, m)
    total = m.persons_total()
    if not logs:
        yield BOOK.finding(
            ctx, "access.log_missing", table=None, column=None, subject="absent",
            title="Aucun journal des accès aux dossiers", affected=total, total=total,
            evidence=[Evidence(record=None, excerpt=f"tables de dossiers sans journal : {', '.join(sorted(t.name for t in m.case_tables.values()))}")],
            details={"case_tables": sorted(t.name for t in m.case_tables.values())},
        )
        return
    for lm in logs:
        if lm.person_col is None or lm.staff_col is None:
            missing = [w for w, c in (("la personne dont le dossier est lu", lm.person_col), ("le compte qui lit", lm.staff_col)) if c is None]
            yield BOOK.finding(
                ctx, "access.log_missing", table=lm.table.name, column=None, subject="incomplet",
                title=f"Le journal « {lm.table.name} » ne dit pas {' ni '.join(missing)}",
                affected=lm.table.rows, total=lm.table.rows,
                evidence=[Evidence(record=None, excerpt=f"colonne absente ou non reconnue : {w}") for w in missing],
                details={"missing": missing},
                recommendation=("Journaliser pour chaque consultation le compte, la personne dont le dossier est lu, l'objet et "
                                "l'heure ; si ces colonnes existent sous un autre nom, les désigner dans la politique : "
                                f"[model.links] \"{lm.table.name}.<colonne>\" = \"<table des personnes>.<clé>\" "
                                "(« auditor inspect --write-policy » écrit le modèle compris, à corriger). Aucun chiffre "
                                "d'accès sans lien n'est donné tant que ce lien manque."),
            )
            continue
        if lm.time_col is None and lm.table.rows:
            yield BOOK.finding(
                ctx, "access.log_missing", table=lm.table.name, column=None, subject="sans_date",
                title=f"Le journal « {lm.table.name} » ne dit pas quand le dossier a été lu (aucune colonne d'horodatage reconnue)",
                affected=lm.table.rows, total=lm.table.rows,
                evidence=[Evidence(record=None, excerpt="colonne absente ou non reconnue : la date et l'heure de l'accès")],
                details={"missing": ["la date et l'heure de l'accès"]},
                why=("Sans date, ni les accès après le départ d'un agent ni la durée de conservation du journal ne peuvent être "
                     "vérifiés : aucun chiffre n'est donné pour ces deux points plutôt qu'un chiffre faux."),
                recommendation=(f"Si une colonne de « {lm.table.name} » porte l'horodatage, la désigner dans la politique : "
                                f"[tables.\"{lm.table.name}\".columns] \"<colonne>\" = \"date\" ; sinon journaliser la date et l'heure "
                                "de chaque consultation."),
            )
        if not lm.table.rows:
            yield BOOK.finding(
                ctx, "access.log_missing", table=lm.table.name, column=None, subject="vide",
                title=f"Le journal « {lm.table.name} » est vide", affected=total, total=total,
                evidence=[Evidence(record=None, excerpt="aucune ligne de journal")], details={"rows": 0},
            )
            continue
        if lm.action_col:
            tab = ctx.table(lm.table)
            sm = getattr(ctx.catalog, "model", None)
            lg = sm.log(lm.table.name) if sm is not None else None
            if lg is not None and lg.action == lm.action_col and lg.read_values:
                reads = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(tab.c[lm.action_col].in_(lg.read_values))) or 0)
            else:
                low = sa.func.lower(as_text(tab.c[lm.action_col]))
                reads = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(
                    sa.or_(*[low.like(f"%{w}%") for w in READ_ACTIONS]))) or 0)
            if reads == 0:
                kinds = [str(v) for (v,) in ctx.rows(sa.select(tab.c[lm.action_col]).distinct().limit(10))]
                yield BOOK.finding(
                    ctx, "access.log_missing", table=lm.table.name, column=lm.action_col, subject="sans_lecture",
                    title=f"Le journal « {lm.table.name} » n'enregistre aucune consultation, seulement des modifications",
                    affected=total, total=total,
                    evidence=[Evidence(record=None, excerpt=f"actions journalisées : {', '.join(norm(k) for k in kinds)}")],
                    details={"actions": kinds, "rows": lm.table.rows},
                )
