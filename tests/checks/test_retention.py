"""The retention check: hand-computed counts on a small database, on SQLite, on its CSV
export and on PostgreSQL, at a fixed --as-of; a clean database with no finding; the
policy's periods and mappings; nothing personal in the findings."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.findings import Finding, Severity
from tests.checks.retention_data import (
    AS_OF,
    CLEAN_ROWS,
    CLEAN_SCHEMA,
    EXPECTED,
    EXPECTED_OTHER,
    ROWS,
    build_csv,
    build_sqlite,
)
from tests.pgserver import SUPERPASS, SUPERUSER


def run(spec: str, policy: Path | None = None, as_of: dt.date = AS_OF) -> list[Finding]:
    return list(audit(spec, checks=["retention"], policy_path=policy, as_of=as_of, interactive=False).findings)


def by_rule(findings: list[Finding]) -> dict[str, dict[tuple[str | None, str | None], Finding]]:
    out: dict[str, dict[tuple[str | None, str | None], Finding]] = {}
    for f in findings:
        out.setdefault(f.rule, {})[(f.table, f.subject)] = f
    return out


def policy(tmp_path: Path, text: str) -> Path:
    p = tmp_path / f"policy_{uuid.uuid4().hex[:6]}.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(params=["sqlite", "csv", pytest.param("postgresql", marks=pytest.mark.postgres)])
def mini(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The small database as a SQLite file, as CSV exports, or in PostgreSQL."""
    db = build_sqlite(tmp_path / "mini.sqlite")
    if request.param == "sqlite":
        return str(db)
    if request.param == "csv":
        return str(build_csv(tmp_path / "exports"))
    pg = request.getfixturevalue("pg")
    name = "ret_" + uuid.uuid4().hex[:8]
    pg.load_sqlite(db, name)
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    return pg.url_without_password(name, SUPERUSER)


def test_hand_computed_counts(mini: str) -> None:
    got = by_rule(run(mini))
    for rule, expected in EXPECTED.items():
        found = {k: (f.affected, f.total, f.details["overrun_lt_1y"], f.details["overrun_1_3y"], f.details["overrun_gt_3y"])
                 for k, f in got.get(rule, {}).items()}
        assert found == expected, rule
    for rule, expected in EXPECTED_OTHER.items():
        assert {t: f.affected for (t, _s), f in got.get(rule, {}).items()} == expected, rule
    assert set(got) <= set(EXPECTED) | set(EXPECTED_OTHER)


def test_details_of_each_rule(mini: str) -> None:
    got = by_rule(run(mini))
    acc = got["retention.person_past_period"][("usager", "accompagnement_social")]
    assert acc.details["archived_excluded"] == 1  # U4
    assert acc.details["oldest_overrun"] == "6 ans et 5 mois"  # 2018-01-20 -> 2024-06-30
    assert acc.details["cutoff"] == "2024-06-30"
    assert acc.details["period_months"] == 24
    assert acc.details["period_source"] == "valeur par défaut à confirmer"
    assert acc.details["period_origin"] == "default"
    assert acc.severity == Severity.HIGH
    ident = got["retention.person_past_period"][("usager", "identite_administrative")]
    assert ident.details["creation_column"] == "date_creation"
    files = got["retention.file_past_period"]
    assert files[("dossier", "accompagnement_social")].details["of_archived_persons"] == 1  # D4: U4 is archived, not D4
    log = got["retention.log_past_period"][("journal_acces", "journal_acces")]
    assert log.column == "date_acces"
    assert log.details["cutoff"] == "2025-06-30"
    assert log.details["oldest_overrun"] == "5 ans et 5 mois"  # 2020-01-01 -> 2025-06-30
    single = got["retention.single_contact_full_file"][("dossier", "contact_unique")]
    assert (single.affected, single.total) == (1, 2)
    assert single.details["with_free_text"] == 1
    undated = got["retention.undated_personal_table"][("contact_urgence", None)]
    assert undated.details["linked_to"] == ["usager"]
    dates = {f.column: f.details for (t, _s), f in got["retention.unusable_dates"].items() if t}
    entretien = next(f for (t, _s), f in got["retention.unusable_dates"].items() if t == "entretien")
    assert entretien.column == "date_entretien"
    d = entretien.details
    assert (d["missing_or_empty"], d["unreadable"], d["impossible"], d["future"]) == (1, 1, 1, 1)
    naiss = next(f for (t, _s), f in got["retention.unusable_dates"].items() if t == "usager")
    assert naiss.column == "dt_naiss"
    assert (naiss.details["impossible"], naiss.details["before_min_year"], naiss.details["future"]) == (1, 1, 1)
    journal = next(f for (t, _s), f in got["retention.unusable_dates"].items() if t == "journal_acces")
    assert journal.details["missing_or_empty"] == 1
    assert dates  # every finding names its column


