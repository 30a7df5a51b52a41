#!/usr/bin/env python3
"""Generate held-out evaluation set D for the French CRM PII detector.

Standalone, standard library only, deterministic (fixed seed).

    python3 make_set_d.py            # writes set_d.jsonl next to this script

Every text is built as a list of segments: plain text, or (TYPE, value).
Offsets are computed from the segments after any whole-text transformation
(upper case, lower case, accent stripping, typos), so they are exact by
construction; they are re-checked at the end anyway.

Written from the annotation guide (ANNOTATION.md) only: the author did not
read the detector, its tests, or the other evaluation sets.
"""
from __future__ import annotations

import json
import os
import random
import re
import unicodedata
from collections import Counter

SEED = 20240917
N_TOTAL = 2300
NEG_SHARE = 0.12
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(OUT_DIR, "set_d.jsonl")

R = random.Random(SEED)


def ch(seq):
    return R.choice(seq)


def chance(p):
    return R.random() < p


def split_list(s):
    return [x.strip() for x in s.replace("\n", ",").split(",") if x.strip()]


# ---------------------------------------------------------------------------
# Hand-written name lists
# ---------------------------------------------------------------------------
FIRST = {
    "fr": (
        split_list("""Jean, Pierre, Michel, André, Philippe, Alain, Bernard, Jacques, Daniel, Christian,
        Patrick, Nicolas, Christophe, Stéphane, Laurent, Frédéric, Éric, Olivier, Sébastien, Julien,
        Thomas, Antoine, Alexandre, Maxime, Guillaume, Romain, Vincent, Mathieu, Damien, Florian, Kévin,
        Quentin, Baptiste, Hugo, Lucas, Théo, Louis, Arthur, Gabriel, Raphaël, Jules, Léo, Paul, Émile,
        Gaston, Marcel, René, Roger, Gérard, Yves, Hervé, Didier, Thierry, Pascal, Gilles, Jean-Pierre,
        Jean-Marc, Jean-Luc, Jean-Baptiste, Jean-Aimé, Pierre-Yves, Marc-Antoine, Paul-Henri,
        Jean-François, Jean-Claude, Aimé, Roch, Ange, Honoré, Désiré, Prosper, Clément, Firmin, Anatole,
        Barthélémy, Séverin, Aurélien, Benoît, Cédric, Jérôme, Joël, Lionel, Xavier, Fabrice, Ghislain,
        Hippolyte, Octave, Évariste, Innocent, Modeste, Martin, Félix, Victor, Augustin, Timothée,
        Gaëtan, Noël, Bienvenu, Fidèle, Lilian, Rudy, Teddy, Dylan, Enzo, Nathan, Mathis, Axel, Tristan,
        Sacha, Valentin, Bastien, Loris, Jordan, Anthony, Grégory, Ludovic, Régis, Serge, Francis"""),
        split_list("""Marie, Jeanne, Françoise, Monique, Catherine, Nathalie, Isabelle, Sylvie, Martine,
        Christine, Sandrine, Valérie, Véronique, Céline, Stéphanie, Aurélie, Émilie, Julie, Laura, Manon,
        Chloé, Léa, Emma, Jade, Louise, Alice, Zoé, Anaïs, Mathilde, Pauline, Élodie, Charlotte, Margaux,
        Océane, Clémence, Agathe, Marie-Claire, Marie-Hélène, Anne-Sophie, Marie-Christine, Anne-Laure,
        Marie-José, Marie-Ange, Rose, Marine, Olive, Claire, Prudence, Blanche, France, Victoire,
        Constance, Patience, Fleur, Céleste, Aurore, Capucine, Violette, Marguerite, Reine, Espérance,
        Félicité, Églantine, Perle, Ambre, Mélodie, Colombe, Honorine, Bernadette, Geneviève, Thérèse,
        Yvette, Paulette, Ginette, Huguette, Odette, Josiane, Brigitte, Chantal, Corinne, Danielle,
        Pascale, Hélène, Ghislaine, Édith, Agnès, Béatrice, Cécile, Delphine, Fabienne, Laurence, Maryse,
        Nadège, Sabine, Séverine, Virginie, Audrey, Justine, Lucie, Maëva, Noémie, Salomé, Éloïse,
        Apolline, Héloïse, Bérénice, Armelle, Gwendoline, Ophélie, Priscilla, Solange, Mireille"""),
    ),
    "reg": (
        split_list("""Yannick, Loïc, Gwenaël, Erwan, Tanguy, Ronan, Goulven, Maël, Corentin, Yann, Fañch,
        Alan, Gurvan, Petru, Ghjuvan, Dumè, Santu, Paul-Marie, Peio, Txomin, Iñaki, Beñat, Aloïs, Joseph,
        Fernand, Albert, Fritz, Estève, Joan, Pèire, Régis"""),
        split_list("""Gaëlle, Maëlle, Nolwenn, Rozenn, Soizic, Annaïg, Katell, Maïwenn, Morgane, Enora,
        Letizia, Ghjulia, Maria-Dumenica, Maialen, Amaia, Garazi, Odile, Marlène, Elsa, Mariette,
        Clémentine, Magali, Fanny, Estelle"""),
    ),
    "mag": (
        split_list("""Mohamed, Mohammed, Ahmed, Karim, Rachid, Mehdi, Yassine, Samir, Nabil, Khalid, Mourad,
        Farid, Hakim, Sofiane, Bilal, Ilyès, Walid, Abdelkader, Abdellah, Youssef, Hicham, Mustapha,
        Rayan, Amine, Nassim, Kamel, Djamel, Brahim, Larbi, Saïd, Omar, Redouane, Tarek, Zakaria,
        Anis, Slimane, Idir, Massinissa, Lounès"""),
        split_list("""Fatima, Fatiha, Khadija, Aïcha, Nadia, Samira, Leïla, Yasmina, Malika, Naïma,
        Karima, Sonia, Amina, Salma, Nour, Imane, Meriem, Zohra, Houria, Rania, Lina, Sarah, Dounia,
        Lamia, Hafsa, Zineb, Inès, Myriam, Kahina, Tassadit, Souad, Latifa, Wafa"""),
    ),
    "waf": (
        split_list("""Mamadou, Moussa, Ibrahima, Ousmane, Abdoulaye, Cheikh, Amadou, Souleymane, Seydou,
        Boubacar, Lamine, Modibo, Kouadio, Yao, Kofi, Koffi, Emmanuel, Serge-Alain, Aboubakar, Alioune,
        Babacar, Demba, Samba, Issa, Youssouf, Fodé, Arouna"""),
        split_list("""Aminata, Fatoumata, Awa, Mariam, Aïssatou, Kadiatou, Ndèye, Coumba, Binta, Adjoua,
        Akissi, Rokia, Oumou, Astou, Mariama, Khady, Bineta, Safiatou, Assitan, Djénéba, Grâce,
        Bénédicte, Prisca"""),
    ),
    "por": (
        split_list("João, José, António, Manuel, Joaquim, Fernando, Rui, Tiago, Duarte, Nuno, Paulo, "
                   "Carlos, Sérgio, Vítor, Luís"),
        split_list("Maria, Ana, Conceição, Fernanda, Joana, Sofia, Beatriz, Rosa, Fátima, Graça, "
                   "Filipa, Lurdes, Helena"),
    ),
    "vie": (
        split_list("Minh, Tuan, Duc, Hung, Thanh, Long, Quang, Huy, Khanh, Bao, Van, Phuong, Dung, Hai"),
        split_list("Linh, Lan, Mai, Thuy, Hoa, Ngoc, Trang, Huong, Thao, Hanh, Anh, My, Kim"),
    ),
    "pol": (
        split_list("Piotr, Krzysztof, Tomasz, Paweł, Marek, Wojciech, Jakub, Łukasz, Stanisław, Andrzej, "
                   "Grzegorz, Michał"),
        split_list("Agnieszka, Katarzyna, Małgorzata, Magdalena, Joanna, Ewa, Zofia, Barbara, "
                   "Krystyna, Dorota, Aleksandra"),
    ),
    "med": (
        split_list("Giovanni, Luca, Marco, Alessandro, Salvatore, Giuseppe, Antonio, Javier, Alejandro, "
                   "Sergio, Jordi, Miguel, Pablo, Enrique, Vicente, Mehmet, Emre, Burak, Kemal, Wei, "
                   "Jun, Hao, Haroutioun, Aram, Vartan"),
        split_list("Giulia, Francesca, Chiara, Lucía, Carmen, Pilar, Montserrat, Concetta, Rosaria, "
                   "Elif, Zeynep, Ayşe, Mei, Xiaoling, Yan, Anahid, Nairi, Lusine"),
    ),
}

LAST = {
    "fr": split_list("""Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau,
    Simon, Laurent, Lefebvre, Michel, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, André,
    Lefèvre, Mercier, Dupont, Lambert, Bonnet, François, Legrand, Garnier, Faure, Rousseau, Blanc,
    Guérin, Henry, Roussel, Nicolas, Perrin, Morin, Mathieu, Clément, Gauthier, Dumont, Fontaine,
    Chevalier, Robin, Masson, Gérard, Boyer, Denis, Lemaire, Duval, Joly, Gautier, Roger, Roche,
    Roy, Noël, Lucas, Meunier, Jean, Marchand, Dufour, Blanchard, Marie, Barbier, Brun, Dumas,
    Brunet, Leroux, Colin, Pierre, Renard, Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal,
    Bourgeois, Renaud, Lemoine, Picard, Gaillard, Philippe, Leclercq, Lacroix, Fabre, Dupuis, Olivier,
    Hubert, Louis, Charles, Guillot, Rivière, Guillaume, Adam, Rey, Moulin, Berger, Lecomte, Ménard,
    Fleury, Deschamps, Carpentier, Julien, Benoît, Paris, Maillard, Marchal, Aubry, Vasseur, Renault,
    Jacquet, Collet, Prévost, Poirier, Charpentier, Royer, Huet, Baron, Dupuy, Pons, Paul, Lainé,
    Carré, Breton, Rémy, Perrot, Guyot, Barré, Marty, Cousin, Boulanger, Lenoir, Lebrun, Vacher,
    Loup, Sage, Bon, Rose, Lamy, Jolly, Gros, Pasquier, Chauvin, Tessier, Bouvier, Lemaître, Besson,
    Marchetti, Ferrand, Laroche, Delmas, Courtois, Hamon, Bouchet, Texier, Guillou, Pichon"""),
    "part": split_list("""de La Tour, de Villiers, d'Arcy, d'Almeida, de Montalembert, de La Fontaine,
    Du Bellay, des Essarts, de Saint-Just, de Kergorlay, d'Harcourt, de Lamarzelle, du Plessis,
    de Beaufort, d'Aubigny, Le Goff, Le Bihan, Le Floch, Le Guen, Le Corre, Le Meur, Le Du, L'Hostis,
    Le Gall, Le Roux, Le Bris, La Salle, Lefèvre-Pontalis, Martin-Dubois, Bernard-Reymond, Petit-Jean,
    Saint-Martin, Bouvier-Ferrand, Dubois-Lemaire, Roux-Cazenave, Morel-Vasseur"""),
    "reg": split_list("""Kerhervé, Quéméner, Guivarc'h, Tanguy, Kerbrat, Le Saout, Madec, Riou, Cadiou,
    Santoni, Luciani, Casanova, Pietri, Colonna, Filippi, Mattei, d'Ornano, Etcheverry, Etxeberria,
    Irigoyen, Harriague, Mendiburu, Iriarte, Kieffer, Wagner, Schwartz, Hoffmann, Klein, Muller,
    Weber, Fischer, Koenig, Zimmermann, Bauer, Ehrhart, Schmitt, Meyer, Capdevielle, Lafargue,
    Bousquet, Cazeneuve, Larrieu, Aymard, Espinasse, Vandenberghe, Deleplanque, Van de Velde,
    Vanhoutte, Delattre, Dewaele, Verhaeghe, Decroix"""),
    "mag": split_list("""Benali, Ben Ahmed, Bensaïd, Belkacem, Bouzid, Haddad, Mansouri, Cherif, Amrani,
    Benyahia, Boudiaf, Zerrouki, Hamidi, Khelifi, Djebbar, Meziane, Ait Ouarab, Aït-Kaci, El Amrani,
    El Idrissi, Ouali, Saïdi, Tahiri, Benchekroun, Bouazza, Lahlou, Chaouch, Trabelsi, Ben Salem,
    Jaziri, Mejri, Boukhari, Hadj-Said, Taleb, Ferhat, Benmoussa, Rahmani"""),
    "waf": split_list("""Diallo, Traoré, Diop, Ndiaye, Sow, Fall, Sy, Cissé, Keïta, Koné, Coulibaly,
    Camara, Touré, Konaté, Diarra, Sissoko, Kouyaté, Gueye, Mbaye, Faye, Ba, Kouassi, N'Guessan,
    N'Diaye, Ouattara, Bamba, Tall, Sarr, Dembélé, Kanté, Mendy, Sagna, Diakité, Yéo"""),
    "por": split_list("""Da Silva, Dos Santos, Ferreira, Pereira, Rodrigues, Oliveira, Fernandes,
    Gonçalves, Martins, Lopes, Sousa, Pinto, Carvalho, Teixeira, Moreira, Ribeiro, Alves, Correia,
    De Sousa, Da Costa, Gomes, Marques, Mendes, Azevedo"""),
    "vie": split_list("""Nguyen, Tran, Le, Pham, Hoang, Huynh, Phan, Vu, Vo, Dang, Bui, Do, Ngo, Duong,
    Ly, Truong, Lam, Dinh"""),
    "pol": split_list("""Kowalski, Nowak, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski,
    Zieliński, Szymański, Dąbrowski, Kozlowski, Jankowski, Mazur, Krawczyk, Grabowski, Kowalska,
    Nowicka, Szczepaniak"""),
    "med": split_list("""Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino,
    Gallo, Conti, De Luca, Lombardi, Garcia, Fernández, González, Rodríguez, Martínez, Sánchez,
    Pérez, Gómez, Ruiz, Jiménez, Moreno, Álvarez, Navarro, Yılmaz, Kaya, Demir, Şahin, Çelik,
    Öztürk, Aydin, Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhou, Wu, Petrossian, Manoukian,
    Karapetian, Kevorkian"""),
}

