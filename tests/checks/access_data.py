"""Small application databases for the access tests: one full of planted
problems with known counts, one compliant (rights limited to assigned workers,
hashed passwords, no HR read).

Both are built as SQLite files with plain SQL; the PostgreSQL tests copy them
into a throwaway cluster with ``pg.load_sqlite`` and add roles and grants.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

def bcrypt(i: int) -> str:
    """A bcrypt-shaped value, different for every account (a real salt makes them all differ)."""
    return "$2b$12$" + "abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ" + f"{i:05d}"
MD5_A = "5f4dcc3b5aa765d61d8327deb882cf99"  # same value on three accounts
MD5_B = "e10adc3949ba59abbe56e057f20f883e"

SCHEMA = """
create table site (id_site integer primary key, libelle text, region text);
create table usager (id_usager integer primary key, nom text, prenom text, date_naissance text, id_site integer);
create table dossier (id_dossier integer primary key, id_usager integer, note text, date_note text);
create table utilisateur (id_utilisateur integer primary key, login text, nom text, prenom text, role text,
                          id_site integer, actif integer, date_depart text, mot_de_passe text);
create table habilitation (id_habilitation integer primary key, role text, objet text, droit text, perimetre text);
create table referent (id_utilisateur integer, id_usager integer);
create table journal_acces (id_journal integer primary key, id_utilisateur integer, id_usager integer,
                            action text, date_acces text);
create table demande_rectification (id_rectification integer primary key, id_usager integer, circuit text,
                                    id_valideur integer, statut text);
