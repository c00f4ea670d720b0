"""Service social en faveur des élèves (school social worker, Éducation nationale).

Written by a helper for the held-out set only; no sentence is taken from the project's corpus.
Mark-up: [[category|words]]; slots: <P> title and surname of the person accompanied (here a
parent), <Mme> Madame/Monsieur, <e> feminine agreement of that person, <F>/<H> a given name,
<X> another surname, <ETAB> a school, <V> a town, <D> a date, <TEL> <MAIL> <ADR> <NIR> <CAF>.
"""

OPEN = [
    "Entretien AS au collège <ETAB> avec <P>.",
    "RDV avec <P>, venu<e> à la demande de la CPE.",
    "Permanence sociale du lycée <ETAB> : <P> se présente sans RDV.",
    "Appel de <P> au service social en faveur des élèves.",
    "Rencontre avec <P> à l'issue de l'équipe éducative du <D>.",
    "Entretien téléphonique avec <P> au sujet de la scolarité de son enfant.",
    "VAD chez <P>, à sa demande, en fin de journée.",
    "Point de situation avec <P> ce <JOUR>.",
    "Élève de 4e reçu seul en entretien, à sa demande.",
    "Collégienne orientée vers l'AS par le professeur principal.",
    "Convocation de <P> restée sans réponse, nouvel envoi.",
]

CLEAN = [
    "Dossier de bourse complété avec la famille, il manque l'avis d'imposition.",
    "Aide du fonds social collégien accordée pour la cantine du deuxième trimestre.",
    "Trois retards ce mois-ci, rappel du règlement intérieur fait à l'élève.",
    "Absences non justifiées : 14 demi-journées depuis la rentrée, courrier envoyé aux responsables légaux.",
    "Équipe éducative prévue le <D> avec la CPE et le professeur principal.",
    "L'infirmière scolaire participera à la réunion de jeudi.",
    "Le médecin scolaire n'a pas pu voir l'élève pour le bilan, RDV à reprogrammer.",
    "Conseil de discipline fixé au <D>, la famille a été informée de ses droits.",
    "Exclusion temporaire de deux jours prononcée par le chef d'établissement.",
    "Demande de changement d'établissement transmise à la DSDEN.",
    "Orientation en seconde pro envisagée, l'élève pourrait intégrer le lycée <ETAB> en septembre.",
    "La mère souhaiterait rencontrer la psychologue de l'Éducation nationale pour parler d'orientation.",
    "Stage d'observation de 3e trouvé dans une boulangerie du quartier.",
    "La famille a emménagé à <V> cet été, le transport scolaire est en place.",
    "Famille de nationalité malienne, titres de séjour valables jusqu'en 2028.",
    "La famille est hébergée chez un oncle en attendant un logement social.",
    "Parents séparés, résidence alternée fixée par le JAF.",
    "IP rédigée et transmise à la CRIP le <D>, les parents en ont été informés.",
    "Retour de la CRIP : une évaluation est en cours par l'ASE du secteur.",
    "Mesure d'AEMO en cours, contact pris avec l'éducatrice référente.",
    "Le père parle peu le français, un interprète sera présent au prochain RDV.",
    "Inscription à l'aide aux devoirs du mercredi au centre social.",
    "L'élève participe à l'atelier théâtre et au club d'échecs.",
    "Pas de difficulté financière exprimée par la famille.",
    "Aucun problème de santé signalé par l'infirmière.",
    "N'a jamais été suivi par un orthophoniste.",
    "Dossier d'inscription à la cantine transmis à la mairie.",
    "Résultats du premier trimestre corrects, 12 de moyenne.",
    "Réunion au CIO pour présenter les filières professionnelles.",
    "Entretien reporté, la mère travaille de nuit cette semaine.",
    "Rappel à la famille de l'obligation d'assiduité scolaire.",
    "Signalement d'absentéisme adressé à la DSDEN après trois courriers restés sans réponse.",
    "La CPE a reçu l'élève pour faire le point sur les retards.",
    "Proposition d'un accompagnement par le programme de réussite éducative.",
    "Réunion dans les locaux du CMPP pour présenter le partenariat avec le collège.",
    "La famille est logée dans un HLM rue Victor Hugo.",
    "Le collège Louise Michel organise la rencontre parents-professeurs le <D>.",
    "Sa fille voudrait faire son stage dans une crèche.",
    "<Mme> envisagerait de déménager en fin d'année si un logement se libère.",
    "Le dossier devrait passer en commission d'appel en juin.",
    "La demande de bourse sera vraisemblablement traitée avant les vacances.",
    "Le père indique être au chômage depuis mars, il perçoit l'ARE.",
    "La famille perçoit l'ARS et les allocations familiales.",
    "L'élève dit : « je veux faire un apprentissage l'an prochain ».",
    "<Mme> explique : « on a déménagé trois fois cette année ».",
    "Information donnée sur la Maison des adolescents et ses horaires d'accueil.",
    "Pas d'antécédent de violence connu dans la famille.",
    "Aucune absence depuis le retour des vacances de Toussaint.",
    "Le bulletin a été remis en main propre à la mère.",
    "Carte de transport scolaire perdue, duplicata demandé.",
    "Il semblerait que le dossier de bourse soit complet.",
    "Accord de la famille pour un échange avec l'assistante sociale de secteur.",
]

