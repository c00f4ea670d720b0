"""findings.json, valid against the shipped copy of the contract's schema.

Fields beyond the contract are additions (the contract allows adding):
``as_of``, ``audit_number``, per-finding ``subject``, ``why``, ``details`` and
``pia``, and top-level ``excerpts``, ``skipped``, ``accepted_exceptions``, ``baseline``
(ids that are new, resolved, persisting, unchecked or accepted since the
earlier audit) and ``baseline_of`` (which earlier audit that was).
"""

from __future__ import annotations

import json
from typing import Any

from auditor.findings import AuditResult


def to_dict(result: AuditResult) -> dict[str, Any]:
    """The JSON document as a dict."""
    doc: dict[str, Any] = {
        "schema_version": 1,
        "tool": {"name": "auditor", "version": result.tool_version},
        "source": {
            "kind": result.source.kind,
            "display": result.source.display,
            "fingerprint": result.source.fingerprint,
        },
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "as_of": result.as_of,
        "audit_number": result.audit_number,
        "checks_run": list(result.checks_run),
        "summary": result.summary(),
        "findings": [
            {
                "id": f.id,
                "check": f.check,
                "rule": f.rule,
                "severity": f.severity.value,
                "title": f.title,
                "location": {"table": f.table, "column": f.column},
                "subject": f.subject,
                "affected": f.affected,
                "total": f.total,
                "evidence": [{"record": e.record, "excerpt": e.excerpt} for e in f.evidence],
                "references": list(f.references),
                "recommendation": f.recommendation,
                "why": f.why,
                "details": f.details,
                "pia": f.pia,
            }
            for f in result.sorted_findings()
        ],
        "skipped": [{"object": t, "reason": r} for t, r in result.skipped],
        "accepted_exceptions": result.policy_info.get("accepted_exceptions", []),
        # true when the evidence quotes redacted excerpts of the free text (scan --extraits)
        "excerpts": bool(result.policy_info.get("excerpts", False)),
    }
    if result.baseline is not None:
        doc["baseline"] = result.baseline
        info = result.baseline_info
        doc["baseline_of"] = {
            "audit_number": info.get("audit_number", ""),
            "started_at": info.get("started_at", ""),
            "as_of": info.get("as_of", ""),
            "source_fingerprint": info.get("source_fingerprint", ""),
            "same_data": bool(info.get("same_data", False)),
        }
    return doc


def render(result: AuditResult) -> bytes:
    """findings.json bytes (UTF-8, fields in a fixed order for stable diffs)."""
    return (json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
