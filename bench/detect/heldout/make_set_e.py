#!/usr/bin/env python3
"""Held-out set E: synthetic French CRM texts with gold personal-data spans.

Written from scratch by an AI helper session that read only
bench/detect/ANNOTATION.md and bench/detect/heldout/README_set_d.md.
Python 3.11, standard library only, fixed seed: every run writes the same bytes.

    python3 bench/detect/heldout/make_set_e.py
"""
import json
import os
import random
import sys
import unicodedata

SEED = 20250613
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "set_e.jsonl")

R = random.Random(SEED)


def ch(seq):
    return R.choice(seq)


def maybe(p):
    return R.random() < p


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def wpick(pairs):
    """pairs: list of (weight, value)."""
    tot = sum(w for w, _ in pairs)
    x = R.random() * tot
    for w, v in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][1]


def strip_accents(s):
    out = []
    for c in unicodedata.normalize("NFD", s):
        if unicodedata.category(c) != "Mn":
            out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def slug(s, sep="-"):
    s = strip_accents(s).lower()
    s = s.replace("'", "").replace("’", "")
    out = []
    for c in s:
        if c.isalnum():
            out.append(c)
        else:
            out.append(sep)
    r = "".join(out)
    if not sep:
        return r
    while sep + sep in r:
        r = r.replace(sep + sep, sep)
    return r.strip(sep)


# ---------------------------------------------------------------- names
F_FR = """Margaux Solène Anaïs Bérénice Clémence Maëlle Ophélie Gwenaëlle Noémie Apolline Héloïse Lison
Maïwenn Albane Élodie Coralie Sandrine Nathalie Véronique Brigitte Ghislaine Josiane Monique Odile Martine
Annick Sylvie Pascale Laurence Agathe Louise Chloé Manon Léa Zoé Romane Eulalie Philippine Ségolène Domitille
Bertille Gaëlle Soizic Nolwenn Katell Mathilde Amandine Aurélie Séverine Delphine Christelle Murielle Huguette
Paulette Marie-Laure Anne-Sophie Marie-Hélène Rose-Marie Marie-Noëlle Éloïse Cassandre Mylène Fanny Jeanne
Capucine Lou Maud Ninon Garance Sixtine Armelle Bénédicte Clotilde Estelle Laetitia Isaure Ombeline Tiphaine
Gaëtane Ludivine Morgane Solange Yvette Danièle Francine Régine Colette Sabine Évelyne Mireille Carole""".split()
M_FR = """Thibault Baptiste Gaspard Anatole Aurélien Benoît Cyril Damien Étienne Florent Grégoire Hervé Jérôme
Killian Loïc Mathis Nolan Olivier Pascal Quentin Romain Sébastien Tristan Valentin Yannick Bruno Gérard
Jean-Marc Jean-Baptiste Pierre-Yves Marc-Antoine Jean-Luc Gwendal Erwan Ronan Tanguy Corentin Mickaël Ludovic
Raphaël Noé Malo Kévin Dylan Enzo Hugo Lucas Théo Xavier Armel Serge Didier Thierry Francis Roland René
Marcel Félix Victor Lucien Auguste Urbain Gilles Léon Vincent Aurèle Bastien Côme Eudes Gauthier Hippolyte
Josselin Lancelot Maxence Octave Paul-Henri Régis Sylvain Timothée Wilfried Yvon Alban Fabrice Joël Patrice
Rodolphe Stéphane Guillaume Arnaud Jean-Pierre Jean-Claude Philippe Christophe Frédéric Laurent""".split()
# first names that are also common French words
F_WORD = "Rose Claire Blanche Violette Olive Perle Ambre Iris Reine Avril Prune Céleste Constance Patience Victoire Aurore Océane Marine Mélodie Capucine Margot Jade".split()
M_WORD = "Pierre Aimé Désiré Constant Clément Marin Juste Fidèle Prosper Ange Parfait Modeste Olivier Martial Florentin".split()
F_MAG = "Yasmine Nadia Samira Leïla Sofia Lina Khadija Malika Nawel Sarah Imane Souad Hafsa Rania Meriem Kenza".split()
M_MAG = "Youssef Karim Mehdi Rachid Nabil Sofiane Bilal Hicham Walid Samir Farid Mourad Ilyes Anis".split()
F_AFR = "Fatoumata Aminata Aïssatou Mariam Awa Kadiatou Ndeye Binta Rokhaya Adama".split()
M_AFR = "Amadou Moussa Ibrahima Mamadou Ousmane Cheikh Souleymane Boubacar Lamine Seydou".split()
F_OTH = "Joana Inês Graça Thi Lan Linh Ngoc Agnieszka Małgorzata Elif Ayşe Giulia Lucía Mei Anahit Nour".split()
M_OTH = "João Rui Tiago Duc Minh Bao Kamil Piotr Mehmet Emre Hakan Matteo Álvaro Wei Aram Vahé".split()

L_FR = """Lefèvre Garnier Chevallier Rousseau Perrin Morin Guérin Lemaire Carré Barbier Vasseur Delattre Vandenberghe
Deschamps Lacroix Lebreton Kerjean Le Bihan Le Floch Quéméner Guillou Ollivier Casanova Santoni Pieri Etcheverry
Iriart Haller Schmitt Ostermann Bernhard Faure Vidal Escudier Castanet Bousquet Leroy Cordier Tessier Aubert
Besnard Fleury Lemoine Hamon Gautier Masson Royer Collin Picard Brunet Carpentier Rolland Marty Laporte Maillard
Dufour Loiseau Labbé Bouvier Jacquet Bertin Devaux Prévost Mallet Hubert Germain Gallais Tréguer Paoli Filippi
Arrighi Oyarzabal Ithurralde Wehrlé Kieffer Dewaele Vercruysse Lagarrigue Cazeneuve Peyrat Soubeyran Verdier
Bonnefoy Jaouen Morvan Caradec Lhermitte Pasquier Vautrin Clerc Fabre Thibaud Rigaud Courtois Daniel Marchal""".split()
L_MULTI = ["Le Bihan", "Le Floch", "de La Roche", "de Villiers", "du Pontavice", "d'Aubigné", "Le Gall",
           "L'Helgouac'h", "Martin-Lagarde", "Durand-Vidal", "de Saint-Exupéry", "Le Corre", "de la Motte",
           "Da Costa", "Dos Santos", "Van Damme", "Ben Amor", "El Khatib", "N'Guessan", "Abou-Rjeily",
           "Guivarc'h", "Lebon-Desmarais", "Le Roux", "de Kergorlay"]
# surnames that are also common words
L_WORD = """Blanc Petit Boucher Meunier Renard Poisson Berger Marchand Fontaine Rivière Lapierre Bonheur Joly Legrand
Lenoir Roux Page Boulanger Pasteur Chevalier Lebrun Vallée Lion Loup Sauvage Rossignol Mercier Bouteille
Lavigne Charpentier Beaujour Lamour Printemps Potier Roi Lemaître""".split()
L_SHORT = "Ba Sy Ly Vu Do Ho Roy Fall Dia Gay Noé Rey".split()
L_MAG = "Benali Haddad Bouzid Cherif Mansouri Belkacem Ait Ouali Zerrouki Boudjema Kaci Amrani Lahlou Saïdi".split()
L_AFR = "Traoré Diallo Keita Coulibaly Sow Ndiaye Diop Fofana Camara Konaté Touré Sissoko".split()
L_OTH = "Ferreira Pereira Gonçalves Carvalho Nguyen Tran Pham Hoang Kowalski Nowak Lewandowski Rossi Bianchi Esposito Garcia Fernandez Yilmaz Demir Kaya Wang Zhang Chen Petrossian Manoukian".split()

FOREIGN = {
    "BE": ("Lotte Elke Wout Sander Jelle Griet Sofie Pieter Manon Arnaud Quentin Maxime".split(),
           "Peeters Janssens Maes Claes Wouters Goossens Vermeulen Dubois Lambert Dupuis Michiels Hermans".split()),
    "CH": ("Urs Reto Nadine Corinne Beat Seraina Laurent Joëlle Cédric Flurina Gian Mirjam".split(),
           "Meier Keller Brunner Favre Rochat Baumann Gerber Pittet Jaquier Zbinden Gygax Cuénod".split()),
    "ES": ("Álvaro Lucía Nerea Iñaki Carmen Javier Marta Sergio Pilar Íñigo Rocío Ainhoa".split(),
           "Martínez Ruiz Jiménez Moreno Navarro Ortega Delgado Castro Etxeberria Romero Gil Vázquez".split()),
    "UK": ("Oliver Harriet Callum Imogen Siobhan Alistair Rhys Poppy Fergus Niamh Graham Eleanor".split(),
           "Thompson Hughes Clarke Wright Patel Evans Fletcher Bennett Ashworth MacLeod Pritchard Whitfield".split()),
    "US": ("Tyler Madison Brandon Kayla Dustin Brittany Cody Shelby Garrett Hailey Marcus Dana".split(),
           "Johnson Miller Davis Rodriguez O'Connor Kowalczyk Henderson Sullivan Brooks Reyes Whitaker Nakamura".split()),
    "MA": ("Youssef Salma Hamza Zineb Omar Ghita Mehdi Kawtar Othmane Houda Reda Nisrine".split(),
           "Alaoui Bennani Tazi El Idrissi Berrada Chraibi Benjelloun Fassi Fihri Lahlou Ouazzani Sqalli Benkirane".split()),
    "DE": ("Jürgen Katrin Lukas Anke Sören Friederike Malte Henrike Torsten Wiebke Dirk Ulrike".split(),
           "Schneider Fischer Weber Becker Hoffmann Schäfer Krüger Wolff Brandt Hartmann Vogel Lange".split()),
    "IT": ("Giulia Matteo Alessandro Chiara Federica Lorenzo Francesca Davide Elena Niccolò".split(),
           "Ricci Romano Colombo Conti Greco Bruno Gallo De Luca Mancini Barbieri".split()),
    "LU": ("Jos Tessy Gilles Nathalie Marc Carine Jeff Sandy".split(),
           "Schmit Reuter Hoffmann Weber Kremer Thill Wagner Muller".split()),
}


class Person:
    def __init__(self, first, last, sex, country="FR"):
        self.first, self.last, self.sex, self.country = first, last, sex, country


def new_person(country="FR"):
    if country != "FR":
        fs, ls = FOREIGN[country]
        return Person(ch(fs), ch(ls), ch("FM"), country)
    sex = ch("FM")
    origin = wpick([(55, "fr"), (9, "word"), (10, "mag"), (7, "afr"), (9, "oth")])
    table = {
        "fr": (F_FR, M_FR, L_FR + L_MULTI + L_WORD),
        "word": (F_WORD, M_WORD, L_FR + L_WORD),
        "mag": (F_MAG, M_MAG, L_MAG),
        "afr": (F_AFR, M_AFR, L_AFR + L_SHORT[:4]),
        "oth": (F_OTH, M_OTH, L_OTH + L_SHORT[3:]),
    }
    fl, ml, ll = table[origin]
    first = ch(fl if sex == "F" else ml)
    if maybe(0.2):  # mixed origins
        ll = ch([L_FR, L_WORD, L_MULTI, L_MAG, L_OTH, L_AFR, L_SHORT])
    return Person(first, ch(ll), sex)


def civ(p, formal=False):
    if p.sex == "F":
        return ch(["Mme ", "Madame ", "Mme ", "Mme. "] + (["Mlle "] if maybe(0.1) else []) + (["Dr "] if maybe(0.05) else []))
    return ch(["M. ", "Monsieur ", "M. ", "Mr "] + (["Dr "] if maybe(0.05) else []) + (["Me "] if maybe(0.04) else []))


def initial(first):
    parts = first.split("-")
    if len(parts) > 1:
        return "-".join(x[0] + "." for x in parts)
    return first[0] + "."


def full(p, style=None):
    if style is None:
        style = wpick([(45, "fl"), (12, "LF"), (10, "fL"), (5, "lf"), (6, "low"), (6, "ini"), (3, "UP")])
    f, l = p.first, p.last
    if style == "ini" and f[0] in "M":
        style = "fl"
    if style == "fl":
        v = f"{f} {l}"
    elif style == "LF":
        v = f"{l.upper()} {f}"
    elif style == "fL":
        v = f"{f} {l.upper()}"
    elif style == "lf":
        v = f"{l} {f}"
    elif style == "low":
        v = f"{f} {l}".lower()
    elif style == "UP":
        v = f"{f} {l}".upper()
    elif style == "ini":
        v = f"{initial(f)} {l}"
    else:
        raise ValueError(style)
    return ("PERSON", v)


def who(p, civ_p=0.35, style=None):
    """Civility (outside the span) + last name, or a full name."""
    r = R.random()
    if r < civ_p:
        if maybe(0.55):
            return [civ(p), ("PERSON", p.last if maybe(0.85) else p.last.upper())]
        return [civ(p), full(p, style)]
    return [full(p, style)]


def first(p, low=False):
    return ("PERSON", p.first.lower() if low else p.first)


