"""Foreign phone numbers written in their national format, without ``+country``: a French CRM has
Belgian, Swiss, Spanish, British, American, Moroccan... contacts, and their numbers as they gave them.

``+NN ...`` numbers are the French recognizer's (``fr_phone``); here a number must be grouped like a
phone number (a trunk ``0``, an area code in brackets, the North American 3-3-4) or follow a phone
word, and be valid for ``phonenumbers`` in one of the regions a French CRM meets.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PHONE_NUMBER
from crm_privacy.detect.recognizers._words import REFERENCE_WORDS, has_context
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

# Regions tried in order for a number with a trunk 0 ("0470 12 34 56", "079 123 45 67",
# "07700 900123", "0612-345678", "09-7625400", "090-1234-5678").
TRUNK_REGIONS = ("BE", "CH", "LU", "GB", "DE", "IT", "NL", "MA", "DZ", "TN", "IL", "JP", "AT", "IE")
# North American numbers: "(415) 555-0132", "415-555-0132", "415.555.0132", "1-800-555-0132".
NANP_REGIONS = ("US", "CA")
# Numbers with no trunk prefix (Spain, Portugal: 9 digits), only after a phone word.
BARE_REGIONS = ("ES", "PT", "IT", "PL", "US", "CA")
_PHONE_WORDS = (
    "tel", "telefon", "phone", "telephone", "portable", "mobile", "gsm", "cell", "fixe", "fax", "numero", "joindre",
    "appeler", "rappel", "whatsapp", "telefono", "telefone", "movil", "number", "natel", "handy", "t:", "t :",
    "m:", "m :", "llamad", "chiamare", "cellulare",
)  # fmt: skip
_DATE_START = re.compile(
    r"^(?:[0-3]?[0-9]/[01]?[0-9]/[0-9]{2,4}|[0-9]{4}-[01][0-9]-[0-3][0-9])(?![0-9])"
)  # "01/09/2025 20:45"
_DATE = re.compile(r"^\d{1,4}([./\-])\d{1,2}\1\d{1,4}$")
_PAIRS = re.compile(r"^[0-9]{2}(?:[ .\-][0-9]{2})+$")
_GROUPED = re.compile(r"^[1-9][0-9]{0,2}([ .\-])[0-9]{1,4}(?:\1[0-9]{2,4}){2,3}$")
_NANP = re.compile(r"^(?:1[ .\-])?(?:\(\d{3}\)[ ]?\d{3}[ .\-]\d{4}|\d{3}[ .\-]\d{3}[ .\-]\d{4})$")
# Spanish (9 digits from 6-9, "685 65 58 00", "938 127 185") and Italian mobiles ("328 746 3744",
# "340-7936042"), written without +34 / +39 and without a trunk 0.
_ES = re.compile(
    r"^[6-9](?:[0-9]{2}[ ][0-9]{3}[ ][0-9]{3}|[0-9]{2}[ ][0-9]{2}[ ][0-9]{2}[ ][0-9]{2}|[0-9][ ][0-9]{3}[ ][0-9]{2}[ ][0-9]{2})$"
)
_IT_MOBILE = re.compile(r"^3[0-9]{2}(?:[ .\-][0-9]{3}[ .\-][0-9]{3,4}|[ .\-][0-9]{6,7})$")


class ForeignPhoneRecognizer(FrPatternRecognizer):
    """``(415) 555-0132``, ``0470 12 34 56``, ``079 123 45 67``, ``07700 900123``, ``090-1234-5678``,
    ``tel 612 345 678``."""

    ENTITY = PHONE_NUMBER
    NEEDS = r"[0-9]{2}(?:[ .\-/)]|[ ]/)[ ]?[0-9]|[0-9]{9}"
    PATTERNS = (
        # "T: 949819778", "móvil 672953508": a compact foreign number right after a phone word
        Pattern("compact after a phone word", r"(?<![\w+/.,\-])[1-9][0-9]{8,10}(?![\w/]|[.,\-][0-9])", 0.45),
        Pattern(
            "national",
            r"(?<![\w+/.,\-])(?:1[ .\-](?=[2-9][0-9]{2}[ .\-])|\([0-9]{2,5}\)[ ]?|[0-9]{2,5}(?:[ .\-/]|[ ]/[ ]))"
            r"(?:[0-9]{2,8}[ .\-/]){0,4}[0-9]{2,8}"
            r"(?![\w/]|[.,\-][0-9])",
            0.5,
        ),
    )
    CONTEXT = _PHONE_WORDS

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        start, end = match.span()
        candidate = text[start:end]
        if pattern_name == "compact after a phone word":
            if not has_context(text, start, _PHONE_WORDS, window=12):
                return None
            return (start, end) if _valid_in(candidate, BARE_REGIONS, possible=True) else None
        digits = re.sub(r"[^0-9]", "", candidate)
        if not 8 <= len(digits) <= 13 or _DATE.match(candidate) or _DATE_START.match(candidate):
            return None
        if has_context(text, start, REFERENCE_WORDS, window=15):
            return None
        cued = has_context(text, start, _PHONE_WORDS, window=25)
        if _PAIRS.match(candidate):
            return None  # "06 12 34 56": the French writing (a digit pair short), not a foreign one
        if candidate.startswith("0") or candidate.startswith("(0"):
            regions: tuple[str | None, ...] = TRUNK_REGIONS
        elif _NANP.match(candidate):
            # North American writing: the shape is the evidence, 555-01xx fiction numbers included
            return (start, end) if _valid_in(candidate, NANP_REGIONS, possible=True) else None
        elif _ES.match(candidate):
            regions = ("ES",)
        elif _IT_MOBILE.match(candidate):
            regions = ("IT",)
        elif cued:
            regions = BARE_REGIONS
        elif _GROUPED.match(candidate) and _valid_in("+" + candidate, (None,)):
            return start, end  # "91-415-555-0132", "44 20 7123 4567": a country code without its "+"
        else:
            return None
        # after a phone word, a possible length is enough (fictitious and unallocated numbers too)
        return (start, end) if _valid_in(candidate, regions, possible=cued) else None

    def validate_result(self, pattern_text: str) -> bool | None:
        return None  # validated in refine(), where the context is known; reported at 0.5


def _valid_in(number: str, regions: tuple[str | None, ...], *, possible: bool = False) -> bool:
    check = phonenumbers.is_possible_number if possible else phonenumbers.is_valid_number
    for region in regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if check(parsed):
            return True
    return False
