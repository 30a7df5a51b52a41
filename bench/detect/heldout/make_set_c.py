#!/usr/bin/env python3
"""Held-out evaluation set C for the French PII detector.

Standalone (Python 3.11, standard library only), seeded and deterministic.
Writes set_c.jsonl next to this file: one JSON object per line,
{"id": "c-NNNN", "kind": ..., "text": ..., "spans": [[TYPE, start, end], ...]},
following bench/detect/ANNOTATION.md.

Texts are written with inline markers (E(type, value)); the markers are
removed piece by piece while the offsets are recorded, so every span is
exactly the value that was appended.

    python3 bench/detect/heldout/make_set_c.py
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
import random

SEED = 20250611
R = random.Random(SEED)
OUT = Path(__file__).resolve().parent / "set_c.jsonl"

# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------


def L(s: str) -> list[str]:
    """Split a comma/newline separated list, keep order, drop duplicates."""
    out: list[str] = []
    for x in re.split(r"[,\n]", s):
        x = x.strip()
        if x and x not in out:
            out.append(x)
    return out


def pick(seq):
    return R.choice(seq)


def chance(p: float) -> bool:
    return R.random() < p


def wpick(pairs):
    items = [a for a, _ in pairs]
    weights = [w for _, w in pairs]
    return R.choices(items, weights)[0]


def digits(n: int) -> str:
    return "".join(R.choice("0123456789") for _ in range(n))


def dnz(n: int) -> str:
    return R.choice("123456789") + digits(n - 1)


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return (s.replace("ø", "o").replace("ł", "l").replace("ı", "i")
            .replace("ß", "ss").replace("œ", "oe").replace("æ", "ae"))


def strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", s)


# --------------------------------------------------------------------------
# names (own lists, many origins)
# --------------------------------------------------------------------------

FR_M = L("""
Jean, Pierre, Michel, André, Philippe, Alain, Bernard, Jacques, Daniel, Patrick, Nicolas,
Christophe, Stéphane, Laurent, Frédéric, Éric, Julien, Sébastien, Olivier, Thierry, David,
Pascal, Guillaume, Antoine, Thomas, Maxime, Alexandre, Romain, Hugo, Lucas, Théo, Louis,
Gabriel, Arthur, Raphaël, Jules, Léo, Adam, Nathan, Mathis, Enzo, Clément, Baptiste, Quentin,
Benoît, Hervé, Gilles, Didier, Yves, Gérard, Marcel, René, Roger, Lucien, Aimé, Ange, Prosper,
Firmin, Anatole, Gaspard, Côme, Augustin, Marius, Timothée, Aurélien, Grégoire, Honoré, Évariste,
Loïc, Yann, Erwan, Gwenaël, Ronan, Tanguy, Corentin, Killian, Maël, Noé, Sacha, Léon, Félix,
Victor, Émile, Paul, Marc, Luc, Franck, Cyril, Fabrice, Ludovic, Jérôme, Régis, Bruno, Serge,
Denis, Vincent, Xavier, Rémi, Martin, Blaise, Fernand, Gaston, Armand, Edmond, Abel, Florent,
Jean-Pierre, Jean-Marc, Jean-Luc, Jean-François, Jean-Baptiste, Jean-Aimé, Pierre-Yves,
Pierre-Louis, Louis-Marie, Paul-Henri, Marc-Antoine, Jean-Michel, François-Xavier, Jean-Noël
""")
FR_F = L("""
Marie, Nathalie, Isabelle, Sylvie, Catherine, Françoise, Christine, Monique, Valérie, Sandrine,
Stéphanie, Céline, Aurélie, Julie, Émilie, Camille, Léa, Manon, Chloé, Emma, Jade, Louise, Alice,
Lina, Rose, Anna, Inès, Juliette, Zoé, Clémence, Margaux, Pauline, Laure, Claire, Hélène, Agnès,
Brigitte, Martine, Josiane, Ginette, Odile, Solange, Violette, Olive, Blanche, Capucine, Colombe,
Victoire, Constance, Prudence, Océane, Marine, Mélanie, Audrey, Élodie, Anaïs, Maëlys,
Gwendoline, Nolwenn, Soizic, Maïwenn, Bérénice, Clotilde, Mathilde, Apolline, Héloïse, Ophélie,
Noémie, Lucie, Charlotte, Sophie, Agathe, Adèle, Margot, Perrine, Delphine, Karine, Virginie,
Muriel, Corinne, Patricia, Danielle, Yvette, Simone, Paulette, Jeanne, Églantine, Aude, Estelle,
Marie-Claire, Anne-Sophie, Marie-Hélène, Anne-Laure, Marie-Christine, Marie-Noëlle, Marie-Ange,
Anne-Marie, Rose-Marie, Marie-Thérèse, Marie-José
""")
MAG_M = L("""Mohamed, Mohammed, Ahmed, Karim, Rachid, Samir, Nabil, Mehdi, Yacine, Sofiane, Bilal,
Hamza, Youssef, Omar, Khalid, Abdelkader, Mustapha, Farid, Saïd, Reda, Ayoub, Ilyes, Driss, Hicham""")
MAG_F = L("""Fatima, Khadija, Nadia, Samira, Leïla, Yasmine, Amina, Malika, Naïma, Souad, Salma,
Meriem, Zineb, Hafsa, Imane, Rania, Sarah, Nour, Dounia, Houda""")
WAF_M = L("""Mamadou, Moussa, Ousmane, Abdoulaye, Ibrahima, Cheikh, Modou, Babacar, Lamine,
Souleymane, Seydou, Aliou, Pape""")
WAF_F = L("""Aminata, Fatou, Awa, Mariama, Aïssatou, Khady, Ndèye, Coumba, Binta, Rokhaya, Adama""")
PT_M = L("João, José, António, Gonçalo, Rui, Tiago, Nuno, Duarte, Vasco, Fernando")
PT_F = L("Joana, Beatriz, Mariana, Conceição, Filipa, Leonor, Catarina, Rita")
ES_M = L("Javier, Álvaro, Sergio, Pablo, Alejandro, Iñaki, Jorge, Carlos, Diego, Unai")
ES_F = L("Lucía, María, Carmen, Paula, Nerea, Ainhoa, Pilar, Rocío, Begoña, Elena")
IT_M = L("Giuseppe, Giovanni, Marco, Luca, Matteo, Alessandro, Francesco, Davide, Lorenzo, Salvatore")
IT_F = L("Chiara, Giulia, Francesca, Alessia, Federica, Martina, Giorgia, Serena, Ilaria")
DE_M = L("Jürgen, Klaus, Stefan, Matthias, Andreas, Jens, Lukas, Florian, Dieter, Uwe, Reto, Beat")
DE_F = L("Anke, Katrin, Sabine, Ursula, Birgit, Annika, Lena, Heike, Regula, Franziska")
NL_M = L("Jan, Pieter, Wouter, Bart, Joris, Koen, Stijn, Dirk")
NL_F = L("Els, Griet, Lies, Sanne, Ine, An, Veerle")
EN_M = L("James, John, William, Oliver, Harry, George, Michael, Christopher, Ryan, Tyler, Connor, Ethan")
EN_F = L("Emily, Olivia, Jessica, Hannah, Megan, Ashley, Kimberly, Siobhan, Abigail, Madison")
QC_M = L("Jean-Philippe, Mathieu, Simon, Étienne, Francis, Maxime, Gabriel")
QC_F = L("Geneviève, Isabelle, Mélissa, Catherine, Annie, Josée")
EST_M = L("Krzysztof, Piotr, Andrei, Mihai, Bogdan, Tomasz, Dmitri, Aram, Vardan")
EST_F = L("Agnieszka, Katarzyna, Małgorzata, Ioana, Elena, Oksana, Anahit, Irina")
TR_M = L("Mehmet, Mustafa, Emre, Burak, Hakan, Murat")
TR_F = L("Elif, Zeynep, Ayşe, Fatma, Büşra")
AS_M = L("Minh, Quang, Duc, Wei, Jun, Hiroshi, Kenji, Sokha, Hyun-woo, Anh")
AS_F = L("Thi, Huong, Linh, Xiaoling, Mei, Yuki, Sakura, Ji-yeon, Mai")

FR_LAST = L("""
Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent,
Lefebvre, Michel, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, André, Lefèvre,
Mercier, Dupont, Lambert, Bonnet, François, Legrand, Garnier, Faure, Rousseau, Blanc, Guérin,
Henry, Roussel, Nicolas, Perrin, Morin, Mathieu, Clément, Gauthier, Dumont, Fontaine, Chevalier,
Robin, Masson, Gérard, Boyer, Denis, Lemaire, Duval, Joly, Gautier, Roger, Roche, Roy, Noël,
Lucas, Meunier, Jean, Marchand, Dufour, Blanchard, Marie, Barbier, Brun, Dumas, Brunet, Leroux,
Colin, Pierre, Renard, Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal, Bourgeois, Renaud,
Lemoine, Picard, Gaillard, Philippe, Leclercq, Lacroix, Fabre, Dupuis, Olivier, Hubert, Louis,
Charles, Guillot, Rivière, Guillaume, Adam, Rey, Moulin, Berger, Lecomte, Ménard, Fleury,
Deschamps, Carpentier, Julien, Benoît, Paris, Maillard, Marchal, Aubry, Vasseur, Renault, Jacquet,
Collet, Prévost, Poirier, Charpentier, Royer, Huet, Baron, Dupuy, Pons, Paul, Laîné, Carré,
Breton, Rémy, Perrot, Guyot, Barré, Marty, Cousin, Rose, Olive, Lebon, Boulanger, Boucher,
Lapierre, Leloup, Lenoir, Lebrun, Legros, Grand, Lamour, Printemps, Beau, Bonhomme, Sage, Chauvin,
Gros, Cadet, Lévêque, Pasquier, Delmas, Delaunay, Lebreton, Courtois, Tessier, Jourdan, Besson,
Bouvier, Riou, Tanguy, Hamon, Jaouen, Kerbrat, Le Gall, Le Goff, Le Roux, Le Bihan, Le Floch,
Quéré, Morvan, Guivarc'h, Corre, Cariou, Salaün, Castagné, Puech, Bousquet, Cazals, Delpech,
Vignal, Peyrot, Schmitt, Klein, Wolff, Kieffer, Zimmermann, Santoni, Paoli, Mattei, Colonna,
Agostini, Casanova, Luciani, Etcheverry, Elissalde, Iribarne, Harriet, Hoarau, Payet, Grondin,
Técher, Lauret, Bellance, Sylvestre, Célestine, Jean-Louis, Marie-Sainte, Lafleur, Bonneau, Pottier
""")
PARTICLE_LAST = L("""de La Tour, de Villiers, du Pont, d'Arcy, de Montfort, de La Fontaine, de Kerguelen,
Le Bris, de Saint-Aubin, des Rosiers, de Lestrange, du Chesnay, de la Motte, d'Aubigné""")
MAG_LAST = L("""Benali, Haddad, Bouzid, Mansouri, Cherif, Brahimi, Belkacem, Khelifi, Amrani, Saidi,
Boukhari, Hamdi, Tahiri, Ziani, Ouali, Lahlou, Bennani, Alaoui, Chraibi, Berrada, Tazi, Benjelloun,
El Fassi, Ben Ali, El Amrani, Ben Youssef, Aït Ahmed, El Idrissi, Abou Khalil, Boumediene""")
WAF_LAST = L("""Diallo, Ndiaye, Diop, Sow, Traoré, Koné, Cissé, Fall, Sy, Ba, Faye, Gueye, Sarr, Mbaye,
Camara, Keïta, Coulibaly, Touré, Sylla, Kane, Thiam, Seck, Ndour, Diagne""")
PT_LAST = L("""Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, Fernandes,
Gonçalves, Gomes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, Carvalho, Teixeira, Moreira,
dos Santos, da Costa, da Silva""")
ES_LAST = L("""García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Ruiz,
Hernández, Jiménez, Díaz, Moreno, Muñoz, Álvarez, Romero, Navarro, Torres, Domínguez, Etxeberria,
Ibáñez, Zubizarreta""")
IT_LAST = L("""Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno,
Gallo, Conti, De Luca, Giordano, Mancini, Rizzo, Lombardi, Moretti, Barbieri, di Marco, D'Angelo""")
DE_LAST = L("""Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann,
Schäfer, Koch, Bauer, Richter, Wolf, Schröder, Neumann, Schwarz, Braun, Krüger, Hartmann, Lange,
von Essen, Meißner""")
CH_LAST = L("""Keller, Huber, Meier, Baumann, Frei, Brunner, Gerber, Widmer, Aebischer, Favre, Rochat,
Chappuis, von Arx, Python, Gobet""")
BE_LAST = L("""Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Vos,
Van Damme, Vandenberghe, De Smet, De Backer, Van Hecke, Van der Berg, Lejeune, Delvaux, Wauters""")
EN_LAST = L("""Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Anderson, Murphy,
O'Brien, Walsh, Evans, Roberts, Clarke, Hughes, Wright, Thompson, O'Connor, Mac Donald, McKenzie""")
QC_LAST = L("Tremblay, Gagnon, Côté, Bouchard, Lavoie, Pelletier, Bélanger, Lévesque, Gingras, Ouellet")
EST_LAST = L("""Kowalski, Nowak, Wiśniewski, Lewandowski, Popescu, Ionescu, Petrov, Kovalenko,
Sarkissian, Manoukian, Hovhannisyan""")
TR_LAST = L("Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Arslan, Doğan")
AS_LAST = L("""Nguyen, Tran, Le, Pham, Hoang, Phan, Vu, Dang, Bui, Wang, Li, Zhang, Liu, Chen, Yang, Huang,
Zhao, Sato, Suzuki, Takahashi, Tanaka, Kim, Park, Lee, Chhun, Sok""")

ORIGINS = {
    "fr": (FR_M, FR_F, FR_LAST),
    "part": (FR_M, FR_F, PARTICLE_LAST),
    "mag": (MAG_M, MAG_F, MAG_LAST),
    "waf": (WAF_M, WAF_F, WAF_LAST),
    "pt": (PT_M, PT_F, PT_LAST),
    "es": (ES_M, ES_F, ES_LAST),
    "it": (IT_M, IT_F, IT_LAST),
    "de": (DE_M, DE_F, DE_LAST),
    "ch": (DE_M + FR_M[:40], DE_F + FR_F[:40], CH_LAST),
    "be": (NL_M + FR_M[:40], NL_F + FR_F[:40], BE_LAST),
    "en": (EN_M, EN_F, EN_LAST),
    "qc": (QC_M, QC_F, QC_LAST),
    "est": (EST_M, EST_F, EST_LAST),
    "tr": (TR_M, TR_F, TR_LAST),
    "as": (AS_M, AS_F, AS_LAST),
}
DOMESTIC_ORIGINS = [("fr", 52), ("part", 5), ("mag", 11), ("waf", 6), ("pt", 5), ("es", 3),
                    ("it", 3), ("as", 5), ("tr", 2), ("est", 3), ("de", 1), ("be", 1), ("en", 1),
                    ("ch", 1), ("qc", 1)]
COUNTRY_ORIGIN = {"BE": ["be", "fr"], "CH": ["ch", "fr"], "LU": ["fr", "pt", "de"], "ES": ["es"],
                  "IT": ["it"], "DE": ["de"], "UK": ["en"], "US": ["en"], "CA": ["qc", "en"],
                  "MA": ["mag"], "SN": ["waf"], "PT": ["pt"]}
FOREIGN = ["BE", "CH", "LU", "ES", "IT", "DE", "UK", "US", "CA", "MA", "SN", "PT"]

ALL_FIRST = sorted({n for o in ORIGINS.values() for n in o[0] + o[1]})
ALL_LAST = sorted({n for o in ORIGINS.values() for n in o[2]})


# --------------------------------------------------------------------------
# markers: E(type, value) inside a text; removed by finalize()
# --------------------------------------------------------------------------
M0, M1, M2 = "\x01", "\x02", "\x03"
TYPES = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "FR_NIR",
         "IP_ADDRESS", "LOCATION", "DATE_TIME", "URL", "FR_LICENSE_PLATE", "FR_SIREN", "FR_SIRET"]


def E(typ: str, val: str) -> str:
    assert typ in TYPES, typ
    assert val and not any(c in val for c in (M0, M1, M2)), val
    return f"{M0}{typ}{M1}{val}{M2}"


def PH(v): return E("PHONE_NUMBER", v)
def EM(v): return E("EMAIL_ADDRESS", v)
def IB(v): return E("IBAN_CODE", v)
def CC(v): return E("CREDIT_CARD", v)
def NIR(v): return E("FR_NIR", v)
def IP(v): return E("IP_ADDRESS", v)
def LOC(v): return E("LOCATION", v)
def DOB(v): return E("DATE_TIME", v)
def URL(v): return E("URL", v)
def PLATE(v): return E("FR_LICENSE_PLATE", v)
def SIREN(v): return E("FR_SIREN", v)
def SIRET(v): return E("FR_SIRET", v)


# --------------------------------------------------------------------------
# dates (non-birth look-alikes and birth dates)
# --------------------------------------------------------------------------
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def rdate(y0=2023, y1=2025) -> dt.date:
    start = dt.date(y0, 1, 1).toordinal()
    end = dt.date(y1, 12, 31).toordinal()
    return dt.date.fromordinal(R.randint(start, end))


def hhmm() -> str:
    h, m = R.randint(8, 19), R.choice([0, 0, 5, 10, 15, 20, 30, 30, 45, 50])
    return pick([f"{h}h{m:02d}" if m else f"{h}h", f"{h}:{m:02d}", f"{h} h {m:02d}" if m else f"{h} h",
                 f"{h:02d}:{m:02d}"])


def adate(d: dt.date | None = None) -> str:
    """A non-birth date in some French written form (look-alike)."""
    d = d or rdate()
    return pick([f"{d:%d/%m/%Y}", f"{d:%d/%m}", f"{d.day} {MOIS[d.month-1]}",
                 f"{d.day} {MOIS[d.month-1]} {d.year}", f"{d:%d.%m.%y}", f"{d:%Y-%m-%d}",
                 f"{JOURS[d.weekday()]} {d.day}", f"{d:%d/%m/%y}"])


def span_dates() -> str:
    d1 = rdate()
    d2 = d1 + dt.timedelta(days=R.randint(1, 40))
    return f"du {adate(d1)} au {adate(d2)}" if chance(0.6) else f"du {d1:%d/%m} au {d2:%d/%m/%Y}"


def when() -> str:
    return pick([f"le {adate()}", "demain matin", "lundi prochain", f"le {adate()} à {hhmm()}",
                 f"vers {hhmm()}", "en fin de semaine", f"avant le {adate()}", "cet après-midi",
                 f"{pick(JOURS)} à {hhmm()}", "dans la journée", f"semaine {R.randint(2, 51)}"])


def birth() -> dt.date:
    start = dt.date(1936, 1, 1).toordinal()
    end = dt.date(2006, 12, 31).toordinal()
    return dt.date.fromordinal(R.randint(start, end))


def child_birth() -> dt.date:
    return dt.date.fromordinal(R.randint(dt.date(1992, 1, 1).toordinal(), dt.date(2023, 12, 31).toordinal()))


