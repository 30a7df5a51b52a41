"""Payment card numbers (PAN) in French text: Luhn key, issuer prefix and length must agree."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum import luhn

from crm_privacy.detect.entities import CREDIT_CARD
from crm_privacy.detect.recognizers._words import has_context
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

# (prefix regex, allowed lengths): Visa, Mastercard, Amex, Diners, Discover, JCB, Maestro, UnionPay.
_ISSUERS = (
    (re.compile(r"4"), (13, 16, 19)),
    (re.compile(r"5[1-5]|2(?:2[2-9]|[3-6][0-9]|7[01]|720)"), (16,)),
    (re.compile(r"3[47]"), (15,)),
    (re.compile(r"3(?:0[0-5]|[68])"), (14,)),
    (re.compile(r"6(?:011|5|4[4-9])"), (16, 17, 18, 19)),
    (re.compile(r"35(?:2[89]|[3-8][0-9])"), (16, 17, 18, 19)),
    (re.compile(r"5[06-9]|6[0-9]"), tuple(range(12, 20))),
    (re.compile(r"1"), (15,)),  # UATP (airline cards)
)
_NOT_CARD = (
    "vitale",
    "securite sociale",
    "secu",
    "nir",
    "siret",
    "siren",
    "ean",
    "gtin",
    "code barre",
    "permis",
)
_DINERS = re.compile(r"3(?:0[0-5]|[68])")
_SEPARATORS = re.compile(r"[ \-.]")


class FrCreditCardRecognizer(FrPatternRecognizer):
    """``4970 1012 3456 7890``, ``3782-822463-10005``, ``4970101234567890``.

    A bare 14-digit number passes Luhn as a SIRET does: it is a card (at a low score, so a SIRET
    after a cue wins) only with a Diners prefix. Several cards in a row are each reported.
    """

    ENTITY = CREDIT_CARD
    NEEDS = r"[0-9]"
    PATTERNS = (
        Pattern("card", r"(?<![0-9.])[0-9]{4}(?:(?:[ ]{1,2}|[\-.])?[0-9]{2,6}){2,4}(?![0-9]|\.[0-9])", 0.3),
    )
    CONTEXT = ("carte", "cb", "visa", "mastercard", "amex", "paiement", "credit")
    RESCAN_ON_REJECT = True

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        if has_context(text, match.start(), _NOT_CARD):
            return None  # "carte Vitale (1951278543362 09)" is a NIR
        return self.longest_valid(text, match.start(), match.end(), min_chars=12)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = _SEPARATORS.sub("", pattern_text)
        if not 12 <= len(digits) <= 19 or not digits.isdigit() or not luhn.is_valid(digits):
            return False
        if not any(rx.match(digits) and len(digits) in lengths for rx, lengths in _ISSUERS):
            return False
        if len(digits) == 14 and digits == pattern_text:
            # a bare 14-digit Diners number is also a SIRET: reported at a low score, so that the
            # SIRET recognizer (after a cue) wins the same span
            return None if _DINERS.match(digits) else False
        return True
