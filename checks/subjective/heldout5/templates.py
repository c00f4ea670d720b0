"""Hand-written sentences of the fifth held-out set (issue 14).

Three registers: ISCG at a police station or gendarmerie (`commissariat`), the social service of
gens du voyage (`voyageurs`) and a ministry's staff social service (`ministere`).

Placeholders: {T} the person's title (Mme / M. / Madame / Monsieur), {X} the person's surname,
{e} the feminine ending of the person, <masc|fem> a choice by the person's gender; third parties:
{PF} / {PM} a female / male given name, {N} a surname; identifiers: {TEL}, {NIR}, {MAIL}, {IBAN},
{ADR}, {MAT} (military or staff number); {D} a date, {A} an amount, {V} a town, {H} an hour.
A template prefixed "F:" or "M:" is used for one gender only. Labels: [[category|words]].
"""

# ----------------------------------------------------------------------------------------------
# commissariat: intervenant social en commissariat et gendarmerie (ISCG)
# ----------------------------------------------------------------------------------------------
COM_OPEN = """\
Permanence ISCG au commissariat de {V}.
Entretien dans le bureau de l'intervenante sociale, brigade de {V}.
Orientation par l'officier de quart ce matin.
{T} {X} reçu{e} sur sollicitation du chef de poste.
{T} {X} se présente spontanément au guichet du commissariat.
Appel de la brigade de gendarmerie de {V} pour une mise en relation.
Fiche de liaison transmise par les enquêteurs de la BPF.
Entretien ISCG, {T} {X}, durée 45 min.
Suite de l'entretien du {D}.
Rappel téléphonique de {T} {X} comme convenu."""

COM_CLEAN = """\
Explication du rôle de l'intervenante sociale, qui n'est ni policière ni enquêtrice.
Présentation des différences entre une main courante et une plainte, {T} {X} prend le temps de réfléchir.
Plaquette France Victimes remise, avec le planning des juristes du point d'accès au droit.
Information sur le numéro 3919, anonyme et gratuit.
Coordonnées du CIDFF transmises pour un rendez-vous avec une juriste.
Le 115 a été contacté : une place en hôtel est proposée pour trois nuits.
{T} {X} repart avec ses enfants chez une amie, pas de demande d'hébergement ce jour.
Pas de blessure constatée, aucune demande d'examen à l'UMJ.
{T} {X} ne souhaite aucune démarche pour le moment et garde mes coordonnées.
Explications sur l'ordonnance de protection : c'est le JAF qui la rend, en urgence si besoin.
L'ordonnance de protection est une procédure civile : orientation vers une avocate de permanence.
Le dispositif téléphone grave danger est présenté : c'est le procureur qui l'attribue.
{T} {X} pourrait solliciter l'aide juridictionnelle, dossier remis.
Numéro unique de demandeur HLM à renouveler avant l'été.
Passage de relais à la collègue de la MDS, avec l'accord de {T} {X}.
Nationalité algérienne ; résidence régulière, carte de dix ans obtenue en 2019.
Carte pluriannuelle en cours, échéance 2028.
Aucun antécédent connu des services, précise l'officier.
Jamais d'intervention de police au domicile auparavant.
{T} {X} dit : « je veux d'abord mettre les enfants à l'abri ».
La juriste du CIDFF recevra {T} {X} jeudi à 14h.
Passage en commission logement sans doute le mois prochain, d'après le bailleur.
L'audience devant le JAF aura probablement lieu en septembre.
{T} {X} souhaiterait changer de serrure et voudrait conserver le logement.
Rencontre des partenaires au commissariat avec le référent VIF du département.
Point avec l'accueil de jour de l'association pour une mise à l'abri.
Échange avec le service des urgences sociales, aucune place ce soir, rappel demain.
Prise de rendez-vous à la CAF pour une séparation de dossier et un changement de RIB.
Information sur l'éviction du domicile prévue par la loi, procédure expliquée.
{T} {X} est employé{e} à la blanchisserie du CH de {V}.
Scolarité des petits maintenue à l'école Jules Ferry, pas de changement de classe.
Aucune démarche pénale envisagée par {T} {X}, qui veut seulement des informations.
Pas de souci médical évoqué pendant l'échange."""

