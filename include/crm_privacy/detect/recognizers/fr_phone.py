"""French phone numbers in every usual writing, validated against the numbering plan."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PHONE_NUMBER
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_SEP = r"[ .\-]?"
# "+33 (0)6", "+33 06" and "0033 6" all carry a redundant trunk 0 that phonenumbers rejects.
_PAIRS = re.compile(r"0[1-9](?:[ .\-][0-9]{2}){4}")
_TRUNK = re.compile(r"^(?:\+|00)[ ]?33[ .\-]?(?:\(0\)|0)")


class FrPhoneRecognizer(FrPatternRecognizer):
    """``06 12 34 56 78``, dots, dashes, no separator, ``+33 6 ...``, ``+33 (0)6 ...``, ``+336...``.

    Foreign numbers written with a ``+`` prefix are accepted when phonenumbers finds them valid.
    """

    ENTITY = PHONE_NUMBER
    NEEDS = r"[0-9]"
    PATTERNS = (
        Pattern("fr national", rf"(?<![\w+])0[1-9](?:{_SEP}[0-9]{{2}}){{4}}(?![0-9])", 0.6),
        Pattern(
            "fr international",
            rf"(?<![\w+])(?:\+|00)[ ]?33{_SEP}(?:\(0\)[ ]?|0)?[1-9](?:{_SEP}[0-9]{{2}}){{4}}(?![0-9])",
            0.6,
        ),
        Pattern(
            "international",
            r"(?<![\w+])\+(?!33)[1-9][0-9]{0,2}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,5}(?![0-9])",
            0.4,
        ),
    )
    CONTEXT = ("tel", "telephone", "portable", "mobile", "fixe", "appeler", "joindre", "numero")

    def validate_result(self, pattern_text: str) -> bool:
        if _PAIRS.fullmatch(pattern_text):
            # "06 91 58 11 01": written the way the French write phone numbers; a range the numbering
            # plan does not (yet) allocate, or a typo, is still someone's number in a CRM note
            return True
        number = _TRUNK.sub("+33", pattern_text)
        # a national number may belong to an overseas département (06 39 Mayotte, 06 90 Guadeloupe,
        # 06 92 La Réunion...): French CRMs hold them in the same national writing
        regions = _REGIONS if not number.startswith(("+", "00")) else ("FR",)
        for region in regions:
            try:
                parsed = phonenumbers.parse(number, region)
            except phonenumbers.NumberParseException:
                return False
            if phonenumbers.is_valid_number(parsed):
                return True
        return False


# Metropolitan France first, then the overseas départements and collectivités sharing the 0X plan.
_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")
