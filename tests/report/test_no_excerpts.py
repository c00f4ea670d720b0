"""By default no output quotes the free text of the audited records.

A finding on writing gives counts, the category, the flagged lexicon terms and
record pseudonyms; redacted excerpts only with ``scan --extraits``. On both shipped
samples, no run of more than three consecutive words of any text value of the
source appears in findings.json, rapport.html, rapport.pdf, the CSV files or the
terminal summary.
"""

from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.engine.helpers import run_subprocess

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
WORD = re.compile(r"\w+")
N = 4  # more than three consecutive words


def grams(text: str, n: int = N) -> set[tuple[str, ...]]:
    ws = [w.lower() for w in WORD.findall(text)]
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def source_grams(db: Path) -> dict[tuple[str, ...], str]:
    """Every run of four words of every text value of the database, with where it comes from."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out: dict[tuple[str, ...], str] = {}
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
        for t in tables:
            for col in [r[1] for r in conn.execute(f'pragma table_info("{t}")')]:
                for (v,) in conn.execute(f'select distinct "{col}" from "{t}" where typeof("{col}") = \'text\''):
                    for g in grams(v):
                        if all(w.isdigit() for w in g):
                            continue  # a run of numbers is a date or a figure, not a sentence (contact numbers are planted values: tests/engine/test_invariants.py)
                        out.setdefault(g, f"{t}.{col}")
    finally:
        conn.close()
    return out


def output_texts(out: Path, terminal: str) -> dict[str, str]:
    texts = {"terminal": terminal}
    for p in sorted(out.iterdir()):
        if p.suffix == ".pdf":
            texts[p.name] = "\n".join(page.extract_text() for page in PdfReader(p).pages)
        else:
            texts[p.name] = html.unescape(p.read_text(encoding="utf-8-sig"))
    return texts


@pytest.fixture(scope="module", params=["company", "departement"])
def sample_run(request, tmp_path_factory):
    name = request.param
    out = tmp_path_factory.mktemp(f"noexcerpt-{name}") / "rapport"
    run = run_subprocess(["scan", str(SAMPLES / name / f"{name}.sqlite"), "--out", str(out), "--as-of", "2026-06-30",
                          "--format", "json,html,pdf,csv", "--quiet"], timeout=1800)
    assert run.code in (0, 1), run.err
    return name, out, run


def test_no_sentence_of_the_free_text_in_any_output(sample_run) -> None:
    name, out, run = sample_run
    src = source_grams(SAMPLES / name / f"{name}.sqlite")
    texts = output_texts(out, run.out + run.err)
    assert {"findings.json", "rapport.html", "rapport.pdf", "avis.html", "avis.pdf", "constats.csv", "plan_action_aipd.csv",
            "terminal"} <= set(texts)
    leaks = {}
    for fname, text in texts.items():
        hits = sorted(" ".join(g) + f" ({src[g]})" for g in grams(text) if g in src)
        if hits:
            leaks[fname] = hits[:10]
    assert not leaks, leaks


def test_writing_findings_give_terms_and_pseudonyms(sample_run) -> None:
    import json

    _name, out, _run = sample_run
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert doc["excerpts"] is False
    writing = [f for f in doc["findings"] if f["check"] == "subjective" and f["evidence"]]
    assert writing
    for f in writing:
        for e in f["evidence"]:
            assert e["record"] and e["record"].startswith("REC-")
            assert e["excerpt"].startswith("termes relevés : ")
    sensitive = [f for f in writing if f["rule"] == "subjective.sensitive_data_in_free_text"]
    assert any(f["details"].get("terms") for f in sensitive)
    html_text = (out / "rapport.html").read_text(encoding="utf-8")
    assert "ne pas diffuser" not in html_text


def test_extraits_warns_and_puts_a_banner_on_the_cover(tmp_path, capsys) -> None:
    import json

    from tests.engine.helpers import make_minimal_db, run_cli

    db = make_minimal_db(tmp_path / "base.sqlite")
    out = tmp_path / "rapport"
    run = run_cli(["scan", str(db), "--out", str(out), "--as-of", "2026-06-30", "--format", "json,html",
                   "--quiet", "--extraits"], capsys)
    assert run.code in (0, 1), run.err
    assert "Attention : le rapport contiendra des extraits" in " ".join(run.err.split())
    page = " ".join(html.unescape((out / "rapport.html").read_text(encoding="utf-8")).split()).replace("\u00a0", " ")
    assert "Ce rapport contient des extraits d'écrits : ne pas diffuser." in page
    assert "jamais le rapport complet" in page  # annex F no longer offers the report as an attachment
    assert "peut être transmis sans risque" not in page
    assert json.loads((out / "findings.json").read_text(encoding="utf-8"))["excerpts"] is True


def test_extraits_policy_key(tmp_path, capsys) -> None:
    from tests.engine.helpers import make_minimal_db, run_cli

    db = make_minimal_db(tmp_path / "base.sqlite")
    pol = tmp_path / "politique.toml"
    pol.write_text("[audit]\nextraits = true\n", encoding="utf-8")
    run = run_cli(["scan", str(db), "--out", str(tmp_path / "r"), "--format", "html", "--quiet", "--policy", str(pol)],
                  capsys)
    assert run.code in (0, 1), run.err
    assert "ne pas diffuser" in html.unescape((tmp_path / "r" / "rapport.html").read_text(encoding="utf-8"))
    pol.write_text("[audit]\nextraits = \"oui\"\n", encoding="utf-8")
    run = run_cli(["scan", str(db), "--out", str(tmp_path / "r2"), "--quiet", "--policy", str(pol)], capsys)
    assert run.code == 2 and "ligne 2" in run.err and "extraits" in run.err


def test_default_report_promises_no_excerpt_and_offers_it_as_attachment() -> None:
    from auditor.report.html import render_text
    from tests.report.builders import html_text, make_result

    text = html_text(render_text(make_result()))
    assert "aucun extrait des écrits n'est cité" in text
    assert "le présent résumé ou le rapport complet, qui ne cite aucun extrait" in text
    assert "ne pas diffuser" not in text
