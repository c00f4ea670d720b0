"""Benchmark: time to classify every column of a database of 100 tables, as the row count grows.

Usage: python bench/bench_classify.py [--rows 200000,2000000,20000000] [--tables 100] [--pg] [--keep DIR]

For each total row count, builds a SQLite database of ``--tables`` tables
(persons, statistics, logs, free text: generated in SQL, nothing personal)
with the rows spread evenly, then times ``build_catalog`` (schema, exact row
count, spread-out sample of 300 rows per table, classification of every
column). With ``--pg`` the same tables are also generated in a throwaway
PostgreSQL server (``generate_series``) and timed there.

Sampling reads a bounded number of rows per table, so the time should stay
nearly flat while the data grow a hundredfold; what still grows is the exact
``COUNT(*)`` of each table, printed separately.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from auditor.catalog import build_catalog  # noqa: E402
from auditor.sources import open_source  # noqa: E402

TEMPLATES = {
    "usager": ("id INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, date_naissance TEXT, telephone TEXT, email TEXT, code_postal TEXT, commentaire TEXT",
               "x, {upper_name}, {name}, printf('%04d-%02d-%02d', 1940 + x % 60, 1 + x % 12, 1 + x % 28), printf('06 %02d %02d %02d %02d', x % 97, x % 89, x % 83, x % 79), "
               "printf('p%d@exemple.fr', x), printf('%05d', 91000 + x % 900), 'Personne reçue ce jour pour une demande, situation expliquée et orientation proposée.'"),
    "statistique": ("id INTEGER PRIMARY KEY, annee INTEGER, tranche_age TEXT, sexe TEXT, motif TEXT, effectif INTEGER",
                    "x, 2015 + x % 10, CASE x % 4 WHEN 0 THEN '18-24' WHEN 1 THEN '25-39' WHEN 2 THEN '40-59' ELSE '60+' END, "
                    "CASE x % 2 WHEN 0 THEN 'F' ELSE 'M' END, CASE x % 3 WHEN 0 THEN 'logement' WHEN 1 THEN 'budget' ELSE 'santé' END, x % 50"),
    "journal": ("id INTEGER PRIMARY KEY, id_agent INTEGER, id_usager INTEGER, date_acces TEXT, action TEXT",
                "x, x % 40, x % 5000, printf('2024-%02d-%02d 10:%02d:00', 1 + x % 12, 1 + x % 28, x % 60), CASE x % 2 WHEN 0 THEN 'lecture' ELSE 'ecriture' END"),
    "entretien": ("id INTEGER PRIMARY KEY, id_usager INTEGER, date_entretien TEXT, note TEXT",
                  "x, x % 5000, printf('2023-%02d-%02d', 1 + x % 12, 1 + x % 28), 'Entretien avec la personne au sujet de sa situation et de ses démarches en cours.'"),
}
NAME = "char(65 + x % 26, 97 + (x / 26) % 26, 97 + (x / 676) % 26, 97 + (x / 7) % 26, 101)"


def build_sqlite(path: Path, tables: int, total_rows: int) -> None:
    """Generate the database in SQL (recursive CTE), fast and deterministic."""
    per = max(1, total_rows // tables)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    kinds = list(TEMPLATES)
    for i in range(tables):
        kind = kinds[i % len(kinds)]
        cols, expr = TEMPLATES[kind]
        name = f"{kind}_{i:03d}"
        con.execute(f'CREATE TABLE "{name}" ({cols})')
        sql_expr = expr.format(upper_name=f"upper({NAME})", name=NAME)
        con.execute(f'INSERT INTO "{name}" WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < {per}) SELECT {sql_expr} FROM s')
        con.commit()
    con.close()


def build_pg(engine: sa.Engine, tables: int, total_rows: int) -> None:
    """The same tables in PostgreSQL with generate_series."""
    per = max(1, total_rows // tables)
    kinds = list(TEMPLATES)
    pg_name = "chr(65 + x % 26) || chr(97 + (x / 26) % 26) || chr(97 + (x / 676) % 26) || chr(97 + (x / 7) % 26) || 'e'"
    with engine.begin() as conn:
        for i in range(tables):
            kind = kinds[i % len(kinds)]
            cols, expr = TEMPLATES[kind]
            name = f"{kind}_{i:03d}"
            e = (expr.format(upper_name=f"upper({pg_name})", name=pg_name)
                 .replace("printf('%04d-%02d-%02d', 1940 + x % 60, 1 + x % 12, 1 + x % 28)", "to_char(make_date(1940 + x % 60, 1 + x % 12, 1 + x % 28), 'YYYY-MM-DD')")
                 .replace("printf('06 %02d %02d %02d %02d', x % 97, x % 89, x % 83, x % 79)", "'06 ' || lpad((x % 97)::text, 2, '0') || ' ' || lpad((x % 89)::text, 2, '0') || ' ' || lpad((x % 83)::text, 2, '0') || ' ' || lpad((x % 79)::text, 2, '0')")
                 .replace("printf('p%d@exemple.fr', x)", "'p' || x || '@exemple.fr'")
                 .replace("printf('%05d', 91000 + x % 900)", "(91000 + x % 900)::text")
                 .replace("printf('2024-%02d-%02d 10:%02d:00', 1 + x % 12, 1 + x % 28, x % 60)", "to_char(make_timestamp(2024, 1 + x % 12, 1 + x % 28, 10, x % 60, 0), 'YYYY-MM-DD HH24:MI:SS')")
                 .replace("printf('2023-%02d-%02d', 1 + x % 12, 1 + x % 28)", "to_char(make_date(2023, 1 + x % 12, 1 + x % 28), 'YYYY-MM-DD')"))
            conn.execute(sa.text(f'CREATE TABLE "{name}" ({cols.replace("INTEGER PRIMARY KEY", "BIGINT PRIMARY KEY")})'))
            conn.execute(sa.text(f'INSERT INTO "{name}" SELECT {e} FROM generate_series(1, {per}) AS g(x)'))
            conn.execute(sa.text(f'ANALYZE "{name}"'))


def time_catalog(spec: str) -> tuple[float, float, int, int]:
    """(seconds for build_catalog, seconds for the COUNT(*) alone, tables, columns)."""
    src = open_source(spec, interactive=False)
    try:
        t0 = time.perf_counter()
        cat = build_catalog(src)
        t1 = time.perf_counter()
        with src.engine.connect() as conn:
            for name in cat.tables:
                conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one()
        t2 = time.perf_counter()
    finally:
        src.close()
    return t1 - t0, t2 - t1, len(cat.tables), sum(len(t.columns) for t in cat.tables.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="200000,2000000,20000000", help="total rows per database, comma-separated")
    ap.add_argument("--tables", type=int, default=100)
    ap.add_argument("--pg", action="store_true", help="also time on a throwaway PostgreSQL server")
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated SQLite files in this folder")
    args = ap.parse_args()
    sizes = [int(x) for x in args.rows.split(",")]
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="bench-classify-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"{'moteur':10} {'lignes':>12} {'tables':>6} {'colonnes':>8} {'génération':>11} {'catalogue':>10} {'dont COUNT(*)':>14} {'par table':>10}")
    for n in sizes:
        path = out_dir / f"bench_{n}.sqlite"
        t0 = time.perf_counter()
        if not path.exists():
            build_sqlite(path, args.tables, n)
        gen = time.perf_counter() - t0
        secs, count_secs, ntab, ncol = time_catalog(str(path))
        print(f"{'sqlite':10} {n:>12,} {ntab:>6} {ncol:>8} {gen:>10.1f}s {secs:>9.2f}s {count_secs:>13.2f}s {1000 * secs / ntab:>8.1f}ms".replace(",", " "))
        if not args.keep:
            path.unlink()
    if args.pg:
        from tests.pgserver import SUPERPASS, SUPERUSER, start_server

        import os

        server = start_server()
        try:
            for n in sizes:
                db = f"bench_{n}"
                server.create_database(db)
                eng = server.admin_engine(db)
                t0 = time.perf_counter()
                build_pg(eng, args.tables, n)
                gen = time.perf_counter() - t0
                eng.dispose()
                os.environ["AUDITOR_DB_PASSWORD"] = SUPERPASS
                secs, count_secs, ntab, ncol = time_catalog(server.url_without_password(db, SUPERUSER))
                print(f"{'postgresql':10} {n:>12,} {ntab:>6} {ncol:>8} {gen:>10.1f}s {secs:>9.2f}s {count_secs:>13.2f}s {1000 * secs / ntab:>8.1f}ms".replace(",", " "))
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
