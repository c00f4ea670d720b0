"""Guess table roles and column kinds from names, sampled values and structure.

A column's verdict combines name evidence (``names.toml``: French and English
words, legacy abbreviations, a negative list), value evidence (the share of
sampled values that pass a validated pattern: NIR with its key, phone, e-mail,
IBAN; text length; date parsing) and structure (primary keys, references to
other tables). A single value never labels a column.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.catalog import (
    COLUMN_KIND_LABELS,
    TABLE_ROLE_LABELS,
    Catalog,
    ColumnInfo,
    TableInfo,
)
from auditor.dates import parse_date
from auditor.errors import PolicyError
from auditor.sources.base import Source

DEFAULT_SAMPLE = 300
VALUE_SHARE = 0.6
TRUNCATE = 300

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_HEX = re.compile(r"^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$", re.I)
_REF = [re.compile(r"^id_(.+)$"), re.compile(r"^(.+)_id$"), re.compile(r"^(?:code|cd|num|no|ref)_(.+)$"), re.compile(r"^fk_(.+)$")]
STAFF_WORDS = {"referent", "ass", "agent", "utilisateur", "user", "intervenant", "auteur", "createur", "redacteur", "travailleur_social", "ts", "professionnel", "saisie", "saisi_par", "operateur", "conseiller", "consultant"}
HIERARCHY_WORDS = {"manager", "valideur", "superieur", "responsable", "chef", "n1", "hierarchique", "encadrant"}
PERSON_SIGNAL_KINDS = {"person_name", "first_name", "nir", "birth_date", "address", "phone", "email", "caf_number"}
STAFF_SIGNAL_KINDS = {"password", "login", "role", "staff_email"}


def normalise(name: str) -> list[str]:
    """Lower-case, accent-free tokens of an identifier (``DT_NAISS`` -> ['dt', 'naiss'])."""
    name = _CAMEL.sub("_", name)
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", "_", name)
    return [t for t in _SPLIT.split(name) if t]


@lru_cache(maxsize=1)
def _names() -> dict[str, Any]:
    with (Path(__file__).parent / "names.toml").open("rb") as fh:
        return tomllib.load(fh)


def _match(tokens: list[str], entry: dict[str, Any]) -> str | None:
    """Return the matching word or phrase, or None."""
    joined = "_".join(tokens)
    padded = f"_{joined}_"
    if any(n in tokens for n in entry.get("negative", [])):
        return None
    for phrase in entry.get("phrases", []):
        if joined == phrase or f"_{phrase}_" in padded:
            return phrase
    for tok in entry.get("tokens", []):
        if "_" in tok:
            if joined == tok or f"_{tok}_" in padded:
                return tok
        elif tok in tokens:
            return tok
    return None


def kind_from_name(name: str) -> tuple[str, str]:
    """(kind, reason) from a column name alone."""
    tokens = normalise(name)
    for entry in _names()["column_kind"]:
        hit = _match(tokens, entry)
        if hit:
            return entry["kind"], f"nom de colonne « {name} » (reconnu : « {hit} »)"
    return "other", ""


def role_from_name(name: str) -> tuple[str, str]:
    """(role, reason) from a table name alone."""
    tokens = normalise(name)
    for entry in _names()["table_role"]:
        hit = _match(tokens, entry)
        if hit:
            return entry["role"], f"nom de table « {name} » (reconnu : « {hit} »)"
    return "other", ""


def _identifiers() -> Any:
    try:
        from auditor import identifiers
    except ImportError:  # pragma: no cover - present in every release
        return None
    return identifiers


def _value_evidence(values: list[str]) -> tuple[str, str] | None:
    """(kind, reason) when sampled values clearly show an identifier, text or dates."""
    n = len(values)
    if n < 5:
        return None
    ident = _identifiers()
    checks: list[tuple[str, str, Any]] = []
    if ident is not None:
        checks = [
            ("nir", "sont des NIR valides (clé de contrôle vérifiée)", ident.nir_is_valid),
            ("iban", "sont des IBAN valides (clé vérifiée)", ident.iban_is_valid),
            ("email", "sont des adresses électroniques", ident.is_email),
            ("phone", "sont des numéros de téléphone français", ident.is_fr_phone),
        ]
    for kind, what, fn in checks:
        share = sum(1 for v in values if fn(v)) / n
        if share >= VALUE_SHARE:
            return kind, f"{share:.0%} des {n} valeurs lues {what}"
    if all(_HEX.match(v) for v in values):
        return "hashed_id", f"les {n} valeurs lues sont des empreintes hexadécimales (hachage)"
    long_text = [v for v in values if len(v) >= 40 and v.count(" ") >= 5]
    if len(long_text) / n >= 0.5:
        return "free_text", f"{len(long_text) / n:.0%} des {n} valeurs lues sont des phrases (texte libre)"
    dates = sum(1 for v in values if len(v) <= 30 and any(ch.isdigit() for ch in v) and parse_date(v) is not None)
    if dates / n >= 0.9:
        return "date", f"{dates / n:.0%} des {n} valeurs lues sont des dates"
    return None


def _sample(source: Source, table: str, columns: list[str], limit: int) -> dict[str, list[str]]:
    t = sa.table(table, *[sa.column(c) for c in columns])
    cols = [sa.func.substr(sa.cast(t.c[c], sa.Text), 1, TRUNCATE).label(f"c{i}") for i, c in enumerate(columns)]
    stmt = sa.select(*cols).limit(limit)
    out: dict[str, list[str]] = {c: [] for c in columns}
    with source.engine.connect() as conn:
        for row in conn.execute(stmt):
            for c, v in zip(columns, row):
                if v is not None and str(v).strip() != "":
                    out[c].append(str(v))
    return out


def _candidates(stem: str) -> set[str]:
    stem = stem.strip("_")
    return {stem, stem + "s", stem.rstrip("s"), stem + "x"}


def _resolve_refs(cat: Catalog) -> None:
    pk_owner: dict[str, str] = {}
    for t in cat.tables.values():
        if len(t.primary_key) == 1:
            pk_owner.setdefault(t.primary_key[0].lower(), t.name)
    unit_columns: dict[str, str] = {}
    for t in cat.tables.values():
        if t.role == "units":
            for c in t.columns:
                unit_columns.setdefault(c.lower(), t.name)
    by_norm = {"_".join(normalise(t)): t for t in cat.tables}
    for t in cat.tables.values():
        for c in t.columns.values():
            if c.from_policy:
                continue
            if c.name in t.primary_key:
                if c.kind in ("other", "category", "ref", "count"):
                    c.kind, c.reason = "primary_key", "clé primaire de la table"
                continue
            if c.kind not in ("other", "category", "employee_number", "count", "unit_ref"):
                continue
            low = c.name.lower()
            target = None
            if low in pk_owner and pk_owner[low] != t.name:
                target = pk_owner[low]
                how = f"même nom que la clé de la table « {target} »"
            else:
                stem = None
                for rx in _REF:
                    m = rx.match("_".join(normalise(c.name)))
                    if m:
                        stem = m.group(1)
                        break
                if stem:
                    for cand in _candidates(stem):
                        if cand in by_norm and by_norm[cand] != t.name:
                            target = by_norm[cand]
                            break
                    if target is None:
                        for norm, real in by_norm.items():
                            if real != t.name and (norm.startswith(stem + "_") or norm.endswith("_" + stem)):
                                target = real
                                break
                    how = f"le nom « {c.name} » désigne la table « {target} »" if target else ""
                    if target is None:
                        if stem in STAFF_WORDS or any(s in normalise(stem) for s in STAFF_WORDS):
                            c.kind, c.reason = "staff_ref", f"nom de colonne « {c.name} » (désigne un professionnel)"
                            continue
                        if stem in HIERARCHY_WORDS or any(s in normalise(stem) for s in HIERARCHY_WORDS):
                            c.kind, c.reason = "hierarchy_ref", f"nom de colonne « {c.name} » (désigne un supérieur hiérarchique)"
                            continue
            if target is None and low in unit_columns and unit_columns[low] != t.name:
                target = unit_columns[low]
                how = f"même nom qu'une colonne de la table d'unités « {target} »"
            if target is None:
                if c.kind == "other" and "_".join(normalise(c.name)) == "id":
                    c.kind, c.reason = "primary_key", "colonne « id »"
                continue
            role = cat.tables[target].role
            kind = {
                "persons": "person_ref",
                "staff": "staff_ref",
                "units": "unit_ref",
                "case_file": "case_ref",
            }.get(role, "ref")
            c.kind, c.target, c.reason = kind, target, how
        if not t.primary_key:
            first = next(iter(t.columns.values()), None)
            if first is not None and first.kind in ("other", "primary_key") and normalise(first.name)[:1] == ["id"]:
                first.kind, first.reason = "primary_key", "première colonne « id… » de la table"
                t.primary_key = [first.name]


def _refine_role(t: TableInfo) -> None:
    kinds = [c.kind for c in t.columns.values()]
    staff_signals = [k for k in kinds if k in STAFF_SIGNAL_KINDS]
    person_signals = {k for k in kinds if k in PERSON_SIGNAL_KINDS}
    if t.role in ("other", "persons", "staff") and "password" in kinds or (
        t.role in ("other",) and len(staff_signals) >= 2
    ):
        if t.role != "staff":
            t.role = "staff"
            t.reason = "contenu : colonnes d'identifiant de connexion, de mot de passe ou de rôle"
        return
    if t.role == "other" and len(person_signals) >= 2:
        t.role = "persons"
        t.reason = "contenu : colonnes d'identité (" + ", ".join(sorted(COLUMN_KIND_LABELS[k] for k in person_signals)) + ")"
        return
    if t.role == "other":
        counts = sum(1 for k in kinds if k == "count")
        cats = sum(1 for k in kinds if k in ("category", "age_band", "sex", "year", "unit_ref"))
        if counts >= 1 and cats >= 2 and "free_text" not in kinds:
            t.role = "statistics"
            t.reason = "forme : des catégories et des effectifs (tableau agrégé)"
            return
        if "free_text" in kinds or "judgement_field" in kinds:
            t.role = "case_file"
            t.reason = "contenu : colonnes de texte libre ou d'évaluation"


def build_catalog(
    source: Source,
    overrides: dict[str, dict[str, Any]] | None = None,
    sample_size: int = DEFAULT_SAMPLE,
    policy_file: str | None = None,
    on_table: Any = None,
) -> Catalog:
    """Inspect every table of ``source``; apply the policy's ``overrides`` last."""
    overrides = overrides or {}
    insp = sa.inspect(source.engine)
    cat = Catalog(sample_size=sample_size)
    names = source.table_names()
    for name in overrides:
        if name not in names:
            raise PolicyError(
                f"La politique{f' ({policy_file})' if policy_file else ''} cite la table « {name} », "
                "absente de la source : corrigez ce nom ou retirez la section."
            )
    for name in names:
        info = TableInfo(name=name)
        cat.tables[name] = info
        try:
            cols = insp.get_columns(name)
            pk = insp.get_pk_constraint(name) or {}
            info.primary_key = list(pk.get("constrained_columns") or [])
            for c in cols:
                kind, reason = kind_from_name(c["name"])
                info.columns[c["name"]] = ColumnInfo(name=c["name"], sql_type=str(c["type"]), kind=kind, reason=reason)
            with source.engine.connect() as conn:
                info.rows = conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
            if info.columns and info.rows:
                samples = _sample(source, name, list(info.columns), sample_size)
                for cname, values in samples.items():
                    col = info.columns[cname]
                    col.sampled = len(values)
                    ev = _value_evidence(values)
                    if ev is None:
                        continue
                    vkind, vreason = ev
                    if col.kind == vkind:
                        col.reason = f"{col.reason} ; {vreason}"
                    elif col.kind in ("other", "category", "free_text", "count", "code") or (
                        vkind in ("nir", "iban", "email") and col.kind not in ("password", "hashed_id", "staff_email")
                    ) or (vkind == "hashed_id" and col.kind not in ("password",)):
                        if not (vkind == "date" and col.kind not in ("other",)):
                            if not (vkind == "free_text" and col.kind in ("judgement_field", "immigration_field")):
                                col.kind, col.reason = vkind, vreason
        except sa.exc.SQLAlchemyError as exc:
            info.error = _table_error(exc)
        role, reason = role_from_name(name)
        info.role, info.reason = role, reason
        _refine_role(info)
        if on_table is not None:
            on_table(name)
    _resolve_refs(cat)
    _apply_overrides(cat, overrides, policy_file)
    return cat


