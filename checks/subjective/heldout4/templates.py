"""Hand-written sentences of the fourth held-out set (issue 14): three registers.

Written for this set only, without reading the analyser, its lexicons, its tests or the
other sets' notes. Syntax (expanded by generate.py):

- ``[[category|words]]``: the words are a span of that category; spans may nest when they
  are of different categories (a guess that contains a stated health fact).
- ``{T}`` Mme / M., ``{TF}`` Madame / Monsieur, ``{G}`` the person's given name, ``{N}``
  the person's surname; ``{e}`` gender agreement, ``<masc|fem>`` a choice by the person's
  gender, ``{il}`` / ``{Il}`` il / elle, ``{lui}`` lui / elle.
- third parties: ``{PF}`` / ``{PM}`` a female / male given name, ``{S}`` a surname.
- identifiers: ``{TEL}``, ``{NIR}``, ``{MAIL}``, ``{IBAN}``, ``{CAF}``, ``{ADR}``; ``{DATE}``,
  ``{AGE}``, ``{MT}`` (an amount).
- a placeholder written in lower case (``{g}``, ``{pm}``, ``{s}``, ``{t}``) is the same value
  in lower case (for the notes typed in lower case).
- a template prefixed ``F:`` or ``M:`` is used only for a woman / a man.
"""

# ---------------------------------------------------------------------------------------
# prévention spécialisée (éducateurs de rue, club de prévention)
# ---------------------------------------------------------------------------------------

PREVENTION_OPEN = [
    "Rencontre avec {G} {N} au pied de la tour 4.",
    "Entretien avec {G} {N} au local du club.",
    "Tournée de rue en binôme ; échange avec {G} {N} devant la boulangerie.",
    "RDV au local avec {G} {N}, {AGE} ans.",
    "Présence sociale au square : discussion avec {G} {N}.",
    "Échange au téléphone avec {G} {N}.",
    "Point individuel avec {G} {N} à la fin du chantier éducatif.",
    "Rendez-vous avec {G} {N} au snack de la place du marché.",
    "Accompagnement en voiture avec {G} {N}, trajet vers le centre-ville.",
    "Suivi individuel ({AGE} ans) : rencontre avec {G} {N} à la sortie du collège.",
]

PREVENTION_CLEAN = [
    "Le bailleur confirme que les caves du bâtiment A seront murées en janvier.",
    "Ne fume pas, ne boit pas, et le répète volontiers aux autres.",
    "La police municipale passait au marché, aucun échange avec le groupe.",
    "{Il} s'est présenté{e} seul{e} au rendez-vous du CIO, une première.",
    "Séance de boxe éducative au gymnase avec l'éducateur sportif, huit jeunes présents.",
    "Inscription au chantier éducatif de rénovation des boîtes aux lettres la semaine prochaine.",
    "Le contrat avec l'association intermédiaire est signé pour les cinq matinées du chantier.",
    "Premier accueil à la mission locale calé pour jeudi, je l'accompagnerai jusqu'au bureau.",
    "Entrée en CEJ confirmée pour la rentrée par sa conseillère, le contrat arrive par courrier.",
    "Le PRE propose un soutien scolaire le mardi et le jeudi soir à la maison de quartier.",
    "Échange avec la coordinatrice du PRE sur l'orientation en seconde.",
    "Pas de mesure judiciaire en cours, aucun suivi PJJ.",
    "N'a jamais été interpellé{e}, ni convoqué{e} au commissariat.",
    "{Il} souhaiterait passer le permis B et pourrait demander l'aide au permis de la mission locale.",
    "Aide au permis : dossier probablement présenté à la commission de début juin.",
    "Réunion partenariale au collège Louise Michel avec la CPE et l'infirmière scolaire sur le décrochage des élèves de troisième.",
    "Présence au city stade de 17 h à 19 h : une douzaine de jeunes, pas d'incident.",
    "Rencontre avec le bailleur et la médiatrice de nuit au sujet des halls d'entrée.",
    "Présent{e} à l'heure, carte d'identité et attestation de domicile apportées.",
    "{Il} explique : « moi je veux bosser dans la logistique, même en intérim de nuit ».",
    "Exclusion de trois jours du lycée pour des retards répétés ; retour prévu lundi.",
    "Plus aucune présence au lycée professionnel depuis octobre, le lycée a fait un signalement d'absentéisme à l'inspection.",
    "Contact pris avec la plateforme de suivi et d'appui aux décrocheurs pour une place en E2C.",
    "Sortie à la base de loisirs avec le groupe des 14-16 ans, {il} s'est inscrit{e} avec deux copains.",
    "Travail sur le CV et une lettre pour une candidature d'employé{e} de rayon.",
    "Demande de carte d'identité déposée en mairie annexe, retrait le {DATE}.",
    "Nationalité algérienne ; son titre de séjour court jusqu'en 2028.",
    "Inscrit{e} à l'auto-école associative, le code commence en septembre.",
    "Aucun souci de santé évoqué pendant l'entretien.",
    "Accompagnement au CIO pour réfléchir à un CAP cuisine.",
    "Le club tiendra un stand crêpes à la fête de quartier samedi.",
    "Séance collective au centre social sur les usages des réseaux sociaux, animée avec la médiatrice numérique.",
    "Atelier de prévention des conduites à risques co-animé avec le CSAPA dans la salle de la MJC, pour les 15-18 ans.",
    "La mère est passée au local, elle veut être tenue au courant des démarches.",
    "Bilan du chantier : présent{e} les cinq jours, horaires tenus, paie versée vendredi.",
    "Demande de place en FJT envoyée, commission dans trois semaines.",
    "Compte France Travail créé sur l'ordinateur du local, identifiant noté dans son téléphone.",
    "Le collège réunit une équipe éducative le {DATE}, la famille est invitée.",
    "L'AEMO s'est terminée l'an dernier, aucun autre suivi éducatif depuis.",
    "Audience devant le juge des enfants en assistance éducative reportée à octobre.",
    "La référente ASE a été prévenue de la sortie à la journée.",
    "Je lui ai laissé mon numéro professionnel et les horaires d'ouverture du local.",
    "{Il} n'a pas de compte bancaire ; on prépare ensemble l'ouverture d'un livret.",
    "Job d'été trouvé à la base nautique, contrat de six semaines.",
    "Le service civique à l'association sportive pourrait démarrer en novembre.",
]

