#!/usr/bin/env python3
"""What the service model costs: the catalog alone, then the catalog and the model, on a zoo
database and on the département-scale database of ``bench/scale.py`` (built under /tmp the
first time). Inclusion tests read a bounded sample of distinct values, so the model's time
should not grow with the log.

Usage: python bench/bench_model.py [--scales 0.2,1.0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.catalog import build_catalog  # noqa: E402
from auditor.sources import open_source  # noqa: E402
from tests.zoo import generate as zoo  # noqa: E402


def measure(spec: str) -> tuple[float, float, int, list[str]]:
    """(catalog seconds, model seconds, evidence queries, model tree)."""
    from auditor.model import resolve
    from auditor.model.view import tree

    src = open_source(spec)
    try:
        t0 = time.perf_counter()
        cat = build_catalog(src, model=False)
        t1 = time.perf_counter()
        m = resolve(src.engine, cat)
        t2 = time.perf_counter()
    finally:
        src.close()
    return t1 - t0, t2 - t1, m.tests, tree(m)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="0.2,1.0")
    ap.add_argument("--tree", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, _exp = zoo.build("h2_legacy_upper", Path(tmp))
        c, m, q, tr = measure(str(path))
        print(f"zoo h2_legacy_upper: catalogue {c:.2f} s, modèle {m:.2f} s ({q} requêtes)")
    sys.path.insert(0, str(ROOT / "bench"))
    import scale  # noqa: E402

    for s in [float(x) for x in args.scales.split(",") if x]:
        out = Path(f"/tmp/auditor-scale/departement_x{s}.sqlite")
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            scale.build(out, s, say=lambda *_a: None)
        c, m, q, tr = measure(str(out))
        print(f"département x{s}: catalogue {c:.2f} s, modèle {m:.2f} s ({q} requêtes)")
        if args.tree:
            print("\n".join(tr))


if __name__ == "__main__":
    main()