def _table_error(exc: Exception) -> str:
    text = str(exc).lower()
    if "timeout" in text or "canceling statement" in text:
        return "lecture interrompue : délai maximal de requête dépassé"
    if "permission denied" in text or "denied" in text:
        return "lecture refusée par la base (droits insuffisants du compte d'audit)"
    return "table illisible par le compte d'audit"


def _apply_overrides(cat: Catalog, overrides: dict[str, dict[str, Any]], policy_file: str | None) -> None:
    where = f" ({policy_file})" if policy_file else ""
    for tname, spec in overrides.items():
        t = cat.tables[tname]
        role = spec.get("role")
        if role is not None:
            if role not in TABLE_ROLE_LABELS:
                raise PolicyError(
                    f"La politique{where} donne à la table « {tname} » le rôle inconnu « {role} » : "
                    f"choisissez parmi {', '.join(sorted(TABLE_ROLE_LABELS))}."
                )
            t.role, t.reason, t.from_policy = role, "fixé par la politique", True
        for cname, kind in (spec.get("columns") or {}).items():
            if cname not in t.columns:
                raise PolicyError(
                    f"La politique{where} cite la colonne « {cname} » absente de la table « {tname} » : corrigez ce nom."
                )
            target = None
            if isinstance(kind, dict):
                target = kind.get("target")
                kind = kind.get("kind", "other")
            if kind not in COLUMN_KIND_LABELS:
                raise PolicyError(
                    f"La politique{where} donne à la colonne « {tname}.{cname} » le type inconnu « {kind} » : "
                    f"choisissez parmi {', '.join(sorted(COLUMN_KIND_LABELS))}."
                )
            col = t.columns[cname]
            col.kind, col.reason, col.from_policy = kind, "fixé par la politique", True
            if target:
                col.target = target
