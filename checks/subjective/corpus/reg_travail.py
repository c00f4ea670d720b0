"""Service social du travail (SST, service social d'entreprise): hand-written sentence templates."""

OPEN = [
    "Entretien SST avec <TN>, <POSTE>, <SITE> de <V>.", "<TN> (<POSTE>) reçu<e> à sa demande.", "Salarié<e> reçu<e> : <TN>, <POSTE>.",
    "Permanence SST <SITE> <V> : <TN>.", "Appel de <TN>, <POSTE> en CDI depuis <K> ans.", "RDV tel avec <TN>.",
    "Entretien au service social avec <TN>, orienté<e> par le médecin du travail.", "<TN>, <POSTE>, souhaite un RDV avec l'AS.",
    "Entretien AS / <TN> au <SITE>.", "Visio avec <TN>.", "1er entretien <TN>, équipe de nuit.", "<TN> vient sur son temps de pause.",
    "Suite mail de <TN> reçu le <D>/<MM>.", "RDV <TN> au local SST.",
]

CLEAN = [
    "Demande d'avance sur salaire de <E> €.", "Prêt social accordé par la commission, remboursement sur 12 mois.",
    "Dossier Action Logement déposé pour un logement plus proche du site.", "Questions sur la mutuelle d'entreprise et la prévoyance.",
    "Projet de congé parental, information sur les droits.", "Accompagnement au départ à la retraite, relevé de carrière demandé.",
    "Difficultés de budget suite au passage à temps partiel choisi.", "Saisie sur salaire en cours, mise en relation avec le créancier.",
    "Information sur la procédure de rupture conventionnelle.", "Demande d'aide du CSE pour les vacances des enfants.",
    "Le CSE finance une partie des chèques vacances.", "Réunion du CSE prévue le <JOUR>, le SST y présente son bilan annuel.",
    "Accord d'entreprise sur le télétravail signé en <MOIS>.", "Aucun arrêt de travail sur l'année.", "Pas de restriction médicale.",
    "Visite médicale périodique faite, rien à signaler côté SST.", "Pas de difficulté de santé évoquée.",
    "Salarié<e> de nationalité portugaise, rien à signaler sur le séjour.", "Titre de séjour renouvelé en <MOIS>, copie remise aux RH.",
    "Carte de résident valide, autorisation de travail à jour.", "Procédure aux prud'hommes en cours contre un ancien employeur.",
    "Dossier de surendettement, plan accepté par les créanciers.", "Pension alimentaire fixée par le JAF, prélevée sur salaire.",
    "Souhaite prendre le temps de réfléchir à la proposition de mutation.", "Informe que sa demande de formation a été acceptée.",
    "Renseignements sur les aides au logement du 1 % patronal.", "Information donnée sur le CPF et le bilan de compétences.",
    "Point sur les aides d'Action Logement.", "Orientation vers la plateforme Action Logement pour la garantie Visale.",
    "Demande de changement d'horaires pour la garde des enfants.", "Échange avec les RH sur la demande de temps partiel.",
    "Mutation acceptée sur le site de <V> à compter du 1er <MOIS>.", "Problème de transport depuis la suppression de la ligne de bus.",
    "Prime de fin d'année versée, situation budgétaire améliorée.", "Demande de logement en urgence suite à séparation.",
    "Le salarié travaille en 3x8 depuis <K> ans.", "Entretien annuel prévu avec son manager le <D> <MOIS>.",
    "Rappel des numéros utiles (assistance, plateforme d'écoute).", "Nouveau RDV dans 15 jours.",
    "Sollicite un RDV pour faire le point sur ses droits.", "Explique les difficultés de garde pendant les vacances.",
    "Accompagnement pour la déclaration de revenus.", "Réunion CSSCT : présentation des actions de prévention.",
    "Campagne de vaccination organisée par le service de santé au travail.", "La médecine du travail organise une session de prévention des TMS pour toute l'équipe.",
    "Rencontre avec la DRH pour le bilan annuel du service social.", "Sa fille commence un apprentissage en <MOIS>.",
    "Demande de prêt pour l'achat d'un véhicule.", "Difficultés liées à la séparation, logement provisoire chez des amis.",
    "Elections professionnelles le <D> <MOIS>, information affichée.", "Le salarié a été élu au conseil municipal de sa commune, demande d'aménagement d'horaires.",
    "Demande d'acompte refusée par la paie.", "Dossier de médaille du travail transmis.",
]

