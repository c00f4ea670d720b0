"""Spreadsheets (.xlsx, .xlsm, .xls, .ods) loaded into the private temporary SQLite.

Reader: ``python-calamine`` (Rust ``calamine``): one well-kept reader for the
four formats, fast, that returns the cached value of formulas and never writes.
The original is only read; each sheet (or each table of a sheet) becomes one
table of the temporary database, like a CSV export.

Real spreadsheets are messy. Per sheet, rows are streamed and:

- title rows and notes (a lone text cell) above a table or after it are skipped;
- the header is the first row of at least two cells that are all labels; a
  second label row under a header with merged (or blank-spanned) cells is
  joined to it ("2023 Femmes"); merged cells are filled from their top-left cell;
- a blank row followed by a title or by a new header row that does not fit the
  table starts another table of the same sheet (``Feuille › partie 2``);
- a bottom totals row of a row-by-row table is dropped (it is not a person);
- a cross-table (labels down the side, counts across, with margins or years as
  columns) is unpivoted to one row per cell: (row label, column label,
  ``effectif``), so the nominative check sees its cells and margins;
- hidden sheets and hidden columns are loaded and audited: the report says they
  were hidden (hiding is not anonymising);
- date cells and text dates become ISO dates; suppression marks (``<5``, ``s``,
  ``*``, ``NC``) are kept as written; thousands of empty rows or columns are skipped.

Memory: calamine holds one sheet at a time in its compact Rust form; Python sees
one row at a time, and at most ``SAMPLE_ROWS`` rows per table are buffered (to
type the columns), then rows go to SQLite in batches.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sqlite3
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import sqlalchemy as sa

from auditor.dates import french_to_iso
from auditor.errors import SourceError
from auditor.sources.csv import unique_headers

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SAMPLE_ROWS = 2000
ONE_COLUMN_ROWS = 5  # lone cells in a row above any table: more than this is a one-column list, not titles
BATCH = 5000
SEP = " › "
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

_INT = re.compile(r"^[+-]?\d{1,18}$")
_DEC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_FR_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
_MARK = re.compile(r"^(?:<\s*\d+|\*{1,3}|s|c|x|nc|nd|n\.d\.|ns|secret|confidentiel|masqu[ée]|-)$", re.IGNORECASE)
_TOTALS = {"total", "totaux", "ensemble", "total general", "sous-total", "sous total", "tous", "toutes", "somme"}
_YEAR_HEADERS = {"annee", "annees", "an", "year", "exercice", "periode", "millesime"}
FORMATS = {".xlsx": "Excel (.xlsx)", ".xlsm": "Excel (.xlsm)", ".xls": "Excel 97-2003 (.xls)", ".ods": "OpenDocument (.ods)"}


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"\s+", " ", s)


def is_total_label(v: object) -> bool:
    """A margin label: Total, Ensemble, Sous-total..., or 'Total 2024'."""
    if not isinstance(v, str):
        return False
    f = _fold(v)
    return f in _TOTALS or f.startswith(("total ", "sous-total", "ensemble "))


def is_marker(v: object) -> bool:
    """A suppression mark written in a count cell."""
    return isinstance(v, str) and bool(_MARK.match(v.strip()))


def _year_like(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2100 or (
        isinstance(v, str) and bool(re.fullmatch(r"(19|20)\d\d", v.strip())))


# ---------------------------------------------------------------- protection and format
def protected_message(name: str) -> str:
    return (f"Le classeur {name} est protégé par un mot de passe : ouvrez-le dans le tableur avec son mot de passe, "
            "enregistrez-en une copie sans mot de passe (ou exportez chaque feuille en CSV), puis auditez cette copie.")


def _check_container(path: Path) -> None:
    """Refuse, in one French sentence, a file that is not a readable workbook or that is encrypted."""
    name = path.name
    suffix = path.suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise SourceError(f"Le fichier {name} est vide (0 octet) : récupérez une copie complète du classeur puis relancez.")
    if head == OLE_MAGIC:
        if _ole_has_stream(path, "EncryptedPackage"):
            raise SourceError(protected_message(name))
        if suffix != ".xls":
            raise SourceError(f"Le fichier {name} est au format Excel 97-2003 : renommez-le en .xls, ou enregistrez-le "
                              "au format .xlsx dans le tableur, puis relancez.")
        return
    if head[:4] == ZIP_MAGIC:
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                if "META-INF/manifest.xml" in names and b"encryption-data" in z.read("META-INF/manifest.xml"):
                    raise SourceError(protected_message(name))
                is_ods = "content.xml" in names and z.read("mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet") \
                    if "mimetype" in names else False
                is_xlsx = "xl/workbook.xml" in names or "xl/workbook.bin" in names
                bad = z.testzip()
        except zipfile.BadZipFile:
            raise SourceError(f"Le classeur {name} est tronqué ou endommagé (archive illisible) : récupérez une copie "
                              "complète du fichier, ou ouvrez-le dans le tableur pour le réparer, puis relancez.") from None
        if bad is not None:
            raise SourceError(f"Le classeur {name} est endommagé (élément « {bad} » illisible) : récupérez une copie "
                              "complète du fichier, ou ouvrez-le dans le tableur pour le réparer, puis relancez.")
        if not (is_ods or is_xlsx):
            raise SourceError(f"Le fichier {name} est une archive zip mais pas un classeur (ni .xlsx ni .ods) : "
                              "indiquez le classeur lui-même, ou exportez ses feuilles en CSV.")
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise SourceError(f"Le classeur {name} est au format binaire .xlsb, non pris en charge : enregistrez-le au "
                              "format .xlsx dans le tableur, puis relancez.")
        return
    raise SourceError(f"Le fichier {name} n'est pas un classeur {FORMATS.get(suffix, '')} lisible : ouvrez-le dans le "
                      "tableur et enregistrez-le au format .xlsx ou .ods, ou exportez ses feuilles en CSV.")


def _ole_has_stream(path: Path, stream: str) -> bool:
    """Whether an OLE2 compound file names ``stream`` in its directory (UTF-16 names)."""
    needle = stream.encode("utf-16-le")
    tail = b""
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            if needle in tail + block:
                return True
            tail = block[-len(needle):]
    return False


# ---------------------------------------------------------------- hidden columns (xlsx, ods)
def _xlsx_hidden_columns(path: Path) -> dict[str, set[int]]:
    """Sheet name -> 0-based indexes of hidden columns, read from each sheet's <cols> (stops at <sheetData>)."""
    out: dict[str, set[int]] = {}
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        with zipfile.ZipFile(path) as z:
            wb = ET.fromstring(z.read("xl/workbook.xml"))
            rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels}
            for sh in wb.iter(f"{ns_main}sheet"):
                target = targets.get(sh.get(f"{ns_rel}id"), "")
                member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if member not in z.namelist():
                    continue
                hidden: set[int] = set()
                with z.open(member) as fh:
                    for _ev, el in ET.iterparse(fh, events=("start",)):
                        if el.tag == f"{ns_main}col" and el.get("hidden") in ("1", "true"):
                            lo, hi = int(el.get("min", "1")), int(el.get("max", "1"))
                            if hi - lo < 16384:
                                hidden.update(range(lo - 1, hi))
                        elif el.tag == f"{ns_main}sheetData":
                            break
                if hidden:
                    out[sh.get("name", "")] = hidden
    except (KeyError, ET.ParseError, zipfile.BadZipFile, ValueError):
        return out
    return out


