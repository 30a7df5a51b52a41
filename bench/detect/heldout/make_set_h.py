#!/usr/bin/env python3
"""Held-out set H: 2,000 synthetic French CRM texts with gold personal-data spans.

Fictitious CRM owner: the Felicanis group (veterinary clinics in the west of France,
a rural / farm veterinary branch, a pet-insurance company and a pet-supply web shop).

Standard library only, fixed seed, deterministic byte for byte whatever PYTHONHASHSEED is.
Usage (from the project root):  python3 bench/detect/heldout/make_set_h.py
"""
import ipaddress
import json
import os
import re
import sys
import unicodedata
import random
from collections import Counter, defaultdict

SEED = 20251104
N_TOTAL = 2000
N_NEG = 240
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "set_h.jsonl")
R = random.Random(SEED)

TYPES = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "FR_NIR",
         "IP_ADDRESS", "LOCATION", "DATE_TIME", "URL", "FR_LICENSE_PLATE", "FR_SIREN", "FR_SIRET"]


def ch(seq):
    return seq[R.randrange(len(seq))]


def rint(a, b):
    return R.randint(a, b)


def maybe(p):
    return R.random() < p


def wch(pairs):
    tot = sum(w for _, w in pairs)
    x = R.random() * tot
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def strip_acc(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _v(t):
    return lambda x: (t, x)


PER = _v("PERSON"); EM = _v("EMAIL_ADDRESS"); PH = _v("PHONE_NUMBER"); IB = _v("IBAN_CODE")
CC = _v("CREDIT_CARD"); NI = _v("FR_NIR"); IPA = _v("IP_ADDRESS"); LO = _v("LOCATION")
DT = _v("DATE_TIME"); URL = _v("URL"); PL = _v("FR_LICENSE_PLATE"); SN = _v("FR_SIREN")
ST = _v("FR_SIRET"); T = _v("TRAP")

# ----------------------------------------------------------------------------------------
# Vocabulary written for this set
# ----------------------------------------------------------------------------------------
FEM = """Claire Sophie Camille Manon Léa Chloé Inès Sarah Julie Émilie Aurélie Nathalie Isabelle
Sandrine Valérie Stéphanie Céline Virginie Delphine Karine Christelle Laetitia Élodie Mélanie Audrey
Pauline Marion Charlotte Margaux Anaïs Océane Justine Maëlle Louane Zoé Lina Mila Nina Agathe
Apolline Bérénice Solène Gwenaëlle Nolwenn Enora Rozenn Maïwenn Aziliz Anne-Sophie Marie-Christine
Marie-Laure Anne-Claire Marie-Hélène Lou-Anne Jeanne Simone Yvette Monique Josiane Danielle Chantal
Martine Brigitte Colette Paulette Thérèse Bernadette Françoise Geneviève Mireille Ghislaine
Maryvonne Annick Gaëlle Laurence Fatima Khadija Naïma Yasmine Samira Leïla Nour Amel Kenza Salomé
Aïcha Fatoumata Aminata Awa Mariama Ndeye Rokia Linh Mei Ying Ana Maria Joana Fernanda Agnieszka
Katarzyna Oksana Olena Elif Zeynep Ayşe Anahit Lusine Giulia Chiara Carmen Lucía Pilar Nadia
Svetlana Ludivine Séverine Morgane Tiphaine Gwendoline Ophélie Bérangère Ségolène Albane Blandine
Domitille Eugénie Sixtine Marie-Ange Kimberley Jessica Cindy Vanessa Priscilla Maeva Vaimiti Hinano
Tehani Murielle Corinne Sylvie Evelyne Liliane Ainhoa Amaia Maddi Odile Magali Estelle Noémie
Héloïse Axelle Clothilde Flavie Ilona Maylis""".split()
MAS = """Julien Nicolas Thomas Maxime Antoine Romain Alexandre Guillaume Sébastien Stéphane Christophe
Frédéric Laurent Philippe Patrick Thierry Pascal Didier Gérard Bernard Alain Jacques Michel Daniel
Jean-Pierre Jean-Luc Jean-François Pierre-Yves Paul-Antoine Marc-Olivier Hugo Lucas Nathan Enzo
Théo Mathis Noah Liam Tom Arthur Raphaël Louis Gabriel Timothée Baptiste Quentin Kévin Jérémy
Anthony Dylan Loïc Yannick Gwenaël Erwan Tanguy Ronan Yann Malo Corentin Killian Youenn Iñaki Ander
Beñat Txomin Manech Jean-Marie Joseph Mathieu Benoît Grégoire Aymeric Foucauld Tristan Hubert
Amaury Charles-Henri Mohamed Karim Rachid Mehdi Yassine Samir Bilal Sofiane Nassim Ibrahima Mamadou
Moussa Ousmane Seydou Abdoulaye Cheikh Minh Duc Wei Jun João Rui Tiago Piotr Tomasz Mykola Andriy
Mehmet Emre Arman Davit Giovanni Matteo Javier Pablo Teiva Manaarii Jean-Claude Gilles Régis Hervé
Lionel Fabrice Cédric Arnaud Damien Florian Jonathan Mickaël Steven Brandon Jordan Lenny Eddy Sacha
Yvon Ghjuvan Paoli Jean-Hugues Ludovic Bastien Valentin Adrien Thibault Gaëtan""".split()
# first names that are ordinary French words
FEM_WORD = "Rose Blanche Ambre Capucine Colombe Céleste Aurore Perle Jade Marine Victoire Reine Fleur Iris Prune Clémentine Mai Claire Madeleine".split()
MAS_WORD = "Clément Constant Martial Honoré Ange Noël Loup Marin Olivier Colin".split()
LAST = """Martin Bernard Dubois Durand Lefebvre Moreau Laurent Simon Michel Leroy Garnier Faure Girard
André Mercier Dupont Lambert Fournier Morel Rousseau Vincent Muller Lefèvre Dumas Gauthier Perrin
Robin Tanguy Quéméner Jézéquel Kerjean Gourvennec Madec Prigent
Riou Schmitt Schneider Meyer Weber Fischer Kieffer Heitz Wurtz Grunenwald Vandenbussche Deroo
Declercq Dewaele Vermeersch Iribarne Etcheverry Harispe Oyharçabal Arrieta Santoni Peretti Filippi
Casanova Luciani Fabre Bonnefoy Castagné Couderc Escudié Soulié Vidal Pujol Dunand Perrillat Chabrier
Vialle Thiriet Mangin Hébert Lemonnier Quesnel Payet Grondin Ramassamy Moutoussamy Sinimalé Calixte
Ursulet Jean-Louis Teriitehau Tetuanui Lautric Legendre Guérin Barbier Caron Huet Marchal Renaud
Baron Collet Gillet Langlois Royer Poirier Charpentier Deschamps Guillot Lacroix Maillard Rolland
Tessier Hamon Jacob Giraud Besnard Lebreton Cordier Pasquier Bouvet Picard Guillou Cadiou
Salaün Thépaut Morvan Nédélec Coatanéa Abgrall Ollivier Guéguen Gicquel Ménard Chauvin
Brossard Raimbault Tessereau Gaborit Rabiller Sauzeau Bodin Audouin""".split() + ["Le Goff", "Le Gall", "Le Bris", "Le Floc'h", "Le Corre", "Le Meur"]
LAST_WORD = """Renard Loup Poulain Lechat Berger Boucher Boulanger Meunier Marchand Chevalier Fontaine
Rivière Bonnet Petit Blanc Brun Roux Vacher Merle Pinson Faucon Caille Chevreuil Moineau Bouvier
Doux Lamour Bonjour Mardi Janvier Noël Colin Côté""".split()
LAST_ORIG = """Benali Haddad Mansouri Bouzid Cherif Belkacem Amrani Ouali Saïdi Boukhari Diallo Traoré
Konaté Camara Ndiaye Cissé Diop Keita Kouassi Ferreira Pereira Rodrigues Carvalho Teixeira Garcia
Martinez Lopez Sanchez Fernandez Rossi Bianchi Ricci Esposito Kowalski Nowak Wójcik Nguyen Tran
Pham Hoang Wang Zhang Chen Liu Huang Demir Kaya Çelik Aydın Petrossian Manoukian Sarkissian
Shevchenko Kovalenko""".split() + ["El Amrani", "Ben Youssef", "Aït Ahmed", "Da Costa", "Dos Santos"]
LAST_SHORT = "Ba Sy Ly Vo Ng Wu Ha Yu Oz".split()
LAST_PART = ["de Villeneuve", "du Plessis-Marly", "d'Harcourt", "de Kergariou", "des Roches", "de La Fontaine",
             "Van Hoorebeke", "de Oliveira", "della Valle", "O'Connor", "de Saint-Phalle", "du Halgouët",
             "de Boisgelin", "d'Orgeval", "Le Quellec de Kerhervé"]
LAST_COMP = ["Lemoine-Diallo", "Garnier-Nguyen", "Bertrand-Lacoste", "Roche-Mazet", "Dupuis-Tessier",
             "Morin-Benali", "Le Gall-Kerjean", "Simon-Ferreira", "Perrot-Ndiaye", "Chaumont-Lévy"]
CIV_F = ["Mme", "Mme", "Mme", "Madame", "Mme.", "MME", "Mlle", "Mad."]
CIV_M = ["M.", "M.", "M.", "Monsieur", "Mr", "Mr.", "M", "MR"]

FOREIGN = {
    "BE": dict(f="Jelle Lotte Wout Annelies Brecht Griet Arnaud Sarah".split(),
               l="Peeters Janssens Maes Claes Willems Goossens Wouters Vermeulen".split(),
               dom=["telenet.be", "skynet.be", "proximus.be"]),
    "CH": dict(f="Reto Ursula Beat Corinne Lorenz Nadine".split(),
               l="Brunner Gerber Rochat Chappuis Zbinden Aebischer".split(), dom=["bluewin.ch", "gmx.ch"]),
    "UK": dict(f="Oliver Emily Harry Charlotte George Amelia".split(),
               l="Smith Jones Taylor Davies Evans Wright Thompson Hughes".split(),
               dom=["btinternet.com", "gmail.com", "yahoo.co.uk"]),
    "US": dict(f="Ashley Tyler Megan Ryan Kayla".split(),
               l="Johnson Williams Miller Anderson Brooks Carter".split(), dom=["gmail.com", "comcast.net"]),
    "DE": dict(f="Jürgen Anke Lukas Hannah Sven Katrin".split(),
               l="Schulz Hoffmann Becker Wagner Zimmermann Krüger".split(), dom=["gmx.de", "web.de", "t-online.de"]),
    "IT": dict(f="Lorenzo Francesca Alessandro Giulia Matteo".split(),
               l="Romano Colombo Ferrari Greco Bruno".split(), dom=["libero.it", "gmail.com"]),
    "ES": dict(f="Lucía Alejandro Marta Javier Nerea".split(),
               l="Gómez Ruiz Navarro Iglesias Moreno".split(), dom=["telefonica.net", "gmail.com"]),
    "PT": dict(f="João Beatriz Rui Inês".split(), l="Silva Santos Oliveira Sousa".split(), dom=["sapo.pt"]),
    "CA": dict(f="Jean-Sébastien Marie-Ève Étienne Mélissa".split(),
               l="Tremblay Gagnon Bouchard Pelletier Lévesque".split(), dom=["videotron.ca", "sympatico.ca"]),
    "NL": dict(f="Daan Sanne Joris Femke".split(), l=["de Vries", "van Dijk", "Bakker", "Visser", "Smit"],
               dom=["ziggo.nl", "kpnmail.nl"]),
}
# pets, breeds, products, trap companies: never labelled (TRAP segments)
PETS = """Pistache Caramel Filou Nala Simba Moka Praline Tigrou Biscotte Noisette Chipie Vanille Réglisse
Pompon Figaro Kiwi Ouzo Snoopy Rocky Tyson Sultan Pixel Cookie Oréo Choupette Mistigri Grisou Plume
Câline Rantanplan Gribouille Bounty Twix Naya Sushi Maki Tequila Voyou Cannelle Gaston Oscar Léon Jules
Ginette Marcel Raymond Berthe Germaine Lucien Gustave Albert Suzette Georgette Roger""".split()
DOG_BREEDS = ["labrador", "golden retriever", "berger australien", "berger allemand", "bouledogue français",
              "border collie", "jack russell", "cavalier King Charles", "shih tzu", "bichon maltais",
              "staffie", "teckel", "épagneul breton", "setter anglais", "bouvier bernois", "chihuahua",
              "beagle", "caniche", "spitz nain", "cocker", "Saint-Bernard", "berger des Shetland"]
CAT_BREEDS = ["européen", "maine coon", "sacré de Birmanie", "persan", "chartreux", "bengal",
              "british shorthair", "ragdoll", "sphynx", "siamois"]
NAC = ["lapin nain", "cochon d'Inde", "furet", "perruche", "tortue d'Hermann", "chinchilla", "octodon"]
PRODUCTS = ["Pâtée Gaston Gourmet", "Croquettes Victor Senior 12 kg", "harnais Lucie Sport T3",
            "shampoing Docteur Pelage", "collier Séraphin anti-tiques", "litière Suzanne Nature 10 L",
            "friandises Les Biscuits d'Amélie", "fontaine à eau Marius 2L", "griffoir Hector XL",
            "panier Margot 60 cm", "croquettes Chevalier Sterilised 4 kg", "pâtée Maître Renard au colin"]
TRAP_COS = ["Laboratoire Bertin-Vallet SAS", "Crématorium animalier Les Jardins d'Hortense",
            "Transports Guillou Frères", "Croquettes Maison Marcel", "Sellerie Lucas & Fils",
            "Clinique vétérinaire Claude-Bourgelat", "Pharmacie Sainte-Thérèse", "GAEC Le Bihan",
            "EARL Kerhervé", "Garage Perrin Automobiles", "Agence Marceau Assurances",
            "Toilettage Chez Paulette", "Pension canine Le Domaine de Jules", "Cabinet Morel & Associés",
            "Imprimerie Lemaire", "Ambulance animalière Saint-Roch", "Élevage du Moulin de Rosalie",
            "Aliments Guéguen Nutrition", "Selles Bernard Bonnefoy"]
TRAP_STREETS = ["rue Ambroise-Paré", "boulevard Louis-Pasteur", "avenue Simone-Veil", "place Jean-Moulin",
                "allée Marie-Curie", "quai Jules-Verne", "rue Claude-Bernard", "avenue du Général-de-Gaulle",
                "rue Camille-Desmoulins", "impasse Sarah-Bernhardt", "boulevard Gabriel-Guist'hau"]
CLINICS = ["Nantes Erdre", "Rezé", "Rennes Cleunay", "Angers Lac de Maine", "Vannes", "Lorient",
           "Saint-Nazaire", "Laval", "Le Mans Sud", "Cholet", "La Roche-sur-Yon", "Niort", "Brest Europe"]
TOWNS = [("44000", "Nantes"), ("35000", "Rennes"), ("49100", "Angers"), ("37000", "Tours"),
         ("69003", "Lyon"), ("38000", "Grenoble"), ("31500", "Toulouse"), ("33800", "Bordeaux"),
         ("59000", "Lille"), ("67000", "Strasbourg"), ("21000", "Dijon"), ("34000", "Montpellier"),
         ("13008", "Marseille"), ("06300", "Nice"), ("64100", "Bayonne"), ("20000", "Ajaccio"),
         ("20200", "Bastia"), ("29200", "Brest"), ("56100", "Lorient"), ("22000", "Saint-Brieuc"),
         ("14000", "Caen"), ("76000", "Rouen"), ("80000", "Amiens"), ("51100", "Reims"), ("57000", "Metz"),
         ("25000", "Besançon"), ("63000", "Clermont-Ferrand"), ("87000", "Limoges"), ("86000", "Poitiers"),
         ("17000", "La Rochelle"), ("85000", "La Roche-sur-Yon"), ("53000", "Laval"), ("72000", "Le Mans"),
         ("45000", "Orléans"), ("03100", "Montluçon"), ("15000", "Aurillac"), ("12000", "Rodez"),
         ("65000", "Tarbes"), ("66000", "Perpignan"), ("84000", "Avignon"), ("73000", "Chambéry"),
         ("74000", "Annecy"), ("68100", "Mulhouse"), ("88000", "Épinal"), ("62100", "Calais"),
         ("50100", "Cherbourg-en-Cotentin"), ("44600", "Saint-Nazaire"), ("85300", "Challans"),
         ("79000", "Niort"), ("24000", "Périgueux"), ("40100", "Dax"), ("48000", "Mende"), ("05000", "Gap"),
         ("93100", "Montreuil"), ("94000", "Créteil"), ("75011", "Paris"), ("75018", "Paris"),
         ("78000", "Versailles"), ("56000", "Vannes"), ("49300", "Cholet"), ("44400", "Rezé"),
         ("53200", "Château-Gontier-sur-Mayenne"), ("35400", "Saint-Malo"), ("29270", "Carhaix-Plouguer"),
         ("49400", "Saumur"), ("85100", "Les Sables-d'Olonne")]
RURAL = [("53240", "Andouillé"), ("35220", "Châteaubourg"), ("44850", "Ligné"), ("85250", "Chavagnes-en-Paillers"),
         ("49360", "Maulévrier"), ("29400", "Landivisiau"), ("56500", "Moréac"), ("72340", "La Chartre-sur-le-Loir"),
         ("79140", "Cerizay"), ("22210", "Plémet")]
STREET_T = ["rue", "rue", "rue", "avenue", "boulevard", "impasse", "allée", "chemin", "place", "route", "square", "cours"]
STREET_N = ["des Lilas", "du Moulin", "de la Gare", "Victor-Hugo", "Jean-Jaurès", "des Tanneurs",
            "du Général-Leclerc", "de la Paix", "Pasteur", "des Acacias", "du Stade", "de Verdun",
            "Saint-Exupéry", "des Écoles", "de Bretagne", "du Château-d'Eau", "des Glycines", "de la Liberté",
            "Gambetta", "du Bourg", "de Kerlann", "des Vignes", "Mozart", "Paul-Bert", "Aristide-Briand",
            "Émile-Zola", "des Hirondelles", "du Lavoir", "George-Sand", "des Peupliers", "de la Mairie",
            "des Charmilles", "de la Source", "du Port", "des Mimosas", "de l'Église", "Anatole-France"]
CPLT = ["Résidence Les Tilleuls, bât. C", "Appt 12, 3e étage", "Escalier B, porte 4", "Bâtiment A2",
        "Résidence du Parc, appt 207", "2e étage gauche", "Maison au fond de la cour", "Logement 14"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
MONTHS_AB = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
WEBMAIL = ["gmail.com", "gmail.com", "orange.fr", "wanadoo.fr", "hotmail.fr", "free.fr", "laposte.net",
           "sfr.fr", "yahoo.fr", "icloud.com", "outlook.fr", "protonmail.com", "gmx.fr", "live.fr", "bbox.fr"]
DOM_CLIN, DOM_INS, DOM_SHOP, DOM_RUR = "felicanis.fr", "felicanis-assurance.fr", "felicanis-shop.fr", "rural.felicanis.fr"


# ----------------------------------------------------------------------------------------
# Values
# ----------------------------------------------------------------------------------------
def slug(s):
    s = strip_acc(s).lower()
    return re.sub(r"[^a-z0-9]", "", s)


def mkperson(pool="fr", g=None):
    g = g or ch("FM")
    if pool == "fr":
        if g == "F":
            f = ch(FEM_WORD) if maybe(0.07) else ch(FEM)
        else:
            f = ch(MAS_WORD) if maybe(0.07) else ch(MAS)
        l = wch([(LAST, 55), (LAST_WORD, 9), (LAST_ORIG, 22), (LAST_PART, 6), (LAST_SHORT, 3), (LAST_COMP, 5)])
        return dict(f=f, l=ch(l), g=g, c="FR")
    d = FOREIGN[pool]
    return dict(f=ch(d["f"]), l=ch(d["l"]), g=g, c=pool)


def client(p_foreign=0.04):
    if maybe(p_foreign):
        return mkperson(ch(sorted(FOREIGN)))
    return mkperson()


def civ(p):
    return ch(CIV_F if p["g"] == "F" else CIV_M)


def initials(f):
    parts = f.split("-")
    return "-".join(strip_acc(x[0]) if maybe(0.3) else x[0] for x in parts).replace("-", ".-") + "."


NAME_STYLES = [("fl", 22), ("fL", 8), ("Lf", 8), ("lf", 4), ("cl", 14), ("cfl", 8), ("cL", 5), ("il", 8),
               ("f", 5), ("l", 3), ("low", 5), ("up", 4)]


def N(p, st=None):
    f, l = p["f"], p["l"]
    st = st or wch(NAME_STYLES)
    if st in ("fl", "fL", "cfl") and maybe(0.08):
        st = "il"
    if st == "fl":
        return [PER(f + " " + l)]
    if st == "fL":
        return [PER(f + " " + l.upper())]
    if st == "Lf":
        return [PER(l.upper() + " " + f)]
    if st == "lf":
        return [PER(l + " " + f)]
    if st == "cl":
        return [civ(p) + " ", PER(l)]
    if st == "cfl":
        return [civ(p) + " ", PER(f + " " + l)]
    if st == "cL":
        return [civ(p) + " ", PER(l.upper())]
    if st == "il":
        return [PER(initials(f) + " " + l)]
    if st == "f":
        return [PER(f)]
    if st == "l":
        return [PER(l)]
    if st == "low":
        return [PER((f + " " + l).lower())]
    if st == "up":
        return [PER((f + " " + l).upper())]
    if st == "dr":
        return [ch(["Dr", "Dr", "Docteur", "Dr."]) + " ", PER(ch([l, f + " " + l, l.upper()]))]
    raise ValueError(st)


def fr_num(kind="mob"):
    if kind == "mob":
        p = ch(["06", "06", "07"])
    elif kind == "fix":
        p = "0" + ch("12345")
    else:
        p = "09"
    return p + digits(8)


FR_STYLES = [("sp", 34), ("dot", 12), ("cmp", 10), ("dash", 5), ("slash", 2), ("intl", 10), ("intlc", 5),
             ("intl0", 3), ("0033", 3), ("grp", 3), ("mixdot", 2), ("nolead", 1), ("intldot", 1)]


def fmt_fr(n, st=None):
    pr = [n[i:i + 2] for i in range(0, 10, 2)]
    st = st or wch(FR_STYLES)
    if st == "sp":
        return " ".join(pr)
    if st == "dot":
        return ".".join(pr)
    if st == "cmp":
        return n
    if st == "dash":
        return "-".join(pr)
    if st == "slash":
        return "/".join(pr)
    if st == "intl":
        return "+33 " + n[1] + " " + " ".join(pr[1:])
    if st == "intlc":
        return "+33" + n[1:]
    if st == "intl0":
        return "+33 (0)" + n[1] + " " + " ".join(pr[1:])
    if st == "0033":
        return "0033 " + n[1] + " " + " ".join(pr[1:])
    if st == "grp":
        return n[:4] + " " + n[4:7] + " " + n[7:]
    if st == "mixdot":
        return pr[0] + "." + pr[1] + " " + pr[2] + "." + pr[3] + " " + pr[4]
    if st == "nolead":
        return n[1] + " " + " ".join(pr[1:])
    if st == "intldot":
        return "+33." + n[1] + "." + ".".join(pr[1:])
    raise ValueError(st)


def tel(kind=None, st=None):
    kind = kind or wch([("mob", 70), ("fix", 25), ("09", 5)])
    return PH(fmt_fr(fr_num(kind), st))


DOM_PH = [("0590", "0690", "+590"), ("0596", "0696", "+596"), ("0594", "0694", "+594"),
          ("0262", "0692", "+262"), ("0269", "0639", "+262")]


def tel_dom():
    r = R.random()
    if r < 0.08:
        return PH("+687 " + " ".join(digits(2) for _ in range(3)))
    if r < 0.14:
        return PH("+689 87 " + " ".join(digits(2) for _ in range(3)))
    fix, mob, cc = ch(DOM_PH)
    p = ch([fix, mob])
    rest = digits(6)
    s = ch([1, 2, 3, 4])
    if s == 1:
        return PH(p + " " + " ".join(rest[i:i + 2] for i in (0, 2, 4)))
    if s == 2:
        return PH(p[:2] + " " + p[2:] + " " + " ".join(rest[i:i + 2] for i in (0, 2, 4)))
    if s == 3:
        return PH(cc + " " + p[1:] + " " + " ".join(rest[i:i + 2] for i in (0, 2, 4)))
    return PH(p + "." + ".".join(rest[i:i + 2] for i in (0, 2, 4)))


def tel_foreign(c=None):
    c = c or ch(["BE", "CH", "UK", "US", "CA", "DE", "IT", "ES", "PT", "NL", "LU", "MA", "SN", "DZ", "TN"])
    d = digits
    opts = {
        "BE": ["+32 47%s %s %s %s" % (d(1), d(2), d(2), d(2)), "0478/%s.%s.%s" % (d(2), d(2), d(2)),
               "+32 2 %s %s %s" % (d(3), d(2), d(2)), "0032 49%s %s %s %s" % (d(1), d(2), d(2), d(2))],
        "CH": ["+41 79 %s %s %s" % (d(3), d(2), d(2)), "079 %s %s %s" % (d(3), d(2), d(2)),
               "+41 22 %s %s %s" % (d(3), d(2), d(2))],
        "UK": ["+44 7700 900%s" % d(3), "07700 900%s" % d(3), "+44 20 7946 0%s" % d(3), "+44 (0)7911 %s" % d(6)],
        "US": ["+1 (212) 555-01%s" % d(2), "(415) 555-01%s" % d(2), "+1 646-555-01%s" % d(2)],
        "CA": ["+1 514 555-01%s" % d(2), "(418) 555-01%s" % d(2)],
        "DE": ["+49 151 %s" % d(8), "0151 %s %s" % (d(4), d(4)), "+49 30 %s" % d(8)],
        "IT": ["+39 347 %s %s" % (d(3), d(4)), "347 %s" % d(7)],
        "ES": ["+34 6%s %s %s %s" % (d(2), d(2), d(2), d(2)), "0034 6%s %s %s" % (d(2), d(3), d(3))],
        "PT": ["+351 91%s %s %s" % (d(1), d(3), d(3)), "+351 21 %s %s" % (d(3), d(4))],
        "NL": ["+31 6 %s" % d(8), "+31 20 %s %s" % (d(3), d(4))],
        "LU": ["+352 621 %s %s" % (d(3), d(3)), "+352 26 %s %s" % (d(2), d(4))],
        "MA": ["+212 6 %s %s %s %s" % (d(2), d(2), d(2), d(2)), "+212 661-%s" % d(6)],
        "SN": ["+221 77 %s %s %s" % (d(3), d(2), d(2))],
        "DZ": ["+213 5 %s %s %s %s" % (d(2), d(2), d(2), d(2))],
        "TN": ["+216 98 %s %s" % (d(3), d(3))],
    }
    return PH(ch(opts[c]))


def email_for(p, dom=None, pro=False):
    f = slug(p["f"])
    l = slug(p["l"])
    y = str(rint(60, 99)) if maybe(0.5) else str(rint(1, 99))
    if pro:
        user = ch([f + "." + l, f[0] + "." + l, f[0] + l, f + "." + l])
    else:
        user = wch([(f + "." + l, 30), (f[0] + "." + l, 10), (l + "." + f, 8), (f + l + y, 10), (f + "_" + l, 6),
                    (f[0] + l, 6), (l + "." + f[0], 3), (f + "." + l + y, 8), (f + "-" + l, 4), (l + y, 3),
                    (f + "." + l[:3], 2)])
    if dom is None:
        dom = ch(FOREIGN[p["c"]]["dom"]) if p.get("c", "FR") != "FR" and maybe(0.8) else ch(WEBMAIL)
    return EM(user + "@" + dom)


def url_for(p):
    f = slug(p["f"])
    l = slug(p["l"])
    a = ch(["https://www.", "https://", "", "www."])
    return URL(wch([
        (a.replace("www.", "www.") + "linkedin.com/in/%s-%s-%s" % (f, l, "%x" % rint(4096, 65535)), 5),
        (ch(["https://", ""]) + "linkedin.com/in/%s%s" % (f, l), 2),
        (ch(["https://www.", "www.", ""]) + "facebook.com/%s.%s.%d" % (f, l, rint(1, 99)), 3),
        ("https://www.instagram.com/%s_%s" % (f, l[:4]), 2),
        ("https://%s%s.fr" % (f, l), 1),
        ("https://%s-%s-photographie.fr" % (f, l), 1),
        ("www.malt.fr/profile/%s%s" % (f, l), 1),
        ("https://github.com/%s%s" % (f[0], l), 1),
        ("https://blog.%s-%s.fr" % (f, l), 1),
        ("https://www.youtube.com/@%s%s" % (f, l), 1),
    ]))


def ib_check(cc, bban):
    s = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - n % 97)


def iban_raw(cc="FR"):
    if cc in ("FR", "MC"):
        b, g, a = digits(5), digits(5), digits(11)
        key = 97 - ((89 * int(b) + 15 * int(g) + 3 * int(a)) % 97)
        bban = b + g + a + "%02d" % key
    elif cc == "BE":
        x = digits(10)
        k = int(x) % 97 or 97
        bban = x + "%02d" % k
    elif cc == "DE":
        bban = digits(18)
    elif cc == "ES":
        bban = digits(20)
    elif cc == "IT":
        bban = ch("ABCDEFGHIJKLMNOPRSTUVWXYZ") + digits(10) + digits(12)
    elif cc == "PT":
        bban = digits(21)
    elif cc == "NL":
        bban = ch(["INGB", "ABNA", "RABO", "TRIO"]) + digits(10)
    elif cc == "GB":
        bban = ch(["NWBK", "BARC", "LOYD", "MIDL"]) + digits(14)
    elif cc == "CH":
        bban = digits(17)
    elif cc == "LU":
        bban = digits(3) + digits(13)
    else:
        raise ValueError(cc)
    return cc + ib_check(cc, bban) + bban


def fmt_iban(raw, st=None):
    st = st or wch([("g4", 50), ("cmp", 15), ("low", 4), ("dash", 4), ("bank", 8), ("g4x", 4)])
    g4 = [raw[i:i + 4] for i in range(0, len(raw), 4)]
    if st == "g4":
        return " ".join(g4)
    if st == "cmp":
        return raw
    if st == "low":
        return " ".join(g4).lower()
    if st == "dash":
        return "-".join(g4)
    if st == "g4x":
        return "  ".join(g4)
    if st == "bank" and raw[:2] in ("FR", "MC"):
        return " ".join([raw[:4], raw[4:9], raw[9:14], raw[14:25], raw[25:]])
    return " ".join(g4)


def iban(cc=None, st=None):
    cc = cc or wch([("FR", 85), ("BE", 3), ("DE", 2), ("ES", 2), ("IT", 2), ("PT", 2), ("MC", 1), ("NL", 1),
                    ("GB", 1), ("CH", 1), ("LU", 1)])
    return IB(fmt_iban(iban_raw(cc), st))


def luhn_ok(s):
    tot = 0
    for i, c in enumerate(reversed(s)):
        x = int(c)
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        tot += x
    return tot % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    for k in "0123456789":
        if luhn_ok(body + k):
            return body + k


def card(st=None):
    kind = wch([("visa", 50), ("mc", 35), ("amex", 15)])
    if kind == "visa":
        n = luhn_complete("4" + digits(5), 16)
    elif kind == "mc":
        n = luhn_complete(ch(["51", "52", "53", "54", "55", "2221", "2300", "2710"]), 16)
    else:
        n = luhn_complete(ch(["34", "37"]), 15)
    if len(n) == 15:
        g = [n[:4], n[4:10], n[10:]]
    else:
        g = [n[i:i + 4] for i in range(0, 16, 4)]
    st = st or wch([("sp", 55), ("cmp", 20), ("dash", 15), ("dot", 5), ("dsp", 5)])
    sep = {"sp": " ", "cmp": "", "dash": "-", "dot": ".", "dsp": "  "}[st]
    return CC(sep.join(g))


def nir_raw(sex, yy, mm, dept=None):
    dept = dept or wch([("met", 88), ("2A", 2), ("2B", 2), ("dom", 4), ("99", 4)])
    if dept == "met":
        d = "%02d" % ch([x for x in range(1, 96) if x != 20])
        com = "%03d" % rint(1, 600)
    elif dept in ("2A", "2B"):
        d, com = dept, "%03d" % rint(1, 360)
    elif dept == "dom":
        d, com = ch(["971", "972", "973", "974", "976"]), "%02d" % rint(1, 34)
    else:
        d, com = "99", ch(["350", "352", "351", "139", "109", "131", "134", "341", "243", "254"])
    base = "%d%s%s%s%s%03d" % (sex, yy, mm, d, com, rint(1, 999))
    num = int(base.replace("2A", "19").replace("2B", "18"))
    return base, "%02d" % (97 - num % 97)


def fmt_nir(base, key, st=None):
    st = st or wch([("sp", 50), ("cmp", 15), ("keyapart", 15), ("dot", 5), ("dash", 5), ("g5", 5), ("sp-", 5)])
    parts = [base[0], base[1:3], base[3:5], base[5:7], base[7:10], base[10:13]]
    if base[5:7] == "97":
        parts = [base[0], base[1:3], base[3:5], base[5:8], base[8:10], base[10:13]]
    if st == "sp":
        return " ".join(parts + [key])
    if st == "cmp":
        return base + key
    if st == "keyapart":
        return base + " " + key
    if st == "dot":
        return ".".join(parts) + "." + key
    if st == "dash":
        return "-".join(parts + [key])
    if st == "sp-":
        return " ".join(parts) + " - " + key
    return " ".join([base[:5], base[5:10], base[10:] + key])


def nir_for(p, dob=None):
    sex = 2 if p["g"] == "F" else 1
    if dob:
        y, m, _ = dob
        yy, mm = "%02d" % (y % 100), "%02d" % m
    else:
        yy, mm = "%02d" % rint(40, 99), "%02d" % rint(1, 12)
    b, k = nir_raw(sex, yy, mm)
    return NI(fmt_nir(b, k))


def ip4(private=None):
    if private is None:
        private = maybe(0.4)
    if private:
        return ch(["192.168.%d.%d" % (rint(0, 20), rint(2, 250)), "10.%d.%d.%d" % (rint(0, 40), rint(0, 255), rint(2, 250)),
                   "172.%d.%d.%d" % (rint(16, 31), rint(0, 255), rint(2, 250))])
    return "%d.%d.%d.%d" % (ch([78, 81, 82, 86, 90, 92, 109, 176, 185, 193, 212, 37, 46, 88]), rint(0, 255),
                            rint(0, 255), rint(1, 254))


def ip6():
    pre = ch(["2a01:cb%02x" % rint(0, 255), "2a02:842%x" % rint(0, 15), "2001:861", "2a04:cec0", "fe80:"])
    groups = ["%x" % rint(1, 65535) for _ in range(4)]
    if pre == "fe80:":
        return "fe80::" + ":".join(groups)
    s = pre + ":" + ":".join(groups[:2]) + "::" + groups[3]
    r = R.random()
    if r < 0.15:
        s = str(ipaddress.ip_address(s).exploded)
    elif r < 0.25:
        s = s.upper()
    return s


def ip(port=False):
    if maybe(0.2):
        return IPA(ip6())
    v = ip4()
    if port:
        v += ":" + str(ch([443, 8080, 3389, 22, 51820, rint(1024, 65000)]))
    return IPA(v)


PL_L = "ABCDEFGHJKLMNPQRSTVWXYZ"


def plate():
    if maybe(0.12):
        v = "%d %s %s" % (rint(100, 9999), "".join(ch(PL_L) for _ in range(ch([2, 3]))), ch(["44", "35", "49", "56", "29", "75", "13", "2A", "69"]))
        return PL(v)
    a = ch(PL_L) + ch(PL_L)
    while a in ("SS", "WW"):
        a = ch(PL_L) + ch(PL_L)
    b = ch(PL_L) + ch(PL_L)
    n = digits(3)
    st = wch([("-", 55), (" ", 25), ("", 10), ("low", 5), (" - ", 5)])
    if st == "low":
        return PL(("%s-%s-%s" % (a, n, b)).lower())
    return PL(st.join([a, n, b]))


def siren_raw():
    return luhn_complete(ch("123456789") + digits(2), 9)


def siret_raw(siren=None):
    siren = siren or siren_raw()
    nic4 = ("000" + str(rint(1, 9))) if maybe(0.6) else digits(4)
    for k in "0123456789":
        if luhn_ok(siren + nic4 + k):
            return siren + nic4 + k


def fmt_siret(s):
    return ch([s, "%s %s %s %s" % (s[:3], s[3:6], s[6:9], s[9:]), "%s %s" % (s[:9], s[9:])])


def fmt_siren(s):
    return ch([s, "%s %s %s" % (s[:3], s[3:6], s[6:]), "%s.%s.%s" % (s[:3], s[3:6], s[6:])])


def siret():
    return ST(fmt_siret(siret_raw()))


def siren():
    return SN(fmt_siren(siren_raw()))


def dob_t(lo=1938, hi=2005):
    return (rint(lo, hi), rint(1, 12), rint(1, 28))


def fmt_dob(d, st=None):
    y, m, dd = d
    st = st or wch([("sl", 40), ("dot", 6), ("dash", 6), ("sl2", 6), ("nz", 4), ("long", 15), ("long1", 3),
                    ("ab", 4), ("iso", 6), ("caps", 2), ("en", 3), ("cmp", 2)])
    if st == "sl":
        return "%02d/%02d/%d" % (dd, m, y)
    if st == "dot":
        return "%02d.%02d.%d" % (dd, m, y)
    if st == "dash":
        return "%02d-%02d-%d" % (dd, m, y)
    if st == "sl2":
        return "%02d/%02d/%02d" % (dd, m, y % 100)
    if st == "nz":
        return "%d/%d/%d" % (dd, m, y)
    if st == "long":
        return "%d %s %d" % (dd, MONTHS[m - 1], y)
    if st == "long1":
        return "%s %s %d" % ("1er" if dd == 1 else str(dd), MONTHS[m - 1], y)
    if st == "ab":
        return "%d %s %d" % (dd, MONTHS_AB[m - 1], y)
    if st == "iso":
        return "%d-%02d-%02d" % (y, m, dd)
    if st == "caps":
        return ("%d %s %d" % (dd, MONTHS[m - 1], y)).upper()
    if st == "en":
        return ch(["%s %d, %d" % (MONTHS_EN[m - 1], dd, y), "%d %s %d" % (dd, MONTHS_EN[m - 1], y)])
    if st == "cmp":
        return "%02d%02d%d" % (dd, m, y)
    raise ValueError(st)


def dob(d=None, st=None):
    return DT(fmt_dob(d or dob_t(), st))


def street():
    n = str(rint(1, 180)) + wch([("", 85), (" bis", 8), (" ter", 3), ("B", 4)])
    return "%s %s %s" % (n, ch(STREET_T), ch(STREET_N))


def town(rural=False):
    cp, t = ch(RURAL if rural else TOWNS)
    if maybe(0.15):
        t = t.upper()
    return cp + " " + t + (" CEDEX" if maybe(0.03) else "")


def adr_s(multi=None, cplt=None, rural=False):
    if multi is None:
        multi = maybe(0.3)
    if rural or maybe(0.06):
        l1 = ch(["Lieu-dit ", "lieu-dit ", "", "La Ferme de "]) + ch(["Kergoat", "La Croix-Blanche", "Le Bas-Pâtis", "La Gaudinière",
                                                                     "Les Landes de Bréhat", "La Basse-Cour", "Le Grand-Chêne", "Bel-Air"])
        lines = [l1, town(True)]
    else:
        lines = [street(), town()]
    if cplt or (cplt is None and maybe(0.2)):
        lines.insert(ch([0, 1]), ch(CPLT))
    if maybe(0.03):
        lines.insert(1, "BP %d" % rint(10, 450))
    return ("\n" if multi else ch([", ", ", ", " ", " - "])).join(lines)


def adr(multi=None, cplt=None, rural=False):
    return LO(adr_s(multi, cplt, rural))


DOM_ADR = ["Résidence Les Flamboyants, 12 rue Schœlcher, 97200 Fort-de-France",
           "45 chemin Summer, 97417 La Montagne", "Lotissement Bellevue, 8 allée des Hibiscus, 97122 Baie-Mahault",
           "22 rue Christophe-Colomb, 97300 Cayenne", "Immeuble Le Lagon, appt 5, 97600 Mamoudzou",
           "3 rue du Général-Mangin, 98800 Nouméa", "14 chemin Piton-Bloc, 97430 Le Tampon",
           "Quartier Morne-Rouge, 97111 Morne-à-l'Eau", "117 avenue Pouvanaa-a-Oopa, 98714 Papeete"]


def adr_dom():
    v = ch(DOM_ADR)
    v = v.replace("12 ", "%d " % rint(2, 90), 1) if maybe(0.5) else v
    return LO(v)


def adr_foreign(c=None):
    c = c or ch(["BE", "CH", "UK", "US", "CA", "DE", "IT", "ES", "PT", "NL", "LU"])
    n = rint(2, 140)
    opts = {
        "BE": ["Rue de la Station %d, 1050 Ixelles" % n, "Kerkstraat %d, 9000 Gent" % n,
               "Chaussée de Wavre %d bte 3, 5000 Namur" % n, "Avenue Louise %d, 1000 Bruxelles" % n],
        "CH": ["Chemin des Vignes %d, 1260 Nyon" % n, "Rue du Marché %d, 1204 Genève" % n,
               "Bahnhofstrasse %d, 8001 Zürich" % n],
        "UK": ["%d Baker Close, Bristol BS1 4DJ" % n, "Flat 3, %d Victoria Road, London N4 3SH" % n,
               "%d Mill Lane, York YO1 7HH" % n],
        "US": ["%d Oak Street, Apt 3B, Portland, OR 97205" % n, "%d Maple Ave, Evanston, IL 60202" % n],
        "CA": ["%d rue Saint-Jean, Québec (QC) G1R 1N4" % n, "%d avenue du Parc, app. 4, Montréal (Québec) H2V 4E6" % n],
        "DE": ["Hauptstraße %d, 10115 Berlin" % n, "Lindenweg %d, 80331 München" % n],
        "IT": ["Via Roma %d, 20121 Milano" % n, "Corso Vittorio Emanuele %d, 10121 Torino" % n],
        "ES": ["Calle Mayor %d, 3º B, 28013 Madrid" % n, "Carrer de Mallorca %d, 08036 Barcelona" % n],
        "PT": ["Rua Augusta %d, 2º Esq., 1100-053 Lisboa" % n],
        "NL": ["Prinsengracht %d, 1016 GV Amsterdam" % n],
        "LU": ["%d rue de Hollerich, L-1740 Luxembourg" % n],
    }
    return LO(ch(opts[c]))


# ---- business values (never labelled) ----
def bdate(y=None):
    y = y or ch([2024, 2025, 2025])
    return ch(["%02d/%02d/%d" % (rint(1, 28), rint(1, 12), y), "%d %s" % (rint(1, 28), ch(MONTHS)),
               "%s %d %s" % (ch(["lundi", "mardi", "mercredi", "jeudi", "vendredi"]), rint(1, 28), ch(MONTHS)),
               "%02d/%02d" % (rint(1, 28), rint(1, 12))])


def heure():
    h, m = rint(8, 19), ch([0, 0, 15, 30, 45, 10, 20, 50])
    return ch(["%dh%02d" % (h, m), "%02d:%02d" % (h, m), "%d h %02d" % (h, m), "%dh" % h])


def montant():
    v = rint(8, 2400) + rint(0, 99) / 100
    return ch(["%.2f €" % v, ("%.2f" % v).replace(".", ",") + " €", ("%.2f" % v).replace(".", ",") + "€",
               "%d €" % int(v), "EUR %.2f" % v])


def facture():
    return ch(["FAC-2025-%05d" % rint(1, 99999), "F%d%05d" % (ch([24, 25]), rint(1, 99999)),
               "FV-%06d" % rint(1, 999999), "2025-%04d" % rint(1, 9999)])


def cmd():
    return ch(["CMD-%07d" % rint(1, 9999999), "#%d" % rint(100000, 999999), "WEB-%d-%04d" % (rint(2024, 2025), rint(1, 9999))])


def contrat():
    return ch(["FCA-%d-%06d" % (rint(2021, 2025), rint(1, 999999)), "CT%08d" % rint(1, 99999999), "POL-%05d-%s" % (rint(1, 99999), ch("ABCD"))])


def sinistre():
    return ch(["SIN-%d-%07d" % (rint(2024, 2025), rint(1, 9999999)), "S%d/%05d" % (rint(24, 25), rint(1, 99999))])


def ticket():
    return ch(["#%d" % rint(10000, 99999), "TCK-%06d" % rint(1, 999999), "INC%07d" % rint(1, 9999999)])


def nir_ok(v):
    c = re.sub(r"[\s.\-]", "", v).upper()
    if len(c) != 15 or not re.match(r"^[12]\d{4}(\d{2}|2A|2B)\d{6}\d{2}$", c):
        return False
    num = int(c[:13].replace("2A", "19").replace("2B", "18"))
    return 97 - num % 97 == int(c[13:])


def puce():
    for _ in range(200):
        v = "250" + ch(["268", "269", "228"]) + digits(9)
        if not nir_ok(v) and not luhn_ok(v):
            return v
    return "250269000000001"


def tatouage():
    return ch(["2", "", "3"]) + "".join(ch("ABCDEFGHJKLMNPRSTVXYZ") for _ in range(3)) + digits(3)


def pet():
    sp = wch([("chien", 45), ("chat", 40), ("nac", 15)])
    if sp == "chien":
        br = ch(DOG_BREEDS)
    elif sp == "chat":
        br = ch(CAT_BREEDS)
    else:
        br = ch(NAC)
        sp = br
    return dict(name=ch(PETS), sp=sp, br=br, sex=ch(["mâle", "femelle", "M", "F", "mâle castré", "femelle stérilisée"]),
                age=rint(1, 16))


def PETN(pt):
    return T(pt["name"])


def PETD(pt):
    if pt["sp"] in ("chien", "chat"):
        return [pt["sp"] + " ", T(pt["br"])]
    return [T(pt["br"])]


# ---- staff pool ----
ROLES = [("ASV", DOM_CLIN), ("vétérinaire", DOM_CLIN), ("vétérinaire", DOM_CLIN), ("conseillère assurance", DOM_INS),
         ("chargé de clientèle", DOM_INS), ("comptable", DOM_CLIN), ("responsable boutique", DOM_SHOP),
         ("technicien informatique", DOM_CLIN), ("commercial élevages", DOM_RUR), ("vétérinaire rurale", DOM_RUR),
         ("assistante de direction", DOM_CLIN), ("gestionnaire sinistres", DOM_INS), ("préparateur commandes", DOM_SHOP),
         ("RH", DOM_CLIN)]
STAFF = []
for _i in range(64):
    _p = mkperson()
    _role, _dom = ch(ROLES)
    _p.update(role=_role, dom=_dom, site=ch(CLINICS))
    _p["mail"] = email_for(_p, _dom, pro=True)[1]
    _p["tel"] = fmt_fr(fr_num(ch(["mob", "fix"])), ch(["sp", "sp", "dot"]))
    STAFF.append(_p)
CLINIC_TEL = {c: fmt_fr("02" + digits(8), "sp") for c in CLINICS}


def staff(role=None):
    pool = [s for s in STAFF if role is None or role in s["role"]]
    return ch(pool or STAFF)


def vet():
    return staff("vétérinaire")


def SNm(s, st=None):
    """name of a staff member"""
    st = st or wch([("fl", 40), ("f", 30), ("fL", 8), ("il", 6), ("low", 4), ("l", 4), ("up", 3)])
    return N(s, st)


def DRN(s):
    return N(s, ch(["dr", "dr", "fl", "cl"]))


def sig(s, short=False):
    out = ["\n\n", SNm(s, ch(["fl", "fl", "fL", "up"]))]
    if short:
        return out
    out += ["\n", s["role"].capitalize(), " – Félicanis ", T(s["site"]) if s["dom"] == DOM_CLIN else ("Assurance" if s["dom"] == DOM_INS else ("Shop" if s["dom"] == DOM_SHOP else "Rural"))]
    if maybe(0.6):
        out += ["\n", ch(["Tél. ", "T. ", "☎ ", "Ligne directe : ", "Tel: "]), PH(s["tel"])]
    if maybe(0.5):
        out += ["\n", EM(s["mail"])]
    return out


def quote(segs, pre="> "):
    out = [pre]
    for s in flat(segs):
        if isinstance(s, str):
            out.append(s.replace("\n", "\n" + pre))
        else:
            if "\n" in s[1]:
                raise ValueError("multiline value in quote")
            out.append(s)
    return out


def flat(parts):
    out = []
    for p in parts:
        if p is None:
            continue
        if isinstance(p, str):
            out.append(p)
        elif isinstance(p, tuple):
            out.append(p)
        else:
            out.extend(flat(p))
    return out


# ----------------------------------------------------------------------------------------
# Generators (positive)
# ----------------------------------------------------------------------------------------
GENS = []
NEGS = []


def gen(kind, cls="note"):
    def deco(f):
        GENS.append((f.__name__, kind, cls, f))
        return f
    return deco


def neg(cls="note"):
    def deco(f):
        NEGS.append((f.__name__, "negative", cls, f))
        return f
    return deco


def hello(p=None):
    if p is None:
        return ch(["Bonjour,", "Bonjour", "Bjr,", "Hello,", "Madame, Monsieur,"])
    return [ch(["Bonjour ", "Bonjour ", "Bjr ", "Hello ", "Chère ", "Cher "]), N(p, ch(["f", "cl", "f"])), ","]


def clinic():
    return T("Félicanis " + ch(CLINICS))


# ---- calls ----
@gen("call_note")
def g_call_inbound():
    p, pt, s = client(), pet(), staff()
    return ["Appel entrant ", bdate(), " ", heure(), " – ", N(p), " (", PETN(pt), ", ", PETD(pt), ") ",
            ch(["signale que", "explique que", "dit que"]), " ", ch(["le chien boite depuis hier", "l'animal ne mange plus",
            "il a trouvé des tiques", "elle vomit depuis ce matin", "la plaie s'est rouverte"]), ". ",
            ch(["Rdv fixé à ", "Vu créneau à ", "Proposé "]), heure(), ". Rappel au ", tel(), " si empêchement. – ", SNm(staff(), "f")]


@gen("call_note")
def g_call_outbound_fail():
    p = client()
    t1 = tel()
    return ["Tentative d'appel ", ch(["n°1", "n°2", "3/3"]), " ", N(p, ch(["cl", "cfl", "fL"])), " au ", t1,
            ch([" : messagerie, message laissé.", " → répondeur plein", " - pas de réponse", " : numéro non attribué ?"]),
            ch(["", [" Essayer le fixe ", tel("fix"), "."], [" Envoyer mail à ", email_for(p), "."]])]


@gen("call_note", "sms")
def g_call_short_lower():
    p, pt = client(), pet()
    return [ch(["rappeler ", "rapl ", "à rappeler: "]), PER((p["f"] + " " + p["l"]).lower()) if maybe(0.6) else N(p, "l"),
            " ", tel(st=ch(["cmp", "sp", "dot"])), " ", ch(["pr vaccins ", "pour le devis ", "resultats analyses ", "rdv castration "]),
            T(pt["name"].lower()), ch(["", " svp", " urgent", " avant 18h"])]


@gen("call_note")
def g_voicemail():
    p = client()
    return ["Message vocal reçu ", bdate(), " à ", heure(), " de ", tel(st=ch(["intl", "intlc", "sp"])), " :\n« Oui bonjour c'est ",
            N(p, ch(["fl", "cfl", "f"])), ", ", ch(["je vous appelle pour mon chat ", "c'est au sujet de ", "je voulais savoir pour "]),
            T(ch(PETS)), ch([", vous pouvez me rappeler au ", ", mon numéro c'est le "]), tel(st="sp"), ", merci au revoir »"]


@gen("call_note", "struct")
def g_missed_call():
    rows = []
    for _ in range(rint(2, 4)):
        rows += ["\n", heure(), " | ", ch(["manqué", "manqué", "répondu"]), " | ", tel(st=ch(["intlc", "sp", "cmp"])), " | ",
                 ch([N(client(), ch(["Lf", "fl"])), "inconnu", "—"])]
    return ["Journal standard ", clinic(), " – ", bdate(), "\nheure | statut | numéro | contact"] + rows


# ---- tasks ----
@gen("task")
def g_task_list():
    a, b = staff(), staff()
    p1, p2 = client(), client()
    return ["Tâches du ", bdate(), "\n☐ ", ch(["Envoyer devis détartrage à ", "Relancer ", "Rappeler "]), N(p1), " (", tel(), ")\n☐ ",
            ch(["Commander ", "Vérifier stock "]), T(ch(PRODUCTS)), "\n☑ ", ch(["Facture réglée par ", "Certificat envoyé à "]), N(p2, "cl"),
            "\n☐ @", PER(a["f"]), " : ", ch(["mettre à jour l'adresse ", "corriger l'adresse "]), adr(False)]


@gen("task")
def g_task_single():
    s, p = staff(), client()
    return ["TÂCHE – échéance ", bdate(), ch([" – priorité haute", "", " (P2)"]), "\nAssignée à : ", SNm(s, ch(["fl", "Lf"])), "\nObjet : ",
            ch(["envoyer l'attestation de vaccination à ", "récupérer le chèque de caution de ", "planifier le contrôle post-op de "]),
            N(p), "\nContact : ", ch([tel(), email_for(p)])]


@gen("task", "sms")
def g_postit_lower():
    p = client()
    s = staff()
    return [ch(["post-it accueil: ", "note: ", "pense-bête "]), PER(s["f"].lower()), ch([" doit rappeler ", " a promis de rappeler "]),
            PER(p["l"].lower()) if maybe(0.5) else PER((civ(p) + " ")[:0] + p["f"].lower() + " " + p["l"].lower()), " ",
            ch(["pr la facture", "au sujet de la puce", "pr l'assurance"]), " / ", tel(st=ch(["sp", "cmp", "dot"]))]


# ---- e-mails ----
@gen("email_in", "mail")
def g_email_headers():
    p, pt = client(), pet()
    s = staff()
    e = email_for(p)
    return ["De : ", N(p, ch(["fl", "fL", "Lf"])), " <", e, ">\nEnvoyé : ", bdate(), " ", heure(), "\nÀ : ", EM(ch(["accueil.", "contact."]) + slug(ch(CLINICS))[:8] + "@" + DOM_CLIN),
            "\nObjet : ", ch(["RDV ", "Question ", "Re: facture "]), T(pt["name"]), "\n\n", hello(), "\n",
            ch(["Je souhaiterais décaler le rendez-vous de ", "Pouvez-vous m'envoyer le compte-rendu de ", "Je n'ai pas reçu la facture pour "]),
            T(pt["name"]), ". ", ch(["Je suis joignable au ", "Mon portable : "]), tel(), ".\n\nCordialement,\n", N(p, ch(["fl", "f", "fL"]))]


@gen("email_in", "mail")
def g_email_forward_en():
    p = client(0.5)
    s = staff()
    return ["---------- Forwarded message ---------\nFrom: ", N(p, "fl"), " <", email_for(p), ">\nDate: ", ch(["Mon", "Tue", "Thu"]), ", ", bdate(),
            "\nSubject: ", ch(["Boarding for our dog", "Vet certificate", "Insurance claim"]), "\nTo: <", EM(s["mail"]), ">\n\nHi,\n",
            ch(["We'll be in France next month with our dog ", "Could you send the rabies certificate for ", "Please find attached the invoice for "]),
            T(ch(PETS)), ". ", ch(["You can reach me on ", "My mobile: "]), tel_foreign(p["c"] if p["c"] in ("BE", "CH", "UK", "US", "CA", "DE", "IT", "ES", "PT", "NL") else None),
            ".\nThanks,\n", N(p, ch(["f", "fl"]))]


@gen("email_reply", "mail")
def g_email_reply_quoted():
    p = client()
    s = staff()
    e = email_for(p)
    q = ["Bonjour,\nMon chat a toujours des démangeaisons. J'habite maintenant au ", adr(False),
         ", merci de corriger.\n", N(p, ch(["fl", "f"]))]
    return [hello(p), "\n", ch(["C'est noté, l'adresse est mise à jour.", "Merci, je transmets au vétérinaire.", "Bien reçu, on vous rappelle demain."]),
            sig(s, short=maybe(0.5)), "\n\n", ch(["Le ", "Le "]), ch(["lun. ", "mar. ", "mer. ", "jeu. "]), bdate(2025), " à ", heure(), ", ",
            N(p, ch(["fl", "fL"])), " <", e, "> a écrit :\n"] + quote(q)


@gen("email_reply", "mail")
def g_email_nested_quote():
    p, s, s2 = client(), staff(), staff()
    inner = ["Bonjour ", N(p, "f"), ", votre contrat ", contrat(), " est actif. ", SNm(s, "f")]
    mid = [hello(s), " oui mais le prélèvement ne passe pas, nouveau RIB : ", iban(st=ch(["g4", "cmp"])), "\n"] + ["On ", N(p, "f"), " a écrit :\n"] + quote(inner)
    return ["Transféré à ", SNm(s2, "f"), " pour traitement.\n"] + quote(mid) if False else \
        ["@", PER(s2["f"]), " tu peux regarder ? merci\n\n"] + quote(mid)


@gen("email_in", "mail")
def g_email_client_signature():
    p = client()
    return [hello(), "\n", ch(["Suite à notre échange, voici les infos demandées.", "Je vous confirme mon accord pour le devis.",
                               "Merci pour la prise en charge rapide de ", ]), (T(ch(PETS)) if maybe(0.3) else ""),
            "\n\nBien à vous,\n--\n", N(p, ch(["fl", "fL", "up"])), "\n", ch(["", "Infirmière libérale\n", "Agricultrice\n", "Retraité\n"]),
            adr(True), "\n", ch(["Port. ", "Mob : ", "☎ ", "tel "]), tel("mob"), ch(["", ["\n", email_for(p)]])]


@gen("email_in", "mail")
def g_email_vet_partner():
    v = mkperson()
    p = client()
    return ["Objet : référé – ", T(ch(PETS)), " (", N(p, "l"), ")\n\nChère consœur, cher confrère,\nJe vous adresse ", ch(["ce patient", "cette chatte", "ce chien"]),
            " pour ", ch(["échographie abdominale", "avis orthopédique", "scanner"]), ". Propriétaire : ", N(p, ch(["cfl", "cl"])), ", ", tel(), ".\n\n",
            "Dr ", PER(v["f"] + " " + v["l"]), "\n", T(ch(TRAP_COS[5:6] + ["Cabinet vétérinaire des Marais", "Clinique des Deux-Rives"])), "\n", EM(slug(v["f"])[0] + "." + slug(v["l"]) + "@" + ch(["vetodesmarais.fr", "clinique-deuxrives.fr"])),
            " – SIRET ", siret()]


# ---- complaints ----
@gen("complaint", "mail")
def g_complaint_email():
    p = client()
    s = vet()
    return ["Objet : RÉCLAMATION facture ", facture(), "\n\nMadame, Monsieur,\nLe ", bdate(), ", mon chien a été vu par le ", DRN(s), ". ",
            "On m'a facturé ", montant(), " alors que le devis était de ", montant(), ". ", ch(["C'est inadmissible.", "Je demande un geste commercial.",
            "Je conteste ce montant."]), "\nMerci de me répondre à ", email_for(p), " ou au ", tel(), ".\n", N(p, ch(["fl", "cfl", "Lf"]))]


@gen("complaint")
def g_complaint_call():
    p, s = client(), staff()
    return ["RÉCLAMATION TEL – ", N(p, ch(["cL", "Lf", "cl"])), " très mécontent(e) : ", ch(["colis livré cassé", "attente de 2h en salle", "erreur de dosage sur l'ordonnance",
            "remboursement assurance toujours pas reçu"]), ". ", ch(["A menacé de poster un avis.", "Demande à parler au responsable.", "Exige un remboursement."]),
            " Escaladé à ", SNm(s), ". Rappel promis sous 48h au ", tel(), "."]


@gen("complaint", "mail")
def g_complaint_escalation():
    p, a, b = client(), staff(), staff()
    return ["Escalade N2 – dossier ", sinistre(), "\n", SNm(a, "fl"), " → ", SNm(b, "fl"), "\nClient : ", N(p, ch(["fL", "Lf"])), " / ", email_for(p),
            "\nRésumé : le client conteste le refus de prise en charge (", ch(["maladie antérieure", "délai de carence", "plafond atteint"]),
            "). Ton agressif. Adresse postale pour courrier recommandé : ", adr(False), "."]


# ---- tickets ----
@gen("ticket", "mail")
def g_ticket_shop():
    p = client()
    return ["Ticket ", ticket(), " – SAV boutique\nStatut : ", ch(["Ouvert", "En attente client", "Résolu"]), "\nClient : ", N(p, ch(["fl", "Lf"])),
            " <", email_for(p), ">\nCommande : ", cmd(), " du ", bdate(), " (", T(ch(PRODUCTS)), ")\nAdresse de livraison : ", adr(False),
            "\nMessage : ", ch(["colis jamais reçu", "mauvaise taille de harnais", "sac de croquettes percé", "je veux un avoir"]),
            "\n— Réponse agent ", SNm(staff("boutique") if maybe(0.5) else staff(), "f"), " : renvoi effectué."]


@gen("ticket", "struct")
def g_ticket_it_internal():
    s, t = staff(), staff("informatique")
    return ["[IT] ", ticket(), " ", ch(["Imprimante HS", "Poste bloqué", "VPN ne se connecte pas", "Lecteur de puce non reconnu"]), "\nDemandeur : ",
            SNm(s, "fl"), " (", T(s["site"]), ")\nPoste : ", ch(["PC-ACC-0", "LAP-VET-", "PC-CONS-"]), str(rint(1, 40)), " – IP ", ip(),
            "\nPris en charge par ", SNm(t, "f"), ". ", ch(["Redémarrage spooler OK.", "MAJ pilote v3.2.1 faite.", "Certificat VPN renouvelé."])]


@gen("ticket", "struct")
def g_ticket_portal_login():
    p = client()
    return ["Support espace client assurance – ", ticket(), "\nL'adhérent(e) ", N(p, ch(["cfl", "fl"])), " (", email_for(p), ") n'arrive plus à se connecter.",
            "\nDernières tentatives depuis ", ip(), ch(["", [" et ", ip()]]), ". Compte verrouillé après 5 essais. Lien de réinitialisation renvoyé."]


# ---- delivery ----
@gen("delivery")
def g_delivery_note():
    p = client()
    return ["Livraison ", cmd(), " – ", ch(["2 sacs de ", "1 carton ", "3 x "]), T(ch(PRODUCTS)), "\nDestinataire : ", N(p, ch(["cfl", "Lf", "fL"])), "\n", adr(True),
            "\n", ch(["Digicode 4512B", "Sonner à l'interphone", "Laisser au gardien", "Portail vert"]), " – tél. ", tel(), "\nCréneau : ", bdate(), " ", heure(), "-", heure()]


@gen("delivery")
def g_delivery_neighbour():
    p, n = client(), client()
    return ["Colis ", ch(["6A", "8R", "1Z"]), digits(11), " déposé chez le voisin ", N(n, ch(["cl", "cL", "cfl"])), ", ", adr(False), ", car ", N(p, ch(["cl", "fl"])),
            " absent(e). Prévenir ", ch(["par SMS au ", "au "]), tel("mob"), "."]


@gen("delivery", "sms")
def g_delivery_failed_sms():
    p = client()
    return [ch(["Livreur: ", "Transporteur: ", "[Chronopost] "]), "impossible de livrer ", PER(p["l"].upper()), ", adresse introuvable ", LO(street()),
            ch(["", " " + town()]) if False else "", ". Client ", ch(["injoignable au ", "ne répond pas au "]), tel(st=ch(["cmp", "sp"])), ch(["", " - retour dépôt"])]


# ---- payments ----
@gen("payment")
def g_payment_phone_card():
    p = client()
    c = card()
    return ["Paiement à distance ", facture(), " – ", montant(), "\n", N(p, ch(["cfl", "fl", "Lf"])), " a dicté sa carte : ", c,
            " exp ", "%02d/%d" % (rint(1, 12), rint(26, 30)), ch([" cryptogramme non noté", " (crypto donné, non conservé)", ""]),
            ". ", ch(["Autorisation OK.", "Refusée, 2e essai OK.", "Paiement accepté."]), " Saisi par ", SNm(staff(), "f"), "."]


@gen("payment")
def g_payment_refund_iban():
    p = client()
    return ["Remboursement ", ch(["assurance", "avoir boutique", "trop-perçu"]), " ", montant(), " à ", N(p, ch(["cfl", "cl", "fL"])),
            "\nIBAN communiqué : ", iban(), ch(["", " (BIC " + ch(["AGRIFRPP", "CCBPFRPP", "SOGEFRPP", "CMCIFR2A"]) + ")"]),
            "\nAncienne carte finissant par ", digits(4), " non utilisée. Virement programmé le ", bdate(), "."]


@gen("payment", "struct")
def g_payment_rejected_sepa():
    p = client()
    return ["REJET PRÉLÈVEMENT\nContrat : ", contrat(), "\nDébiteur : ", N(p, ch(["up", "Lf", "fL"])), "\nIBAN : ", iban(st=ch(["g4", "cmp"])),
            "\nMotif : ", ch(["AM04 provision insuffisante", "AC04 compte clôturé", "MD06 contestation"]), "\nMontant : ", montant(), "\nAction : courrier + appel ",
            tel()]


@gen("payment")
def g_payment_instalments():
    p = client()
    return ["Paiement en 3x accordé pour la chirurgie de ", T(ch(PETS)), " (", montant(), "). ", N(p), " – CB ", card(), " – échéances le ",
            bdate(), ", ", bdate(), " et ", bdate(), ". Accord de ", DRN(vet()), "."]


@gen("accounting", "mail")
def g_accountant_supplier():
    s = staff("comptable")
    c = ch(TRAP_COS)
    return ["Compta – fournisseur ", T(c), "\nNouveau RIB reçu par courrier le ", bdate(), " : ", iban(ch(["FR", "FR", "BE", "DE"])), "\nSIRET ", siret(),
            "\nFactures ", facture(), " et ", facture(), " à régler (", montant(), "). Vérifié par téléphone avec ", N(mkperson(), ch(["cfl", "cl"])), " au ", tel("fix"),
            ".\n", SNm(s, "f")]


@gen("accounting", "mail")
def g_dunning():
    p = client()
    return ["Relance n°", str(rint(1, 3)), " – facture ", facture(), " du ", bdate(), " – reste dû ", montant(), "\n", N(p, ch(["cfl", "cL"])), "\n", adr(True),
            "\n\nSans règlement sous 15 jours, le dossier sera transmis au service contentieux.\nContact : ", EM("compta@" + DOM_CLIN), " – ", tel("fix")]


# ---- SMS / WhatsApp ----
@gen("sms", "sms")
def g_sms_client():
    p = client()
    return [ch(["SMS reçu de ", "SMS de ", "Msg "]), tel("mob", ch(["intlc", "sp", "cmp"])), " : « ", ch(["Bjr c ", "Bonjour c'est ", "slt c "]),
            N(p, ch(["f", "fl", "low"])), ", ", ch(["jpeux pas venir demain pr ", "est ce que ", "mrc pr "]), T(ch(PETS).lower()),
            ch([" dsl", " peut passer a 17h?", " on rappelle qd?", " 😊", " bcp"]), " »"]


@gen("sms", "sms")
def g_sms_reminder_reply():
    p = client()
    pt = pet()
    return ["Rappel envoyé au ", tel("mob", "intlc"), " : « ", T(pt["name"]), " a RDV le ", bdate(), " à ", heure(), " chez ", clinic(),
            ". Répondez STOP pour annuler. »\nRéponse : « ", ch(["ok merci ", "STOP ", "c plus moi ce numero, c mon ex ", "impossible pr moi "]),
            ch([N(p, "low"), N(p, "f"), ""]), " »"]


@gen("sms", "sms")
def g_sms_emergency():
    v = vet()
    p = client()
    return ["[GARDE] SMS ", heure(), " de ", tel("mob", "sp"), " : urgence ", ch(["chien renversé", "chatte en mise bas", "vache qui vêle mal", "intoxication chocolat"]),
            ", ", N(p, ch(["fl", "low", "Lf"])), ", ", adr(False, rural=maybe(0.4)), ". Transmis à ", DRN(v), " (", PH(v["tel"]), ")."]


@gen("whatsapp", "sms")
def g_whatsapp_export():
    p = client()
    s = staff()
    d = "%02d/%02d/2025" % (rint(1, 28), rint(1, 12))
    pn = p["f"] + " " + p["l"] if maybe(0.6) else None
    lines = []
    who = [(PER(pn) if pn else tel("mob", "intl")), PER(s["f"] + " " + ("Félicanis" if False else s["l"]))]
    msgs = [(0, ["Bonjour, le pansement de ", T(ch(PETS)), " est tombé"]), (1, ["Bonjour, passez à 14h"]),
            (0, ["ok, je serai avec mon mari ", PER(ch(MAS))]), (1, ["Parfait"]),
            (0, ["ma nouvelle adresse pour la facture : ", adr(False)])]
    for k, (i, m) in enumerate(msgs[:rint(3, 5)]):
        fmt = ch(["[%s %02d:%02d:%02d] " % (d, 10, k * 3, rint(0, 59))])
        lines += [fmt, who[i], ": ", m, "\n"]
    return lines[:-1]


@gen("whatsapp", "sms")
def g_whatsapp_staff():
    a, b, c = staff(), staff(), staff()
    p = client()
    return [ch(["14/03/2025", "02/04/2025", "21/05/2025"]), " 08:1", str(rint(0, 9)), " - ", PER(a["f"]), ": qui peut prendre ", N(p, "cl"), " à 9h ? ",
            ch(["malade", "enfant malade", "bouchons"]), "\n", "08:2", str(rint(0, 9)), " - ", PER(b["f"] + " " + b["l"][0].upper()), ".: moi\n",
            "08:3", str(rint(0, 9)), " - ", PER(c["f"]), ": son num ", tel("mob", "sp"), " au cas où"]


# ---- web forms ----
@gen("webform", "struct")
def g_webform_contact():
    p = client()
    return ["Nouvelle demande via le formulaire de contact (", T("www.felicanis.fr/contact"), ")\nNom : ", PER(p["l"].upper() if maybe(0.5) else p["l"]),
            "\nPrénom : ", PER(p["f"]), "\nE-mail : ", email_for(p), "\nTéléphone : ", tel(), "\nAnimal : ", T(ch(PETS)),
            "\nMessage : ", ch(["Bonjour, prenez-vous les NAC ?", "Je voudrais un devis stérilisation.", "Avez-vous un vétérinaire le samedi ?"]),
            "\nConsentement RGPD : oui\nIP : ", ip()]


@gen("webform", "struct")
def g_webform_insurance_quote():
    p = client()
    pt = pet()
    d = dob_t()
    return ["Demande de devis assurance\n---\nsouscripteur_nom: ", PER(p["l"]), "\nsouscripteur_prenom: ", PER(p["f"]), "\ndate_naissance_souscripteur: ",
            dob(d, ch(["sl", "iso"])), "\nadresse: ", adr(False), "\nemail: ", email_for(p), "\nmobile: ", tel("mob", ch(["cmp", "sp"])),
            "\nanimal_nom: ", T(pt["name"]), "\nanimal_espece: ", pt["sp"], "\nanimal_date_naissance: ", "%02d/%02d/%d" % (rint(1, 28), rint(1, 12), rint(2012, 2024)),
            "\nformule: ", ch(["Essentielle", "Confort", "Intégrale"])]


@gen("webform", "struct")
def g_webform_job():
    p = client()
    return ["Candidature spontanée – poste ", ch(["ASV", "vétérinaire canine", "préparateur de commandes"]), "\nNom complet : ", N(p, ch(["fl", "fL", "up"])),
            "\nNé(e) le : ", dob(dob_t(1975, 2004)), "\nAdresse : ", adr(False), "\nTél : ", tel(), "\nEmail : ", email_for(p),
            "\nProfil : ", url_for(p), "\nDisponibilité : ", bdate()]


@gen("webform", "struct")
def g_webform_lost_pet():
    p = client()
    pt = pet()
    return ["Formulaire « Animal perdu »\nEspèce : ", pt["sp"], " | Nom : ", T(pt["name"]), " | Puce : ", puce(), "\nPerdu le ", bdate(), " vers ", T(ch(TRAP_STREETS)),
            "\nPropriétaire : ", N(p, ch(["fl", "Lf"])), "\nJoignable : ", tel(), ch(["", [" / ", tel()]]), "\nRécompense : ", ch(["oui", "non", "50 €"])]


# ---- spreadsheet pastes ----
@gen("csv_paste", "struct")
def g_csv_clients():
    rows = ["id,nom,prenom,email,tel,ville"]
    for _ in range(rint(2, 5)):
        p = client()
        rows += ["\n", str(rint(1000, 99999)), ",", PER(p["l"]), ",", PER(p["f"]), ",", email_for(p), ",", tel(st=ch(["cmp", "dot", "sp"])), ",",
                 T(ch(TOWNS)[1])]
    return rows


@gen("csv_paste", "struct")
def g_tsv_appointments():
    rows = ["Heure\tAnimal\tPropriétaire\tTél\tVéto"]
    for _ in range(rint(3, 6)):
        p = client()
        rows += ["\n", heure(), "\t", T(ch(PETS)), "\t", N(p, ch(["Lf", "fl", "cl"])), "\t", tel(st="sp"), "\t", PER(vet()["l"].upper())]
    return rows


@gen("csv_paste", "struct")
def g_csv_claims():
    rows = ["n_sinistre;adherent;iban_remboursement;montant;statut"]
    for _ in range(rint(2, 4)):
        p = client()
        rows += ["\n", sinistre(), ";", PER((p["l"].upper() + " " + p["f"])), ";", iban(st="cmp"), ";", montant().replace(" €", ""), ";",
                 ch(["payé", "en attente", "refusé"])]
    return rows


@gen("csv_paste", "struct")
def g_excel_oncall():
    rows = ["Planning astreinte – semaine ", str(rint(1, 52)), "\nJour\tVétérinaire\tPortable\tVéhicule"]
    for j in ["Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"][:rint(3, 7)]:
        v = vet()
        rows += ["\n", j, "\t", N(v, ch(["fl", "Lf", "l"])), "\t", PH(v["tel"]), "\t", plate()]
    return rows


# ---- mail merge ----
@gen("mail_merge", "mail")
def g_merge_one_filled():
    p = client()
    fld = ch(["nom", "email", "tel"])
    v = {"nom": N(p, ch(["cl", "cfl"])), "email": email_for(p), "tel": tel()}[fld]
    return [ch(["Bonjour ", "Madame, Monsieur "]), v if fld == "nom" else "{{civilite}} {{nom}}", ",\n\nLe rappel de vaccin de {{animal}} arrive à échéance le {{date_rappel}}.",
            "\nNous vous contacterons au ", v if fld == "tel" else "{{telephone}}", " pour fixer un rendez-vous.\nConfirmation envoyée à ",
            v if fld == "email" else "{{email}}", ".\n\nL'équipe Félicanis"]


@gen("mail_merge", "mail")
def g_merge_letter():
    p = client()
    return ["«CIVILITE» ", N(p, ch(["fl", "fL", "up"])), "\n«ADRESSE_1»\n«CP» «VILLE»\n\nObjet : renouvellement de votre contrat «NUM_CONTRAT»\n\n",
            "Cher(e) adhérent(e),\nVotre cotisation passera à «MONTANT» au 1er janvier. ", ch(["", "Pour toute question : «TEL_AGENCE»."])]


# ---- minutes ----
@gen("minutes", "note")
def g_minutes_clinic():
    a, b, c, d = staff(), staff(), vet(), staff()
    p = client()
    return ["CR réunion d'équipe ", clinic(), " – ", bdate(), "\nPrésents : ", SNm(a), ", ", SNm(b), ", ", DRN(c), "\nExcusée : ", SNm(d, "fl"),
            "\n1. Planning d'été validé.\n2. Litige ", N(p, ch(["cl", "cL"])), " : geste commercial de ", montant(), ".\n3. ", ch(["Nouvelle centrifugeuse reçue.", "Formation radioprotection le " + bdate() + "."]),
            "\nAction : ", PER(a["f"]), " rappelle ", N(p, "l"), " au ", tel(), "."]


@gen("minutes", "note")
def g_minutes_breeders():
    v, c = staff("rurale") if maybe(0.5) else vet(), staff("élevages")
    f1, f2 = client(0), client(0)
    return ["Réunion groupement éleveurs – ", T(ch(RURAL)[1]), " – ", bdate(), "\nAnimée par ", DRN(v), " et ", SNm(c), ".\nÉleveurs présents : ", N(f1, ch(["fl", "cL"])),
            " (", T(ch(["GAEC Le Bihan", "EARL Kerhervé", "GAEC des Trois Chênes", "EARL du Moulin"])), "), ", N(f2, ch(["fl", "Lf"])),
            ".\nSujets : plan BVD, tarifs visites. ", N(f2, "l"), " demande un devis à envoyer au ", adr(False, rural=True), "."]


@gen("minutes", "note")
def g_minutes_codir():
    a, b, c = staff(), staff(), staff()
    return ["CODIR du ", bdate(), "\n- ", SNm(a, "fl"), " : CA mars +4 %, 3 nouvelles cliniques en cours.\n- ", SNm(b, "fl"), " : départ de ", N(mkperson(), "fl"),
            " au ", bdate(), ", recrutement ASV.\n- ", SNm(c, "fL"), " : migration serveur (", ip(), ") prévue le ", bdate(), ".\nProchain CODIR : ", bdate()]


# ---- insurance ----
@gen("insurance_sub")
def g_ins_subscription_call():
    p = client()
    d = dob_t()
    pt = pet()
    return ["Souscription par téléphone – ", SNm(staff("assurance") if maybe(0.5) else staff(), "f"), "\nSouscripteur : ", N(p, ch(["cfl", "Lf", "fL"])), ", né(e) le ",
            dob(d), "\nAdresse : ", adr(False), "\nAnimal : ", T(pt["name"]), ", ", PETD(pt), ", ", str(pt["age"]), " ans\nFormule ", ch(["Confort 70 %", "Intégrale 90 %", "Essentielle 50 %"]),
            " – ", montant(), "/mois\nPrélèvement sur ", iban(), "\nContrat ", contrat(), " émis le ", bdate()]


@gen("insurance_contract", "struct")
def g_ins_contract_summary():
    p = client()
    d = dob_t()
    sp = mkperson(g="M" if p["g"] == "F" else "F")
    sp["l"] = p["l"] if maybe(0.6) else sp["l"]
    return ["FICHE CONTRAT ", contrat(), "\nAssuré principal ........ ", N(p, ch(["Lf", "fL"])), "\nDate de naissance ....... ", dob(d, ch(["sl", "long"])),
            "\nCo-assuré(e) ............ ", N(sp, ch(["fl", "Lf"])), "\nAdresse ................. ", adr(False), "\nIBAN .................... ", iban(),
            "\nAnimaux couverts ........ ", T(ch(PETS)), ", ", T(ch(PETS)), "\nEffet ................... ", bdate()]


@gen("insurance_claim")
def g_ins_claim_note():
    p = client()
    s = staff("sinistres") if maybe(0.6) else staff()
    return ["Sinistre ", sinistre(), " – ", N(p, ch(["cl", "fl", "cfl"])), "\nFeuille de soins reçue de ", T(ch(TRAP_COS[5:6] + ["Cabinet vétérinaire des Marais", "Clinique des Deux-Rives"])),
            " (SIRET ", siret(), "), acte du ", bdate(), " : ", ch(["ablation tumeur", "ostéosynthèse", "détartrage", "hospitalisation 2 j"]), " ", montant(),
            ".\nRemboursé ", ch(["70 %", "90 %", "50 %"]), " sur le compte ", iban(st=ch(["g4", "bank"])), ". Traité par ", SNm(s, "f"), "."]


@gen("insurance_sub", "mail")
def g_ins_cancellation():
    p = client()
    return ["Objet : résiliation contrat ", contrat(), " (", T("loi Hamon"), ")\n\nMadame, Monsieur,\nJe vous informe résilier mon contrat d'assurance pour mon chien ", T(ch(PETS)),
            ch([", décédé le " + bdate() + ".", " à l'échéance.", ", devenu trop cher."]), "\nMerci de cesser les prélèvements sur le compte ", iban(),
            ".\n\n", N(p, ch(["fl", "fL", "up"])), "\n", adr(True), "\n", ch(["", email_for(p)])]


@gen("insurance_contract")
def g_ins_add_coinsured():
    p = client()
    c = mkperson()
    d = dob_t()
    return ["Avenant ", contrat(), " : ajout de ", N(c, ch(["cfl", "fl"])), " (conjoint(e) de ", N(p, ch(["cl", "fl"])), "), né(e) le ", dob(d),
            ", même adresse. NIR fourni par erreur sur le formulaire : ", nir_for(c, d), " – ", ch(["à ne pas conserver.", "supprimer du scan.", "non requis."])]


@gen("insurance_sub", "mail")
def g_ins_quote_followup():
    p, s = client(), staff("assurance")
    return [hello(p), "\n\nComme convenu au téléphone, vous trouverez ci-joint le devis pour ", T(ch(PETS)), " (", montant(), "/mois). ",
            "L'offre est valable jusqu'au ", bdate(), ".\n", sig(s)]


# ---- veterinary care ----
@gen("consult")
def g_consult_summary():
    p, pt, v = client(), pet(), vet()
    return ["Compte-rendu de consultation – ", bdate(), "\nVétérinaire : ", DRN(v), "\nAnimal : ", T(pt["name"]), " (", PETD(pt), ", ", pt["sex"], ", puce ", puce(), ")",
            "\nPropriétaire : ", N(p, ch(["cfl", "fL", "Lf"])), " – ", tel(), "\nMotif : ", ch(["boiterie AP", "otite", "vomissements", "bilan gériatrique", "vaccin CHPPiL"]),
            "\nPoids ", "%d,%d kg" % (rint(2, 40), rint(0, 9)), " – T° 38,", str(rint(1, 9)), "\nTraitement : ", ch(["Métacam 7 j", "Amoxicilline 10 j", "surveillance"])]


@gen("referral", "mail")
def g_referral_letter():
    p, v = client(), vet()
    return [T("Clinique vétérinaire Claude-Bourgelat"), " – service imagerie\nÀ l'attention du ", DRN(v), "\n\nCher confrère,\nNous avons reçu ", T(ch(PETS)),
            " appartenant à ", N(p, ch(["cfl", "cl"])), " (", adr(False), "). Conclusions : ", ch(["pas de corps étranger", "masse splénique de 3 cm", "dysplasie coxo-fémorale"]),
            ".\nBien confraternellement,\n", "Dr ", PER(mkperson()["l"])]


@gen("prescription")
def g_prescription():
    p, v, pt = client(), vet(), pet()
    return ["ORDONNANCE\n", DRN(v), " – N° ordre ", str(rint(10000, 39999)), "\n", clinic(), "\n\nPropriétaire : ", N(p, ch(["cfl", "fL"])), "\n", adr(True),
            "\nAnimal : ", T(pt["name"]), ", ", PETD(pt), ", ", str(rint(2, 40)), " kg\n\n", ch(["Apoquel 16 mg : 1 cp/j 14 j", "Prednisolone 5 mg : ½ cp matin", "Milbemax : 1 cp"]),
            "\nÀ renouveler : ", ch(["non", "1 fois"])]


@gen("lab", "mail")
def g_lab_results():
    p, v = client(), vet()
    return ["Bonjour ", N(p, ch(["f", "cl"])), ",\nLes résultats de la prise de sang de ", T(ch(PETS)), " sont arrivés : ", ch(["urée et créatinine normales", "légère anémie", "T4 élevée"]),
            ". Le ", DRN(v), " vous propose un contrôle dans un mois.\nRésultats complets en pièce jointe (mot de passe : votre date de naissance, ", dob(), ").\n", clinic()]


@gen("consult")
def g_hospitalisation():
    p, v, a = client(), vet(), staff("ASV")
    return ["HOSPI box ", str(rint(1, 12)), " – ", T(ch(PETS)), " (", N(p, "l"), ")\nEntrée ", bdate(), " ", heure(), " par ", DRN(v), "\nPerf NaCl, surveillance 4h. ", SNm(a, "f"),
            " de nuit.\nPersonne à prévenir : ", N(client(), ch(["fl", "cfl"])), " ", tel(), ch(["", [" ou ", tel()]])]


@gen("end_of_life")
def g_euthanasia():
    p, v = client(), vet()
    return ["Euthanasie ", T(ch(PETS)), " – ", bdate(), " – ", DRN(v), "\nPropriétaire présent(e) : ", N(p), ".\nCrémation individuelle via ", T("Crématorium animalier Les Jardins d'Hortense"),
            ", retour de l'urne à domicile : ", adr(False), ".\nRéglé ", montant(), " par ", ch(["CB", "chèque", "virement"]), ". Carte de condoléances signée par ", SNm(staff(), "f"), " et ", SNm(staff(), "f"), "."]


@gen("home_visit")
def g_home_visit_car():
    v, p = vet(), client()
    return ["Visite à domicile – ", DRN(v), ch([" (véhicule ", " avec la "]), ch(["Clio ", "Berlingo ", "Kangoo "]), plate(), ")\nChez ", N(p, ch(["cfl", "cL"])), ", ", adr(False),
            "\n", ch(["Chat âgé, euthanasie à domicile.", "Vaccins de 3 chiens.", "Chienne qui ne se lève plus."]), " Km : ", str(rint(4, 60)), ". ",
            ch(["Code portail 1987", "Chien méchant dans le jardin", "Se garer devant le garage"])]


# ---- farm ----
@gen("farm")
def g_farm_visit():
    f = client(0)
    v = staff("rurale") if maybe(0.6) else vet()
    return ["Visite élevage ", T(ch(["GAEC Le Bihan", "EARL Kerhervé", "GAEC des Trois Chênes", "EARL de la Vallée"])), " – ", bdate(), "\n", N(f, ch(["cfl", "cL", "fL"])),
            ", ", adr(rural=True), "\n", ch(["Tuberculination 84 bovins", "Vêlage difficile, césarienne", "Parage + mammites", "Prophylaxie ovine"]),
            ". Fixe ", tel("fix", "sp"), " / port. ", tel("mob"), ". Véto : ", DRN(v)]


@gen("farm", "mail")
def g_farm_quote_siren():
    f = client(0)
    return ["Devis suivi de reproduction – élevage ", T(ch(["GAEC des Trois Chênes", "EARL de la Vallée", "SCEA du Grand Pré"])), "\nSIREN : ", siren(), "\nResponsable : ",
            N(f, ch(["fl", "cfl"])), " – ", email_for(f), "\n", ch(["12 visites/an", "6 visites/an"]), " – ", montant(), " HT. Devis n° ", "D%05d" % rint(1, 99999), " valable 30 jours."]


@gen("farm", "sms")
def g_farm_phone_order():
    f = client(0)
    return ["cde tel ", PER(f["l"].upper()), " ", tel(st=ch(["sp", "cmp"])), " : ", ch(["20 L ivermectine", "3 seaux pierre à lécher", "colostrum x10"]), ", livrer ",
            LO(ch(["lieu-dit ", "ferme de ", ""]) + ch(["la Pommeraie", "Kervenal", "la Motte-Bréhaut", "Bel-Air"]) + ", " + town(True)), ch([", tracteur bloque le chemin", "", " avant jeudi"])]


# ---- ownership / identification ----
@gen("ownership")
def g_cession():
    a, b = client(), client()
    pt = pet()
    return ["Cession de ", T(pt["name"]), " (", PETD(pt), ", puce ", puce(), ")\nCédant : ", N(a, ch(["fl", "cfl"])), ", ", adr(False), "\nAcquéreur : ", N(b, ch(["fl", "cfl"])),
            ", né(e) le ", dob(), ", ", adr(False), ", ", tel(), "\nDate de cession : ", bdate(), " – certificat vétérinaire signé."]


@gen("ownership", "struct")
def g_icad_change():
    p = client()
    return ["Changement de détenteur I-CAD\nIdentifiant : ", ch([puce(), tatouage()]), "\nAncien détenteur : ", N(client(), "Lf"), "\nNouveau détenteur : ", N(p, "Lf"),
            "\nAdresse : ", adr(False), "\nCourriel : ", email_for(p), "\nTél. : ", tel(), "\nSaisi le ", bdate()]


@gen("lost_found")
def g_found_animal():
    f, o = client(), client()
    return ["Chat trouvé déposé à l'accueil par ", N(f), " (", tel(), "). Lecture puce ", puce(), " → détenteur : ", N(o, ch(["cl", "cfl", "Lf"])),
            ", ", ch([tel(), email_for(o)]), ". ", ch(["Prévenu, vient ce soir.", "Messagerie, SMS envoyé.", "Numéro plus attribué."])]


@gen("pet_taxi")
def g_pet_taxi():
    p, d = client(), mkperson()
    return ["Taxi animalier ", bdate(), " ", heure(), "\nPrise en charge : ", adr(False), " (", N(p, ch(["cl", "fl"])), ", ", tel(), ")\nDestination : ", clinic(),
            "\nChauffeur : ", N(d, ch(["f", "fl"])), ch([" – véhicule ", " – immat. "]), plate(), "\nPrix : ", montant()]


# ---- boarding / training ----
@gen("boarding")
def g_boarding_booking():
    p, e = client(), client()
    pt = pet()
    return ["Réservation pension ", T("Pension canine Le Domaine de Jules"), " du ", bdate(), " au ", bdate(), "\n", T(pt["name"]), ", ", PETD(pt), "\nPropriétaire : ",
            N(p, ch(["fl", "cfl"])), " ", tel(), ch(["", [" (pendant les vacances : ", tel_foreign(), ")"]]), "\nContact d'urgence : ", N(e, ch(["fl", "f"])),
            " ", tel(), "\nVéto traitant : ", DRN(vet())]


@gen("training")
def g_training_session():
    p, s = client(), mkperson()
    return ["Séance d'éducation n°", str(rint(1, 10)), " – ", T(ch(PETS)), " (", T(ch(DOG_BREEDS)), ")\nÉducateur : ", N(s, ch(["fl", "f"])), "\nMaître : ", N(p, ch(["fl", "f", "cl"])),
            ". Travail rappel + marche en laisse. ", ch(["Progrès nets.", "Chien réactif aux vélos.", "À revoir : le pas bouger."]), " Prochaine séance ", bdate(), "."]


# ---- HR / staff ----
@gen("hr", "struct")
def g_hr_new_hire():
    p = mkperson()
    d = dob_t(1970, 2003)
    return ["Entrée salarié – ", clinic(), "\nNom : ", PER(p["l"].upper()), "  Prénom : ", PER(p["f"]), "\nNé(e) le ", dob(d), ch([" à ", " – "]), T(ch(TOWNS)[1]),
            "\nN° SS : ", nir_for(p, d), "\nAdresse : ", adr(False), "\nRIB salaire : ", iban(), "\nPoste : ", ch(["ASV", "vétérinaire", "agent d'entretien"]), " – début ", bdate()]


@gen("hr", "mail")
def g_hr_payroll_change():
    s, r = staff(), staff("RH")
    return ["Objet : changement de RIB\n\nBonjour ", N(r, "f"), ",\nPeux-tu mettre à jour mon RIB pour la paie de ", ch(MONTHS), " : ", iban(), ".\nMerci !\n", SNm(s, "fl")]


@gen("hr")
def g_expense_note():
    s = staff()
    return ["Note de frais ", ch(MONTHS), " – ", SNm(s, ch(["fl", "Lf"])), "\nIndemnités km véhicule perso ", plate(), " (", ch(["5 CV", "4 CV", "6 CV"]), ") : ",
            str(rint(120, 1400)), " km\nPéage ", montant(), ", repas ", montant(), "\nValidé par ", SNm(staff(), "f"), " le ", bdate()]


@gen("hr", "struct")
def g_intern_agreement():
    p = mkperson()
    t = vet()
    return ["Convention de stage\nStagiaire : ", N(p, ch(["fL", "Lf"])), ", né(e) le ", dob(dob_t(1999, 2008)), "\nÉtablissement : ", T(ch(["ENVT Toulouse", "Oniris Nantes", "lycée agricole du Rheu", "VetAgro Sup"])),
            "\nAdresse : ", adr(False), "\nMail : ", email_for(p), "\nTuteur : ", DRN(t), "\nPériode : ", bdate(), " – ", bdate()]


# ---- GDPR ----
@gen("gdpr", "mail")
def g_gdpr_access():
    p = client()
    return ["Objet : demande d'accès RGPD\n\nEn application de l'article 15, je demande copie de toutes mes données. Pour m'identifier : ", N(p, ch(["fl", "fL"])),
            ", né(e) le ", dob(), ", client(e) à ", clinic(), ", adresse ", adr(False), ".\nRéponse à ", email_for(p), ".\n\nTransmis au DPO (", EM("dpo@" + DOM_CLIN), ")."]


@gen("gdpr")
def g_gdpr_erasure():
    p = client()
    s = staff()
    return ["Suppression RGPD traitée le ", bdate(), " par ", SNm(s, "fl"), " : fiche ", N(p, ch(["Lf", "fl"])), " (", email_for(p), ", ", tel(), ") anonymisée. ",
            "Factures conservées 10 ans (obligation comptable)."]


@gen("gdpr", "mail")
def g_unsubscribe():
    p = client()
    return [ch(["Désinscription newsletter : ", "STOP mail – ", "unsubscribe request: "]), email_for(p), ch(["", [" (", N(p, "fl"), ")"]]),
            ch([" – ne plus envoyer de promos.", " - merci de ne plus m'écrire", ". Done."])]


# ---- CRM audit ----
@gen("crm_audit", "struct")
def g_crm_history():
    p = client()
    s = staff()
    return ["Historique fiche ", N(p, ch(["Lf", "fl"])), "\n", bdate(), " ", heure(), " – ", SNm(s, "fl"), " : champ Téléphone ", tel(), " → ", tel(), "\n", bdate(), " ", heure(),
            " – ", SNm(staff(), "fl"), " : champ E-mail ", email_for(p), " → ", email_for(p), "\n", bdate(), " ", heure(), " – système : consentement SMS = non"]


@gen("crm_audit")
def g_merge_duplicates():
    p = client()
    return ["Fusion de doublons : fiche n°", str(rint(10000, 99999)), " (", N(p, "up"), ", ", tel(), ") et fiche n°", str(rint(10000, 99999)), " (", N(p, ch(["fl", "low"])),
            ", ", email_for(p), "). Fiche conservée : la plus récente. Fait par ", SNm(staff(), "f"), "."]


@gen("crm_audit", "struct")
def g_contact_card_plain():
    p = client(0.1)
    return ["FICHE CLIENT\nCivilité : ", civ(p), "\nNom : ", PER(p["l"]), "\nPrénom : ", PER(p["f"]), "\nDate de naissance : ", dob(), "\nAdresse : ", adr(True) if maybe(0.5) else adr(False),
            "\nPortable : ", tel("mob"), "\nFixe : ", tel("fix"), "\nE-mail : ", email_for(p), "\nAnimaux : ", T(ch(PETS)), ", ", T(ch(PETS)), "\nClinique : ", clinic()]


# ---- foreign clients ----
@gen("foreign", "mail")
def g_foreign_tourist_en():
    c = ch(["UK", "US", "DE", "NL", "BE", "CH", "CA"])
    p = mkperson(c)
    return ["Walk-in ", bdate(), ": ", N(p, "fl"), " (", c, " tourist), dog ", T(ch(PETS)), " needs EU pet passport stamp + tapeworm treatment before ferry.",
            "\nHome address: ", adr_foreign(c), "\nMobile: ", tel_foreign(c), "\nEmail: ", email_for(p), "\nPaid ", montant(), " by card."]


@gen("foreign")
def g_foreign_client_mixed():
    c = ch(["BE", "CH", "IT", "ES", "PT", "DE", "LU"])
    p = mkperson(c if c != "LU" else "BE")
    return ["Client(e) frontalier / résidence secondaire : ", N(p, ch(["fl", "cfl", "Lf"])), "\nAdresse principale : ", adr_foreign(c), "\nAdresse en France : ", adr(False),
            "\nTél. ", tel_foreign(c), " / FR ", tel("mob"), "\nRèglement par virement depuis ", iban(ch(["BE", "DE", "ES", "IT", "PT", "CH", "LU"]))]


@gen("foreign")
def g_overseas_client():
    p = client(0)
    return ["Envoi ordonnance + produits à ", N(p, ch(["cfl", "fl"])), " (mutation ", ch(["Guadeloupe", "Réunion", "Martinique", "Guyane", "Mayotte", "Nouvelle-Calédonie", "Polynésie"]),
            ")\n", adr_dom(), "\nTél. ", tel_dom(), "\nFrais de port ", montant()]


# ---- B2B ----
@gen("b2b", "mail")
def g_supplier_rep():
    r = mkperson()
    co = ch(["Laboratoire Bertin-Vallet SAS", "Aliments Guéguen Nutrition", "Croquettes Maison Marcel"])
    return ["Nouveau délégué ", T(co), " pour le secteur ouest : ", N(r, ch(["fl", "cfl"])), "\n", EM(slug(r["f"]) + "." + slug(r["l"]) + "@" + ch(["bertin-vallet.fr", "gueguen-nutrition.com", "maisonmarcel.fr"])),
            " – ", tel("mob"), "\nProchaine visite le ", bdate(), " pour présenter la gamme ", T(ch(PRODUCTS))]


@gen("b2b", "struct")
def g_partner_clinic_list():
    rows = ["Cliniques partenaires (tiers payant)\nNom;Responsable;SIRET;Tél"]
    for _ in range(rint(2, 4)):
        v = mkperson()
        rows += ["\n", T(ch(["Cabinet vétérinaire des Marais", "Clinique des Deux-Rives", "Clinique vétérinaire Claude-Bourgelat", "Vétos du Bocage", "Clinique de l'Estuaire"])), ";Dr ",
                 PER(v["f"] + " " + v["l"]), ";", ST(siret_raw()), ";", tel("fix", "sp")]
    return rows


@gen("b2b")
def g_linkedin_prospect():
    p = client(0)
    return ["Prospection B2B – ", N(p, "fl"), ", ", ch(["directrice d'élevage canin", "gérant de chenil", "responsable refuge"]), " à ", T(ch(TOWNS)[1]), "\nProfil : ", url_for(p),
            "\nMessage InMail envoyé le ", bdate(), " par ", SNm(staff("élevages") if maybe(0.5) else staff(), "f"), ". ", ch(["Pas de réponse.", "Intéressé(e), rdv visio.", "Relancer dans 1 mois."])]


# ---- misc ----
@gen("fleet")
def g_parking_fine():
    s = staff()
    return ["Avis de contravention reçu : véhicule de service ", plate(), ", le ", bdate(), " à ", heure(), ", ", T(ch(TRAP_STREETS)), ". Conducteur désigné : ", SNm(s, ch(["fl", "Lf"])),
            ", né(e) le ", dob(dob_t(1965, 2000)), ", permis n° ", digits(12), ". Désignation faite sur ANTAI."]


@gen("it_ticket", "struct")
def g_remote_assist():
    s = staff()
    return ["Télémaintenance ", bdate(), " ", heure(), "\nUtilisateur : ", SNm(s, "fl"), " (", EM(s["mail"]), ")\nID TeamViewer ", "%d %d %d" % (rint(100, 999), rint(100, 999), rint(100, 999)),
            "\nIP publique du site : ", ip(port=maybe(0.3)), "\nIP poste : ", IPA(ip4(True)), "\nLogiciel véto mis à jour en ", ch(["v5.2", "v12.4.1", "2025.03"])]


@gen("event", "struct")
def g_event_registration():
    rows = ["Inscrits soirée « Portes ouvertes » ", clinic(), " – ", bdate()]
    for _ in range(rint(2, 5)):
        p = client()
        rows += ["\n- ", N(p, ch(["fl", "Lf", "cfl"])), " – ", ch([email_for(p), tel()]), " – ", str(rint(1, 4)), " pers."]
    return rows


@gen("sms", "sms")
def g_shift_swap():
    a, b = staff(), staff()
    return [PER(a["f"]), " → ", PER(b["f"]), " : ", ch(["tu peux me remplacer samedi ?", "on échange mardi contre jeudi ?", "je prends ta garde dimanche si tu veux"]),
            " mon num perso c'est le ", tel("mob", ch(["sp", "cmp"])), ch(["", " 🙏", " bisous"])]


@gen("consult", "mail")
def g_vaccine_certificate_request():
    p = client()
    return ["Demande de certificat de vaccination antirabique pour voyage (", ch(["Royaume-Uni", "Maroc", "Suisse", "Canada"]), ").\nDemandeur : ", N(p, ch(["fL", "Lf"])),
            ", passeport n° ", ch(["19", "20", "21", "22"]) + "".join(ch("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + digits(5), ", né(e) le ", dob(),
            "\nEnvoyer à : ", email_for(p)]


@gen("complaint", "mail")
def g_review_reply_private():
    p = client()
    s = staff()
    return ["Réponse privée à l'avis 2★ de ", N(p, ch(["fl", "f"])), " :\n", hello(p), "\nNous sommes désolés de votre expérience. ", SNm(s, "fl"),
            ", responsable de site, souhaiterait vous appeler. Pouvez-vous confirmer votre numéro (", tel(), ") ?\nL'équipe ", clinic()]


@gen("payment", "mail")
def g_payment_link():
    p = client()
    return ["Lien de paiement envoyé à ", email_for(p), " pour la facture ", facture(), " (", montant(), "). ", N(p, ch(["cfl", "fl"])),
            ch([" a payé le ", " n'a pas encore payé au "]), bdate(), ". ", ch(["", ["Carte utilisée : ", card(), " (saisie par erreur dans le commentaire)."]])]


@gen("insurance_claim", "struct")
def g_claim_webform_en():
    p = client(0.3)
    return ["Online claim form\nPolicyholder: ", N(p, "fl"), "\nDate of birth: ", dob(st=ch(["en", "sl", "iso"])), "\nPolicy no.: ", contrat(), "\nVet clinic SIRET: ", siret(),
            "\nAmount claimed: ", montant(), "\nBank account (IBAN): ", iban(), "\nContact phone: ", ch([tel(), tel_foreign()]), "\nSubmitted from IP ", ip()]


@gen("email_in", "mail")
def g_email_mobile_short():
    p = client()
    return [ch(["Ok pour mardi. ", "Je passe récupérer les croquettes demain. ", "Merci docteur ! "]), N(p, ch(["f", "fl"])), "\n\n", ch(["Envoyé de mon iPhone", "Envoyé depuis mon mobile Orange", "Sent from my Galaxy"]),
            "\n\n", ch(["Le ", "Le "]), bdate(2025), " à ", heure(), ", ", EM("accueil." + slug(ch(CLINICS))[:6] + "@" + DOM_CLIN), " a écrit :\n> Bonjour, votre commande est prête.\n> ", clinic()]


@gen("call_note")
def g_call_third_party():
    p, q = client(), client()
    return ["Appel de ", N(q, ch(["cfl", "fl"])), ch([", fille de ", ", voisin(e) de ", ", fils de ", ", aide à domicile de "]), N(p, ch(["cl", "cfl"])),
            " (hospitalisé(e)) : ", ch(["garde le chat en attendant", "demande qui paie la pension", "veut récupérer le chien"]), ". Autorisation écrite demandée. Rappel ",
            tel(), ". Adresse de ", N(p, "cl"), " : ", adr(False)]


@gen("ownership", "mail")
def g_adoption_refuge():
    p = client()
    return ["Adoption via le refuge partenaire – dossier ", "AD-%04d" % rint(1, 9999), "\nAdoptant(e) : ", N(p, ch(["fl", "fL"])), "\n", adr(True), "\nNé(e) le ", dob(),
            " – pièce d'identité vérifiée\n", ch(["Contact : ", "Mail : "]), email_for(p), "\nPremière visite offerte chez ", clinic()]


@gen("sms", "sms")
def g_webchat_card():
    p = client()
    return ["Webchat boutique ", heure(), "\nVisiteur : ", ch(["bonjour jai un pb de paiement", "ma carte passe pas", "je peux payer par chat ?"]),
            "\nAgent (", PER(staff()["f"]), ") : quel est votre nom ?\nVisiteur : ", N(p, ch(["fl", "low", "Lf"])), "\nVisiteur : ", ch(["voila ma carte ", "cb: ", "numéro "]), card(),
            "\nAgent : merci de ne jamais envoyer votre carte par chat, je masque le message."]


@gen("hr", "struct")
def g_hr_sick_leave():
    s = staff()
    d = dob_t(1965, 2002)
    return ["Arrêt de travail reçu – ", SNm(s, ch(["Lf", "fL", "fl"])), "\nDate de naissance : ", dob(d), "\nNIR : ", nir_for(s, d), "\nDu ", bdate(), " au ", bdate(),
            "\nSubrogation : oui. Transmis à ", SNm(staff("RH") if maybe(0.7) else staff(), "f"), " le ", bdate(), "."]


@gen("hr", "struct")
def g_hr_dpae():
    p = mkperson()
    d = dob_t(1968, 2005)
    return ["DPAE à faire – embauche ", ch(["CDD", "CDI", "extra"]), " ", clinic(), "\n", PER(p["l"].upper() + " " + p["f"]), " | ", dob(d, ch(["sl", "cmp", "iso"])), " | ",
            nir_for(p, d), " | ", T(ch(TOWNS)[1]), "\nDébut : ", bdate(), " ", heure(), " – salaire brut ", montant()]


@gen("b2b", "mail")
def g_vet_profile():
    v = mkperson()
    return ["Nouvelle collaboratrice/collaborateur libéral(e) : Dr ", PER(v["f"] + " " + v["l"]), ", ", ch(["NAC et exotiques", "dermatologie", "comportement", "ophtalmologie"]),
            ".\nSIRET ", siret(), " – ", ch(["Profil : ", "Site : ", "LinkedIn : "]), url_for(v), "\nPlanning : ", ch(["mardi et jeudi", "un samedi sur deux", "lundi matin"])]


@gen("ticket", "struct")
def g_shop_fraud_review():
    p = client()
    return ["Revue manuelle commande ", cmd(), " (score risque ", str(rint(70, 99)), ")\nCompte : ", email_for(p), " créé il y a ", str(rint(1, 40)), " min depuis ", ip(),
            "\nFacturation : ", N(p, ch(["fl", "up"])), ", ", adr(False), "\nLivraison : relais ", T(ch(["Relais Colis Tabac du Port", "Pickup Maison de la Presse", "Locker Gare Sud"])),
            "\nCarte : ", card(), "\nDécision : ", ch([["annulée"], ["validée après appel au ", tel()], ["en attente"]])]


@gen("b2b")
def g_breeder_blog():
    p = client(0)
    return ["Éleveuse/éleveur ", T(ch(CAT_BREEDS + DOG_BREEDS)), " : ", N(p, ch(["fl", "cfl"])), ", chatterie/élevage déclaré(e), SIREN ", siren(), "\nSite perso : ", url_for(p),
            "\nDemande un tarif groupe pour ", str(rint(4, 20)), " chiots/chatons (vaccins + puces). Rappeler au ", tel(), "."]


@gen("call_note")
def g_call_dictated_email():
    p = client()
    u = slug(p["f"]) + "." + slug(p["l"])
    dom = ch(["gmail", "orange", "hotmail", "free"])
    return ["Tel ", N(p, ch(["cl", "fl"])), " – a épelé son mail : « ", EM(u + " arobase " + dom + " point " + ch(["com", "fr"])) if maybe(0.4) else EM(u + "@" + dom + ch([".com", ".fr"])),
            " ». ", ch(["Corrigé dans la fiche (ancienne adresse erronée).", "Envoyé la facture.", "Abonné(e) aux rappels."])]


# ----------------------------------------------------------------------------------------
# Negatives
# ----------------------------------------------------------------------------------------
@neg()
def n_price_grid():
    rows = ["Tarifs ", str(ch([2025, 2026])), " – ", clinic()]
    for a in ch([["Consultation", "Vaccin CHPPiL", "Stérilisation chatte", "Castration chat", "Détartrage", "Radio 2 clichés", "Euthanasie < 10 kg"]]):
        if maybe(0.7):
            rows += ["\n", a, " ", "." * rint(3, 12), " ", montant()]
    return rows + ["\nTarifs TTC, TVA 20 %."]


@neg()
def n_vaccine_protocol():
    return ["Protocole vaccinal ", ch(["chiot", "chaton", "lapin"]), " : primo à 8 semaines, rappel à 12 semaines, puis annuel. ", ch(["Leptospirose", "Typhus/coryza", "VHD2"]),
            " : rappel tous les ", str(rint(1, 3)), " an(s). Délai d'immunité 15 jours. Mise à jour ", bdate(), "."]


@neg()
def n_opening_hours():
    return [clinic(), " – ", T(ch(TRAP_STREETS)), "\nOuvert du lundi au vendredi ", heure(), "-", heure(), ", samedi ", heure(), "-", heure(), ".\n",
            ch(["Travaux ", "Fermeture de la voie "]), T(ch(TRAP_STREETS)), " du ", bdate(), " au ", bdate(), " : se garer ", T(ch(TRAP_STREETS)), "."]


@neg("struct")
def n_stock_products():
    rows = ["Réf;Produit;Stock;Prix"]
    for _ in range(rint(3, 6)):
        rows += ["\n", "P%05d" % rint(1, 99999), ";", T(ch(PRODUCTS)), ";", str(rint(0, 80)), ";", montant()]
    return rows


@neg()
def n_kpi():
    return ["KPI ", ch(MONTHS), " ", clinic(), " : ", str(rint(300, 1400)), " consultations (", ch(["+", "-"]), str(rint(1, 15)), " %), panier moyen ", montant(),
            ", taux de recommandation ", str(rint(60, 95)), " %, ", str(rint(20, 120)), " contrats assurance signés, CA boutique ", montant(), "."]


@neg("struct")
def n_release_note():
    return ["Mise à jour logiciel de gestion ", ch(["Vetoflow", "Clinéo", "PetDesk Pro"]), " version ", "%d.%d.%d.%d" % (rint(1, 9), rint(0, 20), rint(0, 9), rint(100, 999)),
            " (build ", "%d.%d.%d.%d" % (rint(1, 9), rint(0, 9), rint(0, 9), rint(1000, 9999)), ") déployée le ", bdate(), " à ", heure(),
            ". Correctifs : export FEC, impression ordonnances, module ", ch(["tiers payant", "rappels SMS", "stocks"]), "."]


@neg()
def n_supplier_order():
    return ["Commande fournisseur ", cmd(), " passée le ", bdate(), " chez ", T(ch(TRAP_COS)), " : ", T(ch(PRODUCTS)), " x", str(rint(2, 40)), ", total ", montant(),
            ". Colis ", ch(["6A", "8R"]), digits(11), ", livraison prévue ", bdate(), " avant ", heure(), ". Facture ", facture(), "."]


@neg("mail")
def n_merge_template():
    return [ch(["Bonjour {{prenom}} {{nom}},", "{{civilite}} {{nom}},", "Cher(e) {{prenom}},", "Hello {{first_name}},"]), "\n\n",
            ch(["{{animal}} a rendez-vous le {{date}} à {{heure}} à ", "Le vaccin de {{animal}} est à faire avant le {{date_rappel}} à ", "Votre commande {{num_commande}} est prête à "]),
            clinic(), ch([".", " (salle d'attente rénovée).", " – parking gratuit."]), "\nEn cas d'empêchement, appelez le {{tel_clinique}} ou écrivez à {{email_clinique}}.\n\nÀ bientôt !"]


@neg()
def n_breeds():
    return ["Races les plus assurées en ", str(rint(2023, 2025)), " : ", T(ch(DOG_BREEDS)), ", ", T(ch(DOG_BREEDS)), ", ", T(ch(DOG_BREEDS)), " et ", T(ch(CAT_BREEDS)),
            ". Surprime de ", str(rint(5, 30)), " % pour le ", T(ch(DOG_BREEDS)), "."]


@neg()
def n_pet_birthday():
    pt = pet()
    return ["Anniversaire patient : ", T(pt["name"]), " (", PETD(pt), ") est né", ch(["", "e"]), " le ", "%02d/%02d/%d" % (rint(1, 28), rint(1, 12), rint(2010, 2023)),
            " – envoyer bon de réduction ", str(rint(5, 15)), " % sur les ", T(ch(PRODUCTS)), "."]


@neg("sms")
def n_pet_only():
    return [T(ch(PETS)), ch([" le chat ", " le chien ", " "]), ch(["a encore mangé une chaussette", "sort demain", "va mieux, mange seul", "à repeser vendredi"]),
            ". ", T(ch(PETS)), ch([" (box 3) ", " "]), ch(["toujours sous perf", "rentre ce soir", "vermifugé"]), "."]


@neg("struct")
def n_microchip_batch():
    rows = ["Lot de transpondeurs reçu ", bdate(), " – lot ", "L%06d" % rint(1, 999999)]
    for _ in range(rint(3, 6)):
        rows += ["\n", puce()]
    return rows + ["\nÀ enregistrer dans le stock avant pose."]


@neg()
def n_procedure():
    return ["Procédure accueil : vérifier la puce ou le tatouage (ex. ", tatouage(), "), peser l'animal, noter la température, faire signer le consentement. ",
            "En cas de morsure, remplir la fiche ", "F-%02d" % rint(1, 30), " et prévenir le vétérinaire de garde."]


@neg()
def n_meeting():
    return ["Réunion fournisseurs le ", bdate(), " de ", heure(), " à ", heure(), ", salle ", ch(["Bourgelat", "Pasteur", "du 1er étage"]), ". Ordre du jour : contrat ", contrat(),
            ", remise ", str(rint(3, 12)), " %, échéance au ", bdate(), "."]


@neg()
def n_internal_number():
    n = digits(14)
    while luhn_ok(n):
        n = digits(14)
    return ["Dossier interne n° ", n, " (ce n'est pas un SIRET) : litige avec ", T(ch(TRAP_COS)), ", montant ", montant(), ", audience ", bdate(), "."]


@neg()
def n_company_list():
    return ["Prestataires validés : ", T(ch(TRAP_COS)), ", ", T(ch(TRAP_COS)), ", ", T(ch(TRAP_COS)), ". Contrats renouvelés jusqu'au ", bdate(), "."]


@neg("sms")
def n_short():
    return [ch(["RAS", "rien à signaler", "ok vu", "Dossier complet.", "Client très clément sur les délais", "Colis parti", "Attente retour labo",
                "Rose des vents : nouvelle gamme de colliers", "Promo printemps -10 % sur les pâtées au colin", "berger allemand et bouvier bernois vus ce matin",
                "Merle moqueur dans la volière, à signaler à la LPO", "Loup de mer, pas pour les chats !"]), ch(["", ".", " " + heure()])]


# ----------------------------------------------------------------------------------------
# Rendering and whole-text transformations
# ----------------------------------------------------------------------------------------
TYPO_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{6,}")


def typo(m):
    w = m.group(0)
    if R.random() >= 0.12:
        return w
    k = R.randrange(4)
    i = R.randrange(1, len(w) - 2)
    if k == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if k == 1:
        return w[:i] + w[i + 1:]
    if k == 2:
        return w[:i] + w[i] + w[i:]
    s = strip_acc(w)
    return s if s != w else w[:i] + w[i + 1] + w[i] + w[i + 2:]


def pick_mode(cls):
    m = dict(caps=False, lower=False, strip=False, typo=False, keeplow=maybe(0.5))
    p = {"note": (0.04, 0.05, 0.10, 0.10), "sms": (0.03, 0.30, 0.30, 0.15), "mail": (0.02, 0.0, 0.06, 0.06),
         "struct": (0.02, 0.0, 0.06, 0.0)}[cls]
    r = R.random()
    if r < p[0]:
        m["caps"] = True
    elif r < p[0] + p[1]:
        m["lower"] = True
    m["strip"] = maybe(p[2])
    m["typo"] = maybe(p[3])
    return m


def render(segs, mode):
    out, spans, traps = [], [], []
    pos = 0
    for s in segs:
        if isinstance(s, str):
            typ, v = None, s
            if mode["typo"]:
                v = TYPO_RE.sub(typo, v)
        else:
            typ, v = s
        if mode["strip"]:
            v = strip_acc(v)
        if mode["caps"] and not (mode["keeplow"] and typ in ("EMAIL_ADDRESS", "URL")):
            v = v.upper()
        if mode["lower"]:
            v = v.lower()
        if typ == "TRAP":
            traps.append((pos, pos + len(v)))
        elif typ:
            spans.append([typ, pos, pos + len(v)])
        out.append(v)
        pos += len(v)
    return "".join(out), spans, traps


# ----------------------------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------------------------
EMAIL_RE = re.compile(r"^[\w.+\-]+@[\w\-]+(\.[\w\-]+)+$")
PLATE_RE = re.compile(r"^([A-HJ-NP-TV-Z]{2}( - |[- .]?)\d{3}( - |[- .]?)[A-HJ-NP-TV-Z]{2}|\d{2,4} ?[A-Z]{2,3} ?(\d{2}|2A|2B|97\d))$")


def iban_ok(v):
    c = re.sub(r"[\s\-]", "", v).upper()
    if not re.match(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$", c):
        return False
    s = c[4:] + c[:4]
    return int("".join(str(int(x, 36)) for x in s)) % 97 == 1


def ip_ok(v):
    try:
        ipaddress.ip_address(v)
        return True
    except ValueError:
        pass
    m = re.match(r"^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$", v)
    if m:
        try:
            ipaddress.ip_address(m.group(1))
            return 1 <= int(m.group(2)) <= 65535
        except ValueError:
            return False
    return False


def check_value(typ, v):
    if typ == "CREDIT_CARD":
        d = re.sub(r"[\s.\-]", "", v)
        return d.isdigit() and len(d) in (15, 16) and luhn_ok(d)
    if typ == "IBAN_CODE":
        return iban_ok(v)
    if typ == "FR_NIR":
        return nir_ok(v)
    if typ == "FR_SIREN":
        d = re.sub(r"[\s.]", "", v)
        return len(d) == 9 and d.isdigit() and luhn_ok(d)
    if typ == "FR_SIRET":
        d = re.sub(r"\s", "", v)
        return len(d) == 14 and d.isdigit() and luhn_ok(d)
    if typ == "IP_ADDRESS":
        return ip_ok(v)
    if typ == "EMAIL_ADDRESS":
        return bool(EMAIL_RE.match(v) or re.match(r"^[\w.\-]+ arobase [\w\-]+ point \w+$", v))
    if typ == "FR_LICENSE_PLATE":
        return bool(PLATE_RE.match(v.upper()))
    if typ == "URL":
        return " " not in v and "\n" not in v and not v.endswith("/")
    if typ == "PHONE_NUMBER":
        return 6 <= len(re.sub(r"\D", "", v)) <= 15
    if typ == "DATE_TIME":
        return bool(re.search(r"(19|20)\d\d|^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}$", v))
    return True


def check_spans(text, spans):
    errs = []
    prev = 0
    for typ, s, e in spans:
        if typ not in TYPES:
            errs.append("type " + typ)
            continue
        if not (0 <= s < e <= len(text)) or s < prev:
            errs.append("bounds/overlap %s %d %d" % (typ, s, e))
            continue
        prev = e
        v = text[s:e]
        if not (v[0].isalnum() or (typ == "PHONE_NUMBER" and v[0] in "+(")):
            errs.append("lead %s %r" % (typ, v))
        if not v[-1].isalnum():
            errs.append("trail %s %r" % (typ, v))
        if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
            errs.append("glued %s %r" % (typ, v))
        if not check_value(typ, v):
            errs.append("value %s %r" % (typ, v))
    return errs


def _tokset(names):
    out = set()
    for n in names:
        for t in re.findall(r"[^\W\d_]+", strip_acc(n).lower()):
            out.add(t)
    return out


NAME_TOK = _tokset(FEM + MAS + FEM_WORD + MAS_WORD + LAST + LAST_WORD + LAST_ORIG + LAST_SHORT + LAST_PART + LAST_COMP +
                   [x for d in FOREIGN.values() for x in d["f"] + d["l"]])
EXEMPT = _tokset(FEM_WORD + MAS_WORD + LAST_WORD) | {"de", "du", "des", "la", "le", "d", "van", "der", "della", "dos", "da", "el", "ben", "o",
                                                       "ait", "saint", "baron", "picard", "claire", "madeleine", "jean", "pierre", "marie",
                                                       "paul", "anne", "mai", "jade", "rose", "marine", "colin", "cote", "pinson", "merle",
                                                       "noel", "loup", "olivier", "ange", "iris", "victoire", "fleur", "perle", "reine"}
FR_PHONE_LEAK = re.compile(r"(?<![\w+])0[1-9]([ .\-/]?)\d{2}(?:\1\d{2}){3}(?!\d)")
INTL_LEAK = re.compile(r"(?<![\w])(?:\+|00)(?:33|32|41|44|1|49|39|34|351|31|352|212|221|213|216|262|590|596|594|687|689)[\s(.\-]?\d(?:[\s.\-()]?\d){5,}")
EMAIL_LEAK = re.compile(r"[\w.+\-]+@[\w\-]+\.[\w.]+")
IBAN_LEAK = re.compile(r"\b[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]{4}){3,7}(?:[ \-]?[A-Z0-9]{1,4})?")
DIGRUN_LEAK = re.compile(r"\d[\d .\-]{11,24}\d")
IPV4_LEAK = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d])")
IPV6_LEAK = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
PLATE_LEAK = re.compile(r"\b[A-HJ-NP-TV-Z]{2}[- ]\d{3}[- ][A-HJ-NP-TV-Z]{2}\b")
URL_LEAK = re.compile(r"(linkedin|facebook|instagram|github|malt|youtube)\.", re.I)


def leak_check(text, spans, traps, names=True):
    errs = []
    ch_ = list(text)
    for _, s, e in spans:
        ch_[s:e] = ["\x00"] * (e - s)
    masked = "".join(ch_)
    for rx, lab in ((FR_PHONE_LEAK, "phone"), (INTL_LEAK, "intl phone"), (EMAIL_LEAK, "email"), (PLATE_LEAK, "plate"), (URL_LEAK, "url")):
        m = rx.search(masked)
        if m:
            errs.append("leak %s %r" % (lab, m.group(0)))
    for m in IBAN_LEAK.finditer(masked.upper()):
        if iban_ok(m.group(0)):
            errs.append("leak iban %r" % m.group(0))
    for m in DIGRUN_LEAK.finditer(masked):
        d = re.sub(r"\D", "", m.group(0))
        if (len(d) == 16 and luhn_ok(d)) or (len(d) == 15 and nir_ok(d)):
            errs.append("leak card/nir %r" % m.group(0))
    for m in IPV4_LEAK.finditer(masked):
        pre = masked[max(0, m.start() - 12):m.start()].lower()
        if ip_ok(m.group(0)) and not re.search(r"(version|build)\s*$", pre):
            errs.append("leak ipv4 %r" % m.group(0))
    for m in IPV6_LEAK.finditer(masked):
        g = m.group(0)
        if ("::" in g or g.count(":") == 7) and ip_ok(g):
            errs.append("leak ipv6 %r" % g)
    if names:
        for s, e in traps:
            ch_[s:e] = ["\x00"] * (e - s)
        masked2 = "".join(ch_)
        for t in re.findall(r"[^\W\d_]+", masked2):
            k = strip_acc(t).lower()
            if len(k) > 2 and k in NAME_TOK and k not in EXEMPT:
                errs.append("leak name %r" % t)
    return errs


# ----------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------
def main():
    n_pos = N_TOTAL - N_NEG
    plan = [GENS[i % len(GENS)] for i in range(n_pos)] + [NEGS[i % len(NEGS)] for i in range(N_NEG)]
    R.shuffle(plan)
    recs, seen = [], set()
    rejected = Counter()
    gen_of = {}
    trap_tokens = set()
    for idx, (gname, kind, cls, fn) in enumerate(plan):
        for attempt in range(60):
            segs = flat(fn())
            mode = pick_mode(cls)
            text, spans, traps = render(segs, mode)
            errs = check_spans(text, spans) + leak_check(text, spans, traps)
            if kind == "negative" and spans:
                errs.append("negative with span")
            if kind != "negative" and not spans:
                errs.append("positive without span")
            if text in seen:
                errs.append("duplicate")
            if not errs:
                break
            rejected[(gname, errs[0][:60])] += 1
        else:
            sys.exit("generator %s keeps failing: %s" % (gname, errs))
        seen.add(text)
        for s, e in traps:
            trap_tokens |= _tokset([text[s:e]])
        rid = "h-%04d" % (idx + 1)
        gen_of[rid] = gname
        recs.append({"id": rid, "kind": kind, "text": text, "spans": spans})
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-read and check again
    back = [json.loads(l) for l in open(OUT, encoding="utf-8")]
    assert len(back) == N_TOTAL
    assert [r["id"] for r in back] == ["h-%04d" % i for i in range(1, N_TOTAL + 1)]
    assert len({r["text"] for r in back}) == N_TOTAL
    global EXEMPT
    EXEMPT = EXEMPT | trap_tokens
    nerr = 0
    for r in back:
        e = check_spans(r["text"], r["spans"]) + leak_check(r["text"], r["spans"], [], names=True)
        if (r["kind"] == "negative") != (not r["spans"]):
            e.append("neg/pos mismatch")
        if e:
            nerr += 1
            print(r["id"], e)
    assert nerr == 0, nerr
    # tables
    kinds = Counter(r["kind"] for r in back)
    kspans = Counter()
    for r in back:
        kspans[r["kind"]] += len(r["spans"])
    gens_per_kind = Counter(k for _, k, _, _ in GENS + NEGS)
    print("generators: %d positive, %d negative; rejected drafts: %d" % (len(GENS), len(NEGS), sum(rejected.values())))
    for (g, e), n in rejected.most_common(40):
        print("  rejected %3d %s %s" % (n, g, e))
    print("\n| kind | gens | texts | spans |\n|---|---:|---:|---:|")
    for k in sorted(kinds, key=lambda k: (k == "negative", k)):
        print("| %s | %d | %d | %d |" % (k, gens_per_kind[k], kinds[k], kspans[k]))
    print("| **total** | **%d** | **%d** | **%d** |" % (len(GENS) + len(NEGS), len(back), sum(kspans.values())))
    tc = Counter(t for r in back for t, _, _ in r["spans"])
    print("\n| type | spans |\n|---|---:|")
    for t in TYPES:
        print("| %s | %d |" % (t, tc[t]))
    print("| **total** | **%d** |" % sum(tc.values()))
    # extra stats for the README
    per = [r["text"][s:e] for r in back for t, s, e in r["spans"] if t == "PERSON"]
    lines = Counter()
    for r in back:
        n = r["text"].count("\n") + 1
        lines["1-3" if n <= 3 else "4-8" if n <= 8 else "9-15" if n <= 15 else "16+"] += 1
    print("\nPERSON single-word %d, lower %d, upper %d, initials %d" % (
        sum(1 for v in per if " " not in v), sum(1 for v in per if v == v.lower()), sum(1 for v in per if v == v.upper()),
        sum(1 for v in per if re.search(r"\b\w\.", v))))
    print("multi-line LOCATION %d" % sum(1 for r in back for t, s, e in r["spans"] if t == "LOCATION" and "\n" in r["text"][s:e]))
    print("lines", dict(sorted(lines.items())), "mean length %.0f" % (sum(len(r["text"]) for r in back) / len(back)))
    print("negatives", kinds["negative"])


if __name__ == "__main__":
    main()