# Foreign contacts (living abroad): (country, male firsts, female firsts, lasts)
FOREIGN = {
    "UK": (split_list("James, Oliver, Harry, George, William, Thomas, Jack, Callum, Rhys, Owen"),
           split_list("Emily, Olivia, Charlotte, Megan, Siobhan, Hannah, Sophie, Eleanor, Fiona"),
           split_list("Smith, Jones, Taylor, Brown, Williams, Wilson, Davies, Evans, O'Brien, "
                      "McDonald, Murphy, Hughes, Campbell, Clarke")),
    "US": (split_list("John, Michael, David, Robert, Christopher, Brandon, Tyler, Kevin, Ryan"),
           split_list("Jennifer, Jessica, Ashley, Amanda, Lauren, Madison, Brittany, Kimberly"),
           split_list("Johnson, Miller, Davis, Anderson, Thompson, Jackson, White, Harris, "
                      "Rodriguez, Kowalczyk, Nakamura, Goldberg")),
    "DE": (split_list("Hans, Klaus, Jürgen, Stefan, Matthias, Lukas, Felix, Tobias, Dieter"),
           split_list("Anna, Ingrid, Greta, Katrin, Sabine, Lena, Ursula, Birgit, Franziska"),
           split_list("Müller, Schmidt, Schneider, Becker, Hofmann, Wagner, Richter, Wolf, Neumann, "
                      "Schröder, Krüger")),
    "CH": (split_list("Reto, Urs, Beat, Daniel, Marco, Luca, Jean-Daniel, Nicolas"),
           split_list("Corinne, Nadja, Barbara, Séverine, Mélanie, Andrea, Ursina"),
           split_list("Meier, Keller, Huber, Gerber, Brunner, Favre, Rochat, Bonvin, Perret, "
                      "Steiner, Zbinden")),
    "BE": (split_list("Pieter, Jan, Dirk, Wim, Koen, Bart, Joris, Thibault, Geoffroy, Quentin"),
           split_list("Sanne, Lotte, An, Els, Griet, Marieke, Amélie, Florence, Nele"),
           split_list("Peeters, Janssens, Maes, Jacobs, Van Damme, Willems, Claes, Goossens, "
                      "De Smet, Dubois, Lambert, Van den Broeck")),
    "ES": (split_list("Javier, Alejandro, Sergio, Jordi, Miguel, Pablo, Álvaro, Iñigo"),
           split_list("Lucía, Carmen, Pilar, Montserrat, Nuria, Elena, Marta, Begoña"),
           split_list("García Pérez, Fernández, López, Martín, Sánchez Ruiz, Romero, Navarro, "
                      "Puig, Ferrer, Etxebarria")),
    "IT": (split_list("Giovanni, Luca, Marco, Alessandro, Matteo, Davide, Stefano, Riccardo"),
           split_list("Giulia, Francesca, Chiara, Valentina, Federica, Alessia, Martina"),
           split_list("Rossi, Bianchi, Ferrari, Esposito, Romano, Ricci, Bruno, Greco, Fontana, "
                      "De Angelis")),
    "CA": (split_list("Étienne, Mathieu, Jean-Philippe, Olivier, Kevin, Sébastien, Gabriel"),
           split_list("Geneviève, Marie-Ève, Isabelle, Audrey-Anne, Catherine, Kathleen"),
           split_list("Tremblay, Gagnon, Roy, Côté, Bouchard, Gauthier, Morin, Lavoie, Fortin, "
                      "Pelletier, MacDonald")),
    "MA": (split_list("Youssef, Hamza, Mehdi, Othmane, Anas, Abdelilah, Rachid"),
           split_list("Salma, Kenza, Ghita, Hajar, Nisrine, Meryem, Asmae"),
           split_list("Alaoui, Benjelloun, Bennani, El Fassi, Tazi, Berrada, Chraibi, Lahlou, "
                      "Ouazzani")),
    "TN": (split_list("Mohamed Ali, Skander, Aymen, Wassim, Hamdi, Sami"),
           split_list("Amira, Ines, Rim, Olfa, Sirine, Mouna"),
           split_list("Ben Ali, Trabelsi, Gharbi, Jebali, Bouaziz, Hammami, Mabrouk")),
    "SN": (split_list("Moussa, Cheikh, Ousmane, Abdou, Pape, Modou, Serigne"),
           split_list("Fatou, Aminata, Ndèye, Awa, Adama, Mame Diarra, Sokhna"),
           split_list("Ndiaye, Diop, Fall, Sow, Gueye, Sarr, Faye, Seck, Thiam, Mbengue")),
}

# First names that are also ordinary French words (given an extra chance below)
WORD_NAMES = {"f": split_list("Rose, Marine, Olive, Claire, Prudence, Blanche, France, Victoire, Constance, "
                              "Patience, Fleur, Céleste, Aurore, Violette, Marguerite, Reine, Perle, Ambre"),
              "m": split_list("Pierre, Aimé, Ange, Roch, Désiré, Honoré, Innocent, Modeste, Clément, Martin, "
                              "Prosper, Fidèle, Bienvenu, Victor")}

POOL_WEIGHTS = [("fr", 45), ("reg", 12), ("mag", 15), ("waf", 8), ("por", 6), ("vie", 4),
                ("pol", 3), ("med", 7)]

# ---------------------------------------------------------------------------
# Companies, products, towns, streets (invented)
# ---------------------------------------------------------------------------
COMPANIES = split_list("""Transports Girard SAS, Boulangerie Martin, Menuiserie Le Goff, Groupe Vellane,
Axiome Conseil, Brico-Loire, Optique Rose, Pharmacie de la Gare, Garage Lemoine & Fils, Atelier Blanche,
Clinique Saint-Roch, Maison Dupont SARL, Soluvia, Nordéa Logistique, Qualipièces, Terres d'Olive,
Cave Saint-Pierre, Hôtel Claire-Fontaine, Fromagerie Marine, Domaine de la Prudence, Ambulances Roch,
Kerlann Industrie, Sodifra, Électricité Moreau Frères, Batiroc, Cabinet Fournier & Associés, Loxam Ouest,
Plastiques du Rhône, Agri-Conseil 47, Imprimerie Lenoir, Novalis Santé, Datarun, Helvéa, Pixelune,
Alpha Clim, Les Vergers d'Aimé, La Rose des Vents, Auto-École Victoire, Ferronnerie Ange, Marbrerie Roux,
Camping Les Flots Bleus, SCI du Moulin, EHPAD Les Magnolias, Coop'Agri Bocage, Fidal Expertise,
Oxalia, Ténor Audio, Bureau Vallée Rennes, Sésame Immobilier, Mutuelle Horizon""")

OUR_COMPANY = ["Helioscope", "Vertigo CRM", "Ombelle Services", "Cap Numérique", "Ardoise Énergie"]

PRODUCTS = split_list("""Offre Cloud Pro, Pack Sérénité, Box Fibre 1 Gb, abonnement Premium+, licence Compta Plus,
module RH v3, contrat Essentiel, Forfait Mobile 100 Go, logiciel Orion v2.3.1.4, imprimante LX-450,
TPE Move 5000, option Sauvegarde 500 Go, formule Confort, pompe à chaleur AirEco 8 kW, chaudière Ondéa 24,
contrat d'entretien Gold, caisse enregistreuse K-Pos 2, routeur NX-12, pack Démarrage, garantie Panne+,
tablette Ardent 10, Suite Bureau 2024, extension de garantie 3 ans, assurance Habitat Essentielle""")

TOWNS = [("75011", "Paris"), ("75015", "Paris"), ("69003", "Lyon"), ("13008", "Marseille"),
         ("31000", "Toulouse"), ("44000", "Nantes"), ("33000", "Bordeaux"), ("59000", "Lille"),
         ("67000", "Strasbourg"), ("35000", "Rennes"), ("34000", "Montpellier"), ("06000", "Nice"),
         ("29200", "Brest"), ("76000", "Rouen"), ("21000", "Dijon"), ("37000", "Tours"),
         ("49000", "Angers"), ("80000", "Amiens"), ("87000", "Limoges"), ("63000", "Clermont-Ferrand"),
         ("38000", "Grenoble"), ("42000", "Saint-Étienne"), ("51100", "Reims"), ("57000", "Metz"),
         ("54000", "Nancy"), ("25000", "Besançon"), ("86000", "Poitiers"), ("17000", "La Rochelle"),
         ("64100", "Bayonne"), ("64000", "Pau"), ("66000", "Perpignan"), ("30000", "Nîmes"),
         ("84000", "Avignon"), ("83000", "Toulon"), ("20000", "Ajaccio"), ("20200", "Bastia"),
         ("56100", "Lorient"), ("22000", "Saint-Brieuc"), ("29000", "Quimper"), ("14000", "Caen"),
         ("50100", "Cherbourg-en-Cotentin"), ("72000", "Le Mans"), ("45000", "Orléans"),
         ("18000", "Bourges"), ("03100", "Montluçon"), ("71100", "Chalon-sur-Saône"),
         ("74000", "Annecy"), ("73000", "Chambéry"), ("26000", "Valence"), ("12000", "Rodez"),
         ("81000", "Albi"), ("65000", "Tarbes"), ("24000", "Périgueux"), ("16000", "Angoulême"),
         ("79000", "Niort"), ("85000", "La Roche-sur-Yon"), ("53000", "Laval"), ("27000", "Évreux"),
         ("60000", "Beauvais"), ("62000", "Arras"), ("59100", "Roubaix"), ("93200", "Saint-Denis"),
         ("94000", "Créteil"), ("92100", "Boulogne-Billancourt"), ("78000", "Versailles"),
         ("95000", "Cergy"), ("77000", "Melun"), ("68100", "Mulhouse"), ("68000", "Colmar"),
         ("88000", "Épinal"), ("10000", "Troyes"), ("41000", "Blois"), ("28000", "Chartres"),
         ("97110", "Pointe-à-Pitre"), ("97200", "Fort-de-France"), ("97400", "Saint-Denis"),
         ("97600", "Mamoudzou"), ("97300", "Cayenne"), ("97122", "Baie-Mahault"),
         ("97410", "Saint-Pierre"), ("91300", "Massy"), ("13100", "Aix-en-Provence"),
         ("06400", "Cannes"), ("33600", "Pessac"), ("69100", "Villeurbanne"), ("92000", "Nanterre")]
VILLAGES = [("29370", "Elliant"), ("56310", "Bubry"), ("12340", "Bozouls"), ("24250", "Domme"),
            ("48000", "Mende"), ("09000", "Foix"), ("32000", "Auch"), ("19000", "Tulle"),
            ("23000", "Guéret"), ("15000", "Aurillac"), ("05000", "Gap"), ("04000", "Digne-les-Bains"),
            ("72300", "Sablé-sur-Sarthe"), ("79200", "Parthenay"), ("71250", "Cluny"),
            ("39600", "Arbois"), ("46300", "Gourdon"), ("22410", "Plourhan"), ("85540", "Moutiers-les-Mauxfaits")]
STREETS = split_list("""de la République, Victor Hugo, Jean Jaurès, du Général de Gaulle, des Lilas, Pasteur,
de la Gare, du Moulin, des Écoles, Saint-Martin, de Verdun, Gambetta, des Tilleuls, du Stade, de Paris,
Émile Zola, Paul Bert, des Acacias, de la Mairie, du Château, des Peupliers, Voltaire, de Bretagne,
du Port, des Vignes, Marcel Pagnol, Aristide Briand, Lamartine, des Roses, du Maréchal Foch, de l'Église,
de la Paix, des Frères Lumière, Jules Ferry, Anatole France, Pierre Curie, de Kerbrat, du Prieuré,
des Mimosas, de la Source, du Clos Fleuri, des Hirondelles, Georges Clemenceau, de la Liberté,
des Cordiers, Sainte-Catherine, du Vieux Pont, des Hibiscus, des Flamboyants, de Strasbourg, Carnot,
du 8 Mai 1945, du 11 Novembre, Jean Moulin, des Bleuets, de la Croix Blanche, Félix Faure""")
VOIES = ["rue"] * 10 + ["avenue"] * 3 + ["boulevard"] * 2 + ["allée", "impasse", "chemin", "place",
                                                              "route", "quai", "cours", "square",
                                                              "passage", "résidence"]
COMPLEMENTS = ["Résidence Les Tilleuls", "Bât. B", "Bât. C, Apt 12", "Esc. 2", "Apt 34", "3e étage",
               "Résidence du Parc - Esc. C", "Appartement 4B", "Lot. Le Clos Fleuri",
               "Les Jardins d'Athéna - Bât C", "Résidence Les Glycines, Bât. A2", "porte 7",
               "Résidence Le Belvédère, appt 21", "Bâtiment Hélios", "Cité des Fleurs, Bât. 4"]
LIEUXDITS = ["Kerhuel", "Le Bourg", "La Croix Blanche", "Les Granges", "Le Moulin de Bas",
             "Hameau de la Combe", "La Métairie Neuve", "Les Bruyères", "Le Pré Rond", "La Grange aux Loups",
             "Mas de l'Olivier", "Coat an Dour"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]

ROLES = ["DAF", "responsable achats", "gérant", "gérante", "directrice commerciale", "DSI",
         "chef de projet", "assistante de direction", "comptable", "responsable logistique",
         "chargée de clientèle", "technicien", "commercial terrain", "responsable RH", "PDG",
         "office manager", "juriste", "acheteuse", "directeur d'agence"]

PERSONAL_DOMAINS = ["gmail.com"] * 6 + ["orange.fr"] * 3 + ["wanadoo.fr", "free.fr", "sfr.fr",
                    "laposte.net", "hotmail.fr", "outlook.fr", "yahoo.fr", "icloud.com", "protonmail.com",
                    "gmx.fr", "bbox.fr", "neuf.fr", "live.fr", "hotmail.com", "aol.com", "numericable.fr"]
FOREIGN_DOMAINS = {"UK": ["btinternet.com", "gmail.com", "yahoo.co.uk"], "US": ["gmail.com", "comcast.net"],
                   "DE": ["gmx.de", "web.de", "t-online.de"], "CH": ["bluewin.ch", "gmail.com"],
                   "BE": ["skynet.be", "telenet.be", "proximus.be"], "ES": ["telefonica.net", "gmail.com"],
                   "IT": ["libero.it", "alice.it"], "CA": ["videotron.ca", "sympatico.ca"],
                   "MA": ["menara.ma", "gmail.com"], "TN": ["topnet.tn", "gmail.com"],
                   "SN": ["orange.sn", "yahoo.fr"]}


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------
def ascii_fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ß", "ss").replace("ı", "i").replace("œ", "oe")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def slug(s, sep="-"):
    s = ascii_fold(s).lower()
    s = re.sub(r"[^a-z0-9]+", sep, s).strip(sep)
    return s


def company_domain(company):
    words = [w for w in slug(company, " ").split() if w not in ("sas", "sarl", "fils", "et", "de", "la",
                                                                 "les", "du", "d", "l")]
    base = "-".join(words[:2]) if chance(0.5) else "".join(words[:2])
    return base + "." + ch(["fr", "fr", "com", "eu", "net"])


