"""How the subjective check reads text: SQL for what SQL can count, the analyser for the rest.

For each text column (free text, judgement field, residence-status field):

- one aggregate query per table counts the rows and the filled rows of each column
  (the judgement-field rule and the population of a sample);
- a column whose values repeat (few distinct values in the catalog's sample, short
  values) is read grouped: ``SELECT value, COUNT(*), MIN(key) ... GROUP BY value``;
  each distinct value is analysed once and weighted by its count (exact, even with
  ``--sample``);
- any other column is read in chunks of ``(key, text)`` in key order: by pages
  (``WHERE key > last ORDER BY key LIMIT n``: every query is short, so none outlives the
  per-query time limit nor holds a snapshot while texts are analysed) when the key is one
  column, otherwise through one streamed query (server-side cursor on PostgreSQL); with
  ``--sample N``, one query for a deterministic pseudo-random sample of N rows (ordered by
  a hash of the key computed by the database).

Chunks are analysed in the main process (``--jobs 1``, or little text) or in worker
processes (``forkserver`` start: a clean process, no database connection inherited),
each building its :class:`~auditor.text.TextAnalyser` once; spaCy is loaded by the
analyser only when a chunk holds a capitalised word that no rule explains. At most
``2 × jobs`` chunks are in flight, so memory does not grow with the table. Results
come back in the order the chunks were sent: counts and excerpts are the same
whatever the number of processes.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from auditor.catalog import ColumnInfo, TableInfo

CATEGORIES = (
    "judgement", "hypothesis", "health", "sexuality", "religion", "origin",
    "political", "criminal", "immigration", "third_party", "identifier",
)
#: identifier kinds (``Flag.rule`` = ``id.<kind>``) and their French names in the report
ID_KINDS = {
    "id.nir": "NIR",
    "id.phone": "téléphone",
    "id.email": "adresse électronique",
    "id.iban": "IBAN",
    "id.address": "adresse postale",
    "id.caf": "numéro allocataire",
}
# pseudo-random order for --sample: (key mod p) * a mod p, p = 2^31 - 1, a close to p / golden
# ratio (Fibonacci hashing): the rows with the smallest hashes are spread over the whole key
# range, and the product stays below 2^62 on every engine
_P, _A = 2147483647, 1327217885


# ------------------------------------------------------------------ analysis
@dataclass(frozen=True)
class AnalyserSpec:
    """What a worker needs to build the same analyser as the main process (picklable)."""

    paths: tuple[str, ...]
    add: tuple[Any, ...] = ()
    remove: tuple[str, ...] = ()
    use_ner: bool = True

    def build(self) -> Any:
        """The text analyser."""
        from auditor.text import Lexicon, TextAnalyser

        lexicon = Lexicon.load(list(self.paths), add=[dict(d) for d in self.add], remove=list(self.remove))
        return TextAnalyser(lexicon, use_ner=self.use_ner)


@dataclass
class ChunkResult:
    """What one chunk of texts gave."""

    rows: int = 0  # rows examined (weights added up)
    counts: dict[str, int] = field(default_factory=dict)  # category or id.<kind> -> rows with >= 1 flag
    # category -> (index in chunk, evidence text): the flagged lexicon terms of that text, or
    # (only when excerpts are asked for) a redacted excerpt
    excerpts: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    terms: dict[str, dict[str, int]] = field(default_factory=dict)  # category -> lexicon term -> rows


#: what stands for a flag that must never be shown, even as a word (names, identifiers)
HIDDEN_TERMS = {"third_party": "nom d'un tiers"}
MAX_TERM_WORDS = 3


_SMALL_WORDS = frozenset("a à au aux d de des du en dans et il elle est l la le les n ne pas par pour qu que s sa se "
                         "ses son sur un une y".split())


def _best_window(folded: list[str]) -> tuple[int, int]:
    """The three consecutive words of a long match that say the most (content words, ending on one)."""
    best, key = (0, MAX_TERM_WORDS), None
    for j in range(len(folded) - MAX_TERM_WORDS + 1):
        win = folded[j:j + MAX_TERM_WORDS]
        k = (sum(w not in _SMALL_WORDS for w in win), win[-1] not in _SMALL_WORDS, win[0] not in _SMALL_WORDS)
        if key is None or k > key:
            best, key = (j, j + MAX_TERM_WORDS), k
    return best


def flag_term(analyser: Any, text: str, flag: Any) -> str:
    """The lexicon term a flag stands for, never more than three words of the text.

    Names of third parties and identifiers are never shown: their kind stands for them
    (« nom d'un tiers », « NIR »). A match longer than three words is shown by the
    shortest form of its lexicon entry found inside it (« a fait de la prison » ->
    « prison »), or by its first three words."""
    if flag.category == "identifier":
        return ID_KINDS.get(flag.rule, "identifiant")
    if flag.category in HIDDEN_TERMS or flag.rule == "name":
        return HIDDEN_TERMS.get(flag.category, "nom d'une personne")
    from auditor.text.normalize import fold, words

    span = text[flag.start:flag.end]
    toks = words(fold(span))
    if not toks:
        return ""
    lo, hi = 0, len(toks)
    if len(toks) > MAX_TERM_WORDS:
        entry = getattr(getattr(analyser, "lexicon", None), "by_id", {}).get(flag.rule)
        folded = [w for w, _, _ in toks]
        best: tuple[int, int] | None = None
        for form in sorted(getattr(entry, "forms", ()), key=len):
            if len(form) > MAX_TERM_WORDS:
                break
            for j in range(len(folded) - len(form) + 1):
                if tuple(folded[j:j + len(form)]) == form:
                    best = (j, j + len(form))
                    break
            if best:
                break
        lo, hi = best or _best_window(folded)
    term = " ".join(span[toks[lo][1]:toks[hi - 1][2]].split())
    if len(term) > 1 and term[0].isupper() and not term[1].isupper():
        term = term[0].lower() + term[1:]
    return term


def quote_term(term: str) -> str:
    """« psychiatrie » for a lexicon term; a kind that stands for a hidden value stays unquoted."""
    return term if term in HIDDEN_TERMS.values() or term in ID_KINDS.values() or term == "nom d'une personne" else f"« {term} »"


def analyse_chunk(analyser: Any, texts: list[str], weights: list[int] | None, wanted: frozenset[str],
                  limit: int, extracts: bool = False) -> ChunkResult:
    """Count, per category, the texts with at least one flag and the lexicon terms flagged;
    evidence for the ``wanted`` categories (at most ``limit`` each, first texts first): the
    terms flagged in the text or, with ``extracts``, a redacted excerpt."""
    out = ChunkResult()
    counts = out.counts
    for i, flags in enumerate(analyser.analyse_many(texts)):
        w = weights[i] if weights is not None else 1
        out.rows += w
        if not flags:
            continue
        first: dict[str, Any] = {}
        kinds: set[str] = set()
        seen: dict[str, list[str]] = {}
        for f in flags:
            if f.category not in first:
                first[f.category] = f
            if f.category == "identifier" and f.rule in ID_KINDS:
                kinds.add(f.rule)
            term = flag_term(analyser, texts[i], f)
            if term and term not in seen.setdefault(f.category, []):
                seen[f.category].append(term)
        for cat, f in first.items():
            counts[cat] = counts.get(cat, 0) + w
            bag = out.terms.setdefault(cat, {})
            for term in seen.get(cat, []):
                bag[term] = bag.get(term, 0) + w
            if cat in wanted:
                got = out.excerpts.setdefault(cat, [])
                if len(got) < limit:
                    if extracts:
                        got.append((i, analyser.excerpt(texts[i], f)))
                    else:
                        got.append((i, "termes relevés : " + ", ".join(quote_term(t) for t in seen.get(cat, []))))
        for k in kinds:
            counts[k] = counts.get(k, 0) + w
    return out


_WORKER: Any = None


def _init_worker(spec: AnalyserSpec) -> None:
    """Worker start: ignore Ctrl-C (the main process stops the pool), build the analyser once."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = spec.build()


def _work(texts: list[str], weights: list[int] | None, wanted: frozenset[str], limit: int,
          extracts: bool = False) -> ChunkResult:
    return analyse_chunk(_WORKER, texts, weights, wanted, limit, extracts)


class Analysis:
    """Analyses chunks in this process or in a pool of workers, in order, a bounded number in flight.

    Use as a context manager; the pool (if any) is started at the first chunk and
    stopped on exit (terminated on error or Ctrl-C).
    """

    def __init__(self, spec: AnalyserSpec, jobs: int, limit: int, extracts: bool = False) -> None:
        self.spec = spec
        self.jobs = max(1, int(jobs))
        self.limit = limit
        self.extracts = extracts  # redacted excerpts as evidence (otherwise the flagged terms only)
        self._analyser: Any = None
        self._pool: Any = None

    def __enter__(self) -> "Analysis":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    def _get_pool(self) -> Any:
        if self._pool is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["checks.subjective.scan"])
            self._pool = ctx.Pool(self.jobs, initializer=_init_worker, initargs=(self.spec,))
        return self._pool

    def run(self, chunks: Iterator[tuple[Any, list[str], list[int] | None]],
            need: "Needs") -> Iterator[tuple[Any, ChunkResult]]:
        """``(meta, result)`` for each ``(meta, texts, weights)`` of ``chunks``, in order.

        ``need`` says which categories still lack excerpts when a chunk is sent (it is
        updated by the caller as results come back)."""
        if not self.parallel:
            if self._analyser is None:
                self._analyser = self.spec.build()
            for meta, texts, weights in chunks:
                yield meta, analyse_chunk(self._analyser, texts, weights, need.wanted(), self.limit, self.extracts)
            return
        pool = self._get_pool()
        inflight: deque[tuple[Any, Any]] = deque()
        for meta, texts, weights in chunks:
            inflight.append((meta, pool.apply_async(_work, (texts, weights, need.wanted(), self.limit, self.extracts))))
            while len(inflight) >= 2 * self.jobs:
                m, res = inflight.popleft()
                yield m, res.get()
        while inflight:
            m, res = inflight.popleft()
            yield m, res.get()


