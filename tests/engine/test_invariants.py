"""Invariants that need a whole run: secrets never shown, no network, Ctrl-C leaves nothing."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor import api
from tests.engine.helpers import make_minimal_db, run_subprocess
from tests.report.builders import make_result

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
    """Ctrl-C once the scan has started its checks: exit 130, the French line, no report.

    No fixed delay: the signal is sent as soon as the scan says on stderr that a check has started,
    so the test does not depend on the machine's speed; the scan takes far longer than that on any
    machine. Wherever the signal falls (even inside SQLite's progress handler, where the driver turns
    it into an "interrupted" error), no report may be written (``auditor.interrupt``).
    """
    out = tmp_path / "rapport"
    env = {**os.environ}
    env.pop("AUDITOR_DB_PASSWORD", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "scan", str(COMPANY), "--out", str(out), "--as-of", "2026-06-30"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    assert proc.stderr is not None
    seen = ""
    try:
        while True:  # ends on the signal line, or at EOF if the scan stopped first (then the asserts say why)
            line = proc.stderr.readline()
            seen += line
            if not line or "Contrôle «" in line:
                break
        assert line, f"the scan ended before starting a check:\n{seen}"
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    err = seen + err
    assert proc.returncode == 130, err
    assert "interrompu" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_ctrl_c_swallowed_by_the_driver_still_stops_the_scan(tmp_path: Path) -> None:
    """A Ctrl-C that SQLite turned into an "interrupted" error is not reported as a timeout, and no report is written."""
    from auditor import interrupt
    from auditor.errors import db_error_kind
    from auditor.report import write_all
    from auditor.sources import open_source

    source = open_source(str(COMPANY))
    try:
        interrupt._REQUESTED.set()  # what the CLI's handler does on SIGINT
        with pytest.raises(sa.exc.OperationalError) as caught, source.engine.connect() as conn:
            conn.execute(sa.text("SELECT count(*) FROM sqlite_master a, sqlite_master b, sqlite_master c, sqlite_master d")).scalar()
        assert "interrupted" in str(caught.value)  # the progress handler stopped the statement
        with pytest.raises(KeyboardInterrupt):
            db_error_kind(caught.value)  # ... and it is not taken for a query past its time limit
        with pytest.raises(KeyboardInterrupt):
            write_all(make_result(), tmp_path / "out", ["json"])
        assert not any((tmp_path / "out").iterdir())
    finally:
        interrupt._REQUESTED.clear()
        source.close()