PREVENTION_FLAG = [
    "[[judgement|Un beau parleur, promet beaucoup et ne tient rien]].",
    "[[judgement|Aucune reconnaissance pour ce qu'on fait pour {lui}]].",
    "[[hypothesis|À mon avis, {il} couvre son grand frère]].",
    "[[hypothesis|L'argent liquide qu'{il} avait sur {lui} ne vient pas de nulle part]].",
    "Vu{e} avec [[third_party|{PM} {S}]], 22 ans, [[criminal|connu pour des vols à l'arraché]].",
    "[[third_party|{PF}]], l'animatrice de la MJC, nous l'a présenté{e}.",
    "Ses parents, [[third_party|M. et Mme {S}]], ne répondent pas aux courriers du collège.",
    "[[identifier|{MAIL}]] : c'est l'adresse à utiliser pour la convocation.",
    "F:[[sexuality|Sort avec une fille du lycée]], personne n'est au courant dans la famille.",
    "{Il} [[sexuality|se pose des questions sur son orientation sexuelle]], on en a parlé seul à seul.",
    "[[origin|Famille rom]], caravanes sur le terrain derrière la voie ferrée.",
    "[[political|Participe aux blocages du lycée avec un collectif d'extrême gauche]].",
    "[[health|Sous Ritaline depuis le CE2, arrête le traitement]] [[judgement|quand ça lui chante]].",
    "[[judgement|Mère envahissante]], appelle le local plusieurs fois par jour.",
    "[[hypothesis|Pas de travail mais un scooter neuf : on devine d'où vient l'argent]].",
    "[[criminal|Gardé{e} à vue samedi soir]], ressorti{e} sans suite d'après la mère.",
    "{Il} [[criminal|a été interpellé{e} avec trois barrettes de résine]] derrière le centre commercial.",
    "[[hypothesis|Tout porte à croire qu'{il} fait le guet pour le point de vente]], on le voit chaque soir au même coin.",
    "[[hypothesis|On peut penser que l'argent des nouvelles baskets vient du trafic]].",
    "Passe ses soirées avec les plus âgés du bâtiment B, [[hypothesis|sans doute pour rendre des services au réseau]].",
    "[[judgement|Ne fait aucun effort]] pour se lever le matin.",
    "[[judgement|Toujours une bonne excuse]] quand il s'agit d'aller à la mission locale.",
    "[[judgement|Gamin attachant]], on a envie de l'aider.",
    "{Il} [[judgement|s'est donné{e} à fond]] sur le chantier, [[judgement|un vrai plaisir de travailler avec {lui}]].",
    "[[judgement|Complètement à la dérive]] depuis l'été, plus aucun repère.",
    "[[judgement|La mère laisse tout faire, aucun cadre à la maison]].",
    "{Il} [[judgement|prétend]] avoir déposé des CV dans toutes les boutiques de la galerie.",
    "[[judgement|D'après {lui}]], le lycée ne l'a jamais prévenu{e} de l'exclusion.",
    "[[judgement|Joue les durs]] devant les plus jeunes, mais seul{e} {il} parle facilement.",
    "[[health|Fume plusieurs joints par jour depuis la quatrième]].",
    "[[health|Consomme du protoxyde d'azote]] avec le groupe du parking.",
    "Orientation vers la [[health|consultation jeunes consommateurs pour le cannabis]], premier RDV le {DATE}.",
    "[[health|Suivi{e} par la pédopsychiatre du CMP depuis ses douze ans]].",
    "[[health|Diabétique, {il} oublie régulièrement ses injections d'insuline]].",
    "[[health|Tentative de suicide en mars, hospitalisé{e} une semaine en pédopsychiatrie]].",
    "Sa grande sœur [[third_party|{PF}]] garde les petits le soir.",
    "Le grand frère, [[third_party|{PM}]], [[criminal|est en détention depuis un an]].",
    "Son copain [[third_party|{PM}]] l'attendait en bas du local.",
    "Échange avec [[third_party|M. {S}]], gardien de l'immeuble, au sujet des tags dans l'ascenseur.",
    "Le patron du garage, [[third_party|{PM} {S}]], accepte un stage de découverte de deux semaines.",
    "Appel de la CPE, [[third_party|Mme {S}]] : {il} n'est pas revenu{e} en cours depuis les vacances.",
    "Nouveau numéro de portable : [[identifier|{TEL}]].",
    "Adresse mail de la mère pour les papiers de la bourse : [[identifier|{MAIL}]].",
    "Parents [[origin|d'origine comorienne]], dans la cité depuis vingt ans.",
    "{Il} [[religion|fait le ramadan]] et demande à commencer le chantier plus tôt.",
    "[[religion|Va à la mosquée chaque vendredi]] avec son oncle.",
    "[[immigration|Pas de papiers depuis ses 18 ans]], {il} ne peut pas signer le contrat du chantier.",
    "[[immigration|Déboutée de l'asile]], la famille vit toujours dans le même squat.",
    "[[sexuality|Nous a parlé de son homosexualité]], très <inquiet|inquiète> de la réaction du père.",
    "[[political|Colle des affiches pour un collectif antifasciste]] avec des copains de terminale.",
    "[[criminal|Mesure de réparation pénale]] à effectuer à la médiathèque avant l'été.",
    "[[criminal|Condamné{e} à 70 heures de TIG pour des dégradations de la salle de sport]].",
    "[[hypothesis|Je pense qu'{il} revend pour son cousin]].",
    "[[hypothesis|{Il} vendrait des cigarettes à l'unité]] devant le tabac de la gare.",
    "[[hypothesis|Vraisemblablement sous l'effet du cannabis]] lors de notre rencontre, les yeux rouges.",
    "[[judgement|N'écoute rien, n'en fait qu'à sa tête]].",
    "{Il} veut un [[judgement|« vrai »]] métier, pas les petits boulots.",
    "[[judgement|Se pose toujours en victime, la faute revient toujours aux autres]].",
    "[[judgement|Très influençable]], suit le groupe dans toutes les bêtises.",
    "NIR donné pour le dossier C2S : [[identifier|{NIR}]].",
    "Hébergé{e} chez sa tante, [[identifier|{ADR}]].",
    "M:Sa petite amie, [[third_party|{PF} {S}]], [[health|est enceinte de quatre mois]].",
    "La tante ([[third_party|Mme {S}]]) a accepté de lui faire une attestation d'hébergement.",
    "[[hypothesis|Il paraît évident qu'{il} a replongé dans les embrouilles du quartier]].",
    "[[judgement|Un jeune poli et respectueux]], toujours le mot pour rire.",
    "Le médiateur, [[third_party|{PM}]], l'a vu{e} monter dans une voiture inconnue.",
    "[[hypothesis|Il y a de fortes chances qu'{il} se fasse payer pour garder la marchandise]].",
    "[[criminal|Sous contrôle judiciaire]] jusqu'au jugement, pointage au commissariat le lundi.",
    "M:Son meilleur ami, [[third_party|{PM}]], [[criminal|a été poignardé]] lors de la rixe de samedi.",
    "[[judgement|Jeune très mature]] pour son âge, [[judgement|fiable]].",
]

