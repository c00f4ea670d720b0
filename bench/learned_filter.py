"""Experiment: a learned precision filter over the analyser's flags, leave one register out.

    python bench/learned_filter.py

For each flag of the analyser on the register corpus, a logistic regression (pure
Python, hashed sparse features: rule, category, flagged words, two words each side,
negation and sentence start) predicts whether it matches a gold span. Trained on four
registers, applied to the fifth (flags with p < threshold dropped), for each in turn.
Nothing is shipped: the figures decide whether such a layer is worth it.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eval_text import REGISTERS, load, prf, score  # noqa: E402

from auditor.text import CATEGORIES, Lexicon, TextAnalyser, default_lexicon_paths  # noqa: E402
from auditor.text.normalize import fold  # noqa: E402

_NEG = {"pas", "aucun", "aucune", "jamais", "ni", "sans", "absence", "non", "rien"}


def features(text: str, cat: str, rule: str, s: int, e: int) -> list[str]:
    f = fold(text)
    before = f[max(0, s - 60):s].split()
    after = f[e:e + 60].split()
    inner = f[s:e].split()
    out = [f"r={rule}", f"c={cat}"] + [f"w={cat}:{w}" for w in inner]
    out += [f"p1={cat}:{before[-1]}" if before else f"p1={cat}:^", f"n1={cat}:{after[0]}" if after else f"n1={cat}:$"]
    if len(before) > 1:
        out.append(f"p2={cat}:{before[-2]}")
    if len(after) > 1:
        out.append(f"n2={cat}:{after[1]}")
    if _NEG & set(before[-5:]):
        out.append(f"neg={cat}")
    if not before or before[-1][-1:] in ".:;!?":
        out.append(f"init={cat}")
    return out


def train(rows, epochs=15, lr=0.2, l2=1e-4, seed=0):
    w: dict[str, float] = {}
    b = 0.0
    rng = random.Random(seed)
    rows = list(rows)
    for _ in range(epochs):
        rng.shuffle(rows)
        for feats, y in rows:
            z = b + sum(w.get(x, 0.0) for x in feats)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = p - y
            b -= lr * g
            for x in feats:
                w[x] = w.get(x, 0.0) * (1 - lr * l2) - lr * g
    return w, b


def predict(model, feats):
    w, b = model
    z = b + sum(w.get(x, 0.0) for x in feats)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def main() -> int:
    notes = load(REGISTERS)
    an = TextAnalyser(Lexicon.load(default_lexicon_paths()))
    preds = [[(f.category, f.start, f.end, f.rule) for f in fl] for fl in an.analyse_many(n["text"] for n in notes)]
    rows = []
    for n, p in zip(notes, preds):
        gold = [(s["category"], s["start"], s["end"]) for s in n["spans"]]
        rows.append([(features(n["text"], c, r, s, e), int(any(gc == c and gs < e and s < ge for gc, gs, ge in gold))) for c, s, e, r in p])
    regs = list(dict.fromkeys(n["register"] for n in notes))
    cats = [c for c in CATEGORIES if any(s["category"] == c for n in notes for s in n["spans"])]
    for thr in (0.3, 0.5):
        print(f"\nthreshold {thr}: held-out micro-F1 (P, R), rules alone -> rules + learned filter; clean notes flagged")
        for r in regs:
            tr = [x for n, rs in zip(notes, rows) if n["register"] != r for x in rs]
            model = train(tr)
            idx = [i for i, n in enumerate(notes) if n["register"] == r]
            sub = [notes[i] for i in idx]
            base = [[(c, s, e) for c, s, e, _ in preds[i]] for i in idx]
            kept = [[(c, s, e) for (c, s, e, _), (fe, _) in zip(preds[i], rows[i]) if predict(model, fe) >= thr] for i in idx]
            out = []
            for pp in (base, kept):
                cnt = score(sub, pp, cats)
                p, rc, f = prf(*[sum(v[k] for v in cnt.values()) for k in range(4)])
                clean = [k for k, n in enumerate(sub) if not n["spans"]]
                out.append(f"{f:.3f} (P {p:.3f}, R {rc:.3f}), clean {100 * sum(1 for k in clean if pp[k]) / len(clean):.1f}%")
            print(f"  {r:<12} {out[0]}  ->  {out[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
