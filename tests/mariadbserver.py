"""A throwaway MariaDB/MySQL server for the tests, started in a temporary folder when the
distribution's server package is installed (``apt-get install mariadb-server``)."""

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

AUDIT_PASS = "Audit-Pass-2026"


def _bin(name: str) -> str | None:
    return shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if Path(p).exists()), None)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def mariadb_server() -> Iterator[dict]:
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


def load(admin: sa.Engine, sock: str, sqlite_path: Path, db: str, real: bool = False) -> None:
    """Copy a SQLite file into a new MariaDB database (integers and texts; with ``real``, REAL columns as DOUBLE)."""
    with admin.connect() as c:
        c.execute(sa.text(f"DROP DATABASE IF EXISTS `{db}`"))
        c.execute(sa.text(f"CREATE DATABASE `{db}` CHARACTER SET utf8mb4"))
    src = sqlite3.connect(sqlite_path)
    eng = sa.create_engine(admin.url.set(database=db), connect_args={"unix_socket": sock})
    meta = sa.MetaData()
    with eng.begin() as conn:
        for (t,) in src.execute("select name from sqlite_master where type='table' order by name"):
            cols = src.execute(f'pragma table_info("{t}")').fetchall()
            table = sa.Table(t, meta, *[sa.Column(n, sa.BigInteger if "INT" in (ty or "").upper() else
                                                  sa.Double if real and (ty or "").upper() in ("REAL", "FLOAT", "DOUBLE") else sa.Text,
                                                  primary_key=bool(pk), autoincrement=False)
                                        for _i, n, ty, _nn, _d, pk in cols])
            table.create(conn)
            rows = [dict(zip([c[1] for c in cols], r)) for r in src.execute(f'select * from "{t}"')]
            if rows:
                conn.execute(table.insert(), rows)
    eng.dispose()
    src.close()
