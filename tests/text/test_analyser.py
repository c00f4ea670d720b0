"""Behaviour of the French note analyser: the conventions of the subjective check."""

import time

import pytest

from auditor.identifiers import find_identifiers
from auditor.text import Flag, Lexicon, LexiconError, TextAnalyser, default_lexicon_paths
from tests.text.helpers import cats


def has(analyser, text, category, words=None):
    return any(c == category and (words is None or words.lower() in w.lower()) for c, w in cats(analyser, text))


# --- what must be flagged -------------------------------------------------

@pytest.mark.parametrize(
    "text, category, words",
    [
        ("Mme Lefort est très manipulatrice.", "judgement", "manipulatrice"),
        ("M. Aubert est un manipulateur.", "judgement", "manipulateur"),
        ("C'est une mère défaillante.", "judgement", "mère défaillante"),
        ("Des parents défaillants.", "judgement", "défaillants"),
        ("M. Garnier est peu mobilisable.", "judgement", "peu mobilisable"),
        ("Elle se complaît dans l'assistanat.", "judgement", "assistanat"),
        ("Ils se complaisent dans l’assistanat.", "judgement", "assistanat"),
        ("Mme Giraud est une mère exemplaire.", "judgement", "mère exemplaire"),  # positive appraisal
        ("M. Roussel prétend ne pas avoir reçu le courrier.", "judgement", "prétend"),
        ("Mme Dumas affirme que le loyer est payé.", "judgement", "affirme que"),
        ("Il a cherché un travail, selon ses dires.", "judgement", "selon ses dires"),
        ("Mme Rey a « oublié » de déclarer ses revenus.", "judgement", "« oublié »"),  # scare quotes
        ("M. Fabre cache probablement des revenus.", "hypothesis", "probablement"),
        ("Il est probable que M. Brun boit.", "hypothesis", "il est probable que"),
        ("On peut supposer que Mme Colas héberge son ex-conjoint.", "hypothesis", "on peut supposer"),
        ("Mme Marchand semble dépressive.", "hypothesis", "semble"),
        ("Mme Tessier indique être suivie au CMP.", "health", "suivie au cmp"),  # reported speech stays sensitive
        ("M. Rolland est diabétique.", "health", "diabétique"),
        ("M. Carré a fait une tentative de suicide.", "health", "tentative de suicide"),
        ("M. Vincent est homosexuel.", "sexuality", "homosexuel"),
        ("Mme Fontaine vit avec sa compagne.", "sexuality", "sa compagne"),
        ("Mme Mercier porte le voile.", "religion", "voile"),
        ("M. Roy est musulman pratiquant.", "religion", "musulman"),
        ("Mme Guyot est d'origine maghrébine.", "origin", "origine maghrébine"),
        ("Mme Simon est syndiquée à la CGT.", "political", "syndiquée"),
        ("M. Morel est militant communiste.", "political", "communiste"),
        ("M. Marie sort de prison.", "criminal", "prison"),
        ("M. Haddad travaille au noir.", "criminal", "au noir"),
        ("M. Sow est sans papiers.", "immigration", "sans papiers"),
        ("Mme Camara fait l'objet d'une OQTF.", "immigration", "oqtf"),
        ("Mme Toure a été déboutée du droit d'asile.", "immigration", "déboutée"),
        ("Mme Lemoine est venue avec son fils Enzo.", "third_party", "Enzo"),
        ("M. Ferrand se plaint de son voisin M. Kowalski.", "third_party", "Kowalski"),
        ("Tél : 06 12 34 56 78.", "identifier", "06 12 34 56 78"),
        ("NIR 2 53 07 2B 073 004 70.", "identifier", "2B"),
    ],
)
def test_flagged(rules_only, text, category, words):
    assert has(rules_only, text, category, words), cats(rules_only, text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("MME LEFORT EST MANIPULATRICE.", "judgement"),  # capitals
        ("Une mere defaillante.", "judgement"),  # no accents
        ("Elle se complait dans l'assistanat.", "judgement"),
        ("Mme Gomez est depressive.", "health"),
        ("Des manipulatrices.", "judgement"),  # number
        ("Un père   défaillant.", "judgement"),  # gender, spacing
    ],
)
def test_french_variants(rules_only, text, category):
    assert has(rules_only, text, category), cats(rules_only, text)


