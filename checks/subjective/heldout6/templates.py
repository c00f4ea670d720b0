"""Templates of the sixth held-out set (hand-written; see README.md).

One template a line; blank lines and lines starting with '#' are skipped.
Placeholders: {T} title, {X} the person's surname, {e} feminine ending, <masc|fem>,
{PF}/{PM} a third party's given name, {N} a surname other than the person's, {TEL}, {NIR},
{MAIL}, {IBAN}, {ADR}, {MAT} (a ten-digit number: marin / ENIM), {D} date, {A} amount,
{V} town, {H} hour. 'F:' / 'M:' templates fit one gender only. Labels: [[category|words]].
"""


def lines(block):
    return [l.strip() for l in block.strip().splitlines()
            if l.strip() and not l.strip().startswith("#")]


# ---------------------------------------------------------------- médiation familiale / espace rencontre
MED_OPEN = """
Espace rencontre, visite du samedi.
Séance de médiation n°2.
Point avec {T} {X} avant la reprise des visites.
Entretien d'information préalable à la médiation.
Compte rendu de la rencontre médiatisée du {D}.
{T} {X} a téléphoné avant l'ouverture de l'espace rencontre.
Bilan de fin de mesure pour le JAF.
"""

MED_CLEAN = """
Le JAF a fixé un droit de visite en lieu neutre, deux heures tous les quinze jours.
L'ordonnance du {D} prévoit des rencontres au sein de l'espace rencontre pendant six mois.
La passation de l'enfant s'est faite dans le hall, sans croisement des parents.
Les parents sont séparés depuis deux ans, la résidence de l'enfant est chez {T} {X}.
Présentation du cadre de la médiation : confidentialité, volontariat, neutralité du médiateur.
Dans la procédure, aucune violence reprochée à {T} {X}.
Pas de suivi psychologique en cours pour l'enfant à ce jour.
{T} {X} souhaiterait que les visites passent à la journée entière d'ici l'été.
La prochaine audience devant le juge aura probablement lieu en mars.
F:{T} {X} dit : « je veux juste que ma fille voie son père normalement ».
L'enfant a joué aux petites voitures pendant toute la durée de la visite.
La visite s'est déroulée dans la salle bleue, goûter apporté par le parent visiteur.
Le dossier a été transmis au greffe du tribunal judiciaire de {V}.
Proposition d'une médiation préalable obligatoire avant toute nouvelle requête.
Le calendrier des visites est remis aux deux parents par courrier.
Les grands-parents paternels pourraient solliciter un droit de visite plus tard.
{T} {X} a la nationalité tunisienne et vit en France sous couvert d'une carte de dix ans.
Le parent hébergeant est arrivé à l'heure, l'enfant était prêt.
Aucune difficulté lors du départ, l'enfant a fait un bisou et est reparti.
{T} {X} a retiré le formulaire de demande d'aide juridictionnelle.
Les visites médiatisées sont maintenues jusqu'à la nouvelle décision.
Le jugement a fixé la contribution à l'entretien de l'enfant à {A} mensuels.
Rencontre dans les locaux de l'UDAF, salle du premier étage.
L'enfant travaille bien à l'école, selon le bulletin apporté par le parent.
Le médiateur rappelle que les échanges ne seront pas transmis au juge.
{T} {X} n'a jamais manqué une visite depuis le début de la mesure.
Accord trouvé sur les vacances de la Toussaint, à rédiger pour homologation.
Passage de bras prévu à {H} dans le sas d'accueil.
La médiation pourra reprendre si les deux parents le souhaitent.
Échange autour du carnet de liaison que les parents remplissent à tour de rôle.
# second hand: civil procedures, place of meeting, reported speech, negations
La requête en modification du droit de visite a été déposée par l'avocat de la mère.
Une enquête sociale a été ordonnée par le JAF, rapport attendu fin juin.
Visite organisée à la ludothèque municipale, convention signée avec l'espace rencontre.
{T} {X} raconte : « il me manque, on parlait foot tous les dimanches avant ».
Ni hospitalisation ni suivi médical évoqués par les parents.
L'enfant sera probablement entendu par le juge avant la fin de l'année, son audition étant demandée.
Les parents se sont mis d'accord sur le choix du collège, sans l'aide du médiateur.
Le protocole d'accord sera envoyé au tribunal pour homologation.
{T} {X} habite désormais à {V}, à une heure de route de l'enfant.
Passation sans un mot entre les parents, mais sans tension visible.
"""

