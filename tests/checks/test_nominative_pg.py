"""The nominative check on PostgreSQL: the same hand-built tables and the same expected figures as on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.api import audit
from tests.pgserver import SUPERPASS, SUPERUSER
from tests.checks.test_nominative import (
    build_clean_db,
    build_nir_db,
    build_statistics_db,
    check_clean,
    check_nir,
    check_statistics,
)

pytestmark = pytest.mark.postgres


def _audit(pg, build, tmp_path, name, monkeypatch):
    db = build(tmp_path / f"{name}.sqlite")
    pg.load_sqlite(db, name)
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    return audit(pg.url_without_password(name, SUPERUSER), checks=["nominative"], as_of=dt.date(2026, 6, 30), interactive=False)


def test_statistics_postgresql(pg, tmp_path, monkeypatch):
    check_statistics(_audit(pg, build_statistics_db, tmp_path, "nom_stats", monkeypatch))


def test_hard_negatives_postgresql(pg, tmp_path, monkeypatch):
    check_clean(_audit(pg, build_clean_db, tmp_path, "nom_clean", monkeypatch))


def test_nir_postgresql(pg, tmp_path, monkeypatch):
    check_nir(_audit(pg, build_nir_db, tmp_path, "nom_nir", monkeypatch))
