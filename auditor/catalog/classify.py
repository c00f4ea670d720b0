"""Guess table roles and column kinds from names, sampled values and structure.

A column's verdict combines three kinds of evidence, never one value:

- name evidence (:mod:`auditor.catalog.names`: French and English words,
  legacy abbreviations, glued words, fuzzy matching, a negative list);
- value evidence (:mod:`auditor.catalog.values`: the share of sampled values
  that pass a validated pattern: NIR with its key, IBAN with its checksum,
  phone, e-mail, address, dates, hashes; first names and surnames told from
  places, services, organisations and schemes);
- column statistics (distinct ratio, average length) and the table's context
  (a ``nom`` column of a table of sites is the site's name; an e-mail column of
  the staff table is a work address).

Every guess carries a French reason that ``auditor inspect`` shows.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import sqlalchemy as sa

from auditor.catalog import (
    COLUMN_KIND_LABELS,
    DIRECT_IDENTIFIER_KINDS,
    QUASI_IDENTIFIER_KINDS,
    TABLE_ROLE_LABELS,
    Catalog,
    ColumnInfo,
    TableInfo,
)
from auditor.catalog.names import find, names, normalise
from auditor.catalog.sampling import TRUNCATE, sample_table
from auditor.catalog.values import MIN_VALUES, ValueStats, describe, value_stats
from auditor.errors import PolicyError, db_error_kind
from auditor.sources.base import Source

__all__ = ["build_catalog", "kind_from_name", "role_from_name", "normalise", "decide", "TRUNCATE", "DEFAULT_SAMPLE"]

DEFAULT_SAMPLE = 300
VALUE_SHARE = 0.6

_REF_PREFIX = ("id", "fk", "code", "cd", "num", "no", "ref")
_REF_SUFFIX = ("id", "fk")
STAFF_WORDS = {"referent", "ass", "agent", "utilisateur", "user", "intervenant", "auteur", "createur", "redacteur", "travailleur_social", "ts", "professionnel", "saisie", "saisi_par", "operateur", "conseiller", "consultant", "worker", "author", "staff"}
HIERARCHY_WORDS = {"manager", "valideur", "superieur", "responsable", "chef", "n1", "hierarchique", "encadrant"}
PERSON_SIGNAL_KINDS = {"person_name", "first_name", "nir", "birth_date", "address", "phone", "email", "caf_number"}
STAFF_SIGNAL_KINDS = {"password", "login", "role", "staff_email"}
VALIDATED = {
    "nir": ("nir", "sont des NIR valides (clé de contrôle vérifiée)"),
    "iban": ("iban", "sont des IBAN valides (clé vérifiée)"),
    "email": ("email", "sont des adresses électroniques"),
    "phone": ("phone", "sont des numéros de téléphone français"),
}
STAT_DIM_KINDS = {"category", "age_band", "sex", "year", "unit_ref", "city", "postal_code", "nationality", "family_status",
                  "sensitive_category", "birth_year", "org_name", "immigration_field"}
NUMERIC_TYPES = ("INT", "NUMERIC", "DECIMAL", "REAL", "FLOAT", "DOUBLE", "BIGINT", "SMALLINT")


# ---------------------------------------------------------------- names
def kind_from_name(name: str) -> tuple[str, str]:
    """(kind, reason) from a column name alone."""
    hit = find(normalise(name), names()["column_kind"])
    if hit is None:
        return "other", ""
    if hit.how == "exact":
        return hit.entry["kind"], f"nom de colonne « {name} » (reconnu : « {hit.word} »)"
    return hit.entry["kind"], f"nom de colonne « {name} » (reconnu : « {hit.word} » ; {hit.detail})"

# an integer column is read as epoch timestamps only with this many distinct sampled values
EPOCH_MIN_DISTINCT = 10
# words of a column name that say "when" (with the date kinds): a clue for epoch timestamps, never enough alone
TIME_WORDS = frozenset({"at", "ts", "time", "timestamp", "epoch", "seen", "when", "horodatage", "heure", "instant",
                        "created", "updated", "modified", "opened", "closed", "ms", "date", "dt", "le", "depuis", "since"})


def time_clue(column: str, name_kind: str, table: str) -> str:
    """French reason why an epoch-ranged integer column may be a time: its name or its table's; '' when none."""
    if name_kind in ("date", "closure_date", "departure_date") or set(normalise(column)) & TIME_WORDS:
        return f"le nom « {column} » évoque un instant"
    if role_from_name(table)[0] == "access_log":
        return f"la table « {table} » est un journal"
    return ""