MED_FLAG = """
Le père, [[third_party|M. {N}]], est arrivé avec vingt minutes de retard.
[[judgement|Mère très procédurière]], elle conteste chaque point du calendrier.
[[judgement|Attitude d'obstruction systématique]] de {T} {X} lors des passations.
[[hypothesis|Il est à craindre qu'elle monte l'enfant contre son père]].
[[hypothesis|L'enfant aurait sûrement été briefé avant la visite]], mêmes phrases que la fois précédente.
F:{T} {X} [[judgement|prétend]] que le père ne paie plus la pension.
Le compagnon de la mère, [[third_party|{PM} {N}]], attendait sur le parking.
[[criminal|Plainte pour non-représentation d'enfant]] déposée par le père en {D}.
[[criminal|Une condamnation de 2023 pour des coups portés à l'ex-compagne]], d'où le cadre médiatisé.
{T} {X} [[health|voit un psychiatre du CMP pour un épisode dépressif]] depuis la séparation.
[[health|Sous antidépresseurs]] à partir d'octobre, d'après le certificat joint.
F:Madame vit désormais avec [[sexuality|sa compagne]], [[third_party|{PF} {N}]].
M:Monsieur vit désormais avec [[sexuality|son compagnon]], [[third_party|{PM} {N}]].
Numéro du parent visiteur : [[identifier|{TEL}]].
Adresse de correspondance communiquée : [[identifier|{ADR}]].
[[judgement|Un père fuyant]], qui répond à côté de chaque question.
[[judgement|Beaucoup de théâtre]] au moment de la séparation, pleurs forcés.
La grand-mère maternelle, [[third_party|Mme {N}]], souhaite assister aux visites.
Désaccord sur le baptême de l'enfant, {T} étant [[religion|très pratiquant<|e> catholique]].
{T} {X} refuse que l'enfant [[religion|mange du porc pendant les visites]].
L'avocate du père, [[third_party|Maître {N}]], a écrit au service.
[[judgement|Parent immature]], qui se met au niveau de l'enfant pour se faire aimer.
[[hypothesis|À mon avis le père boit avant de venir]], odeur constatée à l'arrivée.
[[criminal|Ordonnance pénale pour menaces]] envers la mère, communiquée par le parquet.
Mail de la mère : [[identifier|{MAIL}]].
[[judgement|Elle joue la victime]] dès que le médiateur reformule.
[[immigration|Le père est sous OQTF]], il craint d'être contrôlé en venant.
[[origin|Famille d'origine kabyle]], la belle-famille refuse la séparation.
L'enfant évoque [[third_party|tonton {PM}]] qui dort souvent à la maison.
[[health|Séjour en unité psychiatrique à partir du {D}, avait avalé toute sa boîte de cachets]].
# second hand: appraisals without keywords, guesses without modals, third parties
Il trouve chaque fois un prétexte pour [[judgement|arriver en retard et repartir avant l'heure]].
[[judgement|Le genre à avoir le dernier mot]], même devant sa fille.
[[hypothesis|Les cadeaux sont forcément achetés pour acheter l'affection du petit]].
L'institutrice, [[third_party|Mme {N}]], a fait un écrit pour la mère.
Le nouveau conjoint de madame, un certain [[third_party|{PM}]], a voulu entrer dans la salle.
[[third_party|{PF}]], la belle-mère, accompagne l'enfant depuis janvier.
[[hypothesis|Pour moi la petite a peur de son père]], elle se raidit à chaque passation.
"""

