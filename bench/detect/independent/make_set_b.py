#!/usr/bin/env python3
"""Independent evaluation set B for the French PII detector.

Writes ``set_b.jsonl`` next to this script: long, varied French CRM free-text
(pasted e-mails with greetings and signature blocks, forwarded threads, meeting
minutes, support tickets with logs, CSV pastes, bulleted contact sheets, call
notes, foreign contacts, franglais, CAPITALS, no accents, typos, negatives).

Labels follow ``bench/detect/ANNOTATION.md``.  Every text is assembled from
pieces; a labelled piece records its own offsets, so ``text[start:end]`` is the
labelled value by construction, and a validator checks every record at
generation time (bounds, no overlap, no surrounding whitespace/punctuation,
token boundaries, value match).

Standard library only, seeded, deterministic::

    python3 bench/detect/independent/make_set_b.py            # write + stats
    python3 bench/detect/independent/make_set_b.py --show 40  # hand-check sample

All names, numbers and addresses come from this file (own lists, own
check-digit code); nothing is read from the detector package.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import ipaddress
import json
import os
import random
import re
import string
import unicodedata

SEED = 20250313
N_TARGET = {
    "email": 220,
    "thread": 150,
    "minutes": 80,
    "ticket": 90,
    "csv": 55,
    "list": 75,
    "note": 110,
    "foreign": 150,
    "mixed_en": 50,
    "caps": 45,
    "noaccent": 55,
    "typo": 45,
    "negative": 210,
}
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "set_b.jsonl")

R = random.Random(SEED)

PER, MAIL, TEL, IBAN, CARD, NIR, IP, LOC, DOB, URL, PLATE, SIREN, SIRET = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "IBAN_CODE",
    "CREDIT_CARD",
    "FR_NIR",
    "IP_ADDRESS",
    "LOCATION",
    "DATE_TIME",
    "URL",
    "FR_LICENSE_PLATE",
    "FR_SIREN",
    "FR_SIRET",
)
TYPES = [PER, MAIL, TEL, IBAN, CARD, NIR, IP, LOC, DOB, URL, PLATE, SIREN, SIRET]


def pick(seq):
    return R.choice(seq)


def chance(p):
    return R.random() < p


def wpick(pairs):
    """Weighted choice from [(value, weight), ...]."""
    tot = sum(w for _, w in pairs)
    x = R.random() * tot
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def W(s):
    """Whitespace-separated word list."""
    return s.split()


def SC(s):
    """Semicolon-separated list (for names with spaces)."""
    return [x.strip() for x in s.split(";") if x.strip()]


# ---------------------------------------------------------------------------
# First names (own lists, by origin)
# ---------------------------------------------------------------------------
FIRST_M = {
    "fr": W("""Jean Pierre Paul Jacques Michel Philippe Alain Bernard Christophe Frédéric Laurent
        Nicolas Olivier Stéphane Thierry Éric Patrick Didier Pascal Sébastien Julien Guillaume Maxime
        Thomas Antoine Alexandre Hugo Lucas Louis Gabriel Arthur Raphaël Léo Théo Nathan Mathis
        Baptiste Clément Romain Florian Kévin Jérôme Cédric Fabrice Franck Gilles Hervé Yves Gérard
        Daniel Marc Luc Denis Benoît Grégoire Aurélien Damien Jérémy Vincent Xavier Yannick Loïc Gaël
        Erwan Tanguy Jean-Aimé Jean-Pierre Jean-Marc Jean-François Pierre-Yves Jean-Baptiste
        Marc-Antoine François Benjamin Victor Noël Bruno Serge Régis Joël Lionel Arnaud Mickaël Quentin
        Valentin Adrien Timothée Gauthier Enzo Dylan Jordan Axel Killian Matthieu Cyril Ludovic Rémi
        Samuel Simon Étienne Jules Octave Honoré Gustave Marcel René Roger André Henri Claude Ange
        Jean-Luc Paul-Henri Côme Eudes Anatole"""),
    "maghreb": W("""Mohamed Mehdi Karim Yacine Rachid Samir Nabil Sofiane Bilal Hamza Youssef Amine Khalid
        Omar Ilyes Walid Farid Abdelkader Mourad Hakim Nordine Redouane Saïd Tarik Anis Riad Zakaria
        Hicham Driss Abdellah Mounir Brahim"""),
    "westafr": W("""Mamadou Moussa Ibrahima Ousmane Abdoulaye Seydou Cheikh Koffi Yao Adama Babacar
        Boubacar Modibo Lamine Kwame"""),
    "pt": W("João Manuel António José Rui Tiago Nuno Paulo Fernando Sérgio"),
    "es": W("Javier Alejandro Pablo Álvaro Diego Carlos Miguel Sergio Raúl Jorge Íñigo Jesús"),
    "it": W(
        "Giuseppe Giovanni Marco Luca Matteo Alessandro Lorenzo Stefano Davide Riccardo Federico Gianluca"
    ),
    "de": W("Hans Klaus Jürgen Stefan Andreas Markus Lukas Jonas Matthias Reto Urs Beat Tobias Uwe Dieter"),
    "nl": W("Wouter Pieter Jan Bram Dirk Koen Joris Stijn Thijs Geert"),
    "en": W("""John James Michael David Robert William Oliver Harry George Jack Ryan Tyler Matthew
        Christopher Andrew"""),
    "asia": W(
        "Minh Thanh Duc Quang Huy Long Wei Jun Hao Lei Hiroshi Kenji Takashi Arjun Ravi Vikram Rahul Ji-ho"
    ),
    "east": W("Piotr Tomasz Dmitri Vladimir Bogdan Andrei Sergueï Mikhail Pavel Oleksandr"),
    "tr": W("Mehmet Emre Burak Mustafa Can"),
    "arm": W("Aram Tigran Hovhannes"),
}
FIRST_F = {
    "fr": W("""Claire Sophie Julie Camille Léa Manon Chloé Emma Inès Sarah Laura Marie Anne Isabelle
        Nathalie Sandrine Céline Valérie Stéphanie Christine Catherine Sylvie Martine Brigitte Françoise
        Monique Hélène Élodie Aurélie Émilie Audrey Mélanie Virginie Caroline Delphine Agnès Béatrice
        Géraldine Pascale Laurence Véronique Corinne Patricia Florence Nadine Josiane Odile Solène Margaux
        Juliette Louise Alice Jeanne Zoé Lucie Clémence Pauline Anaïs Océane Maëlle Gaëlle Ségolène
        Bérénice Noémie Charlotte Mathilde Capucine Victoire Apolline Héloïse Marie-Claire Anne-Sophie
        Marie-Hélène Marie-Laure Anne-Laure Rose Nancy Lorraine Maud Estelle Élise Ophélie Coralie Justine
        Morgane Gwenaëlle Soizic Maïwenn Nolwenn Ginette Huguette Jacqueline Colette Mireille Bernadette
        Éléonore Perrine Axelle Romane Jade Lou Ambre Dominique"""),
    "maghreb": W("""Fatima Samira Nadia Leïla Yasmine Amira Salma Khadija Meriem Sonia Imane Nour Zineb
        Houria Malika Aïcha Soraya Djamila Rania Lina Naïma Sabrina Farida Hanane Kenza Loubna Siham
        Ghizlane"""),
    "westafr": W("Aminata Fatoumata Aïssatou Mariama Awa Kadiatou Aya Ndeye Binta Coumba Rokia Adjoa"),
    "pt": W("Joana Ana Maria Rita Beatriz Catarina Filipa Inês"),
    "es": W("Lucía Carmen Elena Sofía Mercedes Pilar Marta Nuria Rocío Begoña Ainhoa"),
    "it": W("Francesca Giulia Chiara Valentina Federica Paola Alessia Martina Elisa Silvia"),
    "de": W("Anna Katrin Sabine Ursula Birgit Heike Jana Franziska Regula Barbara Petra"),
    "nl": W("Lotte Sanne Els Annelies Griet Ine Femke Lieve"),
    "en": W("Emily Jessica Jennifer Ashley Olivia Amelia Megan Brittany Kimberly Hannah Lauren Rebecca"),
    "asia": W(
        "Linh Hoa Lan Mai Thao Huong Ngoc Mei Xiu Ying Jing Yan Lili Yuki Aiko Sakura Priya Ananya Deepa Seo-yeon"
    ),
    "east": W("Katarzyna Agnieszka Oksana Natalia Irina Olga Ioana Svetlana Anastasia Ewa"),
    "tr": W("Ayşe Elif Zeynep Esra"),
    "arm": W("Anahit Lusine Nare"),
}

# ---------------------------------------------------------------------------
# Last names (own lists, by origin)
# ---------------------------------------------------------------------------
LAST = {
    "fr": SC("""Martin; Bernard; Thomas; Petit; Robert; Richard; Durand; Dubois; Moreau; Laurent; Simon;
        Michel; Lefebvre; Leroy; Roux; David; Bertrand; Morel; Fournier; Girard; Bonnet; Dupont; Lambert;
        Fontaine; Rousseau; Vincent; Muller; Lefèvre; Faure; André; Mercier; Blanc; Guérin; Boyer; Garnier;
        Chevalier; François; Legrand; Gauthier; Perrin; Robin; Clément; Morin; Nicolas; Henry; Roussel;
        Mathieu; Gautier; Masson; Marchand; Duval; Denis; Dumont; Marie; Lemaire; Noël; Meyer; Dufour;
        Meunier; Brun; Blanchard; Giraud; Joly; Rivière; Lucas; Brunet; Gaillard; Barbier; Arnaud; Gérard;
        Roche; Renard; Schmitt; Roy; Leroux; Colin; Vidal; Caron; Picard; Roger; Fabre; Aubert; Lemoine;
        Renaud; Dumas; Lacroix; Olivier; Philippe; Bourgeois; Pierre; Benoît; Rey; Leclerc; Payet; Rolland;
        Leclercq; Guillaume; Lecomte; Jean; Dupuy; Guillot; Hubert; Berger; Carpentier; Dupuis; Moulin;
        Louis; Deschamps; Huet; Vasseur; Boucher; Fleury; Royer; Klein; Jacquet; Adam; Poirier; Marty;
        Aubry; Guyot; Carré; Charles; Renault; Charpentier; Ménard; Maillard; Baron; Bertin; Bailly; Hervé;
        Collet; Léger; Bouvier; Julien; Prévost; Millet; Perrot; Daniel; Le Roux; Cousin; Germain; Breton;
        Besson; Langlois; Rémy; Le Goff; Pelletier; Lévêque; Perrier; Leblanc; Barré; Lebrun; Marchal;
        Mallet; Hamon; Boulanger; Jacob; Monnier; Michaud; Guichard; Gillet; Étienne; Grondin; Poulain;
        Tessier; Chevallier; Collin; Chauvin; Bouchet; Gay; Lemaître; Bénard; Maréchal; Humbert; Reynaud;
        Antoine; Hoarau; Perret; Barthélemy; Cordier; Pichon; Lejeune; Gilbert; Lamy; Delaunay; Pasquier;
        Carlier; Laporte; Le Bihan; Kerjean; Quéméner; Tanguy; Le Floch; Morvan; Riou; Cadiou; de La Tour;
        de Villeneuve; d'Aubigné; de Montaigu; de La Roche; du Plessis; de Kerguelen; Le Bris; Martin-Lavigne;
        Dubois-Lefort; Bernard-Dulac; Savary; Peyrot; Castaing; Lacoste; Etcheverry; Larrieu; Casanova;
        Santoni; Filippi; Ollivier; Jourdan; Vallet; Thibault; Marechal; Hénaff; Salaün; Lagarde; Delmas"""),
    "maghreb": SC("""Benali; Bensaïd; El Amrani; Belkacem; Bouzid; Haddad; Mansouri; Cherif; Brahimi;
        Benyahia; Hamidi; Khelifi; Saïdi; Boumediene; Meziane; Ait Ouali; Aït-Ahmed; Zerrouki; Bouaziz;
        Chaoui; Ben Salah; Trabelsi; Ben Ammar; Jaziri; Gharbi; Mejri; Benhamou; Ouali; Boukhari; Kaci"""),
    "ma": SC("""El Idrissi; Alaoui; Bennani; Tazi; Chraibi; Berrada; Lahlou; Benjelloun; Fassi-Fihri;
        El Fassi; Ouazzani; Kettani; Sqalli; Benkirane; Amrani; Lamrani; Bouhaddou; Cherkaoui; Zniber;
        Sebti; Benchekroun; Bouzoubaa"""),
    "westafr": SC("""Diallo; N'Diaye; Traoré; Koné; Diop; Sow; Camara; Cissé; Touré; Coulibaly; Ba; Fofana;
        Keita; Sylla; Konaté; Kouassi; Mensah; Okafor; Adeyemi; Ndongo"""),
    "pt": SC("""Da Silva; Pereira; Dos Santos; Ferreira; Rodrigues; Oliveira; Carvalho; Gomes; Fernandes;
        Costa; Martins; Sousa; Teixeira; Lopes; Almeida; Ribeiro"""),
    "es": SC("""García; González; Fernández; López; Martínez; Sánchez; Pérez; Gómez; Díaz; Romero; Navarro;
        Torres; Ruiz; Jiménez; Moreno; Álvarez; Muñoz; Ortega; Castillo; Rubio; Serrano"""),
    "it": SC("""Rossi; Russo; Ferrari; Esposito; Bianchi; Romano; Colombo; Ricci; Marino; Greco; Bruno;
        Gallo; Conti; De Luca; Mancini; Giordano; Rizzo; Lombardi; Moretti; Barbieri"""),
    "de": SC("""Müller; Schmidt; Schneider; Fischer; Wagner; Becker; Hoffmann; Schäfer; Koch; Bauer; Richter;
        Zimmermann; Krüger; Hartmann; Lange; Werner; Schulz; Neumann"""),
    "ch": SC("""Meier; Schmid; Keller; Weber; Huber; Steiner; Gerber; Brunner; Baumann; Frei; Moser; Widmer;
        Wyss; Graf; Favre; Rochat; Bonvin; Chappuis; Jaquet; Cuénod; Zbinden"""),
    "be": SC("""Peeters; Janssens; Maes; Jacobs; Mertens; Willems; Claes; Goossens; Wouters; De Smet;
        Vermeulen; Van Damme; Van den Broeck; Hermans; Michiels; Desmet; Collignon; Lambrechts; Van der Berg;
        De Vries; Dethier; Jacquemin"""),
    "lu": SC("Schmit; Thill; Kremer; Schroeder; Reuter; Majerus; Hoffmann; Wagner"),
    "en": SC("""Smith; Jones; Taylor; Brown; Williams; Wilson; Johnson; Davies; Evans; Roberts; Walker;
        Wright; Thompson; Miller; Davis; Anderson; Jackson; White; Harris; O'Brien; O'Connor; McDonald;
        Murphy; Clarke; Hughes; Patterson"""),
    "asia": SC("""Nguyen; Tran; Pham; Hoang; Vu; Dang; Bui; Ngo; Wang; Li; Zhang; Liu; Chen; Yang; Huang;
        Zhao; Wu; Zhou; Tanaka; Suzuki; Sato; Watanabe; Kim; Park; Choi; Sharma; Patel; Singh; Gupta; Truong"""),
    "east": SC("""Kowalski; Nowak; Wiśniewski; Lewandowski; Kamiński; Popescu; Ionescu; Ivanov; Petrov;
        Smirnov; Kovalenko; Shevchenko; Papadopoulos; Georgiou; Novák; Horváth"""),
    "tr": SC("Yılmaz; Kaya; Demir; Şahin; Çelik; Öztürk; Aydın; Arslan"),
    "arm": SC("Petrossian; Hakobyan; Sarkissian; Manoukian; Khatchadourian; Der Sarkissian"),
    "qc": SC("""Tremblay; Gagnon; Côté; Bouchard; Lavoie; Fortin; Gagné; Ouellet; Bélanger; Lévesque;
        Bergeron; Paquette; Simard; Cloutier; Desjardins"""),
}


def _dedup(seq):
    out, seen = [], set()
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


ALL_FIRST = _dedup([n for d in (FIRST_M, FIRST_F) for v in d.values() for n in v])
ALL_LAST = _dedup([n for v in LAST.values() for n in v])
assert len(ALL_FIRST) >= 300, len(ALL_FIRST)
assert len(ALL_LAST) >= 400, len(ALL_LAST)

# ---------------------------------------------------------------------------
# Geography
# ---------------------------------------------------------------------------
FR_TOWNS = [
    tuple(x.split(" ", 1))
    for x in SC("""75002 Paris; 75011 Paris; 75015 Paris; 75018 Paris;
    69003 Lyon; 69007 Lyon; 13008 Marseille; 31000 Toulouse; 06000 Nice; 44000 Nantes; 67000 Strasbourg;
    34000 Montpellier; 33000 Bordeaux; 59000 Lille; 35000 Rennes; 51100 Reims; 42000 Saint-Étienne;
    83000 Toulon; 38000 Grenoble; 21000 Dijon; 49000 Angers; 30000 Nîmes; 69100 Villeurbanne;
    63000 Clermont-Ferrand; 72000 Le Mans; 13100 Aix-en-Provence; 29200 Brest; 37000 Tours; 80000 Amiens;
    87000 Limoges; 74000 Annecy; 66000 Perpignan; 92100 Boulogne-Billancourt; 57000 Metz; 25000 Besançon;
    45000 Orléans; 76000 Rouen; 93100 Montreuil; 68100 Mulhouse; 14000 Caen; 54000 Nancy; 92000 Nanterre;
    95000 Cergy; 94000 Créteil; 64000 Pau; 17000 La Rochelle; 56100 Lorient; 29000 Quimper;
    22000 Saint-Brieuc; 85000 La Roche-sur-Yon; 86000 Poitiers; 79000 Niort; 16000 Angoulême;
    24000 Périgueux; 47000 Agen; 40000 Mont-de-Marsan; 65000 Tarbes; 09000 Foix; 11000 Carcassonne;
    12000 Rodez; 46100 Figeac; 81000 Albi; 82000 Montauban; 84000 Avignon; 26000 Valence; 07000 Privas;
    73000 Chambéry; 01000 Bourg-en-Bresse; 71000 Mâcon; 58000 Nevers; 18000 Bourges; 03100 Montluçon;
    19100 Brive-la-Gaillarde; 20000 Ajaccio; 20200 Bastia; 24260 Le Bugue; 29770 Plogoff; 05100 Briançon;
    39000 Lons-le-Saunier; 88000 Épinal; 52000 Chaumont; 61000 Alençon; 50100 Cherbourg-en-Cotentin;
    64500 Saint-Jean-de-Luz; 78000 Versailles; 91300 Massy; 77000 Melun; 60200 Compiègne;
    62000 Arras; 02100 Saint-Quentin; 08000 Charleville-Mézières; 10000 Troyes; 89000 Auxerre""")
]
DOM_TOWNS = [
    tuple(x.split(" ", 1))
    for x in SC("""97400 Saint-Denis; 97410 Saint-Pierre; 97460 Saint-Paul;
    97110 Pointe-à-Pitre; 97122 Baie-Mahault; 97200 Fort-de-France; 97232 Le Lamentin; 97300 Cayenne;
    97600 Mamoudzou""")
]
TOWNS_ALONE = [t for _, t in FR_TOWNS] + [
    "Bruxelles",
    "Genève",
    "Lausanne",
    "Casablanca",
    "Madrid",
    "Londres",
    "Milan",
    "Berlin",
    "Montréal",
]

STREET_TYPES = [
    "rue",
    "rue",
    "rue",
    "avenue",
    "boulevard",
    "place",
    "allée",
    "impasse",
    "chemin",
    "route",
    "quai",
    "cours",
    "square",
    "passage",
    "résidence",
    "sentier",
]
STREET_NAMES = SC("""de la République; Victor Hugo; Jean Jaurès; du Général de Gaulle; des Lilas; de la Gare;
    Pasteur; du Moulin; des Écoles; Gambetta; de Verdun; Nationale; de Paris; du Château; des Acacias;
    Saint-Michel; de la Liberté; Jules Ferry; Émile Zola; des Tilleuls; du Stade; de l'Église; des Peupliers;
    Foch; Carnot; Voltaire; de la Paix; du 8 Mai 1945; du 11 Novembre; des Vignes; de Bretagne;
    Sainte-Catherine; Lamartine; des Fleurs; de la Fontaine; Aristide Briand; du Port; de la Mairie;
    Pierre et Marie Curie; des Cerisiers; des Mimosas; du Docteur Schweitzer; de Lattre de Tassigny;
    des Prés; de la Source; du Lavoir; des Rosiers; Paul Doumer; de Strasbourg; des Bleuets; Jean Moulin;
    de la Croix Rousse; Lafayette; de Belleville; Oberkampf; de Vaugirard; Sadi Carnot; du Maréchal Leclerc""")
RESIDENCES = SC("""Les Tilleuls; Le Clos des Vignes; Les Jardins de Flore; Le Parc Fleuri; Les Terrasses du Lac;
    Les Flamboyants; Le Hameau du Moulin; Les Mouettes; Le Belvédère; L'Orangerie; Les Châtaigniers""")
LIEUX_DITS = SC(
    "La Grange; Le Bourg; Les Granges Basses; La Croix Blanche; Kerbriant; Le Moulin Neuf; Les Brosses"
)
ZONES = SC("""ZA des Écluses; ZI Nord; Parc d'activités du Moulin; ZAC de la Plaine; Technopôle Atalante;
    Parc Club des Prés; ZA du Bois Joli; Espace Européen de l'Entreprise""")

# ---------------------------------------------------------------------------
# Companies, products, misc vocabulary
# ---------------------------------------------------------------------------
CLIENT_COS = SC("""Nexalia; Groupe Arvel; Bati-Ouest; Cabinet Horizon Conseil; Transports Girard SAS;
    Menuiserie Lemoine SARL; Atelier du Lin; Clinique des Cèdres; Pharmacie du Centre; Dupont SARL;
    Agence Immobilière du Port; Domaine des Trois Chênes; Boulangerie Au Bon Pain; Garage de la Gare;
    Optique Vision Plus; Électricité Générale Normande; Hôtel Le Relais; Alpha Logistique; Datavia;
    Innovatech; Logiplus; Ecoterra; Verdalys; Sanitas Services; Kalidea; Quadrimex; Solvéa;
    Terranova Distribution; Norvégia Froid; Astérion; Proxima Services; Vitalis Courtage; Lumens Éclairage;
    Ciel & Toit; Imprimerie Moderne; Les Jardins de Provence; Cave Saint-Vincent; Auto-École Pilote;
    Studio Graphik; Weblink Agency; Pixel & Co; Rivage Nautique; Fromagerie des Alpes; Établissements Roussel;
    Martin & Fils; Garage Moreau Automobiles; Maison Berthier Traiteur; Cabinet dentaire des Halles;
    EHPAD Les Glycines; Mairie de Saint-Avertin; Lycée professionnel des Métiers du Bois; Biocoop Vallée Verte""")
