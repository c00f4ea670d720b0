"""The policy: built-in defaults merged with the user's TOML file.

One pure function (:func:`merge`) merges the layers: ``defaults.toml`` then the
``--policy`` file; command-line flags are applied last by the API. Unknown keys
are errors that name the file and the line.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import PolicyError
from auditor.resources import package_file

TOP_LEVEL = {"audit", "thresholds", "access", "retention", "tables", "checks", "rules", "exceptions", "subjective", "nominative",
             "model"}
MODEL_KEYS = {"persons", "staff", "units", "links", "read_actions", "roles", "role_members", "scopes", "log_objects", "groups", "log_paths"}
SCOPE_LEVELS = ("all", "region", "unit", "caseload", "unknown")
RETENTION_KEYS = {"label", "period_months", "trigger", "action", "reference", "basis", "tables", "confirmed"}
TRIGGERS = {"last_contact", "contact", "closure", "creation", "event", "departure", "end_of_measure"}
ACTIONS = {"delete", "anonymise", "archive", "archive_or_delete", "flag_only", "disable"}
SEVERITIES = {"critical", "high", "medium", "low", "info"}


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: tables are merged key by key, anything else in ``over`` replaces ``base``."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*(\[\[?[^\]\n]*\b{re.escape(key)}\b[^\]\n]*\]\]?|\"?{re.escape(key)}\"?[ \t]*=)", re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


@dataclass
class Policy:
    """Merged policy. ``data`` holds every section; ``user_keys`` what the user's file set."""

    data: dict[str, Any]
    path: Path | None = None
    user: dict[str, Any] = field(default_factory=dict)

    @property
    def audit(self) -> dict[str, Any]:
        """[audit] section."""
        return self.data.get("audit", {})

    @property
    def thresholds(self) -> dict[str, Any]:
        """[thresholds] section."""
        return self.data.get("thresholds", {})

    @property
    def tables(self) -> dict[str, Any]:
        """[tables] overrides for the catalog."""
        return self.data.get("tables", {})

    def section(self, name: str) -> dict[str, Any]:
        """Any top-level section, empty when absent."""
        value = self.data.get(name, {})
        return value if isinstance(value, dict) else {}

    def retention_category(self, key: str) -> dict[str, Any] | None:
        """A retention category, with ``from_policy`` telling whether the user set it."""
        cat = self.section("retention").get(key)
        if cat is None:
            return None
        out = dict(cat)
        out["key"] = key
        out["from_policy"] = key in self.user.get("retention", {})
        return out

    def rule_override(self, rule_id: str) -> dict[str, Any]:
        """[rules."<id>"] settings (severity, enabled)."""
        return self.section("rules").get(rule_id, {})

    def exceptions(self) -> list[dict[str, Any]]:
        """Accepted exceptions recorded by the DPO."""
        value = self.data.get("exceptions", [])
        return value if isinstance(value, list) else []

    def as_of(self) -> dt.date | None:
        """[audit] as_of date, if set."""
        raw = self.audit.get("as_of")
        if raw is None:
            return None
        if isinstance(raw, dt.date):
            return raw
        return dt.date.fromisoformat(str(raw))


def load_defaults() -> dict[str, Any]:
    """The shipped defaults."""
    with package_file("defaults.toml").open("rb") as fh:
        return tomllib.load(fh)


