"""findings.json against the shipped schema, the CSV exports, atomic writes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from auditor import report
from auditor.errors import UserError
from auditor.report.csv import COLUMNS, PLAN_COLUMNS, render, render_plan, safe_cell
from auditor.report.json import render as render_json
from auditor.resources import schema_path
from tests.report.builders import make_result


def _schema() -> dict:
    return json.loads(schema_path("findings.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("baseline", [False, True])
def test_findings_json_is_valid(baseline: bool) -> None:
    doc = json.loads(render_json(make_result(baseline=baseline)))
    jsonschema.validate(doc, _schema(), format_checker=jsonschema.FormatChecker())
    if baseline:
        assert set(doc["baseline"]) >= {"new", "resolved", "persisting"}
        assert doc["baseline_of"]["audit_number"] == "AUD-20260601-TEST00"


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_constats_csv() -> None:
    rows = _rows(render(make_result(baseline=True)))
    assert rows[0] == COLUMNS
    assert len(rows) == 1 + len(make_result().findings)
    by = {r[0]: dict(zip(COLUMNS, r)) for r in rows[1:]}
    retention = next(r for r in by.values() if r["contrôle"] == "retention")
    assert retention["à vérifier"] == "oui" and retention["statut"] == "persistant" and retention["concernés"] == "412"
    assert retention["part concernée"] == "34\u202f%"
    assert any(r["statut"] == "nouveau" for r in by.values())


def test_plan_action_csv() -> None:
    rows = _rows(render_plan(make_result()))
    assert rows[0] == PLAN_COLUMNS
    first = dict(zip(PLAN_COLUMNS, rows[1]))
    assert first["numéro"] == "constat 1.1" and first["priorité"] == "sans attendre"
    assert first["risque (événement redouté)"] and first["gravité"] == "importante" and first["statut"] == "à faire"
    assert first["responsable"] == "" and first["échéance"] == ""


def test_csv_neutralises_formulas() -> None:
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe_cell("-1+2") == "'-1+2" and safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell(-3) == "-3" and safe_cell("ordinaire") == "ordinaire" and safe_cell(None) == ""
    r = make_result()
    r.findings[0] = replace(r.findings[0], table="=cmd|' /C calc'!A0")
    rows = _rows(render(r))
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    written = report.write_all(make_result(), tmp_path / "out", ["json", "html", "pdf", "csv"])
    assert [p.name for p in written] == ["findings.json", "rapport.html", "avis.html", "rapport.pdf", "avis.pdf",
                                         "constats.csv", "plan_action_aipd.csv"]
    assert not list((tmp_path / "out").glob(".auditor-*"))
    assert (tmp_path / "out" / "rapport.pdf").read_bytes().startswith(b"%PDF")


def test_unknown_format_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        report.write_all(make_result(), tmp_path / "out", ["json", "docx"])
    assert not (tmp_path / "out").exists()


def test_failure_leaves_no_partial_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.json").write_text("ancien", encoding="utf-8")
    real_replace = report.os.replace
    calls = {"n": 0}

    def flaky(src, dst):  # noqa: ANN001
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(report.os, "replace", flaky)
    with pytest.raises(OSError):
        report.write_all(make_result(), out, ["json", "csv"])
    assert (out / "findings.json").read_text(encoding="utf-8") == "ancien"
    assert sorted(p.name for p in out.iterdir()) == ["findings.json"]


def test_write_all_logs_each_format(tmp_path: Path) -> None:
    lines: list[str] = []
    report.write_all(make_result(), tmp_path, ["json", "csv"], log=lines.append)
    assert lines == ["Rendu du format json…", "Rendu du format csv…"]