COM_FLAG = """\
F:Victime de [[criminal|coups portés par son compagnon]] dimanche soir, dépôt de plainte ce matin.
F:[[criminal|Plainte déposée pour violences volontaires]] contre l'ex-conjoint, [[third_party|M. {N}]].
[[criminal|Main courante déposée le {D} pour menaces de mort]] par SMS.
Rencontr<é|ée> en sortie de [[criminal|garde à vue]], {T} {X} est reparti<|e> libre avec une convocation.
M:Auteur présumé de [[criminal|violences sur sa conjointe]], M. {X} [[criminal|fait l'objet d'un contrôle judiciaire, interdiction de contact]].
F:[[criminal|Téléphone grave danger attribué]] par le parquet le {D}.
F:Son ex-mari, [[third_party|{PM} {N}]], [[criminal|a été condamné pour harcèlement]] en 2022.
[[criminal|Traces de strangulation relevées par l'UMJ, ITT de 5 jours]].
{T} {X} [[judgement|minimise tout]] et [[judgement|se contredit d'une phrase à l'autre]].
Discours [[judgement|très confus]], {T} {X} [[judgement|manque de lucidité]] sur la situation.
F:[[hypothesis|Je la sens encore sous l'emprise du conjoint]].
F:[[hypothesis|Elle retournera certainement chez lui dès demain]].
M:[[hypothesis|M. {X} boirait tous les soirs]] d'après la voisine.
Le conjoint [[hypothesis|consommerait de la cocaïne]] selon la fille aînée.
[[judgement|Selon ses dires]], les faits durent depuis dix ans.
{T} {X} [[judgement|prétend]] ne jamais avoir levé la main sur les enfants.
F:[[health|Grossesse de seize semaines]] en cours.
[[health|Suivi<|e> au CMP de {V} depuis l'an dernier, traitement en cours]].
F:[[health|Fausse couche]] [[criminal|suite aux coups]], en décembre.
[[health|Tentative de suicide il y a deux ans, hospitalisation à {V}]].
F:[[immigration|Sans titre de séjour]], {T} {X} craint un contrôle en déposant plainte.
M:Le mis en cause fait l'objet d'une [[immigration|OQTF]] non exécutée.
F:[[immigration|Déboutée par la CNDA]], aucun titre depuis.
[[origin|Famille peule]], installée à {V} en 2010.
F:[[religion|Très pratiquante]], Mme {X} craint le regard [[religion|de la mosquée]].
F:[[sexuality|Couple lesbien]], [[criminal|violences de la part de sa compagne]] [[third_party|{PF}]].
M:[[sexuality|Son compagnon]] [[third_party|{PM} {N}]] [[criminal|l'a frappé à la tête]] samedi.
Joignable au [[identifier|{TEL}]], pas de messages sur ce numéro.
Adresse électronique donnée pour les convocs : [[identifier|{MAIL}]].
Nouvelle adresse à ne pas communiquer : [[identifier|{ADR}]].
NIR transmis pour la demande d'ITT : [[identifier|{NIR}]].
Contact avec [[third_party|Mme {N}]], juriste au CIDFF, dossier confié.
Sa mère, [[third_party|{PF} {N}]], hébergera les enfants.
Le major [[third_party|{N}]] a pris la plainte.
Le fils aîné ([[third_party|{PM}]]) a assisté à la scène.
[[judgement|Mère protectrice]], attentive aux enfants malgré la peur.
F:[[judgement|Elle se complaît dans le rôle de victime]].
M:M. {X} [[judgement|se victimise]] et [[judgement|n'assume rien]] des faits.
[[criminal|Dépôt de plainte pour viol]], accompagnement par l'officier spécialisé.
[[criminal|Agression sexuelle]] dénoncée par la fille de 14 ans."""

