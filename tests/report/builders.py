"""Builders for report tests: a fixed AuditResult, small SQLite databases, text extraction.

The synthetic result does not depend on the checks or on references.toml, so the
golden files change only when the report itself changes.
"""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

from auditor.findings import AuditResult, Evidence, Finding, Severity, SourceInfo, TableSummary

# Values planted in the test databases: none may appear in any output.
PLANTED = ["Durandeau", "Aliette", "Lemarchal", "Bertrand", "Fabrequin", "185057800608491", "jdupontel",
           "Motdepasse-Unique-123", "0612345678", "aliette.durandeau@example.org", "FR7630006000011234567890189"]

REFERENCES = {
    "cp_226_13": {"citation": "Code pénal, art. 226-13", "summary": "La révélation d'une information secrète est punie.",
                  "strength": "loi", "confidence": "V1"},
    "casf_l121_6_2": {"citation": "CASF, art. L121-6-2", "summary": "Le partage est limité aux professionnels qui "
                      "interviennent auprès de la même personne.", "strength": "loi", "confidence": "V1"},
    "rgpd_25": {"citation": "RGPD, art. 25", "summary": "Protection des données dès la conception et par défaut.",
                "strength": "règlement européen", "confidence": "M"},
    "rgpd_5_1_e": {"citation": "RGPD, art. 5(1)(e)", "summary": "Limitation de la conservation.",
                   "strength": "règlement européen", "confidence": "V1"},
    "cnil_2023_095": {"citation": "CNIL, délibération n° 2023-095 du 14 septembre 2023", "summary": "Deux ans après le "
                      "dernier contact en base active.", "strength": "recommandation CNIL", "confidence": "V2"},
    "cnad_035": {"citation": "CNAD (aujourd'hui CNADE), avis Qu 035 du 10 novembre 2009", "summary": "Accès limité "
                 "aux professionnels qui interviennent pour la personne.", "strength": "avis déontologique",
                 "confidence": "S"},
    "rgpd_c26": {"citation": "RGPD, considérant 26", "summary": "Des données pseudonymisées restent personnelles.",
                 "strength": "règlement européen", "confidence": "V1"},
    "cnil_zones_libres": {"citation": "CNIL, « Zones bloc-notes et commentaires », 28 février 2019",
                          "summary": "Les commentaires libres sont objectifs et pertinents.",
                          "strength": "recommandation CNIL", "confidence": "V1"},
}


def _f(check: str, rule: str, sev: Severity, title: str, table: str | None, column: str | None, affected: int | None,
       total: int | None, refs: list[str], rec: str, **kw) -> Finding:
    return Finding(
        check=check, rule=rule, severity=sev, title=title, table=table, column=column, affected=affected, total=total,
        references=tuple(REFERENCES[r]["citation"] if r in REFERENCES else r for r in refs), recommendation=rec,
        pia={"feared_event": kw.pop("feared", "Accès illégitime à des données"), "severity": "importante",
             "likelihood": "maximale", "measure": rec, "action": rec.split(".")[0]},
        **kw,
    )


def findings() -> list[Finding]:
    """One or more findings per built-in check, plus an outside check."""
    return [
        _f("access", "access.wide_read_on_case_files", Severity.HIGH,
           "Le rôle « ASS » lit entretien sur un périmètre « national »", "droit_acces", "perimetre", 1200, 1200,
           ["casf_l121_6_2", "cp_226_13", "rgpd_25", "cnad_035"],
           "Restreindre le droit de lecture de ce rôle aux personnes suivies.", subject="ASS",
           why="42 comptes actifs peuvent lire les entretiens de 1 200 personnes qu'ils ne suivent pas.",
           details={"role": "ASS", "objects": ["entretien"], "scopes": ["national"], "accounts": 45,
                    "active_accounts": 42, "persons_exposed": 1200},
           evidence=(Evidence(record="CPT-7F3A21", excerpt="rôle ASS : lecture de entretien (national)"),),
           feared="Accès illégitime aux dossiers par des professionnels qui ne suivent pas la personne"),
        _f("access", "access.hierarchy_reads_case_files", Severity.CRITICAL,
           "Le rôle « RH » lit les entretiens du service social", "droit_acces", "perimetre", 1200, 1200,
           ["cp_226_13", "cnad_035"], "Retirer tout droit de lecture du rôle RH sur les dossiers sociaux.",
           subject="RH", why="L'employeur peut savoir quel salarié a consulté le service social.",
           details={"role": "RH", "accounts": 3, "active_accounts": 3}),
        _f("nominative", "nominative.direct_identifier_in_statistics", Severity.HIGH,
           "La table de statistiques « stat_annuelle » contient une colonne de type nom de personne (« nom »)",
           "stat_annuelle", "nom", 310, 320, ["rgpd_c26", "cnad_035"],
           "Supprimer la colonne de la table de statistiques.", subject="person_name",
           why="Un nom dans une table de statistiques la rend nominative.",
           details={"kind": "person_name", "kind_label": "nom de personne", "filled_rows": 310}),
        _f("subjective", "subjective.judgement_in_free_text", Severity.MEDIUM,
           "Jugements ou appréciations subjectives dans « entretien.note »", "entretien", "note", 37, 5000,
           ["cnil_zones_libres"], "Reformuler ces écrits en faits observés et datés.", subject="judgement",
           why="Une appréciation péjorative suit la personne pendant des années.",
           details={"examined": 5000, "sampled": False, "terms": {"manipulatrice": 21, "alcoolique": 16}},
           evidence=(Evidence(record="REC-19C0DE", excerpt="termes relevés : « manipulatrice »"),
                     Evidence(record="REC-A4B2C1", excerpt="termes relevés : « semble », « alcoolique »"))),
        _f("retention", "retention.person_past_period", Severity.HIGH,
           "412 personne(s) de « usager » conservée(s) au-delà de 24 mois après le dernier contact", "usager", None,
           412, 1200, ["rgpd_5_1_e", "cnil_2023_095"], "Purger ou archiver les dossiers échus.",
           subject="accompagnement_social", why="Durée appliquée : 24 mois après le dernier contact.",
           details={"category": "accompagnement_social", "category_label": "Dossier et notes d'un accompagnement social",
                    "period_months": 24, "period_source": "valeur par défaut à confirmer", "cutoff": "2024-06-30",
                    "overrun_lt_1y": 100, "overrun_1_3y": 200, "overrun_gt_3y": 112, "oldest_overrun": "6 an(s) et 2 mois"},
           evidence=(Evidence(record=None, excerpt="dépassement de plus de 3 ans : 112 personne(s)"),)),
        _f("acme.logs", "acme.logs.no_rotation", Severity.LOW, "Le journal n'est jamais purgé", "journal", None,
           None, None, ["Norme interne ACME n° 12"], "Purger le journal chaque mois.", subject=None),
    ]