_ODS_TAG = re.compile(rb"<table:table(-column)?(?=[\s/>])([^>]*)>")
_ODS_ATTR = re.compile(rb'([\w-]+:[\w-]+)="([^"]*)"')


def _ods_hidden_columns(path: Path) -> dict[str, set[int]]:
    """Sheet name -> 0-based indexes of collapsed columns (table:visibility).

    Scans content.xml as raw bytes, block by block (no tree is built: a large
    sheet costs no memory here); column definitions come before a table's rows.
    """
    out: dict[str, set[int]] = {}
    name: str | None = None
    col = 0
    tail = b""
    try:
        with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                data = tail + block
                last = 0
                for m in _ODS_TAG.finditer(data):
                    attrs = dict(_ODS_ATTR.findall(m.group(2)))
                    if m.group(1) is None:
                        raw = attrs.get(b"table:name")
                        name = html.unescape(raw.decode("utf-8", "replace")) if raw is not None else None
                        col = 0
                    else:
                        rep = min(int(attrs.get(b"table:number-columns-repeated", b"1")), 16384)
                        if attrs.get(b"table:visibility") in (b"collapse", b"filter") and name is not None:
                            out.setdefault(name, set()).update(range(col, col + rep))
                        col += rep
                    last = m.end()
                # keep an unfinished tag for the next block
                cut = data.rfind(b"<", last)
                tail = data[cut:] if cut != -1 and len(data) - cut < 4096 else b""
    except (KeyError, zipfile.BadZipFile, ValueError):
        return out
    return out