COM_FREE = """\
perm iscg. mme {X} vue ds bureau apres nuit au poste. [[criminal|frappee par le conjoint hier soir]], enfants presents. ne veut pas porter plainte pour l'instant. [[hypothesis|a mon avis elle retirera la plainte si elle la depose]]. 115 appele, rien. hebergee chez sa soeur ce soir.
[[criminal|gav]] de m. {X} terminee 11h. rencontre a sa demande. [[criminal|violences sur ex compagne]], [[criminal|deferement demain]]. [[judgement|tres arrogant]], [[judgement|rejette tout sur elle]]. info asso suivi auteurs.
appel gendarmerie {V} : dame en pleurs a l'accueil. mme {X}, 34 ans, 2 enfants. ne sait pas si elle veut partir. orientation cidff + france victimes. rdv pris lundi 10h. pas de blessure visible.
mme {X} revue. ordonnance de protection demandee au jaf, audience fixee le {D}. avocate designee a l'aj. logement : dde de mutation bailleur. prochaine etape : attestation de domicile.
rencontre m. {X} victime. [[criminal|agresse dans le hall par deux jeunes, telephone vole]]. [[health|fracture du nez]], urgences. tres secoue. orientation france victimes pour la suite.
mme {X} : [[criminal|mari violent depuis 2019]], [[criminal|plusieurs mains courantes]]. [[health|sous antidepresseurs]]. tel perso [[identifier|{TEL}]] (ne pas laisser de msg). [[third_party|maitre {N}]] saisie pr divorce.
passage mme {X} pr info sur la main courante, conflit de voisinage sur une place de parking. explications donnees. pas de suite.
jeune fille 17 ans amenee par brigade, fugue. [[criminal|dit avoir ete frappee par son beau-pere]] [[third_party|{PM}]]. [[hypothesis|la mere couvrirait sans doute le beau pere]]. signalement parquet mineurs, contact ase.
mme {X} [[immigration|sans papiers]], [[criminal|viol par un compatriote]], peur d'aller porter plainte. rassuree : la plainte est possible. accompagnement a la brigade demain matin.
m. {X}, 78 ans, [[criminal|escroque par un faux artisan venu chez lui]]. fille [[third_party|{PF}]] presente. plainte deposee. lien avec clic.
suite rdv. mme {X} a retrouve un logement par son employeur. plus de contact avec ex. clôture du suivi, accord de mme.
mme {X} [[judgement|tres instable]], [[judgement|change de version a chaque entretien]]. [[health|alcoolisee ce matin]]. [[hypothesis|elle cache probablement des choses]]."""

# ----------------------------------------------------------------------------------------------
# voyageurs: service social des gens du voyage
# ----------------------------------------------------------------------------------------------
VOY_OPEN = """\
Permanence sur l'aire d'accueil de {V}.
Passage au bureau de l'association, domiciliation.
Visite sur le terrain familial, route de {V}.
Entretien à la caravane de {T} {X}.
Permanence courrier du mardi.
Rencontre sur le stationnement provisoire en lisière de la zone artisanale.
Appel du gestionnaire de l'aire de {V}.
Entretien au local social, {T} {X} venu<|e> seul<|e>.
Suite à notre rencontre du {D}.
Tournée des aires du secteur nord."""

VOY_CLEAN = """\
Renouvellement de l'attestation d'élection de domicile, valable trois ans.
Le livret de circulation a été supprimé en 2017 : la carte d'identité suffit, explications données.
Dossier CNED réglementé des deux aînés envoyé à l'inspection académique.
Le plus jeune sera scolarisé à l'école du quartier pendant la halte.
DTR du RSA remplie ensemble sur caf.fr.
Activité de ferraillage déclarée en micro-entreprise, chiffre d'affaires à déclarer à l'URSSAF.
Achat d'une nouvelle caravane à crédit, échéancier de 150 € par mois.
Le gestionnaire de l'aire demande le paiement des fluides, facture de l'électricité remise.
Mise en demeure du préfet reçue : la famille doit quitter le terrain sous 48 heures.
Le terrain est une propriété privée de la commune, la famille part vers l'aire de grand passage.
Demande de terrain familial locatif déposée à la communauté de communes.
Ouverture de compte bancaire : pas de refus cette fois, RIB obtenu.
Carte Vitale refaite, droits PUMA ouverts.
{T} {X} est de nationalité française, né{e} à {V}.
Ni souci de santé déclaré ni retard de vaccins chez les petits.
{T} {X} souhaiterait acheter un terrain pour sédentariser la famille.
La famille repartira probablement en voyage au printemps, comme chaque année.
Le dossier de la commission d'attribution passera sans doute en octobre.
{T} {X} dit : « on veut juste un endroit où poser les caravanes l'hiver ».
Point avec la médiatrice scolaire du département sur l'assiduité des enfants.
Atelier numérique au local, création de l'espace France Travail.
Aide à la rédaction du courrier au maire pour le raccordement en eau.
La famille voyage en groupe de six caravanes, trois générations.
Assurance de la caravane et du véhicule tracteur à jour.
Carte grise du fourgon refaite suite au changement de domiciliation.
Réunion avec le SDIS pour la sécurité de l'aire, présence de l'association.
{T} {X} n'a jamais été verbalisé<|e> pour stationnement.
Aucune dette de loyer sur l'emplacement.
Demande de permis de conduire financée par le FAJ pour le fils aîné.
Reprise de l'activité de marché : aide à l'inscription au registre."""