def make_result(baseline: bool = False, commanditaire: str | None = "Section ANAS de test") -> AuditResult:
    """A fixed AuditResult covering every part of the report."""
    fs = findings()
    r = AuditResult(
        tool_version="0.0.0-test",
        source=SourceInfo(kind="sqlite", display="/donnees/service_social.sqlite", fingerprint="ab" * 32),
        started_at="2026-07-01T08:00:00+00:00",
        finished_at="2026-07-01T08:03:10+00:00",
        checks_run=["access", "nominative", "subjective", "retention", "acme.logs"],
        findings=sorted(fs, key=Finding.sort_key),
        as_of="2026-06-30",
        tables=[
            TableSummary("usager", "persons", "personnes accompagnées", "nom", 1200,
                         (("id", "primary_key"), ("nom", "person_name"), ("nir", "nir"), ("archive", "archive_flag"))),
            TableSummary("entretien", "case_file", "dossiers", "nom", 5000,
                         (("id", "primary_key"), ("id_usager", "person_ref"), ("note", "free_text"))),
            TableSummary("agent", "staff", "personnels", "nom", 48, (("id", "primary_key"), ("login", "login"),
                                                                      ("fonction", "role"))),
            TableSummary("droit_acces", "permissions", "droits", "nom", 6, (("fonction", "role"), ("perimetre", "scope"))),
            TableSummary("stat_annuelle", "statistics", "statistiques", "nom", 320, (("nom", "person_name"),)),
            TableSummary("journal", "access_log", "journal", "nom", 90000, (("date", "date"),)),
        ],
        skipped=[("vue_cachee", "table illisible : droits insuffisants")],
        policy_info={
            "policy_file": None,
            "thresholds": {"k_anonymity": 5, "small_cell": 11},
            "sample_size": 300,
            "text_sample": None,
            "retention": [
                {"key": "accompagnement_social", "label": "Dossier et notes d'un accompagnement social", "period_months": 24,
                 "trigger": "last_contact", "action": "archive_or_delete", "reference": "cnil_2023_095",
                 "basis": "recommandation CNIL", "from_policy": False, "confirmed": False},
                {"key": "journal_acces", "label": "Journal des accès", "period_months": 12, "trigger": "event",
                 "action": "delete", "reference": "cnil_2023_095", "basis": "recommandation CNIL", "from_policy": True,
                 "confirmed": True},
                {"key": "comptes_agents", "label": "Comptes des agents", "period_months": 0, "trigger": "departure",
                 "action": "disable", "reference": "rgpd_25", "basis": "bonne pratique", "from_policy": False,
                 "confirmed": False},
            ],
            "source_notes": ["Fichier lisible par tous les comptes du poste (droits 0644)."],
            "accepted_exceptions": [],
        },
        rules_info={
            "access.wide_read_on_case_files": {"title": "Un rôle lit tous les dossiers", "check": "access"},
            "access.hierarchy_reads_case_files": {"title": "La hiérarchie lit les dossiers", "check": "access"},
            "nominative.direct_identifier_in_statistics": {"title": "Identifiant direct dans les statistiques",
                                                           "check": "nominative"},
            "subjective.judgement_in_free_text": {"title": "Jugements dans un texte libre", "check": "subjective"},
            "retention.person_past_period": {"title": "Personnes conservées trop longtemps", "check": "retention"},
            "acme.logs.no_rotation": {"title": "Journal jamais purgé", "check": "acme.logs"},
        },
        references=REFERENCES,
        commanditaire=commanditaire,
        audit_number="AUD-20260701-TEST01",
        checks_info={"acme.logs": {"title": "Journaux ACME", "question": "Les journaux ACME sont-ils purgés ?"}},
    )
    if baseline:
        from auditor.api import apply_baseline
        from auditor.report.json import to_dict

        old = to_dict(make_result(baseline=False, commanditaire=commanditaire))
        old["audit_number"] = "AUD-20260601-TEST00"
        old["started_at"] = "2026-06-01T08:00:00+00:00"
        old["as_of"] = "2026-05-31"
        kept = [f for f in old["findings"] if f["check"] != "nominative"]
        for f in kept:
            if f["check"] == "retention":
                f["affected"] = 500
        kept.append({**old["findings"][0], "id": "0000aaaa0000aaaa", "title": "Un compte générique « accueil » est actif",
                     "rule": "access.generic_account", "severity": "medium"})
        old["findings"] = kept
        # the nominative finding is new this time; the generic account was corrected
        apply_baseline(r, old)
    return r


