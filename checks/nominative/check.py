"""Nominative check: statistics that are truly anonymous, or proof that they are not.

For every table meant for statistics (role ``statistics`` in the catalog: by
name, by shape or by policy) the check applies the three tests of the WP29
opinion on anonymisation:

- singling out: direct identifiers (``direct_identifier_in_statistics``), rows
  isolated by their quasi-identifiers (``k_anonymity``), small cells of an
  aggregated table (``small_cells``) and suppressed cells that totals give
  back (``secondary_disclosure``);
- linkability: pseudonyms that join back to a person (``linkable_pseudonym``);
- inference: groups whose members all share the same sensitive value
  (``l_diversity``).

It also reports NIR numbers kept without need (``nir_stored``,
``nir_single_contact``). Every figure is counted over the whole table by the
source engine (GROUP BY, COUNT, HAVING); the only sampled figure (how a hash
was made) says so. No value from the data enters a finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.catalog import DIRECT_IDENTIFIER_KINDS, QUASI_IDENTIFIER_KINDS, SENSITIVE_KINDS, ColumnInfo, TableInfo
from auditor.catalog.names import normalise
from auditor.check import RuleBook
from auditor.context import CheckContext
from auditor.errors import PolicyError
from auditor.findings import Evidence, Finding, Severity
from auditor.sqlutil import norm
from checks.nominative import cells as cellcols
from checks.nominative import hashes
from checks.nominative.sqlparts import (
    GroupSizes,
    as_int,
    filled,
    group_sizes,
    homogeneous_groups,
    suppressed,
    text_of,
)

BOOK = RuleBook(Path(__file__).parent)
CRITICAL_KINDS = {"nir", "iban"}
KEY_KINDS = ("birth_year", "age_band", "sex", "postal_code", "city", "unit_ref")
PUBLISHED_WORDS = {"diffuse", "diffusion", "publie", "publiee", "masque", "secret", "arrondi", "public"}
MAX_WORDS = {"max", "maximum", "plus", "principal", "premier", "dominant"}
SUM_WORDS = {"total", "somme", "montant", "ca", "chiffre"}
AMOUNT_WORDS = {"somme", "montant", "ca", "chiffre", "euros", "eur", "cout", "depense", "depenses"}


# ---------------------------------------------------------------- helpers
def options(ctx: CheckContext) -> dict[str, Any]:
    """The check's options: rules.toml [options] overridden by the policy's [checks.nominative]."""
    out = dict(BOOK.info.options)
    out.update(ctx.options)
    return out


def _pct(a: int, b: int | None) -> str:
    return f"{a / b:.1%}".replace(".", ",") if b else "—"


def _labels(cols: list[ColumnInfo]) -> str:
    return ", ".join(f"{c.name} ({c.label})" for c in cols)


CELL_LIST = 12  # cells named by their labels in a cross-table finding


def _crosstab(ctx: CheckContext, t: TableInfo) -> dict[str, Any] | None:
    """How a cross-table read from a workbook was unpivoted (row labels, column label, value), or None."""
    meta = (getattr(ctx.source, "table_meta", None) or {}).get(t.name) or {}
    ct = meta.get("crosstab")
    if ct and all(n in t.columns for n in [*ct["rows"], ct["columns"], ct["value"]]):
        return ct
    return None


def _cell_label(ctx: CheckContext, t: TableInfo, ct: dict[str, Any], values: Any) -> str:
    """A cell of a cross-table named by its row and column labels, never by its count.

    Labels are categories (territory, year, age band); a label column that the
    catalog takes for an identifier (names as row labels) is redacted.
    """
    out = []
    for name, v in zip([*ct["rows"], ct["columns"]], values):
        col = t.columns.get(name)
        text = "(vide)" if v is None else str(v)
        if col is not None and (col.kind in DIRECT_IDENTIFIER_KINDS or col.kind in ("person_ref", "hashed_id", "case_ref")):
            text = ctx.redact(text)
            if text == str(v):
                text = "[valeur masquée]"
        out.append(f"« {text} »")
    return " × ".join(out)


# tables of settings and reference values: a key and a number per row, not cells of persons
SETTINGS_WORDS = {"param", "params", "parametre", "parametres", "parameter", "parameters", "config", "configuration", "setting",
                  "settings", "reglage", "reglages", "bareme", "baremes", "nomenclature", "referentiel", "lookup", "seuil",
                  "seuils", "version", "versions", "migration", "migrations", "sequence", "sequences", "compteur", "compteurs"}
NOT_CELL_KINDS = {*DIRECT_IDENTIFIER_KINDS, "person_ref", "hashed_id", "case_ref", "free_text", "judgement_field", "date",
                  "birth_date", "person_name", "first_name", "password", "login", "staff_ref"}


def _statistics(ctx: CheckContext) -> list[TableInfo]:
    """Statistics tables: by the catalog's role, and tables of counts that their name did not say (« suivi_orientation »)."""
    if "statistics_tables" in ctx.facts:
        return ctx.facts["statistics_tables"]
    out = [t for t in ctx.catalog.by_role("statistics") if not t.error and t.rows]
    declared = {str(k).lower() for k in (options(ctx).get("counts") or {})}
    known = {n.lower() for n in [*ctx.catalog.tables, *ctx.catalog.views]}
    for key in ("counts", "dimensions"):
        for name in options(ctx).get(key) or {}:
            if str(name).lower() not in known:
                raise PolicyError(f"La politique ([checks.nominative] {key}) cite la table « {name} », absente de la source : "
                                  "corrigez ce nom ou retirez-le.")
    for t in ctx.catalog.by_role("other", "case_file"):
        if t.error or not t.rows or len(t.columns) < 2:
            continue
        if t.name.lower() not in declared and ({c.kind for c in t.columns.values()} & NOT_CELL_KINDS
                                               or set(normalise(t.bare)) & SETTINGS_WORDS or t.rows < 4):
            continue
        cc = _cells(ctx, t)
        if cc.counts and (cc.from_policy or (cc.dims and cc.dims_unique)):
            ctx.facts.setdefault("shape_tables", set()).add(t.name)
            out.append(t)
    ctx.facts["statistics_tables"] = out
    return out


