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
