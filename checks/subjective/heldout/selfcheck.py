"""Self-check of the held-out set: spans match their labelled words, clean notes carry no span,
the file is what the generator writes, and no template sentence is copied from the project's corpus.

    python checks/subjective/heldout/selfcheck.py     # exit 1 and a list of problems if any
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

CORPUS = HERE.parent / "corpus" / "notes_registers.jsonl"
CATS = {"judgement", "hypothesis", "health", "sexuality", "religion", "origin", "political", "criminal",
        "immigration", "third_party", "identifier"}


def problems() -> list[str]:
    out = []
    notes, expected = generate.build()
    stored = [json.loads(x) for x in generate.OUT.read_text(encoding="utf-8").splitlines() if x.strip()]
    if stored != notes:
        out.append("notes_heldout.jsonl differs from what generate.py writes (run generate.py)")
    ids = [n["id"] for n in notes]
    if len(set(ids)) != len(ids):
        out.append("duplicate ids")
    for n, exp in zip(notes, expected):
        t = n["text"]
        if set(n) != {"id", "register", "text", "spans"}:
            out.append(f"{n['id']}: fields {sorted(n)}")
        for s, e in zip(n["spans"], exp):
            if s["category"] not in CATS:
                out.append(f"{n['id']}: unknown category {s['category']}")
            if not (0 <= s["start"] < s["end"] <= len(t)):
                out.append(f"{n['id']}: span out of bounds {s}")
                continue
            got = t[s["start"]:s["end"]]
            if got != e:
                out.append(f"{n['id']}: span {s} reads {got!r}, expected {e!r}")
            if got != got.strip() or not got.strip():
                out.append(f"{n['id']}: span {got!r} has surrounding spaces")
        same = sorted((s["category"], s["start"], s["end"]) for s in n["spans"])
        for a, b in zip(same, same[1:]):
            if a[0] == b[0] and b[1] < a[2]:
                out.append(f"{n['id']}: overlapping {a[0]} spans")
        if "[[" in t or "<" in t.replace("«", ""):
            out.append(f"{n['id']}: mark-up left in text")
    for reg in generate.REGISTERS:
        sub = [n for n in notes if n["register"] == reg]
        if len(sub) < 200:
            out.append(f"{reg}: only {len(sub)} notes")
    share = sum(1 for n in notes if not n["spans"]) / len(notes)
    if not 0.35 <= share <= 0.48:
        out.append(f"clean share {share:.2f} outside 0.35-0.48")
    # novelty: no slot-free stretch of 30 characters or more of a template is in the corpus
    if CORPUS.exists():
        corpus = CORPUS.read_text(encoding="utf-8").lower()
        for reg in generate.REGISTERS:
            mod = generate._load(f"reg_{reg}")
            for tpl in mod.OPEN + mod.CLEAN + mod.FLAG + mod.FREE:
                plain = re.sub(r"\[\[[a-z_]+\|(.*?)\]\]", r"\1", tpl)
                for piece in re.split(r"<[^<>]*>", plain):
                    piece = piece.strip(" .,:;").lower()
                    if len(piece) >= 30 and piece in corpus:
                        out.append(f"{reg}: template copies the corpus: {piece!r}")
    return out


def main() -> int:
    p = problems()
    for x in p:
        print(x)
    print(f"{len(p)} problem(s)")
    return 1 if p else 0


if __name__ == "__main__":
    sys.exit(main())
