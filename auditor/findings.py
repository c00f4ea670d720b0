"""The one result type: findings, their evidence, and the whole audit result.

Findings are frozen, built with redacted evidence only, identified stably
(a hash of check, rule and location, never of counts, times or row order)
and ordered deterministically.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """Severity levels of the contract, most severe first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical ... 4 for info."""
        return _RANK[self]

    @property
    def label_fr(self) -> str:
        """French label for reports."""
        return _LABEL_FR[self]

    def at_least(self, other: Severity) -> bool:
        """True when this severity is ``other`` or more severe."""
        return self.rank <= other.rank


_RANK = {Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 2, Severity.LOW: 3, Severity.INFO: 4}
_LABEL_FR = {
    Severity.CRITICAL: "critique",
    Severity.HIGH: "élevée",
    Severity.MEDIUM: "moyenne",
    Severity.LOW: "faible",
    Severity.INFO: "information",
}


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a keyed pseudonym of a record and a redacted excerpt."""

    record: str | None
    excerpt: str


@dataclass(frozen=True)
class Finding:
    """One problem found by a check.

    ``subject`` completes the location when a rule can fire several times on the
    same table and column (a role name, a category, a rule variant). It is part
    of the stable id, so it must never be derived from a person's data.
    """

    check: str
    rule: str
    severity: Severity
    title: str
    table: str | None
    column: str | None
    affected: int | None
    total: int | None
    evidence: tuple[Evidence, ...] = ()
    references: tuple[str, ...] = ()
    recommendation: str = ""
    subject: str | None = None
    why: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    pia: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        """Stable identifier: sha256 of check, rule and location (no counts, no times)."""
        key = "\x1f".join(
            [self.check, self.rule, self.table or "", self.column or "", self.subject or ""]
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple[Any, ...]:
        """Deterministic order: severity, check, rule, location."""
        return (
            self.severity.rank,
            self.check,
            self.rule,
            self.table or "",
            self.column or "",
            self.subject or "",
        )


@dataclass(frozen=True)
class SourceInfo:
    """What was audited, as it may be shown (password masked)."""

    kind: str
    display: str
    fingerprint: str


@dataclass(frozen=True)
class TableSummary:
    """A table as understood by the catalog, for the report's description."""

    name: str
    role: str
    role_label: str
    role_reason: str
    rows: int | None
    columns: tuple[tuple[str, str], ...]  # (column name, kind)


@dataclass
class AuditResult:
    """Everything the renderers need, and nothing else."""

    tool_version: str
    source: SourceInfo
    started_at: str
    finished_at: str
    checks_run: list[str]
    findings: list[Finding]
    as_of: str
    tables: list[TableSummary] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (table, reason in French)
    policy_info: dict[str, Any] = field(default_factory=dict)
    rules_info: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> metadata
    references: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> citation data
    baseline: dict[str, list[str]] | None = None  # new / resolved / persisting ids
    baseline_resolved: list[dict[str, Any]] = field(default_factory=list)
    commanditaire: str | None = None
    audit_number: str = ""
    # check name -> {"title", "question", "description"} (from each check's metadata)
    checks_info: dict[str, dict[str, str]] = field(default_factory=dict)
    # the earlier audit a baseline was taken from: audit_number, started_at, as_of,
    # source display and fingerprint, "previous" (id -> severity, affected, total)
    # and "unchecked" / "accepted" finding dicts (see api.apply_baseline)
    baseline_info: dict[str, Any] = field(default_factory=dict)
    # the report names the audited file by its name and fingerprint only; its full path on the auditor's
    # machine goes to the method annex only when asked (scan --show-source-path)
    show_source_path: bool = False

    def sorted_findings(self) -> list[Finding]:
        """Findings in deterministic order."""
        return sorted(self.findings, key=Finding.sort_key)

    def summary(self) -> dict[str, int]:
        """Count of findings per severity, every level present."""
        counts = {s.value: 0 for s in Severity}
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    def worst(self) -> Severity | None:
        """Most severe level found, or None when there is no finding."""
        if not self.findings:
            return None
        return min((f.severity for f in self.findings), key=lambda s: s.rank)
