"""Fillers shared by the register templates: names, places, dates (all fictitious)."""

SURNAMES = """Martin Bernard Dubois Durand Lefebvre Leroy Moreau Simon Laurent Michel Garcia David Bertrand
Roux Vincent Fournier Morel Girard Andre Mercier Dupont Lambert Bonnet Francois Martinez Legrand Garnier Faure
Rousseau Blanc Guerin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clement Gauthier Dumont Lopez Fontaine
Chevalier Robin Masson Sanchez Gerard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noel Meyer
Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez
Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Philippe
Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da Silva Hubert Louis Charles Guillot Riviere Le Gall Guillaume
Adam Rey Moulin Gonzalez Berger Lecomte Menard Fleury Deschamps Carpentier Julien Benoit Paris Maillard Marchal
Aubry Vasseur Le Roux Renault Jacquet Collet Prevost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine
Carre Breton Remy Schneider Perrot Guyot Barre Marty Cousin Benali Haddad Traore Diallo Kone Mendy Ben Salah
Bensaid Cherif Mansouri Kaci Yilmaz Demir Kowalski Nowak Pereira Ferreira Tran Pham Diop Ndiaye Camara Sylla""".split()
# Multi-word surnames are joined back
SURNAMES = [s.replace("_", " ") for s in SURNAMES if s not in ("Da", "Le", "Ben")] + ["Da Silva", "Le Gall", "Le Roux", "Ben Salah"]
SURNAMES = [s for s in SURNAMES if s not in ("Silva", "Gall", "Salah")]

PRENOMS_F = """Marie Nathalie Isabelle Sylvie Catherine Sandrine Valerie Christine Stephanie Celine Aurelie Emilie
Julie Laura Camille Manon Lea Chloe Emma Ines Sarah Lina Jade Louise Alice Amandine Jessica Melanie Audrey Karine
Fatima Samira Nadia Yasmina Leila Aicha Malika Khadija Amina Soraya Awa Fatoumata Mariama Aminata Ana Maria Elena
Svetlana Olga Mei Linh Patricia Monique Josiane Yvette Ginette Francoise Brigitte Martine Dominique Pascale Corinne
Elodie Marion Pauline Morgane Oceane Maeva Kelly Cindy Vanessa Noemie Anaïs Justine Clara Zoe Lucie Romane""".split()
PRENOMS_M = """Jean Pierre Michel Philippe Alain Patrick Nicolas Christophe Laurent Stephane David Frederic Eric
Julien Sebastien Olivier Thomas Kevin Anthony Jeremy Mickael Romain Maxime Alexandre Florian Dylan Enzo Lucas Theo
Hugo Noah Nathan Louis Gabriel Adam Mohamed Karim Rachid Samir Mehdi Yassine Bilal Sofiane Mamadou Moussa Ibrahima
Oumar Youssef Ali Ahmed Kamel Hamid Abdel Jose Manuel Antonio Paulo Dimitri Igor Vlad Minh Quentin Ludovic Bruno
Gilles Thierry Pascal Didier Gerard Rene Robert Marcel Bernard Daniel Joel Franck Yannick Cedric Damien Jordan""".split()

VILLES = """Lille Roubaix Tourcoing Lens Douai Amiens Rouen Le Havre Caen Rennes Nantes Angers Tours Orléans Dijon
Besançon Metz Nancy Strasbourg Mulhouse Reims Troyes Lyon Villeurbanne Vénissieux Grenoble Valence Saint-Étienne
Clermont-Ferrand Limoges Poitiers Bordeaux Pau Toulouse Montpellier Nîmes Perpignan Marseille Toulon Nice Avignon
Créteil Bobigny Nanterre Évry Cergy Montreuil Saint-Denis Argenteuil Aulnay-sous-Bois""".split()

RUES = ["rue Victor Hugo", "avenue Jean Jaurès", "rue Pasteur", "boulevard Gambetta", "rue de la République",
        "allée des Tilleuls", "rue Jules Ferry", "impasse des Lilas", "rue du Moulin", "place Carnot"]
ECOLES = ["collège Jules Ferry", "école Louise Michel", "lycée Jean Moulin", "école Jacques Prévert",
          "collège Albert Camus", "lycée professionnel Jean Rostand", "école maternelle Marie Curie"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre", "novembre", "décembre"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
SITES = ["site de production", "entrepôt", "plateforme logistique", "agence", "siège", "atelier", "usine",
         "centre d'appels", "dépôt", "magasin"]
POSTES = ["agent de production", "préparateur de commandes", "cariste", "technicien de maintenance",
          "assistante administrative", "conducteur de ligne", "opératrice de saisie", "chargé de clientèle",
          "agent d'entretien", "comptable", "magasinier", "aide-soignante", "agent de quai", "téléconseillère"]
SERVICES_HOP = ["cardiologie", "médecine interne", "gériatrie", "pneumologie", "orthopédie", "neurologie",
                "médecine polyvalente", "soins de suite", "chirurgie digestive", "néphrologie", "oncologie"]
