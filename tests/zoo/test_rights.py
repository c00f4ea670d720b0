"""Rights reached through group tables and scope filters (auditor/model/rights.py), on the dev rights databases of
the zoo (tests/zoo/dev_rights.py), real SQLite files and a PostgreSQL copy: the wide grant is found through the join
and the filter, the evidence says which; narrow filters and an unreadable one are never called wide."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.catalog import build_catalog
from auditor.findings import Severity
from auditor.model.rights import classify_filter
from auditor.policy import load_policy
from auditor.sources import open_source
from bench.eval_zoo import score
from tests.zoo import dev_rights
from tests.zoo import generate as zoo

WIDE = "access.wide_read_on_case_files"
MEDIUM = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("rights")
    res = {}
    for name in dev_rights.DEV_RIGHTS:
        path, exp = zoo.build(name, out)
        path.chmod(0o600)
        res[name] = (path, exp)
    return res


def _scan(spec: str, policy: Path | None = None) -> list:
    return list(audit(spec, checks=["access"], as_of=zoo.AS_OF, policy_path=policy, interactive=False).findings)


def _model(path: Path):
    src = open_source(str(path))
    try:
        return build_catalog(src)
    finally:
        src.close()


# ------------------------------------------------------------------ filters, by structure
@pytest.mark.parametrize("text", ["[(1, '=', 1)]", "[]", "1=1", "1 = 1", "TRUE", "true", "*", "%", "ALL", "'x' = 'x'",
                                  "['|', ('user_id', '=', user.id), (1, '=', 1)]", None, ""])
def test_tautologies_are_everything_whatever_the_syntax(text: object) -> None:
    assert classify_filter(text)[0] == "all"


@pytest.mark.parametrize("text", ["[('user_id', '=', user.id)]", "dossier.referent_id = :current_user_id", "assigned_to == ${user.id}",
                                  "owner_id = auth.uid()", "[('referent_id', '=', user.id), (1, '=', 1)]", "1 = 0"])
def test_comparisons_with_the_account_are_narrow(text: str) -> None:
    assert classify_filter(text)[0] == "caseload"


@pytest.mark.parametrize("text", ["regle_locale.visibles(request)", "status = 'open'", "[('territory_id', 'in', user.territory_ids.ids)]",
                                  "['!', ('user_id', '=', user.id)]", "x >", "42"])
def test_what_cannot_be_read_is_unknown_never_narrow_nor_wide(text: str) -> None:
    """Without a model, an account attribute whose target is not established is not taken for a unit either."""
    level, reason = classify_filter(text)
    assert level == "unknown"
    assert "vérifier" in reason or "pas un filtre" in reason


# ------------------------------------------------------------------ the dev databases (SQLite)
def test_symfony_join_and_sql_filter_wide_grant_found_with_its_evidence(built) -> None:
    path, exp = built["r1_symfony_acl"]
    findings = _scan(str(path))
    wide = [f for f in findings if f.rule == WIDE and f.severity in MEDIUM]
    assert [f.details["role"] for f in wide] == ["ROLE_TRAVAILLEUR_SOCIAL"]
    f = wide[0]
    assert f.details["objects"] == ["entretien"] and f.details["scopes"] == ["1=1"]
    text = " ".join(e.excerpt for e in f.evidence)
    assert "utilisateur_role" in text and "role_permission" in text and "filtre" in text
    # the accounts holding the role, counted through the join table, recounted by plain SQL
    con = sqlite3.connect(path)
    n = con.execute("SELECT COUNT(DISTINCT ur.utilisateur_id) FROM utilisateur_role ur JOIN role r ON r.id = ur.role_id "
                    "WHERE r.code = 'ROLE_TRAVAILLEUR_SOCIAL'").fetchone()[0]
    con.close()
    assert f.details["accounts"] == n
    assert score(findings, exp)["problems"]["wide_scope_grants"]["verdict"] == "exact"


def test_unit_filter_is_read_through_the_accounts_unit(built) -> None:
    """``id = :user_secteur`` on the units table: the account's attribute named after the units, whose column refers
    to them: the unit, not everything."""
    cat = _model(built["r1_symfony_acl"][0])
    levels = {(g.role, g.obj): g.level for g in cat.model.rights.grants}
    assert levels[("ROLE_CHEF_SERVICE", "secteur")] == "unit"
    assert levels[("ROLE_TRAVAILLEUR_SOCIAL", "dossier")] == "caseload"
    assert levels[("ROLE_TRAVAILLEUR_SOCIAL", "entretien")] == "all"


def test_keycloak_composite_role_gives_the_wide_grant_to_its_holders(built) -> None:
    path, exp = built["r2_keycloak_composite"]
    cat = _model(path)
    rg = cat.model.rights
    assert rg.composite is not None and rg.composite[0] == "composite_role"
    findings = _scan(str(path))
    wide = [f for f in findings if f.rule == WIDE and f.severity in MEDIUM]
    assert [f.details["role"] for f in wide] == ["archive-reader"]  # the caseworker's narrow filters are not wide
    con = sqlite3.connect(path)
    holders = con.execute("SELECT COUNT(DISTINCT m.user_id) FROM user_role_mapping m JOIN keycloak_role r ON r.id = m.role_id "
                          "WHERE r.name IN ('archive-reader', 'caseworker-senior')").fetchone()[0]
    con.close()
    assert holders > 0 and wide[0].details["accounts"] == holders
    assert score(findings, exp)["problems"]["wide_scope_grants"]["verdict"] == "exact"


def test_narrow_filters_and_an_unreadable_one_are_never_called_wide(built) -> None:
    path, exp = built["r3_django_narrow"]
    findings = _scan(str(path))
    assert not [f for f in findings if f.rule == WIDE and f.severity in MEDIUM]
    unread = [f for f in findings if f.rule == WIDE and f.details.get("scope_unread")]
    assert len(unread) == 1 and unread[0].severity == Severity.LOW
    assert unread[0].details["scopes"] == ["regle_locale.visibles(request)"] and "vérifiez" in unread[0].details["model_assumption"].lower()
    sc = score(findings, exp)
    assert sc["problems"]["wide_scope_grants"]["verdict"] == "ok" and not sc["false_alarms"]


def test_a_narrow_filter_in_place_of_the_tautology_is_not_wide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same Symfony-like database with the line workers' tautology replaced by an own-caseload filter."""
    cfg = dict(dev_rights.DEV_RIGHTS["r1_symfony_acl"])
    cfg["plant"] = {**cfg["plant"], "wide_scope": False}
    monkeypatch.setitem(dev_rights.DEV_RIGHTS, "r1_symfony_acl", cfg)
    path, exp = dev_rights.build("r1_symfony_acl", tmp_path)
    assert exp["wide_scope_grants"] == 0
    assert not [f for f in _scan(str(path)) if f.rule == WIDE and f.severity in MEDIUM]