VOY_FLAG = """\
[[criminal|Amende pour installation illicite sur un terrain privé]] reçue le {D}.
[[criminal|Procès-verbal pour stationnement illicite en réunion]], véhicule saisi.
Le fils aîné [[criminal|purge une peine de prison]] à {V} depuis mars.
[[criminal|Condamné<|e> pour recel de métaux]] il y a trois ans.
[[hypothesis|Le cuivre récupéré serait volé]], d'après le gendarme du secteur.
[[hypothesis|Il y a fort à parier que l'activité de ferraille n'est pas déclarée]].
[[hypothesis|Travaille sûrement au noir sur les marchés]].
Famille [[origin|manouche]], sur la route d'avril à octobre.
[[origin|Communauté yéniche]] installée sur l'aire depuis des années.
M:M. {X} se présente comme [[origin|gitan catalan]].
Son oncle, [[third_party|{PM} {N}]], [[religion|pasteur évangélique]], organise les réunions sous le chapiteau.
[[religion|Partira au grand rassemblement évangélique]] de Nevoy en août.
Famille [[religion|très croyante]], prière chaque soir.
[[health|Diabète insulino-dépendant, infirmière tous les matins sur l'aire]].
[[health|Hospitalisé<|e> pour une crise cardiaque]] en janvier.
Le petit [[third_party|{PM}]] [[health|souffre d'une surdité, suivi ORL]].
[[health|Sous oxygène la nuit (BPCO)]], bouteilles stockées dans la caravane.
[[judgement|Famille envahissante]], [[judgement|toujours à réclamer]] quelque chose.
{T} {X} [[judgement|ne fait aucun effort]] pour l'école des enfants.
[[judgement|Mère très courageuse]], tient tout le groupe.
[[judgement|Soi-disant]] les petits suivent les cours à distance.
{T} {X} [[judgement|affirme que]] la caravane a été achetée comptant.
[[hypothesis|Ça ne m'étonnerait pas qu'ils aient d'autres revenus]].
Téléphone de {T} {X} : [[identifier|{TEL}]].
Virements RSA sur le compte [[identifier|{IBAN}]].
NIR de l'enfant pour le rattachement : [[identifier|{NIR}]].
Courrier à envoyer à : [[identifier|{ADR}]].
Son beau-père, [[third_party|{PM} {N}]], décide pour tout le groupe.
La grand-mère [[third_party|{PF} {N}]] garde les petits pendant les marchés.
Échange avec [[third_party|Mme {N}]], directrice de l'école, pour les inscriptions.
Le chef de groupe, [[third_party|M. {N}]], négocie avec la mairie.
F:[[health|Grossesse à risque, accouchement prévu à {V}]].
[[political|Encarté<|e> au PCF]], interpelle les élus sur les aires.
[[judgement|Complètement désorganisé<|e>]] dans les papiers, [[judgement|laisse tout traîner]]."""

