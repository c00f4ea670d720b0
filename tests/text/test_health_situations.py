"""Health and irregular stay told as a situation (issue 14, third round): what the person is said
to have, undergo or receive without a disease's name, and the lack of a permit said in everyday or
administrative words. Each rule with its hard negatives.

The sentences were written for these tests from general knowledge of hospital, PASS and MSA notes;
none is copied from checks/subjective/probes_health (which measures the rules) nor from any
held-out set."""

import pytest

from auditor.text import Lexicon, TextAnalyser, default_lexicon_paths
from tests.text.helpers import cats, flagged, clean_of


# --- a symptom or an injury with a part of the body or a clinical qualifier ----------------------

@pytest.mark.parametrize("text, words", [
    ("Mme Hardy se plaint de douleurs cervicales depuis l'hiver.", "douleurs cervicales"),
    ("M. Lebon a une plaie à la jambe qui ne cicatrise pas.", "plaie à la jambe"),
    ("Blessure au genou gauche lors de la chute du toit.", "blessure au genou"),
    ("Monsieur présente un abcès dentaire, orienté vers le dentiste.", "abcès"),
    ("Infection urinaire récente, Madame reste chez sa fille.", "infection urinaire"),
    ("Douleurs non soulagées mais douleurs non contrôlées la nuit.", "douleurs non contrôlées"),
    ("M. Perret a des maux de tête fréquents.", "maux de tête"),
    ("Lésions cutanées importantes selon l'infirmière.", "lésions cutanées"),
    ("Monsieur, 60 ans, bronchite chronique, fume encore.", "bronchite"),
    ("Il est en deuil pathologique depuis deux ans.", "deuil pathologique"),
    ("M. Legrand est sous amoxicilline pour une semaine.", "sous amoxicilline"),
    ("Suivi cardiologique tous les six mois à l'hôpital.", "suivi cardiologique"),
    ("Madame a perdu 9 kg depuis la rentrée.", "perdu 9 kg"),
    ("Monsieur a des problèmes cardiaques, ne peut plus porter de charges.", "problèmes cardiaques"),
    ("Opération de la hanche prévue en mars.", "opération de la hanche"),
    ("Troubles digestifs depuis la reprise du travail.", "troubles digestifs"),
])
def test_symptoms_and_care_by_form(rules_only, text, words):
    assert flagged(rules_only, text, "health", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Madame évoque la douleur de la séparation avec ses enfants.",
    "Des complications administratives retardent l'ouverture des droits.",
    "La fracture numérique empêche Monsieur de faire ses démarches en ligne.",
    "Monsieur s'est dit blessé par les propos de son employeur.",
    "Les retards chroniques de paiement du loyer inquiètent le bailleur.",
    "Le dossier est sous quinzaine à la commission.",
    "Bilan écologique du jardin partagé présenté aux habitants.",
    "Madame a pris 3 jours de congé pour le déménagement.",
    "Problème chronique de retard au travail, avertissement de l'employeur.",
    "Intervention à domicile du technicien pour la chaudière.",
    "Opération de désendettement engagée avec la banque.",
    "Troubles du voisinage signalés au bailleur.",
])
def test_symptoms_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "health"), cats(rules_only, text)


# --- care received, care settings that treat the person ----------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Pansements tous les deux jours par l'infirmière libérale.", "pansements"),
    ("Monsieur est nourri par nutrition entérale depuis l'opération.", "nutrition entérale"),
    ("Rééducation trois fois par semaine au cabinet de kiné.", "rééducation"),
    ("Madame est prise en charge en HAD depuis jeudi.", "en had"),
    ("Orientation en LHSS à la sortie de l'hôpital.", "lhss"),
    ("Il a dû arrêter le traitement à cause des effets secondaires.", "effets secondaires"),
    ("Patient transféré de soins intensifs ce matin.", "transféré de soins intensifs"),
    ("Madame est en SSR pour trois semaines.", "en ssr"),
])
def test_care_received(rules_only, text, words):
    assert flagged(rules_only, text, "health", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Réunion avec l'HAD et l'équipe pour présenter le service social.",
    "Coordination avec l'infirmière de l'HAD pour les horaires de la permanence.",
    "Le SSIAD propose les soins infirmiers à domicile sur tout le canton.",
    "Staff hebdomadaire du SSR : trois situations évoquées.",
    "L'équipe mobile de soins palliatifs présente son rôle aux assistantes sociales.",
    "Aide financière demandée à la Ligue contre le cancer pour le centre social.",
    "Madame s'inquiète pour son loyer pendant son hospitalisation.",
])
def test_care_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "health"), cats(rules_only, text)


# --- benefits, cards and procedures that disclose a condition (convention 16) -----------------

