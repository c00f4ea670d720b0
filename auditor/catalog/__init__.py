"""What each table is for and what each column holds, with the reason for each guess.

The catalog is built once per audit from names (French, English, legacy
abbreviations: ``names.toml``), sampled values and the policy's overrides.
Every guess carries a French reason so that ``auditor inspect`` can show it and
a user can correct it in the policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TABLE_ROLE_LABELS = {
    "persons": "personnes accompagnées",
    "case_file": "dossiers et écrits de l'accompagnement",
    "statistics": "statistiques et extractions",
    "staff": "personnels et comptes",
    "permissions": "droits d'accès de l'application",
    "assignments": "affectations (qui suit qui)",
    "access_log": "journal des accès",
    "units": "sites et unités",
    "rights_requests": "demandes d'exercice des droits",
    "third_parties": "tiers et contacts de l'entourage",
    "archive": "archives",
    "other": "autre",
}

COLUMN_KIND_LABELS = {
    "primary_key": "clé technique",
    "person_ref": "référence à une personne accompagnée",
    "staff_ref": "référence à un professionnel",
    "hierarchy_ref": "référence au supérieur hiérarchique",
    "unit_ref": "référence à un site ou une unité",
    "case_ref": "référence à un dossier",
    "ref": "référence à une autre table",
    "person_name": "nom de personne",
    "first_name": "prénom",
    "nir": "NIR (numéro de sécurité sociale)",
    "birth_date": "date de naissance",
    "birth_year": "année de naissance",
    "address": "adresse postale",
    "postal_code": "code postal",
    "city": "commune",
    "phone": "téléphone",
    "email": "adresse électronique",
    "staff_email": "adresse électronique professionnelle",
    "iban": "IBAN / RIB",
    "caf_number": "numéro d'allocataire CAF/MSA",
    "employee_number": "matricule",
    "password": "mot de passe",
    "login": "identifiant de connexion",
    "role": "rôle ou fonction",
    "scope": "périmètre d'accès",
    "permission_object": "objet d'un droit",
    "access_right": "droit (lecture/écriture)",
    "active_flag": "indicateur de compte actif",
    "archive_flag": "indicateur d'archivage",
    "departure_date": "date de départ",
    "closure_date": "date de clôture",
    "immigration_field": "situation au regard du séjour",
    "judgement_field": "champ d'évaluation de la personne",
    "free_text": "texte libre",
    "sex": "sexe",
    "nationality": "nationalité",
    "family_status": "situation familiale",
    "age_band": "âge ou tranche d'âge",
    "count": "effectif",
    "year": "année",
    "date": "date",
    "category": "catégorie",
    "hashed_id": "identifiant haché",
    "org_name": "nom d'un site, d'un service ou d'un organisme",
    "site_contact": "coordonnées d'un site ou d'un organisme",
    "sensitive_category": "motif ou nature de la demande (attribut sensible)",
    "other": "autre",
}

DIRECT_IDENTIFIER_KINDS = frozenset(
    {"person_name", "first_name", "nir", "birth_date", "address", "phone", "email", "iban", "caf_number", "employee_number"}
)
QUASI_IDENTIFIER_KINDS = frozenset(
    {"birth_year", "age_band", "sex", "postal_code", "city", "nationality", "family_status", "unit_ref", "org_name"}
)
SENSITIVE_KINDS = frozenset({"sensitive_category", "immigration_field"})
DATE_KINDS = frozenset({"date", "closure_date", "departure_date", "birth_date"})


@dataclass
class ColumnInfo:
    """One column: its SQL type, its kind and why."""

    name: str
    sql_type: str
    kind: str = "other"
    reason: str = ""
    target: str | None = None  # referenced table, for *_ref kinds
    sampled: int = 0  # non-null values read for the guess
    from_policy: bool = False
    distinct: int | None = None  # distinct values among the sampled ones
    avg_length: float | None = None  # average length of the sampled values (as text)

    @property
    def distinct_ratio(self) -> float | None:
        """Distinct sampled values over sampled values (None when nothing was read)."""
        if not self.sampled or self.distinct is None:
            return None
        return self.distinct / self.sampled

    @property
    def label(self) -> str:
        """French label of the kind."""
        return COLUMN_KIND_LABELS.get(self.kind, self.kind)


@dataclass
class TableInfo:
    """One table: its role and why, its size and its columns."""

    name: str
    role: str = "other"
    reason: str = ""
    rows: int | None = None
    columns: dict[str, ColumnInfo] = field(default_factory=dict)
    primary_key: list[str] = field(default_factory=list)
    from_policy: bool = False
    error: str | None = None
    sample_rows: int = 0  # rows read to guess the column kinds
    sample_method: str = ""  # how they were chosen (French)
    stat_shape: str | None = None  # statistics tables: "aggregated" or "microdata"
    schema: str | None = None  # the schema it lives in (None: not known, e.g. built by hand)
    table: str = ""  # its name in that schema ("" means the same as ``name``)
    sql_schema: str | None = None  # schema to qualify SQL with (None: the connection's default schema)
    kind: str = "table"  # table, view, materialized_view
    reads: list[str] = field(default_factory=list)  # for a view: the tables (and views) it reads

    @property
    def bare(self) -> str:
        """Its name in its schema, unqualified (what its name says about its role)."""
        return self.table or self.name

    @property
    def is_view(self) -> bool:
        """True for views and materialized views."""
        return self.kind != "table"

    @property
    def kind_label(self) -> str:
        """French label of what it is: table, vue, vue matérialisée."""
        return {"view": "vue", "materialized_view": "vue matérialisée"}.get(self.kind, "table")

    @property
    def label(self) -> str:
        """French label of the role."""
        return TABLE_ROLE_LABELS.get(self.role, self.role)

    def columns_of(self, *kinds: str) -> list[ColumnInfo]:
        """Columns whose kind is one of ``kinds``, in table order."""
        return [c for c in self.columns.values() if c.kind in kinds]

    def first(self, *kinds: str) -> ColumnInfo | None:
        """First column of one of ``kinds`` (in the order of ``kinds``), or None."""
        for k in kinds:
            for c in self.columns.values():
                if c.kind == k:
                    return c
        return None

    def ref_to(self, table: str) -> ColumnInfo | None:
        """A column of this table that references ``table``."""
        for c in self.columns.values():
            if c.target == table:
                return c
        return None


@dataclass
class Catalog:
    """All tables of the source as understood."""

    tables: dict[str, TableInfo] = field(default_factory=dict)
    sample_size: int = 0
    model: Any = None  # the service model (auditor.model.ServiceModel), resolved once after the catalog
    views: dict[str, TableInfo] = field(default_factory=dict)  # views and materialized views, by name

    def relation(self, name: str) -> TableInfo | None:
        """A table or a view by name."""
        return self.tables.get(name) or self.views.get(name)

    def with_views(self) -> Catalog:
        """The same catalog whose ``tables`` also hold the views (for checks that audit views as tables)."""
        if not self.views:
            return self
        return Catalog(tables={**self.tables, **self.views}, sample_size=self.sample_size, model=self.model,
                       views=self.views)

    def person_table(self) -> TableInfo | None:
        """The main table of persons accompanied (the largest base table), if any."""
        persons = [t for t in self.by_role("persons") if not t.is_view] or self.by_role("persons")
        if not persons:
            return None
        return max(persons, key=lambda t: (t.rows or 0, t.name))

    def by_role(self, *roles: str) -> list[TableInfo]:
        """Tables whose role is one of ``roles``, sorted by name."""
        return sorted((t for t in self.tables.values() if t.role in roles), key=lambda t: t.name)


from auditor.catalog.classify import build_catalog  # noqa: E402

__all__ = [
    "Catalog",
    "TableInfo",
    "ColumnInfo",
    "build_catalog",
    "TABLE_ROLE_LABELS",
    "COLUMN_KIND_LABELS",
    "DIRECT_IDENTIFIER_KINDS",
    "QUASI_IDENTIFIER_KINDS",
    "SENSITIVE_KINDS",
    "DATE_KINDS",
]