FOREIGN_COS = {
    "BE": SC(
        "Brasserie De Kroon NV; Lumière Wallonne SRL; Antwerp Diamond Logistics BV; Meuse Consulting SA"
    ),
    "CH": SC("Helvetia Data AG; Léman Fiduciaire SA; Alpentech GmbH; Horlogerie du Jura Sàrl"),
    "ES": SC("Soluciones Ibéricas S.L.; Vinos del Duero S.A.; Construcciones Levante S.L."),
    "UK": SC("Thames Logistics Ltd; Pennine Software Ltd; Harbour & Co LLP"),
    "US": SC("Bay Area Robotics Inc.; Hudson Analytics LLC; Lone Star Foods Corp."),
    "MA": SC("Atlas Négoce SARL; Maroc Textile Export; Sahara Solaire SA"),
    "DE": SC("Rheinwerk GmbH; Bayern Maschinenbau AG; Nordlicht Medien GmbH"),
    "IT": SC("Tessitura Lombarda S.p.A.; Cantine Toscane S.r.l.; Meccanica Emiliana S.r.l."),
    "LU": SC("Moselle Fund Services S.A.; Kirchberg Consulting S.à r.l."),
    "CA": SC("Érablière du Lac inc.; Solutions Nordiques ltée; Logistique Saint-Laurent inc."),
}
VENDORS = [
    (
        "Nexalia",
        "nexalia.fr",
        SC(
            "Offre Cloud Pro; Suite CRM Essentiel; Module Facturation v3; Licence Premium 12 mois; Option Backup+; Pack Sérénité"
        ),
    ),
    (
        "Sofratel",
        "sofratel.fr",
        SC(
            "Abonnement Fibre Pro; Forfait Mobile 100 Go; Offre Standard Téléphonique; Pack Sérénité; Box Entreprise"
        ),
    ),
    (
        "Altis Assurances",
        "altis-assurances.fr",
        SC(
            "Contrat Prévoyance Plus; Mutuelle Santé Famille; Assurance Flotte Auto; Formule Liberté; Garantie Homme-Clé"
        ),
    ),
    (
        "Helios Énergie",
        "helios-energie.fr",
        SC("Offre Azur; Tarif Jaune; Contrat Électricité Verte; Offre Mistral; Option Heures Creuses"),
    ),
    (
        "Batimax",
        "batimax.fr",
        SC("Kit Démarrage; Gamme ProBois; Échafaudage E200; Contrat Maintenance Or; Location Nacelle 12 m"),
    ),
    (
        "Orbis Santé",
        "orbis-sante.fr",
        SC("Logiciel Cabinet Plus; Téléconsultation Pro; Pack Officine; Module Agenda v4"),
    ),
]
TITLES = SC("""Responsable Achats; Directrice commerciale; Directeur commercial; Chargé de clientèle; Gérant;
    Assistante de direction; DSI; Responsable informatique; Comptable; Office manager; Chef de projet;
    Technicien support N2; Directeur administratif et financier; Responsable RH; Acheteur; Juriste;
    Conseillère clientèle; Account manager; Key Account Manager; Ingénieur commercial; Responsable ADV;
    Directrice générale; Président; Responsable logistique; Responsable des services généraux;
    Infirmière coordinatrice; Pharmacien titulaire; Agent immobilier; Expert-comptable; Cheffe de projet;
    Responsable de secteur; Conseiller en assurances; Commercial sédentaire; Administrateur systèmes""")
_MASC_W = (
    "Directeur",
    "Chargé ",
    "Gérant",
    "Conseiller ",
    "Pharmacien",
    "Président",
    "Acheteur",
    "Technicien",
    "Ingénieur",
    "Commercial",
    "Administrateur",
    "Agent ",
    "Chef ",
)
_FEM_W = ("Directrice", "Cheffe", "Conseillère", "Infirmière", "Assistante")
TITLES_M = [t for t in TITLES if not t.startswith(_FEM_W)]
TITLES_F = [t for t in TITLES if not t.startswith(_MASC_W)]
TITLES_EN = SC("""Sales Director EMEA; Head of Procurement; Account Executive; Office Manager; IT Manager;
    Customer Success Manager; CFO; Operations Manager; Partner; Senior Buyer""")
TEAMS = SC("""l'équipe support; le service ADV; la compta; le service client; la DSI; l'équipe Grands Comptes;
    le pôle Recouvrement; le service juridique; l'équipe logistique; le back-office""")
ROOMS = W("Everest Jupiter Atlas B204 Mistral Horizon Kilimandjaro Saturne A12 Iroise")
PROJECTS = SC(
    "Phoenix; Migration ERP; Refonte site; Atlas 2; Déploiement Fibre; Onboarding; Zéro Papier; Convergence"
)
BICS_FR = W(
    "BNPAFRPPXXX SOGEFRPP CCBPFRPPMTG AGRIFRPP882 PSSTFRPPPAR CMCIFR2A CEPAFRPP751 CRLYFRPP BOUSFRPPXXX"
)
FR_BANKS = W(
    "30003 30004 20041 10278 11306 30002 17515 10907 16606 12506 18206 13807 14445 30066 40618 30076"
)

MONTHS_FR = W("janvier février mars avril mai juin juillet août septembre octobre novembre décembre")
MONTHS_EN = W("January February March April May June July August September October November December")
MONTHS_EN3 = [m[:3] for m in MONTHS_EN]
DAYS_FR = W("lundi mardi mercredi jeudi vendredi samedi dimanche")
DAYS_EN = W("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------
def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def strip_accents(s):
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = s.replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", s)


def slug(s, sep=""):
    s = strip_accents(s).lower().replace("'", "").replace("’", "")
    s = re.sub(r"[^a-z0-9]+", sep or "", s) if not sep else re.sub(r"[^a-z0-9]+", sep, s).strip(sep)
    return s


def group(s, n, sep=" "):
    return sep.join(s[i : i + n] for i in range(0, len(s), n))


def pairs(d, sep=" "):
    return group(d, 2, sep)


def luhn_digit(body):
    """Check digit that makes body+digit Luhn-valid."""
    tot = 0
    for i, c in enumerate(reversed(body)):
        v = int(c)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        tot += v
    return str((10 - tot % 10) % 10)


def luhn_ok(num):
    tot = 0
    for i, c in enumerate(reversed(num)):
        v = int(c)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        tot += v
    return tot % 10 == 0


# ---------------------------------------------------------------------------
# Dates, times, amounts, references (mostly NOT labelled)
# ---------------------------------------------------------------------------
def rand_day(y0=2024, y1=2026):
    start = dt.date(y0, 1, 1).toordinal()
    end = dt.date(y1, 12, 31).toordinal()
    return dt.date.fromordinal(R.randint(start, end))


def fr_day(d, style=None):
    style = style or wpick(
        [("num", 45), ("long", 20), ("short", 10), ("wd", 15), ("iso", 4), ("dot", 3), ("nodd", 3)]
    )
    dd = "1er" if d.day == 1 else str(d.day)
    if style == "num":
        return d.strftime("%d/%m/%Y")
    if style == "long":
        return f"{dd} {MONTHS_FR[d.month - 1]} {d.year}"
    if style == "short":
        return f"{dd} {MONTHS_FR[d.month - 1]}"
    if style == "wd":
        return f"{DAYS_FR[d.weekday()]} {dd} {MONTHS_FR[d.month - 1]}"
    if style == "iso":
        return d.isoformat()
    if style == "dot":
        return d.strftime("%d.%m.%Y")
    return d.strftime("%d/%m")


def en_day(d):
    return pick(
        [
            f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
            f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
            f"{DAYS_EN[d.weekday()]}, {MONTHS_EN[d.month - 1]} {d.day}",
        ]
    )


def a_time(sec=False):
    h, m = R.randint(7, 19), pick([0, 0, 0, 15, 30, 30, 45, R.randint(0, 59)])
    if sec:
        return f"{h:02d}:{m:02d}:{R.randint(0, 59):02d}"
    return pick([f"{h}h{m:02d}" if m else f"{h}h", f"{h:02d}:{m:02d}", f"{h}h{m:02d}"])


def amount():
    v = R.choice(
        [
            R.randint(9, 99) + 0.9,
            R.randint(100, 999),
            R.randint(1000, 25000),
            R.randint(100, 5000) + R.randint(0, 99) / 100,
        ]
    )
    ent = int(v)
    cents = round((v - ent) * 100)
    ent_s = f"{ent:,}".replace(",", pick([" ", "\u00a0", "."]))
    s = ent_s + (f",{cents:02d}" if cents else pick(["", ",00"]))
    return pick([f"{s} €", f"{s} € HT", f"{s} € TTC", f"{s} EUR", f"{s} €/mois", f"{ent} euros"])


def order_ref():
    y = R.choice([2024, 2025, 2026])
    return pick(
        [
            f"CMD-{y}-{R.randint(1, 99999):05d}",
            f"FA{y}-{R.randint(1, 9999):04d}",
            f"D-{y}-{R.randint(1, 999)}",
            f"n° {R.randint(100000, 999999)}",
            f"CT-{R.randint(10000, 99999)}",
            f"{y}/{R.randint(1, 999):03d}",
            f"PO-{R.randint(10000, 99999)}",
            f"BL {R.randint(100000, 999999)}",
            f"AV-{y}-{R.randint(1, 9999):04d}",
            f"réf. {R.randint(1000, 9999)}-{pick(['AZ', 'BX', 'KT', 'RS'])}",
            f"#{R.randint(10000, 99999)}",
        ]
    )


def version():
    return pick(
        [
            f"{R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 9)}",
            f"v{R.randint(1, 5)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}",
            f"10.0.{R.randint(17000, 22631)}.{R.randint(100, 4000)}",
            f"{R.randint(2023, 2026)}.{R.randint(1, 12):02d}",
            f"{R.randint(1, 6)}.{R.randint(0, 14)}.0-rc{R.randint(1, 3)}",
            f"v{R.randint(2, 9)}.{R.randint(0, 9)}",
            f"{R.randint(100, 130)}.0.{R.randint(5000, 6999)}.{R.randint(10, 199)}",
        ]
    )


# ---------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------
def fr_mobile_digits():
    if chance(0.75):
        return "06" + digits(8)
    return "07" + str(R.randint(3, 9)) + digits(7)


def fr_fixe_digits():
    return "0" + pick("123459") + str(R.randint(1, 9)) + digits(7)


def fmt_fr(d):
    """Format a 10-digit French national number in one of the many ways people write it."""
    p = pairs(d)
    tail = pairs(d[2:])
    r = R.random()
    if r < 0.42:
        return p
    if r < 0.54:
        return d
    if r < 0.63:
        return pairs(d, ".")
    if r < 0.67:
        return pairs(d, "-")
    if r < 0.77:
        return f"+33 {d[1]} {tail}"
    if r < 0.81:
        return "+33" + d[1:]
    if r < 0.85:
        return f"+33 (0){d[1]} {tail}"
    if r < 0.88:
        return f"0033 {d[1]} {tail}"
    if r < 0.91:
        return pairs(d, "\u00a0")
    if r < 0.95:
        return f"{d[:4]} {d[4:6]} {d[6:8]} {d[8:]}"
    if r < 0.97:
        return f"+33 {d[1:4]} {d[4:7]} {d[7:]}"
    return f"{d[:2]} {d[2:6]} {d[6:]}"


DOM = [
    ("0692", "262"),
    ("0693", "262"),
    ("0262", "262"),
    ("0690", "590"),
    ("0590", "590"),
    ("0696", "596"),
    ("0596", "596"),
    ("0694", "594"),
    ("0594", "594"),
    ("0639", "262"),
    ("0269", "262"),
]


def phone_fr(kind="mob"):
    if kind == "mob":
        return fmt_fr(fr_mobile_digits())
    if kind == "fixe":
        return fmt_fr(fr_fixe_digits())
    if kind == "dom":
        pre, cc = pick(DOM)
        d = pre + digits(6)
        return pick(
            [
                pairs(d),
                d,
                f"{d[:4]} {pairs(d[4:])}",
                f"+{cc} {d[1:4]} {pairs(d[4:])}",
                f"+{cc} {d[1:]}",
                f"00{cc} {d[1:4]} {pairs(d[4:])}",
                pairs(d, "."),
            ]
        )
    if kind == "pacific":
        if chance(0.5):
            return pick(["+687 ", "(+687) "]) + pick([pairs(digits(6)), pairs(digits(6), ".")])
        return "+689 " + pick(["87", "89"]) + " " + pairs(digits(6))
    if kind == "fiction":  # ranges reserved for fiction / audiovisual works
        d = (
            pick(["0199", "0261", "0353", "0465", "0536", "0639"])
            + pick(["00", "91", "01", "71", "49", "98"])
            + digits(4)
        )
        return fmt_fr(d)
    if kind == "unalloc":  # phone-shaped but in ranges not allocated
        d = pick(["070", "071", "072", "0600"]) + digits(10)
        return fmt_fr(d[:10])
    if kind == "typo":  # mistyped but phone-shaped: one digit missing or extra
        d = fr_mobile_digits() if chance(0.6) else fr_fixe_digits()
        if chance(0.5):
            return pick([pairs(d[:9]), pairs(d[:8]) + " " + d[8], d[:9]])
        d = d + str(R.randint(0, 9))
        return pick([pairs(d[:10]) + d[10], d, f"{pairs(d[:8])} {d[8:]}"])
    return phone_fr(pick(["mob", "fixe"]))


def phone_foreign(cc, kind="mob"):
    if cc == "BE":
        if kind == "mob":
            d = "04" + pick("789") + str(R.randint(0, 9)) + digits(6)
            return pick(
                [
                    f"{d[:4]} {pairs(d[4:])}",
                    f"{d[:4]}/{pairs(d[4:], '.')}",
                    f"{d[:4]} {d[4:7]} {d[7:]}",
                    f"+32 {d[1:4]} {pairs(d[4:])}",
                    f"+32 (0){d[1:4]} {pairs(d[4:])}",
                    f"0032 {d[1:4]} {pairs(d[4:])}",
                    "+32" + d[1:],
                ]
            )
        zone = pick(["2", "2", "4", "81", "10", "65", "71"])
        d = "0" + zone + digits(8 - len(zone))
        loc = d[1 + len(zone) :]
        a, b = (loc[:3], loc[3:]) if len(zone) == 1 else (loc[:2], loc[2:])
        return pick(
            [
                f"0{zone} {a} {pairs(b)}",
                f"0{zone}/{a}.{pairs(b, '.')}",
                f"+32 {zone} {a} {pairs(b)}",
                f"0032 {zone} {a} {pairs(b)}",
            ]
        )
    if cc == "CH":
        if kind == "mob":
            d = "07" + pick("56789") + digits(7)
        else:
            d = pick(["022", "021", "044", "031", "026", "027", "032"]) + digits(7)
        n = f"{d[3:6]} {d[6:8]} {d[8:]}"
        return pick(
            [
                f"{d[:3]} {n}",
                f"+41 {d[1:3]} {n}",
                f"0041 {d[1:3]} {n}",
                "+41" + d[1:],
                f"{d[:3]}/{d[3:6]}.{d[6:8]}.{d[8:]}",
            ]
        )
    if cc == "ES":
        d = ("6" if kind == "mob" else pick(["91", "93", "96", "95", "94"])) + digits(
            8 if kind == "mob" else 7
        )
        return pick(
            [
                f"{d[:3]} {d[3:6]} {d[6:]}",
                f"+34 {d[:3]} {d[3:6]} {d[6:]}",
                f"0034 {d[:3]} {d[3:6]} {d[6:]}",
                "+34" + d,
                f"{d[:3]} {pairs(d[3:])}" if kind == "mob" else f"{d[:2]} {d[2:5]} {pairs(d[5:])}",
                d,
            ]
        )
    if cc == "UK":
        if kind == "mob":
            d = (
                "07"
                + pick(["700", "911", "400", "723", "850", "956"])
                + pick(["900", str(R.randint(100, 999))])
                + digits(3)
            )
            return pick(
                [
                    f"{d[:5]} {d[5:]}",
                    f"+44 {d[1:5]} {d[5:]}",
                    f"+44 (0){d[1:5]} {d[5:]}",
                    f"{d[:5]} {d[5:8]} {d[8:]}",
                    "+44" + d[1:],
                ]
            )
        if chance(0.6):
            d = "020" + pick(["7946", "3123", "8765"]) + digits(4)
            return pick(
                [
                    f"{d[:3]} {d[3:7]} {d[7:]}",
                    f"+44 {d[1:3]} {d[3:7]} {d[7:]}",
                    f"+44 (0){d[1:3]} {d[3:7]} {d[7:]}",
                ]
            )
        d = pick(["0161", "0113", "0131", "0117"]) + "496" + digits(4)
        return pick([f"{d[:4]} {d[4:7]} {d[7:]}", f"+44 {d[1:4]} {d[4:7]} {d[7:]}"])
    if cc in ("US", "CA"):
        ac = pick(
            ["212", "415", "312", "617", "202", "305", "512", "646", "206"]
            if cc == "US"
            else ["514", "438", "418", "819", "613"]
        )
        ex = pick(["555", "555", str(R.randint(201, 989))])
        ln = ("01" + digits(2)) if ex == "555" else digits(4)
        return pick(
            [
                f"({ac}) {ex}-{ln}",
                f"{ac}-{ex}-{ln}",
                f"+1 {ac}-{ex}-{ln}",
                f"+1 ({ac}) {ex}-{ln}",
                f"{ac}.{ex}.{ln}",
                f"+1 {ac} {ex} {ln}",
                f"{ac} {ex}-{ln}",
            ]
        )
    if cc == "MA":
        if kind == "mob":
            d = pick(["06", "07"]) + digits(8)
            return pick(
                [
                    f"{d[:4]}-{d[4:]}",
                    pairs(d),
                    d,
                    f"+212 {d[1]} {pairs(d[2:])}",
                    f"+212 {d[1:4]}-{d[4:]}",
                    "+212" + d[1:],
                    f"00212 {d[1]} {pairs(d[2:])}",
                ]
            )
        d = pick(["0522", "0537", "0524", "0535", "0539"]) + digits(6)
        return pick(
            [pairs(d), f"{d[:4]}-{d[4:]}", f"+212 {d[1:4]} {pairs(d[4:])}", f"+212 {d[1]} {pairs(d[2:])}"]
        )
    if cc == "DE":
        if kind == "mob":
            d = pick(["0151", "0152", "0160", "0170", "0171", "0176"]) + digits(pick([7, 8]))
            return pick(
                [
                    f"{d[:4]} {d[4:]}",
                    f"+49 {d[1:4]} {d[4:]}",
                    f"+49 (0){d[1:4]} {d[4:]}",
                    f"0049 {d[1:4]} {d[4:]}",
                    f"{d[:4]}/{d[4:]}",
                ]
            )
        pre = pick(["030", "089", "040", "069", "0221", "0711"])
        d = pre + digits(11 - len(pre))
        return pick(
            [
                f"{pre} {d[len(pre) :]}",
                f"{pre}/{d[len(pre) :]}",
                f"+49 {pre[1:]} {d[len(pre) :]}",
                f"+49 (0){pre[1:]} {d[len(pre) :]}",
                f"{pre} {d[len(pre) : len(pre) + 3]} {d[len(pre) + 3 :]}",
            ]
        )
    if cc == "IT":
        if kind == "mob":
            d = "3" + pick(["47", "33", "28", "39", "40", "66"]) + digits(7)
            return pick(
                [
                    f"{d[:3]} {d[3:6]} {d[6:]}",
                    d,
                    f"+39 {d[:3]} {d[3:6]} {d[6:]}",
                    "+39 " + d,
                    f"{d[:3]}-{d[3:]}",
                    f"0039 {d[:3]} {d[3:]}",
                ]
            )
        pre = pick(["02", "06", "011", "055", "051"])
        d = pre + digits(10 - len(pre))
        return pick(
            [
                f"{pre} {d[len(pre) : len(pre) + 4]} {d[len(pre) + 4 :]}",
                f"+39 {pre} {d[len(pre) : len(pre) + 4]} {d[len(pre) + 4 :]}",
                f"+39 {pre} {d[len(pre) :]}",
                f"{pre}/{d[len(pre) :]}",
            ]
        )
    if cc == "LU":
        if kind == "mob":
            d = "6" + pick(["21", "61", "91"]) + digits(6)
            return pick(
                [
                    f"{d[:3]} {d[3:6]} {d[6:]}",
                    f"+352 {d[:3]} {d[3:6]} {d[6:]}",
                    f"00352 {d[:3]} {d[3:6]} {d[6:]}",
                ]
            )
        d = digits(6)
        return pick([f"{pairs(d)}", f"+352 {pairs(d)}", f"+352 26 {pairs(digits(6))}"])
    raise ValueError(cc)


# ---------------------------------------------------------------------------
# IBAN, cards, NIR, SIREN/SIRET, plates, IPs
# ---------------------------------------------------------------------------
def _num36(s):
    return "".join(str(int(c, 36)) for c in s)


def iban_check(cc, bban):
    return f"{98 - int(_num36(bban + cc + '00')) % 97:02d}"


def iban_valid(iban):
    s = iban.replace(" ", "").replace("-", "").upper()
    return int(_num36(s[4:] + s[:4])) % 97 == 1


def rib_key(bank, branch, acct):
    conv = {
        c: str(v)
        for v, cs in (
            (1, "AJ"),
            (2, "BKS"),
            (3, "CLT"),
            (4, "DMU"),
            (5, "ENV"),
            (6, "FOW"),
            (7, "GPX"),
            (8, "HQY"),
            (9, "IRZ"),
        )
        for c in cs
    }
    acct_n = "".join(conv.get(c, c) for c in acct)
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct_n)) % 97:02d}"


def es_dc(bank, branch, acct):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    def d(s):
        v = 11 - sum(int(c) * w[i] for i, c in enumerate(s)) % 11
        return {10: 1, 11: 0}.get(v, v)

    return f"{d('00' + bank + branch)}{d(acct)}"


