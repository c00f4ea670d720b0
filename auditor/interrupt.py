"""Ctrl-C that no library can swallow.

A SIGINT raises ``KeyboardInterrupt`` wherever the interpreter happens to be. When that is inside a
callback of a database driver (SQLite's progress handler, for instance), the driver turns it into an
"interrupted" database error, which the checks would then report as a query past its time limit, and
the scan would go on to write a report. So the CLI installs a handler that also records the request;
every place that turns a database error into a finding, and the report writer before it moves its files
into place, asks :func:`raise_if_requested` first. An interrupted scan therefore never writes a report,
whichever statement the signal fell in.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

_REQUESTED = threading.Event()


def _on_sigint(_signum: int, _frame: FrameType | None) -> None:
    _REQUESTED.set()
    raise KeyboardInterrupt


def install() -> None:
    """Record Ctrl-C as well as raising it (main thread only; a no-op elsewhere)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_sigint)


def requested() -> bool:
    """True once Ctrl-C has been pressed in this process."""
    return _REQUESTED.is_set()


def raise_if_requested() -> None:
    """Raise ``KeyboardInterrupt`` if Ctrl-C was pressed, even if a library swallowed the first one."""
    if _REQUESTED.is_set():
        raise KeyboardInterrupt