PREVENTION_FREE = [
    """M:croisé {g} au city vers 18h, dit qu'il a lache le lycee depuis la toussaint, plus envie
[[judgement|toujours le meme discours, c'est la faute des profs]]
propose rdv mission locale mardi 14h, ok pour y aller avec moi
traine avec [[third_party|sofiane]] et le frere de [[third_party|mehdi]], [[hypothesis|on peut penser qu'ils font des allers retours pour le reseau]]""",
    """tournee de rue avec {pf2}. quartier calme, 6-7 jeunes au banc devant le tabac.
rencontre avec {g} {n} : cherche un stage pour son bac pro, on regarde ensemble les garages du secteur.
mere au courant. rien de particulier.""",
    """M:rdv {g} {n} local 10h - arrive 10h40 [[judgement|comme d'hab]]
parle de sa copine [[third_party|{pf}]] (17a), veulent se mettre ensemble chez la mere de la copine
[[health|fume beaucoup, 10 joints par jour]] dit-il. [[health|dort mal]], mange une fois par jour
a revoir vendredi. tel : [[identifier|{tel}]]""",
    """Chantier éducatif peinture, 3e jour.
{G} présent{e}, rien à signaler sur le travail.
[[judgement|Bosseur, ne rechigne jamais]]. Le gardien [[third_party|M. {S}]] content du résultat.
Paie vendredi par l'asso intermédiaire.""",
    """appel de la maman de {g}, inquiete : {il} ne rentre plus avant 2h du mat
[[hypothesis|elle pense qu'{il} deale en bas]], {il} a un nouveau telephone et des vetements de marque
[[judgement|la maman est depassee]], le pere absent. on propose un rdv a 3 au local.""",
    """M:presence sociale marche du dimanche
{g} {n} vient vers nous, [[criminal|sorti de garde a vue hier soir]] ([[hypothesis|vol de scooter ?]]), pas envie d'en parler
[[judgement|petite frappe mais pas mechant]], a garder le lien
a donne son nouveau num [[identifier|{tel}]]""",
    """M:entretien {g} {n} avec la CPE du college jean jaures
absent depuis 3 semaines. pas de souci de sante selon la famille
orientation vers le PRE, la coordinatrice le rappelle. rdv posé le {date}""",
    """RDV mission locale avec {g} {n}. Conseillère : [[third_party|Mme {S}]].
Entrée en CEJ validée, allocation à partir du mois prochain.
{Il} voulait repartir direct mais on a fini le dossier. [[judgement|Aucune patience]].
Mail créé pour les démarches : [[identifier|{mail}]]""",
    """soiree foot au gymnase. {g} vient pour la 1ere fois, [[origin|famille tchetchene]], arrivee en 2019.
[[immigration|le pere est sans papiers]] d'apres les autres jeunes, la mere a un recepisse.
bon contact. a revoir au local""",
    """rencontre {g} {n} au pied du bat C avec [[third_party|{pm}]] et [[third_party|{pm2}]]
[[hypothesis|{il} a l'air de surveiller les allees et venues, sans doute pour le point de deal]]
on reste 20 min, parle du chantier de juillet, {il} veut s'inscrire""",
    """VAD chez la maman de {g}, appartement propre, 4 enfants
[[judgement|maman courageuse]] qui fait tout seule. [[health|le petit dernier est autiste, suivi au CAMSP]]
{g} absent{e}, parti{e} chez des copains. caf : [[identifier|{caf}]]""",
    """local, aprem. {g} passe prendre un cafe.
parle de son oncle [[third_party|{pm}]] [[criminal|sorti de prison]] il y a un mois, qui l'emmene en voiture partout
[[hypothesis|tout porte a croire qu'il l'utilise pour des livraisons]]
a creuser avec l'equipe jeudi""",
]

