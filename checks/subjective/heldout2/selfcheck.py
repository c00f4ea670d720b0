"""Self-check of notes_heldout2.jsonl (issue 14, second held-out set).

    python selfcheck.py

Checks: the file is what generate.py writes; every span is inside its text, not empty, not padded
with spaces, and reads the labelled words of its template (the words between [[category| and ]],
placeholders filled, possibly typed without accents); no two spans of one category overlap; clean
notes have no span; at least 200 notes per register; clean share 35-48 %; no stretch of 30
characters of a note's text inside one sentence, without digits, occurs in the register corpus
(../corpus/notes_registers.jsonl). Exit 1 on any failure.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate as G  # noqa: E402
import templates as T  # noqa: E402

CORPUS = HERE.parent / "corpus" / "notes_registers.jsonl"
WIDTH = 30


def labelled_words() -> list[re.Pattern]:
    """One pattern per labelled piece of a template: placeholders and gender choices as wildcards."""
    pats = []
    for reg in G.REGISTERS.values():
        for pool in reg[:4]:
            for tpl in pool:
                for m in G.MARK.finditer(tpl):
                    w = G.strip_accents(m.group(2)).lower()
                    out, pos = "", 0
                    for x in re.finditer(r"\{\w+\}|<[^<>]*>", w):
                        out += re.escape(w[pos:x.start()]) + ".*?"
                        pos = x.end()
                    out += re.escape(w[pos:])
                    pats.append((m.group(1), re.compile(out + r"\Z", re.S)))
    # spans changed by the label fixes (generate.LABEL_FIXES): widened to the sentence's end, or added
    for cat, pat, action in G.LABEL_FIXES:
        if action == "to_sentence_end":
            pats.append((cat, re.compile(pat + r"[^.\n]*\Z")))
        elif action[0] == "add_rest":
            pats.append((action[1], re.compile(r"[^.\n]+\Z")))
        else:
            pats.append((action[1], re.compile(action[2] + r"\Z")))
    return pats


def main() -> int:
    errors: list[str] = []
    if G.main(["--check"]) != 0:
        errors.append("file out of date: run python generate.py")
    notes = [json.loads(line) for line in G.OUT.read_text(encoding="utf-8").splitlines()]
    pats = labelled_words()
    regs = Counter(n["register"] for n in notes)
    for r, k in regs.items():
        if k < 200:
            errors.append(f"register {r}: {k} notes < 200")
    clean = sum(1 for n in notes if not n["spans"]) / len(notes)
    if not 0.35 <= clean <= 0.48:
        errors.append(f"clean share {clean:.1%} outside 35-48 %")
    for n in notes:
        t = n["text"]
        for s in n["spans"]:
            a, b, cat = s["start"], s["end"], s["category"]
            w = t[a:b]
            if not (0 <= a < b <= len(t)) or w != w.strip():
                errors.append(f"{n['id']}: bad span {s}")
                continue
            wn = G.strip_accents(w).lower()
            if not any(c == cat and p.match(wn) for c, p in pats):
                errors.append(f"{n['id']}: span {cat} {w!r} reads no labelled template words")
        by = sorted((s["category"], s["start"], s["end"]) for s in n["spans"])
        for (c1, a1, b1), (c2, a2, b2) in zip(by, by[1:]):
            if c1 == c2 and a2 < b1:
                errors.append(f"{n['id']}: overlapping {c1} spans")
    # no 30-character stretch copied from the register corpus, inside one sentence (stretches with
    # digits or an e-mail's @ are identifiers and dates; a stretch across a sentence break joins two
    # of our sentences by chance, e.g. « ...par semaine. Information... », and is not a copy)
    grams = set()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        t = json.loads(line)["text"].lower()
        grams.update(t[i:i + WIDTH] for i in range(len(t) - WIDTH + 1))
    copied = Counter()
    for n in notes:
        t = n["text"].lower()
        for i in range(len(t) - WIDTH + 1):
            g = t[i:i + WIDTH]
            if g in grams and not re.search(r"\d|@|[.:;!?] |\n", g):
                copied[g] += 1
    for g, k in copied.most_common():
        errors.append(f"30-character stretch found in the corpus ({k} notes): {g!r}")
    cats = Counter(s["category"] for n in notes for s in n["spans"])
    print(f"{len(notes)} notes {dict(regs)}, clean {clean:.1%}, spans {dict(cats)}")
    for e in errors[:60]:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} failure(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
