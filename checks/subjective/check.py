"""Subjective check: judgement, guesses and sensitive data in free text, streamed in chunks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.catalog import ColumnInfo, TableInfo
from auditor.check import RuleBook
from auditor.context import CheckContext
from auditor.findings import Evidence, Finding
from auditor.policy import Policy

BOOK = RuleBook(Path(__file__).parent)
LEXICON_DIR = Path(__file__).parent / "lexicon"
TEXT_KINDS = ("free_text", "judgement_field")
SKIP_ROLES = {"staff", "permissions", "access_log", "units"}
CHUNK = 1000


def make_analyser(policy: Policy) -> Any:
    """The French text analyser with this check's lexicon and the policy's additions/removals."""
    from auditor.text import Lexicon, TextAnalyser

    conf = policy.section("subjective")
    lexicon = Lexicon.load(sorted(LEXICON_DIR.glob("*.toml")), add=conf.get("add", []), remove=conf.get("remove", []))
    return TextAnalyser(lexicon)


@dataclass
class ColumnTally:
    """Counts for one text column."""

    examined: int = 0
    records: dict[str, int] = field(default_factory=dict)  # category -> records with >=1 flag
    excerpts: dict[str, list[Evidence]] = field(default_factory=dict)


def text_columns(ctx: CheckContext) -> list[tuple[TableInfo, ColumnInfo]]:
    """Free-text and judgement columns of tables that may describe persons."""
    out = []
    for t in sorted(ctx.catalog.tables.values(), key=lambda t: t.name):
        if t.role in SKIP_ROLES or t.error:
            continue
        for c in t.columns_of(*TEXT_KINDS):
            out.append((t, c))
    return out


def scan_column(ctx: CheckContext, analyser: Any, t: TableInfo, c: ColumnInfo) -> ColumnTally:
    """Analyse every non-empty value of one column (or a sample with --sample)."""
    tab = ctx.table(t)
    key = tab.c[t.primary_key[0]] if t.primary_key else sa.literal(None)
    stmt = sa.select(key, tab.c[c.name]).where(tab.c[c.name].is_not(None))
    if ctx.sample:
        stmt = stmt.limit(ctx.sample)
    tally = ColumnTally()
    limit = ctx.evidence_limit
    total = min(t.rows or 0, ctx.sample) if ctx.sample else t.rows
    with ctx.progress(f"Textes {t.name}.{c.name}", total) as bar:
        for rows in ctx.stream(stmt, CHUNK):
            texts = [str(r[1]) for r in rows]
            for (rid, _), text, flags in zip(rows, texts, analyser.analyse_many(texts)):
                tally.examined += 1
                seen = set()
                for f in flags:
                    if f.category in seen:
                        continue
                    seen.add(f.category)
                    tally.records[f.category] = tally.records.get(f.category, 0) + 1
                    bucket = tally.excerpts.setdefault(f.category, [])
                    if len(bucket) < limit:
                        rec = ctx.pseudonym(t.name, rid) if rid is not None else None
                        bucket.append(Evidence(record=rec, excerpt=analyser.excerpt(text, f)))
            bar.advance(len(rows))
    return tally


def _tallies(ctx: CheckContext) -> dict[tuple[str, str], ColumnTally]:
    cached = ctx.facts.get("subjective_tallies")
    if cached is None:
        analyser = make_analyser(ctx.policy)
        cached = {}
        for t, c in text_columns(ctx):
            cached[(t.name, c.name)] = scan_column(ctx, analyser, t, c)
        ctx.facts["subjective_tallies"] = cached
    return cached


@BOOK.rule("subjective.judgement_in_free_text")
def judgement_in_free_text(ctx: CheckContext) -> Iterator[Finding]:
    """Per column: records holding judgement wording about the person."""
    for (tname, cname), tally in sorted(_tallies(ctx).items()):
        n = tally.records.get("judgement", 0)
        if not n:
            continue
        sampled = f" (estimation sur un échantillon de {tally.examined} textes)" if ctx.sample else ""
        yield BOOK.finding(
            ctx,
            "subjective.judgement_in_free_text",
            table=tname,
            column=cname,
            title=f"{n} écrit(s) de « {tname}.{cname} » contiennent des jugements sur la personne{sampled}",
            affected=n,
            total=tally.examined,
            evidence=tally.excerpts.get("judgement", []),
            details={"examined": tally.examined, "sampled": bool(ctx.sample)},
        )


class SubjectiveCheck:
    """The subjective check as registered in ``auditor.checks``."""

    info = BOOK.info
    make_analyser = staticmethod(make_analyser)

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = SubjectiveCheck()
