"""The terminal summary: plain text off a terminal, baseline counts, where the files are."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from auditor.report.terminal import print_summary
from tests.report.builders import make_result


def test_no_colour_codes_off_a_terminal() -> None:
    buf = io.StringIO()
    print_summary(make_result(baseline=True), [Path("out/rapport.pdf")], Console(file=buf, width=100))
    text = buf.getvalue()
    assert "\x1b[" not in text
    assert "AUD-20260701-TEST01" in text and "Écrit : out/rapport.pdf" in text
    assert "Depuis l'audit AUD-20260601-TEST00 : 1 nouveau(x), 1 résolu(s), 5 persistant(s)." in text