VOY_FREE = """\
aire de {V}. m. {X} passe prendre courrier. relance caf (rsa suspendu, dtr pas faite). fait ensemble. ok.
visite terrain. famille {X} 4 caravanes. [[criminal|pv installation illicite]] hier, ils partent vendredi. [[hypothesis|le fils vendrait du cuivre vole]] selon mairie. pas verifie.
mme {X} : 3 enfants cned, le grand (14 ans) veut aller au college. rdv principal. elle est d'accord, mari moins. a revoir.
dom renouvelee. mme {X}, nationalite francaise, carte id refaite. plus de livret depuis 2017 !! ancien livret rendu a la prefecture.
m. {X} [[health|ampute de la jambe gauche (diabete)]], fauteuil dans la caravane c'est pas possible. dde terrain adapte. [[judgement|tres bougon]] aujourdhui.
mme {X} [[religion|tres engagee dans l'eglise evangelique]]. voyage vers lourdes puis rassemblement. retour prevu octobre. dom maintenue.
grand passage 80 caravanes sur le stade. tension avec le maire. [[third_party|m. {N}]], responsable du groupe, tel [[identifier|{TEL}]]. mediation prefecture demain.
ferraillage : m. {X} a un camion, inscription micro entreprise faite en mars. premiere declaration urssaf a faire en juillet. explications.
mme {X} [[judgement|menteuse]], [[judgement|soit disant]] plus de revenus depuis 6 mois. [[hypothesis|touche surement un salaire du mari]].
famille {X} sur l'aire depuis 10 ans, bien connue. mme souhaiterait un logement adapte (terrain + maison). dde plai. commission en juin sans doute.
m. {X} [[criminal|sorti de detention]] le mois dernier. [[criminal|suivi spip]] {V}. cherche activite, on voit france travail ensemble.
passage rapide, photocopies et courrier. rien de particulier."""

# ----------------------------------------------------------------------------------------------
# ministere: service social du personnel d'un ministère (Armées, Intérieur)
# ----------------------------------------------------------------------------------------------
MIN_OPEN = """\
Entretien au bureau de l'assistante sociale du personnel, base de défense de {V}.
Permanence sociale au commissariat central, personnel de la police nationale.
Appel de l'agent{e} sur la ligne du service social.
Entretien à la demande du commandant d'unité, accord de l'intéressé{e}.
Visite à domicile au logement de fonction, caserne de {V}.
Entretien téléphonique, {T} {X} étant en congé.
Reçu<|e> au service social de la préfecture.
Rencontre à la demande de {T} {X} après sa mutation.
Suite de l'entretien du {D}.
Point de situation à la demande de la cellule d'aide aux blessés."""

MIN_CLEAN = """\
Mutation prononcée pour {V} au 1er septembre, recherche de logement en cours.
Demande de logement de fonction déposée auprès du bureau logement.
Présentation des prestations d'action sociale du ministère : prêt à taux zéro, secours, CESU.
Un prêt social de {A} pourrait être accordé par la commission, dossier constitué.
Secours : passage en commission, probablement à la séance de mars.
Départ en OPEX prévu en février pour quatre mois, organisation familiale discutée.
Le conjoint gardera les enfants pendant la mission, pas de difficulté repérée.
Information sur la cellule d'aide aux familles des militaires en opération.
Séjours IGESA d'été présentés, tarifs selon quotient.
Remise du dossier de demande de place en crèche ministérielle.
Rendez-vous au bureau des ressources humaines pour une simulation de retraite.
{T} {X} souhaiterait une mutation pour rapprochement de conjoint.
L'agent{e} voudrait connaître les possibilités de temps partiel pour raisons familiales.
Réunion du CHSCT en présence de l'assistante sociale, présentation du bilan annuel.
Participation à la commission d'action sociale avec les représentants des syndicats.
Le syndicat a été reçu par le directeur au sujet des horaires de nuit.
{T} {X} est de nationalité française, conjoint de nationalité marocaine en situation régulière.
N'a pris aucun jour d'arrêt maladie depuis sa prise de fonctions.
Pas de difficulté avec la hiérarchie signalée.
{T} {X} n'a jamais été en congé de maladie.
{T} {X} dit : « je veux simplement que ma famille soit logée correctement ».
Budget établi ensemble : charges en hausse depuis le déménagement.
Montage du dossier Banque de France (surendettement), échéancier négocié avec l'agence bancaire.
Demande d'aide à l'installation des personnels (AIP) transmise.
Orientation vers le psychologue du travail pour un entretien collectif sur les horaires.
Le médecin de prévention recevra l'ensemble de l'équipe en juin.
Bilan de fin de mission prévu avec le chef de corps.
Point avec la cellule Thémis sur la procédure de signalement, sans cas nominatif.
L'aumônier de la base organise une collecte pour les familles, information diffusée.
Changement d'affectation accepté, départ dans trois semaines.
Le logement du parc de la défense sera libéré au départ de la famille."""