def count_clue(column: str) -> str:
    """French reason why a column may hold numbers of persons: a count word in its name (« nb », « nombre »,
    « effectif »); '' when none. A clue against an identifier read from the rest of the name (« NB_ALLOC »)."""
    entry = next(e for e in names()["column_kind"] if e["kind"] == "count")
    hit = sorted(set(normalise(column)) & set(entry["tokens"]))
    return f"le nom « {column} » dit un nombre (« {hit[0]} »)" if hit else ""


# kinds whose values are words or codes: a column the name put there but whose values are dates is a date
NOT_DATES = frozenset({"access_right", "role", "scope", "permission_object", "category", "sex", "family_status",
                       "login"})


def role_from_name(name: str) -> tuple[str, str]:
    """(role, reason) from a table name alone."""
    hit = find(normalise(name), names()["table_role"])
    if hit is None:
        return "other", ""
    extra = f" ; {hit.detail}" if hit.how != "exact" else ""
    return hit.entry["role"], f"nom de table « {name} » (reconnu : « {hit.word} »{extra})"


def _weak_statistics_name(name: str) -> bool:
    entry = next(e for e in names()["table_role"] if e["role"] == "statistics")
    toks = set(normalise(name))
    strong = set(entry["tokens"]) - set(entry.get("weak", []))
    return not (toks & strong) and bool(toks & set(entry.get("weak", [])))