# ---------------------------------------------------------------- companies, staff
COMPANIES = [
    ("Menuiseries Kerlann", "menuiseries-kerlann.fr"), ("Atelier Brise-Lames", "brise-lames.bzh"),
    ("Caves du Haut-Quercy", "caveshautquercy.fr"), ("Solaris Énergie Habitat", "solaris-eh.fr"),
    ("Transports Vialatte", "vialatte-transports.com"), ("Pharmacie des Quatre-Routes", "pharma4routes.fr"),
    ("Biscuiterie Lemoine", "biscuiterie-lemoine.fr"), ("Cabinet Aubert & Associés", "aubert-avocats.fr"),
    ("Garage Fontaine Frères", "garagefontaine.fr"), ("Quincaillerie du Port", "quincaillerieduport.fr"),
    ("Domaine de la Roseraie", "domaine-roseraie.com"), ("Ostréiculture Le Floch", "huitres-lefloch.fr"),
    ("Clinique vétérinaire des Tilleuls", "veto-tilleuls.fr"), ("Boulangerie Pierre & Blé", "pierreetble.fr"),
    ("Lumen Optique", "lumen-optique.fr"), ("Agrinova Coop", "agrinova-coop.fr"), ("Batipro Sud", "batiprosud.fr"),
    ("Hôtel Le Cormoran", "hotel-cormoran.fr"), ("Imprimerie Castanet", "imprimerie-castanet.fr"),
    ("Nexalis Conseil", "nexalis.fr"), ("Studio Ambre", "studio-ambre.fr"), ("Kiné Santé Plus", "kinesanteplus.fr"),
    ("Ferme des Trois Chênes", "trois-chenes.fr"), ("Électricité Morvan", "elec-morvan.fr"),
    ("Laboratoires Vexin", "labovexin.com"), ("Carrosserie Saint-Éloi", "carrosserie-saint-eloi.fr"),
]
OUR = ("Hexaflore", "hexaflore.fr")  # the company that owns the CRM
STAFF = [new_person() for _ in range(40)]
TEAMS = ["l'équipe ADV", "le service recouvrement", "le support N2", "la compta fournisseurs", "l'équipe terrain Ouest",
         "le pôle grands comptes", "la logistique", "le service qualité", "la direction commerciale"]
ROLES_F = ["Responsable des achats", "Directrice administrative et financière", "Gérante", "Assistante de direction",
           "Chargée de clientèle", "Responsable logistique", "Comptable", "Office manager", "Acheteuse",
           "Directrice d'agence", "Cheffe de projet", "Pharmacienne titulaire", "Responsable RH"]
ROLES_M = ["Responsable des achats", "Directeur administratif et financier", "Gérant", "Chef d'atelier",
           "Chargé de clientèle", "Responsable logistique", "Comptable", "Conducteur de travaux", "Acheteur",
           "Directeur d'agence", "Chef de projet", "Pharmacien titulaire", "DSI"]


def role(p):
    return ch(ROLES_F if p.sex == "F" else ROLES_M)


def staff():
    return ch(STAFF)


PRODUCTS = ["pack Horizon 3 postes", "l'abonnement Flux+", "la gamme Terra 40", "le module Planif", "l'offre Sérénité Pro",
            "la caisse Arpège T2", "le kit Borne Express", "le contrat de maintenance Argos", "la licence Vega Cloud",
            "le logiciel Compta Facile 2025", "le lot de 12 palettes bois", "la pompe à chaleur Aquilon 8 kW",
            "le lave-vaisselle pro LV-450", "les étiquettes thermiques 100x150", "le forfait fibre Pro 1 Go"]
TOWNS_ALONE = ["Rennes", "Lyon", "Bordeaux", "Lille", "Nantes", "Clermont-Ferrand", "Strasbourg", "Montpellier",
               "Brest", "Annecy", "Metz", "Tours", "Reims", "Perpignan", "Limoges", "Caen"]

# ---------------------------------------------------------------- phones
DOM_PREFIX = ["0590", "0596", "0594", "0262", "0269", "0690", "0696", "0694", "0692", "0693", "0639", "0691"]
DOM_INTL = {"0590": "+590", "0690": "+590", "0691": "+590", "0596": "+596", "0696": "+596", "0594": "+594",
            "0694": "+594", "0262": "+262", "0692": "+262", "0693": "+262", "0269": "+262", "0639": "+262"}


def fr_phone_digits(kind=None):
    if kind is None:
        kind = wpick([(50, "mob"), (30, "fix"), (8, "09"), (12, "dom")])
    if kind == "mob":
        return ch(["06", "07"]) + digits(8)
    if kind == "fix":
        return "0" + ch("12345") + digits(8)
    if kind == "09":
        return "09" + digits(8)
    return ch(DOM_PREFIX) + digits(6)


def fmt_fr(d, style=None):
    p = [d[i:i + 2] for i in range(0, 10, 2)]
    if style is None:
        style = wpick([(40, "sp"), (12, "dot"), (6, "dash"), (12, "compact"), (10, "+33"), (4, "+33(0)"),
                       (4, "0033"), (4, "+33c"), (4, "odd"), (3, "dom")])
    if style == "dom" and d[:4] not in DOM_INTL:
        style = "sp"
    if style == "sp":
        return " ".join(p)
    if style == "dot":
        return ".".join(p)
    if style == "dash":
        return "-".join(p)
    if style == "compact":
        return d
    if style == "+33":
        return "+33 " + d[1] + " " + " ".join(p[1:])
    if style == "+33(0)":
        return "+33 (0)" + d[1] + " " + " ".join(p[1:])
    if style == "0033":
        return "0033 " + d[1] + " " + " ".join(p[1:])
    if style == "+33c":
        return "+33" + d[1:]
    if style == "odd":
        return d[:4] + " " + d[4:7] + " " + d[7:]
    if style == "dom":
        return DOM_INTL[d[:4]] + " " + d[1:4] + " " + " ".join(p[2:])
    raise ValueError(style)


def ph(kind=None, style=None):
    return ("PHONE_NUMBER", fmt_fr(fr_phone_digits(kind), style))


def foreign_phone(c):
    d = digits
    f = {
        "BE": [lambda: f"+32 2 {d(3)} {d(2)} {d(2)}", lambda: f"04{ch('6789')}{d(1)} {d(2)} {d(2)} {d(2)}",
               lambda: f"+32 4{ch('6789')}{d(1)} {d(2)} {d(2)} {d(2)}", lambda: f"0032 4{ch('789')}{d(1)} {d(6)}",
               lambda: f"0{ch('2349')} {d(3)} {d(2)} {d(2)}"],
        "CH": [lambda: f"+41 22 {d(3)} {d(2)} {d(2)}", lambda: f"07{ch('6789')} {d(3)} {d(2)} {d(2)}",
               lambda: f"0041 79 {d(3)} {d(2)} {d(2)}", lambda: f"+41 (0)44 {d(3)} {d(2)} {d(2)}",
               lambda: f"021 {d(3)} {d(2)} {d(2)}"],
        "ES": [lambda: f"+34 6{d(2)} {d(3)} {d(3)}", lambda: f"0034 9{d(2)} {d(3)} {d(3)}",
               lambda: f"6{d(2)} {d(2)} {d(2)} {d(2)}", lambda: f"+34 9{d(1)} {d(3)} {d(2)} {d(2)}",
               lambda: f"+34{ch('67')}{d(8)}"],
        "UK": [lambda: f"+44 20 7946 0{d(3)}", lambda: f"07700 900{d(3)}", lambda: f"+44 (0)161 496 0{d(3)}",
               lambda: f"+44 7{d(3)} {d(6)}", lambda: f"0131 {d(3)} {d(4)}", lambda: f"(0117) {d(3)} {d(4)}"],
        "US": [lambda: f"({ch(['415', '212', '617', '312', '503', '646'])}) 555-0{d(3)}",
               lambda: f"+1 {ch(['212', '310', '206', '512'])}-555-0{d(3)}", lambda: f"+1 (646) 555 0{d(3)}",
               lambda: f"617.555.0{d(3)}", lambda: f"1-800-{d(3)}-{d(4)}"],
        "MA": [lambda: f"+212 6 {d(2)} {d(2)} {d(2)} {d(2)}", lambda: f"06{d(2)}-{d(6)}",
               lambda: f"+212 5 22 {d(2)} {d(2)} {d(2)}", lambda: f"00212 6{d(2)} {d(2)} {d(2)} {d(2)}",
               lambda: f"+212 (0)5 37 {d(2)} {d(2)} {d(2)}", lambda: f"07 {d(2)} {d(2)} {d(2)} {d(2)}"],
        "DE": [lambda: f"+49 30 {d(8)}", lambda: f"0151 {d(8)}", lambda: f"+49 (0)89 {d(4)} {d(4)}",
               lambda: f"+49 170 {d(7)}", lambda: f"0681 / {d(6)}", lambda: f"+49 40 {d(3)} {d(2)} {d(2)}"],
        "IT": [lambda: f"+39 02 {d(4)} {d(4)}", lambda: f"+39 3{d(2)} {d(3)} {d(4)}", lambda: f"06 {d(4)} {d(4)}",
               lambda: f"0039 011 {d(3)} {d(4)}"],
        "LU": [lambda: f"+352 621 {d(3)} {d(3)}", lambda: f"+352 26 {d(2)} {d(2)} {d(2)}", lambda: f"691 {d(3)} {d(3)}"],
    }[c]
    return ("PHONE_NUMBER", ch(f)())


UNITS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
         "dix-sept dix-huit dix-neuf").split()
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def fr_num(n):
    if n < 20:
        return UNITS[n]
    if n < 70:
        t, u = divmod(n, 10)
        if u == 0:
            return TENS[t]
        if u == 1:
            return TENS[t] + " et un"
        return TENS[t] + "-" + UNITS[u]
    if n < 80:
        return "soixante et onze" if n == 71 else "soixante-" + UNITS[n - 60]
    r = n - 80
    return "quatre-vingts" if r == 0 else "quatre-vingt-" + UNITS[r]


def pair_words(p):
    if p[0] == "0":
        return "zéro " + UNITS[int(p[1])]
    return fr_num(int(p))


def spoken_phone(d=None):
    """A French number dictated: words, or digits and words mixed."""
    if d is None:
        d = fr_phone_digits(wpick([(70, "mob"), (25, "fix"), (5, "dom")]))
    p = [d[i:i + 2] for i in range(0, 10, 2)]
    mode = wpick([(35, "words"), (35, "mixed"), (15, "digitwise"), (15, "wordscomma")])
    if mode == "words":
        parts = [pair_words(x) for x in p]
        return ("PHONE_NUMBER", " ".join(parts))
    if mode == "wordscomma":
        return ("PHONE_NUMBER", ", ".join(pair_words(x) for x in p))
    if mode == "mixed":
        parts = []
        for i, x in enumerate(p):
            parts.append(pair_words(x) if (i == 0 or maybe(0.5)) else x)
        if all(not c.isalpha() for c in "".join(parts[1:])) and len(parts) > 1:
            parts[-1] = pair_words(p[-1])
        return ("PHONE_NUMBER", " ".join(parts))
    # first pair word by word then single digits for some
    parts = ["zéro", UNITS[int(d[1])]] + [UNITS[int(c)] if maybe(0.6) else c for c in d[2:]]
    if parts[-1].isdigit():
        parts[-1] = UNITS[int(parts[-1])]
    return ("PHONE_NUMBER", " ".join(parts))


# ---------------------------------------------------------------- e-mails, URLs
WEBMAIL = ["gmail.com", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr", "hotmail.fr", "yahoo.fr",
           "outlook.fr", "icloud.com", "proton.me", "bbox.fr", "neuf.fr", "live.fr", "aol.com", "gmx.fr"]


def email(p, dom=None):
    f, l = slug(p.first, ""), slug(p.last, "")
    fd = slug(p.first, "-")
    local = ch([f"{f}.{l}", f"{f[0]}.{l}", f"{f}{l}", f"{l}.{f}", f"{f[0]}{l}", f"{fd}.{l}{R.randrange(10, 99)}",
                f"{f}_{l}", f"{l}{f[0]}", f"{f}.{l}{R.randrange(1950, 2005)}", f"{l}-{f}"])
    if dom is None:
        dom = ch(WEBMAIL)
    return ("EMAIL_ADDRESS", f"{local}@{dom}")


def spoken_email(p):
    f, l = slug(p.first, ""), slug(p.last, "")
    dom = ch(["gmail point com", "orange point fr", "free point fr", "laposte point net", "hotmail point fr"])
    sep = ch([" point ", " tiret ", " tiret du bas ", ""])
    return ("EMAIL_ADDRESS", f"{f}{sep}{l} arobase {dom}")


def profile_url(p):
    f, l = slug(p.first), slug(p.last)
    fc, lc = slug(p.first, ""), slug(p.last, "")
    h = "".join(ch("0123456789abcdef") for _ in range(R.choice([6, 8, 9])))
    return ("URL", ch([
        f"linkedin.com/in/{f}-{l}-{h}", f"https://www.linkedin.com/in/{f}-{l}", f"https://fr.linkedin.com/in/{fc}{lc}",
        f"www.linkedin.com/in/{fc[0]}{lc}-{h[:5]}", f"https://www.facebook.com/{fc}.{lc}", f"facebook.com/{fc}.{lc}.{R.randrange(3, 99)}",
        f"https://www.instagram.com/{fc}_{lc}", f"instagram.com/{fc}.{lc}.officiel", f"https://github.com/{fc[0]}{lc}",
        f"https://x.com/{fc}{lc[:4]}", f"https://www.malt.fr/profile/{fc}{lc}", f"https://{fc}-{lc}.fr",
        f"www.{fc}{lc}-photographe.fr", f"https://www.doctolib.fr/kinesitherapeute/{slug(ch(TOWNS_ALONE))}/{f}-{l}",
        f"https://about.me/{fc}{lc}", f"https://{fc}{lc}.wordpress.com", f"https://www.youtube.com/@{fc}{lc}",
        f"https://bsky.app/profile/{fc}{lc}.bsky.social", f"https://www.viadeo.com/p/{fc}.{lc}",
    ]))


