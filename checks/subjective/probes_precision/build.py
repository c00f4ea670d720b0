"""Build the precision probes (jsonl) from the hand-written notes of ``batch*.py``.

A note is written with inline labels: ``{cat:words}`` marks a gold span of category
``cat`` (short codes below); ``{H+S:words}`` one span in two categories. The markup is removed and the span offsets computed here, so
the notes stay readable and the offsets cannot drift.

    python checks/subjective/probes_precision/build.py
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CODES = {
    "J": "judgement", "H": "hypothesis", "S": "health", "X": "sexuality", "R": "religion",
    "O": "origin", "P": "political", "C": "criminal", "I": "immigration", "T": "third_party",
    "D": "identifier",
}
MARK = re.compile(r"\{([A-Z](?:\+[A-Z])*):([^{}]*)\}")


def parse(marked: str) -> tuple[str, list[dict]]:
    out, spans, pos = [], [], 0
    i = 0
    for m in MARK.finditer(marked):
        out.append(marked[i:m.start()])
        pos += m.start() - i
        words = m.group(2)
        for code in m.group(1).split("+"):  # "H+S": one span in two categories
            spans.append({"category": CODES[code], "start": pos, "end": pos + len(words)})
        out.append(words)
        pos += len(words)
        i = m.end()
    out.append(marked[i:])
    text = "".join(out)
    if "{" in text or "}" in text:
        raise ValueError(f"unbalanced markup: {marked!r}")
    return text, spans


def build(module_path: Path, out_path: Path) -> int:
    spec = importlib.util.spec_from_file_location(module_path.stem, module_path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = []
    for register, prefix, notes in mod.REGISTERS:
        for k, marked in enumerate(notes, 1):
            text, spans = parse(marked.strip())
            rows.append({"id": f"{prefix}{k:03d}", "register": register, "text": text, "spans": spans})
    out_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def main() -> int:
    for src in sorted(HERE.glob("batch*.py")):
        out = HERE / f"probes_{src.stem}.jsonl"
        n = build(src, out)
        print(f"{out.name}: {n} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
