"""``auditor text``: a note reviewed before it is saved (display, JSON per the contract, per-line, stdin)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import jsonschema

from auditor import api
from tests.engine.helpers import run_cli, run_subprocess

ROOT = Path(__file__).resolve().parents[2]
NOTE = "Mme est manipulatrice et il est probable qu'elle boive. Sa voisine Josiane Lebreton a appelé."


def test_json_valid_against_contract(tmp_path, capsys):
    f = tmp_path / "note.txt"
    f.write_text(NOTE + "\nDossier CAF déposé le 12 mars, pièces complètes.\n", encoding="utf-8")
    r = run_cli(["text", str(f), "--per-line", "--format", "json"], capsys)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    schema = json.loads((ROOT / "auditor" / "schemas" / "text.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert [n["index"] for n in doc["notes"]] == [0, 1]
    cats = {fl["category"] for fl in doc["notes"][0]["flags"]}
    assert {"judgement", "hypothesis", "third_party"} <= cats
    assert doc["notes"][1]["flags"] == []
    for fl in doc["notes"][0]["flags"]:
        assert 0 <= fl["start"] < fl["end"] <= len(NOTE.splitlines()[0])


def test_display_in_french_with_advice(tmp_path, capsys):
    f = tmp_path / "note.txt"
    f.write_text(NOTE, encoding="utf-8")
    r = run_cli(["text", str(f)], capsys)
    assert r.code == 0
    assert "jugement" in r.out and "supposition" in r.out and "RGPD art. 15" in r.out


def test_stdin_cp1252_and_missing_file(tmp_path):
    r = run_subprocess(["text", "-", "--format", "json"], stdin=None)
    assert r.code == 0
    proc = run_subprocess(["text", str(tmp_path / "absent.txt")])
    assert proc.code == 2 and "n'existe pas" in proc.err


def test_fast_enough_once_loaded() -> None:
    api.review_text([NOTE])  # load models
    start = time.perf_counter()
    api.review_text([NOTE * 3])
    assert time.perf_counter() - start < 5  # a note is reviewed in well under a second on an idle machine
