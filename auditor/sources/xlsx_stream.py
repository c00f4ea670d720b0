"""Row-by-row reading of one large .xlsx/.xlsm sheet, in flat memory.

python-calamine loads a whole sheet into memory before giving its rows (about
0.9 KB per row of 9 cells, twice the sheet's XML). For a sheet whose XML is
larger than ``STREAM_ABOVE`` bytes (128 MB, about 220,000 such rows), the
loader reads it here instead, so memory stays bounded whatever the sheet size: the sheet's XML is
parsed as a stream (each ``<row>`` is cleared once read), so memory holds the
shared-strings table (one copy of each distinct text) and one row. Values are
given as calamine gives them: numbers as floats, date-formatted numbers as
``date`` (whole days) or ``datetime``, booleans, texts; merged ranges are read
by a first pass over the raw bytes. The file is only read.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree as ET

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# uncompressed sheet XML, bytes: calamine needs about twice this in memory (fast); above it, stream (flat, ~4x slower)
STREAM_ABOVE = 128 * 1024 * 1024
_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_REF = re.compile(r"([A-Z]+)(\d+)")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"')


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _cell_ref(ref: str) -> tuple[int, int]:
    m = _REF.match(ref)
    if not m:
        raise ValueError(ref)
    return int(m.group(2)) - 1, _col(m.group(1))


def _is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[dmyhs]", code)) and "general" not in code


class XlsxSheets:
    """The sheets of one .xlsx file: which member holds each, its size, and what the cells need (strings, date styles)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._shared: list[str] | None = None
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            wb = ET.fromstring(z.read("xl/workbook.xml"))
            rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels}
            self.members: dict[str, str] = {}
            for sh in wb.iter(f"{NS}sheet"):
                target = targets.get(sh.get(f"{REL}id"), "")
                member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if member in names:
                    self.members[sh.get("name", "")] = member
            pr = wb.find(f"{NS}workbookPr")
            self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
            self.sizes = {n: z.getinfo(m).file_size for n, m in self.members.items()}
            self.date_styles = self._date_styles(z) if "xl/styles.xml" in names else set()

    def _date_styles(self, z: zipfile.ZipFile) -> set[int]:
        root = ET.fromstring(z.read("xl/styles.xml"))
        custom = {}
        fmts = root.find(f"{NS}numFmts")
        if fmts is not None:
            for f in fmts:
                custom[int(f.get("numFmtId", "0"))] = f.get("formatCode", "")
        out = set()
        xfs = root.find(f"{NS}cellXfs")
        for i, xf in enumerate(xfs if xfs is not None else []):
            fid = int(xf.get("numFmtId", "0"))
            if fid in _DATE_IDS or (fid in custom and _is_date_format(custom[fid])):
                out.add(i)
        return out

    def large(self, sheet: str) -> bool:
        """Whether the sheet is big enough to be streamed here rather than loaded by calamine."""
        return self.sizes.get(sheet, 0) > STREAM_ABOVE

    def shared(self) -> list[str]:
        if self._shared is None:
            out: list[str] = []
            with zipfile.ZipFile(self.path) as z:
                if "xl/sharedStrings.xml" in z.namelist():
                    with z.open("xl/sharedStrings.xml") as fh:
                        for _ev, el in ET.iterparse(fh):
                            if el.tag == f"{NS}si":
                                # rich text runs joined; phonetic runs (rPh) left out
                                out.append("".join(t.text or "" for t in el.iter(f"{NS}t") if not _in_rph(el, t)))
                                el.clear()
            self._shared = out
        return self._shared

    def merged(self, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Merged ranges ((row, col), (row, col)), 0-based, found in the raw bytes without parsing the sheet."""
        out = []
        tail = b""
        with zipfile.ZipFile(self.path) as z, z.open(self.members[sheet]) as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                data = tail + block
                last = 0
                for m in _MERGE.finditer(data):
                    out.append((_cell_ref(m.group(1).decode()), _cell_ref(m.group(2).decode())))
                    last = m.end()
                tail = data[max(last, len(data) - 64):]
        return out

    def rows(self, sheet: str) -> Iterator[list[object]]:
        """Rows from the first row of the sheet (blank rows as empty lists), cells from column A."""
        shared = self.shared()
        dates = self.date_styles
        base = dt.datetime(1904, 1, 1) if self.date1904 else dt.datetime(1899, 12, 30)
        expected = 0
        with zipfile.ZipFile(self.path) as z, z.open(self.members[sheet]) as fh:
            for _ev, el in ET.iterparse(fh):
                if el.tag != f"{NS}row":
                    continue
                r = int(el.get("r")) - 1 if el.get("r") else expected
                while expected < r:
                    yield []
                    expected += 1
                cells: list[object] = []
                pos = 0
                for c in el.iter(f"{NS}c"):
                    ref = c.get("r")
                    col = _cell_ref(ref)[1] if ref else pos
                    pos = col + 1
                    value = _value(c, shared, dates, base, self.date1904)
                    if value == "":
                        continue
                    while len(cells) < col:
                        cells.append("")
                    cells.append(value)
                el.clear()
                expected = r + 1
                yield cells


def _in_rph(si: ET.Element, t: ET.Element) -> bool:
    for rph in si.iter(f"{NS}rPh"):
        if any(x is t for x in rph.iter(f"{NS}t")):
            return True
    return False


def _value(c: ET.Element, shared: list[str], dates: set[int], base: dt.datetime, date1904: bool) -> object:
    t = c.get("t", "n")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(f"{NS}t"))
    v = c.find(f"{NS}v")
    if v is None or v.text is None:
        return ""
    text = v.text
    if t == "s":
        return shared[int(text)]
    if t in ("str", "e"):
        return text if t == "str" else ""
    if t == "b":
        return text in ("1", "true")
    if t == "d":
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return text
    num = float(text)
    if int(c.get("s", "0")) in dates:
        if not date1904 and num < 61:
            num += 1 if num < 60 else 0  # Excel's phantom 29/02/1900
        when = base + dt.timedelta(days=num)
        when = when.replace(microsecond=0) if when.microsecond < 500_000 else (when + dt.timedelta(seconds=1)).replace(microsecond=0)
        return when.date() if (when.hour, when.minute, when.second) == (0, 0, 0) else when
    return num
