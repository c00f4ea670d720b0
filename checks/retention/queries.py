"""The retention check's SQL: last activity per person and per file, rows past a
period, dates that cannot be used. Everything is aggregated by the database
(UNION ALL of dated contacts, GROUP BY, MAX, CASE buckets, COUNT); Python only
receives a few rows of counts per table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from dateutil.relativedelta import relativedelta

from auditor.catalog import TableInfo
from auditor.context import CheckContext
from auditor.sqlutil import DATE_EMPTY, DATE_IMPOSSIBLE, DATE_MISSING, DATE_OK, DATE_UNREADABLE, DateReader, fence
from checks.retention.model import (
    FROM_START,
    Category,
    Markers,
    archived_condition,
    closure_columns,
    contact_columns,
    creation_column,
    markers,
)

ROLE_OPEN, ROLE_CLOSE, ROLE_CHILD = 0, 1, 2


# ------------------------------------------------------------------ buckets
@dataclass(frozen=True)
class Buckets:
    """Overrun buckets: under ``short`` years, ``short`` to ``long`` years, over ``long`` years."""

    short: int = 1
    long: int = 3

    def bounds(self, cutoff: dt.date) -> tuple[str, str]:
        """ISO days: a reference date on or after the first is under ``short`` years late; before the second, over ``long``."""
        return (cutoff - relativedelta(years=self.short)).isoformat(), (cutoff - relativedelta(years=self.long)).isoformat()

    def labels(self) -> tuple[str, str, str]:
        """French labels of the three buckets."""
        s, lg = self.short, self.long
        return ("moins d'un an" if s == 1 else f"moins de {s} ans", f"{s} à {lg} ans", f"plus de {lg} ans")


def overrun_text(cutoff: dt.date, oldest: Any) -> tuple[str, int | None]:
    """The oldest overrun as a duration in French ('3 ans et 2 mois') and in days; never a date of a person."""
    if not oldest:
        return "", None
    try:
        od = dt.date.fromisoformat(str(oldest)[:10])
    except ValueError:
        return "", None
    rd = relativedelta(cutoff, od)
    parts = []
    if rd.years:
        parts.append(f"{rd.years} an{'s' if rd.years > 1 else ''}")
    if rd.months:
        parts.append(f"{rd.months} mois")
    if not parts:
        parts.append(f"{rd.days} jour{'s' if rd.days > 1 else ''}")
    return " et ".join(parts), (cutoff - od).days


def _cat_case(cat: sa.ColumnElement, values: dict[str, Any]) -> sa.ColumnElement:
    """CASE over the category code (NULL for codes not in ``values``)."""
    if not values:
        return sa.null()
    return sa.case(*[(cat == k, sa.literal(v)) for k, v in values.items()], else_=sa.null())


# ------------------------------------------------------------------ dated rows
def dated_selects(
    ctx: CheckContext,
    tab: sa.TableClause,
    key: sa.ColumnElement,
    from_obj: Any,
    cols: list[Any],
    role: Any,
    name: str,
) -> list[sa.Select[Any]]:
    """One ``SELECT k, d, role`` per date column of ``t``: ``d`` is the ISO day, dates after the
    audit day and unusable dates left out (they are counted by the data-quality rule)."""
    if not cols:
        return []
    names = {f"d{i}": c for i, c in enumerate(cols)}
    reader = DateReader({n: (tab.c[c.name], c.sql_type) for n, c in names.items()}, ctx.dialect)
    sub = reader.inner(sa.select(key.label("k"), *reader.columns).select_from(from_obj), name=name)
    as_of = ctx.as_of.isoformat()
    out = []
    for n, c in names.items():
        iso = reader.read(sub, n).iso  # a column of the reader's last step
        out.append(sa.select(sub.c.k.label("k"), iso.label("d"), sa.literal(role(c)).label("role")).where(iso <= as_of))
    return out


def direct_case_tables(ctx: CheckContext, person: TableInfo) -> list[tuple[TableInfo, str]]:
    """Case tables that reference the person directly, with the referencing column."""
    out = []
    sm = getattr(ctx.catalog, "model", None)
    for t in ctx.catalog.by_role("case_file"):
        ref = t.ref_to(person.name)
        if ref is None:
            continue
        # the model's persons table named like a file (« dossier »): a reference to it, that the model tied by its
        # values, is a reference to the person
        lk = sm.link(t.name, ref.name) if sm is not None and sm.persons == person.name else None
        if ref.kind == "person_ref" or (ref.kind in ("case_ref", "ref") and lk is not None and lk.target == person.name):
            out.append((t, ref.name))
    return out


def child_tables(ctx: CheckContext, parent: TableInfo) -> list[tuple[TableInfo, str]]:
    """Case tables that reference ``parent`` (an interview of a request), with the referencing column."""
    out = []
    for t in ctx.catalog.by_role("case_file"):
        if t.name == parent.name:
            continue
        for c in t.columns.values():
            if c.target == parent.name and c.kind in ("case_ref", "ref"):
                out.append((t, c.name))
                break
    return out


def table_key(ctx: CheckContext, t: TableInfo) -> str | None:
    """The column that identifies a row of ``t``: its primary key or, where none is declared (CSV
    exports), the column named like the references other tables make to it, or ``id_<table>``."""
    if len(t.primary_key) == 1:
        return t.primary_key[0]
    sm = getattr(ctx.catalog, "model", None)
    if sm is not None and sm.persons == t.name and sm.person_key:
        return sm.person_key
    if sm is not None and sm.key_of(t.name):
        return sm.key_of(t.name)  # the column the service model's links point to, found by the values
    names = {n.lower(): n for n in t.columns}
    for other in ctx.catalog.tables.values():
        if other.name == t.name:
            continue
        for c in other.columns.values():
            if c.target == t.name and c.name.lower() in names:
                return names[c.name.lower()]
    for cand in (f"id_{t.name}", f"{t.name}_id", "id"):
        if cand.lower() in names:
            return names[cand.lower()]
    return None


def person_contacts(ctx: CheckContext, person: TableInfo) -> tuple[list[sa.Select[Any]], list[str]]:
    """(SELECTs of (person id, contact day), names of the tables.columns read) for every case table
    that dates a contact, directly or through the file it belongs to. The access log is not a contact."""
    selects: list[sa.Select[Any]] = []
    used: list[str] = []
    sm = getattr(ctx.catalog, "model", None)
    key = table_key(ctx, person)
    own = [c for c in closure_columns(person)] if sm is not None and sm.persons == person.name else []
    if own and key is not None:
        # the person's own file closing date is the last act on the file
        ptab = ctx.table(person)
        selects += dated_selects(ctx, ptab, ptab.c[key], ptab, own, lambda _c: ROLE_OPEN, "c_own")
        used += [f"{person.name}.{c.name}" for c in own]
    direct = direct_case_tables(ctx, person)
    direct_names = {t.name for t, _r in direct}
    for t, ref in direct:
        tab = ctx.table(t)
        cols = contact_columns(t)
        selects += dated_selects(ctx, tab, tab.c[ref], tab, cols, lambda _c: ROLE_OPEN, f"c_{len(selects)}")
        used += [f"{t.name}.{c.name}" for c in cols]
        key = table_key(ctx, t)
        if key is None:
            continue
        for child, cref in child_tables(ctx, t):
            if child.name in direct_names:
                continue
            ctab, ptab = ctx.table(child), tab
            join = ctab.join(ptab, ctab.c[cref] == ptab.c[key])
            ccols = contact_columns(child)
            selects += dated_selects(ctx, ctab, ptab.c[ref], join, ccols, lambda _c: ROLE_CHILD, f"c_{len(selects)}")
            used += [f"{child.name}.{c.name}" for c in ccols]
    return selects, used


def single_contact_files(ctx: CheckContext, person: TableInfo) -> sa.Subquery | None:
    """Per person with a file: 0 when every file is a single contact, 1 otherwise (NULL: no file)."""
    parts = []
    for t, ref in direct_case_tables(ctx, person):
        mk = markers(ctx, t)
        tab = ctx.table(t)
        single = Markers.condition(tab, mk.single)
        if single is None:
            continue
        parts.append(sa.select(tab.c[ref].label("pid"), sa.case((single, 0), else_=1).label("full")))
    if not parts:
        return None
    u = sa.union_all(*parts).subquery("files_kind")
    return sa.select(u.c.pid, sa.func.max(u.c.full).label("full")).group_by(u.c.pid).subquery("person_files")


# ------------------------------------------------------------------ persons
@dataclass
class Tally:
    """Counts for one category of one table."""

    category: str
    total: int = 0
    archived: int = 0
    overdue: int = 0
    lt: int = 0
    mid: int = 0
    gt: int = 0
    oldest: Any = None
    extra: dict[str, int] = field(default_factory=dict)


def person_tallies(ctx: CheckContext, person: TableInfo, cats: dict[str, Category], main: str,
                   buckets: Buckets) -> tuple[list[Tally], dict[str, Any]]:
    """Persons per category (main, contact_unique, identite_administrative), with their reference day
    (last contact; without any dated contact, the day the person was recorded), past the period."""
    pk = table_key(ctx, person)
    assert pk is not None
    selects, used = person_contacts(ctx, person)
    ptab = ctx.table(person)
    created = creation_column(person)
    mk = markers(ctx, person)
    arch = archived_condition(ptab, person, mk)
    sm = getattr(ctx.catalog, "model", None)
    if sm is not None and sm.persons == person.name and sm.archive:
        # the values the model read as 'archived' (a status, a flag): exact, not 'anything but false'
        arch = sa.or_(*[ptab.c[a.column].in_(a.values) for a in sm.archive])
    pfrom: Any = ptab
    for g in used_groups(ctx, person):
        # the persons are members of a group (a household) whose file holds the contacts, the closing day, the archive
        gsel, gused, garch, pfrom = group_parts(ctx, person, pk, g, pfrom)
        selects += gsel
        used += gused
        if garch is not None:
            arch = garch if arch is None else sa.or_(arch, garch)
    keep = [ptab.c[pk].label("pid"), (sa.case((arch, 1), else_=0) if arch is not None else sa.literal(0)).label("arch")]
    if created is not None:
        reader = DateReader({"cr": (ptab.c[created.name], created.sql_type)}, ctx.dialect)
        psub = reader.inner(sa.select(*keep, *reader.columns).select_from(pfrom), name="persons_in")
        creation = reader.read(psub, "cr").iso
        creation = sa.case((creation <= ctx.as_of.isoformat(), creation), else_=sa.null())
    else:
        psub = sa.select(*keep).select_from(pfrom).subquery("persons_in")
        creation = sa.null()
    frm: Any = psub
    last_col: Any = sa.null()
    if selects:
        u = sa.union_all(*selects).subquery("contacts")
        last = sa.select(u.c.k.label("pid"), sa.func.max(u.c.d).label("last")).group_by(u.c.k).subquery("last_contact")
        frm = frm.outerjoin(last, last.c.pid == psub.c.pid)
        last_col = last.c["last"]
    kinds = single_contact_files(ctx, person)
    full_col: Any = sa.literal(1)
    if kinds is not None:
        frm = frm.outerjoin(kinds, kinds.c.pid == psub.c.pid)
        full_col = kinds.c.full
    cat = sa.case(
        (sa.and_(last_col.is_(None), creation.is_not(None)), "identite_administrative"),
        (last_col.is_(None), "none"),
        (full_col == 0, "contact_unique"),
        else_=main,
    )
    rows = sa.select(cat.label("cat"), sa.func.coalesce(last_col, creation).label("ref"), psub.c.arch.label("arch")).select_from(frm)
    tallies = tally(ctx, fence(rows, ctx.dialect).subquery("per_person"), cats, buckets)["all"]
    info = {"contact_columns": used, "creation_column": created.name if created else None,
            "groups": [g.label() for g in used_groups(ctx, person)]}
    return tallies, info


def used_groups(ctx: CheckContext, person: TableInfo) -> list[Any]:
    """Groups of persons (households, families) of the model whose members are ``person``'s rows and whose file other
    tables point to (auditor.model.groups)."""
    sm = getattr(ctx.catalog, "model", None)
    if sm is None or sm.persons != person.name or not getattr(sm, "groups", None):
        return []
    from auditor.model.groups import used

    return [g for g in sm.groups if used(sm, g) and g.table in ctx.catalog.tables]


def group_parts(ctx: CheckContext, person: TableInfo, pk: str, g: Any, pfrom: Any) -> tuple[list[sa.Select[Any]], list[str], Any, Any]:
    """(SELECTs of (member's key, contact day) for the group's contacts and its closing day, tables.columns read, SQL
    condition 'the member's group is archived' or None, persons joined to their group)."""
    sm = ctx.catalog.model
    ptab = ctx.table(person)
    gtab_info = ctx.catalog.tables[g.table]
    gtab = ctx.table(gtab_info)
    selects: list[sa.Select[Any]] = []
    used: list[str] = []
    for ct in sm.contacts:
        if ct.person.target != g.table or ct.table not in ctx.catalog.tables:
            continue
        t = ctx.catalog.tables[ct.table]
        cols = [c for c in contact_columns(t) if c.name in ct.dates] or contact_columns(t)
        tab = ctx.table(t)
        join = tab.join(ptab, ptab.c[g.member_col] == tab.c[ct.person.column])
        selects += dated_selects(ctx, tab, ptab.c[pk], join, cols, lambda _c: ROLE_OPEN, f"g_{g.table}_{len(selects)}")
        used += [f"{t.name}.{c.name}" for c in cols]
    if g.closure and g.closure in gtab_info.columns:
        join = gtab.join(ptab, ptab.c[g.member_col] == gtab.c[g.key])
        selects += dated_selects(ctx, gtab, ptab.c[pk], join, [gtab_info.columns[g.closure]], lambda _c: ROLE_OPEN, f"g_{g.table}_close")
        used.append(f"{g.table}.{g.closure}")
    garch = None
    if g.archive:
        ga = gtab.alias(f"grp_{len(g.table)}")
        pfrom = pfrom.outerjoin(ga, ga.c[g.key] == ptab.c[g.member_col])
        garch = sa.or_(*[ga.c[a.column].in_(a.values) for a in g.archive])
    return selects, used, garch, pfrom


def tally(ctx: CheckContext, per_row: sa.Subquery, cats: dict[str, Category], buckets: Buckets,
          sets: dict[str, sa.ColumnElement | None] | None = None, extra: dict[str, sa.ColumnElement] | None = None
          ) -> dict[str, list[Tally]]:
    """One GROUP BY category: rows, archived rows and, for each set of rows (``sets``: name ->
    condition, None for all), the rows past the period (not archived) by bucket and the oldest
    reference day. ``per_row`` has columns cat, ref (ISO day) and arch (1 when the row says it is archived).
    """
    sets = sets or {"all": None}
    live = {k: c for k, c in cats.items() if c.months > 0}
    r = per_row.c
    cutoff = _cat_case(r.cat, {k: c.cutoff(ctx.as_of).isoformat() for k, c in live.items()})
    lo1 = _cat_case(r.cat, {k: buckets.bounds(c.cutoff(ctx.as_of))[0] for k, c in live.items()})
    lo3 = _cat_case(r.cat, {k: buckets.bounds(c.cutoff(ctx.as_of))[1] for k, c in live.items()})
    past = sa.and_(r.arch == 0, r.ref.is_not(None), r.ref < cutoff)

    def count(cond: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.sum(sa.case((cond, 1), else_=0))

    cols: list[sa.ColumnElement] = [r.cat, sa.func.count().label("total"), count(r.arch == 1).label("archived")]
    for i, (_name, cond) in enumerate(sets.items()):
        over = past if cond is None else sa.and_(past, cond)
        cols += [
            count(sa.true() if cond is None else cond).label(f"s{i}_total"),
            count(over).label(f"s{i}_overdue"),
            count(sa.and_(over, r.ref >= lo1)).label(f"s{i}_lt"),
            count(sa.and_(over, r.ref < lo1, r.ref >= lo3)).label(f"s{i}_mid"),
            count(sa.and_(over, r.ref < lo3)).label(f"s{i}_gt"),
            sa.func.min(sa.case((over, r.ref), else_=sa.null())).label(f"s{i}_oldest"),
        ]
    for name, cond in (extra or {}).items():
        cols.append(count(cond).label(name))
    out: dict[str, list[Tally]] = {name: [] for name in sets}
    for row in ctx.rows(sa.select(*cols).group_by(r.cat).order_by(r.cat)):
        m = row._mapping
        for i, name in enumerate(sets):
            out[name].append(Tally(
                category=str(m["cat"]), total=int(m[f"s{i}_total"] or 0), archived=int(m["archived"] or 0),
                overdue=int(m[f"s{i}_overdue"] or 0), lt=int(m[f"s{i}_lt"] or 0), mid=int(m[f"s{i}_mid"] or 0),
                gt=int(m[f"s{i}_gt"] or 0), oldest=m[f"s{i}_oldest"],
                extra={"rows": int(m["total"] or 0), **{k: int(m[k] or 0) for k in (extra or {})}},
            ))
    return out


# ------------------------------------------------------------------ files
def is_file_table(ctx: CheckContext, t: TableInfo) -> bool:
    """A case table that is a file: it references a person and has a closure date or acts attached to it."""
    if t.role != "case_file" or table_key(ctx, t) is None:
        return False
    if not any(c.kind == "person_ref" for c in t.columns.values()):
        return False
    return bool(closure_columns(t)) or bool(child_tables(ctx, t))


def file_tallies(ctx: CheckContext, t: TableInfo, cats: dict[str, Category], main: str,
                 buckets: Buckets) -> tuple[list[Tally], list[Tally], dict[str, Any]]:
    """Files per category: (closed files or single contacts past the period, open files without
    activity for longer than the period, details)."""
    tab = ctx.table(t)
    pk = table_key(ctx, t)
    assert pk is not None
    ref_col = next(c for c in t.columns.values() if c.kind == "person_ref")
    person = ctx.catalog.tables.get(ref_col.target or "")
    mk = markers(ctx, t)
    own = contact_columns(t)
    selects = dated_selects(ctx, tab, tab.c[pk], tab, own,
                            lambda c: ROLE_CLOSE if c.kind == "closure_date" else ROLE_OPEN, "f_own")
    used = [f"{t.name}.{c.name}" for c in own]
    for child, cref in child_tables(ctx, t):
        ctab = ctx.table(child)
        ccols = contact_columns(child)
        selects += dated_selects(ctx, ctab, ctab.c[cref], ctab, ccols, lambda _c: ROLE_CHILD, f"f_child_{len(selects)}")
        used += [f"{child.name}.{c.name}" for c in ccols]
    u = sa.union_all(*selects).subquery("file_dates")
    act = sa.select(
        u.c.k.label("fid"),
        sa.func.min(sa.case((u.c.role == ROLE_OPEN, u.c.d), else_=sa.null())).label("first"),
        sa.func.max(sa.case((u.c.role == ROLE_CLOSE, u.c.d), else_=sa.null())).label("closed_on"),
        sa.func.max(u.c.d).label("last"),
    ).group_by(u.c.k).subquery("file_activity")
    single = Markers.condition(tab, mk.single)
    refused = Markers.condition(tab, mk.refused)
    whens = []
    if single is not None:
        whens.append((single, "contact_unique"))
    if refused is not None:
        whens.append((refused, "demande_refusee_ou_sans_suite"))
    cat = sa.case(*whens, else_=main) if whens else sa.literal(main)
    arch = archived_condition(tab, t, mk)
    closed_marker = Markers.condition(tab, mk.closed)
    frm: Any = tab.outerjoin(act, act.c.fid == tab.c[pk])
    person_arch: Any = sa.literal(0)
    pkey = table_key(ctx, person) if person is not None else None
    if person is not None and pkey is not None:
        ptab = ctx.table(person)
        parch = archived_condition(ptab, person, markers(ctx, person))
        if parch is not None:
            frm = frm.outerjoin(ptab, ptab.c[pkey] == tab.c[ref_col.name])
            person_arch = sa.case((parch, 1), else_=0)
    closed = act.c.closed_on.is_not(None)
    if closed_marker is not None:
        closed = sa.or_(closed, closed_marker)
    per_file = fence(sa.select(
        cat.label("cat"),
        act.c["first"].label("first"),
        act.c.closed_on.label("closed_on"),
        act.c["last"].label("last"),
        sa.case((closed, 1), else_=0).label("closed"),
        (sa.case((arch, 1), else_=0) if arch is not None else sa.literal(0)).label("arch"),
        person_arch.label("parch"),
    ).select_from(frm), ctx.dialect).subquery("per_file_raw")
    p = per_file.c
    start = [k for k, c in cats.items() if c.trigger in FROM_START]
    at_closure = [k for k, c in cats.items() if c.trigger in ("closure", "end_of_measure")]
    whens = []
    if start:  # single contacts, creation: from the file's first day
        whens.append((p.cat.in_(start), sa.func.coalesce(p["first"], p["last"])))
    if at_closure:
        whens.append((p.cat.in_(at_closure), sa.func.coalesce(p.closed_on, p["last"])))
    ref = sa.case(*whens, else_=p["last"]) if whens else p["last"]
    from_start = sa.case((p.cat.in_(start), 1), else_=0) if start else sa.literal(0)
    rows = fence(sa.select(p.cat.label("cat"), ref.label("ref"), p.arch.label("arch"), p.closed.label("closed"),
                           from_start.label("fs"), p.parch.label("parch")).select_from(per_file), ctx.dialect).subquery("per_file")
    r = rows.c
    live = {k: c.cutoff(ctx.as_of).isoformat() for k, c in cats.items() if c.months > 0}
    done = sa.or_(r.fs == 1, r.closed == 1)
    past_done = sa.and_(done, r.arch == 0, r.ref.is_not(None), r.ref < _cat_case(r.cat, live))
    # one query for both rules: closed files (and single contacts, counted from the contact) past
    # the period, and open files whose last activity is older than the period
    got = tally(ctx, rows, cats, buckets, sets={"closed": done, "open": sa.and_(r.fs == 0, r.closed == 0)},
                extra={"of_archived_persons": sa.and_(past_done, r.parch == 1), "undated": r.ref.is_(None)})
    info = {"contact_columns": used, "markers": mk.describe(), "person_table": person.name if person else None,
            "marker_reasons": dict(mk.why)}
    return got["closed"], got["open"], info


# ------------------------------------------------------------------ rows of one table
def row_tallies(ctx: CheckContext, t: TableInfo, col: Any, cat: Category, buckets: Buckets) -> Tally:
    """Rows of ``t`` whose date in ``col`` is older than the category's period (one scan)."""
    tab = ctx.table(t)
    reader = DateReader({"ev": (tab.c[col.name], col.sql_type)}, ctx.dialect)
    arch = archived_condition(tab, t)
    keep = (sa.case((arch, 1), else_=0) if arch is not None else sa.literal(0)).label("arch")
    sub = reader.inner(sa.select(keep, *reader.columns).select_from(tab), name="rows_in")
    iso = reader.read(sub, "ev").iso
    rows = fence(sa.select(sa.literal(cat.key).label("cat"), iso.label("ref"), sub.c.arch.label("arch")),
                 ctx.dialect).subquery("per_row")
    got = tally(ctx, rows, {cat.key: cat}, buckets)["all"]
    return got[0] if got else Tally(category=cat.key)


# ------------------------------------------------------------------ data quality
@dataclass
class DateQuality:
    """Counts for one date column."""

    column: str
    rows: int = 0
    missing: int = 0
    empty: int = 0
    unreadable: int = 0
    impossible: int = 0
    future: int = 0
    too_old: int = 0
    readable: int = 0
    not_iso: int = 0  # readable, but written in another form than 'YYYY-MM-DD' (information)


def date_quality(ctx: CheckContext, t: TableInfo, cols: list[Any], future_cols: set[str], min_year: int) -> list[DateQuality]:
    """Per column, in one scan of the table: NULL, empty, unreadable, impossible, after the audit day
    (for ``future_cols``), before ``min_year``, readable, and readable but not written as ISO."""
    tab = ctx.table(t)
    names = {f"q{i}": c for i, c in enumerate(cols)}
    reader = DateReader({n: (tab.c[c.name], c.sql_type) for n, c in names.items()}, ctx.dialect)
    sub = reader.inner(sa.select(*reader.columns).select_from(tab), name="quality_in")
    as_of = ctx.as_of.isoformat()
    floor = f"{min_year:04d}-01-01"
    aggs: list[sa.ColumnElement] = [sa.func.count().label("n")]

    def count(cond: sa.ColumnElement, label: str) -> sa.ColumnElement:
        return sa.func.sum(sa.case((cond, 1), else_=0)).label(label)

    for n, c in names.items():
        r = reader.read(sub, n)  # columns of the reader's last step: computed once per row
        st, iso, fmt = r.status, r.iso, r.written_iso
        aggs += [
            count(st == DATE_MISSING, f"{n}_missing"),
            count(st == DATE_EMPTY, f"{n}_empty"),
            count(st == DATE_UNREADABLE, f"{n}_unreadable"),
            count(st == DATE_IMPOSSIBLE, f"{n}_impossible"),
            count(st == DATE_OK, f"{n}_ok"),
            count(iso > as_of, f"{n}_future") if c.name in future_cols else sa.literal(0).label(f"{n}_future"),
            count(iso < floor, f"{n}_old"),
            count(sa.and_(st == DATE_OK, fmt == 0), f"{n}_notiso"),
        ]
    row = ctx.rows(sa.select(*aggs).select_from(sub))[0]._mapping
    out = []
    for n, c in names.items():
        out.append(DateQuality(
            column=c.name, rows=int(row["n"] or 0), missing=int(row[f"{n}_missing"] or 0),
            empty=int(row[f"{n}_empty"] or 0), unreadable=int(row[f"{n}_unreadable"] or 0),
            impossible=int(row[f"{n}_impossible"] or 0), future=int(row[f"{n}_future"] or 0),
            too_old=int(row[f"{n}_old"] or 0), readable=int(row[f"{n}_ok"] or 0),
            not_iso=int(row[f"{n}_notiso"] or 0),
        ))
    return out