# --- hard negatives: conventions --------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Pas de problème de santé signalé.",  # a negation discloses nothing
        "Aucun antécédent médical n'est signalé par Mme Lemaire.",
        "Mme Weber n'a jamais été hospitalisée.",
        "Mme Duclos n'a pas d'antécédent judiciaire.",
        "Mme Renaud dit : « je suis contente d'avoir enfin un logement à moi ».",  # own words, neutral
        "Mme Marchand semble satisfaite de la solution proposée.",  # hedge about a neutral fact
        "Le dossier sera probablement examiné lors de la prochaine commission.",
        "Le versement de l'aide interviendra sans doute la semaine prochaine.",
        "Mme Benard a transmis son attestation de droits CPAM.",  # institutions
        "La réunion de synthèse a eu lieu dans les locaux du CMP.",
        "Mme Tessier travaille comme agente d'entretien au centre hospitalier.",
        "M. Leroux travaille à l'hôpital comme brancardier.",
        "Une mesure d'AEMO a été ordonnée par le juge des enfants.",  # civil matters
        "Mme Vasseur a été reçue à l'audience d'expulsion au tribunal judiciaire.",
        "Les enfants de Mme Hardy sont placés à l'ASE depuis le jugement de mars.",
        "M. Lebon est sous curatelle renforcée.",
        "Mme Guyot est de nationalité marocaine, titulaire d'une carte de résident.",  # not irregular
        "Mme Toure est demandeuse d'asile et hébergée au CADA.",
        "M. Diop est réfugié statutaire.",
        "M. Cisse risque l'expulsion locative faute de paiement du loyer.",
        "Mme Laurent habite un quartier prioritaire de la politique de la ville.",
        "M. Leroy a manifesté son accord pour le plan d'apurement.",
        "Mme David est partie vivre chez sa sœur.",
        "Le syndic de copropriété a relancé les charges impayées.",
        "Mme Blanchard a reçu une aide du Secours catholique.",
        "Les vacances de Noël se passeront chez la grand-mère.",
        "M. Vincent vit avec sa compagne et leurs deux enfants.",  # man with a female partner
        "Mme Carpentier vit avec son compagnon et leur bébé.",
        "La situation locative de Mme Renaud est instable.",  # about a situation, not the person
    ],
)
def test_clean(rules_only, text):
    flags = [f for f in rules_only.analyse(text) if f.category not in ("third_party", "identifier")]
    assert flags == [], cats(rules_only, text)


def test_person_accompanied_is_never_third_party(analyser):
    text = "Mme Lefort est venue seule. Mme Lefort a signé son contrat."
    assert not has(analyser, text, "third_party")
    couple = "M. et Mme Perrin ont un reste à vivre faible. Mme Perrin travaille."
    assert not has(analyser, couple, "third_party")


def test_named_relatives_and_professionals_are_third_parties(analyser):
    text = "Échange avec Mme Roux, conseillère CAF, au sujet du dossier de Mme Petitjean. Sa sœur Sandrine l'héberge."
    found = [w for c, w in cats(analyser, text) if c == "third_party"]
    assert "Roux" in found and "Sandrine" in found
    assert "Petitjean" not in found


def test_names_in_street_and_school_names_are_not_people(analyser):
    text = "Mme Mathieu a rencontré l'éducatrice de son fils au collège Victor Hugo."
    assert not has(analyser, text, "third_party")


def test_flags_are_sorted_and_do_not_overlap_within_a_category(analyser):
    text = ("M. Jacob est alcoolique et ingérable quand il a bu ; il cache probablement des revenus. "
            "Son voisin M. Kowalski, tél. 06 12 34 56 78, le dit manipulateur.")
    flags = analyser.analyse(text)
    assert flags == sorted(flags, key=lambda f: (f.start, f.end, f.category))
    for a in flags:
        assert 0 <= a.start < a.end <= len(text)
        for b in flags:
            if a is not b and a.category == b.category:
                assert a.end <= b.start or b.end <= a.start


def test_flag_carries_rule_and_suggestion(rules_only):
    (flag,) = [f for f in rules_only.analyse("Mme X est manipulatrice.") if f.category == "judgement"]
    assert isinstance(flag, Flag)
    assert flag.rule == "jug.manipulateur"
    assert flag.suggestion and "faits" in flag.suggestion


