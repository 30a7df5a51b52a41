#!/usr/bin/env python3
"""Held-out set G: 2,400 synthetic French CRM texts with gold personal-data spans.

Fictitious CRM owner: the mutualist group *Aubépine* (aubepine-mutuelle.fr) with its
branches Aubépine Dentaire (dental centres), Aubépine Optique & Audition (opticians,
hearing-aid centres), Aubépine Obsèques (funeral homes and funeral-cost contracts),
Aubépine Conduite (driving schools) and Aubépine Crédit (small personal loans).

Standard library only, fixed seed, deterministic byte for byte (no set iteration, no hash()).
Run from the project root:  python3 bench/detect/heldout/make_set_g.py
"""
import ipaddress
import json
import os
import random
import re
import sys
import unicodedata

SEED = 20250917
R = random.Random(SEED)
N_TOTAL = 2400
N_NEG = 360
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "set_g.jsonl")

TYPES = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "FR_NIR",
         "IP_ADDRESS", "LOCATION", "DATE_TIME", "URL", "FR_LICENSE_PLATE", "FR_SIREN", "FR_SIRET"]

ch = R.choice


def chance(p):
    return R.random() < p


def strip_acc(s):
    out = []
    for c in unicodedata.normalize("NFD", s):
        if unicodedata.category(c) != "Mn":
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


# ---------------------------------------------------------------------------------------
# Name lists (written for this set)
# ---------------------------------------------------------------------------------------
F_FIRST = """Claire Sophie Nathalie Isabelle Sandrine Valérie Céline Émilie Aurélie Julie Camille Léa
Manon Chloé Inès Jade Louise Alice Lina Mila Zoé Anaïs Mathilde Pauline Margaux Océane Laetitia
Karine Sylvie Martine Monique Jacqueline Geneviève Odette Josiane Huguette Paulette Ginette
Yvette Colette Raymonde Simone Denise Bernadette Thérèse Brigitte Chantal Françoise Danielle
Annick Maryvonne Gwenaëlle Nolwenn Maïwenn Soizic Katell Enora Rozenn Maialen Itxaso Ainhoa
Letizia Marie-Noëlle Anne-Sophie Marie-Claude Anne-Laure Marie-Hélène Lou-Ann Marie-Ange Ségolène
Domitille Apolline Bérénice Hortense Philippine Eugénie Agathe Ophélie Solène Maëlys Maëva
Noémie Élodie Virginie Stéphanie Delphine Séverine Cécile Hélène Agnès Béatrice Corinne Muriel
Pascale Florence Estelle Gaëlle Morgane Tiphaine Anouk Romane Fatima Khadija Yasmina Nadia
Samira Leïla Amina Myriam Sarah Rachida Malika Aïcha Fatoumata Aminata Mariama Awa Ndeye Binta
Adjoua Mariana Joana Beatriz Linh Xiaomei Ewa Agnieszka Katarzyna Zeynep Elif Ayşe Giulia Chiara
Lucía Pilar Anahit Oksana Olena Iryna Svetlana Éloïse Justine Lucille Axelle Cindy Jennifer
Vanessa Audrey Coralie Priscilla Magali Ghislaine Édith Gisèle Lucienne Marcelle Jeannine Nicole
Sabrina Mégane Lisa Clara Juliette Héloïse Salomé Elsa Nina Yaëlle Albane""".split()
F_WORD = """Rose Violette Olive Ambre Aurore Victoire Constance Capucine Jacinthe Mélisse Iris Flore
Garance Colombe Espérance Patience Fleur Églantine Camélia Dahlia Azalée Prudence""".split()
M_FIRST = """Jean Pierre Michel Philippe Alain Patrick Bernard Jacques Daniel Gérard Christian Thierry
Éric Pascal Laurent Stéphane Sébastien Nicolas Julien Guillaume Romain Maxime Thomas Alexandre
Antoine Hugo Lucas Théo Nathan Louis Gabriel Raphaël Arthur Jules Léo Noah Ethan Mathis Kylian
Kévin Jordan Anthony Dylan Loïc Yannick Erwan Gwenaël Tanguy Ronan Goulven Corentin Brieuc Iñaki
Peio Xabi Jean-Baptiste Pierre-Louis Jean-Marc Jean-Christophe Marc-Olivier Paul-Henri Jean-Luc
Jean-Yves Marcel René Roger Raymond Georges Maurice André Lucien Fernand Gilbert Gaston Robert
Henri Édouard Augustin Baptiste Benoît Cédric Damien Fabrice Franck Grégory Hervé Jérôme Ludovic
Mickaël Mohamed Karim Rachid Youssef Mehdi Bilal Samir Hakim Nabil Amine Moussa Mamadou Ibrahima
Ousmane Abdoulaye Cheikh Kofi João Rui Tiago Nuno Minh Tuan Wei Jun Piotr Tomasz Mehmet Emre
Kemal Giuseppe Lorenzo Javier Alejandro Sergio Arman Tigran Taras Dmytro Andriy Matthieu Florian
Quentin Valentin Adrien Bastien Jérémy Steve Johan Killian Enzo Timothée Gauthier Aymeric
Hippolyte Anatole Dorian Lilian Ange-Marie Dumè Orso""".split()
M_WORD = """Olivier Clément Constant Aimé Désiré Prosper Fidèle Honoré Juste Parfait Innocent Sauveur
Bienvenu Marin Urbain Auguste Félicien""".split()

LAST = """Durand Lefebvre Moreau Laurent Simon Leroy Roux David Bertrand Morel Fournier Girard
Bonnet Dupont Lambert Rousseau Vincent Muller Lefèvre Faure Mercier Guérin Boyer Garnier Gauthier
Perrin Robin Morin Henry Roussel Mathieu Gautier Masson Duval Denis Dumont Lemaire Meyer Dufour
Blanchard Giraud Joly Brunet Gaillard Barbier Arnaud Martinez Roche Schmitt Leroux Colin Vidal
Caron Picard Fabre Aubert Lemoine Renaud Dumas Lacroix Bourgeois Rey Leclerc Payet Rolland
Leclercq Lecomte Lopez Dupuy Guillot Hubert Carpentier Sanchez Dupuis Deschamps Huet Vasseur
Perez Fleury Royer Klein Jacquet Poirier Marty Aubry Guyot Ménard Maillard Bertin Bailly
Schneider Fernandez Collet Bouvier Prévost Millet Perrot Germain Besson Langlois Rémy Pelletier
Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Jacob Monnier Michaud Rodriguez
Guichard Gillet Étienne Grondin Poulain Tessier Chauvin Bouchet Lemaître Bénard Gosselin Hoarau
Técher Nativel Maillot Lauret Zébina Lubin Bellance Cadenet Jean-Baptiste Le_Bihan Le_Guen
Kerbrat Quéré Le_Meur Le_Dantec Guivarc'h Le_Cornec Kervella Morvan Caradec Le_Brigant Le_Goff
Etcheverry Etxeberria Irigoyen Larralde Arrieta Hiriart Bidegain Elissalde Santoni Luciani
Filippi Casanova Pietri Paoli Mattei Orsini Ceccaldi Schaeffer Wagner Hoffmann Kieffer Ott
Zimmermann Haeberlé Castagné Bousquet Delpech Soulié Carrère Lafargue Peyrat Vandamme Delattre
Dewailly Lefranc Vanhoutte Dhondt Desmet de_Villeneuve de_La_Roche-Aymon d'Aubigny de_Montfort
Le_Bras Van_der_Meulen des_Ligneris de_Bonneval du_Chastel de_Kersauson du_Puy_de_Clinchamps
Martin-Lavigne Lopez-Moreau Roussel-Ndiaye Hamidi-Perrin Grosjean Courtois Tixier Bazin Pruvost
Thibault Legendre Jourdain Vallet Cordier Delaunay Pasquier Chartier Hardy Lesage Texier Jolivet
Vergne Chabert Escoffier Ravel Drouet Lacombe Cazenave Labbé Ferrand Brossard Verdier Rigaud
Pinel Valette Ollivier Daviaud Gilles Chapuis Bouquet Riou Le_Floch Lagarde Faucher Moulinier
Champion Rossignol Dijoux Fontanel""".split()
LAST = [x.replace("_", " ") for x in LAST]  # multi-word names are written with "_"
WORD_LAST = """Petit Blanc Boulanger Boucher Berger Mouton Lapin Poisson Pigeon Renard Chevalier Marchand
Charpentier Meunier Fontaine Rivière Moulin Noël Pape Prince Comte Baron Avril Février Samedi
Lundi Marteau Bouquin Jardin Cousin Franc Gros Sage Fort Corbeau Canard Poirier Vacher Bonhomme
Lebon Lheureux Lachance Beaulieu""".split()
WORLD_LAST = """Benali Haddad Bouzid Cherif Mansouri Belkacem Saidi Amrani El_Idrissi Ben_Youssef Traoré
Diallo Keita Coulibaly Konaté Sow Ndiaye Diop Fall Ba Sy Kane Cissé Mbemba Kouassi Ouattara Pereira
Ferreira Rodrigues Gonçalves Carvalho Nguyen Tran Pham Vu Do Hoang Chen Wang Zhang Li Lin Nowak
Kowalski Wiśniewska Lewandowski Yılmaz Kaya Demir Öztürk Rossi Esposito Russo Romano Bianchi
Navarro Ortega Petrossian Hakobyan Sarkissian Kovalenko Shevchenko Bondarenko Ly Ho Ka
Ben_Amor Ait_Said""".split()
WORLD_LAST = [x.replace("_", " ") for x in WORLD_LAST]

FOREIGN = {
    "BE": dict(first_f="Els Griet Annelies Marie-Pierre Sofie Nathalie Lotte".split(),
               first_m="Wouter Pieter Jef Bart Geert Michaël Koen".split(),
               last="Peeters Janssens Maes Jacobs Willems Claes Goossens Wouters Dubois Lambrecht Van_Damme De_Smet".split(),
               dom="skynet.be telenet.be proximus.be".split()),
    "CH": dict(first_f="Ursula Corinne Mireille Regula".split(), first_m="Beat Urs Reto Jean-Daniel".split(),
               last="Favre Rochat Bühler Keller Gerber Baumgartner Jaquier".split(), dom="bluewin.ch sunrise.ch gmx.ch".split()),
    "ES": dict(first_f="Lucía Carmen Pilar Nerea Itziar".split(), first_m="Javier Iker Jordi Álvaro".split(),
               last="García Fernández Martín_Gómez Ruiz Jiménez Moreno_Díaz Álvarez".split(), dom="telefonica.net gmail.com hotmail.es".split()),
    "UK": dict(first_f="Emily Charlotte Sarah Hannah Gemma".split(), first_m="Oliver Harry George Callum Rhys".split(),
               last="Smith Jones Taylor Brown Wilson Evans Thompson Hughes".split(), dom="btinternet.com gmail.com yahoo.co.uk".split()),
    "US": dict(first_f="Ashley Jennifer Megan Kayla".split(), first_m="Tyler Brandon Kyle Justin".split(),
               last="Johnson Williams Miller Anderson Jackson Harris".split(), dom="gmail.com yahoo.com comcast.net".split()),
    "DE": dict(first_f="Ulrike Sabine Katrin Anke".split(), first_m="Jürgen Uwe Dirk Matthias".split(),
               last="Müller Schulz Becker Hofmann Krüger Schäfer".split(), dom="web.de gmx.de t-online.de".split()),
    "IT": dict(first_f="Francesca Alessia Federica".split(), first_m="Alessandro Davide Matteo".split(),
               last="Ferrari Colombo Ricci Marino Greco".split(), dom="libero.it virgilio.it tiscali.it".split()),
    "PT": dict(first_f="Inês Rita Catarina".split(), first_m="Duarte Rodrigo Gonçalo".split(),
               last="Silva Santos Oliveira Sousa Costa".split(), dom="sapo.pt gmail.com".split()),
    "CA": dict(first_f="Geneviève Mélanie Josée".split(), first_m="Réjean Sylvain Gaétan".split(),
               last="Tremblay Gagnon Bouchard Lévesque Pelletier".split(), dom="videotron.ca sympatico.ca".split()),
    "MA": dict(first_f="Salma Houda Imane".split(), first_m="Othmane Hamza Yassine".split(),
               last="Benjelloun Alaoui Tazi Berrada Chraibi".split(), dom="menara.ma gmail.com".split()),
    "LU": dict(first_f="Josiane Carole".split(), first_m="Jos Marc".split(),
               last="Weis Hoffmann Thill Kremer".split(), dom="pt.lu internet.lu".split()),
}

# Trap company / place names (never labelled as PERSON)
TRAP_COMPANIES = ["Ambulances Guérin SAS", "Marbrerie Delorme et Fils", "Transports Caradec SARL",
                  "Laboratoire de prothèse Vasseur SAS", "Fleurs Colombe", "Garage Lemoine Automobiles",
                  "Taxis Morvan", "Optique Lafayette", "Pompes Funèbres Générales du Maine",
                  "Imprimerie Jacquet", "Cabinet Fabre Expertise", "Pharmacie Saint-Laurent",
                  "Boulangerie Bertin", "Dentalis Rousseau Équipement", "Menuiserie Ravel",
                  "Auto-École Victor", "Brasserie Le Marcel", "Hôtel Saint-Louis", "Clinique Jeanne d'Arc",
                  "Laboratoire Mérieux", "Éditions Gallimard", "Crédit Agricole", "Banque Populaire",
                  "Caisse d'Épargne", "Maison Martin Funéraire", "Groupe Roche Médical"]
TRAP_PLACES = ["rue Victor-Hugo", "avenue Jean-Jaurès", "boulevard du Maréchal-Leclerc",
               "place Charles-de-Gaulle", "rue Émile-Zola", "allée Simone-Veil", "rue Jean-Moulin",
               "rue Marie-Curie", "avenue Pierre-Mendès-France", "quai Jean-Bart", "rue Pasteur",
               "lycée Jean-Moulin", "EHPAD Simone-Veil", "collège Louise-Michel", "salle Colette",
               "salle Hortense", "salle Camille-Claudel", "salon Hortense", "salon Colette", "salon Camille-Claudel",
               "salons funéraires Colette et Hortense", "hôpital Édouard-Herriot", "cimetière Saint-Pierre",
               "église Saint-Joseph", "centre Georges-Pompidou", "gare Saint-Jean", "Saint-Martin",
               "Saint-Denis", "Saint-Pierre", "Sainte-Marie", "Saint-Louis", "Saint-Laurent",
               "Saint-Étienne", "Saint-Brieuc", "Saint-Nazaire", "Saint-Julien", "Saint-Georges",
               "Saint-Michel", "Saint-Jean-de-Luz", "Saint-Malo", "Saint-Paul", "Saint-Benoît",
               "Saint-André", "Saint-Joseph", "Saint-Laurent-du-Maroni", "Mont-Saint-Michel",
               "Jean-Baptiste de La Salle", "Fort-de-France", "Nicolas Appert"]

# ---------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------
TOWNS = [("49000", "Angers"), ("49100", "Angers"), ("49300", "Cholet"), ("49400", "Saumur"),
         ("49170", "Saint-Georges-sur-Loire"), ("49290", "Chalonnes-sur-Loire"), ("53000", "Laval"),
         ("72000", "Le Mans"), ("37000", "Tours"), ("41000", "Blois"), ("45000", "Orléans"),
         ("35000", "Rennes"), ("29000", "Quimper"), ("29200", "Brest"), ("56000", "Vannes"),
         ("56100", "Lorient"), ("22000", "Saint-Brieuc"), ("86000", "Poitiers"), ("79000", "Niort"),
         ("17000", "La Rochelle"), ("33000", "Bordeaux"), ("64000", "Pau"), ("64100", "Bayonne"),
         ("64480", "Ustaritz"), ("31000", "Toulouse"), ("81000", "Albi"), ("12000", "Rodez"),
         ("34000", "Montpellier"), ("30000", "Nîmes"), ("13005", "Marseille"), ("20000", "Ajaccio"),
         ("20200", "Bastia"), ("06000", "Nice"), ("69003", "Lyon"), ("38000", "Grenoble"),
         ("74000", "Annecy"), ("21000", "Dijon"), ("25000", "Besançon"), ("67000", "Strasbourg"),
         ("68000", "Colmar"), ("57000", "Metz"), ("54000", "Nancy"), ("51100", "Reims"),
         ("59000", "Lille"), ("59100", "Roubaix"), ("80000", "Amiens"), ("76000", "Rouen"),
         ("14000", "Caen"), ("50100", "Cherbourg-en-Cotentin"), ("75011", "Paris"), ("75018", "Paris"),
         ("93200", "Saint-Denis"), ("94000", "Créteil"), ("87000", "Limoges"),
         ("63000", "Clermont-Ferrand"), ("29470", "Plougastel-Daoulas"), ("33950", "Lège-Cap-Ferret"),
         ("83120", "Sainte-Maxime"), ("44000", "Nantes"), ("44600", "Saint-Nazaire"),
         ("85000", "La Roche-sur-Yon"), ("16000", "Angoulême"), ("24000", "Périgueux"),
         ("46000", "Cahors"), ("65000", "Tarbes"), ("09000", "Foix"), ("71000", "Mâcon"),
         ("89000", "Auxerre"), ("58000", "Nevers"), ("03000", "Moulins"), ("15000", "Aurillac"),
         ("48000", "Mende"), ("04000", "Digne-les-Bains"), ("05000", "Gap"), ("73000", "Chambéry"),
         ("01000", "Bourg-en-Bresse"), ("39000", "Lons-le-Saunier"), ("70000", "Vesoul"),
         ("88000", "Épinal"), ("55100", "Verdun"), ("08000", "Charleville-Mézières"),
         ("02100", "Saint-Quentin"), ("62000", "Arras"), ("27000", "Évreux"), ("61000", "Alençon")]
DOM_TOWNS = [("97110", "Pointe-à-Pitre", "971"), ("97139", "Les Abymes", "971"),
             ("97200", "Fort-de-France", "972"), ("97232", "Le Lamentin", "972"),
             ("97300", "Cayenne", "973"), ("97320", "Saint-Laurent-du-Maroni", "973"),
             ("97400", "Saint-Denis", "974"), ("97410", "Saint-Pierre", "974"),
             ("97430", "Le Tampon", "974"), ("97600", "Mamoudzou", "976")]
ALL_TOWN_NAMES = sorted(set([t[1] for t in TOWNS] + [t[1] for t in DOM_TOWNS]), key=lambda s: (-len(s), s))

STREET_T = ["rue", "rue", "rue", "avenue", "boulevard", "allée", "impasse", "chemin", "place", "quai",
            "route", "square", "cours", "lotissement", "résidence", "passage", "sentier"]
STREET_N = ["des Lilas", "du Moulin", "de la Gare", "des Écoles", "Pasteur", "Victor-Hugo", "Jean-Jaurès",
            "du Général-de-Gaulle", "de la République", "des Acacias", "du Stade", "Saint-Nicolas",
            "des Tanneurs", "du Port", "de Bretagne", "des Vignes", "du Château", "de la Fontaine",
            "des Peupliers", "Émile-Zola", "Marie-Curie", "Jean-Moulin", "Simone-Veil", "du 8-Mai-1945",
            "de la Libération", "des Coquelicots", "Lamartine", "des Hortensias", "du Maréchal-Foch",
            "de la Croix-Blanche", "des Mésanges", "du Petit-Bois", "de Verdun", "Aristide-Briand",
            "des Glycines", "de la Corderie", "du Prieuré", "des Charmilles", "Gambetta", "Voltaire",
            "de l'Abbaye", "des Bleuets", "du Lavoir", "des Sabotiers", "de Kerdréan", "Bellevue",
            "des Tisserands", "Jules-Ferry", "Clemenceau", "de la Paix", "du Four-à-Chaux", "Schoelcher",
            "des Flamboyants", "de la Source", "Sainte-Anne", "du Bignon", "des Capucins", "Condorcet"]
RESID = ["Résidence Les Tilleuls", "Résidence du Parc", "Immeuble Le Belvédère", "Résidence Les Jardins d'Arcadie",
         "Les Terrasses du Lac", "Résidence Ker Avel", "Villa Les Mimosas", "Résidence Azur", "Le Clos des Vignes",
         "EHPAD Les Glycines", "Résidence seniors Les Cèdres", "Foyer Les Hirondelles"]
LIEUDIT = ["La Croix Verte", "Le Haut Bourg", "Kerguelen", "La Métairie", "Les Quatre Vents", "Le Grand Pré",
           "La Bergerie", "Pen ar Hoat", "Les Trois Chênes", "Le Moulin Neuf", "La Butte"]


def street():
    num = R.randint(1, 180)
    suf = ch(["", "", "", "", "", " bis", " ter", "B"])
    t = ch(STREET_T)
    n = ch(STREET_N)
    comma = ch(["", "", ","])
    return f"{num}{suf}{comma} {t} {n}"


def town_line(upper=None, dom=False):
    if dom:
        cp, t, _ = ch(DOM_TOWNS)
    else:
        cp, t = ch(TOWNS)
    if upper is None:
        upper = chance(0.35)
    if upper:
        t = t.upper()
    if chance(0.06) and not dom:
        return f"{cp} {t} CEDEX"
    return f"{cp} {t}"


