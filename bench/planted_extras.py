"""Where the subjective check's counts exceed planted.json: which values are flagged beyond planted.

    python bench/planted_extras.py                     # every column/category of both samples
    python bench/planted_extras.py --only capacites_mobilisation --examples 3

For each text column of the sample databases and each category the sample generator plants,
the rows the analyser flags are split into: planted and found, planted and missed, found and
not planted (the "extras"). The extras are grouped by the flagged words (folded), with a few
example sentences, so that each can be classified by reading it: a true mention the generator
did not count, or a false positive of the analyser. The analyser is the check's own
(``checks.subjective.check.analyser_spec`` with the default policy), so the "found" figures
equal those of ``bench/bench_scan.py --planted``; "planted" re-reads the values exactly as
``sample_data/generate.py`` counts them (lexicon substrings; the two dedicated fields by value).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "sample_data"))

import generate as gen  # noqa: E402  (the sample generator: its lexicon and field values)

from auditor.policy import Policy  # noqa: E402
from auditor.text.normalize import fold  # noqa: E402
from checks.subjective.check import analyser_spec  # noqa: E402

CAT = {"jugement": "judgement", "supposition": "hypothesis", "sante": "health", "syndicat": "political",
       "origine": "origin", "religion": "religion", "infraction": "criminal", "sejour": "immigration"}
COLUMNS = {
    "departement": [("entretien", "note"), ("dossier_intervention_sociale", "difficultes"),
                    ("dossier_intervention_sociale", "freins_potentialites"),
                    ("dossier_intervention_sociale", "interventions_preconisees"),
                    ("dossier_intervention_sociale", "capacites_mobilisation"),
                    ("dossier_intervention_sociale", "situation_sejour")],
    "company": [("demande", "observations"), ("entretien", "compte_rendu")],
}
SPECIAL = {  # the two dedicated fields are planted by value, not by lexicon
    ("capacites_mobilisation", "judgement"): set(gen.CAPACITES_PEJORATIVES) | set(gen.CAPACITES_POSITIVES),
    ("situation_sejour", "immigration"): {"sans titre de séjour", "titre de séjour expiré",
                                          "en cours de régularisation"},
}
_SENT_RE = re.compile(r"[^.!?\n]*(?:[.!?]|$)")


def planted_cats(col: str, text: str) -> set[str]:
    out = {cat for (c, cat), values in SPECIAL.items() if c == col and text in values}
    if col in ("capacites_mobilisation", "situation_sejour"):
        return out
    low = text.lower()
    return {CAT[c] for c, entries in gen.LEXIQUES.items() if any(e in low for e in entries)}


def planted_sentence(col: str, text: str, cat: str) -> str:
    """The sentence holding the planted expression of ``cat`` (the whole value for a dedicated field)."""
    low = text.lower()
    for c, entries in gen.LEXIQUES.items():
        if CAT[c] != cat:
            continue
        for e in entries:
            k = low.find(e)
            if k >= 0:
                return sentence(text, k, k + len(e))
    return text[:90]


def sentence(text: str, start: int, end: int) -> str:
    for m in _SENT_RE.finditer(text):
        if m.start() <= start < max(m.end(), m.start() + 1):
            return m.group().strip()
    return text[start:end]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="only columns whose name contains this")
    ap.add_argument("--category", help="only this category (judgement, health...)")
    ap.add_argument("--examples", type=int, default=2)
    args = ap.parse_args(argv)
    analyser = analyser_spec(Policy(data={})).build()
    for sample, cols in COLUMNS.items():
        db = sqlite3.connect(f"file:{ROOT / 'sample_data' / sample / f'{sample}.sqlite'}?mode=ro", uri=True)
        for table, col in cols:
            if args.only and args.only not in f"{table}.{col}":
                continue
            # one analysis per distinct value, weighted by its number of rows (as the check's grouped read)
            values = Counter(v for (v,) in db.execute(
                f"SELECT {col} FROM {table} WHERE {col} IS NOT NULL AND trim({col}) <> ''"))
            texts = list(values)
            flagged: dict[str, list] = {}
            for t, flags in zip(texts, analyser.analyse_many(texts)):
                flagged[t] = flags
            cats = sorted(({f.category for fl in flagged.values() for f in fl} | {
                c for t in texts for c in planted_cats(col, t)}) - {"third_party", "identifier"})
            for cat in cats:
                if args.category and cat != args.category:
                    continue
                planted = found = both = 0
                extras: dict[str, list] = defaultdict(list)
                missed: Counter = Counter()
                for t in texts:
                    n = values[t]
                    p = cat in planted_cats(col, t)
                    hits = [f for f in flagged[t] if f.category == cat]
                    planted += n * p
                    found += n * bool(hits)
                    both += n * (p and bool(hits))
                    if hits and not p:
                        key = " | ".join(sorted({fold(t[f.start:f.end]) for f in hits}))
                        extras[key].append((n, t, hits[0]))
                    if p and not hits:
                        missed[planted_sentence(col, t, cat)] += n
                if found == planted and not extras and not missed:
                    continue
                print(f"\n== {sample} {table}.{col} {cat}: planted {planted}, found {found} "
                      f"(planted and found {both}, extras {found - both}, missed {planted - both})")
                for key, rows in sorted(extras.items(), key=lambda kv: -sum(r[0] for r in kv[1])):
                    print(f"   +{sum(r[0] for r in rows):4}  [{key}]  rule {rows[0][2].rule}")
                    seen = set()
                    for n, t, f in rows:
                        s = sentence(t, f.start, f.end)
                        if s in seen:
                            continue
                        seen.add(s)
                        print(f"          « {s} »")
                        if len(seen) >= args.examples:
                            break
                for t, n in missed.most_common(5):
                    print(f"   -{n:4}  missed: « {t} »")
    return 0


if __name__ == "__main__":
    sys.exit(main())
