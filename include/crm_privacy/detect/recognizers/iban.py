"""IBAN (French and foreign), with or without spaces, checked with the mod-97 key and BBAN format."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum import iban
from stdnum.exceptions import InvalidComponent, ValidationError

from crm_privacy.detect.entities import IBAN_CODE
from crm_privacy.detect.recognizers._words import has_context
from crm_privacy.detect.recognizers.base import FrPatternRecognizer


class FrIbanRecognizer(FrPatternRecognizer):
    """``FR76 3000 6000 0112 3456 7890 189``, ``FR7630006000011234567890189``, grouped the bank's way
    (``FR76 30006 00001 12345678901 89``) or with dashes (``FR76-3000-...``).

    The mod-97 key and the country's BBAN format must check; national account keys are not checked
    (a valid Belgian IBAN of a bank ``python-stdnum`` does not know is still someone's account). A
    country outside the registry ``python-stdnum`` follows (Morocco's ``MA`` + 26 digits) needs its
    length, digits and the mod-97 key. Right after ``IBAN`` or ``RIB``, an IBAN-shaped number whose key is wrong is taken too: a
    mistyped account number is still the person's."""

    ENTITY = IBAN_CODE
    NEEDS = r"[0-9]"
    FLAGS = re.IGNORECASE  # "fr76 ..." typed in lower case is still an IBAN
    PATTERNS = (
        Pattern(
            "iban",
            r"(?<![A-Za-z0-9\-])[A-Z]{2}[ ]{0,2}[0-9]{2}(?:(?:[ ]{1,2}|-)?[A-Z0-9]){11,30}(?![A-Za-z0-9])",
            0.5,
        ),
    )
    CONTEXT = ("iban", "rib", "compte", "virement", "prelevement")
    RESCAN_ON_REJECT = True

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.start(), match.end()
        shaped = None
        while len(_compact(text[start:end])) >= _MIN_LENGTH:
            candidate = _compact(text[start:end])
            if _valid(candidate):
                return start, end
            cut = max(text.rfind(" ", start, end), text.rfind("-", start, end))
            if shaped is None and len(candidate) <= _MAX_LENGTH and any(c.isdigit() for c in text[cut:end]):
                shaped = end  # the longest IBAN-shaped candidate ending in digits, for a mistyped one
            if cut <= start:
                break
            end = start + len(text[start:cut].rstrip(" -"))
        if shaped is not None and has_context(text, start, _CUES, window=25):
            return start, shaped
        return None

    def validate_result(self, pattern_text: str) -> bool | None:
        # None: no verdict, the pattern's score; refine() only lets a number with a wrong key through
        # right after "IBAN" or "RIB"
        return True if _valid(_compact(pattern_text)) else None


def _valid(compact: str) -> bool:
    try:
        iban.validate(compact, check_country=False)
    except InvalidComponent:  # a country python-stdnum has no format for: its length and the key
        length = _OTHER_COUNTRIES.get(compact[:2])
        return length == len(compact) and compact[2:].isdigit() and _mod97(compact)
    except ValidationError:
        return False
    return True


_CUES = ("iban", "rib")
# IBANs in use outside the SWIFT registry python-stdnum follows (the countries' own banks publish
# them, e.g. Morocco's 24-digit RIB as MAkk + RIB), with their length: digits only after the country.
_OTHER_COUNTRIES = {"MA": 28, "DZ": 26, "SN": 28, "CI": 28, "CM": 27, "ML": 28, "BF": 28, "BJ": 28, "MG": 27}
_MIN_LENGTH, _MAX_LENGTH = 15, 34


def _compact(value: str) -> str:
    return re.sub(r"[ \-]", "", value).upper()


def _mod97(compact: str) -> bool:
    rotated = compact[4:] + compact[:4]
    if not rotated.isalnum() or not rotated.isascii():
        return False
    return int("".join(str(int(c, 36)) for c in rotated)) % 97 == 1
