"""Open what the user named as one read-only SQLAlchemy engine.

``open_source(spec)`` accepts a SQLAlchemy URL, a SQLite file, one CSV file or
a folder of CSV exports, a workbook (.xlsx, .xlsm, .xls, .ods), an Access
database (.mdb, .accdb) or a folder mixing them, and returns a :class:`Source`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor.errors import SourceError
from auditor.sources.base import Source
from auditor.sources.csv import CSV_SUFFIXES, open_csv
from auditor.sources.office import folder_has_office_files, is_office_file, open_office
from auditor.sources.sqlite import is_sqlite_file, open_sqlite
from auditor.sources.url import open_url

__all__ = ["Source", "open_source"]


def open_source(
    spec: str,
    timeout_s: float | None = None,
    prompt: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> Source:
    """Open ``spec`` read-only. Raises SourceError with one French sentence on failure."""
    if "://" in spec:
        scheme = spec.split("://", 1)[0].lower()
        if scheme.split("+", 1)[0] == "sqlite":
            rest = spec.split("://", 1)[1]
            file_part = rest[1:] if rest.startswith("/") else rest
            file_part = file_part.split("?", 1)[0]
            if not file_part or file_part == ":memory:":
                raise SourceError("Une base SQLite en mémoire ne peut pas être auditée : indiquez un fichier.")
            return open_sqlite(Path(file_part), timeout_s=timeout_s)
        return open_url(spec, timeout_s=timeout_s, prompt=prompt, interactive=interactive)
    path = Path(spec).expanduser()
    if not path.exists():
        raise SourceError(
            f"Le chemin {spec} n'existe pas : indiquez une base SQLite, un fichier CSV, "
            "un dossier d'exports CSV ou une URL de base de données."
        )
    if path.is_dir():
        if folder_has_office_files(path):
            return open_office(path, timeout_s=timeout_s)
        return open_csv(path, timeout_s=timeout_s)
    try:
        with path.open("rb"):
            pass
    except PermissionError:
        raise SourceError(
            f"Le fichier {spec} n'est pas lisible (droits insuffisants) : "
            "lancez l'audit avec un compte autorisé à le lire."
        ) from None
    if is_sqlite_file(path):
        return open_sqlite(path, timeout_s=timeout_s)
    if path.suffix.lower() in CSV_SUFFIXES:
        return open_csv(path, timeout_s=timeout_s)
    if is_office_file(path):
        return open_office(path, timeout_s=timeout_s)
    raise SourceError(
        f"Le fichier {spec} n'est ni une base SQLite ni un fichier CSV, ni un classeur ni une base Access : indiquez "
        "une base SQLite, un fichier .csv, .xlsx, .ods, .mdb, un dossier d'exports ou une URL de base de données."
    )
