"""What the report says, computed once from an AuditResult (no HTML here).

The HTML template only lays this out. Everything is driven by the findings'
own fields (title, why, affected/total, details, evidence, pia, references,
recommendation) and the result's metadata, so a new rule or a new check gets a
complete report without touching the renderer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from auditor.french import day_fr
from auditor.findings import AuditResult, Finding, Severity
from auditor.resources import data_dir

ROLE_ORDER = ["persons", "case_file", "third_parties", "rights_requests", "staff", "permissions", "assignments",
              "access_log", "statistics", "units", "archive", "other"]
ROLE_PURPOSE = {
    "persons": "décrit les personnes accompagnées",
    "case_file": "contient les dossiers et les écrits de l'accompagnement",
    "third_parties": "enregistre des tiers et des proches des personnes",
    "rights_requests": "suit les demandes d'exercice des droits",
    "staff": "recense les professionnels et leurs comptes",
    "permissions": "définit les droits d'accès de l'application",
    "assignments": "dit quel professionnel suit quelle personne",
    "access_log": "trace les consultations des dossiers",
    "statistics": "sert aux statistiques et aux extractions",
    "units": "décrit les sites et les unités",
    "archive": "conserve des données archivées",
    "other": "n'a pas de rôle reconnu",
}
SOURCE_KIND = {"sqlite": "une base SQLite", "postgresql": "une base PostgreSQL", "mysql": "une base MySQL ou MariaDB",
               "csv": "des exports CSV", "other": "une base de données"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIER_LABELS = [
    ("immediate", "Sans attendre : faire cesser l'exposition"),
    ("short", "À court terme : corriger les droits, les données et les écrits"),
    ("structural", "Mesures de fond"),
]
# Retention categories that apply to each kind of service (auditor/organisation.py); an unknown kind keeps them all.
_COMMON = {"accompagnement_social", "contact_unique", "identite_administrative", "journal_acces", "comptes_agents",
           "statistiques"}
CATEGORIES_BY_SERVICE = {
    "service_social_travail": {"service_social_travail", "contact_unique", "identite_administrative", "journal_acces",
                               "comptes_agents", "statistiques"},
    "departement": _COMMON | {"protection_enfance", "informations_preoccupantes", "rsa_instruction", "rsa_accompagnement",
                              "demande_refusee_ou_sans_suite", "travail_commission"},
    "ccas": _COMMON | {"demande_refusee_ou_sans_suite", "aide_sociale_facultative", "rsa_instruction", "travail_commission"},
    "association": _COMMON | {"protection_enfance", "rsa_accompagnement", "demande_refusee_ou_sans_suite"},
}
CONCLUSION_LABELS = {"non-conforme": "non conforme", "a-verifier": "à vérifier", "conforme": "conforme"}


# ---------------------------------------------------------------------------- formatting
def nombre(n: Any) -> str:
    """French number: thin no-break space between thousands, '—' for None."""
    if n is None:
        return "—"
    if isinstance(n, bool):
        return "oui" if n else "non"
    if isinstance(n, int):
        return f"{n:,}".replace(",", "\u202f")
    if isinstance(n, float):
        return f"{n:,.2f}".replace(",", "\u202f").replace(".", ",").rstrip("0").rstrip(",")
    return str(n)


def date_fr(iso: str | None) -> str:
    """'2026-06-30' (or an ISO timestamp) -> '30 juin 2026'; anything else unchanged."""
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return day_fr(d.year, d.month, d.day)


def datetime_fr(iso: str | None) -> str:
    """'2026-06-30T07:05:00+00:00' -> '30 juin 2026 à 07 h 05 (UTC)'."""
    if not iso:
        return ""
    try:
        t = dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    zone = ""
    if t.tzinfo is not None:
        off = t.utcoffset() or dt.timedelta(0)
        zone = " (UTC)" if not off else f" (UTC{'+' if off >= dt.timedelta(0) else '-'}{abs(off).seconds // 3600:02d}:{abs(off).seconds % 3600 // 60:02d})"
    return f"{date_fr(t.date().isoformat())} à {t.hour:02d} h {t.minute:02d}{zone}"


def percent(affected: int | None, total: int | None) -> str:
    """Share as a French percentage ('12,5 %'), '' when it cannot be computed."""
    if affected is None or not total:
        return ""
    p = 100.0 * affected / total
    text = f"{p:.0f}" if p >= 10 or p == 0 else f"{p:.1f}".replace(".", ",")
    return f"{text}\u202f%"


def plural(n: int | None, one: str, many: str) -> str:
    """'1 constat' / '3 constats'."""
    return f"{nombre(n)} {one if n in (0, 1) else many}"


def lcfirst(text: str) -> str:
    """Lower-case the first letter of an ordinary word ('Le rôle' -> 'le rôle'), never of an acronym ('RGPD')."""
    if len(text) >= 2 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def ucfirst(text: str) -> str:
    """Upper-case the first letter only ('une base SQLite' -> 'Une base SQLite')."""
    return text[:1].upper() + text[1:]


def _join_fr(items: list[str]) -> str:
    """'a, b et c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def source_name(display: str, kind: str) -> str:
    """A short name for what was audited: file or folder name, or database name of a URL."""
    text = display.strip()
    if "://" in text:
        tail = text.split("://", 1)[1].split("?", 1)[0].rstrip("/")
        name = tail.rsplit("/", 1)[-1] if "/" in tail else tail.rsplit("@", 1)[-1]
        return name or display
    path = PureWindowsPath(text) if "\\" in text else PurePosixPath(text)
    return path.name or text