def make_iban(cc="FR"):
    """Return the compact IBAN string."""
    if cc == "FR" or cc == "MC":
        bank, branch = pick(FR_BANKS), digits(5)
        acct = digits(11) if chance(0.9) else digits(6) + pick("ABCDEFGHJKLMNPRSTUVWXYZ") + digits(4)
        bban = bank + branch + acct + rib_key(bank, branch, acct)
    elif cc == "BE":
        b = digits(10)
        chk = int(b) % 97 or 97
        bban = b + f"{chk:02d}"
    elif cc == "DE":
        bban = pick(["37040044", "10070000", "50010517", "20050550", "70150000"]) + digits(10)
    elif cc == "ES":
        bank, branch, acct = pick(["2100", "0049", "0182", "0081", "2038"]), digits(4), digits(10)
        bban = bank + branch + es_dc(bank, branch, acct) + acct
    elif cc == "IT":
        bban = (
            pick("ABCDEFGHIJKLMNOPRSTUVWXYZ")
            + pick(["03069", "05428", "02008", "01030"])
            + digits(5)
            + digits(12)
        )
    elif cc == "CH":
        bban = pick(["00762", "00235", "00700", "08390"]) + digits(12)
    elif cc == "GB":
        bban = pick(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(6) + digits(8)
    elif cc == "LU":
        bban = pick(["001", "002", "014", "030"]) + digits(13)
    elif cc == "NL":
        bban = pick(["ABNA", "RABO", "INGB"]) + digits(10)
    elif cc == "PT":
        bban = digits(21)
    else:
        raise ValueError(cc)
    iban = cc + iban_check(cc, bban) + bban
    assert iban_valid(iban)
    return iban


def fmt_iban(iban):
    r = R.random()
    if iban.startswith("FR") and r < 0.25:  # the bank's way: FRkk BBBBB GGGGG CCCCCCCCCCC KK
        return f"{iban[:4]} {iban[4:9]} {iban[9:14]} {iban[14:25]} {iban[25:]}"
    if r < 0.65:
        return group(iban, 4)
    if r < 0.75:
        return group(iban, 4, "-")
    if r < 0.95:
        return iban
    return group(iban, 4).lower() if chance(0.3) else group(iban, 4, "\u00a0")


def make_card(kind=None):
    kind = kind or wpick([("visa", 55), ("mc", 30), ("amex", 10), ("mc2", 5)])
    if kind == "amex":
        body = pick(["34", "37"]) + digits(12)
    elif kind == "mc":
        body = str(R.randint(51, 55)) + digits(13)
    elif kind == "mc2":
        body = str(R.randint(2221, 2720)) + digits(11)
    else:
        body = "4" + pick(["970", "973", "974", "539", "929", "000", "111", "532"]) + digits(11)
    num = body + luhn_digit(body)
    assert luhn_ok(num)
    return num


def fmt_card(num):
    if len(num) == 15:
        return pick([f"{num[:4]} {num[4:10]} {num[10:]}", num, f"{num[:4]}-{num[4:10]}-{num[10:]}"])
    return pick(
        [group(num, 4), group(num, 4), num, group(num, 4, "-"), group(num, 4, "."), f"{num[:8]} {num[8:]}"]
    )


def make_nir(sex, birth, dept=None):
    yy = f"{birth.year % 100:02d}"
    mm = f"{birth.month:02d}" if chance(0.95) else pick(["20", "30", "41"])
    dept = dept or wpick([("metro", 80), ("corse", 5), ("dom", 7), ("abroad", 8)])
    if dept == "metro":
        dp = f"{pick([x for x in range(1, 96) if x != 20]):02d}"
        com = f"{R.randint(1, 700):03d}"
    elif dept == "corse":
        dp, com = pick(["2A", "2B"]), f"{R.randint(1, 366):03d}"
    elif dept == "dom":
        dp, com = pick(["971", "972", "973", "974", "976"]), f"{R.randint(1, 34):02d}"
    else:
        dp, com = "99", pick(["350", "352", "351", "134", "109", "127", "331", "212"])
    order = f"{R.randint(1, 999):03d}"
    base = f"{sex}{yy}{mm}{dp}{com}{order}"
    assert len(base) == 13
    n = int(base.replace("2A", "19").replace("2B", "18"))
    key = f"{97 - n % 97:02d}"
    return base + key


def fmt_nir(n):
    a, yy, mm, dp = n[0], n[1:3], n[3:5], n[5:7]
    if n[5:7] == "97":
        dp, com = n[5:8], n[8:10]
    else:
        com = n[7:10]
    order, key = n[10:13], n[13:]
    return pick(
        [
            f"{a} {yy} {mm} {dp} {com} {order} {key}",
            f"{a} {yy} {mm} {dp} {com} {order} {key}",
            n,
            f"{n[:13]} {key}",
            f"{a} {yy} {mm} {dp} {com} {order} - {key}",
            f"{a}.{yy}.{mm}.{dp}.{com}.{order}.{key}",
            f"{a}{yy}{mm}{dp}{com}{order} {key}",
            f"{a} {yy} {mm} {dp} {com} {order}  {key}",
        ]
    )


def make_siren():
    b = str(R.randint(1, 9)) + digits(7)
    return b + luhn_digit(b)


def make_siret(siren=None):
    siren = siren or make_siren()
    b = siren + f"{R.choice([0, 0, 0, 1, 2]):03d}" + str(R.randint(1, 9))
    s = b + luhn_digit(b)
    assert luhn_ok(s) and len(s) == 14
    return s


def fmt_siren(s):
    return pick([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}.{s[3:6]}.{s[6:]}"])


def fmt_siret(s):
    return pick(
        [
            f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}",
            s,
            f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}",
            f"{s[:9]} {s[9:]}",
        ]
    )


PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


def make_plate():
    if chance(0.82):
        a = "".join(pick(PLATE_LETTERS) for _ in range(2))
        while a in ("SS", "WW"):
            a = "".join(pick(PLATE_LETTERS) for _ in range(2))
        b = "".join(pick(PLATE_LETTERS) for _ in range(2))
        n = f"{R.randint(1, 999):03d}"
        return pick([f"{a}-{n}-{b}"] * 6 + [f"{a} {n} {b}"] * 3 + [f"{a}{n}{b}"])
    dept = pick([f"{x:02d}" for x in range(1, 96) if x != 20] + ["2A", "2B", "971", "974"])
    n = str(R.randint(1, 9999))
    letters = "".join(pick(PLATE_LETTERS) for _ in range(pick([2, 2, 3])))
    return f"{n} {letters} {dept}"


def make_ipv4(kind=None):
    kind = kind or wpick([("pub", 50), ("priv", 30), ("doc", 20)])
    if kind == "priv":
        return pick(
            [
                f"192.168.{R.randint(0, 20)}.{R.randint(2, 254)}",
                f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
            ]
        )
    if kind == "doc":
        return pick(["192.0.2", "198.51.100", "203.0.113"]) + f".{R.randint(1, 254)}"
    first = pick([x for x in range(1, 224) if x not in (10, 127, 172, 192)])
    return f"{first}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def make_ipv6():
    pre = pick(
        [
            ["2001", "db8"],
            ["2a01", "cb0" + pick("0123456789")],
            ["2a01", "e0a"],
            ["2001", "41d0"],
            ["fe80", "0"],
            ["2a02", "8428"],
        ]
    )
    groups = pre + [f"{R.randint(0, 0xFFFF):x}" for _ in range(6)]
    if pre[0] == "fe80":
        groups = ["fe80", "0", "0", "0"] + [f"{R.randint(0, 0xFFFF):x}" for _ in range(4)]
    elif chance(0.6):
        k = R.randint(2, 4)
        i = R.randint(2, 7 - k)
        for j in range(i, i + k):
            groups[j] = "0"
    if chance(0.15):
        return ":".join(g.zfill(4) for g in groups)
    # compress the longest run of zero groups (>= 2)
    best, cur, start = (0, -1), 0, 0
    for i, g in enumerate(groups + ["x"]):
        if g == "0":
            if cur == 0:
                start = i
            cur += 1
        else:
            if cur > best[0]:
                best = (cur, start)
            cur = 0
    if best[0] >= 2:
        s = ":".join(groups[: best[1]]) + "::" + ":".join(groups[best[1] + best[0] :])
        return s
    return ":".join(groups)


def make_ip(port=None):
    if chance(0.25):
        return make_ipv6()
    ip = make_ipv4()
    if port or (port is None and chance(0.2)):
        ip += f":{pick([22, 80, 443, 3389, 8080, 8443, R.randint(1024, 65000)])}"
    return ip


# ---------------------------------------------------------------------------
# Countries (for foreign contacts)
# ---------------------------------------------------------------------------
COUNTRY = {
    "FR": dict(
        first=[
            ("fr", 62),
            ("maghreb", 12),
            ("westafr", 5),
            ("pt", 4),
            ("it", 3),
            ("es", 2),
            ("asia", 5),
            ("east", 3),
            ("tr", 2),
            ("arm", 1),
            ("en", 1),
        ],
        last=[
            ("fr", 62),
            ("maghreb", 12),
            ("westafr", 5),
            ("pt", 5),
            ("it", 3),
            ("es", 3),
            ("asia", 5),
            ("east", 2),
            ("tr", 2),
            ("arm", 1),
        ],
        domains=[
            "gmail.com",
            "orange.fr",
            "wanadoo.fr",
            "free.fr",
            "sfr.fr",
            "laposte.net",
            "hotmail.fr",
            "yahoo.fr",
            "outlook.fr",
            "icloud.com",
            "proton.me",
            "bbox.fr",
            "neuf.fr",
        ],
        iban="FR",
        name="France",
    ),
    "BE": dict(
        first=[("fr", 6), ("nl", 4), ("maghreb", 1)],
        last=[("be", 6), ("fr", 3), ("maghreb", 1)],
        domains=["telenet.be", "skynet.be", "proximus.be", "gmail.com", "hotmail.be"],
        iban="BE",
        name="Belgique",
    ),
    "CH": dict(
        first=[("fr", 5), ("de", 4), ("it", 1)],
        last=[("ch", 6), ("fr", 2), ("it", 1), ("de", 1)],
        domains=["bluewin.ch", "gmx.ch", "sunrise.ch", "gmail.com", "hispeed.ch"],
        iban="CH",
        name="Suisse",
    ),
    "ES": dict(
        first=[("es", 1)],
        last=[("es", 1)],
        domains=["gmail.com", "yahoo.es", "telefonica.net", "hotmail.es"],
        iban="ES",
        name="Espagne",
    ),
    "UK": dict(
        first=[("en", 8), ("asia", 1)],
        last=[("en", 8), ("asia", 1)],
        domains=["btinternet.com", "gmail.com", "hotmail.co.uk", "outlook.com", "sky.com"],
        iban="GB",
        name="United Kingdom",
    ),
    "US": dict(
        first=[("en", 7), ("es", 1), ("asia", 1)],
        last=[("en", 7), ("es", 1), ("asia", 1)],
        domains=["gmail.com", "yahoo.com", "outlook.com", "comcast.net", "icloud.com"],
        iban=None,
        name="USA",
    ),
    "MA": dict(
        first=[("maghreb", 1)],
        last=[("ma", 3), ("maghreb", 1)],
        domains=["menara.ma", "gmail.com", "hotmail.com", "yahoo.fr"],
        iban=None,
        name="Maroc",
    ),
    "DE": dict(
        first=[("de", 1)],
        last=[("de", 3), ("ch", 1)],
        domains=["gmx.de", "web.de", "t-online.de", "gmail.com"],
        iban="DE",
        name="Allemagne",
    ),
    "IT": dict(
        first=[("it", 1)],
        last=[("it", 1)],
        domains=["libero.it", "gmail.com", "tiscali.it", "virgilio.it"],
        iban="IT",
        name="Italie",
    ),
    "LU": dict(
        first=[("fr", 2), ("de", 1), ("pt", 1)],
        last=[("lu", 3), ("fr", 1), ("pt", 1)],
        domains=["pt.lu", "gmail.com", "internet.lu"],
        iban="LU",
        name="Luxembourg",
    ),
    "CA": dict(
        first=[("fr", 1)],
        last=[("qc", 3), ("fr", 1)],
        domains=["videotron.ca", "bell.net", "gmail.com", "sympatico.ca"],
        iban=None,
        name="Canada",
    ),
}
CC_ADJ = {
    "FR": "français",
    "BE": "belge",
    "CH": "suisse",
    "ES": "espagnol",
    "UK": "britannique",
    "US": "américain",
    "MA": "marocain",
    "DE": "allemand",
    "IT": "italien",
    "LU": "luxembourgeois",
    "CA": "québécois",
}
COUNTRY_WORD = {
    "BE": ["Belgique", "BELGIQUE", "Belgium"],
    "CH": ["Suisse", "SUISSE", "Switzerland", "Schweiz"],
    "ES": ["España", "Espagne", "SPAIN"],
    "UK": ["United Kingdom", "UK", "Royaume-Uni"],
    "US": ["USA", "United States"],
    "MA": ["Maroc", "MAROC", "Morocco"],
    "DE": ["Deutschland", "Allemagne", "GERMANY"],
    "IT": ["Italia", "Italie", "ITALY"],
    "LU": ["Luxembourg", "LUXEMBOURG"],
    "CA": ["Canada", "CANADA"],
}


# ---------------------------------------------------------------------------
# Addresses -> (one_line, multi_line)
# ---------------------------------------------------------------------------
def num_street():
    n = R.randint(1, 250) if chance(0.8) else R.randint(1, 20)
    suf = pick(["", "", "", "", "", " bis", "bis", " ter", "B", " B"])
    return f"{n}{suf}"


def fr_street():
    t = pick(STREET_TYPES)
    if t == "résidence":
        t = "rue"
    name = pick(STREET_NAMES)
    if chance(0.08):
        t = t.capitalize()
    sep = ", " if chance(0.15) else " "
    return f"{num_street()}{sep}{t} {name}"


def fr_address(kind="home", dom=False):
    """French address -> (one_line, multi_line). kind: home | company | rural."""
    cp, town = pick(DOM_TOWNS) if dom else pick(FR_TOWNS)
    lines = []
    if kind == "home":
        extras = []
        if chance(0.25):
            extras.append(pick(["Appt ", "Appt. ", "Apt ", "appartement "]) + str(R.randint(1, 120)))
        if chance(0.15):
            extras.append(pick(["Esc. ", "Escalier "]) + pick(["A", "B", "C", "2", "3"]))
        if chance(0.2):
            extras.append(pick(["Bât. ", "Bâtiment ", "Bat "]) + pick(["A", "B", "C", "D", "2", "Les Lilas"]))
        if chance(0.18):
            extras.append("Résidence " + pick(RESIDENCES))
        R.shuffle(extras)
        if len(extras) > 1 and chance(0.6):
            lines.append(pick([", ", " – ", " - "]).join(extras))
        else:
            lines.extend(extras)
        lines.append(fr_street())
        if chance(0.05):
            lines.append(pick(["BP ", "B.P. "]) + str(R.randint(10, 999)))
    elif kind == "rural":
        ld = pick(LIEUX_DITS)
        lines.append(
            pick(
                [
                    f"Lieu-dit {ld}",
                    f"lieu-dit {ld}",
                    ld,
                    f"{R.randint(1, 30)} {ld}",
                    f"Hameau de {pick(['Kerbriant', 'Saint-Roch', 'Puyvert', 'Champfleury'])}",
                ]
            )
        )
        if chance(0.3):
            lines.append(
                f"{R.randint(1, 900)} route de {pick(['Brive', 'Sarlat', 'Quimper', 'Mende', 'Gap'])}"
            )
    else:  # company
        if chance(0.35):
            lines.append(pick(ZONES))
        lines.append(fr_street())
        if chance(0.3):
            lines.append(
                pick(["BP ", "CS ", "B.P. "])
                + str(R.randint(10, 99999) if chance(0.5) else R.randint(10, 999))
            )
    cedex = ""
    if kind == "company" and chance(0.3):
        cedex = pick([" Cedex", " CEDEX", f" Cedex {R.randint(1, 20)}", f" CEDEX {R.randint(1, 9):02d}"])
    town_s = town.upper() if chance(0.3) else town
    lines.append(f"{cp} {town_s}{cedex}")
    country = pick([", France", "\nFRANCE", "\nFrance"]) if chance(0.06) else ""
    if chance(0.08):  # postal standard: capitals, no accents
        lines = [strip_accents(x).upper() for x in lines]
        country = country.upper()
    sep = pick([", ", ", ", ", ", " – ", " - "])
    one = sep.join(lines[:-1]) + pick([sep, sep, " "]) + lines[-1] + country.replace("\n", ", ")
    ml = "\n".join(lines) + country
    return one, ml


FOREIGN_STREETS = {
    "BE": (
        SC(
            "Rue de la Loi; Avenue Louise; Chaussée de Waterloo; Rue Neuve; Kerkstraat; Meir; Boulevard d'Avroy; Rue des Carmes; Avenue de Tervueren"
        ),
        SC(
            "1000 Bruxelles; 1050 Ixelles; 1180 Uccle; 2000 Antwerpen; 4000 Liège; 5000 Namur; 7000 Mons; 9000 Gent; 1300 Wavre"
        ),
    ),
    "CH": (
        SC(
            "Rue du Rhône; Bahnhofstrasse; Avenue de la Gare; Rue de Lausanne; Seestrasse; Rue du Marché; Chemin des Vignes; Via Nassa"
        ),
        SC(
            "1204 Genève; 8001 Zürich; 1003 Lausanne; 2000 Neuchâtel; 1700 Fribourg; 1950 Sion; 3011 Bern; 6900 Lugano"
        ),
    ),
    "ES": (
        SC(
            "Calle de Alcalá; Calle Mayor; Avenida de la Constitución; Paseo de Gracia; Calle Serrano; Gran Vía; Plaza Mayor; Calle Colón"
        ),
        SC(
            "28014 Madrid; 08007 Barcelona; 41004 Sevilla; 46002 Valencia; 29015 Málaga; 48001 Bilbao; 37002 Salamanca"
        ),
    ),
    "UK": (
        SC(
            "Baker Street; High Street; Kensington Road; Victoria Road; Church Lane; Station Road; Queen Street; Mill Lane"
        ),
        SC(
            "London NW1 6XE; Oxford OX1 4AP; London W8 5NP; Manchester M1 2AB; Leeds LS1 4DY; Bristol BS1 5TR; Edinburgh EH2 2ER"
        ),
    ),
    "US": (
        SC(
            "Market Street; 5th Avenue; Main Street; Elm Street; Ocean Drive; Mission Street; Lake Shore Drive; Congress Avenue"
        ),
        SC(
            "San Francisco, CA 94103; New York, NY 10118; Boston, MA 02116; Chicago, IL 60611; Miami Beach, FL 33139; Austin, TX 78701; Seattle, WA 98101"
        ),
    ),
    "MA": (
        SC(
            "Rue Ibn Batouta; Boulevard Mohammed V; Avenue Hassan II; Rue Moulay Youssef; Boulevard Zerktouni; Avenue des FAR; Rue Tarik Ibn Ziad"
        ),
        SC(
            "20000 Casablanca; 10100 Rabat; 30000 Fès; 40000 Marrakech; 90000 Tanger; 80000 Agadir; 20250 Casablanca"
        ),
    ),
    "DE": (
        SC(
            "Friedrichstraße; Leopoldstr.; Königsallee; Hauptstraße; Bahnhofstraße; Schillerstraße; Goethestraße; Lindenallee"
        ),
        SC(
            "10117 Berlin; 80802 München; 40212 Düsseldorf; 20095 Hamburg; 50667 Köln; 60311 Frankfurt am Main; 70173 Stuttgart"
        ),
    ),
    "IT": (
        SC(
            "Via Roma; Corso Vittorio Emanuele II; Via Garibaldi; Piazza Navona; Via Dante; Viale Monza; Via Toledo; Corso Buenos Aires"
        ),
        SC(
            "20121 Milano; 10123 Torino; 00186 Roma; 16124 Genova GE; 50122 Firenze; 80134 Napoli; 40121 Bologna"
        ),
    ),
    "LU": (
        SC("Boulevard Royal; Avenue de la Liberté; Rue de Hollerich; Route d'Arlon; Grand-Rue; Rue du Fossé"),
        SC(
            "L-2449 Luxembourg; L-1930 Luxembourg; L-1724 Luxembourg; L-8009 Strassen; L-4001 Esch-sur-Alzette"
        ),
    ),
    "CA": (
        SC(
            "rue Sainte-Catherine Ouest; boulevard René-Lévesque; rue Saint-Denis; avenue du Parc; chemin Sainte-Foy; rue Sherbrooke Est"
        ),
        SC(
            "Montréal (Québec) H3B 1A7; Montréal QC H2X 3K2; Québec (Québec) G1R 4S9; Laval QC H7N 5H9; Gatineau QC J8X 3X7"
        ),
    ),
}


def foreign_address(cc):
    streets, towns = FOREIGN_STREETS[cc]
    st, town = pick(streets), pick(towns)
    n = R.randint(1, 240)
    extra = None
    if cc == "BE":
        line = f"{st} {n}" + pick(
            ["", "", f"/{R.randint(1, 40)}", f" bte {R.randint(1, 30)}", f" bus {R.randint(1, 12)}"]
        )
    elif cc == "CH":
        line = f"{st} {n}"
        if chance(0.15):
            extra = f"Case postale {R.randint(100, 9999)}"
    elif cc == "ES":
        line = (
            f"{st} {n}"
            if chance(0.5)
            else f"{'C/ ' + st.split(' ', 2)[-1] if st.startswith('Calle') else st}, {n}"
        )
        if chance(0.6):
            line += f", {R.randint(1, 9)}º {pick(['A', 'B', 'C', 'D', 'izq.', 'dcha.', '1ª', '2ª'])}"
    elif cc == "UK":
        line = f"{n}{pick(['', '', 'A', 'B'])} {st}"
        if chance(0.3):
            extra = f"Flat {R.randint(1, 30)}"
    elif cc == "US":
        line = f"{R.randint(10, 9999)} {st}"
        if chance(0.4):
            line += f", {pick(['Apt', 'Suite', 'Unit'])} {R.randint(1, 40)}{pick(['', 'B', 'C'])}"
    elif cc == "MA":
        line = pick([f"{n}, {st}", f"{n} {st}", f"{st}, n° {n}"])
        if chance(0.35):
            extra = pick(
                [
                    f"Résidence Al {pick(['Manar', 'Andalous', 'Yasmine', 'Nakhil'])}, Imm. {R.randint(1, 12)}, Appt {R.randint(1, 40)}",
                    f"Lot. {pick(['Al Bassatine', 'Riad Salam', 'Hay Riad'])} n° {R.randint(1, 300)}",
                ]
            )
    elif cc == "DE":
        line = f"{st} {n}" + pick(["", "", "a", "b"])
    elif cc == "IT":
        line = f"{st} {n}" if chance(0.7) else f"{st}, {n}"
        if chance(0.2):
            line += f", scala {pick('ABC')}, int. {R.randint(1, 20)}"
    elif cc == "LU":
        line = f"{n}, {st}" if chance(0.6) else f"{n} {st}"
    else:  # CA
        line = f"{R.randint(10, 9999)}, {st}" + pick(
            ["", f", app. {R.randint(1, 900)}", f", bureau {R.randint(100, 2500)}"]
        )
    parts = (
        ([extra] if extra and cc != "CH" else [])
        + [line]
        + ([extra] if extra and cc == "CH" else [])
        + [town]
    )
    if chance(0.3):
        parts.append(pick(COUNTRY_WORD[cc]))
    return ", ".join(parts), "\n".join(parts)


# ---------------------------------------------------------------------------
# E-mails and personal URLs
# ---------------------------------------------------------------------------
def local_part(first, last, style=None):
    f, l_ = slug(first), slug(last)
    f_h = slug(first, "-")
    style = style or wpick(
        [
            ("f.l", 40),
            ("fl", 8),
            ("f_l", 4),
            ("f-l", 4),
            ("i.l", 10),
            ("il", 8),
            ("l.f", 5),
            ("f.l99", 8),
            ("f99", 4),
            ("l", 3),
            ("fi", 3),
            ("f", 3),
        ]
    )
    y = R.randint(1, 99)
    return {
        "f.l": f"{f_h}.{l_}",
        "fl": f + l_,
        "f_l": f"{f}_{l_}",
        "f-l": f"{f}-{l_}",
        "i.l": f"{f[0]}.{l_}",
        "il": f[0] + l_,
        "l.f": f"{l_}.{f}",
        "f.l99": f"{f}.{l_}{y:02d}",
        "f99": f"{f}{y}",
        "l": l_,
        "fi": f"{f}.{l_[0]}",
        "f": f,
    }[style]


