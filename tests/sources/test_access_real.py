"""A real Access database (written by Access, not by us) read through the real mdbtools.

The stand-in programs of ``test_access_mdb.py`` pin mdbtools' output format; this test proves the path on a
file that other software wrote: every table and row read, column kinds recognised, the file unchanged, and no
value of it in any output of a scan.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from auditor.sources import open_source
from tests.engine.helpers import run_subprocess

MDB = Path(__file__).resolve().parents[1] / "data" / "access" / "merchant_taylors.mdb"

pytestmark = pytest.mark.skipif(shutil.which("mdb-export") is None,
                                reason="mdbtools absent (apt-get install mdbtools; .ci/run installs it)")


def _export_rows() -> list[dict[str, str]]:
    """The table as mdbtools itself exports it, independently of the auditor's loader."""
    out = subprocess.run(["mdb-export", str(MDB), "merchant_taylors"], capture_output=True, text=True, check=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_every_row_of_a_real_access_file_is_read(tmp_path: Path) -> None:
    before = hashlib.sha256(MDB.read_bytes()).hexdigest()
    source = open_source(str(MDB))
    try:
        tables = source.table_names()
        assert tables == ["merchant_taylors"]
        import sqlalchemy as sa

        with source.engine.connect() as conn:
            n = conn.execute(sa.text('SELECT count(*) FROM "merchant_taylors"')).scalar()
        assert n == len(_export_rows()) == 20
    finally:
        source.close()
    assert hashlib.sha256(MDB.read_bytes()).hexdigest() == before
    assert not list(MDB.parent.glob("*.ldb")) and not list(MDB.parent.glob("*.laccdb"))  # no lock file left beside it


def test_scan_of_a_real_access_file_names_no_one(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    run = run_subprocess(["scan", str(MDB), "--out", str(out), "--as-of", "2026-06-30", "--format", "json,html",
                          "--checks", "nominative,retention,subjective", "--quiet"], timeout=900)
    assert run.code in (0, 1), run.err
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert doc["source"]["kind"] and doc["checks_run"]
    inspect = run_subprocess(["inspect", str(MDB)], timeout=300)
    assert inspect.code == 0 and "nom de personne" in inspect.out and "20 lignes" in inspect.out
    names = {r["Surname"] for r in _export_rows() if len(r["Surname"] or "") >= 5}
    names |= {r["Forenames"] for r in _export_rows() if len(r["Forenames"] or "") >= 6}
    assert len(names) >= 10
    texts = [p.read_text(encoding="utf-8") for p in out.iterdir()] + [run.out, run.err]
    leaked = sorted(n for n in names for t in texts if n in t)
    assert not leaked, leaked