def _cells(ctx: CheckContext, t: TableInfo) -> cellcols.CellColumns:
    """Counts, dimensions and measures of ``t`` (by values and names, or as the policy declares them), once per run."""
    cache = ctx.facts.setdefault("cells", {})
    if t.name not in cache:
        cache[t.name] = cellcols.classify(ctx, t, _markers(ctx), {"counts": options(ctx).get("counts") or {},
                                                                  "dimensions": options(ctx).get("dimensions") or {},
                                                                  "total_labels": options(ctx).get("total_labels") or []})
    return cache[t.name]


def _shape(ctx: CheckContext, t: TableInfo) -> str:
    """'aggregated' or 'microdata': the catalog's shape, or a table of cells that the values show."""
    shape = t.stat_shape
    if not shape:
        from auditor.catalog.classify import statistics_shape

        shape = statistics_shape(t)[0]
    if shape == "aggregated" or t.columns_of(*DIRECT_IDENTIFIER_KINDS, "person_ref", "hashed_id", "case_ref"):
        return shape
    declared = {str(k).lower() for k in (options(ctx).get("counts") or {})}
    if t.name.lower() not in declared and t.columns_of("birth_year", "birth_date"):
        return shape  # a year of birth is what a row about one person carries, not a dimension of published cells
    cc = _cells(ctx, t)
    if cc.counts and (cc.from_policy or (cc.dims and cc.dims_unique)):
        return "aggregated"
    return shape


def _cells_evidence(ctx: CheckContext, t: TableInfo, c: ColumnInfo) -> Evidence:
    """One line: the count and dimension columns taken, why this one is a count, and how the table was read."""
    cc = _cells(ctx, t)
    text = f"{cc.summary()} ; « {c.name} » : {cc.reasons.get(c.name, '')}"
    if t.name in ctx.facts.get("shape_tables", set()):
        text += (f" ; table rangée « {t.label} » par son nom, lue comme un tableau d'effectifs (chaque ligne est une "
                 "combinaison distincte des dimensions, sans identifiant ni texte)")
    if not cc.from_policy:
        text += " ; à corriger au besoin dans la politique ([checks.nominative] counts, dimensions)"
    return Evidence(record=None, excerpt=text)


def _cells_details(ctx: CheckContext, t: TableInfo) -> dict[str, Any]:
    cc = _cells(ctx, t)
    return {"count_columns": cc.counts, "dimension_columns": cc.dims, "measure_columns": cc.measures,
            "columns_from_policy": cc.from_policy, "column_reasons": cc.reasons}


def quasi_identifiers(ctx: CheckContext, t: TableInfo) -> list[ColumnInfo]:
    """Quasi-identifier columns of ``t``: from the policy, else by kind (year included by option)."""
    chosen = (options(ctx).get("quasi_identifiers") or {}).get(t.name)
    if chosen:
        return [t.columns[c] for c in chosen if c in t.columns]
    kinds = set(QUASI_IDENTIFIER_KINDS)
    if options(ctx).get("year_is_quasi_identifier", True):
        kinds.add("year")
    return [c for c in t.columns.values() if c.kind in kinds]


def sensitive_columns(ctx: CheckContext, t: TableInfo) -> list[ColumnInfo]:
    """Sensitive attributes of ``t`` for l-diversity: from the policy, else by kind."""
    chosen = (options(ctx).get("sensitive") or {}).get(t.name)
    if chosen:
        return [t.columns[c] for c in chosen if c in t.columns]
    return [c for c in t.columns.values() if c.kind in SENSITIVE_KINDS]


def _markers(ctx: CheckContext) -> list[str]:
    return [str(m) for m in options(ctx).get("suppression_markers", [])]


def _qi_markers(ctx: CheckContext) -> list[str]:
    return [str(m).lower() for m in options(ctx).get("suppression_markers_qi", [])]


def _qi_suppressed(ctx: CheckContext, col: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    return sa.func.coalesce(text_of(col).in_(_qi_markers(ctx)), False)


def _not_suppressed(ctx: CheckContext, tab: sa.TableClause, cols: list[ColumnInfo]) -> sa.ColumnElement[bool] | None:
    conds = [sa.not_(_qi_suppressed(ctx, tab.c[c.name])) for c in cols]
    return sa.and_(*conds) if conds else None


def _suppressed_rows(ctx: CheckContext, tab: sa.TableClause, cols: list[ColumnInfo]) -> int:
    if not cols:
        return 0
    cond = sa.or_(*[_qi_suppressed(ctx, tab.c[c.name]) for c in cols])
    return int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(cond)) or 0)


def kanon(ctx: CheckContext, t: TableInfo, qis: list[ColumnInfo]) -> dict[str, Any]:
    """k-anonymity figures of ``t`` over ``qis`` (all QIs, the minimal key, and each QI left out)."""
    k = int(ctx.threshold("k_anonymity"))
    tab = ctx.table(t)
    where = _not_suppressed(ctx, tab, qis)
    full = group_sizes(ctx.rows, tab, [tab.c[c.name] for c in qis], where)
    out: dict[str, Any] = {
        "k": k,
        "quasi_identifiers": [c.name for c in qis],
        "rows": full.rows,
        "groups": full.groups,
        "rows_below_k": full.rows_below(k),
        "groups_below_k": full.groups_below(k),
        "unique_rows": full.hist.get(1, 0),
        # the k the table actually reaches: the size of its smallest group (``k`` is the threshold)
        "smallest_group": min(full.hist) if full.hist else 0,
        "group_size_histogram": {str(s): n for s, n in sorted(full.hist.items()) if s < k},
        "rows_by_group_size": full.bands(k),
        "risks": full.risks(k),
        "suppressed_rows_excluded": _suppressed_rows(ctx, tab, qis),
    }
    key = [c for c in qis if c.kind in KEY_KINDS]
    if key and len(key) < len(qis):
        ks = group_sizes(ctx.rows, tab, [tab.c[c.name] for c in key], where)
        out["minimal_key"] = {"columns": [c.name for c in key], "rows_below_k": ks.rows_below(k),
                              "unique_rows": ks.hist.get(1, 0), "groups": ks.groups}
    if len(qis) >= 2:
        drops = {}
        for c in qis:
            rest = [q for q in qis if q is not c]
            gs = group_sizes(ctx.rows, tab, [tab.c[q.name] for q in rest], where)
            drops[c.name] = gs.rows_below(k)
        out["rows_below_k_without"] = drops
    return out