def profile_url(first, last, kind=None):
    f, l_ = slug(first), slug(last)
    fh, lh = slug(first, "-"), slug(last, "-")
    handle = pick([f + l_, f[0] + l_, f"{f}_{l_}", f"{f}.{l_}", f"{l_}{f[0]}", f"{f}{l_}{R.randint(1, 99)}"])
    kind = kind or wpick(
        [("li", 55), ("x", 10), ("fb", 10), ("ig", 6), ("gh", 6), ("blog", 9), ("medium", 4)]
    )
    https = pick(["https://", "https://", "https://", "http://", ""])
    www = pick(["www.", "www.", ""])
    if kind == "li":
        suffix = pick(
            [
                "",
                "",
                f"-{R.randint(0, 0xFFFFFF):x}",
                f"-{R.randint(10, 999)}",
                f"-{R.randint(0, 0xFFFFFFFF):08x}",
            ]
        )
        sl = pick([f"{fh}-{lh}", f"{fh}-{lh}", f"{f[0]}{l_}", f"{l_}{f}", f"{fh}{lh}"]) + suffix
        host = pick(["linkedin.com", "linkedin.com", "fr.linkedin.com", "be.linkedin.com"])
        return f"{https}{www if host == 'linkedin.com' else ''}{host}/in/{sl}"
    if kind == "x":
        return f"{https or 'https://'}{pick(['x.com', 'twitter.com'])}/{handle}"
    if kind == "fb":
        return f"{https or 'https://'}{www}facebook.com/{pick([f'{f}.{l_}', f'{f}.{l_}.{R.randint(1, 999)}', handle])}"
    if kind == "ig":
        return f"{https or 'https://'}{www}instagram.com/{handle}"
    if kind == "gh":
        return f"https://github.com/{handle}"
    if kind == "medium":
        return f"https://medium.com/@{handle}"
    return pick(
        [
            f"{https}{www}{fh}-{lh}.fr",
            f"https://{f}{l_}.wordpress.com",
            f"{https}{fh}{lh}.blog",
            f"https://www.{lh}-{pick(['photo', 'consulting', 'blog', 'coaching'])}.fr/{pick(['a-propos', 'contact', 'cv'])}",
            f"https://{f}-{l_}.github.io",
            f"{https}{www}{f}{l_}.com",
            f"https://sites.google.com/view/{fh}-{lh}",
            f"https://calendly.com/{fh}-{lh}/30min",
        ]
    )


def dob_string(d, lang="fr"):
    if lang == "en":
        return pick(
            [
                f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
                f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
                d.strftime("%m/%d/%Y"),
                d.isoformat(),
            ]
        )
    if lang == "de":
        return pick(
            [
                d.strftime("%d.%m.%Y"),
                f"{d.day}. {['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'][d.month - 1]} {d.year}",
            ]
        )
    dd = "1er" if d.day == 1 else str(d.day)
    return wpick(
        [
            (d.strftime("%d/%m/%Y"), 45),
            (f"{dd} {MONTHS_FR[d.month - 1]} {d.year}", 20),
            (d.strftime("%d/%m/%y"), 8),
            (d.strftime("%d-%m-%Y"), 6),
            (d.strftime("%d.%m.%Y"), 6),
            (d.isoformat(), 8),
            (d.strftime("%d%m%Y"), 2),
            (f"{d.day}/{d.month}/{d.year}", 5),
        ]
    )


# ---------------------------------------------------------------------------
# Companies and persons
# ---------------------------------------------------------------------------
class Company:
    def __init__(self, country="FR", name=None, domain=None):
        self.country = country
        if name is None:
            name = pick(CLIENT_COS) if country == "FR" else pick(FOREIGN_COS[country])
        self.name = name
        base = re.sub(
            r"\s+(sas|sarl|sa|nv|srl|bv|ag|gmbh|sàrl|s\.l\.|s\.a\.|ltd|llp|inc\.?|llc|corp\.|s\.p\.a\.|s\.r\.l\.|s\.à r\.l\.|ltée)\s*$",
            "",
            name.lower(),
        )
        tld = {
            "FR": ".fr",
            "BE": ".be",
            "CH": ".ch",
            "ES": ".es",
            "UK": ".co.uk",
            "US": ".com",
            "MA": ".ma",
            "DE": ".de",
            "IT": ".it",
            "LU": ".lu",
            "CA": ".ca",
        }[country]
        self.domain = domain or (
            slug(base, "-") + (tld if chance(0.75) else pick([".com", ".eu", ".net", ".io"]))
        )
        self.site = pick(
            [
                f"www.{self.domain}",
                f"https://www.{self.domain}",
                f"https://{self.domain}",
                f"www.{self.domain}",
            ]
        )
        self._addr = None
        self.siren = make_siren()
        self.siret = make_siret(self.siren)
        self._tel = None
        self._fax = None

    def addr(self):
        if self._addr is None:
            self._addr = fr_address("company") if self.country == "FR" else foreign_address(self.country)
        return self._addr

    def tel(self):
        if self._tel is None:
            self._tel = phone_fr("fixe") if self.country == "FR" else phone_foreign(self.country, "fixe")
        return self._tel

    def fax(self):
        if self._fax is None:
            self._fax = phone_fr("fixe") if self.country == "FR" else phone_foreign(self.country, "fixe")
        return self._fax


class Person:
    def __init__(self, country="FR", company=None, gender=None, staff=False):
        self.country = country
        prof = COUNTRY[country]
        self.g = gender or pick("MF")
        fo = wpick(prof["first"])
        lo = fo if (fo in LAST and chance(0.8) and country == "FR") else wpick(prof["last"])
        firsts = (FIRST_M if self.g == "M" else FIRST_F).get(fo) or FIRST_M["fr"]
        self.first = pick(firsts)
        self.last = pick(LAST[lo])
        if chance(0.02) and country == "FR":  # double-barrelled
            self.last = f"{self.last}-{pick(LAST['fr'])}"
        self.company = company
        self.staff = staff
        self.cache = {}
        y = R.randint(1942, 2004)
        self.birth = dt.date(y, 1, 1) + dt.timedelta(days=R.randint(0, 364))

    # -- names
    def full(self):
        return f"{self.first} {self.last}"

    def init(self):
        parts = self.first.split("-")
        return "-".join(p[0].upper() + "." for p in parts) + " " + self.last

    def civ(self, lang="fr"):
        if lang == "en":
            return pick(["Mr", "Mr."]) if self.g == "M" else pick(["Ms", "Mrs", "Ms."])
        if lang == "de":
            return "Herr" if self.g == "M" else "Frau"
        if lang in ("es",):
            return "Sr." if self.g == "M" else "Sra."
        if lang == "it":
            return "Sig." if self.g == "M" else "Sig.ra"
        if chance(0.04):
            return pick(["Dr", "Dr.", "Me", "Pr"])
        return (
            wpick([("M.", 7), ("Monsieur", 3), ("Mr", 1)])
            if self.g == "M"
            else wpick([("Mme", 7), ("Madame", 3), ("Mlle", 0.4)])
        )

    def get(self, key):
        if key not in self.cache:
            self.cache[key] = self._make(key)
        return self.cache[key]

    def _make(self, key):
        c = self.country
        if key == "mail":
            if self.company is not None and (self.staff or chance(0.7)):
                return (
                    local_part(
                        self.first, self.last, None if not self.staff else pick(["f.l", "f.l", "i.l", "il"])
                    )
                    + "@"
                    + self.company.domain
                )
        if key in ("mail", "mail2"):
            for _ in range(20):
                m = local_part(self.first, self.last) + "@" + pick(COUNTRY[c]["domains"])
                if m not in self.cache.values():
                    break
            return m
        if key in ("mob", "mob2"):
            if c == "FR":
                return phone_fr(wpick([("mob", 92), ("dom", 3), ("unalloc", 2), ("fiction", 2), ("typo", 1)]))
            return phone_foreign(c, "mob")
        if key == "fixe":
            if c == "FR":
                return phone_fr(
                    wpick([("fixe", 90), ("dom", 4), ("fiction", 3), ("pacific", 1), ("typo", 2)])
                )
            return phone_foreign(c, "fixe")
        if key == "addr":
            if self.staff and self.company is not None:
                return self.company.addr()
            if c == "FR":
                return fr_address(wpick([("home", 85), ("rural", 10)]), dom=chance(0.06))
            return foreign_address(c)
        if key == "iban":
            cc = COUNTRY[c]["iban"] or pick(["FR", "FR", "BE", "LU"])
            if c == "FR" and chance(0.04):
                cc = pick(["MC", "PT", "NL", "DE", "ES"])
            return fmt_iban(make_iban(cc))
        if key == "cb":
            return fmt_card(make_card())
        if key == "nir":
            return fmt_nir(make_nir(1 if self.g == "M" else 2, self.birth))
        if key == "dob":
            return dob_string(self.birth, {"UK": "en", "US": "en", "DE": "de"}.get(c, "fr"))
        if key == "li":
            return profile_url(self.first, self.last, "li")
        if key == "url":
            return profile_url(self.first, self.last)
        if key == "plate":
            return make_plate()
        if key == "title":
            if c in ("UK", "US", "ES", "IT", "DE"):
                return pick(TITLES_EN)
            return pick(TITLES_F if self.g == "F" else TITLES_M)
        if key == "lastbad":
            l_ = self.last
            i = R.randint(1, max(1, len(l_) - 2))
            bad = l_[:i] + l_[i + 1 :] if chance(0.5) else l_[:i] + l_[i] + l_[i:]
            if bad == l_:
                bad = l_ + "e"
            return bad
        raise KeyError(key)


# ---------------------------------------------------------------------------
# Template engine: "{key}" / "{key:arg}" slots -> pieces [(text, TYPE|None)]
# ---------------------------------------------------------------------------
SLOT_RE = re.compile(r"\{([a-z][a-z0-9]*)(?::([a-zA-Z0-9_]+))?\}")
TEMPLATE_USE = collections.Counter()
CLIENT_KEYS = "pqruwxyz"
STAFF_KEYS = "stv"
SUBJECTS = SC("""Devis {order}; Demande de rappel; Facture {order}; Changement d'adresse; Résiliation contrat {order};
    Votre dossier {order}; Question sur {prod:le}; Réclamation livraison; Mise à jour coordonnées bancaires;
    Invitation : point mensuel; Urgent – accès bloqué; Proposition commerciale {prod}; Relance impayé {order};
    Compte rendu rendez-vous; Documents manquants; Demande d'intervention; Renouvellement {prod}; Dossier sinistre {order}""")
TOPICS = SC("""bilan du trimestre; planning de déploiement; migration des données; renouvellement du contrat;
    revue des incidents; formation des utilisateurs; budget {year}; choix du prestataire; sécurité des accès;
    retours terrain; tarifs {year}; avancement du chantier; recette fonctionnelle; reprise de l'historique""")
ACTIONS = SC("""envoyer le devis révisé; planifier la formation; vérifier les accès VPN; relancer la compta;
    transmettre le Kbis; mettre à jour la fiche client; commander le matériel; préparer la démo;
    valider le planning; rédiger l'avenant; tester la sauvegarde; organiser la visite de site""")


GEN_NAMES = {
    "last4",
    "ip4",
    "ip6",
    "ip4b",
    "ipprivp",
    "ip",
    "ipp",
    "ippriv",
    "amex",
    "cb",
    "iban",
    "ibanx",
    "telfr",
    "teldom",
}


class Ctx:
    """One text being built."""

    def __init__(self, kind, country="FR"):
        self.kind = kind
        self.country = country
        vname, vdom, prods = pick(VENDORS)
        self.vendor = Company("FR", vname, vdom)
        self.prods = prods
        self.client = Company(country)
        self.people = {}
        self.roles = {}
        self.out = []
        self.tids = []
        self.cache = {}

    # -- persons
    def person(self, key):
        key = self.roles.get(key, key)
        if key not in self.people:
            for _ in range(50):
                if key in STAFF_KEYS:
                    p = Person("FR", self.vendor, staff=True)
                elif key == "f":
                    p = Person("FR", Company("FR"))
                elif key == "o":  # another foreign contact (same country as client)
                    p = Person(self.country, Company(self.country) if self.country != "FR" else Company("FR"))
                else:
                    p = Person(self.country, self.client)
                names = {x for q in self.people.values() for x in (q.first, q.last)}
                if p.first not in names and p.last not in names and p.first != p.last:
                    break
            self.people[key] = p
        return self.people[key]

    # -- slots
    def pslot(self, p, arg):
        a = arg or "full"
        if a == "any":
            a = wpick(
                [
                    ("full", 40),
                    ("civ", 15),
                    ("civfull", 10),
                    ("first", 10),
                    ("init", 6),
                    ("capsrev", 8),
                    ("fL", 5),
                    ("rev", 3),
                    ("lower", 3),
                ]
            )
        if a == "full":
            return [(p.full(), PER)]
        if a == "first":
            return [(p.first, PER)]
        if a == "last":
            return [(p.last, PER)]
        if a == "civ":
            return [(p.civ() + " ", None), (p.last, PER)]
        if a == "civfull":
            return [(p.civ() + " ", None), (p.full(), PER)]
        if a in ("civen", "civde", "cives", "civit"):
            return [(p.civ(a[3:]) + " ", None), (p.last, PER)]
        if a == "capsrev":
            return [(f"{p.last.upper()} {p.first}", PER)]
        if a == "rev":
            return [(f"{p.last} {p.first}", PER)]
        if a == "revc":
            return [(f"{p.last}, {p.first}", PER)]
        if a == "caps":
            return [(p.full().upper(), PER)]
        if a == "lower":
            return [(p.full().lower(), PER)]
        if a == "init":
            return [(p.init(), PER)]
        if a == "lastcaps":
            return [(p.last.upper(), PER)]
        if a == "firstcaps":
            return [(p.first.upper(), PER)]
        if a == "fL":
            return [(f"{p.first} {p.last.upper()}", PER)]
        if a == "lastbad":
            return [(p.get("lastbad"), PER)]
        if a in ("mail", "mail2"):
            return [(p.get(a), MAIL)]
        if a in ("mob", "mob2", "fixe"):
            return [(p.get(a), TEL)]
        if a == "tel":
            return [(self._ptel(p), TEL)]
        if a == "addr":
            return [(p.get("addr")[0], LOC)]
        if a == "addrml":
            return [(p.get("addr")[1], LOC)]
        if a == "byear":
            return [(str(p.birth.year), DOB)]
        if a in ("iban", "cb", "nir", "dob", "li", "url", "plate"):
            typ = {"iban": IBAN, "cb": CARD, "nir": NIR, "dob": DOB, "li": URL, "url": URL, "plate": PLATE}[a]
            return [(p.get(a), typ)]
        if a == "title":
            return [(p.get("title"), None)]
        co = p.company or self.client
        if a == "coname":
            return [(co.name, None)]
        if a in ("coaddr", "coaddrml"):
            return [(co.addr()[0 if a == "coaddr" else 1], LOC)]
        if a == "cotel":
            return [(co.tel(), TEL)]
        if a == "cofax":
            return [(co.fax(), TEL)]
        if a == "site":
            return [(co.site, None)]
        if a == "coname_slug":
            return [(slug(re.sub(r"\b(SAS|SARL|SA)\b", "", co.name), "-"), None)]
        if a == "codomain":
            return [(co.domain, None)]
        if a == "cotown":
            m = re.search(r"\b\d{5} ([^\n,]+?)(?: cedex.*)?$", co.addr()[1], re.I | re.M)
            town = m.group(1) if m else pick(TOWNS_ALONE[:40])
            return [(town.title() if town.isupper() else town, None)]
        if a in ("cosiret", "cosiren") and co.country != "FR":
            raise KeyError("SIREN/SIRET of a foreign company")
        if a == "cosiret":
            return [(fmt_siret(co.siret), SIRET)]
        if a == "cosiren":
            return [(fmt_siren(co.siren), SIREN)]
        f = p.g == "F"
        plain = {
            "e": "e" if f else "",
            "il": "elle" if f else "il",
            "le": "la" if f else "le",
            "cher": "Chère" if f else "Cher",
            "mr": "Madame" if f else "Monsieur",
            "ne": "née" if f else "né",
            "collegue": "ma collègue" if f else "mon collègue",
            "child": "ma fille" if f else "mon fils",
            "Child": "Ma fille" if f else "Mon fils",
            "lui": "elle" if f else "lui",
            "Il": "Elle" if f else "Il",
            "un": "une" if f else "un",
            "mrs": "Mrs" if f else "Mr",
            "sa": "sa" if f else "son",
            "dear": "Dear",
        }
        if a in plain:
            return [(plain[a], None)]
        raise KeyError(arg)

    def _ptel(self, p):
        if "tel" not in p.cache:
            p.cache["tel"] = p.get(pick(["mob", "mob", "fixe"]))
        return p.cache["tel"]

    def cslot(self, co, arg):
        a = arg or "name"
        if a == "name":
            return [(co.name, None)]
        if a in ("addr", "addrml"):
            return [(co.addr()[0 if a == "addr" else 1], LOC)]
        if a == "tel":
            return [(co.tel(), TEL)]
        if a == "fax":
            return [(co.fax(), TEL)]
        if a == "site":
            return [(co.site, None)]
        if a in ("siren", "siret") and co.country != "FR":
            raise KeyError("SIREN/SIRET of a foreign company")
        if a == "siren":
            return [(fmt_siren(co.siren), SIREN)]
        if a == "siret":
            return [(fmt_siret(co.siret), SIRET)]
        if a == "iban":
            if "iban" + co.name not in self.cache:
                self.cache["iban" + co.name] = fmt_iban(
                    make_iban("FR" if co.country == "FR" else (COUNTRY[co.country]["iban"] or "FR"))
                )
            return [(self.cache["iban" + co.name], IBAN)]
        if a == "domain":
            return [(co.domain, None)]
        raise KeyError(arg)

    def gslot(self, name, arg):
        """Generic slots (mostly unlabelled look-alikes)."""
        n = name if name in GEN_NAMES else (name.rstrip("0123456789") or name)
        if name == "k":
            return [(self.cache.get("k", "3"), None)]
        if n == "prod":
            k = "prod" + name[len(n) :]
            if k not in self.cache:
                used = [v for kk, v in self.cache.items() if kk.startswith("prod")]
                choices = [x for x in self.prods if x not in used] or self.prods
                self.cache[k] = pick(choices)
            return [(prod_article(self.cache[k], arg) if arg else self.cache[k], None)]
        v = {
            "date": lambda: fr_day(rand_day()),
            "datenum": lambda: fr_day(rand_day(), "num"),
            "datelong": lambda: fr_day(rand_day(), "long"),
            "dateen": lambda: en_day(rand_day()),
            "time": lambda: a_time(),
            "ts": lambda: a_time(True),
            "amount": amount,
            "order": order_ref,
            "ver": version,
            "town": lambda: pick(TOWNS_ALONE),
            "week": lambda: str(R.randint(2, 51)),
            "month": lambda: pick(MONTHS_FR),
            "monthen": lambda: pick(MONTHS_EN),
            "year": lambda: str(R.choice([2025, 2026])),
            "weekday": lambda: pick(DAYS_FR[:5]),
            "n": lambda: str(R.randint(10000, 999999)),
            "room": lambda: pick(ROOMS),
            "team": lambda: pick(TEAMS),
            "proj": lambda: pick(PROJECTS),
            "expiry": lambda: pick(
                [
                    f"{R.randint(1, 12):02d}/{R.randint(25, 30)}",
                    f"{R.randint(1, 12):02d}/20{R.randint(25, 30)}",
                ]
            ),
            "cvv": lambda: digits(3),
            "age": lambda: str(R.randint(25, 80)),
            "rate": lambda: f"{R.randint(80, 99)},{R.randint(0, 9)}",
            "last4": lambda: digits(4),
            "pct": lambda: str(pick([5, 8, 10, 12, 15, 20, 25])),
            "qty": lambda: str(R.randint(2, 250)),
            "bic": lambda: pick(BICS_FR),
            "mac": lambda: ":".join(f"{R.randint(0, 255):02x}" for _ in range(6)),
            "host": lambda: pick(
                ["srv-web01", "fw-paris-02", "vpn-gw", "pc-compta-03", "lb-prod-1", "mail-relay", "nas01"]
            ),
            "port": lambda: str(R.randint(1024, 65000)),
            "pid": lambda: str(R.randint(300, 40000)),
            "dtlong": lambda: self._dt("long"),
            "dten": lambda: self._dt("en"),
            "dtfr": lambda: self._dt("fr"),
            "dtgm": lambda: self._dt("gm"),
            "dtgmfr": lambda: self._dt("gmfr"),
            "dtnum": lambda: self._dt("num"),
            "topic": lambda: pick(TOPICS),
            "action": lambda: pick(ACTIONS),
            "title": lambda: pick(TITLES),
            "postcode": lambda: pick(FR_TOWNS)[0],
            "issue": lambda: pick(ISSUES),
            "issueen": lambda: pick(ISSUES_EN),
            "status": lambda: pick(["Nouveau", "En cours", "En attente client", "Résolu"]),
            "prio": lambda: pick(["Haute", "Normale", "Basse", "Critique"]),
            "prioen": lambda: pick(["P1", "P2", "P3", "High", "Low"]),
            "logts": lambda: f"{rand_day().isoformat()} {a_time(True)},{R.randint(0, 999):03d}",
            "apachets": lambda: (
                lambda d: f"{d.day:02d}/{MONTHS_EN3[d.month - 1]}/{d.year}:{a_time(True)} +0100"
            )(rand_day()),
            "systs": lambda: (lambda d: f"{MONTHS_EN3[d.month - 1]} {d.day:2d} {a_time(True)}")(rand_day()),
            "isots": lambda: f"{rand_day().isoformat()}T{a_time(True)}Z",
            "rfcts": lambda: (
                lambda d: (
                    f"{DAYS_EN[d.weekday()][:3]}, {d.day} {MONTHS_EN3[d.month - 1]} {d.year} {a_time(True)} +0100"
                )
            )(rand_day()),
            "ccname": lambda: COUNTRY[self.country]["name"],
            "ccadj": lambda: CC_ADJ[self.country],
            "tzinfo": lambda: {"UK": " (attention : 1 h de décalage)", "MA": " (attention : 1 h de décalage en hiver)",
                               "US": f" (attention au décalage horaire : {pick([6, 9])} h)", "CA": " (attention au décalage horaire : 6 h)"}.get(self.country, ""),
        }.get(n)
        if v is not None:
            val = v()
            if n in ("topic", "subject") and "{" in val:
                return self.render(val, record=False)
            return [(val, None)]
        lab = {
            "ip": lambda: (make_ip(), IP),
            "ip4": lambda: (make_ipv4(), IP),
            "ippriv": lambda: (make_ipv4("priv"), IP),
            "ip6": lambda: (make_ipv6(), IP),
            "ip4b": lambda: (make_ipv4(), IP),
            "ipprivp": lambda: (make_ipv4("priv") + f":{pick([80, 443, 3306, 5432, 6379, 8080, 9200])}", IP),
            "ipp": lambda: (make_ip(port=True) if chance(0.9) else make_ipv4() + ":443", IP),
            "plate": lambda: (make_plate(), PLATE),
            "cb": lambda: (fmt_card(make_card()), CARD),
            "amex": lambda: (fmt_card(make_card("amex")), CARD),
            "siren": lambda: (fmt_siren(make_siren()), SIREN),
            "siret": lambda: (fmt_siret(make_siret()), SIRET),
            "iban": lambda: (fmt_iban(make_iban("FR")), IBAN),
            "ibanx": lambda: (
                fmt_iban(make_iban(pick(["BE", "DE", "ES", "IT", "CH", "GB", "LU", "NL", "PT"]))),
                IBAN,
            ),
            "telfr": lambda: (phone_fr("any"), TEL),
            "teldom": lambda: (phone_fr("dom"), TEL),
        }.get(n)
        if lab is not None:
            return [lab()]
        if n == "subject":
            return self.render(pick(SUBJECTS), record=False)
        raise KeyError(name)

    def _dt(self, style):
        d = rand_day(2024, 2026)
        h, m = R.randint(7, 20), R.randint(0, 59)
        if style == "long":
            return f"{DAYS_FR[d.weekday()]} {d.day} {MONTHS_FR[d.month - 1]} {d.year} {h:02d}:{m:02d}"
        if style == "en":
            return f"{DAYS_EN[d.weekday()]}, {MONTHS_EN[d.month - 1]} {d.day}, {d.year} {(h - 1) % 12 + 1}:{m:02d} {'AM' if h < 12 else 'PM'}"
        if style == "fr":
            return f"{d.day} {MONTHS_FR[d.month - 1]} {d.year} à {h:02d}:{m:02d}"
        if style == "gm":
            return f"{DAYS_EN[d.weekday()][:3]}, {MONTHS_EN3[d.month - 1]} {d.day}, {d.year} at {(h - 1) % 12 + 1}:{m:02d} {'AM' if h < 12 else 'PM'}"
        if style == "gmfr":
            return f"{DAYS_FR[d.weekday()][:3]}. {d.day} {MONTHS_FR[d.month - 1][:4].rstrip('.')}. {d.year} à {h:02d}:{m:02d}"
        return f"{d.strftime('%d/%m/%Y')} {h:02d}:{m:02d}"

    def slot(self, name, arg):
        if name in self.roles or (
            len(name) == 1 and (name in CLIENT_KEYS or name in STAFF_KEYS or name in "fo")
        ):
            return self.pslot(self.person(name), arg)
        if name == "co":
            return self.cslot(self.client, arg)
        if name == "vco":
            return self.cslot(self.vendor, arg)
        return self.gslot(name, arg)

    def render(self, tpl, record=True):
        if record:
            TEMPLATE_USE[tpl] += 1
            self.tids.append(tpl)
        out, pos = [], 0
        for m in SLOT_RE.finditer(tpl):
            if m.start() > pos:
                out.append((tpl[pos : m.start()], None))
            out.extend(self.slot(m.group(1), m.group(2)))
            pos = m.end()
        if pos < len(tpl):
            out.append((tpl[pos:], None))
        return out

    # -- output
    def emit(self, tpl):
        self.out.extend(self.render(tpl))

    def raw(self, s):
        self.out.append((s, None))

    def nl(self, n=1):
        self.out.append(("\n" * n, None))


