"""The PDF: rendered from the HTML, read back as text; page numbers, running header, contents, embedded fonts."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from auditor.report.html import render as render_html
from auditor.report.pdf import render_from_html
from tests.report.builders import make_result


@pytest.fixture(scope="module")
def pdf() -> PdfReader:
    return PdfReader(io.BytesIO(render_from_html(render_html(make_result(baseline=True)))))


def _texts(pdf: PdfReader) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pdf.pages]


def test_pdf_text_has_every_section(pdf: PdfReader) -> None:
    text = " ".join(_texts(pdf))
    for heading in ("1. La question posée", "2. La situation telle que nous la comprenons", "3. Les questions soulevées",
                    "4.1. Rappel de quelques règles", "4.2. Applications", "5. Avis", "6. Depuis le dernier audit",
                    "Annexe A. Méthode et périmètre", "Annexe B. Tableau complet des constats",
                    "Annexe C. Plan d'action pour l'analyse d'impact", "Annexe D. Références citées",
                    "Annexe E. Empreintes", "Annexe F. Résumé des faits pour une plainte à la CNIL", "Annexe G. Glossaire"):
        assert heading in text, heading
    assert "n'est pas un avis du CNADE, ni de l'ANAS, ni de la CNIL" in _texts(pdf)[0]


def test_page_numbers_and_running_header(pdf: PdfReader) -> None:
    texts = _texts(pdf)
    n = len(texts)
    assert n >= 8
    for i, t in enumerate(texts, start=1):
        assert f"page {i} / {n}" in t, f"page {i} has no page number"
    for t in texts[1:]:
        assert "AUD-20260701-TEST01" in t
        assert "Ni un avis du CNADE, ni de l'ANAS, ni de la CNIL" in t


def test_table_of_contents_has_page_numbers(pdf: PdfReader) -> None:
    texts = _texts(pdf)
    assert "Sommaire" not in texts[0] and "Sommaire" in texts[1], "the cover fits on the first page"
    toc = texts[1]
    m = re.search(r"Annexe G\. Glossaire[ .]*(\d+)", toc)
    assert m and 1 < int(m.group(1)) <= len(pdf.pages)
    m = re.search(r"5\. Avis[ .]*(\d+)", toc)
    assert m and "5. Avis" in _texts(pdf)[int(m.group(1)) - 1]


def test_complaint_summary_fits_on_one_page(pdf: PdfReader) -> None:
    texts = _texts(pdf)
    pages = [i for i, t in enumerate(texts) if "Annexe F. Résumé des faits pour une plainte à la CNIL" in t and "Sommaire" not in t]
    assert len(pages) == 1
    page = texts[pages[0]]
    assert "Pièces jointes proposées" in page and "N'y joignez aucun extrait de dossier" in page


def test_fonts_are_embedded(pdf: PdfReader) -> None:
    fonts = []
    for page in pdf.pages:
        res = page.get("/Resources") or {}
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            desc = target.get("/FontDescriptor")
            if desc is None:
                continue
            desc = desc.get_object()
            fonts.append((str(target.get("/BaseFont")), any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts
    assert all(embedded for _name, embedded in fonts), [name for name, e in fonts if not e]


def test_pdf_metadata(pdf: PdfReader) -> None:
    meta = pdf.metadata
    assert "AUD-20260701-TEST01" in (meta.title or "")
    assert "auditor" in (meta.author or "")
