"""The retention check finds exactly the retention problems planted in both sample
databases (planted.json), on the SQLite file, on its CSV export and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator

import pytest

from auditor.api import audit
from auditor.findings import Finding
from tests.conftest import SAMPLES
from tests.pgserver import SUPERPASS, SUPERUSER

AS_OF = dt.date(2026, 6, 30)


def planted(name: str) -> dict[str, int]:
    data = json.loads((SAMPLES / name / "planted.json").read_text(encoding="utf-8"))
    assert data["as_of"] == AS_OF.isoformat()
    return {p["id"]: p["count"] for p in data["problems"] if p["check"] == "retention"}


def one(findings: list[Finding], rule: str, table: str, subject: str | None = None, column: str | None = None) -> Finding:
    got = [f for f in findings if f.rule == rule and f.table == table
           and (subject is None or f.subject == subject) and (column is None or f.column == column)]
    assert len(got) == 1, (rule, table, subject, [(f.subject, f.column) for f in got])
    return got[0]


def total(findings: list[Finding], rule: str, table: str, key: str | None = None) -> int:
    return sum((f.details[key] if key else f.affected) for f in findings if f.rule == rule and f.table == table)


@pytest.fixture(scope="module")
def pg_samples(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """Both samples copied once into PostgreSQL."""
    pg = request.getfixturevalue("pg")
    urls = {}
    for name in ("company", "departement"):
        db = f"ret_sample_{name}"
        pg.load_sqlite(SAMPLES / name / f"{name}.sqlite", db)
        urls[name] = pg.url_without_password(db, SUPERUSER)
    old = os.environ.get("AUDITOR_DB_PASSWORD")
    os.environ["AUDITOR_DB_PASSWORD"] = SUPERPASS
    yield urls
    if old is None:
        os.environ.pop("AUDITOR_DB_PASSWORD", None)
    else:
        os.environ["AUDITOR_DB_PASSWORD"] = old


SOURCES = ["sqlite", "csv", pytest.param("postgresql", marks=pytest.mark.postgres)]


def source(name: str, kind: str, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return str(SAMPLES / name / f"{name}.sqlite")
    if kind == "csv":
        return str(SAMPLES / name / "csv")
    return request.getfixturevalue("pg_samples")[name]


def run(spec: str) -> list[Finding]:
    return list(audit(spec, checks=["retention"], as_of=AS_OF, interactive=False).findings)


@pytest.mark.slow
@pytest.mark.parametrize("kind", SOURCES)
def test_company_planted_retention(kind: str, request: pytest.FixtureRequest) -> None:
    expected = planted("company")
    found = run(source("company", kind, request))
    assert total(found, "retention.person_past_period", "salarie") == expected["retention.salaries_dernier_contact_plus_2_ans"]
    demandes = one(found, "retention.file_past_period", "demande")
    assert demandes.affected == expected["retention.demandes_closes_plus_2_ans"]
    assert demandes.details["category"] == "service_social_travail"
    journal = one(found, "retention.log_past_period", "journal_acces")
    assert (journal.affected, journal.column) == (expected["retention.journal_plus_1_an"], "date_acces")
    # the company has no archive column: nothing is excluded as archived
    assert all(f.details.get("archived_excluded", 0) == 0 for f in found)


@pytest.mark.slow
@pytest.mark.parametrize("kind", SOURCES)
def test_departement_planted_retention(kind: str, request: pytest.FixtureRequest) -> None:
    expected = planted("departement")
    found = run(source("departement", kind, request))
    persons = [f for f in found if f.rule == "retention.person_past_period" and f.table == "usager"]
    assert {f.subject for f in persons} == {"accompagnement_social", "contact_unique"}
    assert sum(f.affected for f in persons) == expected["retention.usagers_dernier_contact_plus_2_ans"]
    assert sum(f.details["overrun_lt_1y"] for f in persons) == expected["retention.usagers_depassement_moins_1_an"]
    assert sum(f.details["overrun_1_3y"] for f in persons) == expected["retention.usagers_depassement_1_a_3_ans"]
    assert sum(f.details["overrun_gt_3y"] for f in persons) == expected["retention.usagers_depassement_plus_3_ans"]
    unique = one(found, "retention.file_past_period", "dossier_intervention_sociale", "contact_unique")
    assert unique.affected == expected["retention.dis_contact_unique_plus_2_ans"]
    journal = one(found, "retention.log_past_period", "journal_consultation")
    assert journal.affected == expected["retention.journal_plus_1_an"]
    undated = one(found, "retention.undated_personal_table", "contact_urgence")
    assert undated.affected == expected["retention.table_sans_date"]
    entretien = one(found, "retention.unusable_dates", "entretien", column="date_entretien")
    assert entretien.details["future"] == expected["retention.entretiens_dates_futures"]
    assert entretien.details["missing_or_empty"] == expected["retention.entretiens_sans_date"]
    if kind != "csv":  # the CSV loader rewrites dd/mm/yyyy dates as ISO before any check sees them
        with sqlite3.connect(SAMPLES / "departement" / "departement.sqlite") as conn:
            old_format = conn.execute("select count(*) from entretien where date_entretien like '__/__/____'").fetchone()[0]
        assert entretien.details["readable_not_iso"] == old_format
    naiss = one(found, "retention.unusable_dates", "usager", column="dt_naiss")
    d = naiss.details
    assert d["impossible"] + d["unreadable"] + d["before_min_year"] + d["future"] == expected["retention.dates_naissance_impossibles"]
    # only tables that hold personal data and no date are reported as undated
    assert [f.table for f in found if f.rule == "retention.undated_personal_table"] == ["contact_urgence"]


@pytest.mark.slow
def test_samples_report_periods_and_defaults() -> None:
    found = run(str(SAMPLES / "departement" / "departement.sqlite"))
    for f in found:
        if f.rule.endswith("past_period") or f.rule == "retention.open_file_inactive":
            assert f.details["period_source"] == "valeur par défaut à confirmer"
            assert f.details["period_months"] in (12, 24)
            assert f.details["oldest_overrun"]
            assert "Durée appliquée" in f.why
