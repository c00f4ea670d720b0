"""Column and table classification: names (exact, abbreviations, glued words, fuzzy, negative list), values, context."""

from __future__ import annotations

import sqlite3

import pytest

from auditor.catalog.classify import decide, kind_from_name, role_from_name
from auditor.catalog.names import normalise, skeleton, split_glued
from auditor.catalog.values import value_stats
from auditor.sources import open_source


@pytest.mark.parametrize(
    "name, kind",
    [
        ("nom", "person_name"), ("NOM_USAGE", "person_name"), ("nom_naissance", "person_name"), ("lastName", "person_name"),
        ("NOMPRENOM", "person_name"), ("prenom", "first_name"), ("firstName", "first_name"), ("PRNM", "first_name"),
        ("prenon", "first_name"), ("DT_NAISS", "birth_date"), ("DTNAISS", "birth_date"), ("dt_nai", "birth_date"),
        ("dateOfBirth", "birth_date"), ("annee_naissance", "birth_year"), ("NIR", "nir"), ("num_secu", "nir"),
        ("NumeroSecu", "nir"), ("SSN", "nir"), ("tel", "phone"), ("TEL_PORT", "phone"), ("tlphn", "phone"),
        ("phoneNumber", "phone"), ("mail", "email"), ("courriel", "email"), ("email_pro", "staff_email"),
        ("MAILPRO", "staff_email"), ("adresse", "address"), ("ADR1", "address"), ("adress", "address"),
        ("streetAddress", "address"), ("cp", "postal_code"), ("CD_POST", "postal_code"), ("zipCode", "postal_code"),
        ("iban", "iban"), ("rib", "iban"), ("num_caf", "caf_number"), ("NO_ALLOC", "caf_number"),
        ("matricule", "employee_number"), ("employeeId", "employee_number"), ("sexe", "sex"), ("SX", "sex"),
        ("tranche_age", "age_band"), ("nationalite", "nationality"), ("nationalit", "nationality"),
        ("situation_familiale", "family_status"), ("sit_fam", "family_status"), ("motif", "sensitive_category"),
        ("nature_demande", "sensitive_category"), ("effectif", "count"), ("nb_entretiens", "count"),
        ("id_usager_hash", "hashed_id"), ("mot_de_passe", "password"), ("mdp_hash", "password"),
    ],
)
def test_kind_from_name(name, kind):
    assert kind_from_name(name)[0] == kind


@pytest.mark.parametrize(
    "name, kind",
    [
        ("nom_commune", "city"), ("lib_commune", "city"), ("nom_service", "unit_ref"), ("nom_mds", "unit_ref"),
        ("nom_dispositif", "category"), ("libelle", "category"), ("raison_sociale", "org_name"), ("nom_employeur", "org_name"),
        ("companyName", "org_name"), ("nom_fichier", "other"), ("nombre", "count"), ("passage", "other"),
        ("telephone_ok", "other"), ("type_tel", "category"), ("date_acces", "date"), ("lieu_naissance", "other"),
        ("nomenclature", "other"), ("mobilite", "other"), ("code_insee_commune", "city"),
    ],
)
def test_hard_negative_names(name, kind):
    assert kind_from_name(name)[0] == kind


def test_reasons_say_how_the_name_was_read():
    assert "reconnu : « nom_usage »" in kind_from_name("nom_usage")[1]
    assert "« cd » → « code »" in kind_from_name("CD_POST")[1]
    assert "rapproché de « telephone »" in kind_from_name("tlphn")[1]
    assert "lu « nom prenom »" in kind_from_name("NOMPRENOM")[1]


@pytest.mark.parametrize(
    "name, role",
    [("stat_annuelle", "statistics"), ("statistique_mds", "statistics"), ("extraction_observatoire", "statistics"),
     ("tableau_de_bord", "statistics"), ("kpi_mensuels", "statistics"), ("indicateurs_2024", "statistics"),
     ("synthese_annuelle", "statistics"), ("bilan_activite", "statistics"), ("export_cnaf", "statistics"),
     ("usager", "persons"), ("salarie", "persons"), ("mds", "units"), ("journal_acces", "access_log"),
     ("droit_acces", "permissions"), ("demande_rectification", "rights_requests"), ("contact_urgence", "third_parties")],
)
def test_role_from_name(name, role):
    assert role_from_name(name)[0] == role