class Needs:
    """Categories that still lack excerpts for the column being read."""

    def __init__(self, tally: "ColumnTally", limit: int) -> None:
        self.tally = tally
        self.limit = limit

    def wanted(self) -> frozenset[str]:
        return frozenset(c for c in CATEGORIES if len(self.tally.excerpts.get(c, ())) < self.limit)


# ------------------------------------------------------------------ counting
@dataclass
class ColumnTally:
    """What the check knows about one text column."""

    table: str
    column: str
    kind: str
    rows: int = 0  # rows of the table
    filled: int = 0  # rows where the column is filled (counted by SQL)
    examined: int = 0  # texts analysed (weighted for grouped reads)
    grouped: bool = False  # read as distinct values counted by the database
    distinct: int = 0  # distinct values (grouped reads)
    sampled: bool = False  # examined < filled on purpose (--sample)
    sample_method: str = ""
    records: dict[str, int] = field(default_factory=dict)  # category or id.<kind> -> records
    excerpts: dict[str, list[Any]] = field(default_factory=dict)  # category -> [Evidence]
    terms: dict[str, dict[str, int]] = field(default_factory=dict)  # category -> lexicon term -> records

    def estimate(self, key: str) -> "Estimate":
        """The count for ``key`` over the whole column, with its 95 % interval when sampled."""
        x = self.records.get(key, 0)
        if not self.sampled or not self.examined:
            return Estimate(x, x, x, x / self.examined if self.examined else 0.0, 0.0, 0.0, False)
        n, big_n = self.examined, self.filled
        lo, hi = wilson(x, n, big_n)
        p = x / n
        return Estimate(round(p * big_n), math.floor(lo * big_n), math.ceil(hi * big_n), p, lo, hi, True)


