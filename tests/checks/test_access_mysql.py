"""The access check against a real MariaDB/MySQL server, started here in a
temporary folder when the distribution's server package is installed
(``apt-get install mariadb-server``); skipped otherwise.

Grants on *.* and on the whole schema are created with real ``GRANT``
statements and read back by the check from ``information_schema``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.api import audit
from auditor.findings import Severity
from tests.checks.access_data import build
from tests.checks.test_access import by_rule, check_planted, policy

AUDIT_PASS = "Audit-Pass-2026"


def _bin(name: str) -> str | None:
    return shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if Path(p).exists()), None)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def mariadb() -> Iterator[dict]:
    """A throwaway MariaDB server on 127.0.0.1 (root through its unix socket)."""
    server, install = _bin("mariadbd") or _bin("mysqld"), _bin("mariadb-install-db") or _bin("mysql_install_db")
    if not server or not install:
        pytest.skip("no MariaDB/MySQL server binaries (apt-get install mariadb-server)")
    root = Path(tempfile.mkdtemp(prefix="auditor-mariadb-"))
    data, sock, port = root / "data", root / "mysqld.sock", _port()
    user = []
    if os.geteuid() == 0:
        try:
            pw = pwd.getpwnam("mysql")
        except KeyError:
            pytest.skip("running as root without a mysql system user")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        user = ["--user=mysql"]
    subprocess.run([install, f"--datadir={data}", "--auth-root-authentication-method=normal", "--skip-test-db", *user],
                   check=True, capture_output=True, timeout=180)
    proc = subprocess.Popen([server, "--no-defaults", f"--datadir={data}", f"--socket={sock}", f"--port={port}",
                             "--bind-address=127.0.0.1", f"--pid-file={root / 'pid'}", f"--log-error={root / 'err.log'}",
                             "--skip-grant-tables=0", *user], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    admin = sa.create_engine("mysql+pymysql://root@localhost/", connect_args={"unix_socket": str(sock)},
                             isolation_level="AUTOCOMMIT")
    deadline = time.time() + 60
    while True:
        try:
            with admin.connect() as c:
                c.execute(sa.text("select 1"))
            break
        except sa.exc.OperationalError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.skip("the MariaDB server did not start")
            time.sleep(0.3)
    try:
        yield {"admin": admin, "port": port, "socket": str(sock)}
    finally:
        admin.dispose()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(root, ignore_errors=True)


def load(admin: sa.Engine, sock: str, sqlite_path: Path, db: str) -> None:
    """Copy a SQLite file into a new MariaDB database (integers and texts)."""
    with admin.connect() as c:
        c.execute(sa.text(f"DROP DATABASE IF EXISTS `{db}`"))
        c.execute(sa.text(f"CREATE DATABASE `{db}` CHARACTER SET utf8mb4"))
    src = sqlite3.connect(sqlite_path)
    eng = sa.create_engine(admin.url.set(database=db), connect_args={"unix_socket": sock})
    meta = sa.MetaData()
    with eng.begin() as conn:
        for (t,) in src.execute("select name from sqlite_master where type='table' order by name"):
            cols = src.execute(f'pragma table_info("{t}")').fetchall()
            table = sa.Table(t, meta, *[sa.Column(n, sa.BigInteger if "INT" in (ty or "").upper() else sa.Text,
                                                  primary_key=bool(pk), autoincrement=False)
                                        for _i, n, ty, _nn, _d, pk in cols])
            table.create(conn)
            rows = [dict(zip([c[1] for c in cols], r)) for r in src.execute(f'select * from "{t}"')]
            if rows:
                conn.execute(table.insert(), rows)
    eng.dispose()
    src.close()


def test_wide_grants_and_application_rules_on_mariadb(mariadb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = mariadb["admin"]
    load(admin, mariadb["socket"], build(tmp_path / "app.sqlite", compliant=False), "appsocial")
    with admin.connect() as c:
        for stmt in (
            "DROP USER IF EXISTS 'auditeur'@'127.0.0.1', 'rh_lecteur'@'%', 'ts_equipe'@'%', 'app'@'127.0.0.1'",
            f"CREATE USER 'auditeur'@'127.0.0.1' IDENTIFIED BY '{AUDIT_PASS}'",
            "GRANT SELECT ON appsocial.* TO 'auditeur'@'127.0.0.1'",
            "GRANT SELECT ON mysql.* TO 'auditeur'@'127.0.0.1'",
            f"CREATE USER 'rh_lecteur'@'%' IDENTIFIED BY '{AUDIT_PASS}'",
            "GRANT SELECT ON *.* TO 'rh_lecteur'@'%'",
            f"CREATE USER 'ts_equipe'@'%' IDENTIFIED BY '{AUDIT_PASS}'",
            "GRANT SELECT, INSERT ON appsocial.* TO 'ts_equipe'@'%'",
            f"CREATE USER 'app'@'127.0.0.1' IDENTIFIED BY '{AUDIT_PASS}'",
            "GRANT SELECT ON appsocial.dossier TO 'app'@'127.0.0.1'",
        ):
            c.execute(sa.text(stmt))
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", AUDIT_PASS)
    spec = f"mysql+pymysql://auditeur@127.0.0.1:{mariadb['port']}/appsocial"
    # query_timeout_s = 0: the source sets MySQL's MAX_EXECUTION_TIME, which MariaDB does not know (max_statement_time)
    pol = policy(tmp_path)
    pol.write_text(pol.read_text(encoding="utf-8") + "query_timeout_s = 0\n", encoding="utf-8")
    findings = list(audit(spec, checks=["access"], policy_path=pol, interactive=False).findings)
    got = by_rule(findings)
    wide = {f.subject: f for f in got["access.mysql_wide_grants"]}
    assert set(wide) == {"global", "schema"}
    assert (wide["global"].details["accounts"], wide["global"].details["non_social_accounts"]) == (1, 1)
    assert wide["global"].severity == Severity.HIGH
    assert (wide["schema"].details["accounts"], wide["schema"].details["wildcard_hosts"]) == (1, 1)
    assert wide["schema"].severity == Severity.MEDIUM
    text = " ".join(e.excerpt + (e.record or "") for f in findings for e in f.evidence)
    assert "rh_lecteur" not in text and "ts_equipe" not in text
    check_planted([f for f in findings if f.rule != "access.mysql_wide_grants"])