def fmt_dob(d: dt.date, lang="fr") -> str:
    if lang == "en":
        return pick([f"{MONTHS[d.month-1]} {d.day}, {d.year}", f"{d.day} {MONTHS[d.month-1]} {d.year}",
                     f"{d:%m/%d/%Y}", f"{d:%Y-%m-%d}", f"{d:%d/%m/%Y}"])
    if lang == "de":
        return pick([f"{d:%d.%m.%Y}", f"{d.day}. {['Januar','Februar','März','April','Mai','Juni','Juli','August','September','Oktober','November','Dezember'][d.month-1]} {d.year}"])
    if lang == "es":
        return pick([f"{d:%d/%m/%Y}", f"{d.day} de {['enero','febrero','marzo','abril','mayo','junio','julio','agosto','septiembre','octubre','noviembre','diciembre'][d.month-1]} de {d.year}"])
    day = "1er" if d.day == 1 and chance(0.6) else str(d.day)
    return wpick([(f"{d:%d/%m/%Y}", 30), (f"{day} {MOIS[d.month-1]} {d.year}", 18), (f"{d:%d-%m-%Y}", 6),
                  (f"{d:%d.%m.%Y}", 6), (f"{d:%d/%m/%y}", 6), (f"{d:%Y-%m-%d}", 8), (f"{d.day}/{d.month}/{d.year}", 6),
                  (f"{d:%d %m %Y}", 3), (f"{d:%d%m%Y}", 2)])


# --------------------------------------------------------------------------
# phones
# --------------------------------------------------------------------------
DOM_PREFIX = [("0590", "590"), ("0690", "590"), ("0596", "596"), ("0696", "596"), ("0594", "594"),
              ("0694", "594"), ("0262", "262"), ("0692", "262"), ("0693", "262"), ("0269", "262"),
              ("0639", "262")]


def pairs(s: str, sep=" ") -> str:
    return sep.join(s[i:i + 2] for i in range(0, len(s), 2))


def fr_number(kind: str | None = None) -> str:
    kind = kind or wpick([("mobile", 50), ("land", 28), ("voip", 8), ("dom", 7), ("special", 2),
                          ("odd", 5)])
    if kind == "mobile":
        return pick(["06", "07"]) + (R.choice("3456789") if chance(0.5) else R.choice("0123456789")) + digits(7)
    if kind == "land":
        return "0" + R.choice("12345") + digits(8)
    if kind == "voip":
        return "09" + digits(8)
    if kind == "special":
        return "08" + pick(["00", "05", "09", "10", "11", "20", "92", "99"]) + digits(6)
    if kind == "dom":
        return pick(DOM_PREFIX)[0] + digits(6)
    # 'odd': unallocated or fiction ranges, still phone-shaped
    return pick(["0199", "0261", "0353", "0465", "0536", "0700", "0600", "0300", "0800"]) + digits(6)


def fmt_fr(d: str, style: str | None = None) -> str:
    assert len(d) == 10 and d[0] == "0", d
    dom = next((cc for p, cc in DOM_PREFIX if d.startswith(p)), None)
    style = style or wpick([("pairs", 40), ("compact", 12), ("dots", 9), ("dash", 4), ("intl", 12),
                            ("intl0", 4), ("intlc", 6), ("00", 3), ("intldots", 2), ("odd", 4),
                            ("slash", 1), ("mixed", 2)])
    n = d[1:]
    if style == "pairs":
        return pairs(d)
    if style == "compact":
        return d
    if style == "dots":
        return pairs(d, ".")
    if style == "dash":
        return pairs(d, "-")
    if style == "slash":
        return pairs(d, "/")
    if style in ("intl", "intl0", "intlc", "00", "intldots") and dom:
        rest = d[1:]
        return pick([f"+{dom} {rest[:3]} {pairs(rest[3:])}", f"+{dom}{rest}", f"00{dom} {rest[:3]} {pairs(rest[3:])}",
                     f"+{dom} {rest[0]} {pairs(rest[1:])}"])
    if style == "intl":
        return f"+33 {n[0]} {pairs(n[1:])}"
    if style == "intl0":
        return f"+33 (0){n[0]} {pairs(n[1:])}"
    if style == "intlc":
        return f"+33{n}"
    if style == "00":
        return f"0033 {n[0]} {pairs(n[1:])}"
    if style == "intldots":
        return f"+33 {n[0]}.{pairs(n[1:], '.')}"
    if style == "mixed":
        return pick([f"{d[:2]} {d[2:4]}.{d[4:6]}.{d[6:8]}.{d[8:]}", f"{d[:2]}.{d[2:4]} {d[4:6]} {d[6:8]} {d[8:]}",
                     f"{d[:2]} {d[2:4]} {d[4:6]}-{d[6:8]}-{d[8:]}"])
    # odd grouping
    return pick([f"{d[:2]} {d[2:6]} {d[6:]}", f"{d[:3]} {d[3:6]} {d[6:8]} {d[8:]}",
                 f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}", f"{d[:4]} {d[4:7]} {d[7:]}",
                 f"{d[0]} {pairs(d[1:9])}{d[9]}"])


def fr_phone(kind: str | None = None, style: str | None = None) -> str:
    if kind is None and chance(0.03):
        # mistyped: one digit missing or one too many, still phone-shaped
        d = fr_number("mobile" if chance(0.6) else "land")
        if chance(0.5):
            d = d[:9]
            return pick([pairs(d), d, f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}"])
        d = d + R.choice("0123456789")
        return pick([pairs(d[:10]) + d[10], d, f"{pairs(d[:8])} {d[8:]}"])
    if kind is None and chance(0.02):
        return pick([f"+687 {pairs(digits(6))}", f"+689 {pairs('87' + digits(6))}",
                     f"+508 {pairs('41' + digits(4))}", f"+689 40 {pairs(digits(6))}"])
    return fmt_fr(fr_number(kind), style)


def foreign_phone(cc: str, mobile: bool | None = None) -> str:
    mob = chance(0.55) if mobile is None else mobile
    if cc == "BE":
        if mob:
            n = "4" + pick(["7", "8", "9"]) + digits(7)
            return pick([f"+32 {n[:3]} {pairs(n[3:])}", f"0{n[:3]} {pairs(n[3:])}", f"0{n[:3]}/{pairs(n[3:], '.')}",
                         f"+32 (0){n[:3]} {pairs(n[3:])}", f"+32{n}", f"0032 {n[:3]} {pairs(n[3:])}"])
        a = pick(["2", "4", "9", "10", "65", "81", "71"])
        rest = digits(8 - len(a))
        grp = f"{rest[:len(rest)-4]} {rest[-4:-2]} {rest[-2:]}"
        return pick([f"+32 {a} {grp}", f"0{a} {grp}", f"0{a}/{rest}", f"+32 (0){a} {grp}"])
    if cc == "CH":
        a = pick(["76", "77", "78", "79"]) if mob else pick(["22", "21", "44", "31", "27", "26", "32"])
        n = digits(7)
        g = f"{n[:3]} {n[3:5]} {n[5:]}"
        return pick([f"+41 {a} {g}", f"0{a} {g}", f"0041 {a} {g}", f"+41 (0){a} {g}", f"+41{a}{n}",
                     f"0{a}/{n[:3]}.{n[3:5]}.{n[5:]}"])
    if cc == "LU":
        if mob:
            n = pick(["621", "661", "691", "671"]) + digits(6)
            return pick([f"+352 {n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}",
                         f"(+352) {n[:3]} {n[3:6]} {n[6:]}", f"00352 {n}"])
        n = pick(["26", "27", "44", "48", "22"]) + digits(6)
        return pick([f"+352 {pairs(n)}", f"{pairs(n)}", f"+352 {n[:2]} {n[2:5]} {n[5:]}", f"(+352) {pairs(n)}"])
    if cc == "ES":
        if mob:
            n = pick(["6", "7"]) + digits(8)
            return pick([f"+34 {n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}", f"0034 {n[:3]} {n[3:6]} {n[6:]}",
                         f"+34 {n[:3]} {pairs(n[3:7])} {n[7:]}", f"+34{n}", f"{n[:3]} {pairs(n[3:7])} {n[7:]}"])
        n = pick(["91", "93", "96", "95", "94"]) + digits(7)
        return pick([f"+34 {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}", f"{n[:2]} {n[2:5]} {n[5:7]} {n[7:]}",
                     f"+34 {n[:3]} {n[3:6]} {n[6:]}"])
    if cc == "IT":
        if mob:
            n = "3" + pick(["47", "33", "35", "28", "39", "40"]) + digits(7)
            return pick([f"+39 {n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:]}", f"+39 {n[:3]} {n[3:]}",
                         f"0039 {n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}/{n[3:]}"])
        a = pick(["06", "02", "011", "055", "081", "051"])
        rest = digits(10 - len(a))
        return pick([f"+39 {a} {rest[:4]} {rest[4:]}", f"{a} {rest[:4]} {rest[4:]}", f"+39 {a} {rest}",
                     f"{a}-{rest}"])
    if cc == "DE":
        if mob:
            a = pick(["151", "160", "170", "171", "176", "152", "157"])
            rest = digits(pick([7, 8]))
            return pick([f"+49 {a} {rest}", f"0{a} {rest}", f"0049 {a} {rest}", f"+49 (0){a} {rest}",
                         f"0{a}-{rest}", f"+49 {a} {rest[:4]} {rest[4:]}", f"0{a}/{rest}"])
        a = pick(["30", "89", "40", "221", "69", "711", "681", "721"])
        rest = digits(pick([6, 7, 8]) if len(a) == 2 else pick([6, 7]))
        return pick([f"+49 {a} {rest}", f"0{a} {rest}", f"(0{a}) {rest}", f"+49 (0){a} {rest}", f"0{a}/{rest}",
                     f"0{a}-{rest}"])
    if cc == "UK":
        if mob:
            n = "7" + pick(["700", "711", "723", "834", "958", "971"]) + digits(6)
            return pick([f"+44 {n[:4]} {n[4:]}", f"0{n[:4]} {n[4:]}", f"+44 (0){n[:4]} {n[4:]}", f"0{n[:4]} {n[4:7]} {n[7:]}",
                         f"+44{n}"])
        a = pick(["20", "161", "117", "131", "113", "1273"])
        if a == "20":
            rest = pick(["7", "3", "8"]) + digits(7)
            return pick([f"+44 20 {rest[:4]} {rest[4:]}", f"020 {rest[:4]} {rest[4:]}", f"+44 (0)20 {rest[:4]} {rest[4:]}"])
        rest = digits(10 - len(a))
        return pick([f"+44 {a} {rest[:3]} {rest[3:]}", f"0{a} {rest[:3]} {rest[3:]}", f"+44 (0){a} {rest[:3]} {rest[3:]}"])
    if cc in ("US", "CA"):
        a = pick(["415", "212", "646", "312", "617", "512", "206", "305"]) if cc == "US" else \
            pick(["514", "438", "418", "819", "416", "613", "450"])
        x = pick(["555", dnz(3)])
        y = "01" + digits(2) if x == "555" else digits(4)
        return pick([f"({a}) {x}-{y}", f"+1 {a}-{x}-{y}", f"{a}.{x}.{y}", f"+1 ({a}) {x}-{y}", f"1-{a}-{x}-{y}",
                     f"{a}-{x}-{y}", f"+1 {a} {x} {y}", f"001 {a} {x} {y}"])
    if cc == "MA":
        if mob:
            n = pick(["6", "7"]) + digits(8)
            return pick([f"+212 {n[0]} {pairs(n[1:])}", f"+212 {n[:3]}-{n[3:]}", f"0{n[0]} {pairs(n[1:])}",
                         f"00212 {n[:3]} {pairs(n[3:7])} {n[7:]}", f"+212{n}", f"+212 (0){n[0]} {pairs(n[1:])}"])
        n = "52" + R.choice("2345") + digits(6)
        return pick([f"+212 {n[:3]} {pairs(n[3:])}", f"0{n[:3]} {pairs(n[3:])}", f"+212 {n[:3]}-{n[3:]}",
                     f"0{n[:3]}-{n[3:5]}-{n[5:7]}-{n[7:]}"])
    if cc == "SN":
        n = (pick(["77", "78", "76", "70"]) if mob else "33") + digits(7)
        g = f"{n[:2]} {n[2:5]} {n[5:7]} {n[7:]}"
        return pick([f"+221 {g}", g, f"00221 {g}", f"(+221) {g}", f"+221{n}", f"{n[:2]}-{n[2:5]}-{n[5:7]}-{n[7:]}"])
    if cc == "PT":
        if mob:
            n = "9" + pick(["1", "2", "3", "6"]) + digits(7)
            return pick([f"+351 {n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}", f"00351 {n[:3]} {n[3:6]} {n[6:]}",
                         f"+351{n}", f"(+351) {n[:3]} {n[3:6]} {n[6:]}"])
        n = pick(["21", "22", "239", "253", "289"])
        rest = digits(9 - len(n))
        return pick([f"+351 {n} {rest[:3]} {rest[3:]}", f"{n} {rest[:3]} {rest[3:]}", f"+351 {n}{rest}"])
    raise ValueError(cc)


# spelled-out numbers for dictated voicemails
UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
         "douze", "treize", "quatorze", "quinze", "seize"]
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def num_fr(n: int) -> str:
    if n <= 16:
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
        return "soixante-" + ("et-onze" if n == 71 else num_fr(n - 60))
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + num_fr(n - 80)


def spell_phone(d: str) -> str:
    out = ["zéro " + UNITS[int(d[1])]]
    for i in range(2, 10, 2):
        pr = d[i:i + 2]
        out.append(("zéro " + UNITS[int(pr[1])]) if pr[0] == "0" else num_fr(int(pr)))
    return " ".join(out)


# --------------------------------------------------------------------------
# bank, cards, NIR, IP, plates, SIREN/SIRET
# --------------------------------------------------------------------------
def iban_check(cc: str, bban: str) -> str:
    num = "".join(str(int(ch, 36)) for ch in (bban + cc + "00"))
    return f"{98 - int(num) % 97:02d}"


def rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97):02d}"


FR_BANKS = ["30004", "30003", "30002", "10278", "20041", "18206", "11315", "30066", "17515", "16006",
            "12506", "14505", "10107", "13335", "40618"]


def iban(cc: str | None = None, style: str | None = None) -> str:
    cc = cc or wpick([("FR", 70), ("BE", 5), ("DE", 4), ("ES", 4), ("IT", 3), ("LU", 3), ("CH", 3),
                      ("PT", 3), ("GB", 2), ("NL", 1), ("MC", 2)])
    if cc in ("FR", "MC"):
        bank, branch, acc = pick(FR_BANKS), digits(5), digits(11)
        bban = bank + branch + acc + rib_key(bank, branch, acc)
    elif cc == "BE":
        b = digits(10)
        k = int(b) % 97 or 97
        bban = b + f"{k:02d}"
    elif cc == "DE":
        bban = pick(["10070000", "20050550", "37040044", "50010517", "70150000"]) + digits(10)
    elif cc == "ES":
        bban = pick(["2100", "0049", "0182", "2038", "0081"]) + digits(4) + digits(2) + digits(10)
    elif cc == "IT":
        bban = R.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + pick(["03069", "02008", "05034", "01005"]) + digits(5) + digits(12)
    elif cc == "LU":
        bban = pick(["001", "002", "003", "019", "014"]) + digits(13)
    elif cc == "CH":
        bban = pick(["00762", "00235", "00767", "80808"]) + digits(12)
    elif cc == "PT":
        bban = pick(["0035", "0033", "0010", "0036"]) + digits(17)
    elif cc == "GB":
        bban = pick(["NWBK", "BARC", "LOYD", "MIDL"]) + digits(6) + digits(8)
    elif cc == "NL":
        bban = pick(["ABNA", "INGB", "RABO"]) + digits(10)
    else:
        raise ValueError(cc)
    full = cc + iban_check(cc, bban) + bban
    assert int("".join(str(int(ch, 36)) for ch in (full[4:] + full[:4]))) % 97 == 1
    style = style or wpick([("by4", 55), ("compact", 18), ("dash", 5), ("bank", 17 if cc in ("FR", "MC") else 0),
                            ("lower4", 2), ("by4nbsp", 3)])
    g4 = [full[i:i + 4] for i in range(0, len(full), 4)]
    if style == "by4":
        return " ".join(g4)
    if style == "by4nbsp":
        return "\u00a0".join(g4)
    if style == "compact":
        return full
    if style == "dash":
        return "-".join(g4)
    if style == "lower4":
        return " ".join(g4).lower()
    # the French bank's way: FR76 30004 01234 01234567890 12
    return f"{full[:4]} {full[4:9]} {full[9:14]} {full[14:25]} {full[25:]}"


def bic() -> str:
    return pick(["BNPAFRPPXXX", "AGRIFRPP", "CCBPFRPPPAR", "SOGEFRPP", "CRLYFRPP", "PSSTFRPPPAR",
                 "CMCIFR2A", "GEBABEBB", "UBSWCHZH80A", "BCEELULL", "CAIXESBBXXX", "DEUTDEFF"])


def luhn_digit(partial: str) -> str:
    tot = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return str((10 - tot % 10) % 10)


def luhn_ok(s: str) -> bool:
    return luhn_digit(s[:-1]) == s[-1]


def card(style: str | None = None) -> str:
    kind = wpick([("visa", 55), ("mc", 30), ("amex", 10), ("mc2", 5)])
    if kind == "visa":
        p = "4" + pick(["970", "974", "561", "132", "010", "999"]) + digits(11)
    elif kind == "mc":
        p = "5" + R.choice("12345") + digits(13)
    elif kind == "mc2":
        p = str(R.randint(2221, 2720)) + digits(11)
    else:
        p = pick(["34", "37"]) + digits(12)
    n = p + luhn_digit(p)
    assert luhn_ok(n)
    style = style or wpick([("by4", 60), ("compact", 25), ("dash", 10), ("dots", 5)])
    if len(n) == 15:
        g = [n[:4], n[4:10], n[10:]]
    else:
        g = [n[i:i + 4] for i in range(0, 16, 4)]
    return {"by4": " ".join(g), "compact": n, "dash": "-".join(g), "dots": ".".join(g)}[style]


def nir(gender: str = "M", dob: dt.date | None = None, style: str | None = None) -> str:
    dob = dob or birth()
    sex = "1" if gender == "M" else "2"
    yy, mm = f"{dob.year % 100:02d}", f"{dob.month:02d}"
    where = wpick([("metro", 82), ("corse", 5), ("dom", 5), ("abroad", 8)])
    if where == "metro":
        dep = pick([f"{i:02d}" for i in range(1, 96) if i != 20])
        com = f"{R.randint(1, 899):03d}"
    elif where == "corse":
        dep = pick(["2A", "2B"])
        com = f"{R.randint(1, 366):03d}"
    elif where == "dom":
        d3 = pick(["971", "972", "973", "974", "976"])
        dep, com = d3[:2], d3[2] + f"{R.randint(1, 34):02d}"
    else:
        dep, com = "99", pick(["350", "351", "352", "109", "134", "139", "131", "127", "341", "100", "212"])
    order = f"{R.randint(1, 999):03d}"
    body = sex + yy + mm + dep + com + order
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    key = f"{97 - numeric % 97:02d}"
    full = body + key
    style = style or wpick([("spaced", 50), ("compact", 20), ("spaced_key", 10), ("dash_key", 4),
                            ("dots", 3), ("compact_key", 8), ("pairs", 5)])
    s = full
    if style == "spaced":
        return f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {s[13:]}"
    if style == "compact":
        return s
    if style == "spaced_key":
        return f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} / {s[13:]}"
    if style == "dash_key":
        return f"{s[:13]}-{s[13:]}"
    if style == "dots":
        return f"{s[0]}.{s[1:3]}.{s[3:5]}.{s[5:7]}.{s[7:10]}.{s[10:13]}.{s[13:]}"
    if style == "compact_key":
        return f"{s[:13]} {s[13:]}"
    return f"{s[0]} {s[1:5]} {s[5:9]} {s[9:13]} {s[13:]}"


