"""Breadth of the note analyser (issue 14, second round): vocabulary and forms of services the
register corpus does not cover (MJPM/tutelle, PMI, mission locale, school, CHRS, EHPAD/APA, hospital,
psychiatry, addiction, SPIP/prison, child protection, workplace, RSA, housing, disability).

Every sentence here was written for these tests, from general knowledge of how such notes are
worded; none is copied from the register corpus nor from any held-out set. Grouped by mechanism,
each group with its hard negatives."""

import pytest
from tests.text.helpers import cats, flagged, clean_of


# --- health: lexicon breadth (diseases, disabilities, drugs, short forms, care settings) ----

@pytest.mark.parametrize("text, words", [
        ("M. Caron vit en EHPAD, unité protégée, depuis son diagnostic d'Alzheimer.", 'alzheimer'),
        ('Mme Pelletier présente une polyarthrite qui limite ses déplacements.', 'polyarthrite'),
        ("M. Duval souffre d'une cirrhose.", 'cirrhose'),
        ('Mme Brunet a des lombalgies chroniques.', 'lombalgie'),
        ('Le fils a une myopathie et se déplace en fauteuil roulant.', 'myopathie'),
        ('M. Marchal est hémiplégique depuis son AVC de 2021.', 'hémiplégique'),
        ("Mme Renaud a subi une mastectomie l'an dernier.", 'mastectomie'),
        ('M. Lacroix est suivi pour une schizophrénie paranoïde.', 'schizophrénie'),
        ("Mme Gilles est anémiée et très amaigrie, dénutrition signalée par l'infirmière.", 'dénutrition'),
        ('Chute à domicile la semaine dernière, M. Hubert a été conduit aux urgences.', 'chute'),
        ('Troubles cognitifs importants, M. Perrin oublie ses rendez-vous.', 'troubles cognitifs'),
        ("L'enfant est diagnostiqué TSA, prise en charge au CMPP.", 'TSA'),
        ('Léo est dyslexique, un PAP est mis en place au collège.', 'dyslexique'),
        ("Mme Leclerc est sous neuroleptiques depuis sa sortie de l'EPSM.", 'neuroleptiques'),
        ('M. Bertin prend du Subutex, suivi au CSAPA.', 'subutex'),
        ('Mme Morin fait une dépression post-partum depuis la naissance.', 'dépression'),
        ('Mme Roche est enceinte de quatre mois, suivi PMI.', 'enceinte'),
        ('Elle a eu recours à une IVG en mars.', 'IVG'),
        ('M. Chevalier est en arrêt maladie depuis janvier.', 'arrêt maladie'),
        ('M. Gauthier a une RQTH et cherche un poste adapté.', 'RQTH'),
        ("Mme Fleury perçoit une pension d'invalidité catégorie 2.", 'invalidité'),
        ('Le médecin du travail a prononcé une inaptitude au poste.', 'inaptitude'),
        ('M. Blanc est en mi-temps thérapeutique.', 'mi-temps thérapeutique'),
        ('Mme Collin a une sclérose en plaques diagnostiquée en 2019.', 'sclérose'),
        ('M. Renard est insulinodépendant.', 'insulinodépendant'),
        ("Mme Laurent a des crises d'angoisse fréquentes.", 'angoisse'),
        ('M. Dupuis est hospitalisé sous contrainte (SDRE).', 'hospitalisé'),
        ('Mme Masson a été admise en HDT à la demande de sa sœur.', 'HDT'),
        ('Le jeune est suivi en hôpital de jour pédopsychiatrique.', 'pédopsychiatri'),
        ("M. Picard est atteint d'une BPCO, sous oxygène à domicile.", 'BPCO'),
        ("Mme Aubry est en rémission d'un lymphome.", 'lymphome'),
        ('M. Fournier a une prothèse de hanche et marche avec une canne.', 'prothèse'),
        ('Mme Rolland est sous traitement antirétroviral.', 'antirétrovira'),
        ('M. Legrand est alcoolodépendant et a rechuté après sa cure.', 'alcoolodépendant'),
        ('Mme Noël consomme de la cocaïne le week-end.', 'cocaïne'),
        ('M. Bailly est sous méthadone, délivrance quotidienne en pharmacie.', 'méthadone'),
        ('Mme Hamon souffre de troubles du sommeil et prend des benzodiazépines.', 'benzodiazépines'),
        ('M. Giraud a une insuffisance rénale et est dialysé trois fois par semaine.', 'insuffisance rénale'),
        ("L'enfant présente un retard de développement, bilan au CAMSP.", 'retard de développement'),
        ('Mme Robin est malvoyante depuis un glaucome.', 'glaucome'),
        ('M. Meyer est en ALD pour son diabète.', 'diabète'),
        ("Mme Joly fait des crises d'épilepsie.", 'épilepsie'),
        ('M. Lemaire est trisomique, accueilli en foyer de vie.', 'trisomique'),
        ('Mme Barbier a fait un burn-out et est arrêtée depuis trois mois.', 'burn-out'),
        ('M. Schmitt présente une déficience intellectuelle légère.', 'déficience intellectuelle'),
        ('Mme Carpentier a des idées suicidaires, orientée vers les urgences psychiatriques.', 'suicidaires'),
        ('M. Rey est sous antipsychotiques.', 'antipsychotique'),
        ("L'adolescente s'automutile, scarifications sur les avant-bras.", 'scarification'),
        ('M. Besson est atteint de la maladie de Parkinson.', 'parkinson'),
        ('Mme Vidal est sortie de maternité avec son bébé prématuré.', 'prématuré'),
])
def test_health_breadth(rules_only, text, words):
    assert flagged(rules_only, text, "health", words), cats(rules_only, text)


# --- health: medical morphology (-ectomie, -plégie, -pathie, -algie, -émie, -thérapie, -ite...) --

@pytest.mark.parametrize("text, words", [
        ("M. Arnaud souffre d'une bronchite chronique.", 'bronchite'),
        ('Elle a été opérée : cholécystectomie en février.', 'cholécystectomie'),
        ("Il est tétraplégique depuis l'accident.", 'tétraplégique'),
        ('M. Noel a une neuropathie diabétique.', 'neuropathie'),
        ('Mme Petit se plaint de névralgies.', 'névralgies'),
        ('Séances de kinésithérapie deux fois par semaine.', 'kinésithérapie'),
        ('Il fait des hypoglycémies.', 'hypoglycémies'),
        ("Elle souffre d'une scoliose sévère.", 'scoliose'),
        ("Mme Renaud a subi une mastectomie l'an dernier.", 'mastectomie'),
        ('Fibrome découvert, elle a une hystérectomie prévue en juin.', 'hystérectomie'),
        ('Il a une cardiopathie ischémique.', 'cardiopathie'),
        ('M. Olivier a un adénome.', 'adénome'),
])
def test_medical_morphology(rules_only, text, words):
    assert flagged(rules_only, text, "health", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
        'La visite de la maison a eu lieu.',
        'Mme Lenoir a proposé une solution.',
        'Dossier de retraite complet.',
        'Fiche de la petite enfance.',
        'Suivi de la réussite éducative.',
        'La dose de chauffage est insuffisante.',
        'M. Blanc a un diplôme de cuisine.',
        "Elle a une grande sympathie pour l'équipe.",
        'La conduite à tenir est claire.',
        'Elle habite chez sa mère.',
        'Jeux sur le site de la mairie.',
        'Demande de carte de mobilite inclusion.',
        'Vit dans une grande precarite.',
        'Copie de la carte de nationalite transmise.',
        "Il a eu une augmentation de la facture d'électricité.",
        "Elle travaille à l'académie de Lyon.",
        'Aucune priorite pour le logement social.',
        'Rendez-vous rue Marguerite de Navarre.',
])
def test_medical_morphology_spares_ordinary_words(rules_only, text):
    assert clean_of(rules_only, text, "health"), cats(rules_only, text)


def test_morphology_follows_its_entry(lexicon):
    from auditor.text import Lexicon, TextAnalyser, default_lexicon_paths
    bare = TextAnalyser(Lexicon.load(default_lexicon_paths(), remove=["sante.maladie"]), use_ner=False)
    assert not flagged(bare, "M. Arnaud souffre d'une bronchite chronique.", "health", "bronchite")


