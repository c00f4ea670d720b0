#!/usr/bin/env python3
"""Générateur déterministe des deux bases d'exemple d'auditor.

Construit deux bases fictives (SQLite + export CSV) qui imitent :

* ``company``     : l'outil du service social d'une entreprise nationale
                    (situation de l'avis CNAD 035) ;
* ``departement`` : le « dossier d'intervention sociale » d'un département
                    (situation de l'Essonne, 2008-2011).

Tout est déterministe : graines fixes (``random.Random``, ``Faker.seed``),
aucune dépendance à la date du jour (tout est relatif à ``AS_OF``), fichiers
SQLite recréés à neuf, insertions dans un ordre fixe, ``VACUUM`` final.
Les problèmes plantés sont recomptés par SQL sur la base écrite et consignés
dans ``planted.json`` ; ``README.md`` est produit à partir de ces comptes.

Usage::

    python sample_data/generate.py [--out DIR] [--scale FACTEUR] [--no-csv]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import unicodedata
from collections import Counter, defaultdict, deque
from pathlib import Path

from faker import Faker
from faker.providers.person.fr_FR import Provider as _FrPerson

AS_OF = dt.date(2026, 6, 30)
COMPANY_SEED = 35  # avis CNAD n° 035
DEPARTEMENT_SEED = 91  # Essonne
BATCH = 10_000
DAY = dt.timedelta(days=1)

# Seuils relatifs à AS_OF.  Aucune date générée ne tombe à moins de GAP jours
# d'un seuil : un contrôle qui compare avec < ou <=, en jours ou en années
# calendaires, trouve donc exactement les mêmes comptes.
CUT_1Y = dt.date(2025, 6, 30)  # journaux : 1 an
CUT_2Y = dt.date(2024, 6, 30)  # base active : 2 ans après le dernier contact
CUT_3Y = dt.date(2023, 6, 30)  # dépassement d'un an
CUT_5Y = dt.date(2021, 6, 30)  # dépassement de trois ans
GAP = 4


def clear_date(d: dt.date) -> dt.date:
    """Écarte une date des seuils (fonction croissante : l'ordre est gardé)."""
    if d >= AS_OF - GAP * DAY:
        return AS_OF - (GAP + 1) * DAY
    for b in (CUT_1Y, CUT_2Y, CUT_3Y, CUT_5Y):
        if abs((d - b).days) <= GAP:
            return b + (GAP + 1) * DAY
    return d


def iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def fr(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def rand_date(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    if b <= a:
        return a
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def work_time(rng: random.Random) -> str:
    h = rng.choices([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
                    [4, 12, 14, 13, 5, 7, 13, 13, 11, 6, 2, 1])[0]
    return f"{h:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def stamp(rng: random.Random, d: dt.date) -> str:
    d = clear_date(d)
    if d.weekday() >= 5 and rng.random() < 0.9:  # peu d'accès le week-end
        d = clear_date(d - dt.timedelta(days=d.weekday() - 4))
    return f"{d.isoformat()} {work_time(rng)}"


def ascii_slug(s: str, sep: str = "") -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return s.lower().replace(" ", sep).replace("'", "").replace("-", sep)


# ---------------------------------------------------------------------------
# Noms : réservoirs de Faker fr_FR, sans les noms qui sont aussi des mots
# ordinaires (pour qu'un test de fuite ne déclenche pas de fausse alerte).
# ---------------------------------------------------------------------------

NAME_DENYLIST = {
    # noms de famille qui sont des mots courants
    "petit", "blanc", "brun", "noel", "marchand", "boulanger", "charpentier",
    "boucher", "meunier", "berger", "moulin", "fontaine", "riviere", "roche",
    "baron", "paris", "cousin", "marin", "voisin", "sauvage", "gros", "barbe",
    "masse", "parent", "normand", "rocher", "grenier", "neveu", "merle",
    "pages", "bigot", "clerc", "vaillant", "pascal", "germain", "breton",
    "marie", "olivier", "pierre", "louis", "jean", "richard", "clement",
    "leger", "barre", "carre", "laine", "picard", "camus", "bouvier",
    "chevalier", "chauvin", "renard", "marechal", "collet", "potier",
    "cordier", "lombard", "toussaint", "couturier", "chretien", "begue",
    "maillet", "bourdon", "courtois", "buisson", "vallee", "pineau",
    "poirier", "poulain", "maillot", "marques", "millet", "bourgeois",
    "gaillard", "meunier", "bonnet", "barbier", "maurice", "lamy", "gay",
    "mace", "lebon", "legrand", "lejeune", "lesage", "julien", "robin",
    # prénoms qui sont des mots courants ou des noms de lieux
    "rose", "marine", "aurore", "constance", "victoire", "capucine",
    "clemence", "aimee", "aime", "philippine", "valentine", "alexandrie",
    "alexandria", "lorraine", "anne", "nath", "charlotte", "claire",
    "madeleine", "marguerite", "marianne", "diane", "auguste", "honore",
    "marc", "maggie", "margaret", "susan", "lucy", "william", "luce",
    "olivie", "arnaude", "margaud", "constant", "patience",
    # sous-chaînes de mots fréquents (réponse, summary, médias...) ou de noms
    # de sites et de MDS qu'un rapport peut citer (Saint-Denis, Saint-Étienne,
    # Saint-Charles, Sainte-Geneviève-des-Bois)
    "pons", "mary", "blin", "dias", "denis", "etienne", "charles", "genevieve",
}
MIN_NAME_LEN = 4


def _ok_name(n: str) -> bool:
    letters = [c for c in n if c.isalpha()]
    return len(letters) >= MIN_NAME_LEN and ascii_slug(n) not in NAME_DENYLIST


def _uniq(seq) -> list[str]:
    out: list[str] = []
    for x in seq:
        if x not in out and _ok_name(x):
            out.append(x)
    return out


LAST_NAMES = _uniq(_FrPerson.last_names)
FIRST_F = _uniq(_FrPerson.first_names_female)
FIRST_M = _uniq(_FrPerson.first_names_male)


STREETS = [
    "rue Victor Hugo", "avenue Jean Jaurès", "rue de la République", "rue Pasteur",
    "allée des Tilleuls", "rue Jules Ferry", "boulevard Gambetta", "rue du Général de Gaulle",
    "avenue de la Libération", "rue Émile Zola", "chemin des Vignes", "rue des Écoles",
    "impasse des Lilas", "rue Anatole France", "avenue Paul Vaillant-Couturier",
    "rue Jean Moulin", "place de l'Église", "rue du Stade", "allée Georges Brassens",
    "rue Louise Michel", "avenue du 8 Mai 1945", "rue Gabriel Péri", "rue de la Gare",
    "rue Lamartine", "boulevard de Stalingrad", "rue Jacques Prévert", "rue des Peupliers",
    "avenue Salvador Allende", "rue Aristide Briand", "rue Voltaire", "cours Jean Macé",
    "rue Marcel Cachin", "square Pablo Neruda", "rue Pierre Brossolette", "rue Condorcet",
]


class People:
    """Tirage de noms, prénoms, téléphones, courriels fictifs."""

    def __init__(self, rng: random.Random, fake: Faker):
        self.rng = rng
        self.fake = fake

    def last(self) -> str:
        return self.rng.choice(LAST_NAMES)

    def first(self, sexe: str) -> str:
        return self.rng.choice(FIRST_F if sexe == "F" else FIRST_M)

    def phone(self, mobile_bias: float = 0.7) -> str:
        r = self.rng
        first = r.choice("67") if r.random() < mobile_bias else r.choice("123459")
        digits = "0" + first + "".join(str(r.randint(0, 9)) for _ in range(8))
        pairs = [digits[i:i + 2] for i in range(0, 10, 2)]
        style = r.random()
        if style < 0.50:
            return " ".join(pairs)
        if style < 0.65:
            return "+33 " + digits[1] + " " + " ".join(pairs[1:])
        if style < 0.90:
            return digits
        return ".".join(pairs)

    def email(self, prenom: str, nom: str) -> str:
        r = self.rng
        p, n = ascii_slug(prenom, "-"), ascii_slug(nom, "")
        dom = r.choice(["gmail.com", "gmail.com", "gmail.com", "orange.fr",
                        "orange.fr", "free.fr", "hotmail.fr", "laposte.net",
                        "sfr.fr", "yahoo.fr", "outlook.fr", "wanadoo.fr"])
        style = r.random()
        if style < 0.4:
            local = f"{p}.{n}"
        elif style < 0.6:
            local = f"{p}.{n}{r.randint(1, 99)}"
        elif style < 0.8:
            local = f"{p[0]}{n}{r.randint(60, 99)}"
        else:
            local = f"{n}.{p}"
        return f"{local}@{dom}"

    def street(self) -> str:
        r = self.rng
        num = r.randint(1, 180)
        bis = r.choice(["", "", "", "", "", " bis", " ter"])
        name = self.fake.street_name() if r.random() < 0.3 else r.choice(STREETS)
        line = f"{num}{bis} {name}"
        extra = r.random()
        if extra < 0.15:
            line += f", bât. {r.choice('ABCDEF')} apt {r.randint(1, 120)}"
        elif extra < 0.22:
            line += f", résidence {r.choice(['Les Tilleuls', 'Le Parc', 'Les Acacias', 'Les Peupliers', 'Le Clos Fleuri'])}"
        return line


# ---------------------------------------------------------------------------
# NIR (numéro d'inscription au répertoire) avec sa clé de contrôle
# ---------------------------------------------------------------------------

def nir_key(body13: str) -> int:
    num = int(body13.replace("2A", "19").replace("2B", "18"))
    return 97 - num % 97


def make_nir(sexe: str, year: int, month: int, dept: str, commune: str,
             ordre: int) -> str:
    body = ("1" if sexe == "M" else "2") + f"{year % 100:02d}{month:02d}" + \
        dept + commune + f"{ordre:03d}"
    assert len(body) == 13, body
    return body + f"{nir_key(body):02d}"


PAYS_INSEE = {  # nationalité -> code INSEE du pays de naissance
    "algérienne": "352", "marocaine": "350", "tunisienne": "351",
    "malienne": "335", "sénégalaise": "341", "ivoirienne": "326",
    "portugaise": "139", "turque": "208", "roumaine": "114",
    "haïtienne": "436", "congolaise": "312", "sri-lankaise": "235",
    "comorienne": "397", "chinoise": "216",
}
NATIONALITES_UE = {"portugaise", "roumaine"}


def birth_place(rng: random.Random, local_depts: list[str], year: int,
                abroad: float = 0.05) -> tuple[str, str]:
    """(département, commune) de naissance au format NIR."""
    x = rng.random()
    if x < abroad:
        return "99", rng.choice(sorted(PAYS_INSEE.values()))
    if x < abroad + 0.015 and year >= 1976:
        if rng.random() < 0.5:
            return "2A", rng.choice(["004", "247", "272"])
        return "2B", rng.choice(["033", "050", "096"])
    if x < abroad + 0.06:
        code = rng.choice(["971", "972", "974", "29", "35", "44", "33", "31",
                           "67", "57", "21", "34", "76"])
    else:
        code = rng.choice(local_depts)
    if len(code) == 3:
        return code[:2], code[2] + f"{rng.randint(1, 34):02d}"
    return code, f"{rng.randint(1, 480):03d}"


# ---------------------------------------------------------------------------
# Textes libres : phrases neutres et phrases plantées (lexiques)
# ---------------------------------------------------------------------------

# Chaque entrée de lexique est une expression exacte (en minuscules) que le
# générateur insère ; les comptes de planted.json sont obtenus en relisant
# les colonnes de texte écrites et en cherchant ces expressions.
LEXIQUES: dict[str, list[str]] = {
    "jugement": [
        "manipulateur", "manipulatrice", "peu mobilisable",
        "se complaît dans l'assistanat", "mère défaillante",
        "père défaillant", "famille défaillante", "prétend que",
        "de mauvaise foi", "aucun effort", "immature", "profiteur",
        "profiteuse", "attend tout des services", "incapable de gérer",
    ],
    "supposition": [
        "il est probable qu'il boive", "il est probable qu'elle boive",
        "cache vraisemblablement des revenus",
        "sans doute victime de violences", "doit avoir des dettes de jeu",
        "se drogue probablement",
        # a weak marker before a judgement is a guess written as fact (convention 3 of
        # checks/subjective/README.md): this judgement sentence is a supposition too
        "semble de mauvaise foi",
    ],
    "sante": [
        "suivi au cmp pour dépression", "suivie au cmp pour dépression",
        "traitement pour diabète",
        "hospitalisé en psychiatrie", "hospitalisée en psychiatrie",
        "sous antidépresseurs", "suivi en addictologie",
        "suivie en addictologie",
        "problèmes psychologiques", "addiction à l'alcool",
        "consultation d'alcoologie", "suivi psychiatrique",
        "chimiothérapie",
        # drug use is health data (addiction), even when guessed: the supposition
        # "Se drogue probablement" discloses it too
        "se drogue",
        # a file at the MDPH is a claim for disability recognition or benefits:
        # it discloses a disability (the company "handicap" sentence below)
        "dossier mdph",
    ],
    "syndicat": [
        "délégué cgt", "déléguée cgt", "syndiqué", "élu cfdt", "élue cfdt",
        "militant syndical", "militante syndicale",
    ],
    "origine": [
        "d'origine algérienne", "d'origine malienne", "d'origine marocaine",
        "d'origine roumaine", "d'origine turque", "communauté rom",
    ],
    "religion": [
        "musulmane pratiquante", "musulman pratiquant",
        "catholique pratiquante", "catholique pratiquant",
        "témoin de jéhovah",
    ],
    "infraction": [
        "condamné pour vol", "condamnée pour vol", "a fait de la prison",
        "garde à vue", "casier judiciaire", "bracelet électronique",
        # an offence suffered is an offence (convention 7 of checks/subjective/README.md):
        # the supposition "Sans doute victime de violences" discloses one
        "victime de violences",
    ],
    "sejour": [
        "sans papiers", "en situation irrégulière",
        "situation administrative irrégulière",
    ],
}
CATEGORIES_FR = {
    "jugement": "formulations de jugement de valeur",
    "supposition": "suppositions écrites comme des faits",
    "sante": "données de santé",
    "syndicat": "appartenance syndicale",
    "origine": "origine ethnique ou nationale",
    "religion": "convictions religieuses",
    "infraction": "infractions, condamnations ou mesures judiciaires",
    "sejour": "situation de séjour irrégulière",
}

# Phrases plantées : (masculin, féminin) ; {Civ} = M./Mme
PLANTED: dict[str, list[tuple[str, str]]] = {
    "jugement": [
        ("Monsieur se montre manipulateur pendant l'entretien.",
         "Madame se montre manipulatrice pendant l'entretien."),
        ("Salarié peu mobilisable malgré les pistes proposées.",
         "Salariée peu mobilisable malgré les pistes proposées."),
        ("Il se complaît dans l'assistanat.",
         "Elle se complaît dans l'assistanat."),
        ("Père défaillant d'après l'entourage.",
         "Mère défaillante, les enfants sont souvent livrés à eux-mêmes."),
        ("Il prétend que son responsable le met à l'écart.",
         "Elle prétend que son responsable la met à l'écart."),
        ("Semble de mauvaise foi quant à l'origine des dettes.",
         "Semble de mauvaise foi quant à l'origine des dettes."),
        ("Ne fait aucun effort pour réduire les dépenses du foyer.",
         "Ne fait aucun effort pour réduire les dépenses du foyer."),
        ("Attitude immature face aux difficultés.",
         "Attitude immature face aux difficultés."),
        ("Un peu profiteur des aides disponibles.",
         "Un peu profiteuse des aides disponibles."),
        ("Incapable de gérer un budget seul.",
         "Incapable de gérer un budget seule."),
    ],
    "supposition": [
        ("Il est probable qu'il boive, retards fréquents le lundi.",
         "Il est probable qu'elle boive, retards fréquents le lundi."),
        ("Cache vraisemblablement des revenus non déclarés.",
         "Cache vraisemblablement des revenus non déclarés."),
        ("Sans doute victime de violences à la maison.",
         "Sans doute victime de violences à la maison."),
        ("Doit avoir des dettes de jeu vu les montants en jeu.",
         "Doit avoir des dettes de jeu vu les montants en jeu."),
        ("Se drogue probablement, propos décousus.",
         "Se drogue probablement, propos décousus."),
    ],
    "sante": [
        ("Suivi au CMP pour dépression depuis l'an dernier.",
         "Suivie au CMP pour dépression depuis l'an dernier."),
        ("Sous traitement pour diabète, grosse fatigue.",
         "Sous traitement pour diabète, grosse fatigue."),
        ("Récemment hospitalisé en psychiatrie.",
         "Récemment hospitalisée en psychiatrie."),
        ("Sous antidépresseurs depuis la séparation.",
         "Sous antidépresseurs depuis la séparation."),
        ("Suivi en addictologie à l'hôpital.",
         "Suivie en addictologie à l'hôpital."),
        ("En cours de chimiothérapie.", "En cours de chimiothérapie."),
    ],
    "syndicat": [
        ("Par ailleurs délégué CGT sur le site.",
         "Par ailleurs déléguée CGT sur le site."),
        ("Syndiqué depuis plusieurs années.",
         "Syndiquée depuis plusieurs années."),
        ("Élu CFDT au CSE.", "Élue CFDT au CSE."),
        ("Militant syndical très présent.", "Militante syndicale très présente."),
    ],
    "origine": [
        ("D'origine algérienne, arrivé en France enfant.",
         "D'origine algérienne, arrivée en France enfant."),
        ("D'origine malienne.", "D'origine malienne."),
        ("D'origine marocaine par son père.", "D'origine marocaine par sa mère."),
        ("D'origine roumaine.", "D'origine roumaine."),
        ("Famille issue de la communauté rom.",
         "Famille issue de la communauté rom."),
    ],
    "religion": [
        ("Musulman pratiquant, refuse certaines aides alimentaires.",
         "Musulmane pratiquante, refuse certaines aides alimentaires."),
        ("Catholique pratiquant.", "Catholique pratiquante."),
        ("Témoin de Jéhovah.", "Témoin de Jéhovah."),
    ],
    "infraction": [
        ("A fait de la prison il y a une dizaine d'années.",
         "A fait de la prison il y a une dizaine d'années."),
        ("Condamné pour vol en 2015.", "Condamnée pour vol en 2015."),
        ("Placé en garde à vue le mois dernier.",
         "Placée en garde à vue le mois dernier."),
        ("Casier judiciaire chargé.", "Casier judiciaire chargé."),
        ("Sous bracelet électronique jusqu'à l'été.",
         "Sous bracelet électronique jusqu'à l'été."),
    ],
    "sejour": [
        ("Le conjoint est sans papiers.", "Le conjoint est sans papiers."),
        ("Vit en France en situation irrégulière depuis 2019.",
         "Vit en France en situation irrégulière depuis 2019."),
    ],
}

# Tiers nommés : {P} prénom, {N} nom
THIRD_PARTY: list[tuple[str, str]] = [
    ("Vit avec sa compagne {PF} {N}.", "Vit avec son compagnon {PM} {N}."),
    ("Son voisin M. {N} l'aide pour les courses.",
     "Son voisin M. {N} l'aide pour les courses."),
    ("Sa sœur {PF} {N} accueille les enfants le week-end.",
     "Sa sœur {PF} {N} accueille les enfants le week-end."),
    ("La mère des enfants, Mme {N}, ne verse plus de pension.",
     "Le père des enfants, M. {N}, ne verse plus de pension."),
    ("Hébergé chez un ami, {PM} {N}, depuis deux mois.",
     "Hébergée chez une amie, {PF} {N}, depuis deux mois."),
    ("Son frère {PM} {N} se porte garant pour le logement.",
     "Son frère {PM} {N} se porte garant pour le logement."),
]
OWN_NAME: list[tuple[str, str]] = [
    ("M. {N} se présente à l'heure au rendez-vous.",
     "Mme {N} se présente à l'heure au rendez-vous."),
    ("Entretien avec M. {P} {N}.", "Entretien avec Mme {P} {N}."),
    ("M. {N} rappelle dans la journée.", "Mme {N} rappelle dans la journée."),
]

COMPANY_NATURE_SENT = {
    "logement": [
        "Demande d'appui pour un dossier de logement social.",
        "Recherche un logement plus proche du lieu de travail.",
        "Retard de loyer de deux mois, plan d'apurement à négocier avec le bailleur.",
        "Information donnée sur Action Logement et les aides à la mobilité.",
        "Demande de prêt pour le dépôt de garantie.",
        "Logement devenu trop petit depuis l'arrivée d'un enfant.",
        "Orientation vers l'ADIL pour une question sur le bail.",
        "Demande de logement temporaire après une mutation.",
    ],
    "budget": [
        "Difficultés à faire face aux charges courantes depuis une baisse de revenus.",
        "Constitution d'un dossier de surendettement.",
        "Demande de prêt social auprès de la commission.",
        "Point complet sur le budget mensuel.",
        "Relances de créanciers reçues, un échéancier a été proposé.",
        "Demande de secours exceptionnel pour une facture d'énergie.",
        "Accompagnement dans les démarches auprès de la CAF.",
        "Proposition d'un rendez-vous avec un conseiller budgétaire.",
    ],
    "sante": [
        "Questions sur le maintien de salaire et la prévoyance.",
        "Information sur les démarches auprès de la CPAM.",
        "Renseignements sur la complémentaire de l'entreprise.",
        "Point sur la reprise du travail et les formalités associées.",
        "Aide pour remplir un dossier de remboursement de la mutuelle.",
    ],
    "famille": [
        "Séparation récente, questions sur la résidence des enfants.",
        "Recherche d'un mode de garde compatible avec des horaires décalés.",
        "Demande d'information sur le congé de proche aidant.",
        "Décès d'un parent, aide pour les démarches administratives.",
        "Questions sur les prestations familiales après une naissance.",
    ],
    "travail": [
        "Souhaite échanger sur une demande de changement de poste.",
        "Difficultés d'organisation liées aux horaires de nuit.",
        "Questions sur un passage à temps partiel.",
        "Tensions dans l'équipe évoquées, interlocuteurs internes présentés.",
        "Demande d'information sur la formation et le CPF.",
    ],
    "handicap": [
        "Aide pour compléter le dossier MDPH.",
        "Questions sur l'aménagement du poste de travail.",
        "Information sur les aides de l'Agefiph.",
        "Renouvellement de la reconnaissance administrative à préparer.",
    ],
    "retraite": [
        "Questions sur l'âge de départ et le relevé de carrière.",
        "Aide pour la demande de retraite en ligne.",
        "Point sur les trimestres manquants.",
        "Orientation vers la caisse de retraite complémentaire.",
    ],
}
COMPANY_GENERIC_SENT = [
    "Un nouveau rendez-vous est prévu dans un mois.",
    "Les pièces justificatives ont été remises.",
    "Le salarié a été informé des suites possibles.",
    "Situation à revoir lors du prochain entretien.",
    "Courrier rédigé ensemble pendant l'entretien.",
    "Réponse de l'organisme attendue sous trois semaines.",
    "Le dossier est complet et a été transmis.",
    "Souhaite prendre le temps de réfléchir avant de décider.",
    "Les démarches convenues la dernière fois ont été faites.",
    "Entretien téléphonique.",
    "Entretien au bureau du service social.",
    "Contact pris avec l'organisme concerné.",
]

DEPT_SENT = [
    "Reçu à la MDS sans rendez-vous.", "Visite à domicile réalisée ce jour.",
    "Point sur la situation budgétaire du ménage.",
    "Dossier FSL constitué pour le dépôt de garantie.",
    "Demande de RSA instruite, pièces manquantes à fournir.",
    "Le bailleur a engagé une procédure, un plan d'apurement est proposé.",
    "Orientation vers l'épicerie sociale de la commune.",
    "Aide à la constitution du dossier de surendettement.",
    "Droits CAF rétablis après l'envoi des justificatifs.",
    "Tarif réduit de la cantine évoqué pour les enfants.",
    "Demande de logement social renouvelée.",
    "Prochain rendez-vous fixé dans trois semaines.",
    "Contact pris avec le CCAS pour une aide alimentaire.",
    "Orientation vers France Travail pour la recherche d'emploi.",
    "La situation reste stable, pas de nouvelle démarche.",
    "Courrier de relance envoyé à la caisse de retraite.",
    "Dossier transmis à la commission d'attribution.",
    "Aide pour la déclaration de ressources trimestrielle.",
    "Demande d'aide financière pour une facture d'énergie.",
    "Entretien téléphonique.",
    "Le ménage a apporté les justificatifs demandés.",
    "Information sur les droits à la complémentaire santé solidaire.",
]
DEPT_OBJETS = [
    "premier accueil", "point budget", "dossier FSL", "ouverture de droits RSA",
    "visite à domicile", "suivi logement", "parentalité",
    "entretien téléphonique", "bilan", "accompagnement administratif",
]
DIFFICULTES_NEUTRES = [
    "impayés de loyer", "surendettement", "perte d'emploi", "rupture de droits",
    "isolement", "logement insalubre", "menace d'expulsion",
    "difficultés parents-enfants", "conflits conjugaux",
    "faibles ressources", "absence de mode de garde",
]
DIFFICULTES_SENSIBLES = [  # contiennent une entrée de lexique
    ("sante", "problèmes psychologiques"), ("sante", "addiction à l'alcool"),
    ("sejour", "situation administrative irrégulière"),
]
INTERVENTIONS_NEUTRES = [
    "accompagnement budgétaire", "ouverture des droits RSA", "demande FSL",
    "orientation vers la CESF", "mesure d'accompagnement social personnalisé",
    "soutien à la parentalité", "dossier de surendettement",
    "demande de logement social", "aide alimentaire via le CCAS",
    "orientation vers une association d'aide aux victimes",
]
INTERVENTIONS_SENSIBLES = [
    ("sante", "consultation d'alcoologie"), ("sante", "suivi psychiatrique"),
]
# « bonne volonté » is a positive appraisal of the person: judgement too (convention 4 of
# checks/subjective/README.md). The list keeps its order so that the data stay the same.
CAPACITES_POSITIVES = ["bonne volonté"]
CAPACITES_NON_PEJORATIVES = CAPACITES_POSITIVES + [
    "se mobilise dans les démarches",
    "autonome pour les démarches administratives",
    "demande un soutien ponctuel", "moyennes",
]
CAPACITES_PEJORATIVES = [
    "faibles", "peu mobilisable, attend tout des services",
    "se complaît dans l'assistanat", "aucune, famille défaillante",
    "nulles", "manque de volonté évident",
]
FREINS = ["dettes anciennes", "absence de mode de garde",
          "maîtrise limitée du français", "mobilité réduite", "isolement",
          "horaires de travail", "absence de permis de conduire"]
FREINS_JUGEMENT = ["mère défaillante", "ne fait aucun effort",
                   "attitude immature"]
POTENTIALITES = ["réseau familial présent", "motivation pour l'emploi",
                 "bonne connaissance des dispositifs",
                 "investissement auprès des enfants", "aucune",
                 "capacité à demander de l'aide"]


# Sentences that say more than the category they were written for (what they disclose,
# read with the conventions of checks/subjective/README.md); counted in each category.
ALSO_DISCLOSES: dict[str, set[str]] = {
    "Semble de mauvaise foi quant à l'origine des dettes.": {"supposition"},
    "Se drogue probablement, propos décousus.": {"sante"},
    "Aide pour compléter le dossier MDPH.": {"sante"},  # a sentence of the "handicap" nature
    "Sans doute victime de violences à la maison.": {"infraction"},
}


def _check_text_banks() -> None:
    """Les phrases neutres ne doivent contenir aucune expression plantée (sauf celles de
    ``ALSO_DISCLOSES``, qui en contiennent exactement les catégories dites)."""
    all_entries = [(c, e) for c, es in LEXIQUES.items() for e in es]
    neutral = (COMPANY_GENERIC_SENT + DEPT_SENT + DIFFICULTES_NEUTRES
               + INTERVENTIONS_NEUTRES + FREINS + POTENTIALITES
               + [s for v in COMPANY_NATURE_SENT.values() for s in v]
               + [s for pair in THIRD_PARTY + OWN_NAME for s in pair])
    for s in neutral:
        found = {c for c, e in all_entries if e in s.lower()}
        assert found == ALSO_DISCLOSES.get(s, set()), (s, found)
    for cat, pairs in PLANTED.items():
        for pair in pairs:
            for s in pair:
                found = {c for c, e in all_entries if e in s.lower()}
                assert found == {cat} | ALSO_DISCLOSES.get(s, set()), (s, found)
    for cat, s in DIFFICULTES_SENSIBLES + INTERVENTIONS_SENSIBLES:
        assert {c for c, e in all_entries if e in s.lower()} == {cat}, s
    for s in FREINS_JUGEMENT:
        assert {c for c, e in all_entries if e in s.lower()} == {"jugement"}, s
    for n in LAST_NAMES + FIRST_F + FIRST_M:
        assert not any(e in n.lower() for _, e in all_entries), n


_check_text_banks()


class NoteWriter:
    """Compose des notes libres et garde la trace des noms insérés."""

    def __init__(self, rng: random.Random, people: People, probs: dict[str, float]):
        self.rng = rng
        self.people = people
        self.probs = probs
        self.text_values: set[str] = set()
        self.last: set[str] = set()

    def _third_party(self, sexe: str) -> str:
        tmpl = self.rng.choice(THIRD_PARTY)[0 if sexe == "M" else 1]
        n = self.people.last()
        pf, pm = self.people.first("F"), self.people.first("M")
        if "{PF}" in tmpl:
            self.text_values.add(f"{pf} {n}")
        elif "{PM}" in tmpl:
            self.text_values.add(f"{pm} {n}")
        else:
            self.text_values.add(n)
        return tmpl.format(PF=pf, PM=pm, N=n)

    def _own(self, sexe: str, prenom: str, nom: str) -> str:
        tmpl = self.rng.choice(OWN_NAME)[0 if sexe == "M" else 1]
        self.text_values.add(f"{prenom} {nom}" if "{P}" in tmpl else nom)
        return tmpl.format(P=prenom, N=nom)

    def compose(self, neutral: list[str], sexe: str, prenom: str, nom: str,
                newline_p: float = 0.0, allowed: tuple[str, ...] | None = None) -> str:
        sentences = list(neutral)
        self.last = set()
        for cat in self.probs:
            if allowed is not None and cat not in allowed:
                continue
            if self.rng.random() >= self.probs[cat]:
                continue
            if cat == "tiers":
                s = self._third_party(sexe)
            elif cat == "nom":
                s = self._own(sexe, prenom, nom)
            else:
                s = self.rng.choice(PLANTED[cat])[0 if sexe == "M" else 1]
            self.last.add(cat)
            sentences.insert(self.rng.randint(0, len(sentences)), s)
        if len(sentences) >= 3 and self.rng.random() < newline_p:
            cut = self.rng.randint(1, len(sentences) - 1)
            return " ".join(sentences[:cut]) + "\n" + " ".join(sentences[cut:])
        return " ".join(sentences)


# ---------------------------------------------------------------------------
# Écriture SQLite par lots, tables de préparation, export CSV
# ---------------------------------------------------------------------------

class Store:
    def __init__(self, path: Path, schema: list[tuple[str, list[tuple[str, str]]]],
                 indexes: list[str], foreign_keys: dict[str, list[str]] | None = None):
        path.parent.mkdir(parents=True, exist_ok=True)
        for p in (path, Path(str(path) + "-journal")):
            if p.exists():
                p.unlink()
        self.path = path
        self.schema = schema
        self.cols = {t: [c for c, _ in cols] for t, cols in schema}
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA page_size = 4096")
        self.conn.execute("PRAGMA journal_mode = MEMORY")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute("PRAGMA temp_store = FILE")
        fks = foreign_keys or {}
        for t, cols in schema:
            defs = [f"{c} {ty}" for c, ty in cols] + fks.get(t, [])
            self.conn.execute(f"CREATE TABLE {t} (\n  " + ",\n  ".join(defs) + "\n)")
        self.indexes = indexes
        self.buf: dict[str, list[tuple]] = defaultdict(list)
        self.sql: dict[str, str] = {}

    def stage(self, name: str, cols: list[str]) -> None:
        self.conn.execute(f"CREATE TEMP TABLE {name} ({', '.join(cols)})")
        self.cols[name] = [c.split()[0] for c in cols]

    def add(self, table: str, row: tuple) -> None:
        b = self.buf[table]
        b.append(row)
        if len(b) >= BATCH:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for t in ([table] if table else list(self.buf)):
            rows = self.buf[t]
            if not rows:
                continue
            if t not in self.sql:
                cols = self.cols[t]
                self.sql[t] = f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            self.conn.executemany(self.sql[t], rows)
            rows.clear()

    def finish(self) -> None:
        self.flush()
        for ddl in self.indexes:
            self.conn.execute(ddl)
        self.conn.commit()
        for (name,) in self.conn.execute(
                "SELECT name FROM sqlite_temp_master WHERE type='table' ORDER BY name").fetchall():
            self.conn.execute(f"DROP TABLE temp.{name}")
        self.conn.commit()
        self.conn.execute("VACUUM")
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t, _ in self.schema}


def export_csv(conn: sqlite3.Connection, schema, out_dir: Path, encoding: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in sorted(out_dir.glob("*.csv")):
        old.unlink()
    for table, cols in schema:
        kinds = [ty.split()[0].upper() for _, ty in cols]
        with open(out_dir / f"{table}.csv", "w", encoding=encoding, newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n",
                           quoting=csv.QUOTE_MINIMAL)
            w.writerow([c for c, _ in cols])
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
            while True:
                rows = cur.fetchmany(BATCH)
                if not rows:
                    break
                for row in rows:
                    w.writerow([_csv_value(v, k) for v, k in zip(row, kinds)])


def _csv_value(v, kind: str) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}".replace(".", ",")
    if kind == "DATE" and isinstance(v, str) and len(v) == 10 and v[4] == "-":
        return f"{v[8:10]}/{v[5:7]}/{v[0:4]}"
    if kind == "TIMESTAMP" and isinstance(v, str) and len(v) == 19 and v[4] == "-":
        return f"{v[8:10]}/{v[5:7]}/{v[0:4]}{v[10:]}"
    return str(v)


def problem(pid: str, check: str, description: str, table: str,
            column: str | None, count: int, unit: str) -> dict:
    return {"id": pid, "check": check, "description_fr": description,
            "table": table, "column": column, "count": int(count), "unit": unit}


def one(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> int:
    return conn.execute(sql, params).fetchone()[0]


def lexicon_problems(conn: sqlite3.Connection, base: str,
                     columns: list[tuple[str, str]], expected: Counter | None = None) -> list[dict]:
    """Relit chaque colonne de texte et compte les lignes par catégorie."""
    probs = []
    for table, col in columns:
        counts: Counter = Counter()
        cur = conn.execute(f"SELECT {col} FROM {table} WHERE {col} IS NOT NULL ORDER BY rowid")
        while True:
            rows = cur.fetchmany(BATCH)
            if not rows:
                break
            for (text,) in rows:
                low = text.lower()
                for cat, entries in LEXIQUES.items():
                    if any(e in low for e in entries):
                        counts[cat] += 1
        for cat in LEXIQUES:
            if counts[cat]:
                if expected is not None:
                    assert counts[cat] == expected[(table, col, cat)], (table, col, cat)
                probs.append(problem(
                    f"subjective.{cat}.{table}.{col}", "subjective",
                    f"Lignes de {table}.{col} contenant au moins une expression plantée "
                    f"de la catégorie « {CATEGORIES_FR[cat]} ».",
                    table, col, counts[cat], "rows"))
    return probs


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


# ===========================================================================
# (a) Base « company » : service social du travail d'une entreprise nationale
# ===========================================================================

COMPANY_DOMAIN = "ardenor-groupe.fr"

SITES = [  # code, libellé, ville, région, poids, communes de résidence, départements
    ("PAR01", "Paris Saint-Lazare", "Paris", "Île-de-France", 100,
     [("75008", "Paris"), ("75017", "Paris"), ("92110", "Clichy"),
      ("92300", "Levallois-Perret"), ("95100", "Argenteuil"),
      ("93400", "Saint-Ouen-sur-Seine")]),
    ("SDN01", "Saint-Denis Plaine", "Saint-Denis", "Île-de-France", 60,
     [("93200", "Saint-Denis"), ("93300", "Aubervilliers"),
      ("93800", "Épinay-sur-Seine"), ("95200", "Sarcelles")]),
    ("MAS01", "Massy Atlantis", "Massy", "Île-de-France", 50,
     [("91300", "Massy"), ("91120", "Palaiseau"), ("92160", "Antony"),
      ("91160", "Longjumeau")]),
    ("LYO01", "Lyon Part-Dieu", "Lyon", "Auvergne-Rhône-Alpes", 80,
     [("69003", "Lyon"), ("69100", "Villeurbanne"), ("69200", "Vénissieux"),
      ("69500", "Bron"), ("69120", "Vaulx-en-Velin")]),
    ("GRE01", "Grenoble Presqu'île", "Grenoble", "Auvergne-Rhône-Alpes", 45,
     [("38000", "Grenoble"), ("38400", "Saint-Martin-d'Hères"),
      ("38130", "Échirolles"), ("38170", "Seyssinet-Pariset")]),
    ("STE01", "Saint-Étienne Châteaucreux", "Saint-Étienne", "Auvergne-Rhône-Alpes", 40,
     [("42000", "Saint-Étienne"), ("42100", "Saint-Étienne"),
      ("42500", "Le Chambon-Feugerolles"), ("42700", "Firminy")]),
    ("LIL01", "Lille Euralille", "Lille", "Hauts-de-France", 75,
     [("59000", "Lille"), ("59100", "Roubaix"), ("59200", "Tourcoing"),
      ("59650", "Villeneuve-d'Ascq")]),
    ("AMI01", "Amiens Gare", "Amiens", "Hauts-de-France", 40,
     [("80000", "Amiens"), ("80090", "Amiens"), ("80330", "Longueau")]),
    ("VAL01", "Valenciennes Port", "Valenciennes", "Hauts-de-France", 45,
     [("59300", "Valenciennes"), ("59410", "Anzin"), ("59770", "Marly"),
      ("59220", "Denain")]),
    ("MAR01", "Marseille Saint-Charles", "Marseille", "Provence-Alpes-Côte d'Azur", 80,
     [("13003", "Marseille"), ("13014", "Marseille"), ("13127", "Vitrolles"),
      ("13700", "Marignane")]),
    ("NIC01", "Nice Saint-Roch", "Nice", "Provence-Alpes-Côte d'Azur", 45,
     [("06000", "Nice"), ("06300", "Nice"), ("06800", "Cagnes-sur-Mer"),
      ("06700", "Saint-Laurent-du-Var")]),
    ("TLN01", "Toulon Est", "Toulon", "Provence-Alpes-Côte d'Azur", 40,
     [("83000", "Toulon"), ("83200", "Toulon"),
      ("83500", "La Seyne-sur-Mer"), ("83130", "La Garde")]),
]
REGION_DEPTS = {
    "Île-de-France": ["75", "92", "93", "94", "91", "95", "77", "78"],
    "Auvergne-Rhône-Alpes": ["69", "38", "42", "01", "73", "74", "63"],
    "Hauts-de-France": ["59", "62", "80", "02", "60"],
    "Provence-Alpes-Côte d'Azur": ["13", "06", "83", "84", "04"],
}
SERVICES = ["Exploitation", "Exploitation", "Exploitation", "Maintenance",
            "Maintenance", "Logistique", "Logistique", "Commercial",
            "Comptabilité", "Ressources humaines", "Informatique",
            "Qualité sécurité"]
NATURES = ["logement", "budget", "sante", "famille", "travail", "handicap", "retraite"]
NATURE_W = [22, 26, 12, 16, 12, 6, 6]

# Assistants de service social : numéro -> sites (index 1..12)
ASS_AFFECT = {1: [1], 2: [1, 2], 3: [2], 4: [3], 5: [4], 6: [4, 5], 7: [6],
              8: [7], 9: [7, 8], 10: [9], 11: [10], 12: [10, 11], 13: [12],
              14: [11, 12]}
ASS_LEFT = {3: dt.date(2024, 3, 29)}           # parti, compte désactivé
ASS_LEFT_ACTIVE = {13: dt.date(2025, 10, 31)}  # parti, compte encore actif
BURST_ASS = 5
BURST_DAY = dt.date(2025, 11, 18)
RH_LEFT_ACTIVE = dt.date(2025, 1, 31)
MANAGER_LEFT = (6, dt.date(2023, 12, 29))
JOURNAL_START = dt.date(2023, 7, 1)
TOOL_START = dt.date(2015, 1, 5)
GENERIC_LOGINS_COMPANY = ["accueil.lyon", "stagiaire.ass"]

COMPANY_SCHEMA = [
    ("etablissement", [("id_etablissement", "INTEGER PRIMARY KEY"),
                       ("code_site", "TEXT"), ("libelle", "TEXT"),
                       ("ville", "TEXT"), ("region", "TEXT")]),
    ("salarie", [("id_salarie", "INTEGER PRIMARY KEY"), ("matricule", "TEXT"),
                 ("nom", "TEXT"), ("prenom", "TEXT"), ("date_naissance", "DATE"),
                 ("sexe", "TEXT"), ("nir", "TEXT"), ("adresse", "TEXT"),
                 ("code_postal", "TEXT"), ("ville", "TEXT"), ("telephone", "TEXT"),
                 ("email", "TEXT"), ("id_etablissement", "INTEGER"),
                 ("id_manager", "INTEGER"), ("service", "TEXT"),
                 ("date_entree", "DATE"), ("date_sortie", "DATE")]),
    ("utilisateur", [("id_utilisateur", "INTEGER PRIMARY KEY"), ("login", "TEXT"),
                     ("nom", "TEXT"), ("prenom", "TEXT"), ("email_pro", "TEXT"),
                     ("role", "TEXT"), ("id_etablissement", "INTEGER"),
                     ("actif", "INTEGER"), ("date_depart", "DATE"),
                     ("mot_de_passe", "TEXT")]),
    ("habilitation", [("id_habilitation", "INTEGER PRIMARY KEY"), ("role", "TEXT"),
                      ("objet", "TEXT"), ("droit", "TEXT"), ("perimetre", "TEXT")]),
    ("affectation", [("id_affectation", "INTEGER PRIMARY KEY"),
                     ("id_utilisateur", "INTEGER"), ("id_etablissement", "INTEGER")]),
    ("demande", [("id_demande", "INTEGER PRIMARY KEY"), ("id_salarie", "INTEGER"),
                 ("id_utilisateur", "INTEGER"), ("date_demande", "DATE"),
                 ("nature_demande", "TEXT"), ("origine", "TEXT"),
                 ("observations", "TEXT"), ("statut", "TEXT"),
                 ("date_cloture", "DATE"), ("montant_aide", "REAL")]),
    ("entretien", [("id_entretien", "INTEGER PRIMARY KEY"), ("id_demande", "INTEGER"),
                   ("id_utilisateur", "INTEGER"), ("date_entretien", "DATE"),
                   ("compte_rendu", "TEXT")]),
    ("journal_acces", [("id_journal", "INTEGER PRIMARY KEY"), ("id_utilisateur", "INTEGER"),
                       ("id_salarie", "INTEGER"), ("objet", "TEXT"), ("action", "TEXT"),
                       ("date_acces", "TIMESTAMP")]),
    ("stat_annuelle", [("id_stat", "INTEGER PRIMARY KEY"), ("annee", "INTEGER"),
                       ("matricule", "TEXT"), ("nom", "TEXT"), ("prenom", "TEXT"),
                       ("code_site", "TEXT"), ("sexe", "TEXT"), ("tranche_age", "TEXT"),
                       ("nature_demande", "TEXT"), ("nb_entretiens", "INTEGER")]),
    ("demande_rectification", [("id_rectification", "INTEGER PRIMARY KEY"),
                               ("id_salarie", "INTEGER"), ("date_demande", "DATE"),
                               ("circuit", "TEXT"), ("id_valideur", "INTEGER"),
                               ("statut", "TEXT")]),
]
COMPANY_FKS = {
    "salarie": ["FOREIGN KEY (id_etablissement) REFERENCES etablissement(id_etablissement)",
                "FOREIGN KEY (id_manager) REFERENCES salarie(id_salarie)"],
    "utilisateur": ["FOREIGN KEY (id_etablissement) REFERENCES etablissement(id_etablissement)"],
    "affectation": ["FOREIGN KEY (id_utilisateur) REFERENCES utilisateur(id_utilisateur)",
                    "FOREIGN KEY (id_etablissement) REFERENCES etablissement(id_etablissement)"],
    "demande": ["FOREIGN KEY (id_salarie) REFERENCES salarie(id_salarie)",
                "FOREIGN KEY (id_utilisateur) REFERENCES utilisateur(id_utilisateur)"],
    "entretien": ["FOREIGN KEY (id_demande) REFERENCES demande(id_demande)",
                  "FOREIGN KEY (id_utilisateur) REFERENCES utilisateur(id_utilisateur)"],
    "journal_acces": ["FOREIGN KEY (id_utilisateur) REFERENCES utilisateur(id_utilisateur)",
                      "FOREIGN KEY (id_salarie) REFERENCES salarie(id_salarie)"],
    "demande_rectification": ["FOREIGN KEY (id_salarie) REFERENCES salarie(id_salarie)",
                              "FOREIGN KEY (id_valideur) REFERENCES salarie(id_salarie)"],
}
COMPANY_INDEXES = [
    "CREATE INDEX ix_salarie_etab ON salarie(id_etablissement)",
    "CREATE INDEX ix_demande_salarie ON demande(id_salarie)",
    "CREATE INDEX ix_entretien_demande ON entretien(id_demande)",
    "CREATE INDEX ix_journal_salarie ON journal_acces(id_salarie)",
    "CREATE INDEX ix_journal_utilisateur ON journal_acces(id_utilisateur, date_acces)",
]
COMPANY_PERSONAL = {
    "salarie": ["matricule", "nom", "prenom", "date_naissance", "nir", "adresse",
                "telephone", "email"],
    "utilisateur": ["login", "nom", "prenom", "email_pro", "mot_de_passe"],
    "stat_annuelle": ["matricule", "nom", "prenom"],
}
COMPANY_TABLE_DOC = {
    "etablissement": "sites de l'entreprise (code, libellé, ville, région)",
    "salarie": "salariés : identité, NIR, coordonnées personnelles, site, manager, dates d'entrée et de sortie",
    "utilisateur": "comptes de l'application (ASS, CTS, RH, managers, direction, secrétariat, administrateur), mots de passe en clair",
    "habilitation": "droits par rôle : objet, lecture ou écriture, périmètre (national, région, site, portefeuille)",
    "affectation": "sites suivis par chaque assistant de service social (son portefeuille réel)",
    "demande": "demandes adressées au service social : nature, origine, observations libres, statut, clôture",
    "entretien": "entretiens rattachés aux demandes, avec un compte rendu libre",
    "journal_acces": "journal des consultations et modifications des dossiers",
    "stat_annuelle": "table de statistiques annuelles dite « anonyme », alimentée avec matricule, nom et prénom",
    "demande_rectification": "demandes de rectification des salariés, validées par leur hiérarchie",
}


def gen_company(out: Path, scale: float, with_csv: bool) -> dict:
    Faker.seed(COMPANY_SEED)
    fake = Faker("fr_FR")
    rng = random.Random(COMPANY_SEED)
    ppl = People(rng, fake)
    notes = NoteWriter(rng, ppl, {
        "jugement": 0.085, "supposition": 0.03, "sante": 0.05, "syndicat": 0.015,
        "origine": 0.015, "religion": 0.008, "infraction": 0.012,
        "tiers": 0.06, "nom": 0.05})
    notes_cr = NoteWriter(rng, ppl, {
        "jugement": 0.06, "supposition": 0.025, "sante": 0.045, "syndicat": 0.01,
        "origine": 0.01, "religion": 0.006, "infraction": 0.01,
        "tiers": 0.05, "nom": 0.04})
    notes_cr.text_values = notes.text_values
    db = Store(out / "company" / "company.sqlite", COMPANY_SCHEMA, COMPANY_INDEXES, COMPANY_FKS)

    # -- établissements -----------------------------------------------------
    for i, (code, lib, ville, region, *_r) in enumerate(SITES, 1):
        db.add("etablissement", (i, code, f"Établissement {lib}", ville, region))
    site_region = {i: s[3] for i, s in enumerate(SITES, 1)}

    # -- comptes ------------------------------------------------------------
    users: list[dict] = []
    used_logins: set[str] = set()

    def add_user(role: str, site: int, *, login: str | None = None, nom: str | None = None,
                 prenom: str | None = None, depart: dt.date | None = None,
                 actif: int | None = None, pwd: str | None = None) -> dict:
        sexe = rng.choice("FFFFM") if role in ("ASS", "CTS", "SECRETARIAT") else rng.choice("FM")
        if nom is None and login is None:
            nom, prenom = ppl.last(), ppl.first(sexe)
        if login is None:
            base = (ascii_slug(prenom, "-")[0] + ascii_slug(nom)) if rng.random() < 0.6 \
                else f"{ascii_slug(prenom, '-')}.{ascii_slug(nom)}"
            login, k = base, 2
            while login in used_logins:
                login, k = f"{base}{k}", k + 1
            email = f"{ascii_slug(prenom, '-')}.{ascii_slug(nom, '-')}@{COMPANY_DOMAIN}"
        else:
            email = f"{login}@{COMPANY_DOMAIN}"
        used_logins.add(login)
        if pwd is None:
            pwd = rng.choice([
                "Azerty123", "Ardenor2023", "Ardenor2024!", "Soleil2022",
                "Bonjour01", "Motdepasse1", "Printemps24", "Ardenor01",
                f"{(prenom or 'x').capitalize()}{rng.randint(1965, 2004)}",
                f"{ascii_slug(nom or 'x')}{rng.randint(1, 99):02d}",
            ])
        if actif is None:
            actif = 0 if depart else 1
        u = {"id": len(users) + 1, "login": login, "nom": nom, "prenom": prenom,
             "email": email, "role": role, "site": site, "actif": actif,
             "depart": depart, "pwd": pwd}
        users.append(u)
        return u

    add_user("ADMIN_APPLI", 1)
    ass: dict[int, dict] = {}
    for k in range(1, 15):
        dep = ASS_LEFT.get(k) or ASS_LEFT_ACTIVE.get(k)
        ass[k] = add_user("ASS", ASS_AFFECT[k][0], depart=dep,
                          actif=1 if k in ASS_LEFT_ACTIVE else None)
    cts = [add_user("CTS", 1), add_user("CTS", 4)]
    rh = [add_user("RH", 1), add_user("RH", 1), add_user("RH", 4),
          add_user("RH", 7, depart=RH_LEFT_ACTIVE, actif=1)]
    managers: dict[int, list[dict]] = defaultdict(list)
    for s in range(1, len(SITES) + 1):
        if s == MANAGER_LEFT[0]:
            managers[s].append(add_user("MANAGER", s, depart=MANAGER_LEFT[1]))
        managers[s].append(add_user("MANAGER", s))
    add_user("DIRECTION", 1)
    add_user("DIRECTION", 1)
    for s in (1, 4, 7, 10):
        add_user("SECRETARIAT", s)
    add_user("SECRETARIAT", 4, login="accueil.lyon", nom="Poste accueil Lyon Part-Dieu",
             pwd="Accueil2024")
    add_user("ASS", 1, login="stagiaire.ass", nom="Stagiaires service social promo 2025",
                    pwd="Stagiaire1")
    for u in users:
        db.add("utilisateur", (u["id"], u["login"], u["nom"], u["prenom"], u["email"],
                               u["role"], u["site"], u["actif"], iso(u["depart"]), u["pwd"]))
    aff_id = 0
    for k in range(1, 15):
        for s in ASS_AFFECT[k]:
            aff_id += 1
            db.add("affectation", (aff_id, ass[k]["id"], s))
    ass_of_site: dict[int, list[int]] = defaultdict(list)
    for k in range(1, 15):
        for s in ASS_AFFECT[k]:
            ass_of_site[s].append(k)

    def ass_end(k: int) -> dt.date:
        d = ASS_LEFT.get(k) or ASS_LEFT_ACTIVE.get(k)
        return d if d else AS_OF

    habil = [
        ("ASS", "demande", "lecture", "national"),
        ("ASS", "demande", "ecriture", "portefeuille"),
        ("ASS", "entretien", "lecture", "national"),
        ("ASS", "entretien", "ecriture", "portefeuille"),
        ("ASS", "salarie", "lecture", "national"),
        ("ASS", "stat_annuelle", "lecture", "national"),
        ("CTS", "demande", "lecture", "national"),
        ("CTS", "entretien", "lecture", "national"),
        ("CTS", "stat_annuelle", "lecture", "national"),
        ("CTS", "stat_annuelle", "ecriture", "national"),
        ("RH", "salarie", "lecture", "national"),
        ("RH", "salarie", "ecriture", "national"),
        ("RH", "demande", "lecture", "national"),
        ("RH", "stat_annuelle", "lecture", "national"),
        ("MANAGER", "salarie", "lecture", "site"),
        ("MANAGER", "demande", "lecture", "site"),
        ("DIRECTION", "stat_annuelle", "lecture", "national"),
        ("DIRECTION", "salarie", "lecture", "national"),
        ("SECRETARIAT", "salarie", "lecture", "site"),
        ("ADMIN_APPLI", "journal_acces", "lecture", "national"),
        ("ADMIN_APPLI", "salarie", "lecture", "national"),
    ]
    for i, h in enumerate(habil, 1):
        db.add("habilitation", (i,) + h)

    # -- salariés, demandes, entretiens, journal (flux par salarié) ----------
    db.stage("stage_demande", ["tmp_id INTEGER", "id_salarie", "id_utilisateur",
                               "date_demande", "nature_demande", "origine",
                               "observations", "statut", "date_cloture", "montant_aide"])
    db.stage("stage_entretien", ["seq INTEGER", "tmp_demande INTEGER", "id_utilisateur",
                                 "date_entretien", "compte_rendu"])
    db.stage("stage_journal", ["seq INTEGER", "id_utilisateur", "id_salarie", "objet",
                               "action", "date_acces"])
    db.stage("stage_stat", ["annee", "matricule", "nom", "prenom", "code_site", "sexe",
                            "tranche_age", "nature_demande", "nb_entretiens"])
    n_sal = max(40, round(700 * scale))
    weights = [s[4] for s in SITES]
    site_managers: dict[int, list[int]] = defaultdict(list)
    seq = {"d": 0, "e": 0, "j": 0}
    expected_lex: Counter = Counter()
    burst_rows: list[tuple[int, int]] = []  # (id_salarie, first demande) pour la rafale
    rectifs: list[tuple] = []
    matricule_num = 10_000
    hire_start, hire_end = dt.date(1988, 1, 4), dt.date(2026, 4, 30)
    span = (hire_end - hire_start).days

    def journal(uid: int, sid: int, objet: str, action: str, ts: str) -> None:
        seq["j"] += 1
        db.add("stage_journal", (seq["j"], uid, sid, objet, action, ts))

    def count_lex(table: str, col: str, text: str, flags: set[str]) -> None:
        for f in ("tiers", "nom"):
            if f in flags:
                expected_lex[(table, col, f)] += 1
        low = text.lower()
        for cat, entries in LEXIQUES.items():
            if any(e in low for e in entries):
                expected_lex[(table, col, cat)] += 1

    for sid in range(1, n_sal + 1):
        site = rng.choices(range(1, len(SITES) + 1), weights)[0]
        region = site_region[site]
        sexe = rng.choice("FM")
        nom, prenom = ppl.last(), ppl.first(sexe)
        hire = hire_start + dt.timedelta(days=int(span * ((sid - 1 + rng.random()) / n_sal) ** 0.75))
        age_hire = rng.choice([19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 32, 35, 38, 42, 47, 52])
        birth = hire - dt.timedelta(days=int(365.25 * age_hire) + rng.randint(0, 364))
        sortie = None
        retire = birth + dt.timedelta(days=int(365.25 * rng.choice([62, 63, 64])))
        if retire < AS_OF:
            sortie = retire
        elif rng.random() < 0.10:
            sortie = rand_date(rng, hire + 200 * DAY, AS_OF - 20 * DAY)
            if sortie <= hire:
                sortie = None
        matricule_num += rng.randint(1, 60)
        matricule = f"M{matricule_num:06d}"
        dept, commune = birth_place(rng, REGION_DEPTS[region], birth.year)
        nir = make_nir(sexe, birth.year, birth.month, dept, commune, rng.randint(1, 999))
        cp, ville = rng.choice(SITES[site - 1][5])
        is_manager = not site_managers[site] or rng.random() < 0.08
        manager = None
        if site_managers[site]:
            pool = site_managers[site]
            manager = pool[0] if is_manager else rng.choice(pool)
        if is_manager:
            site_managers[site].append(sid)
        service = "Direction" if is_manager and manager is None else rng.choice(SERVICES)
        email = ppl.email(prenom, nom) if rng.random() < 0.9 else None
        db.add("salarie", (sid, matricule, nom, prenom, iso(birth), sexe, nir, ppl.street(),
                           cp, ville, ppl.phone(), email, site, manager, service,
                           iso(hire), iso(sortie)))

        # -- demandes au service social --
        start = max(hire + 30 * DAY, TOOL_START)
        end = min(sortie or AS_OF, AS_OF - 10 * DAY)
        if (end - start).days < 30 or rng.random() >= 0.52:
            continue
        n_dem = rng.choices([1, 2, 3], [60, 28, 12])[0]
        dem_dates = sorted(clear_date(start + dt.timedelta(
            days=int((end - start).days * rng.random() ** 0.6))) for _ in range(n_dem))
        person_contacts: list[dt.date] = []
        person_demandes: list[list] = []
        per_year: dict[int, list] = defaultdict(lambda: [Counter(), 0])
        for ddem in dem_dates:
            owners = [k for k in ass_of_site[site] if ass_end(k) > ddem + 14 * DAY]
            if not owners:
                continue
            k = rng.choice(owners)
            owner_end = min(ass_end(k), end)
            nature = rng.choices(NATURES, NATURE_W)[0]
            origine = "professionnelle" if nature == "travail" or rng.random() < 0.2 else "personnelle"
            seq["d"] += 1
            tmp = seq["d"]
            # entretiens
            dates = [ddem]
            while rng.random() < 0.55 and len(dates) < 6:
                nd = clear_date(dates[-1] + dt.timedelta(days=rng.randint(7, 75)))
                if nd >= owner_end:
                    break
                dates.append(nd)
            for de in dates:
                neutral = [rng.choice(COMPANY_GENERIC_SENT)]
                for _ in range(rng.randint(1, 4)):
                    neutral.append(rng.choice(COMPANY_NATURE_SENT[nature] + COMPANY_GENERIC_SENT))
                neutral = list(dict.fromkeys(neutral))
                cr = notes_cr.compose(neutral, sexe, prenom, nom, newline_p=0.05)
                count_lex("entretien", "compte_rendu", cr, notes_cr.last)
                seq["e"] += 1
                db.add("stage_entretien", (seq["e"], tmp, ass[k]["id"], iso(de), cr))
                per_year[de.year][1] += 1
                per_year[de.year][0][nature] += 1
            last = dates[-1]
            closed = last < AS_OF - 120 * DAY and rng.random() < 0.9 or owner_end < end
            statut, cloture = ("close", last) if closed else ("ouverte", None)
            neutral = [rng.choice(COMPANY_NATURE_SENT[nature])]
            for _ in range(rng.randint(0, 3)):
                neutral.append(rng.choice(COMPANY_NATURE_SENT[nature] + COMPANY_GENERIC_SENT))
            obs = notes.compose(list(dict.fromkeys(neutral)), sexe, prenom, nom)
            count_lex("demande", "observations", obs, notes.last)
            montant = None
            if nature in ("budget", "logement") and rng.random() < 0.35:
                montant = round(rng.randint(15, 300) * 10 + rng.choice([0, 0, 0, 0.5]), 2)
            db.add("stage_demande", (tmp, sid, ass[k]["id"], iso(ddem), nature, origine, obs,
                                     statut, iso(cloture), montant))
            person_contacts.extend(dates)
            person_demandes.append([k, ddem, last, cloture, owner_end])

            # -- journal : lectures normales par l'ASS qui suit la demande --
            for de in dates:
                if de < JOURNAL_START:
                    continue
                journal(ass[k]["id"], sid, "entretien", "modification", stamp(rng, de))
                for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
                    d2 = max(ddem, min(de + dt.timedelta(days=rng.randint(-5, 12)), owner_end))
                    if d2 >= JOURNAL_START:
                        journal(ass[k]["id"], sid, rng.choice(["demande", "entretien"]),
                                "consultation", stamp(rng, d2))
            active_end = min(cloture or owner_end, owner_end)
            a = max(ddem, JOURNAL_START)
            months = max(0, (active_end - a).days) / 30.4
            for _ in range(int(months * 4.0 + rng.random())):
                journal(ass[k]["id"], sid, rng.choice(["demande", "demande", "entretien"]),
                        "consultation", stamp(rng, rand_date(rng, a, active_end)))
            if cloture:  # relectures d'anciens dossiers clos
                a2 = max(cloture, JOURNAL_START)
                if a2 < owner_end:
                    yrs = (owner_end - a2).days / 365.25
                    for _ in range(int(yrs * 3.0 + rng.random())):
                        journal(ass[k]["id"], sid, "demande", "consultation",
                                stamp(rng, rand_date(rng, a2, owner_end)))

        if not person_demandes:
            continue
        first_dem = min(p[1] for p in person_demandes)
        last_contact = max(person_contacts)

        # statistiques annuelles « anonymes » (années closes)
        for year in sorted(per_year):
            natures, nb_ent = per_year[year]
            if year > 2025 or not natures:
                continue
            age = year - birth.year
            tranche = "<25" if age < 25 else "25-34" if age < 35 else "35-44" if age < 45 \
                else "45-54" if age < 55 else "55+"
            db.add("stage_stat", (year, matricule, nom, prenom, SITES[site - 1][0], sexe, tranche,
                                  natures.most_common(1)[0][0], nb_ent))

        # lectures hors portefeuille par des ASS d'autres sites
        jstart = max(first_dem, JOURNAL_START)
        jend = AS_OF - 5 * DAY
        if jstart < jend:
            if rng.random() < 0.22:
                for _ in range(rng.choice([1, 1, 1, 2, 3])):
                    d = rand_date(rng, jstart, jend)
                    others = [kk for kk in range(1, 15) if kk not in ass_of_site[site]
                              and ass_end(kk) > d and not (kk == BURST_ASS and clear_date(d) == BURST_DAY)]
                    if others:
                        journal(ass[rng.choice(others)]["id"], sid, rng.choice(["demande", "entretien"]),
                                "consultation", stamp(rng, d))
            if rng.random() < 0.06:  # RH
                for _ in range(rng.choice([1, 1, 2])):
                    d = rand_date(rng, jstart, jend)
                    pool = [u for u in rh if u["depart"] is None or u["depart"] > d or u["actif"]]
                    journal(rng.choice(pool)["id"], sid, "demande", "consultation", stamp(rng, d))
            if rng.random() < 0.05:  # manager du site
                d = rand_date(rng, jstart, jend)
                pool = [u for u in managers[site] if u["depart"] is None or u["depart"] > d]
                if pool:
                    journal(rng.choice(pool)["id"], sid, "demande", "consultation", stamp(rng, d))
            # compte d'ASS parti mais resté actif : lectures après le départ
            if any(p[0] == 13 for p in person_demandes) and rng.random() < 0.4:
                dep = ASS_LEFT_ACTIVE[13]
                a = max(jstart, dep + 3 * DAY)
                if a < jend:
                    journal(ass[13]["id"], sid, "demande", "consultation",
                            stamp(rng, rand_date(rng, a, jend)))
            # candidats pour la rafale de consultations
            if (site not in ASS_AFFECT[BURST_ASS] and first_dem < BURST_DAY - 30 * DAY
                    and len(burst_rows) < 48 and rng.random() < 0.3):
                burst_rows.append((sid, site))
        # demande de rectification par la voie hiérarchique
        if manager and last_contact >= CUT_2Y and rng.random() < 0.13 * (1 if scale >= 1 else 2):
            d = clear_date(rand_date(rng, max(last_contact, CUT_2Y + 10 * DAY), AS_OF - 6 * DAY))
            rectifs.append((sid, iso(d), "hierarchique", manager,
                            rng.choice(["transmise", "validee", "validee", "refusee", "en_attente"])))

    # rafale : un ASS parcourt des dossiers sans lien en moins d'une heure
    minute = 3
    burst_seq0 = seq["j"] + 1
    for sid, _site in burst_rows:
        ts = f"{BURST_DAY.isoformat()} 14:{minute:02d}:{rng.randint(0, 59):02d}"
        journal(ass[BURST_ASS]["id"], sid, rng.choice(["demande", "entretien"]), "consultation", ts)
        minute = min(56, minute + rng.choice([0, 1, 1, 1, 2]))
    for i, r in enumerate(rectifs, 1):
        db.add("demande_rectification", (i,) + r)

    db.flush()
    c = db.conn
    # normalisation : l'ASS de la rafale n'a aucune autre ligne ce jour-là
    c.execute("DELETE FROM stage_journal WHERE id_utilisateur = ? AND substr(date_acces, 1, 10) = ? "
              "AND seq < ?", (ass[BURST_ASS]["id"], BURST_DAY.isoformat(), burst_seq0))
    c.execute("""INSERT INTO demande (id_demande, id_salarie, id_utilisateur, date_demande, nature_demande,
                 origine, observations, statut, date_cloture, montant_aide)
                 SELECT ROW_NUMBER() OVER (ORDER BY date_demande, tmp_id), id_salarie, id_utilisateur,
                 date_demande, nature_demande, origine, observations, statut, date_cloture, montant_aide
                 FROM stage_demande ORDER BY date_demande, tmp_id""")
    c.execute("""CREATE TEMP TABLE map_demande AS SELECT tmp_id,
                 ROW_NUMBER() OVER (ORDER BY date_demande, tmp_id) AS id FROM stage_demande""")
    c.execute("""INSERT INTO entretien (id_entretien, id_demande, id_utilisateur, date_entretien, compte_rendu)
                 SELECT ROW_NUMBER() OVER (ORDER BY e.date_entretien, e.seq), m.id, e.id_utilisateur,
                 e.date_entretien, e.compte_rendu FROM stage_entretien e
                 JOIN map_demande m ON m.tmp_id = e.tmp_demande ORDER BY e.date_entretien, e.seq""")
    c.execute("""INSERT INTO journal_acces (id_journal, id_utilisateur, id_salarie, objet, action, date_acces)
                 SELECT ROW_NUMBER() OVER (ORDER BY date_acces, seq), id_utilisateur, id_salarie, objet,
                 action, date_acces FROM stage_journal ORDER BY date_acces, seq""")
    c.execute("""INSERT INTO stat_annuelle (id_stat, annee, matricule, nom, prenom, code_site, sexe,
                 tranche_age, nature_demande, nb_entretiens)
                 SELECT ROW_NUMBER() OVER (ORDER BY annee, code_site, matricule), annee, matricule, nom,
                 prenom, code_site, sexe, tranche_age, nature_demande, nb_entretiens
                 FROM stage_stat ORDER BY annee, code_site, matricule""")
    db.finish()

    problems, facts = company_problems(c, users, ass, expected_lex)
    text_values = sorted(notes.text_values)
    counts = db.counts()
    csv_dir = out / "company" / "csv"
    if with_csv:
        export_csv(c, COMPANY_SCHEMA, csv_dir, "cp1252")
    db.close()
    write_json(out / "company" / "planted.json", {"as_of": AS_OF.isoformat(), "problems": problems,
                                                  "facts": facts})
    write_json(out / "company" / "personal_columns.json", COMPANY_PERSONAL)
    write_json(out / "company" / "planted_text_values.json", text_values)
    return {"counts": counts, "problems": problems, "facts": facts}


def company_problems(c: sqlite3.Connection, users, ass, expected_lex) -> list[dict]:
    P: list[dict] = []
    asof, cut2, cut1 = AS_OF.isoformat(), CUT_2Y.isoformat(), CUT_1Y.isoformat()
    # --- accès ---
    P.append(problem("access.mots_de_passe_en_clair", "access",
                     "Comptes dont le mot de passe est stocké en clair dans utilisateur.mot_de_passe.",
                     "utilisateur", "mot_de_passe",
                     one(c, "SELECT COUNT(*) FROM utilisateur WHERE mot_de_passe IS NOT NULL "
                            "AND mot_de_passe NOT LIKE '$2%' AND length(mot_de_passe) < 32"), "accounts"))
    gl = ",".join("?" * len(GENERIC_LOGINS_COMPANY))
    P.append(problem("access.comptes_generiques", "access",
                     "Comptes génériques ou partagés (poste d'accueil, stagiaires) sans titulaire nominatif.",
                     "utilisateur", "login",
                     one(c, f"SELECT COUNT(*) FROM utilisateur WHERE login IN ({gl})",
                         tuple(GENERIC_LOGINS_COMPANY)), "accounts"))
    P.append(problem("access.comptes_actifs_apres_depart", "access",
                     "Comptes encore actifs (actif = 1) alors que la date de départ est passée.",
                     "utilisateur", "actif",
                     one(c, "SELECT COUNT(*) FROM utilisateur WHERE actif = 1 AND date_depart IS NOT NULL "
                            "AND date_depart < ?", (asof,)), "accounts"))
    P.append(problem("access.habilitation_nationale_travailleurs_sociaux", "access",
                     "Rôles de travailleurs sociaux (ASS, CTS) qui lisent toutes les demandes et tous les "
                     "entretiens du pays (périmètre national) au lieu de leur seul portefeuille.",
                     "habilitation", "perimetre",
                     one(c, "SELECT COUNT(DISTINCT role) FROM habilitation WHERE role IN ('ASS','CTS') "
                            "AND objet IN ('demande','entretien') AND droit = 'lecture' "
                            "AND perimetre = 'national'"), "roles"))
    P.append(problem("access.habilitation_employeur_demandes", "access",
                     "Rôles de l'employeur (RH au niveau national, MANAGER sur son site) qui peuvent lire "
                     "les demandes, donc savoir qui a consulté le service social.",
                     "habilitation", "role",
                     one(c, "SELECT COUNT(DISTINCT role) FROM habilitation WHERE role IN "
                            "('RH','MANAGER','DIRECTION') AND objet IN ('demande','entretien') "
                            "AND droit = 'lecture'"), "roles"))
    out_sql = """SELECT COUNT(*) FROM journal_acces j JOIN utilisateur u ON u.id_utilisateur = j.id_utilisateur
                 JOIN salarie s ON s.id_salarie = j.id_salarie
                 WHERE u.role = 'ASS' AND NOT EXISTS (SELECT 1 FROM affectation a
                   WHERE a.id_utilisateur = j.id_utilisateur AND a.id_etablissement = s.id_etablissement)"""
    n_out = one(c, out_sql)
    # même compte si le portefeuille est défini par les demandes suivies
    n_out2 = one(c, """SELECT COUNT(*) FROM journal_acces j JOIN utilisateur u ON u.id_utilisateur = j.id_utilisateur
                 WHERE u.role = 'ASS' AND NOT EXISTS (SELECT 1 FROM demande d
                   WHERE d.id_utilisateur = j.id_utilisateur AND d.id_salarie = j.id_salarie)""")
    assert n_out == n_out2, (n_out, n_out2)
    total = one(c, "SELECT COUNT(*) FROM journal_acces")
    P.append(problem("access.lectures_hors_portefeuille", "access",
                     "Lignes du journal où un compte ASS consulte le dossier d'un salarié d'un site qui ne "
                     f"figure pas dans ses affectations (sur {total} lignes ; la rafale ci-dessous est incluse).",
                     "journal_acces", None, n_out, "rows"))
    for role, label in (("RH", "ressources humaines"), ("MANAGER", "managers")):
        P.append(problem(f"access.lectures_{role.lower()}", "access",
                         f"Lignes du journal où un compte {role} ({label}) consulte une demande au service social.",
                         "journal_acces", None,
                         one(c, "SELECT COUNT(*) FROM journal_acces j JOIN utilisateur u "
                                "ON u.id_utilisateur = j.id_utilisateur WHERE u.role = ?", (role,)), "rows"))
    bid = ass[BURST_ASS]["id"]
    day = BURST_DAY.isoformat()
    n_burst = one(c, "SELECT COUNT(*) FROM journal_acces WHERE id_utilisateur = ? AND date_acces >= ? "
                     "AND date_acces < ?", (bid, f"{day} 14:00:00", f"{day} 15:00:00"))
    n_burst_p = one(c, "SELECT COUNT(DISTINCT id_salarie) FROM journal_acces WHERE id_utilisateur = ? "
                       "AND date_acces >= ? AND date_acces < ?", (bid, f"{day} 14:00:00", f"{day} 15:00:00"))
    other_max = max_distinct_per_hour(c, "journal_acces", "id_utilisateur", "id_salarie", "date_acces",
                                      exclude=(bid, day))
    P.append(problem("access.rafale_consultations", "access",
                     f"Un seul compte ASS consulte {n_burst_p} dossiers distincts de salariés d'autres sites "
                     f"entre 14 h et 15 h le {fr(BURST_DAY)} ; aucun autre compte ne dépasse "
                     f"{other_max} dossiers distincts sur une heure glissante.",
                     "journal_acces", None, n_burst, "rows"))
    P.append(problem("access.lectures_apres_depart", "access",
                     "Lignes du journal postérieures à la date de départ du titulaire du compte.",
                     "journal_acces", None,
                     one(c, "SELECT COUNT(*) FROM journal_acces j JOIN utilisateur u ON "
                            "u.id_utilisateur = j.id_utilisateur WHERE u.date_depart IS NOT NULL "
                            "AND substr(j.date_acces, 1, 10) > u.date_depart"), "rows"))
    P.append(problem("access.rectification_voie_hierarchique", "access",
                     "Demandes de rectification qui passent par le manager du salarié (circuit "
                     "hiérarchique) : l'employeur apprend que le salarié a consulté le service social.",
                     "demande_rectification", "circuit",
                     one(c, "SELECT COUNT(*) FROM demande_rectification WHERE circuit = 'hierarchique'"), "rows"))
    # --- nominatif ---
    ident_cols = sum(1 for col in ("matricule", "nom", "prenom")
                     if one(c, f"SELECT COUNT(*) FROM stat_annuelle WHERE {col} IS NOT NULL"))
    P.append(problem("nominative.stat_annuelle_identifiants", "nominative",
                     "Colonnes identifiantes (matricule, nom, prénom) remplies dans la table de statistiques "
                     "présentée comme anonyme.", "stat_annuelle", None, ident_cols, "columns"))
    P.append(problem("nominative.stat_annuelle_lignes", "nominative",
                     "Lignes de stat_annuelle qui portent le matricule, le nom et le prénom du salarié "
                     "(une ligne par salarié et par année).", "stat_annuelle", None,
                     one(c, "SELECT COUNT(*) FROM stat_annuelle WHERE matricule IS NOT NULL "
                            "AND nom IS NOT NULL"), "rows"))
    P.append(problem("nominative.nir_salarie", "nominative",
                     "Salariés dont le NIR est enregistré dans l'outil du service social, qui n'en a pas "
                     "besoin.", "salarie", "nir",
                     one(c, "SELECT COUNT(*) FROM salarie WHERE nir IS NOT NULL"), "persons"))
    # --- subjectif ---
    P.extend(lexicon_problems(c, "company", [("demande", "observations"), ("entretien", "compte_rendu")],
                              expected_lex))
    P.extend(name_problems(expected_lex, [("demande", "observations"), ("entretien", "compte_rendu")],
                           "du salarié"))
    # --- conservation ---
    last_sql = """SELECT d.id_salarie, MAX(x) FROM (
                    SELECT id_salarie, date_demande AS x FROM demande
                    UNION ALL SELECT d.id_salarie, e.date_entretien FROM entretien e
                      JOIN demande d ON d.id_demande = e.id_demande {extra}) d GROUP BY d.id_salarie"""
    lasts = dict(c.execute(last_sql.format(extra="")).fetchall())
    lasts_cl = dict(c.execute(last_sql.format(
        extra="UNION ALL SELECT id_salarie, date_cloture FROM demande WHERE date_cloture IS NOT NULL")).fetchall())
    over = sum(1 for v in lasts.values() if v < cut2)
    assert over == sum(1 for v in lasts_cl.values() if v < cut2)
    P.append(problem("retention.salaries_dernier_contact_plus_2_ans", "retention",
                     "Salariés dont le dernier contact avec le service social (date de demande ou "
                     f"d'entretien) date de plus de 2 ans avant le {fr(AS_OF)} ; la base n'a aucune colonne "
                     "d'archivage.", "demande", None, over, "persons"))
    P.append(problem("retention.demandes_closes_plus_2_ans", "retention",
                     f"Demandes closes dont la date de clôture est antérieure de plus de 2 ans au {fr(AS_OF)}.",
                     "demande", "date_cloture",
                     one(c, "SELECT COUNT(*) FROM demande WHERE statut = 'close' AND date_cloture < ?",
                         (cut2,)), "rows"))
    P.append(problem("retention.journal_plus_1_an", "retention",
                     f"Lignes du journal d'accès antérieures de plus d'un an au {fr(AS_OF)}.",
                     "journal_acces", "date_acces",
                     one(c, "SELECT COUNT(*) FROM journal_acces WHERE date_acces < ?", (cut1,)), "rows"))
    F = [
        fact("journal_lignes", "Lignes du journal d'accès.", "journal_acces", None, total, "rows"),
        fact("salaries_suivis", "Salariés ayant au moins une demande au service social.", "demande",
             "id_salarie", one(c, "SELECT COUNT(DISTINCT id_salarie) FROM demande"), "persons"),
        fact("comptes_ass", "Comptes de rôle ASS (dont le compte générique des stagiaires, sans affectation).",
             "utilisateur", "role", one(c, "SELECT COUNT(*) FROM utilisateur WHERE role = 'ASS'"), "accounts"),
        fact("lectures_portefeuille", "Lignes du journal où un compte ASS lit un salarié d'un site qui lui est "
             "affecté.", "journal_acces", None,
             one(c, "SELECT COUNT(*) FROM journal_acces j JOIN utilisateur u ON u.id_utilisateur = j.id_utilisateur "
                    "WHERE u.role = 'ASS'") - n_out, "rows"),
        fact("demandes_ouvertes", "Demandes encore ouvertes (sans date de clôture).", "demande", "statut",
             one(c, "SELECT COUNT(*) FROM demande WHERE statut = 'ouverte'"), "rows"),
        fact("notes_avec_saut_de_ligne", "Comptes rendus qui contiennent un saut de ligne (champ CSV entre "
             "guillemets).", "entretien", "compte_rendu",
             one(c, "SELECT COUNT(*) FROM entretien WHERE instr(compte_rendu, char(10)) > 0"), "rows"),
    ]
    return [p for p in P if p["count"] > 0], F


def fact(fid: str, description: str, table: str, column: str | None, count: int, unit: str) -> dict:
    """Un compte utile aux tests mais qui n'est pas un problème."""
    return {"id": fid, "description_fr": description, "table": table, "column": column,
            "count": int(count), "unit": unit}


def max_distinct_per_hour(c, table, who, what, when, exclude=None) -> int:
    """Plus grand nombre de personnes distinctes vues par un compte en 60 minutes glissantes."""
    best = 0
    cur = c.execute(f"SELECT {who}, {what}, {when} FROM {table} ORDER BY {who}, {when}")
    window: deque = deque()
    current = None
    for acct, person, ts in cur:
        if exclude and acct == exclude[0] and ts.startswith(exclude[1]):
            continue
        t = dt.datetime.fromisoformat(ts)
        if acct != current:
            current, window = acct, deque()
        window.append((t, person))
        while window[0][0] < t - dt.timedelta(minutes=60):
            window.popleft()
        best = max(best, len({p for _, p in window}))
    return best


def name_problems(expected: Counter, columns: list[tuple[str, str]], who: str) -> list[dict]:
    """Notes qui nomment un tiers ou la personne elle-même (comptées à l'écriture)."""
    out = []
    for table, col in columns:
        n = expected[(table, col, "tiers")]
        if n:
            out.append(problem(f"subjective.noms_tiers.{table}.{col}", "subjective",
                               f"Lignes de {table}.{col} qui nomment un tiers (conjoint, voisin, parent, "
                               "ami) ; les noms insérés sont listés dans planted_text_values.json.",
                               table, col, n, "rows"))
        n = expected[(table, col, "nom")]
        if n:
            out.append(problem(f"subjective.nom_personne.{table}.{col}", "subjective",
                               f"Lignes de {table}.{col} qui écrivent en toutes lettres le nom {who}.",
                               table, col, n, "rows"))
    return out


# ===========================================================================
# (b) Base « departement » : dossier d'intervention sociale
# ===========================================================================

MDS = [
    ("MDS d'Évry-Courcouronnes", "Évry-Courcouronnes", 25,
     [("91000", "Évry-Courcouronnes"), ("91080", "Évry-Courcouronnes"),
      ("91130", "Ris-Orangis"), ("91090", "Lisses"), ("91070", "Bondoufle")]),
    ("MDS de Corbeil-Essonnes", "Corbeil-Essonnes", 20,
     [("91100", "Corbeil-Essonnes"), ("91250", "Saint-Germain-lès-Corbeil"),
      ("91540", "Mennecy"), ("91450", "Soisy-sur-Seine")]),
    ("MDS de Massy", "Massy", 20,
     [("91300", "Massy"), ("91120", "Palaiseau"), ("91940", "Les Ulis"),
      ("91160", "Longjumeau"), ("91380", "Chilly-Mazarin")]),
    ("MDS d'Étampes", "Étampes", 15,
     [("91150", "Étampes"), ("91410", "Dourdan"), ("91290", "Arpajon"),
      ("91580", "Étréchy")]),
    ("MDS de Sainte-Geneviève-des-Bois", "Sainte-Geneviève-des-Bois", 20,
     [("91700", "Sainte-Geneviève-des-Bois"), ("91240", "Saint-Michel-sur-Orge"),
      ("91220", "Brétigny-sur-Orge"), ("91390", "Morsang-sur-Orge"),
      ("91350", "Grigny"), ("91170", "Viry-Châtillon")]),
]
SOCIAL_FONCTIONS = ("ASS", "CESF", "EJE")
DIS_START = dt.date(2008, 4, 1)
LEGACY_END = dt.date(2014, 1, 1)  # reprise de l'ancien logiciel : dates jj/mm/aaaa
JOURNAL6_START = dt.date(2020, 7, 1)
GENERIC_LOGINS_DEPT = ["accueil.corbeil", "stagiaire.mds"]
SITUATIONS_FAM = ["célibataire", "célibataire", "marié(e)", "pacsé(e)", "concubinage",
                  "divorcé(e)", "séparé(e)", "veuf(ve)"]
MOTIFS = ["logement", "budget", "insertion", "parentalité", "santé", "accès aux droits"]
MOTIF_W = [24, 26, 18, 12, 8, 12]
TRANCHES = ["18-24", "25-39", "40-59", "60+"]

DEPT_SCHEMA = [
    ("mds", [("id_mds", "INTEGER PRIMARY KEY"), ("nom_mds", "TEXT"), ("commune", "TEXT")]),
    ("usager", [("id_usager", "INTEGER PRIMARY KEY"), ("civilite", "TEXT"),
                ("nom_usage", "TEXT"), ("nom_naissance", "TEXT"), ("prenom", "TEXT"),
                ("dt_naiss", "TEXT"), ("nir", "TEXT"), ("adresse", "TEXT"), ("cp", "TEXT"),
                ("commune", "TEXT"), ("tel", "TEXT"), ("mail", "TEXT"), ("nationalite", "TEXT"),
                ("situation_familiale", "TEXT"), ("num_caf", "TEXT"), ("id_mds", "INTEGER"),
                ("ressources_mensuelles", "REAL"), ("date_creation", "DATE"),
                ("archive", "INTEGER")]),
    ("dossier_intervention_sociale", [
        ("id_dis", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"), ("date_ouverture", "DATE"),
        ("type_contact", "TEXT"), ("difficultes", "TEXT"), ("capacites_mobilisation", "TEXT"),
        ("freins_potentialites", "TEXT"), ("interventions_preconisees", "TEXT"),
        ("situation_sejour", "TEXT"), ("date_cloture", "DATE"), ("id_referent", "INTEGER")]),
    ("entretien", [("id_entretien", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"),
                   ("id_agent", "INTEGER"), ("date_entretien", "TEXT"), ("objet", "TEXT"),
                   ("note", "TEXT")]),
    ("agent", [("id_agent", "INTEGER PRIMARY KEY"), ("login", "TEXT"), ("nom", "TEXT"),
               ("prenom", "TEXT"), ("fonction", "TEXT"), ("id_mds", "INTEGER"),
               ("actif", "INTEGER"), ("date_sortie", "DATE"), ("mdp_hash", "TEXT")]),
    ("droit_acces", [("id_droit", "INTEGER PRIMARY KEY"), ("fonction", "TEXT"),
                     ("table_cible", "TEXT"), ("lecture", "INTEGER"), ("ecriture", "INTEGER"),
                     ("perimetre", "TEXT")]),
    ("referent", [("id_agent", "INTEGER"), ("id_usager", "INTEGER")]),
    ("journal_consultation", [("id_log", "INTEGER PRIMARY KEY"), ("id_agent", "INTEGER"),
                              ("id_usager", "INTEGER"), ("date_consultation", "TIMESTAMP")]),
    ("statistique_mds", [("id", "INTEGER PRIMARY KEY"), ("annee", "INTEGER"), ("nom_mds", "TEXT"),
                         ("tranche_age", "TEXT"), ("sexe", "TEXT"), ("motif", "TEXT"),
                         ("effectif", "INTEGER"), ("effectif_diffuse", "TEXT")]),
    ("extraction_observatoire", [("id", "INTEGER PRIMARY KEY"), ("annee_naissance", "INTEGER"),
                                 ("sexe", "TEXT"), ("cp", "TEXT"), ("nationalite", "TEXT"),
                                 ("situation_familiale", "TEXT"), ("motif", "TEXT"),
                                 ("id_usager_hash", "TEXT")]),
    ("contact_urgence", [("id", "INTEGER PRIMARY KEY"), ("id_usager", "INTEGER"), ("nom", "TEXT"),
                         ("prenom", "TEXT"), ("lien", "TEXT"), ("tel", "TEXT")]),
]
DEPT_INDEXES = [
    "CREATE INDEX ix_dis_usager ON dossier_intervention_sociale(id_usager)",
    "CREATE INDEX ix_entretien_usager ON entretien(id_usager)",
    "CREATE INDEX ix_referent_usager ON referent(id_usager, id_agent)",
    "CREATE INDEX ix_journal_usager ON journal_consultation(id_usager)",
    "CREATE INDEX ix_journal_agent ON journal_consultation(id_agent)",
]
DEPT_PERSONAL = {
    "usager": ["nom_usage", "nom_naissance", "prenom", "dt_naiss", "nir", "adresse", "tel",
               "mail", "num_caf"],
    "agent": ["login", "nom", "prenom", "mdp_hash"],
    "contact_urgence": ["nom", "prenom", "tel"],
    "extraction_observatoire": ["id_usager_hash"],
}
DEPT_TABLE_DOC = {
    "mds": "maisons départementales des solidarités",
    "usager": "personnes reçues : identité, NIR, coordonnées, nationalité, situation familiale, n° CAF, MDS, archivage",
    "dossier_intervention_sociale": "un DIS par personne rencontrée, même une seule fois : difficultés, capacités à se mobiliser, freins et potentialités, interventions, séjour",
    "entretien": "entretiens avec une note libre ; dates au format ISO, parfois jj/mm/aaaa (reprise) ou vides",
    "agent": "comptes des agents et partenaires, empreintes de mots de passe (MD5 sans sel pour la plupart)",
    "droit_acces": "droits par fonction : table, lecture, écriture, périmètre (département, MDS, référent)",
    "referent": "agent(s) référent(s) de chaque usager",
    "journal_consultation": "journal des consultations de dossiers",
    "statistique_mds": "statistiques agrégées par année, MDS, âge, sexe et motif, dont des petites cellules",
    "extraction_observatoire": "extraction ligne à ligne « anonyme » pour un observatoire, avec un condensat SHA-256 de l'identifiant",
    "contact_urgence": "personnes à prévenir : tiers nommés, sans aucune date",
}


def gen_departement(out: Path, scale: float, with_csv: bool) -> dict:
    Faker.seed(DEPARTEMENT_SEED)
    fake = Faker("fr_FR")
    rng = random.Random(DEPARTEMENT_SEED)
    ppl = People(rng, fake)
    notes = NoteWriter(rng, ppl, {
        "jugement": 0.07, "supposition": 0.025, "sante": 0.05, "syndicat": 0.004,
        "origine": 0.02, "religion": 0.01, "infraction": 0.015, "sejour": 0.012,
        "tiers": 0.07, "nom": 0.05})
    db = Store(out / "departement" / "departement.sqlite", DEPT_SCHEMA, DEPT_INDEXES)

    for i, (nom, commune, *_r) in enumerate(MDS, 1):
        db.add("mds", (i, nom, commune))

    # -- agents ---------------------------------------------------------------
    agents: list[dict] = []
    used: set[str] = set()
    shared_pwds = ["Essonne91", "Essonne91", "Essonne91", "Essonne91", "Essonne91",
                   "Azerty123", "Azerty123", "Azerty123", "Mds2020!", "Mds2020!"]

    def add_agent(fonction: str, mds: int | None, *, login: str | None = None,
                  nom: str | None = None, sortie: dt.date | None = None,
                  actif: int | None = None) -> dict:
        prenom = None
        if login is None:
            sexe = rng.choice("FFFM")
            nom, prenom = ppl.last(), ppl.first(sexe)
            base = f"{ascii_slug(prenom, '-')}.{ascii_slug(nom)}" if rng.random() < 0.5 \
                else ascii_slug(prenom, "-")[0] + ascii_slug(nom)
            login, k = base, 2
            while login in used:
                login, k = f"{base}{k}", k + 1
        used.add(login)
        a = {"id": len(agents) + 1, "login": login, "nom": nom, "prenom": prenom,
             "fonction": fonction, "mds": mds, "sortie": sortie,
             "actif": (0 if sortie else 1) if actif is None else actif}
        agents.append(a)
        return a

    for m in range(1, 6):
        for _ in range(3):
            add_agent("ASS", m)
        add_agent("CESF", m)
        if m in (1, 5):
            add_agent("EJE", m)
        add_agent("SECRETARIAT", m)
        if m == 2:
            add_agent("ACCUEIL", m, login="accueil.corbeil", nom="Poste accueil MDS Corbeil")
        else:
            add_agent("ACCUEIL", m)
        add_agent("CHEF_SERVICE", m)
    add_agent("RESPONSABLE_TERRITORIAL", 1)
    add_agent("STAGIAIRE", 3)
    add_agent("STAGIAIRE", 1, login="stagiaire.mds", nom="Stagiaires MDS Évry")
    add_agent("PARTENAIRE_CCAS", None)
    add_agent("PARTENAIRE_REUSSITE_EDUCATIVE", None)
    # départs
    by_mds = lambda m, f: [a for a in agents if a["mds"] == m and a["fonction"] == f]  # noqa: E731
    by_mds(1, "ASS")[1]["sortie"] = dt.date(2022, 8, 31)
    by_mds(1, "ASS")[1]["actif"] = 0
    add_agent("ASS", 1)  # remplaçante
    by_mds(4, "CESF")[0]["sortie"] = dt.date(2021, 3, 31)
    by_mds(4, "CESF")[0]["actif"] = 0
    by_mds(2, "SECRETARIAT")[0]["sortie"] = dt.date(2024, 1, 31)
    by_mds(2, "SECRETARIAT")[0]["actif"] = 0
    left_active = by_mds(3, "ASS")[0]
    left_active["sortie"] = dt.date(2025, 12, 31)
    left_active["actif"] = 1
    bcrypt_alpha = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    order = list(range(len(agents)))
    rng.shuffle(order)
    for pos, idx in enumerate(order):
        a = agents[idx]
        if pos < len(shared_pwds):
            pwd = shared_pwds[pos]
        else:
            pwd = rng.choice([f"Soleil{rng.randint(2015, 2024)}", f"Bonjour{rng.randint(1, 99)}", f"{ascii_slug(a['nom'] or 'mds')}{rng.randint(1, 99)}",
                              f"Mds{rng.randint(100, 999)}", f"Printemps{rng.randint(18, 25)}"])
        a["hash"] = hashlib.md5(pwd.encode()).hexdigest()
    for a in agents:  # quelques comptes réinitialisés récemment : bcrypt
        if a["fonction"] in ("PARTENAIRE_CCAS", "RESPONSABLE_TERRITORIAL") or \
                (a["fonction"] == "CHEF_SERVICE" and a["mds"] in (2, 4)):
            a["hash"] = "$2b$12$" + "".join(rng.choice(bcrypt_alpha) for _ in range(53))
        db.add("agent", (a["id"], a["login"], a["nom"], a["prenom"], a["fonction"], a["mds"],
                         a["actif"], iso(a["sortie"]), a["hash"]))

    droits = [
        ("ASS", "usager", 1, 1, "mds"), ("ASS", "dossier_intervention_sociale", 1, 1, "mds"),
        ("ASS", "entretien", 1, 1, "mds"),
        ("CESF", "usager", 1, 1, "mds"), ("CESF", "dossier_intervention_sociale", 1, 1, "mds"),
        ("CESF", "entretien", 1, 1, "mds"),
        ("EJE", "usager", 1, 0, "mds"), ("EJE", "dossier_intervention_sociale", 1, 1, "mds"),
        ("EJE", "entretien", 1, 1, "mds"),
        ("CHEF_SERVICE", "usager", 1, 1, "departement"),
        ("CHEF_SERVICE", "dossier_intervention_sociale", 1, 0, "departement"),
        ("CHEF_SERVICE", "entretien", 1, 0, "departement"),
        ("RESPONSABLE_TERRITORIAL", "usager", 1, 0, "departement"),
        ("RESPONSABLE_TERRITORIAL", "dossier_intervention_sociale", 1, 0, "departement"),
        ("RESPONSABLE_TERRITORIAL", "entretien", 1, 0, "departement"),
        ("RESPONSABLE_TERRITORIAL", "statistique_mds", 1, 1, "departement"),
        ("SECRETARIAT", "usager", 1, 1, "mds"),
        ("ACCUEIL", "usager", 1, 1, "mds"),
        ("STAGIAIRE", "usager", 1, 0, "mds"),
        ("STAGIAIRE", "dossier_intervention_sociale", 1, 0, "mds"),
        ("STAGIAIRE", "entretien", 1, 0, "mds"),
        ("PARTENAIRE_CCAS", "usager", 1, 0, "departement"),
        ("PARTENAIRE_CCAS", "dossier_intervention_sociale", 1, 0, "departement"),
        ("PARTENAIRE_REUSSITE_EDUCATIVE", "dossier_intervention_sociale", 1, 0, "departement"),
    ]
    for i, d in enumerate(droits, 1):
        db.add("droit_acces", (i,) + d)

    def active(a: dict, d: dt.date) -> bool:
        return a["sortie"] is None or a["sortie"] > d

    social = {m: [a for a in agents if a["mds"] == m and a["fonction"] in SOCIAL_FONCTIONS]
              for m in range(1, 6)}
    staff = {m: [a for a in agents if a["mds"] == m and a["fonction"] in
                 ("SECRETARIAT", "ACCUEIL", "CHEF_SERVICE", "STAGIAIRE")] for m in range(1, 6)}
    outsiders = [a for a in agents if a["mds"] is None or a["fonction"] == "RESPONSABLE_TERRITORIAL"]

    # -- usagers --------------------------------------------------------------
    db.stage("stage_dis", ["tmp INTEGER", "id_usager", "date_ouverture", "type_contact", "difficultes",
                           "capacites_mobilisation", "freins_potentialites", "interventions_preconisees",
                           "situation_sejour", "date_cloture", "id_referent"])
    db.stage("stage_ent", ["tmp INTEGER", "sortkey", "id_usager", "id_agent", "date_entretien", "objet",
                           "note"])
    db.stage("stage_log", ["tmp INTEGER", "id_agent", "id_usager", "date_consultation"])
    db.stage("stage_extr", ["annee_naissance", "sexe", "cp", "nationalite", "situation_familiale",
                            "motif", "id_usager_hash"])
    n_us = max(60, round(1500 * scale))
    mds_w = [m[2] for m in MDS]
    span = (AS_OF - 30 * DAY - DIS_START).days
    seq = {"dis": 0, "ent": 0, "log": 0, "cu": 0}
    expected_lex: Counter = Counter()
    used_caf: set[str] = set()

    def log(agent: dict, uid: int, d: dt.date) -> None:
        seq["log"] += 1
        db.add("stage_log", (seq["log"], agent["id"], uid, stamp(rng, d)))

    def count_lex(col: str, text: str | None, flags: set[str] = frozenset()) -> None:
        for f in ("tiers", "nom"):
            if f in flags:
                expected_lex[(col, f)] += 1
        if not text:
            return
        low = text.lower()
        for cat, entries in LEXIQUES.items():
            if any(e in low for e in entries):
                expected_lex[(col, cat)] += 1

    jend = AS_OF - 5 * DAY
    for uid in range(1, n_us + 1):
        created = clear_date(DIS_START + dt.timedelta(days=int(span * ((uid - 1 + rng.random()) / n_us) ** 0.4)))
        sexe = "F" if rng.random() < 0.62 else "M"
        nom_naiss, prenom = ppl.last(), ppl.first(sexe)
        fam = rng.choice(SITUATIONS_FAM)
        nom_usage = nom_naiss
        if sexe == "F" and fam in ("marié(e)", "veuf(ve)", "divorcé(e)") and rng.random() < 0.7:
            nom_usage = ppl.last()
        age = rng.choices([rng.randint(18, 24), rng.randint(25, 39), rng.randint(40, 59), rng.randint(60, 88)],
                          [14, 42, 32, 12])[0]
        birth = created - dt.timedelta(days=int(365.25 * age) + rng.randint(0, 364))
        dt_naiss = fr(birth)
        x = rng.random()
        if x < 0.002 * max(1.0, 1 / scale):
            dt_naiss = "31/02/1980"
            birth = dt.date(1980, 2, 28)
        elif x < 0.004 * max(1.0, 1 / scale):
            birth = birth.replace(year=1890)
            dt_naiss = fr(birth)
        nat = "française" if rng.random() < 0.78 else rng.choice(sorted(PAYS_INSEE))
        sejour = None
        if nat != "française":
            if nat in NATIONALITES_UE:
                sejour = rng.choice(["régulière", None])
            else:
                sejour = rng.choices(["régulière", "sans titre de séjour", "en cours de régularisation",
                                      "titre de séjour expiré"], [60, 15, 15, 10])[0]
        if nat == "française" or (rng.random() < 0.6 and sejour != "sans titre de séjour"):
            if nat == "française":
                dep, com = birth_place(rng, ["91", "91", "91", "75", "93", "94", "92", "77"], birth.year,
                                       abroad=0.08)
            else:
                dep, com = "99", PAYS_INSEE[nat]
            nir = make_nir(sexe, birth.year, birth.month, dep, com, rng.randint(1, 999)) \
                if rng.random() < 0.88 else None
        else:
            nir = None
        moved = rng.random() < 0.04
        m0 = rng.choices(range(1, 6), mds_w)[0]
        m_cur = rng.choice([m for m in range(1, 6) if m != m0]) if moved else m0
        cp, commune = rng.choice(MDS[m_cur - 1][3])
        caf = None
        if rng.random() < 0.78:
            caf = f"{rng.randint(1000000, 9999999)}"
            while caf in used_caf and len(used_caf) < 3_000_000:
                caf = f"{rng.randint(1000000, 9999999)}"
            used_caf.add(caf)
        ressources = round(rng.randint(0, 2400) + rng.choice([0, 0.5, 0.25, 0.8]), 2) \
            if rng.random() < 0.6 else None

        # dossiers d'intervention sociale
        dis_list: list[dict] = []
        unique = rng.random() < 0.35
        d0 = created + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, 3, 7]))
        d0 = clear_date(d0)
        dis_list.append({"open": d0, "type": "contact_unique" if unique else "accompagnement"})
        if not unique and rng.random() < 0.15:
            d1 = clear_date(d0 + dt.timedelta(days=rng.randint(400, 2200)))
            if d1 < AS_OF - 40 * DAY:
                dis_list.append({"open": d1, "type": rng.choice(["accompagnement", "contact_unique"])})
        contacts: list[dt.date] = []
        referents: list[dict] = []
        ent_rows: list[tuple] = []  # (date, agent, objet, note, fmt)
        first_sejour = sejour
        prev_end = None
        for k, dis in enumerate(dis_list):
            o = dis["open"]
            if prev_end and o <= prev_end:
                o = clear_date(prev_end + 30 * DAY)
                dis["open"] = o
            if o >= AS_OF - 10 * DAY:
                break
            pool = [a for a in social[m0] if active(a, o + 60 * DAY)] or [a for a in social[m0] if active(a, o)]
            ref = rng.choice(pool)
            if ref not in referents:
                referents.append(ref)
            if dis["type"] == "contact_unique":
                dates = [o]
            else:
                dates = [o]
                limit = min(ref["sortie"] or AS_OF, AS_OF - 6 * DAY)
                while len(dates) < 8 and rng.random() < 0.7:
                    nd = clear_date(dates[-1] + dt.timedelta(days=rng.randint(10, 110)))
                    if nd >= limit:
                        break
                    dates.append(nd)
            last = dates[-1]
            if dis["type"] == "contact_unique":
                cloture = o if rng.random() < 0.9 else None
            else:
                cloture = last if (last < AS_OF - 150 * DAY or (ref["sortie"] and ref["sortie"] < AS_OF)) \
                    and rng.random() < 0.92 else None
                if cloture is None and last < CUT_2Y - 200 * DAY and rng.random() < 0.5:
                    cloture = last
            prev_end = last
            if rng.random() < 0.1 and dis["type"] == "accompagnement":
                other = [a for a in social[m0] if a is not ref and a["fonction"] == "CESF" and active(a, o)]
                if other and other[0] not in referents:
                    referents.append(other[0])
            # contenu du DIS
            diffs = rng.sample(DIFFICULTES_NEUTRES, rng.randint(1, 3))
            if rng.random() < 0.10:
                diffs.append(rng.choice(DIFFICULTES_SENSIBLES)[1])
            elif first_sejour == "sans titre de séjour" and rng.random() < 0.5:
                diffs.append("situation administrative irrégulière")
            difficultes = ", ".join(diffs)
            fill = rng.random() < (0.9 if dis["type"] == "accompagnement" else 0.7)
            capa = freins = interv = None
            if fill:
                capa = rng.choice(CAPACITES_PEJORATIVES) if rng.random() < 0.3 else rng.choice(CAPACITES_NON_PEJORATIVES)
                fr_list = rng.sample(FREINS, rng.randint(1, 2))
                if rng.random() < 0.08:
                    fr_list.append(rng.choice(FREINS_JUGEMENT))
                freins = f"Freins : {', '.join(fr_list)}. Potentialités : {rng.choice(POTENTIALITES)}."
            if fill or rng.random() < 0.5:
                iv = rng.sample(INTERVENTIONS_NEUTRES, rng.randint(1, 2))
                if rng.random() < 0.07:
                    iv.append(rng.choice(INTERVENTIONS_SENSIBLES)[1])
                interv = "; ".join(iv)
            for col, val in (("difficultes", difficultes), ("freins_potentialites", freins),
                             ("interventions_preconisees", interv)):
                count_lex(col, val)
            seq["dis"] += 1
            db.add("stage_dis", (seq["dis"], uid, iso(o), dis["type"], difficultes, capa, freins, interv,
                                 sejour, iso(cloture), ref["id"]))
            # entretiens
            for j, de in enumerate(dates):
                others = [a for a in social[m0] if a is not ref and active(a, de)]
                ag = ref if (rng.random() < 0.85 and active(ref, de)) or not others else rng.choice(others)
                neutral = list(dict.fromkeys(rng.choice(DEPT_SENT) for _ in range(rng.randint(2, 5))))
                note = notes.compose(neutral, sexe, prenom, nom_usage, newline_p=0.05)
                objet = "premier accueil" if j == 0 else rng.choice(DEPT_OBJETS)
                fmt = "iso"
                if de < LEGACY_END and cloture is not None and rng.random() < 0.7:
                    fmt = "fr"
                ent_rows.append((de, ag, objet, note, fmt, j == len(dates) - 1, set(notes.last)))
                contacts.append(de)
            contacts.append(o)
            if cloture:
                contacts.append(cloture)
            dis["cloture"] = cloture
            dis["ref"] = ref
            dis["dates"] = dates
        if not contacts:
            continue
        last_contact = max(contacts)
        recent = last_contact >= CUT_2Y + 10 * DAY
        # rendez-vous saisis avec une date impossible (futur) ou sans date
        if recent and dis_list[-1].get("cloture") is None and rng.random() < 0.04 * max(1.0, 1 / scale):
            fut = AS_OF + dt.timedelta(days=rng.randint(40, 400))
            ent_rows.append((fut, dis_list[-1]["ref"], "rendez-vous", "Rendez-vous prévu pour faire le point.",
                             rng.choice(["iso", "iso", "fr"]), False, set()))
        entries = []
        for de, ag, objet, note, fmt, is_last, flags in ent_rows:
            if recent and not is_last and de < AS_OF and rng.random() < 0.02:
                txt = ""
            else:
                txt = de.isoformat() if fmt == "iso" else fr(de)
            entries.append((de, ag, objet, note, txt, flags))
        for de, ag, objet, note, txt, flags in entries:
            count_lex("note", note, flags)
            seq["ent"] += 1
            db.add("stage_ent", (seq["ent"], de.isoformat(), uid, ag["id"], txt, objet, note))
        for r in referents:
            db.add("referent", (r["id"], uid))
        archive = 1 if last_contact < CUT_2Y and rng.random() < 0.12 else 0
        mail = ppl.email(prenom, nom_usage) if rng.random() < 0.45 else None
        tel = ppl.phone(0.85) if rng.random() < 0.9 else None
        db.add("usager", (uid, "Mme" if sexe == "F" else "M.", nom_usage,
                          nom_naiss if (nom_naiss != nom_usage or rng.random() < 0.5) else None,
                          prenom, dt_naiss, nir, ppl.street(), cp, commune, tel, mail, nat, fam, caf,
                          m_cur, ressources, iso(min(created, dis_list[0]["open"])), archive))
        if rng.random() < 0.3:
            seq["cu"] += 1
            lien = rng.choice(["sœur", "frère", "mère", "père", "fille", "fils", "voisin(e)", "ami(e)", "cousin(e)"])
            cs = "F" if lien in ("sœur", "mère", "fille") else \
                "M" if lien in ("frère", "père", "fils") else rng.choice("FM")
            db.add("contact_urgence", (seq["cu"], uid, ppl.last(), ppl.first(cs), lien, ppl.phone()))
        # extraction pour l'observatoire : usagers vus depuis 2021, non archivés
        if not archive and any(d["open"] >= dt.date(2021, 1, 1) for d in dis_list if "cloture" in d):
            main = diffs[0] if diffs else "logement"
            motif = {"impayés de loyer": "logement", "logement insalubre": "logement",
                     "menace d'expulsion": "logement", "surendettement": "budget",
                     "faibles ressources": "budget", "perte d'emploi": "insertion",
                     "rupture de droits": "accès aux droits",
                     "difficultés parents-enfants": "parentalité",
                     "absence de mode de garde": "parentalité"}.get(main, "accompagnement global")
            db.add("stage_extr", (birth.year, sexe, cp, nat, fam, motif,
                                  hashlib.sha256(str(uid).encode()).hexdigest()))

        # -- journal des consultations --------------------------------------
        for dis in dis_list:
            if "cloture" not in dis:
                continue
            ref = dis["ref"]
            for de in dis["dates"]:
                if de < JOURNAL6_START or de > jend:
                    continue
                for _ in range(rng.choice([1, 1, 2, 2, 3])):
                    d = min(de + dt.timedelta(days=rng.randint(-3, 6)), jend)
                    if active(ref, d + 3 * DAY):
                        log(ref, uid, d)
                if rng.random() < 0.35:
                    pool = [a for a in staff[m_cur] + social[m_cur] if active(a, de) and a is not ref]
                    if pool:
                        log(rng.choice(pool), uid, de)
            a0 = max(dis["open"], JOURNAL6_START)
            e0 = min(dis["cloture"] or jend, jend)
            if a0 < e0:
                months = (e0 - a0).days / 30.4
                for _ in range(int(months * 1.5 + rng.random())):
                    d = rand_date(rng, a0, e0)
                    if active(ref, d):
                        log(ref, uid, d)
        ustart = max(dis_list[0]["open"], JOURNAL6_START)
        if ustart < jend:
            yrs = (jend - ustart).days / 365.25
            for _ in range(int(yrs * 0.6 + rng.random())):  # relectures de dossiers anciens
                d = rand_date(rng, ustart, jend)
                pool = [a for a in staff[m_cur] + social[m_cur] if active(a, d)]
                if pool:
                    log(rng.choice(pool), uid, d)
            if rng.random() < 0.22:  # lectures sans lien de suivi
                for _ in range(rng.choice([1, 1, 2])):
                    d = rand_date(rng, ustart, jend)
                    kind = rng.random()
                    if kind < 0.45:
                        pool = [a for m in range(1, 6) if m != m_cur for a in social[m] + staff[m] if active(a, d)]
                    else:
                        pool = [a for a in outsiders if active(a, d) and a["mds"] != m_cur]
                    if pool:
                        log(rng.choice(pool), uid, d)
            if m_cur == left_active["mds"] and rng.random() < 0.05:
                a = max(ustart, left_active["sortie"] + 3 * DAY)
                if a < jend:
                    log(left_active, uid, rand_date(rng, a, jend))

    # -- statistiques agrégées --------------------------------------------------
    sid = 0
    age_w = {"18-24": 0.5, "25-39": 1.6, "40-59": 1.2, "60+": 0.35}
    for year in range(2021, 2026):
        for m, (nom_mds, *_r) in enumerate(MDS, 1):
            for mi, motif in enumerate(MOTIFS):
                for tr in TRANCHES:
                    for sx in ("F", "M"):
                        base = 20.0 * scale * MDS[m - 1][2] / 20 * MOTIF_W[mi] / 18 * age_w[tr] * \
                            (1.25 if sx == "F" else 0.8) * (1 + 0.05 * (year - 2021))
                        v = max(0, round(base * rng.uniform(0.35, 1.6)))
                        if v == 0:
                            continue
                        sid += 1
                        if year == 2025 and v < 5:
                            db.add("statistique_mds", (sid, year, nom_mds, tr, sx, motif, None, "<5"))
                        elif year == 2025 and v < 11 and rng.random() < 0.4:
                            db.add("statistique_mds", (sid, year, nom_mds, tr, sx, motif, None, "*"))
                        else:
                            db.add("statistique_mds", (sid, year, nom_mds, tr, sx, motif, v, str(v)))

    db.flush()
    c = db.conn
    c.execute("""INSERT INTO dossier_intervention_sociale (id_dis, id_usager, date_ouverture, type_contact,
                 difficultes, capacites_mobilisation, freins_potentialites, interventions_preconisees,
                 situation_sejour, date_cloture, id_referent)
                 SELECT ROW_NUMBER() OVER (ORDER BY date_ouverture, tmp), id_usager, date_ouverture, type_contact,
                 difficultes, capacites_mobilisation, freins_potentialites, interventions_preconisees,
                 situation_sejour, date_cloture, id_referent FROM stage_dis ORDER BY date_ouverture, tmp""")
    c.execute("""INSERT INTO entretien (id_entretien, id_usager, id_agent, date_entretien, objet, note)
                 SELECT ROW_NUMBER() OVER (ORDER BY sortkey, tmp), id_usager, id_agent, date_entretien, objet,
                 note FROM stage_ent ORDER BY sortkey, tmp""")
    c.execute("""INSERT INTO journal_consultation (id_log, id_agent, id_usager, date_consultation)
                 SELECT ROW_NUMBER() OVER (ORDER BY date_consultation, tmp), id_agent, id_usager,
                 date_consultation FROM stage_log ORDER BY date_consultation, tmp""")
    c.execute("""INSERT INTO extraction_observatoire (id, annee_naissance, sexe, cp, nationalite,
                 situation_familiale, motif, id_usager_hash)
                 SELECT ROW_NUMBER() OVER (ORDER BY id_usager_hash), annee_naissance, sexe, cp, nationalite,
                 situation_familiale, motif, id_usager_hash FROM stage_extr ORDER BY id_usager_hash""")
    db.finish()

    problems, facts = departement_problems(c, agents, left_active, expected_lex, notes.text_values)
    counts = db.counts()
    if with_csv:
        export_csv(c, DEPT_SCHEMA, out / "departement" / "csv", "utf-8-sig")
    db.close()
    write_json(out / "departement" / "planted.json", {"as_of": AS_OF.isoformat(), "problems": problems,
                                                      "facts": facts})
    write_json(out / "departement" / "personal_columns.json", DEPT_PERSONAL)
    write_json(out / "departement" / "planted_text_values.json", sorted(notes.text_values))
    return {"counts": counts, "problems": problems, "facts": facts}


ENT_DATE_SQL = """CASE WHEN date_entretien LIKE '__/__/____'
    THEN substr(date_entretien, 7, 4) || '-' || substr(date_entretien, 4, 2) || '-' || substr(date_entretien, 1, 2)
    WHEN date_entretien = '' THEN NULL ELSE date_entretien END"""


def parse_dt_naiss(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.datetime.strptime(s, "%d/%m/%Y").date()
    except ValueError:
        return None


def departement_problems(c, agents, left_active, expected_lex, text_values) -> list[dict]:
    P: list[dict] = []
    asof, cut2, cut1 = AS_OF.isoformat(), CUT_2Y.isoformat(), CUT_1Y.isoformat()
    # --- accès ---
    P.append(problem("access.empreintes_md5_sans_sel", "access",
                     "Comptes dont le mot de passe est conservé sous forme d'empreinte MD5 sans sel "
                     "(32 caractères hexadécimaux), réversible par dictionnaire.", "agent", "mdp_hash",
                     one(c, "SELECT COUNT(*) FROM agent WHERE length(mdp_hash) = 32 "
                            "AND mdp_hash NOT GLOB '*[^0-9a-f]*'"), "accounts"))
    P.append(problem("access.empreintes_identiques", "access",
                     "Comptes qui partagent la même empreinte de mot de passe qu'au moins un autre compte "
                     "(même mot de passe faible).", "agent", "mdp_hash",
                     one(c, "SELECT COUNT(*) FROM agent WHERE mdp_hash IN (SELECT mdp_hash FROM agent "
                            "GROUP BY mdp_hash HAVING COUNT(*) > 1)"), "accounts"))
    gl = ",".join("?" * len(GENERIC_LOGINS_DEPT))
    P.append(problem("access.comptes_generiques", "access",
                     "Comptes génériques ou partagés (accueil, stagiaires) sans titulaire nominatif.",
                     "agent", "login",
                     one(c, f"SELECT COUNT(*) FROM agent WHERE login IN ({gl})", tuple(GENERIC_LOGINS_DEPT)),
                     "accounts"))
    P.append(problem("access.comptes_actifs_apres_depart", "access",
                     "Comptes encore actifs (actif = 1) alors que la date de sortie est passée.",
                     "agent", "actif",
                     one(c, "SELECT COUNT(*) FROM agent WHERE actif = 1 AND date_sortie IS NOT NULL "
                            "AND date_sortie < ?", (asof,)), "accounts"))
    P.append(problem("access.encadrement_lecture_departement", "access",
                     "Fonctions d'encadrement (CHEF_SERVICE, RESPONSABLE_TERRITORIAL) qui lisent les DIS et "
                     "les entretiens de tout le département.", "droit_acces", "perimetre",
                     one(c, "SELECT COUNT(DISTINCT fonction) FROM droit_acces WHERE fonction IN "
                            "('CHEF_SERVICE','RESPONSABLE_TERRITORIAL') AND table_cible IN "
                            "('dossier_intervention_sociale','entretien') AND lecture = 1 "
                            "AND perimetre = 'departement'"), "roles"))
    P.append(problem("access.stagiaires_partenaires_lecture_dis", "access",
                     "Fonctions de stagiaires ou de partenaires extérieurs (CCAS, réussite éducative) qui "
                     "lisent les dossiers d'intervention sociale.", "droit_acces", "fonction",
                     one(c, "SELECT COUNT(DISTINCT fonction) FROM droit_acces WHERE (fonction = 'STAGIAIRE' "
                            "OR fonction LIKE 'PARTENAIRE%') AND table_cible = 'dossier_intervention_sociale' "
                            "AND lecture = 1"), "roles"))
    total = one(c, "SELECT COUNT(*) FROM journal_consultation")
    unexpl = one(c, """SELECT COUNT(*) FROM journal_consultation j JOIN usager u ON u.id_usager = j.id_usager
                 JOIN agent a ON a.id_agent = j.id_agent
                 WHERE NOT EXISTS (SELECT 1 FROM referent r WHERE r.id_agent = j.id_agent
                                   AND r.id_usager = j.id_usager)
                 AND (a.id_mds IS NULL OR a.id_mds <> u.id_mds)""")
    P.append(problem("access.lectures_inexpliquees", "access",
                     "Lignes du journal où l'agent n'est ni référent de l'usager (table referent) ni "
                     f"rattaché à la MDS de l'usager (sur {total} lignes).", "journal_consultation", None,
                     unexpl, "rows"))
    P.append(problem("access.lectures_partenaires", "access",
                     "Lignes du journal où un partenaire extérieur (PARTENAIRE_CCAS, "
                     "PARTENAIRE_REUSSITE_EDUCATIVE) consulte un dossier (incluses dans le compte précédent).",
                     "journal_consultation", None,
                     one(c, "SELECT COUNT(*) FROM journal_consultation j JOIN agent a ON a.id_agent = j.id_agent "
                            "WHERE a.fonction LIKE 'PARTENAIRE%'"), "rows"))
    P.append(problem("access.lectures_apres_depart", "access",
                     "Lignes du journal postérieures à la date de sortie de l'agent.", "journal_consultation",
                     None, one(c, "SELECT COUNT(*) FROM journal_consultation j JOIN agent a ON "
                                  "a.id_agent = j.id_agent WHERE a.date_sortie IS NOT NULL "
                                  "AND substr(j.date_consultation, 1, 10) > a.date_sortie"), "rows"))
    # --- nominatif ---
    P.append(problem("nominative.nir_systematique", "nominative",
                     "Usagers dont le NIR est enregistré, y compris pour un simple contact.", "usager", "nir",
                     one(c, "SELECT COUNT(*) FROM usager WHERE nir IS NOT NULL AND nir <> ''"), "persons"))
    P.append(problem("nominative.nir_contact_unique", "nominative",
                     "Usagers vus une seule fois (uniquement des DIS « contact_unique ») dont le NIR est "
                     "enregistré.", "usager", "nir",
                     one(c, """SELECT COUNT(*) FROM usager u WHERE nir IS NOT NULL AND nir <> ''
                               AND NOT EXISTS (SELECT 1 FROM dossier_intervention_sociale d
                                 WHERE d.id_usager = u.id_usager AND d.type_contact <> 'contact_unique')"""),
                     "persons"))
    for thr, pid in ((11, "nominative.petites_cellules_moins_de_11"), (5, "nominative.petites_cellules_moins_de_5")):
        P.append(problem(pid, "nominative",
                         f"Cellules de statistique_mds publiées avec un effectif entre 1 et {thr - 1} "
                         f"(les cellules déjà masquées, effectif NULL, ne sont pas comptées).",
                         "statistique_mds", "effectif",
                         one(c, "SELECT COUNT(*) FROM statistique_mds WHERE effectif IS NOT NULL "
                                "AND effectif > 0 AND effectif < ?", (thr,)), "cells"))
    k_sql = """SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM extraction_observatoire
               GROUP BY annee_naissance, sexe, cp HAVING COUNT(*) < ?)"""
    n_rows = one(c, "SELECT COUNT(*) FROM extraction_observatoire")
    P.append(problem("nominative.extraction_k_moins_de_5", "nominative",
                     "Lignes de l'extraction dont la combinaison (annee_naissance, sexe, cp) est partagée par "
                     f"moins de 5 lignes (sur {n_rows} lignes).", "extraction_observatoire", None,
                     one(c, k_sql, (5,)), "rows"))
    P.append(problem("nominative.extraction_lignes_uniques", "nominative",
                     "Lignes de l'extraction seules dans leur combinaison (annee_naissance, sexe, cp) : "
                     "la personne est isolée.", "extraction_observatoire", None, one(c, k_sql, (2,)), "rows"))
    P.append(problem("nominative.pseudonyme_sha256_sans_cle", "nominative",
                     "id_usager_hash est le SHA-256 sans clé de l'identifiant id_usager : il suffit de "
                     "hacher 1, 2, 3... pour relier chaque ligne à son usager.", "extraction_observatoire",
                     "id_usager_hash",
                     one(c, "SELECT COUNT(*) FROM extraction_observatoire WHERE id_usager_hash IS NOT NULL"),
                     "rows"))
    # --- subjectif ---
    P.append(problem("subjective.dis_contact_unique", "subjective",
                     "DIS ouverts pour un contact unique (une seule rencontre) : un dossier complet pour "
                     "toute personne rencontrée.", "dossier_intervention_sociale", "type_contact",
                     one(c, "SELECT COUNT(*) FROM dossier_intervention_sociale WHERE type_contact = "
                            "'contact_unique'"), "rows"))
    P.append(problem("subjective.dis_contact_unique_evalue", "subjective",
                     "DIS « contact_unique » dont les champs d'évaluation (capacites_mobilisation ou "
                     "freins_potentialites) sont remplis.", "dossier_intervention_sociale", None,
                     one(c, "SELECT COUNT(*) FROM dossier_intervention_sociale WHERE type_contact = "
                            "'contact_unique' AND (COALESCE(capacites_mobilisation, '') <> '' OR "
                            "COALESCE(freins_potentialites, '') <> '')"), "rows"))
    P.append(problem("subjective.champs_evaluation_remplis", "subjective",
                     "DIS dont le champ d'appréciation « capacités du ménage à se mobiliser » est rempli.",
                     "dossier_intervention_sociale", "capacites_mobilisation",
                     one(c, "SELECT COUNT(*) FROM dossier_intervention_sociale WHERE "
                            "COALESCE(capacites_mobilisation, '') <> ''"), "rows"))
    ph = ",".join("?" * len(CAPACITES_PEJORATIVES))
    P.append(problem("subjective.capacites_pejoratives", "subjective",
                     "DIS dont capacites_mobilisation contient une appréciation péjorative "
                     f"({', '.join(repr(v) for v in CAPACITES_PEJORATIVES)}).",
                     "dossier_intervention_sociale", "capacites_mobilisation",
                     one(c, f"SELECT COUNT(*) FROM dossier_intervention_sociale WHERE capacites_mobilisation "
                            f"IN ({ph})", tuple(CAPACITES_PEJORATIVES)), "rows"))
    P.append(problem("subjective.capacites_appreciations", "subjective",
                     "DIS dont capacites_mobilisation contient une appréciation de la personne, péjorative "
                     f"(voir capacites_pejoratives) ou positive ({', '.join(repr(v) for v in CAPACITES_POSITIVES)}).",
                     "dossier_intervention_sociale", "capacites_mobilisation",
                     one(c, f"SELECT COUNT(*) FROM dossier_intervention_sociale WHERE capacites_mobilisation "
                            f"IN ({','.join('?' * (len(CAPACITES_PEJORATIVES) + len(CAPACITES_POSITIVES)))})",
                            (*CAPACITES_PEJORATIVES, *CAPACITES_POSITIVES)), "rows"))
    # a regularisation in progress says that the stay is not (yet) regular
    P.append(problem("subjective.situation_sejour_irreguliere", "subjective",
                     "DIS qui consignent une situation de séjour irrégulière dans situation_sejour (sans titre "
                     "de séjour, titre de séjour expiré, régularisation en cours).",
                     "dossier_intervention_sociale", "situation_sejour",
                     one(c, "SELECT COUNT(*) FROM dossier_intervention_sociale WHERE situation_sejour IN "
                            "('sans titre de séjour', 'titre de séjour expiré', 'en cours de régularisation')"),
                     "rows"))
    exp = Counter({("entretien" if col == "note" else "dossier_intervention_sociale", col, cat): n
                   for (col, cat), n in expected_lex.items()})
    P.extend(lexicon_problems(c, "departement", [
        ("entretien", "note"), ("dossier_intervention_sociale", "difficultes"),
        ("dossier_intervention_sociale", "freins_potentialites"),
        ("dossier_intervention_sociale", "interventions_preconisees")], exp))
    P.extend(name_problems(exp, [("entretien", "note")], "de l'usager"))
    # --- conservation ---
    last_rows = c.execute(f"""SELECT u.id_usager, u.archive, MAX(x.d) FROM usager u JOIN (
            SELECT id_usager, date_ouverture AS d FROM dossier_intervention_sociale
            UNION ALL SELECT id_usager, date_cloture FROM dossier_intervention_sociale
              WHERE date_cloture IS NOT NULL
            UNION ALL SELECT id_usager, {ENT_DATE_SQL} FROM entretien WHERE date_entretien <> ''
              AND ({ENT_DATE_SQL}) <= ?
        ) x ON x.id_usager = u.id_usager GROUP BY u.id_usager""", (asof,)).fetchall()
    # variante : sans date_cloture, sans les dates au format jj/mm/aaaa, avec les dates futures
    alt = dict(c.execute("""SELECT id_usager, MAX(d) FROM (
            SELECT id_usager, date_ouverture AS d FROM dossier_intervention_sociale
            UNION ALL SELECT id_usager, date_entretien FROM entretien
              WHERE date_entretien LIKE '____-__-__') GROUP BY id_usager""").fetchall())
    over = [(uid, last) for uid, arch, last in last_rows if not arch and last < cut2]
    assert len(over) == sum(1 for uid, arch, _ in last_rows if not arch and alt[uid] < cut2)
    buckets = Counter()
    for _uid, last in over:
        if last >= CUT_3Y.isoformat():
            buckets["moins_1_an"] += 1
        elif last >= CUT_5Y.isoformat():
            buckets["1_a_3_ans"] += 1
        else:
            buckets["plus_3_ans"] += 1
    P.append(problem("retention.usagers_dernier_contact_plus_2_ans", "retention",
                     "Usagers non archivés (archive = 0) dont le dernier contact (ouverture ou clôture de DIS, "
                     f"entretien ; journal exclu) date de plus de 2 ans avant le {fr(AS_OF)}.",
                     "usager", None, len(over), "persons"))
    for key, label in (("moins_1_an", "de moins d'un an"), ("1_a_3_ans", "de 1 à 3 ans"),
                       ("plus_3_ans", "de plus de 3 ans")):
        P.append(problem(f"retention.usagers_depassement_{key}", "retention",
                         f"Parmi eux, usagers dont la durée de 2 ans est dépassée {label}.",
                         "usager", None, buckets[key], "persons"))
    P.append(problem("retention.dis_contact_unique_plus_2_ans", "retention",
                     f"DIS « contact_unique » ouverts plus de 2 ans avant le {fr(AS_OF)} et toujours conservés.",
                     "dossier_intervention_sociale", "date_ouverture",
                     one(c, "SELECT COUNT(*) FROM dossier_intervention_sociale WHERE type_contact = "
                            "'contact_unique' AND date_ouverture < ?", (cut2,)), "rows"))
    P.append(problem("retention.journal_plus_1_an", "retention",
                     f"Lignes du journal de consultation antérieures de plus d'un an au {fr(AS_OF)}.",
                     "journal_consultation", "date_consultation",
                     one(c, "SELECT COUNT(*) FROM journal_consultation WHERE date_consultation < ?", (cut1,)),
                     "rows"))
    P.append(problem("retention.table_sans_date", "retention",
                     "Table de données personnelles (tiers à prévenir) sans aucune colonne de date : "
                     "aucune durée de conservation ne peut s'y appliquer.", "contact_urgence", None,
                     one(c, "SELECT COUNT(*) FROM contact_urgence"), "rows"))
    P.append(problem("retention.entretiens_dates_futures", "retention",
                     f"Entretiens datés après le {fr(AS_OF)} (date impossible).", "entretien", "date_entretien",
                     one(c, f"SELECT COUNT(*) FROM entretien WHERE date_entretien <> '' AND ({ENT_DATE_SQL}) > ?",
                         (asof,)), "rows"))
    P.append(problem("retention.entretiens_sans_date", "retention",
                     "Entretiens dont la date est vide.", "entretien", "date_entretien",
                     one(c, "SELECT COUNT(*) FROM entretien WHERE date_entretien = '' OR date_entretien IS NULL"),
                     "rows"))
    bad = 0
    for (s,) in c.execute("SELECT dt_naiss FROM usager ORDER BY id_usager"):
        d = parse_dt_naiss(s)
        if s and (d is None or d.year < 1900):
            bad += 1
    P.append(problem("retention.dates_naissance_impossibles", "retention",
                     "Dates de naissance impossibles ou invraisemblables (jour inexistant, année avant 1900).",
                     "usager", "dt_naiss", bad, "rows"))
    F = [
        fact("journal_lignes", "Lignes du journal de consultation.", "journal_consultation", None, total, "rows"),
        fact("lectures_expliquees", "Lignes du journal où l'agent est référent de l'usager ou rattaché à sa MDS.",
             "journal_consultation", None, total - unexpl, "rows"),
        fact("cellules_masquees", "Cellules déjà masquées (effectif NULL, effectif_diffuse '<5' ou '*').",
             "statistique_mds", "effectif_diffuse",
             one(c, "SELECT COUNT(*) FROM statistique_mds WHERE effectif IS NULL"), "cells"),
        fact("entretiens_dates_format_ancien", "Entretiens datés au format jj/mm/aaaa (reprise de l'ancien "
             "logiciel) au lieu du format ISO.", "entretien", "date_entretien",
             one(c, "SELECT COUNT(*) FROM entretien WHERE date_entretien LIKE '__/__/____'"), "rows"),
        fact("usagers_archives", "Usagers marqués archivés (archive = 1), exclus du compte de conservation.",
             "usager", "archive", one(c, "SELECT COUNT(*) FROM usager WHERE archive = 1"), "persons"),
        fact("usagers_demenages", "Usagers dont la MDS actuelle n'est pas celle d'un de leurs référents "
             "(déménagement) : les lectures du référent restent expliquées par la table referent.",
             "usager", "id_mds",
             one(c, "SELECT COUNT(DISTINCT u.id_usager) FROM usager u JOIN referent r ON r.id_usager = u.id_usager "
                    "JOIN agent a ON a.id_agent = r.id_agent WHERE a.id_mds <> u.id_mds"), "persons"),
        fact("dis_referent_hors_table_referent", "DIS dont id_referent n'a pas de ligne (id_referent, id_usager) "
             "dans referent (toujours 0 : les deux sources du lien de suivi concordent).",
             "dossier_intervention_sociale", "id_referent",
             one(c, "SELECT COUNT(*) FROM dossier_intervention_sociale d WHERE NOT EXISTS (SELECT 1 FROM referent r "
                    "WHERE r.id_agent = d.id_referent AND r.id_usager = d.id_usager)"), "rows"),
    ]
    return [p for p in P if p["count"] > 0], F


# ===========================================================================
# README et point d'entrée
# ===========================================================================

CHECK_FR = {"access": "accès", "nominative": "données nominatives", "subjective": "écrits subjectifs",
            "retention": "conservation"}
UNIT_FR = {"rows": "lignes", "accounts": "comptes", "persons": "personnes", "roles": "rôles",
           "columns": "colonnes", "cells": "cellules"}
UNIT_FR_1 = {"rows": "ligne", "accounts": "compte", "persons": "personne", "roles": "rôle",
             "columns": "colonne", "cells": "cellule"}


def unit_fr(count: int, unit: str) -> str:
    return f"{count} {(UNIT_FR_1 if count == 1 else UNIT_FR)[unit]}"


def write_readme(out: Path, results: dict[str, dict], scale: float) -> None:
    L = ["# Données d'exemple", "",
         "Deux bases **entièrement fictives**, produites par `generate.py` (graines fixes, Faker `fr_FR`), "
         f"pour essayer et tester `auditor`. Toutes les dates sont calculées par rapport au {fr(AS_OF)} "
         "(`AS_OF`), jamais par rapport à la date du jour. Ce fichier est lui aussi produit par le "
         "générateur : les nombres ci-dessous sont recomptés sur les bases écrites.", "",
         "Régénérer : `python sample_data/generate.py [--out DOSSIER] [--scale FACTEUR] [--no-csv]`. "
         "Deux exécutions donnent des fichiers identiques octet pour octet (à version de SQLite égale).", ""]
    if scale != 1:
        L += [f"Facteur d'échelle utilisé : {scale}.", ""]
    L += ["Pour chaque base : `<base>.sqlite`, `csv/<table>.csv`, `planted.json` (problèmes plantés, "
          "comptes exacts), `personal_columns.json` (colonnes qui portent une donnée personnelle), "
          "`planted_text_values.json` (noms de personnes glissés dans les textes libres), `<base>.xlsx` et "
          "`<base>.ods` (l'export CSV enregistré en classeur, une feuille par table, écrit par "
          "`python sample_data/export_spreadsheets.py` après le générateur : il donne les mêmes constats "
          "que l'export CSV).", ""]
    intro = {
        "company": ("## `company` : service social du travail d'une entreprise nationale",
                    "Imite l'outil décrit dans l'avis 035 du CNAD (2009) : une entreprise présente sur "
                    "plusieurs régions ; chaque assistant de service social saisit, à partir de données "
                    "nominatives, la nature des demandes des salariés reçus, pour produire des statistiques "
                    "nationales ; chaque assistant peut lire les saisies de ses collègues dans tout le pays ; "
                    "les salariés doivent passer par leur hiérarchie pour faire rectifier leurs données. "
                    "Export CSV : séparateur `;`, encodage Windows-1252, fins de ligne CRLF, dates "
                    "jj/mm/aaaa, décimales à virgule."),
        "departement": ("## `departement` : dossier d'intervention sociale d'un département",
                        "Imite le « dossier d'intervention sociale » (DIS) mis en place en Essonne en 2008 : "
                        "un dossier pour toute personne rencontrée, même une seule fois, avec des champs "
                        "d'appréciation (capacités du ménage à se mobiliser, freins et potentialités), une "
                        "consultation ouverte à l'encadrement et à des partenaires, une conservation longue. "
                        "Export CSV : séparateur `;`, UTF-8 avec BOM, fins de ligne CRLF, colonnes de type "
                        "DATE en jj/mm/aaaa."),
    }
    docs = {"company": COMPANY_TABLE_DOC, "departement": DEPT_TABLE_DOC}
    for name, res in results.items():
        title, text = intro[name]
        L += [title, "", text, "", "### Tables", ""]
        for t, n in res["counts"].items():
            L.append(f"- `{t}` ({n} lignes) : {docs[name][t]}.")
        L += ["", "### Problèmes plantés", ""]
        for chk in ("access", "nominative", "subjective", "retention"):
            items = [p for p in res["problems"] if p["check"] == chk]
            if not items:
                continue
            L += [f"**Contrôle {CHECK_FR[chk]} (`{chk}`)**", ""]
            for p in items:
                where = f"`{p['table']}.{p['column']}`" if p["column"] else f"`{p['table']}`"
                L.append(f"- `{p['id']}` : **{unit_fr(p['count'], p['unit'])}**, {where}. "
                         f"{p['description_fr']}")
            L.append("")
        L += ["**Repères (pas des problèmes)**", ""]
        for f in res["facts"]:
            where = f"`{f['table']}.{f['column']}`" if f["column"] else f"`{f['table']}`"
            L.append(f"- `{f['id']}` : {unit_fr(f['count'], f['unit'])}, {where}. {f['description_fr']}")
        L.append("")
    L += ["## In English", "",
          "Two fully synthetic databases for trying and testing `auditor`: `company` imitates a national "
          "company's workplace social-service tool (the situation of CNAD opinion 035: nation-wide read "
          "access, nominative \"anonymous\" statistics, rectification through line management), and "
          "`departement` imitates a French département's \"dossier d'intervention sociale\" (the Essonne "
          "case: a full case file for anyone met once, judgement fields, wide access, long retention). "
          "Each comes as SQLite and as French-style CSV exports. Every planted problem is listed with its "
          "exact count in `planted.json`, recomputed from the written data; `personal_columns.json` and "
          "`planted_text_values.json` list the personal values that must never appear in any output. "
          "The generator is deterministic (fixed seeds, fixed reference date "
          f"{AS_OF.isoformat()}), so rerunning it reproduces the files byte for byte.", ""]
    (out / "README.md").write_text("\n".join(L), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Génère les bases d'exemple d'auditor.")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                    help="dossier de sortie (par défaut : celui du script)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiplie le nombre de personnes, de notes et de lignes de journal")
    ap.add_argument("--no-csv", action="store_true", help="ne pas écrire les exports CSV")
    ap.add_argument("--only", choices=["company", "departement"], help="ne générer qu'une base")
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale doit être positif")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    if args.only in (None, "company"):
        results["company"] = gen_company(out, args.scale, not args.no_csv)
    if args.only in (None, "departement"):
        results["departement"] = gen_departement(out, args.scale, not args.no_csv)
    if args.only is None:
        write_readme(out, results, args.scale)
    for name, res in results.items():
        size = os.path.getsize(out / name / f"{name}.sqlite")
        print(f"{name}: {size / 1e6:.2f} Mo, " + ", ".join(f"{t}={n}" for t, n in res["counts"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