PROD_FEM = set(
    W("Suite Licence Box Mutuelle Formule Garantie Gamme Location Téléconsultation Offre Option Assurance")
)


def prod_article(p, form):
    w = p.split()[0]
    if strip_accents(w[0]).lower() in "aeiouyh":
        art = {"le": "l'", "du": "de l'", "au": "à l'", "Le": "L'"}[form]
    elif w in PROD_FEM:
        art = {"le": "la ", "du": "de la ", "au": "à la ", "Le": "La "}[form]
    else:
        art = {"le": "le ", "du": "du ", "au": "au ", "Le": "Le "}[form]
    return art + p


def quote_pieces(pieces, prefix="> "):
    """Prefix every line with '> '; a labelled piece spanning lines is split per line."""
    out = [(prefix, None)]
    for text, typ in pieces:
        if "\n" not in text:
            out.append((text, typ))
            continue
        lines = text.split("\n")
        for i, ln in enumerate(lines):
            if i:
                out.append(("\n" + prefix, None))
            if ln:
                out.append((ln, typ))
    return out


# ---------------------------------------------------------------------------
# Surface transforms (applied per piece, offsets recomputed)
# ---------------------------------------------------------------------------
KEYB = {
    "a": "zq",
    "z": "ae",
    "e": "zr",
    "r": "et",
    "t": "ry",
    "y": "tu",
    "u": "yi",
    "i": "uo",
    "o": "ip",
    "p": "o",
    "q": "as",
    "s": "qd",
    "d": "sf",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "j": "hk",
    "k": "jl",
    "l": "km",
    "m": "l",
    "w": "x",
    "x": "wc",
    "c": "xv",
    "v": "cb",
    "b": "vn",
    "n": "b",
}


def typo_word(w):
    if len(w) < 4 or not w.isalpha():
        return w
    i = R.randint(1, len(w) - 2)
    op = pick(["swap", "drop", "dup", "key", "acc", "acc"])
    if op == "swap":
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    if op == "drop":
        return w[:i] + w[i + 1 :]
    if op == "dup":
        return w[:i] + w[i] + w[i:]
    if op == "key" and w[i].lower() in KEYB:
        return w[:i] + pick(KEYB[w[i].lower()]) + w[i + 1 :]
    s = strip_accents(w)
    return s if s != w else w[:i] + w[i + 1] + w[i] + w[i + 2 :]


def typo_text(s, rate=0.07):
    return re.sub(r"[^\W\d_]{4,}", lambda m: typo_word(m.group(0)) if chance(rate) else m.group(0), s)


def transform_piece(text, typ, mode):
    if mode == "caps":
        return text.upper()
    if mode == "noaccent":
        s = (
            strip_accents(text)
            .replace("’", "'")
            .replace("«\u00a0", '"')
            .replace("\u00a0»", '"')
            .replace("«", '"')
            .replace("»", '"')
        )
        return s.replace("–", "-").replace("…", "...")
    if mode == "typo":
        if typ is None:
            return typo_text(text)
        if typ == PER and chance(0.15):
            return pick([text.lower(), typo_word(text) if " " not in text else text])
        return text
    return text


PUNCT = set(string.punctuation) | {"«", "»", "–", "—", "…", "’", "“", "”", "•", "·"}


def finish(pieces, mode=None):
    """Concatenate pieces -> (text, spans). Asserts value match for every span."""
    parts, spans, pos = [], [], 0
    for text, typ in pieces:
        if mode:
            text = transform_piece(text, typ, mode)
        if not text:
            continue
        if typ is not None:
            spans.append([typ, pos, pos + len(text), text])
        parts.append(text)
        pos += len(text)
    full = "".join(parts)
    out = []
    for typ, s, e, v in spans:
        assert full[s:e] == v, (full[s:e], v)
        out.append([typ, s, e])
    return full, out


def validate(rec):
    t = rec["text"]
    assert isinstance(t, str) and t == t.strip(), ("text not stripped", rec["id"])
    prev = 0
    for typ, s, e in sorted(rec["spans"], key=lambda x: (x[1], x[2])):
        assert typ in TYPES, typ
        assert 0 <= s < e <= len(t), (rec["id"], typ, s, e)
        assert s >= prev, ("overlap", rec["id"], typ, t[s:e])
        prev = e
        v = t[s:e]
        assert v == v.strip(), ("whitespace", rec["id"], repr(v))
        first_ok = v[0] not in PUNCT or (typ == TEL and v[0] in "+(")
        last_ok = v[-1] not in PUNCT
        assert first_ok and last_ok, ("punct at edge", rec["id"], typ, repr(v))
        # token boundaries: a span never starts/ends inside a word
        if s > 0:
            assert not (t[s - 1].isalnum() and v[0].isalnum()), (
                "glued left",
                rec["id"],
                typ,
                repr(t[max(0, s - 10) : e]),
            )
        if e < len(t):
            assert not (t[e].isalnum() and v[-1].isalnum()), (
                "glued right",
                rec["id"],
                typ,
                repr(t[s : e + 10]),
            )
        if typ == IBAN:
            assert iban_valid(v.replace("\u00a0", "")), v
        if typ == CARD:
            assert luhn_ok(re.sub(r"\D", "", v)), v
        if typ in (SIREN, SIRET):
            d = re.sub(r"\D", "", v)
            assert len(d) == (9 if typ == SIREN else 14) and luhn_ok(d), v
        if typ == NIR:
            d = re.sub(r"[^0-9AB]", "", v.upper())
            n = int(d[:13].replace("2A", "19").replace("2B", "18"))
            assert len(d) == 15 and 97 - n % 97 == int(d[13:]), v
        if typ == MAIL:
            assert re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", v), v
        if typ == IP:
            host = v if v.count(":") > 1 else v.split(":")[0]
            ipaddress.ip_address(host)
        if typ == TEL:
            assert 6 <= len(re.sub(r"\D", "", v)) <= 15 and not re.search(r"[^\d +().\-/\u00a0]", v), v
        if typ == PLATE:
            assert re.fullmatch(r"[A-Z]{2}[- ]?\d{3}[- ]?[A-Z]{2}|\d{1,4} [A-Z]{2,3} (\d{2,3}|2[AB])", v.upper()), v
        if typ == URL:
            assert re.match(r"(https?://)?[\w.-]+\.[a-z]{2,}/?", v, re.I) and " " not in v, v
    return True


# ===========================================================================
# Template banks.  Person keys: p q r u w x y z = client side (client's country),
# s t v = staff of the CRM owner (French), f = another French contact,
# o = another contact of the client's country.  a/d = author/addressee aliases.
# ===========================================================================
PREFACE_ANY = SC("""Collé depuis Outlook par {s:first} :; Échange mail du {date} (cf. PJ) :;
    Note {s:init} : copie du dernier mail ci-dessous.; Historique : mail du {date}; Copie mail {p:lastcaps} / {date}""")
PREFACE_IN = PREFACE_ANY + SC("""Mail reçu le {date} :; Copie du mail de {p:full} :; [Mail entrant – {datenum} {time}];
    ---- mail client ----; Réponse de {p:civ} à notre relance :; Mail de {p:capsrev} transféré par {t:first} :;
    Mail du client (reçu sur la boîte générique) :""")
PREFACE_OUT = PREFACE_ANY + SC("""Mail envoyé au client le {date} :; Mail sortant ({s:first}) :; Copie de ma réponse à {p:civ} :;
    [Mail sortant – {datenum}]""")
PREFACE = PREFACE_IN
MINI_HEADERS = [
    "Objet : {subject}",
    "De : {a:mail}\nObjet : {subject}",
    "Expéditeur : {a:full} <{a:mail}>\nDate : {dtnum}",
    "À : {d:mail}\nObjet : {subject}",
    "De : {a:full}\nÀ : {d:full}\nDate : {dtlong}\nObjet : {subject}",
    "Objet : RE: {subject}\nDate : {dtnum}",
]
GREET = [
    "Bonjour {d:first},",
    "Bonjour {d:first},",
    "Bonjour {d:civ},",
    "Bonjour {d:civ},",
    "Bonsoir {d:civ},",
    "Bonjour {d:mr},",
    "Madame, Monsieur,",
    "{d:cher} {d:first},",
    "{d:cher} {d:mr} {d:last},",
    "Hello {d:first} !",
    "Salut {d:first},",
    "Bonjour à tous,",
    "Bonjour {d:first}, bonjour {g:first},",
    "Bonjour {d:full},",
    "Hi {d:first},",
    "{d:first},",
    "Bonjour,",
    "Re-bonjour {d:first},",
    "{d:mr} {d:last},",
    "Bonjour {d:fL},",
    "Coucou {d:first} !",
    "Bjr {d:first},",
    "Chers tous,",
    "Bonjour {d:first} 🙂",
    "Bonsoir {d:first},",
    "Bonjour {d:civfull},",
    "Bonjour {d:mr} {d:lastcaps},",
    "{d:mr},",
    "Bonjour {d:first} et {g:first},",
]
BODY_IN = [  # author a = client, addressee d = staff
    "Suite à notre échange téléphonique de ce matin, je vous confirme mon intérêt pour {prod:le}. Vous pouvez me rappeler au {a:mob} à partir de {time}.",
    "Je vous informe de mon changement d'adresse à compter du {date} :\n{a:addrml}",
    "Vous trouverez ci-dessous mes coordonnées bancaires pour le prélèvement mensuel :\nIBAN : {a:iban}\nBIC : {bic}\nTitulaire : {a:capsrev}",
    "Pour le remboursement de la facture {order}, merci de procéder au virement sur le compte {a:iban}.",
    "Je serai absent{a:e} du {date} au {date2}. En cas d'urgence, merci de contacter {q:collegue} {q:full} au {q:tel} ou par mail ({q:mail}).",
    "Je mets en copie {q:civfull}, notre {q:title}, qui suivra le dossier de notre côté.",
    "J'ai bien reçu le devis {order} d'un montant de {amount}. Avant de signer, pouvez-vous me confirmer que l'installation sur notre site de {town} est comprise ?",
    "Depuis la mise à jour en version {ver}, je n'arrive plus à me connecter. Mon identifiant est {a:mail}.",
    "Pour le dossier de prévoyance, voici les informations demandées : {a:ne} le {a:dob}, numéro de sécurité sociale {a:nir}.",
    "Vous pouvez consulter mon parcours sur LinkedIn : {a:li}",
    "Le véhicule concerné par le sinistre est immatriculé {a:plate} ; l'accident a eu lieu le {date} vers {time}.",
    "Le paiement a été refusé alors que ma carte {a:cb} est valide jusqu'en {expiry}. Pouvez-vous vérifier ?",
    "Merci de noter mon nouveau numéro de portable : {a:mob}. L'ancien ({a:mob2}) ne sera plus attribué à partir du {date}.",
    "Nos coordonnées de facturation restent inchangées : {co:name}, {co:addr}, SIRET {co:siret}.",
    "Le colis n'est jamais arrivé. Pour rappel, l'adresse de livraison est {a:addr} (code porte 4521B, 3e étage).",
    "Je préfère être contacté{a:e} par mail plutôt que par téléphone, sauf urgence ({a:tel}).",
    "{q:Child}, {q:first}, s'occupera des démarches à ma place ; son adresse mail : {q:mail2}.",
    "Comme indiqué à {d:first} lors de son passage le {date}, nous souhaitons passer {prod:au} dès le mois prochain.",
    "Je vous joins le formulaire complété. Mes coordonnées : {a:full}, {a:addr}, tél. {a:tel}.",
    "Petite précision : mon nom s'écrit {a:lastcaps} et non {a:lastbad}, merci de corriger sur les factures.",
    "Pouvez-vous mettre à jour l'adresse e-mail de facturation ? Il faut désormais utiliser {a:mail2} au lieu de {a:mail}.",
    "Notre comptable, {q:civ}, vous enverra l'attestation de TVA d'ici {weekday}.",
    "Pour l'accès au site, demandez {q:first} à l'accueil (bâtiment C, 2e étage).",
    "Nous accueillons {q:un} nouveau stagiaire, {q:full}, qui aura besoin d'un compte utilisateur ({q:mail}).",
    "Je vous confirme notre présence au salon de {town} le {date} ; vous pourrez y rencontrer {q:full} et moi-même.",
    "Merci de ne plus m'appeler sur mon fixe ({a:fixe}), je ne suis jamais chez moi en journée.",
    "En pièce jointe, l'extrait Kbis : {co:name} – SIREN {co:siren} – immatriculée au RCS de {town}.",
    "Je suis joignable sur WhatsApp au {a:mob} (plutôt le soir après {time}).",
    "Votre technicien, {q:civ}, est passé hier mais n'a pas pu intervenir faute de pièce.",
    "Petite question : est-ce que {prod:le} est compatible avec notre routeur ? Notre IP fixe est {ip4}.",
    "Je vous transmets les coordonnées de notre nouveau directeur, {q:full} : {q:mob}, {q:mail}.",
    "Nous déménageons nos bureaux à partir du {date}. Nouvelle adresse :\n{co:addrml}",
    "Le contrat est au nom de {q:full} ({q:ne} le {q:dob}), c'est bien {q:lui} qu'il faut contacter.",
    "Pour info, {t:first} de votre service compta m'a déjà relancé{a:e} deux fois cette semaine.",
    "Merci pour votre réactivité, tout fonctionne à nouveau depuis ce matin.",
    "Pourriez-vous également m'envoyer le contrat signé par {t:civfull} ?",
    "Je vous prie de bien vouloir résilier mon abonnement {prod} à compter du {date} (contrat {order}).",
    "Voici mes disponibilités : {weekday} après-midi ou {weekday2} matin avant {time}.",
    "Pour les deux cartes de l'entreprise, les numéros sont {cb} et {cb2} ; seule la seconde doit être débitée.",
    "Mon numéro de sécu, au cas où : {a:nir}. Ma date de naissance : {a:dob}.",
    "Je vous confirme mes informations pour l'adhésion : {a:full}, {a:ne} le {a:dob} à {town}.",
    "Pour l'attestation, je suis {a:ne} en {a:byear}, pas en {year}.",
    "Le RIB de la société a changé, voici le nouveau : {co:iban} (ancien compte {iban} à clôturer).",
    "Attention, le remboursement doit aller sur mon compte à l'étranger : {ibanx}.",
    "Pour le renouvellement, notre SIRET est le {co:siret} et le numéro de TVA vous a déjà été communiqué par {q:first}.",
    "J'ai essayé de vous joindre au standard ({vco:tel}) sans succès.",
    "Ci-joint la carte grise du véhicule {a:plate}, au nom de {q:fL}.",
    "Vous pouvez voir mes réalisations ici : {a:url}",
    "Le chèque a été envoyé à votre adresse :\n{vco:addrml}",
    "La livraison doit se faire à notre entrepôt : {co:addr}. Contact sur place : {q:first} ({q:mob}).",
]
BODY_OUT = [  # author a = staff, addressee d = client
    "Suite à notre rendez-vous du {date}, je vous prie de trouver ci-joint notre proposition pour {prod:le} ({amount}).",
    "Comme convenu par téléphone, je vous rappelle {weekday} à {time} sur votre portable ({d:mob}).",
    "Pour finaliser l'ouverture de votre compte, il nous manque votre RIB. Pour rappel, nous avons actuellement l'IBAN {d:iban} : est-il toujours d'actualité ?",
    "Je vous confirme que votre adresse de livraison a bien été mise à jour : {d:addr}.",
    "Je vous présente {q:full}, qui reprend votre portefeuille à partir du {date}. Vous pouvez {q:le} joindre au {q:fixe} ou à {q:mail}.",
    "Notre technicien {q:first} passera chez vous le {date} entre {time} et {time2}. Merci de confirmer l'adresse : {d:addr}.",
    "Votre contrat {order} arrive à échéance le {date}. Sans retour de votre part, il sera reconduit tacitement.",
    "Nous avons bien enregistré votre demande de résiliation. Le dernier prélèvement sera effectué le {date} sur le compte {d:iban}.",
    "Pour des raisons de sécurité, merci de ne jamais nous communiquer votre numéro de carte complet par e-mail (les 4 derniers chiffres, {last4}, suffisent).",
    "Je reste joignable sur ma ligne directe au {a:fixe} ou sur mon portable {a:mob}.",
    "Vous trouverez le lien de connexion dans le mail envoyé à {d:mail}.",
    "En mon absence, {t:first} ({t:mail}) prendra le relais.",
    "Pouvez-vous me confirmer votre date de naissance ? Nous avons {d:dob} dans notre base, ce qui semble erroné.",
    "Le dossier de {d:civ} a été transmis au service contentieux le {date}.",
    "Comme évoqué avec {q:civfull} de votre service achats, nous appliquerons une remise de {pct} % sur {prod:le}.",
    "Pour la prise en charge, nous avons besoin du numéro de sécurité sociale de l'assuré (nous avons {d:nir}, merci de confirmer) et d'un justificatif de domicile.",
    "L'attestation est à retourner signée à l'adresse suivante :\n{vco:addrml}",
    "Bonne nouvelle : votre éligibilité à la fibre est confirmée au {d:addr}.",
    "Je me permets de vous relancer concernant la facture {order} de {amount}, échue depuis le {date}.",
    "Votre conseiller attitré est désormais {t:civfull} ({t:fixe}).",
    "Nous avons constaté plusieurs tentatives de connexion depuis l'adresse {ip} ; s'agit-il bien de vous ?",
    "Vous trouverez nos coordonnées bancaires ci-dessous : {vco:iban}, BIC {bic}.",
    "Le véhicule de prêt ({plate}) sera disponible à l'agence de {town} dès {time}.",
    "Pour votre information, {prod:le} évolue : nouvelle interface et nouvelle grille tarifaire à partir du 1er {month}.",
    "Voici le récapitulatif de vos coordonnées telles qu'enregistrées :\n- {d:full}\n- {d:addr}\n- {d:tel}\n- {d:mail}",
    "Merci de nous retourner le mandat SEPA signé ; l'IBAN pré-rempli est {d:iban}.",
    "{t:first} m'a transmis votre demande de rappel ; je suis disponible {weekday} à {time}.",
    "Nous n'avons pas pu livrer votre colis : le livreur a trouvé porte close au {d:addr}.",
    "Pour compléter votre dossier, il nous manque : une copie de la carte grise ({d:plate}) et votre numéro de permis.",
    "J'ai bien noté le changement d'interlocuteur : {q:civfull} ({q:mail}, {q:tel}) remplace {r:civfull} à compter du {date}.",
    "Vous pouvez également suivre nos actualités sur notre page LinkedIn (www.linkedin.com/company/{vco:domain}) et sur {vco:site}.",
    "Pour mémoire, votre société est enregistrée chez nous sous le SIRET {co:siret}.",
    "Le remboursement de {amount} a été viré ce jour sur le compte se terminant par {last4}.",
    "Nous avons bien noté votre date de naissance ({d:dob}) pour le calcul du tarif.",
    "Pour votre service comptable : notre société (SIREN {vco:siren}) est immatriculée au RCS de {town}.",
]
BODY_ANY = [
    "Merci pour votre retour rapide.",
    "Je reste à votre disposition pour tout complément d'information.",
    "Nous avons bien reçu votre commande {order} du {date}.",
    "La livraison est prévue semaine {week}.",
    "Le tarif {prod:du} passe à {amount} au 1er {month}.",
    "Vous trouverez le document en pièce jointe.",
    "Pouvez-vous me confirmer la bonne réception de ce message ?",
    "Le rendez-vous est maintenu au {date} à {time}.",
    "Désolé pour le délai de réponse, nous étions en inventaire la semaine dernière.",
    "Le point est reporté à {weekday} prochain, même heure.",
    "Je vous souhaite une bonne fin de semaine.",
    "Les conditions générales en vigueur (version {ver}) s'appliquent.",
    "Le montant total s'élève à {amount}.",
    "Merci de rappeler la référence {order} dans toute correspondance.",
    "Nos bureaux de {town} seront fermés du {date} au {date2} inclus.",
]
CLOSE = SC("""Cordialement,; Bien cordialement,; Bien à vous,; Salutations distinguées,; Merci d'avance,; Bonne journée,;
    Belle journée,; À bientôt,; Best regards,; Kind regards,; Cdlt,; Bàv,; Bien à toi,; Merci et bonne soirée,;
    Sincères salutations,; Dans l'attente de votre retour, cordialement,; Très cordialement,; Merci,; Amicalement,;
    Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.; Bonne réception,""")