def test_analyse_many_matches_analyse(analyser):
    texts = ["Mme X est manipulatrice.", "", "Son fils Enzo va bien.", "M. Sow est sans papiers. Tél 0612345678."]
    assert list(analyser.analyse_many(texts, batch_size=2)) == [analyser.analyse(t) for t in texts]


def test_policy_can_add_and_remove_entries():
    paths = default_lexicon_paths()
    base = Lexicon.load(paths)
    assert "jug.positif" in base.by_id
    lex = Lexicon.load(
        paths,
        add=[{"id": "local.cas_social", "category": "judgement", "terms": ["cas social", "cas sociaux"],
              "suggestion": "Décrire la situation."}],
        remove=["jug.positif"],
    )
    an = TextAnalyser(lex, use_ner=False)
    assert has(an, "C'est un cas social.", "judgement", "cas social")
    assert not has(an, "Mme Giraud est une mère exemplaire.", "judgement")
    assert "jug.positif" not in lex.by_id


def test_bad_lexicon_entries_are_rejected(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('[[entry]]\nid = "x"\ncategory = "nope"\nterms = ["a"]\n', encoding="utf-8")
    with pytest.raises(LexiconError):
        Lexicon.load([p])
    with pytest.raises(LexiconError):
        Lexicon.load([], add=[{"id": "y", "category": "judgement", "terms": ["(a"]}])


def test_every_lexicon_entry_has_an_id_category_and_terms(lexicon):
    assert len(lexicon) > 20
    for e in lexicon:
        assert e.id and e.forms


# --- redaction --------------------------------------------------------------

NOTE = ("Mme Durand, née le 12/03/1985, NIR 2 53 07 2B 073 004 70, habite 12 rue des Lilas, 75011 Paris. "
        "Son voisin Karim Benali la dit manipulatrice. Tél 06 12 34 56 78, mail j.durand@orange.fr, "
        "IBAN FR76 3000 6000 0112 3456 7890 189, n° allocataire 1234567. Sa fille Inès va bien.")
SECRETS = ["Durand", "12/03/1985", "2 53 07 2B 073 004 70", "rue des Lilas", "Karim", "Benali",
           "06 12 34 56 78", "j.durand@orange.fr", "FR76", "1234567", "Inès"]


def test_redact_leaves_no_name_or_identifier(analyser):
    out = analyser.redact(NOTE)
    for s in SECRETS:
        assert s not in out, (s, out)
    for ph in ("[NOM]", "[NIR]", "[ADRESSE]", "[TÉLÉPHONE]", "[E-MAIL]", "[IBAN]", "[DATE]", "[N° ALLOCATAIRE]"):
        assert ph in out
    assert "manipulatrice" in out
    assert find_identifiers(out) == []


def test_redact_is_conservative_with_unknown_capitalised_words(rules_only):
    out = rules_only.redact("Elle a vu Zorglub hier à la CAF et au CMP.")
    assert "Zorglub" not in out
    assert "CAF" in out and "CMP" in out


def test_redact_replaces_a_surname_that_is_also_a_common_word(analyser):
    out = analyser.redact("Elle travaille chez Blanc depuis mars et voit Noir le lundi.")
    assert "Blanc" not in out and "Noir" not in out


def test_redact_extra_values(analyser):
    out = analyser.redact("le dossier de lefort est complet", extra_values=["Lefort"])
    assert "lefort" not in out.lower()


def test_excerpt_keeps_flagged_words_but_not_names(analyser):
    flags = analyser.analyse(NOTE)
    jug = next(f for f in flags if f.category == "judgement")
    ex = analyser.excerpt(NOTE, jug, width=40)
    assert "manipulatrice" in ex
    assert "Benali" not in ex and "Karim" not in ex
    third = next(f for f in flags if f.category == "third_party")
    assert "Benali" not in analyser.excerpt(NOTE, third) and "Karim" not in analyser.excerpt(NOTE, third)
    ident = next(f for f in flags if f.category == "identifier")
    assert NOTE[ident.start:ident.end] not in analyser.excerpt(NOTE, ident)


def test_excerpt_of_a_scare_quote_around_a_name_still_hides_the_name(analyser):
    text = "Mme Lefort dit que son fils « Enzo » va mieux."
    for f in analyser.analyse(text):
        assert "Enzo" not in analyser.excerpt(text, f), f


def test_one_note_is_fast_once_loaded(analyser):
    note = ("Entretien avec Mme Lefort au sujet de son budget. Elle indique que son fils Enzo ne va plus au "
            "collège et que son voisin M. Kowalski fait du bruit. Elle est très manipulatrice et cache "
            "probablement des revenus. Pas de problème de santé signalé. Tél 06 12 34 56 78.")
    analyser.analyse(note)  # load
    t = time.perf_counter()
    analyser.analyse(note)
    assert time.perf_counter() - t < 0.5


# --- issue 20 item 2: masking that misfires; issue 14: names the rules did not see ---

import pytest  # noqa: E402


@pytest.mark.parametrize("text, word", [
    ("Souhaite prendre le temps de réfléchir avant de signer.", "Souhaite"),
    ("Renseignements sur les aides au logement.", "Renseignements"),
    ("Point sur les aides possibles.\nPermanence : rien à signaler.", "Permanence"),
    ("Mme Roux vient. Devis transmis à la mutuelle. Rappel des horaires.", "Devis"),
    ("Information donnée sur Logement et Visale.", "Logement"),
])
def test_capitalised_common_words_are_not_names(analyser, text, word):
    assert word in analyser.redact(text)
    assert not has(analyser, text, "third_party")


@pytest.mark.parametrize("text", [
    "Permanence : Mme Dubois se présente sans RDV.",
    "Mme Dubois se présente. Elle souhaite une aide.",
    "Rdv avec Mr Dupont ce jour. Mr Dupont apporte ses bulletins.",
    "Rdv avec M. Roux à la MDS de Douai.",
])
def test_the_person_accompanied_is_never_a_third_party(analyser, text):
    assert not has(analyser, text, "third_party")


@pytest.mark.parametrize("text, name", [
    ("Mme Roux est hébergée chez Sabrina depuis mars.", "Sabrina"),
    ("Entretien avec M. Petit. Tensions avec Karim de l'équipe de nuit.", "Karim"),
    ("Entretien SST avec Mme Roux. Sa N+1, Nadia, refuse le changement d'horaires.", "Nadia"),
    ("Mme Roux. Conflit avec son manager, M. Leroy.", "Leroy"),
    ("Le directeur de site, Julien Moreau, est informé.", "Julien Moreau"),
    ("M. Petit vient avec Fanny qui l'aide à lire les courriers.", "Fanny"),
])
def test_third_parties_by_given_name_preposition_or_work_relation(analyser, text, name):
    flags = [text[f.start:f.end] for f in analyser.analyse(text) if f.category == "third_party"]
    assert any(name in x or x in name for x in flags), flags
    assert name.split()[0] not in analyser.redact(text)


@pytest.mark.parametrize("text, category, words", [
    ("Monsieur boirait le week-end.", "hypothesis", "boirait"),
    ("Elle vivrait en couple avec le père de ses enfants.", "hypothesis", "vivrait"),
    ("Monsieur aurait une addiction à l'alcool.", "hypothesis", "aurait"),
    ("Attitude désinvolte pendant tout l'entretien.", "judgement", "Attitude désinvolte"),
    ("Mme Roux est très revendicative.", "judgement", "revendicative"),
    ("Bénéficiaire peu motivé.", "judgement", "peu motivé"),
    ("Elle s'est montrée très collaborante.", "judgement", "collaborante"),
    ("Manque total d'implication dans son parcours.", "judgement", "Manque total d'implication"),
])
def test_hypotheses_and_appraisals_by_their_form(analyser, text, category, words):
    assert has(analyser, text, category, words)


@pytest.mark.parametrize("text", [
    "Madame souhaiterait un rendez-vous la semaine prochaine.",
    "Le versement devrait intervenir fin juin.",
    "Il serait d'accord pour venir jeudi.",
    "Madame est très fatiguée par le déménagement.",
    "Le logement est très humide.",
    "Comportement alimentaire de l'enfant suivi par la PMI.",
    "Retrait d'argent au distributeur.",
])
def test_neutral_conditionals_and_descriptions_are_clean(analyser, text):
    assert not has(analyser, text, "hypothesis") and not has(analyser, text, "judgement")


@pytest.mark.parametrize("text, category", [
    ("Reprise en mi-temps thérapeutique à compter du 4.", "health"),
    ("Avis d'inaptitude rendu par le médecin du travail.", "health"),
    ("Accident du travail en mars, entorse à la cheville.", "health"),
    ("Il est élu CSE sur la liste CGT.", "political"),
    ("Utilise ses heures de délégation pour les réunions.", "political"),
    ("Autorisation de travail retirée par la préfecture.", "immigration"),
    ("Titre de séjour expiré, l'employeur suspend le contrat.", "immigration"),
])
def test_workplace_wording_of_sensitive_categories(analyser, text, category):
    assert has(analyser, text, category)


@pytest.mark.parametrize("text", [
    "Réunion du CSE prévue jeudi, le service social y présente son bilan.",
    "Titre de séjour renouvelé en mars, copie remise aux RH.",
    "Aucun arrêt de travail sur l'année.",
    "Contact avec la CAF pour la régularisation de l'indu.",
    "Régularisée depuis 2019, carte de résident.",
])
def test_workplace_hard_negatives(analyser, text):
    cats = {f.category for f in analyser.analyse(text)}
    assert not cats & {"health", "political", "immigration"}, cats


def test_sample_notes_keep_their_common_words(analyser):
    """Issue 20: in the company sample, "Souhaite prendre le temps..." and "Information
    sur les aides..." came out as "[NOM] prendre le temps", "[NOM] sur les aides"."""
    import sqlite3
    from pathlib import Path

    db = Path(__file__).resolve().parents[2] / "sample_data" / "company" / "company.sqlite"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        texts = [t for (t,) in con.execute(
            "SELECT observations FROM demande WHERE observations LIKE '%Souhaite prendre%' "
            "OR observations LIKE '%Information sur%' OR observations LIKE '%Information donnée sur%' LIMIT 60")]
    finally:
        con.close()
    assert texts
    for t in texts:
        red = analyser.redact(t)
        assert "[NOM] prendre" not in red and "[NOM] sur" not in red, red


@pytest.mark.parametrize("text", [
    "Mme Roux a rendez-vous au CHU Jean Minjoz.",
    "Mme Roux travaille à l'EHPAD Marie Curie.",
    "Le fils de Mme Roux est à l'école maternelle Louise Michel.",
])
def test_given_names_in_institution_names_are_places(analyser, text):
    assert not has(analyser, text, "third_party")


@pytest.mark.parametrize("text, flagged", [
    ("Elle doit toucher des revenus non déclarés.", True),
    ("Il doit boire le soir.", True),
    ("Doit avoir un problème d'alcool.", True),
    ("Il doit toucher son APL le 5.", False),
    ("Madame doit se rendre au CMP pour son suivi.", False),
    ("Il doit voir son médecin traitant la semaine prochaine.", False),
])
def test_devoir_is_a_guess_only_before_a_conduct(analyser, text, flagged):
    assert has(analyser, text, "hypothesis") is flagged


@pytest.mark.parametrize("text, flagged", [
    ("Problèmes psychologiques, addiction à l'alcool", True),
    ("Orientation vers une consultation d'alcoologie", True),
    ("Madame est suivie en cardiologie au CHU.", True),
    ("Signalement de l'équipe de cardiologie pour un retour à domicile.", False),
])
def test_health_said_by_care_and_specialty(analyser, text, flagged):
    assert has(analyser, text, "health") is flagged


def test_a_limited_command_of_french_is_no_judgement(analyser):
    text = "Freins : mobilité réduite, maîtrise limitée du français, isolement."
    assert not has(analyser, text, "judgement")
    assert has(analyser, "Madame est très limitée intellectuellement.", "judgement")


@pytest.mark.parametrize("text, hidden", [
    ("Mme Roux est hébergée chez Blanc depuis mars.", "Blanc"),
    ("Appel de Boulanger ce matin au sujet du loyer.", "Boulanger"),
    ("Mme Roux vit avec Petit et leurs deux enfants.", "Petit"),
])
def test_surnames_that_are_common_words_stay_redacted(analyser, text, hidden):
    assert hidden not in analyser.redact(text)


def test_organisation_named_by_common_words_is_kept(analyser):
    text = "Information donnée sur Action Logement et les aides à la mobilité."
    assert analyser.redact(text) == text
