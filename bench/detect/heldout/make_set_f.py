#!/usr/bin/env python3
"""Build held-out evaluation set F (set_f.jsonl) for the French CRM PII detector.

Standard library only, Python 3.11, fixed seed: every run writes the same bytes.

    python3 bench/detect/heldout/make_set_f.py

Written from scratch by an AI assistant helper session that read only
bench/detect/ANNOTATION.md and bench/detect/heldout/README_set_e.md.

Every text is built as a list of segments: a plain string, or a (TYPE, value)
tuple for a labelled value.  Whole-text transformations (capitals, accent
stripping, lower case, typos) are applied segment by segment and the offsets
are computed afterwards, so they are exact by construction; they are then
checked again, and checked once more after re-reading the written file.
"""
import ipaddress
import json
import os
import random
import re
import sys
import unicodedata
from collections import Counter

SEED = 20250722
N_TARGET = 2400
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "set_f.jsonl")

R = random.Random(SEED)


def pick(seq):
    return seq[R.randrange(len(seq))]


def chance(p):
    return R.random() < p


def rint(a, b):
    return R.randint(a, b)


def wpick(pairs):
    """pairs: list of (value, weight)."""
    tot = sum(w for _, w in pairs)
    x = R.random() * tot
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def sample(seq, k):
    return R.sample(list(seq), k)


# ---------------------------------------------------------------- entity tags
def PER(v): return ("PERSON", v)
def EM(v): return ("EMAIL_ADDRESS", v)
def PH(v): return ("PHONE_NUMBER", v)
def IB(v): return ("IBAN_CODE", v)
def CC(v): return ("CREDIT_CARD", v)
def NIR(v): return ("FR_NIR", v)
def IP(v): return ("IP_ADDRESS", v)
def LOC(v): return ("LOCATION", v)
def DOB(v): return ("DATE_TIME", v)
def URL(v): return ("URL", v)
def PLATE(v): return ("FR_LICENSE_PLATE", v)
def SIREN(v): return ("FR_SIREN", v)
def SIRET(v): return ("FR_SIRET", v)


TYPES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "LOCATION", "DATE_TIME", "IBAN_CODE",
         "CREDIT_CARD", "FR_NIR", "IP_ADDRESS", "URL", "FR_LICENSE_PLATE", "FR_SIREN",
         "FR_SIRET"]


def strip_accents(s):
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.category(ch) != "Mn":
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def slug(s, sep=""):
    s = strip_accents(s).lower()
    s = s.replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", sep if sep else "", s)
    return s.strip("-._")


# ================================================================ vocabulary
# First names, written for this set.  COMMON_* are first names that are also
# ordinary French words; they may appear in plain text as words.
F_FIRST = """Camille Léa Manon Chloé Inès Sarah Emma Julie Laura Pauline Marion Lucie Mathilde
Anaïs Céline Sandrine Nathalie Isabelle Sylvie Catherine Véronique Christine Martine Brigitte
Monique Josiane Ghislaine Odile Bernadette Huguette Simone Yvette Paulette Gisèle Colette Agnès
Hélène Élodie Émilie Aurélie Audrey Virginie Stéphanie Karine Delphine Séverine Nadège Laetitia
Sabrina Jessica Océane Maëlle Gwenaëlle Soizic Nolwenn Katell Maïwenn Enora Mylène Solène
Apolline Bérénice Clémence Eugénie Léonie Louise Adèle Zoé Lina Jeanne Alix Garance Anne-Sophie
Marie-Laure Marie-Christine Anne-Claire Marie-Hélène Lou-Anne Maïté Ainhoa Maddi Graziella
Letizia Mireille Roselyne Françoise Danièle Annick Nicole Chantal Jocelyne Évelyne Fabienne
Valérie Corinne Patricia Pascale Justine Gaëlle Morgane Charlotte Juliette Ophélie Noémie Salomé
Elsa Margaux Éloïse Héloïse Flavie Perrine Albane Sixtine Domitille Bénédicte Quitterie Yolande
Ginette Thérèse Lydie Édith Armelle Maryvonne Anne-Gaëlle Rozenn Tifenn Coralie Cindy Priscilla
Émeline Aude Ségolène Hortense Philippine Inaya Lison Naëlle Romane Ilona""".split()
M_FIRST = """Thomas Nicolas Julien Maxime Antoine Alexandre Guillaume Romain Sébastien Jérôme
Frédéric Stéphane Christophe Laurent Philippe Thierry Didier Patrick Gérard Bernard Alain Jacques
Daniel Jean-Pierre Jean-Marc Jean-Luc Paul-Henri Pierre-Yves Jean-Baptiste Hugo Lucas Théo
Nathan Enzo Mathis Tom Léo Arthur Gabriel Raphaël Jules Noah Baptiste Quentin Kévin Anthony
Jérémy Cédric Damien Fabrice Ludovic Mickaël Yannick Gwenaël Erwan Loïc Ronan Tanguy Yann
Goulven Iñaki Peio Xabi Jean-François Bruno Gilles Hervé Serge Roland Marcel Lucien René
Raymond Gaston Fernand Maurice Armand Édouard Gauthier Aymeric Enguerrand Tristan Bastien
Florian Adrien Valentin Benoît Matthieu Grégoire Octave Augustin Côme Timothée Corentin Killian
Dylan Ryan Sacha Régis Francis Ghislain Jean-Claude Jean-Yves Pierre-Alain Marc-Antoine
Anatole Eliott Lorenzo Nolan Évan Yvon Gwendal Joël Lionel Rodolphe Thibault Vianney Wilfried""".split()
COMMON_F = """Rose Claire Olive Ambre Prune Capucine Violette Marine Jade Perle Blanche Céleste Fleur
Victoire Constance Prudence Espérance Iris Avril Aurore Mélodie Marguerite Églantine Reine""".split()
COMMON_M = """Pierre Olivier Martin Clément Aimé Désiré Fortuné Constant Juste Modeste Parfait Fidèle
Marin Noël Sylvestre Innocent Lucide Vivant""".split()

LAST_PLAIN = """Bernard Dubois Thomas Robert Richard Durand Leroy Moreau Simon Lefebvre Michel
Garcia David Bertrand Vincent Fournier Morel Girard André Lefèvre Dupont Lambert François
Martinez Legrand Garnier Faure Rousseau Guérin Muller Henry Roussel Perrin Morin Mathieu Gauthier
Dumont Lopez Robin Masson Sanchez Gérard Nguyen Boyer Lemaire Duval Joly Gautier Roger Meyer Lucas
Perez Dufour Blanchard Barbier Dumas Brunet Schmitt Leroux Colin Fernandez Arnaud Rolland Caron
Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Leclercq Lacroix Fabre
Dupuis Rodriguez Hubert Guillot Guillaume Gonzalez Lecomte Ménard Fleury Deschamps Carpentier
Maillard Marchal Aubry Vasseur Jacquet Collet Prévost Poirier Royer Huet Dupuy Pons Laine Rémy
Schneider Perrot Guyot Marty Cousin Kerbrat Quéméner L'Hostis
Cadiou Etcheverry Iribarren Harismendy Larralde Casanova Santoni Pietri Mattei Albertini Leca
Susini Grandjean Schaeffer Kieffer Wagner Hoffmann Zimmermann Vandenberghe Delannoy Tessier
Charrier Besson Pichon Lebreton Gervais Hamon Courtois Lejeune Bouvier Chauvin Cordier Texier
Brossard Mallet Bazin Humbert Jourdan Ferrand Pelletier Bouchet Lemarchand Gilbert Hernandez
Léger Laporte Verdier Maréchal Descamps Lebrun Delmas Couderc Rigaud Bousquet Cazenave Lafargue
Peyrot Bonnefoy Sabatier Vigouroux Chabert Ollivier Pasquier Bertin Guichard Jouan Tanguy
Riou Quéré Goasdoué Abgrall Nédélec Lagadec Prigent Jézéquel Sauvageot Thébault Chevrier
Boisseau Bourdon Courtin Dumoulin Lévêque Parmentier Rey Baudry Bigot Blondel Carlier Delage
Rousset Maurin Granger Jacob Lenoir Benard Barthélemy Tissot Duhamel Gosselin Clerc Lacombe
Ribeiro Marques Toussaint Valette Favier Hervé Charpentreau Vaillant Cochet Blin""".split()
# multi-word last names cannot be split on spaces: added separately
LAST_MULTI = ["Le Goff", "Le Bihan", "Le Floc'h", "Le Hir", "de Lestang", "du Mesnil",
              "d'Esparbès", "de Rochebrune", "de Kergariou", "de La Villeguérin", "Le Bris",
              "Da Costa", "Dos Santos", "Van den Bossche", "de Montaigu", "du Plessis-Vernet",
              "Le Meur", "Le Corre", "Saint-Ange", "des Roziers"]
LAST_COMPOUND = ["Martin-Duval", "Berthier-Lacaze", "Lopez-Garnier", "Dubreuil-Chambon",
                 "Morel-Jacquin", "Roussel-Tardieu", "Faure-Vignal", "Benali-Durand",
                 "Petit-Renaud", "Leclerc-Aubin"]
COMMON_LAST = """Boulanger Charpentier Meunier Marchand Berger Boucher Mercier Fontaine Rivière
Lapierre Poisson Loiseau Lecoq Rossignol Mouton Pigeon Printemps Dimanche Bonnet Chapeau Marteau
Sabot Page Roi Prince Baron Comte Lebon Petit Grand Blanc Brun Roux Carré Moulin Bois Dulac
Lamour Bonheur Vallée Chevalier Renard Lièvre Gentil Leblanc Legros Bataille Beau Lebeau
Laurier Château Mouchet Bouteille Jardin Loup""".split()

# foreign name pools (used inside France too: residents of every origin)
WORLD_F = """Fatima Amina Yasmine Nadia Samira Khadija Leïla Meryem Aïcha Fatoumata Aminata Mariam
Awa Adama Ana Beatriz Inês Mariana Linh Huong Agnieszka Katarzyna Zeynep Elif Ayşe Chiara
Giulia Francesca Lucía Carmen Pilar Nour Anahit Lusine Oksana Olena Mei Xiaoling""".split()
WORLD_M = """Mohamed Karim Youssef Rachid Mehdi Samir Omar Bilal Hamza Mamadou Moussa Ousmane
Ibrahima Seydou Cheikh João Tiago Rui Duc Minh Tuan Piotr Krzysztof Mehmet Emre Burak Giuseppe
Matteo Lorenzo Javier Alejandro Sergio Aram Vartan Taras Andriy Wei Hao""".split()
WORLD_LAST = """Benali El_Amrani Bensaïd Haddad Khelifi Ouali Zerrouki Benmoussa Chraïbi Alaoui Tazi
Bennani Diallo Traoré Koné Ndiaye Diop Sow Camara Konaté Ouattara Mbaye N'Diaye Kouassi Yao
Pereira Ferreira Gonçalves Rodrigues Carvalho Teixeira Tran Pham Hoang Vo Kowalczyk Nowak
Wiśniewski Zieliński Yılmaz Demir Öztürk Şahin Çelik Rossi Bianchi Esposito Romano Ricci García
López Martínez Sánchez Fernández Petrossian Avakian Manoukian Kovalenko Shevchenko Zhang Wang
Chen Ba Sy Ly Vu Do""".split()
WORLD_LAST = [x.replace("_", " ") for x in WORLD_LAST] + ["Ben Youssef", "Aït Ali"]

FOREIGN = {
    "BE": dict(F="Lotte Elke Ine Annelies Sofie Nathalie Véronique Anouk Griet".split(),
               M="Wout Jens Pieter Bram Stijn Koen Geert Jelle Maarten Thibaut".split(),
               L="Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Dewaele "
                 "Vermeulen Desmet Lambrechts Van_Damme Hermans".split(),
               dom="skynet.be telenet.be proximus.be gmail.com hotmail.be".split(),
               label="Belgique"),
    "CH": dict(F="Ursula Nicole Corinne Sabine Léonie Anja Regula".split(),
               M="Reto Urs Beat Lukas Jonas Yves Cédric Mathias".split(),
               L="Müller Meier Schmid Keller Weber Huber Rochat Bonvin Pittet Gerber Brunner "
                 "Widmer Zbinden".split(),
               dom="bluewin.ch gmx.ch sunrise.ch hispeed.ch".split(), label="Suisse"),
    "ES": dict(F="Lucía Carmen Pilar Nuria Montserrat Elena Rocío Aitana".split(),
               M="Javier Alejandro Sergio Iker Jordi Pablo Rubén Álvaro".split(),
               L="García López Martínez Sánchez Fernández Gómez Ruiz Jiménez Navarro Moreno "
                 "Romero Torres Vidal Puig".split(),
               dom="telefonica.net hotmail.es gmail.com yahoo.es".split(), label="Espagne"),
    "UK": dict(F="Emily Charlotte Olivia Sophie Hannah Rachel Gemma Siobhan".split(),
               M="Oliver Harry George Jack James William Callum Rhys".split(),
               L="Smith Jones Taylor Brown Williams Wilson Evans Thomson Walker Wright "
                 "Robinson Hughes O'Connor".split(),
               dom="btinternet.com sky.com outlook.co.uk gmail.com".split(),
               label="Royaume-Uni"),
    "US": dict(F="Jennifer Ashley Megan Brittany Kayla Madison Lauren".split(),
               M="Michael Christopher Joshua Tyler Brandon Justin Kyle".split(),
               L="Johnson Miller Davis Anderson Jackson Harris Clark Lewis Walker Young "
                 "Kowalski Nguyen Patel".split(),
               dom="gmail.com yahoo.com comcast.net outlook.com".split(), label="États-Unis"),
    "DE": dict(F="Anna Katrin Sabine Julia Lena Ute Heike Svenja".split(),
               M="Jürgen Klaus Stefan Tobias Matthias Lars Florian Uwe".split(),
               L="Schmidt Schneider Fischer Weber Becker Schulz Hoffmann Koch Richter Wolf "
                 "Schröder Neumann Braun".split(),
               dom="web.de gmx.de t-online.de posteo.de".split(), label="Allemagne"),
    "IT": dict(F="Chiara Giulia Francesca Alessia Federica Valentina Silvia".split(),
               M="Giuseppe Matteo Lorenzo Davide Alessandro Andrea Stefano".split(),
               L="Rossi Bianchi Esposito Romano Ricci Colombo Bruno Gallo Conti Greco "
                 "Marino Costa".split(),
               dom="libero.it virgilio.it tiscali.it gmail.com".split(), label="Italie"),
    "MA": dict(F="Fatima Khadija Salma Imane Houda Meryem Zineb".split(),
               M="Youssef Mohamed Hicham Anas Othmane Rachid Abdelkader".split(),
               L="Alaoui Bennani Tazi El_Idrissi Berrada Chraïbi Benjelloun Lahlou Fassi "
                 "El_Mansouri".split(),
               dom="menara.ma gmail.com hotmail.com iam.net.ma".split(), label="Maroc"),
    "LU": dict(F="Carole Tessy Joëlle Nadine".split(), M="Jos Marc Gilles Luc".split(),
               L="Schmit Weber Hoffmann Wagner Reuter Thill Kieffer".split(),
               dom="pt.lu internet.lu gmail.com".split(), label="Luxembourg"),
    "PT": dict(F="Beatriz Mariana Inês Catarina Joana".split(), M="João Tiago Rui Nuno Duarte".split(),
               L="Silva Santos Ferreira Pereira Oliveira Costa Sousa Almeida".split(),
               dom="sapo.pt gmail.com".split(), label="Portugal"),
    "CA": dict(F="Geneviève Isabelle Mélanie Josée Catherine".split(),
               M="Jean-Philippe Mathieu Sylvain François Étienne".split(),
               L="Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné".split(),
               dom="videotron.ca sympatico.ca gmail.com".split(), label="Canada"),
}
for _c, _d in FOREIGN.items():
    _d["L"] = [x.replace("_", " ") for x in _d["L"]]

LAST_ALL = LAST_PLAIN + LAST_MULTI + LAST_COMPOUND


# ================================================================ persons
class Person:
    def __init__(self, first, last, sex, cc="FR"):
        self.first, self.last, self.sex, self.cc = first, last, sex, cc
        self.mails = {}

    @property
    def fl(self):
        return self.first + " " + self.last


def new_person(cc="FR", sex=None):
    sex = sex or pick("FM")
    if cc != "FR":
        d = FOREIGN[cc]
        return Person(pick(d[sex]), pick(d["L"]), sex, cc)
    r = R.random()
    if r < 0.13:
        first = pick(WORLD_F if sex == "F" else WORLD_M)
        last = pick(WORLD_LAST)
    else:
        if chance(0.14):
            first = pick(COMMON_F if sex == "F" else COMMON_M)
        else:
            first = pick(F_FIRST if sex == "F" else M_FIRST)
        x = R.random()
        if x < 0.15:
            last = pick(COMMON_LAST)
        elif x < 0.22:
            last = pick(WORLD_LAST)
        else:
            last = pick(LAST_ALL)
    return Person(first, last, sex, cc)


def civ(p, short=False):
    if p.sex == "M":
        c = wpick([("M. ", 30), ("Monsieur ", 12 if not short else 1), ("Mr ", 10), ("M ", 3),
                   ("Mr. ", 3), ("Dr ", 2), ("Me ", 1)])
    else:
        c = wpick([("Mme ", 30), ("Madame ", 12 if not short else 1), ("Mme. ", 3), ("Mlle ", 3),
                   ("Mde ", 1), ("Dr ", 2), ("Me ", 1)])
    return c


def initial(first):
    parts = first.split("-")
    if first[0] in "Mm":
        return None
    return "-".join(x[0] + "." for x in parts)


def up(x):
    return x.upper()


def nm(p, style=None):
    """A person's name in one of many written forms; returns a list of segments."""
    if style is None:
        style = wpick([("FL", 28), ("F_LU", 10), ("LU_F", 10), ("LF", 4), ("civL", 14),
                       ("civFL", 6), ("iL", 5), ("F", 5), ("low", 3), ("up", 3), ("L", 3),
                       ("civLU", 4), ("civlow", 1), ("iLU", 2)])
    f, l = p.first, p.last
    if style in ("iL", "iLU"):
        i = initial(f)
        if i is None:
            style = "FL"
        else:
            return [PER(i + " " + (l if style == "iL" else up(l)))]
    if style == "FL":
        return [PER(f + " " + l)]
    if style == "F_LU":
        return [PER(f + " " + up(l))]
    if style == "LU_F":
        return [PER(up(l) + " " + f)]
    if style == "LF":
        return [PER(l + " " + f)]
    if style == "civL":
        return [civ(p), PER(l)]
    if style == "civLU":
        return [civ(p, True), PER(up(l))]
    if style == "civFL":
        return [civ(p), PER(f + " " + l)]
    if style == "civlow":
        return [civ(p, True).lower(), PER(l.lower())]
    if style == "F":
        return [PER(f)]
    if style == "L":
        return [PER(l)]
    if style == "low":
        return [PER((f + " " + l).lower())]
    if style == "up":
        return [PER(up(f + " " + l))]
    raise ValueError(style)


def nm_full(p):
    """A form that always carries the full name (for headers, forms)."""
    return nm(p, wpick([("FL", 50), ("F_LU", 15), ("LU_F", 15), ("LF", 5), ("civFL", 10),
                        ("up", 5)]))


# ================================================================ e-mail
PERSO_DOM = [("gmail.com", 30), ("orange.fr", 14), ("wanadoo.fr", 7), ("free.fr", 7),
             ("sfr.fr", 5), ("laposte.net", 6), ("hotmail.fr", 8), ("hotmail.com", 3),
             ("outlook.fr", 6), ("yahoo.fr", 5), ("icloud.com", 4), ("live.fr", 3),
             ("protonmail.com", 2), ("bbox.fr", 2), ("neuf.fr", 2), ("aol.com", 1),
             ("gmx.fr", 2), ("club-internet.fr", 1), ("numericable.fr", 1), ("proton.me", 1)]


def email(p, dom=None, pro=False):
    key = (dom, pro)
    if key not in p.mails:
        p.mails[key] = _email(p, dom, pro)
    return p.mails[key]


def _email(p, dom=None, pro=False):
    f = slug(p.first, "-")
    l = slug(p.last)
    if dom is None:
        dom = pick(FOREIGN[p.cc]["dom"]) if p.cc != "FR" else wpick(PERSO_DOM)
    if pro:
        loc = wpick([(f + "." + l, 50), (f[0] + l, 15), (f[0] + "." + l, 10), (f, 8),
                     (l + "." + f, 5), (f + "-" + l, 4), (l, 3)])
    else:
        loc = wpick([(f + "." + l, 22), (f + l, 8), (f + "_" + l, 6), (f + "-" + l, 3),
                     (l + "." + f, 6), (f[0] + l, 8), (f[0] + "." + l, 5),
                     (f + "." + l + str(rint(1, 99)), 8), (f + str(rint(1955, 2004)), 5),
                     (l + f[0], 4), (f + "." + l[:1], 2), (l + "." + f + str(rint(10, 99)), 3),
                     (f.replace("-", "") + "_" + str(rint(60, 99)), 2),
                     (pick(["lesjardins", "papillon", "zen", "breizh", "sud", "grandbleu"]) + "." + l, 2)])
    return loc + "@" + dom


# ================================================================ phones
DOM_PREFIX = ["0590", "0690", "0691", "0596", "0696", "0697", "0594", "0694", "0262", "0692",
              "0693", "0269", "0639"]
DOM_CC = {"0590": "590", "0690": "590", "0691": "590", "0596": "596", "0696": "596",
          "0697": "596", "0594": "594", "0694": "594", "0262": "262", "0692": "262",
          "0693": "262", "0269": "262", "0639": "262"}


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def fr_digits(kind=None):
    kind = kind or wpick([("mob", 46), ("fixe", 30), ("09", 9), ("08", 2), ("dom", 8),
                          ("odd", 5)])
    if kind == "mob":
        return pick(["06", "07"]) + (str(rint(3, 9)) if chance(0.5) else digits(1)) + digits(7)
    if kind == "fixe":
        return "0" + str(rint(1, 5)) + digits(8)
    if kind == "09":
        return "09" + digits(8)
    if kind == "08":
        return "0" + pick(["800", "805", "806", "809", "820", "970"]) + digits(6)
    if kind == "dom":
        return pick(DOM_PREFIX) + digits(6)
    # unallocated / odd blocks, still phone-shaped
    pre = pick(["070", "071", "072", "0650", "0799", "0199", "0560", "0300", "0868"])
    return pre + digits(10 - len(pre))


def fmt_fr(d, style=None):
    d = d[:10]
    pr = [d[i:i + 2] for i in range(0, 10, 2)]
    style = style or wpick([("sp", 40), ("dot", 12), ("dash", 5), ("compact", 12), ("intl", 9),
                            ("intl0", 4), ("intlc", 4), ("0033", 3), ("g334", 2), ("mix", 2),
                            ("intldot", 1), ("paren", 2), ("slash", 1), ("g4", 2)])
    dom = d[:4] in DOM_CC
    if style == "sp":
        return " ".join(pr)
    if style == "dot":
        return ".".join(pr)
    if style == "dash":
        return "-".join(pr)
    if style == "compact":
        return d
    if style == "mix":
        return pr[0] + "." + pr[1] + " " + pr[2] + "." + pr[3] + " " + pr[4]
    if style == "slash":
        return "/".join(pr)
    if style == "g334":
        return d[:4] + " " + d[4:7] + " " + d[7:]
    if style == "g4":
        return d[:2] + " " + d[2:6] + " " + d[6:]
    if dom:
        cc = DOM_CC[d[:4]]
        rest = d[1:]
        if style in ("intl", "intl0", "intldot", "paren"):
            return "+" + cc + " " + rest[:3] + " " + " ".join(rest[i:i + 2] for i in range(3, 9, 2))
        if style == "0033":
            return "00" + cc + " " + rest
        return "+" + cc + rest
    rest = d[1:]
    grp = rest[0] + " " + " ".join(rest[i:i + 2] for i in range(1, 9, 2))
    if style == "intl":
        return "+33 " + grp
    if style == "intl0":
        return "+33 (0)" + grp
    if style == "intlc":
        return "+33" + rest
    if style == "0033":
        return "0033 " + grp
    if style == "intldot":
        return "+33." + ".".join([rest[0]] + [rest[i:i + 2] for i in range(1, 9, 2)])
    if style == "paren":
        return "(+33) " + grp
    raise ValueError(style)


def fr_phone(kind=None, style=None):
    return fmt_fr(fr_digits(kind), style)


def other_fr_territory():
    return wpick([("+508 41 " + digits(2) + " " + digits(2), 1),
                  ("+689 87 " + digits(2) + " " + digits(2) + " " + digits(2), 2),
                  ("+687 " + digits(2) + " " + digits(2) + " " + digits(2), 2),
                  ("+681 72 " + digits(2) + " " + digits(2), 1)])


def sp(x, sizes, sep=" "):
    out, i = [], 0
    for n in sizes:
        out.append(x[i:i + n])
        i += n
    return sep.join(out)


def foreign_phone(cc, mobile=None):
    mobile = chance(0.55) if mobile is None else mobile
    intl = chance(0.5)
    if cc == "BE":
        if mobile:
            n = pick(["470", "472", "475", "476", "477", "478", "484", "486", "495", "497", "499"]) + digits(6)
            return wpick([("0" + sp(n, [3, 2, 2, 2]), 3), ("+32 " + sp(n, [3, 2, 2, 2]), 3),
                          ("0032 " + n, 1), ("+32" + n, 1), ("0" + n[:3] + "/" + sp(n[3:], [2, 2, 2], "."), 1)])
        a = pick(["2", "3", "4", "9"])
        n = a + digits(7)
        return wpick([("0" + a + " " + sp(n[1:], [3, 2, 2]), 3), ("+32 " + a + " " + sp(n[1:], [3, 2, 2]), 3),
                      ("0" + a + "/" + sp(n[1:], [3, 2, 2], "."), 1)])
    if cc == "CH":
        a = pick(["76", "77", "78", "79"]) if mobile else pick(["21", "22", "24", "26", "27", "31", "44", "61", "91"])
        n = a + digits(7)
        return wpick([("0" + sp(n, [2, 3, 2, 2]), 3), ("+41 " + sp(n, [2, 3, 2, 2]), 3),
                      ("+41 (0)" + sp(n, [2, 3, 2, 2]), 2), ("0041 " + sp(n, [2, 3, 2, 2]), 1),
                      ("+41" + n, 1)])
    if cc == "ES":
        n = (pick(["6", "7"]) if mobile else pick(["91", "93", "95", "96", "94"])) + ""
        n = n + digits(9 - len(n))
        return wpick([(sp(n, [3, 3, 3]), 3), ("+34 " + sp(n, [3, 3, 3]), 3), ("0034 " + n, 1),
                      ("+34 " + sp(n, [3, 2, 2, 2]), 1), (sp(n, [2, 3, 2, 2]), 1)])
    if cc == "UK":
        if mobile:
            n = "7700" + "900" + digits(3) if chance(0.6) else "7" + pick(["4", "5", "7", "8", "9"]) + digits(8)
            return wpick([("0" + sp(n, [4, 6]), 3), ("+44 " + sp(n, [4, 6]), 3),
                          ("+44 (0)" + sp(n, [4, 3, 3]), 2), ("0044 " + n, 1)])
        n = pick(["2079460", "1614960", "1134960", "1314960", "2890180"]) + digits(3)
        if n.startswith("20"):
            return wpick([("020 " + sp(n[2:], [4, 4]), 3), ("+44 20 " + sp(n[2:], [4, 4]), 3),
                          ("+44 (0)20 " + sp(n[2:], [4, 4]), 1)])
        return wpick([("0" + sp(n, [3, 3, 4]), 3), ("+44 " + sp(n, [3, 3, 4]), 3)])
    if cc in ("US", "CA"):
        area = pick(["415", "212", "617", "312", "206", "305", "512", "720"] if cc == "US"
                    else ["514", "418", "438", "450", "819"])
        exch = "555" if chance(0.6) else str(rint(201, 989))
        line = ("01" + digits(2)) if exch == "555" else digits(4)
        return wpick([("(" + area + ") " + exch + "-" + line, 4), ("+1 " + area + " " + exch + " " + line, 3),
                      (area + "-" + exch + "-" + line, 2), ("+1 (" + area + ") " + exch + "-" + line, 1),
                      ("1-" + area + "-" + exch + "-" + line, 1), (area + "." + exch + "." + line, 1)])
    if cc == "DE":
        if mobile:
            a = pick(["151", "152", "160", "170", "171", "172", "176", "177"])
            n = a + digits(rint(7, 8))
            return wpick([("0" + a + " " + n[3:], 3), ("+49 " + a + " " + n[3:], 3),
                          ("+49 (0)" + a + " " + sp(n[3:], [4, len(n) - 7]), 2), ("0" + a + "-" + n[3:], 1),
                          ("0" + a + "/" + n[3:], 1)])
        a = pick(["30", "40", "89", "221", "69", "711", "211"])
        n = digits(7 if len(a) == 2 else 6)
        return wpick([("0" + a + " " + n, 3), ("+49 " + a + " " + n, 3), ("0" + a + "/" + n, 2),
                      ("+49 (0)" + a + " " + n, 1)])
    if cc == "IT":
        if mobile:
            n = pick(["320", "328", "333", "338", "340", "347", "348", "366", "392"]) + digits(7)
            return wpick([(sp(n, [3, 3, 4]), 3), ("+39 " + sp(n, [3, 3, 4]), 3), (n[:3] + " " + n[3:], 2),
                          ("0039 " + n, 1)])
        a = pick(["02", "06", "011", "055", "081", "041"])
        n = digits(10 - len(a))
        return wpick([(a + " " + sp(n, [4, len(n) - 4]), 3), ("+39 " + a + " " + sp(n, [4, len(n) - 4]), 3),
                      (a + " " + n, 1)])
    if cc == "MA":
        if mobile:
            n = pick(["6", "7"]) + digits(8)
            return wpick([("+212 " + n[0] + " " + sp(n[1:], [2, 2, 2, 2]), 3), ("0" + n[:3] + "-" + n[3:], 2),
                          ("+212 (0)" + n[0] + " " + sp(n[1:], [2, 2, 2, 2]), 1), ("00212 " + n, 1),
                          ("0" + n[0] + " " + sp(n[1:], [2, 2, 2, 2]), 2)])
        n = "5" + pick(["22", "24", "35", "37", "39"]) + digits(6)
        return wpick([("+212 " + n[0] + " " + sp(n[1:], [2, 2, 2, 2]), 2), ("0" + n[:3] + "-" + n[3:], 2),
                      ("+212 " + n[:3] + "-" + n[3:], 1), ("0" + n[0] + " " + sp(n[1:], [2, 2, 2, 2]), 1)])
    if cc == "LU":
        if mobile:
            n = pick(["621", "661", "691"]) + digits(6)
            return wpick([("+352 " + sp(n, [3, 3, 3]), 3), (sp(n, [3, 3, 3]), 1), ("00352 " + n, 1)])
        n = pick(["26", "27", "44", "49"]) + digits(6)
        return wpick([("+352 " + sp(n, [2, 2, 2, 2]), 3), (sp(n, [2, 2, 2, 2]), 1)])
    if cc == "PT":
        n = (pick(["91", "92", "93", "96"]) if mobile else pick(["21", "22"])) + digits(7)
        return wpick([("+351 " + sp(n, [3, 3, 3]), 3), (sp(n, [3, 3, 3]), 2), ("00351 " + n, 1)])
    if cc == "NL":
        n = "6" + digits(8) if mobile else "20" + digits(7)
        return wpick([("+31 " + n[0] + " " + n[1:], 2), ("0" + n[0] + "-" + n[1:], 2), ("+31 " + sp(n, [2, 3, 4]), 1)])
    raise ValueError(cc)