MED_FREE = """
espace rencontre sam. visite pere [[third_party|m. {N}]] 14h-16h. enfant un peu reserve au debut puis jeux de societe. mere arrivee en avance, passation ok. rien a signaler.
mme {X} : mediation 3e seance. toujours blocage sur les vacances. [[judgement|mme tres rigide]], ne lache rien. [[third_party|m. {N}]] (ex conjoint) plus souple. prochaine seance le {D}.
visite mediatisee annulee, pere absent sans prevenir. mere et enfant repartis a 14h30. info au jaf.
m. {X} appel pr decaler visite, bosse en 3x8 a l'usine. propose samedi matin. on valide avec la mere.
mme {X} tres anxieuse avant la visite, enfant colle a elle. [[hypothesis|je pense qu'elle ne veut pas vraiment que la visite ait lieu]]. passation longue.
rdv info mediation, m. {X} seul. separation il y a 6 mois, 2 enfts. jaf saisi. accepte la mediation, attend la reponse de madame.
bilan fin de mesure : 12 visites sur 14 honorees. relation pere enfant chaleureuse. pas d'incident. proposition visites libres au jaf.
m. {X} [[criminal|sous controle judiciaire]] (pas le droit d'approcher mme). passations separees imposees, 15 min d'ecart.
mme {X} : [[health|bipolaire stabilisee sous lithium]] [[judgement|d'apres ses dires]], veut reprendre la garde alternee. rappel du cadre.
visite ok. gouter, dessin, lecture. enfant demande quand il pourra dormir chez papa. a remonter au jaf ds le bilan.
mme {X} arrive avec [[third_party|{PF}]], sa soeur, pr la passation. refus de la laisser entrer, reglement de l'espace rencontre.
m. {X} : [[judgement|se pose en pere parfait]], critique la mere devant l'enfant. recadre.
"""

# ---------------------------------------------------------------- service social maritime
MAR_OPEN = """
Permanence du service social maritime au port.
Visite à bord, quai des chalutiers.
Entretien au bureau de la criée.
Appel de {T} {X}, matelot sur un fileyeur.
Suite du dossier ouvert après le retour de campagne.
Rencontre à la maison des gens de mer.
Point téléphonique avec l'ENIM.
"""

MAR_CLEAN = """
{T} {X} est inscrit<|e> maritime depuis quinze ans, à la petite pêche côtière.
Dossier de pension ENIM transmis, le calcul des annuités est en cours.
Le navire est en arrêt technique au chantier jusqu'à la fin du mois.
Embarquement prévu le {D} sur un chalutier de {V}, marée de dix jours.
{T} {X} souhaiterait passer le brevet de capitaine 200 à l'école maritime.
L'armateur a versé le salaire à la part avec un mois de retard.
Le dossier de caisse de prévoyance sera probablement étudié en commission de juin.
Aucun arrêt de travail depuis le dernier embarquement.
Pas d'accident à bord déclaré sur les cinq dernières années.
Ressortissant<|e> portugais<|e>, {T} {X} navigue sous pavillon français.
Aide demandée au fonds social de l'ENIM pour les frais de la rentrée scolaire.
Rendez-vous pris au centre de sécurité des navires, bureau du rez-de-chaussée.
Le bateau a été désarmé, l'équipage est à terre en attendant la vente.
{T} {X} dit : « la mer, c'est toute ma vie, je ne sais rien faire d'autre ».
Information sur la pension de réversion versée par l'ENIM aux conjoints survivants.
L'aptitude médicale à la navigation a été renouvelée par le service de santé des gens de mer.
La campagne de coquilles Saint-Jacques reprend début octobre.
Le quota de pêche est atteint, arrêt de l'activité pour trois semaines.
{T} {X} pourrait faire une demande au comité des œuvres sociales pour le logement.
Le contrat d'engagement maritime est à durée indéterminée.
Prise en charge du billet de retour par la compagnie de navigation.
La coopérative maritime avance le gasoil en attendant la vente à la criée.
Orientation vers la mission locale de la mer pour une formation de matelot.
Le rôle d'équipage a été remis à jour à la délégation à la mer et au littoral.
Les enfants sont scolarisés au lycée maritime de {V}.
{T} {X} n'a jamais été hospitalisé<|e> malgré les conditions de travail.
Le décompte des jours de mer sera vérifié avec le service des pensions.
Visite dans le carré du porte-conteneurs, accueil par le second.
# second hand
Curatelle simple confiée à l'UDAF par le tribunal, mesure revue tous les cinq ans.
Entretien dans le bureau du port de plaisance, faute de salle libre à la criée.
{T} {X} explique : « on part le lundi à quatre heures, on rentre le jeudi soir ».
Procédure de saisie sur salaire engagée par l'huissier pour une dette de crédit.
Ni blessure ni arrêt après la tempête, le bateau est resté au port.
Le versement du secours ENIM interviendra vraisemblablement sous quinze jours.
L'armement propose une formation sécurité (CFBS) avant le prochain départ.
F:{T} {X} a fait ses démarches pour la pension de veuve, tout est complet.
"""

