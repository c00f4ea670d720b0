"""`auditor inspect` on the shipped samples: every table's role and every sensitive column's kind, with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.api import inspect_source

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"

ROLES = {
    "company": {
        "etablissement": "units", "salarie": "persons", "utilisateur": "staff", "habilitation": "permissions",
        "affectation": "assignments", "demande": "case_file", "entretien": "case_file", "journal_acces": "access_log",
        "stat_annuelle": "statistics", "demande_rectification": "rights_requests",
    },
    "departement": {
        "mds": "units", "usager": "persons", "dossier_intervention_sociale": "case_file", "entretien": "case_file",
        "agent": "staff", "droit_acces": "permissions", "referent": "assignments", "journal_consultation": "access_log",
        "statistique_mds": "statistics", "extraction_observatoire": "statistics", "contact_urgence": "third_parties",
    },
}

KINDS = {
    "company": {
        ("salarie", "matricule"): "employee_number", ("salarie", "nom"): "person_name", ("salarie", "prenom"): "first_name",
        ("salarie", "date_naissance"): "birth_date", ("salarie", "sexe"): "sex", ("salarie", "nir"): "nir",
        ("salarie", "adresse"): "address", ("salarie", "code_postal"): "postal_code", ("salarie", "ville"): "city",
        ("salarie", "telephone"): "phone", ("salarie", "email"): "email", ("salarie", "id_etablissement"): "unit_ref",
        ("salarie", "id_manager"): "hierarchy_ref", ("salarie", "service"): "unit_ref",
        ("utilisateur", "login"): "login", ("utilisateur", "nom"): "person_name", ("utilisateur", "prenom"): "first_name",
        ("utilisateur", "email_pro"): "staff_email", ("utilisateur", "role"): "role", ("utilisateur", "mot_de_passe"): "password",
        ("stat_annuelle", "annee"): "year", ("stat_annuelle", "matricule"): "employee_number", ("stat_annuelle", "nom"): "person_name",
        ("stat_annuelle", "prenom"): "first_name", ("stat_annuelle", "code_site"): "unit_ref", ("stat_annuelle", "sexe"): "sex",
        ("stat_annuelle", "tranche_age"): "age_band", ("stat_annuelle", "nature_demande"): "sensitive_category",
        ("stat_annuelle", "nb_entretiens"): "count", ("demande", "observations"): "free_text",
        ("entretien", "compte_rendu"): "free_text", ("demande", "id_salarie"): "person_ref",
        ("etablissement", "libelle"): "org_name", ("etablissement", "ville"): "city",
    },
    "departement": {
        ("usager", "nom_usage"): "person_name", ("usager", "nom_naissance"): "person_name", ("usager", "prenom"): "first_name",
        ("usager", "dt_naiss"): "birth_date", ("usager", "nir"): "nir", ("usager", "adresse"): "address",
        ("usager", "cp"): "postal_code", ("usager", "commune"): "city", ("usager", "tel"): "phone", ("usager", "mail"): "email",
        ("usager", "nationalite"): "nationality", ("usager", "situation_familiale"): "family_status",
        ("usager", "num_caf"): "caf_number", ("usager", "id_mds"): "unit_ref", ("usager", "civilite"): "sex",
        ("agent", "login"): "login", ("agent", "nom"): "person_name", ("agent", "prenom"): "first_name",
        ("agent", "mdp_hash"): "password", ("contact_urgence", "nom"): "person_name", ("contact_urgence", "prenom"): "first_name",
        ("contact_urgence", "tel"): "phone", ("contact_urgence", "id_usager"): "person_ref",
        ("statistique_mds", "annee"): "year", ("statistique_mds", "nom_mds"): "unit_ref", ("statistique_mds", "tranche_age"): "age_band",
        ("statistique_mds", "sexe"): "sex", ("statistique_mds", "motif"): "sensitive_category", ("statistique_mds", "effectif"): "count",
        ("statistique_mds", "effectif_diffuse"): "count", ("extraction_observatoire", "annee_naissance"): "birth_year",
        ("extraction_observatoire", "sexe"): "sex", ("extraction_observatoire", "cp"): "postal_code",
        ("extraction_observatoire", "nationalite"): "nationality", ("extraction_observatoire", "situation_familiale"): "family_status",
        ("extraction_observatoire", "motif"): "sensitive_category", ("extraction_observatoire", "id_usager_hash"): "hashed_id",
        ("dossier_intervention_sociale", "capacites_mobilisation"): "judgement_field",
        ("dossier_intervention_sociale", "freins_potentialites"): "judgement_field",
        ("dossier_intervention_sociale", "situation_sejour"): "immigration_field", ("dossier_intervention_sociale", "difficultes"): "free_text",
        ("entretien", "note"): "free_text", ("mds", "nom_mds"): "org_name", ("mds", "commune"): "city",
    },
}


@pytest.fixture(scope="module", params=["company", "departement"])
def sample(request):
    name = request.param
    src, cat = inspect_source(str(SAMPLES / name / f"{name}.sqlite"))
    src.close()
    return name, cat


def test_every_table_role_with_reason(sample):
    name, cat = sample
    assert {t: cat.tables[t].role for t in cat.tables} == ROLES[name]
    for t in cat.tables.values():
        assert t.reason, t.name


def test_every_sensitive_column_kind_with_reason(sample):
    name, cat = sample
    got = {key: cat.tables[key[0]].columns[key[1]].kind for key in KINDS[name]}
    assert got == KINDS[name]
    for (t, c) in KINDS[name]:
        assert cat.tables[t].columns[c].reason, (t, c)


def test_personal_columns_are_all_recognised(sample):
    """Every column listed as personal by the sample's author has a personal kind."""
    name, cat = sample
    personal = json.loads((SAMPLES / name / "personal_columns.json").read_text(encoding="utf-8"))
    ok = {"person_name", "first_name", "nir", "birth_date", "address", "phone", "email", "iban", "caf_number",
          "employee_number", "login", "password", "hashed_id", "staff_email", "postal_code", "city"}
    for table, cols in personal.items():
        for c in cols:
            assert cat.tables[table].columns[c].kind in ok, (table, c, cat.tables[table].columns[c].kind)


def test_statistics_shape(sample):
    name, cat = sample
    shapes = {t.name: t.stat_shape for t in cat.tables.values() if t.role == "statistics"}
    expected = {"company": {"stat_annuelle": "microdata"},
                "departement": {"statistique_mds": "aggregated", "extraction_observatoire": "microdata"}}[name]
    assert shapes == expected


def test_inspect_cli_shows_roles_and_reasons(sample):
    from typer.testing import CliRunner

    from auditor.cli import app

    name, _cat = sample
    out = CliRunner().invoke(app, ["inspect", str(SAMPLES / name / f"{name}.sqlite")], env={"COLUMNS": "250"})
    assert out.exit_code == 0, out.output
    assert "statistiques et extractions" in out.output and "pourquoi" in out.output
