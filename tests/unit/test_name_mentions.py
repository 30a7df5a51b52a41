"""Which stretch of a note names the erased person, around a person span the engine tagged."""

from __future__ import annotations

import pytest

from crm_privacy.requests.names import _naming, _replaced, _words

PEOPLE = [frozenset(_words("Hélène") + _words("Carré-Dubois"))]


def stretch(text: str, tagged: str) -> str | None:
    start = text.index(tagged)
    found = _naming(text, start, start + len(tagged), PEOPLE)
    return None if found is None else text[found[0] : found[1]]


@pytest.mark.parametrize(
    ("text", "tagged", "named"),
    [
        ("Réunion avec Hélène Carré-Dubois mardi", "Hélène Carré-Dubois", "Hélène Carré-Dubois"),
        ("rappeler helene carre-dubois demain", "helene carre-dubois", "helene carre-dubois"),
        # the engine tagged the first name only: widened over the adjacent name words
        ("rdv : CARRE-DUBOIS Hélène viendra", "Hélène", "CARRE-DUBOIS Hélène"),
        ("rdv : Carré Dubois Hélène viendra", "Hélène", "Carré Dubois Hélène"),
    ],
)
def test_the_person_is_named(text: str, tagged: str, named: str) -> None:
    assert stretch(text, tagged) == named


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("Appel de M. Carré-Dubois, un homonyme", "Carré-Dubois"),  # no first name: maybe someone else
        ("Hélène Martin a appelé", "Hélène Martin"),  # another Hélène
        ("H. Carré-Dubois a appelé", "H. Carré-Dubois"),  # an initial is not the first name
        ("Hélène, puis Carré-Dubois", "Hélène"),  # not adjacent
    ],
)
def test_a_namesake_is_left(text: str, tagged: str) -> None:
    assert stretch(text, tagged) is None


def test_particles_and_one_letter_words_are_not_name_words() -> None:
    assert _words("Jean de La Fontaine") == ["jean", "fontaine"]


def test_replaced_keeps_the_rest_of_the_text() -> None:
    text = "Vu Hélène Carré-Dubois et Hélène Carré-Dubois."
    a, b = text.index("Hélène"), text.rindex("Hélène")
    n = len("Hélène Carré-Dubois")
    assert _replaced(text, [(b, b + n), (a, a + n)], "[x]") == "Vu [x] et [x]."
