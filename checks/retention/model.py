"""What the retention check knows before it counts: categories and their periods,
which table and which row belongs to which category, which columns date what.

Nothing here reads personal data: table and column names, the catalog, the
policy, and the distinct values of short code columns (contact types,
request statuses), which are labels, never a person's data.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from dateutil.relativedelta import relativedelta

from auditor.catalog import DIRECT_IDENTIFIER_KINDS, ColumnInfo, TableInfo
from auditor.context import CheckContext
from auditor.sqlutil import as_text, is_typed_date, norm

HERE = Path(__file__).parent
TRIGGER_FR = {
    "last_contact": "après le dernier contact",
    "contact": "après le contact",
    "closure": "après la clôture du dossier",
    "creation": "après la création",
    "event": "après l'événement",
    "departure": "après le départ",
    "end_of_measure": "après la fin de la mesure",
}
# Triggers counted from the file's own first date rather than from its closure or last activity.
FROM_START = {"contact", "creation"}
FALSE_WORDS = ("", "0", "false", "f", "non", "n", "no", "faux", "actif", "active", "en cours")
PERSON_ROLES = ("persons",)
FILE_ROLES = ("case_file",)
DATE_LIKE_KINDS = ("date", "closure_date", "departure_date")


@lru_cache(maxsize=1)
def guesses() -> dict[str, Any]:
    """checks/retention/guesses.toml."""
    with (HERE / "guesses.toml").open("rb") as fh:
        return tomllib.load(fh)


def tokens(name: str) -> list[str]:
    """Normalised words of a table or column name."""
    return norm(name).split()


def name_has(name: str, words: list[str] | tuple[str, ...] | set[str]) -> bool:
    """True when one of the words of ``name`` is in ``words``."""
    return any(t in words for t in tokens(name))


# ------------------------------------------------------------------ categories
@dataclass(frozen=True)
class Category:
    """A retention category as applied: period, trigger, action, reference, and where they come from."""

    key: str
    label: str
    months: int
    trigger: str
    action: str
    reference: str
    basis: str
    origin: str  # "policy" (the user's file sets the period) or "default"
    confirmed: bool

    @property
    def source(self) -> str:
        """French words for where the period comes from (the report shows them)."""
        if self.origin == "policy":
            return "politique" + (" (confirmée par le DPO)" if self.confirmed else "")
        if self.confirmed:
            return "valeur par défaut confirmée par la politique"
        return "valeur par défaut à confirmer"

    @property
    def period_fr(self) -> str:
        """'24 mois après le dernier contact'."""
        return f"{self.months} mois {TRIGGER_FR.get(self.trigger, 'après ' + self.trigger)}"

    def cutoff(self, as_of: dt.date) -> dt.date:
        """The day before which the period is over."""
        return as_of - relativedelta(months=self.months)

    def details(self) -> dict[str, Any]:
        """What every finding built on this category carries."""
        return {
            "category": self.key,
            "category_label": self.label,
            "period_months": self.months,
            "trigger": self.trigger,
            "period_source": self.source,
            "period_origin": self.origin,
            "period_confirmed": self.confirmed,
            "end_action": self.action,
            "period_reference": self.reference,
            "period_basis": self.basis,
        }

    def why(self, ctx: CheckContext) -> str:
        """One French sentence: the period applied and whether the DPO still has to confirm it."""
        try:
            cite = ctx.citation(self.reference)
        except KeyError:
            cite = self.reference
        if self.origin == "policy":
            where = "durée fixée par la politique de conservation" + (", confirmée par le DPO" if self.confirmed else "")
        elif self.confirmed:
            where = "valeur par défaut d'auditor, confirmée dans la politique"
        else:
            where = "valeur par défaut d'auditor, à confirmer par le responsable du traitement et le DPO"
        return f"Durée appliquée : {self.period_fr} (catégorie « {self.label} », {where} ; fondement : {cite}, {self.basis})."


def category(ctx: CheckContext, key: str) -> Category | None:
    """The category ``key`` from the merged policy, or None when the policy has no such category."""
    spec = ctx.policy.section("retention").get(key)
    if not isinstance(spec, dict):
        return None
    user = ctx.policy.user.get("retention", {}).get(key, {}) if isinstance(ctx.policy.user, dict) else {}
    origin = "policy" if isinstance(user, dict) and "period_months" in user else "default"
    return Category(
        key=key,
        label=str(spec.get("label", key)),
        months=int(spec.get("period_months") or 0),
        trigger=str(spec.get("trigger", "last_contact")),
        action=str(spec.get("action", "archive_or_delete")),
        reference=str(spec.get("reference", "rgpd_5_1_e")),
        basis=str(spec.get("basis", "")),
        origin=origin,
        confirmed=bool(spec.get("confirmed", False)),
    )


@dataclass(frozen=True)
class Mapping:
    """A table's category and how it was chosen."""

    key: str
    how: str  # French: "politique", "nom de la table", "par défaut"


