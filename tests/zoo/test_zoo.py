"""The zoo (databases in naming styles the project had not used), scored against figures the
generator counted by plain SQL; and the service model's evidence, policy and honesty.

Only the dev half is asserted exactly: the held-out half is measured by ``bench/eval_zoo.py``
and reported, never tuned on. The compliant held-out database is asserted free of false alarms
on SQLite (a hard negative, not a figure to tune)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.catalog import build_catalog
from auditor.errors import PolicyError
from auditor.policy import load_policy
from auditor.sources import open_source
from bench.eval_zoo import export_csv, score
from tests.zoo import generate as zoo

DEV = sorted(zoo.DEV)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    out = tmp_path_factory.mktemp("zoo")
    res = {}
    for name in [*DEV, "h4_modules_compliant"]:
        path, exp = zoo.build(name, out)
        path.chmod(0o600)
        res[name] = (path, exp)
    return res


def _scan(spec: Path, policy: Path | None = None) -> list:
    return list(audit(str(spec), checks=["access", "retention"], as_of=zoo.AS_OF, policy_path=policy, interactive=False).findings)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a, ea = zoo.build("d1_tbl_nofk", tmp_path / "a")
    b, eb = zoo.build("d1_tbl_nofk", tmp_path / "b")
    assert ea == eb
    dump = lambda p: list(sqlite3.connect(p).iterdump())  # noqa: E731
    assert dump(a) == dump(b)


@pytest.mark.parametrize("name", DEV)
def test_dev_zoo_every_planted_problem_with_its_figure(built, name: str) -> None:
    path, exp = built[name]
    sc = score(_scan(path), exp)
    bad = {k: v for k, v in sc["problems"].items() if v["verdict"] not in ("exact", "within_5pct", "ok")}
    assert bad == {}, bad
    assert sc["false_alarms"] == []


def test_dev_zoo_csv_export(built, tmp_path: Path) -> None:
    path, exp = built["d2_modules_unit_only"]
    sc = score(_scan(export_csv(path, tmp_path / "csv")), exp)
    bad = {k: v for k, v in sc["problems"].items() if v["verdict"] not in ("exact", "within_5pct", "ok")}
    assert bad == {}, bad


def test_held_out_compliant_has_no_false_alarm(built) -> None:
    path, exp = built["h4_modules_compliant"]
    assert score(_scan(path), exp)["false_alarms"] == []


def test_log_by_file_number_is_linked_by_inclusion(built) -> None:
    """The log names the person by a non-key file number under a name nobody uses: found by the values."""
    path, _exp = built["d2_modules_unit_only"]
    src = open_source(str(path))
    try:
        m = build_catalog(src).model
    finally:
        src.close()
    lg = m.log("sec_access_trail")
    assert lg is not None and lg.person is not None
    assert (lg.person.target, lg.person.target_column, lg.person.how) == ("social_household", "case_no", "inclusion")
    assert lg.person.inclusion == 1.0 and lg.person.confidence == "high"
    assert [a.unit.target for a in m.assignments if a.unit] == ["org_team"]
    assert m.archive and m.closure == "closed_on"


def test_written_model_policy_is_taken_as_given(built, tmp_path: Path) -> None:
    """inspect --write-policy writes [model]; the validator accepts it; scan --policy takes a corrected link as given."""
    from auditor.inspect_view import policy_toml

    path, exp = built["d1_tbl_nofk"]
    src = open_source(str(path))
    try:
        cat = build_catalog(src)
        text = policy_toml(cat, "zoo")
    finally:
        src.close()
    assert "[model.links]" in text and '"tblAuditTrail.RecordKey" = "tblPerson.PersonID"' in text
    pol = tmp_path / "p.toml"
    pol.write_text(text, encoding="utf-8")
    load_policy(pol)  # valid
    sc = score(_scan(path, pol), exp)
    assert sc["problems"]["unexplained_reads"]["verdict"] == "exact"
    # a DPO says the log's person column means something else: the model follows the policy
    pol.write_text('[model.links]\n"tblAuditTrail.RecordKey" = "tblVisit.VisitID"\n', encoding="utf-8")
    findings = _scan(path, pol)
    assert not [f for f in findings if f.rule == "access.log_unexplained_reads" and f.affected == exp["unexplained_reads"]]


def test_model_policy_errors_are_one_french_sentence(built, tmp_path: Path) -> None:
    path, _exp = built["d1_tbl_nofk"]
    pol = tmp_path / "p.toml"
    pol.write_text('[model]\npersons = "nulle_part"\n', encoding="utf-8")
    with pytest.raises(PolicyError, match="absente de la source"):
        _scan(path, pol)
    pol.write_text('[model]\nfoo = "x"\n', encoding="utf-8")
    with pytest.raises(PolicyError, match="inconnue"):
        load_policy(pol)
    pol.write_text('[model.links]\n"sans_point" = "t.c"\n', encoding="utf-8")
    with pytest.raises(PolicyError, match="table.colonne"):
        load_policy(pol)


def test_unsure_link_makes_the_figure_a_hypothesis(built, tmp_path: Path) -> None:
    """A log whose person link is only probable says which assumption the figure rests on."""
    path, _exp = built["d1_tbl_nofk"]
    src = open_source(str(path))
    try:
        cat = build_catalog(src)
    finally:
        src.close()
    from auditor.model import assumption

    lk = cat.model.log("tblAuditTrail").person
    assert assumption(lk) == ""
    lk.confidence = "medium"
    text = assumption(lk)
    assert "à vérifier" in text and "tblAuditTrail.RecordKey" in text and "[model.links]" in text


@pytest.mark.postgres
@pytest.mark.parametrize("name", ["d1_tbl_nofk", "d2_modules_unit_only"])
def test_dev_zoo_on_postgresql(built, pg, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The same figures through a PostgreSQL server (no declared foreign key survives the copy: values only)."""
    from tests.pgserver import SUPERPASS, SUPERUSER

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, exp = built[name]
    db = f"zoo_{name}"
    pg.load_sqlite(path, db)
    findings = list(audit(pg.url_without_password(db, SUPERUSER), checks=["access", "retention"], as_of=zoo.AS_OF,
                          interactive=False).findings)
    sc = score(findings, exp)
    bad = {k: v for k, v in sc["problems"].items() if v["verdict"] not in ("exact", "within_5pct", "ok")}
    assert bad == {}, bad