@lru_cache(maxsize=1)
def texts() -> dict[str, Any]:
    """report_templates/textes.toml."""
    with (data_dir("report_templates") / "textes.toml").open("rb") as fh:
        return tomllib.load(fh)


# ---------------------------------------------------------------------------- views
@dataclass
class RefView:
    """A reference as recalled in the report."""

    key: str | None
    citation: str
    summary: str
    strength: str
    confidence: str
    confidence_note: str
    group: str
    rank: int
    applies_to: tuple[str, ...] = ()  # kinds of service the text concerns (empty: all)

    def fits(self, kind: str) -> bool:
        """The text concerns this kind of service (always true when the kind is not known)."""
        return not self.applies_to or kind in ("", "inconnu") or kind in self.applies_to

    @property
    def to_verify(self) -> bool:
        """M-confidence (or unknown) references are never presented as settled."""
        return self.confidence not in ("V1", "V2", "S")


@dataclass
class FindingView:
    """A finding with everything the report says about it."""

    f: Finding
    number: str
    anchor: str
    location: str
    figures: str
    share: str
    figures_short: str
    details: list[tuple[str, str]]
    refs: list[RefView]
    status: str | None  # "new", "persisting" or None (no baseline)
    previous: dict[str, Any] | None
    evolution: str
    unconfirmed: str  # why the finding rests on a default to confirm, '' otherwise
    tier: str
    pia: list[tuple[str, str]]
    subject: str = ""  # what the finding is about, to head a recommendation lifted into the opinion
    family: "Family | None" = None  # set when several findings of a question share one rule
    shared_why: bool = False  # its "why" is the family's, said once
    shared_rec: bool = False  # its recommendation and PIA terms are the family's, said once

    @property
    def severity_label(self) -> str:
        return self.f.severity.label_fr


@dataclass
class Family:
    """Findings of one question that apply the same rule: what they share is said once."""

    rule: str
    title: str
    members: list[FindingView]
    why: str
    recommendation: str
    pia: list[tuple[str, str]]
    first: str  # number of its first finding (where the shared text is written)
    columns: list[str]  # headers of the per-finding figures table
    rows: list[list[str]]
    widths: list[str] = field(default_factory=list)
    refs: list[RefView] = field(default_factory=list)  # rules in question, when the same for all
    numbers: str = ""  # « constats 3.1 à 3.4 » or « constats 3.1, 3.10 et 3.11 »


@dataclass
class QuestionView:
    """One question of the report: one check that was run."""

    number: int
    check: str
    title: str
    question: str
    findings: list[FindingView]
    conclusion_code: str
    conclusion: str
    argument: str
    meanwhile: str
    refs_by_group: list[tuple[str, list[RefView]]] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  # rules that could not be evaluated, with the reason
    recalled_before: list[tuple[str, int]] = field(default_factory=list)  # (citation, question that recalled it)


def _ref_view(citation: str, result: AuditResult, by_citation: dict[str, str]) -> RefView:
    t = texts()
    key = by_citation.get(citation)
    data = result.references.get(key, {}) if key else {}
    strength = data.get("strength", "")
    st = t["strength"].get(strength, {"rank": 9, "group": "Autres références"})
    conf = data.get("confidence", "M" if key is None else "M")
    note = t["confidence"].get(conf, t["confidence"]["M"])
    if key is None:
        note = "référence citée par un contrôle extérieur, non répertoriée : à vérifier avant de s'en prévaloir"
    return RefView(key=key, citation=citation, summary=data.get("summary", ""), strength=strength or "non précisée",
                   confidence=conf, confidence_note=note, group=st["group"], rank=int(st["rank"]),
                   applies_to=tuple(data.get("applies_to", ())))


def _value_fr(value: Any, codes: dict[str, str]) -> str:
    if isinstance(value, str):
        if ISO_DATE.match(value):
            return date_fr(value)
        return codes.get(value, value)
    if isinstance(value, (int, float, bool)) or value is None:
        return nombre(value)
    return str(value)


# details said elsewhere (the unit is in « Combien », the evaluation date on the cover) or twice (origin of the
# period: period_source says it in words; overruns: in years and months)
HIDDEN_DETAILS = {"unit", "period_origin", "period_confirmed", "overrun_buckets_years", "oldest_overrun_days", "as_of"}
# details whose values are table or column names: shown as names, « demande »
NAME_DETAILS = {"objects", "also_reads_consultation_facts", "validator_column", "marker_column", "source_table",
                "source_column", "published_column", "columns", "contact_columns", "creation_column", "case_table",
                "quasi_identifiers", "linked_to"}


