"""Small hand-made databases for the retention check, with every expected count
computed by hand at AS_OF = 2026-06-30 (default periods: 24 months for persons
and files, so the cutoff is 2024-06-30 and the buckets start at 2023-06-30
and 2021-06-30; 12 months for the log, cutoff 2025-06-30, buckets 2024-06-30
and 2022-06-30). The same rows are written as a SQLite file, as CSV exports
(';', UTF-8 with BOM, dates as dd/mm/yyyy as French software exports them),
and copied into PostgreSQL by the tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 6, 30)

SCHEMA: dict[str, list[tuple[str, str]]] = {
    "usager": [("id_usager", "INTEGER PRIMARY KEY"), ("nom", "TEXT"), ("prenom", "TEXT"), ("dt_naiss", "TEXT"),
               ("date_creation", "DATE"), ("archive", "INTEGER")],
    "dossier": [("id_dossier", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"), ("date_ouverture", "DATE"),
                ("type_contact", "TEXT"), ("capacites_mobilisation", "TEXT"), ("observations", "TEXT"),
                ("statut", "TEXT"), ("date_cloture", "DATE")],
    "entretien": [("id_entretien", "INTEGER PRIMARY KEY"), ("id_dossier", "INTEGER"), ("date_entretien", "TEXT")],
    "note": [("id_note", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"), ("date_note", "TEXT"), ("date_maj", "TEXT"),
             ("texte", "TEXT")],
    "journal_acces": [("id_journal", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"), ("date_acces", "TIMESTAMP")],
    "contact_urgence": [("id_contact", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"), ("nom", "TEXT"), ("prenom", "TEXT"),
                        ("tel", "TEXT")],
}

# Persons. U1 active; U2 last contact 01/12/2023 (under 1 year late); U3 last note 2022-03-15
# (its date_maj of 2026 is a technical date, not a contact: 1 to 3 years late); U4 archived;
# U5 last note '20 janv. 2018' (over 3 years late, the oldest: 6 years and 5 months);
# U6 single contact of 2020 with an evaluation; U7 recent single contact; U8 no contact,
# recorded 2019 (administrative identity); U9 no date at all; U10 last contact 2023-01-01
# (a 2027 appointment is in the future and does not count).
USAGER = [
    (1, "Martin", "Anne", "15/03/1980", "2024-01-01", 0),
    (2, "Durand", "Paul", "31/02/1980", "2023-05-01", 0),
    (3, "Petit", "Léa", "01/01/1890", "2021-01-01", 0),
    (4, "Moreau", "Jean", "01/01/2030", "2019-05-05", 1),
    (5, "Roux", "Lina", None, "2017-01-01", 0),
    (6, "Fournier", "Marc", "02/02/1975", "2020-02-02", 0),
    (7, "Girard", "Inès", "03/03/1990", "2025-03-03", 0),
    (8, "Bonnet", "Hugo", "04/04/1985", "2019-01-01", 0),
    (9, "Dupuis", "Emma", "05/05/1970", None, 0),
    (10, "Lambert", "Noé", "06/06/1966", "2022-09-01", 0),
]
DOSSIER = [
    (1, 1, "2024-01-01", "Accompagnement", "mobilisée", "dette Martin chez Cofidis", "en cours", None),
    (2, 2, "2023-05-01", "Accompagnement", None, "expulsion rue des Lilas", "clos", "2023-12-01"),
    (3, 3, "2021-01-01", "Accompagnement", None, None, "en cours", None),
    (4, 4, "2019-01-01", "Accompagnement", None, None, "clos", "2019-05-05"),
    (5, 5, "2017-01-01", "Accompagnement", None, None, "clos", None),
    (6, 6, "2020-02-02", "Contact unique", "peu mobilisable", "Marc Fournier orienté vers la CAF", "clos", "2020-02-02"),
    (7, 7, "2025-03-03", "Contact unique", None, None, "clos", "2025-03-03"),
    (8, 10, "2022-09-01", "Accompagnement", None, None, "refusée", "2022-10-01"),
]
ENTRETIEN = [
    (1, 1, "2025-01-10"),
    (2, 2, "01/12/2023"),
    (3, 3, "2021-06-01"),
    (4, 5, "2017-06-01"),
    (5, 8, "2023-01-01"),
    (6, 8, "2027-01-01"),
    (7, 1, ""),
    (8, 3, "31/02/2021"),
    (9, 1, "bientôt"),
]
NOTE = [
    (1, 3, "2022-03-15", "2026-01-01", "Mme Petit inquiète pour son loyer"),
    (2, 5, "20 janv. 2018", "2018-01-21", "Lina Roux ne répond plus"),
]
JOURNAL = [
    (1, 1, "2026-06-01 10:00:00"),
    (2, 2, "2025-07-01 09:00:00"),
    (3, 3, "2025-06-29 23:59:59"),
    (4, 4, "2023-01-01 08:00:00"),
    (5, 5, "2020-01-01 00:00:00"),
    (6, 6, None),
]
CONTACT_URGENCE = [
    (1, 1, "Martin", "Luc", "06 12 34 56 78"),
    (2, 3, "Petit", "Rose", "06 98 76 54 32"),
]
ROWS = {"usager": USAGER, "dossier": DOSSIER, "entretien": ENTRETIEN, "note": NOTE, "journal_acces": JOURNAL,
        "contact_urgence": CONTACT_URGENCE}

# What the retention check must find at AS_OF with the default policy:
# rule -> (table, subject) -> (affected, total, lt, mid, gt)
EXPECTED = {
    "retention.person_past_period": {
        ("usager", "accompagnement_social"): (4, 6, 1, 2, 1),  # U2 lt; U3, U10 1-3 y; U5 > 3 y (U4 archived)
        ("usager", "contact_unique"): (1, 2, 0, 0, 1),  # U6
        ("usager", "identite_administrative"): (1, 1, 0, 0, 1),  # U8
    },
    "retention.file_past_period": {
        ("dossier", "accompagnement_social"): (3, 3, 1, 0, 2),  # D2 closed 2023-12-01; D4; D5 closed by its status
        ("dossier", "contact_unique"): (1, 2, 0, 0, 1),  # D6 (D7 recent)
        ("dossier", "demande_refusee_ou_sans_suite"): (1, 1, 0, 1, 0),  # D8 refused, closed 2022-10-01
    },
    "retention.open_file_inactive": {
        ("dossier", "accompagnement_social"): (1, 2, 0, 0, 1),  # D3, last act 2021-06-01 (D1 active)
    },
    "retention.log_past_period": {
        ("journal_acces", "journal_acces"): (3, 6, 1, 1, 1),
    },
}
# rule -> table -> affected (details checked in the tests)
EXPECTED_OTHER = {
    "retention.undated_personal_table": {"contact_urgence": 2},
    "retention.single_contact_full_file": {"dossier": 1},
    "retention.unusable_dates": {"entretien": 4, "usager": 3, "journal_acces": 1},
}


def build_sqlite(path: Path, rows: dict[str, list[tuple[Any, ...]]] | None = None,
                 schema: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """Write the tables into a new SQLite file."""
    rows = ROWS if rows is None else rows
    schema = SCHEMA if schema is None else schema
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    for table, cols in schema.items():
        conn.execute(f'CREATE TABLE "{table}" ({", ".join(f"{c} {t}" for c, t in cols)})')
        if rows.get(table):
            marks = ", ".join("?" for _ in cols)
            conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows[table])
    conn.commit()
    conn.close()
    return path


def _fr(value: Any, sql_type: str) -> Any:
    """A DATE or TIMESTAMP value as French software exports it (dd/mm/yyyy[ hh:mm:ss])."""
    if value is None:
        return ""
    if sql_type in ("DATE", "TIMESTAMP") and isinstance(value, str) and len(value) >= 10 and value[4] == "-":
        d = dt.date.fromisoformat(value[:10])
        return d.strftime("%d/%m/%Y") + value[10:]
    return value


def build_csv(folder: Path, rows: dict[str, list[tuple[Any, ...]]] | None = None,
              schema: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """Write one CSV file per table: ';', UTF-8 with BOM, CRLF, typed dates as dd/mm/yyyy."""
    rows = ROWS if rows is None else rows
    schema = SCHEMA if schema is None else schema
    folder.mkdir(parents=True, exist_ok=True)
    for table, cols in schema.items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow([c for c, _t in cols])
            for r in rows.get(table, []):
                w.writerow([_fr(v, t.split()[0]) for v, (_c, t) in zip(r, cols)])
    return folder


# A clean database: every date within its period, a planned end date in the future, a
# technical update date, an old person who is archived, a dated third-party table.
CLEAN_SCHEMA = {
    **{k: v for k, v in SCHEMA.items() if k != "contact_urgence"},
    "dossier": SCHEMA["dossier"] + [("date_fin_prevue", "DATE")],
    "contact_urgence": SCHEMA["contact_urgence"] + [("date_saisie", "DATE")],
}
CLEAN_ROWS = {
    "usager": [(1, "Martin", "Anne", "15/03/1980", "2024-01-01", 0),
               (2, "Durand", "Paul", "12/12/1979", "2015-05-01", 1),
               (3, "Girard", "Inès", "03/03/1990", "2025-03-03", 0)],
    "dossier": [(1, 1, "2024-01-01", "Accompagnement", "mobilisée", "suivi", "en cours", None, "2027-01-01"),
                (2, 2, "2015-05-01", "Accompagnement", None, None, "archivé", "2016-01-01", None),
                (3, 3, "2025-03-03", "Contact unique", None, "orientation CAF", "clos", "2025-03-03", None)],
    "entretien": [(1, 1, "2025-01-10"), (2, 1, "15/06/2026"), (3, 2, "2015-06-01")],
    "note": [(1, 1, "2026-02-01", "2026-06-29", "point")],
    "journal_acces": [(1, 1, "2026-06-01 10:00:00"), (2, 3, "2025-07-01 09:00:00")],
    "contact_urgence": [(1, 1, "Martin", "Luc", "06 12 34 56 78", "2024-01-02")],
}
