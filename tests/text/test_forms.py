"""Rules of form of the analyser (issue 14): verbs by their infinitive, the completive
clause of a guess, verbless appraisals, and the hard negatives of setting.

The sentences are written for these tests, not copied from the register corpus."""

import pytest

from auditor.text import Lexicon
from auditor.text.lexicon import Entry, inflect_verb
from tests.text.helpers import cats, flagged


def test_inflect_verb_regular_irregular_and_pronominal():
    assert {"heberge", "hebergee", "hebergeait", "hebergerait", "hebergent"} <= set(inflect_verb("héberger"))
    assert {"boive", "buvait", "boirait", "bu"} <= set(inflect_verb("boire"))
    assert "vive en couple" in inflect_verb("vivre en couple")
    assert "revende" in inflect_verb("revendre")
    assert "s'alcoolisait" in inflect_verb("s'alcooliser")
    assert "se droguerait" in inflect_verb("se droguer")


def test_verbs_key_adds_every_form_to_an_entry():
    e = Entry.from_dict({"id": "x.t", "category": "conduct", "terms": ["planque"], "verbs": ["dissimuler"]})
    forms = {" ".join(f) for f in e.forms}
    assert {"planque", "dissimule", "dissimulait", "dissimulerait", "dissimulee"} <= forms
    with pytest.raises(Exception):
        Entry.from_dict({"id": "x.u", "category": "conduct", "terms": ["a"], "verbs": "cacher"})


@pytest.mark.parametrize(
    "text, words",
    [
        ("Il n'est pas exclu qu'elle revende une partie des bons.", "revende une partie des bons"),
        ("On peut penser que son frère boive avec lui.", "boive avec lui"),
        ("Je crains qu'il fréquente à nouveau ce groupe.", "fréquente"),
    ],
)
def test_completive_guess_spans_its_clause(rules_only, text, words):
    assert flagged(rules_only, text, "hypothesis", words)


def test_completive_guess_stops_at_the_clause_end(rules_only):
    text = "Il est possible qu'il travaille au noir, sa sœur le confirme."
    hyp = [w for c, w in cats(rules_only, text) if c == "hypothesis"]
    assert hyp and all("sœur" not in w for w in hyp)


def test_weak_marker_before_an_inflected_conduct(rules_only):
    assert flagged(rules_only, "Paraît dissimuler ses ressources.", "hypothesis", "dissimuler")
    assert flagged(rules_only, "Doit être logée et hébergée gratuitement par un ami.", "hypothesis", "hébergée")
    # a conduct verb alone, without any marker, is a fact written as such
    assert not any(c == "hypothesis" for c, _ in cats(rules_only, "Hébergée chez sa cousine depuis mars."))


def test_a_du_is_not_a_du(rules_only):
    assert not any(c == "hypothesis" for c, _ in cats(rules_only, "Aide à du matériel de puériculture, elle boit un café."))


@pytest.mark.parametrize(
    "text, words",
    [
        ("RDV ce jour. Couple instable.", "couple instable"),
        ("RDV ce jour. Dossier incomplet.", None),  # "dossier" opens no appraisal
        ("Père immature, mère dépassée.", "père immature"),
        ("Relation malsaine avec son beau-père.", "relation malsaine"),
        ("Entretien bref. Très arrogante.", "très arrogante"),
        ("Peu soigneuse dans ses démarches.", "peu soigneuse"),
    ],
)
def test_verbless_appraisals(rules_only, text, words):
    if words is None:
        assert not any(c == "judgement" for c, _ in cats(rules_only, text))
    else:
        assert flagged(rules_only, text, "judgement", words)


@pytest.mark.parametrize(
    "text",
    [
        "Famille monoparentale, trois enfants.",
        "Famille nombreuse hébergée à l'hôtel.",
        "Personne âgée vivant seule.",
        "Mère célibataire, deux enfants.",
        "Relation conjugale terminée depuis 2021.",
        "Salariée polyvalente en atelier.",
        "Famille allophone, interprète prévu.",
        "Très bien reçu par le bailleur.",
        "Jeune majeur sorti de l'ASE.",
        "Famille recomposée depuis l'été.",
        "Famille africaine arrivée en 2019.",
    ],
)
def test_classifying_adjectives_are_no_appraisal(rules_only, text):
    assert not any(c == "judgement" for c, _ in cats(rules_only, text)), cats(rules_only, text)


def test_sensitive_adjective_is_not_an_appraisal(rules_only):
    c = cats(rules_only, "Famille très pratiquante.")
    assert ("religion", "pratiquante") in c and not any(k == "judgement" for k, _ in c)


def test_coordinated_appraisal(rules_only):
    assert flagged(rules_only, "Mère très distante et froide.", "judgement", "froide")