def mapped_key(ctx: CheckContext, table: str) -> str | None:
    """The category the policy gives ``table``: [tables."t"] retention = k, or [retention.k] tables = [t]."""
    key = ctx.policy.tables.get(table, {}).get("retention") if isinstance(ctx.policy.tables.get(table), dict) else None
    if key:
        return str(key)
    for k, spec in ctx.policy.section("retention").items():
        if isinstance(spec, dict) and table in (spec.get("tables") or []):
            return str(k)
    return None


def guessed_key(table: str) -> str | None:
    """A category guessed from the table's name (guesses.toml), or None."""
    words = tokens(table)
    joined = " ".join(words)
    for entry in guesses()["table_category"]:
        if any(t in words for t in entry.get("tokens", [])):
            return str(entry["category"])
        if any(joined == p or joined.startswith(p + " ") or f" {p} " in f" {joined} " for p in entry.get("phrases", [])):
            return str(entry["category"])
    return None


def table_mapping(ctx: CheckContext, table: str, fallback: str) -> Mapping:
    """The category of a table: the policy's mapping, else a guess from its name, else ``fallback``."""
    key = mapped_key(ctx, table)
    if key:
        return Mapping(key, "politique")
    key = guessed_key(table)
    if key:
        return Mapping(key, "nom de la table")
    return Mapping(fallback, "par défaut")


# ------------------------------------------------------------------ columns
def is_dating(col: ColumnInfo) -> bool:
    """The column dates the row: a date kind, or a date/timestamp type, or a name starting with 'date'/'dt'."""
    if col.kind in ("birth_date", "birth_year", "archive_flag", "year"):
        return False
    if col.kind in DATE_LIKE_KINDS:
        return True
    if col.kind in ("primary_key", "person_ref", "staff_ref", "case_ref", "ref", "unit_ref", "hierarchy_ref", "count"):
        return False
    first = (tokens(col.name) or [""])[0]
    return is_typed_date(col.sql_type) or first in ("date", "dt", "horodatage", "timestamp", "datetime")


def dating_columns(t: TableInfo) -> list[ColumnInfo]:
    """Columns that date the rows of ``t`` (birth dates excluded)."""
    return [c for c in t.columns.values() if is_dating(c)]


def contact_columns(t: TableInfo) -> list[ColumnInfo]:
    """Columns of a case table that date a contact or an act: neither technical nor planned, nor a departure."""
    words = set(guesses()["columns"]["not_contact"])
    return [c for c in dating_columns(t) if c.kind != "departure_date" and not name_has(c.name, words)]


def closure_columns(t: TableInfo) -> list[ColumnInfo]:
    """Closure dates of a file (date_cloture, date_fin...)."""
    return [c for c in t.columns.values() if c.kind == "closure_date"]


def creation_column(t: TableInfo) -> ColumnInfo | None:
    """The persons table's own recording date (date_creation...), if any."""
    words = set(guesses()["columns"]["creation"])
    for c in dating_columns(t):
        if c.kind == "date" and name_has(c.name, words):
            return c
    return None


def is_planned(col: ColumnInfo) -> bool:
    """A date that may lie in the future by design (planned, end, expiry, departure)."""
    return col.kind in ("closure_date", "departure_date") or name_has(col.name, set(guesses()["columns"]["planned"]))


def has_personal_data(t: TableInfo) -> bool:
    """The table holds a direct identifier of a person (name, NIR, address, phone...)."""
    return any(c.kind in DIRECT_IDENTIFIER_KINDS and c.kind != "birth_date" for c in t.columns.values())


# ------------------------------------------------------------------ row markers
@dataclass
class Markers:
    """Code columns of a case table whose values say: single contact, refused, closed, archived."""

    single: list[tuple[str, list[Any]]] = field(default_factory=list)
    refused: list[tuple[str, list[Any]]] = field(default_factory=list)
    closed: list[tuple[str, list[Any]]] = field(default_factory=list)
    archived: list[tuple[str, list[Any]]] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)  # column -> French reason, for a column chosen by its values

    @staticmethod
    def condition(tab: sa.TableClause, pairs: list[tuple[str, list[Any]]]) -> sa.ColumnElement | None:
        """SQL condition: one of the columns holds one of its marker values."""
        conds = [tab.c[col].in_(values) for col, values in pairs if values]
        return sa.or_(*conds) if conds else None

    def describe(self) -> dict[str, dict[str, int]]:
        """Column -> number of marker values, per marker (for the details; never the values of a person)."""
        out: dict[str, dict[str, int]] = {}
        for name in ("single", "refused", "closed", "archived"):
            pairs = getattr(self, name)
            if pairs:
                out[name] = {col: len(values) for col, values in pairs}
        return out