def test_helpers():
    assert normalise("DT_NAISS") == ["dt", "naiss"]
    assert normalise("dateOfBirth") == ["date", "of", "birth"]
    assert skeleton("prenom") == "prnm"
    assert split_glued("codepostal") is None or split_glued("codepostal") == ["code", "postal"]
    assert split_glued("nomprenom") == ["nom", "prenom"]
    assert split_glued("passage") is None


def test_one_value_never_labels_a_column():
    st = value_stats(["06 12 34 56 78", "", "x", "y"][:1] + ["abc", "def", "ghi", "jkl"])
    assert decide("other", "", st)[0] == "other"
    st = value_stats(["06 12 34 56 78"])
    assert decide("other", "", st)[0] == "other"


def test_values_override_a_misleading_name():
    st = value_stats(["06 12 34 56 %02d" % i for i in range(20)])
    kind, reason = decide("category", "nom de colonne « code » (reconnu : « code »)", st)
    assert kind == "phone" and "100% des 20 valeurs lues sont des numéros de téléphone" in reason


def test_name_contradicted_by_values():
    st = value_stats(["oui", "non"] * 15)
    kind, reason = decide("phone", "nom de colonne « tel_portable » (reconnu : « portable »)", st)
    assert kind == "other" and "aucune des 30 valeurs lues" in reason


def test_person_names_told_from_places_and_services():
    people = ["Marie Dupont", "Jean Martin", "Sophie Bernard", "Karim Haddad", "Fatou Diallo", "Luc Moreau", "Chloé Petit", "Paul Roux"]
    places = ["Maison des solidarités d'Évry", "CCAS de Massy", "Saint-Denis", "Service social", "Mairie de Lyon", "Pôle insertion",
              "Association Emmaüs", "Boulogne-sur-Mer"]
    assert decide("other", "", value_stats(people))[0] == "person_name"
    assert decide("person_name", "nom de colonne « nom »", value_stats(places))[0] == "org_name"
    assert decide("other", "", value_stats(places))[0] == "other"
    assert decide("other", "", value_stats(["Marie", "Jean", "Sophie", "Karim", "Fatou", "Luc", "Chloé", "Paul"]))[0] == "first_name"
    communes = ["Évry", "Massy", "Étampes", "Corbeil-Essonnes", "Palaiseau", "Orsay", "Juvisy-sur-Orge", "Arpajon"]
    assert decide("other", "", value_stats(communes))[0] == "other"


def test_dates_that_look_like_birth_dates():
    births = ["12/03/1950", "01/07/1962", "23/11/1975", "30/01/1988", "14/02/1999", "05/05/1944", "17/08/1981", "09/09/1970"]
    assert decide("other", "", value_stats(births, 2026))[0] == "birth_date"
    recent = ["2024-01-02", "2024-03-05", "2025-06-07", "2023-02-01", "2025-11-30", "2024-07-14", "2025-01-01", "2024-12-24"]
    assert decide("other", "", value_stats(recent, 2026))[0] == "date"


def test_hashes_by_value():
    import hashlib

    st = value_stats([hashlib.sha256(str(i).encode()).hexdigest() for i in range(30)])
    kind, reason = decide("other", "", st)
    assert kind == "hashed_id" and "empreintes" in reason


def _db(tmp_path, script, rows):
    path = tmp_path / "c.sqlite"
    con = sqlite3.connect(path)
    con.executescript(script)
    for sql, data in rows:
        con.executemany(sql, data)
    con.commit()
    con.close()
    return path