@pytest.mark.parametrize(
    "text, clean",
    [
        ("Rencontre avec Mme Petit aux urgences pour la suite.", True),  # where the interview took place
        ("Admise aux urgences samedi après une chute.", False),
        ("Demande de maintien des APL pendant l'hospitalisation.", True),  # the stay as a time frame
        ("Hospitalisé en cardiologie depuis lundi.", False),
        ("Campagne de prévention des TMS sur le site.", True),  # collective, no one's health
        ("Arrêt pour TMS depuis deux mois.", False),
        ("Orientation vers la psychologue du personnel.", True),  # a professional, no care said
        ("Suivie par une psychologue depuis un an.", False),
    ],
)
def test_setting_is_not_health(rules_only, text, clean):
    health = [w for c, w in cats(rules_only, text) if c == "health"]
    assert (not health) == clean, health


def test_acronym_alone_is_not_a_name(analyser):
    text = "Entretien avec Mme Girard. Prochaine VAD prévue, bilan PPE envoyé."
    assert not any(c == "third_party" for c, _ in cats(analyser, text))
    # a surname in capitals after a kinship word stays a third party
    assert flagged(analyser, "Entretien avec Mme Girard. Son frère LEROY passe souvent.", "third_party", "LEROY")


def test_appraisal_after_an_opening_adverb_and_in_coordination(rules_only):
    assert flagged(rules_only, "Visiblement trop naïve pour gérer seule.", "judgement", "trop naïve")
    assert flagged(rules_only, "Patient agréable et très coopérant avec l'équipe.", "judgement", "très coopérant")


def test_personne_de_confiance_is_a_role(rules_only):
    assert not any(c == "judgement" for c, _ in cats(rules_only, "Son neveu a été désigné personne de confiance."))
    assert flagged(rules_only, "Un homme de confiance, selon l'équipe.", "judgement", "de confiance")


def test_judgement_coordinated_to_any_judgement(rules_only):
    assert flagged(rules_only, "Mère défaillante et négligente.", "judgement", "négligente")


def test_refuse_tout_alone_is_a_generalisation_not_before_a_noun(rules_only):
    assert flagged(rules_only, "Elle refuse tout.", "judgement", "refuse tout")
    assert not any(c == "judgement" for c, _ in cats(rules_only, "Refuse tout contact avec son ex-mari."))


@pytest.mark.parametrize(
    "text, category",
    [
        ("Suivi CSAPA depuis 2022.", "health"),
        ("Notification MDPH reçue en mars.", "health"),
        ("Frein santé repéré au bilan.", "health"),
        ("Arrivé comme MNA en 2021.", "immigration"),
        ("Famille issue des gens du voyage.", "origin"),
        ("Logement dégradé par sa faute.", "judgement"),
    ],
)
def test_professional_wording_of_sensitive_content(rules_only, text, category):
    assert any(c == category for c, _ in cats(rules_only, text)), cats(rules_only, text)


@pytest.mark.parametrize(
    "text",
    [
        "Patient autonome pour les actes de la vie quotidienne.",
        "Personne vulnérable, mesure de protection à envisager.",
        "Famille très nombreuse, logement trop petit.",  # "logement" is no adverb, "nombreuse" classifies
        "Ambiance calme lors de la visite.",
        "Mère mineure, suivie par la PMI.",
        "Couple stable depuis dix ans.",
    ],
)
def test_descriptions_of_status_are_no_appraisal(rules_only, text):
    assert not any(c == "judgement" for c, _ in cats(rules_only, text)), cats(rules_only, text)


def test_cap_emploi_is_an_organisation(analyser):
    text = "Monsieur Morel a été orienté vers Mme Gauthier, conseillère Cap Emploi."
    assert [w for c, w in cats(analyser, text) if c == "third_party"] == ["Gauthier"]


def test_employee_named_with_her_job_is_the_person_accompanied(analyser):
    # a job held with its tenure is the employee's own; a partner's role stays a third party
    assert not any(c == "third_party" for c, _ in cats(analyser, "Appel de Mme Cousin, aide-soignante en CDI depuis 9 ans."))
    assert flagged(analyser, "Appel de Mme Roux, conseillère CAF, au sujet du dossier.", "third_party", "Roux")


@pytest.mark.parametrize(
    "text, category, expected",
    [
        ("Son titre de séjour a expiré en janvier.", "immigration", True),
        ("Titre de séjour renouvelé en juin, valable dix ans.", "immigration", False),
        ("Avis d'aptitude avec restrictions : pas de port de charges.", "health", True),
        ("Visite médicale de reprise prévue le 12 avril.", "health", True),
    ],
)
def test_workplace_and_administrative_wording(rules_only, text, category, expected):
    assert any(c == category for c, _ in cats(rules_only, text)) == expected, cats(rules_only, text)


def test_forecast_is_no_guess_on_the_person(rules_only):
    # convention 3: a hedge about a neutral fact is not a hypothesis
    assert not any(c == "hypothesis" for c, _ in cats(rules_only, "Je pense que Madame pourra reprendre le travail en mai."))
    # a forecast of a conduct still is
    assert flagged(rules_only, "Il est probable qu'il boira encore.", "hypothesis", "boira")