def test_every_finding_names_its_period_and_never_a_person(mini: str) -> None:
    findings = run(mini)
    assert findings
    personal = {r[1] for r in ROWS["usager"]} | {r[2] for r in ROWS["usager"]} | {r[4] for r in ROWS["note"]}
    personal |= {v for r in ROWS["contact_urgence"] for v in r[2:]} | {r[5] for r in ROWS["dossier"] if r[5]}
    for f in findings:
        blob = json.dumps([f.title, f.why, f.recommendation, [e.excerpt for e in f.evidence], f.details],
                          ensure_ascii=False, default=str)
        leaked = [v for v in personal if v in blob and not v[:4].isdigit()]
        assert not leaked, (f.rule, leaked)
        assert all(e.record is None for e in f.evidence)
        assert f.subject is None or f.subject.replace("_", "").isalpha()
        if "overrun" in f.rule or f.rule.endswith("past_period") or f.rule == "retention.open_file_inactive":
            assert f.details["period_months"] > 0
            assert f.details["period_source"]
            assert "Durée appliquée" in f.why and "à confirmer" in f.why
            assert f.recommendation


def test_clean_database_has_no_finding(tmp_path: Path) -> None:
    db = build_sqlite(tmp_path / "clean.sqlite", CLEAN_ROWS, CLEAN_SCHEMA)
    assert run(str(db)) == []
    assert run(str(build_csv(tmp_path / "clean_csv", CLEAN_ROWS, CLEAN_SCHEMA))) == []


