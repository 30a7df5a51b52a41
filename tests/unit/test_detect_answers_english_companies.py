"""Issue 8, precision on held-out set F (its errors read): what a caller answers after "Client :" in a
transcript, English words of a quoted e-mail, SQL and vCard keywords, firms after "chez", vehicles.
Each was reported as a person; the names next to them must still be found."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine


def persons(engine: PiiEngine, text: str) -> set[str]:
    return {text[s.start : s.end] for s in engine.analyze(text) if s.entity_type == "PERSON"}


NOT_A_PERSON = [
    # answers after a speaker label
    ("[00:00:37] Interlocuteur : Oui bonjour, c'est anne-sophie jouan, j'ai un souci", "Oui"),
    ("[00:01:21] Client : Alors, 04 76 62 58 31, enfin c'est le fixe", "Alors"),
    ("[00:01:30] Interlocuteur : C'est ça.\n[00:01:53] Conseiller : Et votre date", "C'est"),
    ("[00:01:58] Interlocuteur : Le seize octobre 1939.", "Le"),
    ("[10:00] CLIENT : BJR C'EST POUR LE RDV DE DEMAIN", "BJR C'EST"),
    ("Intervention – véhicule PV 240 CV\nSignature client : oui", "oui"),
    ("SIGNATURE CLIENT : REFUSÉE", "REFUSÉE"),
    # identifiers and ordinary words after a label or a cue
    ("Réponse publique postée par Gaëlle, client identifié : ID 230033", "ID"),
    ("Avis posté par Wilfried, client identifié : CLI-572690", "CLI"),
    ("- ESPACE CLIENT : DERNIÈRES CONNEXIONS DEPUIS 192.168.6.242", "DERNIÈRES CONNEXIONS DEPUIS"),
    ("JOINDRE LE CONDUCTEUR AU 07 65 22 89 02", "LE CONDUCTEUR"),
    # firms and places as the subject of "a appelé", a word after an initial
    (
        "Appel entrant - Killian DE MONTAIGU de chez Lumen Optique a appelé car toujours pas livré",
        "Lumen Optique",
    ),
    ("Mathilde Lopez / Kinesitherapie du Parc rappelle pour resilier", "Parc"),
    ("Fiche conservée : A. Opportunités de B rattachées à A.", "A. Opportunités"),
    # English of a quoted e-mail
    ("Dear Leonie,\n\nThank you, I have updated your file.", "Thank you"),
    ("> Could you send the quote to my personal address? Details below.", "Could"),
    ("> Could you send the quote to my personal address? Details below.", "Details below"),
    ("Transcript chat en ligne – 2025-10-11 00:12", "Transcript"),
    ('Payload reçu :\n{\n  "event": "order.paid"', "Payload"),
    # pasted SQL, vCard, a vehicle
    ("  iban: NULL\n  last_ip: 10.178.120.174", "NULL"),
    ("ADR;TYPE=HOME:;;16bis rue des Capucins;Lyon", "ADR"),
    ("HP 210 DN\tRenault Master\tTanguy Valette\t06 31 94 00 11", "Renault Master"),
]

STILL_A_PERSON = [
    ("[00:00:37] Interlocuteur : Oui bonjour, c'est anne-sophie jouan, j'ai un souci", "anne-sophie jouan"),
    ("Porteur : Monsieur Lucide Charpentier", "Lucide Charpentier"),
    ("Signataire : Vivant Picard", "Vivant Picard"),
    ("Saisi par T. Bois", "T. Bois"),
    ("Gestionnaire : F. CHEVRIER – carte finissant par 1175", "F. CHEVRIER"),
    ("Petit a rappelé hier soir", "Petit"),
    ("Client : Le Floc'h Yann", "Le Floc'h Yann"),
    ("Dear Leonie,\n\nThank you, I have updated your file.", "Leonie"),
    ("HP 210 DN\tRenault Master\tTanguy Valette\t06 31 94 00 11", "Tanguy Valette"),
    ("Action : blocage des envois (Zoé)", "Zoé"),
]


@pytest.mark.parametrize(("text", "word"), NOT_A_PERSON)
def test_not_reported_as_a_person(pii_engine: PiiEngine, text: str, word: str) -> None:
    assert word not in persons(pii_engine, text)


@pytest.mark.parametrize(("text", "name"), STILL_A_PERSON)
def test_the_person_next_to_it_is_found(pii_engine: PiiEngine, text: str, name: str) -> None:
    start = text.index(name)
    assert any(
        s.entity_type == "PERSON" and s.start <= start and start + len(name) <= s.end
        for s in pii_engine.analyze(text)
    ), f"{name!r} is not covered by a PERSON span"
