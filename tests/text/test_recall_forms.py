"""Recall on writing of other services (issue 14, helper C5): forms of judgement, guesses,
penal situations and third parties that the lexicon's words miss. Sentences written for these
tests (not taken from the probe set of checks/subjective/probes_recall/ nor from any corpus),
each group with its hard negatives."""

import pytest

from auditor.text import Lexicon, TextAnalyser, default_lexicon_paths
from tests.text.helpers import cats, flagged, clean_of


# --- judgement: a conduct judged by its form --------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Mme Aubry n'a pas su accompagner son fils dans sa scolarité.", "n'a pas su accompagner"),
    ("Les parents n'ont jamais su lui dire non.", "n'ont jamais su"),
    ("M. Texier n'a pas su se saisir de l'aide proposée.", "n'a pas su se saisir"),
    ("Mme Rolland ne fait aucun effort pour se lever le matin.", "ne fait aucun"),
    ("Il ne respecte jamais les horaires du foyer.", "ne respecte jamais"),
    ("Madame ne tient jamais ses promesses.", "ne tient jamais"),
    ("M. Da Costa n'écoute rien des conseils donnés.", "n'écoute rien"),
    ("Elle ne comprend rien à ce qu'on lui explique.", "ne comprend rien"),
    ("Le père n'assume pas ses responsabilités.", "n'assume pas"),
    ("Mme Garnier ne s'investit pas dans le suivi.", "ne s'investit pas"),
    ("Ne s'occupe pas de ses enfants le soir.", "ne s'occupe pas"),
    ("Mme Lenoir ne fait pas d'efforts pour trouver un emploi.", "ne fait pas d'efforts"),
    ("Mère sans repères, aucune autorité sur l'aîné.", "aucune autorité"),
    ("Monsieur n'a aucune conscience du danger.", "aucune conscience"),
    ("Mme Colin critique tout, conteste tout.", "critique tout"),
    ("M. Boucher réclame sans cesse de nouvelles aides.", "réclame sans cesse"),
    ("Madame exige constamment des réponses immédiates.", "exige constamment"),
    ("Il a encore raté le train pour son entretien.", "a encore raté"),
    ("Il y a toujours un prétexte pour ne pas venir.", "toujours un prétexte"),
    ("Mme Blin se place dans la confrontation avec l'équipe.", "dans la confrontation"),
    ("Je trouve Mme Laval bien plus sereine.", "sereine"),
    ("Je l'ai trouvée très désagréable au téléphone.", "désagréable"),
])
def test_conduct_judged_by_its_form(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Mme Aubry n'a jamais su lire, elle se fait aider pour les courriers.",
    "Je n'ai pas su répondre à sa question sur la retraite, renseignement pris.",
    "Ne sait pas utiliser le site de la CAF, accompagnement proposé.",
    "Mme ne comprend pas le français, un interprète est prévu.",
    "Mme Perrin n'a aucune ressource depuis mars.",
    "Mme n'a aucune dette de loyer.",
    "Le père a conservé l'autorité parentale ; aucune autorité parentale n'a été retirée.",
    "Mme Morel n'a aucune notion de français, cours à l'Afpa.",
    "Mme Leduc a tout perdu dans l'incendie.",
    "M. Royer refuse tout hébergement en collectif à cause de son chien.",
    "Mme est toujours dans l'attente de la décision de la commission.",
    "J'ai trouvé M. Faure allongé sur un banc près de la gare.",
    "J'ai trouvé un logement temporaire pour Mme Vidal.",
    "Mme ne supporte pas le bruit de la rue depuis son opération.",
    "Je trouve le dossier complet.",
    "On refuse systématiquement les dossiers incomplets.",
    "Les parents ne posent aucune limite horaire pour les écrans, conseils donnés.",
    "Il ne fait pas de démarches en ligne, il préfère venir à l'accueil.",
])
def test_conduct_forms_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


def test_conduct_forms_follow_the_judgement_entries():
    lex = Lexicon.load(default_lexicon_paths(), remove=["jug.*"])
    an = TextAnalyser(lex, use_ner=False)
    assert clean_of(an, "Mme Rolland ne fait aucun effort.", "judgement")


