"""Reading speed and peak memory of the workbook loader (``auditor.sources.office``).

    python bench/bench_spreadsheet.py                     # 200,000 rows, .xlsx
    python bench/bench_spreadsheet.py --rows 50000 --formats xlsx,ods

Writes under /tmp/auditor-bench-sheets (kept, so a second run skips the writing)
one workbook per format: a title row, a header, then ``--rows`` rows of a
row-by-row extraction (id, name, first name, birth date as a date cell, postal
code as text, city, amount, a text date, a free note of about 12 words). The
.xlsx is written by openpyxl in write-only mode, the .ods by odfpy (slow to
write: about 30 s per 10,000 rows).

Each format is opened in a child process by ``open_source``; the .xlsx twice:
read by calamine (a whole sheet in memory, fast) and streamed by
``auditor.sources.xlsx_stream`` (flat memory; used above 128 MB of sheet XML).
Each (everything the
auditor does before the checks: read, type, load into the private SQLite) and
the script prints rows per second and the peak resident memory of that child
(``VmHWM``), beside the same figures for the same rows as a CSV file, and
the child's baseline memory after imports (so the loader's own share shows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = Path("/tmp/auditor-bench-sheets")
HEADER = ["id", "nom", "prenom", "date_naissance", "cp", "commune", "montant", "date_saisie", "observations"]
WORDS = ("rendez-vous logement dossier aide budget famille emploi orientation demande suivi accompagnement "
         "mairie caisse courrier relance visite").split()


def _rows(n: int):
    rnd = random.Random(16)
    for i in range(1, n + 1):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rnd.randrange(0, 25000))
        entered = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(0, 3500))
        yield [i, f"Nom{i % 9973}", f"Prenom{i % 611}", born, f"{rnd.randrange(1000, 95999):05d}", f"Commune{i % 311}",
               round(rnd.random() * 2000, 2), entered.strftime("%d/%m/%Y"), " ".join(rnd.choice(WORDS) for _ in range(12))]


def write_xlsx(path: Path, n: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Extraction")
    ws.append(["Extraction du logiciel de suivi"])
    ws.append(HEADER)
    for row in _rows(n):
        cells = [WriteOnlyCell(ws, value=v) for v in row]
        cells[3].number_format = "DD/MM/YYYY"
        ws.append(cells)
    wb.save(path)


def write_ods(path: Path, n: int) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    t = Table(name="Extraction")
    for values in [["Extraction du logiciel de suivi"], HEADER]:
        tr = TableRow()
        for v in values:
            c = TableCell(valuetype="string")
            c.addElement(P(text=v))
            tr.addElement(c)
        t.addElement(tr)
    for row in _rows(n):
        tr = TableRow()
        for v in row:
            if isinstance(v, dt.date):
                c = TableCell(valuetype="date", datevalue=v.isoformat())
            elif isinstance(v, (int, float)):
                c = TableCell(valuetype="float", value=v)
            else:
                c = TableCell(valuetype="string")
            c.addElement(P(text=str(v)))
            tr.addElement(c)
        t.addElement(tr)
    doc.spreadsheet.addElement(t)
    doc.save(str(path))


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(";".join(HEADER) + "\n")
        for row in _rows(n):
            fh.write(";".join(v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else str(v).replace(".", ",") for v in row) + "\n")


CHILD = r"""
import json, sys, time
import sqlalchemy as sa
from auditor.sources import open_source
import auditor.sources.xlsx_stream as xs
if len(sys.argv) > 2:
    xs.STREAM_ABOVE = int(sys.argv[2])

def hwm():
    # peak resident memory of this process since exec (ru_maxrss would count the parent's pages before exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
base = hwm()
t0 = time.perf_counter(); c0 = time.process_time()
s = open_source(sys.argv[1])
wall = time.perf_counter() - t0; cpu = time.process_time() - c0
with s.engine.connect() as c:
    name = s.table_names()[0]
    rows = c.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar()
s.close()
print(json.dumps({"rows": rows, "wall": wall, "cpu": cpu, "base_kb": base,
                  "peak_kb": hwm()}))
"""


def measure(path: Path, stream_above: int | None = None) -> dict:
    args = [sys.executable, "-c", CHILD, str(path)] + ([str(stream_above)] if stream_above is not None else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--formats", default="xlsx", help="comma-separated: xlsx, ods (csv is always measured)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    writers = {"xlsx": write_xlsx, "ods": write_ods, "csv": write_csv}
    results = []
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    for fmt in [f for f in args.formats.split(",") if f] + ["csv"]:
        path = OUT / f"extraction_{args.rows}.{fmt}"
        if not path.exists():
            t0 = time.perf_counter()
            writers[fmt](path, args.rows)
            print(f"écrit {path} en {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.1f} Mo)")
        modes = [("", None)] if fmt != "xlsx" else [(" (calamine)", 1 << 50), (" (flux)", 0)]
        for label, above in modes:
            r = measure(path, above)
            r.update(format=fmt + label, file_mb=round(path.stat().st_size / 1e6, 1), rows_per_s=round(r["rows"] / r["wall"]))
            results.append(r)
            _print(r, load)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _print(r: dict, load: str) -> None:
    print(f"{r['format']:16} {r['rows']:>8} lignes  {r['wall']:6.1f} s  {r['rows_per_s']:>8} lignes/s  CPU {r['cpu']:5.1f} s  "
          f"mémoire de pointe {r['peak_kb'] / 1024:5.0f} Mo (après imports {r['base_kb'] / 1024:4.0f} Mo)  "
          f"fichier {r['file_mb']} Mo  charge {load}")


if __name__ == "__main__":
    raise SystemExit(main())