@pytest.mark.parametrize("text", [
        "Mme Caron travaille comme aide-soignante à l'EHPAD des Lilas.",
        "Rendez-vous pris avec le médecin traitant pour le certificat de l'APA.",
        "Visite médicale d'embauche prévue le 12 mars.",
        'Réunion avec le service de santé au travail sur la prévention des risques.',
        'Mme Gilles a reçu sa carte Vitale et son attestation de complémentaire santé.',
        'M. Hubert est à jour de ses vaccins, bilan de santé sans particularité.',
        'Dossier de mutuelle transmis à la CPAM.',
        'La réunion a eu lieu dans les locaux du CMP.',
        'Aucun problème de santé signalé.',
        "La chute des prix de l'énergie a allégé la facture.",
        'Mme Robin est en bonne santé.',
        'Le bébé va bien, pesée à la PMI sans remarque.',
        'Le collège a proposé une réunion avec les parents.',
        'Elle a demandé à la mutuelle le remboursement des lunettes.',
        'M. Perrin a rendez-vous avec le médecin de la CAF pour un contrôle.',
])
def test_health_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "health"), cats(rules_only, text)


# --- criminal: penal measures and procedures, offences suffered ----------------------------

@pytest.mark.parametrize("text, words", [
        ("M. Lefèvre est suivi par le SPIP dans le cadre d'un sursis probatoire.", 'SPIP'),
        ('Il doit effectuer 105 heures de TIG.', 'TIG'),
        ('M. Girard est sous contrôle judiciaire avec interdiction de contact.', 'contrôle judiciaire'),
        ('Le fils aîné est suivi par la PJJ.', 'PJJ'),
        ('M. Moulin a été placé en détention provisoire.', 'détention'),
        ('Sortant de détention, M. Faure est hébergé en CHRS.', 'détention'),
        ("M. Bonnet est sous PSE jusqu'en juin.", 'sous PSE'),
        ('Il a écopé de six mois ferme.', 'mois ferme'),
        ('Convoqué devant le tribunal correctionnel le 3 avril.', 'tribunal correctionnel'),
        ('Mme Lemoine a déposé une main courante contre son ex-conjoint.', 'main courante'),
        ('M. Roussel a été placé en garde à vue après une rixe.', 'garde à vue'),
        ('Mme André est victime de violences conjugales, ordonnance de protection en cours.', 'violences conjugales'),
        ('Le jeune a été interpellé pour vol de scooter.', 'interpellé'),
        ("M. Caillaud est sous le coup d'une obligation de soins.", 'obligation de soins'),
        ("Il est incarcéré à la maison d'arrêt depuis novembre.", 'incarcéré'),
        ('M. Bernier a purgé sa peine et sort de centre de détention.', 'peine'),
        ('Libéré en fin de peine, M. Colas cherche un logement.', 'fin de peine'),
        ('Mme Perret a porté plainte pour harcèlement.', 'harcèlement'),
        ('Le mineur est placé en CEF par le juge des enfants au pénal.', 'CEF'),
        ('M. Pons a un rappel à la loi pour usage de stupéfiants.', 'rappel à la loi'),
        ('Il a été condamné à une amende pour conduite sans permis.', 'condamné'),
        ('M. Marty est en aménagement de peine, semi-liberté.', 'semi-liberté'),
        ("Elle a été victime d'un viol en 2018.", 'viol'),
        ('M. Arnaud est inscrit au FIJAIS.', 'FIJAIS'),
        ("Le jeune a fait l'objet d'une mesure de réparation pénale.", 'réparation pénale'),
        ('Il a été mis en examen pour trafic de stupéfiants.', 'mis en examen'),
        ('M. Vasseur est sorti de prison le mois dernier.', 'prison'),
        ("Mme Lambert est victime d'escroquerie sur internet.", 'escroquerie'),
        ("Mme Lefort s'est fait voler son sac.", "s'est fait voler"),
        ('Elle a été reçue au commissariat pour déposer plainte.', 'déposer plainte'),
        ('M. Bastien a été déféré au parquet.', 'déféré au parquet'),
        ('Il rend visite à son frère au parloir chaque samedi.', 'parloir'),
])
def test_criminal_breadth(rules_only, text, words):
    assert flagged(rules_only, text, "criminal", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
        "Audience devant le juge des enfants pour le renouvellement de l'AEMO.",
        "Audience au tribunal judiciaire pour l'expulsion locative le 5 mai.",
        'Le juge des contentieux de la protection a ouvert une curatelle renforcée.',
        'Aucun antécédent judiciaire.',
        'Extrait de casier judiciaire vierge fourni pour la candidature.',
        "Passage de l'huissier pour la dette de loyer.",
        'Mme Roy travaille comme surveillante pénitentiaire.',
        'Rendez-vous au tribunal pour la requête au JAF sur la garde des enfants.',
        'Dossier de surendettement déposé à la Banque de France.',
        'M. Faure a vu le mandataire judiciaire à la protection des majeurs.',
        "Le comité d'entreprise a présenté le PSE aux salariés.",
        'M. Robin a rangé ses affaires dans son casier au CHRS.',
        "Mme Klein est conseillère pénitentiaire d'insertion et de probation.",
        'Placé en foyer par le juge des enfants (assistance éducative).',
        "Le médecin a été prévenu de l'absence.",
])
def test_criminal_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "criminal"), cats(rules_only, text)


# --- judgement: traits and qualities, negative and positive (convention 4) -----------------

