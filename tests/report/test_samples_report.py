"""The shipped samples each give a report whose every section is present and filled with real content."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor import api
from auditor.report import render_files
from tests.report.builders import html_text, section_texts
from tests.report.test_content import SECTIONS

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
AS_OF = dt.date(2026, 6, 30)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["company", "departement"])
def test_sample_report_is_complete(name: str, tmp_path: Path) -> None:
    db = SAMPLES / name / f"{name}.sqlite"
    if not db.exists():
        pytest.skip(f"sample {name} not generated")
    copy = tmp_path / db.name
    copy.write_bytes(db.read_bytes())
    result = api.audit(str(copy), as_of=AS_OF, commanditaire="Test des exemples")
    files = dict(render_files(result, ["json", "html", "pdf", "csv"]))
    text = html_text(files["rapport.html"].decode("utf-8"))
    parts = section_texts(text, SECTIONS)
    for heading in SECTIONS:
        assert len(parts[heading].split()) >= 40, f"{name}: section « {heading} » is empty or too short"
    # every check run is a question with an opinion, and the samples have findings for each built-in check
    for check in ("access", "nominative", "subjective", "retention"):
        assert any(f.check == check for f in result.findings), f"{name}: no finding from {check}"
    assert "non conforme" in parts["5. Avis"]
    assert "Constat 1.1." in parts["4.2. Applications"]
    pdf = PdfReader(io.BytesIO(files["rapport.pdf"]))
    pages = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
    assert all(f"page {i} / {len(pages)}" in t for i, t in enumerate(pages, start=1))
    assert "n'est pas un avis du CNADE, ni de l'ANAS, ni de la CNIL" in pages[0]
    assert files["plan_action_aipd.csv"].count(b"\r\n") == len(result.findings) + 1
