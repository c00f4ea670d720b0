"""The perimeter on a real PostgreSQL server (issue 12): every schema the account can read, views over the
persons table, grants per schema, an empty perimeter refused, unread schemas listed and never "conforme".

The same data is placed in ``public``, in one non-default schema (``social``, ``public`` left empty) and split
over two schemas (``social`` for the persons and notes, ``stats`` for a statistics view over the persons).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from auditor import api
from auditor.report.json import to_dict
from auditor.report.model import build
from tests.engine.helpers import run_cli
from tests.pgserver import SUPERPASS, SUPERUSER

pytestmark = pytest.mark.postgres
AS_OF = dt.date(2026, 6, 30)
READER_PASS = "Lecteur-Pass-2026"
FIRST = ["Aliette", "Bertrand", "Chloé", "Damien", "Eloïse", "Fabrice", "Gisèle", "Hugo", "Inès", "Jules"]
LAST = ["Durandeau", "Lemarchal", "Fabrequin", "Morvanec", "Quillardet", "Rouxelin", "Tavernier", "Vasseron"]
CHECKS = ["access", "nominative", "retention", "subjective"]


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)


def admin(pg, db: str, *statements: str) -> None:
    eng = pg.admin_engine(db)
    with eng.connect() as conn:
        for s in statements:
            conn.execute(sa.text(s))
    eng.dispose()


def _load(pg, db: str, persons: str, stats: str, public_grants: bool = True) -> None:
    """Persons and notes in schema ``persons``, the statistics view in schema ``stats``."""
    pg.create_database(db)
    stmts = [f"CREATE SCHEMA IF NOT EXISTS {s}" for s in sorted({persons, stats}) if s != "public"]
    stmts += [
        f"CREATE TABLE {persons}.usager (id_usager integer PRIMARY KEY, nom text, prenom text, date_naissance date, "
        "code_postal text, sexe text)",
        f"CREATE TABLE {persons}.entretien (id_entretien integer PRIMARY KEY, id_usager integer REFERENCES "
        f"{persons}.usager, date_entretien date, observation text)",
    ]
    rows = []
    for i in range(1, 61):
        rows.append(f"({i}, '{LAST[i % len(LAST)]}', '{FIRST[i % len(FIRST)]}', DATE '{1950 + i % 50}-0{1 + i % 9}-1{i % 9}', "
                    f"'{['75011', '93200', '13001', '69003'][i % 4]}', '{'F' if i % 2 else 'M'}')")
    stmts.append(f"INSERT INTO {persons}.usager VALUES " + ", ".join(rows))
    stmts.append(f"INSERT INTO {persons}.entretien SELECT id_usager, id_usager, DATE '2012-01-01' + 30 * id_usager, "
                 f"CASE WHEN id_usager % 7 = 0 THEN 'Mme semble alcoolique selon le voisin' ELSE 'logement' END "
                 f"FROM {persons}.usager")
    stmts.append(
        f"CREATE VIEW {stats}.stat_usager AS SELECT u.nom, u.prenom, u.code_postal, u.sexe, "
        f"CAST(extract(year FROM u.date_naissance) AS integer) AS annee_naissance FROM {persons}.usager u"
    )
    if public_grants:
        stmts.append(f"GRANT SELECT ON {persons}.usager TO PUBLIC")
        stmts += [f"GRANT USAGE ON SCHEMA {s} TO PUBLIC" for s in sorted({persons, stats}) if s != "public"]
    admin(pg, db, *stmts)


def _audit(pg, db: str, user: str = SUPERUSER, **kw):
    return api.audit(pg.url_without_password(db, user), checks=kw.pop("checks", CHECKS), as_of=AS_OF,
                     interactive=False, **kw)


def _shape(result) -> list[tuple]:
    """Findings with table names unqualified: what must not change with the layout."""
    return sorted((f.rule, (f.table or "").split(".")[-1], f.column, f.subject, f.affected, f.total, f.severity.value)
                  for f in result.findings)


@pytest.fixture(scope="module")
def layouts(pg) -> dict[str, object]:
    tag = uuid.uuid4().hex[:6]
    out = {}
    for name, persons, stats in (("public", "public", "public"), ("social", "social", "social"),
                                 ("split", "social", "stats")):
        db = f"per_{name}_{tag}"
        _load(pg, db, persons, stats)
        import os

        os.environ["AUDITOR_DB_PASSWORD"] = SUPERPASS
        out[name] = _audit(pg, db)
    return out


def test_same_findings_whatever_the_schemas(layouts) -> None:
    public, social, split = layouts["public"], layouts["social"], layouts["split"]
    assert public.findings, "the statistics view over the persons must be found"
    assert _shape(public) == _shape(social) == _shape(split)
    # one schema (public or not): names unqualified, identical ids
    assert sorted(f.id for f in public.findings) == sorted(f.id for f in social.findings)
    assert all("." not in (f.table or "") for f in public.findings + social.findings)
    # two schemas: names qualified
    tables = {f.table for f in split.findings if f.table}
    assert "stats.stat_usager" in tables and "social.usager" in tables
    assert {t.name for t in split.tables} == {"social.entretien", "social.usager"}


def test_view_is_audited_and_says_what_it_reads(layouts) -> None:
    for name, expected in (("public", "usager"), ("split", "social.usager")):
        hits = [f for f in layouts[name].findings if f.rule == "nominative.direct_identifier_in_statistics"]
        assert {f.column for f in hits} >= {"nom", "prenom"}, name
        for f in hits:
            assert f.details["relation"] == "vue" and f.details["view_reads"] == [expected]
            assert "est une vue qui lit" in f.why and expected in f.why
    per = layouts["split"].policy_info["perimeter"]
    assert per["schemas"] == ["public", "social", "stats"] and per["qualified"]
    assert per["views"] == [{"name": "stats.stat_usager", "kind": "vue", "reads": ["social.usager"]}]


def test_public_usage_and_select_on_a_non_default_schema(layouts) -> None:
    for name in ("social", "split"):
        hits = [f for f in layouts[name].findings if f.rule == "access.db_grant_public"]
        assert len(hits) == 1, name
        f = hits[0]
        assert f.table.split(".")[-1] == "usager" and f.details["public_usage_on_schema"] is True
        assert any("USAGE sur le schéma « social » accordé à PUBLIC" in e.excerpt for e in f.evidence)
        assert f.recommendation.startswith("REVOKE SELECT ON social.usager FROM PUBLIC")
    # same finding, same severity in public (where USAGE to PUBLIC is PostgreSQL's default)
    [f] = [f for f in layouts["public"].findings if f.rule == "access.db_grant_public"]
    assert f.severity.value == [g for g in layouts["social"].findings if g.rule == "access.db_grant_public"][0].severity.value
    assert "schema" not in f.details


def test_schema_options(pg) -> None:
    db = f"per_opt_{uuid.uuid4().hex[:6]}"
    _load(pg, db, "social", "stats")
    only = _audit(pg, db, schemas=["social"])
    assert {t.name for t in only.tables} == {"entretien", "usager"}  # one schema: unqualified
    assert not [f for f in only.findings if f.rule.startswith("nominative.direct")]
    excl = _audit(pg, db, exclude_schemas=["stats"])
    assert _shape(excl) == _shape(only)
    with pytest.raises(Exception) as err:
        _audit(pg, db, schemas=["inconnu"])
    assert "schéma « inconnu »" in str(err.value) and "social" in str(err.value)


def test_account_that_reads_nothing_exits_2(pg, capsys, tmp_path: Path, monkeypatch) -> None:
    tag = uuid.uuid4().hex[:6]
    db = f"per_none_{tag}"
    _load(pg, db, "social", "social", public_grants=False)
    admin(pg, db, f"CREATE ROLE lect_{tag} LOGIN PASSWORD '{READER_PASS}'")
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", READER_PASS)
    out = tmp_path / "o"
    r = run_cli(["scan", pg.url_without_password(db, f"lect_{tag}"), "--out", str(out), "--checks", "nominative"],
                capsys)
    assert r.code == 2
    lines = [line for line in r.err.strip().splitlines() if line.startswith("auditor :")]
    assert len(lines) == 1, r.err
    assert "non lisibles par le compte d'audit : social" in lines[0]
    assert "Aucune table lisible" in r.err and "schémas vus : public, social" in r.err and "tables lisibles : 0" in r.err
    assert "--schema" in r.err and "droit" in r.err
    assert "Traceback" not in r.err and READER_PASS not in r.err
    assert not out.exists()


def test_unread_schema_is_listed_and_opinion_is_to_verify(pg, monkeypatch) -> None:
    tag = uuid.uuid4().hex[:6]
    db = f"per_part_{tag}"
    _load(pg, db, "social", "social", public_grants=False)
    role = f"lect_{tag}"
    admin(pg, db,
          "DROP VIEW social.stat_usager",
          "CREATE SCHEMA secret",
          "CREATE TABLE secret.stat_nominative (nom text, prenom text, nb integer)",
          "INSERT INTO secret.stat_nominative SELECT nom, prenom, 1 FROM social.usager",
          "CREATE TABLE social.journal (id integer PRIMARY KEY, quand date)",
          f"CREATE ROLE {role} LOGIN PASSWORD '{READER_PASS}'",
          f"GRANT USAGE ON SCHEMA social TO {role}",
          f"GRANT SELECT ON social.usager, social.entretien TO {role}")
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", READER_PASS)
    result = _audit(pg, db, user=role, checks=["nominative"])
    assert not result.findings
    skipped = dict(result.skipped)
    assert "schéma non examiné" in skipped["secret"] and "USAGE" in skipped["secret"]
    assert "non examinée" in skipped["social.journal"]
    [q] = build(result)["questions"]
    assert q.conclusion_code == "a-verifier" and q.conclusion == "à vérifier"
    assert "« secret »" in q.argument and "ne vaut donc pas conformité" in q.argument
    doc = to_dict(result)
    assert {"object": "secret", "reason": skipped["secret"]} in doc["skipped"]
    json.dumps(doc)
    # the superuser reads everything: the same question is no longer "à vérifier" for that reason
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    full = _audit(pg, db, checks=["nominative"])
    assert "secret.stat_nominative" in {f.table for f in full.findings}


def test_checks_other_than_nominative_read_the_other_schemas(layouts) -> None:
    """Retention and subjective read tables of a non-default schema (and not the view: no double count)."""
    for name in ("public", "social", "split"):
        rules = {f.rule for f in layouts[name].findings}
        assert any(r.startswith("retention.") for r in rules), name
        assert any(r.startswith("subjective.") for r in rules), name
        assert not [f for f in layouts[name].findings
                    if f.check in ("retention", "subjective") and "stat_usager" in (f.table or "")]


def test_default_privileges_per_schema(pg) -> None:
    db = f"per_defacl_{uuid.uuid4().hex[:6]}"
    _load(pg, db, "social", "stats")
    admin(pg, db, "ALTER DEFAULT PRIVILEGES IN SCHEMA stats GRANT SELECT ON TABLES TO PUBLIC")
    result = _audit(pg, db, checks=["access"])
    [f] = [f for f in result.findings if f.rule == "access.db_default_privileges"]
    assert any("(schéma stats)" in e.excerpt for e in f.evidence) and f.details["public"]
    # a schema left out of the audit is not reported
    only = _audit(pg, db, checks=["access"], schemas=["social"])
    assert not [f for f in only.findings if f.rule == "access.db_default_privileges"]