MAR_FLAG = """
{T} {X} [[health|a perdu deux phalanges, main prise dans le treuil]].
[[health|Lombalgie chronique]] depuis l'hiver, débarqué sur avis du médecin des gens de mer.
Numéro de marin : [[identifier|{MAT}]].
Immatriculation ENIM communiquée : [[identifier|{NIR}]].
Coordonnées bancaires pour le secours : [[identifier|{IBAN}]].
Le patron du bateau, [[third_party|M. {N}]], refuse de signer l'attestation.
F:Veuve de [[third_party|{PM} {N}]], disparu en mer en {D}.
[[judgement|Matelot peu fiable]], déjà débarqué deux fois par l'armateur.
[[hypothesis|<Il|Elle> boit sûrement à bord pendant les marées]], l'équipage le couvre.
[[judgement|Un vrai loup de mer, dur au mal]], ne se plaint jamais.
[[hypothesis|<Il|Elle> touche probablement une pension non déclarée de l'étranger]].
[[criminal|Condamné pour pêche illégale]] et saisie du matériel en {D}.
[[criminal|Agressé au couteau par un membre d'équipage]] lors de l'escale.
[[immigration|Marin étranger sans titre de séjour]] resté à quai après la saisie du navire.
[[religion|Très croyant{e}, prie cinq fois par jour]] même en mer.
[[origin|<Seul marin noir|Seule femme noire> de l'équipage]], {T} dit subir des remarques.
[[political|Délégué{e} CGT des marins]] sur le port depuis dix ans.
{T} {X} [[health|a fait un infarctus en mer]], évacuation par hélicoptère.
F:[[judgement|Veuve très digne]], qui tient la maison avec courage.
[[health|Problème d'alcool connu]] de tout le port, selon le patron.
[[judgement|Selon ses dires]], l'armateur lui doit trois mois de part.
Le fils, [[third_party|{PM}]], a repris le bateau du père.
Contacts : [[identifier|{TEL}]], [[identifier|{MAIL}]].
[[health|Surdité professionnelle reconnue]], bruit de la salle des machines.
M:Vit avec [[sexuality|son compagnon]] [[third_party|{PM}]] depuis son retour à terre.
[[hypothesis|Doit sûrement revendre une partie de la pêche en direct]], hors criée.
L'assistante sociale de l'ENIM, [[third_party|Mme {N}]], suit aussi le dossier.
[[judgement|<Il|Elle> ne fait aucun effort]] pour trouver un nouvel embarquement.
# second hand
[[judgement|On ne le tient pas]], il part en bordée à chaque escale.
Le mécanicien, [[third_party|Jo {N}]], confirme les horaires.
[[hypothesis|L'accident vient forcément de la fatigue]], trois marées d'affilée sans repos.
Le gendre, [[third_party|M. {N}]], gère les papiers de la veuve.
[[judgement|Une forte tête]], l'armateur n'en veut plus.
[[hypothesis|Les dettes de jeu expliquent sûrement les retraits]] sur le compte.
Le [[third_party|Dr {N}]], médecin des gens de mer, a prononcé l'inaptitude temporaire.
[[health|Inapte à la navigation pour épilepsie]] depuis le {D}.
"""

MAR_FREE = """
m. {X} matelot, rentre de maree. [[health|coupure profonde main gauche]], 10 pts. arret ENIM en cours. demande avance sur salaire.
mme {X} veuve de marin, pension de reversion pas encore versee. relance enim faite. secours fonds social dde.
permanence port : 3 marins vus. rien de particulier, infos depart anticipe en retraite.
m. {X} debarque depuis 2 mois, bateau vendu. cherche embarquement. inscrit pole emploi. [[judgement|pas tres motive]].
m. {X} : [[criminal|retrait du permis de navigation]] suite a controle alcoolemie en mer. plus de revenus.
mme {X}, conjointe de marin au commerce, mari embarque 4 mois sur porte conteneurs. difficulte budget, dossier FSL.
m. {X} patron pecheur, dette sur le bateau, banque [[third_party|m. {N}]] conseiller. orientation surendettement.
visite a bord, equipage de 6. conditions ok. cabine propre. retour au bureau 16h.
m. {X} : [[hypothesis|pour moi il bosse au noir sur un autre bateau]] pendant son arret.
mme {X} : son mari [[third_party|{PM}]] [[health|hospitalise a brest apres chute dans la cale]]. aide pr trajet et hebergement.
m. {X} tel {TEL} ne repond pas, message laisse. relance courrier.
m. {X} mousse 17 ans, premier embarquement. contrat ok, accord des parents signe.
"""

