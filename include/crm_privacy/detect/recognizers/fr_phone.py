"""French phone numbers in every usual writing, validated against the numbering plan."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern

from crm_privacy.detect.entities import PHONE_NUMBER
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_SEP = r"[ .\-]?"
# "+33 (0)6", "+33 06" and "0033 6" all carry a redundant trunk 0 that phonenumbers rejects.
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
        number = _TRUNK.sub("+33", pattern_text)
        try:
            parsed = phonenumbers.parse(number, "FR")
        except phonenumbers.NumberParseException:
            return False
        return bool(phonenumbers.is_valid_number(parsed))
