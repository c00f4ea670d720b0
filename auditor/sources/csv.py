"""CSV exports loaded once into a private temporary SQLite database.

French software exports CSV with ``;`` or ``,``, in cp1252 or UTF-8 (with or
without BOM), with CRLF line ends, dates as dd/mm/yyyy and decimal commas.
Nothing is asked: the dialect is detected by clevercsv, the single-byte
fallback encoding by charset-normalizer, and each line is decoded as UTF-8 when
it is valid UTF-8 and with the fallback otherwise (so a file mixing both is read
correctly). Values are typed per column from a sample; a value that does not fit
its column's type is kept as written. The temporary database lives in a private
temporary folder, never beside the exports, and is deleted when the audit ends.
"""

from __future__ import annotations

import csv
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer
import clevercsv
import sqlalchemy as sa

from auditor.dates import french_to_iso
from auditor.errors import SourceError
from auditor.sources.base import Source
from auditor.sources.sqlite import open_sqlite

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
DELIMITERS = [";", ",", "\t", "|"]
SAMPLE_ROWS = 2000
BATCH = 5000

_INT = re.compile(r"^[+-]?\d{1,18}$")
_DEC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_FR_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
_SINGLE_BYTE = {"cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850", "iso8859_1"}


def _fallback_encoding(sample: bytes) -> str:
    """Single-byte encoding to use for lines that are not valid UTF-8."""
    best = charset_normalizer.from_bytes(sample).best()
    if best is not None and best.encoding in _SINGLE_BYTE:
        return best.encoding
    return "cp1252"


def _decoded_lines(path: Path, fallback: str, stats: dict[str, int]) -> Iterator[str]:
    with path.open("rb") as fh:
        first = True
        for raw in fh:
            if first:
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                    stats["bom"] = 1
                first = False
            try:
                line = raw.decode("utf-8")
                if not raw.isascii():
                    stats["utf8_lines"] = stats.get("utf8_lines", 0) + 1
                yield line
            except UnicodeDecodeError:
                stats["fallback_lines"] = stats.get("fallback_lines", 0) + 1
                yield raw.decode(fallback, errors="replace")


def _infer_type(values: list[str]) -> str:
    filled = [v for v in values if v != ""]
    if not filled:
        return "TEXT"
    if all(_INT.match(v) for v in filled) and not any(len(v) > 1 and v[0] == "0" for v in filled):
        return "INTEGER"
    if all(_DEC.match(v) for v in filled) and not any(len(v) > 1 and v[0] == "0" and v[1].isdigit() for v in filled):
        return "REAL"
    if all(_FR_DATE.match(v) or _ISO_DATE.match(v) for v in filled):
        return "DATE"
    return "TEXT"


def _convert(value: str, kind: str) -> object:
    if value == "":
        return None
    if kind == "INTEGER" and _INT.match(value):
        return int(value)
    if kind == "REAL" and _DEC.match(value):
        return float(value.replace(",", "."))
    if kind == "DATE":
        iso = french_to_iso(value)
        if iso is not None:
            return iso
    return value


