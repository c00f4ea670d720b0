"""Reliability: the PostgreSQL catalogue is unchanged by a scan, slow tables are listed as skipped,
pseudonyms are keyed, and the CSV reader survives arbitrary input (property-based)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import string
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor import api
from auditor.errors import SourceError
from auditor.redact import Pseudonymiser
from auditor.sources import open_source
from tests.engine.helpers import make_minimal_db, run_subprocess

CATALOG_SNAPSHOT = """
select 'class' as what, n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' || coalesce(array_to_string(c.relacl, ','), '')
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
union all select 'role', rolname || ':' || rolsuper::text || ':' || rolcanlogin::text from pg_roles
union all select 'namespace', nspname from pg_namespace
union all select 'policy', polname from pg_policy
union all select 'proc', count(*)::text from pg_proc
union all select 'extension', extname from pg_extension
union all select 'default_acl', coalesce(array_to_string(defaclacl, ','), '') from pg_default_acl
order by 1, 2
"""


def test_postgres_catalogue_unchanged_by_scan(pg, tmp_path: Path) -> None:
    db = make_minimal_db(tmp_path / "x.sqlite")
    pg.load_sqlite(db, "catalogue_test")
    admin = pg.admin_engine("catalogue_test")

    def snapshot() -> list[tuple[str, str]]:
        with admin.connect() as c:
            return [tuple(r) for r in c.execute(sa.text(CATALOG_SNAPSHOT))]

    def tables_content() -> list[tuple]:
        with admin.connect() as c:
            return [tuple(r) for r in c.execute(sa.text("select * from usager order by 1"))]

    before, rows_before = snapshot(), tables_content()
    run = run_subprocess(["scan", pg.url_without_password("catalogue_test", "auditor_admin"), "--out",
                          str(tmp_path / "o"), "--as-of", "2026-06-30", "--format", "json"],
                         env={"AUDITOR_DB_PASSWORD": "Sup3r-Secret-Admin-Pass"})
    assert run.code in (0, 1), run.err
    assert snapshot() == before
    assert tables_content() == rows_before
    admin.dispose()


def test_slow_query_is_listed_not_dropped(tmp_path: Path) -> None:
    """A query past the per-query limit: what it should have examined is listed as skipped, the audit goes on."""
    db = tmp_path / "slow.sqlite"
    c = sqlite3.connect(db)
    c.execute("create table extraction_observatoire (id integer primary key, annee_naissance integer, sexe text, "
              "cp text, situation_familiale text, motif text)")
    c.executemany("insert into extraction_observatoire(annee_naissance, sexe, cp, situation_familiale, motif) "
                  "values (?, ?, ?, ?, ?)",
                  [(1940 + i % 60, "FM"[i % 2], f"{91000 + i % 300}", "seul", "logement") for i in range(150_000)])
    c.commit()
    c.close()
    pol = tmp_path / "p.toml"
    pol.write_text("[audit]\nquery_timeout_s = 0.01\n", encoding="utf-8")
    result = api.audit(str(db), policy_path=pol, checks=["nominative"], as_of=dt.date(2026, 6, 30))
    reasons = [why for _obj, why in result.skipped]
    assert any("délai" in why for why in reasons), result.skipped
    # without the limit the same audit evaluates everything
    full = api.audit(str(db), checks=["nominative"], as_of=dt.date(2026, 6, 30))
    assert not [why for _obj, why in full.skipped if "délai" in why]


def test_pseudonyms_keyed(tmp_path: Path) -> None:
    key_file = tmp_path / "cle.txt"
    a = Pseudonymiser.from_key_file(key_file)
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    b = Pseudonymiser.from_key_file(key_file)
    assert a.pseudonym("usager", 42) == b.pseudonym("usager", 42)
    assert Pseudonymiser().pseudonym("usager", 42) != Pseudonymiser().pseudonym("usager", 42)
    assert "42" not in a.pseudonym("usager", 42)


def test_key_file_gives_stable_evidence_across_scans(tmp_path: Path) -> None:
    db = Path(__file__).resolve().parents[2] / "sample_data" / "company" / "company.sqlite"
    key = tmp_path / "cle.txt"
    docs = []
    for i in range(2):
        out = tmp_path / f"o{i}"
        run = run_subprocess(["scan", str(db), "--out", str(out), "--as-of", "2026-06-30", "--format", "json",
                              "--checks", "access", "--pseudonym-key-file", str(key)])
        assert run.code in (0, 1), run.err
        docs.append(json.loads((out / "findings.json").read_text(encoding="utf-8")))
    records = [[e["record"] for f in d["findings"] for e in f["evidence"] if e["record"]] for d in docs]
    assert records[0] and records[0] == records[1]


def test_bad_key_file(tmp_path: Path) -> None:
    key = tmp_path / "cle.txt"
    key.write_text("pas une clé\n", encoding="utf-8")
    from auditor.errors import UserError

    with pytest.raises(UserError, match="illisible"):
        Pseudonymiser.from_key_file(key)


cells = st.text(alphabet=string.ascii_letters + string.digits + " éèàçù;,'\"\t\r\n-/", max_size=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=12),
       sep=st.sampled_from([";", ",", "\t"]), encoding=st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]))
def test_csv_reader_properties(tmp_path_factory, rows, sep, encoding) -> None:
    """Any well-quoted CSV round-trips (values or NULL for empty); anything else is a clean SourceError."""
    import csv
    import io

    folder = tmp_path_factory.mktemp("csvprop")
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["id", "nom", "commentaire", "extra"])
    for i, r in enumerate(rows):
        w.writerow([str(i), *r])
    path = folder / "usager.csv"
    try:
        path.write_bytes(buf.getvalue().encode(encoding))
    except UnicodeEncodeError:
        return
    try:
        src = open_source(str(path))
    except SourceError:
        return  # a clear refusal is acceptable; a crash is not
    try:
        with src.engine.connect() as c:
            n = c.execute(sa.text("select count(*) from usager")).scalar_one()
        assert 0 < n <= len(rows)
    finally:
        src.close()


def test_commented_example_policy_is_valid() -> None:
    from auditor.policy import load_policy

    root = Path(__file__).resolve().parents[2]
    pol = load_policy(root / "exemples" / "politique-commentee.toml")
    assert pol.thresholds["k_anonymity"] == 5
    assert pol.retention_category("journal_acces")["period_months"] == 6
    assert pol.retention_category("journal_acces")["from_policy"] is True