# ---------------------------------------------------------------------------------------
# CSAPA / CAARUD (addictologie, réduction des risques)
# ---------------------------------------------------------------------------------------

ADDICTO_OPEN = [
    "Entretien social avec {T} {N}.",
    "Entretien avec {T} {N} dans les locaux du CSAPA, bureau du rez-de-chaussée.",
    "Entretien d'accueil avec {T} {N}.",
    "Appel de {T} {N} ce matin vers 9 h.",
    "Permanence sociale du mardi : entretien avec {T} {N}.",
    "RDV avec {T} {N}, venu{e} sans rendez-vous.",
    "Échange au téléphone avec {TF} {N}.",
    "Point d'étape en fin de matinée : {T} {N}.",
    "{T} {N} reçu{e} en entretien, accompagné{e} de l'éducateur du CHRS.",
    "Maraude près de la gare routière, {T} {N} vient vers nous.",
]

ADDICTO_CLEAN = [
    "L'équipe mobile a déposé des flyers sur la réduction des risques au squat de la rue Jean Jaurès.",
    "Permanence juridique au CSAPA le premier mardi du mois, ouverte à tous.",
    "Tarif solidaire des bus demandé sur le site du réseau.",
    "{Il} prévoit de s'inscrire à la salle de sport municipale.",
    "Réunion partenariale trimestrielle dans les locaux du CAARUD avec les équipes de maraude et le SIAO.",
    "Droits à la C2S ouverts, attestation demandée à la CPAM par mail.",
    "Carte Vitale mise à jour à la borne de l'accueil CPAM.",
    "Renouvellement annuel du numéro unique de logement fait en ligne.",
    "Pas d'antécédent judiciaire connu, aucune mesure en cours.",
    "Aucune dette de loyer signalée par le bailleur.",
    "{Il} souhaiterait reprendre une formation de cariste et pourrait solliciter un financement de la région.",
    "La commission d'attribution examinera vraisemblablement le dossier de logement en juillet.",
    "{Il} explique : « j'ai envie de retrouver un appartement à moi avant l'hiver ».",
    "Formation des veilleurs du foyer à l'usage de la naloxone, organisée par le CAARUD pour toute l'équipe.",
    "Atelier cuisine du jeudi : six participants, repas partagé avec l'équipe.",
    "Accompagné{e} jusqu'à l'agence bancaire : compte ouvert, RIB transmis au CCAS.",
    "Élection de domicile au CCAS acceptée, courrier à retirer le lundi.",
    "Le RSA a été recalculé, montant inchangé.",
    "Rendez-vous en préfecture pour le renouvellement de la carte de résident le {DATE}.",
    "<Tunisien|Tunisienne>, arrivé{e} en 2009, carte de résident de dix ans.",
    "Jamais hospitalisé{e}, pas de suivi psychiatrique.",
    "Ne boit pas d'alcool et ne fume pas.",
    "La prochaine synthèse se tiendra au CSAPA, dans la salle du premier étage.",
    "Orientation vers le point d'accès au droit pour une question de bail.",
    "L'association intermédiaire propose deux journées de mise à disposition en espaces verts.",
    "Dossier de surendettement déclaré recevable par la commission le {DATE}.",
    "Convocation chez l'huissier pour un échéancier sur une dette de téléphonie.",
    "Le CSAPA ferme la semaine du 15 août, une permanence téléphonique est maintenue.",
    "Aucun traitement en cours.",
    "Colis alimentaire retiré à l'épicerie solidaire, prochain passage dans quinze jours.",
    "Curatelle renforcée reconduite pour cinq ans par le JCP.",
    "Mise en lien avec le référent RSA du département pour signer le contrat d'engagement.",
    "Le médecin du centre est en congé, les consultations reprennent le {DATE}.",
    "Échange avec la conseillère France Travail au sujet de l'actualisation du mois.",
    "Dossier de demande d'aide au FSL complété ensemble, envoi demain.",
    "{Il} pourrait entrer en pension de famille à l'automne, une chambre doit se libérer.",
    "Le dossier de retraite sera sans doute traité avant la fin de l'année.",
    "Pas de problème de papiers, titre de séjour pluriannuel en cours.",
    "Visite de l'appartement proposé par le bailleur avec le travailleur social du SIAO.",
    "Réunion d'équipe : présentation du nouveau protocole d'accueil des nouveaux arrivants.",
    "Aide à la déclaration de revenus sur le site des impôts.",
    "{Il} dit : « je voudrais que mes enfants viennent me voir dans un vrai logement ».",
]

