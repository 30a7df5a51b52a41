"""Issue 8, held-out set G (its errors read after its untouched figure): named fields of exports and
logs (JSON, XML, query strings, LDIF, YAML, vCard, MECARD, jCard, SQL inserts), fixed-width exports,
French numbers written "(+33) 6 ...", "07.19 69.81 41" or "0655 455 632", chat and SMS speakers,
people named by their role, "M" without its dot; and what must stay untouched next to them."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine


def found(engine: PiiEngine, text: str) -> set[tuple[str, str]]:
    return {(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)}


FOUND = [
    # named fields
    ('{"demandeur": {"nom": "Roche", "prenom": "Clara", "naissance": "1987-01-19"}}', ("PERSON", "Roche")),
    (
        '{"demandeur": {"nom": "Roche", "prenom": "Clara", "naissance": "1987-01-19"}}',
        ("DATE_TIME", "1987-01-19"),
    ),
    ("<patient>\n  <nom>BRUNET</nom>\n  <dateNaissance>1958-05-13</dateNaissance>", ("PERSON", "BRUNET")),
    (
        "<patient>\n  <nom>BRUNET</nom>\n  <dateNaissance>1958-05-13</dateNaissance>",
        ("DATE_TIME", "1958-05-13"),
    ),
    ('"GET /etre-rappele?nom=henry&prenom=edith&tel=0563582509 HTTP/1.1" 200', ("PERSON", "henry")),
    ('"GET /etre-rappele?nom=henry&prenom=edith&tel=0563582509 HTTP/1.1" 200', ("PERSON", "edith")),
    ("objectClass: inetOrgPerson\ncn: Raymond Soulié\nsn: Soulié\ngivenName: Raymond", ("PERSON", "Soulié")),
    ('users:\n  - login: u79542\n    display_name: "Colombe Le Brigant"', ("PERSON", "Colombe Le Brigant")),
    ('sms_out to=+33784953642 patient="LI Marin" rdv=18/04 status=DELIVERED', ("PERSON", "LI Marin")),
    ("<Dbtr><Nm>BARRE CORINNE</Nm></Dbtr>", ("PERSON", "BARRE CORINNE")),
    ("MECARD:N:Morin,Joana;TEL:0666407224;;", ("PERSON", "Morin")),
    ("QR code scanné :\nMECARD:N:Morin,Joana", ("PERSON", "Joana")),
    ("BEGIN:VCARD\nN:Petit;Régis;;;\nBDAY:19440113\nEND:VCARD", ("PERSON", "Petit")),
    ("BEGIN:VCARD\nN:Petit;Régis;;;\nBDAY:19440113\nEND:VCARD", ("DATE_TIME", "19440113")),
    (
        '  ["n", {}, "text", ["Sy", "Nicolas", "", "", ""]],\n  ["bday", {}, "date", "1971-07-19"],',
        ("PERSON", "Sy"),
    ),
    (
        '  ["n", {}, "text", ["Sy", "Nicolas", "", "", ""]],\n  ["bday", {}, "date", "1971-07-19"],',
        ("DATE_TIME", "1971-07-19"),
    ),
    ("Anniversaire :\t13 mars 1991\nPage web :\twww.example.org", ("DATE_TIME", "13 mars 1991")),
    (
        "INSERT INTO adherents (id, nom, prenom, naissance) VALUES (69976, 'BOYER', 'Abdoulaye', '1974-08-26'),"
        " (33720, 'AUBRY', 'Bernadette', '1935-01-18');",
        ("DATE_TIME", "1935-01-18"),
    ),
    (
        "INSERT INTO adherents (id, nom, prenom, naissance) VALUES (69976, 'BOYER', 'Abdoulaye', '1974-08-26');",
        ("PERSON", "BOYER"),
    ),
    # a fixed-width export, its values one character off the header
    (
        "NUMADH  NOM                 PRENOM          NIR                    CP    \n"
        "80223229 GROS                EUGÉNIE         263069442467882        41000\n"
        "57332933 LE GUEN             JUN             264063156144588        73000\n",
        ("PERSON", "LE GUEN"),
    ),
    # phone writings
    (
        "Sa nièce Claire Pape sera présente ((+33) 6 33 76 47 42). Ordonnance",
        ("PHONE_NUMBER", "(+33) 6 33 76 47 42"),
    ),
    (
        "Ordonnateur : Mathilde ROUSSEL (compagne) — 07.19 69.81 41 — m.r@orange.fr",
        ("PHONE_NUMBER", "07.19 69.81 41"),
    ),
    ("Mme Mégane Guillot (épouse) — 0655 455 632 — meg@orange.fr", ("PHONE_NUMBER", "0655 455 632")),
    ("Mme Mégane Guillot (épouse) — 0655 455 632 — meg@orange.fr", ("PERSON", "Mégane Guillot")),
    # speakers and roles
    (
        "[25/01/2025 10:10] CHAMPION, Lorenzo (Aubépine Dentaire)\nQuelqu'un peut rappeler ?",
        ("PERSON", "CHAMPION"),
    ),
    ("[13 h 10] dijoux, jacques\ntiens : 09 01 25 78 31", ("PERSON", "jacques")),
    ("export sms\n9h45 aïcha : je peux decaler ma lecon\n16h15 Flore : ok", ("PERSON", "aïcha")),
    ("Renouvellement tous les 3 mois. Conseillère : Colombe.", ("PERSON", "Colombe")),
    ("leçon 34 — élève : chiara\nmoniteur : p. caron", ("PERSON", "chiara")),
    ("Objet : RE: Dossier M Mouton\n\nPatiente rappelée", ("PERSON", "Mouton")),
    ("Acte de naissance reçu : né le 3 mars 1980", ("DATE_TIME", "3 mars 1980")),
    ("copie intégrale de naissance : 02/02/1975", ("DATE_TIME", "02/02/1975")),
]

NOT_FOUND = [
    ('{"name": "order.paid", "client": "ACME SAS", "produit": "Pack Confort"}', "PERSON"),
    ('{"nom": "Pompe à chaleur", "type": "produit"}', "PERSON"),
    ("Client : Oui bonjour", "PERSON"),
    ("[00:00:48] Conseiller : Très bien, pouvez-vous me rappeler ?", "PERSON"),
    ("14h30 Réunion : budget 2026", "PERSON"),
    ("commande 0612 345 678 livrée", "PHONE_NUMBER"),
    ("immat CB 342 LL — Clio blanche", "PERSON"),
    ("Moniteur absent — véhicule Clio V au garage", "PERSON"),
    ("Mégane E-Tech électrique en essai", "PERSON"),
    ("BEGIN:VCARD\nN:Gilbert;Lina;;Mme;\nEND:VCARD", "PERSON:Mme"),
    # the date of a document about a birth, not a birth ("Acte de naissance manquant → 15/04/2025")
    ("Acte de naissance manquant → 15/04/2025", "DATE_TIME"),
    ("Extrait d'acte de naissance du 12/01/2024 reçu", "DATE_TIME"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(pii_engine: PiiEngine, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(pii_engine, text)


@pytest.mark.parametrize(("text", "entity"), NOT_FOUND)
def test_not_found(pii_engine: PiiEngine, text: str, entity: str) -> None:
    kind, _, value = entity.partition(":")
    spans = {v for t, v in found(pii_engine, text) if t == kind}
    assert (value not in spans) if value else not spans


def test_a_word_cut_by_the_context_window_starts_no_context_word(pii_engine: PiiEngine) -> None:
    # 15 characters before the number hold "lot" of "Guillot": no reference word ("lot"), still a phone
    text = "Mme Mégane Guillot (épouse) — 0655 455 632"
    assert ("PHONE_NUMBER", "0655 455 632") in found(pii_engine, text)
    assert ("PHONE_NUMBER", "0655 455 632") not in found(pii_engine, "lot 0655 455 632")