def _risk_lines(fig: dict[str, Any], k: int) -> list[str]:
    r = fig["risks"]
    return [
        f"Taille des groupes (lignes) : {', '.join(f'{b} : {n}' for b, n in fig['rows_by_group_size'].items())}",
        (f"Risques de réidentification (modèle du procureur) : lignes à risque (groupe < {k}) {r['records_at_risk']:.1%}, "
         f"risque maximal {r['highest_risk']:.0%}, risque moyen {r['average_risk']:.1%}").replace(".", ","),
    ]


# ---------------------------------------------------------------- rule 1
@BOOK.rule("nominative.direct_identifier_in_statistics")
def direct_identifier_in_statistics(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per direct-identifier column of a statistics table, counted over the whole table."""
    for t in _statistics(ctx):
        cols = t.columns_of(*DIRECT_IDENTIFIER_KINDS)
        if not cols:
            continue
        tab = ctx.table(t)
        stmt = sa.select(*[sa.func.sum(sa.case((filled(tab.c[c.name]), 1), else_=0)).label(f"f{i}") for i, c in enumerate(cols)],
                         *[sa.func.count(sa.distinct(tab.c[c.name])).label(f"d{i}") for i, c in enumerate(cols)])
        row = ctx.rows(stmt)[0]
        qis = [c for c in quasi_identifiers(ctx, t) if c.kind not in DIRECT_IDENTIFIER_KINDS]
        fig = kanon(ctx, t, qis) if qis else None
        for i, c in enumerate(cols):
            n, distinct = int(row[i] or 0), int(row[len(cols) + i] or 0)
            if n == 0:
                continue
            evidence = [Evidence(record=None, excerpt=f"{c.name} : {c.label} renseigné sur {n} ligne(s) sur {t.rows} ({distinct} valeur(s) distincte(s)) ; {c.reason}")]
            details: dict[str, Any] = {"kind": c.kind, "kind_label": c.label, "filled_rows": n, "distinct_values": distinct,
                                       "reason": c.reason, "table_reason": t.reason, "counted_on": "table entière"}
            linked = _linked_to_persons(ctx, t, c)
            if linked is not None:
                details["rows_linked_to"] = linked
                evidence.append(Evidence(record=None, excerpt=f"{linked[1]} ligne(s) retrouvent une personne de « {linked[0]} » par « {c.name} »"))
            if fig is not None:
                details["k_anonymity_without_identifiers"] = fig
                evidence.append(Evidence(record=None, excerpt=(
                    f"Même sans les identifiants directs, {fig['rows_below_k']} ligne(s) sur {fig['rows']} restent dans un groupe "
                    f"de moins de {fig['k']} ({', '.join(fig['quasi_identifiers'])}) dont {fig['unique_rows']} unique(s)")))
            yield BOOK.finding(
                ctx,
                "nominative.direct_identifier_in_statistics",
                table=t.name,
                column=c.name,
                subject=c.kind,
                title=f"La table de statistiques « {t.name} » contient une colonne de type {c.label} (« {c.name} ») renseignée sur {n} ligne(s)",
                affected=n,
                total=t.rows,
                severity=Severity.CRITICAL if c.kind in CRITICAL_KINDS else None,
                evidence=evidence,
                details=details,
            )


def _linked_to_persons(ctx: CheckContext, t: TableInfo, c: ColumnInfo) -> tuple[str, int] | None:
    """(persons table, rows of ``t`` whose ``c`` value is found in that table's same-kind column or key)."""
    target = ctx.catalog.tables.get(c.target) if c.target else None
    candidates = [target] if target is not None and target.role == "persons" else ctx.catalog.by_role("persons")
    for p in candidates:
        if p is None or p.name == t.name or p.error:
            continue
        same = p.first(c.kind) if c.kind in ("employee_number", "nir", "caf_number", "email", "iban", "phone") else None
        col = same or (p.columns.get(c.name) if c.target == p.name else None)
        if col is None:
            continue
        tab, ptab = ctx.table(t), ctx.table(p)
        sub = sa.select(text_of(ptab.c[col.name])).where(filled(ptab.c[col.name]))
        n = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(text_of(tab.c[c.name]).in_(sub))) or 0)
        if n:
            return p.name, n
    return None


# ---------------------------------------------------------------- rule 2
@BOOK.rule("nominative.linkable_pseudonym")
def linkable_pseudonym(ctx: CheckContext) -> Iterator[Finding]:
    """Columns of a statistics table that join back to a person: references to person keys, unkeyed hashes."""
    opts = options(ctx)
    for t in _statistics(ctx):
        tab = ctx.table(t)
        for c in t.columns.values():
            if c.name in t.primary_key:
                continue
            if c.kind in ("person_ref", "case_ref"):
                yield from _reference_finding(ctx, t, tab, c)
            elif c.kind == "hashed_id":
                yield from _hash_finding(ctx, t, tab, c, opts)