ADDICTO_FLAG = [
    "[[judgement|Discours plaqué, dit ce qu'on veut entendre]].",
    "[[judgement|Fait le minimum pour garder sa place au foyer]].",
    "[[hypothesis|Pas besoin d'analyse pour comprendre qu'{il} a replongé]].",
    "Le bailleur social, en la personne de [[third_party|Mme {S}]], menace d'une procédure.",
    "L'éducatrice du CHRS ([[third_party|{PF}]]) a appelé pour caler la synthèse.",
    "Courrier du généraliste, [[third_party|le Dr {S}]], qui souhaite un retour.",
    "Sécu [[identifier|{NIR}]], mutuelle à refaire.",
    "Email pour l'espace locataire : [[identifier|{MAIL}]].",
    "M:[[sexuality|En couple avec [[third_party|{PM}]]]] depuis l'été.",
    "[[religion|Jeûne pendant le ramadan]], [[health|décale ses prises de méthadone au soir]].",
    "[[origin|Issu{e} d'une famille kurde]], arrivé{e} enfant.",
    "[[criminal|Détention à domicile sous bracelet]], horaires de sortie limités.",
    "[[health|Fume du crack depuis deux ans]].",
    "[[hypothesis|L'argent du RSA part forcément ailleurs que dans le loyer]].",
    "[[judgement|Aucun sens des responsabilités]] vis-à-vis de ses enfants.",
    "[[health|Traitement de substitution par méthadone, 60 mg par jour, délivrance en pharmacie]].",
    "[[health|Sous buprénorphine depuis 2019, dosage stable]].",
    "[[health|Sevrage alcool programmé à l'hôpital de jour]] la semaine du {DATE}.",
    "[[health|Rechute à la cocaïne après trois mois d'abstinence]].",
    "[[health|Injecte deux à trois fois par jour, récupère son matériel au CAARUD]].",
    "[[health|Hépatite C traitée en 2022, guérison confirmée]].",
    "[[health|Porteu<r|se> du VIH depuis 2015, suivi{e} à l'hôpital]].",
    "[[criminal|Obligation de soins prononcée par le tribunal correctionnel, attestation de suivi à remettre au SPIP]].",
    "[[criminal|Injonction thérapeutique du procureur pour [[health|usage de cannabis]]]], premier entretien aujourd'hui.",
    "[[criminal|Sorti{e} de la maison d'arrêt le {DATE}]], hébergé{e} au foyer depuis.",
    "[[criminal|Condamné{e} pour conduite en état d'ivresse, permis suspendu six mois]].",
    "{Il} [[hypothesis|revend probablement une partie de son [[health|Subutex]]]].",
    "[[hypothesis|Tout laisse penser qu'{il} a recommencé à boire]].",
    "[[hypothesis|J'ai l'impression qu'{il} a consommé avant le rendez-vous]], discours décousu.",
    "[[hypothesis|Doit certainement dealer pour boucler ses fins de mois]].",
    "[[judgement|<Usager|Usagère> très difficile à cadrer]].",
    "[[judgement|Dans la toute-puissance permanente]] vis-à-vis des soignants.",
    "[[judgement|Aucune motivation pour changer quoi que ce soit]].",
    "[[judgement|Cherche à monter l'équipe contre le médecin]].",
    "[[judgement|Se victimise en permanence]].",
    "[[judgement|Jamais là quand il faut]], mais toujours présent{e} pour les tickets service.",
    "{Il} [[judgement|affirme]] [[health|ne plus rien consommer depuis un mois]].",
    "[[judgement|Selon ses dires]], {il} aurait remboursé toutes ses dettes.",
    "[[judgement|Personne charmante et très investie]] dans ses démarches.",
    "M:Sa compagne [[third_party|{PF}]] l'accompagnait aujourd'hui.",
    "F:Vit avec [[sexuality|sa compagne]] [[third_party|{PF}]] depuis trois ans.",
    "M:[[sexuality|Relations avec des hommes rencontrés sur des applications]], [[health|consommations de GHB en soirée]].",
    "Le pharmacien, [[third_party|M. {S}]], signale deux demandes de délivrance anticipée.",
    "Contact avec [[criminal|sa conseillère SPIP]], [[third_party|Mme {S}]], pour le justificatif.",
    "M:Son ex-compagne, [[third_party|{PF} {S}]], a la garde des deux enfants.",
    "Joignable au [[identifier|{TEL}]] (portable de sa sœur).",
    "IBAN transmis pour le virement du FSL : [[identifier|{IBAN}]].",
    "Numéro de sécu : [[identifier|{NIR}]].",
    "[[immigration|Plus de titre de séjour valide depuis janvier]], peur des contrôles.",
    "[[immigration|Sous OQTF depuis 2023]], ne peut pas prétendre au RSA.",
    "[[origin|Famille manouche]], vit en caravane sur l'aire de la commune.",
    "[[religion|Témoin de Jéhovah]], {il} refuse toute transfusion.",
    "[[political|Militant{e} au NPA]] depuis ses vingt ans.",
    "[[health|Troubles bipolaires associés, suivi{e} par le psychiatre de secteur]].",
    "{Il} a encore [[judgement|« oublié »]] son rendez-vous avec la conseillère emploi.",
    "Domicilié{e} chez un ami, [[identifier|{ADR}]].",
    "[[health|Alcoolodépendance ancienne, cure à l'hôpital en 2018]].",
    "[[health|Cirrhose découverte lors du dernier bilan]].",
    "[[judgement|Ne tient aucun engagement]], on repart de zéro à chaque fois.",
    "Son frère [[third_party|{PM}]] lui prête sa voiture pour venir au centre.",
    "Sa mère, [[third_party|{PF} {S}]], appelle le service chaque semaine.",
    "[[hypothesis|Il est fort probable qu'{il} se prostitue pour payer ses dettes]].",
    "[[hypothesis|{Il} hébergerait un ami qui consomme chez {lui}]], le bailleur se plaint des allées et venues.",
    "[[criminal|Quatorze mois de détention pour trafic, libéré{e} en conditionnelle]].",
    "[[judgement|Manque total de volonté]].",
    "[[health|Kits d'injection et roule-ta-paille remis]] lors du passage.",
    "[[health|Overdose aux opiacés en février, réanimé{e} par les pompiers]].",
    "Le conseiller en insertion, [[third_party|{PM} {S}]], trouve qu'{il} a progressé.",
    "[[judgement|Individu procédurier]] qui menace de porter plainte contre tout le monde.",
    "Accompagné{e} par son amie [[third_party|{PF}]], qui l'héberge depuis l'expulsion.",
]

