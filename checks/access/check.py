"""Access check: who can read what, who did read what, and who should not.

The rules live in several modules of this folder, all bound to the one rule
book of ``rules.toml``:

- ``rules_app``: the application's rights (perimeter, exposure ratio, employer
  and hierarchy, status-blind staff, rights requests through the hierarchy,
  differences with the policy's declared intent);
- ``rules_accounts``: generic accounts, accounts left active, stored passwords;
- ``rules_log``: the access log (unexplained reads, browsing, reads after
  departure, missing logs), computed in SQL in the source engine;
- ``rules_db``: the engine's own rights (PostgreSQL grants, row-level security,
  ownership, default privileges; MySQL/MariaDB wide grants; SQLite file mode).

``model`` resolves the application's permission model once per run.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.context import CheckContext
from auditor.findings import Finding
from checks.access import rules_accounts, rules_app, rules_db, rules_log  # noqa: F401  (binds the rules)
from checks.access.base import BOOK
from checks.access.model import build_model


def describe(ctx: CheckContext) -> dict:
    """What the access check understood of the application (for ``auditor inspect``)."""
    m = build_model(ctx)
    return {
        "persons": m.persons.name if m.persons else None,
        "person_unit_column": m.person_unit,
        "units": m.units.name if m.units else None,
        "unit_region_column": m.unit_region,
        "staff": m.staff.table.name if m.staff else None,
        "staff_columns": {k: getattr(m.staff, k) for k in ("pk", "role", "unit", "active", "departure", "login", "password")}
        if m.staff else {},
        "assignments": [{"table": a.table, "staff": a.staff_col, "person": a.person_col, "unit": a.unit_col,
                         "start": a.start, "end": a.end}
                        for a in m.assignments],
        "case_tables": sorted(t.name for t in m.case_tables.values()),
        "consultation_fact_tables": sorted(t.name for t in m.fact_tables.values()),
        "workplace": m.workplace,
        "workplace_reason": m.workplace_reason,
        "roles": {r: {"family": m.family(r), "accounts": n, "active": a,
                      **({"family_reason": m.learnt_families[r][1]} if r in m.learnt_families else {})}
                  for r, (n, a) in sorted(m.roles.items())},
        "grants": [{"table": g.table, "role": g.role, "object": g.obj, "scope": g.scope, "level": g.level} for g in m.grants],
    }


class AccessCheck:
    """The access check as registered in ``auditor.checks``."""

    info = BOOK.info
    describe = staticmethod(describe)

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = AccessCheck()