# ---------------------------------------------------------------- cells and types
def _cell(v: Any) -> Any:
    """A calamine value as a plain Python value: '' -> None, integral floats -> int, bool -> 0/1."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        if v != v:  # NaN
            return None
        if v.is_integer() and abs(v) < 2**53:
            return int(v)
        return v
    if isinstance(v, str):
        return v if v.strip() else None
    if isinstance(v, dt.timedelta):
        return str(v)
    if isinstance(v, dt.time):
        return v.isoformat()
    return v


def _cls(v: Any) -> str:
    """int, real, date, datetime, text: how a cell would type its column (text cells typed like CSV)."""
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "real"
    if isinstance(v, dt.datetime):
        return "datetime" if (v.hour, v.minute, v.second) != (0, 0, 0) else "date"
    if isinstance(v, dt.date):
        return "date"
    s = str(v)
    if _INT.match(s) and not (len(s) > 1 and s[0] == "0"):
        return "int"
    if _DEC.match(s) and not (len(s) > 1 and s[0] == "0" and s[1].isdigit()):
        return "real"
    if _FR_DATE.match(s) or _ISO_DATE.match(s):
        return "datetime" if (":" in s or "h" in s) else "date"
    return "text"


def _infer(values: list[Any]) -> str:
    kinds = {_cls(v) for v in values if v is not None}
    if not kinds:
        return "TEXT"
    if kinds == {"int"}:
        return "INTEGER"
    if kinds <= {"int", "real"}:
        return "REAL"
    if kinds <= {"date", "datetime"}:
        return "DATETIME" if "datetime" in kinds else "DATE"
    return "TEXT"


def _num_text(v: float | int) -> str:
    return str(v) if isinstance(v, int) else repr(v)


def _store(v: Any, kind: str) -> Any:
    """The value as stored in SQLite for a column of ``kind`` (a value that does not fit is kept as written)."""
    if v is None:
        return None
    if kind in ("DATE", "DATETIME"):
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%d %H:%M:%S") if kind == "DATETIME" else v.strftime("%Y-%m-%d")
        if isinstance(v, dt.date):
            return v.isoformat() + (" 00:00:00" if kind == "DATETIME" else "")
        if isinstance(v, str):
            return french_to_iso(v) or v
        return _num_text(v)
    if kind == "INTEGER":
        if isinstance(v, str) and _INT.match(v):
            return int(v)
        return v if not isinstance(v, (dt.date,)) else v.isoformat()
    if kind == "REAL":
        if isinstance(v, str) and _DEC.match(v):
            return float(v.replace(",", "."))
        if isinstance(v, int):
            return float(v)
        return v if not isinstance(v, (dt.date,)) else v.isoformat()
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S") if (v.hour, v.minute, v.second) != (0, 0, 0) else v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (int, float)):
        return _num_text(v)
    return v


def _label(v: Any) -> str:
    """A header cell as a column name."""
    if v is None:
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.strftime("%Y-%m-%d")
    return re.sub(r"\s+", " ", str(v)).strip()


_IDENTIFIER_SHAPE = re.compile(r"@|\d{5,}|\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{2}")


def _person_values(filled: list[Any]) -> bool:
    """Whether a would-be header row looks like a person's data (a first name, two name-like cells, an identifier).

    Column names end up in reports: a row of names must stay data, under neutral names (colonne_1...).
    """
    from auditor.catalog.values import first_names, fold, surnames

    words = [fold(c.strip()) for c in filled if isinstance(c, str)]
    if any(_IDENTIFIER_SHAPE.search(c) for c in filled if isinstance(c, str)):
        return True
    if any(w in first_names() for w in words):
        return True
    return sum(1 for w in words if w in surnames()) >= 2


def _header_like(cells: list[Any]) -> bool:
    filled = [c for c in cells if c is not None]
    if len(filled) < 2:
        return False
    if not all(isinstance(c, str) or _year_like(c) for c in filled):
        return False
    if _person_values(filled):
        return False
    return any(isinstance(c, str) and _cls(c) == "text" for c in filled) or all(_year_like(c) for c in filled)


# ---------------------------------------------------------------- one table of a sheet
@dataclass
class _Table:
    """A table being read from a sheet: header, a buffered sample, then batches to SQLite."""

    header: list[Any]
    first_col: int  # absolute column of header[0]
    rows: list[list[Any]] = field(default_factory=list)
    second_header_done: bool = False
    header_gaps: bool = False
    header_merged: bool = False
    one_column: bool = False
    kinds: list[str] | None = None  # set once flushed
    count: int = 0
    dropped_totals: int = 0
    table: sa.Table | None = None
    insert_sql: str = ""
    columns: list[str] = field(default_factory=list)
    keep: list[int] = field(default_factory=list)
    numeric: set[int] = field(default_factory=set)
    text_cols: list[int] = field(default_factory=list)
    batch: list[list[Any]] = field(default_factory=list)

    def accepts(self, cells: list[Any]) -> bool:
        """Whether a row after a blank line continues this table (fits its numeric columns)."""
        if len(cells) > max(len(self.header), 1) + 1:
            return False
        if self.kinds is not None:
            numeric = {i for i, k in zip(self.keep, self.kinds) if k in ("INTEGER", "REAL")}
        else:
            numeric = set()
            for i in range(len(self.header)):
                vals = [r[i] for r in self.rows if i < len(r) and r[i] is not None]
                if vals and all(isinstance(v, (int, float)) or is_marker(v) for v in vals) and any(isinstance(v, (int, float)) for v in vals):
                    numeric.add(i)
        return all(not (i in numeric and c is not None and not isinstance(c, (int, float)) and not is_marker(c))
                   for i, c in enumerate(cells))


class _SheetLoader:
    """Streams one sheet's rows into one or more tables of the temporary database."""

    def __init__(self, conn: sqlite3.Connection, engine: sa.Engine, base_name: str, label: str,
                 used: set[str], hidden_cols: set[int], merged: list[tuple[tuple[int, int], tuple[int, int]]] | None) -> None:
        self.conn, self.engine = conn, engine
        self.base_name, self.label = base_name, label
        self.used = used
        self.hidden_cols = hidden_cols
        self.tables: list[tuple[str, dict[str, Any]]] = []
        self.skipped_notes = 0
        self.dropped_cells = 0
        # merged ranges: per row, the covered cells and the top-left cell whose value they take
        self.covered: dict[int, list[tuple[int, tuple[int, int]]]] = {}
        self.anchors_in_row: dict[int, list[int]] = {}
        self.anchor_values: dict[tuple[int, int], Any] = {}
        budget = 200_000
        for (r0, c0), (r1, c1) in merged or []:
            size = (r1 - r0 + 1) * (c1 - c0 + 1)
            if size > budget:
                continue
            budget -= size
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self.covered.setdefault(r, []).append((c, (r0, c0)))
            self.anchors_in_row.setdefault(r0, []).append(c0)
            self.anchor_values[(r0, c0)] = None

    # -- rows
    def _fill_merged(self, r: int, col0: int, cells: list[Any]) -> list[Any]:
        for ac in self.anchors_in_row.get(r, []):
            if 0 <= ac - col0 < len(cells):
                self.anchor_values[(r, ac)] = cells[ac - col0]
        out = cells
        for cc, anchor in self.covered.get(r, []):
            j = cc - col0
            val = self.anchor_values.get(anchor)
            if val is not None and j >= 0:
                if out is cells:
                    out = list(cells)
                while len(out) <= j:
                    out.append(None)
                if out[j] is None:
                    out[j] = val
        return out

    def load(self, rows: Iterator[list[Any]], col0: int) -> None:
        current: _Table | None = None
        after_blank = False
        title_after_blank = False
        merged_rows = set(self.covered) | set(self.anchors_in_row)
        pending: list[list[Any]] = []  # lone cells before any table: titles and notes, or a one-column list
        for r, raw in enumerate(rows):
            n = len(raw)
            # trailing blank cells (thousands of columns of a copied layout) are skipped before any conversion
            while n and (raw[n - 1] == "" or raw[n - 1] is None or (type(raw[n - 1]) is str and not raw[n - 1].strip())):
                n -= 1
            cells = [_cell(v) for v in (raw if n == len(raw) else raw[:n])]
            if r in merged_rows:
                cells = self._fill_merged(r, col0, cells)
            while cells and cells[-1] is None:
                cells.pop()
            if not cells:
                if current is not None:
                    after_blank = True
                else:
                    self.skipped_notes += len(pending)
                    pending = []
                continue
            lead = 0
            while cells[lead] is None:
                lead += 1
            n_filled = sum(1 for c in cells if c is not None)
            if current is None:
                if n_filled <= 1:
                    pending.append(cells)
                    if len(pending) >= ONE_COLUMN_ROWS and len({len(p) for p in pending}) == 1:
                        # a one-column list (names, say): a table, not notes
                        current = self._start_one_column(pending, col0)
                        pending = []
                    continue
                self.skipped_notes += len(pending)
                pending = []
                current = self._start(cells, col0, lead)
                current.header_merged = r in merged_rows
                continue
            if current.one_column and current.kinds is None and n_filled >= 2:
                # the lone cells were a long heading above a real table after all
                self.skipped_notes += len(current.rows) + 1
                current = self._start(cells, col0, lead)
                current.header_merged = r in merged_rows
                after_blank = title_after_blank = False
                continue
            if after_blank:
                if n_filled <= 1 and isinstance(cells[lead], str):
                    title_after_blank = True
                    self.skipped_notes += 1
                    continue
                if _header_like(cells) and (title_after_blank or not current.accepts(cells[current.first_col - col0:])):
                    self._finish(current)
                    current = self._start(cells, col0, lead)
                    after_blank = title_after_blank = False
                    continue
                if title_after_blank and n_filled >= 2:
                    self._finish(current)
                    current = self._start(cells, col0, lead)
                    after_blank = title_after_blank = False
                    continue
                after_blank = title_after_blank = False
            row = cells[current.first_col - col0:] if current.first_col >= col0 else cells
            if not current.rows and current.count == 0 and not current.second_header_done:
                current.second_header_done = True
                if _header_like(row) and (current.header_gaps or current.header_merged or row[0] is None
                                          or (current.header and row[0] == current.header[0])):
                    current.header = _join_headers(current.header, row)
                    continue
            self._add(current, row)
        if current is None and len(pending) >= 3 and len({len(p) for p in pending}) == 1:
            current = self._start_one_column(pending, col0)
            pending = []
        self.skipped_notes += len(pending)
        if current is not None:
            self._finish(current)

    def _start_one_column(self, pending: list[list[Any]], col0: int) -> _Table:
        width = len(pending[0])
        first = pending[0][-1]
        if isinstance(first, str) and _cls(first) == "text" and not _person_values([first]):
            t = _Table(header=[None] * (width - 1) + [first], first_col=col0, second_header_done=True)
            rest = pending[1:]
        else:
            t = _Table(header=[None] * width, first_col=col0, second_header_done=True)
            rest = pending
        t.one_column = True
        for row in rest:
            self._add(t, row)
        return t

    def _start(self, cells: list[Any], col0: int, lead: int) -> _Table:
        if _header_like(cells):
            header = cells[lead:]
            inner = header[: max(i for i, c in enumerate(header) if c is not None) + 1]
            gaps = any(c is None for c in inner)
            return _Table(header=header, first_col=col0 + lead, header_gaps=gaps)
        t = _Table(header=[None] * len(cells), first_col=col0, second_header_done=True)
        self._add(t, cells)
        return t

    def _add(self, t: _Table, row: list[Any]) -> None:
        if t.kinds is None:
            t.rows.append(row)
            if len(t.rows) >= SAMPLE_ROWS:
                self._flush(t, crosstab_allowed=False)
            return
        t.batch.append(row)
        if len(t.batch) > BATCH:
            # the last row stays back: it may be a totals row, known only at the end
            self._write(t, t.batch[:-1])
            t.batch = t.batch[-1:]

    # -- tables
    def _name(self, index: int) -> str:
        name = self.base_name if index == 1 else f"{self.base_name}{SEP}partie {index}"
        n, i = name, 1
        while n.lower() in self.used:
            i += 1
            n = f"{name} ({i})"
        self.used.add(n.lower())
        return n

    def _flush(self, t: _Table, crosstab_allowed: bool) -> None:
        """Type the columns from the buffered rows, create the table, write the buffer."""
        width = max([len(t.header)] + [len(r) for r in t.rows])
        header = t.header + [None] * (width - len(t.header))
        cols_values = [[r[i] if i < len(r) else None for r in t.rows] for i in range(width)]
        keep = [i for i in range(width) if header[i] is not None or any(v is not None for v in cols_values[i])]
        t.keep = keep
        if crosstab_allowed:
            ct = _crosstab(header, t.rows, keep)
            if ct is not None:
                self._write_crosstab(t, header, ct)
                return
        kinds = [_infer(cols_values[i]) for i in keep]
        t.kinds = kinds
        names = unique_headers([_label(header[i]) for i in keep])
        t.columns = names
        t.numeric = {j for j, k in enumerate(kinds) if k in ("INTEGER", "REAL")}
        sql_types = {"INTEGER": sa.Integer, "REAL": sa.Float}
        name = self._name(len(self.tables) + 1)
        meta = sa.MetaData()
        t.table = sa.Table(name, meta, *[sa.Column(c, sql_types.get(k, sa.Text)()) for c, k in zip(names, kinds)])
        meta.create_all(self.engine)
        t.insert_sql = str(t.table.insert().compile(dialect=self.engine.dialect))
        text_cols = [j for j, k in enumerate(kinds) if k == "TEXT"]
        info: dict[str, Any] = {"origin": self.label, "table": name}
        hidden = [names[j] for j, i in enumerate(keep) if (t.first_col + i) in self.hidden_cols]
        if hidden:
            info["hidden_columns"] = hidden
        self.tables.append((name, info))
        t.text_cols = text_cols
        t.batch, t.rows = t.rows, []

    def _write(self, t: _Table, rows: list[list[Any]]) -> None:
        out = []
        width = len(t.keep)
        for r in rows:
            if len(r) > (t.keep[-1] + 1 if t.keep else 0):
                self.dropped_cells += sum(1 for v in r[t.keep[-1] + 1:] if v is not None)
            out.append(tuple(_store(r[i] if i < len(r) else None, k) for i, k in zip(t.keep, t.kinds or [])))
        if out and width:
            self.conn.executemany(t.insert_sql, out)
            t.count += len(out)

    def _write_crosstab(self, t: _Table, header: list[Any], ct: dict[str, Any]) -> None:
        labels, values = ct["label_cols"], ct["value_cols"]
        row_names = ct["row_names"]
        names = unique_headers(row_names + [ct["col_name"], "effectif"])
        col_dim, value_name = names[-2], names[-1]
        marked = any(is_marker(r[i]) for r in t.rows for i in values if i < len(r))
        name = self._name(len(self.tables) + 1)
        meta = sa.MetaData()
        table = sa.Table(name, meta, *[sa.Column(n, sa.Text()) for n in names[:-1]],
                         sa.Column(value_name, sa.Text() if marked else sa.Integer()))
        meta.create_all(self.engine)
        sql = str(table.insert().compile(dialect=self.engine.dialect))
        out = []
        for r in t.rows:
            lab = [_store(r[i] if i < len(r) else None, "TEXT") for i in labels]
            for i in values:
                v = r[i] if i < len(r) else None
                out.append((*lab, _label(header[i]), _store(v, "TEXT" if marked else "INTEGER")))
        self.conn.executemany(sql, out)
        t.count = len(out)
        t.kinds = ["CROSSTAB"]
        info: dict[str, Any] = {"origin": self.label, "table": name,
                                "crosstab": {"rows": names[:-2], "columns": col_dim, "value": value_name,
                                             "row_count": len(t.rows), "column_count": len(values)}}
        hidden = [_label(header[i]) or f"colonne {i + 1}" for i in labels + values if (t.first_col + i) in self.hidden_cols]
        if hidden:
            info["hidden_columns"] = hidden
        self.tables.append((name, info))
        t.rows = []

    def _finish(self, t: _Table) -> None:
        if t.kinds is None:
            if not t.rows and all(h is None for h in t.header):
                return
            self._flush(t, crosstab_allowed=True)
        t.rows = []
        # a bottom totals row of a row-by-row table is not a record
        if t.batch and len(t.text_cols) >= 2 and _is_totals_row(t.batch[-1], t.keep, t.text_cols):
            t.batch.pop()
            t.dropped_totals += 1
        self._write(t, t.batch)
        t.batch = []
        name, info = self.tables[-1]
        info["rows"] = t.count
        info["dropped_totals"] = t.dropped_totals

    def rename_if_split(self) -> None:
        """With several tables on one sheet, the first one is named ``Feuille › partie 1`` too."""
        if len(self.tables) < 2:
            return
        old, info = self.tables[0]
        new = f"{self.base_name}{SEP}partie 1"
        if new.lower() in self.used:
            return
        self.conn.execute(f'ALTER TABLE "{old.replace(chr(34), chr(34) * 2)}" RENAME TO "{new.replace(chr(34), chr(34) * 2)}"')
        self.used.discard(old.lower())
        self.used.add(new.lower())
        info["table"] = new
        self.tables[0] = (new, info)