# ---------------------------------------------------------------- values
def decide(name_kind: str, name_reason: str, st: ValueStats, sql_type: str = "", as_of_year: int | None = None,
           time_clue: str = "", count_clue: str = "") -> tuple[str, str]:
    """Combine name evidence and value evidence into (kind, reason)."""
    del as_of_year
    kind, reason = name_kind, name_reason
    n = st.n
    if n < MIN_VALUES or kind == "password":
        return kind, reason
    stats = describe(st)

    def said(what: str, share: float) -> str:
        return f"{share:.0%} des {n} valeurs lues {what}"

    def keep(extra: str) -> tuple[str, str]:
        return kind, f"{reason} ; {extra}" if reason else extra

    # 1. validated identifiers
    for key, (vkind, what) in VALIDATED.items():
        share = st.share(key)
        if share >= VALUE_SHARE:
            ev = f"{said(what, share)} ; {stats}"
            if kind == vkind or (kind == "staff_email" and vkind == "email"):
                return keep(ev)
            if kind == "hashed_id":
                break
            return vkind, (f"{ev} (le nom « {reason.split('« ')[1].split(' »')[0]} » évoquait un autre type)" if reason else ev)
    # 2. hashes of identifiers
    hashed = st.share("hex") + st.share("b64")
    if hashed >= 0.9:
        ev = f"{said('sont des empreintes (hachage hexadécimal ou base 64)', hashed)} ; {stats}"
        return ("hashed_id", ev if kind != "hashed_id" else f"{reason} ; {ev}")
    # 3. name says an identifier that the values contradict
    if kind in ("nir", "phone", "email", "iban") and n >= 20:
        share = st.share(kind) + (st.share("nir_keyless") if kind == "nir" else 0)
        if share < 0.05:
            if kind == "nir" and st.share("nir_keyless") > 0:
                pass
            else:
                return "other", f"{reason}, mais aucune des {n} valeurs lues n'a la forme attendue ({stats})"
        elif share < VALUE_SHARE:
            return keep(f"{said('ont la forme attendue', share)}")
        if kind == "nir" and st.share("nir_keyless") >= VALUE_SHARE:
            return keep(said("sont des NIR sans clé", st.share("nir_keyless")))
    # 3b. a name read as a recipient's number (« NB_ALLOC »: « alloc » → « allocataire ») that also says a number
    # (« nb »), over whole numbers none of which has a recipient number's form: a number of recipients. Without the
    # count word the name is kept: a local recipient number repeats in a table of contacts as counts do in a table
    if kind == "caf_number" and count_clue and st.share("caf") < 0.05 and st.share("integer") >= 0.6:
        return "count", (f"{reason}, mais aucune des {n} valeurs lues n'a la forme d'un numéro d'allocataire (7 chiffres) et "
                         f"{said('sont des nombres entiers', st.share('integer'))} ({st.distinct} distinctes) ; {count_clue} : "
                         "un effectif, pas un identifiant")
    # 3c. a name read as an address or a birth date (« beneficiaires_domicile », « Naissances ») over plain numbers with
    # no value of that form, and no years (a year of birth is one): counts of a statistics table, not a person's data
    form = {"address": ("address", "adresse"), "birth_date": ("date", "date")}.get(kind)
    if (form and st.share("number") >= 0.6 and st.share(form[0]) < 0.05 and st.share("year_like") < 0.5
            and not (st.share("epoch_s") or st.share("epoch_ms"))
            and (kind == "address" or st.share("small_number") >= 0.6)):  # a spreadsheet's day numbers are dates
        ev = (f"{reason}, mais {said('sont des nombres', st.share('number'))} et aucune n'a la forme d'une {form[1]} "
              f"({st.distinct} distinctes)")
        if count_clue or st.share("integer") >= 0.6:
            return "count", f"{ev} : des effectifs, pas une donnée de la personne" + (f" ; {count_clue}" if count_clue else "")
        return "other", f"{ev} : pas une donnée de la personne"
    # 4. person names told from places, services and organisations
    full, first, sur, org, shape = (st.share("full_name"), st.share("first_name"), st.share("surname"),
                                    st.share("org"), st.share("name_shape"))
    if kind in ("person_name", "first_name") and org >= 0.5:
        return "org_name", (f"{reason}, mais {said('sont des noms de lieux, de services, d’organismes ou de dispositifs', org)} ; {stats}")
    if kind in ("other", "category", "person_name", "first_name", "org_name", "free_text") and org < 0.2 and shape >= 0.8:
        if full >= 0.5:
            ev = f"{said('sont des prénoms suivis d’un nom', full)} ; {stats}"
            return ("person_name", f"{reason} ; {ev}" if kind == "person_name" else ev)
        if first >= 0.5 and st.distinct >= 5:
            ev = f"{said('sont des prénoms', first)} ; {stats}"
            if kind in ("first_name", "person_name"):
                return keep(ev)
            return "first_name", ev
        if sur >= 0.2 and st.distinct_ratio >= 0.2 and st.distinct >= 5 and first < 0.3:
            ev = f"{said('sont des noms de famille courants', sur)}, aucune n’évoque un lieu ou un organisme ; {stats}"
            if kind == "person_name":
                return keep(ev)
            if kind in ("other", "category"):
                return "person_name", ev
    if kind in ("person_name", "first_name") and shape >= 0.8:
        return keep(f"{said('ont la forme de noms propres', shape)} ; {stats}")
    # 5. addresses
    if st.share("address") >= VALUE_SHARE:
        ev = f"{said('sont des adresses postales (numéro et voie)', st.share('address'))} ; {stats}"
        if kind == "address":
            return keep(ev)
        if kind in ("other", "category", "free_text", "city"):
            return "address", ev
    # 6. free text
    if st.share("free_text") >= 0.5:
        ev = f"{said('sont des phrases (texte libre)', st.share('free_text'))}"
        if kind in ("free_text", "judgement_field", "immigration_field"):
            return keep(ev)
        if kind in ("other", "category", "sensitive_category"):
            return "free_text", ev
    # 7. dates
    if st.share("date") >= 0.9:
        if st.birth_like and kind in ("other", "birth_date"):
            ev = f"{said('sont des dates', st.share('date'))}, étalées sur plusieurs décennies et presque toutes antérieures de plus de 16 ans (dates de naissance)"
            return ("birth_date", ev) if kind == "other" else keep(ev)
        if kind == "other":
            return "date", said("sont des dates", st.share("date"))
        if kind in ("birth_date", "date", "closure_date", "departure_date"):
            return keep(said("sont des dates", st.share("date")))
        if kind in NOT_DATES:  # the name said a right, a role, a category... the values say when (« ReadAt »)
            return "date", f"{reason}, mais {said('sont des dates', st.share('date'))}"
    # 7b. integer epoch timestamps: every sampled value in the epoch range, many distinct values,
    # and a clue (a date-like name or a log table): the values decide, the clue only confirms
    for unit, what in (("epoch_s", "secondes"), ("epoch_ms", "millisecondes")):
        if (st.share(unit) >= 1.0 and st.distinct >= EPOCH_MIN_DISTINCT and time_clue
                and kind in ("other", "date", "closure_date", "departure_date", *NOT_DATES)):
            ev = (f"{said(f'sont des instants en {what} depuis 1970 (entre 1990 et 2100)', 1.0)}, "
                  f"{st.distinct} valeurs distinctes ; {time_clue}")
            return ("date", ev) if kind not in ("date", "closure_date", "departure_date") else keep(ev)
    # 8. postal codes
    if st.share("postcode") >= 0.9 and kind in ("other",) and not sql_type.upper().startswith(NUMERIC_TYPES):
        return "postal_code", f"{said('sont des codes postaux (5 chiffres, département valide)', st.share('postcode'))} ; {stats}"
    if kind == "postal_code" and st.share("postcode") >= VALUE_SHARE:
        return keep(said("sont des codes postaux", st.share("postcode")))
    if kind == "caf_number" and st.share("caf") >= VALUE_SHARE:
        return keep(f"{said('ont la forme d’un numéro d’allocataire (7 chiffres)', st.share('caf'))} ; {stats}")
    if kind == "employee_number":
        return keep(stats)
    return kind, reason