def _reference_finding(ctx: CheckContext, t: TableInfo, tab: sa.TableClause, c: ColumnInfo) -> Iterator[Finding]:
    target = ctx.catalog.tables.get(c.target or "")
    if target is None or len(target.primary_key) != 1 or target.error:
        return
    ptab = ctx.table(target)
    key = ptab.c[target.primary_key[0]]
    sub = sa.select(sa.cast(key, sa.Text))
    n = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(sa.cast(tab.c[c.name], sa.Text).in_(sub))) or 0)
    if not n:
        return
    distinct = int(ctx.scalar(sa.select(sa.func.count(sa.distinct(tab.c[c.name]))).select_from(tab)) or 0)
    yield BOOK.finding(
        ctx,
        "nominative.linkable_pseudonym",
        table=t.name,
        column=c.name,
        subject="reference",
        title=f"« {t.name}.{c.name} » renvoie à la clé de « {target.name} » : {n} ligne(s) sur {t.rows} se rattachent à un dossier nominatif",
        affected=n,
        total=t.rows,
        evidence=[Evidence(record=None, excerpt=f"{n} ligne(s) dont « {c.name} » est une clé de « {target.name} » ({distinct} valeur(s) distincte(s)) ; {c.reason}")],
        details={"how": "reference", "target": target.name, "rows_linked": n, "distinct_values": distinct, "counted_on": "table entière"},
    )


def _persons_sources(ctx: CheckContext, limit_cols: int = 8) -> list[tuple[TableInfo, ColumnInfo]]:
    out: list[tuple[TableInfo, ColumnInfo]] = []
    for p in ctx.catalog.by_role("persons", "staff"):
        if p.error:
            continue
        cols = [p.columns[k] for k in p.primary_key if k in p.columns]
        cols += p.columns_of("nir", "employee_number", "caf_number", "email", "phone", "login")
        seen: set[str] = set()
        for c in cols:
            if c.name not in seen:
                seen.add(c.name)
                out.append((p, c))
    return out[: limit_cols * 4]


def _hash_finding(ctx: CheckContext, t: TableInfo, tab: sa.TableClause, c: ColumnInfo, opts: dict[str, Any]) -> Iterator[Finding]:
    n_sample = int(opts.get("hash_sample", 2000))
    filled_rows = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(filled(tab.c[c.name]))) or 0)
    if not filled_rows:
        return
    sampled: set[str] = set()
    for chunk in ctx.stream(sa.select(text_of(tab.c[c.name])).where(filled(tab.c[c.name])).limit(n_sample), 1000):
        sampled.update(str(r[0]) for r in chunk)
    scan_limit = int(opts.get("hash_scan_limit", 200000))
    sources = []
    tried: list[str] = []
    for p, col in _persons_sources(ctx):
        ptab = ctx.table(p)
        stmt = sa.select(ptab.c[col.name]).where(ptab.c[col.name].is_not(None)).limit(scan_limit)
        tried.append(f"{p.name}.{col.name}")
        sources.append((p.name, col.name, ([r[0] for r in chunk] for chunk in ctx.stream(stmt, 5000))))
    match = hashes.identify(sampled, sources, [str(a) for a in opts.get("hash_algorithms", [])])
    algo_lengths = sorted({len(h) for h in sampled})
    if match is None:
        yield BOOK.finding(
            ctx,
            "nominative.linkable_pseudonym",
            table=t.name,
            column=c.name,
            subject="hash_unknown",
            severity=Severity.MEDIUM,
            title=f"« {t.name}.{c.name} » est un pseudonyme : les {filled_rows} ligne(s) restent des données personnelles",
            affected=filled_rows,
            total=t.rows,
            why=("Une empreinte qui désigne toujours la même personne permet de suivre une personne d'une ligne ou d'une année à l'autre "
                 "et de la rattacher à son dossier par quiconque détient la clé ou la table de correspondance : les données sont pseudonymes, pas anonymes."),
            evidence=[Evidence(record=None, excerpt=(
                f"Empreintes de {', '.join(str(x) for x in algo_lengths)} caractères ; sur un échantillon de {len(sampled)} valeur(s), "
                "aucune ne correspond au hachage sans clé d'un identifiant de la base (hachage salé ou calculé ailleurs)")),
                Evidence(record=None, excerpt=(f"Identifiants essayés (au plus {scan_limit} valeurs chacun) : {', '.join(tried) or 'aucun'}"))],
            details={"how": "hash", "matched": False, "filled_rows": filled_rows, "sample_size": len(sampled), "tried": tried,
                     "scan_limit": scan_limit,
                     "counted_on": f"échantillon de {len(sampled)} valeur(s) pour la recherche de l'origine"},
        )
        return
    person = ctx.catalog.tables[match.table]
    exact = hashes.count_linked(ctx.engine, tab, c.name, ctx.table(person), match)
    if exact is None:
        affected = round(filled_rows * match.matched / max(1, match.sampled))
        counted = f"estimation sur un échantillon de {match.sampled} valeur(s) (le moteur ne sait pas calculer {hashes.ALGO_LABEL[match.algo]})"
    else:
        affected = exact
        counted = "table entière"
    label = hashes.ALGO_LABEL[match.algo]
    src = person.columns[match.column]
    yield BOOK.finding(
        ctx,
        "nominative.linkable_pseudonym",
        table=t.name,
        column=c.name,
        subject="hash_unkeyed",
        severity=Severity.CRITICAL if src.kind in ("nir",) else None,
        title=(f"« {t.name}.{c.name} » est le {label} sans clé de « {person.name}.{match.column} » : "
               f"{affected} ligne(s) sur {t.rows} se rattachent à leur personne"),
        affected=affected,
        total=t.rows,
        evidence=[
            Evidence(record=None, excerpt=(f"Sur un échantillon de {match.sampled} empreinte(s), {match.matched} sont le {label} de "
                                           f"« {person.name}.{match.column} » ({src.label}) écrit {match.spelling}")),
            Evidence(record=None, excerpt=f"Compté sur {'la table entière' if exact is not None else 'un échantillon'} : {affected} ligne(s) rattachables"),
        ],
        details={"how": "hash", "matched": True, "algorithm": label, "source_table": person.name, "source_column": match.column,
                 "source_kind": src.kind, "spelling": match.spelling, "sample_size": match.sampled, "sample_matched": match.matched,
                 "rows_linked": affected, "counted_on": counted},
    )


