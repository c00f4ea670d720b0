"""Locate data shipped with the package, in a wheel or in a source checkout.

In a wheel, ``report_templates/`` and ``sample_data/`` are placed under
``auditor/_data/``; in an editable install or a checkout they stay at the
repository root. Both places are tried, installed location first.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory of shipped data ``name`` (``report_templates`` or ``sample_data``)."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped data folder not found: {name}")


def schema_path(name: str) -> Path:
    """Path of a shipped JSON schema (``findings.schema.json`` or ``text.schema.json``)."""
    return _PACKAGE_DIR / "schemas" / name


def package_file(name: str) -> Path:
    """Path of a data file inside the ``auditor`` package (``defaults.toml``, ...)."""
    return _PACKAGE_DIR / name
