"""Benchmark of the access-log analysis: a SQLite database with a log of at
least 5 million lines is generated in a temporary folder (never in the
repository), then the access check runs on it and prints rows per second.

    python bench/bench_access.py [--rows 5000000] [--persons 200000] [--agents 2000] [--keep DIR]

The log is generated inside SQLite by a recursive query (95 % of the reads
by a referent of the person, 5 % by a random account), so the generator
itself uses no memory either. The figures printed: generation time, the time
of each log rule, rows per second over the log, and the peak resident memory
of the process (which must not grow with the log).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def generate(path: Path, rows: int, persons: int, agents: int) -> None:
    """Write the benchmark database."""
    conn = sqlite3.connect(path)
    conn.executescript(f"""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE mds (id_mds INTEGER PRIMARY KEY, nom_mds TEXT);
        CREATE TABLE usager (id_usager INTEGER PRIMARY KEY, nom TEXT, prenom TEXT, id_mds INTEGER);
        CREATE TABLE dossier_intervention_sociale (id_dis INTEGER PRIMARY KEY, id_usager INTEGER, difficultes TEXT);
        CREATE TABLE agent (id_agent INTEGER PRIMARY KEY, login TEXT, nom TEXT, prenom TEXT, fonction TEXT,
                            id_mds INTEGER, actif INTEGER, date_sortie TEXT, mdp_hash TEXT);
        CREATE TABLE droit_acces (id_droit INTEGER PRIMARY KEY, fonction TEXT, table_cible TEXT, lecture INTEGER,
                                  ecriture INTEGER, perimetre TEXT);
        CREATE TABLE referent (id_agent INTEGER, id_usager INTEGER);
        CREATE TABLE journal_consultation (id_log INTEGER PRIMARY KEY, id_agent INTEGER, id_usager INTEGER,
                                           date_consultation TIMESTAMP);
        WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 20)
          INSERT INTO mds SELECT n, 'MDS ' || n FROM s;
        WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {persons})
          INSERT INTO usager SELECT n, 'Nom' || n, 'Prenom' || n, 1 + n % 20 FROM s;
        INSERT INTO dossier_intervention_sociale SELECT id_usager, id_usager, 'Situation suivie.' FROM usager;
        WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {agents})
          INSERT INTO agent SELECT n, 'agent' || n, 'Nom' || n, 'Prenom' || n,
                 CASE WHEN n % 10 = 0 THEN 'SECRETARIAT' WHEN n % 25 = 1 THEN 'CHEF_SERVICE' ELSE 'ASS' END,
                 1 + n % 20, 1,
                 CASE WHEN n % 97 = 0 THEN '2025-03-31' END, lower(hex(randomblob(16))) FROM s;
        INSERT INTO droit_acces (fonction, table_cible, lecture, ecriture, perimetre) VALUES
          ('ASS', 'dossier_intervention_sociale', 1, 1, 'mds'), ('CHEF_SERVICE', 'dossier_intervention_sociale', 1, 0, 'departement'),
          ('SECRETARIAT', 'usager', 1, 1, 'mds');
        INSERT INTO referent SELECT CASE WHEN x = 0 THEN 20 ELSE x END, id_usager
          FROM (SELECT id_usager, ((id_usager * 37) % ({agents} / 20)) * 20 + (id_usager % 20) AS x FROM usager);
    """)
    refs = conn.execute("SELECT count(*) FROM referent").fetchone()[0]
    conn.execute(f"""
        WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {rows})
        INSERT INTO journal_consultation
        SELECT n,
               CASE WHEN n % 20 = 7 THEN 1 + (n * 7919) % {agents} ELSE r.id_agent END,
               CASE WHEN n % 20 = 7 THEN 1 + (n * 104729) % {persons} ELSE r.id_usager END,
               datetime('2025-01-01', '+' || ((n * 13) % 525600) || ' minutes')
        FROM s JOIN referent r ON r.rowid = 1 + (n * 48271) % {refs}
    """)
    conn.executescript("""
        CREATE INDEX ix_log_agent ON journal_consultation(id_agent);
        CREATE INDEX ix_log_usager ON journal_consultation(id_usager);
        CREATE INDEX ix_ref ON referent(id_agent, id_usager);
    """)
    conn.commit()
    conn.close()
    path.chmod(0o600)


def peak_mib() -> float:
    """Peak resident memory of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--persons", type=int, default=200_000)
    ap.add_argument("--agents", type=int, default=2_000)
    ap.add_argument("--keep", type=Path, help="folder where the generated database is kept (default: a temporary folder, deleted)")
    args = ap.parse_args(argv)

    from auditor.catalog import build_catalog
    from auditor.context import CheckContext
    from auditor.policy import load_policy
    from auditor.redact import Pseudonymiser
    from auditor.sources import open_source
    from checks.access import rules_log
    from checks.access.model import build_model

    folder = args.keep or Path(tempfile.mkdtemp(prefix="auditor-bench-access-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench_access.sqlite"
    try:
        if not db.exists():
            t0 = time.perf_counter()
            generate(db, args.rows, args.persons, args.agents)
            print(f"génération : {args.rows:,} lignes de journal en {time.perf_counter() - t0:.1f} s ({db})".replace(",", " "))
        source = open_source(str(db))
        policy = load_policy(None)
        t0 = time.perf_counter()
        catalog = build_catalog(source, overrides={}, sample_size=300)
        ctx = CheckContext(source=source, catalog=catalog, policy=policy, pseudonymiser=Pseudonymiser(),
                           as_of=dt.date(2026, 6, 30), check_name="access")
        model = build_model(ctx)
        log = catalog.tables["journal_consultation"]
        n = int(log.rows or 0)
        print(f"catalogue et modèle : {time.perf_counter() - t0:.1f} s ; journal : {n:,} lignes".replace(",", " "))
        total = 0.0
        for name, fn in (("lectures inexpliquées", rules_log.log_unexplained_reads),
                         ("parcours en rafale", rules_log.log_browsing),
                         ("accès après départ", rules_log.log_reads_after_departure)):
            t0 = time.perf_counter()
            found = list(fn(ctx))
            dt_s = time.perf_counter() - t0
            total += dt_s
            print(f"{name:24s} {dt_s:7.1f} s  {n / dt_s:12,.0f} lignes/s  {len(found)} constat(s)".replace(",", " "))
        print(f"analyse du journal      {total:7.1f} s  {n / total:12,.0f} lignes/s (les trois règles)".replace(",", " "))
        print(f"mémoire maximale du processus : {peak_mib():.0f} Mio")
        res = ctx.facts[f"access.log.{log.name}"]["totals"]
        print("accès expliqués : " + ", ".join(f"{k} = {v:,}".replace(",", " ") for k, v in res.items()))
        del model
        source.close()
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
