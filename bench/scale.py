"""A whole département's database, built by recombining the département sample.

    python bench/scale.py --scale 1.0                  # 200,000 persons, 1,000,000 notes, 5,000,000 log lines
    python bench/scale.py --scale 0.2 --out /tmp/x.sqlite
    python bench/scale.py --scale 1.0 --postgresql postgresql://user:pass@127.0.0.1:5432/db

``--scale 1`` gives the target of the benchmark: about 200,000 persons, 1,000,000
interview notes of about 60 words, 5,000,000 access-log lines, and the statistics,
extraction, referent and emergency-contact tables in proportion. The sample
(``sample_data/departement/departement.sqlite``, 1,500 persons) is copied block by block
inside SQLite (``INSERT ... SELECT`` from the attached sample, one block per step, so
memory stays flat): block k holds the sample's persons, files, agents, referents and
contacts with their keys shifted, and as many notes and log lines as the scale asks.
Each note joins two or three notes of the sample (about 60 words); log lines are repeated
with their dates moved back by whole days. Persons of block k belong to one of up to 40
MDS (the sample's 5, repeated), and the statistics table is repeated for each group of 5.

The values are the sample's (fictitious) values: names and NIR repeat from block to
block. Foreign-key columns are indexed, as in a production database. The database is
written under /tmp (never in the repository). ``--postgresql URL`` then copies it into
that (empty) PostgreSQL database with COPY, adds the keys and indexes and runs ANALYZE.
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_data" / "departement" / "departement.sqlite"

PERSONS, NOTES, LOG_LINES = 200_000, 1_000_000, 5_000_000
MAX_MDS_GROUPS = 8  # 8 x 5 = 40 MDS at most

INDEXES = [
    ("dossier_intervention_sociale", "id_usager"),
    ("entretien", "id_usager"),
    ("entretien", "id_agent"),
    ("referent", "id_agent, id_usager"),
    ("referent", "id_usager"),
    ("journal_consultation", "id_usager"),
    ("journal_consultation", "id_agent"),
    ("contact_urgence", "id_usager"),
    ("usager", "id_mds"),
    ("agent", "id_mds"),
]


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _max(con: sqlite3.Connection, table: str, col: str) -> int:
    return int(con.execute(f"SELECT max({col}) FROM seed.{table}").fetchone()[0] or 0)


def build(out: Path, scale: float, seed: Path = SEED, say=print) -> dict[str, int]:
    """Write the scaled database at ``out``; return the row count of each table."""
    out = out.resolve()
    if ROOT in out.parents:
        raise SystemExit(f"refus d'écrire {out} dans le dépôt : choisissez un chemin sous /tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    for p in (out, out.with_suffix(out.suffix + "-journal")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = sqlite3.connect(f"file:{out}", uri=True)
    con.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;")
    con.execute("ATTACH DATABASE ? AS seed", (f"file:{seed.resolve()}?mode=ro",))
    schema = [r[0] for r in con.execute("SELECT sql FROM seed.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for sql in schema:
        con.execute(sql)

    seed_persons = int(con.execute("SELECT count(*) FROM seed.usager").fetchone()[0])
    seed_notes = int(con.execute("SELECT count(*) FROM seed.entretien").fetchone()[0])
    seed_logs = int(con.execute("SELECT count(*) FROM seed.journal_consultation").fetchone()[0])
    blocks = max(1, round(PERSONS * scale / seed_persons))
    notes_per_block = max(1, round(NOTES * scale / blocks))
    logs_per_block = max(1, round(LOG_LINES * scale / blocks))
    groups = min(MAX_MDS_GROUPS, blocks)
    U, D, A = _max(con, "usager", "id_usager"), _max(con, "dossier_intervention_sociale", "id_dis"), _max(con, "agent", "id_agent")
    C, X, S = _max(con, "contact_urgence", "id"), _max(con, "extraction_observatoire", "id"), _max(con, "statistique_mds", "id")
    E, L = _max(con, "entretien", "id_entretien"), _max(con, "journal_consultation", "id_log")
    n_mds = _max(con, "mds", "id_mds")

    # the sample's notes numbered 0..n-1, and replica numbers
    con.execute("CREATE TEMP TABLE sn AS SELECT row_number() OVER (ORDER BY id_entretien) - 1 AS i, "
                "coalesce(note, '') AS note FROM seed.entretien")
    con.execute("CREATE UNIQUE INDEX temp.ix_sn ON sn(i)")
    reps = max(math.ceil(notes_per_block / seed_notes), math.ceil(logs_per_block / seed_logs))
    con.execute("CREATE TEMP TABLE rr(r INTEGER PRIMARY KEY)")
    con.executemany("INSERT INTO rr VALUES (?)", [(r,) for r in range(reps)])

    # MDS and statistics: one copy per group of blocks
    for g in range(groups):
        suffix = "" if g == 0 else f" {g + 1}"
        con.execute(f"INSERT INTO mds SELECT id_mds + {g * n_mds}, nom_mds || '{suffix}', commune FROM seed.mds")
        con.execute(f"INSERT INTO statistique_mds SELECT id + {g * S}, annee, nom_mds || '{suffix}', tranche_age, sexe, "
                    f"motif, effectif, effectif_diffuse FROM seed.statistique_mds")
    con.execute("INSERT INTO droit_acces SELECT * FROM seed.droit_acces")
    con.commit()

    n_sn = seed_notes
    for k in range(blocks):
        mds_shift = (k % groups) * n_mds
        con.execute(f"""INSERT INTO usager SELECT id_usager + {k * U}, civilite, nom_usage, nom_naissance, prenom, dt_naiss,
                        nir, adresse, cp, commune, tel, mail, nationalite, situation_familiale, num_caf,
                        id_mds + {mds_shift}, ressources_mensuelles, date_creation, archive FROM seed.usager""")
        con.execute(f"""INSERT INTO agent SELECT id_agent + {k * A}, login || CASE WHEN {k} = 0 THEN '' ELSE '.{k}' END,
                        nom, prenom, fonction, id_mds + {mds_shift}, actif, date_sortie, mdp_hash FROM seed.agent""")
        con.execute(f"INSERT INTO referent SELECT id_agent + {k * A}, id_usager + {k * U} FROM seed.referent")
        con.execute(f"""INSERT INTO dossier_intervention_sociale SELECT id_dis + {k * D}, id_usager + {k * U}, date_ouverture,
                        type_contact, difficultes, capacites_mobilisation, freins_potentialites, interventions_preconisees,
                        situation_sejour, date_cloture, id_referent + {k * A} FROM seed.dossier_intervention_sociale""")
        con.execute(f"INSERT INTO contact_urgence SELECT id + {k * C}, id_usager + {k * U}, nom, prenom, lien, tel FROM seed.contact_urgence")
        con.execute(f"INSERT INTO extraction_observatoire SELECT id + {k * X}, annee_naissance, sexe, cp, nationalite, "
                    f"situation_familiale, motif, id_usager_hash FROM seed.extraction_observatoire")
        # notes: replica r of sample note e joins it with one or two other sample notes
        con.execute(f"""
            INSERT INTO entretien
            SELECT {k * notes_per_block} + rr.r * {E} + e.id_entretien, e.id_usager + {k * U}, e.id_agent + {k * A},
                   e.date_entretien, e.objet,
                   CASE WHEN e.note IS NULL THEN NULL ELSE
                     e.note || ' ' || s2.note ||
                     CASE WHEN (e.id_entretien + rr.r + {k}) % 3 = 0 THEN ' ' || s3.note ELSE '' END END
            FROM seed.entretien e CROSS JOIN rr
            JOIN sn s2 ON s2.i = (e.id_entretien * 7 + rr.r * 13 + {k * 31}) % {n_sn}
            JOIN sn s3 ON s3.i = (e.id_entretien * 11 + rr.r * 17 + {k * 37}) % {n_sn}
            WHERE rr.r * {E} + e.id_entretien <= {notes_per_block}
        """)
        con.execute(f"""
            INSERT INTO journal_consultation
            SELECT {k * logs_per_block} + rr.r * {L} + j.id_log, j.id_agent + {k * A}, j.id_usager + {k * U},
                   CASE WHEN rr.r = 0 THEN j.date_consultation
                        ELSE datetime(j.date_consultation, '-' || ((rr.r * 29 + {k}) % 700) || ' days') END
            FROM seed.journal_consultation j CROSS JOIN rr
            WHERE rr.r * {L} + j.id_log <= {logs_per_block}
        """)
        con.commit()
        if (k + 1) % max(1, blocks // 10) == 0 or k + 1 == blocks:
            say(f"  bloc {k + 1}/{blocks} ({time.perf_counter() - t0:.0f} s)")
    for table, cols in INDEXES:
        con.execute(f"CREATE INDEX ix_{table}_{cols.replace(', ', '_')} ON {table}({cols})")
    con.commit()
    con.execute("DETACH DATABASE seed")
    counts = {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
              for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")}
    con.close()
    say(f"base écrite : {out} ({out.stat().st_size / 2**20:.0f} Mio) en {time.perf_counter() - t0:.0f} s")
    return counts


def _pg_type(decl: str) -> str:
    d = (decl or "").upper()
    if "INT" in d:
        return "bigint"
    if any(x in d for x in ("REAL", "FLOA", "DOUB", "NUM")):
        return "double precision"
    if d == "DATE":
        return "date"
    if d in ("TIMESTAMP", "DATETIME"):
        return "timestamp"
    return "text"


def load_postgresql(sqlite_path: Path, url: str, say=print) -> None:
    """Copy every table of ``sqlite_path`` into the PostgreSQL database ``url`` (libpq URL)
    with COPY, then primary keys, the foreign-key indexes and ANALYZE."""
    import psycopg

    t0 = time.perf_counter()
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    tables = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as pg:
        for t in tables:
            cols = src.execute(f'PRAGMA table_info("{t}")').fetchall()
            pg.execute(f'DROP TABLE IF EXISTS "{t}"')
            pg.execute(f'CREATE TABLE "{t}" (' + ", ".join(f'"{c[1]}" {_pg_type(c[2])}' for c in cols) + ")")
            names = ", ".join(f'"{c[1]}"' for c in cols)
            # dates of the sample are ISO text in DATE / TIMESTAMP columns, or empty
            date_cols = [i for i, c in enumerate(cols) if _pg_type(c[2]) in ("date", "timestamp")]
            with pg.cursor() as cur, cur.copy(f'COPY "{t}" ({names}) FROM STDIN') as cp:
                rows = src.execute(f'SELECT * FROM "{t}"')
                while True:
                    batch = rows.fetchmany(20000)
                    if not batch:
                        break
                    for r in batch:
                        if date_cols:
                            r = list(r)
                            for i in date_cols:
                                if r[i] == "":
                                    r[i] = None
                        cp.write_row(r)
            pks = [c[1] for c in cols if c[5]]
            if pks:
                pg.execute(f'ALTER TABLE "{t}" ADD PRIMARY KEY (' + ", ".join(f'"{c}"' for c in pks) + ")")
            say(f"  {t} copiée ({time.perf_counter() - t0:.0f} s)")
        for table, cols in INDEXES:
            if table in tables:
                pg.execute(f"CREATE INDEX ON {table} ({cols})")
        pg.execute("ANALYZE")
    src.close()
    say(f"base PostgreSQL chargée en {time.perf_counter() - t0:.0f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = 200 000 personnes, 1 000 000 notes, 5 000 000 lignes de journal")
    ap.add_argument("--out", type=Path, help="fichier SQLite à écrire (défaut : /tmp/auditor-scale/departement_x<scale>.sqlite)")
    ap.add_argument("--postgresql", metavar="URL", help="copier ensuite la base dans cette base PostgreSQL (vide)")
    args = ap.parse_args(argv)
    out = args.out or Path(f"/tmp/auditor-scale/departement_x{args.scale:g}.sqlite")
    counts = build(out, args.scale)
    print(", ".join(f"{t} = {_fmt(n)}" for t, n in counts.items()))
    if args.postgresql:
        load_postgresql(out, args.postgresql)
    return 0


if __name__ == "__main__":
    sys.exit(main())
