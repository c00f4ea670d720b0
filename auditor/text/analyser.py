"""The French note analyser: lexicon and context rules, identifiers, person names, redaction."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from auditor.identifiers import find_birth_dates, find_identifiers, is_email, is_fr_phone, iban_is_valid, nir_is_valid

from . import names as _names
from .lexicon import CONDUCT, SENSITIVE, Entry, Lexicon
from .normalize import fold

__all__ = ["Flag", "TextAnalyser", "PLACEHOLDERS"]


@dataclass(frozen=True)
class Flag:
    """One thing a social worker should not write, at ``text[start:end]``.

    ``rule`` is the lexicon entry id, or the recognizer / rule name
    (``id.nir``, ``id.phone``... for identifiers, ``name`` for third parties,
    ``jug.guillemets`` for scare quotes).
    """

    category: str
    start: int
    end: int
    rule: str
    suggestion: str | None = None


PLACEHOLDERS = {
    "nir": "[NIR]",
    "phone": "[TÉLÉPHONE]",
    "email": "[E-MAIL]",
    "iban": "[IBAN]",
    "address": "[ADRESSE]",
    "caf": "[N° ALLOCATAIRE]",
    "name": "[NOM]",
    "place": "[LIEU]",
    "date": "[DATE]",
}

_ID_SUGGESTIONS = {
    "nir": "Le NIR n'a pas sa place dans une note : il figure, si la loi le permet, dans son champ dédié.",
    "phone": "Les coordonnées vont dans la fiche de la personne, pas dans le texte libre.",
    "email": "Les coordonnées vont dans la fiche de la personne, pas dans le texte libre.",
    "iban": "Les coordonnées bancaires vont dans la pièce justificative, pas dans la note.",
    "address": "L'adresse va dans la fiche de la personne, pas dans le texte libre.",
    "caf": "Le numéro allocataire va dans son champ dédié, pas dans la note.",
}
_THIRD_SUGGESTION = "Nommer un tiers n'est utile que si c'est nécessaire : préférer « son voisin », « sa sœur »..."
_QUOTE_SUGGESTION = "Les guillemets mettent en doute la parole de la personne : rapporter ses propos sans commentaire."

# Gaps between the words of one expression: spaces, apostrophes, hyphens only.
_JOIN_RE = re.compile(r"^[\s'\-]*$")
_NEGATORS = frozenset({"pas", "aucun", "aucune", "jamais", "ni", "sans", "absence", "non", "rien", "aucuns", "nul", "nulle"})

_NEG_WINDOW = 5
# prepositions between a negated request and its object do not use up the window (convention 18:
# « pas de demande de reconnaissance en maladie professionnelle » is five words and three prepositions)
_NEG_LIGHT = frozenset({"de", "d", "en"})
_VERB_NEGATORS = frozenset({"pas", "jamais", "guere", "point", "aucunement", "nullement"})
_QUOTE_RE = re.compile(r"«\s*([^«»]{1,400}?)\s*»|\"([^\"\n]{1,400})\"|“([^”\n]{1,400})”")
_TITLE_ANY_RE = re.compile(r"(?<![\w.])(Mme|Madame|Mlle|Mademoiselle|M\.|Monsieur)(?!\w)")


# at most three words between a term and the question mark that makes it a guess
_QUESTION_AFTER_RE = re.compile(r"(?:[ \t]*[\w'’-]+){0,3}[ \t]*\?")
# an interrogative inversion or word: a question to ask, not a guess written down
_REAL_QUESTION_RE = re.compile(r"(?i)\w-t-(?:il|elle|ils|elles|on)\b|\w-(?:il|elle|ils|elles|on|je|vous|nous)\b|"
                               r"est-ce\b|\b(?:quel|quelle|quels|quelles|quand|comment|pourquoi|combien|qui|où)\b")
_QUESTION_SUGGESTION = ("Un point d'interrogation présente une supposition : écrire ce qui a été constaté ou dit, "
                        "ou garder la question pour l'échange d'équipe.")
_CND_SUGGESTION = ("Le conditionnel présente une supposition comme une information : écrire ce qui a été "
                   "constaté ou dit (par qui), ou garder l'hypothèse pour l'échange d'équipe.")
_APPRAISAL_SUGGESTION = "Décrire les faits observés (ce qui a été dit ou fait, quand) plutôt qu'une appréciation de la personne."
# conditional mood ("boirait", "vivrait en couple"): a weak marker; the conditional of a
# conduct verb is a guess about the person's conduct on its own
_CND_WEAK = Entry("hyp.conditionnel", "hypothesis", (), _CND_SUGGESTION, negatable=False, weak=True)
_CND_CONDUCT = Entry("hyp.conditionnel", "hypothesis", (), _CND_SUGGESTION, negatable=False)
_NOT_CND = frozenset("trait portrait extrait retrait attrait distrait abstrait soustrait extraient distraient".split())
_CND_NEUTRAL = ("souhaite", "voud", "aime", "prefere", "faud", "convien", "pour", "dev", "sau", "ai", "se", "fe", "a")
_CONDUCT_STEMS = frozenset("""boi cache viv frappe heberge touche revend consomme dissimule travaille fume menti profite
drogue batt maltraite vole trafique deale neglige detourne invente exagere prostitue abuse alcoolise violente insulte
menace frequente sortir sorti prend""".split())
# an appraisal of the person: an appraisal noun and an adjective ("attitude désinvolte",
# "personnalité conflictuelle"), or a person said to be (very, too...) so
_JUG_APPRAISAL = Entry("jug.appreciation", "judgement", (), _APPRAISAL_SUGGESTION)
_APPRAISAL_NOUNS = frozenset(fold(w) for w in """personnalité caractère attitude comportement discours tempérament
mentalité conduite posture attitudes comportements personnalites caracteres""".split())
# nouns that appraise only with an adjective that is not relational or of state (« humeur changeante »,
# « présentation négligée », « ton agressif »; not « présentation orale », « tenue vestimentaire »)
_APPRAISAL_NOUNS_STRICT = frozenset(fold(w) for w in """humeur manières langage ton relationnel présentation tenue
motivation investissement implication fonctionnement""".split())
_INTENSIFIERS = frozenset(fold(w) for w in "très trop peu si tellement vraiment extrêmement complètement totalement plutôt assez particulièrement fort".split())
_PERSON_SUBJ = frozenset(fold(w) for w in """il elle ils elles madame monsieur mme mr patient patiente salarié salariée mère père
agent agente bénéficiaire parents couple jeune""".split())
_PERSON_NOUNS = frozenset(fold(w) for w in """bénéficiaire patient patiente salarié salariée mère père parents famille femme
homme agent agente couple jeune fille fils enfant personne dame maman papa résident résidente locataire usager usagère
allocataire élève adolescent adolescente ado garçon gamin gamine stagiaire""".split())
_COPULA = frozenset(fold(w) for w in "est était reste restait semble paraît parait demeure".split())
_SHOWS = frozenset(fold(w) for w in "montre montré montrée montrait montrent".split())
_NOT_APPRAISAL = frozenset(fold(w) for w in """satisfait satisfaite content contente heureux heureuse inquiet inquiète soulagé
soulagée fatigué fatiguée triste pressé pressée occupé occupée présent présente absent absente disponible informé
informée intéressé intéressée ému émue surpris surprise déçu déçue seul seule âgé âgée jeune enceinte malade isolé isolée
endetté endettée hébergé hébergée logé logée né née arrivé arrivée venu venue accompagné accompagnée orienté orientée
inscrit inscrite suivi suivie reçu reçue d'accord favorable opposé opposée prêt prête attaché attachée
entouré entourée entourés entourées
alimentaire scolaire professionnel professionnelle social sociale familial familiale administratif administrative
médical médicale financier financière budgétaire général générale global globale habituel habituelle actuel actuelle
""".split())


# relation nouns that open a verbless appraisal: "Relation fusionnelle", "Lien malsain"
_RELATION_NOUNS = frozenset(fold(w) for w in "relation relations lien liens".split())
# sentence adverbs that may open a verbless appraisal ("Vraisemblablement peu motivée")
_OPENING_ADVERBS = frozenset(fold(w) for w in """probablement vraisemblablement visiblement manifestement apparemment
certainement sûrement surement clairement réellement vraiment franchement globalement actuellement également
toujours souvent parfois encore assurément""".split())
_OPENERS = _RELATION_NOUNS | _PERSON_NOUNS | _INTENSIFIERS
# what may follow a coordinated appraisal: the end of the clause, another "et", a preposition
_COORD_NEXT = frozenset("et avec envers de d du des pour dans a au aux face vis".split())
# adjectives that classify rather than appraise: relational suffixes ("familial", "scolaire",
# "professionnel", "administratif", "algérien") and a few of number, age, status
_RELATIONAL_SUFFIXES = ("al", "ale", "ales", "aux", "aire", "aires", "ier", "iere",
                        "iers", "ieres", "ien", "ienne", "iens", "iennes", "ais", "aise", "aises", "ois", "oise",
                        "oises", "atif", "ative", "atifs", "atives", "iste", "istes",
                        # « européen », « guinéen », « lycéenne »; « agricole », « viticole », « horticole »
                        "een", "eenne", "eens", "eennes", "cole", "coles")
_CLASSIFYING = frozenset(fold(w) for w in """nombreux nombreuse nombreuses seul seule seuls seules enceinte mineur mineure
mineurs mineures majeur majeure majeurs majeures aîné aînée cadet cadette unique uniques entier entière polyvalent
polyvalente âgé âgée âgés âgées jeune jeunes vieux vieille nouveau nouvelle nouveaux nouvelles ancien ancienne autre
autres même mêmes tel telle différent différente principal principale proche proches référent référente
concerné concernée présent présente absent absente résident résidente demandeur demandeuse sortant sortante
alternant alternante alternants alternantes apprenti apprentie apprentis étudiant étudiante étudiants étudiantes
intermittent intermittente indépendant indépendante indépendants contractuel contractuelle titulaire titulaires
bénévole bénévoles retraité retraitée retraités saisonnier saisonnière salarié salariée intérimaire débutant débutante
aidant aidante aidants aidantes actif active actifs inactif inactive inactifs veuf veuve divorcé divorcée
entrant entrante suivant suivante précédent précédente dépendant dépendante professionnel professionnelle
personnel personnelle relationnel relationnelle culturel culturelle sexuel sexuelle manuel manuelle actuel actuelle
habituel habituelle éventuel éventuelle partiel partielle officiel officielle annuel annuelle mensuel mensuelle
individuel individuelle maternel maternelle paternel paternelle fraternel fraternelle essentiel essentielle
résidentiel résidentielle universel universelle temporel temporelle naturel naturelle réel réelle
africain africaine africains africaines américain américaine marocain marocaine mexicain mexicaine dominicain
dominicaine cubain cubaine urbain urbaine humain humaine prochain prochaine certain certaine contemporain
contemporaine autonome autonomes actif active actifs actives inactif inactive solvable insolvable vulnérable
vulnérables pauvre pauvres modeste modestes précaire précaires démuni démunie démunis étranger étrangère étrangers
étrangères permanent permanente temporaire titulaire handicapé handicapée malade âgé âgée analphabète analphabètes valide valides invalide invalides mobile mobiles immobile
roumain roumaine roumains roumaines afghan afghane afghans afghanes turc turque turcs turques kurde kurdes
russe russes grec grecque belge belges suisse suisses serbe serbes tchèque tchèques slovaque slovaques kosovar kosovare
bosniaque bosniaques moldave moldaves tchétchène tchétchènes malgache malgaches bulgare bulgares espagnol espagnole
espagnols espagnoles nigérian nigériane tamoul tamoule somali somalie ouzbek ouzbèke peul peule arabe arabes
berbère berbères kabyle kabyles rom roms gitan gitane gitans gitanes sahraoui sahraouie thaï thaïe
francophone francophones bilingue bilingues stable stables calme calmes propre propres confus confuse confuses""".split())
_PARTICIPLE_END_RE = re.compile(r"(?:é|ée|és|ées|(?<![qg])(?:i|ie|is|ies|u|ue|us|ues))$")


# medical morphology (issue 14, second round): a word built on a suffix of medicine names a
# disease, a symptom, an operation or a therapy (« cirrhose », « lombalgie », « mastectomie »,
# « hémiplégique », « kinésithérapie ») even when no lexicon entry lists it. It follows the
# entry "sante.maladie". Suffixes are folded (no accents); ordinary words that share a suffix
# are listed below (written from general knowledge, checked on the probes of test_breadth.py).
_HEALTH_MORPH = Entry("sante.morphologie", "health", (),
                      "Une information de santé n'a sa place que si elle est strictement nécessaire ; "
                      "sinon écrire le besoin qui en découle.")
# reliable endings: few ordinary words share them
_MED_SUFFIXES = ("ectomie", "ectomies", "otomie", "plegie", "plegies", "plegique", "plegiques", "phrenie",
                 "phrenique", "phreniques", "pathie", "pathies", "algie", "algies", "therapie", "therapies",
                 "emie", "emies", "penie", "penies", "paresie", "stomie", "stomies", "tomise", "tomisee", "tomises",
                 "tomisees", "stomise", "stomisee", "scopie", "scopies", "rragie", "rragies", "phasie", "phasique",
                 "plasie", "plasies", "trophie", "trophies", "pnee", "pnees", "cephalie", "cephalies",
                 "ite", "ites", "ose", "oses", "ome", "omes")
# endings shared with many ordinary words: only as a noun (after a determiner or preposition)
_MED_NOUN_ONLY = ("ite", "ites", "ose", "oses", "ome", "omes")
_MED_DETERMINERS = frozenset("un une d de des la l le sa son ses cette pour en avec par du d une atteint atteinte".split())
_MED_STOP = frozenset(fold(w) for w in """
sympathie sympathies antipathie empathie telepathie apathie nostalgie academie academies epidemie epidemies
pandemie endemie alcoolemie anatomie autonomie economie economies gastronomie astronomie agronomie taxonomie
dichotomie boulimie alchimie atomise atomisee anatomise
visite visites suite suites site sites limite limites faillite faillites reussite reussites poursuite poursuites
conduite conduites elite elites merite merites rite rites gite gites pepite marmite termite termites parasite
parasites satellite satellites dynamite granite anthracite meteorite stalactite stalagmite favorite petite
petites maudite insolite explicite implicite illicite licite gratuite gratuites subite fortuite hypocrite
hypocrites emerite interdite ecrite inscrite inscrites dite dites predite proscrite decrite prescrite prescrites
souscrite detruite produite reduite construite instruite cuite fuite fuites ensuite benite frite frites ermite
vite mite mites cite invite habite evite hesite profite facilite sollicite necessite excite irrite precipite
recite debite credite felicite medite imite agite gravite milite delimite rehabilite incite exploite droite
adroite etroite benoite marguerite zenith cellulite kryptonite bauxite graphite lignite dolomite ammonite
chose choses rose roses dose doses pose poses prose ose glose close eclose propose proposes dispose impose
repose expose suppose compose depose oppose arrose osmose metamorphose hypnose virtuose grandiose apotheose
symbiose glucose cellulose morose explose ventose
home tome tomes chrome dome atome atomes diplome diplomes fantome fantomes aerodrome hippodrome velodrome
boulodrome autodrome cyclodrome axiome idiome arome aromes gnome palindrome econome autonome autonomes
agronome astronome gastronome metronome binome binomes trinome polynome chromosome chromosomes royaume
rome comme homme somme pomme nomme consomme
""".split())
_MED_MIN_LEN = 6
# a specialty or a care professional named by its suffix counts only where it cares for the person:
# « suivi en orthophonie », « hospitalisé en néonatologie », « consultation de rhumatologie »,
# « suivie par une neurologue », « rendez-vous chez l'orthophoniste »
_CARE_SUFFIXES = ("ologie", "iatrie", "phonie", "motricite", "ologue", "ologues", "iatre", "iatres", "phoniste",
                  "phonistes", "motricien", "motricienne", "therapeute", "therapeutes", "ectomie")
_CARE_STOP = frozenset(fold(w) for w in """technologie technologies méthodologie idéologie sociologie théologie anthologie
chronologie terminologie typologie mythologie généalogie astrologie archéologie géologie zoologie écologie ethnologie
téléphonie symphonie cacophonie francophonie sociologue écologue archéologue géologue pédiatre pédiatres pédiatrie""".split())
_CARE_BEFORE_EN = frozenset(fold(w) for w in """suivi suivie suivis suivies hospitalisé hospitalisée hospitalisés
admis admise charge rdv vous consulte séances revu revue prescrit prescrite examiné examinée""".split())
_CARE_BEFORE_DE = frozenset(fold(w) for w in "consultation consultations séance séances bilan bilans soins".split())
_CARE_BEFORE_PRO = frozenset(fold(w) for w in "par chez voit consulte".split())
# « -ité » nouns typed without accents (« nationalite », « activite », « precarite ») end so; the
# few diseases that do too (« appendicite », « conjonctivite ») are lexicon terms
_MED_NOT_ITE = tuple(e + s for e in ("uite", "oite", "aite", "alite", "ilite", "ivite", "icite", "orite", "arite",
                                     "idite", "urite", "erite", "exite", "grite", "brite", "imite", "acite", "osite",
                                     "ssite", "nsite", "rsite", "nite", "eite") for s in ("", "s"))


# a health condition said by its verb (issue 14, second round): « souffre d'une sclérodermie »,
# « atteinte d'une maladie rare », « diagnostiqué TSA »: the verb tells it
# is health whatever the condition's name. The flag spans the verb and the next content word.
# Follows "sante.maladie". What one suffers from that is no condition is listed (solitude...).
_HEALTH_CTX = Entry("sante.contexte", "health", (),
                    "Une information de santé n'a sa place que si elle est strictement nécessaire ; "
                    "sinon écrire le besoin qui en découle.")
_HEALTH_VERBS = frozenset(fold(w) for w in """souffre souffrent souffrait souffraient souffrant souffrante souffert
atteint atteinte atteints atteintes diagnostiqué diagnostiquée diagnostiqués diagnostiquées""".split())
_HEALTH_VERB_NEXT = {"souffre": ("de", "d", "du", "des"), "atteint": ("de", "d", "du", "des"),
                     "diagnostique": ("de", "d", "du", "des", "avec", "comme")}
_CTX_DETERMINERS = frozenset("un une de d du des la l le les sa son ses plusieurs nombreux nombreuses graves grave".split())
_NOT_CONDITIONS = frozenset(fold(w) for w in """solitude isolement situation situations précarité manque froid chaleur bruit
bruits humidité nuisances violences harcèlement absence ennui rejet racisme discrimination discriminations conditions
éloignement séparation ne pas rien tout cela ça ce cette mauvaises mauvais stress injustice injustices pauvreté
misère dettes endettement chômage exclusion regard jugement jugements critiques remarques comportement attitude
manque insalubrité moisissures punaises logement voisinage""".split())
_CTX_STEM = {w: next(k for k in _HEALTH_VERB_NEXT if w[:5] == k[:5]) for w in _HEALTH_VERBS}


# health by form (issue 14, third round): what the person is said to have or undergo, told
# without a disease's name. Follows "sante.maladie" like the morphology. Written from general
# knowledge, checked on the probes of checks/subjective/probes_health (never on a held-out set).
_HEALTH_FORM = Entry("sante.forme", "health", (),
                     "Une information de santé n'a sa place que si elle est strictement nécessaire ; "
                     "sinon écrire le besoin qui en découle.")
# a symptom or an injury: health when a part of the body, an anatomical or a clinical qualifier
# follows (« douleurs lombaires », « plaie du pied infectée », « blessure à la main »); alone it
# may be figurative (« la douleur de la séparation », « complications administratives »)
_SYMPTOM_NOUNS = frozenset(fold(w) for w in """fistule fistules douleur douleurs plaie plaies blessure blessures
brûlure brûlures
entorse entorses luxation luxations lésion lésions trauma traumatisme traumatismes ulcère ulcères abcès infection
infections hématome hématomes œdème oedème œdèmes oedèmes mal maux complication complications cicatrice cicatrices
inflammation inflammations kyste kystes brûlé brûlée brûlés brûlées blessé blessée blessés blessées atteinte
atteintes fracture fractures""".split())
_BODY_PARTS = frozenset(fold(w) for w in """tête crâne visage œil oeil yeux oreille oreilles nez bouche dent dents mâchoire
cou nuque épaule épaules bras coude coudes poignet poignets main mains doigt doigts pouce dos colonne vertèbre vertèbres
thorax poitrine sein seins ventre abdomen estomac foie rein reins vessie hanche hanches bassin cuisse cuisses jambe
jambes genou genoux mollet mollets cheville chevilles pied pieds orteil orteils talon fémur tibia poumon poumons cœur
coeur peau gorge côte côtes ménisque tendon tendons ligament ligaments muscle muscles cerveau intestin intestins côlon
prostate utérus ovaire ovaires articulation articulations membre membres""".split())
_ANATOMIC = frozenset(fold(w) for w in """lombaire lombaires cervical cervicale cervicales cervicaux dorsal dorsale dorsales
thoracique thoraciques abdominal abdominale abdominales dentaire dentaires crânien crânienne cérébral cérébrale cardiaque
cardiaques pulmonaire pulmonaires respiratoire respiratoires rénal rénale rénales hépatique hépatiques digestif
digestive digestives urinaire urinaires cutané cutanée cutanées articulaire articulaires musculaire musculaires osseux
osseuse osseuses vertébral vertébrale intestinal intestinale gastrique gastriques oculaire oculaires plantaire
plantaires vasculaire vasculaires veineux veineuse veineuses neurologique neurologiques génital génitale""".split())
_ANATOMIC = _ANATOMIC | frozenset(w + "s" for w in _ANATOMIC if not w.endswith(("s", "x")))
_CLINICAL = frozenset(fold(w) for w in """chronique chroniques aigu aiguë aigue aigus aiguës sévère sévères persistant
persistante persistants persistantes infecté infectée infectés infectées profond profonde profondes récidivant
récidivante récidivantes invalidant invalidante invalidantes neuropathique neuropathiques pathologique pathologiques
postopératoire postopératoires virale virales bactérienne bactériennes""".split())
# nouns that are health only with a part of the body or an anatomical adjective (« problèmes de
# dos », « opération du genou », « troubles digestifs », « difficultés respiratoires »); a clinical
# qualifier does not make them so (« problème chronique de retard »)
_BODY_ONLY_NOUNS = frozenset(fold(w) for w in """problème problèmes souci soucis trouble troubles difficulté
difficultés gêne opération opérations intervention interventions""".split())
_FORM_LINKS = frozenset("de du des d a au aux la l le les sa son ses sur gauche droite droit droits gauches".split())
# a part of the body said to be hurt (« pieds blessés », « bras cassé », « genou gonflé »)
_INJURED = frozenset(fold(w) for w in """blessé blessée blessés blessées cassé cassée cassés cassées fracturé fracturée
fracturés fracturées brûlé brûlée brûlés brûlées gonflé gonflée gonflés gonflées douloureux douloureuse douloureuses
infecté infectée infectés infectées amputé amputée paralysé paralysée paralysés paralysées plâtré plâtrée""".split())
# a disease said to be found or treated (« Bilharziose traitée », « tuberculose dépistée ») is a noun
_DIAGNOSED = frozenset(fold(w) for w in """diagnostiqué diagnostiquée diagnostiqués diagnostiquées dépisté dépistée
dépistés dépistées traité traitée traités traitées découvert découverte découverts découvertes confirmé confirmée
soigné soignée reconnu reconnue""".split())
# a disease's name and the endings of the adjectives derived from it
_DISEASE_ENDINGS = ("oses", "ose", "ies", "ie", "ismes", "isme", "on", "er", "ome", "omes")
_DERIVED_ENDINGS = ("aires", "aire", "iques", "ique", "iennes", "ienne", "iens", "ien", "euses", "euse", "eux",
                    "iaques", "iaque")
# medical prefixes: a health term behind one is health (« hémodialyse », « polyhandicap »)
_MED_PREFIXES = ("hemo", "poly", "hyper", "hypo", "neuro", "cardio", "pneumo", "gastro", "hepato", "nephro", "psycho",
                 "peri", "para", "micro", "auto", "post", "pre", "pseudo", "neo", "re")
_UNTREATED = frozenset(fold(w) for w in """soigné soignée soignés soignées contrôlé contrôlée contrôlés contrôlées traité
traitée traités traitées équilibré équilibrée équilibrés équilibrées""".split())
# a drug named by its international suffix after « sous » (« sous baclofène », « sous rituximab »)
_DRUG_SUFFIXES = ("mab", "zepam", "zolam", "azole", "cilline", "mycine", "prazole", "statine", "sartan", "pril",
                  "olol", "fene", "morphine", "codeine", "xetine", "pramine", "zapine", "tidine", "parine", "cycline",
                  "floxacine", "vir", "idone", "amine")
_FOLLOW_NOUNS = frozenset(fold(w) for w in "suivi suivie suivis suivies consultation consultations bilan examen soins".split())
_NOT_MED_OLOGIQUE = frozenset(fold(w) for w in """écologique écologiques technologique technologiques chronologique
idéologique idéologiques sociologique sociologiques méthodologique théologique mythologique généalogique""".split())
_WEIGHT_UNITS = frozenset(("kg", "kilos", "kilo", "kgs"))


_FUTURE_RE = re.compile(r"\w{2,}(?:ra|ront)$")
_NOT_FUTURE = frozenset("camera extra ultra contra opera cobra mantra tiara sierra zebra algebra".split())


def _future_clause(words: Sequence[str], lo: int, hi: int) -> bool:
    """Whether words [lo, hi) hold a verb in the future tense ("pourra", "suffira", "seront")."""
    for w in words[lo:hi]:
        if _FUTURE_RE.match(w) and w not in _NOT_FUTURE and w not in _names.first_names():
            return True
    return False


def _clause_initial(toks: "_Toks", i: int) -> bool:
    """Whether word i opens a sentence or a clause (after . ; : ! ? a new line or a comma),
    possibly after one sentence adverb ("Vraisemblablement peu motivée")."""
    if i == 0:
        return True
    gap = toks.gaps[i]
    if gap.strip():
        return bool(_CLAUSE_BREAK_RE.search(gap))
    return gap == " " and toks.words[i - 1] in _OPENING_ADVERBS and (i - 1 == 0 or bool(
        toks.gaps[i - 1].strip() and _CLAUSE_BREAK_RE.search(toks.gaps[i - 1])))


def _evaluative(toks: "_Toks", text: str, k: int, participle: bool, sensitive=frozenset()) -> bool:
    """Whether word k is an adjective that appraises (not one of state, number or
    classification, nor a term of a sensitive category); ``participle``: past
    participles count too ("peu motivée")."""
    w = toks.words[k]
    # folding hides the accent of a participle: "cherche" is a verb, "cherché" a participle
    looks_participle = bool(_PARTICIPLE_END_RE.search(text[toks.start(k):toks.end(k)].lower()))
    if (len(w) < 3 or w in _NOT_APPRAISAL or w in _CLASSIFYING or w in _INTENSIFIERS or w in _PERSON_NOUNS
            or w in _THING_ADJECTIVES or w in sensitive or w.endswith(_RELATIONAL_SUFFIXES) or w.endswith(("phone", "phones"))
            or (w.endswith(_MED_SUFFIXES) and not w.endswith(_MED_NOUN_ONLY) and w not in _MED_STOP)
            or w in _HEALTH_VERBS
            or not _names.is_adjective(w, participles=looks_participle)):
        return False
    if not participle and looks_participle:
        return False
    # a capitalised word mid-clause is a name, not an adjective
    return not (text[toks.start(k)].isupper() and toks.gaps[k] == " ")


# Adjectives of price and distance say something of a thing (« Trop cher pour Madame », « Très
# loin du travail »), never of a person (issue 14, precision round).
_THING_ADJECTIVES = frozenset(fold(w) for w in """cher chère chers chères coûteux coûteuse coûteuses onéreux
onéreuse onéreuses loin lointain lointaine éloigné éloignée excentré excentrée vétuste exigu exiguë""".split())
# An adjective placed before a noun of events or exchanges (« très bonne nouvelle », « très bon
# contact ») appraises that noun, not the person; any other noun may be the person (« très bonne
# mère », « très bon élément »).
_EVENT_NOUNS = frozenset(fold(w) for w in """nouvelle nouvelles semaine semaines journée journées mois année
contact contacts échange échanges rdv rendez-vous entretien entretiens point dossier résultat résultats signe
signes progrès chose choses idée idées question questions solution solutions accueil moment moments ambiance
réponse réponses démarche démarches début fin surprise étape étapes avancée avancées piste pistes""".split())
_PRENOMINAL_OF_EVENT = frozenset(fold(w) for w in """bon bonne bons bonnes mauvais mauvaise mauvaises beau belle beaux
belles grand grande grands grandes petit petite petits petites gros grosse vrai vraie meilleur meilleure joli
jolie""".split())


def _prenominal_of_thing(toks: "_Toks", k: int) -> bool:
    words = toks.words
    return (words[k] in _PRENOMINAL_OF_EVENT and k + 1 < len(words) and toks.gaps[k + 1] == " "
            and words[k + 1] in _EVENT_NOUNS)


@dataclass(slots=True)
class _Match:
    entry: Entry
    i: int  # first token
    j: int  # one past last token
    start: int
    end: int


@dataclass
class _Analysis:
    text: str
    flags: list[Flag]
    mentions: list[_names.Mention] = field(default_factory=list)
    others: list[tuple[int, int, str]] = field(default_factory=list)
    candidates: list[tuple[int, int]] = field(default_factory=list)
    idents: list[tuple[str, int, int]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Conduct judged by its form (issue 14, recall round on writing of other services): what the
# person "does not do", "never does", "always does", "did not know how to do", said without any
# appraising word (« n'a pas su protéger », « ne fait aucun effort », « ne tient aucun de ses
# engagements », « aucune autorité », « dramatise tout », « exige toujours plus », « je la trouve
# plus posée »). Every rule needs a person as subject or object; facts of ability and lack of
# means stay clean (« ne sait pas lire », « n'a aucune ressource », « ne comprend pas le français »).
# Follows the judgement entries (``jug.*``), like the other appraisal rules.
# lexicon acronyms whose lower-case form is a French word (« ait », « âme », « toc », « mas »): only in capitals
_ACRONYM_WORDS = frozenset({"ait", "ame", "toc", "mas"})
# a likelihood is no appraisal of the person (« il est fort possible qu'il... », « c'est très probable »)
_NOT_APPRAISAL = _NOT_APPRAISAL | frozenset(fold(w) for w in """probable probables possible possibles
vraisemblable vraisemblables improbable envisageable""".split())
# a title right before a word (« M. Courtois », « Mme Lenoir »): the word is a surname
_TITLE_BEFORE_RE = re.compile(r"(?:\b(?:M|Mr|Mme|Mlle|Melle|Madame|Monsieur|Mademoiselle|Dr)\.?\s+)$")
_CONDUCT_IDS = frozenset({"jug.absolu", "jug.conduite", "jug.conduites"})
_JUG_CONDUCT = Entry("jug.conduite", "judgement", (),
                     "Décrire les faits observés (ce qui a été fait ou non, quand) plutôt qu'un jugement sur la personne.",
                     negatable=False)


def _forms(spec: str) -> frozenset[str]:
    return frozenset(fold(w) for w in spec.split())


# verbs of attitude or commitment that judge when negated absolutely (« rien », « jamais », « aucun »)
_ABS_NEG_VERBS = _forms("""fait font faisait faisaient fera feront ferait tient tiennent tenait tenaient respecte respectent
respectait respectaient ecoute ecoutent ecoutait ecoutaient comprend comprennent comprenait comprenaient entend entendent
entendait accepte acceptent acceptait supporte supportent supportait honore honorent honorait retient retiennent
retenait fournit fournissent fournissait bouge bougent bougeait cherche cherchent cherchait""")
# reflexive or self-directed verbs that judge under any negation (« n'assume pas », « ne s'aide pas »,
# « ne se remet jamais en question », « ne s'occupe pas de ses enfants »)
_ANY_NEG_VERBS = _forms("""assume assument assumait assumaient aide aident aidait investit investissent investissait
mobilise mobilisent mobilisait remet remettent remettait donne donnent donnait prend prennent prenait bouge bougent
responsabilise responsabilisent soucie soucient souciait interesse interessent interessait preoccupe preoccupent
preoccupait implique impliquent impliquait occupe occupent occupait""")
_REFLEXIVE_ONLY = _forms("""aide aident aidait mobilise mobilisent mobilisait remet remettent remettait donne donnent
donnait prend prennent prenait bouge bougent responsabilise responsabilisent soucie soucient souciait interesse
interessent interessait preoccupe preoccupent preoccupait implique impliquent impliquait occupe occupent occupait
investit investissent investissait""")
_ABS_NEGATORS = frozenset({"rien", "jamais", "aucun", "aucune", "nullement", "guere"})
_NEG_AUX = frozenset({"a", "ont", "avait", "avaient", "aura", "auront"})
# skills whose lack is a fact, not a judgement (« n'a jamais su lire »)
_SKILLS = _forms("lire ecrire nager conduire parler compter calculer utiliser remplir lire signer taper")
# nouns of a faculty or disposition: their absence said of a person is an appraisal
# (not « limite »: « ne posent aucune limite » describes an educational act)
_FACULTIES = _forms("""autorite notion notions conscience volonte sens respect repere reperes motivation
envie initiative recul patience maturite scrupule scrupules hygiene empathie reconnaissance consideration discernement
effort efforts parole remords gratitude politesse gene honte pudeur culpabilite serieux rigueur ambition""")
_NOT_FACULTY_AFTER = {"autorite": ("parentale",), "notion": ("de francais", "du francais", "de la langue", "d'anglais",
                                                           "d informatique", "de lecture"),
                      "notions": ("de francais", "du francais", "de la langue", "d anglais", "d informatique")}
# verbs of attitude that a generalisation (« tout », « toujours », « systématiquement ») turns into a judgement
_GEN_VERBS = _forms("""exige exigent exigeait refuse refusent refusait critique critiquent critiquait conteste contestent
contestait dramatise dramatisent dramatisait exagere exagerent exagerait rale ralent ralait reclame reclament reclamait
rejette rejettent rejetait gache gachent gachait minimise minimisent minimisait banalise banalisent banalisait accuse
accusent accusait negocie negocient negociait revendique revendiquent revendiquait menace menacent menacait insulte
insultent insultait crie crient criait hurle hurlent hurlait coupe coupent interrompt interrompent plaint plaignent
plaignait""")
_GEN_VERBS = _GEN_VERBS | _forms("oublie oublient oubliait")
# verbs judged by « trop » closing the clause (« parle trop. », « dépense trop »)
_TROP_VERBS = _GEN_VERBS | _forms("parle parlent parlait depense depensent depensait demande demandent sort sortent")
_GENERALISERS = frozenset({"toujours", "systematiquement", "constamment", "continuellement", "perpetuellement"})
# appraising adjectives before a person noun: « un brave homme », « une drôle de femme », « un vrai gamin »,
# « une sacrée personnalité », « la pauvre femme », « un mauvais père »
# a bare attribute of the person after a copula (« Madame est capricieuse », « il est irascible »), kept to
# adjectives whose suffix makes them qualities of character (-eux/-euse, -if/-ive, -able/-ible, -ant/-ante),
# not professions (« étudiant », « commerçant »), states (« malheureux », « injoignable »), health
# (« contagieux »), results (« positif ») or capacities said with a complement (« capable de »)
_ATTR_COPULAS = _forms("est etait reste restait devient devenu devenue demeure sont etaient restent deviennent")
_ATTR_SUFFIXES = ("eux", "euse", "euses", "if", "ive", "ifs", "ives", "able", "ables", "ible", "ibles", "ant", "ante",
                  "ants", "antes")
_ATTR_STOP = _forms("""malheureux malheureuse anxieux anxieuse contagieux contagieuse infectieux infectieuse
cancereux cancereuse douloureux douloureuse nombreux nombreuse precieux precieuse amoureux amoureuse heureux heureuse
religieux religieuse pieux pieuse positif positive negatif negative definitif definitive actif active inactif inactive
adoptif adoptive captif captive massif massive tardif tardive sportif sportive responsable coupable capable redevable
solvable insolvable imposable non-imposable eligible joignable injoignable disponible indisponible vulnerable stable
instable instables stables variable variables valable favorable defavorable possible impossible probable improbable admissible recevable
irrecevable compatible incompatible comptable potable visible lisible illisible mobile immobile inoccupable locataire
etudiant etudiante commercant commercante enseignant enseignante intervenant intervenante gerant gerante surveillant
surveillante representant representante assistant assistante militant militante exploitant exploitante soignant
soignante aidant aidante participant participante residant residante habitant habitante occupant occupante immigrant
immigrante manifestant manifestante requerant requerante present presente absent absente dependant dependante
independant independante vivant vivante mourant mourante souffrant souffrante suivant suivante precedent precedente
content contente consentant consentante voyant voyante malvoyant malvoyante non-voyant gagnant gagnante perdant
perdante croyant croyante pratiquant pratiquante debutant debutante remplacant remplacante sortant sortante
entrant entrante demandeur demandeuse sans-emploi enceinte patient patiente important importante suffisant
suffisante insuffisant insuffisante urgent urgente permanent permanente courant courante constant constante
recent recente vacant vacante restant restante manquant manquante suivant""")
_KIN_NOUNS = _forms("mere pere parents parent fils fille famille maman papa enfant enfants")
_PRENOMINAL = _forms("""brave braves sacre sacree sacres sacrees vrai vraie vrais vraies pauvre pauvres mauvais mauvaise
mauvaises piètre piètres excellent excellente gentil gentille gentils gentilles drole""")
_PRENOMINAL_NOUNS = _PERSON_NOUNS | _forms("""gamin gamine gamins gamines gosse gosses type types gars mec nana
personnalite personnalites caractere numero phenomene cas bonhomme bonne femme""")
_GEN_PHRASES = (("sans", "arret"), ("sans", "cesse"), ("en", "permanence"), ("tout", "le", "temps"))
# after a pronoun « tout »: the clause ends or a preposition follows (« dramatise tout », « rejette tout sur
# la mère », « laisse tout passer »); not « tout + noun » (« refuse tout hébergement » is a fact)
_AFTER_TOUT = frozenset({"sur", "a", "au", "aux", "en", "passer", "et", "ce", "de", "du", "des", "pour", "le", "la", "les"})
_FAILURES = _forms("oublie oubliee oublies rate ratee manque manquee gache perdu perdue")
_EXCUSES = _forms("excuse excuses pretexte pretextes justification justifications raison raisons")
_ATT_NOUNS = _forms("""revendication opposition provocation contestation toute-puissance toute puissance seduction
manipulation confrontation victimisation exigence exigences mefiance defiance plainte conflit deni refus evitement
fuite agressivite colere dramatisation exageration reproche reproches rejet banalisation minimisation justification
negociation affrontement surenchere""")
_TROUVER = _forms("trouve trouves trouvait trouvais trouvons trouvee trouvees")
_COMPARATIVES = frozenset({"plus", "moins", "bien", "mieux"})
_NOT_SUBJECT = frozenset({"je", "j", "on", "nous", "vous", "tu", "ca", "cela", "ce", "c", "qui"})


def _person_before(toks: "_Toks", i: int, ends: frozenset[int]) -> bool:
    """Whether the words before word ``i`` (a negation or a verb) are a person as subject:
    a pronoun or person noun, the end of a name, or nothing (a telegraphic clause)."""
    words = toks.words
    if i == 0 or (toks.gaps[i].strip() and _CLAUSE_BREAK_RE.search(toks.gaps[i])):
        return True
    p = words[i - 1]
    if p in _NOT_SUBJECT:
        return False
    return p in _PERSON_SUBJ or p in _PERSON_NOUNS or toks.end(i - 1) in ends or p in ("madame", "monsieur")


# clitics between a subject and its verb (« ne lui répond pas », « se plaint »)
_CLITICS = frozenset({"ne", "n", "se", "s", "lui", "leur", "y", "en", "me", "m", "te", "t"})
_KIN_SUBJECTS = _names._KIN_BEFORE | _names._ANCHOR_KIN | frozenset(fold(w) for w in """grand grande grands
grandes aînés petits petites voisin voisine voisins monsieur madame intéressé intéressée""".split())
_SUBJECT_DETERMINERS = frozenset({"le", "la", "l", "les", "un", "une", "son", "sa", "ses", "leur", "leurs", "ce",
                                  "cet", "cette", "ces", "notre", "votre"})


def _other_subject(toks: "_Toks", text: str, i: int, mentions) -> bool:
    """Whether the subject of the verb at word ``i`` is plainly someone or something other than
    the person accompanied: a noun of a thing, an institution or a role that is no person noun
    (« le bailleur refuse tout », « la CAF refuse tout », « le prestataire refuse tout »), or a
    name of a third party (« Le bailleur, M. Durand, refuse tout »). A pronoun, a person or
    relation noun (« la mère », « le jeune »), the person's name or a telegraphic clause
    (« Refuse tout. ») are the person."""
    words = toks.words
    k = i - 1
    def brk(x: int) -> bool:
        return bool(toks.gaps[x].strip() and _CLAUSE_BREAK_RE.search(toks.gaps[x]))

    while k >= 0 and words[k] in _CLITICS and not brk(k + 1):
        k -= 1
    if k < 0 or (brk(k + 1) and "," not in toks.gaps[k + 1]):
        return False
    end = toks.end(k)
    for m in mentions:
        if m.start <= toks.start(k) and end <= m.end:
            return not m.accompanied
    while k >= 2 and words[k - 1] in ("de", "d", "a", "du", "des", "au", "aux", "en") and toks.joinable(k) and (
            words[k] not in _PERSON_SUBJ and words[k] not in _PRENOMINAL_NOUNS and toks.joinable(k - 1)):
        k -= 2  # to the head of the noun phrase: « le prestataire d'aide à domicile refuse tout »
    p = words[k]
    if p in _PERSON_SUBJ or p in _PRENOMINAL_NOUNS or p in _KIN_SUBJECTS or p in _NOT_SUBJECT:
        return False
    return k > 0 and words[k - 1] in _SUBJECT_DETERMINERS and toks.joinable(k)


# (not « parle », « s'exprime »: « en parle sereinement », « s'exprime librement » tell how a subject is spoken of)
_ADDRESS_VERBS = _forms("""repond repondent repondu repondait reagit reagissent reagi reagissait adresse adressent
adressait accueille accueillent accueilli accueillait traite traitent traitait interpelle interpellent interpellait
comporte comportent comportait agit agissent agissait""")
_NOT_MANNER = _forms("""vraiment seulement rapidement lentement directement finalement recemment difficilement facilement
clairement correctement simplement totalement completement doucement longuement brievement rarement regulierement
spontanement oralement immediatement favorablement defavorablement positivement negativement personnellement
ponctuellement telephoniquement librement precisement exactement entierement egalement notamment actuellement
uniquement principalement essentiellement calmement normalement naturellement volontairement couramment
parfaitement suffisamment absolument franchement evidemment surtout""")


def _appraising_adverb(w: str, sensitive=frozenset()) -> bool:
    """Whether the folded adverb ``w`` (« sèchement », « violemment ») is built on an appraising adjective."""
    if w in _NOT_MANNER or len(w) < 8:
        return False
    if w in ("sechement", "vertement", "cavalierement", "grossierement", "brutalement", "froidement"):
        return True
    if w.endswith("emment"):
        base = w[:-6] + "ent"
    elif w.endswith("amment"):
        base = w[:-6] + "ant"
    else:
        base = w[:-4]
    if base in _NOT_APPRAISAL or base in _CLASSIFYING or base in _INTENSIFIERS or base in sensitive or (
            base.endswith(_RELATIONAL_SUFFIXES)):
        return False
    return _names.is_adjective(base, participles=False)


# the first words of every rule of ``_conduct_judgements`` (a cheap pre-filter)
_CONDUCT_TRIGGERS = (frozenset({"ne", "n", "aucun", "aucune", "encore", "toujours", "dans"}) | _TROUVER | _GEN_VERBS
                     | _TROP_VERBS | _PRENOMINAL | _INTENSIFIERS | _ATTR_COPULAS | _ADDRESS_VERBS)
_PREP_BEFORE_NAME_RE = re.compile(r"(?:\b(?:a|à|de|d|du|des|pour|chez|avec|par|aupres|auprès|sur|envers|contre)\s*['’]?\s*"
                                  r"(?:(?:Mme|Madame|M\.|Mr|Monsieur|Mlle)\s+)?)$", re.IGNORECASE)


def _conduct_judgements(toks: "_Toks", text: str, mentions, sensitive=frozenset()) -> list[_Match]:
    words = toks.words
    n = len(words)
    # a name ends a subject unless a preposition introduces it (« le logement proposé à Mme Colin est... »)
    ends = frozenset(m.end for m in mentions if not _PREP_BEFORE_NAME_RE.search(text, max(0, m.start - 20), m.start))
    out: list[_Match] = []
    e = _JUG_CONDUCT
    for i, w in enumerate(words):
        if w not in _CONDUCT_TRIGGERS:
            continue
        if w in ("ne", "n") and i + 2 < n and _person_before(toks, i, ends):
            k = i + 1
            refl = words[k] in ("se", "s")
            if refl:
                k += 1
            if k + 1 >= n:
                continue
            v, neg = words[k], words[k + 1]
            # « n'a pas su protéger », « n'ont jamais su poser de limites » (a failure judged; « ne sait pas
            # gérer les démarches en ligne » is a need, clean)
            if v in _NEG_AUX and neg in ("pas", "jamais") and k + 3 < n and words[k + 2] == "su":
                inf = k + 3
                if words[inf] in ("se", "s", "le", "la", "les", "l", "lui", "leur", "y", "en") and inf + 1 < n:
                    inf += 1
                if words[inf].endswith(("er", "ir", "re", "oir")) and words[inf] not in _SKILLS:
                    out.append(_Match(e, i, inf + 1, toks.start(i), toks.end(inf)))
                continue
            if v in _NEG_AUX and neg == "pas" and k + 3 < n and words[k + 2] in ("de", "d") and words[k + 3] in _FACULTIES:
                f = words[k + 3]  # « n'a pas de volonté », « n'avait pas d'autorité sur ses fils »
                after = " ".join(words[k + 4:k + 7])
                if not any(after.startswith(x) for x in _NOT_FACULTY_AFTER.get(f, ())):
                    out.append(_Match(e, i, k + 4, toks.start(i), toks.end(k + 3)))
                continue
            absolute = neg in _ABS_NEGATORS or (neg == "pas" and k + 2 < n and words[k + 2] in ("grand", "grande"))
            if v in _ABS_NEG_VERBS and not (refl and v in _REFLEXIVE_ONLY) and absolute:
                out.append(_Match(e, i, k + 2, toks.start(i), toks.end(k + 1)))
                continue
            if v in _ANY_NEG_VERBS and (refl or v not in _REFLEXIVE_ONLY) and (absolute or neg in ("pas", "plus")):
                out.append(_Match(e, i, k + 2, toks.start(i), toks.end(k + 1)))
                continue
            # « ne fait pas d'effort » (« ne fait pas de démarches en ligne » is a preference, clean)
            if v in ("fait", "font", "faisait") and neg == "pas" and k + 3 < n and words[k + 2] in ("d", "de") and (
                    words[k + 3] in ("effort", "efforts")):
                out.append(_Match(e, i, k + 4, toks.start(i), toks.end(k + 3)))
            continue
        # an appraisal in apposition to a name: « Mme Fleury, très investie, ... », « M. Roux, peu motivé »
        if w in _INTENSIFIERS and w not in ("si", "fort") and i > 0 and toks.end(i - 1) in ends and (
                toks.gaps[i].strip() == ",") and i + 1 < n and toks.joinable(i + 1) and (
                _evaluative(toks, text, i + 1, participle=True)) and not _prenominal_of_thing(toks, i + 1):
            # (« Mme Brun, très bons résultats aux tests »: the adjective appraises the results)
            out.append(_Match(e, i, i + 2, toks.start(i), toks.end(i + 1)))
            continue
        # « un brave homme », « une drôle de femme », « la pauvre femme », « un vrai gamin »
        if w in _PRENOMINAL and i > 0 and words[i - 1] in ("un", "une", "la", "le", "l", "des", "ce", "cette", "quel",
                                                            "quelle", "vraiment", "est") and i + 1 < n:
            k = i + 1 + (1 if w == "drole" and words[i + 1] in ("de", "d") and i + 2 < n else 0)
            if k < n and words[k] in _PRENOMINAL_NOUNS and not (w == "drole" and k == i + 1) and not (
                    w.startswith("vrai") and words[k] in _KIN_NOUNS):  # « la vraie mère » is kinship
                out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
            continue
        # a bare attribute of character after a copula: « Madame est capricieuse », « il reste méfiant »
        if w in _ATTR_COPULAS and i > 0 and i + 1 < n and (_person_before(toks, i, ends) or words[i - 1] == "il") and (
                words[i - 1] not in ("c", "ce", "ca", "cela", "qui")):
            k = i + 1
            while k + 1 < n and words[k] in ("parfois", "souvent", "toujours", "globalement", "generalement", "encore",
                                             "vraiment", "franchement", "visiblement", "decidement"):
                k += 1
            if tuple(words[k:k + 4]) == ("de", "plus", "en", "plus") and k + 4 < n:
                # « est de plus en plus replié sur lui-même »: a change told as a trait
                if _evaluative(toks, text, k + 4, participle=True, sensitive=sensitive):
                    out.append(_Match(e, i, k + 5, toks.start(i), toks.end(k + 4)))
                continue
            a = words[k]
            nxt = words[k + 1] if k + 1 < n else ""
            brk = k + 1 >= n or bool(_CLAUSE_BREAK_RE.search(toks.gaps[k + 1]))
            if (a.endswith(_ATTR_SUFFIXES) and a not in _ATTR_STOP and toks.joinable(k)
                    and (brk or nxt not in ("de", "d", "a", "au", "aux", "du", "des", "pour", "en", "sur", "que", "qu"))
                    and _evaluative(toks, text, k, participle=False, sensitive=sensitive)):
                out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
                continue
        # the manner of the person's address, judged by an adverb: « répond sèchement », « parle grossièrement
        # aux agents », « réagit violemment » (« répond positivement à la proposition » is an answer)
        if w in _ADDRESS_VERBS and i > 0 and words[i - 1] not in _NOT_SUBJECT:
            for k in range(i + 1, min(n, i + 4)):
                if k > i + 1 and toks.gaps[k].strip() and _CLAUSE_BREAK_RE.search(toks.gaps[k]):
                    break
                if words[k].endswith("ment") and _appraising_adverb(words[k], sensitive):
                    out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
                    break
        # « aucune autorité », « n'a aucune notion de ... », « sans aucun scrupule »
        if w in ("aucun", "aucune") and i + 1 < n and toks.joinable(i + 1):
            k = i + 1
            if words[k] in ("de", "d") and k + 1 < n:  # « aucun de ses engagements » is the verb rule's
                continue
            f = words[k]
            if f in _FACULTIES:
                after = " ".join(words[k + 1:k + 4])
                if any(after.startswith(x) for x in _NOT_FACULTY_AFTER.get(f, ())):
                    continue
                out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
            continue
        # a generalisation of a conduct: « exige toujours plus », « dramatise tout »,
        # « refuse systématiquement », « se plaint sans arrêt », « rejette tout sur la mère »
        if w in _TROP_VERBS and w not in _GEN_VERBS and i > 0 and i + 1 < n and words[i + 1] == "trop" and (
                words[i - 1] not in _NOT_SUBJECT) and (i + 2 >= n or _CLAUSE_BREAK_RE.search(toks.gaps[i + 2])):
            out.append(_Match(e, i, i + 2, toks.start(i), toks.end(i + 1)))
            continue
        if w in _GEN_VERBS and i + 1 < n and toks.joinable(i + 1) and i > 0:
            if words[i - 1] in _NOT_SUBJECT or (words[i - 1] in ("la", "le", "les", "l", "une", "un", "des", "de", "d")):
                continue  # « je refuse », « la critique »: not the person's conduct
            k = i + 1
            if words[k] in ("tout", "tous", "toutes"):
                nxt = words[k + 1] if k + 1 < n else ""
                brk = k + 1 >= n or (toks.gaps[k + 1].strip() and _CLAUSE_BREAK_RE.search(toks.gaps[k + 1]))
                if brk or nxt in _AFTER_TOUT:
                    out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
                continue
            if words[k] == "trop" and (k + 1 >= n or _CLAUSE_BREAK_RE.search(toks.gaps[k + 1])):
                out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))  # « parle trop. »
                continue
            # the generaliser right after the verb or a few words on, in the same clause
            # (« coupe la parole sans cesse », « oublie systématiquement ses rendez-vous »)
            for k in range(i + 1, min(n, i + 5)):
                if k > i + 1 and toks.gaps[k].strip() and _CLAUSE_BREAK_RE.search(toks.gaps[k]):
                    break
                L = 1 if words[k] in _GENERALISERS else next(
                    (len(p) for p in _GEN_PHRASES if tuple(words[k:k + len(p)]) == p), 0)
                if L:
                    out.append(_Match(e, i, k + L, toks.start(i), toks.end(k + L - 1)))
                    break
            continue
        # « a encore oublié », « a encore tout gâché »
        if w == "encore" and i > 0 and words[i - 1] in ("a", "ont") and i + 1 < n:
            k = i + 1 + (1 if words[i + 1] == "tout" and i + 2 < n else 0)
            if words[k] in _FAILURES:
                out.append(_Match(e, i - 1, k + 1, toks.start(i - 1), toks.end(k)))
            continue
        # « toujours une excuse », « a toujours une bonne raison », « toujours des prétextes »
        if w == "toujours" and i + 2 < n and words[i + 1] in ("une", "un", "des", "de", "d"):
            k = i + 2 + (1 if words[i + 2] in ("bonne", "bonnes") and i + 3 < n else 0)
            if words[k] in _EXCUSES and (words[k] not in ("raison", "raisons") or words[k - 1] in ("bonne", "bonnes")):
                out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
            continue
        # « est toujours dans la revendication », « reste dans le conflit », « dans la toute-puissance »
        if w == "dans" and i + 2 < n and words[i + 1] in ("la", "le", "l", "une", "un") and i > 0 and (
                words[i - 1] in ("toujours", "encore", "est", "reste", "sont", "restent", "etait", "constamment",
                                 "souvent", "beaucoup", "tres", "trop", "situe", "place", "positionne", "installe")):
            k = i + 2
            if k + 1 < n and words[k] == "toute" and words[k + 1] == "puissance":
                out.append(_Match(e, i, k + 2, toks.start(i), toks.end(k + 1)))
            elif words[k] in _ATT_NOUNS:
                out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
            continue
        # the writer's impression of the person: « je la trouve plus posée », « j'ai trouvé Mme X très
        # négligée », « je l'ai trouvé plus à l'aise »
        if w in _TROUVER and i > 0 and any(x in ("j", "je", "on", "nous") for x in words[max(0, i - 4):i]):
            k = i + 1
            if k < n and words[k] in ("madame", "monsieur", "mme", "m", "mr", "mlle"):
                k += 1
            while k < n and any(m.start <= toks.start(k) < m.end for m in mentions):
                k += 1  # over the name of the person found so
            inten = False
            if tuple(words[k:k + 4]) == ("de", "plus", "en", "plus") and k + 4 < n:
                inten, k = True, k + 4  # « je la trouve de plus en plus renfermée »
            while k + 1 < n and (words[k] in _INTENSIFIERS or words[k] in _COMPARATIVES) and k - i < 6:
                inten = True  # « bien plus sereine »
                k += 1
            if k < n and (_evaluative(toks, text, k, participle=inten) or (
                    inten and words[k] in ("a", "en") and k + 1 < n and words[k + 1] in ("l", "la", "le"))):
                out.append(_Match(e, i, k + 1, toks.start(i), toks.end(k)))
    return out


_SPLIT_WORDS_RE = re.compile(r"(\w+)")
# (no leading look-behinds: ``re`` scans fast on a first-character set)
_STRONG_RE = re.compile(r"[.;!?\n]|:\s")
# a full stop after "M", "Dr"... is not the end of a sentence
_ABBREV_END_RE = re.compile(r"(?:^|\W)(?:m|mm|mr|dr|me|st|av|bd|no|pr|cf)$")
# what ends the scope of a negation: punctuation, brackets, quotes, a conjunction
_CLAUSE_BREAK_RE = re.compile(r"[,:()«»\".;!?\n]")
_CONJUNCTIONS = frozenset({"mais", "et", "car", "donc", "puis", "qui", "que", "qu", "ou", "alors"})
# a marker ending with one of these opens a completive clause: the guess that follows
_COMPLETIVE = frozenset({"que", "qu", "si"})


class _Toks:
    """Words of a folded note, the gaps between them and their offsets (one ``re.split``);
    clause numbers are computed only when needed."""

    __slots__ = ("folded", "words", "gaps", "offsets", "_strong", "_starts")

    def __init__(self, folded: str):
        self.folded = folded
        parts = _SPLIT_WORDS_RE.split(folded)  # gap, word, gap, word, ..., gap
        self.words: list[str] = parts[1::2]
        self.gaps: list[str] = parts[0::2]  # gaps[k] comes just before words[k]
        self.offsets = list(accumulate(map(len, parts)))  # word k: offsets[2k] .. offsets[2k+1]
        self._strong: list[int] | None = None
        self._starts: list[int] | None = None

    def start(self, k: int) -> int:
        return self.offsets[2 * k]

    def end(self, k: int) -> int:
        return self.offsets[2 * k + 1]

    def joinable(self, k: int) -> bool:
        """Whether word k follows word k-1 within one expression (spaces, ' or - only)."""
        gap = self.gaps[k]
        return gap == " " or (k > 0 and bool(_JOIN_RE.match(gap)))

    def _strong_breaks(self) -> list[int]:
        if self._strong is None:
            f = self.folded
            self._strong = [
                p for p in (m.start() for m in _STRONG_RE.finditer(f))
                if f[p] != "." or not _ABBREV_END_RE.search(f, max(0, p - 4), p)
            ]
        return self._strong

    def clause_bounds(self, k: int) -> tuple[int, int]:
        """Word indices [lo, hi) of the clause holding word k."""
        strong = self._strong_breaks()
        c = bisect_right(strong, self.offsets[2 * k])
        if self._starts is None:
            self._starts = self.offsets[0::2]
        starts = self._starts
        lo = bisect_right(starts, strong[c - 1]) if c > 0 else 0
        hi = bisect_right(starts, strong[c]) if c < len(strong) else len(self.words)
        return lo, hi

    def clause(self, k: int) -> int:
        """Number of the sentence-like clause (split on . ; ! ? : and new lines) of word k."""
        return bisect_right(self._strong_breaks(), self.offsets[2 * k])

    def has_form(self, by_first: dict, lo: int, hi: int) -> bool:
        """Whether any form of ``by_first`` (first word -> forms) occurs in words [lo, hi)."""
        words = self.words
        for k in range(max(lo, 0), hi):
            forms = by_first.get(words[k])
            if not forms:
                continue
            for form in forms:
                n = len(form)
                if k + n <= hi and all(words[k + x] == form[x] and self.joinable(k + x) for x in range(1, n)):
                    return True
        return False


def _by_first(forms) -> dict:
    d: dict[str, list[tuple[str, ...]]] = {}
    for f in forms:
        d.setdefault(f[0], []).append(f)
    return d


def _hedge(words: list[str], k: int) -> bool:
    """« sans doute », « sans aucun doute », « nul doute », « aucun doute », « pas de doute »: a likelihood or a
    certainty, not a negation."""
    nxt = words[k + 1:k + 3]
    return words[k] in {"sans", "nul", "pas", "aucun"} and (nxt[:1] == ["doute"] or nxt in (["aucun", "doute"], ["de", "doute"]))


class TextAnalyser:
    """Flags subjective, sensitive and identifying content in French notes.

    ``lexicon``: a :class:`Lexicon` (see :func:`auditor.text.default_lexicon_paths`).
    ``use_ner``: run spaCy NER on sentences holding unexplained capitalised words;
    without it, names are found by rules only (titles, kinship words).
    """

    def __init__(self, lexicon: Lexicon, use_ner: bool = True):
        self.lexicon = lexicon
        self.use_ner = use_ner
        known: set[str] = set()
        for e in lexicon:
            for f in e.forms:
                known.update(f)
        self._known = frozenset(known)
        # one-word terms of the sensitive categories: "pratiquante" is religion, not an appraisal
        self._sensitive_words = frozenset(
            f[0] for e in lexicon if e.category in SENSITIVE for f in e.forms if len(f) == 1)
        # demonyms classify, never appraise (« jeune guinéen », « une famille malienne »): the
        # nationalities the origin lexicon lists after « d'origine », with their plurals
        demonyms = {f[-1] for e in lexicon if e.category == "origin" for f in e.forms
                    if len(f) == 3 and f[:2] == ("d", "origine")}
        self._sensitive_words |= frozenset(demonyms | {d + "s" for d in demonyms if not d.endswith("s")})
        # one-word health terms that need no context: the stems of « hémo-dialyse », « poly-handicap »
        self._health_words = frozenset(
            f[0] for e in lexicon if e.category == "health" and not (e.require_before or e.require_after)
            for f in e.forms if len(f) == 1)
        # stems of diseases' names: their derived adjectives are health too (« drépanocytose » ->
        # « drépanocytaire », « parkinson » -> « parkinsonien », « cancer » -> « cancéreux »)
        stems = set()
        for t in self._health_words:
            if len(t) >= 6 and t[-1] not in "aeiouy":
                stems.add(t)  # « parkinson » -> « parkinsonien », « cancer » -> « cancéreux »
            for suf in _DISEASE_ENDINGS:
                if t.endswith(suf) and len(t) - len(suf) >= 6:
                    stems.add(t[:len(t) - len(suf)])
        self._disease_stems = frozenset(stems)
        self._ctx = {
            e.id: tuple(_by_first(getattr(e, k)) for k in
                        ("exclude_before", "exclude_after", "require_before", "require_after", "exclude_clause"))
            for e in lexicon
        }
        # negative words among an entry's exclusions before it (« sans », « aucun », « pas de ») are a
        # negation: they reach no further than a comma, like convention 1's (« sans permis, TIG »)
        self._neg_before = {
            e.id: _by_first(f for f in e.exclude_before if f[0] in _NEGATORS) for e in lexicon}
        ids = {e.id for e in lexicon}
        # the rules of form follow the entries they extend: a policy that removes
        # "hyp.faible" or "jug.*" removes them too
        self._conditional = "hyp.faible" in ids
        self._appraisal = any(i.startswith("jug.") for i in ids)
        self._morphology = "sante.maladie" in ids
        for e in (_CND_WEAK, _JUG_APPRAISAL, _HEALTH_MORPH, _HEALTH_CTX, _JUG_CONDUCT, _HEALTH_FORM):
            self._ctx.setdefault(e.id, ((), (), (), (), ()))

    # ------------------------------------------------------------------ API

    def analyse(self, text: str) -> list[Flag]:
        """Flags of one note, sorted by position; no two flags of one category overlap."""
        return next(self.analyse_many([text]))

    def analyse_many(self, texts: Iterable[str], batch_size: int = 512) -> Iterator[list[Flag]]:
        """Flags of each note, in order. Notes are processed in batches; NER (if any)
        runs once per batch through ``nlp.pipe`` on the few sentences that need it."""
        for batch in _batches(texts, batch_size):
            for a in self._analyse_batch(batch):
                yield a.flags

    def redact(self, text: str, extra_values: Iterable[str] = ()) -> str:
        """``text`` with names, identifiers, contact data, addresses and birth dates
        replaced by typed placeholders ([NOM], [NIR], [TÉLÉPHONE], [E-MAIL], [IBAN],
        [ADRESSE], [N° ALLOCATAIRE], [LIEU], [DATE]). ``extra_values`` (known values
        of the person: name, phone...) are replaced wherever they occur."""
        a = self._analyse_batch([text])[0]
        return _apply(text, self._redaction_spans(a, extra_values))

    def excerpt(self, text: str, flag: Flag, width: int = 60, extra_values: Iterable[str] = ()) -> str:
        """A redacted excerpt around ``flag``: about ``width`` characters each side.

        The flagged words are kept, unless the flag is itself an identifier or a
        third-party name, which are replaced like everything else."""
        a = self._analyse_batch([text])[0]
        keep = None if flag.category in ("identifier", "third_party") else (flag.start, flag.end)
        spans = self._redaction_spans(a, extra_values, keep)
        lo = max(0, flag.start - width)
        hi = min(len(text), flag.end + width)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        for s, e, _ in spans:  # never cut a redacted span in two
            if s < lo < e:
                lo = s
            if s < hi < e:
                hi = e
        inner = [(s - lo, e - lo, p) for s, e, p in spans if s >= lo and e <= hi]
        out = _apply(text[lo:hi], inner).strip()
        return ("… " if lo > 0 else "") + out + (" …" if hi < len(text) else "")

    # ------------------------------------------------------------ internals

    def _analyse_batch(self, texts: Sequence[str]) -> list[_Analysis]:
        idents = [find_identifiers(t) for t in texts]
        toks = [_Toks(fold(t)) for t in texts]
        preps = [
            _names.prepare(t, self._known, [(s, e) for _, s, e in ids], tk.folded, tk.words)
            for t, ids, tk in zip(texts, idents, toks)
        ]
        labels: list[list[str]] = []
        cache = _names.NER_CACHE
        todo: list[tuple[int, list[int]]] = []  # (text index, candidates without a cached label)
        for k, p in enumerate(preps):
            labs = [cache.get(key, None) if self.use_ner else "" for key in p.keys]
            labels.append(labs)  # type: ignore[arg-type]
            missing = [i for i, lab in enumerate(labs) if lab is None]
            if missing:
                todo.append((k, missing))
        if todo:
            jobs = [(k, ws, we) for k, missing in todo for ws, we in preps[k].windows(missing)]
            ents: dict[int, list[tuple[int, int, str]]] = {}
            nlp = _names.get_nlp()
            for (k, ws, _), doc in zip(jobs, nlp.pipe((texts[k][ws:we] for k, ws, we in jobs), batch_size=256)):
                ents.setdefault(k, []).extend((ws + e.start_char, ws + e.end_char, e.label_) for e in doc.ents)
            if len(cache) > _names.NER_CACHE_MAX:
                cache.clear()
            for k, missing in todo:
                found = _names.label_candidates(preps[k], ents.get(k, []))
                for i in missing:
                    labels[k][i] = found[i]
                    cache[preps[k].keys[i]] = found[i]
        out = []
        for t, p, labs, ids, tk in zip(texts, preps, labels, idents, toks):
            mentions, others = _names.finish(p, labs)
            # a capitalised common word is redacted only when NER calls it a name or place
            hard = [c for i, c in enumerate(p.candidates) if i not in p.soft] if p.soft else p.candidates
            out.append(self._analyse_one(t, mentions, others, hard, ids, tk))
        return out

    def _analyse_one(self, text, mentions, others, candidates, idents, toks=None) -> _Analysis:
        flags: list[Flag] = []
        for kind, s, e in idents:
            if kind == "phone" and _reference_number(text, s):
                continue  # still redacted, but no phone number: « facture n° 0612345678 »
            flags.append(Flag("identifier", s, e, f"id.{kind}", _ID_SUGGESTIONS[kind]))
        lex = self._lexicon_flags(text, mentions, toks)
        if lex:
            lex = _drop_word_collisions(text, toks if toks is not None else _Toks(fold(text)), lex)
        # a capitalised term of a sensitive category ("sous Ritaline") is that term, not a
        # name, unless a title or a relation word introduced it
        terms = {(f.start, f.end) for f in lex if f.category in SENSITIVE}
        # nor is a word inside a longer health term (« maladie de Parkinson »)
        inside = [(f.start, f.end) for f in lex if f.category == "health"]
        for m in mentions:
            if not m.accompanied and not any(s <= m.start and m.end <= e for _, s, e in idents) and not (
                    not m.title and not m.relative and (m.start, m.end) in terms) and not (
                    not m.title and any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end)
                                        for s, e in inside)):
                flags.append(Flag("third_party", m.start, m.end, "name", _THIRD_SUGGESTION))
        flags.extend(lex)
        if self._morphology:
            flags = _ambiguous_symptoms(flags, text, lex)
            flags = _workplace_settings(flags, text)
        return _Analysis(text, _join_near(_dedupe(flags), text), mentions, others, candidates, idents)

    def _lexicon_flags(self, text: str, mentions, toks: "_Toks | None" = None) -> list[Flag]:
        if toks is None:
            toks = _Toks(fold(text))
        words = toks.words
        index = self.lexicon.index
        index2 = self.lexicon.index2
        matches: list[_Match] = []
        n = len(words)
        # candidate positions: a one-word form, or the first two words of a longer one
        hits = [i for i, w in enumerate(words) if w in index]
        hits2 = [i for i, pair in enumerate(zip(words, words[1:])) if pair in index2]
        if hits2:
            hits = sorted(set(hits).union(hits2))
        for i in hits:
            w = words[i]
            cands = index.get(w)
            if i + 1 < n:
                more = index2.get((w, words[i + 1]))
                if more and toks.joinable(i + 1):
                    cands = more + cands if cands else more
            if not cands:
                continue
            best: dict[str, int] = {}
            for form, entry in cands:
                L = len(form)
                if i + L > n or best.get(entry.category, 0) > L:
                    continue
                if L > 1 and not all(words[i + x] == form[x] and toks.joinable(i + x) for x in range(1, L)):
                    continue
                if form[:2] == ("a", "du") and text[toks.start(i)] in "àÀ":
                    continue  # "à du" is not "a dû": folding hides the accent
                if L == 1 and w in _ACRONYM_WORDS and not text[toks.start(i):toks.end(i)].isupper():
                    continue  # « qu'il ait menti », « son âme »: not the acronyms AIT, AME
                best[entry.category] = L
                matches.append(_Match(entry, i, i + L, toks.start(i), toks.end(i + L - 1)))
        if self._conditional:
            matches.extend(self._conditional_matches(toks))
        if self._morphology:
            matches.extend(self._morphology_matches(toks, text))
            matches.extend(self._health_context_matches(toks, text))
            matches.extend(self._health_form_matches(toks, text))
        if self._appraisal:
            matches.extend(self._appraisal_matches(toks, mentions, text))
            matches.extend(_conduct_judgements(toks, text, mentions, self._sensitive_words))
        # a conduct judged needs the person as subject (« le bailleur refuse tout aménagement » is no judgement)
        matches = [m for m in matches
                   if m.entry.id not in _CONDUCT_IDS or not _other_subject(toks, text, m.i, mentions)]
        # a capitalised word inside a person's name is the name (« M. Courtois », « Mme Lenoir »,
        # « Loïc Courtois »: after a given name, convention 18), no term
        if mentions:
            # (an acronym in capitals after a title is a term typed so: « Mme HTA, obésité »)
            matches = [m for m in matches if not (text[m.start].isupper() and not text[m.start:m.end].isupper() and any(
                (mt.title and _TITLE_BEFORE_RE.search(text, max(0, mt.start - 12), m.start) or mt.start < m.start)
                and mt.start <= m.start and m.end <= mt.end for mt in mentions))]
        if not matches and "«" not in text and '"' not in text and "“" not in text:
            return []
        quotes = _quotes(text)
        gender = _subject_gender(text, mentions) if any(m.entry.subject for m in matches) else ""
        kept = [m for m in matches if self._context_ok(m, toks, quotes, gender)]
        if self._appraisal:
            kept += self._coordinated(toks, text, [m for m in kept if m.entry.category == "judgement"])
        flags: list[Flag] = []
        # hypothesis resolution: weak markers need a sensitive/judgement/conduct term
        # after them in the clause; conduct terms need a marker in their clause.
        strong = [m for m in kept if m.entry.category == "hypothesis" and not m.entry.weak]
        weak = [m for m in kept if m.entry.category == "hypothesis" and m.entry.weak]
        conduct = [m for m in kept if m.entry.category == CONDUCT]
        content = [m for m in kept if m.entry.category in SENSITIVE or m.entry.category == "judgement"]
        for m in kept:
            if m.entry.category in ("hypothesis", CONDUCT):
                continue
            flags.append(Flag(m.entry.category, m.start, m.end, m.entry.id, m.entry.suggestion))
        markers = list(strong)
        # a strong marker set aside because its clause names an administrative thing (« date »,
        # « dossier ») still marks a guess when a suspected conduct or a judgement of the person is in
        # its completive clause (« il est probable que Madame vive en couple depuis la date de séparation »)
        judged = [m for m in content if m.entry.category == "judgement"] + conduct
        if judged:
            kept_ids = {id(m) for m in kept}
            for m in matches:
                if (m.entry.category != "hypothesis" or m.entry.weak or id(m) in kept_ids
                        or words[m.j - 1] not in _COMPLETIVE
                        or not self._context_ok(m, toks, quotes, gender, clause_exclusions=False)):
                    continue
                last = self._completive_end(toks, m.j)
                if any(m.j <= c.i <= last for c in judged):
                    markers.append(m)
        for w in weak:
            if _own_plan(words, w.i):
                continue
            clause = toks.clause(w.i)
            if any(w.j <= c.i <= w.j + 6 and toks.clause(c.i) == clause for c in content + conduct):
                markers.append(w)
        for m in markers:
            end = m.end
            if words[m.j - 1] in _COMPLETIVE and not m.entry.weak:
                # "il est possible qu'il vive en couple": the guess is the whole
                # completive clause, not only its opening words
                last = self._completive_end(toks, m.j)
                if _future_clause(words, m.j, last + 1) and not any(m.j <= c.i <= last for c in content + conduct):
                    continue  # a forecast ("je pense que Madame pourra reprendre le travail"), no guess on the person
                if _thing_subject(toks, m.j) and not any(m.j <= c.i <= last for c in content + conduct):
                    continue  # a guess about a thing (« il semblerait que le logement soit insalubre »)
                end = toks.end(last)
            flags.append(Flag("hypothesis", m.start, end, m.entry.id, m.entry.suggestion))
        for c in conduct:
            clause = toks.clause(c.i)
            if any(toks.clause(mk.i) == clause for mk in markers) or (
                    self._conditional and any(words[x].endswith(("rait", "raient")) for x in range(c.i, c.j))):
                # (a conduct in the conditional mood, « sous-louerait », « découcherait », is a guess on its own)
                # right after its marker ("semble boire", "doit être hébergée"), the conduct
                # extends the marker's flag: one guess, one flag
                near = [k for k, f in enumerate(flags) if f.category == "hypothesis" and 0 <= c.start - f.end <= 12
                        and fold(text[f.end:c.start]).strip(" '’") in ("", "etre", "avoir", "se", "s")]
                if not near:
                    # a few words of the same clause between the marker and the conduct (« aurait un
                    # compagnon non déclaré », « laisserait les enfants seuls le soir »): still one guess
                    near = [k for k, f in enumerate(flags) if f.category == "hypothesis" and 0 <= c.start - f.end <= 40
                            and not _CLAUSE_BREAK_RE.search(text[f.end:c.start])]
                if near:
                    f = flags[near[-1]]
                    flags[near[-1]] = Flag(f.category, f.start, c.end, f.rule, f.suggestion)
                else:
                    flags.append(Flag("hypothesis", c.start, c.end, c.entry.id, c.entry.suggestion))
        if self._conditional:
            # a sensitive term, a judgement or a suspected conduct closed by a question mark a few words on
            # (« Problème d'alcool ? », « Vit en couple ? », « violences ? à creuser »): a guess, not a fact
            for c in content + conduct:
                q = _QUESTION_AFTER_RE.match(text, c.end)
                if q:
                    lo = max((text.rfind(x, 0, c.start) for x in ".;!?\n"), default=-1) + 1
                    if _REAL_QUESTION_RE.search(text, lo, q.end()):
                        continue  # a question put to someone (« Mme a-t-elle droit à l'AAH ? »), no guess
                if q and not any(f.category == "hypothesis" and f.start <= c.start < f.end for f in flags):
                    flags.append(Flag("hypothesis", c.start, q.end(), "hyp.question", _QUESTION_SUGGESTION))
        # an appraisal whose adjective is a health term is that term (« Enfant autistique »)
        health = [(f.start, f.end) for f in flags if f.category == "health"]
        if health:
            flags = [f for f in flags if f.rule != _JUG_APPRAISAL.id or not any(
                hs < f.end <= he for hs, he in health)]
        # scare quotes around a few words: doubt cast on the person's words
        for qs, qe, nwords, colon in quotes:
            inner = text[qs:qe].strip("«»\"“” ")
            if nwords <= 3 and not colon and not any(ch.isdigit() for ch in inner) and not all(
                w[:1].isupper() for w in inner.split()  # a quoted name or title is not doubt
            ) and not _named_by_quote(text, qs):
                flags.append(Flag("judgement", qs, qe, "jug.guillemets", _QUOTE_SUGGESTION))
        return flags

    @staticmethod
    def _completive_end(toks: _Toks, j: int) -> int:
        """Last word of the completive clause opened at word ``j`` ("que X fait Y"):
        up to a clause break (punctuation, brackets) or a coordinating conjunction,
        at most 10 words."""
        words, gaps = toks.words, toks.gaps
        k = j
        last = j - 1
        while k < len(words) and k - j < 10:
            gap = gaps[k]
            title_dot = gap.startswith(". ") and words[k - 1] in ("m", "mm", "mr", "dr", "me", "pr")  # "que M. Roux..."
            if k > j and not title_dot and (
                    (gap != " " and _CLAUSE_BREAK_RE.search(gap)) or words[k] in ("mais", "car", "donc", "puis")):
                break
            last = k
            k += 1
        return last

    @staticmethod
    def _health_context_matches(toks: _Toks, text: str) -> list[_Match]:
        """A condition introduced by its verb (see ``_HEALTH_VERBS``)."""
        out = []
        words = toks.words
        n = len(words)
        for i, w in enumerate(words):
            if w not in _HEALTH_VERBS or i + 2 >= n:
                continue
            nxt = _HEALTH_VERB_NEXT[_CTX_STEM[w]]
            k = i + 1
            if words[k] not in nxt:
                if _CTX_STEM[w] != "diagnostique" or not text[toks.start(k):toks.end(k)].isupper():
                    continue
                k -= 1  # « diagnostiqué TSA »: an acronym right after
            k += 1
            while k < n and words[k] in _CTX_DETERMINERS and toks.joinable(k):
                k += 1
            if k >= n or not toks.joinable(k) or words[k] in _NOT_CONDITIONS or len(words[k]) < 3:
                continue
            out.append(_Match(_HEALTH_CTX, i, k + 1, toks.start(i), toks.end(k)))
        return out

    @staticmethod
    def _health_form_matches(toks: _Toks, text: str) -> list[_Match]:
        """Health told by its form (see ``_HEALTH_FORM``): a symptom or an injury with a part
        of the body or a clinical qualifier, « X pathologique », « sous » + a drug's suffix,
        a follow-up or consultation of a medical specialty (« suivi gynécologique »), a weight
        lost or gained in kilos."""
        out = []
        words = toks.words
        n = len(words)
        for i, w in enumerate(words):
            if w in _SYMPTOM_NOUNS or w in _BODY_ONLY_NOUNS:
                k = i + 1
                while k < n and k - i <= 4 and toks.joinable(k) and words[k] in _FORM_LINKS and (
                        words[k] not in ("a", "l") or k + 1 < n):
                    k += 1
                if k < n and toks.joinable(k) and k - i <= 4:
                    q = words[k]
                    if q == "non" and k + 1 < n and words[k + 1] in _UNTREATED and w in _SYMPTOM_NOUNS:
                        k += 1
                    elif not (q in _BODY_PARTS or q in _ANATOMIC or q in _CLINICAL):
                        continue
                    if w in _BODY_ONLY_NOUNS and not (q in _BODY_PARTS or q in _ANATOMIC):
                        continue
                    if w in ("mal", "maux") and words[i + 1] not in ("de", "d", "au", "aux", "a"):
                        continue
                    out.append(_Match(_HEALTH_FORM, i, k + 1, toks.start(i), toks.end(k)))
            elif w in _BODY_PARTS and i + 1 < n and toks.joinable(i + 1) and words[i + 1] in _INJURED:
                out.append(_Match(_HEALTH_FORM, i, i + 2, toks.start(i), toks.end(i + 1)))
            elif w in ("pathologique", "pathologiques") and i > 0 and toks.joinable(i):
                out.append(_Match(_HEALTH_FORM, i - 1, i + 1, toks.start(i - 1), toks.end(i)))
            elif w == "sous" and i + 1 < n and toks.joinable(i + 1) and len(words[i + 1]) >= 6 and (
                    words[i + 1].endswith(_DRUG_SUFFIXES)):
                out.append(_Match(_HEALTH_FORM, i, i + 2, toks.start(i), toks.end(i + 1)))
            elif w in _FOLLOW_NOUNS and i + 1 < n and toks.joinable(i + 1) and (
                    words[i + 1].endswith(("ologique", "ologiques", "iatrique", "iatriques", "opedique"))
                    and words[i + 1] not in _NOT_MED_OLOGIQUE):
                out.append(_Match(_HEALTH_FORM, i, i + 2, toks.start(i), toks.end(i + 1)))
            elif w.isdigit() and i + 1 < n and words[i + 1] == "sa" and toks.joinable(i + 1) and (
                    text[toks.start(i + 1):toks.end(i + 1)] == "SA"):
                # a term in weeks of amenorrhoea (« 37 SA »): a pregnancy
                out.append(_Match(_HEALTH_FORM, i, i + 2, toks.start(i), toks.end(i + 1)))
            elif w in ("perdu", "pris") and i + 2 < n and words[i + 1].isdigit() and words[i + 2] in _WEIGHT_UNITS and (
                    toks.joinable(i + 2)):
                out.append(_Match(_HEALTH_FORM, i, i + 3, toks.start(i), toks.end(i + 2)))
            elif w in ("perte", "prise") and i + 3 < n and words[i + 1] == "de" and words[i + 2].isdigit() and (
                    words[i + 3] in _WEIGHT_UNITS) and toks.joinable(i + 3):
                out.append(_Match(_HEALTH_FORM, i, i + 4, toks.start(i), toks.end(i + 3)))
        return out

    def _morphology_matches(self, toks: _Toks, text: str) -> list[_Match]:
        """Words built on a medical suffix (see ``_MED_SUFFIXES``) that no entry lists."""
        out = []
        words = toks.words
        known = self._known
        firsts = _names.first_names()
        for i, w in enumerate(words):
            if i >= 2 and w.endswith(_CARE_SUFFIXES) and w not in _CARE_STOP and w not in known:
                p1, p2 = words[i - 1], words[i - 2]
                if (p1 == "en" and p2 in _CARE_BEFORE_EN) or (p1 in ("de", "d") and p2 in _CARE_BEFORE_DE) or (
                        p1 in ("un", "une", "le", "la", "l", "son", "sa", "ses", "les") and p2 in _CARE_BEFORE_PRO
                        and (p2 != "par" or (i >= 3 and words[i - 3] in _CARE_BEFORE_EN))):
                    out.append(_Match(_HEALTH_MORPH, i - 2, i + 1, toks.start(i - 2), toks.end(i)))
                    continue
            if len(w) >= 8 and w not in known and w.startswith(_MED_PREFIXES):
                stem = next((w[len(p):] for p in _MED_PREFIXES if w.startswith(p) and w[len(p):] in self._health_words),
                            None)
                if stem and len(stem) >= 5:
                    out.append(_Match(_HEALTH_MORPH, i, i + 1, toks.start(i), toks.end(i)))
                    continue
            if len(w) >= 9 and w not in known and w.endswith(_DERIVED_ENDINGS) and w not in _MED_STOP:
                if any(w.endswith(x) and w[:len(w) - len(x)] in self._disease_stems for x in _DERIVED_ENDINGS) and not (
                        text[toks.start(i)].isupper() and i > 0 and not _CLAUSE_BREAK_RE.search(toks.gaps[i])):
                    out.append(_Match(_HEALTH_MORPH, i, i + 1, toks.start(i), toks.end(i)))
                    continue
            if len(w) < _MED_MIN_LEN or not w.endswith(_MED_SUFFIXES) or w in _MED_STOP or w in known:
                continue
            if w.endswith(_MED_NOUN_ONLY):
                qualified = i + 1 < len(words) and toks.joinable(i + 1) and (
                    words[i + 1] in _CLINICAL or words[i + 1] in _ANATOMIC or words[i + 1] in _DIAGNOSED)
                # a disease's name in brackets is a noun too (« amputé (artérite) »)
                bracketed = i > 0 and toks.gaps[i].rstrip().endswith("(")
                if len(w) < 7 or w.endswith(_MED_NOT_ITE) or (
                        not qualified and not bracketed and (i == 0 or words[i - 1] not in _MED_DETERMINERS)):
                    continue
                if w.endswith(("ite", "ites")):
                    # folding hides « -ité » (« nationalité », « mobilité »): the written word must end in « -ite »
                    raw = text[toks.start(i):toks.end(i)].lower()
                    if not raw.endswith(("ite", "ites")):
                        continue
            # a capitalised word mid-sentence is a name (« rue Marguerite »), a given name too
            if w in firsts or (text[toks.start(i)].isupper() and i > 0 and not _CLAUSE_BREAK_RE.search(toks.gaps[i])):
                if not text[toks.start(i):toks.end(i)].isupper():  # an acronym in capitals stays a word
                    continue
            out.append(_Match(_HEALTH_MORPH, i, i + 1, toks.start(i), toks.end(i)))
        return out

    @staticmethod
    def _conditional_matches(toks: _Toks) -> list[_Match]:
        out = []
        for i, w in enumerate(toks.words):
            if len(w) <= 5 or not (w.endswith("rait") or w.endswith("raient")) or w in _NOT_CND:
                continue
            stem = w[:-4] if w.endswith("rait") else w[:-6]
            if stem in _CND_NEUTRAL or stem.startswith(("souhaite", "voud", "aime", "prefere", "faud", "convien")):
                continue
            e = _CND_CONDUCT if any(stem.startswith(c) for c in _CONDUCT_STEMS) else _CND_WEAK
            out.append(_Match(e, i, i + 1, toks.start(i), toks.end(i)))
        return out

    def _appraisal_matches(self, toks: _Toks, mentions, text: str) -> list[_Match]:
        sensitive = self._sensitive_words
        words = toks.words
        n = len(words)
        out = []
        ends = {m.end for m in mentions if m.accompanied}
        for i, w in enumerate(words):
            j = None
            if w in _INTENSIFIERS and i + 1 < n and toks.gaps[i + 1] == "-":
                continue  # a compound noun, no intensifier: « trop-perçu », « trop-plein »
            if w in ("un", "une") and i + 2 < n and words[i + 1] in _PERSON_NOUNS and toks.joinable(i + 1) and (
                    toks.joinable(i + 2)):
                # a person described by an adjective: « un homme fruste », « une mère fusionnelle »,
                # « une personne lunatique » (adjectives of state, number or classification excluded)
                if _evaluative(toks, text, i + 2, participle=False, sensitive=sensitive):
                    out.append(_Match(_JUG_APPRAISAL, i + 1, i + 3, toks.start(i + 1), toks.end(i + 2)))
                continue
            if w == "quelqu" and i + 3 < n and words[i + 1] == "un" and words[i + 2] == "de":
                # « quelqu'un de très fermé », « quelqu'un de méfiant »
                k = i + 3 + (1 if words[i + 3] in _INTENSIFIERS and i + 4 < n else 0)
                if _evaluative(toks, text, k, participle=True, sensitive=sensitive):
                    out.append(_Match(_JUG_APPRAISAL, i, k + 1, toks.start(i), toks.end(k)))
                continue
            if w in _APPRAISAL_NOUNS_STRICT and i + 1 < n and toks.joinable(i + 1) and (
                    _evaluative(toks, text, i + 1, participle=True, sensitive=sensitive)):
                out.append(_Match(_JUG_APPRAISAL, i, i + 2, toks.start(i), toks.end(i + 1)))
                continue
            if w in _APPRAISAL_NOUNS and i + 1 < n and toks.joinable(i + 1):
                k = i + 1
                if words[k] in _INTENSIFIERS and k + 1 < n:
                    k += 1
                j = k
            elif w in _PERSON_NOUNS and i + 2 < n and words[i + 1] in _INTENSIFIERS and toks.joinable(i + 1):
                j = i + 2  # "bénéficiaire peu motivé", "famille très envahissante"
            elif (w in _COPULA or w in _SHOWS) and i > 0 and i + 2 < n and (
                words[i - 1] in _PERSON_SUBJ or words[i - 1] == "se" or toks.end(i - 1) in ends
                or (w in _SHOWS and words[i - 1] in ("s", "est"))
            ):
                k = i + 1
                if words[k] in _INTENSIFIERS and (w in _COPULA or True):
                    j = k + 1
                elif w in _SHOWS:
                    j = k
            if j is None and (w in _OPENERS) and i + 1 < n and toks.joinable(i + 1) and _clause_initial(toks, i):
                # a verbless clause about the person: "Famille toxique.", "Relation
                # fusionnelle.", "Très passive.", "Peu motivée pour..."
                if w in _INTENSIFIERS and w not in ("si", "fort", "assez", "plutot"):
                    if _prenominal_of_thing(toks, i + 1):
                        continue  # « Très bonne nouvelle : ... », « Très bon contact avec la famille »
                    if _evaluative(toks, text, i + 1, participle=True, sensitive=sensitive):
                        out.append(_Match(_JUG_APPRAISAL, i, i + 2, toks.start(i), toks.end(i + 1)))
                elif (w in _PERSON_NOUNS or w in _RELATION_NOUNS) and _evaluative(
                        toks, text, i + 1, participle=False, sensitive=sensitive):
                    out.append(_Match(_JUG_APPRAISAL, i, i + 2, toks.start(i), toks.end(i + 1)))
                continue
            if j is None or j >= n or words[j] in _NOT_APPRAISAL or words[j] in _INTENSIFIERS or (
                    words[j] in _CLASSIFYING):
                continue
            if not _names.is_adjective(words[j]) or words[j] in sensitive:
                continue
            out.append(_Match(_JUG_APPRAISAL, i, j + 1, toks.start(i), toks.end(j)))
        return out

    def _coordinated(self, toks: _Toks, text: str, judged: list[_Match]) -> list[_Match]:
        """Adjectives coordinated to a judgement: "peu présente et désintéressée",
        "Refuse tout, opposante", "adorable et très reconnaissante"."""
        words = toks.words
        n = len(words)
        out = []
        for m in judged:
            k = m.j
            if k < n and ((words[k] == "et" and k + 1 < n) or toks.gaps[k].strip() == ","):
                a = k + 1 if words[k] == "et" else k
                a0 = a
                if a + 1 < n and words[a] in _INTENSIFIERS:
                    a += 1
                if a < n and _evaluative(toks, text, a, participle=True, sensitive=self._sensitive_words) and (
                        a + 1 >= n or _CLAUSE_BREAK_RE.search(toks.gaps[a + 1]) or words[a + 1] in _COORD_NEXT):
                    out.append(_Match(_JUG_APPRAISAL, a0, a + 1, toks.start(a0), toks.end(a)))
        return out

    def _context_ok(self, m: _Match, toks: _Toks, quotes, gender: str, clause_exclusions: bool = True) -> bool:
        e = m.entry
        if e.subject and e.subject != gender:
            return False
        ex_before, ex_after, req_before, req_after, ex_clause = self._ctx[e.id]
        if not clause_exclusions:
            ex_clause = ()
        if ex_before or ex_after or req_before or req_after or ex_clause:
            cl, ch = toks.clause_bounds(m.i)
            lo = max(cl, m.i - e.window)
            hi = min(ch, m.j + e.window)
            if ex_before and toks.has_form(ex_before, lo, m.i):
                neg = self._neg_before.get(e.id)
                if not neg:
                    return False
                sc = m.i  # start of the small clause: the word after the last comma or break
                while sc > lo and not (toks.gaps[sc] != " " and _CLAUSE_BREAK_RE.search(toks.gaps[sc])):
                    sc -= 1
                other = {w: [f for f in fs if f not in neg.get(w, ())] for w, fs in ex_before.items()}
                if toks.has_form({w: fs for w, fs in other.items() if fs}, lo, m.i) or toks.has_form(neg, sc, m.i):
                    return False
            if ex_after and toks.has_form(ex_after, m.j, hi):
                return False
            if req_before and not toks.has_form(req_before, lo, m.i):
                return False
            if req_after and not toks.has_form(req_after, m.j, hi):
                return False
            if ex_clause:
                if toks.has_form(ex_clause, cl, m.i) or toks.has_form(ex_clause, m.j, ch):
                    return False
        if e.negatable:
            # walk back over at most _NEG_WINDOW words of the same small clause
            words, gaps = toks.words, toks.gaps
            b = m.i - 2 if m.i > 1 and words[m.i - 1] in ("se", "s", "me", "m", "te", "t") else m.i - 1
            if b >= 0 and words[b] in ("ne", "n") and m.j < len(words) and words[m.j] in _VERB_NEGATORS:
                return False  # a verb inside « ne ... pas »: « ne boit pas d'alcool » (« ne boit plus » discloses)
            k = m.i - 1
            counted = 0
            while k >= 0 and counted < _NEG_WINDOW:
                gap = gaps[k + 1]
                if (gap != " " and _CLAUSE_BREAK_RE.search(gap)) or words[k] in _CONJUNCTIONS:
                    break
                if words[k] in _NEGATORS and not _hedge(words, k):
                    return False
                if words[k] not in _NEG_LIGHT:
                    counted += 1
                k -= 1
        if not e.in_long_quote:
            for qs, qe, nwords, _ in quotes:
                if nwords >= 4 and qs <= m.start and m.end <= qe:
                    return False
        return True

    def _redaction_spans(
        self, a: _Analysis, extra_values: Iterable[str] = (), keep: tuple[int, int] | None = None
    ) -> list[tuple[int, int, str]]:
        """Spans to replace. ``keep``: words of a flag to show in an excerpt; only the
        conservative guesses (unexplained capitalised words) give way there, never a
        name, an identifier, a birth date or an ``extra_values`` match."""
        text = a.text
        spans: list[tuple[int, int, str]] = []
        for kind, s, e in a.idents:
            spans.append((s, e, PLACEHOLDERS[kind]))

        def free(s: int, e: int) -> bool:  # identifiers keep their own placeholder; kept words stay
            return all(e <= x or s >= y for _, x, y in a.idents) and (keep is None or e <= keep[0] or s >= keep[1])

        for m in a.mentions:
            if all(m.end <= x or m.start >= y for _, x, y in a.idents):
                spans.append((m.start, m.end, PLACEHOLDERS["name"]))
        for s, e, label in a.others:
            if free(s, e):
                spans.append((s, e, PLACEHOLDERS["place"] if label == "LOC" else PLACEHOLDERS["name"]))
        for s, e in a.candidates:
            if not free(s, e):
                continue
            # conservative: an unexplained capitalised word is replaced, unless it
            # starts a sentence and NER said nothing about it
            initial = _names._sentence_initial(text, s)
            if not initial or any(not (e <= x or s >= y) for x, y, _ in a.others):
                spans.append((s, e, PLACEHOLDERS["name"]))
        for s, e in find_birth_dates(text):
            spans.append((s, e, PLACEHOLDERS["date"]))
        folded = fold(text)
        for v in extra_values:
            v = (v or "").strip()
            if len(v) < 2:
                continue
            ph = _placeholder_for(v)
            pat = re.compile(r"(?<!\w)" + r"\s*".join(re.escape(c) for c in fold(v) if not c.isspace()) + r"(?!\w)")
            for mm in pat.finditer(folded):
                spans.append((mm.start(), mm.end(), ph))
        return _merge_spans(spans)