def _is_totals_row(row: list[Any], keep: list[int], text_cols: list[int]) -> bool:
    vals = [row[i] if i < len(row) else None for i in keep]
    first = next((v for v in vals if v is not None), None)
    if not is_total_label(first):
        return False
    others = [vals[j] for j in text_cols if vals[j] is not first]
    return all(v is None for v in others)


def _join_headers(top: list[Any], bottom: list[Any]) -> list[Any]:
    """Two header rows as one: blanks of the top row (merged cells) take the label on their left."""
    width = max(len(top), len(bottom))
    top = top + [None] * (width - len(top))
    bottom = bottom + [None] * (width - len(bottom))
    out, last = [], None
    for i in range(width):
        a = top[i]
        if a is None and bottom[i] is not None and i > 0:
            a = last
        if top[i] is not None:
            last = top[i]
        parts = [_label(x) for x in (a, bottom[i]) if x is not None and _label(x)]
        if len(parts) == 2 and parts[0] == parts[1]:  # a cell merged over both header rows
            parts = parts[:1]
        out.append(" ".join(parts) if parts else None)
    return out


def _crosstab(header: list[Any], rows: list[list[Any]], keep: list[int]) -> dict[str, Any] | None:
    """A cross-table: leading label columns, then at least two count columns, with margins or years across."""
    if not rows or len(keep) < 3:
        return None

    def col(i: int) -> list[Any]:
        return [r[i] if i < len(r) else None for r in rows]

    labels: list[int] = []
    for k, i in enumerate(keep):
        vals = [v for v in col(i) if v is not None]
        texts = bool(vals) and all(isinstance(v, str) and not is_marker(v) for v in vals)
        years = bool(vals) and all(_year_like(v) or is_total_label(v) for v in vals) and (
            k == 0 or _fold(_label(header[i])) in _YEAR_HEADERS)
        if (texts or years) and len(labels) < 3:
            labels.append(i)
        else:
            break
    values = [i for i in keep if i not in labels]
    if not labels or len(values) < 2:
        return None
    numbers = 0
    for i in values:
        if header[i] is None:
            return None
        for v in col(i):
            if v is None or is_marker(v):
                continue
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                return None
            numbers += 1
    if not numbers:
        return None
    heads = [header[i] for i in values]
    if len({_label(h).lower() for h in heads}) != len(heads):
        return None
    years = all(_year_like(h) or is_total_label(h) for h in heads)
    margins = any(is_total_label(h) for h in heads) or any(is_total_label(v) for v in col(labels[0]))
    if not (years or margins):
        return None
    corner = _label(header[labels[0]])
    row_names = [_label(header[i]) for i in labels]
    col_name = "annee" if years and any(_year_like(h) for h in heads) else "colonne"
    split = re.split(r"\s*(?:/|\\|×| x )\s*", corner) if corner else []
    if len(split) == 2 and all(split) and len(labels) == 1:
        row_names, col_name = [split[0]], split[1]
    row_names = [n or ("ligne" if k == 0 else f"ligne_{k + 1}") for k, n in enumerate(row_names)]
    return {"label_cols": labels, "value_cols": values, "row_names": row_names, "col_name": col_name}