@pytest.mark.parametrize("text, words", [
    ("Demande de PCH pour financer une aide humaine.", "pch"),
    ("Carte mobilité inclusion obtenue pour le stationnement.", "carte mobilité inclusion"),
    ("Dépôt du dossier d'AEEH pour le fils cadet.", "aeeh"),
    ("Titre de séjour pour soins renouvelé en mars.", "titre de séjour pour soins"),
    ("Rente AT versée depuis la consolidation.", "rente at"),
    ("Salarié en arrêt prolongé depuis l'été.", "arrêt prolongé"),
    ("Taux d'IPP fixé à 12 %.", "ipp"),
    ("Exploitant épuisé physiquement, réduit son cheptel.", "épuisé physiquement"),
    ("Madame attend un bébé pour le printemps.", "attend un bébé"),
    ("Accouchement prévu début juillet, chambre du bébé à préparer.", "accouchement"),
    ("Prise en charge à 100 % depuis l'an dernier.", "prise en charge à 100"),
    ("Il consomme énormément d'alcool depuis son licenciement.", "consomme énormément"),
])
def test_benefits_that_disclose(rules_only, text, words):
    assert flagged(rules_only, text, "health", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Ouverture des droits PUMA et demande de complémentaire santé solidaire.",
    "Duplicata de carte Vitale demandé à la CPAM.",
    "Arrêt de bus déplacé, Madame marche plus longtemps.",
    "Arrêt des versements de la CAF depuis avril.",
    "Naissance de sa fille le 3 mai, congé maternité jusqu'en août.",
])
def test_benefits_that_do_not_disclose(rules_only, text):
    assert clean_of(rules_only, text, "health"), cats(rules_only, text)


# --- irregular stay by a privative word, a visa overstayed, a claim rejected -------------------

@pytest.mark.parametrize("text, words", [
    ("Monsieur est sans titre depuis deux ans.", "sans titre"),
    ("Pas de papiers, hébergé par un compatriote.", "pas de papiers"),
    ("Madame n'a plus de droit au séjour depuis son divorce.", "droit au séjour"),
    ("Visa expiré depuis l'été, reste chez sa sœur.", "visa expiré"),
    ("Resté en France après l'expiration de son visa.", "expiration de son visa"),
    ("Il travaille sans autorisation dans un restaurant.", "sans autorisation"),
    ("Rejet de l'OFPRA notifié en mai.", "rejet de l'ofpra"),
    ("Son autorisation de travail a expiré en janvier.", "autorisation de travail"),
    ("ss papiers, dort au 115.", "ss papiers"),
    ("Dossier d'admission exceptionnelle au séjour déposé en préfecture.", "admission exceptionnelle"),
    ("Titre de séjour étudiant expiré depuis la rentrée.", "titre de séjour"),
])
def test_irregular_stay_in_everyday_words(rules_only, text, words):
    assert flagged(rules_only, text, "immigration", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Occupant sans droit ni titre, audience d'expulsion locative fixée en juin.",
    "Contrôlé sans titre de transport dans le bus, amende à payer.",
    "Titre de séjour valide jusqu'en 2029, renouvellement à anticiper.",
    "Visa long séjour valide, conjoint d'un salarié.",
    "Demande d'asile en cours, attestation valide.",
    "Le retard de loyer n'est pas régularisé malgré l'échéancier.",
])
def test_regular_stay_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "immigration"), cats(rules_only, text)


def test_house_arrest_is_irregular_stay(rules_only):
    text = "Monsieur est assigné à résidence, pointage au commissariat."
    assert flagged(rules_only, text, "immigration", "assigné")


# --- second round: prefixes, transplants, a hurt part of the body, a disease found or treated ----

