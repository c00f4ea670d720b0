"""Self-check of the third held-out set (no analyser involved).

- the file is what generate.py writes;
- every span lies inside its text, is not padded with spaces, and reads the labelled words of
  a template of its category (placeholders match any text; accents and case ignored);
- no two spans of one category overlap; clean notes have no span (trivially: no span = clean);
- at least 200 notes per register; clean share between 35 and 48 %;
- no 30-character stretch of a note (stretches holding a digit aside) occurs in the register
  corpus or the first two held-out sets (read mechanically here, never by the writer).
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import templates  # noqa: E402

OTHERS = [
    HERE.parent / "corpus" / "notes_registers.jsonl",
    HERE.parent / "heldout" / "notes_heldout.jsonl",
    HERE.parent / "heldout2" / "notes_heldout2.jsonl",
]
STRETCH = 30


def norm(s):
    return generate.strip_accents(s).lower()


def label_patterns():
    pats = {}
    token = re.compile(r"(\{\w+\}|<[^<>|]*\|[^<>|]*>)")
    for parts in templates.REGISTERS.values():
        for kind in ("flag", "free", "clean", "open"):
            for tpl in parts[kind]:
                for m in generate.LABEL.finditer(tpl):
                    rx = ""
                    for piece in token.split(norm(m.group(2))):
                        if piece.startswith("{"):
                            rx += ".*?"
                        elif piece.startswith("<"):
                            a, b = piece[1:-1].split("|")
                            rx += "(?:%s|%s)" % (re.escape(a), re.escape(b))
                        else:
                            rx += re.escape(piece)
                    pats.setdefault(m.group(1), []).append(re.compile(rx, re.S))
    return pats


def main():
    errors = []
    expected = generate.dump(generate.generate())
    actual = generate.OUT.read_text(encoding="utf-8")
    if actual != expected:
        errors.append("file differs from generator output")
    notes = [json.loads(line) for line in actual.splitlines()]
    pats = label_patterns()
    for kind in ("clean", "open"):
        for parts in templates.REGISTERS.values():
            for tpl in parts[kind]:
                if "[[" in tpl:
                    errors.append("label in a %s template: %s" % (kind, tpl))
    per_reg = Counter()
    clean = Counter()
    cats = Counter()
    for n in notes:
        per_reg[n["register"]] += 1
        text = n["text"]
        if not n["spans"]:
            clean[n["register"]] += 1
        by_cat = {}
        for s in n["spans"]:
            cats[s["category"]] += 1
            a, b = s["start"], s["end"]
            if not (0 <= a < b <= len(text)):
                errors.append("%s: span out of text %r" % (n["id"], s))
                continue
            piece = text[a:b]
            if piece != piece.strip():
                errors.append("%s: padded span %r" % (n["id"], piece))
            if not any(p.fullmatch(norm(piece)) for p in pats.get(s["category"], [])):
                errors.append("%s: span %r matches no %s label" % (n["id"], piece, s["category"]))
            by_cat.setdefault(s["category"], []).append((a, b))
        for cat, ivs in by_cat.items():
            ivs.sort()
            for (a1, b1), (a2, b2) in zip(ivs, ivs[1:]):
                if a2 < b1:
                    errors.append("%s: overlapping %s spans" % (n["id"], cat))
    for reg, k in per_reg.items():
        if k < 200:
            errors.append("%s: only %d notes" % (reg, k))
        share = clean[reg] / k
        if not 0.35 <= share <= 0.48:
            errors.append("%s: clean share %.3f" % (reg, share))
    total_share = sum(clean.values()) / len(notes)
    if not 0.35 <= total_share <= 0.48:
        errors.append("clean share %.3f" % total_share)

    # 30-character stretches shared with the other sets
    mine = {}
    for n in notes:
        t = n["text"].lower()
        for i in range(len(t) - STRETCH + 1):
            piece = t[i:i + STRETCH]
            if not any(c.isdigit() for c in piece):
                mine.setdefault(piece, n["id"])
    shared = {}
    for path in OTHERS:
        if not path.exists():
            errors.append("missing %s" % path)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            t = json.loads(line)["text"].lower()
            for i in range(len(t) - STRETCH + 1):
                piece = t[i:i + STRETCH]
                if piece in mine:
                    shared[piece] = mine[piece]
    for piece, nid in sorted(shared.items(), key=lambda x: x[1]):
        errors.append("%s: stretch %r occurs in another set" % (nid, piece))

    print("notes per register:", dict(per_reg))
    print("clean per register:", {r: "%d (%.1f %%)" % (clean[r], 100 * clean[r] / per_reg[r])
                                  for r in per_reg})
    print("clean share: %.1f %%" % (100 * total_share))
    print("spans per category:", dict(cats.most_common()))
    if errors:
        for e in errors[:400]:
            print("ERROR", e)
        print("%d error(s)" % len(errors))
        return 1
    print("selfcheck OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
