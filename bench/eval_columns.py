"""Column-level evaluation of the catalog against the labelled set.

Usage: python bench/eval_columns.py [--errors]

Classifies every column of the two shipped samples and of the extra tables
(``tests/catalog/labelled_extra.py``, other naming styles and hard
negatives), compares with ``tests/data/columns_labelled.jsonl`` and prints:

- precision and recall of "direct identifier" at column level (a column is
  positive when its kind is one of ``DIRECT_IDENTIFIER_KINDS``: name, first
  name, NIR, birth date, address, phone, e-mail, IBAN, CAF number, employee
  number), with F2 (recall-weighted);
- the same for quasi-identifiers;
- exact-kind accuracy, and with ``--errors`` every disagreement.

Matching rule: one decision per labelled column; nothing else is counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.api import inspect_source  # noqa: E402
from auditor.catalog import DIRECT_IDENTIFIER_KINDS, QUASI_IDENTIFIER_KINDS  # noqa: E402
from tests.catalog.labelled_extra import build  # noqa: E402

LABELS = ROOT / "tests" / "data" / "columns_labelled.jsonl"


def load_labels() -> list[dict]:
    """The labelled columns."""
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def predictions(tmp: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(source, table, column) -> (predicted kind, reason) for the three sources."""
    sources = {
        "company": ROOT / "sample_data" / "company" / "company.sqlite",
        "departement": ROOT / "sample_data" / "departement" / "departement.sqlite",
        "extra": build(tmp / "extra.sqlite"),
    }
    out: dict[tuple[str, str, str], tuple[str, str]] = {}
    for name, path in sources.items():
        src, cat = inspect_source(str(path))
        src.close()
        for t in cat.tables.values():
            for c in t.columns.values():
                out[(name, t.name, c.name)] = (c.kind, c.reason)
    return out


def scores(pairs: list[tuple[str, str]], positive: frozenset[str]) -> dict[str, float]:
    """Precision, recall, F1 and F2 of ``kind in positive`` over (expected, predicted) pairs."""
    tp = sum(1 for e, p in pairs if e in positive and p in positive)
    fp = sum(1 for e, p in pairs if e not in positive and p in positive)
    fn = sum(1 for e, p in pairs if e in positive and p not in positive)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    f2 = 5 * prec * rec / (4 * prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1, "f2": f2}


def evaluate(show_errors: bool = False) -> dict[str, dict[str, float]]:
    """Run the evaluation and print the report; return the scores."""
    labels = load_labels()
    with tempfile.TemporaryDirectory() as tmp:
        pred = predictions(Path(tmp))
    pairs: list[tuple[str, str]] = []
    errors: list[str] = []
    missing = []
    for row in labels:
        key = (row["source"], row["table"], row["column"])
        if key not in pred:
            missing.append(key)
            continue
        kind, reason = pred[key]
        pairs.append((row["kind"], kind))
        if kind != row["kind"]:
            errors.append(f"  {'.'.join(key):55} attendu {row['kind']:18} obtenu {kind:18} {reason[:90]}")
    direct = scores(pairs, DIRECT_IDENTIFIER_KINDS)
    quasi = scores(pairs, QUASI_IDENTIFIER_KINDS)
    exact = sum(1 for e, p in pairs if e == p) / len(pairs)
    by_source = Counter(r["source"] for r in labels)
    negatives = sum(1 for e, _ in pairs if e not in DIRECT_IDENTIFIER_KINDS)
    print(f"Colonnes étiquetées : {len(pairs)} ({', '.join(f'{k} {v}' for k, v in sorted(by_source.items()))}) ; "
          f"identifiants directs {direct['tp'] + direct['fn']}, autres (dont négatifs difficiles) {negatives}")
    for title, s in (("Identifiants directs", direct), ("Quasi-identifiants", quasi)):
        print(f"{title:22} précision {s['precision']:.3f}  rappel {s['recall']:.3f}  F1 {s['f1']:.3f}  F2 {s['f2']:.3f}  "
              f"(VP {s['tp']}, FP {s['fp']}, FN {s['fn']})")
    print(f"Type exact             {exact:.3f} ({sum(1 for e, p in pairs if e == p)}/{len(pairs)})")
    if missing:
        print(f"Colonnes étiquetées absentes de la source : {missing}")
    if show_errors and errors:
        print("Désaccords :")
        print("\n".join(errors))
    return {"direct": direct, "quasi": quasi, "exact": {"accuracy": exact}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="afficher chaque désaccord")
    args = ap.parse_args()
    s = evaluate(args.errors)
    return 0 if s["direct"]["precision"] >= 0.95 and s["direct"]["recall"] >= 0.95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