MIN_FLAG = """\
[[health|En congé de longue maladie]] depuis le {D}.
[[health|Blessé<|e> en OPEX au Mali, rapatrié<|e> à Percy]].
[[health|Stress post-traumatique]] reconnu après la mission.
[[health|Reclassement pour inaptitude]] demandé par le médecin de prévention.
[[health|Suivi<|e> par le psychiatre du service de santé des armées]].
[[health|Mi-temps thérapeutique]] à la reprise, poste aménagé.
[[health|Placé<|e> en congé de longue durée pour dépression]].
[[criminal|Harcèlement moral de la part de son chef de service]] depuis l'an dernier.
[[criminal|Victime de propos sexistes et d'attouchements]] au vestiaire.
[[criminal|Suspendu<|e> à titre conservatoire dans l'attente de la procédure pénale]].
[[criminal|Mis<|e> en examen pour violences]] en dehors du service.
[[political|Délégué<|e> syndical<|e> Alliance]], [[political|heures de délégation]] le jeudi.
[[political|Adhérent<|e> de la CGT]] depuis son arrivée.
[[political|Élu<|e> sur la liste FO]] au comité social.
[[judgement|Agent{e} désinvolte]], [[judgement|se croit tout permis]].
{T} {X} [[judgement|se montre très revendicati<f|ve>]] envers le service.
[[judgement|Militaire exemplaire]], apprécié<|e> de tous.
[[judgement|Toujours une excuse]] quand il s'agit de venir au bureau.
{T} {X} [[judgement|se dit]] épuisé<|e> par la hiérarchie.
[[hypothesis|Il est possible qu'<il|elle> joue régulièrement en ligne]].
[[hypothesis|Doit avoir des dettes de jeu]] vu les découverts.
[[hypothesis|Boit sans doute pour tenir]] après les gardes de nuit.
Le conjoint [[hypothesis|semble violent]] d'après l'unité.
[[religion|Fait le ramadan]], demande un aménagement des gardes.
[[origin|Seul<|e> agent{e} noir{e}]] du service, [[criminal|injures racistes répétées]].
F:[[sexuality|Mariée avec une femme]], sa conjointe [[third_party|{PF}]] rejoint la garnison.
M:[[sexuality|Son mari]] [[third_party|{PM} {N}]] cherche un emploi sur le secteur.
Matricule [[identifier|{MAT}]] à rappeler sur le dossier de secours.
Joignable au [[identifier|{TEL}]] pendant la mission.
Adresse personnelle : [[identifier|{ADR}]].
IBAN pour le versement du secours : [[identifier|{IBAN}]].
Mail perso : [[identifier|{MAIL}]].
Échange avec le capitaine [[third_party|{N}]], commandant d'unité.
Son chef de service, [[third_party|M. {N}]], conteste les faits.
Sa fille [[third_party|{PF}]] [[health|est hospitalisée en pédopsychiatrie]].
Le beau-père, [[third_party|{PM} {N}]], héberge la famille en attendant."""

MIN_FREE = """\
ent. adc {X}, retour opex (6 mois). [[health|cauchemars, insomnies]], [[health|suivi par psy ssa]]. epouse fatiguee, enfants ok. lien cellule famille fait. revoir dans 1 mois.
brigadier {X} commissariat {V}. [[criminal|harcelement du chef de brigade]] depuis mutation. [[hypothesis|a mon avis il exagere un peu]]. lien medecin de prevention. tel [[identifier|{TEL}]].
mme {X}, adjointe administrative. mutation obtenue pr {V}. logement : dde parc defense, ok. aide installation. rien d'autre.
sgt {X} [[health|en clm depuis janvier]] ([[health|cancer]]). secours urgent {A} accorde. pret social en cours. conjoint au chomage.
[[political|deleguee unsa]] mme {X} vient pr un collegue (anonyme). info donnee sur procedure signalement. pas de dossier ouvert.
m. {X} gardien de la paix. [[judgement|tres procedurier]], [[judgement|toujours dans la plainte]]. [[hypothesis|problemes d'alcool ?]] a surveiller.
cpl {X}, 24 ans, decouverts repetes. budget fait. [[hypothesis|joue surement aux paris sportifs]]. pret refuse, orientation banque de france.
rdv mme {X} (agent entretien). conjoint militaire en opex, 3 enfants. demande creche. dossier igesa. tout est en ordre.
vad logt fonction caserne {V}. humidite chambre enfants. signalement au bureau logement. famille {X} tres bien installee sinon.
ltn {X} : [[criminal|plainte de son epouse pour violences conjugales]], suspendu du service. [[third_party|me {N}]] avocat. [[judgement|aucune remise en question]].
mme {X}, [[health|reclassement apres accident de service (epaule)]], poste admin. contente du nouveau poste.
m. {X} retraite dans 6 mois. simulation faite. projet retour region d'origine (bretagne). pas d'aide financiere demandee."""