def luhn_check_digit(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return str((10 - total % 10) % 10)


def luhn_ok(digits):
    return luhn_check_digit(digits[:-1]) == digits[-1]


def group(s, sizes, sep=" "):
    out, i = [], 0
    for n in sizes:
        if i >= len(s):
            break
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


def rdigits(n):
    return "".join(str(R.randint(0, 9)) for _ in range(n))


def meeting_date():
    d, m, y = R.randint(1, 28), R.randint(1, 12), R.choice([2023, 2024, 2024, 2025])
    f = R.randint(0, 5)
    if f == 0:
        return f"{d:02d}/{m:02d}/{y}"
    if f == 1:
        return f"{d:02d}/{m:02d}"
    if f == 2:
        return f"{ch(JOURS)} {d} {MOIS[m - 1]}"
    if f == 3:
        return f"{d} {MOIS[m - 1]} {y}"
    if f == 4:
        return f"{y}-{m:02d}-{d:02d}"
    return f"{d:02d}.{m:02d}.{y % 100:02d}"


def a_time():
    h, m = R.randint(8, 18), ch([0, 0, 15, 30, 45, 10, 20])
    return ch([f"{h}h{m:02d}" if m else f"{h}h", f"{h:02d}:{m:02d}", f"{h}h{m:02d}"])


def order_no():
    return ch([f"CMD-{R.randint(2022, 2025)}-{R.randint(10, 99999):05d}", f"n° {R.randint(100000, 999999)}",
               f"FAC-{R.randint(2023, 2025)}-{R.randint(1, 9999):04d}", f"D{R.randint(10000, 99999)}",
               f"{R.randint(2023, 2025)}{R.randint(100, 999)}-{R.randint(1000, 9999)}",
               f"BL {R.randint(100000, 999999)}", f"#{R.randint(10000, 99999)}"])


def amount():
    v = R.randint(15, 48000)
    c = R.randint(0, 99)
    s = f"{v:,}".replace(",", " ")
    return ch([f"{s},{c:02d} €", f"{s} €", f"{s} € HT", f"{s},{c:02d} € TTC", f"{v} euros", f"{s}€"])


def version():
    return ch([f"v{R.randint(1, 9)}.{R.randint(0, 12)}.{R.randint(0, 9)}.{R.randint(0, 20)}",
               f"{R.randint(1, 12)}.{R.randint(0, 9)}.{R.randint(0, 30)}",
               f"version {R.randint(2, 15)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(100, 999)}",
               f"build {R.randint(2021, 2025)}.{R.randint(1, 12)}.{R.randint(1, 28)}",
               f"v{R.randint(1, 5)}.{R.randint(0, 9)}"])


def ticket_no():
    return ch([f"#{R.randint(10000, 99999)}", f"INC{R.randint(1000000, 9999999)}",
               f"SUP-{R.randint(1000, 9999)}", f"T{R.randint(2023, 2025)}-{R.randint(100, 9999)}"])


# ---------------------------------------------------------------------------
# Generators for labelled values
# ---------------------------------------------------------------------------
def fmt_fr_national(num):
    """num: 10-digit national number starting with 0."""
    n = num
    style = R.random()
    pairs = " ".join(n[i:i + 2] for i in range(0, 10, 2))
    if n[:3] in ("059", "026", "069", "063") and chance(0.35):  # overseas in international form
        cc = {"0590": "+590", "0690": "+590", "0596": "+596", "0696": "+596", "0262": "+262",
              "0692": "+262", "0693": "+262", "0269": "+262", "0639": "+262", "0594": "+594",
              "0694": "+594"}.get(n[:4], "+33")
        return ch([f"{cc} {n[1:4]} {n[4:6]} {n[6:8]} {n[8:10]}", f"{cc} {n[1:]}", f"{cc}{n[1:]}"])
    if style < 0.38:
        return pairs
    if style < 0.52:
        return pairs.replace(" ", ".")
    if style < 0.63:
        return n
    if style < 0.68:
        return pairs.replace(" ", "-")
    if style < 0.76:
        return "+33 " + n[1] + " " + " ".join(n[i:i + 2] for i in range(2, 10, 2))
    if style < 0.80:
        return "+33 (0)" + n[1] + " " + " ".join(n[i:i + 2] for i in range(2, 10, 2))
    if style < 0.84:
        return "+33" + n[1:]
    if style < 0.87:
        return "0033 " + n[1] + " " + " ".join(n[i:i + 2] for i in range(2, 10, 2))
    if style < 0.89:
        return "0033" + n[1:]
    if style < 0.92:
        return f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:]}"
    if style < 0.94:
        return f"{n[:4]} {n[4:7]} {n[7:]}"
    if style < 0.96:
        return "+33." + n[1] + "." + ".".join(n[i:i + 2] for i in range(2, 10, 2))
    if style < 0.98:
        return "+33 " + n[1:4] + " " + n[4:7] + " " + n[7:]
    # mistyped: one digit missing or extra, still phone-shaped
    if chance(0.5):
        m = n[:9]
        return " ".join(m[i:i + 2] for i in range(0, 9, 2))
    m = n + str(R.randint(0, 9))
    return " ".join(m[i:i + 2] for i in range(0, 10, 2)) + m[10:]


def fr_phone(kind="any"):
    if kind == "any":
        kind = ch(["mob"] * 5 + ["fix"] * 3 + ["dom", "box"])
    if kind == "mob":
        n = ch(["06", "06", "07"]) + rdigits(8)
    elif kind == "fix":
        n = "0" + str(R.randint(1, 5)) + rdigits(8)
    elif kind == "box":
        n = "09" + rdigits(8)
    else:  # overseas
        n = ch(["0590", "0596", "0262", "0269", "0594", "0690", "0696", "0692", "0693", "0639",
                "0694"]) + rdigits(6)
    return fmt_fr_national(n)


def foreign_phone(country):
    d = rdigits
    if country == "BE":
        return ch([f"+32 2 {d(3)} {d(2)} {d(2)}", f"+32 4{R.randint(60, 99)} {d(2)} {d(2)} {d(2)}",
                   f"04{R.randint(60, 99)} {d(2)} {d(2)} {d(2)}", f"0032 9 {d(3)} {d(2)} {d(2)}",
                   f"02/{d(3)}.{d(2)}.{d(2)}", f"+32{R.randint(470, 499)}{d(6)}"])
    if country == "CH":
        return ch([f"+41 22 {d(3)} {d(2)} {d(2)}", f"+41 79 {d(3)} {d(2)} {d(2)}",
                   f"07{ch('6789')} {d(3)} {d(2)} {d(2)}", f"0041 44 {d(3)} {d(2)} {d(2)}",
                   f"021 {d(3)} {d(2)} {d(2)}"])
    if country == "ES":
        return ch([f"+34 6{d(2)} {d(3)} {d(3)}", f"0034 6{d(2)} {d(3)} {d(3)}", f"91{d(1)} {d(3)} {d(3)}",
                   f"+34 93 {d(3)} {d(2)} {d(2)}", f"+346{d(8)}"])
    if country == "IT":
        return ch([f"+39 02 {d(4)} {d(4)}", f"+39 3{d(2)} {d(3)} {d(4)}", f"3{d(2)} {d(7)}",
                   f"0039 06 {d(8)}", f"+39 011 {d(3)} {d(4)}"])
    if country == "DE":
        return ch([f"+49 30 {d(8)}", f"+49 (0)17{d(1)} {d(7)}", f"030 {d(7)}", f"0049 89 {d(3)} {d(4)}",
                   f"+49 151 {d(4)} {d(4)}", f"0171/{d(7)}"])
    if country == "UK":
        return ch([f"+44 20 7{d(3)} {d(4)}", f"+44 7{d(3)} {d(6)}", f"020 7{d(3)} {d(4)}",
                   f"07{d(3)} {d(6)}", f"+44 (0)161 {d(3)} {d(4)}", f"0044 131 {d(3)} {d(4)}"])
    if country == "US":
        a = ch(["415", "212", "617", "312", "206", "512", "305", "646"])
        return ch([f"({a}) 555-{d(4)}", f"+1 {a}-555-{d(4)}", f"{a}.555.{d(4)}", f"+1 ({a}) 555 {d(4)}",
                   f"001 {a} 555 {d(4)}", f"{a}-{R.randint(200, 999)}-{d(4)}"])
    if country == "CA":
        a = ch(["514", "438", "418", "450", "416", "613", "819"])
        return ch([f"+1 {a} 555 {d(4)}", f"({a}) 555-{d(4)}", f"{a}-{R.randint(200, 999)}-{d(4)}",
                   f"1-{a}-555-{d(4)}"])
    if country == "MA":
        return ch([f"+212 6 {d(2)} {d(2)} {d(2)} {d(2)}", f"+212 522-{d(6)}", f"+212 6{d(8)}",
                   f"00212 5 37 {d(2)} {d(2)} {d(2)}", f"06 {d(2)} {d(2)} {d(2)} {d(2)}",
                   f"+212 (0)6 {d(2)} {d(2)} {d(2)} {d(2)}"])
    if country == "TN":
        return ch([f"+216 71 {d(3)} {d(3)}", f"+216 {ch(['2', '5', '9'])}{d(1)} {d(3)} {d(3)}",
                   f"00216 98 {d(3)} {d(3)}", f"+216{ch(['2', '9'])}{d(7)}"])
    if country == "SN":
        return ch([f"+221 77 {d(3)} {d(2)} {d(2)}", f"+221 33 8{d(2)} {d(2)} {d(2)}",
                   f"77 {d(3)} {d(2)} {d(2)}", f"00221 78 {d(3)} {d(2)} {d(2)}", f"+22176{d(7)}"])
    if country == "PT":
        return ch([f"+351 9{d(2)} {d(3)} {d(3)}", f"+351 21 {d(3)} {d(4)}", f"00351 91{d(1)} {d(3)} {d(3)}"])
    raise ValueError(country)


PHONE_COUNTRIES = ["BE", "CH", "ES", "IT", "DE", "UK", "US", "CA", "MA", "TN", "SN", "PT"]


def iban_check(country, bban):
    s = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return f"{98 - int(num) % 97:02d}"


def fr_rib_key(bank, branch, account):
    acc = "".join(str((ord(c) - 55) % 9 or 9) if c.isalpha() else c for c in account)  # letters rarely used
    return f"{97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acc)) % 97):02d}"


