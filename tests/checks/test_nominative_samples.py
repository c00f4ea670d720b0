"""The nominative check on the shipped samples finds exactly the planted nominative problems (planted.json)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from auditor.api import audit

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def planted(name: str) -> dict[str, dict]:
    data = json.loads((SAMPLES / name / "planted.json").read_text(encoding="utf-8"))
    return {p["id"]: p for p in data["problems"] + data.get("facts", [])}


def _spec(name: str, kind: str) -> Path:
    return SAMPLES / name / ("csv" if kind == "csv" else f"{name}.{kind}")


@pytest.fixture(scope="module", params=["sqlite", "csv", "xlsx", "ods"])
def company(request):
    spec = _spec("company", request.param)
    return audit(str(spec), checks=["nominative"], as_of=dt.date(2026, 6, 30))


@pytest.fixture(scope="module", params=["sqlite", "csv", "xlsx", "ods"])
def departement(request):
    spec = _spec("departement", request.param)
    return audit(str(spec), checks=["nominative"], as_of=dt.date(2026, 6, 30))


def _index(result):
    return {(f.rule, f.table, f.column, f.subject): f for f in result.findings}


def test_company(company):
    p = planted("company")
    got = _index(company)
    direct = {k: f for k, f in got.items() if k[0] == "nominative.direct_identifier_in_statistics"}
    assert {k[2] for k in direct} == {"matricule", "nom", "prenom"}
    assert len(direct) == p["nominative.stat_annuelle_identifiants"]["count"]
    assert {f.affected for f in direct.values()} == {p["nominative.stat_annuelle_lignes"]["count"]}
    nir = got[("nominative.nir_stored", "salarie", "nir", None)]
    assert nir.affected == p["nominative.nir_salarie"]["count"]
    assert set(got) == set(direct) | {("nominative.nir_stored", "salarie", "nir", None)}


def test_departement(departement):
    p = planted("departement")
    got = _index(departement)
    assert got[("nominative.nir_stored", "usager", "nir", None)].affected == p["nominative.nir_systematique"]["count"]
    single = [f for k, f in got.items() if k[0] == "nominative.nir_single_contact"]
    assert len(single) == 1 and single[0].affected == p["nominative.nir_contact_unique"]["count"]
    cells = got[("nominative.small_cells", "statistique_mds", "effectif", "persons")]
    assert cells.affected == p["nominative.petites_cellules_moins_de_11"]["count"]
    assert cells.details["small_cells_below_5"] == p["nominative.petites_cellules_moins_de_5"]["count"]
    assert cells.details["suppressed_cells"] == p["cellules_masquees"]["count"]
    k = got[("nominative.k_anonymity", "extraction_observatoire", None, None)]
    assert k.affected == p["nominative.extraction_k_moins_de_5"]["count"] and k.total == 844
    # planted counts use the key (annee_naissance, sexe, cp); the finding adds nationality and family status
    assert k.details["minimal_key"]["columns"] == ["annee_naissance", "sexe", "cp"]
    assert k.details["minimal_key"]["rows_below_k"] == p["nominative.extraction_k_moins_de_5"]["count"]
    assert k.details["minimal_key"]["unique_rows"] == p["nominative.extraction_lignes_uniques"]["count"]
    h = got[("nominative.linkable_pseudonym", "extraction_observatoire", "id_usager_hash", "hash_unkeyed")]
    assert h.affected == p["nominative.pseudonyme_sha256_sans_cle"]["count"]
    assert h.details["algorithm"] == "SHA-256" and h.details["source_column"] == "id_usager"
    expected = {
        ("nominative.nir_stored", "usager", "nir", None),
        (single[0].rule, single[0].table, single[0].column, single[0].subject),
        ("nominative.small_cells", "statistique_mds", "effectif", "persons"),
        ("nominative.k_anonymity", "extraction_observatoire", None, None),
        ("nominative.linkable_pseudonym", "extraction_observatoire", "id_usager_hash", "hash_unkeyed"),
    }
    assert set(got) == expected


def test_findings_carry_no_value_from_the_samples(company, departement):
    for name, result in (("company", company), ("departement", departement)):
        values = json.loads((SAMPLES / name / "planted_text_values.json").read_text(encoding="utf-8"))
        flat = [v for v in (values if isinstance(values, list) else [x for vs in values.values() for x in (vs if isinstance(vs, list) else [vs])]) if isinstance(v, str) and len(v) >= 5]
        text = json.dumps([[f.title, f.why, f.recommendation, [e.excerpt for e in f.evidence], f.details] for f in result.findings],
                          ensure_ascii=False, default=str)
        assert [v for v in flat if v in text] == []