FLAG = [
    "[[health|Dyslexie]] diagnostiquée en CE2, aménagements pour les contrôles.",
    "L'infirmière scolaire a constaté des [[health|scarifications]] sur les avant-bras.",
    "L'élève [[health|consulte au CMPP]] chaque mercredi après-midi.",
    "[[health|Crises d'angoisse]] répétées en cours, passages fréquents à l'infirmerie.",
    "[[health|TDAH]], traité par [[health|méthylphénidate]] depuis deux ans.",
    "[[health|Asthme sévère]], un [[health|PAI]] a été signé avec le médecin scolaire.",
    "Le père est en [[health|invalidité]] depuis son [[health|accident du travail]].",
    "L'élève est [[health|enceinte]] de quatre mois et souhaite poursuivre sa scolarité.",
    "[[health|Notification MDPH]] pour [[health|troubles du spectre autistique]], AESH 12 h par semaine.",
    "[[health|Hospitalisation en pédopsychiatrie]] la semaine dernière.",
    "[[health|Troubles alimentaires]], [[health|perte de poids importante]] relevée par l'infirmière.",
    "[[health|Énurésie]] nocturne, la mère dit ne plus savoir quoi faire.",
    "Le frère aîné est [[health|polyhandicapé]], la mère s'en occupe à plein temps.",
    "La mère évoque sa [[health|sclérose en plaques]] et ses difficultés à se déplacer.",
    "Parents [[judgement|totalement démissionnaires]].",
    "[[judgement|Élève insolent]], [[judgement|ingérable]] en classe d'après plusieurs enseignants.",
    "[[judgement|Mère très envahissante]], elle appelle le collège tous les jours.",
    "[[judgement|Gamin adorable]], [[judgement|très attachant]].",
    "Famille [[judgement|sans aucun cadre]], [[judgement|complètement dépassée]].",
    "L'élève [[judgement|n'a aucune volonté]] et [[judgement|se laisse porter]].",
    "<Mme> [[judgement|ne comprend rien]] aux enjeux de l'orientation.",
    "Père [[judgement|borné]], [[judgement|fermé à toute discussion]].",
    "[[judgement|Enfant laissé en roue libre]] par les parents.",
    "[[judgement|Joue les victimes]] dès qu'on lui fait une remarque.",
    "<Mme> [[judgement|prétend]] que le réveil n'a pas sonné.",
    "[[judgement|À l'en croire]], l'élève fait ses devoirs tous les soirs.",
    "La mère a encore [[judgement|« oublié »]] la convocation.",
    "Un [[judgement|vrai petit caïd]] dans la cour.",
    "[[judgement|Mère froide]], [[judgement|aucune chaleur]] avec sa fille.",
    "[[judgement|Jeune fille brillante]] et [[judgement|très mature]] pour son âge.",
    "<Mme> [[judgement|se fiche complètement]] de la scolarité de son fils.",
    "[[hypothesis|Il semblerait que]] le père [[hypothesis|boive]] le soir.",
    "[[hypothesis|Vraisemblablement]] [[judgement|une mère laxiste]] qui n'ose pas poser de limites.",
    "[[hypothesis|On peut supposer]] que l'élève [[hypothesis|travaille au noir]] le week-end.",
    "Les absences du lundi s'expliquent [[hypothesis|sans doute]] par des nuits passées dehors.",
    "L'élève [[hypothesis|serait]] [[criminal|victime de violences]] de la part du beau-père.",
    "Le beau-père [[hypothesis|toucherait]] des revenus non déclarés.",
    "[[hypothesis|Tout laisse penser que]] la mère est sous l'emprise de son conjoint.",
    "Famille [[immigration|sans papiers]] depuis l'arrivée en France.",
    "La mère a reçu une [[immigration|obligation de quitter le territoire]], elle craint un contrôle à la sortie du collège.",
    "Le père n'a [[immigration|plus de titre de séjour]] depuis l'an dernier.",
    "Le père est [[criminal|incarcéré]] à la maison d'arrêt depuis janvier.",
    "L'élève a été [[criminal|victime d'attouchements]] par un voisin.",
    "Le frère aîné est [[criminal|sous contrôle judiciaire]].",
    "L'élève a [[criminal|été placé en garde à vue]] après une bagarre hors du collège.",
    "Ne vient pas à la cantine pendant [[religion|le ramadan]].",
    "La famille [[religion|fréquente l'église évangélique]] du quartier tous les dimanches.",
    "[[origin|Famille d'origine kurde]], arrivée récemment.",
    "L'élève est [[sexuality|harcelé en raison de son homosexualité]].",
    "<Mme> vit avec [[sexuality|<SAME>]] depuis trois ans.",
    "La mère est [[political|militante au NPA]] et tient un stand au marché.",
    "Le père est [[political|délégué syndical CGT]] dans son entreprise.",
    "Le beau-père, [[third_party|M. <X>]], ne veut pas rencontrer l'AS.",
    "Échange avec [[third_party|Mme <X>]], professeure principale.",
    "Son fils [[third_party|<H>]] est en 5e au même collège.",
    "La grande sœur, [[third_party|<F>]], accompagne l'élève le matin.",
    "Appel de [[third_party|<F> <X>]], CPE, pour faire le point.",
    "L'élève reste souvent chez [[third_party|<H>]], un camarade de classe.",
    "Contact pris avec [[third_party|le Dr <X>]], pédiatre de la famille.",
    "Numéro de la mère : [[identifier|<TEL>]].",
    "Portable de l'élève : [[identifier|<TEL>]].",
    "Les parents, [[origin|d'origine berbère]], parlent tamazight à la maison.",
    "[[sexuality|La mère vit désormais avec une femme]], le père ne l'accepte pas.",
    "[[immigration|Les parents ne sont pas en règle]] avec la préfecture.",
    "Adresse de la famille : [[identifier|<ADR>]].",
    "Courriel du père pour les convocations : [[identifier|<MAIL>]].",
    "N° allocataire CAF [[identifier|<CAF>]] noté pour la demande de bourse.",
]