ADDICTO_FREE = [
    """passage caarud 14h. {g} recupere [[health|10 seringues + cupules]]
dit dormir sous le pont de la rocade avec [[third_party|{pm}]]. [[health|abces au bras gauche, orientation infirmiere faite]]
[[judgement|refuse tout comme d'habitude]]""",
    """entretien social {t} {n}
point droits : rsa ok, c2s ok. dossier logement a relancer.
[[health|methadone 80mg, passage quotidien en pharmacie]]. veut partir voir sa mere a lyon 15j, [[health|relais methadone]] a organiser avec le medecin.
rien d'autre""",
    """M:{T} {N} [[health|arrive alcoolisé à 10h]], [[judgement|agressif et insultant]] avec l'accueil.
RDV écourté. [[hypothesis|On peut supposer une rupture avec sa compagne]].
Reprogrammé jeudi. Numéro de la sœur : [[identifier|{tel}]]""",
    """[[criminal|tel du spip]] ([[third_party|m. {s}]]) : [[criminal|obligation de soins]], veut une attestation de presence mensuelle.
accord de {t} {n} pour transmettre uniquement les dates de rdv, rien sur le contenu.
attestation faite et envoyee""",
    """Synthèse CSAPA/CHRS dans nos locaux.
Présents : éducatrice du CHRS, infirmière, AS.
Situation de {T} {N} : [[health|consommations en baisse]], projet de logement autonome.
[[judgement|Très volontaire, un exemple pour les autres résidents]].""",
    """appel {t} {n}, veut annuler son rdv. [[judgement|encore une excuse bidon]], la 3e ce mois
[[hypothesis|on peut penser qu'{il} a reconsommé]] - a relancer la semaine prochaine""",
    """M:cjc - 1er rdv avec {g} {n}, 16 ans, venu avec sa mere ([[third_party|mme {n}]])
[[criminal|interpelle au lycee avec du cannabis]], le proviseur a exige un suivi
[[health|fume depuis la 3e, 5-6 joints/j]]
ne voit pas le probleme. [[judgement|ado insolent et provocateur]]""",
    """Maraude de nuit gare routière.
{T} {N} présent{e} avec deux personnes inconnues de l'équipe.
Dit avoir perdu ses papiers d'identité, rdv pris pour une déclaration de perte.
Café, discussion, rien d'autre.""",
    """{t} {n}, entretien 30 min
[[immigration|debouté{e} de l'asile en 2021, sans titre depuis]]
[[hypothesis|travaille sans doute au noir dans le batiment]], ne veut pas en parler
[[health|ttt buprenorphine 8mg, bien suivi]]""",
    """F:rdv {t} {n} + son fils [[third_party|{pm}]]
le fils [[judgement|completement depasse par sa mere]], veut qu'elle parte en postcure
elle refuse. [[health|alcool 1,5 l de vin/j]] d'apres le fils
rib pour aide : [[identifier|{iban}]]""",
    """Entretien avec {T} {N}.
Projet de formation d'aide à domicile, dossier AFPA envoyé.
Pas d'autre demande. Prochain point dans un mois.""",
]

# ---------------------------------------------------------------------------------------
# service social de l'Assurance maladie / CARSAT
# ---------------------------------------------------------------------------------------

CARSAT_OPEN = [
    "Entretien PDP avec {T} {N}.",
    "Appel sortant vers {T} {N} suite au signalement transmis par le service médical.",
    "Premier contact avec {T} {N} ; signalement reçu du médecin conseil.",
    "Entretien à l'accueil de la CARSAT avec {T} {N}.",
    "Rendez-vous téléphonique avec {TF} {N}.",
    "Après la réunion d'information retraite, entretien individuel : {T} {N}.",
    "Entretien avec {T} {N} à l'agence CPAM du centre-ville.",
    "{T} {N} vu{e} ce matin à la permanence de l'Assurance maladie.",
    "Entretien avec {T} {N}, à sa demande, au sujet de son dossier.",
    "Relance téléphonique de {T} {N} (courrier resté sans réponse).",
]

CARSAT_CLEAN = [
    "Information donnée sur le rendez-vous de liaison avec l'employeur et sur ses modalités.",
    "Présentation de l'offre de service en prévention de la désinsertion professionnelle et du rôle de la cellule PDP.",
    "Relevé de carrière vérifié : trimestres manquants en 1992, demande de régularisation envoyée.",
    "Départ en retraite envisagé au 1er du mois suivant ses 64 ans, dossier à déposer six mois avant.",
    "Explications sur la pension de réversion et sur la retraite progressive.",
    "Droit à la retraite anticipée pour carrière longue à vérifier avec le service retraite.",
    "Pas de médecin traitant déclaré, liste des généralistes du secteur remise.",
    "C2S sans participation financière ouverte, attestation envoyée par courrier.",
    "Compte Ameli créé pendant l'entretien, mot de passe noté par {TF}.",
    "L'employeur, une PME du bâtiment, a été contacté avec l'accord de {T} {N}.",
    "La commission d'action sanitaire et sociale étudiera probablement la demande d'aide en mars.",
    "{Il} aimerait faire un bilan de compétences, que son CPF pourrait financer.",
    "{Il} souhaiterait se reconvertir dans l'accueil ou le secrétariat.",
    "Le dossier de pension partira au service retraite la semaine prochaine.",
    "Aucun arrêt de travail au cours des douze derniers mois.",
    "Pas de demande de reconnaissance en maladie professionnelle à ce jour.",
    "Contact avec le médecin du travail de l'entreprise pour convenir d'une date de visite.",
    "Action collective sur le maintien en emploi avec le SPST interentreprises du bassin.",
    "{Il} déclare : « je veux retourner au dépôt, c'est mon métier depuis vingt ans ».",
    "Réunion de la cellule PDP dans les locaux du centre de réadaptation de la ville.",
    "Aucun droit à l'allocation de solidarité aux personnes âgées compte tenu des ressources.",
    "Changement d'adresse enregistré par la caisse, justificatif fourni.",
    "S'inscrire à France Travail dès la fin du contrat, démarche expliquée.",
    "Comparaison de trois devis de mutuelle, choix d'un contrat d'entrée de gamme.",
    "M:Sa conjointe est venue avec lui, c'est elle qui s'occupe des courriers.",
    "F:Son mari l'accompagnait, c'est lui qui ouvre les courriers de la caisse.",
    "Information sur la visite de pré-reprise : qui peut la demander et à quel moment.",
    "Le médecin conseil a été informé de la démarche de retraite.",
    "{Il} ne prend aucun traitement et n'a jamais été arrêté{e}.",
    "Aide à la complémentaire refusée : ressources au-dessus du plafond.",
    "Réunion mensuelle de la cellule PDP : huit situations étudiées en présence du médecin conseil.",
    "Entretien dans le bureau du service social de l'agence, porte 3.",
    "Licencié{e} pour motif économique en 2021, indemnités perçues.",
    "Information sur l'essai encadré et la convention de rééducation professionnelle en entreprise.",
    "La commission de recours amiable se prononcera sans doute en avril.",
    "Simulation de pension faite sur le site de l'Assurance retraite : environ 1 150 euros nets.",
    "Formulaire de demande de retraite complété ensemble, pièces listées.",
    "Je lui ai remis la plaquette de l'espace seniors et le numéro de la plateforme.",
    "{Il} a signé l'accord pour que nous échangions avec le médecin de l'entreprise.",
    "Rien de médical n'a été signalé lors de la demande de retraite.",
    "Rappel des délais de traitement : environ quatre mois pour la liquidation.",
    "La réunion d'information retraite du jeudi réunissait douze assurés.",
    "Prise en charge des frais de transport pour le rendez-vous au centre de bilan expliquée.",
]

