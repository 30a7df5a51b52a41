"""Table-driven cases for every French recognizer: each writing a CRM user types, and look-alikes."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine


def found(engine: PiiEngine, text: str) -> set[tuple[str, str]]:
    return {(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)}


def p(text: str, *expected: tuple[str, str], id: str) -> object:
    return pytest.param(text, set(expected), id=id)


PHONE = "PHONE_NUMBER"
POSITIVE = [
    # Phones: every usual writing.
    p("Tél : 06 12 34 56 78", (PHONE, "06 12 34 56 78"), id="phone-spaces"),
    p("tel 06.12.34.56.78 le soir", (PHONE, "06.12.34.56.78"), id="phone-dots"),
    p("portable 06-12-34-56-78", (PHONE, "06-12-34-56-78"), id="phone-dashes"),
    p("au 0612345678 merci", (PHONE, "0612345678"), id="phone-no-separator"),
    p("joindre au +33 6 12 34 56 78", (PHONE, "+33 6 12 34 56 78"), id="phone-intl"),
    p("standard +33 (0)1 42 68 53 00", (PHONE, "+33 (0)1 42 68 53 00"), id="phone-intl-trunk-0"),
    p("mobile +33612345678.", (PHONE, "+33612345678"), id="phone-intl-compact"),
    p("fixe 0033 1 42 68 53 00", (PHONE, "0033 1 42 68 53 00"), id="phone-0033"),
    p("numéro belge +32 2 555 12 12", (PHONE, "+32 2 555 12 12"), id="phone-foreign-valid"),
    p("Martinique : 0596 12 34 56", (PHONE, "0596 12 34 56"), id="phone-overseas-fixed-grouped-4"),
    p("portable 0690581101", (PHONE, "0690581101"), id="phone-overseas-mobile-compact"),
    p("au 06 91 58 11 01 le matin", (PHONE, "06 91 58 11 01"), id="phone-unallocated-range-in-pairs"),
    # NIR: key checked, Corsica, with or without spaces.
    p("NIR 2 80 01 2A 123 456 67", ("FR_NIR", "2 80 01 2A 123 456 67"), id="nir-corsica-2A-spaced"),
    p("sécu 280012A12345667", ("FR_NIR", "280012A12345667"), id="nir-corsica-2A-compact"),
    p("n° SS 2 80 01 2B 123 456 94", ("FR_NIR", "2 80 01 2B 123 456 94"), id="nir-corsica-2B"),
    p("NIR 180017512345660 vérifié", ("FR_NIR", "180017512345660"), id="nir-compact"),
    p("nir 2800175123456 10", ("FR_NIR", "2800175123456 10"), id="nir-key-apart"),
    # IBAN with and without spaces.
    p(
        "IBAN FR76 3000 6000 0112 3456 7890 189",
        ("IBAN_CODE", "FR76 3000 6000 0112 3456 7890 189"),
        id="iban-spaced",
    ),
    p("IBAN:FR7630006000011234567890189", ("IBAN_CODE", "FR7630006000011234567890189"), id="iban-compact"),
    p(
        "iban fr76 3000 6000 0112 3456 7890 189",
        ("IBAN_CODE", "fr76 3000 6000 0112 3456 7890 189"),
        id="iban-lower",
    ),
    p(
        "RIB FR76 3000 6000 0112 3456 7890 189 TEL 06",
        ("IBAN_CODE", "FR76 3000 6000 0112 3456 7890 189"),
        id="iban-then-word",
    ),
    p("compte DE89 3704 0044 0532 0130 00", ("IBAN_CODE", "DE89 3704 0044 0532 0130 00"), id="iban-foreign"),
    # Cards (Luhn + issuer).
    p("CB 4970 1012 3456 7893 exp 12/27", ("CREDIT_CARD", "4970 1012 3456 7893"), id="card-visa-spaced"),
    p("carte 4970101234567893", ("CREDIT_CARD", "4970101234567893"), id="card-visa-compact"),
    p("MC 5130-1234-5678-9017", ("CREDIT_CARD", "5130-1234-5678-9017"), id="card-mastercard-dashes"),
    p("Amex 3782 822463 10005", ("CREDIT_CARD", "3782 822463 10005"), id="card-amex"),
    # SIREN / SIRET, labelled apart.
    p("SIREN 732 829 320", ("FR_SIREN", "732 829 320"), id="siren-spaced"),
    p("RCS Paris 732829320", ("FR_SIREN", "732829320"), id="siren-compact-with-cue"),
    p("SIRET 732 829 320 00074", ("FR_SIRET", "732 829 320 00074"), id="siret-spaced"),
    p("siret : 73282932000074", ("FR_SIRET", "73282932000074"), id="siret-compact-with-cue"),
    # Postal addresses.
    p(
        "Habite 12 bis, rue de la Paix 75002 Paris.",
        ("LOCATION", "12 bis, rue de la Paix 75002 Paris"),
        id="address-full",
    ),
    p(
        "Livrer 3 av. Foch, 69006 LYON avant midi",
        ("LOCATION", "3 av. Foch, 69006 LYON"),
        id="address-abbrev-upper-town",
    ),
    p(
        "adresse : rue Victor Hugo, 33000 Bordeaux",
        ("LOCATION", "rue Victor Hugo, 33000 Bordeaux"),
        id="address-no-number",
    ),
    p(
        "adresse : 8 impasse des lilas 44000 nantes",
        ("LOCATION", "8 impasse des lilas 44000 nantes"),
        id="address-lower",
    ),
    p(
        "Livraison au 45 boulevard Saint-Germain",
        ("LOCATION", "45 boulevard Saint-Germain"),
        id="address-no-postcode",
    ),
    # Birth dates (and only birth dates).
    p("née le 3 janvier 1980 à Lyon", ("DATE_TIME", "3 janvier 1980"), id="birth-long-form"),
    p("Né le 1er mars 1975", ("DATE_TIME", "1er mars 1975"), id="birth-1er"),
    p("date de naissance : 1980-01-03", ("DATE_TIME", "1980-01-03"), id="birth-iso"),
    p("né(e) le 14.07.1962", ("DATE_TIME", "14.07.1962"), id="birth-dots"),
    p("DDN 03/01/1980", ("DATE_TIME", "03/01/1980"), id="birth-ddn"),
    p("née à Saint-Malo le 5 mai 1990", ("DATE_TIME", "5 mai 1990"), id="birth-with-place"),
    p("né en 1975", ("DATE_TIME", "1975"), id="birth-year"),
    # E-mails.
    p("mail claire.dupont@exemple.fr", ("EMAIL_ADDRESS", "claire.dupont@exemple.fr"), id="email"),
    p("MAIL CLAIRE.DUPONT@EXEMPLE.FR", ("EMAIL_ADDRESS", "CLAIRE.DUPONT@EXEMPLE.FR"), id="email-upper"),
    # Names: spaCy plus civility and cues, in any case.
    p("RDV avec Mme Claire Dupont demain", ("PERSON", "Claire Dupont"), id="name-civility"),
    p("rdv avec mme claire dupont demain", ("PERSON", "claire dupont"), id="name-civility-lower"),
    p("RDV AVEC MME CLAIRE DUPONT DEMAIN", ("PERSON", "CLAIRE DUPONT"), id="name-civility-upper"),
    p("m. martin souhaite être rappelé", ("PERSON", "martin"), id="name-m-dot-lower"),
    p("MONSIEUR JEAN-PIERRE LEROY A SIGNÉ", ("PERSON", "JEAN-PIERRE LEROY"), id="name-monsieur-upper"),
    p("Madame de La Fontaine préfère le courrier", ("PERSON", "de La Fontaine"), id="name-particle"),
    p("Nom : DUPONT Prénom : Claire", ("PERSON", "DUPONT"), ("PERSON", "Claire"), id="name-labels"),
    p("Appel de Jean-Pierre Martin ce matin.", ("PERSON", "Jean-Pierre Martin"), id="name-spacy"),
    p("Nouveau contact : BAILLY Émilie, service achats", ("PERSON", "BAILLY Émilie"), id="name-NOM-Prenom"),
    p("Devis validé par J. Martin hier", ("PERSON", "J. Martin"), id="name-initial"),
    p("RAPPELER ASTRID RENARD LE 26/07", ("PERSON", "ASTRID RENARD"), id="name-upper-after-cue"),
    p("Dupont a rappelé ce matin", ("PERSON", "Dupont"), id="name-subject"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_detected(pii_engine: PiiEngine, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= found(pii_engine, text)


NEGATIVE = [
    p("NIR 2 80 01 2A 123 456 68 refusé", id="nir-bad-key"),
    p("NIR 2 80 01 2C 123 456 67", id="nir-bad-department"),
    p("commande FR76 3000 6000 0112 3456 7890 188 erronée", id="iban-bad-checksum-no-cue"),
    p("Carte 4970 1012 3456 7894 refusée", id="card-bad-luhn"),
    p("SIREN 732 829 321", id="siren-bad-luhn"),
    p("commande 732829320 livrée", id="siren-without-cue"),
    p("lot 73282932000074 en stock", id="siret-compact-without-cue"),
    p("Commande CMD-2024-000123 livrée", id="order-number"),
    p("commande n° 75001-443", id="order-number-postcode-like"),
    p("Prix 1 250,00 € HT, remise 15 %, soit 2 124,92 €", id="prices"),
    p("Réf. produit AB-1234, SKU 48213, article 69003", id="product-refs"),
    p("Ticket #45821 : modèle X200 (réf. 0612-3456)", id="ref-phone-like"),
    p("RDV le 12 mars 2025 à 14h30", id="meeting-date"),
    p("Contrat du 01/09/2023 au 31/08/2026, livré le 3 janvier 2024", id="contract-dates"),
    p("Code postal 75001 manquant", id="bare-postcode"),
    p("Boutique rue de la République", id="street-without-number"),
    p("Relance de Dupont SARL et de Leroy et Fils", id="companies"),
    p("Le client souhaite être rappelé demain", id="no-pii"),
    p("adresse claire.dupont@exemple.invalidtld", id="email-unknown-suffix"),
    p("06 12 34 56", id="phone-too-short"),
]


@pytest.mark.parametrize(("text", "expected"), NEGATIVE)
def test_not_detected(pii_engine: PiiEngine, text: str, expected: set[tuple[str, str]]) -> None:
    assert found(pii_engine, text) == expected


def test_meeting_date_is_not_a_birth_date(pii_engine: PiiEngine) -> None:
    text = "Née le 3 janvier 1980, RDV le 12 mars 2025."
    assert {(t, v) for t, v in found(pii_engine, text) if t == "DATE_TIME"} == {
        ("DATE_TIME", "3 janvier 1980")
    }


def test_scenario_17(pii_engine: PiiEngine) -> None:
    """GDPR_RULES.md section 9, scenario 17: every type found, the order number left alone."""
    text = (
        "RDV avec Mme Claire Dupont, née le 3 janvier 1980, tél 06 12 34 56 78, NIR 2 80 01 2A 123 456 67, "
        "IBAN FR76 3000 6000 0112 3456 7890 189, claire.dupont@exemple.fr, commande n° 75001-443"
    )
    assert found(pii_engine, text) == {
        ("PERSON", "Claire Dupont"),
        ("DATE_TIME", "3 janvier 1980"),
        ("PHONE_NUMBER", "06 12 34 56 78"),
        ("FR_NIR", "2 80 01 2A 123 456 67"),
        ("IBAN_CODE", "FR76 3000 6000 0112 3456 7890 189"),
        ("EMAIL_ADDRESS", "claire.dupont@exemple.fr"),
    }