# ---------------------------------------------------------------- addresses
FR_TOWNS = [("35000", "Rennes"), ("29300", "Quimperlé"), ("81000", "Albi"), ("73000", "Chambéry"),
            ("88100", "Saint-Dié-des-Vosges"), ("64000", "Pau"), ("56000", "Vannes"), ("01000", "Bourg-en-Bresse"),
            ("15000", "Aurillac"), ("24000", "Périgueux"), ("49300", "Cholet"), ("40100", "Dax"), ("79000", "Niort"),
            ("68000", "Colmar"), ("62300", "Lens"), ("26000", "Valence"), ("82000", "Montauban"), ("20000", "Ajaccio"),
            ("20200", "Bastia"), ("69100", "Villeurbanne"), ("93100", "Montreuil"), ("94000", "Créteil"),
            ("13008", "Marseille"), ("69007", "Lyon"), ("75011", "Paris"), ("75018", "Paris"), ("31400", "Toulouse"),
            ("44300", "Nantes"), ("59800", "Lille"), ("33800", "Bordeaux"), ("29200", "Brest"), ("48000", "Mende"),
            ("76600", "Le Havre"), ("87100", "Limoges"), ("21000", "Dijon"), ("37000", "Tours"), ("06300", "Nice"),
            ("57000", "Metz"), ("80000", "Amiens"), ("92130", "Issy-les-Moulineaux"), ("95000", "Cergy")]
VILLAGES = [("29880", "Plouguerneau"), ("64310", "Saint-Pée-sur-Nivelle"), ("32700", "Lectoure"),
            ("24200", "Sarlat-la-Canéda"), ("25290", "Ornans"), ("12200", "Villefranche-de-Rouergue"),
            ("46160", "Cajarc"), ("71250", "Cluny"), ("05100", "Briançon"), ("22450", "La Roche-Jaudy"),
            ("07200", "Vogüé"), ("19190", "Aubazine"), ("39600", "Arbois"), ("85330", "Noirmoutier-en-l'Île")]
DOM_TOWNS = [("97110", "Pointe-à-Pitre"), ("97139", "Les Abymes"), ("97200", "Fort-de-France"),
             ("97232", "Le Lamentin"), ("97400", "Saint-Denis"), ("97410", "Saint-Pierre"), ("97430", "Le Tampon"),
             ("97300", "Cayenne"), ("97310", "Kourou"), ("97600", "Mamoudzou"), ("97320", "Saint-Laurent-du-Maroni"),
             ("97100", "Basse-Terre"), ("97460", "Saint-Paul")]
STREETS = ["rue des Tanneurs", "chemin de la Garenne", "allée des Pervenches", "impasse du Moulin-Brûlé",
           "avenue Jean-Jaurès", "boulevard de la Liberté", "rue du Docteur-Roux", "quai des Chartrons",
           "rue Paul-Bert", "place du Marché-aux-Grains", "chemin des Vignes-Basses", "rue de la Fonderie",
           "cours Lafayette", "rue Haute", "montée des Carmes", "traverse des Pêcheurs", "rue des Glycines",
           "rue de l'Abbé-Grégoire", "sentier des Douaniers", "route de Kerhuon", "rue du Four-à-Chaux",
           "avenue des Tamaris", "rue Saint-Sauveur", "rue des Quatre-Vents", "passage du Cheval-Blanc",
           "allée Louise-Michel", "rue Émile-Zola", "chemin du Lavoir", "rue de la Poterne", "square des Hortensias",
           "rue du Général-Leclerc", "avenue de la Gare", "rue des Écoles", "boulevard Gambetta", "rue Pasteur",
           "impasse des Mésanges", "rue de la Croix-Verte", "voie romaine", "rue Lamartine", "mail des Tisserands"]
DOM_STREETS = ["rue Victor-Schœlcher", "rue Frébault", "boulevard du Général-de-Gaulle", "rue Lamartine",
               "lotissement Bellevue", "chemin de la Ravine-Blanche", "rue Félix-Éboué", "route de Montjoly",
               "rue du Commandant-Mortenol", "allée des Flamboyants", "impasse des Filaos", "rue Jean-Chatel"]
RESID = ["Résidence Les Tilleuls", "Résidence du Parc", "Résidence Le Clos Fleuri", "Résidence Les Jardins d'Hélios",
         "Résidence Ker Avel", "Résidence Les Acacias", "Cité des Pins", "Résidence Plein Sud", "Les Terrasses du Lac"]
LIEUDIT = ["Lieu-dit Le Pouget", "lieu-dit La Borde Haute", "Le Mas de Fabre", "Hameau de Kervézec", "lieu-dit Les Granges",
           "La Métairie Neuve", "lieu-dit Coat Men", "Ferme de la Haye", "lieu-dit Peyrelongue", "Le Moulin d'en Bas"]


def num():
    n = str(wpick([(60, R.randrange(1, 40)), (30, R.randrange(40, 220)), (10, R.randrange(220, 1200))]))
    if maybe(0.08):
        n += ch([" bis", " ter", "bis", "B"])
    return n


def fr_address(style=None, dom=False, sep=", "):
    """Returns a list of address lines (each a str)."""
    if style is None:
        style = wpick([(50, "plain"), (15, "resid"), (10, "lieudit"), (8, "bp"), (6, "cedex"), (11, "compl")])
    if dom:
        cp, town = ch(DOM_TOWNS)
        street = ch(DOM_STREETS)
    elif style == "lieudit":
        cp, town = ch(VILLAGES)
        street = ch(STREETS)
    else:
        cp, town = ch(FR_TOWNS)
        street = ch(STREETS)
    last = f"{cp} {town}"
    if maybe(0.12):
        last = f"{cp} {town.upper()}"
    if style == "plain":
        return [f"{num()} {street}", last]
    if style == "resid":
        r = ch(RESID)
        extra = ch([f"Bât. {ch('ABCDEFG')}", f"bâtiment {ch('ABCD')}{R.randrange(1, 5)}", f"Esc. {R.randrange(1, 6)}",
                    f"Bât {ch('ABC')}, appt {R.randrange(1, 80)}", f"Apt {R.randrange(1, 120)}, {R.randrange(1, 9)}e étage",
                    f"porte {R.randrange(1, 40)}"])
        return [f"{r}, {extra}", f"{num()} {street}", last]
    if style == "compl":
        extra = ch([f"Appt {R.randrange(1, 90)}", f"{R.randrange(1, 12)}e étage gauche", f"chez {ch(['M.', 'Mme'])} {ch(L_FR)}",
                    f"Bâtiment {ch('ABCDE')}", "Fond de cour", "Entrée B"])
        if extra.startswith("chez"):
            extra = f"Appt {R.randrange(1, 90)}"
        return [f"{num()} {street}", extra, last]
    if style == "lieudit":
        ld = ch(LIEUDIT)
        if maybe(0.5):
            return [ld, last]
        return [ld, f"{num()} {ch(['route de la Forge', 'chemin du Puits', 'voie communale 4', 'route des Crêtes'])}", last]
    if style == "bp":
        bp = ch([f"BP {R.randrange(1, 999)}", f"B.P. {R.randrange(10, 500)}", f"CS {R.randrange(10000, 99999)}"])
        return [f"{num()} {street}", f"{bp}", last]
    if style == "cedex":
        bp = ch([f"BP {R.randrange(1, 999)}", f"CS {R.randrange(10000, 99999)}", f"TSA {R.randrange(10000, 99999)}"])
        return [f"{num()} {street}", bp, f"{cp[:2]}{R.randrange(100, 999)} {town.upper()} CEDEX{ch(['', ' ' + str(R.randrange(1, 20))])}"]
    raise ValueError(style)


def addr(one_line=True, **kw):
    lines = fr_address(**kw)
    if one_line:
        return ("LOCATION", ", ".join(lines) if maybe(0.85) else " ".join(lines))
    return ("LOCATION", "\n".join(lines))


FOREIGN_ADDR = {
    "BE": [lambda: f"Rue de l'Aqueduc {R.randrange(1, 180)}, 1050 Ixelles", lambda: f"Chaussée de Wavre {R.randrange(1, 900)}, 1040 Etterbeek",
           lambda: f"Avenue des Nerviens {R.randrange(1, 120)}, bte {R.randrange(1, 30)}, 1040 Bruxelles",
           lambda: f"Veldstraat {R.randrange(1, 90)}, 9000 Gent", lambda: f"Rue Saint-Gilles {R.randrange(1, 200)}, 4000 Liège"],
    "CH": [lambda: f"Chemin des Pâquerettes {R.randrange(1, 40)}, 1004 Lausanne", lambda: f"Rue du Stand {R.randrange(1, 60)}, 1204 Genève",
           lambda: f"Bahnhofstrasse {R.randrange(1, 120)}, 8001 Zürich", lambda: f"Route de Fribourg {R.randrange(1, 90)}, 1700 Fribourg"],
    "ES": [lambda: f"Calle de Alcalá {R.randrange(1, 300)}, 3º B, 28009 Madrid", lambda: f"Carrer de Mallorca {R.randrange(1, 500)}, 08008 Barcelona",
           lambda: f"Avenida de la Constitución {R.randrange(1, 60)}, 41001 Sevilla", lambda: f"Calle Mayor {R.randrange(1, 80)}, 2º izq., 20003 Donostia"],
    "UK": [lambda: f"{R.randrange(1, 90)} Harcourt Road, Bristol BS6 7RB", lambda: f"Flat {R.randrange(1, 20)}, {R.randrange(1, 90)} Albion Street, Leeds LS1 6AD",
           lambda: f"{R.randrange(1, 200)} Kingsway, London WC2B 6XF", lambda: f"{R.randrange(1, 50)} Marchmont Crescent, Edinburgh EH9 1HN"],
    "US": [lambda: f"{R.randrange(100, 9999)} Alder Street, Apt {R.randrange(1, 9)}B, Portland, OR 97205",
           lambda: f"{R.randrange(100, 999)} W 98th St, New York, NY 10025", lambda: f"{R.randrange(100, 9999)} Maple Ave, Dallas, TX 75219",
           lambda: f"{R.randrange(10, 999)} Beacon Street, Boston, MA 02116"],
    "MA": [lambda: f"{R.randrange(1, 90)} rue Ibn Battouta, Quartier Maârif, 20330 Casablanca",
           lambda: f"Résidence Al Amal, imm. {R.randrange(1, 20)}, apt {R.randrange(1, 40)}, Hay Riad, 10100 Rabat",
           lambda: f"Lot. Annakhil n° {R.randrange(1, 400)}, 40000 Marrakech", lambda: f"{R.randrange(1, 60)} avenue Mohammed V, 90000 Tanger"],
    "DE": [lambda: f"Schönhauser Allee {R.randrange(1, 190)}, 10439 Berlin", lambda: f"Leopoldstraße {R.randrange(1, 200)}, 80802 München",
           lambda: f"Am Kirchberg {R.randrange(1, 40)}, 66111 Saarbrücken", lambda: f"Eppendorfer Weg {R.randrange(1, 250)}, 20259 Hamburg"],
    "IT": [lambda: f"Via Garibaldi {R.randrange(1, 120)}, 10122 Torino", lambda: f"Corso Buenos Aires {R.randrange(1, 90)}, 20124 Milano",
           lambda: f"Via dei Serragli {R.randrange(1, 150)}, 50124 Firenze"],
    "LU": [lambda: f"{R.randrange(1, 90)}, rue de Hollerich, L-1741 Luxembourg", lambda: f"{R.randrange(1, 40)} rue Principale, L-9201 Diekirch",
           lambda: f"{R.randrange(1, 120)} route d'Arlon, L-8009 Strassen"],
}
COUNTRY_NAME = {"BE": "Belgique", "CH": "Suisse", "ES": "Espagne", "UK": "Royaume-Uni", "US": "États-Unis",
                "MA": "Maroc", "DE": "Allemagne", "IT": "Italie", "LU": "Luxembourg"}
FOREIGN_MAIL = {"BE": ["skynet.be", "telenet.be", "proximus.be"], "CH": ["bluewin.ch", "sunrise.ch"],
                "ES": ["telefonica.net", "gmail.com"], "UK": ["btinternet.com", "gmail.com", "sky.com"],
                "US": ["gmail.com", "comcast.net", "yahoo.com"], "MA": ["menara.ma", "gmail.com"],
                "DE": ["web.de", "gmx.de", "t-online.de"], "IT": ["libero.it", "tiscali.it"], "LU": ["pt.lu", "internet.lu"]}


def foreign_addr(c):
    return ("LOCATION", ch(FOREIGN_ADDR[c])())


# ---------------------------------------------------------------- bank, cards, NIR, IP, plates, dates
def iban_check(cc, bban):
    s = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - n % 97)


