"""The access check's rule book and small helpers shared by its rule modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.check import RuleBook
from auditor.sqlutil import epoch_day

BOOK = RuleBook(Path(__file__).parent)


def plural(n: int | None, one: str, many: str | None = None) -> str:
    """'1 compte', '3 comptes'."""
    n = int(n or 0)
    return f"{n} {one if n <= 1 else (many or one + 's')}"


def tables_fr(names: list[str] | tuple[str, ...], de: bool = False) -> str:
    """Table names as names: « la table « demande » », « les tables « demande » et « entretien » »;
    with ``de``: « de la table « demande » », « des tables « demande » et « entretien » »."""
    quoted = [f"« {n} »" for n in names]
    if not quoted:
        return ""
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " et " + quoted[-1]
    if len(quoted) == 1:
        return f"{'de ' if de else ''}la table {listed}"
    return f"{'des' if de else 'les'} tables {listed}"


def fmt_share(part: int, whole: int) -> str:
    """'12,5 %' (French decimal comma)."""
    if not whole:
        return "0 %"
    return f"{100 * part / whole:.1f} %".replace(".", ",")


def day_text(col: Any) -> Any:
    """'YYYY-MM-DD' from a DATE, TIMESTAMP, ISO text or dd/mm/yyyy text column; NULL otherwise.

    Deliberately small (a few ``LIKE`` and ``substr``): it runs on every line
    of the access log, and SQLite's parser limits expression depth.
    """
    t = sa.cast(col, sa.Text)
    return sa.case(
        (t.like("____-__-__%"), sa.func.substr(t, 1, 10)),
        (t.like("__/__/____%"), sa.func.substr(t, 7, 4) + sa.literal("-") + sa.func.substr(t, 4, 2)
         + sa.literal("-") + sa.func.substr(t, 1, 2)),
        else_=epoch_day(col),
    )
