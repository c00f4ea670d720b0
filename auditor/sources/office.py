"""Files people hold: a workbook, an Access database, or a folder mixing them with CSV exports.

Everything is loaded once into one private temporary SQLite database (never
beside the files), opened read-only like any SQLite source. One workbook or one
Access file: its tables keep their sheet or table names. A folder: CSV files are
named by their stem (as for a CSV folder), sheets and Access tables by
``fichier › feuille``. ``Source.table_meta`` records, per table, where it comes
from and what the workbook hid, so findings can say so.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from auditor.errors import SourceError
from auditor.sources.access_mdb import ACCESS_SUFFIXES, load_access
from auditor.sources.base import Source
from auditor.sources.csv import CSV_SUFFIXES, _load_file, private_source
from auditor.sources.spreadsheet import SPREADSHEET_SUFFIXES, load_workbook
from auditor.sources.sqlite import open_sqlite

OFFICE_SUFFIXES = SPREADSHEET_SUFFIXES | ACCESS_SUFFIXES


def is_office_file(path: Path) -> bool:
    """A workbook or an Access database, by its extension."""
    return path.suffix.lower() in OFFICE_SUFFIXES


def folder_has_office_files(path: Path) -> bool:
    """Whether a folder holds at least one workbook or Access database (lock files ``~$x.xlsx`` aside)."""
    return any(p.is_file() and is_office_file(p) and not p.name.startswith(("~$", ".~lock")) for p in path.iterdir())


def open_office(path: Path, timeout_s: float | None = None) -> Source:
    """Load a workbook, an Access file or a mixed folder into a private read-only SQLite copy."""
    path = path.resolve()
    folder = path.is_dir()
    if folder:
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(("~$", ".~lock"))
                       and p.suffix.lower() in (OFFICE_SUFFIXES | CSV_SUFFIXES))
    else:
        files = [path]
    tmpdir = Path(tempfile.mkdtemp(prefix="auditor-files-"))
    db_path = tmpdir / "fichiers.sqlite"
    notes: list[str] = []
    meta: dict[str, dict] = {}
    try:
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        used: set[str] = set()
        made = 0
        try:
            for f in files:
                suffix = f.suffix.lower()
                if suffix in SPREADSHEET_SUFFIXES:
                    made += load_workbook(f, conn, notes, meta, used, prefix=folder)
                elif suffix in ACCESS_SUFFIXES:
                    made += load_access(f, conn, notes, meta, used, prefix=folder)
                else:
                    name = f.stem
                    if name.lower() in used:
                        name = f"{name}_{len(used)}"
                    used.add(name.lower())
                    _load_file(f, conn, name, notes)
                    conn.commit()
                    made += 1
        finally:
            conn.close()
        if not made:
            what = f"Le classeur {path.name}" if path.suffix.lower() in SPREADSHEET_SUFFIXES else f"Le dossier {path}" if folder \
                else f"La base Access {path.name}"
            raise SourceError(f"{what} ne contient aucune donnée (aucune feuille ni table remplie) : vérifiez que c'est le bon fichier.")
        source = open_sqlite(db_path, timeout_s=timeout_s)
    except BaseException:
        shutil.rmtree(tmpdir, ignore_errors=True)
        raise
    return private_source(source, tmpdir, kind="other", path=path, notes=notes, table_meta=meta)
