"""A SQLite file opened read-only (``mode=ro`` and ``PRAGMA query_only``)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

from auditor import interrupt
from auditor.errors import SourceError
from auditor.sources.base import Source

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    """True when the file starts with the SQLite header."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def open_sqlite(path: Path, timeout_s: float | None = None) -> Source:
    """Open ``path`` read-only; a write through this engine is refused by SQLite."""
    path = path.resolve()
    if not path.is_file():
        raise SourceError(f"Le fichier {path} n'existe pas : vérifiez le chemin indiqué.")
    try:
        with path.open("rb"):
            pass
    except PermissionError as exc:
        raise SourceError(
            f"Le fichier {path} n'est pas lisible (droits insuffisants) : "
            "lancez l'audit avec un compte autorisé à le lire."
        ) from exc
    if not is_sqlite_file(path):
        raise SourceError(
            f"Le fichier {path} n'est pas une base SQLite valide : indiquez une base SQLite, "
            "un fichier CSV, un dossier d'exports CSV ou une URL de base de données."
        )
    uri = f"file:{quote(str(path))}?mode=ro"
    deadlines: dict[int, float] = {}

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(uri, uri=True, timeout=5.0, check_same_thread=False)
        conn.execute("PRAGMA query_only = 1")
        key = id(conn)
        # SQLite has no statement timeout: a progress handler interrupts a statement past its deadline,
        # or at once after Ctrl-C (whichever thread runs it)
        conn.set_progress_handler(
            lambda: 1 if interrupt.requested() or time.monotonic() > deadlines.get(key, float("inf")) else 0, 100_000
        )
        return conn

    # a small pool: opening a SQLite connection re-reads the whole schema (slow with thousands of tables)
    engine = sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.QueuePool, pool_size=2, max_overflow=4)
    if timeout_s:

        @sa.event.listens_for(engine, "before_cursor_execute")
        def _start_clock(conn: Any, _cursor: Any, _stmt: Any, _params: Any, _context: Any, _many: Any) -> None:
            raw = conn.connection.dbapi_connection
            deadlines[id(raw)] = time.monotonic() + float(timeout_s)
    source = Source(kind="sqlite", engine=engine, display=str(path), path=path, statement_timeout_s=timeout_s)
    check_readable(source)
    return source


def check_readable(source: Source) -> None:
    """Read the schema once so that a corrupt or locked file fails now, clearly."""
    try:
        with source.engine.connect() as conn:
            conn.execute(sa.text("SELECT count(*) FROM sqlite_master")).scalar_one()
    except sa.exc.OperationalError as exc:
        msg = str(exc.orig) if exc.orig else str(exc)
        source.close()
        if "locked" in msg:
            raise SourceError(
                f"La base {source.display} est verrouillée par un autre programme : "
                "réessayez quand l'application qui l'utilise l'a libérée, ou auditez-en une copie."
            ) from exc
        raise SourceError(
            f"La base {source.display} est illisible ou endommagée : "
            "vérifiez le fichier ou auditez une sauvegarde intacte."
        ) from exc
    except sa.exc.DatabaseError as exc:
        source.close()
        raise SourceError(
            f"La base {source.display} est illisible ou endommagée : "
            "vérifiez le fichier ou auditez une sauvegarde intacte."
        ) from exc