# ---------------------------------------------------------------- structure
def _candidates(stem: str) -> set[str]:
    stem = stem.strip("_")
    return {stem, stem + "s", stem.rstrip("s"), stem + "x"}


def _ref_stem(tokens: list[str]) -> str | None:
    if len(tokens) >= 2 and tokens[0] in _REF_PREFIX:
        return "_".join(tokens[1:])
    if len(tokens) >= 2 and tokens[-1] in _REF_SUFFIX:
        return "_".join(tokens[:-1])
    return None


NEVER_TARGET = {"statistics", "access_log", "archive"}
REF_KINDS = ("other", "category", "employee_number", "count", "unit_ref", "org_name", "ref", "sensitive_category")


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
    everywhere: dict[str, str] = {}
    per_schema: dict[str | None, dict[str, str]] = {}
    for t in sorted(cat.tables.values(), key=lambda t: t.name):
        key = "_".join(normalise(t.bare))
        everywhere[key] = t.name
        per_schema.setdefault(t.schema, {})[key] = t.name
    for t in [*cat.tables.values(), *cat.views.values()]:
        # a reference names a table of its own schema first, then of any schema
        by_norm = {**everywhere, **per_schema.get(t.schema, {})}
        for c in t.columns.values():
            if c.from_policy:
                continue
            if c.name in t.primary_key:
                if c.kind not in DIRECT_IDENTIFIER_KINDS and c.kind not in ("login", "hashed_id"):
                    c.kind, c.reason = "primary_key", "clé primaire de la table"
                continue
            if c.kind not in REF_KINDS:
                continue
            low = c.name.lower()
            target = None
            how = ""
            if low in pk_owner and pk_owner[low] != t.name:
                target = pk_owner[low]
                how = f"même nom que la clé de la table « {target} »"
            else:
                stem = _ref_stem(normalise(c.name))
                if stem:
                    for cand in _candidates(stem):
                        if cand in by_norm and by_norm[cand] != t.name:
                            target = by_norm[cand]
                            break
                    if target is None:
                        for norm_name, real in by_norm.items():
                            if real != t.name and cat.tables[real].role not in NEVER_TARGET and (
                                norm_name.startswith(stem + "_") or norm_name.endswith("_" + stem)
                            ):
                                target = real
                                break
                    if target is not None and (cat.tables[target].role in NEVER_TARGET
                                               or (c.kind == "unit_ref" and cat.tables[target].role != "units")):
                        target = None
                    how = f"le nom « {c.name} » désigne la table « {target} »" if target else ""
                    if target is None and c.kind in ("other", "category", "count", "ref"):
                        stoks = normalise(stem)
                        if stem in STAFF_WORDS or any(s in stoks for s in STAFF_WORDS):
                            c.kind, c.reason = "staff_ref", f"nom de colonne « {c.name} » (désigne un professionnel)"
                            continue
                        if stem in HIERARCHY_WORDS or any(s in stoks for s in HIERARCHY_WORDS):
                            c.kind, c.reason = "hierarchy_ref", f"nom de colonne « {c.name} » (désigne un supérieur hiérarchique)"
                            continue
            if target is None and low in unit_columns and unit_columns[low] != t.name and c.kind in ("other", "category", "unit_ref"):
                target = unit_columns[low]
                how = f"même nom qu'une colonne de la table d'unités « {target} »"
            if target is None:
                if c.kind == "other" and "_".join(normalise(c.name)) == "id":
                    c.kind, c.reason = "primary_key", "colonne « id »"
                continue
            role = cat.tables[target].role
            kind = {"persons": "person_ref", "staff": "staff_ref", "units": "unit_ref", "case_file": "case_ref"}.get(role, "ref")
            if c.kind == "employee_number" and (t.role in ("statistics", "persons", "staff") or kind != "person_ref"):
                # a matricule stays a direct identifier; the link is kept as its target
                c.target = target
                c.reason = f"{c.reason} ; {how}" if c.reason else how
                continue
            if c.kind in ("org_name",) and kind not in ("unit_ref", "ref"):
                continue
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
    texty = "free_text" in kinds or "judgement_field" in kinds
    if t.role == "statistics" and texty and _weak_statistics_name(t.bare):
        t.role = "case_file"
        t.reason = f"{t.reason}, mais contenu : colonnes de texte libre ou d'évaluation (écrits sur une personne)"
        return
    if (t.role in ("other", "persons", "staff") and "password" in kinds) or (t.role == "other" and len(staff_signals) >= 2):
        if t.role != "staff":
            t.role = "staff"
            t.reason = "contenu : colonnes d'identifiant de connexion, de mot de passe ou de rôle"
        return
    keyish = {"primary_key", "person_ref", "staff_ref", "case_ref", "ref", "hashed_id", "unit_ref", "employee_number", "caf_number"}
    if t.role == "persons" and not person_signals and not texty and not t.primary_key and not set(kinds) & keyish \
            and set(kinds) & (STAT_DIM_KINDS - {"unit_ref", "org_name"}) and len(t.columns) >= 2:
        # a persons table by its name only (« pop_beneficiaires_sexe_age »): no identity column by the values, no key
        # to tell one person from another, only categories (age band, sex...): counts of persons, not persons
        t.role = "other"
        t.reason = (f"{t.reason}, mais contenu : aucune colonne d'identité ni clé, seulement des catégories "
                    f"({', '.join(c.name for c in t.columns.values() if c.kind in STAT_DIM_KINDS)[:80]}) : pas une table de personnes")
    if t.role == "other" and len(person_signals) >= 2 and person_signals & {"person_name", "first_name", "nir", "birth_date"}:
        t.role = "persons"
        t.reason = "contenu : colonnes d'identité (" + ", ".join(sorted(COLUMN_KIND_LABELS[k] for k in person_signals)) + ")"
        return
    if t.role == "other":
        counts = [c.name for c in t.columns.values() if c.kind == "count"]
        dims = [c.name for c in t.columns.values() if c.kind in STAT_DIM_KINDS]
        qis = {c.kind for c in t.columns.values() if c.kind in QUASI_IDENTIFIER_KINDS}
        if counts and len(dims) >= 2 and not texty and not person_signals:
            t.role = "statistics"
            t.reason = (f"forme : des catégories ({', '.join(dims[:4])}{'…' if len(dims) > 4 else ''}) "
                        f"et des effectifs ({', '.join(counts[:2])}) : tableau agrégé")
            return
        if len(qis) >= 3 and not texty and not person_signals and not t.primary_key:
            t.role = "statistics"
            t.reason = "forme : uniquement des caractéristiques des personnes (" + ", ".join(sorted(COLUMN_KIND_LABELS[k] for k in qis)) + "), sans clé : extraction ligne à ligne"
            return
        if texty:
            t.role = "case_file"
            t.reason = "contenu : colonnes de texte libre ou d'évaluation"


