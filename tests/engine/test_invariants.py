"""Invariants that need a whole run: secrets never shown, no network, Ctrl-C leaves nothing."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor import api
from tests.engine.helpers import make_minimal_db, run_subprocess

ROOT = Path(__file__).resolve().parents[2]
COMPANY = ROOT / "sample_data" / "company" / "company.sqlite"


def _all_output(out: Path, run) -> str:
    parts = [run.out, run.err]
    if out.exists():
        for p in out.iterdir():
            parts.append(p.read_bytes().decode("utf-8", errors="replace"))
            if p.suffix == ".pdf":
                from pypdf import PdfReader

                parts.append("\n".join(pg.extract_text() or "" for pg in PdfReader(str(p)).pages))
    return "\n".join(parts)


def test_password_never_shown(pg, tmp_path: Path) -> None:
    secret = "Unique-Pw-7f3a9c-Zq"
    db = make_minimal_db(tmp_path / "x.sqlite")
    pg.load_sqlite(db, "secret_test")
    eng = pg.admin_engine("secret_test")
    with eng.connect() as c:
        c.execute(sa.text("DROP ROLE IF EXISTS auditeur_secret"))
        c.execute(sa.text(f"CREATE ROLE auditeur_secret LOGIN PASSWORD '{secret}'"))
        c.execute(sa.text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditeur_secret"))
    eng.dispose()
    url = pg.url_without_password("secret_test", "auditeur_secret")
    out = tmp_path / "ok"
    run = run_subprocess(["scan", url, "--out", str(out), "--as-of", "2026-06-30", "--format", "json,html,pdf,csv"],
                         env={"AUDITOR_DB_PASSWORD": secret})
    assert run.code in (0, 1), run.err
    assert "***" in (out / "findings.json").read_text(encoding="utf-8") or "auditeur_secret@" in run.err
    assert secret not in _all_output(out, run)
    # the same with a wrong password, and with --debug (traceback shown)
    for extra in ([], ["--debug"]):
        bad = f"{secret}-wrong"
        out2 = tmp_path / f"bad{len(extra)}"
        run2 = run_subprocess([*extra, "scan", url, "--out", str(out2)], env={"AUDITOR_DB_PASSWORD": bad})
        assert run2.code == 2
        assert "mot de passe incorrect" in run2.err
        assert bad not in _all_output(out2, run2) and secret not in run2.err
        assert not out2.exists()


def test_scan_without_network(tmp_path: Path) -> None:
    """The whole scan, in a network namespace with no interface up: nothing can be fetched."""
    if not shutil.which("unshare") or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot create a network namespace here (unshare -n)")
    out = tmp_path / "rapport"
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("AUDITOR_DB_PASSWORD", None)
    proc = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "auditor", "scan", str(COMPANY), "--out", str(out),
         "--as-of", "2026-06-30", "--checks", "subjective,nominative", "--format", "json,pdf"],
        capture_output=True, text=True, timeout=1200, env=env,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert (out / "findings.json").is_file() and (out / "rapport.pdf").is_file()


def test_no_connection_attempted(monkeypatch, tmp_path: Path) -> None:
    """In-process: any socket connection (other than the audited server) is recorded and refused."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def spy(self, address):  # noqa: ANN001
        attempts.append(address)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", spy)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: spy(None, a[0] if a else None))
    db = make_minimal_db(tmp_path / "x.sqlite")
    conn = __import__("sqlite3").connect(db)
    conn.execute("insert into entretien values (9, 1, '2021-01-01', 'Écrire à claire.dupontel@exemple.fr ou au 06 12 34 56 78.')")
    conn.commit()
    conn.close()
    result = api.audit(str(db), as_of=__import__("datetime").date(2026, 6, 30))
    assert result.findings
    reviews = api.review_text(["Contact : jean.martinez@orange.fr, tél. 01 45 67 89 10."])
    assert {f.category for f in reviews[0]} == {"identifier"}
    assert attempts == []
    del real_connect


def test_ctrl_c_leaves_no_report(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    env = {**os.environ}
    env.pop("AUDITOR_DB_PASSWORD", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "scan", str(COMPANY), "--out", str(out), "--as-of", "2026-06-30"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    assert proc.stderr is not None
    deadline = time.time() + 300
    seen = ""
    while time.time() < deadline:
        line = proc.stderr.readline()
        seen += line
        if "Contrôle" in line:
            break
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    err = seen + err
    assert proc.returncode == 130, err
    assert "interrompu" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())
