"""Write each sample's CSV export as a workbook: ``<base>.xlsx`` (openpyxl) and ``<base>.ods`` (odfpy).

One sheet per table, named after the CSV file, with the header in the first
row. Values are written with the type the CSV loader gives them: whole numbers
and decimals as number cells, columns of dates as date cells (date and time
when the export has a time), everything else as text cells (so "01000" stays
text). Auditing the workbook must therefore give the same findings and counts
as auditing the CSV folder (``tests/sources/test_spreadsheet_samples.py``).

    python sample_data/export_spreadsheets.py [--only company|departement]

Needs the test extras (openpyxl, odfpy). Deterministic: fixed document
properties, tables in name order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from auditor.sources.csv import open_csv  # noqa: E402

FIXED = dt.datetime(2026, 6, 30, 12, 0, 0)
EXCEL_EPOCH = dt.date(1900, 3, 1)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def _tables(csv_dir: Path) -> Iterator[tuple[str, list[str], list[str], Iterator[tuple]]]:
    """(table, columns, column kinds, rows) for each table of the CSV export, as the CSV loader reads them."""
    source = open_csv(csv_dir)
    try:
        insp = sa.inspect(source.engine)
        with source.engine.connect() as conn:
            for name in source.table_names():
                cols = insp.get_columns(name)
                names = [c["name"] for c in cols]
                t = sa.table(name, *[sa.column(c) for c in names])
                kinds = []
                for c in cols:
                    typ = str(c["type"]).upper()
                    if typ.startswith("INT"):
                        kinds.append("int")
                    elif typ.startswith(("FLOAT", "REAL")):
                        kinds.append("real")
                    else:
                        vals = [r[0] for r in conn.execute(sa.select(t.c[c["name"]]).where(t.c[c["name"]].is_not(None)))]
                        if vals and all(isinstance(v, str) and _DATE.match(v) for v in vals):
                            kinds.append("date")
                        elif vals and all(isinstance(v, str) and (_DATE.match(v) or _DATETIME.match(v)) for v in vals):
                            kinds.append("datetime")
                        else:
                            kinds.append("text")
                rows = conn.execute(sa.select(t)).fetchall()
                yield name, names, kinds, iter(rows)
    finally:
        source.close()


def _value(v: object, kind: str) -> object:
    """The cell value; an impossible date (31/02) stays text, as a spreadsheet user would have typed it."""
    try:
        return _typed(v, kind)
    except ValueError:
        return v


def _typed(v: object, kind: str) -> object:
    if v is None:
        return None
    if kind == "date" and isinstance(v, str) and _DATE.match(v):
        return dt.date.fromisoformat(v)
    if kind == "datetime" and isinstance(v, str):
        if _DATETIME.match(v):
            return dt.datetime.fromisoformat(v)
        if _DATE.match(v):
            return dt.datetime.fromisoformat(v + " 00:00:00")
    if kind == "text" and not isinstance(v, str):
        return str(v)
    return v


def write_xlsx(csv_dir: Path, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "auditor sample_data"
    for name, cols, kinds, rows in _tables(csv_dir):
        ws = wb.create_sheet(name)
        ws.append(cols)
        for row in rows:
            cells = []
            for v, k in zip(row, kinds):
                val = _value(v, k)
                if isinstance(val, dt.date) and (val.date() if isinstance(val, dt.datetime) else val) < EXCEL_EPOCH:
                    val = v  # Excel has no dates before 1900: such a date is typed as text
                c = WriteOnlyCell(ws, value=val)
                if isinstance(val, dt.datetime):
                    c.number_format = "DD/MM/YYYY HH:MM:SS"
                elif isinstance(val, dt.date):
                    c.number_format = "DD/MM/YYYY"
                elif isinstance(val, str):
                    c.data_type = "s"
                cells.append(c)
            ws.append(cells)
    wb.save(out)
    _fix_zip_times(out)


def write_ods(csv_dir: Path, out: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    doc.meta.childNodes[:] = []  # no generator or date: the file depends on the data only
    for name, cols, kinds, rows in _tables(csv_dir):
        table = Table(name=name)
        tr = TableRow()
        for c in cols:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=c))
            tr.addElement(cell)
        table.addElement(tr)
        for row in rows:
            tr = TableRow()
            for v, k in zip(row, kinds):
                val = _value(v, k)
                if val is None:
                    tr.addElement(TableCell())
                    continue
                if isinstance(val, dt.datetime):
                    cell = TableCell(valuetype="date", datevalue=val.strftime("%Y-%m-%dT%H:%M:%S"))
                    shown = val.strftime("%d/%m/%Y %H:%M:%S")
                elif isinstance(val, dt.date):
                    cell = TableCell(valuetype="date", datevalue=val.isoformat())
                    shown = val.strftime("%d/%m/%Y")
                elif isinstance(val, (int, float)):
                    cell = TableCell(valuetype="float", value=val)
                    shown = str(val)
                else:
                    cell = TableCell(valuetype="string")
                    shown = str(val)
                for i, line in enumerate(shown.split("\n")):
                    cell.addElement(P(text=line))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(out))
    _fix_zip_times(out)


def _fix_zip_times(path: Path) -> None:
    """Rewrite the archive with fixed member dates, so two runs give identical files."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-06-30T12:00:00Z", data)
            new = zipfile.ZipInfo(info.filename, date_time=(2026, 6, 30, 12, 0, 0))
            new.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            z.writestr(new, data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["company", "departement"])
    ap.add_argument("--xlsx-only", action="store_true", help="rewrite only the .xlsx files")
    args = ap.parse_args(argv)
    for base in ["company", "departement"]:
        if args.only and base != args.only:
            continue
        csv_dir = HERE / base / "csv"
        write_xlsx(csv_dir, HERE / base / f"{base}.xlsx")
        if not args.xlsx_only:
            write_ods(csv_dir, HERE / base / f"{base}.ods")
        print(f"{base}: {base}.xlsx" + ("" if args.xlsx_only else f", {base}.ods"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