# ---- French number words (for dictated values)
UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
         "onze", "douze", "treize", "quatorze", "quinze", "seize"]
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def num_fr(n):
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
        u = n - 60
        if u == 11:
            return "soixante et onze"
        return "soixante-" + num_fr(u)
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + num_fr(n - 80)


def dictate_phone(d, mode=None):
    """d: 10-digit French number -> words, as a caller leaves it on a voicemail."""
    mode = mode or wpick([("pairs", 5), ("digits", 2), ("mixed", 2)])
    pr = [d[i:i + 2] for i in range(0, len(d), 2)]
    out = []
    for i, x in enumerate(pr):
        n = int(x)
        if mode == "digits":
            out.append(" ".join(UNITS[int(c)] for c in x))
            continue
        if mode == "mixed" and i not in (0,) and chance(0.5):
            out.append(x)
            continue
        if x[0] == "0":
            out.append("zéro " + UNITS[int(x[1])] if x != "00" else pick(["zéro zéro", "double zéro"]))
        else:
            out.append(num_fr(n))
    sep = pick([" ", ", ", " ", " - "]) if mode != "digits" else pick([" ", ", "])
    return sep.join(out)


def dictate_email(addr):
    loc, dom = addr.split("@")
    def words(part):
        out = []
        for tok in re.split(r"([._\-])", part):
            if tok == ".":
                out.append("point")
            elif tok == "_":
                out.append(pick(["tiret du bas", "underscore", "tiret bas"]))
            elif tok == "-":
                out.append(pick(["tiret", "tiret du six"]))
            elif tok:
                m = re.match(r"^([a-z]+)(\d+)$", tok)
                if m:
                    out.append(m.group(1))
                    out.append(" ".join(m.group(2)) if chance(0.5) else num_fr(int(m.group(2))) if int(m.group(2)) < 100 else m.group(2))
                else:
                    out.append(tok)
        return " ".join(out)
    return words(loc) + " " + pick(["arobase", "arobase", "at", "a commercial"]) + " " + words(dom)


# ================================================================ bank, ids
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def iban_check(cc, bban):
    s = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - n % 97)


IBAN_COUNTRIES = set("AD AE AT BA BE BG BH BR CH CY CZ DE DK EE ES FI FO FR GB GI GL GR HR HU IE IL IS IT "
                     "JO KW KZ LB LI LT LU LV MA MC MD ME MK MR MT MU NL NO PK PL PS PT QA RO RS SA SE SI SK "
                     "SM TN TR VG XK".split())


