"""Golden files: the normalised text of the HTML report for a fixed result.

Update after reviewing the diff like code:
    AUDITOR_UPDATE_GOLDEN=1 python -m pytest tests/report/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from auditor.report.html import render_text
from tests.report.builders import html_text, make_result

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("AUDITOR_UPDATE_GOLDEN") == "1"


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"golden file {path} is missing: run with AUDITOR_UPDATE_GOLDEN=1 and review it")
        path.write_text(text, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "rendered", n=1))
        pytest.fail(f"{name} differs from the golden file (AUDITOR_UPDATE_GOLDEN=1 to accept after review):\n{diff[:6000]}")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("rapport_synthetique.txt", {"baseline": False}),
        ("rapport_depuis_dernier_audit.txt", {"baseline": True}),
        ("rapport_sans_commanditaire.txt", {"baseline": False, "commanditaire": None}),
    ],
)
def test_html_text_matches_golden(name: str, kwargs: dict) -> None:
    _check(name, html_text(render_text(make_result(**kwargs))))


def test_rendering_is_deterministic() -> None:
    assert render_text(make_result(baseline=True)) == render_text(make_result(baseline=True))