def _vocab(ctx: CheckContext, name: str, option: str) -> set[str]:
    words = {norm(w) for w in guesses()["values"][name]}
    extra = options(ctx).get(option) or []
    return words | {norm(w) for w in extra}


def options(ctx: CheckContext) -> dict[str, Any]:
    """The check's options: rules.toml [options] under the policy's [checks.retention]."""
    from checks.retention.check import BOOK

    return {**BOOK.info.options, **ctx.options}


def markers(ctx: CheckContext, t: TableInfo) -> Markers:
    """Find marker values among the distinct values of the short code columns of ``t`` (bounded query)."""
    key = ("markers", t.name)
    if key in ctx.facts:
        return ctx.facts[key]
    g = guesses()["values"]
    vocab = {
        "single": _vocab(ctx, "single_contact", "single_contact_values"),
        "refused": _vocab(ctx, "refused", "refused_values"),
        "closed": _vocab(ctx, "closed", "closed_values"),
        "archived": _vocab(ctx, "archived", "archived_values"),
    }
    limit = int(g.get("max_distinct", 60))
    col_words = set(g["marker_columns"])
    status = status_words()
    found = Markers()
    tab = ctx.table(t)
    for c in t.columns.values():
        if c.kind not in ("category", "other", "sensitive_category", "archive_flag", "active_flag"):
            continue
        named = name_has(c.name, col_words)
        if is_dating(c) or (not named and (c.distinct is None or c.distinct > VALUE_MARKER_MAX)):
            continue  # a column named like no status is read only when the sample saw a few distinct values
        stmt = sa.select(tab.c[c.name]).where(tab.c[c.name].is_not(None)).distinct().limit((limit if named else VALUE_MARKER_MAX) + 1)
        values = [r[0] for r in ctx.rows(stmt)]
        if len(values) > (limit if named else VALUE_MARKER_MAX):
            continue  # not a short list of codes
        if not named:
            # chosen by its values: a few distinct values, one of which labels closed or archived files (the words of
            # auditor/model/vocab.toml [status] and of guesses.toml); only the closed and archived markers, said
            known = {"closed": status["closed"], "archived": status["archived"] | vocab["archived"]}  # not « fin », « sortie »
            hits = {n: [v for v in values if isinstance(v, str) and norm(v) in known[n]] for n in ("closed", "archived")}
            if len(values) < 2 or not any(hits.values()):
                continue
            for name, hit in hits.items():
                if hit:
                    getattr(found, name).append((c.name, sorted(hit)))
            words = ", ".join(f"« {v} »" for v in sorted(hits["closed"] + hits["archived"], key=str))
            found.why[c.name] = (f"colonne « {c.name} » choisie par ses valeurs (son nom n'est pas celui d'un statut) : "
                                 f"{len(values)} valeurs distinctes, dont {words} qui marque(nt) un dossier clos ou archivé")
            continue
        for name, words in vocab.items():
            hit = [v for v in values if isinstance(v, str) and norm(v) in words]
            if hit:
                getattr(found, name).append((c.name, sorted(hit)))
    ctx.facts[key] = found
    return found


VALUE_MARKER_MAX = 12  # distinct values of a status column found by its values, not its name


def status_words() -> dict[str, set[str]]:
    """Closed and archived status words of the service model's vocabulary (auditor/model/vocab.toml [status])."""
    from auditor.model import vocab

    st = vocab()["status"]
    return {"closed": {norm(w) for w in st["closed"]}, "archived": {norm(w) for w in st["archived"]}}


def archived_condition(tab: sa.TableClause, t: TableInfo, mk: Markers | None = None) -> sa.ColumnElement | None:
    """SQL condition: the row itself says it is archived, anonymised or deleted
    (an archive flag set, a date of archiving, or an 'archivé' status)."""
    conds: list[sa.ColumnElement] = []
    for c in t.columns.values():
        if c.kind == "archive_flag":
            col = tab.c[c.name]
            conds.append(sa.and_(col.is_not(None), sa.func.lower(sa.func.trim(as_text(col))).not_in(FALSE_WORDS)))
    if mk is not None:
        cond = Markers.condition(tab, mk.archived)
        if cond is not None:
            conds.append(cond)
    return sa.or_(*conds) if conds else None


def archive_columns(t: TableInfo, mk: Markers | None = None) -> list[str]:
    """Names of the columns read as archive flags (for the details)."""
    names = [c.name for c in t.columns.values() if c.kind == "archive_flag"]
    if mk is not None:
        names += [col for col, _v in mk.archived if col not in names]
    return names
