"""Self-check of the sixth held-out set (run from anywhere): exit 1 on the first failing rule."""
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUBJ = HERE.parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import templates  # noqa: E402

WINDOW = 30
# my stretches are taken inside one sentence (a join of two sentences is chance)
SENTENCE = re.compile(r"[.!?;]\s+|\n")


def norm(text):
    text = "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn")
    return text.lower().replace("œ", "oe")


def label_patterns():
    """Per category, regexes of the labelled words of every template (placeholders: any text)."""
    pats = {}
    for blocks in templates.REGISTERS.values():
        for block in blocks:
            for m in generate.LABEL.finditer(block):
                words = norm(m.group(2))
                parts = re.split(r"(\{[a-z]+\}|<[^<>]*>)", words)
                rx = "".join(".*?" if p.startswith(("{", "<")) and p.endswith(("}", ">"))
                             else re.escape(p) for p in parts)
                pats.setdefault(m.group(1), []).append(re.compile(rx + r"\Z"))
    return pats


def others():
    paths = [SUBJ / "corpus" / "notes_registers.jsonl"]
    paths += sorted(p for p in SUBJ.glob("heldout*/notes_*.jsonl") if p.parent != HERE)
    paths += sorted(SUBJ.glob("probes_*/*.jsonl"))
    return paths


def main():
    fails = []
    gen = subprocess.run([sys.executable, str(HERE / "generate.py"), "--check"],
                         capture_output=True, text=True)
    if gen.returncode:
        fails.append("file differs from the generator's output")
    notes = [json.loads(line) for line in
             (HERE / "notes_heldout6.jsonl").read_text(encoding="utf-8").splitlines()]
    pats = label_patterns()
    per_reg, clean_reg, cats = Counter(), Counter(), Counter()
    for note in notes:
        text, spans = note["text"], note["spans"]
        per_reg[note["register"]] += 1
        if not spans:
            clean_reg[note["register"]] += 1
        for s in spans:
            cats[s["category"]] += 1
            if not (0 <= s["start"] < s["end"] <= len(text)):
                fails.append("%s: span outside text" % note["id"])
                continue
            piece = text[s["start"]:s["end"]]
            if piece != piece.strip():
                fails.append("%s: padded span %r" % (note["id"], piece))
            if not any(p.match(norm(piece)) for p in pats.get(s["category"], [])):
                fails.append("%s: span %r matches no labelled words of %s"
                             % (note["id"], piece, s["category"]))
        by_cat = {}
        for s in spans:
            by_cat.setdefault(s["category"], []).append((s["start"], s["end"]))
        for cat, ranges in by_cat.items():
            ranges.sort()
            for (a1, b1), (a2, b2) in zip(ranges, ranges[1:]):
                if a2 < b1:
                    fails.append("%s: overlapping %s spans" % (note["id"], cat))
    for reg, n in per_reg.items():
        if n < 200:
            fails.append("%s: only %d notes" % (reg, n))
    share = sum(clean_reg.values()) / len(notes)
    if not 0.35 <= share <= 0.48:
        fails.append("clean share %.3f outside 35-48 %%" % share)
    # 30-character stretches shared with any other set (read mechanically, never printed whole)
    mine = {}
    for note in notes:
        for t in SENTENCE.split(norm(note["text"])):
            for i in range(len(t) - WINDOW + 1):
                w = t[i:i + WINDOW]
                if not any(c.isdigit() for c in w):
                    mine.setdefault(w, note["id"])
    hits = {}
    for path in others():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            t = norm(json.loads(line).get("text", ""))
            for i in range(len(t) - WINDOW + 1):
                w = t[i:i + WINDOW]
                if w in mine:
                    hits.setdefault(w, (mine[w], path.relative_to(SUBJ).as_posix()))
    for w, (nid, where) in sorted(hits.items()):
        fails.append("%s: stretch %r also in %s" % (nid, w, where))
    print("notes per register:", dict(per_reg))
    print("clean per register:", dict(clean_reg), "share %.1f %%" % (100 * share))
    print("spans per category:", dict(sorted(cats.items())))
    if fails:
        print("%d failure(s):" % len(fails))
        for f in fails[:80]:
            print(" -", f)
        sys.exit(1)
    print("self-check passed")


if __name__ == "__main__":
    main()
