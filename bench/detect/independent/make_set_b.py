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
import json
import os
import random
import re
import string
import sys
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
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "FR_NIR",
    "IP_ADDRESS", "LOCATION", "DATE_TIME", "URL", "FR_LICENSE_PLATE", "FR_SIREN", "FR_SIRET")
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
    "it": W("Giuseppe Giovanni Marco Luca Matteo Alessandro Lorenzo Stefano Davide Riccardo Federico Gianluca"),
    "de": W("Hans Klaus Jürgen Stefan Andreas Markus Lukas Jonas Matthias Reto Urs Beat Tobias Uwe Dieter"),
    "nl": W("Wouter Pieter Jan Bram Dirk Koen Joris Stijn Thijs Geert"),
    "en": W("""John James Michael David Robert William Oliver Harry George Jack Ryan Tyler Matthew
        Christopher Andrew"""),
    "asia": W("Minh Thanh Duc Quang Huy Long Wei Jun Hao Lei Hiroshi Kenji Takashi Arjun Ravi Vikram Rahul Ji-ho"),
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
    "asia": W("Linh Hoa Lan Mai Thao Huong Ngoc Mei Xiu Ying Jing Yan Lili Yuki Aiko Sakura Priya Ananya Deepa Seo-yeon"),
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
FR_TOWNS = [tuple(x.split(" ", 1)) for x in SC("""75002 Paris; 75011 Paris; 75015 Paris; 75018 Paris;
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
    62000 Arras; 02100 Saint-Quentin; 08000 Charleville-Mézières; 10000 Troyes; 89000 Auxerre""")]
DOM_TOWNS = [tuple(x.split(" ", 1)) for x in SC("""97400 Saint-Denis; 97410 Saint-Pierre; 97460 Saint-Paul;
    97110 Pointe-à-Pitre; 97122 Baie-Mahault; 97200 Fort-de-France; 97232 Le Lamentin; 97300 Cayenne;
    97600 Mamoudzou""")]
TOWNS_ALONE = [t for _, t in FR_TOWNS] + ["Bruxelles", "Genève", "Lausanne", "Casablanca", "Madrid",
                                          "Londres", "Milan", "Berlin", "Montréal"]

STREET_TYPES = ["rue", "rue", "rue", "avenue", "boulevard", "place", "allée", "impasse", "chemin",
                "route", "quai", "cours", "square", "passage", "résidence", "sentier"]
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
LIEUX_DITS = SC("La Grange; Le Bourg; Les Granges Basses; La Croix Blanche; Kerbriant; Le Moulin Neuf; Les Brosses")
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
    "BE": SC("Brasserie De Kroon NV; Lumière Wallonne SRL; Antwerp Diamond Logistics BV; Meuse Consulting SA"),
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
    ("Nexalia", "nexalia.fr", SC("Offre Cloud Pro; Suite CRM Essentiel; Module Facturation v3; Licence Premium 12 mois; Option Backup+; Pack Sérénité")),
    ("Sofratel", "sofratel.fr", SC("Abonnement Fibre Pro; Forfait Mobile 100 Go; Offre Standard Téléphonique; Pack Sérénité; Box Entreprise")),
    ("Altis Assurances", "altis-assurances.fr", SC("Contrat Prévoyance Plus; Mutuelle Santé Famille; Assurance Flotte Auto; Formule Liberté; Garantie Homme-Clé")),
    ("Helios Énergie", "helios-energie.fr", SC("Offre Azur; Tarif Jaune; Contrat Électricité Verte; Offre Mistral; Option Heures Creuses")),
    ("Batimax", "batimax.fr", SC("Kit Démarrage; Gamme ProBois; Échafaudage E200; Contrat Maintenance Or; Location Nacelle 12 m")),
    ("Orbis Santé", "orbis-sante.fr", SC("Logiciel Cabinet Plus; Téléconsultation Pro; Pack Officine; Module Agenda v4")),
]
TITLES = SC("""Responsable Achats; Directrice commerciale; Directeur commercial; Chargé de clientèle; Gérant;
    Assistante de direction; DSI; Responsable informatique; Comptable; Office manager; Chef de projet;
    Technicien support N2; Directeur administratif et financier; Responsable RH; Acheteur; Juriste;
    Conseillère clientèle; Account manager; Key Account Manager; Ingénieur commercial; Responsable ADV;
    Directrice générale; Président; Responsable logistique; Responsable des services généraux;
    Infirmière coordinatrice; Pharmacien titulaire; Agent immobilier; Expert-comptable; Cheffe de projet;
    Responsable de secteur; Conseiller en assurances; Commercial sédentaire; Administrateur systèmes""")