@pytest.mark.parametrize(
    "text, category",
    [
        ("ATCD psy, suivi irrégulier.", "health"),
        ("Sortie d'hospit prévue lundi.", "health"),
        ("Pb d'alcool connu de l'équipe.", "health"),
        ("Conso de cannabis quotidienne.", "health"),
        ("Patient éthylique chronique.", "health"),
        ("Il a des démêlés avec la justice.", "criminal"),
    ],
)
def test_abbreviated_and_telegraphic_wording(rules_only, text, category):
    assert any(c == category for c, _ in cats(rules_only, text)), cats(rules_only, text)


def test_ethylique_is_health_not_an_appraisal(rules_only):
    assert not any(c == "judgement" for c, _ in cats(rules_only, "Patient éthylique chronique."))


@pytest.mark.parametrize("text", ["Patiente algique, apyrétique.", "Patient grabataire, incontinent.", "Patient fébrile ce matin."])
def test_clinical_state_adjectives_are_health_not_appraisal(rules_only, text):
    c = cats(rules_only, text)
    assert any(k == "health" for k, _ in c) and not any(k == "judgement" for k, _ in c), c


@pytest.mark.parametrize("text", ["Enfant propre, scolarisé en petite section.", "Enfant calme pendant l'entretien."])
def test_observed_state_of_a_child_is_no_appraisal(rules_only, text):
    assert not any(k == "judgement" for k, _ in cats(rules_only, text))


def test_coordinated_adjective_at_the_end_of_the_note(rules_only):
    assert flagged(rules_only, "Famille toxique, chaotique.", "judgement", "chaotique")
    assert flagged(rules_only, "Refuse tout, opposante.", "judgement", "opposante")


def test_one_guess_one_flag(rules_only):
    # the conduct right after its marker extends the marker's flag
    text = "Paraît dissimuler ses ressources."
    assert [w for c, w in cats(rules_only, text) if c == "hypothesis"] == ["Paraît dissimuler"]
    # "que M. X...": a title's dot does not end the completive clause
    text = "Je pense que M. Guillot ment sur sa situation."
    assert [w for c, w in cats(rules_only, text) if c == "hypothesis"] == ["Je pense que M. Guillot ment sur sa situation"]


def test_a_verb_after_et_is_no_coordinated_adjective(rules_only):
    c = cats(rules_only, "Mme Lefort est très manipulatrice et cherche à obtenir des aides.")
    assert not any(w == "cherche" for _, w in c), c


def test_a_ce_qu_on_dit_is_still_a_marker(rules_only):
    assert flagged(rules_only, "Il serait impliqué dans un trafic, à ce qu'on dit.", "hypothesis", "à ce qu'on dit")


@pytest.mark.parametrize(
    "text",
    ["Toujours en train de chercher un logement.", "Passe son temps à chercher du travail.",
     "Ne sait pas gérer les démarches en ligne, aide proposée."],
)
def test_habitual_or_incapacity_wording_about_a_need_is_clean(rules_only, text):
    assert not any(c == "judgement" for c, _ in cats(rules_only, text))


def test_names_and_places_in_context(analyser):
    # a capitalised health term is that term, not a person
    c = cats(analyser, "Entretien avec M. Denis. TDAH diagnostiqué, sous Ritaline.")
    assert ("health", "Ritaline") in c and not any(k == "third_party" for k, _ in c)
    # a town a few words after a place word and « de »
    assert not any(k == "third_party" for k, _ in cats(analyser, "RDV Mme Gautier à l'antenne ASE de Tourcoing."))
    # the employee received, named with her job
    assert not any(k == "third_party" for k, _ in cats(analyser, "Salarié reçu : M. Paul, aide-soignant."))


@pytest.mark.parametrize("text, category, words", [
    ("Sans doute une consommation d'alcool importante le week-end.", "health", "alcool"),
    ("Sans aucun doute victime de violences de la part de son ex-conjoint.", "criminal", "violences"),
    ("Nul doute que le refus de titre de séjour pèse sur lui.", "immigration", "refus de titre de séjour"),
])
def test_a_hedge_with_doute_is_not_a_negation(analyser, text, category, words):
    assert flagged(analyser, text, category, words), cats(analyser, text)


@pytest.mark.parametrize("text, category", [
    ("Sans problème d'alcool signalé.", "health"),
    ("Pas de consommation d'alcool.", "health"),
])
def test_sans_and_pas_still_negate_otherwise(analyser, text, category):
    assert not any(c == category for c, _ in cats(analyser, text)), cats(analyser, text)


@pytest.mark.parametrize("text", [
    "Doit avoir des dettes de jeu, les relances s'accumulent.",
    "Il semble que Monsieur joue au casino le samedi.",
    "Aurait des dettes de jeu importantes selon sa soeur.",
])
def test_gambling_guessed_is_a_hypothesis(analyser, text):
    assert any(c == "hypothesis" for c, _ in cats(analyser, text)), cats(analyser, text)


def test_gambling_stated_by_the_person_is_no_hypothesis(analyser):
    text = "Monsieur dit avoir des dettes de jeu anciennes, un plan d'apurement est en cours."
    assert not any(c == "hypothesis" for c, _ in cats(analyser, text)), cats(analyser, text)
