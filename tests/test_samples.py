"""End to end on the shipped samples (SQLite, CSV export, and the export as a workbook): every check finds something,
the source is untouched, and no personal value of the data appears in any output."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from tests.engine.helpers import Run, run_subprocess

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
AS_OF = "2026-06-30"
CASES = [("company", "sqlite"), ("company", "csv"), ("departement", "sqlite"), ("departement", "csv"),
         ("company", "xlsx"), ("departement", "ods")]


def _source(name: str, kind: str) -> Path:
    return SAMPLES / name / ("csv" if kind == "csv" else f"{name}.{kind}")


def _tree_hash(path: Path) -> str:
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


class Scan:
    def __init__(self, run: Run, out: Path, before: str, after: str) -> None:
        self.run, self.out, self.before, self.after = run, out, before, after
        self.doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}-{k}" for n, k in CASES])
def scan(request, tmp_path_factory) -> Scan:
    name, kind = request.param
    src = _source(name, kind)
    out = tmp_path_factory.mktemp(f"{name}-{kind}") / "rapport"
    before = _tree_hash(src)
    run = run_subprocess(["scan", str(src), "--out", str(out), "--as-of", AS_OF, "--format", "json,html,pdf,csv"],
                         timeout=1800)
    assert run.code in (0, 1), run.err
    return Scan(run, out, before, _tree_hash(src))


def test_source_untouched(scan: Scan) -> None:
    assert scan.before == scan.after


def test_every_check_finds_something(scan: Scan) -> None:
    assert {f["check"] for f in scan.doc["findings"]} == {"access", "nominative", "subjective", "retention"}
    assert scan.run.code == 1  # the samples hold high or critical problems


def test_findings_valid_against_schema(scan: Scan) -> None:
    schema = json.loads((ROOT / "auditor" / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(scan.doc, schema)
    ids = [f["id"] for f in scan.doc["findings"]]
    assert len(ids) == len(set(ids))


def _personal_values(name: str) -> set[str]:
    values: set[str] = set()
    cols = json.loads((SAMPLES / name / "personal_columns.json").read_text(encoding="utf-8"))
    conn = sqlite3.connect(f"file:{SAMPLES / name / (name + '.sqlite')}?mode=ro", uri=True)
    for table, columns in cols.items():
        for col in columns:
            for (v,) in conn.execute(f'select distinct "{col}" from "{table}" where "{col}" is not null'):
                s = str(v).strip()
                if len(s) >= 4:
                    values.add(s)
                    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
                    if m:  # a birth date is also searched in its French form
                        values.add(f"{m.group(3)}/{m.group(2)}/{m.group(1)}")
    conn.close()
    values.update(json.loads((SAMPLES / name / "planted_text_values.json").read_text(encoding="utf-8")))
    return {v for v in values if len(v) >= 4}


def _outputs(scan: Scan) -> dict[str, str]:
    texts = {
        "findings.json": (scan.out / "findings.json").read_text(encoding="utf-8"),
        "rapport.html": (scan.out / "rapport.html").read_text(encoding="utf-8"),
        "constats.csv": (scan.out / "constats.csv").read_text(encoding="utf-8-sig"),
        "stdout": scan.run.out,
        "stderr": scan.run.err,
    }
    reader = PdfReader(str(scan.out / "rapport.pdf"))
    texts["rapport.pdf"] = "\n".join(page.extract_text() or "" for page in reader.pages)
    # HTML and JSON escape some characters: compare on an unescaped copy too
    texts["rapport.html (unescaped)"] = __import__("html").unescape(texts["rapport.html"])
    texts["findings.json (decoded)"] = json.dumps(scan.doc, ensure_ascii=False)
    return texts


def test_no_personal_value_in_any_output(scan: Scan, request) -> None:
    name = request.node.callspec.id.split("-")[0]
    values = _personal_values(name)
    assert len(values) > 500
    alternation = "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w@.+-])(?:{alternation})(?![\w@-])")
    leaks = []
    for where, text in _outputs(scan).items():
        flat = " ".join(text.split())
        for m in pattern.finditer(flat):
            leaks.append((where, m.group(0)[:3] + "…"))
    assert not leaks, f"{len(leaks)} personal value(s) found in outputs: {leaks[:10]}"


def test_pdf_has_the_opinion_sections(scan: Scan) -> None:
    reader = PdfReader(str(scan.out / "rapport.pdf"))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for heading in ("La question", "La situation telle que nous la comprenons", "Rappel", "Applications", "Avis"):
        assert heading in text
    assert "n'est pas un avis du CNADE" in text or "pas un avis du CNADE" in text