def addr_lines(dom=False, extra=None):
    """Return a list of lines of one French address."""
    lines = []
    if extra is None:
        extra = chance(0.25)
    if extra:
        k = R.randint(0, 4)
        if k == 0:
            lines.append(ch(RESID) + ch(["", ", bât. " + ch("ABCDE"), ", esc. " + str(R.randint(1, 4))]))
        elif k == 1:
            lines.append(f"Appt {R.randint(1, 80)}, {R.randint(1, 9)}e étage")
        elif k == 2:
            lines.append("Lieu-dit " + ch(LIEUDIT))
        elif k == 3:
            lines.append(f"Bâtiment {ch('ABCDEFG')} – porte {R.randint(1, 40)}")
        else:
            lines.append(ch(RESID))
    if lines and lines[0].startswith("Lieu-dit") and chance(0.5):
        pass
    else:
        lines.append(street())
    if chance(0.05):
        lines.append(f"BP {R.randint(10, 999)}")
    lines.append(town_line(dom=dom))
    return lines


def addr(sep=None, dom=None):
    if dom is None:
        dom = chance(0.08)
    lines = addr_lines(dom=dom)
    if sep is None:
        sep = ch([", ", ", ", " ", " – ", "\n"])
    return ("LOCATION", sep.join(lines))


def foreign_addr(cc, sep=", "):
    n = R.randint(1, 220)
    if cc == "BE":
        lines = [f"{ch(['Rue de la Station', 'Avenue Louise', 'Kerkstraat', 'Chaussée de Wavre'])} {n}", f"{ch(['1050 Ixelles', '4000 Liège', '9000 Gent', '5000 Namur'])}"]
    elif cc == "CH":
        lines = [f"{ch(['Route de Lausanne', 'Bahnhofstrasse', 'Chemin des Vignes', 'Rue du Simplon'])} {n}", f"{ch(['1201 Genève', '1003 Lausanne', '8001 Zürich', '2000 Neuchâtel'])}"]
    elif cc == "ES":
        lines = [f"Calle {ch(['Mayor', 'de Alcalá', 'Gran Vía', 'del Carmen'])}, {n}, {R.randint(1, 6)}º {ch('ABCD')}", f"{ch(['28013 Madrid', '08002 Barcelona', '20003 Donostia', '46001 València'])}"]
    elif cc == "UK":
        lines = [f"{n} {ch(['High Street', 'Church Lane', 'Victoria Road', 'Mill Close'])}", ch(["Bath BA1 2QH", "London SE15 4TW", "Bristol BS8 1TH", "Leeds LS6 3AF", "Canterbury CT1 2EH"])]
    elif cc == "US":
        lines = [f"{n} {ch(['Maple Ave', 'Oak Street', 'Sunset Blvd', 'Elm St Apt 4B'])}", ch(["Portland, OR 97205", "Austin, TX 78701", "Boston, MA 02116", "Chicago, IL 60614"])]
    elif cc == "DE":
        lines = [f"{ch(['Hauptstraße', 'Lindenweg', 'Goethestraße', 'Am Markt'])} {n}", ch(["10115 Berlin", "80331 München", "66111 Saarbrücken", "79098 Freiburg"])]
    elif cc == "IT":
        lines = [f"Via {ch(['Roma', 'Garibaldi', 'dei Mille', 'San Francesco'])} {n}", ch(["10121 Torino", "20121 Milano", "00184 Roma", "18039 Ventimiglia IM"])]
    elif cc == "PT":
        lines = [f"Rua {ch(['Augusta', 'das Flores', 'do Almada'])}, {n}", ch(["1100-053 Lisboa", "4050-253 Porto", "4700-321 Braga"])]
    elif cc == "CA":
        lines = [f"{n} {ch(['rue Saint-Denis', 'boulevard René-Lévesque', 'rue des Érables'])}", ch(["Montréal (Québec) H2X 3K8", "Québec (Québec) G1R 4P5", "Gatineau QC J8X 2K1"])]
    elif cc == "MA":
        lines = [f"{n}, {ch(['rue Ibn Sina', 'avenue Hassan II', 'boulevard Zerktouni'])}", ch(["Casablanca 20000", "Rabat 10020", "Marrakech 40000"])]
    else:
        lines = [f"{n}, {ch(['rue de Hollerich', 'route d’Arlon', 'avenue de la Gare'])}", ch(["L-1741 Luxembourg", "L-4011 Esch-sur-Alzette"])]
    if chance(0.5):
        lines.append({"BE": "Belgique", "CH": "Suisse", "ES": "España", "UK": "United Kingdom", "US": "USA",
                      "DE": "Deutschland", "IT": "Italia", "PT": "Portugal", "CA": "Canada", "MA": "Maroc",
                      "LU": "Luxembourg"}[cc])
    return ("LOCATION", sep.join(lines))
for _cc in FOREIGN:
    FOREIGN[_cc]["last"] = [x.replace("_", " ") for x in FOREIGN[_cc]["last"]]

# ---------------------------------------------------------------------------------------
# Persons and name forms
# ---------------------------------------------------------------------------------------


class Pers:
    def __init__(self, first, last, sex, cc="FR"):
        self.first, self.last, self.sex, self.cc = first, last, sex, cc
        self.dob = None

    def civ(self):
        if self.sex == "F":
            return ch(["Mme", "Mme", "Mme", "Mme.", "Madame", "Mlle", "Mde", "MME"])
        return ch(["M.", "M.", "M.", "M", "Mr", "Mr.", "Monsieur", "MR"])

    def initials(self):
        parts = re.split(r"-", self.first)
        return "-".join(p[0] + "." for p in parts)


def person(sex=None, cc="FR", word=None):
    if sex is None:
        sex = ch("FM")
    if cc != "FR":
        pool = FOREIGN[cc]
        first = ch(pool["first_f"] if sex == "F" else pool["first_m"])
        return Pers(first, ch(pool["last"]), sex, cc)
    if word is None:
        word = chance(0.1)
    r = R.random()
    if sex == "F":
        first = ch(F_WORD) if (word and chance(0.5)) else ch(F_FIRST)
    else:
        first = ch(M_WORD) if (word and chance(0.5)) else ch(M_FIRST)
    if word and first not in F_WORD and first not in M_WORD:
        last = ch(WORD_LAST)
    elif r < 0.22:
        last = ch(WORLD_LAST)
    else:
        last = ch(LAST)
    return Pers(first, last, sex)


def P(v):
    return ("PERSON", v)


def nm(p, form=None, civ=None):
    """Segments for a name. form: fl fL Lf lf iL cl cfl cfL f l ll (lower) LL (upper)."""
    if form is None:
        form = ch(["fl", "fl", "fl", "fl", "fL", "fL", "Lf", "lf", "iL", "cl", "cl", "cfl", "cfL", "ll", "LL"])
    f, l = p.first, p.last
    if form == "fl":
        return [P(f"{f} {l}")]
    if form == "fL":
        return [P(f"{f} {l.upper()}")]
    if form == "Lf":
        return [P(f"{l.upper()} {f}")]
    if form == "lf":
        return [P(f"{l} {f}")]
    if form == "iL":
        return [P(f"{p.initials()} {l}")]
    if form == "cl":
        return [(civ or p.civ()) + " ", P(l)]
    if form == "cfl":
        return [(civ or p.civ()) + " ", P(f"{f} {l}")]
    if form == "cfL":
        return [(civ or p.civ()) + " ", P(f"{f} {l.upper()}")]
    if form == "f":
        return [P(f)]
    if form == "l":
        return [P(l)]
    if form == "ll":
        return [P(f"{f} {l}".lower())]
    if form == "LL":
        return [P(f"{f} {l}".upper())]
    raise ValueError(form)


def slug(s, sep=""):
    s = strip_acc(s).lower().replace("'", "").replace("’", "")
    s = re.sub(r"[^a-z0-9-]+", sep, s)
    return s.replace("ı", "i")


WEBMAIL = ["gmail.com", "gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net",
           "hotmail.fr", "yahoo.fr", "outlook.fr", "icloud.com", "live.fr", "neuf.fr", "bbox.fr", "proton.me",
           "aliceadsl.fr", "numericable.fr", "hotmail.com", "gmx.fr"]
STAFF_DOM = ["aubepine-mutuelle.fr", "aubepine-dentaire.fr", "aubepine-optique.fr", "aubepine-obseques.fr",
             "aubepine-conduite.fr", "aubepine-credit.fr"]


def email_of(p, dom=None):
    f, l = slug(p.first), slug(p.last)
    if dom is None:
        dom = ch(FOREIGN[p.cc]["dom"]) if p.cc != "FR" else ch(WEBMAIL)
    k = R.randint(0, 9)
    local = [f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}", f"{l}.{f}", f"{f}.{l}{R.randint(1, 99)}", f"{f}{l}",
             f"{l}-{f}", f"{f[0]}.{l}", f"{f}{R.randint(1950, 2005)}", f"{l}{f[0]}{R.randint(1, 9)}"][k]
    local = local.replace(" ", "")
    return ("EMAIL_ADDRESS", f"{local}@{dom}")


def staff_email(p, dom=None):
    f, l = slug(p.first), slug(p.last).replace(" ", "")
    dom = dom or ch(STAFF_DOM)
    return ("EMAIL_ADDRESS", ch([f"{f}.{l}@{dom}", f"{f[0]}.{l}@{dom}", f"{f[0]}{l}@{dom}"]))


def generic_email():
    return ("EMAIL_ADDRESS", ch(["rdv.angers", "contact", "accueil.cholet", "obseques.permanence", "sav.audition",
                                  "conduite.tours", "credit.conseil", "dpo", "optique.laval", "compta.fournisseurs",
                                  "planning.dentaire", "reclamations"]) + "@" + ch(STAFF_DOM))


# ---------------------------------------------------------------------------------------
# Phones
# ---------------------------------------------------------------------------------------
UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
         "douze", "treize", "quatorze", "quinze", "seize"]
TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"]


def fr_num(n):
    if n < 17:
        return UNITS[n]
    if n < 20:
        return "dix-" + UNITS[n - 10]
    if n < 70:
        t, u = divmod(n, 10)
        if u == 0:
            return TENS[t]
        if u == 1:
            return TENS[t] + " et un"
        return TENS[t] + "-" + UNITS[u]
    if n < 80:
        if n == 71:
            return "soixante et onze"
        return "soixante-" + fr_num(n - 60)
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + fr_num(n - 80)


def fr_digits(kind=None):
    if kind is None:
        kind = ch(["mob", "mob", "mob", "fix", "fix", "09"])
    if kind == "mob":
        head = ch(["06", "07"])
    elif kind == "09":
        head = "09"
    elif kind == "08":
        head = ch(["0800", "0805", "0809"])[:2]
    else:
        head = ch(["01", "02", "02", "03", "04", "05"])
    d = head + "".join(str(R.randint(0, 9)) for _ in range(8))
    if kind == "mob" and d[2] == "0" and d[1] == "7":
        d = d[:2] + "8" + d[3:]
    return d


def fmt_fr(d, style=None):
    pairs = [d[i:i + 2] for i in range(0, 10, 2)]
    if style is None:
        style = R.randint(0, 17)
    if style <= 4:
        return " ".join(pairs)
    if style == 5:
        return ".".join(pairs)
    if style == 6:
        return "-".join(pairs)
    if style == 7:
        return d
    if style == 8:
        return "+33 " + d[1] + " " + " ".join(pairs[1:])
    if style == 9:
        return "+33" + d[1:]
    if style == 10:
        return "+33 (0)" + d[1] + " " + " ".join(pairs[1:])
    if style == 11:
        return "0033 " + d[1] + " " + " ".join(pairs[1:])
    if style == 12:
        return "/".join(pairs)
    if style == 13:
        return d[:4] + " " + d[4:7] + " " + d[7:]
    if style == 14:
        return d[:2] + " " + d[2:6] + " " + d[6:]
    if style == 15:
        return "+33." + d[1] + "." + ".".join(pairs[1:])
    if style == 16:
        return pairs[0] + "." + pairs[1] + " " + pairs[2] + "." + pairs[3] + " " + pairs[4]
    return "(+33) " + d[1:2] + " " + " ".join(pairs[1:])


def phone(kind=None, style=None):
    return ("PHONE_NUMBER", fmt_fr(fr_digits(kind), style))


DOM_PH = {"971": ("0590", "0690", "+590"), "972": ("0596", "0696", "+596"), "973": ("0594", "0694", "+594"),
          "974": ("0262", "0692", "+262"), "976": ("0269", "0639", "+262")}


def phone_dom(dep=None, mobile=None):
    dep = dep or ch(sorted(DOM_PH))
    fix, mob, cc = DOM_PH[dep]
    head = mob if (mobile if mobile is not None else chance(0.6)) else fix
    rest = "".join(str(R.randint(0, 9)) for _ in range(6))
    d = head + rest
    k = R.randint(0, 4)
    if k == 0:
        v = " ".join(d[i:i + 2] for i in range(0, 10, 2))
    elif k == 1:
        v = d
    elif k == 2:
        v = f"{cc} {head[1:]} {rest[:2]} {rest[2:4]} {rest[4:]}"
    elif k == 3:
        v = ".".join(d[i:i + 2] for i in range(0, 10, 2))
    else:
        v = f"{head} {rest[:2]} {rest[2:4]} {rest[4:]}"
    return ("PHONE_NUMBER", v)


def rd(n):
    return "".join(str(R.randint(0, 9)) for _ in range(n))


def phone_foreign(cc, mobile=None):
    m = mobile if mobile is not None else chance(0.5)
    intl = chance(0.55)
    if cc == "BE":
        v = (f"+32 4{R.randint(70, 99)} {rd(2)} {rd(2)} {rd(2)}" if intl else f"04{R.randint(70, 99)} {rd(2)} {rd(2)} {rd(2)}") if m else (f"+32 2 {rd(3)} {rd(2)} {rd(2)}" if intl else f"02 {rd(3)} {rd(2)} {rd(2)}")
    elif cc == "CH":
        v = (f"+41 7{ch('6789')} {rd(3)} {rd(2)} {rd(2)}" if intl else f"07{ch('6789')} {rd(3)} {rd(2)} {rd(2)}") if m else (f"+41 (0)22 {rd(3)} {rd(2)} {rd(2)}" if intl else f"022 {rd(3)} {rd(2)} {rd(2)}")
    elif cc == "ES":
        v = (f"+34 6{rd(2)} {rd(3)} {rd(3)}" if intl else f"6{rd(2)} {rd(3)} {rd(3)}") if m else (f"0034 91 {rd(3)} {rd(2)} {rd(2)}" if intl else f"91 {rd(3)} {rd(2)} {rd(2)}")
    elif cc == "UK":
        v = (f"+44 7700 {rd(6)}" if intl else f"07700 {rd(3)} {rd(3)}") if m else (f"+44 (0)20 7946 {rd(4)}" if intl else f"020 7946 {rd(4)}")
    elif cc == "US" or cc == "CA":
        area = ch(["415", "503", "617", "512", "312"]) if cc == "US" else ch(["514", "418", "819"])
        v = f"+1 {area} 555 01{rd(2)}" if intl else ch([f"({area}) 555-01{rd(2)}", f"{area}-555-01{rd(2)}", f"{area}.555.01{rd(2)}"])
    elif cc == "DE":
        v = (f"+49 151 {rd(8)}" if intl else f"0151 {rd(8)}") if m else (f"+49 30 {rd(7)}" if intl else f"030 {rd(3)} {rd(4)}")
    elif cc == "IT":
        v = (f"+39 3{rd(2)} {rd(3)} {rd(4)}" if intl else f"3{rd(2)} {rd(3)} {rd(4)}") if m else (f"+39 011 {rd(3)} {rd(4)}" if intl else f"011 {rd(3)} {rd(4)}")
    elif cc == "PT":
        v = f"+351 9{ch('1236')}{rd(1)} {rd(3)} {rd(3)}" if intl else f"9{ch('1236')}{rd(1)} {rd(3)} {rd(3)}"
    elif cc == "MA":
        v = f"+212 6{rd(2)}-{rd(6)}" if intl else f"06{rd(2)}-{rd(6)}"
    else:
        v = f"+352 621 {rd(3)} {rd(3)}" if intl else f"621 {rd(3)} {rd(3)}"
    return ("PHONE_NUMBER", v)


def phone_words(d=None):
    d = d or fr_digits(ch(["mob", "mob", "fix"]))
    pairs = [int(d[i:i + 2]) for i in range(0, 10, 2)]
    if chance(0.3):
        words = [UNITS[int(c)] for c in d]
    else:
        words = ["zéro " + UNITS[pairs[0]]] + [fr_num(x) if x >= 10 else "zéro " + UNITS[x] for x in pairs[1:]]
    return ("PHONE_NUMBER", " ".join(words)), d


def any_phone():
    r = R.random()
    if r < 0.8:
        return phone()
    if r < 0.92:
        return phone_dom()
    return phone_foreign(ch(sorted(FOREIGN)))


# ---------------------------------------------------------------------------------------
# Bank, cards, NIR, SIREN / SIRET
# ---------------------------------------------------------------------------------------


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_make(cc, bban):
    ck = 98 - iban_num(bban + cc + "00") % 97
    return f"{cc}{ck:02d}{bban}"


def iban_ok(s):
    s = re.sub(r"[\s\-.]", "", s).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", s):
        return False
    return iban_num(s[4:] + s[:4]) % 97 == 1


def rib_key(b, g, a):
    return 97 - ((89 * int(b) + 15 * int(g) + 3 * int(a)) % 97)


IBAN_LEN = {"FR": 27, "MC": 27, "BE": 16, "DE": 22, "ES": 24, "IT": 27, "PT": 25, "LU": 20, "CH": 21,
            "NL": 18, "GB": 22, "AT": 20}


def iban_raw(cc="FR"):
    if cc in ("FR", "MC"):
        b = ch(["30004", "30003", "20041", "10278", "16006", "18206", "14445", "30066", "12548", "11315", "13335"]) if cc == "FR" else ch(["12739", "30003", "11468"])
        g = rd(5)
        a = rd(11)
        bban = b + g + a + f"{rib_key(b, g, a):02d}"
    elif cc == "BE":
        x = rd(10)
        c = int(x) % 97 or 97
        bban = x + f"{c:02d}"
    elif cc == "IT":
        bban = ch("ABCDEFGHKLMNPRSTVXYZ") + rd(22)
    elif cc == "NL":
        bban = ch(["INGB", "RABO", "ABNA", "TRIO"]) + rd(10)
    elif cc == "GB":
        bban = ch(["NWBK", "BARC", "LOYD", "HBUK"]) + rd(14)
    else:
        bban = rd(IBAN_LEN[cc] - 4)
    return iban_make(cc, bban)


def fmt_iban(s, style=None):
    if style is None:
        style = R.randint(0, 9)
    g4 = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    if style <= 4:
        return g4
    if style == 5:
        return s
    if style == 6:
        return "-".join(s[i:i + 4] for i in range(0, len(s), 4))
    if style == 7:
        return g4.lower() if chance(0.5) else s.lower()
    if style == 8 and s[:2] in ("FR", "MC"):
        return f"{s[:4]} {s[4:9]} {s[9:14]} {s[14:25]} {s[25:]}"
    return "  ".join(s[i:i + 4] for i in range(0, len(s), 4)) if chance(0.3) else g4


def iban(cc=None):
    if cc is None:
        cc = "FR" if chance(0.75) else ch(sorted(IBAN_LEN))
    return ("IBAN_CODE", fmt_iban(iban_raw(cc)))


def luhn_ok(d):
    d = re.sub(r"\D", "", d)
    tot = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        tot += n
    return tot % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + rd(length - len(prefix) - 1)
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c


def card(kind=None, style=None):
    if kind is None:
        kind = ch(["visa", "visa", "visa", "mc", "mc", "amex"])
    if kind == "visa":
        d = luhn_complete("4" + rd(5), 16)
    elif kind == "mc":
        d = luhn_complete(ch(["51", "52", "53", "54", "55", "2221", "2310", "2720"]), 16)
    else:
        d = luhn_complete(ch(["34", "37"]), 15)
    if style is None:
        style = R.randint(0, 6)
    if len(d) == 15:
        g = [d[:4], d[4:10], d[10:]]
    else:
        g = [d[i:i + 4] for i in range(0, 16, 4)]
    if style <= 2:
        v = " ".join(g)
    elif style == 3:
        v = "-".join(g)
    elif style == 4:
        v = d
    elif style == 5:
        v = ".".join(g)
    else:
        v = "  ".join(g)
    return ("CREDIT_CARD", v)


def siren_raw():
    return luhn_complete(str(R.randint(3, 9)) + rd(2), 9)


def siret_raw(siren=None):
    siren = siren or siren_raw()
    return luhn_complete(siren + "000" + str(R.randint(1, 9)), 14) if chance(0.5) else luhn_complete(siren + rd(2), 14)