def load_policy(path: Path | None) -> Policy:
    """Defaults merged with the user's file; raise PolicyError (file and line) if invalid."""
    defaults = load_defaults()
    if path is None:
        return Policy(data=defaults)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(f"Le fichier de politique {path} n'existe pas : vérifiez le chemin donné à --policy.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"Le fichier de politique {path} est illisible ({exc.__class__.__name__}) : enregistrez-le en UTF-8.") from None
    try:
        user = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = f", ligne {m.group(1)}" if m else ""
        raise PolicyError(
            f"Le fichier de politique {path}{line} n'est pas du TOML valide ({str(exc).split(' (at')[0]}) : corrigez la syntaxe."
        ) from None
    validate(user, text, path)
    return Policy(data=merge(defaults, user), path=path, user=user)


def validate(user: dict[str, Any], text: str, path: Path) -> None:
    """Check keys and values of the user's policy; raise PolicyError with file and line."""

    def fail(key: str, what: str) -> None:
        line = _line_of(text, key)
        where = f"{path}, ligne {line}" if line else str(path)
        raise PolicyError(f"Politique invalide ({where}) : {what}")

    for key in user:
        if key not in TOP_LEVEL:
            fail(key, f"la section « {key} » est inconnue ; sections possibles : {', '.join(sorted(TOP_LEVEL))}.")
    audit = user.get("audit", {})
    if "fail_on" in audit and audit["fail_on"] not in SEVERITIES:
        fail("fail_on", f"fail_on vaut « {audit['fail_on']} » ; choisissez parmi {', '.join(sorted(SEVERITIES))}.")
    if "service" in audit:
        from auditor.organisation import POLICY_VALUES

        if audit["service"] not in POLICY_VALUES:
            fail("service", f"service vaut « {audit['service']} » ; choisissez parmi {', '.join(POLICY_VALUES)} "
                            "(service_social_travail : service social d'entreprise ; ccas : CCAS ou CIAS).")
    if "extraits" in audit and not isinstance(audit["extraits"], bool):
        fail("extraits", "extraits vaut true (extraits expurgés des écrits dans le rapport, à ne pas diffuser) ou false (défaut).")
    if "as_of" in audit:
        try:
            raw = audit["as_of"]
            if not isinstance(raw, dt.date):
                dt.date.fromisoformat(str(raw))
        except ValueError:
            fail("as_of", "as_of doit être une date au format AAAA-MM-JJ.")
    for key in ("schemas", "exclude_schemas"):
        if key in audit and (not isinstance(audit[key], list) or not all(isinstance(x, str) and x for x in audit[key])):
            fail(key, f"{key} doit être une liste de noms de schémas, par exemple {key} = [\"social\", \"stats\"].")
    if "all_databases" in audit and not isinstance(audit["all_databases"], bool):
        fail("all_databases", "all_databases doit valoir true ou false.")
    for key, value in user.get("thresholds", {}).items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            fail(key, f"le seuil {key} doit être un nombre positif.")
    for cat, spec in user.get("retention", {}).items():
        if not isinstance(spec, dict):
            fail(cat, f"la catégorie de conservation {cat} doit être une section [retention.{cat}].")
        for k in spec:
            if k not in RETENTION_KEYS:
                fail(k, f"la clé « {k} » de [retention.{cat}] est inconnue ; clés possibles : {', '.join(sorted(RETENTION_KEYS))}.")
        if "period_months" in spec and (not isinstance(spec["period_months"], int) or spec["period_months"] < 0):
            fail("period_months", f"period_months de [retention.{cat}] doit être un nombre entier de mois.")
        if "trigger" in spec and spec["trigger"] not in TRIGGERS:
            fail("trigger", f"trigger de [retention.{cat}] doit être l'un de : {', '.join(sorted(TRIGGERS))}.")
        if "action" in spec and spec["action"] not in ACTIONS:
            fail("action", f"action de [retention.{cat}] doit être l'une de : {', '.join(sorted(ACTIONS))}.")
    for rule_id, spec in user.get("rules", {}).items():
        if not isinstance(spec, dict):
            fail(rule_id, f"[rules.\"{rule_id}\"] doit être une section.")
        sev = spec.get("severity")
        if sev is not None and sev not in SEVERITIES:
            fail("severity", f"la gravité « {sev} » de la règle {rule_id} est inconnue ; choisissez parmi {', '.join(sorted(SEVERITIES))}.")
    exceptions = user.get("exceptions", [])
    if not isinstance(exceptions, list):
        fail("exceptions", "exceptions doit être une liste de tables [[exceptions]].")
    for exc in exceptions:
        if "id" not in exc and "rule" not in exc:
            fail("exceptions", "chaque [[exceptions]] doit indiquer l'identifiant du constat (id) ou la règle (rule).")
        if not exc.get("reason"):
            fail("exceptions", "chaque [[exceptions]] doit donner sa justification (reason).")
    model = user.get("model", {})
    if not isinstance(model, dict):
        fail("model", "[model] doit être une section.")
    for k, v in model.items():
        if k not in MODEL_KEYS:
            fail(k, f"la clé « {k} » de [model] est inconnue ; clés possibles : {', '.join(sorted(MODEL_KEYS))}.")
        if k == "read_actions":
            if not isinstance(v, list) or not all(isinstance(x, (str, int)) for x in v):
                fail(k, "[model] read_actions doit être une liste des codes d'action qui sont des lectures, par exemple [\"L\"].")
        elif k == "scopes":
            if not isinstance(v, dict) or not all(isinstance(x, str) and x in SCOPE_LEVELS for x in v.values()):
                fail(k, "[model.scopes] associe chaque filtre à un périmètre parmi "
                        f"{', '.join(SCOPE_LEVELS)}, par exemple \"[(1, '=', 1)]\" = \"all\".")
        elif k == "log_objects":
            if not isinstance(v, dict) or not all(isinstance(x, dict) and isinstance(x.get("column"), str)
                                                  and isinstance(x.get("values"), list) and x["values"]
                                                  and all(isinstance(y, (str, int)) for y in x["values"]) for x in v.values()):
                fail(k, "[model.log_objects] doit donner pour chaque journal générique la colonne du type d'objet et ses valeurs "
                        "qui désignent le dossier d'une personne, par exemple \"journal\" = { column = \"content_type_id\", values = [7] }.")
        elif k == "log_paths":
            if not isinstance(v, dict) or not all(isinstance(x, dict) and isinstance(x.get("column"), str) and isinstance(x.get("prefix"), str)
                                                  and x["prefix"] and isinstance(x.get("length"), int) and x["length"] > 0
                                                  for x in v.values()):
                fail(k, "[model.log_paths] doit donner pour chaque journal la colonne qui contient la clé de la personne, le début "
                        "des lignes qui la portent et sa longueur, par exemple \"acces\" = { column = \"url\", prefix = \"/dossiers/\", length = 13 }.")
        elif k == "groups":
            if not isinstance(v, dict) or not all(isinstance(x, str) and "." in x for x in v.values()):
                fail(k, "[model.groups] doit donner pour chaque table de groupes (foyers, familles) la colonne des personnes "
                        "qui la désigne, par exemple \"foyer\" = \"membre.id_foyer\".")
        elif k != "links" and not isinstance(v, str):
            fail(k, f"[model] {k} doit être le nom d'une table, entre guillemets.")
    links = model.get("links", {})
    if not isinstance(links, dict):
        fail("links", "[model.links] doit être une section de lignes \"table.colonne\" = \"table.colonne\".")
    for src, dst in links.items():
        if "." not in src or not isinstance(dst, str) or "." not in dst:
            fail(src, f"[model.links] « {src} » doit s'écrire \"table.colonne\" = \"table_cible.colonne\".")
    for tname, spec in user.get("tables", {}).items():
        if not isinstance(spec, dict):
            fail(tname, f"[tables.\"{tname}\"] doit être une section.")
        for k in spec:
            if k not in {"role", "columns", "retention", "ignore"}:
                fail(k, f"la clé « {k} » de [tables.\"{tname}\"] est inconnue ; clés possibles : role, columns, retention, ignore.")
