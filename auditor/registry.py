"""Checks as plugins: the ``auditor.checks`` entry-point group.

Built-in checks register exactly like an outside package would. Each entry
point is loaded on its own, so a broken plugin is reported in one sentence and
skipped; a missing built-in is an installation error.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Protocol

from auditor.errors import CheckError
from auditor.findings import Finding, Severity
from auditor.resources import package_file

if TYPE_CHECKING:
    from auditor.context import CheckContext

GROUP = "auditor.checks"
BUILTIN = ("access", "nominative", "subjective", "retention")
NAME_RE = re.compile(r"^[a-z][a-z0-9_.-]*$")


@dataclass(frozen=True)
class RuleInfo:
    """Metadata of one rule, from the check's ``rules.toml``."""

    id: str
    title: str
    severity: Severity
    references: tuple[str, ...]
    recommendation: str
    why: str = ""
    feared_event: str = ""
    since: str = "0.1.0"
    # the finding records events that happened (read in an access log): the feared event has
    # occurred, so its likelihood in the PIA is the highest whatever the share of the log
    observed: bool = False


@dataclass(frozen=True)
class CheckInfo:
    """Metadata of one check."""

    name: str
    title: str
    question: str
    description: str
    rules: dict[str, RuleInfo]
    options: dict[str, Any] = field(default_factory=dict)


class Check(Protocol):
    """What a check provides: its metadata and a ``run`` that yields findings."""

    info: CheckInfo

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        """Yield the findings of this check for the audited source."""
        ...


@lru_cache(maxsize=1)
def references() -> dict[str, dict[str, str]]:
    """The canonical references (``references.toml``): key -> citation data."""
    with package_file("references.toml").open("rb") as fh:
        return tomllib.load(fh)


def validate(check: Any, name: str) -> None:
    """Raise CheckError if a check's metadata is incomplete or cites unknown references."""
    info = getattr(check, "info", None)
    if not isinstance(info, CheckInfo) or not callable(getattr(check, "run", None)):
        raise CheckError(f"Le contrôle « {name} » est mal formé (info ou run manquant) : réinstallez le paquet qui le fournit.")
    if not NAME_RE.match(info.name):
        raise CheckError(f"Le contrôle « {name} » a un nom invalide : « {info.name} ».")
    refs = references()
    for rule in info.rules.values():
        if not rule.id.startswith(info.name + "."):
            raise CheckError(f"La règle {rule.id} n'est pas préfixée par le nom du contrôle {info.name}.")
        missing = [r for r in rule.references if r not in refs]
        if missing or not rule.references:
            raise CheckError(f"La règle {rule.id} cite des références inconnues ou aucune : {missing}.")


def load_checks() -> dict[str, Check]:
    """Every check registered in the entry-point group, validated, by name."""
    found: dict[str, Check] = {}
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            check = ep.load()
        except Exception as exc:  # noqa: BLE001 - one broken plugin must not stop the others
            if ep.name in BUILTIN:
                raise CheckError(
                    f"Le contrôle intégré « {ep.name} » ne peut pas être chargé ({exc.__class__.__name__}) : "
                    "réinstallez auditor (pip install .)."
                ) from exc
            continue
        validate(check, ep.name)
        found[check.info.name] = check
    missing = [b for b in BUILTIN if b not in found]
    if missing:
        raise CheckError(
            f"Contrôles intégrés introuvables ({', '.join(missing)}) : le paquet n'est pas installé, lancez « pip install . »."
        )
    return found


def select(available: dict[str, Check], names: list[str] | None) -> list[Check]:
    """The checks named (all, in built-in order then others, when ``names`` is None)."""
    if not names:
        order = [n for n in BUILTIN if n in available] + sorted(n for n in available if n not in BUILTIN)
        return [available[n] for n in order]
    unknown = [n for n in names if n not in available]
    if unknown:
        raise CheckError(
            f"Contrôle inconnu : {', '.join(unknown)} ; contrôles disponibles : {', '.join(sorted(available))}."
        )
    return [available[n] for n in names]