# Whole notes written in one go (each used once), longer and less regular than the templates.
FREE = [
    "Entretien avec <P> à sa demande. <Mme> s'inquiète des résultats de sa fille en baisse depuis la rentrée. "
    "Nous faisons le point sur les devoirs, le temps d'écran et le sommeil. Il est convenu que la jeune fille verra "
    "la CPE chaque lundi pour un bilan de la semaine. Prochain RDV fixé après le conseil de classe.",
    "Tél de la CPE : l'élève a été absent toute la semaine, la famille ne répond pas. Courrier recommandé envoyé, "
    "VAD prévue jeudi si pas de nouvelles.",
    "VAD avec la CPE. Appartement exigu pour six personnes, les enfants font leurs devoirs sur la table de la cuisine. "
    "<P> nous reçoit [[judgement|avec beaucoup de méfiance]] et [[judgement|minimise tout]]. Le père est "
    "[[criminal|incarcéré depuis l'été]], la famille n'en parlait pas au collège.",
    "Rencontre <P>. Le fils, en 3e, refuse d'aller en cours depuis la mort de son grand-père. <Mme> dit : "
    "« il reste dans sa chambre et ne parle plus à personne ». Orientation proposée vers la Maison des adolescents ; "
    "<Mme> prendra contact <lui|elle>-même.",
    "Équipe éducative du <D>. Présents : la principale adjointe, [[third_party|Mme <X>]] (professeure principale), "
    "l'infirmière, la famille. L'élève décrit des [[health|maux de ventre]] tous les matins avant de venir. "
    "Décision : emploi du temps aménagé pendant trois semaines et bilan à l'issue.",
    "Élève reçue à sa demande. Dit se disputer souvent avec sa belle-mère au sujet des sorties. Pas d'élément de danger "
    "repéré à ce stade. Propose de revoir l'élève dans quinze jours.",
    "<P> passe au bureau sans RDV, [[judgement|agressi<f|ve>]] et [[judgement|d'une mauvaise foi évidente]]. "
    "Conteste en bloc les absences relevées alors que les appels sont signés par les professeurs.",
    "Suite au mail de [[third_party|<H> <X>]], professeur de sport : l'élève porte des traces de coups sur les jambes. "
    "L'élève explique être tombé à vélo. [[hypothesis|On ne peut exclure]] des [[criminal|violences intrafamiliales]]. "
    "IP rédigée ce jour avec la cheffe d'établissement.",
    "Demande de fonds social lycéen pour l'achat d'une tenue professionnelle (bac pro cuisine). Devis joint, avis "
    "favorable de la commission du <D>.",
    "RDV <P>. Famille arrivée de Guinée en janvier ; <Mme> [[immigration|n'a aucun papier]] et n'ose pas se rendre "
    "en préfecture. Les deux enfants sont scolarisés. Information sur les associations d'aide juridique.",
    "Entretien avec l'élève, en 2nde. Travaille le week-end dans le restaurant de son oncle, rentre tard le dimanche. "
    "Rappel de ses droits. Pas d'autre élément.",
    "Point avec l'infirmière scolaire : l'élève vient souvent à l'infirmerie en fin de matinée, [[hypothesis|sans doute]] "
    "parce qu'il ne mange rien le matin. À vérifier avec la famille avant toute conclusion.",
    "Réunion du GPDS annulée, reportée au <D>.",
    "Appel de <P>, très reconnaissant<e> pour l'aide à la cantine. Souhaite un RDV pour la bourse du lycée.",
    "Entretien avec <P> : <Mme> [[judgement|ment comme <il> respire]], [[judgement|on ne peut pas se fier à ce qu'<il> dit]] sur les horaires de coucher.",
]