def ipv4(private: bool | None = None, port: bool | None = None) -> str:
    private = chance(0.45) if private is None else private
    if private:
        a = pick([f"192.168.{R.randint(0, 20)}.{R.randint(2, 254)}", f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
                  f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}"])
    else:
        a = f"{pick([82, 83, 86, 88, 90, 92, 176, 185, 193, 212, 217, 78, 80, 109, 31, 37, 46])}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
    ipaddress.IPv4Address(a)
    if port if port is not None else chance(0.15):
        a += f":{pick([22, 80, 443, 8080, 8443, 3389, 5060, 993, R.randint(1024, 65000)])}"
    return a


def ipv6() -> str:
    pre = pick(["2001:db8", "2a01:e0a", "2a01:cb00", "2a02:8428", "2001:41d0", "2a04:cec0", "fe80:0", "2001:0db8"])
    groups = pre.split(":")
    while len(groups) < 8:
        groups.append(f"{R.randint(0, 0xffff):x}" if chance(0.7) else "0")
    if chance(0.4):
        i = R.randint(2, 5)
        for j in range(i, min(8, i + R.randint(2, 3))):
            groups[j] = "0"
    if groups[-1] == "0":
        groups[-1] = f"{R.randint(1, 0xffff):x}"
    addr = ipaddress.IPv6Address(":".join(groups))
    s = wpick([(addr.compressed, 85), (addr.exploded, 10), (addr.compressed.upper(), 5)])
    ipaddress.IPv6Address(s)
    assert not s.startswith(":") and not s.endswith(":")
    return s


PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


def plate(style: str | None = None) -> str:
    style = style or wpick([("dash", 55), ("space", 15), ("compact", 10), ("fni", 20)])
    if style == "fni":
        dep = pick(["75", "69", "13", "33", "59", "2A", "92", "974", "44", "67", "31", "06"])
        return pick([f"{R.randint(100, 9999)} {''.join(R.choice(PLATE_LETTERS) for _ in range(2))} {dep}",
                     f"{R.randint(10, 999)} {''.join(R.choice(PLATE_LETTERS) for _ in range(3))} {dep}"])
    a = "".join(R.choice(PLATE_LETTERS) for _ in range(2))
    while a in ("SS", "WW"):
        a = "".join(R.choice(PLATE_LETTERS) for _ in range(2))
    b = f"{R.randint(1, 999):03d}"
    c = "".join(R.choice(PLATE_LETTERS) for _ in range(2))
    while c == "SS":
        c = "".join(R.choice(PLATE_LETTERS) for _ in range(2))
    return {"dash": f"{a}-{b}-{c}", "space": f"{a} {b} {c}", "compact": f"{a}{b}{c}"}[style]


def siren_raw() -> str:
    p = dnz(8)
    return p + luhn_digit(p)


def siret_raw(siren: str | None = None) -> str:
    siren = siren or siren_raw()
    p = siren + digits(4)
    out = p + luhn_digit(p)
    assert luhn_ok(out) and luhn_ok(siren)
    return out


def fmt_siren(s: str) -> str:
    return wpick([(f"{s[:3]} {s[3:6]} {s[6:]}", 60), (s, 35), (f"{s[:3]}.{s[3:6]}.{s[6:]}", 5)])


def fmt_siret(s: str) -> str:
    return wpick([(f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}", 55), (s, 30), (f"{s[:9]} {s[9:]}", 10),
                  (f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:12]} {s[12:]}", 5)])


# --------------------------------------------------------------------------
# postal addresses
# --------------------------------------------------------------------------
STREET_TYPES = [("rue", 40), ("avenue", 12), ("boulevard", 6), ("allée", 6), ("impasse", 5), ("chemin", 5),
                ("place", 3), ("route", 4), ("quai", 2), ("cours", 2), ("square", 1), ("passage", 1),
                ("bd", 2), ("av.", 2), ("Rue", 6), ("Avenue", 2), ("chem.", 1), ("rte", 1), ("all.", 1)]
STREET_NAMES = L("""des Lilas, Victor Hugo, de la République, Jean Jaurès, du Général de Gaulle, Pasteur, des Écoles,
de la Gare, du Moulin, des Peupliers, Gambetta, de Verdun, de la Liberté, Saint-Exupéry, des Tilleuls,
du Stade, de Paris, Émile Zola, Jules Ferry, du Château, des Acacias, de l'Église, Anatole France,
Lamartine, des Vignes, du Lavoir, Louis Pasteur, des Rosiers, de Bretagne, Marcel Pagnol,
Sainte-Catherine, des Prés, de la Fontaine, du 8 Mai 1945, du 11 Novembre, des Cerisiers, du Port,
de la Mairie, des Frères Lumière, Georges Clemenceau, de Strasbourg, du Maréchal Foch, Paul Bert,
des Glycines, de la Paix, Aristide Briand, du Bois Joli, des Mésanges, du Docteur Roux, de Nantes,
des Marronniers, Carnot, de la Croix Rousse, Voltaire, Condorcet, des Hortensias, de Kerbernard,
Henri Barbusse, de la Forge, des Charmilles, Pierre et Marie Curie, du Colombier, Nationale""")
TOWNS = [("75011", "Paris"), ("75015", "Paris"), ("75018", "Paris"), ("69003", "Lyon"), ("69007", "Lyon"),
         ("13005", "Marseille"), ("13090", "Aix-en-Provence"), ("31000", "Toulouse"), ("33000", "Bordeaux"),
         ("33700", "Mérignac"), ("44000", "Nantes"), ("35000", "Rennes"), ("59000", "Lille"),
         ("59650", "Villeneuve-d'Ascq"), ("67000", "Strasbourg"), ("68100", "Mulhouse"), ("06000", "Nice"),
         ("34000", "Montpellier"), ("38000", "Grenoble"), ("38400", "Saint-Martin-d'Hères"),
         ("42000", "Saint-Étienne"), ("21000", "Dijon"), ("37000", "Tours"), ("49100", "Angers"),
         ("29200", "Brest"), ("29000", "Quimper"), ("56100", "Lorient"), ("22000", "Saint-Brieuc"),
         ("76000", "Rouen"), ("14000", "Caen"), ("80000", "Amiens"), ("51100", "Reims"), ("57000", "Metz"),
         ("54000", "Nancy"), ("25000", "Besançon"), ("63000", "Clermont-Ferrand"), ("87000", "Limoges"),
         ("86000", "Poitiers"), ("17000", "La Rochelle"), ("64100", "Bayonne"), ("64000", "Pau"),
         ("40000", "Mont-de-Marsan"), ("66000", "Perpignan"), ("83000", "Toulon"), ("84000", "Avignon"),
         ("30000", "Nîmes"), ("26000", "Valence"), ("73000", "Chambéry"), ("74000", "Annecy"),
         ("08000", "Charleville-Mézières"), ("36300", "Le Blanc"), ("93200", "Saint-Denis"),
         ("93380", "Pierrefitte-sur-Seine"), ("92100", "Boulogne-Billancourt"), ("94200", "Ivry-sur-Seine"),
         ("78000", "Versailles"), ("91000", "Évry-Courcouronnes"), ("95000", "Cergy"), ("77100", "Meaux"),
         ("24200", "Sarlat-la-Canéda"), ("46100", "Figeac"), ("12000", "Rodez"), ("48000", "Mende"),
         ("05000", "Gap"), ("20000", "Ajaccio"), ("20200", "Bastia"),
         ("97110", "Pointe-à-Pitre"), ("97200", "Fort-de-France"), ("97300", "Cayenne"),
         ("97400", "Saint-Denis"), ("97410", "Saint-Pierre"), ("97600", "Mamoudzou"), ("98000", "Monaco"),
         ("71100", "Chalon-sur-Saône"), ("03100", "Montluçon"), ("45000", "Orléans"), ("18000", "Bourges")]
CEDEX_TOWNS = [("69443", "Lyon Cedex 03"), ("13101", "Aix-en-Provence Cedex 1"), ("75700", "Paris Cedex 07"),
               ("33076", "Bordeaux Cedex"), ("44035", "Nantes Cedex 1"), ("31036", "Toulouse Cedex 1"),
               ("59046", "Lille Cedex"), ("67082", "Strasbourg Cedex"), ("35042", "Rennes Cedex"),
               ("92042", "Paris La Défense Cedex")]
RESIDENCES = L("""Les Jardins d'Arcadie, Les Pins, Le Clos des Vignes, Les Terrasses du Lac, Le Parc Fleuri,
Les Hauts de Saint-Jean, Le Belvédère, Les Tilleuls, Val Fleuri, Les Magnolias, Le Panorama, Les Cèdres Bleus, Les Alizés""")
LIEUX_DITS = L("""La Croix Blanche, Les Granges, Le Moulin Neuf, La Métairie, Les Quatre Vents, Kervihan, La Borie,
Le Pré Haut, Bel Air, La Gravière, Les Trois Chênes, Le Bourg""")


def street_line() -> str:
    num = str(R.randint(1, 180)) if chance(0.93) else str(R.randint(181, 1450))
    if chance(0.12):
        num += pick([" bis", " ter", "bis", "B", " B", "A"])
    t = wpick(STREET_TYPES)
    name = pick(STREET_NAMES)
    if name.startswith("du ") or name.startswith("des ") or name.startswith("de "):
        pass
    sep = pick([" ", " ", " ", ", "])
    return f"{num}{sep}{t} {name}"


def complements() -> list[str]:
    out = []
    if chance(0.22):
        out.append(pick(["Résidence ", "Rés. ", "résidence ", "Résidence "]) + pick(RESIDENCES))
    if chance(0.22):
        out.append(pick(["Bât. ", "Bâtiment ", "bât ", "Bat. ", "Immeuble "]) + pick(["A", "B", "C", "D", "2", "4", "Le Lorrain"]))
    if chance(0.15):
        out.append(pick(["Escalier ", "Esc. ", "esc "]) + pick(["A", "B", "C", "1", "3"]))
    if chance(0.25):
        out.append(pick(["Appt ", "Apt ", "appartement ", "App. ", "Appt. n° ", "Porte "]) + str(R.randint(1, 320)) + (R.choice("ABCD") if chance(0.15) else ""))
    if chance(0.08):
        out.append(pick(["3e étage", "2ème étage", "RDC", "4e étage porte gauche", "1er étage"]))
    return out


def fr_address(multiline: bool = False, rich: float = 1.0) -> str:
    cp, town = pick(TOWNS)
    kind = wpick([("street", 80), ("lieudit", 7), ("bp", 6), ("cedex", 7)])
    lines: list[str] = []
    if kind == "lieudit":
        lines.append(pick(["Lieu-dit ", "lieu-dit ", "Lieudit ", "Hameau de ", ""]) + pick(LIEUX_DITS))
        town_line = f"{cp} {town}"
    elif kind == "bp":
        lines.append(street_line())
        lines.append(pick(["BP ", "B.P. ", "BP n° ", "CS "]) + str(R.randint(10, 90999)))
        cp, town = pick(CEDEX_TOWNS) if chance(0.5) else (cp, town)
        town_line = f"{cp} {town}"
    elif kind == "cedex":
        lines.append(street_line())
        cp, town = pick(CEDEX_TOWNS)
        town_line = f"{cp} {town}"
    else:
        if chance(0.5 * rich):
            lines.extend(complements())
        lines.append(street_line())
        town_line = f"{cp} {town}"
    if chance(0.08):
        town_line = f"{cp} {town.upper()}"
    lines.append(town_line)
    if multiline:
        s = "\n".join(lines)
        if chance(0.15):
            s = s.upper()
        return s
    return pick([", ", ", ", " ", " - "]).join(lines) if len(lines) > 1 else lines[0]


def foreign_address(cc: str, multiline: bool = False) -> str:
    if cc == "BE":
        st = pick(["Rue de la Loi", "Avenue Louise", "Chaussée de Waterloo", "Kerkstraat", "Stationsstraat",
                   "Rue Royale", "Boulevard d'Avroy", "Rue du Marché", "Meir", "Rue des Fripiers"])
        num = str(R.randint(1, 240)) + (pick([" bte 3", " boîte 12", "/4", " bus 2"]) if chance(0.3) else "")
        cp, town = pick([("1000", "Bruxelles"), ("1050", "Ixelles"), ("4000", "Liège"), ("9000", "Gent"),
                         ("2000", "Antwerpen"), ("5000", "Namur"), ("7000", "Mons"), ("1300", "Wavre"),
                         ("6000", "Charleroi"), ("1180", "Uccle")])
        lines = [f"{st} {num}", f"{pick(['', 'B-', 'B-'])}{cp} {town}"]
        if chance(0.3):
            lines.append(pick(["Belgique", "BELGIQUE", "Belgium"]))
    elif cc == "CH":
        st = pick(["Rue du Rhône", "Avenue de la Gare", "Bahnhofstrasse", "Chemin des Vignes", "Route de Lausanne",
                   "Rue de Lausanne", "Seestrasse", "Avenue de Rumine", "Rue du Simplon"])
        cp, town = pick([("1204", "Genève"), ("1003", "Lausanne"), ("8001", "Zürich"), ("3011", "Bern"),
                         ("2000", "Neuchâtel"), ("1950", "Sion"), ("1700", "Fribourg"), ("1820", "Montreux")])
        lines = [f"{st} {R.randint(1, 120)}", f"{pick(['', 'CH-', 'CH-'])}{cp} {town}"]
        if chance(0.2):
            lines.insert(1, f"Case postale {R.randint(100, 9999)}")
        if chance(0.3):
            lines.append(pick(["Suisse", "SUISSE", "Switzerland"]))
    elif cc == "LU":
        st = pick(["rue de la Gare", "boulevard Royal", "route d'Esch", "avenue de la Liberté", "Grand-Rue",
                   "rue du Fossé", "rue de Hollerich", "boulevard de la Pétrusse"])
        cp, town = pick([("1611", "Luxembourg"), ("4001", "Esch-sur-Alzette"), ("9001", "Ettelbruck"),
                         ("3401", "Dudelange"), ("1724", "Luxembourg"), ("8009", "Strassen")])
        lines = [f"{R.randint(1, 120)}{pick([', ', ' '])}{st}", f"L-{cp} {town}"]
        if chance(0.3):
            lines.append(pick(["Luxembourg", "LUXEMBOURG", "Grand-Duché de Luxembourg"]))
    elif cc == "ES":
        st = pick(["Calle Mayor", "Calle de Alcalá", "Avenida Diagonal", "Paseo de Gracia", "Calle Larios",
                   "Gran Vía", "Calle Serrano", "Avenida de la Constitución", "Carrer de Balmes"])
        cp, town = pick([("28013", "Madrid"), ("08008", "Barcelona"), ("46002", "Valencia"), ("41001", "Sevilla"),
                         ("29015", "Málaga"), ("48001", "Bilbao"), ("20003", "Donostia"), ("50001", "Zaragoza")])
        fl = pick(["3º B", "2º izq.", "bajo", "1º 2ª", "4º D", "5º A"])
        lines = [f"{st} {R.randint(1, 210)}, {fl}", f"{cp} {town}"]
        if chance(0.3):
            lines.append(pick(["España", "ESPAGNE", "Espagne", "Spain"]))
    elif cc == "IT":
        st = pick(["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Piazza del Duomo", "Via dei Mille",
                   "Viale Europa", "Via Mazzini", "Via Cavour", "Corso Buenos Aires"])
        cp, town, pr = pick([("20121", "Milano", "MI"), ("00184", "Roma", "RM"), ("10121", "Torino", "TO"),
                             ("80133", "Napoli", "NA"), ("50123", "Firenze", "FI"), ("40121", "Bologna", "BO"),
                             ("16121", "Genova", "GE")])
        lines = [f"{st}{pick([' ', ', '])}{R.randint(1, 150)}", f"{cp} {town}{pick(['', ' ' + pr])}"]
        if chance(0.3):
            lines.append(pick(["Italia", "ITALIE", "Italie"]))
    elif cc == "DE":
        st = pick(["Hauptstraße", "Bahnhofstraße", "Goethestraße", "Schillerstraße", "Friedrichstraße",
                   "Kastanienallee", "Am Markt", "Lindenweg", "Bahnhofstr."])
        cp, town = pick([("10115", "Berlin"), ("80331", "München"), ("20095", "Hamburg"), ("50667", "Köln"),
                         ("60311", "Frankfurt am Main"), ("70173", "Stuttgart"), ("66111", "Saarbrücken"),
                         ("76133", "Karlsruhe"), ("79098", "Freiburg im Breisgau")])
        lines = [f"{st} {R.randint(1, 140)}{pick(['', '', 'a', 'b'])}", f"{pick(['', '', 'D-'])}{cp} {town}"]
        if chance(0.3):
            lines.append(pick(["Deutschland", "ALLEMAGNE", "Allemagne", "Germany"]))
    elif cc == "UK":
        st = pick(["High Street", "Station Road", "Church Lane", "Victoria Road", "Baker Street", "King's Road",
                   "Park Avenue", "Queen Street", "Mill Lane"])
        town, pc = pick([("London", "SW1A 2AA"), ("London", "N1 9GU"), ("Manchester", "M1 1AE"), ("Bristol", "BS1 4DJ"),
                         ("Edinburgh", "EH1 1YZ"), ("Leeds", "LS1 4AP"), ("Brighton", "BN1 1AA"), ("Oxford", "OX1 2JD")])
        l1 = f"{R.randint(1, 220)} {st}"
        if chance(0.3):
            l1 = f"Flat {R.randint(1, 30)}, " + l1
        lines = [l1, f"{town} {pc}"] if chance(0.6) else [l1, town, pc]
        if chance(0.3):
            lines.append(pick(["United Kingdom", "UK", "ROYAUME-UNI", "Royaume-Uni"]))
    elif cc == "US":
        st = pick(["Main Street", "Oak Avenue", "Market St", "Broadway", "Elm St", "Fifth Avenue", "Mission Street",
                   "Pine Street", "Sunset Blvd"])
        town, stt, z = pick([("San Francisco", "CA", "94103"), ("New York", "NY", "10001"), ("Boston", "MA", "02108"),
                             ("Austin", "TX", "78701"), ("Chicago", "IL", "60601"), ("Seattle", "WA", "98101"),
                             ("Miami", "FL", "33130")])
        l1 = f"{R.randint(10, 9800)} {st}" + (pick([", Apt 4B", ", Suite 210", ", Apt. 12", " #305"]) if chance(0.35) else "")
        lines = [l1, f"{town}, {stt} {z}"]
        if chance(0.3):
            lines.append(pick(["USA", "United States", "ÉTATS-UNIS"]))
    elif cc == "CA":
        st = pick(["rue Sherbrooke Ouest", "boulevard René-Lévesque", "rue Saint-Denis", "avenue du Mont-Royal",
                   "Yonge Street", "rue Saint-Jean", "chemin Sainte-Foy", "Bank Street"])
        town, prov, pc = pick([("Montréal", "Québec", "H3G 1K4"), ("Québec", "Québec", "G1R 4P5"),
                               ("Gatineau", "Québec", "J8X 3X7"), ("Toronto", "ON", "M5B 2H1"),
                               ("Ottawa", "ON", "K1P 5G4"), ("Laval", "QC", "H7N 2L3")])
        l1 = f"{R.randint(10, 9800)}{pick([', ', ' '])}{st}" + (pick([", app. 5", ", bureau 300", ", Apt 12"]) if chance(0.3) else "")
        townline = f"{town} ({prov}) {pc}" if prov == "Québec" else f"{town}, {prov} {pc}" if chance(0.5) else f"{town} {prov} {pc}"
        lines = [l1, townline]
        if chance(0.3):
            lines.append(pick(["Canada", "CANADA"]))
    elif cc == "MA":
        st = pick(["Rue Tarik Ibn Ziad", "Boulevard Mohammed V", "Avenue Hassan II", "Rue Ibn Batouta",
                   "Boulevard Zerktouni", "Avenue des FAR", "Rue Moulay Ismaïl"])
        cp, town = pick([("20000", "Casablanca"), ("20250", "Casablanca"), ("10000", "Rabat"), ("40000", "Marrakech"),
                         ("90000", "Tanger"), ("30000", "Fès"), ("80000", "Agadir")])
        lines = [f"{R.randint(1, 300)}, {st}", f"{cp} {town}"]
        if chance(0.4):
            lines.insert(0, pick(["Résidence Al Amal, Imm. 4, Appt 12", "Quartier Maârif", "Hay Riad", "Guéliz",
                                  "Résidence Yasmine, Appt 7", "Lotissement Al Massira"]))
        if chance(0.3):
            lines.append(pick(["Maroc", "MAROC", "Morocco"]))
    elif cc == "SN":
        lines = [pick([f"Villa n° {R.randint(1, 9999)}, Cité Keur Gorgui", f"Sicap Liberté {R.randint(1, 6)}, Villa {R.randint(1000, 9999)}",
                       f"Rue {R.randint(1, 40)} x Boulevard de la Gueule Tapée", f"Cité Mixta, lot {R.randint(1, 400)}",
                       f"{R.randint(1, 80)}, avenue Cheikh Anta Diop", f"Parcelles Assainies Unité {R.randint(1, 26)}, villa {R.randint(1, 600)}"])]
        if chance(0.3):
            lines.append(f"BP {R.randint(1000, 45000)}")
        lines.append(pick(["Dakar", "Dakar-Fann", "Thiès", "Saint-Louis", "Ziguinchor", "Rufisque", "Dakar"]))
        if chance(0.35):
            lines.append(pick(["Sénégal", "SENEGAL", "Sénégal"]))
    elif cc == "PT":
        st = pick(["Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Rua do Carmo", "Travessa do Almada",
                   "Rua Garrett", "Avenida dos Aliados"])
        cp, town = pick([("1100-053", "Lisboa"), ("4000-443", "Porto"), ("3000-150", "Coimbra"), ("4700-312", "Braga"),
                         ("8000-123", "Faro"), ("4900-321", "Viana do Castelo")])
        fl = pick(["2º Esq.", "3º Dto", "1º andar", "r/c", "4º Frente"])
        lines = [f"{st}, {R.randint(1, 250)}{pick([', ' + fl, ' ' + fl, ''])}", f"{cp} {town}"]
        if chance(0.3):
            lines.append(pick(["Portugal", "PORTUGAL"]))
    else:
        raise ValueError(cc)
    if multiline:
        return "\n".join(lines)
    return ", ".join(lines) if chance(0.8) else " ".join(lines)


# --------------------------------------------------------------------------
# persons
# --------------------------------------------------------------------------
MAIL_FR = ["gmail.com", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "hotmail.fr", "yahoo.fr",
           "outlook.fr", "icloud.com", "live.fr", "neuf.fr", "bbox.fr", "hotmail.com", "gmail.com", "gmail.com",
           "proton.me", "aol.com"]
MAIL_CC = {"BE": ["skynet.be", "telenet.be", "proximus.be", "gmail.com"], "CH": ["bluewin.ch", "gmx.ch", "sunrise.ch"],
           "LU": ["pt.lu", "internet.lu", "gmail.com"], "ES": ["gmail.com", "hotmail.es", "telefonica.net", "yahoo.es"],
           "IT": ["libero.it", "virgilio.it", "tiscali.it", "alice.it"], "DE": ["gmx.de", "web.de", "t-online.de"],
           "UK": ["btinternet.com", "sky.com", "yahoo.co.uk"], "US": ["gmail.com", "yahoo.com", "aol.com", "comcast.net"],
           "CA": ["videotron.ca", "sympatico.ca", "gmail.com"], "MA": ["menara.ma", "gmail.com", "hotmail.com"],
           "SN": ["orange.sn", "yahoo.fr", "gmail.com"], "PT": ["sapo.pt", "gmail.com", "netcabo.pt"]}


def mailpart(s: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", ascii_fold(s).lower().replace(" ", ""))


class Person:
    def __init__(self, first: str, last: str, g: str, country: str = "FR"):
        self.first, self.last, self.g, self.country = first, last, g, country
        self._phone = self._email = self._addr = self._dob = self._mob2 = None

    def phone(self) -> str:
        if self._phone is None:
            self._phone = fr_phone() if self.country == "FR" else foreign_phone(self.country)
        return self._phone

    def mobile(self) -> str:
        if self._mob2 is None:
            self._mob2 = fr_phone("mobile") if self.country == "FR" else foreign_phone(self.country, True)
        return self._mob2

    def other_phone(self) -> str:
        return fr_phone("land" if chance(0.5) else None) if self.country == "FR" else foreign_phone(self.country)

    def email(self, domain: str | None = None) -> str:
        if self._email is None or domain:
            f, l = mailpart(self.first), mailpart(self.last)
            dom = domain or pick(MAIL_FR if self.country == "FR" else MAIL_CC[self.country])
            loc = wpick([(f"{f}.{l}", 40), (f"{f[0]}.{l}", 12), (f"{f[0]}{l}", 10), (f"{l}.{f}", 6),
                         (f"{f}{l}{R.randint(1, 99)}", 8), (f"{f}_{l}", 4), (f"{l}{f[0]}", 4),
                         (f"{f}.{l}{R.randint(60, 99)}", 6), (f"{f}{R.randint(1950, 2005)}", 4), (f"{l}-{f}", 2),
                         (f"{f[:3]}.{l[:5]}", 2), (f"{f}.{l}.pro", 2)])
            e = f"{loc}@{dom}"
            if domain:
                return e
            self._email = e
        return self._email

    def address(self, multiline: bool = False) -> str:
        if self._addr is None:
            self._addr = {}
        if multiline not in self._addr:
            self._addr[multiline] = fr_address(multiline) if self.country == "FR" else foreign_address(self.country, multiline)
        return self._addr[multiline]

    def dob(self) -> dt.date:
        if self._dob is None:
            self._dob = birth()
        return self._dob


def person(country: str = "FR", origin: str | None = None, g: str | None = None) -> Person:
    if origin is None:
        origin = wpick(DOMESTIC_ORIGINS) if country == "FR" else pick(COUNTRY_ORIGIN[country])
    g = g or pick("MF")
    fm, ff, ln = ORIGINS[origin]
    if chance(0.08):  # mixed couples, adoption, marriage
        fm, ff, _ = ORIGINS[wpick(DOMESTIC_ORIGINS)]
    first = pick(fm if g == "M" else ff)
    last = pick(ln)
    return Person(first, last, g, country)


def contact() -> Person:
    """A CRM contact: mostly French, about a fifth abroad."""
    return person(pick(FOREIGN)) if chance(0.2) else person()


CIV = {"M": [("M. ", 45), ("Monsieur ", 20), ("Mr ", 10), ("M ", 6), ("Mr. ", 3), ("MONSIEUR ", 1)],
       "F": [("Mme ", 45), ("Madame ", 20), ("Mme. ", 4), ("Mlle ", 4), ("Mademoiselle ", 1), ("MME ", 2)]}


def civ(p: Person) -> str:
    if chance(0.05):
        return pick(["Dr ", "Me ", "Docteur ", "Maître ", "Pr "])
    return wpick(CIV[p.g])


def initial(first: str) -> str:
    return "-".join(part[0] + "." for part in first.split("-"))


def name_parts(p: Person, style: str | None = None) -> tuple[str, str]:
    """(plain prefix, name value)."""
    style = style or wpick([("full", 34), ("civfull", 12), ("civlast", 14), ("LASTfirst", 8), ("firstLAST", 8),
                            ("init", 6), ("first", 6), ("civLAST", 4), ("civinit", 3), ("lastfirst", 2),
                            ("LAST", 1), ("initcompact", 2)])
    f, l = p.first, p.last
    if style in ("init", "civinit", "initcompact") and f[0] == "M" and "-" not in f:
        style = "full"  # "M. Nicolas" would read as Monsieur Nicolas
    if style == "full":
        return "", f"{f} {l}"
    if style == "civfull":
        return civ(p), f"{f} {l}"
    if style == "civlast":
        return civ(p), l
    if style == "civLAST":
        return civ(p), l.upper()
    if style == "LASTfirst":
        return "", f"{l.upper()} {f}"
    if style == "firstLAST":
        return "", f"{f} {l.upper()}"
    if style == "init":
        return "", f"{initial(f)} {l}"
    if style == "civinit":
        return civ(p), f"{initial(f)} {l}"
    if style == "initcompact":
        return "", "".join(x[0] for x in f.split("-")).upper() + f" {l}" if "-" in f else f"{initial(f)} {l.upper()}"
    if style == "first":
        return "", f
    if style == "last":
        return "", l
    if style == "LAST":
        return "", l.upper()
    if style == "lastfirst":
        return "", f"{l} {f}"
    raise ValueError(style)


def N(p: Person, style: str | None = None) -> str:
    pre, name = name_parts(p, style)
    return pre + E("PERSON", name)


def N_de(p: Person, style: str | None = None) -> str:
    """'de M. Brun' / "d'Olivier" / 'de Claire Dupont'."""
    pre, name = name_parts(p, style)
    if not pre and strip_accents(name[0]).lower() in "aeiouyh" and chance(0.85):
        return "d'" + E("PERSON", name)
    return "de " + pre + E("PERSON", name)


def F(p: Person) -> str:
    return E("PERSON", p.first)


def full(p: Person) -> str:
    return E("PERSON", f"{p.first} {p.last}")


def profile_url(p: Person) -> str:
    f, l = mailpart(p.first), mailpart(p.last)
    h = pick([f"{f}{l}", f"{f}_{l}", f"{f[0]}{l}", f"{l}{f[0]}", f"{f}.{l}", f"{f}{l}{R.randint(1, 99)}"])
    return wpick([
        (f"https://www.linkedin.com/in/{f}-{l}-{R.randint(0, 0xffffff):06x}", 20),
        (f"linkedin.com/in/{f}{l}", 10), (f"https://fr.linkedin.com/in/{f}-{l}", 8),
        (f"www.linkedin.com/in/{f[0]}{l}", 4),
        (f"https://twitter.com/{h.replace('.', '_')}", 5), (f"https://x.com/{h.replace('.', '_')}", 4),
        (f"https://www.facebook.com/{f}.{l}.{R.randint(1, 999)}", 6), (f"https://www.instagram.com/{h}", 5),
        (f"https://github.com/{h.replace('.', '-').replace('_', '-')}", 4), (f"https://{f}-{l}.fr", 4),
        (f"www.{f}{l}.com", 3), (f"https://{f}{l}.wordpress.com", 3), (f"https://medium.com/@{h}", 2),
        (f"https://www.malt.fr/profile/{f}{l}", 4), (f"https://www.viadeo.com/p/{f}-{l}", 1),
        (f"http://blog.{f}-{l}.net", 2), (f"https://www.doctolib.fr/kinesitherapeute/lyon/{f}-{l}", 2)])


# staff of the companies writing the notes
OUR = [("Acme Solutions", "acme-solutions.fr"), ("Habitat Confort", "habitat-confort.fr"),
       ("Assurances du Littoral", "assur-littoral.fr"), ("Boréal Énergie", "boreal-energie.fr"),
       ("Cuisines Marchal", "cuisines-marchal.fr"), ("TéléNet Pro", "telenetpro.fr"),
       ("Mutuelle Horizon", "mutuelle-horizon.fr"), ("Dupont SARL", "dupont-sarl.fr")]
STAFF = [person() for _ in range(40)]
for _s in STAFF:
    _co = pick(OUR)
    _s.company, _s.domain = _co
    _s._email = _s.email(_co[1])
    _s._phone = fr_phone(pick(["mobile", "land"]))


# --------------------------------------------------------------------------
# look-alikes (never labelled)
# --------------------------------------------------------------------------
def year() -> int:
    return R.randint(2019, 2025)


def order_ref() -> str:
    return pick([f"CMD-{year()}-{digits(6)}", f"{dnz(7)}", f"A{digits(5)}", f"{year()}/{digits(5)}", f"BC{digits(8)}",
                 f"WEB-{dnz(5)}", f"{dnz(3)}-{digits(4)}-{digits(3)}", f"C{year() % 100}{digits(6)}"])


def invoice_ref() -> str:
    return pick([f"FA-{year()}-{digits(5)}", f"F{year() % 100}{digits(4)}-{digits(2)}", f"{year()}-{dnz(4)}",
                 f"FAC{digits(7)}", f"N° {dnz(6)}", f"INV-{digits(6)}"])


def contract_ref() -> str:
    return pick([f"CTR-{dnz(5)}", f"{dnz(1)} {digits(3)} {digits(3)} {R.choice('ABCXZ')}", f"HAB-{digits(6)}",
                 f"POL{digits(8)}", f"{R.choice('AMK')}{digits(2)}/{digits(5)}", f"ASS-{year()}-{digits(4)}"])


def ticket_ref() -> str:
    return pick([f"#{dnz(5)}", f"INC{digits(7)}", f"TK-{year()}-{dnz(4)}", f"SR-{dnz(6)}", f"REQ{dnz(6)}"])


def devis_ref() -> str:
    return pick([f"D-{year()}-{digits(4)}", f"DEV{digits(6)}", f"Q{year() % 100}-{dnz(3)}", f"n° {dnz(5)}"])


def sinistre_ref() -> str:
    return pick([f"SIN-{year()}-{digits(5)}", f"{year()}{digits(6)}", f"S{digits(9)}", f"DOS-{dnz(6)}"])


def tracking() -> str:
    return pick([f"6A{digits(11)}", f"XY{digits(9)}FR", f"1Z{digits(3)}AA1{digits(10)}", f"JJD{digits(14)}",
                 f"{dnz(13)}", f"CB{digits(9)}FR", f"8R{digits(11)}"])


def money() -> str:
    a = R.randint(5, 12000)
    c = pick(["00", "50", "90", "99", digits(2)])
    a_s = f"{a:,}".replace(",", " ")
    return wpick([(f"{a_s},{c} €", 40), (f"{a} €", 15), (f"{a},{c} EUR", 8), (f"{a_s} € HT", 8), (f"{a_s} € TTC", 6),
                  (f"€{a}", 3), (f"CHF {a:,}.{c}".replace(",", "'"), 2), (f"${a:,}.{c}", 2), (f"{a} euros", 8),
                  (f"{a} k€" if a < 500 else f"{a} €", 2)])


def version() -> str:
    return pick([f"v{R.randint(1, 12)}.{R.randint(0, 20)}.{R.randint(0, 9)}.{R.randint(0, 99)}",
                 f"{R.randint(1, 9)}.{R.randint(0, 30)}.{R.randint(0, 12)}", f"v{R.randint(2, 6)}.{R.randint(0, 9)}",
                 f"{R.randint(1, 10)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(1000, 9999)}",
                 f"build {R.randint(4, 7)}.{R.randint(0, 4)}.{R.randint(0, 255)}.{R.randint(0, 255)}",
                 f"{year()}.{R.randint(1, 12):02d}.{R.randint(1, 4)}"])


def sku() -> str:
    return pick([f"REF-{dnz(5)}", f"{R.choice('ABKMX')}{digits(3)}-{digits(2)}", f"EAN {dnz(13)}", f"SKU{digits(7)}",
                 f"art. {dnz(6)}"])


def town_alone() -> str:
    return pick(["Lyon", "Nantes", "Bordeaux", "Lille", "Rennes", "Strasbourg", "Marseille", "Toulouse", "Brest",
                 "Saint-Étienne", "Villeneuve-d'Ascq", "Charleville-Mézières", "Aix-en-Provence", "Le Blanc",
                 "Saint-Martin-d'Hères", "Pierrefitte-sur-Seine", "Clermont-Ferrand", "Genève", "Bruxelles",
                 "Luxembourg", "Casablanca", "Dakar", "Porto", "Milan", "Barcelone", "Montréal", "Saint-Pierre",
                 "Saint-Denis", "Pointe-à-Pitre", "Rouen", "Metz", "Annecy", "Vannes", "Quimper"])


COMPANIES = L("""Leroy Merlin, Dupont SARL, Boulangerie Martin, Garage Petit & Fils, Transports Girard,
Cabinet Durand & Associés, Pharmacie Rose, Maison Blanc, Menuiserie Lefebvre, Michelin, Peugeot, Renault,
Yves Rocher, Pierre Fabre, Jean Louis David, Hermès, Lacoste, Decathlon, Fnac, Darty, Boulanger, Carrefour,
Auchan, Orange, Free, Bouygues Telecom, SNCF, La Poste, Chronopost, Colissimo, DHL, UPS, Crédit Agricole,
BNP Paribas, Société Générale, LCL, Caisse d'Épargne, AXA, MAIF, Groupama, Allianz, MACIF, Ets Moreau,
SCI Les Tilleuls, SAS Bernard Frères, Laboratoires Gilbert, Castorama, Point P, Brico Dépôt, Lapeyre,
Cuisines Marchal, Plomberie Lucas, Ambulances Roussel, Taxi Vidal, Éditions Gallimard, Martin Brower,
Charcuterie Leroux, Domaine Blanc & Fils, Cabinet Lemoine Avocats, Atol, Afflelou, Optic 2000, Picard,
Ets Chevalier, Holding Perrin, Mercier Immobilier, Agence Fontaine Immo, Bâtiments Roche, Pâtisserie Colin""")
PRODUCTS = L("""Offre Cloud Pro, Pack Sérénité, Forfait Liberté 100 Go, Box Fibre Max, abonnement Premium+,
logiciel GestPro 5, contrat Confort Plus, Garantie Essentielle, canapé Margot 3 places, fauteuil Gaston,
lampe Olive, gamme Rose Gold, table Victor, matelas Céleste 160x200, buffet Louise, poêle Martin 24 cm,
chaudière Condens 5000, pompe à chaleur Alizé 8 kW, cuisine modèle Pierre, Assurance Auto Tiers+,
formule Jeune Conducteur, option Protection Juridique, Mutuelle Santé Confort, offre Duo Énergie""")
ROLES = L("""le comptable, la DRH, le gestionnaire de sinistre, le technicien, le livreur, le standard,
notre commercial, l'expert, le conseiller clientèle, la responsable qualité, le chef d'équipe,
le directeur d'agence, le service recouvrement, l'huissier, la médecine du travail, le support N2""")


def company() -> str:
    return pick(COMPANIES)


def company_site() -> str:
    return pick(["www.acme-solutions.fr", "https://www.habitat-confort.fr/contact", "https://www.leroymerlin.fr",
                 "https://aide.free.fr", "https://docs.crm-cloud.io/v4/api", "https://www.linkedin.com/company/acme-solutions",
                 "https://www.boreal-energie.fr/espace-client", "www.assur-littoral.fr", "https://status.telenetpro.fr",
                 "https://www.service-public.fr", "https://www.ameli.fr", "https://www.impots.gouv.fr",
                 "https://www.cuisines-marchal.fr/nos-modeles", "https://www.facebook.com/HabitatConfortOfficiel"])


def card_tail() -> str:
    return pick([f"carte finissant par {digits(4)}", f"CB **** {digits(4)}", f"carte n° XXXX XXXX XXXX {digits(4)}",
                 f"Visa se terminant par {digits(4)}", f"CB ...{digits(4)}"])


def relation(g: str) -> str:
    """A relative or helper of gender g (the relative's gender)."""
    if g == "M":
        return pick(["son fils", "son frère", "son conjoint", "son voisin", "son père", "son tuteur", "son associé", "son neveu"])
    return pick(["sa fille", "sa sœur", "sa conjointe", "sa voisine", "sa mère", "sa curatrice", "son associée", "sa nièce"])


def sep_lines(parts: list[str], joiners=(" ", " ", "\n", " - ", "\n")) -> str:
    j = pick(joiners)
    return j.join(x for x in parts if x)


# --------------------------------------------------------------------------
# (a) short CRM activity notes
# --------------------------------------------------------------------------
def note_style(lower=0.12, upper=0.05, noacc=0.12, typos=0.22) -> dict:
    c = R.random()
    case = "lower" if c < lower else "upper" if c < lower + upper else None
    return {"case": case, "noacc": chance(noacc), "typos": chance(typos)}


def call_reason() -> str:
    return pick([f"concernant sa facture de {pick(MOIS)}", f"au sujet du devis {devis_ref()}",
                 "pour un problème de connexion à son espace client", f"suite à la coupure du {adate()}",
                 "pour modifier ses coordonnées bancaires", f"pour résilier son contrat {contract_ref()}",
                 f"pour une question sur le prélèvement du {adate()}", f"pour un retard de livraison (commande {order_ref()})",
                 f"pour contester des frais de {money()}", "pour demander un échéancier",
                 "car le code d'activation n'est jamais arrivé", "pour prendre rdv avec un technicien",
                 "pour un duplicata de facture", "pour signaler un déménagement", "pour un remboursement en attente depuis 3 semaines",
                 f"à propos de l'offre {pick(PRODUCTS)}", "pq la box ne synchronise plus", "pb de facturation", "re: litige en cours"])


def gen_call():
    p = contact()
    st = pick(STAFF)
    q = person(p.country) if chance(0.5) else person()
    hdr = pick(["Appel entrant", "Appel sortant", "Tél.", "APPEL", "Appel client", "Échange tél.", "Call", "Tel", "Rappel"])
    openings = [
        lambda: f"{hdr} {N(p)} – {PH(p.phone())}\n{call_reason().capitalize()}.",
        lambda: f"{N(p)} a appelé {pick(['ce matin', 'hier soir', 'à 9h', 'en fin de journée', 'deux fois'])} {call_reason()}.",
        lambda: f"Appel {N_de(p)} ({PH(p.phone())}) {call_reason()}.",
        lambda: f"Rappelé {N(p, 'civlast')} {call_reason()}.",
        lambda: f"tel avec {N(p)} {call_reason()}",
        lambda: f"{adate()} {hhmm()} – appel {N_de(p)} {call_reason()}.",
        lambda: f"[{adate()}] {N(p)} joint{'e' if p.g == 'F' else ''} au {PH(p.phone())} : {call_reason()}.",
        lambda: f"{hdr} : {N(p, 'civfull')}, client n° {dnz(6)}. Motif : {call_reason()}.",
    ]
    extras = [
        lambda: f"Nouveau numéro : {PH(p.phone())}.",
        lambda: f"Joignable au {PH(p.other_phone())} après {R.randint(17, 19)}h.",
        lambda: f"Fixe {PH(fr_phone('land'))} / portable {PH(p.mobile())}." if p.country == "FR" else f"Portable : {PH(p.mobile())} (ne pas appeler avant 10h, décalage horaire).",
        lambda: f"Mail à jour : {EM(p.email())}.",
        lambda: f"Souhaite recevoir ses factures sur {EM(p.email())} et non plus par courrier.",
        lambda: f"Nouvelle adresse : {LOC(p.address())}.",
        lambda: f"Déménage au {LOC(p.address())} à partir du {adate()}.",
        lambda: f"Transmis à {N(st, 'first')} ({pick(['compta', 'service technique', 'recouvrement', 'qualité'])}).",
        lambda: f"Vu avec {N(st)} : geste commercial de {money()} accordé.",
        lambda: f"Réf. commande {order_ref()}, montant {money()}.",
        lambda: f"{pick(['Son conjoint', 'Son mari'] if q.g == 'M' else ['Sa conjointe', 'Son épouse'])} {N(q)} est cotitulaire du contrat.",
        lambda: f"Demande que l'on contacte plutôt {relation(q.g)}, {N(q)}, au {PH(q.phone())}.",
        lambda: f"Nouvel IBAN donné par tél : {IB(iban())} - mandat SEPA à renvoyer signé.",
        lambda: f"Client depuis {R.randint(1998, 2022)}, contrat {contract_ref()}, offre {pick(PRODUCTS)}.",
        lambda: f"Lui ai donné le numéro du support : {PH(fr_phone('special'))}.",
        lambda: f"Ne souhaite plus être démarché{'e' if p.g == 'F' else ''} (opposition enregistrée).",
        lambda: f"A relancer par mail ({EM(p.email())}) si pas de nouvelles {when()}.",
        lambda: f"Compte bloqué depuis l'IP {IP(ipv4(False))}, réinitialisation faite.",
        lambda: f"Paiement de {money()} pris par tél, {card_tail()}.",
        lambda: f"Profil LinkedIn : {URL(profile_url(p))}.",
    ]
    closings = [lambda: f"Rappel prévu {when()}.", lambda: "Dossier clos.", lambda: "A suivre.", lambda: "RAS.",
                lambda: f"— {N(st, pick(['full', 'first', 'init', 'firstLAST']))}", lambda: f"Saisi par {N(st)}",
                lambda: "Ticket ouvert.", lambda: "Mail de confirmation envoyé.", lambda: "", lambda: "",
                lambda: f"Cc {N(st, 'first')}"]
    parts = [pick(openings)()] + [f() for f in R.sample(extras, R.randint(1, 3))] + [pick(closings)()]
    return "call", sep_lines(parts), note_style()


def gen_visit():
    p = person() if chance(0.85) else contact()
    st = pick(STAFF)
    q = person()
    openings = [
        lambda: f"Visite chez {N(p)} le {adate()} à {hhmm()}.",
        lambda: f"RDV sur site : {LOC(p.address())}, avec {N(p)}.",
        lambda: f"Passage du technicien ({N(st, 'first')}) au domicile {N_de(p)} : {LOC(p.address())}.",
        lambda: f"Compte rendu de visite – {N(p)} – {adate()}\nAdresse : {LOC(p.address())}",
        lambda: f"visite {N(p, 'civlast')} {LOC(p.address())} ok",
        lambda: f"Intervention {ticket_ref()} – client {N(p)}\n{LOC(p.address(True))}",
        lambda: f"Visite {N_de(p)} : {LOC(street_line())} ({pick(['interphone HS, appeler en bas', 'code 4512B', 'maison au fond de la cour', 'portail bleu'])}), {LOC(' '.join(pick(TOWNS)))}.",
        lambda: f"Métré réalisé chez {N(p)} pour la {pick(['cuisine', 'salle de bain', 'véranda', 'toiture'])}.",
    ]
    extras = [
        lambda: f"Digicode {digits(4)}{R.choice('AB')}, {R.randint(1, 7)}e étage, porte {pick(['gauche', 'droite', 'face'])}.",
        lambda: f"Interphone au nom de {E('PERSON', p.last.upper())}.",
        lambda: "Chien dans le jardin, prévenir avant d'entrer.",
        lambda: f"Portail vert, se garer devant le n° {R.randint(2, 80)}.",
        lambda: f"{'La voisine' if q.g == 'F' else 'Le voisin'} ({N(q, 'civlast')}) a réceptionné le matériel.",
        lambda: f"Véhicule du client {PLATE(plate())} dans l'allée, accès camion impossible.",
        lambda: f"Devis {devis_ref()} remis en main propre : {money()}.",
        lambda: f"Contact sur place : {N(q)} ({PH(q.phone())}).",
        lambda: f"Prochaine visite {when()}.",
        lambda: f"Relevé compteur : {dnz(5)} kWh, index HC {dnz(4)}.",
        lambda: f"Photos envoyées à {EM(st.email())}.",
        lambda: f"Client{'e' if p.g == 'F' else ''} joignable au {PH(p.phone())}.",
        lambda: f"Installation {pick(PRODUCTS)} terminée, PV signé par {N(p, 'civlast')}.",
        lambda: f"Présence de {relation(q.g)} ({N(q, 'first')}) pendant la visite.",
        lambda: f"Plan de la maison transmis par mail à {EM(p.email())}.",
        lambda: "Pierre de taille fissurée sur la façade, prévoir expertise.",
        lambda: "Mur en pierre, carrelage blanc à reprendre, petit dégât des eaux.",
    ]
    closings = [lambda: f"Technicien : {N(st)}", lambda: f"({N(st, 'init')})", lambda: "", lambda: "Fin d'intervention 11h40.",
                lambda: "Satisfaction client : 4/5."]
    parts = [pick(openings)()] + [f() for f in R.sample(extras, R.randint(1, 4))] + [pick(closings)()]
    return "visit", sep_lines(parts), note_style()


def gen_complaint():
    p = contact()
    st, st2 = pick(STAFF), pick(STAFF)
    q = person()
    canal = pick(["courrier", "mail", "téléphone", "formulaire web", "Twitter", "chat", "LRAR"])
    issue = pick(["colis livré endommagé", "produit non conforme", "double prélèvement", "technicien jamais venu",
                  "facture erronée", "attente de plus de 40 min au standard", "résiliation non prise en compte",
                  "remboursement non reçu", "comportement du livreur", "panne récurrente depuis 3 semaines"])
    openings = [
        lambda: f"Réclamation {N_de(p)} reçue par {canal} le {adate()}. Objet : {issue}.",
        lambda: f"RECLAMATION – {N(p)} – {issue}",
        lambda: f"Plainte de {N(p, 'civlast')} ({issue}), commande {order_ref()}.",
        lambda: f"{N(p)} mécontent{'e' if p.g == 'F' else ''} : {issue}.",
        lambda: f"Litige {ticket_ref()} : {issue}. Client : {N(p)}, {LOC(p.address())}.",
    ]
    extras = [
        lambda: f"Exige un remboursement de {money()} sur son compte {IB(iban())}.",
        lambda: f"Colis déposé chez un voisin ({N(q, 'civlast')}) sans accord.",
        lambda: "Ton agressif, menace de saisir la DGCCRF et 60 Millions de consommateurs.",
        lambda: f"Cf. échange de mails avec {N(st)} du {adate()}.",
        lambda: f"Réponse envoyée à {EM(p.email())}.",
        lambda: f"Contact : {PH(p.phone())}.",
        lambda: f"Carte débitée deux fois ({CC(card())}), exp. {R.randint(1, 12):02d}/{R.randint(25, 30)}.",
        lambda: f"Débit constaté sur la {card_tail()}.",
        lambda: f"Escalade au service qualité ({N(st2)}).",
        lambda: f"Commande {order_ref()} du {adate()}, montant {money()}.",
        lambda: f"Geste commercial proposé : avoir de {money()}, refusé.",
        lambda: f"Adresse de retour : {LOC(p.address())}.",
        lambda: f"Le livreur ({PLATE(plate())}) aurait été impoli selon {N(p, 'first')}.",
        lambda: f"Avis négatif publié sur Google, voir {URL(profile_url(p))}." if chance(0.5) else "Avis négatif publié sur Trustpilot.",
    ]
    closings = [lambda: f"Traité par {N(st)}.", lambda: f"Délai de réponse : {R.randint(2, 15)} jours.", lambda: "",
                lambda: "Clôture après accord du client.", lambda: f"Relance {when()}."]
    parts = [pick(openings)()] + [f() for f in R.sample(extras, R.randint(2, 4))] + [pick(closings)()]
    return "complaint", sep_lines(parts), note_style()


def gen_delivery():
    foreign = chance(0.2)
    p = person(pick(FOREIGN)) if foreign else person()
    q = person()
    drv = person()
    h = R.randint(7, 14)
    openings = [
        lambda: f"Livraison {order_ref()} prévue {when()} entre {h}h et {h + 4}h.",
        lambda: f"LIVRAISON – cmd {order_ref()} – {N(p)}",
        lambda: f"Expédition {pick(['Colissimo', 'Chronopost', 'DHL', 'UPS', 'GLS', 'DB Schenker'])} n° {tracking()} pour {N(p)}.",
        lambda: f"Créneau de livraison confirmé avec {N(p)} : {adate()}, {h}h-{h + 2}h.",
    ]
    addr_line = [
        lambda: f"Adresse de livraison : {LOC(p.address())}.",
        lambda: f"Livrer à :\n{N(p, 'civfull')}\n{LOC(p.address(True))}",
        lambda: f"Adresse : {LOC(p.address())}",
    ]
    if not foreign:
        addr_line.append(lambda: f"Adresse : {LOC(street_line())} – attention, nouveau code postal : {LOC(' '.join(pick(TOWNS)))}")
    if foreign:
        addr_line.append(lambda: f"Export {pick(['UE', 'hors UE', 'DDP'])} vers {LOC(p.address())}.")
    extras = [
        lambda: f"Contact sur place : {N(p)} {PH(p.phone())}.",
        lambda: f"Livreur : {N(drv, 'first')} ({pick(['Geodis', 'transporteur', 'TNT', 'sous-traitant'])}), camion {PLATE(plate())}.",
        lambda: f"Remis en point relais ({pick(['Tabac de la Mairie', 'Carrefour City', 'Relais Colis Presse'])}) à {town_alone()}.",
        lambda: f"Signature : {N(q, 'civlast')} (gardien).",
        lambda: f"Avis de passage laissé, {N(p, 'first')} rappellera.",
        lambda: f"Code porte {digits(4)}, sonner chez {E('PERSON', p.last.upper())}.",
        lambda: f"Palette refusée : 2 cartons abîmés, réserves notées sur le bordereau {tracking()}.",
        lambda: f"Poids {R.randint(2, 900)} kg, {R.randint(1, 12)} colis, {sku()}.",
        lambda: f"SMS de suivi envoyé au {PH(p.mobile())}.",
        lambda: f"En cas d'absence, laisser chez {N(q)} au {LOC(q.address())}.",
        lambda: f"Ne pas livrer avant {hhmm()}, client{'e' if p.g == 'F' else ''} de nuit.",
        lambda: f"Montant contre-remboursement : {money()}.",
    ]
    parts = [pick(openings)(), pick(addr_line)()] + [f() for f in R.sample(extras, R.randint(1, 3))]
    R.shuffle(parts)
    return "delivery", sep_lines(parts, ("\n", " ", "\n")), note_style()


def gen_collection():
    p = contact()
    st = pick(STAFF)
    huiss = person("FR")
    b2b = chance(0.35)
    co = company()
    sr = siren_raw()
    openings = [
        lambda: f"Relance n°{R.randint(1, 4)} – facture {invoice_ref()} de {money()} impayée depuis le {adate()}.",
        lambda: f"RECOUVREMENT {N(p)} – solde dû {money()}",
        lambda: f"Impayé {invoice_ref()} : {N(p)} injoignable depuis {R.randint(2, 9)} semaines.",
        lambda: f"Dossier contentieux {contract_ref()} ({N(p, 'civlast')}).",
    ]
    if b2b:
        openings.append(lambda: f"Débiteur : {co}, SIRET {SIRET(fmt_siret(siret_raw(sr)))}, gérant {N(p)}.")
        openings.append(lambda: f"Société {co} (SIREN {SIREN(fmt_siren(sr))}) – {money()} à recouvrer, interlocuteur {N(p)}.")
    extras = [
        lambda: f"Échéancier accepté par {N(p)} : {R.randint(2, 10)} x {money()}, prélèvement sur {IB(iban())}.",
        lambda: f"Paiement par carte {CC(card())} refusé (provision insuffisante).",
        lambda: f"{card_tail().capitalize()} expirée, demander un nouveau moyen de paiement.",
        lambda: f"Mise en demeure envoyée en LRAR au {LOC(p.address())}.",
        lambda: f"Dossier transmis à l'huissier, Me {E('PERSON', huiss.last)} ({PH(fr_phone('land'))}).",
        lambda: f"Injoignable au {PH(p.phone())}, nouveau numéro trouvé : {PH(p.other_phone())}.",
        lambda: f"Promesse de paiement pour le {adate()}.",
        lambda: f"Virement de {money()} reçu le {adate()}, reste {money()}.",
        lambda: f"Coordonnées vérifiées : {EM(p.email())}.",
        lambda: f"Suivi par {N(st)} ({PH(st.phone())}).",
        lambda: f"Pénalités de retard : {R.randint(3, 12)} %, indemnité forfaitaire 40 €.",
        lambda: f"Vérif. Infogreffe : SIREN {SIREN(fmt_siren(sr))}, société {pick(['active', 'en redressement judiciaire', 'radiée'])}.",
        lambda: f"Le comptable de la société rappellera {when()}.",
    ]
    parts = [pick(openings)()] + [f() for f in R.sample(extras, R.randint(2, 4))]
    return "collection", sep_lines(parts), note_style()


def gen_hr():
    p = person() if chance(0.85) else contact()
    st = pick(STAFF)
    q = person()
    d = p.dob()
    openings = [
        lambda: f"Dossier salarié – {N(p, pick(['full', 'LASTfirst', 'firstLAST']))}",
        lambda: f"Embauche de {N(p)} au poste de {pick(['technicien', 'assistante commerciale', 'chargé de clientèle', 'magasinier', 'comptable'])} à compter du {adate()}.",
        lambda: f"Entretien annuel {N_de(p)} avec {N(st)} le {adate()}.",
        lambda: f"Arrêt de travail {N_de(p)} {span_dates()}.",
        lambda: f"RH – mise à jour fiche {N(p)}",
    ]
    extras = [
        lambda: f"{pick(['Née', 'née', 'Né(e)'] if p.g == 'F' else ['Né', 'né', 'Né(e)'])} le {DOB(fmt_dob(d))} à {town_alone()}.",
        lambda: f"Date de naissance : {DOB(fmt_dob(d))}.",
        lambda: f"DDN {DOB(fmt_dob(d))}",
        lambda: f"N° sécu : {NIR(nir(p.g, d))}",
        lambda: f"NIR {NIR(nir(p.g, d))} (carte vitale à jour).",
        lambda: f"Adresse : {LOC(p.address())}",
        lambda: f"RIB pour la paie : {IB(iban('FR'))}",
        lambda: f"Personne à prévenir : {N(q)} ({pick(['conjoint', 'père', 'frère', 'ami'] if q.g == 'M' else ['conjointe', 'mère', 'sœur', 'amie'])}) – {PH(q.phone())}",
        lambda: f"Objectifs {year()} validés, prime de {money()}.",
        lambda: f"Véhicule de fonction : {PLATE(plate())}.",
        lambda: f"Mail perso : {EM(p.email())}",
        lambda: f"Tél. perso {PH(p.phone())}",
        lambda: f"Date d'entrée : {adate()} ; période d'essai renouvelée.",
        lambda: f"Mutuelle : ayant droit {N(q, 'first')}, né{'e' if q.g == 'F' else ''} le {DOB(fmt_dob(q.dob()))}.",
        lambda: f"Visite médicale avec la médecine du travail le {adate()} à {hhmm()}.",
        lambda: f"Coefficient {R.randint(150, 450)}, salaire brut {money()}.",
    ]
    closings = [lambda: f"Saisi par {N(st)}", lambda: "", lambda: "Confidentiel RH.", lambda: f"Validé {N(st, 'init')}"]
    parts = [pick(openings)()] + [f() for f in R.sample(extras, R.randint(2, 5))] + [pick(closings)()]
    return "hr", sep_lines(parts, ("\n", "\n", " ", " | ")), note_style(lower=0.06, upper=0.04)


def gen_insurance():
    p = contact()
    q = person()
    st = pick(STAFF)
    child = person(p.country, g=pick("MF"))
    child.last = p.last
    child._dob = child_birth()
    d = p.dob()
    openings = [
        lambda: f"Déclaration de sinistre {sinistre_ref()} – assuré{'e' if p.g == 'F' else ''} : {N(p)}, contrat {contract_ref()}.",
        lambda: f"SINISTRE AUTO {sinistre_ref()} – {N(p)}",
        lambda: f"Dégât des eaux chez {N(p)}, {LOC(p.address())}.",
        lambda: f"Demande d'adhésion mutuelle : {N(p)}, {'née' if p.g == 'F' else 'né'} le {DOB(fmt_dob(d))}.",
        lambda: f"Appel de {N(p)} pour un bris de glace, véhicule {PLATE(plate())}.",
    ]
    extras = [
        lambda: f"Véhicule assuré {PLATE(plate())}, tiers : {N(q)} ({PLATE(plate())}), assureur adverse {pick(['AXA', 'MAIF', 'Groupama', 'Allianz', 'MACIF'])}.",
        lambda: f"Tiers joignable au {PH(q.phone())}.",
        lambda: f"Lieu : parking du centre commercial, {town_alone()}.",
        lambda: f"Expert mandaté ({pick(['cabinet BCA', 'Cabinet Durand & Associés', 'Texa'])}), rdv {when()}.",
        lambda: f"N° sécu assuré : {NIR(nir(p.g, d))}",
        lambda: f"Indemnisation de {money()} par virement sur {IB(iban())}.",
        lambda: f"Voisin du dessus : {N(q, 'civlast')}, assuré chez {company()}.",
        lambda: f"Ayant droit : {N(child, pick(['first', 'full']))}, né{'e' if child.g == 'F' else ''} le {DOB(fmt_dob(child.dob()))}.",
        lambda: f"Franchise : {money()}. Constat amiable reçu le {adate()}.",
        lambda: f"Conducteur au moment des faits : {N(q)}, permis n° {dnz(12)}.",
        lambda: f"Gestionnaire : {N(st)} – {EM(st.email())}",
        lambda: f"Adresse de correspondance : {LOC(p.address())}",
        lambda: f"Assuré joignable au {PH(p.phone())} ou {EM(p.email())}.",
        lambda: f"Date de naissance de l'assuré : {DOB(fmt_dob(d))}.",
    ]
    parts = [pick(openings)()] + [f() for f in R.sample(extras, R.randint(2, 4))]
    return "insurance", sep_lines(parts), note_style(lower=0.06, upper=0.05)


# --------------------------------------------------------------------------
# (b) pasted e-mails
# --------------------------------------------------------------------------
TITLES = ["Responsable des achats", "Chargée de clientèle", "Directeur technique", "Gérant", "Office manager",
          "Assistante de direction", "Conseiller patrimonial", "Responsable administratif et financier",
          "Technicien SAV", "Chef de projet", "Juriste", "Comptable", "Commercial grands comptes", "DAF",
          "Gestionnaire sinistres", "Responsable logistique"]


def email_style() -> dict:
    return {"case": None, "noacc": chance(0.07), "typos": chance(0.15)}


def staff_signature(st: Person, rich: bool = True) -> str:
    lines = [N(st, wpick([("full", 70), ("firstLAST", 20), ("init", 10)]))]
    lines.append(pick(TITLES) + pick([" – ", " | ", "\n"]) + st.company)
    if rich and chance(0.6):
        lines.append(LOC(fr_address(multiline=chance(0.5), rich=0.3)))
    tel = []
    if chance(0.85):
        tel.append(f"{pick(['Tél. : ', 'T. ', 'Tel ', 'Ligne directe : ', 'Tél '])}{PH(st.phone())}")
    if chance(0.4):
        tel.append(f"{pick(['Mob. : ', 'Port. ', 'Mobile : ', 'GSM '])}{PH(fr_phone('mobile'))}")
    if chance(0.2):
        tel.append(f"Fax : {PH(fr_phone('land'))}")
    if tel:
        lines.append(pick([" | ", " – ", "\n"]).join(tel))
    if chance(0.6):
        lines.append(EM(st.email()))
    if chance(0.35):
        lines.append(pick(["www.", "https://www."]) + st.domain)
    if chance(0.15):
        lines.append(f"Mon profil : {URL(profile_url(st))}")
    if rich and chance(0.25):
        sr = siren_raw()
        lines.append(pick([
            f"SIRET {SIRET(fmt_siret(siret_raw(sr)))}",
            f"SAS au capital de {R.randint(1, 500) * 1000:,} € – RCS {town_alone()} {SIREN(fmt_siren(sr))}".replace(",", " "),
            f"N° SIRET : {SIRET(fmt_siret(siret_raw(sr)))} – TVA intracom. FR{digits(2)}{sr}",
            f"SIREN : {SIREN(fmt_siren(sr))}"]))
    return "\n".join(lines)


def client_signature(p: Person, en: bool = False) -> str:
    lines = [N(p, wpick([("full", 60), ("first", 15), ("firstLAST", 10), ("LASTfirst", 5), ("init", 10)]))]
    if chance(0.35):
        lines.append(LOC(p.address(multiline=chance(0.6))))
    if chance(0.55):
        lab = pick(["", "Tél : ", "Tel. ", "Mobile: " if en else "Port. ", "📱 "])
        lines.append(lab + PH(p.mobile() if lab in ("Mobile: ", "Port. ", "📱 ") else p.phone()))
    if chance(0.15):
        lines.append(EM(p.email()))
    if chance(0.1):
        lines.append(URL(profile_url(p)))
    if chance(0.2):
        lines.append(pick(["Envoyé de mon iPhone", "Envoyé depuis mon mobile Samsung", "Sent from my iPhone",
                           "Provenance : Courrier pour Windows"]))
    return "\n".join(lines)


def greeting(p: Person, en=False) -> str:
    if en:
        return pick([f"Hi {F(p)},", f"Dear {pick(['Mr', 'Ms', 'Mrs'])} {E('PERSON', p.last)},", f"Hello {F(p)},",
                     "Dear Sir or Madam,", f"Good morning {F(p)},"])
    civw = "Madame" if p.g == "F" else "Monsieur"
    return pick([f"Bonjour {F(p)},", f"Bonjour {civw} {E('PERSON', p.last)},", f"Bonjour {N(p, 'civlast')},",
                 "Madame, Monsieur,", f"Cher {F(p)}," if p.g == "M" else f"Chère {F(p)},", f"{civw},",
                 f"Hello {F(p)} !", "Bonjour,", "Bjr,", f"Bonsoir {F(p)},", f"Bonjour {full(p)},"])


def closing(en=False) -> str:
    if en:
        return pick(["Best regards,", "Kind regards,", "Many thanks,", "Cheers,", "Best,"])
    return pick(["Cordialement,", "Bien cordialement,", "Bien à vous,", "Cdlt", "Merci d'avance,", "Bonne journée,",
                 "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.", "Cordialement", "Bàv,",
                 "Sincères salutations,"])


def client_paragraphs(p: Person, st: Person, en: bool = False) -> list[str]:
    q = person(p.country)
    kid = person(p.country, g=pick("MF"))
    kid.last = p.last
    kid._dob = child_birth()
    if en:
        pool = [
            lambda: f"Further to our call this morning, please note my new address:\n{LOC(p.address(True))}",
            lambda: f"You can reach me on {PH(p.phone())} or by e-mail at {EM(p.email())}.",
            lambda: f"Please find my bank details below for the refund:\nIBAN: {IB(iban(pick(['GB', 'DE', 'ES', 'BE', 'FR'])))}\nBIC: {bic()}",
            lambda: f"My date of birth is {DOB(fmt_dob(p.dob(), 'en'))}, as requested for the KYC form.",
            lambda: f"I still haven't received the invoice {invoice_ref()} dated {pick(MONTHS)} {R.randint(1, 28)}.",
            lambda: f"As agreed with {N(st, 'first')}, the meeting is moved to next {pick(DAYS)} at {R.randint(1, 5)}pm CET.",
            lambda: f"My colleague {full(q)} ({EM(q.email())}) will be in charge while I'm away.",
            lambda: f"Here is my LinkedIn profile: {URL(profile_url(p))}",
            lambda: f"The order {order_ref()} was supposed to ship on {pick(MONTHS)} {R.randint(1, 28)}.",
            lambda: "Could you please confirm the new pricing for the Q3 renewal?",
        ]
    else:
        pool = [
            lambda: f"Suite à notre conversation téléphonique de ce matin, je vous confirme ma nouvelle adresse : {LOC(p.address())}.",
            lambda: f"Suite à mon déménagement, merci de noter ma nouvelle adresse :\n{LOC(p.address(True))}",
            lambda: f"Vous pouvez me joindre au {PH(p.phone())}{pick(['', ' ou sur mon fixe ' + PH(p.other_phone())])}.",
            lambda: f"Je vous transmets ci-dessous mon RIB pour le remboursement :\nIBAN : {IB(iban())}\nBIC : {bic()}",
            lambda: f"{pick(['Ma fille', 'Mon fils'])}, {F(kid)}, {'née' if kid.g == 'F' else 'né'} le {DOB(fmt_dob(kid.dob()))}, doit être {'ajoutée' if kid.g == 'F' else 'ajouté'} au contrat.",
            lambda: f"Merci de bien vouloir annuler la commande {order_ref()} passée le {adate()}.",
            lambda: f"Comme convenu avec {N(st)}, je vous renvoie le bon de commande signé.",
            lambda: f"Je serai absent{'e' if p.g == 'F' else ''} {span_dates()} ; merci de contacter {N(q)} ({EM(q.email())}).",
            lambda: f"Pour le dossier mutuelle, mon numéro de sécurité sociale est le {NIR(nir(p.g, p.dob()))}.",
            lambda: f"Pouvez-vous me rappeler au {PH(p.phone())} ? Je suis disponible {when()}.",
            lambda: f"L'immatriculation du véhicule est {PLATE(plate())} (et non {PLATE(plate())} comme indiqué sur le devis).",
            lambda: f"Je n'ai toujours pas reçu le remboursement de {money()} promis le {adate()}.",
            lambda: f"Je suis {'née' if p.g == 'F' else 'né'} le {DOB(fmt_dob(p.dob()))}, il y a sans doute une erreur sur le contrat.",
            lambda: f"Mon ancienne adresse ({LOC(fr_address() if p.country == 'FR' else p.address())}) ne doit plus être utilisée.",
            lambda: f"La facture {invoice_ref()} comporte une erreur : {R.randint(2, 9)} articles au lieu de {R.randint(10, 20)}.",
            lambda: f"Vous trouverez mon profil ici : {URL(profile_url(p))}",
            lambda: f"J'ai réglé par carte ({CC(card())}) mais le paiement apparaît encore en attente.",
            lambda: f"Notre société ({company()}) est immatriculée sous le SIRET {SIRET(fmt_siret(siret_raw()))}.",
            lambda: "Le technicien n'est pas venu mardi, personne ne m'a prévenu.",
            lambda: f"Pouvez-vous m'envoyer le devis pour l'offre {pick(PRODUCTS)} ?",
        ]
    return [f() for f in R.sample(pool, R.randint(1, 3))]


def staff_paragraphs(p: Person, st: Person) -> list[str]:
    q = pick(STAFF)
    pool = [
        lambda: f"Suite à votre appel, je vous confirme la prise en compte de votre nouvelle adresse : {LOC(p.address())}.",
        lambda: f"Votre dossier {contract_ref()} est désormais suivi par {N(q)} ({EM(q.email())}, {PH(q.phone())}).",
        lambda: f"Nous avons bien reçu votre règlement de {money()} par virement du {adate()}.",
        lambda: f"Le technicien passera {when()} ; merci de confirmer votre disponibilité au {PH(st.phone())}.",
        lambda: f"Vous trouverez ci-joint la facture {invoice_ref()} ainsi que le devis {devis_ref()}.",
        lambda: f"Le prélèvement sera effectué sur le compte {IB(iban())} à compter du {adate()}.",
        lambda: f"Pourriez-vous nous confirmer votre date de naissance ({DOB(fmt_dob(p.dob()))} d'après notre fichier) ?",
        lambda: f"Nous avons noté le numéro {PH(p.phone())} comme numéro principal.",
        lambda: f"Votre commande {order_ref()} a été expédiée, n° de suivi {tracking()}.",
        lambda: f"Pour toute question, le service client reste joignable au {PH(fr_phone('special'))} du lundi au vendredi de 9h à 18h.",
        lambda: f"Notre offre {pick(PRODUCTS)} est à {money()} par mois jusqu'au {adate()}.",
    ]
    return [f() for f in R.sample(pool, R.randint(1, 3))]


def email_body(p: Person, st: Person, inbound: bool, en: bool = False) -> str:
    """Greeting, paragraphs, closing, signature."""
    if inbound:
        gr = greeting(st, en) if chance(0.4) else ("Hello," if en else pick(["Bonjour,", "Madame, Monsieur,", "Bonjour,"]))
        paras = client_paragraphs(p, st, en)
        sig = client_signature(p, en)
    else:
        gr = greeting(p)
        paras = staff_paragraphs(p, st)
        sig = staff_signature(st)
    out = [gr, ""]
    for x in paras:
        out += [x, ""]
    out += [closing(en), sig]
    return "\n".join(out)


def gen_email():
    en = chance(0.15)
    p = person(pick(["UK", "US", "CA"])) if en else contact()
    st = pick(STAFF)
    inbound = en or chance(0.6)
    subj = pick([f"Re: Devis {devis_ref()}", "Changement d'adresse", f"Facture {invoice_ref()}", "Réclamation",
                 f"Commande {order_ref()}", "Demande de rappel", "Coordonnées bancaires", "Votre dossier",
                 "TR: mutuelle", "RE: RE: contrat"] if not en else
                [f"Order {order_ref()}", "New address", "Invoice query", "Re: meeting next week", "KYC documents"])
    head = ""
    if chance(0.45):
        head = f"{pick(['Objet : ', 'Objet: ', 'Subject: ', 'Obj : '])}{subj}\n"
        if chance(0.5):
            frm = p if inbound else st
            head = f"{pick(['De : ', 'From: ', 'Expéditeur : '])}{N(frm, 'full')} <{EM(frm.email())}>\n" + head
        head += "\n"
    if chance(0.2):
        head = pick(["Mail collé par ", "Copie du mail reçu – saisi par ", "[mail client] "]) + N(pick(STAFF), pick(["first", "full"])) + "\n" + head
    return "email", head + email_body(p, st, inbound, en), email_style()


# --------------------------------------------------------------------------
# (c) forwarded threads with headers
# --------------------------------------------------------------------------
def header_block(frm: Person, to: list[Person], cc: list[Person], d: dt.date, subj: str, style: str) -> str:
    t = f"{R.randint(7, 19):02d}:{R.randint(0, 59):02d}"
    tos = "; ".join(f"{N(x, 'full')} <{EM(x.email())}>" if chance(0.7) else EM(x.email()) for x in to)
    ccs = "; ".join(f"{N(x, 'full')} <{EM(x.email())}>" for x in cc)
    if style == "gmail":
        lines = ["---------- Message transféré ---------" if chance(0.6) else "---------- Forwarded message ---------",
                 f"De : {N(frm, 'full')} <{EM(frm.email())}>",
                 f"Date: {JOURS[d.weekday()][:3]}. {d.day} {MOIS[d.month-1]} {d.year} à {t}",
                 f"Subject: {subj}", f"To: {tos}"]
        if ccs:
            lines.append(f"Cc: {ccs}")
    elif style == "outlook_fr":
        lines = ["-----Message d'origine-----" if chance(0.5) else "________________________________",
                 f"De : {N(frm, pick(['full', 'LASTfirst']))} [mailto:{EM(frm.email())}]" if chance(0.5) else f"De : {N(frm, 'full')} <{EM(frm.email())}>",
                 f"Envoyé : {JOURS[d.weekday()]} {d.day} {MOIS[d.month-1]} {d.year} {t}", f"À : {tos}"]
        if ccs:
            lines.append(f"Cc : {ccs}")
        lines.append(f"Objet : {subj}")
    else:
        lines = ["-----Original Message-----",
                 f"From: {N(frm, 'full')} <{EM(frm.email())}>",
                 f"Sent: {DAYS[d.weekday()]}, {MONTHS[d.month-1]} {d.day}, {d.year} {t}", f"To: {tos}"]
        if ccs:
            lines.append(f"Cc: {ccs}")
        lines.append(f"Subject: {subj}")
    return "\n".join(lines)


def quote(markup: str) -> str:
    """Prefix every line with '> ' (entities must be single-line)."""
    for m in re.finditer(f"{M1}([^{M2}]*){M2}", markup):
        assert "\n" not in m.group(1)
    return "\n".join("> " + ln if ln else ">" for ln in markup.split("\n"))


def gen_thread():
    p = contact()
    st, st2 = pick(STAFF), pick(STAFF)
    others = [person() for _ in range(R.randint(0, 2))]
    d = rdate()
    subj = pick([f"Dossier {contract_ref()}", f"Réclamation commande {order_ref()}", "Demande de remboursement",
                 f"Devis {devis_ref()}", "Changement de coordonnées", "Litige livraison", "Résiliation", "Urgent - facture"])
    fw = pick([
        f"Pour info, voir la demande {N_de(p, 'full')} ci-dessous. Peux-tu traiter ?\n{F(st)}",
        f"{F(st2)}, je te transfère, c'est ton secteur. Merci !",
        f"FYI – client à rappeler en priorité ({PH(p.phone())}).",
        f"Transféré par {N(st)} le {adate(d)}",
        f"@{F(st2)} cf. ci-dessous, à mettre dans le CRM.",
        "Pour suite à donner.",
        f"Bonjour {F(st2)},\n\nJe te laisse voir avec le client.\n\n{F(st)}",
    ])
    style = pick(["gmail", "outlook_fr", "outlook_en"])
    inbound = chance(0.7)
    frm, to = (p, [st]) if inbound else (st, [p])
    hb = header_block(frm, to, others if chance(0.5) else [], d, ("TR: " if chance(0.3) else "RE: " if chance(0.4) else "") + subj, style)
    body = email_body(p, st, inbound, en=False)
    parts = [fw, "", hb, "", body]
    if chance(0.55):
        # an older message, quoted
        d0 = d - dt.timedelta(days=R.randint(1, 20))
        older_from = st if inbound else p
        intro = pick([f"Le {adate(d0)} à {hhmm()}, {N(older_from, 'full')} <{EM(older_from.email())}> a écrit :",
                      f"Le {JOURS[d0.weekday()][:3]}. {d0.day} {MOIS[d0.month-1]} {d0.year}, {N(older_from, 'full')} a écrit :",
                      f"On {MONTHS[d0.month-1]} {d0.day}, {d0.year}, at {R.randint(1, 12)}:{R.randint(0, 59):02d} PM, {N(older_from, 'full')} <{EM(older_from.email())}> wrote:"])
        if older_from is st:
            qb = [greeting(p), "", *staff_paragraphs(p, st), "", closing(), N(st, "full"), PH(st.phone())]
        else:
            qb = [pick(["Bonjour,", "Madame, Monsieur,"]), "", *[x for x in client_paragraphs(p, st) if M0 + "LOCATION" not in x or "\n" not in x], "", closing(), N(p, "full")]
        parts += ["", intro, quote("\n".join(qb))]
    return "thread", "\n".join(parts), email_style()


# --------------------------------------------------------------------------
# (d) meeting minutes
# --------------------------------------------------------------------------
def gen_minutes():
    team = R.sample(STAFF, R.randint(2, 5))
    ext = [contact() for _ in range(R.randint(0, 2))]
    cl = contact()
    d = rdate()
    title = pick([f"CR réunion du {d:%d/%m/%Y}", f"Compte rendu – comité commercial {adate(d)}", f"Réunion de chantier n°{R.randint(2, 14)}",
                  f"Minutes – point hebdo {d:%d.%m.%y}", f"COPIL projet {pick(['migration CRM', 'Fibre Ouest', 'Rénovation siège', 'Salon Lyon'])} – {adate(d)}",
                  f"Point client {company()} – {d:%d/%m}"])

    def att(x: Person, external=False):
        role = pick(TITLES) if not external else pick([x.country if x.country != 'FR' else 'client', company(), 'prestataire', 'client'])
        return pick([f"{N(x, pick(['full', 'firstLAST', 'civfull', 'init']))} ({role})", f"{N(x, pick(['full', 'civlast']))} – {role}", N(x, "full")])
    pres = [att(x) for x in team] + [att(x, True) for x in ext]
    lines = [title, ""]
    if chance(0.7):
        lines.append(f"{pick(['Lieu', 'Salle'])} : {pick(['salle Bretagne', 'Teams', 'visio', 'siège, 3e étage', 'sur site', 'salle Pierre de Coubertin'])}, {hhmm()}")
    lines.append(f"{pick(['Présents', 'Participants', 'PRESENTS', 'Attendees'])} : {', '.join(pres)}")
    if chance(0.5):
        lines.append(f"{pick(['Excusés', 'Absents excusés', 'Excusé'])} : {N(pick(STAFF), 'full')}{', ' + pick(ROLES) if chance(0.4) else ''}")
    if chance(0.5):
        lines.append(f"Rédacteur : {N(team[0], pick(['full', 'init', 'first']))}")
    lines.append("")
    pts = [
        lambda: f"Le client {N(cl)} ({company()}) demande une remise de {R.randint(5, 20)} % ; contact direct : {EM(cl.email())}.",
        lambda: f"Nouvelle adresse de livraison pour {N(cl, 'civlast')} : {LOC(cl.address())}.",
        lambda: f"Candidat retenu : {N(cl, 'full')}, {'née' if cl.g == 'F' else 'né'} le {DOB(fmt_dob(cl.dob()))} – à confirmer par la DRH.",
        lambda: f"Incident sécurité : connexions suspectes depuis {IP(ipv4(False))} et {IP(ipv6())} sur le compte de {N(cl)}.",
        lambda: f"Litige avec {company()} (SIRET {SIRET(fmt_siret(siret_raw()))}) : {money()} en jeu.",
        lambda: f"CA du trimestre : {money()} (objectif {money()}), en retard sur {town_alone()}.",
        lambda: f"Planning : livraison lot {R.randint(1, 4)} semaine {R.randint(2, 50)}, réception le {adate()}.",
        lambda: f"{N(team[-1], 'first')} présente la version {version()} de l'outil ; bugs remontés par le support N2.",
        lambda: f"Le prestataire rappelle que le salon de {town_alone()} a lieu du {R.randint(1, 14)} au {R.randint(15, 28)} {pick(MOIS)}.",
        lambda: f"Relance de {N(cl)} au {PH(cl.phone())} restée sans réponse.",
        lambda: f"Dossier {N(cl, 'LASTfirst')} : IBAN à corriger ({IB(iban())}).",
        lambda: f"Véhicule de prêt {PLATE(plate())} à restituer par {N(cl, 'civlast')}.",
        lambda: "Budget formation validé ; le comptable enverra le détail.",
    ]
    chosen = R.sample(pts, R.randint(2, 5))
    numfmt = pick(["{i}. ", "{i}) ", "- ", "• ", "Point {i} : "])
    for i, f in enumerate(chosen, 1):
        lines.append(numfmt.format(i=i) + f())
    lines.append("")
    lines.append(pick(["Actions :", "ACTIONS", "Relevé de décisions / actions :", "To do :"]))
    acts = [
        lambda x: f"envoyer le devis à {EM(cl.email())} avant le {adate()}",
        lambda x: f"rappeler {N(cl, 'civlast')} au {PH(cl.phone())}",
        lambda x: "mettre à jour la fiche client dans le CRM",
        lambda x: f"organiser une visite au {LOC(cl.address())}",
        lambda x: f"préparer la version {version()} pour la recette",
        lambda x: f"voir avec {N(pick(STAFF), 'first')} pour le budget",
        lambda x: "relancer le comptable",
        lambda x: f"transmettre le profil {URL(profile_url(cl))} à la RH",
    ]
    for f in R.sample(acts, R.randint(1, 4)):
        who = pick(team)
        lines.append(f"{pick(['- ', '* ', '[ ] ', '→ '])}{N(who, pick(['first', 'init', 'full', 'initcompact']))} : {f(who)}")
    if chance(0.7):
        lines.append("")
        lines.append(f"Prochaine réunion : {when()}")
    return "minutes", "\n".join(lines), note_style(lower=0.04, upper=0.02, noacc=0.08, typos=0.12)


# --------------------------------------------------------------------------
# (e) support tickets with logs
# --------------------------------------------------------------------------
HOSTS = ["srv-crm-02.acme.local", "api.crm-cloud.io", "db-prod-01", "mail.telenetpro.fr", "vpn-gw-3", "lb-front-a",
         "sync-worker-07", "smtp.orange.fr", "auth.habitat-confort.fr"]


def ts(d: dt.datetime) -> str:
    return pick([d.strftime("%Y-%m-%d %H:%M:%S"), d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{R.randint(0, 999):03d}Z",
                 d.strftime("%d/%m/%Y %H:%M:%S"), d.strftime("%b %d %H:%M:%S"), d.strftime("%Y-%m-%d %H:%M:%S,") + f"{R.randint(0, 999):03d}"])


def log_lines(p: Person, n: int) -> list[str]:
    base = dt.datetime.combine(rdate(), dt.time(R.randint(0, 22), R.randint(0, 59), R.randint(0, 59)))
    ip_user = ipv4(False, False) if chance(0.7) else ipv6()
    out = []
    for i in range(n):
        t = ts(base + dt.timedelta(seconds=i * R.randint(1, 90)))
        out.append(pick([
            f"{t} INFO  [auth] login ok user_id={dnz(5)} ip={IP(ip_user)}",
            f"{t} WARN  [auth] {R.randint(2, 6)} failed attempts for {EM(p.email())} from {IP(ip_user)}",
            f"{t} ERROR [sync] timeout contacting {pick(HOSTS)} ({IP(ipv4(True, chance(0.6)))})",
            f"{t} DEBUG client_version={version()} os=Windows 10.0.{R.randint(17000, 22631)}",
            f'{IP(ip_user)} - - [{base:%d/%b/%Y:%H:%M:%S} +0100] "GET /api/v2/contacts/{dnz(5)} HTTP/1.1" {pick([200, 401, 403, 500, 502])} {R.randint(200, 9000)} "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/{R.randint(110, 125)}.0.{R.randint(5000, 6500)}.{R.randint(10, 200)}"',
            f"{t} {pick(HOSTS)} sshd[{R.randint(1000, 40000)}]: Failed password for invalid user admin from {IP(ipv4(False))} port {R.randint(30000, 65000)} ssh2",
            f"{t} NOTICE src={IP(ip_user)} dst={IP(ipv4(True))} proto=TCP dport={pick([443, 993, 8443])}",
            f"{t} ERROR [mailer] 550 5.1.1 <{EM(p.email())}>: Recipient address rejected",
            f"{t} INFO  session={R.getrandbits(64):016x} trace_id={R.getrandbits(96):024x} status=OK",
            f"{t} WARN  [sip] REGISTER from {PH(fr_phone(None, pick(['intlc', 'compact'])))} rejected (403) via {IP(ipv4(True, True))}",
            f"{t} INFO  [pay] transaction {dnz(10)} amount={R.randint(5, 900)}.{digits(2)} EUR status=DECLINED card=****{digits(4)}",
            f"{t} INFO  [webhook] POST https://hooks.acme-solutions.fr/crm/v1 -> 204 ({R.randint(20, 900)} ms)",
        ]))
    return out


def gen_ticket():
    p = contact()
    st = pick(STAFF)
    q = person()
    num = ticket_ref()
    subj = pick(["Impossible de se connecter", "Synchronisation des contacts KO", "Erreur 500 sur l'export CSV",
                 "Mails non reçus", "Box injoignable", "Double facturation", "Ligne SIP coupée", "Application plante au démarrage",
                 "Accès VPN refusé", "Compte piraté ?"])
    head = [pick([f"Ticket {num} – {subj}", f"[{num}] {subj}", f"TICKET {num}\nSujet : {subj}", f"Incident {num} : {subj}"]),
            f"Créé le : {adate()} {hhmm()} | Priorité : {pick(['P1', 'P2', 'P3', 'haute', 'normale', 'basse'])} | Statut : {pick(['Ouvert', 'En cours', 'En attente client', 'Résolu'])}"]
    who = pick([f"Demandeur : {N(p, pick(['full', 'firstLAST', 'LASTfirst']))} <{EM(p.email())}>",
                f"Client : {N(p)} – {EM(p.email())}", f"Demandeur : {N(p)}\nE-mail : {EM(p.email())}",
                f"Ouvert par {N(p)} ({company()})"])
    head.append(who)
    if chance(0.5):
        head.append(f"Tél. rappel : {PH(p.phone())}")
    if chance(0.25):
        sr = siren_raw()
        head.append(pick([f"Société : {company()} – SIRET {SIRET(fmt_siret(siret_raw(sr)))}", f"Compte pro SIREN {SIREN(fmt_siren(sr))}",
                          f"Entreprise : {company()} (siren : {SIREN(fmt_siren(sr))})"]))
    head.append(f"Assigné à : {N(st, pick(['full', 'first', 'init']))}" if chance(0.8) else f"Assigné à : {pick(ROLES)}")
    desc = pick([
        f"Depuis la mise à jour {version()} impossible de synchroniser les contacts.",
        f"L'utilisateur voit les fiches d'un autre client ({N(q)}) dans son espace.",
        f"Le client dit ne pas avoir changé son mot de passe ; connexion depuis l'IP {IP(ipv4(False))} qu'il ne reconnaît pas.",
        f"Export CSV en erreur 500 depuis ce matin {hhmm()}.",
        f"Les mails vers {EM(p.email())} reviennent en erreur.",
        f"Box en panne, voyant rouge ; le client est joignable sur son portable {PH(p.mobile())}.",
        f"Poste de {N(q, 'first')} ({IP(ipv4(True))}) n'accède plus au serveur de fichiers.",
        f"Le routeur a une IPv6 {IP(ipv6())} mais pas de connectivité.",
    ])
    body = ["", "Description :", desc]
    if chance(0.85):
        body += ["", pick(["Logs :", "Extrait des logs :", "--- log ---", "LOG", "Trace :"])]
        body += log_lines(p, R.randint(2, 6))
    if chance(0.7):
        body += ["", pick([f"Réponse de {N(st)} ({adate()}) :", f"Note interne ({N(st, 'init')}) :", "Réponse agent :"]),
                 pick([f"Bonjour {F(p)}, nous avons réinitialisé votre mot de passe. Merci de vous reconnecter et de nous indiquer si le problème persiste.",
                       f"IP {IP(ipv4(False))} bannie 24h, compte débloqué. Client prévenu par SMS au {PH(p.mobile())}.",
                       f"Correctif prévu en {version()}. Contournement envoyé à {EM(p.email())}.",
                       f"Escaladé au N2 ({N(pick(STAFF), 'first')}).",
                       "En attente du retour client.",
                       f"Technicien planifié {when()} au {LOC(p.address())}."])]
    return "ticket", "\n".join(head + body), {"case": None, "noacc": chance(0.05), "typos": chance(0.1)}


# --------------------------------------------------------------------------
# (f) CSV / TSV pasted in a note
# --------------------------------------------------------------------------
def gen_csv():
    delim = pick([";", ";", ",", "\t", "|"])
    en = chance(0.2)
    cols_pool = [
        ("nom", "Last name", lambda x: E("PERSON", x.last if chance(0.8) else x.last.upper())),
        ("prenom", "First name", lambda x: F(x)),
        ("nom_complet", "Name", lambda x: N(x, pick(["full", "LASTfirst", "civfull"]))),
        ("civilite", "Title", lambda x: pick(["M.", "Mme", "Mr", "Mlle"]) if False else ("M." if x.g == "M" else "Mme")),
        ("telephone", "Phone", lambda x: PH(x.phone())),
        ("mobile", "Mobile", lambda x: PH(fr_phone("mobile") if x.country == "FR" else foreign_phone(x.country, True))),
        ("email", "Email", lambda x: EM(x.email())),
        ("adresse", "Address", lambda x: LOC(x.address())),
        ("date_naissance", "DOB", lambda x: DOB(fmt_dob(x.dob(), "en" if en else "fr"))),
        ("iban", "IBAN", lambda x: IB(iban(style=pick(["compact", "by4"])))),
        ("num_secu", "SSN", lambda x: NIR(nir(x.g, x.dob()))),
        ("immatriculation", "Plate", lambda x: PLATE(plate())),
        ("montant", "Amount", lambda x: money()),
        ("date_commande", "Order date", lambda x: adate()),
        ("ref_commande", "Order ref", lambda x: order_ref()),
        ("statut", "Status", lambda x: pick(["actif", "prospect", "résilié", "en attente", "VIP"])),
        ("ip_derniere_connexion", "Last IP", lambda x: IP(ipv4())),
        ("linkedin", "LinkedIn", lambda x: URL(profile_url(x))),
        ("societe", "Company", lambda x: company()),
        ("siret", "SIRET", lambda x: SIRET(fmt_siret(siret_raw()))),
        ("siren", "SIREN", lambda x: SIREN(fmt_siren(siren_raw()))),
        ("pays", "Country", lambda x: {"FR": "France", "BE": "Belgique", "CH": "Suisse", "LU": "Luxembourg", "ES": "Espagne", "IT": "Italie",
                                       "DE": "Allemagne", "UK": "Royaume-Uni", "US": "USA", "CA": "Canada", "MA": "Maroc", "SN": "Sénégal",
                                       "PT": "Portugal"}[x.country]),
        ("id", "ID", lambda x: dnz(5)),
    ]
    must = [c for c in cols_pool if c[0] in ("nom", "prenom", "nom_complet")]
    namecols = [must[2]] if chance(0.3) else [must[0], must[1]]
    others = [c for c in cols_pool if c[0] not in ("nom", "prenom", "nom_complet")]
    cols = namecols + R.sample(others, R.randint(2, 5))
    R.shuffle(cols)
    if any(c[0] == "id" for c in cols):
        cols.sort(key=lambda c: c[0] != "id")
    header = delim.join((c[1] if en else (c[0] if chance(0.7) else c[0].upper())) for c in cols)
    rows = []
    foreign_rows = chance(0.3)
    for _ in range(R.randint(2, 7)):
        x = contact() if foreign_rows else person()
        cells = []
        for c in cols:
            v = c[2](x)
            plain = re.sub(f"{M0}[A-Z_]+{M1}", "", v).replace(M2, "")
            if delim in plain or (delim == "," and "," in plain) or ('"' in plain):
                v = '"' + v + '"'
            cells.append(v)
        rows.append(delim.join(cells))
    intro = pick(["Export collé depuis Excel :", "Liste des participants (copie du fichier) :", "Import fichier prospects salon",
                  f"Extraction CRM du {adate()} –", "Contacts à relancer :", "", "", f"Fichier reçu de {company()} :"])
    outro = pick(["", "", "-> à dédoublonner", f"({len(rows)} lignes)", "Merci de vérifier les doublons avant import."])
    text = "\n".join(x for x in [intro, header, *rows, outro] if x)
    return "csv", text, {"case": None, "noacc": chance(0.1), "typos": False}


# --------------------------------------------------------------------------
# (g) dictated voicemail transcriptions
# --------------------------------------------------------------------------
def spoken_email(p: Person) -> str:
    f, l = mailpart(p.first).replace("-", " tiret "), mailpart(p.last)
    dom = pick(["gmail point com", "orange point fr", "free point fr", "hotmail point fr", "laposte point net", "yahoo point fr"])
    return pick([f"{f} point {l} arobase {dom}", f"{f}{l} arobase {dom}", f"{f[0]} point {l} at {dom}"])


def gen_voicemail():
    p = contact() if chance(0.8) else person()
    st = pick(STAFF)
    q = person()
    mother, husband, wife = person(g="F"), person(g="M"), person(g="F")
    dur = f"{R.randint(0, 2)}:{R.randint(5, 59):02d}"
    caller = pick([PH(p.phone() if chance(0.5) else fmt_fr(fr_number("mobile"), "intlc") if p.country == "FR" else foreign_phone(p.country)),
                   "numéro masqué", "Inconnu", PH(p.phone())])
    header = pick([f"Messagerie vocale – {adate()} {hhmm()} – durée {dur}\nDe : {caller}\nTranscription :",
                   f"[Répondeur] {adate()} à {hhmm()} – appelant : {caller}",
                   f"Message vocal ({dur}) de {caller} :",
                   f"VOICEMAIL {adate()} {hhmm()} {caller}\n(transcription automatique, peut contenir des erreurs)"])
    um = lambda: pick(["euh ", "", "", "heu ", "bah ", "alors ", "donc "])
    spell = chance(0.12) and p.country == "FR"
    if spell:
        d = fr_number("mobile")
        num = PH(spell_phone(d))
    else:
        num = PH(p.phone())
    intro = pick([f"oui bonjour {um()}c'est {N(p, pick(['full', 'civlast', 'civfull']))}",
                  f"bonjour c'est {N(p, 'full')} {um()}je vous appelle",
                  f"allô oui bonjour {um()}{N(p, pick(['civfull', 'civlast', 'full']))} à l'appareil",
                  f"bonjour monsieur {um()}c'est {F(p)} {um()}de la part {N_de(q, 'civlast')}",
                  f"oui c'est {F(p)} {um()}"])
    mids = [
        lambda: f"je vous appelle au sujet {pick(['de ma facture', 'de la commande', 'de mon contrat', 'du devis', 'de la livraison'])} {um()}",
        lambda: f"vous pouvez me rappeler au {num}",
        lambda: f"mon numéro c'est le {num} je répète {num}" if not spell else f"mon numéro c'est le {num}",
        lambda: f"mon adresse mail c'est {EM(spoken_email(p) if chance(0.3) else p.email())}",
        lambda: f"j'habite au {LOC(p.address().replace(',', ''))}",
        lambda: f"c'est pour le dossier de ma mère {N(mother, pick(['civfull', 'civlast', 'full']))} {um()}",
        lambda: f"je suis {'née' if p.g == 'F' else 'né'} le {DOB(fmt_dob(p.dob()))} si jamais vous avez besoin pour retrouver le dossier",
        lambda: f"j'ai eu {N(st, 'first')} la semaine dernière {um()}il m'a dit qu'on me rappellerait",
        lambda: f"c'est urgent {um()}le technicien devait passer {when()}",
        lambda: f"la commande c'est la {order_ref()}",
        lambda: f"ma plaque c'est {PLATE(plate())}",
        lambda: f"sinon vous pouvez joindre mon mari {F(husband)} au {PH(husband.phone())}" if p.g == "F" else f"sinon vous pouvez joindre ma femme {F(wife)} au {PH(wife.phone())}",
    ]
    ending = pick(["merci au revoir", "voilà merci bonne journée", "merci de me rappeler au revoir", "bonne journée", "voilà voilà merci"])
    parts = [intro] + [f() for f in R.sample(mids, R.randint(2, 4))] + [ending]
    punct = chance(0.5)
    if punct:
        body = ". ".join(x.strip()[0].upper() + x.strip()[1:] if not x.startswith(M0) else x.strip() for x in parts) + "."
    else:
        body = " ".join(x.strip() for x in parts)
    body = pick([f"« {body} »", f'"{body}"', body])
    st_ = {"case": "lower" if chance(0.3) else None, "noacc": chance(0.15), "typos": chance(0.2)}
    return "voicemail", header + "\n" + body, st_


# --------------------------------------------------------------------------
# (h) negatives: look-alikes only, nothing to label
# --------------------------------------------------------------------------
def neg_sentence() -> str:
    return pick([
        lambda: f"Commande {order_ref()} expédiée {when()}, suivi {tracking()}.",
        lambda: f"Facture {invoice_ref()} de {money()} réglée par virement le {adate()}.",
        lambda: f"Mise à jour du poste client en version {version()} prévue {when()}.",
        lambda: f"Le salon de {town_alone()} aura lieu du {R.randint(1, 12)} au {R.randint(13, 28)} {pick(MOIS)}.",
        lambda: f"Devis {devis_ref()} envoyé à {company()} ({town_alone()}) pour {money()}.",
        lambda: f"Stock : {R.randint(2, 400)} unités réf. {sku()} ({pick(PRODUCTS)}).",
        lambda: f"Réunion d'équipe {pick(JOURS)} à {hhmm()}, salle {pick(['Bretagne', 'Loire', 'Mont-Blanc', 'Jean Moulin'])}.",
        lambda: f"{pick(ROLES).capitalize()} a validé l'avoir {invoice_ref()}.",
        lambda: f"Reminder: call with the {company()} team on {pick(MONTHS)} {R.randint(1, 28)} at {R.randint(1, 11)}pm.",
        lambda: f"Paiement refusé ({card_tail()}), client à relancer par courrier.",
        lambda: f"Code postal {pick(TOWNS)[0]} hors zone de livraison express.",
        lambda: f"Ticket {ticket_ref()} clos, temps de résolution {R.randint(1, 48)} h {R.randint(0, 59)} min.",
        lambda: f"Prix unitaire {money()}, remise {R.randint(2, 30)} %, total {money()}.",
        lambda: f"BIC {bic()} à vérifier auprès de la banque.",
        lambda: f"{pick(['Garage Petit & Fils', 'Transports Girard', 'Dupont SARL', 'Boulangerie Martin', 'Maison Blanc'])} : intervention sur la flotte, {R.randint(2, 40)} véhicules.",
        lambda: f"Nouveau tarif {pick(PRODUCTS)} au 1er {pick(MOIS)} : {money()}/mois.",
        lambda: f"Partenariat {pick(['Leroy Merlin', 'Yves Rocher', 'Pierre Fabre', 'Jean Louis David', 'Michelin', 'Peugeot'])} renouvelé jusqu'en {pick(MOIS)} {R.randint(2025, 2028)}.",
        lambda: "Le livreur n'a pas pu accéder au quai, livraison reprogrammée.",
        lambda: f"Appel du standard de {company()} pour la maintenance de la version {version()}.",
        lambda: f"N° de lot {dnz(6)}, DLC {adate()}.",
        lambda: f"TVA {pick(['20', '10', '5,5'])} %, acompte de {R.randint(10, 50)} % versé le {adate()}.",
        lambda: f"Colis {tracking()} bloqué à la plateforme de {town_alone()}.",
        lambda: "Horaires d'ouverture : 9h-12h / 14h-18h30, fermé le lundi.",
        lambda: f"Commande n° {pick(['01', '06', '07', '09'])}{digits(8)} annulée à la demande du client.",
        lambda: f"N° client {dnz(6)}, contrat {contract_ref()}, échéance au {adate()}.",
        lambda: f"Client basé à {town_alone()}, agence de rattachement : {town_alone()}.",
        lambda: f"Le comptable attend la note de frais de {pick(MOIS)} ({money()}).",
        lambda: f"Firmware {R.randint(1, 4)}.{R.randint(0, 9)}.{R.randint(0, 30)}.{R.randint(1, 250)} déployé sur le parc.",
        lambda: f"Offre valable {span_dates()} dans les magasins {company()}.",
        lambda: f"Q{R.randint(1, 4)} {year()} : {R.randint(10, 95)} % des tickets traités en moins de {R.randint(2, 48)} h.",
        lambda: "Pas de vin blanc au buffet, prévoir de la rosé et des petits fours.",
        lambda: f"Escalier {pick('ABC')} du bâtiment principal fermé pour travaux jusqu'au {adate()}.",
        lambda: f"Rappel : fermeture des bureaux pour la {pick(['Toussaint', 'Saint-Valentin', 'Pentecôte', 'fête du 14 Juillet'])}.",
        lambda: f"{pick(PRODUCTS).capitalize()} en rupture, réassort {when()}.",
        lambda: f"Virement SEPA {dnz(8)} de {money()} rejeté (motif AC04).",
        lambda: f"The {pick(MONTHS)} release ({version()}) fixes the export bug.",
        lambda: f"Coordonnées GPS du dépôt : {R.uniform(43, 50):.4f}, {R.uniform(-2, 7):.4f}.",
        lambda: f"Le technicien passera entre {hhmm()} et {hhmm()}.",
        lambda: f"Retour produit accepté, avoir n° {dnz(7)} émis.",
        lambda: "Le dossier a été transmis à la direction régionale.",
        lambda: f"Pièce de rechange {sku()} commandée chez {company()}, délai {R.randint(2, 15)} jours.",
        lambda: f"Chiffre d'affaires {year()} : {money()}, marge {R.randint(5, 40)} %.",
        lambda: f"Site : {company_site()}",
        lambda: f"Taux de décroché : {R.randint(50, 99)} %, durée moyenne d'appel {R.randint(1, 9)} min {R.randint(0, 59):02d}.",
        lambda: f"Saint-Martin, Saint-Pierre et Saint-Denis : tournée des agences du {adate()}.",
        lambda: f"Le gérant de {pick(['Pharmacie Rose', 'Dupont SARL', 'Cabinet Durand & Associés'])} souhaite un devis pour {R.randint(2, 30)} postes.",
    ])()


def gen_negative():
    form = wpick([("note", 40), ("email", 20), ("ticket", 12), ("minutes", 12), ("csv", 10), ("voicemail", 6)])
    if form == "note":
        text = sep_lines([neg_sentence() for _ in range(R.randint(1, 4))])
        return "negative", text, note_style()
    if form == "email":
        lines = [pick(["Bonjour,", "Madame, Monsieur,", "Hello team,", "Bonjour à tous,"]), ""]
        lines += [neg_sentence() for _ in range(R.randint(1, 3))]
        co = pick(OUR)
        lines += ["", closing(), pick(["Le service client", "L'équipe Facturation", "Le support technique", "Service Recouvrement",
                                         "La direction commerciale"]), co[0], pick(["www.", "https://www."]) + co[1]]
        if chance(0.3):
            lines.append("Ce message et ses pièces jointes sont confidentiels. Si vous l'avez reçu par erreur, merci de le détruire.")
        return "negative", "\n".join(lines), email_style()
    if form == "ticket":
        lines = [f"Ticket {ticket_ref()} – {pick(['Lenteurs export', 'Bug affichage', 'Montée de version', 'Erreur de calcul TVA'])}",
                 f"Créé le : {adate()} {hhmm()} | Priorité : {pick(['P2', 'P3', 'basse'])} | Composant : {pick(['facturation', 'sync', 'export', 'agenda'])}",
                 f"Assigné à : {pick(ROLES)}", "", "Description :", neg_sentence(), "", "Logs :"]
        base = dt.datetime.combine(rdate(), dt.time(R.randint(0, 22), R.randint(0, 59)))
        for i in range(R.randint(2, 5)):
            t = ts(base + dt.timedelta(seconds=i * 37))
            lines.append(pick([f"{t} INFO  [{pick(['export', 'sync', 'billing'])}] job {dnz(6)} done in {R.randint(20, 9000)} ms",
                               f"{t} WARN  [db] slow query ({R.randint(1, 30)}.{digits(3)} s) on table contacts",
                               f"{t} DEBUG app_version={version()} host={pick(HOSTS)}",
                               f"{t} ERROR [billing] invoice {invoice_ref()} rounding mismatch: {R.randint(1, 900)}.{digits(2)} != {R.randint(1, 900)}.{digits(2)}",
                               f"{t} INFO  heartbeat ok latency={R.randint(1, 300)}ms build={R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 99)}.{R.randint(100, 999)}"]))
        return "negative", "\n".join(lines), {"case": None, "noacc": False, "typos": False}
    if form == "minutes":
        lines = [f"CR comité {pick(['produit', 'qualité', 'commercial', 'sécurité'])} – {adate()}",
                 f"Présents : {', '.join(R.sample(ROLES, 3))}", ""]
        for i in range(R.randint(2, 4)):
            lines.append(f"{i + 1}. {neg_sentence()}")
        lines += ["", "Actions :", f"- {pick(ROLES)} : {neg_sentence().rstrip('.').lower()}"]
        return "negative", "\n".join(lines), note_style(lower=0.03, upper=0.02, typos=0.1)
    if form == "csv":
        d = pick([";", ",", "\t"])
        rows = [d.join(["ref", "produit", "qte", "prix_ht", "date_livraison", "fournisseur"])]
        for _ in range(R.randint(2, 6)):
            pr = pick(PRODUCTS)
            pr = f'"{pr}"' if d in pr else pr
            m = money()
            m = f'"{m}"' if d in m else m
            rows.append(d.join([sku(), pr, str(R.randint(1, 300)), m, adate(), company()]))
        return "negative", "\n".join(rows), {"case": None, "noacc": False, "typos": False}
    # voicemail without anything personal
    body = pick(["bonjour c'est le service livraison de " + company() + " votre commande " + order_ref() + " arrivera " + when() + " merci",
                 "message automatique votre rendez-vous du " + adate() + " à " + hhmm() + " est confirmé",
                 "bonjour ici l'agence de " + town_alone() + " on a bien reçu le chèque de " + money() + " bonne journée"])
    return "negative", f"Messagerie vocale – {adate()} {hhmm()} – numéro masqué\nTranscription : {body}", note_style(lower=0.3)


# --------------------------------------------------------------------------
# finalize: drop markers, apply case / accents / typos, record offsets
# --------------------------------------------------------------------------
TOKEN = re.compile(f"{M0}([A-Z_]+){M1}(.*?){M2}", re.S)


def typo(word: str) -> str:
    i = R.randint(1, len(word) - 2)
    op = pick(["swap", "drop", "double"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def apply_typos(plain: list[str], n: int) -> list[str]:
    cands = [(i, m.start(), m.end()) for i, s in enumerate(plain)
             for m in re.finditer(r"\b[a-zà-ÿ]{6,}\b", s)]
    if not cands:
        return plain
    for i, a, b in sorted(R.sample(cands, min(n, len(cands))), key=lambda x: (x[0], -x[1])):
        s = plain[i]
        plain[i] = s[:a] + typo(s[a:b]) + s[b:]
    return plain


def finalize(markup: str, style: dict) -> tuple[str, list]:
    pieces: list[tuple[str | None, str]] = []
    pos = 0
    for m in TOKEN.finditer(markup):
        pieces.append((None, markup[pos:m.start()]))
        pieces.append((m.group(1), m.group(2)))
        pos = m.end()
    pieces.append((None, markup[pos:]))
    assert not any(c in p[1] for p in pieces for c in (M0, M1, M2)), markup
    if style.get("typos"):
        idx = [i for i, (t, _) in enumerate(pieces) if t is None]
        new = apply_typos([pieces[i][1] for i in idx], R.randint(1, 3))
        for i, s in zip(idx, new):
            pieces[i] = (None, s)
    out, spans, n = [], [], 0
    for typ, s in pieces:
        if style.get("noacc") and typ in (None, "PERSON", "LOCATION", "DATE_TIME"):
            s = strip_accents(s)
        if style.get("case") == "lower" and typ != "IBAN_CODE":
            s = s.lower()
        elif style.get("case") == "upper" and typ not in ("EMAIL_ADDRESS", "URL"):
            s = s.upper()
        if typ:
            spans.append([typ, n, n + len(s)])
        out.append(s)
        n += len(s)
    return "".join(out), spans


def is_edge_bad(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def validate(rec: dict) -> None:
    text, spans = rec["text"], rec["spans"]
    last = -1
    for typ, a, b in spans:
        assert typ in TYPES, rec
        assert 0 <= a < b <= len(text), rec
        assert a >= last, f"overlap in {rec['id']}"
        last = b
        v = text[a:b]
        lead_ok = typ == "PHONE_NUMBER" and v[0] in "+("
        assert lead_ok or not is_edge_bad(v[0]), f"{rec['id']}: bad start {v!r}"
        assert not is_edge_bad(v[-1]), f"{rec['id']}: bad end {v!r}"
        if typ == "IP_ADDRESS":
            host = v.rsplit(":", 1)[0] if v.count(":") == 1 else v
            ipaddress.ip_address(host)
        if typ == "CREDIT_CARD":
            assert luhn_ok(re.sub(r"\D", "", v)), v
        if typ == "IBAN_CODE":
            c = re.sub(r"[\s\-\u00a0]", "", v).upper()
            assert int("".join(str(int(ch, 36)) for ch in c[4:] + c[:4])) % 97 == 1, v
        if typ == "FR_NIR":
            c = re.sub(r"[\s./\-]", "", v).upper()
            assert len(c) == 15, v
            body = int(c[:13].replace("2A", "19").replace("2B", "18"))
            assert 97 - body % 97 == int(c[13:]), v
        if typ in ("FR_SIREN", "FR_SIRET"):
            c = re.sub(r"\D", "", v)
            assert len(c) == (9 if typ == "FR_SIREN" else 14) and luhn_ok(c), v
        if typ == "EMAIL_ADDRESS" and " point " not in v:
            assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", v, re.I), v


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------
PLAN = [(gen_call, 110), (gen_visit, 60), (gen_complaint, 70), (gen_delivery, 60), (gen_collection, 60),
        (gen_hr, 55), (gen_insurance, 60), (gen_email, 170), (gen_thread, 85), (gen_minutes, 70),
        (gen_ticket, 100), (gen_csv, 70), (gen_voicemail, 90), (gen_negative, 190)]


def main() -> int:
    order = [g for g, n in PLAN for _ in range(n)]
    R.shuffle(order)
    recs = []
    for i, g in enumerate(order, 1):
        while True:
            kind, markup, style = g()
            text, spans = finalize(markup, style)
            if spans or kind == "negative":
                break  # a positive kind always carries at least one span
        rec = {"id": f"c-{i:04d}", "kind": kind, "text": text, "spans": spans}
        validate(rec)
        if kind == "negative":
            assert not spans, rec
        recs.append(rec)
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in recs:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    size = OUT.stat().st_size
    assert size < 2_000_000, size
    by_type = Counter(t for r in recs for t, _, _ in r["spans"])
    by_kind = Counter(r["kind"] for r in recs)
    spans_by_kind = Counter()
    for r in recs:
        spans_by_kind[r["kind"]] += len(r["spans"])
    print(f"wrote {OUT.name}: {len(recs)} texts, {sum(by_type.values())} spans, {size:,} bytes")
    print("\nspans per type:")
    for t in TYPES:
        print(f"  {t:<18} {by_type[t]:>5}")
    print("\ntexts per kind (spans):")
    for k, n in sorted(by_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<12} {n:>5}  ({spans_by_kind[k]} spans)")
    print(f"\nnegatives (no span): {sum(1 for r in recs if not r['spans'])}")
    vals = [(t, r["text"][a:b], r) for r in recs for t, a, b in r["spans"]]
    print("\nnotes:")
    print(f"  phone numbers spelled out in words      {sum(1 for t, v, _ in vals if t == 'PHONE_NUMBER' and re.search('[a-z]', v))}")
    print(f"  e-mail addresses dictated (no '@')      {sum(1 for t, v, _ in vals if t == 'EMAIL_ADDRESS' and '@' not in v)}")
    print(f"  LOCATION spans over several lines       {sum(1 for t, v, _ in vals if t == 'LOCATION' and chr(10) in v)}")
    print(f"  IPv6 / IP with port                     {sum(1 for t, v, _ in vals if t == 'IP_ADDRESS' and v.count(':') > 1)}"
          f" / {sum(1 for t, v, _ in vals if t == 'IP_ADDRESS' and v.count(':') == 1)}")
    intl = sum(1 for t, v, _ in vals if t == "PHONE_NUMBER" and re.match(r"[(]?(\+|00)", v))
    print(f"  phones written with + or 00 prefix      {intl}")
    low = sum(1 for r in recs if r["text"] == r["text"].lower())
    up = sum(1 for r in recs if r["text"] == r["text"].upper())
    print(f"  texts all lower case / ALL CAPS         {low} / {up}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
