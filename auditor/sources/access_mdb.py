"""Microsoft Access databases (.mdb, .accdb) read through mdbtools.

``mdb-tables`` lists the user tables, ``mdb-schema --indexes --relations ...
postgres`` gives column types, primary keys and the relationships declared in
Access (read from ``MSysRelationships``), and ``mdb-export`` streams each table
as CSV. Everything goes into the private temporary SQLite with the declared
primary and foreign keys, so the catalog sees the same relations Access shows.
mdbtools only reads: the file is never modified (the tests hash it).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.errors import SourceError
from auditor.sources.spreadsheet import OLE_MAGIC, SEP, _ole_has_stream

ACCESS_SUFFIXES = {".mdb", ".accdb"}
BATCH = 5000
TOOLS = ("mdb-tables", "mdb-schema", "mdb-export")
_CREATE = re.compile(r'^CREATE TABLE (?:IF NOT EXISTS )?"((?:[^"]|"")+)"\s*$')
_COLUMN = re.compile(r'^\s*"((?:[^"]|"")+)"\s+([A-Za-z][A-Za-z ]*?)\s*(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?\s*(?:NOT NULL)?\s*(?:DEFAULT .*)?,?\s*$')
_PKEY = re.compile(r'^ALTER TABLE "((?:[^"]|"")+)" ADD CONSTRAINT "(?:[^"]|"")+" PRIMARY KEY \((.+)\);')
_FKEY = re.compile(r'^ALTER TABLE "((?:[^"]|"")+)" ADD CONSTRAINT "(?:[^"]|"")+" FOREIGN KEY \("((?:[^"]|"")+)"\) '
                   r'REFERENCES "((?:[^"]|"")+)"\("((?:[^"]|"")+)"\)')
_FKEY_LOOSE = re.compile(r'^-- Relationship from "((?:[^"]|"")+)" \("((?:[^"]|"")+)"\) to "((?:[^"]|"")+)"\("((?:[^"]|"")+)"\)')
_INT_TYPES = ("INTEGER", "SERIAL", "SMALLINT", "BIGINT", "BOOL", "BYTE")
_REAL_TYPES = ("DOUBLE", "REAL", "NUMERIC", "FLOAT", "MONEY", "DECIMAL")
_DATE_TYPES = ("TIMESTAMP", "DATE")


def _unq(s: str) -> str:
    return s.replace('""', '"')


def missing_tools() -> list[str]:
    """mdbtools programs not found on the PATH."""
    return [t for t in TOOLS if shutil.which(t) is None]


def _missing_message(name: str) -> str:
    return (f"Pour lire la base Access {name}, installez mdbtools (Debian/Ubuntu : sudo apt-get install mdbtools ; "
            "macOS : brew install mdbtools ; Windows : voir le README), ou exportez ses tables en CSV depuis Access.")


def _protected_message(name: str) -> str:
    return (f"La base Access {name} est protégée par un mot de passe ou chiffrée : ouvrez-la dans Access avec son mot "
            "de passe et exportez chaque table en CSV (Données externes › Fichier texte), ou enregistrez-en une copie sans "
            "mot de passe, puis auditez cette copie.")


def _unreadable_message(name: str) -> str:
    return (f"La base Access {name} n'a pas pu être lue par mdbtools (fichier endommagé, chiffré ou d'un format non pris "
            "en charge) : ouvrez-la dans Access et exportez ses tables en CSV (Données externes › Fichier texte), puis "
            "auditez le dossier des exports.")


def _check_file(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(32)
    if head[:8] == OLE_MAGIC and _ole_has_stream(path, "EncryptedPackage"):
        raise SourceError(_protected_message(path.name))
    if head[4:19] not in (b"Standard Jet DB", b"Standard ACE DB"):
        raise SourceError(f"Le fichier {path.name} n'est pas une base Access : vérifiez le fichier, ou exportez ses "
                          "tables en CSV depuis le logiciel qui l'a produit.")


def _run(args: list[str], name: str) -> str:
    try:
        proc = subprocess.run(args, capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired):
        raise SourceError(_unreadable_message(name)) from None
    err = proc.stderr.decode("utf-8", "replace").lower()
    if proc.returncode != 0:
        if "password" in err or "encrypt" in err:
            raise SourceError(_protected_message(name))
        raise SourceError(_unreadable_message(name))
    return proc.stdout.decode("utf-8", "replace")


def parse_schema(text: str) -> dict[str, Any]:
    """Tables, column types, primary keys and relationships from ``mdb-schema ... postgres`` output."""
    tables: dict[str, list[tuple[str, str]]] = {}
    pkeys: dict[str, list[str]] = {}
    fkeys: list[tuple[str, str, str, str, bool]] = []
    current: str | None = None
    for line in text.splitlines():
        m = _CREATE.match(line)
        if m:
            current = _unq(m.group(1))
            tables[current] = []
            continue
        if current is not None:
            if line.strip().startswith(");"):
                current = None
                continue
            if line.strip() == "(":
                continue
            m = _COLUMN.match(line)
            if m:
                tables[current].append((_unq(m.group(1)), m.group(2).strip().upper()))
            continue
        m = _PKEY.match(line)
        if m:
            pkeys[_unq(m.group(1))] = [_unq(x) for x in re.findall(r'"((?:[^"]|"")+)"', m.group(2))]
            continue
        m = _FKEY.match(line)
        if m:
            fkeys.append((_unq(m.group(1)), _unq(m.group(2)), _unq(m.group(3)), _unq(m.group(4)), True))
            continue
        m = _FKEY_LOOSE.match(line)
        if m:
            fkeys.append((_unq(m.group(1)), _unq(m.group(2)), _unq(m.group(3)), _unq(m.group(4)), False))
    return {"tables": tables, "primary_keys": pkeys, "relations": fkeys}


def _sa_type(t: str) -> Any:
    if t.startswith(_INT_TYPES):
        return sa.Integer()
    if t.startswith(_REAL_TYPES):
        return sa.Float()
    return sa.Text()


def _convert(v: str, t: str) -> Any:
    if v == "":
        return None
    if t.startswith(_INT_TYPES):
        try:
            return int(v)
        except ValueError:
            return v
    if t.startswith(_REAL_TYPES):
        try:
            return float(v.replace(",", "."))
        except ValueError:
            return v
    if t.startswith(_DATE_TYPES) and v.endswith(" 00:00:00"):
        return v[:-9]
    return v


def load_access(path: Path, conn: sqlite3.Connection, notes: list[str], meta: dict[str, dict[str, Any]],
                used: set[str], prefix: bool) -> int:
    """Load every user table of an Access file into ``conn``, with its declared keys; return the tables made."""
    name = path.name
    missing = missing_tools()
    if missing:
        raise SourceError(_missing_message(name))
    _check_file(path)
    listed = [t for t in _run(["mdb-tables", "-1", str(path)], name).splitlines() if t.strip()]
    schema = parse_schema(_run(["mdb-schema", "--indexes", "--relations", "--no-drop-table", str(path), "postgres"], name))
    engine = sa.create_engine("sqlite://", creator=lambda: conn, poolclass=sa.pool.StaticPool)
    metadata = sa.MetaData()
    names: dict[str, str] = {}
    for t in listed:
        n = f"{name}{SEP}{t}" if prefix else t
        base, i = n, 1
        while n.lower() in used:
            i += 1
            n = f"{base} ({i})"
        used.add(n.lower())
        names[t] = n
    declared = []
    for t in listed:
        cols = schema["tables"].get(t)
        if not cols:
            continue
        pk = set(schema["primary_keys"].get(t, []))
        sa.Table(names[t], metadata, *[sa.Column(c, _sa_type(ty), primary_key=c in pk) for c, ty in cols])
    for child, ccol, parent, pcol, _enforced in schema["relations"]:
        ct, pt = metadata.tables.get(names.get(child, "")), metadata.tables.get(names.get(parent, ""))
        if ct is not None and pt is not None and ccol in ct.c and pcol in pt.c:
            ct.append_constraint(sa.ForeignKeyConstraint([ct.c[ccol]], [pt.c[pcol]]))
            declared.append(f"{child}.{ccol} → {parent}.{pcol}")
    # the private copy keeps the declared keys but does not enforce them (Access may hold orphans)
    metadata.create_all(engine)
    made = 0
    for t in listed:
        cols = schema["tables"].get(t)
        if not cols:
            continue
        table = metadata.tables[names[t]]
        sql = str(table.insert().compile(dialect=engine.dialect))
        count = _export(path, t, cols, conn, sql, name)
        made += 1
        meta[names[t]] = {"origin": f"{name}{SEP}{t}", "table": names[t], "rows": count}
        notes.append(f"{name}{SEP}{t} : {count} {'ligne lue' if count < 2 else 'lignes lues'} par mdbtools.")
    conn.commit()
    if declared:
        notes.append(f"{name} : relations déclarées dans Access : {', '.join(sorted(declared))}.")
    return made


def _export(path: Path, table: str, cols: list[tuple[str, str]], conn: sqlite3.Connection, sql: str, name: str) -> int:
    """Stream ``mdb-export`` of one table into ``conn``; return the rows written."""
    args = ["mdb-export", "-D", "%Y-%m-%d", "-T", "%Y-%m-%d %H:%M:%S", "-b", "strip", str(path), table]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    count = 0
    try:
        reader = csv.reader(io.TextIOWrapper(proc.stdout, encoding="utf-8", errors="replace", newline=""))
        header = next(reader, None)
        if header is None:
            return 0
        pos = {h: i for i, h in enumerate(header)}
        order = [pos.get(c) for c, _ in cols]
        types = [ty for _, ty in cols]
        batch: list[tuple[Any, ...]] = []
        for row in reader:
            batch.append(tuple(_convert(row[i], ty) if i is not None and i < len(row) else None for i, ty in zip(order, types)))
            if len(batch) >= BATCH:
                conn.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            conn.executemany(sql, batch)
            count += len(batch)
    finally:
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace").lower() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        code = proc.wait()
    if code != 0:
        if "password" in err or "encrypt" in err:
            raise SourceError(_protected_message(name))
        raise SourceError(_unreadable_message(name))
    return count