"""

# 3 sites, 2 regions; 60 persons, 20 per site.
SITES = [(1, "Site Nord", "Nord"), (2, "Site Lille", "Nord"), (3, "Site Sud", "Sud")]
FIRST = ["Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules"]
LAST = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel"]


def _persons() -> list[tuple]:
    out = []
    for i in range(1, 61):
        out.append((i, LAST[i % 10], FIRST[(i * 3) % 10], f"19{50 + i % 40}-0{1 + i % 9}-1{i % 9}", 1 + (i - 1) // 20))
    return out


def build(path: Path, compliant: bool) -> Path:
    """Write the test database; return its path."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.executemany("insert into site values (?,?,?)", SITES)
    persons = _persons()
    conn.executemany("insert into usager values (?,?,?,?,?)", persons)
    conn.executemany("insert into dossier values (?,?,?,?)",
                     [(i, i, "Entretien de suivi, point sur la situation budgétaire.", "2025-03-0" + str(1 + i % 9))
                      for i in range(1, 61)])
    # accounts: 1-3 ASS (one per site), 4 CTS, 5 RH, 6 MANAGER, 7 SECRETARIAT, 8 STAGIAIRE, 9 accueil (generic),
    # 10 ASS who left but is still active, 11 PARTENAIRE_CCAS
    clear_or_md5 = {1: MD5_A, 2: MD5_A, 3: MD5_A, 4: MD5_B, 5: "Azerty123", 6: "Soleil2024!", 7: "motdepasse"}

    def pw(i: int) -> str:
        if compliant:
            return bcrypt(i)
        return clear_or_md5.get(i, MD5_B if i % 2 else bcrypt(i))

    users = [
        (1, "amartin", "Martin", "Anne", "ASS", 1, 1, None),
        (2, "bdurand", "Durand", "Béatrice", "ASS", 2, 1, None),
        (3, "cpetit", "Petit", "Claire", "ASS", 3, 1, None),
        (4, "dleroy", "Leroy", "Denis", "CTS", 1, 1, None),
        (5, "emoreau", "Moreau", "Élise", "RH", 1, 1, None),
        (6, "fsimon", "Simon", "Fabrice", "MANAGER", 2, 1, None),
        (7, "glaurent", "Laurent", "Gisèle", "SECRETARIAT", 1, 1, None),
        (8, "hmichel", "Michel", "Hélène", "STAGIAIRE", 1, 1, None),
        (9, "iroux", "Roux", "Isabelle", "ASS", 2, 0, "2024-01-31") if compliant else
        (9, "accueil.nord", "Poste accueil Nord", None, "SECRETARIAT", 1, 1, None),
        (10, "jblanc", "Blanc", "Julie", "ASS", 1, 0 if compliant else 1, "2025-12-31"),
        (11, "kfaure", "Faure", "Karim", "PARTENAIRE_CCAS", None, 1, None),
    ]
    conn.executemany("insert into utilisateur values (?,?,?,?,?,?,?,?,?)", [u + (pw(u[0]),) for u in users])
    if compliant:
        rights = [
            ("ASS", "usager", "lecture", "portefeuille"), ("ASS", "dossier", "lecture", "portefeuille"),
            ("ASS", "dossier", "ecriture", "portefeuille"), ("CTS", "dossier", "lecture", "portefeuille"),
            ("SECRETARIAT", "usager", "lecture", "site"), ("RH", "utilisateur", "lecture", "national"),
        ]
    else:
        rights = [
            ("ASS", "usager", "lecture", "national"), ("ASS", "dossier", "lecture", "national"),
            ("ASS", "dossier", "ecriture", "portefeuille"), ("CTS", "dossier", "lecture", "region"),
            ("RH", "dossier", "lecture", "national"), ("RH", "usager", "lecture", "national"),
            ("MANAGER", "journal_acces", "lecture", "site"),
            ("SECRETARIAT", "dossier", "lecture", "site"), ("STAGIAIRE", "dossier", "lecture", "site"),
            ("PARTENAIRE_CCAS", "dossier", "lecture", "national"), ("SECRETARIAT", "usager", "ecriture", "site"),
        ]
    conn.executemany("insert into habilitation (role, objet, droit, perimetre) values (?,?,?,?)", rights)
    # caseloads: ASS 1 follows persons 1-20, ASS 2 follows 21-40, ASS 3 follows 41-60, CTS 4 follows 1-5
    ref = [(1 + (p - 1) // 20, p) for p in range(1, 61)] + [(4, p) for p in range(1, 6)] + [(10, p) for p in range(1, 4)]
    conn.executemany("insert into referent values (?,?)", ref)
    log: list[tuple] = []

    def add(u: int, p: int, ts: str, action: str = "consultation") -> None:
        log.append((len(log) + 1, u, p, action, ts))

    for p in range(1, 61):  # every referent reads each file twice
        u = 1 + (p - 1) // 20
        add(u, p, f"2025-04-{1 + p % 28:02d} 09:{p % 60:02d}:00")
        add(u, p, f"2025-05-{1 + p % 28:02d} 10:{p % 60:02d}:00", "modification")
    for p in range(1, 6):
        add(4, p, f"2025-04-{10 + p:02d} 11:00:00")
    if not compliant:
        # ASS 1 reads 3 files of site 3 (not assigned, not same site): 3 unexplained
        for p in (41, 42, 43):
            add(1, p, f"2025-06-0{p - 40} 14:00:00")
        # ASS 2 browses 25 files of site 1 and 3 between 15:00 and 15:50 on 2025-06-10: 25 unexplained
        for k, p in enumerate(list(range(1, 13)) + list(range(41, 54))):
            add(2, p, f"2025-06-10 15:{2 * k:02d}:00")
        # RH reads 4 files (one of its own site); MANAGER reads 2 files of its own site: outside a workplace
        # the unit explains them, in a workplace (policy workplace = true) none of them is explained
        for p in (5, 25, 45, 46):
            add(5, p, f"2025-06-12 10:0{p % 10}:00")
        for p in (21, 22):
            add(6, p, f"2025-06-13 10:00:00")
        # the partner reads 6 files; the secretariat reads 2 files of its site (explained by the unit)
        for p in range(30, 36):
            add(11, p, f"2025-06-14 11:{p:02d}:00")
        add(7, 2, "2025-06-15 09:00:00")
        add(7, 3, "2025-06-15 09:05:00")
        # ASS 10 left on 2025-12-31 and still reads files of its caseload afterwards: 2 reads after departure
        add(10, 1, "2026-01-15 09:00:00")
        add(10, 2, "2026-02-15 09:00:00")
        conn.executemany("insert into demande_rectification values (?,?,?,?,?)",
                         [(1, 3, "hierarchique", 6, "transmise"), (2, 8, "hierarchique", 6, "validee"),
                          (3, 12, "direct", None, "validee")])
    else:
        conn.executemany("insert into demande_rectification values (?,?,?,?,?)", [(1, 3, "direct", None, "validee")])
    conn.executemany("insert into journal_acces values (?,?,?,?,?)", log)
    conn.commit()
    conn.close()
    path.chmod(0o600)
    return path


# Exact counts planted in the problem database (see build()).
PLANTED = {
    "access.wide_read_on_case_files": {"ASS": 60, "CTS": 40},  # role -> persons exposed (CTS: region Nord = 40)
    "access.hierarchy_reads_case_content": {"RH": 60},
    "access.hierarchy_reads_consultation_facts": {"MANAGER": 60},  # persons named in journal_acces
    "access.status_blind_reads_case_content": {"SECRETARIAT": 20, "STAGIAIRE": 20, "PARTENAIRE_CCAS": 60},
    "access.generic_accounts": 1,
    "access.departed_accounts_active": 1,
    "access.passwords_in_clear": 3,
    "access.passwords_weak_hash": 6,
    "access.passwords_identical_hashes": 6,
    "access.rights_requests_via_hierarchy": 2,
    "access.log_unexplained_reads": {"ASS": 3 + 25, "RH": 3, "PARTENAIRE_CCAS": 6},  # RH's read of its own site is explained by the unit
    "access.log_browsing": 25,
    "access.log_reads_after_departure": 2,
}