SIG_PRO = [
    "{a:full}",
    "{a:first}",
    "{a:full}\n{a:title}\n{a:coname}",
    "{a:full}\n{a:title} – {a:coname}\nTél. : {a:fixe}\nPortable : {a:mob}\n{a:coaddrml}\n{a:site}",
    "{a:capsrev}",
    "-- \n{a:full} | {a:title} | {a:coname}\nT. {a:fixe} | M. {a:mob}\n{a:mail}",
    "{a:init}\n{a:title}",
    "{a:full}\n{a:title}\n📞 {a:mob}\n✉️ {a:mail}\n🔗 {a:li}",
    "{a:full}\n{a:coname}\n{a:coaddr}\nStandard : {a:cotel} – Ligne directe : {a:fixe}\n{a:site} | {a:li}",
    "{a:full}\n{a:title}\n{a:coname}\nM: {a:mob}\nE: {a:mail}\nW: {a:site}",
    "{a:fL}\n{a:coname} – {a:title}",
    "{a:full}\nGérant{a:e}\n{a:coname}\nSIRET : {a:cosiret}\n{a:coaddr}",
    "{a:first}\n{a:tel}",
    "{a:full} ({a:coname})",
    "{a:full}\n{a:title}\n{a:coname}\nLigne directe : {a:fixe}\nFax : {a:cofax}\n{a:coaddrml}",
    "{a:full}\n{a:title}\n{a:coname} | {a:coaddr}\nTél : {a:cotel}\nSuivez-nous : www.linkedin.com/company/{a:coname_slug}",
    "{a:civfull}\n{a:title}\nTél. {a:fixe} – {a:mail}",
    "{a:fL}\n{a:title}\nDirect : {a:fixe}\nMobile : {a:mob}\n\n{a:coname}\n{a:coaddrml}\nRCS {a:cotown} {a:cosiren}",
    "{a:full}\n{a:coname}\nTel: {a:mob}\nhttps://www.{a:codomain}",
    "{a:first}\n\n--\n{a:full}\n{a:title}\n{a:mail} – {a:mob}",
]
SIG_PRIV = [
    "{a:full}",
    "{a:first}",
    "{a:civfull}\n{a:addrml}\n{a:tel}",
    "{a:full}\n{a:tel}",
    "{a:fL}",
    "{a:capsrev}",
    "{a:full}\nTél : {a:mob}\n{a:addr}",
    "{a:first}\n\nEnvoyé de mon iPhone",
    "{a:init}",
    "{a:full}\n{a:mail2}",
    "{a:full}\nClient n° {n}",
    "{a:lower}",
    "{a:full}\n{a:addrml}",
    "{a:first}\n\nEnvoyé depuis mon mobile Orange",
    "{a:rev}\n{a:mob}",
    "{a:full}\n{a:mob} / {a:fixe}",
]
AFTER = [
    "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de leurs destinataires.",
    "Pensez à l'environnement avant d'imprimer ce mail.",
    "P.S. : nos bureaux seront fermés du {date} au {date2}.",
    "P.S. : n'hésitez pas à contacter {t:first} pour toute question technique ({t:mail}).",
    "Ce courriel ne peut être considéré comme un engagement contractuel.",
    "This e-mail and any attachments are confidential. If you are not the intended recipient, please delete it.",
    "Avertissement : ne communiquez jamais vos identifiants par e-mail.",
]


def emit_sig(C, private=False):
    """Closing + signature of author a."""
    close = pick(CLOSE)
    sig = pick(SIG_PRIV if private else SIG_PRO)
    short = "\n" not in sig and len(sig) < 14
    C.emit(close)
    C.raw(" " if short and chance(0.35) else pick(["\n", "\n", "\n\n"]))
    C.emit(sig)
    if not private and chance(0.25):
        C.nl(2)
        C.emit(pick(AFTER))


def email_body(C, direction, k=None):
    bank = BODY_IN if direction == "in" else BODY_OUT
    k = k or wpick([(1, 15), (2, 35), (3, 35), (4, 15)])
    chosen = R.sample(bank, k)
    if chance(0.5):
        chosen.insert(R.randint(0, len(chosen)), pick(BODY_ANY))
    for i, tpl in enumerate(chosen):
        if i:
            C.nl(pick([1, 2, 2]))
        C.emit(tpl)


def gen_email(C=None):
    C = C or Ctx("email")
    direction = pick(["in", "in", "out"])
    C.roles = {"a": "p", "d": "s", "g": "t"} if direction == "in" else {"a": "s", "d": "p", "g": "q"}
    private = direction == "in" and chance(0.45)
    if chance(0.45):
        C.emit(pick(PREFACE_IN if direction == "in" else PREFACE_OUT))
        C.nl(pick([1, 2]))
    if chance(0.2):
        C.emit(pick(MINI_HEADERS))
        C.nl(2)
    C.emit(pick(GREET))
    C.nl(pick([1, 2, 2]))
    email_body(C, direction)
    C.nl(2)
    emit_sig(C, private)
    return C


TOP_FW = [
    "{t:first}, pour info — peux-tu traiter ? Merci.\n{s:first}",
    "FYI, voir échange ci-dessous avec {p:civ}.",
    "Transféré par {s:full} le {date}.",
    "Je te transfère la demande de {p:full}, à traiter en priorité.",
    "Pour action : {t:first} / cc {v:first}",
    "@{t:first} : client à rappeler, cf. mail ci-dessous.",
    "Hello {t:first},\n\nPeux-tu regarder la demande ci-dessous ? Le client attend un retour avant {weekday}.\n\nMerci,\n{s:first}",
    "Pour le dossier : historique complet de l'échange avec {co:name} ci-dessous.",
    "{t:first}, {v:first} : voir ci-dessous, je suis en congés à partir de demain.",
    "Échange transféré depuis la boîte support par {s:init}.",
]
HEADERS = [
    "De : {a:full} <{a:mail}>\nEnvoyé : {dtlong}\nÀ : {d:full} <{d:mail}>\nObjet : {subject}",
    "De : {a:full} [mailto:{a:mail}]\nEnvoyé : {dtlong}\nÀ : {d:mail}\nCc : {c:full} <{c:mail}>\nObjet : {subject}",
    "From: {a:full} <{a:mail}>\nSent: {dten}\nTo: {d:full} <{d:mail}>; {c:full} <{c:mail}>\nSubject: {subject}",
    "-----Message d'origine-----\nDe : {a:mail}\nEnvoyé : {dtlong}\nÀ : {d:capsrev} <{d:mail}>\nObjet : {subject}",
    "Le {dtfr}, {a:full} <{a:mail}> a écrit :",
    "On {dtgm} {a:full} <{a:mail}> wrote:",
    "---------- Forwarded message ---------\nDe : {a:full} <{a:mail}>\nDate: {dtgmfr}\nSubject: {subject}\nTo: <{d:mail}>",
    "-------- Message transféré --------\nSujet : \t{subject}\nDate : \t{dtnum}\nDe : \t{a:full} <{a:mail}>\nPour : \t{d:mail}",
    "Début du message réexpédié :\n\nDe: {a:full} <{a:mail}>\nObjet: {subject}\nDate: {dtlong}\nÀ: {d:full} <{d:mail}>",
    'De : "{a:full}" <{a:mail}>\nDate : {dtnum}\nÀ : "{d:full}" <{d:mail}>\nObjet : {subject}',
    "Le {dtfr}, {a:mail} a écrit :",
    "De : {a:revc} <{a:mail}>\nEnvoyé : {dtlong}\nÀ : {d:mail}\nObjet : {subject}",
    "________________________________\nDe : {a:full} <{a:mail}>\nEnvoyé : {dtlong}\nÀ : {d:full}\nCc : {c:full}; {e:full}\nObjet : {subject}",
    "-----Original Message-----\nFrom: {a:mail}\nSent: {dten}\nTo: {d:mail}\nCc: {c:mail}\nSubject: RE: {subject}",
    "De : {a:fL} <{a:mail}>\nDate : {dtlong}\nÀ : {d:mail}, {c:mail}\nObjet : TR: {subject}",
    'Le {dtnum}, "{a:full}" <{a:mail}> a écrit :',
]


def gen_thread(C=None):
    C = C or Ctx("thread")
    if chance(0.6):
        C.emit(pick(TOP_FW))
        C.nl(2)
    # newest message first: client -> staff or staff -> client
    n_msgs = wpick([(1, 45), (2, 45), (3, 10)])
    direction = pick(["in", "out"])
    for i in range(n_msgs):
        C.roles = (
            {"a": "p", "d": "s", "c": "t", "e": "q", "g": "t"}
            if direction == "in"
            else {"a": "s", "d": "p", "c": "q", "e": "t", "g": "q"}
        )
        start = len(C.out)
        C.emit(pick(HEADERS))
        C.nl(2)
        C.emit(pick(GREET))
        C.nl(pick([1, 2]))
        email_body(C, direction, wpick([(1, 40), (2, 45), (3, 15)]))
        C.nl(2)
        emit_sig(C, private=direction == "in" and chance(0.3))
        if i and chance(0.5):
            C.out[start:] = quote_pieces(C.out[start:], ">" * i + " ")
        if i < n_msgs - 1:
            C.nl(2)
        direction = "out" if direction == "in" else "in"
    return C


def emitx(C, tpl, key):
    """Render a line pattern with person placeholder X bound to key; the pattern is the template id."""
    TEMPLATE_USE[tpl] += 1
    C.tids.append(tpl)
    C.out.extend(C.render(tpl.replace("{X:", "{" + key + ":"), record=False))


def ok_for(C, tpl):
    if C.country != "FR" and re.search(r"sire[nt]|:nir\}|:plate\}|\{plate|\{siret|\{siren", tpl):
        return False
    if C.country in ("US", "CA") and re.search(r"[a-z]:iban\}", tpl) and not tpl.count("{co:iban}"):
        return False
    return True


# ---------------------------------------------------------------------------
# Meeting minutes
# ---------------------------------------------------------------------------
MIN_TITLE = [
    "Compte rendu de réunion – {topic} – {date}",
    "CR réunion {co:name} du {datenum}",
    "Réunion de lancement projet {proj} ({co:name})",
    "Minutes – kick-off {co:name} – {dateen}",
    "Point hebdo {proj} – semaine {week}",
    "COMPTE RENDU – Comité de pilotage n°{qty}",
    "Visio du {date} avec {co:name} – notes de {s:first}",
    "Réunion client {co:name} – {date} – {time}",
    "CR COPIL {proj} / {co:name}",
    "Notes de réunion ({date}, rédigées par {t:full})",
]
ATT_LINE = [
    "- {X:full} ({X:coname})",
    "- {X:full}, {X:title}",
    "- {X:civfull} – {X:title}",
    "• {X:capsrev} ({X:coname})",
    "* {X:full} <{X:mail}>",
    "- {X:fL} – {X:coname}",
    "- {X:init} ({X:coname})",
    "- {X:full} (en visio)",
    "- {X:civ}, {X:title} ({X:coname})",
    "- {X:full} – {X:mail} – {X:tel}",
]
MIN_POINT = [
    "{p:first} rappelle que le contrat actuel expire le {date}.",
    "{q:civ} signale des coupures récurrentes depuis la version {ver}.",
    "Décision : passage {prod:au} au 1er {month}.",
    "Contact technique côté client : {q:full} – {q:tel} – {q:mail}.",
    "Adresse de livraison confirmée : {co:addr}.",
    "Le prestataire se connectera via VPN depuis {ip4} ; l'IP sortante du client est {ip}.",
    "{s:first} présente la nouvelle offre ; {p:first} demande un devis chiffré avant le {date}.",
    "Budget validé : {amount}.",
    "{r:full} quitte l'entreprise fin {month}, son successeur sera annoncé par {p:civ}.",
    "Point RH : {r:first} est absent{r:e} jusqu'au {date}, joignable uniquement par mail ({r:mail2}).",
    "Pour la facturation, utiliser désormais l'IBAN {co:iban}.",
    "Les accès seront créés au nom de {q:full} ({q:mail}) et {r:full} ({r:mail}).",
    "Le site de {town} sera équipé en priorité (référence {order}).",
    "Visite sur site prévue le {date} à {time} : {co:addr}.",
    "Pas de remarque sur le compte rendu précédent.",
    "Le planning est décalé de deux semaines.",
    "{p:first} souhaite être appelé{p:e} sur son portable plutôt que sur le standard : {p:mob}.",
    "{t:full} fera le lien avec {team}.",
    "SIRET de facturation à utiliser : {co:siret}.",
    "Véhicules de la flotte concernés : {plate}, {plate2} et {plate3}.",
    "Risque identifié : dépendance au prestataire historique.",
    "Questions diverses : aucune.",
    "{q:first} partage son écran : {qty} tickets ouverts, dont 3 critiques.",
    "Le standard du client ({co:tel}) sera redirigé pendant la migration.",
    "{v:full} rejoindra le projet en renfort à partir du {date}.",
    "Le comité valide le choix {prod:du} ; {p:civ} signera le bon de commande.",
    "Le nouveau siège sera au {co:addr} à partir de {month}.",
    "Remarque de {q:fL} : la formation doit avoir lieu avant la mise en production.",
    "Bon de commande à établir au nom de {co:name}, SIREN {co:siren}.",
]
MIN_NEXT = [
    "Prochaine réunion : {date} à {time}, salle {room}.",
    "Next meeting: {dateen}, Teams.",
    "Prochain point : {weekday} {time} en visio (lien envoyé par {s:first}).",
    "Prochain COPIL le {date}.",
    "Date du prochain point à caler par {t:first}.",
]


def gen_minutes(C=None):
    C = C or Ctx("minutes")
    C.emit(pick(MIN_TITLE))
    C.nl(2)
    cl = R.sample(list("pqru"), R.randint(2, 4))
    st = R.sample(list("stv"), R.randint(1, 3))
    style = pick(["bullets", "bullets", "inline", "table", "english"])
    if style == "bullets":
        C.raw(pick(["Présents :", "Participants :", "Étaient présents :", "PRÉSENTS"]) + "\n")
        for i, k in enumerate(cl + st):
            if i:
                C.nl()
            emitx(C, pick(ATT_LINE), k)
    elif style == "table":
        C.emit("| Nom | Société | Fonction |\n|---|---|---|")
        for k in cl + st:
            C.nl()
            emitx(
                C,
                pick(["| {X:full} | {X:coname} | {X:title} |", "| {X:capsrev} | {X:coname} | {X:title} |"]),
                k,
            )
    else:
        C.raw("Participants : " if style == "inline" else "Attendees: ")
        for i, k in enumerate(cl + st):
            if i:
                C.raw(", " if i < len(cl + st) - 1 else pick([" et ", ", "]) if style == "inline" else ", ")
            emitx(C, pick(["{X:full}", "{X:full} ({X:coname})", "{X:civ}", "{X:first}", "{X:fL}"]), k)
        C.raw(".")
    if chance(0.5):
        C.nl()
        C.emit(
            pick(
                [
                    "Excusé{w:e} : {w:full}",
                    "Absent{w:e} : {w:civ}",
                    "Excusés : {w:full}, {x:full}",
                    "Absent excused: {w:full}",
                ]
            )
        )
    if chance(0.4):
        C.nl()
        C.emit(
            pick(
                [
                    "Animation : {s:full} – Secrétaire de séance : {t:fL}",
                    "Rédacteur : {t:init}",
                    "Prise de notes : {s:first}",
                ]
            )
        )
    C.nl(2)
    if chance(0.6):
        C.emit(
            pick(
                [
                    "Ordre du jour :\n1. {topic}\n2. {topic}\n3. Questions diverses",
                    "ODJ : {topic} / {topic}",
                    "Agenda:\n- {topic}\n- {topic}",
                ]
            )
        )
        C.nl(2)
    C.raw(pick(["Points abordés :\n", "Discussion :\n", "", "Relevé de décisions :\n"]))
    pts = [t for t in R.sample(MIN_POINT, R.randint(3, 6)) if ok_for(C, t)]
    bullet = pick(["- ", "- ", "• ", "1. ", ""])
    for i, tpl in enumerate(pts):
        if i:
            C.nl()
        C.raw(f"{i + 1}. " if bullet == "1. " else bullet)
        C.emit(tpl)
    C.nl(2)
    style = pick(["list", "list", "table", "todo"])
    if style == "list":
        C.raw(pick(["Actions :", "ACTIONS", "Suites à donner :", "Next steps:"]) + "\n")
        for i, k in enumerate(R.sample(cl + st, min(len(cl + st), R.randint(2, 4)))):
            if i:
                C.nl()
            emitx(
                C,
                pick(
                    [
                        "- {X:first} : {action} (échéance {date})",
                        "- {X:init} : {action}",
                        "- {action} → {X:full}, pour le {date}",
                        "- {X:capsrev} : {action}",
                    ]
                ),
                k,
            )
    elif style == "table":
        C.emit("| Action | Responsable | Échéance |\n|---|---|---|")
        for k in R.sample(cl + st, 2):
            C.nl()
            emitx(C, "| {action} | {X:full} | {date} |", k)
    else:
        C.raw("TODO\n")
        for i, k in enumerate(R.sample(cl + st, 2)):
            if i:
                C.nl()
            emitx(C, pick(["[ ] {action} – {X:init}", "[x] {action} – {X:first}"]), k)
    C.nl(2)
    C.emit(pick(MIN_NEXT))
    return C


# ---------------------------------------------------------------------------
# Support tickets with logs
# ---------------------------------------------------------------------------
ISSUES = SC("""Impossible de se connecter; Lenteurs sur le portail; Erreur 500 au paiement; Synchronisation bloquée;
    Compte verrouillé; VPN instable; Mails en spam; Imprimante introuvable; Notifications SMS absentes;
    Export CSV vide; Doublons dans les contacts; Facture en double""")
ISSUES_EN = SC("Login failure; Portal slowness; Payment page error; Sync stuck; Account locked; VPN drops")
TK_HEAD = [
    "Ticket #{n} – {issue}\nStatut : {status} | Priorité : {prio}\nDemandeur : {u:full} <{u:mail}>\nSociété : {co:name}\nTéléphone : {u:tel}\nProduit : {prod} {ver}",
    "INC{n} | {issueen}\nOpened by: {u:mail}\nAssigned to: {s:full} (N2)\nPriority: {prioen}",
    "[Support] Demande n° {n}\nClient : {co:name} – contact {u:civfull} ({u:tel})\nObjet : {issue}",
    "Incident {n} ouvert le {datenum} à {time} par {s:first} suite à l'appel de {u:civ}.",
    "Ticket {n}\nRequester: {u:full}\nEmail: {u:mail}\nPhone: {u:tel}\nSubject: {issueen}",
    "#{n} {issue} — signalé par {u:fL} ({u:mail})",
    "Demande {n} / {co:name} / {issue}\nContact : {u:capsrev} – {u:mob}",
    "TICKET {n} — {issue}\nCréé par : {s:init} | Client : {u:full}",
]
TK_DESC = [
    "Depuis ce matin impossible de se connecter au portail. Poste : PC-COMPTA-03 (IP {ippriv}), navigateur Chrome {ver}.",
    "L'utilisateur {u:mail} est bloqué après 3 tentatives. Merci de réinitialiser son mot de passe.",
    "Le client signale des lenteurs importantes depuis la migration en {ver}. Utilisateurs impactés : {q:mail}, {r:mail}.",
    "La synchronisation échoue pour le compte de {q:full} ; les autres comptes fonctionnent.",
    "Le VPN tombe toutes les 10 minutes. IP publique du site : {ip4}. Box remplacée le {date}.",
    "Les mails envoyés par {u:mail} arrivent en spam chez leurs clients.",
    "Erreur 500 sur la page de paiement lors de la validation du panier (montant {amount}).",
    "Demande d'ajout d'un utilisateur : {q:full}, {q:title}, {q:mail}, tél. {q:mob}.",
    "Suspicion d'intrusion : connexions SSH répétées depuis {ip4} et {ip6}.",
    "L'imprimante réseau ({ippriv}) n'est plus visible depuis le poste de {q:first}.",
    "Le client ne reçoit plus les notifications SMS sur le {u:mob}.",
    "Problème de facturation : le prélèvement a été rejeté sur l'IBAN {co:iban}.",
    "Le client a saisi son numéro de carte dans le champ commentaire : {cb}. À purger !",
    "Deux paiements en échec avec les cartes {cb} {amex} (saisies à la suite dans le formulaire).",
    "{u:first} indique que l'export ne contient que les en-têtes depuis la {ver}.",
    "Poste de {q:fL} : adresse MAC {mac}, IP attribuée {ippriv}, passerelle {ippriv2}.",
]
TK_LOG = [
    "{logts} ERROR [auth] Login failed for user {u:mail} from {ip4}",
    '{ip4} - - [{apachets}] "POST /api/v2/login HTTP/1.1" 401 532 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"',
    "{systs} {host} sshd[{pid}]: Failed password for invalid user admin from {ip4} port {port} ssh2",
    '{"ts":"{isots}","level":"warn","user":"{u:mail}","src_ip":"{ip6}","msg":"token expired"}',
    "[WARN] {datenum} {ts} – Tentative de connexion depuis {ipp} (user_id={n})",
    "DHCPACK on {ippriv} to {mac} (PC-ACCUEIL) via eth0",
    "X-Forwarded-For: {ip4}, {ip4b}",
    "Received: from mail.{co:domain} ({ip4}) by mx1.{vco:domain} with ESMTPS; {rfcts}",
    "client_ip={ip6} version={ver} build={n}",
    "{logts} INFO  session opened for {u:mail} (ip={ipp})",
    "{logts} DEBUG cache hit ratio=0.93 node=10.2.3 shard=4",
    "{logts} WARN  upstream {ipprivp} timed out after 30000 ms",
    "ping {ip4} : 4 paquets transmis, 0 reçus, 100 % de perte",
    "traceroute to {ip4} ({ip4}), 30 hops max, 60 byte packets",
    "{logts} INFO  build {ver} started (runtime 1.22.4, node v20.11.1)",
    "{logts} ERROR smtp: 550 5.1.1 <{q:mail}>: Recipient address rejected",
    "{logts} WARN  login from new device for {u:mail} — {ip6}",
]
TK_RESP = [
    "Réponse {s:first} ({team}) : mot de passe réinitialisé, l'utilisateur a été prévenu par téléphone au {u:tel}.",
    "Rappel effectué le {date} par {s:full} ; problème résolu après redémarrage de la box.",
    "Escaladé au N3 ({t:full}). En attente de retour éditeur.",
    "IP {ip4} bannie sur le pare-feu ({host}). Ticket clos le {date}.",
    "Solution : mise à jour en {ver}. Ticket résolu.",
    "Données de carte supprimées du ticket conformément à la procédure PCI-DSS.",
    "Client informé par mail ({u:mail}). Clôture automatique dans 7 jours.",
    "Contournement proposé : utiliser le lien de secours.\n{s:init}",
    "Pris en charge par {s:fL} le {date} à {time}.",
    "En attente de retour client ({u:civ}, {u:tel}).",
]


def gen_ticket(C=None):
    C = C or Ctx("ticket")
    C.emit(pick(TK_HEAD))
    C.nl(2)
    C.raw(pick(["Description :\n", "Description du problème :\n", "", "Symptômes :\n"]))
    for i, tpl in enumerate(R.sample(TK_DESC, R.randint(1, 2))):
        if i:
            C.raw(" ")
        C.emit(tpl)
    C.nl(2)
    C.raw(
        pick(["Logs :\n", "Extrait des logs :\n", "Logs joints par le client :\n", "```\n", "-- logs --\n"])
    )
    for i, tpl in enumerate(R.sample(TK_LOG, R.randint(2, 6))):
        if i:
            C.nl()
        C.emit(tpl)
    C.nl(2)
    for i, tpl in enumerate(R.sample(TK_RESP, R.randint(1, 3))):
        if i:
            C.nl()
        C.emit(tpl)
    return C


