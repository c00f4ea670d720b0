"""The opinion (avis.html, avis.pdf): short, citing the full report, with charts drawn from the findings.

The sample databases are audited once per module; every test reads the same result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor import api
from auditor.findings import Finding, Severity
from auditor.report import OUTPUTS, render_files
from auditor.report.avis import MAX_RECOMMENDATIONS, build_avis, recommendations, theme_of, themes
from auditor.report.charts import exposure_chart, kanon_chart, retention_chart, writing_chart
from auditor.report.html import render_avis_text
from auditor.report.model import build, nombre, percent
from tests.report.builders import html_text, make_result

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
AS_OF = dt.date(2026, 6, 30)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module", params=["company", "departement"])
def sample(request, tmp_path_factory):
    name = request.param
    db = SAMPLES / name / f"{name}.sqlite"
    copy = tmp_path_factory.mktemp(name) / db.name
    copy.write_bytes(db.read_bytes())
    result = api.audit(str(copy), as_of=AS_OF, jobs=2)
    files = dict(render_files(result, ["json", "html", "pdf"]))
    return name, copy, result, files


def _pages(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _svgs(html: str) -> dict[str, ET.Element]:
    out = {}
    for m in re.finditer(r'<figure class="chart" id="figure-([a-z-]+)".*?(<svg .*?</svg>)', html, re.S):
        out[m.group(1)] = ET.fromstring(m.group(2))
    return out


def _texts(svg: ET.Element) -> list[str]:
    return [" ".join("".join(t.itertext()).split()) for t in svg.iter(f"{SVG}text")]


# ---------------------------------------------------------------------------- both samples
@pytest.mark.slow
def test_two_documents_and_the_opinion_is_short(sample) -> None:
    name, _copy, result, files = sample
    assert {"avis.html", "avis.pdf", "rapport.html", "rapport.pdf"} <= set(files)
    avis = _pages(files["avis.pdf"])
    rapport = _pages(files["rapport.pdf"])
    assert len(avis) <= 10, f"{name}: the opinion has {len(avis)} pages"
    assert len(rapport) > len(avis)
    assert "ce n'est pas un avis du CNADE, ni de l'ANAS, ni de la CNIL" in avis[0]
    text = html_text(files["avis.html"].decode("utf-8"))
    for heading in ("1. La question posée", "2. La situation telle que nous la comprenons",
                    "3. Les règles qui fondent l'avis", "4. Application à la situation", "5. Avis"):
        assert heading in text, heading


@pytest.mark.slow
def test_recommendations_at_most_ten_and_cite_findings_of_the_full_report(sample) -> None:
    name, _copy, result, files = sample
    model = build_avis(result)
    recs = model["avis_recommendations"]
    assert 1 <= len(recs) <= MAX_RECOMMENDATIONS
    rapport = html_text(files["rapport.html"].decode("utf-8"))
    numbers = {v.number for v in model["findings"]}
    cited = [n for g in recs for n in g["findings"]]
    assert set(cited) <= numbers
    for n in cited:
        assert f"Constat {n}." in rapport, f"{name}: constat {n} cited by the opinion is not in the full report"
    # every finding above "information" is answered by one recommendation, and only one
    graver = [v.number for v in model["findings"] if v.f.severity != Severity.INFO]
    assert sorted(n for n in cited if n in graver) == sorted(graver)
    # ranked: the gravest recommendations first
    ranks = [Severity(g["worst"]).rank for g in recs]
    assert ranks == sorted(ranks)
    # the opinion cites in its application the findings it argues from, by the same numbers
    avis = html_text(files["avis.html"].decode("utf-8"))
    for q in model["avis_questions"]:
        for v in q.strongest:
            assert f"constat {v.number}" in avis


@pytest.mark.slow
def test_charts_present_where_the_data_is_and_match_the_findings(sample) -> None:
    name, _copy, result, files = sample
    html = files["avis.html"].decode("utf-8")
    svgs = _svgs(html)
    rules = {f.rule for f in result.findings}
    expected = {"exposition"} if "access.exposure_ratio" in rules else set()
    if "nominative.k_anonymity" in rules:
        expected.add("k-anonymat")
    if rules & {"retention.person_past_period", "retention.file_past_period", "retention.log_past_period"}:
        expected.add("conservation")
    if any(f.check == "subjective" and f.column for f in result.findings):
        expected.add("ecrits")
    assert set(svgs) == expected, name
    # no empty frame where a chart is absent
    assert html.count('<figure class="chart"') == len(expected)
    for key, svg in svgs.items():
        assert svg.find(f"{SVG}title") is not None, key  # accessible name
        assert svg.get("role") == "img"
        assert not list(svg.iter(f"{SVG}script")) and "http" not in "".join(svg.itertext())
    numbered = {v.f.id: v.number for v in build(result)["findings"]}
    if "ecrits" in svgs:
        labels = _texts(svgs["ecrits"])
        for f in result.findings:
            if f.rule == "subjective.judgement_in_free_text":
                judged = [g for g in result.findings if g.rule == f.rule]
                share = percent(sum(g.affected for g in judged), sum(g.total for g in judged))
                assert share.replace("\u202f", " ") in [t.replace("\u202f", " ") for t in labels]
    if "conservation" in svgs:
        labels = " ".join(_texts(svgs["conservation"])).replace("\u202f", " ")
        for f in result.findings:
            if f.rule in ("retention.person_past_period", "retention.file_past_period") and f.total:
                assert f"{nombre(f.affected)} sur {nombre(f.total)}".replace("\u202f", " ") in labels, numbered[f.id]
    if "k-anonymat" in svgs:
        f = max((f for f in result.findings if f.rule == "nominative.k_anonymity"), key=lambda f: f.affected or 0)
        labels = [t.replace("\u202f", " ") for t in _texts(svgs["k-anonymat"])]
        for rows in f.details["rows_by_group_size"].values():
            assert nombre(rows).replace("\u202f", " ") in labels
    if "exposition" in svgs:
        f = next(f for f in result.findings if f.rule == "access.exposure_ratio")
        points = [u for g in svgs["exposition"].iter(f"{SVG}g") if (g.get("id") or "").startswith("points-")
                  for u in g.iter(f"{SVG}use")]
        assert len(points) == f.details["workers"] == len(f.details["distribution"])


@pytest.mark.slow
def test_no_local_path_on_the_cover_unless_asked(sample) -> None:
    name, copy, result, files = sample
    parent = str(copy.parent)
    for fname in ("avis.html", "rapport.html"):
        assert parent not in files[fname].decode("utf-8"), f"{name}: {fname} names the auditor's folder"
    assert copy.name in files["avis.html"].decode("utf-8")
    shown = dataclasses.replace(result, show_source_path=True)
    rapport = dict(render_files(shown, ["html"]))["rapport.html"].decode("utf-8")
    assert str(copy) in rapport
    cover = rapport.split('id="sommaire"')[0]
    assert parent not in cover  # even then, only the method annex has it


# ---------------------------------------------------------------------------- synthetic
def test_every_built_in_rule_has_a_theme() -> None:
    from auditor.registry import load_checks

    rules = [r for c in load_checks().values() for r in c.info.rules]
    assert rules
    assert [r for r in rules if theme_of(r) is None] == []
    assert len(themes()) <= MAX_RECOMMENDATIONS


def _finding(rule: str, sev: Severity, n: int) -> Finding:
    check = rule.split(".")[0]
    return Finding(check=check, rule=rule, severity=sev, title=f"{rule} {n}", table=f"t{n}", column=None,
                   affected=n, total=10 * n, references=(), recommendation=f"faire {rule}", subject=str(n))


def test_recommendations_are_capped_and_merge_the_least_grave() -> None:
    base = make_result()
    rules = [f"outside{i}.rule" for i in range(14)]
    fs = [_finding(r, Severity.HIGH if i < 3 else Severity.LOW, i + 1) for i, r in enumerate(rules)]
    result = dataclasses.replace(base, findings=fs, checks_run=sorted({f.check for f in fs}), baseline=None)
    recs = recommendations(build(result)["questions"])
    assert len(recs) == MAX_RECOMMENDATIONS
    assert all(Severity(g["worst"]) == Severity.HIGH for g in recs[:3])
    last = recs[-1]
    assert last["key"] == "rest" and len(last["findings"]) == 14 - (MAX_RECOMMENDATIONS - 1)
    assert sorted(n for g in recs for n in g["findings"]) == sorted(v.number for v in build(result)["findings"])


def test_charts_absent_without_data() -> None:
    f = _finding("access.exposure_ratio", Severity.INFO, 1)
    assert exposure_chart(f, "1.1") is None
    assert kanon_chart(_finding("nominative.k_anonymity", Severity.HIGH, 1), "2.1") is None
    assert retention_chart([(_finding("retention.person_past_period", Severity.HIGH, 1), "4.1")]) is None
    assert writing_chart([(_finding("access.generic_accounts", Severity.HIGH, 1), "1.2")]) is None
    html = render_avis_text(dataclasses.replace(make_result(), findings=[]))
    assert "<figure" not in html and "<svg" not in html


def test_charts_are_deterministic() -> None:
    f = dataclasses.replace(_finding("nominative.k_anonymity", Severity.HIGH, 3),
                            details={"k": 5, "rows_by_group_size": {"1": 40, "2": 12, "3-4": 9, "5-10": 30, "20+": 400}})
    a, b = kanon_chart(f, "2.1"), kanon_chart(f, "2.1")
    assert a is not None and b is not None and a.svg == b.svg
    bars = [g for g in ET.fromstring(a.svg).iter(f"{SVG}g") if (g.get("id") or "").startswith("barre-")]
    assert len(bars) == 5
    assert [r[2] for r in a.rows] == ["oui", "oui", "oui", "non", "non"]


def test_outputs_list_both_documents() -> None:
    assert OUTPUTS["pdf"] == ("rapport.pdf", "avis.pdf") and OUTPUTS["html"] == ("rapport.html", "avis.html")