# ---------------------------------------------------------------- a workbook
def load_workbook(path: Path, conn: sqlite3.Connection, notes: list[str], meta: dict[str, dict[str, Any]],
                  used: set[str], prefix: bool) -> int:
    """Load every sheet of ``path`` into ``conn``; return the number of tables made.

    Table names are the sheet names (``prefix=False``, one workbook audited) or
    ``classeur.xlsx › Feuille`` (a folder). ``meta`` receives, per table, where
    it comes from and what was hidden.
    """
    import python_calamine as pc

    _check_container(path)
    name = path.name
    suffix = path.suffix.lower()
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise SourceError(protected_message(name)) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as exc:
        raise SourceError(_unreadable(name, exc)) from None
    except Exception as exc:  # noqa: BLE001 - the Rust reader raises its own errors for broken files
        raise SourceError(_unreadable(name, exc)) from None
    hidden_cols = {}
    streamer = None
    if suffix in (".xlsx", ".xlsm"):
        hidden_cols = _xlsx_hidden_columns(path)
        from auditor.sources.xlsx_stream import XlsxSheets

        try:
            streamer = XlsxSheets(str(path))
        except (KeyError, ET.ParseError, zipfile.BadZipFile, ValueError):
            streamer = None  # calamine reads it, or says why it cannot
    elif suffix == ".ods":
        hidden_cols = _ods_hidden_columns(path)
    engine = sa.create_engine("sqlite://", creator=lambda: conn, poolclass=sa.pool.StaticPool)
    made = 0
    try:
        for sm in wb.sheets_metadata:
            if str(sm.typ).split(".")[-1] not in ("WorkSheet",):
                notes.append(f"{name} : la feuille « {sm.name} » n'est pas une feuille de données (graphique ou macro) : ignorée.")
                continue
            visible = str(sm.visible).split(".")[-1]
            try:
                if streamer is not None and sm.name in streamer.members and streamer.large(sm.name):
                    # a large sheet is streamed row by row (flat memory) instead of loaded whole by calamine
                    start, merged, rows = (0, 0), streamer.merged(sm.name), streamer.rows(sm.name)
                else:
                    sheet = wb.get_sheet_by_name(sm.name)
                    start = sheet.start
                    merged = sheet.merged_cell_ranges
                    rows = sheet.iter_rows()
            except Exception as exc:  # noqa: BLE001
                raise SourceError(_unreadable(name, exc)) from None
            label = f"{name}{SEP}{sm.name}"
            base = label if prefix else sm.name
            loader = _SheetLoader(conn, engine, base, label, used, hidden_cols.get(sm.name, set()), merged)
            col0 = start[1] if start else 0
            try:
                loader.load(rows, col0)
            except SourceError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise SourceError(_unreadable(name, exc)) from None
            loader.rename_if_split()
            if not loader.tables:
                notes.append(f"{label} : feuille vide, ignorée.")
                continue
            for tname, info in loader.tables:
                made += 1
                if visible != "Visible":
                    info["hidden_sheet"] = "très masquée (invisible depuis le tableur)" if visible == "VeryHidden" else "masquée"
                meta[tname] = info
                notes.append(_note(tname, info, loader))
    finally:
        wb.close()
    conn.commit()
    return made


