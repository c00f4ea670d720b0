"""What kind of service keeps the database: it decides which rules and periods apply.

A workplace social service (service social du travail) works for a private or public
employer: its files are not public archives, the child-protection and CCAS periods do
not apply, and the employer must never learn who consulted. A département, a CCAS
(both public bodies: their files are public archives) and an association (private,
sometimes with a public-service mission) each call for other rules.

The kind is guessed from the catalog (table and column names, the persons' table) and
can be set in the policy::

    [audit]
    service = "departement"   # auto (default), service_social_travail, departement, ccas, association
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

KINDS = {
    "service_social_travail": "un service social du travail",
    "departement": "le service social d'un conseil départemental",
    "ccas": "un centre communal ou intercommunal d'action sociale (CCAS ou CIAS)",
    "association": "une association d'action sociale ou médico-sociale",
}
GLOSS = {
    "service_social_travail": "un service social d'entreprise ou d'administration, au service des salariés d'un employeur",
    "departement": "action sociale polyvalente, protection de l'enfance, insertion",
    "ccas": "aides facultatives, domiciliation, instruction de demandes d'aide",
    "association": "organisme privé, parfois chargé d'une mission de service public",
}
SHORT = {"service_social_travail": "service social du travail", "departement": "département", "ccas": "CCAS",
         "association": "association", "inconnu": "nature non déterminée"}
#: public bodies: their files are public archives (Code du patrimoine); an association may be one when it has a
#: public-service mission, so it stays "maybe"
PUBLIC = {"departement": True, "ccas": True, "service_social_travail": False, "association": None, "inconnu": None}
POLICY_VALUES = ("auto", *KINDS)

_WORDS = {
    "service_social_travail": {"salarie", "salaries", "employe", "employes", "collaborateur", "collaborateurs",
                               "matricule", "etablissement", "manager", "id_manager", "id_superieur", "n_plus_1"},
    "departement": {"mds", "ase", "pmi", "crip", "information_preoccupante", "informations_preoccupantes", "rsa",
                    "dossier_intervention_sociale", "circonscription", "observatoire", "departement", "utas", "mdph",
                    "placement", "aemo"},
    "ccas": {"ccas", "cias", "aide_facultative", "aides_facultatives", "secours", "commission_permanente",
             "domiciliation", "aide_sociale_facultative", "epicerie_sociale"},
    "association": {"association", "adherent", "adherents", "benevole", "benevoles", "chrs", "hebergement", "siao"},
}


@dataclass(frozen=True)
class Service:
    """The kind of service (a key of KINDS, or "inconnu"), how it was established, and what follows."""

    kind: str
    reason: str
    declared: bool

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, "un service social dont la nature n'a pas pu être déterminée")

    @property
    def short(self) -> str:
        return SHORT[self.kind]

    @property
    def public(self) -> bool | None:
        """True for a public body (public archives), False for a private employer, None when it depends."""
        return PUBLIC[self.kind]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "gloss": GLOSS.get(self.kind, ""), "short": self.short,
                "reason": self.reason,
                "declared": self.declared, "public": self.public}


def _tokens(name: str) -> set[str]:
    low = name.lower()
    parts = set(re.split(r"[^a-z0-9]+", low))
    return parts | {low}


def infer_service(catalog: Any, declared: str | None = None) -> Service:
    """The kind of service: the policy's ``[audit] service`` when set, else a guess from table and column names."""
    if declared and declared != "auto":
        return Service(declared, "déclaré dans la politique ([audit] service)", True)
    scores: dict[str, list[str]] = {k: [] for k in _WORDS}
    for t in catalog.tables.values():
        names = [t.name] + list(getattr(t, "columns", {}))
        for n in names:
            toks = _tokens(n)
            for kind, words in _WORDS.items():
                hit = toks & words
                if hit:
                    scores[kind].append(n)
    persons = [t for t in catalog.tables.values() if t.role == "persons"]
    for t in persons:
        if _tokens(t.name) & {"salarie", "salaries", "employe", "employes", "collaborateur", "collaborateurs", "personnel"}:
            scores["service_social_travail"] += [t.name] * 3  # the persons followed are employees: decisive
    best = max(scores, key=lambda k: (len(scores[k]), k == "departement"))
    if not scores[best]:
        return Service("inconnu", "aucun nom de table ou de colonne ne l'indique", False)
    persons_names = [t.name for t in persons if t.name in scores[best]]
    names = list(dict.fromkeys(persons_names + sorted(scores[best])))[:3]
    return Service(best, "d'après les noms de ses tables et colonnes (" + ", ".join(f"« {n} »" for n in names) + "…)", False)
