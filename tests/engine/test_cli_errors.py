"""Bad input ends with exit 2, one French sentence on stderr, no traceback, no report left."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

from auditor.cli import main
from tests.engine.helpers import Run, make_minimal_db, run_cli


def assert_clean_failure(run, out_dir: Path | None = None) -> None:
    assert run.code == 2, run.err
    lines = [line for line in run.err.strip().splitlines() if line.strip()]
    # step log lines ("[hh:mm:ss] ...") may precede; the error itself is one line, the last one
    errors = [line for line in lines if not line.startswith("[")]
    assert len(errors) == 1, run.err
    assert lines[-1] == errors[0] and errors[0].startswith("auditor : ")
    assert "Traceback" not in run.err and "Error" not in run.err
    if out_dir is not None:
        assert not out_dir.exists() or not any(out_dir.iterdir())


def test_missing_path(tmp_path, capsys):
    out = tmp_path / "out"
    r = run_cli(["scan", str(tmp_path / "absent.sqlite"), "--out", str(out)], capsys)
    assert_clean_failure(r, out)
    assert "n'existe pas" in r.err


def test_unknown_url_scheme(tmp_path, capsys):
    r = run_cli(["scan", "oracle://u@h/db", "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "pas pris en charge" in r.err


def test_password_in_url_refused_and_not_echoed(tmp_path, capsys):
    r = run_cli(["scan", "postgresql+psycopg://u:TopSecretInUrl@127.0.0.1:1/db", "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r)
    assert "TopSecretInUrl" not in r.err + r.out
    assert "AUDITOR_DB_PASSWORD" in r.err


def _run_as_nobody(args: list[str]) -> Run:
    """Run the CLI in a forked child that dropped root privileges (the interpreter is already loaded)."""
    import pwd

    import auditor.api  # noqa: F401 - imported before dropping privileges
    import auditor.report.terminal  # noqa: F401

    nobody = pwd.getpwnam("nobody")
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            sys.stdout = sys.stderr = os.fdopen(write_fd, "w", buffering=1)
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            code = main(args)
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            code = 99
        os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "r") as fh:
        output = fh.read()
    _, status = os.waitpid(pid, 0)
    return Run(os.waitstatus_to_exitcode(status), "", output)


def test_unreadable_file(capsys):
    """A file the user may not read. As root (CI), the auditor runs in a child that became ``nobody``."""
    work = Path(tempfile.mkdtemp(prefix="auditor-perm-"))
    try:
        work.chmod(0o777)
        db = make_minimal_db(work / "x.sqlite")
        db.chmod(0)
        out = work / "o"
        args = ["scan", str(db), "--out", str(out)]
        r = _run_as_nobody(args) if os.geteuid() == 0 else run_cli(args, capsys)
        assert_clean_failure(r, out)
        assert "n'est pas lisible" in r.err
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_not_a_database(tmp_path, capsys):
    f = tmp_path / "notes.docx"
    f.write_bytes(b"PK\x03\x04 binary")
    r = run_cli(["scan", str(f), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "ni une base SQLite ni un fichier CSV" in r.err


def test_corrupt_sqlite(tmp_path, capsys):
    db = make_minimal_db(tmp_path / "x.sqlite")
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db.write_bytes(bytes(data))
    r = run_cli(["scan", str(db), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "endommagée" in r.err


def test_locked_sqlite(tmp_path, capsys):
    db = make_minimal_db(tmp_path / "x.sqlite")
    locker = sqlite3.connect(db)
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    try:
        r = run_cli(["scan", str(db), "--out", str(tmp_path / "o")], capsys)
    finally:
        locker.rollback()
        locker.close()
    assert_clean_failure(r, tmp_path / "o")
    assert "verrouillée" in r.err


def test_empty_directory(tmp_path, capsys):
    d = tmp_path / "exports"
    d.mkdir()
    r = run_cli(["scan", str(d), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "vide" in r.err


def test_directory_without_csv(tmp_path, capsys):
    d = tmp_path / "exports"
    d.mkdir()
    (d / "lisez-moi.pdf").write_bytes(b"%PDF-1.4")
    r = run_cli(["scan", str(d), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "aucun fichier CSV" in r.err


def test_binary_file_named_csv(tmp_path, capsys):
    f = tmp_path / "usagers.csv"
    f.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    r = run_cli(["scan", str(f), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "binaire" in r.err


def test_ragged_csv(tmp_path, capsys):
    f = tmp_path / "usagers.csv"
    f.write_text("id;nom;prenom\r\n1;a;b\r\n2;c;d;e;f\r\n", encoding="utf-8")
    r = run_cli(["scan", str(f), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "ligne 3" in r.err


def test_invalid_policy_names_file_and_line(tmp_path, capsys):
    db = make_minimal_db(tmp_path / "x.sqlite")
    pol = tmp_path / "politique.toml"
    pol.write_text('[audit]\nfail_on = "high"\n\n[thresholds]\nk_anonymity = "cinq"\n', encoding="utf-8")
    r = run_cli(["scan", str(db), "--policy", str(pol), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "politique.toml, ligne 5" in r.err


def test_policy_syntax_error_names_line(tmp_path, capsys):
    db = make_minimal_db(tmp_path / "x.sqlite")
    pol = tmp_path / "p.toml"
    pol.write_text("[audit]\nfail_on = high\n", encoding="utf-8")
    r = run_cli(["scan", str(db), "--policy", str(pol), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "ligne 2" in r.err


def test_unknown_policy_section(tmp_path, capsys):
    db = make_minimal_db(tmp_path / "x.sqlite")
    pol = tmp_path / "p.toml"
    pol.write_text("[audit]\n\n[tresholds]\nk = 3\n", encoding="utf-8")
    r = run_cli(["scan", str(db), "--policy", str(pol), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "ligne 3" in r.err and "tresholds" in r.err


def test_policy_unknown_table(tmp_path, capsys):
    db = make_minimal_db(tmp_path / "x.sqlite")
    pol = tmp_path / "p.toml"
    pol.write_text('[tables.usagerz]\nrole = "persons"\n', encoding="utf-8")
    r = run_cli(["inspect", str(db), "--policy", str(pol)], capsys)
    assert_clean_failure(r)
    assert "usagerz" in r.err


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--fail-on", "grave"], "--fail-on"),
        (["--format", "docx"], "Format inconnu"),
        (["--checks", "acces"], "Contrôle inconnu"),
        (["--as-of", "30/06/2026"], "AAAA-MM-JJ"),
        (["--sample", "0"], "--sample"),
    ],
)
def test_bad_options(tmp_path, capsys, args, needle):
    db = make_minimal_db(tmp_path / "x.sqlite")
    r = run_cli(["scan", str(db), "--out", str(tmp_path / "o"), *args], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert needle in r.err


def test_unknown_option_is_french(tmp_path, capsys):
    r = run_cli(["scan", "x.sqlite", "--frobnicate"], capsys)
    assert_clean_failure(r)
    assert "Option inconnue" in r.err


def test_missing_argument_is_french(capsys):
    r = run_cli(["scan"], capsys)
    assert_clean_failure(r)
    assert "Argument manquant" in r.err


def test_debug_shows_traceback(tmp_path, capsys):
    r = run_cli(["--debug", "scan", str(tmp_path / "absent.sqlite")], capsys)
    assert r.code == 2
    assert "Traceback" in r.err


def test_unknown_check_option_names_line(tmp_path, capsys):
    db = make_minimal_db(tmp_path / "x.sqlite")
    pol = tmp_path / "p.toml"
    pol.write_text("[checks.nominative]\nl_diversity = 3\nl_diversty = 2\n", encoding="utf-8")
    r = run_cli(["scan", str(db), "--policy", str(pol), "--out", str(tmp_path / "o")], capsys)
    assert_clean_failure(r, tmp_path / "o")
    assert "ligne 3" in r.err and "l_diversty" in r.err