def _n(count: int, one: str, many: str) -> str:
    """'1 ligne' / '3 lignes' (French agreement for the method annex's notes)."""
    return f"{count} {one if count < 2 else many}"


def _note(tname: str, info: dict[str, Any], loader: _SheetLoader) -> str:
    parts = [f"{info['origin']}" + (f" (table « {tname} »)" if tname != info["origin"] else "")]
    ct = info.get("crosstab")
    if ct:
        parts.append(f"tableau croisé de {_n(ct['row_count'], 'ligne', 'lignes')} × "
                     f"{_n(ct['column_count'], 'colonne', 'colonnes')}, lu case par case "
                     f"({_n(info['rows'], 'case', 'cases')} : {', '.join(ct['rows'])} × {ct['columns']} → {ct['value']})")
    else:
        parts.append(_n(info["rows"], "ligne", "lignes"))
    if info.get("hidden_sheet"):
        parts.append(f"feuille {info['hidden_sheet']}, auditée quand même")
    hidden = info.get("hidden_columns") or []
    if hidden:
        what = "colonne masquée auditée" if len(hidden) == 1 else "colonnes masquées auditées"
        parts.append(f"{what} : {', '.join(hidden)}")
    if info.get("dropped_totals"):
        parts.append("ligne de total ignorée")
    if loader.skipped_notes:
        parts.append(f"{_n(loader.skipped_notes, 'ligne', 'lignes')} de titre ou de note "
                     f"{'ignorée' if loader.skipped_notes < 2 else 'ignorées'} sur la feuille")
    if loader.dropped_cells:
        parts.append(f"{_n(loader.dropped_cells, 'cellule', 'cellules')} hors du tableau "
                     f"{'ignorée' if loader.dropped_cells < 2 else 'ignorées'}")
    return " ; ".join(parts) + "."


def _unreadable(name: str, exc: BaseException) -> str:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return protected_message(name)
    return (f"Le classeur {name} est illisible (fichier tronqué, endommagé ou d'un autre format) : ouvrez-le dans le tableur "
            "et enregistrez-en une copie au format .xlsx ou .ods, ou exportez ses feuilles en CSV, puis relancez.")


def hidden_remark(info: dict[str, Any], column: str | None = None) -> str | None:
    """French sentence for a finding on a sheet or column that the workbook hid, or None."""
    bits = []
    if info.get("hidden_sheet"):
        bits.append(f"la feuille « {info['origin']} » était {info['hidden_sheet']} dans le classeur")
    cols = info.get("hidden_columns") or []
    shown = [c for c in cols if column is None or c == column]
    if shown:
        what = "colonne masquée" if len(shown) == 1 else "colonnes masquées"
        bits.append(f"{what} dans le classeur : {', '.join(shown)}")
    if not bits:
        return None
    return "Masqué dans le tableur : " + " ; ".join(bits) + " (masquer n'anonymise pas : la donnée reste dans le fichier)"