TITLES_EN = SC("""Sales Director EMEA; Head of Procurement; Account Executive; Office Manager; IT Manager;
    Customer Success Manager; CFO; Operations Manager; Partner; Senior Buyer""")
TEAMS = SC("""l'équipe support; le service ADV; la compta; le service client; la DSI; l'équipe Grands Comptes;
    le pôle Recouvrement; le service juridique; l'équipe logistique; le back-office""")
ROOMS = W("Everest Jupiter Atlas B204 Mistral Horizon Kilimandjaro Saturne A12 Iroise")
PROJECTS = SC("Phoenix; Migration ERP; Refonte site; Atlas 2; Déploiement Fibre; Onboarding; Zéro Papier; Convergence")
BICS_FR = W("BNPAFRPPXXX SOGEFRPP CCBPFRPPMTG AGRIFRPP882 PSSTFRPPPAR CMCIFR2A CEPAFRPP751 CRLYFRPP BOUSFRPPXXX")
FR_BANKS = W("30003 30004 20041 10278 11306 30002 17515 10907 16606 12506 18206 13807 14445 30066 40618 30076")

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
    return sep.join(s[i:i + n] for i in range(0, len(s), n))


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
    style = style or wpick([("num", 45), ("long", 20), ("short", 10), ("wd", 15), ("iso", 4), ("dot", 3), ("nodd", 3)])
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
    return pick([f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}", f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
                 f"{DAYS_EN[d.weekday()]}, {MONTHS_EN[d.month - 1]} {d.day}"])


def a_time(sec=False):
    h, m = R.randint(7, 19), pick([0, 0, 0, 15, 30, 30, 45, R.randint(0, 59)])
    if sec:
        return f"{h:02d}:{m:02d}:{R.randint(0, 59):02d}"
    return pick([f"{h}h{m:02d}" if m else f"{h}h", f"{h:02d}:{m:02d}", f"{h}h{m:02d}"])


def amount():
    v = R.choice([R.randint(9, 99) + 0.9, R.randint(100, 999), R.randint(1000, 25000), R.randint(100, 5000) + R.randint(0, 99) / 100])
    ent = int(v)
    cents = round((v - ent) * 100)
    ent_s = f"{ent:,}".replace(",", pick([" ", "\u00a0", "."]))
    s = ent_s + (f",{cents:02d}" if cents else pick(["", ",00"]))
    return pick([f"{s} €", f"{s} € HT", f"{s} € TTC", f"{s} EUR", f"{s} €/mois", f"{ent} euros"])


def order_ref():
    y = R.choice([2024, 2025, 2026])
    return pick([f"CMD-{y}-{R.randint(1, 99999):05d}", f"FA{y}-{R.randint(1, 9999):04d}", f"D-{y}-{R.randint(1, 999)}",
                 f"n° {R.randint(100000, 999999)}", f"CT-{R.randint(10000, 99999)}", f"{y}/{R.randint(1, 999):03d}",
                 f"PO-{R.randint(10000, 99999)}", f"BL {R.randint(100000, 999999)}", f"AV-{y}-{R.randint(1, 9999):04d}",
                 f"réf. {R.randint(1000, 9999)}-{pick(['AZ', 'BX', 'KT', 'RS'])}", f"#{R.randint(10000, 99999)}"])


def version():
    return pick([f"{R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 9)}", f"v{R.randint(1, 5)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}",
                 f"10.0.{R.randint(17000, 22631)}.{R.randint(100, 4000)}", f"{R.randint(2023, 2026)}.{R.randint(1, 12):02d}",
                 f"{R.randint(1, 6)}.{R.randint(0, 14)}.0-rc{R.randint(1, 3)}", f"v{R.randint(2, 9)}.{R.randint(0, 9)}",
                 f"{R.randint(100, 130)}.0.{R.randint(5000, 6999)}.{R.randint(10, 199)}"])


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


DOM = [("0692", "262"), ("0693", "262"), ("0262", "262"), ("0690", "590"), ("0590", "590"), ("0696", "596"),
       ("0596", "596"), ("0694", "594"), ("0594", "594"), ("0639", "262"), ("0269", "262")]


