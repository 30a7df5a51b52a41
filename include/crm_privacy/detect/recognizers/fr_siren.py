"""SIREN (company number, 9 digits, Luhn), reported only next to a cue word."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum.fr import siren

from crm_privacy.detect.entities import FR_SIREN
from crm_privacy.detect.recognizers.base import FrPatternRecognizer

_SEPARATORS = re.compile(r"[ .]")


class FrSirenRecognizer(FrPatternRecognizer):
    """``SIREN 732 829 320``, ``RCS Lyon 732829320``.

    One 9-digit number in ten passes Luhn, so a bare number (an order, a quantity, an amount) is not
    enough: a cue word (SIREN, RCS, société...) must precede it within 40 characters.
    """

    ENTITY = FR_SIREN
    NEEDS = r"[0-9]"
    PATTERNS = (
        Pattern("siren grouped", r"(?<![0-9])[0-9]{3}([ .])[0-9]{3}\1[0-9]{3}(?![0-9])", 0.5),
        Pattern("siren compact", r"(?<![0-9])[0-9]{9}(?![0-9])", 0.4),
    )
    CONTEXT = (
        "siren", "sien", "rcs", "immatricul", "societe", "entreprise", "raison sociale", "sarl", "sas", "sasu", "kbis",
    )  # fmt: skip
    CONTEXT_REQUIRED = frozenset({"siren grouped", "siren compact"})

    def validate_result(self, pattern_text: str) -> bool:
        return bool(siren.is_valid(_SEPARATORS.sub("", pattern_text)))