def iban_valid(x):
    x = re.sub(r"[\s\-.]", "", x).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{8,30}", x):
        return False
    s = x[4:] + x[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def rib_key(bank, guichet, acct):
    conv = {}
    for i, c in enumerate("ABCDEFGHI"):
        conv[c] = str(i + 1)
    for i, c in enumerate("JKLMNOPQR"):
        conv[c] = str(i + 1)
    for i, c in enumerate("STUVWXYZ"):
        conv[c] = str(i + 2)
    a = "".join(conv.get(c, c) for c in acct)
    return "%02d" % (97 - (89 * int(bank) + 15 * int(guichet) + 3 * int(a)) % 97)


def es_dc(bank_branch, acct):
    def d(ws, ds):
        r = 11 - sum(w * int(c) for w, c in zip(ws, ds)) % 11
        return {11: 0, 10: 1}.get(r, r)
    return str(d([4, 8, 5, 10, 9, 7, 3, 6], bank_branch)) + str(d([1, 2, 4, 8, 5, 10, 9, 7, 3, 6], acct))


FR_BANKS = ["30004", "30003", "30002", "20041", "10278", "10907", "11006", "13335", "14505",
            "16606", "17515", "18206", "12506", "15629", "30066", "10096", "13807", "42559",
            "40618", "16958"]


def make_iban(cc="FR"):
    if cc in ("FR", "MC"):
        bank = pick(FR_BANKS) if cc == "FR" else pick(["12739", "11468", "30003"])
        g = digits(5)
        acct = digits(11) if chance(0.85) else digits(5) + pick(LETTERS[:9]) + digits(5)
        bban = bank + g + acct + rib_key(bank, g, acct)
    elif cc == "BE":
        f = digits(10)
        c = int(f) % 97 or 97
        bban = f + "%02d" % c
    elif cc == "DE":
        bban = digits(8) + digits(10)
    elif cc == "ES":
        bb = digits(8)
        a = digits(10)
        bban = bb + es_dc(bb, a) + a
    elif cc == "CH":
        bban = digits(5) + digits(12)
    elif cc == "GB":
        bban = pick(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(6) + digits(8)
    elif cc == "IT":
        bban = pick(LETTERS) + digits(5) + digits(5) + digits(12)
    elif cc == "NL":
        bban = pick(["ABNA", "INGB", "RABO", "TRIO"]) + digits(10)
    elif cc == "PT":
        bban = digits(21)
    elif cc == "LU":
        bban = digits(3) + digits(13)
    elif cc == "AT":
        bban = digits(16)
    elif cc == "IE":
        bban = pick(["AIBK", "BOFI"]) + digits(6) + digits(8)
    elif cc == "PL":
        bban = digits(24)
    else:
        raise ValueError(cc)
    x = cc + iban_check(cc, bban) + bban
    assert iban_valid(x), x
    return x


def fmt_iban(x, style=None):
    style = style or wpick([("g4", 50), ("compact", 14), ("lower", 4), ("dash", 4),
                            ("bank", 12), ("dbl", 3), ("g4nospace2", 3)])
    g = " ".join(x[i:i + 4] for i in range(0, len(x), 4))
    if style == "g4":
        return g
    if style == "compact":
        return x
    if style == "lower":
        return g.lower()
    if style == "dash":
        return "-".join(x[i:i + 4] for i in range(0, len(x), 4))
    if style == "dbl":
        return "  ".join(x[i:i + 4] for i in range(0, len(x), 4))
    if style == "g4nospace2":
        return x[:4] + " " + x[4:]
    if style == "bank":
        if x[:2] in ("FR", "MC"):
            return x[:4] + " " + x[4:9] + " " + x[9:14] + " " + x[14:25] + " " + x[25:]
        if x[:2] == "ES":
            return x[:4] + " " + x[4:8] + " " + x[8:12] + " " + x[12:14] + " " + x[14:]
        if x[:2] == "BE":
            return x[:4] + " " + x[4:7] + "-" + x[7:14] + "-" + x[14:]
        if x[:2] == "GB":
            return x[:4] + " " + x[4:8] + " " + x[8:14] + " " + x[14:]
        return g
    raise ValueError(style)


def luhn_ok(num):
    tot = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def luhn_complete(prefix):
    for c in "0123456789":
        if luhn_ok(prefix + c):
            return prefix + c
    raise AssertionError


def make_card(brand=None):
    brand = brand or wpick([("visa", 50), ("mc", 30), ("mc2", 8), ("amex", 12)])
    if brand == "visa":
        pre = "4" + digits(14)
    elif brand == "mc":
        pre = "5" + str(rint(1, 5)) + digits(13)
    elif brand == "mc2":
        pre = str(rint(2221, 2720)) + digits(11)
    else:
        pre = pick(["34", "37"]) + digits(12)
    return luhn_complete(pre)


def fmt_card(n, style=None):
    style = style or wpick([("sp", 55), ("compact", 15), ("dash", 12), ("dot", 4), ("dbl", 3),
                            ("tight", 3)])
    if len(n) == 15:
        grp = [n[:4], n[4:10], n[10:]]
    else:
        grp = [n[i:i + 4] for i in range(0, 16, 4)]
    if style == "sp":
        return " ".join(grp)
    if style == "compact":
        return n
    if style == "dash":
        return "-".join(grp)
    if style == "dot":
        return ".".join(grp)
    if style == "dbl":
        return "  ".join(grp)
    if style == "tight":
        return grp[0] + " " + "".join(grp[1:])
    raise ValueError


DEPTS = ["%02d" % i for i in range(1, 96) if i != 20] + ["2A", "2B"] * 3 + \
    ["971", "972", "973", "974", "976"] * 2 + ["99"] * 6
COUNTRY_INSEE = ["350", "352", "351", "109", "134", "127", "131", "139", "132", "243", "341"]


def birthplace():
    """(text, NIR department) of a birthplace."""
    r = R.random()
    if r < 0.1:
        return pick(["au Maroc", "en Algérie", "en Tunisie", "au Portugal", "en Belgique", "au Sénégal", "en Italie"]), "99"
    toks = _name_tokens()
    ok = [(cp, t) for cp, t in TOWNS + DOM_TOWNS
          if not any(norm_tok(w) in toks for w in re.findall(r"[A-Za-zÀ-ÿœ]+", t))]
    cp, town = pick(ok)
    if cp.startswith("97"):
        return town, cp[:3]
    if cp.startswith("20"):
        return town, "2A" if town == "Ajaccio" else "2B"
    return town, cp[:2]


def make_nir(sex=None, yy=None, mm=None, dept=None):
    sex = sex or pick("FM")
    s = "1" if sex == "M" else "2"
    yy = rint(40, 99) if yy is None else yy
    mm = rint(1, 12) if mm is None else mm
    dept = dept or pick(DEPTS)
    if len(dept) == 3:
        com = "%02d" % rint(1, 34)
    elif dept == "99":
        com = pick(COUNTRY_INSEE)
    else:
        com = "%03d" % rint(1, 700)
    order = "%03d" % rint(1, 999)
    body = s + "%02d%02d" % (yy % 100, mm) + dept + com + order
    num = body[:5] + dept.replace("2A", "19").replace("2B", "18") + body[5 + len(dept):]
    key = 97 - int(num) % 97
    return body + "%02d" % key


def nir_valid(x):
    x = re.sub(r"[\s.\-]", "", x).upper()
    if not re.fullmatch(r"[12]\d{4}(\d{2}|2A|2B)\d{8}", x):
        return False
    body, key = x[:13], int(x[13:])
    num = body[:5] + body[5:7].replace("2A", "19").replace("2B", "18") + body[7:]
    return 97 - int(num) % 97 == key


def fmt_nir(x, style=None):
    style = style or wpick([("std", 45), ("compact", 15), ("keysep", 12), ("dot", 5),
                            ("g5", 5), ("std2", 6), ("dash", 3)])
    d3 = x[5:8] if x[5:7] == "97" else None
    if d3:
        parts = [x[0], x[1:3], x[3:5], x[5:8], x[8:10], x[10:13], x[13:]]
    else:
        parts = [x[0], x[1:3], x[3:5], x[5:7], x[7:10], x[10:13], x[13:]]
    if style == "std":
        return " ".join(parts)
    if style == "compact":
        return x
    if style == "keysep":
        return x[:13] + " " + x[13:]
    if style == "dot":
        return ".".join(parts[:-1]) + " " + parts[-1]
    if style == "g5":
        return x[:5] + " " + x[5:10] + " " + x[10:15]
    if style == "std2":
        return " ".join(parts[:-1]) + " - " + parts[-1]
    if style == "dash":
        return "-".join(parts)
    raise ValueError


def make_siren():
    return luhn_complete(str(rint(1, 9)) + digits(7))


def make_siret(siren=None):
    siren = siren or make_siren()
    return luhn_complete(siren + "%04d" % rint(1, 120))


def fmt_siren(x):
    return pick([x, x[:3] + " " + x[3:6] + " " + x[6:], x[:3] + " " + x[3:6] + " " + x[6:],
                 x[:3] + "." + x[3:6] + "." + x[6:]])


def fmt_siret(x):
    return pick([x, x[:3] + " " + x[3:6] + " " + x[6:9] + " " + x[9:],
                 x[:3] + " " + x[3:6] + " " + x[6:9] + " " + x[9:], x[:9] + " " + x[9:]])


# ================================================================ plates
PL_L = "ABCDEFGHJKLMNPQRSTVWXYZ"


def make_siv():
    while True:
        a = pick(PL_L) + pick(PL_L)
        b = pick(PL_L) + pick(PL_L)
        if a not in ("SS", "WW") and b != "SS":
            break
    return a, "%03d" % rint(1, 999), b


def fmt_siv(t, style=None):
    a, n, b = t
    style = style or wpick([("dash", 55), ("space", 20), ("compact", 12), ("lower", 5),
                            ("spdash", 3), ("dot", 2)])
    if style == "dash":
        return a + "-" + n + "-" + b
    if style == "space":
        return a + " " + n + " " + b
    if style == "compact":
        return a + n + b
    if style == "lower":
        return (a + "-" + n + "-" + b).lower()
    if style == "spdash":
        return a + " - " + n + " - " + b
    if style == "dot":
        return a + "." + n + "." + b
    raise ValueError


def make_fni(style=None):
    d = pick(["75", "13", "69", "33", "59", "44", "31", "06", "2A", "2B", "92", "93", "94", "29",
              "35", "67", "974", "971", "38", "57"])
    nl = rint(1, 3)
    letters = "".join(pick(PL_L) for _ in range(nl))
    num = str(rint(1, 9999 if nl < 3 else 999))
    style = style or wpick([("space", 60), ("dash", 20), ("compact", 15), ("lower", 5)])
    if style == "space":
        return num + " " + letters + " " + d
    if style == "dash":
        return num + "-" + letters + "-" + d
    if style == "compact":
        return num + letters + d
    return (num + " " + letters + " " + d).lower()


def plate():
    if chance(0.72):
        return fmt_siv(make_siv())
    return make_fni()


# ================================================================ IP
def ipv4(private=None):
    private = chance(0.25) if private is None else private
    if private:
        return pick(["10.%d.%d.%d" % (rint(0, 255), rint(0, 255), rint(1, 254)),
                     "192.168.%d.%d" % (rint(0, 10), rint(1, 254)),
                     "172.%d.%d.%d" % (rint(16, 31), rint(0, 255), rint(1, 254))])
    while True:
        a = rint(2, 223)
        if a not in (10, 127, 172, 192, 169, 100):
            break
    return "%d.%d.%d.%d" % (a, rint(0, 255), rint(0, 255), rint(1, 254))


V6_PREFIX = [("2a01", "cb00"), ("2a01", "e0a"), ("2001", "861"), ("2a02", "8428"), ("2a04", "cec0"),
             ("2001", "db8"), ("2a01", "cb19"), ("2a02", "842a"), ("2a01", "e34"), ("2606", "4700"),
             ("2001", "41d0"), ("2a00", "1450")]


def ipv6(style=None):
    style = style or wpick([("compressed", 45), ("exploded", 10), ("zeros", 20), ("ll", 10),
                            ("upper", 5), ("short", 10)])
    if style == "ll":
        g = ["fe80", "0", "0", "0"] + ["%x" % R.randrange(65536) for _ in range(4)]
    else:
        a, b = pick(V6_PREFIX)
        g = [a, b] + ["%x" % R.randrange(65536) for _ in range(6)]
        if style in ("zeros", "short"):
            k = rint(2, 5)
            for i in range(k, min(8, k + rint(1, 4))):
                g[i] = "0"
            if style == "short":
                g = g[:2] + ["0"] * 5 + [g[-1]]
    if g[-1] in ("0", "00", "000"):
        g[-1] = "%x" % rint(1, 65535)
    addr = ipaddress.IPv6Address(":".join(g))
    if style == "exploded":
        out = addr.exploded
    else:
        out = addr.compressed
    if style == "upper":
        out = out.upper()
    ipaddress.IPv6Address(out)
    return out


def ip_any():
    r = R.random()
    if r < 0.55:
        return ipv4()
    if r < 0.72:
        return ipv4() + ":" + str(pick([443, 80, 8080, 8443, 22, 3389, rint(1024, 65535)]))
    return ipv6()


# ================================================================ dates of birth
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
MOIS_AB = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."]


def birth():
    y = rint(1938, 2005)
    m = rint(1, 12)
    d = rint(1, 28)
    return y, m, d


def fmt_dob(y, m, d, style=None):
    style = style or wpick([("slash", 40), ("dot", 6), ("dash", 6), ("long", 16), ("iso", 6),
                            ("short", 6), ("nozero", 5), ("ab", 4), ("1er", 0), ("dashshort", 2)])
    if d == 1 and style == "long" and chance(0.6):
        return "1er " + MOIS[m - 1] + " " + str(y)
    if style == "slash":
        return "%02d/%02d/%d" % (d, m, y)
    if style == "dot":
        return "%02d.%02d.%d" % (d, m, y)
    if style == "dash":
        return "%02d-%02d-%d" % (d, m, y)
    if style == "long":
        return "%d %s %d" % (d, MOIS[m - 1], y)
    if style == "iso":
        return "%d-%02d-%02d" % (y, m, d)
    if style == "short":
        return "%02d/%02d/%02d" % (d, m, y % 100)
    if style == "nozero":
        return "%d/%d/%d" % (d, m, y)
    if style == "ab":
        return "%d %s %d" % (d, MOIS_AB[m - 1], y)
    if style == "dashshort":
        return "%02d-%02d-%02d" % (d, m, y % 100)
    raise ValueError


def dob_any():
    y, m, d = birth()
    return fmt_dob(y, m, d)


# ================================================================ URLs
SPECIALITES = ["kinesitherapeute", "osteopathe", "orthophoniste", "dentiste", "sage-femme",
               "psychologue", "infirmier", "pedicure-podologue"]


def person_url(p, kind=None):
    f = slug(p.first, "-")
    l = slug(p.last, "-")
    fc, lc = f.replace("-", ""), l.replace("-", "")
    pre = wpick([("https://", 35), ("https://www.", 25), ("", 30), ("http://", 5), ("www.", 5)])
    kind = kind or wpick([("li", 30), ("fb", 8), ("ig", 8), ("gh", 6), ("x", 5), ("malt", 5),
                          ("site", 10), ("blog", 5), ("yt", 3), ("tt", 2), ("medium", 2),
                          ("behance", 2), ("cal", 3), ("bsky", 2), ("masto", 2), ("linktree", 2),
                          ("doctolib", 3), ("about", 1), ("viadeo", 1)])
    if kind == "li":
        h = wpick([(f + "-" + l, 4), (f + "-" + l + "-" + "%x" % R.randrange(16 ** 6, 16 ** 8), 4),
                   (fc + lc, 1), (lc + fc[0], 1), (f[0] + lc, 1)])
        dom = pick(["linkedin.com", "linkedin.com", "fr.linkedin.com"])
        pre2 = pre if not dom.startswith("fr.") else pre.replace("www.", "")
        return pre2 + dom + "/in/" + h
    if kind == "fb":
        return pre + "facebook.com/" + pick([fc + "." + lc, f + "." + l + "." + str(rint(1, 99)), lc + fc])
    if kind == "ig":
        return pre + "instagram.com/" + pick([fc + "_" + lc, fc + "." + lc, fc + lc + "_off", lc + "." + fc])
    if kind == "gh":
        return pre.replace("www.", "") + "github.com/" + pick([fc[0] + lc, fc + "-" + lc, lc + fc[:2]])
    if kind == "x":
        return pre.replace("www.", "") + pick(["x.com/", "twitter.com/"]) + pick([fc + lc, fc + "_" + lc, lc + "_" + fc[0]])
    if kind == "malt":
        return pre + "malt.fr/profile/" + fc + lc
    if kind == "site":
        return pre + pick([fc + lc + ".fr", f + "-" + l + ".com", fc + "-" + lc + "-photographe.fr",
                           lc + "-" + pick(["architecte", "avocat", "coaching", "illustration", "traduction"]) + ".fr",
                           fc + lc + ".net/portfolio", "cabinet-" + lc + ".fr"])
    if kind == "blog":
        return pre.replace("www.", "") + pick([fc + lc + ".wordpress.com", lc + fc + ".blogspot.com",
                                               fc + "-" + lc + ".over-blog.com", fc + lc + ".substack.com"])
    if kind == "yt":
        return pre + "youtube.com/@" + fc + lc
    if kind == "tt":
        return pre + "tiktok.com/@" + fc + "." + lc
    if kind == "medium":
        return pre.replace("www.", "") + "medium.com/@" + fc + "." + lc
    if kind == "behance":
        return pre + "behance.net/" + fc + lc
    if kind == "cal":
        return pre.replace("www.", "") + "calendly.com/" + f + "-" + l
    if kind == "bsky":
        return "https://bsky.app/profile/" + fc + lc + ".bsky.social"
    if kind == "masto":
        return "https://" + pick(["mastodon.social", "piaille.fr", "framapiaf.org"]) + "/@" + fc + lc
    if kind == "linktree":
        return pre.replace("www.", "") + "linktr.ee/" + fc + "." + lc
    if kind == "doctolib":
        return "https://www.doctolib.fr/" + pick(SPECIALITES) + "/" + pick(["lyon", "nantes", "rennes", "bordeaux", "paris", "lille"]) + "/" + f + "-" + l
    if kind == "about":
        return pre.replace("www.", "") + "about.me/" + fc + lc
    if kind == "viadeo":
        return pre + "viadeo.com/p/" + f + "." + l
    raise ValueError(kind)


# ================================================================ addresses
# towns used inside addresses (any)
TOWNS = [("75011", "Paris"), ("75018", "Paris"), ("75015", "Paris"), ("69003", "Lyon"),
         ("69007", "Lyon"), ("13006", "Marseille"), ("13012", "Marseille"), ("31000", "Toulouse"),
         ("31400", "Toulouse"), ("44000", "Nantes"), ("44300", "Nantes"), ("33000", "Bordeaux"),
         ("33800", "Bordeaux"), ("59000", "Lille"), ("67000", "Strasbourg"), ("35000", "Rennes"),
         ("35700", "Rennes"), ("34000", "Montpellier"), ("06000", "Nice"), ("21000", "Dijon"),
         ("37000", "Tours"), ("49100", "Angers"), ("29200", "Brest"), ("64100", "Bayonne"),
         ("20000", "Ajaccio"), ("20200", "Bastia"), ("87000", "Limoges"), ("63000", "Clermont-Ferrand"),
         ("80000", "Amiens"), ("51100", "Reims"), ("76000", "Rouen"), ("14000", "Caen"), ("57000", "Metz"),
         ("25000", "Besançon"), ("38000", "Grenoble"), ("74000", "Annecy"), ("73000", "Chambéry"),
         ("84000", "Avignon"), ("30000", "Nîmes"), ("66000", "Perpignan"), ("17000", "La Rochelle"),
         ("86000", "Poitiers"), ("45000", "Orléans"), ("18000", "Bourges"), ("03100", "Montluçon"),
         ("12000", "Rodez"), ("46000", "Cahors"), ("40000", "Mont-de-Marsan"), ("65000", "Tarbes"),
         ("09000", "Foix"), ("48000", "Mende"), ("05000", "Gap"), ("22300", "Lannion"), ("56100", "Lorient"),
         ("29770", "Plogoff"), ("71250", "Cluny"), ("24200", "Sarlat-la-Canéda"), ("26110", "Nyons"),
         ("15000", "Aurillac"), ("89000", "Auxerre"), ("58000", "Nevers"), ("70000", "Vesoul"),
         ("88000", "Épinal"), ("08000", "Charleville-Mézières"), ("62100", "Calais"), ("60200", "Compiègne"),
         ("95000", "Cergy"), ("93200", "Saint-Denis"), ("94300", "Vincennes"), ("92100", "Boulogne-Billancourt"),
         ("78000", "Versailles"), ("91300", "Massy"), ("77300", "Fontainebleau"), ("27000", "Évreux"),
         ("50100", "Cherbourg-en-Cotentin"), ("53000", "Laval"), ("72000", "Le Mans"), ("41000", "Blois"),
         ("16000", "Angoulême"), ("19100", "Brive-la-Gaillarde"), ("81000", "Albi"), ("82000", "Montauban"),
         ("47000", "Agen"), ("11000", "Carcassonne"), ("83000", "Toulon"), ("04100", "Manosque"),
         ("68100", "Mulhouse"), ("90000", "Belfort"), ("39000", "Lons-le-Saunier"), ("01000", "Bourg-en-Bresse"),
         ("42000", "Saint-Étienne"), ("43000", "Le Puy-en-Velay"), ("07200", "Aubenas"), ("85000", "La Roche-sur-Yon"),
         ("79000", "Niort"), ("23000", "Guéret"), ("36000", "Châteauroux"), ("10000", "Troyes"),
         ("52000", "Chaumont"), ("55100", "Verdun"), ("02100", "Saint-Quentin"), ("61000", "Alençon")]
DOM_TOWNS = [("97110", "Pointe-à-Pitre"), ("97122", "Baie-Mahault"), ("97200", "Fort-de-France"),
             ("97232", "Le Lamentin"), ("97300", "Cayenne"), ("97310", "Kourou"), ("97400", "Saint-Denis"),
             ("97410", "Saint-Pierre"), ("97600", "Mamoudzou"), ("97420", "Le Port"), ("97150", "Saint-Martin")]
VILLAGES = [("46160", "Marcilhac-sur-Célé"), ("12330", "Salles-la-Source"), ("19320", "Marcillac-la-Croisille"),
            ("07380", "Pont-de-Labeaume"), ("29410", "Plounéour-Ménez"), ("64220", "Ispoure"),
            ("32190", "Vic-Fezensac"), ("71460", "Saint-Gengoux-le-National"), ("26400", "Grane"),
            ("04300", "Forcalquier"), ("15300", "Murat"), ("87500", "Saint-Yrieix-la-Perche"),
            ("63880", "Olliergues"), ("24620", "Les Eyzies"), ("48400", "Florac-Trois-Rivières")]
# towns that may appear in plain text alone (no name-like token in them)
PLAIN_TOWNS = ["Lyon", "Nantes", "Bordeaux", "Lille", "Rennes", "Toulouse", "Marseille", "Dijon",
               "Grenoble", "Angers", "Brest", "Bayonne", "Rouen", "Caen", "Metz", "Limoges",
               "Poitiers", "Tours", "Orléans", "Annecy", "Nîmes", "Perpignan", "Avignon", "Reims",
               "Amiens", "Cahors", "Rodez", "Lorient", "Niort", "Troyes", "Bastia", "Ajaccio",
               "Strasbourg", "Montpellier", "Nice", "Toulon", "Cayenne", "Besançon", "Mulhouse",
               "Vannes", "Quimper", "Valence", "Pau", "Colmar", "Chartres"]

STREET_TYPES = [("rue", 40), ("avenue", 10), ("boulevard", 5), ("allée", 6), ("impasse", 5),
                ("chemin", 6), ("place", 3), ("route", 5), ("quai", 2), ("cours", 2), ("square", 1),
                ("passage", 1), ("sentier", 1), ("av.", 3), ("bd", 2), ("bld", 1), ("imp.", 1),
                ("ch.", 1), ("r.", 1), ("Rue", 6), ("Avenue", 2), ("Bd", 1), ("Chemin", 1), ("Allée", 1),
                ("faubourg", 1), ("montée", 1), ("rte", 1), ("voie", 1)]
STREETS = ["des Lilas", "Victor Hugo", "de la République", "Jean Jaurès", "du Général Leclerc",
           "des Tanneurs", "de la Gare", "du Moulin", "des Écoles", "Pasteur", "de Verdun",
           "du 8 Mai 1945", "du 11 Novembre", "des Acacias", "de la Paix", "Gambetta", "Voltaire",
           "des Peupliers", "de Bretagne", "du Château", "Saint-Éloi", "des Roses", "du Port",
           "des Mésanges", "de la Fontaine", "des Vignes", "du Stade", "de Strasbourg", "Nationale",
           "de Paris", "Émile Zola", "Pierre Brossolette", "Anatole France", "des Charmilles",
           "du Puits", "des Aubépines", "des Carriers", "du Four", "Sainte-Catherine",
           "de la Liberté", "des Hirondelles", "Marcel Pagnol", "des Coquelicots", "Jules Ferry",
           "Louis Pasteur", "des Bleuets", "du Pré Vert", "de l'Église", "du Lavoir", "des Jardins",
           "des Chênes", "de la Croix Rouge", "du Bois Joli", "des Alouettes", "Montaigne", "Mozart",
           "des Frères Lumière", "Descartes", "de la Mairie", "Henri Barbusse", "du Commandant Charcot",
           "de Lattre de Tassigny", "des Cordiers", "de la Tuilerie", "du Petit Clos", "des Glycines",
           "des Martyrs de la Résistance", "de Provence", "des Platanes", "de la Source", "du Vieux Pont",
           "Aristide Briand", "Paul Bert", "de Metz", "des Remparts", "du Maréchal Foch", "Denfert-Rochereau",
           "des Salines", "du Docteur Roux", "des Capucins", "de la Forge", "Condorcet", "des Tilleuls"]
RESID = ["Les Tilleuls", "Le Clos des Vignes", "Les Jardins d'Arcadie", "Le Parc Fleuri", "Les Terrasses du Lac",
         "Le Hameau des Pins", "Les Cèdres", "Le Belvédère", "Les Hauts de Sèvre", "Plein Ciel",
         "Les Flamboyants", "Le Domaine du Golf", "Les Balcons de l'Ill", "Les Jardins de la Source",
         "Le Village", "Les Alizés", "Square Montsouris", "Les Hortensias"]
LIEUDIT = ["La Borie Haute", "Les Granges", "Le Bourg", "La Croix Blanche", "Le Moulin Neuf",
           "Les Essarts", "La Combe", "Le Mas de l'Estrade", "Kerveguen", "La Fontaine aux Loups",
           "Les Trois Chênes", "Le Pradal", "Hameau de Costeraste", "Ferme de la Motte", "Le Puech"]
DOM_STREETS = ["Lotissement Les Manguiers", "Quartier Bellevue", "Section Grand-Camp", "Cité Bergevin",
               "Chemin de la Ravine", "Rue des Hibiscus", "Impasse des Alamandas", "Lot. Les Cocotiers",
               "Route de Montjoly", "Allée des Frangipaniers", "Chemin Morne Rouge", "Rue Schœlcher",
               "Résidence Les Flamboyants", "Quartier Cacao", "Route de la Pointe des Châteaux"]


def street_line():
    n = str(rint(1, 180))
    if chance(0.09):
        n += pick([" bis", " ter", "bis", "B", " B", "A"])
    sep = pick([" ", " ", " ", ", "])
    return n + sep + wpick(STREET_TYPES) + " " + pick(STREETS)


def comp_line():
    items = []
    if chance(0.6):
        items.append(pick(["Résidence ", "Résidence ", "Rés. ", "Immeuble ", "Imm. ", "Villa "]) + pick(RESID))
    if chance(0.6):
        items.append(pick(["Bât. ", "Bâtiment ", "Bat ", "bât "]) + pick("ABCDEFGH"))
    if chance(0.35):
        items.append(pick(["Esc. ", "Escalier ", "esc "]) + str(rint(1, 6)))
    if chance(0.55) or not items:
        items.append(pick(["Appt ", "Apt ", "appartement ", "app. ", "porte ", "Logement "]) + str(rint(1, 120)))
    if chance(0.2):
        items.append(pick(["%de étage" % rint(2, 9), "RDC", "1er étage"]))
    return pick([", ", " - ", " ", ", "]).join(items)


def cp_town(dom=False, village=False, cedex=False):
    cp, town = pick(DOM_TOWNS) if dom else pick(VILLAGES) if village else pick(TOWNS)
    if cedex:
        cp = cp[:3] + "%02d" % rint(1, 99)
        town = town + pick([" Cedex", " CEDEX", " Cedex " + str(rint(1, 9)), " cedex"])
    if chance(0.25):
        town = town.upper()
    return cp + " " + town


def fr_address(style=None, sep=None):
    """A person's French postal address as one string (may contain newlines)."""
    style = style or wpick([("plain", 52), ("comp", 14), ("lieudit", 7), ("bp", 4), ("cedex", 3),
                            ("dom", 10), ("village", 6), ("cs", 1), ("compdom", 3)])
    sep = sep if sep is not None else wpick([(", ", 55), (" ", 15), ("\n", 20), (" - ", 6), (" – ", 2)])
    lines = []
    if style == "plain":
        lines = [street_line(), cp_town()]
    elif style == "comp":
        lines = [comp_line(), street_line(), cp_town()]
    elif style == "lieudit":
        lines = [pick(["Lieu-dit ", "lieu-dit ", "Lieudit ", ""]) + pick(LIEUDIT), cp_town(village=True)]
    elif style == "bp":
        lines = [street_line(), "BP " + str(rint(1, 999)), cp_town(cedex=chance(0.5))]
        if chance(0.4):
            lines = [pick(["BP ", "B.P. "]) + str(rint(1, 400)), cp_town(village=True)]
    elif style == "cedex":
        lines = [street_line(), cp_town(cedex=True)]
    elif style == "cs":
        lines = [street_line(), "CS " + str(rint(10000, 99999)), cp_town(cedex=True)]
    elif style == "village":
        lines = [street_line() if chance(0.5) else pick(LIEUDIT), cp_town(village=True)]
    elif style in ("dom", "compdom"):
        st = pick(DOM_STREETS)
        if chance(0.5) and not st.startswith(("Lot", "Quartier", "Section", "Cité", "Résidence")):
            st = str(rint(1, 90)) + " " + st[0].lower() + st[1:]
        lines = [st, cp_town(dom=True)]
        if style == "compdom":
            lines = [comp_line(), lines[0], lines[1]]
    if sep == " - " or sep == " – ":
        return sep.join(lines)
    if sep == " ":
        # "12 rue X 75011 Paris": only join street and town with a plain space
        return ", ".join(lines[:-1]) + " " + lines[-1]
    return sep.join(lines)


def fr_address_parts():
    """(street, postcode, town) for forms that split the address into fields."""
    cp, town = pick(TOWNS + DOM_TOWNS)
    st = street_line() if chance(0.85) else comp_line() + ", " + street_line()
    return st, cp, town


def foreign_address(cc, sep=None):
    sep = sep or wpick([(", ", 70), ("\n", 25), (" - ", 5)])
    n = str(rint(1, 220))
    if cc == "BE":
        l = [pick(["Rue de la Loi ", "Chaussée de Waterloo ", "Avenue Louise ", "Kerkstraat ",
                   "Rue Haute ", "Boulevard d'Avroy ", "Steenweg op Gent "]) + n +
             (pick([" bte ", " bus ", "/"]) + str(rint(1, 30)) if chance(0.3) else ""),
             pick(["1040 Etterbeek", "1180 Uccle", "9000 Gent", "4000 Liège", "1348 Louvain-la-Neuve",
                   "5000 Namur", "7000 Mons", "2000 Antwerpen", "1050 Ixelles"])]
    elif cc == "CH":
        l = [pick(["Rue du Rhône ", "Bahnhofstrasse ", "Avenue de la Gare ", "Chemin des Vignes ",
                   "Rue de Lausanne ", "Seestrasse "]) + n,
             pick(["1204 Genève", "8001 Zürich", "1003 Lausanne", "2000 Neuchâtel", "1950 Sion",
                   "3011 Bern", "1700 Fribourg", "1260 Nyon"])]
        if chance(0.15):
            l = [pick(["Case postale ", "CP "]) + str(rint(100, 999)), pick(["1211 Genève 3", "1001 Lausanne"])]
    elif cc == "ES":
        l = [pick(["Calle de Alcalá ", "Carrer de Mallorca ", "Avenida de la Constitución ",
                   "Calle Mayor ", "Paseo de Gracia ", "Calle Sierpes "]) + n +
             (", " + pick(["4º B", "3r 2a", "2º izda.", "bajo", "5º D"]) if chance(0.5) else ""),
             pick(["28009 Madrid", "08008 Barcelona", "41001 Sevilla", "46002 Valencia",
                   "48001 Bilbao", "29015 Málaga", "20003 Donostia"])]
    elif cc == "UK":
        l = [(pick(["Flat ", "Apartment "]) + str(rint(1, 40)) + ", " if chance(0.3) else "") + n + " " +
             pick(["Albert Road", "Queen Street", "Church Lane", "Victoria Avenue", "High Street",
                   "Mill Road", "Park Crescent"]),
             pick(["London N4 3RR", "Manchester M2 5JH", "Bristol BS8 1TH", "Leeds LS6 2AB",
                   "Edinburgh EH3 9QG", "Cardiff CF10 1EP", "Brighton BN2 1TW", "Oxford OX4 1AA"])]
    elif cc == "US":
        l = [n + " " + pick(["Market Street", "W 42nd St", "Elm Court", "Oak Avenue", "Maple Drive",
                             "Sunset Blvd", "Lake Shore Dr"]) +
             (", " + pick(["Apt 5C", "Suite 1200", "Unit 3", "Apt. 12B"]) if chance(0.4) else ""),
             pick(["San Francisco, CA 94103", "New York, NY 10036", "Naperville, IL 60540",
                   "Austin, TX 78701", "Seattle, WA 98109", "Boston, MA 02116", "Miami, FL 33131"])]
    elif cc == "CA":
        l = [n + ", " + pick(["rue Saint-Denis", "boulevard René-Lévesque", "avenue du Parc",
                              "rue Sherbrooke Est", "chemin Sainte-Foy"]) +
             (", app. " + str(rint(1, 20)) if chance(0.4) else ""),
             pick(["Montréal (Québec) H2J 2L3", "Québec (Québec) G1R 4P5", "Gatineau (Québec) J8X 3X7",
                   "Montréal QC H3A 1B9"])]
    elif cc == "DE":
        l = [pick(["Hauptstraße ", "Leopoldstr. ", "Am Markt ", "Goethestraße ", "Schillerweg ",
                   "Bahnhofstr. ", "Kastanienallee "]) + n,
             pick(["10827 Berlin", "80802 München", "50667 Köln", "20095 Hamburg", "60311 Frankfurt am Main",
                   "70173 Stuttgart", "66111 Saarbrücken", "79098 Freiburg im Breisgau"])]
    elif cc == "IT":
        l = [pick(["Via Giuseppe Garibaldi ", "Corso Vittorio Emanuele II ", "Piazza Navona ",
                   "Via Roma ", "Via dei Mille ", "Viale Monza "]) + n,
             pick(["20121 Milano MI", "10121 Torino TO", "00186 Roma RM", "50123 Firenze FI",
                   "80132 Napoli NA", "16121 Genova GE", "40126 Bologna BO"])]
    elif cc == "MA":
        l = [pick([n + ", rue Ibn Batouta", "Résidence Al Manar, Imm. " + str(rint(1, 9)) + ", Apt " + str(rint(1, 30)),
                   n + ", boulevard Zerktouni", "Derb Sidi Bouloukat " + n, n + ", avenue Mohammed V",
                   "Lot. Al Amal, n° " + n]),
             pick(["Maârif, 20330 Casablanca", "Hay Riad, 10100 Rabat", "Médina, 40000 Marrakech",
                   "20250 Casablanca", "90000 Tanger", "30000 Fès", "Guéliz, 40000 Marrakech", "80000 Agadir"])]
    elif cc == "LU":
        l = [n + pick([", rue de la Gare", " route d'Arlon", ", avenue de la Liberté", ", rue de Hollerich"]),
             pick(["L-1611 Luxembourg", "L-8009 Strassen", "L-4030 Esch-sur-Alzette", "L-9010 Ettelbruck"])]
    elif cc == "PT":
        l = [pick(["Rua Augusta ", "Avenida da Liberdade ", "Rua de Santa Catarina ", "Rua do Carmo "]) + n +
             (", " + pick(["2.º Esq.", "3.º Dto.", "1.º"]) if chance(0.5) else ""),
             pick(["1100-053 Lisboa", "1250-096 Lisboa", "4000-447 Porto", "3000-123 Coimbra", "8000-155 Faro"])]
    elif cc == "NL":
        l = [pick(["Prinsengracht ", "Keizersgracht ", "Oudegracht ", "Kerkstraat "]) + n +
             (pick(["-2", " hs", "-III"]) if chance(0.3) else ""),
             pick(["1016 GV Amsterdam", "3511 AL Utrecht", "2511 BT Den Haag", "3011 AD Rotterdam"])]
    else:
        raise ValueError(cc)
    if chance(0.35):
        l.append(FOREIGN[cc]["label"] if cc in FOREIGN else "")
        l = [x for x in l if x]
    return sep.join(l)


# ================================================================ companies & the CRM owner
OWNER = "Ardanel"
OWNER_BRANCHES = ["Ardanel Énergie", "Ardanel Mobilité", "Ardanel Habitat", "Ardanel Services",
                  "Ardanel Pro", "Ardanel Location"]
OWNER_DOM = "ardanel.fr"
COMPANIES = [("Menuiserie du Val d'Orge", "menuiserie-valdorge.fr"), ("Atelier Cobalt", "ateliercobalt.fr"),
             ("Boulangerie des Quatre Vents", "quatrevents-boulangerie.fr"),
             ("Clinique vétérinaire des Tilleuls", "veto-tilleuls.fr"), ("SCI Les Hauts de Vienne", "hautsdevienne.fr"),
             ("Cabinet Aubépine Conseil", "aubepine-conseil.com"), ("Nordlog", "nordlog.eu"),
             ("Cofravia", "cofravia.com"), ("Pixalys", "pixalys.io"), ("Verdéo Paysage", "verdeo-paysage.fr"),
             ("Agrisud Distribution", "agrisud-distri.fr"), ("Hôtel du Port", "hoteldupor-vannes.fr"),
             ("Camping Les Mouettes", "camping-lesmouettes.com"), ("Garage de la Gare", "garagedelagare56.fr"),
             ("Pharmacie du Marché", "pharmaciedumarche-albi.fr"), ("EHPAD Les Glycines", "ehpad-glycines.fr"),
             ("Transports Kervadec", "kervadec-transports.fr"), ("Biocoop Estuaire", "estuaire-bio.fr"),
             ("Solinea", "solinea.fr"), ("Maçonnerie Occitane", "maconnerie-occitane.fr"),
             ("Domaine du Grand Tertre", "grandtertre-vins.fr"), ("Imprimerie Alto", "imprimerie-alto.fr"),
             ("Lumen Optique", "lumenoptique.fr"), ("Cuisines Arléa", "cuisines-arlea.fr"),
             ("Axelis Informatique", "axelis-info.fr"), ("Fromagerie des Aravis", "fromagerie-aravis.fr"),
             ("Auto-école Prisme", "autoecole-prisme.fr"), ("Brasserie L'Écluse", "brasserie-ecluse.fr"),
             ("Optima BTP", "optimabtp.fr"), ("Ostréa Marennes", "ostrea-marennes.fr"),
             ("Kinésithérapie du Parc", "kine-duparc.fr"), ("Studio Graphite", "studiographite.fr"),
             ("Quincaillerie Centrale", "quincaillerie-centrale.fr"), ("Alpes Froid Services", "alpesfroid.fr"),
             ("Mutuelle Horizon Santé", "horizonsante-mutuelle.fr"), ("Ecomat Levage", "ecomat-levage.fr"),
             ("Crèche Les Petits Pas", "lespetitspas-creche.fr"), ("Taxis Bleus du Littoral", "taxis-littoral.fr"),
             ("Librairie La Boussole", "librairie-boussole.fr"), ("Nautilia Marine", "nautilia.fr")]
# company names that look like other things (traps, used unlabelled)
TRAP_COMPANIES = ["Rue du Commerce", "Boulevard des Artisans", "Avenue Conseil", "Garage Fontaine Frères",
                  "Maison Printemps", "Les Caves Saint-Vincent", "Boulangerie Pierre et Blé", "Studio Ambre",
                  "Fleur de Sel Traiteur", "Atelier Marguerite", "Transports Renard Express",
                  "Le Comptoir Victoire", "Clinique Pasteur", "Lycée Jules Ferry", "Résidence Les Tilleuls SAS",
                  "Place Gambetta Immobilier", "Quai des Brumes Production", "Constance Assurances",
                  "Boucherie Moulin", "Pharmacie Voltaire"]
JOBS = ["gérant", "gérante", "responsable achats", "directrice administrative et financière",
        "comptable", "assistante de direction", "DAF", "DSI", "responsable logistique", "chef de chantier",
        "office manager", "responsable RH", "directeur technique", "conductrice de travaux",
        "chargée de clientèle", "technicien SAV", "commercial terrain", "responsable d'agence",
        "juriste", "responsable des services généraux", "acheteuse", "présidente", "co-fondateur",
        "responsable qualité", "infirmière coordinatrice", "secrétaire médicale", "chef de projet"]
STAFF_JOBS = ["Conseillère clientèle", "Conseiller clientèle", "Chargé d'affaires", "Technicienne support",
              "Responsable grands comptes", "Assistante commerciale", "Gestionnaire sinistres",
              "Attaché commercial", "Service recouvrement", "Coordinatrice planning", "Technicien installateur",
              "Chef des ventes", "Gestionnaire de flotte", "Chargée RH", "Service client"]
PRODUCTS = ["Pack Solaire 6 kWc", "PAC air-eau Confort+", "contrat Sérénité", "Option Assistance 24/7",
            "Box Connect", "Suite Gestion Pro", "LLD 36 mois", "Ballon thermodynamique 270 L",
            "Poêle à granulés Hestia 9", "Borne de recharge 7,4 kW", "Kit batterie 10 kWh",
            "contrat Entretien Essentiel", "Offre Flotte Pro", "Licence Ardanel Desk", "Pack Alarme Maison"]
CARS = ["Clio", "208", "C3", "Mégane", "Kangoo", "Trafic", "Berlingo", "Partner", "Golf", "Yaris",
        "Captur", "3008", "Model 3", "Jumpy", "Master", "Sandero", "Duster", "Corsa", "Polo", "e-208"]
CAR_BRANDS = {"Clio": "Renault", "208": "Peugeot", "C3": "Citroën", "Mégane": "Renault", "Kangoo": "Renault",
              "Trafic": "Renault", "Berlingo": "Citroën", "Partner": "Peugeot", "Golf": "Volkswagen",
              "Yaris": "Toyota", "Captur": "Renault", "3008": "Peugeot", "Model 3": "Tesla", "Jumpy": "Citroën",
              "Master": "Renault", "Sandero": "Dacia", "Duster": "Dacia", "Corsa": "Opel", "Polo": "Volkswagen",
              "e-208": "Peugeot"}


GJ = [("Conseillère", "Conseiller"), ("Technicienne", "Technicien"), ("Assistante", "Assistant"),
      ("Coordinatrice", "Coordinateur"), ("Chargée", "Chargé"), ("gérante", "gérant"),
      ("directrice", "directeur"), ("assistante", "assistant"), ("conductrice", "conducteur"),
      ("chargée", "chargé"), ("acheteuse", "acheteur"), ("présidente", "président"),
      ("infirmière", "infirmier"), ("coordinatrice", "coordinateur"), ("secrétaire", "secrétaire")]


def gender_job(j, p):
    for f, m in GJ:
        if p.sex == "M":
            j = j.replace(f, m)
        else:
            j = re.sub(r"\b" + m + r"\b", f, j) if m not in ("secrétaire",) else j
    return j


TRAP_COMPANY_DOMS = [(c, slug(c, "-") + ".fr") for c in TRAP_COMPANIES]


def company():
    if chance(0.08):
        return pick(TRAP_COMPANY_DOMS)
    return pick(COMPANIES)


def staff(sex=None):
    return new_person("FR", sex)


# ================================================================ non-personal look-alikes
def order_no():
    return pick(["CMD-2025-%06d" % rint(1, 99999), "CDE%07d" % rint(1, 9999999), "n° %d" % rint(100000, 999999),
                 "BC-%d-%04d" % (rint(2024, 2025), rint(1, 9999)), "#%d" % rint(10000, 99999),
                 "PO%08d" % rint(1, 99999999), "cde %d" % rint(1000000, 9999999)])


def ticket_no():
    return pick(["INC%07d" % rint(1, 9999999), "#%d" % rint(10000, 999999), "TK-%05d" % rint(1, 99999),
                 "SAV-%d-%04d" % (rint(2024, 2025), rint(1, 9999)), "REQ%06d" % rint(1, 999999)])


def invoice_no():
    return pick(["FA-%d-%05d" % (rint(2024, 2025), rint(1, 99999)), "F%08d" % rint(1, 99999999),
                 "FAC/%d/%04d" % (rint(2024, 2025), rint(1, 9999)), "facture %d" % rint(100000, 999999)])


def contract_no():
    return pick(["CT-%06d" % rint(1, 999999), "LLD-%d-%05d" % (rint(2023, 2025), rint(1, 99999)),
                 "n° %d" % rint(10000000, 99999999), "ADH%07d" % rint(1, 9999999),
                 "POL-%d-%06d" % (rint(2022, 2025), rint(1, 999999))])


def client_no():
    return pick(["CLI-%06d" % rint(1, 999999), "C%07d" % rint(1, 9999999), "réf. client %d" % rint(10000, 99999),
                 "compte %d" % rint(1000000, 9999999), "ID %d" % rint(100000, 999999)])


def tracking():
    return pick(["6A%011d" % rint(0, 10 ** 11 - 1), "8L%011d" % rint(0, 10 ** 11 - 1),
                 "XR%09dFR" % rint(0, 10 ** 9 - 1), "1Z%06X%08d" % (rint(0, 0xFFFFFF), rint(0, 99999999)),
                 "JD" + _not_luhn(digits(16))])


def _not_luhn(d):
    """a 16-digit parcel number that is not Luhn-valid (so it can never be read as a card)"""
    if luhn_ok(d):
        d = d[:-1] + str((int(d[-1]) + 1) % 10)
    return d


def amount():
    v = rint(5, 25000) + pick([0, 0.5, 0.9, 0.99, 0.2])
    s = ("%.2f" % v).replace(".", ",")
    if v >= 1000 and chance(0.6):
        ent, dec = s.split(",")
        s = ent[:-3] + pick([" ", "\u202f", "."]) + ent[-3:] + "," + dec
    return pick([s + " €", s + " € TTC", s + "€", s + " € HT", "EUR " + s])


def meet_date():
    d, m = rint(1, 28), rint(1, 12)
    return pick(["%02d/%02d" % (d, m), "%02d/%02d/2025" % (d, m), "%d %s" % (d, MOIS[m - 1]),
                 pick(["lundi", "mardi", "mercredi", "jeudi", "vendredi"]) + " %d %s" % (d, MOIS[m - 1]),
                 "%d/%d" % (d, m), "%02d/%02d/25" % (d, m), "2025-%02d-%02d" % (m, d)])


def time_():
    h = rint(7, 19)
    mi = pick([0, 0, 15, 30, 45, 10, 20, 40])
    return pick(["%dh%02d" % (h, mi) if mi else "%dh" % h, "%02d:%02d" % (h, mi), "%dH%02d" % (h, mi),
                 "%d h %02d" % (h, mi)])


def stamp():
    return "2025-%02d-%02d %02d:%02d:%02d" % (rint(1, 12), rint(1, 28), rint(0, 23), rint(0, 59), rint(0, 59))


def version():
    return "%d.%d.%d.%d" % (rint(1, 12), rint(0, 20), rint(0, 30), rint(0, 9999))


def digicode():
    return pick(["%d%d%d%d" % (rint(0, 9), rint(0, 9), rint(0, 9), rint(0, 9)) + pick("ABC"),
                 pick("AB") + "%d%d%d%d" % (rint(0, 9), rint(0, 9), rint(0, 9), rint(0, 9)),
                 "%d%d%d%d" % (rint(0, 9), rint(0, 9), rint(0, 9), rint(0, 9))])


# ================================================================ rendering
def flatten(parts):
    out = []
    for x in parts:
        if x is None:
            continue
        if isinstance(x, list):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out


TYPO_WORD = re.compile(r"\b[a-zàâçéèêëîïôûùüœ]{6,}\b")


def typo_word(w):
    i = rint(1, len(w) - 2)
    op = R.randrange(4)
    if op == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if op == 1:
        return w[:i] + w[i + 1:]
    if op == 2:
        return w[:i] + w[i] + w[i:]
    return strip_accents(w) if strip_accents(w) != w else w[:i] + w[i + 1:]


def typos(s, rate):
    def rep(m):
        return typo_word(m.group(0)) if R.random() < rate else m.group(0)
    return TYPO_WORD.sub(rep, s)


class Tf:
    def __init__(self, caps=False, keep_web=True, noacc=False, lower=False, typo=0.0):
        self.caps, self.keep_web, self.noacc, self.lower, self.typo = caps, keep_web, noacc, lower, typo

    def label(self):
        out = []
        if self.caps:
            out.append("caps")
        if self.lower:
            out.append("lower")
        if self.noacc:
            out.append("noaccent")
        if self.typo:
            out.append("typos")
        return out


def render(parts, tf=None):
    tf = tf or Tf()
    text = []
    pos = 0
    spans = []
    plains = []
    for x in flatten(parts):
        if isinstance(x, str):
            s = x
            if tf.typo:
                s = typos(s, tf.typo)
            if tf.caps:
                s = s.upper()
            elif tf.lower:
                s = s.lower()
            if tf.noacc:
                s = strip_accents(s)
            plains.append(s)
        else:
            t, v = x
            assert t in TYPES, t
            s = v
            web = t in ("EMAIL_ADDRESS", "URL")
            if tf.caps and not (web and tf.keep_web):
                s = s.upper()
            elif tf.lower:
                s = s.lower()
            if tf.noacc:
                s = strip_accents(s)
            spans.append([t, pos, pos + len(s)])
            plains.append("\x00")  # placeholder so that plain pieces stay separated
        text.append(s)
        pos += len(s)
    return "".join(text), spans, plains


# ================================================================ shared pieces
def phone_for(p, mobile=None):
    if p.cc == "FR" and chance(0.015):
        return other_fr_territory()
    if p.cc == "FR":
        if mobile is True:
            return fr_phone("mob")
        if mobile is False:
            return fr_phone(wpick([("fixe", 6), ("09", 2), ("dom", 1)]))
        return fr_phone()
    return foreign_phone(p.cc, mobile)


def addr_for(p, sep=None):
    if p.cc == "FR":
        return fr_address(sep=sep)
    return foreign_address(p.cc, sep=sep)


def one_line_addr(p):
    return addr_for(p, sep=", ")


def tel_lbl():
    return pick(["Tél", "Tél.", "Tel", "tél", "Portable", "Port.", "Mob.", "Mobile", "GSM", "Fixe",
                 "T.", "Tél. mobile", "Tel.", "Cell", "Ligne directe", "LD", "Tél portable", "N° de tél"])


def mail_lbl():
    return pick(["Email", "E-mail", "Mail", "Courriel", "mail", "@", "Adresse mail", "e-mail"])


def greet(p):
    g = pick(["Bonjour ", "Bonjour ", "Bonsoir ", "Hello ", "Salut ", "Chère ", "Cher ", "Madame, Monsieur ",
              "Re-bonjour ", "Bjr "])
    if g.startswith("Cher"):
        g = "Chère " if p.sex == "F" else "Cher "
        return [g, PER(p.first), ",\n\n"]
    if g.startswith("Madame"):
        return ["Madame, Monsieur,\n\n"]
    if chance(0.3):
        return [g, civ(p, True).strip() + " ", PER(p.last), ",\n\n"]
    return [g, PER(p.first), pick([",\n\n", ",\n", " !\n\n", "\n\n"])]


def closing():
    return pick(["Cordialement,", "Bien cordialement,", "Bien à vous,", "Cdlt,", "Merci d'avance,",
                 "Belle journée,", "Bonne journée,", "Salutations,", "Sincères salutations,", "Bàv,",
                 "A bientôt,", "Merci,"])


def signature(p, comp=None, own=False, full=True):
    """Signature block: name, title, company, phones, mail, maybe profile."""
    out = ["\n", "-- \n" if chance(0.25) else ""]
    out += nm(p, wpick([("FL", 6), ("F_LU", 2), ("up", 1), ("LU_F", 1)]))
    out.append("\n")
    if own:
        out.append(gender_job(pick(STAFF_JOBS), p) + " | " + pick(OWNER_BRANCHES) + "\n")
        dom = OWNER_DOM
    else:
        c = comp or company()
        out.append(gender_job(pick(JOBS), p).capitalize() + pick([" - ", "\n", " chez ", ", "]) + c[0] + "\n")
        dom = c[1]
    if not full:
        return out
    n = rint(1, 3)
    lab = sample(["Tél", "Mob", "Fax", "Standard", "Ligne directe", "Port.", "T", "M", "Tél. fixe"], n)
    line_sep = pick(["\n", " | ", " / ", " – "])
    bits = []
    for l in lab:
        bits.append([l + pick([" : ", ". ", " "]), PH(phone_for(p, mobile=(l in ("Mob", "Port.", "M"))))])
    for i, b in enumerate(bits):
        out += b
        out.append(line_sep if i < len(bits) - 1 else "\n")
    if chance(0.85):
        out += [EM(email(p, dom if chance(0.8) else None, pro=True)), "\n"]
    if chance(0.4):
        out.append("www." + dom + "\n")
    if chance(0.2):
        out += [pick(["LinkedIn : ", "in/ ", "Profil : "]), URL(person_url(p, "li")), "\n"]
    if not own and chance(0.12):
        if chance(0.6):
            out += [pick(["SIRET : ", "Siret ", "N° SIRET "]), SIRET(fmt_siret(make_siret())), "\n"]
        else:
            out += [pick(["SIREN : ", "Siren "]), SIREN(fmt_siren(make_siren())), "\n"]
    return out


def quote(parts, prefix="> "):
    out = [prefix]
    for x in flatten(parts):
        if isinstance(x, str):
            out.append(x.replace("\n", "\n" + prefix))
        else:
            t, v = x
            out.append((t, v.replace("\n", ", ")))
    # drop a dangling prefix at the very end
    if isinstance(out[-1], str) and out[-1].endswith("\n" + prefix):
        out[-1] = out[-1][: -len(prefix)]
    return out


def mail_date():
    d = rint(1, 28)
    m = rint(1, 12)
    j = pick(["lun.", "mar.", "mer.", "jeu.", "ven."])
    return pick(["%s %d %s 2025 à %s" % (j, d, MOIS_AB[m - 1], "%02d:%02d" % (rint(7, 20), rint(0, 59))),
                 "%02d/%02d/2025 %02d:%02d" % (d, m, rint(7, 20), rint(0, 59)),
                 "%d %s 2025 %02d:%02d" % (d, MOIS[m - 1], rint(7, 20), rint(0, 59))])


SUBJECTS = ["devis", "relance facture", "installation", "rendez-vous technicien", "résiliation",
            "changement de coordonnées", "réclamation", "panne", "renouvellement contrat", "livraison",
            "question facture", "demande de rappel", "retard de paiement", "avoir", "mise en service"]


# ================================================================ A. call notes
def g_call_in():
    p = new_person()
    me = staff()
    c = company() if chance(0.5) else None
    subj = pick(["pour un devis " + pick(PRODUCTS), "au sujet de la facture " + invoice_no(),
                 "car toujours pas de nouvelles du technicien", "pour modifier son RDV du " + meet_date(),
                 "pour résilier le " + pick(PRODUCTS), "suite au courrier reçu", "pour la commande " + order_no(),
                 "parce que la " + pick(PRODUCTS) + " affiche un code erreur E" + str(rint(10, 99))])
    out = [pick(["Appel entrant ", "Appel reçu ", "Tél entrant ", "Appel ", "☎ entrant "]) + time_() + " - "]
    out += nm(p)
    if c:
        o, cl = pick([(" (", ")"), (" de chez ", ""), (" / ", ""), (", ", ",")])
        out.append(o + c[0] + cl)
    out.append(" " + pick(["appelle ", "a appelé ", "nous contacte ", "rappelle "]) + subj + ".")
    r = R.random()
    if r < 0.4:
        out += [" " + pick(["Souhaite être rappelé(e) au ", "Rappeler au ", "Joignable au ", "Dispo au ",
                            "Préfère qu'on l'appelle sur son portable : "]), PH(phone_for(p, mobile=True)),
                pick([" après " + time_(), " entre " + time_() + " et " + time_(), "", " (pas le matin)", "."])]
    elif r < 0.55:
        out += [" Règle l'acompte par CB au tél : ", CC(fmt_card(make_card())), " exp " + "%02d/%02d" % (rint(1, 12), rint(25, 31)) + ", "
                + pick(["débit OK.", "autorisation refusée.", "à débiter le " + meet_date() + "."])]
    elif r < 0.7:
        out += [" Numéro affiché : ", PH(phone_for(p)), ", mais " + pick(["rappeler plutôt au ", "préfère le ", "donne aussi le "]),
                PH(phone_for(p, mobile=True)), "."]
    else:
        out += [" Envoyer " + pick(["le devis", "la copie de facture", "le formulaire", "le récap"]) + " à ",
                EM(email(p)), pick([".", " (et pas à l'adresse pro).", " svp.", ""])]
    out += ["\n", pick(["Pris par ", "Appel pris par ", "— ", "Noté par ", "Saisie : "])]
    out += nm(me, pick(["F", "FL", "iL"]))
    if chance(0.3):
        out += [". Transmis à ", PER(new_person().first), pick([" (compta)", " (SAV)", " pour suite", ""]), "."]
    return out


def g_call_attempts():
    p = new_person()
    ph1 = phone_for(p)
    out = [pick(["Relances tél ", "Tentatives d'appel ", "Suivi appels ", "Historique appels - "])]
    out += nm(p, pick(["civL", "LU_F", "FL", "civLU"]))
    o, cl = pick([(" (", ")\n"), (" - ", "\n"), (" / ", " :\n"), (" – ", "\n")])
    out += [o, PH(ph1), cl]
    n = rint(2, 5)
    for i in range(n):
        d = meet_date()
        res = pick(["NRP", "NRP, messagerie pleine", "répondeur, msg laissé", "occupé", "faux numéro ?",
                    "a décroché mais rappellera", "pas dispo, rappeler " + time_(), "boîte vocale",
                    "numéro non attribué", "ok, RDV pris le " + meet_date() + " à " + time_()])
        out.append(pick(["- ", "* ", "• ", ""]) + d + " " + time_() + " : " + res)
        if chance(0.2):
            out += [" / essayé aussi le ", PH(phone_for(p))]
        if chance(0.12):
            q = new_person()
            out += [" / c'est ", PER(q.first if chance(0.5) else q.fl), " (" + pick(["sa femme", "son mari", "sa fille", "son associé", "la secrétaire", "son fils"]) + ") qui a répondu"]
        out.append("\n")
    if chance(0.5):
        me = staff()
        out += [pick(["Prochaine tentative : ", "Relance prévue "]) + meet_date() + pick([" (", " - "])]
        out += nm(me, "F")
        out.append(")" if chance(0.5) else "")
    return out


def g_call_summary():
    p = new_person()
    me = staff()
    c = company()
    lines = [["Objet : ", pick(SUBJECTS)],
             ["Interlocuteur : "] + nm(p, pick(["civFL", "FL", "LU_F"])) + [", " + pick(JOBS) + " - " + c[0]],
             ["Coordonnées : ", PH(phone_for(p)), " / ", EM(email(p, c[1], pro=True))] if chance(0.7) else
             ["Tél direct : ", PH(phone_for(p, mobile=False))],
             ["Durée : %d min" % rint(2, 45)],
             ["Résumé : " + pick(["client satisfait de l'installation mais souhaite un second devis",
                                  "conteste le montant de la facture " + invoice_no(),
                                  "demande un geste commercial suite au retard de " + str(rint(2, 6)) + " semaines",
                                  "intéressé par l'" + pick(PRODUCTS) + ", budget " + amount(),
                                  "veut ajouter un second site à son contrat " + contract_no(),
                                  "signale un dysfonctionnement depuis le " + meet_date()])],
             ["Suite : " + pick(["envoyer proposition", "planifier visite technique", "voir avec ",
                                 "rappel J+7", "clôturer"])]]
    if lines[-1][0].endswith("avec "):
        lines[-1] += nm(staff(), pick(["F", "FL"]))
    if chance(0.3):
        q = new_person()
        lines.insert(3, ["Autre contact : "] + nm(q, pick(["civL", "FL"])) + [" (" + pick(JOBS) + ") ", PH(phone_for(q))])
    out = []
    sep = pick([": ", " : "])
    for l in lines:
        out += [x.replace(" : ", sep) if isinstance(x, str) else x for x in l] + ["\n"]
    out += [pick(["Rédigé par ", "Auteur : ", "— "])]
    out += nm(me, pick(["FL", "iL", "F_LU"]))
    return out


# ================================================================ B. mail threads
def g_reply_quoted():
    cli = new_person()
    me = staff()
    cmail = email(cli)
    first = greet(me) + [pick(["Suite à notre échange, ", "Comme convenu, ", "Je reviens vers vous : ", ""]) +
                         pick(["je vous confirme ma nouvelle adresse : ", "voici mon adresse pour la livraison : ",
                               "merci d'envoyer le technicien à l'adresse suivante : "]),
                         LOC(one_line_addr(cli)), ".\n", pick(["Joignable au ", "Mon portable : ", "Tél : "]),
                         PH(phone_for(cli, mobile=True)), "\n", closing(), "\n"] + nm(cli, pick(["FL", "F"]))
    hdr = [pick(["Le ", "Le "]) + mail_date() + ", "] + nm(cli, "FL") + [" <", EM(cmail), "> a écrit :\n"]
    reply = greet(cli) + [pick(["Merci, c'est bien noté.", "Bien reçu, je mets à jour votre fiche.",
                                "C'est noté, le technicien passera le " + meet_date() + ".",
                                "Merci pour votre retour, je transmets au service livraison."]),
                          "\n", closing(), "\n"]
    reply += signature(me, own=True, full=chance(0.6))
    out = reply + ["\n"] + hdr + quote(first)
    if chance(0.35):
        # the client answers again on top
        top = [pick(["Parfait merci !", "Super, merci beaucoup.", "Ok pour moi.", "Attention le code portail a changé : " + digicode() + "."]),
               "\n"] + nm(cli, "F") + ["\n\n", "Le " + mail_date() + ", "] + nm(me, "FL") + [" <", EM(email(me, OWNER_DOM, pro=True)), "> a écrit :\n"]
        out = top + quote(out)
    return out


def g_outlook_chain():
    cli = new_person()
    c = company()
    me = staff()
    mate = staff()
    cm = email(cli, c[1], pro=True)
    mm = email(me, OWNER_DOM, pro=True)
    msg1 = [pick(["De : ", "De: ", "From: "])] + nm(cli, "FL") + [" <", EM(cm), ">\n",
            pick(["Envoyé : ", "Date : ", "Sent: "]) + mail_date() + "\n", pick(["À : ", "A : ", "To: "])] + \
        nm(me, "FL") + [" <", EM(mm), ">\n"]
    if chance(0.5):
        msg1 += [pick(["Cc : ", "Cc: "])] + nm(mate, "FL") + ["; "] + [EM(email(new_person(), c[1], pro=True))] + ["\n"]
    msg1 += ["Objet : " + pick(["", "RE: ", "TR: "]) + pick(SUBJECTS).capitalize() + " " + pick([order_no(), contract_no(), ""]) + "\n\n"]
    msg1 += greet(me) + [pick(["Pourriez-vous mettre à jour notre interlocuteur facturation ? Il s'agit désormais de ",
                              "Je vous informe que mon collègue ",
                              "Pour le chantier, merci de contacter directement "])]
    q = new_person()
    msg1 += nm(q, pick(["FL", "civFL", "F_LU"])) + [" (", EM(email(q, c[1], pro=True)), pick([", ", " / ", " - "]), PH(phone_for(q)), ")"]
    msg1 += [pick([".", " qui reprend le dossier.", " à partir du " + meet_date() + "."]), "\n", closing(), "\n"]
    msg1 += signature(cli, comp=c, full=chance(0.7))
    reply = greet(cli) + [pick(["C'est fait, la fiche est à jour.", "Bien noté, merci.", "Je m'en occupe aujourd'hui."]), "\n"]
    if chance(0.5):
        reply += ["Je mets ", PER(mate.first), " en copie pour la partie " + pick(["technique", "facturation", "planning"]) + ".\n"]
    reply += [closing(), "\n"] + signature(me, own=True, full=chance(0.5))
    sep = pick(["\n________________________________\n", "\n-----Message d'origine-----\n", "\n\n", "\n-----Original Message-----\n"])
    return reply + [sep] + msg1


def g_english_reply():
    cc = pick(["UK", "US", "DE", "IT", "ES", "BE", "CH", "CA"])
    p = new_person(cc)
    me = staff()
    pm = email(p)
    orig = [pick(["Dear ", "Hi ", "Hello "]), PER(me.first), ",\n\n",
            pick(["Please find my updated details below for the invoice.",
                  "As discussed on the phone, here are the delivery details.",
                  "Could you send the quote to my personal address? Details below."]), "\n\n"]
    orig += nm(p, "FL") + ["\n", LOC(foreign_address(cc, sep="\n")), "\n", pick(["Mobile: ", "Phone: ", "Tel: ", "Cell: "]),
                            PH(foreign_phone(cc)), "\n", pick(["Email: ", "E-mail: "]), EM(pm), "\n\n",
                            pick(["Best regards,", "Kind regards,", "Cheers,", "Thanks,"]), "\n"] + nm(p, pick(["F", "FL"]))
    hdr = ["On " + pick(["Mon", "Tue", "Wed", "Thu", "Fri"]) + ", %d %s 2025 at %02d:%02d, " % (
        rint(1, 28), pick(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Sep", "Oct"]), rint(7, 20), rint(0, 59))] + \
        nm(p, "FL") + [" <", EM(pm), "> wrote:\n"]
    rep = [pick(["Hello ", "Dear ", "Hi "]), PER(p.first), ",\n\n",
           pick(["Thank you, I have updated your file. ", "Noted, the parcel will leave our warehouse on " + meet_date() + ". "]),
           pick(["Our colleague ", "My colleague "])] + nm(staff(), "FL") + [" will contact you for the installation.\n\n",
                                                                              "Best regards,\n"] + nm(me, "FL") + ["\n" + OWNER + " – Export desk\n"]
    if chance(0.5):
        rep += [PH(fr_phone("fixe", pick(["intl", "intl0"]))), "\n"]
    return rep + ["\n"] + hdr + quote(orig)


# ================================================================ C. forwards
def g_forward_gmail():
    cli = new_person()
    me = staff()
    boss = staff()
    out = [pick(["Salut ", "Hello ", "", "Coucou "])]
    if out[0]:
        out += [PER(boss.first), pick([",\n", " !\n", "\n"])]
    out += [pick(["Pour info, peux-tu regarder ?", "Je te transfère, c'est pour ton secteur.",
                  "Client un peu remonté, à traiter vite stp.", "Doublon ? Je crois qu'on l'a déjà en base.",
                  "Tu peux rappeler ce monsieur/cette dame ?"]), "\n"]
    out += nm(me, "F") + ["\n\n", pick(["---------- Forwarded message ---------\n", "---------- Message transféré ---------\n",
                                        "-------- Message transféré --------\n", "Début du message réexpédié :\n\n"])]
    cm = email(cli)
    out += [pick(["De : ", "From: ", "De: "])] + nm(cli, pick(["FL", "up", "LU_F"])) + [" <", EM(cm), ">\n"]
    out += ["Date : " + mail_date() + "\n", pick(["Subject: ", "Objet : "]) + pick(SUBJECTS) + "\n",
            pick(["To: ", "À : "]), EM(pick(["contact@", "service.client@", "sav@", "info@"]) + OWNER_DOM), "\n\n"]
    body = [pick(["Bonjour,\n\n", "Madame, Monsieur,\n\n", "Bjr,\n"])]
    body.append(pick(["J'ai commandé le " + meet_date() + " et toujours rien. ", "Votre technicien n'est jamais venu. ",
                      "Je souhaite changer mon RIB pour les prélèvements. ", "Je déménage le " + meet_date() + ". "]))
    r = R.random()
    if r < 0.35:
        body += ["Ma nouvelle adresse : ", LOC(one_line_addr(cli)), ". "]
    elif r < 0.65:
        body += ["Nouveau RIB : ", IB(fmt_iban(make_iban(pick(["FR", "FR", "FR", "BE", "DE", "ES"])))), pick([" (", " - "]),
                 pick(["titulaire ", "au nom de "])] + nm(cli, pick(["FL", "up"])) + [pick([")", ""]), ". "]
    else:
        body += ["Commande " + order_no() + ". "]
    body += [pick(["Vous pouvez me joindre au ", "Rappelez-moi au ", "Mon numéro : "]), PH(phone_for(cli)), ".\n\n",
             closing(), "\n"] + nm(cli, pick(["FL", "up", "civL"]))
    if chance(0.3):
        body += ["\n", pick(["Envoyé de mon iPhone", "Envoyé depuis mon appareil Galaxy", "Sent from Outlook for Android"])]
    return out + body


def g_forward_internal():
    cli = new_person()
    chain = [staff() for _ in range(rint(2, 3))]
    out = []
    for i, s in enumerate(chain):
        out += ["\n" if i else ""]
        out += nm(s, "F") + [pick([" → ", " > ", " à "])] + nm(chain[(i + 1) % len(chain)], "F") + [" : " + pick([
            "tu peux prendre ?", "vu, je transmets", "pour toi", "à valider", "ok pour le geste de 50 €",
            "client rappelé, attend retour", "c'est bien lui sur la fiche " + client_no()])]
    out += ["\n\n", pick(["> Message initial de ", "-------- Message initial de ", "Message d'origine - "])]
    out += nm(cli, pick(["FL", "civFL", "LU_F"])) + [" (", EM(email(cli)), ") :\n"]
    inner = [pick(["Bonjour, ", "Bonjour, suite à mon appel, "]) + pick([
        "je vous communique mes coordonnées complètes pour le dossier " + contract_no() + " : ",
        "voici mes nouvelles coordonnées : "]), "\n"]
    inner += nm(cli, "up") + ["\n", LOC(addr_for(cli, sep="\n")), "\n", PH(phone_for(cli)), "\n"]
    if chance(0.3):
        inner += [pick(["Né le ", "Date de naissance : ", "DDN "]), DOB(dob_any()), " (pour l'identification)\n"]
    inner += [closing()]
    return out + quote(inner, pick(["> ", ">> ", "| "]))


# ================================================================ D. tickets
def g_helpdesk():
    p = new_person()
    agent = staff()
    a2 = staff()
    out = [pick(["Ticket ", "Demande ", "Incident ", "[Zendesk] Ticket "]) + ticket_no() + " — " +
           pick(["Box Connect hors ligne", "Facture en double", "Appli mobile : connexion impossible",
                 "Onduleur en défaut", "Borne de recharge ne démarre plus", "Mot de passe perdu",
                 "Prélèvement rejeté", "Demande de duplicata"]) + "\n"]
    fields = [["Statut : " + pick(["Ouvert", "En attente client", "Résolu", "En cours", "Escaladé"])],
              ["Priorité : " + pick(["Basse", "Normale", "Haute", "Urgente", "P2", "P3"])],
              ["Demandeur : "] + nm(p, pick(["FL", "LU_F", "F_LU", "civFL"])),
              [pick(["E-mail demandeur : ", "Email : ", "Contact : "]), EM(email(p))],
              ["Canal : " + pick(["téléphone", "e-mail", "formulaire web", "chat", "courrier"])],
              ["Assigné à : "] + nm(agent, pick(["FL", "F", "iL"]))]
    if chance(0.6):
        fields.insert(4, [pick(["Tél. rappel : ", "Téléphone : ", "Rappel au : "]), PH(phone_for(p))])
    if chance(0.3):
        fields.append(["Adresse d'intervention : ", LOC(one_line_addr(p))])
    for f in fields:
        out += f + ["\n"]
    out.append("\nDescription :\n")
    out.append(pick(["Le client indique que ", "Mme/M. signale que ", "Selon l'appelant, ", ""]) +
               pick(["le voyant reste rouge depuis la mise à jour " + version(),
                     "il a reçu deux factures pour le même mois (" + invoice_no() + ")",
                     "l'appli plante à l'ouverture (version " + "%d.%d.%d" % (rint(1, 5), rint(0, 20), rint(0, 9)) + ")",
                     "la borne affiche 'défaut terre' depuis le " + meet_date(),
                     "il ne reçoit pas le mail de réinitialisation"]) + ".\n")
    out.append("\nHistorique :\n")
    for i in range(rint(1, 3)):
        who = pick([agent, a2, p])
        out += [meet_date() + " " + time_() + " – "] + nm(who, pick(["F", "FL", "iL"])) + [" : " + pick([
            "rappel effectué, pas de réponse", "redémarrage à distance OK", "en attente de la photo de l'étiquette",
            "pièce commandée " + order_no(), "ça remarche, merci !", "escaladé au niveau 2", "avoir de " + amount() + " validé"])]
        if chance(0.2):
            out += [", nouveau numéro : ", PH(phone_for(p, mobile=True))]
        out.append("\n")
    return out


def g_bug_report():
    p = new_person()
    dev = staff()
    ip = ip_any()
    out = [pick(["[BUG] ", "Bug - ", "Anomalie : ", "JIRA ARD-%d : " % rint(100, 9999)]) +
           pick(["le client ne peut pas valider son panier", "double débit sur paiement CB", "export PDF vide",
                 "erreur 500 à la connexion", "adresse tronquée dans le bon de livraison"]) + "\n\n"]
    o, cl = pick([(" (", ")"), (" - ", ""), (" / ", "")])
    out += ["Compte concerné : ", EM(email(p)), o + client_no() + cl + "\n"]
    out += ["IP source : ", IP(ip), "\n"]
    out += ["Navigateur : " + pick(["Chrome 124.0.6367.91", "Firefox 126.0.1", "Safari 17.4.1", "Edge 125.0.2535.51",
                                    "Samsung Internet 24.0.3.4"]) + " / " + pick(["Windows 11", "macOS 14.4", "Android 14", "iOS 17.5"]) + "\n"]
    out += ["Build : " + version() + "\n\n"]
    out += ["Étapes :\n1. Se connecter avec le compte ci-dessus\n2. " + pick([
        "Ajouter " + pick(PRODUCTS) + " au panier", "Aller dans Mes factures", "Modifier l'adresse de livraison"]) +
        "\n3. Valider\n\n"]
    if chance(0.5):
        out += ["Le client a saisi l'adresse : ", LOC(fr_address(sep=", ")), " — ", pick(["seule la 1re ligne est enregistrée.", "le code postal saute.", "OK en base mais KO sur le PDF."]), "\n"]
    if chance(0.35):
        out += ["Autre session vue depuis ", IP(ipv6() if chance(0.5) else ipv4()), " le " + meet_date() + ".\n"]
    out += [pick(["Reporté par ", "Signalé par ", "Ouvert par "])] + nm(staff(), pick(["FL", "F"])) + [", assigné à "] + nm(dev, pick(["F", "iL", "FL"]))
    return out


def g_escalation():
    p = new_person()
    n1, n2 = staff(), staff()
    out = ["ESCALADE " + pick(["N1 → N2", "N2 → N3", "niveau 2", "vers la direction"]) + " / " + ticket_no() + "\n"]
    out += ["Client : "] + nm(p, pick(["up", "LU_F", "FL"])) + [" – " + client_no() + "\n"]
    out += [pick(["Coordonnées : ", "Joignable : "]), PH(phone_for(p)), pick([" ou ", " / ", ", "]), EM(email(p)), "\n"]
    out += ["Motif : " + pick(["3e intervention sans résultat", "menace de saisir la DGCCRF", "avis négatif publié",
                               "client âgé, isolé, sans chauffage", "facturation erronée depuis 4 mois"]) + "\n"]
    out += ["Demandé par "] + nm(n1, pick(["FL", "F"])) + [", validé par "] + nm(n2, pick(["civL", "FL", "iL"])) + [".\n"]
    if chance(0.5):
        out += ["Intervention urgente à prévoir : ", LOC(one_line_addr(p)), pick([".", " (accès par la cour).", " - chien dans le jardin."])]
    return out


# ================================================================ E. complaints
def g_letter():
    p = new_person()
    ad = fr_address(sep="\n") if chance(0.7) else fr_address()
    out = nm(p, pick(["FL", "civFL", "up", "F_LU"])) + ["\n", LOC(ad), "\n"]
    if chance(0.7):
        out += [pick(["Tél : ", "", "Tel. "]), PH(phone_for(p)), "\n"]
    if chance(0.6):
        out += [EM(email(p)), "\n"]
    out += ["\n" + OWNER + " – Service Réclamations\n" + pick(["TSA 40213\n", "Service Clients\n", ""]) + "\n"]
    out += [pick(["A " + pick(PLAIN_TOWNS) + ", le ", "Fait le ", "Le "]) + meet_date() + "\n\n"]
    if chance(0.5):
        out += ["Lettre recommandée avec AR n° 1A %03d %03d %04d %d\n" % (rint(0, 999), rint(0, 999), rint(0, 9999), rint(0, 9))]
    out += ["Objet : " + pick(["Réclamation ", "Contestation ", "Mise en demeure – "]) +
            pick(["facture " + invoice_no(), "contrat " + contract_no(), "installation du " + meet_date(),
                  "commande " + order_no()]) + "\n\n"]
    out += ["Madame, Monsieur,\n\n" + pick([
        "Je conteste formellement la facture citée en référence, d'un montant de " + amount() + ", qui ne correspond à aucune prestation.",
        "Malgré mes " + str(rint(2, 6)) + " appels, l'installation réalisée le " + meet_date() + " ne fonctionne toujours pas.",
        "Je vous ai adressé ma demande de résiliation il y a deux mois et les prélèvements continuent.",
        "Le technicien a endommagé mon portail lors de son passage."]) + "\n"]
    if chance(0.4):
        q = new_person()
        out += ["Votre conseiller, "] + nm(q, pick(["civL", "FL"])) + [", m'avait pourtant assuré du contraire.\n"]
    if chance(0.3):
        out += ["Merci de procéder au remboursement sur mon compte ", IB(fmt_iban(make_iban("FR"))), ".\n"]
    out += ["\nDans l'attente de votre réponse, veuillez agréer mes salutations distinguées.\n\n"]
    out += nm(p, pick(["FL", "civFL", "F_LU"]))
    return out


def g_complaint_summary():
    p = new_person()
    me = staff()
    m = pick(["retard de livraison", "casse à la livraison", "facturation", "comportement du technicien",
              "démarchage jugé agressif", "panne récurrente", "résiliation non prise en compte"])
    out = [pick(["RÉCLAMATION – ", "Réclam. ", "Plainte client : "]) + m + "\n"]
    out += [pick(["Reçue de ", "Émise par ", "Client : "])] + nm(p) + [pick([" par téléphone", " par courrier", " via avis Google", " en agence", ""]) + " le " + meet_date() + ".\n"]
    out += [pick(["Faits : ", "Ce que dit le client : ", "Résumé : "]) + pick([
        "colis arrivé écrasé, PAC rayée sur le côté", "a été facturé 2 fois la mise en service",
        "le commercial serait revenu 3 fois sans rendez-vous", "le technicien n'a pas remis le compteur en route",
        "attend son remboursement de " + amount() + " depuis " + str(rint(3, 12)) + " semaines"]) + ".\n"]
    if chance(0.5):
        w = new_person()
        out += ["Témoin : "] + nm(w, pick(["civFL", "FL"])) + [pick([", voisin", ", son gendre", ", sa fille", " (locataire)"]) +
                                                                 pick([", tél. ", ", joignable au "]), PH(phone_for(w)), ".\n"]
    out += ["Geste proposé : " + pick(["avoir " + amount(), "remplacement", "mois offert", "aucun, faits contestés", "remboursement intégral"]) + ".\n"]
    out += [pick(["Réponse écrite à envoyer à ", "Courrier de réponse à : "]), LOC(one_line_addr(p)) if chance(0.5) else EM(email(p)), ".\n"]
    out += ["Suivi : "] + nm(me, pick(["FL", "F", "iL"]))
    return out


def g_mediator():
    p = new_person()
    out = ["Saisine du médiateur de la consommation – dossier " + pick(["MED-", "M"]) + str(rint(10000, 99999)) + "\n"]
    out += ["Consommateur : "] + nm(p, pick(["civFL", "up", "LU_F"])) + ["\n"]
    out += ["Adresse : ", LOC(one_line_addr(p)), "\n"]
    out += [pick(["Courriel : ", "Mail : "]), EM(email(p)), "\n"]
    if chance(0.5):
        out += [pick(["Tél : ", "Téléphone : "]), PH(phone_for(p)), "\n"]
    out += ["Litige : " + pick(["contestation de " + amount() + " de pénalités", "défaut de conformité " + pick(PRODUCTS),
                                "refus de reprise du matériel", "délai d'installation non respecté"]) + "\n"]
    out += ["Date limite de réponse : " + meet_date() + "\n"]
    out += ["Dossier suivi par "] + nm(staff(), pick(["FL", "civL"])) + [" (juridique), copie "] + nm(staff(), "F") + ["."]
    return out


# ================================================================ F. SMS
SMS_ABBR = ["slt", "bjr", "stp", "svp", "dispo", "rdv", "tkt", "pb", "qd", "bcp", "mrc", "dsl", "jsp", "ok", "c bon", "jpp"]


def g_sms_thread():
    p = new_person()
    me = staff()
    ph = phone_for(p, mobile=True)
    out = [pick(["Conversation SMS avec ", "SMS – ", "Fil SMS "])] + nm(p, pick(["FL", "F", "civL", "low"])) + [" (", PH(ph), ")\n"]
    msgs = [("c", pick(["slt c " + "%s" % "", "bjr c'est pour le rdv de demain", "bonjour, le technicien est où ?",
                        "Bonjour je serai absent demain", "dsl je peux pas ce matin"])),
            ("m", pick(["Bonjour, votre RDV est confirmé " + meet_date() + " entre " + time_() + " et " + time_() + ".",
                        "Bonjour, le technicien arrive dans 20 min.", "Bonjour, pouvez-vous nous envoyer une photo du compteur ?",
                        "Pas de souci, on décale. Quelle date vous irait ?"])),
            ("c", pick(["ok mrc", "ok c bon pour moi", "le code du portail c " + digicode(), "jpeux que l'aprem",
                        "vous pouvez appeler mon mari au ", "envoyez le devis sur ", "merci bcp"]))]
    for who, t in msgs:
        ts = "[" + time_() + "] "
        lab = ["Moi : "] if who == "m" else ([PER(p.first), " : "] if chance(0.5) else ["Client : "])
        out += [ts] + lab + [t]
        if t.endswith("mari au "):
            q = new_person("FR", "M")
            out += [PH(fr_phone("mob", pick(["compact", "sp", "dot"]))), " (", PER(q.first), ")"]
        elif t.endswith(" sur "):
            out += [EM(email(p))]
        elif t.startswith("slt c"):
            out[-1] = "slt c "
            out += nm(p, pick(["low", "F", "L"])) + [" pour le rdv"]
        out.append("\n")
    if chance(0.4):
        out += ["(" + pick(["envoyé par ", "SMS envoyés depuis le compte de "])] + nm(me, "FL") + [")"]
    return out


def g_sms_single():
    p = new_person()
    ph = phone_for(p, mobile=True)
    r = R.random()
    out = [pick(["SMS reçu le ", "SMS du ", "Texto reçu ", "sms "]) + meet_date() + " " + time_() + pick([" de ", " – exp. ", " depuis le "]), PH(ph), " :\n« "]
    if r < 0.3:
        out += [pick(["Bonjour c ", "Bjr, ici ", "C'est "])] + nm(p, pick(["FL", "F_LU", "low"])) + [", " + pick([
            "je confirme pour jeudi", "je serai en retard de 15 min", "mon colis n'est pas arrivé", "merci de me rappeler"])]
    elif r < 0.55:
        out += ["Mon adresse c'est ", LOC(fr_address(sep=" ")), pick([" merci", ", 2e étage", " code " + digicode()])]
    elif r < 0.62:
        out += ["Vous pouvez écrire à ma fille ", PER(new_person().first), " : ", EM(email(new_person())), pick([" elle gère", " c plus simple"])]
    elif r < 0.8:
        out += [pick(["voila ma carte ", "ma CB : ", "pour le paiement : "]), CC(fmt_card(make_card(), pick(["sp", "compact"]))),
                " " + "%02d/%02d" % (rint(1, 12), rint(25, 31)) + pick([" crypto au dos", "", " merci"])]
    else:
        out += [pick(["C'est ", "Ici "])] + nm(p, pick(["F", "civL"])) + [", nouveau num pro : ", PH(fr_phone(pick(["fixe", "09"])))]
    out += [" »"]
    if chance(0.4):
        out += ["\n→ " + pick(["fiche mise à jour", "transmis au planning", "rappelé, OK"]) + " (", PER(staff().first), ")"]
    return out


def g_whatsapp():
    p = new_person()
    me = staff()
    out = [pick(["Export WhatsApp Business – ", "Discussion WhatsApp avec ", "WhatsApp : "])]
    out += nm(p, "FL") + ["\n"]
    d = "%02d/%02d/2025" % (rint(1, 28), rint(1, 12))
    clock = [rint(8, 12) * 60 + rint(0, 59)]

    def tick():
        clock[0] += rint(1, 40)
        return "%02d:%02d" % divmod(clock[0], 60)
    lines = [(me, "Bonjour, c'est " + "{ME}" + " de " + pick(OWNER_BRANCHES) + ", vous êtes dispo pour la visite ?"),
             (p, pick(["Oui demain matin", "Plutôt samedi", "Oui mais appelez avant svp"])),
             (me, pick(["Parfait. Vous me confirmez l'adresse ?", "Ok, vous pouvez m'envoyer l'adresse exacte ?"])),
             (p, "{ADDR}"),
             (p, pick(["<Médias omis>", "<image absente>", "👍"])),
             (me, pick(["Merci, à demain !", "Noté 👌", "C'est noté."]))]
    for who, t in lines:
        out += [d + ", " + tick() + " - "]
        out += [PER(who.fl if chance(0.6) else who.first)] if who is p else [PER(who.first)]
        out += [": "]
        if t == "{ADDR}":
            out += [LOC(fr_address(sep=pick([", ", " "])))]
        elif "{ME}" in t:
            a, b = t.split("{ME}")
            out += [a, PER(me.first), b]
        else:
            out.append(t)
        out.append("\n")
    if chance(0.3):
        out += [d + ", " + tick() + " - ", PER(p.fl), ": ",
                "au cas où mon fixe : ", PH(phone_for(p, mobile=False))]
    return out


# ================================================================ G. CSV / H. TSV
def csv_cell(parts, quoteit):
    if quoteit:
        return ['"'] + parts + ['"']
    return parts


def g_csv_contacts():
    sep = pick([";", ",", ";", "|"])
    cols = pick([["nom", "prenom", "email", "telephone"], ["civilite", "nom", "prenom", "mobile", "adresse"],
                 ["id", "contact", "mail", "tel", "source"], ["Nom complet", "Société", "Téléphone", "E-mail"],
                 ["NOM", "PRENOM", "DATE_NAISSANCE", "TEL", "EMAIL"],
                 ["raison_sociale", "siret", "contact", "tel"], ["matricule", "nom", "prenom", "nir", "date_naissance"]])
    out = [sep.join(cols) + "\n"]
    for i in range(rint(3, 8)):
        p = new_person("FR" if chance(0.9) else pick(["BE", "CH", "LU"]))
        row = []
        for c in cols:
            cl = c.lower()
            if cl == "nom":
                row.append([PER(p.last.upper() if chance(0.5) else p.last)])
            elif cl == "prenom":
                row.append([PER(p.first)])
            elif cl in ("email", "mail", "e-mail"):
                row.append([EM(email(p))] if chance(0.9) else [])
            elif cl in ("telephone", "mobile", "tel", "téléphone"):
                row.append([PH(phone_for(p, mobile=(cl == "mobile" or None)))] if chance(0.9) else [])
            elif cl == "civilite":
                row.append(["M." if p.sex == "M" else "Mme"])
            elif cl == "adresse":
                row.append(csv_cell([LOC(one_line_addr(p))], sep == ","))
            elif cl == "id":
                row.append([str(rint(1000, 99999))])
            elif cl == "contact":
                row.append([PER(p.fl if chance(0.6) else p.last.upper() + " " + p.first)])
            elif cl == "source":
                row.append([pick(["salon Lyon", "site web", "parrainage", "phoning", "Facebook Ads", "agence"])])
            elif cl == "nom complet":
                row.append([PER(p.fl)])
            elif cl == "société":
                row.append(csv_cell([company()[0]], sep == ","))
            elif cl == "date_naissance":
                y, m, d = getattr(p, "birth", None) or birth()
                row.append([DOB(fmt_dob(y, m, d, pick(["slash", "iso"])))])
            elif cl == "raison_sociale":
                row.append(csv_cell([company()[0]] if chance(0.6) else [PER(p.fl.upper()), " EI"], sep == ","))
            elif cl == "siret":
                row.append([SIRET(make_siret())] if chance(0.7) else [SIREN(make_siren())])
            elif cl == "matricule":
                row.append(["M%05d" % rint(1, 99999)])
            elif cl == "nir":
                y, m, d = birth()
                p.birth = (y, m, d)
                row.append([NIR(make_nir(p.sex, y, m))])
        for j, cell in enumerate(row):
            out += cell
            if j < len(row) - 1:
                out.append(sep)
        out.append("\n")
    return out


def g_csv_import_errors():
    out = [pick(["Rapport d'import ", "Import CSV ", "Journal d'import "]) + pick(["contacts_salon.csv", "export_leads_Q2.csv", "fichier_prospects.csv"]) +
           " – " + str(rint(40, 900)) + " lignes, " + str(rint(2, 6)) + " rejets\n"]
    for i in range(rint(2, 6)):
        p = new_person()
        why = pick(["doublon (e-mail déjà présent)", "code postal invalide", "téléphone au mauvais format",
                    "champ société vide", "consentement manquant"])
        out += ["Ligne %d : " % rint(2, 900) + why + " → "]
        r = R.random()
        if r < 0.4:
            out += [PER(p.last.upper()), ";", PER(p.first), ";", EM(email(p)), ";", PH(phone_for(p))]
        elif r < 0.7:
            out += ['"', PER(p.fl), '","', EM(email(p)), '"']
        else:
            out += [PER(p.fl), " | ", PH(phone_for(p))]
        out.append("\n")
    out += ["Import lancé par "] + nm(staff(), pick(["FL", "iL"]))
    return out


def g_csv_payments():
    sep = pick([";", ","])
    out = [sep.join(["date_echeance", "titulaire", "iban", "montant", "statut"]) + "\n"]
    for i in range(rint(3, 7)):
        p = new_person()
        st = pick(["OK", "REJET AM04", "REJET MD01", "OK", "en attente", "REJET AC04"])
        iban = fmt_iban(make_iban(pick(["FR"] * 6 + ["BE", "DE", "ES", "LU", "MC", "PT", "IT"])), pick(["compact", "g4", "compact"]))
        mt = ("%.2f" % (rint(20, 400) + 0.5)).replace(".", "," if sep == ";" else ".")
        out += ["2025-%02d-%02d" % (rint(1, 12), rint(1, 28)), sep, PER(p.last.upper() + " " + p.first if chance(0.6) else p.fl), sep,
                IB(iban), sep, mt, sep, st, "\n"]
    return out


def g_tsv_contacts():
    return g_tsv_sheet("contacts")


def g_tsv_fleet():
    return g_tsv_sheet("fleet")


def g_tsv_visits():
    return g_tsv_sheet("visits")


def g_tsv_sheet(kind):
    out = []
    if kind == "contacts":
        out.append("\t".join(["Nom", "Prénom", "Portable", "Mail", "Remarque"]) + "\n")
        for i in range(rint(3, 7)):
            p = new_person()
            out += [PER(p.last), "\t", PER(p.first), "\t", PH(phone_for(p, mobile=True)), "\t", EM(email(p)) if chance(0.8) else "", "\t",
                    pick(["", "rappeler", "VIP", "ne pas démarcher", "devis envoyé", "prospect salon"]), "\n"]
    elif kind == "fleet":
        out.append("\t".join(["Immat", "Modèle", "Conducteur", "Tél", "Km"]) + "\n")
        for i in range(rint(3, 7)):
            p = new_person()
            car = pick(CARS)
            out += [PLATE(plate()), "\t", CAR_BRANDS[car] + " " + car, "\t", PER(p.fl if chance(0.5) else p.last.upper() + " " + p.first), "\t",
                    PH(fr_phone("mob")), "\t", str(rint(1200, 189000)), "\n"]
    else:
        out.append("\t".join(["Date", "Client", "Adresse", "Technicien", "Durée"]) + "\n")
        for i in range(rint(3, 6)):
            p = new_person()
            t = staff()
            out += [meet_date(), "\t"] + nm(p, pick(["civL", "FL", "LU_F"])) + ["\t", LOC(fr_address(sep=", ")), "\t", PER(t.first), "\t",
                                                                                str(rint(1, 4)) + "h\n"]
    return out


# ================================================================ I. web forms
def g_contact_form():
    p = new_person()
    out = [pick(["Nouveau message via le formulaire de contact", "[Site web] Demande de contact", "Formulaire « Nous écrire »"]) + "\n"]
    sep = pick([" : ", ": ", " = ", "\t"])
    rows = [["Civilité", [("Monsieur" if p.sex == "M" else "Madame")]],
            ["Nom", [PER(p.last if chance(0.6) else p.last.upper())]],
            ["Prénom", [PER(p.first if chance(0.85) else p.first.lower())]],
            [pick(["E-mail", "Email", "Adresse e-mail"]), [EM(email(p))]],
            [pick(["Téléphone", "Tél", "Numéro"]), [PH(phone_for(p))] if chance(0.8) else ["—"]],
            ["Sujet", [pick(["Demande de devis", "SAV", "Facturation", "Autre", "Partenariat"])]],
            ["Message", [pick(["Bonjour, je souhaite un devis pour " + pick(PRODUCTS) + ".",
                               "Mon installation ne fonctionne plus depuis l'orage.",
                               "Merci de me rappeler en fin de journée.",
                               "Je n'arrive pas à accéder à mon espace client."])]],
            ["Consentement", [pick(["oui", "Oui", "J'accepte"])]],
            ["IP", [IP(ip_any())]],
            ["Date", [stamp()]]]
    for k, v in rows:
        out += [k + sep] + v + ["\n"]
    return out


def g_quote_form():
    p = new_person()
    st, cp, town = fr_address_parts()
    out = [pick(["Demande de devis n° ", "Devis web #", "Simulation en ligne "]) + str(rint(10000, 99999)) + "\n"]
    out += ["Nom : "] + [PER(p.last.upper() if chance(0.5) else p.last)] + ["\nPrénom : ", PER(p.first), "\n"]
    out += ["Adresse : ", LOC(st), "\n", pick(["Code postal : ", "CP : "]), LOC(cp), "\n", "Ville : ", LOC(town), "\n"]
    out += ["Téléphone : ", PH(phone_for(p)), "\n", "E-mail : ", EM(email(p)), "\n"]
    out += ["Type de logement : " + pick(["maison", "appartement", "maison mitoyenne"]) + "\nSurface : %d m²\n" % rint(40, 220)]
    out += ["Projet : " + pick(PRODUCTS) + "\nBudget : " + amount() + "\n"]
    if chance(0.3):
        out += ["Date de naissance : ", DOB(dob_any()), " (simulation aide MaPrimeRénov')\n"]
    if chance(0.2):
        out += ["Professionnel : oui – SIRET ", SIRET(fmt_siret(make_siret())), "\n"]
    out += ["Comment nous avez-vous connus ? " + pick(["bouche à oreille", "salon", "Google", "Facebook", "voisin"])]
    return out


def g_account_creation():
    p = new_person()
    y, m, d = birth()
    out = [pick(["Création de compte client", "Nouvel inscrit espace client", "Ouverture compte en ligne"]) + " – " + stamp() + "\n"]
    out += [pick(["identifiant", "login", "Identifiant"]) + " : ", EM(email(p)), "\n"]
    out += ["nom complet : ", PER(p.fl if chance(0.5) else p.first + " " + p.last.upper()), "\n"]
    out += ["né(e) le : ", DOB(fmt_dob(y, m, d)), "\n"] if chance(0.7) else []
    out += ["mobile (2FA) : ", PH(phone_for(p, mobile=True)), "\n"]
    out += ["adresse IP d'inscription : ", IP(ip_any()), "\n"]
    out += ["user-agent : " + pick(["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/125.0.0.0",
                                    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148",
                                    "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"]) + "\n"]
    out += ["parrain : ", PER(new_person().fl)] if chance(0.3) else ["parrain : aucun"]
    return out


# ================================================================ J. CRM audit trail
FIELDS = [("Téléphone mobile", "ph"), ("Téléphone fixe", "phf"), ("E-mail", "em"), ("Adresse", "ad"),
          ("IBAN", "ib"), ("Nom", "nm"), ("Date de naissance", "dob"), ("Statut", "st"), ("Segment", "seg"),
          ("Propriétaire", "own")]


def field_val(kind, p):
    if kind == "ph":
        return [PH(phone_for(p, mobile=True))]
    if kind == "phf":
        return [PH(phone_for(p, mobile=False))]
    if kind == "em":
        return [EM(_email(p))]
    if kind == "ad":
        return [LOC(one_line_addr(p))]
    if kind == "ib":
        return [IB(fmt_iban(make_iban("FR"), pick(["g4", "compact"])))]
    if kind == "nm":
        return [PER(pick([p.fl, p.last.upper() + " " + p.first]))]
    if kind == "dob":
        return [DOB(dob_any())]
    if kind == "st":
        return [pick(["Prospect", "Client", "Ancien client", "Litige", "Inactif"])]
    if kind == "seg":
        return [pick(["B2C", "PRO", "Grand compte", "Collectivité"])]
    if kind == "own":
        return nm(staff(), pick(["FL", "iL"]))
    return ["—"]


def g_field_changes():
    p = new_person()
    out = [pick(["Historique de la fiche ", "Journal des modifications – ", "Audit fiche contact "])]
    out += nm(p, pick(["FL", "LU_F"])) + [" (" + client_no() + ")\n"]
    users = [staff() for _ in range(2)]
    for i in range(rint(3, 6)):
        f, k = pick(FIELDS)
        u = pick(users)
        out += [stamp()[:16] + pick([" | ", " – ", "  "])] + nm(u, pick(["FL", "iL", "F_LU"])) + [pick([" a modifié ", " | modif. ", " : "]) + "« " + f + " » : "]
        if k == "nm" and chance(0.5):
            # spelling fix of the same person
            out += [PER(p.fl.lower() if chance(0.5) else p.first + " " + p.last[:-1] + (p.last[-1] * 2)), " → ", PER(p.fl)]
        else:
            out += (field_val(k, p) if chance(0.85) else ["(vide)"]) + [pick([" → ", " => ", " -> "])] + field_val(k, p)
        out.append("\n")
    if chance(0.4):
        out += [stamp()[:16] + " | système | synchronisation " + pick(["Sage", "Pennylane", "HubSpot", "Mailchimp"]) + " OK"]
    return out


def g_merge():
    a = new_person()
    b = Person(a.first if chance(0.6) else a.first.lower(), a.last.upper() if chance(0.5) else a.last, a.sex)
    out = [pick(["Fusion de doublons", "Dédoublonnage", "Doublon détecté (score %d %%)" % rint(78, 99)]) + "\n"]
    out += ["Fiche A : ", PER(a.fl), " – ", EM(email(a)), " – ", PH(phone_for(a)), "\n"]
    out += ["Fiche B : ", PER(b.fl), " – ", EM(_email(b)), " – ", LOC(one_line_addr(a)), "\n"]
    out += [pick(["Fiche conservée : A. ", "Master : A – ", "On garde A, "]) +
            pick(["Téléphone et adresse de B repris.", "Historique fusionné.", "Opportunités de B rattachées à A."]) + "\n"]
    out += ["Fait par "] + nm(staff(), pick(["FL", "F"])) + [" le " + meet_date()]
    return out


# ================================================================ K. JSON / logfmt payloads
def jstr(v):
    return ['"', v, '"']


def g_webhook_json():
    p = new_person()
    ind = pick(["  ", "    ", ""])
    nl = "\n" if ind else " "
    fields = [("event", ['"' + pick(["lead.created", "contact.updated", "order.paid", "form.submitted"]) + '"']),
              ("id", ['"' + "%x" % R.randrange(16 ** 10, 16 ** 12) + '"']),
              ("first_name", jstr(PER(p.first))), ("last_name", jstr(PER(p.last))),
              ("email", jstr(EM(email(p)))),
              ("phone", jstr(PH(phone_for(p, mobile=True))) if chance(0.8) else ["null"]),
              ("address", jstr(LOC(fr_address(sep=", "))) if chance(0.4) else ["null"]),
              ("ip", jstr(IP(ipv4() if chance(0.6) else ipv6()))),
              ("amount", [str(rint(10, 5000)) + ".00"]),
              ("created_at", ['"' + stamp().replace(" ", "T") + "Z" + '"'])]
    if chance(0.25):
        fields.insert(5, ("birthdate", jstr(DOB("%d-%02d-%02d" % birth()))))
    if chance(0.2):
        fields.insert(5, ("linkedin", jstr(URL(person_url(p, "li")))))
    if chance(0.18):
        fields.insert(rint(6, 8), ("card_number", jstr(CC(make_card()))))
    out = [pick(["Payload reçu :\n", "Webhook Typeform → CRM\n", "Corps de la requête (debug) :\n", ""]) + "{" + nl]
    for i, (k, v) in enumerate(fields):
        out += [ind + '"' + k + '": '] + v + ["," if i < len(fields) - 1 else ""] + [nl]
    out.append("}")
    return out


def g_logfmt():
    out = []
    for i in range(rint(2, 5)):
        p = new_person()
        lvl = pick(["info", "warn", "error", "debug"])
        out += ["ts=" + stamp().replace(" ", "T") + " level=" + lvl + " msg=\"" + pick([
            "login ok", "password reset requested", "payment declined", "profile updated", "rate limited"]) + "\" "]
        out += ["user=", EM(email(p)), " ip=", IP(ipv4() if chance(0.7) else ipv6())]
        if chance(0.3):
            out += [" phone=", PH(fr_phone("mob", "intlc"))]
        if chance(0.25):
            out += [' name="', PER(p.fl), '"']
        out += [" req_id=%08x" % R.randrange(16 ** 8), "\n"]
    return out


# ================================================================ L. vCard / OCR'd cards
def g_vcard():
    p = new_person("FR" if chance(0.8) else pick(["BE", "CH", "CA", "LU"]))
    c = company()
    out = ["BEGIN:VCARD\nVERSION:" + pick(["3.0", "4.0", "2.1"]) + "\n"]
    out += ["N:", PER(p.last), ";", PER(p.first), ";;" + pick(["", "M." if p.sex == "M" else "Mme"]) + ";\n"]
    out += ["FN:", PER(p.fl), "\n"]
    out += ["ORG:" + c[0] + "\nTITLE:" + gender_job(pick(JOBS), p) + "\n"]
    out += ["TEL;TYPE=" + pick(["CELL", "cell", "WORK,VOICE", "HOME"]) + ":", PH(phone_for(p)), "\n"]
    if chance(0.5):
        out += ["TEL;TYPE=WORK:", PH(phone_for(p, mobile=False)), "\n"]
    out += ["EMAIL;TYPE=INTERNET:", EM(email(p, c[1] if chance(0.5) else None, pro=True)), "\n"]
    if chance(0.6):
        st, cp, town = fr_address_parts() if p.cc == "FR" else (None, None, None)
        if st:
            out += ["ADR;TYPE=HOME:;;", LOC(st + ";" + town + ";;" + cp + ";France"), "\n"]
        else:
            out += ["LABEL;TYPE=HOME:", LOC(foreign_address(p.cc, sep=", ")), "\n"]
    if chance(0.4):
        out += ["URL:", URL(person_url(p)), "\n"]
    if chance(0.2):
        y, m, d = birth()
        out += ["BDAY:", DOB("%d%02d%02d" % (y, m, d) if chance(0.5) else "%d-%02d-%02d" % (y, m, d)), "\n"]
    out += ["NOTE:" + pick(["Rencontré au salon Bâtimat", "carte scannée", "prospect chaud", "ex-client"]) + "\nEND:VCARD"]
    return out


def ocrize(s):
    """OCR-like corruption of plain label text only."""
    tbl = [("l", "1"), ("O", "0"), ("é", "e"), ("rn", "m"), ("I", "l")]
    out = s
    for a, b in tbl:
        if chance(0.3):
            out = out.replace(a, b, 1)
    return out


def g_ocr_card():
    p = new_person("FR" if chance(0.7) else pick(["BE", "CH", "ES", "IT", "DE", "UK", "MA"]))
    c = company()
    out = [pick(["[Scan carte de visite – OCR]\n", "Carte de visite (photo) :\n", "OCR business card >>\n"])]
    out += [PER(up(p.fl)) if chance(0.5) else PER(p.fl), "\n", ocrize(gender_job(pick(JOBS), p)), "\n", c[0].upper() if chance(0.5) else c[0], "\n"]
    out += [ocrize(pick(["Tél.", "T", "Tel", "M"])) + pick([" ", ": ", " | "]), PH(phone_for(p)), "\n"]
    if chance(0.5):
        out += [ocrize(pick(["Mob.", "Portable", "M"])) + " ", PH(phone_for(p, mobile=True)), "\n"]
    out += [EM(email(p, c[1], pro=True)), "\n"]
    if chance(0.6):
        out += [ocrize("www.") + c[1] + "\n"]
    if chance(0.5):
        out += [LOC(addr_for(p, sep="\n")), "\n"]
    if chance(0.3):
        out += [URL(person_url(p, pick(["li", "ig", "site"]))), "\n"]
    out += [pick(["(verso : « rappeler après le salon »)", "[texte illisible]", "(coin déchiré)", ""])]
    return out


# ================================================================ M. call transcripts
def g_call_transcript():
    p = new_person()
    ag = staff()
    d = fr_digits(pick(["mob", "fixe", "dom"]))
    t = [0]

    def ts():
        t[0] += rint(3, 25)
        return "[%02d:%02d:%02d] " % (0, t[0] // 60, t[0] % 60)
    A = pick(["Conseiller", "Agent", "Ardanel"])
    C = pick(["Client", "Appelant", "Interlocuteur"])
    out = [pick(["Transcription appel ", "Enregistrement n° ", "Appel "]) + str(rint(100000, 999999)) + " – durée " + "%d:%02d" % (rint(2, 14), rint(0, 59)) + "\n"]
    out += [ts() + A + " : Ardanel bonjour, " + pick(["", ""]), PER(ag.first), " à l'appareil, que puis-je pour vous ?\n"]
    out += [ts() + C + " : Oui bonjour, " + pick(["c'est ", "je suis ", "ici "])] + nm(p, pick(["FL", "civL", "F_LU", "low"])) + [", " + pick(["j'appelle pour ma facture", "j'ai un souci avec la pompe", "je voulais décaler le rendez-vous"]) + ".\n"]
    out += [ts() + A + " : Très bien, pouvez-vous me rappeler votre numéro de téléphone ?\n"]
    r = R.random()
    if r < 0.4:
        out += [ts() + C + " : Oui c'est le ", PH(dictate_phone(d)), ".\n"]
    elif r < 0.7:
        out += [ts() + C + " : ", PH(fmt_fr(d, pick(["sp", "compact"]))), ".\n"]
        out += [ts() + A + " : Je répète : ", PH(dictate_phone(d, "pairs")), pick([", c'est bien ça ?\n", " ?\n"])]
        out += [ts() + C + " : C'est ça.\n"]
    else:
        out += [ts() + C + " : Alors, ", PH(fmt_fr(d, "sp")), pick(["", ", enfin c'est le portable de ma femme"]) + ".\n"]
    if chance(0.6):
        out += [ts() + A + " : Et votre date de naissance pour vérifier ?\n"]
        y, m, dd = birth()
        out += [ts() + C + " : Le ", DOB(pick(["%d %s %d" % (dd, MOIS[m - 1], y), "%s %s %s" % (num_fr(dd) if dd < 17 else str(dd), MOIS[m - 1], y)])), ".\n"]
    if chance(0.5):
        em = email(p)
        out += [ts() + A + " : Et une adresse mail ?\n", ts() + C + " : ", EM(dictate_email(em) if chance(0.6) else em), ".\n"]
    out += [ts() + A + " : " + pick(["Parfait, je note tout ça.", "Merci, je transmets au technicien.", "C'est enregistré, vous recevrez un SMS."]) + "\n"]
    return out


def g_stt_raw():
    p = new_person()
    ag = staff()
    d = fr_digits("mob")
    out = ["[transcription automatique – confiance %d %%]\n" % rint(61, 94)]
    out += ["spk_0: " + pick(["oui bonjour", "allô bonjour", "bonjour madame"]) + " " + pick(["c'est", "ici"]) + " ", PER(ag.first.lower()), " de chez ardanel\n"]
    out += ["spk_1: oui bonjour euh " + pick(["c'est", "je suis"]) + " ", PER(p.first.lower())] + (
        [" euh ", PER(p.last.lower())] if chance(0.6) else []) + [" je vous appelle pour " + pick(["le devis", "la panne", "mon rendez-vous", "la facture"]) + "\n"]
    out += ["spk_0: d'accord je peux avoir un numéro pour vous rappeler\n"]
    out += ["spk_1: oui alors c'est le ", PH(dictate_phone(d)), "\n"]
    if chance(0.5):
        st = street_line().lower()
        cp, town = pick(TOWNS)
        out += ["spk_0: et l'adresse du chantier\nspk_1: ", LOC(st + " à " + town.lower()), " " + pick(["voilà", "euh au fond de l'impasse", "c'est la maison bleue"]) + "\n"]
    if chance(0.4):
        out += ["spk_1: vous pouvez aussi m'écrire ", EM(dictate_email(email(p))), "\n"]
    out += ["spk_0: " + pick(["très bien je transmets", "c'est noté bonne journée", "parfait au revoir"])]
    return out


# ================================================================ N. recruitment
def g_candidate():
    p = new_person()
    rh = staff()
    y, m, d = birth()
    y = rint(1970, 2003)
    out = [pick(["Candidature – ", "Entretien ", "Vivier candidats : "]) + pick(["technicien PAC", "commercial terrain", "assistante ADV",
                                                                              "chargé(e) de recouvrement", "alternant(e) marketing"]) + "\n"]
    out += nm(p, pick(["FL", "LU_F", "F_LU"])) + [", " + ("né" if p.sex == "M" else "née") + " le "]
    out += [DOB(fmt_dob(y, m, d)), pick([" – ", ", ", "\n"])]
    out += [pick(["habite ", "domicile : ", "adresse : "]), LOC(fr_address(sep=", ")), "\n"]
    out += [pick(["Tél : ", "Portable : ", "Joignable au "]), PH(phone_for(p, mobile=True)), pick([" / ", " – ", "\n"]), EM(email(p)), "\n"]
    if chance(0.7):
        out += ["Profil : ", URL(person_url(p, pick(["li", "li", "gh", "malt", "behance", "site"]))), "\n"]
    out += ["Ressenti : " + pick(["très bon contact, motivé(e), permis B ok", "un peu juste techniquement",
                                  "expérience solide chez un concurrent", "disponible sous 1 mois",
                                  "prétentions " + str(rint(26, 48)) + " k€ brut"]) + "\n"]
    if chance(0.4):
        r = new_person()
        out += ["Référence : "] + nm(r, pick(["civFL", "FL"])) + [" (ancien manager) ", PH(phone_for(r)), "\n"]
    out += ["Entretien mené par "] + nm(rh, pick(["FL", "F", "iL"])) + [" le " + meet_date()]
    return out


def g_cv_parse():
    p = new_person()
    y, mm, dd = rint(1968, 2004), rint(1, 12), rint(1, 28)
    out = ["=== CV parsé automatiquement (" + pick(["cv_final.pdf", "CV 2025.docx", "mon_cv.pdf"]) + ") ===\n"]
    out += ["nom: ", PER(p.last.upper()), "\nprénom: ", PER(p.first), "\n"]
    if chance(0.6):
        out += ["date_naissance: ", DOB(fmt_dob(y, mm, dd, pick(["slash", "iso", "long"]))), "\n"]
    else:
        out += ["age: non renseigné\n"]
    out += ["email: ", EM(email(p)), "\ntéléphone: ", PH(phone_for(p, mobile=True)), "\n"]
    out += ["adresse: ", LOC(fr_address(sep=", ")) if chance(0.7) else "", "\n"]
    out += ["liens: ", URL(person_url(p, "li"))] + ([" ; ", URL(person_url(p, pick(["gh", "site", "blog"])))] if chance(0.5) else []) + ["\n"]
    out += ["expériences: " + pick(["Technicien SAV (5 ans)", "Commercial B2B (3 ans) ; Vendeur (2 ans)", "ADV (8 ans)"]) + "\n"]
    if chance(0.15):
        out += ["num_secu: ", NIR(fmt_nir(make_nir(p.sex, y % 100, mm), pick(["compact", "std"]))), "\n"]
    out += ["langues: " + pick(["anglais B2", "espagnol courant", "anglais, arabe", "allemand notions"]) + "\n"]
    out += ["permis: " + pick(["B", "B, C", "non"]) + "\n"]
    out += ["score matching: %d/100" % rint(30, 98)]
    return out


# ================================================================ O. GDPR requests
def g_gdpr_request():
    p = new_person()
    dpo = staff()
    typ = pick(["d'accès", "d'effacement", "de rectification", "d'opposition", "de portabilité"])
    out = ["Demande RGPD – droit " + typ + " – réf. RGPD-2025-%04d\n" % rint(1, 9999)]
    out += ["Reçue le " + meet_date() + " par " + pick(["courrier", "mail", "formulaire", "téléphone"]) + "\n"]
    out += ["Demandeur : "] + nm(p, pick(["civFL", "up", "FL"])) + ["\n"]
    out += ["Identité vérifiée : " + pick(["oui (CNI)", "oui, questions de sécurité", "non, pièce demandée"]) + "\n"]
    y, m, d = birth()
    if chance(0.6):
        out += ["Éléments fournis : date de naissance ", DOB(fmt_dob(y, m, d)), ", adresse ", LOC(one_line_addr(p)), "\n"]
    else:
        out += ["Adresse de réponse : ", EM(email(p)), "\n"]
    if chance(0.3):
        out += ["Le demandeur a joint son attestation de sécurité sociale (NIR ", NIR(fmt_nir(make_nir(p.sex, y, m))), ") – à ne pas conserver\n"]
    if typ == "de rectification":
        out += ["Correction demandée : téléphone ", PH(phone_for(p)), " remplacé par ", PH(phone_for(p)), "\n"]
    out += ["Systèmes concernés : CRM, facturation, " + pick(["newsletter", "planning", "téléphonie", "GED"]) + "\n"]
    out += ["Échéance légale : " + meet_date() + "\nTraité par "] + nm(dpo, pick(["FL", "iL"])) + [" (DPO)"]
    return out


def g_gdpr_log():
    p = new_person()
    out = [pick(["Journal d'effacement", "Purge RGPD", "Anonymisation"]) + " – client " + client_no() + "\n"]
    steps = [["- CRM : fiche "] + nm(p, "FL") + [" anonymisée"],
             ["- Newsletter : ", EM(email(p)), " désinscrit et supprimé"],
             ["- Téléphonie : enregistrements du ", PH(phone_for(p)), " purgés"],
             ["- Facturation : conservation 10 ans (obligation légale), accès restreint"],
             ["- Sauvegardes : rotation sous 30 jours"]]
    if chance(0.5):
        steps.insert(2, ["- Espace client : dernières connexions depuis ", IP(ipv4()), " et ", IP(ipv6()), " effacées"])
    for s_ in steps:
        out += s_ + ["\n"]
    out += ["Confirmation envoyée au demandeur le " + meet_date() + " par "] + nm(staff(), pick(["F", "FL"]))
    return out


# ================================================================ P. dunning
def g_dunning():
    p = new_person()
    me = staff()
    out = [pick(["Relance impayé – ", "Recouvrement : ", "Dossier contentieux "]) + invoice_no() + " (" + amount() + ")\n"]
    lines = [[meet_date() + " : relance mail envoyée à ", EM(email(p))],
             [meet_date() + " : appel au ", PH(phone_for(p)), " – " + pick(["NRP", "promet de payer fin de mois", "conteste la somme", "dit avoir payé par virement"])]]
    r = R.random()
    if r < 0.45:
        lines.append([meet_date() + " : paiement par CB au téléphone, carte ", CC(fmt_card(make_card())),
                      " exp. %02d/%02d" % (rint(1, 12), rint(25, 30)), pick([", titulaire ", " au nom de "])] + [PER(p.fl.upper() if chance(0.5) else p.fl)])
    elif r < 0.6:
        lines.append([meet_date() + " : nouveau mandat SEPA reçu, IBAN ", IB(fmt_iban(make_iban(pick(["FR", "FR", "BE", "ES", "DE"]))))])
    else:
        lines.append([meet_date() + " : " + pick(["mise en demeure envoyée en LRAR", "échéancier accepté (3 x " + amount() + ")",
                                                  "dossier transmis au cabinet de recouvrement"])])
    if chance(0.3):
        q = new_person()
        lines.append([meet_date() + " : " + pick(["sa sœur ", "son fils ", "son comptable "])] + nm(q, pick(["FL", "civL"])) + [" a rappelé pour lui/elle"])
    for l in lines:
        out += [pick(["- ", "• ", ""])] + l + ["\n"]
    out += ["Gestionnaire : "] + nm(me, pick(["FL", "F", "iLU"])) + [" – carte finissant par %04d déjà refusée" % rint(0, 9999) if chance(0.3) else ""]
    return out


def g_payment_plan():
    p = new_person()
    n = rint(3, 6)
    out = ["Échéancier accordé à "] + nm(p, pick(["civL", "FL", "civFL"])) + [" – dette totale " + amount() + "\n"]
    o, cl = pick([(" (", ")"), (" – ", ""), (", ", "")])
    out += ["Prélèvement sur ", IB(fmt_iban(make_iban("FR"))), o + pick(["BIC BNPAFRPPXXX", "BIC CCBPFRPPNAN", "BIC AGRIFRPP882", "BIC SOGEFRPP"]) + cl + "\n"]
    for i in range(n):
        out += ["  éch. %d : " % (i + 1) + "%02d/%02d/2025" % (rint(1, 28), rint(1, 12)) + " – " + amount() + "\n"]
    out += ["Accord validé par "] + nm(staff(), pick(["FL", "civL"])) + [". Contact débiteur : ", PH(phone_for(p))]
    return out


# ================================================================ Q. field interventions
def g_tech_report():
    p = new_person()
    tech = staff("M" if chance(0.7) else "F")
    out = [pick(["RAPPORT D'INTERVENTION", "Bon d'intervention", "Compte rendu technicien"]) + " n° " + str(rint(10000, 99999)) + "\n"]
    out += ["Client : "] + nm(p, pick(["civFL", "LU_F", "civL"])) + ["\n"]
    out += ["Lieu : ", LOC(fr_address(sep=pick([", ", "\n"]))), "\n"]
    out += ["Accès : " + pick(["digicode " + digicode(), "clé chez la gardienne", "portail " + digicode() + "#", "sonner 2 fois", "RAS"]) + "\n"]
    if chance(0.5):
        q = new_person()
        out += ["Présent sur place : "] + nm(q, pick(["FL", "civL", "F"])) + [pick([" (fils)", " (locataire)", " (voisine)", " (conjoint)", ""]) + ", ", PH(phone_for(q, mobile=True)), "\n"]
    out += ["Matériel : " + pick(PRODUCTS) + " – n° série " + pick(["SN", "S/N ", ""]) + "%d%06d" % (rint(20, 25), rint(0, 999999)) + "\n"]
    out += ["Travaux : " + pick(["remplacement carte électronique", "purge circuit + contrôle pression 1,5 bar",
                                 "mise à jour firmware " + version(), "changement sonde extérieure", "nettoyage + test OK"]) + "\n"]
    out += ["Durée : " + str(rint(1, 5)) + "h" + pick(["", "30"]) + " – déplacement " + str(rint(5, 80)) + " km\n"]
    out += ["Technicien : "] + nm(tech, pick(["FL", "F_LU", "iL"])) + [" – véhicule ", PLATE(plate()), "\n"]
    out += ["Signature client : " + pick(["oui", "refusée", "sur tablette"])]
    return out


def g_planning():
    tech = staff()
    out = ["Tournée du " + meet_date() + " – "] + nm(tech, pick(["F", "FL"])) + [" (", PLATE(plate()), ")\n"]
    for i in range(rint(3, 5)):
        p = new_person()
        out += [time_() + pick([" ", " – ", " | "])] + nm(p, pick(["civL", "LU_F", "FL", "civLU"])) + [pick([" – ", ", ", " | "]), LOC(fr_address(sep=", ")), pick([" – ", ", "]), PH(phone_for(p)),
                                                                                               pick(["", " (entretien annuel)", " (SAV)", " (mise en service)", " – chien !"]), "\n"]
    out += ["Stock à prendre au dépôt : " + str(rint(1, 6)) + " x réf. " + pick(["KT-440", "SND-12", "VLV-3/4", "FLT-200"])]
    return out


# ================================================================ R. insurance-type claims
def g_claim_auto():
    a = new_person()
    b = new_person()
    out = [pick(["Déclaration de sinistre ", "Sinistre auto n° ", "Constat amiable – dossier "]) + "S%d-%05d\n" % (rint(24, 25), rint(1, 99999))]
    out += ["Véhicule assuré : " + CAR_BRANDS[c] + " " + c + " immatriculé " if (c := pick(CARS)) else "", PLATE(plate()), "\n"]
    out += ["Conducteur : "] + nm(a, pick(["FL", "LU_F", "civFL"])) + [", né" + ("e" if a.sex == "F" else "") + " le ", DOB(dob_any()), "\n"]
    out += ["Tiers : "] + nm(b, pick(["FL", "civL", "LU_F"])) + [" – véhicule ", PLATE(plate()), " – assureur " + pick(["MAAF", "Groupama", "AXA", "Matmut", "MACIF"]) + " contrat " + contract_no() + "\n"]
    if chance(0.6):
        out += ["Adresse du tiers : ", LOC(fr_address(sep=", ")), "\n"]
    out += ["Circonstances : " + pick(["choc arrière au feu rouge", "accrochage en marche arrière sur parking",
                                       "refus de priorité au rond-point", "porte ouverte sur la chaussée"]) + ", le " + meet_date() + " vers " + time_() + "\n"]
    out += ["Tél conducteur : ", PH(phone_for(a, mobile=True))]
    if chance(0.3):
        w = new_person()
        out += ["\nTémoin : "] + nm(w, "FL") + [", ", PH(phone_for(w))]
    return out


def g_claim_home():
    p = new_person()
    n = new_person()
    out = [pick(["Dégât des eaux", "Sinistre habitation", "Infiltration"]) + " – dossier " + contract_no() + "\n"]
    out += ["Assuré(e) : "] + nm(p, pick(["civFL", "FL"])) + ["\nAdresse du risque : ", LOC(fr_address(style=pick(["comp", "plain", "comp"]), sep=", ")), "\n"]
    o, cl = pick([(" (tél. ", ")"), (" – tél. ", ""), (", ", "")])
    out += ["Origine : fuite chez le voisin du dessus, "] + nm(n, pick(["civL", "civFL"])) + [o, PH(phone_for(n)), cl + "\n"]
    out += ["Expert mandaté : cabinet " + pick(["Polyexpert", "Texa", "Saretec", "Elex"]) + ", visite le " + meet_date() + " à " + time_() + "\n"]
    out += ["Dommages estimés : " + amount() + "\nIndemnisation sur ", IB(fmt_iban(make_iban("FR"))) if chance(0.6) else "le RIB au dossier", "\n"]
    out += ["Gestionnaire : "] + nm(staff(), pick(["FL", "civL"]))
    return out


# ================================================================ S. portfolio handover
def g_handover():
    old, new = staff(), staff()
    out = ["Passation de portefeuille : "] + nm(old, "FL") + [" → "] + nm(new, "FL") + [" (à compter du " + meet_date() + ")\n\n"]
    for i in range(rint(3, 5)):
        c = company()
        p = new_person()
        out += [pick(["• ", "- ", str(i + 1) + ". "]) + c[0] + " : interlocuteur "] + nm(p, pick(["FL", "civL", "F_LU", "civFL"]))
        r = R.random()
        if r < 0.4:
            out += [", ", PH(phone_for(p)), " – " + pick(["préfère le mail", "à appeler le matin", "très pointilleux sur les délais", "renouvellement en juin"])]
        elif r < 0.7:
            out += [", ", EM(email(p, c[1], pro=True)), " – " + pick(["CA annuel " + amount(), "litige en cours", "VIP"])]
        else:
            out += [" (remplace "] + nm(new_person(), pick(["FL", "civL"])) + [", départ en retraite)"]
        if chance(0.25):
            out += [pick([" – SIREN ", " – Siren : "]), SIREN(fmt_siren(make_siren()))] if chance(0.4) else \
                [pick([" – SIRET ", " – n° SIRET "]), SIRET(fmt_siret(make_siret()))]
        out.append("\n")
    out += ["\nDossiers perso : voir avec "] + nm(staff(), "F") + [" pour les accès au drive."]
    return out


# ================================================================ T. events
def g_event_list():
    ev = pick(["Matinale Rénovation énergétique", "Webinaire Flotte électrique", "Portes ouvertes agence de " + pick(PLAIN_TOWNS),
               "Soirée clients VIP", "Petit-déjeuner des installateurs"])
    out = ["Inscrits – " + ev + " – " + meet_date() + "\n"]
    for i in range(rint(4, 8)):
        p = new_person()
        c = company()
        out += ["%d. " % (i + 1)] + nm(p, pick(["FL", "LU_F", "civFL", "F_LU"])) + [pick([" – ", " | ", ", "]) + c[0]]
        if chance(0.6):
            out += [pick([" – ", " | ", ", "]), EM(email(p, c[1], pro=True))]
        if chance(0.3):
            out += [" – régime : " + pick(["végétarien", "sans gluten", "halal", "allergie fruits à coque"])]
        if chance(0.2):
            q = new_person()
            out += [" + accompagnant(e) ", PER(q.fl)]
        out.append("\n")
    out += ["Liste tenue par "] + nm(staff(), pick(["F", "FL"]))
    return out


def g_badge_scan():
    out = ["Scans badges – salon " + pick(["Batimat", "Eurosolar", "Fleet Expo", "Interclima", "Energaïa"]) + " (" + pick(["Paris", "Montpellier", "Lyon", "Francfort", "Milan", "Bruxelles"]) + ")\n"]
    for i in range(rint(3, 6)):
        cc = pick(["FR", "FR", "BE", "CH", "DE", "IT", "ES", "UK", "MA", "LU", "PT", "NL"])
        p = new_person(cc if cc in FOREIGN else "FR")
        out += ["[" + "%02d:%02d" % (rint(9, 18), rint(0, 59)) + "] "] + [PER(p.fl if chance(0.6) else p.last.upper() + " " + p.first)] + [" | "]
        out += [EM(email(p)), " | ", PH(foreign_phone(cc) if cc != "FR" else fr_phone()), " | " + pick(["chaud", "tiède", "froid", "distributeur potentiel", "veut catalogue"]) + "\n"]
    out += ["Scanné par "] + nm(staff(), pick(["F", "FL"]))
    return out


# ================================================================ U. internal chat mentions
def g_teams():
    a, b, c = staff(), staff(), staff()
    p = new_person()
    chan = pick(["#ventes-ouest", "#sav-niveau1", "#adv", "#planning-techs", "Conversation de groupe"])
    out = [chan + "\n"]
    msgs = []
    msgs.append([PER(a.fl), " " + time_() + "\n", "@", PER(b.first), pick([" tu peux rappeler ", " le client "])] + nm(p, pick(["civL", "FL"])) +
                [pick([" ? il a appelé 3 fois", " stp, il attend un devis", " est furieux"]), "\n"])
    r = R.random()
    if r < 0.5:
        msgs.append([PER(b.fl), " " + time_() + "\n", "Oui, son numéro c'est bien le ", PH(phone_for(p)), " ?\n"])
        msgs.append([PER(a.fl), " " + time_() + "\n", pick(["Non il a changé, c'est le ", "Oui ou son portable "]), PH(phone_for(p, mobile=True)), "\n"])
    elif r < 0.7:
        msgs.append([PER(b.fl), " " + time_() + "\n", "Il m'a envoyé sa carte en clair par mail 😬 ", CC(fmt_card(make_card())), " – je supprime le mail ?\n"])
        msgs.append([PER(a.fl), " " + time_() + "\n", "Oui, et on le rappelle pour un paiement par lien sécurisé.\n"])
    else:
        msgs.append([PER(b.fl), " " + time_() + "\n", "Je m'en occupe. Je lui envoie sur ", EM(email(p)), " ?\n"])
        msgs.append([PER(c.fl), " " + time_() + "\n", "Attention il a déménagé : ", LOC(one_line_addr(p)), "\n"])
    if chance(0.5):
        msgs.append([PER(a.first), " " + time_() + "\n", pick(["👍", "merci !", "top", "ok"]), "\n"])
    for m_ in msgs:
        out += m_
    return out


def g_slack_thread():
    a, b = staff(), staff()
    p = new_person()
    out = [pick(["Fil Slack", "Thread", "Discussion #crm-qualité"]) + " – " + meet_date() + "\n"]
    out += ["<@", PER(a.first), "> : " + pick([
        "quelqu'un connaît ce prospect ? ", "doublon à vérifier : ", "qui a saisi ça ? "])]
    out += nm(p, pick(["FL", "LU_F", "up"])) + [" / ", EM(email(p)), "\n"]
    out += ["<@", PER(b.first), "> : " + pick(["c'est moi, rencontré au salon", "oui, c'est un client de ", "aucune idée"])]
    if out[-1].endswith("de "):
        out += nm(staff(), "FL")
    out += [" :" + pick(["+1", "eyes", "thinking_face", "white_check_mark"]) + ":\n"]
    if chance(0.5):
        out += ["<@", PER(a.first), "> : ok, j'ajoute son LinkedIn ", URL(person_url(p, "li")), "\n"]
    return out


# ================================================================ V. returned mail (NPAI)
def g_npai():
    p = new_person()
    out = [pick(["Retour courrier NPAI", "PND – pli non distribuable", "Courrier revenu : « N'habite pas à l'adresse indiquée »"]) + " – " + meet_date() + "\n"]
    out += ["Destinataire : "] + nm(p, pick(["civFL", "up", "civLU"])) + ["\n"]
    out += ["Adresse utilisée : ", LOC(fr_address(sep=", ")), "\n"]
    r = R.random()
    if r < 0.5:
        out += [pick(["Nouvelle adresse trouvée (", "Adresse corrigée ("]) + pick(["SNA La Poste", "appel client", "le gardien", "Pages Blanches"]) + ") : ", LOC(fr_address(sep=", ")), "\n"]
    elif r < 0.8:
        out += ["Client injoignable au ", PH(phone_for(p)), ", mail envoyé à ", EM(email(p)), "\n"]
    else:
        out += ["Décès signalé par " + pick(["sa fille", "le notaire", "son fils"]) + ", "] + nm(new_person(), pick(["civFL", "FL"])) + [". Clôturer le contrat " + contract_no() + ".\n"]
    out += ["Action : " + pick(["fiche mise à jour", "blocage des envois", "à vérifier", "relance par SMS"]) + " (", PER(staff().first), ")"]
    return out


# ================================================================ W. survey verbatims
def g_survey():
    out = [pick(["Verbatims enquête satisfaction", "NPS – réponses libres", "Questionnaire post-intervention"]) + " – " + pick(["T1", "T2", "T3", "mars", "juin", "S2"]) + "\n"]
    for i in range(rint(3, 5)):
        r = R.random()
        score = rint(0, 10)
        out += ["[%d/10] " % score]
        if r < 0.3:
            t = staff()
            out += [pick(["Merci à ", "Bravo à ", "Le technicien "])] + nm(t, pick(["F", "civL", "FL"])) + [pick([" très pro !", ", rapide et soigneux.", " est arrivé en retard sans prévenir.", " au top"])]
        elif r < 0.5:
            p = new_person()
            out += [pick(["Rappelez-moi svp ", "Toujours pas de nouvelles, "]), pick(["au ", "au "]), PH(phone_for(p)), pick([" – ", ". "])] + nm(p, pick(["FL", "civL", "F"]))
        elif r < 0.6:
            p = new_person()
            out += ["Je préfère être contacté par mail : ", EM(email(p))]
        else:
            out += [pick(["Service correct.", "Trop cher pour ce que c'est.", "RAS", "Installation propre, rien à dire.",
                          "Attente au téléphone beaucoup trop longue", "Appli pas pratique", "Très satisfait du suivi"])]
        out.append("\n")
    return out


# ================================================================ X. SQL / console output pasted
def g_psql():
    n = rint(3, 6)
    rows = []
    for i in range(n):
        p = new_person()
        rows.append([str(rint(1000, 99999)), [PER(p.last.upper() if chance(0.4) else p.last)], [PER(p.first)],
                     [EM(email(p))], [PH(phone_for(p))] if chance(0.8) else [""], pick(["t", "f"])])
    out = ["support=> SELECT id, nom, prenom, email, tel, optin FROM contacts WHERE " + pick(["created_at > now() - interval '2 days'", "email LIKE '%gmail%'", "optin IS NULL", "id IN (...)"]) + ";\n"]
    out += ["  id   |    nom     |  prenom  |             email             |      tel       | optin\n"]
    out += ["-------+------------+----------+-------------------------------+----------------+-------\n"]
    for r in rows:
        out += [" " + r[0].rjust(5) + " | "] + r[1] + [" | "] + r[2] + [" | "] + r[3] + [" | "] + r[4] + [" | " + r[5] + "\n"]
    out += ["(%d rows)" % n]
    return out


def g_mysql_vertical():
    out = ["mysql> SELECT * FROM clients WHERE " + pick(["nom LIKE '%s%%'" % pick("BCDGLMP"), "ville = 'Lyon'", "created_at > '2025-03-01'"]) + " LIMIT 2\\G\n"]
    nrow = rint(1, 2)
    for i in range(nrow):
        p = new_person()
        y, m, d = birth()
        out += ["*************************** %d. row ***************************\n" % (i + 1)]
        out += ["         id: %d\n" % rint(1000, 99999)]
        out += ["        nom: ", PER(p.last), "\n     prenom: ", PER(p.first), "\n"]
        out += ["   date_nai: ", DOB("%d-%02d-%02d" % (y, m, d)), "\n"]
        out += ["      email: ", EM(email(p)), "\n"]
        out += ["    adresse: ", LOC(fr_address(sep=", ")), "\n"]
        out += ["       iban: ", IB(make_iban("FR")), "\n"] if chance(0.4) else ["       iban: NULL\n"]
        out += ["  last_ip: ", IP(ip_any()), "\n"]
        out += ["     statut: " + pick(["actif", "résilié", "suspendu"]) + "\n"]
    out += ["%d row%s in set (0.0%d sec)" % (nrow, "s" if nrow > 1 else "", rint(0, 9))]
    return out


# ================================================================ Y. tenants / SEPA
def g_tenant():
    p = new_person()
    g_ = new_person()
    y, m, d = birth()
    y = rint(1975, 2003)
    out = ["Dossier locataire – logement réf. " + pick(["LOG-", "APT-", "T3-"]) + str(rint(100, 999)) + " (" + pick(PLAIN_TOWNS) + ")\n"]
    out += ["Candidat : "] + nm(p, pick(["civFL", "FL", "LU_F"])) + [", né" + ("e" if p.sex == "F" else "") + " le ", DOB(fmt_dob(y, m, d)), "\n"]
    out += ["Adresse actuelle : ", LOC(fr_address(sep=", ")), "\n"]
    out += ["Contact : ", PH(phone_for(p, mobile=True)), " – ", EM(email(p)), "\n"]
    out += ["Employeur : " + company()[0] + " (CDI), revenus " + amount().replace(" TTC", "").replace(" HT", "") + "/mois\n"]
    out += ["Garant : "] + nm(g_, pick(["civFL", "FL"])) + [pick([" (père)", " (mère)", " (oncle)", " (Visale)", ""]) + ", ", PH(phone_for(g_)), "\n"]
    if chance(0.5):
        out += ["RIB pour prélèvement loyer : ", IB(fmt_iban(make_iban("FR"))), "\n"]
    out += ["Pièces manquantes : " + pick(["avis d'imposition", "3 derniers bulletins", "aucune", "justificatif de domicile"]) + "\n"]
    out += ["Visite faite le " + meet_date() + " avec "] + nm(staff(), pick(["F", "FL"]))
    return out


def g_sepa_mandate():
    p = new_person("FR" if chance(0.8) else pick(["BE", "ES", "DE", "IT", "LU", "PT"]))
    cc_iban = {"FR": "FR", "BE": "BE", "ES": "ES", "DE": "DE", "IT": "IT", "LU": "LU", "PT": "PT"}[p.cc]
    out = ["MANDAT DE PRÉLÈVEMENT SEPA\n" + "RUM : ARD" + "%010d" % rint(0, 10 ** 10 - 1) + "\nICS : FR%02dZZZ%06d\n" % (rint(10, 99), rint(0, 999999))]
    out += ["Débiteur : "] + [PER(p.fl.upper() if chance(0.5) else p.fl)] + ["\n"]
    out += ["Adresse : ", LOC(addr_for(p, sep=", ")), "\n"]
    out += ["IBAN : ", IB(fmt_iban(make_iban(cc_iban))), "\n"]
    out += ["BIC : " + pick(["CRLYFRPP", "PSSTFRPPXXX", "GEBABEBB", "CAIXESBBXXX", "DEUTDEFF", "BCEELULL", "UNCRITMM"]) + "\n"]
    out += ["Type : " + pick(["récurrent", "ponctuel"]) + "\nFait à " + pick(PLAIN_TOWNS) + ", le " + meet_date() + "\nSignature : " + pick(["électronique (Yousign)", "manuscrite", "OTP SMS"])]
    if out[-1].endswith("OTP SMS"):
        out += [" envoyé au ", PH(phone_for(p, mobile=True))]
    return out


# ================================================================ Z. HR / admin
def g_onboarding():
    p = new_person()
    y, m, d = birth()
    y = rint(1965, 2004)
    out = [pick(["Arrivée collaborateur", "Onboarding", "Fiche embauche"]) + " – " + pick(["technicien", "commerciale", "ADV", "alternant", "chargée RH"]) + " – début le " + meet_date() + "\n"]
    out += ["Nom / prénom : "] + nm(p, pick(["LU_F", "FL"])) + ["\n"]
    bp, dept = birthplace()
    out += ["Date et lieu de naissance : ", DOB(fmt_dob(y, m, d)), (" " if bp.startswith(("au ", "en ")) else " à ") + bp + "\n"]
    nir = make_nir("M" if p.sex == "M" else "F", y, m, dept)
    out += [pick(["N° sécu : ", "NIR : ", "N° de sécurité sociale : ", "Sécu : "]), NIR(fmt_nir(nir)), "\n"]
    out += ["Adresse : ", LOC(fr_address(sep=pick([", ", "\n"]))), "\n"]
    out += ["RIB salaire : ", IB(fmt_iban(make_iban("FR"))), "\n"]
    out += ["Tél perso : ", PH(phone_for(p, mobile=True)), "\n"]
    if chance(0.7):
        e = new_person()
        rel = pick(["conjointe", "mère", "sœur", "amie", "fille"]) if e.sex == "F" else pick(["conjoint", "père", "frère", "ami", "fils"])
        out += ["Personne à prévenir : "] + nm(e, pick(["FL", "civFL", "F"])) + [" (" + rel + ") ", PH(phone_for(e)), "\n"]
    if chance(0.4):
        out += ["Véhicule perso (parking) : ", PLATE(plate()), "\n"]
    out += ["Dossier suivi par "] + nm(staff(), pick(["FL", "F", "iL"]))
    return out


def g_mutuelle():
    p = new_person()
    sp_ = new_person(sex="M" if p.sex == "F" else "F")
    sp_.last = p.last if chance(0.6) else sp_.last
    y, m, d = birth()
    out = ["Affiliation mutuelle " + pick(["Horizon Santé", "groupe"]) + " – formule " + pick(["Essentielle", "Confort", "Premium"]) + "\n"]
    out += ["Salarié : "] + nm(p, pick(["up", "FL", "LU_F"])) + [" – NIR ", NIR(fmt_nir(make_nir(p.sex, y, m))), " – né" + ("e" if p.sex == "F" else "") + " le ", DOB(fmt_dob(y, m, d)), "\n"]
    if chance(0.7):
        y2, m2, d2 = birth()
        out += ["Conjoint(e) : "] + nm(sp_, pick(["FL", "F"])) + [", ", DOB(fmt_dob(y2, m2, d2)), ", NIR ", NIR(fmt_nir(make_nir(sp_.sex, y2, m2))), "\n"]
    for i in range(rint(0, 3)):
        c_ = Person(pick(F_FIRST + M_FIRST), p.last, pick("FM"))
        yy = rint(2005, 2023)
        out += ["Enfant : ", PER(c_.first), " (", DOB(fmt_dob(yy, rint(1, 12), rint(1, 28), pick(["slash", "long"]))), ")\n"]
    out += ["Remboursements sur : ", IB(fmt_iban(make_iban("FR"))), "\n"] if chance(0.6) else []
    out += ["Gestion RH : "] + nm(staff(), pick(["F", "FL"]))
    return out


def g_sick_leave():
    p = new_person()
    y, m, d = birth()
    out = [pick(["Arrêt de travail reçu", "Attestation de salaire IJSS", "Déclaration accident du travail"]) + " – " + meet_date() + "\n"]
    out += nm(p, pick(["FL", "LU_F", "civFL"])) + [", sécu ", NIR(fmt_nir(make_nir(p.sex, y, m))), "\n"]
    out += ["Période : du " + meet_date() + " au " + meet_date() + "\n"]
    if chance(0.5):
        out += ["Né" + ("e" if p.sex == "F" else "") + " le ", DOB(fmt_dob(y, m, d)), " – " + pick(["prolongation", "initial", "reprise à temps partiel"]) + "\n"]
    out += ["Transmis à la CPAM le " + meet_date() + " par "] + nm(staff(), pick(["F", "FL"])) + [pick(["", ". Manager prévenu : "])]
    if out[-1].endswith(": "):
        out += nm(staff(), "FL")
    return out


# ================================================================ AA. IT logs
def g_auth_log():
    out = []
    host = pick(["crm-prod-01", "vpn-gw", "extranet", "bastion", "mail01"])
    for i in range(rint(3, 7)):
        ts = pick(["Mar ", "Apr ", "May ", "Jun ", "Oct "]) + "%2d %02d:%02d:%02d " % (rint(1, 28), rint(0, 23), rint(0, 59), rint(0, 59))
        r = R.random()
        if r < 0.4:
            out += [ts + host + " sshd[%d]: Failed password for invalid user " % rint(1000, 99999) + pick(["admin", "test", "oracle", "ubuntu"]) + " from ", IP(ipv4(False) if chance(0.7) else ipv6()), " port %d ssh2\n" % rint(1024, 65535)]
        elif r < 0.7:
            p = new_person()
            out += [ts + host + " auth: login OK user=", EM(email(p, OWNER_DOM, pro=True) if chance(0.5) else email(p)), " src=", IP(ip_any()), "\n"]
        else:
            out += [ts + host + " fail2ban.actions: NOTICE [sshd] Ban ", IP(ipv4(False)), "\n"]
    return out


def g_nginx():
    out = []
    for i in range(rint(3, 6)):
        ip = ipv4() if chance(0.7) else ipv6()
        path = pick(["/espace-client/login", "/api/v2/contacts", "/devis/confirmation?id=%d" % rint(1000, 9999), "/wp-login.php", "/favicon.ico"])
        out += [IP(ip), ' - - [%02d/%s/2025:%02d:%02d:%02d +0200] "%s %s HTTP/1.1" %d %d "-" "%s"\n' % (
            rint(1, 28), pick(["Mar", "Apr", "May", "Jun"]), rint(0, 23), rint(0, 59), rint(0, 59), pick(["GET", "POST"]), path,
            pick([200, 200, 302, 404, 401, 500]), rint(0, 50000), pick(["Mozilla/5.0", "curl/8.5.0", "python-requests/2.31.0"]))]
    if chance(0.5):
        p = new_person()
        out += ["→ le ", IP(ipv4()), " correspond au compte de "] + nm(p, pick(["civL", "FL"])) + [" (", EM(email(p)), ") selon ", PER(staff().first)]
    return out


def g_fw_log():
    out = [pick(["Export pare-feu", "Logs VPN", "Alertes IDS"]) + " (" + meet_date() + ")\n"]
    for i in range(rint(3, 6)):
        p = new_person()
        a = ipv6() if chance(0.5) else ipv4()
        b = ipv4(True)
        out += [stamp() + " " + pick(["ALLOW", "DENY", "DROP", "VPN-UP", "VPN-DOWN"]) + " src=", IP(a), " dst=", IP(b)]
        if chance(0.5):
            out += [" user=", EM(email(p, OWNER_DOM, pro=True))]
        out += [" proto=" + pick(["TCP", "UDP", "ICMP"]) + " dport=%d\n" % pick([443, 22, 3389, 1194, 51820, 53])]
    out += ["Poste concerné : " + pick(["PC-ADV-0", "LT-SAV-", "WS-COMPTA-"]) + "%02d (firmware " % rint(1, 40) + version() + ")"]
    return out


def g_dhcp():
    out = ["Baux DHCP / inventaire réseau agence " + pick(PLAIN_TOWNS) + "\n"]
    for i in range(rint(3, 6)):
        p = staff()
        mac = ":".join("%02x" % R.randrange(256) for _ in range(6))
        out += [IP(ipv4(True)), "  " + mac + "  " + pick(["PC-", "LT-", "TEL-"]) + "%04d" % rint(1, 9999) + "  "] + nm(p, pick(["FL", "iL", "F_LU"]))
        if chance(0.3):
            out += ["  (IPv6 ", IP(ipv6("ll" if chance(0.5) else None)), ")"]
        out.append("\n")
    return out


# ================================================================ AB. vehicles
def g_fleet_note():
    p = new_person()
    car = pick(CARS)
    pl = plate()
    out = [pick(["Véhicule de prêt", "Attribution véhicule", "Retour LLD", "Restitution"]) + " – " + CAR_BRANDS[car] + " " + car + " "]
    out += [PLATE(pl), "\n"]
    out += [pick(["Confié à ", "Conducteur : ", "Attribué à "])] + nm(p, pick(["civFL", "FL", "LU_F", "civL"])) + [pick([" du ", " à partir du "]) + meet_date() + "\n"]
    out += ["Km départ : %d – carburant %d/8\n" % (rint(500, 150000), rint(1, 8))]
    if chance(0.5):
        out += ["Ancien véhicule rendu : ", PLATE(plate()), pick([" (rayure aile AR)", " RAS", " – pneus à changer"]), "\n"]
    out += [pick(["Joindre le conducteur au ", "Tél conducteur : "]), PH(phone_for(p, mobile=True)), "\n"]
    out += ["Contrat " + contract_no() + ", loyer " + amount()]
    return out


def g_fine():
    p = new_person()
    out = [pick(["Avis de contravention", "PV reçu (ANTAI)", "Désignation conducteur"]) + " – avis n° " + "%d" % rint(10 ** 9, 10 ** 10 - 1) + "\n"]
    out += ["Véhicule : ", PLATE(plate()), " – " + pick(["excès de vitesse < 20 km/h", "stationnement gênant", "feu rouge", "péage non réglé"]) + " le " + meet_date() + " à " + time_() + "\n"]
    out += ["Conducteur désigné : "] + nm(p, pick(["up", "LU_F", "FL"])) + ["\n"]
    out += ["Né" + ("e" if p.sex == "F" else "") + " le ", DOB(dob_any()), "\n"]
    out += ["Domicile : ", LOC(fr_address(sep=", ")), "\n"]
    out += ["Désignation faite le " + meet_date() + " par "] + nm(staff(), pick(["FL", "F"])) + [" (délai 45 jours)"]
    return out


def g_parking():
    out = [pick(["Demandes badge parking visiteurs", "Accès parking – semaine " + str(rint(1, 52)), "Liste véhicules autorisés"]) + "\n"]
    for i in range(rint(2, 5)):
        p = new_person()
        out += [pick(["- ", "* ", ""])] + nm(p, pick(["FL", "LU_F", "civL"])) + [pick([" : ", " – ", " / "]), PLATE(plate()),
                                                                              pick([" (" + meet_date() + ")", " – " + pick(CARS), " – " + pick(["rouge", "gris", "blanche", "noire"]), ""]), "\n"]
    out += ["Validé par "] + nm(staff(), pick(["F", "FL"]))
    return out


# ================================================================ AC. personal web presence
def g_enrich():
    p = new_person()
    out = [pick(["Enrichissement fiche", "Veille prospect", "Infos trouvées en ligne"]) + " – "] + nm(p, pick(["FL", "LU_F"])) + ["\n"]
    k = sample(["li", "fb", "ig", "gh", "x", "malt", "site", "blog", "yt", "cal", "bsky", "masto", "doctolib", "linktree", "medium", "behance", "tt", "about", "viadeo"], rint(2, 4))
    for kk in k:
        out += [pick(["- ", "• ", ""]) + {"li": "LinkedIn", "fb": "Facebook", "ig": "Instagram", "gh": "GitHub", "x": "X/Twitter",
                                          "malt": "Malt", "site": "Site perso", "blog": "Blog", "yt": "YouTube", "cal": "Prise de RDV",
                                          "bsky": "Bluesky", "masto": "Mastodon", "doctolib": "Doctolib", "linktree": "Linktree",
                                          "medium": "Medium", "behance": "Portfolio", "tt": "TikTok", "about": "Carte de visite en ligne", "viadeo": "Viadeo"}[kk] + " : ",
                URL(person_url(p, kk)), "\n"]
    out += ["Entreprise : " + company()[0] + " (site " + company()[1] + ")\n"]
    if chance(0.3):
        y = rint(1960, 1998)
        out += ["Né" + ("e" if p.sex == "F" else "") + " en ", DOB(str(y)), " d'après son profil\n"]
    out += ["Source : " + pick(["Kaspr", "Lusha", "recherche manuelle", "Dropcontact"]) + ", par "] + nm(staff(), pick(["F", "iL"]))
    return out


def g_social_mention():
    p = new_person()
    net = pick(["ig", "fb", "x", "tt", "yt"])
    out = [pick(["Veille réseaux sociaux", "Mention détectée", "Alerte e-réputation"]) + " – " + meet_date() + "\n"]
    out += ["Auteur : "] + nm(p, pick(["FL", "F", "low"])) + [" (", URL(person_url(p, net)), ")\n"]
    out += ["Extrait : « " + pick(["3 semaines sans chauffage, merci " + OWNER + " 👎", "installation nickel, équipe au top",
                                   "quelqu'un a eu le même souci avec sa borne ?", "service client injoignable depuis lundi"]) + " »\n"]
    out += ["Réponse publique postée par "] + nm(staff(), pick(["F", "FL"])) + [pick(["", ", client identifié : " + client_no()])]
    return out


# ================================================================ AD. export / foreign contacts
def g_foreign_contact():
    cc = pick(["BE", "CH", "ES", "UK", "US", "DE", "IT", "MA", "LU", "PT", "CA", "BE", "CH", "MA"])
    p = new_person(cc)
    me = staff()
    out = [pick(["Contact export – ", "Prospect international : ", "Nouveau distributeur ? "]) + FOREIGN[cc]["label"] + "\n"]
    out += nm(p, pick(["FL", "LU_F", "civFL", "F_LU"])) + [pick([", ", " – "]) + gender_job(pick(JOBS), p) + "\n"]
    out += [pick(["Tél : ", "Phone : ", "Tel. "]), PH(foreign_phone(cc, False)), pick([" / mobile ", " – GSM ", " ; cell "]), PH(foreign_phone(cc, True)), "\n"]
    out += [pick(["Mail : ", "E-mail : "]), EM(email(p)), "\n"]
    if chance(0.7):
        out += ["Adresse : ", LOC(foreign_address(cc, sep=pick([", ", "\n"]))), "\n"]
    if chance(0.35):
        icc = {"BE": "BE", "CH": "CH", "ES": "ES", "UK": "GB", "DE": "DE", "IT": "IT", "LU": "LU", "PT": "PT"}.get(cc)
        if icc:
            out += ["Coordonnées bancaires : ", IB(fmt_iban(make_iban(icc))), "\n"]
    out += [pick(["Rencontré par ", "Suivi : ", "Contact établi par "])] + nm(me, pick(["F", "FL"])) + [pick([" au salon de ", " lors du voyage à ", " via le site, basé à "]) + pick(["Milan", "Bruxelles", "Genève", "Barcelone", "Casablanca", "Munich", "Londres", "Lisbonne"])]
    return out


def g_intl_shipping():
    cc = pick(["BE", "CH", "ES", "UK", "DE", "IT", "LU", "PT", "NL", "MA", "CA", "US"])
    p = new_person(cc if cc in FOREIGN else pick(["BE", "DE"]))
    out = ["Expédition internationale – " + order_no() + " – transporteur " + pick(["DHL", "UPS", "FedEx", "DB Schenker", "Geodis"]) + " – suivi " + tracking() + "\n"]
    out += ["Destinataire : "] + nm(p, "FL") + ["\n", LOC(foreign_address(cc, sep="\n")), "\n"]
    out += ["Tél. destinataire (obligatoire douane) : ", PH(foreign_phone(cc)), "\n"]
    if chance(0.5):
        out += ["Notification : ", EM(email(p)), "\n"]
    out += ["Poids " + str(rint(2, 80)) + " kg – valeur déclarée " + amount() + " – Incoterm " + pick(["DAP", "DDP", "EXW"])]
    return out


# ================================================================ AE. telegraphic memos
def g_memo_line():
    p = new_person()
    bits = []
    bits.append(nm(p, pick(["civL", "civlow", "civLU", "iL", "LU_F", "low"])))
    r = R.random()
    if r < 0.3:
        bits.append([pick(["rdv ", "RDV ", "rv "]) + pick(["jeu", "lun", "mar", "mer", "ven", "sam"]) + " " + time_() + pick([" chez lui", " chez elle", " @ domicile", " sur site", ""])])
    else:
        bits.append([pick(["ok pr devis ", "pas intéressé ", "à relancer ", "NRP x" + str(rint(2, 4)) + " ", "rappel ", "veut baisse tarif ", "a signé "]) + pick(["PAC", "solaire", "contrat", "LLD", "box", "entretien", ""]).strip()])
    if chance(0.7):
        bits.append([pick(["tél ", "tel ", "☎ ", "tél. ", "port. ", "mob "]), PH(phone_for(p))])
    if chance(0.35):
        bits.append([pick(["adr. ", "adresse ", "chez : ", "@ "]), LOC(fr_address(sep=pick([" ", ", "])))])
    if chance(0.3):
        bits.append(["mail ", EM(email(p))])
    if chance(0.4):
        bits.append([pick(["cf. ", "cf ", "voir "]) + pick(["mail du " + meet_date(), "devis " + order_no(), "fiche " + client_no(), "tkt " + ticket_no()])])
    if chance(0.3):
        bits.append(["vu avec "] + nm(staff(), pick(["F", "iL"])))
    sep = pick([" – ", " / ", " - ", " // ", ", ", " | "])
    out = []
    for i, b in enumerate(bits):
        out += b + ([sep] if i < len(bits) - 1 else [])
    return out


def g_memo_stack():
    out = [pick(["Notes tél du ", "Todo ", "À faire ", "Récap journée "]) + meet_date() + " :\n"]
    for i in range(rint(3, 5)):
        p = new_person()
        out += [pick(["- ", "> ", "* ", "→ ", ""])]
        r = R.random()
        if r < 0.3:
            out += nm(p, pick(["civL", "civlow", "F", "L"])) + [" " + pick(["rapp.", "rappeler", "relancer"]) + " " + pick(["ap. 17h", "dem. matin", "avt vendredi", "asap"]) + " ", PH(phone_for(p))]
        elif r < 0.5:
            out += [pick(["envoyer devis à ", "renvoyer fact. à ", "PJ manquante -> "]), EM(email(p))]
        elif r < 0.65:
            out += [pick(["chgt adr. ", "nvelle adr "])] + nm(p, pick(["civL", "LU_F"])) + [" : ", LOC(fr_address(sep=" "))]
        elif r < 0.8:
            out += [pick(["pb facture ", "litige ", "relance "]) + pick([invoice_no(), order_no()]) + " (" + amount() + ")"]
        else:
            out += [pick(["dire à ", "voir avec ", "demander à "])] + nm(staff(), "F") + [pick([" pr le planning", " si stock ok", " (compta)", ""])]
        out.append("\n")
    return out


# ================================================================ AF. voicemail messages
def g_vm_auto():
    p = new_person()
    d = fr_digits(pick(["mob", "mob", "fixe", "dom"]))
    out = [pick(["Nouveau message vocal", "Messagerie – nouveau message", "[Répondeur] message"]) + " de ", PH(fmt_fr(d)) if chance(0.7) else "numéro masqué",
           " – durée 0:%02d\n" % rint(8, 59), pick(["Transcription : « ", "Texte (auto) : « ", "« "])]
    body = [pick(["oui bonjour ", "bonjour ", "allô oui bonjour ", "bonsoir "]) + pick(["c'est ", "ici ", "je suis "])]
    body += nm(p, pick(["low", "FL", "F", "civlow"]))
    body += [" " + pick(["je vous appelle pour le devis", "pour le rendez-vous de jeudi", "au sujet de ma facture",
                         "le technicien devait passer ce matin", "je voulais savoir où en est ma commande"]) + " "]
    r = R.random()
    if r < 0.6:
        body += [pick(["vous pouvez me rappeler au ", "rappelez-moi au ", "mon numéro c'est le "]), PH(dictate_phone(d)), " "]
        if chance(0.3):
            body += ["je répète ", PH(dictate_phone(d, "pairs")), " "]
    else:
        body += ["vous pouvez m'écrire à ", EM(dictate_email(email(p))), " "]
    if chance(0.25):
        body += ["c'est ", PER(p.last.upper()), " je vous épelle ", PER("-".join(strip_accents(p.last.upper()).replace(" ", "").replace("'", ""))), " "]
    body += [pick(["merci au revoir", "bonne journée", "voilà merci", "merci beaucoup"])]
    out += body + [" »"]
    if chance(0.4):
        out += ["\n(traité par ", PER(staff().first), ")"]
    return out


def g_vm_manual():
    p = new_person()
    me = staff()
    d = fr_digits()
    out = [pick(["Msg répondeur ", "Message laissé ", "Répondeur agence "]) + time_() + " : "]
    out += nm(p, pick(["civL", "civFL", "FL", "F_LU"])) + [" " + pick(["rappelle pour", "demande", "veut"]) + " " + pick(["son devis", "un rappel", "décaler le RDV", "une facture"]) + ". "]
    r = R.random()
    if r < 0.4:
        out += ["A dit « ", PH(dictate_phone(d)), " » → j'ai noté ", PH(fmt_fr(d, "sp")), pick([" (à vérifier)", "", " mais pas sûr du dernier chiffre"]), "."]
    elif r < 0.7:
        dd = d[:9]
        out += ["Num pas clair, j'ai compris ", PH(" ".join(dd[i:i + 2] for i in range(0, 8, 2)) + " " + dd[8]), " (manque un chiffre ?)."]
    else:
        out += ["Mail dicté : ", EM(dictate_email(email(p))), " → ", EM(email(p)), "."]
    out += [" — "] + nm(me, pick(["F", "iL"]))
    return out


# ================================================================ AG. retyped paper forms / post-its
def g_paper_form():
    p = new_person()
    out = [pick(["Fiche contact salon (ressaisie)", "Coupon-réponse papier (saisi le " + meet_date() + ")", "Bulletin d'inscription manuscrit – ressaisie"]) + "\n"]
    out += ["[" + pick(["x", "X", " "]) + "] Particulier   [" + pick([" ", "x"]) + "] Professionnel\n"]
    out += ["NOM : ", PER(p.last.upper()), "   Prénom : ", PER(p.first if chance(0.8) else p.first.lower()), "\n"]
    ad = fr_address(sep=", ")
    out += ["Adresse : ", LOC(ad), pick(["", " (écriture difficile)", " [?]"]), "\n"]
    d = fr_digits()
    if chance(0.2):
        out += ["Tél : ", PH(fmt_fr(d, pick(["sp", "dot", "compact"]))), " (" + pick(["1er chiffre illisible, 0 ?", "le 7 ressemble à un 1", "lisible"]) + ")\n"]
    else:
        out += ["Tél : ", PH(fmt_fr(d, pick(["sp", "dot", "compact", "slash"]))), "\n"]
    if chance(0.7):
        out += ["E-mail : ", EM(email(p)), pick(["", " (l ou 1 ?)", " – majuscules sur le papier"]), "\n"]
    if chance(0.3):
        y, m, dd = birth()
        out += ["Date de naissance : ", DOB(fmt_dob(y, m, dd, pick(["slash", "short", "nozero"]))), "\n"]
    out += ["Intéressé par : " + ", ".join(sample(["PAC", "photovoltaïque", "isolation", "borne VE", "entretien", "leasing"], rint(1, 3))) + "\n"]
    out += ["Signature : [" + pick(["présente", "absente", "paraphe"]) + "]   Saisi par "] + nm(staff(), pick(["F", "iL"]))
    return out


def g_postit():
    p = new_person()
    me = staff()
    out = [pick(["Post-it trouvé sur mon écran, de la part de ", "Mot laissé par ", "Post-it (écriture de "])] + nm(me, "F")
    out += [") : « " if out[0].startswith("Post-it (") else " : « "]
    r = R.random()
    if r < 0.5:
        out += [pick(["URGENT ", "!! ", ""]) + pick(["rappeler ", "rapeller ", "rappelé "])] + nm(p, pick(["civL", "civlow", "F", "L"])) + [" au ", PH(fmt_fr(fr_digits(), pick(["sp", "compact", "dot", "dash"]))), pick([" avant vendredi", " (facture)", " !!", " – pas content"])]
    elif r < 0.75:
        out += ["code portail " + digicode() + " pour "] + nm(p, pick(["civL", "FL"])) + [", ", LOC(fr_address(sep=" "))]
    else:
        out += ["la fille de "] + nm(p, pick(["civL"])) + [" = ", PER(new_person().first), " ", PH(fr_phone("mob"))]
    out += [" »"]
    return out


# ================================================================ AH. minutes as tables / co-ownership meetings
def g_cr_table():
    people = [new_person() for _ in range(rint(3, 5))]
    staffs = [staff() for _ in range(rint(1, 2))]
    c = company()
    out = ["## CR " + pick(["comité de pilotage", "réunion de lancement", "point mensuel", "revue de chantier"]) + " – " + c[0] + " – " + meet_date() + "\n\n"]
    out += ["| Nom | Entité | Rôle |\n|---|---|---|\n"]
    for p in people:
        out += ["| "] + [PER(pick([p.fl, p.last.upper() + " " + p.first, p.fl]))] + [" | " + c[0] + " | " + gender_job(pick(JOBS), p) + " |\n"]
    for s_ in staffs:
        out += ["| "] + [PER(s_.fl)] + [" | " + OWNER + " | " + gender_job(pick(STAFF_JOBS), s_) + " |\n"]
    out += ["\n**Décisions**\n| Action | Porteur | Échéance |\n|---|---|---|\n"]
    for i in range(rint(2, 4)):
        who = pick(people + staffs)
        out += ["| " + pick(["Valider le planning", "Envoyer le devis révisé", "Commander les panneaux", "Relancer le bureau de contrôle",
                             "Organiser la formation", "Mettre à jour le contrat"]) + " | "] + nm(who, pick(["F", "iL", "FL"])) + [" | " + meet_date() + " |\n"]
    if chance(0.4):
        p = people[0]
        out += ["\nContact astreinte : ", PH(phone_for(p, mobile=True)), " (", PER(p.first), ")"]
    return out


def g_cr_copro():
    out = ["Assemblée générale – copropriété " + pick(RESID) + " – " + meet_date() + "\n"]
    out += ["Adresse de l'immeuble : ", LOC(fr_address(style="plain", sep=", ")), "\n"]
    out += ["Présents ou représentés :\n"]
    for i in range(rint(3, 6)):
        p = new_person()
        out += ["  lot %d : " % rint(1, 60)] + nm(p, pick(["civL", "civFL", "LU_F"])) + [pick([" (présent)", " (pouvoir à "]) ]
        if out[-1].endswith("à "):
            out += nm(new_person(), pick(["civL", "FL"])) + [")"]
        out.append("\n")
    out += ["Résolution : devis " + OWNER + " pour " + pick(PRODUCTS) + " – " + amount() + " – " + pick(["adoptée", "rejetée", "reportée"]) + "\n"]
    sy = pick([("Foncia", "foncia.fr"), ("Nexity", "nexity.fr"), ("Citya", "citya.com"), ("Oralia", "oralia.fr")])
    q = new_person()
    out += ["Syndic : cabinet " + sy[0] + ", gestionnaire "] + nm(q, pick(["civL", "FL"])) + [", ", EM(email(q, sy[1], pro=True))]
    return out


# ================================================================ AI. delivery notes
def g_delivery_instr():
    p = new_person()
    out = [pick(["Instructions livreur", "Consignes de livraison", "Note transporteur"]) + " – " + order_no() + "\n"]
    out += [pick(["Livrer à : ", "Destinataire : "])] + nm(p, pick(["civFL", "FL", "up", "civL"])) + ["\n", LOC(fr_address(sep=pick(["\n", ", "]))), "\n"]
    out += [pick(["Prévenir 30 min avant au ", "Appeler à l'arrivée : ", "Tél : "]), PH(phone_for(p, mobile=True)), "\n"]
    r = R.random()
    if r < 0.4:
        n = new_person()
        out += ["Si absent : laisser chez " + pick(["la voisine ", "le voisin ", "le gardien "])] + nm(n, pick(["civL", "civFL"])) + [pick([" au 2e", ", porte gauche", ", maison d'en face", ""]) + "\n"]
    elif r < 0.7:
        out += ["Accès : " + pick(["portail code " + digicode(), "camion > 12 t interdit", "hayon obligatoire", "rue étroite, se garer place de l'église"]) + "\n"]
    out += ["Créneau : " + pick(["8h-12h", "14h-18h", "matin", "après " + time_()]) + " – " + str(rint(1, 6)) + " colis, " + str(rint(5, 400)) + " kg"]
    return out


def g_address_change():
    p = new_person()
    out = [pick(["Changement d'adresse", "Déménagement client", "MAJ adresse"]) + " – "] + nm(p, pick(["FL", "LU_F", "civL"])) + [" – effet au " + meet_date() + "\n"]
    out += [pick(["Ancienne : ", "Avant : ", "Ex : "]), LOC(fr_address(sep=", ")), "\n"]
    out += [pick(["Nouvelle : ", "Après : ", "Nouv. adresse : "]), LOC(fr_address(sep=pick([", ", "\n"]))), "\n"]
    if chance(0.5):
        out += ["Nouveau fixe : ", PH(fr_phone(pick(["fixe", "09", "dom"]))), "\n"]
    out += [pick(["Contrat transféré", "Transfert du contrat d'entretien", "Relevé compteur à faire"]) + " – traité par "] + nm(staff(), pick(["F", "FL"]))
    return out


def g_relay():
    p = new_person()
    q = new_person()
    out = ["Retrait en point relais – colis " + tracking() + "\n"]
    out += ["Titulaire : "] + nm(p, pick(["FL", "civFL", "up"])) + ["\n"]
    out += ["Retrait par procuration : "] + nm(q, pick(["FL", "civFL"])) + [pick([" (conjoint)", " (voisin)", " (collègue)", ""]) + "\n"]
    out += ["Point relais : " + pick(["Tabac de la Gare", "Pressing Éclair", "Carrefour City", "Fleuriste Le Jardin d'Hiver", "Boulangerie du Centre"]) + " – " + pick(PLAIN_TOWNS) + "\n"]
    out += ["Code de retrait envoyé par SMS au ", PH(phone_for(p, mobile=True)), pick(["", " et par mail à "])]
    if out[-1].endswith("à "):
        out += [EM(email(p))]
    return out


# ================================================================ AJ. payments
def g_rib_change():
    p = new_person()
    out = [pick(["Changement de RIB", "Nouveau RIB reçu", "MAJ coordonnées bancaires"]) + " – " + client_no() + "\n"]
    out += ["Titulaire : "] + nm(p, pick(["up", "FL", "civFL", "LU_F"])) + ["\n"]
    old = make_iban("FR")
    new = make_iban(pick(["FR"] * 5 + ["BE", "DE", "ES", "LU", "MC", "PT", "IT", "NL", "CH", "GB", "AT", "IE", "PL"]))
    out += [pick(["Ancien IBAN : ", "Avant : "]), IB(fmt_iban(old)), "\n"]
    out += [pick(["Nouvel IBAN : ", "Après : "]), IB(fmt_iban(new)), "\n"]
    out += ["BIC : " + pick(["CMCIFR2A", "BNPAFRPP", "AGRIFRPP839", "GEBABEBB", "BSCHESMM", "DEUTDEFF500"]) + "\n"]
    out += ["Justificatif reçu par " + pick(["mail de ", "courrier de "])]
    out += [EM(email(p))] if out[-1].endswith("mail de ") else nm(p, pick(["civL", "FL"]))
    out += ["\nPrélèvements à partir de l'échéance du " + meet_date() + " – saisi par "] + nm(staff(), pick(["F", "iL"]))
    return out


def g_card_phone():
    p = new_person()
    out = [pick(["Paiement par téléphone", "Règlement CB à distance", "VAD"]) + " – " + pick([invoice_no(), order_no()]) + " – " + amount() + "\n"]
    r = R.random()
    if r < 0.55:
        out += ["Carte : ", CC(fmt_card(make_card())), " exp " + "%02d/%02d" % (rint(1, 12), rint(25, 31)) + pick([" – cryptogramme non conservé", " (CVV non noté)", ""]) + "\n"]
    else:
        out += ["Carte " + pick(["Visa", "Mastercard", "CB"]) + " finissant par %04d" % rint(0, 9999) + " – " + pick(["paiement OK", "refusé, plafond atteint", "3DS échoué"]) + "\n"]
    out += ["Porteur : "] + nm(p, pick(["up", "FL", "civFL"])) + ["\n"]
    if chance(0.5):
        out += ["Reçu envoyé à ", EM(email(p)), "\n"]
    if chance(0.25):
        out += ["2e carte proposée : ", CC(fmt_card(make_card("amex" if chance(0.5) else None))), "\n"]
    out += ["Opérateur : "] + nm(staff(), pick(["F", "FL", "iL"]))
    return out


def g_refund():
    p = new_person()
    out = [pick(["Remboursement", "Avoir à rembourser", "Trop-perçu"]) + " " + amount() + " – " + invoice_no() + "\n"]
    out += ["Bénéficiaire : "] + nm(p, pick(["FL", "civFL", "up"])) + ["\n"]
    if chance(0.6):
        out += ["Par virement sur ", IB(fmt_iban(make_iban(pick(["FR", "FR", "FR", "BE", "LU", "CH", "ES"])))), "\n"]
    else:
        out += ["Recrédit sur la carte ", CC(fmt_card(make_card())), " (paiement d'origine)\n"]
    out += ["Validé par "] + nm(staff(), pick(["FL", "civL"])) + [" – délai " + str(rint(3, 15)) + " jours ouvrés"]
    return out


def g_supplier_sheet():
    p = new_person()
    siren = make_siren()
    out = [pick(["Fiche fournisseur / sous-traitant", "Création tiers fournisseur", "Référencement artisan"]) + "\n"]
    out += ["Raison sociale : "] + nm(p, pick(["FL", "up"])) + [pick([" EI", " (micro-entreprise)", " – EIRL", ""]) + "\n"]
    if chance(0.5):
        out += ["SIRET : ", SIRET(fmt_siret(make_siret(siren))), "\n"]
    else:
        out += ["SIREN : ", SIREN(fmt_siren(siren)), " – RCS " + pick(PLAIN_TOWNS) + "\n"]
    out += ["Activité : " + pick(["plomberie", "électricité générale", "couverture", "transport", "nettoyage"]) + " – code APE " + pick(["4322A", "4321A", "4391B", "4941B", "8121Z"]) + "\n"]
    out += ["IBAN : ", IB(fmt_iban(make_iban("FR"))), "\n"]
    out += ["Contact : ", PH(phone_for(p, mobile=True)), " – ", EM(email(p)), "\n"]
    if chance(0.4):
        out += ["Adresse : ", LOC(fr_address(sep=", ")), "\n"]
    out += ["Validation achats : "] + nm(staff(), pick(["F", "FL"]))
    return out


# ================================================================ AK. negatives (no personal data)
ROOMS = ["salle Aurore", "salle Victoire", "salle Constance", "salle Océan", "salle Everest", "salle 3.02",
         "salle du Conseil", "le Patio", "salle Rose", "salle Mistral"]
TRAP_PHRASES = ["en pierre de taille", "coloris rose poudré", "finition vert olive", "bleu marine", "c'est clair",
                "prix juste", "au grand jour", "le petit matériel", "un marin-pêcheur", "bois massif",
                "côté jardin", "le moulin à café", "le roi des délais", "une belle victoire", "en toute constance",
                "clément avec les délais", "au printemps", "le dimanche", "un renard dans le poulailler"]


def ean13():
    b = "3" + digits(11)
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(b))
    return b + str((10 - s % 10) % 10)


def n_pricing():
    out = [pick(["Grille tarifaire ", "Tarifs ", "Mise à jour prix "]) + pick(["2025", "S2 2025", "au " + meet_date()]) + " – " + pick(OWNER_BRANCHES) + "\n"]
    for i in range(rint(3, 7)):
        out.append(pick(["- ", "• ", ""]) + pick(PRODUCTS) + " : " + amount() + pick([" (remise " + str(rint(3, 25)) + " % pro)", "", " – EAN " + ean13(), " – réf. " + pick(["KT", "PAC", "SOL", "BRN"]) + "-" + str(rint(100, 999))]) + "\n")
    out.append(pick(["Validité : jusqu'au " + meet_date() + ".", "Prix HT hors pose.", "Frais de port offerts dès " + amount() + "."]))
    return out


def n_process():
    steps = ["Vérifier que le bon de commande est signé", "Saisir la commande dans l'ERP sous 24 h",
             "Contrôler le stock au dépôt de " + pick(PLAIN_TOWNS), "Planifier la pose avec le service planning",
             "Envoyer l'accusé de réception", "Archiver le PV de réception dans la GED",
             "Clôturer le ticket après 7 jours sans réponse", "Facturer l'acompte de 30 %",
             "Joindre les photos avant/après à l'intervention", "Relancer le bureau de contrôle"]
    out = [pick(["Procédure ", "Process ", "Mode opératoire "]) + pick(["retours SAV", "commande PAC", "mise en service", "clôture chantier", "avoirs"]) + " (v" + str(rint(1, 9)) + ")\n"]
    for i, s_ in enumerate(sample(steps, rint(3, 6))):
        out.append("%d. %s\n" % (i + 1, s_))
    out.append(pick(["Responsable du process : service ADV.", "Dernière revue : " + meet_date() + ".", "Voir aussi la FAQ interne, section 4."]))
    return out


def n_meeting():
    out = [pick(["Réunion d'équipe", "Point hebdo", "Comité commercial", "Formation produit"]) + " " + meet_date() + " à " + time_() + ", " + pick(ROOMS) + ".\n"]
    out.append("Ordre du jour :\n")
    for a in sample(["résultats du mois (" + str(rint(40, 400)) + " devis, taux de transfo " + str(rint(8, 40)) + " %)",
                     "nouvelle gamme " + pick(PRODUCTS), "planning des poses semaine " + str(rint(1, 52)),
                     "retours clients sur le " + pick(PRODUCTS), "objectifs T" + str(rint(1, 4)),
                     "salon de " + pick(PLAIN_TOWNS) + " du " + meet_date(), "process de relance impayés",
                     "outil de signature électronique", "stock " + pick(["panneaux", "onduleurs", "bornes"]) + " : " + str(rint(5, 300)) + " unités"], rint(2, 4)):
        out.append("- " + a + "\n")
    out.append(pick(["Visio possible pour l'agence de " + pick(PLAIN_TOWNS) + ".", "Café et viennoiseries prévus.", "Durée : 1 h.", "Merci d'être à l'heure."]))
    return out


def n_order():
    co = pick(TRAP_COMPANIES + [c[0] for c in COMPANIES])
    out = [pick(["Commande ", "Cde ", "Suivi commande "]) + order_no() + " – " + co + "\n"]
    out.append("Statut : " + pick(["expédiée", "en préparation", "livrée", "en attente de paiement", "partiellement livrée"]) + "\n")
    out.append("Transporteur : " + pick(["Geodis", "DB Schenker", "Kuehne+Nagel", "Heppner", "DHL Freight"]) + ", suivi " + tracking() + "\n")
    out.append("Livraison prévue le " + meet_date() + " entre " + time_() + " et " + time_() + ", quai " + str(rint(1, 12)) + "\n")
    out.append("Montant : " + amount() + " – facture " + invoice_no() + pick(["", " – acompte reçu", " – échéance 30 jours fin de mois"]))
    return out


def n_stock():
    sep = pick([";", "\t", ","])
    out = [sep.join(["ref", "designation", "qte", "prix_unitaire", "emplacement"]) + "\n"]
    for i in range(rint(4, 8)):
        out.append(sep.join([pick(["KT", "PAC", "SOL", "BRN", "VLV", "FLT"]) + "-" + str(rint(100, 9999)), pick(PRODUCTS).replace(",", ""),
                             str(rint(0, 400)), ("%.2f" % (rint(5, 9000) + 0.9)).replace(".", "," if sep != "," else "."),
                             pick("ABCDEF") + str(rint(1, 30)) + "-" + str(rint(1, 9))]) + "\n")
    return out


def n_build():
    out = []
    for i in range(rint(3, 6)):
        out.append(stamp() + " " + pick(["INFO", "WARN", "INFO", "DEBUG"]) + " " + pick([
            "build " + version() + " started", "release " + version() + " tagged", "firmware " + version() + " pushed to 42 devices",
            "version " + version() + " deployed on staging", "cache cleared (" + str(rint(10, 900)) + " MB)",
            "job sync-erp finished in " + str(rint(2, 300)) + " s", "queue size=" + str(rint(0, 5000)),
            "migration 2025_%02d_%02d_add_index applied" % (rint(1, 12), rint(1, 28))]) + "\n")
    return out


def n_company_news():
    c = pick(TRAP_COMPANIES)
    c2 = pick(COMPANIES)[0]
    out = [pick([c + " a renouvelé son contrat " + contract_no() + " pour " + str(rint(1, 5)) + " ans. ",
                 "Nouveau client : " + c + ", basé à " + pick(PLAIN_TOWNS) + ". ",
                 c + " nous commande " + str(rint(2, 80)) + " " + pick(["panneaux", "bornes", "licences", "contrats d'entretien"]) + ". "]),
           pick(["Le siège de " + c2 + " déménage à " + pick(PLAIN_TOWNS) + " en " + pick(MOIS) + ". ",
                 c2 + " passe en grand compte (CA " + amount().replace(" TTC", "").replace(" HT", "") + "). ",
                 "Partenariat signé avec " + c2 + ", " + pick(TRAP_PHRASES) + ". "]),
           pick(["Prochaine étape : audit le " + meet_date() + ".", "RAS pour le moment.", "À suivre au comité du " + meet_date() + "."])]
    return out


def n_faq():
    qa = [("Quel est le délai d'installation d'une PAC ?", "Comptez 4 à 6 semaines après validation du devis."),
          ("Peut-on payer en plusieurs fois ?", "Oui, en 3 ou 4 fois sans frais au-delà de " + amount() + "."),
          ("Que faire si la borne affiche E" + str(rint(10, 99)) + " ?", "Couper le disjoncteur 30 secondes puis relancer."),
          ("Le contrat Sérénité couvre-t-il les pièces ?", "Oui, hors consommables et hors casse."),
          ("Comment obtenir une facture ?", "Depuis l'espace client, rubrique Documents."),
          ("La garantie est-elle transférable ?", "Oui, en cas de vente du logement, sur simple demande écrite."),
          ("Quelle est la puissance conseillée ?", "Pour 100 m² bien isolés, une PAC de 8 kW suffit en général.")]
    out = ["FAQ interne – " + pick(["SAV", "ventes", "facturation"]) + "\n"]
    for q, a in sample(qa, rint(2, 4)):
        out.append("Q : " + q + "\nR : " + a + "\n")
    return out


def n_kpi():
    out = [pick(["Tableau de bord ", "KPI ", "Reporting "]) + pick(MOIS) + " 2025\n"]
    for k in sample(["CA : " + amount().replace(" TTC", "").replace(" HT", ""), "Devis émis : " + str(rint(40, 900)),
                     "Taux de transformation : " + str(rint(5, 45)) + " %", "NPS : " + str(rint(-20, 70)),
                     "Tickets ouverts : " + str(rint(10, 600)), "Délai moyen de pose : " + str(rint(8, 60)) + " jours",
                     "Impayés > 60 j : " + amount().replace(" TTC", "").replace(" HT", ""), "Appels entrants : " + str(rint(300, 9000))], rint(3, 6)):
        out.append("- " + k + "\n")
    out.append(pick(["Tendance positive.", "Objectif non atteint sur la région " + pick(["Ouest", "Sud-Est", "Nord", "Île-de-France"]) + ".", "Détail par agence en PJ."]))
    return out


def n_ticket():
    out = ["Ticket " + ticket_no() + " – " + pick(["bug d'affichage du calendrier", "lenteur de l'ERP", "export PDF tronqué", "erreur de TVA sur avoir", "synchro agenda KO"]) + "\n"]
    out.append("Priorité : " + pick(["P1", "P2", "P3", "haute", "normale"]) + " – composant : " + pick(["facturation", "planning", "portail client", "API"]) + "\n")
    out.append("Reproduit sur la version " + version() + " et la build " + version() + ".\n")
    out.append(pick(["Contournement : vider le cache.", "Correctif prévu dans la prochaine release.", "Doublon du ticket " + ticket_no() + "."]))
    return out


def n_sms_template():
    out = ["Modèle SMS « " + pick(["rappel RDV", "technicien en route", "relance devis", "satisfaction"]) + " » :\n"]
    out.append(pick(["« Bonjour {{prenom}}, votre RDV est confirmé le {{date}} à {{heure}}. Répondez STOP pour ne plus recevoir de SMS. »",
                     "« Votre technicien arrive dans {{minutes}} min. " + OWNER + " »",
                     "« Bonjour, votre devis {{numero}} expire le {{date}}. Besoin d'aide ? Répondez OUI. »",
                     "« Merci pour votre confiance ! Notez notre intervention de 1 à 5. »"]) + "\n")
    out.append("Longueur : " + str(rint(90, 160)) + " caractères – envoi via " + pick(["Brevo", "Twilio", "OVH SMS", "Octopush"]) + ".")
    return out


def n_logistics():
    co = pick(TRAP_COMPANIES)
    out = ["Planning quais – " + meet_date() + "\n"]
    for i in range(rint(3, 5)):
        out.append(time_() + " – " + pick([co, pick(COMPANIES)[0], "Transports Kervadec", "Boulevard des Artisans", "Rue du Commerce"]) +
                   " – " + str(rint(1, 33)) + " palettes – quai " + str(rint(1, 8)) + pick(["", " – hayon", " – semi", " – porteur 19 t"]) + "\n")
    out.append(pick(["Cariste de permanence jusqu'à 19h.", "Quai 4 en travaux jusqu'au " + meet_date() + ".", "Merci de respecter les créneaux."]))
    return out


def n_json_config():
    out = ["{\n  \"service\": \"" + pick(["crm-sync", "quote-engine", "planning-api"]) + "\",\n  \"version\": \"" + version() + "\",\n"]
    out.append("  \"retry\": " + str(rint(1, 9)) + ",\n  \"timeout_ms\": " + str(rint(500, 30000)) + ",\n")
    out.append("  \"region\": \"" + pick(["eu-west-3", "fr-par", "gra"]) + "\",\n  \"feature_flags\": [\"" + pick(["new_checkout", "dark_mode", "sepa_v2"]) + "\"]\n}")
    return out


def n_minutes_noname():
    out = ["CR " + pick(["comité produit", "réunion qualité", "point sécurité chantier"]) + " du " + meet_date() + "\n"]
    out.append("Présents : service ADV, équipe SAV, direction commerciale, bureau d'études.\n")
    out.append("Décisions : " + pick(["passer au fournisseur " + pick([c[0] for c in COMPANIES]), "augmenter le stock tampon de " + str(rint(5, 40)) + " %",
                                      "lancer la gamme " + pick(["Rose des Vents", "Victoire", "Horizon"]) + " au " + pick(["printemps", "1er trimestre", "salon de " + pick(PLAIN_TOWNS)]),
                                      "mettre à jour la fiche produit du " + pick(PRODUCTS)]) + ".\n")
    out.append("Prochaine réunion : " + meet_date() + ", " + time_() + ", " + pick(ROOMS) + ".")
    return out


NEG_GENS = [n_pricing, n_process, n_meeting, n_order, n_stock, n_build, n_company_news, n_faq, n_kpi,
            n_ticket, n_sms_template, n_logistics, n_json_config, n_minutes_noname]


# ================================================================ web live chat (widget export)
def g_livechat():
    p = new_person()
    ag = staff()
    vis = "Visiteur %d" % rint(1000, 99999)
    ip = ip_any()
    out = ["Transcript chat en ligne – " + stamp()[:16] + "\n"]
    out += ["Page : www." + OWNER_DOM + pick(["/devis", "/contact", "/espace-client", "/pompe-a-chaleur", "/borne-recharge"]) + "\n"]
    out += ["IP visiteur : ", IP(ip), " – " + pick(["Chrome / Windows", "Safari / iOS", "Firefox / Linux", "Edge / Windows"]) + " – localisation approx. " + pick(PLAIN_TOWNS) + "\n"]
    out += ["---\n"]
    h, mi = rint(8, 19), rint(0, 50)
    t = [h * 60 + mi]

    def ts():
        t[0] += rint(0, 3)
        return "(%02d:%02d) " % divmod(t[0], 60)
    named = chance(0.6)

    def V():
        return [PER(p.first)] if named else [vis]
    out += [ts()] + V() + [" : " + pick(["bonjour", "Bonjour, j'ai une question sur ma facture", "allo ?", "bjr je voudrais un devis"]) + "\n"]
    out += [ts(), PER(ag.first), " (" + OWNER + ") : Bonjour, pouvez-vous me donner votre nom et votre e-mail ?\n"]
    out += [ts()] + V() + [" : "] + nm(p, pick(["FL", "low", "LU_F", "F_LU"])) + [pick([" / ", ", ", " – "]), EM(email(p)), "\n"]
    r = R.random()
    if r < 0.35:
        out += [ts()] + V() + [" : et mon tel si besoin ", PH(phone_for(p, mobile=True)), "\n"]
    elif r < 0.55:
        out += [ts()] + V() + [" : je peux vous donner ma carte pour payer ? ", CC(fmt_card(make_card())), "\n"]
        out += [ts(), PER(ag.first), " : Merci de ne pas transmettre votre numéro de carte ici, je vous envoie un lien de paiement sécurisé.\n"]
    elif r < 0.75:
        out += [ts()] + V() + [" : c'est pour le " + pick(["56", "12", "3 bis"]) + " de la rue, mon adresse complète : ", LOC(fr_address(sep=", ")), "\n"]
    out += [ts(), PER(ag.first), " : " + pick(["C'est noté, un conseiller vous rappelle sous 48 h.", "Je vous transfère à ", "Merci, bonne journée !"])]
    if out[-1].endswith("à "):
        out += nm(staff(), pick(["F", "FL"])) + [" (service " + pick(["facturation", "technique", "commercial"]) + ")."]
    out += ["\n" + ts() + "Fin de la conversation (" + pick(["clôturée par l'agent", "visiteur inactif", "visiteur parti"]) + ")"]
    return out


# ================================================================ short one-liners (several kinds)
def g_call_short():
    p = new_person()
    out = nm(p, pick(["civL", "civFL", "FL", "LU_F", "civlow", "low"]))
    out += [pick([" a appelé", " a rappelé", " appel manqué", " cherche à nous joindre", " au tél ce matin"]) + pick([", ", " – ", ". "]),
            pick(["rappeler au ", "dispo au ", "tél : ", "merci de rappeler le "]), PH(phone_for(p)),
            pick(["", ".", " avant " + time_(), " (" + pick(SUBJECTS) + ")"])]
    return out


def g_sms_short():
    p = new_person()
    r = R.random()
    if r < 0.5:
        sig = ([pick([" – ", ", ", " bisous "])] + nm(p, "F")) if chance(0.5) else []
        return [pick(["sms de ", "SMS ", "texto "]), PH(phone_for(p, mobile=True)), " : « " + pick(["ok pour demain", "je serai la a 14h", "bien reçu merci", "annulé désolé"])] + \
            sig + [" »"]
    return [pick(["Envoyé SMS de confirmation à ", "SMS rappel RDV envoyé à "])] + nm(p, pick(["civL", "FL"])) + [" (", PH(phone_for(p, mobile=True)), ")"]


def g_card_short():
    p = new_person()
    c = make_card()
    return [pick(["CB ", "Carte ", "CB n° ", "n° carte "]), CC(fmt_card(c)), pick([" exp ", " – exp. ", " ", " valid. "]) + "%02d/%02d" % (rint(1, 12), rint(25, 31)),
            pick([" – ", " / ", ", "])] + nm(p, pick(["up", "civL", "FL"])) + [pick([" – débit OK " + amount(), " – refusée", " – en attente 3DS", ""])]


def g_delivery_short():
    p = new_person()
    return [pick(["Livrer chez ", "Livraison : ", "Adresse de livraison modifiée : ", "Enlèvement chez "])] + nm(p, pick(["civL", "civFL", "FL"])) + \
        [pick([", ", " – ", " : "]), LOC(fr_address(sep=pick([", ", " "]))), pick(["", ", sonner 2x", " – code " + digicode(), " (laisser au gardien)", "."])]


def g_plate_short():
    p = new_person()
    out = [PLATE(plate()), pick([" – ", " : ", " / "])]
    out += nm(p, pick(["civL", "FL", "iL", "LU_F"]))
    out += [pick([" – rayure porte AV", " – rendu sans le plein", " – PV stationnement", " – pneus OK", " – clé perdue", " – restitué " + meet_date()])]
    return out


def g_url_short():
    p = new_person()
    k = wpick([("li", 5), ("ig", 1), ("fb", 1), ("site", 2), ("gh", 1), ("tt", 1), ("blog", 1), ("cal", 1)])
    lab = {"li": "LinkedIn de ", "ig": "Insta de ", "fb": "Facebook de ", "site": "Site perso de ", "gh": "GitHub de ",
           "tt": "TikTok de ", "blog": "Blog de ", "cal": "Agenda en ligne de "}[k]
    return [pick([lab, lab, "Profil de ", "Trouvé en ligne pour "])] + nm(p, pick(["FL", "civL", "F_LU"])) + [" : ", URL(person_url(p, k))]


def g_nir_short():
    p = new_person()
    y, m, d = birth()
    out = [pick(["NIR de ", "N° sécu ", "Sécu "])] + nm(p, pick(["FL", "civL", "LU_F"])) + [" : ", NIR(fmt_nir(make_nir(p.sex, y, m)))]
    if chance(0.5):
        out += [pick([" (né" + ("e" if p.sex == "F" else "") + " le ", " – DDN "]), DOB(fmt_dob(y, m, d))]
        out += [")" if out[-2].startswith(" (") else ""]
    return out


def g_ip_short():
    p = new_person()
    return [pick(["Connexion suspecte depuis ", "Tentatives de login depuis ", "Dernière connexion : "]), IP(ip_any()),
            pick([" sur le compte ", " pour ", " – compte "]), EM(email(p)), pick(["", " – mot de passe réinitialisé", " – bloqué 24 h"])]


def g_siret_short():
    p = new_person()
    if chance(0.5):
        out = [pick(["Auto-entrepreneur, SIRET ", "SIRET du sous-traitant : ", "Siret "]), SIRET(fmt_siret(make_siret())), " – "]
    else:
        out = [pick(["SIREN ", "N° SIREN : ", "Siren "]), SIREN(fmt_siren(make_siren())), " – "]
    out += nm(p, pick(["FL", "up", "civL"])) + [pick([", " + pick(["plombier", "électricien", "couvreur", "paysagiste", "graphiste"]), ""]),
                                                 pick(["", " – tél ", " – "])]
    if out[-1].endswith("tél "):
        out.append(PH(phone_for(p, mobile=True)))
    elif out[-1] == " – ":
        out.append(EM(email(p)))
    return out


def g_card_dispute():
    p = new_person()
    c = make_card()
    out = [pick(["Contestation CB", "Chargeback", "Opposition bancaire"]) + " – " + invoice_no() + "\n"]
    out += ["Porteur : "] + nm(p, pick(["FL", "up", "civFL"])) + ["\n"]
    out += ["Carte débitée : ", CC(fmt_card(c)), "\n"]
    out += ["Montant contesté : " + amount() + " le " + meet_date() + "\n"]
    out += ["Motif client : " + pick(["double débit", "prestation non réalisée", "ne reconnaît pas l'opération", "abonnement résilié"]) + "\n"]
    out += ["Contact : ", EM(email(p)) if chance(0.6) else PH(phone_for(p)), "\n"]
    out += ["Dossier suivi par "] + nm(staff(), pick(["F", "FL"]))
    return out


def n_short():
    return [pick([
        "Relancer le fournisseur pour la commande " + order_no() + " avant " + time_() + ".",
        "Le devis " + order_no() + " expire le " + meet_date() + ", montant " + amount() + ".",
        "Réunion déplacée au " + meet_date() + " à " + time_() + ", " + pick(ROOMS) + ".",
        pick(TRAP_COMPANIES) + " : facture " + invoice_no() + " réglée (" + amount() + ").",
        "Stock " + pick(PRODUCTS) + " : " + str(rint(0, 90)) + " unités, réassort prévu le " + meet_date() + ".",
        "Ticket " + ticket_no() + " clos, version " + version() + " déployée.",
        "Prix " + pick(TRAP_PHRASES) + " : " + amount() + " le m².",
        "Colis " + tracking() + " bloqué au hub de " + pick(PLAIN_TOWNS) + ".",
        "Le salon de " + pick(PLAIN_TOWNS) + " aura lieu du " + meet_date() + " au " + meet_date() + ", stand " + pick("ABCDE") + str(rint(1, 90)) + ".",
        "Contrat " + contract_no() + " renouvelé par tacite reconduction.",
        "Pas de livraison le " + meet_date() + " (inventaire).",
        "Commande " + order_no() + " : " + str(rint(2, 40)) + " x réf. " + pick(["KT", "SOL", "PAC"]) + "-" + str(rint(100, 999)) + ", " + pick(TRAP_PHRASES) + "."])]



# ================================================================ kinds
KINDS = [
    ("callnote", 90, [g_call_in, g_call_attempts, g_call_summary, g_call_short]),
    ("mailthread", 80, [g_reply_quoted, g_outlook_chain, g_english_reply]),
    ("forward", 60, [g_forward_gmail, g_forward_internal]),
    ("ticket", 70, [g_helpdesk, g_bug_report, g_escalation]),
    ("complaint", 70, [g_letter, g_complaint_summary, g_mediator]),
    ("sms", 85, [g_sms_thread, g_sms_single, g_whatsapp, g_sms_short]),
    ("csv", 60, [g_csv_contacts, g_csv_import_errors, g_csv_payments]),
    ("tsv", 35, [g_tsv_contacts, g_tsv_fleet, g_tsv_visits]),
    ("webform", 75, [g_contact_form, g_quote_form, g_account_creation]),
    ("audit", 45, [g_field_changes, g_merge]),
    ("payload", 45, [g_webhook_json, g_logfmt]),
    ("vcard", 50, [g_vcard, g_ocr_card]),
    ("transcript", 60, [g_call_transcript, g_stt_raw]),
    ("recruit", 45, [g_candidate, g_cv_parse]),
    ("gdpr", 40, [g_gdpr_request, g_gdpr_log]),
    ("dunning", 55, [g_dunning, g_payment_plan]),
    ("intervention", 65, [g_tech_report, g_planning]),
    ("claim", 50, [g_claim_auto, g_claim_home]),
    ("handover", 25, [g_handover]),
    ("event", 40, [g_event_list, g_badge_scan]),
    ("teamchat", 55, [g_teams, g_slack_thread]),
    ("webchat", 50, [g_livechat]),
    ("npai", 30, [g_npai]),
    ("survey", 25, [g_survey]),
    ("sqlout", 30, [g_psql, g_mysql_vertical]),
    ("tenant", 45, [g_tenant, g_sepa_mandate]),
    ("hr", 80, [g_onboarding, g_mutuelle, g_sick_leave, g_nir_short]),
    ("itlog", 80, [g_auth_log, g_nginx, g_fw_log, g_dhcp, g_ip_short]),
    ("fleet", 70, [g_fleet_note, g_fine, g_parking, g_plate_short]),
    ("webpresence", 55, [g_enrich, g_social_mention, g_url_short]),
    ("export", 65, [g_foreign_contact, g_intl_shipping]),
    ("memo", 70, [g_memo_line, g_memo_stack]),
    ("voicemsg", 65, [g_vm_auto, g_vm_manual]),
    ("paperform", 50, [g_paper_form, g_postit]),
    ("minutes_table", 45, [g_cr_table, g_cr_copro]),
    ("delivery_note", 70, [g_delivery_instr, g_address_change, g_relay, g_delivery_short]),
    ("payment", 125, [g_rib_change, g_card_phone, g_refund, g_supplier_sheet, g_card_short, g_card_dispute,
                      g_siret_short, g_card_short, g_card_dispute]),
    ("negative", 245, NEG_GENS + [n_short, n_short, n_short]),
]
NO_TYPO = {"payload", "sqlout", "itlog", "csv", "tsv", "vcard"}
NO_CAPS = {"payload", "sqlout", "itlog"}
LOWER_PRONE = {"sms", "memo", "voicemsg", "teamchat"}


def pick_tf(kind):
    tf = Tf()
    r = R.random()
    if kind not in NO_CAPS and r < 0.055:
        tf.caps = True
        tf.keep_web = chance(0.6)
    elif kind not in NO_CAPS and r < 0.055 + (0.16 if kind in LOWER_PRONE else 0.03):
        tf.lower = True
    if kind not in ("payload", "sqlout") and chance(0.08):
        tf.noacc = True
    if kind not in NO_TYPO and chance(0.08):
        tf.typo = 0.12
    return tf


# ================================================================ checks
PUNCT_OK_START = {"PHONE_NUMBER": "+("}
DICT_WORDS = re.compile(r"\b(z[ée]ro|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|double)\b", re.I)
PLATE_RE = re.compile(r"^(?:[A-Z]{2}(?:-| - |\.| )?\d{3}(?:-| - |\.| )?[A-Z]{2}|\d{1,4}(?:-| )?[A-Z]{1,3}(?:-| )?(?:\d{2,3}|2A|2B))$")
DATE_RE = re.compile(r"^(\d{1,2}[/.\-]\d{1,2}[/.\-](\d{2}|\d{4})|\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|(1er|\d{1,2}|[a-zéèû\-]+) [a-zéèûA-ZÉÈÛ.]+ \d{4})$", re.I)
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")


class CheckError(Exception):
    pass


COLLECT = None  # debugging aid: a Counter to collect failures instead of raising


def fail(msg, rec):
    if COLLECT is not None:
        COLLECT[msg.split(":")[0] + ": " + msg.split(":")[-1].strip()[:40]] += 1
        return
    raise CheckError(msg + "\n" + json.dumps(rec, ensure_ascii=False)[:3000])


def check_span_value(t, v, rec):
    if v != v.strip() or not v:
        fail("space at edge %r" % v, rec)
    if not (v[0].isalnum() or v[0] in PUNCT_OK_START.get(t, "")):
        fail("bad first char %r" % v, rec)
    if not v[-1].isalnum():
        fail("bad last char %r" % v, rec)
    u = v.upper()
    if t == "CREDIT_CARD":
        d = re.sub(r"[ .\-]", "", v)
        if not (d.isdigit() and len(d) in (15, 16) and luhn_ok(d)):
            fail("card %r" % v, rec)
    elif t == "IBAN_CODE":
        if not iban_valid(v) or v[:2].upper() not in IBAN_COUNTRIES:
            fail("iban %r" % v, rec)
    elif t == "FR_NIR":
        if not nir_valid(v):
            fail("nir %r" % v, rec)
    elif t == "FR_SIREN":
        d = re.sub(r"[ .]", "", v)
        if not (len(d) == 9 and d.isdigit() and luhn_ok(d)):
            fail("siren %r" % v, rec)
    elif t == "FR_SIRET":
        d = re.sub(r"[ .]", "", v)
        if not (len(d) == 14 and d.isdigit() and luhn_ok(d)):
            fail("siret %r" % v, rec)
    elif t == "IP_ADDRESS":
        x = v
        if x.count(":") == 1 and "." in x:
            x, port = x.split(":")
            if not (port.isdigit() and 0 < int(port) < 65536):
                fail("port %r" % v, rec)
        try:
            ipaddress.ip_address(x)
        except ValueError:
            fail("ip %r" % v, rec)
        if ":" in x and any(len(g) > 4 for g in x.split(":")):
            fail("ipv6 group %r" % v, rec)
    elif t == "PHONE_NUMBER":
        nd = sum(c.isdigit() for c in v)
        if nd < 6 and not DICT_WORDS.search(v):
            fail("phone %r" % v, rec)
        if re.search(r"[^\d +().\-/a-zàâçéèêëîïôûùüÿœ,]", v, re.I):
            fail("phone chars %r" % v, rec)
    elif t == "EMAIL_ADDRESS":
        if not (EMAIL_RE.match(v) or re.search(r"\b(arobase|at|a commercial)\b", v, re.I)):
            fail("email %r" % v, rec)
    elif t == "FR_LICENSE_PLATE":
        if not PLATE_RE.match(u):
            fail("plate %r" % v, rec)
    elif t == "DATE_TIME":
        if not DATE_RE.match(v.lower()):
            fail("dob %r" % v, rec)
    elif t == "URL":
        if " " in v or "." not in v or v.endswith("/"):
            fail("url %r" % v, rec)
    elif t == "PERSON":
        if any(c.isdigit() for c in v) or "@" in v:
            fail("person %r" % v, rec)
    elif t == "LOCATION":
        if not any(c.isalpha() for c in v):
            if not re.fullmatch(r"\d{5}", v):
                fail("location %r" % v, rec)


def check_record(rec, first_pass_values=None):
    text, spans = rec["text"], rec["spans"]
    prev_end = -1
    for i, (t, s, e) in enumerate(spans):
        if t not in TYPES:
            fail("type " + t, rec)
        if not (0 <= s < e <= len(text)):
            fail("range", rec)
        if s < prev_end:
            fail("overlap/unsorted", rec)
        prev_end = e
        v = text[s:e]
        if first_pass_values is not None and v != first_pass_values[i]:
            fail("value mismatch %r %r" % (v, first_pass_values[i]), rec)
        if s > 0 and text[s - 1].isalnum():
            fail("glued left %r" % v, rec)
        if e < len(text) and text[e].isalnum():
            fail("glued right %r" % v, rec)
        check_span_value(t, v, rec)
    if rec["kind"] == "negative" and spans:
        fail("negative with spans", rec)
    if rec["kind"] != "negative" and not spans:
        fail("positive without spans", rec)


# leak detectors run on the plain (unlabelled) pieces of every text
LEAK_RES = [("email", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+\.[A-Za-z]{2,}")),
            ("phone", re.compile(r"(?<![\dA-Za-z])(?:\+[1-9]\d{1,2}[ .]?\d|0[1-9](?:[ .\-]?\d{2}){4})(?!\d)")),
            ("url", re.compile(r"(linkedin|facebook|instagram|github|twitter|x|malt|tiktok|youtube|doctolib|calendly|linktr|bsky|mastodon|medium|behance|about|viadeo|wordpress|blogspot|substack)\.[a-z]{2,}", re.I)),
            ("plate", re.compile(r"\b[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}\b"))]
IPV4_RE = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])")
VERSION_CTX = re.compile(r'(version|build|firmware|release|v|jour|chrome/|internet|firefox/|safari|edge)["\s:]*$', re.I)
MAC_RE = re.compile(r"^([0-9a-f]{2}:){5}[0-9a-f]{2}$", re.I)
V6_CAND = re.compile(r"[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:]*")

NAME_STOP = {"de", "la", "le", "du", "des", "d", "l", "n", "h", "van", "den", "el", "ben", "saint", "ange",
             "dos", "da", "ait", "o", "vu", "ba", "do", "sy", "ly"}


def norm_tok(w):
    return strip_accents(w).lower()


def build_name_tokens():
    toks = set()
    pools = F_FIRST + M_FIRST + LAST_ALL + WORLD_F + WORLD_M + WORLD_LAST
    for d in FOREIGN.values():
        pools += d["F"] + d["M"] + d["L"]
    for n in pools:
        for t in re.split(r"[\s\-']+", n):
            if t:
                toks.add(norm_tok(t))
    common = set()
    for n in COMMON_F + COMMON_M + COMMON_LAST:
        common.add(norm_tok(n))
    # tokens that are also ordinary words or appear in the fixed vocabulary on purpose
    common |= NAME_STOP
    common |= {norm_tok(w) for w in re.findall(r"[A-Za-zÀ-ÿœ]+", " ".join(TRAP_COMPANIES + ROOMS + TRAP_PHRASES))}
    return toks - common


_NT = []


def _name_tokens():
    if not _NT:
        _NT.append(build_name_tokens())
    return _NT[0]


def leak_check(rec, plains, name_toks):
    plain = "\x00".join(plains)
    for name, rx in LEAK_RES:
        m = rx.search(plain)
        if m:
            fail("leak %s: %r" % (name, m.group(0)), rec)
    for m in IPV4_RE.finditer(plain):
        if all(int(g) <= 255 for g in m.groups()) and not VERSION_CTX.search(plain[max(0, m.start() - 12):m.start()]):
            fail("leak ipv4: %r" % m.group(0), rec)
    for m in re.finditer(r"\b[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]{4}){3,7}(?:[ \-]?[A-Z0-9]{1,3})?", plain):
        if m.group(0)[:2] in IBAN_COUNTRIES and iban_valid(m.group(0)):
            fail("leak iban: %r" % m.group(0), rec)
    for m in re.finditer(r"(?<!\d)\d{15,16}(?!\d)", plain):
        if luhn_ok(m.group(0)) and len(m.group(0)) == 16 or nir_valid(m.group(0)):
            fail("leak long digits: %r" % m.group(0), rec)
    for m in V6_CAND.finditer(plain):
        c = m.group(0).strip(":")
        if c.count(":") >= 2 and not MAC_RE.match(c) and ("::" in c or c.count(":") >= 4):
            try:
                ipaddress.IPv6Address(c)
                fail("leak ipv6: %r" % c, rec)
            except ValueError:
                pass
    for w in re.findall(r"[A-Za-zÀ-ÿœŒ]+", plain):
        if norm_tok(w) in name_toks:
            fail("leak name token: %r" % w, rec)


# ================================================================ main
def generate():
    plan = []
    for kind, n, gens in KINDS:
        for i in range(n):
            plan.append((kind, gens[i % len(gens)]))
    R.shuffle(plan)
    name_toks = build_name_tokens()
    records, seen = [], set()
    tf_count = Counter()
    gen_count = Counter()
    for idx, (kind, gen) in enumerate(plan):
        for attempt in range(50):
            parts = gen()
            tf = pick_tf(kind)
            text, spans, plains = render(parts, tf)
            if kind != "negative" and not spans:
                continue
            if text in seen:
                continue
            break
        else:
            raise RuntimeError("could not generate " + kind)
        seen.add(text)
        rec = {"id": "f-%04d" % (idx + 1), "kind": kind, "text": text, "spans": spans}
        values = [text[s:e] for _, s, e in spans]
        # first pass: the value we inserted is exactly what the offsets point to
        vals_inserted = []
        for x in flatten(parts):
            if not isinstance(x, str):
                vals_inserted.append(x)
        assert len(vals_inserted) == len(spans)
        for (t, v), (t2, s, e) in zip(vals_inserted, spans):
            exp = v
            if tf.caps and not (t in ("EMAIL_ADDRESS", "URL") and tf.keep_web):
                exp = exp.upper()
            elif tf.lower:
                exp = exp.lower()
            if tf.noacc:
                exp = strip_accents(exp)
            if text[s:e] != exp or t != t2:
                fail("inserted value mismatch %r" % v, rec)
        check_record(rec, values)
        leak_check(rec, plains, name_toks)
        for l in tf.label():
            tf_count[l] += 1
        gen_count[gen.__name__] += 1
        records.append(rec)
    return records, tf_count, gen_count


def write(records):
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def reread_and_check():
    ids = set()
    recs = []
    with open(OUT, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if set(r) != {"id", "kind", "text", "spans"}:
                raise CheckError("keys " + r["id"])
            if r["id"] in ids:
                raise CheckError("duplicate id " + r["id"])
            ids.add(r["id"])
            check_record(r)
            recs.append(r)
    return recs


def stats(recs, tf_count, gen_count):
    kinds = Counter(r["kind"] for r in recs)
    kspans = Counter()
    types = Counter()
    for r in recs:
        kspans[r["kind"]] += len(r["spans"])
        for t, s, e in r["spans"]:
            types[t] += 1
    print("texts: %d   spans: %d   generators used: %d" % (len(recs), sum(types.values()), len(gen_count)))
    print("\n| kind | texts | spans |\n|---|---:|---:|")
    for k, _, _ in KINDS:
        print("| %s | %d | %d |" % (k, kinds[k], kspans[k]))
    print("| **total** | **%d** | **%d** |" % (len(recs), sum(kspans.values())))
    print("\n| type | spans |\n|---|---:|")
    for t in TYPES:
        print("| %s | %d |" % (t, types[t]))
    print("| **total** | **%d** |" % sum(types.values()))
    # details used in the README
    det = Counter()
    lines = Counter()
    tot_len = 0
    for r in recs:
        tx = r["text"]
        tot_len += len(tx)
        n = tx.count("\n") + 1
        lines["1-3" if n <= 3 else "4-8" if n <= 8 else "9-15" if n <= 15 else "16+"] += 1
        for t, s, e in r["spans"]:
            v = tx[s:e]
            if t == "PERSON":
                if " " not in v:
                    det["person one word"] += 1
                if v == v.lower():
                    det["person lower"] += 1
                if v == v.upper():
                    det["person upper"] += 1
            elif t == "PHONE_NUMBER":
                if DICT_WORDS.search(v):
                    det["phone dictated"] += 1
                elif v.startswith(("+33", "0033", "(+33)")) or re.match(r"^0[1-9]", v):
                    det["phone FR-shaped"] += 1
                else:
                    det["phone other (foreign / overseas intl)"] += 1
            elif t == "EMAIL_ADDRESS":
                if "@" not in v:
                    det["email dictated"] += 1
            elif t == "IP_ADDRESS":
                if ":" in v and "." in v:
                    det["ipv4 with port"] += 1
                elif ":" in v:
                    det["ipv6"] += 1
                else:
                    det["ipv4"] += 1
            elif t == "LOCATION":
                if "\n" in v:
                    det["location multi-line"] += 1
                if re.fullmatch(r"\d{5}", v) or not re.search(r"\d", v):
                    det["location single field (postcode or town or lieu-dit)"] += 1
            elif t == "IBAN_CODE":
                det["iban " + re.sub(r"[^A-Za-z]", "", v)[:2].upper()] += 1
            elif t == "CREDIT_CARD":
                d = re.sub(r"\D", "", v)
                det["card " + ("amex" if len(d) == 15 else "visa" if d[0] == "4" else "mastercard")] += 1
            elif t == "FR_LICENSE_PLATE":
                det["plate " + ("SIV" if re.match(r"^[A-Z]{2}", v.upper()) else "FNI")] += 1
    print("\nlines:", dict(lines), " mean length: %.0f" % (tot_len / len(recs)))
    print("transformations:", dict(tf_count))
    for k in sorted(det):
        print("  %s: %d" % (k, det[k]))
    neg = [g for g in gen_count if g.startswith("n_")]
    print("\ngenerators: %d (%d for positive kinds, %d for negatives)" % (len(gen_count), len(gen_count) - len(neg), len(neg)))


def main():
    records, tf_count, gen_count = generate()
    write(records)
    recs = reread_and_check()
    assert len(recs) == len(records)
    stats(recs, tf_count, gen_count)


if __name__ == "__main__":
    main()
