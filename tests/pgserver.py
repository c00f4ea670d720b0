"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder,
a server on 127.0.0.1 and a unix socket, stopped and deleted at the end.

PostgreSQL refuses to run as root; when the tests run as root, the server runs
as the ``postgres`` system user (or ``nobody``) through ``runuser``.
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
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

SUPERUSER = "auditor_admin"
SUPERPASS = "Sup3r-Secret-Admin-Pass"


def find_bin(name: str) -> str | None:
    """Path of a PostgreSQL server binary, from PATH or the Debian layout."""
    found = shutil.which(name)
    if found:
        return found
    for version in ("17", "16", "15", "14"):
        p = Path(f"/usr/lib/postgresql/{version}/bin/{name}")
        if p.exists():
            return str(p)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running throwaway cluster."""

    root: Path
    port: int
    run_as: str | None

    def url(self, db: str = "postgres", user: str = SUPERUSER, password: str | None = SUPERPASS) -> str:
        """SQLAlchemy URL (psycopg) to a database of this cluster."""
        auth = f"{user}:{password}" if password else user
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{db}"

    def url_without_password(self, db: str, user: str) -> str:
        """URL for the auditor (password given through AUDITOR_DB_PASSWORD)."""
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{db}"

    def admin_engine(self, db: str = "postgres") -> sa.Engine:
        """A superuser engine (autocommit) for setting up test databases."""
        return sa.create_engine(self.url(db), isolation_level="AUTOCOMMIT")

    def create_database(self, name: str) -> None:
        """CREATE DATABASE name (dropped first if it exists)."""
        eng = self.admin_engine()
        with eng.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        eng.dispose()

    def load_sqlite(self, sqlite_path: Path, dbname: str) -> None:
        """Copy every table of a SQLite file into a new PostgreSQL database (types kept simple)."""
        self.create_database(dbname)
        src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
        eng = self.admin_engine(dbname)
        meta = sa.MetaData()
        tables = [r[0] for r in src.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name")]
        with eng.begin() as conn:
            for t in tables:
                cols = src.execute(f'pragma table_info("{t}")').fetchall()
                sa_cols = []
                for _cid, name, ctype, _notnull, _default, pk in cols:
                    ctype = (ctype or "").upper()
                    if "INT" in ctype:
                        typ: sa.types.TypeEngine = sa.BigInteger()
                    elif "REAL" in ctype or "FLOA" in ctype or "DOUB" in ctype or "NUM" in ctype:
                        typ = sa.Float()
                    elif ctype == "DATE":
                        typ = sa.Date()
                    elif ctype in ("TIMESTAMP", "DATETIME"):
                        typ = sa.DateTime()
                    else:
                        typ = sa.Text()
                    sa_cols.append(sa.Column(name, typ, primary_key=bool(pk)))
                table = sa.Table(t, meta, *sa_cols)
                table.create(conn)
                names = [c[1] for c in cols]
                rows = src.execute(f'select * from "{t}"')
                while True:
                    batch = rows.fetchmany(5000)
                    if not batch:
                        break
                    conn.execute(table.insert(), [dict(zip(names, r)) for r in batch])
        src.close()
        eng.dispose()

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        cmd = [find_bin("pg_ctl") or "pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop"]
        subprocess.run(_as_user(cmd, self.run_as), capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


def _as_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


def start_server() -> PgServer:
    """initdb + pg_ctl start; raise RuntimeError if the binaries are missing or it fails."""
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    run_as = None
    if os.geteuid() == 0:
        for candidate in ("postgres", "nobody"):
            try:
                pwd.getpwnam(candidate)
                run_as = candidate
                break
            except KeyError:
                continue
        if run_as is None:
            raise RuntimeError("running as root and no unprivileged user to run PostgreSQL")
    root = Path(tempfile.mkdtemp(prefix="auditor-pg-"))
    os.chmod(root, 0o755)
    data = root / "data"
    pwfile = root / "pw"
    pwfile.write_text(SUPERPASS + "\n")
    if run_as:
        pw = pwd.getpwnam(run_as)
        os.chown(root, pw.pw_uid, pw.pw_gid)
        os.chown(pwfile, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    subprocess.run(
        _as_user([initdb, "-D", str(data), "-U", SUPERUSER, f"--pwfile={pwfile}", "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8" if _has_c_utf8() else "--no-locale"], run_as),
        check=True, capture_output=True, timeout=120,
    )
    log = root / "server.log"
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        _as_user([pg_ctl, "-D", str(data), "-l", str(log), "-o", opts, "-w", "-t", "60", "start"], run_as),
        check=True, capture_output=True, timeout=90,
    )
    server = PgServer(root=root, port=port, run_as=run_as)
    deadline = time.time() + 30
    while True:
        try:
            eng = server.admin_engine()
            with eng.connect() as conn:
                conn.execute(sa.text("select 1"))
            eng.dispose()
            break
        except sa.exc.OperationalError:
            if time.time() > deadline:
                server.stop()
                raise
            time.sleep(0.3)
    return server


def _has_c_utf8() -> bool:
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.lower()
    return "c.utf8" in out or "c.utf-8" in out
