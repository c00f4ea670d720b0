"""Exit codes and the user-facing error family.

A ``UserError`` carries one French sentence saying what is wrong and what to do.
The CLI prints it on stderr and exits with ``EXIT_ERROR``; no traceback is shown
unless ``--debug`` is given.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """An error the user can fix. ``str(err)`` is one French sentence."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SourceError(UserError):
    """The source cannot be opened or read."""


class PolicyError(UserError):
    """The policy file is invalid; the message names the file and the line."""


class CheckError(UserError):
    """A check could not be loaded or configured."""


def db_error_kind(exc: BaseException) -> str:
    """What kind of database error stopped a read: ``timeout``, ``denied`` or ``other``.

    PostgreSQL says "canceling statement", SQLite "interrupted" (progress handler),
    drivers "timeout"; permission errors say "permission" or "denied". An error caused by Ctrl-C
    is no database error: it raises ``KeyboardInterrupt`` again (see ``auditor.interrupt``).
    """
    from auditor.interrupt import raise_if_requested

    raise_if_requested()
    text = str(exc).lower()
    if "timeout" in text or "canceling statement" in text or "interrupted" in text:
        return "timeout"
    if "permission" in text or "denied" in text:
        return "denied"
    return "other"


DB_ERROR_REASON = {
    "timeout": "délai maximal de requête dépassé",
    "denied": "lecture refusée au compte d'audit",
    "other": "erreur de la base pendant la lecture",
}