def bban_for(country):
    d = rdigits
    U = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if country == "FR":
        bank = ch(["30004", "30002", "10278", "20041", "30003", "11315", "16606", "13807", "18206", "42559",
                   "10107", "12506", "30066", "14505"])
        branch, acc = d(5), d(11)
        return bank + branch + acc + fr_rib_key(bank, branch, acc), [5, 5, 11, 2]
    if country == "BE":
        b = d(10)
        k = int(b) % 97 or 97
        return b + f"{k:02d}", [3, 7, 2]
    if country == "DE":
        return d(18), [8, 10]
    if country == "ES":
        return d(20), [4, 4, 2, 10]
    if country == "IT":
        return R.choice(U) + d(10) + d(12), [1, 5, 5, 12]
    if country == "CH":
        return d(17), [5, 12]
    if country == "GB":
        return ch(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + d(14), [4, 6, 8]
    if country == "PT":
        return "0035" + d(17), [4, 4, 11, 2]
    if country == "LU":
        return d(3) + d(13), [3, 13]
    if country == "NL":
        return ch(["ABNA", "INGB", "RABO", "TRIO"]) + d(10), [4, 10]
    if country == "MA":
        return d(24), [3, 5, 14, 2]
    if country == "TN":
        return d(20), [2, 3, 13, 2]
    raise ValueError(country)


def iban(country=None):
    if country is None:
        country = ch(["FR"] * 12 + ["BE", "DE", "ES", "IT", "CH", "GB", "PT", "LU", "NL", "MA", "TN"])
    bban, parts = bban_for(country)
    ck = iban_check(country, bban)
    if chance(0.07):  # mistyped: one digit of the BBAN changed
        i = R.randrange(len(bban))
        while not bban[i].isdigit():
            i = R.randrange(len(bban))
        bban = bban[:i] + str((int(bban[i]) + R.randint(1, 9)) % 10) + bban[i + 1:]
    full = country + ck + bban
    st = R.random()
    if st < 0.55:
        return group(full, [4] * 9)
    if st < 0.72:
        return full
    if st < 0.80:
        return group(full, [4] * 9, "-")
    if st < 0.93:  # the bank's way: country+key, then the national parts
        out, i = [country + ck], 0
        for n in parts:
            out.append(bban[i:i + n])
            i += n
        return " ".join(out)
    return group(full, [4] * 9).lower() if chance(0.3) else group(full, [4] * 9, "  ")


def credit_card():
    t = ch(["visa"] * 5 + ["mc"] * 3 + ["amex"] * 2)
    if t == "visa":
        body = "4" + rdigits(14)
    elif t == "mc":
        body = (str(R.randint(51, 55)) + rdigits(13)) if chance(0.75) else (str(R.randint(2221, 2720)) + rdigits(11))
    else:
        body = ch(["34", "37"]) + rdigits(12)
    num = body + luhn_check_digit(body)
    if t == "amex":
        return ch([f"{num[:4]} {num[4:10]} {num[10:]}", num, f"{num[:4]}-{num[4:10]}-{num[10:]}"])
    st = R.random()
    if st < 0.6:
        return group(num, [4, 4, 4, 4])
    if st < 0.8:
        return num
    if st < 0.92:
        return group(num, [4, 4, 4, 4], "-")
    return group(num, [4, 4, 4, 4], ".")


DEPTS = ["75", "69", "13", "33", "59", "44", "31", "35", "67", "29", "56", "22", "93", "92", "94", "76", "62",
         "2A", "2B", "971", "972", "974", "976", "99", "01", "07", "64", "83", "38", "57"]


def nir(sex, year, month):
    dep = ch(DEPTS)
    if len(dep) == 3:
        comm = f"{R.randint(1, 34):02d}"
    elif dep == "99":
        comm = ch(["350", "352", "351", "134", "139", "109", "127", "341", "315", "243"])  # born abroad
    else:
        comm = f"{R.randint(1, 450):03d}"
    order = f"{R.randint(1, 999):03d}"
    base = f"{sex}{year % 100:02d}{month:02d}{dep}{comm}{order}"
    num = base.replace("2A", "19").replace("2B", "18")
    key = f"{97 - int(num) % 97:02d}"
    full = base + key
    st = R.random()
    g = [1, 2, 2, 2, 3, 3, 2] if len(dep) == 2 else [1, 2, 2, 3, 2, 3, 2]
    if st < 0.55:
        return group(full, g)
    if st < 0.78:
        return full
    if st < 0.88:
        return full[:13] + " " + full[13:]
    if st < 0.94:
        return group(full, g, ".")
    return group(full, [1, 2, 2, 5, 3, 2])


PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


def plate():
    def two():
        while True:
            s = R.choice(PLATE_LETTERS) + R.choice(PLATE_LETTERS)
            if s not in ("SS", "WW"):
                return s
    a, n, b = two(), f"{R.randint(1, 999):03d}", two()
    st = R.random()
    if st < 0.6:
        return f"{a}-{n}-{b}"
    if st < 0.78:
        return f"{a} {n} {b}"
    if st < 0.86:
        return f"{a}{n}{b}"
    dep = ch(["75", "13", "69", "33", "59", "29", "44", "31", "971", "2A"])
    return ch([f"{R.randint(1, 9999)} {two()} {dep}", f"{R.randint(100, 999)} {two()}{R.choice(PLATE_LETTERS)} {dep}"])


def siren_num():
    b = str(R.randint(1, 9)) + rdigits(7)
    return b + luhn_check_digit(b)


def siret_num():
    b = siren_num() + rdigits(4)
    return b + luhn_check_digit(b)


def fmt_siren(s):
    return ch([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}.{s[3:6]}.{s[6:]}"])


def fmt_siret(s):
    return ch([f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", s, f"{s[:9]} {s[9:]}", f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}"])


def ipv4(public=None):
    if public is None:
        public = chance(0.6)
    if public:
        a = ch([31, 37, 46, 62, 78, 80, 81, 82, 83, 86, 88, 90, 91, 92, 109, 176, 185, 193, 195, 212, 217])
        return f"{a}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
    return ch([f"192.168.{R.randint(0, 10)}.{R.randint(2, 254)}", f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
               f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}"])


def ipv6():
    h = lambda: f"{R.randint(0, 0xffff):x}"
    st = R.random()
    if st < 0.35:
        return f"2a01:{R.randint(0xcb00, 0xcbff):x}:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}"
    if st < 0.6:
        return f"2001:db8:{h()}::{h()}"
    if st < 0.8:
        return f"fe80::{h()}:{h()}:{h()}:{h()}"
    return f"2a02:8428:{h()}:{h()}::{R.randint(1, 99)}"


def ip_any():
    st = R.random()
    if st < 0.6:
        return ipv4()
    if st < 0.8:
        return f"{ipv4()}:{ch([8080, 443, 3389, 22, 8443, 5060, 21, 3306, 8000])}"
    return ipv6()


MONTH_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def fmt_dob(y, m, d):
    st = R.random()
    if st < 0.35:
        return f"{d:02d}/{m:02d}/{y}"
    if st < 0.45:
        return f"{d:02d}.{m:02d}.{y}"
    if st < 0.52:
        return f"{d:02d}-{m:02d}-{y}"
    if st < 0.72:
        return f"{'1er' if d == 1 else d} {MOIS[m - 1]} {y}"
    if st < 0.80:
        return f"{y}-{m:02d}-{d:02d}"
    if st < 0.90:
        return f"{d:02d}/{m:02d}/{y % 100:02d}"
    if st < 0.95:
        return f"{d}/{m}/{y}"
    return f"{d} {MONTH_ABBR[m - 1]} {y}"


# ---------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------
def street_line(overseas=False):
    num = str(R.randint(1, 240))
    if chance(0.12):
        num += ch([" bis", " ter", "bis", "B", " B"])
    voie = ch(VOIES)
    name = ch(STREETS)
    if voie == "résidence":
        return f"Résidence {ch(['Les Magnolias', 'Le Parc', 'Les Cèdres', 'Bellevue', 'Saint-Exupéry'])}, {num} rue {name}"
    if chance(0.12):
        voie = voie.capitalize()
    if chance(0.08) and voie.lower() == "rue":
        return f"{num}, {voie} {name}"
    return f"{num} {voie} {name}"


def fr_address(multiline=False, town=None):
    cp, t = town or ch(TOWNS)
    st = R.random()
    town_s = t.upper() if chance(0.3) else t
    if st < 0.08:  # lieu-dit
        cp, t = ch(VILLAGES)
        town_s = t.upper() if chance(0.4) else t
        ld = ch(LIEUXDITS)
        head = ch([f"Lieu-dit {ld}", ld, f"lieu-dit {ld}", f"Lieu dit « {ld} »"])
        parts = [head, f"{cp} {town_s}"]
    elif st < 0.13:  # BP / CEDEX
        cpx = cp[:2] + f"{R.randint(0, 9)}{R.randint(0, 9)}{R.randint(0, 9)}"
        parts = [street_line(), f"BP {R.randint(1, 999)}", f"{cpx} {town_s} CEDEX" + ch(["", f" {R.randint(1, 9)}"])]
        if chance(0.4):
            parts = parts[1:]
    elif st < 0.35:  # with complement
        comp = ch(COMPLEMENTS)
        if chance(0.5):
            parts = [comp, street_line(), f"{cp} {town_s}"]
        else:
            parts = [street_line(), comp, f"{cp} {town_s}"]
    else:
        parts = [street_line(), f"{cp} {town_s}"]
    if multiline:
        return "\n".join(parts)
    sep = ch([", ", ", ", ", ", " ", " - "])
    if len(parts) == 2 and sep == " " and parts[0][-1].isdigit():
        sep = ", "
    return sep.join(parts)


def foreign_address(country):
    n = R.randint(1, 180)
    if country == "BE":
        return ch([f"Rue de la Loi {n}, 1000 Bruxelles", f"Kerkstraat {n} bus {R.randint(1, 9)}, 2000 Antwerpen",
                   f"Avenue Louise {n}, 1050 Ixelles", f"Chaussée de Waterloo {n}, 1180 Uccle",
                   f"Rue Saint-Gilles {n}, 4000 Liège", f"Veldstraat {n}, 9000 Gent"])
    if country == "CH":
        return ch([f"Bahnhofstrasse {n}, 8001 Zürich", f"Rue du Rhône {n}, 1204 Genève",
                   f"Chemin des Vignes {R.randint(1, 30)}, 1009 Pully", f"Avenue de la Gare {n}, 1003 Lausanne",
                   f"Spitalgasse {n}, 3011 Bern"])
    if country == "ES":
        return ch([f"Calle de Alcalá {n}, {R.randint(1, 8)}º B, 28014 Madrid", f"Carrer de Mallorca {n}, 08008 Barcelona",
                   f"Avenida de la Constitución {n}, 41004 Sevilla", f"Calle Mayor {n}, 2º izq., 31001 Pamplona"])
    if country == "IT":
        return ch([f"Via Roma {n}, 20121 Milano", f"Corso Vittorio Emanuele II {n}, 00186 Roma",
                   f"Via dei Mille {n}, 80121 Napoli", f"Via Garibaldi {n}, 10122 Torino"])
    if country == "DE":
        return ch([f"Hauptstraße {n}, 10115 Berlin", f"Königsallee {n}, 40212 Düsseldorf",
                   f"Leopoldstraße {n}, 80802 München", f"Schillerstr. {n}, 60313 Frankfurt am Main"])
    if country == "UK":
        return ch([f"{n} Baker Street, London NW1 6XE", f"{n} Queen Street, Edinburgh EH2 1JX",
                   f"Flat {R.randint(1, 12)}, {n} Oxford Road, Manchester M1 5QA",
                   f"{n} Church Lane, Bristol BS1 4RT"])
    if country == "US":
        return ch([f"{n * 7} Pine Street, Apt {R.randint(1, 20)}C, Seattle, WA 98101",
                   f"{n * 3} W 42nd St, New York, NY 10036", f"{n * 11} Maple Avenue, Austin, TX 78701",
                   f"{n * 5} Ocean Drive, Miami, FL 33139"])
    if country == "CA":
        return ch([f"{n * 9} rue Sherbrooke Ouest, app. {R.randint(1, 40)}, Montréal (Québec) H3G 1K5",
                   f"{n} King St W, Toronto, ON M5H 1J8", f"{n * 4} boulevard René-Lévesque, Québec (QC) G1R 2B5"])
    if country == "MA":
        return ch([f"{n}, rue Ibn Batouta, 20000 Casablanca", f"Résidence Al Andalous, Imm. {R.randint(1, 9)}, Apt {R.randint(1, 30)}, Hay Riad, Rabat",
                   f"Derb Sidi Bouloukat {n}, Médina, Marrakech", f"Lot. Al Wifaq n° {n}, 90000 Tanger"])
    if country == "TN":
        return ch([f"{n} rue de Marseille, 1000 Tunis", f"Avenue Habib Bourguiba {n}, 4000 Sousse",
                   f"Cité El Ghazala, Bloc {R.randint(1, 9)}, 2083 Ariana"])
    if country == "SN":
        return ch([f"Villa {n}, Sicap Liberté 2, Dakar", f"Cité Keur Gorgui, Lot {n}, Dakar",
                   f"Rue 10 x 15, Médina, Dakar", f"Quartier Escale, BP {n}, Saint-Louis"])
    if country == "PT":
        return ch([f"Rua Augusta {n}, 2º Esq., 1100-053 Lisboa", f"Avenida da Boavista {n}, 4100-114 Porto"])
    raise ValueError(country)


# ---------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------
def weighted(pairs):
    tot = sum(w for _, w in pairs)
    x = R.uniform(0, tot)
    for k, w in pairs:
        x -= w
        if x <= 0:
            return k
    return pairs[-1][0]


class Person:
    def __init__(self, foreign=None, staff=False):
        self.country = foreign
        if foreign:
            m, f, lasts = FOREIGN[foreign]
            self.g = ch("mf")
            self.first = ch(m if self.g == "m" else f)
            self.last = ch(lasts)
        else:
            pool = "fr" if staff and chance(0.4) else weighted(POOL_WEIGHTS)
            self.g = ch("mf")
            if pool in ("fr", "reg") and chance(0.03):
                self.g = ch("mf")
                self.first = ch(["Dominique", "Claude", "Camille", "Alix", "Sacha"])
            elif chance(0.07):
                self.first = ch(WORD_NAMES[self.g])
            else:
                self.first = ch(FIRST[pool][0 if self.g == "m" else 1])
            lpool = pool if chance(0.8) else weighted(POOL_WEIGHTS)
            if lpool == "fr" and chance(0.18):
                lpool = "part"
            self.last = ch(LAST[lpool])
        self.year = R.randint(1938, 2006)
        self.month = R.randint(1, 12)
        self.day = R.randint(1, 28)
        self.cache = {}
        self.style = R.random()

    # pronouns / agreement
    def il(self):
        return "il" if self.g == "m" else "elle"

    def e(self):
        return "" if self.g == "m" else "e"

    def civ(self):
        if self.g == "m":
            return ch(["M.", "M.", "M.", "Mr", "Monsieur", "M", "Mr."])
        return ch(["Mme", "Mme", "Mme", "Madame", "Mme.", "Mlle", "Mme"])

    def civl(self):
        return "Monsieur" if self.g == "m" else "Madame"

    def full_value(self):
        s = self.style
        f, l = self.first, self.last
        if s < 0.58:
            return f"{f} {l}"
        if s < 0.70:
            return f"{l.upper()} {f}"
        if s < 0.80:
            return f"{f} {l.upper()}"
        if s < 0.88:
            return f"{f} {l}".lower()
        if s < 0.94:
            return f"{l} {f}"
        return f"{f} {l}".upper()

    def initials(self):
        parts = re.split(r"([- ])", self.first)
        ini = "".join(p[0] + "." if p not in ("-", " ") else p for p in parts if p)
        if chance(0.15) and "-" in self.first:
            ini = ini.replace(".", "").replace("-", "")
        if ini in ("M.", "M", "Mr."):  # would read as a civility
            return f"{self.first} {self.last}"
        return f"{ini} {self.last}"

    def email(self, pro_domain=None):
        f = slug(self.first, "")
        l = slug(self.last, "")
        fh = slug(self.first, "-")
        if self.country:
            dom = ch(FOREIGN_DOMAINS[self.country])
        else:
            dom = pro_domain or ch(PERSONAL_DOMAINS)
        st = R.random()
        if pro_domain:
            local = ch([f"{fh}.{l}", f"{f[0]}{l}", f"{fh}.{l}", f"{f}.{l[0]}", f"{l}"])
        elif st < 0.35:
            local = f"{fh}.{l}"
        elif st < 0.5:
            local = f"{f[0]}{l}"
        elif st < 0.6:
            local = f"{f}_{l}"
        elif st < 0.7:
            local = f"{l}.{f}{R.randint(1, 99)}"
        elif st < 0.78:
            local = f"{f}{l}{R.randint(1960, 2005)}"
        elif st < 0.85:
            local = f"{fh}-{l}"
        elif st < 0.92:
            local = f"{f}.{l}+crm"
        else:
            local = f"{ch(['titi', 'loulou', 'nanou', 'bichette', 'doudou', 'kiki'])}{R.randint(10, 99)}.{f}"
        return f"{local}@{dom}"

    def obf_email(self):
        e = self.email()
        local, dom = e.split("@")
        dparts = dom.rsplit(".", 1)
        st = R.random()
        if st < 0.35:
            return f"{local} [at] {dparts[0]} [dot] {dparts[1]}"
        if st < 0.6:
            return f"{local}(at){dom}"
        if st < 0.8:
            return f"{local} arobase {dparts[0]} point {dparts[1]}"
        return f"{local} AT {dparts[0]} DOT {dparts[1]}"

    def url(self):
        f, l = slug(self.first), slug(self.last)
        lc = slug(self.last, "")
        fl = f"{f}-{l}"
        st = R.random()
        if st < 0.35:
            suffix = ch(["", "", f"-{R.randint(0, 0xffffff):06x}", f"-{R.randint(10, 999)}"])
            return ch([f"https://www.linkedin.com/in/{fl}{suffix}", f"linkedin.com/in/{fl}{suffix}",
                       f"https://fr.linkedin.com/in/{f[0]}{l}{suffix}", f"www.linkedin.com/in/{fl}{suffix}"])
        if st < 0.5:
            return ch([f"https://www.facebook.com/{f}.{l}.{R.randint(1, 99)}", f"facebook.com/{f}.{l}",
                       f"https://m.facebook.com/{f}{l}"])
        if st < 0.62:
            return ch([f"instagram.com/{f}_{l}", f"https://www.instagram.com/{f}.{lc[:4]}{R.randint(1, 99)}",
                       f"https://instagram.com/{l}.{f}"])
        if st < 0.72:
            return ch([f"https://github.com/{f[0]}{l}", f"github.com/{f}{l}", f"https://github.com/{fl}"])
        if st < 0.8:
            return ch([f"https://x.com/{f}{lc[:3]}", f"twitter.com/{f}_{l}"])
        return ch([f"https://{fl}.fr", f"http://www.{fl}-photographe.com", f"https://{f}{l}.wordpress.com",
                   f"https://blog.{fl}.net", f"www.atelier-{l}.fr", f"https://{fl}.over-blog.com",
                   f"https://www.{f}{l}.com/portfolio"])


# ---------------------------------------------------------------------------
# Segment machinery
# ---------------------------------------------------------------------------
PLAIN = None


class Ctx:
    """Lazily creates consistent persons and values for one text."""

    def __init__(self):
        self.persons = {}
        self.vals = {}
        self.company = ch(COMPANIES)
        self.our = ch(OUR_COMPANY)
        self.our_domain = slug(self.our, "") + "." + ch(["fr", "com", "io"])
        self.comp_domain = company_domain(self.company)

    def person(self, key):
        if key not in self.persons:
            if key.startswith("f"):
                self.persons[key] = Person(foreign=ch(list(FOREIGN)))
            else:
                self.persons[key] = Person(staff=key.startswith("r"))
        return self.persons[key]

    def get(self, name):
        """Return a list of segments for slot `name`."""
        if name.startswith("de:"):
            segs = self.get(name[3:])
            first = segs[0][1]
            pre = "d'" if ascii_fold(first[:1]).lower() in "aeiouyh" else "de "
            return [(PLAIN, pre)] + segs
        if "." in name:
            pk, attr = name.split(".", 1)
            p = self.person(pk)
            key = (pk, attr)
            if key in self.vals:
                return self.vals[key]
            segs = self.person_attr(p, pk, attr)
            if attr not in ("civ",):
                self.vals[key] = segs
            return segs
        if name in self.vals:
            return self.vals[name]
        segs = self.simple(name)
        self.vals[name] = segs
        return segs

    def person_attr(self, p, pk, a):
        P = "PERSON"
        staff = pk.startswith("r")
        if a == "full":
            return [(P, p.full_value())]
        if a == "fl":  # plain "First Last"
            return [(P, f"{p.first} {p.last}")]
        if a == "fn":
            return [(P, p.first)]
        if a == "LNfn":
            return [(P, f"{p.last.upper()} {p.first}")]
        if a == "fLN":
            return [(P, f"{p.first} {p.last.upper()}")]
        if a == "cher":
            return [(PLAIN, "Cher" if p.g == "m" else "Chère")]
        if a == "conj":
            return [(PLAIN, "mon époux" if p.g == "m" else "mon épouse")]
        if a == "parent":
            return [(PLAIN, "Mon père" if p.g == "m" else "Ma mère")]
        if a == "ln":
            return [(P, p.last)]
        if a == "LN":
            return [(P, p.last.upper())]
        if a == "init":
            return [(P, p.initials())]
        if a == "civ":
            return [(PLAIN, p.civ())]
        if a == "civl":
            return [(PLAIN, p.civl())]
        if a == "civln":  # civility + last name, civility outside
            return [(PLAIN, p.civ() + " "), (P, p.last if chance(0.8) else p.last.upper())]
        if a == "civfull":
            return [(PLAIN, p.civ() + " "), (P, p.full_value())]
        if a == "il":
            return [(PLAIN, p.il())]
        if a == "Il":
            return [(PLAIN, p.il().capitalize())]
        if a == "e":
            return [(PLAIN, p.e())]
        if a == "tel":
            if p.country:
                return [("PHONE_NUMBER", foreign_phone(p.country if p.country in PHONE_COUNTRIES else "BE"))]
            return [("PHONE_NUMBER", fr_phone())]
        if a == "mob":
            return [("PHONE_NUMBER", fr_phone("mob") if not p.country else foreign_phone(p.country))]
        if a == "fix":
            return [("PHONE_NUMBER", fr_phone(ch(["fix", "fix", "box", "dom"])))]
        if a == "intl":
            return [("PHONE_NUMBER", foreign_phone(p.country or ch(PHONE_COUNTRIES)))]
        if a == "mail":
            dom = None
            if staff:
                dom = self.our_domain
            elif chance(0.3) and not p.country:
                dom = self.comp_domain
            return [("EMAIL_ADDRESS", p.email(dom))]
        if a == "pmail":
            return [("EMAIL_ADDRESS", p.email())]
        if a == "omail":
            return [("EMAIL_ADDRESS", p.obf_email())]
        if a == "adr":
            return [("LOCATION", foreign_address(p.country) if p.country else fr_address())]
        if a == "adrml":
            if p.country:
                return [("LOCATION", foreign_address(p.country).replace(", ", "\n", 1))]
            return [("LOCATION", fr_address(multiline=True))]
        if a == "street":
            return [("LOCATION", street_line())]
        if a == "dob":
            return [("DATE_TIME", fmt_dob(p.year, p.month, p.day))]
        if a == "yob":
            return [("DATE_TIME", str(p.year))]
        if a == "nir":
            return [("FR_NIR", nir(1 if p.g == "m" else 2, p.year, p.month))]
        if a == "iban":
            return [("IBAN_CODE", iban(None if not p.country else {"UK": "GB", "BE": "BE", "DE": "DE", "CH": "CH",
                                                                  "ES": "ES", "IT": "IT", "MA": "MA", "TN": "TN",
                                                                  "PT": "PT"}.get(p.country, "FR")))]
        if a == "cb":
            return [("CREDIT_CARD", credit_card())]
        if a == "url":
            return [("URL", p.url())]
        if a == "lkd":
            for _ in range(20):
                u = p.url()
                if "linkedin" in u:
                    return [("URL", u)]
            return [("URL", f"https://www.linkedin.com/in/{slug(p.first)}-{slug(p.last)}")]
        if a == "plate":
            return [("FR_LICENSE_PLATE", plate())]
        if a == "ip":
            return [("IP_ADDRESS", ip_any())]
        raise KeyError(a)

    def simple(self, name):
        T = PLAIN
        if name == "company":
            return [(T, self.company)]
        if name == "company2":
            return [(T, ch([c for c in COMPANIES if c != self.company]))]
        if name == "our":
            return [(T, self.our)]
        if name in ("product", "product2"):
            return [(T, ch(PRODUCTS))]
        if name in ("town", "town2"):
            return [(T, ch(TOWNS)[1])]
        if name.startswith("date"):
            return [(T, meeting_date())]
        if name.startswith("time"):
            return [(T, a_time())]
        if name in ("order", "order2"):
            return [(T, order_no())]
        if name in ("amount", "amount2"):
            return [(T, amount())]
        if name in ("version", "version2"):
            return [(T, version())]
        if name == "ticket":
            return [(T, ticket_no())]
        if name == "role":
            return [(T, ch(ROLES))]
        if name == "role2":
            return [(T, ch(ROLES))]
        if name == "siren":
            return [("FR_SIREN", fmt_siren(siren_num()))]
        if name == "siret":
            return [("FR_SIRET", fmt_siret(siret_num()))]
        if name in ("ip", "ip2", "ip3"):
            return [("IP_ADDRESS", ip_any())]
        if name == "ip4":
            return [("IP_ADDRESS", ipv4())]
        if name == "ip6":
            return [("IP_ADDRESS", ipv6())]
        if name == "stdtel":  # company switchboard: still a phone number
            return [("PHONE_NUMBER", fr_phone(ch(["fix", "box"])))]
        if name == "ourmail":
            return [("EMAIL_ADDRESS", ch(["contact", "support", "sav", "compta", "commercial"]) + "@" + self.our_domain)]
        if name == "cp":
            return [(T, ch(TOWNS)[0])]
        if name == "couple":
            a, b = self.person("p1"), self.person("p2")
            return [("PERSON", a.first), (T, " et "), ("PERSON", f"{b.first} {a.last}")]
        if name == "last4":
            return [(T, rdigits(4))]
        raise KeyError(name)


SLOT = re.compile(r"\{([A-Za-z0-9_:.]+)\}")


def fill(template, ctx):
    segs = []
    pos = 0
    for m in SLOT.finditer(template):
        if m.start() > pos:
            segs.append((PLAIN, template[pos:m.start()]))
        segs.extend(ctx.get(m.group(1)))
        pos = m.end()
    if pos < len(template):
        segs.append((PLAIN, template[pos:]))
    return segs


def render(segs):
    text, spans, pos = [], [], 0
    for typ, val in segs:
        if typ is not PLAIN and val:
            spans.append([typ, pos, pos + len(val)])
        text.append(val)
        pos += len(val)
    return "".join(text), spans


def transform(segs, fn, plain_only=False):
    return [(t, fn(v) if (t is PLAIN or not plain_only) else v) for t, v in segs]


def strip_accents(s):
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s)


ABBREV = [(r"\btéléphone\b", "tel"), (r"\btéléphoné\b", "tel"), (r"\brendez-vous\b", "RDV"), (r"\bvoir\b", "cf"),
          (r"\bmobile\b", "mob"), (r"\bmessage\b", "msg"), (r"\bpour\b", "pr"), (r"\bavec\b", "avc"),
          (r"\bmerci\b", "mci"), (r"\bdemain\b", "dem"), (r"\baujourd'hui\b", "ajd"), (r"\bbeaucoup\b", "bcp"),
          (r"\bquelque\b", "qq"), (r"\bdans\b", "ds"), (r"\bmonsieur\b", "mr"), (r"\bstp\b", "stp"),
          (r"\bs'il vous plaît\b", "svp"), (r"\bcommande\b", "cde"), (r"\bclient\b", "clt"),
          (r"\brappeler\b", "rapl"), (r"\bsemaine\b", "sem"), (r"\bnuméro\b", "n°"), (r"\bbonjour\b", "bjr")]

KEYS_NEAR = {"a": "zqs", "e": "zrd", "i": "uok", "o": "ipl", "u": "yi", "r": "et", "t": "ry", "n": "bm",
             "s": "dq", "l": "km", "m": "nl", "c": "xv", "d": "sf", "p": "o"}


def typo_text(s):
    for pat, rep in ABBREV:
        if chance(0.55):
            s = re.sub(pat, rep, s, flags=re.IGNORECASE)

    def mutate(m):
        w = m.group(0)
        if len(w) < 4 or not chance(0.14):
            return w
        i = R.randint(1, len(w) - 2)
        op = R.randint(0, 3)
        if op == 0:
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if op == 1:
            return w[:i] + w[i + 1:]
        if op == 2:
            return w[:i] + w[i] + w[i:]
        c = w[i].lower()
        return w[:i] + (ch(KEYS_NEAR[c]) if c in KEYS_NEAR else w[i]) + w[i + 1:]

    return re.sub(r"[A-Za-zÀ-ÿ]+", mutate, s)


# ---------------------------------------------------------------------------
# Templates: short kinds
# ---------------------------------------------------------------------------
CALL = [
    "Appel entrant de {p1.civln} ({p1.tel}) : souhaite résilier son {product}. Rappel prévu {date}.",
    "Appel sortant {date} — {p1.full} injoignable, message laissé sur son répondeur au {p1.mob}. Retenter demain.",
    "Tél avec {p1.full} ce matin. {p1.Il} confirme la commande {order}. Nouveau numéro : {p1.tel}.",
    "Rappeler {p1.fl} au {p1.tel} avant {time}, {p1.il} attend le devis {product}.",
    "{p1.civln} a appelé pour changer son adresse : {p1.adr}. MAJ faite dans la fiche.",
    "Appel de {p1.full}, né{p1.e} le {p1.dob} (vérif identité OK). Demande de remboursement sur la carte {p1.cb}.",
    "Échange téléphonique avec {p1.full} ({company}). {p1.Il} souhaite recevoir la doc par mail : {p1.mail}",
    "Appel {date} {time}\nInterlocuteur : {p1.civln}\nTél : {p1.tel}\nObjet : relance facture {order}\nSuite : {r.fn} rappelle {date2}.",
    "Vu au tel avec {p1.civln} : son conjoint {p2.fn} gère désormais le contrat. Joignable au {p2.mob}.",
    "{p1.full} rappelle concernant le prélèvement rejeté. IBAN communiqué : {p1.iban}. Transmis à {r.fn} (compta).",
    "Appel entrant {time} – {p1.civln} – veut un passage technicien à domicile ({p1.adr}). RDV fixé {date} matin.",
    "Standard : {p1.full} cherche à joindre {r.fl}. Rappel souhaité au {p1.tel}.",
    "Appel de {f1.fl}, contact étranger, numéro {f1.intl}. Parle anglais, transférer à {r.fn}.",
    "Appel {p1.ln} — a perdu sa carte vitale ; NIR donné pour vérif : {p1.nir}. Ne pas stocker ça ici !",
    "Appel sinistre : véhicule {p1.plate} de {p1.civln}, choc arrière sur parking {company}. Tél {p1.tel}.",
    "Messagerie : \"Bonjour c'est {p1.fl}, rappelez-moi au {p1.tel}, merci\".",
    "Conf call {date} avec {p1.full} et {p2.full} ({company}) : validation du devis {order} pour {amount}.",
    "{couple} ont appelé ensemble pour le contrat {product}. Adresse de facturation : {p1.adr}.",
    "Appel de la fille de {p1.civln}, {p2.fn}, qui gère ses papiers. Son portable : {p2.mob}.",
    "Client {p1.LNfn} — appel pour souci de livraison, colis {order} bloqué au dépôt de {town}. Rappel au {p1.tel} svp.",
    "tel {p1.fl} {p1.tel} : ok pour « {product} », envoie le contrat signé cette semaine",
    "Appel reçu de {p1.tel} ({p1.full}), {p1.il} demande la date de naissance qu'on a enregistrée : {p1.dob}. Corrigée.",
    "{p1.civln} ({company}, {role}) rappelle : la facture {order} doit être adressée à {p2.full}, {p2.mail}.",
    "Appel {p1.full} : déménage au {p1.adr} à partir du {date}. Nouveau fixe {p1.fix}.",
    "Entretien tel. avec {p1.civfull}, pour le dossier de financement. Né{p1.e} en {p1.yob}, IBAN {p1.iban}.",
    "Appel entrant non identifié, rappel au {p1.tel}, c'était {p1.civln} pour un RDV.",
    "{r.fn} a eu {p1.fn} au tel, elle passera signer le {date}. cf mail du {date2}.",
    "Appel de {p1.civln} : conteste le prélèvement de {amount} sur sa carte {p1.cb}. Dossier ouvert.",
    "Appel de {p1.civln} (gérant, SIRET {siret}) : veut passer sur « {product} ». Joignable au {p1.tel}.",
    "Rappelé {p1.full} sur son portable {p1.mob} puis sur le fixe {p1.fix} : pas de réponse. 3e tentative.",
    "Appel de {f1.fl} depuis l'étranger ({f1.tel}) — livraison à son adresse : {f1.adr}.",
    "{p1.civln} signale que {p2.fn} conduira aussi le véhicule {p1.plate}. Avenant à faire.",
    "Échange avec {p1.init} ({company}) : OK pour {amount}, relance {date}.",
    "Appel de {p1.civln}, mutuelle : numéro de sécu {p1.nir}, né{p1.e} le {p1.dob}. Demande de prise en charge.",
    "Nouveau client pro : {company}, SIREN {siren}, gérant {p1.civln} ({p1.tel}). Ouverture de compte à valider.",
    "Appel de {p1.fl} pour son entreprise (n° SIREN : {siren}) ; envoyer le Kbis et le mandat SEPA à {p1.mail}.",
    "Prospect {p1.full} trouvé{p1.e} sur LinkedIn ({p1.lkd}), rappel prévu {date} au {p1.tel}.",
    "Appel de {p1.civln} qui nous a connus via son blog ({p1.url}). Veut un partenariat. Tél {p1.mob}.",
    "Appel de {p1.civln} : préfère être contacté{p1.e} par mail, adresse dictée : {p1.omail}.",
    "Appel de {f1.civln} ({company2}, filiale étrangère) : rappeler au {f1.tel}, plutôt le matin.",
    "{p1.fl} vit maintenant à l'étranger, nouveau numéro : {p1.intl}. Adresse inchangée pour la facturation.",
    "Rappel de {f1.fl} au {f1.intl} concernant l'export de la commande {order}. Parle français.",
    "Appel de {p1.fn}, qui est en déplacement : joindre sur son portable étranger {p1.intl} jusqu'au {date}.",
    "Appel sortant vers {p1.full} pour enquête satisfaction. Note 8/10. Souhaite être recontacté{p1.e} par mail ({p1.mail}).",
]

SMS = [
    "Bjr c {p1.fn}, dispo pr RDV jeudi {time} ? Mon num {p1.mob}",
    "Slt {r.fn}, clt {p1.ln} rappelle au {p1.tel} stp",
    "RDV confirmé avec {p1.civln} dem {time}, adr : {p1.adr}",
    "[SMS reçu de {p1.mob}] ok pr moi, merci. {p1.fn}",
    "{r.fn} : {p1.fl} a validé le devis, je passe au {p1.street} vers {time}",
    "SMS {p1.fn} : \"je serai en retard de 15 min, dsl\" ({p1.mob})",
    "msg de {p1.full} : pouvez-vous rappeler sur {p1.tel} ? cf devis {order}",
    "Envoyé à {p1.mob} : Votre RDV du {date} à {time} est confirmé. {our}",
    "Réponse SMS {p1.civln} ({p1.mob}) : STOP",
    "{p1.fn} dit ok pr le {date}, son mail c {p1.mail}",
    "clt {p1.fl} attend le technicien, code portail 4512, tel {p1.mob}",
    "Rappel RDV envoyé à {p1.fl} ({p1.mob}) pour {date} {time}",
    "sms {p1.ln}: \"mon nouveau numéro : {p1.mob}, l'ancien ne marche plus\"",
    "Coucou {r.fn}, tu peux rappeler {p1.civln} ? {p1.tel}. Merci !",
    "WhatsApp de {f1.fl} ({f1.intl}) : arrive à Roissy le {date}, RDV à l'hôtel",
    "{p1.fl} ok pr signature {date}, envoie le contrat à {p1.omail}",
    "SMS reçu {time} de {p1.mob} : \"C'est {p1.fn}, ma plaque c'est {p1.plate}, pour le badge parking\"",
    "Dispo {date} ? {p1.full} veut passer en agence. Son 06 : {p1.mob}",
    "tél {p1.mob} - {p1.fl} - livraison au {p1.adr}",
    "{p1.fn} : IBAN pr le remboursement {p1.iban} (envoyé par sms, à ressaisir)",
    "SMS de {f1.intl} : \"Hello, it's {f1.fn}, can you call me back?\"",
    "{p1.fn} envoie son mail pr la facture : {p1.omail}",
    "msg {f1.fl} : dispo {date} pr visio, tel {f1.tel}",
    "Rappel {p1.civln} au {p1.intl} (en vacances au Maroc jusqu'au {date})",
]

BULLETS = [
    "Fiche contact :\n- Nom : {p1.full}\n- Tél : {p1.tel}\n- Email : {p1.mail}\n- Adresse : {p1.adr}",
    "Infos client\n• {p1.civfull}\n• né{p1.e} le {p1.dob}\n• mob. {p1.mob}\n• {p1.mail}\n• véhicule : {p1.plate}",
    "À faire :\n- Relancer {p1.full} ({p1.tel}) pour le devis {order}\n- Envoyer contrat à {p2.mail}\n- cf note de {r.fn} du {date}",
    "Actions suite RDV {date} :\n* {r.fn} : envoyer la proposition {product} à {p1.civln}\n* {p1.fn} nous transmet son RIB ({p1.iban})\n* point d'étape {date2}",
    "Coordonnées mises à jour :\n1) {p1.fl}\n2) {p1.adr}\n3) {p1.tel} / {p1.mail}",
    "Contacts partenaires :\n- {f1.fl} : {f1.tel}\n- {f2.fl} : {f2.intl}\n- {p1.fl} (Paris) : {p1.tel}",
    "Contacts {company} :\n– {p1.full}, {role} : {p1.tel}\n– {p2.full}, {role2} : {p2.mail}\n– standard : {stdtel}",
    "Dossier {order}\n- titulaire : {p1.LNfn}\n- NIR : {p1.nir}\n- IBAN : {p1.iban}",
    "Checklist ouverture compte :\n[x] pièce d'identité {p1.fl}\n[x] justificatif domicile ({p1.adr})\n[ ] RIB\n[ ] date de naissance : {p1.dob}",
    "Résumé appel :\n- {p1.civln} mécontent{p1.e} du délai\n- demande un geste commercial\n- rappel {date} au {p1.tel}",
    "Profil :\n• {p1.fl}\n• {role} chez {company}\n• {p1.url}\n• {p1.mail}",
    "Points ouverts :\n- carte {p1.cb} refusée (titulaire {p1.fl})\n- nouvelle tentative {date}\n- prévenir {r.fn}",
    "- {p1.fl} : {p1.tel}\n- {p2.fl} : {p2.tel}\n- {p3.fl} : {p3.mail}",
    "Parc véhicules {company} :\n- {plate1}\n- {plate2}\n- conducteur principal : {p1.full}",
    "Interlocuteurs :\n  - décideur : {p1.civln} ({role})\n  - technique : {p2.fl}, {p2.mob}\n  - à éviter : le standard",
    "Nouveau contact\n– {p1.full}\n– {p1.adrml}\n– {p1.tel}",
    "Fiche entreprise :\n- Raison sociale : {company}\n- SIREN : {siren}\n- Dirigeant : {p1.fl}\n- Tél : {p1.tel}",
    "Fournisseur {company}\n• SIRET : {siret}\n• interlocuteur : {p1.civln}, {p1.mail}\n• IBAN fournisseur : {p1.iban}",
    "Veille prospects :\n- {p1.fl} ({role}) : {p1.url}\n- {p2.fl} : {p2.url}\n- {p3.fl} : {p3.lkd}",
    "Connexions suspectes sur le compte de {p1.fl} :\n- {ip}\n- {ip2}\n- {ip3}",
]


class Ctx2(Ctx):
    def simple(self, name):
        if name in ("plate1", "plate2"):
            return [("FR_LICENSE_PLATE", plate())]
        return super().simple(name)


# ---------------------------------------------------------------------------
# E-mails, signatures, threads
# ---------------------------------------------------------------------------
GREET_CLIENT = ["Bonjour {p1.fn},", "Bonjour {p1.civl} {p1.ln},", "{p1.cher} {p1.fn},", "Hello {p1.fn} !",
                "Madame, Monsieur,", "Bonjour,", "Bonsoir {p1.fn},", "{p1.fn},", "Bonjour {p1.fl},",
                "{p1.cher} {p1.civl} {p1.ln},", "Salut {p1.fn},"]
GREET_STAFF = ["Bonjour {r.fn},", "Bonjour,", "Hello {r.fn},", "Madame, Monsieur,", "Bonjour à tous,",
               "Bonjour {r.civl} {r.ln},", "{r.cher} {r.fn},"]
BODY_TO_CLIENT = [
    "Suite à notre échange de ce jour, je vous adresse ci-joint la proposition pour « {product} » ({amount}).",
    "Je reviens vers vous concernant la facture {order}, qui reste impayée à ce jour.",
    "Comme convenu au téléphone, notre technicien passera le {date} entre {time} et {time2}.",
    "Pourriez-vous me confirmer votre adresse de livraison ? Nous avons actuellement : {p1.adr}.",
    "Votre dossier a bien été transmis à notre service juridique.",
    "Je vous confirme la résiliation de votre {product} à compter du {date}.",
    "Vous trouverez en pièce jointe le récapitulatif de votre commande {order}.",
    "Pour finaliser l'ouverture du compte, il nous manque votre RIB et une pièce d'identité.",
    "N'hésitez pas à me joindre directement sur mon portable au {r.mob}.",
    "Nous avons bien noté votre nouvelle adresse e-mail ({p1.pmail}) ; l'ancienne sera supprimée.",
]
BODY_FROM_CLIENT = [
    "Je n'ai toujours pas reçu ma commande {order} passée le {date}. Pouvez-vous me rappeler au {p1.tel} ?",
    "Voici mes nouvelles coordonnées bancaires pour le prélèvement : {p1.iban}.",
    "Je vous informe de mon déménagement au {p1.adr} à compter du {date}.",
    "Merci de bien vouloir me faire parvenir le devis pour « {product} ».",
    "Ma date de naissance est erronée sur le contrat : c'est le {p1.dob}, pas le {date}.",
    "Je souhaite résilier mon abonnement, merci de me confirmer par retour de mail.",
    "Suite à notre RDV, je vous confirme notre intérêt pour « {product} ».",
    "Vous pouvez aussi joindre mon associé, {p2.full}, au {p2.tel}.",
    "Pour me répondre, mon adresse personnelle est {p1.omail} (je l'écris ainsi à cause du spam).",
    "Je suis actuellement à l'étranger, joignable au {p1.intl}.",
    "Mon numéro de sécurité sociale, comme demandé par votre service : {p1.nir}.",
    "La carte enregistrée ({p1.cb}) a expiré, je vous envoie la nouvelle par courrier.",
    "Je vous mets en copie {p2.fl}, qui reprend le dossier à partir de lundi.",
    "Mon véhicule ({p1.plate}) est toujours immobilisé au garage, aucune nouvelle de l'expert.",
    "Je n'arrive plus à me connecter depuis ce matin (adresse IP {ip}), pouvez-vous regarder ?",
]
CLOSINGS = ["Cordialement,", "Bien à vous,", "Bonne journée,", "Cdlt,", "Merci d'avance,", "Bien cordialement,",
            "À bientôt,", "Sincères salutations,", "Belle journée,", "Merci,", "Bonne réception,", "Cordialement"]


def sig_staff():
    return ch([
        "{r.fl}\n{role} – {our}\nTél. {stdtel} | Mob. {r.mob}\n{r.mail}",
        "{r.full}\n{our}\n{r.mail}",
        "--\n{r.fl}\n{role}\nLigne directe : {r.fix}",
        "{r.fn}\n{our} — Service clients\n{ourmail}",
        "{r.fl} | {our}\nM : {r.mob}\nLinkedIn : {r.lkd}",
        "{r.init}\n{role}, {our}",
        "{r.fLN}\nT {stdtel}\n{r.mail}",
    ])


def sig_client():
    return ch([
        "{p1.fl}\n{p1.tel}",
        "{p1.full}\n{role} – {company}\nTél : {p1.tel}\n{p1.mail}",
        "{p1.fn}",
        "{p1.civfull}",
        "{p1.fl}\n{p1.adrml}\n{p1.tel}",
        "--\n{p1.fl}\n{company}\nMob : {p1.mob}\nSIRET : {siret}",
        "{p1.full}\nEnvoyé de mon iPhone",
        "{p1.fl}\n{p1.url}",
        "{p1.init}\n{company}\n{p1.fix}",
        "{p1.fl}\n{role} – {company} (SIREN {siren})\n{p1.tel}",
        "{p1.fl}\n{p1.lkd}",
    ])


class Ctx3(Ctx2):
    pass


def email_text(ctx, to_client=None, body_n=None):
    if to_client is None:
        to_client = chance(0.5)
    lines = []
    if to_client:
        lines.append(ch(GREET_CLIENT))
        lines.append("")
        for b in R.sample(BODY_TO_CLIENT, body_n or R.randint(1, 3)):
            lines.append(b)
        lines.append("")
        lines.append(ch(CLOSINGS))
        sig = sig_staff()
        lines.append(sig)
    else:
        lines.append(ch(GREET_STAFF))
        lines.append("")
        for b in R.sample(BODY_FROM_CLIENT, body_n or R.randint(1, 3)):
            lines.append(b)
        lines.append("")
        lines.append(ch(CLOSINGS))
        lines.append(sig_client())
    return "\n".join(lines)


DAYS_FULL = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
SUBJECTS = ["RE: devis {order}", "Demande de rappel", "Votre commande {order}", "TR: Réclamation facture {order}",
            "Changement de coordonnées", "Résiliation contrat", "Proposition commerciale {product}",
            "RE: RDV du {date}", "Fwd: dossier {order}", "Relance impayé", "Re: Re: livraison", "Question",
            "TR: contrat {product}", "Urgent - prélèvement"]


def header_block(ctx, sender, to, cc=None, english=False):
    d = ch([f"{ch(DAYS_FULL)} {R.randint(1, 28)} {ch(MOIS)} {R.choice([2024, 2025])} {R.randint(8, 19):02d}:{R.randint(0, 59):02d}",
            f"{R.randint(1, 28):02d}/{R.randint(1, 12):02d}/{R.choice([2024, 2025])} {R.randint(8, 19):02d}:{R.randint(0, 59):02d}",
            f"{ch(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])}, {R.randint(1, 28)} {ch(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Sep', 'Oct'])} 2024 {R.randint(8, 19)}:{R.randint(10, 59)}"])
    name_form = ch(["{x.fl} <{x.mail}>", "{x.full} <{x.mail}>", "{x.mail}", "\"{x.LNfn}\" <{x.mail}>",
                    "{x.fl} [mailto:{x.mail}]"])
    to_form = ch(["{x.fl} <{x.mail}>", "{x.mail}", "{x.full}"])
    if english:
        lines = ["From: " + name_form.replace("x.", sender + "."), f"Sent: {d}", "To: " + to_form.replace("x.", to + ".")]
        if cc:
            lines.append("Cc: {" + cc + ".mail}")
        lines.append("Subject: " + ch(SUBJECTS))
    else:
        lines = ["De : " + name_form.replace("x.", sender + "."),
                 ch([f"Envoyé : {d}", f"Date : {d}", f"Envoyé le : {d}"]),
                 "À : " + to_form.replace("x.", to + ".")]
        if cc:
            lines.append("Cc : {" + cc + ".mail}")
        lines.append("Objet : " + ch(SUBJECTS))
    return "\n".join(lines)


def thread_text(ctx):
    parts = []
    n = R.randint(2, 4)
    english = chance(0.15)
    client = "f1" if english else "p1"
    if chance(0.5):
        parts.append(ch(["Pour info, voir ci-dessous.", "{r2.fn}, peux-tu traiter ?", "À classer dans la fiche client.",
                         "FYI", "Je te transfère, c'est pour toi {r2.fn}.", "cf échange ci-dessous, à rappeler."]))
        parts.append("")
        parts.append(ch(["---------- Message transféré ---------", "-----Message d'origine-----",
                         "________________________________", "-------- Original Message --------"]))
    for i in range(n):
        from_client = (i % 2 == 0) if chance(0.7) else chance(0.5)
        snd, rcv = (client, "r") if from_client else ("r", client)
        cc = "p2" if (i == 0 and chance(0.3)) else None
        if i > 0:
            parts.append("")
            if chance(0.5):
                parts.append(header_block(ctx, snd, rcv, cc, english))
            else:
                parts.append("Le {date%d} à {time%d}, " % (i, i) + ch(["{%s.fl}" % snd, "{%s.full}" % snd]) + " <{%s.mail}> a écrit :" % snd)
        else:
            parts.append(header_block(ctx, snd, rcv, cc, english))
        parts.append("")
        if english:
            if from_client:
                body = ch(["Hi {r.fn},", "Dear {r.fn},", "Hello,"]) + "\n" + ch([
                    "Please find my new phone number: {f1.intl}.",
                    "Could you send the invoice to my home address: {f1.adr}?",
                    "Our order {order} has not arrived yet. Can you check?",
                    "I will be in Paris on {date}, let's meet. You can reach me on {f1.tel}."]) + "\nBest regards,\n{f1.fl}"
            else:
                body = ch(["Dear {f1.fn},", "Hello {f1.fn},", "Hi {f1.fn},"]) + "\n" + ch([
                    "Thank you for your message, I forwarded it to our billing team.",
                    "Please call me back on {r.mob} at your convenience.",
                    "I confirm the delivery for {date}."]) + "\nKind regards,\n{r.fl}\n{our}"
        else:
            ctx_body = email_text(ctx, to_client=not from_client, body_n=R.randint(1, 2))
            if snd == "r" or rcv == "r":
                pass
            body = ctx_body
        if i > 0 and chance(0.4):
            body = "\n".join("> " + l if l else ">" for l in body.split("\n"))
        parts.append(body)
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# Long kinds
# ---------------------------------------------------------------------------
def minutes_text(ctx):
    lines = [ch(["Compte rendu réunion du {date}", "CR réunion {company} – {date}", "Réunion de lancement {product}",
                 "COMPTE-RENDU COPIL {date}", "Minutes réunion {date} ({town})", "CR visio {date}"])]
    if chance(0.5):
        lines.append("Lieu : " + ch(["visio Teams", "locaux de {company}", "salle Everest", "agence de {town}", "téléphone"]))
    n_att = R.randint(2, 5)
    pk = ["p1", "p2", "p3", "p4", "p5"][:n_att]
    if chance(0.5):
        lines.append("Présents : " + ", ".join(ch(["{%s.fl}", "{%s.full}", "{%s.civln}", "{%s.init}"]) % k +
                                                ch(["", " ({company})", " ({role})", ""]) for k in pk) + ", {r.fl} ({our})")
    else:
        lines.append(ch(["Participants :", "Présents :", "Étaient présents :"]))
        for k in pk:
            lines.append(ch(["- ", "• ", "* "]) + ch(["{%s.fl}", "{%s.full}", "{%s.civln}", "{%s.LNfn}"]).replace("%s", k)
                         + ch([" – {role}", " ({company})", "", " – {role}, {company}"]))
        lines.append(ch(["- ", "• ", "* "]) + "{r.fl} – {our}")
    if chance(0.5):
        lines.append("Excusé" + ch(["s", "(e)s", ""]) + " : {r2.fl}")
    lines.append("")
    lines.append(ch(["Ordre du jour :", "Points abordés :", "ODJ"]))
    topics = ["bilan de la phase pilote ({version})", "planning de déploiement sur {town}", "budget : {amount} validé",
              "retours utilisateurs ({product})", "renouvellement du contrat {order}", "formation des équipes",
              "migration des données, hébergement", "conditions tarifaires 2025"]
    for i, t in enumerate(R.sample(topics, R.randint(2, 4)), 1):
        lines.append(f"{i}. {t}")
    lines.append("")
    lines.append(ch(["Décisions / actions :", "Actions :", "Relevé de décisions"]))
    acts = ["- {r.fn} envoie le devis à {p1.fn} avant le {date2}",
            "- {p2.fn} transmet la liste des utilisateurs",
            "- {p1.civln} valide le budget en interne",
            "- nouveau contact facturation : {p3.fl}, {p3.mail}, {p3.tel}",
            "- {r2.fn} organise la formation à {town}",
            "- {p2.fl} fournit les accès VPN (IP fixe {ip4})",
            "- relance de {p1.ln} si pas de retour sous 8 jours",
            "- envoyer le CR à {p1.mail} et {p2.mail}",
            "- {f1.fl} (partenaire) rappelle depuis l'étranger : {f1.tel}",
            "- contact distributeur : {f2.fl}, {f2.mail}, {f2.intl}"]
    for a in R.sample(acts, R.randint(2, 4)):
        lines.append(a)
    if chance(0.6):
        lines.append("")
        lines.append("Prochaine réunion : {date3}" + ch(["", " à {time}", " en visio"]))
    if chance(0.3):
        lines.append("Rédigé par {r.init}")
    return "\n".join(lines)


def complaint_text(ctx):
    head = ch([
        "{p1.fl}\n{p1.adrml}\nTél : {p1.tel}\n{p1.mail}",
        "{p1.civfull}\n{p1.adrml}",
        "{p1.LNfn}\n{p1.adrml}\n{p1.tel}",
        "Expéditeur : {p1.fl}, {p1.adr}",
    ])
    dest = ch(["{company}\nService Réclamations", "À l'attention du service clients {company}", "{company} – Service consommateurs",
               "Service contentieux\n{company}"])
    place = "{town}, le {date}"
    obj = ch(["Objet : réclamation – commande {order}", "Objet : contestation facture {order}",
              "Objet : mise en demeure", "Objet : demande de remboursement", "Objet : Réclamation dossier {order}",
              "Lettre recommandée avec AR\nObjet : litige {product}"])
    opening = ch(["Madame, Monsieur,", "Madame, Monsieur,", "Monsieur le Directeur,", "À qui de droit,"])
    body = R.sample([
        "Le {date}, j'ai commandé « {product} » pour un montant de {amount}. À ce jour, je n'ai rien reçu malgré mes nombreuses relances.",
        "Votre conseiller, {r.civln}, m'avait pourtant assuré au téléphone que le problème serait réglé sous 48 heures.",
        "J'ai été prélevé deux fois sur mon compte ({p1.iban}) pour la même facture.",
        "Je vous rappelle que le contrat est au nom de {p2.conj}, {p2.fl}, né{p2.e} le {p2.dob}.",
        "Le technicien venu le {date2} n'a pas pu intervenir faute de pièce, et je suis resté sans chauffage.",
        "Je vous prie de bien vouloir procéder au remboursement sur ma carte bancaire n° {p1.cb}.",
        "Mon véhicule immatriculé {p1.plate} a été endommagé lors de l'intervention de votre dépanneur.",
        "Pour toute question, vous pouvez me joindre au {p1.mob} en semaine après 18h.",
        "{p2.parent}, {p2.civln}, âgé{p2.e} de 87 ans, a été démarché{p2.e} à domicile de manière abusive.",
        "Sans réponse de votre part sous quinze jours, je saisirai le médiateur de la consommation.",
        "Je joins à ce courrier la copie de ma facture et de mon relevé de compte.",
        "Je précise que mon numéro de sécurité sociale ({p1.nir}) figure par erreur sur votre courrier du {date2}.",
    ], R.randint(2, 4))
    close = ch(["Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
                "Veuillez agréer mes salutations.", "Dans l'attente de votre réponse, je vous prie d'agréer mes sincères salutations.",
                "Cordialement."])
    sign = ch(["{p1.fl}", "{p1.full}", "{p1.init}", "{p1.fLN}", "(signé) {p1.fl}"])
    parts = [head, "", dest, "", place, "", obj, "", opening, "", "\n\n".join(body), "", close, "", sign]
    if chance(0.35):  # shorter version pasted in a note
        parts = [obj, "", opening, "\n".join(body), close, sign]
    if chance(0.2):
        parts = ["Réclamation reçue par courrier, retranscrite :", ""] + parts
    return "\n".join(parts)


LOG_LEVELS = ["INFO", "WARN", "ERROR", "DEBUG"]


def log_line(ip_slot):
    ts = f"2024-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}"
    msg = ch(["auth failed for account {p1.mail} from {%s}", "login OK from {%s}", "connection refused {%s}",
              "session opened src={%s}", "GET /api/v2/orders 502 client={%s}", "TLS handshake timeout peer={%s}",
              "rate limit exceeded ip={%s}", "sync ok ({version}) from {%s}", "POST /login 401 {%s}"])
    return f"{ts} {ch(LOG_LEVELS)} " + msg.replace("%s", ip_slot)


def ticket_text(ctx):
    lines = [ch(["Ticket {ticket}", "Ticket {ticket} — Priorité : " + ch(["Haute", "Moyenne", "Basse", "P1"]),
                 "[{ticket}] Incident connexion", "INCIDENT {ticket}", "Demande support {ticket}"])]
    lines.append(ch(["Client : {p1.fl} ({company})", "Demandeur : {p1.full}", "Contact : {p1.civln} – {company}",
                     "Utilisateur : {p1.mail}"]))
    if chance(0.6):
        lines.append(ch(["Contact : {p1.mail} / {p1.tel}", "Tél : {p1.tel}", "Joignable au {p1.tel}", "Email : {p1.mail}"]))
    lines.append(ch(["Description : impossible de se connecter au portail depuis la MAJ {version}.",
                     "Description : l'utilisateur signale des lenteurs sur l'application ({version}).",
                     "Symptôme : erreur 502 à l'ouverture du module facturation.",
                     "Le client voit des connexions inconnues sur son compte.",
                     "Problème d'impression sur {product}, firmware {version}."]))
    if chance(0.85):
        fence = chance(0.25)
        lines.append("```" if fence else ch(["Logs :", "Extrait des logs :", "--- logs ---"]))
        ips = ["ip", "ip2", "ip3"]
        for _ in range(R.randint(1, 5)):
            lines.append(log_line(ch(ips)))
        if fence:
            lines.append("```")
    if chance(0.4):
        lines.append(ch(["IP poste client : {ip4}", "Adresse IPv6 de la box : {ip6}", "Passerelle : {ip4}",
                         "VPN sortant : {ip4}"]))
    lines.append(ch(["Assigné à : {r.fl}", "Technicien : {r.fn}", "Pris en charge par {r.init}", "Statut : en cours",
                     "Escaladé N2 ({r2.fn})"]))
    if chance(0.3):
        lines.append("Workaround : vider le cache et relancer en {version2}.")
    return "\n".join(lines)


CSV_COLS = {
    "nom": ("PERSON", lambda p: p.last.upper() if chance(0.5) else p.last),
    "prenom": ("PERSON", lambda p: p.first),
    "nom_complet": ("PERSON", lambda p: p.full_value()),
    "email": ("EMAIL_ADDRESS", lambda p: p.email()),
    "tel": ("PHONE_NUMBER", lambda p: fr_phone()),
    "mobile": ("PHONE_NUMBER", lambda p: fr_phone("mob")),
    "adresse": ("LOCATION", lambda p: fr_address()),
    "date_naissance": ("DATE_TIME", lambda p: fmt_dob(p.year, p.month, p.day)),
    "iban": ("IBAN_CODE", lambda p: iban()),
    "immat": ("FR_LICENSE_PLATE", lambda p: plate()),
    "nir": ("FR_NIR", lambda p: nir(1 if p.g == "m" else 2, p.year, p.month)),
    "carte": ("CREDIT_CARD", lambda p: credit_card()),
    "ip": ("IP_ADDRESS", lambda p: ip_any()),
    "linkedin": ("URL", lambda p: p.url()),
    "client_id": (PLAIN, lambda p: f"C{R.randint(10000, 99999)}"),
    "montant": (PLAIN, lambda p: f"{R.randint(10, 9999)},{R.randint(0, 99):02d}"),
    "date_cde": (PLAIN, lambda p: f"{R.randint(1, 28):02d}/{R.randint(1, 12):02d}/2024"),
    "statut": (PLAIN, lambda p: ch(["actif", "résilié", "prospect", "en attente", "VIP"])),
    "produit": (PLAIN, lambda p: ch(PRODUCTS)),
    "agence": (PLAIN, lambda p: ch(TOWNS)[1]),
    "civilite": (PLAIN, lambda p: p.civ()),
}
CSV_SETS = [
    ["client_id", "civilite", "nom", "prenom", "email", "tel"],
    ["nom", "prenom", "date_naissance", "nir"],
    ["nom_complet", "mobile", "adresse"],
    ["client_id", "nom_complet", "iban", "montant"],
    ["nom", "prenom", "immat", "agence"],
    ["email", "ip", "date_cde", "statut"],
    ["nom_complet", "email", "produit", "montant"],
    ["prenom", "nom", "tel", "email", "adresse", "statut"],
    ["client_id", "nom", "carte", "montant", "date_cde"],
    ["nom_complet", "linkedin", "email"],
    ["civilite", "nom", "prenom", "date_naissance", "mobile"],
]
CSV_HEADER_ALIASES = {"nom": ["nom", "NOM", "Nom", "last_name"], "prenom": ["prenom", "Prénom", "PRENOM", "first_name"],
                      "nom_complet": ["client", "Nom complet", "contact", "name"], "email": ["email", "mail", "E-mail", "courriel"],
                      "tel": ["tel", "téléphone", "Tel", "phone"], "mobile": ["mobile", "portable", "mob"],
                      "adresse": ["adresse", "Adresse postale", "address"], "date_naissance": ["date_naissance", "DDN", "né(e) le", "dob"],
                      "iban": ["iban", "IBAN"], "immat": ["immat", "plaque"], "nir": ["nir", "num_secu", "NIR"],
                      "carte": ["carte", "pan", "CB"], "ip": ["ip", "last_ip", "IP"], "linkedin": ["linkedin", "profil"],
                      "client_id": ["id", "client_id", "ref"], "montant": ["montant", "total_ttc"], "date_cde": ["date", "date_cde"],
                      "statut": ["statut", "status"], "produit": ["produit", "offre"], "agence": ["agence"],
                      "civilite": ["civ", "civilité"]}


def csv_text(ctx):
    cols = ch(CSV_SETS)
    sep = ch([";", ";", ",", "\t", "|"])
    header = chance(0.65)
    segs = []
    if chance(0.2):
        segs.append((PLAIN, ch(["Export CRM du " + meeting_date() + " :\n", "Extrait fichier prospects\n",
                                "Liste reçue de la compta :\n"])))
    if header:
        segs.append((PLAIN, sep.join(ch(CSV_HEADER_ALIASES[c]) for c in cols) + "\n"))
    nrows = R.randint(1, 7)
    for r in range(nrows):
        p = Person(foreign=None)
        for j, c in enumerate(cols):
            typ, gen = CSV_COLS[c]
            v = gen(p)
            quote = (sep in v) or ("\n" in v) or (sep == "," and " " in v and chance(0.3)) or chance(0.05)
            if quote:
                segs.append((PLAIN, '"'))
            segs.append((typ, v))
            if quote:
                segs.append((PLAIN, '"'))
            if j < len(cols) - 1:
                segs.append((PLAIN, sep))
        if r < nrows - 1:
            segs.append((PLAIN, "\n"))
    return segs


# ---------------------------------------------------------------------------
# Negatives (no personal data at all; traps only)
# ---------------------------------------------------------------------------
NEG = [
    "Réunion avec le service achats de {company} le {date} à {time} : validation de l'offre {product} pour {amount}.",
    "Commande {order} expédiée depuis l'entrepôt de {town} ({cp}). Livraison prévue {date}.",
    "MAJ serveur en {version}, redémarrage prévu {date} à 22h. Prévenir les clients grands comptes.",
    "Facture {order} de {amount} réglée par virement le {date}.",
    "Le client (PME du BTP, 45 salariés, basée à {town}) demande une démo du module {product}.",
    "Ticket {ticket} : erreur 502 après mise à jour {version} ; rollback en {version2} OK.",
    "Salon professionnel de {town} du {date} au {date2} : stand B12, 3 badges à commander.",
    "Contrat {order} renouvelé jusqu'au 31/12/2025, indexation de 2,5 %.",
    "Siège de {company} transféré à {town} ({cp}) depuis le {date}.",
    "Livraison de 20 sacs de pierre concassée et d'un lot de dalles couleur rose pâle pour le chantier de {town}.",
    "Le client veut le coloris bleu marine et non le gris anthracite. Ajuster la commande {order}.",
    "Devis {order} : 12 bidons d'huile d'olive bio, {amount}. Paiement à 30 jours.",
    "C'est clair : pas de remise supplémentaire au-delà de 8 %. Position validée par la direction commerciale.",
    "Carte finissant par {last4} refusée, le client va contacter sa banque.",
    "BIC du fournisseur : {bic}. En attente du RIB complet pour valider le virement.",
    "Appel du standard de {company} : ils décalent la réunion au {date}, même heure ({time}).",
    "Relance automatique envoyée pour la facture {order} ({amount}), échéance dépassée de 15 jours.",
    "Note interne : la campagne France Travail démarre le {date}, cibler les agences d'intérim de {town}.",
    "Visite de l'usine {company} à {town} prévue {date}. Prévoir EPI et badge visiteur.",
    "Tarifs 2025 : {product} à {amount} par mois, {product2} à {amount2}.",
    "Le prospect utilise encore la {version} du logiciel, incompatible avec le connecteur.",
    "Colis {order} retourné à l'expéditeur, adresse incomplète. Voir avec la logistique.",
    "RDV annulé par le client pour cause de grève SNCF, à reprogrammer semaine prochaine.",
    "Point hebdo équipe commerciale : CA du mois {amount}, objectif atteint à 94 %.",
    "Résiliation reçue pour le contrat {order}, prise d'effet le {date}.",
    "Intervention chez {company} : remplacement du routeur, firmware {version}, test OK.",
    "Agence de Lyon (69003) fermée le {date} pour inventaire.",
    "Page blanche à l'impression des factures PDF depuis la {version}. Bug remonté à l'éditeur.",
    "Le client hésite entre « {product} » et « {product2} ». Renvoyer la grille comparative.",
    "Fournisseur : {company2}. Délai de livraison annoncé : 6 semaines. Acompte de 30 % versé.",
    "Demande de devis reçue via le formulaire du site, secteur restauration, 3 établissements en Bretagne.",
    "Avoir {order} émis pour {amount} suite au litige sur la livraison du {date}.",
    "Clinique Saint-Roch : extension du contrat de maintenance à 2 nouveaux bâtiments.",
    "Audit sécurité planifié {date} ; périmètre : serveurs de prod et postes de l'agence de {town}.",
    "Nouveau tarif transport au départ de {town} : {amount} la palette.",
    "Le dossier {order} est bloqué en attente du bon de commande signé.",
    "Réunion de lancement avec l'équipe projet {company} : planning validé, recette le {date}.",
    "Taux de TVA corrigé sur la facture {order} (20 % au lieu de 10 %).",
    "Mise en production {version} reportée au {date}, tests de non-régression KO sur le module export.",
    "Le client souhaite une livraison après {time}, quai n° 4, accès poids lourds par l'arrière.",
    "Appel entrant du service comptabilité de {company} : ils attendent l'avoir avant de régler {order}.",
    "Rappel : fermeture de l'agence de {town} du {date} au {date2}, permanence assurée par l'agence de {town2}.",
    "Le DAF de {company} valide le budget de {amount} mais demande un paiement en trois fois.",
    "La responsable achats souhaite recevoir la fiche technique du {product} avant le {date}.",
    "Démo faite à l'équipe informatique de {company}. Retour positif, sauf sur l'export CSV (bug connu en {version}).",
    "Livraison partielle : 14 cartons sur 20, reliquat prévu {date}. Bon de livraison {order}.",
    "Prix révisé : {amount} au lieu de {amount2}, remise fidélité de 5 % incluse.",
    "Le client demande si la Marine nationale fait partie de nos références. Réponse : oui, via un marché public de 2021.",
    "Fromagerie Marine : 3 caisses enregistreuses à remplacer, devis à faire avant fin de mois.",
    "Terres d'Olive passe en prélèvement mensuel à partir du {date}.",
    "Cave Saint-Pierre : commande {order} de 120 cartons, livraison au dépôt de {town} ({cp}).",
    "Hôtel Claire-Fontaine demande un audit Wi-Fi pour ses 48 chambres, budget annoncé {amount}.",
    "Camping Les Flots Bleus : ouverture de saison le {date}, besoin de 6 TPE supplémentaires.",
    "Atelier Blanche : maquette validée, impression de 500 exemplaires lancée.",
    "Le magasin de {town} signale une panne de la caisse n° 3 depuis la mise à jour {version}.",
    "Retour SAV : écran cassé à la livraison, photos reçues, échange standard accordé.",
    "Marché public remporté pour la communauté de communes (lot 2), notification reçue le {date}.",
    "Relevé de compteur transmis : 48 213 kWh. Facture de régularisation {order} à émettre.",
    "Visio avec le comité de direction de {company} décalée à {time}.",
    "Le client est passé en procédure de sauvegarde, bloquer toute nouvelle commande.",
    "Code promo PRINTEMPS24 appliqué par erreur sur la commande {order}, à corriger.",
    "Les prix de la grille 2025 augmentent de 3,2 % en moyenne (+ {amount} sur le pack complet).",
    "Réclamation transporteur ouverte pour le colis {order}, valeur déclarée {amount}.",
    "Le prospect compare avec deux concurrents, décision attendue au comité du {date}.",
    "Pas de réponse du standard, rappeler l'accueil de l'agence de {town} demain matin.",
    "Migration vers le nouveau serveur effectuée, version {version}, aucun incident.",
    "Le client veut un rose plus soutenu pour les étiquettes et un vert olive pour les boîtes.",
    "Pierre de taille livrée abîmée sur le chantier de {town}, avoir à prévoir.",
    "Blanche ou écrue ? Le client n'a pas encore choisi la couleur de la façade.",
    "Fête de la Saint-Martin : fermeture anticipée de l'agence de {town} à {time}.",
    "Le contrat cadre avec {company} court jusqu'au {date}, reconduction tacite d'un an.",
    "Inventaire de l'entrepôt de {town} : écart de 12 unités sur la référence REF-{n1}.",
    "Formation « Prise en main du {product} » planifiée le {date} de {time} à {time2}.",
    "Webinaire du {date} : 48 inscrits, 31 présents, 9 demandes de démo.",
    "Ticket {ticket} fermé sans réponse du client après 3 relances.",
    "Remboursement de {amount} effectué par virement, référence VIR-{n2}.",
    "L'agence de Rennes (35000) reprend le portefeuille de l'agence de Vannes.",
    "Prochain comité de pilotage le {date} à {time}, salle Mont-Blanc, 2e étage.",
    "Erreur 404 sur la page tarifs du site, signalée à l'agence web.",
    "Version mobile {version} publiée sur les stores, correctif du crash au démarrage.",
    "Le client veut être facturé au siège et livré sur le site de production de {town}.",
    "Dossier transmis au service contentieux, montant dû {amount}, mise en demeure envoyée le {date}.",
]
NEG_LONG = [
    "Bonjour,\n\nVeuillez trouver ci-joint le devis {order} pour « {product} ».\nMontant total : {amount}.\nValidité : 30 jours.\n\nCordialement,\nLe service commercial\n{our}",
    "Compte rendu réunion du {date}\nPrésents : service achats {company}, équipe projet {our}\n\n1. Bilan pilote ({version})\n2. Budget : {amount}\n3. Planning : déploiement {town} puis {town2}\n\nProchaine réunion : {date2}",
    "Ticket {ticket}\nDescription : erreur de synchronisation après mise à jour {version}\nEnvironnement : serveur de recette, build interne\nStatut : résolu en {version2}",
    "ref;produit;qte;prix_ht\nA-{n1};{product};{q1};{p1}\nB-{n2};{product2};{q2};{p2}",
    "date;agence;code_postal;ca\n2024-03-01;{town};{cp};{amount}\n2024-03-02;{town2};{cp2};{amount2}",
    "À faire :\n- relancer {company} pour le bon de commande {order}\n- préparer la démo {product}\n- vérifier l'avoir {order2}",
    "Objet : {product} – conditions 2025\n\nMadame, Monsieur,\n\nNous vous informons que les tarifs évoluent au 1er janvier. L'offre « {product} » passe à {amount}.\n\nLe service clients",
    "RAPPEL : INVENTAIRE ANNUEL LE {date}, AGENCE DE {town_up} FERMÉE TOUTE LA JOURNÉE.",
    "commande {order} livrée à l'agence de {town}, manque 2 cartons, réserve faite sur le bon",
    "ODJ comité du {date} :\n• résultats T3 ({amount})\n• ouverture agence {town}\n• renouvellement flotte véhicules\n• questions diverses",
    "Intervention {ticket} clôturée.\nMatériel : {product}, firmware {version}.\nTemps passé : 2h30.\nAucune pièce remplacée.",
    "SMS envoyé à la liste « clients pros » : promo -15 % sur « {product} » jusqu'au {date}.",
    "--- logs ---\n2024-06-12 08:14:02 INFO service started ({version})\n2024-06-12 08:14:05 WARN disk usage 91 % on /var\n2024-06-12 08:15:40 ERROR timeout after 30000 ms (job export-{n1})",
    "sku,libelle,stock,seuil\nREF-{n1},{product},{q1},10\nREF-{n2},{product2},{q2},5",
    "Point mensuel {company}\n- CA cumulé : {amount}\n- tickets ouverts : {q1}\n- satisfaction : 8,4/10\n- prochain point : {date}",
    "Bonjour,\n\nLa livraison prévue le {date} est décalée au {date2} suite à une rupture chez notre fournisseur.\nNous vous prions de nous excuser pour ce contretemps.\n\nLe service logistique",
    "CR réunion interne {date}\n- objectifs T4 : +12 %\n- lancement « {product} » en janvier\n- recrutement de 2 commerciaux sur {town}\n- salon de {town2} : stand à réserver",
    "RDV confirmé demain {time} à l'agence de {town}, prévoir la démo sur tablette.",
    "ok pr la livraison jeudi, quai 2, avant {time} stp",
    "Objet : maintenance planifiée\n\nUne intervention aura lieu le {date} de 22h à 2h. Les services {product} seront indisponibles.\n\nL'équipe technique {our}",
    "date\tmagasin\tventes\n{date}\t{town}\t{q1}\n{date2}\t{town2}\t{q2}",
    "Incident {ticket}\nServeur : srv-prod-0{q1}\nVersion : {version}\nCause : certificat expiré\nRésolu le {date2}",
]


class NegCtx(Ctx2):
    def simple(self, name):
        if name == "bic":
            return [(PLAIN, ch(["CEPAFRPP313", "AGRIFRPP882", "BNPAFRPPXXX", "SOGEFRPP", "CMCIFR2A", "CCBPFRPPNAN"]))]
        if name in ("n1", "n2"):
            return [(PLAIN, str(R.randint(100, 9999)))]
        if name in ("q1", "q2"):
            return [(PLAIN, str(R.randint(1, 250)))]
        if name in ("p1", "p2"):
            return [(PLAIN, f"{R.randint(1, 999)},{R.randint(0, 99):02d}")]
        if name == "cp2":
            return [(PLAIN, ch(TOWNS)[0])]
        if name == "town_up":
            return [(PLAIN, ch(TOWNS)[1].upper())]
        return super().simple(name)

    def get(self, name):
        if "." in name and not name.startswith("de:"):
            raise KeyError("negative templates must not use persons: " + name)
        return super().get(name)


def negative_segs():
    ctx = NegCtx()
    if chance(0.3):
        segs = fill(ch(NEG_LONG), ctx)
    elif chance(0.45):
        ts = R.sample(NEG, R.randint(2, 3))
        sep = ch(["\n", " ", "\n- "])
        segs = fill((("- " if sep == "\n- " else "") + sep.join(ts)), ctx)
    else:
        segs = fill(ch(NEG), ctx)
    st = R.random()
    if st < 0.12:
        segs = transform(segs, str.upper)
    elif st < 0.24:
        segs = transform(segs, str.lower)
    elif st < 0.32:
        segs = transform(segs, strip_accents)
    return segs


# ---------------------------------------------------------------------------
# Kind builders
# ---------------------------------------------------------------------------
class FullCtx(Ctx3):
    pass


def with_traps(t):
    """Occasionally append a trap sentence to a positive text."""
    if chance(0.15):
        t += ch(["\nRéf. commande {order}, montant {amount}.", " (agence de {town})", "\nVersion installée : {version}.",
                 " RDV suivant le {date} à {time}.", "\nPS : salon de {town} le {date}."])
    return t


def build(kind):
    ctx = FullCtx()
    if kind == "call":
        return fill(with_traps(ch(CALL)), ctx)
    if kind == "sms":
        return fill(ch(SMS), ctx)
    if kind == "bullets":
        return fill(with_traps(ch(BULLETS)), ctx)
    if kind == "email":
        t = email_text(ctx)
        if chance(0.3):
            t = ch(["Objet : " + ch(SUBJECTS) + "\n\n", "Mail reçu le {date} :\n\n", "Copie du mail envoyé :\n"]) + t
        return fill(t, ctx)
    if kind == "thread":
        return fill(thread_text(ctx), ctx)
    if kind == "minutes":
        return fill(minutes_text(ctx), ctx)
    if kind == "complaint":
        return fill(complaint_text(ctx), ctx)
    if kind == "ticket":
        return fill(ticket_text(ctx), ctx)
    if kind == "csv":
        return csv_text(ctx)
    if kind in ("caps", "lower", "noaccent", "typo"):
        base = ch(["call", "call", "call", "sms", "sms", "bullets", "bullets", "email", "ticket", "minutes", "complaint"])
        segs = build(base)
        if kind == "caps":
            return transform(segs, str.upper)
        if kind == "lower":
            return transform(segs, str.lower)
        if kind == "noaccent":
            segs = transform(segs, strip_accents)
            if chance(0.3):
                segs = transform(segs, str.lower, plain_only=True)
            return segs
        segs = transform(segs, typo_text, plain_only=True)
        if chance(0.4):
            segs = transform(segs, str.lower, plain_only=True)
        return segs
    if kind == "negative":
        return negative_segs()
    raise ValueError(kind)


KINDS = ["call", "email", "thread", "minutes", "complaint", "ticket", "csv", "sms", "caps", "lower", "noaccent",
         "typo", "bullets"]


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
EDGE_PUNCT = set(" \t\n\r.,;:!?\"'«»()[]{}<>-–—/\\|*•")


def check(rec, segs):
    text, spans = rec["text"], rec["spans"]
    # values inserted
    vals = [(t, v) for t, v in segs if t is not PLAIN and v]
    assert len(vals) == len(spans), rec["id"]
    prev_end = -1
    for (typ, s, e), (t2, v) in zip(spans, vals):
        assert typ == t2
        assert 0 <= s < e <= len(text), (rec["id"], s, e)
        assert text[s:e] == v, (rec["id"], text[s:e], v)
        assert s >= prev_end, ("overlap", rec["id"])
        prev_end = e
        first_ok = v[0] not in EDGE_PUNCT or (typ == "PHONE_NUMBER" and v[0] in "+(")
        assert first_ok, ("leading punct", rec["id"], v)
        assert v[-1] not in EDGE_PUNCT, ("trailing punct", rec["id"], v)
        assert v == v.strip()
        # neighbours must not glue the value to another word
        if s > 0:
            assert not text[s - 1].isalnum(), ("glued left", rec["id"], text[max(0, s - 10):e])
        if e < len(text):
            assert not text[e].isalnum(), ("glued right", rec["id"], text[s:e + 10])
        # type-specific sanity
        digits = re.sub(r"\D", "", v)
        if typ == "CREDIT_CARD":
            assert luhn_ok(digits) and len(digits) in (15, 16), v
        if typ == "FR_NIR":
            raw = re.sub(r"[ .]", "", v).upper()
            num = raw[:13].replace("2A", "19").replace("2B", "18")
            assert len(raw) == 15 and 97 - int(num) % 97 == int(raw[13:]), v
        if typ == "FR_SIRET":
            assert len(digits) == 14 and luhn_ok(digits), v
        if typ == "FR_SIREN":
            assert len(digits) == 9 and luhn_ok(digits), v
    assert text == text.strip() or True


def iban_valid(v):
    s = re.sub(r"[\s-]", "", v).upper()
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def main():
    n_neg = round(N_TOTAL * NEG_SHARE)
    n_pos = N_TOTAL - n_neg
    plan = ["negative"] * n_neg
    for i in range(n_pos):
        plan.append(KINDS[i % len(KINDS)])
    R.shuffle(plan)

    records = []
    seen = set()
    for kind in plan:
        for _attempt in range(50):
            segs = build(kind)
            # strip outer whitespace by trimming plain edge segments
            while segs and segs[0][0] is PLAIN and segs[0][1].strip() == "":
                segs = segs[1:]
            text, spans = render(segs)
            if text in seen:
                continue
            if text.count("\n") >= 40:
                continue
            if kind != "negative" and not spans:
                continue
            if kind == "negative" and spans:
                raise AssertionError("negative with spans")
            seen.add(text)
            break
        else:
            raise RuntimeError("could not make a unique text for " + kind)
        rec = {"id": f"d-{len(records) + 1:04d}", "kind": kind, "text": text, "spans": spans}
        check(rec, segs)
        records.append(rec)

    with open(OUT, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # Re-read and re-check from disk
    per_type, per_kind = Counter(), Counter()
    n_negatives = 0
    bad_iban = 0
    lines_hist = Counter()
    with open(OUT, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec["text"]
            per_kind[rec["kind"]] += 1
            nl = text.count("\n") + 1
            lines_hist["1-6" if nl <= 6 else "7-15" if nl <= 15 else "16-25" if nl <= 25 else "26+"] += 1
            if not rec["spans"]:
                n_negatives += 1
            last = 0
            for typ, s, e in rec["spans"]:
                v = text[s:e]
                assert s >= last and v and v == v.strip()
                last = e
                per_type[typ] += 1
                if typ == "IBAN_CODE" and not iban_valid(v):
                    bad_iban += 1
    print(f"wrote {OUT}")
    print(f"texts: {len(records)}   negatives (no span): {n_negatives}")
    print("per kind:", dict(sorted(per_kind.items())))
    print("lines per text:", dict(lines_hist))
    print(f"IBANs with a wrong check (deliberate typos): {bad_iban}")
    print("per-type span counts:")
    for t, c in sorted(per_type.items(), key=lambda x: -x[1]):
        print(f"  {t:18s} {c}")
    print(f"  {'TOTAL':18s} {sum(per_type.values())}")


if __name__ == "__main__":
    main()