@pytest.mark.parametrize("text, words", [
        ('Mme Meunier est très envahissante au téléphone.', 'envahissante'),
        ('M. Riviere est un homme fruste.', 'fruste'),
        ('Mère peu contenante, elle crie sur les enfants.', 'peu contenante'),
        ('Le jeune est désagréable et provocateur.', 'provocateur'),
        ('M. Maillard est un manipulateur pervers.', 'pervers'),
        ("Mme Colin est d'une grande gentillesse.", 'gentillesse'),
        ("M. Martin est ingrat envers l'équipe.", 'ingrat'),
        ('Mme Giraud est complètement à côté de la plaque.', 'à côté de la plaque'),
        ("M. Poirier n'en fait qu'à sa tête.", "n'en fait qu'à sa tête"),
        ('Résidente acariâtre, en conflit avec tout le monde.', 'acariâtre'),
        ('M. Robert est un tire-au-flanc.', 'tire-au-flanc'),
        ('Mme Leroux est une personne lunatique.', 'lunatique'),
        ('Locataire peu soigneux, le logement est mal entretenu.', 'peu soigneux'),
        ('M. Petit est sournois et menteur.', 'menteur'),
        ('Mme Bertrand manque de maturité et de recul.', 'manque de maturité'),
        ("M. Guerin fait preuve d'une mauvaise volonté évidente.", 'mauvaise volonté'),
        ('Jeune très dynamique et motivé, agréable en atelier.', 'dynamique'),
        ('Mme Dubois est une maman formidable.', 'formidable'),
        ('Le père est totalement irresponsable.', 'irresponsable'),
        ('Mme Lucas est incapable de tenir son budget.', 'incapable'),
        ('M. Chevallier ne fait aucun effort pour chercher un emploi.', 'ne fait aucun effort'),
        ('Elle se complaît dans la plainte.', 'se complaît'),
        ('M. Adam est paresseux et peu fiable.', 'paresseux'),
        ('Mme Lemaitre est geignarde et pleurnicharde.', 'pleurnicharde'),
        ('Le résident est grincheux.', 'grincheux'),
        ('M. Hoarau est un menteur invétéré.', 'menteur'),
        ('Mme Fabre est obséquieuse avec la direction.', 'obséquieuse'),
        ('Mme Dumont joue la victime.', 'joue la victime'),
        ("M. Barre est quelqu'un de malin, il sait obtenir ce qu'il veut.", 'malin'),
        ('Jeune femme volage.', 'volage'),
        ('Mme Perrot est une mère fusionnelle et étouffante.', 'étouffante'),
        ('M. Roger est revêche et peu coopératif.', 'peu coopératif'),
        ('Elle est toujours de mauvaise humeur.', 'mauvaise humeur'),
        ('M. Hamel est soupe au lait.', 'soupe au lait'),
        ('Mme Prevost est une personne fragile psychologiquement et influençable.', 'influençable'),
])
def test_judgement_breadth(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text, words", [
        ("C'est un homme fruste et méfiant.", 'homme fruste'),
        ('Mme Lenoir est une personne discrète.', 'personne discrète'),
        ('Une dame charmante et très polie.', 'dame charmante'),
        ('Une élève brillante en mathématiques.', 'élève brillante'),
        ('Un garçon timide.', 'garçon timide'),
        ("Mme Colin est d'une grande gentillesse.", "d'une grande gentillesse"),
        ("Elle a fait preuve de mauvaise foi lors de l'entretien.", 'mauvaise foi'),
        ('Le jeune manque de maturité.', 'manque de maturité'),
        ("C'est quelqu'un de bizarre.", "quelqu'un de bizarre"),
])
def test_person_described_by_an_adjective(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
        'M. Riviere est inquiet pour son fils.',
        'Mme Colin est satisfaite de la solution proposée.',
        'La famille est nombreuse et recomposée.',
        "M. Martin est arrivé à l'heure au rendez-vous.",
        'Mme Leroux est célibataire, sans enfant.',
        'Le logement est propre et bien entretenu.',
        "M. Petit n'a pas pu venir au rendez-vous en raison de la grève.",
        "Mme Bertrand souhaite reprendre une formation d'aide-soignante.",
        'Le jeune a obtenu son CAP de cuisine.',
        "M. Guerin est en recherche active d'emploi.",
        'Mme Lucas a ouvert un compte bancaire.',
        'Le dossier APA est complet.',
        'Mme Dubois a exprimé son inquiétude quant au renouvellement du titre.',
        "C'est une femme enceinte de six mois.",
        "Il s'agit d'une famille nombreuse.",
        'Mme Klein est une mère isolée avec trois enfants.',
        "C'est une personne âgée dépendante.",
        'M. Toure est un jeune majeur sans ressources.',
        'Mme Roy est une mère célibataire.',
        "C'est un enfant unique.",
        'Un jeune marocain arrivé en 2022.',
        'Une famille roumaine hébergée au 115.',
        'Une famille afghane accueillie en CADA.',
        'Une maman fatiguée mais présente.',
        'Un locataire sortant a laissé les clés.',
        'Une personne ressource dans le quartier.',
        "Un usager régulier de l'accueil de jour.",
        'La dynamique familiale a évolué depuis le placement.',
        "Le montant de l'aide est ridicule au regard des charges.",
        "Atelier de prévention de l'agressivité au travail.",
        "Elle manque d'autonomie pour les démarches en ligne.",
        'M. Roy a un traitement très lourd.',
        'Une famille modeste, deux enfants.',
])
def test_judgement_hard_negatives(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


# --- negation of a verb: « ne ... pas » -------------------------------------------------------

@pytest.mark.parametrize("text", [
        "M. Lefort ne boit pas d'alcool.",
        'Elle ne fume pas.',
        'Il ne se drogue pas.',
])
def test_verb_inside_ne_pas_is_clean(rules_only, text):
    assert clean_of(rules_only, text), cats(rules_only, text)


def test_ne_plus_still_discloses(rules_only):
    assert flagged(rules_only, "M. Lefort ne boit plus depuis sa cure.", "health", "boit")


# --- third parties: given names, relation words ----------------------------------------------

@pytest.mark.parametrize("text, words", [
        ('Mme Bernard est venue avec sa fille Chloé.', 'Chloé'),
        ('M. Dubois est hébergé chez son cousin Rachid.', 'Rachid'),
        ('Elle vit avec son ami Kevin depuis mars.', 'Kevin'),
        ('Son ex-mari, M. Ferreira, ne verse plus la pension.', 'Ferreira'),
        ('Appel de la belle-mère, Mme Vasseur, inquiète.', 'Vasseur'),
        ('Mme Diallo est accompagnée de son neveu Moussa.', 'Moussa'),
        ("Son chef, M. Garnier, refuse l'aménagement du poste.", 'Garnier'),
        ('M. Leblanc a vu Jessica, la mère de son fils, hier.', 'Jessica'),
        ('Mme Henry confie ses enfants à sa voisine Mme Rousseau.', 'Rousseau'),
        ('Le fils de Mme Weber, Dylan, est en décrochage scolaire.', 'Dylan'),
        ('Mme Ngoma était présente avec son compagnon Ibrahim.', 'Ibrahim'),
        ("Le propriétaire, M. Da Silva, menace d'expulsion.", 'Da Silva'),
        ('Mme Girard est aidée par sa fille aînée Nathalie.', 'Nathalie'),
        ('M. Nguyen vit avec ses parents, Thi et Van.', 'Thi'),
        ("Yasmine, sa fille de 16 ans, refuse d'aller au lycée.", 'Yasmine'),
        ('M. Lopez a recontacté son frère Sébastien.', 'Sébastien'),
        ('Mme Benoit reçoit la visite de son petit-fils Lucas chaque week-end.', 'Lucas'),
        ("Le tuteur, M. Clément de l'UDAF, a validé le budget.", 'Clément'),
        ('Mme Faure signale que Brandon, son fils, fugue.', 'Brandon'),
        ('Mme Roux explique que la petite Inès est scolarisée en CE1.', 'Inès'),
        ('Madame vient avec Brandon.', 'Brandon'),
])
def test_third_party_breadth(analyser, text, words):
    assert flagged(analyser, text, "third_party", words), cats(analyser, text)


@pytest.mark.parametrize("text", [
        'Mme Bernard est venue seule au rendez-vous.',
        'M. Dubois est hébergé chez son cousin.',
        "Entretien avec Mme Diallo et l'assistante sociale du secteur.",
        'La conseillère CAF a validé le dossier.',
        'Inscription au collège Jean Moulin pour la rentrée.',
        'Rendez-vous à la mission locale de Saint-Denis.',
        'Mme Lemoine habite rue Victor Hugo.',
        'Le référent RSA a pris contact avec Pôle emploi.',
        "M. Martin est accompagné par l'éducatrice de l'AEMO.",
        "Réunion de synthèse à l'ASE de Lille.",
])
def test_third_party_hard_negatives(analyser, text):
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)


# --- other categories in other services' wording ---------------------------------------------

@pytest.mark.parametrize("text, category, words", [
        ("Il est possible qu'il consomme de l'alcool en soirée.", 'hypothesis', 'consomme'),
        ('Mme Vidal boirait le soir.', 'hypothesis', 'boirait'),
        ("On peut penser qu'elle héberge son compagnon.", 'hypothesis', 'héberge'),
        ('Je pense que M. Roy ne dit pas tout de ses ressources.', 'hypothesis', 'je pense que'),
        ('M. Klein est délégué syndical CGT dans son entreprise.', 'political', 'délégué syndical'),
        ('Mme Paris est militante à La France insoumise.', 'political', 'militante'),
        ('M. Benard est adhérent de FO.', 'political', 'adhérent'),
        ('Mme Haddad fait le ramadan et reporte le rendez-vous.', 'religion', 'ramadan'),
        ('M. Cohen est très pratiquant, il ne travaille pas le samedi.', 'religion', 'pratiquant'),
        ('La famille est témoin de Jéhovah et refuse la transfusion.', 'religion', 'témoin de jéhovah'),
])
def test_other_categories(rules_only, text, category, words):
    assert flagged(rules_only, text, category, words), cats(rules_only, text)


# --- clean notes of many services: institutions, plans, regular stay --------------------------

@pytest.mark.parametrize("text", [
        'Mme Roux souhaiterait reprendre une formation si une place se libère.',
        'Le versement sera probablement effectué fin mai.',
        "M. Lefort ne boit pas d'alcool.",
        'Pas de suivi médical particulier.',
        'Visite à domicile : logement en bon état, chauffage fonctionnel.',
        "Mme Simon est de nationalité algérienne, titre de séjour valide jusqu'en 2028.",
        'Le dossier sera examiné en commission le 14 juin.',
        "Mme Lopez indique qu'elle va bien et que les enfants sont scolarisés.",
        "Accompagnement à la CPAM pour l'ouverture des droits à la complémentaire santé solidaire.",
        "M. Petit a signé son contrat d'engagement réciproque RSA.",
        'Le jeune est inscrit en garantie jeunes à la mission locale.',
        'Demande APA déposée, évaluation à domicile prévue.',
        'Point budget avec la mandataire : factures à jour.',
        "Mme Faure a trouvé un emploi d'agent d'entretien à l'hôpital.",
        "Orientation vers le CHRS pour une mise à l'abri.",
        'Entretien dans les locaux du SPIP pour une information collective destinée aux professionnels.',
])
def test_clean_notes(analyser, text):
    assert clean_of(analyser, text), cats(analyser, text)


# --- a second batch, written after the rules above to measure them, then kept as tests -------
# (before this round: 50 of 75 found; after the rules of the first batch, untouched: 64 of 75;
# the misses were then added: « crise de goutte », « perdu l'usage de », « fumiste »...)