def unique_headers(header: list[str]) -> list[str]:
    """Column names made unique (« nom », « nom_2 »), case-insensitively as SQLite compares them; blanks named by position."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(header):
        name = (name or "").strip() or f"colonne_{i + 1}"
        key = name.lower()
        if key in seen:
            seen[key] += 1
            name = f"{name}_{seen[key]}"
        else:
            seen[key] = 1
        out.append(name)
    return out


class NotATable(Exception):
    """A file of an exports folder that is not a delimited table (its French reason in ``args[0]``)."""


def _load_file(path: Path, conn: sqlite3.Connection, table_name: str, notes: list[str], strict: bool = False) -> None:
    """Load ``path`` as table ``table_name``; ``strict`` (a file among others in a folder): raise NotATable
    for anything that is not a delimited table of at least two columns, before writing anything."""
    with path.open("rb") as fh:
        head = fh.read(256 * 1024)
    if strict and (b"\x00" in head[:8192] or not head.strip()):
        raise NotATable("contenu binaire" if head.strip() else "fichier vide")
    if b"\x00" in head[:8192]:
        raise SourceError(
            f"Le fichier {path.name} n'est pas un fichier texte CSV (contenu binaire) : "
            "exportez la table au format CSV depuis le logiciel."
        )
    fallback = _fallback_encoding(head)
    stats: dict[str, int] = {}
    sample_text = head.decode("utf-8", errors="ignore") if head else ""
    sample_lines = sample_text.splitlines(keepends=True)[:50]
    sample = "".join(sample_lines).lstrip("\ufeff")
    dialect = None
    if sample.strip():
        try:
            dialect = clevercsv.Detector().detect(sample, delimiters=DELIMITERS)
        except Exception:  # noqa: BLE001 - detection failure means "use the default"
            dialect = None
    delimiter = dialect.delimiter if dialect and dialect.delimiter in DELIMITERS else None
    if delimiter is None:
        first_line = sample_lines[0] if sample_lines else ""
        delimiter = max(DELIMITERS, key=first_line.count) if first_line else ";"
    # French prose is full of apostrophes, which a detector may take for quotes: exports quote with '"'
    quotechar = '"'
    reader = csv.reader(_decoded_lines(path, fallback, stats), delimiter=delimiter, quotechar=quotechar)
    try:
        header = next(reader)
    except StopIteration:
        raise SourceError(
            f"Le fichier {path.name} est vide : exportez la table avec sa ligne d'en-tête."
        ) from None
    except csv.Error as exc:
        raise SourceError(f"Le fichier {path.name} n'est pas un CSV lisible ({exc}) : vérifiez l'export.") from None
    columns = unique_headers(header)
    width = len(columns)
    if strict and width < 2:
        raise NotATable("pas un tableau délimité d'au moins deux colonnes")

    def rows() -> Iterator[list[str]]:
        try:
            for row in reader:
                if not row or (len(row) == 1 and row[0].strip() == ""):
                    continue
                if len(row) != width:
                    raise SourceError(
                        f"Le fichier {path.name} est irrégulier à la ligne {reader.line_num} : "
                        f"{len(row)} champs au lieu de {width} ; corrigez l'export (séparateur ou "
                        "guillemets) puis relancez."
                    )
                yield row
        except csv.Error as exc:
            raise SourceError(
                f"Le fichier {path.name} est mal formé à la ligne {reader.line_num} ({exc}) : "
                "corrigez l'export puis relancez."
            ) from None

    it = rows()
    first_rows: list[list[str]] = []
    try:
        for row in it:
            first_rows.append(row)
            if len(first_rows) >= SAMPLE_ROWS:
                break
    except SourceError as exc:
        if strict and path.suffix.lower() == ".txt":
            # a text file whose first lines are not a regular table: a note, not an export
            raise NotATable("lignes de longueurs irrégulières : pas un tableau délimité") from exc
        raise
    if strict and path.suffix.lower() == ".txt" and not first_rows:
        raise NotATable("une seule ligne, sans données : pas un tableau délimité")
    kinds = [_infer_type([r[i] for r in first_rows]) for i in range(width)]
    metadata = sa.MetaData()
    sa_types = {"INTEGER": sa.Integer, "REAL": sa.Float, "DATE": sa.Text, "TEXT": sa.Text}
    table = sa.Table(table_name, metadata, *[sa.Column(c, sa_types[k]()) for c, k in zip(columns, kinds)])
    engine = sa.create_engine("sqlite://", creator=lambda: conn, poolclass=sa.pool.StaticPool)
    metadata.create_all(engine)
    insert_sql = str(table.insert().compile(dialect=engine.dialect))

    def convert(batch: list[list[str]]) -> list[tuple[object, ...]]:
        return [tuple(_convert(v, k) for v, k in zip(r, kinds)) for r in batch]

    conn.executemany(insert_sql, convert(first_rows))
    batch: list[list[str]] = []
    count = len(first_rows)
    for row in it:
        batch.append(row)
        if len(batch) >= BATCH:
            conn.executemany(insert_sql, convert(batch))
            count += len(batch)
            batch = []
    if batch:
        conn.executemany(insert_sql, convert(batch))
        count += len(batch)
    conn.commit()
    enc = "UTF-8" + (" avec BOM" if stats.get("bom") else "")
    if stats.get("fallback_lines"):
        if stats.get("utf8_lines"):
            enc = f"mélange de UTF-8 et de {fallback} ({stats['fallback_lines']} ligne(s) en {fallback})"
        else:
            enc = fallback
    notes.append(
        f"{path.name} : {count} ligne(s), séparateur « {delimiter if delimiter != chr(9) else 'tabulation'} », "
        f"encodage {enc}."
    )


def open_csv(path: Path, timeout_s: float | None = None) -> Source:
    """Load one CSV file or a folder of CSV files into a private read-only SQLite copy."""
    path = path.resolve()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in CSV_SUFFIXES)
        if not files:
            if not any(path.iterdir()):
                raise SourceError(
                    f"Le dossier {path} est vide : indiquez le dossier qui contient les exports CSV."
                )
            raise SourceError(
                f"Le dossier {path} ne contient aucun fichier CSV : indiquez le dossier des exports "
                "(fichiers .csv) ou une base de données."
            )
    else:
        files = [path]
    tmpdir = Path(tempfile.mkdtemp(prefix="auditor-csv-"))
    db_path = tmpdir / "exports.sqlite"
    notes: list[str] = []
    try:
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        used: set[str] = set()
        ignored: list[str] = []
        for f in files:
            name = f.stem
            if name.lower() in used:
                name = f"{name}_{len(used)}"
            try:
                _load_file(f, conn, name, notes, strict=path.is_dir())
            except NotATable as exc:
                ignored.append(f"{f.name} ({exc.args[0]})")
                continue
            used.add(name.lower())
        conn.close()
        if path.is_dir():
            others = sorted(p.name for p in path.iterdir() if p.is_file() and p.suffix.lower() not in CSV_SUFFIXES)
            ignored += [f"{o} (pas un fichier CSV)" for o in others]
            if len(ignored) == len(files) + len(others):
                raise SourceError(
                    f"Le dossier {path} ne contient aucun tableau exploitable (fichiers vus : "
                    f"{', '.join(sorted(ignored)[:5])}{', …' if len(ignored) > 5 else ''}) : indiquez le dossier "
                    "des exports CSV, chacun avec une ligne d'en-tête et au moins deux colonnes."
                )
            if ignored:
                notes.append(f"Fichiers du dossier ignorés, faute d'être des tableaux : {', '.join(sorted(ignored))}.")
        source = open_sqlite(db_path, timeout_s=timeout_s)
    except BaseException:
        shutil.rmtree(tmpdir, ignore_errors=True)
        raise
    return private_source(source, tmpdir, kind="csv", path=path, notes=notes)


def private_source(source: Source, tmpdir: Path, *, kind: str, path: Path, notes: list[str],
                   table_meta: dict[str, dict] | None = None) -> Source:
    """The private SQLite loaded from exported files, shown as the files it came from; its folder goes with it."""
    source.kind = kind
    source.display = str(path)
    source.path = path
    source.notes = notes
    source.table_meta = table_meta or {}
    source._cleanup.append(lambda: shutil.rmtree(tmpdir, ignore_errors=True))
    return source