def test_context_site_names_and_staff_email(tmp_path):
    from auditor.catalog import build_catalog

    path = _db(tmp_path, """
        CREATE TABLE mds (id_mds INTEGER PRIMARY KEY, nom TEXT, adresse TEXT, telephone TEXT, code_postal TEXT);
        CREATE TABLE agent (id_agent INTEGER PRIMARY KEY, login TEXT, nom TEXT, email TEXT, mot_de_passe TEXT);
        CREATE TABLE usager (id_usager INTEGER PRIMARY KEY, nom TEXT, email_pro TEXT, id_mds INTEGER);
    """, [
        ("INSERT INTO mds (nom, adresse, telephone, code_postal) VALUES (?,?,?,?)",
         [(f"MDS de Ville{i}", f"{i} rue de la Gare 9100{i} Ville{i}", f"01 60 00 00 0{i}", f"9100{i}") for i in range(1, 8)]),
        ("INSERT INTO agent (login, nom, email, mot_de_passe) VALUES (?,?,?,?)",
         [(f"a{i}", n, f"a{i}@cd91.fr", "x") for i, n in enumerate(["Martin", "Durand", "Petit", "Roux", "Simon", "Girard"])]),
        ("INSERT INTO usager (nom, email_pro, id_mds) VALUES (?,?,?)",
         [(n, f"{n.lower()}@entreprise.fr", 1) for n in ["Martin", "Durand", "Petit", "Roux", "Simon", "Girard"]]),
    ])
    src = open_source(str(path))
    try:
        cat = build_catalog(src)
    finally:
        src.close()
    mds, agent, usager = cat.tables["mds"], cat.tables["agent"], cat.tables["usager"]
    assert mds.role == "units" and mds.columns["nom"].kind == "org_name"
    assert mds.columns["adresse"].kind == "site_contact" and mds.columns["telephone"].kind == "site_contact"
    assert mds.columns["code_postal"].kind == "postal_code"
    assert agent.columns["email"].kind == "staff_email" and agent.columns["nom"].kind == "person_name"
    assert usager.columns["email_pro"].kind == "email"
    assert usager.columns["id_mds"].kind == "unit_ref" and usager.columns["id_mds"].target == "mds"
    assert mds.columns["nom"].distinct == 7 and mds.columns["nom"].distinct_ratio == 1.0
    assert mds.sample_method == "table lue en entier"


def test_statistics_role_by_shape(tmp_path):
    from auditor.catalog import build_catalog

    path = _db(tmp_path, """
        CREATE TABLE t_2024 (annee INTEGER, tranche_age TEXT, sexe TEXT, motif TEXT, effectif INTEGER);
        CREATE TABLE t_micro (annee_naissance INTEGER, sexe TEXT, cp TEXT, nationalite TEXT);
    """, [
        ("INSERT INTO t_2024 VALUES (?,?,?,?,?)", [(2024, a, s, "budget", 12) for a in ("18-24", "25-39") for s in "FM"]),
        ("INSERT INTO t_micro VALUES (?,?,?,?)", [(1980 + i, "F", "7501%d" % (i % 10), "française") for i in range(10)]),
    ])
    src = open_source(str(path))
    try:
        cat = build_catalog(src)
    finally:
        src.close()
    agg, micro = cat.tables["t_2024"], cat.tables["t_micro"]
    assert agg.role == "statistics" and agg.stat_shape == "aggregated" and "forme" in agg.reason
    assert micro.role == "statistics" and micro.stat_shape == "microdata" and "extraction ligne à ligne" in micro.reason


def test_weak_statistics_name_with_free_text_is_a_case_file(tmp_path):
    from auditor.catalog import build_catalog

    text = "La personne est venue ce jour pour évoquer sa situation et ses difficultés de logement avec le service."
    path = _db(tmp_path, "CREATE TABLE rapport_social (id INTEGER PRIMARY KEY, id_usager INTEGER, contenu TEXT);",
               [("INSERT INTO rapport_social (id_usager, contenu) VALUES (?,?)", [(i, text) for i in range(10)])])
    src = open_source(str(path))
    try:
        cat = build_catalog(src)
    finally:
        src.close()
    assert cat.tables["rapport_social"].role == "case_file"


@pytest.mark.parametrize("name_kind", ["access_right", "role", "category"])
def test_dates_win_over_a_name_that_said_a_code(name_kind):
    """« ReadAt » reads like a permission, but a column of timestamps is a date (evidence over names)."""
    stamps = [f"2025-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:00" for m in range(1, 13) for d in (3, 17) for h, mi in ((9, 5), (16, 40))]
    kind, reason = decide(name_kind, "nom de colonne « ReadAt » (reconnu : « read »)", value_stats(stamps))
    assert kind == "date" and "sont des dates" in reason
    words = ["lecture", "écriture", "aucun"] * 20
    assert decide(name_kind, "nom", value_stats(words))[0] == name_kind  # hard negative: codes stay codes
    assert decide("active_flag", "nom", value_stats(stamps))[0] == "active_flag"  # a flag with dates is left as named