# ---------------------------------------------------------------- rules 3 and 4
def _microdata(ctx: CheckContext) -> Iterator[tuple[TableInfo, list[ColumnInfo]]]:
    for t in _statistics(ctx):
        if _shape(ctx, t) != "microdata" or t.columns_of(*DIRECT_IDENTIFIER_KINDS):
            continue
        qis = quasi_identifiers(ctx, t)
        if qis:
            yield t, qis


@BOOK.rule("nominative.k_anonymity")
def k_anonymity(ctx: CheckContext) -> Iterator[Finding]:
    """Row-level statistics: rows whose quasi-identifier combination is shared by fewer than k rows."""
    for t, qis in _microdata(ctx):
        fig = kanon(ctx, t, qis)
        k = fig["k"]
        ctx.facts.setdefault("kanon", {})[t.name] = fig
        if not fig["rows_below_k"]:
            continue
        ev = [Evidence(record=None, excerpt=(f"{fig['rows_below_k']} ligne(s) sur {fig['rows']} dans un groupe de moins de {k} "
                                             f"({fig['groups_below_k']} groupe(s)) ; {fig['unique_rows']} ligne(s) seule(s) dans leur groupe"))]
        mk = fig.get("minimal_key")
        if mk:
            ev.append(Evidence(record=None, excerpt=(f"Rien qu'avec ({', '.join(mk['columns'])}) : {mk['rows_below_k']} ligne(s) dans un groupe de moins de {k}, "
                                                     f"{mk['unique_rows']} unique(s)")))
        ev.extend(Evidence(record=None, excerpt=line) for line in _risk_lines(fig, k))
        drops = fig.get("rows_below_k_without") or {}
        if drops:
            best = min(drops, key=lambda name: (drops[name], name))
            ev.append(Evidence(record=None, excerpt=f"Sans « {best} », il resterait {drops[best]} ligne(s) dans un groupe de moins de {k}"))
        if fig["suppressed_rows_excluded"]:
            ev.append(Evidence(record=None, excerpt=f"{fig['suppressed_rows_excluded']} ligne(s) dont un quasi-identifiant est déjà masqué ne sont pas comptées comme une catégorie"))
        yield BOOK.finding(
            ctx,
            "nominative.k_anonymity",
            table=t.name,
            column=None,
            title=(f"« {t.name} » : {fig['rows_below_k']} ligne(s) sur {fig['rows']} ({_pct(fig['rows_below_k'], fig['rows'])}) "
                   f"dans un groupe de moins de {k} sur {', '.join(fig['quasi_identifiers'])}"),
            affected=fig["rows_below_k"],
            total=fig["rows"],
            severity=None if fig["unique_rows"] else Severity.MEDIUM,
            evidence=ev,
            details={**fig, "counted_on": "table entière (GROUP BY dans la base)"},
        )


@BOOK.rule("nominative.l_diversity")
def l_diversity(ctx: CheckContext) -> Iterator[Finding]:
    """Row-level statistics: k-anonymous groups whose sensitive attribute takes fewer than l values."""
    l_min = int(options(ctx).get("l_diversity", 2))
    k = int(ctx.threshold("k_anonymity"))
    for t, qis in _microdata(ctx):
        tab = ctx.table(t)
        where = _not_suppressed(ctx, tab, qis)
        for s in sensitive_columns(ctx, t):
            if s in qis:
                continue
            groups, rows, bad, bad_rows = homogeneous_groups(ctx.rows, tab, [tab.c[c.name] for c in qis], tab.c[s.name], k, l_min, where)
            if not bad:
                continue
            yield BOOK.finding(
                ctx,
                "nominative.l_diversity",
                table=t.name,
                column=s.name,
                title=(f"« {t.name} » : {bad} groupe(s) d'au moins {k} lignes ({bad_rows} ligne(s)) où « {s.name} » prend moins de "
                       f"{l_min} valeur(s) : le motif de chacun s'en déduit"),
                affected=bad_rows,
                total=t.rows,
                evidence=[Evidence(record=None, excerpt=(f"{bad} groupe(s) homogène(s) sur {groups} groupe(s) d'au moins {k} lignes "
                                                         f"({bad_rows} ligne(s) sur {rows}) ; quasi-identifiants : {', '.join(c.name for c in qis)}"))],
                details={"l": l_min, "k": k, "sensitive": s.name, "quasi_identifiers": [c.name for c in qis], "k_groups": groups,
                         "k_rows": rows, "homogeneous_groups": bad, "homogeneous_rows": bad_rows, "counted_on": "table entière (GROUP BY dans la base)"},
            )


# ---------------------------------------------------------------- rules 5 and 6
def _count_columns(ctx: CheckContext, t: TableInfo) -> list[tuple[ColumnInfo, ColumnInfo | None]]:
    """(cell column, published twin or None): a raw count and the column published with suppressions."""
    counts = [t.columns[n] for n in _cells(ctx, t).counts]
    tab = ctx.table(t)
    marked: dict[str, int] = {}
    for c in counts:
        marked[c.name] = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(suppressed(tab.c[c.name], _markers(ctx)))) or 0)
    published = [c for c in counts if marked[c.name] or set(normalise(c.name)) & PUBLISHED_WORDS]
    raw = [c for c in counts if c not in published]
    pairs: list[tuple[ColumnInfo, ColumnInfo | None]] = []
    used: set[str] = set()
    for r in raw:
        twin = next((p for p in published if p.name not in used and set(normalise(r.name)) <= set(normalise(p.name))), None)
        if twin is not None:
            used.add(twin.name)
        pairs.append((r, twin))
    pairs.extend((p, None) for p in published if p.name not in used)
    return [(a, b) for a, b in pairs if not cellcols.max_word(a.name, MAX_WORDS | AMOUNT_WORDS)]


def _business(ctx: CheckContext, t: TableInfo, c: ColumnInfo) -> bool:
    words = {norm(w) for w in options(ctx).get("business_words", [])}
    if t.name in (options(ctx).get("business_tables") or []):
        return True
    return bool(words & set(normalise(c.name)))