def test_inspect_shows_the_rights_and_the_written_scopes_are_taken_as_given(built, tmp_path: Path) -> None:
    from auditor.inspect_view import policy_toml
    from auditor.model.view import tree

    path, _exp = built["r3_django_narrow"]
    cat = _model(path)
    lines = "\n".join(tree(cat.model))
    assert "rôles des comptes par auth_user_groups" in lines and "À VÉRIFIER" in lines
    text = policy_toml(cat, "zoo")
    assert 'role_members = "auth_user_groups"' in text and "[model.scopes]" in text
    pol = tmp_path / "p.toml"
    # a DPO who checked the application says the unreadable filter lets the counsellors read every note
    pol.write_text(text.replace('"regle_locale.visibles(request)" = "unknown"', '"regle_locale.visibles(request)" = "all"'),
                   encoding="utf-8")
    load_policy(pol)  # valid
    wide = [f for f in _scan(str(path), pol) if f.rule == WIDE and f.severity in MEDIUM]
    assert [(f.details["role"], f.details["objects"]) for f in wide] == [("Conseillers en insertion", ["accompagnement_note"])]
    assert "politique" in " ".join(wide[0].details["scope_read_from"])


def test_a_scope_level_outside_the_list_is_one_french_sentence(tmp_path: Path) -> None:
    from auditor.errors import PolicyError

    pol = tmp_path / "p.toml"
    pol.write_text('[model.scopes]\n"1=1" = "everything"\n', encoding="utf-8")
    with pytest.raises(PolicyError) as e:
        load_policy(pol)
    assert "[model.scopes]" in str(e.value)