# --- third parties ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("J'ai appelé Mme Forget, ma responsable, puis Mme Dumas.", "Forget"),
    ("Échange avec M. Roche, mon chef de service, au sujet de M. Lenoir.", "Roche"),
    ("M. Tissot, notre collègue de l'antenne, a reçu Mme Vial.", "Tissot"),
    ("M. Lebreton dort au squat avec son pote Nono.", "Nono"),
    ("Mme Pages vient avec ma collègue Sandrine.", "Sandrine"),
])
def test_professional_and_peer_named(analyser, text, name):
    assert ("third_party", name) in cats(analyser, text), cats(analyser, text)


@pytest.mark.parametrize("text, name", [
    ("Mme Gosselin, mère isolée, demande une aide pour la cantine.", "Gosselin"),
    ("M. Lamy, père très présent, accompagne son fils à l'école.", "Lamy"),
    ("Mme Viard, femme courageuse, a repris une formation.", "Viard"),
    ("Mme Viard, mère de trois enfants, demande une aide.", "Viard"),
    ("Mme Viard, mère de famille, travaille de nuit.", "Viard"),
])
def test_a_kinship_noun_with_an_adjective_describes_the_person(analyser, text, name):
    assert ("third_party", name) not in cats(analyser, text), cats(analyser, text)


def test_a_kinship_noun_with_its_complement_still_introduces_a_relative(analyser):
    text = "Entretien avec Mme Vial. M. Lamy, père de ses enfants, ne verse rien."
    assert ("third_party", "Lamy") in cats(analyser, text)


@pytest.mark.parametrize("text", [
    "M. Caillou dort avec son chien Rocky sous le pont.",
    "Mme Dupin a confié sa chatte Minette à une voisine.",
])
def test_a_pet_is_no_person(analyser, text):
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)


# --- judgement by idiom (jug.conduites, verbs by their infinitive) ----------------------------

@pytest.mark.parametrize("text, words", [
    ("Mme Perret se fichait des rendez-vous.", "se fichait"),
    ("M. Noël s'en fout, il ne viendra pas.", "s'en fout"),
    ("Madame joue la victime devant le juge.", "joue la victime"),
    ("Il a fait exprès d'arriver en retard.", "fait exprès"),
    ("Les parents traînent des pieds pour signer le document.", "traînent des pieds"),
    ("Mme Vidal se laisse totalement aller depuis l'hiver.", "se laisse totalement aller"),
])
def test_conduct_judged_by_idiom(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Au collège, les autres élèves se moquent de lui.",
    "Mme fait les courses le samedi avec sa fille.",
])
def test_idiom_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


# --- hypothesis: markers of a guess without a modal verb, conducts ---------------------------

@pytest.mark.parametrize("text, words", [
    ("Il y a gros à parier qu'elle héberge son frère.", "il y a gros à parier"),
    ("Je ne serais pas surprise qu'il boive le soir.", "je ne serais pas surprise"),
    ("À mon avis, Monsieur cache des revenus.", "à mon avis"),
    ("On a le sentiment qu'elle ment sur sa situation.", "on a le sentiment"),
    ("Il y a de fortes chances qu'il vive en couple.", "il y a de fortes chances"),
    ("M. Roy aurait rechuté pendant l'été.", "aurait rechuté"),
    ("Mme Lenoir aurait des revenus non déclarés.", "aurait des revenus non déclarés"),
    ("Le père laisserait les enfants seuls la nuit.", "laisserait les enfants seuls la nuit"),
])
def test_guess_markers_and_conducts(rules_only, text, words):
    assert flagged(rules_only, text, "hypothesis", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "À mon avis, le dossier sera examiné en commission de juin.",
    "Mme laisserait volontiers sa place à une autre famille.",
    "Revenus déclarés à la CAF chaque trimestre.",
    "Les enfants restent seuls à la cantine le midi ? Non, ils mangent avec la classe.",
])
def test_guess_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "hypothesis"), cats(rules_only, text)


# --- criminal: penal situations in street and benefit wording ---------------------------------

