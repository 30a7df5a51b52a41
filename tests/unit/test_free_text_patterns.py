"""The validation gate's patterns of personal data left in scrubbed free text (Python's ``re``, which
the runner gives SQLite; PostgreSQL and MariaDB read the same syntax)."""

from __future__ import annotations

import re

import pytest

from crm_privacy.validate.patterns import FREE_TEXT_PATTERNS

IBAN = re.compile(FREE_TEXT_PATTERNS["IBAN"])


@pytest.mark.parametrize(
    "text",
    [
        "IBAN FR7630006000011234567890189",
        "rib : FR76 3000 6000 0112 3456 7890 189.",
        "DE89370400440532013000",
    ],
)
def test_an_iban_left_in_clear_is_found(text: str) -> None:
    assert IBAN.search(text)


@pytest.mark.parametrize(
    "text",
    [
        # an encrypted span: random base64url, which may hold a run of capitals and digits
        "versement sur <ENC:IBAN_CODE:AB12CDEFGHIJ3456KLMNxq9-_zPQ0aa8rT2mWc1vB7u==> confirmé",
        "réf. XYAB12CDEF34GH56IJ78 interne",  # a run inside a longer reference
    ],
)
def test_a_run_inside_a_longer_token_is_no_iban(text: str) -> None:
    assert not IBAN.search(text)
