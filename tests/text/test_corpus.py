"""The labelled corpus is well formed (scores are printed by bench/eval_text.py, not asserted)."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from auditor.text import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "notes_labelled.jsonl"


def notes():
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_corpus_is_well_formed():
    ns = notes()
    assert len(ns) >= 400
    ids = [n["id"] for n in ns]
    assert len(set(ids)) == len(ids)
    for n in ns:
        assert set(n) >= {"id", "text", "spans", "split"}
        assert n["split"] in ("dev", "test")
        for s in n["spans"]:
            assert s["category"] in CATEGORIES
            assert 0 <= s["start"] < s["end"] <= len(n["text"])
            assert n["text"][s["start"]:s["end"]].strip() == n["text"][s["start"]:s["end"]]


def test_corpus_balance():
    ns = notes()
    counts = Counter(s["category"] for n in ns for s in n["spans"])
    for cat in CATEGORIES:
        assert counts[cat] >= 25, cat
    clean = sum(1 for n in ns if not n["spans"])
    assert 0.4 <= clean / len(ns) <= 0.6
    test = sum(1 for n in ns if n["split"] == "test")
    assert 0.15 <= test / len(ns) <= 0.35


def test_jsonl_is_built_from_its_source():
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "build_corpus.py"), "--check"], capture_output=True)
    assert r.returncode == 0, "run: python bench/build_corpus.py"


REGISTERS = ROOT / "checks" / "subjective" / "corpus" / "notes_registers.jsonl"


def test_register_corpus_is_well_formed_and_built_from_its_templates():
    ns = [json.loads(line) for line in REGISTERS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(ns) >= 3000
    regs = Counter(n["register"] for n in ns)
    assert len(regs) >= 5 and min(regs.values()) >= 500
    for n in ns:
        for s in n["spans"]:
            assert s["category"] in CATEGORIES
            assert 0 <= s["start"] < s["end"] <= len(n["text"])
    gen = ROOT / "checks" / "subjective" / "corpus" / "generate.py"
    r = subprocess.run([sys.executable, str(gen), "--check"], capture_output=True)
    assert r.returncode == 0, "run: python checks/subjective/corpus/generate.py"