@pytest.mark.parametrize("text, words", [
    ("Nuit en GAV après une rixe.", "GAV"),
    ("Condamné pour vol en réunion l'an dernier.", "vol en réunion"),
    ("M. Blot est sous SME jusqu'en 2027.", "sous SME"),
    ("Libérée en conditionnelle depuis mai.", "libérée en conditionnelle"),
    ("Il est interdit de séjour à Marseille.", "interdit de séjour"),
    ("M. Riou est recherché par la police.", "recherché par la police"),
    ("Douze ans en centrale, sorti en 2023.", "en centrale"),
    ("Il a été verbalisé dans le métro pour usage de stupéfiants.", "verbalisé"),
    ("Son frère a été écroué la semaine dernière.", "écroué"),
])
def test_penal_situations(rules_only, text, words):
    assert flagged(rules_only, text, "criminal", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Mme est en réunion avec l'équipe jusqu'à midi.",
    "Elle est recherchée par sa famille, qui s'inquiète.",
    "Centrale d'achat du CCAS : commande de colis.",
])
def test_penal_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "criminal"), cats(rules_only, text)


# --- appositions, idioms of failure, acronyms written as words --------------------------------

@pytest.mark.parametrize("text, words", [
    ("Mme Roger, très désagréable, a raccroché.", "très désagréable"),
    ("M. Paulin, peu motivé, ne vient pas.", "peu motivé"),
    ("Les parents ne sont pas à la hauteur.", "pas à la hauteur"),
    ("Le petit ne tient pas en place en classe.", "ne tient pas en place"),
])
def test_apposition_and_failure_idioms(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Mme Roger, très âgée, vit seule.",
    "Mme Roger, très entourée par ses voisins, reste à domicile.",
    "Mme Roger, très isolée depuis le décès de son mari.",
])
def test_apposition_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


def test_an_acronym_written_as_a_french_word_is_that_word(rules_only):
    assert clean_of(rules_only, "Il est probable qu'il ait oublié le rendez-vous.", "health")
    assert flagged(rules_only, "Hospitalisé pour un AIT en mars.", "health", "AIT")


# --- more markers of a guess; a likelihood is no appraisal -----------------------------------

@pytest.mark.parametrize("text, words", [
    ("Elle héberge son frère, semble-t-il.", "semble-t-il"),
    ("Il consomme possiblement de la cocaïne.", "possiblement"),
    ("Il est à craindre qu'il frappe son fils.", "il est à craindre"),
    ("Il ne serait pas étonnant qu'elle boive.", "ne serait pas étonnant"),
    ("Suspicion de travail dissimulé.", "suspicion de"),
    ("Il est fort probable qu'il consomme du cannabis.", "fort probable"),
    ("Elle a l'air de boire le soir.", "air de boire"),
    ("Elle serait en couple depuis l'été.", "serait en couple"),
])
def test_more_guess_markers(rules_only, text, words):
    assert flagged(rules_only, text, "hypothesis", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Ils ont l'air de bien s'entendre avec l'équipe.",
    "Mme est en couple depuis 2019, déclaration faite à la CAF.",
    "Il est fort possible que le dossier soit examiné en juin.",
])
def test_more_guess_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "hypothesis"), cats(rules_only, text)


def test_a_likelihood_is_no_appraisal(rules_only):
    assert clean_of(rules_only, "Il est fort possible qu'il vole dans les magasins.", "judgement")


# --- offences in general words, theft not flight ----------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Mme Lenoir a été victime d'un abus de faiblesse.", "abus de faiblesse"),
    ("Perquisition au domicile la semaine dernière.", "perquisition"),
    ("Convoqué au commissariat pour jeudi.", "convoqué au commissariat"),
    ("Elle a été frappée par son compagnon samedi.", "été frappée"),
    ("Il s'est fait tabasser devant la gare.", "tabasser"),
    ("Escroquée par un faux conseiller bancaire.", "escroquée"),
    ("Impliqué dans une rixe à la sortie du bar.", "rixe"),
    ("Vol de scooter, plainte du voisin.", "vol de"),
    ("Il est libérable en juin.", "libérable"),
])
def test_offences_in_general_words(rules_only, text, words):
    assert flagged(rules_only, text, "criminal", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Vol de retour vers Alger prévu le 3 mai.",
    "Billet pris pour le vol de nuit vers Dakar.",
    "Elle frappe à la porte du bureau avant d'entrer.",
    "Aucune perquisition n'a eu lieu.",
])
def test_offence_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "criminal"), cats(rules_only, text)


# --- names the given-name list does not hold, or typed in lower case --------------------------