def _dims(ctx: CheckContext, t: TableInfo, exclude: set[str]) -> list[ColumnInfo]:
    return [t.columns[n] for n in _cells(ctx, t).dims if n not in exclude and not cellcols.max_word(n, MAX_WORDS | SUM_WORDS)]


@BOOK.rule("nominative.small_cells")
def small_cells(ctx: CheckContext) -> Iterator[Finding]:
    """Aggregated tables: cells below the small-cell threshold (persons) or the business thresholds."""
    for t in _statistics(ctx):
        if _shape(ctx, t) != "aggregated":
            continue
        tab = ctx.table(t)
        for c, twin in _count_columns(ctx, t):
            business = _business(ctx, t, c)
            thr = int(ctx.threshold("small_cell_business" if business else "small_cell"))
            v = as_int(tab.c[c.name], ctx.dialect, c.sql_type)
            small = sa.and_(v >= 1, v < thr)
            stmt = sa.select(
                sa.func.count(),
                sa.func.count(v),
                sa.func.coalesce(sa.func.sum(sa.case((small, 1), else_=0)), 0),
                sa.func.coalesce(sa.func.sum(sa.case((small, v), else_=0)), 0),
                sa.func.coalesce(sa.func.sum(v), 0),
                sa.func.coalesce(sa.func.sum(sa.case((v == 0, 1), else_=0)), 0),
                sa.func.coalesce(sa.func.sum(sa.case((sa.and_(v >= 1, v < 5), 1), else_=0)), 0),
            ).select_from(tab)
            cells, numeric, n_small, persons_small, persons, zeros, below5 = (int(x or 0) for x in ctx.rows(stmt)[0])
            hist = {int(val): int(n) for val, n in ctx.rows(sa.select(v, sa.func.count()).select_from(tab).where(small).group_by(v).order_by(v))}
            supp_col = twin or c
            n_supp = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(
                sa.or_(suppressed(tab.c[supp_col.name], _markers(ctx)), tab.c[supp_col.name].is_(None)))) or 0)
            published_small = None
            if twin is not None:
                pv = as_int(tab.c[twin.name], ctx.dialect, twin.sql_type)
                published_small = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(sa.and_(pv >= 1, pv < thr))) or 0)
            dominance = _dominance(ctx, t, tab, small) if business else None
            ctx.facts.setdefault("small_cells", {})[t.name] = {"column": c.name, "small": n_small}
            if not n_small and not (dominance and dominance[0]):
                continue
            nonempty = max(1, numeric - zeros)
            risks = {"records_at_risk": round(persons_small / persons, 4) if persons else 0.0,
                     "highest_risk": round(1 / min(hist), 4) if hist else 0.0,
                     "average_risk": round(nonempty / persons, 4) if persons else 0.0}
            ev = [
                Evidence(record=None, excerpt=(f"{n_small} case(s) sur {numeric} entre 1 et {thr - 1} ({persons_small} personne(s) sur {persons}) ; "
                                               f"dont {below5} de moins de 5")),
                Evidence(record=None, excerpt="Cases par effectif : " + ", ".join(f"{val} : {n}" for val, n in hist.items())),
                Evidence(record=None, excerpt=(f"Risques : personnes dans une petite case {risks['records_at_risk']:.1%}, risque maximal "
                                               f"{risks['highest_risk']:.0%}, risque moyen {risks['average_risk']:.1%}").replace(".", ",")),
                Evidence(record=None, excerpt=f"{n_supp} case(s) déjà masquée(s) (« * », « <5 », « s », « secret » ou vide) reconnues comme telles et non comptées"),
            ]
            cell_labels: list[str] = []
            ct = _crosstab(ctx, t)
            if ct is not None and c.name == ct["value"] and n_small:
                dims = [tab.c[n] for n in [*ct["rows"], ct["columns"]]]
                cell_labels = [_cell_label(ctx, t, ct, r) for r in ctx.rows(sa.select(*dims).where(small).order_by(*dims).limit(CELL_LIST))]
                more = f" et {n_small - len(cell_labels)} autre(s)" if n_small > len(cell_labels) else ""
                ev.insert(0, Evidence(record=None, excerpt=(f"Petite(s) case(s) ({' × '.join([*ct['rows'], ct['columns']])}) : "
                                                            f"{', '.join(cell_labels)}{more}")))
            in_totals = _small_in_total_rows(ctx, t, tab, small) if n_small else 0
            i0 = next(i for i, e in enumerate(ev) if e.excerpt.startswith(f"{n_small} case(s) sur"))
            if in_totals:
                ev[i0] = Evidence(record=None, excerpt=f"{ev[i0].excerpt} ; dont {in_totals} dans des lignes de total (« Total », « Ensemble »…)")
            ev.insert(i0 + 1, _cells_evidence(ctx, t, c))
            if published_small is not None:
                ev.append(Evidence(record=None, excerpt=f"Dans la colonne diffusée « {twin.name} », {published_small} petite(s) case(s) ne sont pas masquées"))
            if dominance and dominance[0]:
                ev.append(Evidence(record=None, excerpt=f"{dominance[0]} case(s) où une seule unité pèse plus de {ctx.threshold('dominance'):.0%} du total"))
            rule_text = (f"moins de {thr} unités ou une unité à plus de {ctx.threshold('dominance'):.0%}" if business
                         else f"moins de {thr} personnes")
            yield BOOK.finding(
                ctx,
                "nominative.small_cells",
                table=t.name,
                column=c.name,
                subject="business" if business else "persons",
                title=f"« {t.name} » : {n_small} case(s) sur {numeric} ({_pct(n_small, numeric)}) portent sur {rule_text}",
                affected=dominance[3] if dominance else n_small,
                total=numeric,
                evidence=ev,
                details={"threshold": thr, "business": business, "cells": cells, "numeric_cells": numeric, "small_cells": n_small,
                         "small_cells_below_5": below5, "persons_in_small_cells": persons_small, "persons": persons,
                         "zero_cells": zeros, "cells_by_value": {str(k): n for k, n in hist.items()}, "suppressed_cells": n_supp,
                         "published_column": twin.name if twin else None, "published_small_cells": published_small,
                         "dominance_cells": dominance[0] if dominance else None, "risks": risks,
                         **({"cells": cell_labels} if cell_labels else {}), **_cells_details(ctx, t),
                         "small_cells_in_total_rows": in_totals,
                         "counted_on": "table entière (agrégats calculés dans la base)"},
            )


