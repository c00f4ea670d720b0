"""Shared fixtures: sample databases, throwaway PostgreSQL and MariaDB servers, CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mariadbserver import mariadb_server
from tests.pgserver import PgServer, find_bin, start_server

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
REQUIRE_PG = os.environ.get("AUDITOR_REQUIRE_PG") == "1"


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    """A PostgreSQL 15 cluster for the whole session (skipped only off CI when binaries are missing)."""
    if not (find_bin("initdb") and find_bin("pg_ctl")):
        if REQUIRE_PG:
            pytest.fail("AUDITOR_REQUIRE_PG=1 but the PostgreSQL server binaries (initdb, pg_ctl) are missing")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found on this machine")
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def mariadb() -> Iterator[dict]:
    """A fresh MariaDB/MySQL server per test module, since grants and users are server-wide (skipped where
    the server package is not installed)."""
    yield from mariadb_server()


@pytest.fixture(scope="session")
def company_sqlite() -> Path:
    """The shipped company sample (SQLite)."""
    return SAMPLES / "company" / "company.sqlite"


@pytest.fixture(scope="session")
def departement_sqlite() -> Path:
    """The shipped département sample (SQLite)."""
    return SAMPLES / "departement" / "departement.sqlite"


@pytest.fixture()
def copy_of(tmp_path: Path):
    """Copy a file or folder into tmp_path and return the copy's path."""

    def _copy(src: Path) -> Path:
        dst = tmp_path / src.name
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
        return dst

    return _copy
