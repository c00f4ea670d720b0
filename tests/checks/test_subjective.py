"""Subjective check on small hand-built tables (SQLite here; the same tables on PostgreSQL
in test_subjective_pg.py). Every expected count below is counted by hand from the rows
written here: one record counts once per category, however many flags it holds."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

from auditor.api import audit
from auditor.findings import AuditResult

AS_OF = dt.date(2026, 6, 30)
NAMES = ["Durand", "Petit", "Roux", "Blanc", "Martin", "Lefort", "Garnier", "Nadia", "Karim"]
PHONE, NIR = "06 12 34 56 78", "1 85 05 78 006 084 91"

# (note, times written, categories flagged)
NOTES: list[tuple[str, int, set[str]]] = [
    ("Mme Durand est manipulatrice et ne fait aucun effort.", 3, {"judgement"}),
    ("Mme Durand cache probablement des revenus non déclarés.", 2, {"hypothesis"}),
    ("Mme Durand est suivie au CMP pour une dépression.", 4, {"health"}),
    ("Mme Durand est manipulatrice, elle est suivie au CMP.", 1, {"judgement", "health"}),
    ("M. Petit est sans papiers depuis son arrivée.", 1, {"immigration"}),
    ("M. Petit a été condamné pour vol l'an dernier.", 2, {"criminal"}),
    ("Mme Roux fait le ramadan et fréquente la mosquée.", 1, {"religion"}),
    ("Mme Roux est d'origine maghrébine.", 1, {"origin"}),
    ("M. Blanc est adhérent à la CGT et milite au syndicat.", 1, {"political"}),
    ("Mme Blanc vit avec sa compagne depuis deux ans.", 1, {"sexuality"}),
    ("Mme Martin est venue avec sa voisine Mme Lefort.", 2, {"third_party"}),
    (f"Mme Martin a donné son numéro {PHONE} pour la rappeler.", 2, {"identifier"}),
    (f"M. Garnier a communiqué son NIR {NIR} à l'accueil.", 1, {"identifier"}),
]
# hard negatives (conventions of checks/subjective/README.md): nothing to flag
CLEAN = [
    "Pas de problème de santé signalé.",
    "Aucun antécédent judiciaire.",
    "Mme Durand est de nationalité marocaine, titre de séjour valide.",
    "Réunion dans les locaux du CMP.",
    "Le dossier sera probablement examiné en juin.",
    "Audience au tribunal pour l'expulsion locative en mars.",
    "Entretien au sujet du dossier FSL, justificatifs apportés.",
    "Mme Petit semble satisfaite de la solution proposée.",
    "Mesure AEMO ordonnée par le juge des enfants.",
    "M. Roux travaille à l'hôpital comme agent d'entretien.",
]
# judgement field: 6 pejorative, 8 neutral, 3 NULL, 3 blank -> 14 filled, 6 judgement
CAPACITES = (["peu mobilisable, attend tout des services"] * 6 + ["se mobilise dans les démarches"] * 8
             + [None] * 3 + ["  "] * 3)
# residence-status field: 4 irregular, 10 regular, 6 NULL -> 14 filled, 4 irregular
SEJOUR = ["sans titre de séjour"] * 4 + ["régulière"] * 10 + [None] * 6


def expected_notes() -> dict[str, int]:
    out: dict[str, int] = {}
    for _text, times, cats in NOTES:
        for c in cats:
            out[c] = out.get(c, 0) + times
    return out


def _persons(con: sqlite3.Connection) -> None:
    con.execute("CREATE TABLE usager (id_usager INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, nir TEXT, telephone TEXT)")
    for i, n in enumerate(NAMES[:7], start=1):
        con.execute("INSERT INTO usager VALUES (?,?,?,?,?)", (i, n, "Anne", None, None))


def build_notes_db(path: Path) -> Path:
    """Persons, interviews with notes (flagged and clean, interleaved), case files with
    a judgement field and a residence-status field."""
    con = sqlite3.connect(path)
    _persons(con)
    con.execute("CREATE TABLE entretien (id_entretien INTEGER PRIMARY KEY, id_usager INTEGER, date_entretien TEXT, note TEXT)")
    rows = [text for text, times, _ in NOTES for _ in range(times)]
    mixed: list[str | None] = []
    for i, text in enumerate(rows):
        mixed.append(text)
        mixed.append(CLEAN[i % len(CLEAN)])
    mixed += [None, "", "   "]  # not filled
    for i, text in enumerate(mixed, start=1):
        con.execute("INSERT INTO entretien VALUES (?,?,?,?)", (i, 1 + i % 7, "2025-01-15", text))
    con.execute("CREATE TABLE dossier_intervention_sociale (id_dis INTEGER PRIMARY KEY, id_usager INTEGER, "
                "date_ouverture TEXT, capacites_mobilisation TEXT, situation_sejour TEXT)")
    for i, (capa, sej) in enumerate(zip(CAPACITES, SEJOUR), start=1):
        con.execute("INSERT INTO dossier_intervention_sociale VALUES (?,?,?,?,?)", (i, 1 + i % 7, "2024-03-01", capa, sej))
    con.commit()
    con.close()
    return path


def build_clean_db(path: Path) -> Path:
    """Only clean notes, and a case table without any appraisal or residence field."""
    con = sqlite3.connect(path)
    _persons(con)
    con.execute("CREATE TABLE entretien (id_entretien INTEGER PRIMARY KEY, id_usager INTEGER, date_entretien TEXT, note TEXT)")
    for i in range(1, 61):
        con.execute("INSERT INTO entretien VALUES (?,?,?,?)", (i, 1 + i % 7, "2025-01-15", CLEAN[i % len(CLEAN)]))
    con.execute("CREATE TABLE demande (id_demande INTEGER PRIMARY KEY, id_usager INTEGER, date_demande TEXT, motif TEXT)")
    for i in range(1, 31):
        con.execute("INSERT INTO demande VALUES (?,?,?,?)", (i, 1 + i % 7, "2025-02-01", ["logement", "budget", "emploi"][i % 3]))
    con.commit()
    con.close()
    return path


def build_sample_db(path: Path, n: int = 4000) -> Path:
    """``n`` notes, one in four with a judgement: 25 % exactly."""
    con = sqlite3.connect(path)
    _persons(con)
    con.execute("CREATE TABLE entretien (id_entretien INTEGER PRIMARY KEY, id_usager INTEGER, date_entretien TEXT, note TEXT)")
    for i in range(1, n + 1):
        text = NOTES[0][0] if i % 4 == 0 else CLEAN[i % len(CLEAN)] + f" Rendez-vous numéro {i} honoré."
        con.execute("INSERT INTO entretien VALUES (?,?,?,?)", (i, 1 + i % 7, "2025-01-15", text))
    con.commit()
    con.close()
    return path


def by_key(result: AuditResult) -> dict[tuple[str, str | None, str | None], object]:
    out = {}
    for f in result.findings:
        if f.check == "subjective":
            out[(f.rule.split(".", 1)[1], f"{f.table}.{f.column}", f.subject)] = f
    return out


RULE_OF = {
    "judgement": "judgement_in_free_text",
    "hypothesis": "hypothesis_as_fact",
    "immigration": "irregular_stay_recorded",
    "third_party": "third_party_named",
    "identifier": "identifier_in_free_text",
}


def expected_findings() -> dict[tuple[str, str, str | None], int]:
    exp: dict[tuple[str, str, str | None], int] = {}
    for cat, n in expected_notes().items():
        if cat in RULE_OF:
            exp[(RULE_OF[cat], "entretien.note", None)] = n
        else:
            exp[("sensitive_data_in_free_text", "entretien.note", cat)] = n
    exp[("judgement_in_free_text", "dossier_intervention_sociale.capacites_mobilisation", None)] = 6
    exp[("irregular_stay_recorded", "dossier_intervention_sociale.situation_sejour", None)] = 4
    exp[("judgement_field", "dossier_intervention_sociale.capacites_mobilisation", None)] = 14
    exp[("judgement_field", "dossier_intervention_sociale.situation_sejour", None)] = 14
    return exp


def check_counts(result: AuditResult) -> None:
    got = by_key(result)
    exp = expected_findings()
    assert {k: f.affected for k, f in got.items()} == exp
    n_filled = sum(t for _, t, _ in NOTES) * 2
    for (rule, where, _), f in got.items():
        if where == "entretien.note":
            assert f.total == n_filled  # blanks and NULL are not texts
            assert f.details["examined"] == n_filled
            assert not f.details.get("sampled")
    jf = got[("judgement_field", "dossier_intervention_sociale.capacites_mobilisation", None)]
    assert (jf.affected, jf.total, jf.details["filled_rows"]) == (14, 20, 14)
    # severities: health in 5 records is high (critical needs critical_from records); a NIR makes identifiers high
    assert got[("sensitive_data_in_free_text", "entretien.note", "health")].severity.value == "high"
    assert got[("identifier_in_free_text", "entretien.note", None)].severity.value == "high"
    assert got[("identifier_in_free_text", "entretien.note", None)].details["categories"] == {"NIR": 1, "téléphone": 2}
    assert got[("hypothesis_as_fact", "entretien.note", None)].severity.value == "medium"


def check_excerpts(result: AuditResult) -> None:
    """Excerpts keep the flagged words and never show a name, phone or NIR."""
    got = by_key(result)
    texts = [e.excerpt for f in got.values() for e in f.evidence]
    assert texts
    for t in texts:
        for name in NAMES:
            assert not re.search(rf"\b{name}\b", t, re.I), t
        assert PHONE not in t and "006 084" not in t and not re.search(r"\d{2} \d{2} \d{2} \d{2}", t), t
    for f in got.values():
        for e in f.evidence:
            assert e.record is None or e.record.startswith("REC")
    jug = got[("judgement_in_free_text", "entretien.note", None)]
    assert len(jug.evidence) == 4 and all("manipulatrice" in e.excerpt for e in jug.evidence)
    assert all("[NOM]" in e.excerpt for e in jug.evidence)
    third = got[("third_party_named", "entretien.note", None)]
    assert third.evidence and all("sa voisine Mme [NOM]" in e.excerpt for e in third.evidence)
    ident = got[("identifier_in_free_text", "entretien.note", None)]
    assert {"[TÉLÉPHONE]" in e.excerpt or "[NIR]" in e.excerpt for e in ident.evidence} == {True}


def check_terms(result: AuditResult) -> None:
    """By default the evidence gives the flagged lexicon terms and the record pseudonym, never the text."""
    got = by_key(result)
    for f in got.values():
        for e in f.evidence:
            assert e.record is None or e.record.startswith("REC")
            if f.rule != "subjective.judgement_field":
                assert e.excerpt.startswith("termes relevés : "), e.excerpt
            assert "[NOM]" not in e.excerpt and "…" not in e.excerpt
            for name in NAMES:
                assert not re.search(rf"\b{name}\b", e.excerpt, re.I), e.excerpt
    jug = got[("judgement_in_free_text", "entretien.note", None)]
    assert all("« manipulatrice »" in e.excerpt for e in jug.evidence)
    assert jug.details["terms"]["manipulatrice"] == jug.affected
    assert "« fait aucun effort »" in jug.evidence[0].excerpt  # "ne fait aucun effort": three words at most
    third = got[("third_party_named", "entretien.note", None)]
    assert all(e.excerpt == "termes relevés : nom d'un tiers" for e in third.evidence)
    assert "terms" not in third.details
    ident = got[("identifier_in_free_text", "entretien.note", None)]
    assert {e.excerpt for e in ident.evidence} <= {"termes relevés : téléphone", "termes relevés : NIR",
                                                   "termes relevés : NIR, téléphone", "termes relevés : téléphone, NIR"}


def test_flag_term_never_more_than_three_words():
    from auditor.text import Flag
    from checks.subjective.check import make_analyser
    from checks.subjective.scan import flag_term
    from auditor.policy import load_policy

    analyser = make_analyser(load_policy(None))
    text = "Il a fait de la prison il y a dix ans."
    flags = [f for f in analyser.analyse(text) if f.category == "criminal"]
    assert flags and [flag_term(analyser, text, f) for f in flags] == ["prison"]
    assert flag_term(analyser, "x", Flag("third_party", 0, 1, "name")) == "nom d'un tiers"
    assert flag_term(analyser, "0612345678", Flag("identifier", 0, 10, "id.phone")) == "téléphone"
    long = "Elle se complaît dans l'assistanat depuis."
    got = [flag_term(analyser, long, f) for f in analyser.analyse(long) if f.category == "judgement"]
    assert got and all(len(re.findall(r"\w+", t)) <= 3 for t in got)


def check_clean(result: AuditResult) -> None:
    assert [f for f in result.findings if f.check == "subjective"] == []


def _key() -> Path:
    """A fixed pseudonym key (same records, same pseudonyms from one run to the next)."""
    import tempfile

    path = Path(tempfile.gettempdir()) / "auditor-test-subjective.key"
    if not path.exists():
        path.write_text("00112233445566778899aabbccddeeff\n", encoding="ascii")
    return path


def _run(spec: str, **kw) -> AuditResult:
    return audit(spec, checks=["subjective"], as_of=AS_OF, interactive=False, pseudonym_key_file=_key(), **kw)


def policy(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "politique.toml"
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- SQLite
def test_counts_per_column_and_category(tmp_path):
    check_counts(_run(str(build_notes_db(tmp_path / "notes.sqlite"))))


def test_terms_not_text_by_default(tmp_path):
    check_terms(_run(str(build_notes_db(tmp_path / "notes.sqlite"))))


def test_excerpts_redacted(tmp_path):
    check_excerpts(_run(str(build_notes_db(tmp_path / "notes.sqlite")), excerpts=True))


def test_hard_negatives(tmp_path):
    check_clean(_run(str(build_clean_db(tmp_path / "clean.sqlite"))))


def test_streamed_and_grouped_reads_agree(tmp_path):
    """A column read as distinct values counted by the database gives the same counts as
    reading every row."""
    db = str(build_notes_db(tmp_path / "notes.sqlite"))
    grouped = _run(db)
    streamed = _run(db, policy_path=policy(tmp_path, "[checks.subjective]\ngroup_distinct_ratio = 0.0\n"))
    paged = _run(db, policy_path=policy(tmp_path, "[checks.subjective]\ngroup_distinct_ratio = 0.0\nchunk_rows = 7\n"))
    g, s = by_key(grouped), by_key(streamed)
    assert {k: f.affected for k, f in g.items()} == {k: f.affected for k, f in s.items()}
    # pages of 7 rows (WHERE key > last ORDER BY key LIMIT 7): same counts, same excerpts
    assert [(f.id, f.affected, f.evidence) for f in paged.findings] == [(f.id, f.affected, f.evidence) for f in streamed.findings]
    capa = "dossier_intervention_sociale.capacites_mobilisation"
    assert g[("judgement_in_free_text", capa, None)].details["distinct_values"] == 2
    assert "distinct_values" not in s[("judgement_in_free_text", capa, None)].details


def test_critical_from_option(tmp_path):
    db = str(build_notes_db(tmp_path / "notes.sqlite"))
    got = by_key(_run(db, policy_path=policy(tmp_path, "[checks.subjective]\ncritical_from = 5\n")))
    assert got[("sensitive_data_in_free_text", "entretien.note", "health")].severity.value == "critical"
    assert got[("sensitive_data_in_free_text", "entretien.note", "criminal")].severity.value == "high"  # 2 records


def test_sample_estimate_with_interval(tmp_path):
    """--sample reads N rows chosen by a hash of the key and says it is an estimate, with a
    95 % interval that holds the true share (25 %)."""
    db = str(build_sample_db(tmp_path / "big.sqlite"))
    full = by_key(_run(db))[("judgement_in_free_text", "entretien.note", None)]
    assert (full.affected, full.total) == (1000, 4000)
    res = _run(db, sample=400)
    f = by_key(res)[("judgement_in_free_text", "entretien.note", None)]
    d = f.details
    assert d["sampled"] is True and d["sample_size"] == d["examined"] == 400
    assert f.total == 4000
    lo, hi = d["affected_ci95"]
    assert lo <= 1000 <= hi and lo <= f.affected <= hi
    assert d["share_ci95"][0] <= 0.25 <= d["share_ci95"][1]
    assert "estimation sur un échantillon de 400 textes" in f.title
    assert "intervalle de confiance à 95 %" in d["counted_on"]
    again = by_key(_run(db, sample=400))[("judgement_in_free_text", "entretien.note", None)]
    assert (again.affected, again.details) == (f.affected, f.details)  # deterministic
    assert res.policy_info["text_sample"] == 400


def test_sample_larger_than_column_is_exact(tmp_path):
    db = str(build_notes_db(tmp_path / "notes.sqlite"))
    assert {k: f.affected for k, f in by_key(_run(db, sample=10_000)).items()} == expected_findings()


def test_jobs_1_and_2_identical(tmp_path, monkeypatch):
    """Worker processes give the same findings (counts, excerpts, ids) as the main process."""
    from checks.subjective import scan

    pools = []
    real = scan.Analysis._get_pool
    monkeypatch.setattr(scan.Analysis, "_get_pool", lambda self: pools.append(self.jobs) or real(self))
    db = str(build_sample_db(tmp_path / "big.sqlite", n=3000))
    pol = policy(tmp_path, "[checks.subjective]\nparallel_min_rows = 0\nchunk_rows = 100\n")
    one = _run(db, jobs=1, policy_path=pol)
    assert pools == []
    two = _run(db, jobs=2, policy_path=pol)
    assert pools and set(pools) == {2}  # the second run went through two worker processes
    assert [(f.id, f.affected, f.total, f.evidence) for f in one.findings] == \
           [(f.id, f.affected, f.total, f.evidence) for f in two.findings]
    assert by_key(two)[("judgement_in_free_text", "entretien.note", None)].affected == 750


@pytest.mark.parametrize("sample", [None, 50])
def test_read_only_and_deterministic(tmp_path, sample):
    import hashlib

    db = build_notes_db(tmp_path / "notes.sqlite")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    a, b = _run(str(db), sample=sample), _run(str(db), sample=sample)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert [(f.id, f.affected, f.evidence) for f in a.findings] == [(f.id, f.affected, f.evidence) for f in b.findings]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]  # nothing written beside it


def test_column_that_cannot_be_read_is_reported_not_fatal(tmp_path, monkeypatch):
    """A column whose reading fails (timeout, permission) is listed as not examined; the
    other columns are still counted, and the text is not read twice."""
    import sqlalchemy as sa

    from checks.subjective import check as subj

    calls = []
    real = subj.read_rows

    def flaky(ctx, t, c, sample, chunk):
        calls.append(c.name)
        if c.name == "note":
            raise sa.exc.OperationalError("SELECT", {}, Exception("interrupted"))
        return real(ctx, t, c, sample, chunk)

    monkeypatch.setattr(subj, "read_rows", flaky)
    res = _run(str(build_notes_db(tmp_path / "notes.sqlite")), policy_path=policy(tmp_path, "[checks.subjective]\ngroup_distinct_ratio = 0.0\n"))
    got = by_key(res)
    assert not [k for k in got if k[1] == "entretien.note"]
    assert got[("judgement_in_free_text", "dossier_intervention_sociale.capacites_mobilisation", None)].affected == 6
    assert ("subjective.entretien.note", "colonne non relue : délai maximal de requête dépassé") in res.skipped
    assert calls.count("note") == 1