# ---------------------------------------------------------------- familles hébergées à l'hôtel
HOT_OPEN = """
Visite à l'hôtel de la famille {X}.
Permanence hôtel, chambre 12.
Appel du 115 ce matin.
Entretien dans la salle du petit-déjeuner de l'hôtel.
Point avec le SIAO sur la situation de la famille.
Suivi famille à l'hôtel, semaine 23.
Rencontre à la PMI voisine de l'hôtel.
"""

HOT_CLEAN = """
Prise en charge hôtelière par le SAMU social, famille à l'hôtel depuis le {D}.
La prise en charge du 115 a été prolongée de trente nuits.
Demande SIAO actualisée pour une orientation en centre d'hébergement.
Chambre de 12 m² pour quatre personnes, deux lits superposés et un lit double.
Pas de cuisine possible dans la chambre, plaque électrique interdite par l'hôtelier.
Les trois petits vont à l'école du quartier, à quarante minutes de bus.
Dossier pour le pass navigo solidarité déposé.
{T} {X}, Ivoirien<|ne>, possède un titre de séjour, échéance 2028.
La demande d'asile est en cours d'instruction à l'OFPRA.
Rien à signaler côté santé pour les enfants, aucun suivi médical particulier.
{T} {X} n'a jamais été en situation d'impayé avant la perte du logement.
Le bailleur présentera probablement le dossier HLM à sa CAL du printemps.
{T} {X} souhaiterait une chambre plus proche de l'école des enfants.
L'hôtelier a signalé un changement de chambre pour travaux.
Des tickets-service ont été remis pour les repas de la semaine.
Inscription à la cantine avec tarif minimal, dossier fait avec la mairie.
{T} {X} dit : « on mange froid tous les soirs, les petits en ont marre ».
La famille a été déplacée dans un autre hôtel à {V} par le 115.
Orientation vers l'épicerie sociale et les Restos du Cœur.
Recours DALO déposé, passage devant la COMED attendu.
Le relevé de présence à l'hôtel est envoyé chaque lundi au SAMU social.
{T} {X} pourrait entrer en résidence sociale à l'automne.
Rencontre dans le hall de l'hôtel, les enfants étaient à l'école.
La famille est domiciliée au CCAS pour son courrier.
L'aîné suit une classe d'accueil pour allophones au collège.
Droits CSS ouverts, attestation remise.
Aide au lavage du linge : jetons de laverie remis.
Le réfrigérateur commun de l'hôtel est accessible de 7h à 22h.
# second hand
Audience d'expulsion passée l'an dernier, jugement exécuté en janvier, d'où l'hôtel.
Réfugié<|e> reconnu<|e> par l'OFPRA en mars, {T} {X} attend sa carte de dix ans.
Entretien au café en face de l'hôtel, plus calme que la chambre.
{T} {X} raconte : « le soir on fait réchauffer au micro-ondes de l'accueil ».
L'aînée n'a jamais manqué l'école malgré les trajets.
Le SIAO a sans doute une place en CHU la semaine prochaine, à confirmer.
Recevabilité du plan BDF notifiée, les dettes d'hôtel d'avant sont gelées.
L'hôtelier tolère une bouilloire dans la chambre, rien de plus.
"""