REGISTERS = {
    "commissariat": (COM_OPEN, COM_CLEAN, COM_FLAG, COM_FREE),
    "voyageurs": (VOY_OPEN, VOY_CLEAN, VOY_FLAG, VOY_FREE),
    "ministere": (MIN_OPEN, MIN_CLEAN, MIN_FLAG, MIN_FREE),
}


def lines(block):
    return [line for line in block.split("\n") if line.strip()]

# ----------------------------------------------------------------------------------------------
# second hand of sentences (same session, written after a first read of the generated notes to
# widen the wording: appraisals without keywords, guesses without modal verbs, more third parties)
# ----------------------------------------------------------------------------------------------
COM_CLEAN += """
Premier contact : l'officier de police judiciaire a laissé la salle d'audition à disposition.
{T} {X} connaît ses droits et repart avec la liste des avocats du barreau.
Aucun certificat médical produit, pas d'ITT à ce stade.
Les enfants n'étaient pas au domicile au moment de l'intervention.
{T} {X} veut réfléchir au week-end avant toute décision, on se recontacte mardi.
Mise en lien avec le bailleur pour une mutation de logement en urgence.
Le procureur de permanence a été informé par l'enquêteur, pas de retour vers l'ISCG.
Bilan annuel des permanences présenté au comité de pilotage du contrat de ville.
Accompagnement physique jusqu'au greffe, requête déposée ensemble.
{T} {X} ne souhaite pas être recontacté{e} par téléphone, uniquement par courrier.
Demande d'aide financière d'urgence au CCAS pour les courses de la semaine.
Pas de suite pénale souhaitée, la démarche de ce jour est une simple information.
Prêt d'un téléphone portable par l'association en attendant le renouvellement de la ligne.
{T} {X} a un emploi de caissière à temps partiel et garde ses horaires.
Le commandant de brigade demande un retour sur les orientations proposées."""

COM_FLAG += """
F:Son concubin, un certain [[third_party|{PM}]], [[criminal|lui a confisqué ses papiers]].
F:[[criminal|Bousculée et insultée devant les enfants]] le {D}, selon le PV d'audition.
Le voisin du dessus ([[third_party|M. {N}]]) a appelé le 17.
Échange avec [[third_party|{PF}]] de France Victimes, qui reprend l'accompagnement.
[[third_party|Le Dr {N}]] a établi le certificat d'ITT.
{T} {X} [[judgement|n'a pas su protéger ses enfants]].
[[judgement|Discours plaqué]], récité comme une leçon.
[[judgement|Beaucoup de théâtre]] pendant l'entretien, larmes puis rires.
F:[[hypothesis|Elle a dû provoquer la dispute]], d'après le rapport.
F:[[hypothesis|Les bleus viennent sûrement d'une chute]], pas des coups.
[[hypothesis|Sans doute sous emprise]] depuis des années.
[[health|Suivi<|e> en addictologie]] à {V}.
[[health|Sous anxiolytiques]] depuis la séparation.
F:[[political|Militante féministe]], elle connaît bien le CIDFF.
M:[[criminal|Déjà condamné pour des violences]] sur une précédente compagne.
Numéro de plainte transmis à France Victimes, portable de {T} {X} : [[identifier|{TEL}]].
Son frère [[third_party|{PM} {N}]] accepte de l'héberger une semaine.
F:[[immigration|Visa expiré depuis l'été]], elle n'ose plus sortir seule.
Le mis en cause, [[immigration|en situation irrégulière]], a été placé au centre de rétention.
F:Son titre de séjour [[immigration|n'a pas été renouvelé]] depuis la séparation.
M:[[sexuality|Homosexuel]], M. {X} redoute que son père l'apprenne."""