# ------------------------------------------------------------------ PostgreSQL
@pytest.mark.parametrize("name", ["r1_symfony_acl", "r3_django_narrow"])
def test_rights_through_joins_on_postgresql(built, pg, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The same verdicts on a PostgreSQL copy (no declared key survives the copy: value inclusion only)."""
    from tests.pgserver import SUPERPASS, SUPERUSER

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, exp = built[name]
    db = f"rights_{name}"
    pg.load_sqlite(path, db)
    findings = _scan(pg.url_without_password(db, SUPERUSER))
    wide = [f for f in findings if f.rule == WIDE and f.severity in MEDIUM]
    if exp["wide_scope_grants"]:
        assert [f.details["role"] for f in wide] == ["ROLE_TRAVAILLEUR_SOCIAL"]
    else:
        assert wide == []
        assert [f.details["scopes"] for f in findings if f.rule == WIDE and f.details.get("scope_unread")] == [["regle_locale.visibles(request)"]]


# ------------------------------------------------------------------ persons followed in a mixed contacts table
def _mixed_contacts(path: Path) -> None:
    """An Odoo-like contacts table: persons followed, organisations (a flag whose name says nothing) and the records
    of the user accounts; a second flag (``active``) splits persons who all have a birth date (hard negative)."""
    import datetime as dt
    import random

    rng = random.Random(7)
    con = sqlite3.connect(path)
    con.executescript("""
    CREATE TABLE contact (id INTEGER PRIMARY KEY, name VARCHAR, firstname VARCHAR, flag_b BOOLEAN, active BOOLEAN, birthdate DATE,
        street VARCHAR, phone VARCHAR);
    CREATE TABLE login_account (id INTEGER PRIMARY KEY, login VARCHAR, password VARCHAR, contact_id INTEGER, active BOOLEAN);
    CREATE TABLE meeting (id INTEGER PRIMARY KEY, contact_id INTEGER, account_id INTEGER, day DATE, notes TEXT);
    """)
    last = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Michel"]
    first = ["Marie", "Jean", "Pierre", "Nathalie", "Isabelle", "Sylvie", "Julien", "Camille", "Lucas", "Emma", "Hugo", "Chloe"]
    rows, cid = [], 0
    for i in range(6):  # organisations: no birth date, no first name
        cid += 1
        rows.append((cid, f"Association {i}", None, 1, 1, None, f"{i} rue du Port", None))
    accounts = []
    for i in range(8):  # the accounts' own records
        cid += 1
        rows.append((cid, rng.choice(last), None, 0, 1, None, None, None))
        accounts.append((i + 1, f"agent{i}", "$2b$12$" + "x" * 53, cid, 1))
    persons = []
    for _ in range(120):
        cid += 1
        persons.append(cid)
        rows.append((cid, rng.choice(last), rng.choice(first), 0, rng.random() > 0.2,
                     (dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 20000))).isoformat(), f"{rng.randint(1, 99)} rue Haute",
                     f"06{rng.randint(10000000, 99999999)}"))
    con.executemany("INSERT INTO contact VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.executemany("INSERT INTO login_account VALUES (?, ?, ?, ?, ?)", accounts)
    con.executemany("INSERT INTO meeting VALUES (?, ?, ?, ?, ?)",
                    [(i, rng.choice(persons), rng.randint(1, 8), (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 800))).isoformat(),
                      "Entretien de suivi, démarches en cours.") for i in range(1, 400)])
    con.commit()
    con.close()


def test_organisations_and_the_accounts_records_are_not_persons_followed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.sqlite"
    _mixed_contacts(path)
    cat = _model(path)
    m = cat.model
    assert m.persons == "contact"
    got = {(ex.how, ex.column): ex.rows for ex in m.not_followed}
    con = sqlite3.connect(path)
    orgs = con.execute("SELECT COUNT(*) FROM contact WHERE flag_b = 1").fetchone()[0]
    own = con.execute("SELECT COUNT(*) FROM contact WHERE id IN (SELECT contact_id FROM login_account)").fetchone()[0]
    followed = con.execute("SELECT COUNT(*) FROM contact WHERE flag_b = 0 AND id NOT IN (SELECT contact_id FROM login_account)").fetchone()[0]
    con.close()
    assert got == {("accounts", "contact_id"): own, ("flag", "flag_b"): orgs}  # not ``active``: both its groups have birth dates
    from auditor.model.followed import followed_condition

    src = open_source(str(path))
    try:
        import sqlalchemy as sa

        pt = sa.table("contact", *[sa.column(c) for c in cat.tables["contact"].columns])
        tables = {n: sa.table(n, *[sa.column(c) for c in t.columns]) for n, t in cat.tables.items()}
        with src.engine.connect() as conn:
            n = conn.execute(sa.select(sa.func.count()).select_from(pt).where(followed_condition(m.not_followed, pt, tables.get))).scalar()
    finally:
        src.close()
    assert n == followed


def test_a_filter_shown_in_a_report_masks_literals_that_could_name_someone() -> None:
    from auditor.model.rights import shown

    text = "[('partner_id', '=', 12345), ('name', '=', 'Jean Dupont'), ('email', '=', 'jd@ccas.fr'), ('state', '=', 'draft')]"
    out = shown(text)
    assert "12345" not in out and "Dupont" not in out and "jd@" not in out
    assert "'draft'" in out and "partner_id" in out
    level, reason = classify_filter(text)
    assert level == "unknown" and "Dupont" not in reason


def test_an_access_list_without_any_table_of_filters_is_to_be_checked_not_wide(tmp_path: Path) -> None:
    """Django groups and permissions alone: the application may filter the rows in its code; « à vérifier »."""
    path, _exp = zoo.build("r3_django_narrow", tmp_path)
    con = sqlite3.connect(path)
    con.execute("DROP TABLE accompagnement_perimetre")
    con.commit()
    con.close()
    cat = _model(path)
    levels = {(g.role, g.obj): g.level for g in cat.model.rights.grants}
    assert levels[("Conseillers en insertion", "accompagnement_note")] == "unknown"
    findings = _scan(str(path))
    assert not [f for f in findings if f.rule == WIDE and f.severity in MEDIUM]
    assert [f for f in findings if f.rule == WIDE and f.details.get("scope_unread")]
    # the DPO says a right without filter reads everything: taken as given
    pol = tmp_path / "p.toml"
    pol.write_text('[model.scopes]\n"" = "all"\n', encoding="utf-8")
    wide = [f for f in _scan(str(path), pol) if f.rule == WIDE and f.severity in MEDIUM]
    assert [f.details["role"] for f in wide] == ["Conseillers en insertion"]


def test_an_unreadable_filter_is_learnt_wide_when_the_log_shows_reads_in_every_unit(tmp_path: Path) -> None:
    path, _exp = zoo.build("r3_django_narrow", tmp_path)
    con = sqlite3.connect(path)
    uid = con.execute("SELECT ug.user_id FROM auth_user_groups ug WHERE ug.group_id = 1 ORDER BY ug.user_id LIMIT 1").fetchone()[0]
    people = [r[0] for r in con.execute("SELECT MIN(id) FROM accompagnement_personne GROUP BY agence_id")]
    n = con.execute("SELECT MAX(id) FROM accompagnement_consultation").fetchone()[0]
    con.executemany("INSERT INTO accompagnement_consultation VALUES (?, ?, ?, ?, ?)",
                    [(n + i + 1, uid, p, "2026-05-04 10:00:00", "lecture") for i, p in enumerate(people)])
    con.commit()
    con.close()
    assert len(people) == 5
    wide = [f for f in _scan(str(path)) if f.rule == WIDE and f.severity in MEDIUM]
    assert [f.details["role"] for f in wide] == ["Conseillers en insertion"]
    assert "journal" in " ".join(wide[0].details["scope_learnt_from_log"])


@pytest.mark.parametrize(("name", "role"), [("r1_symfony_acl", "ROLE_TRAVAILLEUR_SOCIAL"), ("r2_keycloak_composite", "archive-reader")])
def test_rights_through_joins_in_a_csv_export(built, tmp_path: Path, name: str, role: str) -> None:
    """A CSV export has no declared key at all: joins, composite roles and rights tables are tied by their values."""
    from bench.eval_zoo import export_csv

    path, _exp = built[name]
    findings = _scan(str(export_csv(path, tmp_path / name)))
    wide = [f for f in findings if f.rule == WIDE and f.severity in MEDIUM]
    assert [f.details["role"] for f in wide] == [role]
    assert wide[0].details.get("scope_read_from")


def test_exposure_ratio_counts_the_workers_holding_the_role_through_the_join(built) -> None:
    path, _exp = built["r1_symfony_acl"]
    ratio = [f for f in _scan(str(path)) if f.rule == "access.exposure_ratio"]
    con = sqlite3.connect(path)
    n = con.execute("SELECT COUNT(*) FROM utilisateur u WHERE u.actif = 1 AND u.id IN (SELECT ur.utilisateur_id FROM utilisateur_role ur "
                    "JOIN role r ON r.id = ur.role_id WHERE r.code = 'ROLE_TRAVAILLEUR_SOCIAL')").fetchone()[0]
    persons = con.execute("SELECT COUNT(*) FROM dossier").fetchone()[0]
    con.close()
    assert len(ratio) == 1 and ratio[0].details["workers"] == n
    # the line workers read every interview (« 1=1 »): each can read every person
    assert all(r["read_everything"] == r["accounts"] for r in ratio[0].details["roles"]) and ratio[0].details["persons_total"] == persons
