"""The samples exported as .xlsx and .ods (sample_data/export_spreadsheets.py) give the findings of their CSV export.

Same rules, tables, columns, subjects, counts and severities, for every check;
the workbooks are only read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from auditor.api import audit

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
AS_OF = dt.date(2026, 6, 30)


def _key(result) -> dict[tuple, tuple]:
    return {(f.rule, f.table, f.column, f.subject): (f.affected, f.total, f.severity.value, f.title) for f in result.findings}


@pytest.fixture(scope="module", params=["company", "departement"])
def sample(request) -> tuple[str, dict[tuple, tuple]]:
    name = request.param
    return name, _key(audit(str(SAMPLES / name / "csv"), as_of=AS_OF))


@pytest.mark.parametrize("ext", ["xlsx", "ods"])
def test_workbook_gives_the_csv_findings(sample, ext):
    name, expected = sample
    book = SAMPLES / name / f"{name}.{ext}"
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    result = audit(str(book), as_of=AS_OF)
    got = _key(result)
    assert {f.check for f in result.findings} == {"access", "nominative", "subjective", "retention"}
    assert got == expected
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before
    assert all(f.details.get("origin", "").startswith(f"{name}.{ext} › ") for f in result.findings if f.table)


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xlsx-streamed"])
@pytest.mark.parametrize("name", ["company", "departement"])
def test_workbook_holds_the_csv_tables(name, ext, monkeypatch):
    """Table by table, the workbook loads to the same columns, types and rows as the CSV export (else rerun the export script).

    ``xlsx-streamed``: the .xlsx read by the streaming reader used for large sheets.
    """
    import sqlalchemy as sa

    import auditor.sources.xlsx_stream as xs
    from auditor.sources import open_source

    if ext == "xlsx-streamed":
        monkeypatch.setattr(xs, "STREAM_ABOVE", 0)
        ext = "xlsx"

    a, b = open_source(str(SAMPLES / name / "csv")), open_source(str(SAMPLES / name / f"{name}.{ext}"))
    try:
        assert a.table_names() == b.table_names()
        ia, ib = sa.inspect(a.engine), sa.inspect(b.engine)
        with a.engine.connect() as ca, b.engine.connect() as cb:
            for t in a.table_names():
                cols = [(c["name"], str(c["type"])) for c in ia.get_columns(t)]
                assert cols == [(c["name"], str(c["type"])) for c in ib.get_columns(t)], t
                tab = sa.table(t, *[sa.column(c) for c, _ in cols])
                assert ca.execute(sa.select(tab)).fetchall() == cb.execute(sa.select(tab)).fetchall(), t
    finally:
        a.close()
        b.close()