VOY_CLEAN += """
Les deux plus grands font leurs devoirs du CNED au local le mercredi.
Facture d'eau de l'emplacement soldée, reçu remis au gestionnaire.
Le fourgon est passé au contrôle technique, pas de réparation à prévoir.
{T} {X} souhaite ouvrir ses droits à la prime d'activité : on a fait le calcul ensemble.
Le maire propose un emplacement provisoire derrière le stade pour l'hiver.
La famille ne veut pas de logement en dur, elle préfère le terrain familial.
Pas de dette auprès du gestionnaire, paiements réguliers des droits de place.
Rappel des horaires d'ouverture de la permanence et du numéro de l'association.
Courrier de la préfecture sur le schéma départemental d'accueil, lu ensemble.
Vente de paniers et rempaillage de chaises sur les marchés l'été.
Les papiers de la caravane sont en règle."""

VOY_FLAG += """
Le gendre, [[third_party|{PM}]], tient le camion de ferraille avec lui.
[[third_party|Mme {N}]], voisine d'emplacement, garde le courrier.
Appel de [[third_party|{PF} {N}]], médiatrice de la CDC, au sujet des raccordements.
[[judgement|Pas le genre à se laisser faire]] avec l'administration.
[[judgement|Beaucoup de bagou]], mais les papiers ne suivent pas.
[[judgement|Ne tient jamais parole]] sur les rendez-vous.
[[hypothesis|Les enfants ne doivent pas ouvrir un cahier du CNED]] de l'année.
[[hypothesis|Les revenus du marché sont forcément plus élevés que ce qui est déclaré]].
[[health|Asthme sévère]] chez la petite, nébuliseur dans la caravane.
[[health|En dialyse lundi, mercredi et vendredi]] à {V}.
[[criminal|Contrôle de gendarmerie qui a fini en garde à vue]] pour outrage.
[[religion|Baptisé<|e> à la mission évangélique]] cet été.
Portable du fils pour le joindre : [[identifier|{TEL}]].
Adresse mail ouverte pour la CAF : [[identifier|{MAIL}]]."""

MIN_CLEAN += """
Remise de la brochure sur les prestations interministérielles.
Demande de place en résidence hôtelière à titre temporaire, en attente.
Le conjoint a retrouvé un emploi sur la garnison, les charges se stabilisent.
L'agent{e} s'interroge sur le capital décès et la prévoyance, information donnée.
Projet d'achat immobilier : orientation vers le prêt à l'accession du ministère.
La commission locale d'action sociale se réunit le troisième jeudi du mois.
{T} {X} n'a aucune dette en cours et gère seul{e} son budget.
Le chef de service valide des horaires décalés le mercredi (garde des petits).
Les enfants changeront d'école en septembre avec la mutation.
Point sur les démarches de fin de contrat et la reconversion avec Défense Mobilité.
Le bureau logement propose un T4 sur la commune de {V}."""

MIN_FLAG += """
Son adjudant, [[third_party|{PM} {N}]], a refusé la permission demandée pour le déménagement.
Contact avec [[third_party|Mme {N}]], gestionnaire RH, pour le dossier de mutation.
[[third_party|Le lieutenant {N}]] appuie la demande de secours.
[[judgement|Agent{e} effacé{e}, à qui on ne peut rien reprocher]].
[[judgement|Pas très fiable]] d'après la hiérarchie.
[[judgement|Sait jouer sur la corde sensible]] quand il faut une aide.
[[hypothesis|L'argent part certainement dans les paris]].
[[hypothesis|Je la crois dépendante à l'alcool]].
[[health|Arrêt maladie]] prolongé jusqu'au {D}.
[[health|RQTH obtenue]] l'an dernier, poste adapté.
[[criminal|Insulté<|e> et menacé<|e> pendant une interpellation]], plainte de l'administration.
[[political|Représentant<|e> de proximité UNSA]] dans sa compagnie.
Numéro de sécurité sociale : [[identifier|{NIR}]].
Tél. du conjoint : [[identifier|{TEL}]].
Titre du conjoint [[immigration|refusé par la préfecture en mars]], recours déposé par l'avocat.
[[sexuality|Pacsé<|e> avec une personne du même sexe]], le couple demande un logement commun."""

REGISTERS = {
    "commissariat": (COM_OPEN, COM_CLEAN, COM_FLAG, COM_FREE),
    "voyageurs": (VOY_OPEN, VOY_CLEAN, VOY_FLAG, VOY_FREE),
    "ministere": (MIN_OPEN, MIN_CLEAN, MIN_FLAG, MIN_FREE),
}