def siren():
    s = siren_raw()
    return ("FR_SIREN", ch([s, f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]} {s[3:6]} {s[6:]}"]))


def siret():
    s = siret_raw()
    return ("FR_SIRET", ch([s, f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", f"{s[:9]} {s[9:]}"]))


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
MONTHS_AB = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def rand_date(y0=1930, y1=2008):
    return R.randint(y0, y1), R.randint(1, 12), R.randint(1, 28)


def fmt_date(y, m, d, style=None, en=False):
    if style is None:
        style = R.randint(0, 11)
    if en:
        return ch([f"{MONTHS_EN[m - 1]} {d}, {y}", f"{d} {MONTHS_EN[m - 1]} {y}", f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}"])
    if style <= 3:
        return f"{d:02d}/{m:02d}/{y}"
    if style == 4:
        return f"{d:02d}.{m:02d}.{y}"
    if style == 5:
        return f"{d:02d}-{m:02d}-{y}"
    if style == 6:
        return f"{d:02d}/{m:02d}/{y % 100:02d}"
    if style == 7:
        return f"{d}/{m}/{y}"
    if style == 8:
        return f"{'1er' if d == 1 else d} {MONTHS[m - 1]} {y}"
    if style == 9:
        return f"{d} {MONTHS_AB[m - 1]} {y}"
    if style == 10:
        return f"{y}-{m:02d}-{d:02d}"
    return f"{d} {MONTHS[m - 1]} {y}"


def dob(p=None, style=None, en=False, y0=1930, y1=2007):
    y, m, d = rand_date(y0, y1)
    if p is not None:
        p.dob = (y, m, d)
    return ("DATE_TIME", fmt_date(y, m, d, style, en))


DEPTS = [f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B"]
ABROAD = {"Maroc": "350", "Algérie": "352", "Tunisie": "351", "Portugal": "139", "Espagne": "134",
          "Sénégal": "341", "Italie": "127", "Belgique": "131", "Viêt Nam": "243", "Turquie": "208"}


def nir_raw(sex="1", y=None, m=None, dep=None):
    y = y if y is not None else R.randint(1935, 2006)
    m = m if m is not None else R.randint(1, 12)
    dep = dep or ch(DEPTS + ["971", "972", "974", "99"])
    if dep in ("971", "972", "973", "974", "976"):
        com = rd(2)
    elif dep == "99":
        com = ch(sorted(ABROAD.values()))
    else:
        com = f"{R.randint(1, 600):03d}"
    order = f"{R.randint(1, 999):03d}"
    body = f"{sex}{y % 100:02d}{m:02d}{dep}{com}{order}"
    n = int(body.replace("2A", "19").replace("2B", "18"))
    key = 97 - n % 97
    return body + f"{key:02d}"


def nir_ok(v):
    s = re.sub(r"[\s.\-]", "", v).upper()
    if not re.fullmatch(r"[12]\d{4}(\d{2}|2A|2B)\d{6}\d{2}", s):
        return False
    body, key = s[:13], int(s[13:])
    n = int(body.replace("2A", "19").replace("2B", "18"))
    return 97 - n % 97 == key


def fmt_nir(s, style=None):
    if style is None:
        style = R.randint(0, 7)
    g = [s[0], s[1:3], s[3:5], s[5:7], s[7:10], s[10:13], s[13:]]
    if style <= 2:
        return " ".join(g)
    if style == 3:
        return s
    if style == 4:
        return s[:13] + " " + s[13:]
    if style == 5:
        return ".".join(g)
    if style == 6:
        return "-".join(g) if chance(0.6) else " ".join(g[:-1]) + " - " + g[-1]
    return f"{s[:5]} {s[5:10]} {s[10:13]} {s[13:]}"


def nir(p=None, dep=None):
    sex = "2" if (p is not None and p.sex == "F") else "1"
    y = m = None
    if p is not None and p.dob:
        y, m = p.dob[0], p.dob[1]
    return ("FR_NIR", fmt_nir(nir_raw(sex, y, m, dep)))


# ---------------------------------------------------------------------------------------
# IPs, plates, URLs
# ---------------------------------------------------------------------------------------


def ipv4(private=None, port=False):
    if private is None:
        private = chance(0.35)
    if private:
        v = ch([f"192.168.{R.randint(0, 20)}.{R.randint(2, 254)}", f"10.{R.randint(0, 40)}.{R.randint(0, 255)}.{R.randint(2, 254)}",
                f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(2, 254)}"])
    else:
        a = ch([2, 5, 31, 37, 46, 62, 77, 78, 80, 81, 82, 86, 88, 90, 91, 92, 109, 176, 185, 193, 194, 195, 212, 213, 217])
        v = f"{a}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
    if port:
        v += f":{ch([443, 8080, 8443, 3389, 22, 51820, R.randint(1024, 65535)])}"
    return ("IP_ADDRESS", v)


def ipv6():
    k = R.randint(0, 5)
    if k == 0:
        a = ipaddress.IPv6Address(f"fe80::{R.randint(0, 0xffff):x}:{R.randint(0, 0xffff):x}:{R.randint(0, 0xffff):x}:{R.randint(0, 0xffff):x}")
    else:
        pre = ch(["2a01:e0a", "2a01:cb00", "2a02:8428", "2001:861", "2a04:cec0", "2001:41d0"])
        rest = ":".join(f"{R.randint(0, 0xffff):x}" if chance(0.75) else "0" for _ in range(5)) + f":{R.randint(1, 0xffff):x}"
        a = ipaddress.IPv6Address(pre + ":" + rest)
    st = R.randint(0, 4)
    if st <= 2:
        v = a.compressed
    elif st == 3:
        v = a.exploded
    else:
        v = a.compressed.upper()
    return ("IP_ADDRESS", v)


def any_ip(port=None):
    if chance(0.25):
        return ipv6()
    return ipv4(port=chance(0.18) if port is None else port)


SIV = "ABCDEFGHJKLMNPQRSTVWXYZ"


def plate(old=None):
    if old is None:
        old = chance(0.4)
    if old:
        dep = ch(["75", "49", "44", "13", "69", "35", "29", "33", "2A", "59", "971", "974"])
        if len(dep) == 3:
            v = f"{R.randint(100, 999)} {''.join(ch(SIV) for _ in range(3))} {dep}"
        elif chance(0.5):
            v = f"{R.randint(1000, 9999)} {''.join(ch(SIV) for _ in range(2))} {dep}"
        else:
            v = f"{R.randint(100, 999)} {''.join(ch(SIV) for _ in range(3))} {dep}"
        if chance(0.15):
            v = v.replace(" ", "")
        return ("FR_LICENSE_PLATE", v)
    while True:
        a = ch(SIV) + ch(SIV)
        if a not in ("SS", "WW"):
            break
    n = f"{R.randint(1, 999):03d}"
    b = ch(SIV) + ch(SIV)
    sep = ch(["-", "-", "-", " ", "", "-", " - ", "."])
    v = f"{a}{sep}{n}{sep}{b}"
    if chance(0.08):
        v = v.lower()
    return ("FR_LICENSE_PLATE", v)


def purl(p):
    f, l = slug(p.first), slug(p.last, "-")
    k = R.randint(0, 11)
    v = [f"linkedin.com/in/{f}-{l}-{rd(3)}a{R.randint(10, 99)}", f"https://www.linkedin.com/in/{f}{l}",
         f"www.facebook.com/{f}.{l}", f"https://instagram.com/{f}_{l}", f"https://github.com/{f[0]}{l}",
         f"https://www.{f}-{l}.fr", f"{f}{l}.wordpress.com", f"https://www.doctolib.fr/chirurgien-dentiste/angers/{f}-{l}",
         f"https://www.malt.fr/profile/{f}{l}", f"https://x.com/{f}_{l}", f"https://{f}-{l}.blogspot.com",
         f"https://www.youtube.com/@{f}{l}"][k]
    return ("URL", v.replace(" ", ""))


# ---------------------------------------------------------------------------------------
# Common non-personal vocabulary
# ---------------------------------------------------------------------------------------
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
CENTRES = ["Angers-Doutre", "Angers-Lafayette", "Cholet-Centre", "Saumur", "Laval-Gare", "Le Mans-Jaurès",
           "Tours-Nord", "Nantes-Chantenay", "Rennes-Colombier", "Niort", "La Roche-sur-Yon", "Blois",
           "Vannes", "Poitiers-Sud", "Brest-Recouvrance", "Pointe-à-Pitre", "Saint-Denis (La Réunion)"]
SERVICES = ["Aubépine Dentaire", "Aubépine Optique", "Aubépine Audition", "Aubépine Obsèques",
            "Aubépine Conduite", "Aubépine Crédit", "Mutuelle Aubépine"]
ROLES_STAFF = ["assistante dentaire", "secrétaire médicale", "opticienne", "audioprothésiste", "conseiller funéraire",
               "maître de cérémonie", "monitrice", "moniteur", "conseiller crédit", "chargée de clientèle",
               "responsable de centre", "gestionnaire sinistres", "DPO", "technicien support"]
WEBSITES = ["www.aubepine-mutuelle.fr", "https://www.aubepine-dentaire.fr/centres", "aubepine-obseques.fr/contrats",
            "https://conduite.aubepine-mutuelle.fr/planning", "https://www.aubepine-optique.fr/essayage-virtuel"]


def adate(y=2025):
    d, m = R.randint(1, 28), R.randint(1, 12)
    return ch([f"{d:02d}/{m:02d}/{y}", f"{d:02d}/{m:02d}", f"{ch(JOURS)} {d} {MONTHS[m - 1]}", f"{d} {MONTHS_AB[m - 1]}",
               f"{y}-{m:02d}-{d:02d}", f"{d:02d}.{m:02d}.{y % 100}"])


def hhmm():
    h, m = R.randint(7, 19), ch([0, 0, 15, 30, 45, 10, 20, 40, 50, 5])
    return ch([f"{h}h{m:02d}", f"{h}:{m:02d}", f"{h} h {m:02d}", f"{h:02d}:{m:02d}"])


def ts(y=2025):
    return f"{y}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}"


def ref(prefix=None):
    prefix = prefix or ch(["ADH", "DOS", "CT", "PEC", "DEV", "CMD", "SIN", "ELV", "PRT", "OBS", "FAC"])
    return f"{prefix}-{R.randint(2019, 2025)}-{R.randint(10000, 999999)}"


def amount():
    return ch([f"{R.randint(20, 4800)},{R.randint(0, 99):02d} €", f"{R.randint(20, 4800)} €", f"{R.randint(20, 9000)}.{R.randint(0, 99):02d} EUR",
               f"{R.randint(1, 9)} {R.randint(100, 999)},00 €"])


STAFF = []


def staff(role=None):
    return ch(STAFF)


def init_staff():
    for _ in range(70):
        STAFF.append(person())


def dentist():
    return person()


def flatten(x, out):
    if isinstance(x, (list,)):
        for y in x:
            flatten(y, out)
    elif isinstance(x, tuple):
        out.append(x)
    elif x is None or x == "":
        pass
    else:
        out.append(str(x))
    return out


# ---------------------------------------------------------------------------------------
# Whole-text transformations and rendering
# ---------------------------------------------------------------------------------------
PROTECT = {"version", "firmware", "release", "build", "chrome", "firefox", "safari", "mozilla", "version:"}
WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{6,}")


TRAP_WORDS = set()
for _x in TRAP_COMPANIES + TRAP_PLACES:
    for _t in re.split(r"[\s\-'’]+", _x):
        TRAP_WORDS.add(strip_acc(_t).lower())


def typo_word(w):
    if strip_acc(w).lower() in PROTECT or strip_acc(w).lower() in TRAP_WORDS:
        return w
    if R.random() >= 0.12:
        return w
    k = R.randint(0, 3)
    i = R.randint(1, len(w) - 3)
    if k == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if k == 1:
        return w[:i] + w[i + 1:]
    if k == 2:
        return w[:i] + w[i] + w[i:]
    na = strip_acc(w)
    if na != w:
        return na
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]


def render(segs, tf):
    flat = flatten(segs, [])
    parts, spans, vals, pos = [], [], [], 0
    for s in flat:
        if isinstance(s, tuple):
            t, v = s
            if tf.get("acc"):
                v = strip_acc(v)
            if tf.get("caps"):
                if not (t in ("EMAIL_ADDRESS", "URL") and tf.get("mail_lower")):
                    v = v.upper()
            elif tf.get("lower"):
                v = v.lower()
            spans.append([t, pos, pos + len(v)])
            vals.append(v)
        else:
            v = s
            if tf.get("typo"):
                v = WORD_RE.sub(lambda m: typo_word(m.group(0)), v)
            if tf.get("acc"):
                v = strip_acc(v)
            if tf.get("caps"):
                v = v.upper()
            elif tf.get("lower"):
                v = v.lower()
        parts.append(v)
        pos += len(v)
    return "".join(parts), spans, vals


def pick_tf(style):
    tf = {}
    if style == "struct":
        if chance(0.06):
            tf["acc"] = True
        return tf
    if style == "chat":
        if chance(0.3):
            tf["lower"] = True
        elif chance(0.04):
            tf["caps"] = True
        if chance(0.2):
            tf["acc"] = True
        if chance(0.12):
            tf["typo"] = True
    elif style == "dict":
        if chance(0.25):
            tf["acc"] = True
    else:
        if chance(0.06):
            tf["caps"] = True
            tf["mail_lower"] = chance(0.5)
        elif chance(0.035):
            tf["lower"] = True
        if chance(0.08):
            tf["acc"] = True
        if chance(0.09):
            tf["typo"] = True
    return tf


# ---------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------
DATE_RE = re.compile(r"^(\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{8}|(1er|\d{1,2})(th|st|nd|rd)? [A-Za-zéûÉÛ]+\.? \d{4}|[A-Za-z]+ \d{1,2}, \d{4}|(19|20)\d\d|[a-zéèêûç\- ]+ (19|20)\d\d)$", re.I)
PLATE_RE = re.compile(r"^([A-HJ-NP-TV-Z]{2}( - |[- .]?)\d{3}( - |[- .]?)[A-HJ-NP-TV-Z]{2}|\d{2,4} ?[A-Z]{1,3} ?(\d{2}|2A|2B|97\d))$", re.I)
EMAIL_RE = re.compile(r"^[\w.+\-]+(@|%40)[\w\-]+(\.[\w\-]+)+$")


def ip_ok(v):
    try:
        if v.count(":") == 1 and "." in v:
            host, port = v.split(":")
            if not 1 <= int(port) <= 65535:
                return False
            ipaddress.IPv4Address(host)
            return True
        ipaddress.ip_address(v)
        return all(len(g) <= 4 for g in v.split(":")) if ":" in v else True
    except ValueError:
        return False


def value_ok(t, v):
    if t == "PERSON":
        return bool(re.search(r"[A-Za-zÀ-ÿ]", v))
    if t == "EMAIL_ADDRESS":
        return bool(EMAIL_RE.match(v)) or (" arobase " in v.lower() or " at " in v.lower())
    if t == "PHONE_NUMBER":
        return len(re.sub(r"\D", "", v)) >= 8 or bool(re.fullmatch(r"[a-zéèêûç\- ]+", v.lower()))
    if t == "IBAN_CODE":
        return iban_ok(v)
    if t == "CREDIT_CARD":
        d = re.sub(r"\D", "", v)
        return len(d) in (15, 16) and luhn_ok(d)
    if t == "FR_NIR":
        return nir_ok(v)
    if t == "IP_ADDRESS":
        return ip_ok(v)
    if t == "LOCATION":
        return len(v) >= 4
    if t == "DATE_TIME":
        return bool(DATE_RE.match(v))
    if t == "URL":
        return " " not in v and not v.endswith("/") and "." in v
    if t == "FR_LICENSE_PLATE":
        return bool(PLATE_RE.match(v))
    if t == "FR_SIREN":
        d = re.sub(r"\D", "", v)
        return len(d) == 9 and luhn_ok(d)
    if t == "FR_SIRET":
        d = re.sub(r"\D", "", v)
        return len(d) == 14 and luhn_ok(d)
    return False


def check_record(rec, flat=None):
    errs = []
    text, spans = rec["text"], rec["spans"]
    last_end = -1
    for t, s, e in spans:
        if t not in TYPES:
            errs.append(f"bad type {t}")
        if not (0 <= s < e <= len(text)):
            errs.append(f"bad offsets {s},{e}")
            continue
        if s < last_end:
            errs.append("overlap")
        last_end = e
        v = text[s:e]
        if not (v[0].isalnum() or (t == "PHONE_NUMBER" and v[0] in "+(")):
            errs.append(f"bad start {t} {v!r}")
        if not v[-1].isalnum():
            errs.append(f"bad end {t} {v!r}")
        if v != v.strip():
            errs.append("space edge")
        if s > 0 and text[s - 1].isalnum():
            errs.append(f"glued before {t} {v!r}")
        if e < len(text) and text[e].isalnum():
            errs.append(f"glued after {t} {v!r}")
        if not value_ok(t, v):
            errs.append(f"bad value {t} {v!r}")
    if rec["kind"] == "negative" and spans:
        errs.append("negative with spans")
    if rec["kind"] != "negative" and not spans:
        errs.append("positive without span")
    if flat is not None:
        if len(flat) != len(spans):
            errs.append("span count mismatch")
        else:
            for (t, s, e), v in zip(spans, flat):
                if text[s:e] != v:
                    errs.append(f"offset mismatch {v!r}")
    errs += leak_check(text, spans)
    return errs


NAME_EXEMPT = set("""le la de du des d l van der den ben el ait da di do vu mai fall sow ka ho li ly ba sy
paris jean marie noel juste marin loup""".split())
for _w in F_WORD + M_WORD + WORD_LAST:
    NAME_EXEMPT.add(slug(_w))


def name_tokens():
    toks = set()
    pools = F_FIRST + M_FIRST + LAST + WORLD_LAST
    for cc in FOREIGN:
        pools = pools + FOREIGN[cc]["first_f"] + FOREIGN[cc]["first_m"] + FOREIGN[cc]["last"]
    for n in pools:
        for t in re.split(r"[\s\-'’]+", n):
            t = strip_acc(t).lower()
            if len(t) >= 2 and t not in NAME_EXEMPT:
                toks.add(t)
    return toks


NAME_TOKENS = name_tokens()
STRIP_PHRASES = sorted([strip_acc(x).lower() for x in TRAP_COMPANIES + TRAP_PLACES + ALL_TOWN_NAMES + CENTRES + STREET_N + RESID + LIEUDIT],
                       key=lambda s: (-len(s), s))
EXTRA_OK = []  # deliberate hard-negative words, filled below

LEAK_RES = [
    ("email", re.compile(r"[\w.+\-]+@[\w\-]+\.[A-Za-z]{2,}")),
    ("phone", re.compile(r"(?<![\w/.\-])0[1-9]([ .\-/]?)\d\d(?:\1\d\d){3}(?![\d/])")),
    ("phone+", re.compile(r"\+[1-9]\d{1,2}[ .]?\(?\d")),
    ("plate", re.compile(r"\b[A-HJ-NP-TV-Z]{2}[\- ]\d{3}[\- ][A-HJ-NP-TV-Z]{2}\b")),
]
VERSION_CTX = re.compile(r"(version|build|firmware|release|chrome/|firefox/|v|ver\.?|fw|rev\.?)\s*[:=]?\s*$", re.I)


def leak_check(text, spans):
    errs = []
    masked = list(text)
    for t, s, e in spans:
        for i in range(s, e):
            masked[i] = "\x00"
    m = "".join(masked)
    m = re.sub("\x00+", " ¤ ", m)
    for name, rx in LEAK_RES:
        for x in rx.finditer(m):
            errs.append(f"leak {name}: {x.group(0)!r}")
    for x in re.finditer(r"\b[A-Za-z]{2}\d{2}(?:[ \-]?[A-Za-z0-9]{4}){2,7}(?:[ \-]?[A-Za-z0-9]{1,4})?\b", m):
        if iban_ok(x.group(0)):
            errs.append(f"leak iban {x.group(0)!r}")
    for x in re.finditer(r"(?<![\d])\d(?:[ .\-]?\d){14,15}(?!\d)", m):
        d = re.sub(r"\D", "", x.group(0))
        if len(d) == 16 and luhn_ok(d):
            errs.append(f"leak card {x.group(0)!r}")
        if len(d) == 15 and nir_ok(d):
            errs.append(f"leak nir {x.group(0)!r}")
    for x in re.finditer(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])", m):
        if not VERSION_CTX.search(m[max(0, x.start() - 12):x.start()]):
            errs.append(f"leak ipv4 {x.group(0)!r}")
    for x in re.finditer(r"[0-9A-Fa-f:]{2,}:[0-9A-Fa-f:]{2,}", m):
        tok = x.group(0).strip(":")
        if tok.count(":") >= 2:
            try:
                ipaddress.IPv6Address(tok)
                errs.append(f"leak ipv6 {tok!r}")
            except ValueError:
                pass
    for x in re.finditer(r"(linkedin\.com/in|facebook\.com/|instagram\.com/|github\.com/|doctolib\.fr/)", m):
        errs.append(f"leak url {x.group(0)!r}")
    low = strip_acc(m).lower()
    for ph in STRIP_PHRASES:
        if ph in low:
            low = low.replace(ph, " ")
    for tok in re.findall(r"[a-zß-ÿıłśşğ]+", low):
        if tok in NAME_TOKENS and tok not in EXTRA_OK:
            errs.append(f"leak name {tok!r}")
    return errs


# ---------------------------------------------------------------------------------------
# Generator registry
# ---------------------------------------------------------------------------------------
GENS = []
NEGS = []


def gen(kind, w=1.0, style="prose"):
    def deco(f):
        GENS.append((kind, f, w, style))
        return f
    return deco


def neg(w=1.0, style="prose"):
    def deco(f):
        NEGS.append(("negative", f, w, style))
        return f
    return deco


def sig(p, role=None, centre=None, phones=1, mail=True, url=False, sep="\n"):
    """A signature block in one of several styles."""
    role = role or ch(ROLES_STAFF)
    centre = centre or ch(SERVICES) + " " + ch(CENTRES)
    k = R.randint(0, 5)
    ph = [phone(ch(["fix", "mob"])) for _ in range(phones)]
    out = []
    if k == 0:
        out = ["--\n", nm(p, ch(["fl", "fL"])), "\n", role.capitalize(), " – ", centre, "\n"]
        for i, x in enumerate(ph):
            out += [ch(["Tél. ", "T : ", "Ligne directe : ", "Mob. "]), x, "\n"]
        if mail:
            out += [staff_email(p), "\n"]
    elif k == 1:
        out = ["Cordialement,\n\n", nm(p, ch(["fl", "fL", "f"])), " | ", role, " | ", centre]
        for x in ph:
            out += [" | ", x]
        if mail:
            out += [" | ", staff_email(p)]
        out += ["\n"]
    elif k == 2:
        out = ["Bien à vous,\n", nm(p, "fL"), "\n", centre.upper(), "\n", "☎ ", ph[0], "\n"]
        if mail:
            out += ["✉ ", staff_email(p), "\n"]
        out += [ch(WEBSITES), "\n"]
    elif k == 3:
        out = ["___________________\n", nm(p, "fl"), " (", role, ")\n"]
        for x in ph:
            out += ["Standard ", x, " – poste ", str(R.randint(100, 499)), "\n"]
        if mail:
            out += ["mailto:", staff_email(p), "\n"]
        out += ["Ce message et ses pièces jointes sont confidentiels.\n"]
    elif k == 4:
        out = ["Bonne journée,\n", nm(p, "f"), "\n\n", nm(p, "fl"), " – ", centre, "\n"]
        out += ["Tel: ", ph[0], ch([" (standard)", " (ligne directe)", ""]), "\n"]
        if mail:
            out += [staff_email(p), "\n"]
        out += ["Envoyé de mon mobile\n"]
    else:
        out = ["Sincères salutations.\n", nm(p, "iL"), "\n", role, "\n", centre, "\n"]
        for x in ph:
            out += ["Tél ", x, "\n"]
        if mail:
            out += [staff_email(p), "\n"]
    if url:
        out += [purl(p), "\n"]
    return out


# =======================================================================================
# Generators — dental centres
# =======================================================================================
ACTES = ["détartrage", "contrôle annuel", "pose de couronne", "extraction dent de sagesse", "empreinte numérique",
         "pose d'implant", "bilan orthodontique", "soins carie 36", "blanchiment", "dévitalisation 24",
         "retrait de fils", "prothèse amovible (essayage)", "gouttières d'alignement"]


@gen("dental_reminder", 1.2, "struct")
def g_dent_sms_auto():
    p, d = person(), person()
    c = ch(CENTRES)
    k = R.randint(0, 2)
    if k == 0:
        return ["[SMS AUTO J-2] Aubépine Dentaire : Bonjour ", nm(p, ch(["cl", "cfl"])), ", nous vous rappelons votre RDV du ",
                adate(), " à ", hhmm(), " avec le Dr ", P(d.last), " (", c, "). En cas d'empêchement, merci d'appeler le ",
                phone("fix"), ". Répondez STOP au 36111."]
    if k == 1:
        return ["Rappel RDV ", c, "\nPatient : ", nm(p, ch(["Lf", "fL"])), "\nPraticien : Dr ", nm(d, ch(["fl", "l"])), "\nQuand : ", adate(),
                " ", hhmm(), "\nActe : ", ch(ACTES), "\nEnvoyé à : ", phone("mob"), " — statut : délivré"]
    return ["Bonjour ", P(p.first), ", petit rappel : rdv demain ", hhmm(), " au centre dentaire Aubépine ", c,
            " (Dr ", P(d.last), "). Pensez à votre carte Vitale. Pour décaler : ", generic_email(), " ou ", phone("fix", 5), "."]


@gen("dental_reminder", 1.0, "struct")
def g_dent_reminder_log():
    lines = ["campagne_rappels_" + str(R.randint(2024, 2025)) + f"{R.randint(1, 12):02d}" + ".log\n"]
    for _ in range(R.randint(2, 5)):
        p = person()
        st = ch(["DELIVERED", "DELIVERED", "FAILED (numéro invalide)", "PENDING", "DELIVERED"])
        lines += [ts(), " sms_out to=", phone("mob", ch([7, 9])), " patient=\"", nm(p, ch(["Lf", "fl"])), "\" rdv=",
                  f"{R.randint(1, 28):02d}/{R.randint(1, 12):02d}", " status=", st, "\n"]
    return lines


@gen("dental_reminder", 1.0)
def g_dent_reschedule():
    p, m, d, s = person(), person(sex="F"), person(), staff()
    return ["Appel de ", nm(m, ch(["cfl", "cl"])), ", maman de ", P(p.first), " (", R.randint(7, 15), " ans), pour décaler le ",
            ch(ACTES), " prévu ", adate(), ". Proposé ", ch(JOURS), " ", hhmm(), " avec Dr ", P(d.last), ", accepté. ",
            "Elle souhaite être jointe sur son portable ", phone("mob"), " plutôt que sur le fixe ", phone("fix"), ". ",
            ch(["", "Tiers payant OK. ", "Reste à charge annoncé : " + amount() + ". "]), "— ", nm(s, ch(["f", "fl"]))]


@gen("dental_quote", 1.1)
def g_devis_header():
    p, d = person(), person()
    return ["DEVIS N° ", ref("DEV"), " — Plan de traitement prothétique\n",
            "Centre dentaire Aubépine ", ch(CENTRES), " — praticien : Dr ", nm(d, ch(["fl", "fL"])), "\n",
            "Patient(e) : ", nm(p, ch(["Lf", "cfl", "fl"])), "\nNé(e) le : ", dob(p), "\n",
            "N° de sécurité sociale : ", nir(p), "\nAdresse : ", addr(", "), "\n",
            "Dent ", ch(["11", "16", "24", "36", "46"]), " — couronne céramo-métallique — ", amount(), "\n",
            "Part AMO : ", amount(), " / Part mutuelle : ", amount(), "\nDevis valable 6 mois à compter du ", adate(), "."]


@gen("dental_quote", 1.0)
def g_devis_followup():
    p, s = person(), staff()
    k = R.randint(0, 1)
    if k == 0:
        return ["Suivi devis ", ref("DEV"), " : ", nm(p, ch(["cl", "cfl"])), " a signé le ", adate(), ". Demande un paiement en 10x ",
                "via Aubépine Crédit, mandat SEPA sur ", iban(), ". Premier prélèvement le 5 du mois. ",
                "A transmis son RIB par mail depuis ", email_of(p), ". (", nm(s, "iL"), ")"]
    return ["Devis implant refusé par ", nm(p, "cl"), " (trop cher). Souhaite un second avis, a demandé le devis par courrier au ",
            addr(" "), ". Rappeler sa fille ", nm(person(sex="F"), "f"), " au ", phone(), " qui gère ses papiers."]


@gen("dental_patient", 1.0)
def g_dent_anamnese():
    p = person()
    return ["Questionnaire médical (saisi par l'accueil)\nNom : ", P(p.last.upper()), "   Prénom : ", P(p.first), "\nDate de naissance : ",
            dob(p, ch([0, 4, 7, 10])), "\nMédecin traitant : Dr ", nm(person(), ch(["fl", "l"])), " — ", phone("fix"),
            "\nAnticoagulants : ", ch(["oui (Kardégic)", "non", "ne sait pas"]), "\nAllergies : ", ch(["pénicilline", "latex", "aucune"]),
            "\nPersonne à prévenir : ", nm(person(), ch(["fl", "cfl"])), " (", ch(["époux", "fille", "voisine", "fils", "compagne"]), ") ", phone("mob")]


@gen("dental_patient", 0.9)
def g_dent_ortho_child():
    e, par1, par2 = person(), person(sex="F"), person(sex="M")
    last = e.last
    par1.last = last
    return ["Dossier ortho — ", P(e.first), " ", P(last.upper()), " (né(e) le ", dob(e, y0=2010, y1=2018), ")\n",
            "Responsables légaux : ", nm(par1, "cfl"), " — ", phone("mob"), " — ", email_of(par1), "\n",
            "                      ", nm(par2, "cfl"), " — ", phone("mob"), "\n",
            "Adresse de facturation : ", addr(", "), "\n",
            "Traitement : ", ch(["multi-attache 24 mois", "gouttières 18 mois", "disjoncteur"]), ", accord AMO reçu le ", adate(), "."]


@gen("dental_patient", 0.8, "dict")
def g_dent_dictation():
    p, d = person(), person()
    w, digits = phone_words()
    return ["dictée dr ", P(d.last.lower()), " compte rendu ", ch(["consultation", "urgence", "contrôle"]),
            " patient ", P(f"{p.first} {p.last}".lower()), " ", ch(["vu ce jour", "reçu en urgence", "revu"]),
            " pour ", ch(["douleur 46", "couronne descellée", "abcès 37", "fracture incisive"]),
            " ", ch(["prescription amoxicilline", "pas de prescription", "radio panoramique faite"]),
            " rappeler le patient au ", w, " si les résultats arrivent avant ", ch(JOURS), " fin de dictée"]


# =======================================================================================
# Optics / hearing
# =======================================================================================
@gen("optics_rx", 1.0)
def g_ordonnance():
    p, o = person(), person()
    return ["Ordonnance retranscrite — magasin Aubépine Optique ", ch(CENTRES), "\nPrescripteur : Dr ", nm(o, ch(["fl", "fL", "iL"])),
            ", ophtalmologiste (RPPS ", rd(11), ")\nDate ordonnance : ", adate(2025), "\nPorteur : ", nm(p, ch(["Lf", "cfl"])),
            ", né(e) le ", dob(p), "\nOD : ", ch(["-1,25", "+0,75", "-3,00"]), " (", ch(["-0,50", "-0,75", "0"]), ") ", R.randint(0, 180),
            "°  OG : ", ch(["-1,00", "+1,00", "-2,75"]), "  Add : ", ch(["+2,00", "+1,50", "—"]),
            "\nTiers payant : ", nir(p), "\nVerres progressifs classe B, monture ", ch(["Lafont", "Ray-Ban 5154", "Aubépine Essentiel 204"]), "."]


@gen("optics_rx", 1.0)
def g_tiers_payant():
    a = person()
    kids = [person() for _ in range(R.randint(1, 3))]
    out = ["Demande de prise en charge optique (PEC) ", ref("PEC"), "\nAdhérent : ", nm(a, ch(["fl", "Lf"])), " — NIR ", nir(a),
           "\nAyants droit :\n"]
    for k in kids:
        k.last = a.last
        out += ["  - ", nm(k, ch(["f", "fl"])), ", né(e) le ", dob(k, ch([0, 7, 8]), y0=2006, y1=2021), "\n"]
    out += ["Mail de réponse : ", email_of(a), "\nMontant demandé : ", amount(), " — réponse sous 48 h."]
    return out


@gen("optics_order", 1.0)
def g_lens_sub():
    p = person()
    k = R.randint(0, 1)
    if k == 0:
        return ["Abonnement lentilles « Vue Sereine » — souscription par téléphone\nClient : ", nm(p, ch(["cfl", "fL"])),
                "\nLivraison : ", addr("\n"), "\nPaiement : carte ", card(), " exp. ", f"{R.randint(1, 12):02d}/{R.randint(26, 30)}",
                "\nMensualité ", amount(), ", renouvellement tous les 3 mois. Conseillère : ", nm(staff(), "f"), "."]
    return ["Commande lentilles ", ref("CMD"), " — expédition Colissimo vers ", addr(", "), ". Contact livraison : ",
            phone("mob"), ". Le client (", nm(p, "cl"), ") précise que la boîte aux lettres est au nom de ", P(person().last.upper()), "."]


@gen("audio_fitting", 1.0)
def g_audio_trial():
    p, acc, s = person(), person(), staff()
    return ["Essai aides auditives — semaine ", R.randint(1, 4), "\n", nm(p, ch(["cl", "cfl"])), " (", R.randint(62, 94), " ans) venu(e) avec ",
            ch(["son fils", "sa fille", "son épouse", "son aidant", "sa voisine"]), " ", nm(acc, ch(["fl", "f"])), ". ",
            ch(["Gêne au restaurant.", "Sifflements à droite.", "Très satisfait(e) du confort.", "Dit ne pas entendre la télé."]),
            " Réglage programme 2 fait. Prochain rendez-vous le ", adate(), ". L'accompagnant laisse son numéro : ", phone(), ". ",
            "Audioprothésiste : ", nm(s, ch(["fl", "iL"]))]


@gen("audio_fitting", 0.8, "struct")
def g_audio_remote():
    p = person()
    return ["Session de réglage à distance (télé-audiologie)\n", "patient: ", nm(p, "fl"), "\n", "appareil: ", ch(["Phonak Audéo L90", "Oticon Intent 1", "Signia Pure 7IX"]),
            " firmware 2.", R.randint(1, 9), ".", R.randint(0, 30), "\n", "connexion depuis: ", any_ip(), "\n",
            "durée: ", R.randint(4, 40), " min — ", ch(["OK", "coupure réseau", "réglage partiel"]), "\n", "contact en cas de souci: ", phone("mob")]


# =======================================================================================
# Funeral services
# =======================================================================================
REL = ["fils", "fille", "épouse", "époux", "neveu", "nièce", "frère", "sœur", "petite-fille", "petit-fils", "belle-fille", "compagne"]


@gen("funeral_file", 1.3)
def g_funeral_file():
    d, o, cf = person(), person(), staff()
    d.dob = None
    return ["DOSSIER OBSÈQUES ", ref("OBS"), "\nDéfunt(e) : ", nm(d, ch(["cfL", "Lf", "cfl"])), ", né(e) le ", dob(d, y0=1925, y1=1965),
            ", décédé(e) le ", adate(), " à ", ch(["son domicile", "l'hôpital", "l'EHPAD"]), "\nDernier domicile : ", addr(", "),
            "\nOrdonnateur : ", nm(o, ch(["cfl", "fL"])), " (", ch(REL), ") — ", phone("mob"), " — ", email_of(o),
            "\nCérémonie : ", ch(["église Saint-Joseph", "salle Hortense du funérarium", "crématorium", "cimetière Saint-Pierre"]),
            ", le ", adate(), " à ", hhmm(), "\nConseiller : ", nm(cf, ch(["fl", "iL"])), "\nRèglement : virement depuis ", iban(), "."]


@gen("funeral_file", 1.0)
def g_funeral_night_call():
    o, d, s = person(), person(), staff()
    return ["Permanence de nuit (", hhmm(), ") — appel de ", nm(o, ch(["cfl", "fl"])), ", ", ch(REL), " de ", nm(d, ch(["cl", "cfl"])),
            ", décès ce soir à domicile. Médecin passé pour le certificat. Transfert en chambre funéraire demandé, ",
            "adresse : ", addr(" "), ". Code portail ", rd(4), ". Joignable au ", phone(), ([" ou sur le fixe de sa mère ", phone("fix")] if chance(0.4) else ""), ". Prise en charge par ", nm(s, "f"), " et ", nm(staff(), "f"), "."]


@gen("funeral_file", 0.9)
def g_funeral_checklist():
    d, o = person(), person()
    items = [["[x] Certificat de décès reçu"], ["[x] Déclaration en mairie (", ch(["Angers", "Cholet", "Saumur", "Laval"]), ")"],
             ["[ ] Avis de décès Ouest-France à valider avec ", nm(o, "f")],
             ["[x] Soins de conservation : accord de ", nm(o, ch(["cl", "fl"]))],
             ["[ ] Fleurs : commande chez Fleurs Colombe"], ["[ ] Marbrerie Delorme et Fils : gravure"],
             ["[x] Acompte reçu par carte ", card()], ["[ ] Rappeler la sœur du défunt, ", nm(person(sex="F"), "cfl"), ", au ", any_phone()]]
    R.shuffle(items)
    return ["Check-list obsèques de ", nm(d, ch(["cfl", "cl"])), "\n", [[x, "\n"] for x in items[:R.randint(4, 7)]]]


@gen("condolence", 1.0)
def g_condolence_register():
    d = person()
    out = ["Registre de condoléances en ligne — ", nm(d, ch(["fl", "cfl"])), "\n\n"]
    for _ in range(R.randint(2, 4)):
        a = person()
        out += [ch(["Posté par ", "De la part de ", ""]), nm(a, ch(["fl", "f", "iL", "fL"])), ch([" — ", ", le ", " | "]), adate(), "\n",
                ch(["Toutes nos pensées vous accompagnent.", "Un grand monsieur nous a quittés, courage à la famille.",
                    "Nous garderons le souvenir de ses éclats de rire.", "Sincères condoléances de la part des voisins du quartier."]), "\n"]
        if chance(0.3):
            out += ["(e-mail de l'auteur : ", email_of(a), ")\n"]
        out += ["\n"]
    return out


@gen("condolence", 0.9)
def g_condolence_letter():
    f, d, s = person(), person(), staff()
    return [nm(f, ch(["cfl", "cfL"])), "\n", addr("\n"), "\n\n", ch(["Angers", "Cholet", "Saumur"]), ", le ", adate(), "\n\n",
            ch(["Madame,", "Monsieur,", "Chère Madame,", "Cher Monsieur,"]), "\n\nC'est avec émotion que toute l'équipe d'Aubépine Obsèques ",
            "a accompagné la famille de ", nm(d, ch(["cfl", "cl"])), ". Vous trouverez ci-joint la facture acquittée et le ",
            "livret de souvenirs.\n\n", sig(s, "conseiller funéraire", "Aubépine Obsèques " + ch(CENTRES))]


@gen("condolence", 1.0)
def g_avis_deces():
    d = person()
    fam = [person() for _ in range(R.randint(2, 4))]
    out = [ch(["On nous prie d'annoncer le décès de ", "Nous avons la tristesse de vous faire part du décès de "]),
           nm(d, ch(["cfl", "cfL"])), ch([", survenu le ", ", le "]), adate(), ", à l'âge de ", R.randint(61, 99), " ans.\n",
           "De la part de :\n"]
    for x in fam:
        out += [ch(["", "", ""]), nm(x, ch(["fl", "cfl"])), ch([", son épouse", ", sa fille", ", son fils et sa compagne", ", ses petits-enfants", ""]), "\n"]
    out += ["Les obsèques seront célébrées le ", adate(), " à ", hhmm(), " en l'église Saint-Joseph. Ni fleurs ni couronnes.\n",
            ch(["Condoléances sur aubepine-obseques.fr/avis.", "Aubépine Obsèques, " + ch(CENTRES) + "."])]
    return out


@gen("beneficiary", 1.0)
def g_clause():
    s, c = person(), person()
    kids = [person() for _ in range(R.randint(0, 2))]
    out = ["Clause bénéficiaire (contrat obsèques ", ref("CT"), ") saisie depuis le formulaire papier signé par ",
           nm(s, ch(["cfl", "fl"])), " :\n« Je désigne ", ch(["mon épouse", "mon époux", "ma compagne", "mon compagnon"]), " ",
           nm(c, ch(["fl", "cfl"])), ", né(e) le ", dob(c, ch([0, 8, 11])), " à ", ch(["Brest", "Nantes", "Oran", "Porto", "Lyon"]),
           ", demeurant ", addr(", "), ", à défaut mes enfants"]
    for k in kids:
        out += [" ", nm(k, "fl"), " (né(e) le ", dob(k, y0=1970, y1=2000), ")"]
    out += [", nés ou à naître, par parts égales, à défaut mes héritiers. »"]
    return out


@gen("beneficiary", 0.9, "struct")
def g_contract_yaml():
    s = person()
    b = person()
    return ["contrat_obseques:\n  numero: ", ref("CT"), "\n  souscripteur:\n    nom: \"", P(s.last), "\"\n    prenom: \"", P(s.first), "\"\n",
            "    naissance: ", dob(s, 10), "\n    nir: \"", nir(s), "\"\n    adresse: \"", addr(", "), "\"\n",
            "    tel: \"", phone(style=ch([0, 7, 9])), "\"\n  beneficiaire:\n    nom_complet: \"", nm(b, "fl"), "\"\n",
            "    lien: ", ch(["conjoint", "enfant", "neveu", "ami"]), "\n  capital: ", R.randint(2500, 9000), "\n  prelevement:\n",
            "    iban: \"", iban(), "\"\n    jour: ", R.randint(1, 10), "\n"]


@gen("succession", 1.0)
def g_succession():
    d, n, h = person(), person(), person()
    return ["Objet : succession de ", nm(d, ch(["cfl", "cl"])), " — contrat obsèques ", ref("CT"), "\nCourrier reçu de l'office notarial de ",
            "Me ", nm(n, ch(["fl", "l"])), ", notaire à ", ch(["Segré", "Chemillé", "Doué-la-Fontaine", "Pornic"]), " (SIRET ", siret(), "). ",
            "Héritier désigné : ", nm(h, ch(["cfl", "fl"])), ", domicilié ", addr(", "), ". Demande le versement du solde sur le compte de l'étude ",
            iban("FR"), ". Copie de l'acte de décès jointe."]


@gen("cemetery", 0.9, "struct")
def g_concession():
    t = person()
    ay = [person() for _ in range(R.randint(1, 3))]
    out = ["Concession n° ", R.randint(100, 9999), " — carré ", ch("ABCDEFGH"), ", allée ", R.randint(1, 30), "\n",
           "Titulaire : ", nm(t, ch(["Lf", "fL"])), " (né(e) le ", dob(t, ch([0, 8]), y0=1920, y1=1960), ")\nAdresse du titulaire : ",
           addr(", "), "\nAyants droit :\n"]
    for a in ay:
        out += ["  • ", nm(a, ch(["fl", "cfl"])), " — ", any_phone(), "\n"]
    out += ["Durée : ", ch(["15 ans", "30 ans", "50 ans", "perpétuelle"]), " — dernière inhumation : ", adate(2024), "\n"]
    return out


@gen("body_transport", 0.8)
def g_transport_corps():
    d, dr = person(), staff()
    return ["Transport de corps avant mise en bière — ", nm(d, ch(["cfl", "cfL"])), "\nDépart : ", addr(", "), "\nArrivée : chambre funéraire Aubépine ",
            ch(CENTRES), "\nVéhicule : ", ch(["Mercedes Vito", "Peugeot Expert", "Renault Master"]), " immatriculé ", plate(False),
            "\nChauffeur : ", nm(dr, ch(["fl", "fL"])), " — ", phone("mob"), "\nAutorisation mairie n° ", rd(6), " du ", adate()]


# =======================================================================================
# Driving schools
# =======================================================================================
MANOEUVRES = ["créneau", "rond-point", "insertion sur voie rapide", "démarrage en côte", "priorités à droite",
              "marche arrière", "dépassement", "regard dans les rétros", "gestion de l'embrayage", "conduite de nuit"]


@gen("driving_lesson", 1.3)
def g_lesson_feedback():
    e, m = person(), staff()
    return ["Leçon ", R.randint(1, 35), " / ", ch(["20h", "30h", "boîte auto 13h"]), " — élève : ", nm(e, ch(["fl", "fL", "Lf", "f"])),
            "\nMoniteur : ", nm(m, ch(["fl", "f", "iL"])), " — véhicule ", ch(["Clio V", "208", "Yaris hybride", "Polo"]), " ", plate(False),
            "\nPoints forts : ", ch(MANOEUVRES), ". À retravailler : ", ch(MANOEUVRES), ", ", ch(MANOEUVRES), ".\n",
            ch(["Prête pour l'examen blanc.", "Encore stressé en ville.", "Bonne progression.", "Oublie le clignotant."])]


@gen("driving_lesson", 1.0, "struct")
def g_lesson_planning():
    out = ["Planning ", ch(["semaine ", "S"]), R.randint(1, 52), " — Aubépine Conduite ", ch(CENTRES), "\nHeure\tÉlève\tTél\tMoniteur\tVéhicule\n"]
    mons = [staff() for _ in range(2)]
    for _ in range(R.randint(3, 6)):
        e = person()
        m = ch(mons)
        out += [hhmm(), "\t", nm(e, ch(["fl", "Lf"])), "\t", phone("mob", ch([0, 5, 7])), "\t", nm(m, "f"), "\t", plate(False), "\n"]
    return out


@gen("driving_lesson", 0.9)
def g_exam_convocation():
    e = person()
    return ["Convocation examen pratique B\nCandidat : ", nm(e, ch(["Lf", "fL"])), "\nNé(e) le ", dob(e, y0=1995, y1=2008),
            "\nN° NEPH : ", rd(12), "\nAdresse : ", addr("\n"), "\nCentre d'examen : ", ch(["Angers-Beaucouzé", "Cholet", "Tours-Chambray"]),
            ", le ", adate(), " à ", hhmm(), "\nVéhicule double commande : ", plate(False), "\nAccompagnateur auto-école : ", nm(staff(), "fl")]


@gen("driving_lesson", 1.0, "chat")
def g_parent_aac():
    e, pa, ac, m = person(), person(), person(), staff()
    pa.last = e.last
    return ["Message de ", nm(pa, ch(["cfl", "cl"])), " (mère/père de ", P(e.first), ", conduite accompagnée) :\n",
            "« Bonjour, l'accompagnateur principal change, ce sera désormais ", nm(ac, "fl"), ", son oncle, permis n° ", rd(12),
            ". Il roulera avec notre voiture ", plate(), ". Vous pouvez le joindre au ", phone(), ". Merci de mettre à jour le livret. »\n",
            "Répondu par ", nm(m, "f"), " : RDV pédagogique à prévoir."]


@gen("driving_lesson", 1.0, "chat")
def g_sms_student():
    e, m = person(), staff()
    fe = e.first
    lines = [[hhmm(), " ", P(fe), " : ", ch(["slt", "bjr", "cc", "wsh"]), " c ", P(fe), " ", ch(["jpeux", "je peux"]),
              " decaler ma lecon de ", ch(JOURS), " stp ? ", ch(["jsuis malade", "g cours", "boulot", "pb de bus"])],
             [hhmm(), " ", P(m.first), " : ok pas de souci, ", ch(JOURS), " ", hhmm(), " ça te va ? rdv devant l'agence"],
             [hhmm(), " ", P(fe), " : ", ch(["tkt c bon", "parfait merci", "ok top", "oui nickel"]), " 👍"]]
    if chance(0.5):
        lines.append([hhmm(), " ", P(fe), " : au fait mon nouveau num c ", phone("mob", ch([0, 7])), " ", ch(["jai changé", "l'ancien marche plus", ""])])
    else:
        lines.append([hhmm(), " ", P(m.first), " : envoie moi ton mail pour le livret stp"])
        lines.append([hhmm(), " ", P(fe), " : ", email_of(e)])
    return ["Export SMS — ligne pro moniteur ", phone("mob"), "\n", [[l, "\n"] for l in lines]]


@gen("driving_lesson", 0.8)
def g_code_results():
    out = ["Résultats code de la route — session du ", adate(), "\n"]
    for _ in range(R.randint(3, 6)):
        e = person()
        out += ["- ", nm(e, ch(["Lf", "fl", "fL"])), " : ", ch(["favorable (", "défavorable ("]), R.randint(28, 40), "/40)",
                ([" — prévenir au ", phone("mob")] if chance(0.25) else ""), "\n"]
    out += ["Affichage en agence uniquement avec accord des élèves."]
    return out


@gen("driving_fleet", 0.9)
def g_school_car():
    m = staff()
    return ["Véhicule école ", plate(False), " (", ch(["Clio", "208", "Polo", "C3"]), ") — contrôle technique le ", adate(), ", ",
            ch(["contre-visite freins", "favorable", "pneus AR à changer"]), ". Affecté à ", nm(m, ch(["fl", "f"])), ". Ancien véhicule ",
            plate(), " rendu au loueur. Clés de secours chez ", nm(staff(), "f"), "."]


# =======================================================================================
# Credit / loans
# =======================================================================================
@gen("loan_note", 1.3)
def g_loan_application():
    a, b = person(), person()
    co = chance(0.5)
    out = ["Demande de prêt personnel ", ref("DOS"), " — ", ch(["travaux", "véhicule", "soins dentaires", "permis"]), ", ", amount(), " sur ",
           R.randint(12, 84), " mois\nEmprunteur : ", nm(a, ch(["cfl", "fL"])), ", né(e) le ", dob(a, y0=1950, y1=2003), ", ",
           ch(["CDI", "fonctionnaire", "retraité(e)", "intérimaire", "artisan"]), "\n"]
    if co:
        out += ["Co-emprunteur : ", nm(b, ch(["cfl", "fL"])), ", né(e) le ", dob(b, y0=1950, y1=2003), "\n"]
    out += ["Employeur : ", ch(["Transports Caradec SARL", "Imprimerie Jacquet", "Menuiserie Ravel", "CHU", "Laboratoire Mérieux"]),
            " — SIRET ", siret(), "\nDomicile : ", addr(", "), "\nCompte de domiciliation : ", iban(),
            "\nReste à vivre : ", amount(), " — avis : ", ch(["favorable", "à compléter", "réservé"])]
    return out


@gen("loan_note", 1.0)
def g_loan_call():
    a, s = person(), staff()
    return ["Appel sortant ", hhmm(), " — ", nm(a, ch(["cl", "cfl", "fl"])), " (dossier ", ref("DOS"), ") : pièces manquantes = ",
            ch(["avis d'imposition", "3 derniers bulletins", "justificatif de domicile", "RIB"]), ". ",
            ch(["Envoie ça ce soir sur ", "Va l'envoyer depuis "]), email_of(a), ". ",
            ch(["Préfère être appelé(e) après 18h au ", "Nouveau numéro : ", "Numéro pro : "]), phone(), ". ", nm(s, "iL")]


@gen("loan_note", 0.9, "struct")
def g_loan_scoring():
    a = person()
    return ["{\n  \"dossier\": \"", ref("DOS"), "\",\n  \"demandeur\": {\"nom\": \"", P(a.last), "\", \"prenom\": \"", P(a.first),
            "\", \"naissance\": \"", dob(a, 10), "\"},\n  \"mobile\": \"", phone("mob", 9), "\",\n  \"iban\": \"", iban(), "\",\n",
            "  \"ip_signature\": \"", any_ip(False), "\",\n  \"score\": ", R.randint(300, 900), ",\n  \"decision\": \"",
            ch(["ACCEPT", "REVIEW", "DECLINE"]), "\"\n}"]


@gen("kyc", 1.1)
def g_kyc():
    a = person()
    usage = ch(WORD_LAST + LAST)
    place, dep = ch([("Nantes", "44"), ("Brest", "29"), ("Ajaccio", "2A"), ("Bastia", "2B"), ("Pointe-à-Pitre", "971"),
                     ("Saint-Denis (La Réunion)", "974"), ("Oran (Algérie)", "99"), ("Dakar (Sénégal)", "99"), ("Porto (Portugal)", "99"),
                     ("Casablanca (Maroc)", "99"), ("Lyon", "69"), ("Cholet", "49")])
    d = dob(a)
    if dep == "99":
        country = {"Oran (Algérie)": "352", "Dakar (Sénégal)": "341", "Porto (Portugal)": "139", "Casablanca (Maroc)": "350"}[place]
        body = f"{'2' if a.sex == 'F' else '1'}{a.dob[0] % 100:02d}{a.dob[1]:02d}99{country}{R.randint(1, 999):03d}"
        raw = body + f"{97 - int(body) % 97:02d}"
    else:
        raw = nir_raw("2" if a.sex == "F" else "1", a.dob[0], a.dob[1], dep)
    return ["Contrôle d'identité (KYC) — ", ref("DOS"), "\nNom de naissance : ", P(a.last.upper()), "\nNom d'usage : ", P(usage.upper()),
            "\nPrénoms : ", P(a.first), ([", ", P(ch(F_FIRST if a.sex == "F" else M_FIRST))] if chance(0.5) else ""), "\n",
            "Né(e) le : ", d, " à ", place, "\nN° de sécurité sociale (attestation) : ", ("FR_NIR", fmt_nir(raw)),
            "\nPièce : CNI n° ", rd(12), " valable jusqu'au ", adate(2031), "\nJustificatif de domicile : facture ", ch(["EDF", "Orange", "Veolia"]),
            " au ", addr(", "), "\nVérification selfie : OK depuis l'IP ", any_ip(False)]


@gen("loan_note", 0.8)
def g_loan_guarantor():
    a, g = person(), person()
    return ["Caution solidaire pour le prêt de ", nm(a, ch(["cfl", "cl"])), " : ", nm(g, ch(["cfl", "fl"])), " (", ch(["père", "mère", "oncle", "ami"]),
            "), né(e) le ", dob(g, y0=1940, y1=1975), ", domicilié(e) ", addr(", "), ". Revenus : pension + loyers. ",
            "NIR fourni pour la vérification fichier FICP : ", nir(g), ". Tél. ", phone(), "."]


# =======================================================================================
# Scanned (OCR) documents
# =======================================================================================
def ocr_noise(segs, width=None):
    """Apply OCR damage to the plain-text segments only: hard line breaks every ~width characters,
    hyphenation, confusable letters, stray marks. Values are left intact."""
    flat = flatten(segs, [])
    width = width or R.randint(38, 64)
    out, col = [], 0
    for s in flat:
        if isinstance(s, tuple):
            out.append(s)
            col += len(s[1])
            continue
        buf = []
        for c in s:
            if c == "\n":
                col = 0
                buf.append(c)
                continue
            r = R.random()
            if r < 0.012 and c == "m":
                c = "rn"
            elif r < 0.02 and c == "l":
                c = "1"
            elif r < 0.025 and c == "é":
                c = "e´"
            elif r < 0.028 and c == " ":
                c = ch([" ■ ", " | ", "  ", " ¬ "])
            buf.append(c)
            col += len(c)
            if col >= width and c == " ":
                buf.append("\n")
                col = 0
            elif col >= width + 6 and c.isalpha() and chance(0.3):
                buf.append("-\n")
                col = 0
        out.append("".join(buf))
    return out


@gen("ocr_scan", 1.3)
def g_ocr_letter():
    p, s = person(), staff()
    body = [nm(p, ch(["cfl", "cfL", "LL"])), "\n", addr("\n"), "\n", phone(), "\n\n",
            "Objet : ", ch(["résiliation de mon contrat obsèques", "contestation du reste à charge", "demande de remboursement lunettes",
                            "changement de coordonnées bancaires"]), "\n\n",
            "Madame, Monsieur,\n\nJe vous écris suite à mon rendez-vous avec ", ch(["Mme ", "M. "]), P(s.last), " au centre de ",
            ch(["Cholet", "Saumur", "Laval", "Niort"]), ". Je vous prie de bien vouloir prendre en compte ma demande et de me répondre à l'adresse ",
            email_of(p), " ou par courrier. ",
            ([" Mes nouvelles coordonnées bancaires sont les suivantes : ", iban(), "."] if chance(0.5) else ""),
            "\n\nVeuillez agréer, Madame, Monsieur, mes salutations distinguées.\n\n", nm(p, ch(["fl", "f", "iL"]))]
    return ["[Document numérisé — OCR automatique, confiance ", R.randint(71, 97), " %]\n", ocr_noise(body)]


@gen("ocr_scan", 1.0)
def g_ocr_form():
    p = person()
    boxes = ch([("☑", "☐"), ("[X]", "[ ]"), ("■", "□"), ("(x)", "( )")])
    body = ["BULLETIN D'ADHÉSION — MUTUELLE AUBÉPINE\n", boxes[0], " Madame  ", boxes[1], " Monsieur\n",
            "N0M : ", P(p.last.upper()), "   Prénom : ", P(p.first), "\nNé(e) le : ", dob(p, ch([0, 4, 5, 6])),
            "\nN° Sécu : ", nir(p), "\nAdresse : ", addr(" "), "\nTéI. : ", phone(), "\nE-mai1 : ", email_of(p),
            "\nFormule : ", boxes[0], " Essentielle ", boxes[1], " Confort ", boxes[1], " Sérénité\nSignature : [signature manuscrite]"]
    return ocr_noise(body, 200)


@gen("ocr_scan", 0.9)
def g_ocr_cheques():
    out = ["BORDEREAU DE REMISE DE CHÈQUES n° ", rd(7), "\nCompte remettant : ", iban("FR"), "\n"]
    for _ in range(R.randint(3, 5)):
        p = person()
        out += ["Chq ", rd(7), "   ", nm(p, ch(["Lf", "LL"])), "   ", ch(["CIC", "CA", "LBP", "BNP", "SG", "CE"]), "   ",
                f"{R.randint(15, 900)},{R.randint(0, 99):02d}", "\n"]
    out += ["Total : ", amount(), "  — remis par ", nm(staff(), "fl")]
    return ocr_noise(out, 300)


# =======================================================================================
# Voice-to-text
# =======================================================================================
@gen("dictation", 1.1, "dict")
def g_voice_memo():
    p, s = person(), staff()
    w, _ = phone_words()
    return ["note vocale transcrite automatiquement ", adate(), "\n", ch(["bon alors", "ok donc", "euh"]), " je sors de chez ",
            ch(["madame ", "monsieur ", ""]), P(p.last.lower()), " ", ch(["au", "à l'adresse"]), " ", ("LOCATION", strip_acc(street()).lower() + " " + ch(["angers", "cholet", "saumur", "laval"])),
            " ", ch(["elle veut résilier", "il a bien reçu ses lunettes", "la famille veut un devis crémation", "elle n'a pas compris le devis"]),
            " il faut que ", P(s.first.lower()), " la rappelle au ", w, " ", ch(["voilà", "merci", "fin du message", "c'est tout"])]


@gen("dictation", 1.0, "dict")
def g_voice_email_spell():
    p = person()
    f, l = slug(p.first), slug(p.last).replace("-", " tiret ")
    dom = ch([("gmail", "com"), ("orange", "fr"), ("free", "fr"), ("laposte", "net")])
    spoken = f"{f} point {l} arobase {dom[0]} point {dom[1]}"
    return ["transcription appel entrant client dit je m'appelle ", P(f"{p.first} {p.last}".lower()),
            " mon adresse mail c'est ", ("EMAIL_ADDRESS", spoken), " je répète ", ("EMAIL_ADDRESS", spoken),
            " et ma date de naissance c'est le ", ("DATE_TIME", f"{R.randint(2, 28)} {ch(MONTHS)} {R.randint(1940, 2000)}"),
            " conseiller très bien je note"]


# =======================================================================================
# Chat exports
# =======================================================================================
@gen("slack_export", 1.0, "chat")
def g_slack_text():
    a, b, c = staff(), staff(), person()
    return [nm(a, "fl"), "  ", hhmm(), "\n", ch(["@", ""]), P(b.first), " tu peux rappeler ", nm(c, ch(["cl", "cfl", "fl"])), " ? elle a laissé ",
            phone(), " sur le formulaire\n", ch([":eyes: 2", ":white_check_mark: 1", ":pray: 1", ""]), "\n\n", nm(b, "fl"), "  ", hhmm(), "\n",
            ch(["c'est fait, ", "je m'en occupe, ", "ok, "]), ch(["rdv calé jeudi", "elle veut juste une attestation", "pas de réponse, messagerie"]),
            "\n", ch(["(modifié)", ""])]


@gen("slack_export", 0.9, "struct")
def g_slack_json():
    a, b, c = staff(), staff(), person()
    msgs = [["{\"ts\": \"17", rd(8), ".", rd(3), "\", \"user_name\": \"", nm(a, "fl"), "\", \"text\": \"nouveau contact pour le devis implant : ",
             nm(c, "fl"), ", ", email_of(c), "\"}"],
            ["{\"ts\": \"17", rd(8), ".", rd(3), "\", \"user_name\": \"", nm(b, "fl"), "\", \"text\": \"reçu, je l'appelle au ", phone(), "\"}"]]
    if chance(0.5):
        msgs.append(["{\"ts\": \"17", rd(8), ".", rd(3), "\", \"user_name\": \"", nm(a, "fl"), "\", \"text\": \"<@", P(b.first), "> merci !\"}"])
    return ["[\n", [[m, ",\n"] for m in msgs[:-1]], msgs[-1], "\n]"]


@gen("teams_export", 1.0, "chat")
def g_teams_chat():
    a, b, c = staff(), staff(), person()
    return ["[", adate(), " ", hhmm(), "] ", [P(a.last.upper()), ", ", P(a.first)], " (Aubépine ", ch(["Optique", "Dentaire", "Obsèques"]), ")\n",
            "Quelqu'un a le nouveau numéro de ", nm(c, ch(["cl", "fl"])), " ? l'ancien sonne dans le vide\n",
            "[", hhmm(), "] ", [P(b.last.upper()), ", ", P(b.first)], "\n", ch(["oui : ", "tiens : ", "dans la fiche : "]), any_phone(),
            ch([" (portable)", " (fixe)", ""]), "\n", ch(["👍 1", "❤️ 2", ""]), "\n"]


@gen("teams_export", 0.9, "struct")
def g_teams_vtt():
    a, b = staff(), staff()
    c = person()
    t = R.randint(0, 50)
    lines = ["WEBVTT\n\n"]
    utt = [(a, ["Donc le dossier de ", nm(c, ch(["cl", "cfl"])), ", on en est où ?"]),
           (b, ["J'ai eu sa fille hier, elle nous envoie l'acte de décès."]),
           (a, ["Tu as bien son mail ? c'est ", email_of(c), " je crois."]),
           (b, ["Oui, et son fixe, ", phone("fix"), "."])]
    for sp, u in utt[:R.randint(2, 4)]:
        s0 = R.randint(0, 40)
        lines += [f"00:{t:02d}:{s0:02d}.{R.randint(0, 999):03d} --> 00:{t:02d}:{s0 + R.randint(3, 19):02d}.{R.randint(0, 999):03d}\n",
                  "<v ", nm(sp, "fl"), ">", u, "</v>\n\n"]
        t += 1
    return lines


# =======================================================================================
# E-mail chains and notifications
# =======================================================================================
def rcpt(p):
    q = ch(['"', ""])
    return [q, nm(p, ch(["fl", "fL"])), q, " <", staff_email(p), ">"]


@gen("replyall", 1.1)
def g_replyall_fr():
    a, b, c, d = staff(), staff(), staff(), person()
    return ["[EXTERNE] ", "RE: RE: Dossier ", nm(d, "cl"), " – ", ch(["prothèse", "PEC optique", "contrat obsèques"]), "\n\n",
            "Bonjour à tous,\nJe confirme pour ", ch(JOURS), ". ", P(c.first), ", peux-tu envoyer le devis à la patiente (", email_of(d), ") ?\n\n",
            sig(a, mail=False), "\n", "De : ", rcpt(b), "\nEnvoyé : ", adate(), " ", hhmm(), "\nÀ : ", rcpt(a), "; ", rcpt(c),
            "\nCc : ", generic_email(), "\nObjet : RE: Dossier ", nm(d, "cl"), "\n\n", "Patiente rappelée au ", phone(), ", elle est d'accord.\n",
            "Obtenir Outlook pour Android"]


@gen("replyall", 1.0)
def g_replyall_en():
    a, b, c = staff(), person(cc=ch(["UK", "US", "DE"])), staff()
    cc_ = b.cc
    return ["From: ", nm(b, "fl"), " <", email_of(b), ">\nSent: ", ch(["Monday", "Tuesday", "Friday"]), ", ", ch(MONTHS_EN), " ", R.randint(1, 28), ", 2025 ",
            hhmm(), "\nTo: ", nm(a, "fl"), " <", staff_email(a), ">\nCc: ", nm(c, "fl"), " <", staff_email(c), ">\nSubject: RE: my mother's funeral contract\n\n",
            "Hi ", P(a.first), ",\nThanks for your help. My mother, ", nm(person(sex="F"), ch(["cfl", "fl"])), ", was born on ",
            dob(None, en=True, y0=1930, y1=1950), ". You can call me on ", phone_foreign(cc_), " — ", ch(["I'm in London until Friday.", "I'll be in France next week.", "best after 6pm CET."]),
            "\nKind regards,\n", nm(b, ch(["f", "fl"])), "\n\n-----Message d'origine-----\nDe : ", nm(a, "fl"), "\nObjet : contrat obsèques\n",
            "Bonjour, pourriez-vous nous confirmer la date de naissance de votre mère ? Bien cordialement."]


@gen("notification", 1.0, "struct")
def g_notif_password():
    p = person()
    return ["Objet : Votre mot de passe a été modifié\n\nBonjour ", nm(p, ch(["f", "cfl", "fl"])), ",\n\n",
            "Le mot de passe de votre espace adhérent (", email_of(p), ") a été modifié le ", adate(), " à ", hhmm(), ".\n",
            "Adresse IP : ", any_ip(False), "\nNavigateur : Chrome/", R.randint(110, 131), ".0.", R.randint(1000, 6999), ".", R.randint(10, 200), " (Windows)\n",
            "Si vous n'êtes pas à l'origine de cette modification, appelez le ", phone("09"), ".\n\nCeci est un message automatique, merci de ne pas y répondre."]


@gen("notification", 0.9, "struct")
def g_notif_sepa_fail():
    p = person()
    return ["[Notification] Rejet de prélèvement SEPA\nDébiteur : ", nm(p, ch(["Lf", "fL"])), "\nIBAN : ", iban(), "\nMotif : ",
            ch(["AM04 provision insuffisante", "AC04 compte clôturé", "MD06 contestation"]), "\nÉchéance : ", amount(), " du ", adate(),
            "\nAction : relance mail automatique envoyée à ", email_of(p), "\nCompte masqué dans l'espace client : FR76 **** **** **** **** ", rd(4), " ", rd(3)]


@gen("notification", 0.9, "struct")
def g_notif_newdevice():
    p = person()
    return ["Nouvelle connexion à votre espace Aubépine\n", "Bonjour ", P(p.first), ",\nUne connexion a eu lieu depuis un nouvel appareil :\n",
            "• Appareil : ", ch(["iPhone 13", "Samsung Galaxy A54", "PC Windows", "iPad"]), "\n• Adresse IP : ", ipv6() if chance(0.5) else ipv4(False),
            "\n• Localisation approximative : ", ch(["Angers", "Nantes", "Tours", "Paris"]), "\n• Date : ", adate(), " ", hhmm(),
            "\nCe n'était pas vous ? Sécurisez votre compte.\nCode de vérification envoyé au ", phone("mob")]


@gen("notification", 1.0, "struct")
def g_notif_booking():
    p, d = person(), person()
    return ["Confirmation de rendez-vous\n", nm(p, ch(["cfl", "fl"])), ", votre rendez-vous est confirmé :\n",
            ch(["Dr ", ""]), nm(d, "fl"), " — ", ch(["chirurgien-dentiste", "orthodontiste", "opticienne", "audioprothésiste"]), "\n",
            adate(), " à ", hhmm(), "\nCentre Aubépine ", ch(CENTRES), "\n", "Profil du praticien : ", ("URL", f"https://www.doctolib.fr/dentiste/{slug(ch(['angers', 'cholet', 'laval']))}/{slug(d.first)}-{slug(d.last, '-')}"),
            "\nVotre numéro : ", phone("mob"), " — vous recevrez un SMS la veille."]


@gen("raw_headers", 0.9, "struct")
def g_mail_headers():
    p = person()
    return ["Return-Path: <", email_of(p), ">\nReceived: from ", ch(["smtp-out.free.fr", "mail-wr1.google.com", "smtp.orange.fr"]), " (",
            ch(["unknown", "mx"]), " [", ipv4(False), "])\n\tby mx1.aubepine-mutuelle.fr with ESMTPS id ", "".join(ch("ABCDEFGHKLMNPQRSTVWXYZ0123456789") for _ in range(12)), "\n",
            "X-Originating-IP: [", ipv4(False), "]\nFrom: \"", nm(p, "fl"), "\" <", email_of(p), ">\nTo: ", generic_email(), "\n",
            "Subject: ", ch(["réclamation remboursement", "demande de devis", "Fwd: attestation", "changement RIB"]), "\nX-Mailer: ",
            ch(["iPhone Mail (21E236)", "Microsoft Outlook 16.0", "Thunderbird 115.8.0"])]


# =======================================================================================
# Structured formats
# =======================================================================================
@gen("xml_record", 1.0, "struct")
def g_xml_patient():
    p = person()
    return ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<patient id=\"", rd(6), "\">\n  <nom>", P(p.last.upper()), "</nom>\n  <prenom>", P(p.first),
            "</prenom>\n  <dateNaissance>", dob(p, 10), "</dateNaissance>\n  <nir>", ("FR_NIR", nir_raw("2" if p.sex == "F" else "1", p.dob[0], p.dob[1])),
            "</nir>\n  <adresse>", addr(", "), "</adresse>\n  <telephone type=\"mobile\">", phone("mob", ch([7, 9, 0])), "</telephone>\n",
            "  <courriel>", email_of(p), "</courriel>\n  <centre>", ch(CENTRES), "</centre>\n</patient>"]


@gen("xml_record", 0.9, "struct")
def g_sepa_xml():
    out = ["<PmtInf>\n  <PmtInfId>PRLV-", rd(8), "</PmtInfId>\n  <Cdtr><Nm>MUTUELLE AUBEPINE</Nm></Cdtr>\n"]
    for _ in range(R.randint(1, 3)):
        p = person()
        out += ["  <DrctDbtTxInf>\n    <InstdAmt Ccy=\"EUR\">", f"{R.randint(10, 300)}.{R.randint(0, 99):02d}", "</InstdAmt>\n",
                "    <MndtId>RUM", rd(10), "</MndtId>\n    <Dbtr><Nm>", P(f"{strip_acc(p.last).upper()} {strip_acc(p.first).upper()}"), "</Nm></Dbtr>\n",
                "    <DbtrAcct><Id><IBAN>", ("IBAN_CODE", iban_raw(ch(["FR", "FR", "FR", "BE", "DE", "ES"]))), "</IBAN></Id></DbtrAcct>\n  </DrctDbtTxInf>\n"]
    out += ["</PmtInf>"]
    return out


@gen("yaml_record", 0.9, "struct")
def g_yaml_users():
    out = ["# acces_vpn.yml — centres Aubépine\nusers:\n"]
    for _ in range(R.randint(2, 4)):
        p = staff()
        out += ["  - login: u", rd(5), "\n    display_name: \"", nm(p, "fl"), "\"\n    mail: ", staff_email(p), "\n    allowed_ips:\n"]
        for _ in range(R.randint(1, 2)):
            out += ["      - ", any_ip(False), "\n"]
        if chance(0.5):
            out += ["    mobile_otp: \"", phone("mob", 9), "\"\n"]
    return out


@gen("ldif", 0.8, "struct")
def g_ldif():
    p = staff()
    uid = slug(p.first)[0] + rd(5)
    return ["dn: uid=", uid, ",ou=", ch(["dentaire", "optique", "obseques", "conduite"]), ",dc=aubepine,dc=local\nobjectClass: inetOrgPerson\n",
            "cn: ", nm(p, "fl"), "\nsn: ", P(p.last), "\ngivenName: ", P(p.first), "\nmail: ", staff_email(p), "\ntelephoneNumber: ", phone("fix", ch([8, 0])),
            "\nmobile: ", phone("mob", ch([8, 9])), "\ntitle: ", ch(ROLES_STAFF), "\n"]


@gen("calendar", 1.0, "struct")
def g_ics():
    p, s = person(), staff()
    return ["BEGIN:VEVENT\nUID:", rd(8), "-", rd(4), "@aubepine\nDTSTART:2025", f"{R.randint(1, 12):02d}{R.randint(1, 28):02d}T{R.randint(8, 18):02d}0000",
            "\nSUMMARY:", ch(["Visite à domicile – ", "Essai appareil – ", "Signature contrat – ", "Organisation obsèques – "]), nm(p, ch(["cl", "fl", "Lf"])),
            "\nLOCATION:", addr(", "), "\nORGANIZER;CN=", nm(s, "fl"), ":mailto:", staff_email(s),
            "\nDESCRIPTION:Tel client ", phone(), ch(["\\nDigicode ", "\\nInterphone "]), rd(4), "\nEND:VEVENT"]


@gen("sql_dump", 1.0, "struct")
def g_sql_insert():
    out = ["-- export partiel table adherents\n"]
    for _ in range(R.randint(1, 3)):
        p = person()
        out += ["INSERT INTO adherents (id, nom, prenom, naissance, email, tel, iban) VALUES (", rd(5), ", '", P(p.last.upper().replace("'", "’")),
                "', '", P(p.first), "', '", dob(p, 10), "', '", email_of(p), "', '", phone(style=ch([7, 9])), "', '", ("IBAN_CODE", iban_raw()), "');\n"]
    return out


@gen("sql_dump", 0.8, "struct")
def g_sql_update():
    p = person()
    return ["UPDATE contacts SET adresse = '", addr(" "), "', mobile = '", phone("mob", 7), "' WHERE id = ", rd(6), ";  -- demande de ",
            nm(p, "fl"), " du ", adate(), "\nUPDATE contacts SET email = '", email_of(p), "' WHERE id = ", rd(6), ";\n-- 2 rows affected"]


# =======================================================================================
# Application / server logs
# =======================================================================================
@gen("applog", 1.0, "struct")
def g_java_log():
    out = []
    for _ in range(R.randint(2, 4)):
        p = person()
        k = R.randint(0, 2)
        out += [ts(), ".", rd(3), " ", ch(["INFO ", "WARN ", "DEBUG"]), " [http-nio-8080-exec-", R.randint(1, 12), "] c.a.crm.",
                ch(["PatientService", "ContratService", "EleveService"]), " - "]
        if k == 0:
            out += ["patient updated id=", rd(6), " email=", email_of(p), " by=u", rd(5), "\n"]
        elif k == 1:
            out += ["login ok user=\"", nm(p, "fl"), "\" ip=", any_ip(), "\n"]
        else:
            out += ["sms gateway error to=", phone("mob", 9), " code=", ch(["E104", "E220", "TIMEOUT"]), "\n"]
    return out


@gen("applog", 0.9, "struct")
def g_postfix():
    p, q = person(), person()
    qid = "".join(ch("0123456789ABCDEF") for _ in range(10))
    return [ch(["Mar", "Apr", "Oct"]), " ", R.randint(1, 28), " ", hhmm().replace("h", ":").replace(" ", ""), ":", f"{R.randint(0, 59):02d}",
            " mx1 postfix/smtpd[", R.randint(1000, 40000), "]: connect from unknown[", ipv4(False), "]\n",
            "… postfix/cleanup[", R.randint(1000, 40000), "]: ", qid, ": header Subject: ", ch(["devis", "RE: attestation", "rdv"]), "\n",
            "… postfix/qmgr: ", qid, ": from=<", email_of(p), ">, size=", R.randint(2000, 90000), "\n",
            "… postfix/local: ", qid, ": to=<", generic_email(), ">, orig_to=<", staff_email(q), ">, status=sent (delivered to mailbox)\n"]


@gen("applog", 0.8, "struct")
def g_win_event():
    p = staff()
    return ["Événement 4625 — Échec d'ouverture de session\nNom du compte : AUB\\u", rd(5), "\nNom complet : ", nm(p, "fl"),
            "\nStation de travail : PC-", ch(["ACC", "DENT", "OPT", "OBS"]), "-", rd(3), "\nAdresse réseau source : ", any_ip(False),
            "\nPort source : ", R.randint(1024, 65535), "\nMotif : mot de passe incorrect (", R.randint(3, 9), " tentatives)"]


@gen("applog", 0.8, "struct")
def g_wifi_guest():
    out = ["Portail Wi-Fi invités — salle d'attente ", ch(CENTRES), "\n"]
    for _ in range(R.randint(2, 4)):
        p = person()
        mac = ":".join(f"{R.randint(0, 255):02x}" for _ in range(6))
        out += [ts(), " | ", nm(p, ch(["fl", "ll"])), " | ", phone("mob", 7), " | mac ", mac, " | ip ", ipv4(True), "\n"]
    return out


@gen("ivr_log", 0.8, "struct")
def g_ivr():
    out = []
    for _ in range(R.randint(2, 4)):
        out += [ts(), " ivr call_in caller=", phone(style=9) if chance(0.7) else phone_dom(), " menu=", ch(["1", "2>1", "3>2", "1>4>0"]),
                " wait=", R.randint(3, 400), "s agent=", ch(["", "", "u" + rd(5)]), " result=", ch(["ANSWERED", "ABANDON", "VOICEMAIL"]), "\n"]
    return out


# =======================================================================================
# SMS
# =======================================================================================
@gen("sms_thread", 1.1, "chat")
def g_sms_family():
    f, s = person(), staff()
    return ["SMS reçus sur le portable d'astreinte Aubépine Obsèques\n",
            "De ", phone("mob", ch([0, 7, 9])), " (", adate(), " ", hhmm(), ") : ", ch(["bjr", "bonsoir"]), " c ", nm(f, ch(["f", "fl", "ll"])),
            " pr l'organisation des obsèques de ", ch(["papa", "maman", "mon grand-père", "ma tante"]), ", ", ch(["on peut passer demain ?", "cb de temps pr le devis ?", "merci pr tout"]),
            "\nRéponse (", P(s.first), ") : ", ch(["oui bien sûr, 10h à l'agence", "je vous envoie le devis par mail ce soir", "je vous rappelle dans 10 min"]),
            "\nDe ", phone("mob", ch([0, 7])), " : ", ch(["ok merci bcp", "ok tkt on sera la", "super mrc"]),
            (["\nDe ", phone("mob"), " : c sa sœur, mon mail c ", email_of(person(sex="F"))] if chance(0.5) else "")]


@gen("sms_thread", 1.0, "struct")
def g_sms_gateway_csv():
    out = ["date;from;to;body\n"]
    for _ in range(R.randint(2, 5)):
        p = person()
        body = ch([["Bonjour ", P(p.first), " vos lunettes sont prêtes au magasin Aubépine"],
                   ["rdv confirmé pr ", nm(p, "cl"), " demain 9h30"],
                   ["STOP"],
                   ["c ", P(p.first), " je serai en retard dsl"],
                   ["Votre code de vérification Aubépine : ", rd(6)]])
        out += [ts(), ";", phone(style=9), ";", ch(["AUBEPINE", "36123", phone(style=9)]), ";\"", body, "\"\n"]
    return out


@gen("sms_thread", 1.0, "chat")
def g_sms_optic():
    p, s = person(), staff()
    return ["[", hhmm(), "] Moi : Bonjour ", nm(p, ch(["cl", "f"])), ", vos lunettes sont prêtes, vous pouvez passer qd vous voulez 🙂\n",
            "[", hhmm(), "] ", P(p.first), " : mrc ! jpasse ", ch(["samedi", "dem", "ce soir"]), ". c possible d'avoir la facture pr la mutuelle ? mon mail ",
            email_of(p), "\n", "[", hhmm(), "] Moi : c'est envoyé. ", P(s.first), " (Aubépine Optique)"]


# =======================================================================================
# Handwritten forms and attendance sheets
# =======================================================================================
@gen("manuscript", 1.0)
def g_manuscript():
    p = person()
    return ["Fiche manuscrite recopiée (écriture difficile)\nNom : ", P(p.last.upper()), " [", ch(["ou ", "lecture incertaine, "]), P(ch(LAST).upper()), " ?]\n",
            "Prénom : ", P(p.first), "\nTél : ~~", phone("mob", 0), "~~ → ", phone("mob", ch([0, 5])), " (corrigé à la main)\n",
            "Adresse : ", addr(" "), " [code postal illisible, déduit de la ville]\n", "Date de naissance : ", dob(p, ch([6, 7, 0])), "\n",
            "Observations : ", ch(["[mot illisible] souhaite être rappelé le matin", "vient de la part de sa voisine", "ne veut pas de pub"])]


@gen("manuscript", 0.9)
def g_fiche_liaison():
    p, a = person(), person()
    return ["Fiche de liaison — retour de la visite à domicile\n• patient : ", nm(p, ch(["cfl", "cl"])), "\n• présent : ", nm(a, ch(["fl", "cfl"])), " (aidant)",
            "\n• n° aidant : ", phone(), "\n• lieu : ", ("LOCATION", ch(RESID) + ", chambre " + str(R.randint(1, 120)) + ", " + street() + ", " + town_line()),
            "\n• à faire : ", ch(["réglage appareil gauche", "livrer piles", "reprendre empreinte", "apporter bon de commande"]),
            "\n(fiche remplie par ", nm(staff(), "iL"), ")"]


@gen("attendees", 1.0)
def g_emargement():
    out = ["Feuille d'émargement — formation « ", ch(["gestes de premiers secours", "accueil des familles endeuillées", "RGPD en centre de santé", "éco-conduite"]),
           " » — ", adate(), "\n\nNom\tPrénom\tCentre\tSignature\n"]
    for _ in range(R.randint(3, 7)):
        p = staff()
        out += [P(p.last.upper()), "\t", P(p.first), "\t", ch(CENTRES), "\t", ch(["[signé]", "[signé]", "absent(e)", "[signé]"]), "\n"]
    out += ["Formateur : ", nm(staff(), ch(["fl", "iL"]))]
    return out


@gen("ag_minutes", 1.1)
def g_ag_minutes():
    pres = [staff() for _ in range(R.randint(2, 4))]
    exc = person()
    prox = person()
    out = ["Procès-verbal de l'assemblée de section des délégués mutualistes — ", ch(["section Anjou", "section Mayenne", "section Touraine", "section Vendée"]), "\n",
           "Réunion du ", adate(), " à ", hhmm(), ", salle Colette.\nPrésents : "]
    for i, x in enumerate(pres):
        out += [nm(x, ch(["fl", "cfl", "fL"])), ", " if i < len(pres) - 1 else ".\n"]
    out += ["Excusé(e) : ", nm(exc, ch(["cfl", "cl"])), ", pouvoir donné à ", nm(prox, ch(["cfl", "cl"])), ".\n",
            "Résolution 1 (comptes) : adoptée à l'unanimité.\nRésolution 2 (cotisations ", R.randint(2025, 2026), ") : adoptée, ", R.randint(1, 5), " abstentions.\n",
            "Questions diverses : ", nm(pres[0], "cl"), " signale qu'un adhérent, ", nm(person(), ch(["cfl", "cl"])),
            ", demande que son adresse (", addr(", "), ") ne soit plus communiquée aux partenaires.\nLa séance est levée à ", hhmm(), "."]
    return out


@gen("signature", 1.2)
def g_sigblocks():
    p = staff()
    return [ch(["Signature récupérée depuis le dernier mail de ", "Bloc signature copié (", "Coordonnées relevées dans la signature de "]), nm(p, "fl"), " :\n\n",
            sig(p, phones=R.randint(1, 2), url=chance(0.3))]


@gen("signature", 1.0)
def g_sig_external():
    p = person()
    k = R.randint(0, 2)
    if k == 0:
        return ["Dr ", nm(p, ch(["fl", "fL"])), "\nChirurgien-dentiste — exercice libéral\nSIRET ", siret(), "\n", addr("\n"), "\nTél. cabinet ", phone("fix"),
                " | secrétariat ", phone("fix"), "\n", email_of(p), "\nRPPS ", rd(11)]
    if k == 1:
        return [nm(p, "fL"), " · Opticien indépendant · ", phone("mob"), " · ", email_of(p), " · SIREN ", siren(), " · ", purl(p)]
    return ["—\n", nm(p, "fl"), "\nMaître de cérémonie indépendant·e\n", phone("mob"), "\n", ("URL", f"www.{slug(p.first)}{slug(p.last)}-ceremonies.fr"),
            "\nN° SIRET : ", siret()]


# =======================================================================================
# Contact cards
# =======================================================================================
@gen("contact_card", 0.9, "struct")
def g_mecard():
    p = person()
    return ["QR code scanné (carte de visite) :\nMECARD:N:", P(p.last), ",", P(p.first), ";TEL:", phone(style=ch([7, 9])), ";EMAIL:", email_of(p),
            ";ADR:", addr(" "), ";", (["BDAY:", ("DATE_TIME", "%d%02d%02d" % rand_date(1940, 2004)), ";"] if chance(0.5) else ""), ";"]


@gen("contact_card", 0.9, "struct")
def g_jcard():
    p = person()
    return ["[\"vcard\", [\n  [\"version\", {}, \"text\", \"4.0\"],\n  [\"fn\", {}, \"text\", \"", nm(p, "fl"), "\"],\n",
            "  [\"n\", {}, \"text\", [\"", P(p.last), "\", \"", P(p.first), "\", \"\", \"\", \"\"]],\n",
            "  [\"bday\", {}, \"date\", \"", dob(p, 10), "\"],\n  [\"tel\", {\"type\": \"cell\"}, \"uri\", \"tel:", phone("mob", 9), "\"],\n",
            "  [\"email\", {}, \"text\", \"", email_of(p), "\"]\n]]"]


@gen("contact_card", 0.8)
def g_outlook_contact():
    p = person()
    return ["Fiche contact (Outlook)\nNom complet :\t", nm(p, ch(["fl", "cfl"])), "\nSociété :\t", ch(["", "Imprimerie Jacquet", "Taxis Morvan", "Ambulances Guérin SAS"]),
            "\nTél. bureau :\t", phone("fix"), "\nTél. mobile :\t", phone("mob"), "\nAdresse (domicile) :\t", addr("\n"),
            "\nAnniversaire :\t", dob(p, ch([8, 11, 0])), "\nPage web :\t", purl(p), "\nCatégorie : Famille de défunt"]


# =======================================================================================
# Labels, foreign contacts, surveys
# =======================================================================================
@gen("label_print", 1.0)
def g_colissimo_label():
    p = person()
    dom = chance(0.25)
    return ["ÉTIQUETTE RETOUR SAV — Aubépine Audition\nDESTINATAIRE :\n", nm(p, ch(["cfL", "LL", "Lf"])), "\n", addr("\n", dom=dom), "\n",
            "Tél. : ", phone_dom() if dom else phone("mob"), "\nN° de suivi : 6A", rd(11), "\nPoids : ", f"{R.randint(1, 9)}00 g", "\nContenu : ",
            ch(["appareil auditif droit", "chargeur", "lunettes (réparation)", "écrin + étui"])]


@gen("label_print", 0.9)
def g_intl_label():
    cc = ch(["BE", "CH", "ES", "UK", "US", "DE", "IT", "PT", "CA", "MA", "LU"])
    p = person(cc=cc)
    return ["Envoi international (lunettes de remplacement) — ", ref("CMD"), "\nShip to:\n", nm(p, ch(["fl", "fL"])), "\n", foreign_addr(cc, "\n"), "\n",
            "Phone: ", phone_foreign(cc), "\nE-mail: ", email_of(p), "\nDéclaration douane : ", amount(), ", code SH 9004.10"]


@gen("expat_note", 1.0)
def g_franglais():
    cc = ch(["UK", "US", "DE", "BE", "CH", "ES", "IT", "PT", "CA"])
    p = person(cc=cc)
    s = staff()
    nat = {"UK": "British", "US": "American", "DE": "German", "BE": "Belgian", "CH": "Swiss", "ES": "Spanish", "IT": "Italian",
           "PT": "Portuguese", "CA": "Canadian"}[cc]
    return ["Note (", nm(s, "f"), ") : ", nm(p, ch(["cfl", "fl"])), ", ", nat,
            ", retired in ", ch(["Dordogne", "the Lot", "Brittany", "Provence"]), " — ", ch(["needs a new hearing aid", "asks about the funeral plan", "wants a dental check-up before flying home"]),
            ". Speaks little French, prefers e-mail in English: ", email_of(p), ". French address: ", addr(", "), ". Mobile (", cc, "): ", phone_foreign(cc, True),
            ". ", ch(["Son in Lyon as contact: ", "Daughter as contact: ", "Neighbour as backup: "]), nm(person(), "fl"), " ", phone(), "."]


@gen("expat_note", 0.9)
def g_frontalier():
    cc = ch(["CH", "LU", "BE", "DE"])
    p = person()
    return ["Adhérent frontalier : ", nm(p, ch(["cfl", "fL"])), " travaille à ", {"CH": "Genève", "LU": "Luxembourg", "BE": "Mons", "DE": "Sarrebruck"}[cc],
            ", habite ", addr(", "), ". Salaire versé sur ", iban({"CH": "CH", "LU": "LU", "BE": "BE", "DE": "DE"}[cc]),
            ", prélèvements mutuelle sur ", iban("FR"), ". Tél. pro ", phone_foreign(cc, False), ", perso ", phone("mob"), "."]


@gen("survey_free", 1.0, "struct")
def g_survey_export():
    out = ["id_reponse;centre;nps;q3_commentaire;q5_recontact\n"]
    n = 0
    for _ in range(R.randint(2, 4)):
        s = staff()
        c = ch([["\"Très bien accueillie par ", P(s.first), ", merci !\""], ["\"Le Dr ", P(s.last), " est très doux avec les enfants\""],
                ["\"Attente trop longue\""], ["\"", P(s.first), " de l'accueil a été top\""], ["\"Prix des montures excessifs\""]])
        rc = ch([["oui – ", phone("mob")], ["oui – ", email_of(person())], ["non"], [""]])
        out += [rd(6), ";", ch(CENTRES), ";", R.randint(0, 10), ";", c, ";", rc, "\n"]
    out += [rd(6), ";", ch(CENTRES), ";", R.randint(0, 10), ";\"Rien à dire\";oui – ", any_phone(), "\n"]
    return out


@gen("survey_free", 0.9)
def g_survey_verbatim():
    s, p = staff(), person()
    return ["Enquête satisfaction obsèques — retour n° ", rd(5), "\n", "Q1. Comment jugez-vous l'accompagnement ? ",
            ch(["Parfait.", "Humain et rassurant.", "Correct mais un peu cher."]), " ", nm(s, ch(["cfl", "f", "fl"])), " a été ", ch(["d'une grande écoute", "très disponible", "un peu pressé(e)"]),
            ".\nQ4. Souhaitez-vous être recontacté(e) ? Oui, par ", ch(["mon fils ", "ma fille ", ""]), nm(p, ch(["fl", "f"])), " au ", phone(), ".\nQ5. Autre : ",
            ch(["Merci pour la cérémonie.", "La salle Hortense était trop petite.", "RAS."])]


# =======================================================================================
# Claims (glasses, hearing aids, prostheses)
# =======================================================================================
@gen("claim_decl", 1.1)
def g_claim_glasses():
    p = person()
    return ["Déclaration de sinistre — garantie casse/vol lunettes\nAssuré(e) : ", nm(p, ch(["cfl", "Lf"])), " — contrat ", ref("CT"), "\n",
            "Circonstances : ", ch(["lunettes tombées sur le carrelage", "vol dans la voiture stationnée rue de la Gare", "écrasées par le chien", "perdues à la plage"]),
            " le ", adate(), ".\n", ch(["Véhicule concerné : ", "Plaque du véhicule fracturé : "]), plate(), "\nDépôt de plainte : ", ch(["oui, commissariat de Cholet", "non", "en cours"]),
            "\nRemboursement sur : ", iban(), "\nContact : ", email_of(p), " / ", phone()]


@gen("claim_decl", 0.9)
def g_claim_hearing():
    p, w = person(), person()
    return ["Sinistre appareil auditif — perte\n", nm(p, ch(["cl", "cfl"])), " a perdu son appareil gauche (n° série ", ch("ABCD"), rd(8), ") lors d'une promenade. ",
            "Témoin : ", nm(w, ch(["cfl", "fl"])), ", ", addr(", "), ", joignable au ", phone(), ". Franchise ", amount(), ". ",
            "Dossier suivi par ", nm(staff(), "fl"), "."]


@gen("claim_decl", 0.8)
def g_claim_prosthesis():
    p = person()
    return ["Réclamation garantie prothèse : bridge fracturé 8 mois après la pose. Patient : ", nm(p, ch(["fL", "cfl"])), " (né le ", dob(p), "). ",
            "Praticien : Dr ", nm(person(), ch(["l", "fl"])), ". Laboratoire de prothèse Vasseur SAS contacté, prise en charge accordée. ",
            "Le patient demande un rappel au ", phone(), " ou un mail à ", email_of(p), "."]


# =======================================================================================
# Payments
# =======================================================================================
@gen("payment", 1.0, "struct")
def g_epc_qr():
    p = person()
    return ["Contenu du QR code de paiement (EPC) imprimé sur la facture ", ref("FAC"), " :\nBCD\n002\n1\nSCT\n", ch(["AGRIFRPP", "CMCIFR2A", "SOGEFRPP"]), "\n",
            P(f"{p.first} {p.last}".upper()), "\n", ("IBAN_CODE", iban_raw("FR")), "\nEUR", f"{R.randint(20, 900)}.{R.randint(0, 99):02d}", "\n\n",
            "Remboursement trop-perçu ", ref("FAC"), "\n"]


@gen("payment", 1.0)
def g_vad():
    p, s = person(), staff()
    return ["Paiement à distance (VAD) saisi par ", nm(s, ch(["f", "fl"])), " le ", adate(), "\nTitulaire : ", nm(p, ch(["fL", "LL", "fl"])), "\n",
            "Carte : ", card(), "  exp ", f"{R.randint(1, 12):02d}/{R.randint(26, 31)}", "  (cryptogramme non conservé)\nMontant : ", amount(),
            " — acompte obsèques\nTicket envoyé à : ", email_of(p), "\n⚠ À supprimer du CRM après encaissement (PCI-DSS)."]


@gen("payment", 0.9)
def g_refund_mix():
    p = person()
    return ["Remboursement dépassement d'honoraires : ", nm(p, ch(["cl", "cfl"])), " — le virement vers ", iban(), " a été rejeté (compte clos). ",
            "Nouveau RIB reçu par courrier : ", iban(), ". BIC ", ch(["CCBPFRPPNAN", "AGRIFRPP847", "PSSTFRPPNTE"]), ". ",
            "Carte finissant par ", rd(4), " non utilisable pour un remboursement."]


# =======================================================================================
# Home visits, HTML, markdown
# =======================================================================================
@gen("home_visit", 1.0)
def g_ehpad_round():
    out = ["Tournée dentaire en EHPAD — ", adate(), " — Dr ", P(person().last), "\n"]
    for _ in range(R.randint(2, 4)):
        p = person()
        out += ["Ch. ", R.randint(1, 90), " — ", nm(p, ch(["cl", "cfl", "Lf"])), " (", "née en " if p.sex == "F" else "né en ", ("DATE_TIME", str(R.randint(1925, 1945))),
                ") : ", ch(["appareil à rebaser", "douleur 33", "contrôle OK", "refus de soins"]), ". Famille : ", nm(person(), ch(["fl", "cfl"])), " ", phone(), "\n"]
    out += ["Adresse de l'établissement : EHPAD Simone-Veil (pas de donnée patient)"]
    return out


@gen("home_visit", 0.9)
def g_home_optic():
    p = person()
    return ["Opticien à domicile : visite chez ", nm(p, ch(["cfl", "cl"])), ", ", addr(", "), ". Accès : ", ch(["2e étage sans ascenseur", "sonner chez la gardienne", "clé dans la boîte à clés, code " + rd(4)]),
            ". Sa nièce ", nm(person(sex="F"), "fl"), " sera présente (", phone("mob"), "). Ordonnance du Dr ", P(person().last), " à récupérer."]


@gen("html_mail", 0.9, "struct")
def g_html():
    p, s = person(), staff()
    e = email_of(p)
    return ["<p>Bonjour <b>", P(p.first), "</b>,</p>\n<p>Votre dossier ", ref("DOS"), " est complet. Pour toute question, écrivez à ",
            "<a href=\"mailto:", generic_email(), "\">notre service</a> ou appelez le <a href=\"tel:", phone(style=9), "\">standard</a>.</p>\n",
            "<p style=\"color:#888\">Message envoyé à ", e, " par ", nm(s, "fl"), "</p>"]


@gen("markdown_note", 1.0)
def g_markdown():
    p, a, b = person(), staff(), staff()
    return ["## Suivi ", nm(p, ch(["cl", "fl"])), "\n\n- [x] devis envoyé (", email_of(p), ")\n- [ ] rappeler au **", phone(), "**\n",
            "- [ ] @", P(a.first), " vérifier la PEC\n- [ ] adresse à corriger : `", addr(", "), "`\n\n> ", ch(["Urgent avant fin de mois", "Famille en deuil, ton adapté", "Patient malentendant : écrire plutôt qu'appeler"]),
            " — ", P(b.first)]


# =======================================================================================
# CSV / TSV / fixed width
# =======================================================================================
@gen("csv_export", 1.0, "struct")
def g_csv_multiline():
    out = ["\ufeff\"N° patient\";\"Nom\";\"Prénom\";\"Né(e) le\";\"Adresse\";\"Portable\"\n"]
    for _ in range(R.randint(2, 4)):
        p = person()
        out += ["\"", rd(6), "\";\"", P(p.last.upper()), "\";\"", P(p.first), "\";\"", dob(p, 0), "\";\"", addr("\n"), "\";\"", phone("mob", ch([0, 7, 5])), "\"\n"]
    return out


@gen("csv_export", 0.9, "struct")
def g_fixed_width():
    out = ["NUMADH  NOM                 PRENOM          NIR                    CP    \n"]
    for _ in range(R.randint(2, 5)):
        p = person()
        l, f = p.last.upper(), p.first.upper()
        n = nir_raw("2" if p.sex == "F" else "1")
        out += [rd(8), " ", P(l), " " * max(1, 20 - len(l)), P(f), " " * max(1, 16 - len(f)), ("FR_NIR", n), " " * 8, ch(TOWNS)[0], "\n"]
    return out


@gen("csv_export", 0.9, "struct")
def g_tsv_students():
    out = ["eleve\tdate_naissance\tportable\tparent_email\tforfait\n"]
    for _ in range(R.randint(2, 5)):
        p, m = person(), person()
        out += [nm(p, ch(["fl", "Lf"])), "\t", dob(p, 10, y0=2003, y1=2009), "\t", phone("mob", 7), "\t", email_of(m), "\t", ch(["20h", "30h", "AAC", "BEA"]), "\n"]
    return out


# =======================================================================================
# Misc CRM notes
# =======================================================================================
@gen("breach_report", 0.9)
def g_breach():
    a, b, s = person(), person(), staff()
    return ["Registre des violations — incident ", rd(4), "\nDate : ", adate(), "\nNature : ", ch(["e-mail envoyé au mauvais destinataire", "courrier mis sous la mauvaise enveloppe", "devis imprimé oublié en salle d'attente"]),
            "\nDonnées concernées : devis de ", nm(a, ch(["cfl", "fl"])), " (adresse ", addr(", "), ", NIR ", nir(a), ") reçu par ", nm(b, ch(["cfl", "fl"])), " (", email_of(b), ")",
            "\nMesures : demande de suppression confirmée par le destinataire. Notification CNIL : ", ch(["non requise", "faite sous 72 h"]), ".\nDéclarant : ", nm(s, "fl"), " (DPO)"]


@gen("phone_list", 0.8, "struct")
def g_annuaire():
    out = ["ANNUAIRE INTERNE — ", ch(CENTRES), "\n"]
    for _ in range(R.randint(3, 6)):
        p = staff()
        out += [nm(p, ch(["fL", "Lf"])), " ........ poste ", R.randint(200, 899), " / ", phone(ch(["fix", "mob"]), ch([0, 5])), "\n"]
    out += ["Astreinte obsèques ........ ", phone("mob"), "\nStandard ........ ", phone("fix"), "\n"]
    return out


@gen("referral", 0.8)
def g_parrainage():
    a, b = person(), person()
    return ["Parrainage validé : parrain ", nm(a, ch(["fl", "cfl"])), " (adhérent ", rd(8), ") → filleul(e) ", nm(b, ch(["fl", "cfl"])), ", ", email_of(b), ", ",
            phone(), ". Prime de ", ch(["30", "50"]), " € versée sur ", iban(), " le ", adate(), "."]


@gen("review", 1.0)
def g_google_review():
    p, s = person(), staff()
    author = [P(f"{p.first} {p.last[0]}"), "."] if chance(0.5) else nm(p, ch(["fl", "f"]))
    return ["Avis Google — ", ch(["★★★★★", "★★☆☆☆", "★★★★☆", "★☆☆☆☆"]), " — ", author, "\n« ",
            ch(["Accueil chaleureux, ", "Attente interminable, ", "Très professionnels, "]), nm(s, ch(["f", "cl"])), " ", ch(["nous a très bien conseillés.", "était débordée.", "a pris le temps d'expliquer."]),
            " »\nRéponse du propriétaire : Bonjour ", P(p.first), ", merci pour votre retour. ", ch(["N'hésitez pas à nous appeler au ", "Contactez notre service qualité au "]), phone("fix"), "."]


@gen("review", 0.8)
def g_review_doxxing():
    p, c = person(), person()
    return ["Signalement modération : un avis publié par ", nm(p, ch(["fl", "iL"])), " contient les coordonnées d'un tiers (", nm(c, "fl"), ", ", phone("mob"), ", ",
            addr(", "), "). Avis masqué le ", adate(), ", demande de retrait envoyée à la plateforme."]


@gen("chatbot", 1.0, "chat")
def g_chatbot():
    p = person()
    return ["Conversation assistant virtuel « Aubé »\nbot: Bonjour ! Que puis-je faire pour vous ?\nuser: changer mon adresse\n[intent=change_address conf=0.", R.randint(70, 99), "]\n",
            "bot: Quel est votre numéro d'adhérent ?\nuser: ", rd(8), "\nbot: Merci. Votre nom et date de naissance ?\nuser: ", nm(p, ch(["fl", "ll", "Lf"])), " ", dob(p, ch([0, 6, 7])),
            "\nbot: Quelle est votre nouvelle adresse ?\nuser: ", addr(" "), "\n", "bot: C'est noté. Un conseiller vous confirmera par SMS au ", phone("mob"), "."]


@gen("resiliation", 1.0)
def g_resiliation():
    p = person()
    pad = " " * R.randint(30, 44)
    return [pad, nm(p, ch(["cfl", "fL"])), "\n", pad, ("LOCATION", street() + "\n" + pad + town_line()), "\n\n", pad, "Mutuelle Aubépine\n", pad, "Service adhésions\n\n",
            "Lettre recommandée AR n° 1A ", rd(3), " ", rd(3), " ", rd(4), " ", rd(1), "\n\nObjet : résiliation infra-annuelle (loi du 14 juillet 2019)\n\n",
            "Madame, Monsieur, je vous informe de ma décision de résilier mon contrat n° ", rd(8), ". Mon numéro de sécurité sociale : ", nir(p), ".\n\n", nm(p, ch(["fl", "iL"]))]


@gen("partners", 0.8, "struct")
def g_partners():
    out = ["Partenaires funéraires — secteur ", ch(["Maine-et-Loire", "Mayenne", "Sarthe", "Vendée"]), "\n"]
    for comp in R.sample(["Marbrerie Delorme et Fils", "Taxis Morvan", "Fleurs Colombe", "Ambulances Guérin SAS", "Imprimerie Jacquet", "Menuiserie Ravel"], 3):
        g = person()
        out += ["• ", comp, " — gérant(e) : ", nm(g, ch(["fl", "cfl"])), " — ", phone(ch(["fix", "mob"])), " — SIRET ", siret(), "\n"]
    return out


@gen("avenant", 0.9)
def g_avenant():
    a, c = person(), person()
    return ["Avenant n° ", R.randint(2, 6), " — changement de situation de ", nm(a, ch(["cfl", "cl"])), "\nAncienne adresse : ", addr(", "), "\nNouvelle adresse : ", addr(", "),
            "\nAjout conjoint(e) : ", nm(c, "fl"), ", né(e) le ", dob(c), ", NIR ", nir(c), "\nEffet au ", adate(), "."]


@gen("weblog", 0.8, "struct")
def g_callback_url():
    p = person()
    e = email_of(p)[1]
    enc = e.replace("@", "%40")
    return [ipv4(False), " - - [", R.randint(1, 28), "/Oct/2025:", hhmm().replace("h", ":").replace(" ", ""), ":", f"{R.randint(0, 59):02d}", " +0200] \"GET /etre-rappele?nom=",
            P(slug(p.last, "-")), "&prenom=", P(slug(p.first, "-")), "&tel=", phone(style=7), "&email=", ("EMAIL_ADDRESS", enc), "&centre=", R.randint(1, 40), " HTTP/1.1\" 200 ", R.randint(300, 4000)]


# =======================================================================================
# Extra generators: partners, staffing, fraud, donations, VPN
# =======================================================================================
@gen("staffing", 1.0)
def g_instructor_recruit():
    p = person()
    return ["Candidature moniteur indépendant (auto-entrepreneur) — ", nm(p, ch(["fl", "fL", "cfl"])), "\nNé(e) le ", dob(p, y0=1965, y1=2001),
            "\nSIREN : ", siren(), "\nBEPECASER / titre pro ECSR obtenu en ", R.randint(2005, 2023), "\nProfil : ", purl(p), "\nTél. ", phone("mob"),
            " — ", email_of(p), "\nVéhicule personnel double commande : ", plate(), "\nAvis de ", nm(staff(), ch(["f", "iL"])), " : ", ch(["à recevoir", "bon feeling au téléphone", "dispo que le week-end"])]


@gen("partnership", 0.9)
def g_influencer():
    p = person()
    return ["Partenariat Aubépine Optique × créateur·rice de contenu\nContact : ", nm(p, ch(["fl", "f"])), " (", ("URL", f"https://www.instagram.com/{slug(p.first)}.{slug(p.last)}"),
            ([", ", ("URL", f"https://www.tiktok.com/@{slug(p.first)}{slug(p.last)}")] if chance(0.5) else ""), ")\n",
            "Micro-entreprise SIREN ", siren(), " — facture de ", amount(), " à régler sur ", iban(), "\nBrief : 3 stories + 1 reel sur la collection ",
            ch(["Aurore", "Iris", "Olive"]), ", livraison des montures à ", addr(", "), "\nMail : ", email_of(p)]


@gen("fraud_alert", 1.0, "struct")
def g_fraud():
    p = person()
    out = ["ALERTE FRAUDE — paiements en ligne espace adhérent\nCompte : ", email_of(p), " (", nm(p, "fl"), ")\n"]
    for _ in range(R.randint(2, 4)):
        out += [ts(), "  carte ", card(), "  ", ch(["REFUSÉ 3DS", "REFUSÉ", "ACCEPTÉ", "OPPOSITION"]), "  ip=", any_ip(True) if chance(0.5) else ipv6(), "\n"]
    out += ["Action : compte gelé, titulaire prévenu au ", phone("mob"), "."]
    return out


@gen("donation", 0.9)
def g_donations():
    d = person()
    out = ["Dons recueillis lors des obsèques de ", nm(d, ch(["cfl", "cl"])), " au profit de ", ch(["la Ligue contre le cancer", "France Alzheimer", "l'association des Paralysés de France"]), "\n"]
    for _ in range(R.randint(2, 4)):
        x = person()
        out += ["- ", nm(x, ch(["fl", "cfl", "Lf"])), " : ", amount(), ch([" (chèque)", " (espèces)", " (carte finissant par " + rd(4) + ")"]), ([" — reçu fiscal à ", email_of(x)] if chance(0.4) else ""), "\n"]
    out += ["Don en ligne refusé, carte saisie en clair par le donateur : ", card(), "\n"]
    return out


@gen("applog", 0.9, "struct")
def g_vpn():
    out = []
    for _ in range(R.randint(2, 4)):
        p = staff()
        out += [ts(), " vpn-gw01 session ", ch(["open", "close", "open"]), " user=\"", nm(p, "fl"), "\" src=", ipv4(False, True), " assigned=", ipv4(True), "\n"]
    return out


@gen("practitioners", 0.9, "struct")
def g_dentists():
    out = ["Praticiens conventionnés — réseau Aubépine Dentaire\nNom | RPPS | SIRET | Tél. cabinet | Prise de RDV\n"]
    for _ in range(R.randint(2, 4)):
        d = person()
        out += ["Dr ", nm(d, ch(["fl", "fL"])), " | ", rd(11), " | ", siret(), " | ", phone("fix"), " | ",
                ("URL", f"https://www.doctolib.fr/chirurgien-dentiste/{slug(ch(['angers', 'nantes', 'tours', 'laval', 'cholet']))}/{slug(d.first, '-')}-{slug(d.last, '-')}"), "\n"]
    return out


# =======================================================================================
# Negatives (no personal data; hard negatives on purpose)
# =======================================================================================
CCAM = ["HBLD036", "HBJD001", "HBGD035", "HBLD634", "HBMD058", "LBLD015", "HBQK002", "YYYY183"]


def ean13():
    b = "3" + rd(11)
    tot = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(b))
    return b + str((10 - tot % 10) % 10)


def tracking16():
    while True:
        d = rd(16)
        if not luhn_ok(d) and not d.startswith("0"):
            return d


@neg(1.2, "struct")
def n_ccam_grid():
    out = ["Grille tarifaire prothèses — centres Aubépine Dentaire (", ch(["2025", "1er janvier 2026"]), ")\nCode CCAM\tActe\tTarif\tBase SS\n"]
    for c in R.sample(CCAM, 4):
        out += [c, "\t", ch(["Couronne céramique", "Inlay-core", "Détartrage", "Bridge 3 éléments", "Extraction simple", "Radio panoramique"]), "\t", amount(), "\t", amount(), "\n"]
    return out


@neg(1.0, "struct")
def n_optic_stock():
    out = ["Stock montures — magasin de la ", ch(["rue Victor-Hugo", "rue Pasteur", "place Charles-de-Gaulle"]), "\nEAN;modèle;coloris;qté\n"]
    for _ in range(R.randint(3, 6)):
        out += [ean13(), ";", ch(["Aurore 52", "Iris 48", "Olive 50", "Capucine 49", "Victoire 54", "Colombe 51"]), ";",
                ch(["rose poudré", "vert olive", "écaille", "bleu marine", "ambre"]), ";", R.randint(0, 14), "\n"]
    return out


@neg(1.0)
def n_opening_hours():
    return ["Horaires du centre ", ch(["Aubépine Dentaire ", "Aubépine Optique "]), ch(CENTRES), " pendant les fêtes : ", ch(JOURS), " ", hhmm(), " – ", hhmm(),
            ", fermeture exceptionnelle le ", adate(), ". Le parking de l'", ch(["avenue Jean-Jaurès", "allée Simone-Veil", "rue Émile-Zola"]),
            " est en travaux, accès par le ", ch(["boulevard du Maréchal-Leclerc", "quai Jean-Bart"]), "."]


@neg(1.0)
def n_funeral_prices():
    return ["Devis type crémation (tarifs ", R.randint(2025, 2026), ") : cercueil pin ", amount(), ", soins de conservation ", amount(), ", salon ",
            ch(["Hortense", "Colette", "Camille-Claudel"]), " ", amount(), " / jour, urne ", ch(["Aurore", "Sérénité", "Rose des sables"]), " ", amount(),
            ". Prestataires : Marbrerie Delorme et Fils, Fleurs Colombe, Pompes Funèbres Générales du Maine. TVA 20 % incluse."]


@neg(0.9, "struct")
def n_exam_stats():
    out = ["Taux de réussite permis B — ", ch(["T1", "T2", "T3", "S1"]), " ", R.randint(2024, 2025), "\n"]
    for c in R.sample(CENTRES, 4):
        out += [c, " : ", R.randint(45, 88), " % (", R.randint(20, 140), " candidats, ", R.randint(5, 30), " h de conduite en moyenne)\n"]
    out += ["Moyenne nationale : 59 %. Objectif : dépasser 70 % au lycée Jean-Moulin (partenariat BSR)."]
    return out


@neg(1.0, "struct")
def n_deploy_log():
    out = []
    for _ in range(R.randint(3, 5)):
        a, b, c, d = R.randint(1, 9), R.randint(0, 30), R.randint(0, 99), R.randint(100, 9999)
        out += [ts(), " deploy crm-aubepine ", ch(["version ", "build ", "release "]), f"{a}.{b}.{c}.{d}", " ", ch(["OK", "rollback", "OK (12 migrations)", "WARN slow query"]), "\n"]
    out += ["firmware ", f"{R.randint(1, 4)}.{R.randint(0, 9)}.{R.randint(0, 20)}.{R.randint(0, 300)}", " installé sur les bornes d'accueil."]
    return out


@neg(1.0)
def n_meeting():
    return ["Réunion des responsables de centre ", ch(JOURS), " ", adate(), " à ", hhmm(), ", ", ch(["salle Colette", "salle Hortense", "salle Camille-Claudel"]),
            ". Ordre du jour : ", ch(["bilan 100 % Santé", "nouveau logiciel de planning", "campagne de prévention bucco-dentaire", "tarifs obsèques 2026"]),
            ", point RH, questions diverses. Visio pour les centres de ", ch(["Pointe-à-Pitre", "Saint-Denis (La Réunion)", "Vannes"]), "."]


@neg(1.0)
def n_order_followup():
    return ["Commande fournisseur ", ref("CMD"), " (verres ", ch(["Essilor", "Hoya", "Zeiss"]), ") : ", R.randint(2, 40), " paires, livraison prévue le ", adate(),
            " entre ", hhmm(), " et ", hhmm(), ". Colis n° ", tracking16(), ". Facture ", ref("FAC"), " de ", amount(), ". Quai ", R.randint(1, 6), "."]


@neg(0.9, "struct")
def n_sms_template():
    return ["Modèle SMS « rappel RDV » :\nBonjour {{civilite}} {{nom}}, RDV le {{date}} à {{heure}} au centre {{centre}}. Pour annuler : {{tel_centre}}.\n",
            "Variables obligatoires : civilite, nom, date, heure. Longueur max 160 caractères. Envoi J-2 à ", hhmm(), "."]


@neg(0.9)
def n_newsletter():
    return [ch(["Le saviez-vous ?", "Actu Aubépine :", "Prévention :"]), " ", ch(["avec le 100 % Santé, certaines lunettes sont remboursées intégralement.",
            "un contrôle dentaire par an réduit de moitié le risque de soins lourds.", "la conduite accompagnée est possible dès 15 ans.",
            "nos salons funéraires Colette et Hortense sont accessibles aux personnes à mobilité réduite."]), " ",
            ch(["Rendez-vous au printemps pour la journée portes ouvertes.", "Une rose sera offerte à chaque visiteur.", "Merci à l'équipe de Saint-Nazaire !"])]


@neg(0.9, "struct")
def n_kpi():
    return ["KPI ", ch(["hebdo", "mensuel"]), " — appels entrants : ", R.randint(300, 4000), " ; taux de décroché : ", R.randint(70, 98), " % ; DMT : ",
            R.randint(2, 9), " min ", R.randint(0, 59), " s ; devis signés : ", R.randint(10, 300), " ; CA : ", amount(), " ; NPS : ", R.randint(-10, 70),
            "\nPic d'appels le ", ch(JOURS), " entre ", hhmm(), " et ", hhmm(), "."]


@neg(0.9)
def n_procedure():
    return ["Procédure — décès d'un adhérent : 1) vérifier le contrat dans l'outil, 2) ne jamais communiquer le capital par téléphone, 3) envoyer le formulaire ",
            ref("CT").split("-")[0], "-", R.randint(10, 99), " à la famille, 4) clôturer sous ", R.randint(5, 30), " jours. Contact interne : service succession (poste ",
            R.randint(200, 899), ")."]


@neg(0.9)
def n_company_traps():
    a, b = R.sample(TRAP_COMPANIES, 2)
    return ["Fournisseurs à relancer : ", a, " (facture ", ref("FAC"), ", ", amount(), ") et ", b, " (avoir ", amount(), "). Le contrat cadre avec ",
            ch(TRAP_COMPANIES), " expire le ", adate(2026), ". Réunion fournisseurs au ", ch(["Hôtel Saint-Louis", "centre Georges-Pompidou", "Brasserie Le Marcel"]), "."]


@neg(0.8, "struct")
def n_json_config():
    return ["{\n  \"sms_sender\": \"AUBEPINE\",\n  \"retry\": ", R.randint(1, 5), ",\n  \"api_version\": \"", R.randint(1, 4), ".", R.randint(0, 9), "\",\n",
            "  \"timeout_ms\": ", R.randint(1000, 30000), ",\n  \"centres\": [\"", ch(CENTRES), "\", \"", ch(CENTRES), "\"],\n  \"opening\": \"", hhmm(), "\"\n}"]


@neg(0.9)
def n_vehicle_maintenance():
    return ["Entretien parc auto-école : véhicule VH-", rd(3), " (Clio V) révision à ", R.randint(15, 90), " 000 km, véhicule VH-", rd(3),
            " pneus hiver. Garage Lemoine Automobiles, devis ", ref("DEV"), " : ", amount(), ". Rendez-vous le ", adate(), " à ", hhmm(), "."]


@neg(0.9)
def n_one_liners():
    return [ch(["Rappeler le fournisseur de piles auditives avant ", "Inventaire du magasin le ", "Audit qualité prévu le ", "Fermeture du centre le "]),
            adate(), ch([" — ", ". ", " ; "]), ch(["RAS.", "voir le tableau partagé.", "priorité haute.", "ok pour la direction.", "clément avec les délais cette fois."])]


@neg(0.8)
def n_dates_not_dob():
    return ["Contrat ", ref("CT"), " signé le ", adate(), ", effet au ", adate(), ", échéance annuelle le ", adate(), ". Dernière cotisation : ", amount(),
            ". Prochaine révision tarifaire au 1er janvier. Numéro de dossier interne ", rd(14), " (ne pas confondre avec un SIRET)."]


# =======================================================================================
# Main
# =======================================================================================
def allocate(gens, total):
    tw = sum(w for _, _, w, _ in gens)
    raw = [total * w / tw for _, _, w, _ in gens]
    cnt = [int(x) for x in raw]
    rest = total - sum(cnt)
    order = sorted(range(len(gens)), key=lambda i: (-(raw[i] - cnt[i]), i))
    for i in order[:rest]:
        cnt[i] += 1
    return cnt


def build():
    init_staff()
    records, seen, errors = [], set(), []
    tf_count = {"caps": 0, "lower": 0, "acc": 0, "typo": 0}
    plan = list(zip(GENS, allocate(GENS, N_TOTAL - N_NEG))) + list(zip(NEGS, allocate(NEGS, N_NEG)))
    for (kind, f, w, style), n in plan:
        made = 0
        tries = 0
        while made < n:
            tries += 1
            if tries > n * 20:
                raise SystemExit(f"cannot make enough distinct texts with {f.__name__}")
            segs = f()
            tf = pick_tf(style)
            text, spans, vals = render(segs, tf)
            if text in seen:
                continue
            rec = {"id": None, "kind": kind, "text": text, "spans": spans}
            errs = check_record(rec, vals)
            if errs:
                errors.append((f.__name__, errs, text))
                continue
            for k in tf_count:
                if tf.get(k):
                    tf_count[k] += 1
            rec["gen"] = f.__name__
            seen.add(text)
            records.append(rec)
            made += 1
    return records, errors, tf_count


def table(records):
    kinds = {}
    types = {t: 0 for t in TYPES}
    for r in records:
        k = kinds.setdefault(r["kind"], [0, 0])
        k[0] += 1
        k[1] += len(r["spans"])
        for t, s, e in r["spans"]:
            types[t] += 1
    return kinds, types


def details(records):
    d = {}

    def inc(k, n=1):
        d[k] = d.get(k, 0) + n
    for r in records:
        for t, s, e in r["spans"]:
            v = r["text"][s:e]
            if t == "PERSON":
                if " " not in v:
                    inc("person_single")
                if v == v.lower():
                    inc("person_lower")
                elif v == v.upper():
                    inc("person_upper")
                if re.search(r"\b\w\.", v):
                    inc("person_initials")
            if t == "PHONE_NUMBER":
                dg = re.sub(r"\D", "", v)
                if re.fullmatch(r"[a-zéèêûç\- ]+", v.lower()):
                    inc("phone_words")
                elif re.match(r"^(\+(590|596|594|262)|0(590|690|596|696|594|694|262|692|693|269|639))", v.replace(" ", "").replace(".", "")):
                    inc("phone_overseas")
                elif v.startswith("+") and not v.startswith("+33") or v.startswith("00") and not v.startswith("0033") or not dg.startswith("0") and not v.startswith("+33") or len(dg) != 10 and not v.startswith("+33") and not v.startswith("0033"):
                    inc("phone_foreign")
            if t == "IP_ADDRESS":
                inc("ipv6" if v.count(":") > 1 else ("ipv4_port" if ":" in v else "ipv4"))
            if t == "IBAN_CODE":
                inc("iban_" + re.sub(r"\W", "", v)[:2].upper())
            if t == "FR_LICENSE_PLATE":
                inc("plate_siv" if re.match(r"^[A-Za-z]{2}", v) else "plate_fni")
            if t == "LOCATION" and "\n" in v:
                inc("location_multiline")
            if t == "CREDIT_CARD":
                inc("card_amex" if len(re.sub(r"\D", "", v)) == 15 else ("card_visa" if re.sub(r"\D", "", v)[0] == "4" else "card_mc"))
            if t == "EMAIL_ADDRESS":
                if " arobase " in v:
                    inc("email_dictated")
                if "aubepine" in v:
                    inc("email_staff")
                if "%40" in v:
                    inc("email_urlencoded")
            if t == "FR_NIR":
                c = re.sub(r"[\s.\-]", "", v).upper()
                if c[5:7] in ("2A", "2B"):
                    inc("nir_corsica")
                elif c[5:7] == "97":
                    inc("nir_overseas")
                elif c[5:7] == "99":
                    inc("nir_abroad")
            if t == "DATE_TIME" and re.fullmatch(r"\d{4}", v):
                inc("dob_year_only")
    return d


def main():
    records, errors, tf_count = build()
    if errors:
        seen_g = {}
        for g, e, t in errors:
            seen_g.setdefault(g, []).append((e, t))
        for g in sorted(seen_g):
            e, t = seen_g[g][0]
            print(f"[{g}] {len(seen_g[g])} rejected, e.g. {e[:3]}\n   {t[:300]!r}")
        print(f"{len(errors)} generated texts rejected by the checks (regenerated)")
    R.shuffle(records)
    for i, r in enumerate(records):
        r["id"] = f"g-{i + 1:04d}"
    out = [json.dumps({"id": r["id"], "kind": r["kind"], "text": r["text"], "spans": r["spans"]}, ensure_ascii=False) for r in records]
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")
    # re-read and check again
    back = [json.loads(l) for l in open(OUT, encoding="utf-8")]
    assert len(back) == N_TOTAL, len(back)
    ids = [r["id"] for r in back]
    assert len(set(ids)) == N_TOTAL and ids == [f"g-{i:04d}" for i in range(1, N_TOTAL + 1)]
    assert len(set(r["text"] for r in back)) == N_TOTAL
    bad = 0
    for r in back:
        e = check_record(r)
        if e:
            bad += 1
            print(r["id"], e)
    assert bad == 0, bad
    assert sum(1 for r in back if not r["spans"]) == N_NEG
    kinds, types = table(back)
    gens_by_kind = {}
    for r in records:
        gens_by_kind.setdefault(r["kind"], set()).add(r["gen"])
    print(f"\n{len(back)} texts, {sum(len(r['spans']) for r in back)} spans, {len(GENS)} positive generators + {len(NEGS)} negative generators")
    print("\n| kind | generators | texts | spans |\n|---|---:|---:|---:|")
    for k in sorted(kinds, key=lambda k: (k == "negative", k)):
        print(f"| {k} | {len(gens_by_kind[k])} | {kinds[k][0]} | {kinds[k][1]} |")
    print(f"| **total** | {len(GENS) + len(NEGS)} | **{len(back)}** | **{sum(v[1] for v in kinds.values())}** |")
    print("\n| type | spans |\n|---|---:|")
    for t in TYPES:
        print(f"| {t} | {types[t]} |")
    print(f"| **total** | **{sum(types.values())}** |")
    print("\ntransformations:", tf_count)
    print("details:", json.dumps(details(back), sort_keys=True))
    nl = [r["text"].count("\n") + 1 for r in back]
    print("lines: 1-3 %d, 4-8 %d, 9-15 %d, 16+ %d; mean length %.0f chars" % (
        sum(1 for x in nl if x <= 3), sum(1 for x in nl if 4 <= x <= 8), sum(1 for x in nl if 9 <= x <= 15), sum(1 for x in nl if x >= 16),
        sum(len(r["text"]) for r in back) / len(back)))


if __name__ == "__main__":
    main()