def make_db(path: Path, *, fixed: str | None = None) -> Path:
    """A small social-service database with problems of each kind; ``fixed`` corrects one of them.

    fixed="stat_nom": the statistics table no longer has the ``nom`` column (one finding resolved).
    """
    c = sqlite3.connect(path)
    stat_cols = "id integer primary key, annee integer, nom text, prenom text, nature_demande text, nb integer"
    if fixed == "stat_nom":
        stat_cols = "id integer primary key, annee integer, prenom text, nature_demande text, nb integer"
    c.executescript(
        f"""
        create table usager(id_usager integer primary key, nom text, prenom text, dt_naiss text, nir text,
                            telephone text, courriel text, archive integer);
        create table entretien(id_entretien integer primary key, id_usager integer, date_entretien text, note text);
        create table agent(id_agent integer primary key, login text, fonction text, mdp text, actif integer);
        create table droit_acces(id integer primary key, fonction text, table_cible text, lecture integer, perimetre text);
        create table stat_annuelle({stat_cols});
        insert into usager values
          (1,'Durandeau','Aliette','01/02/1980','185057800608491','0612345678','aliette.durandeau@example.org',0),
          (2,'Lemarchal','Bertrand','03/04/1990','',NULL,NULL,1),
          (3,'Fabrequin','Chloé','05/06/1970',NULL,NULL,NULL,0);
        insert into entretien values (1,1,'2020-01-01','Madame Durandeau reçue pour un dossier CAF.'),
          (2,2,'01/01/2019','RAS'),(3,3,'2026-01-01','Dossier logement déposé.'),(4,1,'2021-05-01','Point budget.');
        insert into agent values (1,'jdupontel','ASS','Motdepasse-Unique-123',1),(2,'rhcompte','RH','Autre-Secret-456',1);
        insert into droit_acces values (1,'ASS','entretien',1,'departement'),(2,'RH','entretien',1,'departement'),
          (3,'SECRETARIAT','usager',1,'mds');
        """
    )
    if fixed == "stat_nom":
        c.execute("insert into stat_annuelle values (1,2025,'Aliette','logement',1)")
    else:
        c.execute("insert into stat_annuelle values (1,2025,'Durandeau','Aliette','logement',1)")
    c.commit()
    c.close()
    return path


# ---------------------------------------------------------------------------- text of an HTML report
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "tr", "dt", "dd", "div", "section", "nav", "table", "ul", "ol", "title",
           "thead", "tbody", "dl", "br"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.skip = 0

    def _flush(self) -> None:
        line = " ".join("".join(self.cur).split())
        if line:
            self.lines.append(line)
        self.cur = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in ("style", "script"):
            self.skip += 1
        elif tag in _BLOCKS:
            self._flush()
        elif tag in ("td", "th"):
            self.cur.append(" | ")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in ("style", "script"):
            self.skip -= 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):  # noqa: ANN001
        if not self.skip:
            self.cur.append(data)


def html_text(html: str) -> str:
    """The visible text of a report, one block per line, whitespace (and no-break spaces) collapsed."""
    p = _Text()
    p.feed(html)
    p.close()
    p._flush()
    return "\n".join(re.sub(r"^\| ", "", line) for line in p.lines) + "\n"


def section_texts(text: str, headings: list[str]) -> dict[str, str]:
    """Text between each heading and the next one (headings matched at line start)."""
    lines = text.splitlines()
    idx = {}
    for h in headings:
        hits = [i for i, line in enumerate(lines) if line.startswith(h) and i > 0]
        idx[h] = hits[-1] if hits else -1
    out = {}
    ordered = sorted((i, h) for h, i in idx.items() if i >= 0)
    for n, (i, h) in enumerate(ordered):
        end = ordered[n + 1][0] if n + 1 < len(ordered) else len(lines)
        out[h] = "\n".join(lines[i + 1:end])
    for h, i in idx.items():
        if i < 0:
            out[h] = ""
    return out
