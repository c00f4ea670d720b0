"""Several MariaDB databases (issue 12): the URL's database by default, every database the account sees with
``all_databases``; grants on ``db.*`` found for each database read; names qualified when there are two.
Runs where the MariaDB server binaries are installed (the server is started in a temporary folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.api import audit
from tests.checks.access_data import build
from tests.checks.test_access import by_rule, policy
from tests.mariadbserver import AUDIT_PASS, load


def test_two_databases_grants_on_each(mariadb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = mariadb["admin"]
    load(admin, mariadb["socket"], build(tmp_path / "app.sqlite", compliant=False), "soc_dossiers")
    with admin.connect() as c:
        for stmt in (
            "DROP DATABASE IF EXISTS soc_stats",
            "CREATE DATABASE soc_stats CHARACTER SET utf8mb4",
            "CREATE TABLE soc_stats.stat_annuelle (annee integer, nom text, prenom text, nb integer)",
            "INSERT INTO soc_stats.stat_annuelle VALUES (2025, 'Durandeau', 'Aliette', 1), (2025, 'Lemarchal', 'Bertrand', 2)",
            "CREATE VIEW soc_stats.v_stat AS SELECT s.annee, s.nom, s.nb FROM soc_stats.stat_annuelle s",
            "DROP USER IF EXISTS 'auditeur2'@'127.0.0.1', 'ts_dossiers'@'%', 'obs_stats'@'%'",
            f"CREATE USER 'auditeur2'@'127.0.0.1' IDENTIFIED BY '{AUDIT_PASS}'",
            "GRANT SELECT, SHOW VIEW ON soc_dossiers.* TO 'auditeur2'@'127.0.0.1'",
            "GRANT SELECT, SHOW VIEW ON soc_stats.* TO 'auditeur2'@'127.0.0.1'",
            "GRANT SELECT ON mysql.* TO 'auditeur2'@'127.0.0.1'",
            f"CREATE USER 'ts_dossiers'@'%' IDENTIFIED BY '{AUDIT_PASS}'",
            "GRANT SELECT ON soc_dossiers.* TO 'ts_dossiers'@'%'",
            f"CREATE USER 'obs_stats'@'%' IDENTIFIED BY '{AUDIT_PASS}'",
            "GRANT SELECT ON soc_stats.* TO 'obs_stats'@'%'",
        ):
            c.execute(sa.text(stmt))
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", AUDIT_PASS)
    spec = f"mysql+pymysql://auditeur2@127.0.0.1:{mariadb['port']}/soc_dossiers"
    pol = policy(tmp_path)
    pol.write_text(pol.read_text(encoding="utf-8") + "query_timeout_s = 0\n", encoding="utf-8")

    one = audit(spec, checks=["access", "nominative"], policy_path=pol, interactive=False)
    assert all("." not in t.name for t in one.tables)
    wide = {f.subject: f for f in by_rule(list(one.findings))["access.mysql_wide_grants"]}
    assert set(wide) == {"schema"} and wide["schema"].details["accounts"] == 1

    both = audit(spec, checks=["access", "nominative"], policy_path=pol, interactive=False, all_databases=True)
    names = {t.name for t in both.tables}
    assert "soc_stats.stat_annuelle" in names and "soc_dossiers.dossier" in names
    got = by_rule(list(both.findings))
    wide = {f.subject: f for f in got["access.mysql_wide_grants"]}
    assert set(wide) == {"schema:soc_dossiers", "schema:soc_stats"}
    assert all(f.details["accounts"] == 1 for f in wide.values())
    assert any("soc_stats.*" in e.excerpt for e in wide["schema:soc_stats"].evidence)
    stats = {(f.table, f.column) for f in got["nominative.direct_identifier_in_statistics"]}
    assert ("soc_stats.stat_annuelle", "nom") in stats and ("soc_stats.v_stat", "nom") in stats
    [view] = [f for f in got["nominative.direct_identifier_in_statistics"] if f.table == "soc_stats.v_stat"]
    assert view.details["relation"] == "vue" and view.details["view_reads"] == ["soc_stats.stat_annuelle"]
    text = " ".join(e.excerpt + (e.record or "") for f in both.findings for e in f.evidence)
    assert "ts_dossiers" not in text and "obs_stats" not in text

    only = audit(spec, checks=["access"], policy_path=pol, interactive=False, schemas=["soc_stats"])
    assert {t.name for t in only.tables} == {"stat_annuelle"}
