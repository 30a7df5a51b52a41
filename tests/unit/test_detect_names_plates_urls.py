"""Issue 8: names without cues, licence plates, personal URLs, foreign national phone numbers, IBAN
and card writings, and the month-name and product false positives."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine
from crm_privacy.detect.scrub import scrub_text


def found(engine: PiiEngine, text: str) -> set[tuple[str, str]]:
    return {(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)}


FOUND = [
    # names without a civility, a label or a verb cue
    ("rappeler lucien ferrand demain", ("PERSON", "lucien ferrand")),
    ("dossier transmis par odile marchal", ("PERSON", "odile marchal")),
    ("Jean-Aimé Roux a signé le bon", ("PERSON", "Jean-Aimé Roux")),
    ("validé avec È. Brun", ("PERSON", "È. Brun")),
    ("pierre dupont est passé", ("PERSON", "pierre dupont")),
    ("ODILE MARCHAL", ("PERSON", "ODILE MARCHAL")),
    ("Bonjour Claire,\nmerci pour votre retour.", ("PERSON", "Claire")),
    ("vu avec Julie ce matin", ("PERSON", "Julie")),
    ("Merci d'avance.\nCordialement,\nJulie Morel\n06 12 34 56 78", ("PERSON", "Julie Morel")),
    ("Cordialement, MARTIN Sophie", ("PERSON", "MARTIN Sophie")),
    # licence plates
    ("véhicule immatriculé AB-123-CD", ("FR_LICENSE_PLATE", "AB-123-CD")),
    ("plaque GH 456 JK relevée", ("FR_LICENSE_PLATE", "GH 456 JK")),
    ("immat AB123CD", ("FR_LICENSE_PLATE", "AB123CD")),
    ("ancienne plaque 1234 AB 75", ("FR_LICENSE_PLATE", "1234 AB 75")),
    # personal URLs
    ("profil linkedin.com/in/claire-dupont-1234.", ("URL", "linkedin.com/in/claire-dupont-1234")),
    ("voir https://www.facebook.com/odile.marchal", ("URL", "https://www.facebook.com/odile.marchal")),
    ("son blog https://claire-dupont.fr/blog", ("URL", "https://claire-dupont.fr/blog")),
    # foreign numbers in their national writing
    ("US: (415) 555-0132", ("PHONE_NUMBER", "(415) 555-0132")),
    ("bureau 415-555-0132", ("PHONE_NUMBER", "415-555-0132")),
    ("GSM 0470 12 34 56", ("PHONE_NUMBER", "0470 12 34 56")),
    ("Natel 079 123 45 67", ("PHONE_NUMBER", "079 123 45 67")),
    ("mobile 07700 900123", ("PHONE_NUMBER", "07700 900123")),
    ("tel 612 345 678 (Madrid)", ("PHONE_NUMBER", "612 345 678")),
    ("Tél : +44 7700 900123", ("PHONE_NUMBER", "+44 7700 900123")),
    ("portable 0612-345678 (Casablanca)", ("PHONE_NUMBER", "0612-345678")),
    # IBAN writings
    ("IBAN FR76 30006 00001 12345678901 89", ("IBAN_CODE", "FR76 30006 00001 12345678901 89")),
    ("IBAN FR76-3000-6000-0112-3456-7890-189", ("IBAN_CODE", "FR76-3000-6000-0112-3456-7890-189")),
    ("compte BE68539007547034", ("IBAN_CODE", "BE68539007547034")),
    # cards
    ("cartes 4012888888881881 4012 8888 8888 1881", ("CREDIT_CARD", "4012 8888 8888 1881")),
    ("cartes 4012888888881881 4012 8888 8888 1881", ("CREDIT_CARD", "4012888888881881")),
    ("Amex 371449635398431", ("CREDIT_CARD", "371449635398431")),
    # typographic spaces pasted from e-mails read as spaces
    (
        "portable : 06\u00a012\u00a034\u00a056\u00a078.",
        ("PHONE_NUMBER", "06\u00a012\u00a034\u00a056\u00a078"),
    ),
    # numbers spelled out in a voicemail, compact foreign numbers after a phone word, slashes
    (
        "rappelez moi au zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit merci",
        ("PHONE_NUMBER", "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"),
    ),
    ("Salamanca | T: 949819778", ("PHONE_NUMBER", "949819778")),
    ("au 04/17/69/87/77, voilà", ("PHONE_NUMBER", "04/17/69/87/77")),
    ("urgence : 6 77 66 41 65", ("PHONE_NUMBER", "6 77 66 41 65")),
    # NIR and SIRET writings
    ("n° secu 1 39 03 12 929 810 / 26 vérifié", ("FR_NIR", "1 39 03 12 929 810 / 26")),
    ("SIRET 262925084 00770, gérant", ("FR_SIRET", "262925084 00770")),
    # names: initials in lower case, particles, CSV fields
    ("signé par t. legrand le jeudi", ("PERSON", "t. legrand")),
    ("Contact : LE GOFF Quentin, tél", ("PERSON", "LE GOFF Quentin")),
    ("CHOI,Lei,+33 769 531 750,lei.choi@exemple.fr", ("PERSON", "CHOI")),
    ("CHOI,Lei,+33 769 531 750,lei.choi@exemple.fr", ("PHONE_NUMBER", "+33 769 531 750")),
    ("06 04 24 17 80|nicolas57@orange.fr", ("EMAIL_ADDRESS", "nicolas57@orange.fr")),
    # addresses: lines of an address, foreign writings, PO boxes
    (
        "Rés. Les Hauts de Seine, Bât A, 69 rue des Lilas",
        ("LOCATION", "Rés. Les Hauts de Seine, Bât A, 69 rue des Lilas"),
    ),
    ("174 rue du Docteur Schweitzer 47000 Agen", ("LOCATION", "174 rue du Docteur Schweitzer 47000 Agen")),
    ("Mme WU, BP 286, 18000 Bourges Cedex 02, conteste", ("LOCATION", "BP 286, 18000 Bourges Cedex 02")),
    ("adresse : Via Roma 50, 00184 Roma. Paiement", ("LOCATION", "Via Roma 50, 00184 Roma")),
    ("43 Baker Street, London NW1 6XE. Ref", ("LOCATION", "43 Baker Street, London NW1 6XE")),
    (
        "85 rue Sherbrooke Ouest, Montréal QC H3G 1H6",
        ("LOCATION", "85 rue Sherbrooke Ouest, Montréal QC H3G 1H6"),
    ),
    # dates of birth in other languages and forms
    ("My date of birth is March 15, 1996, as requested", ("DATE_TIME", "March 15, 1996")),
    ("Geburtsdatum: 6. April 1947.", ("DATE_TIME", "6. April 1947")),
    ("[ ] Né(e) le : 12/08/63", ("DATE_TIME", "12/08/63")),
    ("je suis née le 24 04 1958 si jamais", ("DATE_TIME", "24 04 1958")),
    # dictated e-mail addresses; tables pasted with a header naming the columns
    (
        "mon adresse mail c'est alexandre point cadet arobase hotmail point fr merci",
        ("EMAIL_ADDRESS", "alexandre point cadet arobase hotmail point fr"),
    ),
    ("Export :\nprenom;SIREN;date_naissance\nRémi;260614714;12/03/1970", ("FR_SIREN", "260614714")),
    ("Export :\nprenom;SIREN;date_naissance\nRémi;260614714;12/03/1970", ("DATE_TIME", "12/03/1970")),
    ("Export :\nprenom;SIREN;date_naissance\nRémi;260614714;12/03/1970", ("PERSON", "Rémi")),
    ("N° sécu : 2 5503 9935 2239 77 |", ("FR_NIR", "2 5503 9935 2239 77")),
    # IBAN: a country python-stdnum has no format for (mod-97 only), double spaces, a mistyped key
    # right after "IBAN"; NIR of an overseas department; e-mail addresses written against robots
    (
        "virement depuis MA37 0110 0000 0000 0000 0000 0022 ok",
        ("IBAN_CODE", "MA37 0110 0000 0000 0000 0000 0022"),
    ),
    (
        "IBAN  FR76  3000  6000  0112  3456  7890  189",
        ("IBAN_CODE", "FR76  3000  6000  0112  3456  7890  189"),
    ),
    ("IBAN : FR76 3000 6000 0112 3456 7890 188 merci", ("IBAN_CODE", "FR76 3000 6000 0112 3456 7890 188")),
    ("n° sécu 1.85.03.971.22.348.70, mutuelle", ("FR_NIR", "1.85.03.971.22.348.70")),
    ("écrire à jeanne.roux [at] laposte [dot] net", ("EMAIL_ADDRESS", "jeanne.roux [at] laposte [dot] net")),
    ("mail : t.morel(at)free.fr merci", ("EMAIL_ADDRESS", "t.morel(at)free.fr")),
    # a signature line after a sign-off: names that are also words, reversed order, one first name
    ("Bien à vous,\n\nRose Meunier\nComptable", ("PERSON", "Rose Meunier")),
    ("Cdlt,\nBlanc Aurore\n06 12 34 56 78", ("PERSON", "Blanc Aurore")),
    ("Merci et bonne soirée,\n> Olivier\n> +33 6 12 34 56 78", ("PERSON", "Olivier")),
    # after a cue, a first and a last name in lower case, even words or unknown first names
    ("message laissé, c'est thuy gaillard, rappelez-moi", ("PERSON", "thuy gaillard")),
    ("réunion animée par rosa cordier, 1h", ("PERSON", "rosa cordier")),
    ("co-titulaire : claire rivière, née en 1980", ("PERSON", "claire rivière")),
    # "c'est" is no last name: the first name after it is not glued to it
    ("oui, c'est mohamed guillaume au téléphone", ("PERSON", "mohamed guillaume")),
    # addresses: a complement after the street, a box before the postcode, quoted lines,
    # whole-name ways, foreign floors and numbers
    (
        "chez lui, 12 rue des Lilas, 2e étage gauche, 75011 Paris.",
        ("LOCATION", "12 rue des Lilas, 2e étage gauche, 75011 Paris"),
    ),
    (
        "12 allée des Pins, CS 401, 31000 Toulouse Cedex 9, France",
        ("LOCATION", "12 allée des Pins, CS 401, 31000 Toulouse Cedex 9, France"),
    ),
    ("> 8 place du Marché\n> 44000 Nantes\n", ("LOCATION", "8 place du Marché\n> 44000 Nantes")),
    ("livrer au 14 Grand-Rue, L-1660 Luxembourg.", ("LOCATION", "14 Grand-Rue, L-1660 Luxembourg")),
    ("Gran Vía 41, 3º B\n28013 Madrid", ("LOCATION", "Gran Vía 41, 3º B\n28013 Madrid")),
    (
        "Via Garibaldi, 12, scala B, int. 4, 10122 Torino.",
        ("LOCATION", "Via Garibaldi, 12, scala B, int. 4, 10122 Torino"),
    ),
    (
        "Chaussée de Wavre 214/3\n1050 Ixelles\nBelgique",
        ("LOCATION", "Chaussée de Wavre 214/3\n1050 Ixelles\nBelgique"),
    ),
    (
        "Schillerallee 12\n80331 München\nDeutschland",
        ("LOCATION", "Schillerallee 12\n80331 München\nDeutschland"),
    ),
    (
        "flat: 22B Mill Road, Cambridge CB1 2AD, United Kingdom.",
        ("LOCATION", "22B Mill Road, Cambridge CB1 2AD, United Kingdom"),
    ),
    (
        "mail to 300 3rd Avenue, Apt 4, Seattle, WA 98101, USA",
        ("LOCATION", "300 3rd Avenue, Apt 4, Seattle, WA 98101, USA"),
    ),
    (
        "4410, rue Saint-Hubert, bureau 12, Montréal (Québec) H2J 2X1",
        ("LOCATION", "4410, rue Saint-Hubert, bureau 12, Montréal (Québec) H2J 2X1"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t for t, _ in FOUND])
def test_found(pii_engine: PiiEngine, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(pii_engine, text)


NOT_A_PERSON = [
    "le 3 December",
    "Offre Cloud Pro souscrite",
    "Pack Sérénité Plus activé hier",
    "rose blanc et vert",  # names that are also words, in lower case, with no cue
    "salon de Lyon, stand 12",
    "avec Orange Business Services",
    "l'accident a eu lieu le 12 mars",  # a weak cue ("a") and two words are no name
    "Cordialement,\nService Client\nAcme",  # a team signs, not a person
    "Bien à vous,\nResponsable RH",
    "merci.\nRAS.",  # a short word after a sign-off is no signature
    "Objet : PAYMENT PAGE ERROR",  # after a colon, an unknown word and a word
    "Employeur : Alpha Bâtiment",
]


@pytest.mark.parametrize("text", NOT_A_PERSON)
def test_no_person(pii_engine: PiiEngine, text: str) -> None:
    assert not [t for t, _ in found(pii_engine, text) if t == "PERSON"]


NOTHING = [
    "LE 100 KM A PIED",  # capitals: a word and a unit, not a plate
    "site www.acme.fr et linkedin.com/company/acme",  # company pages
    "Commande 2024-0123-45 livrée le 12.03.2024",
    "Montant 1 250 000 EUR",
    "ticket 0123 4567 89",
    "2026-11-10 09:30:54,091 WARN worker restarted",  # a log timestamp is no phone number
    "RDV le 12 mai 2025 avec le client",  # a meeting date is no date of birth
    "Rien à signaler, devis DEV-2024-17 envoyé",  # "Rien", "DEV": no names
    "parc d'activités ouvert le lundi",  # an address word with no address near it
    "Commande n° 0194931715 annulée",  # an order number written like a phone number
    "EAN 5972673205881, contrat Confort",  # a barcode is no card
    "quantité;prix;total\n3;12;36",  # a table with no personal column
    "look at this point of view",  # "at" and "point" without an address
    "C. com. L123-22",  # a code of law, not an initial and a name
    "la Grand-Rue est fermée le dimanche",  # a way named alone is no address
    "ref FR76 3000 6000 0112 3456 7890 188 commande",  # a wrong IBAN key with no IBAN cue
]


@pytest.mark.parametrize("text", NOTHING)
def test_nothing(pii_engine: PiiEngine, text: str) -> None:
    assert found(pii_engine, text) == set()


def test_new_types_have_placeholders(pii_engine: PiiEngine) -> None:
    text = "Voiture AB-123-CD, profil linkedin.com/in/claire-dupont-1234, rappeler lucien ferrand"
    assert scrub_text(text) == "Voiture <IMMATRICULATION>, profil <URL>, rappeler <PERSONNE>"
