"""The access check against a real PostgreSQL server (throwaway cluster): the
same application-level counts as on SQLite, plus the engine's own rights with
real roles, GRANTs, REVOKEs, row-level security on and off, an application
connected as owner, and default privileges."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor.api import audit
from auditor.findings import Severity
from tests.checks.access_data import build
from tests.checks.test_access import SAMPLES, by_rule, check_planted, compare_with_planted, policy
from tests.pgserver import SUPERPASS, SUPERUSER

pytestmark = pytest.mark.postgres
APP_PASS = "App-Role-Pass-2026"


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)


def run_pg(pg, db: str, pol: Path) -> list:
    return list(audit(pg.url_without_password(db, SUPERUSER), checks=["access"], policy_path=pol, interactive=False).findings)


def admin(pg, db: str, *statements: str) -> None:
    eng = pg.admin_engine(db)
    with eng.connect() as conn:
        for s in statements:
            conn.execute(sa.text(s))
    eng.dispose()


@pytest.fixture()
def problem_pg(pg, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The problem database in PostgreSQL with wide grants, an HR login, no RLS, an owner-connected app."""
    tag = "t" + uuid.uuid4().hex[:6]
    db = f"acc_{tag}"
    pg.load_sqlite(build(tmp_path / "app.sqlite", compliant=False), db)
    stmts = [f"CREATE ROLE {tag}_equipe_sociale NOLOGIN"]
    stmts += [f"CREATE ROLE {tag}_ts{i:02d} LOGIN PASSWORD '{APP_PASS}' IN ROLE {tag}_equipe_sociale" for i in range(1, 11)]
    stmts += [
        f"GRANT SELECT ON dossier TO {tag}_equipe_sociale",
        "GRANT SELECT ON usager TO PUBLIC",
        f"CREATE ROLE {tag}_rh NOLOGIN",
        f"CREATE ROLE {tag}_rh_dupont LOGIN PASSWORD '{APP_PASS}' IN ROLE {tag}_rh",
        f"GRANT SELECT ON dossier TO {tag}_rh",
        f"CREATE ROLE {tag}_app_owner LOGIN PASSWORD '{APP_PASS}'",
        f"ALTER TABLE dossier OWNER TO {tag}_app_owner",
        f"ALTER TABLE usager OWNER TO {tag}_app_owner",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC",
    ]
    admin(pg, db, *stmts)
    app = sa.create_engine(pg.url(db, user=f"{tag}_app_owner", password=APP_PASS))
    conn = app.connect()  # the application's open session
    conn.execute(sa.text("select 1"))
    try:
        yield db, tag
    finally:
        conn.close()
        app.dispose()


DB_EXPECTED = {
    "access.db_grant_public": [("usager", "PUBLIC", Severity.HIGH)],
    "access.db_grant_wide_role": [(None, "{tag}_equipe_sociale", Severity.HIGH)],
    "access.db_non_social_login_reads": [("dossier", None, Severity.CRITICAL)],
    "access.db_no_row_level_security": [("dossier", None, Severity.MEDIUM)],
    "access.db_app_owner_or_superuser": [(None, "owner", Severity.HIGH)],
    "access.db_default_privileges": [(None, None, Severity.HIGH)],
}


def test_problem_database_on_postgresql(pg, problem_pg, tmp_path: Path) -> None:
    db, tag = problem_pg
    findings = run_pg(pg, db, policy(tmp_path))
    app_level = [f for f in findings if not f.rule.startswith("access.db_")]
    check_planted(app_level)
    got = by_rule(findings)
    for rule, expected in DB_EXPECTED.items():
        exp = [(t, s.format(tag=tag) if s else s, sev) for t, s, sev in expected]
        assert [(f.table, f.subject, f.severity) for f in got[rule]] == exp, rule
    assert got["access.db_grant_wide_role"][0].details["login_members"] == 10
    nsl = got["access.db_non_social_login_reads"][0]
    assert nsl.details["accounts"] == 1 and nsl.details["via_groups"] == [f"{tag}_rh"]
    assert nsl.evidence[0].record.startswith("ACC-")  # a login role is an account: pseudonymised
    rls = got["access.db_no_row_level_security"][0]
    assert rls.details["login_readers"] == 11 and rls.details["rls_enabled"] is False
    owner = got["access.db_app_owner_or_superuser"][0]
    assert owner.details["owned_tables"] == ["dossier", "usager"]
    text = json.dumps([[e.record, e.excerpt] for f in findings for e in f.evidence] + [f.why for f in findings])
    assert f"{tag}_rh_dupont" not in text and f"{tag}_app_owner" not in text and f"{tag}_ts01" not in text


