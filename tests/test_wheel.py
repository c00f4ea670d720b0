"""A plain (non-editable) install works: templates, rule data, schemas and samples are in the wheel.

The wheel is built and unpacked with ``pip install --no-deps --target``; the auditor then runs from
another directory with that folder first on ``sys.path``, so that nothing can come from the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1
    target = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheels[0])],
                   check=True, capture_output=True, timeout=600)
    return target


def _env(target: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(target)
    env.pop("AUDITOR_DB_PASSWORD", None)
    return env


def test_wheel_contains_data(installed: Path) -> None:
    assert (installed / "auditor" / "_data" / "report_templates" / "rapport.html.j2").is_file()
    assert (installed / "auditor" / "_data" / "sample_data" / "company" / "company.sqlite").is_file()
    assert (installed / "auditor" / "schemas" / "findings.schema.json").is_file()
    assert (installed / "auditor" / "catalog" / "names.toml").is_file()
    assert (installed / "checks" / "subjective" / "rules.toml").is_file()
    assert any((installed / "checks" / "subjective" / "lexicon").glob("*.toml"))
    assert not list(installed.glob("checks/*/test_*.py"))


def test_wheel_scans_shipped_sample_from_elsewhere(installed: Path, tmp_path: Path) -> None:
    sample = installed / "auditor" / "_data" / "sample_data" / "company" / "company.sqlite"
    out = tmp_path / "rapport"
    code = (
        "import auditor, checks, sys; from auditor.resources import data_dir;"
        "print(auditor.__file__); print(checks.__file__); print(data_dir('report_templates'))"
    )
    where = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(installed), capture_output=True,
                           text=True, check=True).stdout.splitlines()
    assert all(str(installed) in line for line in where), where
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", str(sample), "--out", str(out), "--as-of", "2026-06-30",
         "--format", "json,html,pdf,csv"],
        cwd=tmp_path, env=_env(installed), capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    schema = json.loads((installed / "auditor" / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert {f["check"] for f in doc["findings"]} == {"access", "nominative", "subjective", "retention"}
    assert (out / "rapport.pdf").read_bytes().startswith(b"%PDF")