def test_scope_word_unknown_is_learnt_from_the_log(built, tmp_path: Path) -> None:
    """A scope value nobody listed, held by a role whose accounts read persons of every unit, is wide."""
    import shutil

    path, _exp = built["d1_tbl_nofk"]
    copy = tmp_path / "x.sqlite"
    shutil.copy(path, copy)
    con = sqlite3.connect(copy)
    con.execute("UPDATE tblRight SET Coverage = 'XZ9' WHERE Coverage = 'county'")
    con.commit()
    before = [f for f in _scan(copy) if f.rule == "access.wide_read_on_case_files"]
    assert before == []  # unknown word, and no account reads every unit: no claim
    con.execute("INSERT INTO tblAuditTrail (UserID, RecordKey, Stamp, Operation) SELECT 17, MIN(PersonID), "
                "'2026-05-01 10:00:00', 'OPEN' FROM tblPerson GROUP BY OfficeID")
    con.commit()
    con.close()
    after = [f for f in _scan(copy) if f.rule == "access.wide_read_on_case_files"]
    assert len(after) == 1 and after[0].subject == "Key Worker"
    assert "des 4 unités" in after[0].details["scope_learnt_from_log"][0]


def test_nothing_to_explain_reads_says_the_count_is_a_ceiling(built, tmp_path: Path) -> None:
    """No assignment table and no unit: the unexplained count is a ceiling, said and marked à vérifier."""
    import shutil

    path, _exp = built["d1_tbl_nofk"]
    copy = tmp_path / "bare.sqlite"
    shutil.copy(path, copy)
    con = sqlite3.connect(copy)
    con.execute("DROP TABLE tblCaseload")
    con.execute("DROP TABLE tblOffice")
    con.commit()
    con.close()
    hits = [f for f in _scan(copy) if f.rule == "access.log_unexplained_reads"]
    assert hits and all("plafond" in f.details.get("model_assumption", "") for f in hits)


