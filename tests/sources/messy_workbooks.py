"""Messy workbooks written by real writers (openpyxl for .xlsx, odfpy for .ods, xlwt for .xls).

Each holds the same fictitious content, the way a service sends "anonymous
statistics" to a funder:

- ``Statistiques`` (visible): a title row and a note above the header, a
  cross-table Territoire × year with a Total column and a Total row, one cell
  suppressed as ``<5`` that the margins give back (Nord 2024 = 3), one small cell
  (Est 2023 = 8), a note under the table and, in .xlsx, thousands of blank
  rows and columns (cells holding a space); in .ods 3,000 × 1,000 repeated empty cells; in .ods the margins are formulas (cached values);
- ``Par âge``: a two-level header (years merged over Femmes / Hommes) with a
  Total column; the 18-24 / 2024 Hommes cell is 2;
- ``Deux tableaux``: two tables separated by blank rows and a title, the first
  with a totals row and two masked cells (``s``, ``*``: not recomputable), the
  second with one masked cell ``NC`` that its "Ensemble" row gives back;
- ``Extraction`` (visible): row-by-row data with a hidden ``Nom`` column, date
  cells and text dates;
- ``Détail stat`` (hidden sheet): the names behind the figures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TITLE = "Accompagnements par territoire et par année"
NOTE = "Source : logiciel de suivi social, extraction du 15/01/2025"
CROSS = [
    ["Territoire", 2022, 2023, 2024, "Total"],
    ["Nord", 40, 35, "<5", 78],
    ["Sud", 25, 30, 22, 77],
    ["Est", 12, 8, 15, 35],
    ["Total", 77, 73, 40, 190],
]
AGE_TOP = ["Tranche d'âge", "2023", None, "2024", None, "Total"]
AGE_SUB = [None, "Femmes", "Hommes", "Femmes", "Hommes", None]
AGE_ROWS = [["18-24 ans", 14, 12, 16, 2, 44], ["25-59 ans", 55, 41, 60, 38, 194], ["60 ans et plus", 21, 19, 18, 17, 75]]
MOTIFS = [["Motif", "Effectif"], ["Logement", 31], ["Budget", "s"], ["Santé", "*"], ["Emploi", 18], ["Total", 70]]
SEXES_TITLE = "Répartition par sexe"
SEXES = [["Sexe", "Effectif"], ["Femmes", 40], ["Hommes", "NC"], ["Ensemble", 71]]
EXTRACT_HEAD = ["Nom", "Année", "Territoire", "Tranche d'âge", "Date d'ouverture", "Date de clôture", "Motif"]
PERSONS = [
    ("Martin", "Nord"), ("Bernard", "Nord"), ("Dubois", "Sud"), ("Thomas", "Sud"), ("Robert", "Est"),
    ("Richard", "Est"), ("Petit", "Nord"), ("Durand", "Sud"), ("Leroy", "Est"), ("Moreau", "Nord"),
    ("Simon", "Sud"), ("Laurent", "Est"),
]
HIDDEN_HEAD = ["Nom", "Prénom", "Territoire", "Année", "Motif"]
FIRST = ["Marie", "Jean", "Sophie", "Pierre", "Nathalie", "Michel", "Isabelle", "Philippe", "Sylvie", "Alain", "Catherine", "Patrick"]


def extract_rows() -> list[list[object]]:
    rows = []
    for i, (name, terr) in enumerate(PERSONS):
        opened = dt.date(2023, 1 + i % 12, 1 + i)
        closed = f"{10 + i:02d}/{1 + i % 12:02d}/2024"  # a text date, typed by hand
        rows.append([name, 2024, terr, "25-59 ans" if i % 2 else "18-24 ans", opened, closed, "Logement" if i % 3 else "Budget"])
    rows.append(["Total", len(PERSONS)])  # a totals row under a row-by-row table: not a person
    return rows


def hidden_rows() -> list[list[object]]:
    return [[name, FIRST[i], terr, 2024, "Logement" if i % 3 else "Budget"] for i, (name, terr) in enumerate(PERSONS)]


# ---------------------------------------------------------------- .xlsx (openpyxl)
def write_xlsx(path: Path, padding: bool = True) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Statistiques"
    ws.append([TITLE])
    ws.append([NOTE])
    ws.append([])
    for row in CROSS:
        ws.append(row)
    ws.append([])
    ws.append(["<5 : effectif inférieur à 5, masqué (secret statistique)"])
    if padding:
        # thousands of blank rows and columns (cells holding a space), as left by a copied layout
        for r in range(12, 4000, 7):
            ws.cell(row=r, column=1, value=" ")
        for c in range(8, 1200, 13):
            ws.cell(row=3, column=c, value=" ")

    ws = wb.create_sheet("Par âge")
    ws.append(AGE_TOP)
    ws.append(AGE_SUB)
    for row in AGE_ROWS:
        ws.append(row)
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("F1:F2")

    ws = wb.create_sheet("Deux tableaux")
    ws.append(["Motifs de la demande"])
    for row in MOTIFS:
        ws.append(row)
    ws.append([])
    ws.append([])
    ws.append([SEXES_TITLE])
    for row in SEXES:
        ws.append(row)

    ws = wb.create_sheet("Extraction")
    ws.append(EXTRACT_HEAD)
    for row in extract_rows():
        ws.append(row)
    for r in range(2, 2 + len(PERSONS)):
        ws.cell(row=r, column=5).number_format = "DD/MM/YYYY"
        ws.cell(row=r, column=6).data_type = "s"
    ws.column_dimensions["A"].hidden = True

    ws = wb.create_sheet("Détail stat")
    ws.sheet_state = "hidden"
    ws.append(HIDDEN_HEAD)
    for row in hidden_rows():
        ws.append(row)
    wb.save(path)
    return path


# ---------------------------------------------------------------- .ods (odfpy)
def write_ods(path: Path) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden = Style(name="cache", family="table")
    hidden.addElement(TableProperties(display=False))
    doc.automaticstyles.addElement(hidden)

    def cell(v: object = None, formula: str | None = None, span: int | None = None) -> TableCell:
        kw: dict[str, object] = {}
        if isinstance(v, dt.date):
            kw = {"valuetype": "date", "datevalue": v.isoformat()}
        elif isinstance(v, (int, float)):
            kw = {"valuetype": "float", "value": v}
        elif v is not None:
            kw = {"valuetype": "string"}
        if formula:
            kw["formula"] = formula
        if span:
            kw["numbercolumnsspanned"] = span
        c = TableCell(**kw)
        if v is not None:
            c.addElement(P(text=v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else str(v)))
        return c

    def row(values: list[object], formulas: dict[int, str] | None = None) -> TableRow:
        tr = TableRow()
        for i, v in enumerate(values):
            tr.addElement(cell(v, (formulas or {}).get(i)))
        return tr

    t = Table(name="Statistiques")
    t.addElement(row([TITLE]))
    t.addElement(row([NOTE]))
    t.addElement(TableRow())
    t.addElement(row(CROSS[0]))
    # margins as formulas with their cached values (rows 5-7, columns B-E)
    for r, values in enumerate(CROSS[1:4], start=5):
        t.addElement(row(values, {4: f"of:=SUM([.B{r}:.D{r}])"}))
    t.addElement(row(CROSS[4], {i: f"of:=SUM([.{c}5:.{c}7])" for i, c in enumerate("BCDE", start=1)}))
    t.addElement(TableRow())
    t.addElement(row(["<5 : effectif inférieur à 5, masqué (secret statistique)"]))
    empty = TableRow(numberrowsrepeated=3000)
    empty.addElement(TableCell(numbercolumnsrepeated=1000))
    t.addElement(empty)
    doc.spreadsheet.addElement(t)

    t = Table(name="Par âge")
    top = TableRow()
    top.addElement(cell(AGE_TOP[0]))
    top.addElement(cell("2023", span=2))
    top.addElement(CoveredTableCell())
    top.addElement(cell("2024", span=2))
    top.addElement(CoveredTableCell())
    top.addElement(cell("Total"))
    t.addElement(top)
    t.addElement(row(AGE_SUB))
    for values in AGE_ROWS:
        t.addElement(row(values))
    doc.spreadsheet.addElement(t)

    t = Table(name="Deux tableaux")
    t.addElement(row(["Motifs de la demande"]))
    for values in MOTIFS:
        t.addElement(row(values))
    t.addElement(TableRow())
    t.addElement(TableRow())
    t.addElement(row([SEXES_TITLE]))
    for values in SEXES:
        t.addElement(row(values))
    doc.spreadsheet.addElement(t)

    t = Table(name="Extraction")
    t.addElement(TableColumn(visibility="collapse"))
    t.addElement(TableColumn(numbercolumnsrepeated=len(EXTRACT_HEAD) - 1))
    t.addElement(row(EXTRACT_HEAD))
    for values in extract_rows():
        t.addElement(row(values))
    doc.spreadsheet.addElement(t)

    t = Table(name="Détail stat", stylename=hidden)
    t.addElement(row(HIDDEN_HEAD))
    for values in hidden_rows():
        t.addElement(row(values))
    doc.spreadsheet.addElement(t)
    doc.save(str(path))
    return path


# ---------------------------------------------------------------- .xls (xlwt)
def write_xls(path: Path) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Statistiques")
    ws.write(0, 0, TITLE)
    ws.write(1, 0, NOTE)
    for r, values in enumerate(CROSS, start=3):
        for c, v in enumerate(values):
            ws.write(r, c, v)
    ws.write(9, 0, "<5 : effectif inférieur à 5, masqué (secret statistique)")
    ws = wb.add_sheet("Par âge")
    ws.write_merge(0, 1, 0, 0, AGE_TOP[0])
    ws.write_merge(0, 0, 1, 2, "2023")
    ws.write_merge(0, 0, 3, 4, "2024")
    ws.write_merge(0, 1, 5, 5, "Total")
    for c, v in enumerate(AGE_SUB):
        if v is not None:
            ws.write(1, c, v)
    for r, values in enumerate(AGE_ROWS, start=2):
        for c, v in enumerate(values):
            ws.write(r, c, v)
    ws = wb.add_sheet("Détail stat")
    ws.visibility = 1
    for c, v in enumerate(HIDDEN_HEAD):
        ws.write(0, c, v)
    for r, values in enumerate(hidden_rows(), start=1):
        for c, v in enumerate(values):
            ws.write(r, c, v)
    wb.save(str(path))
    return path