def _small_in_total_rows(ctx: CheckContext, t: TableInfo, tab: sa.TableClause, small: sa.ColumnElement[bool]) -> int:
    """Small cells on rows labelled as totals in one of the dimensions."""
    totals = [norm(x) for x in options(ctx).get("total_labels", [])]
    dims = _dims(ctx, t, set())
    if not dims:
        return 0
    is_total = sa.or_(*[sa.func.replace(text_of(tab.c[d.name]), "_", " ").in_(totals) for d in dims])
    return int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(sa.and_(small, is_total))) or 0)


def _dominance(ctx: CheckContext, t: TableInfo, tab: sa.TableClause, small: sa.ColumnElement[bool]) -> tuple[int, str, str, int] | None:
    """(cells where the largest contributor exceeds the dominance share, max column, total column, cells small or dominant).

    Needs a column of the largest contribution and a column of the cell total.
    """
    mx = next((c for c in t.columns.values() if cellcols.max_word(c.name, MAX_WORDS)), None)
    tot = next((c for c in t.columns.values() if c is not mx and set(normalise(c.name)) & SUM_WORDS), None)
    if mx is None or tot is None:
        return None
    share = float(ctx.threshold("dominance"))
    m, s = sa.cast(tab.c[mx.name], sa.Float), sa.cast(tab.c[tot.name], sa.Float)
    dominant = sa.and_(s > 0, m > s * share)
    n = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(dominant)) or 0)
    either = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(sa.or_(dominant, small))) or 0)
    return n, mx.name, tot.name, either


@BOOK.rule("nominative.secondary_disclosure")
def secondary_disclosure(ctx: CheckContext) -> Iterator[Finding]:
    """Suppressed cells given back by a published total, or by a raw count kept beside the published one."""
    markers = _markers(ctx)
    totals = [norm(x) for x in options(ctx).get("total_labels", [])]
    for t in _statistics(ctx):
        if _shape(ctx, t) != "aggregated":
            continue
        tab = ctx.table(t)
        for c, twin in _count_columns(ctx, t):
            pub = twin or c
            sup = suppressed(tab.c[pub.name], markers)
            n_supp = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(sup)) or 0)
            if not n_supp:
                continue
            if twin is not None:
                raw = as_int(tab.c[c.name], ctx.dialect, c.sql_type)
                n_raw = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(sa.and_(sup, raw.is_not(None)))) or 0)
                if n_raw:
                    yield BOOK.finding(
                        ctx, "nominative.secondary_disclosure", table=t.name, column=c.name, subject="raw_column",
                        title=f"« {t.name} » : {n_raw} case(s) masquée(s) dans « {twin.name} » restent lisibles dans « {c.name} »",
                        affected=n_raw, total=n_supp,
                        evidence=[Evidence(record=None, excerpt=f"{n_raw} case(s) sur {n_supp} masquée(s) dans « {twin.name} » ont leur effectif dans « {c.name} »")],
                        details={"how": "raw_column", "published_column": twin.name, "raw_column": c.name, "suppressed_cells": n_supp,
                                 "readable_cells": n_raw, "counted_on": "table entière"},
                    )
            dims = _dims(ctx, t, {c.name, pub.name})
            recomputable = 0
            by_dim: dict[str, int] = {}
            ct = _crosstab(ctx, t) if pub.name == (_crosstab(ctx, t) or {}).get("value") else None
            named: list[tuple[str, str]] = []
            for d in dims:
                is_total = sa.func.replace(text_of(tab.c[d.name]), "_", " ").in_(totals)
                if not int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(is_total)) or 0):
                    continue
                others = [tab.c[o.name] for o in dims if o is not d]
                pv = as_int(tab.c[pub.name], ctx.dialect, pub.sql_type)
                detail_supp = sa.func.sum(sa.case((sa.and_(sa.not_(is_total), sup), 1), else_=0))
                total_known = sa.func.sum(sa.case((sa.and_(is_total, pv.is_not(None)), 1), else_=0))
                # aggregates per group, filtered outside (SQLite refuses HAVING without GROUP BY: one-dimension tables)
                g = sa.select(detail_supp.label("ds"), total_known.label("tk")).select_from(tab)
                if others:
                    g = g.group_by(*others)
                g = g.subquery("g")
                n = int(ctx.scalar(sa.select(sa.func.count()).select_from(g).where(sa.and_(g.c.ds == 1, g.c.tk >= 1))) or 0)
                if n:
                    by_dim[d.name] = n
                    recomputable += n
                    if ct is not None:
                        named.extend((d.name, lab) for lab in _recomputable_cells(ctx, t, tab, ct, d, dims, is_total, sup, pv))
            by_cell: dict[str, list[str]] = {}
            for d_name, lab in named:
                by_cell.setdefault(lab, []).append(d_name)
            if by_cell and len(named) == recomputable:
                recomputable = len(by_cell)  # a cross-table cell given back by both its row and its column counts once
            if recomputable:
                yield BOOK.finding(
                    ctx, "nominative.secondary_disclosure", table=t.name, column=pub.name, subject="margins",
                    title=(f"« {t.name} » : {recomputable} case(s) masquée(s) se recalculent par différence avec un total publié"),
                    affected=recomputable, total=n_supp,
                    evidence=[Evidence(record=None, excerpt=(f"Case masquée {lab} : se recalcule par différence avec le total de sa ligne ou de sa colonne (marge(s) {', '.join(f'« {d} »' for d in ds)})"))
                              for lab, ds in list(by_cell.items())[:CELL_LIST]]
                    + [Evidence(record=None, excerpt=f"Marge « {d} » : {n} ligne(s) de total avec une seule case masquée") for d, n in sorted(by_dim.items())]
                    + [Evidence(record=None, excerpt=f"{n_supp} case(s) masquée(s) au total dans « {pub.name} »")],
                    details={"how": "margins", "recomputable_cells": recomputable, "by_margin": by_dim, "suppressed_cells": n_supp,
                             **({"cells": list(by_cell)} if by_cell else {}),
                             "counted_on": "table entière (GROUP BY dans la base)"},
                )