HOT_FLAG = """
[[immigration|La famille est déboutée du droit d'asile]] depuis le {D}.
[[immigration|Monsieur a reçu une OQTF]] en septembre, recours déposé.
[[judgement|Mère dépassée et peu investie]] dans la scolarité des enfants.
[[hypothesis|Le mari travaille sans doute au noir]], absent toute la journée.
L'hôtelier, [[third_party|M. {N}]], se plaint du bruit des enfants.
[[health|Le petit dernier fait de l'asthme]], crises à répétition avec l'humidité.
[[health|Diabète de grossesse]], suivi à la PMI de {V}.
F:{T} {X} est [[health|enceinte de cinq mois]], RDV à la maternité prévu.
Téléphone de {T} {X} : [[identifier|{TEL}]].
NIR recopié depuis la carte Vitale : [[identifier|{NIR}]].
[[judgement|Famille envahissante]], demande toujours plus.
[[hypothesis|Il est probable qu'ils hébergent un cousin dans la chambre]].
[[religion|Famille musulmane pratiquante]], demande des repas halal.
[[origin|Famille rom]], installée à l'hôtel depuis l'expulsion du campement.
[[criminal|Le père purge une peine de prison]] depuis le printemps.
F:[[criminal|Frappée par son conjoint]] puis mise à l'abri par le 115.
La voisine de chambre, [[third_party|Mme {N}]], garde parfois les enfants.
[[judgement|Chambre dans un état repoussant]], linge partout.
[[hypothesis|<Il|Elle> doit revendre les tickets-service]], rien dans le frigo.
[[judgement|<Il|Elle> se plaint de tout]] et ne remercie jamais.
L'éducatrice de l'enfant, [[third_party|{PF} {N}]], a appelé.
[[health|Enfant suivi au CAMSP pour un retard de langage]].
Adresse mail pour le SIAO : [[identifier|{MAIL}]].
[[judgement|Une maman formidable]] malgré les conditions de vie.
[[health|Baby blues qui a tourné en dépression]], vue par la sage-femme.
[[immigration|Sans papiers depuis trois ans]], aucun droit ouvert hors AME.
[[judgement|Soi-disant]] malade chaque fois qu'il faut aller à la préfecture.
Le père des enfants, [[third_party|{PM} {N}]], vit à {V}.
[[political|<Militant|Militante> dans un collectif de sans-logis]], a participé à l'occupation de la mairie.
# second hand
[[judgement|Toujours à réclamer]], jamais content{e} de l'hôtel proposé.
La cousine, [[third_party|{PF}]], passe les week-ends dans la chambre.
[[hypothesis|Les allers-retours au bled se font forcément avec l'argent des aides]].
Le gérant de nuit, un dénommé [[third_party|{PM}]], lui prête sa carte.
[[judgement|Rien ne bouge sans qu'on <le|la> pousse]], les papiers traînent sur le lit.
Coordonnées de la famille : [[identifier|{ADR}]], chambre 14, [[identifier|{TEL}]].
[[hypothesis|Le petit ne va pas à l'école, ils le gardent pour garder la chambre]].
[[health|L'enfant de quatre ans est autiste]], aucune place en IME.
"""

HOT_FREE = """
mme {X} hotel formule 1 ch 8. 3 enfts. pas de frigo, repas froids. dde changement d'hotel faite au 115.
visite hotel : mme {X} [[judgement|tres negligente]], enfants seuls dans la chambre a 20h. rappel.
m. {X} seul avec 2 enfts depuis le depart de la mere. siao relance. ecole ok.
mme {X} : [[immigration|deboutee]], fin de prise en charge annoncee par le 115. recherche solution.
hotelier [[third_party|m. {N}]] appelle, facture en retard cote samu social. transmis.
mme {X} enceinte, [[health|hypertension]], repos demande par la sage femme. pas d'escaliers, chambre au rdc obtenue.
famille {X} deplacee pour la 4e fois en 6 mois. enfts descolarises 2 sem. [[judgement|mere resignee, ne se bat plus]].
mme {X} : pas de plainte, situation stable, attente place en chrs. rien de neuf.
m. {X} : [[hypothesis|a mon avis il a une autre femme a l'hotel d'a cote]], absent la nuit.
mme {X} : cantine ok, carte de bus ok, css ok. prochaine visite le {D}.
mme {X} tel {TEL}, sms envoye pr rdv. pas de reponse.
mme {X} : [[criminal|plainte deposee contre le gerant pour agression sexuelle]]. mise a l'abri ailleurs en urgence.
"""

REGISTERS = {
    "mediation": (MED_OPEN, MED_CLEAN, MED_FLAG, MED_FREE),
    "maritime": (MAR_OPEN, MAR_CLEAN, MAR_FLAG, MAR_FREE),
    "hotel": (HOT_OPEN, HOT_CLEAN, HOT_FLAG, HOT_FREE),
}