FLAG = [
    # workplace health
    "{health|En arrêt maladie} depuis le <D> <MOIS>.", "Reprise en {health|mi-temps thérapeutique} à compter du <D>.",
    "Dossier {health|RQTH} déposé à la MDPH.", "{health|Avis d'inaptitude} rendu par le médecin du travail.",
    "{health|Déclaré<e> inapte} à son poste, recherche de reclassement.", "{health|Visite de reprise} après {health|arrêt de six mois}.",
    "{health|Accident du travail} le <D> <MOIS>, {health|entorse} à la cheville.", "{health|Maladie professionnelle} reconnue ({health|TMS} épaule).",
    "{health|Restrictions médicales} : pas de port de charges.", "{health|Aménagement de poste préconisé} par le médecin du travail.",
    "{health|Lombalgie chronique}, nombreux arrêts.", "{health|Invalidité catégorie 1} demandée.",
    "{health|Apte avec réserves} selon la dernière visite.", "{health|Temps partiel thérapeutique} prolongé de trois mois.",
    "{health|Arrêt de travail} prolongé, {health|burn-out} selon le salarié.", "{health|Reconnu travailleur handicapé} depuis 2020.",
    "{health|Épuisement professionnel} évoqué, orientation vers la psychologue du travail.", "{health|Suivi psychologique} en externe.",
    "{health|Hospitalisé<e>} une semaine en <MOIS>.", "{health|Reprise après un cancer}, fatigue importante.",
    # union
    "<Il> est {political|élu<e> CSE sur la liste CGT}.", "{political|Délégué<e> syndical<e> FO} sur le site.",
    "A {political|pris sa carte à la CFDT} l'an dernier.", "{political|Représentant<e> de proximité SUD}.",
    "Utilise ses {political|heures de délégation} pour les réunions.", "{political|Mandat syndical} renouvelé en <MOIS>.",
    "{political|Adhérent<e> de l'UNSA} depuis son embauche.", "{political|Encarté<e> à la CGT}.",
    "Se présente {political|sur la liste CFE-CGC} aux élections professionnelles.", "{political|Militant<e> syndical<e>} très impliqué<e>.",
    "{political|Secrétaire du syndicat} de l'établissement.", "{political|Syndiqué<e>}, accompagné<e> par son délégué.",
    # third parties: colleagues and managers
    "Conflit avec son manager, {third_party|M. <S>}.", "Tensions avec {third_party|<M>} de l'équipe de nuit.",
    "Sa N+1, {third_party|<F>}, refuse le changement d'horaires.", "Échange avec {third_party|Mme <S>}, responsable RH.",
    "Son chef d'équipe {third_party|<M> <S>} l'aurait pris<e> à partie.", "Soutien de sa collègue {third_party|<F>}.",
    "Difficultés relationnelles avec {third_party|<F> <S>}, cheffe de service.", "Appel de {third_party|<M>} (RH) pour le suivi.",
    "Mail transmis à {third_party|<F> <S>} au service paie.", "Covoiture avec {third_party|<M>} depuis la mutation.",
    "Se sent surveillé<e> par {third_party|<M>}.", "Son responsable, {third_party|M. <S>}, demande un point.",
    "Le directeur de site, {third_party|<M> <S>}, est informé.", "Altercation avec {third_party|<F>} au vestiaire.",
    "Sa compagne travaille aussi sur le site, avec {third_party|<F> <S>}.", "Remplacé<e> par {third_party|<M>} pendant l'arrêt.",
    # judgement
    "Salarié<e> {judgement|peu fiable} selon l'encadrement.", "{judgement|Tire au flanc} d'après son manager.",
    "{judgement|Très bon élément}, {judgement|apprécié<e> de tous}.", "{judgement|Personnalité conflictuelle}.",
    "{judgement|Toujours en train de se plaindre}.", "{judgement|Ne se remet pas en question}.",
    "{judgement|Caractère difficile}, {judgement|ingérable} en équipe.", "{judgement|Agent exemplaire}.",
    "{judgement|Manque total d'implication}.", "<Il> {judgement|joue la victime}.",
    # hypothesis
    "L'arrêt {hypothesis|serait de complaisance}.", "{hypothesis|Doit avoir un problème d'alcool}.",
    "{hypothesis|On peut penser qu'}<il> cherche à se faire licencier.", "{hypothesis|Il est possible qu'}<il> {hypothesis|boive} sur son poste.",
    "{hypothesis|Probablement} {health|déprimé<e>} mais ne veut pas consulter.", "{hypothesis|Je pense qu'}<il> {hypothesis|cache} une autre activité.",
    "{hypothesis|Vraisemblablement} {health|en burn-out}.", "{hypothesis|Il semblerait qu'}<il> {hypothesis|touche} des revenus à côté.",
    # immigration, administrative wording
    "{immigration|Titre de séjour expiré}, l'employeur suspend le contrat.", "{immigration|Autorisation de travail retirée} par la préfecture.",
    "{immigration|Ne peut plus justifier d'un titre de séjour} en cours de validité.", "{immigration|Refus de renouvellement du titre de séjour}.",
    "{immigration|Sous OQTF} depuis <MOIS>.", "{immigration|Récépissé expiré}, RH demandent la suspension de la paie.",
    "{immigration|Séjour irrégulier} découvert lors du contrôle des papiers.", "{immigration|Démarches de régularisation} en cours avec un avocat.",
    # criminal, religion, origin, sexuality
    "{criminal|Suspension de permis pour alcoolémie}, problème pour venir travailler.", "{criminal|Placé<e> en garde à vue} le week-end dernier.",
    "{criminal|Sous contrôle judiciaire}, pointage au commissariat.", "{criminal|Condamné<e> à du sursis} l'an dernier.",
    "Demande de congés pour {religion|l'Aïd}.", "{religion|Pratique le ramadan}, aménagement d'horaires demandé.",
    "{origin|D'origine africaine}, se dit victime de remarques.", "{sexuality|Homosexualité} connue de l'équipe, moqueries.",
    # identifiers
    "Tel perso {identifier|07 <TEL>}.", "Mail perso : {identifier|<MAIL>}.", "RIB transmis, {identifier|<IBAN>}.",
]