# ---------------------------------------------------------------------------
# CSV pasted in a note
# ---------------------------------------------------------------------------
CSV_SCHEMAS = [
    (["nom", "prenom", "tel", "email", "iban"], ["lastcaps", "first", "mob", "mail2", "iban"]),
    (
        ["Nom", "Prénom", "Société", "Fonction", "Téléphone", "E-mail"],
        ["last", "first", "coname", "title", "tel", "mail"],
    ),
    (
        ["civilite", "nom", "prenom", "date_naissance", "adresse", "telephone"],
        ["civw", "lastcaps", "first", "dob", "addr", "tel"],
    ),
    (["email", "nom", "prenom", "mobile"], ["mail", "last", "first", "mob"]),
    (["NOM", "PRENOM", "NIR", "DATE NAISSANCE", "IBAN"], ["lastcaps", "firstcaps", "nir", "dob", "iban"]),
    (["id", "client", "contact", "email", "tel", "carte"], ["n", "coname", "full", "mail", "tel", "cb"]),
    (["raison_sociale", "siret", "contact", "email", "tel"], ["coname", "cosiret", "full", "mail", "cotel"]),
    (["plaque", "proprietaire", "tel"], ["plate", "capsrev", "mob"]),
    (["name", "email", "phone", "country"], ["full", "mail", "mob", "countryword"]),
    (["date", "ip", "user", "action"], ["logdate", "ip", "mail", "logaction"]),
    (["prenom", "nom", "linkedin", "email"], ["first", "last", "li", "mail"]),
    (["Contact", "Mobile", "Fixe", "Mail"], ["fL", "mob", "fixe", "mail"]),
    (["matricule", "nom", "prenom", "nir", "iban"], ["n", "last", "first", "nir", "iban"]),
    (["Nom complet", "Adresse postale", "Téléphone"], ["full", "addr", "tel"]),
    (["societe", "siren", "interlocuteur", "mail"], ["coname", "cosiren", "rev", "mail"]),
    (["ref", "titulaire", "iban", "bic"], ["order", "capsrev", "iban", "bic"]),
    (["name", "iban", "country"], ["full", "iban", "countryword"]),
    (["Nom", "Pays", "Mobile", "IBAN"], ["rev", "countryword", "mob", "iban"]),
]
CSV_PRE = SC("""Import du fichier salon {town} (à dédoublonner) :; Liste reçue de {s:first} :; Extraction CRM – relances {month} :;
    Copie de l'export Excel :; Fichier transmis par {f:full} ({f:mail}) le {date} :; Contacts à importer dans le CRM :;
    Export du {datenum} (ne pas diffuser) :; Lignes en erreur lors de l'import :; Données à corriger (cf. {s:init}) :""")
CSV_POST = [
    "{k} lignes. À vérifier : doublon possible sur la ligne 2.",
    "Import fait par {s:init} le {date}.",
    "Fin de l'extrait.",
    "Les lignes sans e-mail n'ont pas été importées.",
    "Source : salon de {town}.",
]


def gen_csv(C=None):
    C = C or Ctx("csv")
    head, fields = pick(CSV_SCHEMAS)
    sep = wpick([(";", 50), (",", 25), ("\t", 15), ("|", 10)])
    nrows = R.randint(2, 7)
    tid = "csv:" + ",".join(head) + ":" + repr(sep)
    TEMPLATE_USE[tid] += 1
    C.tids.append(tid)
    if chance(0.75):
        C.emit(pick(CSV_PRE))
        C.nl()
    if chance(0.9):
        C.raw(sep.join(head if chance(0.8) else [h.upper() for h in head]))
        C.nl()
    keys = list("pqruwxyz")
    for r in range(nrows):
        cc = C.country
        if "countryword" in fields:
            cc = pick(["UK", "US", "BE", "CH", "ES", "DE", "IT", "MA", "CA"])
        p = Person(cc, Company(cc))
        C.people[f"row{r}"] = p
        if r:
            C.nl()
        for i, f in enumerate(fields):
            if i:
                C.raw(sep)
            if chance(0.06) and f not in ("last", "lastcaps", "full", "fL", "capsrev"):
                continue  # empty cell
            if f == "civw":
                C.raw(pick(["Mme", "Madame"]) if p.g == "F" else pick(["M.", "Monsieur"]))
                continue
            if f == "n":
                C.raw(str(R.randint(1000, 99999)))
                continue
            if f == "order":
                C.raw(order_ref().replace(" ", ""))
                continue
            if f == "bic":
                C.raw(pick(BICS_FR))
                continue
            if f == "countryword":
                C.raw(pick(COUNTRY_WORD[cc]))
                continue
            if f == "logdate":
                C.raw(f"{rand_day().isoformat()} {a_time(True)}")
                continue
            if f == "logaction":
                C.raw(pick(["login_failed", "login_ok", "password_reset", "export", "delete_contact"]))
                continue
            pieces = C.pslot(p, f) if f != "ip" else [(make_ip(), IP)]
            need_q = any(sep in t or (sep == "," and "," in t) or '"' in t for t, _ in pieces) or (
                chance(0.1) and sep != "\t"
            )
            if need_q:
                C.raw('"')
            C.out.extend(pieces)
            if need_q:
                C.raw('"')
    if chance(0.4):
        C.nl()
        C.cache["k"] = str(nrows)
        C.emit(pick(CSV_POST))
    return C


# ---------------------------------------------------------------------------
# Bulleted lists / contact sheets
# ---------------------------------------------------------------------------
FICHE_FIELDS = [
    ("Nom", "lastcaps"),
    ("Prénom", "first"),
    ("Nom complet", "full"),
    ("Tél. portable", "mob"),
    ("Tél. fixe", "fixe"),
    ("Téléphone", "tel"),
    ("E-mail", "mail"),
    ("Mail perso", "mail2"),
    ("Adresse", "addr"),
    ("Date de naissance", "dob"),
    ("Né(e) le", "dob"),
    ("N° SS", "nir"),
    ("NIR", "nir"),
    ("IBAN", "iban"),
    ("LinkedIn", "li"),
    ("Profil", "url"),
    ("Immatriculation", "plate"),
    ("Société", "coname"),
    ("Fonction", "title"),
    ("SIRET", "cosiret"),
    ("Carte", "cb"),
    ("Portable", "mob"),
    ("Courriel", "mail"),
    ("Domicile", "addr"),
    ("DDN", "dob"),
    ("RIB", "iban"),
    ("Véhicule", "plate"),
    ("Standard société", "cotel"),
    ("Site web", "site"),
    ("Adresse société", "coaddr"),
    ("Année de naissance", "byear"),
    ("SIREN", "cosiren"),
]
TODO_LINES = [
    "Rappeler {X:full} ({X:tel})",
    "Envoyer le devis à {X:mail}",
    "Vérifier l'IBAN de {X:civ} : {X:iban}",
    "Relancer {X:civ} pour signature",
    "Mettre à jour l'adresse de {X:first} : {X:addr}",
    "Demander à {X:first} sa date de naissance (dossier incomplet)",
    "Prendre RDV avec {X:fL} – {X:mob}",
    "Créer le compte de {X:full} ({X:mail})",
    "Envoyer le contrat en recommandé : {X:addr}",
    "Transmettre à {team} le dossier {order}",
    "Commander {qty} licences {prod}",
    "Préparer la démo du {date}",
    "Appeler {X:first} au {X:mob} avant {time}",
    "Ajouter {X:li} dans la fiche de {X:capsrev}",
    "Contrôler le n° de sécu de {X:first} ({X:nir})",
]
LIST_HEAD = SC("""À faire :; TODO; Actions de la semaine :; Suivi {co:name} :; Rappels {date} :; Points ouverts :;
    Checklist dossier {order} :; Tâches ({s:first}) :""")
MARKERS = ["- ", "* ", "• ", "– ", "> ", "[ ] ", "o "]


def gen_list(C=None):
    C = C or Ctx("list")
    style = pick(["fiche", "fiche", "todo", "contacts", "roles", "deliveries", "checklist"])
    mark = pick(MARKERS)
    if style == "fiche":
        C.emit(
            pick(
                [
                    "Fiche client",
                    "FICHE CONTACT",
                    "Informations client :",
                    "Coordonnées {p:capsrev}",
                    "Fiche prospect ({date})",
                    "Infos récupérées par téléphone :",
                    "Dossier adhésion – {p:full}",
                ]
            )
        )
        C.nl(pick([1, 2]))
        fields = [f for f in R.sample(FICHE_FIELDS, R.randint(4, 9)) if ok_for(C, "{p:" + f[1] + "}")]
        names = [f for f in fields if f[1] in ("lastcaps", "first", "full")]
        if not names:
            fields.insert(0, pick([("Nom", "lastcaps"), ("Nom complet", "full"), ("Contact", "full")]))
        lab_sep = pick([" : ", " : ", ": ", " - ", " = ", "\t"])
        tid = "fiche:" + mark + lab_sep
        TEMPLATE_USE[tid] += 1
        C.tids.append(tid)
        for i, (lab, f) in enumerate(fields):
            if i:
                C.nl()
            C.raw(mark + lab + lab_sep)
            C.out.extend(C.pslot(C.person("p"), f))
        if chance(0.5):
            C.nl(2)
            C.emit(
                pick(
                    [
                        "Remarque : préfère être appelé{p:e} le matin.",
                        "Source : salon de {town}.",
                        "Saisi par {s:first} le {date}.",
                        "Commentaire : client depuis {year}, très satisfait {prod:du}.",
                        "Attention : ne pas contacter avant {time}.",
                    ]
                )
            )
    elif style == "todo":
        C.emit(pick(LIST_HEAD))
        C.nl()
        lines = R.sample(TODO_LINES, R.randint(3, 6))
        for i, tpl in enumerate(lines):
            if not ok_for(C, tpl):
                continue
            if i:
                C.nl()
            C.raw(mark if mark != "[ ] " else pick(["[ ] ", "[x] "]))
            emitx(C, tpl, pick("pqrs"))
    elif style == "contacts":
        C.emit(pick(["Contacts chez {co:name} :", "Interlocuteurs {co:name}", "Annuaire projet {proj} :"]))
        C.nl()
        pat = pick(
            [
                "{X:full} – {X:title} – {X:tel}",
                "{X:fL} ({X:title}) : {X:mail}",
                "{X:civfull}, {X:title}, {X:mob}, {X:mail}",
                "{X:capsrev} | {X:fixe} | {X:mail}",
                "{X:full} / {X:tel} / {X:li}",
            ]
        )
        for i, k in enumerate(R.sample(list("pqruw"), R.randint(2, 5))):
            if i:
                C.nl()
            C.raw(f"{i + 1}. " if mark == "o " else mark)
            emitx(C, pat, k)
    elif style == "roles":
        roles = R.sample(
            ["Décideur", "Technique", "Compta", "Signataire", "Utilisateur clé", "Juridique", "Sponsor"],
            R.randint(3, 5),
        )
        pats = [
            "{X:civfull}",
            "{X:full} ({X:mail})",
            "{X:first} – {X:fixe}",
            "{X:fL}, {X:tel}",
            "{X:civ} ({X:title})",
        ]
        C.emit(pick(["Interlocuteurs :", "Organigramme client :", "Qui fait quoi chez {co:name} :"]))
        C.nl()
        for i, (role, k) in enumerate(zip(roles, "pqruw")):
            if i:
                C.nl()
            C.raw(f"{mark}{role} : ")
            emitx(C, pick(pats), k)
    elif style == "deliveries":
        C.emit(
            pick(
                ["Livraisons semaine {week} :", "Tournée du {date} :", "Interventions prévues ({weekday}) :"]
            )
        )
        C.nl()
        pat = pick(
            [
                "{X:full}, {X:addr} – {X:tel}",
                "{X:civ} : {X:addr} ({X:mob})",
                "{X:capsrev} – {X:addr} – digicode 4512",
                "{time} : {X:fL}, {X:addr}",
            ]
        )
        for i, k in enumerate(R.sample(list("pqruwx"), R.randint(2, 5))):
            if i:
                C.nl()
            C.raw(mark)
            emitx(C, pat, k)
    else:
        C.emit(
            pick(
                [
                    "Checklist ouverture de compte {p:full} :",
                    "Pièces reçues ({p:capsrev}) :",
                    "Dossier {order} :",
                ]
            )
        )
        C.nl()
        items = [
            "RIB reçu ({p:iban})",
            "Kbis ({co:siren})",
            "Pièce d'identité",
            "Justificatif de domicile : {p:addr}",
            "Attestation carte Vitale ({p:nir})",
            "Carte grise {p:plate}",
            "Mandat SEPA signé le {date}",
            "Contrat signé",
        ]
        for i, tpl in enumerate([t for t in R.sample(items, R.randint(3, 6)) if ok_for(C, t)]):
            if i:
                C.nl()
            C.raw(pick(["[x] ", "[ ] ", "✔ ", "✘ ", "- OK - ", "- manque : "]))
            C.emit(tpl)
    return C


# ---------------------------------------------------------------------------
# Call notes / narrative CRM notes
# ---------------------------------------------------------------------------
NOTE_OPEN = [
    "Appel entrant de {p:civfull} le {date} à {time}.",
    "RDV physique chez le client ({p:addr}).",
    "Échange téléphonique avec {p:first} ({p:tel}).",
    "Visite de {s:full} sur site le {date}.",
    "Message vocal laissé par {p:civ} : rappeler au {p:tel}.",
    "Note de {s:first} :",
    "Relance n°2 pour {p:capsrev}.",
    "Client mécontent, appel de {p:full} ({co:name}).",
    "Premier contact via le formulaire web ({p:mail}).",
    "Rencontré{s:e} au salon de {town} : {p:full}, {p:title} chez {co:name}.",
    "{date} – appel sortant vers {p:civ} ({p:mob}), pas de réponse, message laissé.",
    "Visio avec {p:fL} et {q:full} ce matin.",
    "Suite au mail de {p:first} du {date} :",
    "Appel de {q:civfull} pour le compte de {p:civfull}.",
    "Passage en agence de {p:civ} accompagné{p:e} de {q:first}.",
]
NOTE_MID = [
    "Souhaite passer {prod:au} ; budget annoncé : {amount}.",
    "{p:Il} a déménagé : nouvelle adresse {p:addr}.",
    "Nouveau numéro : {p:mob} (l'ancien {p:mob2} ne fonctionne plus).",
    "Donne son IBAN pour le prélèvement : {p:iban}.",
    "Date de naissance vérifiée : {p:dob}.",
    "Numéro de sécu communiqué pour le dossier : {p:nir}.",
    "Assistant{q:e} : {q:full}, qui gère l'agenda ({q:fixe}).",
    "Demande à être recontacté{p:e} par mail uniquement ({p:mail}).",
    "Le véhicule de fonction ({p:plate}) est à restituer le {date}.",
    "Payé par carte {p:cb} (exp. {expiry}), transaction refusée deux fois.",
    "Profil LinkedIn : {p:li}",
    "Mentionne un litige en cours avec notre ancien commercial, {t:full}.",
    "Pas intéressé{p:e} par {prod:le} pour l'instant, à relancer en {month}.",
    "Le DAF, {q:civ}, doit valider le devis {order}.",
    "Attention : homonyme dans la base ({p:full}, autre client à {town}).",
    "Client depuis {year}, aucun incident.",
    "Le siège est au {co:addr} mais la facturation se fait à l'agence.",
    "SIRET à corriger dans la fiche : {co:siret}.",
    "Facture {order} contestée (montant {amount}).",
    "Tient à ce que {q:first} soit en copie de tous les échanges ({q:mail}).",
    "Remboursement à effectuer sur le compte {p:iban} au nom de {p:capsrev}.",
    "Profil en ligne : {p:url}",
    "Problème de connexion depuis l'IP {ip} (bureau) ; fonctionne depuis le domicile.",
    "Transmis à {t:first} ({team}) pour suite à donner.",
    "{p:first} part en congé maternité/paternité le {date}, intérim assuré par {q:fL}.",
    "Demande la suppression de ses données (RGPD) : voir procédure.",
    "A reçu deux courriers à l'ancienne adresse ({p:addr}).",
    "Souhaite un rendez-vous {weekday} prochain vers {time}.",
    "Conjoint{q:e} co-titulaire du contrat : {q:full}, {q:ne} le {q:dob}.",
    "Le numéro donné ({p:mob}) sonne occupé ; essayer le fixe {p:fixe}.",
    "RAS côté technique.",
    "Parle de {r:civfull}, ancien gérant, qui ne fait plus partie de la société.",
    "Veut comparer avec l'offre concurrente avant le {date}.",
    "Carte grise au nom de {q:capsrev}, véhicule {p:plate}.",
    "Pour le Kbis : SIREN {co:siren}, greffe de {town}.",
    "A laissé son numéro perso : {p:mob}.",
    "{p:Il} a {age} ans et souhaite préparer sa retraite.",
    "{p:Il} est {p:ne} en {p:byear}, à vérifier avec la pièce d'identité.",
    "SIREN du client : {co:siren}.",
    "Cartes enregistrées sur le compte : {cb} / {cb2} (la première est expirée).",
    "IBAN étranger fourni pour le remboursement : {ibanx} (vérifier le BIC).",
    "Né{p:e} le {p:dob} à {town} (info donnée pour le dossier de prêt).",
    "Contact chez le cabinet comptable : {r:full} ({r:mail}).",
]
NOTE_END = [
    "À rappeler le {date}.",
    "Prochaine étape : envoi du devis par {s:first}.",
    "Dossier transmis à {t:full} (service juridique).",
    "RAS.",
    "Relance prévue {weekday}.",
    "Affaire à suivre ({s:init}).",
    "Clôturé.",
    "{s:first}",
    "Devis envoyé le {date} à {p:mail}.",
    "Voir aussi la fiche de {q:full}.",
    "Priorité haute.",
]


def gen_note(C=None):
    C = C or Ctx("note")
    C.emit(pick(NOTE_OPEN))
    mids = [t for t in R.sample(NOTE_MID, R.randint(2, 6)) if ok_for(C, t)]
    sep = pick([" ", "\n", "\n- "])
    C.raw("\n- " if sep == "\n- " else pick([" ", "\n", "\n"]))
    for i, t in enumerate(mids):
        if i:
            C.raw(sep)
        C.emit(t)
    C.raw(pick([" ", "\n", "\n\n"]))
    C.emit(pick(NOTE_END))
    return C


# ---------------------------------------------------------------------------
# Foreign contacts
# ---------------------------------------------------------------------------
LANG = {
    "BE": "fr",
    "CH": "fr",
    "LU": "fr",
    "MA": "fr",
    "CA": "fr",
    "UK": "en",
    "US": "en",
    "ES": "es",
    "IT": "it",
    "DE": "de",
}
GREET_L = {
    "en": [
        "Hi {d:first},",
        "Dear {d:first},",
        "Dear {d:civen},",
        "Hello {d:first},",
        "Good morning {d:first},",
        "Hi all,",
        "Dear Sir or Madam,",
    ],
    "es": [
        "Hola {d:first}:",
        "Estimado/a {d:first}:",
        "Buenos días {d:first},",
        "Hola {d:first},",
        "Buenas tardes,",
    ],
    "it": [
        "Buongiorno {d:first},",
        "Gentile {d:first},",
        "Ciao {d:first},",
        "Buongiorno {d:civit},",
        "Gentili signori,",
    ],
    "de": [
        "Guten Tag {d:civde},",
        "Hallo {d:first},",
        "Sehr geehrte Damen und Herren,",
        "Guten Morgen {d:first},",
    ],
}
BODY_L = {
    "en": [
        "Following our call earlier today, please find my details below:\n{a:full}\n{a:addrml}\nMobile: {a:mob}\nEmail: {a:mail}",
        "Could you please wire the refund to our account {a:iban}?",
        "Our bank details have changed. New IBAN: {a:iban} — please update your records before the next payment run.",
        "I'm out of the office until {dateen}. For anything urgent please contact {q:full} on {q:tel}.",
        "My date of birth is {a:dob}, as requested for the insurance form.",
        "We have moved! Our new address is {co:addr}.",
        "Please send the signed contract to {a:addr}, for the attention of {q:full}.",
        "You can reach me on my mobile ({a:mob}) or on the office line {co:tel}.",
        "Our finance contact is {q:full} ({q:mail}); please copy them on all invoices.",
        "Here is my LinkedIn profile: {a:li}",
        "The payment failed on card {cb}; could you retry with {cb2}?",
        "Invoice {order} for {amount} is still unpaid as of {dateen}.",
        "We'll be at the trade fair in {town} in {monthen}; {q:first} will be on the stand.",
        "Our IT team has whitelisted your IP {ip4} for the SFTP transfer.",
        "Thanks for the quick turnaround on the quote, we'll confirm by the end of {monthen}.",
        "{q:full} is taking over the account from {monthen} onwards — {q:mail}, {q:mob}.",
    ],
    "es": [
        "Te paso mis datos de contacto: móvil {a:mob}, dirección {a:addr}.",
        "Como hablamos por teléfono, el pedido {order} se debe entregar en {co:addr}.",
        "Para la devolución, mi cuenta es {a:iban}.",
        "Os paso el IBAN de la empresa para la factura {order}: {a:iban}.",
        "Mi colega {q:full} ({q:mail}) se encargará del seguimiento.",
        "Estaré fuera hasta el {date}; en caso de urgencia, llamad a {q:first} al {q:tel}.",
        "Merci pour votre retour, je vous envoie les documents demain (désolé pour mon français).",
        "Mi fecha de nacimiento es {a:dob}.",
    ],
    "it": [
        "Le invio i miei recapiti: cellulare {a:mob}, indirizzo {a:addr}.",
        "Per il rimborso, il mio IBAN è {a:iban}.",
        "Vi comunico le nuove coordinate bancarie: {a:iban}.",
        "Può contattare anche {q:full} ({q:mail}, {q:tel}) per la parte tecnica.",
        "La consegna deve essere effettuata presso {co:addr}.",
        "Data di nascita: {a:dob}.",
        "Je vous écris en italien, j'espère que ce n'est pas un problème. Il preventivo {order} va bene.",
    ],
    "de": [
        "Anbei meine Kontaktdaten: Mobil {a:mob}, Adresse {a:addr}.",
        "Bitte überweisen Sie die Gutschrift auf unser Konto {a:iban}.",
        "Unsere neue Bankverbindung: IBAN {a:iban}, gültig ab {date}.",
        "Ab dem {date} ist {q:full} ({q:mail}, Tel. {q:tel}) Ihr Ansprechpartner.",
        "Die Lieferung bitte an folgende Adresse:\n{co:addrml}",
        "Geburtsdatum: {a:dob}.",
        "Merci de me répondre en anglais si possible. Unsere Bestellung {order} ist noch nicht angekommen.",
    ],
}
CLOSE_L = {
    "en": ["Best regards,", "Kind regards,", "Thanks,", "Cheers,", "Many thanks,"],
    "es": ["Un saludo,", "Saludos cordiales,", "Atentamente,", "Gracias,"],
    "it": ["Cordiali saluti,", "Distinti saluti,", "Grazie,", "A presto,"],
    "de": ["Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße,", "MfG"],
}
SIG_FOREIGN = [
    "{a:full}\n{a:title}\n{a:coname}\n{a:coaddrml}\nT: {a:cotel}\nM: {a:mob}",
    "{a:full}\n{a:mob}",
    "{a:first}",
    "{a:full} | {a:coname}\n{a:mail} | {a:mob}",
    "{a:fL}\n{a:coname}\nTel. {a:fixe}\nMobile {a:mob}\n{a:site}",
    "{a:full}\n{a:title}, {a:coname}\n{a:li}",
    "{a:full}\n{a:addrml}\n{a:tel}",
    "{a:capsrev}\n{a:coname}",
]
FOREIGN_NOTE = [
    "Appel de {p:full} ({co:name}, {ccname}) : souhaite un devis pour {prod:le}. Rappeler au {p:tel}{tzinfo}.",
    "Nouveau contact {ccadj} rencontré au salon de {town} : {p:full}, {p:title}. Mobile : {p:mob}. Mail : {p:mail}.",
    "Adresse de facturation à l'étranger :\n{co:addrml}",
    "Coordonnées bancaires du client {ccadj} : IBAN {p:iban}.",
    "{p:first} ne parle pas français, échanger en anglais. Tél. direct : {p:fixe}.",
    "Livraison à envoyer chez {p:civfull}, {p:addr}.",
    "Le numéro donné ({p:mob}) est un numéro {ccadj} : penser à composer l'indicatif.",
    "Relance faite par {s:first} auprès de {p:civ} le {date}.",
    "Contact secondaire : {o:full} ({o:mail}, {o:tel}).",
    "{p:civ} souhaite recevoir les factures à son adresse perso : {p:addr}.",
    "Client {ccadj}, filiale de {co:name}. Interlocuteur : {p:fL} ({p:mail}), standard {co:tel}.",
    "Rappel du {date} : {p:first} confirme la commande, paiement par virement depuis le compte {p:iban}.",
    "Standard {co:name} : {co:tel}. Ligne directe de {p:civ} : {p:fixe}. Portable : {p:mob}.",
]


