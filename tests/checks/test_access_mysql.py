"""The access check against a real MariaDB/MySQL server, started here in a
temporary folder when the distribution's server package is installed
(``apt-get install mariadb-server``); skipped otherwise.

Grants on *.* and on the whole schema are created with real ``GRANT``
statements and read back by the check from ``information_schema``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.api import audit
from auditor.findings import Severity
from tests.checks.access_data import build
from tests.checks.test_access import by_rule, check_planted, policy
from tests.mariadbserver import AUDIT_PASS, load


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