def _recomputable_cells(ctx: CheckContext, t: TableInfo, tab: sa.TableClause, ct: dict[str, Any], d: ColumnInfo,
                        dims: list[ColumnInfo], is_total: sa.ColumnElement[bool], sup: sa.ColumnElement[bool],
                        pv: sa.ColumnElement[Any]) -> list[str]:
    """Labels (row × column) of the suppressed cells of a cross-table that margin ``d`` gives back."""
    others = [o for o in dims if o is not d]
    detail_supp = sa.func.sum(sa.case((sa.and_(sa.not_(is_total), sup), 1), else_=0))
    total_known = sa.func.sum(sa.case((sa.and_(is_total, pv.is_not(None)), 1), else_=0))
    g = sa.select(*[tab.c[o.name].label(f"g{i}") for i, o in enumerate(others)], detail_supp.label("ds"),
                  total_known.label("tk")).select_from(tab)
    if others:
        g = g.group_by(*[tab.c[o.name] for o in others])
    g = g.subquery("g")
    on = sa.and_(g.c.ds == 1, g.c.tk >= 1, *[tab.c[o.name] == g.c[f"g{i}"] for i, o in enumerate(others)])
    order = [tab.c[n] for n in [*ct["rows"], ct["columns"]]]
    stmt = sa.select(*order).select_from(tab.join(g, on)).where(sa.and_(sup, sa.not_(is_total))).order_by(*order).limit(CELL_LIST)
    return [_cell_label(ctx, t, ct, r) for r in ctx.rows(stmt)]


# ---------------------------------------------------------------- rules 7 and 8
@BOOK.rule("nominative.nir_stored")
def nir_stored(ctx: CheckContext) -> Iterator[Finding]:
    """Tables of persons that keep the NIR: how many persons have one."""
    for p in ctx.catalog.by_role("persons", "third_parties"):
        if p.error or not p.rows:
            continue
        tab = ctx.table(p)
        for c in p.columns_of("nir"):
            n = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(filled(tab.c[c.name]))) or 0)
            if not n:
                continue
            yield BOOK.finding(
                ctx, "nominative.nir_stored", table=p.name, column=c.name,
                title=f"Le NIR de {n} personne(s) sur {p.rows} est enregistré dans « {p.name}.{c.name} »",
                affected=n, total=p.rows,
                evidence=[Evidence(record=None, excerpt=f"{c.name} renseigné pour {n} ligne(s) sur {p.rows} ; {c.reason}")],
                details={"filled_rows": n, "reason": c.reason, "counted_on": "table entière"},
            )


@BOOK.rule("nominative.nir_single_contact")
def nir_single_contact(ctx: CheckContext) -> Iterator[Finding]:
    """Persons with a NIR whose every case record is marked as a single contact."""
    values = sorted({norm(v) for v in options(ctx).get("single_contact_values", [])})
    for p in ctx.catalog.by_role("persons"):
        if p.error or not p.rows or len(p.primary_key) != 1:
            continue
        nirs = p.columns_of("nir")
        if not nirs:
            continue
        ptab = ctx.table(p)
        pk = ptab.c[p.primary_key[0]]
        for case in ctx.catalog.by_role("case_file"):
            ref = case.ref_to(p.name)
            if ref is None or case.error:
                continue
            ctab = ctx.table(case)
            for col in case.columns.values():
                if col.kind not in ("category", "other", "sensitive_category") or col.name == ref.name:
                    continue
                single = sa.func.replace(text_of(ctab.c[col.name]), "_", " ").in_(values)
                if not int(ctx.scalar(sa.select(sa.func.count()).select_from(ctab).where(single)) or 0):
                    continue
                has_single = sa.select(ctab.c[ref.name]).where(single)
                has_other = sa.select(ctab.c[ref.name]).where(sa.or_(sa.not_(single), ctab.c[col.name].is_(None)))
                for nir in nirs:
                    cond = sa.and_(filled(ptab.c[nir.name]), pk.in_(has_single), pk.not_in(has_other.where(ctab.c[ref.name].is_not(None))))
                    n = int(ctx.scalar(sa.select(sa.func.count()).select_from(ptab).where(cond)) or 0)
                    total = int(ctx.scalar(sa.select(sa.func.count()).select_from(ptab).where(sa.and_(pk.in_(has_single), pk.not_in(has_other.where(ctab.c[ref.name].is_not(None)))))) or 0)
                    if not n:
                        continue
                    yield BOOK.finding(
                        ctx, "nominative.nir_single_contact", table=p.name, column=nir.name, subject=f"{case.name}.{col.name}",
                        title=f"{n} personne(s) reçue(s) une seule fois ont leur NIR enregistré dans « {p.name}.{nir.name} »",
                        affected=n, total=total,
                        evidence=[Evidence(record=None, excerpt=(f"{n} personne(s) sur {total} dont tous les enregistrements de « {case.name} » sont "
                                                                 f"marqués comme contact unique dans « {col.name} » ont un NIR"))],
                        details={"case_table": case.name, "marker_column": col.name, "single_contact_persons": total, "with_nir": n,
                                 "counted_on": "table entière"},
                    )


class NominativeCheck:
    """The nominative check as registered in ``auditor.checks``."""

    info = BOOK.info
    reads_views = True  # a view is what the statistics user reads: views are audited as tables

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = NominativeCheck()
