"""Issue 8, held-out set E (its errors read, so E is now an upper bound): numbers dictated half in
words and half in digits, foreign numbers written as their owners write them, dates of birth given as
the answer to a chat question or after "date naiss.", fleet lists of plates, personal pages named
after someone, cards grouped with two spaces, e-mail addresses dictated with "tiret du bas"; and the
context words that made "Lotte" a reference ("lot") and "refus" a "réf"."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine


def found(engine: PiiEngine, text: str) -> set[tuple[str, str]]:
    return {(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)}


FOUND = [
    # dictated numbers mixing words and digit groups, or digit by digit
    ("rappelez-moi au zéro sept 41 soixante-neuf 67 03 je vous le redis", ("PHONE_NUMBER", "zéro sept 41 soixante-neuf 67 03")),
    ("mon portable zéro six 7 zéro huit quatre 9 zéro deux neuf bonne journée", ("PHONE_NUMBER", "zéro six 7 zéro huit quatre 9 zéro deux neuf")),
    ("RAPPELEZ-MOI AU ZÉRO SIX 8 DEUX CINQ CINQ 8 HUIT 9 QUATRE MERCI", ("PHONE_NUMBER", "ZÉRO SIX 8 DEUX CINQ CINQ 8 HUIT 9 QUATRE")),
    # context words match where a word starts: "refus" is no "réf", "Lotte" no "lot"
    ("TÉL. MME. TRAN : REFUS NET. MOB 0672569287 / CC VICTOR", ("PHONE_NUMBER", "0672569287")),
    ("Contact Belgique : DUBOIS Lotte, +32 483 06 34 26, lotte.dubois@proximus.be.", ("PHONE_NUMBER", "+32 483 06 34 26")),
    ("1) GOOSSENS Lotte, 04 453 10 06, lottegoossens@proximus.be", ("PHONE_NUMBER", "04 453 10 06")),
    # foreign writings
    ("Contact Maroc : Nisrine Chraibi, +212 (0)5 37 65 88 68, nchraibi@gmail.com.", ("PHONE_NUMBER", "+212 (0)5 37 65 88 68")),
    ("Contact États-Unis : SULLIVAN Cody, 1-800-865-0292, codysullivan@gmail.com.", ("PHONE_NUMBER", "1-800-865-0292")),
    ("Client Allemagne — Friederike VOGEL\nPhone: 0681 / 640087", ("PHONE_NUMBER", "0681 / 640087")),
    # dates of birth
    ("il me faut votre date de naissance.\n[11:44] Vous: 1er février 1968\n[11:46] Lucas: Merci", ("DATE_TIME", "1er février 1968")),
    ("date de naissance.\n[08:30] Visiteur 08076 : 1970-10-15\n", ("DATE_TIME", "1970-10-15")),
    ("Vu : souleymane rey\ndate naiss. 26/08/1974\ntél. 07.52.00.28.51", ("DATE_TIME", "26/08/1974")),
    ("Vérif identité OK pour Garance RENARD (DDN 3 oct 1994, 4 derniers chiffres", ("DATE_TIME", "3 oct 1994")),
    ("Nom : RIGAUD Jérôme\nNé le 13 sept 1989\nPoste : Acheteur", ("DATE_TIME", "13 sept 1989")),
    # plates: a fleet list under its heading, a make after the plate, temporary WW plates
    ("Flotte — affectation\n- GX-959-FD Renault Kangoo : LAPIERRE Enzo\n- JN882VC Peugeot 308 : TOURÉ Cheikh", ("FR_LICENSE_PLATE", "JN882VC")),
    ("Flotte — affectation\n- GX-959-FD Renault Kangoo : LAPIERRE Enzo", ("FR_LICENSE_PLATE", "GX-959-FD")),
    ("FLOTTE — AFFECTATION\n- LG 040 NG RENAULT KANGOO : S. LE CORRE", ("FR_LICENSE_PLATE", "LG 040 NG")),
    ("- 1227 QD 75 Dacia Jogger : CLERC Aurore", ("FR_LICENSE_PLATE", "1227 QD 75")),
    ("Parking visiteurs : WW 561 PT badge expiré.", ("FR_LICENSE_PLATE", "WW 561 PT")),
    # personal pages: a first and a last name glued together, also when they are words
    ("Profil : www.pierrerenard-photographe.fr. Autre", ("URL", "www.pierrerenard-photographe.fr")),
    ("Profil : https://octavebonheur.wordpress.com\nMail", ("URL", "https://octavebonheur.wordpress.com")),
    # cards grouped by two spaces
    ("n° carte 5241  0943  3700  4064 (visa)", ("CREDIT_CARD", "5241  0943  3700  4064")),
    # dictated e-mail addresses with an underscore said as "tiret du bas" or "tiret bas"
    ("ou sur mon mail rodolphe tiret du bas morin arobase laposte point net merci", ("EMAIL_ADDRESS", "rodolphe tiret du bas morin arobase laposte point net")),
    ("mon mail m tiret bas ferrari at hotmail point fr", ("EMAIL_ADDRESS", "m tiret bas ferrari at hotmail point fr")),
    # the speaker of a chat line, also a first name that is a word, and an agent in brackets
    ("[13:08] Pascal > Merci, mais je ne peux pas", ("PERSON", "Pascal")),
    ("[18:53] Visiteur 91077: 13/01/1984\n[18:55] Modeste: Merci, c'est", ("PERSON", "Modeste")),
    ("[15:51] HEXAFLORE (WEI) : POUVEZ-VOUS ME DONNER VOS", ("PERSON", "WEI")),
    # a first name after "je m'appelle", "je suis", "j'avais eu", "cc", also in lower case
    ("Bonjour, je m'appelle Morgane. Que puis-je faire", ("PERSON", "Morgane")),
    ("c'est pour le contrat j'avais eu garance la semaine derniere", ("PERSON", "garance")),
    ("mob +33720116999 / cc modeste", ("PERSON", "modeste")),
    # who an action item goes to; a last name that is a particle; a signature in lower case
    ("- vérifier les accès VPN → RIVIÈRE (avant le 3 novembre)", ("PERSON", "RIVIÈRE")),
    ("- Préparer l'avenant (resp. Romain)", ("PERSON", "Romain")),
    ("transmis à Álvaro : Malo Le veut rappel demain matin", ("PERSON", "Malo Le")),
    ("À très vite,\nserge charpentier", ("PERSON", "serge charpentier")),
    # names with an apostrophe, particles after an initial, everyday-word surnames as a whole field,
    # a pair after "ici" or "collègue", a last name after a hesitation
    ("Cordialement,\nMartial N'Guessan", ("PERSON", "Martial N'Guessan")),
    ("Rédaction : L. Le Gall", ("PERSON", "L. Le Gall")),
    ("clt VIP // boucher mehmet // 06.54.91.22.48 //", ("PERSON", "boucher mehmet")),
    ("Votre collègue serge berger sera-t-il présent ?", ("PERSON", "serge berger")),
    ("bonjour ici morgane boucher je rappelle", ("PERSON", "morgane boucher")),
    ("bonjour c'est Patience euh Quéméner c'est pour le contrat", ("PERSON", "Quéméner")),
    # from set F (its errors read after its untouched figure): form and export labels of a birth
    # date, family members, a change history, a day said in words; plates after a make, in a parking
    # list, with spaced dashes, FNI without separators; fediverse and portfolio profiles
    ("   date_nai: 1948-06-02\n      email: x@y.fr", ("DATE_TIME", "1948-06-02")),
    ('  "birthdate": "1990-08-26",', ("DATE_TIME", "1990-08-26")),
    ("Date et lieu de naisance : 5 août 1994 à Cherbourg", ("DATE_TIME", "5 août 1994")),
    ("Enfant : Léo (22/08/2020)", ("DATE_TIME", "22/08/2020")),
    ("Conjoint(e) : Lucien Lopez-Garnier, 23/08/1968, NIR 1680833221852 13", ("DATE_TIME", "23/08/1968")),
    ("a modifié « Date de naissance » : 2 juin 1979 => 7 avril 1947", ("DATE_TIME", "7 avril 1947")),
    ("naissance pour vérifier ?\n[00:01:11] Client : Le neuf septembre 1976.\n", ("DATE_TIME", "neuf septembre 1976")),
    ("Restitution – Renault Mégane 352 M 33\nConfié à BOUSQUET Kévin", ("FR_LICENSE_PLATE", "352 M 33")),
    ("Véhicule de prêt – Renault Clio 525FNE31\nConducteur", ("FR_LICENSE_PLATE", "525FNE31")),
    ("Tiers : Kévin Bertin – véhicule PW - 857 - XB – assureur", ("FR_LICENSE_PLATE", "PW - 857 - XB")),
    ("Accès parking – semaine 42\n- VIDAL Alexandre : ep-949-nw – gris", ("FR_LICENSE_PLATE", "ep-949-nw")),
    ("Mastodon : https://framapiaf.org/@tristansaintange\n• Malt", ("URL", "https://framapiaf.org/@tristansaintange")),
    ("Profil : https://www.behance.net/laurentfontaine\nRessenti", ("URL", "https://www.behance.net/laurentfontaine")),
    ("16h15 – Mr Bouchet | La Croix Blanche, 48400 Florac-Trois-Rivières, 07 5722 6401", ("LOCATION", "La Croix Blanche, 48400 Florac-Trois-Rivières")),
    ("- chgt adr. DUFOUR Nadège : La Croix Blanche 29410 Plounéour-Ménez", ("LOCATION", "La Croix Blanche 29410 Plounéour-Ménez")),
    ("déménagement au 6 rue Jean Jaurès - Bât. C, Apt 12 - 84000 Avignon à compter", ("LOCATION", "6 rue Jean Jaurès - Bât. C, Apt 12 - 84000 Avignon")),
    # whole addresses: a complement between street and town, a named place before the street
    ("livrer plutôt au 11 allée des Pervenches, Appt 6, 75011 Paris ? c'est chez", ("LOCATION", "11 allée des Pervenches, Appt 6, 75011 Paris")),
    ("Livraison reportée : La Métairie Neuve, 23 voie communale 4, 22450 La Roche-Jaudy. Chemin", ("LOCATION", "La Métairie Neuve, 23 voie communale 4, 22450 La Roche-Jaudy")),
    ("vous pouvez la livrer plutôt au Le Mas de Fabre, 46160 Cajarc ? merci", ("LOCATION", "Le Mas de Fabre, 46160 Cajarc")),
    ("Destinataire : WEHRLÉ Fanny\n28 impasse des Filaos\nEntrée B\n97300 CAYENNE\nTél. : 06", ("LOCATION", "28 impasse des Filaos\nEntrée B\n97300 CAYENNE")),
]  # fmt: skip

NOT_FOUND = [
    ("Le technicien passera samedi à 8 h 20 ; merci", "FR_LICENSE_PLATE"),  # a time
    ("le salon de Rouen a lieu du 1 au 25 juin.", "FR_LICENSE_PLATE"),  # a range
    ("Site : www.boulangerie-dupont.fr et www.maisonblanche.fr", "URL"),  # a shop, a house
    ("facture 1-2 3 la page 1-800", "PHONE_NUMBER"),
    ("page 12 / 45 et 2024 / 2025", "PHONE_NUMBER"),
    ("réf 0123 4567 89 à rappeler", "PHONE_NUMBER"),  # "réf" is still a reference word
    ("[10:19] Vous : oui\n[10:20] Support N2: non\n[10:21] Client : ok", "PERSON"),  # roles
    ("je suis content de la réponse, ici aussi", "PERSON"),
    ("L'Équipe Support vous remercie. C'est noté.", "PERSON"),
    ("il faut appeler le boucher demain pour la commande", "PERSON"),
    ("Commande livrée chez Biscuiterie Lemoine, RAS.", "PERSON"),  # a trade word makes it a firm
    ("Devis envoyé à Carrosserie Saint-Éloi hier.", "PERSON"),
    ("Please find attached the Roadmap.", "PERSON"),
    ("commande du 12/03/2024 => livrée le 14/03/2024", "DATE_TIME"),  # no birth cue
    ("Enfant : pas de rdv avant le 12/03/2025", "DATE_TIME"),
    ("Le technicien passera à 14 h 30 après la commande 12 AB 75", "FR_LICENSE_PLATE"),
    ("Voir https://www.behance.net/ et https://docs.python.org/3/ ici", "URL"),
    # found by review: a long form of a short cue, business dates near "naissance", counts in a
    # parking note, a word glued to digits, brands after "compte", an amount after "Le Devis,"
    ("Référence 0145789632 à traiter", "PHONE_NUMBER"),
    ("Acte de naissance reçu.\nLe 12 mars 2025 : envoi", "DATE_TIME"),
    ("Tournée du mardi\nTrajet de 250 km\nParking\nÉtape 2 sur 12, 3 x 25 colis", "FR_LICENSE_PLATE"),
    ("Salle Marion1 réservée, Paula2024 aussi", "PERSON"),
    ("Créez votre compte sur www.leroymerlin.fr", "URL"),
    ("Objet : Le Devis, 12500 Euros TTC", "LOCATION"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(pii_engine: PiiEngine, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(pii_engine, text)


@pytest.mark.parametrize(("text", "entity"), NOT_FOUND)
def test_not_found(pii_engine: PiiEngine, text: str, entity: str) -> None:
    assert not any(t == entity for t, _ in found(pii_engine, text))


def test_a_plate_is_not_lost_to_a_name_running_into_it(pii_engine: PiiEngine) -> None:
    """A name read across the plate's last letters and the make ("NG RENAULT") is cut back, so the
    plate keeps its place instead of the longer name taking it."""
    text = "- LG 040 NG RENAULT KANGOO : S. LE CORRE"
    kinds = found(pii_engine, text)
    assert ("FR_LICENSE_PLATE", "LG 040 NG") in kinds
    assert not any(t == "PERSON" and "NG" in v for t, v in kinds)


def test_no_name_is_left_of_a_person_span_cut_back_to_a_lower_case_word(pii_engine: PiiEngine) -> None:
    text = "2024-01-20 07:58:32 info auth failed for account edith.royer@bbox.fr"
    kinds = found(pii_engine, text)
    assert ("EMAIL_ADDRESS", "edith.royer@bbox.fr") in kinds
    assert ("PERSON", "account") not in kinds