@pytest.mark.parametrize("text, words", [
    ("Madame est hémodialysée trois fois par semaine.", "hémodialysée"),
    ("Enfant polyhandicapé accueilli en externat.", "polyhandicapé"),
    ("Monsieur, greffé depuis 2019, reprend le travail.", "greffé"),
    ("Inscrit sur liste d'attente de greffe depuis mars.", "attente de greffe"),
    ("Arrivé avec les mains brûlées et le genou gonflé.", "genou gonflé"),
    ("Leishmaniose traitée à l'hôpital l'an dernier.", "leishmaniose"),
    ("Porteur d'une prothèse de hanche, marche lentement.", "porteur d'une prothèse"),
    ("Régime sans sel depuis la découverte de l'hypertension.", "régime sans sel"),
    ("Il inhale du protoxyde d'azote avec ses amis.", "inhale du protoxyde"),
    ("Madame, IRC, attend une place en centre.", "irc"),
    ("Elle souhaite accoucher près de sa mère.", "accoucher"),
    ("Mme Lenoir, 34 SA, vit seule.", "34 SA"),
    ("Rendez-vous de suivi prénatal manqué.", "prénatal"),
    ("Il a un trouble de la personnalité, suivi au CMP.", "trouble de la personnalité"),
    ("Patient en programme de soins depuis sa sortie.", "programme de soins"),
    ("Madame a arrêté son traitement en juin.", "arrêté son traitement"),
    ("Monsieur, schizo, vit chez sa mère.", "schizo"),
    ("Réhospitalisé hier soir après une crise.", "réhospitalisé"),
    ("Phase maniaque, a vidé son compte.", "phase maniaque"),
    ("Perte de 6 kilos depuis l'été.", "perte de 6 kilos"),
    ("Troubles de la déglutition, repas mixés.", "déglutition"),
    ("Orientation en MAS décidée par la CDAPH.", "orientation en mas"),
    ("Silicose reconnue l'an dernier.", "silicose"),
    ("Elle ne reconnaît plus ses petits-enfants.", "ne reconnaît plus"),
    ("Demande MDPH déposée en janvier.", "demande mdph"),
    ("Bilan revu par le neurologue en mai.", "neurologue"),
    ("Madame refuse de s'alimenter depuis lundi.", "s'alimenter"),
    ("Enfant drépanocytaire, absent souvent.", "drépanocytaire"),
    ("Monsieur est parkinsonien depuis 2018.", "parkinsonien"),
    ("Aide à la toilette matin et soir.", "aide à la toilette"),
    ("Il sort de l'hôpital demain.", "sort de l'hôpital"),
    ("Arrêt depuis 8 mois, isolé.", "arrêt depuis 8 mois"),
    ("Enfant asthmatique, crise la nuit dernière.", "crise"),
    ("Maladie de Crohn, poussées fréquentes, absences au travail.", "poussées"),
])
def test_second_round_forms(rules_only, text, words):
    assert flagged(rules_only, text, "health", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Le greffe du tribunal a envoyé la convocation.",
    "Requête déposée au greffe le 3 mai.",
    "Permanence au centre de dialyse le jeudi après-midi.",
    "Porteur d'un projet de création d'entreprise agricole.",
    "Régime matrimonial de la communauté, notaire consulté.",
    "Réunion avec la MDPH sur les délais d'instruction.",
    "Le bras de fer avec le bailleur continue.",
    "Elle a déménagé en 2019 sa vie durant.",
    "Personne en isolement social depuis le décès de son mari.",
    "Madame est très maniaque pour le rangement de sa cuisine.",
    "Traitement du dossier arrêté par la CAF en attendant les justificatifs.",
    "Information collective sur la scolarisation des enfants en situation de handicap.",
    "Hausse de 12 % des demandes d'AAH cette année.",
    "Certificat médical manquant, dossier incomplet.",
    "Madame se sent désorientée par les démarches en ligne.",
    "Certificat médical circonstancié à faire pour la requête au juge.",
    "Crise familiale importante, la mère est partie.",
    "Information collective sur les droits en cas d'arrêt de travail long.",
    "Mme Garnier, infirmière en oncologie, demande un prêt d'honneur.",
    "Aide-soignant en psychiatrie depuis dix ans, demande un logement.",
    "Psychologue au CMP, elle demande une aide au déménagement.",
    "Orientation vers le service des maladies infectieuses.",
])
def test_second_round_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "health"), cats(rules_only, text)


def test_a_care_job_that_cares_for_the_person_is_health(rules_only):
    text = "Madame est suivie par une infirmière en psychiatrie."
    assert flagged(rules_only, text, "health", "psychiatrie"), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Réunion du pôle MNA sur les astreintes.",
    "Le dispositif MNA du département est saturé.",
    "Réunion avec la préfecture sur les sorties des personnes déboutées.",
])
def test_a_service_for_minors_is_no_person(rules_only, text):
    assert clean_of(rules_only, text, "immigration"), cats(rules_only, text)


def test_a_derived_disease_adjective_is_no_appraisal(rules_only):
    text = "Patiente leucémique, hospitalisée depuis lundi."
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)
    assert flagged(rules_only, text, "health", "leucémique")


def test_a_health_verb_is_no_appraisal(rules_only):
    text = "Jeune atteint de mucoviscidose, scolarisé en seconde."
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


# --- a disease's eponym is no person; a medical adjective is no appraisal ---------------------

def test_eponym_inside_a_disease_is_no_third_party(analyser):
    text = "Son épouse est atteinte de la maladie de Parkinson depuis 2020."
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)
    assert flagged(analyser, text, "health", "parkinson")


def test_medical_adjective_is_no_appraisal(rules_only):
    text = "Patient tétraplégique depuis l'accident de moto."
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)
    assert flagged(rules_only, text, "health", "tétraplégique")


def test_forms_follow_their_entry():
    lex = Lexicon.load(default_lexicon_paths(), remove=["sante.maladie"])
    an = TextAnalyser(lex, use_ner=False)
    assert clean_of(an, "Douleurs cervicales depuis l'hiver.", "health")
