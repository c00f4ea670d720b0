"""French throughout, written once (issue 20, item 4), and rules that fit the organisation (item 3).

One test per point: no rule id or code word in the body, table names quoted, plurals agreed,
numbers and dates in French, families of findings said once, recommendations that stand
alone, « chmod 600 » explained; the kind of service inferred and correctable, only the
periods that apply, each rule recalled once, RGPD art. 9, 10 and 25 checked.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from auditor.findings import Evidence, Finding, Severity
from auditor.french import french
from auditor.report.html import render_text
from tests.report.builders import html_text, make_result

ROOT = Path(__file__).resolve().parents[2]
BODY_END = "Annexe A. Méthode et périmètre"


def _retention_finding() -> Finding:
    return Finding(
        check="retention", rule="retention.log_past_period", severity=Severity.MEDIUM,
        title="6045 ligne(s) du journal « journal » conservée(s) plus de 12 mois", table="journal", column="date",
        affected=6045, total=10304, references=(), recommendation="Purger le journal.",
        why="La date limite était le 2025-06-30.",
        details={"category": "journal_acces", "category_label": "Journal des accès", "trigger": "event",
                 "period_origin": "default", "end_action": "delete", "period_reference": "cnil_2021_028", "unit": "lignes"},
    )


def _sensitive(column: str, cat: str, n: int, terms: dict) -> Finding:
    return Finding(
        check="subjective", rule="subjective.sensitive_data_in_free_text", severity=Severity.HIGH,
        title=f"{n} écrit(s) de « entretien.{column} » mentionnent une donnée sensible : {cat}", table="entretien",
        column=column, affected=n, total=1072, subject=cat, references=(),
        recommendation="Ne consigner une donnée sensible que si elle est strictement nécessaire.",
        why="Une donnée sensible écrite dans une note suit la personne.",
        evidence=(Evidence("REC-0A1B2C", "termes relevés : « " + next(iter(terms)) + " »"),),
        details={"examined": 1072, "unit": "écrits", "categories": cat, "terms": terms},
    )


def _result(*extra: Finding, service: dict | None = None):
    r = make_result()
    r.findings = sorted([*r.findings, *extra], key=Finding.sort_key)
    r.references = {**r.references, "cnil_2021_028": {"citation": "CNIL, délibération n° 2021-028 du 11 mars 2021",
                                                      "strength": "référentiel CNIL", "confidence": "V1"}}
    if service is not None:
        r.policy_info = {**r.policy_info, "service": service}
    return r


def _doc(result) -> str:
    """The report after its table of contents."""
    return html_text(render_text(result)).split("\nAnnexe G. Glossaire\n", 1)[1]


def _body(result) -> str:
    """The report after its table of contents, up to the annexes."""
    return _doc(result).split("\n" + BODY_END + "\n")[0]


# ------------------------------------------------------------------ item 4: French, written once
def test_no_rule_id_nor_code_word_in_the_body() -> None:
    result = _result(_retention_finding())
    body = _body(result)
    for f in result.findings:
        assert f.rule not in body, f.rule
    for code in ("last_contact", "event", "default", "delete", "cnil_2021_028", "journal_acces"):
        assert not re.search(rf"(?<![\w«] )\b{code}\b(?! »)", body.replace("« journal_acces »", "")), code
    assert "point de départ de la durée | date de l'événement" in body
    assert "texte de référence | CNIL, délibération n° 2021-028 du 11 mars 2021" in body


def test_table_names_are_quoted_as_names() -> None:
    from checks.access.base import tables_fr

    assert tables_fr(["demande"]) == "la table « demande »"
    assert tables_fr(["demande", "entretien"], de=True) == "des tables « demande » et « entretien »"
    rules_app = (ROOT / "checks" / "access" / "rules_app.py").read_text(encoding="utf-8")
    assert "{', '.join(objs)}" not in rules_app  # every list of tables goes through tables_fr


def test_plurals_agreed() -> None:
    text = _doc((_result(_retention_finding())))
    assert "(s)" not in text and "(x)" not in text
    assert "6 045 lignes du journal « journal » conservées plus de 12 mois" in text
    assert french("1 dossier(s) clos conservé(s)") == "1 dossier clos conservé"
    assert french("320 dossier(s) clos de « demande » conservé(s)") == "320 dossiers clos de « demande » conservés"


def test_numbers_and_dates_in_french() -> None:
    assert french("10304 accès, ratio médian 4.2, 38,6%") == "10\u202f304 accès, ratio médian 4,2, 38,6\u202f%"
    assert french("en 2015, droits 0644, table stat_2024") == "en 2015, droits 0644, table stat_2024"
    assert french("passée au 2026-06-30") == "passée au 30 juin 2026"
    body = _body(_result(_retention_finding()))
    assert "30 juin 2025" in body and "2025-06-30" not in body
    assert not re.search(r"\b\d{5,}\b", body.replace(" ", ""))  # no ungrouped large number (ids aside)


def test_family_of_findings_is_written_once_with_a_table() -> None:
    result = _result(_sensitive("compte_rendu", "santé", 59, {"psychiatrie": 20, "dépression": 9}),
                     _sensitive("compte_rendu", "convictions religieuses", 8, {"témoin de Jéhovah": 4}))
    text = _doc((result))
    apps = text.split("4.2. Applications")[1].split("5. Avis")[0]
    assert apps.count("Une donnée sensible écrite dans une note suit la personne.") == 1
    assert apps.count("Ne consigner une donnée sensible que si elle est strictement nécessaire.") == 1
    assert "Catégorie | Combien | Termes relevés (nombre d'écrits) | Gravité" in apps
    assert "psychiatrie : 20 ; dépression : 9" in apps
    assert "voir le texte commun aux constats" in apps


def test_recommendations_stand_alone_with_their_subject() -> None:
    text = _doc((make_result()))
    avis = text.split("\n5. Avis\n")[1].split("Ce que les professionnels peuvent faire")[0]
    assert "Rôle « RH » : retirer tout droit de lecture" in avis
    assert "Table « stat_annuelle », colonne « nom » : supprimer la colonne" in avis


def test_chmod_600_is_explained() -> None:
    from checks.access.check import BOOK

    rec = BOOK.info.rules["access.sqlite_file_readable"].recommendation
    assert "chmod 600" in rec and "seul le compte propriétaire peut le lire ou le modifier" in rec


# ------------------------------------------------------------------ item 3: rules that fit the organisation
def _catalog(tables: dict[str, tuple[str, list[str]]]):
    return SimpleNamespace(tables={n: SimpleNamespace(name=n, role=role, columns={c: None for c in cols})
                                   for n, (role, cols) in tables.items()})


def test_kind_of_service_is_inferred_and_can_be_declared() -> None:
    from auditor.organisation import infer_service

    company = _catalog({"salarie": ("persons", ["matricule", "id_manager"]), "demande": ("case_file", ["observations"])})
    dept = _catalog({"usager": ("persons", ["nom"]), "mds": ("units", ["libelle"]),
                     "dossier_intervention_sociale": ("case_file", ["note"])})
    assert infer_service(company).kind == "service_social_travail"
    assert infer_service(dept).kind == "departement"
    assert infer_service(_catalog({"t": ("other", ["x"])})).kind == "inconnu"
    declared = infer_service(company, "ccas")
    assert declared.kind == "ccas" and declared.declared and declared.public is True


def test_policy_validator_accepts_service_and_rejects_others(tmp_path: Path) -> None:
    from auditor.errors import PolicyError
    from auditor.policy import load_policy

    p = tmp_path / "p.toml"
    p.write_text('[audit]\nservice = "association"\n', encoding="utf-8")
    assert load_policy(p).audit["service"] == "association"
    p.write_text('[audit]\nservice = "entreprise"\n', encoding="utf-8")
    with pytest.raises(PolicyError, match="ligne 2.*service_social_travail"):
        load_policy(p)


WORKPLACE = {"kind": "service_social_travail", "label": "un service social du travail",
             "gloss": "un service social d'entreprise ou d'administration, au service des salariés d'un employeur",
             "short": "service social du travail", "reason": "d'après les noms de ses tables et colonnes (« salarie »…)",
             "declared": False, "public": False}


def test_situation_says_what_kind_of_service() -> None:
    text = _doc((_result(service=WORKPLACE)))
    situation = text.split("2. La situation telle que nous la comprenons")[1].split("3. Les questions soulevées")[0]
    assert "Il s'agit, d'après les noms de ses tables et colonnes (« salarie »…), de la base d'un service social du travail" in situation
    assert "clé service de la section [audit]" in situation
    assert "L'employeur n'est pas destinataire des dossiers" in situation


def test_only_periods_that_apply_are_recalled() -> None:
    r = _result(service=WORKPLACE)
    r.policy_info["retention"] = [*r.policy_info["retention"],
                                  {"key": "aide_sociale_facultative", "label": "Dossier d'aide sociale facultative (CCAS)",
                                   "period_months": 24, "trigger": "closure", "action": "archive", "reference": "x",
                                   "basis": "", "from_policy": False, "confirmed": False},
                                  {"key": "protection_enfance", "label": "Accompagnement de mineurs et jeunes majeurs",
                                   "period_months": 24, "trigger": "last_contact", "action": "flag_only", "reference": "x",
                                   "basis": "", "from_policy": False, "confirmed": False}]
    text = _doc((r))
    assert "Dossier d'aide sociale facultative (CCAS)" not in text
    assert "Accompagnement de mineurs et jeunes majeurs" not in text
    assert "Pour un organisme public, les données sont des archives publiques" not in text
    # without a kind of service, nothing is left out
    r2 = _result()
    r2.policy_info["retention"] = r.policy_info["retention"]
    assert "Dossier d'aide sociale facultative (CCAS)" in html_text(render_text(r2))


def test_public_archives_caveat_not_given_to_a_workplace_service() -> None:
    from checks.retention.check import recommendation

    cat = SimpleNamespace(action="delete")
    ctx = SimpleNamespace(policy=SimpleNamespace(audit={"service_kind": "service_social_travail"}))
    assert "Code du patrimoine" not in recommendation(cat, "retention.log_past_period", ctx)
    ctx.policy.audit["service_kind"] = "departement"
    assert "Code du patrimoine" in recommendation(cat, "retention.log_past_period", ctx)


def test_each_rule_is_recalled_once() -> None:
    text = _doc((make_result()))
    rules = text.split("\n4.1. Rappel de quelques règles\n")[1].split("\n4.2. Applications\n")[0]
    lines = [line for line in rules.splitlines() if line.startswith("Code pénal, art. 226-13")]
    assert len(lines) == 1, lines
    assert "rappelées plus haut : " in rules and "(question 1)" in rules


def test_rgpd_9_10_25_are_checked_and_not_tagged_in_the_body() -> None:
    with (ROOT / "auditor" / "references.toml").open("rb") as fh:
        refs = tomllib.load(fh)
    for key in ("rgpd_9", "rgpd_10", "rgpd_25"):
        assert refs[key]["confidence"] == "V1" and refs[key].get("checked"), key
    r = make_result()
    r.references = {**r.references, "rgpd_25": {**r.references["rgpd_25"], "confidence": "V1"}}
    body = _body(r)
    assert not re.search(r"RGPD, art\. 25 à vérifier", body)
    assert "source secondaire" not in body and "connu par une source secondaire" not in body


def test_inspect_says_what_checks_understood_in_french() -> None:
    import io

    from rich.console import Console

    from auditor.inspect_view import print_understood

    buf = io.StringIO()
    print_understood({"access": {"persons": "salarie", "staff_columns": {"pk": "id", "departure": "date_depart"},
                                 "unit_region_column": "region", "workplace": True,
                                 "grants": [{"table": "habilitation", "role": "RH", "object": "demande",
                                             "scope": "national", "level": "caseload"}]}},
                     Console(file=buf, width=200))
    text = buf.getvalue()
    for english in ("persons", "staff_columns", "level=", "caseload", "workplace", "True", "« access »"):
        assert english not in text, english
    assert "Ce que le contrôle « Accès aux dossiers » a compris" in text
    assert "table des personnes : salarie" in text and "colonne de la région : region" in text
    assert "rôle : RH, objet : demande, périmètre : national, portée : personnes suivies" in text
    assert "service social du travail : oui" in text