@pytest.mark.parametrize("text, category, words", [
        ("Majeur protégé atteint d'une psychose chronique, traitement retard injectable chaque mois.", 'health', 'psychose'),
        ('Mme Leduc, 84 ans, GIR 2, démence à un stade avancé.', 'health', 'démence'),
        ('Le bébé a un reflux important, suivi par le pédiatre de la PMI.', 'health', 'reflux'),
        ('La jeune est suivie pour une anorexie mentale.', 'health', 'anorexie'),
        ("M. Carré a perdu l'usage de sa jambe après un accident de moto.", 'health', "perdu l'usage"),
        ('Mme Tanguy est sous chimiothérapie pour un cancer du sein.', 'health', 'chimiothérapie'),
        ('Il présente une hépatite C non traitée.', 'health', 'hépatite'),
        ("Le résident souffre d'une arthrite rhumatoïde.", 'health', 'arthrite'),
        ("Mme Cordier est atteinte d'une fibromyalgie invalidante.", 'health', 'fibromyalgie'),
        ('Il a fait un infarctus en 2020.', 'health', 'infarctus'),
        ('M. Lamy est sous anxiolytiques et somnifères.', 'health', 'anxiolytiques'),
        ('Elle a une grossesse gémellaire, suivi rapproché.', 'health', 'grossesse'),
        ('Le jeune a été hospitalisé en pédopsychiatrie après une crise clastique.', 'health', 'pédopsychiatrie'),
        ('Mme Vallet est polyhandicapée et vit en MAS.', 'health', 'polyhandicapée'),
        ('M. Hoarau fait des crises de goutte.', 'health', 'goutte'),
        ('Suivi en néphrologie pour une insuffisance rénale chronique.', 'health', 'insuffisance rénale'),
        ("Mme Baron a des troubles de l'équilibre et a fait plusieurs chutes.", 'health', 'chutes'),
        ("L'enfant a un trouble du déficit de l'attention, traité par Ritaline.", 'health', 'ritaline'),
        ("M. Gilbert souffre d'une sciatique qui l'empêche de travailler.", 'health', 'sciatique'),
        ('Elle a une surdité partielle et porte des appareils auditifs.', 'health', 'surdité'),
        ("M. Moreau est amputé d'une jambe.", 'health', 'amputé'),
        ('Mme Benard est atteinte de la maladie de Crohn.', 'health', 'crohn'),
        ('Le fils est épileptique et ne peut pas rester seul.', 'health', 'épileptique'),
        ('M. Prat est en soins de suite après son opération.', 'health', 'soins de suite'),
        ("Mme Jacob a fait une dépression sévère l'an dernier.", 'health', 'dépression'),
        ('La salariée est en congé maladie longue durée.', 'health', 'congé maladie'),
        ("M. Denis a une addiction aux jeux d'argent.", 'health', 'addiction'),
        ('Mme Morel est en cure de sevrage alcoolique.', 'health', 'sevrage'),
        ('Il a été placé sous Lithium après son épisode maniaque.', 'health', 'lithium'),
        ('La patiente a une otite chronique et une bronchiolite récente.', 'health', 'otite'),
        ('M. Picard est sous bracelet depuis sa sortie.', 'criminal', 'bracelet'),
        ('Le fils aîné a été incarcéré à Fleury-Mérogis.', 'criminal', 'incarcéré'),
        ('M. Leroy doit se présenter au SPIP tous les quinze jours.', 'criminal', 'SPIP'),
        ("Le jeune est sous contrôle judiciaire dans l'attente de son procès.", 'criminal', 'contrôle judiciaire'),
        ("Mme Aubert a été victime d'un cambriolage.", 'criminal', 'cambriolage'),
        ('M. Blin a été condamné pour violences sur conjoint.', 'criminal', 'condamné'),
        ("Son ex-compagnon fait l'objet d'une interdiction d'entrer en contact.", 'criminal', 'interdiction'),
        ("L'adolescent est mis en examen pour vol avec violence.", 'criminal', 'mis en examen'),
        ('M. Fabre a un casier judiciaire chargé.', 'criminal', 'casier'),
        ("Le père est détenu à la maison d'arrêt de Nanterre.", 'criminal', 'détenu'),
        ("M. Julien a été arrêté pour conduite en état d'ivresse.", 'criminal', "conduite en état d'ivresse"),
        ('Mme Roux a obtenu une ordonnance de protection contre son mari.', 'criminal', 'ordonnance de protection'),
        ("M. Lebon effectue un travail d'intérêt général à la mairie.", 'criminal', "travail d'intérêt général"),
        ('Le jeune a été placé en garde à vue pour outrage.', 'criminal', 'garde à vue'),
        ('M. Andre purge une peine de deux ans.', 'criminal', 'peine'),
        ("M. Bonnet est quelqu'un de très désagréable au guichet.", 'judgement', 'désagréable'),
        ('Mère très infantilisante avec son fils de 15 ans.', 'judgement', 'infantilisante'),
        ("Le jeune est fumiste, il ne vient qu'une fois sur deux.", 'judgement', 'fumiste'),
        ("Mme Roger est d'une mauvaise foi incroyable.", 'judgement', 'mauvaise foi'),
        ('M. Leclerc est vraiment lourd avec les secrétaires.', 'judgement', 'lourd'),
        ('Résident râleur et revendicatif.', 'judgement', 'râleur'),
        ('Mme Carlier est adorable avec ses petits-enfants.', 'judgement', 'adorable'),
        ("Le père est autoritaire et peu à l'écoute.", 'judgement', 'autoritaire'),
        ('Mme Perrin est une personne très courageuse.', 'judgement', 'courageuse'),
        ("M. Henry se montre agressif dès qu'on parle d'argent.", 'judgement', 'agressif'),
        ('Jeune peu assidu, souvent en retard.', 'judgement', 'peu assidu'),
        ('Mme Lambert est vulgaire et provocante.', 'judgement', 'vulgaire'),
        ('M. Giraud est un éternel insatisfait.', 'judgement', 'insatisfait'),
        ("Mme Guillot est d'une naïveté déconcertante.", 'judgement', 'naïveté'),
        ('Le couple est très envahissant avec les voisins.', 'judgement', 'envahissant'),
        ('M. Brun est charmant mais peu fiable.', 'judgement', 'charmant'),
        ('Mme Hubert est une mère étouffante.', 'judgement', 'étouffante'),
        ('Le jeune est un petit malin.', 'judgement', 'petit malin'),
        ('Mme Leroux est sans aucune volonté.', 'judgement', 'volonté'),
])
def test_second_batch_flagged(rules_only, text, category, words):
    assert flagged(rules_only, text, category, words), cats(rules_only, text)


@pytest.mark.parametrize("text, category", [
        ('Mme Leduc a rendez-vous à la maison de santé pour son dossier APA.', 'health'),
        ('Le pédiatre de la PMI a fait la pesée habituelle.', 'health'),
        ("Réunion avec l'infirmière scolaire sur l'organisation des sorties.", 'health'),
        ('M. Carré travaille comme brancardier à la clinique.', 'health'),
        ('Elle a obtenu une place en crèche près de la maternité.', 'health'),
        ("Le foyer se situe à côté de l'hôpital.", 'health'),
        ('Inscription au permis de conduire financée par la mission locale.', 'health'),
        ("La visite de l'appartement est fixée au 3 juin.", 'health'),
        ('Attente de la réponse du bailleur pour la mutation.', 'health'),
        ('Mme Tanguy a renouvelé sa complémentaire santé solidaire.', 'health'),
        ('Le juge des tutelles a renouvelé la mesure de curatelle.', 'criminal'),
        ('Audience au JAF pour fixer la résidence des enfants.', 'criminal'),
        ('La commission de surendettement a déclaré le dossier recevable.', 'criminal'),
        ("Le commandement de quitter les lieux a été délivré par l'huissier.", 'criminal'),
        ('Mme Aubert a fait opposition au prélèvement auprès de sa banque.', 'criminal'),
        ("Le jeune a été placé à l'ASE par ordonnance du juge des enfants.", 'criminal'),
        ("M. Leroy a reçu une amende de stationnement qu'il conteste.", 'criminal'),
        ('M. Bonnet est venu au guichet pour déposer son dossier.', 'judgement'),
        ('Mme Carlier garde ses petits-enfants le mercredi.', 'judgement'),
        ('Le père a demandé un droit de visite élargi.', 'judgement'),
        ('Mme Perrin a déménagé dans un logement plus grand.', 'judgement'),
        ('M. Henry a retrouvé un emploi à temps partiel.', 'judgement'),
        ('Le jeune a validé son stage en entreprise.', 'judgement'),
        ('Mme Lambert est hébergée chez une amie.', 'judgement'),
        ('Le couple est marié depuis dix ans.', 'judgement'),
        ('Mme Guillot est inquiète pour sa fille.', 'judgement'),
        ('M. Brun est disponible le mardi matin.', 'judgement'),
        ('La famille est originaire de Bretagne.', 'judgement'),
        ('Mme Hubert est soulagée par la décision.', 'judgement'),
        ("Le jeune est à l'heure à ses rendez-vous.", 'judgement'),
        ('Mme Leroux est joignable par téléphone.', 'judgement'),
        ("M. Perrot est éligible à la prime d'activité.", 'judgement'),
])
def test_second_batch_hard_negatives(rules_only, text, category):
    assert clean_of(rules_only, text, category), cats(rules_only, text)