def _detail_items(details: dict[str, Any], references: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """(French label, value) of a finding's details: labels from textes.toml, codes translated, nothing nested deeper;
    a key of references.toml is shown as its citation."""
    t = texts()
    labels = t["details"]
    codes = {**t.get("detail_values", {}),
             **{k: str(v.get("citation", k)) for k, v in (references or {}).items() if isinstance(v, dict)}}
    items: list[tuple[str, str]] = []
    for key, value in details.items():
        if key in HIDDEN_DETAILS:
            continue
        if key.endswith("_label") and key[: -len("_label")] in details:
            base = key[: -len("_label")]
            items.append((labels.get(base, base.replace("_", " ")), str(value)))
            continue
        if f"{key}_label" in details or value is None or value == "":
            continue
        label = labels.get(key, key.replace("_", " "))
        if isinstance(value, dict):
            pairs = [f"{codes.get(str(k), labels.get(str(k), str(k)))} : {_value_fr(v, codes)}"
                     for k, v in value.items() if not isinstance(v, (dict, list, tuple))]
            if not pairs:
                continue
            shown = " ; ".join(pairs)
        elif isinstance(value, (list, tuple)):
            if not value:
                continue
            if key in NAME_DETAILS:
                shown = ", ".join(f"« {v} »" for v in value if isinstance(v, str))
            else:
                shown = ", ".join(_value_fr(v, codes) for v in value if not isinstance(v, (dict, list, tuple)))
        elif key in NAME_DETAILS and isinstance(value, str):
            shown = f"« {value} »"
        else:
            shown = _value_fr(value, codes)
        if shown:
            items.append((label, shown))
    return items


def _unconfirmed(f: Finding, result: AuditResult) -> str:
    """Why a finding rests on a default nobody confirmed yet ('' when it does not)."""
    if f.details.get("model_assumption"):
        return str(f.details["model_assumption"])
    src = str(f.details.get("period_source", "") or "")
    if not src:
        return ""
    cat = f.details.get("category")
    for row in result.policy_info.get("retention", []):
        if row.get("key") == cat and (row.get("confirmed") or row.get("from_policy")):
            return ""
    if "défaut" in src or "confirmer" in src or not cat:
        label = f.details.get("category_label") or cat or "non précisée"
        return (f"La durée appliquée (catégorie « {label} ») est une valeur par défaut que le responsable du traitement "
                "et le délégué à la protection des données doivent confirmer : tant qu'elle ne l'est pas, ce constat est à vérifier.")
    return ""


def _tier(f: Finding, unconfirmed: str) -> str:
    if f.severity.at_least(Severity.HIGH) and not unconfirmed:
        return "immediate"
    if f.severity.at_least(Severity.MEDIUM):
        return "short"
    return "structural"


def _units(f: Finding) -> tuple[str, str]:
    """(unit of ``affected``, unit of ``total``): the finding's own ``unit``, else textes.toml [units]."""
    unit = str(f.details.get("unit", "") or "")
    if unit:
        return (_singular(unit) if f.affected in (0, 1) else unit), (_singular(unit) if f.total in (0, 1) else unit)
    known = str(texts().get("units", {}).get(f.rule, "") or "")
    if known:
        a, _, t = known.partition("|")
        return _number_form(a, f.affected), _number_form(t or a, f.total)
    return "", ""


def _singular(unit: str) -> str:
    """'dossiers' -> 'dossier' (first word only; 'accès' stays)."""
    first, sep, rest = unit.partition(" ")
    if first.endswith("s") and not first.endswith(("ès", "ss")):
        first = first[:-1]
    return first + sep + rest


def _number_form(unit: str, n: int | None) -> str:
    """'compte/comptes' -> the form that agrees with ``n``."""
    one, _, many = unit.partition("/")
    return one if n in (0, 1) or not many else many


def _figures(f: Finding) -> tuple[str, str]:
    share = percent(f.affected, f.total)
    if f.affected is None:
        return ("", "")
    unit, total_unit = _units(f)
    what = f"{nombre(f.affected)}{' ' + unit if unit else ''}"
    if f.total is not None and unit:
        text = f"{what} sur {nombre(f.total)}" + ("" if total_unit == unit else f" {total_unit}")
        text += ", soit la totalité" if f.affected == f.total and f.total > 1 else (f", soit {share}" if share else "")
    elif f.total is not None:
        text = f"{what} sur {nombre(f.total)} {'examinés' if f.total > 1 else 'examiné'}" + (f", soit {share}" if share else "")
    else:
        text = what
    return text, share


def _subject(f: Finding) -> str:
    """What a finding is about, short: « rôle « RH » », « table « demande », colonne « observations » »."""
    role = f.details.get("role")
    if isinstance(role, str) and role:
        return f"rôle « {role} »"
    if f.rule == "access.sqlite_file_readable":
        return "fichier de la base"
    if f.table and f.column:
        return f"table « {f.table} », colonne « {f.column} »"
    if f.table:
        return f"table « {f.table} »"
    return "ensemble de la base"


def _families(views: list[FindingView], result: AuditResult) -> None:
    """Group the findings of a question by rule; text they all share is said once, figures go in a table."""
    by_rule: dict[str, list[FindingView]] = defaultdict(list)
    for v in views:
        by_rule[v.f.rule].append(v)
    for rule, members in by_rule.items():
        if len(members) < 2:
            continue
        whys = {m.f.why.strip() for m in members}
        recs = {m.f.recommendation.strip() for m in members}
        pias = {tuple(m.pia) for m in members}
        if len(whys) > 1 and len(recs) > 1:
            continue
        cats = [str(m.f.details.get("categories")) if isinstance(m.f.details.get("categories"), str) else "" for m in members]
        terms = [m.f.details.get("terms") for m in members]
        columns = ["N°", "Lieu"] + (["Catégorie"] if any(cats) else []) + ["Combien"] + \
                  (["Termes relevés (nombre d'écrits)"] if any(terms) else []) + ["Gravité"]
        rows = []
        for m, cat, tm in zip(members, cats, terms):
            where = f"« {m.f.table}.{m.f.column} »" if m.f.table and m.f.column else (f"« {m.f.table} »" if m.f.table else "base")
            row = [m.number, where] + ([cat] if any(cats) else []) + [m.figures or "—"]
            if any(terms):
                row.append(" ; ".join(f"{k} : {nombre(n)}" for k, n in (tm or {}).items()) if isinstance(tm, dict) else "")
            row.append(m.severity_label)
            rows.append(row)
        widths = {"N°": "7%", "Lieu": "19%", "Catégorie": "15%", "Combien": "15%", "Termes relevés (nombre d'écrits)": "34%",
                  "Gravité": "10%"}
        cites = {tuple(r.citation for r in m.refs) for m in members}
        fam = Family(rule=rule, title=result.rules_info.get(rule, {}).get("title", "") or members[0].f.title,
                     widths=[widths.get(c, "auto") for c in columns], refs=members[0].refs if len(cites) == 1 else [],
                     members=members, why=members[0].f.why if len(whys) == 1 else "",
                     recommendation=members[0].f.recommendation if len(recs) == 1 else "",
                     pia=members[0].pia if len(recs) == 1 and len(pias) == 1 else [], first=members[0].number,
                     columns=columns, rows=rows, numbers=_numbers_fr([m.number for m in members], True))
        for m in members:
            m.family = fam
            m.shared_why = bool(fam.why)
            m.shared_rec = bool(fam.recommendation)
            shown = {"terms", "categories"}  # in the family's table
            m.details = [(label, value) for label, value in m.details
                         if label not in {texts()["details"].get(k, k) for k in shown}]


def _location(f: Finding) -> str:
    if f.table and f.column:
        return f"table « {f.table} », colonne « {f.column} »"
    if f.table:
        return f"table « {f.table} »"
    return "l'ensemble de la base"


def _evolution(f: Finding, prev: dict[str, Any] | None) -> str:
    if prev is None:
        return ""
    parts = []
    if prev.get("affected") != f.affected and prev.get("affected") is not None and f.affected is not None:
        trend = "en baisse" if f.affected < prev["affected"] else "en hausse"
        parts.append(f"{nombre(prev['affected'])} concernés lors du dernier audit, {nombre(f.affected)} aujourd'hui ({trend})")
    if prev.get("severity") and prev["severity"] != f.severity.value:
        parts.append(f"gravité passée de « {Severity(prev['severity']).label_fr} » à « {f.severity.label_fr} »")
    return " ; ".join(parts)


PIA_LABELS = (("feared_event", "Événement redouté"), ("severity", "Gravité"), ("likelihood", "Vraisemblance"),
              ("measure", "Mesure"), ("action", "Action"))


def _pia_items(f: Finding) -> list[tuple[str, str]]:
    """PIA vocabulary shown with a finding; measure and action only when they add to the recommendation."""
    rec = f.recommendation.strip()
    items = []
    for key, label in PIA_LABELS:
        value = str(f.pia.get(key, "") or "").strip()
        if not value:
            continue
        if key in ("measure", "action") and rec and rec.startswith(value.rstrip(".")):
            continue
        items.append((label, value))
    return items


def _check_text(result: AuditResult, name: str) -> dict[str, str]:
    t = texts()
    base = dict(t["check"].get(name, {}))
    info = result.checks_info.get(name, {})
    fallback = t["fallback"]
    return {
        "title": base.get("title") or info.get("title") or name,
        "question": base.get("question") or info.get("question") or fallback["question"].format(name=name),
        "meanwhile": base.get("meanwhile") or fallback["meanwhile"],
        "conforme": base.get("conforme") or fallback["conforme"],
    }


def _conclusion(fs: list[FindingView], conforme_text: str) -> tuple[str, str]:
    """(code, argued sentence) for one question."""
    if not fs:
        return "conforme", conforme_text + " Sur le périmètre examiné, la situation est conforme."
    firm = [v for v in fs if v.f.severity.at_least(Severity.HIGH) and not v.unconfirmed]
    pending = [v for v in fs if v.f.severity.at_least(Severity.HIGH) and v.unconfirmed]
    lesser = [v for v in fs if not v.f.severity.at_least(Severity.HIGH) and v.f.severity != Severity.INFO]
    worst = fs[0]
    count = plural(len(fs), "constat", "constats")
    if firm:
        w = firm[0]
        figures = f" ({w.figures})" if w.figures else ""
        rule = next((r.citation for r in w.refs if not r.to_verify), "")
        if len(firm) == len(fs):
            text = f"{count}, {'tous ' if len(fs) > 1 else ''}de gravité élevée ou critique. "
        else:
            text = f"{count}, dont {nombre(len(firm))} de gravité élevée ou critique. "
        text += f"Le plus grave : {lcfirst(w.f.title)}{figures}, constat {w.number}."
        if rule:
            text += f" Règle principale en cause : {rule}."
        return "non-conforme", text
    if pending:
        text = (f"{count}. Les écarts relevés reposent sur des valeurs par défaut que le responsable du traitement doit "
                "confirmer ; si elles sont confirmées, la situation n'est pas conforme "
                f"(le plus important : {lcfirst(pending[0].f.title)}, constat {pending[0].number}).")
        return "a-verifier", text
    if lesser:
        return "a-verifier", (f"{count}, de gravité moyenne ou faible, à examiner avec le responsable du traitement "
                              f"(le premier : {lcfirst(worst.f.title)}, constat {worst.number}).")
    return "conforme", f"{count} pour information, sans écart aux règles rappelées."


def _recommendations(questions: list[QuestionView], written: set[str] | frozenset[str] = frozenset({"plan_action_aipd.csv"})
                     ) -> list[dict[str, Any]]:
    """Recommendations grouped by urgency, each once, with the findings it answers."""
    tiers: dict[str, list[dict[str, Any]]] = {k: [] for k, _ in TIER_LABELS}
    index: dict[tuple[str, str], dict[str, Any]] = {}
    for q in questions:
        for v in q.findings:
            rec = v.f.recommendation.strip()
            if not rec:
                continue
            key = (v.tier, rec)
            if key not in index:
                index[key] = {"action": rec, "findings": [], "severity": v.f.severity, "check": q.title, "subjects": []}
                tiers[v.tier].append(index[key])
            index[key]["findings"].append(v.number)
            if v.subject and v.subject not in index[key]["subjects"]:
                index[key]["subjects"].append(v.subject)
    for items in tiers.values():
        for item in items:
            item["subject"] = _merge_subjects(item.pop("subjects", []))
        _factor_common_sentences(items)
    any_finding = any(q.findings for q in questions)
    if any_finding:
        tiers["structural"].extend([
            {"action": "Conduire ou mettre à jour l'analyse d'impact (AIPD) du traitement en y reportant les constats "
                       "de ce rapport (plan d'action fourni à l'annexe C"
                       + (" et dans le fichier plan_action_aipd.csv)." if "plan_action_aipd.csv" in written else ")."),
             "findings": [], "severity": None, "check": "", "subject": ""},
            {"action": "Informer les personnes accompagnées de leurs droits, notamment de leur droit d'accès à tout ce "
                       "qui est écrit sur elles, et leur permettre de l'exercer sans passer par la voie hiérarchique.",
             "findings": [], "severity": None, "check": "", "subject": ""},
            {"action": "Relancer cet audit chaque mois avec l'option --baseline pour suivre les constats résolus, "
                       "nouveaux et persistants.",
             "findings": [], "severity": None, "check": "", "subject": ""},
        ])
    return [{"code": k, "label": label, "items": tiers[k]} for k, label in TIER_LABELS if tiers[k]]


def _merge_subjects(subjects: list[str]) -> str:
    """« Rôles « MANAGER » et « RH » », « Table « stat_annuelle », colonnes « nom » et « prenom » »."""
    if not subjects:
        return ""
    roles = [m.group(1) for x in subjects if (m := re.fullmatch(r"rôle « (.+) »", x))]
    cols: dict[str, list[str]] = {}
    others: list[str] = []
    for x in subjects:
        m = re.fullmatch(r"table « (.+) », colonne « (.+) »", x)
        if m:
            cols.setdefault(m.group(1), []).append(m.group(2))
        elif not x.startswith("rôle « "):
            others.append(x)
    parts = []
    if roles:
        parts.append(("rôle " if len(roles) == 1 else "rôles ") + _join_fr([f"« {r} »" for r in roles]))
    for table, cs in cols.items():
        parts.append(f"table « {table} », " + ("colonne " if len(cs) == 1 else "colonnes ") + _join_fr([f"« {c} »" for c in cs]))
    parts += others
    return ucfirst(" ; ".join(parts))


def _factor_common_sentences(items: list[dict[str, Any]]) -> None:
    """A sentence that ends several recommendations of a tier is said once, after them."""
    split = [re.split(r"(?<=\.) (?=[A-ZÀ-Ý])", it["action"]) for it in items]
    counts: dict[str, int] = defaultdict(int)
    for sentences in split:
        for x in set(sentences[1:]):
            counts[x] += 1
    common = [x for x, n in counts.items() if n >= 2]
    if not common:
        return
    numbers: list[str] = []
    for it, sentences in zip(items, split):
        if any(x in common for x in sentences[1:]):
            it["action"] = " ".join(x for i, x in enumerate(sentences) if i == 0 or x not in common)
            numbers += it["findings"]
    order = [x for sentences in split for x in sentences if x in common]
    text = " ".join(dict.fromkeys(order))
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for it in list(items):  # two recommendations that became the same are said once
        key = (it["action"], it.get("subject", ""))
        if key in merged:
            merged[key]["findings"] += it["findings"]
            items.remove(it)
        else:
            merged[key] = it
    items.append({"action": text, "findings": numbers, "severity": None, "check": "",
                  "subject": "Pour chacune de ces mesures"})


def _complaint_rules(views: list[FindingView], limit: int = 6) -> list[str]:
    """The most binding settled references behind the facts of the complaint summary."""
    refs: dict[str, RefView] = {}
    for v in views:
        for r in v.refs:
            if not r.to_verify:
                refs.setdefault(r.citation, r)
    return [r.citation for r in sorted(refs.values(), key=lambda r: (r.rank, r.citation))[:limit]]


def situation(result: AuditResult) -> list[str]:
    """The database as understood, in sentences (counts, roles, what is kept; never values)."""
    kinds_named: dict[str, str] = texts()["kinds"]
    out: list[str] = []
    by_role: dict[str, list[Any]] = defaultdict(list)
    for t in result.tables:
        by_role[t.role].append(t)
    total_rows = sum(t.rows or 0 for t in result.tables)
    kind = SOURCE_KIND.get(result.source.kind, SOURCE_KIND["other"])
    out.append(
        f"Nous avons examiné {kind}, « {source_name(result.source.display, result.source.kind)} », qui compte "
        f"{plural(len(result.tables), 'table', 'tables')} et {plural(total_rows, 'ligne', 'lignes')} au total. "
        f"La situation est décrite telle qu'elle se présentait au {date_fr(result.as_of)}."
    )
    svc = result.policy_info.get("service") or {}
    if svc.get("kind") and svc["kind"] != "inconnu":
        how = "comme l'indique la politique fournie" if svc.get("declared") else str(svc.get("reason", ""))
        consequence = {
            True: " Ses dossiers sont des archives publiques : leur élimination relève aussi du Code du patrimoine.",
            False: (" L'employeur n'est pas destinataire des dossiers : il ne doit apprendre ni qui a consulté le service social, "
                    "ni pourquoi ; les règles propres aux collectivités publiques (archives publiques, durées des CCAS ou de la "
                    "protection de l'enfance) ne s'appliquent pas ici."),
        }.get(svc.get("public"), "")
        gloss = f", c'est-à-dire {svc['gloss']}" if svc.get("gloss") and svc["kind"] == "service_social_travail" else (
            f" ({svc['gloss']})" if svc.get("gloss") else "")
        fix = "" if svc.get("declared") else (" Si ce n'est pas le bon type de service, indiquez le bon dans la politique "
                                              "(clé service de la section [audit]) : les règles rappelées en dépendent.")
        out.append(f"Il s'agit, {how}, de la base {_service_view(svc)['de_label']}{gloss}.{fix}{consequence}")
    elif svc:
        out.append("La nature du service (service social du travail, département, CCAS ou association) n'a pas pu être "
                   "déduite des tables : les règles sont rappelées sans la préciser. Indiquez-la dans la politique (clé "
                   "service de la section [audit]) pour que le rapport ne retienne que les règles qui s'appliquent.")
    for role in ROLE_ORDER:
        tables = by_role.get(role)
        if not tables:
            continue
        purpose = ROLE_PURPOSE.get(role, ROLE_PURPOSE["other"])
        if role == "other" and len(tables) > 2:
            names = ", ".join(f"« {t.name} »" for t in tables)
            out.append(f"{len(tables)} autres tables ({names}) n'ont pas de rôle reconnu ; elles ont été examinées "
                       "comme les autres, sans hypothèse sur leur usage.")
            continue
        for t in tables:
            kinds = {k for _c, k in t.columns}
            held = [label for k, label in kinds_named.items() if k in kinds]
            sentence = f"La table « {t.name} » ({plural(t.rows, 'ligne', 'lignes')}) {purpose}"
            sentence += f" ; on y trouve {_join_fr(held)}." if held else "."
            out.append(sentence)
    persons = by_role.get("persons", [])
    if persons:
        n = sum(t.rows or 0 for t in persons)
        out.append(f"La base concerne ainsi environ {plural(n, 'personne', 'personnes')} ; dans ce rapport, elles sont "
                   "comptées, jamais nommées, et les comptes sont désignés par des pseudonymes.")
    unseen = []
    if not by_role.get("access_log"):
        unseen.append("aucun journal des accès n'a été trouvé, de sorte que les consultations effectives des dossiers "
                      "n'ont pas pu être vérifiées")
    if not by_role.get("assignments"):
        unseen.append("aucune table d'affectation n'a été trouvée, de sorte que les droits n'ont pas pu être comparés "
                      "aux personnes réellement suivies par chaque professionnel")
    if result.skipped:
        unseen.append(f"{plural(len(result.skipped), 'objet n’a pas pu être examiné', 'objets n’ont pas pu être examinés')} "
                      "en tout ou en partie (liste et raisons en annexe A)")
    if result.policy_info.get("text_sample"):
        unseen.append(f"les textes libres ont été lus par échantillon de {nombre(result.policy_info['text_sample'])} "
                      "lignes par colonne : les chiffres correspondants sont des estimations")
    fits = CATEGORIES_BY_SERVICE.get(str((result.policy_info.get("service") or {}).get("kind", "")))
    pending = [r for r in result.policy_info.get("retention", []) if not (r.get("confirmed") or r.get("from_policy"))
               and (fits is None or r.get("key") in fits)]
    if pending:
        unseen.append(f"{plural(len(pending), 'durée de conservation de la politique est une valeur', 'durées de conservation de la politique sont des valeurs')} "
                      "par défaut, que le délégué à la protection des données doit confirmer (annexe A)")
    if unseen:
        out.append("Ce que l'audit n'a pas pu établir : " + " ; ".join(unseen) + ".")
    out.append("Le rôle de chaque table et le type de chaque colonne ont été déduits des noms et d'un échantillon de "
               "valeurs ; « auditor inspect » montre ces déductions et permet de les corriger dans la politique.")
    return out


# A rule may be measured inside another rule's finding (k-anonymity of a statistics table is
# measured, without its direct identifiers, in the finding on those identifiers): rule id ->
# (details key, count that makes it a deviation).
MEASURED_IN = {"nominative.k_anonymity": ("k_anonymity_without_identifiers", "rows_below_k")}


def _rule_outcome(rid: str, result: AuditResult, views: list[FindingView]) -> dict[str, Any]:
    """What the annex says a rule found: a deviation (with the findings), not evaluated, or nothing."""
    own = [v.number for v in views if v.f.rule == rid]
    if own:
        return {"fired": True, "outcome": "écart relevé (" + _numbers_fr(own) + ")"}
    key = MEASURED_IN.get(rid)
    if key:
        inside = [v.number for v in views
                  if isinstance(v.f.details.get(key[0]), dict) and (v.f.details[key[0]].get(key[1]) or 0) > 0]
        if inside:
            return {"fired": True, "outcome": "écart relevé, mesuré dans " + _numbers_fr(inside)}
    moot = _moot(rid, result.source.kind)
    if moot:
        return {"fired": False, "outcome": f"sans objet ({moot})"}
    why = [w for obj, w in result.skipped if obj == rid or obj.startswith(rid + ".")]
    if why:
        return {"fired": False, "outcome": "non évaluée : " + why[0]}
    return {"fired": False, "outcome": "aucun écart"}


def _moot(rid: str, kind: str) -> str:
    """Why a rule cannot apply to this kind of source ('' when it can)."""
    if rid.startswith("access.mysql_") and kind != "mysql":
        return "pas une base MySQL"
    if rid.startswith("access.db_") and kind in ("sqlite", "csv"):
        return "pas de comptes de base" if kind == "sqlite" else "exports CSV"
    if rid == "access.sqlite_file_readable" and kind != "sqlite":
        return "pas un fichier SQLite"
    return ""


def _numbers_fr(numbers: list[str], ranges: bool = False) -> str:
    """« constat 1.2 », « constats 1.2 et 1.5 »; with ``ranges``, « constats 3.1 à 3.4 » when they follow each other."""
    if ranges and len(numbers) > 2:
        tails = [n.rsplit(".", 1) for n in numbers]
        if len({h for h, _ in tails}) == 1 and all(t.isdigit() for _, t in tails):
            ints = [int(t) for _, t in tails]
            if ints == list(range(ints[0], ints[0] + len(ints))):
                return f"constats {numbers[0]} à {numbers[-1]}"
    return ("constat " if len(numbers) == 1 else "constats ") + _join_fr(numbers)


def _service_view(svc: dict[str, Any]) -> dict[str, Any]:
    """The kind of service for the templates, with « à … » and « de … » forms of its label."""
    out = {"kind": "", "label": "", "short": "", "reason": "", "declared": False, "public": None, **svc}
    label = str(out["label"])
    if label.startswith("le "):
        out["a_label"], out["de_label"] = "au " + label[3:], "du " + label[3:]
    else:
        out["a_label"] = "à " + label
        out["de_label"] = ("d'" + label) if label.startswith(("un ", "une ")) else "de " + label
    return out


def report_fingerprint(result: AuditResult) -> str:
    """sha256 of the findings.json that is written with this report (same renderer, same bytes)."""
    from auditor.report.json import render as render_json

    return hashlib.sha256(render_json(result)).hexdigest()


def build(result: AuditResult, files: list[str] | None = None) -> dict[str, Any]:
    """Everything the templates use. ``files``: the files written with the report (None: all of them)."""
    t = texts()
    by_citation = {v.get("citation", ""): k for k, v in result.references.items()}
    status: dict[str, str] = {}
    if result.baseline:
        for key in ("new", "persisting"):
            for i in result.baseline.get(key, []):
                status[i] = key
    previous = result.baseline_info.get("previous", {}) if result.baseline is not None else {}
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for f in result.sorted_findings():
        by_check[f.check].append(f)
    order = list(result.checks_run) + sorted(c for c in by_check if c not in result.checks_run)
    service_kind = str((result.policy_info.get("service") or {}).get("kind", "") or "")
    written = set(files) if files is not None else {"findings.json", "rapport.html", "rapport.pdf", "constats.csv",
                                                     "plan_action_aipd.csv"}
    questions: list[QuestionView] = []
    all_views: list[FindingView] = []
    recalled: dict[str, int] = {}
    for qn, name in enumerate(order, start=1):
        ct = _check_text(result, name)
        views = []
        for i, f in enumerate(by_check.get(name, []), start=1):
            figures, share = _figures(f)
            short = "" if f.affected is None else (
                nombre(f.affected) + (f" / {nombre(f.total)}" if f.total is not None else "") + (f" ({share})" if share else ""))
            unconfirmed = _unconfirmed(f, result)
            prev = previous.get(f.id)
            views.append(FindingView(
                f=f, number=f"{qn}.{i}", anchor=f"constat-{f.id}", location=_location(f), figures=figures, share=share, figures_short=short,
                details=_detail_items(f.details, result.references),
                refs=[r for r in (_ref_view(c, result, by_citation) for c in f.references) if r.fits(service_kind)],
                status=status.get(f.id) if result.baseline is not None else None, previous=prev,
                evolution=_evolution(f, prev), unconfirmed=unconfirmed, tier=_tier(f, unconfirmed),
                pia=_pia_items(f), subject=_subject(f),
            ))
        _families(views, result)
        code, argument = _conclusion(views, ct["conforme"])
        unexamined = (result.policy_info.get("perimeter") or {}).get("unexamined") or []
        if unexamined and code == "conforme":
            # nothing found on what was read is no clean bill for what could not be read
            code = "a-verifier"
            argument = (f"Aucun écart n'a été relevé sur ce qui a pu être lu, mais "
                        f"{plural(len(unexamined), 'objet de la base n’a pas été examiné', 'objets de la base n’ont pas été examinés')} "
                        f"({', '.join('« ' + str(u['object']) + ' »' for u in unexamined[:5])}"
                        f"{', …' if len(unexamined) > 5 else ''} ; liste et raisons en annexe A) : "
                        "l'absence de constat ne vaut donc pas conformité.")
        incomplete = [(obj, why) for obj, why in result.skipped if obj.startswith(name + ".")]
        if incomplete:
            rules = "; ".join(
                f"« {result.rules_info.get(obj, {}).get('title', obj)} » ({why})" for obj, why in incomplete)
            if code == "conforme":
                code = "a-verifier"
                argument = ("Aucun écart n'a été relevé, mais une partie du contrôle n'a pas pu être menée : "
                            f"{rules}. L'absence de constat ne vaut donc pas conformité.")
            else:
                argument += f" Une partie du contrôle n'a pas pu être menée : {rules}."
        refs: dict[str, RefView] = {}
        for v in views:
            for r in v.refs:
                refs.setdefault(r.citation, r)
        grouped: dict[str, list[RefView]] = defaultdict(list)
        earlier: list[str] = []
        for r in sorted(refs.values(), key=lambda r: (r.rank, r.citation)):
            if r.citation in recalled:  # each rule is recalled once, under the first question that rests on it
                earlier.append(r.citation)
                continue
            recalled[r.citation] = qn
            grouped[r.group].append(r)
        groups = sorted(grouped.items(), key=lambda kv: kv[1][0].rank)
        questions.append(QuestionView(
            number=qn, check=name, title=ct["title"], question=ct["question"], findings=views,
            conclusion_code=code, conclusion=CONCLUSION_LABELS[code], argument=argument,
            meanwhile=ct["meanwhile"] if views else "", refs_by_group=groups,
            recalled_before=[(c, recalled[c]) for c in earlier],
            incomplete=[result.rules_info.get(obj, {}).get("title", obj) + f" ({why})" for obj, why in incomplete],
        ))
        all_views.extend(views)
    all_refs: dict[str, RefView] = {}
    for v in all_views:
        for r in v.refs:
            all_refs.setdefault(r.citation, r)
    references = sorted(all_refs.values(), key=lambda r: (r.rank, r.citation))
    thresholds = [(k, t["thresholds"].get(k, k.replace("_", " ")), nombre(v))
                  for k, v in result.policy_info.get("thresholds", {}).items()]
    used_categories = {str(v.f.details.get("category")) for v in all_views if v.f.details.get("category")}
    service_kind = (result.policy_info.get("service") or {}).get("kind", "inconnu")
    fits = CATEGORIES_BY_SERVICE.get(service_kind)
    retention = []
    for row in result.policy_info.get("retention", []):
        if fits is not None and row.get("key") not in fits and row.get("key") not in used_categories \
                and not row.get("from_policy"):
            continue  # a period that does not apply to this kind of service is not recalled
        months = row.get("period_months")
        if row.get("confirmed"):
            state = "confirmée"
        elif row.get("from_policy"):
            state = "fixée par la politique"
        else:
            state = "valeur par défaut à confirmer"
        ref_key = row.get("reference")
        retention.append({
            **row, "state": state, "used": row.get("key") in used_categories,
            "period": (plural(int(months), "mois", "mois") if months
                       else "" if row.get("trigger") == "departure" else "à définir par le DPO"),
            "trigger_label": t["triggers"].get(str(row.get("trigger")), str(row.get("trigger") or "")),
            "action_label": t["actions"].get(str(row.get("action")), str(row.get("action") or "")),
            "citation": result.references.get(str(ref_key), {}).get("citation", str(ref_key or "")),
        })
    resolved = result.baseline_resolved if result.baseline is not None else []
    baseline = None
    if result.baseline is not None:
        b = result.baseline
        info = result.baseline_info
        baseline = {
            "info": info,
            "date": date_fr(info.get("started_at")) or "date inconnue",
            "new": [v for v in all_views if v.status == "new"],
            "persisting": [v for v in all_views if v.status == "persisting"],
            "resolved": resolved,
            "unchecked": info.get("unchecked", []),
            "accepted": info.get("accepted", []),
            "counts": {k: len(b.get(k, [])) for k in ("new", "resolved", "persisting", "unchecked", "accepted")},
        }
    counts = result.summary()
    worst = result.worst()
    complaint_facts = [v for v in all_views if v.f.severity.at_least(Severity.MEDIUM)]
    findings_by_number = all_views
    rules_run: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rid, info in sorted(result.rules_info.items()):
        rules_run[info.get("check", rid.split(".")[0])].append({"id": rid, "title": info.get("title", rid),
                                                                **_rule_outcome(rid, result, all_views)})
    pol = {"policy_file": None, "thresholds": {}, "sample_size": None, "text_sample": None, "retention": [],
           "source_notes": [], "accepted_exceptions": [], "excerpts": False, **result.policy_info}
    return {
        "r": result,
        "pol": pol,
        "name": source_name(result.source.display, result.source.kind),
        "source_kind": SOURCE_KIND.get(result.source.kind, SOURCE_KIND["other"]),
        "report_date": date_fr(result.started_at),
        "as_of": date_fr(result.as_of),
        "author": result.commanditaire or "le demandeur",
        "by_whom": f"de {result.commanditaire}" if result.commanditaire else "du demandeur",
        "questions": questions,
        "findings": findings_by_number,
        "situation": situation(result),
        "references": references,
        "recommendations": _recommendations(questions, written),
        "summary": counts,
        "total": len(result.findings),
        "worst": worst.label_fr if worst else None,
        "severity_labels": {s.value: s.label_fr for s in Severity},
        "baseline": baseline,
        "thresholds": thresholds,
        "retention": retention,
        "pending_defaults": [r for r in retention if r["state"] == "valeur par défaut à confirmer"],
        "rules_run": rules_run,
        "complaint_facts": complaint_facts,
        "complaint_rules": _complaint_rules(complaint_facts[:6]),
        "report_fingerprint": report_fingerprint(result),
        "glossary": t.get("glossary", []),
        "service": _service_view(result.policy_info.get("service") or {}),
        "date_fr": date_fr,
        "written": written,
        "datetime_fr": datetime_fr,
    }
