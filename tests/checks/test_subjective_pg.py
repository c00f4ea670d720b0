"""The subjective check on PostgreSQL: the same hand-built tables and the same expected
counts as on SQLite (test_subjective.py), read through server-side cursors."""

from __future__ import annotations

import pytest

from tests.checks.test_subjective import (
    _run,
    build_clean_db,
    build_notes_db,
    build_sample_db,
    by_key,
    check_clean,
    check_counts,
    check_excerpts,
    check_terms,
    policy,
)
from tests.pgserver import SUPERPASS, SUPERUSER

pytestmark = pytest.mark.postgres


def _url(pg, build, tmp_path, name, monkeypatch) -> str:
    db = build(tmp_path / f"{name}.sqlite")
    pg.load_sqlite(db, name)
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    return pg.url_without_password(name, SUPERUSER)


def test_counts_and_excerpts_postgresql(pg, tmp_path, monkeypatch):
    url = _url(pg, build_notes_db, tmp_path, "subj_notes", monkeypatch)
    result = _run(url)
    check_counts(result)
    check_terms(result)
    check_excerpts(_run(url, excerpts=True))


def test_hard_negatives_postgresql(pg, tmp_path, monkeypatch):
    check_clean(_run(_url(pg, build_clean_db, tmp_path, "subj_clean", monkeypatch)))


def test_sample_and_jobs_postgresql(pg, tmp_path, monkeypatch):
    """Same pseudo-random sample as SQLite (the hash is computed by the engine), and the
    same findings with one or two processes."""
    url = _url(pg, build_sample_db, tmp_path, "subj_sample", monkeypatch)
    lite = by_key(_run(str(build_sample_db(tmp_path / "lite.sqlite")), sample=400))
    here = by_key(_run(url, sample=400))
    key = ("judgement_in_free_text", "entretien.note", None)
    assert here[key].affected == lite[key].affected and here[key].details == lite[key].details
    pol = policy(tmp_path, "[checks.subjective]\nparallel_min_rows = 0\nchunk_rows = 500\n")
    one, two = _run(url, jobs=1, policy_path=pol), _run(url, jobs=2, policy_path=pol)
    assert [(f.id, f.affected, f.evidence) for f in one.findings] == [(f.id, f.affected, f.evidence) for f in two.findings]
    assert by_key(two)[key].affected == 1000
