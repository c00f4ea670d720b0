"""Extra tables for the labelled column set, in naming styles the samples do not use.

Legacy upper-case abbreviations (``T_BENEF.NOM_USG``), English camelCase
(``Client.firstName``), glued lower-case words (``numsecu``), columns named
only ``col1``... (values alone must speak), and hard negatives: names of
communes, services, schemes and organisations, postal codes and e-mails of
service sites, staff work e-mails in the staff table. Values are fictitious
(Faker, fixed seed, plus computed NIR and IBAN keys). The expected kind of
every column is in ``tests/data/columns_labelled.jsonl`` (source ``extra``).
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from faker import Faker

from auditor.identifiers import nir_key

ROWS = 400


def _nir(rng: random.Random, birth_year: int, sex: str) -> str:
    dept = rng.choice(["75", "91", "93", "2A", "2B", "69", "13", "59"])
    base = f"{1 if sex == 'M' else 2}{birth_year % 100:02d}{rng.randint(1, 12):02d}{dept}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    return base + f"{nir_key(base):02d}"


def _iban(rng: random.Random) -> str:
    bban = f"{rng.randint(10000, 99999)}{rng.randint(10000, 99999)}{rng.randint(10**10, 10**11 - 1)}{rng.randint(10, 99)}"
    digits = "".join(str(int(c, 36)) for c in bban + "FR00")
    key = 98 - int(digits) % 97
    raw = f"FR{key:02d}{bban}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def build(path: Path, rows: int = ROWS) -> Path:
    """Write the extra tables into a new SQLite file at ``path``."""
    fk = Faker("fr_FR")
    fk.seed_instance(20260630)
    rng = random.Random(20260630)
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE T_BENEF (ID_BENEF INTEGER PRIMARY KEY, NOM_USG TEXT, NOM_JF TEXT, PRNM TEXT, DTNAISS TEXT, NUM_SS TEXT,
            ADR1 TEXT, CD_POST TEXT, VIL TEXT, TEL_DOM TEXT, TEL_PORT TEXT, MEL TEXT, NO_ALLOC TEXT, SX TEXT, NATIO TEXT,
            SIT_FAM TEXT, CD_MDS TEXT, DT_CREAT TEXT, LB_OBS TEXT);
        CREATE TABLE Client (clientId INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT, birthDate TEXT, socialSecurityNumber TEXT,
            streetAddress TEXT, zipCode TEXT, city TEXT, phoneNumber TEXT, emailAddress TEXT, bankIban TEXT, employerName TEXT,
            gender TEXT, createdAt TEXT, notes TEXT);
        CREATE TABLE beneficiaires_rsa (idbenef INTEGER PRIMARY KEY, nomprenom TEXT, datenaissance TEXT, numsecu TEXT, codepostal TEXT,
            telport TEXT, mailperso TEXT, numalloc TEXT, rib TEXT, nbenfants INTEGER, montantrsa REAL);
        CREATE TABLE import_2019 (col1 TEXT, col2 TEXT, col3 TEXT, col4 TEXT, col5 TEXT, col6 TEXT, col7 TEXT, col8 TEXT, col9 TEXT);
        CREATE TABLE ref_dispositif (code_dispositif TEXT PRIMARY KEY, nom_dispositif TEXT, libelle TEXT, organisme_gestionnaire TEXT);
        CREATE TABLE partenaire (id_partenaire INTEGER PRIMARY KEY, raison_sociale TEXT, adresse TEXT, code_postal TEXT, ville TEXT,
            telephone TEXT, courriel TEXT, type_partenaire TEXT);
        CREATE TABLE service (id_service INTEGER PRIMARY KEY, nom_service TEXT, adresse_site TEXT, code_postal TEXT, ville TEXT,
            email_service TEXT, tel_accueil TEXT);
        CREATE TABLE personnel (id_personnel INTEGER PRIMARY KEY, matricule_agent TEXT, nom TEXT, prenom TEXT, email_pro TEXT,
            poste TEXT, login TEXT, id_service INTEGER, date_entree TEXT);
        CREATE TABLE ref_commune (code_insee TEXT PRIMARY KEY, nom_commune TEXT, code_postal TEXT, departement TEXT);
        CREATE TABLE kpi_accueil (annee INTEGER, trimestre TEXT, site TEXT, tranche_age TEXT, sexe TEXT, motif TEXT, nb_personnes INTEGER);
        CREATE TABLE ContactUrgence (id INTEGER PRIMARY KEY, beneficiaryId INTEGER, contactName TEXT, relationship TEXT, contactPhone TEXT);
        CREATE TABLE hist_paiement (id_paiement INTEGER PRIMARY KEY, id_benef INTEGER, date_paiement TEXT, montant REAL,
            libelle_aide TEXT, iban_beneficiaire TEXT);
        """
    )
    services = [f"{w} {fk.city()}" for w in ("Maison des solidarités de", "CCAS de", "Pôle social de", "Antenne de", "Centre social de",
                                             "Espace insertion de", "Point accueil de", "Mission locale de")]
    schemes = ["RSA socle", "FSL accès", "FSL maintien", "APA domicile", "PCH aide humaine", "Garantie jeunes", "Aide alimentaire",
               "Secours d'urgence", "Chèque énergie", "Mesure ASLL"]
    orgs = [f"{a} {fk.last_name()}" for a in ("Association", "Fondation", "SARL", "Cabinet", "Entreprise", "Société")] + [
        "Caisse d'allocations familiales", "Office public de l'habitat", "Croix-Rouge française", "Secours populaire",
        "Restos du cœur", "Habitat et humanisme"]
    nats = ["française", "française", "française", "algérienne", "marocaine", "portugaise", "malienne", "roumaine"]
    fams = ["célibataire", "marié(e)", "pacsé(e)", "divorcé(e)", "veuf(ve)", "séparé(e)"]
    motifs = ["logement", "budget", "santé", "insertion", "parentalité", "accès aux droits"]
    note = ("Personne reçue ce jour pour une demande d'aide au logement ; situation expliquée en détail, orientation vers le "
            "service compétent et rendez-vous fixé dans quinze jours.")
    for i in range(1, rows + 1):
        sex = rng.choice("MF")
        by = rng.randint(1935, 2006)
        first = fk.first_name_male() if sex == "M" else fk.first_name_female()
        con.execute("INSERT INTO T_BENEF VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
            i, fk.last_name().upper(), fk.last_name().upper() if sex == "F" and rng.random() < 0.5 else None, first,
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{by}", _nir(rng, by, sex), fk.street_address(), fk.postcode(),
            fk.city(), f"01 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            f"06{rng.randint(10000000, 99999999)}", fk.free_email(), f"{rng.randint(1000000, 9999999)}", sex, rng.choice(nats),
            rng.choice(fams), f"MDS{rng.randint(1, 6):02d}", f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            note if rng.random() < 0.7 else None))
        con.execute("INSERT INTO Client VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
            i, first, fk.last_name(), f"{by}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", _nir(rng, by, sex),
            fk.street_address(), fk.postcode(), fk.city(), f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            fk.email(), _iban(rng), rng.choice(orgs), rng.choice(["female", "male"]), f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00",
            note if rng.random() < 0.5 else None))
        con.execute("INSERT INTO beneficiaires_rsa VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
            i, f"{first} {fk.last_name()}", f"{by}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", _nir(rng, by, sex), fk.postcode(),
            f"07 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}", fk.free_email(),
            f"{rng.randint(1000000, 9999999)}", _iban(rng), rng.randint(0, 5), round(rng.uniform(300, 900), 2)))
        con.execute("INSERT INTO import_2019 VALUES (?,?,?,?,?,?,?,?,?)", (
            f"{first} {fk.last_name()}", f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            fk.free_email(), _nir(rng, by, sex), f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{by}", fk.city(),
            _iban(rng), rng.choice(motifs), fk.street_address()))
        con.execute("INSERT INTO ContactUrgence VALUES (?,?,?,?,?)", (
            i, i, fk.name(), rng.choice(["mère", "père", "voisin", "sœur", "fils", "amie"]),
            f"06{rng.randint(10000000, 99999999)}"))
        con.execute("INSERT INTO hist_paiement VALUES (?,?,?,?,?,?)", (
            i, rng.randint(1, rows), f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", round(rng.uniform(50, 900), 2),
            rng.choice(schemes), _iban(rng)))
    for j, s in enumerate(schemes):
        con.execute("INSERT INTO ref_dispositif VALUES (?,?,?,?)", (f"D{j:02d}", s, f"Dispositif {s.lower()}", rng.choice(orgs)))
    for j, o in enumerate(orgs, start=1):
        con.execute("INSERT INTO partenaire VALUES (?,?,?,?,?,?,?,?)", (
            j, o, fk.street_address(), fk.postcode(), fk.city(), f"01 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            f"contact@{o.split()[-1].lower()}.org", rng.choice(["association", "bailleur", "entreprise", "organisme"])))
    for j, s in enumerate(services, start=1):
        town = s.split(" de ")[-1]
        con.execute("INSERT INTO service VALUES (?,?,?,?,?,?,?)", (
            j, s, fk.street_address(), fk.postcode(), town, f"accueil.site{j}@departement.fr",
            f"01 60 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"))
    for j in range(1, 41):
        first, last = fk.first_name(), fk.last_name()
        con.execute("INSERT INTO personnel VALUES (?,?,?,?,?,?,?,?,?)", (
            j, f"A{rng.randint(10000, 99999)}", last, first, f"{first[0].lower()}.{last.lower()}@departement.fr",
            rng.choice(["ASS", "CESF", "secrétaire", "chef de service", "éducateur"]), f"{first[0].lower()}{last.lower()}",
            rng.randint(1, len(services)), f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-01"))
    seen = set()
    for _ in range(60):
        code = f"91{rng.randint(1, 699):03d}"
        if code in seen:
            continue
        seen.add(code)
        con.execute("INSERT INTO ref_commune VALUES (?,?,?,?)", (code, fk.city(), f"91{rng.randint(0, 9)}{rng.randint(0, 9)}0", "Essonne"))
    for y in (2023, 2024):
        for q in ("T1", "T2", "T3", "T4"):
            for s in services[:3]:
                for a in ("18-24", "25-39", "40-59", "60+"):
                    for x in "FM":
                        con.execute("INSERT INTO kpi_accueil VALUES (?,?,?,?,?,?,?)", (y, q, s, a, x, rng.choice(motifs), rng.randint(0, 40)))
    con.commit()
    con.close()
    return path