@pytest.mark.parametrize("text, words", [
        ('Mme Lopez est hébergée par sa tante Fatima.', 'Fatima'),
        ('M. Ferrand vit avec sa compagne Sandrine et ses deux enfants.', 'Sandrine'),
        ('La fille de M. Carré, Océane, est en internat.', 'Océane'),
        ('Mme Petit a été orientée par son amie Valérie.', 'Valérie'),
        ("Le cousin de Mme Bah, Ousmane, l'aide pour les papiers.", 'Ousmane'),
        ("Mme Renaud s'occupe de sa mère, Mme Gérard, 92 ans.", 'Gérard'),
        ("M. Costa a hébergé son ami Paulo pendant l'hiver.", 'Paulo'),
        ("Son employeur, M. Lacombe, a refusé de signer l'attestation.", 'Lacombe'),
        ('Mme Vidal et son fils Noah sont arrivés au CHRS.', 'Noah'),
        ("Les enfants, Lina et Adam, sont scolarisés à l'école Jean Jaurès.", 'Lina'),
])
def test_second_batch_third_parties(analyser, text, words):
    assert flagged(analyser, text, "third_party", words), cats(analyser, text)


@pytest.mark.parametrize("text", [
        'Mme Lopez est hébergée par sa tante.',
        "M. Ferrand a rencontré la directrice de l'école.",
        "Les enfants sont scolarisés à l'école Jean Jaurès.",
        "Mme Renaud a vu le médecin coordonnateur de l'EHPAD.",
        'Réunion à la MDS de Roubaix avec la référente ASE.',
        'M. Costa a été reçu par la conseillère France Travail.',
])
def test_second_batch_third_party_negatives(analyser, text):
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)


@pytest.mark.parametrize("text", [
        "Mme Roux a signé le bail et l'état des lieux est prévu lundi.",
        'Le jeune a obtenu un contrat en alternance dans la restauration.',
        'Demande de FSL accès transmise, en attente de la commission.',
        "Point sur l'APA : plan d'aide de 30 heures par mois validé.",
        'M. Lenoir a rendez-vous au CCAS pour la domiciliation.',
        "Inscription de l'enfant à la cantine et au centre de loisirs.",
        'Le titre de séjour de Mme Diallo a été renouvelé pour dix ans.',
        "Mme Simon pourrait bénéficier de la prime d'activité si ses revenus le permettent.",
        "La mandataire a réglé les factures d'énergie en retard.",
        "Entretien tripartite avec l'employeur et la salariée sur l'organisation des horaires.",
        "M. Bertin ne souhaite pas de suivi pour l'instant.",
        "Aucun antécédent médical particulier n'est signalé.",
])
def test_second_batch_clean_notes(analyser, text):
    assert clean_of(analyser, text), cats(analyser, text)


# --- names: a relative's anchor and the person an interview is with -------------------------

@pytest.mark.parametrize("text, words", [
        ("La fille de M. Carré, Océane, est en internat.", "Océane"),
        ("Entretien avec Mme Roux et son fils Dylan.", "Dylan"),
        ("Mme Petit a eu un entretien avec Julie Morel, sa conseillère.", "Julie Morel"),
        ("Mme Leduc est accompagnée par la fille de Mme Blanc, sa voisine.", "Blanc"),
])
def test_names_relatives_and_professionals(analyser, text, words):
    assert flagged(analyser, text, "third_party", words), cats(analyser, text)


@pytest.mark.parametrize("text", [
        "Signature du contrat de séjour par le fils de Mme Roux.",  # Mme Roux is the anchor, not a relative
        "Appel de la fille de Mme Leduc pour la sortie.",
        "Entretien avec le fils de M. Petit.",
        "Mission locale : entretien avec Kevin Martin, 19 ans. Il souhaite s'orienter vers la logistique.",
        "Rendez-vous avec Sonia Benali pour son dossier.",
])
def test_names_anchor_and_interviewee_are_accompanied(analyser, text):
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)


# --- longer clean notes of many services (written for this test, checked after the rules) ----

@pytest.mark.parametrize("text", [
        "Entretien MJPM. Point sur le budget mensuel : loyer 420 €, énergie 95 €, assurance habitation réglée. M. Girard souhaite acheter un canapé, accord pour un prélèvement sur l'épargne. Prochaine visite en mars.",
        'Visite à domicile PMI. Bébé de 3 mois, pesée 5,8 kg, allaitement mixte. La maman pose des questions sur la diversification. Rendez-vous pris à la consultation du 12.',
        "Mission locale : entretien avec Kevin Martin, 19 ans. Il souhaite s'orienter vers la logistique. Inscription à l'atelier CV du jeudi et simulation d'entretien. Demande d'aide au permis à instruire.",
        'Équipe éducative au collège Pasteur avec la CPE, le professeur principal et la maman. Les résultats sont en hausse au deuxième trimestre. Maintien du PPRE en français.',
        'CHRS : accueil de Mme Lefebvre orientée par le SIAO. Chambre n°12 attribuée. Ouverture des droits CAF et domiciliation à faire. Elle souhaite rechercher un emploi dans le nettoyage.',
        "Évaluation APA à domicile. Mme Moreau, 87 ans, vit seule dans une maison de plain-pied. Aide pour les courses et le ménage souhaitée. Plan d'aide proposé : 20 heures mensuelles, portage de repas.",
        "Hôpital, service de médecine : rencontre avec la fille de la patiente pour préparer la sortie. Demande de place en EHPAD déposée sur ViaTrajectoire. Dossier d'aide sociale à l'hébergement en cours.",
        "CSAPA : réunion partenariale avec le CHRS voisin sur les modalités d'orientation. Présentation des permanences du jeudi.",
        "Information préoccupante reçue ce jour, évaluation confiée à l'équipe de secteur. Premier rendez-vous fixé avec les parents le 4 avril.",
        "Salarié reçu à sa demande au service social du travail. Questions sur la prévoyance et la mutuelle d'entreprise. Documentation remise, nouveau point dans un mois.",
        'RSA : signature du CER. Objectifs : obtenir le permis B, suivre une formation de cariste. Orientation vers le PLIE. Prochain rendez-vous en juin.',
        "Commission d'attribution logement : dossier de M. Sanchez présenté, avis favorable pour un T3. Visite du logement programmée.",
        'MDPH : accompagnement de la famille pour remplir le formulaire de renouvellement de la carte de stationnement. Pièces à fournir listées.',
        "Mme Dupont demande conseil pour contester une facture d'eau. Courrier rédigé avec elle et envoyé en recommandé.",
        "M. Haddad est satisfait de son nouveau poste de chauffeur. Il remercie l'équipe pour l'aide apportée.",
        'Rendez-vous annulé par Mme Leroy en raison de la grève des transports, reporté au 15.',
        "Réunion avec le bailleur social sur le plan d'apurement : 50 € par mois, accepté par le locataire.",
        'Le jeune a participé à la journée portes ouvertes du lycée professionnel. Il envisage un bac pro électricité.',
        "Appel de l'école : l'enfant a oublié son cartable. Information transmise au papa.",
        "Demande d'aide financière pour la cantine, dossier transmis à la commission du CCAS.",
        "Mme Nguyen explique que ses enfants vont bien et qu'ils se sont adaptés à la nouvelle école.",
        'Atelier collectif cuisine au centre social : six participants, bonne ambiance, prochaine séance jeudi.',
        'M. Benali souhaite faire valoir ses droits à la retraite. Relevé de carrière demandé à la CARSAT.',
        'Dossier de surendettement : la commission a imposé un moratoire de 24 mois.',
        'La tutrice de M. Blanc a transmis le compte rendu de gestion annuel au greffe.',
        'Mme Traoré a obtenu son titre de séjour pluriannuel. Ouverture des droits aux prestations familiales.',
        'Visite du foyer de jeunes travailleurs avec le jeune, il a déposé sa candidature.',
        'Le service de santé au travail organise une campagne de vaccination antigrippale pour les salariés.',
        "Entretien avec le médecin du travail et la RH sur les horaires de l'équipe de nuit.",
        'Accompagnement à la PMI pour les vaccins obligatoires du nourrisson.',
        "Mme Colin s'est rendue à la pharmacie pour récupérer les lunettes commandées chez l'opticien.",
        'Le collège signale des absences répétées le lundi matin ; rendez-vous proposé aux parents.',
        'Le jeune a passé son code de la route avec succès.',
        "Arrivée de Mme Petit à la résidence autonomie. Présentation de l'équipe et du règlement intérieur.",
        "Permanence d'accès aux droits à la maison France services : aide à la déclaration de revenus.",
        'M. Robert a déposé une réclamation auprès de la CAF pour un indu contesté.',
        'Réunion de coordination MAIA sur le parcours des personnes âgées du secteur.',
])
def test_clean_notes_of_many_services(analyser, text):
    assert clean_of(analyser, text), cats(analyser, text)


