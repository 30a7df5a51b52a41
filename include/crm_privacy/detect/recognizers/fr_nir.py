"""French social security number (NIR): 15 characters, Corsica 2A/2B, key checked."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum.fr import nir

from crm_privacy.detect.entities import FR_NIR
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_S = r"(?:[ ]{1,2}|[ ]?[.\-][ ]?)?"
_SEPARATORS = re.compile(r"[ .\-/]")


class FrNirRecognizer(FrPatternRecognizer):
    """``2 80 01 2A 123 456 78``, ``1 92 01 974 10 197 33`` (overseas: a 3-digit department, a
    2-digit commune) or ``180017512345678``: sex, year, month, department, commune, order and the
    two-digit key (97 - number mod 97, with 2A -> 19 and 2B -> 18)."""

    ENTITY = FR_NIR
    NEEDS = r"[0-9]"
    PATTERNS = (
        Pattern(
            "nir",
            rf"(?<![0-9A-Za-z])[1-478]{_S}[0-9]{{2}}{_S}(?:0[1-9]|1[0-2]|[2-9][0-9]){_S}"
            # department and commune: 2 + 3 characters, or 3 + 2 overseas ("971 19": Guadeloupe)
            rf"(?:(?:[0-9]{{2}}|2[AaBb]){_S}[0-9]{{3}}|9[78][0-9]{_S}[0-9]{{2}}){_S}[0-9]{{3}}"
            rf"(?:{_S}|[ ]?/[ ]?)[0-9]{{2}}(?![0-9])",
            0.5,
        ),
        # "2 5503 9935 2239 77": any grouping of the 15 characters, after a NIR cue only
        Pattern(
            "nir any grouping",
            r"(?<![0-9A-Za-z])[1-478](?:[ ]?[0-9AaBb]){12}[ ]?[0-9][ ]?[0-9](?![0-9])",
            0.5,
        ),
        # "1480568564314 45": 13 digits then the key
        Pattern(
            "nir key apart",
            r"(?<![0-9A-Za-z])[1-478][0-9]{4}(?:[0-9]{2}|2[AaBb])[0-9]{6}[ ]{1,2}[0-9]{2}(?![0-9])",
            0.5,
        ),
    )
    CONTEXT = ("nir", "securite sociale", "secu", "insee", "n ss", "numero ss", "vitale", "assure")
    CONTEXT_REQUIRED = frozenset({"nir any grouping"})

    def validate_result(self, pattern_text: str) -> bool:
        return bool(nir.is_valid(_SEPARATORS.sub("", pattern_text).upper()))