@dataclass(frozen=True)
class Estimate:
    """A count, exact or estimated from a sample."""

    count: int
    low: int
    high: int
    share: float
    share_low: float
    share_high: float
    sampled: bool


def wilson(x: int, n: int, population: int | None = None, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval (95 %) for the share x/n, with the finite-population
    correction when the sample is drawn without replacement from ``population`` rows."""
    if n <= 0:
        return 0.0, 1.0
    if population and population > n:
        n_eff = n * (population - 1) / (population - n)
    elif population and population <= n:
        p = x / n
        return p, p
    else:
        n_eff = float(n)
    p = x / n
    z2 = z * z
    den = 1 + z2 / n_eff
    centre = (p + z2 / (2 * n_eff)) / den
    half = z * math.sqrt(p * (1 - p) / n_eff + z2 / (4 * n_eff * n_eff)) / den
    return max(0.0, centre - half), min(1.0, centre + half)


def filled(col: sa.ColumnElement) -> sa.ColumnElement:
    """SQL condition: the column holds something other than blanks."""
    return sa.and_(col.is_not(None), sa.func.trim(sa.cast(col, sa.Text)) != "")


def fill_counts(ctx: Any, t: TableInfo, cols: list[ColumnInfo]) -> tuple[int, dict[str, int]]:
    """(rows, filled rows per column) of one table, in one aggregate query."""
    tab = ctx.table(t)
    exprs = [sa.func.count()] + [sa.func.sum(sa.case((filled(tab.c[c.name]), 1), else_=0)) for c in cols]
    row = ctx.rows(sa.select(*exprs).select_from(tab))[0]
    return int(row[0] or 0), {c.name: int(v or 0) for c, v in zip(cols, row[1:])}


def is_integer_type(sql_type: str | None) -> bool:
    """An integer column type (the key of a pseudo-random sample)."""
    return "INT" in (sql_type or "").upper()


def should_group(c: ColumnInfo, max_ratio: float, max_length: float) -> bool:
    """Read distinct values grouped by the database: values repeat and are short."""
    ratio = c.distinct_ratio
    return ratio is not None and ratio <= max_ratio and (c.avg_length or 0) <= max_length


def single_key(t: TableInfo) -> ColumnInfo | None:
    """The primary-key column when the key is one column."""
    if len(t.primary_key) == 1:
        return t.columns.get(t.primary_key[0])
    return None


def sample_statement(ctx: Any, t: TableInfo, c: ColumnInfo, sample: int) -> tuple[sa.Select, str]:
    """``(key, text)`` of a sample of ``sample`` filled rows, and how they are chosen (French)."""
    tab = ctx.table(t)
    col = tab.c[c.name]
    pk = t.columns.get(t.primary_key[0]) if t.primary_key else None
    key = tab.c[pk.name] if pk is not None else sa.null()
    stmt = sa.select(key, col).where(filled(col))
    if pk is not None and is_integer_type(pk.sql_type):
        k = sa.cast(key, sa.BigInteger)
        order = ((k % _P) * _A) % _P
        return stmt.order_by(order, key).limit(sample), "échantillon pseudo-aléatoire déterministe (fonction de la clé)"
    if pk is not None:
        return stmt.order_by(key).limit(sample), "premières lignes dans l'ordre de la clé (clé non numérique)"
    return stmt.limit(sample), "premières lignes lues (table sans clé)"


def read_rows(ctx: Any, t: TableInfo, c: ColumnInfo, sample: int | None, chunk: int) -> tuple[Iterator[list[Any]], str]:
    """Chunks of ``(key, text)`` rows of one column, and how the rows are chosen (French).

    Every filled row, in key order: by pages (``WHERE key > last ORDER BY key LIMIT n``) when
    the key is one column, so that each query is short (no query outlives the per-query time
    limit, none keeps a snapshot open while the texts are analysed); otherwise through one
    streamed query (server-side cursor). With ``sample``: one query for the sample."""
    if sample:
        stmt, how = sample_statement(ctx, t, c, sample)
        return ctx.stream(stmt, chunk), how
    tab = ctx.table(t)
    col = tab.c[c.name]
    pk = single_key(t)
    if pk is None:
        key = tab.c[t.primary_key[0]] if t.primary_key else sa.null()
        stmt = sa.select(key, col).where(filled(col))
        return ctx.stream(stmt.order_by(key) if t.primary_key else stmt, chunk), "toutes les lignes renseignées"
    key = tab.c[pk.name]

    def pages() -> Iterator[list[Any]]:
        last: Any = None
        while True:
            stmt = sa.select(key, col).where(filled(col))
            if last is not None:
                stmt = stmt.where(key > last)
            rows = ctx.rows(stmt.order_by(key).limit(chunk))
            if not rows:
                return
            yield rows
            last = rows[-1][0]
            if len(rows) < chunk or last is None:
                return

    return pages(), "toutes les lignes renseignées"


def grouped_statement(ctx: Any, t: TableInfo, c: ColumnInfo) -> sa.Select:
    """``(value, count, smallest key)`` for each distinct filled value, most frequent first."""
    tab = ctx.table(t)
    col = tab.c[c.name]
    pk = t.primary_key[0] if t.primary_key else None
    first = sa.func.min(tab.c[pk]) if pk else sa.null()
    n = sa.func.count().label("n")
    return (sa.select(col, n, first).where(filled(col)).group_by(col)
            .order_by(sa.desc(n), first if pk else col))