# --- a third batch, written after the second round's rules to measure them (untouched: 27 of 45,
# 18 of 45 before this round; no false positive on 20 negatives), then the forms below were added:
# a condition said by its verb (« souffre d'une ... », « atteinte d'une ... »), a specialty or a
# care professional by its suffix where it cares for the person (« suivi en orthophonie »),
# « quelqu'un de + adjective »; and the missed words ----------------------------------------

@pytest.mark.parametrize("text, category, words", [
        ("Le jeune présente des troubles psychotiques depuis l'adolescence.", 'health', 'psychotiques'),
        ('M. Laval a un cancer de la prostate en cours de traitement.', 'health', 'cancer'),
        ("Elle souffre d'une sclérodermie.", 'health', 'sclérodermie'),
        ('Nourrisson né à 32 semaines, en néonatologie.', 'health', 'néonatologie'),
        ("M. Riou a été victime d'un AVC ischémique.", 'health', 'AVC'),
        ('Mme Texier fait des malaises vagaux à répétition.', 'health', 'malaises'),
        ("L'enfant est suivi en orthophonie pour un bégaiement.", 'health', 'bégaiement'),
        ('Le salarié a développé un eczéma professionnel.', 'health', 'eczéma'),
        ('M. Collet est sous dialyse péritonéale.', 'health', 'dialyse'),
        ('Mme Maury prend de la morphine pour ses douleurs.', 'health', 'morphine'),
        ("M. Vial consomme de l'héroïne par voie intraveineuse.", 'health', 'héroïne'),
        ("La résidente est atteinte d'une DMLA et ne peut plus lire.", 'health', 'DMLA'),
        ('Il a une cirrhose éthylique.', 'health', 'cirrhose'),
        ('Mme Lenoir souffre de spasmophilie.', 'health', 'spasmophilie'),
        ('La petite a une drépanocytose, crises fréquentes.', 'health', 'drépanocytose'),
        ("M. Barre est en attente d'une greffe de rein.", 'health', 'greffe'),
        ('Mme Royer a fait un déni de grossesse.', 'health', 'grossesse'),
        ('Le fils a des TOC envahissants.', 'health', 'TOC'),
        ('M. Faure présente une hypertension artérielle non suivie.', 'health', 'hypertension'),
        ('M. Roche est convoqué par le délégué du procureur.', 'criminal', 'délégué du procureur'),
        ('Le jeune a une mesure de liberté surveillée.', 'criminal', 'liberté surveillée'),
        ('M. Garnier a été écroué en janvier.', 'criminal', 'écroué'),
        ('Mme Petit a été verbalisée pour fraude dans les transports.', 'criminal', 'fraude'),
        ('Le frère est impliqué dans un réseau de trafic.', 'criminal', 'trafic'),
        ('M. Henry a été entendu par les gendarmes en audition libre.', 'criminal', 'audition libre'),
        ("Il sort de maison d'arrêt après dix-huit mois.", 'criminal', "maison d'arrêt"),
        ('Mme Leclerc a subi des violences psychologiques de son conjoint.', 'criminal', 'violences'),
        ('Le jeune doit indemniser la victime suite au jugement du tribunal pour enfants.', 'criminal', 'tribunal pour enfants'),
        ('M. Roy est sous surveillance judiciaire.', 'criminal', 'surveillance judiciaire'),
        ("Mme Dumas est quelqu'un de très fermé.", 'judgement', 'fermé'),
        ('M. Riviere est un beau parleur.', 'judgement', 'beau parleur'),
        ('La jeune est insolente et irrespectueuse envers les éducateurs.', 'judgement', 'insolente'),
        ('M. Rolland est colérique et imprévisible.', 'judgement', 'colérique'),
        ('Mme Renard est très dévouée à ses enfants.', 'judgement', 'dévouée'),
        ('Le résident est grognon le matin.', 'judgement', 'grognon'),
        ('Mme Noël est une femme de caractère.', 'judgement', 'femme de caractère'),
        ('M. Meyer est un homme charmant et cultivé.', 'judgement', 'charmant'),
        ("Le père est volubile et s'égare dans ses propos.", 'judgement', 'volubile'),
        ('Mme Carpentier est peu soigneuse de son logement.', 'judgement', 'peu soigneuse'),
        ('Mme Garcia est une battante.', 'judgement', 'battante'),
        ('Le jeune est nonchalant et dilettante.', 'judgement', 'dilettante'),
        ('M. Michel est obtus et ne veut rien entendre.', 'judgement', 'obtus'),
        ('Mme Roussel est très maternante avec les autres résidentes.', 'judgement', 'maternante'),
        ("Il a souffert d'une grave maladie.", 'health', "souffert d'une grave maladie"),
        ("Elle est atteinte d'une maladie rare.", 'health', "atteinte d'une maladie"),
        ('Il souffre de problèmes de dos.', 'health', 'souffre de problèmes'),
        ('Nourrisson hospitalisé en néonatologie.', 'health', 'néonatologie'),
        ('Elle est suivie par une neurologue.', 'health', 'neurologue'),
        ("Rendez-vous chez l'orthophoniste mardi.", 'health', 'orthophoniste'),
        ('Il consulte un psychothérapeute.', 'health', 'psychothérapeute'),
        ('Séances de psychomotricité au CAMSP.', 'health', 'psychomotricité'),
        ("Mme Dumas est quelqu'un de très fermé.", 'judgement', "quelqu'un de très fermé"),
])
def test_third_batch_flagged(rules_only, text, category, words):
    assert flagged(rules_only, text, category, words), cats(rules_only, text)


@pytest.mark.parametrize("text, category", [
        ('Mme Dumas a fermé son compte bancaire.', None),
        ('M. Riviere a pris la parole en réunion des locataires.', None),
        ('Le résident se lève tôt le matin.', None),
        ("Mme Noël a changé de caractère d'imprimerie pour son CV.", 'judgement'),
        ("M. Meyer a un diplôme en histoire de l'art.", None),
        ('Le père parle plusieurs langues.', None),
        ('Mme Garcia est partie en vacances chez sa sœur.', None),
        ('Le jeune est en formation de cuisinier.', None),
        ('M. Michel attend la réponse de la commission.', None),
        ('Mme Roussel a été élue au conseil de la vie sociale.', None),
        ("La résidente a reçu la visite de l'infirmière coordinatrice pour le planning.", None),
        ('M. Barre a rendez-vous chez le notaire pour la succession.', None),
        ("Mme Royer prépare l'arrivée du bébé : achat du lit et de la poussette.", None),
        ('M. Henry a été entendu par la commission de médiation DALO.', None),
        ("Le jeune a été reçu au tribunal pour enfants avec ses parents dans le cadre de l'assistance éducative.", None),
        ("La famille a subi un dégât des eaux, l'assurance a été contactée.", None),
        ("M. Vial a été victime d'une panne de voiture sur l'autoroute.", None),
        ("Mme Maury a reçu ses résultats d'examen du code de la route.", None),
        ('Le salarié a demandé un aménagement de ses horaires pour garder ses enfants.', None),
        ('Mme Texier est venue avec une amie pour traduire.', None),
        ('M. Petit souffre de solitude depuis le décès de sa femme.', 'health'),
        ('Elle souffre de la situation.', 'health'),
        ('Il souffre de ne pas voir ses enfants.', 'health'),
        ('Les objectifs sont atteints depuis mars.', 'health'),
        ('Le dossier a été soigné pour la commission.', 'health'),
        ('Formation en technologie au lycée.', 'health'),
        ("Stage en sociologie à l'université.", 'health'),
        ('Elle travaille en pédiatrie comme auxiliaire.', 'health'),
        ('Réunion au service de gériatrie.', 'health'),
        ('Le signalement a été fait par le pédiatre.', 'health'),
        ("Le procureur de la République a été saisi pour une mesure d'assistance éducative.", 'criminal'),
        ("C'est quelqu'un de la famille qui l'héberge.", 'judgement'),
        ("C'est quelqu'un de disponible le matin.", 'judgement'),
])
def test_third_batch_hard_negatives(rules_only, text, category):
    assert clean_of(rules_only, text, category), cats(rules_only, text)


# --- precision: words that judge a person only when said of one ----------------------------

