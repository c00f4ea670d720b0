"""Figures that mean what they say (issue 20, item 5): one test per figure that used to mislead."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from auditor.check import pia_likelihood
from auditor.findings import Evidence, Finding, Severity
from auditor.report import render_files
from auditor.report.html import render_text
from tests.report.builders import html_text, make_result

KANON = {"k": 5, "quasi_identifiers": ["annee", "code_site", "sexe", "tranche_age"], "rows": 473, "groups": 361,
         "rows_below_k": 468, "groups_below_k": 360, "unique_rows": 270, "smallest_group": 1}


def _with(*extra: Finding, rules: dict | None = None):
    r = make_result()
    r.findings = sorted([*r.findings, *extra], key=Finding.sort_key)
    if rules:
        r.rules_info = {**r.rules_info, **rules}
    return r


def _stat_finding() -> Finding:
    return Finding(check="nominative", rule="nominative.direct_identifier_in_statistics", severity=Severity.HIGH,
                   title="La table de statistiques « stat_annuelle » contient une colonne de type matricule (« matricule »)",
                   table="stat_annuelle", column="matricule", affected=473, total=473, subject="employee_number",
                   references=(), recommendation="Supprimer la colonne.",
                   details={"kind": "employee_number", "kind_label": "matricule", "k_anonymity_without_identifiers": KANON})


def test_threshold_k_is_not_called_the_measured_k() -> None:
    text = html_text(render_text(_with(_stat_finding())))
    assert "k-anonymat mesuré : 5" not in text
    assert "seuil k appliqué (taille minimale d'un groupe) : 5" in text
    assert "k-anonymat mesuré (taille du plus petit groupe) : 1" in text
    assert "lignes uniques : 270" in text


def test_annex_does_not_say_no_deviation_for_k_anonymity_measured_elsewhere() -> None:
    result = _with(_stat_finding(), rules={"nominative.k_anonymity": {"title": "k-anonymat des microdonnées",
                                                                      "check": "nominative"}})
    text = html_text(render_text(result))
    annex = text.split("Annexe A. Méthode et périmètre")[-1].split("A.2.")[0]
    row = next(line for line in annex.splitlines() if "k-anonymat des microdonnées" in line)
    assert "aucun écart" not in row
    assert "écart relevé, mesuré dans constat" in row
    assert "nominative.k_anonymity" not in annex  # no rule id in the report


def test_file_permission_finding_does_not_say_examined() -> None:
    f = Finding(check="access", rule="access.sqlite_file_readable", severity=Severity.HIGH,
                title="Le fichier de la base est lisible par tous les comptes de la machine", table=None, column=None,
                affected=700, total=700, references=(), recommendation="Restreindre les droits du fichier.",
                evidence=(Evidence(None, "droits du fichier : 644"),), details={"mode": "644", "others": True})
    text = html_text(render_text(_with(f)))
    block = text.split("Le fichier de la base est lisible par tous les comptes de la machine")[1][:400]
    assert "examiné" not in block
    assert "700 personnes dont les données sont dans le fichier sur 700 personnes de la base, soit la totalité" in block


def test_likelihood_of_reads_that_happened_is_not_negligible() -> None:
    from checks.access.check import BOOK

    assert pia_likelihood(48, 10304) == "négligeable"  # a mere share of the log...
    assert pia_likelihood(48, 10304, observed=True) == "maximale"  # ...but these reads happened
    for rid in ("access.log_browsing", "access.log_unexplained_reads", "access.log_reads_after_departure"):
        assert BOOK.info.rules[rid].observed, rid
    assert not BOOK.info.rules["access.wide_read_on_case_files"].observed


def test_report_names_only_files_that_are_written(tmp_path: Path) -> None:
    result = make_result()
    default = dict(render_files(result, ["json", "html", "pdf"]))
    text = " ".join(html_text(default["rapport.html"].decode("utf-8")).split())
    assert "constats.csv" not in text
    assert "plan_action_aipd.csv" not in text.replace(
        "(fichier plan_action_aipd.csv, colonnes « responsable » et « échéance » à remplir) en relançant l'audit avec "
        "l'option --format csv", "")
    assert "findings.json écrit en même temps que ce rapport" in text
    with_csv = dict(render_files(result, ["json", "html", "csv"]))
    assert set(with_csv) == {"findings.json", "rapport.html", "avis.html", "constats.csv", "plan_action_aipd.csv"}
    text = html_text(with_csv["rapport.html"].decode("utf-8"))
    assert "Les mêmes données figurent dans findings.json et constats.csv" in text
    assert "dans le fichier plan_action_aipd.csv" in text
    only_html = " ".join(html_text(dict(render_files(result, ["html"]))["rapport.html"].decode("utf-8")).split())
    assert "écrit en même temps que ce rapport" not in only_html
    assert dataclasses.is_dataclass(result)


def test_pia_action_is_a_whole_sentence() -> None:
    from auditor.french import first_sentence

    rec = "Déclarer dans la politique ([access.teams], [access.delegations]) les équipes. Puis relancer."
    assert first_sentence(rec) == "Déclarer dans la politique ([access.teams], [access.delegations]) les équipes"