def phone_fr(kind="mob"):
    if kind == "mob":
        return fmt_fr(fr_mobile_digits())
    if kind == "fixe":
        return fmt_fr(fr_fixe_digits())
    if kind == "dom":
        pre, cc = pick(DOM)
        d = pre + digits(6)
        return pick([pairs(d), d, f"{d[:4]} {pairs(d[4:])}", f"+{cc} {d[1:4]} {pairs(d[4:])}",
                     f"+{cc} {d[1:]}", f"00{cc} {d[1:4]} {pairs(d[4:])}", pairs(d, ".")])
    if kind == "pacific":
        if chance(0.5):
            return pick(["+687 ", "(+687) "]) + pick([pairs(digits(6)), pairs(digits(6), ".")])
        return "+689 " + pick(["87", "89"]) + " " + pairs(digits(6))
    if kind == "fiction":  # ranges reserved for fiction / audiovisual works
        d = pick(["0199", "0261", "0353", "0465", "0536", "0639"]) + pick(["00", "91", "01", "71", "49", "98"]) + digits(4)
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
            return pick([f"{d[:4]} {pairs(d[4:])}", f"{d[:4]}/{pairs(d[4:], '.')}", f"{d[:4]} {d[4:7]} {d[7:]}",
                         f"+32 {d[1:4]} {pairs(d[4:])}", f"+32 (0){d[1:4]} {pairs(d[4:])}", f"0032 {d[1:4]} {pairs(d[4:])}",
                         "+32" + d[1:]])
        zone = pick(["2", "2", "4", "81", "10", "65", "71"])
        d = "0" + zone + digits(8 - len(zone))
        loc = d[1 + len(zone):]
        a, b = (loc[:3], loc[3:]) if len(zone) == 1 else (loc[:2], loc[2:])
        return pick([f"0{zone} {a} {pairs(b)}", f"0{zone}/{a}.{pairs(b, '.')}", f"+32 {zone} {a} {pairs(b)}",
                     f"0032 {zone} {a} {pairs(b)}"])
    if cc == "CH":
        if kind == "mob":
            d = "07" + pick("56789") + digits(7)
        else:
            d = pick(["022", "021", "044", "031", "026", "027", "032"]) + digits(7)
        n = f"{d[3:6]} {d[6:8]} {d[8:]}"
        return pick([f"{d[:3]} {n}", f"+41 {d[1:3]} {n}", f"0041 {d[1:3]} {n}", "+41" + d[1:], f"{d[:3]}/{d[3:6]}.{d[6:8]}.{d[8:]}"])
    if cc == "ES":
        d = ("6" if kind == "mob" else pick(["91", "93", "96", "95", "94"])) + digits(8 if kind == "mob" else 7)
        return pick([f"{d[:3]} {d[3:6]} {d[6:]}", f"+34 {d[:3]} {d[3:6]} {d[6:]}", f"0034 {d[:3]} {d[3:6]} {d[6:]}",
                     "+34" + d, f"{d[:3]} {pairs(d[3:])}" if kind == "mob" else f"{d[:2]} {d[2:5]} {pairs(d[5:])}", d])
    if cc == "UK":
        if kind == "mob":
            d = "07" + pick(["700", "911", "400", "723", "850", "956"]) + pick(["900", str(R.randint(100, 999))]) + digits(3)
            return pick([f"{d[:5]} {d[5:]}", f"+44 {d[1:5]} {d[5:]}", f"+44 (0){d[1:5]} {d[5:]}", f"{d[:5]} {d[5:8]} {d[8:]}", "+44" + d[1:]])
        if chance(0.6):
            d = "020" + pick(["7946", "3123", "8765"]) + digits(4)
            return pick([f"{d[:3]} {d[3:7]} {d[7:]}", f"+44 {d[1:3]} {d[3:7]} {d[7:]}", f"+44 (0){d[1:3]} {d[3:7]} {d[7:]}"])
        d = pick(["0161", "0113", "0131", "0117"]) + "496" + digits(4)
        return pick([f"{d[:4]} {d[4:7]} {d[7:]}", f"+44 {d[1:4]} {d[4:7]} {d[7:]}"])
    if cc in ("US", "CA"):
        ac = pick(["212", "415", "312", "617", "202", "305", "512", "646", "206"] if cc == "US" else ["514", "438", "418", "819", "613"])
        ex = pick(["555", "555", str(R.randint(201, 989))])
        ln = ("01" + digits(2)) if ex == "555" else digits(4)
        return pick([f"({ac}) {ex}-{ln}", f"{ac}-{ex}-{ln}", f"+1 {ac}-{ex}-{ln}", f"+1 ({ac}) {ex}-{ln}", f"{ac}.{ex}.{ln}",
                     f"+1 {ac} {ex} {ln}", f"{ac} {ex}-{ln}"])
    if cc == "MA":
        if kind == "mob":
            d = pick(["06", "07"]) + digits(8)
            return pick([f"{d[:4]}-{d[4:]}", pairs(d), d, f"+212 {d[1]} {pairs(d[2:])}", f"+212 {d[1:4]}-{d[4:]}",
                         "+212" + d[1:], f"00212 {d[1]} {pairs(d[2:])}"])
        d = pick(["0522", "0537", "0524", "0535", "0539"]) + digits(6)
        return pick([pairs(d), f"{d[:4]}-{d[4:]}", f"+212 {d[1:4]} {pairs(d[4:])}", f"+212 {d[1]} {pairs(d[2:])}"])
    if cc == "DE":
        if kind == "mob":
            d = pick(["0151", "0152", "0160", "0170", "0171", "0176"]) + digits(pick([7, 8]))
            return pick([f"{d[:4]} {d[4:]}", f"+49 {d[1:4]} {d[4:]}", f"+49 (0){d[1:4]} {d[4:]}", f"0049 {d[1:4]} {d[4:]}", f"{d[:4]}/{d[4:]}"])
        pre = pick(["030", "089", "040", "069", "0221", "0711"])
        d = pre + digits(11 - len(pre))
        return pick([f"{pre} {d[len(pre):]}", f"{pre}/{d[len(pre):]}", f"+49 {pre[1:]} {d[len(pre):]}",
                     f"+49 (0){pre[1:]} {d[len(pre):]}", f"{pre} {d[len(pre):len(pre) + 3]} {d[len(pre) + 3:]}"])
    if cc == "IT":
        if kind == "mob":
            d = "3" + pick(["47", "33", "28", "39", "40", "66"]) + digits(7)
            return pick([f"{d[:3]} {d[3:6]} {d[6:]}", d, f"+39 {d[:3]} {d[3:6]} {d[6:]}", "+39 " + d, f"{d[:3]}-{d[3:]}", f"0039 {d[:3]} {d[3:]}"])
        pre = pick(["02", "06", "011", "055", "051"])
        d = pre + digits(10 - len(pre))
        return pick([f"{pre} {d[len(pre):len(pre) + 4]} {d[len(pre) + 4:]}", f"+39 {pre} {d[len(pre):len(pre) + 4]} {d[len(pre) + 4:]}",
                     f"+39 {pre} {d[len(pre):]}", f"{pre}/{d[len(pre):]}"])
    if cc == "LU":
        if kind == "mob":
            d = "6" + pick(["21", "61", "91"]) + digits(6)
            return pick([f"{d[:3]} {d[3:6]} {d[6:]}", f"+352 {d[:3]} {d[3:6]} {d[6:]}", f"00352 {d[:3]} {d[3:6]} {d[6:]}"])
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
    conv = {c: str(v) for v, cs in ((1, "AJ"), (2, "BKS"), (3, "CLT"), (4, "DMU"), (5, "ENV"), (6, "FOW"), (7, "GPX"), (8, "HQY"), (9, "IRZ")) for c in cs}
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
        bban = pick("ABCDEFGHIJKLMNOPRSTUVWXYZ") + pick(["03069", "05428", "02008", "01030"]) + digits(5) + digits(12)
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
    return pick([group(num, 4), group(num, 4), num, group(num, 4, "-"), group(num, 4, "."), f"{num[:8]} {num[8:]}"])


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
    return pick([f"{a} {yy} {mm} {dp} {com} {order} {key}", f"{a} {yy} {mm} {dp} {com} {order} {key}", n,
                 f"{n[:13]} {key}", f"{a} {yy} {mm} {dp} {com} {order} - {key}", f"{a}.{yy}.{mm}.{dp}.{com}.{order}.{key}",
                 f"{a}{yy}{mm}{dp}{com}{order} {key}", f"{a} {yy} {mm} {dp} {com} {order}  {key}"])


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
    return pick([f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", s, f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}", f"{s[:9]} {s[9:]}"])


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
        return pick([f"192.168.{R.randint(0, 20)}.{R.randint(2, 254)}", f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                     f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}"])
    if kind == "doc":
        return pick(["192.0.2", "198.51.100", "203.0.113"]) + f".{R.randint(1, 254)}"
    first = pick([x for x in range(1, 224) if x not in (10, 127, 172, 192)])
    return f"{first}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def make_ipv6():
    pre = pick([["2001", "db8"], ["2a01", "cb0" + pick("0123456789")], ["2a01", "e0a"], ["2001", "41d0"], ["fe80", "0"], ["2a02", "8428"]])
    groups = pre + [f"{R.randint(0, 0xffff):x}" for _ in range(6)]
    if pre[0] == "fe80":
        groups = ["fe80", "0", "0", "0"] + [f"{R.randint(0, 0xffff):x}" for _ in range(4)]
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
        s = ":".join(groups[:best[1]]) + "::" + ":".join(groups[best[1] + best[0]:])
        return s
    return ":".join(groups)


def make_ip(port=None):
    if chance(0.25):
        return make_ipv6()
    ip = make_ipv4()
    if port or (port is None and chance(0.2)):
        ip += f":{pick([22, 80, 443, 3389, 8080, 8443, R.randint(1024, 65000)])}"
    return ip
