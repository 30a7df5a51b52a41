#!/usr/bin/env python3
"""Generate set_a.jsonl: an independent, hand-templated evaluation corpus of French CRM notes.

Written from bench/detect/ANNOTATION.md only, without reading the detector code or its corpus.
Standard library only, deterministic (seeded ``random.Random``).

    python3 bench/detect/independent/make_set_a.py            # writes set_a.jsonl next to this file
    python3 bench/detect/independent/make_set_a.py --show 40  # also prints 40 random notes, spans marked

How it works: every note is assembled piece by piece from templates written in a small markup
(``{C.name}``, ``{PHONE}``, ``{IBAN}``...). Literal pieces are appended as is; each placeholder
resolves to a list of (piece, label-or-None) segments, and the offsets of labelled pieces are recorded
at the moment they are appended. Case / accent transformations applied afterwards are strictly
character-for-character (length-preserving, asserted), so offsets never move. ``validate()`` checks
every span on generation.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import string
import sys
import unicodedata

SEED = 20250611
N_NOTES = 1320
NEG_SHARE = 0.15

TYPES = (
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "FR_NIR",
    "IP_ADDRESS", "LOCATION", "DATE_TIME", "URL", "FR_LICENSE_PLATE", "FR_SIREN", "FR_SIRET",
)

# ---------------------------------------------------------------------------------------------
# Name lists (written by hand for this set; varied origins)
# ---------------------------------------------------------------------------------------------

def _split(s: str) -> list[str]:
    out = []
    for x in s.replace("\n", ",").split(","):
        x = x.strip()
        if x and x not in out:
            out.append(x)
    return out


MALE_FIRST = _split("""
Jean, Pierre, Michel, André, Philippe, Alain, Bernard, Jacques, Daniel, Patrick, Nicolas, Christophe,
Stéphane, Laurent, Frédéric, Olivier, Sébastien, Julien, Thomas, Antoine, Maxime, Alexandre, Guillaume,
Romain, Mathieu, Vincent, Benoît, Cédric, Damien, Fabien, Jérôme, Lionel, Loïc, Gaël, Yann, Erwan, Ronan,
Kévin, Dylan, Théo, Hugo, Lucas, Louis, Gabriel, Arthur, Raphaël, Jules, Léo, Adam, Nathan, Enzo, Mathis,
Noé, Timothée, Baptiste, Quentin, Clément, Florian, Adrien, Aurélien, Bastien, Valentin, Lucien, Marcel,
Gérard, Roger, René, Henri, Gilbert, Yves, Claude, Serge, Didier, Thierry, Pascal, Éric, Étienne, Hervé,
Xavier, Régis, Gilles, Jean-Pierre, Jean-Claude, Jean-Marc, Jean-Luc, Jean-François, Jean-Aimé,
Jean-Baptiste, Pierre-Yves, Paul-Henri, Jean-Philippe, Marc-Antoine, Jean-Michel, Louis-Marie,
Karim, Mohamed, Mehdi, Yacine, Sofiane, Rachid, Farid, Nabil, Samir, Amine, Bilal, Hamza, Youssef,
Abdelkader, Mourad, Khaled, Walid, Ilyes, Ayoub, Anis, Hocine, Saïd, Driss, Brahim, Malik, Idriss, Ismaël,
João, José, Manuel, Joaquim, António, Luís, Rui, Paulo, Tiago, Nuno,
Mamadou, Moussa, Ousmane, Ibrahima, Seydou, Boubacar, Adama, Souleymane, Cheikh, Abdoulaye, Modibo,
Kofi, Kwame, Issa, Lamine, Thanh, Minh, Tuan, Quang, Duc, Hung,
Krzysztof, Piotr, Tomasz, Paweł, Marek, Grzegorz, Giovanni, Marco, Luca, Matteo, Alessandro,
Carlos, Javier, Miguel, Alejandro, Pablo, Diego, Emre, Mehmet, Mustafa, Kerem, Vardan, Aram,
Wei, Jun, Hao, Dmitri, Ivan, Andreï, Mihai, Bogdan, Lars, Erik, Dieter, Klaus, Jürgen, Liam,
Aurèle, Gaëtan, Anthelme, Firmin, Honoré, Côme, Tanguy, Maël, Goulven, Iñaki, Samuel, David, Élie,
Noam, Ethan, Teddy, Jordan, Steeve, Fabrice, Ludovic, Grégory, Arnaud, Sylvain, Franck, Rodolphe
""")

FEMALE_FIRST = _split("""
Marie, Jeanne, Françoise, Monique, Catherine, Nathalie, Isabelle, Sylvie, Martine, Christine, Sophie,
Valérie, Sandrine, Véronique, Céline, Stéphanie, Julie, Aurélie, Émilie, Élodie, Camille, Laura, Manon,
Chloé, Léa, Emma, Inès, Jade, Louise, Alice, Lina, Rose, Anna, Mila, Zoé, Clara, Lucie, Pauline,
Mathilde, Charlotte, Margaux, Océane, Justine, Marine, Audrey, Laetitia, Claire, Hélène, Anne, Odile,
Geneviève, Colette, Simone, Yvette, Josiane, Danielle, Brigitte, Chantal, Annick, Maryvonne, Gwenaëlle,
Nolwenn, Soizic, Katell, Ève, Agathe, Apolline, Bérénice, Capucine, Ségolène, Blandine,
Marie-Hélène, Marie-Claire, Anne-Sophie, Marie-Christine, Anne-Laure, Marie-Pierre, Marie-Thérèse,
Marie-Noëlle, Anne-Marie, Marie-José,
Fatima, Samira, Nadia, Leïla, Khadija, Yasmine, Salma, Myriam, Amel, Sonia, Karima, Nora, Malika,
Zineb, Hanane, Rim, Naïma, Houria, Souad, Dounia, Meriem,
Ana, Maria, Fernanda, Conceição, Rosa, Isabel, Beatriz, Graça, Filipa,
Aminata, Fatoumata, Awa, Kadiatou, Mariama, Aïssatou, Bintou, Ramatoulaye, Coumba, Ndèye, Adjoa, Akua,
Linh, Huong, Lan, Mai, Thu, Ngoc, Agnieszka, Małgorzata, Katarzyna, Joanna, Ewa, Magdalena,
Giulia, Francesca, Chiara, Elena, Lucía, Carmen, Pilar, Alba, Ayşe, Elif, Zeynep, Anahit, Lusine,
Mei, Xiu, Ying, Olga, Natalia, Irina, Svetlana, Ioana, Ingrid, Astrid, Heike, Siobhan, Emily, Grace,
Ophélie, Maëlys, Maëva, Laurine, Cassandre, Héloïse, Solène, Gaëlle, Armelle, Morgane, Sarah, Rachel,
Esther, Déborah, Tiphaine, Ludivine, Clémence, Noémie, Jessica, Vanessa, Cindy, Mélanie, Coralie,
Estelle, Karine, Corinne, Muriel, Agnès, Bernadette, Ginette, Paulette, Huguette, Lætitia
""")

LAST_NAMES = _split("""
Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre,
Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, André, Lefèvre, Mercier, Dupont,
Lambert, Bonnet, François, Martinez, Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, Muller, Henry,
Roussel, Nicolas, Perrin, Morin, Mathieu, Clément, Gauthier, Dumont, Lopez, Fontaine, Chevalier, Robin,
Masson, Sanchez, Gérard, Boyer, Denis, Lemaire, Duval, Joly, Gautier, Roger, Roche, Roy, Noël, Meyer,
Lucas, Meunier, Jean, Perez, Marchand, Dufour, Blanchard, Marie, Barbier, Brun, Dumas, Brunet, Schmitt,
Leroux, Colin, Fernandez, Pierre, Renard, Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal,
Bourgeois, Renaud, Lemoine, Picard, Gaillard, Philippe, Leclercq, Lacroix, Fabre, Dupuis, Olivier,
Rodriguez, Hubert, Louis, Charles, Guillot, Rivière, Guillaume, Adam, Rey, Moulin, Gonzalez, Berger,
Lecomte, Ménard, Fleury, Deschamps, Carpentier, Julien, Benoît, Maillard, Marchal, Aubry, Vasseur,
Renault, Jacquet, Collet, Prévost, Poirier, Charpentier, Royer, Huet, Baron, Dupuy, Pons, Paul, Lainé,
Carré, Breton, Rémy, Schneider, Perrot, Guyot, Barre, Marty, Cousin, Ferrand, Lebrun, Leblanc, Hamon,
Besnard, Chauvin, Tessier, Bouvier, Ollivier, Texier, Vallée, Labbé, Cordier, Pasquier, Bailly, Humbert,
Weber, Klein, Boulanger, Marchetti, Lejeune, Delmas, Tournier, Bouchet, Granger, Peyrot, Lafont,
Le Goff, Le Gall, Le Bihan, Le Floch, Le Guen, Le Corre, Le Meur, Le Bris, Le Gac, Kerjean, Tanguy,
Quéméner, Guéguen, Le Berre, Le Moal, Le Du, Kerbrat, Le Hir, Le Roux, Le Clerc,
de La Fontaine, de Villiers, du Plessis, de La Tour, de Montalembert, d'Aubigny, de Kerguelen,
de Saint-Just, de Boisseson, du Chatelet, de La Rochefoucauld, de Lattre, des Rosiers,
D'Almeida, Da Silva, Dos Santos, De Sousa, Pereira, Ferreira, Rodrigues, Gonçalves, Lopes, Fernandes,
Carvalho, Oliveira, Teixeira, Ribeiro, Correia, Moreira, Pinto, Cardoso, Machado, Alves, Marques,
Mendes, Nunes, Gomes, Martins, Barbosa, Monteiro, Cunha, Vieira, Batista, Da Costa,
Benali, Haddad, Bouzid, Mansouri, Cherif, Belkacem, El Amrani, Aït Ahmed, Benhamou, Zerrouki, Khelifi,
Meziane, Saïdi, Brahimi, Hamdi, Rahmani, Bensaïd, Boukhari, Touati, Chaouch, Benyahia, Ouali,
Hadj-Ali, Ben Salah, Bouaziz, Ziani, Lahlou, El Idrissi, Benchekroun, Tazi, Bennani, Ghezali, Djebbar,
Amara, Kaci, Mebarki, Larbi, Slimani, Belhadj, Messaoudi, Boudjema, Ferhat, Naït Ali, Ould Ahmed,
Diallo, Traoré, Koné, Camara, Diop, Ndiaye, N'Diaye, Sow, Ba, Sy, Fall, Cissé, Keita, Touré, Coulibaly,
Sissoko, Kouyaté, Mbaye, Diarra, Konaté, Bamba, Ouattara, Kouassi, Yao, Mensah, Gueye, Faye, Sarr, Seck,
Dembélé, Doumbia, Sangaré, Tall, Kanté, N'Guessan, Mendy, Diouf, Mbengue, Kaboré, Ouédraogo, Zongo,
Adjovi, Hounkpatin, Agbodjan, Eto'o, Nkoulou, Tchakounté, Mukendi, Kabongo, Ilunga,
Nguyen, Tran, Lê, Pham, Hoang, Phan, Vu, Dang, Bui, Do, Ngo, Duong, Ly, Truong, Huynh, Vo, Dinh, Lam,
Trinh, Sok, Chea, Heng, Phommachanh, Sayavong,
Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, Szymański, Dąbrowski,
Kaczmarek, Mazur, Krawczyk, Kowalczyk, Piotrowski, Grabowski,
Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Conti, De Luca,
Mancini, Costa, Giordano, Rizzo, Lombardi, Barbieri, Fontana, Santoro, Caruso, Ferraro, Galli, Leone,
Vitale, Gallo, Cattaneo,
Fernández, López, Sánchez, Pérez, Gómez, Ruiz, Díaz, Hernández, Jiménez, Moreno, Muñoz, Álvarez,
Romero, Navarro, Torres, Domínguez, Vázquez, Ramos, Gil, Serrano, Blanco, Molina, Ortega, Delgado,
Castro, Rubio,
Aznavourian, Petrossian, Khachatrian, Manoukian, Der Sarkissian, Papazian, Kazarian, Hovsepian,
Yılmaz, Demir, Şahin, Çelik, Kaya, Öztürk, Aydın, Arslan, Doğan, Kılıç, Yıldız, Koç,
Wang, Zhang, Chen, Liu, Huang, Lin, Zhou, Wu, Xu, Li,
Wagner, Fischer, Becker, Hoffmann, Koch, Zimmermann, Kieffer, Heitz, Walter, Haas, Ott, Stoll,
Papadopoulos, Ionescu, Popescu, Horvat, Novak, Jovanović, Petrović, Ivanov, Smirnov, Kuznetsov,
O'Brien, O'Connor, McKenzie, Smith, Jansen, De Vries, Janssens, Peeters, Van den Berg, Vandenbroucke,
Abramovici, Cohen, Lévy, Benguigui, Attali, Azoulay, Toledano,
Rakotomalala, Rakoto, Razafindrakoto, Randriamampionona, Andrianarivo,
Hoarau, Payet, Grondin, Técher, Maillot, Lebon, Jean-Baptiste, Jean-Louis, Sainte-Rose, Marie-Sainte,
Saint-Louis, Pierre-Louis, Jean-Charles, Lautric, Zébina, Bellance
""")

# ---------------------------------------------------------------------------------------------
# Places, companies, products (unlabelled fillers unless part of a personal address)
# ---------------------------------------------------------------------------------------------

CP_TOWNS = [
    ("75011", "Paris"), ("75015", "Paris"), ("75018", "Paris"), ("69003", "Lyon"), ("69007", "Lyon"),
    ("13005", "Marseille"), ("13008", "Marseille"), ("31000", "Toulouse"), ("31400", "Toulouse"),
    ("06000", "Nice"), ("44000", "Nantes"), ("67000", "Strasbourg"), ("34000", "Montpellier"),
    ("33000", "Bordeaux"), ("33600", "Pessac"), ("59000", "Lille"), ("59100", "Roubaix"),
    ("35000", "Rennes"), ("51100", "Reims"), ("76600", "Le Havre"), ("42000", "Saint-Étienne"),
    ("83000", "Toulon"), ("38000", "Grenoble"), ("21000", "Dijon"), ("49000", "Angers"),
    ("30000", "Nîmes"), ("69100", "Villeurbanne"), ("63000", "Clermont-Ferrand"), ("72000", "Le Mans"),
    ("13100", "Aix-en-Provence"), ("29200", "Brest"), ("37000", "Tours"), ("80000", "Amiens"),
    ("87000", "Limoges"), ("74000", "Annecy"), ("66000", "Perpignan"), ("57000", "Metz"),
    ("25000", "Besançon"), ("45000", "Orléans"), ("76000", "Rouen"), ("14000", "Caen"),
    ("68100", "Mulhouse"), ("54000", "Nancy"), ("93200", "Saint-Denis"), ("92100", "Boulogne-Billancourt"),
    ("95000", "Cergy"), ("93100", "Montreuil"), ("86000", "Poitiers"), ("64000", "Pau"),
    ("17000", "La Rochelle"), ("20000", "Ajaccio"), ("20200", "Bastia"), ("97400", "Saint-Denis"),
    ("97200", "Fort-de-France"), ("97100", "Basse-Terre"), ("97300", "Cayenne"), ("29000", "Quimper"),
    ("56000", "Vannes"), ("22000", "Saint-Brieuc"), ("64100", "Bayonne"), ("24000", "Périgueux"),
    ("46000", "Cahors"), ("12000", "Rodez"), ("81000", "Albi"), ("65000", "Tarbes"),
    ("11000", "Carcassonne"), ("84000", "Avignon"), ("26000", "Valence"), ("73000", "Chambéry"),
    ("01000", "Bourg-en-Bresse"), ("71000", "Mâcon"), ("58000", "Nevers"), ("18000", "Bourges"),
    ("03100", "Montluçon"), ("15000", "Aurillac"), ("43000", "Le Puy-en-Velay"), ("48000", "Mende"),
    ("05000", "Gap"), ("04000", "Digne-les-Bains"), ("09000", "Foix"), ("40000", "Mont-de-Marsan"),
    ("47000", "Agen"), ("82000", "Montauban"), ("19100", "Brive-la-Gaillarde"), ("16000", "Angoulême"),
    ("79000", "Niort"), ("85000", "La Roche-sur-Yon"), ("53000", "Laval"), ("61000", "Alençon"),
    ("50100", "Cherbourg-en-Cotentin"), ("27000", "Évreux"), ("28000", "Chartres"), ("41000", "Blois"),
    ("89000", "Auxerre"), ("10000", "Troyes"), ("88000", "Épinal"), ("90000", "Belfort"),
    ("02100", "Saint-Quentin"), ("60000", "Beauvais"), ("62000", "Arras"), ("08000", "Charleville-Mézières"),
    ("24250", "Domme"), ("46330", "Saint-Cirq-Lapopie"), ("22610", "Pleubian"), ("29770", "Plogoff"),
    ("12390", "Rignac"), ("63122", "Ceyrat"), ("38250", "Villard-de-Lans"), ("05100", "Briançon"),
]
TOWNS_ALONE = sorted({t for _, t in CP_TOWNS}) + ["Bruxelles", "Genève", "Lausanne", "Luxembourg",
                                                 "Casablanca", "Montréal", "Dakar", "Nancy", "Valence"]

STREETS = [
    "rue des Lilas", "avenue Jean Jaurès", "boulevard Voltaire", "rue de la République", "impasse des Coquelicots",
    "chemin du Moulin", "allée des Pins", "place du Marché", "rue Victor Hugo", "quai de la Loire",
    "route de Lyon", "cours Mirabeau", "rue du Général Leclerc", "avenue du Maréchal Foch", "rue Pasteur",
    "rue de la Gare", "rue des Écoles", "square des Peupliers", "rue Émile Zola", "rue Jules Ferry",
    "boulevard Gambetta", "avenue de la Libération", "rue Saint-Honoré", "rue du Faubourg Saint-Antoine",
    "rue de Kerlédan", "rue Nationale", "rue du 8 Mai 1945", "rue du 11 Novembre", "rue Paul Bert",
    "chemin des Vignes", "impasse du Lavoir", "allée des Acacias", "rue de l'Église", "rue du Château",
    "avenue des Sports", "rue des Tanneurs", "chemin de la Croix", "rue de Verdun", "avenue de Bretagne",
    "rue Jean Moulin", "rue de la Paix", "route de Toulouse", "rue des Remparts", "cité des Cheminots",
    "lotissement Les Chênes", "rue Condorcet", "rue Montaigne", "boulevard de la Croisette",
    "rue Sainte-Catherine", "rue du Vieux Port", "rue des Carmes", "avenue Pierre Brossolette",
    "rue Aristide Briand", "rue Lamartine", "avenue Foch", "rue Gabriel Péri", "passage des Récollets",
]
STREET_ABBR = {"rue": ["r."], "avenue": ["av.", "Av.", "AV"], "boulevard": ["bd", "Bd", "BD", "boul."],
               "impasse": ["imp."], "chemin": ["ch.", "chem."], "place": ["pl."], "allée": ["all."],
               "route": ["rte"]}
COMPLEMENTS = [
    "Résidence Les Tilleuls, Bât. B, Esc. 2", "Bât. C, appt 34", "Résidence du Parc, apt 12",
    "3e étage gauche", "Appartement 21", "Escalier A, porte 5", "Les Jardins de la Vallée, bâtiment 4",
    "Cité des Fleurs, bloc 3", "Résidence Le Clos Fleuri, app. 7", "Bâtiment Les Mimosas, 2e étage",
    "Rés. Les Hauts de Seine, Bât A", "Porte 12, RDC",
]
LIEUX_DITS = ["Lieu-dit La Garenne", "lieu-dit Kerlann", "Lieu-dit Les Combes", "Le Bourg",
              "Hameau de la Forge", "Lieu-dit La Croix Blanche", "lieu-dit Le Moulin Neuf", "Hameau des Granges"]

COMPANIES = [
    "Acme Logistique", "Boréal Informatique", "Groupe Hexagone", "Alpha Bâtiment", "Sodexa Services",
    "Nordis", "Batiplus", "Helios Énergie", "Cap Atlantique Immobilier", "Agri Sud-Ouest",
    "Pharmacie du Centre", "Boulangerie des Halles", "Cabinet Horizon Conseil", "Clinique du Parc",
    "Transports Rapides de l'Ouest", "Imprimerie Lumière", "Datavia", "Optimum RH", "Vitalis Mutuelle",
    "Atelier Graphique 31", "Domotik Pro", "Ecoflux", "Menuiserie Alpine", "Keolia Conseil", "NovaTel",
    "SARL Les Délices du Terroir", "SAS Medilab", "Garage du Rond-Point", "Dupont SARL",
    "Transports Girard SAS", "Menuiserie Morel & Fils", "Ambulances de la Côte", "Laboratoire Biomed",
]
PRODUCTS = [
    "Offre Cloud Pro", "Pack Sérénité", "Box Fibre Max", "Forfait Liberté 100 Go", "Contrat Confort+",
    "Mutuelle Santé Équilibre", "Assurance Auto Tiers Plus", "Garantie Habitation Essentielle",
    "Logiciel GestPro 5", "Abonnement Premium Annuel", "Pack Pro Connect", "Option Assistance 24/7",
    "Offre Start", "Offre Entreprise", "Kit Domotique Sécurité", "Plan Épargne Horizon", "Carte Gold Business",
    "Solution PayEasy", "Module RH Connect", "Formule Zen", "Pack Famille", "Licence Office Pro", "Box TV 4K",
    "Alarme Protect 360", "Offre Fibre Pro 2 Gb", "Forfait Mobile 5G Illimité", "Pack Maintenance Gold",
]
JOBS = ["DAF", "DSI", "responsable achats", "gérant", "DRH", "office manager", "directrice commerciale",
        "comptable", "chef de projet", "responsable informatique", "assistante de direction", "PDG",
        "responsable logistique", "acheteur", "dirigeant"]
EVENTS = ["salon Vivatech", "Salon de l'Agriculture", "salon Batimat", "salon des Entrepreneurs",
          "forum PME de Bordeaux", "salon Equip Auto", "SIDO Lyon", "webinaire de mars"]
BICS = ["BNPAFRPPXXX", "CEPAFRPP751", "AGRIFRPP882", "SOGEFRPP", "CCBPFRPPVER", "PSSTFRPPPAR",
        "GEBABEBB", "DEUTDEFF", "UBSWCHZH80A", "CAIXESBBXXX", "CMCIFR2A", "BOUSFRPPXXX", "CRLYFRPP"]
COMPANY_URLS = [
    "www.acme-logistique.fr", "https://www.boreal-informatique.com/contact", "https://support.gestpro.fr/docs/v5/installation",
    "http://www.batiplus.fr", "https://status.cloudpro.io", "www.offre-cloud-pro.com/tarifs",
    "https://www.helios-energie.fr/particuliers/offres", "https://aide.boxfibre.fr/article/1234-redemarrer-la-box",
    "www.groupe-hexagone.com", "https://www.vitalis-mutuelle.fr/espace-adherent", "https://docs.datavia.io/api/v2",
    "https://www.novatel.fr/forfaits", "www.pharmacie-du-centre-albi.fr",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]

# ---------------------------------------------------------------------------------------------
# Check-digit helpers
# ---------------------------------------------------------------------------------------------

def luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:  # these positions get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _iban_num(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s))


def iban_from_bban(cc: str, bban: str) -> str:
    chk = 98 - _iban_num(bban + cc + "00") % 97
    return f"{cc}{chk:02d}{bban}"


def iban_ok(s: str) -> bool:
    s = re.sub(r"[^0-9A-Za-z]", "", s).upper()
    return len(s) >= 15 and _iban_num(s[4:] + s[:4]) % 97 == 1


def rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


def es_dc(ten: str) -> str:
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    r = 11 - sum(int(c) * k for c, k in zip(ten, w)) % 11
    return "0" if r == 11 else ("1" if r == 10 else str(r))


IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]


def it_cin(abi: str, cab: str, acc: str) -> str:
    s = abi + cab + acc
    tot = 0
    for i, ch in enumerate(s):
        d = int(ch)
        tot += IT_ODD[d] if i % 2 == 0 else d
    return chr(ord("A") + tot % 26)


def nir_key(nir13: str) -> str:
    n = nir13.upper().replace("2A", "19").replace("2B", "18")
    return f"{97 - int(n) % 97:02d}"


def nir_ok(s: str) -> bool:
    s = re.sub(r"[^0-9ABab]", "", s).upper()
    return len(s) == 15 and nir_key(s[:13]) == s[13:]


# ---------------------------------------------------------------------------------------------
# Value generators (all take the shared rng)
# ---------------------------------------------------------------------------------------------

def D(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def wchoice(rng, pairs):
    items, weights = zip(*pairs)
    return rng.choices(items, weights=weights, k=1)[0]


def g2(d):
    return [d[i:i + 2] for i in range(0, len(d), 2)]


def fmt_fr(nat: str, style: str) -> str:
    g = g2(nat)
    rest = " ".join(g[1:])
    return {
        "sp": " ".join(g),
        "dot": ".".join(g),
        "compact": nat,
        "dash": "-".join(g),
        "intl_sp": "+33 " + nat[1] + " " + rest,
        "intl_0": "+33 (0)" + nat[1] + " " + rest,
        "0033": "0033 " + nat[1] + " " + rest,
        "intl_compact": "+33" + nat[1:],
        "intl_dot": "+33 " + nat[1] + "." + ".".join(g[1:]),
        "nbsp": "\u00a0".join(g),
        "mixed": nat[:2] + " " + nat[2:4] + " " + nat[4:7] + " " + nat[7:],
        "slash": "/".join(g),
        "intl_dash": "+33-" + nat[1] + "-" + "-".join(g[1:]),
    }[style]


FR_STYLES = [("sp", 34), ("dot", 10), ("compact", 12), ("dash", 4), ("intl_sp", 12), ("intl_0", 5),
             ("0033", 4), ("intl_compact", 7), ("intl_dot", 2), ("nbsp", 3), ("mixed", 3), ("slash", 1),
             ("intl_dash", 1)]


def gen_mobile(rng):
    p = rng.choice(["06", "06", "06", "07"])
    nat = p + (rng.choice("3456789") if p == "07" else rng.choice("0123456789")) + D(rng, 7)
    return fmt_fr(nat, wchoice(rng, FR_STYLES))


def gen_landline(rng):
    nat = "0" + rng.choice("1234559") + rng.choice("123456789") + D(rng, 7)
    return fmt_fr(nat, wchoice(rng, FR_STYLES))


def gen_odd(rng):
    """Fictitious / non-allocated / mistyped but phone-shaped French numbers."""
    k = rng.randrange(9)
    if k == 0:  # ranges reserved for fiction
        pref = rng.choice(["019900", "026191", "035301", "046571", "053649", "063998"])
        return fmt_fr(pref + D(rng, 4), rng.choice(["sp", "dot", "intl_sp"]))
    if k == 1:
        return fmt_fr("0405" + D(rng, 6), rng.choice(["intl_sp", "sp"]))
    if k == 2:
        return fmt_fr("0700" + D(rng, 6), rng.choice(["sp", "compact", "dot"]))
    if k == 3:  # the classic "+33 06"
        nat = "06" + D(rng, 8)
        return "+33 " + " ".join(g2(nat))
    if k == 4:  # one digit missing
        return " ".join(g2("06" + D(rng, 8)))[:-1]
    if k == 5:  # one digit too many
        return " ".join(g2("07" + rng.choice("56789") + D(rng, 7))) + rng.choice("0123456789")
    if k == 6:
        nat = "06" + D(rng, 8)
        return nat[:2] + " " + nat[2:6] + " " + nat[6:]
    if k == 7:  # leading 0 forgotten
        return "6 " + " ".join(g2(D(rng, 8)))
    return fmt_fr("0899" + D(rng, 6), "sp")


def gen_dom(rng):
    k = rng.randrange(10)
    if k == 0:
        return "+262 692 " + " ".join(g2(D(rng, 6)))
    if k == 1:
        return "0692 " + " ".join(g2(D(rng, 6)))
    if k == 2:
        return "06 93 " + " ".join(g2(D(rng, 6)))
    if k == 3:
        return "0262 " + " ".join(g2(D(rng, 6)))
    if k == 4:
        return "0596 " + " ".join(g2(D(rng, 6)))
    if k == 5:
        return "+596 696 " + " ".join(g2(D(rng, 6)))
    if k == 6:
        return "+590 690 " + " ".join(g2(D(rng, 6)))
    if k == 7:
        return "0594 " + " ".join(g2(D(rng, 6)))
    if k == 8:
        return "+687 " + " ".join(g2(D(rng, 6)))
    return "+689 87 " + " ".join(g2(D(rng, 6)))


def gen_intl(rng):
    f = rng.choice([
        lambda: "+32 47" + D(rng, 1) + " " + " ".join(g2(D(rng, 6))),
        lambda: "04" + rng.choice("789") + D(rng, 1) + " " + " ".join(g2(D(rng, 6))),
        lambda: "+32 2 " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "0032 475 " + " ".join(g2(D(rng, 6))),
        lambda: "+41 7" + rng.choice("6789") + " " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "07" + rng.choice("6789") + " " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "+41 22 " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "0041 78 " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "+34 6" + D(rng, 2) + " " + D(rng, 3) + " " + D(rng, 3),
        lambda: "0034 6" + D(rng, 2) + " " + D(rng, 3) + " " + D(rng, 3),
        lambda: "+34 91 " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "07700 900" + D(rng, 3),
        lambda: "+44 7700 900" + D(rng, 3),
        lambda: "+44 20 7946 0" + D(rng, 3),
        lambda: "+44 (0)20 7946 0" + D(rng, 3),
        lambda: "(" + rng.choice(["415", "212", "617", "305"]) + ") 555-01" + D(rng, 2),
        lambda: "+1 415 555 01" + D(rng, 2),
        lambda: "+1 (212) 555-01" + D(rng, 2),
        lambda: "+1 514 555 01" + D(rng, 2),
        lambda: "+212 6 " + " ".join(g2(D(rng, 8))),
        lambda: "+212 661-" + D(rng, 6),
        lambda: "00212 6 61 " + " ".join(g2(D(rng, 6))),
        lambda: "+49 15" + D(rng, 1) + " " + D(rng, 8),
        lambda: "+49 30 " + D(rng, 8),
        lambda: "0049 171 " + D(rng, 7),
        lambda: "+49 (0)89 " + D(rng, 6),
        lambda: "+351 91" + D(rng, 1) + " " + D(rng, 3) + " " + D(rng, 3),
        lambda: "+39 3" + D(rng, 2) + " " + D(rng, 3) + " " + D(rng, 4),
        lambda: "+213 5 " + " ".join(g2(D(rng, 8))),
        lambda: "+216 2" + D(rng, 1) + " " + D(rng, 3) + " " + D(rng, 3),
        lambda: "+221 77 " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "+225 07 07 " + " ".join(g2(D(rng, 6))),
        lambda: "+84 91" + D(rng, 1) + " " + D(rng, 3) + " " + D(rng, 3),
        lambda: "+48 5" + D(rng, 2) + " " + D(rng, 3) + " " + D(rng, 3),
        lambda: "+352 621 " + D(rng, 3) + " " + D(rng, 3),
        lambda: "+90 53" + D(rng, 1) + " " + D(rng, 3) + " " + D(rng, 2) + " " + D(rng, 2),
        lambda: "+86 13" + D(rng, 1) + " " + D(rng, 4) + " " + D(rng, 4),
    ])
    return f()


FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
            "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def fr_words(n: int) -> str:
    if n < 20:
        return FR_UNITS[n]
    t, u = divmod(n, 10)
    if t in FR_TENS:
        if u == 0:
            return FR_TENS[t]
        return FR_TENS[t] + (" et un" if u == 1 else "-" + FR_UNITS[u])
    if t == 7:
        return "soixante" + (" et onze" if u == 1 else "-" + FR_UNITS[10 + u])
    if t == 8:
        return "quatre-vingts" if u == 0 else "quatre-vingt-" + FR_UNITS[u]
    return "quatre-vingt-" + FR_UNITS[10 + u]


def gen_spoken_phone(rng):
    nat = "06" + D(rng, 8)
    parts = [("zéro " + FR_UNITS[int(x)]) if x[0] == "0" else fr_words(int(x)) for x in g2(nat)]
    return rng.choice([", ", " ", " "]).join(parts)


def gen_phone(rng):
    return wchoice(rng, [(gen_mobile, 45), (gen_landline, 22), (gen_intl, 15), (gen_dom, 7), (gen_odd, 11)])(rng)


# --- IBAN -------------------------------------------------------------------------------------

FR_BANKS = ["30004", "30003", "20041", "10278", "11306", "30002", "17515", "16606", "10096", "13335",
            "14707", "10107", "30066", "40618", "16958", "18206", "12506", "15589"]


def gen_fr_parts(rng):
    bank = rng.choice(FR_BANKS)
    branch = D(rng, 5)
    acc = D(rng, 11)
    return bank, branch, acc, rib_key(bank, branch, acc)


def fmt_by4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def gen_iban_fr(rng, cc="FR"):
    bank, branch, acc, key = gen_fr_parts(rng)
    iban = iban_from_bban(cc, bank + branch + acc + key)
    style = wchoice(rng, [("by4", 45), ("bank", 18), ("dash", 8), ("compact", 15), ("lower", 7), ("spacecc", 7)])
    if style == "by4":
        return fmt_by4(iban)
    if style == "bank":
        return f"{iban[:4]} {bank} {branch} {acc} {key}"
    if style == "dash":
        return fmt_by4(iban, "-")
    if style == "compact":
        return iban
    if style == "lower":
        return fmt_by4(iban).lower()
    return iban[:2] + " " + iban[2:4] + " " + fmt_by4(iban[4:])


def gen_iban_other(rng):
    cc = rng.choice(["BE", "BE", "DE", "DE", "ES", "ES", "IT", "IT", "CH", "CH", "LU", "PT", "NL", "GB", "MC"])
    if cc == "BE":
        first10 = D(rng, 10)
        chk = int(first10) % 97 or 97
        bban = first10 + f"{chk:02d}"
    elif cc == "DE":
        bban = rng.choice(["37040044", "10070000", "50010517", "20041133", "70150000"]) + D(rng, 10)
    elif cc == "ES":
        bank, branch, acc = rng.choice(["2100", "0049", "0182", "2085"]), D(rng, 4), D(rng, 10)
        bban = bank + branch + es_dc("00" + bank + branch) + es_dc(acc) + acc
    elif cc == "IT":
        abi, cab, acc = rng.choice(["05428", "03069", "02008", "01030"]), D(rng, 5), D(rng, 12)
        bban = it_cin(abi, cab, acc) + abi + cab + acc
    elif cc == "CH":
        bban = rng.choice(["00762", "00235", "00700", "08390"]) + D(rng, 12)
    elif cc == "LU":
        bban = rng.choice(["001", "002", "019"]) + D(rng, 13)
    elif cc == "PT":
        bban = rng.choice(["0002", "0035", "0033"]) + D(rng, 17)
    elif cc == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO"]) + D(rng, 10)
    elif cc == "GB":
        bban = rng.choice(["NWBK", "BARC", "HBUK"]) + D(rng, 14)
    else:  # MC
        return gen_iban_fr(rng, "MC")
    iban = iban_from_bban(cc, bban)
    style = wchoice(rng, [("by4", 60), ("compact", 25), ("dash", 8), ("lower", 7)])
    if style == "by4":
        return fmt_by4(iban)
    if style == "compact":
        return iban
    if style == "dash":
        return fmt_by4(iban, "-")
    return fmt_by4(iban).lower()


def gen_iban(rng):
    return gen_iban_fr(rng) if rng.random() < 0.55 else gen_iban_other(rng)


# --- cards, NIR, SIREN ------------------------------------------------------------------------

def gen_card(rng):
    k = rng.randrange(10)
    if k < 4:
        body = "4" + D(rng, 14)
    elif k < 7:
        body = rng.choice(["51", "52", "53", "54", "55"]) + D(rng, 13)
    elif k < 8:
        body = str(rng.randint(2221, 2720)) + D(rng, 11)
    else:
        body = rng.choice(["34", "37"]) + D(rng, 12)
    num = body + luhn_digit(body)
    if len(num) == 15:
        return rng.choice([f"{num[:4]} {num[4:10]} {num[10:]}", num, f"{num[:4]}-{num[4:10]}-{num[10:]}"])
    return wchoice(rng, [(fmt_by4(num), 60), (fmt_by4(num, "-"), 12), (num, 22), (fmt_by4(num, "."), 3),
                         (num[:4] + " " + num[4:], 3)])


NIR_FOREIGN = ["350", "352", "351", "139", "341", "243", "122", "127", "134", "109"]


def gen_nir(rng):
    sex = rng.choice("12")
    yy = f"{rng.randint(0, 99):02d}"
    mm = f"{rng.randint(1, 12):02d}" if rng.random() < 0.95 else rng.choice(["20", "31", "42"])
    k = rng.randrange(20)
    if k == 0:
        place = rng.choice(["2A", "2B"]) + D(rng, 3)
    elif k == 1:
        place = rng.choice(["971", "972", "973", "974", "976"]) + D(rng, 2)
    elif k == 2:
        place = "99" + rng.choice(NIR_FOREIGN)
    else:
        dept = rng.randint(1, 95)
        while dept == 20:
            dept = rng.randint(1, 95)
        place = f"{dept:02d}" + f"{rng.randint(1, 999):03d}"
    order = f"{rng.randint(1, 999):03d}"
    n13 = sex + yy + mm + place + order
    key = nir_key(n13)
    # grouping: s yy mm dd ccc ooo kk  (dd = first 2 of place)
    dd, ccc = place[:2], place[2:]
    style = wchoice(rng, [("sp", 55), ("compact", 18), ("keysep", 12), ("dash", 5), ("dot", 4), ("slash", 6)])
    if style == "sp":
        return f"{sex} {yy} {mm} {dd} {ccc} {order} {key}"
    if style == "compact":
        return n13 + key
    if style == "keysep":
        return n13 + " " + key
    if style == "dash":
        return f"{sex}-{yy}-{mm}-{dd}-{ccc}-{order}-{key}"
    if style == "dot":
        return f"{sex}.{yy}.{mm}.{dd}.{ccc}.{order}.{key}"
    return f"{sex} {yy} {mm} {dd} {ccc} {order} / {key}"


def gen_siren_digits(rng):
    body = rng.choice("123456789") + D(rng, 7)
    return body + luhn_digit(body)


def gen_siren(rng):
    s = gen_siren_digits(rng)
    return rng.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}.{s[3:6]}.{s[6:]}"])


def gen_siren_siret(rng):
    """A coherent pair: the SIRET starts with the SIREN."""
    s = gen_siren_digits(rng)
    body = s + f"{rng.randint(1, 99):04d}"
    full = body + luhn_digit(body)
    sp = rng.random() < 0.6
    siren = f"{s[:3]} {s[3:6]} {s[6:]}" if sp else s
    siret = f"{full[:3]} {full[3:6]} {full[6:9]} {full[9:]}" if sp else full
    return [("SIREN ", None), (siren, "FR_SIREN"), (", SIRET ", None), (siret, "FR_SIRET")]


def gen_siret(rng, siren=None):
    s = siren or gen_siren_digits(rng)
    body = s + f"{rng.randint(1, 99):04d}"
    full = body + luhn_digit(body)
    return rng.choice([f"{full[:3]} {full[3:6]} {full[6:9]} {full[9:]}", full,
                       f"{full[:3]} {full[3:6]} {full[6:9]} {full[9:]}", f"{full[:9]} {full[9:]}"])


# --- IP ---------------------------------------------------------------------------------------

def gen_ipv4(rng):
    first = rng.choice([2, 5, 31, 37, 46, 62, 77, 78, 80, 81, 82, 83, 86, 88, 90, 91, 92, 109, 141, 151, 176,
                        178, 185, 193, 194, 195, 212, 213, 217])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def gen_ipv4_priv(rng):
    return rng.choice([
        lambda: f"192.168.{rng.choice([0, 1, 1, 10, 100])}.{rng.randint(2, 254)}",
        lambda: f"10.{rng.randint(0, 40)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        lambda: f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
    ])()


def gen_ip_port(rng):
    ip = gen_ipv4(rng) if rng.random() < 0.7 else gen_ipv4_priv(rng)
    return ip + ":" + str(rng.choice([443, 8080, 3389, 22, 8443, rng.randint(1024, 65000)]))


def hexg(rng, lo=1, hi=4):
    n = rng.randint(lo, hi)
    s = "".join(rng.choice("0123456789abcdef") for _ in range(n))
    return s.lstrip("0") or "0"


def gen_ipv6(rng):
    k = rng.randrange(5)
    if k == 0:
        return ":".join(["2a01", rng.choice(["cb00", "cb04", "e0a", "e34"])] + [hexg(rng, 3, 4) for _ in range(6)])
    if k == 1:
        return f"2a01:e0a:{hexg(rng)}:{hexg(rng, 3, 4)}::{rng.randint(1, 9)}"
    if k == 2:
        return "2001:0db8:" + ":".join("".join(rng.choice("0123456789abcdef") for _ in range(4)) for _ in range(6))
    if k == 3:
        return "fe80::" + ":".join(hexg(rng, 3, 4) for _ in range(4))
    return f"2a02:8440:{hexg(rng, 3, 4)}:{hexg(rng, 3, 4)}:{hexg(rng, 3, 4)}:{hexg(rng, 3, 4)}:{hexg(rng, 3, 4)}:{hexg(rng, 2, 4)}a"


# --- addresses --------------------------------------------------------------------------------

def street_line(rng):
    st = rng.choice(STREETS)
    typ = st.split(" ", 1)[0]
    if typ in STREET_ABBR and rng.random() < 0.25:
        st = rng.choice(STREET_ABBR[typ]) + " " + st.split(" ", 1)[1]
    elif rng.random() < 0.08:
        st = st[0].upper() + st[1:]
    num = str(rng.choice([rng.randint(1, 30), rng.randint(1, 30), rng.randint(1, 250)]))
    suf = wchoice(rng, [("", 80), (" bis", 6), ("bis", 4), (" ter", 3), ("B", 3), (" B", 2), ("ter", 2)])
    sep = wchoice(rng, [(" ", 85), (", ", 15)])
    return f"{num}{suf}{sep}{st}"


def cp_town(rng, cedex=False):
    cp, town = rng.choice(CP_TOWNS)
    if rng.random() < 0.2:
        town = town.upper()
    if cedex:
        town += " Cedex" + rng.choice(["", " 02", " 9"])
    return f"{cp} {town}"


def gen_address(rng, multiline=False):
    k = wchoice(rng, [("plain", 55), ("nocomma", 10), ("compl_before", 12), ("compl_after", 8), ("lieudit", 6),
                      ("bp", 4), ("comma_dash", 5)])
    nl = "\n" if multiline else None
    if k == "plain":
        parts = [street_line(rng), cp_town(rng)]
    elif k == "nocomma":
        return (nl or " ").join([street_line(rng), cp_town(rng)])
    elif k == "compl_before":
        parts = [rng.choice(COMPLEMENTS), street_line(rng), cp_town(rng)]
    elif k == "compl_after":
        parts = [street_line(rng), rng.choice(COMPLEMENTS), cp_town(rng)]
    elif k == "lieudit":
        parts = [rng.choice(LIEUX_DITS), cp_town(rng)]
    elif k == "bp":
        parts = [f"BP {rng.randint(1, 999)}", cp_town(rng, cedex=True)]
    else:
        return street_line(rng) + " - " + cp_town(rng)
    return (nl or ", ").join(parts)


def gen_foreign_address(rng):
    n = rng.randint(1, 180)
    return rng.choice([
        f"Rue de la Loi {n}, 1040 Bruxelles, Belgique",
        f"Avenue Louise {n}, 1050 Ixelles",
        f"Bahnhofstrasse {n}, 8001 Zürich",
        f"Rue du Rhône {n}, 1204 Genève, Suisse",
        f"Chemin des Vignes {n}, 1009 Pully",
        f"Calle Mayor {n}, 3º B, 28013 Madrid",
        f"Rua Augusta {n}, 1100-053 Lisboa, Portugal",
        f"Via Roma {n}, 00184 Roma",
        f"Hauptstraße {n}, 10115 Berlin",
        f"{n} Baker Street, London NW1 6XE",
        f"{n} rue Ibn Batouta, 20250 Casablanca, Maroc",
        f"{n} rue Sherbrooke Ouest, Montréal QC H3G 1H6",
        f"{n} boulevard Royal, L-2449 Luxembourg",
        f"Avenue Habib Bourguiba {n}, 1001 Tunis",
        f"Rue {n}, Sicap Liberté 6, Dakar, Sénégal",
    ])


# --- dates, plates, misc -----------------------------------------------------------------------

def gen_dob(rng, kid=False):
    y = rng.randint(2004, 2022) if kid else rng.randint(1932, 2005)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    style = wchoice(rng, [("slash", 40), ("slash_short", 8), ("dot", 8), ("dash", 5), ("words", 22),
                          ("words_abbr", 4), ("iso", 5), ("nozero", 8)])
    if style == "slash":
        return f"{d:02d}/{m:02d}/{y}"
    if style == "slash_short":
        return f"{d:02d}/{m:02d}/{y % 100:02d}"
    if style == "dot":
        return f"{d:02d}.{m:02d}.{y}"
    if style == "dash":
        return f"{d:02d}-{m:02d}-{y}"
    if style == "words":
        return f"{'1er' if d == 1 else d} {MONTHS[m - 1]} {y}"
    if style == "words_abbr":
        return f"{d} {MONTHS_ABBR[m - 1]} {y}"
    if style == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    return f"{d}/{m}/{y}"


SIV_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


def gen_plate(rng):
    def two():
        while True:
            s = rng.choice(SIV_LETTERS) + rng.choice(SIV_LETTERS)
            if s not in ("SS", "WW"):
                return s
    if rng.random() < 0.8:
        a, n, b = two(), f"{rng.randint(1, 999):03d}", two()
        return wchoice(rng, [(f"{a}-{n}-{b}", 60), (f"{a} {n} {b}", 25), (f"{a}{n}{b}", 15)])
    num = str(rng.randint(1, 9999))
    letters = "".join(rng.choice(SIV_LETTERS) for _ in range(rng.choice([2, 2, 3])))
    dept = rng.choice(["75", "13", "69", "33", "59", "2A", "44", "92", "06", "31", "974"])
    return f"{num} {letters} {dept}"


def gen_meeting_date(rng):
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    y = rng.choice([2023, 2024, 2025])
    return wchoice(rng, [
        (f"{d:02d}/{m:02d}", 25), (f"{d:02d}/{m:02d}/{y}", 20), (f"{d} {MONTHS[m - 1]}", 18),
        (f"{rng.choice(DAYS)} {d} {MONTHS[m - 1]}", 12), (f"{d} {MONTHS_ABBR[m - 1]}", 6),
        (f"{y}-{m:02d}-{d:02d}", 6), (f"{d:02d}.{m:02d}.{y % 100:02d}", 5), (f"{d}/{m}", 8)])


def gen_time(rng):
    h = rng.randint(8, 19)
    mi = rng.choice([0, 0, 15, 30, 30, 45, 10, 20])
    return wchoice(rng, [(f"{h}h{mi:02d}" if mi else f"{h}h", 60), (f"{h}:{mi:02d}", 15), (f"{h}h{mi:02d}", 15),
                         (f"{h} h {mi:02d}", 5), ("midi", 2)])


def gen_slot(rng):
    a = rng.randint(7, 17)
    b = a + rng.choice([1, 2, 2, 3, 4])
    m = rng.choice(["", "", "30"])
    return rng.choice([f"entre {a}h{m} et {b}h{m}", f"de {a}h{m} à {b}h{m}", f"entre {a}:00 et {b}:00", f"{a}h-{b}h"])


def gen_order(rng):
    return rng.choice([
        lambda: f"CMD-{rng.choice([2023, 2024, 2025])}-{D(rng, 6)}", lambda: f"n° {rng.randint(1000000, 9999999)}",
        lambda: f"#A-{D(rng, 5)}", lambda: f"BC{D(rng, 6)}-{D(rng, 2)}", lambda: f"PO {D(rng, 5)}",
        lambda: f"{rng.choice('123456789')}{D(rng, 9)}", lambda: f"WEB{D(rng, 8)}",
    ])()


def gen_invoice(rng):
    return rng.choice([
        lambda: f"FAC-{rng.choice([2023, 2024, 2025])}-{D(rng, 5)}", lambda: f"F{rng.choice([2024, 2025])}/{D(rng, 4)}",
        lambda: f"n° {rng.choice([2024, 2025])}-{D(rng, 4)}", lambda: f"INV-{D(rng, 5)}", lambda: f"FA{D(rng, 8)}",
    ])()


def gen_ticket(rng):
    return rng.choice([lambda: f"#{D(rng, 5)}", lambda: f"INC{D(rng, 7)}", lambda: f"TK-{D(rng, 5)}",
                       lambda: f"SR-2024-{D(rng, 4)}", lambda: f"REQ{D(rng, 6)}"])()


def gen_amount(rng):
    v = rng.choice([rng.randint(5, 99), rng.randint(100, 999), rng.randint(1000, 25000)])
    c = rng.randint(0, 99)
    s = f"{v:,}".replace(",", rng.choice([" ", "\u202f", "."]))
    return wchoice(rng, [(f"{s},{c:02d} €", 30), (f"{s} €", 25), (f"{s},{c:02d} € TTC", 10), (f"{s} € HT", 10),
                         (f"€ {s}", 3), (f"{s} euros", 10), (f"{v // 1000 or 1},{c // 10} k€", 4), (f"{s}€", 8)])


def gen_version(rng):
    return rng.choice([
        lambda: f"v{rng.randint(1, 9)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 99)}",
        lambda: f"{rng.randint(1, 14)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
        lambda: f"{rng.randint(2, 11)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(100, 4000)}",
        lambda: f"v{rng.randint(1, 5)}.{rng.randint(0, 9)}",
        lambda: f"{rng.randint(10, 22)}.{rng.randint(1, 12)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}",
        lambda: f"{rng.randint(1, 3)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}-beta",
    ])()


def gen_en_date(rng):
    d, m = rng.randint(1, 28), rng.choice(EN_MONTHS)
    suf = "st" if d in (1, 21) else "nd" if d in (2, 22) else "rd" if d in (3, 23) else "th"
    return rng.choice([f"{d} {m}", f"{m} {d}{suf}", f"{m} {d}", f"{m[:3]}. {d}, 2024", f"the {d}{suf} of {m}"])


def gen_pct(rng):
    v = rng.choice([5, 10, 15, 20, 25, 30, 7.5, 12.5, 3, 40, 87, 92, 98.5])
    s = (f"{v}".replace(".", ",")) if isinstance(v, float) else str(v)
    return s + rng.choice([" %", "%", " %", "\u00a0%"])


# ---------------------------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------------------------

SPECIAL = {"ł": "l", "Ł": "L", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}


def ascii_fold(s: str) -> str:
    s = "".join(SPECIAL.get(c, c) for c in s)
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def slug(s: str, sep="") -> str:
    s = ascii_fold(s).lower()
    s = re.sub(r"[' ]", "", s)
    return s.replace("-", sep) if sep != "-" else s


def initial_of(first: str, rng):
    """Initial(s) of a first name, or None when the result would read as a civility ("M." = Monsieur)."""
    if "-" in first:
        a, b = first.split("-", 1)
        return rng.choice([f"{a[0]}-{b[0]}.", f"{a[0]}.-{b[0]}.", f"{a[0]}.{b[0]}."])
    if first[0] == "M":
        return None
    return first[0] + "."


EMAIL_DOMAINS = ["gmail.com"] * 6 + ["yahoo.fr", "hotmail.fr", "hotmail.com", "orange.fr", "orange.fr",
                                     "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "outlook.com", "outlook.fr",
                                     "icloud.com", "proton.me", "gmx.de", "skynet.be", "bluewin.ch", "live.fr",
                                     "acme-logistique.fr", "boreal-informatique.com", "groupe-hexagone.com",
                                     "mairie-vannes.fr", "univ-lyon2.fr", "asso-lesamis.org", "ec.europa.eu",
                                     "helios-energie.fr", "cabinet-horizon.eu", "ac-rennes.fr", "aphp.fr", "numericable.fr"]


class Persona:
    def __init__(self, rng, gender=None):
        self.rng = rng
        self.gender = gender or rng.choice("MF")
        self.first = rng.choice(MALE_FIRST if self.gender == "M" else FEMALE_FIRST)
        self.last = rng.choice(LAST_NAMES)
        self._email = None
        self._mob = None
        self._url = None

    # name styles --------------------------------------------------------------------------
    def full(self):
        r = self.rng
        f, l = self.first, self.last
        ini = initial_of(f, r) or f
        return wchoice(r, [
            (f"{f} {l}", 40), (f"{l.upper()} {f}", 11), (f"{f} {l.upper()}", 10), (f"{f} {l}".lower(), 10),
            (f"{ini} {l}", 10), (f"{l} {f}", 7), (f"{f} {l}".upper(), 5),
            (f"{ini} {l.upper()}", 3), (f"{f.lower()} {l.lower()}".title() if "'" not in l else f"{f} {l}", 4),
        ])

    def lname(self):
        return f"{self.first} {self.last}".lower()

    def caps(self):
        return f"{self.last.upper()} {self.first}"

    def civ(self):
        r = self.rng
        if r.random() < 0.06:
            return r.choice(["Dr", "Dr.", "Me", "Pr"])
        if self.gender == "M":
            return wchoice(r, [("M.", 50), ("Monsieur", 20), ("Mr", 14), ("M", 5), ("MR", 3), ("monsieur", 4), ("Mr.", 4)])
        return wchoice(r, [("Mme", 55), ("Madame", 20), ("Mme.", 5), ("MME", 4), ("madame", 5), ("Mlle", 5), ("Mde", 2)])

    def civname(self):
        r = self.rng
        name = wchoice(r, [(self.last, 48), (f"{self.first} {self.last}", 20), (f"{initial_of(self.first, r) or self.first} {self.last}", 10),
                           (self.last.upper(), 12), (f"{self.last.upper()} {self.first}", 6), (self.last.lower(), 4)])
        return [(self.civ() + " ", None), (name, "PERSON")]

    def first_name(self):
        return self.first.lower() if self.rng.random() < 0.08 else self.first

    # contact data -------------------------------------------------------------------------
    def email(self):
        if self._email is None:
            r = self.rng
            f = slug(self.first, r.choice(["", "-"]))
            l = slug(self.last)
            local = wchoice(r, [(f"{f}.{l}", 35), (f"{f[0]}.{l}", 12), (f"{f[0]}{l}", 8), (f"{f}{l}", 8),
                                (f"{l}.{f}", 8), (f"{f}_{l}", 5), (f"{f}.{l}+crm", 3),
                                (f"{f}.{l}{r.randint(1, 99)}", 10), (f"{l}{r.randint(1950, 2005)}", 4),
                                (f"{f}{r.randint(10, 99)}", 4), (f"{l}-{f[0]}", 3)])
            self._email = local + "@" + r.choice(EMAIL_DOMAINS)
            if r.random() < 0.05:
                self._email = self._email.upper()
            elif r.random() < 0.05:
                self._email = self._email[0].upper() + self._email[1:]
        return self._email

    def mob(self):
        if self._mob is None:
            self._mob = gen_mobile(self.rng)
        return self._mob

    def url(self, kind="any"):
        r = self.rng
        f, l = slug(self.first, "-"), slug(self.last, "-")
        fl = slug(self.first) + slug(self.last)
        h = "".join(r.choice("0123456789abcdef") for _ in range(r.choice([4, 6, 8])))
        if kind == "li":
            return r.choice([f"linkedin.com/in/{f}-{l}-{h}", f"https://www.linkedin.com/in/{f[0]}{slug(self.last)}",
                             f"https://fr.linkedin.com/in/{fl}{r.randint(1, 99)}", f"www.linkedin.com/in/{f}-{l}"])
        if kind == "fb":
            return r.choice([f"facebook.com/{slug(self.first)}.{slug(self.last)}",
                             f"https://www.facebook.com/{slug(self.first)}.{slug(self.last)}.{r.randint(1, 99)}",
                             f"https://m.facebook.com/{fl}{r.randint(1, 99)}"])
        if kind == "blog":
            return r.choice([f"https://{f}-{l}.fr", f"{fl}.over-blog.com", f"https://www.{f}-{l}-photographe.fr",
                             f"https://blog.{l}-{f}.net/a-propos", f"https://{fl}.wordpress.com", f"https://www.{l}-{f}.com/cv"])
        if self._url is None:
            r = self.rng
            f, l = slug(self.first, "-"), slug(self.last, "-")
            fl = slug(self.first) + slug(self.last)
            h = "".join(r.choice("0123456789abcdef") for _ in range(r.choice([4, 6, 8])))
            self._url = r.choice([
                f"linkedin.com/in/{f}-{l}-{h}", f"https://www.linkedin.com/in/{f[0]}{slug(self.last)}",
                f"https://fr.linkedin.com/in/{fl}{r.randint(1, 99)}", f"www.linkedin.com/in/{f}-{l}",
                f"facebook.com/{slug(self.first)}.{slug(self.last)}", f"https://www.facebook.com/{slug(self.first)}.{slug(self.last)}.{r.randint(1, 99)}",
                f"instagram.com/{slug(self.first)}_{slug(self.last)}", f"https://twitter.com/{f[0]}{slug(self.last)}",
                f"x.com/{fl}{r.randint(1, 99)}", f"https://{f}-{l}.fr", f"{fl}.over-blog.com",
                f"https://www.{f}-{l}-photographe.fr", f"https://github.com/{f[0]}{slug(self.last)}",
                f"https://blog.{l}-{f}.net/a-propos", f"https://{fl}.wordpress.com", f"https://www.{l}-{f}.com/cv",
            ])
        return self._url


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------
# Placeholders: {C.x} customer, {S.x} staff member writing/handling, {T.x}, {T2.x} third parties,
# {M.x} male / {F.x} female third party. x in name, lname, caps, civname, first, last, email, mob,
# url, e (gender suffix), ne ("né"/"née"), Ne, lui ("lui"/"elle").
# Value placeholders are listed in RESOLVERS below. Templates contain no person names of their own.

HEADS = {
    "call": ["Appel entrant —", "Appel sortant.", "[Tél]", "APPEL CLIENT", "Tél. entrant {TIME} :",
             "Appel du {DATE} :", "Suivi téléphonique", "Rappel effectué —"],
    "voicemail": ["Message vocal du {DATE} à {TIME} :", "[Transcription messagerie]", "Msg répondeur —",
                  "Répondeur, {TIME} :", "VOICEMAIL", "Transcription auto (qualité moyenne) :"],
    "meeting": ["CR réunion du {DATE}", "Compte rendu — RDV client {DATE}", "Réunion de lancement",
                "Notes de réunion ({DUR})", "Visio {TIME} —", "COMPTE-RENDU COMITÉ DE PILOTAGE", "Point hebdo"],
    "complaint": ["RÉCLAMATION", "Réclamation client —", "Plainte reçue par courrier", "[RECLA] {DATE}",
                  "Litige —", "Insatisfaction client"],
    "ticket": ["Ticket {TICKET} — priorité haute", "Ticket {TICKET}", "[Support N1] {TICKET}", "INCIDENT {TICKET}",
               "Demande d'assistance —"],
    "sales": ["Relance commerciale", "Suivi opportunité —", "Relance devis {REF}", "OPPORTUNITÉ {COMPANY}",
              "Suivi commercial du {DATE}"],
    "account_change": ["Modification de compte", "Changement de coordonnées", "MAJ FICHE CLIENT",
                       "Demande de modification — client {CLIENTNO}", "Changement RIB"],
    "delivery": ["Livraison —", "Bon de livraison {ORDER}", "Note livreur", "Suivi colis {TRACK}", "LIVRAISON URGENTE"],
    "hr": ["Dossier RH", "Mutuelle — adhésion", "Note RH confidentielle", "Prévoyance / mutuelle", "GESTION DU PERSONNEL"],
    "recovery": ["Recouvrement —", "Relance impayé", "DOSSIER CONTENTIEUX", "Recouvrement amiable, relance n°{N}",
                 "Impayé {INV}"],
    "prospecting": ["Prospection —", "Lead entrant", "Fiche prospect", "Campagne d'appels {MONTH}", "PROSPECT CHAUD"],
    "negative": ["Note interne", "Suivi commande", "Info", "RAPPEL", "Mémo équipe", "Point stock", "Compte rendu interne"],
}

POOLS = {
    "call": [
        "Appel de {C.civname} ce matin au sujet de la commande {ORDER}.",
        "Appel entrant de {C.name}, souhaite être rappelé{C.e} au {PHONE}.",
        "rappeler {C.lname} demain au {MOB}",
        "Tél avec {C.civname} : pb de facturation sur {INV}, montant contesté {AMOUNT}.",
        "{C.civname} a appelé pour décaler son RDV du {DATE} à {TIME}.",
        "Client{C.e} joint{C.e} au {FIXE} vers {TIME}, échange cordial.",
        "Pas de réponse sur le portable, msg laissé. Essayer le fixe : {FIXE}.",
        "Nouveau numéro communiqué : {PHONE}.",
        "{C.civname} appelle pour le compte de son conjoint, {T.name}.",
        "Confirme son adresse mail : {C.email}.",
        "Appel transféré à {S.first} (service compta).",
        "A RAPPELER AVANT {TIME}, sinon injoignable.",
        "Souhaite recevoir la doc {PRODUCT} par mail à {C.email}.",
        "Appelle depuis l'étranger, numéro affiché : {INTL}.",
        "Échange de {DUR} avec {C.name} ; attend un devis pour {PRODUCT}.",
        "Appel manqué du {PHONE} à {TIME}, pas de message.",
        "Client{C.e} mécontent{C.e}, demande un responsable. Transmis à {S.name}.",
        "cf. appel précédent avec {S.first}, même pb sur {ORDER}.",
        "Son fils {M.first} gère désormais le dossier, joignable au {MOB}.",
        "Vérif identité OK (DDN {DOB}, adresse {ADDR}).",
        "N° pro : {FIXE} / perso : {MOB}.",
        "Demande un rappel sur son nouveau portable {MOB}, l'ancien n'est plus attribué.",
        "appel de {C.lname} pour la cde {ORDER}, dit n'avoir rien reçu",
        "{C.civname} ne souhaite plus être démarché{C.e} par téléphone, retirer le {PHONE} des campagnes.",
        "Tél de {C.first} (cabinet comptable) pour un duplicata de {INV}.",
        "Appel de {C.caps} : demande l'état de son dossier {CONTRACT}.",
        "A eu {S.first} au standard hier, personne ne l'a rappelé{C.e}.",
        "Ligne coupée en cours d'appel, rappelé{C.e} au {PHONE} sans succès.",
        "Joignable uniquement le {DAY} {SLOT}.",
        "Parle mal français, préfère qu'on écrive à {C.email}.",
        "Appel en DOM, numéro {DOM}, attention au décalage horaire.",
        "Paiement par téléphone accepté, carte {CB}, exp. {EXP}.",
        "Donne son n° de sécu pour identification : {NIR}.",
        "Client{C.e} à la Réunion, rappeler au {DOM} le matin (heure de Paris).",
    ],
    "voicemail": [
        "Bonjour, c'est {C.name}, je vous appelle au sujet de ma commande {ORDER}.",
        "Oui bonjour, {C.civname} à l'appareil, vous pouvez me rappeler au {C.mob} ?",
        "Mon numéro c'est le {C.mob}, je répète, {C.mob}.",
        "Je suis joignable après {TIME} au {PHONE}.",
        "Bonjour {S.first}, c'est {C.first}, euh rappelle-moi quand tu peux, merci.",
        "Je vous laisse aussi mon adresse mail, c'est {C.email}.",
        "Euh oui bonjour, c'est au sujet du prélèvement, je comprends pas le montant de {AMOUNT}.",
        "C'est encore moi, {C.first}, j'ai toujours pas de nouvelles.",
        "Vous pouvez aussi appeler ma fille {F.first} au {MOB}.",
        "Bonjour, ici {C.civname}, cabinet {COMPANY}, je rappelle pour le devis {REF}.",
        "Rappelez-moi sur le fixe, {FIXE}, le portable capte mal.",
        "Je suis en déplacement à l'étranger, vous avez le {INTL}.",
        "Allô ? ... bon, je rappellerai. C'est {C.caps}.",
        "Bonjour madame, c'est {C.name}, je voulais confirmer le rendez-vous de {DAY} {TIME}.",
        "J'ai reçu un courrier de relance alors que j'ai payé le {DATE}, rappelez-moi.",
        "Mon numéro : {SPOKEN}.",
        "rappelez moi au {SPOKEN} merci",
        "Bonjour, message pour {S.name} de la part de {C.name}.",
        "[inaudible] ... au {PHONE}, voilà, merci.",
        "Bonsoir, {C.name} à l'appareil, c'est pour la résiliation.",
        "Euh c'est {C.lname}, j'appelle de la part de mon mari {M.first} pour le contrat.",
        "Je rappelle demain matin, sinon mon portable c'est {C.mob}. Au revoir.",
        "Bonjour c'est le cabinet du docteur {T.last}, merci de nous recontacter au {FIXE}.",
        "Oui bonjour, c'est {C.first} de chez {COMPANY}, vous avez mon mail, {C.email}, voilà.",
    ],
    "meeting": [
        "Présents : {S.name}, {C.name}, {T.name}.",
        "Participants : {C.civname} (DAF), {T.civname} (DSI) et {S.first} pour nous.",
        "Points abordés : migration vers {PRODUCT}, budget {AMOUNT}, planning du T{Q}.",
        "Prochain RDV fixé le {DATE} à {TIME} dans leurs locaux de {TOWN}.",
        "Action : {S.first} envoie la proposition avant le {DATE}.",
        "{T.name} quitte la société fin {MONTH}, remplacé{T.e} par {T2.name}.",
        "Contact technique : {T.name}, {T.email}, {PHONE}.",
        "Excusé{T.e} : {T.civname}.",
        "Décision : go pour la phase 2 avec {PCT} de remise.",
        "Réunion annulée par {C.civname}, reportée au {DATE}.",
        "{C.first} demande un accès test pour {N} utilisateurs.",
        "Tour de table rapide, RAS côté juridique.",
        "Relevé de décisions à diffuser par {S.name} à {C.email} et {T.email}.",
        "L'interlocuteur principal reste {C.name} ; {T.first} en copie.",
        "Réunion au domicile de {C.civname}, {ADDR} (artisan, pas de local).",
        "Point bloquant : {T.civname} refuse la clause de réversibilité.",
        "Prochaine étape : démo de {PRODUCT} à {T.name} ({JOB}).",
        "Animée par {S.name}, durée {DUR}.",
        "Ordre du jour : bilan {YEAR}, renouvellement {CONTRACT}, questions diverses.",
        "Compte rendu validé par {C.caps} le {DATE}.",
        "Pour rappel, le mobile de {C.first} : {C.mob}.",
        "Tâches : {S.first} → devis ; {T.first} → cahier des charges ; {C.first} → validation budget.",
        "présents: {C.lname}, {T.lname} + {S.first}",
        "{T.civname} (juriste) rejoint le projet, tél {PHONE}.",
        "Profil de {T.first} : {T.li}.",
        "Facturation au nom de l'auto-entrepreneur {C.name}, SIRET {SIRET}.",
    ],
    "complaint": [
        "{C.civname}, {ADDR}, conteste la facture {INV}.",
        "Le client se plaint d'un retard de livraison sur {ORDER}.",
        "{C.civname} indique avoir été débité{C.e} deux fois ({AMOUNT}) sur sa carte {CB}.",
        "Demande le remboursement sur son IBAN {IBAN}.",
        "Ton très agressif, menace de saisir le médiateur.",
        "Courrier recommandé reçu de {C.name} le {DATE}.",
        "3e réclamation en 2 mois, geste commercial proposé : {PCT} sur la prochaine facture.",
        "D'après {C.lui}, le technicien {M.first} n'est jamais passé.",
        "Réponse à envoyer à {C.email} sous 48h.",
        "A publié un avis négatif sur son blog ({C.blog}).",
        "Produit {PRODUCT} défectueux à réception, photos reçues par mail.",
        "Le client exige d'être rappelé par un responsable au {PHONE}.",
        "{C.caps} dit avoir eu {S.first} au téléphone qui lui aurait promis un avoir.",
        "Colis livré à la mauvaise adresse ; adresse correcte : {ADDR}.",
        "Voisin{T.e} ({T.name}) a réceptionné le colis ouvert.",
        "Remboursement partiel de {AMOUNT} accordé par {S.name}.",
        "Réclamation close le {DATE}, client{C.e} satisfait{C.e} de la réponse.",
        "Menace de résilier {PRODUCT} si pas de solution avant le {DATE}.",
        "cf. échange mail avec {C.first}, pb pas réglé malgré 2 interventions.",
        "Le client signale que sa carte finissant par {CB4} a été débitée à tort.",
        "Dossier transmis par {S.lname} au service qualité.",
        "PB DE FACTURATION RÉCURRENT, voir historique.",
        "Plainte de {C.civname} contre le livreur (véhicule {PLATE}) : stationnement sur son terrain.",
        "Numéro de la cliente injoignable, tenter {PHONE}.",
        "Fraude signalée sur la carte {CB}, opposition faite par le client.",
        "Avis publié sur sa page Facebook : {C.fb}.",
    ],
    "ticket": [
        "Utilisateur : {C.name} ({C.email}).",
        "Connexion suspecte depuis {IP} le {DATE} à {TIME}.",
        "Log : {ISO} WARN auth failed user={C.email} src={IPP}",
        "Poste du client en {IPPRIV}, passerelle {IPPRIV}.",
        "Adresse IPv6 relevée : {IP6}.",
        "Version de l'appli : {VER}, pas la dernière.",
        "Mot de passe réinitialisé par {S.first}.",
        "Le client rappellera au {PHONE} si le pb persiste.",
        "Escaladé au N2 ({S.name}).",
        "Pb résolu après vidage du cache, ticket clos.",
        "Erreur 502 sur {URL_C} depuis ce matin.",
        "Accès VPN bloqué pour {C.lname}, IP publique {IP}.",
        "{C.civname} n'arrive plus à se connecter depuis la mise à jour {VER}.",
        "Compte verrouillé après 5 tentatives depuis {IP6}.",
        "Demande de suppression de compte (RGPD) de {C.name}, mail {C.email}.",
        "Capture d'écran envoyée par {C.first}, message d'erreur « session expirée ».",
        "Trace réseau : {IPP} -> {IPP} (timeout).",
        "Blocage firewall levé pour {IP} à la demande de {T.name}.",
        "Prise en main à distance faite avec {C.first} ({DUR}).",
        "Firmware box en version {VER}, redémarrage conseillé.",
        "Ticket dupliqué de {TICKET}, fusionné.",
        "Le client demande à être contacté par mail uniquement : {C.email}.",
        "connexion suspecte depuis {IP} (pays inhabituel), compte de {C.lname} suspendu",
        "Paiement en ligne refusé pour la carte {CB} depuis {IP}.",
        "Le client a signalé le bug sur son profil public {C.li}, à surveiller.",
        "Accès admin demandé par {T.civname} depuis l'IP {IP}.",
        "Box du client joignable en IPv6 : {IP6}, IPv4 publique {IP}.",
        "syslog {ISO} sshd: Failed password for admin from {IP6} port 52144",
    ],
    "sales": [
        "Relance du devis {REF} envoyé le {DATE} à {C.civname}.",
        "Intéressé{C.e} par {PRODUCT} pour {N} postes.",
        "Budget validé par {T.name} (DG).",
        "Envoyer la plaquette à {C.email}, copie {T.email}.",
        "Profil LinkedIn du décideur : {C.li}.",
        "Signature prévue fin {MONTH}, remise max {PCT}.",
        "SIRET {SIRET} à vérifier avant ouverture du compte.",
        "Société {COMPANY}, SIREN {SIREN}.",
        "{C.civname} compare avec un concurrent, rappeler le {DATE}.",
        "RDV de démo calé avec {C.first} le {DATE} à {TIME}.",
        "Ligne directe de {C.first} : {PHONE}.",
        "Pas convaincu{C.e} par le prix ({AMOUNT}/mois), proposer {PRODUCT}.",
        "Recommandé{C.e} par {T.name}, client{T.e} depuis {YEAR}.",
        "Devis signé électroniquement par {C.name} le {DATE}.",
        "Upsell possible : {PRODUCT} (+{AMOUNT}).",
        "{S.first} prend le relais pendant mes congés.",
        "Mail de relance envoyé à {C.email}, sans réponse à ce jour.",
        "Relancer {C.lname} la semaine prochaine, il faut l'accord de {T.first}.",
        "Hésite entre {PRODUCT} et {PRODUCT}.",
        "Offre valable jusqu'au {DATE}.",
        "Ouverture de compte : {COMPANY}, n° SIREN {SIREN}, contact {C.civname}.",
        "Le gérant, {C.name}, veut un essai gratuit de {DUR}.",
        "Cf. son post sur {C.url}, il cherche un prestataire.",
        "Paiement du 1er mois par carte {CB}.",
        "Indépendant{C.e}, SIREN {SIREN}, pas de TVA.",
    ],
    "account_change": [
        "Nouvel IBAN : {IBAN}, BIC {BIC}.",
        "Ancien IBAN {IBAN} à désactiver.",
        "Changement d'adresse : {ADDR} à compter du {DATE}.",
        "Ancienne adresse : {ADDR}.",
        "Nouveau n° de portable : {MOB}.",
        "Nouvelle adresse e-mail : {C.email} (remplace l'ancienne).",
        "RIB reçu par courrier, titulaire : {C.name}.",
        "Prélèvement le 5 du mois sur le compte {IBAN_FR}.",
        "Ajout d'un co-titulaire : {T.name}, {T.ne} le {DOB}.",
        "Carte enregistrée mise à jour : {CB}, exp. {EXP}.",
        "Résiliation de l'ancien contrat {CONTRACT} demandée par {C.civname}.",
        "Déménagement : ancienne adresse {ADDR}, nouvelle adresse {ADDR}.",
        "Adresse de facturation :\n{ADDR_ML}",
        "Titulaire du compte : {C.caps}, IBAN {IBAN}.",
        "Coordonnées bancaires modifiées par {S.first} sur demande écrite du client.",
        "Vérif. identité faite : {C.ne} le {DOB}.",
        "Le client part vivre à l'étranger, nouvelle adresse : {ADDR_X}.",
        "Téléphone fixe supprimé, garder uniquement le {MOB}.",
        "Mandat SEPA signé le {DATE} pour l'IBAN {IBAN}.",
        "Changement de nom suite à mariage : {C.name} (anciennement {T.last}).",
        "Adresse : {STREET} (au fond de la cour), {CPVILLE}.",
        "Nouvelle carte {CB} enregistrée, l'ancienne finissant par {CB4} est supprimée.",
        "iban {IBAN} bic {BIC}",
        "Nouveau RIB au nom de {C.civname} : {IBAN_FR}.",
        "Passage en compte pro : {SIREN_SIRET}.",
        "Carte {CB} supprimée à la demande du titulaire.",
    ],
    "delivery": [
        "Livraison prévue le {DATE} {SLOT}.",
        "Adresse de livraison : {ADDR}.",
        "Code porte {CODE}, 3e étage, sonner chez {C.last}.",
        "Chauffeur : {T.first}, véhicule {PLATE}.",
        "Colis {TRACK} déposé en point relais à {TOWN}.",
        "Appeler le destinataire au {PHONE} avant de passer.",
        "Signé par {T.name} (voisin{T.e}).",
        "Avis de passage laissé, client{C.e} absent{C.e}.",
        "Livrer à l'adresse suivante :\n{ADDR_ML}",
        "Destinataire : {C.civname}, {ADDR}, tél {PHONE}.",
        "Camion immatriculé {PLATE} bloqué devant le portail.",
        "Livré en main propre à {C.first} à {TIME}.",
        "Palette refusée par le client (carton abîmé).",
        "Le transporteur a tenté {N} fois, injoignable au {MOB}.",
        "Adresse incomplète : manque le n° de bâtiment, contacter {C.email}.",
        "Reprise de l'ancien matériel le {DATE}.",
        "Le client demande un dépôt chez sa mère, {F.civname}, {ADDR}.",
        "Enlèvement par le véhicule {PLATE} ({T.name}).",
        "Livraison à l'étranger : {ADDR_X}.",
        "Franco de port au-delà de {AMOUNT}.",
        "livreur {T.first} immat {PLATE}, passage vers {TIME}",
        "Remis au gardien de la résidence, {ADDR}.",
    ],
    "hr": [
        "Adhésion mutuelle de {C.civname}, n° de sécurité sociale {NIR}.",
        "Ayant droit : {T.name}, {T.ne} le {DOB}.",
        "NIR du conjoint : {NIR}.",
        "Arrêt maladie du {DATE} au {DATE} transmis par {C.first}.",
        "Salarié{C.e} : {C.name}, matricule {MATR}, service logistique.",
        "Remboursements de soins à verser sur {IBAN}.",
        "Adresse personnelle : {ADDR}.",
        "{C.Ne} en {BYEAR}, statut cadre.",
        "Portabilité des droits demandée, fin de contrat au {DATE}.",
        "Date de naissance : {DOB} ; n° SS : {NIR}.",
        "Entretien annuel de {C.name} mené par {S.name}.",
        "Carte vitale au nom de {C.caps}, NIR {NIR}.",
        "Enfant à charge : {T.first}, {T.ne} le {DOBK}.",
        "Attestation employeur envoyée à {C.email}.",
        "Visite médicale reportée au {DATE}.",
        "Changement de situation : mariage avec {T.name}.",
        "Résiliation mutuelle au {DATE}, option {PRODUCT}.",
        "Contact en cas d'urgence : {T.name}, {PHONE}.",
        "Prise en charge {PCT} par l'employeur, reste {AMOUNT}/mois.",
        "{C.first} a fourni son RIB : {IBAN}.",
        "Dossier suivi par {S.first} (RH), copie au médecin du travail.",
        "n° secu {NIR} (vérifié sur l'attestation)",
        "DDN {DOB}, embauché{C.e} le {DATE}.",
        "Candidature reçue via {C.li}, embauche le {DATE}.",
        "Immatriculation sécurité sociale de l'ayant droit {T.first} : {NIR}.",
    ],
    "recovery": [
        "Relance impayé {INV} ({AMOUNT}) — {C.civname}.",
        "Débiteur : {C.name}, {ADDR}.",
        "Injoignable au {PHONE}, numéro erroné ?",
        "Échéancier accordé : 3 x {AMOUNT}.",
        "Promesse de paiement pour le {DATE}.",
        "Mise en demeure envoyée en LRAR le {DATE}.",
        "Véhicule {PLATE} identifié, à signaler à l'huissier.",
        "Employeur déclaré : {COMPANY} ({TOWN}).",
        "Nouveau numéro trouvé via l'annuaire : {PHONE}.",
        "Prélèvement rejeté sur {IBAN}, motif : provision insuffisante.",
        "Dossier transmis par {S.lname} au contentieux.",
        "Le débiteur conteste la dette, dit avoir payé par carte {CB}.",
        "{C.civname} propose {AMOUNT} par mois, accepté par {S.first}.",
        "Adresse inconnue (NPAI), ancienne adresse : {ADDR}.",
        "Nouvelle adresse communiquée par {T.civname} : {ADDR}.",
        "Appel du {DATE} : {C.first} raccroche dès qu'on parle de la facture.",
        "Solde restant dû : {AMOUNT} au {DATE}.",
        "Société débitrice {COMPANY}, SIRET {SIRET}, gérant {C.name}.",
        "Le débiteur a déménagé à l'étranger : {ADDR_X}.",
        "Garant : {T.civname}, {T.ne} le {DOB}, {MOB}.",
        "Virement reçu de {C.caps}, dossier soldé.",
        "débiteur {C.lname} né{C.e} en {BYEAR}, tél {MOB}",
        "Paiement CB n° {CB} accepté pour {AMOUNT}.",
        "Entreprise individuelle du débiteur : SIREN {SIREN}.",
        "Profil Facebook du débiteur retrouvé : {C.fb}.",
    ],
    "prospecting": [
        "Prospect : {C.name}, {JOB} chez {COMPANY} ({TOWN}).",
        "Trouvé via LinkedIn : {C.li}.",
        "1er contact par mail ({C.email}), pas de retour.",
        "Rencontré{C.e} au {EVENT}, carte de visite : {C.name}, {PHONE}.",
        "Standard : {FIXE}, demander {C.first} en direct.",
        "Rappeler en {MONTH}, budget pas encore voté.",
        "{COMPANY}, SIREN {SIREN}, effectif ~{N}0.",
        "Site web : {URL_C}.",
        "Barrage secrétaire, rappeler après {TIME}.",
        "Décideur : {C.civname} ; prescripteur : {T.name}.",
        "Appel à froid, {C.first} intéressé{C.e} par {PRODUCT}.",
        "NRP x{N}.",
        "Mail perso trouvé sur son blog {C.blog} : {C.email}.",
        "Lead issu du formulaire web : {C.name}, {C.email}, {PHONE}.",
        "Pas intéressé{C.e}, ne plus appeler le {PHONE}.",
        "Vu avec {S.first}, lead à requalifier.",
        "Prospect basé à {TOWN}, à transmettre à l'agence locale.",
        "Contact donné par {T.name} au {EVENT}.",
        "Envoyé la grille tarifaire {YEAR} à {C.email}.",
        "Entreprise créée en {YEAR}, SIRET {SIRET}.",
        "prospect {C.lname} ({JOB}), tél {MOB}, mail {C.email}",
        "Page perso : {C.blog}, se présente comme consultant{C.e} indépendant{C.e}.",
        "SIRET {SIRET} ({COMPANY}), dirigeant : {C.caps}.",
    ],
    "negative": [
        "Commande {ORDER} expédiée le {DATE}, montant {AMOUNT}.",
        "Facture {INV} réglée, lettrage fait.",
        "Ticket {TICKET} clos automatiquement après 7 jours sans réponse.",
        "RDV commercial fixé au {DATE} à {TIME} (visio).",
        "Mise à jour {PRODUCT} en version {VER} déployée sur tous les postes.",
        "Remise de {PCT} appliquée sur {PRODUCT} jusqu'au {DATE}.",
        "Agence de {TOWN} fermée le {DATE} pour inventaire.",
        "Meeting scheduled for {ENDATE} at {TIME_EN}.",
        "Code postal {CP} hors zone de livraison.",
        "Objectifs du trimestre atteints à {PCT}.",
        "Stock {PRODUCT} : {N}0 unités, réassort prévu semaine {WEEK}.",
        "Tarifs {YEAR} : hausse de {PCT} sur la gamme {PRODUCT}.",
        "{COMPANY} a renouvelé son contrat {CONTRACT}.",
        "Incident réseau sur le site de {TOWN} résolu à {TIME}.",
        "Carte bancaire finissant par {CB4} expirée, demander une mise à jour au client.",
        "BIC {BIC} refusé par le formulaire, à signaler à l'équipe web.",
        "Le devis {REF} de {AMOUNT} HT est valable {N}0 jours.",
        "Livraison de la commande {ORDER} décalée au {DATE}.",
        "Le colis {TRACK} est bloqué au centre de tri de {TOWN}.",
        "Webinaire {PRODUCT} le {DATE} à {TIME}, {N}0 inscrits.",
        "Build {VER} validé en recette.",
        "Doc technique : {URL_C}.",
        "Inscription au {EVENT} : stand B{N}2 réservé.",
        "Délai moyen de traitement : {DUR}.",
        "Relance automatique programmée le {DATE} pour la facture {INV}.",
        "La facture {INV} de {COMPANY} est en attente de bon de commande.",
        "Migration {PRODUCT} prévue le {ENDATE}, fenêtre {SLOT}.",
        "Taux de satisfaction {YEAR} : {PCT}.",
        "Nouveau tarif {PRODUCT} : {AMOUNT}/mois au lieu de {AMOUNT}.",
        "Avoir {INV} émis pour {AMOUNT}.",
        "Changement de transporteur pour la zone {CP}.",
        "Réunion d'équipe déplacée au {DAY} {TIME}.",
        "Contrat {CONTRACT} : échéance au {DATE}, tacite reconduction.",
        "Export CRM du {DATE} : {N}00 fiches, {PCT} de doublons.",
        "Serveur de test migré en version {VER}.",
        "Panne sur {PRODUCT} signalée par plusieurs clients de {TOWN}.",
        "Commande groupée {ORDER} + {ORDER}, livraison unique.",
        "Client n° {CLIENTNO} : compte clôturé, solde à zéro.",
        "Échéance de paiement dépassée de {N} jours sur {INV}.",
        "Office closed on {ENDATE} (bank holiday).",
        "Société {COMPANY} rachetée par {COMPANY}.",
        "Nouveau catalogue {YEAR} disponible sur {URL_C}.",
        "Facture {INV} : {AMOUNT} TTC, TVA {PCT}.",
        "Dossier {CONTRACT} archivé.",
        "Le partenaire {COMPANY} ouvre une agence à {TOWN} ({CP}).",
        "Pic d'appels {SLOT}, prévoir du renfort.",
        "ENVOI DU CATALOGUE AVANT LE {DATE}.",
        "Colis {TRACK} livré le {DATE} à {TIME}, signature OK.",
        "Horodatage {ISO} : synchronisation CRM terminée.",
        "Prix {AMOUNT}, frais de port {AMOUNT}.",
        "Mise à jour firmware {VER} prévue le {DATE}.",
        "Commande {ORDER} : {N} x {PRODUCT}.",
        "Salon de {TOWN} annulé cette année.",
        "Quote sent on {ENDATE}, follow-up next week.",
        "Réf. article {REF}, délai {N} semaines.",
        "Contrat {CONTRACT} signé pour {PRODUCT}, démarrage le {DATE}.",
    ],
}

# Generic sentences appended to positive notes (may carry a staff name)
SHARED = [
    "A rappeler.", "RAS.", "Dossier suivi par {S.first}.", "cf. mail du {DATE}.", "Voir historique.", "Urgent !!",
    "Merci de traiter rapidement.", "— {S.first}", "{S.name}", "Cdt, {S.first}", "NB : client{C.e} depuis {YEAR}.",
    "Mis en copie : {S.name}.", "Pas d'autre info pour l'instant.", "(note saisie par {S.first})",
    "Fiche mise à jour.", "cf. PJ.", "A voir avec {S.first} de la compta.", "vu avec {S.first}",
    "Relance prévue le {DATE}.", "Dossier {CONTRACT}.", "Ref commande : {ORDER}.", "STATUT : EN COURS",
]
SHARED_NEG = ["RAS.", "Voir historique.", "Fiche mise à jour.", "cf. PJ.", "A traiter.", "Pas d'autre info pour l'instant.",
              "Merci de traiter rapidement.", "STATUT : CLOS", "Relance prévue le {DATE}.", "cf. mail du {DATE}."]

ABBREV = [("téléphone", "tél"), ("rendez-vous", "RDV"), ("message", "msg"), ("problème", "pb"),
          ("commande", "cde"), ("pour", "pr"), ("beaucoup", "bcp"), ("semaine", "sem."), ("prochaine", "proch."),
          ("information", "info"), ("document", "doc"), ("adresse", "adr."), ("numéro", "n°"),
          ("aujourd'hui", "auj."), ("toujours", "tjrs"), ("rappeler", "rapp."), ("dossier", "dossier"),
          ("avec", "avec"), ("demande", "dde"), ("vérifier", "vérif"), ("réunion", "réu"), ("client", "client")]


def all_templates():
    out = []
    for k in HEADS:
        out += HEADS[k]
    for k in POOLS:
        out += POOLS[k]
    return out + SHARED + SHARED_NEG


# ---------------------------------------------------------------------------------------------
# Note assembly
# ---------------------------------------------------------------------------------------------

PH_RE = re.compile(r"\{([A-Za-z0-9_]+)(?:\.([A-Za-z]+))?\}")
WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")

ACCENT_MAP = {}
for _c in "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ":
    ACCENT_MAP[_c] = unicodedata.normalize("NFD", _c)[0]


def strip_accents(s: str) -> str:
    return "".join(ACCENT_MAP.get(c, c) for c in s)


def safe_map(s: str, fn) -> str:
    """Apply fn char by char, keeping length; characters whose mapping changes length are kept."""
    out = []
    for c in s:
        m = fn(c)
        out.append(m if len(m) == 1 else c)
    return "".join(out)


class Note:
    def __init__(self, rng, kind):
        self.rng = rng
        self.kind = kind
        self.buf: list[str] = []
        self.len = 0
        self.spans: list[list] = []  # [type, start, end]
        self.personas: dict[str, Persona] = {}
        self.typos = rng.random() < 0.25
        self.abbrev = rng.random() < 0.3
        self.used_templates: set[str] = set()

    def persona(self, key):
        if key not in self.personas:
            gender = {"M": "M", "F": "F"}.get(key)
            self.personas[key] = Persona(self.rng, gender)
        return self.personas[key]

    def append(self, s: str, label=None):
        if not label and s.startswith(".") and not s.startswith("..") and self.buf and self.buf[-1].endswith("."):
            s = s[1:]
            if not s:
                return
        if label:
            self.spans.append([label, self.len, self.len + len(s)])
        self.buf.append(s)
        self.len += len(s)

    def typo(self, lit: str) -> str:
        def one(m):
            w = m.group(0)
            if len(w) < 5 or self.rng.random() > 0.07 or w.isupper():
                return w
            i = self.rng.randrange(1, len(w) - 2)
            op = self.rng.randrange(3)
            if op == 0:
                return w[:i] + w[i + 1] + w[i] + w[i + 2:]
            if op == 1:
                return w[:i] + w[i + 1:]
            return w[:i] + w[i] + w[i:]
        return WORD_RE.sub(one, lit)

    def render(self, template: str):
        self.used_templates.add(template)
        if self.abbrev:
            for long, short in ABBREV:
                if long != short and self.rng.random() < 0.7:
                    template = re.sub(r"\b" + re.escape(long) + r"\b(?!\{)", short, template)
            template = re.sub(r"(?<!\.)\.\.(?!\.)", ".", template)
        pos = 0
        for m in PH_RE.finditer(template):
            lit = template[pos:m.start()]
            if lit:
                self.append(self.typo(lit) if self.typos else lit)
            for piece, label in resolve(self, m.group(1), m.group(2)):
                self.append(piece, label)
            pos = m.end()
        lit = template[pos:]
        if lit:
            self.append(self.typo(lit) if self.typos else lit)

    def text(self):
        return "".join(self.buf)


def _p(v, label=None):
    return [(v, label)]


def resolve_person(note: Note, who: str, attr: str):
    p = note.persona(who)
    r = note.rng
    if attr == "name":
        return _p(p.full(), "PERSON")
    if attr == "lname":
        return _p(p.lname(), "PERSON")
    if attr == "caps":
        return _p(p.caps(), "PERSON")
    if attr == "civname":
        return p.civname()
    if attr == "first":
        return _p(p.first_name(), "PERSON")
    if attr == "last":
        return _p(p.last.upper() if r.random() < 0.15 else p.last, "PERSON")
    if attr == "email":
        return _p(p.email(), "EMAIL_ADDRESS")
    if attr == "mob":
        return _p(p.mob(), "PHONE_NUMBER")
    if attr == "url":
        return _p(p.url(), "URL")
    if attr in ("li", "fb", "blog"):
        return _p(p.url(attr), "URL")
    if attr == "e":
        return _p("e" if p.gender == "F" else "")
    if attr == "ne":
        return _p("née" if p.gender == "F" else "né")
    if attr == "Ne":
        return _p("Née" if p.gender == "F" else "Né")
    if attr == "lui":
        return _p("elle" if p.gender == "F" else "lui")
    raise KeyError(attr)


RESOLVERS = {
    # labelled
    "PHONE": lambda r: _p(gen_phone(r), "PHONE_NUMBER"),
    "MOB": lambda r: _p(gen_mobile(r), "PHONE_NUMBER"),
    "FIXE": lambda r: _p(gen_landline(r), "PHONE_NUMBER"),
    "INTL": lambda r: _p(gen_intl(r), "PHONE_NUMBER"),
    "DOM": lambda r: _p(gen_dom(r), "PHONE_NUMBER"),
    "SPOKEN": lambda r: _p(gen_spoken_phone(r), "PHONE_NUMBER"),
    "IBAN": lambda r: _p(gen_iban(r), "IBAN_CODE"),
    "IBAN_FR": lambda r: _p(gen_iban_fr(r), "IBAN_CODE"),
    "CB": lambda r: _p(gen_card(r), "CREDIT_CARD"),
    "NIR": lambda r: _p(gen_nir(r), "FR_NIR"),
    "IP": lambda r: _p(gen_ipv4(r), "IP_ADDRESS"),
    "IPPRIV": lambda r: _p(gen_ipv4_priv(r), "IP_ADDRESS"),
    "IPP": lambda r: _p(gen_ip_port(r), "IP_ADDRESS"),
    "IP6": lambda r: _p(gen_ipv6(r), "IP_ADDRESS"),
    "ADDR": lambda r: _p(gen_address(r), "LOCATION"),
    "ADDR_ML": lambda r: _p(gen_address(r, multiline=True), "LOCATION"),
    "ADDR_X": lambda r: _p(gen_foreign_address(r), "LOCATION"),
    "STREET": lambda r: _p(street_line(r), "LOCATION"),
    "CPVILLE": lambda r: _p(cp_town(r), "LOCATION"),
    "DOB": lambda r: _p(gen_dob(r), "DATE_TIME"),
    "DOBK": lambda r: _p(gen_dob(r, kid=True), "DATE_TIME"),
    "BYEAR": lambda r: _p(str(r.randint(1940, 2004)), "DATE_TIME"),
    "PLATE": lambda r: _p(gen_plate(r), "FR_LICENSE_PLATE"),
    "SIREN": lambda r: _p(gen_siren(r), "FR_SIREN"),
    "SIRET": lambda r: _p(gen_siret(r), "FR_SIRET"),
    "SIREN_SIRET": gen_siren_siret,
    # unlabelled look-alikes and fillers
    "URL_C": lambda r: _p(r.choice(COMPANY_URLS)),
    "BIC": lambda r: _p(r.choice(BICS)),
    "CB4": lambda r: _p(D(r, 4)),
    "EXP": lambda r: _p(f"{r.randint(1, 12):02d}/{r.randint(25, 30)}"),
    "DATE": lambda r: _p(gen_meeting_date(r)),
    "TIME": lambda r: _p(gen_time(r)),
    "SLOT": lambda r: _p(gen_slot(r)),
    "TIME_EN": lambda r: _p(r.choice(["3pm", "10:30 am", "14:00 CET", "9 a.m.", "4:15 PM", "noon"])),
    "ORDER": lambda r: _p(gen_order(r)),
    "INV": lambda r: _p(gen_invoice(r)),
    "TICKET": lambda r: _p(gen_ticket(r)),
    "AMOUNT": lambda r: _p(gen_amount(r)),
    "PRODUCT": lambda r: _p(r.choice(PRODUCTS)),
    "COMPANY": lambda r: _p(r.choice(COMPANIES)),
    "TOWN": lambda r: _p(r.choice(TOWNS_ALONE)),
    "PCT": lambda r: _p(gen_pct(r)),
    "VER": lambda r: _p(gen_version(r)),
    "CP": lambda r: _p(r.choice(CP_TOWNS)[0]),
    "ENDATE": lambda r: _p(gen_en_date(r)),
    "DAY": lambda r: _p(r.choice(DAYS)),
    "DUR": lambda r: _p(r.choice(["20 min", "1h15", "45 minutes", "2 h", "10 mn", "1h30", "une heure", "30 jours"])),
    "N": lambda r: _p(str(r.randint(2, 9))),
    "Q": lambda r: _p(str(r.randint(1, 4))),
    "MONTH": lambda r: _p(r.choice(MONTHS)),
    "YEAR": lambda r: _p(str(r.randint(2012, 2026))),
    "WEEK": lambda r: _p(str(r.randint(1, 52))),
    "CONTRACT": lambda r: _p(r.choice([f"CT-{D(r, 5)}", f"n° {r.randint(2019, 2025)}-PRO-{D(r, 4)}", f"A-{D(r, 5)}-FR",
                                       f"CTR{D(r, 7)}"])),
    "CLIENTNO": lambda r: _p(r.choice([f"C{D(r, 7)}", f"{D(r, 6)}", f"CL-{D(r, 5)}", f"00{D(r, 7)}"])),
    "REF": lambda r: _p(r.choice([f"DEV-2024-{D(r, 3)}", f"D24-{D(r, 4)}", f"Q-{D(r, 4)}", f"DV{D(r, 6)}"])),
    "TRACK": lambda r: _p(r.choice([f"6A{D(r, 11)}", f"1Z999AA1{D(r, 10)}", f"CB{D(r, 9)}FR", f"XS{D(r, 9)}FR",
                                    f"{D(r, 14)}"])),
    "MATR": lambda r: _p(r.choice([f"{D(r, 5)}", f"M-{D(r, 4)}", f"E{D(r, 6)}"])),
    "CODE": lambda r: _p(r.choice([f"{D(r, 4)}{r.choice('ABCD')}", f"{r.choice('AB')}{D(r, 4)}", D(r, 4)])),
    "ISO": lambda r: _p(f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:"
                        f"{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z"),
    "JOB": lambda r: _p(r.choice(JOBS)),
    "EVENT": lambda r: _p(r.choice(EVENTS)),
}


def resolve(note: Note, name: str, attr):
    if attr is not None:
        return resolve_person(note, name, attr)
    return RESOLVERS[name](note.rng)


# ---------------------------------------------------------------------------------------------
# Building notes
# ---------------------------------------------------------------------------------------------

def build_note(rng, kind):
    note = Note(rng, kind)
    neg = kind == "negative"
    pool = POOLS[kind]
    shared = SHARED_NEG if neg else SHARED
    layout = wchoice(rng, [("inline", 55), ("lines", 30), ("bullets", 15)])
    sep = {"inline": " ", "lines": "\n", "bullets": "\n- "}[layout]

    items = []
    if rng.random() < 0.55:
        items.append(("head", rng.choice(HEADS[kind])))
    n = rng.choice([2, 2, 3, 3, 3, 4, 5]) if not neg else rng.choice([1, 2, 2, 3])
    items += [("body", t) for t in rng.sample(pool, n)]
    if rng.random() < 0.45:
        items.append(("tail", rng.choice(shared)))

    caps_note = rng.random() < 0.03
    first = True
    for pos_i, (role, tpl) in enumerate(items):
        if not first:
            if pos_i == 1 and items[0][0] == "head":
                if layout == "inline":
                    head_end = items[0][1].rstrip()[-1]
                    note.append(rng.choice([" ", "\n"]) if head_end in ":—.-" else rng.choice([" ", "\n", " : ", "\n"]))
                else:
                    note.append("\n" + ("- " if layout == "bullets" else ""))
            elif sep == " " and note.text()[-1:].isalnum():
                # sentence without final punctuation: do not glue it to the next one
                note.append(rng.choice([". ", " - ", "\n"]))
            else:
                note.append(sep)
        elif layout == "bullets" and role != "head":
            note.append("- ")
        start = note.len
        note.render(tpl)
        if role == "body" and rng.random() < 0.05 or caps_note:
            upper_region(note, start, note.len)
        first = False
    return note


def upper_region(note: Note, a: int, b: int):
    t = note.text()
    region = safe_map(t[a:b], str.upper)
    note.buf = [t[:a] + region + t[b:]]
    assert len(note.buf[0]) == note.len


def finalize(note: Note, idx: int):
    rng = note.rng
    text = note.text()
    lower = rng.random() < 0.10
    noacc = rng.random() < 0.20
    if lower:
        text = safe_map(text, str.lower)
    if noacc:
        text = strip_accents(text)
    assert len(text) == note.len
    spans = sorted(note.spans, key=lambda s: s[1])
    rec = {"id": f"a-{idx:04d}", "kind": note.kind, "text": text, "spans": spans}
    return rec, {"lower": lower, "noacc": noacc, "typos": note.typos, "abbrev": note.abbrev}


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

PUNCT = set(string.punctuation) | set("«»“”‘’…–—·•")


def validate(rec, raw_values=None):
    """Raise AssertionError on any malformed span. raw_values: list of the values as generated."""
    text, spans = rec["text"], rec["spans"]
    assert re.fullmatch(r"a-\d{4}", rec["id"]), rec["id"]
    if rec["kind"] == "negative":
        assert not spans, (rec["id"], "negative with spans")
    else:
        assert spans, (rec["id"], "positive without span")
    prev_end, prev_type = 0, None
    for i, (t, s, e) in enumerate(spans):
        ctx = (rec["id"], t, s, e, text[max(0, s - 15):e + 15])
        assert t in TYPES, ctx
        assert 0 <= s < e <= len(text), ctx
        assert s >= prev_end, ("overlap",) + ctx
        gap = text[prev_end:s]
        assert not (t == prev_type and gap.strip() == "" and "\n" not in gap), ("same-type spans only split by space",) + ctx
        prev_end, prev_type = e, t
        v = text[s:e]
        if raw_values is not None:
            assert v == raw_values[i], ("value mismatch", v, raw_values[i]) + ctx
        assert not v[0].isspace() and not v[-1].isspace(), ctx
        assert v[-1].isalnum(), ("trailing punctuation",) + ctx
        assert v[0].isalnum() or (t == "PHONE_NUMBER" and v[0] in "+("), ("leading punctuation",) + ctx
        assert s == 0 or not text[s - 1].isalnum(), ("glued left",) + ctx
        assert e == len(text) or not text[e].isalnum(), ("glued right",) + ctx
        digits = re.sub(r"\D", "", v)
        if t == "IBAN_CODE":
            assert iban_ok(v), ("bad IBAN",) + ctx
        elif t == "CREDIT_CARD":
            assert len(digits) in (15, 16) and luhn_ok(digits), ("bad card",) + ctx
        elif t == "FR_NIR":
            assert nir_ok(v), ("bad NIR",) + ctx
        elif t == "FR_SIREN":
            assert len(digits) == 9 and luhn_ok(digits), ("bad SIREN",) + ctx
        elif t == "FR_SIRET":
            assert len(digits) == 14 and luhn_ok(digits), ("bad SIRET",) + ctx
        elif t == "EMAIL_ADDRESS":
            assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", v), ctx
        elif t == "IP_ADDRESS" and "." in v:
            ip = v.split(":")[0]
            assert all(0 <= int(x) <= 255 for x in ip.split(".")), ctx


def transformed_value(value: str, flags) -> str:
    if flags["lower"]:
        value = safe_map(value, str.lower)
    if flags["noacc"]:
        value = strip_accents(value)
    return value


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def phone_shape(v):
    d = re.sub(r"\D", "", v)
    if re.search(r"[a-zé]{3}", v, re.I):
        return "spelled out"
    if re.match(r"(\+|00)(262|590|596|594|687|689)", v) or re.match(r"0(262|269|59[046]|69[0-4]|639)", d):
        return "overseas"
    if re.match(r"\+33|0033", v):
        d2 = re.sub(r"\D", "", v.replace("(0)", ""))
        d2 = d2[2:] if d2.startswith("00") else d2
        return "FR international" + (" (odd)" if len(d2) != 11 or d2.startswith("330") else "")
    if v.startswith("+") or v.startswith("00") or v.startswith("("):
        return "foreign"
    if re.fullmatch(r"0[67]\d{8}", d):
        return "FR mobile" + (" (odd: 07 00 / fiction range)" if d.startswith("0700") or d.startswith("063998") else "")
    if re.fullmatch(r"0[1-59]\d{8}", d):
        return "FR landline"
    if re.fullmatch(r"0[4-7]\d{8}|0\d{9}|07700\d{6}", d) or len(d) == 11 and d.startswith("07700"):
        return "foreign"
    return "mistyped / odd"


def shape_counts(records):
    out = collections.OrderedDict()
    for t in ("PHONE_NUMBER", "IBAN_CODE", "IP_ADDRESS", "LOCATION", "URL", "FR_LICENSE_PLATE", "CREDIT_CARD"):
        out[t] = collections.Counter()
    for r in records:
        for t, s, e in r["spans"]:
            v = r["text"][s:e]
            if t == "PHONE_NUMBER":
                out[t][phone_shape(v)] += 1
            elif t == "IBAN_CODE":
                out[t][v[:2].upper() + (" compact" if " " not in v and "-" not in v else "")] += 1
            elif t == "IP_ADDRESS":
                out[t]["IPv6" if v.count(":") > 1 else ("IPv4:port" if ":" in v else "IPv4")] += 1
            elif t == "LOCATION":
                foreign = re.search(r"Belgique|Bruxelles|Ixelles|Zürich|Zurich|Genève|Geneve|Pully|Madrid|Lisboa|Roma|Berlin|"
                                    r"London|Casablanca|Montréal|Montreal|Luxembourg|Tunis|Dakar", v, re.I)
                out[t]["foreign" if foreign else ("FR multi-line" if "\n" in v else "FR")] += 1
            elif t == "URL":
                host = re.sub(r"^(https?://)?(www\.|fr\.|m\.)?", "", v.lower()).split("/")[0]
                out[t][host if host in ("linkedin.com", "facebook.com", "instagram.com", "twitter.com", "x.com",
                                        "github.com") else "personal site / blog"] += 1
            elif t == "FR_LICENSE_PLATE":
                out[t]["SIV (AB-123-CD)" if re.fullmatch(r"[A-Za-z]{2}[- ]?\d{3}[- ]?[A-Za-z]{2}", v) else "old FNI"] += 1
            elif t == "CREDIT_CARD":
                d = re.sub(r"\D", "", v)
                out[t]["Amex 15" if len(d) == 15 else ("Visa 16" if d[0] == "4" else "Mastercard 16")] += 1
    return out



def highlight(rec):
    t = rec["text"]
    out, pos = [], 0
    for typ, s, e in rec["spans"]:
        out.append(t[pos:s])
        out.append(f"[[{typ}: {t[s:e]}]]")
        pos = e
    out.append(t[pos:])
    return "".join(out)


def generate():
    rng = random.Random(SEED)
    n_neg = round(N_NOTES * NEG_SHARE)
    pos_kinds = [k for k in POOLS if k != "negative"]
    kinds = ["negative"] * n_neg + [pos_kinds[i % len(pos_kinds)] for i in range(N_NOTES - n_neg)]
    rng.shuffle(kinds)
    records, flags_all, used = [], [], set()
    for i, kind in enumerate(kinds, 1):
        for _attempt in range(50):
            note = build_note(rng, kind)
            if kind == "negative" or note.spans:
                break
        # capture raw values (before note-level transforms) to check offsets independently
        raw = [note.text()[s:e] for _, s, e in sorted(note.spans, key=lambda x: x[1])]
        rec, flags = finalize(note, i)
        validate(rec, [transformed_value(v, flags) for v in raw])
        records.append(rec)
        flags_all.append(flags)
        used |= note.used_templates
    return records, flags_all, used


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print N random notes with spans marked")
    ap.add_argument("--show-seed", type=int, default=7)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "set_a.jsonl"))
    args = ap.parse_args(argv)

    records, flags, used = generate()
    # re-validate from the serialised form
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for line in lines:
        validate(json.loads(line))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")

    by_type = collections.Counter(t for r in records for t, _, _ in r["spans"])
    by_kind = collections.Counter(r["kind"] for r in records)
    spans_by_kind = collections.Counter()
    for r in records:
        spans_by_kind[r["kind"]] += len(r["spans"])
    tpls = all_templates()
    print(f"wrote {args.out}: {len(records)} notes, {sum(by_type.values())} spans, "
          f"{os.path.getsize(args.out)} bytes")
    print(f"templates defined: {len(set(tpls))} distinct (heads, sentences, shared); used: {len(used)}")
    print(f"notes lower-cased: {sum(f['lower'] for f in flags)}, accents stripped: {sum(f['noacc'] for f in flags)}, "
          f"with typos: {sum(f['typos'] for f in flags)}, abbreviated: {sum(f['abbrev'] for f in flags)}")
    print(f"first names: {len(MALE_FIRST) + len(FEMALE_FIRST)} ({len(MALE_FIRST)} m / {len(FEMALE_FIRST)} f), "
          f"last names: {len(LAST_NAMES)}")
    print("\n| Type | Spans |\n|---|---:|")
    for t in TYPES:
        print(f"| `{t}` | {by_type.get(t, 0)} |")
    print(f"| **total** | {sum(by_type.values())} |")
    print("\n| Kind | Notes | Spans |\n|---|---:|---:|")
    for k in POOLS:
        print(f"| `{k}` | {by_kind.get(k, 0)} | {spans_by_kind.get(k, 0)} |")
    print(f"| **total** | {len(records)} | {sum(spans_by_kind.values())} |")

    print("\nValue shapes (classified after the fact from the text):")
    for t, cnt in shape_counts(records).items():
        print(f"- {t}: " + ", ".join(f"{k} {v}" for k, v in cnt.most_common()))

    if args.show:
        srng = random.Random(args.show_seed)
        for r in srng.sample(records, args.show):
            print(f"\n--- {r['id']} ({r['kind']})\n{highlight(r)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