# ------------------------------------------------------------------ third held-out set (generation only)
@pytest.mark.parametrize("name", sorted(zoo.HELD_OUT_3))
def test_held_out_3_generation_is_deterministic_and_planted(tmp_path: Path, name: str) -> None:
    """Same seed, same file and figures; the figures say something. Never asserts what the auditor finds on it."""
    from tests.zoo import heldout3

    assert (heldout3.AS_OF, heldout3.PERSON_CUTOFF, heldout3.LOG_CUTOFF) == (zoo.AS_OF, zoo.PERSON_CUTOFF, zoo.LOG_CUTOFF)
    a, ea = zoo.build(name, tmp_path / "a")
    b, eb = zoo.build(name, tmp_path / "b")
    assert ea == eb and ea["half"] == "held_out_3"
    dump = lambda p: list(sqlite3.connect(p).iterdump())  # noqa: E731
    assert dump(a) == dump(b)
    planted = ["unexplained_reads", "reads_after_departure", "generic_accounts", "departed_active", "wide_scope_grants",
               "persons_past_period", "log_past_period"]
    if ea["compliant"]:
        assert all(ea[k] == 0 for k in [*planted, "stats_small_cells", "stats_identifier_columns"]) and ea["log_rows"] > 100
    else:
        assert all(ea[k] > 0 for k in planted), ea
        assert ea["log_past_period"] < ea["log_rows"] and ea["persons_past_period"] > 5
    assert (ea["stats_small_cells"] > 0) == (name in ("h3a_django_suivi", "h3c_access_fr", "h3d_foyers_epoch"))
    assert ea["stats_identifier_columns"] == (3 if name == "h3d_foyers_epoch" else 0)


@pytest.mark.postgres
@pytest.mark.parametrize("name", DEV)
def test_dev_zoo_migrated_to_postgresql_same_verdicts(built, pg, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Each dev database copied as a migration would (tests/zoo/to_pg.py: keys and types kept, text timestamps
    left text) gives on PostgreSQL the verdicts and figures it gives on SQLite."""
    from tests.pgserver import SUPERPASS, SUPERUSER
    from tests.zoo import to_pg

    monkeypatch.setenv("AUDITOR_DB_PASSWORD", SUPERPASS)
    path, exp = built[name]
    db = f"zoo_mig_{name}"
    kinds = to_pg.load(pg, path, db)
    _assert_migrated_like_the_file(pg, path, db, kinds)
    on_pg = score(list(audit(pg.url_without_password(db, SUPERUSER), checks=["access", "retention"], as_of=zoo.AS_OF,
                             interactive=False).findings), exp)
    on_sqlite = score(_scan(path), exp)
    assert on_pg == on_sqlite
    bad = {k: v for k, v in on_pg["problems"].items() if v["verdict"] not in ("exact", "within_5pct", "ok")}
    assert bad == {}, bad


def _assert_migrated_like_the_file(pg, path: Path, db: str, kinds: dict[str, dict[str, str]]) -> None:
    """Primary and foreign keys of the SQLite file are declared on PostgreSQL; TEXT columns stayed text."""
    import sqlalchemy as sa

    src = sqlite3.connect(path)
    eng = pg.admin_engine(db)
    insp = sa.inspect(eng)
    for t in kinds:
        info = src.execute(f'PRAGMA table_info("{t}")').fetchall()
        assert insp.get_pk_constraint(t)["constrained_columns"] == [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
        want = {(r[3], r[4]) for r in src.execute(f'PRAGMA foreign_key_list("{t}")')}
        got = {(c, fk["referred_columns"][0]) for fk in insp.get_foreign_keys(t) for c in fk["constrained_columns"]}
        assert got == {(a, b) for a, b in want}
        for r in info:
            if (r[2] or "").upper() == "TEXT":
                assert kinds[t][r[1]] == "text"
    eng.dispose()
    src.close()