def mod97_ok(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def rib_key(bank, branch, acct):
    return "%02d" % (97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)


def letters(n):
    return "".join(ch("ABCDEFGHJKLMNPQRSTVWXYZ") for _ in range(n))


def make_iban(cc=None):
    if cc is None:
        cc = wpick([(50, "FR"), (7, "BE"), (6, "DE"), (6, "ES"), (5, "CH"), (5, "GB"), (5, "IT"), (4, "NL"),
                    (4, "PT"), (4, "LU"), (3, "MA"), (1, "MC")])
    if cc in ("FR", "MC"):
        bank = ch(["30004", "30003", "20041", "10278", "11306", "13807", "16606", "30066", "10907", "17515", "18206"])
        branch, acct = digits(5), digits(11)
        bban = bank + branch + acct + rib_key(bank, branch, acct)
    elif cc == "BE":
        b = digits(10)
        k = int(b) % 97 or 97
        bban = b + "%02d" % k
    elif cc == "DE":
        bban = digits(18)
    elif cc == "ES":
        bban = digits(20)
    elif cc == "CH":
        bban = digits(17)
    elif cc == "GB":
        bban = ch(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(14)
    elif cc == "IT":
        bban = ch("ABCDEFGHIJKLMNPQRSTUVWXYZ") + digits(22)
    elif cc == "NL":
        bban = ch(["ABNA", "INGB", "RABO", "TRIO"]) + digits(10)
    elif cc == "PT":
        bban = digits(21)
    elif cc == "LU":
        bban = digits(16)
    elif cc == "MA":
        bban = digits(24)
    return cc + iban_check(cc, bban) + bban


def fmt_iban(ib, style=None):
    if style is None:
        style = wpick([(45, "g4"), (18, "compact"), (12, "dash"), (10, "bank"), (6, "lower"), (5, "g4nbsp"), (4, "iban:")])
    g = [ib[i:i + 4] for i in range(0, len(ib), 4)]
    if style == "bank" and ib[:2] not in ("FR", "MC"):
        style = "g4"
    if style == "g4":
        return " ".join(g)
    if style == "compact":
        return ib
    if style == "dash":
        return "-".join(g)
    if style == "bank":
        return f"{ib[:4]} {ib[4:9]} {ib[9:14]} {ib[14:25]} {ib[25:]}"
    if style == "lower":
        return ch([" ".join(g), ib]).lower()
    if style == "g4nbsp":
        return "  ".join(g)
    if style == "iban:":
        return " ".join(g)
    raise ValueError(style)


def iban(cc=None, style=None):
    return ("IBAN_CODE", fmt_iban(make_iban(cc), style))


def luhn_ok(num):
    s, alt = 0, False
    for c in reversed(num):
        d = int(c)
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        s += d
        alt = not alt
    return s % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    for k in range(10):
        if luhn_ok(body + str(k)):
            return body + str(k)


def card():
    t = wpick([(50, "visa"), (30, "mc"), (10, "mc2"), (10, "amex")])
    if t == "visa":
        n = luhn_complete("4" + digits(1), 16)
    elif t == "mc":
        n = luhn_complete("5" + ch("12345"), 16)
    elif t == "mc2":
        n = luhn_complete(str(R.randrange(2221, 2721)), 16)
    else:
        n = luhn_complete("3" + ch("47"), 15)
    if len(n) == 15:
        v = ch([f"{n[:4]} {n[4:10]} {n[10:]}", n, f"{n[:4]}-{n[4:10]}-{n[10:]}"])
    else:
        g = [n[i:i + 4] for i in range(0, 16, 4)]
        v = wpick([(50, " ".join(g)), (20, n), (15, "-".join(g)), (5, ".".join(g)), (10, "  ".join(g))])
    return ("CREDIT_CARD", v)


def nir_value(p=None, year=None, month=None):
    sex = "1" if (p is None and maybe(0.5)) or (p is not None and p.sex == "M") else "2"
    yy = "%02d" % (year % 100 if year else R.randrange(40, 100) if maybe(0.8) else R.randrange(0, 6))
    mm = "%02d" % (month if month else R.randrange(1, 13))
    r = R.random()
    if r < 0.07:
        dept, comm = ch(["2A", "2B"]), "%03d" % R.randrange(1, 360)
    elif r < 0.15:
        dept, comm = ch(["971", "972", "973", "974", "976"]), "%02d" % R.randrange(1, 60)
    elif r < 0.22:
        dept, comm = "99", "%03d" % ch([350, 351, 352, 134, 109, 127, 216, 139, 131])
    else:
        dept = "%02d" % ch([1, 6, 13, 14, 22, 29, 31, 33, 35, 38, 44, 56, 59, 62, 67, 69, 75, 76, 78, 83, 92, 93, 94, 95])
        comm = "%03d" % R.randrange(1, 500)
    order = "%03d" % R.randrange(1, 999)
    body = sex + yy + mm + dept + comm + order
    numeric = body.replace("2A", "19").replace("2B", "18")
    key = "%02d" % (97 - int(numeric) % 97)
    return body, key


def nir(p=None, year=None, month=None):
    body, key = nir_value(p, year, month)
    d5 = body[5:7] if body[5:7] not in ("97",) else body[5:8]
    rest = body[5 + len(d5):]
    comm, order = rest[:-3], rest[-3:]
    st = wpick([(45, "grp"), (20, "compact"), (15, "k"), (8, "dots"), (12, "g5")])
    if st == "grp":
        v = f"{body[0]} {body[1:3]} {body[3:5]} {d5} {comm} {order} {key}"
    elif st == "compact":
        v = body + key
    elif st == "k":
        v = f"{body} {key}"
    elif st == "dots":
        v = f"{body[0]}.{body[1:3]}.{body[3:5]}.{d5}.{comm}.{order}.{key}"
    else:
        v = f"{body[:5]} {body[5:10]} {body[10:]} {key}"
    return ("FR_NIR", v)


def nir_ok(v):
    s = "".join(c for c in v if c.isalnum()).upper()
    if len(s) != 15:
        return False
    body, key = s[:13], s[13:]
    numeric = body[:5] + body[5:7].replace("2A", "19").replace("2B", "18") + body[7:]
    if not numeric.isdigit():
        return False
    return int(key) == 97 - int(numeric) % 97


def ipv4(port=False, private=False):
    if private:
        a = ch([f"10.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}",
                f"192.168.{R.randrange(256)}.{R.randrange(1, 255)}", f"172.{R.randrange(16, 32)}.{R.randrange(256)}.{R.randrange(1, 255)}"])
    else:
        a = f"{ch([2, 5, 31, 37, 46, 62, 77, 78, 80, 81, 82, 86, 88, 90, 91, 92, 109, 176, 185, 193, 195, 212, 213])}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}"
    if port:
        a += f":{ch([443, 8080, 22, 3389, 8443, 51234, 3306, 25, 993])}"
    return ("IP_ADDRESS", a)


def ipv6():
    pre = ch(["2a01:cb08", "2a01:e0a", "2001:861", "2a02:8428", "2a01:e34", "2001:41d0", "2a04:cec0", "2600:1700", "fe80:"])
    hexg = lambda: "%x" % R.randrange(0, 65536)
    if pre == "fe80:":
        return ("IP_ADDRESS", f"fe80::{hexg()}:{hexg()}ff:fe{'%02x' % R.randrange(256)}:{hexg()}")
    if maybe(0.5):
        return ("IP_ADDRESS", f"{pre}:{hexg()}:{hexg()}::{hexg()}")
    return ("IP_ADDRESS", f"{pre}:{hexg()}:{hexg()}:{hexg()}:{hexg()}:{hexg()}:{hexg()}")


def plate():
    L = "ABCDEFGHJKLMNPQRSTVWXYZ"
    l2 = lambda: ch(L) + ch(L)
    st = wpick([(45, "siv-"), (20, "sivsp"), (12, "sivc"), (15, "fni"), (8, "fni3")])
    if st == "siv-":
        v = f"{l2()}-{digits(3).replace('000', '104')}-{l2()}"
    elif st == "sivsp":
        v = f"{l2()} {R.randrange(1, 1000):03d} {l2()}"
    elif st == "sivc":
        v = f"{l2()}{R.randrange(1, 1000):03d}{l2()}"
    elif st == "fni":
        v = f"{R.randrange(1, 9999)} {l2()} {ch(['75', '13', '69', '33', '59', '29', '2A', '974', '92'])}"
    else:
        v = f"{R.randrange(1, 999)} {ch(L)}{l2()} {ch(['13', '06', '83', '31', '44'])}"
    return ("FR_LICENSE_PLATE", v)


MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
MONTHS_ABBR = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()


def dob(y=None, m=None):
    y = y or R.randrange(1938, 2006)
    m = m or R.randrange(1, 13)
    d = R.randrange(1, 29)
    st = wpick([(35, "slash"), (8, "dot"), (6, "dash"), (15, "long"), (6, "iso"), (8, "yy"), (6, "short"), (6, "abbr"), (10, "1er")])
    if st == "slash":
        v = f"{d:02d}/{m:02d}/{y}"
    elif st == "dot":
        v = f"{d:02d}.{m:02d}.{y}"
    elif st == "dash":
        v = f"{d:02d}-{m:02d}-{y}"
    elif st == "long":
        v = f"{d} {MONTHS[m - 1]} {y}"
    elif st == "iso":
        v = f"{y}-{m:02d}-{d:02d}"
    elif st == "yy":
        v = f"{d:02d}/{m:02d}/{y % 100:02d}"
    elif st == "short":
        v = f"{d}/{m}/{y}"
    elif st == "abbr":
        v = f"{d} {MONTHS_ABBR[m - 1].rstrip('.')} {y}"
    else:
        v = f"1er {MONTHS[m - 1]} {y}"
    return ("DATE_TIME", v)


def siren_val():
    return luhn_complete(ch("3456789"), 9)


def siret_val():
    s = siren_val()
    while True:
        nic = "00" + digits(2)
        n = s + nic
        for k in range(10):
            if luhn_ok(n + str(k)):
                return s + nic + str(k)


def siren():
    s = siren_val()
    return ("FR_SIREN", ch([s, f"{s[:3]} {s[3:6]} {s[6:]}"]))


def siret():
    s = siret_val()
    return ("FR_SIRET", ch([s, f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}"]))


# ---------------------------------------------------------------- misc plain fillers
def a_date():
    return ch([f"{R.randrange(1, 29):02d}/{R.randrange(1, 13):02d}", f"{R.randrange(1, 29)} {ch(MONTHS)}",
               f"{ch(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'])} {R.randrange(1, 29)}",
               f"{R.randrange(1, 29):02d}/{R.randrange(1, 13):02d}/2025"])


def a_time():
    return ch([f"{R.randrange(8, 19)}h{ch(['', '00', '15', '30', '45'])}", f"{R.randrange(8, 19)}:{ch(['00', '15', '30', '45'])}"])


def order_no():
    return ch([f"CMD-{R.randrange(2023, 2026)}-{digits(5)}", f"n° {digits(7)}", f"#{digits(6)}", f"BL{digits(8)}",
               f"FA-{digits(6)}", f"dossier {digits(2)}-{digits(4)}", f"ticket {digits(5)}"])


def amount():
    return ch([f"{R.randrange(20, 9000)},{R.randrange(0, 100):02d} €", f"{R.randrange(100, 40000)} € HT",
               f"{R.randrange(5, 900)} €", f"{R.randrange(1, 30)} k€"])


# ---------------------------------------------------------------- kinds
def k_chat():
    c = new_person()
    ag = staff()
    t0h, t0m = R.randrange(8, 20), R.randrange(0, 50)
    lines = []

    def ts():
        nonlocal t0m
        t0m += R.randrange(0, 3)
        return f"[{t0h:02d}:{min(t0m, 59):02d}] "
    ag_label = ch(["Conseiller", "Agent", "Support", OUR[0]])
    cl_label = ch(["Client", "Visiteur", "Vous", f"Visiteur {digits(5)}"])
    agn = wpick([(35, [ag_label, " (", first(ag), ")"]), (25, [first(ag)]), (40, [ag_label])])
    cln = [cl_label] if maybe(0.7) else [first(c)]
    colon = ch([" : ", ": ", " > "])
    lines.append([ts(), *agn, colon, ch(["Bonjour, je m'appelle ", "Bonjour, ici ", "Bonjour et bienvenue, je suis "]), first(ag),
                  ch([", comment puis-je vous aider ?", ". Que puis-je faire pour vous ?", ", en quoi puis-je vous aider aujourd'hui ?"])])
    prob = ch(["ma commande n'est jamais arrivée", "je ne peux plus me connecter à mon espace", "j'ai été prélevé deux fois",
               "je voudrais changer mon adresse de livraison", "le technicien n'est pas venu", "je veux résilier mon abonnement",
               "ma facture est fausse", "je n'ai pas reçu le code de validation"])
    lines.append([ts(), *cln, colon, ch(["bonjour ", "Bonjour, ", "bjr "]), prob])
    lines.append([ts(), *agn, colon, ch(["Pouvez-vous me donner vos nom et prénom ainsi que l'e-mail du compte ?",
                                         "Je vais vérifier. Vos nom, prénom et numéro de téléphone svp ?",
                                         "Pour retrouver votre dossier, j'ai besoin de votre nom et de votre adresse mail."])])
    nm = full(c, wpick([(40, "fl"), (20, "low"), (15, "LF"), (10, "lf"), (5, "UP")]))
    info = [nm]
    if maybe(0.7):
        info += [ch([", ", " - ", " / ", " mail "]), email(c)]
    if maybe(0.6):
        info += [ch([", tel ", ", mon portable : ", " et le ", ", "]), ph("mob", ch(["sp", "compact", "dot", "+33"]))]
    lines.append([ts(), *cln, colon, *info])
    sub = R.randrange(4)
    if sub == 0:
        lines.append([ts(), *agn, colon, "Merci ", ch([[civ(c), ("PERSON", c.last)], [first(c)]]),
                      ". Je vois la commande ", order_no(), ", elle est bloquée au dépôt de ", ch(TOWNS_ALONE), "."])
        if maybe(0.3):
            lines.append([ts(), *cln, colon, "je peux payer tout de suite, ma carte c'est ", card()])
            lines.append([ts(), *agn, colon, "Merci, mais je ne peux pas prendre de paiement ici, je supprime votre numéro de carte."])
        lines.append([ts(), *cln, colon, "vous pouvez la livrer plutôt au ", addr(), " ? c'est chez ma ", ch(["mère", "soeur", "fille"]), " ",
                      ("PERSON", ch(F_FR + F_WORD))])
        lines.append([ts(), *agn, colon, "C'est noté, nouvelle livraison prévue le ", a_date(), "."])
    elif sub == 1:
        lines.append([ts(), *agn, colon, "Je vois deux prélèvements de ", amount(), ". Sur quel compte ?"])
        lines.append([ts(), *cln, colon, ch(["mon iban c'est ", "IBAN : ", "le compte "]), iban("FR", ch(["g4", "compact", "lower"]))])
        if maybe(0.5):
            lines.append([ts(), *agn, colon, "Merci, ne communiquez jamais votre numéro de carte par chat. Le remboursement partira sous 5 jours."])
        else:
            lines.append([ts(), *cln, colon, "et j'ai payé aussi avec la carte ", card(), " exp ", f"{R.randrange(1, 13):02d}/{R.randrange(26, 31)}"])
            lines.append([ts(), *agn, colon, "Merci de ne pas envoyer le numéro complet de votre carte ici, je masque le message."])
    elif sub == 2:
        lines.append([ts(), *agn, colon, "Je vois des connexions depuis l'adresse IP ", ch([ipv4(), ipv6()]), " cette nuit. C'est vous ?"])
        ans = ch(["non pas du tout", "non j'étais chez moi", "peut-être mon fils ", "aucune idée", "ah oui c'est mon mari "])
        lines.append([ts(), *cln, colon, ans, *([("PERSON", ch(M_FR + M_WORD))] if ans.endswith(" ") else [])])
        lines.append([ts(), *agn, colon, "Par sécurité je réinitialise le mot de passe, vous recevrez un lien sur ", email(c), "."])
    else:
        lines.append([ts(), *agn, colon, "Je transfère à ", first(ag2 := staff()), " du service ", ch(["technique", "facturation", "résiliation"]), "."])
        lines.append([ts(), first(ag2), colon, "Bonjour, pour la résiliation il me faut votre date de naissance."])
        lines.append([ts(), *cln, colon, dob()])
        lines.append([ts(), first(ag2), colon, "Merci, c'est fait. Confirmation envoyée par SMS au ", ph("mob", "sp"), "."])
    if maybe(0.6):
        lines.append([ts(), *cln, colon, ch(["merci", "ok merci bonne journée", "Merci beaucoup !", "super merci " ])])
    if maybe(0.3):
        lines.append(["— Conversation clôturée par ", ag_label, " (", full(ag, "fl"), ") · note satisfaction ", str(R.randrange(1, 6)), "/5"])
    out = []
    for ln in lines:
        out += ln + ["\n"]
    return out[:-1]


def k_voicemail():
    c = new_person()
    comp = ch(COMPANIES)[0] if maybe(0.5) else None
    head = ch([f"Messagerie — {a_date()} {a_time()} — durée 0'{R.randrange(12, 59)}\"\nTranscription : ",
               "Transcription automatique du message vocal : ", "MESSAGE VOCAL (transcrit)\n", "Répondeur standard, message laissé le " + a_date() + " :\n",
               "Vocal transcrit (qualité moyenne) : "])
    low = maybe(0.45)
    nm = full(c, "low") if low else full(c, ch(["fl", "fl", "lf"]))
    intro = ch([["oui bonjour c'est ", nm], ["allô bonjour euh ", nm, " à l'appareil"], ["bonjour ici ", nm],
                ["oui bonjour je suis ", ch(["madame ", "monsieur "]), ("PERSON", c.last.lower() if low else c.last)],
                ["bonjour c'est ", first(c, low), " euh ", ("PERSON", c.last.lower() if low else c.last)]])
    segs = ["« " if maybe(0.4) else "", *intro]
    if comp:
        segs += [ch([" de la société ", " de chez ", " pour "]), comp]
    segs += [ch([" je vous appelle au sujet du devis ", " c'est pour le contrat ", " je rappelle pour la facture ", " suite à la visite de votre technicien "]),
             ch(["", "euh ", ""]), ch([order_no(), ch(PRODUCTS)])]
    if maybe(0.25):
        t = staff()
        segs += [" j'avais eu ", first(t, low), " la semaine dernière"]
    segs += [ch([" vous pouvez me rappeler au ", " mon numéro c'est le ", " rappelez-moi au ", " je vous laisse mon portable "]), spoken_phone()]
    if maybe(0.45):
        segs += [ch([" je répète ", " je vous le redis ", " donc "]), ph(None, ch(["sp", "compact"])) if maybe(0.4) else spoken_phone()]
    if maybe(0.25):
        segs += [" ou sur mon mail ", spoken_email(c) if maybe(0.6) else email(c)]
    if maybe(0.15):
        segs += [" ou au bureau ", ph("fix", "sp")]
    segs += [ch([" merci au revoir", " bonne journée", " voilà merci", " à bientôt au revoir", " merci d'avance"])]
    segs += [" »" if segs[0] else ""]
    if maybe(0.3):
        segs += ["\n", ch(["[fin du message]", "(transcription non vérifiée)", "-> à rappeler", "Rappel fait par "]),
                 ]
        if segs[-1] == "Rappel fait par ":
            segs += [first(staff())]
    return [head] + segs


TYPO_MAP = [("é", "e"), ("è", "e"), ("qu", "k"), ("ss", "s"), ("mm", "m"), ("tt", "t")]


def typo_text(s, rate=0.12):
    words = s.split(" ")
    out = []
    for w in words:
        if len(w) > 3 and w.isalpha() and maybe(rate):
            i = R.randrange(1, len(w) - 1)
            op = R.randrange(4)
            if op == 0:
                w = w[:i] + w[i + 1:]
            elif op == 1:
                w = w[:i] + w[i] + w[i:]
            elif op == 2:
                w = w[:i - 1] + w[i] + w[i - 1] + w[i + 1:]
            else:
                for a, b in TYPO_MAP:
                    if a in w:
                        w = w.replace(a, b, 1)
                        break
        out.append(w)
    return " ".join(out)


def k_handwritten():
    c = new_person()
    segs = [ch(["Note manuscrite (retranscrite) :\n", "[scan fiche papier salon — retranscription]\n", "Fiche contact manuscrite, saisie le " + a_date() + "\n",
                "Post-it retrouvé sur le bureau de ", "Retranscription carnet terrain :\n"])]
    if segs[0].startswith("Post-it"):
        segs += [first(staff()), " :\n"]
    nm = who(c, 0.3, wpick([(40, "fl"), (25, "LF"), (10, "low"), (10, "ini")]))
    segs += [ch(["nom : ", "Contact : ", "", "Vu : "]), *nm]
    if maybe(0.2):
        segs += [" (", ch(["ou ", "orth. ? "]), ("PERSON", c.last[:-1] + ch("eyi") if len(c.last) > 3 and c.last[-1].isalpha() and c.last[-1] not in "eyi" else c.last + "e"), " ?)"]
    segs += ["\n"]
    items = R.sample(["tel", "mail", "adr", "dob", "plate", "note", "illis", "rib", "cb"], R.randrange(3, 6))
    for it in items:
        if it == "tel":
            d = fr_phone_digits()
            v = fmt_fr(d, ch(["sp", "compact", "dot", "odd"]))
            if maybe(0.1):  # one digit missing: still phone-shaped
                v = v[:-1]
            segs += [ch(["tel ", "Tél : ", "tél. ", "port. ", "☎ "]), ("PHONE_NUMBER", v), ch(["", " (soir)", " (pas avant 10h)", " ?"]), "\n"]
        elif it == "mail":
            segs += [ch(["mail : ", "@ ", "email "]), email(c), ch(["", " (à confirmer)", " — pas sûr du point"]), "\n"]
        elif it == "adr":
            segs += [ch(["adresse : ", "habite ", "adr. ", "chantier chez lui : "]), addr(), "\n"]
        elif it == "dob":
            segs += [ch(["né le ", "née le ", "DDN ", "date naiss. "]), dob(), "\n"]
        elif it == "plate":
            segs += [ch(["voiture ", "immat ", "véhicule "]), plate(), ch(["", " (break gris)", " — Clio blanche"]), "\n"]
        elif it == "note":
            segs += [typo_text(ch(["interessé par la gamme terra, veut un devis avant fin du mois",
                                   "rappeler apres les vacances scolaires, budget serré",
                                   "a deja un contrat chez la concurence, echeance en juin",
                                   "voir avec sa femme pour la decision, rdv a reprendre",
                                   "demande remise 10% si commande 3 postes"]), 0.2), "\n"]
        elif it == "illis":
            segs += [ch(["[illisible] ", "[mot barré] ", "(?) "]), typo_text(ch(["passer le matin", "envoyer doc tarifs", "pas de démarchage tel"]), 0.2), "\n"]
        elif it == "cb":
            segs += [ch(["CB ", "carte : ", "n° carte "]), card(), ch(["", " exp 11/27", " (visa)"]), "\n"]
        elif it == "rib":
            segs += ["RIB donné : ", iban(None, ch(["g4", "compact", "bank"])), "\n"]
    if maybe(0.4):
        segs += [ch(["— ", "signé ", "vu par "]), ch([[first(staff())], [full(staff(), "ini")]])]
    if segs[-1] == "\n":
        segs.pop()
    # typos on plain text only
    return [typo_text(s, 0.1) if isinstance(s, str) and maybe(0.5) else s for s in segs]


def k_shorthand():
    c = new_person()
    comp = ch(COMPANIES)[0]
    segs = []
    pats = R.randrange(6)
    if pats == 0:
        segs = [ch(["RDV ok ", "rdv fait ", "RDV "]), a_date(), " ", a_time(), " chez ", comp, " - vu ", *who(c, 0.4), " (", ch(["DAF", "dir. achats", "gérant", "resp. log."]), ")",
                " - tel dir ", ph("fix", ch(["sp", "dot", "compact"])), " - int. ", ch(PRODUCTS), " x", str(R.randrange(2, 30)), " - relance S+", str(R.randrange(1, 5))]
    elif pats == 1:
        segs = [ch(["appel sortant ", "AS ", "tél. "]), *who(c, 0.5, ch(["LF", "fl", "low"])), " : ", ch(["pas dispo, msg laissé", "OK pr démo", "refus net", "NRP x2"]),
                ". mob ", ph("mob", ch(["compact", "sp", "+33c"])), ch([". ", " / "]), "cc ", first(staff(), maybe(0.5))]
    elif pats == 2:
        segs = ["Visite ", comp, " ", a_date(), " -> ", full(c, "fL"), " + ", full(new_person(), ch(["fl", "ini"])), " (compta). Devis ", amount(),
                ". Envoyer CGV à ", email(c, slug(comp, "") + ".fr"), ". ", ch(["Signature prob. fin mois.", "Concurrence : Sage.", "Budget validé N+1.", ""])]
    elif pats == 3:
        segs = ["clt ", ch(["mécontent", "ok", "à relancer", "VIP"]), " // ", ("PERSON", (c.last + " " + c.first).lower() if maybe(0.5) else c.last.upper()),
                " // ", ph(None, "dot"), " // ", addr(), " // ", ch(["SAV retour pompe", "reliquat 2 colis", "remise 5% accordée", "prélèvement à mettre en place"])]
    elif pats == 4:
        s = staff()
        segs = ["transmis à ", first(s), " : ", *who(c, 0.5), " veut rappel ", ch(["demain matin", "avant 12h", "jeudi"]), " sur ", ph(), ch([" ou ", " sinon "]), email(c),
                ". ", ch(["urgent", "pas urgent", "déjà relancé 2x", ""])]
    else:
        segs = ["Prospect chaud : ", full(c, ch(["fl", "LF"])), ", ", role(c).lower(), " chez ", comp, " (", ch(TOWNS_ALONE), "). ",
                ch(["Profil : ", "LinkedIn : ", "vu sur "]), profile_url(c), ". ", ch(["Tél std ", "Ligne directe "]), ph("fix"), "."]
    return segs


def k_minutes():
    comp = ch(COMPANIES)[0]
    people = [new_person() for _ in range(R.randrange(2, 5))]
    ours = [staff() for _ in range(R.randrange(1, 3))]
    segs = [ch(["Compte rendu de réunion — ", "CR réunion ", "Minutes / point mensuel ", "COPIL "]), comp, " — ", a_date(), "\n\n"]
    segs += [ch(["Présents : ", "Participants :\n", "Étaient présents : "])]
    lst = []
    bullet = segs[-1].endswith("\n")
    for p in people:
        lst.append([*who(p, 0.45, ch(["fl", "fL", "LF", "ini"])), ch([f" ({role(p)})", f", {role(p).lower()}", ""])])
    for s in ours:
        lst.append([full(s, ch(["fl", "ini", "fL"])), f" ({OUR[0]})"])
    for i, x in enumerate(lst):
        if bullet:
            segs += ["- ", *x, "\n"]
        else:
            segs += [*x, ", " if i < len(lst) - 1 else "\n"]
    if maybe(0.4):
        ex = new_person()
        segs += ["Excusé", "e" if ex.sex == "F" else "", " : ", *who(ex, 0.5), "\n"]
    segs += ["\nOrdre du jour :\n1. ", ch(["bilan du trimestre", "retour sur le déploiement", "planning des livraisons", "renouvellement du contrat"]),
             "\n2. ", ch(["tarifs 2026", "incidents ouverts", "formation des utilisateurs", "points divers"]), "\n\n"]
    segs += ["Décisions / actions :\n"]
    for _ in range(R.randrange(2, 5)):
        p = ch(people + ours)
        act = ch(["envoyer le planning révisé", "valider le bon de commande", "relancer le transporteur", "organiser la formation",
                  "mettre à jour le RIB fournisseur", "vérifier les accès VPN", "préparer l'avenant"])
        form = R.randrange(3)
        if form == 0:
            segs += ["- ", act, " → ", first(p) if maybe(0.5) else ("PERSON", p.last.upper()), " (", ch(["pour le ", "avant le ", "échéance "]), a_date(), ")\n"]
        elif form == 1:
            segs += ["- ", full(p, ch(["ini", "fl"])), " : ", act, "\n"]
        else:
            segs += ["- ", act.capitalize(), " (resp. ", first(p), ")\n"]
    extra = R.randrange(4)
    if extra == 0:
        p = ch(people)
        segs += ["\nNouveau contact facturation : ", *who(p, 0.5), ", ", email(p, slug(comp, "") + ".fr"), ", ", ph(), "\n"]
    elif extra == 1:
        p = ch(people)
        segs += ["\nNouvel IBAN communiqué en séance par ", first(p), " : ", iban(), " (à faire valider par ", ch(TEAMS), ")\n"]
    elif extra == 2:
        segs += ["\nProchaine réunion le ", a_date(), " à ", ch(TOWNS_ALONE), ".\n"]
    segs += [ch(["Rédigé par ", "Rédaction : ", "CR : "]), full(ch(ours), ch(["fl", "ini"]))]
    return segs


def sig_block(p, comp, dom):
    segs = ["\n\n" if maybe(0.6) else "\n", ch(["Cordialement,", "Bien cordialement,", "Bien à vous,", "Cdlt,", "Belle journée,", "--"]), "\n"]
    segs += [full(p, wpick([(50, "fl"), (20, "fL"), (10, "LF"), (8, "UP")])), "\n"]
    segs += [ch([role(p), role(p) + " | " + comp, role(p) + "\n" + comp, comp + " — " + role(p)]), "\n"]
    phs = R.sample(["Tél", "Mob", "Fax", "Standard", "Ligne directe", "Port."], R.randrange(1, 4))
    sep = ch(["\n", " | ", " - ", " · "])
    parts = []
    for lab in phs:
        kind = "mob" if lab in ("Mob", "Port.") else "fix"
        parts.append([f"{lab}{ch([' : ', ': ', ' ', '. '] if not lab.endswith('.') else [' : ', ' '])}", ph(kind, ch(["sp", "dot", "+33", "+33(0)", "sp"]))])
    for i, pp in enumerate(parts):
        segs += pp
        if i < len(parts) - 1:
            segs += [sep]
    segs += ["\n"]
    if maybe(0.8):
        segs += [ch(["", "Mail : ", "E-mail : ", "✉ "]), email(p, dom), "\n"]
    segs += [ch([f"www.{dom}", f"https://{dom}", f"{dom}"]), "\n"] if maybe(0.5) else []
    if maybe(0.3):
        segs += [ch(["Suivez-moi : ", "LinkedIn : ", "in/ "]), profile_url(p), "\n"]
    if maybe(0.2):
        segs += [ch(["SIRET ", "SIRET : "]), siret(), "\n"] if maybe(0.5) else [ch(["SIREN ", "n° SIREN : "]), siren(), "\n"]
    if maybe(0.2):
        segs += [ch(["Ce message et ses pièces jointes sont confidentiels.", "Pensez à l'environnement avant d'imprimer ce mail.",
                     "Absent le mercredi après-midi."]), "\n"]
    return segs


def k_signature():
    p = new_person()
    comp, dom = ch(COMPANIES)
    us = staff()
    segs = []
    if maybe(0.5):
        segs += [ch(["De : ", "From: "]), full(p, "fl"), " <", email(p, dom), ">\n", ch(["Objet : ", "Subject: "]),
                 ch(["Re: devis", "commande de réassort", "RE: relance facture", "TR: contrat de maintenance", "Demande de rendez-vous"]), "\n\n"]
    segs += [ch(["Bonjour ", "Bonjour ", "Hello ", "Madame, Monsieur,", "Bonjour Monsieur ", "Bonjour Madame "])]
    if segs[-1] in ("Bonjour ", "Hello "):
        segs += [first(us), ",\n"]
    elif segs[-1].startswith("Bonjour M"):
        segs[-1] = "Bonjour " + ("Madame " if us.sex == "F" else "Monsieur ")
        segs += [("PERSON", us.last), ",\n"]
    else:
        segs += ["\n"]
    segs += ["\n", ch(["Suite à notre échange de ce matin, je vous confirme la commande de ", "Pourriez-vous m'envoyer un devis pour ",
                       "Je reviens vers vous concernant ", "Merci pour votre retour rapide sur ", "Nous aurions besoin d'un avoir pour "]),
             ch(PRODUCTS), ".", ch(["", " Livraison souhaitée avant le " + a_date() + ".", " Notre comptable " + ch(["vous recontactera.", "est en copie."])])]
    if maybe(0.3):
        o = new_person()
        segs += [" En mon absence, merci de contacter ", full(o, "fl"), " au ", ph(), "."]
    segs += sig_block(p, comp, dom)
    if segs[-1] == "\n":
        segs.pop()
    return segs


def k_delivery():
    c = new_person()
    n = R.randrange(5)
    dom = maybe(0.18)
    if n == 0:
        segs = [ch(["BON DE LIVRAISON ", "Bon de livraison n° ", "BL "]), f"BL-{R.randrange(2024, 2026)}-{digits(5)}", "\n",
                ch(["Destinataire : ", "Livrer à : ", "Client : "]), *who(c, 0.5, ch(["LF", "fl", "UP"])), "\n",
                addr(False, dom=dom), "\n", ch(["Tél : ", "Contact : ", "Tél. livraison : "]), ph(), "\n",
                "Instructions : ", ch([f"digicode {digits(4)}{ch('AB')}", "sonner à l'interphone", "laisser au gardien", "appeler 30 min avant",
                                        "accès par le portail vert", f"créneau {a_time()}-{a_time()}"]), "\n", "Colis : ", str(R.randrange(1, 9)),
                " — poids ", f"{R.randrange(1, 80)} kg"]
    elif n == 1:
        segs = ["Changement d'adresse pour ", *who(c, 0.6), " : ", ch(["ancienne ", "avant : "]), addr(), " → ", ch(["nouvelle ", ""]), addr(dom=dom),
                ch([". Effet au ", ". À compter du "]), a_date(), "."]
    elif n == 2:
        ld = fr_address("lieudit")
        segs = ["Livraison ", ch(["difficile", "OK", "reportée"]), " : ", ("LOCATION", ", ".join(ld)), ". ", ch(["Le GPS envoie au mauvais hameau, ", "Chemin non goudronné, ", "Pas de numéro sur la boîte, "]),
                "client ", ch(["", "M. ", "Mme "]), ("PERSON", c.last), " ", ch(["attend au bord de la route", "propose de rappeler au ", "joignable au "]),
                ]
        if segs[-1] != "attend au bord de la route":
            segs += [ph("mob")]
        segs += [". Chauffeur : ", first(staff()), "."]
    elif n == 3:
        lines = fr_address(ch(["bp", "cedex"]))
        segs = ["Expédition documents originaux à ", ch(["l'attention de ", "Att. "]), *who(c, 0.5, "fl"), ",\n", ("LOCATION", "\n".join(lines)),
                "\n", ch(["Envoi en recommandé AR n° ", "Lettre suivie ", "Chronopost "]), f"{ch(['1A', '2C', '8N'])}{digits(11)}"]
    else:
        segs = [ch(["Retour colis : ", "Échec de livraison : "]), ch(["adresse incomplète", "destinataire absent", "refusé"]), ". ",
                "Adresse saisie : ", addr(dom=dom), ". Merci de contacter ", full(c, ch(["fl", "low", "LF"])), ch([" au ", " sur son portable "]),
                ph(), ch(["", " ou par mail " ]),
                ]
        if segs[-1] == " ou par mail ":
            segs += [email(c)]
        segs += [". Nouvelle tentative le ", a_date(), "."]
    return segs


def k_bank():
    c = new_person()
    n = R.randrange(8)
    if n == 6:
        segs = [ch(["Prise de commande par téléphone : ", "Cde tél. : ", "Acompte réglé par CB — "]), *who(c, 0.5), ", ", ch(["carte ", "Visa ", "CB "]), card(),
                ", ", ch(["cryptogramme non noté.", "exp. " + f"{R.randrange(1, 13):02d}/{R.randrange(26, 31)}.", "montant " + amount() + "."]),
                ch(["", " Penser à purger le numéro après encaissement."])]
    elif n == 7:
        comp = ch(COMPANIES)[0]
        segs = ["Fiche fournisseur ", comp, ch([" — SIRET ", " — n° SIRET : ", " (SIREN "]), ]
        segs += [siret() if "SIRET" in segs[-1] else siren()]
        segs += [")" if segs[-2] == " (SIREN " else "", "\nContact : ", full(c, ch(["fl", "LF"])), ", ", ph(), "\nIBAN : ", iban(None, ch(["g4", "bank", "compact"])),
                 "\n", ch(["Paiement à 45 jours fin de mois.", "Escompte 2 % à 10 jours.", "Règlement par virement uniquement."])]
    elif n == 0:
        segs = ["Nouveau RIB reçu de ", *who(c, 0.5), " : ", ch(["IBAN ", "IBAN : ", ""]), iban(), ch([", BIC ", " - BIC : "]),
                ch(["AGRIFRPP882", "BNPAFRPPXXX", "CCBPFRPPNAN", "SOGEFRPP", "CMCIFR2A", "PSSTFRPPPAR"]), ". ",
                ch(["Mandat SEPA à faire signer.", "Mettre à jour avant le prochain prélèvement.", "Ancien compte clôturé."])]
    elif n == 1:
        segs = ["Paiement refusé pour ", full(c), ch([" — carte ", ", CB n° ", " : carte "]), card(), ch([" exp. ", ", validité "]),
                f"{R.randrange(1, 13):02d}/{R.randrange(25, 31)}", ". ", ch(["Client rappelé, il repassera en virement.", "Demander un autre moyen de paiement.",
                                                                              "Ne pas conserver ce numéro (PCI-DSS) !"])]
    elif n == 2:
        segs = ["Remboursement de ", amount(), " à effectuer sur le compte de ", *who(c, 0.6), " (", iban(ch(["FR", "BE", "ES", "DE", "IT", "PT", "MA", "CH", "LU", "NL", "GB"])), ").",
                ch([" Validé par ", " Accord de "]), first(staff()), "."]
    elif n == 3:
        segs = ["Litige CB : ", *who(c, 0.5), " conteste un débit de ", amount(), " sur sa carte finissant par ", digits(4),
                ". Réf. dossier ", digits(8), ". ", ch(["Pas de numéro complet fourni.", "Pièces demandées.", "Transmis au service fraude."])]
        if maybe(0.5):
            segs += [" Numéro donné au téléphone malgré nos consignes : ", card(), "."]
    elif n == 4:
        segs = ["Virement reçu ", ch(["depuis", "du compte"]), " ", iban(None, ch(["compact", "g4"])), " (titulaire : ", full(c, ch(["UP", "LF"])),
                ") pour la facture ", f"FA-{digits(6)}", ". ", ch(["Lettrage OK.", "Montant partiel, reste " + amount() + ".", "Référence manquante."])]
    else:
        p2 = new_person()
        segs = ["Compte joint ", full(c, "fl"), " et ", full(p2, "fl"), "\nIBAN ", iban("FR"), "\n", ch(["Prélèvement le 5 du mois", "Échéancier 3 fois sans frais", "Autorisation de prélèvement reçue"]),
                ". Titulaire principal né le ", dob(), "."]
    return segs


def k_admin():
    c = new_person()
    y = R.randrange(1945, 2004)
    m = R.randrange(1, 13)
    n = R.randrange(5)
    if n == 0:
        segs = ["Dossier mutuelle — ", *who(c, 0.6), "\nN° sécu : ", nir(c, y, m), "\nDate de naissance : ", dob(y, m), "\n",
                ch(["Ayant droit : ", "Conjoint : "]), full(new_person(), "fl"), "\n", ch(["Carte vitale reçue en copie.", "Attestation à renvoyer.", "Adhésion au " + a_date() + "."])]
    elif n == 1:
        segs = ["RH — embauche ", ch(["CDD", "CDI", "alternance", "intérim"]), " : ", full(c, ch(["LF", "fl"])), ", né", "e" if c.sex == "F" else "", " le ", dob(y, m),
                ", NIR ", nir(c, y, m), ", domicile ", addr(), ". ", ch(["Visite médicale à planifier.", "DPAE faite.", "Badge à commander."])]
    elif n == 2:
        segs = [ch(["Attention : ", "⚠ "]), "le client a envoyé son numéro de sécurité sociale par mail (", nir(c, y, m), "). ",
                "Message supprimé, ", first(staff()), " prévenu", ". Client : ", *who(c, 0.5), "."]
    elif n == 3:
        segs = ["Formulaire de prise en charge — ", ("PERSON", c.last.upper()), " ", ("PERSON", c.first), "\n", "NIR : ", nir(c, y, m),
                " | né", "e" if c.sex == "F" else "", " en ", ("DATE_TIME", str(y)), " | ", ch(["tél ", "portable "]), ph("mob"), "\n", "Médecin traitant : Dr ",
                ("PERSON", ch(L_FR))]
    else:
        segs = ["Vérif identité OK pour ", full(c), " (", ch(["DDN ", "date de naissance "]), dob(y, m), ", ", ch(["4 derniers chiffres sécu : ", "clé NIR : "]),
                digits(2), "). ", ch(["Changement de titulaire accepté.", "Résiliation enregistrée.", "Déblocage du compte."])]
    return segs


def k_log():
    lines = []
    who_p = new_person()
    for _ in range(R.randrange(3, 8)):
        ts = f"2025-{R.randrange(1, 13):02d}-{R.randrange(1, 29):02d}{ch(['T', ' '])}{R.randrange(24):02d}:{R.randrange(60):02d}:{R.randrange(60):02d}{ch(['Z', '', '+01:00'])}"
        lvl = ch(["INFO", "WARN", "ERROR", "info", "DEBUG"])
        form = R.randrange(7)
        if form == 0:
            lines.append([ts, f" {lvl} auth.login failed user=", email(who_p), " src=", ipv4()])
        elif form == 1:
            lines.append([ts, f" {lvl} session opened from ", ipv6(), " (", ch(["Firefox 128", "Chrome 126", "Safari 17.5", "app mobile v4.2.1.7"]), ")"])
        elif form == 2:
            lines.append([ts, f" {lvl} api/v2/contacts GET 200 ", str(R.randrange(3, 900)), "ms client=", ipv4(port=maybe(0.5))])
        elif form == 3:
            lines.append([ts, f" {lvl} smtp relay ", ipv4(private=True), " -> ", ipv4(port=True), " queued ", digits(6)])
        elif form == 4:
            lines.append([ts, f" {lvl} build {R.randrange(1, 9)}.{R.randrange(0, 20)}.{R.randrange(0, 9)}.{R.randrange(100, 999)} deployed on node-{R.randrange(1, 9)}"])
        elif form == 5:
            lines.append([ts, f" {lvl} password reset requested for ", email(who_p), " from ", ch([ipv4(), ipv6()])])
        else:
            lines.append([ts, f" {lvl} export CSV contacts ({R.randrange(10, 5000)} lignes) by uid={R.randrange(100, 999)} from ", ipv4(private=maybe(0.5))])
    segs = [ch(["Extrait des logs joint au ticket #{} :\n", "Logs serveur (incident #{}) :\n", "Incident sécurité #{}\n", "INC{} — extrait syslog\n"]).format(digits(5))]
    for ln in lines:
        segs += ln + ["\n"]
    segs += [ch(["Analyse : ", "Commentaire N2 : ", "Conclusion : "]), ch(["connexion suspecte depuis l'étranger, compte de ", "tentatives répétées, compte de ", "comportement normal pour "]),
             full(who_p, ch(["fl", "LF"])), ch([" verrouillé.", " à surveiller.", "."]), " ", ch(["Traité par ", "Assigné à "]), first(staff()), "."]
    return segs


def k_vehicle():
    c = new_person()
    n = R.randrange(5)
    if n == 0:
        segs = ["Véhicule de prêt ", plate(), " remis à ", *who(c, 0.5), " le ", a_date(), " (km départ ", str(R.randrange(1000, 90000)), "). ",
                "Son véhicule ", plate(), " reste à l'atelier : ", ch(["embrayage", "vidange + pneus", "carrosserie arrière", "diagnostic moteur"]), "."]
    elif n == 1:
        segs = ["Flotte — affectation\n"]
        for _ in range(R.randrange(2, 5)):
            p = new_person()
            segs += ["- ", plate(), " ", ch(["Peugeot 308", "Renault Kangoo", "Citroën Berlingo", "Tesla Model 3", "Dacia Jogger"]), " : ",
                     full(p, ch(["fl", "LF", "ini"])), ch(["", " (" + ch(TOWNS_ALONE) + ")", " — carte carburant " + digits(4)]), "\n"]
        segs.pop()
    elif n == 2:
        segs = ["Avis de contravention reçu pour le véhicule ", plate(), ", conducteur désigné : ", full(c), ", ", addr(), ", permis n° ", digits(12),
                ". ", ch(["Désignation faite sur l'ANTAI.", "À transmettre au salarié."])]
    elif n == 3:
        segs = ["Contrat LLD ", f"LLD-{digits(6)}", " : ", full(c, ch(["fl", "UP"])), " — ", ch(["Kia Niro", "Renault Mégane E-Tech", "VW ID.3"]), " immatriculé ",
                plate(), ". Restitution prévue le ", a_date(), ch([". Contact : ", ". Joindre au "]), ph(), "."]
    else:
        segs = ["Parking visiteurs : ", plate(), " ", ch(["stationné sur place handicapé", "badge expiré", "autorisé jusqu'au " + a_date()]), ". ",
                ch(["Propriétaire : ", "Appartient à "]), *who(c, 0.5), ch([" (locataire bât. B).", " de chez " + ch(COMPANIES)[0] + ".", "."])]
    return segs


def k_profile():
    c = new_person()
    y = R.randrange(1950, 2002)
    segs = [ch(["Fiche prospect\n", "Profil contact enrichi :\n", "Qualification lead — ", "Note d'enrichissement : "])]
    items = [["Nom : ", full(c, ch(["fl", "LF", "fL"]))]]
    if maybe(0.6):
        items.append([ch(["Né le ", "Date de naissance : ", "DDN : ", "Anniversaire : "]), dob(y)] if maybe(0.75) else ["Né en ", ("DATE_TIME", str(y))])
    items.append([ch(["Poste : ", "Fonction : "]), role(c), " chez ", ch(COMPANIES)[0]])
    items.append([ch(["LinkedIn : ", "Profil : ", "Réseaux : ", "Source : "]), profile_url(c)])
    if maybe(0.4):
        u2 = profile_url(c)
        if u2 != items[-1][1]:
            items.append(["Autre : ", u2])
    if maybe(0.5):
        items.append([ch(["Mail perso : ", "E-mail : "]), email(c)])
    if maybe(0.4):
        items.append([ch(["Mobile : ", "Tél : "]), ph("mob")])
    if maybe(0.3):
        items.append(["Site de l'entreprise : ", ch(["https://www.", "www."]), ch(COMPANIES)[1]])
    items.append([ch(["Intérêts : ", "Notes : ", "Commentaire : "]), ch(["voile, œnologie", "a posté sur la transition énergétique", "ancien client chez un concurrent",
                                                                         "très actif sur les réseaux, répond vite", "décisionnaire sur le budget IT"])])
    sep = "\n" if segs[0].endswith("\n") else ch(["; ", " | ", ". "])
    for i, it in enumerate(items):
        segs += it
        if i < len(items) - 1:
            segs += [sep]
    return segs


def k_foreign():
    cc = ch(list(FOREIGN))
    c = new_person(cc)
    cname = COUNTRY_NAME[cc]
    n = R.randrange(5)
    mail = email(c, ch(FOREIGN_MAIL[cc]))
    if n == 0:
        segs = ["Contact ", cname, " : ", full(c, ch(["fl", "fL", "LF"])), ", ", foreign_phone(cc), ", ", mail, ".\nAdresse : ", foreign_addr(cc),
                "\n", ch(["Facturer hors TVA (autoliquidation).", "Livraison via transitaire.", "Parle français couramment.", "Préfère être contacté en anglais."])]
    elif n == 1:
        segs = [ch(["Appel de ", "Call from "]), full(c), " (", ch(COMPANIES)[0] if maybe(0.3) else cname, ") ", ch(["— rappeler au ", "— call back on ", "— numéro : "]),
                foreign_phone(cc), ch(["", " ou mobile " ]),
                ]
        if segs[-1] == " ou mobile ":
            segs += [foreign_phone(cc)]
        segs += [". ", ch(["Décalage horaire : appeler après 16h.", "Intéressé par la distribution chez lui.", "Commande en attente de devis export."])]
    elif n == 2:
        segs = ["Client ", cname, " — ", *who(c, 0.5), "\n", ch(["Tél : ", "Phone: ", "Tel. "]), foreign_phone(cc), "\n",
                ch(["IBAN : ", "Bank: "]), iban({"UK": "GB", "US": "FR"}.get(cc, cc) if cc != "US" else ch(["FR", "DE"]), ch(["g4", "compact", "dash"])), "\n", foreign_addr(cc)]
    elif n == 3:
        segs = ["Hi ", first(staff()), ",\n\nPlease find my details below for the contract.\n\n", full(c, "fl"), "\n", foreign_addr(cc), "\n",
                ch(["Mobile: ", "Cell: ", "Tel: "]), foreign_phone(cc), "\n", mail, "\n\n", ch(["Best regards", "Kind regards", "Cheers"]), ",\n", first(c)]
    else:
        d = new_person(cc)
        segs = ["Salon export ", ch(["Bruxelles", "Genève", "Madrid", "Londres", "Casablanca", "Francfort"]), " — cartes de visite :\n",
                "1) ", full(c), ", ", foreign_phone(cc), ", ", mail, "\n", "2) ", full(d, ch(["fl", "LF"])), ", ", foreign_phone(cc),
                ch(["", ", " + ch(["WhatsApp", "Signal"]) + " même numéro"]), "\n", ch(["Relance par ", "Suivi : "]), first(staff())]
    return segs


def k_greeting():
    c = new_person()
    s = staff()
    low = maybe(0.3)
    n = R.randrange(5)
    g = ch(["Bonjour ", "Bonsoir ", "Hello ", "Salut ", "Chère ", "Cher "]) if not low else ch(["bonjour ", "coucou ", "hello ", "slt "])
    if g.startswith("Ch"):
        g = "Chère " if c.sex == "F" else "Cher "
    if n == 0:
        segs = [g, first(c, low), ",\n\n", ch(["Comme convenu, je vous envoie la proposition pour ", "Petit rappel concernant ", "Merci pour votre commande de "]),
                ch(PRODUCTS), ".\n", ch(["N'hésitez pas si vous avez des questions.", "Je reste disponible.", "Bonne réception."]), "\n\n", first(s, low)]
    elif n == 1:
        segs = [g, first(c, low), " et ", first(new_person(), low), ",\n", ch(["merci pour l'accueil hier à ", "ravi de vous avoir rencontrés à "]), ch(TOWNS_ALONE),
                ". ", ch(["Je vous mets en copie ", "Je vous présente "]), full(t := staff(), "fl"), ch([" qui suivra votre dossier.", ", notre experte technique."]),
                "\n\n", ch(["À bientôt,", "Bien à vous,"]), "\n", first(s, low)]
    elif n == 2:
        segs = [ch(["Merci ", "Super merci ", "Top, merci "]), first(c, low), ch([" !", ", c'est parfait.", " pour le retour."]), " ",
                ch(["Je transmets à ", "Je vois ça avec "]), first(staff(), low), ch([" et je reviens vers toi.", " demain."]), "\n", ch(["-- ", "", "— "]), first(s, low)]
    elif n == 3:
        segs = [ch(["Mot laissé par ", "Message de "]), first(s, low), " pour ", first(staff(), low), " : ", ch(["ta cliente ", "ton contact "]),
                first(c, low), " ", ch(["a rappelé", "passe vers 15h", "attend ton devis"]), ", elle" if c.sex == "F" else ", il", ch([" n'a pas laissé de numéro.", " est sur liste rouge, pas de numéro.", " te verra au salon."])]
    else:
        p = new_person()
        pt = ch(["de ", "du ", "de la ", "Le ", "d'"])
        segs = [g, ("PERSON", p.first.lower() if low else p.first), ",\n", ch(["je confirme notre rendez-vous de ", "je vous propose un point "]), a_date(), " à ", a_time(), ". ",
                ch(["Votre collègue ", "Votre associé "]), ("PERSON", c.first + " " + c.last if not low else (c.first + " " + c.last).lower()), " ", ch(["sera-t-il présent ?", "est le bienvenu."]),
                "\n", ch(["Amitiés,", "Cordialement,", "À très vite,"]), "\n", full(s, ch(["fl", "fl", "low"]) if not low else "low")]
    return segs


# ---------------------------------------------------------------- negatives
NEG_SENT = [
    "La gamme Terra 40 passe à {amt} au 1er janvier, hausse moyenne de {pct} %.",
    "Rappel process : tout avoir supérieur à {amt} doit être validé par la direction commerciale.",
    "Le module Planif ne fonctionne pas avec la version {ver} du client lourd, correctif prévu en {month}.",
    "Stock bas sur {prod} à l'entrepôt de {town} ({n} unités).",
    "Commande {ord} expédiée le {date}, livraison estimée sous 48 h.",
    "Rupture fournisseur chez Biscuiterie Lemoine, réassort décalé au {date}.",
    "Le salon de {town} aura lieu du {date} au {date2}, stand B{n}.",
    "Nouvelle grille tarifaire : remise de {pct} % à partir de {n} licences.",
    "Offre Sérénité Pro : maintenance incluse, intervention sous 8 heures ouvrées.",
    "Garage Fontaine Frères a validé le devis pour {amt}.",
    "Pierre de taille et pierre concassée livrées par palettes de {n} sacs.",
    "Coloris disponibles : rose poudré, bleu marine, vert olive et blanc cassé.",
    "Le paiement par carte finissant par {last4} a bien été accepté pour la commande {ord}.",
    "BIC de la banque du fournisseur : {bic} (pas d'IBAN transmis).",
    "Réunion d'équipe déplacée au {date} à {time}, salle Aurore.",
    "Firmware {ver} déployé sur l'ensemble des bornes, aucun incident.",
    "Le ticket {ord} est clos : problème de cache navigateur.",
    "Mettre à jour les CGV avant le {date} (clause de réserve de propriété).",
    "Domaine de la Roseraie commande {n} cartons de rosé pour l'été.",
    "Procédure d'escalade : N1 sous 4 h, N2 sous 24 h, astreinte le week-end.",
    "L'agence de {town} ({cp}) ferme entre Noël et le jour de l'An.",
    "Marge brute du trimestre : {pct} %, objectif {pct2} %.",
    "La Clinique vétérinaire des Tilleuls renouvelle son contrat pour {n} mois.",
    "C'est clair : plus de livraison le samedi à partir de {month}.",
    "Pharmacie des Quatre-Routes : passage en commande groupée mensuelle.",
    "Export comptable {month} envoyé au cabinet, {n} écritures.",
    "Le kit Borne Express est compatible avec les terminaux série {ver}.",
    "Franco de port à partir de {amt}, sinon forfait de 19,90 €.",
    "Les étiquettes thermiques 100x150 sont vendues par rouleaux de {n}.",
    "Politique de mots de passe : 12 caractères minimum, renouvellement tous les 180 jours.",
    "La réunion Marine et Ports est reportée, le client Ostréiculture Le Floch attend une date.",
    "Hôtel Le Cormoran : {n} chambres à équiper en bornes Wi-Fi.",
    "Tarif horaire technicien : {amt} HT, déplacement forfaitaire dans un rayon de {n} km.",
    "Retour produit accepté sous 30 jours, emballage d'origine exigé.",
    "Le fournisseur Studio Ambre demande un acompte de {pct} %.",
    "Mise en production de la release {ver} prévue le {date} à {time}.",
    "Atelier Brise-Lames : devis voilerie en attente, relancer en {month}.",
    "Les commerciaux saisissent les comptes rendus dans les 48 h après chaque visite.",
    "Le code promo PRINTEMPS25 donne {pct} % sur la gamme Aquilon.",
    "Inventaire annuel le {date} : entrepôt fermé, pas d'expédition.",
    "Le lave-vaisselle pro LV-450 consomme {n} litres par cycle.",
    "Boulangerie Pierre & Blé passe à la caisse Arpège T2.",
    "Objectif du mois : {n} rendez-vous qualifiés par commercial.",
    "Contrat cadre signé avec Agrinova Coop pour {n} sites en Nouvelle-Aquitaine.",
    "Le SLA du support passe de 8 h à 4 h pour les comptes Premium.",
    "Nouvelle adresse de l'entrepôt communiquée par la logistique, voir l'intranet.",
    "Les remises exceptionnelles supérieures à {pct} % sont interdites sans accord écrit.",
    "Carrosserie Saint-Éloi : facture {ord} réglée par virement.",
    "Merci de ne jamais noter de numéro de carte ou de sécurité sociale dans le CRM.",
    "Version {ver} : correction de l'arrondi TVA sur les avoirs.",
]
NEG_DOCS = [
    "Ordre du jour comité produit :\n1. Roadmap {month}\n2. Retours salon de {town}\n3. Prix de la gamme Terra\n4. Divers",
    "Produit;Réf;Prix HT;Stock\nPompe Aquilon 8 kW;AQ-8;{amt};{n}\nKit Borne Express;KBE-2;{amt2};{n2}\nLicence Vega Cloud;VC-1;{amt3};illimité",
    "Checklist ouverture de compte :\n- Kbis de moins de 3 mois\n- Mandat SEPA signé\n- Conditions générales acceptées\n- Validation du crédit par la compta",
    "[{date}] build {ver} OK\n[{date}] tests 1245/1245 passés\n[{date}] déploiement préprod {time}",
    "FAQ interne\nQ : Peut-on accorder un délai de paiement ?\nR : Oui, 60 jours max, avec accord de la direction financière.",
    "NOTE DE SERVICE : À COMPTER DU {date}, LES DEMANDES DE REMISE PASSENT PAR LE FORMULAIRE DÉDIÉ.",
    "tarifs 2026 valides jusqu'au {date}, hors frais de port, franco a partir de {amt}",
    "Incident {ord} : lenteurs sur l'API contacts entre {time} et {time2}, cause : saturation du cache. Aucune donnée exposée.",
]


def k_negative():
    vals = lambda: dict(amt=amount(), amt2=amount(), amt3=amount(), pct=R.randrange(2, 35), pct2=R.randrange(20, 60), n=R.randrange(2, 400),
                        n2=R.randrange(2, 400), ver=f"{R.randrange(1, 14)}.{R.randrange(0, 20)}.{R.randrange(0, 9)}.{R.randrange(1, 999)}",
                        month=ch(MONTHS), date=a_date(), date2=a_date(), time=a_time(), time2=a_time(), town=ch(TOWNS_ALONE),
                        cp=f"{R.randrange(10, 95)}000", prod=ch(PRODUCTS), ord=order_no(), last4=digits(4),
                        bic=ch(["AGRIFRPP882", "BNPAFRPPXXX", "CEPAFRPP751", "CRLYFRPP"]), )
    if maybe(0.3):
        t = ch(NEG_DOCS).format(**vals())
    else:
        t = " ".join(ch(NEG_SENT).format(**vals()) for _ in range(R.randrange(1, 4)))
    return [t]


# ---------------------------------------------------------------- whole-text transforms
def tr_caps(segs):
    keep_mail = maybe(0.6)
    out = []
    for s in segs:
        if isinstance(s, tuple):
            t, v = s
            if t in ("EMAIL_ADDRESS", "URL") and keep_mail:
                out.append(s)
            else:
                out.append((t, v.upper()))
        else:
            out.append(s.upper())
    return out


def tr_noaccent(segs):
    lower_plain = maybe(0.3)
    out = []
    for s in segs:
        if isinstance(s, tuple):
            out.append((s[0], strip_accents(s[1])))
        else:
            x = strip_accents(s)
            out.append(x.lower() if lower_plain else x)
    return out


BASES = {"chat": k_chat, "voicemail": k_voicemail, "handwritten": k_handwritten, "shorthand": k_shorthand, "minutes": k_minutes,
         "signature": k_signature, "delivery": k_delivery, "bank": k_bank, "admin": k_admin, "log": k_log, "vehicle": k_vehicle,
         "profile": k_profile, "foreign": k_foreign, "greeting": k_greeting}
PLAN = [("chat", 170), ("voicemail", 160), ("handwritten", 130), ("shorthand", 150), ("minutes", 120), ("signature", 160),
        ("delivery", 160), ("bank", 150), ("admin", 130), ("log", 120), ("vehicle", 100), ("profile", 110), ("foreign", 160),
        ("greeting", 130), ("caps", 120), ("noaccent", 120), ("negative", 250)]


def flatten(parts):
    out = []
    for p in parts:
        if isinstance(p, list):
            out += flatten(p)
        elif isinstance(p, tuple):
            out.append(p)
        elif p:
            out.append(p)
    return out


def build(kind):
    if kind == "negative":
        segs = k_negative()
        r = R.random()
        if r < 0.12:
            segs = tr_caps(segs)
        elif r < 0.25:
            segs = tr_noaccent(segs)
        elif r < 0.32:
            segs = [segs[0].lower()]
        return flatten(segs)
    if kind == "caps":
        return flatten(tr_caps(flatten(BASES[ch(["chat", "shorthand", "delivery", "bank", "minutes", "signature", "voicemail", "vehicle", "admin", "handwritten"])]())))
    if kind == "noaccent":
        return flatten(tr_noaccent(flatten(BASES[ch(["chat", "shorthand", "delivery", "greeting", "minutes", "signature", "voicemail", "profile", "admin", "foreign"])]())))
    return flatten(BASES[kind]())


def render(segs):
    text, spans, vals = "", [], []
    for s in segs:
        if isinstance(s, tuple):
            t, v = s
            spans.append([t, len(text), len(text) + len(v)])
            vals.append(v)
            text += v
        else:
            text += s
    return text, spans, vals


# ---------------------------------------------------------------- validation
EDGE_PUNCT = set(" \t\n\r.,;:!?()[]{}\"'«»-/…\u00a0*_|<>")


def check_record(rec, vals=None):
    text, spans = rec["text"], rec["spans"]
    errs = []
    last_end = -1
    for i, (t, s, e) in enumerate(spans):
        v = text[s:e]
        if vals is not None and v != vals[i]:
            errs.append(f"value mismatch {t} {v!r} != {vals[i]!r}")
        if not v:
            errs.append(f"empty span {t}")
            continue
        if v[0] in EDGE_PUNCT and not (t == "PHONE_NUMBER" and v[0] in "+("):
            errs.append(f"leading punct {t} {v!r}")
        if v[-1] in EDGE_PUNCT:
            errs.append(f"trailing punct {t} {v!r}")
        if v[0] == "+" and t != "PHONE_NUMBER":
            errs.append(f"leading + {t} {v!r}")
        if s < last_end:
            errs.append(f"overlap at {s}")
        last_end = e
        if s > 0 and text[s - 1].isalnum():
            errs.append(f"glued left {t} {v!r}")
        if e < len(text) and text[e].isalnum():
            errs.append(f"glued right {t} {v!r}")
        compact = "".join(c for c in v if c.isalnum())
        if t == "CREDIT_CARD" and not (compact.isdigit() and len(compact) in (15, 16) and luhn_ok(compact)):
            errs.append(f"bad card {v!r}")
        if t == "IBAN_CODE" and not mod97_ok(compact.upper()):
            errs.append(f"bad iban {v!r}")
        if t == "FR_NIR" and not nir_ok(v):
            errs.append(f"bad nir {v!r}")
        if t in ("FR_SIREN", "FR_SIRET") and not (compact.isdigit() and len(compact) == (9 if t == "FR_SIREN" else 14) and luhn_ok(compact)):
            errs.append(f"bad {t} {v!r}")
        if t == "FR_LICENSE_PLATE" and any(c in "IOU" for c in v.upper() if c.isalpha()) and not v[-2:].isalpha():
            pass
    return errs


def main():
    recs = []
    all_errs = []
    i = 0
    for kind, n in PLAN:
        for _ in range(n):
            i += 1
            segs = build(kind)
            text, spans, vals = render(segs)
            rec = {"id": f"e-{i:04d}", "kind": kind, "text": text, "spans": spans}
            errs = check_record(rec, vals)
            if kind == "negative" and spans:
                errs.append("negative with spans")
            if errs:
                all_errs.append((rec["id"], errs, text))
            recs.append((rec, vals))
    # shuffle order of texts deterministically, then renumber
    R.shuffle(recs)
    out = []
    for j, (rec, vals) in enumerate(recs, 1):
        rec["id"] = f"e-{j:04d}"
        out.append(rec)
    if all_errs:
        for rid, errs, text in all_errs[:30]:
            print(rid, errs, repr(text[:300]), file=sys.stderr)
        print(f"{len(all_errs)} texts with errors", file=sys.stderr)
        sys.exit(1)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    # re-read and check again
    kinds, types, kspans = {}, {}, {}
    n_err = 0
    with open(OUT, encoding="utf-8") as f:
        rows = [json.loads(x) for x in f]
    ids = set()
    for rec in rows:
        if rec["id"] in ids:
            n_err += 1
        ids.add(rec["id"])
        errs = check_record(rec)
        if errs:
            n_err += 1
            print(rec["id"], errs, file=sys.stderr)
        kinds[rec["kind"]] = kinds.get(rec["kind"], 0) + 1
        kspans[rec["kind"]] = kspans.get(rec["kind"], 0) + len(rec["spans"])
        for t, s, e in rec["spans"]:
            types[t] = types.get(t, 0) + 1
    if n_err:
        print(f"{n_err} errors after re-reading", file=sys.stderr)
        sys.exit(1)
    print(f"wrote {len(rows)} texts to {os.path.relpath(OUT)} (seed {SEED}), all spans checked")
    print("| kind | texts | spans |\n|---|---:|---:|")
    for k, _ in PLAN:
        print(f"| {k} | {kinds.get(k, 0)} | {kspans.get(k, 0)} |")
    print(f"| **total** | **{len(rows)}** | **{sum(types.values())}** |")
    print("\n| type | spans |\n|---|---:|")
    for t, n in sorted(types.items(), key=lambda x: -x[1]):
        print(f"| {t} | {n} |")


if __name__ == "__main__":
    main()
