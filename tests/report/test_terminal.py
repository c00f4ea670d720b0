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
    assert "Depuis l'audit AUD-20260601-TEST00 : 1 nouveau, 1 résolu, 5 persistants." in text


def _summary(result, threshold=None, width=140) -> str:
    from auditor.findings import Severity

    buf = io.StringIO()
    print_summary(result, [Path("out/rapport.pdf")], Console(file=buf, width=width),
                  Severity(threshold) if threshold else None)
    return buf.getvalue()


def test_exit_status_is_explained_in_one_french_line() -> None:
    result = make_result()
    n = sum(1 for f in result.findings if f.severity.value in ("critical", "high"))
    text = _summary(result, "high")
    assert text.rstrip().splitlines()[-1] == f"{n} constats de gravité élevée ou critique : code de sortie 1 (voir --fail-on)."
    assert "de gravité moyenne, élevée ou critique : code de sortie 1" in _summary(result, "medium")


def test_summary_table_is_french() -> None:
    text = _summary(make_result())
    assert "Accès aux dossiers" in text and "Durées de conservation" in text  # the question, not "access"
    assert " access " not in text and " retention " not in text
    assert "(s)" not in text and "(x)" not in text
    assert "Synthèse : 1 de gravité critique, 3 de gravité élevée, 1 de gravité moyenne, 1 de gravité faible, 0 pour information." in text
    assert "droit_acces.perimetre" in text
    assert "1\u202f200" in text  # French thousands


def test_summary_says_how_many_findings_are_not_shown() -> None:
    import dataclasses

    from auditor.report import terminal

    result = make_result()
    shown = terminal.SHOWN
    try:
        terminal.SHOWN = 2
        text = _summary(result)
    finally:
        terminal.SHOWN = shown
    rest = len(result.findings) - 2
    assert f"{rest} autres constats, moins graves ou de même gravité, ne sont pas affichés ici" in " ".join(text.split())
    assert dataclasses.is_dataclass(result)
