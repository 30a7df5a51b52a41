"""IBAN (French and foreign), with or without spaces, checked with the mod-97 key and BBAN format."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum import iban

from crm_privacy.detect.entities import IBAN_CODE
from crm_privacy.detect.recognizers.base import FrPatternRecognizer


class FrIbanRecognizer(FrPatternRecognizer):
    """``FR76 3000 6000 0112 3456 7890 189``, ``FR7630006000011234567890189``, grouped the bank's way
    (``FR76 30006 00001 12345678901 89``) or with dashes (``FR76-3000-...``).

    The mod-97 key and the country's BBAN format must check; national account keys are not checked
    (a valid Belgian IBAN of a bank ``python-stdnum`` does not know is still someone's account)."""

    ENTITY = IBAN_CODE
    NEEDS = r"[0-9]"
    FLAGS = re.IGNORECASE  # "fr76 ..." typed in lower case is still an IBAN
    PATTERNS = (
        Pattern(
            "iban",
            r"(?<![A-Za-z0-9\-])[A-Z]{2}[ ]?[0-9]{2}(?:[ \-]?[A-Z0-9]){11,30}(?![A-Za-z0-9])",
            0.5,
        ),
    )
    CONTEXT = ("iban", "rib", "compte", "virement", "prelevement")
    RESCAN_ON_REJECT = True

    def refine(self, text: str, match: re.Match[str], pattern_name: str) -> tuple[int, int] | None:
        return self.longest_valid(text, match.start(), match.end(), min_chars=15)

    def validate_result(self, pattern_text: str) -> bool:
        return bool(iban.is_valid(pattern_text.upper().replace("-", ""), check_country=False))