def test_revoke_and_row_level_security_on_and_off(pg, problem_pg, tmp_path: Path) -> None:
    db, tag = problem_pg
    pol = policy(tmp_path)
    admin(pg, db, f"REVOKE SELECT ON dossier FROM {tag}_rh", "ALTER TABLE dossier ENABLE ROW LEVEL SECURITY",
          "CREATE POLICY tout_lire ON dossier FOR SELECT USING (true)")
    got = by_rule(run_pg(pg, db, pol))
    assert "access.db_non_social_login_reads" not in got
    rls = got["access.db_no_row_level_security"][0]
    assert rls.details["rls_enabled"] is True and rls.details["trivial_policy"] is True
    admin(pg, db, "DROP POLICY tout_lire ON dossier",
          "CREATE POLICY portefeuille ON dossier FOR SELECT USING (id_usager IN (SELECT r.id_usager FROM referent r "
          "JOIN utilisateur u ON u.id_utilisateur = r.id_utilisateur WHERE u.login = current_user))")
    assert "access.db_no_row_level_security" not in by_rule(run_pg(pg, db, pol))
    admin(pg, db, "ALTER TABLE dossier DISABLE ROW LEVEL SECURITY")
    assert len(by_rule(run_pg(pg, db, pol))["access.db_no_row_level_security"]) == 1
    admin(pg, db, "REVOKE SELECT ON usager FROM PUBLIC", "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM PUBLIC")
    got = by_rule(run_pg(pg, db, pol))
    assert "access.db_grant_public" not in got and "access.db_default_privileges" not in got


def test_database_intent(pg, problem_pg, tmp_path: Path) -> None:
    db, tag = problem_pg
    pol = policy(tmp_path, f'[access.db_intent.{tag}_equipe_sociale]\nselect = ["usager"]\n'
                           f'[access.db_intent.{tag}_rh]\nselect = ["dossier", "usager"]\n')
    got = by_rule(run_pg(pg, db, pol))
    f = got["access.db_grant_beyond_intent"]
    assert [(x.subject, x.details["extra"], x.severity) for x in f] == [(f"{tag}_equipe_sociale", ["dossier"], Severity.HIGH)]


def test_superuser_application_is_critical(pg, problem_pg, tmp_path: Path) -> None:
    db, tag = problem_pg
    admin(pg, db, f"CREATE ROLE {tag}_app_su LOGIN SUPERUSER PASSWORD '{APP_PASS}'")
    pol = policy(tmp_path, f'[access]\napp_db_roles = ["{tag}_app_su"]\n')
    got = by_rule(run_pg(pg, db, pol))
    subjects = {f.subject: f.severity for f in got["access.db_app_owner_or_superuser"]}
    assert subjects == {"superuser": Severity.CRITICAL, "owner": Severity.HIGH}


def test_compliant_database_on_postgresql(pg, tmp_path: Path) -> None:
    tag = "t" + uuid.uuid4().hex[:6]
    db = f"acc_ok_{tag}"
    pg.load_sqlite(build(tmp_path / "ok.sqlite", compliant=True), db)
    admin(pg, db,
          f"CREATE ROLE {tag}_app LOGIN PASSWORD '{APP_PASS}'",
          f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {tag}_app",
          f"CREATE ROLE {tag}_rh NOLOGIN",
          f"CREATE ROLE {tag}_rh_paie LOGIN PASSWORD '{APP_PASS}' IN ROLE {tag}_rh",
          f"GRANT SELECT ON site TO {tag}_rh",
          "ALTER TABLE dossier ENABLE ROW LEVEL SECURITY",
          "CREATE POLICY portefeuille ON dossier FOR SELECT USING (id_usager IN (SELECT r.id_usager FROM referent r "
          "JOIN utilisateur u ON u.id_utilisateur = r.id_utilisateur WHERE u.login = current_user))",
          "ALTER TABLE demande_rectification ENABLE ROW LEVEL SECURITY",
          "CREATE POLICY demandeur ON demande_rectification FOR SELECT USING (id_usager IN (SELECT r.id_usager FROM referent r "
          "JOIN utilisateur u ON u.id_utilisateur = r.id_utilisateur WHERE u.login = current_user))")
    app = sa.create_engine(pg.url(db, user=f"{tag}_app", password=APP_PASS))
    with app.connect() as conn:
        conn.execute(sa.text("select 1"))
        findings = run_pg(pg, db, policy(tmp_path))
    app.dispose()
    assert [f for f in findings if f.severity.at_least(Severity.MEDIUM)] == []


@pytest.mark.parametrize("name", ["company", "departement"])
def test_samples_on_postgresql(pg, name: str, tmp_path: Path) -> None:
    src = SAMPLES / name / f"{name}.sqlite"
    if not src.exists() or not (SAMPLES / name / "planted.json").exists():
        pytest.skip("sample database not generated yet")
    db = f"sample_{name}_{uuid.uuid4().hex[:6]}"
    pg.load_sqlite(src, db)
    planted = json.loads((SAMPLES / name / "planted.json").read_text(encoding="utf-8"))
    p = tmp_path / "p.toml"
    p.write_text(f'[audit]\nas_of = "{planted["as_of"]}"\n', encoding="utf-8")
    findings = run_pg(pg, db, p)
    compare_with_planted(name, findings)
    assert not [f for f in findings if f.rule.startswith("access.db_")]

