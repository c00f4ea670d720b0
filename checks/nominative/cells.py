"""Which columns of a statistics table count persons, and which say what a cell is.

A table of counts nobody here has seen has count columns without a count word
(« hommes », « entrees », « 2023 »), years and territory codes written as
numbers, rates and averages beside the counts. Each column is decided by its
values first (computed in SQL: whole numbers, markers, range, how often each
value comes back) and its name second:

- a **year**: whole numbers all within the last forty years (« 2019 »…« 2026 »);
- a **dimension**: labels (text), codes (« 01 », « 2A », leading zeros), a name
  that says a code, a territory or a period (« code_region », « mois »), or whole
  numbers where every value comes back the same number of times (the levels of
  a design: each département once per year);
- a **measure**: decimals, negative values, numbers written as text with a
  decimal comma or point, a sign or a percent sign (« 4,2 », « 45 % »,
  « 12.5% », « +3,1 % », « n.d. » among them), or a name that says a rate, a
  share, an average, a duration or an amount;
- a **count**: what is left of the non-negative whole numbers (markers such as
  « <5 » or « s » allowed and said: those cells are already protected;
  thousands may be written « 1 234 » with a plain, no-break or thin space). A
  name that says a code or a place does not make a dimension of a column whose
  values add up to the « Total » row. A column named after an age band
  (« 60 ans et plus », « 60_plus ») holds no maximum.

The policy's ``[checks.nominative] counts`` and ``dimensions`` take any table as
given. Every decision carries its French reason, printed in the finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from auditor.catalog import DIRECT_IDENTIFIER_KINDS, TableInfo
from auditor.catalog.names import normalise
from auditor.context import CheckContext
from auditor.sqlutil import norm
from auditor.errors import PolicyError
from checks.nominative.sqlparts import as_int, is_numeric_type, suppressed, text_of

YEAR_WORDS = {"annee", "annees", "year", "years", "exercice", "millesime", "an"}
PERIOD_WORDS = {"mois", "month", "trimestre", "quarter", "semestre", "semaine", "week", "jour", "day", "age", "ages"}
CODE_WORDS = {"code", "cd", "cod", "id", "dep", "dept", "departement", "region", "reg", "commune", "insee", "cog", "canton",
              "cp", "postal", "siret", "siren", "finess", "num", "numero", "arrondissement", "epci", "iris", "zone", "site",
              "territoire", "secteur", "circonscription", "rang", "ordre", "niveau", "categorie", "type", "classe", "tranche"}
MEASURE_WORDS = {"taux", "tx", "pct", "pourcent", "pourcentage", "part", "ratio", "proportion", "moyenne", "moyen", "moy",
                 "mediane", "median", "avg", "mean", "evol", "evolution", "variation", "var", "indice", "index", "score",
                 "duree", "delai", "montant", "mt", "somme", "euros", "eur", "cout", "depense", "depenses", "ca",
                 "chiffre", "max", "min", "ecart", "poids", "densite", "pour", "mille", "rate", "share", "amount", "average"}
COUNT_WORDS = {"effectif", "effectifs", "nb", "nbr", "nbre", "nombre", "count", "cnt", "total", "totaux", "ensemble",
               "volume", "headcount", "frequence", "occurrences"}
STRONG_COUNT = {"effectif", "effectifs", "nb", "nbr", "nbre", "nombre", "count", "cnt", "headcount"}
LINK_KINDS = {*DIRECT_IDENTIFIER_KINDS, "person_ref", "hashed_id", "case_ref", "primary_key"}


@dataclass
class CellColumns:
    """How the columns of one statistics table were read."""

    counts: list[str] = field(default_factory=list)
    dims: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)
    from_policy: bool = False
    dims_unique: bool | None = None  # every row a distinct combination of the dimensions (a table of cells)

    def summary(self) -> str:
        """One French line: counts and dimensions taken."""
        dims = ", ".join(self.dims) or "aucune"
        how = " (déclarées dans la politique)" if self.from_policy else ""
        return f"Colonnes d'effectifs : {', '.join(self.counts) or 'aucune'} ; dimensions : {dims}{how}"


def _toks(name: str) -> set[str]:
    return set(normalise(name))


BAND_WORDS = {"plus", "moins", "over", "under", "et", "ans", "an", "sup", "inf"}


def band_label(name: str) -> bool:
    """A column named after an age band or a bracket (« 60 et plus », « 60_plus », « moins de 25 ans », « 75+ »):
    a number with « plus »/« moins »/« ans », or a number and a trailing « + ». Its « plus » is no maximum."""
    toks = normalise(name)
    has_number = any(x.isdigit() and len(x) <= 3 for x in toks)
    return has_number and (bool(set(toks) & BAND_WORDS) or name.strip().endswith("+"))


def max_word(name: str, words: set[str]) -> bool:
    """The name holds one of ``words`` (a maximum, a main item), « plus » of an age band excepted."""
    toks = set(normalise(name)) & words
    if band_label(name):
        toks -= {"plus"}
    return bool(toks)


# spaces French typography puts between thousands (« 1 234 »): no-break, narrow no-break, thin
THOUSANDS_SPACES = ("\u00a0", "\u202f", "\u2009")


def _spaces(col: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """The column as text, its no-break and thin spaces made plain spaces."""
    t: sa.ColumnElement[Any] = sa.cast(col, sa.Text)
    for ch in THOUSANDS_SPACES:
        t = sa.func.replace(t, ch, " ")
    return t


def _digits(col: sa.ColumnElement[Any], dialect: str, spaced: bool = False) -> sa.ColumnElement[bool]:
    t = sa.func.trim(_spaces(col) if spaced else sa.cast(col, sa.Text))
    if dialect == "sqlite":
        return sa.and_(t != "", sa.func.glob("*[^0-9 ]*" if spaced else "*[^0-9]*", t) == 0)
    return t.regexp_match("^[0-9 ]+$" if spaced else "^[0-9]+$")


def _decimal_text(col: sa.ColumnElement[Any], dialect: str) -> sa.ColumnElement[bool]:
    """A number written as text with a decimal comma or point, a sign or a percent sign: « 4,2 »,
    « 45 % », « 12.5% », « +3,1 % », « -2 ». Band labels (« 18-24 ») and codes are not: the sign
    may only lead, the percent sign only end, and one separator at most."""
    t = sa.func.trim(sa.cast(col, sa.Text))
    n = sa.func.length(t)
    unsigned = sa.case((sa.func.substr(t, 1, 1).in_(["+", "-"]), sa.func.substr(t, 2)), else_=t)
    un = sa.func.length(unsigned)
    bare = sa.func.trim(sa.case((sa.func.substr(unsigned, un, 1) == "%", sa.func.substr(unsigned, 1, un - 1)), else_=unsigned))
    dotted = sa.func.replace(bare, ",", ".")
    digits = sa.func.replace(dotted, ".", "")
    marked = sa.or_(sa.func.substr(t, 1, 1).in_(["+", "-"]), sa.func.substr(t, n, 1) == "%", dotted.like("%.%"))
    return sa.and_(n >= 2, marked, sa.func.length(dotted) - sa.func.length(digits) <= 1, sa.func.length(digits) >= 1,
                   _digits(digits, dialect), sa.func.substr(dotted, 1, 1) != ".")


def classify(ctx: CheckContext, t: TableInfo, markers: list[str], policy: dict[str, Any]) -> CellColumns:
    """Counts, dimensions and measures of ``t``, with the reason of each."""
    out = CellColumns()
    declared_counts = _declared(policy.get("counts"), t.name)
    declared_dims = _declared(policy.get("dimensions"), t.name)
    for key, names in (("counts", declared_counts), ("dimensions", declared_dims)):
        missing = [n for n in names or [] if n not in t.columns]
        if missing:
            raise PolicyError(f"La politique ([checks.nominative] {key}) cite la colonne « {missing[0]} », absente de la table "
                              f"« {t.name} » : corrigez ce nom ou retirez-le.")
    tab = ctx.table(t)
    cols = [c for c in t.columns.values() if c.name not in t.primary_key and c.kind not in LINK_KINDS]
    if declared_counts is not None:
        out.from_policy = True
        for c in cols:
            if c.name in declared_counts:
                out.counts.append(c.name)
                out.reasons[c.name] = "effectif déclaré dans la politique"
            elif declared_dims is None or c.name in declared_dims:
                out.dims.append(c.name)
                out.reasons[c.name] = "dimension déclarée dans la politique" if declared_dims else "non déclarée comme effectif"
            else:
                out.measures.append(c.name)
        _uniqueness(ctx, t, out)
        return out
    year = ctx.as_of.year
    totals = [str(x) for x in (policy.get("total_labels") or [])]
    labels = [tab.c[c.name] for c in cols if not is_numeric_type(c.sql_type)]
    parts: list[sa.ColumnElement[Any]] = []
    for i, c in enumerate(cols):
        col = tab.c[c.name]
        numeric = is_numeric_type(c.sql_type)
        v = as_int(col, ctx.dialect, c.sql_type)
        whole = sa.and_(col.is_not(None), sa.cast(col, sa.Float) == sa.cast(v, sa.Float)) if numeric else v.is_not(None)
        filled_ = sa.and_(col.is_not(None), sa.func.trim(sa.cast(col, sa.Text)) != "")
        lead0 = sa.and_(sa.func.substr(text_of(col), 1, 1) == "0", sa.func.length(text_of(col)) >= 2, _digits(col, ctx.dialect))
        spaced = sa.and_(_digits(col, ctx.dialect, spaced=True), sa.func.trim(_spaces(col)).like("% %"))
        parts += [
            sa.func.sum(sa.case((filled_, 1), else_=0)).label(f"n{i}"),
            sa.func.sum(sa.case((whole, 1), else_=0)).label(f"w{i}"),
            sa.func.sum(sa.case((sa.and_(filled_, sa.not_(whole), suppressed(col, markers)), 1), else_=0)).label(f"m{i}"),
            sa.func.sum(sa.case((spaced, 1), else_=0)).label(f"s{i}"),
            sa.func.sum(sa.case((lead0, 1), else_=0)).label(f"z{i}"),
            sa.func.sum(sa.case((sa.and_(filled_, sa.not_(whole), _decimal_text(col, ctx.dialect)), 1), else_=0)).label(f"p{i}"),
            sa.func.min(sa.case((whole, v), else_=sa.null())).label(f"lo{i}"),
            sa.func.max(sa.case((whole, v), else_=sa.null())).label(f"hi{i}"),
            sa.func.count(sa.distinct(col)).label(f"d{i}"),
        ]
    if not parts:
        return out
    row = ctx.rows(sa.select(*parts).select_from(tab))[0]._mapping
    for i, c in enumerate(cols):
        n, w, m, s, z, p = (int(row[f"{k}{i}"] or 0) for k in "nwmszp")
        lo, hi, d = row[f"lo{i}"], row[f"hi{i}"], int(row[f"d{i}"] or 0)
        toks = _toks(c.name)
        kind, why = _decide(ctx, t, tab, c, toks, n, w, m, s, z, lo, hi, d, year, p)
        if kind == "dim" and why.startswith("le nom ") and w >= 0.9 * n and lo is not None and int(lo) >= 0:
            label = _adds_up(ctx, tab, c, [x for x in labels if x.name != c.name], totals)
            if label:
                kind, why = "count", (f"le nom « {c.name} » évoque un code, un territoire ou une période, mais ses valeurs "
                                      f"s'additionnent : la ligne « {label} » est la somme des autres lignes ; un effectif")
        if declared_dims is not None and c.name in declared_dims:
            kind, why = "dim", "dimension déclarée dans la politique"
        {"count": out.counts, "dim": out.dims, "measure": out.measures}[kind].append(c.name)
        out.reasons[c.name] = why
    _uniqueness(ctx, t, out)
    return out


def _adds_up(ctx: CheckContext, tab: sa.TableClause, c: Any, labels: list[sa.ColumnElement[Any]], totals: list[str]) -> str | None:
    """The total label when the rows labelled as totals (« Total », « Ensemble ») hold, in column ``c``, the sum of the
    other rows: counts add up, codes and years do not. None when no such row or the sums differ."""
    if not labels or not totals:
        return None
    folded = [norm(x) for x in totals]
    v = as_int(tab.c[c.name], ctx.dialect, c.sql_type)
    flags = [sa.func.replace(text_of(lab), "_", " ").in_(folded) for lab in labels]
    parts = []
    for is_total in flags:  # one scan for every label column: rows labelled total, their sum, the others' sum
        parts += [sa.func.sum(sa.case((is_total, 1), else_=0)), sa.func.sum(sa.case((is_total, v), else_=0)),
                  sa.func.sum(sa.case((is_total, 0), else_=v))]
    row = ctx.rows(sa.select(*parts).select_from(tab))[0]
    for i, (lab, is_total) in enumerate(zip(labels, flags)):
        k, tot, rest = (int(x or 0) for x in row[3 * i : 3 * i + 3])
        if k and rest > 0 and tot == rest:
            label = ctx.rows(sa.select(lab).select_from(tab).where(is_total).limit(1))[0][0]
            return str(label).strip()
    return None


def _declared(value: Any, table: str) -> list[str] | None:
    if not isinstance(value, dict):
        return None
    for k, v in value.items():
        if str(k).lower() == table.lower():
            return [str(x) for x in v]
    return None


def _decide(ctx: CheckContext, t: TableInfo, tab: sa.TableClause, c: Any, toks: set[str], n: int, w: int, m: int, s: int,
            z: int, lo: Any, hi: Any, d: int, year: int, p: int = 0) -> tuple[str, str]:
    if not n:
        return "dim", "colonne vide"
    masked = f" ; {m} case(s) masquée(s) (« s », « < 5 », « n.d. »…) reconnues comme telles, déjà protégées" if m else ""
    name_count = bool(toks & COUNT_WORDS) or c.kind == "count"
    # « 2023 », « nb_2023 », « annee_2023 »: one column per year, the year is in the name, not in the values
    year_in_name = any(x.isdigit() and len(x) == 4 and year - 60 <= int(x) <= year + 5 for x in toks)
    numericish = w + m + s
    if numericish < 0.9 * n:
        if p and numericish + p >= 0.9 * n and not is_numeric_type(c.sql_type):
            return "measure", (f"{p} valeur(s) sur {n} écrite(s) en texte comme des décimaux, des pourcentages ou des écarts "
                               f"signés (« 4,2 », « 45 % », « 12.5% », « +3,1 % ») : une mesure (taux, part, évolution), "
                               f"pas un effectif{masked}")
        if is_numeric_type(c.sql_type):
            return "measure", f"{n - w} valeur(s) décimale(s) sur {n} : une mesure (taux, moyenne, montant), pas un effectif"
        return "dim", f"libellés ({d} valeur(s) distincte(s)) : une dimension"
    if w and lo is not None and year - 40 <= int(lo) and int(hi) <= year + 2 and not name_count:
        return "dim", f"toutes les valeurs entre {lo} et {hi} : des années, une dimension"
    if z:
        return "dim", f"{z} valeur(s) écrite(s) avec un zéro initial (« 01 ») : un code, une dimension"
    if toks & MEASURE_WORDS and not toks & STRONG_COUNT:
        return "measure", f"le nom « {c.name} » dit un taux, une part, une moyenne, une durée ou un montant"
    if w and lo is not None and int(lo) < 0:
        return "measure", "des valeurs négatives : une évolution ou un écart, pas un effectif"
    if not name_count and not year_in_name and toks & (YEAR_WORDS | PERIOD_WORDS | CODE_WORDS):
        return "dim", f"le nom « {c.name} » dit un code, un territoire ou une période : une dimension"
    if not name_count and w >= 6 and d >= 2:
        v = as_int(tab.c[c.name], ctx.dialect, c.sql_type)
        g = sa.select(sa.func.count().label("k")).select_from(tab).where(v.is_not(None)).group_by(v).subquery()
        kmin, kmax = ctx.rows(sa.select(sa.func.min(g.c.k), sa.func.max(g.c.k)))[0]
        if kmin and kmin == kmax and int(kmin) >= 2:
            return "dim", f"chacune des {d} valeurs revient exactement {kmin} fois : les modalités d'une dimension, pas des effectifs"
        if d == w and hi is not None and lo is not None and int(hi) - int(lo) + 1 == w:
            return "dim", "valeurs consécutives toutes distinctes : un numéro de ligne"
    words = "le nom le dit et " if name_count else ""
    if band_label(c.name) and "plus" in toks:
        words += f"« {c.name} » nomme une tranche (pas un maximum) et "
    extra = f", {m} case(s) masquée(s) (« s », « < 5 »…) reconnues comme telles, déjà protégées" if m else ""
    return "count", f"{words}{w} entier(s) positif(s) sur {n}{extra} : un effectif"


def _uniqueness(ctx: CheckContext, t: TableInfo, out: CellColumns) -> None:
    """Whether each row is one combination of the dimensions (what a table of cells is)."""
    if not out.dims or not out.counts:
        return
    tab = ctx.table(t)
    g = sa.select(*[tab.c[d] for d in out.dims]).group_by(*[tab.c[d] for d in out.dims]).subquery()
    groups = int(ctx.scalar(sa.select(sa.func.count()).select_from(g)) or 0)
    out.dims_unique = groups >= 0.95 * (t.rows or 0)
