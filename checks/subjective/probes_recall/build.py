"""Build the probe notes (jsonl, corpus format) from the hand-written sources in ``src/``.

Each source line is one note; ``{category|words}`` marks a labelled span; lines starting
with ``#`` are comments (the first, ``# register: NAME ...``, names the register).

    python checks/subjective/probes_recall/build.py src/aemo.txt src/maraude.txt src/caf.txt -o notes_probes_recall.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\{([a-z_]+)\|([^{}]+)\}")
CATEGORIES = {"judgement", "hypothesis", "health", "sexuality", "religion", "origin", "political", "criminal",
              "immigration", "third_party", "identifier"}


def parse(line: str) -> tuple[str, list[dict]]:
    text, spans, pos = [], [], 0
    n = 0
    for m in MARK.finditer(line):
        text.append(line[pos:m.start()])
        n += len(line[pos:m.start()])
        cat, words = m.group(1), m.group(2)
        if cat not in CATEGORIES:
            raise ValueError(f"unknown category {cat!r} in {line!r}")
        spans.append({"category": cat, "start": n, "end": n + len(words)})
        text.append(words)
        n += len(words)
        pos = m.end()
    text.append(line[pos:])
    out = "".join(text)
    if "{" in out or "}" in out or "|" in out:
        raise ValueError(f"stray mark-up in {line!r}")
    return out, spans


def build(paths: list[Path]) -> list[dict]:
    notes = []
    for p in paths:
        register = None
        k = 0
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.startswith("# register:"):
                register = line.split(":", 1)[1].split()[0]
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if register is None:
                raise ValueError(f"{p}: no '# register:' line before the notes")
            text, spans = parse(line.strip())
            k += 1
            notes.append({"id": f"{register}{k:03d}", "register": register, "text": text, "spans": spans})
    return notes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="+")
    ap.add_argument("-o", "--out", required=True)
    a = ap.parse_args(argv)
    notes = build([HERE / s for s in a.sources])
    with open(HERE / a.out, "w", encoding="utf-8") as f:
        for n in notes:
            f.write(json.dumps(n, ensure_ascii=False) + "\n")
    clean = sum(1 for n in notes if not n["spans"])
    print(f"{len(notes)} notes, {clean} clean ({100 * clean / len(notes):.0f} %)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