CARSAT_FLAG = [
    "[[judgement|Tire sur la corde]] avec [[health|les arrêts à répétition]].",
    "[[judgement|Quelqu'un de droit et travailleur]].",
    "[[judgement|A baissé les bras]], plus aucune démarche depuis l'été.",
    "[[hypothesis|Derrière la demande de retraite anticipée, il y a surtout le conflit avec le chef]].",
    "Son chef, [[third_party|{PM}]], lui a dit de ne pas revenir avant la fin du mois.",
    "La collègue, [[third_party|Mme {S}]], l'accompagne aux rendez-vous.",
    "Appel du gendre, [[third_party|{PM} {S}]], pour les papiers de la retraite.",
    "Sécurité sociale : [[identifier|{NIR}]], caisse de rattachement à vérifier.",
    "Coordonnées : [[identifier|{TEL}]] / [[identifier|{MAIL}]].",
    "[[health|RQTH accordée en 2018 pour cinq ans]], renouvellement à prévoir.",
    "[[health|Dialysé{e} le lundi, le mercredi et le vendredi]], transport en VSL.",
    "F:[[sexuality|Son épouse]] [[third_party|{PF}]] l'aide pour les démarches.",
    "[[religion|Respecte le shabbat]], pas de rendez-vous le samedi.",
    "[[political|Élu{e} CGT au CSE]] de l'usine.",
    "[[immigration|N'a plus le droit de travailler depuis que sa carte a expiré]].",
    "[[health|En arrêt de travail depuis le {DATE}]], l'employeur n'a plus de nouvelles.",
    "[[health|Arrêt maladie depuis plus de six mois pour une lombalgie chronique]].",
    "[[health|Retour au travail à temps partiel thérapeutique]] envisagé avec le médecin du travail.",
    "[[health|Classé{e} en invalidité catégorie 2 depuis novembre]].",
    "[[health|Déclaré{e} inapte à son poste par le médecin du travail]], licenciement en cours.",
    "[[health|Reconnu{e} en ALD pour un diabète depuis 2016]].",
    "[[health|Opéré{e} de la hanche en février, rééducation en cours]].",
    "[[health|Demande de RQTH déposée à la MDPH]] le {DATE}.",
    "[[health|Accident du travail en 2023, chute d'un échafaudage]].",
    "[[health|Burn-out reconnu en maladie professionnelle]].",
    "[[health|Suivi{e} en oncologie à l'institut régional, chimiothérapie terminée]].",
    "[[judgement|Salarié{e} modèle, jamais un mot plus haut que l'autre]].",
    "[[judgement|Pas du tout pressé{e} de reprendre]], [[judgement|profite de la situation]].",
    "[[judgement|Discours très revendicatif]] envers son employeur.",
    "[[judgement|Toujours à se plaindre]] [[health|de son dos]].",
    "[[judgement|Interlocut<eur|rice> agréable et très coopérati<f|ve>]].",
    "[[judgement|Ne se prend pas en main]], attend tout de la caisse.",
    "{Il} [[judgement|prétend]] ne jamais avoir reçu les courriers de la caisse.",
    "[[judgement|Se dit]] prêt{e} à reprendre dès lundi.",
    "[[hypothesis|Il est probable qu'{il} travaille au noir pendant [[health|son arrêt]]]].",
    "[[hypothesis|Tout porte à croire qu'{il} exagère [[health|ses douleurs]]]].",
    "[[hypothesis|Les absences à répétition cachent sûrement une consommation d'alcool]].",
    "[[hypothesis|On peut penser que la reprise sera vécue comme un échec]].",
    "Le manager, [[third_party|{PM} {S}]], ne répond plus aux mails.",
    "Échange avec la RH, [[third_party|Mme {S}]], au sujet des congés payés restants.",
    "Son N+1, [[third_party|{PF}]], l'a appelé{e} plusieurs fois pendant [[health|son arrêt]].",
    "La fille de {T} {N}, [[third_party|{PF}]], s'occupe des papiers.",
    "Le médecin du travail, [[third_party|Dr {S}]], propose une étude de poste.",
    "Numéro de sécurité sociale noté pour le dossier : [[identifier|{NIR}]].",
    "Mail perso : [[identifier|{MAIL}]].",
    "RIB pour le versement de l'aide : [[identifier|{IBAN}]].",
    "Joindre plutôt le fils au [[identifier|{TEL}]].",
    "[[immigration|Carte de séjour refusée par la préfecture]], perte des droits en cours.",
    "Interprète proposé, [[origin|famille d'origine tamoule]].",
    "[[religion|Catholique pratiquant{e}]], demande à ne pas avoir de rendez-vous le dimanche matin.",
    "[[political|Délégué{e} syndical{e} FO]] dans l'entreprise depuis dix ans.",
    "M:Vit avec [[sexuality|son compagnon]] [[third_party|{PM}]], pacsés depuis 2015.",
    "[[criminal|Ancienne condamnation pour violences]] évoquée spontanément.",
    "[[criminal|Agressé{e} par un client]] en mars, [[health|en arrêt depuis]].",
    "[[health|Dépression sévère, traitement antidépresseur depuis un an]].",
    "[[health|Sclérose en plaques diagnostiquée en 2019, fatigue importante]].",
    "[[health|Pension d'invalidité versée depuis le {DATE}]].",
    "[[health|Avis d'inaptitude définitive]] rendu lundi.",
    "[[health|Hospitalisé{e} en cardiologie après un malaise au travail]].",
    "[[judgement|Personne fragile et dépendante de son entourage]].",
    "M:[[judgement|Un monsieur très courtois]], toujours à l'heure.",
    "[[judgement|Pense que tout lui est dû]].",
    "[[hypothesis|{Il} boirait beaucoup]] d'après les collègues.",
    "[[hypothesis|Je crains qu'{il} ne reprenne jamais]], tant la relation avec l'équipe est dégradée.",
    "M:Son épouse, [[third_party|{PF}]], est [[health|en invalidité]] elle aussi.",
    "Échange avec l'AS du personnel de l'entreprise, [[third_party|{PF} {S}]], qui connaît la situation.",
    "Adresse pour les courriers : [[identifier|{ADR}]].",
    "N° allocataire CAF : [[identifier|{CAF}]].",
    "[[health|Amputé{e} de deux doigts après l'accident de presse]].",
    "F:[[health|Cancer du sein en rémission]], reprise souhaitée en septembre.",
    "[[health|En mi-temps thérapeutique depuis trois mois, bien toléré]].",
]