def _contextualise(t: TableInfo) -> None:
    """Adjust kinds that depend on the table's role (a site's own name, a work e-mail)."""
    kinds = {c.kind for c in t.columns.values()}
    organisation = "org_name" in kinds and not kinds & {"person_name", "first_name", "nir", "birth_date"} and t.role in ("other", "third_parties", "units")
    for c in t.columns.values():
        if c.from_policy:
            continue
        toks = normalise(c.name)
        if organisation and t.role != "units" and c.kind in ("address", "phone", "email"):
            c.kind, c.reason = "site_contact", f"{c.reason} ; dans une table d'organismes (colonne de raison sociale, aucun nom de personne) : coordonnées d'un organisme"
        elif t.role == "units":
            if c.kind in ("person_name", "first_name", "category") and set(toks) <= {"nom", "name", "libelle", "lib", "intitule", "raison", "sociale", "denomination"}:
                c.kind, c.reason = "org_name", f"colonne « {c.name} » d'une table de sites et unités : nom du site ou du service"
            elif c.kind == "unit_ref" and not c.target and set(toks) & {"nom", "name", "libelle", "lib"}:
                c.kind, c.reason = "org_name", f"colonne « {c.name} » d'une table de sites et unités : nom du site ou du service"
            elif c.kind in ("address", "phone", "email"):
                c.kind, c.reason = "site_contact", f"{c.reason} ; dans une table de sites et unités : coordonnées du site, non d'une personne"
        elif t.role in ("case_file", "statistics", "rights_requests") and c.kind == "permission_object":
            c.kind, c.reason = "sensitive_category", f"{c.reason} ; dans une table « {t.label} » : objet de la demande ou de l'entretien"
        elif t.role == "staff" and c.kind == "email":
            c.kind, c.reason = "staff_email", f"{c.reason} ; dans la table des personnels : adresse professionnelle"
        elif t.role in ("persons", "statistics", "case_file", "third_parties") and c.kind == "staff_email":
            c.kind, c.reason = "email", f"{c.reason} ; adresse d'une personne accompagnée (table « {t.label} »)"


