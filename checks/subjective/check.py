"""Subjective check: judgement, guesses, sensitive data, third parties and identifiers
in free text, and fields whose very purpose is an appraisal of the person.

Every text column of the tables that may describe persons is read once (see
``scan.py``: grouped by the database when values repeat, otherwise streamed in
chunks and analysed in worker processes); each rule then reports, per column and
category, how many records hold at least one flag, with a few redacted excerpts.
Fill rates of judgement and residence-status fields are counted in SQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.catalog import COLUMN_KIND_LABELS, ColumnInfo, TableInfo
from auditor.check import RuleBook
from auditor.context import CheckContext
from auditor.errors import DB_ERROR_REASON, db_error_kind
from auditor.findings import Evidence, Finding, Severity
from auditor.policy import Policy
from checks.subjective.scan import (
    ID_KINDS,
    AnalyserSpec,
    Analysis,
    ColumnTally,
    Needs,
    fill_counts,
    grouped_statement,
    read_rows,
    should_group,
)

BOOK = RuleBook(Path(__file__).parent)
LEXICON_DIR = Path(__file__).parent / "lexicon"
TEXT_KINDS = ("free_text", "judgement_field", "immigration_field")
FIELD_KINDS = ("judgement_field", "immigration_field")
SKIP_ROLES = {"staff", "permissions", "access_log", "units"}
SENSITIVE_LABELS = {
    "health": "santé",
    "sexuality": "vie sexuelle ou orientation sexuelle",
    "religion": "convictions religieuses",
    "origin": "origine raciale ou ethnique",
    "political": "opinions politiques ou appartenance syndicale",
    "criminal": "infractions, condamnations, mesures pénales",
}
ARTICLE = {"criminal": "RGPD art. 10"}


# ---------------------------------------------------------------- helpers
def options(ctx: CheckContext) -> dict[str, Any]:
    """The check's options: rules.toml [options] overridden by the policy's [checks.subjective]."""
    out = dict(BOOK.info.options)
    out.update(ctx.options)
    return out


def analyser_spec(policy: Policy, use_ner: bool = True) -> AnalyserSpec:
    """The analyser of this check (lexicon files and the policy's additions/removals), picklable."""
    conf = policy.section("subjective")
    return AnalyserSpec(
        paths=tuple(str(p) for p in sorted(LEXICON_DIR.glob("*.toml"))),
        add=tuple(conf.get("add", [])),
        remove=tuple(conf.get("remove", [])),
        use_ner=use_ner,
    )


def make_analyser(policy: Policy) -> Any:
    """The French text analyser with this check's lexicon and the policy's additions/removals."""
    return analyser_spec(policy).build()


def text_columns(ctx: CheckContext) -> list[tuple[TableInfo, list[ColumnInfo]]]:
    """Free-text, judgement and residence-status columns of tables that may describe persons."""
    out = []
    for t in sorted(ctx.catalog.tables.values(), key=lambda t: t.name):
        if t.role in SKIP_ROLES or t.error:
            continue
        cols = t.columns_of(*TEXT_KINDS)
        if cols:
            out.append((t, cols))
    return out


def excerpts_wanted(ctx: CheckContext) -> bool:
    """Redacted excerpts of the texts as evidence (``scan --extraits`` or ``[audit] extraits = true``);
    by default a finding on writing shows only counts, the flagged lexicon terms and record pseudonyms."""
    return bool(ctx.policy.audit.get("extraits", False))


def terms_detail(tally: ColumnTally, category: str, limit: int = 12) -> dict[str, int]:
    """The lexicon terms flagged in a column for a category, with the number of texts (most frequent first)."""
    bag = tally.terms.get(category, {})
    return dict(sorted(bag.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def _fr(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _pct(x: float) -> str:
    return f"{100 * x:.1f}".replace(".", ",") + "\u202f%"


def _read_column(ctx: CheckContext, analysis: Analysis, tally: ColumnTally, t: TableInfo, c: ColumnInfo,
                 grouped: bool, chunk: int, bar: Any) -> None:
    """Analyse one column (grouped or streamed) into ``tally``."""
    need = Needs(tally, ctx.evidence_limit)
    if grouped:
        stmt = grouped_statement(ctx, t, c)
        tally.grouped = True
        tally.sample_method = "valeurs distinctes comptées par la base (toutes les lignes)"

        def chunks() -> Iterator[tuple[Any, list[str], list[int] | None]]:
            for rows in ctx.stream(stmt, chunk):
                tally.distinct += len(rows)
                yield [r[2] for r in rows], [str(r[0]) for r in rows], [int(r[1]) for r in rows]
    else:
        sample = ctx.sample if ctx.sample and ctx.sample < tally.filled else None
        reader, tally.sample_method = read_rows(ctx, t, c, sample, chunk)
        tally.sampled = sample is not None

        def chunks() -> Iterator[tuple[Any, list[str], list[int] | None]]:
            for rows in reader:
                yield [r[0] for r in rows], [str(r[1]) for r in rows], None

    for keys, res in analysis.run(chunks(), need):
        tally.examined += res.rows
        for k, v in res.counts.items():
            tally.records[k] = tally.records.get(k, 0) + v
        for cat, bag in res.terms.items():
            mine = tally.terms.setdefault(cat, {})
            for term, n in bag.items():
                mine[term] = mine.get(term, 0) + n
        for cat, items in res.excerpts.items():
            bucket = tally.excerpts.setdefault(cat, [])
            for i, text in items:
                if len(bucket) >= ctx.evidence_limit:
                    break
                rec = ctx.pseudonym(t.name, keys[i]) if keys[i] is not None else None
                bucket.append(Evidence(record=rec, excerpt=text))
        bar.advance(res.rows)


def tallies(ctx: CheckContext) -> dict[tuple[str, str], ColumnTally]:
    """Read every text column once per run (shared by the rules through ``ctx.facts``)."""
    cached = ctx.facts.get("subjective_tallies")
    if cached is not None:
        return cached
    opts = options(ctx)
    chunk = int(opts.get("chunk_rows", 1000))
    plan: list[tuple[TableInfo, ColumnInfo, ColumnTally, bool]] = []
    for t, cols in text_columns(ctx):
        try:
            rows, fills = fill_counts(ctx, t, cols)
        except sa.exc.SQLAlchemyError as exc:
            ctx.skip(f"subjective.{t.name}", f"table non relue : {_db_error(exc)}")
            continue
        for c in cols:
            tally = ColumnTally(table=t.name, column=c.name, kind=c.kind, rows=rows, filled=fills[c.name])
            grouped = should_group(c, float(opts.get("group_distinct_ratio", 0.5)), float(opts.get("group_max_length", 200)))
            plan.append((t, c, tally, grouped))
    todo = sum(min(tl.filled, ctx.sample) if ctx.sample and not g else tl.filled for _, _, tl, g in plan)
    streamed = sum(min(tl.filled, ctx.sample) if ctx.sample else tl.filled for _, _, tl, g in plan if not g)
    jobs = ctx.jobs if ctx.jobs and ctx.jobs > 0 else (os.cpu_count() or 1)
    if streamed < int(opts.get("parallel_min_rows", 20000)):
        jobs = 1  # starting workers (and a language model in each) costs more than it saves
    spec = analyser_spec(ctx.policy, use_ner=bool(opts.get("ner", True)))
    cached = {}
    with Analysis(spec, jobs, ctx.evidence_limit, extracts=excerpts_wanted(ctx)) as analysis, ctx.progress("Écrits : analyse des textes", todo) as bar:
        for t, c, tally, grouped in plan:
            try:
                if tally.filled:
                    _read_column(ctx, analysis, tally, t, c, grouped, chunk, bar)
            except sa.exc.SQLAlchemyError as exc:  # this column only: the others are still read
                ctx.skip(f"subjective.{t.name}.{c.name}", f"colonne non relue : {_db_error(exc)}")
                continue
            cached[(t.name, c.name)] = tally
    ctx.facts["subjective_tallies"] = cached
    ctx.facts["subjective_jobs"] = jobs
    return cached


def _db_error(exc: Exception) -> str:
    return DB_ERROR_REASON[db_error_kind(exc)]


def _basis(tally: ColumnTally, key: str) -> tuple[str, dict[str, Any]]:
    """Title suffix and details saying how the count was obtained."""
    est = tally.estimate(key)
    details: dict[str, Any] = {"examined": tally.examined, "unit": "écrits"}
    if tally.grouped:
        details["distinct_values"] = tally.distinct
        details["how"] = tally.sample_method
        return "", details
    if not est.sampled:
        details["how"] = "lecture de chaque texte renseigné"
        return "", details
    details.update({
        "sampled": True,
        "sample_size": tally.examined,
        "how": tally.sample_method,
        "counted_on": (f"échantillon de {_fr(tally.examined)} textes sur {_fr(tally.filled)} renseignés : "
                       f"part estimée {_pct(est.share)} (intervalle de confiance à 95 % : {_pct(est.share_low)} à "
                       f"{_pct(est.share_high)}), soit {_fr(est.low)} à {_fr(est.high)} écrits"),
        "share_ci95": [round(est.share_low, 4), round(est.share_high, 4)],
        "affected_ci95": [est.low, est.high],
    })
    suffix = (f" (estimation sur un échantillon de {_fr(tally.examined)} textes : {_pct(est.share)}, "
              f"IC 95 % {_pct(est.share_low)}–{_pct(est.share_high)})")
    return suffix, details


def _text_findings(ctx: CheckContext, rule_id: str, category: str, title: str) -> Iterator[Finding]:
    """One finding per column where ``category`` was flagged at least once."""
    for (tname, cname), tally in sorted(tallies(ctx).items()):
        if not tally.records.get(category):
            continue
        est = tally.estimate(category)
        suffix, details = _basis(tally, category)
        if tally.terms.get(category) and category != "third_party":  # a name never shows, even as a word
            details["terms"] = terms_detail(tally, category)
        yield BOOK.finding(
            ctx, rule_id, table=tname, column=cname,
            title=title.format(n=_fr(est.count), where=f"{tname}.{cname}") + suffix,
            affected=est.count, total=tally.filled,
            evidence=tally.excerpts.get(category, []), details=details,
        )


# ---------------------------------------------------------------- rules
@BOOK.rule("subjective.judgement_in_free_text")
def judgement_in_free_text(ctx: CheckContext) -> Iterator[Finding]:
    """Per column: records holding judgement wording about the person."""
    yield from _text_findings(ctx, "subjective.judgement_in_free_text", "judgement",
                              "{n} écrit(s) de « {where} » contiennent des jugements sur la personne")


@BOOK.rule("subjective.hypothesis_as_fact")
def hypothesis_as_fact(ctx: CheckContext) -> Iterator[Finding]:
    """Per column: records holding a guess written as a fact."""
    yield from _text_findings(ctx, "subjective.hypothesis_as_fact", "hypothesis",
                              "{n} écrit(s) de « {where} » présentent des suppositions comme des faits")


@BOOK.rule("subjective.sensitive_data_in_free_text")
def sensitive_data_in_free_text(ctx: CheckContext) -> Iterator[Finding]:
    """Per column and sensitive category (GDPR art. 9 and 10): records that mention it."""
    critical_from = int(options(ctx).get("critical_from", 100))
    for (tname, cname), tally in sorted(tallies(ctx).items()):
        for cat, label in SENSITIVE_LABELS.items():
            if not tally.records.get(cat):
                continue
            est = tally.estimate(cat)
            suffix, details = _basis(tally, cat)
            details["categories"] = label
            if tally.terms.get(cat):
                details["terms"] = terms_detail(tally, cat)
            severity = Severity.CRITICAL if cat in ("health", "criminal") and est.count >= critical_from else None
            yield BOOK.finding(
                ctx, "subjective.sensitive_data_in_free_text", table=tname, column=cname, subject=cat,
                title=f"{_fr(est.count)} écrit(s) de « {tname}.{cname} » mentionnent une donnée sensible : {label}{suffix}",
                affected=est.count, total=tally.filled, severity=severity,
                evidence=tally.excerpts.get(cat, []), details=details,
            )


@BOOK.rule("subjective.irregular_stay_recorded")
def irregular_stay_recorded(ctx: CheckContext) -> Iterator[Finding]:
    """Per column: records that write down an irregular residence status."""
    yield from _text_findings(ctx, "subjective.irregular_stay_recorded", "immigration",
                              "{n} écrit(s) de « {where} » consignent une situation de séjour irrégulière")


@BOOK.rule("subjective.third_party_named")
def third_party_named(ctx: CheckContext) -> Iterator[Finding]:
    """Per column: records naming a person other than the one accompanied."""
    yield from _text_findings(ctx, "subjective.third_party_named", "third_party",
                              "{n} écrit(s) de « {where} » nomment un tiers (proche, voisin, employeur...)")


@BOOK.rule("subjective.identifier_in_free_text")
def identifier_in_free_text(ctx: CheckContext) -> Iterator[Finding]:
    """Per column: records holding a NIR, phone, e-mail, IBAN, address or CAF number."""
    for (tname, cname), tally in sorted(tallies(ctx).items()):
        if not tally.records.get("identifier"):
            continue
        est = tally.estimate("identifier")
        suffix, details = _basis(tally, "identifier")
        kinds = {label: tally.estimate(k).count for k, label in ID_KINDS.items() if tally.records.get(k)}
        if kinds:
            details["categories"] = kinds
        severity = Severity.HIGH if tally.records.get("id.nir") else None
        yield BOOK.finding(
            ctx, "subjective.identifier_in_free_text", table=tname, column=cname,
            title=(f"{_fr(est.count)} écrit(s) de « {tname}.{cname} » contiennent un identifiant ou des coordonnées "
                   f"({', '.join(kinds) or 'identifiant'}){suffix}"),
            affected=est.count, total=tally.filled, severity=severity,
            evidence=tally.excerpts.get("identifier", []), details=details,
        )


@BOOK.rule("subjective.judgement_field")
def judgement_field(ctx: CheckContext) -> Iterator[Finding]:
    """Per column: a field whose purpose is an appraisal of the person (or the residence
    status) exists and is filled; counted in SQL, whatever its content."""
    for t, cols in text_columns(ctx):
        fields = [c for c in cols if c.kind in FIELD_KINDS]
        if not fields:
            continue
        known = ctx.facts.get("subjective_tallies") or {}
        if all((t.name, c.name) in known for c in fields):
            rows = known[(t.name, fields[0].name)].rows
            fills = {c.name: known[(t.name, c.name)].filled for c in fields}
        else:
            rows, fills = fill_counts(ctx, t, fields)
        for c in fields:
            n = fills[c.name]
            share = f" ({_pct(n / rows)} des lignes)" if rows else ""
            if c.kind == "immigration_field":
                title = (f"La table « {t.name} » consigne la situation des personnes au regard du séjour "
                         f"(« {c.name} ») : renseignée sur {_fr(n)} ligne(s){share}")
                why = ("Un champ dédié à la situation au regard du séjour invite à la consigner pour chaque personne, "
                       "alors que le référentiel de la CNIL ne l'admet que lorsque la prestation en dépend ; "
                       "une situation irrégulière consignée expose la personne bien au-delà de l'accompagnement.")
                rec = ("Supprimer le champ, ou le limiter aux prestations qui exigent un justificatif de séjour "
                       "(réponse oui/non, sans détail), et effacer les valeurs enregistrées sans ce besoin.")
            else:
                title = (f"La table « {t.name} » a un champ d'appréciation de la personne (« {c.name} ») : "
                         f"renseigné sur {_fr(n)} ligne(s){share}")
                why = rec = None
            yield BOOK.finding(
                ctx, "subjective.judgement_field", table=t.name, column=c.name, title=title,
                affected=n, total=rows, why=why, recommendation=rec,
                severity=Severity.MEDIUM if n == 0 else None,
                details={"kind": COLUMN_KIND_LABELS.get(c.kind, c.kind), "filled_rows": n, "rows": rows,
                         "how": "comptage par la base, quel que soit le contenu", "unit": "lignes",
                         "reason": c.reason},
            )


class SubjectiveCheck:
    """The subjective check as registered in ``auditor.checks``."""

    info = BOOK.info
    make_analyser = staticmethod(make_analyser)

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = SubjectiveCheck()