BODY_FOREIGN_FR = [
    "Notre adresse de facturation (siège) :\n{co:addrml}",
    "Vous pouvez me joindre sur mon portable au {a:mob} ou au bureau au {co:tel}.",
    "Pour le virement, voici notre compte : {co:iban}.",
    "Je serai à Paris le {date} ; on peut se voir à votre agence si vous êtes disponible.",
    "Merci d'envoyer les documents à mon adresse personnelle : {a:addr}.",
    "Attention, depuis la France il faut composer l'indicatif : mon numéro complet est le {a:mob}.",
    "Ma collaboratrice {q:full} ({q:mail}) suivra le dossier pendant mes vacances.",
    "Les prix indiqués sont-ils hors taxes ? Chez nous la TVA n'est pas la même.",
    "Pour la livraison, merci d'indiquer l'adresse suivante : {a:addr}, et de prévenir {q:first} au {q:tel}.",
]


def gen_foreign(C=None):
    cc = pick(["BE", "BE", "CH", "CH", "ES", "UK", "US", "MA", "MA", "DE", "IT", "LU", "CA"])
    C = C or Ctx("foreign", cc)
    C.country = cc
    C.client = Company(cc)
    lang = LANG[cc]
    mode = pick(["email", "email", "note"]) if lang == "fr" else pick(["email", "email", "email", "note"])
    if mode == "note":
        C.roles = {}
        C.emit(
            pick(
                [
                    "Note {s:first} – {date}",
                    "Contact {ccadj} – {co:name}",
                    "Prospect {ccname}",
                    "Appel du {date}",
                ]
            )
        )
        C.nl()
        for i, t in enumerate([t for t in R.sample(FOREIGN_NOTE, R.randint(2, 5)) if ok_for(C, t)]):
            if i:
                C.nl()
            C.emit(t)
        return C
    if lang == "fr":  # French-speaking country: same e-mail shapes, foreign values
        C.roles = {"a": "p", "d": "s", "g": "t"}
        if chance(0.4):
            C.emit(pick(PREFACE_IN))
            C.nl()
        C.emit(pick(GREET))
        C.nl(2)
        body = [t for t in R.sample(BODY_IN, 6) if ok_for(C, t)][: R.randint(1, 3)]
        if chance(0.7):
            body.insert(R.randint(0, len(body)), pick([t for t in BODY_FOREIGN_FR if ok_for(C, t)]))
        for i, t in enumerate(body):
            if i:
                C.nl(2)
            C.emit(t.replace("{p:", "{a:"))
        C.nl(2)
        C.emit(pick(CLOSE))
        C.nl()
        C.emit(pick(SIG_FOREIGN))
        return C
    C.roles = {"a": "p", "d": "s", "g": "t"}
    if chance(0.35):
        C.emit(
            pick(
                [
                    "Mail reçu de {a:full} ({ccname}) :",
                    "Copie mail client {ccadj} :",
                    "[EN] mail du {date}",
                    "Forwarded by {s:first}:",
                ]
            )
        )
        C.nl()
    C.emit(pick(GREET_L[lang]))
    C.nl(2)
    for i, t in enumerate(
        R.sample([t for t in BODY_L[lang] if ok_for(C, t)], R.randint(1, 3))
    ):
        if i:
            C.nl(2)
        C.emit(t)
    C.nl(2)
    C.emit(pick(CLOSE_L[lang]))
    C.nl()
    C.emit(pick(SIG_FOREIGN))
    return C


# ---------------------------------------------------------------------------
# Franglais
# ---------------------------------------------------------------------------
MIXED = [
    "Hi {t:first},\n\nComme discuté on the call, je te forward le deck. Let me know si c'est ok pour toi.\nMon mobile : {s:mob}\n\nThanks,\n{s:first}",
    "Quick update : le client ({p:full}) is OK with the pricing, mais il veut un discount de {pct} %. Can you call back at {p:tel} ? Merci !",
    "FYI {t:first} : meeting avec {p:civ} moved to {weekday} {time}. Address : {p:addr}.",
    "Reminder: send the NDA to {p:mail} asap, et mettre {q:full} en cc.",
    "Lead qualifié 🔥 : {p:fL}, {p:title} @ {co:name}, {p:li}. Budget ~{amount}. Next step : démo le {date}.",
    "Call recap ({date}) :\n- Attendees : {p:full}, {q:full}, {s:full}\n- Pain points : onboarding trop long, pas de SSO\n- Next steps : {s:first} envoie la proposal, {p:first} checks internally\n- Contact : {p:mail} / {p:mob}",
    "Le client est based in {town} mais la facturation goes to {co:addr}. Billing contact : {q:full} ({q:mail}).",
    "ASAP please : update IBAN du client {p:capsrev} → {p:iban} (old one was closed).",
    "Hello team, {p:first} from {co:name} called, il a un souci with his login ({p:mail}). IP: {ip}. Can someone check?",
    "OOO until {dateen}. For urgent matters, contactez {t:full} au {t:mob}.",
    "Deal closed 🎉 avec {co:name} ! Signataire : {p:civfull}. Kick-off le {date}, onsite at {co:addr}.",
    "Churn risk : {p:full} n'a pas renouvelé, last login {date}. Owner : {s:first}. Please follow up by phone ({p:tel}).",
    "Note to self : {p:first} prefers WhatsApp ({p:mob}), never call before {time}.",
    "Sync avec {t:fL} : on push l'upsell {prod:du} to {p:civ} next week. Her/his EA is {q:full} ({q:fixe}).",
    "Hi {p:first}, sorry for the late reply ! Je t'envoie le contrat ce soir. Peux-tu me confirmer ton adresse : {p:addr} ? Cheers, {s:first}",
    'Customer feedback ({p:full}, {co:name}) : "great product mais le support est trop lent". Rating 3/5.',
    "Escalation : {p:civ} threatens to cancel. Manager in the loop : {t:full}. Ticket {n}.",
    "Shipping update — parcel {order} delivered to {p:addr}, signed by {q:first}.",
]


def gen_mixed(C=None):
    C = C or Ctx("mixed_en")
    k = R.randint(1, 3)
    for i, t in enumerate(R.sample(MIXED, k)):
        if i:
            C.nl(2)
        C.emit(t)
    return C


# ---------------------------------------------------------------------------
# Negatives (no personal data; look-alikes everywhere)
# ---------------------------------------------------------------------------
NEG_PARA = [
    "Commande {order} expédiée le {date}, livraison estimée sous 48 h.", "Le montant total de la facture {order} s'élève à {amount}.",
    "La version {ver} corrige un bug d'affichage des montants négatifs.", "Nouveau : {prod} disponible dès {amount}.",
    "Rendez-vous sur notre stand au salon de {town} du {date} au {date2}.", "Les commandes passées avant {time} sont expédiées le jour même.",
    "Notre agence de {town} déménage : plus d'informations sur {vco:site}.", "Release planned for {monthen} {year}; beta opens in {monthen2}.",
    "Save the date: webinar on {dateen} at {time} CET.",
    "Rappel : les numéros de carte ne doivent jamais être saisis dans les notes ; seuls les 4 derniers chiffres ({last4}) sont autorisés.",
    "Le BIC seul ({bic}) ne suffit pas pour un virement SEPA.", "Code promo PRINTEMPS{pct} valable jusqu'au {date}.",
    "Le serveur de préproduction passe en {ver} ce soir à {time}.", "Taux de disponibilité du mois : 99,{qty} %.",
    "Tickets traités : {qty} (dont {qty2} en moins de 4 h).", "Référence article : REF-{n}, lot {order}, quantité {qty}.",
    "Horaires du support : du lundi au vendredi, de 8h30 à 18h.", "TVA applicable : 20 %. Paiement à 30 jours fin de mois.",
    "Les équipes de {town} et de {town2} seront réunies le {date} pour le séminaire annuel.",
    "Mise à jour du catalogue : {prod} remplace l'ancienne gamme.", "Température de stockage : entre 2 et 8 °C.",
    "Garantie 2 ans pièces et main-d'œuvre, extension possible à 5 ans.",
    "Le module de reporting exporte au format CSV (séparateur point-virgule).",
    "Build 2025.03.{qty} déployé sur l'environnement de recette (node 10.4.2).", "Le colis {order} est en attente au point relais.",
    "Nombre de leads entrants ce mois-ci : {qty}, en hausse de {pct} %.", "Prochaine maintenance planifiée : {weekday} {date} de 22h à 2h.",
    "Toute demande de résiliation doit être confirmée par écrit sous 14 jours.",
    "La clôture comptable est fixée au 31/12 ; merci d'envoyer les notes de frais avant le 20.",
    "Les tarifs {year} entrent en vigueur le 1er janvier ; augmentation moyenne de 3,2 %.",
    "Version mobile : iOS 17.4 et Android 14 minimum.", "Ticket {n} clos automatiquement après 7 jours sans réponse.",
    "Le webinaire du {date} a réuni {qty} participants.", "In {monthen}, we are launching {prod} in the US market.",
    "Réunion d'équipe chaque lundi à 9h30 en salle {room}.",
    "Le numéro de commande figure en haut à droite du bon de livraison (format CMD-AAAA-NNNNN).",
    "Les salons de Lyon, Lille et Nancy sont confirmés pour {year}.", "Prix public conseillé : {amount}.",
    "Compatibilité : Windows 10 build 19045 et supérieur.", "Suivez-nous sur LinkedIn : https://www.linkedin.com/company/{vco:domain}",
    "Documentation : https://docs.{vco:domain}/v{qty}/api", "Dossier {order} : en attente de pièces justificatives.",
    "Le parking visiteurs est accessible par l'entrée B.", "Commande {order} de la société {co:name} : {qty} unités à {amount}.",
    "{co:name} rejoint nos clients grands comptes.", "Le client {co:name} (secteur {town}) a renouvelé son contrat pour 36 mois.",
    "Heure de coupure : {time} ; reprise prévue à {time2}.", "May and June are our busiest months; plan leave accordingly.",
    "Les chiffres d'avril seront publiés le {date}.", "Offre valable du {datenum} au {datenum2}, dans la limite des stocks disponibles.",
    "Prochaine version majeure : {ver}, prévue en {month}.", "Le devis {order} a été accepté ; acompte de 30 % ({amount}) reçu.",
]
NEG_TITLES = SC("""Newsletter {vco:name} – {month} {year}; Lettre d'information n°{qty}; Note interne – procédure de relance;
    Fiche produit : {prod}; Release notes {ver}; FAQ – facturation; Compte rendu d'activité – semaine {week};
    Procédure : traitement des demandes RGPD; Grille tarifaire {year}; Planning des permanences; Inventaire du {datenum};
    Communiqué – {vco:name}; [Interne] Rappel des bonnes pratiques CRM; Reporting mensuel – {month}; Event – {monthen} {year};
    Mémo équipe commerciale; Nouveautés {prod}""")
PROC_STEPS = [
    "Vérifier l'identité du client (nom, date de naissance, adresse) avant toute modification.",
    "Ne jamais saisir de numéro de carte complet dans le CRM.", "Joindre le RIB au dossier ; ne pas recopier l'IBAN dans les notes.",
    "Créer un ticket dans l'outil support avec la catégorie « Facturation ».", "Relancer le client à J+7 puis J+15.",
    "Passer le dossier en statut « À valider » et prévenir le responsable d'équipe.",
    "Archiver les pièces justificatives dans la GED sous 48 h.", "En cas de doute, contacter le service juridique par le canal Teams dédié.",
    "Mettre à jour le champ « Date de prochaine action ».", "Envoyer le modèle de courrier n°{qty}.",
    "Anonymiser les notes de plus de 3 ans (script du {date}).", "Ne pas transférer les pièces d'identité par e-mail.",
]
PRODUCT_SPECS = ["Dimensions : 120 x 80 x 45 cm", "Poids : 12,5 kg", "Garantie : 2 ans", "Alimentation : 230 V / 50 Hz",
                 "Compatibilité : Windows 10 build 19045 et supérieur, macOS 14", "Stockage : 512 Go SSD", "Référence : REF-{n}",
                 "Version du firmware : {ver}", "Disponibilité : sous 5 jours ouvrés", "Couleur : gris anthracite", "Prix public : {amount}",
                 "Norme : CE, RoHS", "Débit : jusqu'à 8 Gbit/s", "Engagement : 12 ou 24 mois", "Mise en service : {qty} jours"]
RELEASE_ITEMS = ["Correction : l'export CSV ignorait les champs vides.", "Nouveau : filtre par date de création.",
                 "Amélioration : temps de chargement divisé par deux.", "Sécurité : mise à jour de la bibliothèque TLS en {ver}.",
                 "Correction : les montants négatifs s'affichaient sans signe.", "Nouveau : connecteur vers {prod}.",
                 "Suppression de l'ancien module de reporting (v1).", "Compatibilité Android 14 et iOS 17.4.",
                 "Correction du calcul de TVA sur les avoirs.", "Nouveau format de numéro de commande : CMD-AAAA-NNNNN.",
                 "Fix: crash when the order date was empty (build {ver}).", "Dépendance mise à jour : 2.31.0 → 2.32.3."]
KPI_LINES = ["Tickets ouverts : {qty}", "Tickets résolus : {qty}", "Délai moyen de résolution : {qty} h", "Taux de décroché : {rate} %",
             "Chiffre d'affaires : {amount}", "Nouveaux contrats : {qty}", "Commandes en retard : {qty} (dont {order})", "NPS : +{pct}",
             "Période : du {datenum} au {datenum2}", "Dernière mise à jour : {datenum} {ts}", "Panier moyen : {amount}",
             "Appels entrants : {qty} (pic le {weekday} à {time})"]
NEG_LOGS = ["{logts} INFO  job export_contacts finished in 12.3 s (build {ver})", "{logts} WARN  disk usage 87 % on /var (node 10.4.2)",
            "{logts} INFO  scheduler: next run at {time}", "{logts} ERROR timeout after 30000 ms (retry 3/5)",
            "{logts} INFO  version {ver} deployed to staging", "{logts} DEBUG cache hit ratio=0.93 shard=4",
            "{logts} INFO  {qty} records synced, {qty2} skipped", "{logts} WARN  certificate expires on {datenum}"]
FAQ = ["Q : Comment modifier mon RIB ?\nR : Depuis votre espace client, rubrique « Paiement ».",
       "Q : Où trouver mon numéro de commande ?\nR : Il figure sur la confirmation (format {order}).",
       "Q : Quels sont les délais de livraison ?\nR : 48 à 72 h en France métropolitaine.",
       "Q : Puis-je payer en plusieurs fois ?\nR : Oui, en 3 fois sans frais à partir de {amount}.",
       "Q : Comment contacter le support ?\nR : Via le formulaire en ligne sur {vco:site}.",
       "Q : Quelle version est compatible ?\nR : La {ver} ou supérieure.",
       "Q : Puis-je changer d'offre en cours de contrat ?\nR : Oui, le passage {prod:au} est possible à tout moment."]
NEG_CLOSE = ["L'équipe {vco:name}", "— Service Communication", "Document interne – ne pas diffuser.", "Version du document : {ver}",
             "Mis à jour le {date}.", "Se désinscrire : {vco:site}/desinscription", "© {year} {vco:name} – Tous droits réservés."]


NEG_TITLE_BY_STYLE = {
    "newsletter": SC("Newsletter {vco:name} – {month} {year}; Lettre d'information n°{qty}; Communiqué – {vco:name}; Les actus {vco:name} de {month}"),
    "memo": SC("Note interne – procédure de relance; Mémo équipe commerciale; [Interne] Rappel des bonnes pratiques CRM; Info service – {date}"),
    "event": SC("Event – {monthen} {year}; Save the date; Invitation : matinale clients du {date}; Salon {year}"),
    "process": SC("Procédure : traitement des demandes RGPD; Note interne – procédure de relance; Process ADV – mise à jour du {datenum}; Mode opératoire {ver}"),
    "product": SC("Fiche produit : {prod}; Nouveautés {prod}; {prod} – descriptif technique; Catalogue {year} – extrait"),
    "release": SC("Release notes {ver}; Notes de version {ver}; Changelog {ver}; Mise à jour {ver} – ce qui change"),
    "kpi": SC("Compte rendu d'activité – semaine {week}; Reporting mensuel – {month}; KPI support {month} {year}; Tableau de bord du {datenum}"),
    "planning": SC("Planning des permanences; Planning des salles – {month}; Astreintes {year}; Planning formation semaine {week}"),
    "logs": SC("Extrait logs batch nuit du {datenum}; Logs du job d'import; Sortie console du {datenum}"),
    "faq": SC("FAQ – facturation; Questions fréquentes {prod}; FAQ support – mise à jour {month}"),
}


def gen_negative(C=None):
    C = C or Ctx("negative")
    style = pick(["newsletter", "process", "product", "release", "kpi", "planning", "logs", "faq", "memo", "event"])
    C.emit(pick(NEG_TITLE_BY_STYLE[style]))
    C.nl(2)
    if style in ("newsletter", "memo", "event"):
        for i, t in enumerate(R.sample(NEG_PARA, R.randint(2, 5))):
            if i:
                C.nl(pick([1, 2]))
            C.emit(t)
    elif style == "process":
        for i, t in enumerate(R.sample(PROC_STEPS, R.randint(3, 6))):
            if i:
                C.nl()
            C.raw(f"{i + 1}. ")
            C.emit(t)
    elif style == "product":
        C.emit(pick(["{prod} : la solution pensée pour les TPE et PME.", "Découvrez {prod}, disponible dès le {date}."]))
        C.nl(2)
        mark = pick(["- ", "• ", "* "])
        for i, t in enumerate(R.sample(PRODUCT_SPECS, R.randint(4, 7))):
            if i:
                C.nl()
            C.raw(mark)
            C.emit(t)
    elif style == "release":
        for i, t in enumerate(R.sample(RELEASE_ITEMS, R.randint(3, 6))):
            if i:
                C.nl()
            C.raw("- ")
            C.emit(t)
    elif style == "kpi":
        for i, t in enumerate(R.sample(KPI_LINES, R.randint(4, 7))):
            if i:
                C.nl()
            C.emit(t)
    elif style == "planning":
        C.emit("| Semaine | Équipe | Salle |\n|---|---|---|")
        for _ in range(R.randint(3, 6)):
            C.nl()
            C.emit("| S{week} | {team} | {room} |")
    elif style == "logs":
        for i, t in enumerate(R.sample(NEG_LOGS, R.randint(3, 6))):
            if i:
                C.nl()
            C.emit(t)
    else:
        for i, t in enumerate(R.sample(FAQ, R.randint(2, 4))):
            if i:
                C.nl(2)
            C.emit(t)
    if chance(0.6):
        C.nl(2)
        if chance(0.4):
            C.emit(pick(NEG_PARA))
            C.nl()
        C.emit(pick(NEG_CLOSE))
    return C


# ---------------------------------------------------------------------------
# Surface variants
# ---------------------------------------------------------------------------
def gen_variant(mode):
    base = wpick([(gen_note, 30), (gen_email, 25), (gen_list, 15), (gen_thread, 8), (gen_minutes, 6), (gen_ticket, 4), (gen_mixed, 5), (gen_foreign, 7)])
    C = base()
    C.kind = mode
    C.mode = mode
    return C


GENERATORS = {
    "email": gen_email, "thread": gen_thread, "minutes": gen_minutes, "ticket": gen_ticket, "csv": gen_csv, "list": gen_list,
    "note": gen_note, "foreign": gen_foreign, "mixed_en": gen_mixed, "negative": gen_negative,
    "caps": lambda: gen_variant("caps"), "noaccent": lambda: gen_variant("noaccent"), "typo": lambda: gen_variant("typo"),
}


def make_record(C, kind):
    text, spans = finish(C.out, getattr(C, "mode", None))
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    spans = [[t, s - lead, e - lead] for t, s, e in spans]
    return {"kind": kind, "text": text, "spans": spans}


def build():
    recs, structures = [], collections.Counter()
    for kind, n in N_TARGET.items():
        for _ in range(n):
            C = GENERATORS[kind]()
            rec = make_record(C, kind)
            if kind == "negative":
                assert not rec["spans"], rec
            structures[(kind, tuple(C.tids))] += 1
            recs.append(rec)
    R.shuffle(recs)
    out = []
    for i, rec in enumerate(recs, 1):
        out.append({"id": f"b-{i:04d}", "kind": rec["kind"], "text": rec["text"], "spans": rec["spans"]})
        validate(out[-1])
    return out, structures


def stats(recs, structures):
    by_type = collections.Counter(t for r in recs for t, _, _ in r["spans"])
    by_kind = collections.Counter(r["kind"] for r in recs)
    spans_kind = collections.Counter()
    for r in recs:
        spans_kind[r["kind"]] += len(r["spans"])
    neg = sum(1 for r in recs if not r["spans"])
    lens = sorted(len(r["text"]) for r in recs)
    lines = [f"texts: {len(recs)}  spans: {sum(by_type.values())}  texts without any span: {neg} ({100 * neg / len(recs):.1f} %)",
             f"text length: median {lens[len(lens) // 2]}  mean {sum(lens) / len(lens):.0f}  max {lens[-1]} characters",
             f"distinct templates used: {len(TEMPLATE_USE)}  distinct text structures (kind + template sequence): {len(structures)}",
             "", "spans per type:"]
    lines += [f"  {t:<17} {by_type.get(t, 0):>5}" for t in TYPES]
    lines += ["", "texts (spans) per kind:"]
    lines += [f"  {k:<10} {by_kind[k]:>5} ({spans_kind[k]})" for k in N_TARGET]
    return "\n".join(lines)


def show(recs, n, seed=7):
    rr = random.Random(seed)
    for r in rr.sample(recs, n):
        t, out, pos = r["text"], [], 0
        for typ, s, e in sorted(r["spans"], key=lambda x: x[1]):
            out.append(t[pos:s])
            out.append(f"⟦{typ}|{t[s:e]}⟧")
            pos = e
        out.append(t[pos:])
        print(f"===== {r['id']} ({r['kind']})\n" + "".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=0, help="print N random texts with spans highlighted")
    ap.add_argument("--show-seed", type=int, default=7)
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    recs, structures = build()
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-read and re-validate what was written
    with open(args.out, encoding="utf-8") as fh:
        back = [json.loads(x) for x in fh]
    assert back == recs
    for r in back:
        validate(r)
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1e6:.2f} MB)")
    print(stats(recs, structures))
    if args.show:
        print()
        show(recs, args.show, args.show_seed)


if __name__ == "__main__":
    main()