@pytest.mark.parametrize("text, name", [
    ("Mme Rigal : la petite Maëlys a deux ans.", "Maëlys"),
    ("Mme Rigal : le compagnon Steevy dort sur place.", "Steevy"),
    ("Mme Rigal a parlé à Steevy, le nouveau compagnon.", "Steevy"),
    ("Mme Rigal et sa fille lea sont venues.", "lea"),
    ("Mme Rigal : son fils kevin a été exclu.", "kevin"),
])
def test_names_introduced_by_kinship(analyser, text, name):
    assert ("third_party", name) in cats(analyser, text), cats(analyser, text)


@pytest.mark.parametrize("text", [
    "Mme Rigal : sa fille aime la danse.",
    "Mme Rigal en parlera avec son fils. Enfant-roi selon l'école.",
    "Mme Rigal : le père de ses enfants. Colis attribué.",
])
def test_kinship_names_hard_negatives(analyser, text):
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)


# --- appraisals by set phrase, prenominal adjective, temper; squalor --------------------------

@pytest.mark.parametrize("text, words", [
    ("C'est une drôle de femme.", "drôle de femme"),
    ("Un vrai gamin, selon l'éducateur.", "vrai gamin"),
    ("La pauvre femme ne sait plus quoi faire.", "pauvre femme"),
    ("Il s'énerve pour un rien.", "s'énerve"),
    ("Elle fait des caprices au moment du coucher.", "fait des caprices"),
    ("Il faut toujours la relancer.", "faut toujours la relancer"),
    ("On ne peut pas compter sur lui.", "compter sur lui"),
    ("Elle ne pense qu'à elle.", "ne pense qu'à elle"),
    ("Le logement est un vrai taudis.", "taudis"),
    ("Elle n'a pas de volonté.", "n'a pas de volonté"),
    ("Elle coupe la parole sans cesse.", "sans cesse"),
    ("Mme Roux parle trop.", "parle trop"),
])
def test_appraisals_by_phrase(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Sa vraie mère vit au Portugal ; la vraie mère biologique a été retrouvée.",
    "Mme laisse toujours les enfants chez sa mère le mercredi.",
    "M. justifie toujours de ses recherches d'emploi auprès de France Travail.",
    "Il veut toujours travailler dans le bâtiment.",
    "Elle parle toujours de son fils décédé.",
    "La plaie s'infecte, soins infirmiers à domicile.",
    "Logement déclaré insalubre par l'ARS, relogement demandé.",
    "Mme n'a pas d'autorité parentale sur l'aîné depuis le jugement.",
    "Elle demande trop cher pour le loyer, dit le propriétaire ? Non : loyer conforme.",
])
def test_appraisals_by_phrase_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


# --- suspected conducts of benefits, shelter and child protection -----------------------------

@pytest.mark.parametrize("text, words", [
    ("Il sous-louerait son appartement.", "sous-louerait"),
    ("Le fils sécherait les cours.", "sécherait les cours"),
    ("Elle découcherait régulièrement.", "découcherait"),
    ("Elle recevrait de l'argent de son ex.", "recevrait de l'argent"),
    ("Elle serait sous emprise.", "sous emprise"),
    ("Il semble se désintéresser de ses enfants.", "se désintéresser"),
    ("Elle semble ne pas dire toute la vérité.", "semble ne pas dire"),
])
def test_suspected_conducts(rules_only, text, words):
    assert flagged(rules_only, text, "hypothesis", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Mme dépense 300 € par mois en alimentation.",
    "Il a sous-loué une chambre avec l'accord du bailleur, bail fourni.",
    "Elle recevra la notification en juin.",
])
def test_suspected_conducts_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "hypothesis"), cats(rules_only, text)


@pytest.mark.parametrize("text, words", [
    ("L'enfant porte des traces de coups au visage.", "traces de coups"),
    ("Elle a été battue par son ex-mari.", "battue par"),
    ("Il est en attente de son procès.", "en attente de son procès"),
    ("Menace de mariage forcé au pays.", "mariage forcé"),
    ("Enquête de police en cours après la bagarre.", "enquête de police"),
    ("Il a giflé sa fille devant l'éducatrice.", "a giflé sa"),
])
def test_violence_and_procedure_in_plain_words(rules_only, text, words):
    assert flagged(rules_only, text, "criminal", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Enquête sociale ordonnée par le JAF pour la résidence des enfants.",
    "Un coup de pouce financier a été accordé, coup de fil au bailleur.",
    "Le procès-verbal de l'assemblée des copropriétaires est arrivé.",
])
def test_violence_and_procedure_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "criminal"), cats(rules_only, text)