def _placeholder_for(v: str) -> str:
    if nir_is_valid(v) or nir_is_valid(v, require_key=False):
        return PLACEHOLDERS["nir"]
    if is_fr_phone(v):
        return PLACEHOLDERS["phone"]
    if is_email(v):
        return PLACEHOLDERS["email"]
    if iban_is_valid(v):
        return PLACEHOLDERS["iban"]
    if any(ch.isdigit() for ch in v):
        return PLACEHOLDERS["address"] if re.search(r"[a-zA-Z]{3}", v) else "[NUMÉRO]"
    return PLACEHOLDERS["name"]


def _merge_spans(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Union of overlapping spans; the first-starting (then longest) placeholder names the union."""
    spans.sort(key=lambda x: (x[0], -x[1]))
    out: list[tuple[int, int, str]] = []
    for s, e, p in spans:
        if out and s < out[-1][1]:
            ps, pe, pp = out[-1]
            out[-1] = (ps, max(pe, e), pp)
        else:
            out.append((s, e, p))
    return out


# A conditional in the person's own reported speech about themselves is the future of their words,
# not the writer's guess: « M. Henry dit qu'il pourrait être hébergé par un ami », « explique qu'elle
# aurait un logement en mars ». The guess about someone else stays (« dit que son mari boirait »).
_SAY_VERBS = frozenset(fold(w) for w in """dit disent explique expliquent indique indiquent précise précisent
annonce annoncent pense pensent espère espèrent envisage envisagent estime estiment informe informent
confirme confirment raconte racontent évoque évoquent prévoit prévoient ajoute ajoutent répond répondent
signale signalent souhaite souhaitent""".split())
_SELF_SUBJECTS = frozenset("il elle ils elles je j on".split())
_CLITICS = frozenset("ne n se s y en lui leur le la l me m nous vous".split())


def _own_plan(words: Sequence[str], k: int) -> bool:
    """Whether the weak marker at word ``k`` is the conditional of « <say> qu'il/elle ... »."""
    j = k - 1
    while j >= 0 and k - j <= 3 and words[j] in _CLITICS:
        j -= 1
    return j >= 2 and words[j] in _SELF_SUBJECTS and words[j - 1] in ("que", "qu") and words[j - 2] in _SAY_VERBS


# The subject of a completive guess that is a thing of housing or paperwork, not the person: « il
# semblerait que le logement soit insalubre », « il est possible que le courrier se soit perdu ».
# Any other subject keeps the guess (« que le fils boive », « que l'alcool soit en cause »), and so
# does any sensitive, judgement or conduct term in the clause.
_DEFINITE = frozenset("le la les l ce cet cette ces son sa ses leur leurs".split())
_THINGS = frozenset(fold(w) for w in """logement logements appartement studio maison immeuble chambre cave
chauffage chaudière toiture plafond fuite humidité dossier dossiers courrier courriers lettre document documents
formulaire demande demandes versement versements paiement paiements virement facture factures loyer bail contrat
compteur voiture véhicule colis mail message recommandé""".split())


def _thing_subject(toks: _Toks, j: int) -> bool:
    words = toks.words
    if j + 1 >= len(words) or words[j] not in _DEFINITE:
        return False
    return words[j + 1] in _THINGS


# Short forms of function words typed in notes that are also terms of the lexicon: « avc » for
# « avec » (« Rdv avc Mme Roux ») is not a stroke. Such a word is the function word when it stands
# where the function word stands: before a title, a determiner, a pronoun or a capitalised name,
# and not after a determiner or a preposition (« un AVC », « d'un avc », « hospitalisé pour AVC »).
_TYPED_FUNCTION_WORDS = frozenset({"avc"})
_TITLE_WORDS = frozenset("m mr mme mmes mlle melle madame monsieur mademoiselle dr docteur me".split())
_AFTER_PREPOSITION = _TITLE_WORDS | frozenset(
    "le la les l un une son sa ses leur leurs mon ma mes ce cet cette ces lui elle eux elles moi nous vous".split())
_NOUN_BEFORE = frozenset(
    "un une d de du des l le la son sa ses leur cet cette ce post suite pour apres depuis par a au aux".split())


# A number of the phone's shape that a reference noun introduces is that reference (« facture n°
# 0612345678 », « référence client 0145... », « dossier 0623... »), unless a word of the phone is
# there too (« tél. n° 06... », « portable : 06... »).
_REFERENCE_NOUNS = frozenset(fold(w) for w in """facture factures référence réf ref dossier contrat client
commande ticket colis suivi avis quittance échéance échéancier prélèvement mandat virement chèque cheque
bordereau devis""".split())
_PHONE_WORDS = frozenset(fold(w) for w in """tel tél téléphone telephone portable mobile fixe joignable joindre
appeler appelé rappeler sms whatsapp""".split())
_WORDS_RE = re.compile(r"\w+")


def _reference_number(text: str, s: int) -> bool:
    before = _WORDS_RE.findall(fold(text[max(0, s - 40):s]))[-4:]
    return not _REFERENCE_NOUNS.isdisjoint(before) and _PHONE_WORDS.isdisjoint(before)


# A quotation right after a noun that names something is its title or the word cited, not doubt
# cast on the person: « atelier « préparer son entretien » », « le dispositif « Un chez soi » »,
# « la case « autre » », « il emploie le mot « galère » ».
_NAMING_NOUNS = frozenset(fold(w) for w in """atelier ateliers action actions dispositif dispositifs projet projets
programme opération thème séance séances module modules formation stage groupe réunion intitulé intitulée
rubrique case mention label journée sortie film livre chanson jeu titre slogan mot mots terme termes expression
appelé appelée appelés nommé nommée dit dite association collectif permanence service plateforme
application site logiciel campagne concours challenge""".split())
_WORD_BEFORE_RE = re.compile(r"(\w+)\W*$")


def _named_by_quote(text: str, qs: int) -> bool:
    """Whether the quotation opening at ``qs`` follows a noun that names something (see above)."""
    m = _WORD_BEFORE_RE.search(text[max(0, qs - 30):qs])
    return bool(m) and fold(m.group(1)) in _NAMING_NOUNS


# Acronyms of the lexicon that are also French words (« qu'il ait » is no transient ischaemic
# attack, « toc toc » no obsessive disorder, « son âme » no state medical aid): the acronym only
# written in capitals (« AIT », « TOC », « AME »).
_ACRONYM_SPELLS_WORD = frozenset({"ait", "ame", "toc", "mas"})

# A penal place where someone works or volunteers is a workplace, like a hospital (convention 6):
# « travaille à la maison d'arrêt », « surveillant au centre pénitentiaire », « bénévole à la prison »;
# a court where someone sits as a juror or a clerk too (« jurée à la cour d'assises »).
_WORK_AT = frozenset(fold(w) for w in """travaille travaillent travaillait travaillé travaillée employé employée
embauché embauchée surveillant surveillante surveillants bénévole bénévoles visiteur visiteuse aumônier agent agente
intervenant intervenante intervient infirmier infirmière enseignant enseignante formateur formatrice cuisinier
cuisinière médecin psychologue poste stage cdd cdi mission juré jurée jurés jurées greffier greffière magistrat
magistrate""".split())
_PENAL_PLACES = frozenset(fold(w) for w in """prison maison centre établissement quartier cour assises tribunal""".split())
_PLACE_LINK = frozenset("a au aux en dans de d du des la le l les cour".split())


def _drop_word_collisions(text: str, toks: _Toks, flags: list[Flag]) -> list[Flag]:
    """``flags`` less the terms that are another word here: a function word typed short, an
    acronym written as the French word it spells, a penal place as a workplace (see above)."""
    words = toks.words
    starts = None
    out = []
    for f in flags:
        surface = text[f.start:f.end]
        key = fold(surface)
        if key in _ACRONYM_SPELLS_WORD and not surface.isupper():
            continue
        if key in _TYPED_FUNCTION_WORDS or (f.category == "criminal" and key.split()[0] in _PENAL_PLACES):
            if starts is None:
                starts = _word_starts(toks)
            k = bisect_right(starts, f.start) - 1
            if k < 0 or toks.start(k) != f.start:
                out.append(f)
                continue
            if key in _TYPED_FUNCTION_WORDS:
                if k < len(words) - 1 and (k == 0 or words[k - 1] not in _NOUN_BEFORE):
                    nxt = words[k + 1]
                    if nxt in _AFTER_PREPOSITION or (text[toks.start(k + 1)].isupper() and toks.gaps[k + 1] == " "):
                        continue
            else:
                j = k - 1
                while j >= 0 and k - j <= 5 and words[j] in _PLACE_LINK:
                    j -= 1
                if j < k - 1 and j >= 0 and words[j] in _WORK_AT:
                    continue
        if f.category == "health" and _about_an_animal(toks, f.start):
            continue
        out.append(f)
    return out


# The health of a pet is no one's health data: « La chienne de Madame est malade », « son chat a
# été opéré » (an animal noun a few words before, no person word in between).
_ANIMALS = frozenset(fold(w) for w in """chien chienne chiens chiot chiots chat chatte chats chaton chatons animal
animaux cheval chevaux lapin lapins oiseau oiseaux perroquet hamster""".split())
_PERSON_WORDS = frozenset(fold(w) for w in """il elle ils elles madame monsieur mme m mr enfant enfants fils fille
mère père bébé""".split())


def _word_starts(toks: _Toks) -> list[int]:
    """Start offset of each word (computed once per note, shared with ``clause_bounds``)."""
    if toks._starts is None:
        toks._starts = toks.offsets[0::2]
    return toks._starts


def _about_an_animal(toks: _Toks, start: int) -> bool:
    starts = _word_starts(toks)
    k = bisect_right(starts, start) - 1
    words = toks.words
    for j in range(k - 1, max(-1, k - 6), -1):
        if _CLAUSE_BREAK_RE.search(toks.gaps[j + 1]) and toks.gaps[j + 1] != " ":
            return False
        if words[j] in _ANIMALS:
            return True
        if words[j] in _PERSON_WORDS and not (j > 0 and words[j - 1] == "de"):  # « la chienne de Madame »
            return False
    return False


def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
    parts = []
    pos = 0
    for s, e, p in spans:
        parts.append(text[pos:s])
        parts.append(p)
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """Sort; within one category merge overlaps, keeping the longest flag."""
    flags.sort(key=lambda f: (f.category, f.start, -(f.end - f.start)))
    out: list[Flag] = []
    last: dict[str, Flag] = {}
    for f in flags:
        prev = last.get(f.category)
        if prev is not None and f.start < prev.end:
            if f.end > prev.end:
                merged = Flag(prev.category, prev.start, f.end, prev.rule, prev.suggestion)
                out[out.index(prev)] = merged
                last[f.category] = merged
            continue
        out.append(f)
        last[f.category] = f
    out.sort(key=lambda f: (f.start, f.end, f.category))
    return out


# words that are health only beside a health term in the same sentence: « asthmatique, crise la
# nuit », « maladie de Crohn, poussées fréquentes », « dialysée, 3 séances par semaine »; alone they
# may be a family crisis, a commission's session or a spa
_AMBIGUOUS_SYMPTOMS = frozenset(fold(w) for w in """crise crises poussée poussées cure cures consolidation séances
perfusion perfusions rechutes""".split())
_SENTENCE_END_RE = re.compile(r"[.;!?\n]")


def _ambiguous_symptoms(flags: list[Flag], text: str, lex: list[Flag]) -> list[Flag]:
    health = [f for f in lex if f.category == "health"]
    if not health:
        return flags
    folded = fold(text)
    out = list(flags)
    for m in _SPLIT_WORDS_RE.finditer(folded):
        if m.group() not in _AMBIGUOUS_SYMPTOMS or any(f.start <= m.start() < f.end for f in health):
            continue
        lo = max((k.end() for k in _SENTENCE_END_RE.finditer(folded, 0, m.start())), default=0)
        nxt = _SENTENCE_END_RE.search(folded, m.end())
        hi = nxt.start() if nxt else len(text)
        if any(lo <= f.start and f.end <= hi for f in health):
            out.append(Flag("health", m.start(), m.end(), _HEALTH_FORM.id, _HEALTH_FORM.suggestion))
    return out


# a care job followed by its setting or specialty is where someone works, not a care received:
# « infirmière en oncologie », « aide-soignant en psychiatrie », « psychologue au CMP »,
# « secrétaire du service de néphrologie »; unless the job cares for the person (« suivie par une
# infirmière en psychiatrie », « rendez-vous avec le psychologue du CMP »)
_CARE_JOBS = frozenset(fold(w) for w in """infirmier infirmière infirmiers infirmières ide soignant soignante
soignants soignantes ash secrétaire secrétaires cadre cadres interne internes médecin médecins psychologue psychologues
kinésithérapeute kiné brancardier brancardière sage femme ergothérapeute orthophoniste éducateur éducatrice
technicien technicienne agent agente ambulancier ambulancière urgentiste pédiatre chirurgien chirurgienne
diététicienne diététicien assistante assistant""".split())
_WORK_LINKS = frozenset("en au a la l du de des d dans le service services unite pole".split())
_CARE_FOR = frozenset(fold(w) for w in "par chez avec voit consulte suivi suivie vu vue".split())
_WORK_WORD_RE = re.compile(r"\w+")


def _workplace_settings(flags: list[Flag], text: str) -> list[Flag]:
    if not any(f.category == "health" for f in flags):
        return flags
    folded = fold(text)
    out = []
    for f in flags:
        if f.category == "health":
            before = [m.group() for m in _WORK_WORD_RE.finditer(folded, max(0, f.start - 60), f.start)]
            gap = folded[max(0, f.start - 60):f.start]
            k = len(before) - 1
            while k >= 0 and before[k] in _WORK_LINKS and len(before) - k <= 4:
                k -= 1
            job = 0 <= k < len(before) - 1 and before[k] in _CARE_JOBS
            if (job and not _STRONG_RE.search(gap[gap.rfind(before[k]):])
                    and not any(w in _CARE_FOR for w in before[max(0, k - 3):k])):
                continue
        out.append(f)
    return out


# two flags of health or of irregular stay a few linking words apart in one clause tell one fact
# (« sans titre de séjour depuis l'expiration de son visa », « aphasique depuis l'AVC »): one flag
_JOINED = ("health", "immigration")
_NEAR_GAP_RE = re.compile(r"^[\s'’-]*(?:\w+[\s'’-]+){0,3}$")


def _join_near(flags: list[Flag], text: str) -> list[Flag]:
    out: list[Flag] = []
    last: dict[str, int] = {}
    for f in flags:
        k = last.get(f.category)
        if f.category in _JOINED and k is not None and _NEAR_GAP_RE.match(text[out[k].end:f.start]):
            prev = out[k]
            out[k] = Flag(prev.category, prev.start, max(prev.end, f.end), prev.rule, prev.suggestion)
            continue
        last[f.category] = len(out)
        out.append(f)
    return out


def _quotes(text: str) -> list[tuple[int, int, int, bool]]:
    """Quotations: (start, end including marks, number of words, introduced by a colon)."""
    if "«" not in text and '"' not in text and "“" not in text:
        return []
    out = []
    for m in _QUOTE_RE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        before = text[max(0, m.start() - 3):m.start()]
        out.append((m.start(), m.end(), len(inner.split()), ":" in before))
    return out


def _subject_gender(text: str, mentions) -> str:
    for m in mentions:
        if m.accompanied and m.title in ("f", "m"):
            return m.title
    for mt in _TITLE_ANY_RE.finditer(text):
        before = text[max(0, mt.start() - 45):mt.start()]
        if _names.REL_BEFORE_RE.search(before):
            continue
        t = mt.group(1).rstrip(".").lower()
        return "m" if t in ("m", "monsieur") else "f"
    return ""


def _batches(it: Iterable[str], n: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for x in it:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch
