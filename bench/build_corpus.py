"""Build tests/data/notes_labelled.jsonl from its marked-up source notes_labelled.src.txt.

Source format: one note per line; ``#`` starts a comment line. A labelled span is
written ``{category|text}`` or ``{cat1,cat2|text}`` (same span, several categories).
Ids are ``n0001``... in source order; the split ("dev" or "test") is drawn from a
hash of the note text, so it does not depend on what the rules catch.

    python bench/build_corpus.py          # rewrite the JSONL
    python bench/build_corpus.py --check  # exit 1 if the JSONL is out of date
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "data"
SRC = HERE / "notes_labelled.src.txt"
OUT = HERE / "notes_labelled.jsonl"
CATEGORIES = (
    "judgement", "hypothesis", "health", "sexuality", "religion", "origin",
    "political", "criminal", "immigration", "third_party", "identifier",
)
_MARK = re.compile(r"\{([a-z_,]+)\|([^{}]+)\}")


def parse_line(line: str) -> tuple[str, list[dict]]:
    """Plain text and spans of one marked-up line."""
    text, spans, pos = [], [], 0
    length = 0
    for m in _MARK.finditer(line):
        before = line[pos:m.start()]
        text.append(before)
        length += len(before)
        cats, inner = m.group(1).split(","), m.group(2)
        for c in cats:
            if c not in CATEGORIES:
                raise ValueError(f"unknown category {c!r} in: {line}")
            spans.append({"category": c, "start": length, "end": length + len(inner)})
        text.append(inner)
        length += len(inner)
        pos = m.end()
    text.append(line[pos:])
    plain = "".join(text)
    if "{" in plain or "}" in plain:
        raise ValueError(f"unbalanced mark-up in: {line}")
    return plain, spans


def split_of(text: str) -> str:
    """About 25 % of notes go to the held-out test split, by a hash of the text."""
    return "test" if hashlib.sha256(text.encode()).digest()[0] < 64 else "dev"


def build() -> list[dict]:
    notes = []
    for line in SRC.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        text, spans = parse_line(line)
        notes.append({"id": f"n{len(notes) + 1:04d}", "split": split_of(text), "text": text, "spans": spans})
    return notes


def render(notes: list[dict]) -> str:
    return "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)


def main(argv: list[str]) -> int:
    out = render(build())
    if "--check" in argv:
        return 0 if OUT.exists() and OUT.read_text(encoding="utf-8") == out else 1
    OUT.write_text(out, encoding="utf-8")
    notes = [json.loads(x) for x in out.splitlines()]
    counts = {c: 0 for c in CATEGORIES}
    for n in notes:
        for s in n["spans"]:
            counts[s["category"]] += 1
    clean = sum(1 for n in notes if not n["spans"])
    test = sum(1 for n in notes if n["split"] == "test")
    print(f"{len(notes)} notes ({clean} clean, {test} test); spans: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