@pytest.mark.parametrize("text, name", [
    ("Mme Rigal hébergée chez les Dupont depuis mai.", "Dupont"),
    ("Mme Rigal vue ce jour. AS : J. Martin.", "Martin"),
    ("Mme Rigal : son amie Mme N'Diaye l'aide pour les courses.", "N'Diaye"),
    ("Mme Rigal : échange avec Mme O'Brien, infirmière.", "O'Brien"),
])
def test_family_names_initials_and_elided_capitals(analyser, text, name):
    assert ("third_party", name) in cats(analyser, text), cats(analyser, text)


@pytest.mark.parametrize("text", [
    "Mme Rigal orientée chez les Petits Frères des Pauvres.",
    "Mme Rigal habite bât. B. Entrée par la cour.",
])
def test_family_and_initial_hard_negatives(analyser, text):
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)


# --- a bare attribute of character after a copula --------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Madame est capricieuse.", "capricieuse"),
    ("Il est soigneux et ponctuel.", "soigneux"),
    ("Mme Roux est exigeante avec l'équipe.", "exigeante"),
    ("M. Pons reste méfiant.", "méfiant"),
    ("Elle est impulsive.", "impulsive"),
    ("Mme Roux est serviable.", "serviable"),
])
def test_bare_attribute_of_character(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Il est étudiant en BTS.",
    "Elle est aidante de sa mère.",
    "Il est positif au Covid, isolement à domicile.",
    "Elle est capable de gérer son budget seule.",
    "Mme Roux est joignable le matin.",
    "Il est malheureux depuis la séparation.",
    "Le logement proposé à Mme Colin est agréable et lumineux.",
    "Les revenus de Mme Hamon sont instables.",
    "Il est important que Madame fournisse son RIB.",
    "M. Guillaume est juif et mange casher.",
    "Le dossier est recevable, la situation est préoccupante.",
])
def test_bare_attribute_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


@pytest.mark.parametrize("text, words", [
    ("Il est de plus en plus replié sur lui-même.", "de plus en plus replié"),
    ("Je la trouve de plus en plus renfermée.", "renfermée"),
    ("Il répond sèchement aux agents d'accueil.", "sèchement"),
    ("Elle réagit violemment quand on parle de son fils.", "violemment"),
])
def test_changes_and_manner_of_address(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Je le trouve de plus en plus fatigué depuis l'hiver.",
    "Il a répondu positivement à la proposition de logement.",
    "Elle parle couramment le français et l'arabe.",
    "Mme a répondu rapidement au courrier de la CAF.",
    "Il parle régulièrement de son fils.",
    "Elle évoque la donation et en parle sereinement.",
])
def test_changes_and_manner_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


# --- a question mark after a sensitive term or a conduct --------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Problème d'alcool ? À voir avec le médecin.", "problème d'alcool ?"),
    ("Vit en couple ?", "vit en couple ?"),
    ("Violences conjugales ? Madame n'en parle pas.", "violences conjugales ?"),
])
def test_a_question_mark_makes_a_guess(rules_only, text, words):
    assert flagged(rules_only, text, "hypothesis", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Mme a-t-elle droit à l'AAH ? Dossier à vérifier.",
    "Mme est-elle toujours suivie au CMP ?",
    "Quel suivi psychiatrique après la sortie ?",
    "Dépression. Suivie au CMP depuis mars.",
])
def test_real_questions_are_no_guess(rules_only, text):
    assert clean_of(rules_only, text, "hypothesis"), cats(rules_only, text)


@pytest.mark.parametrize("text, words", [
    ("Jeune désœuvré, traîne au pied de l'immeuble.", "désœuvré"),
    ("Il est renfermé depuis la rentrée.", "renfermé"),
    ("Famille repliée sur elle-même.", "repliée sur elle-même"),
    ("Mère dévouée, très présente.", "dévouée"),
])
def test_appraising_participles(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "La dette a été effacée par la commission de surendettement.",
    "Odeur de renfermé dans le logement, aération conseillée au bailleur.",
])
def test_appraising_participles_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)
