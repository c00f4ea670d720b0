"""Turn the hand-written probe batches (batch*.txt, inline span markup) into the corpus format.

    python checks/subjective/probes_health/build.py

Each batch*.txt line is ``register<TAB>text``; ``{h:words}`` marks a gold span (codes below),
``\\n`` is a line break. Writes ``notes_<batch>.jsonl`` beside it (id, register, text, spans),
the format of ``checks/subjective/corpus/notes_registers.jsonl``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODES = {"h": "health", "i": "immigration", "t": "third_party", "j": "judgement", "y": "hypothesis",
         "c": "criminal", "d": "identifier", "o": "origin", "r": "religion", "p": "political", "s": "sexuality"}
MARK = re.compile(r"\{([a-z]):([^{}]+)\}")


def parse(line: str) -> tuple[str, list[dict]]:
    text, spans, pos = "", [], 0
    for m in MARK.finditer(line):
        text += line[pos:m.start()]
        start = len(text)
        text += m.group(2)
        spans.append({"category": CODES[m.group(1)], "start": start, "end": len(text)})
        pos = m.end()
    text += line[pos:]
    if "{" in text or "}" in text:
        raise ValueError(f"unbalanced markup: {line!r}")
    return text, spans


def build(batch: Path) -> Path:
    """Write ``notes_<batch>.jsonl`` beside ``batch``."""
    out, n = [], 0
    for raw in batch.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        register, body = raw.split("\t", 1)
        text, spans = parse(body.replace("\\n", "\n"))
        n += 1
        out.append({"id": f"{batch.stem}-{register}-{n:03d}", "register": register, "text": text, "spans": spans})
    dest = batch.parent / f"notes_{batch.stem}.jsonl"
    dest.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8")
    return dest


def main(here: Path = HERE) -> None:
    """Build every batch*.txt of ``here``."""
    for b in sorted(here.glob("batch*.txt")):
        d = build(b)
        notes = [json.loads(x) for x in d.read_text(encoding="utf-8").splitlines()]
        clean = sum(1 for x in notes if not x["spans"])
        print(f"{d.name}: {len(notes)} notes, {clean} clean ({100 * clean / len(notes):.0f} %)", file=sys.stderr)


if __name__ == "__main__":
    main()