@pytest.mark.parametrize("text", [
    "Les relations avec le bailleur sont difficiles depuis la hausse des charges.",
    "Mme Roux trouve les trajets difficiles avec la poussette.",
    "M. Petit a trouvé l'entretien d'embauche difficile.",
    "La communication avec l'école est difficile car les parents ne parlent pas français.",
    "Il est difficile de joindre le bailleur.",
    "L'accès au bâtiment est compliqué pour les livraisons.",
    "Le budget est limité ce mois-ci en raison de la régularisation de charges.",
    "Nouvelle visite prévue en raison de la limite de la date.",
    "Date limite de dépôt le 30 juin.",
    "Mme Leroy est volontaire pour participer à l'atelier collectif.",
    "Mme Colin est fatiguée par les trajets quotidiens.",
    "M. Bernard est inquiet pour le renouvellement de son contrat.",
    "Le papa est présent aux rendez-vous.",
    "Le contact avec la famille est facile.",
    "La situation financière reste fragile.",
])
def test_situation_words_are_not_judgements(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


@pytest.mark.parametrize("text, words", [
    ("Madame est difficile, elle refuse toutes les propositions.", "difficile"),
    ("Mme Roux est compliquée à suivre.", "compliquée"),
    ("Un enfant difficile, qui s'oppose aux adultes.", "difficile"),
    ("Elle est un peu limitée.", "limitée"),
    ("Mme Roux est limitée dans la compréhension des courriers.", "limitée"),
])
def test_said_of_a_person_they_judge(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


# --- names: organisations, brands and towns after an organisation are no persons --------------

@pytest.mark.parametrize("text", [
    "Mme Roux a créé son compte sur Ameli et sur le site de France Travail.",
    "Inscription à l'Afpa de Toulouse pour une formation de soudeur.",
    "Le jeune a rendez-vous chez Adecco lundi.",
    "Mme Diallo fait ses courses chez Lidl avec les chèques services.",
    "Rendez-vous à la mission locale de Montreuil.",
    "Entretien au CIDFF de Rennes.",
    "Demande déposée sur ViaTrajectoire pour une place en EHPAD.",
    "M. Benali travaille chez Amazon en intérim.",
])
def test_organisations_are_not_third_parties(analyser, text):
    assert clean_of(analyser, text, "third_party"), cats(analyser, text)


@pytest.mark.parametrize("text, words", [
    ("Salariée reçue : Mme Faure, comptable. Son manager, Julien Dupuis, lui reproche des retards.", "Julien Dupuis"),
    ("M. Petit explique que sa responsable, Sophie, lui impose des horaires tardifs.", "Sophie"),
    ("Mme Roux : conflit avec sa collègue Nadia au sujet des plannings.", "Nadia"),
    ("Mme Blanc est en désaccord avec son N+1, Thomas Girard.", "Thomas Girard"),
    ("M. Vidal signale que son chef d'équipe Patrick le dénigre devant les autres.", "Patrick"),
    ("Mme Lopez a été reçue avec sa représentante du personnel, Mme Ferreira.", "Ferreira"),
])
def test_workplace_third_parties(analyser, text, words):
    assert flagged(analyser, text, "third_party", words), cats(analyser, text)


# --- a fourth batch, written after the rules above (untouched: 21 of 35, 20 of 35 before this
# round; weakest: judgement 3 of 10), then the words and forms below were added (perturbateur,
# dissipé, démotivé, syndrome de Diogène, troubles neurocognitifs, « M. Fabre (son beau-frère) »).
# A bare « est + adjective » rule was tried and dropped: professions are adjectives to the
# vocabulary (« il est chauffeur », « elle est étudiante », « il est commerçant »).

@pytest.mark.parametrize("text, category, words", [
        ("Selon l'école, l'enfant est perturbateur en classe.", 'judgement', 'perturbateur'),
        ('La maîtresse décrit un élève agité et dissipé.', 'judgement', 'dissipé'),
        ('Mme Roussel est très dépendante affectivement de son compagnon.', 'judgement', 'dépendante'),
        ('Le jeune est démotivé et traîne toute la journée.', 'judgement', 'démotivé'),
        ('M. Lemoine est un père absent et désengagé.', 'judgement', 'désengagé'),
        ('Mme Fontaine est débordée et dépassée par ses enfants.', 'judgement', 'dépassée'),
        ("Il se montre hautain avec le personnel d'accueil.", 'judgement', 'hautain'),
        ('Mme Picard est une grande manipulatrice.', 'judgement', 'manipulatrice'),
        ('Elle présente un syndrome de Diogène.', 'health', 'diogène'),
        ('M. Royer est atteint de troubles neurocognitifs.', 'health', 'neurocognitifs'),
        ('Mme Barbe a un cancer du pancréas en phase terminale.', 'health', 'cancer'),
        ('Le jeune fume du cannabis tous les jours.', 'health', 'cannabis'),
        ('Le monsieur est sous curatelle et alcoolisé lors des visites.', 'health', 'alcoolisé'),
        ('Mme Lebrun a fait une fausse couche en juin.', 'health', 'fausse couche'),
        ('M. Hamon est diabétique insulino-requérant.', 'health', 'diabétique'),
        ('Mme Rolland porte une sonde urinaire.', 'health', 'sonde'),
        ("L'enfant est énurétique.", 'health', 'énurétique'),
        ('Il a une IMC à 42.', 'health', 'IMC'),
        ('Mme Paris a subi une hystérectomie.', 'health', 'hystérectomie'),
        ('M. Leroy a fait un séjour en UHCD.', 'health', 'UHCD'),
        ("Mme Morel bénéficie d'une AAH au taux de 80 %.", 'health', 'AAH'),
        ('Le jeune a été placé en CEF après plusieurs délits.', 'criminal', 'délits'),
        ('M. Caron a été condamné à un stage de citoyenneté.', 'criminal', 'condamné'),
        ("Mme Prevost a été victime d'une agression dans le métro.", 'criminal', 'agression'),
        ('Le père est en détention à Fresnes.', 'criminal', 'détention'),
        ('Le fils aîné deale dans le quartier.', 'criminal', 'deale'),
        ('M. Robin a fait de la prison pour vol.', 'criminal', 'prison'),
])
def test_fourth_batch_flagged(rules_only, text, category, words):
    assert flagged(rules_only, text, category, words), cats(rules_only, text)


@pytest.mark.parametrize("text, words", [
        ('Son ex-mari, Karim, ne verse plus la pension.', 'Karim'),
        ('Les enfants, Tom (6 ans) et Léa (4 ans), vont bien.', 'Tom'),
        ('Mme Guerin héberge sa petite-fille Clara.', 'Clara'),
        ('Appel de Mme Benoit, voisine de M. Lefort, inquiète.', 'Benoit'),
        ("M. Fabre (son beau-frère) l'aide pour le déménagement.", 'Fabre'),
])
def test_fourth_batch_third_parties(analyser, text, words):
    assert flagged(analyser, text, "third_party", words), cats(analyser, text)


@pytest.mark.parametrize("text, category", [
        ("Selon l'école, l'enfant progresse en lecture.", None),
        ('La maîtresse a remis le bulletin du premier trimestre.', None),
        ("Mme Roussel dépend de l'aide de son compagnon pour les trajets.", 'judgement'),
        ('Le jeune est en attente de réponse pour sa formation.', None),
        ('Le père est absent pour raisons professionnelles cette semaine.', None),
        ('Mme Fontaine est débordée par les démarches administratives.', None),
        ('Elle est perdue dans les démarches en ligne, accompagnement proposé.', 'judgement'),
        ("M. Gomez est fier d'avoir obtenu son permis.", None),
        ('Mme Lebrun a reçu une aide du FSL.', None),
        ('M. Hamon a renouvelé sa carte de transport.', None),
        ("La résidente participe aux activités de l'après-midi.", None),
        ('Le monsieur est sous curatelle renforcée depuis 2019.', None),
        ("Mme Morel bénéficie d'une aide au logement de la CAF.", None),
        ("Mme Prevost travaille dans le métro comme agent d'accueil.", None),
        ('Le père travaille à Fresnes comme chauffeur.', None),
        ('Les enfants vont bien et sont scolarisés.', None),
        ('Mme Guerin garde sa petite-fille le mercredi.', None),
        ('Appel de la voisine de M. Lefort, inquiète.', 'third_party'),
])
def test_fourth_batch_hard_negatives(analyser, text, category):
    assert clean_of(analyser, text, category), cats(analyser, text)


@pytest.mark.parametrize("text", [
    "Il est chauffeur poids lourd.",
    "Elle est étudiante en BTS.",
    "Il est commerçant sur les marchés.",
    "Elle est bénévole aux Restos.",
    "Il est libre le mardi.",
    "M. Robin (agent de sécurité) reçu à sa demande.",
])
def test_professions_are_not_appraisals(analyser, text):
    assert clean_of(analyser, text), cats(analyser, text)


def test_a_childs_paediatrician_is_routine(analyser):
    # children are all followed by a paediatrician: no diagnosis is said
    assert clean_of(analyser, "Les enfants sont suivis par le pédiatre pour les vaccinations.")
    assert flagged(analyser, "Il est suivi par un neurologue.", "health", "neurologue")


@pytest.mark.parametrize("text, words", [
    ("Humeur changeante selon les jours.", "humeur changeante"),
    ("Ton agressif au téléphone.", "ton agressif"),
    ("Présentation négligée à chaque rendez-vous.", "présentation négligée"),
    ("Motivation fluctuante pour la formation.", "motivation fluctuante"),
])
def test_strict_appraisal_nouns(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text", [
    "Présentation orale du projet en commission.",
    "Tenue vestimentaire adaptée pour l'entretien.",
    "Présentation du dispositif à Mme Roux.",
    "Tenue du cahier de liaison par l'assistante familiale.",
    "Implication des parents demandée par l'école.",
    "Fonctionnement du service expliqué.",
])
def test_strict_appraisal_nouns_need_an_appraising_adjective(rules_only, text):
    assert clean_of(rules_only, text, "judgement"), cats(rules_only, text)


# --- a fifth batch (MJPM, elderly, hospital, addiction, prison, child protection), written after
# the rules above: 23 of 30 found untouched (17 of 30 before this round), no false positive on
# 15 negatives; then troubles mnésiques, overdose, AIT, ulcère, hernie, « mis en cause dans »,
# « attitude de victime » were added ---------------------------------------------------------

@pytest.mark.parametrize("text, category, words", [
        ('Le majeur protégé est sous neuroleptiques retard, injection tous les quinze jours.', 'health', 'neuroleptiques'),
        ('Mme Caron présente des troubles mnésiques importants.', 'health', 'mnésiques'),
        ("M. Pichon souffre d'une surcharge pondérale importante.", 'health', 'surcharge'),
        ("Elle a été opérée d'une hernie en mars.", 'health', 'hernie'),
        ("Le jeune a fait une overdose l'an dernier.", 'health', 'overdose'),
        ('M. Dupré est porteur du VIH.', 'health', 'VIH'),
        ("L'enfant est suivi pour une scoliose au CHU.", 'health', 'scoliose'),
        ("M. Hervé est atteint d'une BPCO sévère, sous oxygène.", 'health', 'BPCO'),
        ('Mme Michaud est en fauteuil depuis son accident.', 'health', 'fauteuil'),
        ('Le fils a une maladie orpheline.', 'health', 'maladie'),
        ('La résidente a fait un AIT la semaine dernière.', 'health', 'AIT'),
        ('M. Gautier a un ulcère à la jambe, soins infirmiers quotidiens.', 'health', 'ulcère'),
        ('Mme Chauvin est sous anticoagulants après une phlébite.', 'health', 'phlébite'),
        ('Le jeune a été hospitalisé en addictologie pour un sevrage.', 'health', 'addictologie'),
        ('La mère est bipolaire, hospitalisations régulières.', 'health', 'bipolaire'),
        ("M. Renaud a fait l'objet d'une composition pénale.", 'criminal', 'composition pénale'),
        ('Le jeune a été mis en cause dans une affaire de vol.', 'criminal', 'vol'),
        ('Le compagnon a été condamné pour violences conjugales.', 'criminal', 'violences conjugales'),
        ('M. Germain est en permission de sortir pour le week-end.', 'criminal', 'permission de sortir'),
        ("La fille a été victime d'attouchements par un voisin.", 'criminal', 'attouchements'),
        ('Mme Leroy est peu fiable dans ses engagements.', 'judgement', 'peu fiable'),
        ('M. Marchand est un tire-au-flanc notoire.', 'judgement', 'tire-au-flanc'),
        ('La mère est démissionnaire face aux écarts de son fils.', 'judgement', 'démissionnaire'),
        ('Monsieur a un comportement inadapté et provocateur.', 'judgement', 'inadapté'),
        ('Mme Dufour est une personne attachante et drôle.', 'judgement', 'attachante'),
        ('Le jeune est irrespectueux et menteur.', 'judgement', 'irrespectueux'),
        ('M. Lebrun est dans la toute-puissance.', 'judgement', 'toute-puissance'),
        ('Mme Fournier a une attitude de victime.', 'judgement', 'attitude de victime'),
        ('Le père est un homme violent et alcoolique.', 'judgement', 'violent'),
        ('Mme Bouvier est sans-gêne avec ses voisins.', 'judgement', 'sans-gêne'),
])
def test_fifth_batch_flagged(rules_only, text, category, words):
    assert flagged(rules_only, text, category, words), cats(rules_only, text)


@pytest.mark.parametrize("text, category", [
        ('Le majeur protégé a reçu son argent de vie sociale hebdomadaire.', None),
        ('Mme Caron a réglé sa facture de téléassistance.', None),
        ('M. Pichon a fait une demande de logement adapté au rez-de-chaussée.', None),
        ('Le jeune a fait une demande de bourse.', None),
        ("M. Dupré est porteur d'un projet de création d'entreprise.", None),
        ("L'enfant est suivi par l'éducateur de l'AEMO.", None),
        ('Mme Michaud a acheté un fauteuil pour le salon.', None),
        ("La résidente a participé à l'atelier mémoire de l'EHPAD.", 'health'),
        ("M. Gautier a reçu la visite de l'infirmière coordinatrice pour le plan d'aide.", 'health'),
        ('Le jeune a été orienté vers le point accueil écoute jeunes.', None),
        ("M. Renaud a fait l'objet d'une mutation professionnelle.", None),
        ("La fille a été victime de moqueries à l'école, rencontre avec la CPE.", 'criminal'),
        ('Mme Leroy a tenu ses engagements du contrat.', None),
        ("La mère a démissionné de son emploi pour s'occuper de son fils.", None),
        ('Mme Dufour est une personne âgée isolée.', None),
        ("Le SSIAD assure les soins infirmiers à domicile de la résidence.", "health"),
])
def test_fifth_batch_hard_negatives(analyser, text, category):
    assert clean_of(analyser, text, category), cats(analyser, text)


# --- a sixth batch, judgement only (13 of 20 untouched, 11 of 20 before this round; no false
# positive on 10), then « attitude de défi », « dans la provocation », méfiant, rigide (not « un
# cadre rigide »), coopérant, « très apprécié » were added ------------------------------------

@pytest.mark.parametrize("text, words", [
        ('Madame est très procédurière avec le bailleur.', 'procédurière'),
        ('Le jeune a une attitude de défi permanente.', 'défi'),
        ('M. Lucas est sympathique mais bavard.', 'sympathique'),
        ('Mme Durand est méfiante envers les institutions.', 'méfiante'),
        ('Le père est rigide sur les horaires.', 'rigide'),
        ('Mme Boyer est une maman débordée et épuisée.', 'débordée'),
        ("L'adolescente est dans la provocation constante.", 'provocation'),
        ('Mme Carré se victimise en permanence.', 'se victimise'),
        ('Le jeune est nonchalant en entretien.', 'nonchalant'),
        ('Monsieur se montre coopérant.', 'coopérant'),
        ('Mme Guillaume est exigeante et jamais satisfaite.', 'exigeante'),
        ('M. André est bien entouré et très apprécié de ses voisins.', 'apprécié'),
        ('Mère très protectrice, voire étouffante.', 'protectrice'),
        ("L'enfant est ingérable à la maison selon sa mère.", 'ingérable'),
        ('M. Leroux est têtu comme une mule.', 'têtu'),
        ("Mme Benoit est d'une patience remarquable avec son fils.", 'patience'),
        ('Le jeune est très mûr pour son âge.', 'mûr'),
        ('M. Royer est un homme secret, peu bavard.', 'secret'),
        ('Mme Marty est hyper angoissée et envahissante.', 'envahissante'),
])
def test_sixth_batch_judgements(rules_only, text, words):
    assert flagged(rules_only, text, "judgement", words), cats(rules_only, text)


@pytest.mark.parametrize("text, category", [
        ("Madame a saisi le tribunal avec l'aide d'un avocat.", 'judgement'),
        ("M. Lucas a bavardé avec l'agent d'accueil en attendant.", 'judgement'),
        ('Mme Durand a rencontré les institutions partenaires.', 'judgement'),
        ('Le père respecte les horaires de visite.', 'judgement'),
        ('Mme Boyer a repris le travail à mi-temps.', 'judgement'),
        ('Le jeune est en retard de 10 minutes en raison du bus.', 'judgement'),
        ('Mme Guillaume est satisfaite de la réponse.', 'judgement'),
        ('M. André est entouré de ses enfants pour le déménagement.', 'judgement'),
        ('Mme Benoit attend la réponse avec patience.', 'judgement'),
        ("Un cadre rigide a été posé par le juge.", "judgement"),
])
def test_sixth_batch_hard_negatives(rules_only, text, category):
    assert clean_of(rules_only, text, category), cats(rules_only, text)