CARSAT_FREE = [
    """appel {t} {n} - [[health|arret depuis 7 mois, hernie discale operee]]
pas de nouvelle de l'employeur, crainte licenciement
explique RDV de liaison + visite de pre-reprise. {il} va demander au medecin traitant
tres inquiet{e} pour son poste""",
    """Entretien PDP {T} {N}, chauffeur PL depuis 22 ans.
[[health|Arrêt long (épaule), reprise au poste impossible selon le chirurgien]].
Le responsable du dépôt, [[third_party|M. {S}]], ne veut pas d'aménagement.
Piste : bilan de compétences, CRPE. A revoir dans 15 j.""",
    """F:RDV retraite {t} {n}
releve de carriere complet, depart possible {date}. reversion du mari decede a demander.
rien de plus. dossier pris en photo pour le service retraite.""",
    """{t} {n} au tel. [[judgement|toujours aussi désagréable]], raccroche deux fois.
[[hypothesis|on peut penser qu'{il} ne veut pas reprendre]]
mail pour envoyer les formulaires : [[identifier|{mail}]]""",
    """entretien agence
{T} {N}, [[health|invalidité cat 1 depuis 2020]], travaille à mi-temps en cantine.
demande d'aide pour une facture de chauffage de 480 €, reste à payer 210.
dossier CASS monté. nir : [[identifier|{nir}]]""",
    """appel sortant {t} {n} (signalement 90 jours)
[[health|arret pour depression depuis janvier, suivi{e} par une psychiatre en liberal]]
conflit avec la cheffe d'equipe [[third_party|{pf} {s}]], [[hypothesis|qui <le|la> harcelerait]]
propose entretien physique, accepte""",
    """Réunion cellule PDP.
Situation de {T} {N} présentée (avec son accord) : [[health|mi-temps thérapeutique prolongé]], étude de poste faite.
[[judgement|Assuré{e} très motivé{e}]], projet de formation en logistique légère. Accord de la caisse pour la formation.""",
    """entretien {t} {n}, [[immigration|titre de sejour perime depuis 2 ans]]
pension de retraite bloquee, dossier en prefecture
[[origin|famille kabyle]] [[judgement|d'apres {lui}]], nationalite a verifier
tel du neveu [[third_party|{pm}]] : [[identifier|{tel}]]""",
    """point tel avec {t} {n}
dossier C2S complet, envoye ce jour. carte vitale a mettre a jour en pharmacie.
prochain contact dans 1 mois""",
    """{T} {N}, [[health|AT mars, main droite écrasée]].
[[health|Séquelles : perte de force, IPP à évaluer]].
[[judgement|Soi-disant]] jamais formé{e} sur la machine.
L'employeur ([[third_party|{PM} {S}]], gérant) conteste le caractère professionnel.""",
    """Entretien accès aux soins avec {T} {N}.
Pas de mutuelle depuis la retraite, dossier C2S rempli, pièces complètes.
Médecin traitant trouvé à la maison de santé du quartier.
Pas d'autre demande.""",
]

REGISTERS = {
    "prevention": (PREVENTION_OPEN, PREVENTION_CLEAN, PREVENTION_FLAG, PREVENTION_FREE),
    "addicto": (ADDICTO_OPEN, ADDICTO_CLEAN, ADDICTO_FLAG, ADDICTO_FREE),
    "carsat": (CARSAT_OPEN, CARSAT_CLEAN, CARSAT_FLAG, CARSAT_FREE),
}