@pytest.mark.postgres
def test_clean_database_has_no_finding_postgresql(pg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    db = build_sqlite(tmp_path / "clean.sqlite", CLEAN_ROWS, CLEAN_SCHEMA)
    name = "ret_clean_" + uuid.uuid4().hex[:6]
    pg.load_sqlite(db, name)
    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    assert run(pg.url_without_password(name, SUPERUSER)) == []


def test_as_of_moves_every_count(tmp_path: Path) -> None:
    db = str(build_sqlite(tmp_path / "mini.sqlite"))
    # one year earlier: cutoff 2023-06-30, buckets from 2022-06-30 and 2020-06-30. U2 (2023-12-01)
    # is no longer late; U10 (2023-01-01) is under 1 year late, U3 (2022-03-15) 1 to 3 years, U5 over 3.
    got = by_rule(run(db, as_of=dt.date(2025, 6, 30)))
    acc = got["retention.person_past_period"][("usager", "accompagnement_social")]
    assert (acc.affected, acc.details["overrun_lt_1y"], acc.details["overrun_1_3y"], acc.details["overrun_gt_3y"]) == (3, 1, 1, 1)
    assert acc.details["cutoff"] == "2023-06-30"
    # same input, same as-of: same findings and ids
    assert [f.id for f in run(db)] == [f.id for f in run(db)]


def test_policy_changes_periods_and_says_so(tmp_path: Path) -> None:
    db = str(build_sqlite(tmp_path / "mini.sqlite"))
    pol = policy(tmp_path, """
[retention.accompagnement_social]
period_months = 48
confirmed = true

[retention.journal_acces]
period_months = 6

[retention.contact_unique]
confirmed = true
""")
    got = by_rule(run(db, pol))
    acc = got["retention.person_past_period"][("usager", "accompagnement_social")]
    # cutoff 2022-06-30: U3 (2022-03-15) and U5 (2018-01-20) only
    assert acc.affected == 2
    assert acc.details["period_months"] == 48
    assert acc.details["period_source"] == "politique (confirmée par le DPO)"
    assert "fixée par la politique" in acc.why
    unique = got["retention.person_past_period"][("usager", "contact_unique")]
    assert unique.details["period_source"] == "valeur par défaut confirmée par la politique"
    log = got["retention.log_past_period"][("journal_acces", "journal_acces")]
    # cutoff 2025-12-30: 2025-07-01 and 2025-06-29 are now late too
    assert (log.affected, log.details["cutoff"]) == (4, "2025-12-30")


def test_policy_maps_a_table_to_another_category(tmp_path: Path) -> None:
    db = str(build_sqlite(tmp_path / "mini.sqlite"))
    pol = policy(tmp_path, '[tables.usager]\nretention = "protection_enfance"\n')
    got = by_rule(run(db, pol))
    child = got["retention.person_past_period"][("usager", "protection_enfance")]
    assert child.affected == 4
    assert child.details["category_chosen_by"] == "politique"
    assert child.details["end_action"] == "flag_only"
    assert "service d'archives" in child.recommendation
    # the files follow their person's category
    assert ("dossier", "protection_enfance") in got["retention.file_past_period"]


def test_unknown_category_is_reported_not_guessed(tmp_path: Path) -> None:
    db = str(build_sqlite(tmp_path / "mini.sqlite"))
    pol = policy(tmp_path, '[tables.usager]\nretention = "inexistante"\n')
    result = audit(db, checks=["retention"], policy_path=pol, as_of=AS_OF)
    assert any(t == "usager" and "inexistante" in why for t, why in result.skipped)
    assert not [f for f in result.findings if f.rule == "retention.person_past_period"]


def test_unset_period_is_a_finding(tmp_path: Path) -> None:
    rows = {**ROWS, "information_preoccupante": [(1, 1, "2020-01-01", "reçue")]}
    schema = {"usager": [("id_usager", "INTEGER PRIMARY KEY"), ("nom", "TEXT"), ("prenom", "TEXT"), ("dt_naiss", "TEXT"),
                         ("date_creation", "DATE"), ("archive", "INTEGER")],
              "information_preoccupante": [("id_ip", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"),
                                           ("date_reception", "DATE"), ("statut", "TEXT")]}
    db = str(build_sqlite(tmp_path / "ip.sqlite", {k: rows[k] for k in schema}, schema))
    got = by_rule(run(db))
    f = got["retention.period_unset"][("information_preoccupante", "informations_preoccupantes")]
    assert f.severity == Severity.INFO
    # once the DPO sets a period, the rows are evaluated
    pol = policy(tmp_path, "[retention.informations_preoccupantes]\nperiod_months = 24\n")
    got = by_rule(run(db, pol))
    assert "retention.period_unset" not in got
    rows_f = got["retention.rows_past_period"][("information_preoccupante", "informations_preoccupantes")]
    assert (rows_f.affected, rows_f.column, rows_f.details["period_source"]) == (1, "date_reception", "politique")


def test_statistics_microdata_and_departure_trigger(tmp_path: Path) -> None:
    schema = {
        "usager": [("id_usager", "INTEGER PRIMARY KEY"), ("nom", "TEXT"), ("date_creation", "DATE")],
        "stat_extraction": [("id", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"), ("date_extraction", "DATE"),
                            ("sexe", "TEXT")],
        "dossier_rh": [("id", "INTEGER PRIMARY KEY"), ("nom", "TEXT"), ("prenom", "TEXT"), ("date_embauche", "DATE"),
                       ("date_sortie", "DATE")],
    }
    rows = {
        "usager": [(1, "A", "2025-01-01")],
        "stat_extraction": [(1, 1, "2020-01-01", "F"), (2, 1, "2025-01-01", "M"), (3, 1, "2024-06-29", "F")],
        "dossier_rh": [(1, "Dupont", "Jean", "2000-01-01", "2020-01-01"), (2, "Durand", "Anne", "2010-01-01", None),
                       (3, "Petit", "Luc", "2001-01-01", "2022-01-01")],
    }
    db = str(build_sqlite(tmp_path / "misc.sqlite", rows, schema))
    pol = policy(tmp_path, '[tables.dossier_rh]\nretention = "dossier_rh_salarie"\n')
    got = by_rule(run(db, pol))
    stats = got["retention.rows_past_period"][("stat_extraction", "statistiques")]
    assert (stats.affected, stats.total) == (2, 3)  # 2020-01-01 and 2024-06-29 (cutoff 2024-06-30)
    rh = got["retention.rows_past_period"][("dossier_rh", "dossier_rh_salarie")]
    assert (rh.affected, rh.column) == (1, "date_sortie")  # left 2020-01-01: 60 months over on 2025-01-01


def test_shipped_rules_and_readme() -> None:
    from checks.retention.check import BOOK

    readme = (Path(BOOK.folder) / "README.md").read_text(encoding="utf-8")
    for rule_id in BOOK.info.rules:
        assert rule_id in BOOK.bound, rule_id
        assert f"`{rule_id}`" in readme, rule_id
    for heading in ("Ce que la règle cherche", "Pourquoi", "Exemple", "Que faire", "Options"):
        assert readme.count(heading) >= len(BOOK.info.rules), heading
