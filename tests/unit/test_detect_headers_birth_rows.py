"""Issue 8, held-out sets C and D: people named by the header lines of pasted e-mails and minutes, or
by the angle-bracketed address after their name, and dates of birth in the middle of a sentence that
opens on "date de naissance" or in headerless table rows; addresses of any country on the line of an
address label."""

from __future__ import annotations

import pytest

from crm_privacy.detect.engine import PiiEngine


def found(engine: PiiEngine, text: str) -> set[tuple[str, str]]:
    return {(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)}


FOUND = [
    ("De : Lusine Deschamps <ldeschamps@rosedesvents.fr>", ("PERSON", "Lusine Deschamps")),
    ("Sent: Thu, 24 May 2024 19:27\nTo: Constance Jacquet\nSubject: devis", ("PERSON", "Constance Jacquet")),
    (
        "Présents : Gilles Masson\nExcusé(e)s : Victoire Olivier\n\nPoints abordés :",
        ("PERSON", "Victoire Olivier"),
    ),
    ("> De : maialen morel <m.morel@exemple.fr>", ("PERSON", "maialen morel")),
    (
        "Le 1 mars 2024 à 12h10, Marine Mendiburu <marine.m@vertigo.io> a écrit :",
        ("PERSON", "Marine Mendiburu"),
    ),
    ("Présents :\n• Céleste Barbier – Ombelle Services\n• M. Roux", ("PERSON", "Céleste Barbier")),
    ("présents :\n- fabre ophélie – responsable achat", ("PERSON", "fabre ophélie")),
    ("Assigné à : clément barré\n\nDescription :", ("PERSON", "clément barré")),
    ("Veuillez agréer mes salutations.\n(signé) Huy Tran", ("PERSON", "Huy Tran")),
    (
        "ma date de naissance est erronée sur le contrat : c'est le 28 février 1982, pas le 16/06.",
        ("DATE_TIME", "28 février 1982"),
    ),
    ("Mme|Touré|Oumou|1er décembre 1971|06 48 21 51 27", ("DATE_TIME", "1er décembre 1971")),
    ('M.,HENRY,Dylan,27/08/1968,"06 08 24 89 24"', ("DATE_TIME", "27/08/1968")),
]

NOT_FOUND = [
    ("De : Support <support@acme.fr>", "PERSON"),
    ("À : Compta\nObjet : relance", "PERSON"),
    ("montant de : 300 € TTC", "PERSON"),
    ("C1024;2024-05-14;480,00;payée", "DATE_TIME"),  # an order date in a table row: business data
    ("commande du 12/03/1998, livrée", "DATE_TIME"),  # a date, not a table cell nor after a birth cue
    ("Ordre du jour :\n- Points divers – à revoir\n- Budget 2025 (validé)", "PERSON"),  # items, no names
    ("Assigné à : le chef d'équipe\n\nDescription :", "PERSON"),  # a role
    ("adresse : voir la fiche client", "LOCATION"),  # no number: no address
    ("Adresse IP : 10.0.0.12 bloquée", "LOCATION"),
    ("adresse mail : claire@exemple.fr", "LOCATION"),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_found(pii_engine: PiiEngine, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(pii_engine, text)


@pytest.mark.parametrize(("text", "entity"), NOT_FOUND)
def test_not_found(pii_engine: PiiEngine, text: str, entity: str) -> None:
    assert not {f for f in found(pii_engine, text) if f[0] == entity}


def test_only_the_birth_date_of_the_sentence(pii_engine: PiiEngine) -> None:
    text = "ma date de naissance est erronée : c'est le 5 mars 1983, pas le 2024-05-14."
    assert {f for f in found(pii_engine, text) if f[0] == "DATE_TIME"} == {("DATE_TIME", "5 mars 1983")}