def statistics_shape(t: TableInfo) -> tuple[str, str]:
    """('aggregated' | 'microdata', French reason) for a statistics table."""
    counts = [c.name for c in t.columns.values() if c.kind == "count"]
    links = [c.name for c in t.columns.values() if c.kind in DIRECT_IDENTIFIER_KINDS or c.kind in ("person_ref", "hashed_id", "case_ref")]
    if counts and not links:
        return "aggregated", f"tableau agrégé : chaque ligne est une case, l'effectif est dans « {counts[0]} »"
    if counts:
        return "microdata", (f"données ligne à ligne : malgré la colonne de comptage « {counts[0]} », "
                             f"chaque ligne désigne une personne ou un dossier ({', '.join(links[:3])})")
    return "microdata", "données ligne à ligne : aucune colonne d'effectif, chaque ligne décrit une personne ou une demande"


# ---------------------------------------------------------------- build
def _int_key(cols: list[dict[str, Any]], pk: list[str]) -> bool:
    if len(pk) != 1:
        return False
    for c in cols:
        if c["name"] == pk[0]:
            return str(c["type"]).upper().startswith(("INT", "BIGINT", "SMALLINT", "SERIAL"))
    return False


def build_catalog(
    source: Source,
    overrides: dict[str, dict[str, Any]] | None = None,
    sample_size: int = DEFAULT_SAMPLE,
    policy_file: str | None = None,
    on_table: Any = None,
    model: dict[str, Any] | None | bool = None,
) -> Catalog:
    """Inspect every table of ``source``; apply the policy's ``overrides`` last."""
    overrides = overrides or {}
    insp = sa.inspect(source.engine)
    cat = Catalog(sample_size=sample_size)
    relations = source.relations()
    names_ = [r.name for r in relations]
    reads = source.perimeter().view_reads
    for name in overrides:
        if name not in names_:
            raise PolicyError(
                f"La politique{f' ({policy_file})' if policy_file else ''} cite la table « {name} », "
                "absente de la source : corrigez ce nom ou retirez la section."
            )
    year = _dt.date.today().year
    for rel in relations:
        name = rel.name
        info = TableInfo(name=name, schema=rel.schema, table=rel.table, sql_schema=rel.sql_schema, kind=rel.kind,
                         reads=list(reads.get(name, [])))
        (cat.views if rel.is_view else cat.tables)[name] = info
        try:
            cols = insp.get_columns(rel.table, schema=rel.sql_schema)
            pk = (insp.get_pk_constraint(rel.table, schema=rel.sql_schema) or {}) if not rel.is_view else {}
            info.primary_key = list(pk.get("constrained_columns") or [])
            for c in cols:
                kind, reason = kind_from_name(c["name"])
                info.columns[c["name"]] = ColumnInfo(name=c["name"], sql_type=str(c["type"]), kind=kind, reason=reason)
            with source.engine.connect() as conn:
                info.rows = conn.execute(sa.select(sa.func.count()).select_from(
                    sa.table(rel.table, schema=rel.sql_schema))).scalar_one()
            if info.columns and info.rows:
                sample = sample_table(source.engine, rel.table, list(info.columns), sample_size, info.rows,
                                      info.primary_key, _int_key(cols, info.primary_key), schema=rel.sql_schema)
                info.sample_rows, info.sample_method = sample.rows, sample.method
                for cname, values in sample.values.items():
                    col = info.columns[cname]
                    st = value_stats(values, year)
                    col.sampled, col.distinct, col.avg_length = st.n, st.distinct, round(st.avg_length, 1)
                    col.kind, col.reason = decide(col.kind, col.reason, st, col.sql_type,
                                                  time_clue=time_clue(cname, col.kind, rel.table), count_clue=count_clue(cname))
        except sa.exc.SQLAlchemyError as exc:
            info.error = _table_error(exc)
        role, reason = role_from_name(rel.table)
        info.role, info.reason = role, reason
        _refine_role(info)
        if info.role == "other" and (getattr(source, "table_meta", {}).get(name) or {}).get("crosstab"):
            info.role, info.reason = "statistics", "forme : tableau croisé d'effectifs lu dans un classeur (étiquettes en ligne et en colonne)"
        if on_table is not None:
            on_table(name)
    _resolve_refs(cat)
    for t in [*cat.tables.values(), *cat.views.values()]:
        _contextualise(t)
    _apply_overrides(cat, overrides, policy_file)
    for t in [*cat.tables.values(), *cat.views.values()]:
        if t.role == "statistics":
            t.stat_shape, why = statistics_shape(t)
            t.reason = f"{t.reason} ; {why}" if t.reason else why
    if model is not False:
        from auditor.model import resolve

        resolve(source.engine, cat, model or None)
    return cat


_TABLE_ERROR = {
    "timeout": "lecture interrompue : délai maximal de requête dépassé",
    "denied": "lecture refusée par la base (droits insuffisants du compte d'audit)",
    "other": "table illisible par le compte d'audit",
}


def _table_error(exc: Exception) -> str:
    return _TABLE_ERROR[db_error_kind(exc)]


def _apply_overrides(cat: Catalog, overrides: dict[str, dict[str, Any]], policy_file: str | None) -> None:
    where = f" ({policy_file})" if policy_file else ""
    for tname, spec in overrides.items():
        t = cat.relation(tname)
        assert t is not None
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
