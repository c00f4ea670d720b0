"""Periodic scans: stable ids, diff of two audits, --baseline, and a diff after fixing one problem."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from auditor import api
from auditor.errors import UserError
from auditor.report.json import to_dict
from tests.report.builders import make_db, make_result

AS_OF = dt.date(2026, 6, 30)
CHECKS = ["access", "nominative", "retention"]


def _f(i: str, check: str = "access", sev: str = "high", affected: int = 1) -> dict:
    return {"id": i, "check": check, "rule": f"{check}.r", "severity": sev, "title": f"constat {i}",
            "location": {"table": "t", "column": None}, "affected": affected, "total": 10}


def _doc(*findings: dict, checks: tuple[str, ...] = ("access", "retention"), accepted: tuple[str, ...] = ()) -> dict:
    return {"schema_version": 1, "checks_run": list(checks), "findings": list(findings),
            "accepted_exceptions": [{"id": a} for a in accepted]}


def test_diff_classifies_new_resolved_persisting() -> None:
    old = _doc(_f("a"), _f("b", affected=5), _f("c", "retention"))
    new = _doc(_f("b", affected=3), _f("d", sev="critical"))
    d = api.diff_findings(old, new)
    assert [f["id"] for f in d["new"]] == ["d"]
    assert [f["id"] for f in d["resolved"]] == ["a", "c"]
    assert [f["id"] for f in d["persisting"]] == ["b"]
    assert d["persisting"][0]["previous"]["affected"] == 5 and d["persisting"][0]["affected"] == 3
    assert d["unchecked"] == [] and d["accepted"] == []


def test_diff_does_not_call_resolved_what_was_not_rechecked_or_was_accepted() -> None:
    old = _doc(_f("a"), _f("c", "retention"), _f("e"))
    new = _doc(checks=("access",), accepted=("e",))
    d = api.diff_findings(old, new)
    assert [f["id"] for f in d["resolved"]] == ["a"]
    assert [f["id"] for f in d["unchecked"]] == ["c"]
    assert [f["id"] for f in d["accepted"]] == ["e"]


def test_diff_order_is_by_severity() -> None:
    d = api.diff_findings(_doc(), _doc(_f("x", sev="low"), _f("y", sev="critical"), _f("z", sev="medium")))
    assert [f["id"] for f in d["new"]] == ["y", "z", "x"]


def test_load_baseline(tmp_path: Path) -> None:
    good = tmp_path / "a" / "findings.json"
    good.parent.mkdir()
    good.write_text(json.dumps(_doc(_f("a"))), encoding="utf-8")
    assert api.load_baseline(good)["findings"][0]["id"] == "a"
    assert api.load_baseline(good.parent)["findings"][0]["id"] == "a"  # the audit folder is accepted
    for content in ("pas du json", json.dumps({"findings": "x"}), json.dumps([1, 2]), json.dumps({"findings": [{"x": 1}]})):
        bad = tmp_path / "bad.json"
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(UserError, match="n'est pas un findings.json"):
            api.load_baseline(bad)
    with pytest.raises(UserError, match="n'existe pas"):
        api.load_baseline(tmp_path / "absent.json")
    future = tmp_path / "v2.json"
    future.write_text(json.dumps({**_doc(), "schema_version": 2}), encoding="utf-8")
    with pytest.raises(UserError, match="version 2"):
        api.load_baseline(future)


def test_apply_baseline_records_the_earlier_audit() -> None:
    r = make_result(baseline=True)
    assert r.baseline is not None
    assert len(r.baseline["new"]) == 1 and len(r.baseline["resolved"]) == 1 and len(r.baseline["persisting"]) == 5
    assert r.baseline_info["audit_number"] == "AUD-20260601-TEST00"
    assert r.baseline_info["same_data"] is True
    assert r.baseline_resolved[0]["id"] == "0000aaaa0000aaaa"


def test_audit_number_is_stable_and_sensitive() -> None:
    a, b = make_result(), make_result()
    assert api.audit_number(a) == api.audit_number(b)
    assert api.audit_number(a).startswith("AUD-20260701-")
    b.findings = b.findings[1:]
    assert api.audit_number(a) != api.audit_number(b)


def test_finding_ids_are_stable_across_runs(tmp_path: Path) -> None:
    db = make_db(tmp_path / "base.sqlite")
    one = api.audit(str(db), checks=CHECKS, as_of=AS_OF)
    two = api.audit(str(db), checks=CHECKS, as_of=AS_OF)
    assert [f.id for f in one.findings] == [f.id for f in two.findings]
    assert one.findings


def test_diff_after_fixing_one_problem_shows_exactly_that_finding_resolved(tmp_path: Path) -> None:
    before_db = make_db(tmp_path / "avant.sqlite")
    after_db = make_db(tmp_path / "apres.sqlite", fixed="stat_nom")
    before = api.audit(str(before_db), checks=CHECKS, as_of=AS_OF)
    api.write_reports(before, tmp_path / "avant", ["json"])
    target = [f for f in before.findings if f.table == "stat_annuelle" and f.column == "nom"]
    assert len(target) == 1, "the planted problem is found before the fix"

    after = api.audit(str(after_db), checks=CHECKS, as_of=AS_OF, baseline=tmp_path / "avant" / "findings.json")
    assert after.baseline is not None
    assert after.baseline["resolved"] == [target[0].id]
    assert after.baseline["new"] == []
    assert set(after.baseline["persisting"]) == {f.id for f in before.findings} - {target[0].id}

    api.write_reports(after, tmp_path / "apres", ["json", "html"])
    d = api.diff_findings(api.load_baseline(tmp_path / "avant"), api.load_baseline(tmp_path / "apres"))
    assert [f["id"] for f in d["resolved"]] == [target[0].id] and d["new"] == []
    html = (tmp_path / "apres" / "rapport.html").read_text(encoding="utf-8")
    assert "Depuis le dernier audit" in html and "Constats résolus" in html


def test_json_keeps_baseline_when_applied() -> None:
    doc = to_dict(make_result(baseline=True))
    assert doc["baseline"]["resolved"] == ["0000aaaa0000aaaa"]
